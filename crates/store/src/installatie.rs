//! Instellingen van de installatie en de machinerie van de bulkinvoer: een rijtype weet zijn
//! tabel, kolommen en waarden ([`Bulkrij`], geïmplementeerd naast de SQL van zijn aggregaat) en
//! [`AnyTransactie::bulk`] schrijft er veel tegelijk van. Draagbare SQL voor beide engines; waar
//! ze verschillen staan beide armen naast elkaar.

use async_trait::async_trait;

use vangnet_app::opslag::{Installatie, InstallatieLezen, OpslagFout, Reeks, Uitkomst};

use crate::sql::{getal, tekst, vertaal};
use crate::transactie::AnyTransactie;

/// Tabellen met een eigen id-reeks, voor bulkinvoer met expliciete ids.
pub(crate) const TABELLEN_MET_ID: &[&str] = &[
    "gebruikers",
    "teams",
    "api_tokens",
    "inlogpogingen",
    "toegangsverwerkingen",
    "toegangsregels",
    "personen",
    "persoonsgegevens",
    "adressen",
    "bankrekeningen",
    "huishoudens",
    "huishoudleden",
    "dossiers",
    "dossiergebeurtenissen",
    "taken",
    "taakgebeurtenissen",
    "postcodegebieden",
    "afwezigheden",
    "uitsluitingen",
    "meldingen",
    "uitkeringen",
    "mutaties",
    "correcties",
    "betaalruns",
    "betaalregels",
    "uitleggen",
    "vorderingen",
    "contactmomenten",
];

/// Een waarde voor bulkinvoer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Waarde {
    Getal(i64),
    Tekst(String),
    /// NULL in een tekstkolom.
    GeenTekst,
    /// NULL in een getalkolom (PostgreSQL wil het type weten).
    GeenGetal,
}

impl Waarde {
    pub(crate) fn optekst(t: Option<String>) -> Waarde {
        t.map_or(Waarde::GeenTekst, Waarde::Tekst)
    }

    pub(crate) fn opgetal(g: Option<i64>) -> Waarde {
        g.map_or(Waarde::GeenGetal, Waarde::Getal)
    }

    pub(crate) fn vlag(b: bool) -> Waarde {
        Waarde::Getal(i64::from(b))
    }

    pub(crate) fn datum(d: chrono::NaiveDate) -> Waarde {
        Waarde::Tekst(vangnet_domain::tijd::datum_tekst(d))
    }

    pub(crate) fn opdatum(d: Option<chrono::NaiveDate>) -> Waarde {
        Waarde::optekst(d.map(vangnet_domain::tijd::datum_tekst))
    }

    pub(crate) fn tijdstip(t: chrono::DateTime<chrono::Utc>) -> Waarde {
        Waarde::Tekst(vangnet_domain::tijd::instant_tekst(t))
    }

    pub(crate) fn optijdstip(t: Option<chrono::DateTime<chrono::Utc>>) -> Waarde {
        Waarde::optekst(t.map(vangnet_domain::tijd::instant_tekst))
    }
}

/// Een rij die in bulk kan worden ingevoegd: haar tabel, haar kolommen en haar waarden in die
/// volgorde. Rijen met een id dat de app vooraf bepaalde, noemen `id`; de andere laten het aan
/// de database.
pub(crate) trait Bulkrij: Send {
    const TABEL: &'static str;
    const KOLOMMEN: &'static [&'static str];
    fn waarden(self) -> Uitkomst<Vec<Waarde>>;
}

/// De naam van de tabel van een reeks.
pub(crate) fn tabel_van(reeks: Reeks) -> &'static str {
    match reeks {
        Reeks::Gebruikers => "gebruikers",
        Reeks::Huishoudens => "huishoudens",
        Reeks::Personen => "personen",
        Reeks::Persoonsgegevens => "persoonsgegevens",
        Reeks::Adressen => "adressen",
        Reeks::Dossiers => "dossiers",
        Reeks::Uitkeringen => "uitkeringen",
        Reeks::Mutaties => "mutaties",
        Reeks::Taken => "taken",
        Reeks::Contactmomenten => "contactmomenten",
    }
}

