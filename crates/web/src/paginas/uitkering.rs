//! De uitkering op het scherm: toekennen vanaf het dossier, een mutatie invullen met de impact
//! per maand erbij (htmx, niets opgeslagen tot "Opslaan"), en een mutatie van een collega
//! goedkeuren of afwijzen (vier ogen).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::uitkeringen::{Impact, MutatieInvoer};
use vangnet_app::AppFout;
use vangnet_domain::bedrag::euro;
use vangnet_domain::uitkering::Mutatiesoort;
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::clienten::dossierpagina;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

pub async fn toekennen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    match staat
        .app
        .uitkering_toekennen(
            &wie.ctx,
            id,
            &formulier.veld("begindatum"),
            &formulier.veld("inhoud"),
            &formulier.veld("bijzondere_reden"),
        )
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/dossiers/{id}?gedaan=uitkering-toegekend")).into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = dossierpagina(&staat, &wie, id, Default::default()).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

/// Een regel van de impact, klaar voor het scherm.
pub struct Impactregel {
    pub maand: String,
    pub voor: String,
    pub na: String,
    pub verschil: String,
    pub betaald: String,
    pub gevolg: &'static str,
}

#[derive(Template)]
#[template(path = "mutatie.html")]
struct MutatiePagina {
    schil: Schil,
    dossier_id: i64,
    nummer: String,
    v: Vec<(&'static str, String)>,
    soorten: Vec<(&'static str, &'static str)>,
    /// Rollen voor een lid dat komt.
    rollen: Vec<crate::paginas::clienten::Keuze>,
    impact: Option<Vec<Impactregel>>,
    totaal: String,
    /// Het verschil in de maanden na de tabel (leeg als er geen is), dat vier ogen meetelt.
    vooruit: String,
    /// Het hele effect dat de vier-ogendrempel meet (tot nu plus vooruit), als er een vooruit is.
    effect: String,
    /// De laatste dag met een normtabel en de dag erna (`dd-mm-jjjj|dd-mm-jjjj`), als het
    /// effect vooruit daar ophoudt.
    berekend_tot: String,
    /// Wat de consulent moet nagaan voordat hij opslaat.
    waarschuwingen: Vec<String>,
    vier_ogen: bool,
    uitleg: Option<crate::paginas::berekening::Weergave>,
    fouten: Veldfouten,
}

impl MutatiePagina {
    /// (laatste dag met een normtabel, de dag waarvoor een tabel ontbreekt).
    fn zonder_tabel(&self) -> (&str, &str) {
        self.berekend_tot
            .split_once('|')
            .unwrap_or((&self.berekend_tot, ""))
    }

