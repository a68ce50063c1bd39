//! Voorschotten (art. 52 Pw, issue 20 punt 11): verlenen of weigeren zolang niet besloten is,
//! betalen in de volgende run (in het pain.001-bestand), en verrekenen bij het toekennen met het
//! verschil als nabetaling of vordering. Bron: participatiewet-feiten.md §4 (art. 52) en de
//! wettekst in bronnen/participatiewet-BWBR0015703-2026-01-01.xml, art. 52 lid 1, 2 en 4.

use super::*;
use vangnet_app::voorschotten::Voorschotinvoer;
use vangnet_domain::voorschot::{Besluit, Status};

fn verleen(volgnummer: i64) -> Voorschotinvoer {
    Voorschotinvoer {
        besluit: Besluit::Verleend.code().into(),
        volgnummer,
        ..Default::default()
    }
}

/// Een aanvraag (ontvangen en gemeld 2 november 2026) zonder besluit.
async fn aanvraag_zonder_besluit(o: &Opzet, bsn: &str, iban: &str) -> i64 {
    Dossierbouwer::van(aanvraag(bsn, "2026-11-02", iban))
        .maak(&o.t, &o.clerk, &o.anna)
        .await
        .dossier
}

/// De bijstand van november 2026 zoals de uitkering hem na het toekennen berekent (zonder
/// vakantietoeslag: die wordt gereserveerd).
async fn maandbedrag(o: &Opzet, dossier: i64, maand: chrono::NaiveDate) -> i64 {
    let b =
        o.t.app
            .uitkering_van_dossier(&o.anna, dossier)
            .await
            .unwrap()
            .unwrap();
    b.maanden
        .iter()
        .find(|m| m.maand == maand)
        .map(|m| m.berekend_centen.centen())
        .unwrap()
}

