//! Instellingen van de installatie en bulkinvoer (de demopopulatie).
//!
//! [`InstallatieLezen`] kan in elke transactie; [`Installatie`] alleen in een schrijftransactie.

use async_trait::async_trait;

use super::Uitkomst;

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

#[async_trait]
pub trait InstallatieLezen: Send {
    async fn installatie_lezen(&mut self, sleutel: &str) -> Uitkomst<Option<String>>;
    /// Het hoogste id in een tabel (0 als hij leeg is).
    async fn hoogste_id(&mut self, tabel: &str) -> Uitkomst<i64>;
}

#[async_trait]
pub trait Installatie: InstallatieLezen {
    async fn installatie_zetten(&mut self, sleutel: &str, waarde: &str) -> Uitkomst<()>;
    /// `n` nieuwe ids voor een tabel, voor `bulk_invoegen` met een id-kolom. Alleen
    /// in een schrijftransactie: op SQLite houdt die de enige schrijver vast, op PostgreSQL komen
    /// ze uit de reeks van de tabel.
    async fn ids_reserveren(&mut self, tabel: &str, n: usize) -> Uitkomst<Vec<i64>>;
    /// Voegt veel rijen in met zo weinig mogelijk statements. Ids mogen expliciet zijn; roep dan
    /// daarna `na_bulkinvoer` aan.
    async fn bulk_invoegen(
        &mut self,
        tabel: &str,
        kolommen: &[&str],
        rijen: &[Vec<Waarde>],
    ) -> Uitkomst<u64>;
    /// Na bulkinvoer: id-reeksen achter de hoogste ids zetten en de statistieken van de planner
    /// bijwerken (PostgreSQL `setval` en `ANALYZE`; SQLite `PRAGMA optimize`).
    async fn na_bulkinvoer(&mut self) -> Uitkomst<()>;
}
