//! Namen op de Nederlandse manier: voornamen, voorvoegsel en geslachtsnaam, zoals in de BRP.
//! Weergave als "J.P. de Vries"; sorteren en zoeken op de geslachtsnaam zonder voorvoegsel, zonder
//! hoofdletters en accenten.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Naam {
    /// Alle voornamen, gescheiden door spaties (mag leeg zijn: niet iedereen heeft er een).
    pub voornamen: String,
    /// Bijvoorbeeld "de", "van der", "'t" (mag leeg zijn).
    pub voorvoegsel: String,
    pub geslachtsnaam: String,
}

/// Zonder hoofdletters en accenten, voor zoeken: "Çelik-Özdemir" → "celik-ozdemir". Letters
/// zonder ontleding (ı, ø, ł, ß, æ …) krijgen hun gewone tegenhanger.
pub fn zoekvorm(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| {
            let vervanging = match c.to_lowercase().next().unwrap_or(c) {
                'ı' => "i",
                'ø' => "o",
                'ł' => "l",
                'đ' | 'ð' => "d",
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'þ' => "th",
                _ => "",
            };
            if vervanging.is_empty() {
                vec![c]
            } else {
                vervanging.chars().collect()
            }
        })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn naamdeel(
    veld: &str,
    label: &str,
    s: &str,
    max: usize,
    verplicht: bool,
) -> Result<String, (String, String)> {
    // NFC: een "é" uit een PDF is vaak "e" + een losse accentteken (issue 17, punt 12); na NFC
    // is het één letter, zoals getypt.
    let s = s
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let fout = |m: String| Err((veld.to_owned(), m));
    if s.is_empty() {
        return if verplicht {
            fout(format!("Vul de {label} in."))
        } else {
            Ok(s)
        };
    }
    if s.chars().count() > max {
        return fout(format!("De {label} mag hoogstens {max} tekens lang zijn."));
    }
    if !s
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
    {
        return fout(format!(
            "De {label} mag alleen letters, spaties, streepjes, punten en apostrofs bevatten."
        ));
    }
    Ok(s)
}

impl Naam {
    /// Controleert de drie delen; fouten per veld (`voornamen`, `voorvoegsel`, `geslachtsnaam`).
    pub fn parse(
        voornamen: &str,
        voorvoegsel: &str,
        geslachtsnaam: &str,
    ) -> Result<Naam, Vec<(String, String)>> {
        let mut fouten = Vec::new();
        let v = naamdeel("voornamen", "voornamen", voornamen, 200, false)
            .map_err(|f| fouten.push(f))
            .ok();
        let vv = naamdeel("voorvoegsel", "voorvoegsel", voorvoegsel, 10, false)
            .map(|s| s.to_lowercase())
            .map_err(|f| fouten.push(f))
            .ok();
        let g = naamdeel("geslachtsnaam", "achternaam", geslachtsnaam, 200, true)
            .map_err(|f| fouten.push(f))
            .ok();
        match (v, vv, g) {
            (Some(voornamen), Some(voorvoegsel), Some(geslachtsnaam)) if fouten.is_empty() => {
                Ok(Naam {
                    voornamen,
                    voorvoegsel,
                    geslachtsnaam,
                })
            }
            _ => Err(fouten),
        }
    }

    /// De voorletters: "Jan Pieter" → "J.P.".
    pub fn voorletters(&self) -> String {
        self.voornamen
            .split_whitespace()
            .filter_map(|v| v.chars().next())
            .map(|c| format!("{}.", c.to_uppercase()))
            .collect()
    }