impl AnyTransactie {
    /// Voegt de rijen in met zo weinig mogelijk statements (zie [`Bulkrij`]).
    pub(crate) async fn bulk<R: Bulkrij>(&mut self, rijen: Vec<R>) -> Uitkomst<u64> {
        let waarden = rijen
            .into_iter()
            .map(Bulkrij::waarden)
            .collect::<Uitkomst<Vec<_>>>()?;
        self.bulk_invoegen(R::TABEL, R::KOLOMMEN, &waarden).await
    }
}

/// Eén rij voor `bulk_invoegen` als JSON: een array (SQLite, `json_each`) of een
/// object met de kolomnamen (PostgreSQL, `json_populate_recordset`).
pub(crate) fn json_rij(
    uit: &mut Vec<u8>,
    kolommen: &[&str],
    rij: &[Waarde],
    engine: crate::Engine,
) {
    use std::io::Write;
    let object = engine == crate::Engine::Postgres;
    uit.push(if object { b'{' } else { b'[' });
    for (i, (k, w)) in kolommen.iter().zip(rij).enumerate() {
        if i > 0 {
            uit.push(b',');
        }
        // Schrijven in een Vec faalt niet.
        if object {
            let _ = write!(uit, "\"{k}\":");
        }
        let _ = match w {
            Waarde::Getal(g) => write!(uit, "{g}").map_err(serde_json::Error::io),
            Waarde::Tekst(t) => serde_json::to_writer(&mut *uit, t),
            Waarde::GeenTekst | Waarde::GeenGetal => {
                uit.write_all(b"null").map_err(serde_json::Error::io)
            }
        };
    }
    uit.push(if object { b'}' } else { b']' });
}

#[async_trait]
impl InstallatieLezen for AnyTransactie {
    async fn installatie_lezen(&mut self, sleutel: &str) -> Uitkomst<Option<String>> {
        let r = sqlx::query("SELECT waarde FROM installatie WHERE sleutel = $1")
            .bind(sleutel)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.map(|r| tekst(&r, "waarde")).transpose()
    }

    async fn hoogste_id(&mut self, reeks: Reeks) -> Uitkomst<i64> {
        let tabel = tabel_van(reeks);
        let r = sqlx::query(&format!("SELECT COALESCE(MAX(id), 0) AS n FROM {tabel}"))
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }
}

#[async_trait]
impl Installatie for AnyTransactie {
    async fn installatie_zetten(&mut self, sleutel: &str, waarde: &str) -> Uitkomst<()> {
        sqlx::query(
            "INSERT INTO installatie (sleutel, waarde) VALUES ($1, $2) \
             ON CONFLICT (sleutel) DO UPDATE SET waarde = excluded.waarde",
        )
        .bind(sleutel)
        .bind(waarde)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn ids_reserveren(&mut self, reeks: Reeks, n: usize) -> Uitkomst<Vec<i64>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let tabel = tabel_van(reeks);
        match self.engine {
            crate::Engine::Sqlite => {
                let hoogste = self.hoogste_id(reeks).await?;
                Ok((hoogste + 1..).take(n).collect())
            }
            crate::Engine::Postgres => sqlx::query_scalar::<_, i64>(&format!(
                "SELECT nextval(pg_get_serial_sequence('{tabel}', 'id')) \
                     FROM generate_series(1, $1)"
            ))
            .bind(i64::try_from(n).unwrap_or(i64::MAX))
            .fetch_all(self.conn())
            .await
            .map_err(vertaal),
        }
    }

