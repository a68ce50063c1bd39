//! De auditketen bij de commit: de records die een transactie opnam (`Audittrail::audit_opnemen`)
//! krijgen hier, vlak vóór de commit, hun volgnummer en hun hash. Apart van [`crate::audit`] (dat
//! de transactie nodig heeft), zodat de commit van de transactie het kan aanroepen.

use vangnet_app::opslag::Uitkomst;
use vangnet_domain::audit::{AuditGegevens, GeketendRecord, Ketensleutel};

use crate::sql::{getal, tekst, vertaal};

pub(crate) const AUDIT_KOLOMMEN: &str =
    "volgnummer, tijdstip, operatie_id, actor_id, actor, actie, \
     onderwerp_type, onderwerp_id, samenvatting, voor, na, reden, vorige_hash, hash";

/// Zet de records van een transactie vlak vóór haar commit in de keten: de kop een keer
/// vergrendeld en met hun aantal opgehoogd, dan elk record met zijn volgnummer en de hash van het
/// vorige, en de kop op de laatste hash.
pub(crate) async fn records_ketenen(
    c: &mut sqlx::AnyConnection,
    records: Vec<AuditGegevens>,
    sleutel: Option<&Ketensleutel>,
) -> Uitkomst<()> {
    if records.is_empty() {
        return Ok(());
    }
    let aantal = i64::try_from(records.len()).unwrap_or(i64::MAX);
    let kop = sqlx::query(
        "UPDATE audit_kop SET volgnummer = volgnummer + $1 WHERE id = 1 \
         RETURNING volgnummer, laatste_hash",
    )
    .bind(aantal)
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let mut volgnummer = getal(&kop, "volgnummer")? - aantal;
    let mut vorige = tekst(&kop, "laatste_hash")?;
    for mut g in records {
        volgnummer += 1;
        g.volgnummer = volgnummer;
        let hash = g.hash(&vorige, sleutel);
        record_invoegen(
            c,
            &GeketendRecord {
                gegevens: g,
                vorige_hash: vorige,
                hash: hash.clone(),
            },
        )
        .await?;
        vorige = hash;
    }
    sqlx::query("UPDATE audit_kop SET laatste_hash = $1 WHERE id = 1")
        .bind(&vorige)
        .execute(c)
        .await
        .map_err(vertaal)?;
    Ok(())
}

async fn record_invoegen(c: &mut sqlx::AnyConnection, r: &GeketendRecord) -> Uitkomst<()> {
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
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}
