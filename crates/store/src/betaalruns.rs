//! De opslag van betaalruns, betaalregels en vorderingen (issue 7). Draagbare SQL voor beide
//! engines; de functies hieronder dragen de poort van de app voor dit aggregaat (`impl … for AnyTransactie` onderaan). De verwerking na
//! goedkeuring gaat in drie set-gebaseerde statements, hoe groot de run ook is.

use async_trait::async_trait;
use sqlx::AnyConnection;

use vangnet_app::opslag::{
    BetaalregelRij, BetaalregelVoorTaak, BetaalrunRij, Betaalruns, BetaalrunsLezen, BetalingRij,
    Categorietotaal, NieuweBetaalregel, OpslagFout, Runverschil, Uitkomst, Vakantietoeslagstand,
    Vasthouding, VorderingRij,
};

use crate::installatie::{Bulkrij, Waarde};
use crate::runs::run_ids;
use crate::transactie::AnyTransactie;
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::betaalrun::{Categorie, Runstatus, Vorderingstatus};
use vangnet_domain::tijd;

use crate::sql::{
    binden, code, datum, getal, getallen, in_lijst, in_tabel, json_als, json_select, lijst,
    namen_van, onleesbaar, opgetal, optekst, optijdstip, tekst, tijdstip, vertaal, Binding, Rij,
};

const RUN_KOLOMMEN: &str = "id, maand, betaaldatum, status, gestart_door, gestart_op, \
     berekend_op, goedgekeurd_door, goedgekeurd_op, geexporteerd_op, aantal_betalingen, \
     totaal_centen, versie, tussentijds";

/// De regels met hun uitleg (zonder uitleg: een lege lijst); in WHERE en ORDER BY heet de regel `r`.
const REGELS_MET_UITLEG: &str = "SELECT r.id, r.run_id, r.uitkering_id, r.dossier_id, \
     r.dossiernummer, r.categorie, r.maand, r.bedrag_centen, r.correctie_id, r.reden, r.iban, \
     r.naam, r.omschrijving, r.kenmerk, COALESCE(u.inhoud, '[]') AS uitleg \
     FROM betaalregels r LEFT JOIN uitleggen u ON u.id = r.uitleg_id";

/// Wat naar de bank gaat: de drie betaalde categorieën, alleen positieve bedragen.
pub(crate) const BETALINGEN: &str =
    "categorie IN ('regulier', 'nabetaling', 'vakantietoeslag', 'voorschot') AND bedrag_centen > 0";

/// Zonder id: de database kent het toe.
impl Bulkrij for NieuweBetaalregel {
    const TABEL: &'static str = "betaalregels";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "run_id", "uitkering_id", "dossier_id", "dossiernummer", "categorie", "maand",
        "bedrag_centen", "correctie_id", "reden", "iban", "naam", "omschrijving", "kenmerk",
        "uitleg_id", "anders", "voorschot_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.run_id),
            Waarde::opgetal(self.uitkering_id),
            Waarde::Getal(self.dossier_id),
            Waarde::Tekst(self.dossiernummer),
            Waarde::Tekst(self.categorie.code().into()),
            Waarde::datum(self.maand),
            Waarde::Getal(self.bedrag_centen.centen()),
            Waarde::opgetal(self.correctie_id),
            Waarde::optekst(self.reden.as_ref().map(Vasthouding::code)),
            Waarde::optekst(self.iban),
            Waarde::Tekst(self.naam),
            Waarde::Tekst(self.omschrijving),
            Waarde::Tekst(self.kenmerk),
            Waarde::opgetal(self.uitleg_id),
            Waarde::optekst(self.anders.map(|c| c.code().to_owned())),
            Waarde::opgetal(self.voorschot_id),
        ])
    }
}

fn run(r: &impl Rij) -> Uitkomst<BetaalrunRij> {
    run_velden(r).map_err(|e| in_tabel("betaalruns", e))
}

