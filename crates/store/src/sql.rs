//! Gedeelde hulpstukken voor de SQL van alle aggregaten: fouten vertalen, rijen lezen (uit sqlx of
//! uit een JSON-aggregatie), `IN`-lijsten van elke lengte, filtervoorwaarden. Een blad: deze module
//! kent geen andere module van de store.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row};
use vangnet_app::opslag::{OpslagFout, Uitkomst};
use vangnet_domain::tijd;

/// De database-engine: beide armen staan naast elkaar waar ze verschillen.
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

/// PostgreSQL: de tabellen van het eigen schema, als lijst voor `ANALYZE` of `VACUUM` (leeg: er
/// zijn er geen). Zonder lijst nemen die elke tabel van de database, ook die van een ander
/// schema: in CI gaf dat een deadlock met een test die in haar eigen schema migreerde.
pub(crate) async fn eigen_tabellen(c: &mut sqlx::AnyConnection) -> Uitkomst<String> {
    let rijen = sqlx::query(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS naam \
         FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    )
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    let namen = rijen
        .iter()
        .map(|r| r.try_get::<String, _>("naam"))
        .collect::<Result<Vec<_>, _>>()
        .map_err(vertaal)?;
    Ok(namen.join(", "))
}

/// Vertaalt een sqlx-fout naar een opslagfout.
pub(crate) fn vertaal(e: sqlx::Error) -> OpslagFout {
    use sqlx::Error as E;
    match &e {
        E::Database(d) if d.is_unique_violation() => {
            OpslagFout::Uniek(d.constraint().unwrap_or_default().to_owned())
        }
        E::Database(d) if d.message().contains("alleen toevoegen") => {
            OpslagFout::AlleenToevoegen(d.message().to_owned())
        }
        // SQLite: BUSY (5) en LOCKED (6), ook als uitgebreide code (BUSY_SNAPSHOT = 517:
        // de onderste byte telt). PostgreSQL: verbinding (08…), te weinig middelen (53…), de
        // server stopt (57P…).
        E::Database(d) if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() => {
            let code = d.code().and_then(|c| c.parse::<i32>().ok()).unwrap_or(0);
            if matches!(code & 0xff, 5 | 6) {
                OpslagFout::Onbereikbaar(e.to_string())
            } else {
                OpslagFout::Database(e.to_string())
            }
        }
        E::Database(d)
            if d.code().is_some_and(|c| {
                c.starts_with("08") || c.starts_with("53") || c.starts_with("57P")
            }) =>
        {
            OpslagFout::Onbereikbaar(e.to_string())
        }
        E::Io(_) | E::Tls(_) | E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed => {
            OpslagFout::Onbereikbaar(e.to_string())
        }
        _ => OpslagFout::Database(e.to_string()),
    }
}

/// Een gelezen rij, per kolomnaam: uit sqlx ([`AnyRow`]) of uit een JSON-array ([`JsonRij`],
/// het massale lezen van [`AnyTransactie::waar_in`]). De omzetters naar de rijtypen van de
/// app werken op beide.
pub(crate) trait Rij {
    fn tekst(&self, kolom: &str) -> Uitkomst<String>;
    fn optekst(&self, kolom: &str) -> Uitkomst<Option<String>>;
    fn getal(&self, kolom: &str) -> Uitkomst<i64>;
    fn opgetal(&self, kolom: &str) -> Uitkomst<Option<i64>>;
}

impl Rij for AnyRow {
    fn tekst(&self, kolom: &str) -> Uitkomst<String> {
        self.try_get::<String, _>(kolom).map_err(vertaal)
    }
    fn optekst(&self, kolom: &str) -> Uitkomst<Option<String>> {
        self.try_get::<Option<String>, _>(kolom).map_err(vertaal)
    }
    fn getal(&self, kolom: &str) -> Uitkomst<i64> {
        self.try_get::<i64, _>(kolom).map_err(vertaal)
    }
    fn opgetal(&self, kolom: &str) -> Uitkomst<Option<i64>> {
        self.try_get::<Option<i64>, _>(kolom).map_err(vertaal)
    }
}

