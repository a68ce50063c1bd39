//! De maandelijkse betaalrun (issue 7) als domeinobject: de toestanden en wat in welke toestand
//! mag, de soorten betaalregels, wanneer vakantietoeslag wordt uitbetaald en over welke maanden,
//! en de regel dat een ander goedkeurt dan wie de run startte.
//!
//! Bronnen: ../shared/domain/participatiewet-feiten.md §1 "Vakantietoeslag" (art 45 lid 1 Pw:
//! bijstand per kalendermaand; vakantietoeslag jaarlijks over de voorgaande 12 maanden, of
//! binnen 3 maanden na de maand waarin de bijstand eindigde; §12: in juni, of eerder zodra het
//! bedrag vaststaat; standaard dus juni, een gemeente die eerder betaalt stelt dat in) en
//! "When municipalities pay" (betaaldag is gemeentelijke praktijk).
//!
//! Aannames (NIET geverifieerd in de bronnen):
//! - De opbouwperiode van de vakantietoeslag die in maand M wordt betaald, loopt van de maand na
//!   M van het vorige jaar tot en met M zelf (mei: juni vorig jaar t/m mei).
//! - Eindigt de bijstand in een maand, dan betaalt de run van die maand de opgebouwde
//!   vakantietoeslag uit (het vroegste moment dat art 45 lid 1 toestaat). Werd het einde pas
//!   bekend nadat die maand al betaald was, dan betaalt de eerstvolgende run hem alsnog.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::normen::Centen;

/// De toestand van een betaalrun: concept → berekend → goedgekeurd → geëxporteerd, of afgebroken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Runstatus {
    Concept,
    Berekend,
    Goedgekeurd,
    Geexporteerd,
    Afgebroken,
}

impl Runstatus {
    pub const ALLE: [Runstatus; 5] = [
        Runstatus::Concept,
        Runstatus::Berekend,
        Runstatus::Goedgekeurd,
        Runstatus::Geexporteerd,
        Runstatus::Afgebroken,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Runstatus::Concept => "concept",
            Runstatus::Berekend => "berekend",
            Runstatus::Goedgekeurd => "goedgekeurd",
            Runstatus::Geexporteerd => "geexporteerd",
            Runstatus::Afgebroken => "afgebroken",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Runstatus::Concept => "Concept",
            Runstatus::Berekend => "Berekend",
            Runstatus::Goedgekeurd => "Goedgekeurd",
            Runstatus::Geexporteerd => "Geëxporteerd",
            Runstatus::Afgebroken => "Afgebroken",
        }
    }

    pub fn uit_code(code: &str) -> Option<Runstatus> {
        Runstatus::ALLE.into_iter().find(|s| s.code() == code)
    }

    /// (Opnieuw) berekenen mag zolang niemand heeft goedgekeurd.
    pub fn mag_berekenen(self) -> bool {
        matches!(self, Runstatus::Concept | Runstatus::Berekend)
    }

    pub fn mag_goedkeuren(self) -> bool {
        self == Runstatus::Berekend
    }

    /// Het bestand mag na goedkeuring (opnieuw) worden gemaakt: dezelfde inhoud, dezelfde ids.
    pub fn mag_exporteren(self) -> bool {
        matches!(self, Runstatus::Goedgekeurd | Runstatus::Geexporteerd)
    }

    pub fn mag_afbreken(self) -> bool {
        matches!(self, Runstatus::Concept | Runstatus::Berekend)
    }

    /// Na goedkeuring verandert er niets meer aan de regels.
    pub fn definitief(self) -> bool {
        matches!(self, Runstatus::Goedgekeurd | Runstatus::Geexporteerd)
    }
}

/// De soort van een betaalregel. Alleen regulier, nabetaling en vakantietoeslag gaan naar de
/// bank; vastgehouden regels en voorgestelde vorderingen staan in de run om gezien te worden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Categorie {
    Regulier,
    Nabetaling,
    Vakantietoeslag,
    Vastgehouden,
    Vordering,
    /// Een voorschot (art. 52) op een aanvraag waarop nog niet is besloten: geen uitkering.
    Voorschot,
}

impl Categorie {
    pub const ALLE: [Categorie; 6] = [
        Categorie::Regulier,
        Categorie::Nabetaling,
        Categorie::Vakantietoeslag,
        Categorie::Vastgehouden,
        Categorie::Vordering,
        Categorie::Voorschot,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Categorie::Regulier => "regulier",
            Categorie::Nabetaling => "nabetaling",
            Categorie::Vakantietoeslag => "vakantietoeslag",
            Categorie::Vastgehouden => "vastgehouden",
            Categorie::Vordering => "vordering",
            Categorie::Voorschot => "voorschot",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Categorie::Regulier => "Bijstand van de maand",
            Categorie::Nabetaling => "Nabetaling eerdere maand",
            Categorie::Vakantietoeslag => "Vakantietoeslag",
            Categorie::Vastgehouden => "Vastgehouden",
            Categorie::Vordering => "Te veel betaald (vordering te beoordelen)",
            Categorie::Voorschot => "Voorschot (art. 52)",
        }
    }

    pub fn uit_code(code: &str) -> Option<Categorie> {
        Categorie::ALLE.into_iter().find(|c| c.code() == code)
    }

    /// Gaat deze regel naar de bank?
    pub fn wordt_betaald(self) -> bool {
        matches!(
            self,
            Categorie::Regulier
                | Categorie::Nabetaling
                | Categorie::Vakantietoeslag
                | Categorie::Voorschot
        )
    }
}

