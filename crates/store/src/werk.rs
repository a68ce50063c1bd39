//! De opslag van de werkvoorraad (issue 5): taken, hun gebeurtenissen, servicenormen,
//! postcodegebieden, afwezigheid, uitsluiting, caseload en meldingen. Draagbare SQL voor beide
//! engines; de functies hieronder dragen de poort van de app voor dit aggregaat (`impl … for AnyTransactie` onderaan).

use async_trait::async_trait;
use sqlx::AnyConnection;

use vangnet_app::opslag::{
    AfwezigheidRij, Installatie, MeldingRij, PostcodegebiedRij, ServicenormRij, TaakRij,
    TaakgebeurtenisRij, Uitkomst, UitsluitingRij, Waarde, Werk, WerkLezen,
};

use crate::transactie::AnyTransactie;
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::tijd;
use vangnet_domain::werk::{Eenheid, Taaksoort, Taakstatus};

use crate::sql::{
    binden, code, datum, getal, getallen, in_lijst, in_tabel, opgetal, optijdstip, tekst, tijdstip,
    vertaal, Rij,
};

const TAAK_KOLOMMEN: &str = "id, soort, omschrijving, dossier_id, persoon_id, aangemaakt_op, \
     begindatum, deadline, risico_vanaf, wettelijk, waarschuwen_werkdagen, team_id, gebruiker_id, status, \
     prioriteit, te_laat_gemeld, gereed_op, versie";

fn taak(r: &impl Rij) -> Uitkomst<TaakRij> {
    taak_velden(r).map_err(|e| in_tabel("taken", e))
}

fn taak_velden(r: &impl Rij) -> Uitkomst<TaakRij> {
    Ok(TaakRij {
        id: getal(r, "id")?,
        soort: code(r, "soort", Taaksoort::uit_code)?,
        omschrijving: tekst(r, "omschrijving")?,
        dossier_id: opgetal(r, "dossier_id")?,
        persoon_id: opgetal(r, "persoon_id")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
        begindatum: datum(r, "begindatum")?,
        deadline: datum(r, "deadline")?,
        risico_vanaf: datum(r, "risico_vanaf")?,
        wettelijk: getal(r, "wettelijk")? != 0,
        waarschuwen_werkdagen: getal(r, "waarschuwen_werkdagen")?,
        team_id: opgetal(r, "team_id")?,
        gebruiker_id: opgetal(r, "gebruiker_id")?,
        status: code(r, "status", Taakstatus::uit_code)?,
        prioriteit: getal(r, "prioriteit")?,
        te_laat_gemeld: getal(r, "te_laat_gemeld")? != 0,
        gereed_op: optijdstip(r, "gereed_op")?,
        versie: getal(r, "versie")?,
    })
}

/// De kolommen van een taak bij bulkinvoer, op de volgorde van [`taakwaarden`].
const TAAKKOLOMMEN: &[&str] = &[
    "id",
    "soort",
    "omschrijving",
    "dossier_id",
    "persoon_id",
    "aangemaakt_op",
    "begindatum",
    "deadline",
    "risico_vanaf",
    "wettelijk",
    "waarschuwen_werkdagen",
    "team_id",
    "gebruiker_id",
    "status",
    "prioriteit",
    "te_laat_gemeld",
    "gereed_op",
    "versie",
];

fn taakwaarden(t: &TaakRij) -> Vec<Waarde> {
    let getal = |g: Option<i64>| g.map_or(Waarde::GeenGetal, Waarde::Getal);
    vec![
        Waarde::Getal(t.id),
        Waarde::Tekst(t.soort.code().into()),
        Waarde::Tekst(t.omschrijving.clone()),
        getal(t.dossier_id),
        getal(t.persoon_id),
        Waarde::Tekst(tijd::instant_tekst(t.aangemaakt_op)),
        Waarde::Tekst(tijd::datum_tekst(t.begindatum)),
        Waarde::Tekst(tijd::datum_tekst(t.deadline)),
        Waarde::Tekst(tijd::datum_tekst(t.risico_vanaf)),
        Waarde::Getal(i64::from(t.wettelijk)),
        Waarde::Getal(t.waarschuwen_werkdagen),
        getal(t.team_id),
        getal(t.gebruiker_id),
        Waarde::Tekst(t.status.code().into()),
        Waarde::Getal(t.prioriteit),
        Waarde::Getal(i64::from(t.te_laat_gemeld)),
        t.gereed_op
            .map_or(Waarde::GeenTekst, |m| Waarde::Tekst(tijd::instant_tekst(m))),
        Waarde::Getal(t.versie),
    ]
}

