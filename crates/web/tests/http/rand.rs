//! Fouten, beveiligingsheaders, /health, /metrics, de API en gelijktijdig bewerken.

use super::*;

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
    assert!(
        j["database"].get("replica").is_none(),
        "zonder leesreplica geen regel over een replica"
    );
    let m = b.get("/metrics").await;
    assert!(m
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text; version=1.0.0"));
    for regel in [
        "# TYPE vangnet_http_verzoeken counter",
        "vangnet_http_verzoeken_total{klasse=\"2xx\"} 2",
        "# TYPE vangnet_http_verzoek_duur_seconds histogram",
        "vangnet_http_verzoek_duur_seconds_count{methode=\"GET\",route=\"/health\",klasse=\"2xx\"} 1",
        "vangnet_database_bereikbaar 1",
        "# EOF",
    ] {
        assert!(m.bevat(regel), "{regel} ontbreekt in\n{}", m.tekst);
    }
    // Het Grafana-dashboard in docs/ vraagt alleen metingen die er zijn.
    let dashboard = include_str!("../../../../docs/grafana-vangnet.json");
    let mut gevraagd: Vec<&str> = dashboard
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("vangnet_"))
        .collect();
    gevraagd.sort_unstable();
    gevraagd.dedup();
    assert!(gevraagd.len() >= 5, "{gevraagd:?}");
    for naam in gevraagd {
        let basis = ["_bucket", "_count", "_sum", "_total"]
            .iter()
            .find_map(|s| naam.strip_suffix(s))
            .unwrap_or(naam);
        assert!(
            m.bevat(&format!("# TYPE {basis} ")),
            "het dashboard vraagt {naam}, /metrics heeft geen {basis}"
        );
    }
    let css = b.get("/assets/vangnet.css").await;
    assert_eq!(css.status, StatusCode::OK);
    // Vaste bestanden gaan gecomprimeerd als de browser dat vraagt; pagina's nooit (BREACH).
    let gz = b
        .verzoek(
            axum::http::Request::get("/assets/htmx.min.js")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(gz.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
    let pagina = b
        .verzoek(
            axum::http::Request::get("/inloggen")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(pagina.headers.get(header::CONTENT_ENCODING).is_none());
    assert!(css.bevat(":focus-visible"));
    assert_eq!(b.get("/assets/htmx.min.js").await.status, StatusCode::OK);
    assert_eq!(
        b.get("/assets/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
    t.opruimen().await;
}

/// Het `type` van een problem-document.
fn soort(tekst: &str) -> String {
    let j: serde_json::Value = serde_json::from_str(tekst).unwrap_or_default();
    j["type"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn api_met_token_en_problem_json() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::FunctioneelBeheerder).await;
    let token = t.api_token("fb", "test").await;
    let mut b = t.bezoeker();

    let a = b.api(Method::GET, "/api/v1/ik", None, None).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        a.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/problem+json"
    );
    // Elke soort fout heeft haar eigen problem-type, met een openbare uitleg op dat adres.
    assert_eq!(soort(&a.tekst), "/problemen/niet-ingelogd");
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
        assert_eq!(soort(&a.tekst), "/problemen/ongeldige-invoer", "{json}");
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
    assert_eq!(soort(&a.tekst), "/problemen/ongeldige-invoer");
    let a = b
        .api(Method::GET, "/api/v1/bestaat-niet", Some(&token), None)
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(
        a.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/problem+json"
    );
    assert_eq!(soort(&a.tekst), "/problemen/niet-gevonden");
    let a = b
        .api(Method::DELETE, "/api/v1/ik", Some(&token), None)
        .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(soort(&a.tekst), "/problemen/methode-niet-toegestaan");
    // Een nummer in het pad dat geen nummer is (of buiten het bereik valt), bestaat niet: 404;
    // een parameter die twee keer staat of niet te lezen is: 422 met haar naam (de API-tester
    // vond axum's 400 zonder naam, die het document niet noemt).
    for pad in [
        "/api/v1/gebruikers/9223372036854775808",
        "/api/v1/gebruikers/abc",
    ] {
        let a = b.api(Method::GET, pad, Some(&token), None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{pad}: {}", a.tekst);
        assert_eq!(soort(&a.tekst), "/problemen/niet-gevonden");
    }
    t.persona(Rol::Auditor).await;
    let auditor = t.api_token("auditor", "test").await;
    let a = b
        .api(
            Method::GET,
            "/api/v1/audit?van=2026-01-01&van=2026-02-01",
            Some(&auditor),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    let doc: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(doc["invalid-params"][0]["name"], "van", "{}", a.tekst);
    assert!(a.tekst.contains("meer dan één keer"), "{}", a.tekst);
    // De uitleg bij elke soort is openbaar (zonder inloggen) en noemt de soort.
    let mut anoniem = t.bezoeker();
    for s in [
        "niet-ingelogd",
        "geweigerd",
        "niet-gevonden",
        "methode-niet-toegestaan",
        "ongeldige-invoer",
        "conflict",
        "te-veel-pogingen",
        "onbereikbaar",
        "te-lang",
        "interne-fout",
    ] {
        let p = anoniem.get(&format!("/problemen/{s}")).await;
        assert_eq!(p.status, StatusCode::OK, "{s}");
        assert!(p.bevat(&format!("<code>/problemen/{s}</code>")), "{s}");
    }
    assert_eq!(
        anoniem.get("/problemen/onzin").await.status,
        StatusCode::NOT_FOUND
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
    let token = t.api_token("consulent", "test").await;
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
    // Een tweede consulent voor vier ogen staat erbij (issue 21).
    assert!(demo
        .get("/inloggen")
        .await
        .testid("demobanner")
        .unwrap()
        .contains("consulent11"));
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

/// Issue 21 punten 7 en 9: één treffer opent meteen de persoon; de kop van het dossier noemt de
/// cliënt met een gemaskeerd BSN.
#[tokio::test]
async fn een_treffer_opent_meteen_en_het_dossier_noemt_de_client() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &TestApp::systeem())
        .await;
    let mut b = ingelogd(&t, Rol::Inkomensconsulent).await;
    let a = b.get("/zoeken?q=testpersoon").await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(a.locatie().unwrap().starts_with("/personen/"));
    let a = b.get(&format!("/dossiers/{}", d.dossier)).await;
    let kop = a.testid("dossier-client").unwrap_or_default();
    assert!(
        kop.contains("P. Testpersoon") && kop.contains("*****3757") && !kop.contains("100023757"),
        "{kop}"
    );
    t.opruimen().await;
}

/// Issue 21 punten 9 en 12 op het scherm: meer dan 50 treffers geeft bladeren met werkende
/// links (vorige en volgende, de zoekvraag behouden); een onzin-paginanummer geen 500; het
/// filter van de auditor op een BSN dat de elfproef niet haalt zegt dat bij het veld.
#[tokio::test]
async fn zoeken_bladeren_en_een_fout_bsn_in_de_audit() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let bsns: Vec<String> = (100_000_000i64..)
        .map(|n| n.to_string())
        .filter(|b| vangnet_domain::persoon::Bsn::parse(b).is_ok())
        .take(52)
        .collect();
    for (i, bsn) in bsns.iter().enumerate() {
        let naam = format!(
            "de Vries-{}{}",
            (b'a' + (i / 26) as u8) as char,
            (b'a' + (i % 26) as u8) as char
        );
        vangnet_testkit::dossier()
            .bsn(bsn)
            .naam("Jan", &naam)
            .maak(&t, &systeem, &systeem)
            .await;
    }
    let mut b = ingelogd(&t, Rol::AdministratiefOndersteuner).await;
    let a = b.get("/zoeken?q=vries").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("Treffers 1 tot en met 50; er zijn er meer"),
        "{}",
        a.tekst
    );
    let volgende = a
        .tekst
        .split("rel=\"next\"")
        .next()
        .and_then(|s| s.rsplit("href=\"").next())
        .map(|s| {
            s.split('"')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&")
        })
        .expect("een link naar de volgende treffers");
    assert_eq!(volgende, "/zoeken?q=vries&pagina=1");
    let a = b.get(&volgende).await;
    assert!(
        a.bevat("Treffers 51 tot en met 52.") && a.bevat("rel=\"prev\""),
        "{}",
        a.tekst
    );
    assert!(a.testid("volgende-treffers").is_none());
    let a = b.get("/zoeken?q=vries&pagina=twee").await;
    assert!(a.status.is_client_error(), "{}", a.status);

    t.persona(Rol::Auditor).await;
    let mut auditor = t.bezoeker();
    auditor.inloggen("auditor", PERSONA_WACHTWOORD).await;
    for pad in ["/audit", "/toegangslog"] {
        let a = auditor
            .get(&format!("{pad}?bsn_of_dossier=123456789"))
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{pad}");
        assert!(
            a.bevat("aria-invalid=\"true\" aria-describedby=\"fout-bsn_of_dossier\""),
            "{pad}"
        );
        assert!(
            a.bevat("elfproef") && a.bevat("value=\"123456789\""),
            "{pad}: {}",
            a.tekst
        );
        let a = auditor
            .get(&format!("{pad}?bsn_of_dossier={}", bsns[0]))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{pad}: {}", a.tekst);
    }
    t.opruimen().await;
}

/// Issue 22 punt 7: het verzoek-id (`X-Request-Id`, gezet door `tower-http`) is het operatie-id.
/// Van de eigen proxy neemt Vangnet een geldig id over; van ieder ander niet, en een ongeldig id
/// nooit: het id staat in de audittrail en het toegangslog. Een `traceparent` wordt nooit het
/// operatie-id (het Logboek Dataverwerkingen begint elke verwerking met een nieuw trace-id).
#[tokio::test]
async fn verzoek_id_alleen_van_de_eigen_proxy() {
    let t = TestApp::nieuw().await;
    const EIGEN: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    const TRACE: &str = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    let proxy = vangnet_web::WebInstellingen {
        proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    };
    let id = |a: &vangnet_testkit::Antwoord| {
        let h = |n: &str| {
            a.headers
                .get(n)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        assert_eq!(h("x-request-id"), h("x-operatie-id"));
        assert_eq!(h("x-request-id").len(), 32, "{:?}", a.headers);
        h("x-request-id")
    };
    /// Van de eigen proxy?, de koppen, en het id dat moet blijven (geen: een nieuw).
    type Geval = (
        bool,
        &'static [(&'static str, &'static str)],
        Option<&'static str>,
    );
    let gevallen: [Geval; 7] = [
        (false, &[("x-request-id", EIGEN)], None),
        (false, &[("traceparent", TRACE)], None),
        (true, &[("x-request-id", EIGEN)], Some(EIGEN)),
        (
            true,
            &[("x-request-id", EIGEN), ("traceparent", TRACE)],
            Some(EIGEN),
        ),
        (true, &[("traceparent", TRACE)], None),
        (true, &[("x-request-id", "<script>alert(1)</script>")], None),
        (
            true,
            &[("x-request-id", "4BF92F3577B34DA6A3CE929D0E0E4736")],
            None,
        ),
    ];
    for (van_proxy, koppen, verwacht) in gevallen {
        let mut b = if van_proxy {
            t.bezoeker_met(proxy.clone())
        } else {
            t.bezoeker()
        };
        for (k, v) in koppen {
            b = b.met_kop(k, v);
        }
        let a = b.get("/health").await;
        let gekregen = id(&a);
        match verwacht {
            Some(v) => assert_eq!(gekregen, v, "{koppen:?}"),
            None => {
                assert_ne!(gekregen, EIGEN, "{koppen:?}");
                assert!(!TRACE.contains(&gekregen), "{koppen:?}");
            }
        }
    }
    t.opruimen().await;
}

/// Issue 22 punt 6: het toegangslog telt niet verder dan 10 000 regels (een volledige telling
/// kost bij honderd miljoen regels seconden). Het scherm en de API zeggen dan "meer dan" en
/// vragen om een fijner filter; het filter op de hele gebruikersnaam vindt de verwerking.
#[tokio::test]
async fn toegangslog_telt_tot_de_grens() {
    use vangnet_app::Opslag as _;
    let t = TestApp::nieuw().await;
    let grens = vangnet_app::toegang::TOEGANG_TELGRENS;
    let mut tx = t.testdb.db.schrijf().await.unwrap();
    let v = tx
        .verwerking_vastleggen(&vangnet_app::opslag::ToegangRij {
            id: 0,
            trace_id: "4bf92f3577b34da6a3ce929d0e0e4736".into(),
            span_id: "00f067aa0ba902b7".into(),
            tijdstip: "2026-11-28T10:00:00.000000Z".into(),
            gebruiker_id: None,
            gebruiker: "systeem (betaalrun)".into(),
            verwerkingsactiviteit: "urn:vangnet:verwerking:betaalrun:1".into(),
            betrokkene_type: "persoon".into(),
            betrokkene_id: String::new(),
            omschrijving: "Betaalrun berekend".into(),
        })
        .await
        .unwrap();
    let ids: Vec<i64> = (1..=grens + 5).collect();
    tx.toegang_voor_personen(&v, &ids).await.unwrap();
    tx.commit().await.unwrap();
    let token = {
        t.persona(Rol::Auditor).await;
        t.api_token("auditor", "t").await
    };
    let mut b = t.bezoeker();
    for (gebruiker, totaal, meer_dan) in [
        ("", grens, true),
        ("SYSTEEM (betaalrun)", grens, true),
        ("systeem", 0, false),
    ] {
        let a = b
            .api(
                axum::http::Method::GET,
                &format!(
                    "/api/v1/toegangslog?gebruiker={}",
                    gebruiker.replace(' ', "%20")
                ),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
        let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
        assert_eq!(j["totaal"], totaal, "{gebruiker}");
        assert_eq!(j["meer_dan"], meer_dan, "{gebruiker}");
    }
    // Bladeren houdt op bij de grens (50 per bladzijde): daarna een fout die het veld noemt.
    for (pagina, status) in [
        (200, StatusCode::OK),
        (201, StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let a = b
            .api(
                axum::http::Method::GET,
                &format!("/api/v1/toegangslog?pagina={pagina}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(a.status, status, "{}", a.tekst);
        if status != StatusCode::OK {
            assert!(
                a.bevat("\"name\":\"pagina\"") && a.bevat("Verfijn het filter"),
                "{}",
                a.tekst
            );
        }
    }
    let mut auditor = t.bezoeker();
    auditor.inloggen("auditor", PERSONA_WACHTWOORD).await;
    let a = auditor.get("/toegangslog").await;
    assert!(
        a.bevat("Meer dan 10.000 resultaten") && a.bevat("Verfijn het filter"),
        "{}",
        a.tekst
    );
    t.opruimen().await;
}
