//! Het vermogen van een huishouden op het scherm (art. 34 Pw): een opgave invullen met vaste
//! regels (werkt zonder JavaScript), eerst de toets met elk bedrag zoals gelezen, dan vastleggen
//! wat in die toets stond (issue 21 punt 1, de vingerafdruk zoals bij een mutatie), en een
//! onjuiste opgave laten vervallen. De toets staat daarna op het dossier.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::vermogen::{BestanddeelInvoer, VermogenInvoer};
use vangnet_app::AppFout;
use vangnet_domain::bedrag::euro;
use vangnet_domain::vermogen::{Vermogenssoort, Vrijstelling};
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::clienten::dossierpagina;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Zoveel regels heeft het formulier.
const REGELS: usize = 8;

#[derive(Template)]
#[template(path = "vermogen.html")]
struct VermogenPagina {
    schil: Schil,
    dossier_id: i64,
    nummer: String,
    peildatum: String,
    toelichting: String,
    regels: Vec<BestanddeelInvoer>,
    soorten: Vec<(&'static str, &'static str)>,
    vrijstellingen: Vec<(&'static str, &'static str)>,
    /// Na "Toets tonen": de bestanddelen zoals gelezen (soort, omschrijving, bedrag, hypotheek,
    /// vrijstelling) en de toets.
    gelezen: Vec<[String; 5]>,
    toets: Option<String>,
    gecontroleerd: String,
    opnieuw_controleren: bool,
    fouten: Veldfouten,
}

impl VermogenPagina {
    fn fout(&self, i: &usize, veld: &str) -> Option<&str> {
        self.fouten.voor(&format!("bestanddelen[{i}].{veld}"))
    }
}

async fn pagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    dossier_id: i64,
    invoer: VermogenInvoer,
    fouten: Veldfouten,
) -> Result<VermogenPagina, WebFout> {
    let d = staat.app.dossier(&wie.ctx, dossier_id, None, None).await?;
    let mut regels = invoer.bestanddelen;
    regels.resize_with(regels.len().max(REGELS), Default::default);
    Ok(VermogenPagina {
        schil: Schil::voor(staat, wie, "Vermogen vastleggen", "/dossiers")
            .kruimel(
                &format!("/dossiers/{dossier_id}"),
                &format!("Dossier {}", d.dossier.nummer),
            )
            .kruimel(
                &format!("/dossiers/{dossier_id}/vermogen/nieuw"),
                "Vermogen",
            ),
        dossier_id,
        nummer: d.dossier.nummer,
        peildatum: invoer.peildatum,
        toelichting: invoer.toelichting,
        regels,
        soorten: Vermogenssoort::ALLE
            .iter()
            .map(|s| (s.code(), s.naam()))
            .collect(),
        vrijstellingen: Vrijstelling::ALLE
            .iter()
            .map(|v| (v.code(), v.naam()))
            .collect(),
        gelezen: Vec::new(),
        toets: None,
        gecontroleerd: String::new(),
        opnieuw_controleren: false,
        fouten,
    })
}

fn invoer_uit(formulier: &Formulier) -> VermogenInvoer {
    VermogenInvoer {
        peildatum: formulier.veld("peildatum"),
        toelichting: formulier.veld("toelichting"),
        bestanddelen: (0..REGELS)
            .map(|i| {
                let veld = |n: &str| formulier.veld(&format!("bestanddelen[{i}].{n}"));
                BestanddeelInvoer {
                    soort: veld("soort"),
                    omschrijving: veld("omschrijving"),
                    waarde: veld("waarde"),
                    hypotheek: veld("hypotheek"),
                    vrijstelling: veld("vrijstelling"),
                }
            })
            .collect(),
    }
}