fn run_velden(r: &impl Rij) -> Uitkomst<BetaalrunRij> {
    Ok(BetaalrunRij {
        id: getal(r, "id")?,
        maand: datum(r, "maand")?,
        betaaldatum: datum(r, "betaaldatum")?,
        status: code(r, "status", Runstatus::uit_code)?,
        gestart_door: getal(r, "gestart_door")?,
        gestart_op: tijdstip(r, "gestart_op")?,
        berekend_op: optijdstip(r, "berekend_op")?,
        goedgekeurd_door: opgetal(r, "goedgekeurd_door")?,
        goedgekeurd_op: optijdstip(r, "goedgekeurd_op")?,
        geexporteerd_op: optijdstip(r, "geexporteerd_op")?,
        aantal_betalingen: getal(r, "aantal_betalingen")?,
        totaal_centen: getal(r, "totaal_centen")?.into(),
        versie: getal(r, "versie")?,
        tussentijds: getal(r, "tussentijds")? != 0,
    })
}

fn regel(r: &impl Rij) -> Uitkomst<BetaalregelRij> {
    regel_velden(r).map_err(|e| in_tabel("betaalregels", e))
}

fn regel_velden(r: &impl Rij) -> Uitkomst<BetaalregelRij> {
    Ok(BetaalregelRij {
        id: getal(r, "id")?,
        run_id: getal(r, "run_id")?,
        uitkering_id: opgetal(r, "uitkering_id")?,
        dossier_id: getal(r, "dossier_id")?,
        dossiernummer: tekst(r, "dossiernummer")?,
        categorie: code(r, "categorie", Categorie::uit_code)?,
        maand: datum(r, "maand")?,
        bedrag_centen: getal(r, "bedrag_centen")?.into(),
        correctie_id: opgetal(r, "correctie_id")?,
        reden: optekst(r, "reden")?
            .map(|t| Vasthouding::uit_code(&t).ok_or_else(|| onleesbaar("reden", &t)))
            .transpose()?,
        iban: optekst(r, "iban")?,
        naam: tekst(r, "naam")?,
        omschrijving: tekst(r, "omschrijving")?,
        kenmerk: tekst(r, "kenmerk")?,
        uitleg: tekst(r, "uitleg")?,
    })
}

pub(crate) async fn run_invoegen(c: &mut AnyConnection, r: &BetaalrunRij) -> Uitkomst<i64> {
    let rij = sqlx::query(
        "INSERT INTO betaalruns (maand, betaaldatum, status, gestart_door, gestart_op, \
         berekend_op, goedgekeurd_door, goedgekeurd_op, geexporteerd_op, aantal_betalingen, \
         totaal_centen, versie, tussentijds) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(tijd::datum_tekst(r.maand))
    .bind(tijd::datum_tekst(r.betaaldatum))
    .bind(r.status.code())
    .bind(r.gestart_door)
    .bind(tijd::instant_tekst(r.gestart_op))
    .bind(r.berekend_op.map(tijd::instant_tekst))
    .bind(r.goedgekeurd_door)
    .bind(r.goedgekeurd_op.map(tijd::instant_tekst))
    .bind(r.geexporteerd_op.map(tijd::instant_tekst))
    .bind(r.aantal_betalingen)
    .bind(r.totaal_centen.centen())
    .bind(r.versie)
    .bind(i64::from(r.tussentijds))
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&rij, "id")
}

pub(crate) async fn run_op_id(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<BetaalrunRij>> {
    let r = sqlx::query(&format!(
        "SELECT {RUN_KOLOMMEN} FROM betaalruns WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await
    .map_err(vertaal)?;
    r.as_ref().map(run).transpose()
}

pub(crate) async fn runs(c: &mut AnyConnection, limiet: i64) -> Uitkomst<Vec<BetaalrunRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {RUN_KOLOMMEN} FROM betaalruns ORDER BY maand DESC, id DESC LIMIT $1"
    ))
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(run).collect()
}

