//! Rechtmatig betalen (issue 20): wat nooit betaald is wordt alsnog betaald en niets twee keer,
//! betaling aan gehuwden (art. 45 lid 4), de overdracht aan de SVB (art. 47a).

use super::*;

/// Issue 20 punt 2 (art. 44 en 45 lid 1 Pw; Awb 4:87; participatiewet-feiten.md §12): een
/// uitkering die drie maanden vóór de eerste run begon, krijgt in die run de maand zelf én de
/// drie maanden ervóór als nabetaling, elk met een eigen regel in het bestand. normen-bronnen.toml
/// periode 2026-07-01: alleenstaande 21+ 1.419,46 incl. vakantietoeslag, na 5 % reservering
/// 1.348,49 per maand. Punt 3: een maand die een run betaalde, betaalt een andere run niet nog
/// eens, in welke volgorde ook.
#[tokio::test]
async fn nooit_betaalde_maanden_worden_nabetaald_en_nooit_twee_keer() {
    let o = opzet().await;
    let eerst_nov = o
        .uitkering("100023757", "2026-08-01", "NL91ABNA0417164300")
        .await;
    o.uitkering("123456782", "2026-08-01", "NL44RABO0123456789")
        .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    let b = o.t.app.betaalrun_beeld(&o.tom, nov).await.unwrap();
    // Beide dossiers: november regulier en augustus, september en oktober als nabetaling.
    assert_eq!(o.totaal(nov, Categorie::Regulier).await, (2, 2 * 134_849));
    assert_eq!(o.totaal(nov, Categorie::Nabetaling).await, (6, 6 * 134_849));
    assert_eq!(b.run.totaal_centen, 8 * 134_849);
    let xml = pain(&o, nov).await;
    assert!(xml.contains("<NbOfTxs>8</NbOfTxs>"), "{xml}");
    assert!(xml.contains("<CtrlSum>10787.92</CtrlSum>"), "{xml}");
    for maand in ["augustus 2026", "september 2026", "oktober 2026"] {
        assert!(
            xml.contains(&format!("Nabetaling bijstand {maand}")),
            "{maand}: {xml}"
        );
    }
    // De specificatie van het dossier noemt de nabetaling met haar grond en de berekening.
    let spec =
        o.t.app
            .betaalspecificatie(&o.anna, eerst_nov)
            .await
            .unwrap();
    let tekst = format!("{spec:?}");
    assert!(
        tekst.contains("augustus 2026 was nog niet betaald"),
        "{tekst}"
    );
    assert!(tekst.contains("art. 4:87 Awb"), "{tekst}");
    // Alle maanden staan nu als betaald.
    let beeld =
        o.t.app
            .uitkering_van_dossier(&o.anna, eerst_nov)
            .await
            .unwrap()
            .unwrap();
    assert!(
        beeld
            .maanden
            .iter()
            .filter(|m| m.maand >= datum(2026, 8, 1) && m.maand <= datum(2026, 11, 1))
            .all(|m| m.betaald_centen == Some(134_849.into())),
        "{:?}",
        beeld.maanden
    );
    // December: alleen december, niets nog eens.
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (2, 2 * 134_849));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (0, 0));
    assert!(pain(&o, dec).await.contains("<NbOfTxs>2</NbOfTxs>"));
    o.t.opruimen().await;
}

