//! De inrichting van de werkverdeling en wat de verdeling leest: servicenormen,
//! postcodegebieden, afwezigheid, uitsluiting, caseload en zaaktypegewichten, en de meldingen aan
//! medewerkers. De poort is die van het aggregaat werk (`impl … for AnyTransactie` in
//! [`crate::werk`]); hier staat alleen de SQL. Draagbare SQL voor beide engines.

use sqlx::AnyConnection;

use vangnet_app::opslag::{
    AfwezigheidRij, GelijkgesteldeDagRij, MeldingRij, PostcodegebiedRij, ServicenormRij, Uitkomst,
    UitsluitingRij,
};

use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::tijd;
use vangnet_domain::werk::{Eenheid, Taaksoort};

use crate::sql::{
    binden, code, datum, getal, getallen, in_lijst, in_tabel, opgetal, optijdstip, tekst, tijdstip,
    vertaal,
};

pub(crate) async fn servicenormen(c: &mut AnyConnection) -> Uitkomst<Vec<ServicenormRij>> {
    let rijen = sqlx::query(
        "SELECT soort, eenheid, aantal, waarschuwen_werkdagen, gewijzigd_op \
         FROM servicenormen ORDER BY soort",
    )
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(ServicenormRij {
                soort: code(r, "soort", Taaksoort::uit_code)?,
                eenheid: code(r, "eenheid", Eenheid::uit_code)?,
                aantal: getal(r, "aantal")?,
                waarschuwen_werkdagen: getal(r, "waarschuwen_werkdagen")?,
                gewijzigd_op: tijdstip(r, "gewijzigd_op")?,
            })
        })
        .collect()
}

pub(crate) async fn gelijkgestelde_dagen(
    c: &mut AnyConnection,
) -> Uitkomst<Vec<GelijkgesteldeDagRij>> {
    let rijen = sqlx::query(
        "SELECT datum, omschrijving, bron, gewijzigd_op, gewijzigd_door \
         FROM gelijkgestelde_dagen ORDER BY datum",
    )
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(GelijkgesteldeDagRij {
                datum: datum(r, "datum")?,
                omschrijving: tekst(r, "omschrijving")?,
                bron: tekst(r, "bron")?,
                gewijzigd_op: tijdstip(r, "gewijzigd_op")?,
                gewijzigd_door: tekst(r, "gewijzigd_door")?,
            })
        })
        .collect()
}

pub(crate) async fn gelijkgestelde_dag_zetten(
    c: &mut AnyConnection,
    r: &GelijkgesteldeDagRij,
) -> Uitkomst<()> {
    sqlx::query(
        "INSERT INTO gelijkgestelde_dagen (datum, omschrijving, bron, gewijzigd_op, gewijzigd_door) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (datum) DO UPDATE SET \
         omschrijving = excluded.omschrijving, bron = excluded.bron, \
         gewijzigd_op = excluded.gewijzigd_op, gewijzigd_door = excluded.gewijzigd_door",
    )
    .bind(tijd::datum_tekst(r.datum))
    .bind(&r.omschrijving)
    .bind(&r.bron)
    .bind(tijd::instant_tekst(r.gewijzigd_op))
    .bind(&r.gewijzigd_door)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}

pub(crate) async fn gelijkgestelde_dag_verwijderen(
    c: &mut AnyConnection,
    dag: NaiveDate,
) -> Uitkomst<bool> {
    let r = sqlx::query("DELETE FROM gelijkgestelde_dagen WHERE datum = $1")
        .bind(tijd::datum_tekst(dag))
        .execute(c)
        .await
        .map_err(vertaal)?;
    Ok(r.rows_affected() > 0)
}