fn taakgebeurteniswaarden(g: &TaakgebeurtenisRij) -> Vec<Waarde> {
    vec![
        Waarde::Getal(g.taak_id),
        Waarde::Tekst(tijd::instant_tekst(g.tijdstip)),
        Waarde::Tekst(g.actor.clone()),
        Waarde::Tekst(g.soort.clone()),
        Waarde::Tekst(g.omschrijving.clone()),
        Waarde::Tekst(g.operatie_id.clone()),
    ]
}

pub(crate) async fn taak_invoegen(c: &mut AnyConnection, t: &TaakRij) -> Uitkomst<i64> {
    let r = sqlx::query(
        "INSERT INTO taken (soort, omschrijving, dossier_id, persoon_id, aangemaakt_op, \
         begindatum, deadline, risico_vanaf, wettelijk, waarschuwen_werkdagen, team_id, \
         gebruiker_id, status, prioriteit, te_laat_gemeld, gereed_op, versie) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(t.soort.code())
    .bind(&t.omschrijving)
    .bind(t.dossier_id)
    .bind(t.persoon_id)
    .bind(tijd::instant_tekst(t.aangemaakt_op))
    .bind(tijd::datum_tekst(t.begindatum))
    .bind(tijd::datum_tekst(t.deadline))
    .bind(tijd::datum_tekst(t.risico_vanaf))
    .bind(i64::from(t.wettelijk))
    .bind(t.waarschuwen_werkdagen)
    .bind(t.team_id)
    .bind(t.gebruiker_id)
    .bind(t.status.code())
    .bind(t.prioriteit)
    .bind(i64::from(t.te_laat_gemeld))
    .bind(t.gereed_op.map(tijd::instant_tekst))
    .bind(t.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "id")
}

pub(crate) async fn taak_op_id(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<TaakRij>> {
    let r = sqlx::query(&format!("SELECT {TAAK_KOLOMMEN} FROM taken WHERE id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await
        .map_err(vertaal)?;
    r.as_ref().map(taak).transpose()
}

pub(crate) async fn taak_bijwerken(c: &mut AnyConnection, t: &TaakRij) -> Uitkomst<bool> {
    let r = sqlx::query(
        "UPDATE taken SET omschrijving = $1, deadline = $2, risico_vanaf = $3, team_id = $4, \
         gebruiker_id = $5, status = $6, prioriteit = $7, te_laat_gemeld = $8, gereed_op = $9, \
         versie = $10 WHERE id = $11 AND versie = $12",
    )
    .bind(&t.omschrijving)
    .bind(tijd::datum_tekst(t.deadline))
    .bind(tijd::datum_tekst(t.risico_vanaf))
    .bind(t.team_id)
    .bind(t.gebruiker_id)
    .bind(t.status.code())
    .bind(t.prioriteit)
    .bind(i64::from(t.te_laat_gemeld))
    .bind(t.gereed_op.map(tijd::instant_tekst))
    .bind(t.versie)
    .bind(t.id)
    .bind(t.versie - 1)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(r.rows_affected() == 1)
}

/// De groep van een open taak in "Vandaag" op de datum in parameter `$n` (zie
/// `vangnet_domain::werk::volgorde`).
fn groep(n: usize) -> String {
    format!(
        "CASE WHEN deadline < ${n} THEN 0 WHEN deadline = ${n} THEN 1 \
         WHEN risico_vanaf <= ${n} THEN 2 WHEN wettelijk = 1 THEN 3 ELSE 4 END"
    )
}

pub(crate) async fn vandaag_taken(
    c: &mut AnyConnection,
    gebruiker_id: i64,
    datum: &str,
    soort: Option<&str>,
    limiet: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let soortfilter = if soort.is_some() {
        "AND soort = $4"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE gebruiker_id = $1 AND status <> 'gereed' \
         {soortfilter} ORDER BY {}, deadline, prioriteit DESC, id LIMIT $3",
        groep(2)
    );
    let mut q = sqlx::query(&sql)
        .bind(gebruiker_id)
        .bind(datum)
        .bind(limiet);
    if let Some(s) = soort {
        q = q.bind(s);
    }
    let rijen = q.fetch_all(c).await.map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn vandaag_tellingen(
    c: &mut AnyConnection,
    gebruiker_id: i64,
    datum: &str,
) -> Uitkomst<Vec<(String, i64, i64)>> {
    let sql = format!(
        "SELECT soort, {} AS groep, COUNT(*) AS n FROM taken \
         WHERE gebruiker_id = $1 AND status <> 'gereed' GROUP BY 1, 2",
        groep(2)
    );
    let rijen = sqlx::query(&sql)
        .bind(gebruiker_id)
        .bind(datum)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| Ok((tekst(r, "soort")?, getal(r, "groep")?, getal(r, "n")?)))
        .collect()
}

pub(crate) async fn open_taken_van(
    c: &mut AnyConnection,
    gebruiker_id: Option<i64>,
    team_id: Option<i64>,
    limiet: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let (waar, id) = match (gebruiker_id, team_id) {
        (Some(g), _) => ("gebruiker_id = $1", g),
        (None, Some(t)) => ("team_id = $1 AND gebruiker_id IS NULL", t),
        (None, None) => return Ok(Vec::new()),
    };
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE {waar} AND status <> 'gereed' \
         ORDER BY deadline, id LIMIT $2"
    ))
    .bind(id)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn taken_van_dossier(
    c: &mut AnyConnection,
    dossier_id: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE dossier_id = $1 ORDER BY id"
    ))
    .bind(dossier_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn aantal_zonder_eigenaar(c: &mut AnyConnection, team_id: i64) -> Uitkomst<i64> {
    let r = sqlx::query(
        "SELECT COUNT(*) AS n FROM taken WHERE team_id = $1 AND gebruiker_id IS NULL \
         AND status <> 'gereed'",
    )
    .bind(team_id)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "n")
}

pub(crate) async fn teamwerk_tellingen(
    c: &mut AnyConnection,
    team_id: i64,
    datum: &str,
) -> Uitkomst<Vec<(Option<i64>, String, i64, i64)>> {
    let sql = format!(
        "SELECT gebruiker_id, soort, {} AS groep, COUNT(*) AS n FROM taken \
         WHERE team_id = $1 AND status <> 'gereed' GROUP BY 1, 2, 3",
        groep(2)
    );
    let rijen = sqlx::query(&sql)
        .bind(team_id)
        .bind(datum)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok((
                opgetal(r, "gebruiker_id")?,
                tekst(r, "soort")?,
                getal(r, "groep")?,
                getal(r, "n")?,
            ))
        })
        .collect()
}

