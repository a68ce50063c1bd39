//! Taken, jobs en betaalruns door de API (issue 23 punt 1): dezelfde use cases, rechten en
//! bevestigingen als op het scherm, met problem+json bij een weigering.

use super::*;

#[tokio::test]
async fn taken_door_de_api() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let d = vangnet_testkit::dossier()
        .met_uitkering("2026-11-02")
        .maak(&t, &clerk, &consulent)
        .await;
    let token = t
        .api_token(persona(Rol::Inkomensconsulent), "koppeling")
        .await;
    let mut b = t.bezoeker();
    let nieuw = format!(
        r#"{{"omschrijving":"Loonstrook opvragen","deadline":"2026-12-10","dossier_id":{}}}"#,
        d.dossier
    );
    let a = b
        .api(Method::POST, "/api/v1/taken", Some(&token), Some(&nieuw))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    let id = json(&a)["id"].as_i64().unwrap();
    assert_eq!(a.locatie(), Some(format!("/api/v1/taken/{id}").as_str()));

    // Vandaag: de eigen taak staat erin, met stand en versie.
    let a = b
        .api(Method::GET, "/api/v1/taken", Some(&token), None)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let v = json(&a);
    let taak = v["taken"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("taak {id} in Vandaag: {v}"));
    assert_eq!(taak["deadline"], "2026-12-10");
    assert_eq!(taak["status"], "open");
    assert!(taak.get("historie").is_none(), "geen historie in de lijst");
    let a = b
        .api(
            Method::GET,
            "/api/v1/taken?soort=bestaat_niet",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("soort"), "{}", a.tekst);

    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/taken/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let taak = json(&a);
    assert!(
        taak["historie"].as_array().is_some_and(|h| !h.is_empty()),
        "{taak}"
    );
    let versie = taak["versie"].as_i64().unwrap();

    let pad = format!("/api/v1/taken/{id}/status");
    let wachten = format!(r#"{{"versie":{versie},"status":"wacht_op_client"}}"#);
    let a = b
        .api(Method::POST, &pad, Some(&token), Some(&wachten))
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    // Dezelfde versie nog eens: een ander (of een eerdere klik) was eerder.
    let oppakken = format!(r#"{{"versie":{versie},"status":"in_behandeling"}}"#);
    let a = b
        .api(Method::POST, &pad, Some(&token), Some(&oppakken))
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);
    let versie = versie + 1;
    // Gereed zonder reden, waar geen handeling de taak afrondt: geweigerd, niets gewijzigd.
    let gereed = format!(r#"{{"versie":{versie},"status":"gereed"}}"#);
    let a = b.api(Method::POST, &pad, Some(&token), Some(&gereed)).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("reden"), "{}", a.tekst);
    let onbekend = format!(r#"{{"versie":{versie},"status":"gereed","klaar":true}}"#);
    let a = b
        .api(Method::POST, &pad, Some(&token), Some(&onbekend))
        .await;
    assert!(a.status.is_client_error(), "{}", a.tekst);
    assert!(
        a.tekst.contains("klaar"),
        "het onbekende veld genoemd: {}",
        a.tekst
    );
    let met_reden =
        format!(r#"{{"versie":{versie},"status":"gereed","reden":"Loonstrook ontvangen"}}"#);
    let a = b
        .api(Method::POST, &pad, Some(&token), Some(&met_reden))
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let na = t.app.taak_bekijken(&consulent, id).await.unwrap();
    assert_eq!(na.taak.status.code(), "gereed");

    // De onderwerpen van een contactmoment zijn te ontdekken.
    let a = b
        .api(
            Method::GET,
            "/api/v1/contactonderwerpen",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let o = json(&a);
    assert!(
        o["onderwerpen"].as_array().is_some_and(|l| !l.is_empty()),
        "{o}"
    );
    t.opruimen().await;
}

#[tokio::test]
async fn een_betaalrun_door_de_api() {
    let t = TestApp::met_instellingen(vangnet_app::Instellingen {
        betaling: vangnet_app::betaalruns::Betaalinstellingen {
            opdrachtgever: Some(vangnet_domain::sepa::Opdrachtgever {
                naam: "Gemeente Vangnet".into(),
                iban: "NL39RABO0300065264".into(),
                bic: None,
            }),
            vakantietoeslag_maand: 5,
            overdracht_svb_werkdagen: 60,
        },
        ..Default::default()
    })
    .await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let d = vangnet_testkit::dossier()
        .rekening("NL91ABNA0417164300")
        .met_uitkering("2026-11-02")
        .maak(&t, &clerk, &consulent)
        .await;
    t.persona(Rol::FunctioneelBeheerder).await;
    t.persona(Rol::Teamleider).await;
    let beheer = t
        .api_token(persona(Rol::FunctioneelBeheerder), "runs")
        .await;
    let leider = t.api_token(persona(Rol::Teamleider), "runs").await;
    let mut b = t.bezoeker();

    let a = b
        .api(
            Method::POST,
            "/api/v1/betaalruns",
            Some(&beheer),
            Some(r#"{"maand":"2026-13","betaaldatum":"2026-11-25"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("maand"), "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            "/api/v1/betaalruns",
            Some(&beheer),
            Some(r#"{"maand":"2026-11","betaaldatum":"2026-11-25"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{}", a.tekst);
    let id = json(&a)["id"].as_i64().unwrap();
    let pad = format!("/api/v1/betaalruns/{id}");
    assert_eq!(a.locatie(), Some(pad.as_str()));
    // Het berekenen is een job; hier draait de werker haar nu.
    while t.app.job_draaien(None, |_| {}).await.unwrap().is_some() {}

    let a = b.api(Method::GET, &pad, Some(&leider), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let o = json(&a);
    assert_eq!(o["run"]["status"], "berekend", "{o}");
    assert_eq!(o["run"]["aantal_betalingen"], 1, "{o}");
    assert_eq!(o["job"]["status"], "klaar", "{o}");
    let versie = o["run"]["versie"].as_i64().unwrap();

    // Goedkeuren vraagt een uitdrukkelijke bevestiging, en niet door wie de run startte.
    let zonder = format!(r#"{{"versie":{versie},"gecontroleerd":false}}"#);
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/goedkeuring"),
            Some(&leider),
            Some(&zonder),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("gecontroleerd"), "{}", a.tekst);
    let akkoord = format!(r#"{{"versie":{versie},"gecontroleerd":true}}"#);
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/goedkeuring"),
            Some(&beheer),
            Some(&akkoord),
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/goedkeuring"),
            Some(&leider),
            Some(&akkoord),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/goedkeuring"),
            Some(&leider),
            Some(&akkoord),
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);

    // Het betaalbestand: wie het niet mag, krijgt het niet; een deel zonder per_bestand niet.
    let bestand = format!("{pad}/betaalbestand");
    let a = b.api(Method::GET, &bestand, Some(&beheer), None).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.tekst);
    let a = b
        .api(
            Method::GET,
            &format!("{bestand}?deel=1"),
            Some(&leider),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("per_bestand"), "{}", a.tekst);
    let a = b.api(Method::GET, &bestand, Some(&leider), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.tekst.contains("<NbOfTxs>1</NbOfTxs>"), "{}", a.tekst);
    // Een tweede keer alleen met opnieuw=true: het ging misschien al naar de bank.
    let a = b.api(Method::GET, &bestand, Some(&leider), None).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);
    assert!(a.tekst.contains("opnieuw=true"), "{}", a.tekst);
    let a = b
        .api(
            Method::GET,
            &format!("{bestand}?opnieuw=true&deel=1&per_bestand=1"),
            Some(&leider),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.tekst.contains("<NbOfTxs>1</NbOfTxs>"), "{}", a.tekst);
    let a = b
        .api(
            Method::GET,
            &format!("{bestand}?opnieuw=true&deel=2&per_bestand=1"),
            Some(&leider),
            None,
        )
        .await;
    assert_eq!(
        a.status,
        StatusCode::NOT_FOUND,
        "er is geen tweede deel: {}",
        a.tekst
    );

    // De betaalspecificatie van het dossier: het bedrag met de uitleg per artikel.
    let token = t
        .api_token(persona(Rol::Inkomensconsulent), "specificatie")
        .await;
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/dossiers/{}/betalingen", d.dossier),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let s = json(&a);
    let betaling = &s["betalingen"][0];
    assert_eq!(betaling["run_id"], id, "{s}");
    assert!(
        betaling["uitleg"].as_array().is_some_and(|u| u
            .iter()
            .any(|r| r["artikel"].as_str().is_some_and(|a| a.contains("art")))),
        "{s}"
    );

    // De lijst van runs en de jobs.
    let a = b
        .api(Method::GET, "/api/v1/betaalruns", Some(&leider), None)
        .await;
    assert_eq!(
        json(&a)["betaalruns"][0]["status"],
        "geexporteerd",
        "{}",
        a.tekst
    );
    let a = b
        .api(Method::GET, "/api/v1/jobs", Some(&beheer), None)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.tekst.contains(&format!("betaalrun:{id}")), "{}", a.tekst);
    t.opruimen().await;
}

#[tokio::test]
async fn toekennen_door_de_api() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    t.gebruiker("tweede", &[Rol::Inkomensconsulent]).await;
    let token = t
        .api_token(persona(Rol::Inkomensconsulent), "koppeling")
        .await;
    let tweede = t.api_token("tweede", "koppeling").await;
    let mut b = t.bezoeker();

    // Een aanvraag van deze maand: het voorbeeld, dan toekennen (geen nabetaling, geen vier ogen).
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &consulent)
        .await;
    let pad = format!("/api/v1/dossiers/{}/uitkering", d.dossier);
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/voorbeeld"),
            Some(&token),
            Some(r#"{"begindatum":"2026-11-02"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let v = json(&a);
    assert_eq!(v["vier_ogen"], serde_json::Value::Null, "{v}");
    assert!(
        v["maanden"][0]["uitbetaling_centen"]
            .as_i64()
            .is_some_and(|c| c > 0),
        "{v}"
    );
    assert!(
        v["uitleg"].as_array().is_some_and(|u| u
            .iter()
            .any(|r| r["artikel"].as_str().is_some_and(|a| !a.is_empty()))),
        "de berekening met haar artikelen: {v}"
    );
    // Een onbekend veld of een datum die geen datum is: geweigerd, niets opgeslagen.
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(r#"{"begindatum":"2026-11-02","bedrag":1}"#),
        )
        .await;
    assert!(
        a.status.is_client_error() && a.tekst.contains("bedrag"),
        "{}",
        a.tekst
    );
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(r#"{"begindatum":"31-31-2026"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("begindatum"), "{}", a.tekst);
    assert_eq!(
        b.api(Method::GET, &pad, Some(&token), None).await.status,
        StatusCode::NOT_FOUND
    );
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(r#"{"begindatum":"2026-11-02"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    assert_eq!(json(&a)["status"], "toegekend");
    assert_eq!(a.locatie(), Some(pad.as_str()));
    assert_eq!(
        b.api(Method::GET, &pad, Some(&token), None).await.status,
        StatusCode::OK
    );
    // De berekening van een maand, elke stap met het artikel; een maand die geen maand is: 422.
    let bpad = format!("/api/v1/dossiers/{}/berekening", d.dossier);
    let a = b
        .api(
            Method::GET,
            &format!("{bpad}?maand=2026-12"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let u = json(&a);
    assert!(
        u["uitbetaling_centen"].as_i64().is_some_and(|c| c > 0),
        "{u}"
    );
    let a = b
        .api(
            Method::GET,
            &format!("{bpad}?maand=2026-13"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    // Een proefberekening in de vorm van `vangnet bereken`; een onbekend veld wordt genoemd.
    let situatie = r#"{"maand":"2026-12","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000}]}"#;
    let a = b
        .api(
            Method::POST,
            "/api/v1/proefberekening",
            Some(&token),
            Some(situatie),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let p = json(&a);
    assert!(
        p["uitleg"].as_array().is_some_and(|u| u
            .iter()
            .any(|r| r["artikel"].as_str().is_some_and(|a| a.contains("31")))),
        "de inkomsten met hun artikel: {p}"
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/proefberekening",
            Some(&token),
            Some(r#"{"maand":"2026-12","aanvrager":{"geboortedatum":"1988-04-12"},"huur":1}"#),
        )
        .await;
    assert!(
        a.status.is_client_error() && a.tekst.contains("huur"),
        "{}",
        a.tekst
    );
    // Nog eens toekennen op hetzelfde dossier: geweigerd.
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(r#"{"begindatum":"2026-11-02"}"#),
        )
        .await;
    assert!(a.status.is_client_error(), "{}", a.tekst);

    // Een aanvraag met maanden terug: de nabetaling vraagt vier ogen; het voorstel wacht op een
    // tweede consulent, die het niet-eigen voorstel goedkeurt.
    let d = vangnet_testkit::dossier()
        .bsn("111222333")
        .ontvangen_op("2026-03-02")
        .maak(&t, &clerk, &consulent)
        .await;
    let pad = format!("/api/v1/dossiers/{}/uitkering", d.dossier);
    let begin = r#"{"begindatum":"2026-03-02"}"#;
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/voorbeeld"),
            Some(&token),
            Some(begin),
        )
        .await;
    let v = json(&a);
    assert!(v["vier_ogen"].is_string(), "{v}");
    let a = b.api(Method::POST, &pad, Some(&token), Some(begin)).await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{}", a.tekst);
    let voorstel = json(&a)["voorstel_id"].as_i64().unwrap();
    let vpad = format!("/api/v1/toekenningen/{voorstel}");
    assert_eq!(a.locatie(), Some(vpad.as_str()));
    let a = b.api(Method::GET, &vpad, Some(&tweede), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let vs = json(&a);
    assert_eq!(vs["status"], "open", "{vs}");
    let akkoord = format!(r#"{{"versie":{},"goedkeuren":true}}"#, vs["versie"]);
    let a = b
        .api(
            Method::POST,
            &format!("{vpad}/beoordeling"),
            Some(&token),
            Some(&akkoord),
        )
        .await;
    assert!(
        a.status.is_client_error(),
        "niet het eigen voorstel: {}",
        a.tekst
    );
    let a = b
        .api(
            Method::POST,
            &format!("{vpad}/beoordeling"),
            Some(&tweede),
            Some(&akkoord),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(json(&a)["uitkering_id"].as_i64().is_some(), "{}", a.tekst);

    // Afhandelen zonder toekenning: een onbekende uitkomst is een invoerfout.
    let d = vangnet_testkit::dossier()
        .bsn("123456782")
        .maak(&t, &clerk, &consulent)
        .await;
    let pad = format!("/api/v1/dossiers/{}/afhandeling", d.dossier);
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(r#"{"uitkomst":"weg","grond":"x"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(r#"{"uitkomst":"intrekking_vastleggen","grond":"De aanvrager trok de aanvraag in."}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    t.opruimen().await;
}

#[tokio::test]
async fn de_betaalspecificatie_van_een_dossier_dat_niet_bestaat() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::Inkomensconsulent).await;
    let token = t
        .api_token(persona(Rol::Inkomensconsulent), "koppeling")
        .await;
    let mut b = t.bezoeker();
    for id in ["0", "999999"] {
        let a = b
            .api(
                Method::GET,
                &format!("/api/v1/dossiers/{id}/betalingen"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{id}: {}", a.tekst);
    }
    t.opruimen().await;
}

#[tokio::test]
async fn teamleider_contact_en_persoon_door_de_api() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    t.persona(Rol::Teamleider).await;
    let team = t.app.team_aanmaken(&systeem, "Noord", "").await.unwrap();
    for naam in [persona(Rol::Inkomensconsulent), persona(Rol::Teamleider)] {
        t.app.teamlid(&systeem, team, naam, true).await.unwrap();
    }
    // Eerst zonder team: toewijzen kan dan niet, en de fout noemt het veld van de API.
    let zonder = vangnet_testkit::dossier()
        .bsn("111222333")
        .maak(&t, &clerk, &consulent)
        .await;
    let mut bouwer = vangnet_testkit::dossier();
    bouwer.aanvraag.team = "Noord".into();
    let d = bouwer.maak(&t, &clerk, &consulent).await;
    let leider = t.api_token(persona(Rol::Teamleider), "koppeling").await;
    let ctoken = t
        .api_token(persona(Rol::Inkomensconsulent), "koppeling")
        .await;
    let otoken = t
        .api_token(persona(Rol::AdministratiefOndersteuner), "koppeling")
        .await;
    let mut b = t.bezoeker();

    // Het teamdashboard als cijfers, en een afwezigheid.
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/teams/{team}/werk"),
            Some(&leider),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let w = json(&a);
    assert_eq!(w["team"], "Noord", "{w}");
    assert!(
        w["consulenten"].as_array().is_some_and(|c| !c.is_empty()),
        "{w}"
    );
    let afwezig = format!(
        r#"{{"gebruiker":"{}","van":"2026-12-01","tot_en_met":"2026-12-11","reden":"Verlof"}}"#,
        persona(Rol::Inkomensconsulent)
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/afwezigheden",
            Some(&leider),
            Some(&afwezig),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            "/api/v1/afwezigheden",
            Some(&leider),
            Some(r#"{"gebruiker":"niemand","van":"2026-12-01","tot_en_met":"2026-11-01"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    // Herverdelen van iemand die niet bestaat: de fout noemt het veld van de API.
    let a = b
        .api(
            Method::POST,
            &format!("/api/v1/teams/{team}/herverdeling"),
            Some(&leider),
            Some(r#"{"gebruiker_id":999999}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains(r#""name":"gebruiker_id""#), "{}", a.tekst);
    // Toewijzen met een verouderde versie van het dossier: 409; met de gelezen versie: 204.
    let cid = consulent.actor.gebruiker_id().unwrap();
    let dversie = t
        .app
        .dossier(&systeem, d.dossier, None, None)
        .await
        .unwrap()
        .dossier
        .versie;
    let tpad = format!("/api/v1/dossiers/{}/toewijzing", d.dossier);
    let oud = format!(r#"{{"versie":{},"consulent_id":{cid}}}"#, dversie + 5);
    let a = b.api(Method::POST, &tpad, Some(&leider), Some(&oud)).await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);
    let goed = format!(r#"{{"versie":{dversie},"consulent_id":{cid},"reden":"Vaste consulent"}}"#);
    let a = b
        .api(
            Method::POST,
            &format!("/api/v1/dossiers/{}/toewijzing", zonder.dossier),
            Some(&leider),
            Some(&goed),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains(r#""name":"consulent_id""#), "{}", a.tekst);
    let a = b.api(Method::POST, &tpad, Some(&leider), Some(&goed)).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);

    // Een persoon corrigeren met de gelezen versie; nog eens met dezelfde versie: 409.
    let beeld = t
        .app
        .dossier(&systeem, d.dossier, None, None)
        .await
        .unwrap();
    let persoon = beeld.dossier.client_id;
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/personen/{persoon}"),
            Some(&otoken),
            None,
        )
        .await;
    let versie = json(&a)["persoon"]["versie"].as_i64().unwrap();
    let wijziging = format!(
        r#"{{"versie":{versie},"voornamen":"Pieter","geslachtsnaam":"Testpersoon","geboortedatum":"1990-03-14","reden":"Tikfout bij de aanvraag"}}"#
    );
    let pad = format!("/api/v1/personen/{persoon}/wijziging");
    let a = b
        .api(Method::POST, &pad, Some(&otoken), Some(&wijziging))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let a = b
        .api(Method::POST, &pad, Some(&otoken), Some(&wijziging))
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/personen/{persoon}"),
            Some(&otoken),
            None,
        )
        .await;
    assert!(a.tekst.contains("Pieter"), "{}", a.tekst);

    // Een onbekende beller koppelen; een terugbelverzoek afronden.
    let mut anoniem = vangnet_app::contact::ContactInvoer::telefoontje(None, None);
    anoniem.onderwerp = "overig".into();
    anoniem.tekst = "Anonieme vraag over de kostendelersnorm".into();
    let (contact, _) = t
        .app
        .contactmoment_vastleggen(&consulent, &anoniem)
        .await
        .unwrap();
    let kpad = format!("/api/v1/contactmomenten/{contact}/koppeling");
    let a = b
        .api(
            Method::POST,
            &kpad,
            Some(&ctoken),
            Some(r#"{"versie":1,"bsn":"12345"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("bsn"), "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            &kpad,
            Some(&ctoken),
            Some(r#"{"versie":1,"bsn":"100023757"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert_eq!(json(&a)["persoon_id"], persoon);

    let mut verzoek =
        vangnet_app::contact::ContactInvoer::telefoontje(Some(persoon), Some(d.dossier));
    verzoek.onderwerp = "overig".into();
    verzoek.tekst = "Wil teruggebeld worden over de betaling".into();
    verzoek.uitkomst = "terugbellen".into();
    verzoek.telefoonnummer = "0612345678".into();
    verzoek.terugbellen_door = "mij".into();
    let (_, taak) = t
        .app
        .contactmoment_vastleggen(&consulent, &verzoek)
        .await
        .unwrap();
    let taak = taak.expect("een terugbeltaak");
    let tversie = t
        .app
        .taak_bekijken(&consulent, taak)
        .await
        .unwrap()
        .taak
        .versie;
    let tpad = format!("/api/v1/taken/{taak}/terugbellen");
    let gesproken =
        format!(r#"{{"versie":{tversie},"bereikt":true,"tekst":"Betaling uitgelegd"}}"#);
    let a = b
        .api(Method::POST, &tpad, Some(&ctoken), Some(&gesproken))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let vervolg = json(&a)["contactmoment_id"].as_i64().unwrap();
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/contactmomenten/{vervolg}"),
            Some(&ctoken),
            None,
        )
        .await;
    assert!(a.tekst.contains("Betaling uitgelegd"), "{}", a.tekst);
    assert_eq!(
        t.app
            .taak_bekijken(&consulent, taak)
            .await
            .unwrap()
            .taak
            .status
            .code(),
        "gereed"
    );
    t.opruimen().await;
}

#[tokio::test]
async fn normtabellen_door_de_api() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::FunctioneelBeheerder).await;
    t.persona(Rol::Inkomensconsulent).await;
    let beheer = t
        .api_token(persona(Rol::FunctioneelBeheerder), "normen")
        .await;
    let consulent = t.api_token(persona(Rol::Inkomensconsulent), "normen").await;
    let mut b = t.bezoeker();
    // Wat geldt, is openbaar voor elke ingelogde gebruiker: elk bedrag met zijn artikel.
    let a = b
        .api(Method::GET, "/api/v1/normen", Some(&consulent), None)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let o = json(&a);
    let periode = &o["perioden"][0];
    assert!(
        periode["bedragen"]
            .as_array()
            .is_some_and(|l| l.iter().any(|r| r["omschrijving"]
                .as_str()
                .is_some_and(|s| s.starts_with("art. 21")))),
        "{o}"
    );

    let standaard = include_str!("../../../domain/data/normen.toml");
    let nieuw = standaard.replacen(
        "art21b_gehuwden_21_aow = 200213\n",
        "art21b_gehuwden_21_aow = 200214\n",
        1,
    );
    assert_ne!(nieuw, standaard, "het testbestand verandert een bedrag");
    let inhoud = serde_json::to_string(&nieuw).unwrap();
    let a = b
        .api(
            Method::POST,
            "/api/v1/normen/voorbeeld",
            Some(&beheer),
            Some(&format!(r#"{{"inhoud":{inhoud}}}"#)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let v = json(&a);
    assert_eq!(v["verschillen"][0]["nieuw_centen"], 200214, "{v}");
    let afdruk = v["vingerafdruk"].as_str().unwrap().to_owned();
    // Laden zonder (of met een andere) vingerafdruk: niets geladen.
    let a = b
        .api(
            Method::POST,
            "/api/v1/normen",
            Some(&beheer),
            Some(&format!(r#"{{"inhoud":{inhoud},"vingerafdruk":"abc"}}"#)),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("vingerafdruk"), "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            "/api/v1/normen",
            Some(&consulent),
            Some(&format!(
                r#"{{"inhoud":{inhoud},"vingerafdruk":"{afdruk}"}}"#
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            "/api/v1/normen",
            Some(&beheer),
            Some(&format!(
                r#"{{"bestandsnaam":"normen-2027.toml","inhoud":{inhoud},"vingerafdruk":"{afdruk}"}}"#
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{}", a.tekst);
    let l = json(&a);
    let a = b
        .api(Method::GET, "/api/v1/normen", Some(&consulent), None)
        .await;
    let o = json(&a);
    assert_eq!(o["geldende_lading"], l["id"], "{o}");
    assert_eq!(o["ladingen"][0]["bestandsnaam"], "normen-2027.toml", "{o}");
    // De herberekening staat als job in de rij.
    let a = b
        .api(Method::GET, "/api/v1/jobs", Some(&beheer), None)
        .await;
    assert!(
        json(&a)["jobs"].as_array().is_some_and(|j| j
            .iter()
            .any(|j| j["id"] == l["job_id"] && j["soort"] == "normen_herberekenen")),
        "{}",
        a.tekst
    );
    t.opruimen().await;
}

/// Bereik en vervaldag van een token (issue 23 punt 3): een token dat alleen leest, wijzigt
/// niets; een token voor betalingen leest geen dossiers; een verlopen token wordt geweigerd met
/// de reden. Elke weigering is problem+json die de oorzaak noemt.
#[tokio::test]
async fn bereik_en_vervaldag_van_een_token() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let leider_ctx = t.persona(Rol::Teamleider).await;
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &consulent)
        .await;
    let systeem = TestApp::systeem();
    let token = |naam: &'static str, bereik: &'static str, tot: &'static str| {
        let t = &t;
        let systeem = systeem.clone();
        async move {
            t.app
                .token_aanmaken_met(&systeem, naam, "test", bereik, tot)
                .await
                .unwrap()
                .token
        }
    };
    let lezer = token(persona(Rol::Inkomensconsulent), "lezen", "").await;
    let betalingen = token(persona(Rol::Teamleider), "schrijven:betalingen", "").await;
    let kort = token(persona(Rol::Inkomensconsulent), "schrijven", "2026-11-30").await;
    let mut b = t.bezoeker();
    let dossier = format!("/api/v1/dossiers/{}", d.dossier);

    // Alleen lezen: lezen mag, elke POST niet (ook niet wat de rol zou mogen), niets gewijzigd.
    assert_eq!(
        b.api(Method::GET, &dossier, Some(&lezer), None)
            .await
            .status,
        StatusCode::OK
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/taken",
            Some(&lezer),
            Some(r#"{"omschrijving":"Mag niet"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.tekst);
    assert!(a.tekst.contains("alleen lezen"), "{}", a.tekst);
    assert!(
        a.tekst.contains("application/problem+json") || a.tekst.contains("\"type\""),
        "{}",
        a.tekst
    );
    assert!(t
        .app
        .vandaag(&consulent, None)
        .await
        .unwrap()
        .taken
        .is_empty());

    // Alleen betalingen: de runs wel, een dossier niet (met het gebied in de melding).
    assert_eq!(
        b.api(Method::GET, "/api/v1/betaalruns", Some(&betalingen), None)
            .await
            .status,
        StatusCode::OK
    );
    let a = b.api(Method::GET, &dossier, Some(&betalingen), None).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.tekst);
    assert!(
        a.tekst.contains("clienten") && a.tekst.contains("schrijven:betalingen"),
        "{}",
        a.tekst
    );
    // De rol blijft de grens: het bereik geeft nooit meer dan de rol.
    assert!(!leider_ctx
        .actor
        .mag(vangnet_domain::Recht::UitkeringenBeheren));

    // Verlopen: tot en met 30 november, om middernacht (Nederlandse tijd) is het voorbij.
    assert_eq!(
        b.api(Method::GET, &dossier, Some(&kort), None).await.status,
        StatusCode::OK
    );
    t.klok.verzet(chrono::Duration::days(3));
    let a = b.api(Method::GET, &dossier, Some(&kort), None).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{}", a.tekst);
    assert!(a.tekst.contains("verlopen op 01-12-2026"), "{}", a.tekst);

    // Slechte invoer bij het aanmaken: elk veld genoemd, niets aangemaakt.
    let e = t
        .app
        .token_aanmaken_met(
            &systeem,
            persona(Rol::Inkomensconsulent),
            "x",
            "alles",
            "2099-01-01",
        )
        .await
        .unwrap_err();
    assert!(vangnet_testkit::veldfout(e, "bereik").contains("lezen of schrijven"));
    let e = t
        .app
        .token_aanmaken_met(
            &systeem,
            persona(Rol::Inkomensconsulent),
            "x",
            "lezen",
            "2099-01-01",
        )
        .await
        .unwrap_err();
    assert!(vangnet_testkit::veldfout(e, "verloopt_op").contains("ten hoogste"));
    t.opruimen().await;
}

#[tokio::test]
async fn een_token_met_bereik_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::Inkomensconsulent).await;
    let a = b.get("/account").await;
    assert_eq!(
        a.veldwaarde("verloopt_op").as_deref(),
        Some("2027-02-26"),
        "90 dagen"
    );
    // Een dag te ver: de fout bij het veld, wat getypt was blijft staan.
    let a = b
        .post(
            "/account/tokens",
            &[
                ("omschrijving", "Datawarehouse"),
                ("soort", "lezen"),
                ("gebied", "clienten"),
                ("verloopt_op", "2028-01-01"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("fout-verloopt_op"), "{}", a.tekst);
    assert_eq!(
        a.veldwaarde("omschrijving").as_deref(),
        Some("Datawarehouse")
    );
    assert!(a.bevat(r#"value="clienten" checked"#), "{}", a.tekst);
    let a = b
        .post(
            "/account/tokens",
            &[
                ("omschrijving", "Datawarehouse"),
                ("soort", "lezen"),
                ("gebied", "clienten"),
                ("verloopt_op", "2027-01-31"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("nieuw-token").is_some(), "{}", a.tekst);
    assert!(a.bevat("alleen lezen; cliënten en dossiers"), "{}", a.tekst);
    assert!(
        a.bevat("01-02-2027 00:00"),
        "verloopt aan het eind van 31 januari: {}",
        a.tekst
    );
    assert!(a.bevat("nooit"), "nog niet gebruikt: {}", a.tekst);
    t.opruimen().await;
}

#[tokio::test]
async fn rekening_uitsluiting_en_token_door_de_api() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    t.persona(Rol::Teamleider).await;
    t.gebruiker("tweede", &[Rol::Inkomensconsulent]).await;
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &consulent)
        .await;
    let persoon = t
        .app
        .dossier(&systeem, d.dossier, None, None)
        .await
        .unwrap()
        .dossier
        .client_id;
    let ctoken = t
        .api_token(persona(Rol::Inkomensconsulent), "koppeling")
        .await;
    let tweede = t.api_token("tweede", "koppeling").await;
    let leider = t.api_token(persona(Rol::Teamleider), "koppeling").await;
    let mut b = t.bezoeker();

    // Een nieuwe rekening vraagt vier ogen: het verzoek staat open, een ander keurt goed.
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/personen/{persoon}"),
            Some(&ctoken),
            None,
        )
        .await;
    let versie = json(&a)["persoon"]["versie"].as_i64().unwrap();
    let wijziging = format!(
        r#"{{"versie":{versie},"voornamen":"Piet","geslachtsnaam":"Testpersoon","geboortedatum":"1990-03-14","iban":"NL91ABNA0417164300","iban_vanaf":"2026-12-01","reden":"Nieuwe rekening doorgegeven"}}"#
    );
    let a = b
        .api(
            Method::POST,
            &format!("/api/v1/personen/{persoon}/wijziging"),
            Some(&ctoken),
            Some(&wijziging),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let verzoek = json(&a)["rekening_ter_beoordeling"].as_i64().unwrap();
    let a = b
        .api(Method::GET, "/api/v1/rekeningen", Some(&tweede), None)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let lijst = json(&a);
    let r = &lijst["rekeningwijzigingen"][0];
    assert_eq!(r["id"], verzoek, "{lijst}");
    assert_eq!(r["mag_beoordelen"], true, "{lijst}");
    let a = b
        .api(
            Method::GET,
            &format!("/api/v1/rekeningen/{verzoek}"),
            Some(&ctoken),
            None,
        )
        .await;
    let r = json(&a);
    assert_eq!(r["mag_beoordelen"], false, "niet het eigen verzoek: {r}");
    assert!(r["brief"].as_str().is_some_and(|b| !b.is_empty()), "{r}");
    let akkoord = format!(r#"{{"versie":{},"goedkeuren":true}}"#, r["versie"]);
    let pad = format!("/api/v1/rekeningen/{verzoek}/beoordeling");
    let a = b
        .api(Method::POST, &pad, Some(&ctoken), Some(&akkoord))
        .await;
    assert!(
        a.status.is_client_error(),
        "niet het eigen verzoek: {}",
        a.tekst
    );
    let a = b
        .api(Method::POST, &pad, Some(&tweede), Some(&akkoord))
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);

    // Een consulent uitsluiten van de dossiers van deze persoon.
    let tweede_id = t
        .app
        .gebruikers(&systeem)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.gebruikersnaam == "tweede")
        .unwrap()
        .id;
    let a = b
        .api(
            Method::POST,
            "/api/v1/uitsluitingen",
            Some(&leider),
            Some(&format!(
                r#"{{"consulent_id":999999,"persoon_id":{persoon},"reden":"Familie"}}"#
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains(r#""name":"consulent_id""#), "{}", a.tekst);
    // Een te lange reden wordt geweigerd, niet stil ingekort.
    let lang = "x".repeat(201);
    let a = b
        .api(
            Method::POST,
            "/api/v1/uitsluitingen",
            Some(&leider),
            Some(&format!(
                r#"{{"consulent_id":{tweede_id},"persoon_id":{persoon},"reden":"{lang}"}}"#
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains(r#""name":"reden""#), "{}", a.tekst);
    let a = b
        .api(
            Method::POST,
            "/api/v1/uitsluitingen",
            Some(&leider),
            Some(&format!(
                r#"{{"consulent_id":{tweede_id},"persoon_id":{persoon},"reden":"Familie"}}"#
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);

    // Een token trekt zichzelf in; daarna werkt het niet meer.
    let eigen = t
        .app
        .eigen_tokens(&consulent)
        .await
        .unwrap()
        .into_iter()
        .find(|r| ctoken.starts_with(&r.voorvoegsel))
        .unwrap()
        .id;
    let a = b
        .api(
            Method::POST,
            &format!("/api/v1/tokens/{eigen}/intrekking"),
            Some(&tweede),
            None,
        )
        .await;
    assert_eq!(
        a.status,
        StatusCode::NOT_FOUND,
        "een token van een ander: {}",
        a.tekst
    );
    let a = b
        .api(
            Method::POST,
            &format!("/api/v1/tokens/{eigen}/intrekking"),
            Some(&ctoken),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let a = b.api(Method::GET, "/api/v1/ik", Some(&ctoken), None).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{}", a.tekst);
    t.opruimen().await;
}

#[tokio::test]
async fn teams_en_gebruikers_door_de_api() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    t.persona(Rol::FunctioneelBeheerder).await;
    t.persona(Rol::Inkomensconsulent).await;
    let beheer = t
        .api_token(persona(Rol::FunctioneelBeheerder), "beheer")
        .await;
    let team = t.app.team_aanmaken(&systeem, "Noord", "").await.unwrap();
    let mut b = t.bezoeker();
    let pad = format!("/api/v1/teams/{team}");
    let lid = format!(
        r#"{{"gebruikersnaam":"{}","lid":true}}"#,
        persona(Rol::Inkomensconsulent)
    );
    let a = b
        .api(
            Method::POST,
            &format!("{pad}/leden"),
            Some(&beheer),
            Some(&lid),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let a = b.api(Method::GET, &pad, Some(&beheer), None).await;
    let tj = json(&a);
    assert_eq!(
        tj["leden"][0]["gebruikersnaam"],
        persona(Rol::Inkomensconsulent),
        "{tj}"
    );
    let wijziging = format!(r#"{{"versie":{},"naam":"Noord-Oost"}}"#, tj["versie"]);
    let a = b
        .api(Method::POST, &pad, Some(&beheer), Some(&wijziging))
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let a = b
        .api(Method::POST, &pad, Some(&beheer), Some(&wijziging))
        .await;
    assert_eq!(
        a.status,
        StatusCode::CONFLICT,
        "dezelfde versie nog eens: {}",
        a.tekst
    );

    // Een gebruiker: rollen erbij wachten op een tweede beheerder; het wachtwoord resetten
    // geeft een eenmalig wachtwoord.
    let g = t
        .app
        .gebruikers(&systeem)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.gebruikersnaam == persona(Rol::Inkomensconsulent))
        .unwrap();
    let gpad = format!("/api/v1/gebruikers/{}", g.id);
    let w = format!(
        r#"{{"versie":{},"volledige_naam":"Test Consulent","rollen":["inkomensconsulent","teamleider"],"reden":"Wordt teamleider"}}"#,
        g.versie
    );
    let a = b.api(Method::POST, &gpad, Some(&beheer), Some(&w)).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let na = t.app.gebruiker(&systeem, g.id).await.unwrap().gebruiker;
    assert_eq!(
        na.rollen,
        vec![Rol::Inkomensconsulent],
        "de rol wacht op vier ogen"
    );
    let a = b
        .api(
            Method::POST,
            &format!("{gpad}/wachtwoord-reset"),
            Some(&beheer),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        json(&a)["eenmalig_wachtwoord"]
            .as_str()
            .is_some_and(|w| w.len() >= 12),
        "{}",
        a.tekst
    );
    t.opruimen().await;
}

#[tokio::test]
async fn inrichting_van_het_werk_door_de_api() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::FunctioneelBeheerder).await;
    let beheer = t
        .api_token(persona(Rol::FunctioneelBeheerder), "inrichting")
        .await;
    let mut b = t.bezoeker();
    let a = b
        .api(Method::GET, "/api/v1/werk/inrichting", Some(&beheer), None)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let i = json(&a);
    assert!(
        i["servicenormen"].as_array().is_some_and(|n| !n.is_empty()),
        "{i}"
    );
    // Een fout in regel 2: de melding noemt de regel en het veld van de API; niets gezet.
    let a = b
        .api(
            Method::POST,
            "/api/v1/werk/contactonderwerpen",
            Some(&beheer),
            Some(r#"{"regels":"betaling = Betaling\nFout Code = x"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.tekst.contains(r#""name":"regels""#) && a.tekst.contains("Regel 2"),
        "{}",
        a.tekst
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/werk/contactonderwerpen",
            Some(&beheer),
            Some(r#"{"regels":"betaling = Betaling\nschulden = Schulden"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let a = b
        .api(Method::GET, "/api/v1/werk/inrichting", Some(&beheer), None)
        .await;
    assert!(
        json(&a)["contactonderwerpen"].as_array().is_some_and(|o| o
            .iter()
            .any(|o| o["code"] == "schulden" && o["actief"] == true)),
        "{}",
        a.tekst
    );
    // Vier ogen anders inrichten wacht op een tweede beheerder.
    let a = b
        .api(
            Method::POST,
            "/api/v1/werk/vier-ogen",
            Some(&beheer),
            Some(r#"{"drempel":"1000","soorten":["adres"]}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{}", a.tekst);
    assert!(
        json(&a)["beheerverzoek_id"].as_i64().is_some(),
        "{}",
        a.tekst
    );
    let a = b
        .api(Method::GET, "/api/v1/werk/inrichting", Some(&beheer), None)
        .await;
    assert_ne!(
        json(&a)["vier_ogen"]["drempel_centen"],
        100_000,
        "nog niet in werking"
    );
    t.opruimen().await;
}

#[tokio::test]
async fn voorbeelden_van_voorschot_en_vermogen_door_de_api() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &consulent)
        .await;
    let token = t
        .api_token(persona(Rol::Inkomensconsulent), "koppeling")
        .await;
    let mut b = t.bezoeker();
    // Het volgende voorschot met een inkomen doorgerekend: een bedrag in de vorm van het
    // formulier wordt geweigerd met het veld; in de vorm van de API geeft het een lager bedrag.
    let pad = format!("/api/v1/dossiers/{}/voorschotten", d.dossier);
    let zonder = json(&b.api(Method::GET, &pad, Some(&token), None).await);
    let a = b
        .api(
            Method::GET,
            &format!("{pad}?inkomen=1.234,56"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains(r#""name":"inkomen""#), "{}", a.tekst);
    let a = b
        .api(
            Method::GET,
            &format!("{pad}?inkomen=300.00&inkomenssoort=arbeid"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert_ne!(json(&a), zonder, "het inkomen telt mee");
    let a = b
        .api(
            Method::GET,
            &format!("{pad}?inkomenssoort=loterij"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains(r#""name":"inkomenssoort""#), "{}", a.tekst);
    // De toets van vermogen zonder vast te leggen.
    let opgave = r#"{"peildatum":"2026-11-28","bestanddelen":[{"soort":"banktegoed","omschrijving":"Spaarrekening","waarde":"1500.00"}]}"#;
    let a = b
        .api(
            Method::POST,
            &format!("/api/v1/dossiers/{}/vermogen/voorbeeld", d.dossier),
            Some(&token),
            Some(opgave),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(json(&a)["toets"].is_object(), "{}", a.tekst);
    let v = t
        .app
        .vermogen_van_dossier(&consulent, d.dossier)
        .await
        .unwrap();
    assert!(
        !serde_json::to_value(&v)
            .unwrap()
            .to_string()
            .contains("Spaarrekening"),
        "niets vastgelegd"
    );
    t.opruimen().await;
}
