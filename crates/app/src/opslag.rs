//! De opslag die de use cases nodig hebben. De store-crate implementeert dit voor SQLite en
//! PostgreSQL; de use cases weten niet welke het is.
//!
//! Alles gebeurt in een [`Transactie`]: een schrijftransactie voor handelingen die iets
//! vastleggen (ook een regel in het toegangslog), een leestransactie voor de rest. Tijdstippen
//! gaan als tekst in de vaste vorm van `vangnet_domain::tijd::instant_tekst`.

use async_trait::async_trait;
use serde::Serialize;
use vangnet_domain::audit::{GeketendRecord, Ketensleutel};
use vangnet_domain::beheerverzoek::{Verzoeksoort, Verzoekstatus};
use vangnet_domain::toegangsketen::{Schakel, Toegangsregel};
use vangnet_domain::Rol;

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
    async fn lees(&self) -> Uitkomst<Box<dyn Transactie>>;
    /// Is de database bereikbaar (om te lezen)?
    async fn gezond(&self) -> bool;
    /// Kan er geschreven worden? Begint een schrijftransactie en rolt haar terug. Wacht zo lang
    /// als een schrijfhandeling zou wachten; wie dat niet wil, zet er een eigen tijdslimiet om.
    async fn schrijfproef(&self) -> Uitkomst<()>;
    /// De sleutel van de ketens, als die is ingesteld (zie [`Transactie::ketensleutel`]).
    fn ketensleutel(&self) -> Option<&Ketensleutel>;
    /// Na een grote bulkinvoer, buiten een transactie: statistieken en (PostgreSQL) VACUUM.
    async fn onderhoud_na_bulkinvoer(&self) -> Uitkomst<()>;
    /// Vóór massaal werk (de betaalrun), buiten een transactie: SQLite schrijft het
    /// write-ahead-log terug in het databasebestand en maakt het leeg, zodat elke paginavraag van
    /// de run niet eerst een log van honderden megabytes doorzoekt. PostgreSQL: niets.
    async fn log_terugschrijven(&self) -> Uitkomst<()>;
    /// `sqlite` of `postgresql`.
    fn engine(&self) -> &'static str;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GebruikerRij {
    pub id: i64,
    pub gebruikersnaam: String,
    pub volledige_naam: String,
    #[serde(skip)]
    pub wachtwoord_hash: String,
    pub moet_wachtwoord_wijzigen: bool,
    pub geblokkeerd: bool,
    pub rollen: Vec<Rol>,
    /// Voor optimistische vergrendeling: elke wijziging verhoogt de versie.
    pub versie: i64,
    pub aangemaakt_op: String,
    pub gewijzigd_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRij {
    pub id: i64,
    pub naam: String,
    pub omschrijving: String,
    pub versie: i64,
    pub aangemaakt_op: String,
    pub gewijzigd_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessieRij {
    /// SHA-256 van de sessiesleutel in het cookie; de sleutel zelf wordt niet bewaard.
    pub sleutel_hash: String,
    pub gebruiker_id: i64,
    pub csrf_token: String,
    pub aangemaakt_op: String,
    pub laatst_actief_op: String,
    pub adres: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenRij {
    pub id: i64,
    pub gebruiker_id: i64,
    pub omschrijving: String,
    #[serde(skip)]
    pub token_hash: String,
    /// De eerste tekens van het token, om het te herkennen in een lijst.
    pub voorvoegsel: String,
    pub aangemaakt_op: String,
    pub laatst_gebruikt_op: Option<String>,
    pub ingetrokken_op: Option<String>,
}

/// Een verzoek van een functioneel beheerder dat een tweede moet beoordelen (issue 17, punt 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BeheerverzoekRij {
    pub id: i64,
    pub soort: Verzoeksoort,
    /// De gebruiker die de rollen krijgt; 0 als het verzoek niet over een gebruiker gaat.
    pub gebruiker_id: i64,
    /// JSON: de rollen die erbij komen (codes), of de nieuwe inrichting van vier ogen.
    pub inhoud: String,
    pub reden: String,
    pub aangevraagd_door: i64,
    pub aangevraagd_op: String,
    pub status: Verzoekstatus,
    pub beoordeeld_door: Option<i64>,
    pub beoordeeld_op: Option<String>,
    pub afwijsreden: Option<String>,
    pub versie: i64,
}

/// Een regel in het toegangslog, naar het model van Logboek Dataverwerkingen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToegangRij {
    pub id: i64,
    pub trace_id: String,
    pub span_id: String,
    pub tijdstip: String,
    pub gebruiker_id: Option<i64>,
    pub gebruiker: String,
    pub verwerkingsactiviteit: String,
    pub betrokkene_type: String,
    pub betrokkene_id: String,
    pub omschrijving: String,
}

/// Filter voor de audittrail; lege velden filteren niet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub actie: Option<String>,
    pub onderwerp_type: Option<String>,
    pub onderwerp_id: Option<String>,
    /// Vanaf dit tijdstip (inclusief), vaste vorm.
    pub van: Option<String>,
    /// Tot dit tijdstip (exclusief), vaste vorm.
    pub tot: Option<String>,
}

/// Een vastgelegde verwerking in het toegangslog: de vaste gegevens staan één keer in de opslag,
/// elke betrokkene is een regel die ernaar verwijst (zo leest een betaalrun 1,4 miljoen personen
/// in één verwerking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verwerking {
    pub id: i64,
    /// `JJJJ-MM` van het tijdstip (de sleutel waaronder de regels per betrokkene staan).
    pub maand: String,
    /// De vaste gegevens zoals vastgelegd (zonder betrokkene), voor de toegangsketen.
    pub gegevens: ToegangRij,
}

