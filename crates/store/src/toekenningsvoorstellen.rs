//! Toekenningen die op vier ogen wachten (issue 21 punt 2). Draagbare SQL.

use sqlx::AnyConnection;
use vangnet_app::opslag::{ToekenningsvoorstelRij, Uitkomst};
use vangnet_domain::beheerverzoek::Verzoekstatus;
use vangnet_domain::tijd;

use crate::sql::{
    code, datum, getal, in_tabel, opgetal, optekst, optijdstip, tekst, tijdstip, vertaal, Rij,
};

const KOLOMMEN: &str = "id, dossier_id, begindatum, inhoud, bijzondere_reden, nabetaling_centen, \
                        voorgesteld_door, voorgesteld_op, status, beoordeeld_door, beoordeeld_op, \
                        afwijsreden, versie";

fn rij(r: &impl Rij) -> Uitkomst<ToekenningsvoorstelRij> {
    Ok(ToekenningsvoorstelRij {
        id: getal(r, "id")?,
        dossier_id: getal(r, "dossier_id")?,
        begindatum: datum(r, "begindatum")?,
        inhoud: tekst(r, "inhoud")?,
        bijzondere_reden: tekst(r, "bijzondere_reden")?,
        nabetaling_centen: getal(r, "nabetaling_centen")?,
        voorgesteld_door: getal(r, "voorgesteld_door")?,
        voorgesteld_op: tijdstip(r, "voorgesteld_op")?,
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
) -> Uitkomst<Option<ToekenningsvoorstelRij>> {
    let r = sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM toekenningsvoorstellen WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?;
    r.as_ref()
        .map(rij)
        .transpose()
        .map_err(|e| in_tabel("toekenningsvoorstellen", e))
}

pub(crate) async fn van_dossier(
    c: &mut AnyConnection,
    dossier_id: i64,
) -> Uitkomst<Vec<ToekenningsvoorstelRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {KOLOMMEN} FROM toekenningsvoorstellen WHERE dossier_id = $1 ORDER BY id"
    ))
    .bind(dossier_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(rij)
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("toekenningsvoorstellen", e))
}

pub(crate) async fn invoegen(c: &mut AnyConnection, r: &ToekenningsvoorstelRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO toekenningsvoorstellen (dossier_id, begindatum, inhoud, bijzondere_reden, \
         nabetaling_centen, voorgesteld_door, voorgesteld_op, status, versie) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(r.dossier_id)
    .bind(tijd::datum_tekst(r.begindatum))
    .bind(&r.inhoud)
    .bind(&r.bijzondere_reden)
    .bind(r.nabetaling_centen)
    .bind(r.voorgesteld_door)
    .bind(tijd::instant_tekst(r.voorgesteld_op))
    .bind(r.status.code())
    .bind(r.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn bijwerken(c: &mut AnyConnection, r: &ToekenningsvoorstelRij) -> Uitkomst<bool> {
    let uit = sqlx::query(
        "UPDATE toekenningsvoorstellen SET status = $1, beoordeeld_door = $2, beoordeeld_op = $3, \
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
