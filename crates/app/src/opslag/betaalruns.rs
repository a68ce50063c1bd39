//! Betaalruns, hun regels en uitleggen, en de vorderingen die ze voorstellen.
//!
//! [`BetaalrunsLezen`] kan in elke transactie; [`Betaalruns`] alleen in een schrijftransactie.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::bedrag::Bedrag;
use vangnet_domain::betaalrun::{Categorie, Runstatus, Vasthoudreden, Vorderingstatus};
use vangnet_domain::tijd;

use super::Uitkomst;

/// Waarom een regel is vastgehouden, met een toelichting waar die er is (de melding van een
/// berekeningsfout). In de opslag (en in JSON) `code` of `code: toelichting`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vasthouding {
    pub reden: Vasthoudreden,
    pub toelichting: Option<String>,
}

impl Vasthouding {
    /// Zoals opgeslagen: `geen_rekening`, `berekeningsfout: <melding>`.
    pub fn code(&self) -> String {
        match &self.toelichting {
            Some(t) => format!("{}: {t}", self.reden.code()),
            None => self.reden.code().to_owned(),
        }
    }

    /// Leest de opgeslagen vorm; een onbekende reden is geen vasthouding.
    pub fn uit_code(tekst: &str) -> Option<Vasthouding> {
        let (code, toelichting) = match tekst.split_once(": ") {
            Some((c, t)) => (c, Some(t.to_owned())),
            None => (tekst, None),
        };
        Some(Vasthouding {
            reden: Vasthoudreden::uit_code(code)?,
            toelichting,
        })
    }

    /// De reden in woorden, met de toelichting: "De maand is niet te berekenen: …".
    pub fn naam(&self) -> String {
        match &self.toelichting {
            Some(t) => format!("{}: {t}", self.reden.naam()),
            None => self.reden.naam().to_owned(),
        }
    }
}

impl Serialize for Vasthouding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

/// Een betaalrun (issue 7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BetaalrunRij {
    pub id: i64,
    /// De eerste van de maand.
    pub maand: NaiveDate,
    pub betaaldatum: NaiveDate,
    pub status: Runstatus,
    pub gestart_door: i64,
    #[serde(with = "tijd::als_instant")]
    pub gestart_op: DateTime<Utc>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub berekend_op: Option<DateTime<Utc>>,
    pub goedgekeurd_door: Option<i64>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub goedgekeurd_op: Option<DateTime<Utc>>,
    #[serde(with = "tijd::als_instant_of_leeg")]
    pub geexporteerd_op: Option<DateTime<Utc>>,
    /// Regels die naar de bank gaan, en hun som.
    pub aantal_betalingen: i64,
    pub totaal_centen: Bedrag,
    pub versie: i64,
    /// Een tussentijdse run: alleen wat verschuldigd is en nog niet betaald (nabetalingen), niet
    /// de maand zelf en niet de vakantietoeslag (Awb 4:87, issue 20 punt 4).
    pub tussentijds: bool,
}

/// Eén regel van een betaalrun: een betaling, een vastgehouden bedrag of een voorgestelde
/// vordering, met de uitleg (JSON) zoals de cliënt die op de specificatie leest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BetaalregelRij {
    pub id: i64,
    pub run_id: i64,
    /// Geen bij een voorschot (art. 52): dan is er nog geen uitkering.
    pub uitkering_id: Option<i64>,
    pub dossier_id: i64,
    pub dossiernummer: String,
    pub categorie: Categorie,
    /// De maand waarover de regel gaat (de eerste van de maand).
    pub maand: NaiveDate,
    pub bedrag_centen: Bedrag,
    pub correctie_id: Option<i64>,
    pub reden: Option<Vasthouding>,
    pub iban: Option<String>,
    pub naam: String,
    pub omschrijving: String,
    pub kenmerk: String,
    pub uitleg: String,
}

/// Een nieuwe regel van een run, zoals het berekenen haar maakt; de uitleg staat al vast
/// (`uitleggen_vastleggen`) en wordt met haar id genoemd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweBetaalregel {
    pub run_id: i64,
    /// Geen bij een voorschot (art. 52): dan is er nog geen uitkering.
    pub uitkering_id: Option<i64>,
    pub dossier_id: i64,
    pub dossiernummer: String,
    pub categorie: Categorie,
    pub maand: NaiveDate,
    pub bedrag_centen: Bedrag,
    pub correctie_id: Option<i64>,
    pub reden: Option<Vasthouding>,
    pub iban: Option<String>,
    pub naam: String,
    pub omschrijving: String,
    pub kenmerk: String,
    pub uitleg_id: Option<i64>,
    /// Bij een vastgehouden regel: wat zij anders was geweest.
    pub anders: Option<Categorie>,
    /// Het voorschot dat de regel betaalt (of vasthoudt).
    pub voorschot_id: Option<i64>,
}

