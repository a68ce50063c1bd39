//! Verbinden met de database.
//!
//! SQLite: één bestand `vangnet.sqlite3` in de datamap, WAL-modus, vreemde sleutels aan. Er is
//! één schrijfverbinding (schrijftransacties beginnen met `BEGIN IMMEDIATE` en volgen elkaar op)
//! en een handvol leesverbindingen die dankzij WAL nooit op de schrijver wachten.
//! PostgreSQL: één pool voor beide; gelijktijdige schrijvers worden door rijvergrendeling
//! (de kop van de auditketen, optimistische versies) geordend.
//!
//! Een verbinding die terugkomt in de pool en dan nog in een transactie staat (een verzoek werd
//! afgebroken op een ongelukkig moment, zie `na_gebruik`), wordt gesloten in plaats van
//! hergebruikt: sluiten rolt de transactie terug en de pool opent een nieuwe verbinding.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
use vangnet_app::bestanden;
use vangnet_app::opslag::{Leestransactie, Opslag, OpslagFout, Transactie, Uitkomst};
use vangnet_domain::audit::Ketensleutel;

use crate::sql::Engine;
use crate::transactie::AnyTransactie;

/// Waar de gegevens staan.
#[derive(Debug, Clone)]
pub enum Doel {
    /// Een SQLite-bestand in deze map (wordt aangemaakt als die niet bestaat).
    Datamap(PathBuf),
    /// Een database-URL: `postgres://…` of `sqlite://…`.
    Url(String),
    /// PostgreSQL met een eigen schema (voor tests: een vers schema per test).
    PostgresSchema { url: String, schema: String },
}

/// De geopende database.
#[derive(Clone)]
pub struct Database {
    pub(crate) schrijven: AnyPool,
    pub(crate) lezen: AnyPool,
    /// Een leesreplica (PostgreSQL, streaming replication) voor wat even verouderd mag zijn:
    /// zoeken, dashboards, overzichten (zie `Opslag::lees_mag_verouderd`).
    replica: Option<AnyPool>,
    /// Loopt de replica verder achter dan dit, dan leest ook wat verouderd mag van de primaire.
    replica_max_achterstand: Duration,
    pub engine: Engine,
    /// De sleutel van de audittrail en de toegangsketen (buiten de database bewaard).
    sleutel: Option<std::sync::Arc<Ketensleutel>>,
    /// SQLite: staat de schrijfverbinding nog op `synchronous = FULL` (na een duurzame
    /// transactie)? Dan zet de volgende gewone schrijftransactie haar terug op NORMAL.
    vol_synchroon: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// PostgreSQL: de grootte van de pool (ook die van een leesreplica).
    postgres_verbindingen: u32,
}

static DRIVERS: Once = Once::new();

/// Zoveel verbindingen houdt één server met PostgreSQL ten hoogste open (zie
/// [`Database::open_met_verbindingen`]). Een betaalrun of herberekening houdt er drie of vier
/// bezet; de rest is voor de medewerkers.
pub const STANDAARD_POSTGRES_VERBINDINGEN: u32 = 20;

/// Zoveel leesverbindingen heeft SQLite (naast de ene schrijver). Lezers wachten in WAL-modus
/// nooit op de schrijver of op elkaar; een verbinding kost alleen geheugen voor haar cache.
pub const SQLITE_LEZERS: u32 = 8;

/// Hoe ver een leesreplica hooguit achter mag lopen (zie [`Database::met_max_achterstand`]).
pub const STANDAARD_MAX_ACHTERSTAND: Duration = Duration::from_secs(30);

/// De achterstand van een replica in seconden: 0 als zij alles wat zij ontving heeft
/// teruggespeeld en nog ontvangt; anders de ouderdom van de laatst teruggespeelde transactie
/// (geen: heel groot). Op een server die geen replica is: 0.
const ACHTERSTAND: &str = "SELECT CAST(CASE \
    WHEN NOT pg_is_in_recovery() THEN 0 \
    WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() \
         AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0 \
    ELSE COALESCE(EXTRACT(EPOCH FROM (clock_timestamp() - pg_last_xact_replay_timestamp())), 1e9) \
    END AS DOUBLE PRECISION) AS achterstand";

