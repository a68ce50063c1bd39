//! De normtabellen van de Participatiewet als data: één tabel per geldigheidsperiode, met voor
//! elk bedrag de bron. De standaard is meegecompileerd uit `data/normen.toml` (een kopie van
//! ../shared/domain/normen-bronnen.toml); een functioneel beheerder kan een nieuwe set laden, die
//! dezelfde controles doorloopt: elk verplicht bedrag aanwezig, perioden aaneensluitend.
//!
//! Bedragen zijn eurocenten per kalendermaand, inclusief vakantietoeslag, zoals in art. 20–23 Pw.
//! Perioden die in de bron als UNVERIFIED of "NOT cross-checked" staan, houden die markering
//! (`geverifieerd == false`) en tonen haar in elke uitleg.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Eurocenten.
pub type Centen = i64;

/// De normbedragen van één periode (art. 20, 21, 22 en 22a lid 3 Pw), inclusief vakantietoeslag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normen {
    /// Art. 20 lid 1 onderdeel a: alleenstaande van 18, 19 of 20 jaar.
    pub alleenstaande_18_20: Centen,
    /// Art. 20 lid 1 onderdeel b: gehuwden, beiden 18–20, zonder kinderen.
    pub gehuwden_beiden_18_20_zonder_kind: Centen,
    /// Art. 20 lid 1 onderdeel c: gehuwden, één 18–20 en één 21+, zonder kinderen.
    pub gehuwden_een_18_20_zonder_kind: Centen,
    /// Art. 20 lid 2 onderdeel a: alleenstaande ouder van 18–20.
    pub alleenstaande_ouder_18_20: Centen,
    /// Art. 20 lid 2 onderdeel b: gehuwden, beiden 18–20, met kinderen.
    pub gehuwden_beiden_18_20_met_kind: Centen,
    /// Art. 20 lid 2 onderdeel c: gehuwden, één 18–20 en één 21+, met kinderen.
    pub gehuwden_een_18_20_met_kind: Centen,
    /// Art. 21 onderdeel a: alleenstaande of alleenstaande ouder, 21 tot de AOW-leeftijd.
    pub alleenstaande_21_aow: Centen,
    /// Art. 21 onderdeel b: gehuwden, 21 tot de AOW-leeftijd.
    pub gehuwden_21_aow: Centen,
    /// Art. 22 onderdeel a: alleenstaande of alleenstaande ouder vanaf de AOW-leeftijd.
    pub alleenstaande_aow: Centen,
    /// Art. 22 onderdeel b: gehuwden, beiden de AOW-leeftijd.
    pub gehuwden_beiden_aow: Centen,
    /// Art. 22 onderdeel c: gehuwden, één de AOW-leeftijd.
    pub gehuwden_een_aow: Centen,
    /// Art. 22a lid 3 onderdeel a: jonge partner (18–20) van een kostendeler, met kinderen.
    pub jonge_partner_kostendeler_met_kind: Centen,
    /// Art. 22a lid 3 onderdeel b: jonge partner (18–20) van een kostendeler, zonder kinderen.
    pub jonge_partner_kostendeler_zonder_kind: Centen,
    /// Art. 20 lid 3 (Wet Participatiewet in balans, vanaf 1 januari 2026): verhoging voor wie
    /// 18–20 is en geen beroep op zijn ouders kan doen. Geen: de periode kent haar niet.
    pub verhoging_18_20_geen_beroep_op_ouders: Option<Centen>,
}

