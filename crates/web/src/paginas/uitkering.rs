//! De uitkering toekennen (issue 21 punt 2): een formulier met ernaast wat de toekenning per
//! maand betaalt, zoals bij een mutatie; "Toekennen" staat pas bij dat voorbeeld en slaat
//! alleen op wat erin stond. Vraagt de toekenning vier ogen, dan beoordeelt een tweede consulent
//! haar op één scherm. Mutaties staan in [`crate::paginas::mutatie`].

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::uitkeringen::{
    Afhandeling, Toekenning, Toekenningsbeoordeling, Toekenningsinvoer, Toekenningsvoorbeeld,
};
use vangnet_app::AppFout;
use vangnet_domain::bedrag::euro;
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::berekening::{weergave, Weergave};
use crate::paginas::clienten::nl_datum;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een toekenning zoals het scherm haar toont.
pub struct Voorbeeldweergave {
    /// (maand, uitbetaling of waarom niet te berekenen, nabetaling?)
    pub maanden: Vec<(String, String, bool)>,
    pub totaal: String,
    pub nabetaling: String,
    pub vier_ogen: Option<String>,
    pub uitleg: Option<Weergave>,
    pub berekend_tot: Option<String>,
    pub begin: String,
}

fn voorbeeldweergave(v: &Toekenningsvoorbeeld, vandaag: chrono::NaiveDate) -> Voorbeeldweergave {
    let deze_maand = vandaag.with_day0(0).unwrap_or(vandaag);
    Voorbeeldweergave {
        maanden: v
            .maanden
            .iter()
            .map(|(m, b)| {
                (
                    vangnet_domain::tijd::maand_weergave(*m),
                    b.as_ref().map_or_else(Clone::clone, |c| euro(*c)),
                    *m < deze_maand,
                )
            })
            .collect(),
        totaal: euro(v.totaal),
        nabetaling: euro(v.nabetaling),
        vier_ogen: v.vier_ogen.clone(),
        uitleg: v.uitleg.as_ref().map(weergave),
        berekend_tot: v.berekend_tot.map(|d| nl_datum(&d)),
        begin: nl_datum(&v.begin),
    }
}

use chrono::Datelike;

#[derive(Template)]
#[template(path = "toekennen.html")]
struct ToekennenPagina {
    schil: Schil,
    dossier_id: i64,
    nummer: String,
    begindatum: String,
    inhoud: String,
    bijzondere_reden: String,
    voorbeeld: Option<Voorbeeldweergave>,
    gecontroleerd: String,
    opnieuw_controleren: bool,
    /// Niet toekennen: hoe de aanvraag eindigt, en de grond (wat getypt was, na een fout).
    afhandelingen: Vec<(&'static str, &'static str)>,
    uitkomst: String,
    grond: String,
    fouten: Veldfouten,
}

/// Wat is ingevuld.
struct Ingevuld {
    begindatum: String,
    inhoud: String,
    bijzondere_reden: String,
}

impl Ingevuld {
    fn uit(f: &Formulier) -> Self {
        Ingevuld {
            begindatum: f.veld("begindatum"),
            inhoud: f.veld("inhoud"),
            bijzondere_reden: f.veld("bijzondere_reden"),
        }
    }

    fn invoer(&self) -> Toekenningsinvoer<'_> {
        Toekenningsinvoer {
            begindatum: &self.begindatum,
            inhoud: &self.inhoud,
            bijzondere_reden: &self.bijzondere_reden,
        }
    }

    /// Een vingerafdruk van wat is ingevuld: "Toekennen" slaat alleen op wat in het voorbeeld
    /// stond.
    fn vingerafdruk(&self) -> String {
        crate::invoer::vingerafdruk([
            self.begindatum.as_str(),
            self.inhoud.as_str(),
            self.bijzondere_reden.as_str(),
        ])
    }
}

async fn toekennenpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    dossier_id: i64,
    ingevuld: Ingevuld,
    voorbeeld: bool,
) -> Result<(StatusCode, ToekennenPagina), WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let d = staat.app.dossier(&wie.ctx, dossier_id, None, None).await?;
    let mut p = ToekennenPagina {
        schil: Schil::voor(staat, wie, "Uitkering toekennen", "/dossiers")
            .kruimel(
                &format!("/dossiers/{dossier_id}"),
                &format!("Dossier {}", d.dossier.nummer),
            )
            .kruimel(&format!("/dossiers/{dossier_id}/toekennen"), "Toekennen"),
        dossier_id,
        nummer: d.dossier.nummer.clone(),
        begindatum: ingevuld.begindatum.clone(),
        inhoud: ingevuld.inhoud.clone(),
        bijzondere_reden: ingevuld.bijzondere_reden.clone(),
        voorbeeld: None,
        gecontroleerd: String::new(),
        opnieuw_controleren: false,
        afhandelingen: Afhandeling::ALLE
            .iter()
            .map(|a| (a.code(), a.naam()))
            .collect(),
        uitkomst: String::new(),
        grond: String::new(),
        fouten: Veldfouten::nieuw(),
    };
    let mut status = StatusCode::OK;
    if voorbeeld {
        match staat
            .app
            .toekenning_voorbeeld(&wie.ctx, dossier_id, &ingevuld.invoer())
            .await
        {
            Ok(v) => {
                let vandaag = vangnet_domain::tijd::nl_lokaal(staat.app.klok.nu()).date();
                p.voorbeeld = Some(voorbeeldweergave(&v, vandaag));
                p.gecontroleerd = ingevuld.vingerafdruk();
            }
            Err(AppFout::Ongeldig(f)) => {
                p.fouten = f;
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok((status, p))
}

/// Het formulier, met de dag van de melding als begin.
pub async fn formulier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let d = staat.app.dossier(&wie.ctx, id, None, None).await?;
    let ingevuld = Ingevuld {
        begindatum: d.dossier.gemeld_op.format("%Y-%m-%d").to_string(),
        inhoud: "Algemene bijstand toegekend".into(),
        bijzondere_reden: String::new(),
    };
    let (status, p) = toekennenpagina(&staat, &wie, id, ingevuld, true).await?;
    Ok(pagina_met_status(status, &p))
}

/// Het formulier met wat de toekenning per maand betaalt (slaat niets op).
pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let (status, p) = toekennenpagina(&staat, &wie, id, Ingevuld::uit(&formulier), true).await?;
    Ok(pagina_met_status(status, &p))
}

