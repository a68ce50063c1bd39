//! Nederlandse postcode en huisnummer (met huisletter en toevoeging), zoals de BRP ze kent.

use std::fmt;

use serde::{Serialize, Serializer};

/// Een Nederlandse postcode, genormaliseerd als `1234 AB`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode(String);

impl Postcode {
    /// Vier cijfers (niet beginnend met 0) en twee letters; spatie en kleine letters mogen.
    /// PostNL geeft de lettercombinaties SA, SD en SS niet uit.
    pub fn parse(invoer: &str) -> Result<Postcode, String> {
        let s: String = invoer
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        if s.is_empty() {
            return Err("Vul de postcode in.".into());
        }
        let b = s.as_bytes();
        let vorm = b.len() == 6
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4..].iter().all(u8::is_ascii_uppercase);
        if !vorm {
            return Err(
                "Een postcode is vier cijfers en twee letters, bijvoorbeeld 3011 AB.".into(),
            );
        }
        if b[0] == b'0' {
            return Err("Een postcode begint niet met een 0.".into());
        }
        if matches!(&s[4..], "SA" | "SD" | "SS") {
            return Err(format!(
                "De lettercombinatie {} komt in postcodes niet voor.",
                &s[4..]
            ));
        }
        Ok(Postcode(format!("{} {}", &s[..4], &s[4..])))
    }

    /// `1234 AB`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `1234AB`, voor zoeken.
    pub fn compact(&self) -> String {
        self.0.replace(' ', "")
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Postcode({})", self.0)
    }
}

impl Serialize for Postcode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Huisnummer (1–99999), huisletter (één letter) en huisnummertoevoeging (hoogstens vier letters
/// of cijfers), zoals in de BRP.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Huisnummer {
    pub nummer: u32,
    pub letter: Option<char>,
    pub toevoeging: Option<String>,
}

impl Huisnummer {
    /// Leest de drie velden zoals een formulier ze geeft.
    pub fn parse(nummer: &str, letter: &str, toevoeging: &str) -> Result<Huisnummer, String> {
        let nummer = nummer.trim();
        if nummer.is_empty() {
            return Err("Vul het huisnummer in.".into());
        }
        let n: u32 = match nummer.parse() {
            Ok(n) if (1..=99_999).contains(&n) => n,
            _ => return Err("Het huisnummer is een getal van 1 tot en met 99999.".into()),
        };
        let letter = letter.trim();
        let letter = match letter.chars().collect::<Vec<_>>()[..] {
            [] => None,
            [c] if c.is_ascii_alphabetic() => Some(c.to_ascii_uppercase()),
            _ => return Err("De huisletter is één letter (a–z).".into()),
        };
        let toevoeging = toevoeging.trim();
        let toevoeging = if toevoeging.is_empty() {
            None
        } else if toevoeging.len() <= 4 && toevoeging.chars().all(|c| c.is_ascii_alphanumeric()) {
            Some(toevoeging.to_uppercase())
        } else {
            return Err(
                "De toevoeging is hoogstens vier letters of cijfers, bijvoorbeeld 2 of BIS.".into(),
            );
        };
        Ok(Huisnummer {
            nummer: n,
            letter,
            toevoeging,
        })
    }

    /// Leest een huisnummer zoals mensen het in één vak typen: `12`, `12a`, `12 A 3`, `12-bis`.
    pub fn uit_tekst(s: &str) -> Result<Huisnummer, String> {
        let s = s.trim();
        let cijfers: String = s.chars().take_while(char::is_ascii_digit).collect();
        let rest = s[cijfers.len()..].trim_start_matches([' ', '-']);
        let (letter, toevoeging) = match rest.chars().next() {
            Some(c)
                if c.is_ascii_alphabetic()
                    && !rest[1..].starts_with(|d: char| d.is_ascii_alphabetic()) =>
            {
                (
                    c.to_string(),
                    rest[1..].trim_start_matches([' ', '-']).to_owned(),
                )
            }
            _ => (String::new(), rest.to_owned()),
        };
        Huisnummer::parse(&cijfers, &letter, &toevoeging)
    }
}

/// `12`, `12A`, `12A-3`, `12-BIS`.
impl fmt::Display for Huisnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.nummer)?;
        if let Some(l) = self.letter {
            write!(f, "{l}")?;
        }
        if let Some(t) = &self.toevoeging {
            write!(f, "-{t}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes() {
        let gevallen: &[(&str, Result<&str, &str>)] = &[
            ("3011AB", Ok("3011 AB")),
            (" 3011 ab ", Ok("3011 AB")),
            ("9999 ZZ", Ok("9999 ZZ")),
            ("", Err("Vul de postcode in.")),
            (
                "301 AB",
                Err("Een postcode is vier cijfers en twee letters, bijvoorbeeld 3011 AB."),
            ),
            (
                "3011 A1",
                Err("Een postcode is vier cijfers en twee letters, bijvoorbeeld 3011 AB."),
            ),
            (
                "3011 ABC",
                Err("Een postcode is vier cijfers en twee letters, bijvoorbeeld 3011 AB."),
            ),
            ("0123 AB", Err("Een postcode begint niet met een 0.")),
            (
                "3011 SS",
                Err("De lettercombinatie SS komt in postcodes niet voor."),
            ),
            (
                "3011 ÄB",
                Err("Een postcode is vier cijfers en twee letters, bijvoorbeeld 3011 AB."),
            ),
        ];
        for (invoer, verwacht) in gevallen {
            let uit = Postcode::parse(invoer).map(|p| p.to_string());
            assert_eq!(
                uit.as_deref().map_err(|e| e.as_str()),
                *verwacht,
                "{invoer:?}"
            );
        }
        assert_eq!(Postcode::parse("3011ab").unwrap().compact(), "3011AB");
    }

    #[test]
    fn huisnummers() {
        let h = |n, l, t| Huisnummer::parse(n, l, t).map(|h| h.to_string());
        assert_eq!(h("12", "", ""), Ok("12".into()));
        assert_eq!(h(" 12 ", "a", ""), Ok("12A".into()));
        assert_eq!(h("12", "a", "3"), Ok("12A-3".into()));
        assert_eq!(h("40", "", "bis"), Ok("40-BIS".into()));
        assert_eq!(h("", "", ""), Err("Vul het huisnummer in.".into()));
        assert_eq!(
            h("0", "", ""),
            Err("Het huisnummer is een getal van 1 tot en met 99999.".into())
        );
        assert_eq!(
            h("100000", "", ""),
            Err("Het huisnummer is een getal van 1 tot en met 99999.".into())
        );
        assert_eq!(
            h("12a", "", ""),
            Err("Het huisnummer is een getal van 1 tot en met 99999.".into())
        );
        assert_eq!(
            h("12", "ab", ""),
            Err("De huisletter is één letter (a–z).".into())
        );
        assert_eq!(
            h("12", "", "toolong"),
            Err(
                "De toevoeging is hoogstens vier letters of cijfers, bijvoorbeeld 2 of BIS.".into()
            )
        );
        let t = |s| Huisnummer::uit_tekst(s).map(|h| h.to_string());
        assert_eq!(t("12"), Ok("12".into()));
        assert_eq!(t("12a"), Ok("12A".into()));
        assert_eq!(t("12 A 3"), Ok("12A-3".into()));
        assert_eq!(t("12-bis"), Ok("12-BIS".into()));
        assert_eq!(t("12a-2"), Ok("12A-2".into()));
        assert!(t("abc").is_err());
    }
}