/// Een vingerafdruk van wat is ingevuld (de tekst zoals getypt).
fn vingerafdruk(invoer: &VermogenInvoer) -> String {
    crate::invoer::vingerafdruk(
        [invoer.peildatum.as_str(), invoer.toelichting.as_str()]
            .into_iter()
            .chain(invoer.bestanddelen.iter().flat_map(|b| {
                [
                    b.soort.as_str(),
                    b.omschrijving.as_str(),
                    b.waarde.as_str(),
                    b.hypotheek.as_str(),
                    b.vrijstelling.as_str(),
                ]
            })),
    )
}

/// Het formulier met de toets en elk bedrag zoals gelezen (slaat niets op).
async fn voorbeeldpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    invoer: VermogenInvoer,
) -> Result<(StatusCode, VermogenPagina), WebFout> {
    let uitkomst = staat.app.vermogen_voorbeeld(&wie.ctx, id, &invoer).await;
    let afdruk = vingerafdruk(&invoer);
    match uitkomst {
        Ok((delen, toets)) => {
            let mut p = pagina(staat, wie, id, invoer, Veldfouten::nieuw()).await?;
            p.gelezen = delen
                .iter()
                .map(|b| {
                    [
                        b.soort.naam().to_owned(),
                        b.omschrijving.clone(),
                        euro(b.waarde_centen),
                        if b.hypotheek_centen == 0 {
                            String::new()
                        } else {
                            euro(b.hypotheek_centen)
                        },
                        b.vrijstelling.map_or("telt mee", |v| v.naam()).to_owned(),
                    ]
                })
                .collect();
            p.toets = Some(format!(
                "Vermogen {} tegen de grens van {} op {}: {}.",
                euro(toets.vermogen_centen),
                euro(toets.grens_centen),
                toets.peildatum.format("%d-%m-%Y"),
                match toets.oordeel {
                    vangnet_domain::vermogen::Oordeel::StaatNietInDeWeg => {
                        "staat niet aan het recht in de weg".to_owned()
                    }
                    vangnet_domain::vermogen::Oordeel::StaatInDeWeg { boven_grens_centen } => {
                        format!(
                            "staat aan het recht in de weg ({} boven de grens)",
                            euro(boven_grens_centen)
                        )
                    }
                }
            ));
            p.gecontroleerd = afdruk;
            Ok((StatusCode::OK, p))
        }
        Err(AppFout::Ongeldig(f)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            pagina(staat, wie, id, invoer, f).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let (status, p) = voorbeeldpagina(&staat, &wie, id, invoer_uit(&formulier)).await?;
    Ok(pagina_met_status(status, &p))
}

/// Het lege formulier; de peildatum is vandaag.
pub async fn formulier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let vandaag = vangnet_domain::tijd::nl_lokaal(staat.app.klok.nu()).date();
    let invoer = VermogenInvoer {
        peildatum: vandaag.format("%Y-%m-%d").to_string(),
        ..Default::default()
    };
    let p = pagina(&staat, &wie, id, invoer, Veldfouten::nieuw()).await?;
    Ok(pagina_met_status(StatusCode::OK, &p))
}

pub async fn vastleggen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let invoer = invoer_uit(&formulier);
    if formulier.veld("gecontroleerd") != vingerafdruk(&invoer) {
        // Niet wat in de toets stond (of geen toets): eerst de toets, niets vastgelegd.
        let (_, mut p) = voorbeeldpagina(&staat, &wie, id, invoer).await?;
        p.opnieuw_controleren = p.toets.is_some();
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    match staat.app.vermogen_vastleggen(&wie.ctx, id, &invoer).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/dossiers/{id}?gedaan=vermogen-vastgelegd#kop-vermogen"
        ))
        .into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let p = pagina(&staat, &wie, id, invoer, f).await?;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn vervallen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path((id, opgave)): Path<(i64, i64)>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    match staat
        .app
        .vermogensopgave_laten_vervallen(&wie.ctx, id, opgave, &formulier.veld("reden"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/dossiers/{id}?gedaan=vermogen-vervallen#kop-vermogen"
        ))
        .into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = dossierpagina(&staat, &wie, id, Default::default()).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
