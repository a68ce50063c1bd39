//! Geladen normtabellen: alleen toevoegen, de nieuwste geldt. Draagbare SQL voor beide engines.

use async_trait::async_trait;
use sqlx::Row;

use vangnet_app::opslag::{Normen, NormenLezen, NormensetRij, Uitkomst};

use crate::sql::{getal, tekst, vertaal, Rij};
use crate::transactie::AnyTransactie;

pub(crate) fn normenset_uit_rij(r: &impl Rij) -> Uitkomst<NormensetRij> {
    Ok(NormensetRij {
        id: getal(r, "id")?,
        geladen_op: crate::sql::tijdstip(r, "geladen_op")?,
        geladen_door: tekst(r, "geladen_door")?,
        bestandsnaam: tekst(r, "bestandsnaam")?,
        sha256: tekst(r, "sha256")?,
        inhoud: tekst(r, "inhoud")?,
        operatie_id: tekst(r, "operatie_id")?,
    })
}

#[async_trait]
impl NormenLezen for AnyTransactie {
    async fn normenset_nieuwste(&mut self) -> Uitkomst<Option<NormensetRij>> {
        let r = sqlx::query(
            "SELECT id, geladen_op, geladen_door, bestandsnaam, sha256, inhoud, operatie_id \
             FROM normensets ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(normenset_uit_rij).transpose()
    }

    async fn normenset_nieuwste_id(&mut self) -> Uitkomst<Option<i64>> {
        let r = sqlx::query("SELECT MAX(id) AS id FROM normensets")
            .fetch_one(self.conn())
            .await
            .map_err(vertaal)?;
        r.try_get::<Option<i64>, _>("id").map_err(vertaal)
    }

    async fn normensets(&mut self) -> Uitkomst<Vec<NormensetRij>> {
        let rijen = sqlx::query(
            "SELECT id, geladen_op, geladen_door, bestandsnaam, sha256, '' AS inhoud, operatie_id \
             FROM normensets ORDER BY id DESC",
        )
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen.iter().map(normenset_uit_rij).collect()
    }
}

#[async_trait]
impl Normen for AnyTransactie {
    async fn normenset_invoegen(&mut self, r: &NormensetRij) -> Uitkomst<i64> {
        let rij = sqlx::query(
            "INSERT INTO normensets \
             (geladen_op, geladen_door, bestandsnaam, sha256, inhoud, operatie_id) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(vangnet_domain::tijd::instant_tekst(r.geladen_op))
        .bind(&r.geladen_door)
        .bind(&r.bestandsnaam)
        .bind(&r.sha256)
        .bind(&r.inhoud)
        .bind(&r.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }
}