/// De vakantietoeslag in goedgekeurde runs, per uitkering de maand tot en met welke (de laatste
/// van de opbouwperiode).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vakantietoeslagstand {
    /// Betaald door runs vanaf de gevraagde maand.
    pub betaald: Vec<(i64, NaiveDate)>,
    /// Vastgehouden (geen rekening, opschorting) en niet daarna over dezelfde maand betaald.
    pub vastgehouden: Vec<(i64, NaiveDate)>,
    /// Van de uitkeringen in `vastgehouden`: alle maanden waarover ooit vakantietoeslag betaald
    /// is (om te zien of een latere betaling de vastgehouden maanden al dekte).
    pub betaald_van_vastgehouden: Vec<(i64, NaiveDate)>,
}

/// Een regel waarvoor het goedkeuren van een run een taak maakt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BetaalregelVoorTaak {
    pub dossier_id: i64,
    pub dossiernummer: String,
    pub categorie: Categorie,
    pub reden: Option<Vasthouding>,
}

/// Eén overboeking zoals het betaalbestand haar nodig heeft (zonder uitleg).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BetalingRij {
    pub id: i64,
    pub bedrag_centen: Bedrag,
    pub naam: String,
    pub iban: String,
    pub omschrijving: String,
    pub kenmerk: String,
}

/// Aantal en som van de regels van één categorie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Categorietotaal {
    pub categorie: Categorie,
    pub aantal: i64,
    pub som_centen: Bedrag,
}

/// Het reguliere bedrag van een dossier in deze en in de vorige definitieve run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Runverschil {
    pub dossiernummer: String,
    pub dossier_id: i64,
    pub vorig_centen: Bedrag,
    pub nu_centen: Bedrag,
}

/// Een vordering (te veel betaald), te beoordelen door de consulent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VorderingRij {
    pub id: i64,
    pub uitkering_id: i64,
    pub dossier_id: i64,
    pub correctie_id: i64,
    pub run_id: i64,
    pub maand: NaiveDate,
    pub bedrag_centen: Bedrag,
    pub status: Vorderingstatus,
    #[serde(with = "tijd::als_instant")]
    pub aangemaakt_op: DateTime<Utc>,
}