/// Issue 20 punt 3, andersom: eerst de run van december (die november als nabetaling betaalt),
/// dan die van november: die betaalt november niet nog eens.
#[tokio::test]
async fn een_latere_run_eerst_betaalt_de_eerdere_maand_niet_dubbel() {
    let o = opzet().await;
    o.uitkering("100023757", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 134_849));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (1, 134_849));
    assert!(pain(&o, dec).await.contains("<NbOfTxs>2</NbOfTxs>"));
    let nov = o.run("2026-11", "2026-11-25").await;
    let b = o.t.app.betaalrun_beeld(&o.tom, nov).await.unwrap();
    assert_eq!(b.run.aantal_betalingen, 0, "{:?}", b.totalen);
    // Twee runs tegelijk berekend: keurt iemand de ene goed, dan moet de andere opnieuw.
    let o2 = opzet().await;
    o2.uitkering("100023757", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let a = betaalrun("2026-12", "2026-12-18")
        .niet_goedkeuren()
        .maak(&o2.t, &o2.fien, &o2.tom)
        .await;
    o2.t.klok.verzet(chrono::Duration::minutes(1));
    o2.run("2026-11", "2026-11-25").await;
    let e =
        o2.t.app
            .betaalrun_goedkeuren(&o2.tom, a.id, a.versie)
            .await
            .unwrap_err();
    assert!(conflict(e).contains("Bereken deze run opnieuw"));
    let a =
        o2.t.app
            .betaalrun_berekenen(&o2.fien, a.id, |_| {})
            .await
            .unwrap();
    assert_eq!(a.aantal_betalingen, 1, "november is al betaald");
    o2.t.app
        .betaalrun_goedkeuren(&o2.tom, a.id, a.versie)
        .await
        .unwrap();
    o.t.opruimen().await;
    o2.t.opruimen().await;
}

/// Issue 20 punten 2 en 8: twee maanden opgeschort (art. 54 lid 1) met een hersteltermijn op een
/// taak (lid 4); het verzuim wordt hersteld en de opschorting opgeheven: de run van de eerste
/// maand zonder opschorting betaalt die maand en de twee vastgehouden maanden.
#[tokio::test]
async fn vastgehouden_maanden_worden_betaald_als_de_reden_weg_is() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-09-01", "NL91ABNA0417164300")
        .await;
    let u = o.uitkering_id(dossier).await;
    o.muteer(
        u,
        MutatieInvoer {
            soort: "opschorting".into(),
            ingangsdatum: "2026-09-01".into(),
            hersteltermijn: "2026-09-15".into(),
            reden: "Gegevens niet geleverd (art. 54 lid 1)".into(),
            ..Default::default()
        },
    )
    .await;
    // Zonder hersteltermijn, of een termijn die niet na de ingang ligt: geweigerd bij het veld.
    for termijn in ["", "2026-09-01"] {
        match o
            .t
            .app
            .mutatie_registreren(
                &o.anna,
                u,
                &MutatieInvoer {
                    soort: "opschorting".into(),
                    ingangsdatum: "2026-09-01".into(),
                    hersteltermijn: termijn.into(),
                    reden: "Gegevens niet geleverd".into(),
                    ..Default::default()
                },
            )
            .await
        {
            Err(AppFout::Ongeldig(v)) => assert!(v.voor("hersteltermijn").is_some(), "{v:?}"),
            e => panic!("{e:?}"),
        }
    }
    // Art. 54 lid 4: de hersteltermijn staat op een taak met die deadline.
    let taken = o.t.app.taken_van_dossier(&o.anna, dossier).await.unwrap();
    let herstel: Vec<_> = taken
        .iter()
        .filter(|t| t.taak.soort == Taaksoort::Hersteltermijn)
        .collect();
    assert_eq!(herstel.len(), 1);
    assert_eq!(herstel[0].taak.deadline, datum(2026, 9, 15));
    assert!(herstel[0].taak.omschrijving.contains("art. 54 lid 4"));
    // Opheffen zonder lopende opschorting kan niet.
    let e =
        o.t.app
            .mutatie_registreren(
                &o.anna,
                u,
                &MutatieInvoer {
                    soort: "opschorting_opgeheven".into(),
                    ingangsdatum: "2026-08-15".into(),
                    reden: "Hersteld".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
    assert!(matches!(e, AppFout::Ongeldig(_)), "{e:?}");
    let sep = o.run("2026-09", "2026-09-25").await;
    assert_eq!(o.totaal(sep, Categorie::Vastgehouden).await.0, 1);
    let okt = o.run("2026-10", "2026-10-23").await;
    // Oktober en de nog vastgehouden september.
    assert_eq!(o.totaal(okt, Categorie::Vastgehouden).await.0, 2);
    assert_eq!(
        o.t.app
            .betaalrun(&o.tom, okt)
            .await
            .unwrap()
            .aantal_betalingen,
        0
    );
    // Het verzuim is hersteld: de opschorting wordt per 1 november opgeheven.
    o.muteer(
        u,
        MutatieInvoer {
            soort: "opschorting_opgeheven".into(),
            ingangsdatum: "2026-11-01".into(),
            reden: "Gegevens alsnog geleverd".into(),
            ..Default::default()
        },
    )
    .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    assert_eq!(o.totaal(nov, Categorie::Regulier).await, (1, 134_849));
    assert_eq!(o.totaal(nov, Categorie::Nabetaling).await, (2, 2 * 134_849));
    let xml = pain(&o, nov).await;
    assert!(xml.contains("<NbOfTxs>3</NbOfTxs>"), "{xml}");
    assert!(xml.contains("Nabetaling bijstand september 2026"), "{xml}");
    assert!(xml.contains("Nabetaling bijstand oktober 2026"), "{xml}");
    o.t.opruimen().await;
}

/// Eindigde de bijstand vóór de eerste run, dan betaalt die run de maanden met bijstand als
/// nabetaling en de vakantietoeslag bij het einde erbij (art. 45 lid 1: binnen drie maanden na
/// het einde). Bijstand augustus en september 2026: reservering 70,97 per maand
/// (normen-bronnen.toml periode 2026-07-01, art21a "# vt 7097").
#[tokio::test]
async fn nooit_betaald_en_al_geeindigd_met_vakantietoeslag() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-08-01", "NL91ABNA0417164300")
        .await;
    let u = o.uitkering_id(dossier).await;
    o.muteer(
        u,
        MutatieInvoer {
            soort: "beeindiging".into(),
            ingangsdatum: "2026-10-01".into(),
            einde_reden: "werk".into(),
            reden: "Werk gevonden".into(),
            ..Default::default()
        },
    )
    .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    assert_eq!(o.totaal(nov, Categorie::Regulier).await, (0, 0));
    assert_eq!(o.totaal(nov, Categorie::Nabetaling).await, (2, 2 * 134_849));
    assert_eq!(
        o.totaal(nov, Categorie::Vakantietoeslag).await,
        (1, 2 * 7_097)
    );
    assert!(pain(&o, nov).await.contains("<NbOfTxs>3</NbOfTxs>"));
    // De volgende run betaalt niets meer.
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(
        o.t.app
            .betaalrun(&o.tom, dec)
            .await
            .unwrap()
            .aantal_betalingen,
        0
    );
    o.t.opruimen().await;
}

