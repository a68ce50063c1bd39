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
