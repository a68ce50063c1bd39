//! Testgereedschap voor Vangnet (alleen voor tests).
//!
//! - [`verse_database`]: een verse, gemigreerde database per test. Op SQLite (een bestand in een
//!   eigen tijdelijke map) tenzij `VANGNET_TEST_DATABASE_URL` is gezet: dan PostgreSQL, met een
//!   eigen schema per test dat na afloop wordt weggegooid.
//! - [`TestApp`]: de applicatie op zo'n database met een vaste klok, persona's per rol en de
//!   router voor HTTP-tests zonder netwerk.
//! - [`Bezoeker`]: een browser in het klein (cookies, CSRF-token uit formulieren) voor de router.
//! - [`veldfout`]: de melding van een invoerfout op één veld.

#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)] // alleen voor tests: falen is hier de bedoeling

mod bezoeker;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use vangnet_app::account::EersteStart;
use vangnet_app::beheer::NieuweGebruiker;
use vangnet_app::klok::VasteKlok;
use vangnet_app::{geheim, Actor, App, Context, Instellingen};
use vangnet_domain::Rol;
use vangnet_store::{migratie, Database, Doel, Engine};

pub use bezoeker::{Antwoord, Bezoeker};

/// De melding van een invoerfout op `veld`; faalt de test als de fout iets anders is.
pub fn veldfout(e: vangnet_app::AppFout, veld: &str) -> String {
    match e {
        vangnet_app::AppFout::Ongeldig(v) => v
            .voor(veld)
            .unwrap_or_else(|| panic!("geen fout op {veld}: {v:?}"))
            .to_owned(),
        e => panic!("verwacht een invoerfout op {veld}, kreeg {e:?}"),
    }
}

/// Een aanvraag van een alleenstaande met een adres in Rotterdam, ontvangen op 2 november 2026
/// (geen rekening: die zet een test zelf als ze nodig is).
pub fn aanvraag(
    bsn: &str,
    voornamen: &str,
    geslachtsnaam: &str,
) -> vangnet_app::clienten::NieuweAanvraag {
    vangnet_app::clienten::NieuweAanvraag {
        ontvangen_op: "2026-11-02".into(),
        aanvrager: vangnet_app::clienten::PersoonInvoer {
            bsn: bsn.into(),
            voornamen: voornamen.into(),
            voorvoegsel: String::new(),
            geslachtsnaam: geslachtsnaam.into(),
            geboortedatum: "14-03-1990".into(),
        },
        straat: "Coolsingel".into(),
        huisnummer: "40".into(),
        postcode: "3011 AD".into(),
        woonplaats: "Rotterdam".into(),
        ..Default::default()
    }
}

/// Een dossier voor een test in een paar regels (issue 18, punt 6):
///
/// ```text
/// let d = dossier().ontvangen_op("2025-01-02").met_uitkering("2025-01-01").maak(&t, &clerk, &anna).await;
/// ```
///
/// Zonder meer: de aanvraag van [`aanvraag`] (alleenstaande, Rotterdam, ontvangen 2-11-2026).
pub fn dossier() -> Dossierbouwer {
    Dossierbouwer {
        aanvraag: aanvraag("100023757", "Piet", "Testpersoon"),
        uitkering: None,
    }
}

/// Zie [`dossier`].
#[derive(Debug, Clone)]
pub struct Dossierbouwer {
    pub aanvraag: vangnet_app::clienten::NieuweAanvraag,
    uitkering: Option<String>,
}

/// Wat [`Dossierbouwer::maak`] aanmaakte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestDossier {
    pub dossier: i64,
    pub uitkering: Option<i64>,
}

impl Dossierbouwer {
    /// Een bouwer met een eigen aanvraag (partners, kinderen, een ander adres).
    pub fn van(aanvraag: vangnet_app::clienten::NieuweAanvraag) -> Self {
        Self {
            aanvraag,
            uitkering: None,
        }
    }

