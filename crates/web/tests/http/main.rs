//! De webschil van buiten: CSRF, de inlogdrempel, verlopen sessies, slechte invoer, fouten als
//! Nederlandse HTML of problem+json, beveiligingsheaders, `/health`, `/metrics` en de API, de
//! autorisatiematrix en afgebroken verzoeken. Eén testprogramma: elk programma linkt de hele boom
//! opnieuw (issue 18, punt 6).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

mod aanmelding;
mod afbreken;
mod autorisatie;
mod berekening;
mod betaalruns;
mod contact;
mod eenmalig;
mod rand;
mod rekeningen;
mod uitkering;
mod vermogen;
mod voorschotten;
mod werk;

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