/// Eén regel van de uitleg op een betaalspecificatie: wat, op grond van welk artikel, hoeveel.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Specificatieregel {
    pub omschrijving: String,
    pub artikel: String,
    pub bedrag_centen: Centen,
}

impl Specificatieregel {
    /// Een mededeling voor medewerkers (normtabel niet geverifieerd), geen stap: niet voor de
    /// cliënt (ook niet uit een run van vóór dat onderscheid).
    pub fn is_mededeling(&self) -> bool {
        self.bedrag_centen == 0 && self.artikel == crate::berekening::ARTIKEL_ONZEKER
    }
}

/// Waarom een bedrag niet wordt betaald.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vasthoudreden {
    /// Art 54 lid 1 Pw: het recht is opgeschort.
    Opschorting,
    /// Geen geldige rekening op de betaaldatum: eerst de rekening vastleggen.
    GeenRekening,
    /// Boven het maximum van een SEPA-overboeking (999 999 999,99).
    BovenSepaMaximum,
    /// De maand is niet te berekenen (ontbrekende gegevens): eerst het dossier aanvullen.
    Berekeningsfout,
}

impl Vasthoudreden {
    pub fn code(self) -> &'static str {
        match self {
            Vasthoudreden::Opschorting => "opschorting",
            Vasthoudreden::GeenRekening => "geen_rekening",
            Vasthoudreden::BovenSepaMaximum => "boven_sepa_maximum",
            Vasthoudreden::Berekeningsfout => "berekeningsfout",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Vasthoudreden::Opschorting => "Opgeschort (art. 54 lid 1 Participatiewet)",
            Vasthoudreden::GeenRekening => "Geen geldige bankrekening op de betaaldatum",
            Vasthoudreden::BovenSepaMaximum => "Bedrag boven het SEPA-maximum",
            Vasthoudreden::Berekeningsfout => "De maand is niet te berekenen",
        }
    }

    pub fn uit_code(code: &str) -> Option<Vasthoudreden> {
        [
            Vasthoudreden::Opschorting,
            Vasthoudreden::GeenRekening,
            Vasthoudreden::BovenSepaMaximum,
            Vasthoudreden::Berekeningsfout,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }
}

/// De eerste maand van de opbouwperiode van de vakantietoeslag die in `maand` zou worden
/// betaald, bij uitbetaling in kalendermaand `uitbetaalmaand` (1–12; standaard mei).
pub fn opbouw_vanaf(maand: NaiveDate, uitbetaalmaand: u32) -> NaiveDate {
    let eerste = maand.with_day(1).unwrap_or(maand);
    // De maand na de laatste uitbetaalmaand vóór deze maand.
    let mut m = eerste;
    for _ in 0..12 {
        let Some(vorige) = m.checked_sub_months(Months::new(1)) else {
            break;
        };
        if vorige.month() == uitbetaalmaand {
            break;
        }
        m = vorige;
    }
    m
}

/// De laatste maand van dezelfde opbouwperiode als `tot` (ervóór) waarover al vakantietoeslag
/// betaald is (`betaald`: de maanden tot en met welke betaald is), of geen.
pub fn eerder_betaalde_vakantietoeslag(
    tot: NaiveDate,
    betaald: impl IntoIterator<Item = NaiveDate>,
    uitbetaalmaand: u32,
) -> Option<NaiveDate> {
    let begin = opbouw_vanaf(tot, uitbetaalmaand);
    betaald
        .into_iter()
        .filter(|t| *t >= begin && *t < tot)
        .max()
}

/// Is vakantietoeslag over de opbouwperiode tot en met `vastgehouden` (die een run vasthield)
/// nog te betalen? Niet als daarna vakantietoeslag is betaald over een periode die deze maanden
/// al dekte (`betaald`: de maanden tot en met welke ooit betaald is).
pub fn vastgehouden_vakantietoeslag_open(
    vastgehouden: NaiveDate,
    betaald: impl IntoIterator<Item = NaiveDate>,
    uitbetaalmaand: u32,
) -> bool {
    !betaald
        .into_iter()
        .any(|t| t >= vastgehouden && opbouw_vanaf(t, uitbetaalmaand) <= vastgehouden)
}

