//! Wie doet het verzoek, en mag het verzoek iets veranderen?
//!
//! De middleware [`aanmelden`] herkent een sessiecookie of een `Authorization: Bearer`-token,
//! controleert ze via de app-laag en zet het resultaat in het verzoek. Voor elk verzoek dat iets
//! kan veranderen (alles behalve GET/HEAD/OPTIONS) met een sessiecookie eist ze het CSRF-token van
//! die sessie, in het formulierveld `csrf` of de header `X-CSRF-Token`. Het inlogformulier zelf
//! heeft nog geen sessie en gebruikt een apart cookie met hetzelfde token als het formulier
//! (double submit). Tokens van de API hebben geen CSRF nodig: een browser stuurt ze nooit vanzelf
//! mee.

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::{AppFout, Context};

use crate::fout::WebFout;
use crate::metingen::OperatieId;
use crate::sessie::{cookie_van, Ingelogd, CSRF_HEADER, INLOG_CSRF_COOKIE, SESSIE_COOKIE};
use crate::WebStaat;

/// Hoe het verzoek is aangemeld.
#[derive(Debug, Clone)]
enum Aanmelding {
    Sessie {
        ctx: Context,
        sleutel: String,
        csrf: String,
        moet_wachtwoord_wijzigen: bool,
    },
    Token {
        ctx: Context,
    },
    /// Er was een sessiecookie, maar de sessie is verlopen of ingetrokken.
    Verlopen,
}

/// Wie het verzoek deed, als het is aangemeld (na [`aanmelden`]).
pub(crate) fn actor(req: &Request) -> Option<&vangnet_app::Actor> {
    match req.extensions().get::<Aanmelding>()? {
        Aanmelding::Sessie { ctx, .. } | Aanmelding::Token { ctx } => Some(&ctx.actor),
        Aanmelding::Verlopen => None,
    }
}

/// De context van een verzoek met een sessie (een formulier in de browser), na [`aanmelden`].
pub(crate) fn sessiecontext(req: &Request) -> Option<Context> {
    match req.extensions().get::<Aanmelding>()? {
        Aanmelding::Sessie { ctx, .. } => Some(ctx.clone()),
        _ => None,
    }
}

/// Het netwerkadres van de client, voor de inlogdrempel en de audittrail.
#[derive(Debug, Clone)]
pub struct ClientAdres(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Ingelogd {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Aanmelding>() {
            Some(Aanmelding::Sessie {
                ctx,
                sleutel,
                csrf,
                moet_wachtwoord_wijzigen,
            }) => Ok(Ingelogd {
                ctx: ctx.clone(),
                csrf: Some(csrf.clone()),
                sleutel: Some(sleutel.clone()),
                moet_wachtwoord_wijzigen: *moet_wachtwoord_wijzigen,
            }),
            Some(Aanmelding::Token { ctx }) => Ok(Ingelogd {
                ctx: ctx.clone(),
                csrf: None,
                sleutel: None,
                moet_wachtwoord_wijzigen: false,
            }),
            Some(Aanmelding::Verlopen) => Err(WebFout::SessieVerlopen),
            None => Err(WebFout::NietIngelogd),
        }
    }
}

/// Misschien ingelogd (voor de inlogpagina: wie al is ingelogd, gaat door naar de start).
pub struct MisschienIngelogd(pub Option<Ingelogd>);

impl<S: Send + Sync> FromRequestParts<S> for MisschienIngelogd {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        Ok(MisschienIngelogd(
            Ingelogd::from_request_parts(parts, s).await.ok(),
        ))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAdres {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAdres>()
            .cloned()
            .unwrap_or(ClientAdres("onbekend".into())))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for OperatieId {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<OperatieId>()
            .cloned()
            .unwrap_or_else(|| OperatieId(vangnet_app::geheim::operatie_id())))
    }
}

/// Een verzoek dat iets verandert en volgens de browser van een andere site komt
/// (`Sec-Fetch-Site: cross-site` of `same-site`, dat is een ander subdomein): geweigerd, naast
/// het CSRF-token. Zonder de header (een oudere browser, een script) beslist het token.
fn van_elders(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| matches!(v, "cross-site" | "same-site"))
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (soort, token) = v.split_once(' ')?;
    soort
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Vergelijkt twee geheimen in constante tijd.
fn gelijk(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn csrf_uit_formulier(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned())
}

/// Leest de body (binnen de limiet) om het CSRF-veld te vinden en zet hem daarna terug.
async fn controleer_csrf(req: Request, verwacht: &str) -> Result<Request, WebFout> {
    if let Some(h) = req.headers().get(CSRF_HEADER) {
        return if h.to_str().is_ok_and(|h| gelijk(h, verwacht)) {
            Ok(req)
        } else {
            Err(WebFout::Csrf)
        };
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, crate::MAX_BODY)
        .await
        .map_err(|_| WebFout::TeGroot)?;
    match csrf_uit_formulier(&bytes) {
        Some(t) if gelijk(&t, verwacht) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(WebFout::Csrf),
    }
}

