//! De rij van een betaalrun bijwerken en vasthouden, zijn regels in delen verwijderen, en de ids
//! van betaalruns voor vragen die regels per uitkering of dossier over runs heen lezen.

use sqlx::AnyConnection;
use vangnet_app::opslag::{BetaalrunRij, Uitkomst};
use vangnet_domain::tijd;

use crate::sql::vertaal;

/// De ids van alle runs, of (met `definitief_vanaf`) van de goedgekeurde runs vanaf die maand.
/// Het zijn er weinig (twaalf per jaar): vragen over regels per uitkering of dossier noemen ze
/// letterlijk, zodat de index met de run vooraan wordt gebruikt.
pub(crate) async fn run_ids(
    c: &mut AnyConnection,
    definitief_vanaf: Option<&str>,
) -> Uitkomst<Vec<i64>> {
    let q = match definitief_vanaf {
        None => sqlx::query_scalar::<_, i64>("SELECT id FROM betaalruns"),
        Some(vanaf) => sqlx::query_scalar::<_, i64>(
            "SELECT id FROM betaalruns \
             WHERE status IN ('goedgekeurd', 'geexporteerd') AND maand >= $1",
        )
        .bind(vanaf),
    };
    q.fetch_all(c).await.map_err(vertaal)
}

pub(crate) async fn run_bijwerken(c: &mut AnyConnection, r: &BetaalrunRij) -> Uitkomst<bool> {
    let uit = sqlx::query(
        "UPDATE betaalruns SET status = $1, berekend_op = $2, goedgekeurd_door = $3, \
         goedgekeurd_op = $4, geexporteerd_op = $5, aantal_betalingen = $6, totaal_centen = $7, \
         versie = $8 WHERE id = $9 AND versie = $10",
    )
    .bind(r.status.code())
    .bind(r.berekend_op.map(tijd::instant_tekst))
    .bind(r.goedgekeurd_door)
    .bind(r.goedgekeurd_op.map(tijd::instant_tekst))
    .bind(r.geexporteerd_op.map(tijd::instant_tekst))
    .bind(r.aantal_betalingen)
    .bind(r.totaal_centen.centen())
    .bind(r.versie)
    .bind(r.id)
    .bind(r.versie - 1)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(uit.rows_affected() == 1)
}

pub(crate) async fn regels_verwijderen(
    c: &mut AnyConnection,
    run_id: i64,
    hooguit: u64,
) -> Uitkomst<u64> {
    let uit = sqlx::query(
        "DELETE FROM betaalregels WHERE id IN \
         (SELECT id FROM betaalregels WHERE run_id = $1 LIMIT $2)",
    )
    .bind(run_id)
    .bind(i64::try_from(hooguit).unwrap_or(i64::MAX))
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(uit.rows_affected())
}

/// Zie `Betaalruns::betaalrun_vasthouden`: een voorwaardelijke update die niets verandert, maar op
/// PostgreSQL de rij tot de commit vastzet.
pub(crate) async fn run_vasthouden(c: &mut AnyConnection, id: i64, versie: i64) -> Uitkomst<bool> {
    let uit = sqlx::query(
        "UPDATE betaalruns SET versie = versie WHERE id = $1 AND versie = $2 AND status = $3",
    )
    .bind(id)
    .bind(versie)
    .bind(vangnet_domain::betaalrun::Runstatus::Concept.code())
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(uit.rows_affected() == 1)
}
