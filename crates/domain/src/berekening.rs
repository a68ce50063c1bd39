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
//!   afgerond op centen. NIET door een bron bevestigd.
//! - Komt of gaat er midden in de maand een partner of een medebewoner die meetelt, of begint of
//!   stopt een inkomen of verlaging, dan gaat de hele maand per kalenderdag (issue 19, punt 6):
//!   de norm per deel, een inkomen over zijn dagen, een verlaging over de norm van haar dagen;
//!   het inkomen van de partner alleen over de dagen dat de partner er woont. Begint of eindigt
//!   de bijstand in de maand, dan lopen de delen dan alleen over de dagen met bijstand, en geldt
//!   het maximum van een vrijlating naar rato van die dagen. Zonder zo'n wisseling wordt de
//!   bijstand van de hele maand naar rato van de dagen met bijstand genomen, zoals voorheen.
//!   Kinderen, art. 20 lid 3 en de voorwaarden voor vrijlatingen (27 jaar, de AOW-leeftijd, een
//!   kind jonger dan 12) gelden zoals op de eerste dag van de maand (met bijstand).
//! - Onderdeel n geldt "gedurende ten hoogste zes maanden": per kalenderdag vanaf de toekenning
//!   tot dezelfde dag zes maanden later; in een maand die het tijdvak maar deels dekt, naar rato.
//!   Bij meer toekenningen aan dezelfde persoon telt het grootste tijdvak in de maand.
//! - Elke partner heeft een eigen vrijlating van art. 31 lid 2 onderdeel n: eigen leeftijdstoets
//!   (27 jaar, lid 5), eigen maximum en eigen periode, over het eigen inkomen uit arbeid
//!   (`van`). De gangbare lezing (participatiewet-feiten.md §12); UNVERIFIED tegen jurisprudentie.
//! - Vanaf de AOW-leeftijd geldt onderdeel n zonder grens van zes maanden en zonder het oordeel
//!   van het college over arbeidsinschakeling (wettekst per 1-1-2026): dus ook zonder
//!   toekenning. Onderdeel r (na de periode van zes maanden van n) geldt dan niet.
//! - De verhoging van art. 20 lid 3 geldt waar een norm van art. 20 geldt (ook naast een partner
//!   van de AOW-leeftijd, art. 20 lid 1 en 2 onderdeel c); bij de jonge partner van een
//!   kostendeler (art. 22a lid 3) wordt zij niet toegepast. NIET door een bron bevestigd: art.
//!   20 lid 3 zelf beperkt de verhoging niet tot de normen van art. 20.
//! - Afronding: steeds half naar boven op hele centen, per stap genoemd in de uitleg.
//! - Een maand na de laatste vastgestelde normtabel wordt geweigerd (§12); een tabel zonder
//!   einde geldt tot de volgende aanpassing van art. 38 (zie `normen::Normtabel`).
//!
//! Het contract (`vangnet bereken`, contracts/bereken.md) is versie 2: `geen_beroep_op_ouders`,
//! de vrijlating `alleenstaande_ouder`, `van` en `vakantietoeslag_centen` bij inkomsten, `van`
//! bij vrijlatingen, en `vanaf`/`tot` bij partner en medebewoners zijn er. De vakantietoeslag
//! over een inkomen (art. 31 lid 4) telt als die is opgegeven (van de loonstrook); de schijven
//! van de Regeling (Normenbrief 2026, Bijlage IV) om haar zelf te berekenen, nog niet.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::aow::{aow_datum, AowDatum};
use crate::normen::{kostendelersnorm, Centen, Normtabel, Normtabellen};
use crate::persoon::Geboortedatum;
use uitleg::{uitlegregel, Inkomendeel, Stap};

/// De aanvrager of de partner in de situatie: alleen wat de berekening nodig heeft.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persoon {
    pub geboortedatum: String,
    /// Art. 20 lid 3: 18–20 jaar en kan voor de kosten van levensonderhoud geen beroep doen op
    /// de ouders (het college stelt dat vast). Contract v2.
    #[serde(default)]
    pub geen_beroep_op_ouders: bool,
}

