//! Waar een verzoek vandaan komt in een keten van diensten. Het verzoek-id (`X-Request-Id`, met
//! `tower-http` gezet en teruggegeven) is het operatie-id: het `trace_id` in het toegangslog
//! (Logboek Dataverwerkingen), in de audittrail en in de traces van OpenTelemetry. Een id van
//! buiten geldt alleen van een eigen reverse proxy (de instelling `proxies`, bv. nginx'
//! `$request_id`): wie het zelf kiest, zou zijn verzoeken tussen die van een ander laten vallen.
//! Een W3C `traceparent` van de eigen proxy wordt geen eigen trace-id (het Logboek begint elke
//! verwerking met een nieuw trace-id), maar een *link* van de span van het verzoek naar die van
//! de aanroeper.

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

/// De buitenste laag: van een eigen proxy blijven een geldig `X-Request-Id` en een geldige
/// `traceparent` staan; van ieder ander niet, en een ongeldige nooit. Wat overblijft, vult
/// [`NieuwId`] daarna aan.
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
    let geldig = |h: &axum::http::HeaderMap, naam: &HeaderName, toets: fn(&str) -> bool| {
        h.get(naam).and_then(|v| v.to_str().ok()).is_some_and(toets)
    };
    if !vertrouwd || !geldig(h, &VERZOEK_ID, is_trace_id) {
        h.remove(&VERZOEK_ID);
    }
    if !vertrouwd || !geldig(h, &TRACEPARENT, |v| traceparent(v).is_some()) {
        h.remove(&TRACEPARENT);
    }
    next.run(req).await
}

/// De OpenTelemetry-context van een verzoek: een ouder op afstand met trace-id = het
/// operatie-id, zodat elke span van dit verzoek onder het operatie-id te vinden is.
pub fn ouder(id: &str) -> Option<opentelemetry::Context> {
    let trace = TraceId::from_hex(id).ok()?;
    let span = SpanId::from_hex(&vangnet_app::geheim::span_id()).ok()?;
    let sc = SpanContext::new(trace, span, TraceFlags::SAMPLED, true, TraceState::NONE);
    Some(opentelemetry::Context::new().with_remote_span_context(sc))
}

/// De span van de aanroeper uit een `traceparent` die [`controleren`] liet staan.
pub fn aanroeper(headers: &axum::http::HeaderMap) -> Option<SpanContext> {
    let (trace, span) = traceparent(headers.get(&TRACEPARENT)?.to_str().ok()?)?;
    Some(SpanContext::new(
        TraceId::from_hex(trace).ok()?,
        SpanId::from_hex(span).ok()?,
        TraceFlags::SAMPLED,
        true,
        TraceState::NONE,
    ))
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
