//! Dossiers en hun gebeurtenissen.
//!
//! [`DossiersLezen`] kan in elke transactie; [`Dossiers`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::dossier::{Gebeurtenissoort, Status, Zaaktype};
use vangnet_domain::tijd;

use super::Uitkomst;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DossierRij {
    pub id: i64,
    pub nummer: String,
    pub huishouden_id: i64,
    pub client_id: i64,
    pub zaaktype: Zaaktype,
    pub status: Status,
    /// De dag van ontvangst.
    pub ontvangen_op: NaiveDate,
    pub team_id: Option<i64>,
    pub consulent_id: Option<i64>,
    pub versie: i64,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant")]
    pub gewijzigd_op: DateTime<Utc>,
    /// De dag van de melding (art. 44 lid 1): het eerste contact waarin om bijstand werd
    /// gevraagd; op of vóór de ontvangst.
    pub gemeld_op: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GebeurtenisRij {
    pub id: i64,
    pub dossier_id: i64,
    #[serde(with = "tijd::als_instant")]
    pub tijdstip: DateTime<Utc>,
    pub actor: String,
    pub soort: Gebeurtenissoort,
    pub omschrijving: String,
    pub operatie_id: String,
}

/// Een opgave van het vermogen van een huishouden op een peildatum (art. 34 Pw). Wordt niet
/// gewijzigd; een onjuiste vervalt met reden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VermogensopgaveRij {
    pub id: i64,
    pub huishouden_id: i64,
    pub peildatum: NaiveDate,
    pub bestanddelen: Vec<vangnet_domain::vermogen::Bestanddeel>,
    pub toelichting: String,
    pub geregistreerd_door: Option<i64>,
    #[serde(with = "tijd::als_instant")]
    pub geregistreerd_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub vervallen_op: Option<DateTime<Utc>>,
    pub vervallen_reden: Option<String>,
    pub operatie_id: String,
}

#[async_trait]
pub trait DossiersLezen: Send {
    /// De vermogensopgaven van een huishouden, ook vervallen; nieuwste peildatum eerst.
    async fn vermogensopgaven_van(
        &mut self,
        huishouden_id: i64,
    ) -> Uitkomst<Vec<VermogensopgaveRij>>;
    async fn dossier_op_id(&mut self, id: i64) -> Uitkomst<Option<DossierRij>>;
    async fn dossiers_van_huishoudens(
        &mut self,
        huishouden_ids: &[i64],
    ) -> Uitkomst<Vec<DossierRij>>;
    async fn gebeurtenissen_van(&mut self, dossier_id: i64) -> Uitkomst<Vec<GebeurtenisRij>>;
    async fn dossiers_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<DossierRij>>;
}

#[async_trait]
pub trait Dossiers: DossiersLezen {
    /// Het volgende volgnummer voor dossiers van dit jaar (telt atomair op).
    async fn dossiernummer_volgende(&mut self, jaar: i64) -> Uitkomst<i64>;
    async fn dossier_invoegen(&mut self, r: &DossierRij) -> Uitkomst<i64>;
    async fn gebeurtenis_toevoegen(&mut self, r: &GebeurtenisRij) -> Uitkomst<()>;
    async fn vermogensopgave_invoegen(&mut self, r: &VermogensopgaveRij) -> Uitkomst<i64>;
    /// `false`: de opgave bestond niet of was al vervallen.
    async fn vermogensopgave_laten_vervallen(
        &mut self,
        id: i64,
        tijdstip: DateTime<Utc>,
        reden: &str,
    ) -> Uitkomst<bool>;
    /// Zet de status van een dossier (versie +1) als de versie nog `verwacht` is.
    async fn dossier_status_zetten(
        &mut self,
        id: i64,
        status: Status,
        verwacht: i64,
        tijdstip: DateTime<Utc>,
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
    /// Veel dossiers (met hun id) en gebeurtenissen in één keer (de demopopulatie).
    async fn dossiers_bulk_invoegen(
        &mut self,
        dossiers: Vec<DossierRij>,
        gebeurtenissen: Vec<GebeurtenisRij>,
    ) -> Uitkomst<()>;
    /// Zet het laatst uitgegeven dossiernummer per jaar (na een bulkinvoer).
    async fn dossiernummers_zetten(&mut self, laatste: &[(i32, i64)]) -> Uitkomst<()>;
}
