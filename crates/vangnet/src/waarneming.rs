//! Het log en de traces van een proces. Het log gaat naar stderr (filter: `log` /
//! `VANGNET_LOG`). Met een collector (`otlp_endpoint`, of de standaardvariabelen
//! `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) gaan de spans van Vangnet
//! ook als OpenTelemetry-traces over OTLP/HTTP (protobuf) naar de eigen monitoring van de
//! gemeente: elk verzoek met het operatie-id als trace-id, elke job, het wachten op de schrijver.
//! Alleen spans, geen logregels: een span noemt methode, pad (zonder zoekvraag) en id's, geen
//! persoonsgegevens.

use anyhow::{Context as _, Result};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::WithExportConfig as _;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::Layer as _;

use crate::instellingen::Instellingen;

/// De exporteur van traces; [`Traces::afsluiten`] verstuurt wat nog in de rij staat.
pub struct Traces(SdkTracerProvider);

impl Traces {
    pub fn afsluiten(self) {
        if let Err(e) = self.0.shutdown() {
            eprintln!("waarschuwing: traces niet alle verstuurd: {e}");
        }
    }
}

/// Het adres waarheen traces gaan: de instelling (een basisadres; `/v1/traces` komt erachter,
/// zoals bij `OTEL_EXPORTER_OTLP_ENDPOINT`), of `Some(None)` als alleen de standaardvariabelen
/// het noemen; `None`: geen traces.
fn collector(instellingen: &Instellingen) -> Option<Option<String>> {
    if let Some(basis) = &instellingen.otlp_endpoint {
        return Some(Some(format!("{}/v1/traces", basis.trim_end_matches('/'))));
    }
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    ]
    .iter()
    .any(|v| std::env::var(v).is_ok_and(|w| !w.trim().is_empty()))
    .then_some(None)
}

/// Zet het log op, en met een collector ook de traces. Buiten een async-runtime aanroepen.
pub fn logging(instellingen: &Instellingen) -> Result<Option<Traces>> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("VANGNET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&instellingen.log));
    let log = tracing_subscriber::fmt::layer()
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_filter(filter);
    let (traces, laag) = match collector(instellingen) {
        None => (None, None),
        Some(adres) => {
            let mut bouwer = opentelemetry_otlp::SpanExporter::builder().with_http();
            if let Some(a) = adres {
                bouwer = bouwer.with_endpoint(a);
            }
            let exporteur = bouwer
                .build()
                .context("otlp_endpoint (VANGNET_OTLP_ENDPOINT): de exporteur van traces")?;
            let aanbieder = SdkTracerProvider::builder()
                .with_batch_exporter(exporteur)
                .with_resource(
                    opentelemetry_sdk::Resource::builder()
                        .with_service_name("vangnet")
                        .build(),
                )
                .build();
            // Los van het logfilter: alleen spans van Vangnet zelf (info en hoger), geen
            // gebeurtenissen. tracing-opentelemetry zet elke logregel binnen een span er als
            // gebeurtenis bij, met al haar velden; een logregel kan een gebruikersnaam of een
            // adres noemen, een span niet.
            let spans = tracing_subscriber::filter::filter_fn(|m| {
                m.is_span()
                    && m.target().starts_with("vangnet")
                    && *m.level() <= tracing::Level::INFO
            });
            let laag = tracing_opentelemetry::layer()
                .with_tracer(aanbieder.tracer("vangnet"))
                .with_filter(spans);
            (Some(Traces(aanbieder)), Some(laag))
        }
    };
    let _ = tracing_subscriber::registry()
        .with(log)
        .with(laag)
        .try_init();
    Ok(traces)
}
