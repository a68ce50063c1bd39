//! De schil om elke pagina: kop met de naam van de gemeente, navigatie naar rol, kruimelpad,
//! de ingelogde gebruiker met de uitlogknop, en het operatie-id in de voet.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use vangnet_app::Actor;
use vangnet_domain::Recht;

use crate::fout::WebFout;
use crate::sessie::Ingelogd;
use crate::WebStaat;

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub actief: bool,
}

pub struct Kruimel {
    pub href: String,
    pub label: String,
}

/// Wat de basispagina (templates/basis.html) nodig heeft.
pub struct Schil {
    pub titel: String,
    pub gemeente: String,
    pub gebruiker: Option<String>,
    pub rollen: String,
    pub nav: Vec<NavItem>,
    pub kruimels: Vec<Kruimel>,
    pub csrf: String,
    pub operatie_id: String,
    /// Een bevestiging bovenaan ("Team aangemaakt.").
    pub melding: Option<String>,
    /// Het zoekvak in de kop tonen (wie cliënten mag inzien).
    pub zoeken: bool,
    /// Wat er in het zoekvak staat.
    pub zoekvraag: String,
    /// Demo-installatie: banner tonen.
    pub demo: bool,
}

/// De navigatie voor deze actor: alleen wat hij mag.
fn navigatie(actor: &Actor, huidig: &str) -> Vec<NavItem> {
    let mut items = vec![("/", "Start", true)];
    items.push((
        "/dossiers/nieuw",
        "Nieuwe aanvraag",
        actor.mag(Recht::DossiersRegistreren),
    ));
    items.push((
        "/telefoon",
        "Telefoon",
        actor.mag(Recht::ContactmomentenVastleggen),
    ));
    items.push((
        "/contactmomenten",
        "Contactmomenten",
        actor.mag(Recht::ContactmomentenInzien),
    ));
    items.push((
        "/proefberekening",
        "Proefberekening",
        actor.mag(Recht::ClientenInzien),
    ));
    items.push(("/teams", "Teams", actor.mag(Recht::TeamsInzien)));
    items.push(("/normen", "Normen", true));
    items.push((
        "/betaalruns",
        "Betaalruns",
        actor.mag(Recht::BetaalrunStarten) || actor.mag(Recht::BetaalrunGoedkeuren),
    ));
    items.push((
        "/gebruikers",
        "Gebruikers",
        actor.mag(Recht::GebruikersBeheren),
    ));
    items.push(("/audit", "Audittrail", actor.mag(Recht::AuditInzien)));
    items.push((
        "/toegangslog",
        "Toegangslog",
        actor.mag(Recht::ToegangslogInzien),
    ));
    items.push(("/account", "Mijn account", true));
    items
        .into_iter()
        .filter(|(_, _, mag)| *mag)
        .map(|(href, label, _)| NavItem {
            href,
            label,
            actief: if href == "/" {
                huidig == "/"
            } else {
                huidig.starts_with(href)
            },
        })
        .collect()
}

impl Schil {
    /// Een nieuwe verzoeksleutel, voor elk formulier een eigen (zie `crate::eenmalig`).
    pub fn verzoeksleutel(&self) -> String {
        vangnet_app::geheim::willekeurig_hex(16)
    }

    /// De schil voor een ingelogde gebruiker op pagina `pad`.
    pub fn voor(staat: &WebStaat, wie: &Ingelogd, titel: &str, pad: &str) -> Schil {
        let rollen: Vec<&str> = wie.ctx.actor.rollen().iter().map(|r| r.naam()).collect();
        let naam = match &wie.ctx.actor {
            Actor::Gebruiker { volledige_naam, .. } => volledige_naam.clone(),
            a => a.omschrijving(),
        };
        Schil {
            titel: titel.to_owned(),
            gemeente: staat.instellingen.gemeente.clone(),
            gebruiker: Some(naam),
            rollen: rollen.join(", "),
            nav: navigatie(&wie.ctx.actor, pad),
            kruimels: Vec::new(),
            csrf: wie.csrf.clone().unwrap_or_default(),
            operatie_id: wie.ctx.operatie_id.clone(),
            melding: None,
            zoeken: wie.ctx.actor.mag(Recht::ClientenInzien),
            zoekvraag: String::new(),
            demo: staat.instellingen.demo,
        }
    }

    /// De schil zonder gebruiker (inlogpagina, foutpagina's).
    pub fn anoniem(staat: &WebStaat, titel: &str, operatie_id: &str) -> Schil {
        let gemeente = staat.instellingen.gemeente.as_str();
        Schil {
            titel: titel.to_owned(),
            gemeente: gemeente.to_owned(),
            gebruiker: None,
            rollen: String::new(),
            nav: Vec::new(),
            kruimels: Vec::new(),
            csrf: String::new(),
            operatie_id: operatie_id.to_owned(),
            melding: None,
            zoeken: false,
            zoekvraag: String::new(),
            demo: staat.instellingen.demo,
        }
    }

    pub fn kruimel(mut self, href: &str, label: &str) -> Schil {
        self.kruimels.push(Kruimel {
            href: href.to_owned(),
            label: label.to_owned(),
        });
        self
    }

    pub fn met_melding(mut self, melding: Option<String>) -> Schil {
        self.melding = melding;
        self
    }
}

/// 200 als er geen fouten in de invoer zijn, anders 422 (de pagina toont ze bij de velden).
pub fn status_voor(fouten: &vangnet_domain::Veldfouten) -> StatusCode {
    if fouten.is_leeg() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Rendert een pagina met status 200.
pub fn pagina<T: Template>(t: &T) -> Response {
    pagina_met_status(StatusCode::OK, t)
}

/// Rendert een pagina met een andere status (bv. 422 voor een formulier met fouten).
pub fn pagina_met_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => WebFout::Intern(format!("sjabloon: {e}")).into_response(),
    }
}