/// Eén rij als JSON-array, met de kolomnamen van de query.
pub(crate) struct JsonRij {
    namen: std::sync::Arc<[String]>,
    waarden: Vec<serde_json::Value>,
}

impl JsonRij {
    fn waarde(&self, kolom: &str) -> Uitkomst<&serde_json::Value> {
        self.namen
            .iter()
            .position(|n| n == kolom)
            .and_then(|i| self.waarden.get(i))
            .ok_or_else(|| OpslagFout::Database(format!("kolom {kolom} ontbreekt")))
    }
}

pub(crate) fn soortfout(kolom: &str, v: &serde_json::Value) -> OpslagFout {
    OpslagFout::Database(format!("kolom {kolom}: onverwachte waarde {v}"))
}

impl Rij for JsonRij {
    fn tekst(&self, kolom: &str) -> Uitkomst<String> {
        self.optekst(kolom)?
            .ok_or_else(|| OpslagFout::Database(format!("kolom {kolom} is leeg")))
    }
    fn optekst(&self, kolom: &str) -> Uitkomst<Option<String>> {
        match self.waarde(kolom)? {
            serde_json::Value::String(s) => Ok(Some(s.clone())),
            serde_json::Value::Null => Ok(None),
            v => Err(soortfout(kolom, v)),
        }
    }
    fn getal(&self, kolom: &str) -> Uitkomst<i64> {
        self.opgetal(kolom)?
            .ok_or_else(|| OpslagFout::Database(format!("kolom {kolom} is leeg")))
    }
    fn opgetal(&self, kolom: &str) -> Uitkomst<Option<i64>> {
        match self.waarde(kolom)? {
            serde_json::Value::Number(n) => n.as_i64().map(Some).ok_or_else(|| {
                OpslagFout::Database(format!("kolom {kolom}: {n} is geen geheel getal"))
            }),
            serde_json::Value::Null => Ok(None),
            v => Err(soortfout(kolom, v)),
        }
    }
}

/// De kolomnamen uit een lijst als `"id, naam, …"` (gewone namen, geen expressies).
pub(crate) fn namen_van(kolommen: &str) -> std::sync::Arc<[String]> {
    kolommen.split(',').map(|k| k.trim().to_owned()).collect()
}

/// Een query die de rijen van `binnen` (een SELECT van precies `namen`) als één JSON-tekst
/// geeft: een array van arrays, in willekeurige volgorde. Wie een volgorde nodig heeft, sorteert
/// na het uitpakken: een `ORDER BY` in de aggregatie liet SQLite elke rij eerst in een tijdelijke
/// B-boom zetten (de leesstap van de betaalrun werd er ≈ 30 % trager van).
pub(crate) fn json_select(engine: Engine, namen: &[String], binnen: &str) -> String {
    let lijst = namen.join(", ");
    match engine {
        Engine::Sqlite => {
            format!("SELECT json_group_array(json_array({lijst})) FROM ({binnen})")
        }
        Engine::Postgres => format!(
            "SELECT COALESCE(json_agg(json_build_array({lijst})), '[]')::text FROM ({binnen}) AS t"
        ),
    }
}

/// Voert een [`json_select`] uit met deze getallen als parameters en geeft de rijen als `T`: een
/// tuple met de kolommen op volgorde (rechtstreeks uit de JSON-tekst, zonder
/// `serde_json::Value` ertussen), of een `Vec<serde_json::Value>`.
pub(crate) async fn json_als<T: serde::de::DeserializeOwned>(
    c: &mut sqlx::AnyConnection,
    sql: &str,
    binds: &[i64],
) -> Uitkomst<Vec<T>> {
    let mut q = sqlx::query_scalar::<_, String>(sql);
    for b in binds {
        q = q.bind(*b);
    }
    let json = q.fetch_one(c).await.map_err(vertaal)?;
    serde_json::from_str(&json).map_err(|e| OpslagFout::Database(format!("JSON: {e}")))
}

