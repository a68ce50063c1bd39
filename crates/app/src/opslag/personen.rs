//! Personen, hun feiten met historie (persoonsgegevens, adressen, bankrekeningen), huishoudens en zoeken.
//!
//! [`PersonenLezen`] kan in elke transactie; [`Personen`] alleen in een schrijftransactie.

use async_trait::async_trait;
use serde::Serialize;

use super::Uitkomst;

/// De historie van een feit: materieel (`geldig_*`, datums `jjjj-mm-dd`, tot niet meegerekend) en
/// formeel (`geregistreerd_op`/`vervallen_op`, tijdstippen), met de operatie die het vastlegde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Historie {
    pub geldig_vanaf: String,
    pub geldig_tot: Option<String>,
    pub geregistreerd_op: String,
    pub vervallen_op: Option<String>,
    pub operatie_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersoonRij {
    pub id: i64,
    pub bsn: i64,
    pub versie: i64,
    pub aangemaakt_op: String,
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
    pub geboortedatum: String,
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
    /// `aanvrager`, `partner:gehuwd`, `kind`, `medebewoner:student`, …
    pub rol: String,
    pub historie: Historie,
}

/// Waar de opslag op zoekt (de herkende zoekvraag, in opslagtermen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoeksleutel {
    Bsn(i64),
    Dossiernummer(String),
    Geboortedatum(String),
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
    async fn persoon_invoegen(&mut self, bsn: i64, tijdstip: &str) -> Uitkomst<i64>;
    async fn persoonsgegevens_invoegen(&mut self, r: &PersoonsgegevensRij) -> Uitkomst<i64>;
    async fn adres_invoegen(&mut self, r: &AdresRij) -> Uitkomst<i64>;
    async fn bankrekening_invoegen(&mut self, r: &BankrekeningRij) -> Uitkomst<i64>;
    /// Verhoogt de versie van een persoon als die nog `verwacht` is (voor gelijktijdige
    /// wijzigingen). `false`: iemand anders was eerder.
    async fn persoon_versie_ophogen(&mut self, id: i64, verwacht: i64) -> Uitkomst<bool>;
    /// Laat een versie van een feit vervallen (formele historie): `tabel` is een van
    /// `persoonsgegevens`, `adressen`, `bankrekeningen`, `huishoudleden`.
    async fn versie_laten_vervallen(
        &mut self,
        tabel: &str,
        id: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool>;
    async fn huishouden_invoegen(&mut self, tijdstip: &str) -> Uitkomst<i64>;
    async fn huishoudlid_invoegen(&mut self, r: &HuishoudlidRij) -> Uitkomst<i64>;
}
