//! De auditor zoekt op een BSN of dossiernummer (issue 21 punt 12): de audit op een dossier
//! omvat ook zijn uitkering, de mutaties en de betaalruns waarin het is betaald, en niet die van
//! een ander dossier; wie het deed, staat in het toegangslog.

use super::*;
use vangnet_app::opslag::AuditFilter;

#[tokio::test]
async fn audit_op_bsn_of_dossiernummer() {
    let o = opzet().await;
    let d = o
        .uitkering("100023757", "2026-11-02", "NL91ABNA0417164300")
        .await;
    let ander = o
        .uitkering("123456782", "2026-11-02", "NL20INGB0001234567")
        .await;
    let u = o.uitkering_id(d).await;
    o.muteer(
        u,
        MutatieInvoer {
            soort: "inkomen_start".into(),
            ingangsdatum: "2026-11-15".into(),
            inkomenssoort: "alimentatie".into(),
            bedrag: "50".into(),
            reden: "Bankafschrift".into(),
            ..Default::default()
        },
    )
    .await;
    let run = o.run("2026-11", "2026-11-25").await;
    let auditor = o.t.persona(Rol::Auditor).await;
    let nummer =
        o.t.app
            .dossier(&o.anna, d, None, None)
            .await
            .unwrap()
            .dossier
            .nummer;
    for tekst in ["100023757", nummer.as_str()] {
        let onderwerp = o.t.app.audit_onderwerp(&auditor, tekst).await.unwrap();
        assert_eq!(onderwerp.personen.len(), 1, "{tekst}");
        for verwacht in [
            ("dossier", d.to_string()),
            ("uitkering", u.to_string()),
            ("betaalrun", run.to_string()),
        ] {
            assert!(
                onderwerp
                    .onderwerpen
                    .iter()
                    .any(|(t, i)| (t.as_str(), i.clone()) == (verwacht.0, verwacht.1.clone())),
                "{tekst}: {verwacht:?} in {:?}",
                onderwerp.onderwerpen
            );
        }
        let p =
            o.t.app
                .audit_zoeken(
                    &auditor,
                    &AuditFilter {
                        onderwerpen: onderwerp.onderwerpen.clone(),
                        ..Default::default()
                    },
                    500,
                    0,
                )
                .await
                .unwrap();
        let acties: Vec<&str> = p
            .records
            .iter()
            .map(|r| r.gegevens.actie.as_str())
            .collect();
        for actie in ["uitkering.toegekend", "mutatie.geregistreerd"] {
            assert!(acties.contains(&actie), "{tekst}: {actie} in {acties:?}");
        }
        assert!(p
            .records
            .iter()
            .any(|r| r.gegevens.onderwerp_type == "betaalrun"));
        assert!(!p
            .records
            .iter()
            .any(|r| r.gegevens.onderwerp_type == "dossier"
                && r.gegevens.onderwerp_id == ander.to_string()));
    }
    // Geen BSN of dossiernummer: een melding bij het veld.
    let e =
        o.t.app
            .audit_onderwerp(&auditor, "de vries")
            .await
            .unwrap_err();
    vangnet_testkit::veldfout(e, "wie");
    // Wie geen audit mag inzien, zoekt zo ook niet.
    assert!(matches!(
        o.t.app.audit_onderwerp(&o.anna, "100023757").await,
        Err(AppFout::GeenToegang)
    ));
    o.t.opruimen().await;
}
