//! Bedragen zoals mensen ze typen en lezen: `1.234,56`, `600`, `€ 600,5`; en [`Bedrag`], een
//! geldbedrag als eigen type over de naad met de opslag.

use crate::normen::Centen;

/// Een geldbedrag in hele eurocenten, zoals het over de naad met de opslag gaat (een betaalregel,
/// een maandbedrag, een correctie): geen los getal dat met iets anders verward kan worden. De
/// berekening zelf rekent in [`Centen`] (`i64`); `centen()` en `Bedrag::from` gaan heen en weer.
/// In JSON een getal in centen, zoals voorheen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Bedrag(Centen);

impl Bedrag {
    pub const NUL: Bedrag = Bedrag(0);

    pub const fn centen(self) -> Centen {
        self.0
    }
}

impl From<Centen> for Bedrag {
    fn from(c: Centen) -> Bedrag {
        Bedrag(c)
    }
}

impl From<Bedrag> for Centen {
    fn from(b: Bedrag) -> Centen {
        b.0
    }
}

impl std::ops::Add for Bedrag {
    type Output = Bedrag;
    fn add(self, ander: Bedrag) -> Bedrag {
        Bedrag(self.0 + ander.0)
    }
}

impl std::ops::Sub for Bedrag {
    type Output = Bedrag;
    fn sub(self, ander: Bedrag) -> Bedrag {
        Bedrag(self.0 - ander.0)
    }
}

impl std::ops::Neg for Bedrag {
    type Output = Bedrag;
    fn neg(self) -> Bedrag {
        Bedrag(-self.0)
    }
}

impl std::ops::AddAssign for Bedrag {
    fn add_assign(&mut self, ander: Bedrag) {
        self.0 += ander.0;
    }
}

impl std::iter::Sum for Bedrag {
    fn sum<I: Iterator<Item = Bedrag>>(iter: I) -> Bedrag {
        Bedrag(iter.map(|b| b.0).sum())
    }
}

/// Vergelijken met een getal in centen (tests, drempels): `bedrag == 38_000`, `bedrag > 0`.
impl PartialEq<Centen> for Bedrag {
    fn eq(&self, ander: &Centen) -> bool {
        self.0 == *ander
    }
}

impl PartialOrd<Centen> for Bedrag {
    fn partial_cmp(&self, ander: &Centen) -> Option<std::cmp::Ordering> {
        self.0.partial_cmp(ander)
    }
}

/// Als [`euro`]: `€ 1.234,56`.
impl std::fmt::Display for Bedrag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&euro(self.0))
    }
}

/// Het grootste bedrag dat Vangnet als invoer aanneemt: € 99.999.999,99.
pub const MAX_INVOER: Centen = 9_999_999_999;

const VOORBEELD: &str = "Typ een bedrag in euro's, bijvoorbeeld 612,50 of 1.234,56.";

