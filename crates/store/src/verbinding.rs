//! Verbinden met de database.
//!
//! SQLite: één bestand `vangnet.sqlite3` in de datamap, WAL-modus, vreemde sleutels aan. Er is
//! één schrijfverbinding (schrijftransacties beginnen met `BEGIN IMMEDIATE` en volgen elkaar op)
//! en een handvol leesverbindingen die dankzij WAL nooit op de schrijver wachten.
//! PostgreSQL: één pool voor beide; gelijktijdige schrijvers worden door rijvergrendeling
//! (de kop van de auditketen, optimistische versies) geordend.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
use vangnet_app::opslag::{Opslag, OpslagFout, Transactie, Uitkomst};

use crate::transactie::AnyTransactie;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn naam(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgresql",
        }
    }
}

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
    pub engine: Engine,
}

static DRIVERS: Once = Once::new();

fn fout(e: sqlx::Error) -> OpslagFout {
    crate::transactie::vertaal(e)
}

/// Een schemanaam mag alleen letters, cijfers en liggende streepjes bevatten.
fn veilige_naam(s: &str) -> Result<&str, OpslagFout> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(s)
    } else {
        Err(OpslagFout::Database(format!("ongeldige schemanaam '{s}'")))
    }
}

impl Database {
    /// Opent de database (en maakt een SQLite-bestand of een PostgreSQL-schema aan als dat nog
    /// niet bestaat). Migreert niet; zie [`crate::migratie`].
    pub async fn open(doel: &Doel) -> Uitkomst<Database> {
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        match doel {
            Doel::Datamap(map) => {
                std::fs::create_dir_all(map).map_err(|e| {
                    OpslagFout::Database(format!("datamap {} aanmaken: {e}", map.display()))
                })?;
                let bestand = map.join("vangnet.sqlite3");
                Self::open_sqlite(&format!("sqlite://{}?mode=rwc", bestand.display())).await
            }
            Doel::Url(url) if url.starts_with("sqlite:") => Self::open_sqlite(url).await,
            Doel::Url(url)
                if url.starts_with("postgres://") || url.starts_with("postgresql://") =>
            {
                Self::open_postgres(url, None).await
            }
            Doel::Url(url) => Err(OpslagFout::Database(format!(
                "onbekend soort database-URL '{}': gebruik postgres://… of sqlite://…",
                url.split(':').next().unwrap_or_default()
            ))),
            Doel::PostgresSchema { url, schema } => {
                let schema = veilige_naam(schema)?;
                let beheer = Self::open_postgres(url, None).await?;
                beheer
                    .schrijven
                    .execute(format!("CREATE SCHEMA IF NOT EXISTS {schema}").as_str())
                    .await
                    .map_err(fout)?;
                beheer.schrijven.close().await;
                Self::open_postgres(url, Some(schema.to_owned())).await
            }
        }
    }

    async fn open_sqlite(url: &str) -> Uitkomst<Database> {
        let opties = AnyConnectOptions::from_str(url)
            .map_err(fout)?
            .disable_statement_logging();
        let pragmas = |pool: AnyPoolOptions| {
            pool.after_connect(|c, _| {
                Box::pin(async move {
                    c.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                         PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;",
                    )
                    .await?;
                    Ok(())
                })
            })
        };
        let schrijven = pragmas(AnyPoolOptions::new().max_connections(1))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opties.clone())
            .await
            .map_err(fout)?;
        let lezen = pragmas(AnyPoolOptions::new().max_connections(4))
            .connect_with(opties)
            .await
            .map_err(fout)?;
        Ok(Database {
            schrijven,
            lezen,
            engine: Engine::Sqlite,
        })
    }

    async fn open_postgres(url: &str, schema: Option<String>) -> Uitkomst<Database> {
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
        let pool = AnyPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(30))
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
            .connect_with(opties)
            .await
            .map_err(fout)?;
        Ok(Database {
            schrijven: pool.clone(),
            lezen: pool,
            engine: Engine::Postgres,
        })
    }

    /// Verwijdert een testschema met alles erin (alleen PostgreSQL).
    pub async fn schema_verwijderen(url: &str, schema: &str) -> Uitkomst<()> {
        let schema = veilige_naam(schema)?;
        let beheer = Self::open_postgres(url, None).await?;
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

    pub async fn sluiten(&self) {
        self.schrijven.close().await;
        self.lezen.close().await;
    }
}

#[async_trait]
impl Opslag for Database {
    async fn schrijf(&self) -> Uitkomst<Box<dyn Transactie>> {
        let tx = match self.engine {
            Engine::Sqlite => self.schrijven.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.schrijven.begin().await,
        }
        .map_err(fout)?;
        Ok(Box::new(AnyTransactie {
            tx,
            engine: self.engine,
        }))
    }

    async fn lees(&self) -> Uitkomst<Box<dyn Transactie>> {
        let tx = self.lezen.begin().await.map_err(fout)?;
        Ok(Box::new(AnyTransactie {
            tx,
            engine: self.engine,
        }))
    }

    async fn gezond(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.lezen).await.is_ok()
    }

    async fn onderhoud_na_bulkinvoer(&self) -> Uitkomst<()> {
        // PostgreSQL: VACUUM zet de zichtbaarheidskaart, zodat index-only scans (de lijst
        // "Vandaag") niet elke rij hoeven te lezen; het kan niet in een transactie.
        let sql = match self.engine {
            Engine::Sqlite => "PRAGMA optimize",
            Engine::Postgres => "VACUUM (ANALYZE)",
        };
        sqlx::query(sql)
            .execute(&self.schrijven)
            .await
            .map_err(fout)?;
        Ok(())
    }

    async fn log_terugschrijven(&self) -> Uitkomst<()> {
        if self.engine == Engine::Sqlite {
            // Wacht op lopende lezers (busy_timeout) en maakt het log daarna leeg.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.schrijven)
                .await
                .map_err(fout)?;
        }
        Ok(())
    }

    fn engine(&self) -> &'static str {
        self.engine.naam()
    }
}
