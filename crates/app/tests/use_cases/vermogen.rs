//! Vermogen van een huishouden (art. 34 Pw, issue 19 punt 11): een opgave vastleggen met haar
//! toets, slechte invoer, toekennen dat wordt geweigerd als het vermogen in de weg staat, een
//! opgave laten vervallen, en de leefvorm (en dus de grens) van het huishouden op de peildatum.

use vangnet_app::opslag::{AuditFilter, ToegangFilter};
use vangnet_app::vermogen::{BestanddeelInvoer, VermogenInvoer};
use vangnet_app::AppFout;
use vangnet_domain::vermogen::Oordeel;
use vangnet_domain::Rol;
use vangnet_testkit::{dossier, veldfout, TestApp};

fn deel(soort: &str, waarde: &str) -> BestanddeelInvoer {
    BestanddeelInvoer {
        soort: soort.into(),
        waarde: waarde.into(),
        ..Default::default()
    }
}

fn opgave(peildatum: &str, delen: Vec<BestanddeelInvoer>) -> VermogenInvoer {
    VermogenInvoer {
        peildatum: peildatum.into(),
        toelichting: "Bankafschriften van alle rekeningen".into(),
        bestanddelen: delen,
    }
}

/// Participatiewet-feiten.md §3 "Art 34 Vermogen" (2026: alleenstaande 8.000, gehuwden 16.000):
/// een alleenstaande met € 9.000 op de bank en een schuld van € 500 heeft € 500 boven de grens;
/// toekennen wordt geweigerd tot een nieuwe opgave (of het vervallen van deze) zegt dat het
/// vermogen niet meer in de weg staat.
#[tokio::test]
async fn vermogen_boven_de_grens_weigert_toekennen() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let d = dossier().maak(&t, &clerk, &anna).await;
    let (id, toets) = t
        .app
        .vermogen_vastleggen(
            &anna,
            d.dossier,
            &opgave(
                "2026-11-02",
                vec![deel("banktegoed", "9.000,00"), deel("schuld", "500")],
            ),
        )
        .await
        .unwrap();
    assert_eq!(toets.grens_centen, 800_000);
    assert_eq!(
        toets.oordeel,
        Oordeel::StaatInDeWeg {
            boven_grens_centen: 50_000
        }
    );
    let e = t
        .app
        .uitkering_toekennen(
            &anna,
            d.dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap_err();
    assert!(
        veldfout(e, "begindatum").contains("€ 500,00 boven de grens van € 8.000,00"),
        "toekennen geweigerd met het bedrag en de grens"
    );
    // Het dossier toont de opgave met haar toets.
    let beeld = t.app.dossier(&anna, d.dossier, None, None).await.unwrap();
    assert_eq!(beeld.vermogen.len(), 1);
    assert!(beeld.vermogen[0].staat_in_de_weg());
    assert!(beeld.tijdlijn.iter().any(|g| g
        .omschrijving
        .contains("staat in de weg (€ 500,00 boven de grens)")));
    // De opgave was onjuist (de schuld was € 1.000): laten vervallen vraagt een reden.
    assert!(veldfout(
        t.app
            .vermogensopgave_laten_vervallen(&anna, d.dossier, id, " ")
            .await
            .unwrap_err(),
        "reden"
    )
    .contains("reden"));
    t.app
        .vermogensopgave_laten_vervallen(&anna, d.dossier, id, "Schuld verkeerd overgenomen")
        .await
        .unwrap();
    assert!(matches!(
        t.app
            .vermogensopgave_laten_vervallen(&anna, d.dossier, id, "nog eens")
            .await,
        Err(AppFout::Conflict(_))
    ));
    let (_, toets) = t
        .app
        .vermogen_vastleggen(
            &anna,
            d.dossier,
            &opgave(
                "2026-11-02",
                vec![deel("banktegoed", "9000"), deel("schuld", "1000")],
            ),
        )
        .await
        .unwrap();
    assert_eq!(toets.oordeel, Oordeel::StaatNietInDeWeg);
    t.app
        .uitkering_toekennen(
            &anna,
            d.dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-02",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    // Audittrail en toegangslog.
    let auditor = t.persona(Rol::Auditor).await;
    let acties: Vec<String> = t
        .app
        .audit_zoeken(
            &auditor,
            &AuditFilter {
                onderwerp_type: Some("dossier".into()),
                ..Default::default()
            },
            50,
            0,
        )
        .await
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.gegevens.actie)
        .filter(|a| a.starts_with("vermogen."))
        .collect();
    assert_eq!(
        acties,
        [
            "vermogen.vastgelegd",
            "vermogen.vervallen",
            "vermogen.vastgelegd"
        ]
    );
    t.app.vermogen_van_dossier(&anna, d.dossier).await.unwrap();
    let log = t
        .app
        .toegang_zoeken(
            &auditor,
            &ToegangFilter {
                betrokkene_type: Some("persoon".into()),
                ..Default::default()
            },
            100,
            0,
        )
        .await
        .unwrap();
    assert!(log
        .regels
        .iter()
        .any(|r| r.omschrijving.starts_with("Vermogen van dossier")));
    t.opruimen().await;
}