impl Normen {
    /// Elk bedrag met het artikel, in de volgorde van de wet (voor overzichten en verschillen).
    pub fn bedragen(&self) -> [(&'static str, Option<Centen>); 14] {
        [
            (
                "art. 20 lid 1 onderdeel a: alleenstaande 18–20",
                Some(self.alleenstaande_18_20),
            ),
            (
                "art. 20 lid 1 onderdeel b: gehuwden beiden 18–20, zonder kinderen",
                Some(self.gehuwden_beiden_18_20_zonder_kind),
            ),
            (
                "art. 20 lid 1 onderdeel c: gehuwden één 18–20, zonder kinderen",
                Some(self.gehuwden_een_18_20_zonder_kind),
            ),
            (
                "art. 20 lid 2 onderdeel a: alleenstaande ouder 18–20",
                Some(self.alleenstaande_ouder_18_20),
            ),
            (
                "art. 20 lid 2 onderdeel b: gehuwden beiden 18–20, met kinderen",
                Some(self.gehuwden_beiden_18_20_met_kind),
            ),
            (
                "art. 20 lid 2 onderdeel c: gehuwden één 18–20, met kinderen",
                Some(self.gehuwden_een_18_20_met_kind),
            ),
            (
                "art. 20 lid 3: verhoging 18–20 zonder beroep op ouders",
                self.verhoging_18_20_geen_beroep_op_ouders,
            ),
            (
                "art. 21 onderdeel a: alleenstaande (ouder) 21 tot AOW-leeftijd",
                Some(self.alleenstaande_21_aow),
            ),
            (
                "art. 21 onderdeel b: gehuwden 21 tot AOW-leeftijd",
                Some(self.gehuwden_21_aow),
            ),
            (
                "art. 22 onderdeel a: alleenstaande (ouder) AOW-leeftijd",
                Some(self.alleenstaande_aow),
            ),
            (
                "art. 22 onderdeel b: gehuwden beiden AOW-leeftijd",
                Some(self.gehuwden_beiden_aow),
            ),
            (
                "art. 22 onderdeel c: gehuwden één AOW-leeftijd",
                Some(self.gehuwden_een_aow),
            ),
            (
                "art. 22a lid 3 onderdeel a: jonge partner kostendeler, met kinderen",
                Some(self.jonge_partner_kostendeler_met_kind),
            ),
            (
                "art. 22a lid 3 onderdeel b: jonge partner kostendeler, zonder kinderen",
                Some(self.jonge_partner_kostendeler_zonder_kind),
            ),
        ]
    }
}

/// Bedragen voor middelen (art. 31 Pw).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Middelen {
    /// Art. 31 lid 2 onderdeel n: percentage van de inkomsten uit arbeid dat vrij blijft.
    pub inkomstenvrijlating_procent: i64,
    /// Art. 31 lid 2 onderdeel n: ten hoogste per maand.
    pub inkomstenvrijlating_max: Centen,
    /// Art. 31 lid 2 onderdeel r: percentage in promille (12,5 % = 125).
    pub alleenstaande_ouder_promille: i64,
    /// Art. 31 lid 2 onderdeel r: ten hoogste per maand.
    pub alleenstaande_ouder_max: Centen,
}

impl Middelen {
    /// Elk bedrag met het artikel (percentages als tekst).
    pub fn bedragen(&self) -> [(&'static str, Centen); 2] {
        [
            (
                "art. 31 lid 2 onderdeel n: vrijlating arbeid, ten hoogste per maand",
                self.inkomstenvrijlating_max,
            ),
            (
                "art. 31 lid 2 onderdeel r: vrijlating alleenstaande ouder, ten hoogste per maand",
                self.alleenstaande_ouder_max,
            ),
        ]
    }
}

/// De vermogensgrenzen van art. 34 Pw (geïndexeerd per 1 januari, art. 39).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vermogensgrenzen {
    /// Art. 34 lid 3 onderdeel a: alleenstaande.
    pub alleenstaande: Centen,
    /// Art. 34 lid 3 onderdeel b: alleenstaande ouder.
    pub alleenstaande_ouder: Centen,
    /// Art. 34 lid 3 onderdeel c: gehuwden tezamen.
    pub gehuwden: Centen,
    /// Art. 34 lid 2 onderdeel d: het vermogen in de eigen woning dat niet meetelt.
    pub eigen_woning: Centen,
}

impl Vermogensgrenzen {
    /// Elk bedrag met het artikel.
    pub fn bedragen(&self) -> [(&'static str, Centen); 4] {
        [
            (
                "art. 34 lid 3 onderdeel a: vermogensgrens alleenstaande",
                self.alleenstaande,
            ),
            (
                "art. 34 lid 3 onderdeel b: vermogensgrens alleenstaande ouder",
                self.alleenstaande_ouder,
            ),
            (
                "art. 34 lid 3 onderdeel c: vermogensgrens gehuwden",
                self.gehuwden,
            ),
            (
                "art. 34 lid 2 onderdeel d: vrijgelaten vermogen in de eigen woning",
                self.eigen_woning,
            ),
        ]
    }
}

/// Eén bedrag dat verschilt tussen twee sets normtabellen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normverschil {
    pub periode: NaiveDate,
    pub omschrijving: String,
    pub oud: Option<Centen>,
    pub nieuw: Option<Centen>,
}

