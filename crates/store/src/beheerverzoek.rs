//! Beheerverzoeken (migratie 0016): wat een functioneel beheerder vraagt en een tweede beoordeelt.
//! Soort en status gaan als code de database in en komen er als domeinwaarde uit; een onbekende
//! code is een fout, geen standaardwaarde.

use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use vangnet_app::opslag::{BeheerverzoekRij, OpslagFout, Uitkomst};
use vangnet_domain::beheerverzoek::{Verzoeksoort, Verzoekstatus};

use crate::transactie::{getal, opgetal, optekst, tekst, vertaal};

const KOLOMMEN: &str = "id, soort, gebruiker_id, inhoud, reden, aangevraagd_door, aangevraagd_op, \
                        status, beoordeeld_door, beoordeeld_op, afwijsreden, versie";

fn uit_rij(r: &AnyRow) -> Uitkomst<BeheerverzoekRij> {
    let soort = tekst(r, "soort")?;
    let status = tekst(r, "status")?;
    Ok(BeheerverzoekRij {
        id: getal(r, "id")?,
        soort: Verzoeksoort::uit_code(&soort)
            .ok_or_else(|| OpslagFout::Database(format!("onbekende verzoeksoort '{soort}'")))?,
        gebruiker_id: getal(r, "gebruiker_id")?,
        inhoud: tekst(r, "inhoud")?,
        reden: tekst(r, "reden")?,
        aangevraagd_door: getal(r, "aangevraagd_door")?,
        aangevraagd_op: tekst(r, "aangevraagd_op")?,
        status: Verzoekstatus::uit_code(&status)
            .ok_or_else(|| OpslagFout::Database(format!("onbekende verzoekstatus '{status}'")))?,
        beoordeeld_door: opgetal(r, "beoordeeld_door")?,
        beoordeeld_op: optekst(r, "beoordeeld_op")?,
        afwijsreden: optekst(r, "afwijsreden")?,
        versie: getal(r, "versie")?,
    })
}

pub(crate) async fn invoegen(c: &mut AnyConnection, r: &BeheerverzoekRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO beheerverzoeken (soort, gebruiker_id, inhoud, reden, aangevraagd_door, \
         aangevraagd_op, status, versie) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(r.soort.code())
    .bind(r.gebruiker_id)
    .bind(&r.inhoud)
    .bind(&r.reden)
    .bind(r.aangevraagd_door)
    .bind(&r.aangevraagd_op)
    .bind(r.status.code())
    .bind(r.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn op_id(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<BeheerverzoekRij>> {
    sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM beheerverzoeken WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?
    .as_ref()
    .map(uit_rij)
    .transpose()
}

pub(crate) async fn open(c: &mut AnyConnection) -> Uitkomst<Vec<BeheerverzoekRij>> {
    sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM beheerverzoeken WHERE status = 'open' ORDER BY id"
    ))
    .fetch_all(c)
    .await
    .map_err(vertaal)?
    .iter()
    .map(uit_rij)
    .collect()
}

pub(crate) async fn bijwerken(c: &mut AnyConnection, r: &BeheerverzoekRij) -> Uitkomst<bool> {
    let n = sqlx::query(
        "UPDATE beheerverzoeken SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, \
         afwijsreden = $4, versie = $5 WHERE id = $6 AND versie = $7",
    )
    .bind(r.status.code())
    .bind(r.beoordeeld_door)
    .bind(&r.beoordeeld_op)
    .bind(&r.afwijsreden)
    .bind(r.versie)
    .bind(r.id)
    .bind(r.versie - 1)
    .execute(c)
    .await
    .map_err(vertaal)?
    .rows_affected();
    Ok(n == 1)
}
