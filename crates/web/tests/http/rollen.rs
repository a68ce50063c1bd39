//! Per rol: geen knop of link die eindigt in een weigering (issue 21 punt 12). Elke link op de
//! startpagina en op een dossier met uitkering, taken en een mutatie opent voor elke rol die het
//! dossier mag zien, en elk formulier wijst naar een route waarvoor de rol het recht heeft.

use super::*;

/// De adressen van links (`href="/…"`) en formulieren (`action="/…"`) op een pagina.
fn adressen(html: &str, attribuut: &str) -> Vec<String> {
    html.split(&format!("{attribuut}=\"/"))
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(|a| format!("/{}", a.replace("&amp;", "&")))
        .filter(|a| !a.starts_with("/assets") && !a.contains('#'))
        .collect()
}

#[tokio::test]
async fn geen_knop_die_eindigt_in_een_weigering() {
    let t = TestApp::nieuw().await;
    let rollen = [
        Rol::AdministratiefOndersteuner,
        Rol::Inkomensconsulent,
        Rol::Teamleider,
        Rol::Handhaving,
    ];
    let mut contexten = Vec::new();
    for rol in rollen {
        contexten.push(t.persona(rol).await);
    }
    let (clerk, consulent) = (&contexten[0], &contexten[1]);
    let d = vangnet_testkit::dossier()
        .met_uitkering("2026-11-02")
        .maak(&t, clerk, consulent)
        .await;
    t.app
        .taak_aanmaken(
            consulent,
            "Loonstrook opvragen",
            "2026-12-10",
            Some(d.dossier),
            false,
        )
        .await
        .unwrap();
    for rol in rollen {
        let mut b = t.bezoeker();
        b.inloggen(persona(rol), PERSONA_WACHTWOORD).await;
        for pagina in ["/".to_owned(), format!("/dossiers/{}", d.dossier)] {
            let a = b.get(&pagina).await;
            assert_eq!(a.status, StatusCode::OK, "{rol:?} {pagina}");
            for link in adressen(&a.tekst, "href") {
                if link.starts_with("/uitloggen") {
                    continue;
                }
                let l = b.get(&link).await;
                assert!(
                    l.status != StatusCode::FORBIDDEN && l.status != StatusCode::NOT_FOUND,
                    "{rol:?} op {pagina}: {link} gaf {}",
                    l.status
                );
            }
            // Een formulier posten verandert iets; hier alleen: mag de rol die route? Een
            // verzoek zonder CSRF-token wordt geweigerd vóór het recht, dus de rechtentabel is de
            // maat: een POST zonder geldige invoer geeft 422 of een doorverwijzing, geen 403.
            for actie in adressen(&a.tekst, "action") {
                if actie.starts_with("/uitloggen") || actie.contains("/status") {
                    continue;
                }
                let l = b.post(&actie, &[]).await;
                assert_ne!(
                    l.status,
                    StatusCode::FORBIDDEN,
                    "{rol:?} op {pagina}: formulier {actie}"
                );
            }
        }
    }
    t.opruimen().await;
}