pub(crate) async fn team_risico(
    c: &mut AnyConnection,
    team_id: i64,
    datum: &str,
    limiet: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE team_id = $1 AND status <> 'gereed' \
         AND deadline >= $2 AND risico_vanaf <= $2 ORDER BY deadline, id LIMIT $3"
    ))
    .bind(team_id)
    .bind(datum)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn team_gereed_sinds(
    c: &mut AnyConnection,
    team_id: i64,
    sinds: &str,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE team_id = $1 AND status = 'gereed' \
         AND gereed_op >= $2 ORDER BY id"
    ))
    .bind(team_id)
    .bind(sinds)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn taken_te_laat_ongemeld(
    c: &mut AnyConnection,
    datum: &str,
    limiet: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE te_laat_gemeld = 0 AND deadline < $1 \
         AND status <> 'gereed' ORDER BY deadline, id LIMIT $2"
    ))
    .bind(datum)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn taakgebeurtenis_toevoegen(
    c: &mut AnyConnection,
    g: &TaakgebeurtenisRij,
) -> Uitkomst<()> {
    sqlx::query(
        "INSERT INTO taakgebeurtenissen (taak_id, tijdstip, actor, soort, omschrijving, \
         operatie_id) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(g.taak_id)
    .bind(tijd::instant_tekst(g.tijdstip))
    .bind(&g.actor)
    .bind(&g.soort)
    .bind(&g.omschrijving)
    .bind(&g.operatie_id)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(())
}

pub(crate) async fn taakgebeurtenissen_van(
    c: &mut AnyConnection,
    taak_id: i64,
) -> Uitkomst<Vec<TaakgebeurtenisRij>> {
    let rijen = sqlx::query(
        "SELECT id, taak_id, tijdstip, actor, soort, omschrijving, operatie_id \
         FROM taakgebeurtenissen WHERE taak_id = $1 ORDER BY id",
    )
    .bind(taak_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(TaakgebeurtenisRij {
                id: getal(r, "id")?,
                taak_id: getal(r, "taak_id")?,
                tijdstip: tijdstip(r, "tijdstip")?,
                actor: tekst(r, "actor")?,
                soort: tekst(r, "soort")?,
                omschrijving: tekst(r, "omschrijving")?,
                operatie_id: tekst(r, "operatie_id")?,
            })
        })
        .collect()
}

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