pub(crate) async fn servicenorm_zetten(c: &mut AnyConnection, r: &ServicenormRij) -> Uitkomst<()> {
    sqlx::query(
        "INSERT INTO servicenormen (soort, eenheid, aantal, waarschuwen_werkdagen, gewijzigd_op) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (soort) DO UPDATE SET eenheid = excluded.eenheid, \
         aantal = excluded.aantal, waarschuwen_werkdagen = excluded.waarschuwen_werkdagen, \
         gewijzigd_op = excluded.gewijzigd_op",
    )
    .bind(r.soort.code())
    .bind(r.eenheid.code())
    .bind(r.aantal)
    .bind(r.waarschuwen_werkdagen)
    .bind(tijd::instant_tekst(r.gewijzigd_op))
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}

pub(crate) async fn postcodegebieden(c: &mut AnyConnection) -> Uitkomst<Vec<PostcodegebiedRij>> {
    let rijen = sqlx::query(
        "SELECT p.id, p.van, p.tot_en_met, p.team_id, t.naam AS team FROM postcodegebieden p \
         JOIN teams t ON t.id = p.team_id ORDER BY p.van",
    )
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(PostcodegebiedRij {
                id: getal(r, "id")?,
                van: getal(r, "van")?,
                tot_en_met: getal(r, "tot_en_met")?,
                team_id: getal(r, "team_id")?,
                team: tekst(r, "team")?,
            })
        })
        .collect()
}

pub(crate) async fn postcodegebieden_vervangen(
    c: &mut AnyConnection,
    rijen: &[PostcodegebiedRij],
) -> Uitkomst<()> {
    sqlx::query("DELETE FROM postcodegebieden")
        .execute(&mut *c)
        .await
        .map_err(vertaal)?;
    for r in rijen {
        sqlx::query("INSERT INTO postcodegebieden (van, tot_en_met, team_id) VALUES ($1, $2, $3)")
            .bind(r.van)
            .bind(r.tot_en_met)
            .bind(r.team_id)
            .execute(&mut *c)
            .await
            .map_err(vertaal)?;
    }
    Ok(())
}

pub(crate) async fn afwezigheid_invoegen(
    c: &mut AnyConnection,
    r: &AfwezigheidRij,
) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO afwezigheden (gebruiker_id, van, tot_en_met, reden, aangemaakt_op) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(r.gebruiker_id)
    .bind(tijd::datum_tekst(r.van))
    .bind(tijd::datum_tekst(r.tot_en_met))
    .bind(&r.reden)
    .bind(tijd::instant_tekst(r.aangemaakt_op))
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn afwezigheden_vanaf(
    c: &mut AnyConnection,
    vanaf: NaiveDate,
) -> Uitkomst<Vec<AfwezigheidRij>> {
    let rijen = sqlx::query(
        "SELECT id, gebruiker_id, van, tot_en_met, reden, aangemaakt_op FROM afwezigheden \
         WHERE tot_en_met >= $1 ORDER BY van, id",
    )
    .bind(tijd::datum_tekst(vanaf))
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(AfwezigheidRij {
                id: getal(r, "id")?,
                gebruiker_id: getal(r, "gebruiker_id")?,
                van: datum(r, "van")?,
                tot_en_met: datum(r, "tot_en_met")?,
                reden: tekst(r, "reden")?,
                aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
            })
        })
        .collect()
}

pub(crate) async fn uitsluiting_invoegen(
    c: &mut AnyConnection,
    r: &UitsluitingRij,
) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO uitsluitingen (gebruiker_id, persoon_id, reden, aangemaakt_op) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(r.gebruiker_id)
    .bind(r.persoon_id)
    .bind(&r.reden)
    .bind(tijd::instant_tekst(r.aangemaakt_op))
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn uitsluitingen_van_personen(
    c: &mut AnyConnection,
    engine: crate::Engine,
    ids: &[i64],
) -> Uitkomst<Vec<UitsluitingRij>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (voorwaarde, binds) = in_lijst(engine, "persoon_id", getallen(ids), 1, false)?;
    let sql = format!(
        "SELECT id, gebruiker_id, persoon_id, reden, aangemaakt_op FROM uitsluitingen \
         WHERE {voorwaarde} ORDER BY id"
    );
    let rijen = binden(sqlx::query(&sql), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(UitsluitingRij {
                id: getal(r, "id")?,
                gebruiker_id: getal(r, "gebruiker_id")?,
                persoon_id: getal(r, "persoon_id")?,
                reden: tekst(r, "reden")?,
                aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
            })
        })
        .collect()
}