/// De vakantietoeslag die voorschotten al voorschoten (art. 52 lid 4, zie
/// `voorschot::verrekenen`) over de maanden die een betaling tot en met `tot` dekt: vanaf het
/// begin van de opbouwperiode, of na `eerder` (wat toen al betaald is).
pub fn voorgeschoten_vakantietoeslag(
    tot: NaiveDate,
    eerder: Option<NaiveDate>,
    voorschotten: &[(NaiveDate, Centen)],
    uitbetaalmaand: u32,
) -> Centen {
    let begin = opbouw_vanaf(tot, uitbetaalmaand);
    voorschotten
        .iter()
        .filter(|(m, _)| *m >= begin && *m <= tot && eerder.is_none_or(|e| *m > e))
        .map(|(_, c)| *c)
        .sum()
}

/// Betaalt de run van `maand` vakantietoeslag uit: in de uitbetaalmaand, of in de maand waarin
/// de bijstand eindigt.
pub fn vakantietoeslag_in(maand: NaiveDate, uitbetaalmaand: u32, eindigt_in_maand: bool) -> bool {
    maand.month() == uitbetaalmaand || eindigt_in_maand
}

/// De laatste maand met bijstand van een uitkering met einddatum `tot` (de eerste dag zonder),
/// als die vóór `maand` eindigde; anders `None`.
pub fn laatste_maand_voor(tot: Option<NaiveDate>, maand: NaiveDate) -> Option<NaiveDate> {
    tot.filter(|t| *t <= maand)
        .and_then(|t| t.pred_opt())
        .and_then(|d| d.with_day(1))
}

/// Hoe ver de betaalrun terugkijkt (issue 22 punt 4: "de run leest geen uitkeringen die lang
/// geleden eindigden"). Een uitkering die vóór `einde_na` eindigde, wordt alleen gelezen met
/// een open correctie, een onbetaalde maandregel van een maand met bijstand vóór de maand van de
/// run, een mutatie die vanaf
/// `actief_vanaf` is geregistreerd of beoordeeld, of openstaande vastgehouden vakantietoeslag.
/// Zonder een van die vier kan zij in de run niets meer geven; de wegen waarlangs een run een
/// geëindigde uitkering betaalt (art. 45 lid 1 Pw, `participatiewet-feiten.md` §1
/// "Vakantietoeslag"):
/// - de maand van de run zelf: alleen als de bijstand dan nog loopt (einde na die maand);
/// - een correctie (een mutatie of normtabel met terugwerkende kracht): open correctie;
/// - een nooit betaalde maand: een onbetaalde maandregel, of een maand zonder regel, die de run
///   alleen zoekt bij bijstand die de vorige maand nog liep (einde na de vorige maand);
/// - de vakantietoeslag bij het einde: de run van de laatste maand betaalt hem, of houdt hem vast
///   (dan staat hij open); werd het einde later bekend, dan betaalt de eerste run daarna hem,
///   en dat einde is een mutatie van na de grens. Dertien maanden laten een jaar aan runs over
///   (ook als er een maand geen run was) en de opbouwperiode van twaalf maanden plus de maand
///   van het einde;
/// - de overdracht aan de SVB (art. 47a): alleen bij een uitkering die nog loopt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leesgrens {
    /// Een uitkering met een einddatum (de eerste dag zonder bijstand) ná deze dag wordt altijd
    /// gelezen.
    pub einde_na: NaiveDate,
    /// Een mutatie vanaf dit moment (registratie of beoordeling) maakt een uitkering recent.
    pub actief_vanaf: chrono::DateTime<chrono::Utc>,
}

/// Zoveel maanden vóór de maand van de run ligt de [`Leesgrens`].
pub const LEESGRENS_MAANDEN: u32 = 13;

/// De [`Leesgrens`] van de run van `maand`: de eerste dag van de maand dertien maanden eerder.
pub fn leesgrens(maand: NaiveDate) -> Leesgrens {
    let begin = maand.with_day(1).unwrap_or(maand);
    let grens = begin
        .checked_sub_months(Months::new(LEESGRENS_MAANDEN))
        .unwrap_or(NaiveDate::MIN);
    Leesgrens {
        einde_na: grens,
        actief_vanaf: crate::tijd::begin_nl_dag(grens),
    }
}

/// De vakantietoeslag bij het einde die nog openstaat: de bijstand eindigde vóór `maand` (de
/// laatste maand met bijstand is `laatste`), een goedgekeurde run betaalde die laatste maand,
/// maar er is over `laatste` of later nog geen vakantietoeslag betaald (`vt_betaald_tot`: de
/// laatste maand waarover wel). Zo was het einde pas bekend na de run van `laatste`; deze run
/// betaalt de vakantietoeslag dan alsnog, over de opbouwperiode tot en met `laatste`.
pub fn vakantietoeslag_achteraf(
    maand: NaiveDate,
    laatste: NaiveDate,
    laatste_betaald: bool,
    vt_betaald_tot: Option<NaiveDate>,
) -> bool {
    laatste < maand && laatste_betaald && vt_betaald_tot.is_none_or(|v| v < laatste)
}

