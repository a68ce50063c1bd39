//! De audittrail: een hash-keten van wat er is vastgelegd.
//!
//! [`AudittrailLezen`] kan in elke transactie; [`Audittrail`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Uitkomst;
use vangnet_domain::audit::GeketendRecord;

/// Filter voor de audittrail; lege velden filteren niet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub actie: Option<String>,
    pub onderwerp_type: Option<String>,
    pub onderwerp_id: Option<String>,
    /// Vanaf dit tijdstip (inclusief), vaste vorm.
    pub van: Option<DateTime<Utc>>,
    /// Tot dit tijdstip (exclusief), vaste vorm.
    pub tot: Option<DateTime<Utc>>,
    /// Een van deze (onderwerp_type, onderwerp_id), als de lijst niet leeg is (de audit op een
    /// persoon of dossier met alles wat eronder hangt).
    pub onderwerpen: Vec<(String, String)>,
}

#[async_trait]
pub trait AudittrailLezen: Send {
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
}

#[async_trait]
pub trait Audittrail: AudittrailLezen {
    /// Vergrendelt de kop van de keten tot het einde van de transactie, hoogt het volgnummer op en
    /// geeft het nieuwe volgnummer met de hash van het vorige record.
    async fn audit_kop_claimen(&mut self) -> Uitkomst<(i64, String)>;
    /// Schrijft het record en zet de kop op zijn hash.
    async fn audit_toevoegen(&mut self, r: &GeketendRecord) -> Uitkomst<()>;
}
