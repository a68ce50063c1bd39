//! Het IBAN (ISO 13616).
//!
//! Bron: ../shared/domain/participatiewet-feiten.md §8: zet de eerste 4 tekens achteraan,
//! vervang letters door A = 10 … Z = 35; het getal mod 97 moet 1 zijn. Een Nederlands IBAN is 18
//! tekens: `NL` + 2 controlecijfers + 4 letters bankcode + 10 cijfers rekeningnummer.
//! Buitenlandse IBAN's worden geaccepteerd als het land in het SEPA-gebied ligt (uitbetaling gaat
//! via SEPA, zie reference/sepa-pain.001/FACTS.md), met de lengte van dat land.

use std::fmt;

use serde::{Serialize, Serializer};

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iban(String);

/// SEPA-landen met de lengte van hun IBAN (ISO 13616-register, EPC-lijst van SEPA-landen).
const SEPA_LENGTES: &[(&str, usize)] = &[
    ("AD", 24),
    ("AL", 28),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

/// De ISO 13616-rest modulo 97 van een genormaliseerd IBAN.
fn mod97(iban: &str) -> u32 {
    let (kop, rest) = iban.split_at(4);
    let mut r: u32 = 0;
    for c in rest.chars().chain(kop.chars()) {
        let waarde = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return 0,
        };
        r = if waarde >= 10 {
            (r * 100 + waarde) % 97
        } else {
            (r * 10 + waarde) % 97
        };
    }
    r
}

/// Een IBAN voor een taak, brief of audit: de landcode met controlecijfers en de laatste vier
/// tekens ("NL91…4300"), zodat wie het leest het herkent zonder het hele nummer te zien.
pub fn gemaskeerd(iban: &str) -> String {
    let tekens: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let kop: String = tekens.iter().take(4).collect();
    let staart: String = tekens[tekens.len().saturating_sub(4)..].iter().collect();
    format!("{kop}…{staart}")
}

impl Iban {
    /// Leest een IBAN; spaties worden genegeerd, kleine letters worden hoofdletters.
    pub fn parse(invoer: &str) -> Result<Iban, String> {
        let s: String = invoer
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        if s.is_empty() {
            return Err("Vul het IBAN in.".into());
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("Een IBAN bestaat alleen uit letters en cijfers.".into());
        }
        if s.len() < 5
            || !s[..2].chars().all(|c| c.is_ascii_uppercase())
            || !s[2..4].chars().all(|c| c.is_ascii_digit())
        {
            return Err("Een IBAN begint met twee letters voor het land en twee controlecijfers, bijvoorbeeld NL91.".into());
        }
        let land = &s[..2];
        let Some((_, lengte)) = SEPA_LENGTES.iter().find(|(l, _)| *l == land) else {
            return Err(format!(
                "{land} is geen land in het SEPA-gebied; Vangnet kan daar niet naar betalen."
            ));
        };
        if s.len() != *lengte {
            return Err(format!(
                "Een IBAN uit {land} heeft {lengte} tekens; u typte er {}.",
                s.len()
            ));
        }
        if land == "NL"
            && !(s[4..8].chars().all(|c| c.is_ascii_uppercase())
                && s[8..].chars().all(|c| c.is_ascii_digit()))
        {
            return Err(
                "Een Nederlands IBAN is NL, 2 cijfers, 4 letters (de bank) en 10 cijfers, bijvoorbeeld NL91 ABNA 0417 1643 00."
                    .into(),
            );
        }
        if mod97(&s) != 1 {
            return Err("Dit IBAN klopt niet (controlegetal). Controleer de tekens.".into());
        }
        Ok(Iban(s))
    }

    /// De vorm zonder spaties, zoals in SEPA-bestanden en de database.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Maakt een geldig Nederlands IBAN bij een bankcode en rekeningnummer (testdata, demo).
    pub fn nederlands(bank: &str, rekening: u64) -> Option<Iban> {
        if bank.len() != 4
            || !bank.chars().all(|c| c.is_ascii_uppercase())
            || rekening >= 10_000_000_000
        {
            return None;
        }
        let basis = format!("NL00{bank}{rekening:010}");
        let controle = 98 - mod97(&basis);
        Iban::parse(&format!("NL{controle:02}{bank}{rekening:010}")).ok()
    }
}

/// In groepen van vier, zoals mensen het lezen: `NL91 ABNA 0417 1643 00`.
impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groepen: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        f.write_str(&groepen.join(" "))
    }
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iban({})", self.0)
    }
}