    /// "J.P. de Vries".
    pub fn weergave(&self) -> String {
        [
            self.voorletters(),
            self.voorvoegsel.clone(),
            self.geslachtsnaam.clone(),
        ]
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// "Vries, J.P. de": zo staat de naam in alfabetische lijsten.
    pub fn sorteervorm(&self) -> String {
        let achter = [self.voorletters(), self.voorvoegsel.clone()]
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if achter.is_empty() {
            self.geslachtsnaam.clone()
        } else {
            format!("{}, {achter}", self.geslachtsnaam)
        }
    }

    /// De geslachtsnaam in zoekvorm (zonder voorvoegsel).
    pub fn zoeknaam(&self) -> String {
        zoekvorm(&self.geslachtsnaam)
    }

    /// Voorvoegsel en geslachtsnaam in zoekvorm ("de vries"), zodat ook "de vr" vindt.
    pub fn zoeknaam_volledig(&self) -> String {
        zoekvorm(&format!("{} {}", self.voorvoegsel, self.geslachtsnaam))
    }
}

/// Het deel van een zoeknaam na het eerste woord (`el amrani` → `amrani`, `berg-de vries` →
/// `de vries`; één woord: leeg). Zo vindt `amrani` ook "El Amrani" (issue 21 punt 9).
pub fn zoeknaam_deel(zoeknaam: &str) -> String {
    zoeknaam
        .split_once([' ', '-'])
        .map(|(_, rest)| rest.trim_start_matches([' ', '-']).to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zoeken op een deel van een samengestelde achternaam (issue 21 punt 9).
    #[test]
    fn deel_van_de_zoeknaam() {
        for (zoeknaam, deel) in [
            ("el amrani", "amrani"),
            ("berg-de vries", "de vries"),
            ("vries", ""),
            ("van  der berg", "der berg"),
            ("'t hoen-celik", "hoen-celik"),
            ("", ""),
        ] {
            assert_eq!(zoeknaam_deel(zoeknaam), deel, "{zoeknaam}");
        }
    }

    /// Issue 17 punt 12: een naam uit een PDF (e + losse accent) is dezelfde naam als getypt.
    #[test]
    fn ontlede_letters_worden_een_letter() {
        let ontleed = "Jose\u{301}";
        let n = Naam::parse(ontleed, "", "Mun\u{303}oz").unwrap();
        assert_eq!(n.voornamen, "José");
        assert_eq!(n.geslachtsnaam, "Muñoz");
        assert_eq!(n, Naam::parse("José", "", "Muñoz").unwrap());
    }

    #[test]
    fn weergave_op_zijn_nederlands() {
        let n = Naam::parse(" Jan  Pieter ", "De", "Vries").unwrap();
        assert_eq!(n.voornamen, "Jan Pieter");
        assert_eq!(n.voorvoegsel, "de");
        assert_eq!(n.weergave(), "J.P. de Vries");
        assert_eq!(n.sorteervorm(), "Vries, J.P. de");
        let zonder = Naam::parse("", "", "Bakker").unwrap();
        assert_eq!(zonder.weergave(), "Bakker");
        assert_eq!(zonder.sorteervorm(), "Bakker");
        let apostrof = Naam::parse("Ömer", "'t", "Hoen-Çelik").unwrap();
        assert_eq!(apostrof.weergave(), "Ö. 't Hoen-Çelik");
        assert_eq!(apostrof.zoeknaam(), "hoen-celik");
        assert_eq!(apostrof.zoeknaam_volledig(), "'t hoen-celik");
    }

    #[test]
    fn fouten_per_veld() {
        let f = Naam::parse("J4n", "van der van de", "").unwrap_err();
        let velden: Vec<&str> = f.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(velden, ["voornamen", "voorvoegsel", "geslachtsnaam"]);
        assert_eq!(f[2].1, "Vul de achternaam in.");
        assert!(Naam::parse("", "", &"x".repeat(201)).is_err());
        assert!(Naam::parse("<script>", "", "X").is_err());
    }

    #[test]
    fn zoekvorm_zonder_accenten_en_hoofdletters() {
        assert_eq!(zoekvorm("  Ëlif   YILMAZ "), "elif yilmaz");
        assert_eq!(zoekvorm("Müller"), "muller");
        assert_eq!(zoekvorm("Ørsted"), "orsted");
        assert_eq!(zoekvorm("Yılmaz"), "yilmaz");
        assert_eq!(zoekvorm("Strauß"), "strauss");
        assert_eq!(zoekvorm("ĲSSEL"), "ijssel");
    }
}
