//! Wat een verzoek over de aangemelde gebruiker meedraagt: de cookies van Vangnet (naam, zetten,
//! wissen) en [`Ingelogd`], de gebruiker bij een handler. Een blad: de aanmelding zelf (sessie of
//! token nagaan, CSRF) staat in [`crate::aanmelding`], die dit vult.

use axum::http::{header, HeaderMap};
use vangnet_app::Context;

use crate::WebStaat;

pub const SESSIE_COOKIE: &str = "vangnet_sessie";
pub const INLOG_CSRF_COOKIE: &str = "vangnet_inlog_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Een ingelogde gebruiker bij een handler.
#[derive(Debug, Clone)]
pub struct Ingelogd {
    pub ctx: Context,
    /// Het CSRF-token voor formulieren (alleen bij een sessie).
    pub csrf: Option<String>,
    /// De sessiesleutel (alleen bij een sessie; voor uitloggen en wachtwoord wijzigen).
    pub sleutel: Option<String>,
    /// Moet eerst het (eenmalige) wachtwoord wijzigen.
    pub moet_wachtwoord_wijzigen: bool,
}

/// De waarde van een cookie uit de `Cookie`-headers.
pub fn cookie(headers: &HeaderMap, naam: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|paar| paar.trim().split_once('='))
        .find(|(n, _)| *n == naam)
        .map(|(_, w)| w.trim().to_owned())
        .filter(|w| !w.is_empty())
}

/// De naam van een cookie van Vangnet: achter HTTPS met `__Host-` ervoor. Zo'n cookie neemt de
/// browser alleen aan met `Secure`, `Path=/` en zonder `Domain`: een ander subdomein of een
/// onversleutelde pagina kan het niet zetten of overschrijven (een voorsessie van de aanvaller
/// onderschuiven, om het slachtoffer in diens account te laten inloggen, lukt dan niet).
pub fn cookienaam(staat: &WebStaat, naam: &str) -> String {
    if staat.instellingen.veilige_cookies {
        format!("__Host-{naam}")
    } else {
        naam.to_owned()
    }
}

/// Het cookie `naam` (onder zijn naam voor deze instellingen, zie [`cookienaam`]).
pub fn cookie_van(staat: &WebStaat, headers: &HeaderMap, naam: &str) -> Option<String> {
    cookie(headers, &cookienaam(staat, naam))
}

/// Een `Set-Cookie`-waarde met de vlaggen die Vangnet altijd zet.
pub fn cookie_zetten(staat: &WebStaat, naam: &str, waarde: &str) -> String {
    format!(
        "{}={waarde}; Path=/; HttpOnly; SameSite=Strict{}",
        cookienaam(staat, naam),
        if staat.instellingen.veilige_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// Een `Set-Cookie`-waarde die het cookie weghaalt, met dezelfde vlaggen (ook `Secure`).
pub fn cookie_wissen(staat: &WebStaat, naam: &str) -> String {
    format!("{}; Max-Age=0", cookie_zetten(staat, naam, ""))
}
