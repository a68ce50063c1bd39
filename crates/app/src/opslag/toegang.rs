//! Het toegangslog (wie las welke persoonsgegevens, naar Logboek Dataverwerkingen) en zijn keten.
//!
//! [`ToegangslogLezen`] kan in elke transactie; [`Toegangslog`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Uitkomst;
use vangnet_domain::toegangsketen::{Schakel, Toegangsregel};

/// Een regel in het toegangslog, naar het model van Logboek Dataverwerkingen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToegangRij {
    pub id: i64,
    pub trace_id: String,
    pub span_id: String,
    pub tijdstip: String,
    pub gebruiker_id: Option<i64>,
    pub gebruiker: String,
    pub verwerkingsactiviteit: String,
    pub betrokkene_type: String,
    pub betrokkene_id: String,
    pub omschrijving: String,
}

/// Een vastgelegde verwerking in het toegangslog: de vaste gegevens staan één keer in de opslag,
/// elke betrokkene is een regel die ernaar verwijst (zo leest een betaalrun 1,4 miljoen personen
/// in één verwerking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verwerking {
    pub id: i64,
    /// `JJJJ-MM` van het tijdstip (de sleutel waaronder de regels per betrokkene staan).
    pub maand: String,
    /// De vaste gegevens zoals vastgelegd (zonder betrokkene), voor de toegangsketen.
    pub gegevens: ToegangRij,
}

/// Filter voor het toegangslog; lege velden filteren niet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToegangFilter {
    /// De hele gebruikersnaam (hoofdletters maken niet uit), geen deel ervan.
    pub gebruiker: Option<String>,
    pub betrokkene_type: Option<String>,
    pub betrokkene_id: Option<String>,
    pub verwerkingsactiviteit: Option<String>,
    pub van: Option<DateTime<Utc>>,
    pub tot: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait ToegangslogLezen: Send {
    /// Nieuwste eerst.
    async fn toegang_zoeken(
        &mut self,
        f: &ToegangFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<ToegangRij>>;
    /// Het aantal regels, maar niet verder geteld dan `hoogstens`: in een log van honderd
    /// miljoen regels kost een volledige telling seconden.
    async fn toegang_tellen(&mut self, f: &ToegangFilter, hoogstens: i64) -> Uitkomst<i64>;
    /// De schakels van de toegangsketen vanaf volgnummer `vanaf`, op volgorde.
    async fn toegangsketen_reeks(&mut self, vanaf: i64, limiet: i64) -> Uitkomst<Vec<Schakel>>;
    /// Het volgnummer en de hash van de laatste schakel.
    async fn toegangsketen_kop(&mut self) -> Uitkomst<(i64, String)>;
    /// Het aantal regels van het toegangslog met een id vanaf `vanaf`.
    async fn toegangsregels_vanaf(&mut self, vanaf: i64) -> Uitkomst<i64>;
    /// De vaste gegevens van een verwerking (zonder betrokkene).
    async fn toegangsverwerking(&mut self, id: i64) -> Uitkomst<Option<ToegangRij>>;
    /// De regels van een verwerking met een id van `van` tot en met `tot`.
    async fn toegangsregels_van(
        &mut self,
        verwerking_id: i64,
        van: i64,
        tot: i64,
    ) -> Uitkomst<Vec<Toegangsregel>>;
}

#[async_trait]
pub trait Toegangslog: ToegangslogLezen {
    /// Eén toegangsregel per persoon bij een al vastgelegde verwerking
    /// (`verwerking_vastleggen`), in één statement.
    async fn toegang_voor_personen(&mut self, verwerking: &Verwerking, ids: &[i64])
        -> Uitkomst<()>;
    /// Eén verwerking (zoals `sjabloon`) met een toegangsregel per dossier in de run;
    /// `alleen_betalingen`: alleen dossiers in het betaalbestand; `regels`: alleen de regels met
    /// een id van … tot en met … (één deel van het betaalbestand).
    async fn toegang_voor_run(
        &mut self,
        run_id: i64,
        alleen_betalingen: bool,
        regels: Option<(i64, i64)>,
        sjabloon: &ToegangRij,
    ) -> Uitkomst<()>;
    async fn toegang_toevoegen(&mut self, r: &ToegangRij) -> Uitkomst<()>;
    /// Legt de vaste gegevens van een verwerking vast (zoals `sjabloon`, zonder betrokkene); de
    /// betrokkenen volgen met `toegang_voor_personen`.
    async fn verwerking_vastleggen(&mut self, sjabloon: &ToegangRij) -> Uitkomst<Verwerking>;
}