#[async_trait]
impl WerkLezen for AnyTransactie {
    async fn taak_op_id(&mut self, id: i64) -> Uitkomst<Option<TaakRij>> {
        taak_op_id(self.conn(), id).await
    }

    async fn open_taken_van(
        &mut self,
        gebruiker_id: Option<i64>,
        team_id: Option<i64>,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        open_taken_van(self.conn(), gebruiker_id, team_id, limiet).await
    }

    async fn taken_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<TaakRij>> {
        taken_van_dossier(self.conn(), dossier_id).await
    }

    async fn vandaag_taken(
        &mut self,
        gebruiker_id: i64,
        datum: &str,
        soort: Option<&str>,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        vandaag_taken(self.conn(), gebruiker_id, datum, soort, limiet).await
    }

    async fn vandaag_tellingen(
        &mut self,
        gebruiker_id: i64,
        datum: &str,
    ) -> Uitkomst<Vec<(String, i64, i64)>> {
        vandaag_tellingen(self.conn(), gebruiker_id, datum).await
    }

    async fn aantal_zonder_eigenaar(&mut self, team_id: i64) -> Uitkomst<i64> {
        aantal_zonder_eigenaar(self.conn(), team_id).await
    }

    async fn teamwerk_tellingen(
        &mut self,
        team_id: i64,
        datum: &str,
    ) -> Uitkomst<Vec<(Option<i64>, String, i64, i64)>> {
        teamwerk_tellingen(self.conn(), team_id, datum).await
    }

    async fn team_risico(
        &mut self,
        team_id: i64,
        datum: &str,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        team_risico(self.conn(), team_id, datum, limiet).await
    }

    async fn team_gereed_sinds(&mut self, team_id: i64, sinds: &str) -> Uitkomst<Vec<TaakRij>> {
        team_gereed_sinds(self.conn(), team_id, sinds).await
    }

    async fn taken_te_laat_ongemeld(&mut self, datum: &str, limiet: i64) -> Uitkomst<Vec<TaakRij>> {
        taken_te_laat_ongemeld(self.conn(), datum, limiet).await
    }

    async fn taakgebeurtenissen_van(&mut self, taak_id: i64) -> Uitkomst<Vec<TaakgebeurtenisRij>> {
        taakgebeurtenissen_van(self.conn(), taak_id).await
    }

    async fn servicenormen(&mut self) -> Uitkomst<Vec<ServicenormRij>> {
        servicenormen(self.conn()).await
    }

