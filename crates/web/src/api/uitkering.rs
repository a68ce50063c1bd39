//! Toekennen in de API: het voorbeeld (wat de toekenning per maand betaalt, slaat niets op),
//! toekennen (of voorleggen aan een tweede consulent als vier ogen dat vraagt), een voorgelegde
//! toekenning bekijken en beoordelen, en een aanvraag afhandelen zonder toekenning. Dezelfde use
//! cases als het scherm `paginas::uitkering`.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vangnet_app::uitkeringen::{Toekenning, Toekenningsinvoer, Toekenningsvoorbeeld};

use crate::fout::WebFout;
use crate::invoer::{met_etag, ApiId, IfMatch, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToekenningJson {
    /// jjjj-mm-dd: de eerste dag met recht (standaard de dag van de melding, art. 44 lid 1).
    begindatum: String,
    /// Het besluit in woorden.
    #[serde(default = "standaardinhoud")]
    inhoud: String,
    /// Alleen bij een begin vóór de melding (art. 44 lid 1).
    #[serde(default)]
    bijzondere_reden: String,
}

fn standaardinhoud() -> String {
    "Algemene bijstand toegekend".into()
}

impl ToekenningJson {
    fn invoer(&self) -> Toekenningsinvoer<'_> {
        Toekenningsinvoer {
            begindatum: &self.begindatum,
            inhoud: &self.inhoud,
            bijzondere_reden: &self.bijzondere_reden,
        }
    }
}

#[derive(Serialize)]
pub struct Maand {
    maand: NaiveDate,
    /// Leeg als de maand niet te berekenen is; dan staat de reden in `fout`.
    uitbetaling_centen: Option<i64>,
    fout: Option<String>,
}

#[derive(Serialize)]
pub struct Uitlegregel {
    omschrijving: String,
    artikel: String,
    bedrag_centen: i64,
}

/// Wat een toekenning zou betalen.
#[derive(Serialize)]
pub struct Voorbeeld {
    begin: NaiveDate,
    maanden: Vec<Maand>,
    totaal_centen: i64,
    /// De maanden vóór deze maand: in één keer verschuldigd (Awb 4:87).
    nabetaling_centen: i64,
    /// Waarom een tweede consulent moet goedkeuren, als dat zo is.
    vier_ogen: Option<String>,
    /// De berekening van de eerste maand, per stap met het artikel.
    uitleg: Vec<Uitlegregel>,
    /// De laatste dag met een normtabel, als latere maanden (nog) niet te berekenen zijn.
    berekend_tot: Option<NaiveDate>,
}

