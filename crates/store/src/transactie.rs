//! De transactie (`vangnet_app::opslag::Transactie`) voor beide engines, en haar commit. De SQL
//! van elk aggregaat staat in zijn eigen module (`accounts`, `personen`, `werk`, …); gedeelde
//! hulpstukken in [`crate::sql`].

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Any;
use vangnet_app::opslag::{Leestransactie, OpslagFout, Transactie, Uitkomst};
use vangnet_domain::audit::{AuditGegevens, Ketensleutel};
use vangnet_domain::toegangsketen::{Partij, Schakel};

use crate::sql::{
    getal, getallen, in_lijst, json_select, met_namen, namen_van, sorteren, tekst, vertaal,
    Binding, JsonRij, Voorwaarden,
};
use crate::Engine;

/// Eén transactie op de database. Elk aggregaat implementeert zijn poort van de app hierop in
/// zijn eigen module; hier staan alleen de transactie, de vraagjes die alle aggregaten delen
/// (rijen bij een lijst ids, een bladzijde, een telling) en de commit, die het toegangslog van
/// de transactie verzegelt.
pub(crate) struct AnyTransactie {
    pub(crate) tx: sqlx::Transaction<'static, Any>,
    pub(crate) engine: Engine,
    pub(crate) sleutel: Option<std::sync::Arc<Ketensleutel>>,
    /// Wat deze transactie in het toegangslog schreef; bij de commit elk een schakel.
    pub(crate) partijen: Vec<Partij>,
    /// De auditrecords van deze transactie; bij de commit in de keten.
    pub(crate) audit: Vec<AuditGegevens>,
}

impl AnyTransactie {
    pub(crate) fn nieuw(
        tx: sqlx::Transaction<'static, Any>,
        engine: Engine,
        sleutel: Option<std::sync::Arc<Ketensleutel>>,
    ) -> Self {
        Self {
            tx,
            engine,
            sleutel,
            partijen: Vec::new(),
            audit: Vec::new(),
        }
    }

    pub(crate) fn partij(&mut self, p: Option<Partij>) {
        self.partijen.extend(p);
    }
}

impl AnyTransactie {
    pub(crate) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    /// Alle rijen van `tabel` waarvan `kolom` in `ids` staat, op `volgorde` (kolomnamen uit
    /// `kolommen`, elk eventueel met `DESC`).
    pub(crate) async fn waar_in(
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
    pub(crate) async fn waar_in_als<T: serde::de::DeserializeOwned>(
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

    pub(crate) async fn waar_in_ongesorteerd<T: serde::de::DeserializeOwned>(
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

    pub(crate) async fn ids(
        &mut self,
        sql: &str,
        args: &[String],
        limiet: i64,
    ) -> Uitkomst<Vec<i64>> {
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
    pub(crate) async fn bladzijde(
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

    /// Het aantal rijen in `tabel` dat aan de filtervoorwaarden voldoet.
    pub(crate) async fn tel_gefilterd(&mut self, tabel: &str, v: &Voorwaarden) -> Uitkomst<i64> {
        let sql = format!("SELECT COUNT(*) AS n FROM {tabel}{}", v.sql());
        let r = v
            .bind(sqlx::query(&sql))
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n")
    }

    pub(crate) async fn tel(&mut self, sql: &str, args: &[&str]) -> Uitkomst<i64> {
        let mut q = sqlx::query(sql);
        for a in args {
            q = q.bind(*a);
        }
        let r = q.fetch_one(self.conn()).await.map_err(vertaal)?;
        getal(&r, "n")
    }
}

#[async_trait]
impl Leestransactie for AnyTransactie {
    async fn afsluiten(self: Box<Self>) -> Uitkomst<()> {
        self.tx.rollback().await.map_err(vertaal)
    }

    fn ketensleutel(&self) -> Option<&Ketensleutel> {
        self.sleutel.as_deref()
    }

    async fn schrijfteller(&mut self) -> Uitkomst<Option<i64>> {
        if self.engine == Engine::Postgres {
            return Ok(None);
        }
        let r = sqlx::query("SELECT n FROM schrijfteller WHERE id = 1")
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        getal(&r, "n").map(Some)
    }

    async fn momentopname(&mut self) -> Uitkomst<()> {
        if self.engine == Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        }
        Ok(())
    }
}

#[async_trait]
impl Transactie for AnyTransactie {
    async fn commit(self: Box<Self>) -> Uitkomst<()> {
        let mut dit = *self;
        let audit = std::mem::take(&mut dit.audit);
        crate::auditketen::records_ketenen(&mut dit.tx, audit, dit.sleutel.as_deref()).await?;
        let partijen = std::mem::take(&mut dit.partijen);
        schakels_toevoegen(&mut dit.tx, partijen, dit.sleutel.as_deref()).await?;
        // SQLite: elke vastgelegde schrijftransactie telt (zie `Leestransactie::schrijfteller`).
        // Eén rij op de pagina die de enige schrijver toch al heeft; geen wachten.
        if dit.engine == Engine::Sqlite {
            sqlx::query("UPDATE schrijfteller SET n = n + 1 WHERE id = 1")
                .execute(&mut *dit.tx)
                .await
                .map_err(vertaal)?;
        }
        dit.tx.commit().await.map_err(vertaal)
    }
}

/// Voegt per partij een schakel aan de toegangsketen toe, na de kop (die daarmee vergrendeld is
/// tot de commit), en zet de kop op de laatste. Vlak voor de commit aangeroepen, zodat andere
/// transacties zo kort mogelijk op de kop wachten.
async fn schakels_toevoegen(
    c: &mut sqlx::AnyConnection,
    partijen: Vec<Partij>,
    sleutel: Option<&Ketensleutel>,
) -> Uitkomst<()> {
    if partijen.is_empty() {
        return Ok(());
    }
    let kop = sqlx::query(
        "UPDATE toegangsketen_kop SET volgnummer = volgnummer WHERE id = 1 \
         RETURNING volgnummer, laatste_hash",
    )
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let (mut nr, mut vorige) = (getal(&kop, "volgnummer")?, tekst(&kop, "laatste_hash")?);
    for p in partijen {
        nr += 1;
        let s = Schakel::nieuw(nr, p, vorige, sleutel);
        sqlx::query(
            "INSERT INTO toegangsketen (volgnummer, verwerking_id, regel_van, regel_tot, aantal, \
             inhoud, vorige_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(s.volgnummer)
        .bind(s.partij.verwerking_id)
        .bind(s.partij.regel_van)
        .bind(s.partij.regel_tot)
        .bind(s.partij.aantal)
        .bind(&s.partij.inhoud)
        .bind(&s.vorige_hash)
        .bind(&s.hash)
        .execute(&mut *c)
        .await
        .map_err(vertaal)?;
        vorige = s.hash;
    }
    sqlx::query("UPDATE toegangsketen_kop SET volgnummer = $1, laatste_hash = $2 WHERE id = 1")
        .bind(nr)
        .bind(&vorige)
        .execute(c)
        .await
        .map_err(vertaal)?;
    Ok(())
}
