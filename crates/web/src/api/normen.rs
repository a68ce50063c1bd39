//! Normtabellen in de API: wat per periode geldt (elk bedrag met zijn artikel), de geschiedenis
//! van ladingen, het voorbeeld van een nieuw bestand (elk bedrag dat verandert) en laden. Laden
//! vraagt de vingerafdruk uit het voorbeeld, zoals het scherm: wat geladen wordt, is wat gezien
//! is. De herberekening van alle uitkeringen is dan een job (zie `/api/v1/jobs`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vangnet_app::AppFout;
use vangnet_domain::{tijd, Recht};

use crate::fout::WebFout;
use crate::invoer::{vingerafdruk, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Serialize)]
pub struct Normbedrag {
    /// Het artikel en wat het bedrag is.
    omschrijving: &'static str,
    /// Leeg als de tabel dit bedrag niet kent.
    bedrag_centen: Option<i64>,
}

#[derive(Serialize)]
pub struct Normperiode {
    geldig_vanaf: NaiveDate,
    geldig_tot_en_met: NaiveDate,
    /// Het einde volgt uit het begin van de volgende periode (niet uit de bron).
    tot_afgeleid: bool,
    /// Niet geverifieerd tegen de bron: de noot zegt waarom (UNVERIFIED blijft in de data).
    geverifieerd: bool,
    noot: String,
    bedragen: Vec<Normbedrag>,
}

#[derive(Serialize)]
pub struct Lading {
    id: i64,
    geladen_op: String,
    geladen_door: String,
    bestandsnaam: String,
    sha256: String,
}

#[derive(Serialize)]
pub struct Normenoverzicht {
    /// De lading die nu geldt; leeg: de meegecompileerde tabellen.
    geldende_lading: Option<i64>,
    perioden: Vec<Normperiode>,
    ladingen: Vec<Lading>,
}

/// Wat nu geldt, per periode. Normbedragen zijn openbaar: elke ingelogde gebruiker.
pub async fn overzicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
) -> Result<Json<Normenoverzicht>, WebFout> {
    let o = staat.app.normen_overzicht(&wie.ctx).await?;
    let perioden = o
        .geldend
        .tabellen
        .0
        .iter()
        .map(|t| Normperiode {
            geldig_vanaf: t.geldig_vanaf,
            geldig_tot_en_met: t.geldig_tot_en_met,
            tot_afgeleid: t.tot_afgeleid,
            geverifieerd: t.geverifieerd,
            noot: t.noot.clone(),
            bedragen: t
                .alle_bedragen()
                .into_iter()
                .map(|(omschrijving, bedrag_centen)| Normbedrag {
                    omschrijving,
                    bedrag_centen,
                })
                .collect(),
        })
        .collect();
    Ok(Json(Normenoverzicht {
        geldende_lading: o.geldend.lading.map(|l| l.id),
        perioden,
        ladingen: o
            .ladingen
            .into_iter()
            .map(|l| Lading {
                id: l.id,
                geladen_op: tijd::instant_tekst(l.geladen_op),
                geladen_door: l.geladen_door,
                bestandsnaam: l.bestandsnaam,
                sha256: l.sha256,
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Normbestand {
    /// De tekst van het bestand, in de vorm van normen-bronnen.toml.
    inhoud: String,
}

#[derive(Serialize)]
pub struct Normverschil {
    periode: NaiveDate,
    omschrijving: String,
    oud_centen: Option<i64>,
    nieuw_centen: Option<i64>,
}

/// Wat het bestand verandert, zonder iets op te slaan; met de vingerafdruk voor het laden.
pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(b): JsonInvoer<Normbestand>,
) -> Result<Json<serde_json::Value>, WebFout> {
    let verschillen: Vec<Normverschil> = staat
        .app
        .normen_voorbeeld(&wie.ctx, &b.inhoud)
        .await?
        .into_iter()
        .map(|v| Normverschil {
            periode: v.periode,
            omschrijving: v.omschrijving,
            oud_centen: v.oud,
            nieuw_centen: v.nieuw,
        })
        .collect();
    Ok(Json(serde_json::json!({
        "verschillen": verschillen,
        "vingerafdruk": vingerafdruk([b.inhoud.as_str()]),
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Normlading {
    /// Voor de audittrail: waar het bestand vandaan komt.
    #[serde(default)]
    bestandsnaam: String,
    inhoud: String,
    /// De vingerafdruk uit het voorbeeld van precies deze inhoud.
    vingerafdruk: String,
}

/// Laadt de tabellen en meldt de herberekening van alle uitkeringen aan als job (202).
pub async fn laden(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(l): JsonInvoer<Normlading>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::NormenBeheren)?;
    if l.vingerafdruk != vingerafdruk([l.inhoud.as_str()]) {
        return Err(AppFout::veld(
            "vingerafdruk",
            "Dit is niet de vingerafdruk uit het voorbeeld van deze inhoud; vraag eerst het voorbeeld (POST /api/v1/normen/voorbeeld) en kijk wat er verandert. Er is niets geladen.",
        )
        .into());
    }
    let naam = match l.bestandsnaam.trim() {
        "" => "via de API",
        n => n,
    };
    let lading = staat.app.normen_laden(&wie.ctx, naam, &l.inhoud).await?;
    staat.app.jobs_wekken();
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::json!({
            "id": lading.id,
            "perioden": lading.perioden,
            "job_id": lading.job,
        })),
    )
        .into_response())
}
