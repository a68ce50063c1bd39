//! Instellingen van de installatie, en de id-reeksen voor bulkinvoer (de demopopulatie, de taken
//! van een betaalrun). De bulkinvoer zelf is getypt, per aggregaat (`personen_bulk_invoegen`,
//! `taken_invoegen`, …): de app noemt geen tabellen en kolommen.
//!
//! [`InstallatieLezen`] kan in elke transactie; [`Installatie`] alleen in een schrijftransactie.

use async_trait::async_trait;

use super::Uitkomst;

/// Een tabel waarvan de app ids vooraf bepaalt voor bulkinvoer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reeks {
    Gebruikers,
    Huishoudens,
    Personen,
    Persoonsgegevens,
    Adressen,
    Dossiers,
    Uitkeringen,
    Mutaties,
    Taken,
    Contactmomenten,
}

#[async_trait]
pub trait InstallatieLezen: Send {
    async fn installatie_lezen(&mut self, sleutel: &str) -> Uitkomst<Option<String>>;
    /// Het hoogste id in een tabel (0 als hij leeg is).
    async fn hoogste_id(&mut self, reeks: Reeks) -> Uitkomst<i64>;
}

#[async_trait]
pub trait Installatie: InstallatieLezen {
    async fn installatie_zetten(&mut self, sleutel: &str, waarde: &str) -> Uitkomst<()>;
    /// `n` nieuwe ids voor een tabel, voor een bulkinvoer met vooraf bepaalde ids. Alleen in
    /// een schrijftransactie: op SQLite houdt die de enige schrijver vast, op PostgreSQL komen ze
    /// uit de reeks van de tabel.
    async fn ids_reserveren(&mut self, reeks: Reeks, n: usize) -> Uitkomst<Vec<i64>>;
    /// Na bulkinvoer met eigen ids: id-reeksen achter de hoogste ids zetten en de statistieken van de planner
    /// bijwerken (PostgreSQL `setval` en `ANALYZE`; SQLite `PRAGMA optimize`).
    async fn na_bulkinvoer(&mut self) -> Uitkomst<()>;
}