/// Sorteert rijen (kolommen zoals `namen`) als `ORDER BY volgorde`: kolomnamen, elk eventueel
/// met `DESC`; getallen op waarde, teksten op bytes (zoals SQLite), leeg vóór alles.
pub(crate) fn sorteren(
    rijen: &mut [Vec<serde_json::Value>],
    namen: &[String],
    volgorde: &str,
) -> Uitkomst<()> {
    use serde_json::Value;
    use std::cmp::Ordering;
    let mut sleutels = Vec::new();
    for deel in volgorde.split(',') {
        let mut woorden = deel.split_whitespace();
        let naam = woorden.next().unwrap_or_default();
        let aflopend = woorden
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("desc"));
        let kolom = namen
            .iter()
            .position(|n| n == naam)
            .ok_or_else(|| OpslagFout::Database(format!("volgorde: onbekende kolom {naam}")))?;
        sleutels.push((kolom, aflopend));
    }
    let waarde = |a: &Value, b: &Value| match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_i64().cmp(&y.as_i64()).then_with(|| {
            x.as_f64()
                .partial_cmp(&y.as_f64())
                .unwrap_or(Ordering::Equal)
        }),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => Ordering::Equal,
    };
    rijen.sort_by(|a, b| {
        sleutels
            .iter()
            .map(|&(k, aflopend)| {
                let o = match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => waarde(x, y),
                    _ => Ordering::Equal,
                };
                if aflopend {
                    o.reverse()
                } else {
                    o
                }
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    Ok(())
}

pub(crate) fn met_namen(
    namen: std::sync::Arc<[String]>,
    rijen: Vec<Vec<serde_json::Value>>,
) -> Vec<JsonRij> {
    rijen
        .into_iter()
        .map(|waarden| JsonRij {
            namen: namen.clone(),
            waarden,
        })
        .collect()
}

pub(crate) fn tekst(r: &impl Rij, kolom: &str) -> Uitkomst<String> {
    r.tekst(kolom)
}

pub(crate) fn optekst(r: &impl Rij, kolom: &str) -> Uitkomst<Option<String>> {
    r.optekst(kolom)
}

pub(crate) fn getal(r: &impl Rij, kolom: &str) -> Uitkomst<i64> {
    r.getal(kolom)
}

pub(crate) fn opgetal(r: &impl Rij, kolom: &str) -> Uitkomst<Option<i64>> {
    r.opgetal(kolom)
}

/// Een datum (`jjjj-mm-dd`); een andere waarde is een fout met de kolom, nooit een standaarddatum.
pub(crate) fn datum(r: &impl Rij, kolom: &str) -> Uitkomst<NaiveDate> {
    datum_uit(kolom, &r.tekst(kolom)?)
}

/// Als [`datum`], voor een waarde die al uit de rij is (het massale pad met tuples).
pub(crate) fn datum_uit(kolom: &str, t: &str) -> Uitkomst<NaiveDate> {
    tijd::datum_uit_tekst(t).ok_or_else(|| onleesbaar(kolom, t))
}

pub(crate) fn opdatum(r: &impl Rij, kolom: &str) -> Uitkomst<Option<NaiveDate>> {
    r.optekst(kolom)?
        .map(|t| tijd::datum_uit_tekst(&t).ok_or_else(|| onleesbaar(kolom, &t)))
        .transpose()
}

/// Een tijdstip in de vaste vorm van `vangnet_domain::tijd::instant_tekst`.
pub(crate) fn tijdstip(r: &impl Rij, kolom: &str) -> Uitkomst<DateTime<Utc>> {
    tijdstip_uit(kolom, &r.tekst(kolom)?)
}

/// Als [`tijdstip`], voor een waarde die al uit de rij is.
pub(crate) fn tijdstip_uit(kolom: &str, t: &str) -> Uitkomst<DateTime<Utc>> {
    tijd::instant_uit_tekst(t).ok_or_else(|| onleesbaar(kolom, t))
}

pub(crate) fn optijdstip(r: &impl Rij, kolom: &str) -> Uitkomst<Option<DateTime<Utc>>> {
    r.optekst(kolom)?
        .map(|t| tijd::instant_uit_tekst(&t).ok_or_else(|| onleesbaar(kolom, &t)))
        .transpose()
}

/// Een code uit de database als domeinwaarde (`uit_code` van het enum); een onbekende code is
/// een fout met de kolom.
pub(crate) fn code<T>(r: &impl Rij, kolom: &str, uit_code: fn(&str) -> Option<T>) -> Uitkomst<T> {
    let t = r.tekst(kolom)?;
    uit_code(&t).ok_or_else(|| onleesbaar(kolom, &t))
}

pub(crate) fn onleesbaar(kolom: &str, waarde: &str) -> OpslagFout {
    OpslagFout::Database(format!("{kolom}: onleesbare waarde {waarde:?}"))
}

/// Zet de tabel voor de kolom in een fout bij het lezen van een rij (`mutaties.status: …`).
pub(crate) fn in_tabel(tabel: &str, e: OpslagFout) -> OpslagFout {
    match e {
        OpslagFout::Database(m) => OpslagFout::Database(format!("{tabel}.{m}")),
        e => e,
    }
}

pub(crate) fn vlag(b: bool) -> i64 {
    i64::from(b)
}

/// Maakt een LIKE-patroon "bevat" met geëscapete jokertekens.
pub(crate) fn bevat(s: &str) -> String {
    let mut p = String::from("%");
    for c in s.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Bouwt een WHERE-deel uit optionele voorwaarden met genummerde parameters.
#[derive(Default)]
pub(crate) struct Voorwaarden {
    pub(crate) delen: Vec<String>,
    pub(crate) waarden: Vec<String>,
}

impl Voorwaarden {
    /// `(a = x1 AND b = y1) OR (a = x2 AND b = y2) …` voor de paren, als er paren zijn.
    pub(crate) fn een_van(&mut self, kolommen: (&str, &str), paren: &[(String, String)]) {
        if paren.is_empty() {
            return;
        }
        let mut delen = Vec::new();
        for (x, y) in paren {
            self.waarden.push(x.clone());
            let a = self.waarden.len();
            self.waarden.push(y.clone());
            let b = self.waarden.len();
            delen.push(format!("({} = ${a} AND {} = ${b})", kolommen.0, kolommen.1));
        }
        self.delen.push(format!("({})", delen.join(" OR ")));
    }

    pub(crate) fn voeg_toe(&mut self, sjabloon: &str, waarde: Option<String>) {
        if let Some(w) = waarde.filter(|w| !w.trim().is_empty()) {
            self.waarden.push(w);
            self.delen
                .push(sjabloon.replace("$?", &format!("${}", self.waarden.len())));
        }
    }

    pub(crate) fn sql(&self) -> String {
        if self.delen.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.delen.join(" AND "))
        }
    }

    pub(crate) fn volgende(&self) -> usize {
        self.waarden.len() + 1
    }

    pub(crate) fn bind<'q>(
        &'q self,
        mut q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
        for w in &self.waarden {
            q = q.bind(w.as_str());
        }
        q
    }
}

