//! Uitkeringen, mutaties, maandbedragen en correcties.
//!
//! [`UitkeringenLezen`] kan in elke transactie; [`Uitkeringen`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::bedrag::Bedrag;
use vangnet_domain::betaalrun::Correctiesoort;
use vangnet_domain::tijd;
use vangnet_domain::uitkering::{Mutatiegegevens, Mutatiesoort, Mutatiestatus};

use super::Uitkomst;

/// Een toegekende uitkering met haar besluit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UitkeringRij {
    pub id: i64,
    pub dossier_id: i64,
    pub begindatum: NaiveDate,
    /// De eerste dag zonder uitkering.
    pub einddatum: Option<NaiveDate>,
    pub einde_reden: Option<String>,
    pub besluit_datum: NaiveDate,
    pub besluit_door: String,
    pub besluit_inhoud: String,
    pub grondslag: String,
    pub bezwaar_tot: NaiveDate,
    pub versie: i64,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
}

/// Een mutatie op een uitkering. `gegevens` is JSON met de velden van de soort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MutatieRij {
    pub id: i64,
    pub uitkering_id: i64,
    pub soort: Mutatiesoort,
    pub ingangsdatum: NaiveDate,
    /// Voor een periode (verlaging, opschorting): de eerste dag erna.
    pub einddatum: Option<NaiveDate>,
    /// In JSON als tekst (de API geeft de gegevens als JSON-tekst).
    #[serde(serialize_with = "als_json_tekst")]
    pub gegevens: Mutatiegegevens,
    pub reden: String,
    pub status: Mutatiestatus,
    pub vier_ogen: bool,
    pub impact_centen: Bedrag,
    pub geregistreerd_door: Option<i64>,
    #[serde(with = "tijd::als_instant")]
    pub geregistreerd_op: DateTime<Utc>,
    pub beoordeeld_door: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub beoordeeld_op: Option<DateTime<Utc>>,
    pub afwijsreden: Option<String>,
    pub corrigeert_id: Option<i64>,
    pub operatie_id: String,
    pub versie: i64,
}

fn als_json_tekst<S: serde::Serializer>(g: &Mutatiegegevens, s: S) -> Result<S::Ok, S::Error> {
    let tekst = serde_json::to_string(g).map_err(serde::ser::Error::custom)?;
    s.serialize_str(&tekst)
}

/// Het berekende (en later betaalde) bedrag van een uitkering in een maand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaandbedragRij {
    pub uitkering_id: i64,
    /// De eerste van de maand.
    pub maand: NaiveDate,
    pub berekend_centen: Bedrag,
    pub betaald_centen: Option<Bedrag>,
    #[serde(with = "tijd::als_instant")]
    pub berekend_op: DateTime<Utc>,
}

/// Een verschil dat de betaalrun moet verrekenen: positief een nabetaling, negatief te veel
/// betaald (een vordering om te beoordelen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectieRij {
    pub id: i64,
    pub uitkering_id: i64,
    /// De eerste van de maand.
    pub maand: NaiveDate,
    pub bedrag_centen: Bedrag,
    pub oorzaak: String,
    pub mutatie_id: Option<i64>,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub verrekend_op: Option<DateTime<Utc>>,
    pub soort: Correctiesoort,
}

/// Veel uitkeringen in één keer (de demopopulatie): uitkeringen en mutaties met hun id,
/// maandbedragen en correcties zonder.
#[derive(Debug, Clone, Default)]
pub struct Uitkeringenpartij {
    pub uitkeringen: Vec<UitkeringRij>,
    pub mutaties: Vec<MutatieRij>,
    pub maandbedragen: Vec<MaandbedragRij>,
    pub correcties: Vec<CorrectieRij>,
}

/// Een toekenning die vier ogen vraagt (issue 21 punt 2): open, goedgekeurd (dan is de
/// uitkering toegekend) of afgewezen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToekenningsvoorstelRij {
    pub id: i64,
    pub dossier_id: i64,
    pub begindatum: NaiveDate,
    pub inhoud: String,
    /// Bij een begin vóór de melding (art. 44 lid 1); anders leeg.
    pub bijzondere_reden: String,
    /// Wat de toekenning over de maanden vóór de maand van het voorstel verschuldigd maakte.
    pub nabetaling_centen: i64,
    pub voorgesteld_door: i64,
    #[serde(with = "tijd::als_instant")]
    pub voorgesteld_op: DateTime<Utc>,
    pub status: vangnet_domain::beheerverzoek::Verzoekstatus,
    pub beoordeeld_door: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub beoordeeld_op: Option<DateTime<Utc>>,
    pub afwijsreden: Option<String>,
    pub versie: i64,
}

