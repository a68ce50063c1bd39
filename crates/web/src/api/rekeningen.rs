//! Nieuwe bankrekeningen in de API (vier ogen): de verzoeken die wachten, één verzoek met de brief
//! aan het oude adres, en goedkeuren of afwijzen. Dezelfde use cases als `paginas::rekeningen`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vangnet_app::rekeningen::Rekeningwijzigingbeeld;
use vangnet_domain::tijd;

use crate::fout::WebFout;
use crate::invoer::{met_etag, ApiId, ApiQuery, IfMatch, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een verzoek om een nieuwe rekening; het IBAN volledig (wie beoordeelt, moet het zien).
#[derive(Serialize)]
pub struct Rekeningwijziging {
    id: i64,
    persoon_id: i64,
    naam: String,
    iban: String,
    tenaamstelling: String,
    vanaf: NaiveDate,
    huidige_iban: Option<String>,
    reden: String,
    aangevraagd_door: String,
    aangevraagd_op: String,
    status: &'static str,
    afwijsreden: Option<String>,
    versie: i64,
    /// Mag wie vraagt dit verzoek beoordelen (het recht, en niet zelf aangevraagd)?
    mag_beoordelen: bool,
    /// De brief aan het adres dat bij het verzoek bekend was (alleen bij één verzoek).
    #[serde(skip_serializing_if = "Option::is_none")]
    brief: Option<String>,
}

impl Rekeningwijziging {
    fn uit(b: Rekeningwijzigingbeeld, brief: Option<String>) -> Self {
        let w = b.wijziging;
        Self {
            id: w.id,
            persoon_id: w.persoon_id,
            naam: b.naam,
            iban: w.iban,
            tenaamstelling: w.tenaamstelling,
            vanaf: w.vanaf,
            huidige_iban: b.huidige_iban,
            reden: w.reden,
            aangevraagd_door: b.aangevraagd_door,
            aangevraagd_op: tijd::instant_tekst(w.aangevraagd_op),
            status: w.status.code(),
            afwijsreden: w.afwijsreden,
            versie: w.versie,
            mag_beoordelen: b.mag_beoordelen,
            brief,
        }
    }
}

/// De verzoeken die op een beoordeling wachten (komen in het toegangslog).
pub async fn open(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<super::Bladeren>,
) -> Result<Response, WebFout> {
    let lijst: Vec<Rekeningwijziging> = staat
        .app
        .rekeningwijzigingen_open(&wie.ctx)
        .await?
        .into_iter()
        .map(|b| Rekeningwijziging::uit(b, None))
        .collect();
    let (lijst, volgende) = super::deel(lijst, b.na.as_deref())?;
    Ok(super::bladzijde(
        &uri,
        volgende,
        serde_json::json!({ "rekeningwijzigingen": lijst }),
    ))
}

pub async fn een(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let (b, brief) = staat.app.rekeningwijziging(&wie.ctx, id).await?;
    let w = Rekeningwijziging::uit(b, Some(brief));
    Ok(met_etag(w.versie, Json(w)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beoordeling {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    goedkeuren: bool,
    /// Verplicht bij afwijzen.
    #[serde(default)]
    reden: String,
}

/// Goedkeuren (de rekening geldt vanaf haar dag) of afwijzen met een reden; niet het eigen
/// verzoek.
pub async fn beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(b): JsonInvoer<Beoordeling>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(b.versie)?;
    staat
        .app
        .rekeningwijziging_beoordelen(&wie.ctx, id, versie, b.goedkeuren, &b.reden)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}
