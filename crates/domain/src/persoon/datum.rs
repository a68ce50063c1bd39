//! Datums zoals mensen ze typen (`28-11-2026`, `28-11-26` niet) en de geboortedatum.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Leest `dd-mm-jjjj` (ook met / of .) of `jjjj-mm-dd` (zoals een datumveld in de browser stuurt).
pub fn parse_datum(invoer: &str, label: &str) -> Result<NaiveDate, String> {
    let s = invoer.trim();
    if s.is_empty() {
        return Err(format!("Vul de {label} in."));
    }
    let genormaliseerd = s.replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&genormaliseerd, "%Y-%m-%d")
        .ok()
        .filter(|_| genormaliseerd.len() == 10 && genormaliseerd.as_bytes()[4] == b'-')
        .or_else(|| {
            NaiveDate::parse_from_str(&genormaliseerd, "%d-%m-%Y")
                .ok()
                .filter(|d| d.year() >= 1000)
        })
        .ok_or_else(|| format!("De {label} is geen bestaande datum; typ bijvoorbeeld 28-11-1980."))
        .and_then(|d| {
            if (EERSTE_JAAR..=LAATSTE_JAAR).contains(&d.year()) {
                Ok(d)
            } else {
                Err(format!(
                    "De {label} ligt niet tussen {EERSTE_JAAR} en {LAATSTE_JAAR}; controleer het jaar."
                ))
            }
        })
}

/// Datums die Vangnet aanneemt (issue 17, punt 12): van 1900 (de oudste geboortedatum) tot en
/// met 2199. `0000-01-01` is een bestaande datum in de kalender, maar nooit wat iemand bedoelt.
pub const EERSTE_JAAR: i32 = 1900;
pub const LAATSTE_JAAR: i32 = 2199;

/// Een kalenderdag (het datumtype van het domein).
pub type Dag = NaiveDate;

/// De eerste dag van een maand.
pub fn eerste_van_maand(jaar: i32, maand: u32) -> Option<Dag> {
    NaiveDate::from_ymd_opt(jaar, maand, 1)
}

/// Een geboortedatum: een bestaande datum, niet in de toekomst en niet vóór 1900.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Geboortedatum(pub NaiveDate);

impl Geboortedatum {
    pub fn parse(invoer: &str, vandaag: NaiveDate) -> Result<Geboortedatum, String> {
        let d = parse_datum(invoer, "geboortedatum")?;
        if d > vandaag {
            return Err("De geboortedatum ligt in de toekomst.".into());
        }
        if d.year() < 1900 {
            return Err("De geboortedatum ligt vóór 1900; controleer het jaar.".into());
        }
        Ok(Geboortedatum(d))
    }

    /// Leeftijd in hele jaren op een datum (wie op 29 februari jarig is, wordt in een gewoon jaar
    /// op 1 maart een jaar ouder).
    pub fn leeftijd_op(self, op: NaiveDate) -> i32 {
        let g = self.0;
        let mut jaren = op.year() - g.year();
        if (op.month(), op.day()) < (g.month(), g.day()) {
            jaren -= 1;
        }
        jaren
    }

    /// `28-11-1980`.
    pub fn weergave(self) -> String {
        self.0.format("%d-%m-%Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn datums_lezen() {
        let gevallen: &[(&str, Result<&str, &str>)] = &[
            ("28-11-1980", Ok("1980-11-28")),
            ("28/11/1980", Ok("1980-11-28")),
            ("1980-11-28", Ok("1980-11-28")),
            ("1-2-1980", Ok("1980-02-01")),
            ("", Err("Vul de geboortedatum in.")),
            (
                "31-02-1980",
                Err("De geboortedatum is geen bestaande datum; typ bijvoorbeeld 28-11-1980."),
            ),
            (
                "28-11-80",
                Err("De geboortedatum is geen bestaande datum; typ bijvoorbeeld 28-11-1980."),
            ),
            (
                "gisteren",
                Err("De geboortedatum is geen bestaande datum; typ bijvoorbeeld 28-11-1980."),
            ),
        ];
        for (invoer, verwacht) in gevallen {
            let uit = Geboortedatum::parse(invoer, d("2026-11-28")).map(|g| g.0.to_string());
            assert_eq!(
                uit.as_deref().map_err(|e| e.as_str()),
                *verwacht,
                "{invoer:?}"
            );
        }
    }

    /// Issue 17 punt 12: een datum die in de kalender bestaat maar die niemand bedoelt.
    #[test]
    fn datums_binnen_redelijke_grenzen() {
        assert!(parse_datum("01-01-0001", "datum").is_err());
        for fout in ["0000-01-01", "1899-12-31", "2200-01-01", "9999-12-31"] {
            assert!(
                parse_datum(fout, "datum")
                    .unwrap_err()
                    .contains("niet tussen 1900 en 2199"),
                "{fout}"
            );
        }
        for goed in ["1900-01-01", "2199-12-31", "06-12-2026"] {
            assert!(parse_datum(goed, "datum").is_ok(), "{goed}");
        }
    }

    #[test]
    fn niet_in_de_toekomst_en_niet_voor_1900() {
        let vandaag = d("2026-11-28");
        assert!(Geboortedatum::parse("28-11-2026", vandaag).is_ok());
        assert_eq!(
            Geboortedatum::parse("29-11-2026", vandaag),
            Err("De geboortedatum ligt in de toekomst.".into())
        );
        assert!(Geboortedatum::parse("31-12-1899", vandaag).is_err());
    }

    #[test]
    fn leeftijd() {
        let g = Geboortedatum(d("2000-02-29"));
        assert_eq!(g.leeftijd_op(d("2018-02-28")), 17);
        assert_eq!(g.leeftijd_op(d("2018-03-01")), 18);
        assert_eq!(g.leeftijd_op(d("2020-02-29")), 20);
        assert_eq!(
            Geboortedatum(d("1999-11-28")).leeftijd_op(d("2026-11-28")),
            27
        );
        assert_eq!(
            Geboortedatum(d("1999-11-29")).leeftijd_op(d("2026-11-28")),
            26
        );
        assert_eq!(g.weergave(), "29-02-2000");
    }
}