/// De grens volgt de leefvorm op de peildatum (art. 34 lid 3): met een partner gehuwden (16.000),
/// met een kind onder de 18 alleenstaande ouder (16.000).
#[tokio::test]
async fn grens_volgt_het_huishouden() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let paar = dossier()
        .met_partner("123456782", ("Elif", "Yılmaz"), "01-03-1991")
        .maak(&t, &clerk, &anna)
        .await;
    let ouder = dossier()
        .bsn("100174218")
        .met_kind("111222333", ("Noor", "Testpersoon"), "01-05-2015")
        .maak(&t, &clerk, &anna)
        .await;
    for (d, verwacht) in [(paar, "gehuwden tezamen"), (ouder, "alleenstaande ouder")] {
        let (_, toets) = t
            .app
            .vermogen_vastleggen(
                &anna,
                d.dossier,
                &opgave("2026-11-02", vec![deel("banktegoed", "12000")]),
            )
            .await
            .unwrap();
        assert_eq!(toets.grens_centen, 1_600_000, "{verwacht}");
        assert_eq!(toets.leefvorm.naam(), verwacht);
        assert_eq!(toets.oordeel, Oordeel::StaatNietInDeWeg);
    }
    t.opruimen().await;
}

/// Slechte invoer: een melding bij het veld, niets opgeslagen.
#[tokio::test]
async fn vermogen_slechte_invoer() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let d = dossier().maak(&t, &clerk, &anna).await;
    let gevallen: Vec<(VermogenInvoer, &str, &str)> = vec![
        (opgave("", vec![]), "peildatum", ""),
        (opgave("2027-03-01", vec![]), "peildatum", "in de toekomst"),
        (opgave("2023-06-01", vec![]), "peildatum", "2023"),
        (
            opgave("2026-11-02", vec![deel("spaarpot", "10")]),
            "bestanddelen[0].soort",
            "Regel 1",
        ),
        (
            opgave("2026-11-02", vec![deel("banktegoed", "-10")]),
            "bestanddelen[0].waarde",
            "negatief",
        ),
        (
            opgave("2026-11-02", vec![deel("banktegoed", "1.234")]),
            "bestanddelen[0].waarde",
            "niet eenduidig",
        ),
        (
            opgave("2026-11-02", vec![deel("voertuig", "")]),
            "bestanddelen[0].waarde",
            "vul de waarde in",
        ),
        (
            opgave(
                "2026-11-02",
                vec![BestanddeelInvoer {
                    hypotheek: "1000".into(),
                    ..deel("banktegoed", "10")
                }],
            ),
            "bestanddelen[0].hypotheek",
            "eigen woning",
        ),
        (
            opgave(
                "2026-11-02",
                vec![
                    deel("banktegoed", "10"),
                    BestanddeelInvoer {
                        vrijstelling: "in_natura".into(),
                        ..deel("schuld", "10")
                    },
                ],
            ),
            "bestanddelen[1].vrijstelling",
            "Regel 2",
        ),
    ];
    for (invoer, veld, tekst) in gevallen {
        let e = t
            .app
            .vermogen_vastleggen(&anna, d.dossier, &invoer)
            .await
            .unwrap_err();
        let melding = veldfout(e, veld);
        assert!(melding.contains(tekst), "{veld}: {melding}");
    }
    // Een ondersteuner mag het vermogen niet vastleggen (het is deel van het onderzoek van de
    // consulent).
    assert!(matches!(
        t.app
            .vermogen_vastleggen(&clerk, d.dossier, &opgave("2026-11-02", vec![]))
            .await,
        Err(AppFout::GeenToegang)
    ));
    let beeld = t.app.dossier(&anna, d.dossier, None, None).await.unwrap();
    assert!(beeld.vermogen.is_empty());
    t.opruimen().await;
}