    async fn postcodegebieden(&mut self) -> Uitkomst<Vec<PostcodegebiedRij>> {
        postcodegebieden(self.conn()).await
    }

    async fn afwezigheden_vanaf(&mut self, datum: NaiveDate) -> Uitkomst<Vec<AfwezigheidRij>> {
        afwezigheden_vanaf(self.conn(), datum).await
    }

    async fn uitsluitingen_van_personen(&mut self, ids: &[i64]) -> Uitkomst<Vec<UitsluitingRij>> {
        let engine = self.engine;
        uitsluitingen_van_personen(self.conn(), engine, ids).await
    }

    async fn caseloads(&mut self, gebruiker_ids: &[i64]) -> Uitkomst<Vec<(i64, i64)>> {
        let engine = self.engine;
        caseloads(self.conn(), engine, gebruiker_ids).await
    }

    async fn zaaktypegewichten(&mut self) -> Uitkomst<Vec<(String, i64)>> {
        zaaktypegewichten(self.conn()).await
    }

    async fn meldingen_van(&mut self, gebruiker_id: i64, limiet: i64) -> Uitkomst<Vec<MeldingRij>> {
        meldingen_van(self.conn(), gebruiker_id, limiet).await
    }
}

#[async_trait]
impl Werk for AnyTransactie {
    async fn taken_invoegen(
        &mut self,
        taken: &[TaakRij],
        gebeurtenissen: &[TaakgebeurtenisRij],
    ) -> Uitkomst<()> {
        let rijen: Vec<Vec<Waarde>> = taken.iter().map(taakwaarden).collect();
        self.bulk_invoegen("taken", TAAKKOLOMMEN, &rijen).await?;
        let rijen: Vec<Vec<Waarde>> = gebeurtenissen.iter().map(taakgebeurteniswaarden).collect();
        self.bulk_invoegen(
            "taakgebeurtenissen",
            &[
                "taak_id",
                "tijdstip",
                "actor",
                "soort",
                "omschrijving",
                "operatie_id",
            ],
            &rijen,
        )
        .await?;
        Ok(())
    }

    async fn taak_invoegen(&mut self, t: &TaakRij) -> Uitkomst<i64> {
        taak_invoegen(self.conn(), t).await
    }

    async fn taak_bijwerken(&mut self, t: &TaakRij) -> Uitkomst<bool> {
        taak_bijwerken(self.conn(), t).await
    }

    async fn taakgebeurtenis_toevoegen(&mut self, g: &TaakgebeurtenisRij) -> Uitkomst<()> {
        taakgebeurtenis_toevoegen(self.conn(), g).await
    }

    async fn servicenorm_zetten(&mut self, r: &ServicenormRij) -> Uitkomst<()> {
        servicenorm_zetten(self.conn(), r).await
    }

    async fn postcodegebieden_vervangen(&mut self, rijen: &[PostcodegebiedRij]) -> Uitkomst<()> {
        postcodegebieden_vervangen(self.conn(), rijen).await
    }

    async fn afwezigheid_invoegen(&mut self, r: &AfwezigheidRij) -> Uitkomst<i64> {
        afwezigheid_invoegen(self.conn(), r).await
    }

    async fn uitsluiting_invoegen(&mut self, r: &UitsluitingRij) -> Uitkomst<i64> {
        uitsluiting_invoegen(self.conn(), r).await
    }

    async fn zaaktypegewicht_zetten(&mut self, zaaktype: &str, gewicht: i64) -> Uitkomst<()> {
        zaaktypegewicht_zetten(self.conn(), zaaktype, gewicht).await
    }

    async fn melding_invoegen(&mut self, r: &MeldingRij) -> Uitkomst<i64> {
        melding_invoegen(self.conn(), r).await
    }

    async fn melding_gelezen(
        &mut self,
        id: i64,
        gebruiker_id: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<bool> {
        melding_gelezen(self.conn(), id, gebruiker_id, tijdstip).await
    }
}
