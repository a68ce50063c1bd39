//! De berekening van de algemene bijstand voor één kalendermaand: een pure functie van de
//! situatie en de normtabellen naar een bedrag met uitleg. Elke regel van de uitleg noemt het
//! wetsartikel; de bedragen in de uitleg tellen op tot de uitbetaling.
//!
//! Bronnen: ../shared/domain/participatiewet-feiten.md §1 (normen art. 20–22, verhoging art. 20
//! lid 3), §2 (kostendelersnorm art. 22a en 19a), §3 (middelen art. 31–32, vrijlatingen art. 31
//! lid 2 onderdelen n en r), §4 (verlaging art. 18); vakantietoeslag art. 19 lid 3 en art. 45
//! lid 1; de wettekst zelf in ../shared/domain/bronnen/participatiewet-BWBR0015703-2026-01-01.xml.
//!
//! Aannames die de bronnen niet vastleggen, en die daarom hier staan:
//! - Verandert de norm midden in de maand doordat iemand jarig wordt (21 jaar; een kind 18; een
//!   medebewoner 27) of de AOW-leeftijd bereikt, dan geldt elke norm naar rato van zijn
//!   kalenderdagen (de wet knoopt aan bij de leeftijd, dus bij de dag); elk deel half naar boven
//!   afgerond op centen. Inkomsten, vrijlatingen en verlaging gelden per maand. De voorwaarden
//!   voor vrijlatingen (27 jaar, kind jonger dan 12) gelden zoals op de eerste dag van de maand.
//!   NIET door een bron bevestigd.
//! - De vrijlatingen van art. 31 lid 2 onderdelen n en r gelden als de aanvrager 27 jaar of ouder
//!   is (art. 31 lid 5), voor de inkomsten uit arbeid van het huishouden.
//! - De verhoging van art. 20 lid 3 geldt waar een norm van art. 20 geldt; bij de jonge partner
//!   van een kostendeler (art. 22a lid 3) wordt zij niet toegepast. NIET door een bron bevestigd.
//! - Afronding: steeds half naar boven op hele centen, per stap genoemd in de uitleg.
//!
//! Het contract (`vangnet bereken`, contracts/bereken.md) kent de verhoging van art. 20 lid 3 en
//! de vrijlating voor de alleenstaande ouder (onderdeel r) niet; de JSON-invoer weigert ze dus.
//! De proefberekening en (later) de mutaties op een uitkering geven ze wel mee.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::aow::{aow_datum, AowDatum};
use crate::normen::{kostendelersnorm, Centen, Normtabel, Normtabellen};
use crate::persoon::Geboortedatum;

/// Een persoon in de situatie: alleen wat de berekening nodig heeft.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persoon {
    pub geboortedatum: String,
    /// Art. 20 lid 3: 18–20 jaar en kan voor de kosten van levensonderhoud geen beroep doen op
    /// de ouders (het college stelt dat vast). Niet in het contract.
    #[serde(skip)]
    pub geen_beroep_op_ouders: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relatie {
    Familie,
    Overig,
    Commercieel,
    Student,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Medebewoner {
    pub geboortedatum: String,
    pub relatie: Relatie,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inkomenssoort {
    Arbeid,
    Uitkering,
    Alimentatie,
    Overig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inkomen {
    pub soort: Inkomenssoort,
    pub netto_centen: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vrijlatingssoort {
    /// Art. 31 lid 2 onderdeel n: 25 %, ten hoogste zes maanden vanaf `vanaf`.
    Arbeid,
    /// Art. 31 lid 2 onderdeel r: alleenstaande ouder, 12,5 %, ten hoogste 30 maanden vanaf
    /// `vanaf`. Niet in het contract (de JSON-invoer weigert haar).
    #[serde(skip_deserializing)]
    AlleenstaandeOuder,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vrijlating {
    pub soort: Vrijlatingssoort,
    pub vanaf: String,
}

/// De situatie, zoals in contracts/bereken.md.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situatie {
    pub maand: String,
    pub aanvrager: Persoon,
    #[serde(default)]
    pub partner: Option<Persoon>,
    #[serde(default)]
    pub kinderen: Vec<Persoon>,
    #[serde(default)]
    pub medebewoners: Vec<Medebewoner>,
    #[serde(default)]
    pub inkomsten: Vec<Inkomen>,
    #[serde(default)]
    pub vrijlatingen: Vec<Vrijlating>,
    #[serde(default)]
    pub verlaging_procent: i64,
}

/// Eén stap van de uitleg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uitlegregel {
    pub omschrijving: String,
    pub artikel: String,
    pub bedrag_centen: Centen,
}

/// De uitkomst, zoals in contracts/bereken.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uitkomst {
    pub maand: String,
    pub norm_centen: Centen,
    pub inkomsten_in_mindering_centen: Centen,
    pub verlaging_centen: Centen,
    pub uitkering_centen: Centen,
    pub vakantietoeslag_reservering_centen: Centen,
    pub uitbetaling_centen: Centen,
    pub uitleg: Vec<Uitlegregel>,
}

/// Een fout in de invoer: het veld en een Nederlandse melding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{veld}: {melding}")]
pub struct Invoerfout {
    pub veld: String,
    pub melding: String,
}

fn fout(veld: impl Into<String>, melding: impl Into<String>) -> Invoerfout {
    Invoerfout {
        veld: veld.into(),
        melding: melding.into(),
    }
}

/// a × teller / noemer, half naar boven afgerond op hele centen (voor niet-negatieve bedragen).
pub fn half_naar_boven(a: Centen, teller: i64, noemer: i64) -> Centen {
    (2 * a * teller + noemer) / (2 * noemer)
}

/// Een situatie zonder tekst: datums al gelezen, lijsten geleend. Zo rekent
/// [`bereken_bedragen`] zonder één heap-allocatie (voor massale herberekening).
#[derive(Debug, Clone, Copy)]
pub struct Rekensituatie<'a> {
    /// De eerste dag van de maand.
    pub maand: NaiveDate,
    pub aanvrager: NaiveDate,
    pub partner: Option<NaiveDate>,
    pub kinderen: &'a [NaiveDate],
    pub medebewoners: &'a [(NaiveDate, Relatie)],
    pub inkomsten: &'a [(Inkomenssoort, Centen)],
    pub vrijlatingen: &'a [(Vrijlatingssoort, NaiveDate)],
    pub verlaging_procent: i64,
    /// Art. 20 lid 3: aanvrager en partner kunnen geen beroep doen op hun ouders.
    pub geen_beroep_op_ouders: [bool; 2],
    /// Een deel van de maand: van en tot en met.
    pub deel: Option<(NaiveDate, NaiveDate)>,
}

/// De bedragen van een berekening, zonder uitleg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bedragen {
    pub norm: Centen,
    pub inkomsten_in_mindering: Centen,
    pub verlaging: Centen,
    pub uitkering: Centen,
    pub reservering: Centen,
    pub uitbetaling: Centen,
}

