//! Een uitkering toekennen: het begin tegen de melding (art. 44 lid 1), het voorbeeld per maand
//! en vier ogen bij een nabetaling boven de drempel (issue 20 punt 10, issue 21 punt 2).

use crate::uitkeringen::aanvraag;
use vangnet_app::uitkeringen::Toekenning;
use vangnet_app::AppFout;
use vangnet_domain::Rol;
use vangnet_testkit::{veldfout, TestApp};

fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Issue 20 punt 10 (art. 44 lid 1 Pw; participatiewet-feiten.md §12 "Art 44 lid 1 / lid 5"):
/// de dag van de melding staat op het dossier; de bijstand gaat niet eerder in, tenzij de
/// consulent een bijzondere reden noemt, en die staat dan in de grondslag van het besluit.
#[tokio::test]
async fn begin_niet_voor_de_melding_tenzij_om_bijzondere_redenen() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    // Een melding na de ontvangst kan niet.
    let mut a = aanvraag();
    a.ontvangen_op = "2026-11-10".into();
    a.gemeld_op = "2026-11-12".into();
    let e = t.app.aanvraag_registreren(&clerk, &a).await.unwrap_err();
    assert!(veldfout(e, "gemeld_op").contains("na de ontvangst"));
    a.gemeld_op = "2026-11-03".into();
    let (dossier, _) = t.app.aanvraag_registreren(&clerk, &a).await.unwrap();
    let d = t.app.dossier(&anna, dossier, None, None).await.unwrap();
    assert_eq!(d.dossier.gemeld_op, self::d("2026-11-03"));
    // Vóór de melding zonder reden: geweigerd, met de datum en het artikel.
    let e = t
        .app
        .uitkering_toekennen(
            &anna,
            dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-01",
                inhoud: "Algemene bijstand",
                bijzondere_reden: " ",
            },
        )
        .await
        .unwrap_err();
    let melding = veldfout(e, "begindatum");
    assert!(
        melding.contains("03-11-2026") && melding.contains("art. 44 lid 1"),
        "{melding}"
    );
    // Met een bijzondere reden wel, met vier ogen (issue 21 punt 2); het besluit noemt haar.
    let voorstel = match t
        .app
        .uitkering_toekennen(
            &anna,
            dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-01",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "Opgenomen in het ziekenhuis, kon zich niet eerder melden",
            },
        )
        .await
        .unwrap()
    {
        Toekenning::Voorgelegd(v) => v,
        x => panic!("vóór de melding vraagt vier ogen: {x:?}"),
    };
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    t.app
        .toekenning_beoordelen(&bram, voorstel, 1, true, "")
        .await
        .unwrap();
    let b = t
        .app
        .uitkering_van_dossier(&anna, dossier)
        .await
        .unwrap()
        .unwrap();
    assert!(
        b.uitkering
            .grondslag
            .contains("vóór de melding van 03-11-2026")
            && b.uitkering.grondslag.contains("ziekenhuis"),
        "{}",
        b.uitkering.grondslag
    );
    // Zonder melding vóór de ontvangst is de melding de dag van ontvangst.
    let mut a = aanvraag();
    a.aanvrager.bsn = "123456782".into();
    a.ontvangen_op = "2026-11-10".into();
    let (dossier, _) = t.app.aanvraag_registreren(&clerk, &a).await.unwrap();
    let e = t
        .app
        .uitkering_toekennen(
            &anna,
            dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-09",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap_err();
    veldfout(e, "begindatum");
    t.app
        .uitkering_toekennen(
            &anna,
            dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-10",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    t.opruimen().await;
}

/// Issue 21 punt 2: een toekenning toont eerst wat zij betaalt, en vraagt vier ogen als de
/// nabetaling over eerdere maanden boven de drempel ligt (€ 500,00, zoals bij een mutatie).
/// Wie voorlegde, keurt niet zelf goed; afwijzen vraagt een reden en geeft een nieuwe taak
/// "beslissen"; pas bij goedkeuren is er een uitkering, met beide namen in het besluit.
#[tokio::test]
async fn toekennen_met_voorbeeld_en_vier_ogen() {
    use vangnet_app::uitkeringen::Toekenningsinvoer;
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    let mut a = aanvraag();
    a.ontvangen_op = "2026-09-01".into();
    let (dossier, _) = t.app.aanvraag_registreren(&clerk, &a).await.unwrap();
    // Een tikfout in het jaar: vóór de melding (geweigerd) en ver vooruit (geweigerd).
    for (begin, tekst) in [
        ("2020-01-01", "art. 44 lid 1"),
        ("2027-02-01", "31-12-2026"),
    ] {
        let invoer = Toekenningsinvoer {
            begindatum: begin,
            inhoud: "Algemene bijstand",
            bijzondere_reden: "",
        };
        let e = t
            .app
            .toekenning_voorbeeld(&anna, dossier, &invoer)
            .await
            .unwrap_err();
        assert!(veldfout(e, "begindatum").contains(tekst), "{begin}");
    }
    let invoer = Toekenningsinvoer {
        begindatum: "2026-09-01",
        inhoud: "Algemene bijstand",
        bijzondere_reden: "",
    };
    let v = t
        .app
        .toekenning_voorbeeld(&anna, dossier, &invoer)
        .await
        .unwrap();
    // September, oktober en november (de testklok staat op 28-11-2026), elk de norm voor een
    // alleenstaande min de reservering; de nabetaling is september en oktober.
    let maanden: Vec<_> = v
        .maanden
        .iter()
        .map(|(m, _)| m.format("%Y-%m").to_string())
        .collect();
    assert_eq!(maanden, ["2026-09", "2026-10", "2026-11"]);
    let per_maand = *v.maanden[0].1.as_ref().unwrap();
    assert!(per_maand > 100_000, "{per_maand}");
    assert_eq!(v.nabetaling, 2 * per_maand);
    assert_eq!(v.totaal, 3 * per_maand);
    assert!(v
        .vier_ogen
        .as_deref()
        .unwrap_or_default()
        .contains("boven de drempel"));
    assert!(v.uitleg.is_some());
    // Toekennen legt voor: nog geen uitkering, een goedkeuringstaak voor het team.
    let voorstel = match t
        .app
        .uitkering_toekennen(&anna, dossier, &invoer)
        .await
        .unwrap()
    {
        Toekenning::Voorgelegd(id) => id,
        x => panic!("{x:?}"),
    };
    assert!(t
        .app
        .uitkering_van_dossier(&anna, dossier)
        .await
        .unwrap()
        .is_none());
    // Een tweede keer voorleggen kan niet zolang er een wacht.
    let e = t
        .app
        .uitkering_toekennen(&anna, dossier, &invoer)
        .await
        .unwrap_err();
    assert!(veldfout(e, "begindatum").contains("wacht al"));
    // Niet de eigen toekenning; afwijzen vraagt een reden.
    let e = t
        .app
        .toekenning_beoordelen(&anna, voorstel, 1, true, "")
        .await
        .unwrap_err();
    assert!(veldfout(e, "beoordeling").contains("eigen toekenning"));
    let b = t
        .app
        .toekenning_ter_beoordeling(&bram, voorstel)
        .await
        .unwrap();
    assert!(b.niet_beoordelen.is_none());
    assert_eq!(b.voorbeeld.as_ref().unwrap().nabetaling, 2 * per_maand);
    let e = t
        .app
        .toekenning_beoordelen(&bram, voorstel, 1, false, " ")
        .await
        .unwrap_err();
    veldfout(e, "reden");
    // Een te lange reden: geweigerd, niet stil ingekort.
    let e = t
        .app
        .toekenning_beoordelen(&bram, voorstel, 1, false, &"x".repeat(501))
        .await
        .unwrap_err();
    assert!(veldfout(e, "reden").contains("500"));
    // Afgewezen: geen uitkering, anna krijgt een taak om opnieuw te beslissen.
    t.app
        .toekenning_beoordelen(&bram, voorstel, 1, false, "Begin is 15 september")
        .await
        .unwrap();
    assert!(t
        .app
        .uitkering_van_dossier(&anna, dossier)
        .await
        .unwrap()
        .is_none());
    let e = t
        .app
        .toekenning_beoordelen(&bram, voorstel, 2, true, "")
        .await
        .unwrap_err();
    assert!(matches!(e, AppFout::Conflict(_)), "{e:?}");
    // Opnieuw, nu goedgekeurd: de uitkering is er, met beide namen.
    let invoer = Toekenningsinvoer {
        begindatum: "2026-09-15",
        ..invoer
    };
    let voorstel = match t
        .app
        .uitkering_toekennen(&anna, dossier, &invoer)
        .await
        .unwrap()
    {
        Toekenning::Voorgelegd(id) => id,
        x => panic!("{x:?}"),
    };
    let id = t
        .app
        .toekenning_beoordelen(&bram, voorstel, 1, true, "")
        .await
        .unwrap();
    let u = t
        .app
        .uitkering_van_dossier(&anna, dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Some(u.uitkering.id), id);
    assert!(
        u.uitkering.besluit_door.contains("anna") && u.uitkering.besluit_door.contains("bram"),
        "{}",
        u.uitkering.besluit_door
    );
    // Binnen de maand (geen nabetaling): direct toegekend.
    let mut a = aanvraag();
    a.aanvrager.bsn = "123456782".into();
    a.ontvangen_op = "2026-11-10".into();
    let (dossier, _) = t.app.aanvraag_registreren(&clerk, &a).await.unwrap();
    let invoer = Toekenningsinvoer {
        begindatum: "2026-11-10",
        inhoud: "Algemene bijstand",
        bijzondere_reden: "",
    };
    assert!(matches!(
        t.app
            .uitkering_toekennen(&anna, dossier, &invoer)
            .await
            .unwrap(),
        Toekenning::Toegekend(_)
    ));
    t.opruimen().await;
}

/// Issue 21 punt 10: de taak "mutatie verwerken" gaat op gereed met het registreren van de
/// mutatie (de taak die het formulier meegaf, of de enige open), niet met een klik; met de hand
/// afronden vraagt een reden.
#[tokio::test]
async fn mutatietaak_klaar_door_de_mutatie() {
    use vangnet_domain::werk::{Taaksoort, Taakstatus};
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let mut a = aanvraag();
    a.ontvangen_op = "2026-11-10".into();
    let d = vangnet_testkit::Dossierbouwer::van(a)
        .met_uitkering("2026-11-10")
        .maak(&t, &clerk, &anna)
        .await;
    // Twee gemelde wijzigingen als taken "mutatie verwerken" (zoals de demo ze heeft).
    let mut taken = Vec::new();
    for w in ["Inkomen gewijzigd", "Nieuw adres"] {
        let id = t
            .app
            .taak_aanmaken(&anna, w, "2026-12-10", Some(d.dossier), false)
            .await
            .unwrap();
        t.testdb
            .db
            .ruwe_sql(&format!(
                "UPDATE taken SET soort = 'mutatie' WHERE id = {id}"
            ))
            .await
            .unwrap();
        taken.push(id);
    }
    let inkomen = vangnet_app::uitkeringen::MutatieInvoer {
        soort: "inkomen_start".into(),
        ingangsdatum: "2026-11-15".into(),
        inkomenssoort: "alimentatie".into(),
        bedrag: "50".into(),
        reden: "Bankafschrift".into(),
        taak: Some(taken[0]),
        ..Default::default()
    };
    let u = d.uitkering.unwrap();
    t.app.mutatie_registreren(&anna, u, &inkomen).await.unwrap();
    let status = |id: i64, lijst: &[vangnet_app::werk::Taakregel]| {
        lijst.iter().find(|r| r.taak.id == id).unwrap().taak.status
    };
    let lijst = t.app.taken_van_dossier(&anna, d.dossier).await.unwrap();
    assert_eq!(status(taken[0], &lijst), Taakstatus::Gereed);
    assert_eq!(status(taken[1], &lijst), Taakstatus::Open);
    // Zonder taak: de enige open taak van die soort.
    let adres = vangnet_app::uitkeringen::MutatieInvoer {
        soort: "adres".into(),
        ingangsdatum: "2026-11-20".into(),
        straat: "Coolsingel".into(),
        huisnummer: "40".into(),
        postcode: "3011 AD".into(),
        woonplaats: "Rotterdam".into(),
        reden: "Verhuisbericht".into(),
        ..Default::default()
    };
    t.app.mutatie_registreren(&anna, u, &adres).await.unwrap();
    let lijst = t.app.taken_van_dossier(&anna, d.dossier).await.unwrap();
    assert_eq!(status(taken[1], &lijst), Taakstatus::Gereed);
    assert!(lijst
        .iter()
        .all(|r| r.taak.soort != Taaksoort::Mutatie || r.taak.status == Taakstatus::Gereed));
    t.opruimen().await;
}
