//! Gebruikersbeheer door de functioneel beheerder.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::beheer::{GebruikerWijziging, NieuweGebruiker};
use vangnet_app::opslag::{GebruikerRij, TeamRij};
use vangnet_app::AppFout;
use vangnet_domain::beheerverzoek::Verzoeksoort;
use vangnet_domain::{tijd, Rol, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::account::TokenRegel;
use crate::paginas::beheerverzoeken::{self, Verzoekregel};
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een rol als aankruisvakje.
pub struct RolKeuze {
    pub code: &'static str,
    pub naam: &'static str,
    pub gekozen: bool,
    /// Gevraagd, wacht op een tweede functioneel beheerder.
    pub wacht: bool,
}

fn rolkeuzes(gekozen: &[String]) -> Vec<RolKeuze> {
    Rol::ALLE
        .iter()
        .map(|r| RolKeuze {
            code: r.code(),
            naam: r.naam(),
            gekozen: gekozen.iter().any(|g| g == r.code()),
            wacht: false,
        })
        .collect()
}

pub struct GebruikerRegel {
    pub id: i64,
    pub gebruikersnaam: String,
    pub volledige_naam: String,
    pub rollen: String,
    pub status: &'static str,
}

fn regel(g: &GebruikerRij) -> GebruikerRegel {
    GebruikerRegel {
        id: g.id,
        gebruikersnaam: g.gebruikersnaam.clone(),
        volledige_naam: g.volledige_naam.clone(),
        rollen: g
            .rollen
            .iter()
            .map(|r| r.naam())
            .collect::<Vec<_>>()
            .join(", "),
        status: if g.geblokkeerd {
            "Geblokkeerd"
        } else if g.moet_wachtwoord_wijzigen {
            "Wacht op eerste inlog"
        } else {
            "Actief"
        },
    }
}

#[derive(Template)]
#[template(path = "gebruikers.html")]
struct LijstPagina {
    schil: Schil,
    gebruikers: Vec<GebruikerRegel>,
    verzoeken: Vec<Verzoekregel>,
    verzoeken_terug: &'static str,
}

pub async fn lijst(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    let gebruikers = staat.app.gebruikers(&wie.ctx).await?;
    Ok(pagina(&LijstPagina {
        schil: Schil::voor(&staat, &wie, "Gebruikers", "/gebruikers")
            .kruimel("/gebruikers", "Gebruikers")
            .met_melding(bevestiging(q.gedaan.as_deref())),
        gebruikers: gebruikers.iter().map(regel).collect(),
        verzoeken: beheerverzoeken::regels(&staat, &wie, Verzoeksoort::Rollen, None).await?,
        verzoeken_terug: "/gebruikers",
    }))
}

#[derive(Template)]
#[template(path = "gebruiker_nieuw.html")]
struct NieuwPagina {
    schil: Schil,
    gebruikersnaam: String,
    volledige_naam: String,
    rollen: Vec<RolKeuze>,
    fouten: Veldfouten,
}

fn nieuwpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    invoer: &NieuweGebruiker,
    fouten: Veldfouten,
) -> NieuwPagina {
    NieuwPagina {
        schil: Schil::voor(staat, wie, "Nieuwe gebruiker", "/gebruikers")
            .kruimel("/gebruikers", "Gebruikers")
            .kruimel("/gebruikers/nieuw", "Nieuwe gebruiker"),
        gebruikersnaam: invoer.gebruikersnaam.clone(),
        volledige_naam: invoer.volledige_naam.clone(),
        rollen: rolkeuzes(&invoer.rollen),
        fouten,
    }
}

pub async fn nieuw(State(staat): State<WebStaat>, wie: Ingelogd) -> Result<Response, WebFout> {
    // Eerst het recht: wie geen gebruikers mag beheren, krijgt ook het formulier niet.
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::GebruikersBeheren)
        .map_err(WebFout::from)?;
    Ok(pagina(&nieuwpagina(
        &staat,
        &wie,
        &NieuweGebruiker::default(),
        Veldfouten::nieuw(),
    )))
}

#[derive(Template)]
#[template(path = "eenmalig_wachtwoord.html")]
struct EenmaligPagina {
    schil: Schil,
    id: i64,
    gebruikersnaam: String,
    wachtwoord: String,
    nieuw: bool,
    /// De rollen wachten op een tweede functioneel beheerder.
    rollen_wachten: bool,
}

