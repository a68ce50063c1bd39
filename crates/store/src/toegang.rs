//! Het schrijven van het toegangslog (migratie 0013): de vaste gegevens van een verwerking één
//! keer in `toegangsverwerkingen`, per betrokkene een regel in `toegangsregels` die ernaar
//! verwijst. Lezen gaat via de view `toegangslog` (één betrokkene per regel). Draagbare SQL voor
//! beide engines; `transactie.rs` roept deze functies aan vanuit `impl Transactie`.

use sqlx::AnyConnection;
use vangnet_app::opslag::{OpslagFout, ToegangRij, Uitkomst, Verwerking};

use crate::betaalrun::BETALINGEN;
use crate::transactie::{getal, vertaal};

/// Legt de vaste gegevens van `t` vast als nieuwe verwerking (de betrokkene van `t` telt niet).
pub(crate) async fn verwerking_vastleggen(
    c: &mut AnyConnection,
    t: &ToegangRij,
) -> Uitkomst<Verwerking> {
    let r = sqlx::query(
        "INSERT INTO toegangsverwerkingen (trace_id, span_id, tijdstip, gebruiker_id, gebruiker, \
         verwerkingsactiviteit, betrokkene_type, omschrijving) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&t.trace_id)
    .bind(&t.span_id)
    .bind(&t.tijdstip)
    .bind(t.gebruiker_id)
    .bind(&t.gebruiker)
    .bind(&t.verwerkingsactiviteit)
    .bind(&t.betrokkene_type)
    .bind(&t.omschrijving)
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let maand = t
        .tijdstip
        .get(0..7)
        .ok_or_else(|| OpslagFout::Database("toegangslog: tijdstip zonder maand".into()))?;
    Ok(Verwerking {
        id: getal(&r, "id")?,
        maand: maand.to_owned(),
    })
}

/// Eén regel per persoon in `ids` bij verwerking `v`, in één statement.
pub(crate) async fn toegang_voor_personen(
    c: &mut AnyConnection,
    engine: crate::Engine,
    v: &Verwerking,
    ids: &[i64],
) -> Uitkomst<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // De ids als één JSON-array; de database pakt ze zelf uit.
    let lijst = serde_json::to_string(ids).map_err(|e| OpslagFout::Database(e.to_string()))?;
    let personen = match engine {
        crate::Engine::Sqlite => "SELECT CAST(value AS TEXT) AS persoon FROM json_each($3)",
        crate::Engine::Postgres => {
            "SELECT value AS persoon FROM json_array_elements_text(CAST($3 AS json))"
        }
    };
    sqlx::query(&format!(
        "INSERT INTO toegangsregels (verwerking_id, maand, betrokkene_id) \
         SELECT $1, $2, persoon FROM ({personen}) AS p"
    ))
    .bind(v.id)
    .bind(&v.maand)
    .bind(lijst)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}

/// Eén verwerking (zoals `t`) met een regel per dossier in run `run_id`; `alleen_betalingen`:
/// alleen de dossiers in het betaalbestand; `regels`: alleen de regels met een id in dit bereik
/// (grenzen inbegrepen).
pub(crate) async fn toegang_voor_run(
    c: &mut AnyConnection,
    run_id: i64,
    alleen_betalingen: bool,
    regels: Option<(i64, i64)>,
    t: &ToegangRij,
) -> Uitkomst<()> {
    let v = verwerking_vastleggen(c, t).await?;
    let mut filter = if alleen_betalingen {
        format!(" AND {BETALINGEN}")
    } else {
        String::new()
    };
    if regels.is_some() {
        filter.push_str(" AND id BETWEEN $4 AND $5");
    }
    let sql = format!(
        "INSERT INTO toegangsregels (verwerking_id, maand, betrokkene_id) \
         SELECT $1, $2, CAST(dossier_id AS TEXT) \
         FROM (SELECT DISTINCT dossier_id FROM betaalregels WHERE run_id = $3{filter}) AS d"
    );
    let mut q = sqlx::query(&sql).bind(v.id).bind(&v.maand).bind(run_id);
    if let Some((van, tot)) = regels {
        q = q.bind(van).bind(tot);
    }
    q.execute(c).await.map_err(vertaal)?;
    Ok(())
}
