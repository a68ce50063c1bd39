//! CSV-exports (puntkomma als scheidingsteken, zoals Nederlandse spreadsheets verwachten), via de
//! `csv`-crate, met één regel erbovenop (issue 17, punt 14): een cel die met `=`, `+`, `-`, `@`,
//! een tab of een regelterugloop begint en geen gewoon getal is, krijgt een apostrof ervoor; een
//! spreadsheet voert haar anders uit als formule (een naam als `=HYPERLINK(…)` uit een formulier
//! wordt zo geen link naar een andere site). Aanhalingstekens rond cellen met een puntkomma,
//! aanhalingsteken of regeleinde doet de `csv`-crate.

use std::borrow::Cow;
use std::io::Write;

/// Is dit een gewoon getal (`-57,00`, `1.234,56`, `+3`)? Dan is een teken ervoor geen formule.
fn getal(s: &str) -> bool {
    let zonder_teken = s.strip_prefix(['-', '+']).unwrap_or(s);
    !zonder_teken.is_empty()
        && zonder_teken.bytes().any(|b| b.is_ascii_digit())
        && zonder_teken
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// De inhoud van een cel, zonder formule.
pub fn zonder_formule(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !getal(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Schrijft regels met puntkomma's en CRLF, elke cel [`zonder_formule`].
pub struct Schrijver<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> Schrijver<W> {
    pub fn nieuw(uit: W) -> Self {
        Self {
            csv: csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(uit),
        }
    }

    pub fn regel<'a>(&mut self, cellen: impl IntoIterator<Item = &'a str>) -> std::io::Result<()> {
        self.csv
            .write_record(cellen.into_iter().map(|c| zonder_formule(c).into_owned()))
            .map_err(std::io::Error::other)
    }

    /// Schrijft wat nog in de buffer staat en geeft de onderliggende schrijver terug.
    pub fn klaar(self) -> std::io::Result<W> {
        self.csv
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::Schrijver;

    fn als_regel(cel: &str) -> String {
        let mut s = Schrijver::nieuw(Vec::new());
        s.regel([cel]).unwrap();
        String::from_utf8(s.klaar().unwrap()).unwrap()
    }

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
            ("", "\"\""),
        ];
        for (invoer, verwacht) in gevallen {
            assert_eq!(als_regel(invoer), format!("{verwacht}\r\n"), "{invoer:?}");
        }
    }

    #[test]
    fn regels_met_puntkommas() {
        let mut s = Schrijver::nieuw(Vec::new());
        s.regel(["dossier", "bedrag"]).unwrap();
        s.regel(["2026-000001", "612,50"]).unwrap();
        assert_eq!(
            String::from_utf8(s.klaar().unwrap()).unwrap(),
            "dossier;bedrag\r\n2026-000001;612,50\r\n"
        );
    }
}