/// Issue 20 punt 5: ontbreekt de rekening van de partner, dan kan de helft van de partner niet
/// worden betaald; de maand wordt vastgehouden met die reden (en een taak), en betaald als
/// nabetaling zodra de rekening er is.
#[tokio::test]
async fn zonder_rekening_van_de_partner_vastgehouden_en_later_nabetaald() {
    let o = opzet().await;
    let d = o.paar().await;
    let nov = o.run("2026-11", "2026-11-25").await;
    let b = o.t.app.betaalrun_beeld(&o.tom, nov).await.unwrap();
    assert_eq!(b.run.aantal_betalingen, 0);
    let reden = b.vastgehouden[0].reden.clone().unwrap();
    assert_eq!(
        reden.reden,
        vangnet_domain::betaalrun::Vasthoudreden::GeenRekening
    );
    assert!(reden
        .toelichting
        .is_some_and(|t| t.contains("rekening van de partner ontbreekt")));
    let taken = o.t.app.taken_van_dossier(&o.anna, d.dossier).await.unwrap();
    assert!(taken.iter().any(|t| t.taak.soort == Taaksoort::Betaling));
    o.rekening_partner(d.dossier).await;
    let dec = o.run("2026-12", "2026-12-18").await;
    // December en november, elk voor de helft aan ieder: vier overboekingen van 963,20.
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (2, 192_640));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (2, 192_640));
    let xml = pain(&o, dec).await;
    assert_eq!(xml.matches(">963.20</InstdAmt>").count(), 4, "{xml}");
    o.t.opruimen().await;
}