/// Eén normtabel met haar geldigheid en bron.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normtabel {
    pub geldig_vanaf: NaiveDate,
    /// De laatste dag waarvoor de tabel is vastgesteld. Noemt het bestand voor de laatste
    /// periode geen einde, dan is dat de dag vóór de volgende aanpassing van de normen (art. 38
    /// Pw: met ingang van de dag waarop het netto minimumloon wijzigt, per 1 januari en 1 juli;
    /// zie `tot_afgeleid`): een maand daarna wordt niet met deze
    /// tabel berekend, maar geweigerd tot de nieuwe tabel is geladen (participatiewet-feiten.md
    /// §12, "Norms after 2026-07-01").
    pub geldig_tot_en_met: NaiveDate,
    /// `geldig_tot_en_met` stond niet in het bestand, maar is afgeleid van de halfjaarlijkse
    /// aanpassing.
    pub tot_afgeleid: bool,
    pub bron: String,
    pub controle: String,
    pub noot: String,
    /// `false` als de bron de periode als niet geverifieerd markeert.
    pub geverifieerd: bool,
    pub normen: Normen,
    pub middelen: Middelen,
    /// Geen: de set noemt geen `[periode.vermogen]` (een ouder bestand); dan is er voor die
    /// periode geen vermogenstoets, de berekening van de bijstand gaat gewoon.
    pub vermogen: Option<Vermogensgrenzen>,
    /// Percentage vakantietoeslag in de norm (art. 19 lid 3: 5 %).
    pub vakantietoeslag_procent: i64,
}

impl Normtabel {
    /// Elk bedrag van de tabel met zijn artikel: de normen, de middelen en (als de tabel ze
    /// kent) de vermogensgrenzen, in de volgorde van de wet.
    pub fn alle_bedragen(&self) -> Vec<(&'static str, Option<Centen>)> {
        self.normen
            .bedragen()
            .into_iter()
            .chain(
                self.middelen
                    .bedragen()
                    .into_iter()
                    .map(|(o, b)| (o, Some(b))),
            )
            .chain(
                self.vermogen
                    .iter()
                    .flat_map(|v| v.bedragen())
                    .map(|(o, b)| (o, Some(b))),
            )
            .collect()
    }
}

/// Alle tabellen, oplopend en aaneensluitend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Normtabellen(pub Vec<Normtabel>);

const STANDAARD: &str = include_str!("../data/normen.toml");

fn getal(t: &toml::Table, sectie: &str, sleutel: &str, periode: &str) -> Result<i64, String> {
    t.get(sectie)
        .and_then(|s| s.get(sleutel))
        .and_then(|w| match w {
            toml::Value::Integer(i) => Some(*i),
            toml::Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        })
        .ok_or_else(|| format!("Periode {periode}: het bedrag {sectie}.{sleutel} ontbreekt of is geen geheel getal."))
}

fn promille(t: &toml::Table, sectie: &str, sleutel: &str, periode: &str) -> Result<i64, String> {
    let w = t.get(sectie).and_then(|s| s.get(sleutel));
    let tekst = match w {
        Some(toml::Value::Integer(i)) => i.to_string(),
        Some(toml::Value::String(s)) => s.trim().to_owned(),
        _ => String::new(),
    };
    let (heel, fractie) = tekst.split_once('.').unwrap_or((tekst.as_str(), "0"));
    match (heel.parse::<i64>(), format!("{fractie:0<1}")[..1].parse::<i64>()) {
        (Ok(h), Ok(f)) if fractie.len() <= 1 => Ok(h * 10 + f),
        _ => Err(format!("Periode {periode}: het percentage {sectie}.{sleutel} ontbreekt of heeft meer dan één decimaal.")),
    }
}