/// De plaatsen van een `IN`-lijst van `n` gebonden waarden vanaf parameter `begin`: `?, ?, …`
/// op SQLite (dat benoemde parameters lineair opzoekt, traag in statements met honderden),
/// `$begin, …` op PostgreSQL. Op SQLite dan in het hele statement `?` gebruiken.
pub(crate) fn lijst(engine: Engine, n: usize, begin: usize) -> String {
    match engine {
        Engine::Sqlite => vec!["?"; n].join(", "),
        Engine::Postgres => plaatsen(n, begin),
    }
}

/// Tot zoveel waarden gaat een `IN`-lijst als losse parameters (het snelste voor de partijen van
/// de run); daarboven als één JSON-tekst die de database zelf uitpakt. SQLite staat hoogstens
/// 32 766 parameters per statement toe, PostgreSQL 65 535: het goedkeuren van een run van een
/// miljoen huishoudens vroeg naar ≈ 43 000 dossiers en personen en faalde met "too many SQL
/// variables" (issue 20, punt 1).
pub(crate) const LOSSE_PARAMETERS: usize = 1000;

/// Een gebonden waarde van een lijst (zie [`in_lijst`]).
pub(crate) enum Binding {
    Getal(i64),
    Tekst(String),
}

/// `kolom IN (…)` voor `n` waarden vanaf parameter `begin` (losse parameters, of één JSON-tekst
/// boven [`LOSSE_PARAMETERS`]), met de bindingen in dezelfde vorm. `tekst`: de waarden zijn
/// teksten in plaats van getallen.
pub(crate) fn in_lijst(
    engine: Engine,
    kolom: &str,
    waarden: Vec<Binding>,
    begin: usize,
    tekst: bool,
) -> Uitkomst<(String, Vec<Binding>)> {
    if waarden.len() <= LOSSE_PARAMETERS {
        let sql = format!("{kolom} IN ({})", lijst(engine, waarden.len(), begin));
        return Ok((sql, waarden));
    }
    let json = serde_json::Value::Array(
        waarden
            .into_iter()
            .map(|w| match w {
                Binding::Getal(g) => serde_json::Value::from(g),
                Binding::Tekst(t) => serde_json::Value::from(t),
            })
            .collect(),
    )
    .to_string();
    let sql = match (engine, tekst) {
        (Engine::Sqlite, _) => format!("{kolom} IN (SELECT value FROM json_each(?))"),
        (Engine::Postgres, true) => format!(
            "{kolom} IN (SELECT value FROM json_array_elements_text(CAST(${begin} AS json)))"
        ),
        (Engine::Postgres, false) => format!(
            "{kolom} IN (SELECT CAST(value AS BIGINT) \
             FROM json_array_elements_text(CAST(${begin} AS json)))"
        ),
    };
    Ok((sql, vec![Binding::Tekst(json)]))
}