#[async_trait]
pub trait UitkeringenLezen: Send {
    async fn uitkering_op_id(&mut self, id: i64) -> Uitkomst<Option<UitkeringRij>>;
    async fn uitkering_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Option<UitkeringRij>>;
    async fn aantal_uitkeringen(&mut self) -> Uitkomst<i64>;
    /// Voor massaal herberekenen: rijen van veel uitkeringen tegelijk.
    async fn uitkeringen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitkeringRij>>;
    async fn mutaties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<MutatieRij>>;
    async fn maandbedragen_van_uitkeringen(&mut self, ids: &[i64])
        -> Uitkomst<Vec<MaandbedragRij>>;
    /// Voor de betaalrun van `maand`: van deze uitkeringen de maandregels van `maand` en de
    /// maand ervoor (betaald of niet), en elke onbetaalde maandregel vóór `maand`. Als
    /// (uitkering, maand, betaald).
    async fn maandstand_voor_run(
        &mut self,
        maand: NaiveDate,
        ids: &[i64],
    ) -> Uitkomst<Vec<(i64, NaiveDate, bool)>>;
    /// De ids van alle uitkeringen na `na_id`, oplopend, hoogstens `limiet`.
    async fn uitkering_ids(&mut self, na_id: i64, limiet: i64) -> Uitkomst<Vec<i64>>;
    /// De ids van de uitkeringen na `na_id`, oplopend, die de betaalrun van `maand` nog iets
    /// kunnen geven (zie `vangnet_domain::betaalrun::Leesgrens`): die niet of na
    /// `grens.einde_na` eindigden, of met een open correctie, een onbetaalde maandregel vóór
    /// `maand` (en vóór het einde), of een mutatie die vanaf `grens.actief_vanaf` is
    /// geregistreerd of beoordeeld.
    async fn uitkering_ids_voor_run(
        &mut self,
        na_id: i64,
        maand: NaiveDate,
        grens: &vangnet_domain::betaalrun::Leesgrens,
    ) -> Uitkomst<Vec<i64>>;
    async fn mutatie_op_id(&mut self, id: i64) -> Uitkomst<Option<MutatieRij>>;
    /// Oplopend op id.
    async fn mutaties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MutatieRij>>;
    /// Oplopend op maand.
    async fn maandbedragen_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MaandbedragRij>>;
    async fn correcties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<CorrectieRij>>;
    async fn correcties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<CorrectieRij>>;
    async fn toekenningsvoorstel_op_id(
        &mut self,
        id: i64,
    ) -> Uitkomst<Option<ToekenningsvoorstelRij>>;
    /// De voorstellen van een dossier, oplopend op id.
    async fn toekenningsvoorstellen_van(
        &mut self,
        dossier_id: i64,
    ) -> Uitkomst<Vec<ToekenningsvoorstelRij>>;
}

#[async_trait]
pub trait Uitkeringen: UitkeringenLezen {
    async fn uitkering_invoegen(&mut self, u: &UitkeringRij) -> Uitkomst<i64>;
    /// Schrijft einde en reden als de versie nog `u.versie - 1` is.
    async fn uitkering_bijwerken(&mut self, u: &UitkeringRij) -> Uitkomst<bool>;
    async fn mutatie_invoegen(&mut self, m: &MutatieRij) -> Uitkomst<i64>;
    /// Schrijft status en beoordeling als de versie nog `m.versie - 1` is.
    async fn mutatie_bijwerken(&mut self, m: &MutatieRij) -> Uitkomst<bool>;
    /// Zet het berekende bedrag van deze maanden (nieuw of bijgewerkt; `betaald_centen` van een
    /// bestaande maand blijft staan), in zo weinig mogelijk statements.
    async fn maandbedragen_zetten(&mut self, rijen: &[MaandbedragRij]) -> Uitkomst<()>;
    async fn correcties_invoegen(&mut self, rijen: &[CorrectieRij]) -> Uitkomst<()>;
    /// Zie [`Uitkeringenpartij`]; in zo weinig mogelijk statements.
    async fn uitkeringen_bulk_invoegen(&mut self, p: Uitkeringenpartij) -> Uitkomst<()>;
    /// Een tweede open voorstel op hetzelfde dossier faalt ([`super::OpslagFout::Uniek`]).
    async fn toekenningsvoorstel_invoegen(&mut self, r: &ToekenningsvoorstelRij) -> Uitkomst<i64>;
    /// Zet status en beoordeling (versie +1) als de versie nog die van `r` is.
    async fn toekenningsvoorstel_bijwerken(&mut self, r: &ToekenningsvoorstelRij)
        -> Uitkomst<bool>;
}
