//! Wat de cliënt op zijn betaalspecificatie ziet (issue 21 punt 15): de stappen van de
//! berekening met hun artikel, geen mededelingen voor medewerkers.

use super::*;

/// Een maand onder een normtabel die niet geverifieerd is (de testtabel voor 2027,
/// participatiewet-feiten.md §12: de normen van 2027 zijn nog niet bekend): de berekening van
/// het dossier meldt het de medewerker, de betaalspecificatie noemt het niet als stap.
#[tokio::test]
async fn een_niet_geverifieerde_tabel_staat_niet_op_de_specificatie() {
    let o = opzet().await;
    let d = o
        .uitkering("100023757", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let tabel = vangnet_domain::normen::testtabellen_tot(datum(2027, 1, 1)).unwrap();
    o.t.app
        .normen_laden(&o.fien, "testtabel.toml", &tabel)
        .await
        .unwrap();
    o.t.klok.verzet(chrono::Duration::days(40));
    let jan = o.run("2027-01", "2027-01-22").await;
    let spec = o.t.app.betaalspecificatie(&o.anna, d).await.unwrap();
    let (_, _, regels) = spec
        .iter()
        .find(|(r, _, _)| r.id == jan)
        .expect("de run van januari");
    assert!(!regels.is_empty());
    assert!(
        regels
            .iter()
            .all(|r| !r.omschrijving.contains("niet geverifieerd")),
        "{regels:?}"
    );
    let maand =
        o.t.app
            .uitkering_maand(&o.anna, d, datum(2027, 1, 1), None)
            .await
            .unwrap();
    assert!(
        format!("{maand:?}").contains("niet geverifieerd"),
        "de medewerker ziet het wel: {maand:?}"
    );
    o.t.opruimen().await;
}
