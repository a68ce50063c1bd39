//! Bedragen zoals mensen ze typen en lezen: `1.234,56`, `600`, `€ 600,5`.

use crate::normen::Centen;

/// Leest een bedrag in euro's (Nederlandse notatie) als centen. Niet negatief, hoogstens twee
/// decimalen, hoogstens € 10.000.000.
pub fn parse_euro(invoer: &str) -> Result<Centen, String> {
    let s: String = invoer
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Ok(0);
    }
    if s.starts_with('-') {
        return Err("Een bedrag kan niet negatief zijn.".into());
    }
    let (heel, fractie) = match s.rsplit_once(',') {
        Some((h, f)) => (h.replace('.', ""), f.to_owned()),
        None => (s.replace('.', ""), String::new()),
    };
    let geldig = !heel.is_empty()
        && heel.chars().all(|c| c.is_ascii_digit())
        && fractie.len() <= 2
        && fractie.chars().all(|c| c.is_ascii_digit());
    if !geldig || heel.len() > 8 {
        return Err("Typ een bedrag in euro's, bijvoorbeeld 600 of 1.234,56.".into());
    }
    let euro: i64 = heel
        .parse()
        .map_err(|_| "Typ een bedrag in euro's, bijvoorbeeld 600 of 1.234,56.".to_owned())?;
    let centen: i64 = format!("{fractie:0<2}").parse().unwrap_or(0);
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

    #[test]
    fn bedragen_lezen_en_tonen() {
        let gevallen: &[(&str, Result<Centen, ()>)] = &[
            ("600", Ok(60000)),
            ("600,5", Ok(60050)),
            ("600,50", Ok(60050)),
            ("€ 1.234,56", Ok(123456)),
            ("", Ok(0)),
            ("-5", Err(())),
            ("12,345", Err(())),
            ("abc", Err(())),
            ("1,2,3", Err(())),
            ("999999999", Err(())),
        ];
        for (invoer, verwacht) in gevallen {
            assert_eq!(parse_euro(invoer).map_err(|_| ()), *verwacht, "{invoer}");
        }
        assert_eq!(euro(123456), "€ 1.234,56");
        assert_eq!(euro(5), "€ 0,05");
        assert_eq!(euro(-140150), "-€ 1.401,50");
        assert_eq!(euro(100_000_000), "€ 1.000.000,00");
    }
}