pub(crate) async fn runs_van_maand(
    c: &mut AnyConnection,
    maand: NaiveDate,
) -> Uitkomst<Vec<BetaalrunRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {RUN_KOLOMMEN} FROM betaalruns WHERE maand = $1 ORDER BY id"
    ))
    .bind(tijd::datum_tekst(maand))
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(run).collect()
}

pub(crate) async fn regels(
    c: &mut AnyConnection,
    run_id: i64,
    na_id: i64,
    limiet: i64,
    alleen_betalingen: bool,
) -> Uitkomst<Vec<BetaalregelRij>> {
    let filter = if alleen_betalingen {
        format!(" AND {BETALINGEN}")
    } else {
        String::new()
    };
    let rijen = sqlx::query(&format!(
        "{REGELS_MET_UITLEG} WHERE r.run_id = $1 AND r.id > $2{filter} ORDER BY r.id LIMIT $3"
    ))
    .bind(run_id)
    .bind(na_id)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(regel).collect()
}

pub(crate) async fn betalingen(
    c: &mut AnyConnection,
    engine: crate::Engine,
    run_id: i64,
    na_id: i64,
    limiet: i64,
) -> Uitkomst<(Vec<BetalingRij>, Option<i64>)> {
    // Op volgorde van id over de index (run_id, id) en pas hier gefilterd: met het filter in de
    // WHERE koos PostgreSQL per pagina een sortering van de hele run. De pagina komt als één
    // JSON-tekst (zie `waar_in`).
    let namen = namen_van("id, categorie, bedrag_centen, naam, iban, omschrijving, kenmerk");
    let sql = json_select(
        engine,
        &namen,
        &format!(
            "SELECT {} FROM betaalregels WHERE run_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            namen.join(", ")
        ),
    );
    type Rij = (i64, String, i64, String, Option<String>, String, String);
    let mut rijen: Vec<Rij> = json_als(c, &sql, &[run_id, na_id, limiet]).await?;
    rijen.sort_unstable_by_key(|r| r.0);
    let laatste = rijen.last().map(|r| r.0);
    let mut uit = Vec::with_capacity(rijen.len());
    for (id, categorie, bedrag_centen, naam, iban, omschrijving, kenmerk) in rijen {
        let categorie = Categorie::uit_code(&categorie)
            .ok_or_else(|| crate::sql::onleesbaar("betaalregels.categorie", &categorie))?;
        if !categorie.wordt_betaald() || bedrag_centen <= 0 {
            continue;
        }
        // Een betaling zonder rekening mag niet stil een lege IBAN in het bestand worden.
        let iban = iban.ok_or_else(|| {
            OpslagFout::Database(format!("betaalregels.iban: leeg bij betaling {id}"))
        })?;
        uit.push(BetalingRij {
            id,
            bedrag_centen: bedrag_centen.into(),
            naam,
            iban,
            omschrijving,
            kenmerk,
        });
    }
    Ok((uit, laatste))
}

pub(crate) async fn regels_van_dossier(
    c: &mut AnyConnection,
    engine: crate::Engine,
    dossier_id: i64,
) -> Uitkomst<Vec<BetaalregelRij>> {
    // De runs letterlijk (het zijn er weinig): dan is het de index (run_id, dossier_id).
    let runs = run_ids(c, None).await?;
    if runs.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{REGELS_MET_UITLEG} WHERE r.run_id IN ({}) AND r.dossier_id = {} \
         ORDER BY r.run_id DESC, r.id",
        lijst(engine, runs.len(), 1),
        lijst(engine, 1, runs.len() + 1)
    );
    let mut q = sqlx::query(&sql);
    for id in runs.iter().chain([&dossier_id]) {
        q = q.bind(*id);
    }
    let rijen = q.fetch_all(c).await.map_err(vertaal)?;
    rijen.iter().map(regel).collect()
}