impl Serialize for Iban {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {

    /// Issue 21 punt 4: een nieuwe rekening noemt in taken en audit alleen kop en staart.
    #[test]
    fn maskeren() {
        assert_eq!(gemaskeerd("NL91ABNA0417164300"), "NL91…4300");
        assert_eq!(gemaskeerd("NL91 ABNA 0417 1643 00"), "NL91…4300");
    }
    use super::*;
    use proptest::prelude::*;

    /// Bron: participatiewet-feiten.md §8, "Checked here: NL91ABNA0417164300 and
    /// NL20INGB0001234567 are valid; NL91ABNA0417164301 is not."
    #[test]
    fn voorbeelden_uit_de_bron() {
        assert_eq!(
            Iban::parse("NL91ABNA0417164300").unwrap().as_str(),
            "NL91ABNA0417164300"
        );
        assert!(Iban::parse("NL20INGB0001234567").is_ok());
        assert!(Iban::parse("NL91ABNA0417164301").is_err());
    }

    #[test]
    fn invoer_en_meldingen() {
        let gevallen: &[(&str, Result<&str, &str>)] = &[
            ("nl91 abna 0417 1643 00", Ok("NL91ABNA0417164300")),
            // Buitenlandse SEPA-IBAN's (voorbeelden uit het ISO 13616-register).
            ("DE89 3704 0044 0532 0130 00", Ok("DE89370400440532013000")),
            ("BE68 5390 0754 7034", Ok("BE68539007547034")),
            ("FR14 2004 1010 0505 0001 3M02 606", Ok("FR1420041010050500013M02606")),
            ("", Err("Vul het IBAN in.")),
            ("NL91-ABNA", Err("Een IBAN bestaat alleen uit letters en cijfers.")),
            ("1234ABNA0417164300", Err("Een IBAN begint met twee letters voor het land en twee controlecijfers, bijvoorbeeld NL91.")),
            ("NL91ABNA041716430", Err("Een IBAN uit NL heeft 18 tekens; u typte er 17.")),
            ("NL911BNA0417164300", Err("Een Nederlands IBAN is NL, 2 cijfers, 4 letters (de bank) en 10 cijfers, bijvoorbeeld NL91 ABNA 0417 1643 00.")),
            ("US12345678901234567", Err("US is geen land in het SEPA-gebied; Vangnet kan daar niet naar betalen.")),
            ("NL91ABNA0417164301", Err("Dit IBAN klopt niet (controlegetal). Controleer de tekens.")),
        ];
        for (invoer, verwacht) in gevallen {
            let uit = Iban::parse(invoer).map(|i| i.as_str().to_owned());
            assert_eq!(
                uit.as_deref().map_err(|e| e.as_str()),
                *verwacht,
                "{invoer:?}"
            );
        }
        assert_eq!(
            Iban::parse("NL91ABNA0417164300").unwrap().to_string(),
            "NL91 ABNA 0417 1643 00"
        );
    }

    proptest! {
        /// Elk gemaakt Nederlands IBAN is geldig; één teken anders is altijd ongeldig (mod 97 vangt
        /// elke enkele fout).
        #[test]
        fn controlegetal_vangt_elke_enkele_typefout(rekening in 0u64..10_000_000_000, positie in 8usize..18, delta in 1u8..10) {
            let iban = Iban::nederlands("ABNA", rekening).unwrap();
            prop_assert!(Iban::parse(iban.as_str()).is_ok());
            let mut b = iban.as_str().as_bytes().to_vec();
            b[positie] = b'0' + (b[positie] - b'0' + delta) % 10;
            let fout = String::from_utf8(b).unwrap();
            prop_assert!(Iban::parse(&fout).is_err(), "{} zou moeten falen", fout);
        }

        #[test]
        fn verwisselde_buren_vallen_op(rekening in 0u64..10_000_000_000, positie in 8usize..17) {
            let iban = Iban::nederlands("INGB", rekening).unwrap();
            let mut b = iban.as_str().as_bytes().to_vec();
            if b[positie] != b[positie + 1] {
                b.swap(positie, positie + 1);
                let fout = String::from_utf8(b).unwrap();
                prop_assert!(Iban::parse(&fout).is_err(), "{} zou moeten falen", fout);
            }
        }

        #[test]
        fn willekeurige_invoer_geeft_nooit_een_paniek(s in ".{0,40}") {
            let _ = Iban::parse(&s);
        }
    }
}
