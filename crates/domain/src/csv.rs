//! Een cel in een CSV-export (puntkomma als scheidingsteken, zoals Nederlandse spreadsheets
//! verwachten). Twee regels (issue 17, punt 14):
//!
//! - een cel die met `=`, `+`, `-`, `@`, een tab of een regelterugloop begint en geen gewoon getal
//!   is, krijgt een apostrof ervoor: een spreadsheet voert haar anders uit als formule (een naam
//!   als `=HYPERLINK(…)` uit een formulier wordt zo geen link naar een andere site);
//! - een cel met een puntkomma, aanhalingsteken of regeleinde staat tussen aanhalingstekens, met
//!   verdubbelde aanhalingstekens erin.

use std::borrow::Cow;

/// Is dit een gewoon getal (`-57,00`, `1.234,56`, `+3`)? Dan is een teken ervoor geen formule.
fn getal(s: &str) -> bool {
    let zonder_teken = s.strip_prefix(['-', '+']).unwrap_or(s);
    !zonder_teken.is_empty()
        && zonder_teken.bytes().any(|b| b.is_ascii_digit())
        && zonder_teken
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// De cel, veilig om in een spreadsheet te openen.
pub fn cel(s: &str) -> Cow<'_, str> {
    let formule = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !getal(s);
    let quoten = s.contains([';', '"', '\n', '\r']);
    if !formule && !quoten {
        return Cow::Borrowed(s);
    }
    let mut uit = String::with_capacity(s.len() + 3);
    if quoten {
        uit.push('"');
    }
    if formule {
        uit.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            uit.push('"');
        }
        uit.push(c);
    }
    if quoten {
        uit.push('"');
    }
    Cow::Owned(uit)
}

#[cfg(test)]
mod tests {
    use super::cel;

    #[test]
    fn formules_geneutraliseerd_en_scheidingstekens_gequote() {
        let gevallen = [
            ("Jansen", "Jansen"),
            (
                "=HYPERLINK(\"http://boos\")",
                "\"'=HYPERLINK(\"\"http://boos\"\")\"",
            ),
            ("=1+1", "'=1+1"),
            ("+31612345678x", "'+31612345678x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("\tverborgen", "'\tverborgen"),
            ("-57,00", "-57,00"), // een bedrag blijft een getal
            ("1.234,56", "1.234,56"),
            ("+3", "+3"),
            ("-", "'-"),
            ("de Vries; J.", "\"de Vries; J.\""),
            ("zegt \"hoi\"", "\"zegt \"\"hoi\"\"\""),
            ("regel\nnog een", "\"regel\nnog een\""),
            ("", ""),
        ];
        for (invoer, verwacht) in gevallen {
            assert_eq!(cel(invoer), verwacht, "{invoer:?}");
        }
    }
}
