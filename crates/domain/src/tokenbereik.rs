//! Het bereik van een API-token (issue 23 punt 3): alleen lezen of ook wijzigen, en voor welke
//! gebieden. Een token geeft nooit meer dan de rollen van zijn gebruiker; het bereik neemt er
//! rechten af. Zo krijgt een datawarehouse een token dat alleen cliëntgegevens leest, en een
//! robot voor betaalruns geen toegang tot dossiers.

use std::fmt;

use crate::rol::Recht;

/// Een deel van het werk, met de rechten die erbij horen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gebied {
    /// Cliënten, dossiers, uitkeringen, contactmomenten.
    Clienten,
    /// Taken toewijzen, afwezigheid, inrichting van het werk.
    Werk,
    /// Betaalruns en betaalbestanden.
    Betalingen,
    /// Gebruikers, teams, normtabellen.
    Beheer,
    /// Audittrail en toegangslog.
    Toezicht,
}

impl Gebied {
    pub const ALLE: [Gebied; 5] = [
        Gebied::Clienten,
        Gebied::Werk,
        Gebied::Betalingen,
        Gebied::Beheer,
        Gebied::Toezicht,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Gebied::Clienten => "clienten",
            Gebied::Werk => "werk",
            Gebied::Betalingen => "betalingen",
            Gebied::Beheer => "beheer",
            Gebied::Toezicht => "toezicht",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Gebied::Clienten => "cliënten en dossiers",
            Gebied::Werk => "werkverdeling",
            Gebied::Betalingen => "betalingen",
            Gebied::Beheer => "beheer",
            Gebied::Toezicht => "toezicht",
        }
    }

    /// Het gebied van een recht.
    pub fn van(recht: Recht) -> Gebied {
        use Recht::*;
        match recht {
            ClientenInzien
            | DossiersRegistreren
            | UitkeringenBeheren
            | ContactmomentenVastleggen
            | ContactmomentenInzien => Gebied::Clienten,
            TakenToewijzen | WerkInrichten | AfwezigheidRegistreren => Gebied::Werk,
            BetaalrunStarten | BetaalrunGoedkeuren | BetaalbestandDownloaden => Gebied::Betalingen,
            GebruikersBeheren | TeamsBeheren | TeamsInzien | NormenBeheren => Gebied::Beheer,
            AuditInzien | ToegangslogInzien => Gebied::Toezicht,
        }
    }
}

/// Rechten die alleen lezen. Het betaalbestand downloaden leest, maar zet de run op
/// geëxporteerd en geeft van iedereen naam en IBAN: dat is geen lezen.
pub fn alleen_lezen(recht: Recht) -> bool {
    use Recht::*;
    matches!(
        recht,
        ClientenInzien | ContactmomentenInzien | TeamsInzien | AuditInzien | ToegangslogInzien
    )
}

/// Het bereik van een token. Opgeslagen als `lezen` of `schrijven`, eventueel gevolgd door de
/// gebieden: `lezen:clienten,werk`. Zonder gebieden: alle gebieden.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tokenbereik {
    pub schrijven: bool,
    /// Leeg: alle gebieden.
    pub gebieden: Vec<Gebied>,
}

impl Tokenbereik {
    /// Alles wat de gebruiker mag (de tokens van vóór het bereik, en `vangnet gebruiker token`
    /// zonder `--bereik`).
    pub fn alles() -> Self {
        Self {
            schrijven: true,
            gebieden: Vec::new(),
        }
    }

    pub fn lezen() -> Self {
        Self {
            schrijven: false,
            gebieden: Vec::new(),
        }
    }

    /// Leest `lezen`, `schrijven`, `lezen:clienten,werk`; witruimte en hoofdletters tellen niet.
    pub fn parse(tekst: &str) -> Result<Self, String> {
        let tekst = tekst.trim().to_lowercase();
        let (soort, gebieden) = match tekst.split_once(':') {
            Some((s, g)) => (s.trim().to_owned(), Some(g.to_owned())),
            None => (tekst.clone(), None),
        };
        let schrijven = match soort.as_str() {
            "lezen" => false,
            "schrijven" => true,
            _ => {
                return Err(format!(
                    "Het bereik begint met lezen of schrijven, niet met '{soort}' (bv. lezen:clienten,werk)."
                ))
            }
        };
        let mut lijst = Vec::new();
        if let Some(g) = gebieden {
            for deel in g.split(',').map(str::trim) {
                let gebied = Gebied::ALLE
                    .into_iter()
                    .find(|x| x.code() == deel)
                    .ok_or_else(|| {
                        format!(
                            "Onbekend gebied '{deel}'; kies uit {}.",
                            Gebied::ALLE.map(Gebied::code).join(", ")
                        )
                    })?;
                if !lijst.contains(&gebied) {
                    lijst.push(gebied);
                }
            }
            if lijst.is_empty() {
                return Err("Noem na de dubbele punt ten minste één gebied.".into());
            }
            lijst.sort();
        }
        Ok(Self {
            schrijven,
            gebieden: lijst,
        })
    }

    /// Staat het bereik dit recht toe (los van de rollen van de gebruiker)?
    pub fn staat_toe(&self, recht: Recht) -> bool {
        (self.schrijven || alleen_lezen(recht))
            && (self.gebieden.is_empty() || self.gebieden.contains(&Gebied::van(recht)))
    }
}

/// De opgeslagen vorm: `lezen`, `schrijven:betalingen`.
impl fmt::Display for Tokenbereik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.schrijven { "schrijven" } else { "lezen" })?;
        if !self.gebieden.is_empty() {
            let codes: Vec<&str> = self.gebieden.iter().map(|g| g.code()).collect();
            write!(f, ":{}", codes.join(","))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lezen_en_terugschrijven() {
        // (invoer, opgeslagen vorm)
        let gevallen = [
            ("lezen", "lezen"),
            ("schrijven", "schrijven"),
            (" Lezen : Werk , clienten ", "lezen:clienten,werk"),
            ("schrijven:betalingen,betalingen", "schrijven:betalingen"),
        ];
        for (invoer, vorm) in gevallen {
            let b = Tokenbereik::parse(invoer).unwrap();
            assert_eq!(b.to_string(), vorm, "{invoer}");
            assert_eq!(Tokenbereik::parse(vorm).unwrap(), b, "{vorm}");
        }
        for fout in [
            "",
            "alles",
            "lezen:",
            "lezen:geld",
            "schrijven:clienten,,werk",
        ] {
            assert!(Tokenbereik::parse(fout).is_err(), "{fout:?}");
        }
    }

    #[test]
    fn wat_een_bereik_toestaat() {
        use Recht::*;
        // (bereik, recht, toegestaan)
        let gevallen = [
            ("schrijven", UitkeringenBeheren, true),
            ("lezen", ClientenInzien, true),
            ("lezen", UitkeringenBeheren, false),
            ("lezen", BetaalbestandDownloaden, false),
            ("lezen:clienten", ContactmomentenInzien, true),
            ("lezen:clienten", AuditInzien, false),
            ("schrijven:betalingen", BetaalrunGoedkeuren, true),
            ("schrijven:betalingen", ClientenInzien, false),
            ("schrijven:werk,toezicht", ToegangslogInzien, true),
        ];
        for (bereik, recht, mag) in gevallen {
            assert_eq!(
                Tokenbereik::parse(bereik).unwrap().staat_toe(recht),
                mag,
                "{bereik} {recht:?}"
            );
        }
    }
}
