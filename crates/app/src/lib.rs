//! De use cases van Vangnet: één functie per handeling van een gebruiker.
//!
//! Elke use case krijgt een [`Context`] (wie handelt, onder welk operatie-id), controleert eerst
//! het recht van die actor, doet zijn werk in één schrijftransactie en schrijft in diezelfde
//! transactie het auditrecord. Inzage in persoonsgegevens schrijft een regel in het toegangslog.
//! De opslag is een interface die deze crate zelf definieert ([`opslag`]); de store-crate
//! implementeert haar voor SQLite en PostgreSQL. Hier staat geen HTML en geen SQL.

pub mod account;
pub mod audit;
pub mod beheer;
pub mod beheerverzoeken;
pub mod berekening;
pub mod bestanden;
pub mod betaalruns;
pub mod clienten;
pub mod contact;
pub mod demo;
pub mod dossiertijdlijn;
pub mod eenmalig;
pub mod fout;
pub mod geheim;
pub(crate) mod handeling;
pub mod jobs;
pub mod kalender;
pub mod ketens;
pub mod klok;
pub mod normen;
pub mod opslag;
pub mod rekeningen;
pub mod toegang;
pub mod uitkeringen;
pub mod vermogen;
pub mod voorschotten;
pub mod werk;
pub mod zegel;

use std::sync::Arc;

pub use fout::AppFout;
pub use klok::Klok;
pub use opslag::Opslag;
use vangnet_domain::rol::heeft_recht;
pub use vangnet_domain::tokenbereik::Tokenbereik;
use vangnet_domain::{Recht, Rol};

/// Instellingen die het gedrag van de use cases bepalen.
#[derive(Debug, Clone)]
pub struct Instellingen {
    /// Een sessie vervalt na zoveel minuten zonder verzoek.
    pub sessie_inactief_minuten: i64,
    /// Een sessie vervalt hoe dan ook na zoveel uren.
    pub sessie_max_uren: i64,
    /// Zoveel mislukte pogingen op één naam vanaf één adres (binnen het venster) zijn vrij;
    /// daarna wacht die combinatie steeds langer (1, 2, 4 … minuten, hoogstens het venster).
    pub vrije_pogingen: i64,
    /// Zoveel mislukte pogingen per netwerkadres binnen het venster blokkeren dat adres tijdelijk.
    pub max_pogingen_per_adres: i64,
    /// Het venster voor de inlogdrempel, in minuten.
    pub pogingen_venster_minuten: i64,
    /// De rekening van de gemeente en de maand van de vakantietoeslag (betaalruns).
    pub betaling: betaalruns::Betaalinstellingen,
    /// Het ankerbestand buiten de database (zie [`ketens`]); zonder: geen ankers.
    pub ankers: Option<std::path::PathBuf>,
    /// Na zo lang zonder hartslag neemt een andere werker een lopende job over (zie [`jobs`]).
    pub job_overname: chrono::Duration,
}

impl Default for Instellingen {
    fn default() -> Self {
        Self {
            sessie_inactief_minuten: 30,
            sessie_max_uren: 12,
            vrije_pogingen: 5,
            max_pogingen_per_adres: 20,
            pogingen_venster_minuten: 15,
            betaling: betaalruns::Betaalinstellingen::default(),
            ankers: None,
            job_overname: vangnet_domain::job::OVERNAME_NA,
        }
    }
}

/// De applicatie: opslag, klok, instellingen en de geldende normtabellen. Goedkoop te klonen.
#[derive(Clone)]
pub struct App {
    pub opslag: Arc<dyn Opslag>,
    pub klok: Arc<dyn Klok>,
    pub instellingen: Instellingen,
    /// De laatst gelezen normtabellen (zie [`normen`]).
    normen: Arc<normen::Normencache>,
    /// Lang werk op de achtergrond (zie [`jobs`]).
    jobs: Arc<jobs::Jobs>,
    /// Het geheim waarmee het CSRF-token van het inlogformulier aan de voorsessie hangt (zie
    /// [`App::inlog_csrf`]); één keer uit de database gelezen.
    inlog_geheim: Arc<tokio::sync::OnceCell<Vec<u8>>>,
    /// Welke namen wie vandaag al bij een taak zag (zie [`toegang::Getoond`]).
    getoond: Arc<toegang::Getoond>,
    /// De toegangsregels van lezers, gebundeld vastgelegd (zie [`toegang::Bundel`]).
    toegangsbundel: Arc<toegang::Bundel>,
}