/// Issue 20 punt 6 (art. 47a Pw; participatiewet-feiten.md §12 "Art 47a", §8a: geboren
/// 16 december 1959 → AOW-leeftijd 67 jaar op 16 december 2026): de gemeentelijke uitkering
/// eindigt die dag. December: 15 van de 31 dagen van 1.419,46 = 686,84, min 5 % reservering
/// (34,34) = 652,50; de vakantietoeslag bij het einde over november en december (70,97 + 34,34).
#[tokio::test]
async fn de_aow_leeftijd_draagt_over_aan_de_svb() {
    let o = opzet().await;
    let mut a = aanvraag("100023757", "2026-11-01", "NL91ABNA0417164300");
    a.aanvrager.geboortedatum = "16-12-1959".into();
    let d = Dossierbouwer::van(a)
        .met_uitkering("2026-11-01")
        .maak(&o.t, &o.clerk, &o.anna)
        .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    assert_eq!(o.totaal(nov, Categorie::Regulier).await, (1, 134_849));
    // De run van november (vandaag 28-11-2026, 60 werkdagen vooruit) maakt de taak
    // "overdracht SVB", met de dag vóór de overdracht als deadline; één keer.
    let overdracht = |taken: Vec<vangnet_app::werk::Taakregel>| {
        taken
            .into_iter()
            .filter(|t| t.taak.soort == Taaksoort::OverdrachtSvb)
            .collect::<Vec<_>>()
    };
    let taken = overdracht(o.t.app.taken_van_dossier(&o.anna, d.dossier).await.unwrap());
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].taak.deadline, datum(2026, 12, 15));
    assert!(taken[0]
        .taak
        .omschrijving
        .contains("per 16-12-2026 is de SVB bevoegd"));
    let dec = o.run("2026-12", "2026-12-15").await;
    assert_eq!(
        overdracht(o.t.app.taken_van_dossier(&o.anna, d.dossier).await.unwrap()).len(),
        1
    );
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 65_250));
    assert_eq!(
        o.totaal(dec, Categorie::Vakantietoeslag).await,
        (1, 7_097 + 3_434)
    );
    let xml = pain(&o, dec).await;
    assert!(xml.contains("<CtrlSum>757.81</CtrlSum>"), "{xml}");
    // Geen maand daarna: de uitkering eindigt op de dag van de overdracht.
    let b =
        o.t.app
            .uitkering_van_dossier(&o.anna, d.dossier)
            .await
            .unwrap()
            .unwrap();
    assert!(b.maanden.iter().all(|m| m.maand <= datum(2026, 12, 1)));
    assert_eq!(b.svb_vanaf, Some(datum(2026, 12, 16)));
    o.t.opruimen().await;
}