/// De regel van vier ogen: een ander dan wie de run startte keurt goed.
pub fn goedkeurder_toegestaan(gestart_door: i64, goedkeurder: i64) -> bool {
    gestart_door != goedkeurder
}

/// Een bedrag verdeeld over twee partners: de aanvrager krijgt bij een oneven aantal centen de
/// extra cent (afronding: de som blijft precies het bedrag).
pub fn verdelen(bedrag: Centen) -> (Centen, Centen) {
    let partner = bedrag / 2;
    (bedrag - partner, partner)
}

/// De som van de regels die naar de bank gaan.
pub fn te_betalen(regels: impl IntoIterator<Item = (Categorie, Centen)>) -> Centen {
    regels
        .into_iter()
        .filter(|(c, _)| c.wordt_betaald())
        .map(|(_, b)| b)
        .sum()
}

/// Waar een correctie over gaat: de uitbetaling van een maand, of een al betaalde
/// vakantietoeslag (art. 19 lid 3 Pw: de reservering over de opbouwperiode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Correctiesoort {
    Maand,
    Vakantietoeslag,
}

impl Correctiesoort {
    pub const ALLE: [Correctiesoort; 2] = [Correctiesoort::Maand, Correctiesoort::Vakantietoeslag];

    pub fn code(self) -> &'static str {
        match self {
            Correctiesoort::Maand => "maand",
            Correctiesoort::Vakantietoeslag => "vakantietoeslag",
        }
    }

    pub fn uit_code(code: &str) -> Option<Correctiesoort> {
        Correctiesoort::ALLE.into_iter().find(|c| c.code() == code)
    }
}

/// De stand van een vordering die een betaalrun voorstelde. Voorlopig alleen "te beoordelen":
/// het besluit, de invordering en de verrekening volgen met het vorderingenregister.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vorderingstatus {
    TeBeoordelen,
}

impl Vorderingstatus {
    pub const ALLE: [Vorderingstatus; 1] = [Vorderingstatus::TeBeoordelen];

    pub fn code(self) -> &'static str {
        match self {
            Vorderingstatus::TeBeoordelen => "te_beoordelen",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Vorderingstatus::TeBeoordelen => "Te beoordelen",
        }
    }

    pub fn uit_code(code: &str) -> Option<Vorderingstatus> {
        Vorderingstatus::ALLE.into_iter().find(|c| c.code() == code)
    }
}

/// De correctie op een al betaalde vakantietoeslag: wat nu verschuldigd is over dezelfde
/// opbouwperiode, min wat is betaald en wat al eerder is gecorrigeerd. Negatief: te veel betaald
/// (bijvoorbeeld omdat het einde naar voren schoof en de laatste maanden geen bijstand meer
/// waren, dus ook geen vakantietoeslag opbouwden).
pub fn vakantietoeslag_correctie(
    verschuldigd: Centen,
    betaald: Centen,
    al_gecorrigeerd: Centen,
) -> Centen {
    verschuldigd - betaald - al_gecorrigeerd
}

/// Een open correctie uit een eerdere maand (positief: nabetaling, negatief: te veel betaald).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenCorrectie {
    pub id: i64,
    pub maand: NaiveDate,
    pub bedrag: Centen,
}

/// Wat de run van één uitkering weet.
#[derive(Debug, Clone, Copy)]
pub struct Invoer<'a> {
    pub maand: NaiveDate,
    /// De uitbetaling van de maand (na reservering vakantietoeslag); `None`: geen bijstand in
    /// deze maand.
    pub uitbetaling: Option<Centen>,
    /// De maand is al betaald (door een eerdere run, of als betaalde historie): niet nog eens.
    pub al_betaald: bool,
    /// Eerdere maanden met bijstand die nooit zijn betaald (na de start en vóór de eerste run,
    /// of vastgehouden), met hun uitbetaling zoals die nu is: ze gaan mee als nabetaling.
    pub achterstallig: &'a [(NaiveDate, Centen)],
    /// Opgeschort in de maand van de run: dan wordt ook het achterstallige vastgehouden (de
    /// reden is er nog); anders is de reden weg en wordt het betaald (art. 54, Awb 4:87).
    pub opgeschort: bool,
    pub rekening_geldig: bool,
    pub correcties: &'a [OpenCorrectie],
    /// De vakantietoeslag die deze run uitbetaalt (0 als het niet de maand is).
    pub vakantietoeslag: Centen,
    /// De laatste maand van de opbouwperiode van die vakantietoeslag: `maand`, of de laatste
    /// maand met bijstand als hij achteraf wordt betaald.
    pub vakantietoeslag_tot: NaiveDate,
}

