//! Normtabellen, de proefberekening en de berekening van een dossier.

use super::*;

/// De pagina met normtabellen: iedereen ziet ze; de functioneel beheerder laadt een nieuwe set.
/// Een fout bewaart de geplakte tekst; een goede set toont eerst de gewijzigde bedragen zoals
/// gelezen, en wordt pas geladen met de vingerafdruk van dat voorbeeld (issue 21 punt 1).
#[tokio::test]
async fn normtabellen_bekijken_en_laden() {
    let t = TestApp::nieuw().await;
    let mut c = ingelogd(&t, Rol::Inkomensconsulent).await;
    let a = c.get("/normen").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.testid("normtabel").is_some() && a.bevat("€ 1.401,50") && a.bevat("niet geverifieerd")
    );
    assert!(
        a.testid("normen-laden").is_none(),
        "een consulent laadt niets"
    );

    let mut fb = ingelogd(&t, Rol::FunctioneelBeheerder).await;
    assert!(fb.get("/normen").await.testid("normen-laden").is_some());
    let standaard = include_str!("../../../domain/data/normen.toml");
    let kapot = standaard.replacen("art21b_gehuwden_21_aow = 200213\n", "", 1);
    let a = fb
        .post(
            "/normen/voorbeeld",
            &[("bestandsnaam", "kapot.toml"), ("inhoud", &kapot)],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("art21b_gehuwden_21_aow ontbreekt"), "{}", a.tekst);
    assert!(
        a.bevat("art22a_3a_jonge_partner"),
        "de geplakte tekst blijft staan"
    );
    let goed = standaard.replacen(
        "art21b_gehuwden_21_aow = 200213",
        "art21b_gehuwden_21_aow = 200214",
        1,
    );
    let velden = [("bestandsnaam", "goed.toml"), ("inhoud", goed.as_str())];
    let a = fb.post("/normen/voorbeeld", &velden).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(a.testid("normverschillen").is_some(), "verschillen getoond");
    assert!(a.bevat("<td class=\"getal\">€ 2.002,13</td><td class=\"getal\">€ 2.002,14</td>"));
    assert!(
        !c.get("/normen").await.bevat("goed.toml"),
        "het voorbeeld laadt niets"
    );
    // Laden zonder voorbeeld, of met een bestand dat na het voorbeeld is gewijzigd: opnieuw het
    // voorbeeld, niets geladen.
    let a = fb.post("/normen", &velden).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.testid("opnieuw-controleren").is_some() && a.testid("normverschillen").is_some());
    let anders = goed.replacen("200214", "200215", 1);
    let oude_afdruk = crate::vingerafdruk(&mut fb, "/normen/voorbeeld", &velden).await;
    let a = fb
        .post(
            "/normen",
            &[
                ("bestandsnaam", "goed.toml"),
                ("inhoud", &anders),
                ("gecontroleerd", &oude_afdruk),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("€ 2.002,15"), "het nieuwe voorbeeld");
    assert!(!c.get("/normen").await.bevat("goed.toml"));
    let a = crate::na_voorbeeld(&mut fb, "/normen/voorbeeld", "/normen", &velden).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(c.get("/normen").await.bevat("goed.toml"));
    // De herberekening is met de lading als job aangemeld: de pagina toont haar wachtend; een
    // werker (in de server: `jobs_verwerken`) doet haar, daarna toont de pagina de uitkomst.
    assert!(fb.get("/normen").await.bevat("0 van 0 uitkeringen"));
    let genomen = t.app.job_draaien(None, |_| {}).await.unwrap();
    assert!(genomen.is_some(), "de herberekening stond in de rij");
    let fb_ctx = vangnet_app::Context::nieuw(vangnet_app::Actor::Systeem { via: "test" }, "test");
    let job = t
        .app
        .jobs_van(&fb_ctx, Some("normen"))
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        job.einde,
        Some(Ok(
            "0 uitkeringen herberekend; 0 met een ander bedrag in 0 maanden, totaal € 0,00".into()
        ))
    );
    assert!(fb
        .get("/normen")
        .await
        .testid("herberekening-klaar")
        .is_some());
    t.opruimen().await;
}