impl From<Toekenningsvoorbeeld> for Voorbeeld {
    fn from(v: Toekenningsvoorbeeld) -> Voorbeeld {
        Voorbeeld {
            begin: v.begin,
            maanden: v
                .maanden
                .into_iter()
                .map(|(maand, r)| match r {
                    Ok(c) => Maand {
                        maand,
                        uitbetaling_centen: Some(c),
                        fout: None,
                    },
                    Err(f) => Maand {
                        maand,
                        uitbetaling_centen: None,
                        fout: Some(f),
                    },
                })
                .collect(),
            totaal_centen: v.totaal,
            nabetaling_centen: v.nabetaling,
            vier_ogen: v.vier_ogen,
            uitleg: v
                .uitleg
                .map(|u| {
                    u.uitleg
                        .into_iter()
                        .map(|r| Uitlegregel {
                            omschrijving: r.omschrijving,
                            artikel: r.artikel,
                            bedrag_centen: r.bedrag_centen,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            berekend_tot: v.berekend_tot,
        }
    }
}

/// Wat de toekenning per maand zou betalen, met de uitleg; slaat niets op.
pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(t): JsonInvoer<ToekenningJson>,
) -> Result<Json<Voorbeeld>, WebFout> {
    let v = staat
        .app
        .toekenning_voorbeeld(&wie.ctx, id, &t.invoer())
        .await?;
    Ok(Json(v.into()))
}

/// Kent toe (201, de uitkering) of legt voor aan een tweede consulent (202, het voorstel).
pub async fn toekennen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(t): JsonInvoer<ToekenningJson>,
) -> Result<Response, WebFout> {
    Ok(
        match staat
            .app
            .uitkering_toekennen(&wie.ctx, id, &t.invoer())
            .await?
        {
            Toekenning::Toegekend(u) => (
                StatusCode::CREATED,
                [(header::LOCATION, format!("/api/v1/dossiers/{id}/uitkering"))],
                Json(serde_json::json!({ "status": "toegekend", "uitkering_id": u })),
            )
                .into_response(),
            Toekenning::Voorgelegd(v) => (
                StatusCode::ACCEPTED,
                [(header::LOCATION, format!("/api/v1/toekenningen/{v}"))],
                Json(serde_json::json!({ "status": "voorgelegd", "voorstel_id": v })),
            )
                .into_response(),
        },
    )
}

/// Een voorgelegde toekenning met wat zij nu zou betalen.
#[derive(Serialize)]
pub struct Voorstel {
    id: i64,
    dossier_id: i64,
    dossiernummer: String,
    begindatum: NaiveDate,
    inhoud: String,
    bijzondere_reden: String,
    voorgesteld_door: String,
    voorgesteld_op: String,
    status: &'static str,
    afwijsreden: Option<String>,
    versie: i64,
    /// Wat zij nu zou betalen; leeg als zij niet meer kan (zie `niet_beoordelen`).
    voorbeeld: Option<Voorbeeld>,
    /// Waarom wie kijkt haar niet kan beoordelen (eigen voorstel, al beoordeeld, …).
    niet_beoordelen: Option<String>,
}

pub async fn voorstel(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let b = staat.app.toekenning_ter_beoordeling(&wie.ctx, id).await?;
    let v = b.voorstel;
    let (voorbeeld, kan_niet) = match b.voorbeeld {
        Ok(x) => (Some(x.into()), None),
        Err(m) => (None, Some(m)),
    };
    Ok(met_etag(
        v.versie,
        Json(Voorstel {
            id: v.id,
            dossier_id: v.dossier_id,
            dossiernummer: b.dossier_nummer,
            begindatum: v.begindatum,
            inhoud: v.inhoud,
            bijzondere_reden: v.bijzondere_reden,
            voorgesteld_door: b.voorgesteld_door,
            voorgesteld_op: vangnet_domain::tijd::instant_tekst(v.voorgesteld_op),
            status: v.status.code(),
            afwijsreden: v.afwijsreden,
            versie: v.versie,
            voorbeeld,
            niet_beoordelen: b.niet_beoordelen.or(kan_niet),
        }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoorstelBeoordeling {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    goedkeuren: bool,
    /// Verplicht bij afwijzen.
    #[serde(default)]
    reden: String,
}

/// Goedkeuren (de uitkering komt er) of afwijzen met een reden; niet het eigen voorstel.
pub async fn voorstel_beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(b): JsonInvoer<VoorstelBeoordeling>,
) -> Result<Json<serde_json::Value>, WebFout> {
    let versie = im.versie(b.versie)?;
    let uitkering = staat
        .app
        .toekenning_beoordelen(&wie.ctx, id, versie, b.goedkeuren, &b.reden)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(Json(serde_json::json!({ "uitkering_id": uitkering })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfhandelingJson {
    /// `afwijzen`, `buiten_behandeling_stellen` of `intrekking_vastleggen`.
    uitkomst: String,
    /// De grond van het besluit.
    grond: String,
}

/// Een aanvraag afhandelen zonder toekenning: afwijzen, buiten behandeling stellen (Awb 4:5) of
/// de intrekking vastleggen.
pub async fn afhandelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(a): JsonInvoer<AfhandelingJson>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .aanvraag_afhandelen(&wie.ctx, id, &a.uitkomst, &a.grond)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
