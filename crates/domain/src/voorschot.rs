//! Het voorschot op de bijstand zolang het recht niet is vastgesteld (art. 52 Participatiewet):
//! wanneer het uiterlijk betaald moet zijn, over welke maand het gaat, hoe hoog het ten minste is,
//! en op welke grond het mag worden geweigerd.
//!
//! Bron: `participatiewet-feiten.md` §4 (art. 52) en de wettekst in
//! `bronnen/participatiewet-BWBR0015703-2026-01-01.xml`, art. 52:
//! - lid 1: uiterlijk binnen vier weken na de datum van aanvraag en daarna telkens uiterlijk na
//!   vier weken, als renteloze geldlening, zolang het recht niet is vastgesteld; niet bij (a)
//!   verwijtbaar ontbrekende gegevens of onvoldoende medewerking, of (b) als bij de aanvraag
//!   duidelijk is dat er geen recht is;
//! - lid 2 (sinds 2026-01-01): ten minste 95 % van de algemene bijstand van art. 19 lid 2;
//! - lid 4: de bijstand over de periode van een voorschot wordt zonder machtiging daarmee
//!   verrekend.
//!
//! Leesbeslissingen (de wet zegt het niet letterlijk, de gangbare lezing is gevolgd):
//! - elk voorschot gaat over één kalendermaand bijstand, de eerste over de maand van de melding
//!   (art. 44 lid 1: eerder kan het recht niet ingaan), elk volgend over de maand daarna;
//! - "telkens uiterlijk na vier weken" telt vanaf de datum van aanvraag: het n-de voorschot is
//!   uiterlijk 4·n weken na de aanvraag betaald, elk van die termijnen van vier weken met de
//!   Algemene termijnenwet (art. 1: een weekend- of feestdag schuift naar de volgende werkdag);
//! - 95 % wordt naar boven afgerond op de cent: "ten minste" mag nooit een cent te weinig zijn.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;

use crate::normen::Centen;

/// Art. 52 lid 2: het voorschot is ten minste dit percentage van de bijstand.
pub const PERCENTAGE: i64 = 95;

/// Het n-de voorschot (n ≥ 1): wanneer het uiterlijk betaald moet zijn.
pub fn uiterlijk(aanvraag: NaiveDate, volgnummer: u32) -> NaiveDate {
    let berekend = aanvraag + Duration::weeks(4 * i64::from(volgnummer.max(1)));
    crate::werkdagen::werkdag_vanaf(berekend)
}

/// De maand bijstand (de eerste dag) waarover het n-de voorschot gaat.
pub fn maand(melding: NaiveDate, volgnummer: u32) -> NaiveDate {
    let eerste = melding.with_day(1).unwrap_or(melding);
    eerste
        .checked_add_months(Months::new(volgnummer.max(1) - 1))
        .unwrap_or(eerste)
}

/// Art. 52 lid 2: ten minste 95 % van de bijstand van de maand, naar boven op de cent.
pub fn minimum(bijstand: Centen) -> Centen {
    if bijstand <= 0 {
        return 0;
    }
    (bijstand * PERCENTAGE + 99) / 100
}

/// Hoe een betaald voorschot bij het besluit wordt verrekend met de bijstand van zijn maand
/// (art. 52 lid 4): eerst met de uitbetaling van de maand, dan met de vakantietoeslag die in die
/// maand wordt gereserveerd (het voorschot is 95 % van de bijstand inclusief die reservering,
/// art. 19 lid 2 en 3); wat daarboven ligt, is te veel betaald.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verrekening {
    /// Geldt als betaald op de maand (de herberekening maakt van het verschil met de
    /// uitbetaling een nabetaling of, boven de bijstand, een vordering).
    pub als_maand: Centen,
    /// Voorgeschoten vakantietoeslag: gaat af van de vakantietoeslag over de opbouwperiode.
    pub vakantietoeslag: Centen,
}

