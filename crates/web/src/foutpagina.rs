//! De foutpagina en het problem-document: de middleware die van een [`FoutWeergave`] in een
//! antwoord de HTML-pagina (in de schil) of `application/problem+json` maakt. De fouten zelf en
//! hun vertaling staan in [`crate::fout`].

use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::fout::{FoutWeergave, Foutsoort, WebFout};
use crate::metingen::OperatieId;
use crate::schil::Schil;
use crate::WebStaat;

#[derive(Template)]
#[template(path = "fout.html")]
struct FoutPagina {
    schil: Schil,
    fout: FoutWeergave,
    status: u16,
}

#[derive(Template)]
#[template(path = "probleem.html")]
struct ProbleemPagina {
    schil: Schil,
    soort: Foutsoort,
    alle: [Foutsoort; 12],
}

/// De uitleg bij een problem-type (`/problemen/conflict`): openbaar, zodat wie een fout van de
/// API krijgt, de betekenis kan opzoeken.
pub async fn probleemsoort(
    State(staat): State<WebStaat>,
    OperatieId(op): OperatieId,
    Path(code): Path<String>,
) -> Result<Response, WebFout> {
    let soort = Foutsoort::uit_code(&code).ok_or(WebFout::NietGevonden)?;
    let pagina = ProbleemPagina {
        schil: Schil::anoniem(&staat, soort.naam(), &op),
        soort,
        alle: Foutsoort::ALLE,
    };
    let html = pagina
        .render()
        .map_err(|e| WebFout::Intern(format!("sjabloon probleem: {e}")))?;
    Ok(axum::response::Html(html).into_response())
}

/// Standaardteksten voor antwoorden zonder eigen weergave (afwijzingen door axum zelf).
fn standaard(status: StatusCode) -> FoutWeergave {
    let fout = match status {
        StatusCode::PAYLOAD_TOO_LARGE => WebFout::TeGroot,
        StatusCode::NOT_FOUND => WebFout::NietGevonden,
        StatusCode::METHOD_NOT_ALLOWED => WebFout::MethodeNietToegestaan,
        // Alleen de tijdslimiet geeft een 503 zonder eigen weergave.
        StatusCode::SERVICE_UNAVAILABLE => WebFout::TeLang,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => WebFout::OngeldigeInvoer(
            "Het soort inhoud van het verzoek wordt niet ondersteund.".into(),
        ),
        s if s.is_server_error() => WebFout::Intern(format!("status {s}")),
        _ => WebFout::OngeldigeInvoer(
            "Het verzoek is onjuist opgebouwd (bijvoorbeeld een ongeldig nummer in het adres)."
                .into(),
        ),
    };
    fout.weergave()
}

fn is_api(pad: &str) -> bool {
    pad.starts_with("/api/")
}

/// Zet een fout om in een HTML-pagina of problem+json.
pub async fn weergeven(State(staat): State<WebStaat>, req: Request, next: Next) -> Response {
    let pad = req.uri().path().to_owned();
    let methode = req.method().clone();
    let terug = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let operatie_id = req
        .extensions()
        .get::<OperatieId>()
        .map(|o| o.0.clone())
        .unwrap_or_default();
    let resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let weergave = match resp.extensions().get::<FoutWeergave>() {
        Some(w) => w.clone(),
        None if resp.headers().get(header::CONTENT_TYPE).is_some_and(|c| {
            c.as_bytes().starts_with(b"text/html") || c.as_bytes().starts_with(b"application/")
        }) =>
        {
            return resp;
        }
        None => standaard(status),
    };
    if is_api(&pad) {
        let mut doc = serde_json::json!({
            "type": weergave.soort.uri(),
            "title": weergave.titel,
            "status": status.as_u16(),
            "detail": weergave.melding,
            "instance": pad,
            "operatie_id": operatie_id,
        });
        if !weergave.veldfouten.is_empty() {
            doc["invalid-params"] = serde_json::json!(weergave
                .veldfouten
                .iter()
                .map(|f| {
                    let mut p = serde_json::json!({ "name": f.veld, "reason": f.melding });
                    if let Some(pagina) = &f.link {
                        p["link"] = api_link(pagina).into();
                        p["pagina"] = pagina.as_str().into();
                    }
                    p
                })
                .collect::<Vec<_>>());
        }
        let mut r = (status, axum::Json(doc)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"vangnet\""),
            );
        }
        return r;
    }
    // Niet (meer) ingelogd op een pagina: naar het inlogscherm, daarna terug.
    if status == StatusCode::UNAUTHORIZED
        && (weergave.titel == "Niet ingelogd" || weergave.verlopen)
    {
        let mut doel = String::from("/inloggen");
        if weergave.verlopen {
            doel.push_str("?verlopen=1");
        }
        if methode == axum::http::Method::GET && terug != "/" {
            doel.push_str(if weergave.verlopen { "&" } else { "?" });
            doel.push_str("terug=");
            doel.push_str(&form_urlencoded::byte_serialize(terug.as_bytes()).collect::<String>());
        }
        let mut r = Redirect::to(&doel).into_response();
        if weergave.verlopen {
            if let Ok(v) =
                crate::sessie::cookie_wissen(&staat, crate::sessie::SESSIE_COOKIE).parse()
            {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
        }
        return r;
    }
    let pagina = FoutPagina {
        schil: Schil::anoniem(&staat, &weergave.titel, &operatie_id),
        fout: weergave,
        status: status.as_u16(),
    };
    match pagina.render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(_) => (status, "Er ging iets mis.").into_response(),
    }
}

/// De bron in de API bij een pagina waarnaar een fout verwijst (de persoon die dit BSN al heeft):
/// `/personen/7` wordt `/api/v1/personen/7`. Een pagina zonder tweeling blijft de pagina.
fn api_link(pagina: &str) -> String {
    for bron in ["/personen/", "/dossiers/"] {
        if let Some(id) = pagina.strip_prefix(bron) {
            if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
                return format!("/api/v1{bron}{id}");
            }
        }
    }
    pagina.to_owned()
}
