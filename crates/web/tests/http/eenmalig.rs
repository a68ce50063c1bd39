//! Eén keer indienen (issue 21 punt 3): hetzelfde formulier twee keer verstuurd (dubbelklik,
//! "opnieuw verzenden") maakt één mutatie, en de tweede keer toont de uitkomst van de eerste.

use super::*;

/// De verzoeksleutel uit het formulier met `data-testid="{formulier}"`.
fn sleutel(a: &vangnet_testkit::Antwoord, formulier: &str) -> String {
    let begin = a
        .tekst
        .find(&format!("data-testid=\"{formulier}\""))
        .expect("formulier");
    let rest = &a.tekst[begin..];
    let veld = rest
        .find("name=\"verzoeksleutel\" value=\"")
        .expect("verzoeksleutel")
        + 29;
    rest[veld..veld + 32].to_owned()
}

#[tokio::test]
async fn een_formulier_twee_keer_versturen_doet_het_een_keer() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let d = vangnet_testkit::dossier()
        .met_uitkering("2026-11-02")
        .maak(&t, &clerk, &TestApp::systeem())
        .await;
    let dossier = d.dossier;
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    let formulier = anna
        .get(&format!(
            "/dossiers/{dossier}/mutaties/nieuw?soort=inkomen_start"
        ))
        .await;
    assert_eq!(formulier.status, StatusCode::OK, "{}", formulier.tekst);
    let k = sleutel(&formulier, "mutatieformulier");
    let velden = |bedrag: &'static str| {
        vec![
            ("soort", "inkomen_start"),
            ("ingangsdatum", "2026-12-01"),
            ("inkomenssoort", "overig"),
            ("bedrag", bedrag),
            ("reden", "Alimentatie"),
        ]
    };
    // Eerst met een fout: de sleutel blijft bruikbaar voor het verbeterde formulier.
    let mut fout = velden("12,3,4");
    fout.push(("verzoeksleutel", &k));
    let a = anna
        .post(&format!("/dossiers/{dossier}/mutaties"), &fout)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    let mut goed = velden("150,00");
    let v = crate::vingerafdruk(
        &mut anna,
        &format!("/dossiers/{dossier}/mutaties/voorbeeld"),
        &goed,
    )
    .await;
    goed.push(("gecontroleerd", &v));
    goed.push(("verzoeksleutel", &k));
    let eerste = anna
        .post(&format!("/dossiers/{dossier}/mutaties"), &goed)
        .await;
    assert_eq!(eerste.status, StatusCode::SEE_OTHER, "{}", eerste.tekst);
    let tweede = anna
        .post(&format!("/dossiers/{dossier}/mutaties"), &goed)
        .await;
    assert_eq!(tweede.status, StatusCode::SEE_OTHER, "{}", tweede.tekst);
    assert_eq!(
        tweede.headers.get("location"),
        eerste.headers.get("location"),
        "de tweede keer gaat naar de uitkomst van de eerste"
    );
    let beeld = t
        .app
        .uitkering_van_dossier(&TestApp::systeem(), dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        beeld
            .mutaties
            .iter()
            .filter(|m| m.reden == "Alimentatie")
            .count(),
        1,
        "één mutatie"
    );
    // Een onleesbare sleutel: een melding, niets gedaan.
    let mut raar = goed.clone();
    raar.pop();
    raar.push(("verzoeksleutel", "<script>"));
    let a = anna
        .post(&format!("/dossiers/{dossier}/mutaties"), &raar)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    t.opruimen().await;
}

/// Een formulier dat slaagt met een pagina in plaats van een doorverwijzing (een API-token: het
/// token staat alleen op die pagina) doet het ook maar één keer: de tweede keer een conflict, geen
/// tweede token. Een andere gebruiker met dezelfde sleutel staat daar los van.
#[tokio::test]
async fn een_geslaagde_pagina_zonder_doorverwijzing_ook_een_keer() {
    let t = TestApp::nieuw().await;
    t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    anna.get("/account").await;
    let velden = [
        ("omschrijving", "Koppeling"),
        ("verzoeksleutel", "0123456789abcdef0123456789abcdef"),
    ];
    let eerste = anna.post("/account/tokens", &velden).await;
    assert_eq!(eerste.status, StatusCode::OK, "{}", eerste.tekst);
    let tweede = anna.post("/account/tokens", &velden).await;
    assert_eq!(tweede.status, StatusCode::CONFLICT, "{}", tweede.tekst);
    assert!(tweede.bevat("al verwerkt"), "{}", tweede.tekst);
    let mut bram = t.bezoeker();
    bram.inloggen("bram", PERSONA_WACHTWOORD).await;
    bram.get("/account").await;
    let a = bram.post("/account/tokens", &velden).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    t.opruimen().await;
}
