//! De webschil van buiten: CSRF, de inlogdrempel, verlopen sessies, slechte invoer, fouten als
//! Nederlandse HTML of problem+json, beveiligingsheaders, `/health`, `/metrics` en de API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

use axum::http::{header, Method, StatusCode};
use chrono::Duration;
use vangnet_domain::Rol;
use vangnet_testkit::{persona, Bezoeker, TestApp, PERSONA_WACHTWOORD};

async fn ingelogd(t: &TestApp, rol: Rol) -> Bezoeker {
    t.persona(rol).await;
    let mut b = t.bezoeker();
    let a = b.inloggen(persona(rol), PERSONA_WACHTWOORD).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    b
}

async fn aantal_teams(t: &TestApp) -> usize {
    t.app.teams(&TestApp::systeem()).await.unwrap().len()
}

/// Het sessiecookie zoals de browser het achter HTTPS krijgt (zie `aanmelding::cookienaam`).
const SESSIE: &str = "__Host-vangnet_sessie";
#[tokio::test]
async fn csrf_wordt_op_elke_wijziging_geeist() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    b.get("/teams").await;
    let zonder = b.post_zonder_csrf("/teams", &[("naam", "Noord")]).await;
    assert_eq!(zonder.status, StatusCode::FORBIDDEN);
    assert!(zonder.bevat("CSRF"), "{}", zonder.tekst);
    let fout = b
        .post_zonder_csrf("/teams", &[("naam", "Noord"), ("csrf", "0000")])
        .await;
    assert_eq!(fout.status, StatusCode::FORBIDDEN);
    assert_eq!(aantal_teams(&t).await, 0, "niets opgeslagen");
    // Uitloggen zonder token kan ook niet (anders kan een andere site iemand uitloggen).
    assert_eq!(
        b.post_zonder_csrf("/uitloggen", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let goed = b.post("/teams", &[("naam", "Noord")]).await;
    assert_eq!(goed.status, StatusCode::SEE_OTHER);
    assert_eq!(aantal_teams(&t).await, 1);

    // Via de header (zoals htmx doet) werkt het ook.
    let csrf = b.csrf().unwrap().to_owned();
    let a = b
        .verzoek(
            axum::http::Request::builder()
                .method(Method::POST)
                .uri("/teams")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-csrf-token", csrf)
                .body(axum::body::Body::from("naam=Zuid"))
                .unwrap(),
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);

    // Het inlogformulier: zonder het bijbehorende cookie geweigerd.
    let mut vreemde = t.bezoeker();
    let a = vreemde
        .post_zonder_csrf(
            "/inloggen",
            &[
                ("gebruikersnaam", "fb"),
                ("wachtwoord", PERSONA_WACHTWOORD),
                ("csrf", &"a".repeat(64)),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(vreemde.cookie(SESSIE).is_none());
    t.opruimen().await;
}

#[tokio::test]
async fn inloggen_via_het_formulier() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::Auditor).await;
    let mut b = t.bezoeker();
    let leeg = b.inloggen("", "").await;
    assert_eq!(leeg.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(leeg.bevat("Vul uw gebruikersnaam in.") && leeg.bevat("Vul uw wachtwoord in."));
    let fout = b.inloggen("auditor", "verkeerd-wachtwoord").await;
    assert_eq!(fout.status, StatusCode::UNAUTHORIZED);
    assert!(fout.bevat("De combinatie van gebruikersnaam en wachtwoord is onjuist."));
    assert_eq!(
        fout.veldwaarde("gebruikersnaam").as_deref(),
        Some("auditor"),
        "de naam blijft staan"
    );
    let onbekend = b.inloggen("niemand", "verkeerd-wachtwoord").await;
    assert_eq!(onbekend.status, fout.status);
    assert_eq!(onbekend.testid("inlogfout"), fout.testid("inlogfout"));

    let a = b.inloggen("auditor", PERSONA_WACHTWOORD).await;
    assert_eq!(a.locatie(), Some("/"));
    let set_cookie: Vec<&str> = a
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let sessie = set_cookie
        .iter()
        .find(|c| c.starts_with("__Host-vangnet_sessie="))
        .unwrap();
    for vlag in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(sessie.contains(vlag), "{sessie} mist {vlag}");
    }
    let start = b.get("/").await;
    assert_eq!(start.status, StatusCode::OK);
    assert!(start.bevat("Audittrail") && start.bevat("Toegangslog"));
    assert!(
        !start.bevat("href=\"/gebruikers\""),
        "een auditor ziet geen gebruikersbeheer"
    );

    // Terug naar waar je heen wilde, maar nooit naar een andere site.
    let mut c = t.bezoeker();
    let a = c.get("/audit?actie=team").await;
    assert_eq!(a.locatie(), Some("/inloggen?terug=%2Faudit%3Factie%3Dteam"));
    c.get("/inloggen?terug=%2Faudit%3Factie%3Dteam").await;
    let a = c
        .post(
            "/inloggen",
            &[
                ("gebruikersnaam", "auditor"),
                ("wachtwoord", PERSONA_WACHTWOORD),
                ("terug", "/audit?actie=team"),
            ],
        )
        .await;
    assert_eq!(a.locatie(), Some("/audit?actie=team"));
    let mut d = t.bezoeker();
    d.get("/inloggen").await;
    let a = d
        .post(
            "/inloggen",
            &[
                ("gebruikersnaam", "auditor"),
                ("wachtwoord", PERSONA_WACHTWOORD),
                ("terug", "//boos.example/x"),
            ],
        )
        .await;
    assert_eq!(a.locatie(), Some("/"));
    // Een tab (die de browser uit de URL haalt: `//boos.example`) of een verticale tab (gaf een
    // 500): naar de startpagina (issue 17, punt 8).
    // (Een verticale tab is een stuurteken: die weigert de rand al met 422, punt 12.)
    let mut e = t.bezoeker();
    assert_eq!(
        e.get("/inloggen?terug=/%0B/boos.example").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    for terug in ["/\t/boos.example", "/\n/boos.example"] {
        let mut e = t.bezoeker();
        let a = e
            .get(&format!(
                "/inloggen?terug={}",
                terug.replace('\t', "%09").replace('\n', "%0A")
            ))
            .await;
        assert_eq!(a.status, StatusCode::OK);
        assert_eq!(a.veldwaarde("terug").as_deref(), Some("/"), "{terug:?}");
        let a = e
            .post(
                "/inloggen",
                &[
                    ("gebruikersnaam", "auditor"),
                    ("wachtwoord", PERSONA_WACHTWOORD),
                    ("terug", terug),
                ],
            )
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{terug:?}: {}", a.tekst);
        assert_eq!(a.locatie(), Some("/"), "{terug:?}");
    }
    t.opruimen().await;
}

#[tokio::test]
async fn inlogdrempel_via_http() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::Teamleider).await;
    let mut b = t.bezoeker();
    for _ in 0..5 {
        assert_eq!(
            b.inloggen("teamleider", "fout-fout-fout").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let a = b.inloggen("teamleider", PERSONA_WACHTWOORD).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(a.bevat("Te veel mislukte inlogpogingen. Probeer het over 1 minuut opnieuw."));
    assert!(b.cookie(SESSIE).is_none());
    // De echte gebruiker op een ander adres komt er gewoon in (issue 17, punt 11).
    let mut elders = t.bezoeker().vanaf([10, 1, 2, 3]);
    assert_eq!(
        elders
            .inloggen("teamleider", PERSONA_WACHTWOORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    t.klok.verzet(Duration::minutes(2));
    assert_eq!(
        b.inloggen("teamleider", PERSONA_WACHTWOORD).await.status,
        StatusCode::SEE_OTHER
    );
    let metrics = b.get("/metrics").await;
    assert!(
        metrics.bevat("vangnet_inloggen_mislukt_totaal 6"),
        "{}",
        metrics.tekst
    );
    t.opruimen().await;
}

/// Issue 17 punt 11: een nieuw wachtwoord beëindigt de andere sessies en de API-tokens en geeft
/// de eigen sessie een nieuwe sleutel; het uitlogcookie is `Secure`; het CSRF-token van het
/// inlogformulier hoort bij de voorsessie (een zelf gekozen cookie met hetzelfde token in het
/// formulier helpt niet).
#[tokio::test]
async fn sessies_tokens_en_het_inlogformulier() {
    let t = TestApp::nieuw().await;
    let mut a = ingelogd(&t, Rol::Inkomensconsulent).await;
    let mut b = t.bezoeker();
    b.inloggen(persona(Rol::Inkomensconsulent), PERSONA_WACHTWOORD)
        .await;
    let token = t
        .app
        .token_aanmaken(&TestApp::systeem(), persona(Rol::Inkomensconsulent), "test")
        .await
        .unwrap()
        .token;
    let mut api = t.bezoeker();
    assert_eq!(
        api.api(Method::GET, "/api/v1/ik", Some(&token), None)
            .await
            .status,
        StatusCode::OK
    );
    let oud = a.cookie(SESSIE).unwrap().to_owned();
    a.get("/account/wachtwoord").await;
    let r = a
        .post(
            "/account/wachtwoord",
            &[
                ("huidig", PERSONA_WACHTWOORD),
                ("nieuw", "een-heel-nieuw-wachtwoord-2026"),
                ("herhaling", "een-heel-nieuw-wachtwoord-2026"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.tekst);
    let nieuw = a.cookie(SESSIE).unwrap().to_owned();
    assert_ne!(oud, nieuw, "de sessie kreeg een nieuwe sleutel");
    assert_eq!(
        a.get("/account").await.status,
        StatusCode::OK,
        "zelf blijft ingelogd"
    );
    assert_eq!(
        b.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "andere sessie weg"
    );
    let mut gestolen = t.bezoeker();
    gestolen.zet_cookie(SESSIE, &oud);
    assert_eq!(
        gestolen.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "oude sleutel weg"
    );
    assert_eq!(
        api.api(Method::GET, "/api/v1/ik", Some(&token), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED,
        "token ingetrokken"
    );

    // Uitloggen wist het cookie met dezelfde vlaggen, ook Secure.
    a.get("/account").await;
    let r = a.post("/uitloggen", &[]).await;
    let gewist: Vec<&str> = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(
        gewist
            .iter()
            .any(|c| c.starts_with("__Host-vangnet_sessie=;")
                && c.contains("Secure")
                && c.contains("Max-Age=0")),
        "{gewist:?}"
    );

    // Een zelf gekozen voorsessie met hetzelfde token in het formulier: geweigerd. (Achter
    // HTTPS heet het cookie `__Host-…`: een ander subdomein kan het niet eens zetten.)
    let mut aanvaller = t.bezoeker();
    let zelf = "a".repeat(64);
    aanvaller.zet_cookie("__Host-vangnet_inlog_csrf", &zelf);
    let r = aanvaller
        .post_zonder_csrf(
            "/inloggen",
            &[
                ("gebruikersnaam", persona(Rol::Inkomensconsulent)),
                ("wachtwoord", "een-heel-nieuw-wachtwoord-2026"),
                ("csrf", &zelf),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.tekst);

    // Een formulier dat volgens de browser van een andere site komt, wordt geweigerd, ook met
    // een geldig token (inloggen, en iets veranderen in een sessie); van de eigen site niet.
    for (site, status) in [
        ("cross-site", StatusCode::FORBIDDEN),
        ("same-site", StatusCode::FORBIDDEN),
        ("same-origin", StatusCode::SEE_OTHER),
    ] {
        let mut c = t.bezoeker().met_kop("sec-fetch-site", site);
        c.get("/inloggen").await;
        let r = c
            .post(
                "/inloggen",
                &[
                    ("gebruikersnaam", persona(Rol::Inkomensconsulent)),
                    ("wachtwoord", "een-heel-nieuw-wachtwoord-2026"),
                ],
            )
            .await;
        assert_eq!(r.status, status, "inloggen {site}: {}", r.tekst);
        let mut d = t.bezoeker();
        d.inloggen(
            persona(Rol::Inkomensconsulent),
            "een-heel-nieuw-wachtwoord-2026",
        )
        .await;
        let mut d = d.met_kop("sec-fetch-site", site);
        d.get("/account").await;
        let r = d.post("/uitloggen", &[]).await;
        assert_eq!(r.status, status, "uitloggen {site}: {}", r.tekst);
    }
    t.opruimen().await;
}

/// Issue 17 punt 9: achter de eigen proxy telt het meest rechtse adres dat geen eigen proxy is.
/// Wie links in `X-Forwarded-For` steeds een ander adres verzint, omzeilt de inlogdrempel per
/// adres niet; zonder ingestelde proxy telt de kop helemaal niet.
#[tokio::test]
async fn x_forwarded_for_alleen_van_de_eigen_proxy() {
    let t = TestApp::nieuw().await;
    let achter_proxy = vangnet_web::WebInstellingen {
        proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    };
    let max = vangnet_app::Instellingen::default().max_pogingen_per_adres;
    for i in 0..max {
        let mut b = t
            .bezoeker_met(achter_proxy.clone())
            .met_kop("x-forwarded-for", &format!("198.51.100.{i}, 203.0.113.9"));
        let a = b.inloggen(&format!("niemand{i}"), "fout-fout-fout").await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "poging {i}");
    }
    let mut b = t
        .bezoeker_met(achter_proxy.clone())
        .met_kop("x-forwarded-for", "198.51.100.250, 203.0.113.9");
    let a = b.inloggen("nog-iemand", "fout-fout-fout").await;
    assert_eq!(
        a.status,
        StatusCode::TOO_MANY_REQUESTS,
        "de drempel per adres geldt"
    );
    // Een andere echte client achter dezelfde proxy merkt daar niets van.
    let mut c = t
        .bezoeker_met(achter_proxy)
        .met_kop("x-forwarded-for", "203.0.113.77");
    assert_eq!(
        c.inloggen("niemand", "fout-fout-fout").await.status,
        StatusCode::UNAUTHORIZED
    );
    // Zonder ingestelde proxy telt de kop niet: dit is 127.0.0.1, niet 203.0.113.9.
    let mut d = t.bezoeker().met_kop("x-forwarded-for", "203.0.113.9");
    assert_eq!(
        d.inloggen("niemand", "fout-fout-fout").await.status,
        StatusCode::UNAUTHORIZED
    );
    t.opruimen().await;
}

#[tokio::test]
async fn verlopen_sessie_gaat_terug_naar_inloggen() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::Inkomensconsulent).await;
    assert_eq!(b.get("/").await.status, StatusCode::OK);
    t.klok.verzet(Duration::minutes(31));
    let a = b.get("/teams").await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(a.locatie(), Some("/inloggen?verlopen=1&terug=%2Fteams"));
    assert!(b.cookie(SESSIE).is_none(), "cookie gewist");
    let a = b.get("/inloggen?verlopen=1").await;
    assert!(a.bevat("Uw sessie is verlopen."));
    t.opruimen().await;
}

#[tokio::test]
async fn eenmalig_wachtwoord_moet_eerst_gewijzigd() {
    let t = TestApp::nieuw().await;
    let (_, eenmalig) = t
        .app
        .gebruiker_aanmaken(
            &TestApp::systeem(),
            &vangnet_app::beheer::NieuweGebruiker {
                gebruikersnaam: "nieuw".into(),
                volledige_naam: "Nieuwe Collega".into(),
                rollen: vec!["auditor".into()],
            },
        )
        .await
        .unwrap();
    let mut b = t.bezoeker();
    assert_eq!(
        b.inloggen("nieuw", &eenmalig).await.locatie(),
        Some("/account/wachtwoord")
    );
    assert_eq!(b.get("/audit").await.locatie(), Some("/account/wachtwoord"));
    let a = b.get("/account/wachtwoord").await;
    assert!(a.testid("wachtwoord-verplicht").is_some());
    let a = b
        .post(
            "/account/wachtwoord",
            &[
                ("huidig", &eenmalig),
                ("nieuw", "kort"),
                ("herhaling", "kort"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("Het wachtwoord moet minstens 12 tekens lang zijn."));
    let a = b
        .post(
            "/account/wachtwoord",
            &[
                ("huidig", &eenmalig),
                ("nieuw", "mijn-eigen-wachtwoord"),
                ("herhaling", "mijn-eigen-wachtwoord"),
            ],
        )
        .await;
    assert_eq!(a.locatie(), Some("/account?gedaan=wachtwoord-gewijzigd"));
    assert_eq!(b.get("/audit").await.status, StatusCode::OK);
    t.opruimen().await;
}

#[tokio::test]
async fn fouten_zijn_nederlands_en_nooit_500() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    let a = b.get("/bestaat-niet").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.bevat("Pagina niet gevonden"));
    let operatie = a
        .headers
        .get("x-operatie-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        a.testid("operatie-id").as_deref(),
        Some(operatie.as_str()),
        "het operatie-id staat op de foutpagina"
    );
    let a = b.get("/teams/abc").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.bevat("ongeldig nummer in het adres"), "{}", a.tekst);
    let a = b.get("/teams/987654").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = b
        .verzoek(
            axum::http::Request::builder()
                .method(Method::DELETE)
                .uri("/teams")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        matches!(
            a.status,
            StatusCode::METHOD_NOT_ALLOWED | StatusCode::FORBIDDEN
        ),
        "{}",
        a.status
    );

    // Een te grote body: 413 met een Nederlandse melding, niets opgeslagen.
    b.get("/teams").await;
    let groot = "x".repeat(vangnet_web::MAX_BODY + 10);
    let a = b
        .post("/teams", &[("naam", "Groot"), ("omschrijving", &groot)])
        .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(a.bevat("groter dan 64 kB"), "{}", a.tekst);
    assert_eq!(aantal_teams(&t).await, 0);

    // HTML in invoer wordt getoond als tekst, nooit uitgevoerd.
    b.get("/teams").await;
    let a = b
        .post("/teams", &[("naam", "<script>alert(1)</script>")])
        .await;
    let team = b.get(a.locatie().unwrap()).await;
    assert!(
        team.bevat("&#60;script&#62;alert(1)&#60;/script&#62;")
            || team.bevat("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        team.tekst
    );
    assert!(!team.bevat("<script>alert"));

    // Een filter met een ongeldige datum: melding bij het veld, geen 500.
    t.persona(Rol::Auditor).await;
    let mut a_b = t.bezoeker();
    a_b.inloggen("auditor", PERSONA_WACHTWOORD).await;
    let a = a_b.get("/audit?van=28-11-2026&pagina=nul").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.bevat("De datum &#39;van&#39; is geen geldige datum")
            || a.bevat("De datum 'van' is geen geldige datum"),
        "{}",
        a.tekst
    );
    assert!(a.bevat("Het paginanummer moet een geheel getal vanaf 1 zijn."));
    assert_eq!(
        a_b.get("/audit?van=2026-11-01&tot=2026-11-30&actie=team")
            .await
            .status,
        StatusCode::OK
    );
    t.opruimen().await;
}

#[tokio::test]
async fn beveiligingsheaders_health_en_metrics() {
    let t = TestApp::nieuw().await;
    let mut b = t.bezoeker();
    let a = b.get("/inloggen").await;
    let h = |n: &str| {
        a.headers
            .get(n)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert!(h("content-security-policy").contains("frame-ancestors 'none'"));
    assert!(h("content-security-policy").contains("script-src 'self'"));
    assert_eq!(h("x-frame-options"), "DENY");
    assert_eq!(h("referrer-policy"), "same-origin");
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("cache-control"), "no-store");
    assert!(h("strict-transport-security").starts_with("max-age="));
    assert_eq!(h("x-operatie-id").len(), 32);
    assert!(a.bevat("<html lang=\"nl\">") && a.bevat("Direct naar de inhoud"));

    let health = b.get("/health").await;
    assert_eq!(health.status, StatusCode::OK);
    let j: serde_json::Value = serde_json::from_str(&health.tekst).unwrap();
    assert_eq!(j["database"]["bereikbaar"], true);
    let m = b.get("/metrics").await;
    assert!(m
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    for regel in [
        "# TYPE vangnet_http_verzoeken_totaal counter",
        "vangnet_http_verzoeken_totaal{klasse=\"2xx\"} 2",
        "vangnet_database_bereikbaar 1",
    ] {
        assert!(m.bevat(regel), "{regel} ontbreekt in\n{}", m.tekst);
    }
    let css = b.get("/assets/vangnet.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.bevat(":focus-visible"));
    assert_eq!(b.get("/assets/htmx.min.js").await.status, StatusCode::OK);
    assert_eq!(
        b.get("/assets/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
    t.opruimen().await;
}

#[tokio::test]
async fn api_met_token_en_problem_json() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::FunctioneelBeheerder).await;
    let token = t
        .app
        .token_aanmaken(&TestApp::systeem(), "fb", "test")
        .await
        .unwrap()
        .token;
    let mut b = t.bezoeker();

    let a = b.api(Method::GET, "/api/v1/ik", None, None).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        a.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/problem+json"
    );
    assert!(a.headers.get(header::WWW_AUTHENTICATE).is_some());
    let a = b
        .api(Method::GET, "/api/v1/ik", Some("vgn_onzin"), None)
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);

    let a = b.api(Method::GET, "/api/v1/ik", Some(&token), None).await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["gebruikersnaam"], "fb");
    assert_eq!(j["rollen"][0], "functioneel_beheerder");

    let a = b
        .api(
            Method::POST,
            "/api/v1/gebruikers",
            Some(&token),
            Some(r#"{"gebruikersnaam":"api","volledige_naam":"Via API","rollen":["auditor"]}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["eenmalig_wachtwoord"].as_str().unwrap().len(), 20);
    assert!(a
        .headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("/api/v1/gebruikers/"));

    // Slechte invoer: problem+json met Nederlandse uitleg, het veld genoemd.
    let gevallen = [
        (
            r#"{"gebruikersnaam": "x""#,
            StatusCode::BAD_REQUEST,
            "geen geldige JSON",
        ),
        (
            r#"{"gebruikersnaam":"x","volledige_naam":"X"}"#,
            StatusCode::BAD_REQUEST,
            "het veld `rollen` ontbreekt",
        ),
        (
            r#"{"gebruikersnaam":"x","volledige_naam":"X","rollen":[],"admin":true}"#,
            StatusCode::BAD_REQUEST,
            "het veld `admin` is onbekend",
        ),
        (
            r#"{"gebruikersnaam":1,"volledige_naam":"X","rollen":[]}"#,
            StatusCode::BAD_REQUEST,
            "verkeerde type",
        ),
        (
            r#"{"gebruikersnaam":"api","volledige_naam":"","rollen":["koning"]}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Onbekende rol 'koning'.",
        ),
    ];
    for (json, status, tekst) in gevallen {
        let a = b
            .api(Method::POST, "/api/v1/gebruikers", Some(&token), Some(json))
            .await;
        assert_eq!(a.status, status, "{json}: {}", a.tekst);
        assert_eq!(
            a.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/problem+json"
        );
        assert!(a.tekst.contains(tekst), "{json}: {}", a.tekst);
    }
    let a = b
        .api(
            Method::POST,
            "/api/v1/gebruikers",
            Some(&token),
            Some(r#"{"gebruikersnaam":"api","volledige_naam":"","rollen":["auditor"]}"#),
        )
        .await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    let velden: Vec<&str> = j["invalid-params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(velden, ["volledige_naam"], "{}", a.tekst);
    let groot = format!(r#"{{"naam":"{}"}}"#, "x".repeat(vangnet_web::MAX_BODY));
    let a = b
        .api(Method::POST, "/api/v1/teams", Some(&token), Some(&groot))
        .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    let a = b
        .api(Method::GET, "/api/v1/bestaat-niet", Some(&token), None)
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(
        a.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/problem+json"
    );

    // Het OpenAPI-document is geldige JSON en beschrijft elke API-route.
    let a = b.api(Method::GET, "/api/v1/openapi.json", None, None).await;
    let doc: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    for pad in [
        "/api/v1/ik",
        "/api/v1/gebruikers",
        "/api/v1/gebruikers/{id}",
        "/api/v1/teams",
        "/api/v1/audit",
        "/api/v1/toegangslog",
    ] {
        assert!(
            doc["paths"][pad].is_object(),
            "{pad} ontbreekt in openapi.json"
        );
    }
    t.opruimen().await;
}

#[tokio::test]
async fn gelijktijdig_bewerken_verliest_geen_wijziging() {
    let t = TestApp::nieuw().await;
    let mut een = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    t.gebruiker("fb2", &[Rol::FunctioneelBeheerder]).await;
    let mut twee = t.bezoeker();
    twee.inloggen("fb2", PERSONA_WACHTWOORD).await;
    let doel = t.persona(Rol::Auditor).await.actor.gebruiker_id().unwrap();
    let pad = format!("/gebruikers/{doel}");
    let formulier1 = een.get(&pad).await;
    let formulier2 = twee.get(&pad).await;
    let versie = formulier1.veldwaarde("versie").unwrap();
    assert_eq!(formulier2.veldwaarde("versie").unwrap(), versie);
    let a = een
        .post(
            &pad,
            &[
                ("volledige_naam", "Eerste Wijziging"),
                ("rollen", "auditor"),
                ("versie", &versie),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = twee
        .post(
            &pad,
            &[
                ("volledige_naam", "Tweede Wijziging"),
                ("rollen", "auditor"),
                ("rollen", "handhaving"),
                ("versie", &versie),
                ("reden", "mijn reden"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a
        .testid("conflict")
        .unwrap()
        .contains("Iemand anders heeft deze gebruiker intussen gewijzigd"));
    assert!(a.bevat("Eerste Wijziging"), "de nieuwe stand wordt getoond");
    assert!(a.bevat("mijn reden"), "de getypte reden blijft staan");
    let g = t
        .app
        .gebruiker_op_naam(&TestApp::systeem(), "auditor")
        .await
        .unwrap();
    assert_eq!(g.volledige_naam, "Eerste Wijziging");
    assert_eq!(g.rollen, vec![Rol::Auditor]);
    t.opruimen().await;
}

/// Elke rol ziet na inloggen een startpagina met zijn eigen rol en alleen de navigatie die mag.
#[tokio::test]
async fn elke_rol_heeft_een_eigen_startpagina() {
    let t = TestApp::nieuw().await;
    let gevallen: [(Rol, &[&str], &[&str]); 6] = [
        (
            Rol::AdministratiefOndersteuner,
            &["Registreert nieuwe dossiers", "href=\"/teams\""],
            &["href=\"/gebruikers\"", "href=\"/audit\""],
        ),
        (
            Rol::Inkomensconsulent,
            &["Heeft een eigen caseload", "href=\"/teams\""],
            &["href=\"/gebruikers\"", "href=\"/audit\""],
        ),
        (
            Rol::Teamleider,
            &["Bewaakt werkvoorraad en servicenormen", "href=\"/teams\""],
            &["href=\"/gebruikers\"", "href=\"/audit\""],
        ),
        (
            Rol::Handhaving,
            &["Onderzoekt signalen"],
            &["href=\"/teams\"", "href=\"/gebruikers\"", "href=\"/audit\""],
        ),
        (
            Rol::FunctioneelBeheerder,
            &[
                "Beheert gebruikers, teams en rollen",
                "href=\"/gebruikers\"",
                "href=\"/gebruikers/nieuw\"",
            ],
            &["href=\"/audit\""],
        ),
        (
            Rol::Auditor,
            &[
                "Leest wie wat heeft gewijzigd",
                "href=\"/audit\"",
                "href=\"/toegangslog\"",
                "Keten controleren",
            ],
            &["href=\"/gebruikers\""],
        ),
    ];
    for (rol, wel, niet) in gevallen {
        let mut b = ingelogd(&t, rol).await;
        let a = b.get("/").await;
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.bevat(rol.naam()), "{rol:?}");
        for w in wel {
            assert!(a.bevat(w), "{rol:?} mist {w}");
        }
        for n in niet {
            assert!(!a.bevat(n), "{rol:?} hoort {n} niet te zien");
        }
    }
    t.opruimen().await;
}

#[tokio::test]
async fn api_voor_aanvragen_zoeken_en_huishoudens() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::Inkomensconsulent).await;
    let token = t
        .app
        .token_aanmaken(&TestApp::systeem(), "consulent", "test")
        .await
        .unwrap()
        .token;
    let mut b = t.bezoeker();
    let aanvraag = r#"{
        "ontvangen_op": "2026-11-02",
        "aanvrager": {"bsn": "111222333", "voornamen": "Jan", "voorvoegsel": "de", "geslachtsnaam": "Vries", "geboortedatum": "1985-05-01"},
        "adres": {"straat": "Zwaanshals", "huisnummer": "12", "postcode": "3035KS", "woonplaats": "Rotterdam"},
        "leden": [{"rol": "kind", "persoon": {"bsn": "100000009", "voornamen": "Noor", "voorvoegsel": "de", "geslachtsnaam": "Vries", "geboortedatum": "03-09-2015"}}]
    }"#;
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(aanvraag),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["nummer"], "2026-000001");
    let id = j["id"].as_i64().unwrap();

    let a = b
        .api(Method::GET, "/api/v1/zoeken?q=de%20vr", Some(&token), None)
        .await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["treffers"].as_array().unwrap().len(), 2, "{}", a.tekst);
    assert_eq!(j["treffers"][0]["bsn_gemaskeerd"], "*****2333");

    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/dossiers/{id}"),
            Some(&token),
            None,
        )
        .await;
    let d: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(d["huishouden"].as_array().unwrap().len(), 2);
    assert_eq!(d["termijnen"]["beslissen"], "2026-12-28");
    let huishouden = d["dossier"]["huishouden_id"].as_i64().unwrap();
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/huishoudens/{huishouden}?op=2026-11-01"),
            Some(&token),
            None,
        )
        .await;
    let h: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert!(
        h["leden"].as_array().unwrap().is_empty(),
        "vóór de ontvangst: niemand"
    );
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/huishoudens/{huishouden}?op=gisteren"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.tekst.contains("op is geen datum"));

    // Dezelfde aanvraag nog eens: de personen zitten al in een huishouden.
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(aanvraag),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.tekst.contains("al bij een ander huishouden"),
        "{}",
        a.tekst
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(r#"{"ontvangen_op": "2026-11-02"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(
        a.tekst.contains("het veld `aanvrager` ontbreekt"),
        "{}",
        a.tekst
    );
    t.opruimen().await;
}

#[tokio::test]
async fn demo_installatie_toont_een_banner_op_elke_pagina() {
    let t = TestApp::nieuw().await;
    let mut gewoon = t.bezoeker();
    assert!(gewoon.get("/inloggen").await.testid("demobanner").is_none());
    let mut demo = t.bezoeker_met(vangnet_web::WebInstellingen {
        demo: true,
        ..Default::default()
    });
    let a = demo.get("/inloggen").await;
    assert!(a
        .testid("demobanner")
        .unwrap()
        .contains("wachtwoord vangnet-demo"));
    assert!(demo
        .get("/bestaat-niet")
        .await
        .testid("demobanner")
        .is_some());
    t.opruimen().await;
}

#[tokio::test]
async fn twee_medewerkers_wijzigen_dezelfde_persoon() {
    let t = TestApp::nieuw().await;
    let mut een = ingelogd(&t, Rol::AdministratiefOndersteuner).await;
    let mut twee = ingelogd(&t, Rol::Inkomensconsulent).await;
    een.get("/dossiers/nieuw").await;
    let a = een
        .post(
            "/dossiers",
            &[
                ("ontvangen_op", "2026-11-02"),
                ("aanvrager.bsn", "999993653"),
                ("aanvrager.voornamen", "Fatima"),
                ("aanvrager.geslachtsnaam", "El Amrani"),
                ("aanvrager.geboortedatum", "14-03-1990"),
                ("straat", "Coolsingel"),
                ("huisnummer", "40"),
                ("postcode", "3011AD"),
                ("woonplaats", "Rotterdam"),
                ("aantal_leden", "3"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let dossier = een.get(a.locatie().unwrap()).await;
    assert!(dossier.bevat("De aanvraag is geregistreerd."));
    let id = t
        .app
        .persoon_op_bsn(&t.persona(Rol::Teamleider).await, "999993653")
        .await
        .unwrap()
        .unwrap()
        .id;
    let pad = format!("/personen/{id}/wijzigen");
    let f1 = een.get(&pad).await;
    let f2 = twee.get(&pad).await;
    let versie = f1.veldwaarde("versie").unwrap();
    assert_eq!(f2.veldwaarde("versie").unwrap(), versie);
    let doel = format!("/personen/{id}");
    let velden = |naam: &'static str, reden: &'static str| {
        vec![
            ("voornamen", "Fatima"),
            ("geslachtsnaam", naam),
            ("geboortedatum", "14-03-1990"),
            ("reden", reden),
        ]
    };
    let mut v1 = velden("El-Amrani", "typefout");
    v1.push(("versie", &versie));
    let a = een.post(&doel, &v1).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let mut v2 = velden("Amrani", "mijn reden");
    v2.push(("versie", &versie));
    let a = twee.post(&doel, &v2).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.testid("conflict").unwrap().contains("intussen gewijzigd"));
    assert!(
        a.bevat("El-Amrani") && a.bevat("mijn reden"),
        "nieuwe stand en getypte reden"
    );
    // Slechte invoer: 422, het formulier houdt wat er getypt was.
    let nieuwe_versie = twee.get(&pad).await.veldwaarde("versie").unwrap();
    let a = twee
        .post(
            &doel,
            &[
                ("versie", &nieuwe_versie),
                ("voornamen", "F4tima"),
                ("geslachtsnaam", "Amrani"),
                ("geboortedatum", "14-03-1990"),
                ("reden", "x"),
                ("iban", "NL00FOUT"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.veldwaarde("voornamen").as_deref(), Some("F4tima"));
    assert_eq!(a.veldwaarde("iban").as_deref(), Some("NL00FOUT"));
    assert!(a.testid("foutsamenvatting").is_some());
    t.opruimen().await;
}

/// De pagina met normtabellen: iedereen ziet ze; de functioneel beheerder laadt een nieuwe set.
/// Een fout bewaart de geplakte tekst; een goede set toont de gewijzigde bedragen.
#[tokio::test]
async fn normtabellen_bekijken_en_laden() {
    let t = TestApp::nieuw().await;
    let mut c = ingelogd(&t, Rol::Inkomensconsulent).await;
    let a = c.get("/normen").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.testid("normtabel").is_some() && a.bevat("€ 1.401,50") && a.bevat("niet geverifieerd")
    );
    assert!(
        a.testid("normen-laden").is_none(),
        "een consulent laadt niets"
    );

    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    assert!(fb.get("/normen").await.testid("normen-laden").is_some());
    let standaard = include_str!("../../domain/data/normen.toml");
    let kapot = standaard.replacen("art21b_gehuwden_21_aow = 200213\n", "", 1);
    let a = fb
        .post(
            "/normen",
            &[("bestandsnaam", "kapot.toml"), ("inhoud", &kapot)],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("art21b_gehuwden_21_aow ontbreekt"), "{}", a.tekst);
    assert!(
        a.bevat("art22a_3a_jonge_partner"),
        "de geplakte tekst blijft staan"
    );
    let goed = standaard.replacen(
        "art21b_gehuwden_21_aow = 200213",
        "art21b_gehuwden_21_aow = 200214",
        1,
    );
    let a = fb
        .post(
            "/normen",
            &[("bestandsnaam", "goed.toml"), ("inhoud", &goed)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("normverschillen").is_some(), "verschillen getoond");
    assert!(a.bevat("<td class=\"getal\">€ 2.002,13</td><td class=\"getal\">€ 2.002,14</td>"));
    assert!(c.get("/normen").await.bevat("goed.toml"));
    // De herberekening loopt op de achtergrond; de pagina toont voortgang en uitkomst.
    for _ in 0..200 {
        if t.app
            .jobs("normen")
            .first()
            .is_some_and(|j| j.einde.is_some())
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let job = t.app.jobs("normen").remove(0);
    assert_eq!(
        job.einde,
        Some(Ok(
            "0 uitkeringen herberekend; 0 met een ander bedrag in 0 maanden, totaal € 0,00".into()
        ))
    );
    assert!(fb
        .get("/normen")
        .await
        .testid("herberekening-klaar")
        .is_some());
    t.opruimen().await;
}

#[tokio::test]
async fn proefberekening_en_berekening_van_een_dossier() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::Inkomensconsulent).await;
    // Het voorbeeld van contracts/bereken.md: uitbetaling 903,92.
    let a = b
        .get("/proefberekening?maand=2026-01&aanvrager=1988-04-12&arbeid=600&vrijlating_vanaf=2026-01-01")
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("€ 903,92") && a.bevat("art. 31 lid 2 onderdeel n Participatiewet"),
        "{}",
        a.tekst
    );
    let a = b
        .get("/proefberekening?maand=2026-01&aanvrager=gisteren&arbeid=-5")
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("geen bestaande datum") && a.bevat("Een bedrag kan niet negatief zijn."));
    assert_eq!(
        a.veldwaarde("arbeid").as_deref(),
        Some("-5"),
        "het formulier houdt wat er getypt was"
    );
    let a = b
        .get("/proefberekening?maand=2020-01&aanvrager=1988-04-12")
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("valt buiten alle normtabellen"));
    // Alleenstaande ouder (35, kind van 4) met vrijlating r: 12,5 % van 1.000,00 = 125,00.
    let a = b
        .get("/proefberekening?maand=2026-03&aanvrager=1990-05-05&kinderen=1&jongste_kind=2021-09-01&arbeid=1000&vrijlating_ouder_vanaf=2026-01-01")
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("art. 31 lid 2 onderdeel r Participatiewet") && a.bevat("€ 125,00"),
        "{}",
        a.tekst
    );
    // Jongere zonder beroep op de ouders: 345,99 + 746,45 (art. 20 lid 3).
    let a = b
        .get("/proefberekening?maand=2026-03&aanvrager=2006-06-01&geen_beroep_aanvrager=ja")
        .await;
    assert!(
        a.bevat("art. 20 lid 3 Participatiewet") && a.bevat("€ 746,45"),
        "{}",
        a.tekst
    );

    // Een dossier: paar met kind en een volwassen medebewoner (kostendeler), november 2026:
    // tweemaal de kostendelersnorm A = 3 van 2.027,79 (normen-bronnen.toml 2026-07-01: 878,71).
    // Ontvangen op 2 november: bijstand over 29 van de 30 dagen.
    b.get("/dossiers/nieuw").await;
    let a = b
        .post(
            "/dossiers",
            &[
                ("ontvangen_op", "2026-11-02"),
                ("aanvrager.bsn", "111222333"),
                ("aanvrager.voornamen", "Jan"),
                ("aanvrager.geslachtsnaam", "Vries"),
                ("aanvrager.voorvoegsel", "de"),
                ("aanvrager.geboortedatum", "01-05-1985"),
                ("straat", "Zwaanshals"),
                ("huisnummer", "12"),
                ("postcode", "3035KS"),
                ("woonplaats", "Rotterdam"),
                ("aantal_leden", "3"),
                ("lid1.rol", "partner:gehuwd"),
                ("lid1.bsn", "123456782"),
                ("lid1.voornamen", "Elif"),
                ("lid1.geslachtsnaam", "Yilmaz"),
                ("lid1.geboortedatum", "20-07-1987"),
                ("lid2.rol", "kind"),
                ("lid2.bsn", "100000009"),
                ("lid2.voornamen", "Noor"),
                ("lid2.geslachtsnaam", "Vries"),
                ("lid2.geboortedatum", "03-09-2015"),
                ("lid3.rol", "medebewoner:familie"),
                ("lid3.bsn", "100000010"),
                ("lid3.voornamen", "Henk"),
                ("lid3.geslachtsnaam", "Bakker"),
                ("lid3.geboortedatum", "11-11-1958"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let dossier = a.locatie().unwrap().split('?').next().unwrap().to_owned();
    let a = b.get(&format!("{dossier}/berekening?maand=2026-11")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert_eq!(a.testid("norm").as_deref(), Some("€ 1.757,42"));
    assert!(a.bevat("art. 22a lid 1 en lid 2 Participatiewet"));
    assert!(a.bevat("Bijstand over 29 van de 30 dagen"), "{}", a.tekst);
    let a = b.get(&format!("{dossier}/berekening?maand=2026-12")).await;
    assert!(!a.bevat("van de 31 dagen"), "december is een hele maand");
    assert_eq!(a.testid("norm").as_deref(), Some("€ 1.757,42"));
    let a = b.get(&format!("{dossier}/berekening?maand=2026-10")).await;
    assert_eq!(
        a.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "vóór de aanvraag hoorde er niemand bij"
    );
    let a = b.get(&format!("{dossier}/berekening?maand=nov")).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    t.opruimen().await;
}

/// Werk via de webschil: postcodegebieden inrichten (overlap geweigerd, tekst blijft staan), een
/// nieuw dossier op "Vandaag" van de juiste consulent met zijn deadline, toewijzen door de
/// teamleider, het teamdashboard met CSV, en een taak afronden.
#[tokio::test]
async fn werk_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let team = t.app.team_aanmaken(&systeem, "Noord", "").await.unwrap();
    for naam in ["anna", "bram"] {
        t.gebruiker(naam, &[Rol::Inkomensconsulent]).await;
        t.app.teamlid(&systeem, team, naam, true).await.unwrap();
    }
    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    fb.get("/werk/inrichting").await;
    let a = fb
        .post(
            "/werk/postcodegebieden",
            &[("gebieden", "3011 3039 Noord\n3030 3099 Noord")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.bevat("overlappen") && a.bevat("3030 3099 Noord"),
        "{}",
        a.tekst
    );
    let a = fb
        .post("/werk/postcodegebieden", &[("gebieden", "3011 3039 Noord")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(fb.get("/werk/inrichting").await.bevat("3011 3039 Noord"));

    let (dossier, nummer) = t
        .app
        .aanvraag_registreren(
            &systeem,
            &vangnet_app::clienten::NieuweAanvraag {
                ontvangen_op: "2026-11-27".into(),
                ..vangnet_testkit::aanvraag("999993653", "Fatima", "El Amrani")
            },
        )
        .await
        .unwrap();
    // Anna (laagste id bij gelijke belasting) ziet het op Vandaag, met de deadlines.
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    let a = anna.get("/").await;
    assert!(a.testid("vandaag").is_some(), "{}", a.tekst);
    assert!(a.bevat(&format!("Dossier {nummer} registreren")) && a.bevat("30-11-2026"));
    assert!(a.bevat("Beslissen op aanvraag") && a.bevat("22-01-2027"));
    let a = anna.get("/?soort=besluit").await;
    assert!(a.bevat("Beslissen op aanvraag") && !a.bevat("registreren en compleet maken"));

    // De teamleider wijst het dossier toe aan Bram.
    t.persona(Rol::Teamleider).await;
    t.app
        .teamlid(&systeem, team, "teamleider", true)
        .await
        .unwrap();
    let mut leider = t.bezoeker();
    leider.inloggen("teamleider", PERSONA_WACHTWOORD).await;
    let pagina = leider.get(&format!("/dossiers/{dossier}")).await;
    assert!(pagina.testid("toewijzen").is_some(), "{}", pagina.tekst);
    let versie = pagina.veldwaarde("dossier_versie").unwrap();
    let bram = t
        .app
        .gebruikers(&systeem)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.gebruikersnaam == "bram")
        .unwrap()
        .id;
    let a = leider
        .post(
            &format!("/dossiers/{dossier}/toewijzen"),
            &[
                ("dossier_versie", &versie),
                ("consulent", &bram.to_string()),
                ("reden", "verlof Anna"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = leider.get(&format!("/dossiers/{dossier}")).await;
    assert_eq!(a.testid("consulent").as_deref(), Some("Test bram"));
    // Met een verouderde versie: 409, niets veranderd.
    let a = leider
        .post(
            &format!("/dossiers/{dossier}/toewijzen"),
            &[
                ("dossier_versie", &versie),
                ("consulent", &bram.to_string()),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(anna.get("/").await.testid("geen-taken").is_some());

    // Dashboard en CSV.
    let a = leider.get(&format!("/teams/{team}/werk")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.testid("open-werk").is_some() && a.bevat("Test bram"));
    let a = leider.get(&format!("/teams/{team}/werk.csv")).await;
    assert!(
        a.tekst.starts_with(
            "consulent;Dossier registreren;Beslissen op aanvraag;Voorschot verlenen;totaal;"
        ),
        "{}",
        a.tekst
    );
    assert!(a.tekst.contains("\nTest bram;1;1;1;3;0;"), "{}", a.tekst);
    // Een naam die een spreadsheet als formule zou uitvoeren, wordt tekst (issue 17, punt 14).
    let g = t.app.gebruiker(&systeem, bram).await.unwrap().gebruiker;
    t.app
        .gebruiker_wijzigen(
            &systeem,
            bram,
            &vangnet_app::beheer::GebruikerWijziging {
                volledige_naam: "=HYPERLINK(\"http://boos.example\";\"bram\")".into(),
                rollen: vec!["inkomensconsulent".into()],
                geblokkeerd: false,
                versie: g.versie,
                reden: String::new(),
            },
        )
        .await
        .unwrap();
    let csv = leider.get(&format!("/teams/{team}/werk.csv")).await.tekst;
    assert!(
        csv.contains("\n\"'=HYPERLINK(\"\"http://boos.example\"\";\"\"bram\"\")\";1;"),
        "{csv}"
    );
    t.app
        .gebruiker_wijzigen(
            &systeem,
            bram,
            &vangnet_app::beheer::GebruikerWijziging {
                volledige_naam: "Test bram".into(),
                rollen: vec!["inkomensconsulent".into()],
                geblokkeerd: false,
                versie: g.versie + 1,
                reden: String::new(),
            },
        )
        .await
        .unwrap();

    // Bram rondt de registratietaak af.
    let mut b = t.bezoeker();
    b.inloggen("bram", PERSONA_WACHTWOORD).await;
    b.get("/").await;
    let taken = t.app.taken_van_dossier(&systeem, dossier).await.unwrap();
    let registratie = taken
        .iter()
        .find(|r| r.taak.soort == "registratie")
        .unwrap();
    let a = b
        .post(
            &format!("/taken/{}/status", registratie.taak.id),
            &[
                ("versie", &registratie.taak.versie.to_string()),
                ("status", "gereed"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = b.get("/").await;
    assert!(!a.bevat("registreren en compleet maken") && a.bevat("Beslissen op aanvraag"));
    // Bram zet het besluit op "wacht op cliënt" vanaf het dossier; de historie toont het.
    let besluit = taken.iter().find(|r| r.taak.soort == "besluit").unwrap();
    let a = b
        .post(
            &format!("/taken/{}/status", besluit.taak.id),
            &[
                ("versie", &besluit.taak.versie.to_string()),
                ("status", "wacht_op_client"),
                ("dossier", &dossier.to_string()),
            ],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some(format!("/dossiers/{dossier}?gedaan=taak-bijgewerkt").as_str())
    );
    let a = b.get(&format!("/dossiers/{dossier}")).await;
    assert!(
        a.bevat(r#"<option value="wacht_op_client" selected>"#),
        "{}",
        a.tekst
    );
    assert!(a.bevat("Status Open → Wacht op cliënt"));
    let taken = t.app.taken_van_dossier(&systeem, dossier).await.unwrap();
    // Anna mag Brams taak niet afronden.
    let besluit = taken.iter().find(|r| r.taak.soort == "besluit").unwrap();
    let a = anna
        .post(
            &format!("/taken/{}/status", besluit.taak.id),
            &[
                ("versie", &besluit.taak.versie.to_string()),
                ("status", "gereed"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    // Vijf weken later is het voorschot te laat: de teamleider (opnieuw ingelogd) ziet een
    // melding en zet haar op gelezen.
    t.klok.verzet(Duration::days(35));
    t.app.escaleren(&systeem).await.unwrap();
    let mut leider = t.bezoeker();
    leider.inloggen("teamleider", PERSONA_WACHTWOORD).await;
    let a = leider.get("/").await;
    assert!(
        a.testid("meldingen").is_some() && a.bevat("Te laat: Voorschot beoordelen"),
        "{}",
        a.tekst
    );
    let melding = t.app.meldingen(&TestApp::systeem()).await.unwrap();
    assert!(melding.is_empty(), "het systeem zelf krijgt geen meldingen");
    let id = a
        .tekst
        .split("/meldingen/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let a = leider.post(&format!("/meldingen/{id}/gelezen"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(!leider
        .get("/")
        .await
        .bevat(&format!("/meldingen/{id}/gelezen")));
    t.opruimen().await;
}

/// Uitkering en mutatie via de webschil: toekennen, een inkomensmutatie met terugwerkende kracht
/// met de impact per maand, opslaan (vier ogen), goedkeuren door een tweede consulent, en het open
/// verschil op het dossier.
#[tokio::test]
async fn uitkering_en_mutatie_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let (dossier, _) = t
        .app
        .aanvraag_registreren(
            &systeem,
            &vangnet_app::clienten::NieuweAanvraag {
                ontvangen_op: "2026-01-05".into(),
                aanvrager: vangnet_app::clienten::PersoonInvoer {
                    bsn: "999993653".into(),
                    voornamen: "Fatima".into(),
                    voorvoegsel: String::new(),
                    geslachtsnaam: "El Amrani".into(),
                    geboortedatum: "14-03-1990".into(),
                },
                straat: "Coolsingel".into(),
                huisnummer: "40".into(),
                postcode: "3011 AD".into(),
                woonplaats: "Rotterdam".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    for naam in ["anna", "bram"] {
        t.gebruiker(naam, &[Rol::Inkomensconsulent]).await;
    }
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    let a = anna.get(&format!("/dossiers/{dossier}")).await;
    assert!(a.testid("toekennen").is_some(), "{}", a.tekst);
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/uitkering"),
            &[
                ("begindatum", "2026-01-01"),
                ("inhoud", "Algemene bijstand"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = anna.get(&format!("/dossiers/{dossier}")).await;
    assert!(a.testid("uitkering").is_some() && a.bevat("Bezwaar mogelijk tot en met"));
    // Betaald tot en met oktober (zoals de betaalrun van issue 7 dat zal vastleggen).
    t.testdb
        .db
        .ruwe_sql(
            "UPDATE maandbedragen SET betaald_centen = berekend_centen WHERE maand <= '2026-10-01'",
        )
        .await
        .unwrap();

    // De impact: 300,00 arbeid sinds 1 september, geen vrijlating: 285,00 minder per maand.
    anna.get(&format!("/dossiers/{dossier}/mutaties/nieuw"))
        .await;
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
            &[
                ("soort", "inkomen_start"),
                ("ingangsdatum", "2026-09-01"),
                ("inkomenssoort", "arbeid"),
                ("bedrag", "300"),
                ("reden", "Loonstrook"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("impact").is_some(), "{}", a.tekst);
    assert!(a.bevat("te veel betaald") && a.bevat("-€ 285,00") && a.bevat("nieuw bedrag"));
    assert!(a.bevat("vraagt goedkeuring door een tweede consulent"));
    // Een blijvende wijziging telt twaalf maanden vooruit vanaf nu (november t/m oktober 2027):
    // september t/m november in de tabel, december t/m oktober erna (11 × 285,00).
    assert!(a.testid("impact-vooruit").is_some(), "{}", a.tekst);
    assert!(
        a.bevat("omlaag met € 3.135,00") && a.bevat("Het hele effect is -€ 3.990,00"),
        "{}",
        a.tekst
    );
    // Een voorbeeld met invoer die niet klopt, toont de fout waar het voorbeeld stond (de
    // browser vervangt het vorige voorbeeld door dit antwoord), niet een oude berekening.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
            &[
                ("soort", "inkomen_start"),
                ("ingangsdatum", "2026-09-01"),
                ("inkomenssoort", "arbeid"),
                ("bedrag", "1.234"),
                ("reden", "Loonstrook"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.testid("impact-fout").is_some() && a.testid("impact").is_none(),
        "{}",
        a.tekst
    );
    // Slechte invoer: de velden blijven staan.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties"),
            &[
                ("soort", "inkomen_start"),
                ("ingangsdatum", "2025-09-01"),
                ("inkomenssoort", "arbeid"),
                ("bedrag", "300"),
                ("reden", "Loonstrook"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("vóór de start van de uitkering") && a.bevat("Loonstrook"));
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties"),
            &[
                ("soort", "inkomen_start"),
                ("ingangsdatum", "2026-09-01"),
                ("inkomenssoort", "arbeid"),
                ("bedrag", "300"),
                ("reden", "Loonstrook"),
            ],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some(format!("/dossiers/{dossier}?gedaan=mutatie-wacht").as_str())
    );
    // Anna kan haar eigen mutatie niet beoordelen; Bram wel.
    assert!(anna
        .get(&format!("/dossiers/{dossier}"))
        .await
        .testid("beoordelen")
        .is_none());
    let mut bram = t.bezoeker();
    bram.inloggen("bram", PERSONA_WACHTWOORD).await;
    let pagina = bram.get(&format!("/dossiers/{dossier}")).await;
    assert!(pagina.testid("beoordelen").is_some());
    let id = pagina
        .tekst
        .split("action=\"/mutaties/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let a = bram
        .post(
            &format!("/mutaties/{id}/beoordelen"),
            &[("versie", "1"), ("besluit", "goedkeuren"), ("reden", "")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = bram.get(&format!("/dossiers/{dossier}")).await;
    // September en oktober waren betaald: 2 × −285,00 = −570,00 open.
    assert_eq!(
        a.testid("open-verschil").as_deref(),
        Some("-€ 570,00 (te veel betaald; beoordelen als vordering)")
    );

    // De mutatie bleek onjuist: corrigeren vanaf het dossier is zelf een mutatie (vier ogen).
    let pagina = bram.get(&format!("/dossiers/{dossier}")).await;
    assert!(pagina.testid("corrigeren").is_some());
    let a = bram
        .post(
            &format!("/dossiers/{dossier}/mutaties"),
            &[
                ("soort", "correctie"),
                ("corrigeert", &id),
                ("ingangsdatum", "2026-09-01"),
                ("reden", "Loonstrook was van de partner"),
            ],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some(format!("/dossiers/{dossier}?gedaan=mutatie-wacht").as_str())
    );
    let a = bram.get(&format!("/dossiers/{dossier}")).await;
    assert!(
        a.testid("corrigeren").is_none(),
        "een tweede correctie kan niet"
    );
    assert!(a.bevat("Correctie van een mutatie"));

    // Dezelfde handelingen via de API.
    let token = t
        .app
        .token_aanmaken(&systeem, "anna", "koppeling")
        .await
        .unwrap()
        .token;
    let mut api = t.bezoeker();
    let a = api
        .api(
            Method::GET,
            &format!("/api/v1/dossiers/{dossier}/uitkering"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let u: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(u["mutaties"].as_array().unwrap().len(), 2);
    assert_eq!(u["open_verschil"], -57000);
    let uitkering = u["uitkering"]["id"].as_i64().unwrap();
    let verlaging = r#"{"soort":"verlaging","ingangsdatum":"2026-11-01","einddatum":"2026-12-01","procent":"5","reden":"Maatregel"}"#;
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/uitkeringen/{uitkering}/mutaties/voorbeeld"),
            Some(&token),
            Some(verlaging),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let impact: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(impact["vier_ogen"], false);
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/uitkeringen/{uitkering}/mutaties"),
            Some(&token),
            Some(verlaging),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    // Onbekend veld of een verlaging boven 100 %: 400/422 met het veld.
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/uitkeringen/{uitkering}/mutaties"),
            Some(&token),
            Some(
                r#"{"soort":"verlaging","ingangsdatum":"2026-11-01","procent":"150","reden":"x"}"#,
            ),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.tekst.contains("procent"), "{}", a.tekst);
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/mutaties/{id}/beoordeling"),
            Some(&token),
            Some(r#"{"versie":1,"goedkeuren":true}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "al beoordeeld: {}", a.tekst);

    // Bedragen in de API (issue 17, punt 3): "600.00" is € 600 (niet € 60.000), liever centen;
    // een andere schrijfwijze, een leeg bedrag of beide velden: 422 op het veld.
    let inkomen = |bedrag: &str| {
        format!(
            r#"{{"soort":"inkomen_wijziging","ingangsdatum":"2026-11-01","inkomenssoort":"arbeid",{bedrag},"reden":"Loonstrook"}}"#
        )
    };
    let mut totalen = Vec::new();
    for bedrag in [r#""bedrag":"600.00""#, r#""bedrag_centen":60000"#] {
        let a = api
            .api(
                Method::POST,
                &format!("/api/v1/uitkeringen/{uitkering}/mutaties/voorbeeld"),
                Some(&token),
                Some(&inkomen(bedrag)),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{bedrag}: {}", a.tekst);
        let impact: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
        totalen.push(impact["totaal"].as_i64().unwrap());
        assert_eq!(
            impact["uitleg_na"]["inkomsten_in_mindering_centen"], 60000,
            "{bedrag}: {}",
            a.tekst
        );
    }
    assert_eq!(totalen[0], totalen[1]);
    assert!(totalen[0] < 0, "meer inkomen verlaagt de uitkering");
    for bedrag in [
        r#""bedrag":"600,00""#,
        r#""bedrag":"600""#,
        r#""bedrag":"1.234,56""#,
        r#""bedrag":"""#,
        r#""bedrag":"600.00","bedrag_centen":60000"#,
        r#""bedrag_centen":-1"#,
    ] {
        let a = api
            .api(
                Method::POST,
                &format!("/api/v1/uitkeringen/{uitkering}/mutaties"),
                Some(&token),
                Some(&inkomen(bedrag)),
            )
            .await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bedrag}: {}",
            a.tekst
        );
        assert!(a.tekst.contains("\"bedrag\""), "{bedrag}: {}", a.tekst);
    }
    t.opruimen().await;
}

/// Een betaalrun via het scherm: starten (met invoerfouten bij het veld), berekenen op de
/// achtergrond met voortgang, goedkeuren door een tweede medewerker, bestand en CSV downloaden,
/// en de betaalspecificatie op het dossier.
#[tokio::test]
async fn betaalrun_op_het_scherm() {
    let t = TestApp::met_instellingen(vangnet_app::Instellingen {
        betaling: vangnet_app::betaalruns::Betaalinstellingen {
            opdrachtgever: Some(vangnet_domain::sepa::Opdrachtgever {
                naam: "Gemeente Vangnet".into(),
                iban: "NL91ABNA0417164300".into(),
                bic: None,
            }),
            vakantietoeslag_maand: 5,
        },
        ..Default::default()
    })
    .await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let (dossier, _) = t
        .app
        .aanvraag_registreren(
            &consulent,
            &vangnet_app::clienten::NieuweAanvraag {
                iban: "NL91ABNA0417164300".into(),
                ..vangnet_testkit::aanvraag("999993653", "Fatima", "El Amrani")
            },
        )
        .await
        .unwrap();
    t.app
        .uitkering_toekennen(&consulent, dossier, "2026-11-02", "Algemene bijstand")
        .await
        .unwrap();
    // Een tweede zonder rekening: die betaling wordt vastgehouden en staat met haar dossier op de
    // pagina van de run.
    let (zonder_rekening, _) = t
        .app
        .aanvraag_registreren(
            &consulent,
            &vangnet_testkit::aanvraag("111222333", "Jan", "de Vries"),
        )
        .await
        .unwrap();
    t.app
        .uitkering_toekennen(
            &consulent,
            zonder_rekening,
            "2026-11-02",
            "Algemene bijstand",
        )
        .await
        .unwrap();

    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    assert!(fb.get("/betaalruns").await.testid("run-starten").is_some());
    let a = fb
        .post(
            "/betaalruns",
            &[("maand", "2026-13"), ("betaaldatum", "25-11-2026")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("JJJJ-MM") && a.bevat("JJJJ-MM-DD"), "{}", a.tekst);
    assert_eq!(
        a.veldwaarde("maand").as_deref(),
        Some("2026-13"),
        "wat getypt is blijft"
    );
    let a = fb
        .post(
            "/betaalruns",
            &[("maand", "2026-11"), ("betaaldatum", "2026-11-25")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let pad = a.locatie().unwrap().to_owned();
    let id: i64 = pad.rsplit('/').next().unwrap().parse().unwrap();
    for _ in 0..200 {
        if t.app
            .jobs(&format!("betaalrun:{id}"))
            .first()
            .is_some_and(|j| j.einde.is_some())
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let a = fb.get(&pad).await;
    assert!(a.testid("berekening-klaar").is_some(), "{}", a.tekst);
    assert!(a.testid("categorieen").is_some() && a.testid("categorie-grafiek").is_some());
    assert!(
        a.testid("run-goedkeuren").is_none(),
        "de beheerder keurt niet goed"
    );
    // De beheerder mag geen dossiers openen: het nummer staat er, zonder link die 403 geeft
    // (issue 17, punt 14).
    assert!(
        a.bevat("2026-000002"),
        "het vastgehouden dossier staat er: {}",
        a.tekst
    );
    assert!(
        !a.bevat(&format!("href=\"/dossiers/{zonder_rekening}\"")),
        "{}",
        a.tekst
    );

    // Het betaalbestand wordt in een eigen werkmap opgebouwd, zonder naam (issue 17, punt 2).
    let werkmap = std::env::temp_dir().join(format!(
        "vangnet-werkmap-{}",
        vangnet_app::geheim::willekeurig_hex(6)
    ));
    let mut tl = t.bezoeker_met(vangnet_web::WebInstellingen {
        werkmap: werkmap.clone(),
        ..Default::default()
    });
    t.persona(Rol::Teamleider).await;
    tl.inloggen(persona(Rol::Teamleider), PERSONA_WACHTWOORD)
        .await;
    let a = tl.get(&pad).await;
    assert!(a.testid("run-goedkeuren").is_some(), "{}", a.tekst);
    assert!(
        a.bevat(&format!("href=\"/dossiers/{zonder_rekening}\"")),
        "de teamleider mag het dossier openen"
    );
    let versie = a.veldwaarde("versie").unwrap();
    // Zonder het vinkje "gecontroleerd" geen goedkeuring (een verkeerde klik keurt niets goed).
    let a = tl
        .post(&format!("{pad}/goedkeuren"), &[("versie", &versie)])
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.testid("run-fout").is_some_and(|f| f.contains("Vink aan")),
        "{}",
        a.tekst
    );
    let akkoord = [("versie", versie.as_str()), ("gecontroleerd", "ja")];
    let a = tl.post(&format!("{pad}/goedkeuren"), &akkoord).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    // Nog een keer met dezelfde versie: een conflict op de pagina, geen 500.
    let a = tl.post(&format!("{pad}/goedkeuren"), &akkoord).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.testid("run-fout").is_some(), "{}", a.tekst);
    let a = tl.get(&format!("{pad}/pain.xml")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.tekst.contains("<NbOfTxs>1</NbOfTxs>") && a.tekst.contains("El Amrani"),
        "{}",
        a.tekst
    );
    assert_eq!(
        std::fs::read_dir(&werkmap).unwrap().count(),
        0,
        "geen betaalbestand achtergebleven"
    );
    // Een tweede download vraagt eerst bevestiging, en houdt het bericht-id (issue 17, punt 14).
    let msg_id = |xml: &str| {
        xml.split("<MsgId>")
            .nth(1)
            .and_then(|r| r.split("</MsgId>").next())
            .unwrap()
            .to_owned()
    };
    let eerste = msg_id(&a.tekst);
    let b = tl.get(&format!("{pad}/pain.xml")).await;
    assert_eq!(b.status, StatusCode::OK);
    assert!(
        b.testid("bestand-opnieuw").is_some() && b.bevat(&eerste),
        "{}",
        b.tekst
    );
    assert!(!b.bevat("<CdtTrfTxInf>"));
    let b = tl.get(&format!("{pad}/pain.xml?bevestigd=ja")).await;
    assert!(b.tekst.contains("<NbOfTxs>1</NbOfTxs>"), "{}", b.tekst);
    assert_eq!(msg_id(&b.tekst), eerste, "hetzelfde bericht-id");
    {
        use std::os::unix::fs::PermissionsExt;
        let modus = std::fs::metadata(&werkmap).unwrap().permissions().mode();
        assert_eq!(modus & 0o777, 0o700, "werkmap alleen voor de eigenaar");
    }
    std::fs::remove_dir_all(&werkmap).unwrap();
    let a = fb.get(&format!("{pad}/regels.csv")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(
        a.tekst.lines().count(),
        3,
        "kop, betaling en vastgehouden betaling"
    );
    assert_eq!(
        fb.get(&pad).await.testid("run-status").as_deref(),
        Some("Geëxporteerd")
    );

    let mut c = t.bezoeker();
    c.inloggen(persona(Rol::Inkomensconsulent), PERSONA_WACHTWOORD)
        .await;
    let a = c.get(&format!("/dossiers/{dossier}/betalingen")).await;
    assert!(a.testid("specificatie").is_some(), "{}", a.tekst);
    assert!(
        a.bevat("art. 21"),
        "de uitleg noemt het artikel: {}",
        a.tekst
    );
    t.opruimen().await;
}

#[tokio::test]
async fn telefoonnotitie_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let (dossier, _) = t
        .app
        .aanvraag_registreren(
            &consulent,
            &vangnet_testkit::aanvraag("999993653", "Fatima", "El Amrani"),
        )
        .await
        .unwrap();
    let mut b = ingelogd(&t, Rol::AdministratiefOndersteuner).await;
    // Zoeken op postcode en huisnummer, de beller kiezen.
    let a = b.get("/telefoon?q=3011AD+40").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("bellers").is_some(), "{}", a.tekst);
    let persoon = t
        .app
        .persoon_op_bsn(&consulent, "999993653")
        .await
        .unwrap()
        .unwrap()
        .id;
    let a = b.get(&format!("/telefoon?persoon={persoon}")).await;
    assert!(a.testid("bellerbeeld").is_some(), "{}", a.tekst);
    assert!(a.testid("contactformulier").is_some());
    // Slechte invoer: de fouten per veld, wat getypt is blijft, niets opgeslagen.
    let pid = persoon.to_string();
    let did = dossier.to_string();
    let velden = |tekst: &'static str, nummer: &'static str| {
        vec![
            ("persoon_id", pid.clone()),
            ("dossier_id", did.clone()),
            ("kanaal", "telefoon".to_owned()),
            ("richting", "inkomend".to_owned()),
            ("beller", "client".to_owned()),
            ("onderwerp", "betaling".to_owned()),
            ("uitkomst", "terugbellen".to_owned()),
            ("terugbellen_door", "mij".to_owned()),
            ("tekst", tekst.to_owned()),
            ("telefoonnummer", nummer.to_owned()),
        ]
    };
    let v = velden("<b>Wil</b> teruggebeld worden", "06-12");
    let v: Vec<(&str, &str)> = v.iter().map(|(k, w)| (*k, w.as_str())).collect();
    let a = b.post("/telefoon", &v).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.testid("foutsamenvatting").is_some());
    assert!(a.bevat("geen geldig telefoonnummer"), "{}", a.tekst);
    assert_eq!(a.veldwaarde("telefoonnummer").as_deref(), Some("06-12"));
    assert!(
        a.tekst
            .contains("&#60;b&#62;Wil&#60;/b&#62; teruggebeld worden"),
        "de notitie blijft staan, als tekst"
    );
    assert!(t
        .app
        .contactmomenten_van_persoon(&consulent, persoon)
        .await
        .unwrap()
        .is_empty());
    // Goed: vastgelegd, terug naar een leeg scherm voor het volgende gesprek.
    let v = velden(
        "<script>alert(1)</script> wil teruggebeld worden",
        "06 12345678",
    );
    let v: Vec<(&str, &str)> = v.iter().map(|(k, w)| (*k, w.as_str())).collect();
    let a = b.post("/telefoon", &v).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = b.get(a.locatie().unwrap()).await;
    assert!(a.testid("vastgelegd").is_some(), "{}", a.tekst);
    // Op de persoon: de notitie als tekst, nooit als script.
    let a = b.get(&format!("/personen/{persoon}")).await;
    assert!(a.testid("contactmomenten").is_some(), "{}", a.tekst);
    assert!(a
        .tekst
        .contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(!a.tekst.contains("<script>alert(1)"));
    // Zoeken in notities.
    let a = b.get("/contactmomenten?q=teruggebeld").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.testid("contactmomenten").is_some(), "{}", a.tekst);
    let a = b.get("/contactmomenten?q=ab").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("minstens drie tekens"));

    // Terugbellen afronden zonder te kiezen of de klant gesproken is: de fout, de notitie blijft.
    let taak = t
        .app
        .contactmomenten_van_persoon(&consulent, persoon)
        .await
        .unwrap()[0]
        .rij
        .taak_id
        .unwrap();
    let a = b
        .post(
            &format!("/taken/{taak}/terugbellen"),
            &[
                ("versie", "1"),
                ("bereikt", ""),
                ("tekst", "Voicemail ingesproken"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("Kies of u de klant heeft gesproken"));
    assert!(a.bevat("Voicemail ingesproken"));

    // De API: vastleggen (fouten per veld), lijst per persoon, één contactmoment.
    let token = t
        .app
        .token_aanmaken(
            &TestApp::systeem(),
            persona(Rol::AdministratiefOndersteuner),
            "api",
        )
        .await
        .unwrap()
        .token;
    let json = format!(
        r#"{{"persoon_id": {persoon}, "kanaal": "balie", "richting": "inkomend", "beller": "derde",
            "onderwerp": "documenten", "tekst": "Bewindvoerder brengt bankafschriften.",
            "uitkomst": "beantwoord"}}"#
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/contactmomenten",
            Some(&token),
            Some(&json),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("derde_naam"), "{}", a.tekst);
    let json = json.replace(
        r#""beller": "derde","#,
        r#""beller": "derde", "derde_naam": "Mr. Jansen","#,
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/contactmomenten",
            Some(&token),
            Some(&json),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    let id = serde_json::from_str::<serde_json::Value>(&a.tekst).unwrap()["id"]
        .as_i64()
        .unwrap();
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/contactmomenten?persoon={persoon}"),
            Some(&token),
            None,
        )
        .await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["contactmomenten"].as_array().unwrap().len(), 2);
    assert_eq!(j["contactmomenten"][0]["id"], id);
    assert_eq!(j["contactmomenten"][0]["betrokkene"]["naam"], "Mr. Jansen");
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/contactmomenten/{id}"),
            Some(&token),
            None,
        )
        .await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["kanaal"], "balie");
    assert_eq!(j["onderwerp"]["omschrijving"], "Ontbrekende stukken");
    let a = b
        .api(
            Method::POST,
            "/api/v1/contactmomenten",
            Some(&token),
            Some(r#"{"onzin": 1}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.tekst);
    // Een onbekende beller koppelen met een ongeldig BSN: de fout, niets gekoppeld.
    let a = b
        .post(
            "/telefoon",
            &[
                ("kanaal", "telefoon"),
                ("richting", "inkomend"),
                ("beller", "client"),
                ("onderwerp", "overig"),
                ("uitkomst", "beantwoord"),
                ("tekst", "Anonieme vraag over de kostendelersnorm"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let onbekend = t
        .app
        .contactmomenten_zonder_persoon(&consulent)
        .await
        .unwrap()[0]
        .rij
        .id;
    let a = b
        .post(
            &format!("/contactmomenten/{onbekend}/koppelen"),
            &[("versie", "1"), ("bsn", "12345"), ("dossiernummer", "")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.testid("foutsamenvatting").is_some());
    assert_eq!(
        t.app
            .contactmomenten_zonder_persoon(&consulent)
            .await
            .unwrap()
            .len(),
        1
    );
    let a = b
        .post(
            &format!("/contactmomenten/{onbekend}/koppelen"),
            &[("versie", "1"), ("bsn", "999993653"), ("dossiernummer", "")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(t
        .app
        .contactmomenten_zonder_persoon(&consulent)
        .await
        .unwrap()
        .is_empty());

    // De beheerder richt de onderwerpen in; slechte invoer blijft staan met de regel in de fout.
    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    assert!(fb
        .get("/werk/inrichting")
        .await
        .testid("contactonderwerpen")
        .is_some());
    let a = fb
        .post(
            "/werk/contactonderwerpen",
            &[("onderwerpen", "betaling = Betaling\nFout Code = x")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("Regel 2"));
    assert!(a.bevat("Fout Code = x"));
    let a = fb
        .post(
            "/werk/contactonderwerpen",
            &[("onderwerpen", "betaling = Betaling\nschulden = Schulden")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = b.get(&format!("/telefoon?persoon={persoon}")).await;
    assert!(a.bevat("Schulden") && !a.bevat("Klacht of bezwaar"));

    t.opruimen().await;
}

/// Issue 17 punt 6 op het scherm: een nieuwe gebruiker krijgt zijn rol pas als een tweede
/// functioneel beheerder het verzoek goedkeurt; de aanvrager ziet geen knop om het zelf te doen;
/// afwijzen zonder reden geeft een formulier met de melding.
#[tokio::test]
async fn rollen_geven_met_vier_ogen_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    t.gebruiker("fb2", &[Rol::FunctioneelBeheerder]).await;
    let mut fb2 = t.bezoeker();
    fb2.inloggen("fb2", PERSONA_WACHTWOORD).await;

    fb.get("/gebruikers/nieuw").await;
    let a = fb
        .post(
            "/gebruikers",
            &[
                ("gebruikersnaam", "kvries"),
                ("volledige_naam", "Karin de Vries"),
                ("rollen", "inkomensconsulent"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("rollen-wachten").is_some(), "{}", a.tekst);
    // Beheer en inhoud samen: geweigerd bij het veld, het formulier houdt wat er stond.
    let a = fb
        .post(
            "/gebruikers",
            &[
                ("gebruikersnaam", "dubbel"),
                ("volledige_naam", "Dubbele Rol"),
                ("rollen", "functioneel_beheerder"),
                ("rollen", "auditor"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.bevat("scheiding van taken")
            && a.veldwaarde("gebruikersnaam").as_deref() == Some("dubbel")
    );

    let lijst = fb.get("/gebruikers").await;
    assert!(lijst.testid("beheerverzoeken").is_some(), "{}", lijst.tekst);
    assert!(lijst.bevat("Karin de Vries (kvries) krijgt de rol Inkomensconsulent"));
    assert!(
        !lijst.bevat("verzoek-goedkeuren-"),
        "de aanvrager krijgt geen knop"
    );
    let lijst = fb2.get("/gebruikers").await;
    let id = lijst
        .tekst
        .split("data-testid=\"verzoek-goedkeuren-")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    // Afwijzen zonder reden: 422 met het veld.
    let a = fb2
        .post(
            &format!("/beheerverzoeken/{id}/beoordelen"),
            &[
                ("versie", "1"),
                ("besluit", "afwijzen"),
                ("reden", ""),
                ("terug", "/gebruikers"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("Geef een reden"), "{}", a.tekst);
    // Goedkeuren; een vreemd terugadres wordt /gebruikers.
    let a = fb2
        .post(
            &format!("/beheerverzoeken/{id}/beoordelen"),
            &[
                ("versie", "1"),
                ("besluit", "goedkeuren"),
                ("terug", "//elders.example"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert_eq!(a.locatie(), Some("/gebruikers?gedaan=verzoek-goedgekeurd"));
    let g = t
        .app
        .gebruiker_op_naam(&TestApp::systeem(), "kvries")
        .await
        .unwrap();
    assert_eq!(g.rollen, vec![Rol::Inkomensconsulent]);
    assert!(fb
        .get("/gebruikers")
        .await
        .testid("beheerverzoeken")
        .is_none());
    t.opruimen().await;
}

/// Issue 17 punt 12: een NUL of ander stuurteken in een formulier, de zoekvraag of JSON wordt aan
/// de rand geweigerd met de naam van het veld (op PostgreSQL gaf het een 503), en een naam met een
/// los accentteken (uit een PDF) komt als één letter binnen.
#[tokio::test]
async fn stuurtekens_geweigerd_en_namen_in_nfc() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::AdministratiefOndersteuner).await;
    for zoek in [
        "/zoeken?q=jan%00",
        "/zoeken?q=%1B%5B31m",
        "/contactmomenten?q=a%00b",
    ] {
        let a = b.get(zoek).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{zoek}: {}",
            a.tekst
        );
        assert!(a.bevat("stuurteken"), "{zoek}: {}", a.tekst);
    }
    b.get("/dossiers/nieuw").await;
    for (veld, waarde) in [
        ("aanvrager.voornamen", "Jan\u{0}"),
        ("straat", "Dorps\u{0}straat"),
        ("postcode", "3012\u{7}AB"),
        ("iban", "NL91ABNA0417164300\u{0}"),
    ] {
        let mut velden = vec![
            ("ontvangen_op", "2026-11-02"),
            ("aanvrager.bsn", "111222333"),
            ("aanvrager.voornamen", "Jan"),
            ("aanvrager.geslachtsnaam", "Vries"),
            ("aanvrager.geboortedatum", "01-05-1985"),
            ("straat", "Dorpsstraat"),
            ("huisnummer", "1"),
            ("postcode", "3012AB"),
            ("woonplaats", "Rotterdam"),
        ];
        velden.retain(|(k, _)| *k != veld);
        velden.push((veld, waarde));
        let a = b.post("/dossiers", &velden).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{veld}: {}",
            a.tekst
        );
        assert!(
            a.bevat(veld) && a.bevat("stuurteken"),
            "{veld}: {}",
            a.tekst
        );
    }
    let token = t
        .app
        .token_aanmaken(
            &TestApp::systeem(),
            persona(Rol::AdministratiefOndersteuner),
            "t",
        )
        .await
        .unwrap()
        .token;
    let aanvraag = |voornaam: &str| {
        format!(
            r#"{{"ontvangen_op": "2026-11-02",
                "aanvrager": {{"bsn": "111222333", "voornamen": "{voornaam}", "geslachtsnaam": "Vries", "geboortedatum": "1985-05-01"}},
                "adres": {{"straat": "Zwaanshals", "huisnummer": "12", "postcode": "3035KS", "woonplaats": "Rotterdam"}}}}"#
        )
    };
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(&aanvraag("Jan\\u0000")),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("\"aanvrager.voornamen\""), "{}", a.tekst);
    // "José" als "Jose" + U+0301 wordt "José".
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(&aanvraag("Jose\\u0301")),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    // Een veld dat twee keer in de JSON staat, is een fout (niet stil het laatste nemen).
    let dubbel = aanvraag("Piet").replacen(
        r#""ontvangen_op": "2026-11-02","#,
        r#""ontvangen_op": "2026-11-02", "ontvangen_op": "2026-11-03","#,
        1,
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(&dubbel),
        )
        .await;
    assert!(a.status.is_client_error(), "{}", a.tekst);
    assert!(
        a.tekst.contains("ontvangen_op") && a.tekst.contains("twee keer"),
        "{}",
        a.tekst
    );
    let a = b
        .api(
            Method::GET,
            "/api/v1/zoeken?q=111222333",
            Some(&token),
            None,
        )
        .await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    let persoon = j["treffers"][0]["persoon_id"].as_i64().unwrap();
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/personen/{persoon}"),
            Some(&token),
            None,
        )
        .await;
    assert!(
        a.tekst.contains("José") && !a.tekst.contains("Jose\\u0301"),
        "{}",
        a.tekst
    );
    // Een datum die niemand bedoelt.
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(
                &aanvraag("Piet")
                    .replace("2026-11-02", "0000-01-01")
                    .replace("111222333", "123456782"),
            ),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.tekst.contains("ontvangen_op") && a.tekst.contains("1900"),
        "{}",
        a.tekst
    );
    t.opruimen().await;
}

/// Issue 17 punt 14: handhaving maakt een taak aan (op de startpagina) en ziet haar terug.
#[tokio::test]
async fn handhaving_maakt_een_taak() {
    let t = TestApp::nieuw().await;
    let mut h = ingelogd(&t, Rol::Handhaving).await;
    let start = h.get("/").await;
    assert!(start.testid("taak-aanmaken").is_some(), "{}", start.tekst);
    let a = h
        .post(
            "/taken",
            &[
                ("omschrijving", "Adres 3035 KS 12 nagaan bij de BRP"),
                ("deadline", "2026-12-15"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(h.get("/").await.bevat("Adres 3035 KS 12 nagaan bij de BRP"));
    // En bij een dossier dat zij onderzoekt: vanaf het dossier, terug naar het dossier.
    let (dossier, _) = t
        .app
        .aanvraag_registreren(
            &TestApp::systeem(),
            &vangnet_testkit::aanvraag("999993653", "Fatima", "El Amrani"),
        )
        .await
        .unwrap();
    let pad = format!("/dossiers/{dossier}");
    assert!(h.get(&pad).await.testid("dossiertaak-aanmaken").is_some());
    let d = dossier.to_string();
    let a = h
        .post(
            "/taken",
            &[
                ("omschrijving", ""),
                ("deadline", "2026-12-15"),
                ("dossier", &d),
                ("hoge_prioriteit", "ja"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.bevat("Beschrijf de taak") && a.testid("dossiertaak-aanmaken").is_some(),
        "de fout staat op de dossierpagina: {}",
        a.tekst
    );
    // De samenvatting van de fouten staat bovenaan (niet in het formulier van het huishouden),
    // en het vinkje "hoge prioriteit" blijft staan.
    let plek = |s: &str| a.tekst.find(s).unwrap();
    assert!(plek("data-testid=\"foutsamenvatting\"") < plek("data-testid=\"dossiergegevens\""));
    assert!(a.bevat("value=\"ja\" checked>"), "{}", a.tekst);
    let a = h
        .post(
            "/taken",
            &[
                ("omschrijving", "Signaal woonsituatie onderzoeken"),
                ("deadline", "2026-12-15"),
                ("dossier", &d),
            ],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some(format!("{pad}?gedaan=taak-aangemaakt").as_str())
    );
    let a = h.get(&pad).await;
    assert!(a.bevat("Signaal woonsituatie onderzoeken"));
    // Alleen bij haar eigen taak een knop om de status te zetten; de taak van de intake (van
    // het team) mag zij niet bijwerken, dus daar staat alleen de status.
    let taken = t
        .app
        .taken_van_dossier(&TestApp::systeem(), dossier)
        .await
        .unwrap();
    assert!(taken.len() >= 2, "{taken:?}");
    assert_eq!(a.tekst.matches("/status\"").count(), 1, "{}", a.tekst);
    t.opruimen().await;
}

/// De inrichting van vier ogen (wandeling als beheerder): een fout in de drempel houdt de
/// aangevinkte soorten, en een tweede verzoek terwijl het eerste wacht is een melding bij de
/// drempel met de invoer erbij, geen "gewijzigd door een ander".
#[tokio::test]
async fn vier_ogen_inrichten_houdt_de_invoer() {
    let t = TestApp::nieuw().await;
    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    fb.get("/werk/inrichting").await;
    let a = fb
        .post(
            "/werk/vier-ogen",
            &[
                ("drempel", ""),
                ("soorten", "verlaging"),
                ("soorten", "adres"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    for soort in ["verlaging", "adres"] {
        assert!(
            a.bevat(&format!("value=\"{soort}\" checked>")),
            "{soort}: {}",
            a.tekst
        );
    }
    assert!(!a.bevat("value=\"beeindiging\" checked>"), "{}", a.tekst);
    let a = fb
        .post(
            "/werk/vier-ogen",
            &[("drempel", "750"), ("soorten", "adres")],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some("/werk/inrichting?gedaan=vier-ogen-verzoek")
    );
    fb.get("/werk/inrichting").await;
    let a = fb
        .post(
            "/werk/vier-ogen",
            &[("drempel", "800"), ("soorten", "verlaging")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("Er wacht al een verzoek")
            && a.veldwaarde("drempel").as_deref() == Some("800")
            && a.bevat("value=\"verlaging\" checked>"),
        "{}",
        a.tekst
    );
    t.opruimen().await;
}
