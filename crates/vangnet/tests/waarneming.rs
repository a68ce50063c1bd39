//! Traces naar de eigen monitoring (issue 22 punt 7): `vangnet serve` met `otlp_endpoint`
//! stuurt zijn spans over OTLP/HTTP (protobuf) naar een collector. Hier is de collector een kale
//! HTTP-server in de test die elk verzoek bewaart; de spans worden met de officiële
//! protobuf-typen van OpenTelemetry gelezen. Het trace-id van een verzoek is zijn operatie-id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use prost::Message as _;

struct Map(PathBuf);

impl Drop for Map {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Een ontvangen verzoek: pad, soort inhoud, inhoud.
type Ontvangen = Arc<Mutex<Vec<(String, String, Vec<u8>)>>>;

/// Een collector die elk verzoek bewaart en met 200 (een leeg antwoord) beantwoordt.
fn collector() -> (u16, Ontvangen) {
    let luisteraar = TcpListener::bind("127.0.0.1:0").unwrap();
    let poort = luisteraar.local_addr().unwrap().port();
    let ontvangen = Ontvangen::default();
    let bewaard = Arc::clone(&ontvangen);
    std::thread::spawn(move || {
        for s in luisteraar.incoming().flatten() {
            let bewaard = Arc::clone(&bewaard);
            std::thread::spawn(move || {
                let mut lezer = BufReader::new(s.try_clone().unwrap());
                let mut s = s;
                loop {
                    let mut regel = String::new();
                    if lezer.read_line(&mut regel).unwrap_or(0) == 0 {
                        return;
                    }
                    let pad = regel.split(' ').nth(1).unwrap_or_default().to_owned();
                    let (mut lengte, mut soort) = (0, String::new());
                    loop {
                        let mut kop = String::new();
                        lezer.read_line(&mut kop).unwrap();
                        let kop = kop.trim_end();
                        if kop.is_empty() {
                            break;
                        }
                        let (k, v) = kop.split_once(':').unwrap();
                        match k.to_ascii_lowercase().as_str() {
                            "content-length" => lengte = v.trim().parse().unwrap(),
                            "content-type" => soort = v.trim().to_owned(),
                            _ => {}
                        }
                    }
                    let mut inhoud = vec![0; lengte];
                    lezer.read_exact(&mut inhoud).unwrap();
                    bewaard.lock().unwrap().push((pad, soort, inhoud));
                    s.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n\
                          Content-Length: 0\r\n\r\n",
                    )
                    .unwrap();
                }
            });
        }
    });
    (poort, ontvangen)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn spans_gaan_over_otlp_naar_de_collector_met_het_operatie_id_als_trace_id() {
    let map = Map(std::env::temp_dir().join(format!(
        "vangnet-otlp-{}",
        vangnet_app::geheim::willekeurig_hex(6)
    )));
    std::fs::create_dir_all(&map.0).unwrap();
    let (collector_poort, ontvangen) = collector();
    let poort = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut kind = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["serve", "--listen", &format!("127.0.0.1:{poort}")])
        .arg("--data-dir")
        .arg(&map.0)
        .env_remove("VANGNET_DATABASE_URL")
        .env_remove("VANGNET_CONFIG")
        .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
        .env_remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        .env("VANGNET_ADMIN_PASSWORD", "een-lang-testwachtwoord-2026")
        .env("VANGNET_LOG", "info")
        .env(
            "VANGNET_OTLP_ENDPOINT",
            format!("http://127.0.0.1:{collector_poort}/"),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut operaties = Vec::new();
    for _ in 0..600 {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", poort)) {
            for _ in 0..3 {
                write!(
                    s,
                    "GET /health HTTP/1.1\r\nHost: vangnet\r\nConnection: keep-alive\r\n\r\n"
                )
                .unwrap();
                let mut lezer = BufReader::new(s.try_clone().unwrap());
                let mut lengte = 0;
                loop {
                    let mut kop = String::new();
                    lezer.read_line(&mut kop).unwrap();
                    let kop = kop.trim_end().to_ascii_lowercase();
                    if kop.is_empty() {
                        break;
                    }
                    if let Some(v) = kop.strip_prefix("x-operatie-id:") {
                        operaties.push(v.trim().to_owned());
                    }
                    if let Some(v) = kop.strip_prefix("content-length:") {
                        lengte = v.trim().parse().unwrap();
                    }
                }
                let mut inhoud = vec![0; lengte];
                lezer.read_exact(&mut inhoud).unwrap();
            }
            break;
        }
        assert!(kind.try_wait().unwrap().is_none(), "serve stopte");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(operaties.len(), 3, "geen antwoord van /health");
    // Netjes stoppen: wat nog in de rij staat, wordt dan verstuurd.
    let pid = kind.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let mut log = String::new();
    kind.stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(kind.wait().unwrap().success(), "{log}");

    let ontvangen = ontvangen.lock().unwrap();
    assert!(!ontvangen.is_empty(), "niets ontvangen; log: {log}");
    let mut verzoeken = Vec::new();
    for (pad, soort, inhoud) in ontvangen.iter() {
        assert_eq!(pad, "/v1/traces");
        assert_eq!(soort, "application/x-protobuf");
        let export = ExportTraceServiceRequest::decode(inhoud.as_slice()).unwrap();
        for r in &export.resource_spans {
            let dienst = r
                .resource
                .as_ref()
                .unwrap()
                .attributes
                .iter()
                .find(|a| a.key == "service.name")
                .and_then(|a| a.value.as_ref()?.value.clone());
            assert_eq!(dienst, Some(Value::StringValue("vangnet".into())));
            for span in r.scope_spans.iter().flat_map(|s| &s.spans) {
                // Geen logregels als gebeurtenis: die kunnen een gebruikersnaam of een adres
                // noemen (het verzoek logt hier "afgehandeld" binnen zijn span).
                assert!(span.events.is_empty(), "{}: {:?}", span.name, span.events);
                if span.name == "verzoek" {
                    let pad = span
                        .attributes
                        .iter()
                        .find(|a| a.key == "pad")
                        .and_then(|a| a.value.as_ref()?.value.clone());
                    assert_eq!(pad, Some(Value::StringValue("/health".into())));
                    verzoeken.push(hex(&span.trace_id));
                }
            }
        }
    }
    operaties.sort();
    verzoeken.sort();
    assert_eq!(
        verzoeken, operaties,
        "één span per verzoek, met het operatie-id als trace-id"
    );
}
