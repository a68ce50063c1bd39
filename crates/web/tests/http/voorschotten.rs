//! Voorschotten op het scherm en via de API (art. 52 Pw, issue 20 punt 11).

use super::*;

/// Een consulent ziet het volgende voorschot met zijn berekening en uiterlijke datum, rekent met
/// een bekend inkomen, en legt het besluit vast. Slechte invoer: de melding bij het veld, wat
/// getypt is blijft staan, niets opgeslagen. Een ondersteuner ziet de pagina maar niet het
/// formulier, en mag niet besluiten. Via de API dezelfde use case, met bedragen alleen in de
/// eenduidige vorm.
#[tokio::test]
async fn voorschot_op_het_scherm_en_via_de_api() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &TestApp::systeem())
        .await;
    let dossier = d.dossier;
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    let a = anna.get(&format!("/dossiers/{dossier}")).await;
    assert!(a.testid("voorschotten-link").is_some(), "{}", a.tekst);
    let a = anna.get(&format!("/dossiers/{dossier}/voorschotten")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("voorschotten-geen").is_some());
    let uiterlijk = a.testid("voorschot-uiterlijk").unwrap_or_default();
    assert!(uiterlijk.contains("30-11-2026"), "{uiterlijk}");
    let minimum = a.testid("voorschot-minimum").unwrap_or_default();
    assert!(minimum.starts_with("€ "), "{minimum}");
    assert!(a.bevat("art. 52 lid 2 Participatiewet"));
    // Rekenen met een bekend inkomen (een POST: het inkomen komt niet in de URL): een lager
    // minimum, niets opgeslagen, wat getypt is blijft staan.
    let b = anna
        .post(
            &format!("/dossiers/{dossier}/voorschotten/berekenen"),
            &[
                ("volgnummer", "1"),
                ("besluit", "verleend"),
                ("inkomen", "200,00"),
                ("inkomenssoort", "overig"),
                ("reden", "Nog te toetsen"),
            ],
        )
        .await;
    assert_eq!(b.status, StatusCode::OK, "{}", b.tekst);
    assert_ne!(b.testid("voorschot-minimum").unwrap_or_default(), minimum);
    assert!(b.bevat("value=\"200,00\"") && b.bevat("Nog te toetsen"));
    assert!(b.testid("voorschotten-geen").is_some());
    // Een onleesbaar inkomen bij het rekenen: de melding bij het veld, de berekening zonder.
    let b = anna
        .post(
            &format!("/dossiers/{dossier}/voorschotten/berekenen"),
            &[("volgnummer", "1"), ("inkomen", "12,3,4")],
        )
        .await;
    assert_eq!(b.status, StatusCode::OK, "{}", b.tekst);
    assert!(b.testid("foutsamenvatting").is_some(), "{}", b.tekst);
    assert!(b.bevat("value=\"12,3,4\""));
    // Weigeren zonder reden: 422, de keuze blijft staan, niets opgeslagen.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/voorschotten"),
            &[
                ("volgnummer", "1"),
                ("besluit", "geen_medewerking"),
                ("bedrag", ""),
                ("reden", ""),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("Een weigering heeft een reden"), "{}", a.tekst);
    assert!(a.bevat("value=\"geen_medewerking\" checked"), "{}", a.tekst);
    assert!(a.testid("voorschotten-geen").is_some());
    // Een te laag bedrag: bij het veld, het getypte bedrag blijft staan.
    let te_laag = [
        ("volgnummer", "1"),
        ("besluit", "verleend"),
        ("bedrag", "10,00"),
        ("reden", ""),
    ];
    // Eerst niet berekend (issue 21 punt 1): niets besloten, het bedrag teruggelezen.
    let a = anna
        .post(&format!("/dossiers/{dossier}/voorschotten"), &te_laag)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.testid("opnieuw-controleren").is_some() && a.bevat("Hoger voorschot: € 10,00"),
        "{}",
        a.tekst
    );
    let a = crate::na_voorbeeld(
        &mut anna,
        &format!("/dossiers/{dossier}/voorschotten/berekenen"),
        &format!("/dossiers/{dossier}/voorschotten"),
        &te_laag,
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("ten minste") && a.bevat("value=\"10,00\""),
        "{}",
        a.tekst
    );
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/voorschotten"),
            &[
                ("volgnummer", "1"),
                ("besluit", "verleend"),
                ("bedrag", ""),
                ("reden", ""),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = anna
        .get(&format!("/dossiers/{dossier}/voorschotten?gedaan=1"))
        .await;
    assert!(a.testid("voorschot-gedaan").is_some());
    assert_eq!(a.testid("voorschot-stand").as_deref(), Some("Te betalen"));
    // Dezelfde post nog eens (dubbel klikken): een conflict, niet een tweede voorschot.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/voorschotten"),
            &[
                ("volgnummer", "1"),
                ("besluit", "verleend"),
                ("bedrag", ""),
                ("reden", ""),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);

    // Een ondersteuner ziet de voorschotten maar niet het formulier, en mag niet besluiten.
    let mut o = t.bezoeker();
    o.inloggen(persona(Rol::AdministratiefOndersteuner), PERSONA_WACHTWOORD)
        .await;
    let a = o.get(&format!("/dossiers/{dossier}/voorschotten")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("voorschotformulier").is_none());
    let a = o
        .post(
            &format!("/dossiers/{dossier}/voorschotten"),
            &[("volgnummer", "2"), ("besluit", "verleend")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    // De API.
    let token = t.api_token("anna", "koppeling").await;
    let mut api = t.bezoeker();
    let a = api
        .api(
            Method::GET,
            &format!("/api/v1/dossiers/{dossier}/voorschotten"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let v: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(v["voorschotten"][0]["voorschot"]["status"], "te_betalen");
    assert_eq!(v["volgende"]["volgnummer"], 2);
    assert_eq!(
        v["volgende"]["nog_niet"], true,
        "december is nog niet begonnen"
    );
    // Een bedrag in de dubbelzinnige vorm: geweigerd bij het veld.
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/dossiers/{dossier}/voorschotten"),
            Some(&token),
            Some(r#"{"besluit":"duidelijk_geen_recht","volgnummer":2,"inkomen":"1.234","reden":"Inkomen boven de norm"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("inkomen"), "{}", a.tekst);
    // December is nog niet begonnen: ook weigeren kan nog niet.
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/dossiers/{dossier}/voorschotten"),
            Some(&token),
            Some(r#"{"besluit":"geen_medewerking","volgnummer":2,"reden":"Geen bankafschriften"}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("nog niet begonnen"), "{}", a.tekst);
    t.opruimen().await;
}
