//! De opslag van de werkvoorraad (issue 5): taken en hun gebeurtenissen, en de poort van het
//! aggregaat werk (`impl … for AnyTransactie` onderaan), die voor de inrichting van de verdeling
//! en de meldingen de SQL in [`crate::verdeling`] gebruikt. Draagbare SQL voor beide engines.

use async_trait::async_trait;
use sqlx::AnyConnection;

use vangnet_app::opslag::{
    AfwezigheidRij, GelijkgesteldeDagRij, MeldingRij, PostcodegebiedRij, ServicenormRij, TaakRij,
    TaakgebeurtenisRij, Uitkomst, UitsluitingRij, Werk, WerkLezen,
};

use crate::installatie::{Bulkrij, Waarde};
use crate::transactie::AnyTransactie;
use crate::verdeling::*;
use chrono::{DateTime, NaiveDate, Utc};
use vangnet_domain::tijd;
use vangnet_domain::werk::{Taakgebeurtenissoort, Taaksoort, Taakstatus};

use crate::sql::{
    code, datum, getal, in_tabel, opgetal, optijdstip, tekst, tijdstip, vertaal, Rij,
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

impl Bulkrij for TaakRij {
    const TABEL: &'static str = "taken";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "soort", "omschrijving", "dossier_id", "persoon_id", "aangemaakt_op", "begindatum",
        "deadline", "risico_vanaf", "wettelijk", "waarschuwen_werkdagen", "team_id",
        "gebruiker_id", "status", "prioriteit", "te_laat_gemeld", "gereed_op", "versie",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::Tekst(self.soort.code().into()),
            Waarde::Tekst(self.omschrijving),
            Waarde::opgetal(self.dossier_id),
            Waarde::opgetal(self.persoon_id),
            Waarde::tijdstip(self.aangemaakt_op),
            Waarde::datum(self.begindatum),
            Waarde::datum(self.deadline),
            Waarde::datum(self.risico_vanaf),
            Waarde::vlag(self.wettelijk),
            Waarde::Getal(self.waarschuwen_werkdagen),
            Waarde::opgetal(self.team_id),
            Waarde::opgetal(self.gebruiker_id),
            Waarde::Tekst(self.status.code().into()),
            Waarde::Getal(self.prioriteit),
            Waarde::vlag(self.te_laat_gemeld),
            Waarde::optijdstip(self.gereed_op),
            Waarde::Getal(self.versie),
        ])
    }
}

/// Zonder id: de database kent het toe.
impl Bulkrij for TaakgebeurtenisRij {
    const TABEL: &'static str = "taakgebeurtenissen";
    const KOLOMMEN: &'static [&'static str] = &[
        "taak_id",
        "tijdstip",
        "actor",
        "soort",
        "omschrijving",
        "operatie_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.taak_id),
            Waarde::tijdstip(self.tijdstip),
            Waarde::Tekst(self.actor),
            Waarde::Tekst(self.soort.code().into()),
            Waarde::Tekst(self.omschrijving),
            Waarde::Tekst(self.operatie_id),
        ])
    }
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
    datum: NaiveDate,
    soort: Option<Taaksoort>,
    limiet: i64,
    overslaan: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let soortfilter = if soort.is_some() {
        "AND soort = $5"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE gebruiker_id = $1 AND status <> 'gereed' \
         {soortfilter} ORDER BY {}, deadline, prioriteit DESC, id LIMIT $3 OFFSET $4",
        groep(2)
    );
    let mut q = sqlx::query(&sql)
        .bind(gebruiker_id)
        .bind(tijd::datum_tekst(datum))
        .bind(limiet)
        .bind(overslaan);
    if let Some(s) = soort {
        q = q.bind(s.code());
    }
    let rijen = q.fetch_all(c).await.map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn vandaag_tellingen(
    c: &mut AnyConnection,
    gebruiker_id: i64,
    datum: NaiveDate,
) -> Uitkomst<Vec<(Taaksoort, i64, i64)>> {
    let sql = format!(
        "SELECT soort, {} AS groep, COUNT(*) AS n FROM taken \
         WHERE gebruiker_id = $1 AND status <> 'gereed' GROUP BY 1, 2",
        groep(2)
    );
    let rijen = sqlx::query(&sql)
        .bind(gebruiker_id)
        .bind(tijd::datum_tekst(datum))
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok((
                code(r, "soort", Taaksoort::uit_code)?,
                getal(r, "groep")?,
                getal(r, "n")?,
            ))
        })
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
    datum: NaiveDate,
) -> Uitkomst<Vec<(Option<i64>, Taaksoort, i64, i64)>> {
    let sql = format!(
        "SELECT gebruiker_id, soort, {} AS groep, COUNT(*) AS n FROM taken \
         WHERE team_id = $1 AND status <> 'gereed' GROUP BY 1, 2, 3",
        groep(2)
    );
    let rijen = sqlx::query(&sql)
        .bind(team_id)
        .bind(tijd::datum_tekst(datum))
        .fetch_all(c)
        .await
        .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok((
                opgetal(r, "gebruiker_id")?,
                code(r, "soort", Taaksoort::uit_code)?,
                getal(r, "groep")?,
                getal(r, "n")?,
            ))
        })
        .collect()
}