/// Filter voor het toegangslog; lege velden filteren niet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToegangFilter {
    pub gebruiker: Option<String>,
    pub betrokkene_type: Option<String>,
    pub betrokkene_id: Option<String>,
    pub verwerkingsactiviteit: Option<String>,
    pub van: Option<String>,
    pub tot: Option<String>,
}

/// De historie van een feit: materieel (`geldig_*`, datums `jjjj-mm-dd`, tot niet meegerekend) en
/// formeel (`geregistreerd_op`/`vervallen_op`, tijdstippen), met de operatie die het vastlegde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Historie {
    pub geldig_vanaf: String,
    pub geldig_tot: Option<String>,
    pub geregistreerd_op: String,
    pub vervallen_op: Option<String>,
    pub operatie_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersoonRij {
    pub id: i64,
    pub bsn: i64,
    pub versie: i64,
    pub aangemaakt_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersoonsgegevensRij {
    pub id: i64,
    pub persoon_id: i64,
    pub voornamen: String,
    pub voorvoegsel: String,
    pub geslachtsnaam: String,
    pub zoeknaam: String,
    pub zoeknaam_volledig: String,
    pub geboortedatum: String,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdresRij {
    pub id: i64,
    pub persoon_id: i64,
    pub straat: String,
    pub huisnummer: i64,
    pub huisletter: Option<String>,
    pub toevoeging: Option<String>,
    /// Zonder spatie: `3011AB`.
    pub postcode: String,
    pub woonplaats: String,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankrekeningRij {
    pub id: i64,
    pub persoon_id: i64,
    pub iban: String,
    pub tenaamstelling: String,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HuishoudlidRij {
    pub id: i64,
    pub huishouden_id: i64,
    pub persoon_id: i64,
    /// `aanvrager`, `partner:gehuwd`, `kind`, `medebewoner:student`, …
    pub rol: String,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DossierRij {
    pub id: i64,
    pub nummer: String,
    pub huishouden_id: i64,
    pub client_id: i64,
    pub zaaktype: String,
    pub status: String,
    /// Datum van ontvangst, `jjjj-mm-dd`.
    pub ontvangen_op: String,
    pub team_id: Option<i64>,
    pub consulent_id: Option<i64>,
    pub versie: i64,
    pub aangemaakt_op: String,
    pub gewijzigd_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GebeurtenisRij {
    pub id: i64,
    pub dossier_id: i64,
    pub tijdstip: String,
    pub actor: String,
    pub soort: String,
    pub omschrijving: String,
    pub operatie_id: String,
}

/// Een geladen set normtabellen (de inhoud is het TOML-bestand zoals geladen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormensetRij {
    pub id: i64,
    pub geladen_op: String,
    pub geladen_door: String,
    pub bestandsnaam: String,
    pub sha256: String,
    /// Leeg in een lijst ([`Transactie::normensets`]).
    #[serde(skip)]
    pub inhoud: String,
    pub operatie_id: String,
}

/// Een contactmoment (issue 8). `door` is de naam van wie het vastlegde (alleen gelezen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactmomentRij {
    pub id: i64,
    pub persoon_id: Option<i64>,
    pub dossier_id: Option<i64>,
    pub kanaal: String,
    pub richting: String,
    pub beller: String,
    pub derde_naam: Option<String>,
    pub onderwerp: String,
    pub tekst: String,
    pub uitkomst: String,
    pub telefoonnummer: Option<String>,
    pub tijdstip: String,
    pub duur_minuten: Option<i64>,
    pub gevoelig: bool,
    pub geregistreerd_door: i64,
    pub door: String,
    pub taak_id: Option<i64>,
    pub vervolg_op: Option<i64>,
    pub gekoppeld_op: Option<String>,
    pub versie: i64,
}

/// Een onderwerp uit de lijst die de functioneel beheerder inricht.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactonderwerpRij {
    pub code: String,
    pub omschrijving: String,
    pub volgorde: i64,
    pub actief: bool,
}

/// Een taak in de werkvoorraad. Datums `jjjj-mm-dd`, tijdstippen in de vaste vorm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaakRij {
    pub id: i64,
    /// Code van `vangnet_domain::werk::Taaksoort`.
    pub soort: String,
    pub omschrijving: String,
    pub dossier_id: Option<i64>,
    pub persoon_id: Option<i64>,
    pub aangemaakt_op: String,
    /// De dag vanaf waar de servicenorm telt.
    pub begindatum: String,
    pub deadline: String,
    /// Vanaf deze dag staat de taak op risico (`vangnet_domain::werk::risico_vanaf`).
    pub risico_vanaf: String,
    pub wettelijk: bool,
    pub waarschuwen_werkdagen: i64,
    pub team_id: Option<i64>,
    pub gebruiker_id: Option<i64>,
    /// Code van `vangnet_domain::werk::Taakstatus`.
    pub status: String,
    pub prioriteit: i64,
    /// De teamleider heeft al een melding gekregen dat de taak te laat is.
    pub te_laat_gemeld: bool,
    pub gereed_op: Option<String>,
    pub versie: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaakgebeurtenisRij {
    pub id: i64,
    pub taak_id: i64,
    pub tijdstip: String,
    pub actor: String,
    pub soort: String,
    pub omschrijving: String,
    pub operatie_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServicenormRij {
    pub soort: String,
    pub eenheid: String,
    pub aantal: i64,
    pub waarschuwen_werkdagen: i64,
    pub gewijzigd_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostcodegebiedRij {
    pub id: i64,
    pub van: i64,
    pub tot_en_met: i64,
    pub team_id: i64,
    /// De naam van het team (bij lezen).
    pub team: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AfwezigheidRij {
    pub id: i64,
    pub gebruiker_id: i64,
    pub van: String,
    pub tot_en_met: String,
    pub reden: String,
    pub aangemaakt_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UitsluitingRij {
    pub id: i64,
    pub gebruiker_id: i64,
    pub persoon_id: i64,
    pub reden: String,
    pub aangemaakt_op: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingRij {
    pub id: i64,
    pub gebruiker_id: i64,
    pub tijdstip: String,
    pub tekst: String,
    pub taak_id: Option<i64>,
    pub gelezen_op: Option<String>,
}

/// Een toegekende uitkering met haar besluit. Datums `jjjj-mm-dd`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UitkeringRij {
    pub id: i64,
    pub dossier_id: i64,
    pub begindatum: String,
    /// De eerste dag zonder uitkering.
    pub einddatum: Option<String>,
    pub einde_reden: Option<String>,
    pub besluit_datum: String,
    pub besluit_door: String,
    pub besluit_inhoud: String,
    pub grondslag: String,
    pub bezwaar_tot: String,
    pub versie: i64,
    pub aangemaakt_op: String,
}

/// Een mutatie op een uitkering. `gegevens` is JSON met de velden van de soort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MutatieRij {
    pub id: i64,
    pub uitkering_id: i64,
    pub soort: String,
    pub ingangsdatum: String,
    /// Voor een periode (verlaging, opschorting): de eerste dag erna.
    pub einddatum: Option<String>,
    pub gegevens: String,
    pub reden: String,
    /// `te_beoordelen`, `goedgekeurd`, `afgewezen`, `vervallen`.
    pub status: String,
    pub vier_ogen: bool,
    pub impact_centen: i64,
    pub geregistreerd_door: Option<i64>,
    pub geregistreerd_op: String,
    pub beoordeeld_door: Option<i64>,
    pub beoordeeld_op: Option<String>,
    pub afwijsreden: Option<String>,
    pub corrigeert_id: Option<i64>,
    pub operatie_id: String,
    pub versie: i64,
}

/// Het berekende (en later betaalde) bedrag van een uitkering in een maand (`jjjj-mm-01`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaandbedragRij {
    pub uitkering_id: i64,
    pub maand: String,
    pub berekend_centen: i64,
    pub betaald_centen: Option<i64>,
    pub berekend_op: String,
}

/// Een verschil dat de betaalrun moet verrekenen: positief een nabetaling, negatief te veel
/// betaald (een vordering om te beoordelen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectieRij {
    pub id: i64,
    pub uitkering_id: i64,
    pub maand: String,
    pub bedrag_centen: i64,
    pub oorzaak: String,
    pub mutatie_id: Option<i64>,
    pub aangemaakt_op: String,
    pub verrekend_op: Option<String>,
    /// `maand` of `vakantietoeslag` ([`vangnet_domain::betaalrun::Correctiesoort`]).
    pub soort: String,
}

/// Een betaalrun (issue 7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BetaalrunRij {
    pub id: i64,
    /// `jjjj-mm-01`.
    pub maand: String,
    pub betaaldatum: String,
    pub status: String,
    pub gestart_door: i64,
    pub gestart_op: String,
    pub berekend_op: Option<String>,
    pub goedgekeurd_door: Option<i64>,
    pub goedgekeurd_op: Option<String>,
    pub geexporteerd_op: Option<String>,
    /// Regels die naar de bank gaan, en hun som.
    pub aantal_betalingen: i64,
    pub totaal_centen: i64,
    pub versie: i64,
}

/// Eén regel van een betaalrun: een betaling, een vastgehouden bedrag of een voorgestelde
/// vordering, met de uitleg (JSON) zoals de cliënt die op de specificatie leest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BetaalregelRij {
    pub id: i64,
    pub run_id: i64,
    pub uitkering_id: i64,
    pub dossier_id: i64,
    pub dossiernummer: String,
    pub categorie: String,
    pub maand: String,
    pub bedrag_centen: i64,
    pub correctie_id: Option<i64>,
    pub reden: Option<String>,
    pub iban: Option<String>,
    pub naam: String,
    pub omschrijving: String,
    pub kenmerk: String,
    pub uitleg: String,
}

/// Een regel waarvoor het goedkeuren van een run een taak maakt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BetaalregelVoorTaak {
    pub dossier_id: i64,
    pub dossiernummer: String,
    /// Code van `vangnet_domain::betaalrun::Categorie`.
    pub categorie: String,
    pub reden: Option<String>,
}

/// Eén overboeking zoals het betaalbestand haar nodig heeft (zonder uitleg).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BetalingRij {
    pub id: i64,
    pub bedrag_centen: i64,
    pub naam: String,
    pub iban: String,
    pub omschrijving: String,
    pub kenmerk: String,
}

