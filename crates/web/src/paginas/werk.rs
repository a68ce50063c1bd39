//! Werk op het scherm: de lijst "Vandaag" (op de startpagina), taken afronden en met de hand
//! aanmaken, een dossier toewijzen, het teamdashboard (met grafiek en CSV), afwezigheid en
//! herverdelen, en de inrichting van servicenormen en postcodegebieden.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::werk::{Teamdashboard, Vandaag};
use vangnet_app::AppFout;
use vangnet_domain::werk::{Eenheid, Taaksoort};
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// "Vandaag" voor de startpagina.
pub struct VandaagBeeld {
    pub v: Vandaag,
    pub soort: String,
    pub meer: usize,
}

impl VandaagBeeld {
    pub fn nieuw(v: Vandaag, soort: &str) -> VandaagBeeld {
        let in_filter = if soort.is_empty() {
            v.totaal
        } else {
            v.per_soort
                .iter()
                .find(|(c, _, _)| *c == soort)
                .map_or(0, |(_, _, n)| *n)
        };
        let meer = in_filter.saturating_sub(v.taken.len());
        VandaagBeeld {
            v,
            soort: soort.to_owned(),
            meer,
        }
    }
}

/// `28-11-2026` uit `2026-11-28`.
pub fn datum(d: &chrono::NaiveDate) -> String {
    crate::paginas::clienten::nl_datum(d)
}

