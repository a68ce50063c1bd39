//! Verzoeken om een nieuwe bankrekening (vier ogen, issue 21 punt 4). Draagbare SQL.

use sqlx::AnyConnection;
use vangnet_app::opslag::{RekeningwijzigingRij, Uitkomst};
use vangnet_domain::beheerverzoek::Verzoekstatus;
use vangnet_domain::tijd;

use crate::sql::{
    code, datum, getal, in_tabel, opgetal, optekst, optijdstip, tekst, tijdstip, vertaal, Rij,
};

const KOLOMMEN: &str =
    "id, persoon_id, iban, tenaamstelling, vanaf, reden, brief_adres, aangevraagd_door, \
     aangevraagd_op, status, beoordeeld_door, beoordeeld_op, afwijsreden, versie";

fn rij(r: &impl Rij) -> Uitkomst<RekeningwijzigingRij> {
    Ok(RekeningwijzigingRij {
        id: getal(r, "id")?,
        persoon_id: getal(r, "persoon_id")?,
        iban: tekst(r, "iban")?,
        tenaamstelling: tekst(r, "tenaamstelling")?,
        vanaf: datum(r, "vanaf")?,
        reden: tekst(r, "reden")?,
        brief_adres: tekst(r, "brief_adres")?,
        aangevraagd_door: getal(r, "aangevraagd_door")?,
        aangevraagd_op: tijdstip(r, "aangevraagd_op")?,
        status: code(r, "status", Verzoekstatus::uit_code)?,
        beoordeeld_door: opgetal(r, "beoordeeld_door")?,
        beoordeeld_op: optijdstip(r, "beoordeeld_op")?,
        afwijsreden: optekst(r, "afwijsreden")?,
        versie: getal(r, "versie")?,
    })
}

pub(crate) async fn op_id(
    c: &mut AnyConnection,
    id: i64,
) -> Uitkomst<Option<RekeningwijzigingRij>> {
    let r = sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM rekeningwijzigingen WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?;
    r.as_ref()
        .map(rij)
        .transpose()
        .map_err(|e| in_tabel("rekeningwijzigingen", e))
}

pub(crate) async fn lijst(
    c: &mut AnyConnection,
    persoon_id: Option<i64>,
) -> Uitkomst<Vec<RekeningwijzigingRij>> {
    let rijen = match persoon_id {
        Some(p) => {
            sqlx::query(&format!(
                "SELECT {KOLOMMEN} FROM rekeningwijzigingen WHERE persoon_id = $1 ORDER BY id"
            ))
            .bind(p)
            .fetch_all(c)
            .await
        }
        None => {
            sqlx::query(&format!(
                "SELECT {KOLOMMEN} FROM rekeningwijzigingen WHERE status = $1 ORDER BY id"
            ))
            .bind(Verzoekstatus::Open.code())
            .fetch_all(c)
            .await
        }
    }
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(rij)
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("rekeningwijzigingen", e))
}

pub(crate) async fn invoegen(c: &mut AnyConnection, r: &RekeningwijzigingRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO rekeningwijzigingen (persoon_id, iban, tenaamstelling, vanaf, reden, \
         brief_adres, aangevraagd_door, aangevraagd_op, status, versie) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(r.persoon_id)
    .bind(&r.iban)
    .bind(&r.tenaamstelling)
    .bind(tijd::datum_tekst(r.vanaf))
    .bind(&r.reden)
    .bind(&r.brief_adres)
    .bind(r.aangevraagd_door)
    .bind(tijd::instant_tekst(r.aangevraagd_op))
    .bind(r.status.code())
    .bind(r.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn bijwerken(c: &mut AnyConnection, r: &RekeningwijzigingRij) -> Uitkomst<bool> {
    let uit = sqlx::query(
        "UPDATE rekeningwijzigingen SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, \
         afwijsreden = $4, versie = versie + 1 WHERE id = $5 AND versie = $6",
    )
    .bind(r.status.code())
    .bind(r.beoordeeld_door)
    .bind(r.beoordeeld_op.map(tijd::instant_tekst))
    .bind(r.afwijsreden.clone())
    .bind(r.id)
    .bind(r.versie)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(uit.rows_affected() == 1)
}
