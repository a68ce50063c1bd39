//! Geladen normtabellen (alleen toevoegen; de nieuwste geldt).
//!
//! [`NormenLezen`] kan in elke transactie; [`Normen`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use vangnet_domain::tijd;

use super::Uitkomst;

/// Een geladen set normtabellen (de inhoud is het TOML-bestand zoals geladen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormensetRij {
    pub id: i64,
    #[serde(with = "tijd::als_instant")]
    pub geladen_op: DateTime<Utc>,
    pub geladen_door: String,
    pub bestandsnaam: String,
    pub sha256: String,
    /// Leeg in een lijst (`normensets`).
    #[serde(skip)]
    pub inhoud: String,
    pub operatie_id: String,
}

#[async_trait]
pub trait NormenLezen: Send {
    /// De nieuwste set met inhoud, of geen als er nooit een is geladen.
    async fn normenset_nieuwste(&mut self) -> Uitkomst<Option<NormensetRij>>;
    /// Het id van de nieuwste set: een goedkope vraag om te zien of er een nieuwe is.
    async fn normenset_nieuwste_id(&mut self) -> Uitkomst<Option<i64>>;
    /// Alle sets zonder inhoud, nieuwste eerst.
    async fn normensets(&mut self) -> Uitkomst<Vec<NormensetRij>>;
}

#[async_trait]
pub trait Normen: NormenLezen {
    async fn normenset_invoegen(&mut self, r: &NormensetRij) -> Uitkomst<i64>;
}