/// Leest een bedrag in euro's zoals een mens het bedoelt, als centen. Het numerieke toetsenblok
/// typt een punt, dus beide scheidingstekens gelden als decimaalteken:
///
/// - `612`, `612,5`, `612,50`, `612.50` en `€ 612,50` zijn € 612,50 (of € 612,00);
/// - met beide tekens is het laatste het decimaalteken en het andere het duizendtal:
///   `1.234,56` en `1,234.56` zijn € 1.234,56 (groepen van drie cijfers);
/// - wat twee dingen kan betekenen wordt geweigerd met beide lezingen in de melding: `1.234` (€
///   1.234,00 of € 1,234?) en `1.234.567` (twee scheidingstekens van dezelfde soort);
/// - leeg, negatief, meer dan twee decimalen of boven [`MAX_INVOER`]: geweigerd.
pub fn parse_euro(invoer: &str) -> Result<Centen, String> {
    let s: String = invoer
        .trim()
        .trim_start_matches('€')
        .trim_start_matches("EUR")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err("Vul een bedrag in.".into());
    }
    if s.starts_with('-') {
        return Err("Een bedrag kan niet negatief zijn.".into());
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(VOORBEELD.into());
    }
    let punten = s.matches('.').count();
    let kommas = s.matches(',').count();
    let (heel, fractie) = match (punten, kommas) {
        (0, 0) => (s.clone(), String::new()),
        (0, 1) | (1, 0) => {
            let (h, f) = s.split_once(['.', ',']).unwrap_or((&s, ""));
            if f.len() == 3 && !h.is_empty() {
                return Err(format!(
                    "„{}” is niet eenduidig: bedoelt u {} of {},{f}? Typ {h}{f} voor het eerste, \
                     of een bedrag met hoogstens twee decimalen.",
                    invoer.trim(),
                    euro_zonder_tekst(h, f),
                    h
                ));
            }
            (h.to_owned(), f.to_owned())
        }
        (_, 0) | (0, _) => {
            return Err(format!(
                "„{}” heeft meer dan één {} en geen decimaalteken: is dat een duizendtal of een \
                 decimaalteken? Typ het bedrag zonder duizendtallen, bijvoorbeeld 1234567,00.",
                invoer.trim(),
                if punten > 0 { "punt" } else { "komma" }
            ));
        }
        _ => {
            // Beide soorten: het laatste teken is het decimaalteken, en komt één keer voor.
            let decimaal = if s.rfind('.') > s.rfind(',') {
                '.'
            } else {
                ','
            };
            let groep = if decimaal == '.' { ',' } else { '.' };
            if s.matches(decimaal).count() != 1 {
                return Err(VOORBEELD.into());
            }
            let (h, f) = s.rsplit_once(decimaal).unwrap_or((&s, ""));
            let mut groepen = h.split(groep);
            let eerste = groepen.next().unwrap_or_default();
            let goed = (1..=3).contains(&eerste.len()) && groepen.clone().all(|g| g.len() == 3);
            if !goed {
                return Err(format!(
                    "„{}”: de duizendtallen kloppen niet (groepen van drie cijfers). {VOORBEELD}",
                    invoer.trim()
                ));
            }
            (h.replace(groep, ""), f.to_owned())
        }
    };
    if heel.is_empty() || fractie.len() > 2 || (punten + kommas > 0 && fractie.is_empty()) {
        return Err(VOORBEELD.into());
    }
    if heel.len() > 8 {
        return Err("Het bedrag is te groot (hoogstens € 99.999.999,99).".into());
    }
    let euro: i64 = heel.parse().map_err(|_| VOORBEELD.to_owned())?;
    let centen: i64 = format!("{fractie:0<2}")
        .parse()
        .map_err(|_| VOORBEELD.to_owned())?;
    Ok(euro * 100 + centen)
}

/// `€ 1.234,00` voor de eerste lezing van `1.234` in een foutmelding.
fn euro_zonder_tekst(heel: &str, drie: &str) -> String {
    format!("{heel}{drie}")
        .parse::<i64>()
        .map(|e| euro(e * 100))
        .unwrap_or_default()
}

/// Als [`parse_euro`], maar een leeg veld is geen bedrag (`None`), voor velden die mogen
/// ontbreken (een proefberekening zonder inkomen).
pub fn parse_euro_of_leeg(invoer: &str) -> Result<Option<Centen>, String> {
    if invoer.trim().is_empty() {
        Ok(None)
    } else {
        parse_euro(invoer).map(Some)
    }
}

/// Een bedrag als tekst in de API: alleen de ene eenduidige vorm, cijfers, een punt en precies
/// twee decimalen (`"612.50"`), zonder duizendtallen en zonder valutateken. Liever nog geeft een
/// koppeling een geheel aantal centen; dit is voor wie tekst moet sturen.
pub fn parse_api_bedrag(invoer: &str) -> Result<Centen, String> {
    const MELDING: &str = "Geef het bedrag als tekst met een punt en precies twee decimalen, \
                           zonder duizendtallen (bijvoorbeeld \"612.50\"), of als geheel aantal \
                           centen in het veld met _centen.";
    let (heel, fractie) = invoer.split_once('.').ok_or(MELDING)?;
    let cijfers = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !cijfers(heel) || !cijfers(fractie) || fractie.len() != 2 || heel.len() > 8 {
        return Err(MELDING.into());
    }
    let euro: i64 = heel.parse().map_err(|_| MELDING)?;
    let centen: i64 = fractie.parse().map_err(|_| MELDING)?;
    Ok(euro * 100 + centen)
}

/// `€ 1.234,56` (negatief: `-€ 1.234,56`).
pub fn euro(c: Centen) -> String {
    let teken = if c < 0 { "-" } else { "" };
    let c = c.abs();
    let mut euro = (c / 100).to_string();
    let mut groepen = Vec::new();
    while euro.len() > 3 {
        groepen.insert(0, euro.split_off(euro.len() - 3));
    }
    groepen.insert(0, euro);
    format!("{teken}€ {},{:02}", groepen.join("."), c % 100)
}