pub(crate) async fn regels_van_categorie(
    c: &mut AnyConnection,
    run_id: i64,
    categorie: Categorie,
    limiet: i64,
) -> Uitkomst<Vec<BetaalregelRij>> {
    let rijen = sqlx::query(&format!(
        "{REGELS_MET_UITLEG} WHERE r.run_id = $1 AND r.categorie = $2 ORDER BY r.id LIMIT $3"
    ))
    .bind(run_id)
    .bind(categorie.code())
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(regel).collect()
}

pub(crate) async fn regels_voor_taken(
    c: &mut AnyConnection,
    engine: crate::Engine,
    run_id: i64,
) -> Uitkomst<Vec<BetaalregelVoorTaak>> {
    let namen = namen_van("id, dossier_id, dossiernummer, categorie, reden");
    let sql = json_select(
        engine,
        &namen,
        &format!(
            "SELECT {} FROM betaalregels WHERE run_id = $1 \
             AND categorie IN ('vordering', 'vastgehouden')",
            namen.join(", ")
        ),
    );
    type Rij = (i64, i64, String, String, Option<String>);
    let mut rijen: Vec<Rij> = json_als(c, &sql, &[run_id]).await?;
    rijen.sort_unstable_by_key(|r| r.0);
    rijen
        .into_iter()
        .map(|r| {
            Ok(BetaalregelVoorTaak {
                dossier_id: r.1,
                dossiernummer: r.2,
                categorie: Categorie::uit_code(&r.3)
                    .ok_or_else(|| crate::sql::onleesbaar("betaalregels.categorie", &r.3))?,
                reden: r
                    .4
                    .map(|t| {
                        Vasthouding::uit_code(&t)
                            .ok_or_else(|| crate::sql::onleesbaar("betaalregels.reden", &t))
                    })
                    .transpose()?,
            })
        })
        .collect()
}

pub(crate) async fn totalen(c: &mut AnyConnection, run_id: i64) -> Uitkomst<Vec<Categorietotaal>> {
    let rijen = sqlx::query(
        "SELECT categorie, COUNT(*) AS aantal, CAST(COALESCE(SUM(bedrag_centen), 0) AS BIGINT) AS som \
         FROM betaalregels WHERE run_id = $1 GROUP BY categorie ORDER BY categorie",
    )
    .bind(run_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(Categorietotaal {
                categorie: code(r, "categorie", Categorie::uit_code)?,
                aantal: getal(r, "aantal")?,
                som_centen: getal(r, "som")?.into(),
            })
        })
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("betaalregels", e))
}

pub(crate) async fn verschillen(
    c: &mut AnyConnection,
    run_id: i64,
    vorige: i64,
    limiet: i64,
) -> Uitkomst<Vec<Runverschil>> {
    // Per uitkering opgeteld: een verdeelde betaling heeft twee reguliere regels.
    let rijen = sqlx::query(
        "WITH n AS (SELECT uitkering_id, MIN(dossier_id) AS dossier_id, \
         MIN(dossiernummer) AS dossiernummer, CAST(SUM(bedrag_centen) AS BIGINT) AS bedrag \
         FROM betaalregels WHERE run_id = $1 AND categorie = 'regulier' GROUP BY uitkering_id), \
         v AS (SELECT uitkering_id, CAST(SUM(bedrag_centen) AS BIGINT) AS bedrag \
         FROM betaalregels WHERE run_id = $2 AND categorie = 'regulier' GROUP BY uitkering_id) \
         SELECT n.dossiernummer, n.dossier_id, CAST(COALESCE(v.bedrag, 0) AS BIGINT) AS vorig, \
         n.bedrag AS nu FROM n LEFT JOIN v ON v.uitkering_id = n.uitkering_id \
         WHERE n.bedrag <> COALESCE(v.bedrag, 0) \
         ORDER BY ABS(n.bedrag - COALESCE(v.bedrag, 0)) DESC, n.dossier_id LIMIT $3",
    )
    .bind(run_id)
    .bind(vorige)
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(Runverschil {
                dossiernummer: tekst(r, "dossiernummer")?,
                dossier_id: getal(r, "dossier_id")?,
                vorig_centen: getal(r, "vorig")?.into(),
                nu_centen: getal(r, "nu")?.into(),
            })
        })
        .collect()
}

