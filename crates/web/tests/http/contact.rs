//! Telefoonnotities, vier ogen in beheer, stuurtekens en handhaving op het scherm.

use super::*;

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
    // De melding noemt het veld zoals het formulier het noemt, niet het pad (issue 21 punt 15).
    for (veld, waarde, label) in [
        (
            "aanvrager.voornamen",
            "Jan\u{0}",
            "voornamen van de aanvrager",
        ),
        ("straat", "Dorps\u{0}straat", "straat"),
        ("postcode", "3012\u{7}AB", "postcode"),
        ("iban", "NL91ABNA0417164300\u{0}", "IBAN"),
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
            a.bevat(&format!("Het veld ‘{label}’")) && a.bevat("stuurteken"),
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
    // Een bekend BSN met een andere naam: geweigerd, met de bestaande persoon als bron in de API.
    let a = b
        .api(
            Method::POST,
            "/api/v1/dossiers",
            Some(&token),
            Some(&aanvraag("Karel")),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    let p: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    let bsn = p["invalid-params"]
        .as_array()
        .and_then(|l| l.iter().find(|f| f["name"] == "aanvrager.bsn"))
        .unwrap_or_else(|| panic!("{p}"));
    assert_eq!(bsn["link"], format!("/api/v1/personen/{persoon}"), "{p}");
    assert_eq!(bsn["pagina"], format!("/personen/{persoon}"), "{p}");
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

/// Issue 23 punt 3 en 4: zoeken in notities per bladzijde, op het scherm met een link naar de
/// oudere notities en in de API met `volgende` en de kopregel `Link` (rel="next").
#[tokio::test]
async fn zoeken_in_notities_per_bladzijde() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    for i in 0..101 {
        let c = vangnet_app::contact::ContactInvoer {
            onderwerp: "betaling".into(),
            tekst: format!("Vroeg naar de bladerproef, keer {i}."),
            ..vangnet_app::contact::ContactInvoer::telefoontje(None, None)
        };
        t.app.contactmoment_vastleggen(&clerk, &c).await.unwrap();
    }
    let mut b = ingelogd(&t, Rol::Inkomensconsulent).await;
    let a = b.get("/contactmomenten?q=Bladerpro%C3%A9f").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let i = a
        .tekst
        .find("data-testid=\"oudere-notities\"")
        .expect("een link naar oudere");
    let begin = a.tekst[..i].rfind("href=\"").unwrap() + 6;
    let href = a.tekst[begin..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let a = b.get(&href).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.bevat("keer 0."), "de oudste staat op de tweede bladzijde");
    assert!(a.testid("oudere-notities").is_none());

    let token = t
        .api_token(persona(Rol::AdministratiefOndersteuner), "api")
        .await;
    let a = b
        .api(
            Method::GET,
            "/api/v1/contactmomenten?q=bladerproef+keer",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["contactmomenten"].as_array().unwrap().len(), 100);
    let cursor = j["volgende"].as_str().expect("een cursor").to_owned();
    let link = a.headers.get("link").unwrap().to_str().unwrap().to_owned();
    let volgende = format!("/api/v1/contactmomenten?q=bladerproef+keer&na={cursor}");
    assert_eq!(link, format!("<{volgende}>; rel=\"next\""));
    let a = b.api(Method::GET, &volgende, Some(&token), None).await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(j["contactmomenten"].as_array().unwrap().len(), 1);
    assert!(j["volgende"].is_null());
    assert!(a.headers.get("link").is_none());
    // Een cursor die nergens vandaan komt: 422 met het veld.
    let a = b
        .api(
            Method::GET,
            "/api/v1/contactmomenten?q=bladerproef&na=zomaar",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("\"na\""), "{}", a.tekst);
    t.opruimen().await;
}