pub(crate) async fn caseloads(
    c: &mut AnyConnection,
    engine: crate::Engine,
    ids: &[i64],
) -> Uitkomst<Vec<(i64, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (voorwaarde, binds) = in_lijst(engine, "d.consulent_id", getallen(ids), 1, false)?;
    let sql = format!(
        "SELECT d.consulent_id AS gebruiker_id, CAST(SUM(COALESCE(g.gewicht, 100)) AS BIGINT) AS belasting \
         FROM dossiers d LEFT JOIN zaaktypegewichten g ON g.zaaktype = d.zaaktype \
         WHERE {voorwaarde} \
         AND d.status NOT IN ('ingetrokken', 'buiten_behandeling', 'afgesloten') \
         GROUP BY d.consulent_id"
    );
    let rijen = binden(sqlx::query(&sql), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| Ok((getal(r, "gebruiker_id")?, getal(r, "belasting")?)))
        .collect()
}

pub(crate) async fn zaaktypegewichten(c: &mut AnyConnection) -> Uitkomst<Vec<(String, i64)>> {
    let rijen = sqlx::query("SELECT zaaktype, gewicht FROM zaaktypegewichten ORDER BY zaaktype")
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| Ok((tekst(r, "zaaktype")?, getal(r, "gewicht")?)))
        .collect()
}

pub(crate) async fn zaaktypegewicht_zetten(
    c: &mut AnyConnection,
    zaaktype: &str,
    gewicht: i64,
) -> Uitkomst<()> {
    sqlx::query(
        "INSERT INTO zaaktypegewichten (zaaktype, gewicht) VALUES ($1, $2) \
         ON CONFLICT (zaaktype) DO UPDATE SET gewicht = excluded.gewicht",
    )
    .bind(zaaktype)
    .bind(gewicht)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}

pub(crate) async fn melding_invoegen(c: &mut AnyConnection, r: &MeldingRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO meldingen (gebruiker_id, tijdstip, tekst, taak_id, gelezen_op) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(r.gebruiker_id)
    .bind(tijd::instant_tekst(r.tijdstip))
    .bind(&r.tekst)
    .bind(r.taak_id)
    .bind(r.gelezen_op.map(tijd::instant_tekst))
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn meldingen_van(
    c: &mut AnyConnection,
    gebruiker_id: i64,
    limiet: i64,
) -> Uitkomst<Vec<MeldingRij>> {
    let rijen = sqlx::query(
        "SELECT id, gebruiker_id, tijdstip, tekst, taak_id, gelezen_op FROM meldingen \
         WHERE gebruiker_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(gebruiker_id)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(MeldingRij {
                id: getal(r, "id")?,
                gebruiker_id: getal(r, "gebruiker_id")?,
                tijdstip: tijdstip(r, "tijdstip")?,
                tekst: tekst(r, "tekst")?,
                taak_id: opgetal(r, "taak_id")?,
                gelezen_op: optijdstip(r, "gelezen_op")?,
            })
        })
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("meldingen", e))
}

pub(crate) async fn melding_gelezen(
    c: &mut AnyConnection,
    id: i64,
    gebruiker_id: i64,
    tijdstip: DateTime<Utc>,
) -> Uitkomst<bool> {
    let r = sqlx::query(
        "UPDATE meldingen SET gelezen_op = $1 WHERE id = $2 AND gebruiker_id = $3 \
         AND gelezen_op IS NULL",
    )
    .bind(tijd::instant_tekst(tijdstip))
    .bind(id)
    .bind(gebruiker_id)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(r.rows_affected() == 1)
}
