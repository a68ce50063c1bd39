//! De inrichting van het werk in de API (functioneel beheerder): servicenormen, postcodegebieden,
//! gewichten per zaaktype, vier ogen (een wijziging wacht op een tweede beheerder), de
//! onderwerpen van contactmomenten en de met een feestdag gelijkgestelde dagen. Lijsten die op het
//! scherm als tekst worden ingevoerd (gebieden, onderwerpen), neemt de API in dezelfde vorm aan:
//! één regel per gebied of onderwerp, met dezelfde controles en dezelfde meldingen per regel.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fout::WebFout;
use crate::invoer::JsonInvoer;
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Serialize)]
pub struct Servicenorm {
    soort: &'static str,
    eenheid: &'static str,
    aantal: u32,
    waarschuwen_werkdagen: u32,
}

#[derive(Serialize)]
pub struct Postcodegebied {
    van: u16,
    tot_en_met: u16,
    team_id: i64,
    team: String,
}

#[derive(Serialize)]
pub struct Gewicht {
    zaaktype: &'static str,
    /// In honderdsten (100 = één gewone aanvraag).
    gewicht: i64,
}

#[derive(Serialize)]
pub struct VierOgen {
    drempel_centen: i64,
    soorten: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct Onderwerp {
    code: String,
    omschrijving: String,
    actief: bool,
}

#[derive(Serialize)]
pub struct GelijkgesteldeDag {
    datum: NaiveDate,
    omschrijving: String,
    bron: String,
}

#[derive(Serialize)]
pub struct Inrichting {
    servicenormen: Vec<Servicenorm>,
    postcodegebieden: Vec<Postcodegebied>,
    gewichten: Vec<Gewicht>,
    vier_ogen: VierOgen,
    contactonderwerpen: Vec<Onderwerp>,
    gelijkgestelde_dagen: Vec<GelijkgesteldeDag>,
}

pub async fn inrichting(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
) -> Result<Json<Inrichting>, WebFout> {
    let i = staat.app.werk_inrichting(&wie.ctx).await?;
    let v = staat.app.vier_ogen_inrichting(&wie.ctx).await?;
    let o = staat.app.contactonderwerpen_inrichting(&wie.ctx).await?;
    let dagen = staat.app.gelijkgestelde_dagen(&wie.ctx).await?;
    Ok(Json(Inrichting {
        servicenormen: i
            .normen
            .into_iter()
            .map(|n| Servicenorm {
                soort: n.soort.code(),
                eenheid: n.eenheid.code(),
                aantal: n.aantal,
                waarschuwen_werkdagen: n.waarschuwen_werkdagen,
            })
            .collect(),
        postcodegebieden: i
            .gebieden
            .into_iter()
            .map(|g| Postcodegebied {
                van: g.van,
                tot_en_met: g.tot_en_met,
                team_id: g.team_id,
                team: g.team,
            })
            .collect(),
        gewichten: i
            .gewichten
            .into_iter()
            .map(|(z, gewicht)| Gewicht {
                zaaktype: z.code(),
                gewicht,
            })
            .collect(),
        vier_ogen: VierOgen {
            drempel_centen: v.drempel,
            soorten: v.soorten.iter().map(|s| s.code()).collect(),
        },
        contactonderwerpen: o
            .into_iter()
            .map(|o| Onderwerp {
                code: o.code,
                omschrijving: o.omschrijving,
                actief: o.actief,
            })
            .collect(),
        gelijkgestelde_dagen: dagen
            .into_iter()
            .map(|d| GelijkgesteldeDag {
                datum: d.datum,
                omschrijving: d.omschrijving,
                bron: d.bron,
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweServicenorm {
    soort: String,
    /// `werkdagen` of `wettelijke_weken`.
    eenheid: String,
    aantal: String,
    waarschuwen: String,
}

pub async fn servicenorm(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(n): JsonInvoer<NieuweServicenorm>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .servicenorm_wijzigen(&wie.ctx, &n.soort, &n.eenheid, &n.aantal, &n.waarschuwen)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuwGewicht {
    zaaktype: String,
    gewicht: String,
}

pub async fn gewicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(g): JsonInvoer<NieuwGewicht>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .zaaktypegewicht_zetten(&wie.ctx, &g.zaaktype, &g.gewicht)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweVierOgen {
    /// Bedrag in euro's zoals op het scherm (`2500` of `2.500,00`).
    drempel: String,
    /// Codes van de soorten mutatie die altijd vier ogen vragen.
    soorten: Vec<String>,
}

/// Een andere inrichting van vier ogen wacht op een tweede beheerder (202 met het verzoek).
pub async fn vier_ogen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(v): JsonInvoer<NieuweVierOgen>,
) -> Result<(StatusCode, Json<serde_json::Value>), WebFout> {
    let verzoek = staat
        .app
        .vier_ogen_inrichten(&wie.ctx, &v.drempel, &v.soorten)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::json!({ "beheerverzoek_id": verzoek })),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regels {
    /// Eén regel per gebied (`3000 3099 Noord`) of onderwerp (`betaling = Betaling`).
    regels: String,
}

pub async fn postcodegebieden(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(r): JsonInvoer<Regels>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .postcodegebieden_zetten(&wie.ctx, &r.regels)
        .await
        .map_err(|e| super::api_veldnamen(e, &[("gebieden", "regels")]))?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn contactonderwerpen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(r): JsonInvoer<Regels>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .contactonderwerpen_zetten(&wie.ctx, &r.regels)
        .await
        .map_err(|e| super::api_veldnamen(e, &[("onderwerpen", "regels")]))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweDag {
    /// jjjj-mm-dd.
    datum: String,
    omschrijving: String,
    #[serde(default)]
    bron: String,
}

/// Een dag die als feestdag telt voor de termijnen (bv. een brugdag van de gemeente).
pub async fn gelijkgestelde_dag(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(d): JsonInvoer<NieuweDag>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .gelijkgestelde_dag_zetten(&wie.ctx, &d.datum, &d.omschrijving, &d.bron)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn gelijkgestelde_dag_verwijderen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(datum): Path<String>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .gelijkgestelde_dag_verwijderen(&wie.ctx, &datum)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