/// Art. 52 lid 1 en 2: het eerste voorschot gaat over de maand van de melding, is uiterlijk
/// vier weken na de aanvraag te betalen en is ten minste 95 % van de bijstand (naar boven op de
/// cent). De run betaalt het (een eigen regel in het pain.001-bestand) en niet nog eens; na het
/// besluit wordt het verrekend (lid 4): een voorschot berekend met een inkomen dat er niet bleek
/// te zijn, geeft een nabetaling van het verschil in de volgende run.
#[tokio::test]
async fn voorschot_betaald_en_bij_toekenning_verrekend_met_nabetaling() {
    let o = opzet().await;
    let d = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let beeld =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    let v = beeld.volgende.expect("een volgend voorschot");
    assert_eq!(v.volgnummer, 1);
    assert_eq!(v.maand, datum(2026, 11, 1));
    assert_eq!(v.uiterlijk, datum(2026, 11, 30), "2-11 + 4 weken");
    let bijstand = v.bijstand_centen.unwrap();
    assert!(bijstand > 100_000, "{bijstand}");
    assert_eq!(v.minimum_centen, Some((bijstand * 95 + 99) / 100));

    // Verleend met een bekend inkomen van € 300 (overig): 95 % van de lagere bijstand.
    let rij =
        o.t.app
            .voorschot_vastleggen(
                &o.anna,
                d,
                &Voorschotinvoer {
                    inkomen: "300,00".into(),
                    inkomenssoort: "overig".into(),
                    ..verleen(1)
                },
            )
            .await
            .unwrap();
    assert_eq!(rij.status, Status::TeBetalen);
    let voorschot = rij.bedrag_centen.centen();
    // Het inkomen telt over de dagen met bijstand: 2 t/m 30 november, 29/30 × € 300 = € 290.
    assert_eq!(rij.bijstand_centen.centen(), bijstand - 29_000);
    assert_eq!(voorschot, ((bijstand - 29_000) * 95 + 99) / 100);
    // De taak voor het volgende voorschot, uiterlijk 4 weken later (28-12-2026).
    let taken = o.t.app.taken_van_dossier(&o.anna, d).await.unwrap();
    let open: Vec<_> = taken
        .iter()
        .filter(|t| t.taak.soort == Taaksoort::Voorschot && t.taak.status != Taakstatus::Gereed)
        .collect();
    assert_eq!(open.len(), 1, "{taken:?}");
    assert_eq!(open[0].taak.deadline, datum(2026, 12, 28));
    // Hetzelfde volgnummer nog eens: een conflict, niets dubbel.
    assert!(conflict(
        o.t.app
            .voorschot_vastleggen(&o.anna, d, &verleen(1))
            .await
            .unwrap_err()
    )
    .contains("al besloten"));

    // De run van november betaalt het voorschot, met een eigen kenmerk en omschrijving.
    let nov = o.run("2026-11", "2026-11-30").await;
    assert_eq!(o.totaal(nov, Categorie::Voorschot).await, (1, voorschot));
    let xml = pain(&o, nov).await;
    assert!(xml.contains("<NbOfTxs>1</NbOfTxs>"), "{xml}");
    assert!(xml.contains("Voorschot 1 bijstand november 2026"), "{xml}");
    assert!(
        xml.contains(&format!(
            "<InstdAmt Ccy=\"EUR\">{}.{:02}</InstdAmt>",
            voorschot / 100,
            voorschot % 100
        )),
        "{xml}"
    );
    let na =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    assert_eq!(na.voorschotten[0].voorschot.status, Status::Betaald);
    assert_eq!(na.voorschotten[0].voorschot.betaald_run_id, Some(nov));
    // Een tussentijdse run betaalt het niet nog eens.
    let tussen = vangnet_testkit::betaalrun("2026-11", "2026-11-30")
        .tussentijds()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    assert_eq!(o.totaal(tussen.id, Categorie::Voorschot).await, (0, 0));

    // Het besluit: bijstand vanaf de melding, zonder inkomen. November is met het voorschot
    // betaald; het verschil wordt een nabetaling in de run van december.
    o.t.app
        .uitkering_toekennen(
            &o.anna,
            d,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let na =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    assert_eq!(na.voorschotten[0].voorschot.status, Status::Verrekend);
    assert!(na.volgende.is_none());
    assert!(na.geen_volgende.unwrap().contains("besloten"));
    let november = maandbedrag(&o, d, datum(2026, 11, 1)).await;
    let verschil = november - voorschot;
    assert!(verschil > 0, "{november} − {voorschot}");
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (1, verschil));
    assert_eq!(o.totaal(dec, Categorie::Voorschot).await, (0, 0));
    let xml = pain(&o, dec).await;
    assert!(
        xml.contains(&format!(
            "<InstdAmt Ccy=\"EUR\">{}.{:02}</InstdAmt>",
            verschil / 100,
            verschil % 100
        )),
        "{xml}"
    );
    let spec = o.t.app.betaalspecificatie(&o.anna, d).await.unwrap();
    let tekst = format!("{spec:?}");
    assert!(
        tekst.contains("Verrekening met het voorschot over november 2026"),
        "{tekst}"
    );
    assert!(tekst.contains("art. 52 lid 4"), "{tekst}");
    o.t.opruimen().await;
}

