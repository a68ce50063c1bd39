//! De audittrail (migratie 0002 e.v.): records in een hash-keten met een kop die een transactie
//! pas bij haar commit vergrendelt (zie [`crate::auditketen`]). Draagbare SQL voor beide engines.

use async_trait::async_trait;
use vangnet_domain::audit::{AuditGegevens, GeketendRecord};

use vangnet_app::opslag::{AuditFilter, Audittrail, AudittrailLezen, Uitkomst};

use crate::auditketen::AUDIT_KOLOMMEN;
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
    // Als tekst gebonden (zoals elke filterwaarde), dus als getal gelezen.
    v.voeg_toe(
        "volgnummer < CAST($? AS BIGINT)",
        f.voor_volgnummer.map(|n| n.to_string()),
    );
    v
}

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