/// Issue 20 punt 4 (Awb 4:87: binnen zes weken betalen): een tussentijdse run, op elke dag,
/// betaalt alleen wat verschuldigd is en nog niet betaald (hier september tot en met november,
/// na een besluit met terugwerkende kracht), niet de maand zelf en niet de vakantietoeslag; met
/// dezelfde vier ogen en hetzelfde bestand. De maandrun daarna betaalt alleen haar eigen maand.
#[tokio::test]
async fn tussentijdse_run_betaalt_alleen_wat_openstaat() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-09-01", "NL91ABNA0417164300")
        .await;
    // Het besluit (28-11-2026) maakt september tot en met november verschuldigd: een taak met
    // de termijn van zes weken (9 januari 2027).
    let taken = o.t.app.taken_van_dossier(&o.anna, dossier).await.unwrap();
    let nabetaling: Vec<_> = taken
        .iter()
        .filter(|t| t.taak.soort == Taaksoort::Betaling)
        .collect();
    assert_eq!(nabetaling.len(), 1);
    assert_eq!(nabetaling[0].taak.deadline, datum(2027, 1, 9));
    assert!(nabetaling[0].taak.omschrijving.contains("art. 4:87 Awb"));
    // Een betaaldatum in het verleden kan niet.
    match o
        .t
        .app
        .betaalrun_tussentijds_starten(&o.fien, "2026-11-20")
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(v.voor("betaaldatum").is_some()),
        e => panic!("{e:?}"),
    }
    let id =
        o.t.app
            .betaalrun_tussentijds_starten(&o.fien, "2026-12-01")
            .await
            .unwrap();
    let run =
        o.t.app
            .betaalrun_berekenen(&o.fien, id, |_| {})
            .await
            .unwrap();
    assert!(run.tussentijds);
    // Vier ogen, zoals elke run.
    assert!(o
        .t
        .app
        .betaalrun_goedkeuren(&o.fien, id, run.versie)
        .await
        .is_err());
    o.t.app
        .betaalrun_goedkeuren(&o.tom, id, run.versie)
        .await
        .unwrap();
    assert_eq!(o.totaal(id, Categorie::Regulier).await, (0, 0));
    assert_eq!(o.totaal(id, Categorie::Nabetaling).await, (3, 3 * 134_849));
    let xml = pain(&o, id).await;
    assert!(xml.contains("<NbOfTxs>3</NbOfTxs>"), "{xml}");
    // Nog een tussentijdse run in dezelfde maand mag; er staat niets meer open.
    let tweede = betaalrun_tussentijds(&o, "2026-12-02").await;
    assert_eq!(
        o.t.app
            .betaalrun(&o.tom, tweede)
            .await
            .unwrap()
            .aantal_betalingen,
        0
    );
    // De maandrun van december: alleen december.
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 134_849));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (0, 0));
    o.t.opruimen().await;
}

async fn betaalrun_tussentijds(o: &Opzet, betaaldatum: &str) -> i64 {
    let id =
        o.t.app
            .betaalrun_tussentijds_starten(&o.fien, betaaldatum)
            .await
            .unwrap();
    let run =
        o.t.app
            .betaalrun_berekenen(&o.fien, id, |_| {})
            .await
            .unwrap();
    o.t.app
        .betaalrun_goedkeuren(&o.tom, id, run.versie)
        .await
        .unwrap();
    id
}

/// Nooit twee keer, ook als de tijden niet helpen (twee goedkeuringen op hetzelfde moment): de
/// run van december (met november als nabetaling) en die van november zijn allebei berekend;
/// november wordt goedgekeurd; december weigert dan, want november is intussen betaald.
#[tokio::test]
async fn goedkeuren_weigert_wat_intussen_betaald_is() {
    let o = opzet().await;
    o.uitkering("100023757", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let dec = betaalrun("2026-12", "2026-12-18")
        .niet_goedkeuren()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    let nov = betaalrun("2026-11", "2026-11-25")
        .niet_goedkeuren()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    o.t.app
        .betaalrun_goedkeuren(&o.tom, nov.id, nov.versie)
        .await
        .unwrap();
    let e =
        o.t.app
            .betaalrun_goedkeuren(&o.tom, dec.id, dec.versie)
            .await
            .unwrap_err();
    assert!(conflict(e).contains("intussen betaald (door een andere run)"));
    // Opnieuw berekend: alleen december.
    let dec =
        o.t.app
            .betaalrun_berekenen(&o.fien, dec.id, |_| {})
            .await
            .unwrap();
    assert_eq!(dec.aantal_betalingen, 1);
    o.t.app
        .betaalrun_goedkeuren(&o.tom, dec.id, dec.versie)
        .await
        .unwrap();
    o.t.opruimen().await;
}

/// Het vasthouden om een ontbrekende rekening van de partner geldt per regel: na het vertrek
/// van de partner wordt de maand van de aanvrager alleen betaald; de maand met de partner blijft
/// vastgehouden tot die rekening of een gezamenlijk verzoek er is.
#[tokio::test]
async fn vasthouden_om_de_partner_per_maand() {
    let o = opzet().await;
    let d = o.paar().await;
    let nov = o.run("2026-11", "2026-11-25").await;
    assert_eq!(
        o.t.app
            .betaalrun(&o.tom, nov)
            .await
            .unwrap()
            .aantal_betalingen,
        0
    );
    o.muteer(
        d.uitkering.unwrap(),
        MutatieInvoer {
            soort: "partner_uit".into(),
            ingangsdatum: "2026-12-01".into(),
            bsn: "123456782".into(),
            reden: "Partner vertrokken".into(),
            ..Default::default()
        },
    )
    .await;
    let dec = o.run("2026-12", "2026-12-18").await;
    // December: alleenstaande, helemaal naar de aanvrager; november blijft vastgehouden.
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 134_849));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (0, 0));
    assert_eq!(o.totaal(dec, Categorie::Vastgehouden).await.0, 1);
    o.t.opruimen().await;
}