/// Eén stap van de berekening, in getallen; de uitleg maakt er tekst van.
#[derive(Debug, Clone, Copy)]
enum Stap {
    Onzeker(NaiveDate),
    KostendelerAlleen {
        ouder: bool,
        a: u32,
        b: Centen,
        art_b: &'static str,
        bedrag: Centen,
    },
    Norm {
        omschrijving: &'static str,
        artikel: &'static str,
        bedrag: Centen,
    },
    JongeKostendeler {
        wie: &'static str,
        artikel: &'static str,
        bedrag: Centen,
    },
    KostendelerGehuwd {
        wie: &'static str,
        a: u32,
        b: Centen,
        art_b: &'static str,
        bedrag: Centen,
    },
    Inkomen {
        soort: Inkomenssoort,
        bedrag: Centen,
    },
    Vrijlating {
        procent: i64,
        max: Centen,
        bedrag: Centen,
    },
    GeenVrijlatingJong,
    VrijlatingOuder {
        promille: i64,
        max: Centen,
        bedrag: Centen,
    },
    GeenVrijlatingOuder(&'static str),
    Verhoging {
        wie: &'static str,
        bedrag: Centen,
    },
    GeenVerhoging(NaiveDate),
    VerhogingBegrensd {
        max: Centen,
        artikel_max: &'static str,
        bedrag: Centen,
    },
    NormDeel {
        van: NaiveDate,
        tot: NaiveDate,
        dagen: i64,
        in_maand: i64,
        bedrag: Centen,
    },
    Verlaging {
        procent: i64,
        bedrag: Centen,
    },
    NietOnderNul {
        bedrag: Centen,
    },
    Deel {
        dagen: i64,
        in_maand: i64,
        van: NaiveDate,
        tot: NaiveDate,
        bedrag: Centen,
    },
    Reservering {
        procent: i64,
        bedrag: Centen,
    },
}

fn uitlegregel(stap: Stap) -> Uitlegregel {
    let r = |omschrijving: String, artikel: &str, bedrag_centen: Centen| Uitlegregel {
        omschrijving,
        artikel: artikel.to_owned(),
        bedrag_centen,
    };
    match stap {
        Stap::Onzeker(vanaf) => r(
            format!(
                "Let op: de normtabel per {} is niet geverifieerd tegen de officiële bron; de \
                 bedragen kunnen nog wijzigen",
                vanaf.format("%d-%m-%Y")
            ),
            "art. 38 Participatiewet (aanpassing normbedragen)",
            0,
        ),
        Stap::KostendelerAlleen { ouder, a, b, art_b, bedrag } => r(
            format!(
                "Kostendelersnorm {}: (40% + {a} × 30%) / {a} van de gehuwdennorm {} (art. {art_b}), A = {a}, half naar boven afgerond op centen",
                if ouder { "alleenstaande ouder" } else { "alleenstaande" },
                crate::bedrag::euro(b)
            ),
            "art. 22a lid 1 Participatiewet",
            bedrag,
        ),
        Stap::Norm { omschrijving, artikel, bedrag } => r(omschrijving.to_owned(), artikel, bedrag),
        Stap::JongeKostendeler { wie, artikel, bedrag } => {
            r(format!("Deel van de {wie} van 18 tot 21 jaar bij kostendelers"), artikel, bedrag)
        }
        Stap::KostendelerGehuwd { wie, a, b, art_b, bedrag } => r(
            format!(
                "Kostendelersnorm {wie}: (40% + {a} × 30%) / {a} van {} (art. {art_b}), half naar boven afgerond op centen",
                crate::bedrag::euro(b)
            ),
            "art. 22a lid 1 en lid 2 Participatiewet",
            bedrag,
        ),
        Stap::Inkomen { soort, bedrag } => r(
            format!(
                "Netto inkomsten {}",
                match soort {
                    Inkomenssoort::Arbeid => "uit arbeid",
                    Inkomenssoort::Uitkering => "uit een andere uitkering",
                    Inkomenssoort::Alimentatie => "uit alimentatie",
                    Inkomenssoort::Overig => "overig",
                }
            ),
            "art. 31 en 32 Participatiewet",
            -bedrag,
        ),
        Stap::Vrijlating { procent, max, bedrag } => r(
            format!(
                "Vrijlating {procent}% van de inkomsten uit arbeid, ten hoogste {} per maand, half naar boven afgerond op centen",
                crate::bedrag::euro(max)
            ),
            "art. 31 lid 2 onderdeel n Participatiewet",
            bedrag,
        ),
        Stap::GeenVrijlatingJong => r(
            "Geen vrijlating van inkomsten uit arbeid: de aanvrager is jonger dan 27 jaar".into(),
            "art. 31 lid 5 Participatiewet",
            0,
        ),
        Stap::VrijlatingOuder { promille, max, bedrag } => r(
            format!(
                "Vrijlating alleenstaande ouder {},{}% van de inkomsten uit arbeid, ten hoogste {} per maand, half naar boven afgerond op centen",
                promille / 10,
                promille % 10,
                crate::bedrag::euro(max)
            ),
            "art. 31 lid 2 onderdeel r Participatiewet",
            bedrag,
        ),
        Stap::GeenVrijlatingOuder(reden) => r(
            format!("Geen vrijlating alleenstaande ouder: {reden}"),
            "art. 31 lid 2 onderdeel r Participatiewet",
            0,
        ),
        Stap::Verhoging { wie, bedrag } => r(
            format!("Verhoging: de {wie} is 18, 19 of 20 jaar en kan geen beroep doen op de ouders"),
            "art. 20 lid 3 Participatiewet",
            bedrag,
        ),
        Stap::GeenVerhoging(vanaf) => r(
            format!(
                "Geen verhoging voor jongeren zonder beroep op de ouders: de normtabel per {} kent haar niet (geldt vanaf 1 januari 2026)",
                vanaf.format("%d-%m-%Y")
            ),
            "art. 20 lid 3 Participatiewet",
            0,
        ),
        Stap::VerhogingBegrensd { max, artikel_max, bedrag } => r(
            format!(
                "Norm met verhoging niet hoger dan de norm voor 21 jaar en ouder in dezelfde situatie ({}, {artikel_max})",
                crate::bedrag::euro(max)
            ),
            "art. 20 lid 4 Participatiewet",
            bedrag,
        ),
        Stap::NormDeel { van, tot, dagen, in_maand, bedrag } => r(
            format!(
                "De norm hierboven geldt van {} tot en met {}: {dagen} van de {in_maand} dagen, naar rato per kalenderdag, half naar boven afgerond op centen",
                van.format("%d-%m-%Y"),
                tot.format("%d-%m-%Y")
            ),
            "art. 20 tot en met 22a Participatiewet (leeftijd op de dag)",
            bedrag,
        ),
        Stap::Verlaging { procent, bedrag } => r(
            format!("Verlaging van {procent}% van de norm, half naar boven afgerond op centen"),
            "art. 18 lid 2 Participatiewet",
            -bedrag,
        ),
        Stap::NietOnderNul { bedrag } => r(
            "De middelen zijn hoger dan de norm: geen bijstand (niet minder dan nul)".into(),
            "art. 19 lid 1 Participatiewet",
            bedrag,
        ),
        Stap::Deel { dagen, in_maand, van, tot, bedrag } => r(
            format!(
                "Bijstand over {dagen} van de {in_maand} dagen ({} tot en met {}), naar rato per kalenderdag, half naar boven afgerond op centen",
                van.format("%d-%m-%Y"),
                tot.format("%d-%m-%Y")
            ),
            "art. 45 lid 3 Participatiewet",
            bedrag,
        ),
        Stap::Reservering { procent, bedrag } => r(
            format!("Gereserveerde vakantietoeslag ({procent}% van de bijstand, half naar boven afgerond op centen; jaarlijks uitbetaald)"),
            "art. 19 lid 3 en art. 45 lid 1 Participatiewet",
            -bedrag,
        ),
    }
}

/// Een persoon zoals de berekening hem ziet: geboortedatum, leeftijd op de eerste dag van de
/// maand en de dag waarop hij de AOW-leeftijd bereikt.
#[derive(Clone, Copy)]
struct Lid {
    geboren: NaiveDate,
    leeftijd: i32,
    aow_vanaf: Option<NaiveDate>,
}

impl Lid {
    fn leeftijd_op(self, dag: NaiveDate) -> i32 {
        Geboortedatum(self.geboren).leeftijd_op(dag)
    }

    fn aow_op(self, dag: NaiveDate) -> bool {
        self.aow_vanaf.is_some_and(|d| d <= dag)
    }

    /// Op de eerste dag van de maand (de leeftijd is dan al bekend).
    fn stand(self, maand: NaiveDate) -> Stand {
        Stand {
            leeftijd: self.leeftijd,
            aow: self.aow_op(maand),
        }
    }

    /// De eerste dag na `na` en uiterlijk `einde` waarop deze persoon `drempel` jaar wordt of
    /// (met `aow`) de AOW-leeftijd bereikt.
    fn wissel(self, drempel: i32, aow: bool, na: NaiveDate, einde: NaiveDate) -> Option<NaiveDate> {
        let mut eerste = None;
        // Alleen in de geboortemaand kan de leeftijd binnen de maand veranderen (wie op 29
        // februari is geboren, wordt in een gewoon jaar op 1 maart ouder: de eerste dag).
        if self.geboren.month() == einde.month()
            && self.leeftijd_op(na) < drempel
            && self.leeftijd_op(einde) >= drempel
        {
            // De verjaardag ligt in (na, einde]: zoek de dag (hoogstens vijf stappen).
            let (mut laag, mut hoog) = (na, einde);
            while (hoog - laag).num_days() > 1 {
                let midden = laag + chrono::Duration::days((hoog - laag).num_days() / 2);
                if self.leeftijd_op(midden) >= drempel {
                    hoog = midden;
                } else {
                    laag = midden;
                }
            }
            eerste = Some(hoog);
        }
        if aow {
            if let Some(d) = self.aow_vanaf.filter(|d| *d > na && *d <= einde) {
                eerste = Some(eerste.map_or(d, |e: NaiveDate| e.min(d)));
            }
        }
        eerste
    }
}

/// Leeftijd en (met `aow`) de AOW-datum; `Err` met alleen de melding (het veld kent de
/// aanroeper).
fn lid(
    geboren: NaiveDate,
    maand: NaiveDate,
    einde: NaiveDate,
    aow: bool,
) -> Result<Lid, &'static str> {
    if geboren > einde {
        return Err("ligt na de berekende maand.");
    }
    if !aow {
        return Ok(Lid {
            geboren,
            leeftijd: Geboortedatum(geboren).leeftijd_op(maand),
            aow_vanaf: None,
        });
    }
    let aow_vanaf = match aow_datum(geboren) {
        AowDatum::Voor2021 => Some(NaiveDate::MIN),
        AowDatum::Op { datum, .. } => Some(datum),
        AowDatum::NietVastgesteld { niet_voor } => {
            if niet_voor <= einde {
                return Err(
                    "de AOW-leeftijd voor dit geboortejaar is nog niet wettelijk vastgesteld.",
                );
            }
            None
        }
    };
    Ok(Lid {
        geboren,
        leeftijd: Geboortedatum(geboren).leeftijd_op(maand),
        aow_vanaf,
    })
}

fn datum(veld: &str, s: &str) -> Result<NaiveDate, Invoerfout> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| fout(veld, "is geen datum in de vorm jjjj-mm-dd."))
}

/// Berekent de bijstand voor de maand van de situatie.
pub fn bereken(s: &Situatie, tabellen: &Normtabellen) -> Result<Uitkomst, Invoerfout> {
    bereken_met(s, tabellen, None)
}

