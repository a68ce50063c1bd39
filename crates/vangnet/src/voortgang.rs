//! Voortgang van lang werk op de opdrachtregel (issue 22 punt 1): op een terminal één regel met
//! een balk die zichzelf overschrijft; in een logbestand of pijp gewone regels, hoogstens één per
//! tiende deel van het werk, zonder wagenterugloop.

use std::io::{IsTerminal, Write};

pub struct Voortgang {
    wat: &'static str,
    eenheid: &'static str,
    terminal: bool,
    /// Het laatst als regel geschreven tiende deel (zonder terminal).
    laatste_tiende: Option<u64>,
}

impl Voortgang {
    pub fn nieuw(wat: &'static str, eenheid: &'static str) -> Self {
        Self {
            wat,
            eenheid,
            terminal: std::io::stderr().is_terminal(),
            laatste_tiende: None,
        }
    }

    /// `klaar` van `totaal` (0: onbekend).
    pub fn meld(&mut self, klaar: u64, totaal: u64) {
        let mut e = std::io::stderr().lock();
        if self.terminal {
            let balk = match (klaar.min(totaal) * 30).checked_div(totaal) {
                Some(vol) => {
                    let vol = usize::try_from(vol).unwrap_or(30);
                    format!(
                        " [{}{}] {:>3} %",
                        "#".repeat(vol),
                        " ".repeat(30 - vol),
                        (klaar * 100).checked_div(totaal).unwrap_or(0)
                    )
                }
                None => String::new(),
            };
            let _ = write!(e, "\r{}: {klaar} {}{balk}   ", self.wat, self.van(totaal));
            let _ = e.flush();
            return;
        }
        let tiende = (klaar * 10).checked_div(totaal).unwrap_or(klaar / 100_000);
        if self.laatste_tiende != Some(tiende) {
            self.laatste_tiende = Some(tiende);
            let _ = writeln!(e, "{}: {klaar} {}", self.wat, self.van(totaal));
        }
    }

    fn van(&self, totaal: u64) -> String {
        if totaal > 0 {
            format!("van {totaal} {}", self.eenheid)
        } else {
            self.eenheid.to_owned()
        }
    }

    /// Sluit de regel van de balk af (op een terminal).
    pub fn klaar(self) {
        self.regel_af();
    }

    /// Als [`Self::klaar`], voor een balk die gedeeld is.
    pub fn regel_af(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}
