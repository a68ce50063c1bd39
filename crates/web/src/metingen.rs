//! Elk verzoek: een operatie-id (in logs, in de header `X-Operatie-Id`, op foutpagina's en in de
//! audittrail), de beveiligingsheaders, en tellers voor `/metrics`. Plus `/health`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;
use vangnet_app::geheim;

use crate::WebStaat;

/// Het operatie-id van dit verzoek (16 bytes hex, bruikbaar als W3C trace-id).
#[derive(Debug, Clone)]
pub struct OperatieId(pub String);

/// Tellers sinds de start van dit proces.
pub struct Metingen {
    start: Instant,
    per_klasse: [AtomicU64; 5],
    duur_microseconden: AtomicU64,
    pub inloggen_mislukt: AtomicU64,
}

impl Default for Metingen {
    fn default() -> Self {
        Self {
            start: Instant::now(),
            per_klasse: Default::default(),
            duur_microseconden: AtomicU64::new(0),
            inloggen_mislukt: AtomicU64::new(0),
        }
    }
}

pub const OPERATIE_HEADER: &str = "x-operatie-id";

fn beveiligingsheaders(resp: &mut Response, https: bool) {
    let h = resp.headers_mut();
    let vast = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
             object-src 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (naam, waarde) in vast {
        h.insert(naam, HeaderValue::from_static(waarde));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pagina's bevatten persoonsgegevens: niet bewaren in caches.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
}

/// De buitenste laag: operatie-id, tracing-span, headers, tellers.
pub async fn operatie(State(staat): State<WebStaat>, mut req: Request, next: Next) -> Response {
    let id = geheim::operatie_id();
    req.extensions_mut().insert(OperatieId(id.clone()));
    let methode = req.method().clone();
    let pad = req.uri().path().to_owned();
    let span = tracing::info_span!("verzoek", operatie_id = %id, %methode, %pad);
    let begin = Instant::now();
    let mut resp = next.run(req).instrument(span.clone()).await;
    let duur = begin.elapsed();
    let status = resp.status();
    span.in_scope(|| {
        tracing::info!(
            status = status.as_u16(),
            duur_ms = duur.as_millis() as u64,
            "afgehandeld"
        );
    });
    let m = &staat.metingen;
    let klasse = usize::from(status.as_u16() / 100).clamp(1, 5) - 1;
    m.per_klasse[klasse].fetch_add(1, Ordering::Relaxed);
    m.duur_microseconden
        .fetch_add(duur.as_micros() as u64, Ordering::Relaxed);
    beveiligingsheaders(&mut resp, staat.instellingen.veilige_cookies);
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(OPERATIE_HEADER, v);
    }
    resp
}

/// `/health`: 200 als de database bereikbaar is, anders 503.
pub async fn health(State(staat): State<WebStaat>) -> Response {
    let db = staat.app.opslag.gezond().await;
    let lichaam = serde_json::json!({
        "status": if db { "ok" } else { "niet beschikbaar" },
        "database": { "engine": staat.app.opslag.engine(), "bereikbaar": db },
        "versie": env!("CARGO_PKG_VERSION"),
    });
    let status = if db {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(lichaam)).into_response()
}

/// `/metrics` in het tekstformaat van Prometheus. Bevat geen persoonsgegevens.
pub async fn metrics(State(staat): State<WebStaat>) -> Response {
    let m = &staat.metingen;
    let db = staat.app.opslag.gezond().await;
    let mut t = String::new();
    t.push_str(
        "# HELP vangnet_http_verzoeken_totaal Afgehandelde HTTP-verzoeken per statusklasse.\n",
    );
    t.push_str("# TYPE vangnet_http_verzoeken_totaal counter\n");
    for (i, teller) in m.per_klasse.iter().enumerate() {
        t.push_str(&format!(
            "vangnet_http_verzoeken_totaal{{klasse=\"{}xx\"}} {}\n",
            i + 1,
            teller.load(Ordering::Relaxed)
        ));
    }
    t.push_str(
        "# HELP vangnet_http_duur_seconden_som Totale verwerkingstijd van HTTP-verzoeken.\n",
    );
    t.push_str("# TYPE vangnet_http_duur_seconden_som counter\n");
    t.push_str(&format!(
        "vangnet_http_duur_seconden_som {:.6}\n",
        m.duur_microseconden.load(Ordering::Relaxed) as f64 / 1e6
    ));
    t.push_str("# HELP vangnet_inloggen_mislukt_totaal Mislukte of geweigerde inlogpogingen.\n");
    t.push_str("# TYPE vangnet_inloggen_mislukt_totaal counter\n");
    t.push_str(&format!(
        "vangnet_inloggen_mislukt_totaal {}\n",
        m.inloggen_mislukt.load(Ordering::Relaxed)
    ));
    t.push_str("# HELP vangnet_database_bereikbaar 1 als de database antwoordt.\n");
    t.push_str("# TYPE vangnet_database_bereikbaar gauge\n");
    t.push_str(&format!("vangnet_database_bereikbaar {}\n", u8::from(db)));
    t.push_str("# HELP vangnet_uptime_seconden Seconden sinds de start van dit proces.\n");
    t.push_str("# TYPE vangnet_uptime_seconden gauge\n");
    t.push_str(&format!(
        "vangnet_uptime_seconden {}\n",
        m.start.elapsed().as_secs()
    ));
    t.push_str("# HELP vangnet_build_info Versie en database-engine.\n");
    t.push_str("# TYPE vangnet_build_info gauge\n");
    t.push_str(&format!(
        "vangnet_build_info{{versie=\"{}\",engine=\"{}\"}} 1\n",
        env!("CARGO_PKG_VERSION"),
        staat.app.opslag.engine()
    ));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        t,
    )
        .into_response()
}