pub(crate) fn fout(e: sqlx::Error) -> OpslagFout {
    crate::sql::vertaal(e)
}

/// De pool van een PostgreSQL-server: hoogstens `verbindingen`, `wachten` op een vrije, en
/// `schema` als zoekpad (tests).
fn postgres_pool(schema: Option<String>, verbindingen: u32, wachten: Duration) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(verbindingen)
        .acquire_timeout(wachten)
        .after_release(na_gebruik)
        .after_connect(move |c, _| {
            let schema = schema.clone();
            Box::pin(async move {
                if let Some(s) = schema {
                    c.execute(format!("SET search_path TO {s}").as_str())
                        .await?;
                }
                Ok(())
            })
        })
}

/// Een schemanaam mag alleen letters, cijfers en liggende streepjes bevatten.
fn veilige_naam(s: &str) -> Result<&str, OpslagFout> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(s)
    } else {
        Err(OpslagFout::Database(format!("ongeldige schemanaam '{s}'")))
    }
}

/// Als een verbinding terugkomt in de pool: mag ze opnieuw gebruikt worden?
///
/// Nee als ze nog in een transactie staat. Dat gebeurt als de future van een verzoek wordt
/// weggegooid (de client verbrak de verbinding) net nadat SQLite `BEGIN IMMEDIATE` bevestigde maar
/// vóór sqlx het transactie-object maakte: niemand rolt die transactie dan nog terug, en zonder
/// deze controle faalde daarna elke schrijfhandeling ("begin_with at non-zero transaction depth")
/// tot een herstart. Eerst een ping: die wacht tot een eerder in de wachtrij gezette rollback
/// (van een gewoon weggegooide transactie) is uitgevoerd, zodat alleen een echt vergeten
/// transactie de verbinding kost.
fn na_gebruik(
    c: &mut sqlx::AnyConnection,
    _: sqlx::pool::PoolConnectionMetadata,
) -> Pin<Box<dyn Future<Output = Result<bool, sqlx::Error>> + Send + '_>> {
    Box::pin(async move {
        // De ping wacht tot wat nog liep klaar is, zodat de staat van de transactie klopt: SQLite
        // houdt die in zijn werkthread bij, PostgreSQL meldt haar pas met ReadyForQuery (een
        // afgebroken BEGIN is daar anders nog "buiten een transactie"). Op PostgreSQL kost dat
        // één rondgang per teruggave; dat is de prijs van nooit een open transactie hergebruiken.
        c.ping().await?;
        if c.is_in_transaction() {
            tracing::warn!("verbinding kwam terug in een open transactie; gesloten (teruggerold)");
            return Ok(false);
        }
        Ok(true)
    })
}

/// Schrijft elke seconde het write-ahead-log van SQLite terug in de database, vanaf een
/// leesverbinding en `PASSIVE`: zonder op lezers of de schrijver te wachten, en zonder de
/// schrijfverbinding bezet te houden (anders doet de verbinding die een commit doet dat, en
/// wacht elke volgende schrijver). Stopt als de pool sluit.
fn log_terugschrijven_op_de_achtergrond(lezen: sqlx::AnyPool) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if lezen.is_closed() {
                break;
            }
            match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(&lezen)
                .await
            {
                // (bezet, pagina's in het log, daarvan teruggeschreven): wat achterblijft, moet
                // elke lezer in het log opzoeken.
                Ok(r) => {
                    let getal = |i: usize| sqlx::Row::try_get::<i64, _>(&r, i).unwrap_or(-1);
                    tracing::debug!(
                        log = getal(1),
                        teruggeschreven = getal(2),
                        "write-ahead-log teruggeschreven"
                    );
                }
                Err(e) => {
                    if lezen.is_closed() {
                        break;
                    }
                    tracing::warn!(fout = %e, "write-ahead-log terugschrijven mislukt");
                }
            }
        }
    });
}

