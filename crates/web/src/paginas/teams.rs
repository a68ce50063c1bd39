//! Teams: iedereen met het recht ziet de teams en hun leden; de functioneel beheerder maakt en
//! wijzigt ze en beheert de leden.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::beheer::TeamDetail;
use vangnet_app::AppFout;
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Template)]
#[template(path = "teams.html")]
struct LijstPagina {
    schil: Schil,
    teams: Vec<TeamDetail>,
    beheren: bool,
    naam: String,
    omschrijving: String,
    fouten: Veldfouten,
}

async fn lijstpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
) -> Result<LijstPagina, WebFout> {
    let teams = staat.app.teams(&wie.ctx).await?;
    Ok(LijstPagina {
        schil: Schil::voor(staat, wie, "Teams", "/teams")
            .kruimel("/teams", "Teams")
            .met_melding(melding),
        teams,
        beheren: wie.ctx.actor.mag(Recht::TeamsBeheren),
        naam: String::new(),
        omschrijving: String::new(),
        fouten: Veldfouten::nieuw(),
    })
}

pub async fn lijst(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &lijstpagina(&staat, &wie, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

pub async fn aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let naam = formulier.veld("naam");
    let omschrijving = formulier.veld("omschrijving");
    match staat
        .app
        .team_aanmaken(&wie.ctx, &naam, &omschrijving)
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/teams/{id}?gedaan=team-aangemaakt")).into_response()),
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = lijstpagina(&staat, &wie, None).await?;
            p.naam = naam;
            p.omschrijving = omschrijving;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "team.html")]
struct DetailPagina {
    schil: Schil,
    team: TeamDetail,
    beheren: bool,
    naam: String,
    omschrijving: String,
    versie: i64,
    nieuw_lid: String,
    fouten: Veldfouten,
    conflict: Option<String>,
}

async fn detailpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    melding: Option<String>,
) -> Result<DetailPagina, WebFout> {
    let team = staat.app.team(&wie.ctx, id).await?;
    Ok(DetailPagina {
        schil: Schil::voor(staat, wie, &format!("Team {}", team.team.naam), "/teams")
            .kruimel("/teams", "Teams")
            .kruimel(&format!("/teams/{id}"), &team.team.naam)
            .met_melding(melding),
        naam: team.team.naam.clone(),
        omschrijving: team.team.omschrijving.clone(),
        versie: team.team.versie,
        team,
        beheren: wie.ctx.actor.mag(Recht::TeamsBeheren),
        nieuw_lid: String::new(),
        fouten: Veldfouten::nieuw(),
        conflict: None,
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
    let naam = formulier.veld("naam");
    let omschrijving = formulier.veld("omschrijving");
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    match staat
        .app
        .team_wijzigen(&wie.ctx, id, &naam, &omschrijving, versie)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/teams/{id}?gedaan=team-gewijzigd")).into_response()),
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = detailpagina(&staat, &wie, id, None).await?;
            p.naam = naam;
            p.omschrijving = omschrijving;
            p.versie = versie;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(AppFout::Conflict(m) | AppFout::Verouderd(m)) => {
            let mut p = detailpagina(&staat, &wie, id, None).await?;
            p.conflict = Some(m);
            Ok(pagina_met_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e.into()),
    }
}

async fn lid(
    staat: WebStaat,
    wie: Ingelogd,
    id: i64,
    formulier: Formulier,
    toevoegen: bool,
) -> Result<Response, WebFout> {
    let naam = formulier.veld("gebruikersnaam");
    match staat.app.teamlid(&wie.ctx, id, &naam, toevoegen).await {
        Ok(()) => {
            let code = if toevoegen {
                "lid-toegevoegd"
            } else {
                "lid-verwijderd"
            };
            Ok(Redirect::to(&format!("/teams/{id}?gedaan={code}")).into_response())
        }
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = detailpagina(&staat, &wie, id, None).await?;
            p.nieuw_lid = naam;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn lid_toevoegen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    lid(staat, wie, id, formulier, true).await
}

pub async fn lid_verwijderen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    lid(staat, wie, id, formulier, false).await
}
