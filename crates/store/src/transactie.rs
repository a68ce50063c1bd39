//! De implementatie van `vangnet_app::opslag::Transactie` voor beide engines: draagbare SQL met
//! `$1`-parameters over sqlx' `Any`-driver.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};
use vangnet_app::opslag::{
    AdresRij, AfwezigheidRij, AuditFilter, BankrekeningRij, BeheerverzoekRij, BetaalregelRij,
    BetaalregelVoorTaak, BetaalrunRij, BetalingRij, Categorietotaal, ContactmomentRij,
    ContactonderwerpRij, CorrectieRij, DossierRij, GebeurtenisRij, GebruikerRij, Historie,
    HuishoudlidRij, MaandbedragRij, MeldingRij, MutatieRij, NormensetRij, OpslagFout, PersoonRij,
    PersoonsgegevensRij, PostcodegebiedRij, Runverschil, ServicenormRij, SessieRij, TaakRij,
    TaakgebeurtenisRij, TeamRij, ToegangFilter, ToegangRij, TokenRij, Transactie, UitkeringRij,
    Uitkomst, UitsluitingRij, Verwerking, VorderingRij, Waarde, Zoeksleutel,
};

use crate::{beheerverzoek, betaalrun, contact, toegang, uitkering, werk};
use vangnet_domain::audit::{AuditGegevens, GeketendRecord, Ketensleutel};
use vangnet_domain::toegangsketen::{Partij, Schakel, Toegangsregel};
use vangnet_domain::Rol;

pub(crate) struct AnyTransactie {
    pub(crate) tx: sqlx::Transaction<'static, Any>,
    pub(crate) engine: crate::Engine,
    pub(crate) sleutel: Option<std::sync::Arc<Ketensleutel>>,
    /// Wat deze transactie in het toegangslog schreef; bij de commit elk een schakel.
    pub(crate) partijen: Vec<Partij>,
}

impl AnyTransactie {
    pub(crate) fn nieuw(
        tx: sqlx::Transaction<'static, Any>,
        engine: crate::Engine,
        sleutel: Option<std::sync::Arc<Ketensleutel>>,
    ) -> Self {
        Self {
            tx,
            engine,
            sleutel,
            partijen: Vec::new(),
        }
    }

    fn partij(&mut self, p: Option<Partij>) {
        self.partijen.extend(p);
    }
}

