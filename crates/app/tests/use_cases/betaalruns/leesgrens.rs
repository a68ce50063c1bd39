//! De run leest geen uitkeringen die lang geleden eindigden (issue 22 punt 4), wel die nog iets
//! kunnen geven: zie `vangnet_domain::betaalrun::Leesgrens`.

use super::*;

/// Twee uitkeringen van januari tot en met maart 2024 (einde per 1 april 2024, art. 45 lid 1 Pw;
/// normen-bronnen.toml periode 2024-01-01). De ene is betaald, met de vakantietoeslag bij het
/// einde in de run van maart. De andere had geen rekening: elke maand en de vakantietoeslag zijn
/// vastgehouden. Ruim dertien maanden later komt de rekening. De run van juni 2025 betaalt de
/// vastgehouden maanden en de vakantietoeslag alsnog (een onbetaalde maandregel houdt de
/// uitkering in beeld), en leest de afgewikkelde uitkering niet: haar personen staan niet in
/// het toegangslog van die run.
#[tokio::test]
async fn lang_geleden_geeindigd_wordt_niet_gelezen_behalve_met_iets_open() {
    let o = opzet().await;
    // Een run gaat hoogstens een jaar terug: de klok eerst naar 2 april 2024.
    o.t.klok.verzet(chrono::Duration::days(-970));
    let betaald = o
        .uitkering("100023757", "2024-01-01", "NL91ABNA0417164300")
        .await;
    let vastgehouden = o.uitkering("123456782", "2024-01-01", "").await;
    for dossier in [betaald, vastgehouden] {
        let u = o.uitkering_id(dossier).await;
        o.beeindig(u, "2024-04-01").await;
    }
    let mut runs = Vec::new();
    for (maand, dag) in [
        ("2024-01", "2024-01-24"),
        ("2024-02", "2024-02-23"),
        ("2024-03", "2024-03-22"),
    ] {
        runs.push(o.run(maand, dag).await);
    }
    assert_eq!(o.totaal(runs[2], Categorie::Vakantietoeslag).await.0, 1);
    let persoon = |dossier: i64| {
        let o = &o;
        async move {
            o.t.app
                .dossier(&o.anna, dossier, None, None)
                .await
                .unwrap()
                .huishouden[0]
                .persoon
                .clone()
        }
    };
    // Ruim dertien maanden na de laatste mutatie (de beëindigingen op 2 april 2024): 6 juni
    // 2025.
    o.t.klok.verzet(chrono::Duration::days(430));
    o.rekening_aanvrager_vanaf(vastgehouden, "NL44RABO0123456789", "01-06-2025")
        .await;
    let p = persoon(vastgehouden).await;
    let juni = o.run("2025-06", "2025-06-24").await;
    // Januari, februari en maart 2024 als nabetaling, en de vakantietoeslag bij het einde.
    assert_eq!(o.totaal(juni, Categorie::Nabetaling).await.0, 3);
    assert_eq!(o.totaal(juni, Categorie::Vakantietoeslag).await.0, 1);
    assert_eq!(o.totaal(juni, Categorie::Regulier).await, (0, 0));
    let auditor = o.t.persona(Rol::Auditor).await;
    let gelezen_door = |id: i64| o.toegangslog(&auditor, "persoon", id);
    let run_van = |maand: &str, id: i64| format!("Betaalrun {maand} (run {id})");
    let afgewikkeld = gelezen_door(persoon(betaald).await.id).await;
    assert!(
        afgewikkeld.contains(&run_van("maart 2024", runs[2])),
        "{afgewikkeld:?}"
    );
    assert!(
        !afgewikkeld.contains(&run_van("juni 2025", juni)),
        "{afgewikkeld:?}"
    );
    let open = gelezen_door(p.id).await;
    assert!(open.contains(&run_van("juni 2025", juni)), "{open:?}");
    o.t.opruimen().await;
}
