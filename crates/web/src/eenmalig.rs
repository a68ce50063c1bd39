//! Eén keer indienen (issue 21 punt 3), voor elk formulier in de browser: draagt het een
//! `verzoeksleutel` (elk formulier krijgt een eigen, zie [`crate::schil::Schil::verzoeksleutel`]),
//! dan claimt deze laag die vóór de handler. Een tweede keer dezelfde sleutel (dubbelklik,
//! "opnieuw verzenden", terug en nog eens) herhaalt de handeling niet: is de eerste klaar, dan gaat
//! de browser naar haar uitkomst; loopt zij nog, dan een conflict. Een mislukte poging (fout in de
//! invoer, geen doorverwijzing) geeft de sleutel weer vrij, zodat het verbeterde formulier kan.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::eenmalig::Verzoekstand;

use crate::fout::WebFout;
use crate::WebStaat;

/// De naam van het verborgen veld.
pub const VELD: &str = "verzoeksleutel";

/// Formulieren die alleen rekenen en niets vastleggen (een voorbeeld, een berekening): die mogen
/// zo vaak als men wil, ook met de sleutel van hun formulier.
const ALLEEN_LEZEN: [&str; 2] = ["/mutaties/voorbeeld", "/voorschotten/berekenen"];

pub async fn bewaken(State(staat): State<WebStaat>, req: Request, next: Next) -> Response {
    let formulier = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if req.method() != Method::POST || !formulier {
        return next.run(req).await;
    }
    let Some(ctx) = crate::aanmelding::sessiecontext(&req) else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, crate::MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return WebFout::TeGroot.into_response(),
    };
    let sleutel = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == VELD)
        .map(|(_, v)| v.into_owned());
    let pad = parts.uri.path().to_owned();
    let req = Request::from_parts(parts, Body::from(bytes));
    let alleen_lezen = ALLEEN_LEZEN.iter().any(|a| pad.ends_with(a));
    let Some(sleutel) = sleutel.filter(|s| !s.is_empty() && !alleen_lezen) else {
        return next.run(req).await;
    };
    match staat.app.verzoek_claimen(&ctx, &sleutel, &pad).await {
        Ok(Verzoekstand::Nieuw) => {}
        Ok(Verzoekstand::Klaar(adres)) if intern(&adres) => {
            return Redirect::to(&adres).into_response()
        }
        Ok(Verzoekstand::Klaar(_)) => {
            return WebFout::Conflict(
                "Dit formulier is al verwerkt; de uitkomst stond op de pagina na de eerste keer. \
                 Ververs de pagina om de stand te zien."
                    .into(),
            )
            .into_response()
        }
        Ok(Verzoekstand::Bezig) => {
            return WebFout::Conflict(
                "Dit formulier is al verstuurd en wordt nog verwerkt. Ververs de pagina over een \
                 moment om de uitkomst te zien."
                    .into(),
            )
            .into_response()
        }
        Err(e) => return WebFout::from(e).into_response(),
    }
    let antwoord = next.run(req).await;
    let status = antwoord.status();
    // Een doorverwijzing of een geslaagde pagina is een gedane handeling (een tweede keer doet
    // het niet nog eens); een afgewezen poging (4xx, invoerfouten) of een fout (5xx, de
    // transactie rolde terug) geeft de sleutel weer vrij.
    let uitkomst = if status.is_redirection() {
        antwoord
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .filter(|l| intern(l))
            .map(str::to_owned)
            .or_else(|| Some(String::new()))
    } else if status.is_success() {
        Some(String::new())
    } else {
        None
    };
    if let Err(e) = staat
        .app
        .verzoek_afronden(&ctx, &sleutel, &pad, uitkomst.as_deref())
        .await
    {
        tracing::warn!(%e, "verzoeksleutel niet afgerond");
    }
    antwoord
}

/// Een adres binnen Vangnet: begint met één `/`, niet `//` of `/\` (een ander domein).
fn intern(adres: &str) -> bool {
    adres.starts_with('/') && !adres.starts_with("//") && !adres.starts_with("/\\")
}