/// Zie [`Verrekening`]: `voorschot` tegen de `uitbetaling` en `reservering` van zijn maand.
pub fn verrekenen(voorschot: Centen, uitbetaling: Centen, reservering: Centen) -> Verrekening {
    let maand = voorschot.min(uitbetaling.max(0));
    let vakantietoeslag = (voorschot - maand).clamp(0, reservering.max(0));
    Verrekening {
        als_maand: voorschot - vakantietoeslag,
        vakantietoeslag,
    }
}

/// Wat de consulent over een voorschot besliste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Besluit {
    /// Het voorschot is verleend (art. 52 lid 1, eerste zin).
    Verleend,
    /// Geweigerd: gegevens of bewijsstukken verwijtbaar niet, niet tijdig of onvolledig
    /// verstrekt, of anderszins onvoldoende medewerking (art. 52 lid 1 onder a).
    GeenMedewerking,
    /// Geweigerd: bij de aanvraag is duidelijk dat er geen recht is (art. 52 lid 1 onder b).
    DuidelijkGeenRecht,
}

impl Besluit {
    pub const ALLE: [Besluit; 3] = [
        Besluit::Verleend,
        Besluit::GeenMedewerking,
        Besluit::DuidelijkGeenRecht,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Besluit::Verleend => "verleend",
            Besluit::GeenMedewerking => "geen_medewerking",
            Besluit::DuidelijkGeenRecht => "duidelijk_geen_recht",
        }
    }

    pub fn uit_code(code: &str) -> Option<Besluit> {
        Besluit::ALLE.into_iter().find(|b| b.code() == code)
    }

    pub fn naam(self) -> &'static str {
        match self {
            Besluit::Verleend => "Verleend",
            Besluit::GeenMedewerking => {
                "Geweigerd: gegevens verwijtbaar niet (tijdig of volledig) verstrekt, of onvoldoende medewerking"
            }
            Besluit::DuidelijkGeenRecht => {
                "Geweigerd: bij de aanvraag is duidelijk dat er geen recht is"
            }
        }
    }

    pub fn artikel(self) -> &'static str {
        match self {
            Besluit::Verleend => "art. 52 lid 1 en 2 Participatiewet",
            Besluit::GeenMedewerking => "art. 52 lid 1 onder a Participatiewet",
            Besluit::DuidelijkGeenRecht => "art. 52 lid 1 onder b Participatiewet",
        }
    }
}

/// Waar een voorschot staat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Verleend, nog niet betaald: de volgende (maand- of tussentijdse) run betaalt het.
    TeBetalen,
    /// Door een goedgekeurde run betaald.
    Betaald,
    /// Verrekend met de bijstand over dezelfde maand na het besluit (art. 52 lid 4).
    Verrekend,
    /// Niet meer te betalen: op de aanvraag is besloten voordat het betaald was.
    Vervallen,
    /// Geweigerd (art. 52 lid 1 onder a of b).
    Geweigerd,
}

