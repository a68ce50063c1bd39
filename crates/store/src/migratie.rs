//! Migraties: genummerde SQL-bestanden per engine, meegecompileerd in de binary. `vangnet migrate`
//! en de start van `serve` passen toe wat nog niet is toegepast, elk in zijn eigen transactie.
//! Een toegepaste migratie wordt nooit gewijzigd: een correctie is een nieuwe migratie.

use sqlx::{Executor, Row};

use vangnet_app::opslag::Uitkomst;

use crate::sql::vertaal;
use crate::{Database, Engine};

pub struct Migratie {
    pub versie: i64,
    pub naam: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Alle migraties, oplopend. Elke migratie heeft een SQLite- en een PostgreSQL-arm.
pub const MIGRATIES: &[Migratie] = &[
    Migratie {
        versie: 1,
        naam: "basis",
        sqlite: include_str!("../migrations/sqlite/0001_basis.sql"),
        postgres: include_str!("../migrations/postgres/0001_basis.sql"),
    },
    Migratie {
        versie: 2,
        naam: "personen_dossiers",
        sqlite: include_str!("../migrations/sqlite/0002_personen_dossiers.sql"),
        postgres: include_str!("../migrations/postgres/0002_personen_dossiers.sql"),
    },
    Migratie {
        versie: 3,
        naam: "installatie",
        sqlite: include_str!("../migrations/sqlite/0003_installatie.sql"),
        postgres: include_str!("../migrations/postgres/0003_installatie.sql"),
    },
    Migratie {
        versie: 4,
        naam: "normensets",
        sqlite: include_str!("../migrations/sqlite/0004_normensets.sql"),
        postgres: include_str!("../migrations/postgres/0004_normensets.sql"),
    },
    Migratie {
        versie: 5,
        naam: "werk",
        sqlite: include_str!("../migrations/sqlite/0005_werk.sql"),
        postgres: include_str!("../migrations/postgres/0005_werk.sql"),
    },
    Migratie {
        versie: 6,
        naam: "uitkeringen",
        sqlite: include_str!("../migrations/sqlite/0006_uitkeringen.sql"),
        postgres: include_str!("../migrations/postgres/0006_uitkeringen.sql"),
    },
    Migratie {
        versie: 7,
        naam: "betaalruns",
        sqlite: include_str!("../migrations/sqlite/0007_betaalruns.sql"),
        postgres: include_str!("../migrations/postgres/0007_betaalruns.sql"),
    },
    Migratie {
        versie: 8,
        naam: "contact",
        sqlite: include_str!("../migrations/sqlite/0008_contact.sql"),
        postgres: include_str!("../migrations/postgres/0008_contact.sql"),
    },
    Migratie {
        versie: 9,
        naam: "runschaal",
        sqlite: include_str!("../migrations/sqlite/0009_runschaal.sql"),
        postgres: include_str!("../migrations/postgres/0009_runschaal.sql"),
    },
    Migratie {
        versie: 10,
        naam: "correctiesoort",
        sqlite: include_str!("../migrations/sqlite/0010_correctiesoort.sql"),
        postgres: include_str!("../migrations/postgres/0010_correctiesoort.sql"),
    },
    Migratie {
        versie: 11,
        naam: "toegangslog_zonder_gebruikersindex",
        sqlite: include_str!("../migrations/sqlite/0011_toegangslog_zonder_gebruikersindex.sql"),
        postgres: include_str!(
            "../migrations/postgres/0011_toegangslog_zonder_gebruikersindex.sql"
        ),
    },
    Migratie {
        versie: 12,
        naam: "runtabellen_zonder_vreemde_sleutels",
        sqlite: include_str!("../migrations/sqlite/0012_runtabellen_zonder_vreemde_sleutels.sql"),
        postgres: include_str!(
            "../migrations/postgres/0012_runtabellen_zonder_vreemde_sleutels.sql"
        ),
    },
    Migratie {
        versie: 13,
        naam: "toegangslog_per_verwerking",
        sqlite: include_str!("../migrations/sqlite/0013_toegangslog_per_verwerking.sql"),
        postgres: include_str!("../migrations/postgres/0013_toegangslog_per_verwerking.sql"),
    },
    Migratie {
        versie: 14,
        naam: "maandbedragen_per_maand",
        sqlite: include_str!("../migrations/sqlite/0014_maandbedragen_per_maand.sql"),
        postgres: include_str!("../migrations/postgres/0014_maandbedragen_per_maand.sql"),
    },
    Migratie {
        versie: 15,
        naam: "toegangsketen",
        sqlite: include_str!("../migrations/sqlite/0015_toegangsketen.sql"),
        postgres: include_str!("../migrations/postgres/0015_toegangsketen.sql"),
    },
    Migratie {
        versie: 16,
        naam: "beheerverzoeken",
        sqlite: include_str!("../migrations/sqlite/0016_beheerverzoeken.sql"),
        postgres: include_str!("../migrations/postgres/0016_beheerverzoeken.sql"),
    },
    Migratie {
        versie: 17,
        naam: "gevoelige_terugbeltaken",
        sqlite: include_str!("../migrations/sqlite/0017_gevoelige_terugbeltaken.sql"),
        postgres: include_str!("../migrations/postgres/0017_gevoelige_terugbeltaken.sql"),
    },
    Migratie {
        versie: 18,
        naam: "gelijkgestelde_dagen",
        sqlite: include_str!("../migrations/sqlite/0018_gelijkgestelde_dagen.sql"),
        postgres: include_str!("../migrations/postgres/0018_gelijkgestelde_dagen.sql"),
    },
    Migratie {
        versie: 19,
        naam: "vermogen",
        sqlite: include_str!("../migrations/sqlite/0019_vermogen.sql"),
        postgres: include_str!("../migrations/postgres/0019_vermogen.sql"),
    },
    Migratie {
        versie: 20,
        naam: "nabetalen",
        sqlite: include_str!("../migrations/sqlite/0020_nabetalen.sql"),
        postgres: include_str!("../migrations/postgres/0020_nabetalen.sql"),
    },
    Migratie {
        versie: 21,
        naam: "melding",
        sqlite: include_str!("../migrations/sqlite/0021_melding.sql"),
        postgres: include_str!("../migrations/postgres/0021_melding.sql"),
    },
    Migratie {
        versie: 22,
        naam: "tussentijdse_runs",
        sqlite: include_str!("../migrations/sqlite/0022_tussentijdse_runs.sql"),
        postgres: include_str!("../migrations/postgres/0022_tussentijdse_runs.sql"),
    },
    Migratie {
        versie: 23,
        naam: "vastgehouden_van_voor_nabetalen",
        sqlite: include_str!("../migrations/sqlite/0023_vastgehouden_van_voor_nabetalen.sql"),
        postgres: include_str!("../migrations/postgres/0023_vastgehouden_van_voor_nabetalen.sql"),
    },
    Migratie {
        versie: 24,
        naam: "voorschotten",
        sqlite: include_str!("../migrations/sqlite/0024_voorschotten.sql"),
        postgres: include_str!("../migrations/postgres/0024_voorschotten.sql"),
    },
    Migratie {
        versie: 25,
        naam: "verzoeksleutels",
        sqlite: include_str!("../migrations/sqlite/0025_verzoeksleutels.sql"),
        postgres: include_str!("../migrations/postgres/0025_verzoeksleutels.sql"),
    },
    Migratie {
        versie: 26,
        naam: "rekeningwijzigingen",
        sqlite: include_str!("../migrations/sqlite/0026_rekeningwijzigingen.sql"),
        postgres: include_str!("../migrations/postgres/0026_rekeningwijzigingen.sql"),
    },
    Migratie {
        versie: 27,
        naam: "toekenningsvoorstellen",
        sqlite: include_str!("../migrations/sqlite/0027_toekenningsvoorstellen.sql"),
        postgres: include_str!("../migrations/postgres/0027_toekenningsvoorstellen.sql"),
    },
    Migratie {
        versie: 28,
        naam: "zoeknaam_deel",
        sqlite: include_str!("../migrations/sqlite/0028_zoeknaam_deel.sql"),
        postgres: include_str!("../migrations/postgres/0028_zoeknaam_deel.sql"),
    },
    Migratie {
        versie: 29,
        naam: "jobs",
        sqlite: include_str!("../migrations/sqlite/0029_jobs.sql"),
        postgres: include_str!("../migrations/postgres/0029_jobs.sql"),
    },
    Migratie {
        versie: 30,
        naam: "toegangslog_per_gebruiker",
        sqlite: include_str!("../migrations/sqlite/0030_toegangslog_per_gebruiker.sql"),
        postgres: include_str!("../migrations/postgres/0030_toegangslog_per_gebruiker.sql"),
    },
    Migratie {
        versie: 31,
        naam: "einde_uit_mutaties",
        sqlite: include_str!("../migrations/sqlite/0031_einde_uit_mutaties.sql"),
        postgres: include_str!("../migrations/postgres/0031_einde_uit_mutaties.sql"),
    },
    Migratie {
        versie: 32,
        naam: "schrijfteller",
        sqlite: include_str!("../migrations/sqlite/0032_schrijfteller.sql"),
        postgres: include_str!("../migrations/postgres/0032_schrijfteller.sql"),
    },
    Migratie {
        versie: 33,
        naam: "tokenbereik",
        sqlite: include_str!("../migrations/sqlite/0033_tokenbereik.sql"),
        postgres: include_str!("../migrations/postgres/0033_tokenbereik.sql"),
    },
    Migratie {
        versie: 34,
        naam: "zoeken_in_notities",
        sqlite: include_str!("../migrations/sqlite/0034_zoeken_in_notities.sql"),
        postgres: include_str!("../migrations/postgres/0034_zoeken_in_notities.sql"),
    },
];

/// De namen van de migraties die nog niet zijn toegepast (alle, in een lege database). Voor wie
/// alleen leest (`vangnet audit verify`) en niet mag migreren.
pub async fn openstaand(db: &Database) -> Uitkomst<Vec<String>> {
    let toegepast: Vec<i64> = match sqlx::query("SELECT versie FROM schema_migraties")
        .fetch_all(&db.lezen)
        .await
    {
        Ok(rijen) => rijen
            .iter()
            .map(|r| r.try_get::<i64, _>("versie"))
            .collect::<Result<_, _>>()
            .map_err(vertaal)?,
        // Geen tabel (SQLite: "no such table", PostgreSQL 42P01): nog nooit gemigreerd.
        Err(sqlx::Error::Database(d))
            if d.message().contains("no such table") || d.code().as_deref() == Some("42P01") =>
        {
            Vec::new()
        }
        Err(e) => return Err(vertaal(e)),
    };
    Ok(MIGRATIES
        .iter()
        .filter(|m| !toegepast.contains(&m.versie))
        .map(|m| format!("{:04}_{}", m.versie, m.naam))
        .collect())
}

/// Past de ontbrekende migraties toe en geeft de namen van wat is toegepast.
pub async fn migreer(db: &Database) -> Uitkomst<Vec<String>> {
    migreer_tot(db, i64::MAX).await
}

/// Past de ontbrekende migraties tot en met `versie` toe (om een migratie op een gevulde
/// database van de vorige versie te testen).
pub async fn migreer_tot(db: &Database, versie: i64) -> Uitkomst<Vec<String>> {
    db.schrijven
        .execute(
            "CREATE TABLE IF NOT EXISTS schema_migraties (\
             versie BIGINT PRIMARY KEY, naam TEXT NOT NULL, toegepast_op TEXT NOT NULL)",
        )
        .await
        .map_err(vertaal)?;
    let mut toegepast = Vec::new();
    for m in MIGRATIES.iter().filter(|m| m.versie <= versie) {
        let mut tx = match db.engine {
            Engine::Sqlite => db.schrijven.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => db.schrijven.begin().await,
        }
        .map_err(vertaal)?;
        if db.engine == Engine::Postgres {
            // Twee servers die tegelijk starten, migreren na elkaar.
            sqlx::query("LOCK TABLE schema_migraties IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await
                .map_err(vertaal)?;
        }
        let bestaat = sqlx::query("SELECT COUNT(*) AS n FROM schema_migraties WHERE versie = $1")
            .bind(m.versie)
            .fetch_one(&mut *tx)
            .await
            .map_err(vertaal)?
            .try_get::<i64, _>("n")
            .map_err(vertaal)?;
        if bestaat > 0 {
            continue;
        }
        let sql = match db.engine {
            Engine::Sqlite => m.sqlite,
            Engine::Postgres => m.postgres,
        };
        sqlx::raw_sql(sql)
            .execute(&mut *tx)
            .await
            .map_err(vertaal)?;
        sqlx::query(
            "INSERT INTO schema_migraties (versie, naam, toegepast_op) \
             VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TEXT))",
        )
        .bind(m.versie)
        .bind(m.naam)
        .execute(&mut *tx)
        .await
        .map_err(vertaal)?;
        tx.commit().await.map_err(vertaal)?;
        toegepast.push(format!("{:04}_{}", m.versie, m.naam));
    }
    Ok(toegepast)
}