#[async_trait]
pub trait BetaalrunsLezen: Send {
    async fn betaalrun_op_id(&mut self, id: i64) -> Uitkomst<Option<BetaalrunRij>>;
    /// Nieuwste eerst.
    async fn betaalruns(&mut self, limiet: i64) -> Uitkomst<Vec<BetaalrunRij>>;
    /// De runs van een maand (alle toestanden).
    async fn betaalruns_van_maand(&mut self, maand: NaiveDate) -> Uitkomst<Vec<BetaalrunRij>>;
    /// Regels na `na_id` op id; `alleen_betalingen`: alleen wat naar de bank gaat.
    async fn betaalregels(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
        alleen_betalingen: bool,
    ) -> Uitkomst<Vec<BetaalregelRij>>;
    async fn betaalregels_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<BetaalregelRij>>;
    /// De regels die naar de bank gaan uit de volgende `limiet` regels na `na_id` (op id), met
    /// alleen wat het bestand nodig heeft, en het id van de laatst bekeken regel (geen: klaar).
    async fn betalingen(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
    ) -> Uitkomst<(Vec<BetalingRij>, Option<i64>)>;
    async fn betaalregels_van_categorie(
        &mut self,
        run_id: i64,
        categorie: Categorie,
        limiet: i64,
    ) -> Uitkomst<Vec<BetaalregelRij>>;
    /// De regels van een run waarvoor het goedkeuren een taak maakt (vorderingen en
    /// vastgehouden betalingen), op volgorde van id, zonder uitleg.
    async fn betaalregels_voor_taken(&mut self, run_id: i64) -> Uitkomst<Vec<BetaalregelVoorTaak>>;
    async fn betaalrun_totalen(&mut self, run_id: i64) -> Uitkomst<Vec<Categorietotaal>>;
    /// De grootste verschillen in het reguliere bedrag met de run `vorige`.
    async fn betaalrun_verschillen(
        &mut self,
        run_id: i64,
        vorige: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<Runverschil>>;
    async fn vorderingen_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<VorderingRij>>;
    /// De vakantietoeslag in goedgekeurde runs: wat runs van maand `vanaf` en later betaalden,
    /// en wat ooit werd vastgehouden en niet daarna over dezelfde maand betaald.
    async fn vakantietoeslag_in_runs(&mut self, vanaf: NaiveDate)
        -> Uitkomst<Vakantietoeslagstand>;
    /// Wat goedgekeurde runs van maand `vanaf` en later voor deze uitkeringen betaalden aan
    /// reguliere bijstand, nabetalingen en vakantietoeslag: (uitkering, categorie, maand,
    /// bedrag), één rij per betaalregel.
    async fn betaald_voor_uitkeringen(
        &mut self,
        ids: &[i64],
        vanaf: NaiveDate,
    ) -> Uitkomst<Vec<(i64, Categorie, NaiveDate, i64)>>;
}

#[async_trait]
pub trait Betaalruns: BetaalrunsLezen {
    async fn betaalrun_invoegen(&mut self, r: &BetaalrunRij) -> Uitkomst<i64>;
    /// Zet status, tijdstippen en totalen als de versie nog `r.versie - 1` is.
    async fn betaalrun_bijwerken(&mut self, r: &BetaalrunRij) -> Uitkomst<bool>;
    /// Houdt run `id` vast tot het einde van de transactie, als hij nog versie `versie` heeft en
    /// een concept is (op PostgreSQL een slot op de rij: wie de run intussen wil afbreken of
    /// opnieuw berekenen, wacht tot de commit). Onwaar: de run veranderde.
    async fn betaalrun_vasthouden(&mut self, id: i64, versie: i64) -> Uitkomst<bool>;
    /// De ids van deze uitleggen (sleutel = SHA-256 van de inhoud, hex); wat er nog niet is,
    /// wordt toegevoegd. Een uitleg verandert nooit; regels met dezelfde uitleg delen haar.
    async fn uitleggen_vastleggen(
        &mut self,
        uitleggen: &[(String, String)],
    ) -> Uitkomst<std::collections::HashMap<String, i64>>;
    /// Verwijdert hooguit `hooguit` regels van run `run_id`; geeft hoeveel.
    async fn betaalregels_verwijderen(&mut self, run_id: i64, hooguit: u64) -> Uitkomst<u64>;
    /// Na goedkeuring, in één keer voor de hele run: de reguliere bedragen als betaald in
    /// `maandbedragen`, de verrekende correcties afgesloten, de vorderingen aangemaakt.
    async fn betaalrun_verwerken(&mut self, run_id: i64, tijdstip: DateTime<Utc>) -> Uitkomst<()>;
    /// Vóór het verwerken: hoeveel maanden en correcties van deze run intussen al betaald of
    /// verrekend zijn (door een andere run). Op PostgreSQL eerst een vergrendeling voor de hele
    /// database, zodat twee goedkeuringen tegelijk elkaar zien (op SQLite is er één schrijver).
    async fn betaalrun_al_betaald(&mut self, run_id: i64) -> Uitkomst<i64>;
    /// Hoeveel uitkeringen er na `tijdstip` zijn toegekend (die kent een run van vóór dat
    /// moment niet).
    async fn betaalrun_uitkeringen_na(&mut self, tijdstip: DateTime<Utc>) -> Uitkomst<i64>;
    /// Hoeveel mutaties op uitkeringen van deze run na `tijdstip` (het berekenen) zijn gaan
    /// gelden: dan rekent de run met verouderde feiten.
    async fn betaalrun_mutaties_na(
        &mut self,
        run_id: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<i64>;
    /// De regels van een partij van een run, in zo weinig mogelijk statements.
    async fn betaalregels_invoegen(&mut self, regels: Vec<NieuweBetaalregel>) -> Uitkomst<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// De opgeslagen vorm van een vasthouding gaat heen en terug; een onbekende reden wordt
    /// niet stil een andere.
    #[test]
    fn vasthouding_heen_en_terug() {
        let gevallen = [
            ("geen_rekening", Vasthoudreden::GeenRekening, None),
            ("opschorting", Vasthoudreden::Opschorting, None),
            (
                "berekeningsfout: geen normtabel voor 2031-01",
                Vasthoudreden::Berekeningsfout,
                Some("geen normtabel voor 2031-01"),
            ),
        ];
        for (tekst, reden, toelichting) in gevallen {
            let v = Vasthouding::uit_code(tekst).expect(tekst);
            assert_eq!(v.reden, reden, "{tekst}");
            assert_eq!(v.toelichting.as_deref(), toelichting, "{tekst}");
            assert_eq!(v.code(), tekst);
        }
        assert_eq!(Vasthouding::uit_code("onbekend"), None);
        assert_eq!(Vasthouding::uit_code(""), None);
    }
}
