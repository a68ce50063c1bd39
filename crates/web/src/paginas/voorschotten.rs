//! Voorschotten op een aanvraag op het scherm (art. 52 Pw): wat er verleend, geweigerd, betaald
//! en verrekend is, en het volgende voorschot met zijn berekening en het formulier om het te
//! verlenen of te weigeren. "Berekenen" toont de berekening met een bekend inkomen zonder iets
//! op te slaan (een POST: het inkomen komt niet in de URL; werkt zonder JavaScript).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::voorschotten::{Voorschotinvoer, Voorschottenbeeld};
use vangnet_app::AppFout;
use vangnet_domain::voorschot::Besluit;
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Template)]
#[template(path = "voorschotten.html")]
struct VoorschottenPagina {
    schil: Schil,
    dossier_id: i64,
    nummer: String,
    beeld: Voorschottenbeeld,
    invoer: Voorschotinvoer,
    besluiten: Vec<(&'static str, &'static str)>,
    beheren: bool,
    gedaan: bool,
    /// Het bekende inkomen en het hogere voorschot zoals gelezen (issue 21 punt 1), de
    /// vingerafdruk van die invoer, en of besluiten werd gekozen met andere invoer dan berekend.
    gelezen: Vec<String>,
    gecontroleerd: String,
    opnieuw_controleren: bool,
    fouten: Veldfouten,
}

/// Een vingerafdruk van de bedragen zoals getypt: vastleggen gebeurt alleen met wat berekend
/// en teruggelezen is. Zonder bedragen (het minimum, geen inkomen) is er niets mis te lezen.
fn vingerafdruk(invoer: &Voorschotinvoer) -> String {
    if invoer.inkomen.trim().is_empty() && invoer.bedrag.trim().is_empty() {
        return String::new();
    }
    crate::invoer::vingerafdruk([
        invoer.inkomen.as_str(),
        invoer.inkomenssoort.as_str(),
        invoer.bedrag.as_str(),
    ])
}

impl VoorschottenPagina {
    fn euro(&self, c: impl std::borrow::Borrow<i64>) -> String {
        vangnet_domain::bedrag::euro(*c.borrow())
    }

    fn maand(&self, d: impl std::borrow::Borrow<chrono::NaiveDate>) -> String {
        vangnet_domain::tijd::maand_weergave(*d.borrow())
    }
}

/// De zoekparameters van de pagina.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Melding {
    #[serde(default)]
    gedaan: Option<String>,
}

async fn pagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    dossier_id: i64,
    invoer: Voorschotinvoer,
    mut fouten: Veldfouten,
    gedaan: bool,
) -> Result<VoorschottenPagina, WebFout> {
    let beeld = match staat
        .app
        .voorschotten_van_dossier(&wie.ctx, dossier_id, &invoer.inkomen, &invoer.inkomenssoort)
        .await
    {
        Ok(b) => b,
        // Een onleesbaar inkomen: dan de berekening zonder, met de fout bij het veld.
        Err(AppFout::Ongeldig(f)) => {
            fouten.0.extend(f.0);
            staat
                .app
                .voorschotten_van_dossier(&wie.ctx, dossier_id, "", "")
                .await?
        }
        Err(e) => return Err(e.into()),
    };
    Ok(VoorschottenPagina {
        schil: Schil::voor(staat, wie, "Voorschotten", "/dossiers")
            .kruimel(
                &format!("/dossiers/{dossier_id}"),
                &format!("Dossier {}", beeld.nummer),
            )
            .kruimel(
                &format!("/dossiers/{dossier_id}/voorschotten"),
                "Voorschotten",
            ),
        dossier_id,
        nummer: beeld.nummer.clone(),
        beeld,
        besluiten: Besluit::ALLE.iter().map(|b| (b.code(), b.naam())).collect(),
        beheren: wie.ctx.actor.mag(Recht::UitkeringenBeheren),
        gedaan,
        gelezen: [
            ("Bekend netto inkomen per maand", &invoer.inkomen),
            ("Hoger voorschot", &invoer.bedrag),
        ]
        .iter()
        .filter_map(|(label, w)| {
            vangnet_domain::bedrag::parse_euro_of_leeg(w)
                .ok()
                .flatten()
                .map(|c| format!("{label}: {}", vangnet_domain::bedrag::euro(c)))
        })
        .collect(),
        gecontroleerd: vingerafdruk(&invoer),
        opnieuw_controleren: false,
        invoer,
        fouten,
    })
}

pub async fn tonen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(m): Query<Melding>,
) -> Result<Response, WebFout> {
    let invoer = Voorschotinvoer {
        besluit: Besluit::Verleend.code().into(),
        ..Default::default()
    };
    let p = pagina(
        &staat,
        &wie,
        id,
        invoer,
        Veldfouten::nieuw(),
        m.gedaan.is_some(),
    )
    .await?;
    Ok(pagina_met_status(StatusCode::OK, &p))
}

fn invoer_uit(formulier: &Formulier) -> Voorschotinvoer {
    Voorschotinvoer {
        besluit: formulier.veld("besluit"),
        volgnummer: formulier.veld("volgnummer").trim().parse().unwrap_or(0),
        inkomen: formulier.veld("inkomen"),
        inkomenssoort: formulier.veld("inkomenssoort"),
        bedrag: formulier.veld("bedrag"),
        reden: formulier.veld("reden"),
    }
}

/// De berekening opnieuw met het getypte inkomen; niets wordt opgeslagen en alles wat getypt
/// is, blijft staan.
pub async fn berekenen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let p = pagina(
        &staat,
        &wie,
        id,
        invoer_uit(&formulier),
        Veldfouten::nieuw(),
        false,
    )
    .await?;
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
    if invoer.besluit == Besluit::Verleend.code()
        && formulier.veld("gecontroleerd") != vingerafdruk(&invoer)
    {
        // Bedragen die niet berekend en teruggelezen zijn: eerst de berekening, niets besloten.
        let mut p = pagina(&staat, &wie, id, invoer, Veldfouten::nieuw(), false).await?;
        p.opnieuw_controleren = true;
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    match staat.app.voorschot_vastleggen(&wie.ctx, id, &invoer).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/dossiers/{id}/voorschotten?gedaan=vastgelegd#kop-voorschotten"
        ))
        .into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let p = pagina(&staat, &wie, id, invoer, f, false).await?;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