/// De datamap (0700) en het databasebestand (0600) alleen voor de eigenaar. SQLite maakt het
/// write-ahead-log en het gedeelde geheugen (`-wal`, `-shm`) met de rechten van het
/// databasebestand aan; bestaan ze al met ruimere rechten, dan worden die ook strenger.
fn sqlite_bestanden_prive(map: &std::path::Path, bestand: &std::path::Path) -> std::io::Result<()> {
    bestanden::prive_map(map)?;
    if !bestand.exists() {
        // Een leeg bestand is voor SQLite een nieuwe database.
        bestanden::prive_bestand(bestand)?;
    }
    for achtervoegsel in ["", "-wal", "-shm"] {
        let mut pad = bestand.as_os_str().to_owned();
        pad.push(achtervoegsel);
        let pad = std::path::PathBuf::from(pad);
        if pad.exists() && bestanden::prive_maken(&pad)? {
            tracing::warn!(bestand = %pad.display(), "rechten waren ruimer dan 0600; strenger gemaakt");
        }
    }
    Ok(())
}

/// Faalde het begin van een transactie omdat de verbinding er al in stond?
fn al_in_transactie(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::InvalidSavePointStatement => true,
        sqlx::Error::Database(d) => d.message().contains("within a transaction"),
        _ => false,
    }
}

impl Database {
    /// Opent de database (en maakt een SQLite-bestand of een PostgreSQL-schema aan als dat nog
    /// niet bestaat). Migreert niet; zie [`crate::migratie`].
    pub async fn open(doel: &Doel) -> Uitkomst<Database> {
        Self::open_met_verbindingen(doel, STANDAARD_POSTGRES_VERBINDINGEN).await
    }

    /// Als [`Database::open`], met een pool van `postgres_verbindingen` (alleen PostgreSQL; op
    /// SQLite is er één schrijver en zijn er [`SQLITE_LEZERS`] lezers).
    pub async fn open_met_verbindingen(
        doel: &Doel,
        postgres_verbindingen: u32,
    ) -> Uitkomst<Database> {
        if postgres_verbindingen == 0 {
            return Err(OpslagFout::Database(
                "een pool van 0 verbindingen kan niets".into(),
            ));
        }
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        match doel {
            Doel::Datamap(map) => {
                let bestand = map.join("vangnet.sqlite3");
                sqlite_bestanden_prive(map, &bestand).map_err(|e| {
                    OpslagFout::Database(format!("datamap {} inrichten: {e}", map.display()))
                })?;
                Self::open_sqlite(&format!("sqlite://{}?mode=rwc", bestand.display())).await
            }
            Doel::Url(url) if url.starts_with("sqlite:") => Self::open_sqlite(url).await,
            Doel::Url(url)
                if url.starts_with("postgres://") || url.starts_with("postgresql://") =>
            {
                Self::open_postgres(url, None, postgres_verbindingen).await
            }
            Doel::Url(url) => Err(OpslagFout::Database(format!(
                "onbekend soort database-URL '{}': gebruik postgres://… of sqlite://…",
                url.split(':').next().unwrap_or_default()
            ))),
            Doel::PostgresSchema { url, schema } => {
                let schema = veilige_naam(schema)?;
                let beheer = Self::open_postgres(url, None, 1).await?;
                beheer
                    .schrijven
                    .execute(format!("CREATE SCHEMA IF NOT EXISTS {schema}").as_str())
                    .await
                    .map_err(fout)?;
                beheer.schrijven.close().await;
                Self::open_postgres(url, Some(schema.to_owned()), postgres_verbindingen).await
            }
        }
    }