    pub fn bsn(mut self, bsn: &str) -> Self {
        self.aanvraag.aanvrager.bsn = bsn.into();
        self
    }

    pub fn naam(mut self, voornamen: &str, geslachtsnaam: &str) -> Self {
        self.aanvraag.aanvrager.voornamen = voornamen.into();
        self.aanvraag.aanvrager.geslachtsnaam = geslachtsnaam.into();
        self
    }

    /// `jjjj-mm-dd`.
    pub fn ontvangen_op(mut self, datum: &str) -> Self {
        self.aanvraag.ontvangen_op = datum.into();
        self
    }

    pub fn rekening(mut self, iban: &str) -> Self {
        self.aanvraag.iban = iban.into();
        self
    }

    /// Een lid van het huishouden erbij: `rol` als in het formulier (`partner:gehuwd`, `kind`,
    /// `medebewoner:familie`), geboren `dd-mm-jjjj`.
    pub fn met_lid(
        mut self,
        rol: vangnet_domain::huishouden::Rol,
        bsn: &str,
        naam: (&str, &str),
        geboren: &str,
    ) -> Self {
        self.aanvraag.leden.push(vangnet_app::clienten::LidInvoer {
            persoon: vangnet_app::clienten::PersoonInvoer {
                bsn: bsn.into(),
                voornamen: naam.0.into(),
                voorvoegsel: String::new(),
                geslachtsnaam: naam.1.into(),
                geboortedatum: geboren.into(),
            },
            rol: rol.code(),
        });
        self
    }

    /// Een gehuwde partner, geboren `dd-mm-jjjj`.
    pub fn met_partner(self, bsn: &str, naam: (&str, &str), geboren: &str) -> Self {
        use vangnet_domain::huishouden::{Partnerrelatie, Rol};
        self.met_lid(Rol::Partner(Partnerrelatie::Gehuwd), bsn, naam, geboren)
    }

    /// Een kind, geboren `dd-mm-jjjj`.
    pub fn met_kind(self, bsn: &str, naam: (&str, &str), geboren: &str) -> Self {
        self.met_lid(vangnet_domain::huishouden::Rol::Kind, bsn, naam, geboren)
    }

    /// Kent na het registreren een uitkering toe vanaf `begin` (`jjjj-mm-dd`).
    pub fn met_uitkering(mut self, begin: &str) -> Self {
        self.uitkering = Some(begin.into());
        self
    }

    /// Registreert de aanvraag als `ondersteuner` en kent (als gevraagd) de uitkering toe als
    /// `consulent`. Een test die faalt bij het maken, faalt hier met de fout.
    pub async fn maak(
        self,
        t: &TestApp,
        ondersteuner: &Context,
        consulent: &Context,
    ) -> TestDossier {
        // Begint de uitkering vóór de ontvangst, dan was dat de dag van de melding (art. 44
        // lid 1): zo beschrijft de bouwer een gewone aanvraag, zonder bijzondere reden.
        let mut aanvraag = self.aanvraag.clone();
        if let Some(begin) = &self.uitkering {
            if aanvraag.gemeld_op.is_empty() && begin.as_str() < aanvraag.ontvangen_op.as_str() {
                aanvraag.gemeld_op = begin.clone();
            }
        }
        let (dossier, _) = t
            .app
            .aanvraag_registreren(ondersteuner, &aanvraag)
            .await
            .expect("aanvraag registreren");
        // Vraagt de toekenning vier ogen (een nabetaling boven de drempel), dan keurt het
        // systeem haar goed: de bouwer beschrijft een toegekende uitkering. Tests van vier ogen
        // zelf kennen toe zonder de bouwer.
        let uitkering = match &self.uitkering {
            Some(begin) => Some(
                match t
                    .app
                    .uitkering_toekennen(
                        consulent,
                        dossier,
                        &vangnet_app::uitkeringen::Toekenningsinvoer {
                            begindatum: begin,
                            inhoud: "Algemene bijstand",
                            bijzondere_reden: "",
                        },
                    )
                    .await
                    .expect("uitkering toekennen")
                {
                    vangnet_app::uitkeringen::Toekenning::Toegekend(id) => id,
                    vangnet_app::uitkeringen::Toekenning::Voorgelegd(voorstel) => t
                        .app
                        .toekenning_beoordelen(&TestApp::systeem(), voorstel, 1, true, "")
                        .await
                        .expect("toekenning goedkeuren")
                        .expect("uitkering"),
                },
            ),
            None => None,
        };
        TestDossier { dossier, uitkering }
    }
}

