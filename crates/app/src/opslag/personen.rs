//! Personen, hun feiten met historie (persoonsgegevens, adressen, bankrekeningen), huishoudens en zoeken.
//!
//! [`PersonenLezen`] kan in elke transactie; [`Personen`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::historie::{Periode, Registratie};
use vangnet_domain::huishouden::Rol;
use vangnet_domain::tijd;

use super::Uitkomst;

/// De historie van een feit: materieel (`geldig_*`, tot niet meegerekend) en formeel
/// (`geregistreerd_op`/`vervallen_op`), met de operatie die het vastlegde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Historie {
    pub geldig_vanaf: NaiveDate,
    pub geldig_tot: Option<NaiveDate>,
    #[serde(with = "tijd::als_instant")]
    pub geregistreerd_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub vervallen_op: Option<DateTime<Utc>>,
    pub operatie_id: String,
}

impl Historie {
    /// De periode waarin het feit in de wereld waar is.
    pub fn geldig(&self) -> Periode {
        Periode {
            vanaf: self.geldig_vanaf,
            tot: self.geldig_tot,
        }
    }

    /// Wanneer de gemeente deze versie kende.
    pub fn registratie(&self) -> Registratie {
        Registratie {
            geregistreerd_op: self.geregistreerd_op,
            vervallen_op: self.vervallen_op,
        }
    }

    /// Deze versie is nu bekend (niet vervallen).
    pub fn actueel(&self) -> bool {
        self.vervallen_op.is_none()
    }
}

