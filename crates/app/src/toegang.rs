//! Het toegangslog: wie zag wiens gegevens, voor welke verwerkingsactiviteit, wanneer. Gemodelleerd
//! naar Logboek Dataverwerkingen: het operatie-id is de `trace_id`, elke verwerking krijgt een
//! eigen `span_id`, en er staat één betrokkene per regel. De opslag bewaart de vaste gegevens van
//! een verwerking één keer ([`crate::opslag::Verwerking`]); een bulkverwerking (betaalrun,
//! herberekening) voegt er per betrokkene alleen een regel aan toe.

use serde::Serialize;
use vangnet_domain::{tijd, Recht, Verwerkingsactiviteit};

use crate::geheim;
use crate::opslag::{ToegangFilter, ToegangRij, Transactie, Verwerking};
use crate::{App, AppFout, Context};

/// Een toegangsregel zonder betrokkene-id: voor regels die de opslag in bulk aanvult (een hele
/// partij of run in één statement).
pub(crate) fn sjabloon(
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    activiteit: Verwerkingsactiviteit,
    betrokkene_type: &str,
    omschrijving: &str,
) -> ToegangRij {
    ToegangRij {
        id: 0,
        trace_id: ctx.operatie_id.clone(),
        span_id: geheim::span_id(),
        tijdstip: tijd::instant_tekst(tijdstip),
        gebruiker_id: ctx.actor.gebruiker_id(),
        gebruiker: ctx.actor.omschrijving(),
        verwerkingsactiviteit: activiteit.id.to_owned(),
        betrokkene_type: betrokkene_type.to_owned(),
        betrokkene_id: String::new(),
        omschrijving: omschrijving.to_owned(),
    }
}

/// Begint een bulkverwerking van gelezen personen (betaalrun, herberekening): de vaste gegevens
/// één keer; de personen volgen per partij met `toegang_voor_personen`.
pub(crate) async fn personen_verwerking(
    tx: &mut dyn Transactie,
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    activiteit: Verwerkingsactiviteit,
    omschrijving: &str,
) -> Result<Verwerking, AppFout> {
    let s = sjabloon(ctx, tijdstip, activiteit, "persoon", omschrijving);
    Ok(tx.verwerking_vastleggen(&s).await?)
}

/// Schrijft één regel in de lopende (schrijf)transactie.
pub async fn vastleggen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    activiteit: Verwerkingsactiviteit,
    betrokkene_type: &str,
    betrokkene_id: &str,
    omschrijving: &str,
) -> Result<(), AppFout> {
    tx.toegang_toevoegen(&ToegangRij {
        betrokkene_id: betrokkene_id.to_owned(),
        ..sjabloon(ctx, tijdstip, activiteit, betrokkene_type, omschrijving)
    })
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct ToegangPagina {
    pub regels: Vec<ToegangRij>,
    pub totaal: i64,
}

impl App {
    pub async fn toegang_zoeken(
        &self,
        ctx: &Context,
        filter: &ToegangFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Result<ToegangPagina, AppFout> {
        ctx.actor.vereist(Recht::ToegangslogInzien)?;
        let mut tx = self.opslag.lees().await?;
        let regels = tx
            .toegang_zoeken(filter, limiet.clamp(1, 500), overslaan.max(0))
            .await?;
        let totaal = tx.toegang_tellen(filter).await?;
        tx.afsluiten().await?;
        Ok(ToegangPagina { regels, totaal })
    }
}

/// Naam en gemaskeerd BSN van personen (`El Amrani, F. (*****3653)`), zoals nu bekend, en elke
/// getoonde persoon in het toegangslog met `waarom`.
pub(crate) async fn clientnamen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    ids: &[i64],
    waarom: &str,
) -> Result<std::collections::HashMap<i64, String>, AppFout> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut uit = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(uit);
    }
    let personen = tx.personen_op_ids(&ids).await?;
    let gegevens = tx.persoonsgegevens_van(&ids).await?;
    for p in personen {
        let naam = gegevens
            .iter()
            .filter(|g| g.persoon_id == p.id && g.historie.actueel())
            .max_by_key(|g| g.historie.geldig_vanaf)
            .map_or_else(
                || "(naam onbekend)".to_owned(),
                |g| {
                    vangnet_domain::persoon::naam::Naam {
                        voornamen: g.voornamen.clone(),
                        voorvoegsel: g.voorvoegsel.clone(),
                        geslachtsnaam: g.geslachtsnaam.clone(),
                    }
                    .sorteervorm()
                },
            );
        let bsn = vangnet_domain::persoon::Bsn::uit_getal(p.bsn)
            .map(vangnet_domain::persoon::Bsn::gemaskeerd)
            .unwrap_or_default();
        vastleggen(
            tx,
            ctx,
            nu,
            vangnet_domain::verwerking::BIJSTANDSVERLENING,
            "persoon",
            &p.id.to_string(),
            waarom,
        )
        .await?;
        uit.insert(p.id, format!("{naam} ({bsn})"));
    }
    Ok(uit)
}
