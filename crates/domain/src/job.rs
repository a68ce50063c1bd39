//! Jobs: lang werk op de achtergrond (issue 22 punt 1). Hier staan de soorten en de toestanden
//! en wanneer een werker een job mag nemen; de opslag en het uitvoeren horen bij de app.

use chrono::Duration;

/// Hoe lang een lopende job zonder hartslag blijft van haar werker (standaard; in te stellen
/// met `job_overname_seconden`). Daarna is het proces kennelijk weg (gestopt, `kill -9`, de
/// server uitgevallen) en neemt een andere werker haar over. Een werker slaat elke [`HARTSLAG`]
/// aan; de marge vangt een trage database op.
pub const OVERNAME_NA: Duration = Duration::seconds(60);

/// Hoe vaak een werker de hartslag en de voortgang van zijn job vastlegt.
pub const HARTSLAG: std::time::Duration = std::time::Duration::from_secs(5);

/// Na zoveel pogingen (een overname na een crash telt als poging) wordt een job niet meer
/// opnieuw genomen, maar mislukt: een job die elke werker laat vallen, mag niet eindeloos rondgaan.
pub const MAX_POGINGEN: i64 = 5;

/// Wat een job doet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jobsoort {
    /// Een betaalrun berekenen (parameters: de run).
    BetaalrunBerekenen,
    /// Alle uitkeringen herberekenen na nieuwe normtabellen, in partijen.
    NormenHerberekenen,
    /// De geplande ronde die te late taken meldt: één keer per ronde in het hele cluster.
    Escaleren,
}

impl Jobsoort {
    pub const ALLE: [Jobsoort; 3] = [
        Jobsoort::BetaalrunBerekenen,
        Jobsoort::NormenHerberekenen,
        Jobsoort::Escaleren,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Jobsoort::BetaalrunBerekenen => "betaalrun_berekenen",
            Jobsoort::NormenHerberekenen => "normen_herberekenen",
            Jobsoort::Escaleren => "escaleren",
        }
    }

    pub fn uit_code(code: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|s| s.code() == code)
    }

    pub fn naam(self) -> &'static str {
        match self {
            Jobsoort::BetaalrunBerekenen => "Betaalrun berekenen",
            Jobsoort::NormenHerberekenen => "Herberekening na nieuwe normtabellen",
            Jobsoort::Escaleren => "Te late taken melden",
        }
    }
}

/// Waar een job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jobstatus {
    /// Aangemeld; nog geen werker.
    Wachtend,
    /// Een werker is bezig (zie `hartslag_op`).
    Lopend,
    Klaar,
    /// Gestopt met een fout; wat per partij was vastgelegd, blijft. Opnieuw proberen kan.
    Mislukt,
    /// Op verzoek van een gebruiker gestopt; wat per partij was vastgelegd, blijft.
    Geannuleerd,
}

impl Jobstatus {
    pub fn code(self) -> &'static str {
        match self {
            Jobstatus::Wachtend => "wachtend",
            Jobstatus::Lopend => "lopend",
            Jobstatus::Klaar => "klaar",
            Jobstatus::Mislukt => "mislukt",
            Jobstatus::Geannuleerd => "geannuleerd",
        }
    }

    pub fn uit_code(code: &str) -> Option<Self> {
        [
            Jobstatus::Wachtend,
            Jobstatus::Lopend,
            Jobstatus::Klaar,
            Jobstatus::Mislukt,
            Jobstatus::Geannuleerd,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Voor een mens.
    pub fn naam(self) -> &'static str {
        match self {
            Jobstatus::Wachtend => "wacht op een werker",
            Jobstatus::Lopend => "loopt",
            Jobstatus::Klaar => "klaar",
            Jobstatus::Mislukt => "mislukt",
            Jobstatus::Geannuleerd => "geannuleerd",
        }
    }

    /// Is de job nog niet afgelopen?
    pub fn open(self) -> bool {
        matches!(self, Jobstatus::Wachtend | Jobstatus::Lopend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_heen_en_terug() {
        for s in Jobsoort::ALLE {
            assert_eq!(Jobsoort::uit_code(s.code()), Some(s));
        }
        for s in [
            Jobstatus::Wachtend,
            Jobstatus::Lopend,
            Jobstatus::Klaar,
            Jobstatus::Mislukt,
            Jobstatus::Geannuleerd,
        ] {
            assert_eq!(Jobstatus::uit_code(s.code()), Some(s));
        }
        assert_eq!(Jobstatus::uit_code("weg"), None);
    }
}
