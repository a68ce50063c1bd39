//! De opslag die de use cases nodig hebben. De store-crate implementeert dit voor SQLite en
//! PostgreSQL; de use cases weten niet welke het is.
//!
//! Alles gebeurt in een [`Transactie`]: een schrijftransactie voor handelingen die iets
//! vastleggen (ook een regel in het toegangslog), een leestransactie voor de rest. Tijdstippen
//! gaan als tekst in de vaste vorm van `vangnet_domain::tijd::instant_tekst`.

use async_trait::async_trait;
use vangnet_domain::audit::Ketensleutel;

#[derive(Debug, thiserror::Error)]
pub enum OpslagFout {
    /// Een unieke sleutel bestaat al (de naam van de beperking of kolom staat erbij).
    #[error("bestaat al: {0}")]
    Uniek(String),
    /// Een record dat niet gewijzigd of verwijderd mag worden (audittrail).
    #[error("alleen toevoegen toegestaan: {0}")]
    AlleenToevoegen(String),
    /// De database is niet te bereiken of even bezet (verbinding weg, pool op, vergrendeld):
    /// opnieuw proberen kan helpen.
    #[error("database onbereikbaar: {0}")]
    Onbereikbaar(String),
    /// Elke andere fout van de database of van het lezen van wat ze teruggaf: een fout in Vangnet
    /// (of in de gegevens), geen storing.
    #[error("database: {0}")]
    Database(String),
}

pub type Uitkomst<T> = Result<T, OpslagFout>;

#[async_trait]
pub trait Opslag: Send + Sync {
    /// Een transactie die schrijft. Schrijftransacties volgen elkaar op; ze wachten niet op lezers.
    async fn schrijf(&self) -> Uitkomst<Box<dyn Transactie>>;
    /// Een schrijftransactie waarvan de commit ook een crash van het besturingssysteem of een
    /// stroomstoring overleeft (SQLite: `synchronous = FULL` voor deze transactie; PostgreSQL:
    /// altijd zo). Voor wat geld beweegt: een run goedkeuren, een betaalbestand maken.
    async fn schrijf_duurzaam(&self) -> Uitkomst<Box<dyn Transactie>>;
    /// Een transactie die alleen leest.
    async fn lees(&self) -> Uitkomst<Box<dyn Leestransactie>>;
    /// Een leestransactie voor wat een moment verouderd mag zijn (nu: zoeken): op een
    /// leesreplica als die is ingesteld en bereikbaar (PostgreSQL, `--database-url-lezen`),
    /// anders als [`Opslag::lees`]. Nooit voor wat iemand net zelf vastlegde en nu wil zien.
    async fn lees_mag_verouderd(&self) -> Uitkomst<Box<dyn Leestransactie>>;
    /// Is de database bereikbaar (om te lezen)?
    async fn gezond(&self) -> bool;
    /// Is de leesreplica bereikbaar? Geen: er is er geen ingesteld.
    async fn replica_gezond(&self) -> Option<bool>;
    /// Kan er geschreven worden? Begint een schrijftransactie en rolt haar terug. Wacht zo lang
    /// als een schrijfhandeling zou wachten; wie dat niet wil, zet er een eigen tijdslimiet om.
    async fn schrijfproef(&self) -> Uitkomst<()>;
    /// De sleutel van de ketens, als die is ingesteld (zie `ketensleutel`).
    fn ketensleutel(&self) -> Option<&Ketensleutel>;
    /// Na een grote bulkinvoer, buiten een transactie: statistieken en (PostgreSQL) VACUUM.
    async fn onderhoud_na_bulkinvoer(&self) -> Uitkomst<()>;
    /// Vóór massaal werk (de betaalrun), buiten een transactie: SQLite schrijft het
    /// write-ahead-log terug in het databasebestand, zodat elke paginavraag van de run niet eerst
    /// een log van honderden megabytes doorzoekt. Zonder iemand te laten wachten: de schrijver
    /// blijft vrij voor medewerkers. PostgreSQL: niets.
    async fn log_terugschrijven(&self) -> Uitkomst<()>;
    /// `sqlite` of `postgresql`.
    fn engine(&self) -> &'static str;
}

mod accounts;
mod audit;
mod betaalruns;
mod contact;
mod dossiers;
mod installatie;
mod jobs;
mod normen;
mod personen;
mod toegang;
mod uitkeringen;
mod werk;

pub use accounts::*;
pub use audit::*;
pub use betaalruns::*;
pub use contact::*;
pub use dossiers::*;
pub use installatie::*;
pub use jobs::*;
pub use normen::*;
pub use personen::*;
pub use toegang::*;
pub use uitkeringen::*;
pub use werk::*;

/// Een transactie die alleen leest: de leesdelen van elk aggregaat.
#[async_trait]
pub trait Leestransactie:
    AccountsLezen
    + AudittrailLezen
    + ToegangslogLezen
    + PersonenLezen
    + DossiersLezen
    + UitkeringenLezen
    + BetaalrunsLezen
    + WerkLezen
    + ContactLezen
    + NormenLezen
    + InstallatieLezen
    + JobsLezen
    + Send
{
    /// De sleutel van de audittrail en de toegangsketen (buiten de database bewaard), als die is
    /// ingesteld.
    fn ketensleutel(&self) -> Option<&Ketensleutel>;

    /// Maakt van deze net begonnen leestransactie één momentopname voor alles wat volgt (een
    /// controle die minuten loopt, ziet niets wat intussen wordt vastgelegd). PostgreSQL:
    /// REPEATABLE READ, alleen lezen; een SQLite-leestransactie is dat al.
    async fn momentopname(&mut self) -> Uitkomst<()>;

    /// Hoeveel schrijftransacties er tot nu toe (in deze momentopname) zijn vastgelegd, door
    /// welk proces ook; elke commit telt één op. Wie in een momentopname rekende, ziet zo bij het
    /// schrijven of er sindsdien iets anders is vastgelegd. Alleen op SQLite (één schrijver);
    /// PostgreSQL telt niet en geeft `None`.
    async fn schrijfteller(&mut self) -> Uitkomst<Option<i64>>;

    /// Beëindigt de transactie zonder iets vast te leggen (een leestransactie heeft niets vast
    /// te leggen; wat een schrijftransactie deed, vervalt).
    async fn afsluiten(self: Box<Self>) -> Uitkomst<()>;
}

/// Een transactie die schrijft: alles wat een leestransactie kan, en de schrijfdelen.
#[async_trait]
pub trait Transactie:
    Leestransactie
    + Accounts
    + Audittrail
    + Toegangslog
    + Personen
    + Dossiers
    + Uitkeringen
    + Betaalruns
    + Werk
    + Contact
    + Normen
    + Installatie
    + Jobs
{
    /// Legt vast. Schreef de transactie regels in het toegangslog, dan komt er eerst per partij
    /// een schakel in de toegangsketen bij ([`vangnet_domain::toegangsketen`]).
    async fn commit(self: Box<Self>) -> Uitkomst<()>;
}
