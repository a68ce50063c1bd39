//! Taken die een handeling afrondt (issue 21 punt 10): een besluit, een voorschot, een
//! beoordeling zet haar taken op gereed, en zolang het werk openstaat, gaat dat niet met een klik.

use chrono::{DateTime, Utc};
use vangnet_domain::werk::{Taaksoort, Taakstatus};

use crate::opslag::Transactie;
use crate::{AppFout, Context};

/// Zet de open taken van dossier `dossier_id` die aan `welke` voldoen op gereed, door de
/// handeling van `ctx` (die ze afrondde): een besluit, een voorschot, een beoordeling.
pub(crate) async fn taken_afronden(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    dossier_id: i64,
    welke: impl Fn(&crate::opslag::TaakRij) -> bool + Send,
) -> Result<(), AppFout> {
    for mut t in tx.taken_van_dossier(dossier_id).await? {
        if t.status != Taakstatus::Gereed && welke(&t) {
            t.status = Taakstatus::Gereed;
            t.gereed_op = Some(nu);
            t.gebruiker_id = t.gebruiker_id.or(ctx.actor.gebruiker_id());
            t.versie += 1;
            tx.taak_bijwerken(&t).await?;
        }
    }
    Ok(())
}

/// Rondt een handeling deze taak af terwijl het werk nog openstaat? Dan waar die handeling is.
/// Het begin van de omschrijving van de goedkeuringstaak van een toekenning (waaraan de taak
/// bij het besluit wordt herkend; zie `uitkering_toekennen`).
pub const VOORSTEL_TAAK: &str = "Toekenning (voorstel ";

/// De mutatie waarover een goedkeuringstaak gaat (`Mutatie 12 (…`, zie `mutatie_registreren`).
pub fn mutatie_van_taak(omschrijving: &str) -> Option<i64> {
    omschrijving
        .strip_prefix("Mutatie ")?
        .split_once(" (")?
        .0
        .parse()
        .ok()
}

/// Het voorstel tot toekenning waarover een goedkeuringstaak gaat (zie
/// [`VOORSTEL_TAAK`]).
pub fn voorstel_van_taak(omschrijving: &str) -> Option<i64> {
    omschrijving
        .strip_prefix(VOORSTEL_TAAK)?
        .split_once(')')?
        .0
        .parse()
        .ok()
}

pub(super) async fn afronden_door_handeling(
    tx: &mut dyn Transactie,
    t: &crate::opslag::TaakRij,
) -> Result<Option<String>, AppFout> {
    let dossier = match t.dossier_id {
        Some(d) => tx.dossier_op_id(d).await?,
        None => None,
    };
    let aanvraag_open = match &dossier {
        Some(d) => d.status.open() && tx.uitkering_van_dossier(d.id).await?.is_none(),
        None => false,
    };
    Ok(match t.soort {
        Taaksoort::Besluit if aanvraag_open => Some(
            "Deze taak gaat op gereed door het besluit op de aanvraag (toekennen, of niet \
             toekennen: afwijzen, buiten behandeling stellen of de intrekking vastleggen), niet \
             met een klik terwijl de aanvraag openstaat."
                .into(),
        ),
        Taaksoort::Voorschot if aanvraag_open => Some(
            "Deze taak gaat op gereed door het besluit over het voorschot (Voorschotten op het \
             dossier: verlenen of weigeren met reden)."
                .into(),
        ),
        Taaksoort::Goedkeuring if t.omschrijving.starts_with(VOORSTEL_TAAK) => {
            let open = match t.dossier_id {
                Some(d) => tx
                    .toekenningsvoorstellen_van(d)
                    .await?
                    .iter()
                    .any(|v| v.status == vangnet_domain::beheerverzoek::Verzoekstatus::Open),
                None => false,
            };
            open.then(|| {
                "Deze taak gaat op gereed door de beoordeling van de toekenning (goedkeuren of \
                 afwijzen met reden)."
                    .to_owned()
            })
        }
        Taaksoort::Goedkeuring if mutatie_van_taak(&t.omschrijving).is_some() => {
            let wacht = match mutatie_van_taak(&t.omschrijving) {
                Some(m) => tx
                    .mutatie_op_id(m)
                    .await?
                    .is_some_and(|m| m.status.mag_beoordelen()),
                None => false,
            };
            wacht.then(|| {
                "Deze taak gaat op gereed door de beoordeling van de mutatie (goedkeuren of \
                 afwijzen met reden)."
                    .to_owned()
            })
        }
        Taaksoort::Goedkeuring if t.omschrijving.starts_with("Nieuwe bankrekening") => {
            let open = match t.persoon_id {
                Some(p) => tx
                    .rekeningwijzigingen(Some(p))
                    .await?
                    .iter()
                    .any(|w| w.status == vangnet_domain::beheerverzoek::Verzoekstatus::Open),
                None => false,
            };
            open.then(|| {
                "Deze taak gaat op gereed door de beoordeling van de rekening (/rekeningen)."
                    .to_owned()
            })
        }
        _ => None,
    })
}