pub async fn aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let invoer = NieuweGebruiker {
        gebruikersnaam: formulier.veld("gebruikersnaam"),
        volledige_naam: formulier.veld("volledige_naam"),
        rollen: formulier.alle("rollen"),
    };
    match staat.app.gebruiker_aanmaken(&wie.ctx, &invoer).await {
        Ok((id, wachtwoord)) => Ok(pagina(&EenmaligPagina {
            schil: Schil::voor(&staat, &wie, "Gebruiker aangemaakt", "/gebruikers")
                .kruimel("/gebruikers", "Gebruikers"),
            id,
            gebruikersnaam: invoer.gebruikersnaam.trim().to_lowercase(),
            wachtwoord,
            nieuw: true,
            rollen_wachten: !beheerverzoeken::regels(&staat, &wie, Verzoeksoort::Rollen, Some(id))
                .await?
                .is_empty(),
        })),
        Err(AppFout::Ongeldig(fouten)) => Ok(pagina_met_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &nieuwpagina(&staat, &wie, &invoer, fouten),
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "gebruiker.html")]
struct DetailPagina {
    schil: Schil,
    id: i64,
    gebruikersnaam: String,
    volledige_naam: String,
    rollen: Vec<RolKeuze>,
    geblokkeerd: bool,
    versie: i64,
    reden: String,
    aangemaakt: String,
    gewijzigd: String,
    teams: Vec<TeamRij>,
    tokens: Vec<TokenRegel>,
    fouten: Veldfouten,
    conflict: Option<String>,
    /// Rollen voor deze gebruiker die op een tweede beheerder wachten.
    verzoeken: Vec<Verzoekregel>,
    verzoeken_terug: String,
}

async fn detailpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    melding: Option<String>,
) -> Result<DetailPagina, WebFout> {
    let d = staat.app.gebruiker(&wie.ctx, id).await?;
    let g = &d.gebruiker;
    let open: Vec<_> = staat
        .app
        .beheerverzoeken(&wie.ctx)
        .await?
        .into_iter()
        .filter(|b| b.verzoek.soort == Verzoeksoort::Rollen && b.verzoek.gebruiker_id == id)
        .collect();
    let wachtend: Vec<Rol> = open.iter().flat_map(|b| b.rollen.clone()).collect();
    let rollen: Vec<String> = g
        .rollen
        .iter()
        .chain(&wachtend)
        .map(|r| r.code().to_owned())
        .collect();
    let mut keuzes = rolkeuzes(&rollen);
    for k in &mut keuzes {
        k.wacht = wachtend.iter().any(|r| r.code() == k.code)
            && !g.rollen.iter().any(|r| r.code() == k.code);
    }
    Ok(DetailPagina {
        schil: Schil::voor(
            staat,
            wie,
            &format!("Gebruiker {}", g.gebruikersnaam),
            "/gebruikers",
        )
        .kruimel("/gebruikers", "Gebruikers")
        .kruimel(&format!("/gebruikers/{id}"), &g.gebruikersnaam)
        .met_melding(melding),
        id,
        gebruikersnaam: g.gebruikersnaam.clone(),
        volledige_naam: g.volledige_naam.clone(),
        rollen: keuzes,
        geblokkeerd: g.geblokkeerd,
        versie: g.versie,
        reden: String::new(),
        aangemaakt: tijd::nl_weergave(g.aangemaakt_op),
        gewijzigd: tijd::nl_weergave(g.gewijzigd_op),
        teams: d.teams.clone(),
        tokens: d
            .tokens
            .iter()
            .map(|t| TokenRegel::van(t, staat.app.klok.nu()))
            .collect(),
        fouten: Veldfouten::nieuw(),
        conflict: None,
        verzoeken: open.into_iter().map(beheerverzoeken::regel).collect(),
        verzoeken_terug: format!("/gebruikers/{id}"),
    })
}

pub async fn detail(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &detailpagina(&staat, &wie, id, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

pub async fn wijzigen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let w = GebruikerWijziging {
        volledige_naam: formulier.veld("volledige_naam"),
        rollen: formulier.alle("rollen"),
        geblokkeerd: formulier.aangevinkt("geblokkeerd"),
        versie: formulier.veld("versie").trim().parse().unwrap_or(-1),
        reden: formulier.veld("reden"),
    };
    match staat.app.gebruiker_wijzigen(&wie.ctx, id, &w).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/gebruikers/{id}?gedaan=gebruiker-gewijzigd")).into_response(),
        ),
        Err(AppFout::Ongeldig(fouten)) => {
            // Het formulier houdt wat er getypt was.
            let mut p = detailpagina(&staat, &wie, id, None).await?;
            p.volledige_naam = w.volledige_naam;
            p.rollen = rolkeuzes(&w.rollen);
            p.geblokkeerd = w.geblokkeerd;
            p.versie = w.versie;
            p.reden = w.reden;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(AppFout::Conflict(m) | AppFout::Verouderd(m)) => {
            // De nieuwe stand uit de database, met de melding; de getypte reden blijft staan.
            let mut p = detailpagina(&staat, &wie, id, None).await?;
            p.conflict = Some(m);
            p.reden = w.reden;
            Ok(pagina_met_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn wachtwoord_resetten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let wachtwoord = staat.app.wachtwoord_resetten(&wie.ctx, id).await?;
    let g = staat.app.gebruiker(&wie.ctx, id).await?;
    Ok(pagina(&EenmaligPagina {
        schil: Schil::voor(&staat, &wie, "Wachtwoord gereset", "/gebruikers")
            .kruimel("/gebruikers", "Gebruikers")
            .kruimel(&format!("/gebruikers/{id}"), &g.gebruiker.gebruikersnaam),
        id,
        gebruikersnaam: g.gebruiker.gebruikersnaam,
        wachtwoord,
        nieuw: false,
        rollen_wachten: false,
    }))
}