/// Getallen als bindingen voor [`in_lijst`].
pub(crate) fn getallen(ids: &[i64]) -> Vec<Binding> {
    ids.iter().copied().map(Binding::Getal).collect()
}

/// Bindt de waarden op volgorde aan een query.
pub(crate) fn binden<'q>(
    mut q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    waarden: Vec<Binding>,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    for w in waarden {
        q = match w {
            Binding::Getal(g) => q.bind(g),
            Binding::Tekst(t) => q.bind(t),
        };
    }
    q
}

/// `$b, $b+1, …` voor een `IN`-lijst van `n` waarden.
pub(crate) fn plaatsen(n: usize, begin: usize) -> String {
    (begin..begin + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::{namen_van, sorteren};
    use serde_json::json;

    /// Rijen uit een JSON-aggregatie (willekeurige volgorde) gesorteerd zoals `ORDER BY`.
    #[test]
    fn rijen_sorteren_als_order_by() {
        let namen = namen_van("id, uitkering_id, maand");
        let rijen = || {
            vec![
                vec![json!(3), json!(20), json!("2026-02-01")],
                vec![json!(1), json!(10), json!("2026-03-01")],
                vec![json!(4), json!(10), json!(null)],
                vec![json!(2), json!(10), json!("2026-01-01")],
            ]
        };
        let ids = |r: &[Vec<serde_json::Value>]| -> Vec<i64> {
            r.iter().filter_map(|w| w[0].as_i64()).collect()
        };
        let tabel: &[(&str, &[i64])] = &[
            ("id", &[1, 2, 3, 4]),
            ("id DESC", &[4, 3, 2, 1]),
            ("uitkering_id, maand", &[4, 2, 1, 3]),
            ("uitkering_id DESC, maand DESC, id", &[3, 1, 2, 4]),
        ];
        for (volgorde, verwacht) in tabel {
            let mut r = rijen();
            sorteren(&mut r, &namen, volgorde).expect(volgorde);
            assert_eq!(ids(&r), *verwacht, "{volgorde}");
        }
        assert!(sorteren(&mut rijen(), &namen, "onbekend").is_err());
    }
}
