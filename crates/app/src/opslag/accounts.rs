//! Gebruikers, teams, sessies, API-tokens, inlogpogingen en de verzoeken van beheer met vier ogen.
//!
//! [`AccountsLezen`] kan in elke transactie; [`Accounts`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use vangnet_domain::tijd;

use super::Uitkomst;
use vangnet_domain::beheerverzoek::{Verzoeksoort, Verzoekstatus};
use vangnet_domain::Rol;

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
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant")]
    pub gewijzigd_op: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRij {
    pub id: i64,
    pub naam: String,
    pub omschrijving: String,
    pub versie: i64,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant")]
    pub gewijzigd_op: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessieRij {
    /// SHA-256 van de sessiesleutel in het cookie; de sleutel zelf wordt niet bewaard.
    pub sleutel_hash: String,
    pub gebruiker_id: i64,
    pub csrf_token: String,
    pub aangemaakt_op: DateTime<Utc>,
    pub laatst_actief_op: DateTime<Utc>,
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
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub laatst_gebruikt_op: Option<DateTime<Utc>>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub ingetrokken_op: Option<DateTime<Utc>>,
    /// Zoals opgeslagen (`lezen:clienten`); zie `vangnet_domain::tokenbereik`.
    pub bereik: String,
    /// Leeg bij een token van vóór de vervaldag: dat verloopt `STANDAARD_GELDIG_DAGEN` na het
    /// aanmaken.
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub verloopt_op: Option<DateTime<Utc>>,
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
    #[serde(with = "tijd::als_instant")]
    pub aangevraagd_op: DateTime<Utc>,
    pub status: Verzoekstatus,
    pub beoordeeld_door: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub beoordeeld_op: Option<DateTime<Utc>>,
    pub afwijsreden: Option<String>,
    pub versie: i64,
}

#[async_trait]
pub trait AccountsLezen: Send {
    async fn gebruiker_op_id(&mut self, id: i64) -> Uitkomst<Option<GebruikerRij>>;
    async fn gebruiker_op_naam(&mut self, naam: &str) -> Uitkomst<Option<GebruikerRij>>;
    async fn gebruikers(&mut self) -> Uitkomst<Vec<GebruikerRij>>;
    async fn aantal_gebruikers(&mut self) -> Uitkomst<i64>;
    async fn team_op_id(&mut self, id: i64) -> Uitkomst<Option<TeamRij>>;
    async fn teams(&mut self) -> Uitkomst<Vec<TeamRij>>;
    /// Het team met deze naam, zonder op hoofdletters te letten.
    async fn team_op_naam(&mut self, naam: &str) -> Uitkomst<Option<TeamRij>>;
    async fn teamleden(&mut self, team_id: i64) -> Uitkomst<Vec<GebruikerRij>>;
    async fn teams_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TeamRij>>;
    async fn sessie_op_hash(&mut self, sleutel_hash: &str) -> Uitkomst<Option<SessieRij>>;
    async fn token_op_hash(&mut self, token_hash: &str) -> Uitkomst<Option<TokenRij>>;
    async fn tokens_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TokenRij>>;
    /// Het aantal mislukte pogingen op deze naam vanaf dit adres sinds `sinds`, en het tijdstip
    /// van de laatste.
    async fn mislukte_pogingen_paar(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<(i64, Option<DateTime<Utc>>)>;
    async fn mislukte_pogingen_adres(&mut self, adres: &str, sinds: DateTime<Utc>)
        -> Uitkomst<i64>;
    /// Mislukte pogingen op een gebruikersnaam sinds `sinds`, vanaf elk adres.
    async fn mislukte_pogingen_naam(
        &mut self,
        gebruikersnaam: &str,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<i64>;
    async fn beheerverzoek_op_id(&mut self, id: i64) -> Uitkomst<Option<BeheerverzoekRij>>;
    /// De open verzoeken, oudste eerst.
    async fn beheerverzoeken_open(&mut self) -> Uitkomst<Vec<BeheerverzoekRij>>;
}

#[async_trait]
pub trait Accounts: AccountsLezen {
    async fn gebruiker_invoegen(&mut self, g: &GebruikerRij) -> Uitkomst<i64>;
    /// Schrijft alle velden en rollen van `g` als de versie in de database nog `g.versie - 1` is.
    /// `false`: iemand anders was eerder (niets gewijzigd).
    async fn gebruiker_bijwerken(&mut self, g: &GebruikerRij) -> Uitkomst<bool>;
    async fn team_invoegen(&mut self, t: &TeamRij) -> Uitkomst<i64>;
    /// Zoals `gebruiker_bijwerken`: alleen als de versie nog `t.versie - 1` is.
    async fn team_bijwerken(&mut self, t: &TeamRij) -> Uitkomst<bool>;
    /// `false` als de gebruiker al lid was.
    async fn teamlid_toevoegen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool>;
    /// `false` als de gebruiker geen lid was.
    async fn teamlid_verwijderen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool>;
    async fn sessie_invoegen(&mut self, s: &SessieRij) -> Uitkomst<()>;
    async fn sessie_aanraken(
        &mut self,
        sleutel_hash: &str,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<()>;
    async fn sessie_verwijderen(&mut self, sleutel_hash: &str) -> Uitkomst<()>;
    /// Alle sessies van een gebruiker behalve (optioneel) één.
    async fn sessies_verwijderen_van(
        &mut self,
        gebruiker_id: i64,
        behalve: Option<&str>,
    ) -> Uitkomst<u64>;
    async fn token_invoegen(&mut self, t: &TokenRij) -> Uitkomst<i64>;
    async fn token_intrekken(&mut self, id: i64, tijdstip: DateTime<Utc>) -> Uitkomst<bool>;
    async fn token_gebruikt(&mut self, id: i64, tijdstip: DateTime<Utc>) -> Uitkomst<()>;
    async fn inlogpoging_vastleggen(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        tijdstip: DateTime<Utc>,
        gelukt: bool,
    ) -> Uitkomst<()>;
    /// Ruimt sessies op die sinds `sessies_voor` niet meer actief waren, en inlogpogingen van
    /// vóór `pogingen_voor` (de audittrail bewaart de mislukte pogingen).
    async fn oude_sporen_opruimen(
        &mut self,
        sessies_voor: DateTime<Utc>,
        pogingen_voor: DateTime<Utc>,
    ) -> Uitkomst<()>;
    /// Claimt een verzoeksleutel van `gebruiker_id` voor adres `pad` (het eerste indienen van
    /// een formulier) en ruimt sleutels van vóór `opruimen_voor` op. Een claim zonder uitkomst
    /// van vóór `vast_voor` (de handeling brak af) wordt overgenomen. Bestond zij al: `Some` met
    /// de uitkomst van die eerste keer (geen: nog bezig), anders `None`.
    #[allow(clippy::too_many_arguments)]
    async fn verzoeksleutel_claimen(
        &mut self,
        gebruiker_id: i64,
        sleutel: &str,
        pad: &str,
        tijdstip: DateTime<Utc>,
        vast_voor: DateTime<Utc>,
        opruimen_voor: DateTime<Utc>,
    ) -> Uitkomst<Option<Option<String>>>;
    /// Na de handeling: de uitkomst (een adres, of leeg: geslaagd zonder doorverwijzing), of
    /// (geen) de sleutel weer vrijgeven.
    async fn verzoeksleutel_afronden(
        &mut self,
        gebruiker_id: i64,
        sleutel: &str,
        pad: &str,
        resultaat: Option<&str>,
    ) -> Uitkomst<()>;
    async fn beheerverzoek_invoegen(&mut self, r: &BeheerverzoekRij) -> Uitkomst<i64>;
    /// Zet status en beoordeling als de versie nog `r.versie - 1` is.
    async fn beheerverzoek_bijwerken(&mut self, r: &BeheerverzoekRij) -> Uitkomst<bool>;
    /// Veel gebruikers (met hun id en rollen) en teamleden (team, gebruiker) in één keer.
    async fn gebruikers_bulk_invoegen(
        &mut self,
        gebruikers: Vec<GebruikerRij>,
        teamleden: Vec<(i64, i64)>,
    ) -> Uitkomst<()>;
}
