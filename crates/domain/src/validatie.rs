//! Fouten in invoer, per veld, met een Nederlandse melding die het veld noemt.

use serde::Serialize;

/// Eén fout in één veld van een formulier of verzoek.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Veldfout {
    /// De technische naam van het veld (zoals in het formulier), bv. `gebruikersnaam`.
    pub veld: String,
    /// De melding voor de gebruiker, in het Nederlands, met de naam van het veld.
    pub melding: String,
    /// Een pagina die helpt (bv. de persoon die dit BSN al heeft).
    pub link: Option<String>,
}

/// Alle fouten in één invoer; leeg betekent: in orde.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Veldfouten(pub Vec<Veldfout>);

impl Veldfouten {
    pub fn nieuw() -> Self {
        Self::default()
    }

    pub fn voeg_toe(&mut self, veld: &str, melding: impl Into<String>) {
        self.0.push(Veldfout {
            veld: veld.to_owned(),
            melding: melding.into(),
            link: None,
        });
    }

    /// Een fout met een verwijzing naar een pagina die helpt.
    pub fn voeg_toe_met_link(&mut self, veld: &str, melding: impl Into<String>, link: String) {
        self.0.push(Veldfout {
            veld: veld.to_owned(),
            melding: melding.into(),
            link: Some(link),
        });
    }

    /// Neemt de fout van een controle over, als die er is.
    pub fn controleer<T, E: Into<String>>(&mut self, veld: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.voeg_toe(veld, e);
                None
            }
        }
    }

    pub fn is_leeg(&self) -> bool {
        self.0.is_empty()
    }

    pub fn voor(&self, veld: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.as_str())
    }

    /// `Ok(())` als er geen fouten zijn, anders de fouten zelf.
    pub fn resultaat(self) -> Result<(), Veldfouten> {
        if self.is_leeg() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for Veldfouten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let meldingen: Vec<&str> = self.0.iter().map(|v| v.melding.as_str()).collect();
        f.write_str(&meldingen.join(" "))
    }
}