    async fn na_bulkinvoer(&mut self) -> Uitkomst<()> {
        if self.engine != crate::Engine::Postgres {
            sqlx::query("PRAGMA optimize")
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
            return Ok(());
        }
        for tabel in TABELLEN_MET_ID {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), \
                 GREATEST((SELECT COALESCE(MAX(id), 0) FROM {tabel}), 1))"
            ))
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        }
        // Na miljoenen nieuwe rijen kent de planner de tabellen nog niet: zonder ANALYZE kiest
        // PostgreSQL voor zoeken een volledige scan (p50 1 s in plaats van 10 ms). Alleen de
        // tabellen van het eigen schema (zie `sql::eigen_tabellen`).
        let tabellen = crate::sql::eigen_tabellen(self.conn()).await?;
        if !tabellen.is_empty() {
            sqlx::query(&format!("ANALYZE {tabellen}"))
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        }
        Ok(())
    }
}

impl AnyTransactie {
    /// Voegt veel rijen in met zo weinig mogelijk statements. Ids mogen expliciet zijn; roep dan
    /// daarna `na_bulkinvoer` aan.
    pub(crate) async fn bulk_invoegen(
        &mut self,
        tabel: &str,
        kolommen: &[&str],
        rijen: &[Vec<Waarde>],
    ) -> Uitkomst<u64> {
        self.bulk_invoegen_met(tabel, kolommen, rijen, "").await
    }

    /// Als [`Self::bulk_invoegen`], met `na` achter de invoer (een `ON CONFLICT …`).
    pub(crate) async fn bulk_invoegen_met(
        &mut self,
        tabel: &str,
        kolommen: &[&str],
        rijen: &[Vec<Waarde>],
        na: &str,
    ) -> Uitkomst<u64> {
        let geldig =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if !geldig(tabel) || !kolommen.iter().all(|k| geldig(k)) || kolommen.is_empty() {
            return Err(OpslagFout::Database("ongeldige tabel- of kolomnaam".into()));
        }
        // Per stuk één JSON-tekst als enige parameter, die de database zelf uitpakt: bij honderden
        // rijen vele malen sneller dan elke waarde apart binden via sqlx. Zo'n 4 MB per stuk.
        let mut totaal = 0;
        let mut begin = 0;
        while begin < rijen.len() {
            let mut json: Vec<u8> = Vec::with_capacity(1 << 20);
            json.push(b'[');
            let mut eind = begin;
            while eind < rijen.len() && (eind == begin || json.len() < 4 << 20) {
                let rij = &rijen[eind];
                if rij.len() != kolommen.len() {
                    return Err(OpslagFout::Database("rij past niet bij de kolommen".into()));
                }
                if eind > begin {
                    json.push(b',');
                }
                json_rij(&mut json, kolommen, rij, self.engine);
                eind += 1;
            }
            json.push(b']');
            let json = String::from_utf8(json)
                .map_err(|_| OpslagFout::Database("bulkinvoer: geen UTF-8".into()))?;
            let lijst = kolommen.join(", ");
            let sql = match self.engine {
                // Elke rij één keer als JSONB (MATERIALIZED): met `value ->> i` rechtstreeks
                // op json_each werd de rij voor elke kolom opnieuw als tekst gemaakt en gelezen
                // (in een meting 2,7× zo duur).
                // `WHERE true`: zonder leest SQLite een `ON CONFLICT` na `SELECT … FROM r` als
                // deel van de join (zie "The UPSERT parsing ambiguity" in de SQLite-handleiding).
                crate::Engine::Sqlite => format!(
                    "INSERT INTO {tabel} ({lijst}) WITH r AS MATERIALIZED \
                     (SELECT value AS v FROM json_each(jsonb(?))) SELECT {} FROM r WHERE true {na}",
                    (0..kolommen.len())
                        .map(|i| format!("v ->> {i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                crate::Engine::Postgres => format!(
                    "INSERT INTO {tabel} ({lijst}) SELECT {lijst} \
                     FROM json_populate_recordset(NULL::{tabel}, $1::json) {na}"
                ),
            };
            totaal += sqlx::query(&sql)
                .bind(json)
                .execute(self.conn())
                .await
                .map_err(vertaal)?
                .rows_affected();
            begin = eind;
        }
        Ok(totaal)
    }
}