/// Aantal en som van de regels van één categorie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Categorietotaal {
    pub categorie: String,
    pub aantal: i64,
    pub som_centen: i64,
}

/// Het reguliere bedrag van een dossier in deze en in de vorige definitieve run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Runverschil {
    pub dossiernummer: String,
    pub dossier_id: i64,
    pub vorig_centen: i64,
    pub nu_centen: i64,
}

/// Een vordering (te veel betaald), te beoordelen door de consulent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VorderingRij {
    pub id: i64,
    pub uitkering_id: i64,
    pub dossier_id: i64,
    pub correctie_id: i64,
    pub run_id: i64,
    pub maand: String,
    pub bedrag_centen: i64,
    pub status: String,
    pub aangemaakt_op: String,
}

/// Een waarde voor bulkinvoer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waarde {
    Getal(i64),
    Tekst(String),
    /// NULL in een tekstkolom.
    GeenTekst,
    /// NULL in een getalkolom (PostgreSQL wil het type weten).
    GeenGetal,
}

/// Waar de opslag op zoekt (de herkende zoekvraag, in opslagtermen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoeksleutel {
    Bsn(i64),
    Dossiernummer(String),
    Geboortedatum(String),
    /// Compacte postcode en eventueel huisnummer.
    Adres(String, Option<i64>),
    /// Begin van de zoeknaam (met of zonder voorvoegsel).
    Naam(String),
}