/// Zie `Betaalruns::betaalrun_al_betaald`. De maanden via de sleutel (maand, uitkering_id), de
/// correcties via hun id.
pub(crate) async fn al_betaald(
    c: &mut AnyConnection,
    engine: crate::Engine,
    run_id: i64,
) -> Uitkomst<i64> {
    if engine == crate::Engine::Postgres {
        // Eén sleutel voor het verwerken van elke run: wie als tweede komt, wacht tot de eerste
        // is vastgelegd en ziet dan wat die betaalde.
        sqlx::query("SELECT pg_advisory_xact_lock(2020042)")
            .execute(&mut *c)
            .await
            .map_err(vertaal)?;
    }
    let maanden = sqlx::query(
        "SELECT COUNT(*) AS n FROM betaalregels r JOIN maandbedragen m \
         ON m.maand = r.maand AND m.uitkering_id = r.uitkering_id \
         WHERE r.run_id = $1 AND m.betaald_centen IS NOT NULL \
         AND (r.categorie = 'regulier' OR (r.categorie = 'nabetaling' AND r.correctie_id IS NULL))",
    )
    .bind(run_id)
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let correcties = sqlx::query(
        "SELECT COUNT(*) AS n FROM betaalregels r JOIN correcties k ON k.id = r.correctie_id \
         WHERE r.run_id = $1 AND k.verrekend_op IS NOT NULL \
         AND r.categorie IN ('nabetaling', 'vordering')",
    )
    .bind(run_id)
    .fetch_one(&mut *c)
    .await
    .map_err(vertaal)?;
    let voorschotten = crate::voorschotten::niet_meer_te_betalen_in_run(c, engine, run_id).await?;
    Ok(getal(&maanden, "n")? + getal(&correcties, "n")? + voorschotten)
}

pub(crate) async fn verwerken(
    c: &mut AnyConnection,
    engine: crate::Engine,
    run_id: i64,
    tijdstip: DateTime<Utc>,
) -> Uitkomst<()> {
    let tijdstip = tijd::instant_tekst(tijdstip);
    // Het bedrag van de maand staat als betaald (ook nul: een latere verhoging wordt dan een
    // nabetaling); ook een maand die nooit betaald was en nu als nabetaling meegaat (zonder
    // correctie). Vastgehouden maanden blijven onbetaald, maar krijgen een maandregel: zo vindt
    // de volgende run ze (issue 20 punt 2).
    sqlx::query(
        "INSERT INTO maandbedragen (uitkering_id, maand, berekend_centen, betaald_centen, \
         berekend_op) SELECT uitkering_id, maand, CAST(SUM(bedrag_centen) AS BIGINT), \
         CAST(SUM(bedrag_centen) AS BIGINT), $2 \
         FROM betaalregels WHERE run_id = $1 AND (categorie = 'regulier' \
         OR (categorie = 'nabetaling' AND correctie_id IS NULL)) \
         GROUP BY uitkering_id, maand \
         ON CONFLICT (maand, uitkering_id) DO UPDATE SET \
         berekend_centen = excluded.berekend_centen, betaald_centen = excluded.betaald_centen, \
         berekend_op = excluded.berekend_op",
    )
    .bind(run_id)
    .bind(&tijdstip)
    .execute(&mut *c)
    .await
    .map_err(vertaal)?;
    sqlx::query(
        "INSERT INTO maandbedragen (uitkering_id, maand, berekend_centen, betaald_centen, \
         berekend_op) SELECT uitkering_id, maand, CAST(SUM(bedrag_centen) AS BIGINT), NULL, $2 \
         FROM betaalregels WHERE run_id = $1 AND categorie = 'vastgehouden' \
         AND anders IN ('regulier', 'nabetaling') AND correctie_id IS NULL \
         GROUP BY uitkering_id, maand \
         ON CONFLICT (maand, uitkering_id) DO NOTHING",
    )
    .bind(run_id)
    .bind(&tijdstip)
    .execute(&mut *c)
    .await
    .map_err(vertaal)?;
    sqlx::query(
        "UPDATE correcties SET verrekend_op = $2 WHERE verrekend_op IS NULL AND id IN \
         (SELECT correctie_id FROM betaalregels WHERE run_id = $1 \
         AND categorie IN ('nabetaling', 'vordering') AND correctie_id IS NOT NULL)",
    )
    .bind(run_id)
    .bind(&tijdstip)
    .execute(&mut *c)
    .await
    .map_err(vertaal)?;
    sqlx::query(
        "INSERT INTO vorderingen (uitkering_id, dossier_id, correctie_id, run_id, maand, \
         bedrag_centen, status, aangemaakt_op) SELECT uitkering_id, dossier_id, correctie_id, \
         run_id, maand, 0 - bedrag_centen, $3, $2 FROM betaalregels \
         WHERE run_id = $1 AND categorie = 'vordering' AND correctie_id IS NOT NULL",
    )
    .bind(run_id)
    .bind(&tijdstip)
    .bind(Vorderingstatus::TeBeoordelen.code())
    .execute(&mut *c)
    .await
    .map_err(vertaal)?;
    crate::voorschotten::betaald_door_run(c, run_id, &tijdstip).await?;
    // Een run voegt honderdduizenden regels toe; met de oude statistiek kiest PostgreSQL in de
    // volgende run slechte plannen (tot autovacuum ze bijwerkt). ANALYZE mag in de transactie.
    if engine == crate::Engine::Postgres {
        sqlx::query("ANALYZE betaalregels, maandbedragen, correcties, vorderingen")
            .execute(&mut *c)
            .await
            .map_err(vertaal)?;
    }
    Ok(())
}

