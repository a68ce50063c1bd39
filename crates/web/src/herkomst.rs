//! Waar een verzoek vandaan komt in een keten van diensten: het verzoek-id (`X-Request-Id`, met
//! `tower-http` gezet en teruggegeven) dat ook het operatie-id en het trace-id van
//! OpenTelemetry is, en de ouder-span uit een W3C `traceparent`. Beide worden alleen geloofd van
//! een eigen reverse proxy (de instelling `proxies`): het operatie-id staat in de audittrail en
//! in het toegangslog, en wie het zelf kiest, zou zijn verzoeken tussen die van een ander kunnen
//! laten vallen.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use opentelemetry::trace::{SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState};
use tower_http::request_id::{MakeRequestId, RequestId};

use crate::WebStaat;

pub const VERZOEK_ID: HeaderName = HeaderName::from_static("x-request-id");
const TRACEPARENT: HeaderName = HeaderName::from_static("traceparent");

/// Nieuwe verzoek-id's: een operatie-id (16 willekeurige bytes in hex, de vorm van een W3C
/// trace-id).
#[derive(Debug, Clone, Copy, Default)]
pub struct NieuwId;

impl MakeRequestId for NieuwId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&vangnet_app::geheim::operatie_id())
            .ok()
            .map(RequestId::new)
    }
}

/// Een trace-id: 32 kleine hexadecimale tekens, niet allemaal nul (W3C Trace Context 3.2.2.3).
fn is_trace_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && s.bytes().any(|b| b != b'0')
}

/// `traceparent: 00-<trace-id>-<ouder-span-id>-<vlaggen>` → trace-id en ouder; anders niets.
fn traceparent(waarde: &str) -> Option<(&str, &str)> {
    let mut delen = waarde.trim().split('-');
    let (versie, trace, ouder, vlaggen) =
        (delen.next()?, delen.next()?, delen.next()?, delen.next()?);
    let hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    (versie == "00"
        && delen.next().is_none()
        && is_trace_id(trace)
        && ouder.len() == 16
        && hex(ouder)
        && ouder.bytes().any(|b| b != b'0')
        && vlaggen.len() == 2
        && hex(vlaggen))
    .then_some((trace, ouder))
}

/// De buitenste laag: van een eigen proxy geldt een geldig `X-Request-Id` of het trace-id uit
/// `traceparent` (dat gaat voor); van ieder ander niet, en een ongeldig id ook niet. Wat overblijft,
/// vult [`NieuwId`] daarna aan.
pub async fn controleren(State(staat): State<WebStaat>, mut req: Request, next: Next) -> Response {
    let vertrouwd = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(peer)| {
            staat
                .instellingen
                .proxies
                .iter()
                .any(|n| n.bevat(peer.ip()))
        });
    let h = req.headers_mut();
    let uit_trace = h
        .get(&TRACEPARENT)
        .and_then(|v| v.to_str().ok())
        .and_then(traceparent)
        .map(|(trace, _)| trace.to_owned());
    if !vertrouwd || uit_trace.is_none() {
        h.remove(&TRACEPARENT);
    }
    let eigen = h
        .get(&VERZOEK_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_trace_id(v))
        .map(str::to_owned);
    h.remove(&VERZOEK_ID);
    if vertrouwd {
        if let Some(Ok(id)) = uit_trace.or(eigen).map(HeaderValue::try_from) {
            h.insert(VERZOEK_ID, id);
        }
    }
    next.run(req).await
}

/// De OpenTelemetry-context van een verzoek: trace-id = het operatie-id; de ouder is de span uit
/// `traceparent` (als [`controleren`] die liet staan), of anders een nieuwe span-id, zodat elke
/// span van dit verzoek onder het operatie-id te vinden is.
pub fn ouder(id: &str, headers: &axum::http::HeaderMap) -> Option<opentelemetry::Context> {
    let trace = TraceId::from_hex(id).ok()?;
    let ouder = headers
        .get(&TRACEPARENT)
        .and_then(|v| v.to_str().ok())
        .and_then(traceparent)
        .filter(|(t, _)| *t == id)
        .and_then(|(_, o)| SpanId::from_hex(o).ok())
        .or_else(|| SpanId::from_hex(&vangnet_app::geheim::span_id()).ok())?;
    let sc = SpanContext::new(trace, ouder, TraceFlags::SAMPLED, true, TraceState::NONE);
    Some(opentelemetry::Context::new().with_remote_span_context(sc))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// W3C Trace Context, 3.2: versie 00, trace-id 32 hex niet nul, ouder 16 hex niet nul.
    #[test]
    fn traceparent_lezen() {
        let goed = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assert_eq!(
            traceparent(goed),
            Some(("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"))
        );
        for fout in [
            "",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
        ] {
            assert_eq!(traceparent(fout), None, "{fout}");
        }
        assert!(is_trace_id("4bf92f3577b34da6a3ce929d0e0e4736"));
        assert!(!is_trace_id("4bf92f35-77b3-4da6-a3ce-929d0e0e4736"));
        assert!(!is_trace_id("<script>alert(1)</script>"));
    }
}
