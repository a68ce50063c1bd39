//! Voor de auditor: de audittrail en het toegangslog, filterbaar en per bladzijde, en de
//! controle van de hashketen. Met htmx ververst alleen de tabel bij het filteren (`hx-select`);
//! zonder JavaScript werkt het filter als gewoon formulier.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use vangnet_app::audit::KetenUitslag;
use vangnet_app::opslag::{AuditFilter, ToegangFilter};
use vangnet_domain::{tijd, verwerking, Veldfouten};

use crate::fout::WebFout;
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

pub const PER_PAGINA: i64 = 50;

#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    /// Een BSN of dossiernummer: alles over die persoon of dat dossier (issue 21 punt 12).
    #[serde(default)]
    pub bsn_of_dossier: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub actie: String,
    #[serde(default)]
    pub onderwerp_type: String,
    #[serde(default)]
    pub onderwerp_id: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    #[serde(default)]
    pub pagina: Option<String>,
    /// De cursor van de API (`volgende` van de vorige bladzijde); het scherm gebruikt `pagina`.
    pub na: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct ToegangQuery {
    /// Een BSN of dossiernummer: wie die persoon (of de cliënt van dat dossier) inzag.
    #[serde(default)]
    pub bsn_of_dossier: String,
    #[serde(default)]
    pub gebruiker: String,
    #[serde(default)]
    pub betrokkene_type: String,
    #[serde(default)]
    pub betrokkene_id: String,
    #[serde(default)]
    pub verwerkingsactiviteit: String,
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    #[serde(default)]
    pub pagina: Option<String>,
    /// De cursor van de API (`volgende` van de vorige bladzijde); het scherm gebruikt `pagina`.
    pub na: Option<String>,
}

fn leeg_is_geen(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Leest "van" en "tot" (Nederlandse kalenderdagen, `jjjj-mm-dd`) als UTC-grenzen; "tot" telt
/// de hele dag mee.
pub fn periode(
    van: &str,
    tot: &str,
    fouten: &mut Veldfouten,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let dag = |veld: &str, label: &str, s: &str, f: &mut Veldfouten| -> Option<NaiveDate> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        match tijd::iso_datum(s) {
            Some(d) => Some(d),
            None => {
                f.voeg_toe(veld, format!("{label} is geen geldige datum; gebruik jjjj-mm-dd, bijvoorbeeld 2026-11-28."));
                None
            }
        }
    };
    let v = dag("van", "De datum 'van'", van, fouten);
    let t = dag("tot", "De datum 'tot en met'", tot, fouten);
    if let (Some(v), Some(t)) = (v, t) {
        if t < v {
            fouten.voeg_toe("tot", "De datum 'tot en met' ligt vóór de datum 'van'.");
        }
    }
    (
        v.map(tijd::begin_nl_dag),
        t.map(|d| tijd::begin_nl_dag(d + Duration::days(1))),
    )
}

pub fn paginanummer(p: &Option<String>, fouten: &mut Veldfouten) -> i64 {
    match p.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 1,
        Some(s) => match s.parse::<i64>() {
            Ok(n) if (1..=1_000_000).contains(&n) => n,
            _ => {
                fouten.voeg_toe(
                    "pagina",
                    "Het paginanummer moet een geheel getal vanaf 1 zijn.",
                );
                1
            }
        },
    }
}

pub fn audit_filter(q: &AuditQuery, fouten: &mut Veldfouten) -> AuditFilter {
    let (van, tot) = periode(&q.van, &q.tot, fouten);
    AuditFilter {
        actor: leeg_is_geen(&q.actor),
        actie: leeg_is_geen(&q.actie),
        onderwerp_type: leeg_is_geen(&q.onderwerp_type),
        onderwerp_id: leeg_is_geen(&q.onderwerp_id),
        van,
        tot,
        onderwerpen: Vec::new(),
        voor_volgnummer: None,
    }
}