/// Waar een taak wordt gedaan (issue 21 punt 10): (knop, adres), als een handeling haar
/// afrondt. Zonder: de taak wordt met de hand afgerond, met een reden (de pagina van de taak).
pub fn taakactie(t: &vangnet_app::opslag::TaakRij) -> Option<(&'static str, String)> {
    let dossier = t.dossier_id;
    Some(match t.soort {
        Taaksoort::Terugbellen => ("Terugbellen", format!("/taken/{}/terugbellen", t.id)),
        Taaksoort::Besluit => ("Beslissen", format!("/dossiers/{}/toekennen", dossier?)),
        Taaksoort::Voorschot => ("Voorschot", format!("/dossiers/{}/voorschotten", dossier?)),
        Taaksoort::Mutatie => (
            "Mutatie registreren",
            format!("/dossiers/{}/mutaties/nieuw?taak={}", dossier?, t.id),
        ),
        Taaksoort::Goedkeuring => {
            if let Some(m) = vangnet_app::werk::mutatie_van_taak(&t.omschrijving) {
                ("Beoordelen", format!("/mutaties/{m}"))
            } else if let Some(v) = vangnet_app::werk::voorstel_van_taak(&t.omschrijving) {
                ("Beoordelen", format!("/toekenningen/{v}"))
            } else if t.omschrijving.starts_with("Nieuwe bankrekening") {
                ("Beoordelen", "/rekeningen".to_owned())
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

#[derive(Template)]
#[template(path = "taak.html")]
struct TaakPagina {
    schil: Schil,
    r: vangnet_app::werk::Taakregel,
    statussen: Vec<(&'static str, &'static str)>,
    status: String,
    reden: String,
    fouten: Veldfouten,
}

async fn taakpagina(staat: &WebStaat, wie: &Ingelogd, id: i64) -> Result<TaakPagina, WebFout> {
    let r = staat.app.taak_bekijken(&wie.ctx, id).await?;
    Ok(TaakPagina {
        schil: Schil::voor(staat, wie, &format!("Taak: {}", r.soortnaam), "/")
            .kruimel(&format!("/taken/{id}"), &format!("Taak {id}")),
        statussen: vangnet_domain::werk::Taakstatus::ALLE
            .iter()
            .map(|s| (s.code(), s.naam()))
            .collect(),
        status: vangnet_domain::werk::Taakstatus::Gereed.code().to_owned(),
        reden: String::new(),
        r,
        fouten: Veldfouten::nieuw(),
    })
}

/// De taak: wat te doen, waar, haar historie, en (waar geen handeling past) afronden met reden.
pub async fn taak(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let p = taakpagina(&staat, &wie, id).await?;
    Ok(pagina_met_status(StatusCode::OK, &p))
}

pub async fn taak_status(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    let (status, reden) = (formulier.veld("status"), formulier.veld("reden"));
    match staat
        .app
        .taak_status_zetten(&wie.ctx, id, versie, &status, &reden)
        .await
    {
        Ok(()) => {
            let terug = match formulier.veld("dossier").trim().parse::<i64>() {
                Ok(d) => format!("/dossiers/{d}"),
                Err(_) => "/".into(),
            };
            Ok(Redirect::to(&format!("{terug}?gedaan=taak-bijgewerkt")).into_response())
        }
        // De fout bij de taak zelf, met wat getypt was.
        Err(AppFout::Ongeldig(f)) => {
            let mut p = taakpagina(&staat, &wie, id).await?;
            p.fouten = f;
            p.status = status;
            p.reden = reden;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn taak_aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let dossier = formulier.veld("dossier").trim().parse::<i64>().ok();
    match staat
        .app
        .taak_aanmaken(
            &wie.ctx,
            &formulier.veld("omschrijving"),
            &formulier.veld("deadline"),
            dossier,
            formulier.aangevinkt("hoge_prioriteit"),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&match dossier {
            Some(d) => format!("/dossiers/{d}?gedaan=taak-aangemaakt"),
            None => "/?gedaan=taak-aangemaakt".to_owned(),
        })
        .into_response()),
        // Vanaf het dossier: terug naar het dossier, met de fout en wat er getypt was.
        Err(AppFout::Ongeldig(fouten)) => {
            let getypt = (
                formulier.veld("omschrijving"),
                formulier.veld("deadline"),
                formulier.aangevinkt("hoge_prioriteit"),
            );
            if let Some(id) = dossier {
                let q = crate::paginas::clienten::DossierQuery::default();
                let (_, mut p) =
                    crate::paginas::clienten::dossierpagina(&staat, &wie, id, q).await?;
                p.nieuwe_taak = getypt;
                p.fouten = fouten;
                return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
            }
            let mut p = crate::paginas::start::startpagina(&staat, &wie, "").await?;
            p.nieuwe_taak = getypt;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn dossier_toewijzen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier
        .veld("dossier_versie")
        .trim()
        .parse()
        .unwrap_or(-1);
    let consulent = formulier.veld("consulent").trim().parse().unwrap_or(-1);
    match staat
        .app
        .dossier_herverdelen(&wie.ctx, id, versie, consulent, &formulier.veld("reden"))
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/dossiers/{id}?gedaan=dossier-toegewezen")).into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) =
                crate::paginas::clienten::dossierpagina(&staat, &wie, id, Default::default())
                    .await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn melding_gelezen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    staat.app.melding_gelezen(&wie.ctx, id).await?;
    Ok(Redirect::to("/").into_response())
}

pub async fn uitsluiten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let gebruiker = formulier.veld("uit_consulent").trim().parse().unwrap_or(-1);
    let persoon = formulier.veld("client").trim().parse().unwrap_or(-1);
    match staat
        .app
        .uitsluiting_registreren(&wie.ctx, gebruiker, persoon, &formulier.veld("uit_reden"))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/dossiers/{id}?gedaan=uitgesloten")).into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) =
                crate::paginas::clienten::dossierpagina(&staat, &wie, id, Default::default())
                    .await?;
            let mut fouten = Veldfouten::nieuw();
            for v in &f.0 {
                let veld = if v.veld == "reden" {
                    "uit_reden"
                } else {
                    "uit_consulent"
                };
                fouten.voeg_toe(veld, v.melding.clone());
            }
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "teamdashboard.html")]
struct DashboardPagina {
    schil: Schil,
    d: Teamdashboard,
    /// Per servicenorm: (naam, procent, breedte in de grafiek, tekst).
    staven: Vec<(&'static str, String, i64)>,
    afwezig_gebruiker: String,
    afwezig_van: String,
    afwezig_tot: String,
    afwezig_reden: String,
    fouten: Veldfouten,
}

impl DashboardPagina {
    fn normtekst(&self, i: &usize) -> String {
        self.d.normen.get(*i).map_or_else(String::new, |n| {
            format!(
                "{} {}",
                n.norm.aantal,
                match n.norm.eenheid {
                    Eenheid::Werkdagen => "werkdagen",
                    Eenheid::WettelijkeWeken => "weken (wettelijk)",
                }
            )
        })
    }
}

async fn dashboardpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    melding: Option<String>,
) -> Result<DashboardPagina, WebFout> {
    let d = staat.app.team_dashboard(&wie.ctx, id).await?;
    let staven = d
        .normen
        .iter()
        .filter_map(|n| n.procent.map(|p| (n.soort.naam(), format!("{p}%"), p * 3)))
        .collect();
    Ok(DashboardPagina {
        schil: Schil::voor(staat, wie, &format!("Werk van team {}", d.team), "/teams")
            .kruimel("/teams", "Teams")
            .kruimel(&format!("/teams/{id}"), &d.team)
            .kruimel(&format!("/teams/{id}/werk"), "Werk")
            .met_melding(melding),
        d,
        staven,
        afwezig_gebruiker: String::new(),
        afwezig_van: String::new(),
        afwezig_tot: String::new(),
        afwezig_reden: String::new(),
        fouten: Veldfouten::nieuw(),
    })
}

pub async fn dashboard(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &dashboardpagina(&staat, &wie, id, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

/// Het open werk per consulent en soort als CSV (puntkomma, zoals Nederlandse spreadsheets).
pub async fn dashboard_csv(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let d = staat.app.team_dashboard(&wie.ctx, id).await?;
    let mut csv = vangnet_domain::csv::Schrijver::nieuw(Vec::new());
    let fout = |e: std::io::Error| WebFout::from(vangnet_app::AppFout::Intern(e.to_string()));
    let kop: Vec<&str> = std::iter::once("consulent")
        .chain(d.soorten.iter().map(|s| s.naam()))
        .chain([
            "totaal",
            "te laat",
            "risico of vandaag",
            "afwezig tot en met",
        ])
        .collect();
    csv.regel(kop).map_err(fout)?;
    for c in &d.consulenten {
        let mut cellen: Vec<String> = vec![c.naam.clone()];
        cellen.extend(c.per_soort.iter().map(ToString::to_string));
        cellen.extend([
            c.totaal.to_string(),
            c.te_laat.to_string(),
            c.risico.to_string(),
            c.afwezig_tot_en_met
                .map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_default(),
        ]);
        csv.regel(cellen.iter().map(String::as_str)).map_err(fout)?;
    }
    let csv = csv.klaar().map_err(fout)?;
    let naam = format!(
        "werk-{}-{}.csv",
        d.team
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), "-"),
        d.datum.format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        csv,
    )
        .into_response())
}

pub async fn afwezigheid(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let (g, van, tot, reden) = (
        formulier.veld("gebruiker"),
        formulier.veld("van"),
        formulier.veld("tot_en_met"),
        formulier.veld("reden"),
    );
    match staat
        .app
        .afwezigheid_registreren(&wie.ctx, &g, &van, &tot, &reden)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/teams/{id}/werk?gedaan=afwezigheid")).into_response()),
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = dashboardpagina(&staat, &wie, id, None).await?;
            p.afwezig_gebruiker = g;
            p.afwezig_van = van;
            p.afwezig_tot = tot;
            p.afwezig_reden = reden;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn herverdelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let van = formulier.veld("gebruiker").trim().parse().unwrap_or(-1);
    match staat.app.werk_herverdelen(&wie.ctx, id, van).await {
        Ok(_) => Ok(Redirect::to(&format!("/teams/{id}/werk?gedaan=herverdeeld")).into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = dashboardpagina(&staat, &wie, id, None).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "werkinrichting.html")]
struct InrichtingPagina {
    schil: Schil,
    normen: Vec<(Taaksoort, String, String, String)>,
    gebieden: String,
    /// (code, naam, gewicht als tekst).
    gewichten: Vec<(&'static str, &'static str, String)>,
    drempel: String,
    /// (code, naam, gekozen) per soort mutatie.
    vier_ogen: Vec<(&'static str, &'static str, bool)>,
    /// De onderwerpen van contactmomenten, `code = omschrijving` per regel (de actieve).
    onderwerpen: String,
    fouten: Veldfouten,
    /// Een andere inrichting van vier ogen die op een tweede beheerder wacht.
    verzoeken: Vec<crate::paginas::beheerverzoeken::Verzoekregel>,
    verzoeken_terug: &'static str,
    /// De met een feestdag gelijkgestelde dagen: (datum jjjj-mm-dd, datum dd-mm-jjjj, omschrijving,
    /// bron).
    gelijkgesteld: Vec<(String, String, String, String)>,
    /// Wat er in het formulier voor een nieuwe dag stond (datum, omschrijving, bron).
    nieuwe_dag: (String, String, String),
}

impl InrichtingPagina {
    /// De velden voor een nieuwe gelijkgestelde dag: (veld, label, type, waarde).
    fn nieuwe_dag_velden(&self) -> [(&'static str, &'static str, &'static str, &str); 3] {
        [
            ("datum", "Datum", "date", &self.nieuwe_dag.0),
            ("omschrijving", "Omschrijving", "text", &self.nieuwe_dag.1),
            (
                "bron",
                "Bron (koninklijk besluit, Staatscourant)",
                "text",
                &self.nieuwe_dag.2,
            ),
        ]
    }
}

async fn inrichtingpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
) -> Result<InrichtingPagina, WebFout> {
    let i = staat.app.werk_inrichting(&wie.ctx).await?;
    let v = staat.app.vier_ogen_inrichting(&wie.ctx).await?;
    let onderwerpen = staat
        .app
        .contactonderwerpen_inrichting(&wie.ctx)
        .await?
        .iter()
        .filter(|o| o.actief)
        .map(|o| format!("{} = {}", o.code, o.omschrijving))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(InrichtingPagina {
        schil: Schil::voor(staat, wie, "Werkverdeling inrichten", "/werk/inrichting")
            .kruimel("/werk/inrichting", "Werkverdeling inrichten")
            .met_melding(melding),
        normen: i
            .normen
            .iter()
            .map(|n| {
                (
                    n.soort,
                    n.eenheid.code().to_owned(),
                    n.aantal.to_string(),
                    n.waarschuwen_werkdagen.to_string(),
                )
            })
            .collect(),
        gebieden: i
            .gebieden
            .iter()
            .map(|g| format!("{} {} {}", g.van, g.tot_en_met, g.team))
            .collect::<Vec<_>>()
            .join("\n"),
        gewichten: i
            .gewichten
            .iter()
            .map(|(z, g)| (z.code(), z.naam(), vangnet_domain::bedrag::honderdsten(*g)))
            .collect(),
        drempel: vangnet_domain::bedrag::euro(v.drempel)
            .trim_start_matches("€ ")
            .to_owned(),
        vier_ogen: vangnet_domain::uitkering::Mutatiesoort::ALLE
            .iter()
            .map(|s| (s.code(), s.naam(), v.soorten.contains(s)))
            .collect(),
        onderwerpen,
        fouten: Veldfouten::nieuw(),
        verzoeken: crate::paginas::beheerverzoeken::regels(
            staat,
            wie,
            vangnet_domain::beheerverzoek::Verzoeksoort::VierOgen,
            None,
        )
        .await?,
        verzoeken_terug: "/werk/inrichting",
        gelijkgesteld: staat
            .app
            .gelijkgestelde_dagen(&wie.ctx)
            .await?
            .into_iter()
            .map(|d| {
                (
                    vangnet_domain::tijd::datum_tekst(d.datum),
                    d.datum.format("%d-%m-%Y").to_string(),
                    d.omschrijving,
                    d.bron,
                )
            })
            .collect(),
        nieuwe_dag: Default::default(),
    })
}

/// Een dag met een feestdag gelijkstellen (ATW art. 3 lid 3).
pub async fn gelijkgestelde_dag(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let (datum, omschrijving, bron) = (
        formulier.veld("datum"),
        formulier.veld("omschrijving"),
        formulier.veld("bron"),
    );
    match staat
        .app
        .gelijkgestelde_dag_zetten(&wie.ctx, &datum, &omschrijving, &bron)
        .await
    {
        Ok(()) => {
            Ok(Redirect::to("/werk/inrichting?gedaan=gelijkgesteld#kop-kalender").into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let mut p = inrichtingpagina(&staat, &wie, None).await?;
            p.fouten = f;
            p.nieuwe_dag = (datum, omschrijving, bron);
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

/// Een gelijkgestelde dag weer een gewone dag maken.
pub async fn gelijkgestelde_dag_verwijderen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(datum): Path<String>,
    _formulier: Formulier,
) -> Result<Response, WebFout> {
    staat
        .app
        .gelijkgestelde_dag_verwijderen(&wie.ctx, &datum)
        .await?;
    Ok(Redirect::to("/werk/inrichting?gedaan=niet-gelijkgesteld#kop-kalender").into_response())
}

pub async fn inrichting(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::WerkInrichten)?;
    Ok(pagina(
        &inrichtingpagina(&staat, &wie, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

pub async fn servicenorm(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let soort = formulier.veld("soort");
    match staat
        .app
        .servicenorm_wijzigen(
            &wie.ctx,
            &soort,
            &formulier.veld("eenheid"),
            &formulier.veld("aantal"),
            &formulier.veld("waarschuwen"),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/werk/inrichting?gedaan=servicenorm").into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = inrichtingpagina(&staat, &wie, None).await?;
            for n in &mut p.normen {
                if n.0.code() == soort {
                    n.1 = formulier.veld("eenheid");
                    n.2 = formulier.veld("aantal");
                    n.3 = formulier.veld("waarschuwen");
                }
            }
            let mut fouten = Veldfouten::nieuw();
            for v in &f.0 {
                fouten.voeg_toe(&format!("{soort}.{}", v.veld), v.melding.clone());
            }
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn gewicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let (zaaktype, gewicht) = (formulier.veld("zaaktype"), formulier.veld("gewicht"));
    match staat
        .app
        .zaaktypegewicht_zetten(&wie.ctx, &zaaktype, &gewicht)
        .await
    {
        Ok(()) => Ok(Redirect::to("/werk/inrichting?gedaan=gewicht").into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = inrichtingpagina(&staat, &wie, None).await?;
            for g in &mut p.gewichten {
                if g.0 == zaaktype {
                    g.2 = gewicht.clone();
                }
            }
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn vier_ogen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let drempel = formulier.veld("drempel");
    match staat
        .app
        .vier_ogen_inrichten(&wie.ctx, &drempel, &formulier.alle("soorten"))
        .await
    {
        Ok(None) => Ok(Redirect::to("/werk/inrichting?gedaan=vier-ogen").into_response()),
        Ok(Some(_)) => {
            Ok(Redirect::to("/werk/inrichting?gedaan=vier-ogen-verzoek").into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let mut p = inrichtingpagina(&staat, &wie, None).await?;
            p.drempel = drempel;
            let gekozen = formulier.alle("soorten");
            for (code, _, aan) in &mut p.vier_ogen {
                *aan = gekozen.iter().any(|g| g == code);
            }
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn contactonderwerpen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let tekst = formulier.veld("onderwerpen");
    match staat.app.contactonderwerpen_zetten(&wie.ctx, &tekst).await {
        Ok(()) => Ok(Redirect::to("/werk/inrichting?gedaan=contactonderwerpen").into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = inrichtingpagina(&staat, &wie, None).await?;
            p.onderwerpen = tekst;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn postcodegebieden(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let tekst = formulier.veld("gebieden");
    match staat.app.postcodegebieden_zetten(&wie.ctx, &tekst).await {
        Ok(()) => Ok(Redirect::to("/werk/inrichting?gedaan=postcodegebieden").into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = inrichtingpagina(&staat, &wie, None).await?;
            p.gebieden = tekst;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
