//! De berekening op het scherm: de proefberekening (een situatie met de hand, de uitkomst direct
//! eronder via htmx, niets opgeslagen) en de berekening van een dossier voor een maand.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use vangnet_app::AppFout;
use vangnet_domain::bedrag::{euro, parse_euro_of_leeg};
use vangnet_domain::berekening::{
    Inkomen, Inkomenssoort, Kind, Medebewoner, Partner, Persoon, Relatie, Situatie, Uitkomst,
    Vrijlating, Vrijlatingssoort, Wie,
};
use vangnet_domain::{tijd, Recht, Veldfouten};

use crate::fout::WebFout;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een regel van de uitleg, klaar voor het scherm.
pub struct Regel {
    pub omschrijving: String,
    pub artikel: String,
    pub bedrag: String,
}

/// De uitkomst, klaar voor het scherm.
pub struct Weergave {
    pub regels: Vec<Regel>,
    /// Mededelingen voor de medewerker (een normtabel die niet geverifieerd is): boven de
    /// tabel, niet als stap.
    pub mededelingen: Vec<String>,
    pub norm: String,
    pub uitkering: String,
    pub reservering: String,
    pub uitbetaling: String,
}

pub fn weergave(u: &Uitkomst) -> Weergave {
    Weergave {
        mededelingen: u
            .uitleg
            .iter()
            .filter(|r| r.is_mededeling())
            .map(|r| format!("{} ({}).", r.omschrijving, r.artikel))
            .collect(),
        regels: u
            .uitleg
            .iter()
            .filter(|r| !r.is_mededeling())
            .map(|r| Regel {
                omschrijving: r.omschrijving.clone(),
                artikel: r.artikel.clone(),
                bedrag: euro(r.bedrag_centen),
            })
            .collect(),
        norm: euro(u.norm_centen),
        uitkering: euro(u.uitkering_centen),
        reservering: euro(u.vakantietoeslag_reservering_centen),
        uitbetaling: euro(u.uitbetaling_centen),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct ProefQuery {
    #[serde(default)]
    maand: String,
    #[serde(default)]
    aanvrager: String,
    #[serde(default)]
    partner: String,
    #[serde(default)]
    kinderen: String,
    #[serde(default)]
    medebewoner1: String,
    #[serde(default)]
    relatie1: String,
    #[serde(default)]
    medebewoner2: String,
    #[serde(default)]
    relatie2: String,
    #[serde(default)]
    arbeid: String,
    #[serde(default)]
    uitkering: String,
    #[serde(default)]
    alimentatie: String,
    #[serde(default)]
    overig: String,
    #[serde(default)]
    vrijlating_vanaf: String,
    #[serde(default)]
    vrijlating_ouder_vanaf: String,
    #[serde(default)]
    arbeid_partner: String,
    #[serde(default)]
    vrijlating_partner_vanaf: String,
    #[serde(default)]
    verlaging: String,
    #[serde(default)]
    jongste_kind: String,
    #[serde(default)]
    geen_beroep_aanvrager: String,
    #[serde(default)]
    geen_beroep_partner: String,
}

#[derive(Template)]
#[template(path = "proefberekening.html")]
struct ProefPagina {
    schil: Schil,
    q: ProefQuery,
    uitkomst: Option<Weergave>,
    fouten: Veldfouten,
}

/// Een keuze in een keuzelijst.
pub struct Optie {
    pub code: &'static str,
    pub naam: &'static str,
    pub gekozen: bool,
}

impl ProefPagina {
    /// (veld, label, waarde, type) van maand en huishouden.
    fn huishoudvelden(&self) -> [(&'static str, &'static str, &str, &'static str); 5] {
        let q = &self.q;
        [
            ("maand", "Maand", &q.maand, "month"),
            ("aanvrager", "Geboortedatum aanvrager", &q.aanvrager, "date"),
            (
                "partner",
                "Geboortedatum partner (leeg: geen)",
                &q.partner,
                "date",
            ),
            ("kinderen", "Aantal kinderen onder 18", &q.kinderen, "text"),
            (
                "jongste_kind",
                "Geboortedatum jongste kind (leeg: 5 jaar)",
                &q.jongste_kind,
                "date",
            ),
        ]
    }

    /// (veld, label, waarde, type) van de inkomstenvelden.
    fn inkomstenvelden(&self) -> [(&'static str, &'static str, &str, &'static str); 9] {
        let q = &self.q;
        [
            (
                "arbeid",
                "Netto inkomsten uit arbeid aanvrager (€)",
                &q.arbeid,
                "text",
            ),
            (
                "arbeid_partner",
                "Netto inkomsten uit arbeid partner (€)",
                &q.arbeid_partner,
                "text",
            ),
            ("uitkering", "Andere uitkering (€)", &q.uitkering, "text"),
            ("alimentatie", "Alimentatie (€)", &q.alimentatie, "text"),
            ("overig", "Overige inkomsten (€)", &q.overig, "text"),
            (
                "vrijlating_vanaf",
                "Vrijlating arbeid aanvrager (art. 31.2.n) vanaf",
                &q.vrijlating_vanaf,
                "date",
            ),
            (
                "vrijlating_partner_vanaf",
                "Vrijlating arbeid partner (art. 31.2.n) vanaf",
                &q.vrijlating_partner_vanaf,
                "date",
            ),
            (
                "vrijlating_ouder_vanaf",
                "Vrijlating alleenstaande ouder (art. 31.2.r) vanaf",
                &q.vrijlating_ouder_vanaf,
                "date",
            ),
            ("verlaging", "Verlaging (%)", &q.verlaging, "text"),
        ]
    }

    /// (veld, relatieveld, geboortedatum, opties) van de medebewoners.
    fn medebewonervelden(&self) -> Vec<(&'static str, &'static str, &str, Vec<Optie>)> {
        let opties = |gekozen: &str| {
            [
                ("familie", "Familie of bekende"),
                ("overig", "Overig (niet commercieel)"),
                ("commercieel", "Commercieel (huurder, kostganger)"),
                ("student", "Student met studiefinanciering"),
            ]
            .into_iter()
            .map(|(code, naam)| Optie {
                code,
                naam,
                gekozen: code == gekozen,
            })
            .collect()
        };
        vec![
            (
                "medebewoner1",
                "relatie1",
                self.q.medebewoner1.as_str(),
                opties(&self.q.relatie1),
            ),
            (
                "medebewoner2",
                "relatie2",
                self.q.medebewoner2.as_str(),
                opties(&self.q.relatie2),
            ),
        ]
    }
}

fn geboortedatum(veld: &str, label: &str, s: &str, f: &mut Veldfouten) -> Option<String> {
    if s.trim().is_empty() {
        return None;
    }
    f.controleer(veld, vangnet_domain::persoon::datum::parse_datum(s, label))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Zet het formulier om in een situatie; fouten per veld.
fn situatie(q: &ProefQuery) -> Result<Situatie, Veldfouten> {
    let mut f = Veldfouten::nieuw();
    let maand = q.maand.trim().to_owned();
    if NaiveDate::parse_from_str(&format!("{maand}-01"), "%Y-%m-%d").is_err() {
        f.voeg_toe("maand", "Kies de maand (jjjj-mm).");
    }
    let aanvrager = geboortedatum(
        "aanvrager",
        "geboortedatum van de aanvrager",
        &q.aanvrager,
        &mut f,
    );
    if q.aanvrager.trim().is_empty() {
        f.voeg_toe("aanvrager", "Vul de geboortedatum van de aanvrager in.");
    }
    let partner = geboortedatum(
        "partner",
        "geboortedatum van de partner",
        &q.partner,
        &mut f,
    );
    let kinderen: usize = match q.kinderen.trim() {
        "" => 0,
        s => match s.parse::<usize>() {
            Ok(n) if n <= 20 => n,
            _ => {
                f.voeg_toe(
                    "kinderen",
                    "Het aantal kinderen is een getal van 0 tot en met 20.",
                );
                0
            }
        },
    };
    let mut medebewoners = Vec::new();
    for (i, (g, r)) in [
        (&q.medebewoner1, &q.relatie1),
        (&q.medebewoner2, &q.relatie2),
    ]
    .into_iter()
    .enumerate()
    {
        let veld = format!("medebewoner{}", i + 1);
        if let Some(d) = geboortedatum(&veld, "geboortedatum van de medebewoner", g, &mut f) {
            let relatie = match r.as_str() {
                "familie" => Relatie::Familie,
                "commercieel" => Relatie::Commercieel,
                "student" => Relatie::Student,
                _ => Relatie::Overig,
            };
            medebewoners.push(Medebewoner {
                geboortedatum: d,
                vanaf: None,
                tot: None,
                relatie,
            });
        }
    }
    let mut inkomsten = Vec::new();
    // Elke partner zijn eigen vrijlating (art. 31 lid 2 onderdeel n): het inkomen uit arbeid
    // en de vrijlating per persoon. Wat van de partner is, vraagt een partner.
    let zonder_partner = |veld: &str, f: &mut Veldfouten| {
        f.voeg_toe(
            veld,
            "Er is geen partner ingevuld: vul de geboortedatum van de partner in, of laat dit veld leeg.",
        )
    };
    for (veld, soort, van, waarde) in [
        ("arbeid", Inkomenssoort::Arbeid, Wie::Aanvrager, &q.arbeid),
        (
            "arbeid_partner",
            Inkomenssoort::Arbeid,
            Wie::Partner,
            &q.arbeid_partner,
        ),
        (
            "uitkering",
            Inkomenssoort::Uitkering,
            Wie::Aanvrager,
            &q.uitkering,
        ),
        (
            "alimentatie",
            Inkomenssoort::Alimentatie,
            Wie::Aanvrager,
            &q.alimentatie,
        ),
        ("overig", Inkomenssoort::Overig, Wie::Aanvrager, &q.overig),
    ] {
        if let Some(Some(c)) = f.controleer(veld, parse_euro_of_leeg(waarde)) {
            if c > 0 && van == Wie::Partner && partner.is_none() {
                zonder_partner(veld, &mut f);
            } else if c > 0 {
                inkomsten.push(Inkomen {
                    soort,
                    netto_centen: c,
                    van,
                    vakantietoeslag_centen: None,
                });
            }
        }
    }
    let mut vrijlatingen = Vec::new();
    for (veld, soort, van, waarde) in [
        (
            "vrijlating_vanaf",
            Vrijlatingssoort::Arbeid,
            Wie::Aanvrager,
            &q.vrijlating_vanaf,
        ),
        (
            "vrijlating_partner_vanaf",
            Vrijlatingssoort::Arbeid,
            Wie::Partner,
            &q.vrijlating_partner_vanaf,
        ),
        (
            "vrijlating_ouder_vanaf",
            Vrijlatingssoort::AlleenstaandeOuder,
            Wie::Aanvrager,
            &q.vrijlating_ouder_vanaf,
        ),
    ] {
        if let Some(vanaf) = geboortedatum(veld, "ingangsdatum van de vrijlating", waarde, &mut f) {
            if van == Wie::Partner && partner.is_none() {
                zonder_partner(veld, &mut f);
            } else {
                vrijlatingen.push(Vrijlating { soort, vanaf, van });
            }
        }
    }
    let jongste = geboortedatum(
        "jongste_kind",
        "geboortedatum van het jongste kind",
        &q.jongste_kind,
        &mut f,
    );
    if jongste.is_some() && kinderen == 0 {
        f.voeg_toe(
            "kinderen",
            "Vul het aantal kinderen in als u de geboortedatum van het jongste kind geeft.",
        );
    }
    let verlaging = match q.verlaging.trim() {
        "" => 0,
        s => match s.trim_end_matches('%').trim().parse::<i64>() {
            Ok(p) if (0..=100).contains(&p) => p,
            _ => {
                f.voeg_toe(
                    "verlaging",
                    "De verlaging is een percentage van 0 tot en met 100.",
                );
                0
            }
        },
    };
    f.clone().resultaat()?;
    let eerste = NaiveDate::parse_from_str(&format!("{maand}-01"), "%Y-%m-%d").unwrap_or_default();
    Ok(Situatie {
        maand,
        aanvrager: Persoon {
            geboortedatum: aanvrager.unwrap_or_default(),
            geen_beroep_op_ouders: !q.geen_beroep_aanvrager.is_empty(),
        },
        partner: partner.map(|g| Partner {
            geboortedatum: g,
            geen_beroep_op_ouders: !q.geen_beroep_partner.is_empty(),
            ..Default::default()
        }),
        // Het jongste kind zoals opgegeven; de andere (of zonder opgave allemaal) vijf jaar oud.
        kinderen: (0..kinderen)
            .map(|i| Kind {
                geboortedatum: match (&jongste, i) {
                    (Some(j), 0) => j.clone(),
                    _ => (eerste - Duration::days(5 * 365))
                        .format("%Y-%m-%d")
                        .to_string(),
                },
            })
            .collect(),
        medebewoners,
        inkomsten,
        vrijlatingen,
        verlaging_procent: verlaging,
    })
}

pub async fn proefberekening(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(mut q): Query<ProefQuery>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::ClientenInzien)?;
    let schil = Schil::voor(&staat, &wie, "Proefberekening", "/proefberekening")
        .kruimel("/proefberekening", "Proefberekening");
    if q.maand.trim().is_empty() {
        q.maand = tijd::nl_lokaal(staat.app.klok.nu())
            .format("%Y-%m")
            .to_string();
        return Ok(pagina_met_status(
            StatusCode::OK,
            &ProefPagina {
                schil,
                q,
                uitkomst: None,
                fouten: Veldfouten::nieuw(),
            },
        ));
    }
    let (uitkomst, fouten, status) = match situatie(&q) {
        Err(f) => (None, f, StatusCode::UNPROCESSABLE_ENTITY),
        Ok(s) => match staat.app.proefberekening(&wie.ctx, &s).await {
            Ok(u) => (Some(weergave(&u)), Veldfouten::nieuw(), StatusCode::OK),
            Err(AppFout::Ongeldig(f)) => (None, f, StatusCode::UNPROCESSABLE_ENTITY),
            Err(e) => return Err(e.into()),
        },
    };
    Ok(pagina_met_status(
        status,
        &ProefPagina {
            schil,
            q,
            uitkomst,
            fouten,
        },
    ))
}

#[derive(Deserialize, Default)]
pub struct MaandQuery {
    maand: Option<String>,
}

#[derive(Template)]
#[template(path = "dossier_berekening.html")]
struct DossierBerekeningPagina {
    schil: Schil,
    id: i64,
    maand: String,
    uitkomst: Option<Weergave>,
    fouten: Veldfouten,
}

pub async fn dossier_berekening(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<MaandQuery>,
) -> Result<Response, WebFout> {
    let maand = q.maand.filter(|m| !m.trim().is_empty()).unwrap_or_else(|| {
        tijd::nl_lokaal(staat.app.klok.nu())
            .format("%Y-%m")
            .to_string()
    });
    let (uitkomst, fouten, status) = match staat.app.dossier_berekening(&wie.ctx, id, &maand).await
    {
        Ok(u) => (Some(weergave(&u)), Veldfouten::nieuw(), StatusCode::OK),
        Err(AppFout::Ongeldig(f)) => (None, f, StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => return Err(e.into()),
    };
    Ok(pagina_met_status(
        status,
        &DossierBerekeningPagina {
            schil: Schil::voor(&staat, &wie, "Berekening", "/dossiers")
                .kruimel(&format!("/dossiers/{id}"), "Dossier")
                .kruimel(&format!("/dossiers/{id}/berekening"), "Berekening"),
            id,
            maand,
            uitkomst,
            fouten,
        },
    ))
}
