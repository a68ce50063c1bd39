//! Een bezoeker van de router zonder netwerk: bewaart cookies zoals een browser, neemt het
//! CSRF-token over uit de laatst bekeken pagina en kan de API met een token aanspreken.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Het antwoord op een verzoek.
#[derive(Debug)]
pub struct Antwoord {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub tekst: String,
}

impl Antwoord {
    /// Waarheen een redirect wijst.
    pub fn locatie(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    pub fn bevat(&self, s: &str) -> bool {
        self.tekst.contains(s)
    }

    /// De waarde van een verborgen of ander invoerveld in de HTML (`name="…" value="…"`).
    pub fn veldwaarde(&self, naam: &str) -> Option<String> {
        let zoek = format!("name=\"{naam}\"");
        let tag_begin = self.tekst.find(&zoek)?;
        let tag_eind = self.tekst[tag_begin..].find('>')? + tag_begin;
        let tag = &self.tekst[tag_begin..tag_eind];
        let begin = tag.find("value=\"")? + "value=\"".len();
        let eind = tag[begin..].find('"')? + begin;
        Some(tag[begin..eind].to_owned())
    }

    /// De tekst van het element met dit `data-testid` (grof: tot de eerstvolgende `<`).
    pub fn testid(&self, id: &str) -> Option<String> {
        let zoek = format!("data-testid=\"{id}\"");
        let begin = self.tekst.find(&zoek)?;
        let na_tag = self.tekst[begin..].find('>')? + begin + 1;
        let eind = self.tekst[na_tag..].find('<')? + na_tag;
        Some(self.tekst[na_tag..eind].trim().to_owned())
    }
}

pub struct Bezoeker {
    router: Router,
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
    adres: SocketAddr,
    /// Extra kopregels op elk verzoek (bv. `X-Forwarded-For` van een proxy).
    koppen: Vec<(&'static str, String)>,
}

impl Bezoeker {
    pub fn nieuw(router: Router) -> Self {
        Self {
            router,
            cookies: BTreeMap::new(),
            csrf: None,
            adres: SocketAddr::from(([127, 0, 0, 1], 50000)),
            koppen: Vec::new(),
        }
    }

    /// Dezelfde bezoeker met een extra kopregel op elk verzoek.
    pub fn met_kop(mut self, naam: &'static str, waarde: &str) -> Self {
        self.koppen.push((naam, waarde.to_owned()));
        self
    }

    /// Dezelfde bezoeker vanaf een ander netwerkadres.
    pub fn vanaf(mut self, ip: [u8; 4]) -> Self {
        self.adres = SocketAddr::from((ip, 50000));
        self
    }

    pub fn cookie(&self, naam: &str) -> Option<&str> {
        self.cookies.get(naam).map(String::as_str)
    }

    pub fn zet_cookie(&mut self, naam: &str, waarde: &str) {
        self.cookies.insert(naam.to_owned(), waarde.to_owned());
    }

    pub fn csrf(&self) -> Option<&str> {
        self.csrf.as_deref()
    }

    pub async fn verzoek(&mut self, req: Request<Body>) -> Antwoord {
        let mut req = req;
        if !self.cookies.is_empty() {
            let c = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut()
                .insert(header::COOKIE, c.parse().expect("cookieheader"));
        }
        for (naam, waarde) in &self.koppen {
            req.headers_mut()
                .append(*naam, waarde.parse().expect("kopregel"));
        }
        req.extensions_mut().insert(ConnectInfo(self.adres));
        let resp = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router antwoordt altijd");
        let status = resp.status();
        let headers = resp.headers().clone();
        for v in headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().expect("set-cookie");
            let paar = v.split(';').next().unwrap_or_default();
            if let Some((k, w)) = paar.split_once('=') {
                if w.is_empty() || v.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), w.to_owned());
                }
            }
        }
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        let tekst = String::from_utf8_lossy(&bytes).into_owned();
        let antwoord = Antwoord {
            status,
            headers,
            tekst,
        };
        if let Some(t) = antwoord.veldwaarde("csrf") {
            self.csrf = Some(t);
        }
        antwoord
    }

    pub async fn get(&mut self, pad: &str) -> Antwoord {
        self.verzoek(
            Request::builder()
                .uri(pad)
                .body(Body::empty())
                .expect("verzoek"),
        )
        .await
    }

    /// Een formulier posten, met het CSRF-token van de laatst bekeken pagina.
    pub async fn post(&mut self, pad: &str, velden: &[(&str, &str)]) -> Antwoord {
        let mut alle: Vec<(&str, &str)> = velden.to_vec();
        let csrf = self.csrf.clone();
        if let Some(t) = &csrf {
            if !velden.iter().any(|(k, _)| *k == "csrf") {
                alle.push(("csrf", t));
            }
        }
        self.post_zonder_csrf(pad, &alle).await
    }

    /// Een formulier posten precies zoals gegeven (voor CSRF-tests).
    pub async fn post_zonder_csrf(&mut self, pad: &str, velden: &[(&str, &str)]) -> Antwoord {
        let s = form_urlencoded_lite(velden);
        self.verzoek(
            Request::builder()
                .method(Method::POST)
                .uri(pad)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(s))
                .expect("verzoek"),
        )
        .await
    }

    /// Inloggen via het formulier. Geeft het antwoord op de POST.
    pub async fn inloggen(&mut self, naam: &str, wachtwoord: &str) -> Antwoord {
        self.get("/inloggen").await;
        self.post(
            "/inloggen",
            &[("gebruikersnaam", naam), ("wachtwoord", wachtwoord)],
        )
        .await
    }

    /// Een API-verzoek met een token (zonder cookies).
    pub async fn api(
        &mut self,
        methode: Method,
        pad: &str,
        token: Option<&str>,
        json: Option<&str>,
    ) -> Antwoord {
        let mut b = Request::builder().method(methode).uri(pad);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match json {
            Some(j) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_owned())
            }
            None => Body::empty(),
        };
        let bewaard = std::mem::take(&mut self.cookies);
        let a = self.verzoek(b.body(body).expect("verzoek")).await;
        self.cookies = bewaard;
        a
    }
}

fn form_urlencoded_lite(velden: &[(&str, &str)]) -> String {
    fn codeer(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    velden
        .iter()
        .map(|(k, v)| format!("{}={}", codeer(k), codeer(v)))
        .collect::<Vec<_>>()
        .join("&")
}
