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
            "Deze taak gaat op gereed door het besluit op de aanvraag (toekennen op het dossier), \
             niet met een klik terwijl de aanvraag openstaat."
                .into(),
        ),
        Taaksoort::Voorschot if aanvraag_open => Some(
            "Deze taak gaat op gereed door het besluit over het voorschot (Voorschotten op het \
             dossier: verlenen of weigeren met reden)."
                .into(),
        ),
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
