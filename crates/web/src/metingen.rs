//! Elk verzoek: een operatie-id (in logs, in de headers `X-Operatie-Id` en `X-Request-Id`, op
//! foutpagina's, in de audittrail en als trace-id van OpenTelemetry), de beveiligingsheaders, en metingen voor `/metrics` (de Prometheus-client
//! `prometheus-client`: tellers, en de duur als histogram per route en per job). Plus `/health`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};
use tracing::Instrument;
use vangnet_app::geheim;

use crate::WebStaat;

/// Het operatie-id van dit verzoek (16 bytes hex, bruikbaar als W3C trace-id).
#[derive(Debug, Clone)]
pub struct OperatieId(pub String);

/// De labels van een HTTP-verzoek: methode, route (het patroon, zoals `/dossiers/{id}`; nooit
/// een id of een zoekvraag) en statusklasse.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Verzoeklabels {
    methode: String,
    route: String,
    klasse: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Klasselabel {
    klasse: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Bouwlabels {
    versie: String,
    engine: String,
}

/// Metingen sinds de start van dit proces, in een register van de Prometheus-client.
pub struct Metingen {
    start: Instant,
    register: Registry,
    verzoeken: Family<Klasselabel, Counter>,
    verzoekduur: Family<Verzoeklabels, Histogram>,
    pub inloggen_mislukt: Counter,
    database_bereikbaar: Gauge,
    database_schrijfbaar: Gauge,
    uptime: Gauge,
    /// Sinds wanneer de schrijfproef van `/health` de schrijver bezet vindt.
    schrijver_bezet_sinds: Mutex<Option<Instant>>,
    /// De laatste schrijfproef en wanneer: één proef tegelijk, en hooguit één per
    /// [`PROEF_GELDIG`], hoe vaak `/health` ook gevraagd wordt.
    laatste_proef: tokio::sync::Mutex<Option<(chrono::DateTime<chrono::Utc>, Schrijver)>>,
}

impl Metingen {
    /// Het register met de metingen van de webschil en de jobs van `app`, en de versie.
    pub fn nieuw(app: &vangnet_app::App) -> Self {
        let mut register = Registry::default();
        let verzoeken = Family::<Klasselabel, Counter>::default();
        register.register(
            "vangnet_http_verzoeken",
            "Afgehandelde HTTP-verzoeken per statusklasse",
            verzoeken.clone(),
        );
        // 1 ms tot ruim 30 s.
        let verzoekduur = Family::<Verzoeklabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 16))
        });
        register.register_with_unit(
            "vangnet_http_verzoek_duur",
            "Duur van HTTP-verzoeken per methode, route en statusklasse",
            Unit::Seconds,
            verzoekduur.clone(),
        );
        let inloggen_mislukt = Counter::default();
        register.register(
            "vangnet_inloggen_mislukt",
            "Mislukte of geweigerde inlogpogingen",
            inloggen_mislukt.clone(),
        );
        register.register_with_unit(
            "vangnet_job_duur",
            "Duur van jobs op de achtergrond per soort en uitkomst (deze server)",
            Unit::Seconds,
            app.jobduur(),
        );
        let database_bereikbaar = Gauge::default();
        register.register(
            "vangnet_database_bereikbaar",
            "1 als de database antwoordt",
            database_bereikbaar.clone(),
        );
        let database_schrijfbaar = Gauge::default();
        register.register(
            "vangnet_database_schrijfbaar",
            "1 als er geschreven kan worden (ook als de schrijver even bezet is)",
            database_schrijfbaar.clone(),
        );
        let uptime = Gauge::default();
        register.register_with_unit(
            "vangnet_uptime",
            "Sinds de start van dit proces",
            Unit::Seconds,
            uptime.clone(),
        );
        let bouw = Family::<Bouwlabels, Gauge>::default();
        bouw.get_or_create(&Bouwlabels {
            versie: env!("CARGO_PKG_VERSION").into(),
            engine: app.opslag.engine().into(),
        })
        .set(1);
        register.register("vangnet_build", "Versie en database-engine", bouw);
        Self {
            start: Instant::now(),
            register,
            verzoeken,
            verzoekduur,
            inloggen_mislukt,
            database_bereikbaar,
            database_schrijfbaar,
            uptime,
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
    // Het verzoek-id dat `tower-http` zette (zie [`crate::herkomst`]).
    let id = req
        .headers()
        .get(&crate::herkomst::VERZOEK_ID)
        .and_then(|v| v.to_str().ok())
        .map_or_else(geheim::operatie_id, str::to_owned);
    req.extensions_mut().insert(OperatieId(id.clone()));
    let methode = req.method().clone();
    let pad = req.uri().path().to_owned();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(geen route)".to_owned(), |p| p.as_str().to_owned());
    let span = tracing::info_span!("verzoek", operatie_id = %id, %methode, %pad);
    {
        // Zonder OpenTelemetry-laag (geen `otlp_endpoint`) doet dit niets.
        use tracing_opentelemetry::OpenTelemetrySpanExt as _;
        if let Some(ouder) = crate::herkomst::ouder(&id) {
            let _ = span.set_parent(ouder);
        }
        if let Some(aanroeper) = crate::herkomst::aanroeper(req.headers()) {
            span.add_link(aanroeper);
        }
    }
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
    let klasse = format!("{}xx", (status.as_u16() / 100).clamp(1, 5));
    m.verzoeken
        .get_or_create(&Klasselabel {
            klasse: klasse.clone(),
        })
        .inc();
    m.verzoekduur
        .get_or_create(&Verzoeklabels {
            // Alleen bekende methoden als label: een eigen methode per verzoek zou /metrics
            // onbegrensd laten groeien.
            methode: match methode.as_str() {
                m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS") => m,
                _ => "ANDERS",
            }
            .to_owned(),
            route,
            klasse,
        })
        .observe(duur.as_secs_f64());
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
    let mut lichaam = serde_json::json!({
        "status": if goed { "ok" } else { "niet beschikbaar" },
        "database": {
            "engine": staat.app.opslag.engine(),
            "bereikbaar": lezen,
            "schrijver": schrijver_json,
        },
        "versie": env!("CARGO_PKG_VERSION"),
    });
    // Een onbereikbare leesreplica maakt de server niet ongezond (zoeken leest dan van de
    // primaire), maar de beheerder moet het zien.
    if let Some(replica) = staat.app.opslag.replica_gezond().await {
        lichaam["database"]["replica"] = serde_json::json!({ "bereikbaar": replica });
    }
    let status = if goed {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(lichaam)).into_response()
}

/// `/metrics` in het tekstformaat van OpenMetrics (Prometheus leest het). Bevat geen
/// persoonsgegevens: routes staan er als patroon, zonder ids of zoekvragen.
pub async fn metrics(State(staat): State<WebStaat>) -> Response {
    let m = &staat.metingen;
    m.database_bereikbaar
        .set(i64::from(staat.app.opslag.gezond().await));
    let schrijfbaar = !matches!(schrijver(&staat).await, Schrijver::Onmogelijk(_));
    m.database_schrijfbaar.set(i64::from(schrijfbaar));
    m.uptime
        .set(i64::try_from(m.start.elapsed().as_secs()).unwrap_or(i64::MAX));
    let mut t = String::new();
    if let Err(e) = encode(&mut t, &m.register) {
        tracing::error!(fout = %e, "metingen opmaken mislukt");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        t,
    )
        .into_response()
}