/// Een betaalrun voor een test: starten, berekenen en (tenzij [`Runbouwer::niet_goedkeuren`])
/// goedkeuren in één regel:
///
/// ```text
/// let run = betaalrun("2026-12", "2026-12-20").maak(&t, &functioneel_beheerder, &teamleider).await;
/// ```
pub fn betaalrun(maand: &str, betaaldatum: &str) -> Runbouwer {
    Runbouwer {
        maand: maand.into(),
        betaaldatum: betaaldatum.into(),
        goedkeuren: true,
        tussentijds: false,
    }
}

/// Zie [`betaalrun`].
#[derive(Debug, Clone)]
pub struct Runbouwer {
    maand: String,
    betaaldatum: String,
    goedkeuren: bool,
    tussentijds: bool,
}

impl Runbouwer {
    /// Alleen starten en berekenen (om goedkeuren zelf te testen).
    pub fn niet_goedkeuren(mut self) -> Self {
        self.goedkeuren = false;
        self
    }

    /// Een tussentijdse run (alleen wat verschuldigd is en nog niet betaald) met de betaaldatum;
    /// de maand volgt uit die datum.
    pub fn tussentijds(mut self) -> Self {
        self.tussentijds = true;
        self
    }

    /// Start en berekent de run als `starter` en keurt hem goed als `goedkeurder` (vier ogen:
    /// een ander). Geeft de run zoals hij daarna is; een fout laat de test hier falen.
    pub async fn maak(
        self,
        t: &TestApp,
        starter: &Context,
        goedkeurder: &Context,
    ) -> vangnet_app::opslag::BetaalrunRij {
        let id = if self.tussentijds {
            t.app
                .betaalrun_tussentijds_starten(starter, &self.betaaldatum)
                .await
        } else {
            t.app
                .betaalrun_starten(starter, &self.maand, &self.betaaldatum)
                .await
        }
        .expect("betaalrun starten");
        let run = t
            .app
            .betaalrun_berekenen(starter, id, |_| {})
            .await
            .expect("betaalrun berekenen");
        if !self.goedkeuren {
            return run;
        }
        t.app
            .betaalrun_goedkeuren(goedkeurder, id, run.versie)
            .await
            .expect("betaalrun goedkeuren");
        t.app
            .betaalrun(goedkeurder, id)
            .await
            .expect("betaalrun lezen")
    }
}

/// De omgevingsvariabele met de PostgreSQL-server voor tests.
pub const PG_VARIABELE: &str = "VANGNET_TEST_DATABASE_URL";