/// Eén regel die de run vastlegt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regel {
    pub categorie: Categorie,
    /// De maand waarover het bedrag gaat.
    pub maand: NaiveDate,
    pub bedrag: Centen,
    pub correctie_id: Option<i64>,
    pub reden: Option<Vasthoudreden>,
    /// Bij een vastgehouden regel: wat het anders was geweest.
    pub anders: Option<Categorie>,
}

/// De regels van één uitkering in de run. Een maand wordt één keer betaald: is zij al betaald,
/// dan geen reguliere regel; een eerdere maand die nooit betaald is, gaat mee als nabetaling
/// (art. 44 en 45 lid 1 Pw; Awb 4:87: wat verschuldigd is, wordt betaald). Negatieve correcties
/// worden nooit stil verrekend:
/// ze worden een vordering om te beoordelen (terugvorderen is een besluit). Bij opschorting of
/// zonder geldige rekening wordt alles wat betaald zou worden vastgehouden; een bedrag boven het
/// SEPA-maximum ook.
pub fn regels(i: &Invoer<'_>) -> Vec<Regel> {
    let mut uit = Vec::new();
    let houd_vast = if i.opgeschort {
        Some(Vasthoudreden::Opschorting)
    } else if !i.rekening_geldig {
        Some(Vasthoudreden::GeenRekening)
    } else {
        None
    };
    let mut betaal = |categorie: Categorie, maand: NaiveDate, bedrag: Centen, c: Option<i64>| {
        let reden = houd_vast
            .or((bedrag > crate::sepa::MAX_BEDRAG).then_some(Vasthoudreden::BovenSepaMaximum));
        // Een bedrag van nul houdt niemand vast: er gaat niets naar de bank.
        match reden.filter(|_| bedrag > 0) {
            Some(r) => uit.push(Regel {
                categorie: Categorie::Vastgehouden,
                maand,
                bedrag,
                correctie_id: c,
                reden: Some(r),
                anders: Some(categorie),
            }),
            None => uit.push(Regel {
                categorie,
                maand,
                bedrag,
                correctie_id: c,
                reden: None,
                anders: None,
            }),
        }
    };
    if let Some(b) = i.uitbetaling.filter(|_| !i.al_betaald) {
        betaal(Categorie::Regulier, i.maand, b, None);
    }
    for (maand, b) in i.achterstallig {
        betaal(Categorie::Nabetaling, *maand, *b, None);
    }
    for c in i.correcties.iter().filter(|c| c.bedrag > 0) {
        betaal(Categorie::Nabetaling, c.maand, c.bedrag, Some(c.id));
    }
    if i.vakantietoeslag > 0 {
        betaal(
            Categorie::Vakantietoeslag,
            i.vakantietoeslag_tot,
            i.vakantietoeslag,
            None,
        );
    }
    for c in i.correcties.iter().filter(|c| c.bedrag < 0) {
        uit.push(Regel {
            categorie: Categorie::Vordering,
            maand: c.maand,
            bedrag: c.bedrag,
            correctie_id: Some(c.id),
            reden: None,
            anders: None,
        });
    }
    uit
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // bedragen als euro_centen
mod tests {
    use super::*;

    /// De leesgrens van de run (issue 22 punt 4), afgeleid uit `participatiewet-feiten.md` §1
    /// "Vakantietoeslag": twaalf maanden opbouw plus de maand van het einde. De grens is een
    /// kalenderdatum; het moment is het begin van die dag in Nederland (winter- en zomertijd).
    #[test]
    fn leesgrens_dertien_maanden_terug() {
        let d = |j, m, dag| NaiveDate::from_ymd_opt(j, m, dag).unwrap();
        let gevallen = [
            // (maand van de run, einde_na, actief_vanaf in UTC)
            (d(2026, 12, 1), d(2025, 11, 1), "2025-10-31T23:00:00Z"),
            // een dag midden in de maand telt als die maand
            (d(2026, 12, 15), d(2025, 11, 1), "2025-10-31T23:00:00Z"),
            // zomertijd: middernacht is 22:00 UTC
            (d(2027, 6, 1), d(2026, 5, 1), "2026-04-30T22:00:00Z"),
            // over een jaargrens en een schrikkeldag heen
            (d(2025, 3, 1), d(2024, 2, 1), "2024-01-31T23:00:00Z"),
        ];
        for (maand, einde_na, actief) in gevallen {
            let g = leesgrens(maand);
            assert_eq!(g.einde_na, einde_na, "{maand}");
            assert_eq!(
                g.actief_vanaf
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                actief,
                "{maand}"
            );
        }
    }

    fn d(j: i32, m: u32, dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(j, m, dag).unwrap()
    }

    #[test]
    fn overgangen() {
        use Runstatus::*;
        // (status, berekenen, goedkeuren, exporteren, afbreken)
        let tabel = [
            (Concept, true, false, false, true),
            (Berekend, true, true, false, true),
            (Goedgekeurd, false, false, true, false),
            (Geexporteerd, false, false, true, false),
            (Afgebroken, false, false, false, false),
        ];
        for (s, b, g, e, a) in tabel {
            assert_eq!(s.mag_berekenen(), b, "{s:?} berekenen");
            assert_eq!(s.mag_goedkeuren(), g, "{s:?} goedkeuren");
            assert_eq!(s.mag_exporteren(), e, "{s:?} exporteren");
            assert_eq!(s.mag_afbreken(), a, "{s:?} afbreken");
            assert_eq!(Runstatus::uit_code(s.code()), Some(s));
        }
    }

    /// participatiewet-feiten.md §1 "Vakantietoeslag": jaarlijks over de voorgaande 12 maanden;
    /// Rotterdam betaalt in mei; bij einde van de bijstand binnen 3 maanden.
    #[test]
    fn opbouwperiode_en_uitbetaalmaand() {
        let tabel = [
            // (maand, uitbetaalmaand, eerste opbouwmaand)
            (d(2026, 5, 1), 5, d(2025, 6, 1)),
            (d(2026, 6, 1), 5, d(2026, 6, 1)),
            (d(2026, 3, 1), 5, d(2025, 6, 1)),
            (d(2026, 12, 1), 5, d(2026, 6, 1)),
            (d(2026, 6, 1), 6, d(2025, 7, 1)),
            (d(2026, 1, 1), 12, d(2026, 1, 1)),
            (d(2026, 12, 1), 12, d(2026, 1, 1)),
        ];
        for (maand, uit, vanaf) in tabel {
            assert_eq!(
                opbouw_vanaf(maand, uit),
                vanaf,
                "{maand} bij uitbetaling in {uit}"
            );
        }
        assert!(vakantietoeslag_in(d(2026, 5, 1), 5, false));
        assert!(!vakantietoeslag_in(d(2026, 4, 1), 5, false));
        assert!(vakantietoeslag_in(d(2026, 4, 1), 5, true));
    }

    /// participatiewet-feiten.md §1 "Vakantietoeslag" (art. 19 lid 3, 45 lid 1): elke opgebouwde
    /// maand één keer. Werd in dezelfde opbouwperiode al vakantietoeslag betaald (bij een einde
    /// dat daarna verviel), dan telt die als eerder betaald; een betaling uit een vorige periode
    /// of over dezelfde maand niet.
    #[test]
    fn eerder_betaalde_vakantietoeslag_in_dezelfde_opbouwperiode() {
        let tabel = [
            // (tot, betaald tot en met, uitbetaalmaand, eerder)
            (d(2027, 6, 1), vec![d(2026, 9, 1)], 6, Some(d(2026, 9, 1))),
            (d(2027, 6, 1), vec![d(2026, 6, 1)], 6, None), // de vorige periode
            (d(2027, 6, 1), vec![d(2027, 6, 1)], 6, None), // dezelfde maand: geen eerdere
            (
                d(2027, 6, 1),
                vec![d(2026, 9, 1), d(2027, 2, 1), d(2026, 6, 1)],
                6,
                Some(d(2027, 2, 1)),
            ),
            (d(2026, 12, 1), vec![d(2026, 5, 1)], 5, None),
            (d(2026, 12, 1), vec![d(2026, 6, 1)], 5, Some(d(2026, 6, 1))),
            (d(2026, 12, 1), vec![], 5, None),
        ];
        for (tot, betaald, uit, eerder) in tabel {
            assert_eq!(
                eerder_betaalde_vakantietoeslag(tot, betaald.clone(), uit),
                eerder,
                "{tot} {betaald:?} {uit}"
            );
        }
    }

    /// Issue 20 (art. 45 lid 1: de vakantietoeslag wordt betaald): een vastgehouden
    /// vakantietoeslag blijft open tot er een betaling is over een periode die dezelfde maanden
    /// dekt; een betaling in een volgende opbouwperiode dekt haar niet.
    #[test]
    fn vastgehouden_vakantietoeslag_blijft_open_tot_zij_gedekt_is() {
        let tabel = [
            // (vastgehouden tot en met, betaald tot en met, uitbetaalmaand, open)
            (d(2026, 6, 1), vec![], 6, true),
            (d(2026, 6, 1), vec![d(2026, 6, 1)], 6, false),
            (d(2026, 9, 1), vec![d(2027, 6, 1)], 6, false), // juni 2027 dekt jul 2026–jun 2027
            (d(2026, 6, 1), vec![d(2027, 6, 1)], 6, true),  // een volgende periode
            (d(2026, 9, 1), vec![d(2026, 6, 1)], 6, true),  // een eerdere periode
        ];
        for (vast, betaald, uit, open) in tabel {
            assert_eq!(
                vastgehouden_vakantietoeslag_open(vast, betaald.clone(), uit),
                open,
                "{vast} {betaald:?}"
            );
        }
    }

    /// Art. 52 lid 4: de vakantietoeslag die een voorschot al voorschoot, gaat af van de
    /// vakantietoeslag over dezelfde maanden, één keer.
    #[test]
    fn voorgeschoten_vakantietoeslag_over_de_gedekte_maanden() {
        let v = [
            (d(2026, 11, 1), 1),
            (d(2026, 12, 1), 6_736),
            (d(2026, 5, 1), 99),
        ];
        let tabel = [
            // (tot, eerder, uitbetaalmaand, som)
            (d(2027, 5, 1), None, 5, 6_737),
            (d(2026, 11, 1), None, 5, 1),
            (d(2027, 5, 1), Some(d(2026, 11, 1)), 5, 6_736),
            (d(2026, 5, 1), None, 5, 99),
            (d(2026, 10, 1), None, 5, 0),
        ];
        for (tot, eerder, uit, som) in tabel {
            assert_eq!(
                voorgeschoten_vakantietoeslag(tot, eerder, &v, uit),
                som,
                "{tot}"
            );
        }
    }

    /// Issue 7 punt 2: regulier + open correcties; negatieve correcties worden vorderingen;
    /// opgeschort (art 54 lid 1 Pw) of zonder rekening wordt vastgehouden; boven het
    /// SEPA-maximum (FACTS.md: 999 999 999,99) ook.
    #[test]
    fn regels_per_uitkering() {
        use Categorie::*;
        let jan = d(2026, 1, 1);
        let nov = d(2025, 11, 1);
        let dec = d(2025, 12, 1);
        let correcties = [
            OpenCorrectie {
                id: 1,
                maand: nov,
                bedrag: 120_00,
            },
            OpenCorrectie {
                id: 2,
                maand: nov,
                bedrag: -80_00,
            },
        ];
        let achterstallig = [(nov, 900_00), (dec, 950_00)];
        let basis = Invoer {
            maand: jan,
            uitbetaling: Some(1_000_00),
            al_betaald: false,
            achterstallig: &[],
            opgeschort: false,
            rekening_geldig: true,
            correcties: &correcties,
            vakantietoeslag: 0,
            vakantietoeslag_tot: jan,
        };
        type Kort = Vec<(Categorie, Centen, Option<Vasthoudreden>)>;
        let kort = |i: &Invoer<'_>| -> Kort {
            regels(i)
                .iter()
                .map(|r| (r.categorie, r.bedrag, r.reden))
                .collect()
        };
        let tabel: Vec<(Invoer<'_>, Kort)> = vec![
            (
                basis,
                vec![
                    (Regulier, 1_000_00, None),
                    (Nabetaling, 120_00, None),
                    (Vordering, -80_00, None),
                ],
            ),
            (
                Invoer {
                    vakantietoeslag: 600_00,
                    correcties: &[],
                    ..basis
                },
                vec![(Regulier, 1_000_00, None), (Vakantietoeslag, 600_00, None)],
            ),
            (
                Invoer {
                    opgeschort: true,
                    ..basis
                },
                vec![
                    (Vastgehouden, 1_000_00, Some(Vasthoudreden::Opschorting)),
                    (Vastgehouden, 120_00, Some(Vasthoudreden::Opschorting)),
                    (Vordering, -80_00, None),
                ],
            ),
            (
                Invoer {
                    rekening_geldig: false,
                    correcties: &[],
                    ..basis
                },
                vec![(Vastgehouden, 1_000_00, Some(Vasthoudreden::GeenRekening))],
            ),
            (
                Invoer {
                    uitbetaling: Some(crate::sepa::MAX_BEDRAG + 1),
                    correcties: &[],
                    ..basis
                },
                vec![(
                    Vastgehouden,
                    crate::sepa::MAX_BEDRAG + 1,
                    Some(Vasthoudreden::BovenSepaMaximum),
                )],
            ),
            // Geen bijstand meer deze maand, wel een nabetaling en de vakantietoeslag bij het einde.
            (
                Invoer {
                    uitbetaling: None,
                    vakantietoeslag: 300_00,
                    ..basis
                },
                vec![
                    (Nabetaling, 120_00, None),
                    (Vakantietoeslag, 300_00, None),
                    (Vordering, -80_00, None),
                ],
            ),
            // Issue 20 punten 2 en 3 (art. 44 en 45 lid 1 Pw; participatiewet-feiten.md §12
            // "Art 44 lid 1 / lid 5; Awb 4:87"): nooit betaalde maanden gaan mee als
            // nabetaling; een al betaalde maand niet nog eens.
            (
                Invoer {
                    achterstallig: &achterstallig,
                    correcties: &[],
                    ..basis
                },
                vec![
                    (Regulier, 1_000_00, None),
                    (Nabetaling, 900_00, None),
                    (Nabetaling, 950_00, None),
                ],
            ),
            (
                Invoer {
                    al_betaald: true,
                    achterstallig: &achterstallig[1..],
                    correcties: &[],
                    ..basis
                },
                vec![(Nabetaling, 950_00, None)],
            ),
            // Nog opgeschort: het achterstallige blijft vastgehouden (de reden is er nog).
            (
                Invoer {
                    opgeschort: true,
                    achterstallig: &achterstallig[..1],
                    correcties: &[],
                    ..basis
                },
                vec![
                    (Vastgehouden, 1_000_00, Some(Vasthoudreden::Opschorting)),
                    (Vastgehouden, 900_00, Some(Vasthoudreden::Opschorting)),
                ],
            ),
            // Nul (inkomen boven de norm) is een regel, maar niets om vast te houden.
            (
                Invoer {
                    uitbetaling: Some(0),
                    rekening_geldig: false,
                    correcties: &[],
                    ..basis
                },
                vec![(Regulier, 0, None)],
            ),
        ];
        for (invoer, verwacht) in tabel {
            assert_eq!(kort(&invoer), verwacht, "{invoer:?}");
        }
    }

    /// Issue 7 punt 2: verdeeld tussen partners; de som blijft het bedrag, de oneven cent gaat
    /// naar de aanvrager.
    #[test]
    fn verdelen_tussen_partners() {
        for (bedrag, verwacht) in [
            (100_00, (50_00, 50_00)),
            (100_01, (50_01, 50_00)),
            (1, (1, 0)),
            (0, (0, 0)),
        ] {
            let (a, p) = verdelen(bedrag);
            assert_eq!((a, p), verwacht);
            assert_eq!(a + p, bedrag);
        }
    }

    /// participatiewet-feiten.md §1 "Vakantietoeslag": bij einde van de bijstand binnen 3 maanden
    /// uitbetaald. Was het einde bekend vóór de run van de laatste maand, dan betaalde die run
    /// hem al; anders betaalt de eerstvolgende run hem, één keer.
    #[test]
    fn vakantietoeslag_bij_einde_dat_later_bekend_werd() {
        let (aug, sep, okt) = (d(2026, 8, 1), d(2026, 9, 1), d(2026, 10, 1));
        let tabel = [
            // (run, laatste maand, laatste maand betaald, vt betaald t/m, alsnog)
            (sep, aug, true, None, true),
            (okt, aug, true, None, true),
            (sep, aug, true, Some(d(2026, 5, 1)), true), // mei betaald, juni t/m aug nog niet
            (sep, aug, true, Some(aug), false),          // de run van augustus betaalde hem al
            (okt, aug, true, Some(sep), false),          // eerst eind september, toen eerder
            (sep, aug, false, None, false),              // augustus nooit door een run betaald
            (aug, aug, true, None, false),               // nog niet geëindigd voor deze run
        ];
        // (einde: eerste dag zonder bijstand, run, laatste maand met bijstand)
        let einden = [
            (Some(sep), sep, Some(aug)),
            (Some(d(2026, 8, 15)), sep, Some(aug)), // half augustus: augustus telt nog
            (Some(okt), sep, None),                 // nog niet geëindigd vóór september
            (None, sep, None),
        ];
        for (tot, run, verwacht) in einden {
            assert_eq!(laatste_maand_voor(tot, run), verwacht, "{tot:?} {run}");
        }
        for (run, laatste, betaald, vt, verwacht) in tabel {
            assert_eq!(
                vakantietoeslag_achteraf(run, laatste, betaald, vt),
                verwacht,
                "{run} {laatste} {betaald} {vt:?}"
            );
        }
    }

    #[test]
    fn vier_ogen_en_te_betalen() {
        assert!(!goedkeurder_toegestaan(7, 7));
        assert!(goedkeurder_toegestaan(7, 8));
        let regels = [
            (Categorie::Regulier, 100_00),
            (Categorie::Nabetaling, 20_00),
            (Categorie::Vakantietoeslag, 5_00),
            (Categorie::Vastgehouden, 1_000_00),
            (Categorie::Vordering, -50_00),
        ];
        assert_eq!(te_betalen(regels), 125_00);
    }

    #[test]
    fn vakantietoeslag_correctie_na_een_herberekening() {
        // (verschuldigd, betaald, al gecorrigeerd) → correctie. participatiewet-feiten.md §1
        // "Vakantietoeslag": 5 % van de bijstand, betaald over de voorafgaande maanden (art. 45
        // lid 1); een maand zonder bijstand telt dus niet mee. Bedragen uit normen-bronnen.toml,
        // alleenstaande 21+: "# vt 7008" (2026-01-01) en "# vt 7097" (2026-07-01).
        for (verschuldigd, betaald, al, verwacht) in [
            (21_202, 21_202, 0, 0),      // niets veranderd
            (14_105, 21_202, 0, -7_097), // laatste maand viel weg: te veel betaald
            (14_105, 21_202, -7_097, 0), // al gecorrigeerd: niet nog eens
            (21_202, 14_105, 0, 7_097),  // een maand erbij: nabetaling
        ] {
            assert_eq!(
                vakantietoeslag_correctie(verschuldigd, betaald, al),
                verwacht
            );
        }
    }
}