/// Tabellen met een eigen id-reeks, voor bulkinvoer met expliciete ids.
const TABELLEN_MET_ID: &[&str] = &[
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

fn normenset_uit_rij(r: &impl Rij) -> Uitkomst<NormensetRij> {
    Ok(NormensetRij {
        id: getal(r, "id")?,
        geladen_op: tekst(r, "geladen_op")?,
        geladen_door: tekst(r, "geladen_door")?,
        bestandsnaam: tekst(r, "bestandsnaam")?,
        sha256: tekst(r, "sha256")?,
        inhoud: tekst(r, "inhoud")?,
        operatie_id: tekst(r, "operatie_id")?,
    })
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

fn soortfout(kolom: &str, v: &serde_json::Value) -> OpslagFout {
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
pub(crate) fn json_select(engine: crate::Engine, namen: &[String], binnen: &str) -> String {
    let lijst = namen.join(", ");
    match engine {
        crate::Engine::Sqlite => {
            format!("SELECT json_group_array(json_array({lijst})) FROM ({binnen})")
        }
        crate::Engine::Postgres => format!(
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
fn sorteren(
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

fn met_namen(namen: std::sync::Arc<[String]>, rijen: Vec<Vec<serde_json::Value>>) -> Vec<JsonRij> {
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

fn vlag(b: bool) -> i64 {
    i64::from(b)
}

/// Eén rij voor [`Transactie::bulk_invoegen`] als JSON: een array (SQLite, `json_each`) of een
/// object met de kolomnamen (PostgreSQL, `json_populate_recordset`).
fn json_rij(uit: &mut Vec<u8>, kolommen: &[&str], rij: &[Waarde], engine: crate::Engine) {
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

/// Maakt een LIKE-patroon "bevat" met geëscapete jokertekens.
fn bevat(s: &str) -> String {
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
struct Voorwaarden {
    delen: Vec<String>,
    waarden: Vec<String>,
}

impl Voorwaarden {
    fn voeg_toe(&mut self, sjabloon: &str, waarde: Option<String>) {
        if let Some(w) = waarde.filter(|w| !w.trim().is_empty()) {
            self.waarden.push(w);
            self.delen
                .push(sjabloon.replace("$?", &format!("${}", self.waarden.len())));
        }
    }

    fn sql(&self) -> String {
        if self.delen.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.delen.join(" AND "))
        }
    }

    fn volgende(&self) -> usize {
        self.waarden.len() + 1
    }

    fn bind<'q>(
        &'q self,
        mut q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
        for w in &self.waarden {
            q = q.bind(w.as_str());
        }
        q
    }
}

fn audit_voorwaarden(f: &AuditFilter) -> Voorwaarden {
    let mut v = Voorwaarden::default();
    v.voeg_toe(
        "LOWER(actor) LIKE $? ESCAPE '\\'",
        f.actor.as_deref().map(bevat),
    );
    v.voeg_toe(
        "actie LIKE $? ESCAPE '\\'",
        f.actie.as_deref().map(|a| {
            let b = bevat(a);
            b[1..].to_owned()
        }),
    );
    v.voeg_toe("onderwerp_type = $?", f.onderwerp_type.clone());
    v.voeg_toe("onderwerp_id = $?", f.onderwerp_id.clone());
    v.voeg_toe("tijdstip >= $?", f.van.clone());
    v.voeg_toe("tijdstip < $?", f.tot.clone());
    v
}

fn toegang_voorwaarden(f: &ToegangFilter) -> Voorwaarden {
    let mut v = Voorwaarden::default();
    v.voeg_toe(
        "LOWER(gebruiker) LIKE $? ESCAPE '\\'",
        f.gebruiker.as_deref().map(bevat),
    );
    v.voeg_toe("betrokkene_type = $?", f.betrokkene_type.clone());
    v.voeg_toe("betrokkene_id = $?", f.betrokkene_id.clone());
    v.voeg_toe(
        "verwerkingsactiviteit = $?",
        f.verwerkingsactiviteit.clone(),
    );
    v.voeg_toe("tijdstip >= $?", f.van.clone());
    v.voeg_toe("tijdstip < $?", f.tot.clone());
    v
}

/// De maanden `JJJJ-MM` van tijdstip `van` tot en met `tot` (tijdstippen in de vaste vorm
/// `2026-11-28T…`); leeg als een van beide die vorm niet heeft.
fn maanden_tussen(van: &str, tot: &str) -> Vec<String> {
    let lees = |t: &str| -> Option<(i32, u32)> {
        let j = t.get(0..4)?.parse().ok()?;
        let m = t.get(5..7)?.parse().ok()?;
        (t.get(4..5) == Some("-") && (1..=12).contains(&m)).then_some((j, m))
    };
    let (Some((mut j, mut m)), Some(eind)) = (lees(van), lees(tot)) else {
        return Vec::new();
    };
    let mut uit = Vec::new();
    while (j, m) <= eind {
        uit.push(format!("{j:04}-{m:02}"));
        (j, m) = if m == 12 { (j + 1, 1) } else { (j, m + 1) };
    }
    uit
}

const HISTORIE: &str = "geldig_vanaf, geldig_tot, geregistreerd_op, vervallen_op, operatie_id";

/// De kolommen van [`HISTORIE`], achteraan in een tuple (zie [`json_als`]).
fn historie_uit(
    geldig_vanaf: String,
    geldig_tot: Option<String>,
    geregistreerd_op: String,
    vervallen_op: Option<String>,
    operatie_id: String,
) -> Historie {
    Historie {
        geldig_vanaf,
        geldig_tot,
        geregistreerd_op,
        vervallen_op,
        operatie_id,
    }
}

fn historie(r: &impl Rij) -> Uitkomst<Historie> {
    Ok(Historie {
        geldig_vanaf: tekst(r, "geldig_vanaf")?,
        geldig_tot: optekst(r, "geldig_tot")?,
        geregistreerd_op: tekst(r, "geregistreerd_op")?,
        vervallen_op: optekst(r, "vervallen_op")?,
        operatie_id: tekst(r, "operatie_id")?,
    })
}

/// De plaatsen van een `IN`-lijst van `n` gebonden waarden vanaf parameter `begin`: `?, ?, …`
/// op SQLite (dat benoemde parameters lineair opzoekt, traag in statements met honderden),
/// `$begin, …` op PostgreSQL. Op SQLite dan in het hele statement `?` gebruiken.
pub(crate) fn lijst(engine: crate::Engine, n: usize, begin: usize) -> String {
    match engine {
        crate::Engine::Sqlite => vec!["?"; n].join(", "),
        crate::Engine::Postgres => plaatsen(n, begin),
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
    engine: crate::Engine,
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
        (crate::Engine::Sqlite, _) => format!("{kolom} IN (SELECT value FROM json_each(?))"),
        (crate::Engine::Postgres, true) => format!(
            "{kolom} IN (SELECT value FROM json_array_elements_text(CAST(${begin} AS json)))"
        ),
        (crate::Engine::Postgres, false) => format!(
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

/// Het hoogste teken: `x` tot `x\u{10FFFF}` omvat alles dat met `x` begint (bytegewijs).
fn prefix_einde(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

fn persoon_uit_rij(r: &impl Rij) -> Uitkomst<PersoonRij> {
    Ok(PersoonRij {
        id: getal(r, "id")?,
        bsn: getal(r, "bsn")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tekst(r, "aangemaakt_op")?,
    })
}

fn adres_uit_rij(r: &impl Rij) -> Uitkomst<AdresRij> {
    Ok(AdresRij {
        id: getal(r, "id")?,
        persoon_id: getal(r, "persoon_id")?,
        straat: tekst(r, "straat")?,
        huisnummer: getal(r, "huisnummer")?,
        huisletter: optekst(r, "huisletter")?,
        toevoeging: optekst(r, "toevoeging")?,
        postcode: tekst(r, "postcode")?,
        woonplaats: tekst(r, "woonplaats")?,
        historie: historie(r)?,
    })
}

fn huishoudlid_uit_rij(r: &impl Rij) -> Uitkomst<HuishoudlidRij> {
    Ok(HuishoudlidRij {
        id: getal(r, "id")?,
        huishouden_id: getal(r, "huishouden_id")?,
        persoon_id: getal(r, "persoon_id")?,
        rol: tekst(r, "rol")?,
        historie: historie(r)?,
    })
}

const DOSSIER_KOLOMMEN: &str =
    "id, nummer, huishouden_id, client_id, zaaktype, status, ontvangen_op, \
     team_id, consulent_id, versie, aangemaakt_op, gewijzigd_op";

fn dossier_uit_rij(r: &impl Rij) -> Uitkomst<DossierRij> {
    Ok(DossierRij {
        id: getal(r, "id")?,
        nummer: tekst(r, "nummer")?,
        huishouden_id: getal(r, "huishouden_id")?,
        client_id: getal(r, "client_id")?,
        zaaktype: tekst(r, "zaaktype")?,
        status: tekst(r, "status")?,
        ontvangen_op: tekst(r, "ontvangen_op")?,
        team_id: opgetal(r, "team_id")?,
        consulent_id: opgetal(r, "consulent_id")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tekst(r, "aangemaakt_op")?,
        gewijzigd_op: tekst(r, "gewijzigd_op")?,
    })
}

const AUDIT_KOLOMMEN: &str = "volgnummer, tijdstip, operatie_id, actor_id, actor, actie, \
     onderwerp_type, onderwerp_id, samenvatting, voor, na, reden, vorige_hash, hash";

fn audit_uit_rij(r: &impl Rij) -> Uitkomst<GeketendRecord> {
    Ok(GeketendRecord {
        gegevens: AuditGegevens {
            volgnummer: getal(r, "volgnummer")?,
            tijdstip: tekst(r, "tijdstip")?,
            operatie_id: tekst(r, "operatie_id")?,
            actor_id: opgetal(r, "actor_id")?,
            actor: tekst(r, "actor")?,
            actie: tekst(r, "actie")?,
            onderwerp_type: tekst(r, "onderwerp_type")?,
            onderwerp_id: tekst(r, "onderwerp_id")?,
            samenvatting: tekst(r, "samenvatting")?,
            voor: optekst(r, "voor")?,
            na: optekst(r, "na")?,
            reden: optekst(r, "reden")?,
        },
        vorige_hash: tekst(r, "vorige_hash")?,
        hash: tekst(r, "hash")?,
    })
}

const TOEGANG_KOLOMMEN: &str = "id, trace_id, span_id, tijdstip, gebruiker_id, gebruiker, \
     verwerkingsactiviteit, betrokkene_type, betrokkene_id, omschrijving";

fn toegang_uit_rij(r: &impl Rij) -> Uitkomst<ToegangRij> {
    Ok(ToegangRij {
        id: getal(r, "id")?,
        trace_id: tekst(r, "trace_id")?,
        span_id: tekst(r, "span_id")?,
        tijdstip: tekst(r, "tijdstip")?,
        gebruiker_id: opgetal(r, "gebruiker_id")?,
        gebruiker: tekst(r, "gebruiker")?,
        verwerkingsactiviteit: tekst(r, "verwerkingsactiviteit")?,
        betrokkene_type: tekst(r, "betrokkene_type")?,
        betrokkene_id: tekst(r, "betrokkene_id")?,
        omschrijving: tekst(r, "omschrijving")?,
    })
}

const GEBRUIKER_KOLOMMEN: &str = "g.id, g.gebruikersnaam, g.volledige_naam, g.wachtwoord_hash, \
     g.moet_wachtwoord_wijzigen, g.geblokkeerd, g.versie, g.aangemaakt_op, g.gewijzigd_op";

const TEAM_KOLOMMEN: &str =
    "t.id, t.naam, t.omschrijving, t.versie, t.aangemaakt_op, t.gewijzigd_op";

fn team_uit_rij(r: &impl Rij) -> Uitkomst<TeamRij> {
    Ok(TeamRij {
        id: getal(r, "id")?,
        naam: tekst(r, "naam")?,
        omschrijving: tekst(r, "omschrijving")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tekst(r, "aangemaakt_op")?,
        gewijzigd_op: tekst(r, "gewijzigd_op")?,
    })
}

const TOKEN_KOLOMMEN: &str = "id, gebruiker_id, omschrijving, token_hash, voorvoegsel, \
     aangemaakt_op, laatst_gebruikt_op, ingetrokken_op";

fn token_uit_rij(r: &impl Rij) -> Uitkomst<TokenRij> {
    Ok(TokenRij {
        id: getal(r, "id")?,
        gebruiker_id: getal(r, "gebruiker_id")?,
        omschrijving: tekst(r, "omschrijving")?,
        token_hash: tekst(r, "token_hash")?,
        voorvoegsel: tekst(r, "voorvoegsel")?,
        aangemaakt_op: tekst(r, "aangemaakt_op")?,
        laatst_gebruikt_op: optekst(r, "laatst_gebruikt_op")?,
        ingetrokken_op: optekst(r, "ingetrokken_op")?,
    })
}

const SESSIE_KOLOMMEN: &str =
    "sleutel_hash, gebruiker_id, csrf_token, aangemaakt_op, laatst_actief_op, adres";

impl AnyTransactie {
    fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    /// Leest gebruikers met hun rollen (twee queries, geen N+1).
    async fn gebruikers_waar(
        &mut self,
        waar: &str,
        arg: Option<String>,
    ) -> Uitkomst<Vec<GebruikerRij>> {
        let sql = format!(
            "SELECT {GEBRUIKER_KOLOMMEN} FROM gebruikers g {waar} ORDER BY g.gebruikersnaam"
        );
        let mut q = sqlx::query(&sql);
        if let Some(a) = &arg {
            q = q.bind(a.as_str());
        }
        let rijen = q.fetch_all(self.conn()).await.map_err(vertaal)?;
        let mut gebruikers = Vec::with_capacity(rijen.len());
        for r in &rijen {
            gebruikers.push(GebruikerRij {
                id: getal(r, "id")?,
                gebruikersnaam: tekst(r, "gebruikersnaam")?,
                volledige_naam: tekst(r, "volledige_naam")?,
                wachtwoord_hash: tekst(r, "wachtwoord_hash")?,
                moet_wachtwoord_wijzigen: getal(r, "moet_wachtwoord_wijzigen")? == 1,
                geblokkeerd: getal(r, "geblokkeerd")? == 1,
                rollen: Vec::new(),
                versie: getal(r, "versie")?,
                aangemaakt_op: tekst(r, "aangemaakt_op")?,
                gewijzigd_op: tekst(r, "gewijzigd_op")?,
            });
        }
        if gebruikers.is_empty() {
            return Ok(gebruikers);
        }
        let sql = format!(
            "SELECT r.gebruiker_id, r.rol FROM gebruiker_rollen r \
             WHERE r.gebruiker_id IN (SELECT g.id FROM gebruikers g {waar}) ORDER BY r.rol"
        );
        let mut q = sqlx::query(&sql);
        if let Some(a) = &arg {
            q = q.bind(a.as_str());
        }
        for r in q.fetch_all(self.conn()).await.map_err(vertaal)? {
            let id = getal(&r, "gebruiker_id")?;
            let code = tekst(&r, "rol")?;
            if let (Some(g), Some(rol)) = (
                gebruikers.iter_mut().find(|g| g.id == id),
                Rol::uit_code(&code),
            ) {
                g.rollen.push(rol);
            }
        }
        for g in &mut gebruikers {
            g.rollen.sort();
        }
        Ok(gebruikers)
    }

    async fn rollen_schrijven(&mut self, id: i64, rollen: &[Rol]) -> Uitkomst<()> {
        sqlx::query("DELETE FROM gebruiker_rollen WHERE gebruiker_id = $1")
            .bind(id)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        for rol in rollen {
            sqlx::query("INSERT INTO gebruiker_rollen (gebruiker_id, rol) VALUES ($1, $2)")
                .bind(id)
                .bind(rol.code())
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        }
        Ok(())
    }

    /// Alle rijen van `tabel` waarvan `kolom` in `ids` staat, op `volgorde` (kolomnamen uit
    /// `kolommen`, elk eventueel met `DESC`).
    async fn waar_in(
        &mut self,
        kolommen: &str,
        tabel: &str,
        kolom: &str,
        ids: &[i64],
        volgorde: &str,
    ) -> Uitkomst<Vec<JsonRij>> {
        let namen = namen_van(kolommen);
        let mut rijen: Vec<Vec<serde_json::Value>> =
            self.waar_in_ongesorteerd(&namen, tabel, kolom, ids).await?;
        sorteren(&mut rijen, &namen, volgorde)?;
        Ok(met_namen(namen, rijen))
    }

    /// Zoals [`Self::waar_in`], maar elke rij meteen als `T` (zie [`json_als`]), oplopend op
    /// `sleutel`: het massale pad van run en herberekening, zonder elke tekst eerst als `Value`
    /// en dan nog eens te kopiëren.
    async fn waar_in_als<T: serde::de::DeserializeOwned>(
        &mut self,
        kolommen: &str,
        tabel: &str,
        kolom: &str,
        ids: &[i64],
        sleutel: impl FnMut(&T) -> i64,
    ) -> Uitkomst<Vec<T>> {
        let mut rijen = self
            .waar_in_ongesorteerd(&namen_van(kolommen), tabel, kolom, ids)
            .await?;
        rijen.sort_unstable_by_key(sleutel);
        Ok(rijen)
    }

    async fn waar_in_ongesorteerd<T: serde::de::DeserializeOwned>(
        &mut self,
        namen: &[String],
        tabel: &str,
        kolom: &str,
        ids: &[i64],
    ) -> Uitkomst<Vec<T>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // Alle rijen als één JSON-tekst: bij honderden rijen per partij is dat vele malen
        // sneller dan elke rij en kolom apart door sqlx.
        let (voorwaarde, binds) = in_lijst(self.engine, kolom, getallen(ids), 1, false)?;
        let sql = json_select(
            self.engine,
            namen,
            &format!(
                "SELECT {} FROM {tabel} WHERE {voorwaarde}",
                namen.join(", ")
            ),
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql);
        for b in binds {
            q = match b {
                Binding::Getal(g) => q.bind(g),
                Binding::Tekst(t) => q.bind(t),
            };
        }
        let json = q.fetch_one(self.conn()).await.map_err(vertaal)?;
        serde_json::from_str(&json).map_err(|e| OpslagFout::Database(format!("JSON: {e}")))
    }

    /// Alle rijen van een historietabel voor deze personen, oplopend op id.
    async fn van_personen(
        &mut self,
        kolommen: &str,
        tabel: &str,
        ids: &[i64],
    ) -> Uitkomst<Vec<JsonRij>> {
        self.waar_in(kolommen, tabel, "persoon_id", ids, "id").await
    }

    async fn ids(&mut self, sql: &str, args: &[String], limiet: i64) -> Uitkomst<Vec<i64>> {
        let mut q = sqlx::query(sql);
        for a in args {
            q = q.bind(a.as_str());
        }
        let rijen = q
            .bind(limiet)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)?;
        rijen.iter().map(|r| getal(r, "persoon_id")).collect()
    }

    /// Een bladzijde uit `tabel` (nieuwste eerst op `volgorde`) met de filtervoorwaarden.
    async fn bladzijde(
        &mut self,
        kolommen: &str,
        tabel: &str,
        volgorde: &str,
        v: &Voorwaarden,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<AnyRow>> {
        let n = v.volgende();
        let sql = format!(
            "SELECT {kolommen} FROM {tabel}{} ORDER BY {volgorde} DESC LIMIT ${n} OFFSET ${}",
            v.sql(),
            n + 1
        );
        v.bind(sqlx::query(&sql))
            .bind(limiet)
            .bind(overslaan)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)
    }

    /// De voorwaarden van een zoekvraag in het toegangslog. Wie op betrokkene zoekt, krijgt er
    /// de maanden van het log bij: de index begint met de maand van het tijdstip (zodat een
    /// betaalrun zijn regels achteraan toevoegt), dus de zoekvraag noemt ze.
    async fn toegang_voorwaarden(&mut self, f: &ToegangFilter) -> Uitkomst<Voorwaarden> {
        let mut v = toegang_voorwaarden(f);
        if f.betrokkene_id
            .as_deref()
            .is_some_and(|b| !b.trim().is_empty())
        {
            let r = sqlx::query(
                "SELECT MIN(tijdstip) AS eerste, MAX(tijdstip) AS laatste \
                 FROM toegangsverwerkingen",
            )
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
            let maanden = match (optekst(&r, "eerste")?, optekst(&r, "laatste")?) {
                (Some(a), Some(b)) => maanden_tussen(&a, &b),
                _ => Vec::new(),
            };
            v.delen.push(format!(
                "maand IN ({})",
                if maanden.is_empty() {
                    "''".to_owned()
                } else {
                    maanden
                        .iter()
                        .map(|m| format!("'{m}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ));
        }
        Ok(v)
    }

    /// Het aantal rijen in `tabel` dat aan de filtervoorwaarden voldoet.
    async fn tel_gefilterd(&mut self, tabel: &str, v: &Voorwaarden) -> Uitkomst<i64> {
        let sql = format!("SELECT COUNT(*) AS n FROM {tabel}{}", v.sql());
        let r = v
            .bind(sqlx::query(&sql))
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }

    async fn tel(&mut self, sql: &str, args: &[&str]) -> Uitkomst<i64> {
        let mut q = sqlx::query(sql);
        for a in args {
            q = q.bind(*a);
        }
        let r = q.fetch_one(self.conn()).await.map_err(vertaal)?;
        getal(&r, "n")
    }
}

#[async_trait]
impl Transactie for AnyTransactie {
    async fn commit(self: Box<Self>) -> Uitkomst<()> {
        let mut dit = *self;
        let partijen = std::mem::take(&mut dit.partijen);
        toegang::schakels_toevoegen(&mut dit.tx, partijen, dit.sleutel.as_deref()).await?;
        dit.tx.commit().await.map_err(vertaal)
    }

    fn ketensleutel(&self) -> Option<&Ketensleutel> {
        self.sleutel.as_deref()
    }

    async fn momentopname(&mut self) -> Uitkomst<()> {
        if self.engine == crate::Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        }
        Ok(())
    }

    async fn gebruiker_invoegen(&mut self, g: &GebruikerRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO gebruikers (gebruikersnaam, volledige_naam, wachtwoord_hash, \
             moet_wachtwoord_wijzigen, geblokkeerd, versie, aangemaakt_op, gewijzigd_op) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&g.gebruikersnaam)
        .bind(&g.volledige_naam)
        .bind(&g.wachtwoord_hash)
        .bind(vlag(g.moet_wachtwoord_wijzigen))
        .bind(vlag(g.geblokkeerd))
        .bind(g.versie)
        .bind(&g.aangemaakt_op)
        .bind(&g.gewijzigd_op)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        let id = getal(&r, "id")?;
        self.rollen_schrijven(id, &g.rollen).await?;
        Ok(id)
    }

    async fn gebruiker_op_id(&mut self, id: i64) -> Uitkomst<Option<GebruikerRij>> {
        Ok(self
            .gebruikers_waar("WHERE g.id = CAST($1 AS BIGINT)", Some(id.to_string()))
            .await?
            .pop())
    }

    async fn gebruiker_op_naam(&mut self, naam: &str) -> Uitkomst<Option<GebruikerRij>> {
        Ok(self
            .gebruikers_waar("WHERE g.gebruikersnaam = $1", Some(naam.to_owned()))
            .await?
            .pop())
    }

    async fn gebruikers(&mut self) -> Uitkomst<Vec<GebruikerRij>> {
        self.gebruikers_waar("", None).await
    }

    async fn aantal_gebruikers(&mut self) -> Uitkomst<i64> {
        self.tel("SELECT COUNT(*) AS n FROM gebruikers", &[]).await
    }

    async fn gebruiker_bijwerken(&mut self, g: &GebruikerRij) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE gebruikers SET volledige_naam = $1, wachtwoord_hash = $2, \
             moet_wachtwoord_wijzigen = $3, geblokkeerd = $4, versie = $5, gewijzigd_op = $6 \
             WHERE id = $7 AND versie = $8",
        )
        .bind(&g.volledige_naam)
        .bind(&g.wachtwoord_hash)
        .bind(vlag(g.moet_wachtwoord_wijzigen))
        .bind(vlag(g.geblokkeerd))
        .bind(g.versie)
        .bind(&g.gewijzigd_op)
        .bind(g.id)
        .bind(g.versie - 1)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        if r.rows_affected() != 1 {
            return Ok(false);
        }
        self.rollen_schrijven(g.id, &g.rollen).await?;
        Ok(true)
    }

    async fn team_invoegen(&mut self, t: &TeamRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO teams (naam, omschrijving, versie, aangemaakt_op, gewijzigd_op) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&t.naam)
        .bind(&t.omschrijving)
        .bind(t.versie)
        .bind(&t.aangemaakt_op)
        .bind(&t.gewijzigd_op)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn team_op_id(&mut self, id: i64) -> Uitkomst<Option<TeamRij>> {
        let sql = format!("SELECT {TEAM_KOLOMMEN} FROM teams t WHERE t.id = $1");
        let r = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.as_ref().map(team_uit_rij).transpose()
    }

    async fn teams(&mut self) -> Uitkomst<Vec<TeamRij>> {
        let sql = format!("SELECT {TEAM_KOLOMMEN} FROM teams t ORDER BY t.naam");
        let rijen = sqlx::query(&sql)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)?;
        rijen.iter().map(team_uit_rij).collect()
    }

    async fn team_op_naam(&mut self, naam: &str) -> Uitkomst<Option<TeamRij>> {
        let sql = format!("SELECT {TEAM_KOLOMMEN} FROM teams t WHERE lower(t.naam) = lower($1)");
        let r = sqlx::query(&sql)
            .bind(naam)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.as_ref().map(team_uit_rij).transpose()
    }

    async fn team_bijwerken(&mut self, t: &TeamRij) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE teams SET naam = $1, omschrijving = $2, versie = $3, gewijzigd_op = $4 \
             WHERE id = $5 AND versie = $6",
        )
        .bind(&t.naam)
        .bind(&t.omschrijving)
        .bind(t.versie)
        .bind(&t.gewijzigd_op)
        .bind(t.id)
        .bind(t.versie - 1)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn teamleden(&mut self, team_id: i64) -> Uitkomst<Vec<GebruikerRij>> {
        self.gebruikers_waar(
            "WHERE g.id IN (SELECT l.gebruiker_id FROM teamleden l WHERE l.team_id = CAST($1 AS BIGINT))",
            Some(team_id.to_string()),
        )
        .await
    }

    async fn teams_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TeamRij>> {
        let sql = format!(
            "SELECT {TEAM_KOLOMMEN} FROM teams t JOIN teamleden l ON l.team_id = t.id \
             WHERE l.gebruiker_id = $1 ORDER BY t.naam"
        );
        let rijen = sqlx::query(&sql)
            .bind(gebruiker_id)
            .fetch_all(self.conn())
            .await
            .map_err(vertaal)?;
        rijen.iter().map(team_uit_rij).collect()
    }

    async fn teamlid_toevoegen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool> {
        let r = sqlx::query(
            "INSERT INTO teamleden (team_id, gebruiker_id) VALUES ($1, $2) \
             ON CONFLICT (team_id, gebruiker_id) DO NOTHING",
        )
        .bind(team_id)
        .bind(gebruiker_id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn teamlid_verwijderen(&mut self, team_id: i64, gebruiker_id: i64) -> Uitkomst<bool> {
        let r = sqlx::query("DELETE FROM teamleden WHERE team_id = $1 AND gebruiker_id = $2")
            .bind(team_id)
            .bind(gebruiker_id)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn sessie_invoegen(&mut self, s: &SessieRij) -> Uitkomst<()> {
        sqlx::query(&format!(
            "INSERT INTO sessies ({SESSIE_KOLOMMEN}) VALUES ($1, $2, $3, $4, $5, $6)"
        ))
        .bind(&s.sleutel_hash)
        .bind(s.gebruiker_id)
        .bind(&s.csrf_token)
        .bind(&s.aangemaakt_op)
        .bind(&s.laatst_actief_op)
        .bind(&s.adres)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn sessie_op_hash(&mut self, sleutel_hash: &str) -> Uitkomst<Option<SessieRij>> {
        let r = sqlx::query(&format!(
            "SELECT {SESSIE_KOLOMMEN} FROM sessies WHERE sleutel_hash = $1"
        ))
        .bind(sleutel_hash)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.map(|r| {
            Ok(SessieRij {
                sleutel_hash: tekst(&r, "sleutel_hash")?,
                gebruiker_id: getal(&r, "gebruiker_id")?,
                csrf_token: tekst(&r, "csrf_token")?,
                aangemaakt_op: tekst(&r, "aangemaakt_op")?,
                laatst_actief_op: tekst(&r, "laatst_actief_op")?,
                adres: tekst(&r, "adres")?,
            })
        })
        .transpose()
    }

    async fn sessie_aanraken(&mut self, sleutel_hash: &str, tijdstip: &str) -> Uitkomst<()> {
        sqlx::query("UPDATE sessies SET laatst_actief_op = $1 WHERE sleutel_hash = $2")
            .bind(tijdstip)
            .bind(sleutel_hash)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn sessie_verwijderen(&mut self, sleutel_hash: &str) -> Uitkomst<()> {
        sqlx::query("DELETE FROM sessies WHERE sleutel_hash = $1")
            .bind(sleutel_hash)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn sessies_verwijderen_van(
        &mut self,
        gebruiker_id: i64,
        behalve: Option<&str>,
    ) -> Uitkomst<u64> {
        let r = sqlx::query("DELETE FROM sessies WHERE gebruiker_id = $1 AND sleutel_hash <> $2")
            .bind(gebruiker_id)
            .bind(behalve.unwrap_or(""))
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(r.rows_affected())
    }

    async fn token_invoegen(&mut self, t: &TokenRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO api_tokens (gebruiker_id, omschrijving, token_hash, voorvoegsel, \
             aangemaakt_op) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(t.gebruiker_id)
        .bind(&t.omschrijving)
        .bind(&t.token_hash)
        .bind(&t.voorvoegsel)
        .bind(&t.aangemaakt_op)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn token_op_hash(&mut self, token_hash: &str) -> Uitkomst<Option<TokenRij>> {
        let r = sqlx::query(&format!(
            "SELECT {TOKEN_KOLOMMEN} FROM api_tokens WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(token_uit_rij).transpose()
    }

    async fn tokens_van(&mut self, gebruiker_id: i64) -> Uitkomst<Vec<TokenRij>> {
        let rijen = sqlx::query(&format!(
            "SELECT {TOKEN_KOLOMMEN} FROM api_tokens WHERE gebruiker_id = $1 ORDER BY id DESC"
        ))
        .bind(gebruiker_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(token_uit_rij).collect()
    }

    async fn token_intrekken(&mut self, id: i64, tijdstip: &str) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE api_tokens SET ingetrokken_op = $1 WHERE id = $2 AND ingetrokken_op IS NULL",
        )
        .bind(tijdstip)
        .bind(id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn token_gebruikt(&mut self, id: i64, tijdstip: &str) -> Uitkomst<()> {
        sqlx::query("UPDATE api_tokens SET laatst_gebruikt_op = $1 WHERE id = $2")
            .bind(tijdstip)
            .bind(id)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn inlogpoging_vastleggen(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        tijdstip: &str,
        gelukt: bool,
    ) -> Uitkomst<()> {
        sqlx::query(
            "INSERT INTO inlogpogingen (gebruikersnaam, adres, tijdstip, gelukt) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(gebruikersnaam)
        .bind(adres)
        .bind(tijdstip)
        .bind(vlag(gelukt))
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn mislukte_pogingen_paar(
        &mut self,
        gebruikersnaam: &str,
        adres: &str,
        sinds: &str,
    ) -> Uitkomst<(i64, Option<String>)> {
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(tijdstip) AS laatste FROM inlogpogingen \
             WHERE gebruikersnaam = $1 AND adres = $2 AND tijdstip >= $3 AND gelukt = 0",
        )
        .bind(gebruikersnaam)
        .bind(adres)
        .bind(sinds)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        Ok((getal(&r, "n")?, optekst(&r, "laatste")?))
    }

    async fn mislukte_pogingen_adres(&mut self, adres: &str, sinds: &str) -> Uitkomst<i64> {
        self.tel(
            "SELECT COUNT(*) AS n FROM inlogpogingen \
             WHERE adres = $1 AND tijdstip >= $2 AND gelukt = 0",
            &[adres, sinds],
        )
        .await
    }

    async fn mislukte_pogingen_naam(&mut self, gebruikersnaam: &str, sinds: &str) -> Uitkomst<i64> {
        self.tel(
            "SELECT COUNT(*) AS n FROM inlogpogingen \
             WHERE gebruikersnaam = $1 AND tijdstip >= $2 AND gelukt = 0",
            &[gebruikersnaam, sinds],
        )
        .await
    }

    async fn oude_sporen_opruimen(
        &mut self,
        sessies_voor: &str,
        pogingen_voor: &str,
    ) -> Uitkomst<()> {
        sqlx::query("DELETE FROM sessies WHERE laatst_actief_op < $1")
            .bind(sessies_voor)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        sqlx::query("DELETE FROM inlogpogingen WHERE tijdstip < $1")
            .bind(pogingen_voor)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn audit_kop_claimen(&mut self) -> Uitkomst<(i64, String)> {
        let r = sqlx::query(
            "UPDATE audit_kop SET volgnummer = volgnummer + 1 WHERE id = 1 \
             RETURNING volgnummer, laatste_hash",
        )
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        Ok((getal(&r, "volgnummer")?, tekst(&r, "laatste_hash")?))
    }

    async fn audit_toevoegen(&mut self, r: &GeketendRecord) -> Uitkomst<()> {
        let g = &r.gegevens;
        sqlx::query(&format!(
            "INSERT INTO auditrecords ({AUDIT_KOLOMMEN}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))
        .bind(g.volgnummer)
        .bind(&g.tijdstip)
        .bind(&g.operatie_id)
        .bind(g.actor_id)
        .bind(&g.actor)
        .bind(&g.actie)
        .bind(&g.onderwerp_type)
        .bind(&g.onderwerp_id)
        .bind(&g.samenvatting)
        .bind(g.voor.as_deref())
        .bind(g.na.as_deref())
        .bind(g.reden.as_deref())
        .bind(&r.vorige_hash)
        .bind(&r.hash)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        let bijgewerkt =
            sqlx::query("UPDATE audit_kop SET laatste_hash = $1 WHERE id = 1 AND volgnummer = $2")
                .bind(&r.hash)
                .bind(g.volgnummer)
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        if bijgewerkt.rows_affected() != 1 {
            return Err(OpslagFout::Database(
                "de kop van de auditketen is niet geclaimd door deze transactie".into(),
            ));
        }
        Ok(())
    }

    async fn audit_kop(&mut self) -> Uitkomst<(i64, String)> {
        let r = sqlx::query("SELECT volgnummer, laatste_hash FROM audit_kop WHERE id = 1")
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        Ok((getal(&r, "volgnummer")?, tekst(&r, "laatste_hash")?))
    }

    async fn audit_zoeken(
        &mut self,
        f: &AuditFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<GeketendRecord>> {
        let v = audit_voorwaarden(f);
        let rijen = self
            .bladzijde(
                AUDIT_KOLOMMEN,
                "auditrecords",
                "volgnummer",
                &v,
                limiet,
                overslaan,
            )
            .await?;
        rijen.iter().map(audit_uit_rij).collect()
    }

    async fn audit_tellen(&mut self, f: &AuditFilter) -> Uitkomst<i64> {
        self.tel_gefilterd("auditrecords", &audit_voorwaarden(f))
            .await
    }

    async fn audit_reeks(&mut self, vanaf: i64, limiet: i64) -> Uitkomst<Vec<GeketendRecord>> {
        let rijen = sqlx::query(&format!(
            "SELECT {AUDIT_KOLOMMEN} FROM auditrecords WHERE volgnummer >= $1 \
             ORDER BY volgnummer LIMIT $2"
        ))
        .bind(vanaf)
        .bind(limiet)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(audit_uit_rij).collect()
    }

    async fn persoon_invoegen(&mut self, bsn: i64, tijdstip: &str) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO personen (bsn, versie, aangemaakt_op) VALUES ($1, 1, $2) RETURNING id",
        )
        .bind(bsn)
        .bind(tijdstip)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn persoon_op_bsn(&mut self, bsn: i64) -> Uitkomst<Option<PersoonRij>> {
        let r = sqlx::query("SELECT id, bsn, versie, aangemaakt_op FROM personen WHERE bsn = $1")
            .bind(bsn)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.as_ref().map(persoon_uit_rij).transpose()
    }

    async fn personen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<PersoonRij>> {
        let rijen = self
            .waar_in(
                "id, bsn, versie, aangemaakt_op",
                "personen",
                "id",
                ids,
                "id",
            )
            .await?;
        rijen.iter().map(persoon_uit_rij).collect()
    }

    async fn persoon_op_id(&mut self, id: i64) -> Uitkomst<Option<PersoonRij>> {
        Ok(self.personen_op_ids(&[id]).await?.pop())
    }

    async fn persoonsgegevens_invoegen(&mut self, r: &PersoonsgegevensRij) -> Uitkomst<i64> {
        let h = &r.historie;
        let rij = sqlx::query(&format!(
            "INSERT INTO persoonsgegevens (persoon_id, voornamen, voorvoegsel, geslachtsnaam, \
             zoeknaam, zoeknaam_volledig, geboortedatum, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
        ))
        .bind(r.persoon_id)
        .bind(&r.voornamen)
        .bind(&r.voorvoegsel)
        .bind(&r.geslachtsnaam)
        .bind(&r.zoeknaam)
        .bind(&r.zoeknaam_volledig)
        .bind(&r.geboortedatum)
        .bind(&h.geldig_vanaf)
        .bind(h.geldig_tot.as_deref())
        .bind(&h.geregistreerd_op)
        .bind(h.vervallen_op.as_deref())
        .bind(&h.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn persoonsgegevens_van(&mut self, ids: &[i64]) -> Uitkomst<Vec<PersoonsgegevensRij>> {
        let k = format!(
            "id, persoon_id, voornamen, voorvoegsel, geslachtsnaam, zoeknaam, zoeknaam_volledig, \
             geboortedatum, {HISTORIE}"
        );
        #[rustfmt::skip]
        type Rij = (i64, i64, String, String, String, String, String, String,
                    String, Option<String>, String, Option<String>, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(&k, "persoonsgegevens", "persoon_id", ids, |r: &Rij| r.0)
            .await?;
        Ok(rijen
            .into_iter()
            .map(|r| PersoonsgegevensRij {
                id: r.0,
                persoon_id: r.1,
                voornamen: r.2,
                voorvoegsel: r.3,
                geslachtsnaam: r.4,
                zoeknaam: r.5,
                zoeknaam_volledig: r.6,
                geboortedatum: r.7,
                historie: historie_uit(r.8, r.9, r.10, r.11, r.12),
            })
            .collect())
    }

    async fn adres_invoegen(&mut self, r: &AdresRij) -> Uitkomst<i64> {
        let h = &r.historie;
        let rij = sqlx::query(&format!(
            "INSERT INTO adressen (persoon_id, straat, huisnummer, huisletter, toevoeging, postcode, \
             woonplaats, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
        ))
        .bind(r.persoon_id)
        .bind(&r.straat)
        .bind(r.huisnummer)
        .bind(r.huisletter.as_deref())
        .bind(r.toevoeging.as_deref())
        .bind(&r.postcode)
        .bind(&r.woonplaats)
        .bind(&h.geldig_vanaf)
        .bind(h.geldig_tot.as_deref())
        .bind(&h.geregistreerd_op)
        .bind(h.vervallen_op.as_deref())
        .bind(&h.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn adressen_van(&mut self, ids: &[i64]) -> Uitkomst<Vec<AdresRij>> {
        let k = format!(
            "id, persoon_id, straat, huisnummer, huisletter, toevoeging, postcode, woonplaats, {HISTORIE}"
        );
        let rijen = self.van_personen(&k, "adressen", ids).await?;
        rijen.iter().map(adres_uit_rij).collect()
    }

    async fn bankrekening_invoegen(&mut self, r: &BankrekeningRij) -> Uitkomst<i64> {
        let h = &r.historie;
        let rij = sqlx::query(&format!(
            "INSERT INTO bankrekeningen (persoon_id, iban, tenaamstelling, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        ))
        .bind(r.persoon_id)
        .bind(&r.iban)
        .bind(&r.tenaamstelling)
        .bind(&h.geldig_vanaf)
        .bind(h.geldig_tot.as_deref())
        .bind(&h.geregistreerd_op)
        .bind(h.vervallen_op.as_deref())
        .bind(&h.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn bankrekeningen_van(&mut self, ids: &[i64]) -> Uitkomst<Vec<BankrekeningRij>> {
        let k = format!("id, persoon_id, iban, tenaamstelling, {HISTORIE}");
        #[rustfmt::skip]
        type Rij = (i64, i64, String, String,
                    String, Option<String>, String, Option<String>, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(&k, "bankrekeningen", "persoon_id", ids, |r: &Rij| r.0)
            .await?;
        Ok(rijen
            .into_iter()
            .map(|r| BankrekeningRij {
                id: r.0,
                persoon_id: r.1,
                iban: r.2,
                tenaamstelling: r.3,
                historie: historie_uit(r.4, r.5, r.6, r.7, r.8),
            })
            .collect())
    }

    async fn persoon_versie_ophogen(&mut self, id: i64, verwacht: i64) -> Uitkomst<bool> {
        let r =
            sqlx::query("UPDATE personen SET versie = versie + 1 WHERE id = $1 AND versie = $2")
                .bind(id)
                .bind(verwacht)
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn versie_laten_vervallen(
        &mut self,
        tabel: &str,
        id: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool> {
        if !matches!(
            tabel,
            "persoonsgegevens" | "adressen" | "bankrekeningen" | "huishoudleden"
        ) {
            return Err(OpslagFout::Database(format!(
                "geen tabel met historie: {tabel}"
            )));
        }
        let r = sqlx::query(&format!(
            "UPDATE {tabel} SET vervallen_op = $1 WHERE id = $2 AND vervallen_op IS NULL"
        ))
        .bind(tijdstip)
        .bind(id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn huishouden_invoegen(&mut self, tijdstip: &str) -> Uitkomst<i64> {
        let r = sqlx::query("INSERT INTO huishoudens (aangemaakt_op) VALUES ($1) RETURNING id")
            .bind(tijdstip)
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn huishoudlid_invoegen(&mut self, r: &HuishoudlidRij) -> Uitkomst<i64> {
        let h = &r.historie;
        let rij = sqlx::query(&format!(
            "INSERT INTO huishoudleden (huishouden_id, persoon_id, rol, {HISTORIE}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
        ))
        .bind(r.huishouden_id)
        .bind(r.persoon_id)
        .bind(&r.rol)
        .bind(&h.geldig_vanaf)
        .bind(h.geldig_tot.as_deref())
        .bind(&h.geregistreerd_op)
        .bind(h.vervallen_op.as_deref())
        .bind(&h.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn huishoudleden_van_huishouden(
        &mut self,
        huishouden_id: i64,
    ) -> Uitkomst<Vec<HuishoudlidRij>> {
        let rijen = sqlx::query(&format!(
            "SELECT id, huishouden_id, persoon_id, rol, {HISTORIE} FROM huishoudleden \
             WHERE huishouden_id = $1 ORDER BY id"
        ))
        .bind(huishouden_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(huishoudlid_uit_rij).collect()
    }

    async fn huishoudleden_van_personen(&mut self, ids: &[i64]) -> Uitkomst<Vec<HuishoudlidRij>> {
        let k = format!("id, huishouden_id, persoon_id, rol, {HISTORIE}");
        let rijen = self.van_personen(&k, "huishoudleden", ids).await?;
        rijen.iter().map(huishoudlid_uit_rij).collect()
    }

    async fn dossiernummer_volgende(&mut self, jaar: i64) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO dossiernummers (jaar, laatste) VALUES ($1, 1) \
             ON CONFLICT (jaar) DO UPDATE SET laatste = dossiernummers.laatste + 1 \
             RETURNING laatste",
        )
        .bind(jaar)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "laatste")
    }

    async fn dossier_invoegen(&mut self, d: &DossierRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO dossiers (nummer, huishouden_id, client_id, zaaktype, status, ontvangen_op, \
             team_id, consulent_id, versie, aangemaakt_op, gewijzigd_op) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&d.nummer)
        .bind(d.huishouden_id)
        .bind(d.client_id)
        .bind(&d.zaaktype)
        .bind(&d.status)
        .bind(&d.ontvangen_op)
        .bind(d.team_id)
        .bind(d.consulent_id)
        .bind(d.versie)
        .bind(&d.aangemaakt_op)
        .bind(&d.gewijzigd_op)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn dossier_op_id(&mut self, id: i64) -> Uitkomst<Option<DossierRij>> {
        let r = sqlx::query(&format!(
            "SELECT {DOSSIER_KOLOMMEN} FROM dossiers WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(dossier_uit_rij).transpose()
    }

    async fn dossiers_van_huishoudens(&mut self, ids: &[i64]) -> Uitkomst<Vec<DossierRij>> {
        let rijen = self
            .waar_in(
                DOSSIER_KOLOMMEN,
                "dossiers",
                "huishouden_id",
                ids,
                "id DESC",
            )
            .await?;
        rijen.iter().map(dossier_uit_rij).collect()
    }

    async fn gebeurtenis_toevoegen(&mut self, g: &GebeurtenisRij) -> Uitkomst<()> {
        sqlx::query(
            "INSERT INTO dossiergebeurtenissen (dossier_id, tijdstip, actor, soort, omschrijving, \
             operatie_id) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(g.dossier_id)
        .bind(&g.tijdstip)
        .bind(&g.actor)
        .bind(&g.soort)
        .bind(&g.omschrijving)
        .bind(&g.operatie_id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn gebeurtenissen_van(&mut self, dossier_id: i64) -> Uitkomst<Vec<GebeurtenisRij>> {
        let rijen = sqlx::query(
            "SELECT id, dossier_id, tijdstip, actor, soort, omschrijving, operatie_id \
             FROM dossiergebeurtenissen WHERE dossier_id = $1 ORDER BY tijdstip DESC, id DESC",
        )
        .bind(dossier_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen
            .iter()
            .map(|r| {
                Ok(GebeurtenisRij {
                    id: getal(r, "id")?,
                    dossier_id: getal(r, "dossier_id")?,
                    tijdstip: tekst(r, "tijdstip")?,
                    actor: tekst(r, "actor")?,
                    soort: tekst(r, "soort")?,
                    omschrijving: tekst(r, "omschrijving")?,
                    operatie_id: tekst(r, "operatie_id")?,
                })
            })
            .collect()
    }

    async fn personen_zoeken(&mut self, sleutel: &Zoeksleutel, limiet: i64) -> Uitkomst<Vec<i64>> {
        match sleutel {
            Zoeksleutel::Bsn(bsn) => {
                let r = sqlx::query("SELECT id AS persoon_id FROM personen WHERE bsn = $1 LIMIT $2")
                    .bind(*bsn)
                    .bind(limiet)
                    .fetch_all(self.conn())
                    .await
                    .map_err(vertaal)?;
                r.iter().map(|r| getal(r, "persoon_id")).collect()
            }
            Zoeksleutel::Dossiernummer(n) => {
                self.ids(
                    "SELECT DISTINCT l.persoon_id FROM dossiers d \
                     JOIN huishoudleden l ON l.huishouden_id = d.huishouden_id \
                     WHERE d.nummer = $1 AND l.vervallen_op IS NULL ORDER BY l.persoon_id LIMIT $2",
                    std::slice::from_ref(n),
                    limiet,
                )
                .await
            }
            Zoeksleutel::Geboortedatum(d) => {
                self.ids(
                    "SELECT DISTINCT persoon_id FROM persoonsgegevens \
                     WHERE geboortedatum = $1 AND vervallen_op IS NULL ORDER BY persoon_id LIMIT $2",
                    std::slice::from_ref(d),
                    limiet,
                )
                .await
            }
            Zoeksleutel::Adres(postcode, nummer) => {
                let mut q = sqlx::query(
                    "SELECT DISTINCT persoon_id FROM adressen WHERE postcode = $1 \
                     AND ($2 = 0 OR huisnummer = $2) AND vervallen_op IS NULL AND geldig_tot IS NULL \
                     ORDER BY persoon_id LIMIT $3",
                );
                q = q.bind(postcode.as_str()).bind(nummer.unwrap_or(0)).bind(limiet);
                let r = q.fetch_all(self.conn()).await.map_err(vertaal)?;
                r.iter().map(|r| getal(r, "persoon_id")).collect()
            }
            Zoeksleutel::Naam(begin) => {
                // Twee bereiken die elk hun index in volgorde aflopen en na `limiet` stoppen;
                // daarna samenvoegen. Een OR in één query zou alle treffers moeten sorteren.
                let einde = prefix_einde(begin);
                let mut ids = Vec::new();
                for kolom in ["zoeknaam", "zoeknaam_volledig"] {
                    let sql = format!(
                        "SELECT persoon_id, {kolom} AS sleutel FROM persoonsgegevens \
                         WHERE {kolom} >= $1 AND {kolom} < $2 AND vervallen_op IS NULL \
                         ORDER BY {kolom}, persoon_id LIMIT $3"
                    );
                    let rijen = sqlx::query(&sql)
                        .bind(begin.as_str())
                        .bind(einde.as_str())
                        .bind(limiet)
                        .fetch_all(self.conn())
                        .await
                        .map_err(vertaal)?;
                    for r in &rijen {
                        ids.push((tekst(r, "sleutel")?, getal(r, "persoon_id")?));
                    }
                }
                ids.sort();
                let mut uit: Vec<i64> = Vec::new();
                for (_, id) in ids {
                    if !uit.contains(&id) {
                        uit.push(id);
                    }
                }
                uit.truncate(usize::try_from(limiet).unwrap_or(0));
                Ok(uit)
            }
        }
    }

    async fn dossier_status_zetten(
        &mut self,
        id: i64,
        status: &str,
        verwacht: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE dossiers SET status = $1, versie = versie + 1, gewijzigd_op = $2 \
             WHERE id = $3 AND versie = $4",
        )
        .bind(status)
        .bind(tijdstip)
        .bind(id)
        .bind(verwacht)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn dossier_toewijzen(
        &mut self,
        id: i64,
        team_id: Option<i64>,
        consulent_id: Option<i64>,
        verwacht: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE dossiers SET team_id = $1, consulent_id = $2, versie = versie + 1, \
             gewijzigd_op = $3 WHERE id = $4 AND versie = $5",
        )
        .bind(team_id)
        .bind(consulent_id)
        .bind(tijdstip)
        .bind(id)
        .bind(verwacht)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn uitkering_invoegen(&mut self, u: &UitkeringRij) -> Uitkomst<i64> {
        uitkering::uitkering_invoegen(self.conn(), u).await
    }
    async fn uitkering_op_id(&mut self, id: i64) -> Uitkomst<Option<UitkeringRij>> {
        uitkering::uitkering_waar(self.conn(), "id", id).await
    }
    async fn uitkering_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Option<UitkeringRij>> {
        uitkering::uitkering_waar(self.conn(), "dossier_id", dossier_id).await
    }
    async fn aantal_uitkeringen(&mut self) -> Uitkomst<i64> {
        let r = sqlx::query("SELECT COUNT(*) AS n FROM uitkeringen")
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }
    async fn uitkeringen_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitkeringRij>> {
        #[rustfmt::skip]
        type Rij = (i64, i64, String, Option<String>, Option<String>, String, String, String,
                    String, String, i64, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(
                uitkering::UITKERING_KOLOMMEN,
                "uitkeringen",
                "id",
                ids,
                |r: &Rij| r.0,
            )
            .await?;
        Ok(rijen
            .into_iter()
            .map(|r| UitkeringRij {
                id: r.0,
                dossier_id: r.1,
                begindatum: r.2,
                einddatum: r.3,
                einde_reden: r.4,
                besluit_datum: r.5,
                besluit_door: r.6,
                besluit_inhoud: r.7,
                grondslag: r.8,
                bezwaar_tot: r.9,
                versie: r.10,
                aangemaakt_op: r.11,
            })
            .collect())
    }
    async fn dossiers_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<DossierRij>> {
        #[rustfmt::skip]
        type Rij = (i64, String, i64, i64, String, String, String, Option<i64>, Option<i64>, i64,
                    String, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(DOSSIER_KOLOMMEN, "dossiers", "id", ids, |r: &Rij| r.0)
            .await?;
        Ok(rijen
            .into_iter()
            .map(|r| DossierRij {
                id: r.0,
                nummer: r.1,
                huishouden_id: r.2,
                client_id: r.3,
                zaaktype: r.4,
                status: r.5,
                ontvangen_op: r.6,
                team_id: r.7,
                consulent_id: r.8,
                versie: r.9,
                aangemaakt_op: r.10,
                gewijzigd_op: r.11,
            })
            .collect())
    }
    async fn huishoudleden_van_huishoudens(
        &mut self,
        ids: &[i64],
    ) -> Uitkomst<Vec<HuishoudlidRij>> {
        let kolommen = format!("id, huishouden_id, persoon_id, rol, {HISTORIE}");
        #[rustfmt::skip]
        type Rij = (i64, i64, i64, String,
                    String, Option<String>, String, Option<String>, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(
                &kolommen,
                "huishoudleden",
                "huishouden_id",
                ids,
                |r: &Rij| r.0,
            )
            .await?;
        Ok(rijen
            .into_iter()
            .map(|r| HuishoudlidRij {
                id: r.0,
                huishouden_id: r.1,
                persoon_id: r.2,
                rol: r.3,
                historie: historie_uit(r.4, r.5, r.6, r.7, r.8),
            })
            .collect())
    }
    async fn mutaties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<MutatieRij>> {
        let rijen = self
            .waar_in(
                uitkering::MUTATIE_KOLOMMEN,
                "mutaties",
                "uitkering_id",
                ids,
                "id",
            )
            .await?;
        rijen.iter().map(uitkering::mutatie).collect()
    }
    async fn maandbedragen_van_uitkeringen(
        &mut self,
        ids: &[i64],
    ) -> Uitkomst<Vec<MaandbedragRij>> {
        let rijen = self
            .waar_in(
                uitkering::MAANDBEDRAG_KOLOMMEN,
                "maandbedragen",
                "uitkering_id",
                ids,
                "uitkering_id, maand",
            )
            .await?;
        rijen.iter().map(uitkering::maandbedrag).collect()
    }
    async fn uitkering_ids(&mut self, na_id: i64, limiet: i64) -> Uitkomst<Vec<i64>> {
        uitkering::uitkering_ids(self.conn(), na_id, limiet).await
    }
    async fn uitkering_bijwerken(&mut self, u: &UitkeringRij) -> Uitkomst<bool> {
        uitkering::uitkering_bijwerken(self.conn(), u).await
    }
    async fn mutatie_invoegen(&mut self, m: &MutatieRij) -> Uitkomst<i64> {
        uitkering::mutatie_invoegen(self.conn(), m).await
    }
    async fn mutatie_op_id(&mut self, id: i64) -> Uitkomst<Option<MutatieRij>> {
        uitkering::mutatie_op_id(self.conn(), id).await
    }
    async fn mutaties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MutatieRij>> {
        uitkering::mutaties_van(self.conn(), uitkering_id).await
    }
    async fn mutatie_bijwerken(&mut self, m: &MutatieRij) -> Uitkomst<bool> {
        uitkering::mutatie_bijwerken(self.conn(), m).await
    }
    async fn maandbedragen_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<MaandbedragRij>> {
        uitkering::maandbedragen_van(self.conn(), uitkering_id).await
    }
    async fn maandbedragen_zetten(&mut self, rijen: &[MaandbedragRij]) -> Uitkomst<()> {
        uitkering::maandbedragen_zetten(self.conn(), rijen).await
    }
    async fn correcties_invoegen(&mut self, rijen: &[CorrectieRij]) -> Uitkomst<()> {
        uitkering::correcties_invoegen(self.conn(), rijen).await
    }
    async fn correcties_van(&mut self, uitkering_id: i64) -> Uitkomst<Vec<CorrectieRij>> {
        uitkering::correcties_van(self.conn(), uitkering_id).await
    }
    async fn correcties_van_uitkeringen(&mut self, ids: &[i64]) -> Uitkomst<Vec<CorrectieRij>> {
        let rijen = self
            .waar_in(
                uitkering::CORRECTIE_KOLOMMEN,
                "correcties",
                "uitkering_id",
                ids,
                "uitkering_id, maand, id",
            )
            .await?;
        rijen.iter().map(uitkering::correctie).collect()
    }

    async fn contactmoment_invoegen(&mut self, c: &ContactmomentRij) -> Uitkomst<i64> {
        contact::invoegen(self.conn(), c).await
    }
    async fn contactmoment_op_id(&mut self, id: i64) -> Uitkomst<Option<ContactmomentRij>> {
        contact::op_id(self.conn(), id).await
    }
    async fn contactmoment_van_taak(&mut self, taak_id: i64) -> Uitkomst<Option<ContactmomentRij>> {
        contact::van_taak(self.conn(), taak_id).await
    }
    async fn contactmomenten_van_persoon(
        &mut self,
        persoon_id: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        contact::van_persoon(self.conn(), persoon_id, limiet).await
    }
    async fn contactmomenten_van_dossier(
        &mut self,
        dossier_id: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        contact::van_dossier(self.conn(), dossier_id, limiet).await
    }
    async fn contactmomenten_zonder_persoon(
        &mut self,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        contact::zonder_persoon(self.conn(), limiet).await
    }
    async fn contactmomenten_zoeken(
        &mut self,
        tekst: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        contact::zoeken(self.conn(), tekst, limiet).await
    }
    async fn contactmoment_koppelen(
        &mut self,
        id: i64,
        persoon_id: i64,
        dossier_id: Option<i64>,
        gekoppeld_op: &str,
        versie: i64,
    ) -> Uitkomst<bool> {
        contact::koppelen(
            self.conn(),
            id,
            persoon_id,
            dossier_id,
            gekoppeld_op,
            versie,
        )
        .await
    }
    async fn contactonderwerpen(&mut self) -> Uitkomst<Vec<ContactonderwerpRij>> {
        contact::onderwerpen(self.conn()).await
    }
    async fn contactonderwerpen_vervangen(
        &mut self,
        lijst: &[ContactonderwerpRij],
    ) -> Uitkomst<()> {
        contact::onderwerpen_vervangen(self.conn(), lijst).await
    }

    async fn betaalrun_invoegen(&mut self, r: &BetaalrunRij) -> Uitkomst<i64> {
        betaalrun::run_invoegen(self.conn(), r).await
    }
    async fn betaalrun_op_id(&mut self, id: i64) -> Uitkomst<Option<BetaalrunRij>> {
        betaalrun::run_op_id(self.conn(), id).await
    }
    async fn betaalruns(&mut self, limiet: i64) -> Uitkomst<Vec<BetaalrunRij>> {
        betaalrun::runs(self.conn(), limiet).await
    }
    async fn betaalruns_van_maand(&mut self, maand: &str) -> Uitkomst<Vec<BetaalrunRij>> {
        betaalrun::runs_van_maand(self.conn(), maand).await
    }
    async fn betaalrun_bijwerken(&mut self, r: &BetaalrunRij) -> Uitkomst<bool> {
        betaalrun::run_bijwerken(self.conn(), r).await
    }
    async fn uitleggen_vastleggen(
        &mut self,
        uitleggen: &[(String, String)],
    ) -> Uitkomst<std::collections::HashMap<String, i64>> {
        let engine = self.engine;
        let sleutels: Vec<&str> = uitleggen.iter().map(|(s, _)| s.as_str()).collect();
        let mut ids: std::collections::HashMap<String, i64> =
            betaalrun::uitleg_ids(self.conn(), engine, &sleutels)
                .await?
                .into_iter()
                .collect();
        let nieuw: Vec<&(String, String)> = uitleggen
            .iter()
            .filter(|(s, _)| !ids.contains_key(s))
            .collect();
        if !nieuw.is_empty() {
            let rijen: Vec<Vec<Waarde>> = nieuw
                .iter()
                .map(|(s, i)| vec![Waarde::Tekst(s.clone()), Waarde::Tekst(i.clone())])
                .collect();
            self.bulk_invoegen("uitleggen", &["sleutel", "inhoud"], &rijen)
                .await?;
            let sleutels: Vec<&str> = nieuw.iter().map(|(s, _)| s.as_str()).collect();
            ids.extend(betaalrun::uitleg_ids(self.conn(), engine, &sleutels).await?);
        }
        Ok(ids)
    }
    async fn betaalregels_verwijderen(&mut self, run_id: i64) -> Uitkomst<u64> {
        betaalrun::regels_verwijderen(self.conn(), run_id).await
    }
    async fn betaalregels(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
        alleen_betalingen: bool,
    ) -> Uitkomst<Vec<BetaalregelRij>> {
        betaalrun::regels(self.conn(), run_id, na_id, limiet, alleen_betalingen).await
    }
    async fn betaalregels_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<BetaalregelRij>> {
        let engine = self.engine;
        betaalrun::regels_van_dossier(self.conn(), engine, dossier_id).await
    }
    async fn betalingen(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
    ) -> Uitkomst<(Vec<BetalingRij>, Option<i64>)> {
        betaalrun::betalingen(&mut self.tx, self.engine, run_id, na_id, limiet).await
    }
    async fn betaalregels_voor_taken(&mut self, run_id: i64) -> Uitkomst<Vec<BetaalregelVoorTaak>> {
        betaalrun::regels_voor_taken(&mut self.tx, self.engine, run_id).await
    }
    async fn betaalregels_van_categorie(
        &mut self,
        run_id: i64,
        categorie: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<BetaalregelRij>> {
        betaalrun::regels_van_categorie(self.conn(), run_id, categorie, limiet).await
    }
    async fn betaalrun_totalen(&mut self, run_id: i64) -> Uitkomst<Vec<Categorietotaal>> {
        betaalrun::totalen(self.conn(), run_id).await
    }
    async fn betaalrun_verschillen(
        &mut self,
        run_id: i64,
        vorige: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<Runverschil>> {
        betaalrun::verschillen(self.conn(), run_id, vorige, limiet).await
    }
    async fn betaalrun_verwerken(&mut self, run_id: i64, tijdstip: &str) -> Uitkomst<()> {
        betaalrun::verwerken(&mut self.tx, self.engine, run_id, tijdstip).await
    }
    async fn vorderingen_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<VorderingRij>> {
        betaalrun::vorderingen_van_dossier(self.conn(), dossier_id).await
    }
    async fn betaald_voor_uitkeringen(
        &mut self,
        ids: &[i64],
        vanaf: &str,
    ) -> Uitkomst<Vec<(i64, String, String, i64)>> {
        let engine = self.engine;
        betaalrun::betaald_voor_uitkeringen(self.conn(), engine, ids, vanaf).await
    }
    async fn toegang_voor_personen(&mut self, v: &Verwerking, ids: &[i64]) -> Uitkomst<()> {
        let p = toegang::toegang_voor_personen(&mut self.tx, self.engine, v, ids).await?;
        self.partij(p);
        Ok(())
    }
    async fn toegang_voor_run(
        &mut self,
        run_id: i64,
        alleen_betalingen: bool,
        regels: Option<(i64, i64)>,
        sjabloon: &ToegangRij,
    ) -> Uitkomst<()> {
        let engine = self.engine;
        let p = toegang::toegang_voor_run(
            self.conn(),
            engine,
            run_id,
            alleen_betalingen,
            regels,
            sjabloon,
        )
        .await?;
        self.partij(p);
        Ok(())
    }

    async fn taak_invoegen(&mut self, t: &TaakRij) -> Uitkomst<i64> {
        werk::taak_invoegen(self.conn(), t).await
    }
    async fn taak_op_id(&mut self, id: i64) -> Uitkomst<Option<TaakRij>> {
        werk::taak_op_id(self.conn(), id).await
    }
    async fn taak_bijwerken(&mut self, t: &TaakRij) -> Uitkomst<bool> {
        werk::taak_bijwerken(self.conn(), t).await
    }
    async fn open_taken_van(
        &mut self,
        gebruiker_id: Option<i64>,
        team_id: Option<i64>,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        werk::open_taken_van(self.conn(), gebruiker_id, team_id, limiet).await
    }
    async fn taken_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<TaakRij>> {
        werk::taken_van_dossier(self.conn(), dossier_id).await
    }
    async fn vandaag_taken(
        &mut self,
        gebruiker_id: i64,
        datum: &str,
        soort: Option<&str>,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        werk::vandaag_taken(self.conn(), gebruiker_id, datum, soort, limiet).await
    }
    async fn vandaag_tellingen(
        &mut self,
        gebruiker_id: i64,
        datum: &str,
    ) -> Uitkomst<Vec<(String, i64, i64)>> {
        werk::vandaag_tellingen(self.conn(), gebruiker_id, datum).await
    }
    async fn aantal_zonder_eigenaar(&mut self, team_id: i64) -> Uitkomst<i64> {
        werk::aantal_zonder_eigenaar(self.conn(), team_id).await
    }
    async fn teamwerk_tellingen(
        &mut self,
        team_id: i64,
        datum: &str,
    ) -> Uitkomst<Vec<(Option<i64>, String, i64, i64)>> {
        werk::teamwerk_tellingen(self.conn(), team_id, datum).await
    }
    async fn team_risico(
        &mut self,
        team_id: i64,
        datum: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        werk::team_risico(self.conn(), team_id, datum, limiet).await
    }
    async fn team_gereed_sinds(&mut self, team_id: i64, sinds: &str) -> Uitkomst<Vec<TaakRij>> {
        werk::team_gereed_sinds(self.conn(), team_id, sinds).await
    }
    async fn taken_te_laat_ongemeld(&mut self, datum: &str, limiet: i64) -> Uitkomst<Vec<TaakRij>> {
        werk::taken_te_laat_ongemeld(self.conn(), datum, limiet).await
    }
    async fn taakgebeurtenis_toevoegen(&mut self, g: &TaakgebeurtenisRij) -> Uitkomst<()> {
        werk::taakgebeurtenis_toevoegen(self.conn(), g).await
    }
    async fn taakgebeurtenissen_van(&mut self, taak_id: i64) -> Uitkomst<Vec<TaakgebeurtenisRij>> {
        werk::taakgebeurtenissen_van(self.conn(), taak_id).await
    }
    async fn servicenormen(&mut self) -> Uitkomst<Vec<ServicenormRij>> {
        werk::servicenormen(self.conn()).await
    }
    async fn servicenorm_zetten(&mut self, r: &ServicenormRij) -> Uitkomst<()> {
        werk::servicenorm_zetten(self.conn(), r).await
    }
    async fn postcodegebieden(&mut self) -> Uitkomst<Vec<PostcodegebiedRij>> {
        werk::postcodegebieden(self.conn()).await
    }
    async fn postcodegebieden_vervangen(&mut self, rijen: &[PostcodegebiedRij]) -> Uitkomst<()> {
        werk::postcodegebieden_vervangen(self.conn(), rijen).await
    }
    async fn afwezigheid_invoegen(&mut self, r: &AfwezigheidRij) -> Uitkomst<i64> {
        werk::afwezigheid_invoegen(self.conn(), r).await
    }
    async fn afwezigheden_vanaf(&mut self, datum: &str) -> Uitkomst<Vec<AfwezigheidRij>> {
        werk::afwezigheden_vanaf(self.conn(), datum).await
    }
    async fn uitsluiting_invoegen(&mut self, r: &UitsluitingRij) -> Uitkomst<i64> {
        werk::uitsluiting_invoegen(self.conn(), r).await
    }
    async fn uitsluitingen_van_personen(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitsluitingRij>> {
        let engine = self.engine;
        werk::uitsluitingen_van_personen(self.conn(), engine, ids).await
    }
    async fn caseloads(&mut self, gebruiker_ids: &[i64]) -> Uitkomst<Vec<(i64, i64)>> {
        let engine = self.engine;
        werk::caseloads(self.conn(), engine, gebruiker_ids).await
    }
    async fn zaaktypegewichten(&mut self) -> Uitkomst<Vec<(String, i64)>> {
        werk::zaaktypegewichten(self.conn()).await
    }
    async fn zaaktypegewicht_zetten(&mut self, zaaktype: &str, gewicht: i64) -> Uitkomst<()> {
        werk::zaaktypegewicht_zetten(self.conn(), zaaktype, gewicht).await
    }
    async fn melding_invoegen(&mut self, r: &MeldingRij) -> Uitkomst<i64> {
        werk::melding_invoegen(self.conn(), r).await
    }
    async fn meldingen_van(&mut self, gebruiker_id: i64, limiet: i64) -> Uitkomst<Vec<MeldingRij>> {
        werk::meldingen_van(self.conn(), gebruiker_id, limiet).await
    }
    async fn melding_gelezen(
        &mut self,
        id: i64,
        gebruiker_id: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool> {
        werk::melding_gelezen(self.conn(), id, gebruiker_id, tijdstip).await
    }

    async fn normenset_invoegen(&mut self, r: &NormensetRij) -> Uitkomst<i64> {
        let rij = sqlx::query(
            "INSERT INTO normensets \
             (geladen_op, geladen_door, bestandsnaam, sha256, inhoud, operatie_id) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&r.geladen_op)
        .bind(&r.geladen_door)
        .bind(&r.bestandsnaam)
        .bind(&r.sha256)
        .bind(&r.inhoud)
        .bind(&r.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn normenset_nieuwste(&mut self) -> Uitkomst<Option<NormensetRij>> {
        let r = sqlx::query(
            "SELECT id, geladen_op, geladen_door, bestandsnaam, sha256, inhoud, operatie_id \
             FROM normensets ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(normenset_uit_rij).transpose()
    }

    async fn normenset_nieuwste_id(&mut self) -> Uitkomst<Option<i64>> {
        let r = sqlx::query("SELECT MAX(id) AS id FROM normensets")
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        r.try_get::<Option<i64>, _>("id").map_err(vertaal)
    }

    async fn normensets(&mut self) -> Uitkomst<Vec<NormensetRij>> {
        let rijen = sqlx::query(
            "SELECT id, geladen_op, geladen_door, bestandsnaam, sha256, '' AS inhoud, operatie_id \
             FROM normensets ORDER BY id DESC",
        )
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(normenset_uit_rij).collect()
    }

    async fn beheerverzoek_invoegen(&mut self, r: &BeheerverzoekRij) -> Uitkomst<i64> {
        beheerverzoek::invoegen(self.conn(), r).await
    }
    async fn beheerverzoek_op_id(&mut self, id: i64) -> Uitkomst<Option<BeheerverzoekRij>> {
        beheerverzoek::op_id(self.conn(), id).await
    }
    async fn beheerverzoeken_open(&mut self) -> Uitkomst<Vec<BeheerverzoekRij>> {
        beheerverzoek::open(self.conn()).await
    }
    async fn beheerverzoek_bijwerken(&mut self, r: &BeheerverzoekRij) -> Uitkomst<bool> {
        beheerverzoek::bijwerken(self.conn(), r).await
    }

    async fn installatie_lezen(&mut self, sleutel: &str) -> Uitkomst<Option<String>> {
        let r = sqlx::query("SELECT waarde FROM installatie WHERE sleutel = $1")
            .bind(sleutel)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        r.map(|r| tekst(&r, "waarde")).transpose()
    }

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

    async fn hoogste_id(&mut self, tabel: &str) -> Uitkomst<i64> {
        if !TABELLEN_MET_ID.contains(&tabel) {
            return Err(OpslagFout::Database(format!("onbekende tabel {tabel}")));
        }
        let r = sqlx::query(&format!("SELECT COALESCE(MAX(id), 0) AS n FROM {tabel}"))
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }

    async fn ids_reserveren(&mut self, tabel: &str, n: usize) -> Uitkomst<Vec<i64>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        match self.engine {
            crate::Engine::Sqlite => {
                let hoogste = self.hoogste_id(tabel).await?;
                Ok((hoogste + 1..).take(n).collect())
            }
            crate::Engine::Postgres => {
                if !TABELLEN_MET_ID.contains(&tabel) {
                    return Err(OpslagFout::Database(format!("onbekende tabel {tabel}")));
                }
                sqlx::query_scalar::<_, i64>(&format!(
                    "SELECT nextval(pg_get_serial_sequence('{tabel}', 'id')) \
                     FROM generate_series(1, $1)"
                ))
                .bind(i64::try_from(n).unwrap_or(i64::MAX))
                .fetch_all(self.conn())
                .await
                .map_err(vertaal)
            }
        }
    }

    async fn bulk_invoegen(
        &mut self,
        tabel: &str,
        kolommen: &[&str],
        rijen: &[Vec<Waarde>],
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
                crate::Engine::Sqlite => format!(
                    "INSERT INTO {tabel} ({lijst}) WITH r AS MATERIALIZED \
                     (SELECT value AS v FROM json_each(jsonb(?))) SELECT {} FROM r",
                    (0..kolommen.len())
                        .map(|i| format!("v ->> {i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                crate::Engine::Postgres => format!(
                    "INSERT INTO {tabel} ({lijst}) SELECT {lijst} \
                     FROM json_populate_recordset(NULL::{tabel}, $1::json)"
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
        // PostgreSQL voor zoeken een volledige scan (p50 1 s in plaats van 10 ms).
        sqlx::query("ANALYZE")
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn toegang_toevoegen(&mut self, r: &ToegangRij) -> Uitkomst<()> {
        let p = toegang::toegang_toevoegen(self.conn(), r).await?;
        self.partij(p);
        Ok(())
    }

    async fn verwerking_vastleggen(&mut self, sjabloon: &ToegangRij) -> Uitkomst<Verwerking> {
        toegang::verwerking_vastleggen(self.conn(), sjabloon).await
    }

    async fn toegang_zoeken(
        &mut self,
        f: &ToegangFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<ToegangRij>> {
        let v = self.toegang_voorwaarden(f).await?;
        let rijen = self
            .bladzijde(TOEGANG_KOLOMMEN, "toegangslog", "id", &v, limiet, overslaan)
            .await?;
        rijen.iter().map(toegang_uit_rij).collect()
    }

    async fn toegang_tellen(&mut self, f: &ToegangFilter) -> Uitkomst<i64> {
        let v = self.toegang_voorwaarden(f).await?;
        self.tel_gefilterd("toegangslog", &v).await
    }

    async fn toegangsketen_reeks(&mut self, vanaf: i64, limiet: i64) -> Uitkomst<Vec<Schakel>> {
        toegang::reeks(self.conn(), vanaf, limiet).await
    }

    async fn toegangsketen_kop(&mut self) -> Uitkomst<(i64, String)> {
        toegang::kop(self.conn()).await
    }

    async fn toegangsregels_vanaf(&mut self, vanaf: i64) -> Uitkomst<i64> {
        toegang::regels_vanaf(self.conn(), vanaf).await
    }

    async fn toegangsverwerking(&mut self, id: i64) -> Uitkomst<Option<ToegangRij>> {
        toegang::verwerking(self.conn(), id).await
    }

    async fn toegangsregels_van(
        &mut self,
        verwerking_id: i64,
        van: i64,
        tot: i64,
    ) -> Uitkomst<Vec<Toegangsregel>> {
        let engine = self.engine;
        toegang::regels_van(self.conn(), engine, verwerking_id, van, tot).await
    }
}

#[cfg(test)]
mod tests {
    use super::{maanden_tussen, namen_van, sorteren};
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

    /// De maanden die een zoekvraag per betrokkene noemt (index toegangslog_maand_betrokkene).
    #[test]
    fn maanden_van_het_toegangslog() {
        let t = |s: &str| format!("{s}-15T10:00:00.000000Z");
        let tabel: &[(&str, &str, &[&str])] = &[
            ("2026-11", "2026-11", &["2026-11"]),
            (
                "2026-11",
                "2027-02",
                &["2026-11", "2026-12", "2027-01", "2027-02"],
            ),
            ("2027-02", "2026-11", &[]),
        ];
        for (van, tot, verwacht) in tabel {
            assert_eq!(maanden_tussen(&t(van), &t(tot)), *verwacht, "{van} … {tot}");
        }
        assert!(maanden_tussen("onzin", &t("2026-11")).is_empty());
        assert!(maanden_tussen("2026-13-01T00:00:00Z", &t("2026-11")).is_empty());
    }
}