impl Status {
    pub const ALLE: [Status; 5] = [
        Status::TeBetalen,
        Status::Betaald,
        Status::Verrekend,
        Status::Vervallen,
        Status::Geweigerd,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::TeBetalen => "te_betalen",
            Status::Betaald => "betaald",
            Status::Verrekend => "verrekend",
            Status::Vervallen => "vervallen",
            Status::Geweigerd => "geweigerd",
        }
    }

    pub fn uit_code(code: &str) -> Option<Status> {
        Status::ALLE.into_iter().find(|s| s.code() == code)
    }

    pub fn naam(self) -> &'static str {
        match self {
            Status::TeBetalen => "Te betalen",
            Status::Betaald => "Betaald",
            Status::Verrekend => "Verrekend met de bijstand",
            Status::Vervallen => "Vervallen (besloten vóór betaling)",
            Status::Geweigerd => "Geweigerd",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Art. 52 lid 1: uiterlijk vier weken na de aanvraag, daarna telkens na vier weken, met
    /// de Algemene termijnenwet (participatiewet-feiten.md §4, art. 52 lid 1 en ATW art. 1 en 3).
    #[test]
    fn uiterlijk_binnen_vier_weken_en_daarna_telkens_na_vier_weken() {
        let gevallen = [
            // (aanvraag, volgnummer, uiterlijk)
            ("2026-12-01", 1, "2026-12-29"), // dinsdag + 4 weken
            ("2026-12-01", 2, "2027-01-26"),
            ("2026-12-01", 3, "2027-02-23"),
            ("2026-11-28", 1, "2026-12-28"), // zaterdag + 4 weken = zaterdag → maandag
            ("2026-11-27", 1, "2026-12-28"), // vrijdag + 4 weken = 25-12 (Kerstmis) → 28-12
            ("2026-04-07", 1, "2026-05-06"), // 5 mei is een feestdag (ATW art. 3)
        ];
        for (aanvraag, n, verwacht) in gevallen {
            assert_eq!(uiterlijk(d(aanvraag), n), d(verwacht), "{aanvraag} #{n}");
        }
    }

    /// Eén kalendermaand per voorschot, vanaf de maand van de melding (art. 44 lid 1 en 52).
    #[test]
    fn elk_voorschot_gaat_over_de_volgende_maand_vanaf_de_melding() {
        let gevallen = [
            ("2026-11-15", 1, "2026-11-01"),
            ("2026-11-15", 2, "2026-12-01"),
            ("2026-11-15", 3, "2027-01-01"),
            ("2026-12-31", 1, "2026-12-01"),
        ];
        for (melding, n, verwacht) in gevallen {
            assert_eq!(maand(d(melding), n), d(verwacht), "{melding} #{n}");
        }
    }

    /// Art. 52 lid 2 (tekst per 2026-01-01): ten minste 95 % van de bijstand, naar boven op de
    /// cent afgerond.
    #[test]
    fn ten_minste_95_procent_naar_boven_op_de_cent() {
        let gevallen = [
            (134_706, 127_971), // 1 347,06 × 0,95 = 1 279,707 → 1 279,71
            (100_000, 95_000),
            (1, 1),
            (19, 19), // 0,19 × 0,95 = 0,1805 → 0,19
            (0, 0),
            (-500, 0),
        ];
        for (bijstand, verwacht) in gevallen {
            let uit = minimum(bijstand);
            assert_eq!(uit, verwacht, "{bijstand}");
            assert!(uit * 100 >= bijstand.max(0) * PERCENTAGE, "{bijstand}");
        }
    }

    /// Art. 52 lid 4 met art. 19 lid 2 en 3: het voorschot eerst tegen de uitbetaling, dan tegen
    /// de reservering van de vakantietoeslag van de maand; het deel boven de bijstand blijft op
    /// de maand staan (en wordt daar een vordering).
    #[test]
    fn verrekenen_eerst_met_de_maand_dan_met_de_vakantietoeslag() {
        let tabel = [
            // (voorschot, uitbetaling, reservering, als maand, vakantietoeslag)
            (127_971, 127_970, 6_736, 127_970, 1), // 95 % naar boven: één cent vakantietoeslag
            (100_000, 127_970, 6_736, 100_000, 0), // lager: de rest wordt nabetaald
            (134_706, 127_970, 6_736, 127_970, 6_736), // de hele bijstand
            (140_000, 127_970, 6_736, 133_264, 6_736), // erboven: 5 294 te veel op de maand
            (50_000, 0, 0, 50_000, 0),             // geen bijstand in die maand
        ];
        for (voorschot, uitbetaling, reservering, maand, vt) in tabel {
            let v = verrekenen(voorschot, uitbetaling, reservering);
            assert_eq!((v.als_maand, v.vakantietoeslag), (maand, vt), "{voorschot}");
            assert_eq!(v.als_maand + v.vakantietoeslag, voorschot);
        }
    }

    #[test]
    fn codes_terug_te_lezen() {
        for b in Besluit::ALLE {
            assert_eq!(Besluit::uit_code(b.code()), Some(b));
        }
        for s in Status::ALLE {
            assert_eq!(Status::uit_code(s.code()), Some(s));
        }
    }
}