#[tokio::test]
async fn proefberekening_en_berekening_van_een_dossier() {
    let t = TestApp::nieuw().await;
    let mut b = ingelogd(&t, Rol::Inkomensconsulent).await;
    // Het voorbeeld van contracts/bereken.md: uitbetaling 903,92.
    let a = b
        .get("/proefberekening?maand=2026-01&aanvrager=1988-04-12&arbeid=600&vrijlating_vanaf=2026-01-01")
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("€ 903,92") && a.bevat("art. 31 lid 2 onderdeel n Participatiewet"),
        "{}",
        a.tekst
    );
    let a = b
        .get("/proefberekening?maand=2026-01&aanvrager=gisteren&arbeid=-5")
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("geen bestaande datum") && a.bevat("Een bedrag kan niet negatief zijn."));
    assert_eq!(
        a.veldwaarde("arbeid").as_deref(),
        Some("-5"),
        "het formulier houdt wat er getypt was"
    );
    let a = b
        .get("/proefberekening?maand=2020-01&aanvrager=1988-04-12")
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("valt buiten alle normtabellen"));
    // Een maand na de laatste normtabel (§12): geweigerd, met de periode die ontbreekt.
    let a = b
        .get("/proefberekening?maand=2027-01&aanvrager=1988-04-12")
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("Laad de normtabel per 01-01-2027"), "{}", a.tekst);
    // Alleenstaande ouder (35, kind van 4) met vrijlating r: 12,5 % van 1.000,00 = 125,00.
    let a = b
        .get("/proefberekening?maand=2026-03&aanvrager=1990-05-05&kinderen=1&jongste_kind=2021-09-01&arbeid=1000&vrijlating_ouder_vanaf=2026-01-01")
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("art. 31 lid 2 onderdeel r Participatiewet") && a.bevat("€ 125,00"),
        "{}",
        a.tekst
    );
    // Ieder zijn eigen vrijlating (§12): de partner van 44 met 1.000,00 en een eigen vrijlating:
    // 250,00 vrij, in de uitleg op naam van de partner.
    let a = b
        .get("/proefberekening?maand=2026-03&aanvrager=1980-01-01&partner=1982-01-01&arbeid_partner=1000&vrijlating_partner_vanaf=2026-01-01")
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.bevat("uit arbeid van de partner") && a.bevat("€ 250,00"),
        "{}",
        a.tekst
    );
    // Zonder partner: het veld van de partner wordt geweigerd en behoudt wat er stond.
    let a = b
        .get("/proefberekening?maand=2026-03&aanvrager=1980-01-01&arbeid_partner=1000")
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.bevat("Er is geen partner ingevuld"), "{}", a.tekst);
    assert_eq!(a.veldwaarde("arbeid_partner").as_deref(), Some("1000"));
    // Jongere zonder beroep op de ouders: 345,99 + 746,45 (art. 20 lid 3).
    let a = b
        .get("/proefberekening?maand=2026-03&aanvrager=2006-06-01&geen_beroep_aanvrager=ja")
        .await;
    assert!(
        a.bevat("art. 20 lid 3 Participatiewet") && a.bevat("€ 746,45"),
        "{}",
        a.tekst
    );

    // Een dossier: paar met kind en een volwassen medebewoner (kostendeler), november 2026:
    // tweemaal de kostendelersnorm A = 3 van 2.027,79 (normen-bronnen.toml 2026-07-01: 878,71).
    // Ontvangen op 2 november: bijstand over 29 van de 30 dagen.
    b.get("/dossiers/nieuw").await;
    // Een melding na de ontvangst: geweigerd bij het veld, wat getypt is blijft staan.
    let a = b
        .post(
            "/dossiers",
            &[
                ("ontvangen_op", "2026-11-02"),
                ("gemeld_op", "2026-11-05"),
                ("aanvrager.bsn", "111222333"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.tekst);
    assert!(
        a.bevat("De melding ligt na de ontvangst") && a.bevat("value=\"2026-11-05\""),
        "{}",
        a.tekst
    );
    let a = b
        .post(
            "/dossiers",
            &[
                ("ontvangen_op", "2026-11-02"),
                ("aanvrager.bsn", "111222333"),
                ("aanvrager.voornamen", "Jan"),
                ("aanvrager.geslachtsnaam", "Vries"),
                ("aanvrager.voorvoegsel", "de"),
                ("aanvrager.geboortedatum", "01-05-1985"),
                ("straat", "Zwaanshals"),
                ("huisnummer", "12"),
                ("postcode", "3035KS"),
                ("woonplaats", "Rotterdam"),
                ("aantal_leden", "3"),
                ("lid1.rol", "partner:gehuwd"),
                ("lid1.bsn", "123456782"),
                ("lid1.voornamen", "Elif"),
                ("lid1.geslachtsnaam", "Yilmaz"),
                ("lid1.geboortedatum", "20-07-1987"),
                ("lid2.rol", "kind"),
                ("lid2.bsn", "100000009"),
                ("lid2.voornamen", "Noor"),
                ("lid2.geslachtsnaam", "Vries"),
                ("lid2.geboortedatum", "03-09-2015"),
                ("lid3.rol", "medebewoner:familie"),
                ("lid3.bsn", "100000010"),
                ("lid3.voornamen", "Henk"),
                ("lid3.geslachtsnaam", "Bakker"),
                ("lid3.geboortedatum", "11-11-1958"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    let dossier = a.locatie().unwrap().split('?').next().unwrap().to_owned();
    let a = b.get(&format!("{dossier}/berekening?maand=2026-11")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert_eq!(a.testid("norm").as_deref(), Some("€ 1.757,42"));
    assert!(a.bevat("art. 22a lid 1 en lid 2 Participatiewet"));
    assert!(a.bevat("Bijstand over 29 van de 30 dagen"), "{}", a.tekst);
    let a = b.get(&format!("{dossier}/berekening?maand=2026-12")).await;
    assert!(!a.bevat("van de 31 dagen"), "december is een hele maand");
    assert_eq!(a.testid("norm").as_deref(), Some("€ 1.757,42"));
    let a = b.get(&format!("{dossier}/berekening?maand=2026-10")).await;
    assert_eq!(
        a.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "vóór de aanvraag hoorde er niemand bij"
    );
    let a = b.get(&format!("{dossier}/berekening?maand=nov")).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    t.opruimen().await;
}

/// De pagina met jobs (issue 22 punt 1): wie het werk mag doen, ziet en stopt de herberekening;
/// nog eens stoppen geeft een duidelijke melding en verandert niets; een onbekende job geeft 404
/// en een consulent mag niets stoppen.
#[tokio::test]
async fn jobs_zien_stoppen_en_opnieuw() {
    let t = TestApp::nieuw().await;
    let fb_ctx = t.persona(Rol::FunctioneelBeheerder).await;
    let nieuw = include_str!("../../../domain/data/normen.toml").replacen(
        "art21b_gehuwden_21_aow = 200213",
        "art21b_gehuwden_21_aow = 200214",
        1,
    );
    let job = t
        .app
        .normen_laden(&fb_ctx, "normen.toml", &nieuw)
        .await
        .unwrap()
        .job;
    let mut fb = t.bezoeker();
    fb.inloggen(
        vangnet_testkit::persona(Rol::FunctioneelBeheerder),
        PERSONA_WACHTWOORD,
    )
    .await;
    let a = fb.get("/jobs").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    assert!(
        a.testid(&format!("job-annuleren-{job}")).is_some(),
        "{}",
        a.tekst
    );
    let pad = format!("/jobs/{job}/annuleren");
    assert_eq!(fb.post(&pad, &[]).await.status, StatusCode::SEE_OTHER);
    let a = fb.post(&pad, &[]).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(
        a.testid("job-conflict").is_some() && a.bevat("al afgelopen"),
        "{}",
        a.tekst
    );
    assert_eq!(
        fb.post("/jobs/999999/opnieuw", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let mut consulent = ingelogd(&t, Rol::Inkomensconsulent).await;
    assert!(consulent.get("/jobs").await.testid("geen-jobs").is_some());
    assert_eq!(
        consulent
            .post(&format!("/jobs/{job}/opnieuw"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let a = fb.post(&format!("/jobs/{job}/opnieuw"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    assert!(t.app.job_draaien(None, |_| {}).await.unwrap().is_some());
    assert!(fb.get("/jobs").await.testid("job-klaar").is_some());
    t.opruimen().await;
}
