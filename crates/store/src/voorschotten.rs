//! Voorschotten op een aanvraag (art. 52 Pw): vastleggen, lezen per dossier en voor de run,
//! status bijwerken. Draagbare SQL voor beide engines.

use sqlx::AnyConnection;
use vangnet_app::opslag::{Uitkomst, VoorschotRij};
use vangnet_domain::tijd;
use vangnet_domain::voorschot::{Besluit, Status};

use crate::sql::{
    binden, code, datum, getal, getallen, in_lijst, in_tabel, opgetal, tekst, tijdstip, vertaal,
    Rij,
};

const KOLOMMEN: &str = "id, dossier_id, volgnummer, maand, uiterlijk, besluit, bijstand_centen, \
     bedrag_centen, vakantietoeslag_centen, reden, uitleg, status, betaald_run_id, uitkering_id, vastgelegd_door, \
     vastgelegd_op, gewijzigd_op, versie";

fn rij(r: &impl Rij) -> Uitkomst<VoorschotRij> {
    Ok(VoorschotRij {
        id: getal(r, "id")?,
        dossier_id: getal(r, "dossier_id")?,
        volgnummer: getal(r, "volgnummer")?,
        maand: datum(r, "maand")?,
        uiterlijk: datum(r, "uiterlijk")?,
        besluit: code(r, "besluit", Besluit::uit_code)?,
        bijstand_centen: getal(r, "bijstand_centen")?.into(),
        bedrag_centen: getal(r, "bedrag_centen")?.into(),
        vakantietoeslag_centen: getal(r, "vakantietoeslag_centen")?.into(),
        reden: tekst(r, "reden")?,
        uitleg: tekst(r, "uitleg")?,
        status: code(r, "status", Status::uit_code)?,
        betaald_run_id: opgetal(r, "betaald_run_id")?,
        uitkering_id: opgetal(r, "uitkering_id")?,
        vastgelegd_door: opgetal(r, "vastgelegd_door")?,
        vastgelegd_op: tijdstip(r, "vastgelegd_op")?,
        gewijzigd_op: tijdstip(r, "gewijzigd_op")?,
        versie: getal(r, "versie")?,
    })
}

async fn lijst(c: &mut AnyConnection, sql: &str, bind: Option<i64>) -> Uitkomst<Vec<VoorschotRij>> {
    let mut q = sqlx::query(sql);
    if let Some(b) = bind {
        q = q.bind(b);
    }
    let rijen = q.fetch_all(c).await.map_err(vertaal)?;
    rijen
        .iter()
        .map(rij)
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("voorschotten", e))
}

pub(crate) async fn van_dossier(
    c: &mut AnyConnection,
    dossier_id: i64,
) -> Uitkomst<Vec<VoorschotRij>> {
    lijst(
        c,
        &format!("SELECT {KOLOMMEN} FROM voorschotten WHERE dossier_id = $1 ORDER BY volgnummer"),
        Some(dossier_id),
    )
    .await
}

pub(crate) async fn te_betalen(c: &mut AnyConnection) -> Uitkomst<Vec<VoorschotRij>> {
    lijst(
        c,
        &format!(
            "SELECT {KOLOMMEN} FROM voorschotten WHERE status = '{}' ORDER BY id",
            Status::TeBetalen.code()
        ),
        None,
    )
    .await
}

