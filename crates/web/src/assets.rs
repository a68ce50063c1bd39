//! Statische bestanden, meegecompileerd in de binary: Vangnet werkt zonder CDN en offline.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::fout::WebFout;

const CSS: &str = include_str!("../assets/vangnet.css");
const JS: &str = include_str!("../assets/vangnet.js");
/// htmx 2.0.11 (0BSD), uit het npm-pakket `htmx.org`.
const HTMX: &str = include_str!("../assets/htmx-2.0.11.min.js");
const ICOON: &str = include_str!("../assets/icoon.svg");

pub async fn bestand(Path(bestand): Path<String>) -> Response {
    let (soort, inhoud) = match bestand.as_str() {
        "vangnet.css" => ("text/css; charset=utf-8", CSS),
        "vangnet.js" => ("text/javascript; charset=utf-8", JS),
        "htmx.min.js" => ("text/javascript; charset=utf-8", HTMX),
        "icoon.svg" => ("image/svg+xml", ICOON),
        _ => return WebFout::NietGevonden.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, soort),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        inhoud,
    )
        .into_response()
}