/// Een verzoek om een nieuwe bankrekening (vier ogen): open, goedgekeurd of afgewezen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RekeningwijzigingRij {
    pub id: i64,
    pub persoon_id: i64,
    pub iban: String,
    pub tenaamstelling: String,
    pub vanaf: NaiveDate,
    pub reden: String,
    /// Het adres dat bij het verzoek bekend was: daarheen gaat de brief.
    pub brief_adres: String,
    pub aangevraagd_door: i64,
    #[serde(with = "tijd::als_instant")]
    pub aangevraagd_op: DateTime<Utc>,
    pub status: vangnet_domain::beheerverzoek::Verzoekstatus,
    pub beoordeeld_door: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub beoordeeld_op: Option<DateTime<Utc>>,
    pub afwijsreden: Option<String>,
    pub versie: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersoonRij {
    pub id: i64,
    pub bsn: i64,
    pub versie: i64,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersoonsgegevensRij {
    pub id: i64,
    pub persoon_id: i64,
    pub voornamen: String,
    pub voorvoegsel: String,
    pub geslachtsnaam: String,
    pub zoeknaam: String,
    pub zoeknaam_volledig: String,
    pub geboortedatum: NaiveDate,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdresRij {
    pub id: i64,
    pub persoon_id: i64,
    pub straat: String,
    pub huisnummer: i64,
    pub huisletter: Option<String>,
    pub toevoeging: Option<String>,
    /// Zonder spatie: `3011AB`.
    pub postcode: String,
    pub woonplaats: String,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankrekeningRij {
    pub id: i64,
    pub persoon_id: i64,
    pub iban: String,
    pub tenaamstelling: String,
    pub historie: Historie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HuishoudlidRij {
    pub id: i64,
    pub huishouden_id: i64,
    pub persoon_id: i64,
    /// In JSON als code: `aanvrager`, `partner:gehuwd`, `kind`, `medebewoner:student`, …
    #[serde(with = "vangnet_domain::huishouden::als_code")]
    pub rol: Rol,
    pub historie: Historie,
}

/// Een huishouden (de leden staan in `HuishoudlidRij`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HuishoudenRij {
    pub id: i64,
    pub aangemaakt_op: DateTime<Utc>,
}

/// Veel personen en huishoudens in één keer (de demopopulatie). Huishoudens, personen,
/// persoonsgegevens en adressen hebben hun id al (`Installatie::hoogste_id`); leden en
/// rekeningen krijgen het van de database.
#[derive(Debug, Clone, Default)]
pub struct Personenpartij {
    pub huishoudens: Vec<HuishoudenRij>,
    pub personen: Vec<PersoonRij>,
    pub gegevens: Vec<PersoonsgegevensRij>,
    pub adressen: Vec<AdresRij>,
    pub leden: Vec<HuishoudlidRij>,
    pub rekeningen: Vec<BankrekeningRij>,
}

/// De tabellen met historie van een persoon of huishouden (voor het laten vervallen van een versie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Historietabel {
    Persoonsgegevens,
    Adressen,
    Bankrekeningen,
    Huishoudleden,
}

/// Waar de opslag op zoekt (de herkende zoekvraag, in opslagtermen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoeksleutel {
    Bsn(i64),
    Dossiernummer(String),
    Geboortedatum(NaiveDate),
    /// Compacte postcode en eventueel huisnummer.
    Adres(String, Option<i64>),
    /// Begin van de zoeknaam (met of zonder voorvoegsel).
    Naam(String),
}

#[async_trait]
pub trait PersonenLezen: Send {
    async fn persoon_op_bsn(&mut self, bsn: i64) -> Uitkomst<Option<PersoonRij>>;
    async fn persoon_op_id(&mut self, id: i64) -> Uitkomst<Option<PersoonRij>>;
    async fn personen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<PersoonRij>>;
    async fn persoonsgegevens_van(
        &mut self,
        persoon_ids: &[i64],
    ) -> Uitkomst<Vec<PersoonsgegevensRij>>;
    async fn adressen_van(&mut self, persoon_ids: &[i64]) -> Uitkomst<Vec<AdresRij>>;
    async fn bankrekeningen_van(&mut self, persoon_ids: &[i64]) -> Uitkomst<Vec<BankrekeningRij>>;
    async fn rekeningwijziging_op_id(&mut self, id: i64) -> Uitkomst<Option<RekeningwijzigingRij>>;
    /// Verzoeken om een nieuwe rekening: de open (oudste eerst), of alle van één persoon.
    async fn rekeningwijzigingen(
        &mut self,
        persoon_id: Option<i64>,
    ) -> Uitkomst<Vec<RekeningwijzigingRij>>;
    async fn huishoudleden_van_huishouden(
        &mut self,
        huishouden_id: i64,
    ) -> Uitkomst<Vec<HuishoudlidRij>>;
    async fn huishoudleden_van_personen(
        &mut self,
        persoon_ids: &[i64],
    ) -> Uitkomst<Vec<HuishoudlidRij>>;
    async fn huishoudleden_van_huishoudens(&mut self, ids: &[i64])
        -> Uitkomst<Vec<HuishoudlidRij>>;
    /// De ids van personen die bij de sleutel passen (op wat nu bekend is), hoogstens `limiet`.
    async fn personen_zoeken(&mut self, sleutel: &Zoeksleutel, limiet: i64) -> Uitkomst<Vec<i64>>;
}

#[async_trait]
pub trait Personen: PersonenLezen {
    async fn persoon_invoegen(&mut self, bsn: i64, tijdstip: DateTime<Utc>) -> Uitkomst<i64>;
    async fn persoonsgegevens_invoegen(&mut self, r: &PersoonsgegevensRij) -> Uitkomst<i64>;
    async fn adres_invoegen(&mut self, r: &AdresRij) -> Uitkomst<i64>;
    async fn bankrekening_invoegen(&mut self, r: &BankrekeningRij) -> Uitkomst<i64>;
    async fn rekeningwijziging_invoegen(&mut self, r: &RekeningwijzigingRij) -> Uitkomst<i64>;
    /// Zet status en beoordeling (versie +1) als de versie nog die van `r` is.
    async fn rekeningwijziging_bijwerken(&mut self, r: &RekeningwijzigingRij) -> Uitkomst<bool>;
    /// Verhoogt de versie van een persoon als die nog `verwacht` is (voor gelijktijdige
    /// wijzigingen). `false`: iemand anders was eerder.
    async fn persoon_versie_ophogen(&mut self, id: i64, verwacht: i64) -> Uitkomst<bool>;
    /// Laat een versie van een feit vervallen (formele historie).
    async fn versie_laten_vervallen(
        &mut self,
        tabel: Historietabel,
        id: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<bool>;
    async fn huishouden_invoegen(&mut self, tijdstip: DateTime<Utc>) -> Uitkomst<i64>;
    async fn huishoudlid_invoegen(&mut self, r: &HuishoudlidRij) -> Uitkomst<i64>;
    /// Zie [`Personenpartij`]; in zo weinig mogelijk statements.
    async fn personen_bulk_invoegen(&mut self, p: Personenpartij) -> Uitkomst<()>;
}
