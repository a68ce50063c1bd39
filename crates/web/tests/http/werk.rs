//! De werkvoorraad op het scherm.

use super::*;

/// Werk via de webschil: postcodegebieden inrichten (overlap geweigerd, tekst blijft staan), een
/// nieuw dossier op "Vandaag" van de juiste consulent met zijn deadline, toewijzen door de
/// teamleider, het teamdashboard met CSV, en een taak afronden.
#[tokio::test]
async fn werk_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let systeem = TestApp::systeem();
    let team = t.app.team_aanmaken(&systeem, "Noord", "").await.unwrap();
    for naam in ["anna", "bram"] {
        t.gebruiker(naam, &[Rol::Inkomensconsulent]).await;
        t.app.teamlid(&systeem, team, naam, true).await.unwrap();
    }
    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    fb.get("/werk/inrichting").await;
    let a = fb
        .post(
            "/werk/postcodegebieden",
            &[("gebieden", "3011 3039 Noord\n3030 3099 Noord")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.bevat("overlappen") && a.bevat("3030 3099 Noord"),
        "{}",
        a.tekst
    );
    let a = fb
        .post("/werk/postcodegebieden", &[("gebieden", "3011 3039 Noord")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(fb.get("/werk/inrichting").await.bevat("3011 3039 Noord"));

    let (dossier, nummer) = t
        .app
        .aanvraag_registreren(
            &systeem,
            &vangnet_app::clienten::NieuweAanvraag {
                ontvangen_op: "2026-11-27".into(),
                ..vangnet_testkit::aanvraag("999993653", "Fatima", "El Amrani")
            },
        )
        .await
        .unwrap();
    // Anna (laagste id bij gelijke belasting) ziet het op Vandaag, met de deadlines.
    let mut anna = t.bezoeker();
    anna.inloggen("anna", PERSONA_WACHTWOORD).await;
    let a = anna.get("/").await;
    assert!(a.testid("vandaag").is_some(), "{}", a.tekst);
    assert!(a.bevat(&format!("Dossier {nummer} registreren")) && a.bevat("30-11-2026"));
    assert!(a.bevat("Beslissen op aanvraag") && a.bevat("22-01-2027"));
    let a = anna.get("/?soort=besluit").await;
    assert!(a.bevat("Beslissen op aanvraag") && !a.bevat("registreren en compleet maken"));

    // De teamleider wijst het dossier toe aan Bram.
    t.persona(Rol::Teamleider).await;
    t.app
        .teamlid(&systeem, team, "teamleider", true)
        .await
        .unwrap();
    let mut leider = t.bezoeker();
    leider.inloggen("teamleider", PERSONA_WACHTWOORD).await;
    let pagina = leider.get(&format!("/dossiers/{dossier}")).await;
    assert!(pagina.testid("toewijzen").is_some(), "{}", pagina.tekst);
    let versie = pagina.veldwaarde("dossier_versie").unwrap();
    let bram = t
        .app
        .gebruikers(&systeem)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.gebruikersnaam == "bram")
        .unwrap()
        .id;
    let a = leider
        .post(
            &format!("/dossiers/{dossier}/toewijzen"),
            &[
                ("dossier_versie", &versie),
                ("consulent", &bram.to_string()),
                ("reden", "verlof Anna"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let a = leider.get(&format!("/dossiers/{dossier}")).await;
    assert_eq!(a.testid("consulent").as_deref(), Some("Test bram"));
    // Met een verouderde versie: 409, niets veranderd.
    let a = leider
        .post(
            &format!("/dossiers/{dossier}/toewijzen"),
            &[
                ("dossier_versie", &versie),
                ("consulent", &bram.to_string()),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(anna.get("/").await.testid("geen-taken").is_some());

    // Dashboard en CSV.
    let a = leider.get(&format!("/teams/{team}/werk")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.testid("open-werk").is_some() && a.bevat("Test bram"));
    let a = leider.get(&format!("/teams/{team}/werk.csv")).await;
    assert!(
        a.tekst.starts_with(
            "consulent;Dossier registreren;Beslissen op aanvraag;Voorschot verlenen;totaal;"
        ),
        "{}",
        a.tekst
    );
    assert!(a.tekst.contains("\nTest bram;1;1;1;3;0;"), "{}", a.tekst);
    // Een naam die een spreadsheet als formule zou uitvoeren, wordt tekst (issue 17, punt 14).
    let g = t.app.gebruiker(&systeem, bram).await.unwrap().gebruiker;
    t.app
        .gebruiker_wijzigen(
            &systeem,
            bram,
            &vangnet_app::beheer::GebruikerWijziging {
                volledige_naam: "=HYPERLINK(\"http://boos.example\";\"bram\")".into(),
                rollen: vec!["inkomensconsulent".into()],
                geblokkeerd: false,
                versie: g.versie,
                reden: String::new(),
            },
        )
        .await
        .unwrap();
    let csv = leider.get(&format!("/teams/{team}/werk.csv")).await.tekst;
    assert!(
        csv.contains("\n\"'=HYPERLINK(\"\"http://boos.example\"\";\"\"bram\"\")\";1;"),
        "{csv}"
    );
    t.app
        .gebruiker_wijzigen(
            &systeem,
            bram,
            &vangnet_app::beheer::GebruikerWijziging {
                volledige_naam: "Test bram".into(),
                rollen: vec!["inkomensconsulent".into()],
                geblokkeerd: false,
                versie: g.versie + 1,
                reden: String::new(),
            },
        )
        .await
        .unwrap();

    // Bram rondt de registratietaak af.
    let mut b = t.bezoeker();
    b.inloggen("bram", PERSONA_WACHTWOORD).await;
    b.get("/").await;
    let taken = t.app.taken_van_dossier(&systeem, dossier).await.unwrap();
    let registratie = taken
        .iter()
        .find(|r| r.taak.soort == vangnet_domain::werk::Taaksoort::Registratie)
        .unwrap();
    // Met de hand gereed vraagt een reden (issue 21 punt 10): zonder reden blijft de taak open,
    // en de pagina van de taak toont de melding bij het veld.
    let a = b
        .post(
            &format!("/taken/{}/status", registratie.taak.id),
            &[
                ("versie", &registratie.taak.versie.to_string()),
                ("status", "gereed"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.testid("taak-afronden").is_some() && a.bevat("Geef de reden"),
        "{}",
        a.tekst
    );
    let a = b
        .post(
            &format!("/taken/{}/status", registratie.taak.id),
            &[
                ("versie", &registratie.taak.versie.to_string()),
                ("status", "gereed"),
                ("reden", "Dossier compleet, alle stukken binnen"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let pagina = b.get(&format!("/taken/{}", registratie.taak.id)).await;
    assert!(pagina.bevat("alle stukken binnen"), "{}", pagina.tekst);
    let a = b.get("/").await;
    assert!(!a.bevat("registreren en compleet maken") && a.bevat("Beslissen op aanvraag"));
    // Bram zet het besluit op "wacht op cliënt" vanaf het dossier; de historie toont het.
    let besluit = taken
        .iter()
        .find(|r| r.taak.soort == vangnet_domain::werk::Taaksoort::Besluit)
        .unwrap();
    let a = b
        .post(
            &format!("/taken/{}/status", besluit.taak.id),
            &[
                ("versie", &besluit.taak.versie.to_string()),
                ("status", "wacht_op_client"),
                ("dossier", &dossier.to_string()),
            ],
        )
        .await;
    assert_eq!(
        a.locatie(),
        Some(format!("/dossiers/{dossier}?gedaan=taak-bijgewerkt").as_str())
    );
    let a = b.get(&format!("/dossiers/{dossier}")).await;
    assert!(
        a.bevat(r#"<option value="wacht_op_client" selected>"#),
        "{}",
        a.tekst
    );
    assert!(a.bevat("Status Open → Wacht op cliënt"));
    let taken = t.app.taken_van_dossier(&systeem, dossier).await.unwrap();
    // Anna mag Brams taak niet afronden.
    let besluit = taken
        .iter()
        .find(|r| r.taak.soort == vangnet_domain::werk::Taaksoort::Besluit)
        .unwrap();
    let a = anna
        .post(
            &format!("/taken/{}/status", besluit.taak.id),
            &[
                ("versie", &besluit.taak.versie.to_string()),
                ("status", "gereed"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    // Vijf weken later is het voorschot te laat: de teamleider (opnieuw ingelogd) ziet een
    // melding en zet haar op gelezen.
    t.klok.verzet(Duration::days(35));
    t.app.escaleren(&systeem).await.unwrap();
    let mut leider = t.bezoeker();
    leider.inloggen("teamleider", PERSONA_WACHTWOORD).await;
    let a = leider.get("/").await;
    assert!(
        a.testid("meldingen").is_some() && a.bevat("Te laat: Voorschot beoordelen"),
        "{}",
        a.tekst
    );
    let melding = t.app.meldingen(&TestApp::systeem()).await.unwrap();
    assert!(melding.is_empty(), "het systeem zelf krijgt geen meldingen");
    let id = a
        .tekst
        .split("/meldingen/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let a = leider.post(&format!("/meldingen/{id}/gelezen"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert!(!leider
        .get("/")
        .await
        .bevat(&format!("/meldingen/{id}/gelezen")));
    t.opruimen().await;
}

/// Issue 19, punt 9: de functioneel beheerder houdt de met een feestdag gelijkgestelde dagen bij
/// op de pagina van de inrichting; slechte invoer blijft staan met de fout bij het veld.
#[tokio::test]
async fn gelijkgestelde_dagen_op_het_scherm() {
    let t = TestApp::nieuw().await;
    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    let a = fb.get("/werk/inrichting").await;
    assert!(a.testid("gelijkgestelde-dagen").is_some(), "{}", a.tekst);
    assert!(a.bevat("15-05-2026") && a.bevat("Vrijdag na Hemelvaartsdag"));
    let a = fb
        .post(
            "/werk/gelijkgestelde-dagen",
            &[
                ("datum", "2031-05-31"),
                ("omschrijving", "Brugdag"),
                ("bron", "Stcrt. 2030, 1"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(a.bevat("valt in het weekend"));
    assert_eq!(a.veldwaarde("omschrijving").as_deref(), Some("Brugdag"));
    let a = fb
        .post(
            "/werk/gelijkgestelde-dagen",
            &[
                ("datum", "2031-05-30"),
                ("omschrijving", "Brugdag"),
                ("bron", "Stcrt. 2030, 1"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(fb.get("/werk/inrichting").await.bevat("30-05-2031"));
    let a = fb
        .post("/werk/gelijkgestelde-dagen/2031-05-30/verwijderen", &[])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(!fb.get("/werk/inrichting").await.bevat("30-05-2031"));
    t.opruimen().await;
}