pub(crate) async fn verrekend_met(
    c: &mut AnyConnection,
    engine: crate::Engine,
    uitkeringen: &[i64],
) -> Uitkomst<Vec<(i64, chrono::NaiveDate, vangnet_domain::bedrag::Bedrag)>> {
    if uitkeringen.is_empty() {
        return Ok(Vec::new());
    }
    let (voorwaarde, binds) = in_lijst(engine, "uitkering_id", getallen(uitkeringen), 1, false)?;
    let sql = format!(
        "SELECT uitkering_id, maand, vakantietoeslag_centen FROM voorschotten \
         WHERE {voorwaarde} AND status = '{}'",
        Status::Verrekend.code()
    );
    let rijen = binden(sqlx::query(&sql), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    let mut uit = rijen
        .iter()
        .map(|r| {
            Ok((
                getal(r, "uitkering_id")?,
                datum(r, "maand")?,
                getal(r, "vakantietoeslag_centen")?.into(),
            ))
        })
        .collect::<Uitkomst<Vec<_>>>()
        .map_err(|e| in_tabel("voorschotten", e))?;
    uit.sort_unstable();
    Ok(uit)
}

pub(crate) async fn invoegen(c: &mut AnyConnection, r: &VoorschotRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO voorschotten (dossier_id, volgnummer, maand, uiterlijk, besluit, \
         bijstand_centen, bedrag_centen, reden, uitleg, status, betaald_run_id, uitkering_id, \
         vastgelegd_door, vastgelegd_op, gewijzigd_op, versie) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         RETURNING id",
    )
    .bind(r.dossier_id)
    .bind(r.volgnummer)
    .bind(tijd::datum_tekst(r.maand))
    .bind(tijd::datum_tekst(r.uiterlijk))
    .bind(r.besluit.code())
    .bind(r.bijstand_centen.centen())
    .bind(r.bedrag_centen.centen())
    .bind(&r.reden)
    .bind(&r.uitleg)
    .bind(r.status.code())
    .bind(r.betaald_run_id)
    .bind(r.uitkering_id)
    .bind(r.vastgelegd_door)
    .bind(tijd::instant_tekst(r.vastgelegd_op))
    .bind(tijd::instant_tekst(r.gewijzigd_op))
    .bind(r.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn bijwerken(c: &mut AnyConnection, r: &VoorschotRij) -> Uitkomst<bool> {
    let uit = sqlx::query(
        "UPDATE voorschotten SET status = $1, uitkering_id = $2, gewijzigd_op = $3, \
         vakantietoeslag_centen = $4, versie = versie + 1 WHERE id = $5 AND versie = $6",
    )
    .bind(r.status.code())
    .bind(r.uitkering_id)
    .bind(tijd::instant_tekst(r.gewijzigd_op))
    .bind(r.vakantietoeslag_centen.centen())
    .bind(r.id)
    .bind(r.versie)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(uit.rows_affected() == 1)
}

/// Hoeveel voorschotten in run `run_id` intussen niet meer te betalen zijn (door een andere run
/// betaald, verrekend of vervallen): dan mag de run niet worden goedgekeurd. Op PostgreSQL
/// vergrendelt dit de voorschotten tot de goedkeuring is vastgelegd: een toekenning die ze
/// tegelijk verrekent, wacht en ziet daarna dat ze betaald zijn (of het goedkeuren wacht op de
/// toekenning en ziet dat ze vervallen zijn). SQLite heeft één schrijver.
pub(crate) async fn niet_meer_te_betalen_in_run(
    c: &mut AnyConnection,
    engine: crate::Engine,
    run_id: i64,
) -> Uitkomst<i64> {
    let vergrendel = if engine == crate::Engine::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let statussen: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT status FROM voorschotten WHERE id IN (SELECT voorschot_id FROM betaalregels \
         WHERE run_id = $1 AND categorie = 'voorschot'){vergrendel}"
    ))
    .bind(run_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    Ok(statussen
        .iter()
        .filter(|s| s.as_str() != Status::TeBetalen.code())
        .count() as i64)
}

/// Bij het goedkeuren van run `run_id`: de voorschotten die zij betaalt, staan als betaald; een
/// vastgehouden voorschot blijft te betalen.
pub(crate) async fn betaald_door_run(
    c: &mut AnyConnection,
    run_id: i64,
    tijdstip: &str,
) -> Uitkomst<()> {
    sqlx::query(&format!(
        "UPDATE voorschotten SET status = '{}', betaald_run_id = $1, gewijzigd_op = $2, \
         versie = versie + 1 WHERE status = '{}' AND id IN \
         (SELECT voorschot_id FROM betaalregels WHERE run_id = $1 AND categorie = 'voorschot')",
        Status::Betaald.code(),
        Status::TeBetalen.code()
    ))
    .bind(run_id)
    .bind(tijdstip)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}