/// Art. 52 lid 4 en art. 58 lid 2 onder d: een voorschot hoger dan de bijstand die er na het
/// besluit over die maand blijkt te zijn, laat een te veel betaald bedrag na (een vordering te
/// beoordelen, met een taak); en een voorschot over een maand vóór de toegekende start is
/// helemaal te veel betaald.
#[tokio::test]
async fn te_hoog_voorschot_wordt_een_vordering() {
    let o = opzet().await;
    let d = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let v =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap()
            .volgende
            .unwrap();
    let bijstand = v.bijstand_centen.unwrap();
    // Hoger dan de bijstand mag niet; lager dan 95 % ook niet.
    for (bedrag, melding) in [
        (bijstand + 1, "hoogstens de bijstand"),
        (v.minimum_centen.unwrap() - 1, "ten minste"),
    ] {
        let e =
            o.t.app
                .voorschot_vastleggen(
                    &o.anna,
                    d,
                    &Voorschotinvoer {
                        bedrag: format!("{},{:02}", bedrag / 100, bedrag % 100),
                        ..verleen(1)
                    },
                )
                .await
                .unwrap_err();
        match e {
            AppFout::Ongeldig(f) => assert!(f.voor("bedrag").unwrap().contains(melding)),
            e => panic!("{e:?}"),
        }
    }
    // De hele bijstand (incl. de vakantietoeslag van de maand) als voorschot.
    o.t.app
        .voorschot_vastleggen(
            &o.anna,
            d,
            &Voorschotinvoer {
                bedrag: format!("{},{:02}", bijstand / 100, bijstand % 100),
                reden: "Hoger voorschot wegens huurachterstand".into(),
                ..verleen(1)
            },
        )
        .await
        .unwrap();
    o.run("2026-11", "2026-11-30").await;
    // Toegekend pas vanaf 16 november: november telt maar voor een deel. De bijstand eindigt per
    // 1 januari (werk), zodat december de vakantietoeslag betaalt.
    o.t.app
        .uitkering_toekennen(
            &o.anna,
            d,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-16",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let u = o.uitkering_id(d).await;
    o.beeindig(u, "2027-01-01").await;
    let november = maandbedrag(&o, d, datum(2026, 11, 1)).await;
    assert!(november < bijstand);
    // Het voorschot gaat eerst af van de uitbetaling van november, dan van de vakantietoeslag
    // die in november wordt gereserveerd; alleen wat daarboven ligt, is te veel betaald.
    let beeld =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    let vt_nov = beeld.voorschotten[0]
        .voorschot
        .vakantietoeslag_centen
        .centen();
    assert!(vt_nov > 0 && vt_nov < 7_097, "{vt_nov}");
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(
        o.totaal(dec, Categorie::Vordering).await,
        (1, november + vt_nov - bijstand)
    );
    // De vakantietoeslag bij het einde: over 16 november t/m december, min wat het voorschot al
    // voorschoot: alleen die van december (€ 70,97, normen-bronnen.toml 2026-07-01).
    assert_eq!(o.totaal(dec, Categorie::Vakantietoeslag).await, (1, 7_097));
    let taken = o.t.app.taken_van_dossier(&o.anna, d).await.unwrap();
    assert!(taken.iter().any(|t| t.taak.soort == Taaksoort::Vordering));
    let vorderingen = o.t.app.vorderingen_van_dossier(&o.anna, d).await.unwrap();
    assert_eq!(vorderingen.len(), 1);
    assert_eq!(
        vorderingen[0].bedrag_centen.centen(),
        bijstand - november - vt_nov
    );
    assert_eq!(vorderingen[0].status, Vorderingstatus::TeBeoordelen);
    o.t.opruimen().await;
}

/// Art. 52 lid 1 onder a en b: een weigering heeft een grond en een reden en wordt niet betaald;
/// een voorschot over een maand die nog niet begon, kan nog niet; een nog niet betaald voorschot
/// vervalt bij het besluit, en een run die het al had berekend, moet opnieuw rekenen.
#[tokio::test]
async fn weigeren_te_vroeg_en_vervallen_bij_besluit() {
    let o = opzet().await;
    let d = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let weiger = |reden: &str| Voorschotinvoer {
        besluit: Besluit::GeenMedewerking.code().into(),
        volgnummer: 1,
        reden: reden.into(),
        ..Default::default()
    };
    match o
        .t
        .app
        .voorschot_vastleggen(&o.anna, d, &weiger("  "))
        .await
    {
        Err(AppFout::Ongeldig(f)) => assert!(f.voor("reden").is_some()),
        r => panic!("{r:?}"),
    }
    // Een onbekend besluit en een onleesbaar inkomen: bij hun veld.
    match o
        .t
        .app
        .voorschot_vastleggen(
            &o.anna,
            d,
            &Voorschotinvoer {
                besluit: "misschien".into(),
                inkomen: "12,3,4".into(),
                ..verleen(1)
            },
        )
        .await
    {
        Err(AppFout::Ongeldig(f)) => {
            assert!(f.voor("besluit").is_some());
            assert!(f.voor("inkomen").is_some());
        }
        r => panic!("{r:?}"),
    }
    let rij =
        o.t.app
            .voorschot_vastleggen(
                &o.anna,
                d,
                &weiger("Bankafschriften niet geleverd ondanks verzoek van 3-11"),
            )
            .await
            .unwrap();
    assert_eq!(rij.status, Status::Geweigerd);
    assert_eq!(rij.bedrag_centen.centen(), 0);
    // Het tweede voorschot gaat over december: die maand is op 28 november nog niet begonnen.
    match o.t.app.voorschot_vastleggen(&o.anna, d, &verleen(2)).await {
        Err(AppFout::Ongeldig(f)) => {
            assert!(f.voor("besluit").unwrap().contains("nog niet begonnen"))
        }
        r => panic!("{r:?}"),
    }
    let nov = o.run("2026-11", "2026-11-30").await;
    assert_eq!(o.totaal(nov, Categorie::Voorschot).await, (0, 0));
    // In december: voorschot 2 verleend, een run berekend maar niet goedgekeurd, dan het
    // besluit: het voorschot vervalt en de run moet opnieuw rekenen.
    o.t.klok.verzet(chrono::Duration::days(5));
    // Lid 1 onder b gaat over wat bij de aanvraag duidelijk was: niet pas bij het tweede.
    match o
        .t
        .app
        .voorschot_vastleggen(
            &o.anna,
            d,
            &Voorschotinvoer {
                besluit: Besluit::DuidelijkGeenRecht.code().into(),
                volgnummer: 2,
                reden: "Toch geen recht".into(),
                ..Default::default()
            },
        )
        .await
    {
        Err(AppFout::Ongeldig(f)) => {
            assert!(f.voor("besluit").unwrap().contains("bij de aanvraag"))
        }
        r => panic!("{r:?}"),
    }
    o.t.app
        .voorschot_vastleggen(&o.anna, d, &verleen(2))
        .await
        .unwrap();
    let run = vangnet_testkit::betaalrun("2026-12", "2026-12-18")
        .niet_goedkeuren()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    assert_eq!(o.totaal(run.id, Categorie::Voorschot).await.0, 1);
    o.t.app
        .uitkering_toekennen(
            &o.anna,
            d,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-12-01",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let beeld =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    assert_eq!(beeld.voorschotten[1].voorschot.status, Status::Vervallen);
    let e =
        o.t.app
            .betaalrun_goedkeuren(&o.tom, run.id, run.versie)
            .await
            .unwrap_err();
    let e = conflict(e);
    assert!(e.contains("voorschotten") && e.contains("opnieuw"), "{e}");
    let run =
        o.t.app
            .betaalrun_berekenen(&o.fien, run.id, |_| {})
            .await
            .unwrap();
    assert_eq!(o.totaal(run.id, Categorie::Voorschot).await, (0, 0));
    assert_eq!(o.totaal(run.id, Categorie::Regulier).await.0, 1);
    o.t.opruimen().await;
}

/// Art. 45 lid 4 ook voor een voorschot: gehuwden krijgen ieder de helft; zonder rekening van de
/// partner wordt het vastgehouden (met een taak) en blijft het te betalen.
#[tokio::test]
async fn voorschot_aan_gehuwden_voor_de_helft_en_vastgehouden_zonder_rekening() {
    let o = opzet().await;
    let d = Dossierbouwer::van(aanvraag("100023757", "2026-11-02", "NL91ABNA0417164300"))
        .met_partner("123456782", ("Elif", "Yılmaz"), "20-07-1987")
        .maak(&o.t, &o.clerk, &o.anna)
        .await
        .dossier;
    let rij =
        o.t.app
            .voorschot_vastleggen(&o.anna, d, &verleen(1))
            .await
            .unwrap();
    let bedrag = rij.bedrag_centen.centen();
    let nov = o.run("2026-11", "2026-11-30").await;
    assert_eq!(o.totaal(nov, Categorie::Voorschot).await, (0, 0));
    assert_eq!(o.totaal(nov, Categorie::Vastgehouden).await, (2, bedrag));
    let taken = o.t.app.taken_van_dossier(&o.anna, d).await.unwrap();
    assert!(taken.iter().any(|t| t.taak.soort == Taaksoort::Betaling));
    let beeld =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    assert_eq!(beeld.voorschotten[0].voorschot.status, Status::TeBetalen);
    // Met de rekening van de partner betaalt de tussentijdse run beide helften.
    o.rekening_partner(d).await;
    let tussen = vangnet_testkit::betaalrun("2026-11", "2026-11-30")
        .tussentijds()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    assert_eq!(o.totaal(tussen.id, Categorie::Voorschot).await, (2, bedrag));
    let xml = pain(&o, tussen.id).await;
    assert!(xml.contains("NL02ABNA0123456789"), "{xml}");
    assert!(xml.contains("NL91ABNA0417164300"), "{xml}");
    o.t.opruimen().await;
}

/// Art. 52 lid 4 en art. 58 lid 2 onder d: een voorschot over een maand vóór de start van de
/// toegekende bijstand is geheel te veel betaald; de maanden van het recht worden gewoon betaald.
#[tokio::test]
async fn voorschot_over_een_maand_zonder_recht_is_geheel_te_veel_betaald() {
    let o = opzet().await;
    let d = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let rij =
        o.t.app
            .voorschot_vastleggen(&o.anna, d, &verleen(1))
            .await
            .unwrap();
    o.run("2026-11", "2026-11-30").await;
    o.t.klok.verzet(chrono::Duration::days(5));
    o.t.app
        .uitkering_toekennen(
            &o.anna,
            d,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-12-01",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(
        o.totaal(dec, Categorie::Vordering).await,
        (1, -rij.bedrag_centen.centen())
    );
    assert_eq!(o.totaal(dec, Categorie::Regulier).await.0, 1);
    let spec = format!(
        "{:?}",
        o.t.app.betaalspecificatie(&o.anna, d).await.unwrap()
    );
    assert!(spec.contains("art. 58 lid 2 onder d"), "{spec}");
    o.t.opruimen().await;
}

/// Art. 52 lid 2 rondt naar boven af, de reservering van de vakantietoeslag half naar boven: het
/// minimumvoorschot kan een cent boven de uitbetaling van de maand liggen (november vanaf de 2e:
/// 29/30 van € 1.419,46). Die cent is voorgeschoten vakantietoeslag, geen vordering: toekennen
/// met dezelfde gegevens laat niets open, en de vakantietoeslag bij het einde is een cent lager.
#[tokio::test]
async fn minimumvoorschot_laat_bij_gelijke_gegevens_niets_open() {
    let o = opzet().await;
    let d = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let rij =
        o.t.app
            .voorschot_vastleggen(&o.anna, d, &verleen(1))
            .await
            .unwrap();
    o.run("2026-11", "2026-11-25").await;
    o.t.app
        .uitkering_toekennen(
            &o.anna,
            d,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let november = maandbedrag(&o, d, datum(2026, 11, 1)).await;
    assert_eq!(
        rij.bedrag_centen.centen() - november,
        1,
        "het geval met de cent"
    );
    let beeld =
        o.t.app
            .voorschotten_van_dossier(&o.anna, d, "", "")
            .await
            .unwrap();
    assert_eq!(
        beeld.voorschotten[0]
            .voorschot
            .vakantietoeslag_centen
            .centen(),
        1
    );
    let u = o.uitkering_id(d).await;
    o.beeindig(u, "2027-01-01").await;
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Vordering).await, (0, 0));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (0, 0));
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 134_849));
    // De vakantietoeslag over november (vanaf de 2e) en december, min de voorgeschoten cent.
    let (n, vt) = o.totaal(dec, Categorie::Vakantietoeslag).await;
    assert_eq!(n, 1);
    let b =
        o.t.app
            .uitkering_van_dossier(&o.anna, d)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(b.open_verschil, 0, "{:?}", b.correcties);
    // De reservering van november: de bijstand van de maand (incl. vakantietoeslag, zoals het
    // voorschot haar berekende) min de uitbetaling.
    let reservering_nov = rij.bijstand_centen.centen() - november;
    assert_eq!(vt, reservering_nov + 7_097 - 1);
    o.t.opruimen().await;
}

