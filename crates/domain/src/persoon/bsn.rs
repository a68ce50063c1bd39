//! Het burgerservicenummer.
//!
//! Bron: ../shared/domain/participatiewet-feiten.md §8 ("BSN elfproef", SGR/BKWI): negen cijfers
//! d1..d9, som = 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9; geldig als de som
//! deelbaar is door 11. Het weigeren van 000000000 is gangbaar maar in de bron NIET geverifieerd.

use std::fmt;

use serde::{Serialize, Serializer};

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsn(u32);

/// De elfproefsom van negen cijfers (bron: participatiewet-feiten.md §8).
fn elfproefsom(cijfers: &[u8; 9]) -> i64 {
    let mut som = 0i64;
    for (i, c) in cijfers[..8].iter().enumerate() {
        som += i64::from(*c) * (9 - i as i64);
    }
    som - i64::from(cijfers[8])
}

impl Bsn {
    /// Leest een BSN. Spaties en punten tussen de cijfers (`123.456.782`) worden genegeerd.
    pub fn parse(invoer: &str) -> Result<Bsn, String> {
        let schoon: String = invoer
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '.'))
            .collect();
        if schoon.is_empty() {
            return Err("Vul het BSN in.".into());
        }
        if !schoon.chars().all(|c| c.is_ascii_digit()) {
            return Err("Een BSN bestaat alleen uit cijfers.".into());
        }
        if schoon.len() != 9 {
            return Err(format!(
                "Een BSN heeft 9 cijfers; u typte er {}.",
                schoon.len()
            ));
        }
        let mut cijfers = [0u8; 9];
        for (i, b) in schoon.bytes().enumerate() {
            cijfers[i] = b - b'0';
        }
        if cijfers == [0; 9] {
            return Err("000000000 is geen geldig BSN.".into());
        }
        if elfproefsom(&cijfers) % 11 != 0 {
            return Err("Dit BSN klopt niet (elfproef). Controleer de cijfers.".into());
        }
        schoon
            .parse::<u32>()
            .map(Bsn)
            .map_err(|_| "Een BSN bestaat alleen uit cijfers.".to_owned())
    }

    /// Uit de database; faalt als het getal geen geldig BSN is.
    pub fn uit_getal(n: i64) -> Result<Bsn, String> {
        Bsn::parse(&format!("{n:09}"))
    }

    pub fn getal(self) -> i64 {
        i64::from(self.0)
    }

    /// Alleen de laatste vier cijfers, voor lijsten waar het hele nummer niet nodig is.
    pub fn gemaskeerd(self) -> String {
        format!("*****{:04}", self.0 % 10_000)
    }

    /// Maakt van acht cijfers een geldig BSN door het negende (controle)cijfer te kiezen, als dat
    /// kan. Voor testdata en de demopopulatie.
    pub fn met_controlecijfer(acht: u32) -> Option<Bsn> {
        if acht >= 100_000_000 {
            return None;
        }
        let s = format!("{acht:08}");
        let mut cijfers = [0u8; 9];
        for (i, b) in s.bytes().enumerate() {
            cijfers[i] = b - b'0';
        }
        (0..=9u8).find_map(|d| {
            cijfers[8] = d;
            (cijfers != [0; 9] && elfproefsom(&cijfers) % 11 == 0)
                .then(|| Bsn(acht * 10 + u32::from(d)))
        })
    }
}

impl fmt::Display for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:09}", self.0)
    }
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsn({:09})", self.0)
    }
}

impl Serialize for Bsn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Bron: participatiewet-feiten.md §8, "Checked: 999993653, 111222333 and 123456782 are valid;
    /// 123456781 is not."
    #[test]
    fn voorbeelden_uit_de_bron() {
        for geldig in ["999993653", "111222333", "123456782"] {
            assert_eq!(
                Bsn::parse(geldig).map(|b| b.to_string()),
                Ok(geldig.to_owned())
            );
        }
        assert!(Bsn::parse("123456781").is_err());
    }

    #[test]
    fn invoer_en_meldingen() {
        let gevallen: &[(&str, Result<&str, &str>)] = &[
            (" 123.456.782 ", Ok("123456782")),
            ("123 456 782", Ok("123456782")),
            ("", Err("Vul het BSN in.")),
            ("12345678", Err("Een BSN heeft 9 cijfers; u typte er 8.")),
            ("1234567820", Err("Een BSN heeft 9 cijfers; u typte er 10.")),
            ("12345678a", Err("Een BSN bestaat alleen uit cijfers.")),
            ("000000000", Err("000000000 is geen geldig BSN.")),
            (
                "123456781",
                Err("Dit BSN klopt niet (elfproef). Controleer de cijfers."),
            ),
        ];
        for (invoer, verwacht) in gevallen {
            let uit = Bsn::parse(invoer).map(|b| b.to_string());
            assert_eq!(
                uit.as_deref().map_err(|e| e.as_str()),
                *verwacht,
                "{invoer:?}"
            );
        }
        assert_eq!(Bsn::parse("012345672").map(|b| b.getal()), Ok(12_345_672));
        assert_eq!(
            Bsn::uit_getal(12_345_672).map(|b| b.to_string()),
            Ok("012345672".into())
        );
        assert_eq!(Bsn::parse("999993653").unwrap().gemaskeerd(), "*****3653");
    }

    proptest! {
        /// Elk BSN dat met_controlecijfer maakt, haalt de elfproef; één cijfer anders faalt altijd
        /// (de elfproef vangt elke enkele typefout, omdat de gewichten 1..9 niet deelbaar zijn door 11).
        #[test]
        fn elfproef_vangt_elke_enkele_typefout(acht in 0u32..100_000_000, positie in 0usize..9, delta in 1u8..10) {
            if let Some(bsn) = Bsn::met_controlecijfer(acht) {
                let s = bsn.to_string();
                prop_assert!(Bsn::parse(&s).is_ok());
                let mut b = s.into_bytes();
                b[positie] = b'0' + (b[positie] - b'0' + delta) % 10;
                let fout = String::from_utf8(b).unwrap();
                prop_assert!(Bsn::parse(&fout).is_err(), "{} zou moeten falen", fout);
            }
        }

        #[test]
        fn willekeurige_invoer_geeft_nooit_een_paniek(s in ".{0,20}") {
            let _ = Bsn::parse(&s);
        }
    }
}
