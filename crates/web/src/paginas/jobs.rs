//! Jobs op de achtergrond (issue 22 punt 1): wat loopt en wat net liep, met voortgang; annuleren
//! en opnieuw proberen voor wie het werk zelf mag doen. Welke jobs iemand ziet, bepaalt de
//! app-laag (het recht van het werk).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::jobs::Job;
use vangnet_app::AppFout;

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Template)]
#[template(path = "jobs.html")]
struct JobsPagina {
    schil: Schil,
    jobs: Vec<Job>,
    loopt: bool,
    fout: Option<String>,
}

async fn jobspagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
) -> Result<JobsPagina, WebFout> {
    let jobs = staat.app.jobs_van(&wie.ctx, None).await?;
    Ok(JobsPagina {
        schil: Schil::voor(staat, wie, "Jobs op de achtergrond", "/jobs")
            .kruimel("/jobs", "Jobs")
            .met_melding(melding),
        loopt: jobs.iter().any(|j| j.einde.is_none()),
        jobs,
        fout: None,
    })
}

pub async fn overzicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &jobspagina(&staat, &wie, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

async fn na_handeling(
    staat: &WebStaat,
    wie: &Ingelogd,
    uitkomst: Result<(), AppFout>,
    gedaan: &str,
) -> Result<Response, WebFout> {
    match uitkomst {
        Ok(()) => Ok(Redirect::to(&format!("/jobs?gedaan={gedaan}")).into_response()),
        Err(AppFout::Conflict(m) | AppFout::Verouderd(m)) => {
            let mut p = jobspagina(staat, wie, None).await?;
            p.fout = Some(m);
            Ok(pagina_met_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn annuleren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    _formulier: Formulier,
) -> Result<Response, WebFout> {
    let uitkomst = staat.app.job_annuleren(&wie.ctx, id).await;
    na_handeling(&staat, &wie, uitkomst, "job-annuleren").await
}

pub async fn opnieuw(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    _formulier: Formulier,
) -> Result<Response, WebFout> {
    let uitkomst = staat.app.job_opnieuw(&wie.ctx, id).await;
    if uitkomst.is_ok() {
        staat.app.jobs_wekken();
    }
    na_handeling(&staat, &wie, uitkomst, "job-opnieuw").await
}