/// Art. 45 lid 1: eindigt de bijstand na een maand die alleen met een voorschot is betaald (en
/// bij het besluit verrekend), dan wordt de vakantietoeslag over die maand toch betaald, min wat
/// het voorschot ervan voorschoot.
#[tokio::test]
async fn vakantietoeslag_na_een_maand_die_alleen_met_een_voorschot_is_betaald() {
    let o = opzet().await;
    let d = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let rij =
        o.t.app
            .voorschot_vastleggen(&o.anna, d, &verleen(1))
            .await
            .unwrap();
    o.run("2026-11", "2026-11-25").await;
    o.t.app
        .uitkering_toekennen(
            &o.anna,
            d,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let u = o.uitkering_id(d).await;
    o.beeindig(u, "2026-12-01").await;
    let november = maandbedrag(&o, d, datum(2026, 11, 1)).await;
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (0, 0));
    assert_eq!(
        o.totaal(dec, Categorie::Vakantietoeslag).await,
        (1, rij.bijstand_centen.centen() - november - 1)
    );
    o.t.opruimen().await;
}

/// Issue 21 punt 10: op een aanvraag wordt ook besloten door haar niet toe te kennen. Afwijzen
/// sluit de taken beslissen en voorschot; een betaald voorschot wordt een vordering om te
/// beoordelen (art. 58 lid 2 onder d Pw), een nog niet betaald voorschot vervalt en wordt niet
/// meer betaald. Een tweede besluit kan niet.
///
/// Bronnen: ../shared/domain/participatiewet-feiten.md §5, "Art 58" lid 2 onder d (voorschot
/// terwijl er geen recht bleek: terugvordering kan, dus een vordering om te beoordelen en geen
/// automatische terugvordering); §4 "Art 52 voorschot" lid 1 (voorschot tot het recht is
/// vastgesteld: na het besluit geen nieuw voorschot); §4 "Awb" 4:15 met 4:5 (buiten behandeling
/// na een verzuim).
#[tokio::test]
async fn niet_toekennen_met_voorschotten() {
    let o = opzet().await;
    let betaald = aanvraag_zonder_besluit(&o, "100023757", "NL91ABNA0417164300").await;
    let open = aanvraag_zonder_besluit(&o, "123456782", "NL20INGB0001234567").await;
    let v1 =
        o.t.app
            .voorschot_vastleggen(&o.anna, betaald, &verleen(1))
            .await
            .unwrap();
    o.run("2026-11", "2026-11-25").await;
    o.t.app
        .voorschot_vastleggen(&o.anna, open, &verleen(1))
        .await
        .unwrap();
    // Zonder grond of uitkomst: geweigerd bij het veld.
    let e =
        o.t.app
            .aanvraag_afhandelen(&o.anna, betaald, "afwijzen", " ")
            .await
            .unwrap_err();
    vangnet_testkit::veldfout(e, "grond");
    let e =
        o.t.app
            .aanvraag_afhandelen(&o.anna, betaald, "weg", "x")
            .await
            .unwrap_err();
    vangnet_testkit::veldfout(e, "uitkomst");
    o.t.app
        .aanvraag_afhandelen(
            &o.anna,
            betaald,
            "afwijzen",
            "Art. 11 Pw: het inkomen uit de eigen onderneming ligt boven de norm",
        )
        .await
        .unwrap();
    let taken = o.t.app.taken_van_dossier(&o.anna, betaald).await.unwrap();
    assert!(taken
        .iter()
        .filter(|t| matches!(t.taak.soort, Taaksoort::Besluit | Taaksoort::Voorschot))
        .all(|t| t.taak.status == Taakstatus::Gereed));
    let vordering = taken
        .iter()
        .find(|t| t.taak.soort == Taaksoort::Vordering)
        .expect("een vordering om te beoordelen");
    assert!(
        vordering
            .taak
            .omschrijving
            .contains(&vangnet_domain::bedrag::euro(v1.bedrag_centen.centen())),
        "{}",
        vordering.taak.omschrijving
    );
    let d = o.t.app.dossier(&o.anna, betaald, None, None).await.unwrap();
    assert_eq!(d.dossier.status, vangnet_domain::dossier::Status::Besloten);
    let e =
        o.t.app
            .aanvraag_afhandelen(&o.anna, betaald, "afwijzen", "Nog eens")
            .await
            .unwrap_err();
    assert!(vangnet_testkit::veldfout(e, "uitkomst").contains("al besloten"));
    // Een afgewezen aanvraag wordt niet alsnog toegekend (betaald aan wie het niet toekomt).
    let e =
        o.t.app
            .uitkering_toekennen(
                &o.anna,
                betaald,
                &vangnet_app::uitkeringen::Toekenningsinvoer {
                    begindatum: "2026-11-02",
                    inhoud: "Algemene bijstand",
                    bijzondere_reden: "",
                },
            )
            .await
            .unwrap_err();
    assert!(
        matches!(&e, vangnet_app::AppFout::Conflict(m) if m.contains("al beslist")),
        "{e:?}"
    );
    // Ingetrokken: het open voorschot vervalt; de run van december betaalt het niet.
    o.t.app
        .aanvraag_afhandelen(&o.anna, open, "intrekking_vastleggen", "Telefonisch, 27-11")
        .await
        .unwrap();
    let beeld =
        o.t.app
            .voorschotten_van_dossier(&o.anna, open, "", "")
            .await
            .unwrap();
    assert_eq!(beeld.voorschotten[0].voorschot.status, Status::Vervallen);
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Voorschot).await.0, 0);
    o.t.opruimen().await;
}
