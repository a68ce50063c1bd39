//! De ids van betaalruns, voor vragen die regels per uitkering of dossier over runs heen lezen.

use sqlx::AnyConnection;
use vangnet_app::opslag::Uitkomst;

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
