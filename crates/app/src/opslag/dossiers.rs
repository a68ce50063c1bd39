//! Dossiers en hun gebeurtenissen.
//!
//! [`DossiersLezen`] kan in elke transactie; [`Dossiers`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::bedrag::Bedrag;
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

/// Een voorschot op een aanvraag (art. 52 Pw): verleend (met bedrag) of geweigerd (met grond
/// en reden), over één maand bijstand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoorschotRij {
    pub id: i64,
    pub dossier_id: i64,
    pub volgnummer: i64,
    /// De maand bijstand waarover het voorschot gaat (de eerste dag).
    pub maand: NaiveDate,
    /// Uiterlijk te betalen op (art. 52 lid 1).
    pub uiterlijk: NaiveDate,
    pub besluit: vangnet_domain::voorschot::Besluit,
    /// De bijstand van de maand zoals berekend op de gegevens van de aanvraag.
    pub bijstand_centen: Bedrag,
    /// Het voorschot (0 bij een weigering).
    pub bedrag_centen: Bedrag,
    /// Bij het verrekenen: het deel dat de vakantietoeslag van de maand voorschoot (gaat af van
    /// de vakantietoeslag over de opbouwperiode).
    pub vakantietoeslag_centen: Bedrag,
    /// De reden van een weigering, of een toelichting bij het verlenen.
    pub reden: String,
    /// De berekening (JSON: regels met omschrijving, artikel en bedrag).
    pub uitleg: String,
    pub status: vangnet_domain::voorschot::Status,
    pub betaald_run_id: Option<i64>,
    /// De uitkering waarmee het is verrekend (art. 52 lid 4).
    pub uitkering_id: Option<i64>,
    pub vastgelegd_door: Option<i64>,
    #[serde(with = "tijd::als_instant")]
    pub vastgelegd_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant")]
    pub gewijzigd_op: DateTime<Utc>,
    pub versie: i64,
}

#[async_trait]
pub trait DossiersLezen: Send {
    /// De voorschotten van een dossier, op volgnummer.
    async fn voorschotten_van(&mut self, dossier_id: i64) -> Uitkomst<Vec<VoorschotRij>>;
    /// Alle verleende voorschotten die nog niet betaald zijn (voor de betaalrun).
    async fn voorschotten_te_betalen(&mut self) -> Uitkomst<Vec<VoorschotRij>>;
    /// De voorschotten die met deze uitkeringen zijn verrekend: uitkering, maand en
    /// voorgeschoten vakantietoeslag.
    async fn voorschotten_verrekend_met(
        &mut self,
        uitkeringen: &[i64],
    ) -> Uitkomst<Vec<(i64, NaiveDate, Bedrag)>>;
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
    async fn voorschot_invoegen(&mut self, r: &VoorschotRij) -> Uitkomst<i64>;
    /// Zet status en uitkering van een voorschot (versie +1) als de versie nog die van `r` is.
    async fn voorschot_bijwerken(&mut self, r: &VoorschotRij) -> Uitkomst<bool>;
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
