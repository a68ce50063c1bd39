//! De vakantietoeslag één keer per opgebouwde maand, en nooit kwijt (art. 19 lid 3 en 45 lid 1
//! Pw; participatiewet-feiten.md §1 "Vakantietoeslag"). normen-bronnen.toml periode 2026-07-01:
//! alleenstaande 21+ 1.419,46 incl. vakantietoeslag, 1.348,49 na 5 % reservering: 70,97 per
//! maand gereserveerd.

use super::*;

const RESERVERING: i64 = 141_946 - 134_849;

/// Een einde waarbij de vakantietoeslag is betaald, vervalt daarna (de beëindiging was onjuist);
/// bij het volgende einde in dezelfde opbouwperiode wordt alleen de vakantietoeslag over de
/// maanden daarna betaald, niet die over de al betaalde maanden nog eens.
#[tokio::test]
async fn vakantietoeslag_na_een_einde_dat_verviel_niet_twee_keer() {
    let o = opzet().await;
    let d = o
        .uitkering("100023757", "2026-07-01", "NL91ABNA0417164300")
        .await;
    let u = o.uitkering_id(d).await;
    let einde = o.beeindig(u, "2026-12-01").await;
    // November: de laatste maand, met de vakantietoeslag over juli t/m november.
    let nov = o.run("2026-11", "2026-11-25").await;
    assert_eq!(
        o.totaal(nov, Categorie::Vakantietoeslag).await,
        (1, 5 * RESERVERING)
    );
    // De beëindiging was onjuist; later eindigt de bijstand per 1 januari.
    o.muteer(
        u,
        MutatieInvoer {
            soort: "correctie".into(),
            ingangsdatum: "2026-12-01".into(),
            corrigeert: Some(einde),
            reden: "Het werk ging niet door".into(),
            ..Default::default()
        },
    )
    .await;
    o.beeindig(u, "2027-01-01").await;
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 134_849));
    assert_eq!(
        o.totaal(dec, Categorie::Vakantietoeslag).await,
        (1, RESERVERING),
        "alleen december: juli t/m november is al betaald"
    );
    // En de herberekening ziet de betaalde vakantietoeslag niet als te weinig.
    let beeld =
        o.t.app
            .uitkering_van_dossier(&o.anna, d)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(beeld.open_verschil, 0, "{:?}", beeld.correcties);
    o.t.opruimen().await;
}

/// Een vakantietoeslag die in de uitbetaalmaand werd vastgehouden (geen rekening), wordt betaald
/// in de eerste run daarna waarin het wel kan, met de maand tot en met welke; niet nog eens daarna.
#[tokio::test]
async fn vastgehouden_vakantietoeslag_wordt_alsnog_betaald() {
    let o = opzet_met_vakantietoeslag_in(11).await;
    let d = o.uitkering("100023757", "2026-07-01", "").await;
    let nov = o.run("2026-11", "2026-11-25").await;
    assert_eq!(o.totaal(nov, Categorie::Vakantietoeslag).await, (0, 0));
    assert_eq!(
        o.totaal(nov, Categorie::Vastgehouden).await.1,
        5 * 134_849 + 5 * RESERVERING,
        "juli t/m november en de vakantietoeslag"
    );
    // De rekening wordt vastgelegd; december betaalt de maanden en de vakantietoeslag.
    o.rekening_aanvrager(d).await;
    let dec = o.run("2026-12", "2026-12-18").await;
    assert_eq!(o.totaal(dec, Categorie::Regulier).await, (1, 134_849));
    assert_eq!(o.totaal(dec, Categorie::Nabetaling).await, (5, 5 * 134_849));
    assert_eq!(
        o.totaal(dec, Categorie::Vakantietoeslag).await,
        (1, 5 * RESERVERING)
    );
    let xml = pain(&o, dec).await;
    assert!(
        xml.contains("Vakantietoeslag tot en met november 2026"),
        "{xml}"
    );
    // Een tussentijdse run daarna betaalt haar niet nog eens.
    let tussen = vangnet_testkit::betaalrun("2026-12", "2026-12-28")
        .tussentijds()
        .maak(&o.t, &o.fien, &o.tom)
        .await;
    assert_eq!(
        o.totaal(tussen.id, Categorie::Vakantietoeslag).await,
        (0, 0)
    );
    o.t.opruimen().await;
}
