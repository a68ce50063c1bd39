//! Een beschrijving van het databaseschema die op beide engines dezelfde vorm heeft: tabellen,
//! kolommen (soort, verplicht, primaire sleutel) en indexen (naam, tabel, uniek). De test op
//! gelijkwaardige migraties vergelijkt de twee beschrijvingen regel voor regel.

use sqlx::Row;
use vangnet_app::opslag::Uitkomst;

use crate::sql::vertaal;
use crate::{Database, Engine};

fn soort(t: &str) -> String {
    let t = t.to_lowercase();
    if t.contains("int") {
        "geheel getal".into()
    } else if t.contains("text") || t.contains("char") {
        "tekst".into()
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes".into()
    } else {
        format!("anders ({t})")
    }
}

/// Gesorteerde regels als `kolom gebruikers.id geheel getal verplicht sleutel`.
pub async fn beschrijving(db: &Database) -> Uitkomst<Vec<String>> {
    let mut regels = Vec::new();
    let pool = &db.lezen;
    match db.engine {
        Engine::Sqlite => {
            let tabellen = sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(pool)
            .await
            .map_err(vertaal)?;
            for t in tabellen {
                let tabel: String = t.try_get("name").map_err(vertaal)?;
                // De full-text-index van een tabel is op SQLite een virtuele tabel `X_fts` (met
                // schaduwtabellen `X_fts_…`), op PostgreSQL een GIN-index `X_zoekindex`.
                if let Some(basis) = tabel.strip_suffix("_fts") {
                    regels.push(indexregel(basis, &format!("{basis}_zoekindex"), false));
                    continue;
                }
                if tabel.contains("_fts_") {
                    continue;
                }
                regels.push(format!("tabel {tabel}"));
                let kolommen = sqlx::query(
                    "SELECT name, type, \"notnull\" AS verplicht, pk FROM pragma_table_info($1)",
                )
                .bind(&tabel)
                .fetch_all(pool)
                .await
                .map_err(vertaal)?;
                for k in kolommen {
                    let naam: String = k.try_get("name").map_err(vertaal)?;
                    let ty: String = k.try_get("type").map_err(vertaal)?;
                    let verplicht: i64 = k.try_get("verplicht").map_err(vertaal)?;
                    let pk: i64 = k.try_get("pk").map_err(vertaal)?;
                    regels.push(kolomregel(
                        &tabel,
                        &naam,
                        &ty,
                        verplicht == 1 || pk > 0,
                        pk > 0,
                    ));
                }
                let indexen = sqlx::query(
                    "SELECT name, \"unique\" AS uniek FROM pragma_index_list($1) \
                     WHERE name NOT LIKE 'sqlite_autoindex%'",
                )
                .bind(&tabel)
                .fetch_all(pool)
                .await
                .map_err(vertaal)?;
                for i in indexen {
                    let naam: String = i.try_get("name").map_err(vertaal)?;
                    let uniek: i64 = i.try_get("uniek").map_err(vertaal)?;
                    regels.push(indexregel(&tabel, &naam, uniek == 1));
                }
            }
        }
        Engine::Postgres => {
            let kolommen = sqlx::query(
                "SELECT c.table_name::text AS tabel, c.column_name::text AS naam, \
                 c.data_type::text AS soort, c.is_nullable::text AS leeg, \
                 CASE WHEN EXISTS (SELECT 1 FROM information_schema.table_constraints tc \
                   JOIN information_schema.key_column_usage ku \
                     ON ku.constraint_name = tc.constraint_name AND ku.table_schema = tc.table_schema \
                   WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema \
                     AND tc.table_name = c.table_name AND ku.column_name = c.column_name) \
                 THEN 1 ELSE 0 END AS sleutel \
                 FROM information_schema.columns c \
                 JOIN information_schema.tables t ON t.table_schema = c.table_schema \
                   AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' \
                 WHERE c.table_schema = current_schema()",
            )
            .fetch_all(pool)
            .await
            .map_err(vertaal)?;
            let mut tabellen = std::collections::BTreeSet::new();
            for k in kolommen {
                let tabel: String = k.try_get("tabel").map_err(vertaal)?;
                let naam: String = k.try_get("naam").map_err(vertaal)?;
                let ty: String = k.try_get("soort").map_err(vertaal)?;
                let leeg: String = k.try_get("leeg").map_err(vertaal)?;
                let sleutel: i32 = k.try_get("sleutel").map_err(vertaal)?;
                regels.push(kolomregel(&tabel, &naam, &ty, leeg == "NO", sleutel == 1));
                tabellen.insert(tabel);
            }
            regels.extend(tabellen.into_iter().map(|t| format!("tabel {t}")));
            let indexen = sqlx::query(
                "SELECT tablename::text AS tabel, indexname::text AS naam, indexdef::text AS def \
                 FROM pg_indexes WHERE schemaname = current_schema() \
                 AND indexname NOT LIKE '%\\_pkey' ESCAPE '\\'",
            )
            .fetch_all(pool)
            .await
            .map_err(vertaal)?;
            for i in indexen {
                let tabel: String = i.try_get("tabel").map_err(vertaal)?;
                let naam: String = i.try_get("naam").map_err(vertaal)?;
                let def: String = i.try_get("def").map_err(vertaal)?;
                regels.push(indexregel(&tabel, &naam, def.starts_with("CREATE UNIQUE")));
            }
        }
    }
    regels.sort();
    Ok(regels)
}

fn kolomregel(tabel: &str, naam: &str, ty: &str, verplicht: bool, sleutel: bool) -> String {
    format!(
        "kolom {tabel}.{naam} {}{}{}",
        soort(ty),
        if verplicht { " verplicht" } else { "" },
        if sleutel { " sleutel" } else { "" }
    )
}

fn indexregel(tabel: &str, naam: &str, uniek: bool) -> String {
    format!("index {tabel}.{naam}{}", if uniek { " uniek" } else { "" })
}
