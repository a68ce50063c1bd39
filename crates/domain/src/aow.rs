//! De AOW-leeftijd (pensioengerechtigde leeftijd) naar geboortedatum, als data.
//!
//! Bron: ../shared/domain/participatiewet-feiten.md §8a (rijksoverheid.nl, "Wanneer gaat mijn AOW
//! in?"). De rijen vóór 2024 zijn in de bron NIET geverifieerd en houden die markering. Wie vóór
//! 1 september 1954 is geboren, had de AOW-leeftijd vóór 2021 al bereikt. Latere jaren worden
//! wettelijk vijf jaar vooruit vastgesteld; daarbuiten weet Vangnet het (nog) niet.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AowRij {
    /// Geboren op of na deze datum …
    pub geboren_vanaf: NaiveDate,
    /// … en vóór deze datum.
    pub geboren_voor: NaiveDate,
    pub jaren: u32,
    pub maanden: u32,
    pub geverifieerd: bool,
}

/// Een datum als (jaar, maand, dag).
type Dag = (i32, u32, u32);

/// Een rij van de bron: geboren vanaf, geboren vóór, jaren, maanden, geverifieerd.
struct Bronrij(Dag, Dag, u32, u32, bool);

/// participatiewet-feiten.md §8a, per rij: "after X and before Y" wordt [X + 1 dag, Y).
const TABEL: [Bronrij; 9] = [
    Bronrij((1954, 9, 1), (1955, 9, 1), 66, 4, false),
    Bronrij((1955, 9, 1), (1956, 6, 1), 66, 7, false),
    Bronrij((1956, 6, 1), (1957, 3, 1), 66, 10, false),
    Bronrij((1957, 3, 1), (1958, 1, 1), 67, 0, true),
    Bronrij((1958, 1, 1), (1959, 1, 1), 67, 0, true),
    Bronrij((1959, 1, 1), (1960, 1, 1), 67, 0, true),
    Bronrij((1960, 1, 1), (1961, 1, 1), 67, 0, true),
    Bronrij((1961, 1, 1), (1961, 10, 1), 67, 3, true),
    Bronrij((1961, 10, 1), (1962, 10, 1), 67, 3, true),
];

fn datum((j, m, d): Dag) -> NaiveDate {
    NaiveDate::from_ymd_opt(j, m, d).unwrap_or(NaiveDate::MIN)
}

pub fn tabel() -> Vec<AowRij> {
    TABEL
        .iter()
        .map(|Bronrij(v, t, jaren, maanden, geverifieerd)| AowRij {
            geboren_vanaf: datum(*v),
            geboren_voor: datum(*t),
            jaren: *jaren,
            maanden: *maanden,
            geverifieerd: *geverifieerd,
        })
        .collect()
}

/// Wanneer iemand de AOW-leeftijd bereikt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AowDatum {
    /// Vóór 2021 (geboren vóór 1 september 1954).
    Voor2021,
    Op {
        datum: NaiveDate,
        geverifieerd: bool,
    },
    /// Nog niet wettelijk vastgesteld (geboren op of na 1 oktober 1962); het is in elk geval
    /// niet vóór de 67e verjaardag plus 3 maanden.
    NietVastgesteld { niet_voor: NaiveDate },
}

/// Een datum plus jaren en maanden; valt de dag niet in die maand, dan de laatste dag ervan.
fn plus(geboren: NaiveDate, jaren: u32, maanden: u32) -> NaiveDate {
    let totaal = geboren.year() * 12 + geboren.month0() as i32 + (jaren * 12 + maanden) as i32;
    let (j, m) = (totaal.div_euclid(12), totaal.rem_euclid(12) as u32 + 1);
    (0..4)
        .find_map(|terug| NaiveDate::from_ymd_opt(j, m, geboren.day() - terug))
        .unwrap_or(geboren)
}

pub fn aow_datum(geboren: NaiveDate) -> AowDatum {
    let rijen = tabel();
    if geboren < rijen[0].geboren_vanaf {
        return AowDatum::Voor2021;
    }
    match rijen
        .iter()
        .find(|r| r.geboren_vanaf <= geboren && geboren < r.geboren_voor)
    {
        Some(r) => AowDatum::Op {
            datum: plus(geboren, r.jaren, r.maanden),
            geverifieerd: r.geverifieerd,
        },
        None => AowDatum::NietVastgesteld {
            niet_voor: plus(geboren, 67, 3),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// participatiewet-feiten.md §8a, rij voor rij: de grenzen en de leeftijd.
    #[test]
    fn tabel_uit_de_bron() {
        let gevallen = [
            ("1954-08-31", AowDatum::Voor2021),
            (
                "1954-09-01",
                AowDatum::Op {
                    datum: d("2021-01-01"),
                    geverifieerd: false,
                },
            ),
            (
                "1957-02-28",
                AowDatum::Op {
                    datum: d("2023-12-28"),
                    geverifieerd: false,
                },
            ),
            (
                "1957-03-01",
                AowDatum::Op {
                    datum: d("2024-03-01"),
                    geverifieerd: true,
                },
            ),
            (
                "1959-12-31",
                AowDatum::Op {
                    datum: d("2026-12-31"),
                    geverifieerd: true,
                },
            ),
            (
                "1960-06-15",
                AowDatum::Op {
                    datum: d("2027-06-15"),
                    geverifieerd: true,
                },
            ),
            (
                "1961-01-01",
                AowDatum::Op {
                    datum: d("2028-04-01"),
                    geverifieerd: true,
                },
            ),
            (
                "1962-09-30",
                AowDatum::Op {
                    datum: d("2029-12-30"),
                    geverifieerd: true,
                },
            ),
            (
                "1962-10-01",
                AowDatum::NietVastgesteld {
                    niet_voor: d("2030-01-01"),
                },
            ),
        ];
        for (geboren, verwacht) in gevallen {
            assert_eq!(aow_datum(d(geboren)), verwacht, "{geboren}");
        }
        // 31 mei + 66 jaar 10 maanden: 31 maart bestaat; 30 november + 3 maanden: 28/29 februari.
        assert_eq!(plus(d("1961-11-30"), 67, 3), d("2029-02-28"));
        assert_eq!(plus(d("1959-11-30"), 67, 3), d("2027-02-28"));
    }

    #[test]
    fn rijen_sluiten_aan() {
        let t = tabel();
        for paar in t.windows(2) {
            assert_eq!(paar[0].geboren_voor, paar[1].geboren_vanaf);
        }
    }
}
