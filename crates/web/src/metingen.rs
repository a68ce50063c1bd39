//! Elk verzoek: een operatie-id (in logs, in de header `X-Operatie-Id`, op foutpagina's en in de
//! audittrail), de beveiligingsheaders, en tellers voor `/metrics`. Plus `/health`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    /// Sinds wanneer de schrijfproef van `/health` de schrijver bezet vindt.
    schrijver_bezet_sinds: Mutex<Option<Instant>>,
    /// De laatste schrijfproef en wanneer: één proef tegelijk, en hooguit één per
    /// [`PROEF_GELDIG`], hoe vaak `/health` ook gevraagd wordt.
    laatste_proef: tokio::sync::Mutex<Option<(chrono::DateTime<chrono::Utc>, Schrijver)>>,
}

impl Default for Metingen {
    fn default() -> Self {
        Self {
            start: Instant::now(),
            per_klasse: Default::default(),
            duur_microseconden: AtomicU64::new(0),
            inloggen_mislukt: AtomicU64::new(0),
            schrijver_bezet_sinds: Mutex::new(None),
            laatste_proef: tokio::sync::Mutex::new(None),
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

/// Hoe lang `/health` op de schrijver wacht voor hij "bezet" zegt.
const SCHRIJFPROEF_WACHTEN: Duration = Duration::from_secs(2);
/// Zo lang geldt de uitslag van een schrijfproef (`/health` is zonder aanmelding te vragen; elke
/// proef is een schrijftransactie).
const PROEF_GELDIG: Duration = Duration::from_secs(5);
/// Bezet langer dan dit (een betaalrun op SQLite houdt de schrijver ≈ 30 s vast): dan kan er
/// niet geschreven worden, want een schrijfhandeling geeft het na 30 s wachten op.
const SCHRIJVER_VAST_NA: Duration = Duration::from_secs(60);

/// De staat van de schrijver, zoals `/health` en `/metrics` hem zien.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Schrijver {
    /// Een schrijftransactie begon en werd teruggerold.
    Klaar,
    /// Een andere schrijfhandeling houdt hem vast (sinds zoveel seconden).
    Bezet(u64),
    /// Schrijven faalt (de oorzaak staat in het log, niet in het antwoord), of de schrijver is
    /// al langer dan [`SCHRIJVER_VAST_NA`] bezet.
    Onmogelijk(&'static str),
}

impl Schrijver {
    fn code(&self) -> &'static str {
        match self {
            Schrijver::Klaar => "ok",
            Schrijver::Bezet(_) => "bezet",
            Schrijver::Onmogelijk(_) => "onmogelijk",
        }
    }
}

/// De uitslag van de laatste schrijfproef, of van een nieuwe als die ouder is dan
/// [`PROEF_GELDIG`] (op de klok van de app, zodat een test met een stilstaande klok het kan
/// nagaan).
async fn schrijver(staat: &WebStaat) -> Schrijver {
    let mut laatste = staat.metingen.laatste_proef.lock().await;
    if let Some((wanneer, uitslag)) = laatste.as_ref() {
        let leeftijd = (staat.app.klok.nu() - *wanneer)
            .to_std()
            .unwrap_or(Duration::MAX);
        if leeftijd < PROEF_GELDIG {
            return uitslag.clone();
        }
    }
    let uitslag = schrijfproef(staat).await;
    *laatste = Some((staat.app.klok.nu(), uitslag.clone()));
    uitslag
}

async fn schrijfproef(staat: &WebStaat) -> Schrijver {
    let proef = tokio::time::timeout(SCHRIJFPROEF_WACHTEN, staat.app.opslag.schrijfproef()).await;
    let mut sinds = staat
        .metingen
        .schrijver_bezet_sinds
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match proef {
        Ok(Ok(())) => {
            *sinds = None;
            Schrijver::Klaar
        }
        Ok(Err(e)) => {
            *sinds = None;
            tracing::error!(fout = %e, "de schrijver faalt");
            Schrijver::Onmogelijk("schrijven mislukt; de oorzaak staat in het log")
        }
        Err(_) => {
            let duur = sinds.get_or_insert_with(Instant::now).elapsed();
            if duur > SCHRIJVER_VAST_NA {
                tracing::error!(seconden = duur.as_secs(), "de schrijver zit vast");
                Schrijver::Onmogelijk("de schrijver zit langer dan 60 s vast")
            } else {
                Schrijver::Bezet(duur.as_secs())
            }
        }
    }
}

/// `/health`: 200 als de database leest en schrijft (of de schrijver even bezet is), anders 503.
/// Een load balancer haalt een server die niet meer kan schrijven zo uit de roulatie.
pub async fn health(State(staat): State<WebStaat>) -> Response {
    let lezen = staat.app.opslag.gezond().await;
    let schrijven = schrijver(&staat).await;
    let goed = lezen && !matches!(schrijven, Schrijver::Onmogelijk(_));
    let mut schrijver_json = serde_json::json!({ "status": schrijven.code() });
    match &schrijven {
        Schrijver::Bezet(s) => schrijver_json["bezet_seconden"] = (*s).into(),
        Schrijver::Onmogelijk(m) => schrijver_json["fout"] = (*m).into(),
        Schrijver::Klaar => {}
    }
    let lichaam = serde_json::json!({
        "status": if goed { "ok" } else { "niet beschikbaar" },
        "database": {
            "engine": staat.app.opslag.engine(),
            "bereikbaar": lezen,
            "schrijver": schrijver_json,
        },
        "versie": env!("CARGO_PKG_VERSION"),
    });
    let status = if goed {
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
    let schrijfbaar = !matches!(schrijver(&staat).await, Schrijver::Onmogelijk(_));
    t.push_str(
        "# HELP vangnet_database_schrijfbaar 1 als er geschreven kan worden (ook als de schrijver \
         even bezet is).\n",
    );
    t.push_str("# TYPE vangnet_database_schrijfbaar gauge\n");
    t.push_str(&format!(
        "vangnet_database_schrijfbaar {}\n",
        u8::from(schrijfbaar)
    ));
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
