//! Een synthetisch toegangslog voor `vangnet bench toegangslog`: zoveel regels als een gemeente
//! in een paar jaar schrijft, in de echte tabellen en met de echte indexen, om te meten of zoeken
//! op persoon of gebruiker snel blijft. Alleen voor een lege benchdatabase: de verwerkingen staan
//! niet in de toegangsketen (`vangnet audit verify` keurt zo'n database af).

use chrono::{DateTime, Datelike, Duration, Utc};
use sqlx::Executor as _;

use crate::sql::Engine;
use crate::verbinding::{fout, Database};
use vangnet_app::opslag::Uitkomst;

/// Zoveel medewerkers zoeken en openen dossiers.
pub const BENCH_GEBRUIKERS: u64 = 500;
/// Zoveel verschillende personen komen in de kleine verwerkingen voor.
pub const BENCH_PERSONEN: u64 = 2_000_000;
/// Regels per kleine verwerking (een zoekvraag, een dossier openen).
const PER_VERWERKING: u64 = 10;
/// Zoveel regels per transactie.
const PARTIJ: u64 = 1_000_000;

const VERWERKINGEN: &str = "INSERT INTO toegangsverwerkingen \
    (id, trace_id, span_id, tijdstip, gebruiker_id, gebruiker, verwerkingsactiviteit, \
     betrokkene_type, omschrijving) \
    WITH RECURSIVE g(x) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT x + 1 FROM g WHERE x < $2) \
    SELECT x, 'bench', 'bench', $3, NULL, \
           CASE WHEN $4 = 1 THEN 'systeem' ELSE 'gebruiker' || CAST(x % $5 AS TEXT) END, \
           CASE WHEN $4 = 1 THEN 'betaalrun' ELSE 'zoeken' END, 'persoon', 'synthetisch' FROM g";

/// `$1` het eerste rangnummer, `$2` het laatste, `$3` de eerste verwerking, `$4` regels per
/// verwerking, `$5` de maand, `$6` 1: betrokkene = rangnummer + 1 (een run); anders verspreid over `$7` personen.
const REGELS: &str = "INSERT INTO toegangsregels (verwerking_id, maand, betrokkene_id) \
    WITH RECURSIVE g(x) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT x + 1 FROM g WHERE x < $2) \
    SELECT $3 + x / $4, $5, \
           CAST(CASE WHEN $6 = 1 THEN x + 1 ELSE (x * 7919) % $7 + 1 END AS TEXT) FROM g";

