//! Inloggen, sessies, tokens, CSRF en de inlogdrempel.

use super::*;

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
        metrics.bevat("vangnet_inloggen_mislukt_total 6"),
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
    let token = t.api_token(persona(Rol::Inkomensconsulent), "test").await;
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