/// Een kind jonger dan 18 in het huishouden.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub geboortedatum: String,
}

/// Van wie een inkomen of een vrijlating is (contract v2: `van`). Elke partner heeft een eigen
/// vrijlating: eigen leeftijdstoets, eigen maximum, eigen periode (art. 31 lid 2 onderdeel n en
/// lid 5, zoals gangbaar gelezen; participatiewet-feiten.md §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wie {
    #[default]
    Aanvrager,
    Partner,
}

impl Wie {
    fn index(self) -> usize {
        match self {
            Wie::Aanvrager => 0,
            Wie::Partner => 1,
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Wie::Aanvrager => "aanvrager",
            Wie::Partner => "partner",
        }
    }
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
    /// Contract v2: woont er pas vanaf / nog tot en met deze dag van de maand.
    #[serde(default)]
    pub vanaf: Option<String>,
    #[serde(default)]
    pub tot: Option<String>,
}

/// De partner: een persoon die ook midden in de maand kan komen of gaan (contract v2).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub geboortedatum: String,
    #[serde(default)]
    pub geen_beroep_op_ouders: bool,
    /// Woont in het huishouden pas vanaf / nog tot en met deze dag van de maand.
    #[serde(default)]
    pub vanaf: Option<String>,
    #[serde(default)]
    pub tot: Option<String>,
}

/// De dagen van de berekende maand (van, tot en met) waarin iets geldt; `None`: de hele maand.
pub type Dagen = Option<(NaiveDate, NaiveDate)>;

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
    #[serde(default)]
    pub van: Wie,
    /// Contract v2: de vakantietoeslag die in de maand over dit inkomen is opgebouwd, zoals de
    /// loonstrook of uitkeringsspecificatie hem noemt (art. 31 lid 4).
    #[serde(default)]
    pub vakantietoeslag_centen: Option<i64>,
}

/// Een inkomen zoals de berekening het ziet: van wie, welke soort, netto per maand, de
/// vakantietoeslag die erover in de maand is opgebouwd (art. 31 lid 4; 0 als die niet bekend
/// is), en de dagen van de maand waarin het loopt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inkomensregel {
    pub van: Wie,
    pub soort: Inkomenssoort,
    pub netto: Centen,
    pub vakantietoeslag: Centen,
    pub dagen: Dagen,
    /// Een werkelijk inkomen (loonstrook, specificatie) dat al aan de dagen van deze maand met
    /// bijstand is toegerekend (art. 32 lid 1): `netto` en `vakantietoeslag` zijn dan het
    /// bedrag van de maand zelf en gaan niet nog eens naar rato.
    pub toerekening: Option<Toerekening>,
}