pub(crate) async fn vorderingen_van_dossier(
    c: &mut AnyConnection,
    dossier_id: i64,
) -> Uitkomst<Vec<VorderingRij>> {
    let rijen = sqlx::query(
        "SELECT id, uitkering_id, dossier_id, correctie_id, run_id, maand, bedrag_centen, \
         status, aangemaakt_op FROM vorderingen WHERE dossier_id = $1 ORDER BY id",
    )
    .bind(dossier_id)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(VorderingRij {
                id: getal(r, "id")?,
                uitkering_id: getal(r, "uitkering_id")?,
                dossier_id: getal(r, "dossier_id")?,
                correctie_id: getal(r, "correctie_id")?,
                run_id: getal(r, "run_id")?,
                maand: datum(r, "maand")?,
                bedrag_centen: getal(r, "bedrag_centen")?.into(),
                status: code(r, "status", Vorderingstatus::uit_code)?,
                aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
            })
        })
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("vorderingen", e))
}

/// De ids van de uitleggen met deze sleutels (die er al zijn).
pub(crate) async fn uitleg_ids(
    c: &mut AnyConnection,
    engine: crate::Engine,
    sleutels: &[&str],
) -> Uitkomst<Vec<(String, i64)>> {
    if sleutels.is_empty() {
        return Ok(Vec::new());
    }
    let waarden = sleutels
        .iter()
        .map(|s| Binding::Tekst((*s).to_owned()))
        .collect();
    let (voorwaarde, binds) = in_lijst(engine, "sleutel", waarden, 1, true)?;
    let sql = format!("SELECT id, sleutel FROM uitleggen WHERE {voorwaarde}");
    let rijen = binden(sqlx::query(&sql), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| Ok((tekst(r, "sleutel")?, getal(r, "id")?)))
        .collect()
}