/// Een getal in honderdsten met een komma: 2350 → `23,50` (voor gewichten en belasting).
pub fn honderdsten(h: i64) -> String {
    let teken = if h < 0 { "-" } else { "" };
    format!("{teken}{},{:02}", h.abs() / 100, h.abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honderdsten_tonen() {
        assert_eq!(honderdsten(2350), "23,50");
        assert_eq!(honderdsten(5), "0,05");
        assert_eq!(honderdsten(-150), "-1,50");
    }

    /// Bedragen zoals mensen ze typen (issue 17 punt 3, issue 21 punt 1): wat eenduidig is wordt
    /// gelezen zoals bedoeld, wat twee dingen kan betekenen wordt geweigerd.
    #[test]
    fn bedragen_lezen_zoals_bedoeld() {
        let gevallen: &[(&str, Result<Centen, &str>)] = &[
            ("600", Ok(60000)),
            ("600,5", Ok(60050)),
            ("600,50", Ok(60050)),
            ("612.50", Ok(61250)), // het numerieke toetsenblok: geen € 61.250
            ("612.5", Ok(61250)),
            ("600.00", Ok(60000)), // de API-fout van issue 17: was € 60.000
            ("€ 1.234,56", Ok(123456)),
            ("1234.56", Ok(123456)),
            ("1234,56", Ok(123456)),
            ("1,234.56", Ok(123456)),
            ("1.234.567,89", Ok(123456789)),
            ("1,234,567.89", Ok(123456789)),
            ("EUR 12", Ok(1200)),
            (" 0,05 ", Ok(5)),
            ("0", Ok(0)),
            ("", Err("Vul een bedrag in")),
            ("   ", Err("Vul een bedrag in")),
            ("1.234", Err("niet eenduidig")), // € 1.234,00 of € 1,234?
            ("1,234", Err("niet eenduidig")),
            ("1.234.567", Err("meer dan één punt")), // twee gelijke scheidingstekens
            ("1,234,567", Err("meer dan één komma")),
            ("12,345,6", Err("meer dan één komma")),
            ("1.23,45", Err("duizendtallen")),
            ("12.34.56,78", Err("duizendtallen")),
            ("1.234,56,7", Err("Typ een bedrag")),
            ("12,", Err("Typ een bedrag")),
            (",50", Err("Typ een bedrag")),
            ("12,3456", Err("Typ een bedrag")),
            ("-5", Err("negatief")),
            ("abc", Err("Typ een bedrag")),
            ("6OO", Err("Typ een bedrag")),
            ("999999999", Err("te groot")),
            ("99999999,99", Ok(9_999_999_999)),
        ];
        for (invoer, verwacht) in gevallen {
            match (parse_euro(invoer), verwacht) {
                (Ok(c), Ok(v)) => assert_eq!(c, *v, "{invoer}"),
                (Err(m), Err(deel)) => assert!(m.contains(deel), "{invoer}: {m}"),
                (uit, _) => panic!("{invoer}: {uit:?}, verwacht {verwacht:?}"),
            }
        }
        // De melding laat zien hoe het gelezen kon worden.
        let m = parse_euro("1.234").unwrap_err();
        assert!(m.contains("€ 1.234,00") && m.contains("1,234"), "{m}");
        assert_eq!(parse_euro_of_leeg(" "), Ok(None));
        assert_eq!(parse_euro_of_leeg("12,50"), Ok(Some(1250)));
    }

    /// De API neemt een bedrag als tekst alleen in één vorm aan (issue 17, punt 3).
    #[test]
    fn api_bedragen_alleen_eenduidig() {
        assert_eq!(parse_api_bedrag("612.50"), Ok(61250));
        assert_eq!(parse_api_bedrag("0.05"), Ok(5));
        for fout in [
            "",
            "600",
            "600,00",
            "600.0",
            "600.000",
            "1,234.56",
            "€600.00",
            " 600.00",
            "-1.00",
            "1.234,56",
            ".50",
            "123456789.00",
        ] {
            assert!(parse_api_bedrag(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn bedragen_tonen() {
        assert_eq!(euro(123456), "€ 1.234,56");
        assert_eq!(euro(5), "€ 0,05");
        assert_eq!(euro(-140150), "-€ 1.401,50");
        assert_eq!(euro(100_000_000), "€ 1.000.000,00");
    }
}
