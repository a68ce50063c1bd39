//! Wat een medewerker in het zoekvak typt, en waar Vangnet dan op zoekt: een BSN, een
//! dossiernummer, een geboortedatum, postcode met huisnummer, of anders het begin van een naam
//! (zonder hoofdletters en accenten, met of zonder voorvoegsel).

use chrono::NaiveDate;

use crate::dossier::Dossiernummer;
use crate::persoon::naam::zoekvorm;
use crate::persoon::{Bsn, Huisnummer, Postcode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoekvraag {
    Bsn(Bsn),
    Dossiernummer(Dossiernummer),
    Geboortedatum(NaiveDate),
    Adres {
        postcode: Postcode,
        huisnummer: Option<u32>,
    },
    /// Het begin van een naam, in zoekvorm.
    Naam(String),
}

impl Zoekvraag {
    /// Herkent de zoekvraag. Te kort of leeg: een melding.
    pub fn herken(invoer: &str) -> Result<Zoekvraag, String> {
        let s = invoer.trim();
        if s.is_empty() {
            return Err(
                "Typ een BSN, dossiernummer, naam, geboortedatum of postcode met huisnummer."
                    .into(),
            );
        }
        if s.chars().count() > 100 {
            return Err("De zoekvraag mag hoogstens 100 tekens lang zijn.".into());
        }
        let cijfers: String = s.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
        if cijfers.len() == 9 && cijfers.chars().all(|c| c.is_ascii_digit()) {
            return Bsn::parse(&cijfers)
                .map(Zoekvraag::Bsn)
                .map_err(|m| format!("{m} (9 cijfers worden gelezen als BSN.)"));
        }
        if let Some(n) = Dossiernummer::parse(s) {
            return Ok(Zoekvraag::Dossiernummer(n));
        }
        let datumachtig = s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
        if datumachtig {
            if let Ok(d) = crate::persoon::datum::parse_datum(s, "geboortedatum") {
                return Ok(Zoekvraag::Geboortedatum(d));
            }
        }
        if let Some(adres) = adres(s) {
            return Ok(adres);
        }
        let naam = zoekvorm(s);
        if naam.chars().count() < 2 {
            return Err("Typ ten minste twee letters van de naam.".into());
        }
        Ok(Zoekvraag::Naam(naam))
    }
}

/// `3011AB`, `3011 ab 12`, `3011AB12a`.
fn adres(s: &str) -> Option<Zoekvraag> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 6 || !compact.is_char_boundary(6) {
        return None;
    }
    let postcode = Postcode::parse(&compact[..6]).ok()?;
    let rest = &compact[6..];
    if rest.is_empty() {
        return Some(Zoekvraag::Adres {
            postcode,
            huisnummer: None,
        });
    }
    let h = Huisnummer::uit_tekst(rest).ok()?;
    Some(Zoekvraag::Adres {
        postcode,
        huisnummer: Some(h.nummer),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn herkennen() {
        let bsn = |s| Zoekvraag::Bsn(Bsn::parse(s).unwrap());
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let pc = |s| Postcode::parse(s).unwrap();
        let gevallen = [
            ("999993653", bsn("999993653")),
            ("999.993.653", bsn("999993653")),
            (
                "2026-000123",
                Zoekvraag::Dossiernummer(Dossiernummer::nieuw(2026, 123)),
            ),
            (
                "2026-123",
                Zoekvraag::Dossiernummer(Dossiernummer::nieuw(2026, 123)),
            ),
            ("28-11-1980", Zoekvraag::Geboortedatum(d("1980-11-28"))),
            ("1980-11-28", Zoekvraag::Geboortedatum(d("1980-11-28"))),
            ("1-2-1980", Zoekvraag::Geboortedatum(d("1980-02-01"))),
            (
                "3011AB",
                Zoekvraag::Adres {
                    postcode: pc("3011AB"),
                    huisnummer: None,
                },
            ),
            (
                "3011 ab 12a",
                Zoekvraag::Adres {
                    postcode: pc("3011AB"),
                    huisnummer: Some(12),
                },
            ),
            ("de Vries", Zoekvraag::Naam("de vries".into())),
            ("  Çelik ", Zoekvraag::Naam("celik".into())),
            ("vr", Zoekvraag::Naam("vr".into())),
        ];
        for (invoer, verwacht) in gevallen {
            assert_eq!(Zoekvraag::herken(invoer), Ok(verwacht), "{invoer:?}");
        }
        assert!(Zoekvraag::herken("123456781")
            .unwrap_err()
            .contains("elfproef"));
        assert!(Zoekvraag::herken("").is_err());
        assert_eq!(
            Zoekvraag::herken("v"),
            Err("Typ ten minste twee letters van de naam.".into())
        );
        assert!(Zoekvraag::herken(&"x".repeat(101)).is_err());
    }
}
