//! Het recht dat elke route vraagt, gecontroleerd vóór de invoer gelezen wordt (issue 17, punt
//! 14): wie het recht niet heeft, krijgt 403, nooit een 400 of 422 over invoer die hij niet eens
//! mocht sturen. De use cases controleren het recht zelf ook (de app-laag is de grens); dit is de
//! eerste deur. Routes die hier niet staan, zijn openbaar of voor iedereen die is ingelogd.
//! `tests/http/autorisatie.rs` toetst het gedrag van elke route los van deze tabel.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use vangnet_domain::Recht;

use crate::fout::WebFout;

/// Wat een route vraagt.
#[derive(Debug, Clone, Copy)]
enum Vereist {
    Een(Recht),
    EenVan(Recht, Recht),
}
use Vereist::{Een, EenVan};

/// (methode, patroon zoals in de router, recht).
const ROUTES: &[(&str, &str, Vereist)] = &[
    ("GET", "/gebruikers", Een(Recht::GebruikersBeheren)),
    ("POST", "/gebruikers", Een(Recht::GebruikersBeheren)),
    ("GET", "/gebruikers/nieuw", Een(Recht::GebruikersBeheren)),
    ("GET", "/gebruikers/{id}", Een(Recht::GebruikersBeheren)),
    ("POST", "/gebruikers/{id}", Een(Recht::GebruikersBeheren)),
    (
        "POST",
        "/gebruikers/{id}/wachtwoord-reset",
        Een(Recht::GebruikersBeheren),
    ),
    (
        "POST",
        "/beheerverzoeken/{id}/beoordelen",
        EenVan(Recht::GebruikersBeheren, Recht::WerkInrichten),
    ),
    ("GET", "/teams", Een(Recht::TeamsInzien)),
    ("POST", "/teams", Een(Recht::TeamsBeheren)),
    ("GET", "/teams/{id}", Een(Recht::TeamsInzien)),
    ("POST", "/teams/{id}", Een(Recht::TeamsBeheren)),
    ("POST", "/teams/{id}/leden", Een(Recht::TeamsBeheren)),
    (
        "POST",
        "/teams/{id}/leden/verwijderen",
        Een(Recht::TeamsBeheren),
    ),
    ("GET", "/zoeken", Een(Recht::ClientenInzien)),
    ("GET", "/dossiers/nieuw", Een(Recht::DossiersRegistreren)),
    ("POST", "/dossiers", Een(Recht::DossiersRegistreren)),
    ("GET", "/dossiers/{id}", Een(Recht::ClientenInzien)),
    ("GET", "/personen/bsn", Een(Recht::ClientenInzien)),
    ("GET", "/personen/{id}", Een(Recht::ClientenInzien)),
    ("GET", "/audit", Een(Recht::AuditInzien)),
    ("GET", "/audit/controle", Een(Recht::AuditInzien)),
    ("GET", "/toegangslog", Een(Recht::ToegangslogInzien)),
    ("GET", "/api/v1/gebruikers", Een(Recht::GebruikersBeheren)),
    ("POST", "/api/v1/gebruikers", Een(Recht::GebruikersBeheren)),
    (
        "GET",
        "/api/v1/gebruikers/{id}",
        Een(Recht::GebruikersBeheren),
    ),
    ("GET", "/api/v1/teams", Een(Recht::TeamsInzien)),
    ("POST", "/api/v1/teams", Een(Recht::TeamsBeheren)),
    ("GET", "/api/v1/zoeken", Een(Recht::ClientenInzien)),
    ("GET", "/api/v1/personen/{id}", Een(Recht::ClientenInzien)),
    (
        "GET",
        "/api/v1/huishoudens/{id}",
        Een(Recht::ClientenInzien),
    ),
    ("POST", "/api/v1/dossiers", Een(Recht::DossiersRegistreren)),
    ("GET", "/api/v1/dossiers/{id}", Een(Recht::ClientenInzien)),
    (
        "GET",
        "/personen/{id}/wijzigen",
        Een(Recht::DossiersRegistreren),
    ),
    ("POST", "/personen/{id}", Een(Recht::DossiersRegistreren)),
    ("GET", "/proefberekening", Een(Recht::ClientenInzien)),
    ("POST", "/taken", Een(Recht::ClientenInzien)),
    ("GET", "/taken/{id}", Een(Recht::ClientenInzien)),
    ("POST", "/taken/{id}/status", Een(Recht::ClientenInzien)),
    (
        "POST",
        "/dossiers/{id}/toewijzen",
        Een(Recht::TakenToewijzen),
    ),
    (
        "POST",
        "/dossiers/{id}/uitsluiten",
        Een(Recht::AfwezigheidRegistreren),
    ),
    (
        "POST",
        "/dossiers/{id}/uitkering",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/mutaties",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/mutaties/voorbeeld",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/dossiers/{id}/mutaties/nieuw",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/mutaties/{id}/beoordelen",
        Een(Recht::UitkeringenBeheren),
    ),
    ("GET", "/mutaties/{id}", Een(Recht::UitkeringenBeheren)),
    (
        "GET",
        "/dossiers/{id}/toekennen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/afhandelen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/toekennen/voorbeeld",
        Een(Recht::UitkeringenBeheren),
    ),
    ("GET", "/toekenningen/{id}", Een(Recht::UitkeringenBeheren)),
    (
        "POST",
        "/toekenningen/{id}/beoordelen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/betaalruns/tussentijds",
        Een(Recht::BetaalrunStarten),
    ),
    (
        "GET",
        "/dossiers/{id}/voorschotten",
        Een(Recht::ClientenInzien),
    ),
    ("GET", "/rekeningen", Een(Recht::UitkeringenBeheren)),
    ("GET", "/rekeningen/{id}", Een(Recht::UitkeringenBeheren)),
    (
        "POST",
        "/rekeningen/{id}/beoordelen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/voorschotten",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/voorschotten/berekenen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/api/v1/dossiers/{id}/voorschotten",
        Een(Recht::ClientenInzien),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/voorschotten",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/vermogen/voorbeeld",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/vermogen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/dossiers/{id}/vermogen/nieuw",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/dossiers/{id}/vermogen/{opgave}/vervallen",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/api/v1/dossiers/{id}/vermogen",
        Een(Recht::ClientenInzien),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/vermogen",
        Een(Recht::UitkeringenBeheren),
    ),
    ("GET", "/teams/{id}/werk", Een(Recht::TakenToewijzen)),
    ("GET", "/teams/{id}/werk.csv", Een(Recht::TakenToewijzen)),
    (
        "POST",
        "/teams/{id}/afwezigheid",
        Een(Recht::AfwezigheidRegistreren),
    ),
    (
        "POST",
        "/teams/{id}/herverdelen",
        Een(Recht::TakenToewijzen),
    ),
    ("GET", "/werk/inrichting", Een(Recht::WerkInrichten)),
    ("POST", "/werk/servicenormen", Een(Recht::WerkInrichten)),
    ("POST", "/werk/vier-ogen", Een(Recht::WerkInrichten)),
    ("POST", "/werk/gewichten", Een(Recht::WerkInrichten)),
    ("POST", "/werk/postcodegebieden", Een(Recht::WerkInrichten)),
    (
        "POST",
        "/werk/contactonderwerpen",
        Een(Recht::WerkInrichten),
    ),
    ("POST", "/normen", Een(Recht::NormenBeheren)),
    ("POST", "/normen/voorbeeld", Een(Recht::NormenBeheren)),
    // Welke job iemand mag stoppen of opnieuw proberen, hangt af van haar soort (app-laag).
    (
        "POST",
        "/jobs/{id}/annuleren",
        EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
    ),
    (
        "POST",
        "/jobs/{id}/opnieuw",
        EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
    ),
    (
        "GET",
        "/dossiers/{id}/berekening",
        Een(Recht::ClientenInzien),
    ),
    (
        "GET",
        "/api/v1/dossiers/{id}/uitkering",
        Een(Recht::ClientenInzien),
    ),
    (
        "POST",
        "/api/v1/uitkeringen/{id}/mutaties",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/uitkeringen/{id}/mutaties/voorbeeld",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/mutaties/{id}/beoordeling",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/api/v1/contactmomenten",
        Een(Recht::ContactmomentenInzien),
    ),
    (
        "POST",
        "/api/v1/contactmomenten",
        Een(Recht::ContactmomentenVastleggen),
    ),
    (
        "GET",
        "/api/v1/contactmomenten/{id}",
        Een(Recht::ContactmomentenInzien),
    ),
    ("GET", "/api/v1/audit", Een(Recht::AuditInzien)),
    ("GET", "/api/v1/toegangslog", Een(Recht::ToegangslogInzien)),
    (
        "POST",
        "/api/v1/dossiers/{id}/vermogen/voorbeeld",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/proefberekening",
        Een(Recht::ClientenInzien),
    ),
    (
        "GET",
        "/api/v1/dossiers/{id}/berekening",
        Een(Recht::ClientenInzien),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/vermogen/{opgave}/vervallen",
        Een(Recht::UitkeringenBeheren),
    ),
    ("GET", "/api/v1/audit/controle", Een(Recht::AuditInzien)),
    ("GET", "/api/v1/werk/inrichting", Een(Recht::WerkInrichten)),
    (
        "POST",
        "/api/v1/werk/servicenormen",
        Een(Recht::WerkInrichten),
    ),
    ("POST", "/api/v1/werk/gewichten", Een(Recht::WerkInrichten)),
    ("POST", "/api/v1/werk/vier-ogen", Een(Recht::WerkInrichten)),
    (
        "POST",
        "/api/v1/werk/postcodegebieden",
        Een(Recht::WerkInrichten),
    ),
    (
        "POST",
        "/api/v1/werk/contactonderwerpen",
        Een(Recht::WerkInrichten),
    ),
    (
        "POST",
        "/api/v1/werk/gelijkgestelde-dagen",
        Een(Recht::WerkInrichten),
    ),
    (
        "POST",
        "/api/v1/werk/gelijkgestelde-dagen/{datum}/verwijdering",
        Een(Recht::WerkInrichten),
    ),
    ("GET", "/api/v1/teams/{id}", Een(Recht::TeamsInzien)),
    ("POST", "/api/v1/teams/{id}", Een(Recht::TeamsBeheren)),
    ("POST", "/api/v1/teams/{id}/leden", Een(Recht::TeamsBeheren)),
    (
        "POST",
        "/api/v1/gebruikers/{id}",
        Een(Recht::GebruikersBeheren),
    ),
    (
        "POST",
        "/api/v1/gebruikers/{id}/wachtwoord-reset",
        Een(Recht::GebruikersBeheren),
    ),
    (
        "POST",
        "/api/v1/beheerverzoeken/{id}/beoordeling",
        EenVan(Recht::GebruikersBeheren, Recht::WerkInrichten),
    ),
    ("GET", "/api/v1/rekeningen", Een(Recht::UitkeringenBeheren)),
    (
        "GET",
        "/api/v1/rekeningen/{id}",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/rekeningen/{id}/beoordeling",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/api/v1/mutaties/{id}",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/uitsluitingen",
        Een(Recht::AfwezigheidRegistreren),
    ),
    (
        "GET",
        "/api/v1/betaalruns/{id}/regels",
        Een(Recht::BetaalbestandDownloaden),
    ),
    ("POST", "/api/v1/normen", Een(Recht::NormenBeheren)),
    (
        "POST",
        "/api/v1/normen/voorbeeld",
        Een(Recht::NormenBeheren),
    ),
    ("GET", "/api/v1/teams/{id}/werk", Een(Recht::TakenToewijzen)),
    (
        "POST",
        "/api/v1/teams/{id}/herverdeling",
        Een(Recht::TakenToewijzen),
    ),
    (
        "POST",
        "/api/v1/afwezigheden",
        Een(Recht::AfwezigheidRegistreren),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/toewijzing",
        Een(Recht::TakenToewijzen),
    ),
    (
        "POST",
        "/api/v1/personen/{id}/wijziging",
        Een(Recht::DossiersRegistreren),
    ),
    (
        "POST",
        "/api/v1/contactmomenten/{id}/koppeling",
        Een(Recht::ContactmomentenVastleggen),
    ),
    (
        "POST",
        "/api/v1/taken/{id}/terugbellen",
        Een(Recht::ContactmomentenVastleggen),
    ),
    ("GET", "/api/v1/taken", Een(Recht::ClientenInzien)),
    ("POST", "/api/v1/taken", Een(Recht::ClientenInzien)),
    ("GET", "/api/v1/taken/{id}", Een(Recht::ClientenInzien)),
    (
        "POST",
        "/api/v1/taken/{id}/status",
        Een(Recht::ClientenInzien),
    ),
    (
        "GET",
        "/api/v1/contactonderwerpen",
        Een(Recht::ContactmomentenInzien),
    ),
    (
        "POST",
        "/api/v1/jobs/{id}/annuleren",
        EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
    ),
    (
        "POST",
        "/api/v1/jobs/{id}/opnieuw",
        EenVan(Recht::BetaalrunStarten, Recht::NormenBeheren),
    ),
    (
        "GET",
        "/api/v1/betaalruns",
        EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
    ),
    ("POST", "/api/v1/betaalruns", Een(Recht::BetaalrunStarten)),
    (
        "GET",
        "/api/v1/betaalruns/{id}",
        EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
    ),
    (
        "POST",
        "/api/v1/betaalruns/{id}/berekenen",
        Een(Recht::BetaalrunStarten),
    ),
    (
        "POST",
        "/api/v1/betaalruns/{id}/goedkeuring",
        Een(Recht::BetaalrunGoedkeuren),
    ),
    (
        "POST",
        "/api/v1/betaalruns/{id}/afbreken",
        Een(Recht::BetaalrunStarten),
    ),
    (
        "GET",
        "/api/v1/betaalruns/{id}/betaalbestand",
        Een(Recht::BetaalbestandDownloaden),
    ),
    (
        "GET",
        "/api/v1/dossiers/{id}/betalingen",
        Een(Recht::ClientenInzien),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/uitkering",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/uitkering/voorbeeld",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/dossiers/{id}/afhandeling",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/api/v1/toekenningen/{id}",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "POST",
        "/api/v1/toekenningen/{id}/beoordeling",
        Een(Recht::UitkeringenBeheren),
    ),
    (
        "GET",
        "/betaalruns",
        EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
    ),
    ("POST", "/betaalruns", Een(Recht::BetaalrunStarten)),
    (
        "GET",
        "/betaalruns/{id}",
        EenVan(Recht::BetaalrunStarten, Recht::BetaalrunGoedkeuren),
    ),
    (
        "POST",
        "/betaalruns/{id}/berekenen",
        Een(Recht::BetaalrunStarten),
    ),
    (
        "POST",
        "/betaalruns/{id}/goedkeuren",
        Een(Recht::BetaalrunGoedkeuren),
    ),
    (
        "POST",
        "/betaalruns/{id}/afbreken",
        Een(Recht::BetaalrunStarten),
    ),
    (
        "GET",
        "/betaalruns/{id}/pain.xml",
        Een(Recht::BetaalbestandDownloaden),
    ),
    (
        "GET",
        "/betaalruns/{id}/regels.csv",
        Een(Recht::BetaalbestandDownloaden),
    ),
    (
        "GET",
        "/dossiers/{id}/betalingen",
        Een(Recht::ClientenInzien),
    ),
    ("GET", "/telefoon", Een(Recht::ContactmomentenVastleggen)),
    ("POST", "/telefoon", Een(Recht::ContactmomentenVastleggen)),
    ("GET", "/contactmomenten", Een(Recht::ContactmomentenInzien)),
    (
        "POST",
        "/contactmomenten/{id}/koppelen",
        Een(Recht::ContactmomentenVastleggen),
    ),
    (
        "GET",
        "/taken/{id}/terugbellen",
        Een(Recht::ContactmomentenVastleggen),
    ),
    (
        "POST",
        "/taken/{id}/terugbellen",
        Een(Recht::ContactmomentenVastleggen),
    ),
];

