//! De normtabellen op het scherm: wat nu geldt (per periode, elk bedrag met zijn artikel, niet
//! geverifieerde perioden gemarkeerd) en wie wanneer welke set laadde. De functioneel beheerder
//! laadt hier een nieuwe set; de controle en de vastlegging zitten in de app-laag.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::opslag::NormensetRij;
use vangnet_app::AppFout;
use vangnet_domain::bedrag::euro;
use vangnet_domain::normen::{Normen, Normtabel};
use vangnet_domain::{tijd, Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::{vingerafdruk, Formulier};
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Eén kolom: een periode.
pub struct Kolom {
    pub vanaf: String,
    pub tot: String,
    /// Het einde is de volgende aanpassing (art. 38), niet uit het bestand.
    pub tot_afgeleid: bool,
    pub geverifieerd: bool,
    pub noot: String,
}

/// Eén rij: een bedrag over de perioden.
pub struct Rij {
    pub omschrijving: String,
    pub bedragen: Vec<String>,
}

/// Eén staaf in de grafiek (coördinaten in SVG-eenheden).
pub struct Staaf {
    pub x: i64,
    pub y: i64,
    pub breedte: i64,
    pub hoogte: i64,
    pub klasse: &'static str,
    pub titel: String,
}

/// Een label onder de grafiek.
pub struct Aslabel {
    pub x: i64,
    pub tekst: String,
}

/// De hoofdnormen per periode als staafgrafiek: naast de tabel, zodat de ontwikkeling in één
/// oogopslag te zien is.
fn grafiek(tabellen: &[Normtabel]) -> (Vec<Staaf>, Vec<Aslabel>) {
    const HOOGTE: i64 = 180;
    const GROEP: i64 = 100;
    const BREEDTE: i64 = 24;
    type Reeks = (&'static str, fn(&Normen) -> i64);
    let reeksen: [Reeks; 3] = [
        ("reeks-1", |n| n.alleenstaande_21_aow),
        ("reeks-2", |n| n.gehuwden_21_aow),
        ("reeks-3", |n| n.alleenstaande_aow),
    ];
    let max = tabellen
        .iter()
        .flat_map(|t| reeksen.iter().map(|(_, f)| f(&t.normen)))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut staven = Vec::new();
    let mut labels = Vec::new();
    for (i, t) in tabellen.iter().enumerate() {
        let basis = 10 + i as i64 * GROEP;
        for (j, (klasse, f)) in reeksen.iter().enumerate() {
            let bedrag = f(&t.normen);
            let hoogte = bedrag * HOOGTE / max;
            staven.push(Staaf {
                x: basis + j as i64 * (BREEDTE + 4),
                y: 10 + HOOGTE - hoogte,
                breedte: BREEDTE,
                hoogte,
                klasse,
                titel: format!("{}: {}", t.geldig_vanaf.format("%d-%m-%Y"), euro(bedrag)),
            });
        }
        labels.push(Aslabel {
            x: basis + (3 * BREEDTE + 8) / 2,
            tekst: t.geldig_vanaf.format("%m-%Y").to_string(),
        });
    }
    (staven, labels)
}

pub struct Lading {
    pub id: i64,
    pub geladen_op: String,
    pub geladen_door: String,
    pub bestandsnaam: String,
    pub sha256: String,
}

#[derive(Template)]
#[template(path = "normen.html")]
struct NormenPagina {
    schil: Schil,
    kolommen: Vec<Kolom>,
    rijen: Vec<Rij>,
    staven: Vec<Staaf>,
    aslabels: Vec<Aslabel>,
    grafiekbreedte: i64,
    bron: String,
    ladingen: Vec<Lading>,
    beheren: bool,
    bestandsnaam: String,
    inhoud: String,
    fouten: Veldfouten,
    /// Het voorbeeld: de bedragen die veranderen, zoals gelezen (periode, omschrijving, was,
    /// wordt). Alleen met een voorbeeld staat "Laden" op het scherm.
    verschillen: Option<Vec<(String, String, String, String)>>,
    /// De vingerafdruk van het bestand in het voorbeeld (zie `invoer::vingerafdruk`).
    gecontroleerd: String,
    /// Laden is geweigerd omdat het bestand na het voorbeeld is gewijzigd.
    opnieuw_controleren: bool,
    jobs: Vec<vangnet_app::jobs::Job>,
}

fn lading(r: &NormensetRij) -> Lading {
    Lading {
        id: r.id,
        geladen_op: tijd::nl_weergave(r.geladen_op),
        geladen_door: r.geladen_door.clone(),
        bestandsnaam: r.bestandsnaam.clone(),
        sha256: r.sha256.chars().take(12).collect(),
    }
}

async fn normenpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
) -> Result<NormenPagina, WebFout> {
    let o = staat.app.normen_overzicht(&wie.ctx).await?;
    let tabellen = &o.geldend.tabellen.0;
    let datum = |d: chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
    let kolommen = tabellen
        .iter()
        .map(|t| Kolom {
            vanaf: datum(t.geldig_vanaf),
            tot: datum(t.geldig_tot_en_met),
            tot_afgeleid: t.tot_afgeleid,
            geverifieerd: t.geverifieerd,
            // De markering UNVERIFIED blijft in de data (zoals in de bron); het scherm zegt het in
            // het Nederlands ("niet geverifieerd" staat al bij de kolom).
            noot: t
                .noot
                .replace("UNVERIFIED (niet geverifieerd): ", "")
                .replace("UNVERIFIED ", ""),
        })
        .collect();
    let mut rijen: Vec<Rij> = Vec::new();
    for (i, t) in tabellen.iter().enumerate() {
        for (j, (omschrijving, bedrag)) in t.alle_bedragen().into_iter().enumerate() {
            if i == 0 {
                rijen.push(Rij {
                    omschrijving: omschrijving.to_owned(),
                    bedragen: Vec::new(),
                });
            }
            if let Some(rij) = rijen.get_mut(j) {
                rij.bedragen
                    .push(bedrag.map(euro).unwrap_or_else(|| "—".into()));
            }
        }
    }
    let (staven, aslabels) = grafiek(tabellen);
    Ok(NormenPagina {
        grafiekbreedte: 20 + tabellen.len() as i64 * 100,
        staven,
        aslabels,
        schil: Schil::voor(staat, wie, "Normtabellen", "/normen")
            .kruimel("/normen", "Normtabellen")
            .met_melding(melding),
        kolommen,
        rijen,
        bron: match &o.geldend.lading {
            None => "de meegecompileerde normtabellen (kopie van normen-bronnen.toml)".into(),
            Some(l) => format!("set {} uit {}", l.id, l.bestandsnaam),
        },
        ladingen: o.ladingen.iter().map(lading).collect(),
        beheren: wie.ctx.actor.mag(Recht::NormenBeheren),
        bestandsnaam: String::new(),
        inhoud: String::new(),
        fouten: Veldfouten::nieuw(),
        verschillen: None,
        gecontroleerd: String::new(),
        opnieuw_controleren: false,
        jobs: staat.app.jobs_van(&wie.ctx, Some("normen")).await?,
    })
}

pub async fn overzicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &normenpagina(&staat, &wie, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

/// Het bestand uit het formulier: (naam voor de audittrail, naam zoals getypt, inhoud).
fn bestand(formulier: &Formulier) -> (String, String, String) {
    let bestandsnaam = formulier.veld("bestandsnaam");
    let naam = match bestandsnaam.trim() {
        "" => "geplakt in het scherm".to_owned(),
        n => n.to_owned(),
    };
    (naam, bestandsnaam, formulier.veld("inhoud"))
}

/// De pagina met het voorbeeld van `inhoud`: elk bedrag dat verandert, zoals gelezen, en
/// "Laden"; of de weigering bij het veld (422).
async fn voorbeeldpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    bestandsnaam: String,
    inhoud: String,
) -> Result<(StatusCode, NormenPagina), WebFout> {
    let mut p = normenpagina(staat, wie, None).await?;
    let uitkomst = staat.app.normen_voorbeeld(&wie.ctx, &inhoud).await;
    p.bestandsnaam = bestandsnaam;
    let status = match uitkomst {
        Ok(verschillen) => {
            let bedrag = |b: Option<i64>| b.map(euro).unwrap_or_else(|| "—".into());
            p.verschillen = Some(
                verschillen
                    .iter()
                    .map(|v| {
                        (
                            v.periode.format("%d-%m-%Y").to_string(),
                            v.omschrijving.clone(),
                            bedrag(v.oud),
                            bedrag(v.nieuw),
                        )
                    })
                    .collect(),
            );
            p.gecontroleerd = vingerafdruk([inhoud.as_str()]);
            StatusCode::OK
        }
        Err(AppFout::Ongeldig(fouten)) => {
            p.fouten = fouten;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e) => return Err(e.into()),
    };
    p.inhoud = inhoud;
    Ok((status, p))
}

/// Eerste stap: tonen wat het bestand verandert, zonder iets op te slaan.
pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::NormenBeheren)?;
    let (_, bestandsnaam, inhoud) = bestand(&formulier);
    let (status, p) = voorbeeldpagina(&staat, &wie, bestandsnaam, inhoud).await?;
    Ok(pagina_met_status(status, &p))
}

/// Tweede stap: laden wat in het voorbeeld stond. Wie na het voorbeeld iets in het bestand
/// wijzigde of zonder voorbeeld laadt, krijgt het (nieuwe) voorbeeld; er verandert niets.
pub async fn laden(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::NormenBeheren)?;
    let (naam, bestandsnaam, inhoud) = bestand(&formulier);
    if formulier.veld("gecontroleerd") != vingerafdruk([inhoud.as_str()]) {
        let (_, mut p) = voorbeeldpagina(&staat, &wie, bestandsnaam, inhoud).await?;
        p.opnieuw_controleren = p.verschillen.is_some();
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    match staat.app.normen_laden(&wie.ctx, &naam, &inhoud).await {
        Ok(_) => {
            // De herberekening van alle uitkeringen is met de lading als job aangemeld; de werker
            // doet haar, met voortgang op deze pagina.
            staat.app.jobs_wekken();
            Ok(Redirect::to("/normen?gedaan=normen-geladen#herberekening").into_response())
        }
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = normenpagina(&staat, &wie, None).await?;
            p.bestandsnaam = bestandsnaam;
            p.inhoud = inhoud;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
