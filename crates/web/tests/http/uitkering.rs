//! Uitkeringen, mutaties en betaalruns op het scherm.

use super::*;

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
                gemeld_op: "2026-01-01".into(),
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
    assert!(a.testid("toekennen-starten").is_some(), "{}", a.tekst);
    // Toekennen (issue 21 punt 2): eerst de berekening per maand; een begin ver terug of een
    // tikfout in het jaar wordt geweigerd bij het veld.
    let a = anna.get(&format!("/dossiers/{dossier}/toekennen")).await;
    assert!(a.testid("toekenning-maanden").is_some(), "{}", a.tekst);
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/toekennen/voorbeeld"),
            &[
                ("begindatum", "2020-01-01"),
                ("inhoud", "Algemene bijstand"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("art. 44 lid 1") && a.testid("toekennen-opslaan").is_none());
    // Zonder berekening toekennen kan niet: eerst de berekening, niets opgeslagen.
    let velden = [
        ("begindatum", "2026-01-01"),
        ("inhoud", "Algemene bijstand"),
    ];
    let a = anna
        .post(&format!("/dossiers/{dossier}/uitkering"), &velden)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.testid("opnieuw-controleren").is_some(), "{}", a.tekst);
    // Tien maanden nabetaling: boven de drempel, dus voorgelegd aan een tweede consulent.
    let a = crate::na_voorbeeld(
        &mut anna,
        &format!("/dossiers/{dossier}/toekennen/voorbeeld"),
        &format!("/dossiers/{dossier}/uitkering"),
        &velden,
    )
    .await;
    assert_eq!(
        a.locatie(),
        Some(format!("/dossiers/{dossier}?gedaan=toekenning-voorgelegd").as_str()),
        "{}",
        a.tekst
    );
    let a = anna.get(&format!("/dossiers/{dossier}")).await;
    assert!(a.testid("uitkering").is_none() && a.testid("toekenning-wacht").is_some());
    let voorstel = a
        .tekst
        .split("href=\"/toekenningen/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(anna
        .get(&format!("/toekenningen/{voorstel}"))
        .await
        .testid("niet-beoordelen")
        .is_some());
    let mut bram = t.bezoeker();
    bram.inloggen("bram", PERSONA_WACHTWOORD).await;
    let b = bram.get(&format!("/toekenningen/{voorstel}")).await;
    assert!(
        b.testid("beoordelen").is_some() && b.testid("toekenning-maanden").is_some(),
        "{}",
        b.tekst
    );
    let a = bram
        .post(
            &format!("/toekenningen/{voorstel}/beoordelen"),
            &[("versie", "1"), ("besluit", "goedkeuren"), ("reden", "")],
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
    // september t/m november in de tabel, december erna; voor januari 2027 en later is nog geen
    // normtabel (§12): niet berekend, en het scherm zegt dat.
    assert!(a.testid("impact-vooruit").is_some(), "{}", a.tekst);
    assert!(
        a.bevat("omlaag met € 285,00") && a.bevat("Het hele effect is -€ 1.140,00"),
        "{}",
        a.tekst
    );
    assert!(
        a.testid("zonder-normtabel").is_some()
            && a.bevat("De maanden na 31-12-2026 zijn niet berekend")
            && a.bevat("de normtabel per 01-01-2027 is nog niet geladen"),
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
    // Werkelijk inkomen (issue 19 punt 10): een vierwekenloon van 7 september tot en met 4
    // oktober, netto 1.400: september 24/28 (1.200), oktober 4/28 (200); na de reservering
    // −1.140,00 en −190,00. Het scherm noemt de periode in de uitleg.
    let loonstrook = [
        ("soort", "werkelijk_inkomen"),
        ("ingangsdatum", "2026-09-07"),
        ("periode_tot_en_met", "2026-10-04"),
        ("van", "aanvrager"),
        ("inkomenssoort", "arbeid"),
        ("bedrag", "1400"),
        ("bruto", "1.850,00"),
        ("vakantietoeslag_per_maand", ""),
        ("reden", "Loonstrook week 37-40"),
    ];
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
            &loonstrook,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("-€ 1.140,00")
            && a.bevat("-€ 190,00")
            && a.bevat("werkelijk ontvangen over 07-09-2026 tot en met 04-10-2026"),
        "{}",
        a.tekst
    );
    // Bruto lager dan netto: geweigerd bij het veld; wat getypt is, blijft staan.
    let mut fout = loonstrook;
    fout[6] = ("bruto", "900");
    let a = anna
        .post(&format!("/dossiers/{dossier}/mutaties"), &fout)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("lager dan het nettobedrag")
            && a.bevat("value=\"2026-10-04\"")
            && a.bevat("Loonstrook week 37-40"),
        "{}",
        a.tekst
    );
    // Een inkomen van "de partner" zonder partner: geweigerd bij het veld "van".
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
            &[
                ("soort", "inkomen_start"),
                ("ingangsdatum", "2026-09-01"),
                ("van", "partner"),
                ("inkomenssoort", "arbeid"),
                ("bedrag", "300"),
                ("vakantietoeslag_per_maand", "24,00"),
                ("reden", "Loonstrook"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("geen partner in het huishouden") && a.bevat("value=\"24,00\""));
    // Met de vakantietoeslag van de loonstrook (24,00, art. 31 lid 4): 324,00 telt.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
            &[
                ("soort", "inkomen_start"),
                ("ingangsdatum", "2026-09-01"),
                ("inkomenssoort", "arbeid"),
                ("bedrag", "300"),
                ("vakantietoeslag_per_maand", "24,00"),
                ("reden", "Loonstrook"),
            ],
        )
        .await;
    assert!(
        a.bevat("-€ 307,80") && a.bevat("Vakantietoeslag opgebouwd over het inkomen"),
        "{}",
        a.tekst
    );
    // Een opschorting zonder hersteltermijn (art. 54 lid 4): geweigerd bij het veld, de reden
    // blijft staan.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/mutaties"),
            &[
                ("soort", "opschorting"),
                ("ingangsdatum", "2026-11-01"),
                ("hersteltermijn", ""),
                ("reden", "Gegevens niet geleverd"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("href=\"#veld-hersteltermijn\"") && a.bevat("Gegevens niet geleverd"),
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
    let a = crate::na_voorbeeld(
        &mut anna,
        &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
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
    let pagina = bram.get(&format!("/dossiers/{dossier}")).await;
    assert!(pagina.testid("beoordelen").is_some());
    let id = pagina
        .tekst
        .split("href=\"/mutaties/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    // Punt 6: de beoordelaar ziet op één scherm wie wat registreerde en de impact per maand.
    let b = bram.get(&format!("/mutaties/{id}")).await;
    assert!(
        b.testid("registrant").is_some_and(|r| r.contains("anna"))
            && b.testid("impact").is_some()
            && b.bevat("Netto per maand")
            && b.bevat("€ 300,00")
            && b.testid("beoordelen").is_some(),
        "{}",
        b.tekst
    );
    assert!(anna
        .get(&format!("/mutaties/{id}"))
        .await
        .testid("niet-beoordelen")
        .is_some());
    // Afwijzen zonder reden: geweigerd op hetzelfde scherm.
    let a = bram
        .post(
            &format!("/mutaties/{id}/beoordelen"),
            &[("versie", "1"), ("besluit", "afwijzen"), ("reden", "")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.testid("impact").is_some() && a.bevat("reden van de afwijzing"));
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
    assert!(
        a.tekst.contains("\"type\":\"/problemen/ongeldige-invoer\""),
        "{}",
        a.tekst
    );
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/mutaties/{id}/beoordeling"),
            Some(&token),
            Some(r#"{"versie":1,"goedkeuren":true}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "al beoordeeld: {}", a.tekst);
    assert!(
        a.tekst.contains("\"type\":\"/problemen/conflict\""),
        "{}",
        a.tekst
    );

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
            overdracht_svb_werkdagen: 60,
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
        .uitkering_toekennen(
            &consulent,
            dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
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
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();

    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    assert!(fb.get("/betaalruns").await.testid("run-starten").is_some());
    // Tussentijdse run (issue 20 punt 4): een betaaldatum in het verleden wordt geweigerd bij
    // het veld van dat formulier, wat getypt is blijft staan, en er komt geen run.
    assert!(fb
        .get("/betaalruns")
        .await
        .testid("run-tussentijds")
        .is_some());
    let a = fb
        .post("/betaalruns/tussentijds", &[("betaaldatum", "2026-01-05")])
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("vandaag of binnen een maand") && a.bevat("value=\"2026-01-05\""),
        "{}",
        a.tekst
    );
    assert!(t
        .app
        .betaalruns(&TestApp::systeem())
        .await
        .unwrap()
        .is_empty());
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
    // Het berekenen is een job; de werker van de server (hier de test) neemt haar.
    assert!(fb.get(&pad).await.testid("voortgang").is_some());
    assert!(t.app.job_draaien(None, |_| {}).await.unwrap().is_some());
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
    // De beheerder die de run startte, ziet geen namen en IBAN's van iedereen (issue 21 punt 4).
    assert_eq!(
        fb.get(&format!("{pad}/regels.csv")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        fb.get(&format!("{pad}/pain.xml")).await.status,
        StatusCode::FORBIDDEN
    );
    let a = tl.get(&format!("{pad}/regels.csv")).await;
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

/// Issue 21 punt 10 op het scherm: een aanvraag niet toekennen. Zonder uitkomst of grond een
/// melding bij het veld, met wat getypt was nog in het formulier, en niets vastgelegd; daarna
/// buiten behandeling (bron: ../shared/domain/participatiewet-feiten.md §4, "Awb" 4:15 met 4:5)
/// met een doorverwijzing, en toekennen staat niet meer op het dossier.
#[tokio::test]
async fn aanvraag_niet_toekennen_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let dossier = vangnet_testkit::dossier()
        .maak(&t, &TestApp::systeem(), &TestApp::systeem())
        .await
        .dossier;
    t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    anna.get(&format!("/dossiers/{dossier}/toekennen")).await;
    let pad = format!("/dossiers/{dossier}/afhandelen");
    let grond = "Loonstroken over september ontbreken; hersteltermijn tot 20-11-2026 verstreken";
    let a = anna.post(&pad, &[("uitkomst", ""), ("grond", grond)]).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("Kies hoe de aanvraag eindigt.") && a.bevat(grond));
    let a = anna
        .post(
            &pad,
            &[("uitkomst", "buiten_behandeling_stellen"), ("grond", "  ")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("Geef de grond") && a.bevat("value=\"buiten_behandeling_stellen\" id=\"uitkomst-buiten_behandeling_stellen\" checked"));
    assert!(anna
        .get(&format!("/dossiers/{dossier}"))
        .await
        .testid("toekennen-starten")
        .is_some());
    let a = anna
        .post(
            &pad,
            &[("uitkomst", "buiten_behandeling_stellen"), ("grond", grond)],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some(format!("/dossiers/{dossier}?gedaan=aanvraag-afgehandeld").as_str()),
        "{}",
        a.tekst
    );
    let d = anna.get(&format!("/dossiers/{dossier}")).await;
    assert!(d.testid("toekennen-starten").is_none() && d.testid("aanvraag-beslist").is_some());
    assert!(
        d.bevat("Aanvraag buiten behandeling gesteld"),
        "{}",
        d.tekst
    );
    // Wie toch een toekenning probeert (een oude tab), krijgt een weigering; er komt niets bij.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/toekennen/voorbeeld"),
            &[
                ("begindatum", "2026-11-02"),
                ("inhoud", "Algemene bijstand"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);
    assert!(a.bevat("al beslist"), "{}", a.tekst);
    t.opruimen().await;
}