/// Hoe een werkelijk inkomen over een periode aan de maand is toegerekend: de periode van de
/// loonstrook (tot en met), haar bedrag, en hoeveel van haar dagen in deze maand met bijstand
/// vallen (art. 32 lid 1: inkomen telt in de periode waarop het betrekking heeft).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Toerekening {
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub totaal: Centen,
    pub dagen: i64,
    pub van_dagen: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vrijlatingssoort {
    /// Art. 31 lid 2 onderdeel n: 25 %, ten hoogste zes maanden vanaf `vanaf` voor wie de
    /// AOW-leeftijd nog niet heeft bereikt; vanaf de AOW-leeftijd zonder die grens (en zonder
    /// toekenning: de voorwaarde van het oordeel van het college geldt alleen daaronder).
    Arbeid,
    /// Art. 31 lid 2 onderdeel r: alleenstaande ouder, 12,5 %, ten hoogste 30 maanden vanaf
    /// `vanaf`. Contract v2.
    AlleenstaandeOuder,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vrijlating {
    pub soort: Vrijlatingssoort,
    pub vanaf: String,
    #[serde(default)]
    pub van: Wie,
}

/// De situatie, zoals in contracts/bereken.md.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situatie {
    pub maand: String,
    pub aanvrager: Persoon,
    #[serde(default)]
    pub partner: Option<Partner>,
    #[serde(default)]
    pub kinderen: Vec<Kind>,
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

impl Uitlegregel {
    /// Een mededeling voor medewerkers (een normtabel die niet geverifieerd is), geen stap van
    /// de berekening: hoort niet op de betaalspecificatie van een cliënt (issue 21 punt 15).
    pub fn is_mededeling(&self) -> bool {
        self.bedrag_centen == 0 && self.artikel == ARTIKEL_ONZEKER
    }
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
    /// De dagen van de maand waarin de partner er woont.
    pub partner_dagen: Dagen,
    pub kinderen: &'a [NaiveDate],
    pub medebewoners: &'a [(NaiveDate, Relatie, Dagen)],
    /// Netto per maand; met dagen: alleen over die dagen (naar rato per kalenderdag).
    pub inkomsten: &'a [Inkomensregel],
    pub vrijlatingen: &'a [(Wie, Vrijlatingssoort, NaiveDate)],
    /// Verlagingen (art. 18) als percentage van de norm, elk over haar dagen; per dag geldt de
    /// hoogste.
    pub verlagingen: &'a [(i64, Dagen)],
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

fn laatste_dag_van(maand: NaiveDate) -> NaiveDate {
    maand
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(maand)
}

/// `vanaf` en `tot` (tot en met) van `wie` als dagen van de maand; ontbreekt er een, dan het
/// begin of einde van de maand.
fn dagen_lezen(
    wie: &str,
    vanaf: &Option<String>,
    tot: &Option<String>,
    maand: NaiveDate,
    einde: NaiveDate,
) -> Result<Dagen, Invoerfout> {
    if vanaf.is_none() && tot.is_none() {
        return Ok(None);
    }
    let van = match vanaf {
        Some(v) => datum(&format!("{wie}.vanaf"), v)?,
        None => maand,
    };
    let t = match tot {
        Some(t) => datum(&format!("{wie}.tot"), t)?,
        None => einde,
    };
    dagen_nagaan(wie, Some((van, t)), maand, einde)
}

/// Dagen moeten in de maand liggen en op volgorde staan; de hele maand wordt `None`.
fn dagen_nagaan(
    wie: &str,
    d: Dagen,
    maand: NaiveDate,
    einde: NaiveDate,
) -> Result<Dagen, Invoerfout> {
    let Some((van, tot)) = d else {
        return Ok(None);
    };
    if van < maand || van > einde {
        return Err(fout(
            format!("{wie}.vanaf"),
            "ligt niet in de berekende maand.",
        ));
    }
    if tot < maand || tot > einde {
        return Err(fout(
            format!("{wie}.tot"),
            "ligt niet in de berekende maand.",
        ));
    }
    if tot < van {
        return Err(fout(format!("{wie}.tot"), "ligt vóór 'vanaf'."));
    }
    Ok((van != maand || tot != einde).then_some((van, tot)))
}

/// Woont of geldt iets op `dag`?
fn op_dag(d: Dagen, dag: NaiveDate) -> bool {
    d.is_none_or(|(van, tot)| van <= dag && dag <= tot)
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
    pub partner_dagen: Dagen,
    pub kinderen: Vec<NaiveDate>,
    pub medebewoners: Vec<(NaiveDate, Relatie, Dagen)>,
    pub inkomsten: Vec<Inkomensregel>,
    pub vrijlatingen: Vec<(Wie, Vrijlatingssoort, NaiveDate)>,
    pub verlagingen: Vec<(i64, Dagen)>,
    pub geen_beroep_op_ouders: [bool; 2],
}

impl GelezenSituatie {
    /// Een lege situatie om te vullen (bv. per maand uit de feiten van een uitkering).
    pub fn leeg() -> GelezenSituatie {
        GelezenSituatie {
            maand: NaiveDate::MIN,
            aanvrager: NaiveDate::MIN,
            partner: None,
            partner_dagen: None,
            kinderen: Vec::new(),
            medebewoners: Vec::new(),
            inkomsten: Vec::new(),
            vrijlatingen: Vec::new(),
            verlagingen: Vec::new(),
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
        let einde = laatste_dag_van(maand);
        let mut medebewoners = Vec::with_capacity(mede.len());
        for (i, (g, m)) in mede.into_iter().zip(&s.medebewoners).enumerate() {
            let d = dagen_lezen(
                &format!("medebewoners[{i}]"),
                &m.vanaf,
                &m.tot,
                maand,
                einde,
            )?;
            medebewoners.push((g, m.relatie, d));
        }
        Ok(GelezenSituatie {
            maand,
            aanvrager: datum("aanvrager.geboortedatum", &s.aanvrager.geboortedatum)?,
            partner: match &s.partner {
                Some(p) => Some(datum("partner.geboortedatum", &p.geboortedatum)?),
                None => None,
            },
            partner_dagen: match &s.partner {
                Some(p) => dagen_lezen("partner", &p.vanaf, &p.tot, maand, einde)?,
                None => None,
            },
            kinderen,
            medebewoners,
            inkomsten: s
                .inkomsten
                .iter()
                .map(|i| Inkomensregel {
                    van: i.van,
                    soort: i.soort,
                    netto: i.netto_centen,
                    vakantietoeslag: i.vakantietoeslag_centen.unwrap_or(0),
                    dagen: None,
                    toerekening: None,
                })
                .collect(),
            vrijlatingen: s
                .vrijlatingen
                .iter()
                .zip(vanaf)
                .map(|(v, d)| (v.van, v.soort, d))
                .collect(),
            verlagingen: vec![(s.verlaging_procent, None)],
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
            partner_dagen: self.partner_dagen,
            kinderen: &self.kinderen,
            medebewoners: &self.medebewoners,
            inkomsten: &self.inkomsten,
            vrijlatingen: &self.vrijlatingen,
            verlagingen: &self.verlagingen,
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
    // De hele maand als deel is de maand zelf (zoals `Feiten` het doorgeeft): anders ging de
    // verlaging per dag terwijl de maand zelf haar over de hele norm neemt.
    let einde = g
        .maand
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(g.maand);
    let deel = deel.filter(|d| *d != (g.maand, einde));
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
            partner: partner.filter(|_| op_dag(s.partner_dagen, dag)).map(stand),
            met_kinderen: s.kinderen.iter().any(|k| leeftijd(*k) < 18),
            kostendelers: s
                .medebewoners
                .iter()
                .filter(|(g, r, d)| telt_mee(*r) && op_dag(*d, dag) && leeftijd(*g) >= 27)
                .count() as u32,
        }
    }
}

/// De eerste dag na `na` (uiterlijk `einde`) waarop de norm kan veranderen: aanvrager of partner
/// wordt 21 of bereikt de AOW-leeftijd, een kind wordt 18, een medebewoner die meetelt wordt 27,
/// de partner of een medebewoner komt of gaat, of (met `verlagingen`) een verlaging begint of
/// eindigt.
fn volgende_wissel(
    s: &Rekensituatie,
    aanvrager: Lid,
    partner: Option<Lid>,
    verlagingen: bool,
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
    let grenzen = |d: Dagen| {
        d.map_or([None, None], |(van, tot)| {
            [Some(van), tot.succ_opt()].map(|g| g.filter(|g| *g > na && *g <= einde))
        })
    };
    for g in grenzen(s.partner_dagen) {
        neem(g);
    }
    for (g, r, d) in s.medebewoners {
        if telt_mee(*r) {
            neem(zonder_aow(*g).wissel(27, false, na, einde));
            for g in grenzen(*d) {
                neem(g);
            }
        }
    }
    if verlagingen {
        for (_, d) in s.verlagingen {
            for g in grenzen(*d) {
                neem(g);
            }
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
                // Art. 22 onderdeel c vraagt dat de andere echtgenoot 21 jaar of ouder is; is die
                // 18–20, dan geldt art. 20 lid 1 of 2 onderdeel c (participatiewet-feiten.md §12).
                let (bedrag, omschrijving, artikel) = match (aanvrager.aow, p.aow, jong) {
                    (true, true, _) => (
                        n.gehuwden_beiden_aow,
                        "Norm gehuwden, beiden de AOW-leeftijd",
                        "art. 22 onderdeel b Participatiewet",
                    ),
                    (true, false, [_, false]) | (false, true, [false, _]) => (
                        n.gehuwden_een_aow,
                        "Norm gehuwden, één van beiden de AOW-leeftijd",
                        "art. 22 onderdeel c Participatiewet",
                    ),
                    (false, false, [false, false]) => (
                        n.gehuwden_21_aow,
                        "Norm gehuwden van 21 jaar tot de AOW-leeftijd",
                        "art. 21 onderdeel b Participatiewet",
                    ),
                    (_, _, [true, true]) if met_kinderen => (
                        n.gehuwden_beiden_18_20_met_kind,
                        "Norm gehuwden, beiden 18 tot 21 jaar, met kinderen",
                        "art. 20 lid 2 onderdeel b Participatiewet",
                    ),
                    (_, _, [true, true]) => (
                        n.gehuwden_beiden_18_20_zonder_kind,
                        "Norm gehuwden, beiden 18 tot 21 jaar, zonder kinderen",
                        "art. 20 lid 1 onderdeel b Participatiewet",
                    ),
                    (_, _, _) if met_kinderen => (
                        n.gehuwden_een_18_20_met_kind,
                        "Norm gehuwden, één 18 tot 21 jaar, met kinderen",
                        "art. 20 lid 2 onderdeel c Participatiewet",
                    ),
                    (_, _, _) => (
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
            jong && !kostendelersnorm
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
    // Geen maand met een tabel die er niet voor is vastgesteld (participatiewet-feiten.md §12).
    let Some(tabel): Option<&Normtabel> = tabellen.op(maand) else {
        return Err(fout(
            "maand",
            tabellen.ontbreekt_voor(maand).unwrap_or_default(),
        ));
    };
    for (pct, d) in s.verlagingen {
        if !(0..=100).contains(pct) {
            return Err(fout("verlaging_procent", "moet tussen 0 en 100 liggen."));
        }
        dagen_nagaan("verlaging", *d, maand, einde)?;
    }
    dagen_nagaan("partner", s.partner_dagen, maand, einde)?;
    let aanvrager =
        lid(s.aanvrager, maand, einde, true).map_err(|m| fout("aanvrager.geboortedatum", m))?;
    if aanvrager.leeftijd < 18 {
        return Err(fout("aanvrager.geboortedatum", "de aanvrager is jonger dan 18 jaar; algemene bijstand begint bij 18 (art. 13 lid 1 onderdeel f Pw)."));
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
    for (i, (g, relatie, d)) in s.medebewoners.iter().enumerate() {
        let l = lid(*g, maand, einde, false)
            .map_err(|m| fout(format!("medebewoners[{i}].geboortedatum"), m))?;
        if d.is_some() {
            dagen_nagaan(&format!("medebewoners[{i}]"), *d, maand, einde)?;
        }
        if l.leeftijd >= 27 && telt_mee(*relatie) && op_dag(*d, maand) {
            kostendelers += 1;
        }
    }
    for (i, r) in s.inkomsten.iter().enumerate() {
        if r.dagen.is_some() {
            dagen_nagaan(&format!("inkomsten[{i}]"), r.dagen, maand, einde)?;
        }
        if r.netto < 0 {
            return Err(fout(
                format!("inkomsten[{i}].netto_centen"),
                "mag niet negatief zijn.",
            ));
        }
        if r.vakantietoeslag < 0 {
            return Err(fout(
                format!("inkomsten[{i}].vakantietoeslag_centen"),
                "mag niet negatief zijn.",
            ));
        }
        if r.van == Wie::Partner && partner.is_none() {
            return Err(fout(
                format!("inkomsten[{i}].van"),
                "er is geen partner in deze situatie.",
            ));
        }
    }
    for (i, (wie, _, _)) in s.vrijlatingen.iter().enumerate() {
        if *wie == Wie::Partner && partner.is_none() {
            return Err(fout(
                format!("vrijlatingen[{i}].van"),
                "er is geen partner in deze situatie.",
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

    // De norm, per deel van de maand waarin de leeftijden en wie er woont dezelfde norm geven
    // (per kalenderdag, zoals een verjaardag in de maand). Verandert er in de maand iets anders
    // dan een leeftijd (een partner of medebewoner komt of gaat, een inkomen of verlaging begint
    // of stopt), dan gaat de hele maand per dag: de delen lopen alleen over de dagen met
    // bijstand, een inkomen telt over zijn dagen en een verlaging over de norm van haar dagen.
    // Anders blijft het zoals het was: de bijstand van de hele maand, naar rato van de dagen met
    // bijstand.
    let in_maand = (einde - maand).num_days() + 1;
    // Ook een bijstand die midden in de maand begint of eindigt terwijl in die dagen een
    // leeftijdsgrens valt, gaat per dag: anders telden de dagen zonder bijstand mee met hun norm.
    let per_dag = s.partner_dagen.is_some()
        || s.medebewoners
            .iter()
            .any(|(_, r, d)| d.is_some() && telt_mee(*r))
        || s.inkomsten.iter().any(|r| r.dagen.is_some())
        // Een toegerekend werkelijk inkomen telt al alleen over de dagen met bijstand: de rest
        // van de maand dan ook per dag, niet achteraf nog eens naar rato.
        || (s.deel.is_some() && s.inkomsten.iter().any(|r| r.toerekening.is_some()))
        || s.verlagingen.iter().any(|(_, d)| d.is_some())
        || (s.deel.is_some()
            && (volgende_wissel(s, aanvrager, partner, false, maand, einde).is_some()
                || s.vrijlatingen.iter().any(|(_, z, v)| {
                    // Begint of eindigt het tijdvak van een vrijlating in deze maand?
                    let maanden = match z {
                        Vrijlatingssoort::Arbeid => 6,
                        Vrijlatingssoort::AlleenstaandeOuder => 30,
                    };
                    let einde_tijdvak = v.checked_add_months(Months::new(maanden)).unwrap_or(*v);
                    (maand < *v && *v <= einde) || (maand < einde_tijdvak && einde_tijdvak <= einde)
                })));
    let verlaging_per_deel = per_dag;
    let (begin, eind) = match s.deel {
        Some(d) if per_dag => d,
        _ => (maand, einde),
    };
    let procent_op = |dag: NaiveDate| {
        s.verlagingen
            .iter()
            .filter(|(_, d)| op_dag(*d, dag))
            .map(|(p, _)| *p)
            .max()
            .unwrap_or(0)
    };
    let mut norm = 0;
    let mut verlaging = 0;
    let mut van = begin;
    loop {
        let volgende = volgende_wissel(s, aanvrager, partner, verlaging_per_deel, van, eind);
        let huishouden = if van == maand {
            Huishouden {
                aanvrager: aanvrager.stand(maand),
                partner: partner
                    .filter(|_| op_dag(s.partner_dagen, maand))
                    .map(|p| p.stand(maand)),
                met_kinderen: !s.kinderen.is_empty(),
                kostendelers,
            }
        } else {
            Huishouden::op(s, aanvrager, partner, van)
        };
        let deelnorm = norm_voor(&huishouden, s.geen_beroep_op_ouders, tabel, &mut stap);
        let tot = volgende.and_then(|w| w.pred_opt()).unwrap_or(eind);
        let bedrag = if van == maand && tot == einde {
            deelnorm
        } else {
            norm_deel(deelnorm, van, tot, in_maand, &mut stap)
        };
        norm += bedrag;
        if verlaging_per_deel {
            let procent = procent_op(van);
            let deel = half_naar_boven(bedrag, procent, 100);
            if deel > 0 {
                stap(Stap::VerlagingDeel {
                    procent,
                    van,
                    tot,
                    bedrag: deel,
                });
            }
            verlaging += deel;
        }
        match volgende {
            Some(w) => van = w,
            None => break,
        }
    }

    // Inkomsten en vrijlatingen: ieder zijn eigen vrijlating van art. 31 lid 2 onderdeel n,
    // met eigen leeftijdstoets, maximum en periode.
    let mut totaal = 0;
    let mut arbeid = [0; 2];
    let met_partner = partner.is_some();
    for regel in s.inkomsten {
        let (wie, soort) = (&regel.van, &regel.soort);
        // Een inkomen dat midden in de maand begint of stopt, telt over zijn dagen (met
        // bijstand).
        let dagen = match (per_dag, regel.dagen) {
            _ if regel.toerekening.is_some() => None,
            (false, _) => None,
            (true, d) => {
                let (mut van, mut tot) = d.unwrap_or((maand, einde));
                // Het inkomen van de partner telt over de dagen dat de partner er woont.
                if let (Wie::Partner, Some((pv, pt))) = (wie, s.partner_dagen) {
                    (van, tot) = (van.max(pv), tot.min(pt));
                }
                let (van, tot) = (van.max(begin), tot.min(eind));
                if van > tot {
                    continue;
                }
                Some((van, tot)).filter(|d| *d != (maand, einde))
            }
        };
        let per_maand = &regel.netto;
        let (bedrag, deel) = match dagen {
            Some((van, tot)) => {
                let n = (tot - van).num_days() + 1;
                (
                    half_naar_boven(*per_maand, n, in_maand),
                    Some((van, tot, n, *per_maand)),
                )
            }
            None => (*per_maand, None),
        };
        // Art. 31 lid 4: de aanspraak op vakantietoeslag over het inkomen telt als middel, in de
        // maand waarin zij wordt opgebouwd (over dezelfde dagen). Zij is geen inkomen uit
        // arbeid voor de vrijlating van onderdeel n (UNVERIFIED: de Regeling zegt het niet).
        let vakantietoeslag = match deel {
            Some((_, _, n, _)) => half_naar_boven(regel.vakantietoeslag, n, in_maand),
            None => regel.vakantietoeslag,
        };
        if *soort == Inkomenssoort::Arbeid {
            arbeid[wie.index()] += bedrag;
        }
        totaal += bedrag;
        stap(Stap::Inkomen {
            wie: met_partner.then_some(*wie),
            soort: *soort,
            bedrag,
            deel: deel.map(|(van, tot, dagen, per_maand)| Inkomendeel {
                van,
                tot,
                dagen,
                in_maand,
                per_maand,
            }),
            toerekening: regel.toerekening,
        });
        if vakantietoeslag > 0 {
            totaal += vakantietoeslag;
            stap(Stap::VakantietoeslagInkomen {
                wie: met_partner.then_some(*wie),
                soort: *soort,
                bedrag: vakantietoeslag,
            });
        }
    }
    // De dagen met bijstand in deze berekening (per dag: alleen die; anders de hele maand, en
    // wordt het geheel daarna naar rato van de dagen met bijstand genomen).
    let bijstandsdagen = (eind - begin).num_days() + 1;
    // Hoeveel van die dagen liggen in het tijdvak van een toekenning (`maanden` vanaf de
    // ingang, tot en niet met dezelfde dag zoveel maanden later)? Bij meer toekenningen telt
    // het grootste tijdvak.
    let dagen_in = |wie: Wie, soort: Vrijlatingssoort, maanden: u32| {
        s.vrijlatingen
            .iter()
            .filter(|(w, z, _)| *w == wie && *z == soort)
            .map(|(_, _, v)| {
                let tot = v
                    .checked_add_months(Months::new(maanden))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(*v);
                ((tot.min(eind) - (*v).max(begin)).num_days() + 1).max(0)
            })
            .max()
            .unwrap_or(0)
    };
    let actief =
        |wie: Wie, soort: Vrijlatingssoort, maanden: u32| dagen_in(wie, soort, maanden) > 0;
    let m = &tabel.middelen;
    // Het maximum geldt per maand; per dag over de dagen met bijstand.
    let max_n = if bijstandsdagen < in_maand {
        half_naar_boven(m.inkomstenvrijlating_max, bijstandsdagen, in_maand)
    } else {
        m.inkomstenvrijlating_max
    };
    let mut vrijlating = 0;
    for (wie, lid) in [(Wie::Aanvrager, Some(aanvrager)), (Wie::Partner, partner)] {
        let (Some(lid), inkomen) = (lid, arbeid[wie.index()]) else {
            continue;
        };
        // Vanaf de AOW-leeftijd geldt onderdeel n zonder grens van zes maanden en zonder het
        // oordeel van het college (art. 31 lid 2 onderdeel n, tekst per 1-1-2026); daaronder
        // ten hoogste zes maanden vanaf de toekenning, per kalenderdag.
        let aow = lid.aow_op(maand);
        let dagen = if aow {
            bijstandsdagen
        } else {
            dagen_in(wie, Vrijlatingssoort::Arbeid, 6)
        };
        if inkomen == 0 || dagen == 0 {
            continue;
        }
        if lid.leeftijd < 27 {
            stap(Stap::GeenVrijlatingJong(wie));
            continue;
        }
        let mut bedrag = half_naar_boven(inkomen, m.inkomstenvrijlating_procent, 100).min(max_n);
        let deel = (dagen < bijstandsdagen).then_some((dagen, bijstandsdagen));
        if deel.is_some() {
            bedrag = half_naar_boven(bedrag, dagen, bijstandsdagen);
        }
        stap(Stap::Vrijlating {
            wie: met_partner.then_some(wie),
            aow,
            procent: m.inkomstenvrijlating_procent,
            max: max_n,
            deel,
            bedrag,
        });
        vrijlating += bedrag;
    }
    let n_actief = actief(Wie::Aanvrager, Vrijlatingssoort::Arbeid, 6);
    let arbeid = arbeid[Wie::Aanvrager.index()];
    // Art. 31 lid 2 onderdeel r: ten hoogste 30 aaneengesloten maanden vanaf de toekenning.
    if arbeid > 0 && actief(Wie::Aanvrager, Vrijlatingssoort::AlleenstaandeOuder, 30) {
        let reden = if aanvrager.leeftijd < 27 {
            Some("de aanvrager is jonger dan 27 jaar (art. 31 lid 5)")
        } else if aanvrager.aow_op(maand) {
            Some(
                "vanaf de AOW-leeftijd geldt onderdeel n zonder grens van zes maanden; die periode \
                 verstrijkt dus niet (voorwaarde 2°)",
            )
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
                let max_r = if bijstandsdagen < in_maand {
                    half_naar_boven(m.alleenstaande_ouder_max, bijstandsdagen, in_maand)
                } else {
                    m.alleenstaande_ouder_max
                };
                let bedrag =
                    half_naar_boven(arbeid, m.alleenstaande_ouder_promille, 1000).min(max_r);
                stap(Stap::VrijlatingOuder {
                    promille: m.alleenstaande_ouder_promille,
                    max: max_r,
                    bedrag,
                });
                vrijlating += bedrag;
            }
        }
    }
    let inkomsten_in_mindering = (totaal - vrijlating).max(0);

    // Verlaging (die per deel staat hierboven bij de norm).
    if !verlaging_per_deel {
        let procent = procent_op(maand);
        verlaging = half_naar_boven(norm, procent, 100);
        if verlaging > 0 {
            stap(Stap::Verlaging {
                procent,
                bedrag: verlaging,
            });
        }
    }
    let rekenkundig = norm - inkomsten_in_mindering - verlaging;
    let mut uitkering = rekenkundig.max(0);
    if rekenkundig < 0 {
        stap(Stap::NietOnderNul {
            bedrag: -rekenkundig,
        });
    }
    if let Some((van, tot)) = s.deel.filter(|_| !per_dag) {
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

mod uitleg;
pub(crate) use uitleg::ARTIKEL_ONZEKER;

#[cfg(test)]
mod tests;