    async fn open_sqlite(url: &str) -> Uitkomst<Database> {
        let opties = AnyConnectOptions::from_str(url)
            .map_err(fout)?
            .disable_statement_logging();
        let pragmas = |pool: AnyPoolOptions, extra: &'static str| {
            pool.after_release(na_gebruik).after_connect(move |c, _| {
                Box::pin(async move {
                    c.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                         PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;",
                    )
                    .await?;
                    if !extra.is_empty() {
                        c.execute(extra).await?;
                    }
                    Ok(())
                })
            })
        };
        // De schrijver schrijft het log niet zelf terug na een commit: na een grote run (het log
        // groeit zolang de lezers van de run hun momentopname houden) kostte dat seconden waarin
        // de enige schrijfverbinding bezet was. Dat doet `log_terugschrijven_op_de_achtergrond`.
        let schrijven = pragmas(
            AnyPoolOptions::new().max_connections(1),
            "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864",
        )
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(opties.clone())
        .await
        .map_err(fout)?;
        // Een betaalrun of herberekening houdt er twee of drie de hele tijd; de rest is voor de
        // medewerkers (een dossier openen leest hier).
        let lezen = pragmas(AnyPoolOptions::new().max_connections(SQLITE_LEZERS), "")
            .connect_with(opties)
            .await
            .map_err(fout)?;
        log_terugschrijven_op_de_achtergrond(lezen.clone());
        Ok(Database {
            schrijven,
            lezen,
            replica: None,
            replica_max_achterstand: STANDAARD_MAX_ACHTERSTAND,
            engine: Engine::Sqlite,
            sleutel: None,
            vol_synchroon: Default::default(),
            postgres_verbindingen: 0,
        })
    }

    async fn open_postgres(
        url: &str,
        schema: Option<String>,
        verbindingen: u32,
    ) -> Uitkomst<Database> {
        let opties = AnyConnectOptions::from_str(url)
            .map_err(fout)?
            .disable_statement_logging();
        // Eerst één verbinding: een onbereikbare server geeft zo direct een fout, in plaats van
        // pas na de wachttijd van de pool.
        sqlx::AnyConnection::connect_with(&opties)
            .await
            .map_err(fout)?
            .close()
            .await
            .map_err(fout)?;
        let pool = postgres_pool(schema, verbindingen, Duration::from_secs(30))
            .connect_with(opties)
            .await
            .map_err(fout)?;
        Ok(Database {
            schrijven: pool.clone(),
            lezen: pool,
            replica: None,
            replica_max_achterstand: STANDAARD_MAX_ACHTERSTAND,
            engine: Engine::Postgres,
            sleutel: None,
            vol_synchroon: Default::default(),
            postgres_verbindingen: verbindingen,
        })
    }

    /// Leest wat even verouderd mag zijn voortaan van de replica op `url` (alleen PostgreSQL;
    /// `schema` zoals bij [`Doel::PostgresSchema`]). De verbinding komt pas bij het eerste
    /// gebruik: een replica die (nog) niet bereikbaar is, houdt het starten niet tegen, en zolang
    /// zij onbereikbaar is, leest Vangnet van de primaire (zie `lees_mag_verouderd`).
    pub fn met_leesreplica(mut self, url: &str, schema: Option<&str>) -> Uitkomst<Self> {
        if self.engine != Engine::Postgres {
            return Err(OpslagFout::Database(
                "een leesreplica kan alleen bij PostgreSQL".into(),
            ));
        }
        let schema = schema.map(veilige_naam).transpose()?.map(str::to_owned);
        let opties = AnyConnectOptions::from_str(url)
            .map_err(fout)?
            .disable_statement_logging();
        self.replica = Some(
            postgres_pool(schema, self.postgres_verbindingen, Duration::from_secs(2))
                .connect_lazy_with(opties),
        );
        Ok(self)
    }

    /// Hoe ver de leesreplica hooguit achter mag lopen (standaard
    /// [`STANDAARD_MAX_ACHTERSTAND`]); loopt zij verder achter, dan leest Vangnet van de
    /// primaire.
    pub fn met_max_achterstand(mut self, max: Duration) -> Self {
        self.replica_max_achterstand = max;
        self
    }

    /// Tekent de audittrail en de toegangsketen voortaan met deze sleutel (zie
    /// [`vangnet_domain::audit::Ketensleutel`]).
    pub fn met_ketensleutel(mut self, sleutel: Option<Ketensleutel>) -> Self {
        self.sleutel = sleutel.map(std::sync::Arc::new);
        self
    }

    /// Verwijdert een testschema met alles erin (alleen PostgreSQL).
    pub async fn schema_verwijderen(url: &str, schema: &str) -> Uitkomst<()> {
        let schema = veilige_naam(schema)?;
        let beheer = Self::open_postgres(url, None, 1).await?;
        beheer
            .schrijven
            .execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE").as_str())
            .await
            .map_err(fout)?;
        beheer.schrijven.close().await;
        Ok(())
    }

    /// Voert SQL uit buiten de app-laag om. Alleen voor tests (bv. manipulatie van de audittrail
    /// nabootsen) en noodbeheer: dit omzeilt rechten en audittrail.
    pub async fn ruwe_sql(&self, sql: &str) -> Uitkomst<u64> {
        sqlx::raw_sql(sql)
            .execute(&self.schrijven)
            .await
            .map(|r| r.rows_affected())
            .map_err(fout)
    }

    /// Een schrijftransactie: op SQLite met `BEGIN IMMEDIATE`, zodat ze de schrijfvergrendeling
    /// meteen neemt en niet halverwege op een andere schrijver (bv. de CLI) stuit.
    ///
    /// Staat de enige SQLite-schrijfverbinding toch in een transactie die niemand meer afsluit
    /// (buiten sqlx om begonnen, of een fout in sqlx), dan wordt ze gesloten (dat rolt terug) en
    /// begint de transactie op een nieuwe verbinding; anders faalde elke volgende schrijfhandeling.
    ///
    /// `duurzaam` (alleen SQLite, zie [`Opslag::schrijf_duurzaam`]): `synchronous = FULL` op de
    /// verbinding vóór het begin (binnen een transactie kan SQLite het niet veranderen), op
    /// dezelfde verbinding als de transactie.
    async fn schrijftransactie(
        &self,
        duurzaam: bool,
    ) -> Uitkomst<sqlx::Transaction<'static, sqlx::Any>> {
        if self.engine == Engine::Postgres {
            return self.schrijven.begin().await.map_err(fout);
        }
        match self.sqlite_begin(duurzaam).await {
            Err(e) if al_in_transactie(&e) => {
                tracing::warn!(fout = %e, "schrijfverbinding stond in een transactie; vervangen");
                self.schrijven
                    .acquire()
                    .await
                    .map_err(fout)?
                    .close()
                    .await
                    .map_err(fout)?;
                self.vol_synchroon
                    .store(false, std::sync::atomic::Ordering::Release);
                self.sqlite_begin(duurzaam).await.map_err(fout)
            }
            uitkomst => uitkomst.map_err(fout),
        }
    }

    async fn sqlite_begin(
        &self,
        duurzaam: bool,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        use std::sync::atomic::Ordering;
        // Een gewone transactie op een verbinding die op NORMAL staat: niets te zetten. Een
        // duurzame zet FULL altijd: de pool kan de verbinding intussen vervangen hebben.
        if !duurzaam && !self.vol_synchroon.load(Ordering::Acquire) {
            return self.schrijven.begin_with("BEGIN IMMEDIATE").await;
        }
        let mut c = self.schrijven.acquire().await?;
        let modus = if duurzaam { "FULL" } else { "NORMAL" };
        c.execute(format!("PRAGMA synchronous = {modus}").as_str())
            .await?;
        self.vol_synchroon.store(duurzaam, Ordering::Release);
        // Op dezelfde verbinding (er is er één; zo komt er geen andere transactie tussen).
        sqlx::Transaction::begin(c, Some("BEGIN IMMEDIATE".into())).await
    }

    /// SQLite: `PRAGMA synchronous` van de schrijfverbinding (2 = FULL, 1 = NORMAL).
    pub async fn schrijfmodus(&self) -> Uitkomst<i64> {
        let r = sqlx::query("PRAGMA synchronous")
            .fetch_one(&self.schrijven)
            .await
            .map_err(fout)?;
        sqlx::Row::try_get::<i64, _>(&r, 0).map_err(fout)
    }

    pub async fn sluiten(&self) {
        self.schrijven.close().await;
        self.lezen.close().await;
        if let Some(r) = &self.replica {
            r.close().await;
        }
    }
}