#[async_trait]
pub trait Transactie: Send {
    /// Legt vast. Schreef de transactie regels in het toegangslog, dan komt er eerst per partij
    /// een schakel in de toegangsketen bij ([`vangnet_domain::toegangsketen`]).
    async fn commit(self: Box<Self>) -> Uitkomst<()>;
    /// De sleutel van de audittrail en de toegangsketen (buiten de database bewaard), als die is
    /// ingesteld.
    fn ketensleutel(&self) -> Option<&Ketensleutel>;

    /// Maakt van deze net begonnen leestransactie één momentopname voor alles wat volgt (een
    /// controle die minuten loopt, ziet niets wat intussen wordt vastgelegd). PostgreSQL:
    /// REPEATABLE READ, alleen lezen; een SQLite-leestransactie is dat al.
    async fn momentopname(&mut self) -> Uitkomst<()>;

    // Gebruikers
    async fn gebruiker_invoegen(&mut self, g: &GebruikerRij) -> Uitkomst<i64>;
    async fn gebruiker_op_id(&mut self, id: i64) -> Uitkomst<Option<GebruikerRij>>;
    async fn gebruiker_op_naam(&mut self, naam: &str) -> Uitkomst<Option<GebruikerRij>>;
    async fn gebruikers(&mut self) -> Uitkomst<Vec<GebruikerRij>>;
    async fn aantal_gebruikers(&mut self) -> Uitkomst<i64>;
    /// Schrijft alle velden en rollen van `g` als de versie in de database nog `g.versie - 1` is.
    /// `false`: iemand anders was eerder (niets gewijzigd).
    async fn gebruiker_bijwerken(&mut self, g: &GebruikerRij) -> Uitkomst<bool>;

    // Teams
    async fn team_invoegen(&mut self, t: &TeamRij) -> Uitkomst<i64>;
    async fn team_op_id(&mut self, id: i64) -> Uitkomst<Option<TeamRij>>;
    async fn teams(&mut self) -> Uitkomst<Vec<TeamRij>>;
    /// Het team met deze naam, zonder op hoofdletters te letten.
    async fn team_op_naam(&mut self, naam: &str) -> Uitkomst<Option<TeamRij>>;
    /// Zoals `gebruiker_bijwerken`: alleen als de versie nog `t.versie - 1` is.
    async fn team_bijwerken(&mut self, t: &TeamRij) -> Uitkomst<bool>;
    async fn teamleden(&mut self, team_id: i64) -> Uitkomst<Vec<GebruikerRij>>;
    async fn teams_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TeamRij>>;
    /// `false` als de gebruiker al lid was.
    async fn teamlid_toevoegen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool>;
    /// `false` als de gebruiker geen lid was.
    async fn teamlid_verwijderen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool>;

    // Sessies
    async fn sessie_invoegen(&mut self, s: &SessieRij) -> Uitkomst<()>;
    async fn sessie_op_hash(&mut self, sleutel_hash: &str) -> Uitkomst<Option<SessieRij>>;
    async fn sessie_aanraken(&mut self, sleutel_hash: &str, tijdstip: &str) -> Uitkomst<()>;
    async fn sessie_verwijderen(&mut self, sleutel_hash: &str) -> Uitkomst<()>;
    /// Alle sessies van een gebruiker behalve (optioneel) één.
    async fn sessies_verwijderen_van(
        &mut self,
        gebruiker_id: i64,
        behalve: Option<&str>,
    ) -> Uitkomst<u64>;

    // API-tokens
    async fn token_invoegen(&mut self, t: &TokenRij) -> Uitkomst<i64>;
    async fn token_op_hash(&mut self, token_hash: &str) -> Uitkomst<Option<TokenRij>>;
    async fn tokens_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TokenRij>>;
    async fn token_intrekken(&mut self, id: i64, tijdstip: &str) -> Uitkomst<bool>;
    async fn token_gebruikt(&mut self, id: i64, tijdstip: &str) -> Uitkomst<()>;

    // Inlogpogingen (voor de drempel tegen raden)
    async fn inlogpoging_vastleggen(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        tijdstip: &str,
        gelukt: bool,
    ) -> Uitkomst<()>;
    /// Het aantal mislukte pogingen op deze naam vanaf dit adres sinds `sinds`, en het tijdstip
    /// van de laatste.
    async fn mislukte_pogingen_paar(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        sinds: &str,
    ) -> Uitkomst<(i64, Option<String>)>;
    async fn mislukte_pogingen_adres(&mut self, adres: &str, sinds: &str) -> Uitkomst<i64>;
    /// Mislukte pogingen op een gebruikersnaam sinds `sinds`, vanaf elk adres.
    async fn mislukte_pogingen_naam(&mut self, gebruikersnaam: &str, sinds: &str) -> Uitkomst<i64>;
    /// Ruimt sessies op die sinds `sessies_voor` niet meer actief waren, en inlogpogingen van
    /// vóór `pogingen_voor` (de audittrail bewaart de mislukte pogingen).
    async fn oude_sporen_opruimen(
        &mut self,
        sessies_voor: &str,
        pogingen_voor: &str,
    ) -> Uitkomst<()>;