fn datum(w: Option<&toml::Value>) -> Option<NaiveDate> {
    match w? {
        toml::Value::Datetime(d) => NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d").ok(),
        toml::Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// De tekst van de meegecompileerde tabellen (normen-bronnen.toml), om er een set op te
/// baseren (bv. een testtabel voor een meting).
pub fn standaard_tekst() -> &'static str {
    STANDAARD
}

/// Een set voor metingen en tests: de meegecompileerde tabellen, met de laatste periode
/// doorgetrokken tot en met de maand `tot` in perioden van een half jaar, elk gemarkeerd als
/// TESTTABEL (UNVERIFIED, dus ook zo in elke uitleg). Niet de vastgestelde normen: alleen voor
/// `vangnet bench`, nooit voor een echte uitbetaling.
pub fn testtabellen_tot(tot: NaiveDate) -> Result<String, String> {
    let laatste = STANDAARD
        .rfind("[[periode]]")
        .ok_or("geen [[periode]] in de standaard")?;
    let einde = STANDAARD[laatste..]
        .find("\n[bufferbudget")
        .map_or(STANDAARD.len(), |i| laatste + i + 1);
    let periode = &STANDAARD[laatste..einde];
    let vanaf = Normtabellen::lees(STANDAARD)?
        .0
        .last()
        .map(|t| t.geldig_vanaf)
        .ok_or("geen perioden")?;
    let mut tekst = STANDAARD[..einde].to_owned();
    let mut begin = vanaf;
    loop {
        let volgende = einde_halfjaar(begin)
            .succ_opt()
            .ok_or("datum buiten bereik")?;
        if volgende > tot {
            break;
        }
        // De vorige periode krijgt een einde; de nieuwe is een kopie met de markering.
        let kop = format!("geldig_vanaf = {begin}\n");
        let i = tekst.rfind(&kop).ok_or("periode niet gevonden")?;
        tekst.insert_str(
            i + kop.len(),
            &format!("geldig_tot_en_met = {}\n", einde_halfjaar(begin)),
        );
        let mut kopie = periode.replacen(
            &format!("geldig_vanaf = {vanaf}"),
            &format!("geldig_vanaf = {volgende}"),
            1,
        );
        let noot = kopie
            .lines()
            .find(|r| r.starts_with("noot = "))
            .map(str::to_owned);
        let markering = format!(
            "noot = \"UNVERIFIED TESTTABEL: de normen van {vanaf} doorgetrokken voor een meting; niet vastgesteld.\""
        );
        kopie = match noot {
            Some(n) => kopie.replacen(&n, &markering, 1),
            None => kopie.replacen(
                &format!("geldig_vanaf = {volgende}\n"),
                &format!("geldig_vanaf = {volgende}\n{markering}\n"),
                1,
            ),
        };
        tekst.push_str(&kopie);
        begin = volgende;
    }
    Ok(tekst)
}

impl Normtabellen {
    /// De meegecompileerde tabellen.
    pub fn standaard() -> Result<Normtabellen, String> {
        Normtabellen::lees(STANDAARD)
    }

    /// De meegecompileerde tabellen, één keer gelezen en daarna gedeeld.
    pub fn gedeeld() -> Result<&'static Normtabellen, String> {
        static TABELLEN: std::sync::OnceLock<Result<Normtabellen, String>> =
            std::sync::OnceLock::new();
        TABELLEN
            .get_or_init(Normtabellen::standaard)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Leest en controleert tabellen in de vorm van normen-bronnen.toml.
    pub fn lees(tekst: &str) -> Result<Normtabellen, String> {
        let doc: toml::Table = tekst.parse().map_err(|e: toml::de::Error| {
            format!("Het normenbestand is geen geldige TOML: {}", e.message())
        })?;
        let vt = doc
            .get("afleiding")
            .and_then(|a| a.get("vakantietoeslag_percentage"))
            .and_then(|v| v.as_str())
            .and_then(|s| s.split('.').next())
            .and_then(|s| s.trim().parse::<i64>().ok())
            .ok_or("Het normenbestand mist afleiding.vakantietoeslag_percentage.")?;
        let perioden = doc
            .get("periode")
            .and_then(|p| p.as_array())
            .ok_or("Het normenbestand bevat geen [[periode]].")?;
        let mut tabellen = Vec::new();
        for p in perioden {
            let t = p.as_table().ok_or("Een [[periode]] is geen tabel.")?;
            let vanaf = datum(t.get("geldig_vanaf"))
                .ok_or("Een periode mist geldig_vanaf (jjjj-mm-dd).")?;
            let naam = vanaf.to_string();
            let tot = match t.get("geldig_tot_en_met") {
                None => None,
                w => Some(
                    datum(w).ok_or(format!("Periode {naam}: geldig_tot_en_met is geen datum."))?,
                ),
            };
            let n = |k: &str| getal(t, "normen_incl_vt", k, &naam);
            let m = |k: &str| getal(t, "middelen", k, &naam);
            let v = |k: &str| getal(t, "vermogen", k, &naam);
            let tekst = |k: &str| {
                t.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let noot = tekst("noot");
            let controle = tekst("controle");
            tabellen.push(Normtabel {
                geldig_vanaf: vanaf,
                geldig_tot_en_met: tot.unwrap_or(NaiveDate::MAX),
                tot_afgeleid: tot.is_none(),
                geverifieerd: !(noot.contains("UNVERIFIED")
                    || controle.starts_with("NOT cross-checked")),
                bron: tekst("bron"),
                controle,
                noot,
                normen: Normen {
                    alleenstaande_18_20: n("art20_1a_alleenstaande_18_20")?,
                    gehuwden_beiden_18_20_zonder_kind: n(
                        "art20_1b_gehuwden_beiden_18_20_zonder_kind",
                    )?,
                    gehuwden_een_18_20_zonder_kind: n(
                        "art20_1c_gehuwden_een_18_20_ander_21plus_zonder_kind",
                    )?,
                    alleenstaande_ouder_18_20: n("art20_2a_alleenstaande_ouder_18_20")?,
                    gehuwden_beiden_18_20_met_kind: n("art20_2b_gehuwden_beiden_18_20_met_kind")?,
                    gehuwden_een_18_20_met_kind: n(
                        "art20_2c_gehuwden_een_18_20_ander_21plus_met_kind",
                    )?,
                    alleenstaande_21_aow: n("art21a_alleenstaande_of_alleenstaande_ouder_21_aow")?,
                    gehuwden_21_aow: n("art21b_gehuwden_21_aow")?,
                    alleenstaande_aow: n("art22a_alleenstaande_of_alleenstaande_ouder_aow")?,
                    gehuwden_beiden_aow: n("art22b_gehuwden_beiden_aow")?,
                    gehuwden_een_aow: n("art22c_gehuwden_een_aow")?,
                    jonge_partner_kostendeler_met_kind: n(
                        "art22a_3a_jonge_partner_kostendeler_met_kind",
                    )?,
                    jonge_partner_kostendeler_zonder_kind: n(
                        "art22a_3b_jonge_partner_kostendeler_zonder_kind",
                    )?,
                    verhoging_18_20_geen_beroep_op_ouders: match t
                        .get("normen_incl_vt")
                        .and_then(|s| s.get("art20_3_verhoging_18_20_geen_beroep_op_ouders"))
                    {
                        None => None,
                        Some(_) => Some(n("art20_3_verhoging_18_20_geen_beroep_op_ouders")?),
                    },
                },
                middelen: Middelen {
                    inkomstenvrijlating_procent: m("art31_2n_inkomstenvrijlating_pct")?,
                    inkomstenvrijlating_max: m("art31_2n_inkomstenvrijlating_max_per_maand")?,
                    alleenstaande_ouder_promille: promille(
                        t,
                        "middelen",
                        "art31_2r_alleenstaande_ouder_pct",
                        &naam,
                    )?,
                    alleenstaande_ouder_max: m("art31_2r_alleenstaande_ouder_max_per_maand")?,
                },
                vermogen: match t.get("vermogen") {
                    None => None,
                    Some(_) => Some(Vermogensgrenzen {
                        alleenstaande: v("art34_3a_vermogensgrens_alleenstaande")?,
                        alleenstaande_ouder: v("art34_3b_vermogensgrens_alleenstaande_ouder")?,
                        gehuwden: v("art34_3c_vermogensgrens_gehuwden")?,
                        eigen_woning: v("art34_2d_vrijlating_vermogen_eigen_woning")?,
                    }),
                },
                vakantietoeslag_procent: vt,
            });
        }
        tabellen.sort_by_key(|t| t.geldig_vanaf);
        for paar in tabellen.windows(2) {
            let (a, b) = (&paar[0], &paar[1]);
            match (!a.tot_afgeleid).then_some(a.geldig_tot_en_met) {
                Some(tot) if tot + Duration::days(1) == b.geldig_vanaf => {}
                Some(tot) if tot >= b.geldig_vanaf => {
                    return Err(format!(
                        "De perioden {} en {} overlappen.",
                        a.geldig_vanaf, b.geldig_vanaf
                    ));
                }
                Some(tot) => {
                    return Err(format!(
                        "Tussen {} en {} ontbreekt een normtabel (gat in de perioden).",
                        tot, b.geldig_vanaf
                    ));
                }
                None => {
                    return Err(format!(
                        "Periode {} heeft geen einddatum, maar er volgt nog een periode.",
                        a.geldig_vanaf
                    ))
                }
            }
        }
        let Some(laatste) = tabellen.last_mut() else {
            return Err("Het normenbestand bevat geen perioden.".into());
        };
        if laatste.tot_afgeleid {
            laatste.geldig_tot_en_met = einde_halfjaar(laatste.geldig_vanaf);
        }
        for t in &tabellen {
            if t.geldig_tot_en_met < t.geldig_vanaf {
                return Err(format!(
                    "Periode {}: geldig_tot_en_met ligt vóór geldig_vanaf.",
                    t.geldig_vanaf
                ));
            }
        }
        Ok(Normtabellen(tabellen))
    }

    /// Wat in `nieuw` anders is dan hier: per periode elk gewijzigd, nieuw of vervallen bedrag
    /// (een hele nieuwe of vervallen periode telt met al haar bedragen).
    pub fn verschillen(&self, nieuw: &Normtabellen) -> Vec<Normverschil> {
        fn alle(t: Option<&Normtabel>) -> Vec<(&'static str, Option<Centen>)> {
            t.map(Normtabel::alle_bedragen).unwrap_or_default()
        }
        let mut perioden: Vec<NaiveDate> = self
            .0
            .iter()
            .chain(&nieuw.0)
            .map(|t| t.geldig_vanaf)
            .collect();
        perioden.sort();
        perioden.dedup();
        let mut uit = Vec::new();
        for periode in perioden {
            let zoek = |set: &Normtabellen| alle(set.0.iter().find(|t| t.geldig_vanaf == periode));
            let (oud, nw) = (zoek(self), zoek(nieuw));
            let namen = if nw.is_empty() { &oud } else { &nw };
            for (i, (omschrijving, _)) in namen.iter().enumerate() {
                let o = oud.get(i).and_then(|(_, b)| *b);
                let n = nw.get(i).and_then(|(_, b)| *b);
                if o != n {
                    uit.push(Normverschil {
                        periode,
                        omschrijving: (*omschrijving).to_owned(),
                        oud: o,
                        nieuw: n,
                    });
                }
            }
        }
        uit
    }

    /// De tabel die op `datum` geldt; `None` vóór de eerste en na de laatste vastgestelde dag.
    pub fn op(&self, datum: NaiveDate) -> Option<&Normtabel> {
        self.0
            .iter()
            .find(|t| t.geldig_vanaf <= datum && datum <= t.geldig_tot_en_met)
    }

    /// De laatste dag waarvoor een tabel is vastgesteld.
    pub fn laatste_dag(&self) -> NaiveDate {
        self.0
            .last()
            .map_or(NaiveDate::MIN, |t| t.geldig_tot_en_met)
    }

    /// Waarom er voor de maand die op `maand` begint geen tabel is, in een zin die de
    /// ontbrekende periode noemt; `None` als er een is.
    pub fn ontbreekt_voor(&self, maand: NaiveDate) -> Option<String> {
        if self.op(maand).is_some() {
            return None;
        }
        let eerste = self.0.first().map_or(NaiveDate::MIN, |t| t.geldig_vanaf);
        Some(if maand < eerste {
            format!(
                "{} valt buiten alle normtabellen: de eerste geldt vanaf {}.",
                maand.format("%Y-%m"),
                eerste.format("%d-%m-%Y")
            )
        } else {
            let nodig = self.laatste_dag().succ_opt().unwrap_or(maand);
            format!(
                "{} valt buiten alle normtabellen: de laatste geldt tot en met {}. Laad de \
                 normtabel per {} (vangnet normen laden, of Normen in het menu); tot dan wordt \
                 deze maand niet berekend.",
                maand.format("%Y-%m"),
                self.laatste_dag().format("%d-%m-%Y"),
                nodig.format("%d-%m-%Y")
            )
        })
    }
}

/// De dag vóór de volgende aanpassing van de normen na `vanaf` (art. 38 Pw: de dag waarop het
/// netto minimumloon wijzigt, per 1 januari en 1 juli).
fn einde_halfjaar(vanaf: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let volgende = if vanaf.month() < 7 {
        NaiveDate::from_ymd_opt(vanaf.year(), 7, 1)
    } else {
        NaiveDate::from_ymd_opt(vanaf.year() + 1, 1, 1)
    };
    volgende.and_then(|d| d.pred_opt()).unwrap_or(vanaf)
}

/// Art. 22a lid 1 Pw: de kostendelersnorm per persoon is ((40 % + A × 30 %) / A) × B, met A het
/// aantal kostendelers (inclusief belanghebbende) en B de gehuwdennorm die op hem van toepassing
/// is. Afronding: half naar boven op hele centen (bron: normen-bronnen.toml [kostendelersnorm]
/// "round half up … matches Velsen 2024"; half naar boven bij exact een halve cent is NIET door
/// een bron bevestigd).
pub fn kostendelersnorm(b: Centen, a: u32) -> Centen {
    if a <= 1 {
        return b;
    }
    let a = i64::from(a);
    let teller = (40 + 30 * a) * b;
    let noemer = 100 * a;
    (2 * teller + noemer) / (2 * noemer)
}

/// De vakantietoeslag in een norm inclusief vakantietoeslag (normen-bronnen.toml \[afleiding\]:
/// vt = round_half_up(incl × 5 %)).
pub fn vakantietoeslag_in(norm: Centen, procent: i64) -> Centen {
    (2 * norm * procent + 100) / 200
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn alle_perioden_uit_de_bron_laden_en_sluiten_aan() {
        let t = Normtabellen::standaard().unwrap();
        let vanaf: Vec<String> = t.0.iter().map(|t| t.geldig_vanaf.to_string()).collect();
        assert_eq!(
            vanaf,
            [
                "2024-01-01",
                "2024-07-01",
                "2025-01-01",
                "2025-07-01",
                "2026-01-01",
                "2026-07-01"
            ]
        );
        assert!(t.0[..5].iter().all(|t| t.geverifieerd));
        assert!(
            !t.0[5].geverifieerd,
            "2026-07-01 staat in de bron als UNVERIFIED"
        );
        // §12 "Norms after 2026-07-01": de laatste periode noemt geen einde en geldt tot de
        // volgende aanpassing (art. 38: 1 januari 2027), niet daarna.
        let laatste = t.op(d("2026-07-01")).unwrap();
        assert_eq!(laatste.geldig_tot_en_met, d("2026-12-31"));
        assert!(laatste.tot_afgeleid);
        assert_eq!(t.op(d("2026-12-31")).unwrap().geldig_vanaf, d("2026-07-01"));
        assert!(t.op(d("2027-01-01")).is_none());
        assert!(t.op(d("2099-12-31")).is_none());
        assert!(t.op(d("2023-12-31")).is_none());
        assert!(t.ontbreekt_voor(d("2026-12-01")).is_none());
        let m = t.ontbreekt_voor(d("2027-01-01")).unwrap();
        assert!(
            m.starts_with("2027-01 valt buiten") && m.contains("per 01-01-2027"),
            "{m}"
        );
        assert!(t
            .ontbreekt_voor(d("2023-12-01"))
            .unwrap()
            .contains("de eerste geldt vanaf 01-01-2024"));
    }

    /// Bedragen per periode, rechtstreeks uit normen-bronnen.toml [periode.normen_incl_vt] en
    /// [periode.middelen].
    #[test]
    fn bedragen_per_periode() {
        let t = Normtabellen::standaard().unwrap();
        let gevallen: &[(&str, Centen, Centen, Centen, Centen, i64)] = &[
            // periode, art21a, art21b, art22a, art31_2n max, art31_2r promille
            ("2024-01-01", 128383, 183404, 142576, 26400, 125),
            ("2024-07-01", 130845, 186921, 145685, 26900, 125),
            ("2025-01-01", 134545, 192207, 150107, 27300, 125),
            ("2025-07-01", 136906, 195580, 153021, 27800, 125),
            ("2026-07-01", 141946, 202779, 158734, 28500, 125),
        ];
        for (periode, a21a, a21b, a22a, n_max, r) in gevallen {
            let tabel = t.op(d(periode)).unwrap();
            assert_eq!(tabel.normen.alleenstaande_21_aow, *a21a, "{periode}");
            assert_eq!(tabel.normen.gehuwden_21_aow, *a21b, "{periode}");
            assert_eq!(tabel.normen.alleenstaande_aow, *a22a, "{periode}");
            assert_eq!(tabel.middelen.inkomstenvrijlating_max, *n_max, "{periode}");
            assert_eq!(tabel.middelen.alleenstaande_ouder_promille, *r, "{periode}");
            assert_eq!(tabel.middelen.inkomstenvrijlating_procent, 25);
            assert_eq!(tabel.vakantietoeslag_procent, 5);
        }
    }

    /// De afgeleide kostendelersnormen in normen-bronnen.toml
    /// ([periode.kostendelersnorm_per_persoon_incl_vt], bevestigd met Velsen 2024) volgen exact uit
    /// de formule van art. 22a lid 1, voor elke periode, beide grondslagen en A = 2..6.
    #[test]
    fn kostendelersnorm_volgens_de_formule() {
        let doc: toml::Table = STANDAARD.parse().unwrap();
        let mut getoetst = 0;
        for p in doc["periode"].as_array().unwrap() {
            let k = p["kostendelersnorm_per_persoon_incl_vt"]
                .as_table()
                .unwrap();
            for grondslag in ["jonger_dan_aow", "aow"] {
                let rij = k[grondslag].as_table().unwrap();
                let b = rij["B"].as_integer().unwrap();
                for a in 2..=6u32 {
                    let verwacht = rij[&format!("A{a}")].as_integer().unwrap();
                    assert_eq!(
                        kostendelersnorm(b, a),
                        verwacht,
                        "{} {grondslag} A={a}",
                        p["geldig_vanaf"]
                    );
                    getoetst += 1;
                }
            }
        }
        assert_eq!(getoetst, 6 * 2 * 5);
        assert_eq!(
            kostendelersnorm(183404, 1),
            183404,
            "zonder kostendelers de volle norm"
        );
    }

    /// normen-bronnen.toml [periode.normen_excl_vt]: vt = round_half_up(incl × 5 %).
    #[test]
    fn vakantietoeslag_volgens_de_afleiding() {
        let gevallen = [
            (128383, 6419),
            (183404, 9170),
            (142576, 7129),
            (193232, 9662),
            (31694, 1585),
            (141946, 7097),
            (202779, 10139),
        ];
        for (incl, vt) in gevallen {
            assert_eq!(vakantietoeslag_in(incl, 5), vt, "{incl}");
        }
    }

    /// participatiewet-feiten.md §1 rij "increase for 18–20 who cannot rely on parents (20.3,
    /// new under PiB)": n/a tot 2026-01-01, dan 746,45 en 762,24.
    #[test]
    fn verhoging_art_20_lid_3_alleen_vanaf_2026() {
        let t = Normtabellen::standaard().unwrap();
        let gevallen = [
            ("2025-07-01", None),
            ("2026-01-01", Some(74645)),
            ("2026-07-01", Some(76224)),
        ];
        for (periode, verwacht) in gevallen {
            assert_eq!(
                t.op(d(periode))
                    .unwrap()
                    .normen
                    .verhoging_18_20_geen_beroep_op_ouders,
                verwacht,
                "{periode}"
            );
        }
    }

    #[test]
    fn verschillen_tussen_twee_sets() {
        let oud = Normtabellen::standaard().unwrap();
        assert!(oud.verschillen(&oud).is_empty());
        let nieuw = Normtabellen::lees(&STANDAARD.replacen(
            "art21b_gehuwden_21_aow = 183404",
            "art21b_gehuwden_21_aow = 183405",
            1,
        ))
        .unwrap();
        let v = oud.verschillen(&nieuw);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].periode, d("2024-01-01"));
        assert_eq!((v[0].oud, v[0].nieuw), (Some(183404), Some(183405)));
        assert!(v[0].omschrijving.starts_with("art. 21 onderdeel b"));
        // Een periode erbij telt met al haar bedragen.
        let langer = Normtabellen::lees(
            &(STANDAARD.replacen(
                "[[periode]]\ngeldig_vanaf = 2026-07-01\n",
                "[[periode]]\ngeldig_vanaf = 2026-07-01\ngeldig_tot_en_met = 2026-12-31\n",
                1,
            ) + &STANDAARD[STANDAARD.rfind("[[periode]]").unwrap()
                ..STANDAARD.find("[bufferbudget").unwrap()]
                .replacen("geldig_vanaf = 2026-07-01", "geldig_vanaf = 2027-01-01", 1)),
        )
        .unwrap();
        let v = oud.verschillen(&langer);
        assert!(v
            .iter()
            .all(|x| x.periode == d("2027-01-01") && x.oud.is_none()));
        assert_eq!(v.len(), 16 + 4, "normen, middelen en vermogensgrenzen");
    }

    /// Een testtabel voor de meting loopt tot en met de gevraagde maand, aaneensluitend, en is
    /// als niet geverifieerd gemarkeerd.
    #[test]
    fn testtabellen_voor_een_meting() {
        let t = Normtabellen::lees(&testtabellen_tot(d("2027-12-01")).unwrap()).unwrap();
        assert_eq!(t.laatste_dag(), d("2027-12-31"));
        let nieuw: Vec<&Normtabel> =
            t.0.iter()
                .filter(|x| x.geldig_vanaf >= d("2027-01-01"))
                .collect();
        assert_eq!(nieuw.len(), 2);
        assert!(nieuw
            .iter()
            .all(|x| !x.geverifieerd && x.noot.contains("TESTTABEL")));
        assert_eq!(nieuw[0].normen, t.0[t.0.len() - 3].normen);
        // Niets te verlengen: de standaard zelf (tot de laatste vastgestelde periode).
        let zelf = Normtabellen::lees(&testtabellen_tot(d("2026-12-01")).unwrap()).unwrap();
        assert_eq!(zelf, Normtabellen::standaard().unwrap());
    }

    #[test]
    fn een_ontbrekend_bedrag_of_gat_wordt_geweigerd() {
        let zonder = STANDAARD.replacen("art21b_gehuwden_21_aow = 183404\n", "", 1);
        assert_eq!(
            Normtabellen::lees(&zonder).unwrap_err(),
            "Periode 2024-01-01: het bedrag normen_incl_vt.art21b_gehuwden_21_aow ontbreekt of is geen geheel getal."
        );
        let gat = STANDAARD.replacen(
            "geldig_tot_en_met = 2024-12-31",
            "geldig_tot_en_met = 2024-11-30",
            1,
        );
        assert_eq!(
            Normtabellen::lees(&gat).unwrap_err(),
            "Tussen 2024-11-30 en 2025-01-01 ontbreekt een normtabel (gat in de perioden)."
        );
        let overlap = STANDAARD.replacen(
            "geldig_tot_en_met = 2024-12-31",
            "geldig_tot_en_met = 2025-01-31",
            1,
        );
        assert!(Normtabellen::lees(&overlap)
            .unwrap_err()
            .contains("overlappen"));
        assert!(Normtabellen::lees("dit is [geen toml")
            .unwrap_err()
            .starts_with("Het normenbestand is geen geldige TOML"));
        assert!(
            Normtabellen::lees("[afleiding]\nvakantietoeslag_percentage = \"5.00\"\n").is_err()
        );
    }
}
