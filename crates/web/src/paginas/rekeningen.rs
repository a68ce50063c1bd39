//! Nieuwe bankrekeningen met vier ogen op het scherm (issue 21 punt 4): de open verzoeken met de
//! oude en de nieuwe rekening, wie het vroeg en waarom; goedkeuren of afwijzen met reden. Wie het
//! zelf vroeg, ziet het verzoek maar kan het niet beoordelen.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::rekeningen::Rekeningwijzigingbeeld;
use vangnet_app::AppFout;
use vangnet_domain::Veldfouten;

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::bevestiging;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Template)]
#[template(path = "rekeningen.html")]
struct RekeningenPagina {
    schil: Schil,
    verzoeken: Vec<Rekeningwijzigingbeeld>,
    fouten: Veldfouten,
}

#[derive(Template)]
#[template(path = "rekening.html")]
struct RekeningPagina {
    schil: Schil,
    v: Rekeningwijzigingbeeld,
    brief: String,
}

/// Eén verzoek met de tekst en het adres van de brief (de brieftaak verwijst hierheen).
pub async fn tonen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let (v, brief) = staat.app.rekeningwijziging(&wie.ctx, id).await?;
    let p = RekeningPagina {
        schil: Schil::voor(&staat, &wie, "Nieuwe bankrekening", "/rekeningen")
            .kruimel("/rekeningen", "Nieuwe bankrekeningen"),
        v,
        brief,
    };
    Ok(pagina_met_status(StatusCode::OK, &p))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct Melding {
    #[serde(default)]
    gedaan: Option<String>,
}

async fn pagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    fouten: Veldfouten,
) -> Result<RekeningenPagina, WebFout> {
    Ok(RekeningenPagina {
        schil: Schil::voor(staat, wie, "Nieuwe bankrekeningen", "/rekeningen"),
        verzoeken: staat.app.rekeningwijzigingen_open(&wie.ctx).await?,
        fouten,
    })
}

pub async fn lijst(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(m): Query<Melding>,
) -> Result<Response, WebFout> {
    let mut p = pagina(&staat, &wie, Veldfouten::nieuw()).await?;
    p.schil = p.schil.met_melding(bevestiging(m.gedaan.as_deref()));
    Ok(pagina_met_status(StatusCode::OK, &p))
}

pub async fn beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let goedkeuren = formulier.veld("besluit") == "goedkeuren";
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    match staat
        .app
        .rekeningwijziging_beoordelen(&wie.ctx, id, versie, goedkeuren, &formulier.veld("reden"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/rekeningen?gedaan={}",
            if goedkeuren {
                "rekening-goedgekeurd"
            } else {
                "rekening-afgewezen"
            }
        ))
        .into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let p = pagina(&staat, &wie, f).await?;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