    fn veld(&self, naam: &str) -> &str {
        self.v
            .iter()
            .find(|(k, _)| *k == naam)
            .map_or("", |(_, w)| w.as_str())
    }
}

const VELDEN: [&str; 27] = [
    "soort",
    "ingangsdatum",
    "einddatum",
    "van",
    "geen_beroep",
    "inkomenssoort",
    "bedrag",
    "vakantietoeslag_per_maand",
    "periode_tot_en_met",
    "bruto",
    "hersteltermijn",
    "procent",
    "vrijlating",
    "einde_reden",
    "reden",
    "rol",
    "bsn",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geboortedatum",
    "iban",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "verdelen",
];

fn invoer(v: &[(&'static str, String)]) -> MutatieInvoer {
    let veld = |n: &str| {
        v.iter()
            .find(|(k, _)| *k == n)
            .map(|(_, w)| w.clone())
            .unwrap_or_default()
    };
    MutatieInvoer {
        soort: veld("soort"),
        ingangsdatum: veld("ingangsdatum"),
        einddatum: veld("einddatum"),
        inkomenssoort: veld("inkomenssoort"),
        bedrag: veld("bedrag"),
        bedrag_centen: None,
        vakantietoeslag_per_maand: veld("vakantietoeslag_per_maand"),
        periode_tot_en_met: veld("periode_tot_en_met"),
        bruto: veld("bruto"),
        hersteltermijn: veld("hersteltermijn"),
        procent: veld("procent"),
        vrijlating: veld("vrijlating"),
        van: veld("van"),
        geen_beroep: veld("geen_beroep"),
        einde_reden: veld("einde_reden"),
        corrigeert: None,
        reden: veld("reden"),
        rol: veld("rol"),
        bsn: veld("bsn"),
        voornamen: veld("voornamen"),
        voorvoegsel: veld("voorvoegsel"),
        geslachtsnaam: veld("geslachtsnaam"),
        geboortedatum: veld("geboortedatum"),
        iban: veld("iban"),
        straat: veld("straat"),
        huisnummer: veld("huisnummer"),
        postcode: veld("postcode"),
        woonplaats: veld("woonplaats"),
        verdelen: veld("verdelen"),
    }
}

fn regels(i: &Impact) -> Vec<Impactregel> {
    i.maanden
        .iter()
        .map(|m| Impactregel {
            maand: m.verschil.maand.format("%m-%Y").to_string(),
            voor: euro(m.verschil.voor),
            na: euro(m.verschil.na),
            verschil: euro(m.verschil.verschil),
            betaald: m.betaald.map_or_else(|| "nog niet".into(), euro),
            gevolg: match (m.betaald.is_some(), m.verschil.verschil > 0) {
                (true, true) => "nabetaling",
                (true, false) => "te veel betaald",
                (false, _) => "nieuw bedrag",
            },
        })
        .collect()
}

async fn mutatiepagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    dossier_id: i64,
    v: Vec<(&'static str, String)>,
    voorbeeld: bool,
) -> Result<(StatusCode, MutatiePagina), WebFout> {
    let d = staat.app.dossier(&wie.ctx, dossier_id, None, None).await?;
    let u = staat
        .app
        .uitkering_van_dossier(&wie.ctx, dossier_id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
    let mut p = MutatiePagina {
        schil: Schil::voor(staat, wie, "Mutatie registreren", "/dossiers")
            .kruimel(
                &format!("/dossiers/{dossier_id}"),
                &format!("Dossier {}", d.dossier.nummer),
            )
            .kruimel(&format!("/dossiers/{dossier_id}/mutaties/nieuw"), "Mutatie"),
        dossier_id,
        nummer: d.dossier.nummer.clone(),
        soorten: Mutatiesoort::ALLE
            .iter()
            // Een correctie begint bij de mutatie die vervalt (knop in de lijst).
            .filter(|s| **s != Mutatiesoort::Correctie)
            .map(|s| (s.code(), s.naam()))
            .collect(),
        rollen: crate::paginas::clienten::rolkeuzes(),
        v,
        impact: None,
        totaal: String::new(),
        vooruit: String::new(),
        effect: String::new(),
        berekend_tot: String::new(),
        waarschuwingen: Vec::new(),
        vier_ogen: false,
        uitleg: None,
        fouten: Veldfouten::nieuw(),
    };
    let mut status = StatusCode::OK;
    if voorbeeld {
        match staat
            .app
            .mutatie_voorbeeld(&wie.ctx, u.uitkering.id, &invoer(&p.v))
            .await
        {
            Ok(i) => {
                p.totaal = euro(i.totaal);
                if i.vooruit != 0 {
                    p.vooruit = format!(
                        "{} {}",
                        if i.vooruit > 0 {
                            "omhoog met"
                        } else {
                            "omlaag met"
                        },
                        euro(i.vooruit.abs())
                    );
                    p.effect = euro(i.totaal + i.vooruit);
                }
                p.vier_ogen = i.vier_ogen;
                p.waarschuwingen = i.waarschuwingen.clone();
                p.berekend_tot = i
                    .berekend_tot
                    .map(|d| {
                        format!(
                            "{}|{}",
                            d.format("%d-%m-%Y"),
                            d.succ_opt().unwrap_or(d).format("%d-%m-%Y")
                        )
                    })
                    .unwrap_or_default();
                p.uitleg = i
                    .uitleg_na
                    .as_ref()
                    .map(crate::paginas::berekening::weergave);
                p.impact = Some(regels(&i));
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

/// Het lege formulier.
pub async fn formulier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let leeg = VELDEN.iter().map(|n| (*n, String::new())).collect();
    let (status, p) = mutatiepagina(&staat, &wie, id, leeg, false).await?;
    Ok(pagina_met_status(status, &p))
}

/// Het formulier met de impact per maand (een POST zonder gevolgen: zo staat het CSRF-token
/// niet in een adres).
pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let v = VELDEN.iter().map(|n| (*n, formulier.veld(n))).collect();
    let (status, p) = mutatiepagina(&staat, &wie, id, v, true).await?;
    Ok(pagina_met_status(status, &p))
}

pub async fn registreren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let v: Vec<(&'static str, String)> = VELDEN.iter().map(|n| (*n, formulier.veld(n))).collect();
    let mut mutatie = invoer(&v);
    mutatie.corrigeert = formulier.veld("corrigeert").trim().parse().ok();
    let u = staat
        .app
        .uitkering_van_dossier(&wie.ctx, id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
    match staat
        .app
        .mutatie_registreren(&wie.ctx, u.uitkering.id, &mutatie)
        .await
    {
        Ok((_, vier_ogen)) => {
            let code = if vier_ogen {
                "mutatie-wacht"
            } else {
                "mutatie-verwerkt"
            };
            Ok(Redirect::to(&format!("/dossiers/{id}?gedaan={code}")).into_response())
        }
        Err(AppFout::Ongeldig(f)) if mutatie.corrigeert.is_some() => {
            // Een correctie komt van het dossier: daar de fout tonen.
            let (_, mut p) = dossierpagina(&staat, &wie, id, Default::default()).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = mutatiepagina(&staat, &wie, id, v, false).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
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
    let dossier = staat.app.dossier_van_mutatie(&wie.ctx, id).await?;
    match staat
        .app
        .mutatie_beoordelen(&wie.ctx, id, versie, goedkeuren, &formulier.veld("reden"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/dossiers/{dossier}?gedaan={}",
            if goedkeuren {
                "mutatie-goedgekeurd"
            } else {
                "mutatie-afgewezen"
            }
        ))
        .into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = dossierpagina(&staat, &wie, dossier, Default::default()).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