pub(crate) async fn team_risico(
    c: &mut AnyConnection,
    team_id: i64,
    datum: NaiveDate,
    limiet: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE team_id = $1 AND status <> 'gereed' \
         AND deadline >= $2 AND risico_vanaf <= $2 ORDER BY deadline, id LIMIT $3"
    ))
    .bind(team_id)
    .bind(tijd::datum_tekst(datum))
    .bind(limiet)
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn team_gereed_sinds(
    c: &mut AnyConnection,
    team_id: i64,
    sinds: DateTime<Utc>,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE team_id = $1 AND status = 'gereed' \
         AND gereed_op >= $2 ORDER BY id"
    ))
    .bind(team_id)
    .bind(tijd::instant_tekst(sinds))
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen.iter().map(taak).collect()
}

pub(crate) async fn taken_te_laat_ongemeld(
    c: &mut AnyConnection,
    datum: NaiveDate,
    limiet: i64,
) -> Uitkomst<Vec<TaakRij>> {
    let rijen = sqlx::query(&format!(
        "SELECT {TAAK_KOLOMMEN} FROM taken WHERE te_laat_gemeld = 0 AND deadline < $1 \
         AND status <> 'gereed' ORDER BY deadline, id LIMIT $2"
    ))
    .bind(tijd::datum_tekst(datum))
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
    .bind(g.soort.code())
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
                soort: code(r, "soort", Taakgebeurtenissoort::uit_code)?,
                omschrijving: tekst(r, "omschrijving")?,
                operatie_id: tekst(r, "operatie_id")?,
            })
        })
        .collect()
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
        datum: NaiveDate,
        soort: Option<Taaksoort>,
        limiet: i64,
        overslaan: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        vandaag_taken(self.conn(), gebruiker_id, datum, soort, limiet, overslaan).await
    }

    async fn vandaag_tellingen(
        &mut self,
        gebruiker_id: i64,
        datum: NaiveDate,
    ) -> Uitkomst<Vec<(Taaksoort, i64, i64)>> {
        vandaag_tellingen(self.conn(), gebruiker_id, datum).await
    }

    async fn aantal_zonder_eigenaar(&mut self, team_id: i64) -> Uitkomst<i64> {
        aantal_zonder_eigenaar(self.conn(), team_id).await
    }

    async fn teamwerk_tellingen(
        &mut self,
        team_id: i64,
        datum: NaiveDate,
    ) -> Uitkomst<Vec<(Option<i64>, Taaksoort, i64, i64)>> {
        teamwerk_tellingen(self.conn(), team_id, datum).await
    }

    async fn team_risico(
        &mut self,
        team_id: i64,
        datum: NaiveDate,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        team_risico(self.conn(), team_id, datum, limiet).await
    }

    async fn team_gereed_sinds(
        &mut self,
        team_id: i64,
        sinds: DateTime<Utc>,
    ) -> Uitkomst<Vec<TaakRij>> {
        team_gereed_sinds(self.conn(), team_id, sinds).await
    }

    async fn taken_te_laat_ongemeld(
        &mut self,
        datum: NaiveDate,
        limiet: i64,
    ) -> Uitkomst<Vec<TaakRij>> {
        taken_te_laat_ongemeld(self.conn(), datum, limiet).await
    }

    async fn taakgebeurtenissen_van(&mut self, taak_id: i64) -> Uitkomst<Vec<TaakgebeurtenisRij>> {
        taakgebeurtenissen_van(self.conn(), taak_id).await
    }

    async fn servicenormen(&mut self) -> Uitkomst<Vec<ServicenormRij>> {
        servicenormen(self.conn()).await
    }
    async fn gelijkgestelde_dagen(&mut self) -> Uitkomst<Vec<GelijkgesteldeDagRij>> {
        gelijkgestelde_dagen(self.conn()).await
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
        taken: Vec<TaakRij>,
        gebeurtenissen: Vec<TaakgebeurtenisRij>,
    ) -> Uitkomst<()> {
        self.bulk(taken).await?;
        self.bulk(gebeurtenissen).await?;
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
    async fn gelijkgestelde_dag_zetten(&mut self, r: &GelijkgesteldeDagRij) -> Uitkomst<()> {
        gelijkgestelde_dag_zetten(self.conn(), r).await
    }
    async fn gelijkgestelde_dag_verwijderen(&mut self, datum: NaiveDate) -> Uitkomst<bool> {
        gelijkgestelde_dag_verwijderen(self.conn(), datum).await
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
