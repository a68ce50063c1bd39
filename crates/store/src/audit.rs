//! De audittrail (migratie 0002 e.v.): records in een hash-keten met een kop die een transactie
//! pas bij haar commit vergrendelt ([`records_ketenen`]). Draagbare SQL voor beide engines.

use async_trait::async_trait;
use vangnet_domain::audit::{AuditGegevens, GeketendRecord, Ketensleutel};

use vangnet_app::opslag::{AuditFilter, Audittrail, AudittrailLezen, Uitkomst};

use crate::sql::{bevat, getal, opgetal, optekst, tekst, vertaal, Rij, Voorwaarden};
use crate::transactie::AnyTransactie;

pub(crate) fn audit_voorwaarden(f: &AuditFilter) -> Voorwaarden {
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
    v.een_van(("onderwerp_type", "onderwerp_id"), &f.onderwerpen);
    v.voeg_toe(
        "tijdstip >= $?",
        f.van.map(vangnet_domain::tijd::instant_tekst),
    );
    v.voeg_toe(
        "tijdstip < $?",
        f.tot.map(vangnet_domain::tijd::instant_tekst),
    );
    v
}

pub(crate) const AUDIT_KOLOMMEN: &str =
    "volgnummer, tijdstip, operatie_id, actor_id, actor, actie, \
     onderwerp_type, onderwerp_id, samenvatting, voor, na, reden, vorige_hash, hash";

pub(crate) fn audit_uit_rij(r: &impl Rij) -> Uitkomst<GeketendRecord> {
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

#[async_trait]
impl AudittrailLezen for AnyTransactie {
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
}

#[async_trait]
impl Audittrail for AnyTransactie {
    async fn audit_opnemen(&mut self, gegevens: AuditGegevens) -> Uitkomst<()> {
        self.audit.push(gegevens);
        Ok(())
    }
}

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