/// Berekent de bijstand voor een deel van de maand: van `van` tot en met `tot_en_met` (beide in
/// de maand). De bijstand van de hele maand gaat naar rato van kalenderdagen, half naar boven
/// afgerond op centen; daarna de reservering vakantietoeslag over dat deel.
pub fn bereken_deel(
    s: &Situatie,
    tabellen: &Normtabellen,
    van: NaiveDate,
    tot_en_met: NaiveDate,
) -> Result<Uitkomst, Invoerfout> {
    bereken_met(s, tabellen, Some((van, tot_en_met)))
}

/// Een situatie met gelezen datums, eigendom van de aanroeper: eenmaal lezen, dan voor elke
/// maand lenen met [`GelezenSituatie::rekensituatie`] (zo rekent een herberekening of benchmark
/// zonder allocaties per maand).
#[derive(Debug, Clone)]
pub struct GelezenSituatie {
    /// De eerste dag van de maand uit de situatie.
    pub maand: NaiveDate,
    pub aanvrager: NaiveDate,
    pub partner: Option<NaiveDate>,
    pub kinderen: Vec<NaiveDate>,
    pub medebewoners: Vec<(NaiveDate, Relatie)>,
    pub inkomsten: Vec<(Inkomenssoort, Centen)>,
    pub vrijlatingen: Vec<(Vrijlatingssoort, NaiveDate)>,
    pub verlaging_procent: i64,
    pub geen_beroep_op_ouders: [bool; 2],
}

impl GelezenSituatie {
    /// Een lege situatie om te vullen (bv. per maand uit de feiten van een uitkering).
    pub fn leeg() -> GelezenSituatie {
        GelezenSituatie {
            maand: NaiveDate::MIN,
            aanvrager: NaiveDate::MIN,
            partner: None,
            kinderen: Vec::new(),
            medebewoners: Vec::new(),
            inkomsten: Vec::new(),
            vrijlatingen: Vec::new(),
            verlaging_procent: 0,
            geen_beroep_op_ouders: [false, false],
        }
    }

    /// Leest de datums; een fout noemt het veld zoals in het contract.
    pub fn lees(s: &Situatie) -> Result<GelezenSituatie, Invoerfout> {
        let maand = NaiveDate::parse_from_str(&format!("{}-01", s.maand.trim()), "%Y-%m-%d")
            .ok()
            .filter(|_| s.maand.trim().len() == 7)
            .ok_or_else(|| fout("maand", "is geen maand in de vorm jjjj-mm."))?;
        let lijst = |naam: &str, veld: &str, datums: &mut dyn Iterator<Item = &String>| {
            datums
                .enumerate()
                .map(|(i, d)| datum(&format!("{naam}[{i}].{veld}"), d))
                .collect::<Result<Vec<_>, _>>()
        };
        let kinderen = lijst(
            "kinderen",
            "geboortedatum",
            &mut s.kinderen.iter().map(|k| &k.geboortedatum),
        )?;
        let mede = lijst(
            "medebewoners",
            "geboortedatum",
            &mut s.medebewoners.iter().map(|m| &m.geboortedatum),
        )?;
        let vanaf = lijst(
            "vrijlatingen",
            "vanaf",
            &mut s.vrijlatingen.iter().map(|v| &v.vanaf),
        )?;
        Ok(GelezenSituatie {
            maand,
            aanvrager: datum("aanvrager.geboortedatum", &s.aanvrager.geboortedatum)?,
            partner: match &s.partner {
                Some(p) => Some(datum("partner.geboortedatum", &p.geboortedatum)?),
                None => None,
            },
            kinderen,
            medebewoners: mede
                .into_iter()
                .zip(&s.medebewoners)
                .map(|(g, m)| (g, m.relatie))
                .collect(),
            inkomsten: s
                .inkomsten
                .iter()
                .map(|i| (i.soort, i.netto_centen))
                .collect(),
            vrijlatingen: s
                .vrijlatingen
                .iter()
                .zip(vanaf)
                .map(|(v, d)| (v.soort, d))
                .collect(),
            verlaging_procent: s.verlaging_procent,
            geen_beroep_op_ouders: [
                s.aanvrager.geen_beroep_op_ouders,
                s.partner.as_ref().is_some_and(|p| p.geen_beroep_op_ouders),
            ],
        })
    }

    /// De situatie voor `maand` (de eerste dag), eventueel voor een deel ervan.
    pub fn rekensituatie(
        &self,
        maand: NaiveDate,
        deel: Option<(NaiveDate, NaiveDate)>,
    ) -> Rekensituatie<'_> {
        Rekensituatie {
            maand,
            aanvrager: self.aanvrager,
            partner: self.partner,
            kinderen: &self.kinderen,
            medebewoners: &self.medebewoners,
            inkomsten: &self.inkomsten,
            vrijlatingen: &self.vrijlatingen,
            verlaging_procent: self.verlaging_procent,
            geen_beroep_op_ouders: self.geen_beroep_op_ouders,
            deel,
        }
    }
}

fn bereken_met(
    s: &Situatie,
    tabellen: &Normtabellen,
    deel: Option<(NaiveDate, NaiveDate)>,
) -> Result<Uitkomst, Invoerfout> {
    let g = GelezenSituatie::lees(s)?;
    bereken_met_uitleg(&g.rekensituatie(g.maand, deel), tabellen)
}

/// Als [`bereken_bedragen`], maar met de uitleg per stap (voor het scherm en brieven).
pub fn bereken_met_uitleg(
    s: &Rekensituatie,
    tabellen: &Normtabellen,
) -> Result<Uitkomst, Invoerfout> {
    let mut uitleg = Vec::new();
    let b = kern(s, tabellen, |stap| uitleg.push(uitlegregel(stap)))?;
    Ok(Uitkomst {
        maand: s.maand.format("%Y-%m").to_string(),
        norm_centen: b.norm,
        inkomsten_in_mindering_centen: b.inkomsten_in_mindering,
        verlaging_centen: b.verlaging,
        uitkering_centen: b.uitkering,
        vakantietoeslag_reservering_centen: b.reservering,
        uitbetaling_centen: b.uitbetaling,
        uitleg,
    })
}

/// De bedragen zonder uitleg en zonder heap-allocatie (alleen een fout maakt tekst).
pub fn bereken_bedragen(
    s: &Rekensituatie,
    tabellen: &Normtabellen,
) -> Result<Bedragen, Invoerfout> {
    kern(s, tabellen, |_| {})
}

/// Art. 19a: een medebewoner telt als kostendeler vanaf 27 jaar, niet bij een commerciële
/// relatie en niet als student met studiefinanciering.
fn telt_mee(relatie: Relatie) -> bool {
    matches!(relatie, Relatie::Familie | Relatie::Overig)
}

/// Leeftijd en AOW van aanvrager of partner op één dag.
#[derive(Clone, Copy)]
struct Stand {
    leeftijd: i32,
    aow: bool,
}

/// Het huishouden zoals de norm het ziet op één dag.
struct Huishouden {
    aanvrager: Stand,
    partner: Option<Stand>,
    met_kinderen: bool,
    kostendelers: u32,
}

impl Huishouden {
    fn op(s: &Rekensituatie, aanvrager: Lid, partner: Option<Lid>, dag: NaiveDate) -> Huishouden {
        let stand = |l: Lid| Stand {
            leeftijd: l.leeftijd_op(dag),
            aow: l.aow_op(dag),
        };
        let leeftijd = |g: NaiveDate| Geboortedatum(g).leeftijd_op(dag);
        Huishouden {
            aanvrager: stand(aanvrager),
            partner: partner.map(stand),
            met_kinderen: s.kinderen.iter().any(|k| leeftijd(*k) < 18),
            kostendelers: s
                .medebewoners
                .iter()
                .filter(|(g, r)| telt_mee(*r) && leeftijd(*g) >= 27)
                .count() as u32,
        }
    }
}

/// De eerste dag na `na` (uiterlijk `einde`) waarop de norm kan veranderen: aanvrager of partner
/// wordt 21 of bereikt de AOW-leeftijd, een kind wordt 18, een medebewoner die meetelt wordt 27.
fn volgende_wissel(
    s: &Rekensituatie,
    aanvrager: Lid,
    partner: Option<Lid>,
    na: NaiveDate,
    einde: NaiveDate,
) -> Option<NaiveDate> {
    let zonder_aow = |geboren| Lid {
        geboren,
        leeftijd: 0,
        aow_vanaf: None,
    };
    let mut eerste: Option<NaiveDate> = None;
    let mut neem = |d: Option<NaiveDate>| {
        if let Some(d) = d {
            eerste = Some(eerste.map_or(d, |e| e.min(d)));
        }
    };
    neem(aanvrager.wissel(21, true, na, einde));
    if let Some(p) = partner {
        neem(p.wissel(21, true, na, einde));
    }
    for k in s.kinderen {
        neem(zonder_aow(*k).wissel(18, false, na, einde));
    }
    for (g, r) in s.medebewoners {
        if telt_mee(*r) {
            neem(zonder_aow(*g).wissel(27, false, na, einde));
        }
    }
    eerste
}

/// De norm van `van` tot en met `tot` als deel van de maand, half naar boven afgerond op centen.
fn norm_deel(
    norm: Centen,
    van: NaiveDate,
    tot: NaiveDate,
    in_maand: i64,
    stap: &mut impl FnMut(Stap),
) -> Centen {
    let dagen = (tot - van).num_days() + 1;
    let bedrag = half_naar_boven(norm, dagen, in_maand);
    stap(Stap::NormDeel {
        van,
        tot,
        dagen,
        in_maand,
        bedrag: bedrag - norm,
    });
    bedrag
}