impl App {
    pub fn nieuw(opslag: Arc<dyn Opslag>, klok: Arc<dyn Klok>, instellingen: Instellingen) -> Self {
        Self {
            opslag,
            klok,
            instellingen,
            normen: Arc::default(),
            jobs: Arc::default(),
            getoond: Arc::default(),
            inlog_geheim: Arc::default(),
            toegangsbundel: Arc::default(),
        }
    }
}

/// Wie handelt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Een ingelogde gebruiker (via sessie of API-token).
    Gebruiker {
        id: i64,
        gebruikersnaam: String,
        volledige_naam: String,
        rollen: Vec<Rol>,
        /// Aangemeld met een API-token: wat dat token mag (nooit meer dan de rollen). Geen: via
        /// de browser.
        bereik: Option<Tokenbereik>,
    },
    /// Vangnet zelf of iemand met toegang tot de opdrachtregel en de database
    /// (`vangnet gebruiker …`, de eerste start). Heeft alle rechten.
    Systeem { via: &'static str },
}

impl Actor {
    pub fn gebruiker_id(&self) -> Option<i64> {
        match self {
            Actor::Gebruiker { id, .. } => Some(*id),
            Actor::Systeem { .. } => None,
        }
    }

    /// Zoals in de audittrail en het toegangslog.
    pub fn omschrijving(&self) -> String {
        match self {
            Actor::Gebruiker { gebruikersnaam, .. } => gebruikersnaam.clone(),
            Actor::Systeem { via } => format!("systeem ({via})"),
        }
    }

    pub fn rollen(&self) -> &[Rol] {
        match self {
            Actor::Gebruiker { rollen, .. } => rollen,
            Actor::Systeem { .. } => &[],
        }
    }

    pub fn mag(&self, recht: Recht) -> bool {
        match self {
            Actor::Gebruiker { rollen, bereik, .. } => {
                heeft_recht(rollen, recht) && bereik.as_ref().is_none_or(|b| b.staat_toe(recht))
            }
            Actor::Systeem { .. } => true,
        }
    }

    /// De controle aan het begin van elke use case. Mag de gebruiker het wel, maar zijn token
    /// niet, dan zegt de fout dat (met het bereik).
    pub fn vereist(&self, recht: Recht) -> Result<(), AppFout> {
        if self.mag(recht) {
            return Ok(());
        }
        tracing::warn!(actor = %self.omschrijving(), ?recht, "geen recht");
        match self {
            Actor::Gebruiker {
                rollen,
                bereik: Some(b),
                ..
            } if heeft_recht(rollen, recht) => Err(AppFout::BuitenBereik(format!(
                "Het bereik van dit API-token ({b}) staat dit niet toe: het vraagt {} in het gebied {}. Maak onder Mijn account een token met een ruimer bereik.",
                if vangnet_domain::tokenbereik::alleen_lezen(recht) { "lezen" } else { "schrijven" },
                vangnet_domain::tokenbereik::Gebied::van(recht).code()
            ))),
            _ => Err(AppFout::GeenToegang),
        }
    }
}

/// De context van één handeling: wie, en onder welk operatie-id (dat ook in logs, foutpagina's,
/// de audittrail en als `trace_id` in het toegangslog staat).
#[derive(Debug, Clone)]
pub struct Context {
    pub actor: Actor,
    pub operatie_id: String,
}

impl Context {
    pub fn nieuw(actor: Actor, operatie_id: impl Into<String>) -> Self {
        Self {
            actor,
            operatie_id: operatie_id.into(),
        }
    }

    /// Voor de opdrachtregel: het systeem als actor en een vers operatie-id.
    pub fn opdrachtregel() -> Self {
        Self::nieuw(
            Actor::Systeem {
                via: "opdrachtregel",
            },
            geheim::operatie_id(),
        )
    }
}
