//! Beheer in de API: één team met zijn leden, een team wijzigen, leden toevoegen en verwijderen,
//! een gebruiker wijzigen (rollen gaan in na vier ogen), een wachtwoord resetten en een verzoek
//! van een andere beheerder beoordelen. Dezelfde use cases als `paginas::teams`,
//! `paginas::gebruikers` en `paginas::beheerverzoeken`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use vangnet_app::beheer::GebruikerWijziging;

use crate::fout::WebFout;
use crate::invoer::{met_etag, ApiId, IfMatch, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Serialize)]
pub struct Lid {
    id: i64,
    gebruikersnaam: String,
    volledige_naam: String,
}

#[derive(Serialize)]
pub struct Team {
    id: i64,
    naam: String,
    omschrijving: String,
    versie: i64,
    leden: Vec<Lid>,
}

pub async fn team(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let d = staat.app.team(&wie.ctx, id).await?;
    let versie = d.team.versie;
    Ok(met_etag(
        versie,
        Json(Team {
            id: d.team.id,
            naam: d.team.naam,
            omschrijving: d.team.omschrijving,
            versie: d.team.versie,
            leden: d
                .leden
                .into_iter()
                .map(|g| Lid {
                    id: g.id,
                    gebruikersnaam: g.gebruikersnaam,
                    volledige_naam: g.volledige_naam,
                })
                .collect(),
        }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Teamwijziging {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    naam: String,
    #[serde(default)]
    omschrijving: String,
}

pub async fn team_wijzigen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(w): JsonInvoer<Teamwijziging>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(w.versie)?;
    staat
        .app
        .team_wijzigen(&wie.ctx, id, &w.naam, &w.omschrijving, versie)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lidmaatschap {
    gebruikersnaam: String,
    /// `true`: toevoegen; `false`: verwijderen.
    lid: bool,
}

/// Een gebruiker aan een team toevoegen of eruit halen.
pub async fn leden(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(l): JsonInvoer<Lidmaatschap>,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .teamlid(&wie.ctx, id, &l.gebruikersnaam, l.lid)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gebruikerwijziging {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    volledige_naam: String,
    /// Rolcodes; een wijziging van rollen gaat in als een tweede beheerder haar goedkeurt.
    rollen: Vec<String>,
    #[serde(default)]
    geblokkeerd: bool,
    #[serde(default)]
    reden: String,
}

pub async fn gebruiker_wijzigen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(w): JsonInvoer<Gebruikerwijziging>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(w.versie)?;
    staat
        .app
        .gebruiker_wijzigen(
            &wie.ctx,
            id,
            &GebruikerWijziging {
                volledige_naam: w.volledige_naam,
                rollen: w.rollen,
                geblokkeerd: w.geblokkeerd,
                versie,
                reden: w.reden,
            },
        )
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Een eenmalig wachtwoord; alle sessies en tokens van de gebruiker vervallen.
pub async fn wachtwoord_resetten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Json<serde_json::Value>, WebFout> {
    let wachtwoord = staat.app.wachtwoord_resetten(&wie.ctx, id).await?;
    Ok(Json(
        serde_json::json!({ "eenmalig_wachtwoord": wachtwoord }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verzoekbeoordeling {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    goedkeuren: bool,
    #[serde(default)]
    reden: String,
}

/// Een verzoek van een andere beheerder (rollen, inrichting van vier ogen) beoordelen.
pub async fn beheerverzoek_beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(b): JsonInvoer<Verzoekbeoordeling>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(b.versie)?;
    staat
        .app
        .beheerverzoek_beoordelen(&wie.ctx, id, versie, b.goedkeuren, &b.reden)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}