#[async_trait]
impl Opslag for Database {
    async fn schrijf(&self) -> Uitkomst<Box<dyn Transactie>> {
        // Het wachten op de schrijver (op SQLite de enige) als eigen span in een trace.
        let tx = tracing::Instrument::instrument(
            self.schrijftransactie(false),
            tracing::info_span!("schrijver_nemen"),
        )
        .await?;
        Ok(Box::new(AnyTransactie::nieuw(
            tx,
            self.engine,
            self.sleutel.clone(),
        )))
    }

    async fn lees(&self) -> Uitkomst<Box<dyn Leestransactie>> {
        let tx = self.lezen.begin().await.map_err(fout)?;
        Ok(Box::new(AnyTransactie::nieuw(
            tx,
            self.engine,
            self.sleutel.clone(),
        )))
    }

    async fn lees_mag_verouderd(&self) -> Uitkomst<Box<dyn Leestransactie>> {
        let Some(replica) = &self.replica else {
            return self.lees().await;
        };
        // Eén momentopname, alleen lezen; lukt het niet (replica weg), of loopt zij te ver
        // achter, dan de primaire.
        let poging = async {
            let mut tx = replica.begin().await?;
            tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .await?;
            let r = sqlx::query(ACHTERSTAND).fetch_one(&mut *tx).await?;
            let achterstand = sqlx::Row::try_get::<f64, _>(&r, "achterstand")?;
            Ok::<_, sqlx::Error>((tx, achterstand))
        };
        match poging.await {
            Ok((tx, achterstand)) if achterstand <= self.replica_max_achterstand.as_secs_f64() => {
                Ok(Box::new(AnyTransactie::nieuw(
                    tx,
                    self.engine,
                    self.sleutel.clone(),
                )))
            }
            Ok((_, achterstand)) => {
                tracing::warn!(
                    achterstand_s = achterstand,
                    "leesreplica loopt te ver achter; gelezen van de primaire"
                );
                self.lees().await
            }
            Err(e) => {
                tracing::warn!(fout = %fout(e), "leesreplica onbereikbaar; gelezen van de primaire");
                self.lees().await
            }
        }
    }