pub(crate) async fn betaald_voor_uitkeringen(
    c: &mut AnyConnection,
    engine: crate::Engine,
    ids: &[i64],
    vanaf: NaiveDate,
) -> Uitkomst<Vec<(i64, Categorie, NaiveDate, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Eerst de (weinige) definitieve runs vanaf die maand, dan de regels met beide lijsten
    // letterlijk: dat is precies de index (run_id, uitkering_id). Zonder categorie in de WHERE,
    // zodat de index (run_id, categorie, id) niet aantrekkelijker lijkt: daarmee lazen beide
    // engines per partij de hele run (tot 1,4 s per partij bij een miljoen uitkeringen).
    let runs = run_ids(c, Some(&tijd::datum_tekst(vanaf))).await?;
    if runs.is_empty() {
        return Ok(Vec::new());
    }
    let (voorwaarde, binds) =
        in_lijst(engine, "uitkering_id", getallen(ids), runs.len() + 1, false)?;
    let sql = format!(
        "SELECT uitkering_id, categorie, maand, bedrag_centen FROM betaalregels \
         WHERE run_id IN ({}) AND {voorwaarde}",
        lijst(engine, runs.len(), 1),
    );
    let rijen = binden(binden(sqlx::query(&sql), getallen(&runs)), binds)
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    let mut uit = Vec::with_capacity(rijen.len());
    for r in &rijen {
        let categorie =
            code(r, "categorie", Categorie::uit_code).map_err(|e| in_tabel("betaalregels", e))?;
        if matches!(
            categorie,
            Categorie::Regulier | Categorie::Nabetaling | Categorie::Vakantietoeslag
        ) {
            uit.push((
                getal(r, "uitkering_id")?,
                categorie,
                datum(r, "maand").map_err(|e| in_tabel("betaalregels", e))?,
                getal(r, "bedrag_centen")?,
            ));
        }
    }
    uit.sort();
    Ok(uit)
}

#[async_trait]
impl BetaalrunsLezen for AnyTransactie {
    async fn betaalrun_op_id(&mut self, id: i64) -> Uitkomst<Option<BetaalrunRij>> {
        run_op_id(self.conn(), id).await
    }

    async fn betaalruns(&mut self, limiet: i64) -> Uitkomst<Vec<BetaalrunRij>> {
        runs(self.conn(), limiet).await
    }

    async fn betaalruns_van_maand(&mut self, maand: NaiveDate) -> Uitkomst<Vec<BetaalrunRij>> {
        runs_van_maand(self.conn(), maand).await
    }

    async fn betaalregels(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
        alleen_betalingen: bool,
    ) -> Uitkomst<Vec<BetaalregelRij>> {
        regels(self.conn(), run_id, na_id, limiet, alleen_betalingen).await
    }

    async fn betaalregels_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<BetaalregelRij>> {
        let engine = self.engine;
        regels_van_dossier(self.conn(), engine, dossier_id).await
    }

    async fn betalingen(
        &mut self,
        run_id: i64,
        na_id: i64,
        limiet: i64,
    ) -> Uitkomst<(Vec<BetalingRij>, Option<i64>)> {
        betalingen(&mut self.tx, self.engine, run_id, na_id, limiet).await
    }

    async fn betaalregels_voor_taken(&mut self, run_id: i64) -> Uitkomst<Vec<BetaalregelVoorTaak>> {
        regels_voor_taken(&mut self.tx, self.engine, run_id).await
    }

    async fn betaalregels_van_categorie(
        &mut self,
        run_id: i64,
        categorie: Categorie,
        limiet: i64,
    ) -> Uitkomst<Vec<BetaalregelRij>> {
        regels_van_categorie(self.conn(), run_id, categorie, limiet).await
    }

    async fn betaalrun_totalen(&mut self, run_id: i64) -> Uitkomst<Vec<Categorietotaal>> {
        totalen(self.conn(), run_id).await
    }

    async fn betaalrun_verschillen(
        &mut self,
        run_id: i64,
        vorige: i64,
        limiet: i64,
    ) -> Uitkomst<Vec<Runverschil>> {
        verschillen(self.conn(), run_id, vorige, limiet).await
    }

