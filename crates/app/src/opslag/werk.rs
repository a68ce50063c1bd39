//! De werkvoorraad: taken, servicenormen, postcodegebieden, afwezigheid, uitsluiting, caseload en meldingen.
//!
//! [`WerkLezen`] kan in elke transactie; [`Werk`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::tijd;
use vangnet_domain::werk::{Eenheid, Taakgebeurtenissoort, Taaksoort, Taakstatus};

use super::Uitkomst;

/// Een taak in de werkvoorraad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaakRij {
    pub id: i64,
    pub soort: Taaksoort,
    pub omschrijving: String,
    pub dossier_id: Option<i64>,
    pub persoon_id: Option<i64>,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    /// De dag vanaf waar de servicenorm telt.
    pub begindatum: NaiveDate,
    pub deadline: NaiveDate,
    /// Vanaf deze dag staat de taak op risico (`vangnet_domain::werk::risico_vanaf`).
    pub risico_vanaf: NaiveDate,
    pub wettelijk: bool,
    pub waarschuwen_werkdagen: i64,
    pub team_id: Option<i64>,
    pub gebruiker_id: Option<i64>,
    pub status: Taakstatus,
    pub prioriteit: i64,
    /// De teamleider heeft al een melding gekregen dat de taak te laat is.
    pub te_laat_gemeld: bool,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub gereed_op: Option<DateTime<Utc>>,
    pub versie: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaakgebeurtenisRij {
    pub id: i64,
    pub taak_id: i64,
    #[serde(with = "tijd::als_instant")]
    pub tijdstip: DateTime<Utc>,
    pub actor: String,
    pub soort: Taakgebeurtenissoort,
    pub omschrijving: String,
    pub operatie_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServicenormRij {
    pub soort: Taaksoort,
    pub eenheid: Eenheid,
    pub aantal: i64,
    pub waarschuwen_werkdagen: i64,
    #[serde(with = "tijd::als_instant")]
    pub gewijzigd_op: DateTime<Utc>,
}

/// Een dag die met een feestdag is gelijkgesteld (ATW art. 3 lid 3), met de bron.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GelijkgesteldeDagRij {
    pub datum: NaiveDate,
    pub omschrijving: String,
    pub bron: String,
    #[serde(with = "tijd::als_instant")]
    pub gewijzigd_op: DateTime<Utc>,
    /// Wie de dag vastlegde (de actor zoals in de audittrail).
    pub gewijzigd_door: String,
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
    pub van: NaiveDate,
    pub tot_en_met: NaiveDate,
    pub reden: String,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UitsluitingRij {
    pub id: i64,
    pub gebruiker_id: i64,
    pub persoon_id: i64,
    pub reden: String,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeldingRij {
    pub id: i64,
    pub gebruiker_id: i64,
    #[serde(with = "tijd::als_instant")]
    pub tijdstip: DateTime<Utc>,
    pub tekst: String,
    pub taak_id: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub gelezen_op: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait WerkLezen: Send {
    async fn taak_op_id(&mut self, id: i64) -> Uitkomst<Option<TaakRij>>;
    /// De open taken van een gebruiker in de volgorde van "Vandaag" op `datum` (te laat,
    /// vandaag, risico, wettelijk, rest; dan deadline, prioriteit, id), eventueel van één soort.
    async fn vandaag_taken(
        &mut self,
        gebruiker_id: i64,
        datum: NaiveDate,
        soort: Option<Taaksoort>,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<TaakRij>>;
    /// Aantallen open taken van een gebruiker per (soort, groep) op `datum`; groep 0 = te laat,
    /// 1 = vandaag, 2 = risico, 3 = wettelijk, 4 = overig.
    async fn vandaag_tellingen(
        &mut self,
        gebruiker_id: i64,
        datum: NaiveDate,
    ) -> Uitkomst<Vec<(Taaksoort, i64, i64)>>;
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
    /// `vandaag_tellingen`.
    async fn teamwerk_tellingen(
        &mut self,
        team_id: i64,
        datum: NaiveDate,
    ) -> Uitkomst<Vec<(Option<i64>, Taaksoort, i64, i64)>>;
    /// Open taken van een team die op `datum` aflopen of op risico staan, vroegste eerst.
    async fn team_risico(
        &mut self,
        team_id: i64,
        datum: NaiveDate,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>>;
    /// Taken van een team die sinds `sinds` (tijdstip) gereed kwamen.
    async fn team_gereed_sinds(
        &mut self,
        team_id: i64,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<Vec<TaakRij>>;
    /// Niet-gerede taken met een deadline vóór `datum` waarover nog niet is gemeld.
    async fn taken_te_laat_ongemeld(
        &mut self,
        datum: NaiveDate,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>>;
    async fn taakgebeurtenissen_van(&mut self, taak_id: i64) -> Uitkomst<Vec<TaakgebeurtenisRij>>;
    async fn servicenormen(&mut self) -> Uitkomst<Vec<ServicenormRij>>;
    /// Oplopend op datum.
    async fn gelijkgestelde_dagen(&mut self) -> Uitkomst<Vec<GelijkgesteldeDagRij>>;
    async fn postcodegebieden(&mut self) -> Uitkomst<Vec<PostcodegebiedRij>>;
    /// Afwezigheden die `datum` omvatten of later eindigen, oplopend op begin.
    async fn afwezigheden_vanaf(&mut self, datum: NaiveDate) -> Uitkomst<Vec<AfwezigheidRij>>;
    async fn uitsluitingen_van_personen(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitsluitingRij>>;
    /// Gewogen caseload in honderdsten per consulent: de gewichten (standaard 100) van zijn
    /// lopende dossiers. Consulenten zonder dossiers ontbreken.
    async fn caseloads(&mut self, gebruiker_ids: &[i64]) -> Uitkomst<Vec<(i64, i64)>>;
    /// Gewichten per zaaktype in honderdsten (ontbreekt: 100).
    async fn zaaktypegewichten(&mut self) -> Uitkomst<Vec<(String, i64)>>;
    /// Nieuwste eerst.
    async fn meldingen_van(&mut self, gebruiker_id: i64, limiet: i64) -> Uitkomst<Vec<MeldingRij>>;
}

#[async_trait]
pub trait Werk: WerkLezen {
    /// Veel nieuwe taken (met vooraf gereserveerde ids, zie `ids_reserveren`) en hun
    /// gebeurtenissen, in zo weinig mogelijk statements.
    async fn taken_invoegen(
        &mut self,
        taken: Vec<TaakRij>,
        gebeurtenissen: Vec<TaakgebeurtenisRij>,
    ) -> Uitkomst<()>;
    async fn taak_invoegen(&mut self, t: &TaakRij) -> Uitkomst<i64>;
    /// Schrijft alle velden als de versie in de database nog `t.versie - 1` is.
    async fn taak_bijwerken(&mut self, t: &TaakRij) -> Uitkomst<bool>;
    async fn taakgebeurtenis_toevoegen(&mut self, g: &TaakgebeurtenisRij) -> Uitkomst<()>;
    async fn servicenorm_zetten(&mut self, r: &ServicenormRij) -> Uitkomst<()>;
    /// Voegt een dag toe of vervangt haar omschrijving en bron.
    async fn gelijkgestelde_dag_zetten(&mut self, r: &GelijkgesteldeDagRij) -> Uitkomst<()>;
    /// `false` als de dag er niet was.
    async fn gelijkgestelde_dag_verwijderen(&mut self, datum: NaiveDate) -> Uitkomst<bool>;
    /// Vervangt alle gebieden.
    async fn postcodegebieden_vervangen(&mut self, rijen: &[PostcodegebiedRij]) -> Uitkomst<()>;
    async fn afwezigheid_invoegen(&mut self, r: &AfwezigheidRij) -> Uitkomst<i64>;
    async fn uitsluiting_invoegen(&mut self, r: &UitsluitingRij) -> Uitkomst<i64>;
    async fn zaaktypegewicht_zetten(&mut self, zaaktype: &str, gewicht: i64) -> Uitkomst<()>;
    async fn melding_invoegen(&mut self, r: &MeldingRij) -> Uitkomst<i64>;
    async fn melding_gelezen(
        &mut self,
        id: i64,
        gebruiker_id: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<bool>;
}