    async fn replica_gezond(&self) -> Option<bool> {
        let replica = self.replica.as_ref()?;
        Some(sqlx::query("SELECT 1").execute(replica).await.is_ok())
    }

    async fn gezond(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.lezen).await.is_ok()
    }

    async fn schrijfproef(&self) -> Uitkomst<()> {
        self.schrijftransactie(false)
            .await?
            .rollback()
            .await
            .map_err(fout)
    }

    async fn schrijf_duurzaam(&self) -> Uitkomst<Box<dyn Transactie>> {
        let tx = self.schrijftransactie(true).await?;
        Ok(Box::new(AnyTransactie::nieuw(
            tx,
            self.engine,
            self.sleutel.clone(),
        )))
    }

    async fn onderhoud_na_bulkinvoer(&self) -> Uitkomst<()> {
        // PostgreSQL: VACUUM zet de zichtbaarheidskaart, zodat index-only scans (de lijst
        // "Vandaag") niet elke rij hoeven te lezen; het kan niet in een transactie.
        let sql = match self.engine {
            Engine::Sqlite => "PRAGMA optimize".to_owned(),
            Engine::Postgres => {
                // Alleen de tabellen van het eigen schema (zie `sql::eigen_tabellen`).
                let mut c = self.schrijven.acquire().await.map_err(fout)?;
                let tabellen = crate::sql::eigen_tabellen(&mut c).await?;
                if tabellen.is_empty() {
                    return Ok(());
                }
                format!("VACUUM (ANALYZE) {tabellen}")
            }
        };
        sqlx::query(&sql)
            .execute(&self.schrijven)
            .await
            .map_err(fout)?;
        Ok(())
    }

    async fn log_terugschrijven(&self) -> Uitkomst<()> {
        if self.engine == Engine::Sqlite {
            // PASSIVE vanaf een leesverbinding: wacht op niemand en houdt de schrijver niet bezet
            // (TRUNCATE op de schrijver hield een medewerker na een demo van een miljoen
            // huishoudens seconden op). Het log wordt zo niet kleiner, maar na een volledige
            // terugschrijving begint de volgende schrijver vooraan.
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&self.lezen)
                .await
                .map_err(fout)?;
        }
        Ok(())
    }

    fn engine(&self) -> &'static str {
        self.engine.naam()
    }

    fn ketensleutel(&self) -> Option<&Ketensleutel> {
        self.sleutel.as_deref()
    }
}
