//! Contact in de API naast het vastleggen en lezen (in `api`): een onbekende beller koppelen aan
//! de persoon met een BSN, en een terugbelverzoek afronden (gesproken of niet bereikt) met het
//! contactmoment dat eruit volgt. Dezelfde use cases als `paginas::contact`.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;

use crate::fout::WebFout;
use crate::invoer::{ApiId, IfMatch, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Koppeling {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    bsn: String,
    /// Optioneel: het dossier waar het gesprek over ging.
    #[serde(default)]
    dossiernummer: String,
}

/// Koppelt het contactmoment van een onbekende beller aan de persoon met dit BSN.
pub async fn koppelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(k): JsonInvoer<Koppeling>,
) -> Result<Json<serde_json::Value>, WebFout> {
    let versie = im.versie(k.versie)?;
    let persoon = staat
        .app
        .contactmoment_koppelen_op_bsn(&wie.ctx, id, versie, &k.bsn, &k.dossiernummer)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(Json(serde_json::json!({ "persoon_id": persoon })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Teruggebeld {
    /// De versie van de terugbeltaak.
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    /// Heeft de medewerker de klant gesproken?
    bereikt: bool,
    /// Wat er besproken is (of de poging).
    #[serde(default)]
    tekst: String,
}

/// Rondt een terugbelverzoek af; het antwoord noemt het contactmoment dat is vastgelegd.
pub async fn terugbellen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(t): JsonInvoer<Teruggebeld>,
) -> Result<Json<serde_json::Value>, WebFout> {
    let versie = im.versie(t.versie)?;
    let contact = staat
        .app
        .terugbellen_afronden(&wie.ctx, id, versie, t.bereikt, &t.tekst)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(Json(serde_json::json!({ "contactmoment_id": contact })))
}