/// Kent toe (of legt voor aan een tweede consulent) wat in het voorbeeld stond.
pub async fn toekennen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let ingevuld = Ingevuld::uit(&formulier);
    if formulier.veld("gecontroleerd") != ingevuld.vingerafdruk() {
        let (_, mut p) = toekennenpagina(&staat, &wie, id, ingevuld, true).await?;
        p.opnieuw_controleren = p.voorbeeld.is_some();
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    match staat
        .app
        .uitkering_toekennen(&wie.ctx, id, &ingevuld.invoer())
        .await
    {
        Ok(t) => {
            let code = match t {
                Toekenning::Toegekend(_) => "uitkering-toegekend",
                Toekenning::Voorgelegd(_) => "toekenning-voorgelegd",
            };
            Ok(Redirect::to(&format!("/dossiers/{id}?gedaan={code}")).into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = toekennenpagina(&staat, &wie, id, ingevuld, false).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

/// Niet toekennen: afwijzen, buiten behandeling stellen of de intrekking vastleggen.
pub async fn afhandelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let (uitkomst, grond) = (formulier.veld("uitkomst"), formulier.veld("grond"));
    match staat
        .app
        .aanvraag_afhandelen(&wie.ctx, id, &uitkomst, &grond)
        .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/dossiers/{id}?gedaan=aanvraag-afgehandeld")).into_response(),
        ),
        Err(AppFout::Ongeldig(f)) => {
            let d = staat.app.dossier(&wie.ctx, id, None, None).await?;
            let ingevuld = Ingevuld {
                begindatum: d.dossier.gemeld_op.format("%Y-%m-%d").to_string(),
                inhoud: "Algemene bijstand toegekend".into(),
                bijzondere_reden: String::new(),
            };
            let (_, mut p) = toekennenpagina(&staat, &wie, id, ingevuld, false).await?;
            p.fouten = f;
            p.uitkomst = uitkomst;
            p.grond = grond;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "toekenning_beoordelen.html")]
struct BeoordelingPagina {
    schil: Schil,
    b: Toekenningsbeoordeling,
    voorbeeld: Option<Voorbeeldweergave>,
    fouten: Veldfouten,
}

async fn beoordelingspagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
) -> Result<BeoordelingPagina, WebFout> {
    let b = staat.app.toekenning_ter_beoordeling(&wie.ctx, id).await?;
    let vandaag = vangnet_domain::tijd::nl_lokaal(staat.app.klok.nu()).date();
    Ok(BeoordelingPagina {
        schil: Schil::voor(staat, wie, "Toekenning beoordelen", "/dossiers")
            .kruimel(
                &format!("/dossiers/{}", b.voorstel.dossier_id),
                &format!("Dossier {}", b.dossier_nummer),
            )
            .kruimel(&format!("/toekenningen/{id}"), "Toekenning"),
        voorbeeld: b
            .voorbeeld
            .as_ref()
            .ok()
            .map(|v| voorbeeldweergave(v, vandaag)),
        b,
        fouten: Veldfouten::nieuw(),
    })
}

/// De voorgelegde toekenning met wat zij nu zou betalen, en goedkeuren of afwijzen.
pub async fn bekijken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let p = beoordelingspagina(&staat, &wie, id).await?;
    Ok(pagina_met_status(StatusCode::OK, &p))
}

pub async fn beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    let goedkeuren = formulier.veld("besluit") == "goedkeuren";
    match staat
        .app
        .toekenning_beoordelen(&wie.ctx, id, versie, goedkeuren, &formulier.veld("reden"))
        .await
    {
        Ok(_) => {
            let b = staat.app.toekenning_ter_beoordeling(&wie.ctx, id).await?;
            Ok(Redirect::to(&format!(
                "/dossiers/{}?gedaan={}",
                b.voorstel.dossier_id,
                if goedkeuren {
                    "toekenning-goedgekeurd"
                } else {
                    "toekenning-afgewezen"
                }
            ))
            .into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let mut p = beoordelingspagina(&staat, &wie, id).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
