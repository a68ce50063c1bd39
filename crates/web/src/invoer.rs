//! Invoer lezen zonder dat een fout ooit een Engelse melding of een 500 wordt: formulieren
//! (ook met herhaalde velden, zoals aangevinkte rollen) en JSON met een Nederlandse melding die
//! zegt waar het misgaat.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::fout::WebFout;

async fn body(req: Request) -> Result<Bytes, WebFout> {
    Bytes::from_request(req, &()).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            WebFout::TeGroot
        } else {
            WebFout::OngeldigeInvoer(
                "De gegevens van het verzoek konden niet worden gelezen.".into(),
            )
        }
    })
}

/// Een HTML-formulier (`application/x-www-form-urlencoded`).
#[derive(Debug, Default)]
pub struct Formulier(Vec<(String, String)>);

impl Formulier {
    /// De (eerste) waarde van een veld; leeg als het ontbreekt.
    pub fn veld(&self, naam: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == naam)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Alle waarden van een herhaald veld.
    pub fn alle(&self, naam: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == naam)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn aangevinkt(&self, naam: &str) -> bool {
        self.0.iter().any(|(k, v)| k == naam && !v.is_empty())
    }
}

impl<S: Send + Sync> FromRequest<S> for Formulier {
    type Rejection = WebFout;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let bytes = body(req).await?;
        Ok(Formulier(
            form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}

/// Een JSON-body, gelezen naar `T`.
pub struct JsonInvoer<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonInvoer<T> {
    type Rejection = WebFout;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.starts_with("application/json") || v.contains("+json")
            });
        if !is_json {
            return Err(WebFout::OngeldigeInvoer(
                "Stuur de gegevens als JSON, met de header Content-Type: application/json.".into(),
            ));
        }
        let bytes = body(req).await?;
        serde_json::from_slice(&bytes).map(JsonInvoer).map_err(|e| {
            let soort = match e.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    "is geen geldige JSON"
                }
                _ => "past niet bij wat verwacht wordt",
            };
            WebFout::OngeldigeInvoer(format!(
                "De JSON {soort} (regel {}, kolom {}): {}.",
                e.line(),
                e.column(),
                vertaal_serde(&e.to_string())
            ))
        })
    }
}

/// Maakt de Engelse melding van serde leesbaar voor Nederlandse gebruikers; de veldnaam blijft.
fn vertaal_serde(m: &str) -> String {
    let m = m.split(" at line ").next().unwrap_or(m);
    if let Some(veld) = m.strip_prefix("missing field ") {
        return format!("het veld {veld} ontbreekt");
    }
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let veld = rest.split(',').next().unwrap_or(rest);
        return format!("het veld {veld} is onbekend");
    }
    if m.starts_with("invalid type") {
        return format!("een waarde heeft het verkeerde type ({m})");
    }
    if m.starts_with("EOF") {
        return "de JSON houdt te vroeg op".into();
    }
    m.to_owned()
}
