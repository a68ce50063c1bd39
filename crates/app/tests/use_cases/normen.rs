//! Normtabellen laden: alleen de functioneel beheerder, volledig gecontroleerd, zonder halve
//! lading, vastgelegd in de audittrail, en direct gebruikt door de berekening — op SQLite of
//! PostgreSQL (`VANGNET_TEST_DATABASE_URL`).

use vangnet_app::opslag::AuditFilter;
use vangnet_app::AppFout;
use vangnet_domain::berekening::Situatie;
use vangnet_domain::Rol;
use vangnet_testkit::{veldfout, TestApp};

const STANDAARD: &str = include_str!("../../../domain/data/normen.toml");

fn situatie() -> Situatie {
    serde_json::from_str(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#)
        .unwrap()
}

fn veldmelding(e: AppFout) -> String {
    match e {
        AppFout::Ongeldig(v) => v
            .voor("bestand")
            .expect("fout op het veld bestand")
            .to_owned(),
        e => panic!("verwacht een invoerfout, kreeg {e:?}"),
    }
}

#[tokio::test]
async fn laden_controleert_legt_vast_en_rekent_direct_met_de_nieuwe_tabellen() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;

    // Standaard: participatiewet-feiten.md §1 rij 21a, kolom 2026-01-01: 1.401,50.
    let voor = t
        .app
        .proefberekening(&consulent, &situatie())
        .await
        .unwrap();
    assert_eq!(voor.norm_centen, 140150);

    // Een consulent mag niet laden.
    let nieuw = STANDAARD.replacen(
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 140150",
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 140151",
        1,
    );
    assert!(matches!(
        t.app.normen_laden(&consulent, "n.toml", &nieuw).await,
        Err(AppFout::GeenToegang)
    ));

    // Fouten: niets geladen, de melding noemt wat er mis is.
    let zonder = STANDAARD.replacen("art21b_gehuwden_21_aow = 200213\n", "", 1);
    assert!(veldmelding(
        t.app
            .normen_laden(&fb, "n.toml", &zonder)
            .await
            .unwrap_err()
    )
    .contains("art21b_gehuwden_21_aow ontbreekt"));
    let gat = STANDAARD.replacen(
        "geldig_tot_en_met = 2025-06-30",
        "geldig_tot_en_met = 2025-05-31",
        1,
    );
    assert!(
        veldmelding(t.app.normen_laden(&fb, "n.toml", &gat).await.unwrap_err())
            .contains("gat in de perioden")
    );
    let later = {
        let i = STANDAARD
            .find("[[periode]]\ngeldig_vanaf = 2024-07-01")
            .unwrap();
        let kop = STANDAARD.find("[[periode]]").unwrap();
        format!("{}{}", &STANDAARD[..kop], &STANDAARD[i..])
    };
    assert!(
        veldmelding(t.app.normen_laden(&fb, "n.toml", &later).await.unwrap_err())
            .contains("beginnen op 01-07-2024")
    );
    assert!(veldmelding(t.app.normen_laden(&fb, "n.toml", "").await.unwrap_err()).contains("leeg"));
    assert!(veldmelding(
        t.app
            .normen_laden(&fb, "n.toml", STANDAARD)
            .await
            .unwrap_err()
    )
    .contains("dezelfde bedragen"));
    let o = t.app.normen_overzicht(&consulent).await.unwrap();
    assert!(
        o.ladingen.is_empty(),
        "geweigerde ladingen laten niets achter"
    );

    // Goed: één bedrag anders; het verschil wordt genoemd en de berekening gebruikt het direct.
    let lading = t
        .app
        .normen_laden(&fb, "normen-2026.toml", &nieuw)
        .await
        .unwrap();
    assert_eq!(lading.perioden, 6);
    assert_eq!(lading.verschillen.len(), 1, "{:?}", lading.verschillen);
    assert_eq!(lading.verschillen[0].oud, Some(140150));
    assert_eq!(lading.verschillen[0].nieuw, Some(140151));
    let na = t
        .app
        .proefberekening(&consulent, &situatie())
        .await
        .unwrap();
    assert_eq!(na.norm_centen, 140151);

    // Hetzelfde bestand nogmaals: geweigerd.
    assert!(
        veldmelding(t.app.normen_laden(&fb, "n.toml", &nieuw).await.unwrap_err())
            .contains("al geladen")
    );

    // Historie en audittrail.
    let o = t.app.normen_overzicht(&consulent).await.unwrap();
    assert_eq!(o.ladingen.len(), 1);
    assert_eq!(o.ladingen[0].bestandsnaam, "normen-2026.toml");
    assert_eq!(o.ladingen[0].geladen_door, "fb");
    let audit = t
        .app
        .audit_zoeken(
            &TestApp::systeem(),
            &AuditFilter {
                actie: Some("normen.geladen".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(audit.totaal, 1);
    assert!(audit.records[0]
        .gegevens
        .na
        .as_deref()
        .unwrap()
        .contains("140151"));
}

/// Een tweede proces (de opdrachtregel) laadt; de draaiende app ziet het bij de volgende
/// berekening, zonder herstart.
#[tokio::test]
async fn een_lading_door_een_ander_proces_geldt_direct() {
    let t = TestApp::nieuw().await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    assert_eq!(
        t.app
            .proefberekening(&consulent, &situatie())
            .await
            .unwrap()
            .norm_centen,
        140150
    );
    let ander = vangnet_app::App::nieuw(
        t.app.opslag.clone(),
        t.app.klok.clone(),
        t.app.instellingen.clone(),
    );
    let nieuw = STANDAARD.replacen(
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 140150",
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 140000",
        1,
    );
    ander
        .normen_laden(&TestApp::systeem(), "n.toml", &nieuw)
        .await
        .unwrap();
    assert_eq!(
        t.app
            .proefberekening(&consulent, &situatie())
            .await
            .unwrap()
            .norm_centen,
        140000
    );
}

/// Een set die eerder eindigt dan de geldende, wordt geweigerd: anders worden maanden die al
/// berekend (en misschien betaald) zijn onberekenbaar (participatiewet-feiten.md §12).
#[tokio::test]
async fn een_set_die_eerder_eindigt_wordt_geweigerd() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let standaard = include_str!("../../../domain/data/normen.toml");
    let korter = standaard.replacen(
        "geldig_vanaf = 2026-07-01\n",
        "geldig_vanaf = 2026-07-01\ngeldig_tot_en_met = 2026-09-30\n",
        1,
    );
    let e = t
        .app
        .normen_laden(&fb, "korter.toml", &korter)
        .await
        .unwrap_err();
    assert!(
        veldfout(e, "bestand").contains("tot en met 30-09-2026"),
        "de melding noemt het einde"
    );
    t.opruimen().await;
}
