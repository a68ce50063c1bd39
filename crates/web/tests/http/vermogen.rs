//! Het vermogen op het scherm en via de API (art. 34 Pw, issue 19 punt 11).

use super::*;

/// Een consulent legt het vermogen vast in het formulier; het dossier toont het oordeel met het
/// artikel. Slechte invoer: de melding bij het veld en wat getypt is blijft staan. Via de API
/// dezelfde use case, met bedragen alleen in de eenduidige vorm.
#[tokio::test]
async fn vermogen_op_het_scherm_en_via_de_api() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let anna_ctx = TestApp::systeem();
    let d = vangnet_testkit::dossier().maak(&t, &clerk, &anna_ctx).await;
    let dossier = d.dossier;
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    let a = anna.get(&format!("/dossiers/{dossier}")).await;
    assert!(
        a.testid("vermogen-geen").is_some() && a.testid("vermogen-nieuw").is_some(),
        "{}",
        a.tekst
    );
    let a = anna
        .get(&format!("/dossiers/{dossier}/vermogen/nieuw"))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("vermogenformulier").is_some());
    // Een hypotheek bij een banktegoed: geweigerd bij het veld, de regel blijft staan.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/vermogen"),
            &[
                ("peildatum", "2026-11-02"),
                ("toelichting", "Afschriften ING"),
                ("bestanddelen[0].soort", "banktegoed"),
                ("bestanddelen[0].omschrijving", "Betaalrekening"),
                ("bestanddelen[0].waarde", "8.500,00"),
                ("bestanddelen[0].hypotheek", "100"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("hoort bij de eigen woning")
            && a.bevat("value=\"8.500,00\"")
            && a.bevat("Afschriften ING"),
        "{}",
        a.tekst
    );
    let opgave = [
        ("peildatum", "2026-11-02"),
        ("toelichting", "Afschriften ING"),
        ("bestanddelen[0].soort", "banktegoed"),
        ("bestanddelen[0].omschrijving", "Betaalrekening"),
        ("bestanddelen[0].waarde", "8500.00"),
        ("bestanddelen[1].soort", "voertuig"),
        ("bestanddelen[1].waarde", "3000"),
        ("bestanddelen[1].vrijstelling", "in_natura"),
    ];
    // Issue 21 punt 1: eerst de toets met elk bedrag zoals gelezen (8500.00 is € 8.500,00);
    // zonder die toets wordt niets vastgelegd.
    let a = anna
        .post(&format!("/dossiers/{dossier}/vermogen"), &opgave)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.testid("opnieuw-controleren").is_some(), "{}", a.tekst);
    let a = anna
        .post(&format!("/dossiers/{dossier}/vermogen/voorbeeld"), &opgave)
        .await;
    assert!(
        a.testid("gelezen").is_some()
            && a.bevat("<td class=\"getal\">€ 8.500,00</td>")
            && a.testid("vermogen-toets")
                .is_some_and(|t| t.contains("in de weg")),
        "{}",
        a.tekst
    );
    let a = crate::na_voorbeeld(
        &mut anna,
        &format!("/dossiers/{dossier}/vermogen/voorbeeld"),
        &format!("/dossiers/{dossier}/vermogen"),
        &opgave,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = anna.get(&format!("/dossiers/{dossier}")).await;
    let oordeel = a.testid("vermogen-oordeel").unwrap_or_default();
    assert!(
        oordeel.contains("staat het vermogen aan het recht in de weg")
            && oordeel.contains("€ 500,00 boven de grens van € 8.000,00"),
        "{oordeel}"
    );
    assert!(a.bevat("art. 34 lid 2 onderdeel a Participatiewet"));
    // Toekennen wordt geweigerd, met de reden op het dossier.
    let a = anna
        .post(
            &format!("/dossiers/{dossier}/uitkering"),
            &[
                ("begindatum", "2026-11-02"),
                ("inhoud", "Algemene bijstand"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("staat het vermogen aan het recht in de weg"));

    // De API.
    let token = t.api_token("anna", "koppeling").await;
    let mut api = t.bezoeker();
    let a = api
        .api(
            Method::GET,
            &format!("/api/v1/dossiers/{dossier}/vermogen"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let v: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(v[0]["toets"]["oordeel"]["oordeel"], "staat_in_de_weg");
    assert_eq!(
        v[0]["opgave"]["bestanddelen"][1]["vrijstelling"],
        "in_natura"
    );
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/dossiers/{dossier}/vermogen"),
            Some(&token),
            Some(r#"{"peildatum":"2026-11-20","bestanddelen":[{"soort":"banktegoed","waarde":"1.234"}]}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.tekst.contains("bestanddelen[0].waarde"), "{}", a.tekst);
    let a = api
        .api(
            Method::POST,
            &format!("/api/v1/dossiers/{dossier}/vermogen"),
            Some(&token),
            Some(r#"{"peildatum":"2026-11-20","bestanddelen":[{"soort":"banktegoed","waarde":"7500.00"}]}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.tekst);
    let v: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    assert_eq!(v["toets"]["oordeel"]["oordeel"], "staat_niet_in_de_weg");
    // Een ondersteuner mag het formulier niet openen.
    let mut o = t.bezoeker();
    o.inloggen(persona(Rol::AdministratiefOndersteuner), PERSONA_WACHTWOORD)
        .await;
    let a = o.get(&format!("/dossiers/{dossier}/vermogen/nieuw")).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    t.opruimen().await;
}