/// Zoekt het BSN of dossiernummer van het filter op: de personen en onderwerpen eronder. Niets
/// gevonden of geen BSN of dossiernummer: een melding bij het veld.
pub async fn onderwerp(
    staat: &WebStaat,
    ingelogd: &Ingelogd,
    tekst: &str,
    fouten: &mut Veldfouten,
) -> Result<Option<vangnet_app::audit::Auditonderwerp>, WebFout> {
    if tekst.trim().is_empty() {
        return Ok(None);
    }
    match staat.app.audit_onderwerp(&ingelogd.ctx, tekst).await {
        Ok(o) if o.personen.is_empty() => {
            fouten.voeg_toe(
                "bsn_of_dossier",
                "Bij dit BSN of dossiernummer is geen persoon of dossier bekend.",
            );
            Ok(None)
        }
        Ok(o) => Ok(Some(o)),
        Err(vangnet_app::AppFout::Ongeldig(f)) => {
            for v in f.0 {
                fouten.voeg_toe("bsn_of_dossier", v.melding);
            }
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

pub fn toegang_filter(q: &ToegangQuery, fouten: &mut Veldfouten) -> ToegangFilter {
    let (van, tot) = periode(&q.van, &q.tot, fouten);
    ToegangFilter {
        gebruiker: leeg_is_geen(&q.gebruiker),
        betrokkene_type: leeg_is_geen(&q.betrokkene_type),
        betrokkene_id: leeg_is_geen(&q.betrokkene_id),
        verwerkingsactiviteit: leeg_is_geen(&q.verwerkingsactiviteit),
        van,
        tot,
    }
}

/// De personen (ids) onder (soort, id)-paren.
fn personen<'a>(paren: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<i64> {
    paren
        .filter(|(soort, _)| *soort == "persoon")
        .filter_map(|(_, id)| id.parse().ok())
        .collect()
}

/// `persoon 12 (El Amrani, F. (*****3653))`, of zonder naam als het geen persoon is.
fn met_naam(namen: &std::collections::HashMap<i64, String>, soort: &str, id: &str) -> String {
    match id
        .parse::<i64>()
        .ok()
        .filter(|_| soort == "persoon")
        .and_then(|i| namen.get(&i))
    {
        Some(n) => format!("{soort} {id}: {n}"),
        None => format!("{soort} {id}"),
    }
}

pub struct AuditRegel {
    pub volgnummer: i64,
    pub tijdstip: String,
    pub actor: String,
    pub actie: String,
    pub onderwerp: String,
    pub samenvatting: String,
    pub reden: String,
    pub voor: String,
    pub na: String,
    pub operatie_id: String,
}

pub struct Bladeren {
    pub pagina: i64,
    pub paginas: i64,
    pub totaal: i64,
    /// Er zijn meer resultaten dan `totaal` (het toegangslog telt niet verder dan
    /// [`vangnet_app::toegang::TOEGANG_TELGRENS`]).
    pub meer_dan: bool,
    /// De querystring zonder paginanummer, om vorige/volgende te maken.
    pub basis: String,
}

impl Bladeren {
    /// Het totaal met een punt per duizendtal, zoals in het Nederlands (10.000).
    pub fn totaal_tekst(&self) -> String {
        let cijfers = self.totaal.unsigned_abs().to_string();
        let mut uit = String::new();
        for (i, c) in cijfers.chars().enumerate() {
            if i > 0 && (cijfers.len() - i).is_multiple_of(3) {
                uit.push('.');
            }
            uit.push(c);
        }
        if self.totaal < 0 {
            uit.insert(0, '-');
        }
        uit
    }
}

fn bladeren(pagina: i64, totaal: i64, basis: String) -> Bladeren {
    Bladeren {
        pagina,
        paginas: ((totaal + PER_PAGINA - 1) / PER_PAGINA).max(1),
        totaal,
        meer_dan: false,
        basis,
    }
}

fn query_zonder_pagina(paren: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in paren {
        if !v.trim().is_empty() {
            s.append_pair(k, v);
        }
    }
    s.finish()
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPagina {
    schil: Schil,
    q: AuditQuery,
    regels: Vec<AuditRegel>,
    bladeren: Bladeren,
    fouten: Veldfouten,
}

pub async fn audittrail(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebFout> {
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::AuditInzien)
        .map_err(WebFout::from)?;
    let mut fouten = Veldfouten::nieuw();
    let mut filter = audit_filter(&q, &mut fouten);
    if let Some(o) = onderwerp(&staat, &wie, &q.bsn_of_dossier, &mut fouten).await? {
        filter.onderwerpen = o.onderwerpen;
    }
    let nr = paginanummer(&q.pagina, &mut fouten);
    let (regels, totaal) = if fouten.is_leeg() {
        let p = staat
            .app
            .audit_zoeken(&wie.ctx, &filter, PER_PAGINA, (nr - 1) * PER_PAGINA)
            .await?;
        let namen = staat
            .app
            .namen_voor_audit(
                &wie.ctx,
                &personen(p.records.iter().map(|r| {
                    (
                        r.gegevens.onderwerp_type.as_str(),
                        r.gegevens.onderwerp_id.as_str(),
                    )
                })),
            )
            .await?;
        let regels = p
            .records
            .into_iter()
            .map(|r| {
                let g = r.gegevens;
                AuditRegel {
                    volgnummer: g.volgnummer,
                    tijdstip: tijd::nl_weergave_tekst(&g.tijdstip),
                    actor: g.actor,
                    actie: g.actie,
                    onderwerp: if g.onderwerp_id.is_empty() {
                        g.onderwerp_type
                    } else {
                        met_naam(&namen, &g.onderwerp_type, &g.onderwerp_id)
                    },
                    samenvatting: g.samenvatting,
                    reden: g.reden.unwrap_or_default(),
                    voor: g.voor.unwrap_or_default(),
                    na: g.na.unwrap_or_default(),
                    operatie_id: g.operatie_id,
                }
            })
            .collect();
        (regels, p.totaal)
    } else {
        (Vec::new(), 0)
    };
    let basis = query_zonder_pagina(&[
        ("bsn_of_dossier", &q.bsn_of_dossier),
        ("actor", &q.actor),
        ("actie", &q.actie),
        ("onderwerp_type", &q.onderwerp_type),
        ("onderwerp_id", &q.onderwerp_id),
        ("van", &q.van),
        ("tot", &q.tot),
    ]);
    let status = crate::schil::status_voor(&fouten);
    Ok(pagina_met_status(
        status,
        &AuditPagina {
            schil: Schil::voor(&staat, &wie, "Audittrail", "/audit")
                .kruimel("/audit", "Audittrail"),
            q,
            regels,
            bladeren: bladeren(nr, totaal, basis),
            fouten,
        },
    ))
}

pub struct ToegangRegel {
    pub tijdstip: String,
    pub gebruiker: String,
    pub activiteit: String,
    pub betrokkene: String,
    pub omschrijving: String,
    pub trace_id: String,
}

pub struct Activiteit {
    pub id: &'static str,
    pub naam: &'static str,
}

#[derive(Template)]
#[template(path = "toegangslog.html")]
struct ToegangPagina {
    schil: Schil,
    q: ToegangQuery,
    regels: Vec<ToegangRegel>,
    activiteiten: Vec<Activiteit>,
    bladeren: Bladeren,
    fouten: Veldfouten,
}

pub async fn toegangslog(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<ToegangQuery>,
) -> Result<Response, WebFout> {
    let mut fouten = Veldfouten::nieuw();
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::ToegangslogInzien)
        .map_err(WebFout::from)?;
    let mut filter = toegang_filter(&q, &mut fouten);
    if let Some(o) = onderwerp(&staat, &wie, &q.bsn_of_dossier, &mut fouten).await? {
        filter.betrokkene_type = Some("persoon".into());
        filter.betrokkene_id = o.personen.first().map(i64::to_string);
    }
    let nr = paginanummer(&q.pagina, &mut fouten);
    let (regels, totaal, meer_dan) = if fouten.is_leeg() {
        let p = staat
            .app
            .toegang_zoeken(&wie.ctx, &filter, PER_PAGINA, (nr - 1) * PER_PAGINA)
            .await?;
        let namen = staat
            .app
            .namen_voor_audit(
                &wie.ctx,
                &personen(
                    p.regels
                        .iter()
                        .map(|r| (r.betrokkene_type.as_str(), r.betrokkene_id.as_str())),
                ),
            )
            .await?;
        let regels = p
            .regels
            .into_iter()
            .map(|r| ToegangRegel {
                tijdstip: tijd::nl_weergave_tekst(&r.tijdstip),
                gebruiker: r.gebruiker,
                activiteit: verwerking::zoek(&r.verwerkingsactiviteit)
                    .map_or(r.verwerkingsactiviteit.clone(), |a| a.naam.to_owned()),
                betrokkene: met_naam(&namen, &r.betrokkene_type, &r.betrokkene_id),
                omschrijving: r.omschrijving,
                trace_id: r.trace_id,
            })
            .collect();
        (regels, p.totaal, p.meer_dan)
    } else {
        (Vec::new(), 0, false)
    };
    let basis = query_zonder_pagina(&[
        ("bsn_of_dossier", &q.bsn_of_dossier),
        ("gebruiker", &q.gebruiker),
        ("betrokkene_type", &q.betrokkene_type),
        ("betrokkene_id", &q.betrokkene_id),
        ("verwerkingsactiviteit", &q.verwerkingsactiviteit),
        ("van", &q.van),
        ("tot", &q.tot),
    ]);
    let status = crate::schil::status_voor(&fouten);
    Ok(pagina_met_status(
        status,
        &ToegangPagina {
            schil: Schil::voor(&staat, &wie, "Toegangslog", "/toegangslog")
                .kruimel("/toegangslog", "Toegangslog"),
            q,
            regels,
            activiteiten: verwerking::REGISTER
                .iter()
                .map(|a| Activiteit {
                    id: a.id,
                    naam: a.naam,
                })
                .collect(),
            bladeren: Bladeren {
                meer_dan,
                ..bladeren(nr, totaal, basis)
            },
            fouten,
        },
    ))
}

#[derive(Template)]
#[template(path = "controle.html")]
struct ControlePagina {
    schil: Schil,
    intact: bool,
    records: i64,
    sleutel: bool,
    ankers: usize,
    fout: String,
}

pub async fn controle(State(staat): State<WebStaat>, wie: Ingelogd) -> Result<Response, WebFout> {
    let uitslag = staat.app.audit_controleren(&wie.ctx).await?;
    let (intact, records, sleutel, ankers, fout) = match uitslag {
        KetenUitslag::Intact {
            records,
            sleutel,
            ankers,
        } => (true, records, sleutel, ankers, String::new()),
        KetenUitslag::Gebroken(f) => (false, 0, false, 0, f.to_string()),
    };
    Ok(pagina(&ControlePagina {
        schil: Schil::voor(&staat, &wie, "Controle van de audittrail", "/audit")
            .kruimel("/audit", "Audittrail")
            .kruimel("/audit/controle", "Controle"),
        intact,
        records,
        sleutel,
        ankers,
        fout,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totaal_met_punten_per_duizendtal() {
        for (n, tekst) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1.000"),
            (10_000, "10.000"),
            (1_234_567, "1.234.567"),
            (-4_200, "-4.200"),
        ] {
            assert_eq!(bladeren(1, n, String::new()).totaal_tekst(), tekst);
        }
    }
}