/// Een mutatie die na het berekenen van een run gaat gelden, verandert haar bedragen: goedkeuren
/// weigert tot de run opnieuw is berekend (anders zou het oude bedrag als betaald gelden).
#[tokio::test]
async fn goedkeuren_weigert_een_run_met_verouderde_feiten() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let u = o.uitkering_id(dossier).await;
    let run = betaalrun("2026-12", "2026-12-18")
        .niet_goedkeuren()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    o.t.klok.verzet(chrono::Duration::minutes(5));
    o.muteer(
        u,
        MutatieInvoer {
            soort: "inkomen_start".into(),
            ingangsdatum: "2026-12-01".into(),
            inkomenssoort: "alimentatie".into(),
            bedrag: "100".into(),
            reden: "Alimentatie".into(),
            ..Default::default()
        },
    )
    .await;
    let e =
        o.t.app
            .betaalrun_goedkeuren(&o.tom, run.id, run.versie)
            .await
            .unwrap_err();
    assert!(conflict(e).contains("mutaties verwerkt"));
    let run =
        o.t.app
            .betaalrun_berekenen(&o.fien, run.id, |_| {})
            .await
            .unwrap();
    // December: 1.419,46 − 100,00 = 1.319,46, min 5 % reservering (65,97) = 1.253,49; en
    // november, nog nooit betaald, als nabetaling (1.348,49).
    assert_eq!(run.totaal_centen, 125_349 + 134_849);
    o.t.app
        .betaalrun_goedkeuren(&o.tom, run.id, run.versie)
        .await
        .unwrap();
    o.t.opruimen().await;
}

/// Issue 22 punt 3: medewerkers werken door terwijl een run rekent. Wordt er na het begin van de
/// berekening een uitkering toegekend, dan staat die niet in de run (en haar voorschot verviel
/// bij het toekennen): goedkeuren weigert tot de run opnieuw is berekend, en dan staat zij erin.
/// Bron: ../shared/domain/participatiewet-feiten.md, "Payment (art 45 lid 1)": bijstand wordt
/// per kalendermaand betaald; en "Art 52 voorschot": het voorschot vervalt met het besluit.
#[tokio::test]
async fn goedkeuren_weigert_als_er_na_het_berekenen_een_uitkering_is_toegekend() {
    let o = opzet().await;
    o.uitkering("100023757", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let run = betaalrun("2026-12", "2026-12-18")
        .niet_goedkeuren()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    o.t.klok.verzet(chrono::Duration::minutes(5));
    o.uitkering("123456782", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let e =
        o.t.app
            .betaalrun_goedkeuren(&o.tom, run.id, run.versie)
            .await
            .unwrap_err();
    assert!(conflict(e).contains("uitkeringen toegekend"));
    let opnieuw =
        o.t.app
            .betaalrun_berekenen(&o.fien, run.id, |_| {})
            .await
            .unwrap();
    assert_eq!(
        opnieuw.aantal_betalingen,
        run.aantal_betalingen + 2,
        "de nieuwe uitkering staat nu in de run (december, en november als nabetaling)"
    );
    o.t.app
        .betaalrun_goedkeuren(&o.tom, opnieuw.id, opnieuw.versie)
        .await
        .unwrap();
    o.t.opruimen().await;
}