/// Het adres van de client: de verbinding, of achter een ingestelde eigen proxy het adres dat die
/// doorgaf (zie [`crate::proxy`]).
fn adres(staat: &WebStaat, req: &Request) -> String {
    let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "onbekend".into();
    };
    let doorgestuurd: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::proxy::client(peer, &doorgestuurd, &staat.instellingen.proxies).to_string()
}

/// Paden die ook met een verplichte wachtwoordwijziging bereikbaar zijn.
fn vrij_bij_wachtwoordwijziging(pad: &str) -> bool {
    pad == "/account/wachtwoord" || pad == "/uitloggen" || pad.starts_with("/assets/")
}

pub async fn aanmelden(State(staat): State<WebStaat>, mut req: Request, next: Next) -> Response {
    let operatie_id = req
        .extensions()
        .get::<OperatieId>()
        .map(|o| o.0.clone())
        .unwrap_or_default();
    let adres = adres(&staat, &req);
    req.extensions_mut().insert(ClientAdres(adres));
    let veilig = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let pad = req.uri().path().to_owned();

    let aanmelding = if let Some(token) = bearer(req.headers()) {
        match staat.app.token_controleren(&token).await {
            // Een token dat alleen mag lezen, wijzigt niets: geen enkel verzoek dat iets kan
            // veranderen, ook niet als de rol het recht zou geven.
            Ok(vangnet_app::Actor::Gebruiker {
                bereik: Some(b), ..
            }) if !b.schrijven && !veilig => {
                return WebFout::BuitenBereik(format!(
                    "Dit API-token mag alleen lezen (bereik {b}); {} {pad} kan iets wijzigen. Maak onder Mijn account een token dat mag wijzigen.",
                    req.method()
                ))
                .into_response();
            }
            Ok(actor) => Some(Aanmelding::Token {
                ctx: Context::nieuw(actor, operatie_id),
            }),
            Err(AppFout::NietIngelogd) => return WebFout::NietIngelogd.into_response(),
            Err(e) => return WebFout::from(e).into_response(),
        }
    } else if let Some(sleutel) = cookie_van(&staat, req.headers(), SESSIE_COOKIE) {
        match staat.app.sessie_controleren(&sleutel).await {
            Ok(s) => Some(Aanmelding::Sessie {
                ctx: Context::nieuw(s.actor, operatie_id),
                sleutel,
                csrf: s.csrf_token,
                moet_wachtwoord_wijzigen: s.moet_wachtwoord_wijzigen,
            }),
            Err(AppFout::NietIngelogd | AppFout::SessieVerlopen) => Some(Aanmelding::Verlopen),
            Err(e) => return WebFout::from(e).into_response(),
        }
    } else {
        None
    };

    match &aanmelding {
        Some(Aanmelding::Sessie {
            csrf,
            moet_wachtwoord_wijzigen,
            ..
        }) => {
            if !veilig {
                if van_elders(req.headers()) {
                    tracing::warn!(%pad, "verzoek van een andere site geweigerd");
                    return WebFout::Csrf.into_response();
                }
                match controleer_csrf(req, csrf).await {
                    Ok(r) => req = r,
                    Err(f) => {
                        tracing::warn!(%pad, "CSRF-controle mislukt");
                        return f.into_response();
                    }
                }
            }
            if *moet_wachtwoord_wijzigen && !vrij_bij_wachtwoordwijziging(&pad) {
                if pad.starts_with("/api/") {
                    return WebFout::GeenToegang.into_response();
                }
                return Redirect::to("/account/wachtwoord").into_response();
            }
        }
        Some(Aanmelding::Verlopen) | None if !veilig && pad == "/inloggen" => {
            // Het token in het formulier hoort bij de voorsessie in het cookie (een HMAC), niet
            // zomaar gelijk aan het cookie.
            let voorsessie =
                cookie_van(&staat, req.headers(), INLOG_CSRF_COOKIE).unwrap_or_default();
            if voorsessie.len() < 32 || van_elders(req.headers()) {
                return WebFout::Csrf.into_response();
            }
            let verwacht = match staat.app.inlog_csrf(&voorsessie).await {
                Ok(v) => v,
                Err(e) => return WebFout::from(e).into_response(),
            };
            match controleer_csrf(req, &verwacht).await {
                Ok(r) => req = r,
                Err(f) => return f.into_response(),
            }
        }
        _ => {}
    }
    if let Some(a) = aanmelding {
        req.extensions_mut().insert(a);
    }
    next.run(req).await
}