    // Audittrail
    /// Vergrendelt de kop van de keten tot het einde van de transactie, hoogt het volgnummer op en
    /// geeft het nieuwe volgnummer met de hash van het vorige record.
    async fn audit_kop_claimen(&mut self) -> Uitkomst<(i64, String)>;
    /// Schrijft het record en zet de kop op zijn hash.
    async fn audit_toevoegen(&mut self, r: &GeketendRecord) -> Uitkomst<()>;
    /// Het laatste volgnummer en de laatste hash.
    async fn audit_kop(&mut self) -> Uitkomst<(i64, String)>;
    /// Nieuwste eerst.
    async fn audit_zoeken(
        &mut self,
        f: &AuditFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<GeketendRecord>>;
    async fn audit_tellen(&mut self, f: &AuditFilter) -> Uitkomst<i64>;
    /// Oplopend vanaf volgnummer `vanaf`, hoogstens `limiet` records.
    async fn audit_reeks(&mut self, vanaf: i64, limiet: i64) -> Uitkomst<Vec<GeketendRecord>>;

    // Personen (alle feiten met historie: alle versies, de use case kiest)
    async fn persoon_invoegen(&mut self, bsn: i64, tijdstip: &str) -> Uitkomst<i64>;
    async fn persoon_op_bsn(&mut self, bsn: i64) -> Uitkomst<Option<PersoonRij>>;
    async fn persoon_op_id(&mut self, id: i64) -> Uitkomst<Option<PersoonRij>>;
    async fn personen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<PersoonRij>>;
    async fn persoonsgegevens_invoegen(&mut self, r: &PersoonsgegevensRij) -> Uitkomst<i64>;
    async fn persoonsgegevens_van(
        &mut self,
        persoon_ids: &[i64],
    ) -> Uitkomst<Vec<PersoonsgegevensRij>>;
    async fn adres_invoegen(&mut self, r: &AdresRij) -> Uitkomst<i64>;
    async fn adressen_van(&mut self, persoon_ids: &[i64]) -> Uitkomst<Vec<AdresRij>>;
    async fn bankrekening_invoegen(&mut self, r: &BankrekeningRij) -> Uitkomst<i64>;
    async fn bankrekeningen_van(&mut self, persoon_ids: &[i64]) -> Uitkomst<Vec<BankrekeningRij>>;
    /// Verhoogt de versie van een persoon als die nog `verwacht` is (voor gelijktijdige
    /// wijzigingen). `false`: iemand anders was eerder.
    async fn persoon_versie_ophogen(&mut self, id: i64, verwacht: i64) -> Uitkomst<bool>;
    /// Laat een versie van een feit vervallen (formele historie): `tabel` is een van
    /// `persoonsgegevens`, `adressen`, `bankrekeningen`, `huishoudleden`.
    async fn versie_laten_vervallen(
        &mut self,
        tabel: &str,
        id: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool>;

    // Huishoudens
    async fn huishouden_invoegen(&mut self, tijdstip: &str) -> Uitkomst<i64>;
    async fn huishoudlid_invoegen(&mut self, r: &HuishoudlidRij) -> Uitkomst<i64>;
    async fn huishoudleden_van_huishouden(
        &mut self,
        huishouden_id: i64,
    ) -> Uitkomst<Vec<HuishoudlidRij>>;
    async fn huishoudleden_van_personen(
        &mut self,
        persoon_ids: &[i64],
    ) -> Uitkomst<Vec<HuishoudlidRij>>;

    // Dossiers
    /// Het volgende volgnummer voor dossiers van dit jaar (telt atomair op).
    async fn dossiernummer_volgende(&mut self, jaar: i64) -> Uitkomst<i64>;
    async fn dossier_invoegen(&mut self, r: &DossierRij) -> Uitkomst<i64>;
    async fn dossier_op_id(&mut self, id: i64) -> Uitkomst<Option<DossierRij>>;
    async fn dossiers_van_huishoudens(
        &mut self,
        huishouden_ids: &[i64],
    ) -> Uitkomst<Vec<DossierRij>>;
    async fn gebeurtenis_toevoegen(&mut self, r: &GebeurtenisRij) -> Uitkomst<()>;
    async fn gebeurtenissen_van(&mut self, dossier_id: i64) -> Uitkomst<Vec<GebeurtenisRij>>;

    /// Zet de status van een dossier (versie +1) als de versie nog `verwacht` is.
    async fn dossier_status_zetten(
        &mut self,
        id: i64,
        status: &str,
        verwacht: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool>;
    /// Zet team en consulent van een dossier (versie +1). `false`: de versie was niet meer
    /// `verwacht`.
    async fn dossier_toewijzen(
        &mut self,
        id: i64,
        team_id: Option<i64>,
        consulent_id: Option<i64>,
        verwacht: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool>;

    // Uitkeringen en mutaties
    async fn uitkering_invoegen(&mut self, u: &UitkeringRij) -> Uitkomst<i64>;
    async fn uitkering_op_id(&mut self, id: i64) -> Uitkomst<Option<UitkeringRij>>;
    async fn uitkering_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Option<UitkeringRij>>;
    async fn aantal_uitkeringen(&mut self) -> Uitkomst<i64>;
    /// Voor massaal herberekenen: rijen van veel uitkeringen tegelijk.
    async fn uitkeringen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitkeringRij>>;
    async fn dossiers_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<DossierRij>>;
    async fn huishoudleden_van_huishoudens(&mut self, ids: &[i64])
        -> Uitkomst<Vec<HuishoudlidRij>>;
    async fn mutaties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<MutatieRij>>;
    async fn maandbedragen_van_uitkeringen(&mut self, ids: &[i64])
        -> Uitkomst<Vec<MaandbedragRij>>;
    /// De ids van alle uitkeringen na `na_id`, oplopend, hoogstens `limiet`.
    async fn uitkering_ids(&mut self, na_id: i64, limiet: i64) -> Uitkomst<Vec<i64>>;
    /// Schrijft einde en reden als de versie nog `u.versie - 1` is.
    async fn uitkering_bijwerken(&mut self, u: &UitkeringRij) -> Uitkomst<bool>;
    async fn mutatie_invoegen(&mut self, m: &MutatieRij) -> Uitkomst<i64>;
    async fn mutatie_op_id(&mut self, id: i64) -> Uitkomst<Option<MutatieRij>>;
    /// Oplopend op id.
    async fn mutaties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MutatieRij>>;
    /// Schrijft status en beoordeling als de versie nog `m.versie - 1` is.
    async fn mutatie_bijwerken(&mut self, m: &MutatieRij) -> Uitkomst<bool>;
    /// Oplopend op maand.
    async fn maandbedragen_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MaandbedragRij>>;
    /// Zet het berekende bedrag; een betaald bedrag blijft staan.
    /// Zet het berekende bedrag van deze maanden (nieuw of bijgewerkt; `betaald_centen` van een
    /// bestaande maand blijft staan), in zo weinig mogelijk statements.
    async fn maandbedragen_zetten(&mut self, rijen: &[MaandbedragRij]) -> Uitkomst<()>;
    async fn correcties_invoegen(&mut self, rijen: &[CorrectieRij]) -> Uitkomst<()>;
    async fn correcties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<CorrectieRij>>;
    async fn correcties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<CorrectieRij>>;

    // Contactmomenten (issue 8)
    async fn contactmoment_invoegen(&mut self, c: &ContactmomentRij) -> Uitkomst<i64>;
    async fn contactmoment_op_id(&mut self, id: i64) -> Uitkomst<Option<ContactmomentRij>>;
    /// Het contactmoment waaruit deze taak volgde (terugbellen, doorverwijzing, signaal).
    async fn contactmoment_van_taak(&mut self, taak_id: i64) -> Uitkomst<Option<ContactmomentRij>>;
    /// Nieuwste eerst.
    async fn contactmomenten_van_persoon(
        &mut self,
        persoon_id: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Nieuwste eerst.
    async fn contactmomenten_van_dossier(
        &mut self,
        dossier_id: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Contactmomenten zonder persoon (onbekende bellers), nieuwste eerst.
    async fn contactmomenten_zonder_persoon(
        &mut self,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Contactmomenten waarvan de notitie of de naam van de derde `tekst` bevat (hoofdletters
    /// tellen niet), nieuwste eerst.
    async fn contactmomenten_zoeken(
        &mut self,
        tekst: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Koppelt een contactmoment aan een persoon (en dossier), als `versie` nog klopt.
    async fn contactmoment_koppelen(
        &mut self,
        id: i64,
        persoon_id: i64,
        dossier_id: Option<i64>,
        gekoppeld_op: &str,
        versie: i64,
    ) -> Uitkomst<bool>;
    async fn contactonderwerpen(&mut self) -> Uitkomst<Vec<ContactonderwerpRij>>;
    /// Zet de lijst: deze onderwerpen actief in deze volgorde, alle andere inactief.
    async fn contactonderwerpen_vervangen(&mut self, lijst: &[ContactonderwerpRij])
        -> Uitkomst<()>;

    // Betaalruns
    async fn betaalrun_invoegen(&mut self, r: &BetaalrunRij) -> Uitkomst<i64>;
    async fn betaalrun_op_id(&mut self, id: i64) -> Uitkomst<Option<BetaalrunRij>>;
    /// Nieuwste eerst.
    async fn betaalruns(&mut self, limiet: i64) -> Uitkomst<Vec<BetaalrunRij>>;
    /// De runs van een maand (alle toestanden).
    async fn betaalruns_van_maand(&mut self, maand: &str) -> Uitkomst<Vec<BetaalrunRij>>;
    /// Zet status, tijdstippen en totalen als de versie nog `r.versie - 1` is.
    async fn betaalrun_bijwerken(&mut self, r: &BetaalrunRij) -> Uitkomst<bool>;
    /// De ids van deze uitleggen (sleutel = SHA-256 van de inhoud, hex); wat er nog niet is,
    /// wordt toegevoegd. Een uitleg verandert nooit; regels met dezelfde uitleg delen haar.
    async fn uitleggen_vastleggen(
        &mut self,
        uitleggen: &[(String, String)],
    ) -> Uitkomst<std::collections::HashMap<String, i64>>;
    async fn betaalregels_verwijderen(&mut self, run_id: i64) -> Uitkomst<u64>;
    /// Regels na `na_id` op id; `alleen_betalingen`: alleen wat naar de bank gaat.
    async fn betaalregels(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
        alleen_betalingen: bool,
    ) -> Uitkomst<Vec<BetaalregelRij>>;
    async fn betaalregels_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<BetaalregelRij>>;
    /// De regels die naar de bank gaan uit de volgende `limiet` regels na `na_id` (op id), met
    /// alleen wat het bestand nodig heeft, en het id van de laatst bekeken regel (geen: klaar).
    async fn betalingen(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
    ) -> Uitkomst<(Vec<BetalingRij>, Option<i64>)>;
    async fn betaalregels_van_categorie(
        &mut self,
        run_id: i64,
        categorie: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<BetaalregelRij>>;
    /// De regels van een run waarvoor het goedkeuren een taak maakt (vorderingen en
    /// vastgehouden betalingen), op volgorde van id, zonder uitleg.
    async fn betaalregels_voor_taken(&mut self, run_id: i64) -> Uitkomst<Vec<BetaalregelVoorTaak>>;
    async fn betaalrun_totalen(&mut self, run_id: i64) -> Uitkomst<Vec<Categorietotaal>>;
    /// De grootste verschillen in het reguliere bedrag met de run `vorige`.
    async fn betaalrun_verschillen(
        &mut self,
        run_id: i64,
        vorige: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<Runverschil>>;
    /// Na goedkeuring, in één keer voor de hele run: de reguliere bedragen als betaald in
    /// `maandbedragen`, de verrekende correcties afgesloten, de vorderingen aangemaakt.
    async fn betaalrun_verwerken(&mut self, run_id: i64, tijdstip: &str) -> Uitkomst<()>;
    async fn vorderingen_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<VorderingRij>>;
    /// Wat goedgekeurde runs van maand `vanaf` (JJJJ-MM-DD) en later voor deze uitkeringen
    /// betaalden aan reguliere bijstand en vakantietoeslag: (uitkering, categorie, maand,
    /// bedrag), één rij per betaalregel.
    async fn betaald_voor_uitkeringen(
        &mut self,
        ids: &[i64],
        vanaf: &str,
    ) -> Uitkomst<Vec<(i64, String, String, i64)>>;
    /// Eén toegangsregel per persoon bij een al vastgelegde verwerking
    /// ([`Transactie::verwerking_vastleggen`]), in één statement.
    async fn toegang_voor_personen(&mut self, verwerking: &Verwerking, ids: &[i64])
        -> Uitkomst<()>;
    /// Eén verwerking (zoals `sjabloon`) met een toegangsregel per dossier in de run;
    /// `alleen_betalingen`: alleen dossiers in het betaalbestand; `regels`: alleen de regels met
    /// een id van … tot en met … (één deel van het betaalbestand).
    async fn toegang_voor_run(
        &mut self,
        run_id: i64,
        alleen_betalingen: bool,
        regels: Option<(i64, i64)>,
        sjabloon: &ToegangRij,
    ) -> Uitkomst<()>;

    // Werkvoorraad
    async fn taak_invoegen(&mut self, t: &TaakRij) -> Uitkomst<i64>;
    async fn taak_op_id(&mut self, id: i64) -> Uitkomst<Option<TaakRij>>;
    /// Schrijft alle velden als de versie in de database nog `t.versie - 1` is.
    async fn taak_bijwerken(&mut self, t: &TaakRij) -> Uitkomst<bool>;
    /// De open taken van een gebruiker in de volgorde van "Vandaag" op `datum` (te laat,
    /// vandaag, risico, wettelijk, rest; dan deadline, prioriteit, id), eventueel van één soort.
    async fn vandaag_taken(
        &mut self,
        gebruiker_id: i64,
        datum: &str,
        soort: Option<&str>,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>>;
    /// Aantallen open taken van een gebruiker per (soort, groep) op `datum`; groep 0 = te laat,
    /// 1 = vandaag, 2 = risico, 3 = wettelijk, 4 = overig.
    async fn vandaag_tellingen(
        &mut self,
        gebruiker_id: i64,
        datum: &str,
    ) -> Uitkomst<Vec<(String, i64, i64)>>;
    /// Niet-gerede taken van een gebruiker, of (zonder gebruiker) de taken van een team die nog
    /// geen eigenaar hebben; vroegste deadline eerst, hoogstens `limiet`.
    async fn open_taken_van(
        &mut self,
        gebruiker_id: Option<i64>,
        team_id: Option<i64>,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>>;
    async fn taken_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<TaakRij>>;
    /// Het aantal open taken van een team zonder eigenaar.
    async fn aantal_zonder_eigenaar(&mut self, team_id: i64) -> Uitkomst<i64>;
    /// Open taken van een team geteld per (eigenaar, soort, groep) op `datum`; groepen als bij
    /// [`Transactie::vandaag_tellingen`].
    async fn teamwerk_tellingen(
        &mut self,
        team_id: i64,
        datum: &str,
    ) -> Uitkomst<Vec<(Option<i64>, String, i64, i64)>>;
    /// Open taken van een team die op `datum` aflopen of op risico staan, vroegste eerst.
    async fn team_risico(
        &mut self,
        team_id: i64,
        datum: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>>;
    /// Taken van een team die sinds `sinds` (tijdstip) gereed kwamen.
    async fn team_gereed_sinds(&mut self, team_id: i64, sinds: &str) -> Uitkomst<Vec<TaakRij>>;
    /// Niet-gerede taken met een deadline vóór `datum` waarover nog niet is gemeld.
    async fn taken_te_laat_ongemeld(&mut self, datum: &str, limiet: i64) -> Uitkomst<Vec<TaakRij>>;
    async fn taakgebeurtenis_toevoegen(&mut self, g: &TaakgebeurtenisRij) -> Uitkomst<()>;
    async fn taakgebeurtenissen_van(&mut self, taak_id: i64) -> Uitkomst<Vec<TaakgebeurtenisRij>>;
    async fn servicenormen(&mut self) -> Uitkomst<Vec<ServicenormRij>>;
    async fn servicenorm_zetten(&mut self, r: &ServicenormRij) -> Uitkomst<()>;
    async fn postcodegebieden(&mut self) -> Uitkomst<Vec<PostcodegebiedRij>>;
    /// Vervangt alle gebieden.
    async fn postcodegebieden_vervangen(&mut self, rijen: &[PostcodegebiedRij]) -> Uitkomst<()>;
    async fn afwezigheid_invoegen(&mut self, r: &AfwezigheidRij) -> Uitkomst<i64>;
    /// Afwezigheden die `datum` omvatten of later eindigen, oplopend op begin.
    async fn afwezigheden_vanaf(&mut self, datum: &str) -> Uitkomst<Vec<AfwezigheidRij>>;
    async fn uitsluiting_invoegen(&mut self, r: &UitsluitingRij) -> Uitkomst<i64>;
    async fn uitsluitingen_van_personen(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitsluitingRij>>;
    /// Gewogen caseload in honderdsten per consulent: de gewichten (standaard 100) van zijn
    /// lopende dossiers. Consulenten zonder dossiers ontbreken.
    async fn caseloads(&mut self, gebruiker_ids: &[i64]) -> Uitkomst<Vec<(i64, i64)>>;
    /// Gewichten per zaaktype in honderdsten (ontbreekt: 100).
    async fn zaaktypegewichten(&mut self) -> Uitkomst<Vec<(String, i64)>>;
    async fn zaaktypegewicht_zetten(&mut self, zaaktype: &str, gewicht: i64) -> Uitkomst<()>;
    async fn melding_invoegen(&mut self, r: &MeldingRij) -> Uitkomst<i64>;
    /// Nieuwste eerst.
    async fn meldingen_van(&mut self, gebruiker_id: i64, limiet: i64) -> Uitkomst<Vec<MeldingRij>>;
    async fn melding_gelezen(
        &mut self,
        id: i64,
        gebruiker_id: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool>;

    // Zoeken
    /// De ids van personen die bij de sleutel passen (op wat nu bekend is), hoogstens `limiet`.
    async fn personen_zoeken(&mut self, sleutel: &Zoeksleutel, limiet: i64) -> Uitkomst<Vec<i64>>;

    // Normtabellen (alleen toevoegen; de nieuwste geldt)
    async fn normenset_invoegen(&mut self, r: &NormensetRij) -> Uitkomst<i64>;
    /// De nieuwste set met inhoud, of geen als er nooit een is geladen.
    async fn normenset_nieuwste(&mut self) -> Uitkomst<Option<NormensetRij>>;
    /// Het id van de nieuwste set: een goedkope vraag om te zien of er een nieuwe is.
    async fn normenset_nieuwste_id(&mut self) -> Uitkomst<Option<i64>>;
    /// Alle sets zonder inhoud, nieuwste eerst.
    async fn normensets(&mut self) -> Uitkomst<Vec<NormensetRij>>;

    // Installatie en bulk (demopopulatie)
    // Beheer met vier ogen
    async fn beheerverzoek_invoegen(&mut self, r: &BeheerverzoekRij) -> Uitkomst<i64>;
    async fn beheerverzoek_op_id(&mut self, id: i64) -> Uitkomst<Option<BeheerverzoekRij>>;
    /// De open verzoeken, oudste eerst.
    async fn beheerverzoeken_open(&mut self) -> Uitkomst<Vec<BeheerverzoekRij>>;
    /// Zet status en beoordeling als de versie nog `r.versie - 1` is.
    async fn beheerverzoek_bijwerken(&mut self, r: &BeheerverzoekRij) -> Uitkomst<bool>;

    async fn installatie_lezen(&mut self, sleutel: &str) -> Uitkomst<Option<String>>;
    async fn installatie_zetten(&mut self, sleutel: &str, waarde: &str) -> Uitkomst<()>;
    /// Het hoogste id in een tabel (0 als hij leeg is).
    async fn hoogste_id(&mut self, tabel: &str) -> Uitkomst<i64>;
    /// `n` nieuwe ids voor een tabel, voor [`Transactie::bulk_invoegen`] met een id-kolom. Alleen
    /// in een schrijftransactie: op SQLite houdt die de enige schrijver vast, op PostgreSQL komen
    /// ze uit de reeks van de tabel.
    async fn ids_reserveren(&mut self, tabel: &str, n: usize) -> Uitkomst<Vec<i64>>;
    /// Voegt veel rijen in met zo weinig mogelijk statements. Ids mogen expliciet zijn; roep dan
    /// daarna [`Transactie::na_bulkinvoer`] aan.
    async fn bulk_invoegen(
        &mut self,
        tabel: &str,
        kolommen: &[&str],
        rijen: &[Vec<Waarde>],
    ) -> Uitkomst<u64>;
    /// Na bulkinvoer: id-reeksen achter de hoogste ids zetten en de statistieken van de planner
    /// bijwerken (PostgreSQL `setval` en `ANALYZE`; SQLite `PRAGMA optimize`).
    async fn na_bulkinvoer(&mut self) -> Uitkomst<()>;

    // Toegangslog
    async fn toegang_toevoegen(&mut self, r: &ToegangRij) -> Uitkomst<()>;
    /// Legt de vaste gegevens van een verwerking vast (zoals `sjabloon`, zonder betrokkene); de
    /// betrokkenen volgen met [`Transactie::toegang_voor_personen`].
    async fn verwerking_vastleggen(&mut self, sjabloon: &ToegangRij) -> Uitkomst<Verwerking>;
    /// Nieuwste eerst.
    async fn toegang_zoeken(
        &mut self,
        f: &ToegangFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<ToegangRij>>;
    async fn toegang_tellen(&mut self, f: &ToegangFilter) -> Uitkomst<i64>;
    /// De schakels van de toegangsketen vanaf volgnummer `vanaf`, op volgorde.
    async fn toegangsketen_reeks(&mut self, vanaf: i64, limiet: i64) -> Uitkomst<Vec<Schakel>>;
    /// Het volgnummer en de hash van de laatste schakel.
    async fn toegangsketen_kop(&mut self) -> Uitkomst<(i64, String)>;
    /// Het aantal regels van het toegangslog met een id vanaf `vanaf`.
    async fn toegangsregels_vanaf(&mut self, vanaf: i64) -> Uitkomst<i64>;
    /// De vaste gegevens van een verwerking (zonder betrokkene).
    async fn toegangsverwerking(&mut self, id: i64) -> Uitkomst<Option<ToegangRij>>;
    /// De regels van een verwerking met een id van `van` tot en met `tot`.
    async fn toegangsregels_van(
        &mut self,
        verwerking_id: i64,
        van: i64,
        tot: i64,
    ) -> Uitkomst<Vec<Toegangsregel>>;
}