pub fn postgres_url() -> Option<String> {
    std::env::var(PG_VARIABELE)
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// Een database die alleen voor deze test bestaat. Ruimt op bij `Drop` (SQLite-map) of bij
/// [`TestDb::opruimen`] (PostgreSQL-schema; ook een vergeten schema verdwijnt met de
/// CI-database).
pub struct TestDb {
    pub db: Database,
    map: Option<PathBuf>,
    schema: Option<(String, String)>,
}

impl TestDb {
    /// De URL van de server en het schema van deze test (alleen PostgreSQL).
    pub fn postgres_schema(&self) -> Option<(&str, &str)> {
        self.schema.as_ref().map(|(u, s)| (u.as_str(), s.as_str()))
    }

    pub async fn opruimen(self) {
        self.db.sluiten().await;
        if let Some((url, schema)) = &self.schema {
            let _ = Database::schema_verwijderen(url, schema).await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(map) = &self.map {
            let _ = std::fs::remove_dir_all(map);
        }
    }
}

/// Een willekeurige ketensleutel voor één test, vanaf het eerste record: elke test tekent zijn
/// audittrail en toegangsketen zoals een echte installatie.
pub fn testsleutel() -> vangnet_domain::audit::Ketensleutel {
    let mut sleutel = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut sleutel);
    vangnet_domain::audit::Ketensleutel::nieuw(sleutel, 1, 1)
}

/// Een verse SQLite-database in een eigen tijdelijke map, gemigreerd.
pub async fn verse_sqlite() -> TestDb {
    sqlite_tot(i64::MAX).await
}

async fn sqlite_tot(versie: i64) -> TestDb {
    let map = std::env::temp_dir().join(format!("vangnet-test-{}", geheim::willekeurig_hex(8)));
    let db = Database::open(&Doel::Datamap(map.clone()))
        .await
        .expect("SQLite-testdatabase openen")
        .met_ketensleutel(Some(testsleutel()));
    migratie::migreer_tot(&db, versie)
        .await
        .expect("migreren (SQLite)");
    TestDb {
        db,
        map: Some(map),
        schema: None,
    }
}

/// Een vers PostgreSQL-schema, gemigreerd. Faalt met een duidelijke melding als
/// `VANGNET_TEST_DATABASE_URL` niet is gezet.
pub async fn verse_postgres() -> TestDb {
    postgres_tot(i64::MAX).await
}

async fn postgres_tot(versie: i64) -> TestDb {
    let url = postgres_url().unwrap_or_else(|| {
        panic!("deze test heeft PostgreSQL nodig: zet {PG_VARIABELE}, bv. postgres://postgres@127.0.0.1:5432/test")
    });
    let schema = format!("vt_{}", geheim::willekeurig_hex(8));
    let db = Database::open(&Doel::PostgresSchema {
        url: url.clone(),
        schema: schema.clone(),
    })
    .await
    .expect("PostgreSQL-testschema openen")
    .met_ketensleutel(Some(testsleutel()));
    migratie::migreer_tot(&db, versie)
        .await
        .expect("migreren (PostgreSQL)");
    TestDb {
        db,
        map: None,
        schema: Some((url, schema)),
    }
}

/// De database voor deze testrun: PostgreSQL als `VANGNET_TEST_DATABASE_URL` is gezet, anders
/// SQLite. CI draait alle tests één keer op elk.
pub async fn verse_database() -> TestDb {
    database_tot(i64::MAX).await
}

/// Als [`verse_database`], maar alleen gemigreerd tot en met `versie` (om een migratie op
/// gevulde tabellen te testen).
pub async fn database_tot(versie: i64) -> TestDb {
    if postgres_url().is_some() {
        postgres_tot(versie).await
    } else {
        sqlite_tot(versie).await
    }
}

/// Het vaste moment waarop tests beginnen: 28 november 2026, 10:00 UTC.
pub fn begin_tijd() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0)
        .single()
        .expect("geldige tijd")
}

/// Het wachtwoord van elke persona.
pub const PERSONA_WACHTWOORD: &str = "testwachtwoord-1234";

/// De gebruikersnaam van de persona met deze rol.
pub fn persona(rol: Rol) -> &'static str {
    match rol {
        Rol::AdministratiefOndersteuner => "ondersteuner",
        Rol::Inkomensconsulent => "consulent",
        Rol::Teamleider => "teamleider",
        Rol::Handhaving => "handhaver",
        Rol::FunctioneelBeheerder => "fb",
        Rol::Auditor => "auditor",
    }
}

/// De applicatie op een verse database, met een vaste klok.
pub struct TestApp {
    pub app: App,
    pub klok: Arc<VasteKlok>,
    pub testdb: TestDb,
}