/// De norm voor een maand voor het huishouden `h` (art. 20–22a), met de verhoging van art. 20
/// lid 3 voor wie daar recht op heeft.
fn norm_voor(
    h: &Huishouden,
    geen_beroep_op_ouders: [bool; 2],
    tabel: &Normtabel,
    stap: &mut impl FnMut(Stap),
) -> Centen {
    let n = &tabel.normen;
    let (aanvrager, partner) = (h.aanvrager, h.partner);
    let (met_kinderen, kostendelers) = (h.met_kinderen, h.kostendelers);
    let norm = match partner {
        None => {
            if aanvrager.leeftijd >= 21 && kostendelers > 0 {
                let a = kostendelers + 1;
                let (b, art_b) = if aanvrager.aow {
                    (n.gehuwden_beiden_aow, "22 onderdeel b")
                } else {
                    (n.gehuwden_21_aow, "21 onderdeel b")
                };
                let k = kostendelersnorm(b, a);
                stap(Stap::KostendelerAlleen {
                    ouder: met_kinderen,
                    a,
                    b,
                    art_b,
                    bedrag: k,
                });
                k
            } else {
                let (omschrijving, artikel, bedrag) =
                    match (aanvrager.aow, aanvrager.leeftijd >= 21, met_kinderen) {
                        (true, _, false) => (
                            "Norm alleenstaande vanaf de AOW-leeftijd",
                            "art. 22 onderdeel a Participatiewet",
                            n.alleenstaande_aow,
                        ),
                        (true, _, true) => (
                            "Norm alleenstaande ouder vanaf de AOW-leeftijd",
                            "art. 22 onderdeel a Participatiewet",
                            n.alleenstaande_aow,
                        ),
                        (false, true, false) => (
                            "Norm alleenstaande van 21 jaar tot de AOW-leeftijd",
                            "art. 21 onderdeel a Participatiewet",
                            n.alleenstaande_21_aow,
                        ),
                        (false, true, true) => (
                            "Norm alleenstaande ouder van 21 jaar tot de AOW-leeftijd",
                            "art. 21 onderdeel a Participatiewet",
                            n.alleenstaande_21_aow,
                        ),
                        (false, false, true) => (
                            "Norm alleenstaande ouder van 18 tot 21 jaar",
                            "art. 20 lid 2 onderdeel a Participatiewet",
                            n.alleenstaande_ouder_18_20,
                        ),
                        (false, false, false) => (
                            "Norm alleenstaande van 18 tot 21 jaar",
                            "art. 20 lid 1 onderdeel a Participatiewet",
                            n.alleenstaande_18_20,
                        ),
                    };
                stap(Stap::Norm {
                    omschrijving,
                    artikel,
                    bedrag,
                });
                bedrag
            }
        }
        Some(p) => {
            let jong = [aanvrager.leeftijd < 21, p.leeftijd < 21];
            let volwassen = jong.iter().filter(|j| !**j).count() as u32;
            if kostendelers > 0 && volwassen > 0 {
                let a = kostendelers + volwassen;
                let mut som = 0;
                for (wie, l, ander) in [("aanvrager", aanvrager, p), ("partner", p, aanvrager)] {
                    if l.leeftijd < 21 {
                        let (bedrag, artikel) = if met_kinderen {
                            (
                                n.jonge_partner_kostendeler_met_kind,
                                "art. 22a lid 3 onderdeel a Participatiewet",
                            )
                        } else {
                            (
                                n.jonge_partner_kostendeler_zonder_kind,
                                "art. 22a lid 3 onderdeel b Participatiewet",
                            )
                        };
                        stap(Stap::JongeKostendeler {
                            wie,
                            artikel,
                            bedrag,
                        });
                        som += bedrag;
                        continue;
                    }
                    let (b, art_b) = if l.aow {
                        (n.gehuwden_beiden_aow, "22 onderdeel b")
                    } else if ander.aow {
                        (n.gehuwden_een_aow, "22 onderdeel c")
                    } else {
                        (n.gehuwden_21_aow, "21 onderdeel b")
                    };
                    let k = kostendelersnorm(b, a);
                    stap(Stap::KostendelerGehuwd {
                        wie,
                        a,
                        b,
                        art_b,
                        bedrag: k,
                    });
                    som += k;
                }
                som
            } else {
                let (bedrag, omschrijving, artikel) = match (aanvrager.aow, p.aow, jong) {
                    (true, true, _) => (
                        n.gehuwden_beiden_aow,
                        "Norm gehuwden, beiden de AOW-leeftijd",
                        "art. 22 onderdeel b Participatiewet",
                    ),
                    (true, false, _) | (false, true, _) => (
                        n.gehuwden_een_aow,
                        "Norm gehuwden, één van beiden de AOW-leeftijd",
                        "art. 22 onderdeel c Participatiewet",
                    ),
                    (false, false, [false, false]) => (
                        n.gehuwden_21_aow,
                        "Norm gehuwden van 21 jaar tot de AOW-leeftijd",
                        "art. 21 onderdeel b Participatiewet",
                    ),
                    (false, false, [true, true]) if met_kinderen => (
                        n.gehuwden_beiden_18_20_met_kind,
                        "Norm gehuwden, beiden 18 tot 21 jaar, met kinderen",
                        "art. 20 lid 2 onderdeel b Participatiewet",
                    ),
                    (false, false, [true, true]) => (
                        n.gehuwden_beiden_18_20_zonder_kind,
                        "Norm gehuwden, beiden 18 tot 21 jaar, zonder kinderen",
                        "art. 20 lid 1 onderdeel b Participatiewet",
                    ),
                    (false, false, _) if met_kinderen => (
                        n.gehuwden_een_18_20_met_kind,
                        "Norm gehuwden, één 18 tot 21 jaar, met kinderen",
                        "art. 20 lid 2 onderdeel c Participatiewet",
                    ),
                    (false, false, _) => (
                        n.gehuwden_een_18_20_zonder_kind,
                        "Norm gehuwden, één 18 tot 21 jaar, zonder kinderen",
                        "art. 20 lid 1 onderdeel c Participatiewet",
                    ),
                };
                stap(Stap::Norm {
                    omschrijving,
                    artikel,
                    bedrag,
                });
                bedrag
            }
        }
    };

    // Art. 20 lid 3 en 4: de verhoging voor 18–20 jaar zonder beroep op de ouders, waar een norm
    // van art. 20 geldt, en samen niet hoger dan de norm van art. 21 in dezelfde situatie.
    let art20 = match partner {
        None => aanvrager.leeftijd < 21,
        Some(p) => {
            let jong = aanvrager.leeftijd < 21 || p.leeftijd < 21;
            let volwassen = aanvrager.leeftijd >= 21 || p.leeftijd >= 21;
            let kostendelersnorm = kostendelers > 0 && volwassen;
            jong && !aanvrager.aow && !p.aow && !kostendelersnorm
        }
    };
    if !art20 {
        return norm;
    }
    let mut verhoging = 0;
    let wie = [("aanvrager", Some(aanvrager)), ("partner", partner)];
    for ((wie, stand), geen_beroep) in wie.into_iter().zip(geen_beroep_op_ouders) {
        if !geen_beroep || !stand.is_some_and(|l| (18..21).contains(&l.leeftijd)) {
            continue;
        }
        match n.verhoging_18_20_geen_beroep_op_ouders {
            Some(bedrag) => {
                stap(Stap::Verhoging { wie, bedrag });
                verhoging += bedrag;
            }
            None => {
                stap(Stap::GeenVerhoging(tabel.geldig_vanaf));
                break;
            }
        }
    }
    let (max, artikel_max) = match partner {
        None => (n.alleenstaande_21_aow, "art. 21 onderdeel a"),
        Some(_) => (n.gehuwden_21_aow, "art. 21 onderdeel b"),
    };
    if verhoging > 0 && norm + verhoging > max {
        stap(Stap::VerhogingBegrensd {
            max,
            artikel_max,
            bedrag: max - norm - verhoging,
        });
        return max;
    }
    norm + verhoging
}