fn vereist(methode: &str, patroon: &str) -> Option<Vereist> {
    ROUTES
        .iter()
        .find(|(m, p, _)| *m == methode && *p == patroon)
        .map(|(_, _, v)| *v)
}

/// Weigert met 403 wie is aangemeld maar het recht van de route niet heeft. Wie niet is
/// aangemeld, gaat door: de handler antwoordt dan met 401 of het inlogscherm.
pub async fn controleren(req: Request, next: Next) -> Response {
    let Some(patroon) = req.extensions().get::<MatchedPath>() else {
        return next.run(req).await;
    };
    let methode = if req.method() == axum::http::Method::HEAD {
        "GET"
    } else {
        req.method().as_str()
    };
    let (Some(v), Some(actor)) = (
        vereist(methode, patroon.as_str()),
        crate::aanmelding::actor(&req),
    ) else {
        return next.run(req).await;
    };
    // `vereist` zegt waarom niet (bij een token: het bereik); bij twee rechten de reden van
    // het eerste.
    let uitkomst = match v {
        Een(r) => actor.vereist(r),
        EenVan(a, b) => actor
            .vereist(a)
            .or_else(|e| actor.vereist(b).map_err(|_| e)),
    };
    match uitkomst {
        Ok(()) => next.run(req).await,
        Err(e) => WebFout::from(e).into_response(),
    }
}