impl TestApp {
    pub async fn nieuw() -> TestApp {
        Self::met_instellingen(Instellingen::default()).await
    }

    pub async fn met_instellingen(instellingen: Instellingen) -> TestApp {
        let testdb = verse_database().await;
        let klok = Arc::new(VasteKlok::op(begin_tijd()));
        let app = App::nieuw(Arc::new(testdb.db.clone()), klok.clone(), instellingen);
        // Zoals de server bij het starten: de gelijkgestelde dagen in de database (de kalender
        // van het proces blijft de standaardlijst: tests lopen naast elkaar).
        app.kalender_zaaien().await.expect("kalender zaaien");
        TestApp { app, klok, testdb }
    }

    pub fn engine(&self) -> Engine {
        self.testdb.db.engine
    }

    pub fn systeem() -> Context {
        Context::nieuw(Actor::Systeem { via: "test" }, geheim::operatie_id())
    }

    /// De eerste start met een bekend beheerderswachtwoord.
    pub async fn eerste_start(&self) -> EersteStart {
        self.app
            .eerste_start(Some("beheerder-wachtwoord"))
            .await
            .expect("eerste start")
    }

    /// Maakt een gebruiker met deze rollen aan met wachtwoord [`PERSONA_WACHTWOORD`], klaar om
    /// in te loggen (geen eenmalig wachtwoord meer). Geeft de context om als hem te handelen.
    pub async fn gebruiker(&self, naam: &str, rollen: &[Rol]) -> Context {
        let (id, eenmalig) = self
            .app
            .gebruiker_aanmaken(
                &Self::systeem(),
                &NieuweGebruiker {
                    gebruikersnaam: naam.into(),
                    volledige_naam: format!("Test {naam}"),
                    rollen: rollen.iter().map(|r| r.code().to_owned()).collect(),
                },
            )
            .await
            .expect("gebruiker aanmaken");
        let ctx = Context::nieuw(
            Actor::Gebruiker {
                id,
                gebruikersnaam: naam.into(),
                volledige_naam: format!("Test {naam}"),
                rollen: rollen.to_vec(),
                bereik: None,
            },
            geheim::operatie_id(),
        );
        self.app
            .wachtwoord_wijzigen(
                &ctx,
                None,
                &eenmalig,
                PERSONA_WACHTWOORD,
                PERSONA_WACHTWOORD,
            )
            .await
            .expect("wachtwoord zetten");
        ctx
    }

    /// Een persoonlijk API-token van een bestaande gebruiker (zoals `vangnet gebruiker token`).
    pub async fn api_token(&self, gebruikersnaam: &str, omschrijving: &str) -> String {
        self.app
            .token_aanmaken(&Self::systeem(), gebruikersnaam, omschrijving)
            .await
            .expect("token aanmaken")
            .token
    }

    /// De persona van deze rol (zie [`persona`]).
    pub async fn persona(&self, rol: Rol) -> Context {
        self.gebruiker(persona(rol), &[rol]).await
    }

    /// De router van de webschil op deze applicatie.
    pub fn router(&self) -> axum::Router {
        vangnet_web::router(vangnet_web::WebStaat::nieuw(
            self.app.clone(),
            vangnet_web::WebInstellingen::default(),
        ))
    }

    /// Een bezoeker met eigen webinstellingen (bv. een demo-installatie).
    pub fn bezoeker_met(&self, instellingen: vangnet_web::WebInstellingen) -> Bezoeker {
        Bezoeker::nieuw(vangnet_web::router(vangnet_web::WebStaat::nieuw(
            self.app.clone(),
            instellingen,
        )))
    }

    /// Een bezoeker van de router (zonder netwerk).
    pub fn bezoeker(&self) -> Bezoeker {
        Bezoeker::nieuw(self.router())
    }

    pub async fn opruimen(self) {
        self.testdb.opruimen().await;
    }
}
