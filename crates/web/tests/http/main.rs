//! De webschil van buiten: CSRF, de inlogdrempel, verlopen sessies, slechte invoer, fouten als
//! Nederlandse HTML of problem+json, beveiligingsheaders, `/health`, `/metrics` en de API, de
//! autorisatiematrix en afgebroken verzoeken. Eén testprogramma: elk programma linkt de hele boom
//! opnieuw (issue 18, punt 6).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

mod aanmelding;
mod afbreken;
mod apiafspraken;
mod apiwerk;
mod autorisatie;
mod berekening;
mod betaalruns;
mod contact;
mod eenmalig;
mod rand;
mod rekeningen;
mod rollen;
mod routetabel;
mod uitkering;
mod vermogen;
mod voorschotten;
mod werk;

use std::collections::BTreeSet;

use axum::http::{header, Method, StatusCode};
use chrono::Duration;
use vangnet_domain::Rol;
use vangnet_testkit::{persona, Bezoeker, TestApp, PERSONA_WACHTWOORD};

pub(crate) async fn ingelogd(t: &TestApp, rol: Rol) -> Bezoeker {
    t.persona(rol).await;
    let mut b = t.bezoeker();
    let a = b.inloggen(persona(rol), PERSONA_WACHTWOORD).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.tekst);
    b
}

pub(crate) async fn aantal_teams(t: &TestApp) -> usize {
    t.app.teams(&TestApp::systeem()).await.unwrap().len()
}

/// Het sessiecookie zoals de browser het achter HTTPS krijgt (zie `aanmelding::cookienaam`).
pub(crate) const SESSIE: &str = "__Host-vangnet_sessie";

/// De vingerafdruk die bij een geslaagd voorbeeld staat (`voorbeeld` is het adres, zoals
/// `/dossiers/1/mutaties/voorbeeld`): "Opslaan" slaat alleen op wat in een voorbeeld stond
/// (issue 21 punt 1). Een voorbeeld dat niet slaagt, laat de test falen.
pub(crate) async fn vingerafdruk(
    b: &mut Bezoeker,
    voorbeeld: &str,
    velden: &[(&str, &str)],
) -> String {
    let a = b.post(voorbeeld, velden).await;
    a.veldwaarde("gecontroleerd")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| panic!("geen voorbeeld: {} {}", a.status, a.tekst))
}

/// Zoals een medewerker opslaat: eerst het voorbeeld, dan "Opslaan" (`opslaan`) met de
/// vingerafdruk ervan.
pub(crate) async fn na_voorbeeld(
    b: &mut Bezoeker,
    voorbeeld: &str,
    opslaan: &str,
    velden: &[(&str, &str)],
) -> vangnet_testkit::Antwoord {
    let v = vingerafdruk(b, voorbeeld, velden).await;
    let mut alle = velden.to_vec();
    alle.push(("gecontroleerd", &v));
    b.post(opslaan, &alle).await
}

/// Alle (methode, patroon) uit de broncode van de router.
pub(crate) fn routes_in_router() -> BTreeSet<(String, String)> {
    let bron = include_str!("../../src/lib.rs")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut uit = BTreeSet::new();
    for stuk in bron.split(".route(").skip(1) {
        let pad = stuk.split('"').nth(1).expect("pad").to_owned();
        for (m, naam) in [("get(", "GET"), ("post(", "POST")] {
            if stuk.contains(m) {
                uit.insert((naam.to_owned(), pad.clone()));
            }
        }
    }
    uit
}

/// Het antwoord van de API als JSON (met de tekst erbij als het geen JSON is).
fn json(a: &vangnet_testkit::Antwoord) -> serde_json::Value {
    serde_json::from_str(&a.tekst).unwrap_or_else(|e| panic!("{e}: {}", a.tekst))
}
