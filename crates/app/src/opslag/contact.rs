//! Contactmomenten en de lijst met onderwerpen.
//!
//! [`ContactLezen`] kan in elke transactie; [`Contact`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use vangnet_domain::contact::{Beller, Kanaal, Richting, Uitkomst as Contactuitkomst};
use vangnet_domain::tijd;

use super::Uitkomst;

/// Een contactmoment (issue 8). `door` is de naam van wie het vastlegde (alleen gelezen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactmomentRij {
    pub id: i64,
    pub persoon_id: Option<i64>,
    pub dossier_id: Option<i64>,
    pub kanaal: Kanaal,
    pub richting: Richting,
    pub beller: Beller,
    pub derde_naam: Option<String>,
    pub onderwerp: String,
    pub tekst: String,
    pub uitkomst: Contactuitkomst,
    pub telefoonnummer: Option<String>,
    #[serde(with = "tijd::als_instant")]
    pub tijdstip: DateTime<Utc>,
    pub duur_minuten: Option<i64>,
    pub gevoelig: bool,
    pub geregistreerd_door: i64,
    pub door: String,
    pub taak_id: Option<i64>,
    pub vervolg_op: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub gekoppeld_op: Option<DateTime<Utc>>,
    pub versie: i64,
}

/// Een onderwerp uit de lijst die de functioneel beheerder inricht.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactonderwerpRij {
    pub code: String,
    pub omschrijving: String,
    pub volgorde: i64,
    pub actief: bool,
}

#[async_trait]
pub trait ContactLezen: Send {
    async fn contactmoment_op_id(&mut self, id: i64) -> Uitkomst<Option<ContactmomentRij>>;
    /// Het contactmoment waaruit deze taak volgde (terugbellen, doorverwijzing, signaal).
    async fn contactmoment_van_taak(&mut self, taak_id: i64) -> Uitkomst<Option<ContactmomentRij>>;
    /// Nieuwste eerst.
    async fn contactmomenten_van_persoon(
        &mut self,
        persoon_id: i64,
        na: Option<&Zoekpositie>,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Nieuwste eerst.
    async fn contactmomenten_van_dossier(
        &mut self,
        dossier_id: i64,
        na: Option<&Zoekpositie>,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Contactmomenten zonder persoon (onbekende bellers), nieuwste eerst.
    async fn contactmomenten_zonder_persoon(
        &mut self,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    /// Contactmomenten waarvan de notitie of de naam van de derde elk van de `woorden` bevat
    /// (uit `vangnet_domain::contact::zoekwoorden`; elk als begin van een woord, zonder
    /// hoofdletters en accenten, op PostgreSQL ook met dezelfde stam), nieuwste eerst, en na
    /// `na` (paginering op de sleutel, niet op een rijnummer) als die er is. Via de
    /// full-text-index van de engine.
    async fn contactmomenten_zoeken(
        &mut self,
        woorden: &[String],
        na: Option<&Zoekpositie>,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>>;
    async fn contactonderwerpen(&mut self) -> Uitkomst<Vec<ContactonderwerpRij>>;
}

/// De plek van een contactmoment in een lijst "nieuwste eerst": waar de volgende bladzijde begint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zoekpositie {
    pub tijdstip: DateTime<Utc>,
    pub id: i64,
}

impl Zoekpositie {
    /// Als cursor in een adres: `microseconden.id`, zonder tekens die gecodeerd moeten worden.
    pub fn als_cursor(&self) -> String {
        format!("{}.{}", self.tijdstip.timestamp_micros(), self.id)
    }

    /// Leest een cursor van [`als_cursor`](Self::als_cursor); iets anders: `None`.
    pub fn uit_cursor(s: &str) -> Option<Zoekpositie> {
        let (micro, id) = s.split_once('.')?;
        Some(Zoekpositie {
            tijdstip: DateTime::from_timestamp_micros(micro.parse().ok()?)?,
            id: id.parse().ok()?,
        })
    }
}

#[async_trait]
pub trait Contact: ContactLezen {
    async fn contactmoment_invoegen(&mut self, c: &ContactmomentRij) -> Uitkomst<i64>;
    /// Koppelt een contactmoment aan een persoon (en dossier), als `versie` nog klopt.
    async fn contactmoment_koppelen(
        &mut self,
        id: i64,
        persoon_id: i64,
        dossier_id: Option<i64>,
        gekoppeld_op: DateTime<Utc>,
        versie: i64,
    ) -> Uitkomst<bool>;
    /// Zet de lijst: deze onderwerpen actief in deze volgorde, alle andere inactief.
    async fn contactonderwerpen_vervangen(&mut self, lijst: &[ContactonderwerpRij])
        -> Uitkomst<()>;
    /// Veel contactmomenten (met hun id) in één keer (de demopopulatie).
    async fn contactmomenten_bulk_invoegen(&mut self, c: Vec<ContactmomentRij>) -> Uitkomst<()>;
}
