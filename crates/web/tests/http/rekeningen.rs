//! Een nieuwe bankrekening met vier ogen op het scherm (issue 21 punt 4).

use super::*;

#[tokio::test]
async fn nieuwe_rekening_wacht_op_een_tweede_medewerker() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let d = vangnet_testkit::dossier()
        .maak(&t, &clerk, &TestApp::systeem())
        .await;
    let id = t
        .app
        .dossier(&clerk, d.dossier, None, None)
        .await
        .unwrap()
        .dossier
        .client_id;
    let mut o = t.bezoeker();
    o.inloggen(persona(Rol::AdministratiefOndersteuner), PERSONA_WACHTWOORD)
        .await;
    let f = o.get(&format!("/personen/{id}/wijzigen")).await;
    let versie = f.veldwaarde("versie").unwrap();
    let a = o
        .post(
            &format!("/personen/{id}"),
            &[
                ("versie", versie.as_str()),
                ("voornamen", "Piet"),
                ("voorvoegsel", ""),
                ("geslachtsnaam", "Testpersoon"),
                ("geboortedatum", "14-03-1990"),
                ("iban", "NL20INGB0001234567"),
                ("iban_vanaf", "01-12-2026"),
                ("reden", "Nieuwe bankpas getoond"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let p = o.get(a.locatie().unwrap()).await;
    assert!(
        p.bevat("gaat pas in als een tweede medewerker"),
        "{}",
        p.tekst
    );
    // De ondersteuner beoordeelt niet.
    assert_eq!(o.get("/rekeningen").await.status, StatusCode::FORBIDDEN);
    // De consulent ziet het op de startpagina en keurt het goed.
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    assert!(anna.get("/").await.testid("rekeningen-wachten").is_some());
    let lijst = anna.get("/rekeningen").await;
    assert_eq!(lijst.status, StatusCode::OK, "{}", lijst.tekst);
    assert!(lijst.bevat("NL20INGB0001234567") && lijst.bevat("Nieuwe bankpas getoond"));
    let nr = lijst
        .tekst
        .split("data-testid=\"rekening-beoordelen-")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    // Afwijzen zonder reden: 422, niets gebeurd.
    let a = anna
        .post(
            &format!("/rekeningen/{nr}/beoordelen"),
            &[("versie", "1"), ("besluit", "afwijzen"), ("reden", "")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    let a = anna
        .post(
            &format!("/rekeningen/{nr}/beoordelen"),
            &[("versie", "1"), ("besluit", "goedkeuren"), ("reden", "")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let na = anna.get(a.locatie().unwrap()).await;
    assert!(na.testid("rekeningen-geen").is_some(), "{}", na.tekst);
    // De brieftaak verwijst naar het verzoek: daar staan de tekst en het adres bij het verzoek.
    let detail = anna.get(&format!("/rekeningen/{nr}")).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.tekst);
    assert!(
        detail.bevat("NL20…4567") && detail.bevat("Coolsingel"),
        "{}",
        detail.tekst
    );
    assert_eq!(
        detail.testid("rekening-stand").as_deref(),
        Some("goedgekeurd")
    );
    t.opruimen().await;
}