    async fn vorderingen_van_dossier(&mut self, dossier_id: i64) -> Uitkomst<Vec<VorderingRij>> {
        vorderingen_van_dossier(self.conn(), dossier_id).await
    }

    async fn betaald_voor_uitkeringen(
        &mut self,
        ids: &[i64],
        vanaf: NaiveDate,
    ) -> Uitkomst<Vec<(i64, Categorie, NaiveDate, i64)>> {
        let engine = self.engine;
        betaald_voor_uitkeringen(self.conn(), engine, ids, vanaf).await
    }

    async fn vakantietoeslag_in_runs(
        &mut self,
        vanaf: NaiveDate,
    ) -> Uitkomst<Vakantietoeslagstand> {
        let engine = self.engine;
        crate::vakantietoeslag::in_runs(self.conn(), engine, vanaf).await
    }
}

#[async_trait]
impl Betaalruns for AnyTransactie {
    async fn betaalrun_invoegen(&mut self, r: &BetaalrunRij) -> Uitkomst<i64> {
        run_invoegen(self.conn(), r).await
    }

    async fn betaalrun_bijwerken(&mut self, r: &BetaalrunRij) -> Uitkomst<bool> {
        crate::runs::run_bijwerken(self.conn(), r).await
    }

    async fn betaalrun_vasthouden(&mut self, id: i64, versie: i64) -> Uitkomst<bool> {
        crate::runs::run_vasthouden(self.conn(), id, versie).await
    }

    async fn uitleggen_vastleggen(
        &mut self,
        uitleggen: &[(String, String)],
    ) -> Uitkomst<std::collections::HashMap<String, i64>> {
        let engine = self.engine;
        let sleutels: Vec<&str> = uitleggen.iter().map(|(s, _)| s.as_str()).collect();
        let mut ids: std::collections::HashMap<String, i64> =
            uitleg_ids(self.conn(), engine, &sleutels)
                .await?
                .into_iter()
                .collect();
        let nieuw: Vec<&(String, String)> = uitleggen
            .iter()
            .filter(|(s, _)| !ids.contains_key(s))
            .collect();
        if !nieuw.is_empty() {
            let rijen: Vec<Vec<Waarde>> = nieuw
                .iter()
                .map(|(s, i)| vec![Waarde::Tekst(s.clone()), Waarde::Tekst(i.clone())])
                .collect();
            self.bulk_invoegen("uitleggen", &["sleutel", "inhoud"], &rijen)
                .await?;
            let sleutels: Vec<&str> = nieuw.iter().map(|(s, _)| s.as_str()).collect();
            ids.extend(uitleg_ids(self.conn(), engine, &sleutels).await?);
        }
        Ok(ids)
    }

    async fn betaalregels_verwijderen(&mut self, run_id: i64, hooguit: u64) -> Uitkomst<u64> {
        crate::runs::regels_verwijderen(self.conn(), run_id, hooguit).await
    }

    async fn betaalrun_verwerken(&mut self, run_id: i64, tijdstip: DateTime<Utc>) -> Uitkomst<()> {
        verwerken(&mut self.tx, self.engine, run_id, tijdstip).await
    }

    async fn betaalrun_al_betaald(&mut self, run_id: i64) -> Uitkomst<i64> {
        al_betaald(&mut self.tx, self.engine, run_id).await
    }

    async fn betaalrun_mutaties_na(
        &mut self,
        run_id: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<i64> {
        crate::uitkeringen::mutaties_na(self.conn(), run_id, tijdstip).await
    }

    async fn betaalrun_uitkeringen_na(&mut self, tijdstip: DateTime<Utc>) -> Uitkomst<i64> {
        crate::uitkeringen::uitkeringen_na(self.conn(), tijdstip).await
    }

    async fn betaalregels_invoegen(&mut self, regels: Vec<NieuweBetaalregel>) -> Uitkomst<()> {
        self.bulk(regels).await?;
        Ok(())
    }
}