impl Database {
    /// Vult het toegangslog met ongeveer `regels` regels over de 24 maanden tot `nu`: per maand
    /// de helft in één betaalrun (de personen 1, 2, …), de rest in verwerkingen van tien regels
    /// van [`BENCH_GEBRUIKERS`] medewerkers over [`BENCH_PERSONEN`] personen. `voortgang` hoort
    /// het aantal regels tot nu toe. Geeft het aantal geschreven regels; geen als er al een log
    /// stond (een eerdere vulling).
    pub async fn toegangslog_synthetisch(
        &self,
        regels: u64,
        nu: DateTime<Utc>,
        voortgang: impl Fn(u64),
    ) -> Uitkomst<Option<u64>> {
        // Alleen in een database zonder personen: de synthetische verwerkingen staan niet in de
        // toegangsketen, en in een echte (of demo)database maakten ze die stuk. Staat er al een
        // (synthetisch) log, dan wordt niets toegevoegd.
        let r = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM personen LIMIT 1) p) AS personen, \
                    (SELECT COUNT(*) FROM (SELECT 1 FROM toegangsverwerkingen LIMIT 1) v) AS log",
        )
        .fetch_one(&self.schrijven)
        .await
        .map_err(fout)?;
        if sqlx::Row::try_get::<i64, _>(&r, "personen").map_err(fout)? > 0 {
            return Err(vangnet_app::opslag::OpslagFout::Database(
                "het synthetische toegangslog kan alleen in een database zonder personen \
                 (een nieuwe datamap of database)"
                    .into(),
            ));
        }
        if sqlx::Row::try_get::<i64, _>(&r, "log").map_err(fout)? > 0 {
            return Ok(None);
        }
        let per_maand = regels / 24;
        let mut volgende: i64 = {
            let r = sqlx::query("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM toegangsverwerkingen")
                .fetch_one(&self.schrijven)
                .await
                .map_err(fout)?;
            sqlx::Row::try_get(&r, "n").map_err(fout)?
        };
        let mut geschreven = 0;
        for terug in (0..24).rev() {
            let dag = nu - Duration::days(30 * terug);
            let maand = format!("{:04}-{:02}", dag.year(), dag.month());
            let tijdstip = vangnet_domain::tijd::instant_tekst(dag);
            let run = per_maand / 2;
            let klein = (per_maand - run) / PER_VERWERKING;
            // Eerst de run: één verwerking, `run` regels.
            let mut tx = self.schrijven.begin().await.map_err(fout)?;
            self.verwerkingen(&mut tx, volgende, volgende, &tijdstip, true)
                .await?;
            tx.commit().await.map_err(fout)?;
            let mut x = 0;
            while x < run {
                let tot = (x + PARTIJ).min(run);
                let mut tx = self.schrijven.begin().await.map_err(fout)?;
                sqlx::query(REGELS)
                    .bind(x as i64)
                    .bind(tot as i64 - 1)
                    .bind(volgende)
                    .bind(i64::MAX)
                    .bind(&maand)
                    .bind(1_i64)
                    .bind(BENCH_PERSONEN as i64)
                    .execute(&mut *tx)
                    .await
                    .map_err(fout)?;
                tx.commit().await.map_err(fout)?;
                geschreven += tot - x;
                x = tot;
                self.log_bijhouden().await?;
                voortgang(geschreven);
            }
            volgende += 1;
            // Dan de kleine verwerkingen, per partij.
            let mut v = 0;
            while v < klein {
                let tot = (v + PARTIJ / PER_VERWERKING).min(klein);
                let eerste = volgende + v as i64;
                let mut tx = self.schrijven.begin().await.map_err(fout)?;
                self.verwerkingen(&mut tx, eerste, volgende + tot as i64 - 1, &tijdstip, false)
                    .await?;
                sqlx::query(REGELS)
                    .bind(0_i64)
                    .bind(((tot - v) * PER_VERWERKING) as i64 - 1)
                    .bind(eerste)
                    .bind(PER_VERWERKING as i64)
                    .bind(&maand)
                    .bind(0_i64)
                    .bind(BENCH_PERSONEN as i64)
                    .execute(&mut *tx)
                    .await
                    .map_err(fout)?;
                tx.commit().await.map_err(fout)?;
                geschreven += (tot - v) * PER_VERWERKING;
                v = tot;
                self.log_bijhouden().await?;
                voortgang(geschreven);
            }
            volgende += klein as i64;
        }
        if self.engine == Engine::Postgres {
            // VACUUM zoals autovacuum het na zo'n invoer ook doet: de zichtbaarheidskaart maakt
            // index-only scans mogelijk. Elk apart (VACUUM mag niet in een transactieblok).
            for sql in [
                "SELECT setval(pg_get_serial_sequence('toegangsverwerkingen', 'id'), \
                 (SELECT MAX(id) FROM toegangsverwerkingen))",
                "VACUUM ANALYZE toegangsverwerkingen",
                "VACUUM ANALYZE toegangsregels",
            ] {
                self.schrijven.execute(sql).await.map_err(fout)?;
            }
        } else {
            // Een steekproef per index; een volledige ANALYZE leest 100 miljoen regels.
            self.schrijven
                .execute("PRAGMA analysis_limit = 1000; ANALYZE")
                .await
                .map_err(fout)?;
        }
        Ok(Some(geschreven))
    }

    /// SQLite: het write-ahead-log terugschrijven (de server doet dat elke seconde; hier is geen
    /// server), anders groeit het met elke partij.
    async fn log_bijhouden(&self) -> Uitkomst<()> {
        if self.engine == Engine::Sqlite {
            vangnet_app::Opslag::log_terugschrijven(self).await?;
        }
        Ok(())
    }

    async fn verwerkingen(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        van: i64,
        tot: i64,
        tijdstip: &str,
        run: bool,
    ) -> Uitkomst<()> {
        sqlx::query(VERWERKINGEN)
            .bind(van)
            .bind(tot)
            .bind(tijdstip)
            .bind(i64::from(run))
            .bind(BENCH_GEBRUIKERS as i64)
            .execute(&mut **tx)
            .await
            .map_err(fout)?;
        Ok(())
    }
}
