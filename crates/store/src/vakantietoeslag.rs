//! De vakantietoeslag in goedgekeurde runs (voor de betaalrun): wat betaald is sinds een maand,
//! en wat vastgehouden werd en daarna niet over dezelfde maand betaald. Draagbare SQL.

use chrono::NaiveDate;
use sqlx::AnyConnection;
use vangnet_app::opslag::{Uitkomst, Vakantietoeslagstand};
use vangnet_domain::betaalrun::Categorie;
use vangnet_domain::tijd;

use crate::runs::run_ids;
use crate::sql::{binden, datum, getal, getallen, in_lijst, in_tabel, lijst, vertaal};

/// (uitkering, maand) van de regels van `categorie` (en, bij vastgehouden, wat zij anders was)
/// in de runs `runs`, eventueel alleen van de uitkeringen `ids`.
async fn regels(
    c: &mut AnyConnection,
    engine: crate::Engine,
    runs: &[i64],
    vastgehouden: bool,
    ids: Option<&[i64]>,
) -> Uitkomst<Vec<(i64, NaiveDate)>> {
    if runs.is_empty() || ids.is_some_and(<[i64]>::is_empty) {
        return Ok(Vec::new());
    }
    let filter = if vastgehouden {
        format!(
            "categorie = '{}' AND anders = '{}'",
            Categorie::Vastgehouden.code(),
            Categorie::Vakantietoeslag.code()
        )
    } else {
        format!("categorie = '{}'", Categorie::Vakantietoeslag.code())
    };
    let (extra, binds) = match ids {
        Some(ids) => {
            let (v, b) = in_lijst(engine, "uitkering_id", getallen(ids), runs.len() + 1, false)?;
            (format!(" AND {v}"), b)
        }
        None => (String::new(), Vec::new()),
    };
    let sql = format!(
        "SELECT uitkering_id, maand FROM betaalregels WHERE run_id IN ({}) AND {filter}{extra}",
        lijst(engine, runs.len(), 1)
    );
    let rijen = binden(binden(sqlx::query(&sql), getallen(runs)), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    let mut uit = Vec::with_capacity(rijen.len());
    for r in &rijen {
        uit.push((
            getal(r, "uitkering_id")?,
            datum(r, "maand").map_err(|e| in_tabel("betaalregels", e))?,
        ));
    }
    uit.sort_unstable();
    uit.dedup();
    Ok(uit)
}

/// Zie `BetaalrunsLezen::vakantietoeslag_in_runs`.
pub(crate) async fn in_runs(
    c: &mut AnyConnection,
    engine: crate::Engine,
    vanaf: NaiveDate,
) -> Uitkomst<Vakantietoeslagstand> {
    let recent = run_ids(c, Some(&tijd::datum_tekst(vanaf))).await?;
    let betaald = regels(c, engine, &recent, false, None).await?;
    let alle = run_ids(c, Some("0000-01-01")).await?;
    let vastgehouden = regels(c, engine, &alle, true, None).await?;
    let ids: Vec<i64> = {
        let mut v: Vec<i64> = vastgehouden.iter().map(|(u, _)| *u).collect();
        v.dedup();
        v
    };
    let betaald_van_vastgehouden = regels(c, engine, &alle, false, Some(&ids)).await?;
    let vastgehouden = vastgehouden
        .into_iter()
        .filter(|p| betaald_van_vastgehouden.binary_search(p).is_err())
        .collect();
    Ok(Vakantietoeslagstand {
        betaald,
        vastgehouden,
        betaald_van_vastgehouden,
    })
}