/// De regels zelf. `stap` krijgt elke stap, in volgorde; de bedragen van de stappen tellen op tot
/// de uitbetaling.
fn kern(
    s: &Rekensituatie,
    tabellen: &Normtabellen,
    mut stap: impl FnMut(Stap),
) -> Result<Bedragen, Invoerfout> {
    let maand = s.maand;
    let einde = maand
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(maand);
    let Some(tabel): Option<&Normtabel> = tabellen.op(maand) else {
        return Err(fout(
            "maand",
            format!(
                "{} valt buiten alle normtabellen (vanaf {}).",
                maand.format("%Y-%m"),
                tabellen.0[0].geldig_vanaf.format("%Y-%m")
            ),
        ));
    };
    if !(0..=100).contains(&s.verlaging_procent) {
        return Err(fout("verlaging_procent", "moet tussen 0 en 100 liggen."));
    }
    let aanvrager =
        lid(s.aanvrager, maand, einde, true).map_err(|m| fout("aanvrager.geboortedatum", m))?;
    if aanvrager.leeftijd < 18 {
        return Err(fout("aanvrager.geboortedatum", "de aanvrager is jonger dan 18 jaar; algemene bijstand begint bij 18 (art. 13 lid 3 Pw)."));
    }
    let partner = match s.partner {
        Some(p) => Some(lid(p, maand, einde, true).map_err(|m| fout("partner.geboortedatum", m))?),
        None => None,
    };
    if partner.is_some_and(|p| p.leeftijd < 18) {
        return Err(fout(
            "partner.geboortedatum",
            "de partner is jonger dan 18 jaar.",
        ));
    }
    let mut kind_onder_12 = false;
    for (i, k) in s.kinderen.iter().enumerate() {
        let l = lid(*k, maand, einde, false)
            .map_err(|m| fout(format!("kinderen[{i}].geboortedatum"), m))?;
        if l.leeftijd >= 18 {
            return Err(fout(
                format!("kinderen[{i}].geboortedatum"),
                "is 18 jaar of ouder; geef een meerderjarig kind op als medebewoner.",
            ));
        }
        kind_onder_12 |= l.leeftijd < 12;
    }
    let mut kostendelers = 0u32;
    for (i, (g, relatie)) in s.medebewoners.iter().enumerate() {
        let l = lid(*g, maand, einde, false)
            .map_err(|m| fout(format!("medebewoners[{i}].geboortedatum"), m))?;
        if l.leeftijd >= 27 && telt_mee(*relatie) {
            kostendelers += 1;
        }
    }
    for (i, (_, c)) in s.inkomsten.iter().enumerate() {
        if *c < 0 {
            return Err(fout(
                format!("inkomsten[{i}].netto_centen"),
                "mag niet negatief zijn.",
            ));
        }
    }
    if let Some((van, tot)) = s.deel {
        if van < maand || van > einde {
            return Err(fout("van", "ligt niet in de berekende maand."));
        }
        if tot < van || tot > einde {
            return Err(fout(
                "tot_en_met",
                "ligt niet tussen 'van' en het einde van de maand.",
            ));
        }
    }

    if !tabel.geverifieerd {
        stap(Stap::Onzeker(tabel.geldig_vanaf));
    }

    // De norm, per deel van de maand waarin de leeftijden dezelfde norm geven.
    let in_maand = (einde - maand).num_days() + 1;
    let mut norm = 0;
    let mut van = maand;
    loop {
        let volgende = volgende_wissel(s, aanvrager, partner, van, einde);
        let huishouden = if van == maand {
            Huishouden {
                aanvrager: aanvrager.stand(maand),
                partner: partner.map(|p| p.stand(maand)),
                met_kinderen: !s.kinderen.is_empty(),
                kostendelers,
            }
        } else {
            Huishouden::op(s, aanvrager, partner, van)
        };
        let deelnorm = norm_voor(&huishouden, s.geen_beroep_op_ouders, tabel, &mut stap);
        let Some(wissel) = volgende else {
            if van == maand {
                norm = deelnorm;
                break;
            }
            norm += norm_deel(deelnorm, van, einde, in_maand, &mut stap);
            break;
        };
        let tot = wissel.pred_opt().unwrap_or(wissel);
        norm += norm_deel(deelnorm, van, tot, in_maand, &mut stap);
        van = wissel;
    }

    // Inkomsten en vrijlatingen.
    let mut totaal = 0;
    let mut arbeid = 0;
    for (soort, bedrag) in s.inkomsten {
        if *soort == Inkomenssoort::Arbeid {
            arbeid += bedrag;
        }
        totaal += bedrag;
        stap(Stap::Inkomen {
            soort: *soort,
            bedrag: *bedrag,
        });
    }
    let actief = |soort: Vrijlatingssoort, maanden: u32| {
        s.vrijlatingen.iter().any(|(z, v)| {
            let tot = v.checked_add_months(Months::new(maanden)).unwrap_or(*v);
            *z == soort && *v <= einde && maand < tot
        })
    };
    let n_actief = actief(Vrijlatingssoort::Arbeid, 6);
    let m = &tabel.middelen;
    let mut vrijlating = 0;
    if n_actief && arbeid > 0 {
        if aanvrager.leeftijd >= 27 {
            vrijlating = half_naar_boven(arbeid, m.inkomstenvrijlating_procent, 100)
                .min(m.inkomstenvrijlating_max);
            stap(Stap::Vrijlating {
                procent: m.inkomstenvrijlating_procent,
                max: m.inkomstenvrijlating_max,
                bedrag: vrijlating,
            });
        } else {
            stap(Stap::GeenVrijlatingJong);
        }
    }
    // Art. 31 lid 2 onderdeel r: ten hoogste 30 aaneengesloten maanden vanaf de toekenning.
    if arbeid > 0 && actief(Vrijlatingssoort::AlleenstaandeOuder, 30) {
        let reden = if aanvrager.leeftijd < 27 {
            Some("de aanvrager is jonger dan 27 jaar (art. 31 lid 5)")
        } else if partner.is_some() {
            Some("er is een partner; de vrijlating geldt voor een alleenstaande ouder")
        } else if !kind_onder_12 {
            Some("er is geen kind jonger dan 12 jaar in het huishouden")
        } else if n_actief {
            Some("de periode van zes maanden van onderdeel n is nog niet verstreken")
        } else {
            None
        };
        match reden {
            Some(r) => stap(Stap::GeenVrijlatingOuder(r)),
            None => {
                let bedrag = half_naar_boven(arbeid, m.alleenstaande_ouder_promille, 1000)
                    .min(m.alleenstaande_ouder_max);
                stap(Stap::VrijlatingOuder {
                    promille: m.alleenstaande_ouder_promille,
                    max: m.alleenstaande_ouder_max,
                    bedrag,
                });
                vrijlating += bedrag;
            }
        }
    }
    let inkomsten_in_mindering = (totaal - vrijlating).max(0);

    // Verlaging.
    let verlaging = half_naar_boven(norm, s.verlaging_procent, 100);
    if verlaging > 0 {
        stap(Stap::Verlaging {
            procent: s.verlaging_procent,
            bedrag: verlaging,
        });
    }
    let rekenkundig = norm - inkomsten_in_mindering - verlaging;
    let mut uitkering = rekenkundig.max(0);
    if rekenkundig < 0 {
        stap(Stap::NietOnderNul {
            bedrag: -rekenkundig,
        });
    }
    if let Some((van, tot)) = s.deel {
        let dagen = (tot - van).num_days() + 1;
        let in_maand = (einde - maand).num_days() + 1;
        if dagen < in_maand {
            let deelbedrag = half_naar_boven(uitkering, dagen, in_maand);
            stap(Stap::Deel {
                dagen,
                in_maand,
                van,
                tot,
                bedrag: deelbedrag - uitkering,
            });
            uitkering = deelbedrag;
        }
    }
    let reservering = half_naar_boven(uitkering, tabel.vakantietoeslag_procent, 100);
    if reservering > 0 {
        stap(Stap::Reservering {
            procent: tabel.vakantietoeslag_procent,
            bedrag: reservering,
        });
    }
    Ok(Bedragen {
        norm,
        inkomsten_in_mindering,
        verlaging,
        uitkering,
        reservering,
        uitbetaling: uitkering - reservering,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    fn tabellen() -> Normtabellen {
        Normtabellen::standaard().unwrap()
    }

    fn situatie(json: &str) -> Situatie {
        serde_json::from_str(json).unwrap()
    }

    fn reken(json: &str) -> Uitkomst {
        let u = bereken(&situatie(json), &tabellen()).unwrap();
        let som: Centen = u.uitleg.iter().map(|r| r.bedrag_centen).sum();
        assert_eq!(
            som, u.uitbetaling_centen,
            "de uitleg telt op tot de uitbetaling: {u:#?}"
        );
        u
    }

    /// De norm per huishouden. Elke rij noemt de bron: participatiewet-feiten.md §1 (tabel
    /// "Normbedragen") of normen-bronnen.toml [periode.kostendelersnorm_per_persoon_incl_vt].
    #[test]
    fn normen_per_huishouden() {
        let gevallen: &[(&str, &str, Centen)] = &[
            // §1 rij 21a, kolom 2026-01-01: 1.401,50
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
                "alleenstaande 37",
                140150,
            ),
            // §1 rij 21a, kolom 2026-01-01: ook de alleenstaande ouder
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"kinderen":[{"geboortedatum":"2016-02-01"}]}"#,
                "alleenstaande ouder",
                140150,
            ),
            // §1 rij 21b, kolom 2025-07-01: 1.955,80
            (
                r#"{"maand":"2025-09","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01"}}"#,
                "gehuwden 21-AOW",
                195580,
            ),
            // §1 rij 22a, kolom 2026-01-01: 1.564,69 (geboren 1950: AOW-leeftijd vóór 2021, §8a)
            (
                r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"}}"#,
                "alleenstaande AOW",
                156469,
            ),
            // §1 rij 22b, kolom 2026-01-01: 2.144,16
            (
                r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"},"partner":{"geboortedatum":"1952-01-01"}}"#,
                "gehuwden beiden AOW",
                214416,
            ),
            // §1 rij 22b = 22c: één partner de AOW-leeftijd
            (
                r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1970-05-05"},"partner":{"geboortedatum":"1952-01-01"}}"#,
                "gehuwden één AOW",
                214416,
            ),
            // §1 rij 20.1a, kolom 2024-01-01: 316,94
            (
                r#"{"maand":"2024-02","aanvrager":{"geboortedatum":"2005-06-01"}}"#,
                "alleenstaande 18",
                31694,
            ),
            // §1 rij 20.1a = 20.2a, kolom 2026-01-01: 345,99
            (
                r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"2006-01-01"},"kinderen":[{"geboortedatum":"2025-01-01"}]}"#,
                "alleenstaande ouder 20",
                34599,
            ),
            // §1 rij 20.1b, kolom 2026-01-01: 691,98
            (
                r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"2006-01-01"},"partner":{"geboortedatum":"2007-01-01"}}"#,
                "gehuwden beiden 18-20",
                69198,
            ),
            // §1 rij 20.2b, kolom 2026-01-01: 1.092,41
            (
                r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"2006-01-01"},"partner":{"geboortedatum":"2007-01-01"},"kinderen":[{"geboortedatum":"2025-05-01"}]}"#,
                "gehuwden beiden 18-20 met kind",
                109241,
            ),
            // §1 rij 20.1c, kolom 2026-01-01: 1.347,06
            (
                r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"}}"#,
                "gehuwden één 18-20",
                134706,
            ),
            // §1 rij 20.2c, kolom 2026-01-01: 1.747,49
            (
                r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"},"kinderen":[{"geboortedatum":"2025-05-01"}]}"#,
                "gehuwden één 18-20 met kind",
                174749,
            ),
            // toml 2026-01-01 kostendelersnorm jonger_dan_aow A2 = 100107 (half cent naar boven)
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
                "alleenstaande + 1 kostendeler",
                100107,
            ),
            // idem A3 = 86759, twee keer (art 22a lid 2: som van beide echtgenoten)
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"partner":{"geboortedatum":"1990-09-30"},"kinderen":[{"geboortedatum":"2016-02-01"}],"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
                "gehuwden + 1 kostendeler",
                2 * 86759,
            ),
            // toml 2026-01-01 aow A2 = 107208
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1950-04-12"},"medebewoners":[{"geboortedatum":"1980-07-07","relatie":"overig"}]}"#,
                "alleenstaande AOW + 1 kostendeler",
                107208,
            ),
            // art 22a lid 3 onderdeel b (345,99) + kostendelersnorm van de 21+ partner, A = 2 (100107)
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"},"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
                "jonge partner + kostendeler",
                34599 + 100107,
            ),
            // art 22a lid 3 onderdeel a (746,42) met kinderen
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"},"kinderen":[{"geboortedatum":"2025-05-01"}],"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
                "jonge partner met kind + kostendeler",
                74642 + 100107,
            ),
            // art 19a: niet onder 27, niet commercieel, geen student: volle norm 21a
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"2000-01-01","relatie":"familie"},{"geboortedatum":"1970-01-01","relatie":"commercieel"},{"geboortedatum":"1990-01-01","relatie":"student"}]}"#,
                "geen kostendelers",
                140150,
            ),
            // art 22a geldt alleen vanaf 21: een 19-jarige met een kostendeler houdt de jongerennorm
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01"},"medebewoners":[{"geboortedatum":"1970-01-01","relatie":"familie"}]}"#,
                "18-20 met kostendeler",
                34599,
            ),
        ];
        for (json, wat, norm) in gevallen {
            assert_eq!(reken(json).norm_centen, *norm, "{wat}");
        }
    }

    /// Een deel van de maand: naar rato per kalenderdag (art 45 lid 3); de hele maand als deel is
    /// gelijk aan de maand.
    #[test]
    fn deel_van_de_maand() {
        let s = situatie(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#);
        let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").unwrap();
        let t = tabellen();
        // 1.401,50 × 17/31 = 768,5645… → 768,56; VT 5% = 38,428 → 38,43
        let u = bereken_deel(&s, &t, d("2026-01-15"), d("2026-01-31")).unwrap();
        assert_eq!(
            (
                u.uitkering_centen,
                u.vakantietoeslag_reservering_centen,
                u.uitbetaling_centen
            ),
            (76856, 3843, 73013)
        );
        assert_eq!(
            u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
            u.uitbetaling_centen
        );
        assert_eq!(
            bereken_deel(&s, &t, d("2026-01-01"), d("2026-01-31")).unwrap(),
            bereken(&s, &t).unwrap()
        );
        assert_eq!(
            bereken_deel(&s, &t, d("2026-02-01"), d("2026-02-03"))
                .unwrap_err()
                .veld,
            "van"
        );
        assert_eq!(
            bereken_deel(&s, &t, d("2026-01-10"), d("2026-01-09"))
                .unwrap_err()
                .veld,
            "tot_en_met"
        );
    }

    /// Het voorbeeld uit contracts/bereken.md (alleenstaande 37, 600,00 arbeid, vrijlating vanaf
    /// de maand zelf): norm 1.401,50 (§1 21a 2026-01), vrijlating 25% = 150,00 onder het maximum
    /// 285,00 (§3 rij n 2026-01), VT-reservering 5% van 951,50 = 47,575 → 47,58.
    #[test]
    fn voorbeeld_uit_het_contract() {
        let u = reken(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}]}"#,
        );
        assert_eq!(
            (
                u.norm_centen,
                u.inkomsten_in_mindering_centen,
                u.verlaging_centen,
                u.uitkering_centen,
                u.vakantietoeslag_reservering_centen,
                u.uitbetaling_centen
            ),
            (140150, 45000, 0, 95150, 4758, 90392)
        );
        assert_eq!(u.uitleg[0].artikel, "art. 21 onderdeel a Participatiewet");
    }

    /// Zonder inkomen is de uitbetaling de norm zonder vakantietoeslag: normen-bronnen.toml
    /// [periode.normen_excl_vt] 2026-01-01 art21a = 133142 (vt 7008).
    #[test]
    fn zonder_inkomen_de_norm_zonder_vakantietoeslag() {
        let u = reken(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#);
        assert_eq!(
            (
                u.uitkering_centen,
                u.vakantietoeslag_reservering_centen,
                u.uitbetaling_centen
            ),
            (140150, 7008, 133142)
        );
    }

    /// §3 rij n: 25%, ten hoogste 285,00 (2026-01), hoogstens 6 maanden vanaf de ingangsdatum, niet
    /// onder de 27 (art 31 lid 5).
    #[test]
    fn vrijlating_arbeid() {
        let basis = |maand: &str, geboren: &str, vanaf: &str, arbeid: i64| {
            reken(&format!(
                r#"{{"maand":"{maand}","aanvrager":{{"geboortedatum":"{geboren}"}},"inkomsten":[{{"soort":"arbeid","netto_centen":{arbeid}}},{{"soort":"alimentatie","netto_centen":10000}}],"vrijlatingen":[{{"soort":"arbeid","vanaf":"{vanaf}"}}]}}"#
            ))
        };
        let gevallen = [
            // maand, geboren, vanaf, arbeid, in mindering
            (
                "2026-01",
                "1988-04-12",
                "2026-01-01",
                60000,
                60000 - 15000 + 10000,
            ),
            (
                "2026-01",
                "1988-04-12",
                "2026-01-01",
                200000,
                200000 - 28500 + 10000,
            ), // gemaximeerd
            (
                "2026-01",
                "1988-04-12",
                "2026-01-01",
                10001,
                10001 - 2500 + 10000,
            ), // 2500,25 → 2500
            (
                "2026-01",
                "1988-04-12",
                "2026-01-01",
                10002,
                10002 - 2501 + 10000,
            ), // 2500,5 → 2501
            (
                "2026-06",
                "1988-04-12",
                "2026-01-01",
                60000,
                60000 - 15000 + 10000,
            ), // 6e maand
            ("2026-07", "1988-04-12", "2026-01-01", 60000, 60000 + 10000), // 7e maand: voorbij
            ("2025-12", "1988-04-12", "2026-01-01", 60000, 60000 + 10000), // nog niet
            ("2026-01", "2000-04-12", "2026-01-01", 60000, 60000 + 10000), // 25 jaar
        ];
        for (maand, geboren, vanaf, arbeid, verwacht) in gevallen {
            assert_eq!(
                basis(maand, geboren, vanaf, arbeid).inkomsten_in_mindering_centen,
                verwacht,
                "{maand} {geboren} {arbeid}"
            );
        }
        assert!(basis("2026-01", "2000-04-12", "2026-01-01", 60000)
            .uitleg
            .iter()
            .any(|r| r.artikel == "art. 31 lid 5 Participatiewet"));
    }

    #[test]
    fn verlaging_en_nooit_onder_nul() {
        // 10% van 1.401,50 = 140,15 (art 18, §4)
        let u = reken(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":10}"#,
        );
        assert_eq!((u.verlaging_centen, u.uitkering_centen), (14015, 126135));
        let u = reken(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"uitkering","netto_centen":200000}]}"#,
        );
        assert_eq!(
            (
                u.uitkering_centen,
                u.vakantietoeslag_reservering_centen,
                u.uitbetaling_centen
            ),
            (0, 0, 0)
        );
        let u = reken(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":100}"#,
        );
        assert_eq!(u.uitkering_centen, 0);
    }

    #[test]
    fn onzekere_periode_staat_in_de_uitleg() {
        let u = reken(r#"{"maand":"2026-08","aanvrager":{"geboortedatum":"1988-04-12"}}"#);
        assert!(u.uitleg[0].omschrijving.contains("niet geverifieerd"));
        assert_eq!(
            u.norm_centen, 141946,
            "§1 rij 21a kolom 2026-07-01: 1.419,46"
        );
    }

    /// Een leeftijdsgrens midden in de maand: elke norm geldt naar rato van haar kalenderdagen,
    /// elk deel half naar boven afgerond. Bedragen uit participatiewet-feiten.md §1 (kolom
    /// 2026-01-01) en normen-bronnen.toml [periode.kostendelersnorm_per_persoon_incl_vt]; AOW-datum
    /// uit §8a (geboren in 1959: 67 jaar, in 2026).
    #[test]
    fn norm_wisselt_midden_in_de_maand() {
        let gevallen: &[(&str, &str, Centen, usize)] = &[
            // 21 op 15-01-2026: 345,99 × 14/31 = 156,2535 → 156,25; 1.401,50 × 17/31 = 768,5645 → 768,56
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2005-01-15"}}"#,
                "wordt 21",
                15625 + 76856,
                2,
            ),
            // AOW-leeftijd op 10-03-2026: 1.401,50 × 9/31 = 406,887 → 406,89; 1.564,69 × 22/31 = 1.110,4251 → 1.110,43
            (
                r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1959-03-10"}}"#,
                "bereikt de AOW-leeftijd",
                40689 + 111043,
                2,
            ),
            // medebewoner (familie) 27 op 20-01-2026: 1.401,50 × 19/31 = 858,9839 → 858,98; kostendeler A=2 1.001,07 × 12/31 = 387,5109 → 387,51
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1999-01-20","relatie":"familie"}]}"#,
                "medebewoner wordt 27",
                85898 + 38751,
                2,
            ),
            // een student wordt ook 27, maar telt nooit mee (art 19a): geen wissel
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1999-01-20","relatie":"student"}]}"#,
                "student",
                140150,
                0,
            ),
            // kind 18 op 10-01-2026, partner 20: 20.2c 1.747,49 × 9/31 = 507,3358 → 507,34; 20.1c 1.347,06 × 22/31 = 955,978 → 955,98
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1986-05-05"},"partner":{"geboortedatum":"2005-06-06"},"kinderen":[{"geboortedatum":"2008-01-10"}]}"#,
                "kind wordt 18",
                50734 + 95598,
                2,
            ),
            // geboren 29-02-2004: in 2025 (geen schrikkeljaar) 21 op 1 maart; februari 20.1a
            // (kolom 2025-01-01: 332,17), maart 21a (1.345,45), geen van beide gesplitst
            (
                r#"{"maand":"2025-02","aanvrager":{"geboortedatum":"2004-02-29"}}"#,
                "29 februari, in februari",
                33217,
                0,
            ),
            (
                r#"{"maand":"2025-03","aanvrager":{"geboortedatum":"2004-02-29"}}"#,
                "29 februari, in maart",
                134545,
                0,
            ),
            // verjaardag op de eerste dag: geen deel, de hele maand de nieuwe norm
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2005-01-01"}}"#,
                "21 op de eerste",
                140150,
                0,
            ),
        ];
        for (json, wat, norm, delen) in gevallen {
            let u = reken(json);
            assert_eq!(u.norm_centen, *norm, "{wat}: {u:#?}");
            assert_eq!(
                u.uitleg
                    .iter()
                    .filter(|r| r.omschrijving.starts_with("De norm hierboven geldt van"))
                    .count(),
                *delen,
                "{wat}"
            );
        }
    }

    /// Art. 20 lid 3 en 4 (wettekst 2026-01-01; bedragen §1 rij "increase for 18–20 … (20.3)"):
    /// 746,45 per jongere zonder beroep op de ouders, samen niet boven de norm van art. 21.
    #[test]
    fn verhoging_jongeren_zonder_beroep_op_ouders() {
        let t = tabellen();
        let met = |json: &str, ouders: [bool; 2]| {
            let mut s = situatie(json);
            s.aanvrager.geen_beroep_op_ouders = ouders[0];
            if let Some(p) = s.partner.as_mut() {
                p.geen_beroep_op_ouders = ouders[1];
            }
            let u = bereken(&s, &t).unwrap();
            assert_eq!(
                u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
                u.uitbetaling_centen
            );
            u
        };
        let alleen = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01"}}"#;
        // 345,99 + 746,45 = 1.092,44 (onder 21a 1.401,50)
        assert_eq!(met(alleen, [true, false]).norm_centen, 34599 + 74645);
        assert_eq!(met(alleen, [false, false]).norm_centen, 34599);
        // 2025-07: de verhoging bestaat nog niet; de uitleg zegt dat.
        let u = met(
            r#"{"maand":"2025-09","aanvrager":{"geboortedatum":"2006-06-01"}}"#,
            [true, false],
        );
        assert_eq!(u.norm_centen, 33798);
        assert!(u
            .uitleg
            .iter()
            .any(|r| r.artikel == "art. 20 lid 3 Participatiewet"));
        // Gehuwden beiden 19: 691,98 + 2 × 746,45 = 2.184,88 > 21b 2.002,13 → 2.002,13 (lid 4)
        let paar = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01"},"partner":{"geboortedatum":"2006-08-01"}}"#;
        let u = met(paar, [true, true]);
        assert_eq!(u.norm_centen, 200213);
        assert!(u
            .uitleg
            .iter()
            .any(|r| r.artikel == "art. 20 lid 4 Participatiewet"));
        // Alleen de partner: 691,98 + 746,45 = 1.438,43
        assert_eq!(met(paar, [false, true]).norm_centen, 69198 + 74645);
        // 21 of ouder: geen verhoging
        assert_eq!(
            met(
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
                [true, false]
            )
            .norm_centen,
            140150
        );
        // Het contract kent het veld niet.
        assert!(serde_json::from_str::<Situatie>(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01","geen_beroep_op_ouders":true}}"#
        )
        .is_err());
    }

    /// Art. 31 lid 2 onderdeel r (wettekst 2026-01-01; §3 rij r: 12,5 %, ten hoogste 177,66 in
    /// 2026-01, 30 maanden, kind jonger dan 12, na de periode van onderdeel n, niet onder 27).
    #[test]
    fn vrijlating_alleenstaande_ouder() {
        let t = tabellen();
        let reken_r = |maand: &str,
                       geboren: &str,
                       kind: &str,
                       partner: bool,
                       arbeid: i64,
                       n: Option<&str>| {
            let mut s = situatie(&format!(
                r#"{{"maand":"{maand}","aanvrager":{{"geboortedatum":"{geboren}"}},"kinderen":[{{"geboortedatum":"{kind}"}}],"inkomsten":[{{"soort":"arbeid","netto_centen":{arbeid}}}]}}"#
            ));
            if partner {
                s.partner = Some(Persoon {
                    geboortedatum: "1990-01-01".into(),
                    ..Default::default()
                });
            }
            s.vrijlatingen.push(Vrijlating {
                soort: Vrijlatingssoort::AlleenstaandeOuder,
                vanaf: "2026-01-01".into(),
            });
            if let Some(v) = n {
                s.vrijlatingen.push(Vrijlating {
                    soort: Vrijlatingssoort::Arbeid,
                    vanaf: v.into(),
                });
            }
            let u = bereken(&s, &t).unwrap();
            assert_eq!(
                u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
                u.uitbetaling_centen
            );
            arbeid - u.inkomsten_in_mindering_centen
        };
        // maand, geboren, kind, partner, arbeid, n vanaf, vrijgelaten, wat
        type Geval<'a> = (
            &'a str,
            &'a str,
            &'a str,
            bool,
            i64,
            Option<&'a str>,
            Centen,
            &'a str,
        );
        let gevallen: &[Geval] = &[
            (
                "2026-01",
                "1990-01-01",
                "2020-01-01",
                false,
                100000,
                None,
                12500,
                "12,5% van 1.000,00",
            ),
            (
                "2026-01",
                "1990-01-01",
                "2020-01-01",
                false,
                200000,
                None,
                17766,
                "gemaximeerd op 177,66",
            ),
            (
                "2026-01",
                "1990-01-01",
                "2020-01-01",
                false,
                10004,
                None,
                1251,
                "1.250,5 → 1.251 (half naar boven)",
            ),
            (
                "2028-06",
                "1990-01-01",
                "2020-01-01",
                false,
                100000,
                None,
                12500,
                "30e maand",
            ),
            (
                "2028-07",
                "1990-01-01",
                "2020-01-01",
                false,
                100000,
                None,
                0,
                "31e maand: voorbij",
            ),
            (
                "2026-01",
                "2001-01-01",
                "2020-01-01",
                false,
                100000,
                None,
                0,
                "25 jaar (art 31 lid 5)",
            ),
            (
                "2026-01",
                "1990-01-01",
                "2013-06-01",
                false,
                100000,
                None,
                0,
                "kind is 12",
            ),
            (
                "2026-01",
                "1990-01-01",
                "2020-01-01",
                true,
                100000,
                None,
                0,
                "partner",
            ),
            (
                "2026-01",
                "1990-01-01",
                "2020-01-01",
                false,
                100000,
                Some("2025-10-01"),
                25000,
                "n loopt nog: alleen n (25%)",
            ),
            (
                "2026-04",
                "1990-01-01",
                "2020-01-01",
                false,
                100000,
                Some("2025-10-01"),
                12500,
                "n voorbij: r",
            ),
        ];
        for (maand, geboren, kind, partner, arbeid, n, vrij, wat) in gevallen {
            assert_eq!(
                reken_r(maand, geboren, kind, *partner, *arbeid, *n),
                *vrij,
                "{wat}"
            );
        }
        // Het contract kent de soort niet.
        let e = serde_json::from_str::<Situatie>(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-01-01"},"vrijlatingen":[{"soort":"alleenstaande_ouder","vanaf":"2026-01-01"}]}"#,
        );
        assert!(e.is_err());
    }

    #[test]
    fn slechte_invoer_noemt_het_veld() {
        let t = tabellen();
        let gevallen = [
            (
                r#"{"maand":"2023-12","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
                "maand",
            ),
            (
                r#"{"maand":"januari","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
                "maand",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2026-02-01"}}"#,
                "aanvrager.geboortedatum",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2010-02-01"}}"#,
                "aanvrager.geboortedatum",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"12-04-1988"}}"#,
                "aanvrager.geboortedatum",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":-1}]}"#,
                "inkomsten[0].netto_centen",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":101}"#,
                "verlaging_procent",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"kinderen":[{"geboortedatum":"2000-01-01"}]}"#,
                "kinderen[0].geboortedatum",
            ),
            (
                r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"vrijlatingen":[{"soort":"arbeid","vanaf":"morgen"}]}"#,
                "vrijlatingen[0].vanaf",
            ),
            (
                r#"{"maand":"2040-01","aanvrager":{"geboortedatum":"1972-04-12"}}"#,
                "aanvrager.geboortedatum",
            ),
        ];
        for (json, veld) in gevallen {
            let f = bereken(&situatie(json), &t).unwrap_err();
            assert_eq!(f.veld, veld, "{json}: {f}");
        }
        for onbekend in [
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"loterij","netto_centen":1}]}"#,
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1970-01-01","relatie":"buurman"}]}"#,
        ] {
            assert!(serde_json::from_str::<Situatie>(onbekend).is_err());
        }
    }

    fn willekeurige_situatie() -> impl Strategy<Value = Situatie> {
        let datum = (1930i32..2026, 1u32..13, 1u32..29)
            .prop_map(|(j, m, d)| format!("{j:04}-{m:02}-{d:02}"));
        (
            (2023i32..2028, 1u32..13),
            datum.clone(),
            proptest::option::of(datum.clone()),
            proptest::collection::vec(datum.clone(), 0..3),
            proptest::collection::vec((datum.clone(), 0usize..4), 0..3),
            proptest::collection::vec((0usize..4, -10i64..400_000), 0..3),
            proptest::collection::vec((datum, any::<bool>()), 0..3),
            -5i64..110,
            any::<[bool; 2]>(),
        )
            .prop_map(
                |((j, m), aanvrager, partner, kinderen, mede, ink, vrij, pct, ouders)| {
                    let relaties = [
                        Relatie::Familie,
                        Relatie::Overig,
                        Relatie::Commercieel,
                        Relatie::Student,
                    ];
                    let soorten = [
                        Inkomenssoort::Arbeid,
                        Inkomenssoort::Uitkering,
                        Inkomenssoort::Alimentatie,
                        Inkomenssoort::Overig,
                    ];
                    Situatie {
                        maand: format!("{j:04}-{m:02}"),
                        aanvrager: Persoon {
                            geboortedatum: aanvrager,
                            geen_beroep_op_ouders: ouders[0],
                        },
                        partner: partner.map(|g| Persoon {
                            geboortedatum: g,
                            geen_beroep_op_ouders: ouders[1],
                        }),
                        kinderen: kinderen
                            .into_iter()
                            .map(|g| Persoon {
                                geboortedatum: g,
                                ..Default::default()
                            })
                            .collect(),
                        medebewoners: mede
                            .into_iter()
                            .map(|(g, r)| Medebewoner {
                                geboortedatum: g,
                                relatie: relaties[r],
                            })
                            .collect(),
                        inkomsten: ink
                            .into_iter()
                            .map(|(s, c)| Inkomen {
                                soort: soorten[s],
                                netto_centen: c,
                            })
                            .collect(),
                        vrijlatingen: vrij
                            .into_iter()
                            .map(|(v, n)| Vrijlating {
                                soort: if n {
                                    Vrijlatingssoort::Arbeid
                                } else {
                                    Vrijlatingssoort::AlleenstaandeOuder
                                },
                                vanaf: v,
                            })
                            .collect(),
                        verlaging_procent: pct,
                    }
                },
            )
    }

    proptest! {
        /// Willekeurige invoer geeft een uitkomst of een fout, nooit een paniek; een uitkomst is
        /// nooit negatief en de uitleg telt op tot de uitbetaling.
        #[test]
        fn nooit_een_paniek_en_de_uitleg_klopt(s in willekeurige_situatie()) {
            if let Ok(u) = bereken(&s, &tabellen()) {
                prop_assert!(u.uitkering_centen >= 0 && u.uitbetaling_centen >= 0);
                prop_assert_eq!(u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(), u.uitbetaling_centen);
                prop_assert_eq!(u.uitkering_centen - u.vakantietoeslag_reservering_centen, u.uitbetaling_centen);
            }
        }

        /// Een deel van de maand is nooit meer dan de hele maand, en de hele maand als deel is de
        /// maand zelf.
        #[test]
        fn deel_nooit_meer_dan_de_maand(s in willekeurige_situatie(), a in 1u32..29, b in 1u32..29) {
            if let Ok(heel) = bereken(&s, &tabellen()) {
                let maand = NaiveDate::parse_from_str(&format!("{}-01", heel.maand), "%Y-%m-%d").unwrap();
                let (van, tot) = (a.min(b), a.max(b));
                let deel = bereken_deel(&s, &tabellen(), maand.with_day(van).unwrap(), maand.with_day(tot).unwrap()).unwrap();
                prop_assert!(deel.uitkering_centen <= heel.uitkering_centen);
                let einde = maand.checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap();
                prop_assert_eq!(bereken_deel(&s, &tabellen(), maand, einde).unwrap(), heel);
            }
        }

        /// Het snelle rekenpad zonder uitleg geeft precies dezelfde bedragen.
        #[test]
        fn snel_pad_is_gelijk(s in willekeurige_situatie()) {
            let t = tabellen();
            let uitleg = bereken(&s, &t);
            let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d");
            if let (Ok(maand), Ok(aanvrager)) = (d(&format!("{}-01", s.maand)), d(&s.aanvrager.geboortedatum)) {
                let kinderen: Vec<NaiveDate> = s.kinderen.iter().filter_map(|k| d(&k.geboortedatum).ok()).collect();
                let mede: Vec<(NaiveDate, Relatie)> = s.medebewoners.iter().filter_map(|m| d(&m.geboortedatum).ok().map(|g| (g, m.relatie))).collect();
                let ink: Vec<(Inkomenssoort, Centen)> = s.inkomsten.iter().map(|i| (i.soort, i.netto_centen)).collect();
                let vrij: Vec<(Vrijlatingssoort, NaiveDate)> = s.vrijlatingen.iter().filter_map(|v| d(&v.vanaf).ok().map(|g| (v.soort, g))).collect();
                let r = Rekensituatie {
                    maand,
                    aanvrager,
                    partner: s.partner.as_ref().and_then(|p| d(&p.geboortedatum).ok()),
                    kinderen: &kinderen,
                    medebewoners: &mede,
                    inkomsten: &ink,
                    vrijlatingen: &vrij,
                    verlaging_procent: s.verlaging_procent,
                    geen_beroep_op_ouders: [s.aanvrager.geen_beroep_op_ouders, s.partner.as_ref().is_some_and(|p| p.geen_beroep_op_ouders)],
                    deel: None,
                };
                match (uitleg, bereken_bedragen(&r, &t)) {
                    (Ok(u), Ok(b)) => {
                        prop_assert_eq!(
                            (u.norm_centen, u.inkomsten_in_mindering_centen, u.verlaging_centen, u.uitkering_centen, u.vakantietoeslag_reservering_centen, u.uitbetaling_centen),
                            (b.norm, b.inkomsten_in_mindering, b.verlaging, b.uitkering, b.reservering, b.uitbetaling)
                        );
                    }
                    (Err(a), Err(b)) => prop_assert_eq!(a, b),
                    (a, b) => prop_assert!(false, "verschil: {:?} tegenover {:?}", a.map(|u| u.uitbetaling_centen), b),
                }
            }
        }

        /// Meer inkomen geeft nooit meer bijstand.
        #[test]
        fn meer_inkomen_nooit_meer_bijstand(s in willekeurige_situatie(), extra in 0i64..100_000, soort in 0usize..4) {
            if let Ok(voor) = bereken(&s, &tabellen()) {
                let mut meer = s.clone();
                let soorten = [Inkomenssoort::Arbeid, Inkomenssoort::Uitkering, Inkomenssoort::Alimentatie, Inkomenssoort::Overig];
                meer.inkomsten.push(Inkomen { soort: soorten[soort], netto_centen: extra });
                let na = bereken(&meer, &tabellen()).unwrap();
                prop_assert!(na.uitkering_centen <= voor.uitkering_centen, "{} > {}", na.uitkering_centen, voor.uitkering_centen);
            }
        }
    }
}
