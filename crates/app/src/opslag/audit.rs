//! De audittrail: een hash-keten van wat er is vastgelegd.
//!
//! [`AudittrailLezen`] kan in elke transactie; [`Audittrail`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Uitkomst;
use vangnet_domain::audit::{AuditGegevens, GeketendRecord};

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
    /// Alleen records met een lager volgnummer: de volgende bladzijde, op de sleutel in plaats
    /// van met `OFFSET` (dat diep in miljoenen records alles ervoor leest).
    pub voor_volgnummer: Option<i64>,
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
    /// Neemt het record op in deze transactie. Zijn volgnummer en zijn plaats in de keten (de
    /// hash van het vorige record) krijgt het pas bij de commit, met de andere records van de
    /// transactie in volgorde: de kop van de keten is zo alleen tijdens de commit vergrendeld, en
    /// wie naast een lange transactie (een partij van de betaalrun) iets vastlegt, wacht niet op
    /// haar hele duur (issue 22 punt 3). Rolt de transactie terug, dan is het record weg.
    async fn audit_opnemen(&mut self, gegevens: AuditGegevens) -> Uitkomst<()>;
}
