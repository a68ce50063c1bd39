//! Betaalruns op het scherm (issue 21 punt 5): afbreken vraagt een bevestiging, en wie mag
//! goedkeuren ziet op de startpagina welke runs wachten.

use super::*;

#[tokio::test]
async fn afbreken_vraagt_bevestiging() {
    let t = TestApp::nieuw().await;
    let fien = t.gebruiker("fien", &[Rol::FunctioneelBeheerder]).await;
    let run = vangnet_testkit::betaalrun("2026-11", "2026-11-25")
        .niet_goedkeuren()
        .maak(&t, &fien, &TestApp::systeem())
        .await;
    // De teamleider ziet op zijn startpagina dat de run op goedkeuring wacht.
    t.gebruiker("tom", &[Rol::Teamleider]).await;
    let mut tom = t.bezoeker();
    tom.inloggen("tom", PERSONA_WACHTWOORD).await;
    let a = tom.get("/").await;
    assert!(a.testid("runs-wachten").is_some(), "{}", a.tekst);
    assert!(a.bevat(&format!("/betaalruns/{}", run.id)), "{}", a.tekst);
    let mut b = t.bezoeker();
    b.inloggen("fien", PERSONA_WACHTWOORD).await;
    let a = b.get(&format!("/betaalruns/{}", run.id)).await;
    assert!(a.bevat("afbreken_bevestigd"), "{}", a.tekst);
    let versie = run.versie.to_string();
    let a = b
        .post(
            &format!("/betaalruns/{}/afbreken", run.id),
            &[("versie", versie.as_str())],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("niet afgebroken"), "{}", a.tekst);
    let nog = t.app.betaalrun(&fien, run.id).await.unwrap();
    assert_eq!(nog.status, vangnet_domain::betaalrun::Runstatus::Berekend);
    let a = b
        .post(
            &format!("/betaalruns/{}/afbreken", run.id),
            &[("versie", versie.as_str()), ("afbreken_bevestigd", "ja")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let weg = t.app.betaalrun(&fien, run.id).await.unwrap();
    assert_eq!(weg.status, vangnet_domain::betaalrun::Runstatus::Afgebroken);
    // Afgebroken: hij wacht niet meer.
    assert!(tom.get("/").await.testid("runs-wachten").is_none());
    t.opruimen().await;
}
