//! De fouten van de app-laag. De webschil vertaalt ze één keer naar een statuscode en een
//! Nederlandse melding (HTML) of problem+json (API).

use vangnet_domain::Veldfouten;

use crate::opslag::OpslagFout;

#[derive(Debug, thiserror::Error)]
pub enum AppFout {
    #[error("U bent niet ingelogd.")]
    NietIngelogd,
    #[error("Uw sessie is verlopen. Log opnieuw in.")]
    SessieVerlopen,
    #[error("U heeft geen recht op deze handeling.")]
    GeenToegang,
    /// Het API-token is verlopen (met de dag en wat te doen).
    #[error("{0}")]
    TokenVerlopen(String),
    /// De gebruiker mag het wel, maar het bereik van zijn API-token niet (met het bereik).
    #[error("{0}")]
    BuitenBereik(String),
    /// Bewust één melding voor onbekende naam, fout wachtwoord en geblokkeerd account.
    #[error("De combinatie van gebruikersnaam en wachtwoord is onjuist.")]
    InloggenMislukt,
    #[error(
        "Te veel mislukte inlogpogingen. Probeer het over {minuten} {} opnieuw.",
        if *minuten == 1 { "minuut" } else { "minuten" }
    )]
    TeVeelPogingen { minuten: i64 },
    #[error("{0}")]
    Ongeldig(Veldfouten),
    #[error("{0} bestaat niet (meer).")]
    NietGevonden(String),
    /// Iemand anders wijzigde hetzelfde intussen, of de waarde bestaat al.
    #[error("{0}")]
    Conflict(String),
    /// De versie die de gebruiker las, is niet meer de huidige (optimistische gelijktijdigheid):
    /// een ander was eerder. Op het scherm en in de API een conflict (409); stuurde een koppeling
    /// de versie als `If-Match`, dan "voorwaarde mislukt" (412).
    #[error("{0}")]
    Verouderd(String),
    #[error("{}", opslagmelding(.0))]
    Opslag(#[from] OpslagFout),
    #[error("Interne fout: {0}")]
    Intern(String),
}

impl AppFout {
    /// Eén veldfout als fout.
    pub fn veld(veld: &str, melding: impl Into<String>) -> Self {
        let mut v = Veldfouten::nieuw();
        v.voeg_toe(veld, melding);
        AppFout::Ongeldig(v)
    }
}

impl From<Veldfouten> for AppFout {
    fn from(v: Veldfouten) -> Self {
        AppFout::Ongeldig(v)
    }
}

/// Een storing (de database is onbereikbaar) of een fout in Vangnet: die twee zien er voor wie
/// het meldt verschillend uit.
fn opslagmelding(e: &OpslagFout) -> String {
    match e {
        OpslagFout::Onbereikbaar(_) => "De opslag is tijdelijk niet beschikbaar.".into(),
        e => format!("Interne fout in de opslag (een fout in Vangnet, geen storing): {e}"),
    }
}
