//! Jobs op de achtergrond (issue 22 punt 1, zie `crate::jobs`).
//!
//! [`JobsLezen`] kan in elke transactie; [`Jobs`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use vangnet_domain::job::{Jobsoort, Jobstatus};
use vangnet_domain::tijd;

use super::Uitkomst;

/// Eén job zoals zij in de tabel staat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobRij {
    pub id: i64,
    #[serde(serialize_with = "soort_code")]
    pub soort: Jobsoort,
    /// Uniek per soort (een geplande ronde); meestal geen.
    pub sleutel: Option<String>,
    /// Waar de job over gaat (`normen`, `betaalrun:7`): elke pagina toont haar eigen jobs.
    pub onderwerp: String,
    /// De parameters als JSON.
    pub parameters: String,
    pub omschrijving: String,
    #[serde(serialize_with = "status_code")]
    pub status: Jobstatus,
    /// Namens wie de job loopt (geen: het systeem).
    pub gebruiker_id: Option<i64>,
    pub aangevraagd_door: String,
    pub operatie_id: String,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub gestart_op: Option<DateTime<Utc>>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub hartslag_op: Option<DateTime<Utc>>,
    /// De werker die haar heeft (proces en host).
    pub werker: Option<String>,
    pub pogingen: i64,
    /// Waar een overgenomen job verder gaat: het laatste id van de laatst vastgelegde partij.
    pub positie: i64,
    /// Hoeveel eenheden (uitkeringen) verwerkt zijn.
    pub verwerkt: i64,
    pub totaal: i64,
    /// Wie vroeg te stoppen (de werker stopt na de lopende partij).
    pub annuleren_door: Option<String>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub geeindigd_op: Option<DateTime<Utc>>,
    /// Wat de job tot en met `positie` opleverde (JSON, de vorm hangt af van de soort): een
    /// overgenomen job telt daar verder mee.
    pub tussenstand: Option<String>,
    pub uitkomst: Option<String>,
    pub fout: Option<String>,
}

fn soort_code<S: serde::Serializer>(s: &Jobsoort, z: S) -> Result<S::Ok, S::Error> {
    z.serialize_str(s.code())
}

fn status_code<S: serde::Serializer>(s: &Jobstatus, z: S) -> Result<S::Ok, S::Error> {
    z.serialize_str(s.code())
}

/// Een job om aan te melden.
#[derive(Debug, Clone)]
pub struct NieuweJob {
    pub soort: Jobsoort,
    pub sleutel: Option<String>,
    pub onderwerp: String,
    pub parameters: String,
    pub omschrijving: String,
    pub gebruiker_id: Option<i64>,
    pub aangevraagd_door: String,
    pub operatie_id: String,
    pub aangemaakt_op: DateTime<Utc>,
    pub totaal: i64,
}

#[async_trait]
pub trait JobsLezen: Send {
    async fn job_op_id(&mut self, id: i64) -> Uitkomst<Option<JobRij>>;
    /// Jobs van `soorten` (over `onderwerp`, of alle): eerst de open, dan de mislukte, dan de
    /// rest, elk nieuwste eerst.
    async fn jobs_lijst(
        &mut self,
        onderwerp: Option<&str>,
        soorten: &[Jobsoort],
        aantal: i64,
    ) -> Uitkomst<Vec<JobRij>>;
}

#[async_trait]
pub trait Jobs: JobsLezen {
    /// Meldt een job aan. Geen id: er is al een job van deze soort met deze sleutel, of al een
    /// open job over hetzelfde onderwerp.
    async fn job_aanmelden(&mut self, j: &NieuweJob) -> Uitkomst<Option<i64>>;
    /// Neemt de oudste job die wacht, of die lopend is maar zonder hartslag sinds vóór `grens`,
    /// voor `werker` (PostgreSQL: `FOR UPDATE SKIP LOCKED`, zodat twee werkers nooit dezelfde
    /// nemen; SQLite: de enige schrijver). Met `alleen`: alleen die job. Telt een poging. Een
    /// verlaten job waarvoor stoppen was gevraagd, wordt geannuleerd in plaats van genomen; een
    /// die te vaak werd verlaten, mislukt.
    async fn job_nemen(
        &mut self,
        werker: &str,
        nu: DateTime<Utc>,
        grens: DateTime<Utc>,
        alleen: Option<i64>,
    ) -> Uitkomst<Option<JobRij>>;
    /// Hartslag en voortgang, alleen zolang `werker` de job heeft. Onwaar: hij heeft haar niet
    /// meer (overgenomen of afgelopen). In de transactie van het werk zelf is dit de toets dat
    /// het werk mag vastleggen: op PostgreSQL houdt de rij dan tot de commit een slot, zodat
    /// niemand de job intussen neemt.
    async fn job_hartslag(
        &mut self,
        id: i64,
        werker: &str,
        nu: DateTime<Utc>,
        klaar: i64,
    ) -> Uitkomst<bool>;
    /// Zet hoeveel er in totaal te doen is (als het werk dat pas bij het begin weet).
    async fn job_totaal(&mut self, id: i64, werker: &str, totaal: i64) -> Uitkomst<()>;
    /// Legt positie, voortgang en tussenstand vast, in de transactie van de partij die zij
    /// afsluit: wat vastligt en waar de job verder gaat, veranderen samen. Onwaar: `werker` heeft
    /// de job niet meer; dan mag de partij niet worden vastgelegd.
    async fn job_positie(
        &mut self,
        id: i64,
        werker: &str,
        positie: i64,
        klaar: i64,
        tussenstand: &str,
    ) -> Uitkomst<bool>;
    /// Sluit de job van `werker` af met `status` en uitkomst of fout (niet als een ander haar
    /// intussen nam).
    async fn job_afronden(
        &mut self,
        id: i64,
        werker: &str,
        status: Jobstatus,
        nu: DateTime<Utc>,
        uitkomst: Option<&str>,
        fout: Option<&str>,
    ) -> Uitkomst<()>;
    /// Vraagt een open job te stoppen; een wachtende stopt meteen. Onwaar: niet (meer) open.
    async fn job_annuleren(&mut self, id: i64, door: &str, nu: DateTime<Utc>) -> Uitkomst<bool>;
    /// Zet een mislukte of geannuleerde job terug op wachtend, namens `door` (opnieuw proberen:
    /// zij gaat verder vanaf haar positie). Onwaar: zij was niet mislukt of geannuleerd.
    async fn job_opnieuw(&mut self, id: i64, door: &NieuweJob) -> Uitkomst<bool>;
    /// Haalt afgeronde jobs van `soort` weg die vóór `voor` werden aangemaakt (de geplande
    /// rondes: één rij per vijf minuten).
    async fn jobs_opruimen(&mut self, soort: Jobsoort, voor: DateTime<Utc>) -> Uitkomst<u64>;
}
