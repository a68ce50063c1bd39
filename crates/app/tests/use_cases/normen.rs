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

/// Issue 22 punt 4: de herberekening na nieuwe normtabellen leest en rekent op SQLite de
/// volgende partij (200 uitkeringen) naast het schrijven van de vorige, en gebruikt die uitkomst
/// alleen als intussen niets anders is vastgelegd. 410 gelijke uitkeringen (drie partijen):
/// - zonder andere schrijvers geven de vooruit gerekende partijen precies het rapport en de
///   maandbedragen van elk apart (normen-bronnen.toml periode 2026-07-01, art. 21a 10,00 hoger:
///   9,50 meer per maand na de reservering van de vakantietoeslag, augustus t/m november 2026);
/// - registreert een consulent tussen twee partijen een inkomen op een uitkering uit de volgende
///   partij, dan rekent die partij opnieuw met dat inkomen: een derde herberekening vindt niets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn herberekening_in_partijen_naast_elkaar() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let bsns = (100_000_000u32..)
        .map(|n| n.to_string())
        .filter(|b| vangnet_domain::persoon::Bsn::parse(b).is_ok())
        .take(410);
    let mut dossiers = Vec::new();
    for bsn in bsns {
        let a = vangnet_app::clienten::NieuweAanvraag {
            ontvangen_op: "2026-08-01".into(),
            aanvrager: vangnet_app::clienten::PersoonInvoer {
                bsn,
                ..crate::uitkeringen::aanvraag().aanvrager
            },
            ..crate::uitkeringen::aanvraag()
        };
        let d = vangnet_testkit::Dossierbouwer::van(a)
            .met_uitkering("2026-08-01")
            .maak(&t, &clerk, &anna)
            .await;
        dossiers.push(d.dossier);
    }
    let norm = |centen: &str| {
        STANDAARD.replacen(
            "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 141946",
            &format!("art21a_alleenstaande_of_alleenstaande_ouder_21_aow = {centen}"),
            1,
        )
    };
    let november = |dossier: i64| {
        let (app, anna) = (&t.app, &anna);
        async move {
            let b = app
                .uitkering_van_dossier(anna, dossier)
                .await
                .unwrap()
                .unwrap();
            let m = b
                .maanden
                .iter()
                .find(|m| m.maand == chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
                .unwrap();
            m.berekend_centen.centen()
        }
    };
    t.app
        .normen_laden(&fb, "normen.toml", &norm("142946"))
        .await
        .unwrap();
    // De lading meldt de herberekening aan als job; de werker van `vangnet serve` draait haar.
    let stappen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let s = stappen.clone();
    let job = t
        .app
        .job_draaien(None, move |n| s.lock().unwrap().push(n))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(*stappen.lock().unwrap(), [200, 400, 410]);
    let mut lees = t.app.opslag.lees().await.unwrap();
    let job = lees.job_op_id(job.id).await.unwrap().unwrap();
    lees.afsluiten().await.unwrap();
    let uitkomst = job.uitkomst.unwrap_or_default();
    assert!(
        uitkomst.contains("410 uitkeringen herberekend; 410 met een ander bedrag in 1640 maanden"),
        "{uitkomst}"
    );
    assert!(uitkomst.contains("€ 15.580,00"), "{uitkomst}");
    for dossier in [dossiers[0], dossiers[250], dossiers[409]] {
        // 1.429,46 incl. vakantietoeslag, 5 % gereserveerd: 1.357,99.
        assert_eq!(november(dossier).await, 135_799, "dossier {dossier}");
    }
    // Nog eens 10,00 erbij; na de eerste partij registreert Anna alimentatie vanaf september op
    // een uitkering uit de tweede partij, en Bram keurt haar goed.
    t.app
        .normen_laden(&fb, "normen.toml", &norm("143946"))
        .await
        .unwrap();
    let tweede = t
        .app
        .uitkering_van_dossier(&anna, dossiers[250])
        .await
        .unwrap()
        .unwrap()
        .uitkering
        .id;
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    let (app, consulent, tweede_paar_ogen) = (t.app.clone(), anna.clone(), bram.clone());
    let handvat = tokio::runtime::Handle::current();
    t.app
        .job_draaien(None, move |n| {
            if n == 200 {
                tokio::task::block_in_place(|| {
                    handvat.block_on(async {
                        let (id, vier_ogen) = app
                            .mutatie_registreren(
                                &consulent,
                                tweede,
                                &crate::uitkeringen::inkomen("2026-09-01", "100"),
                            )
                            .await
                            .unwrap();
                        if vier_ogen {
                            app.mutatie_beoordelen(&tweede_paar_ogen, id, 1, true, "")
                                .await
                                .unwrap();
                        }
                    })
                });
            }
        })
        .await
        .unwrap();
    // 1.439,46 min 5 %: 1.367,49; met de alimentatie minder.
    assert_eq!(november(dossiers[0]).await, 136_749);
    assert!(november(dossiers[250]).await < 136_749);
    let r = t.app.normen_herberekenen(&fb, |_| {}).await.unwrap();
    assert_eq!((r.uitkeringen, r.gewijzigd, r.maanden), (410, 0, 0));
    t.opruimen().await;
}
