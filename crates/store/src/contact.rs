//! De opslag van contactmomenten en de lijst van onderwerpen (issue 8). Draagbare SQL voor
//! beide engines; de functies hieronder dragen de poort van de app voor dit aggregaat (`impl … for AnyTransactie` onderaan).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use vangnet_domain::contact::{Beller, Kanaal, Richting, Uitkomst as Contactuitkomst};
use vangnet_domain::tijd::instant_tekst;

use vangnet_app::opslag::{
    Contact, ContactLezen, ContactmomentRij, ContactonderwerpRij, Uitkomst, Zoekpositie,
};

use crate::installatie::{Bulkrij, Waarde};
use crate::transactie::AnyTransactie;
use crate::Engine;

use crate::sql::{
    code, getal, in_tabel, opgetal, optekst, optijdstip, tekst, tijdstip, vertaal, Rij,
};

const KOLOMMEN: &str = "c.id, c.persoon_id, c.dossier_id, c.kanaal, c.richting, c.beller, \
     c.derde_naam, c.onderwerp, c.tekst, c.uitkomst, c.telefoonnummer, c.tijdstip, \
     c.duur_minuten, c.gevoelig, c.geregistreerd_door, g.volledige_naam AS door, c.taak_id, \
     c.vervolg_op, c.gekoppeld_op, c.versie";

const VAN: &str = "FROM contactmomenten c JOIN gebruikers g ON g.id = c.geregistreerd_door";

fn contactmoment(r: &impl Rij) -> Uitkomst<ContactmomentRij> {
    Ok(ContactmomentRij {
        id: getal(r, "id")?,
        persoon_id: opgetal(r, "persoon_id")?,
        dossier_id: opgetal(r, "dossier_id")?,
        kanaal: code(r, "kanaal", Kanaal::uit_code)?,
        richting: code(r, "richting", Richting::uit_code)?,
        beller: code(r, "beller", Beller::uit_code)?,
        derde_naam: optekst(r, "derde_naam")?,
        onderwerp: tekst(r, "onderwerp")?,
        tekst: tekst(r, "tekst")?,
        uitkomst: code(r, "uitkomst", Contactuitkomst::uit_code)?,
        telefoonnummer: optekst(r, "telefoonnummer")?,
        tijdstip: tijdstip(r, "tijdstip")?,
        duur_minuten: opgetal(r, "duur_minuten")?,
        gevoelig: getal(r, "gevoelig")? != 0,
        geregistreerd_door: getal(r, "geregistreerd_door")?,
        door: tekst(r, "door")?,
        taak_id: opgetal(r, "taak_id")?,
        vervolg_op: opgetal(r, "vervolg_op")?,
        gekoppeld_op: optijdstip(r, "gekoppeld_op")?,
        versie: getal(r, "versie")?,
    })
    .map_err(|e| in_tabel("contactmomenten", e))
}

impl Bulkrij for ContactmomentRij {
    const TABEL: &'static str = "contactmomenten";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "persoon_id", "dossier_id", "kanaal", "richting", "beller", "derde_naam",
        "onderwerp", "tekst", "uitkomst", "telefoonnummer", "tijdstip", "duur_minuten", "gevoelig",
        "geregistreerd_door", "taak_id", "vervolg_op", "gekoppeld_op", "versie",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::opgetal(self.persoon_id),
            Waarde::opgetal(self.dossier_id),
            Waarde::Tekst(self.kanaal.code().into()),
            Waarde::Tekst(self.richting.code().into()),
            Waarde::Tekst(self.beller.code().into()),
            Waarde::optekst(self.derde_naam),
            Waarde::Tekst(self.onderwerp),
            Waarde::Tekst(self.tekst),
            Waarde::Tekst(self.uitkomst.code().into()),
            Waarde::optekst(self.telefoonnummer),
            Waarde::tijdstip(self.tijdstip),
            Waarde::opgetal(self.duur_minuten),
            Waarde::vlag(self.gevoelig),
            Waarde::Getal(self.geregistreerd_door),
            Waarde::opgetal(self.taak_id),
            Waarde::opgetal(self.vervolg_op),
            Waarde::optijdstip(self.gekoppeld_op),
            Waarde::Getal(self.versie),
        ])
    }
}

pub(crate) async fn invoegen(c: &mut AnyConnection, m: &ContactmomentRij) -> Uitkomst<i64> {
    let r = sqlx::query(
        "INSERT INTO contactmomenten (persoon_id, dossier_id, kanaal, richting, beller, \
         derde_naam, onderwerp, tekst, uitkomst, telefoonnummer, tijdstip, duur_minuten, \
         gevoelig, geregistreerd_door, taak_id, vervolg_op, gekoppeld_op, versie) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
         RETURNING id",
    )
    .bind(m.persoon_id)
    .bind(m.dossier_id)
    .bind(m.kanaal.code())
    .bind(m.richting.code())
    .bind(m.beller.code())
    .bind(&m.derde_naam)
    .bind(&m.onderwerp)
    .bind(&m.tekst)
    .bind(m.uitkomst.code())
    .bind(&m.telefoonnummer)
    .bind(instant_tekst(m.tijdstip))
    .bind(m.duur_minuten)
    .bind(i64::from(m.gevoelig))
    .bind(m.geregistreerd_door)
    .bind(m.taak_id)
    .bind(m.vervolg_op)
    .bind(m.gekoppeld_op.map(instant_tekst))
    .bind(m.versie)
    .fetch_one(c)
    .await
    .map_err(vertaal)?;
    getal(&r, "id")
}

async fn lijst(
    c: &mut AnyConnection,
    waar: &str,
    waarde: Option<i64>,
    limiet: i64,
) -> Uitkomst<Vec<ContactmomentRij>> {
    lijst_na(c, waar, waarde, None, limiet).await
}

/// Als [`lijst`], na `na` (nieuwste eerst, op de sleutel tijdstip en id). `waar` gebruikt `$1`.
async fn lijst_na(
    c: &mut AnyConnection,
    waar: &str,
    waarde: Option<i64>,
    na: Option<&Zoekpositie>,
    limiet: i64,
) -> Uitkomst<Vec<ContactmomentRij>> {
    let (a, b) = if waarde.is_some() { (2, 3) } else { (1, 2) };
    let na_sql = match na {
        Some(_) => format!(" AND (c.tijdstip < ${a} OR (c.tijdstip = ${a} AND c.id < ${b}))"),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {KOLOMMEN} {VAN} WHERE {waar}{na_sql} ORDER BY c.tijdstip DESC, c.id DESC \
         LIMIT {limiet}"
    );
    let mut q = sqlx::query(&sql);
    if let Some(g) = waarde {
        q = q.bind(g);
    }
    if let Some(p) = na {
        q = q.bind(instant_tekst(p.tijdstip)).bind(p.id);
    }
    let rijen = q.fetch_all(c).await.map_err(vertaal)?;
    rijen.iter().map(contactmoment).collect()
}

pub(crate) async fn op_id(c: &mut AnyConnection, id: i64) -> Uitkomst<Option<ContactmomentRij>> {
    Ok(lijst(c, "c.id = $1", Some(id), 1).await?.pop())
}

pub(crate) async fn van_taak(
    c: &mut AnyConnection,
    taak_id: i64,
) -> Uitkomst<Option<ContactmomentRij>> {
    Ok(lijst(c, "c.taak_id = $1", Some(taak_id), 1).await?.pop())
}

pub(crate) async fn van_persoon(
    c: &mut AnyConnection,
    persoon_id: i64,
    na: Option<&Zoekpositie>,
    limiet: i64,
) -> Uitkomst<Vec<ContactmomentRij>> {
    lijst_na(c, "c.persoon_id = $1", Some(persoon_id), na, limiet).await
}

pub(crate) async fn van_dossier(
    c: &mut AnyConnection,
    dossier_id: i64,
    na: Option<&Zoekpositie>,
    limiet: i64,
) -> Uitkomst<Vec<ContactmomentRij>> {
    lijst_na(c, "c.dossier_id = $1", Some(dossier_id), na, limiet).await
}

pub(crate) async fn zonder_persoon(
    c: &mut AnyConnection,
    limiet: i64,
) -> Uitkomst<Vec<ContactmomentRij>> {
    lijst(c, "c.persoon_id IS NULL", None, limiet).await
}

pub(crate) async fn zoeken(
    c: &mut AnyConnection,
    engine: Engine,
    woorden: &[String],
    na: Option<&Zoekpositie>,
    limiet: i64,
) -> Uitkomst<Vec<ContactmomentRij>> {
    // De woorden zijn letters en cijfers (zoekwoorden in het domein); ze gaan toch als
    // parameter, nooit in de SQL.
    let (overeenkomst, vraag) = match engine {
        Engine::Sqlite => (
            "c.id IN (SELECT rowid FROM contactmomenten_fts WHERE contactmomenten_fts MATCH $1)",
            woorden
                .iter()
                .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        // Precies de uitdrukking van de index (migratie 0034).
        Engine::Postgres => (
            "vangnet_zoekvector(c.tekst || ' ' || COALESCE(c.derde_naam, '')) \
             @@ to_tsquery('dutch', $1)",
            woorden
                .iter()
                .filter(|w| w.chars().all(char::is_alphanumeric))
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & "),
        ),
    };
    let na_sql = if na.is_some() {
        " AND (c.tijdstip < $2 OR (c.tijdstip = $2 AND c.id < $3))"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {KOLOMMEN} {VAN} WHERE {overeenkomst}{na_sql} \
         ORDER BY c.tijdstip DESC, c.id DESC LIMIT {limiet}"
    );
    let mut q = sqlx::query(&sql).bind(vraag);
    if let Some(p) = na {
        q = q.bind(instant_tekst(p.tijdstip)).bind(p.id);
    }
    let rijen = q.fetch_all(c).await.map_err(vertaal)?;
    rijen.iter().map(contactmoment).collect()
}

pub(crate) async fn koppelen(
    c: &mut AnyConnection,
    id: i64,
    persoon_id: i64,
    dossier_id: Option<i64>,
    gekoppeld_op: DateTime<Utc>,
    versie: i64,
) -> Uitkomst<bool> {
    let r = sqlx::query(
        "UPDATE contactmomenten SET persoon_id = $1, dossier_id = $2, gekoppeld_op = $3, \
         versie = versie + 1 WHERE id = $4 AND versie = $5 AND persoon_id IS NULL",
    )
    .bind(persoon_id)
    .bind(dossier_id)
    .bind(instant_tekst(gekoppeld_op))
    .bind(id)
    .bind(versie)
    .execute(c)
    .await
    .map_err(vertaal)?;
    Ok(r.rows_affected() == 1)
}

pub(crate) async fn onderwerpen(c: &mut AnyConnection) -> Uitkomst<Vec<ContactonderwerpRij>> {
    let rijen = sqlx::query(
        "SELECT code, omschrijving, volgorde, actief FROM contactonderwerpen ORDER BY volgorde, code",
    )
    .fetch_all(c)
    .await
    .map_err(vertaal)?;
    rijen
        .iter()
        .map(|r| {
            Ok(ContactonderwerpRij {
                code: tekst(r, "code")?,
                omschrijving: tekst(r, "omschrijving")?,
                volgorde: getal(r, "volgorde")?,
                actief: getal(r, "actief")? != 0,
            })
        })
        .collect()
}

pub(crate) async fn onderwerpen_vervangen(
    c: &mut AnyConnection,
    lijst: &[ContactonderwerpRij],
) -> Uitkomst<()> {
    // Wat niet meer in de lijst staat, wordt inactief (oude contactmomenten verwijzen ernaar).
    sqlx::query("UPDATE contactonderwerpen SET actief = 0")
        .execute(&mut *c)
        .await
        .map_err(vertaal)?;
    for o in lijst {
        sqlx::query(
            "INSERT INTO contactonderwerpen (code, omschrijving, volgorde, actief) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE SET \
             omschrijving = excluded.omschrijving, volgorde = excluded.volgorde, \
             actief = excluded.actief",
        )
        .bind(&o.code)
        .bind(&o.omschrijving)
        .bind(o.volgorde)
        .bind(i64::from(o.actief))
        .execute(&mut *c)
        .await
        .map_err(vertaal)?;
    }
    Ok(())
}

#[async_trait]
impl ContactLezen for AnyTransactie {
    async fn contactmoment_op_id(&mut self, id: i64) -> Uitkomst<Option<ContactmomentRij>> {
        op_id(self.conn(), id).await
    }

    async fn contactmoment_van_taak(&mut self, taak_id: i64) -> Uitkomst<Option<ContactmomentRij>> {
        van_taak(self.conn(), taak_id).await
    }

    async fn contactmomenten_van_persoon(
        &mut self,
        persoon_id: i64,
        na: Option<&Zoekpositie>,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        van_persoon(self.conn(), persoon_id, na, limiet).await
    }

    async fn contactmomenten_van_dossier(
        &mut self,
        dossier_id: i64,
        na: Option<&Zoekpositie>,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        van_dossier(self.conn(), dossier_id, na, limiet).await
    }

    async fn contactmomenten_zonder_persoon(
        &mut self,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        zonder_persoon(self.conn(), limiet).await
    }

    async fn contactmomenten_zoeken(
        &mut self,
        woorden: &[String],
        na: Option<&Zoekpositie>,
        limiet: i64,
    ) -> Uitkomst<Vec<ContactmomentRij>> {
        let engine = self.engine;
        zoeken(self.conn(), engine, woorden, na, limiet).await
    }

    async fn contactonderwerpen(&mut self) -> Uitkomst<Vec<ContactonderwerpRij>> {
        onderwerpen(self.conn()).await
    }
}

#[async_trait]
impl Contact for AnyTransactie {
    async fn contactmoment_invoegen(&mut self, c: &ContactmomentRij) -> Uitkomst<i64> {
        invoegen(self.conn(), c).await
    }

    async fn contactmoment_koppelen(
        &mut self,
        id: i64,
        persoon_id: i64,
        dossier_id: Option<i64>,
        gekoppeld_op: DateTime<Utc>,
        versie: i64,
    ) -> Uitkomst<bool> {
        koppelen(
            self.conn(),
            id,
            persoon_id,
            dossier_id,
            gekoppeld_op,
            versie,
        )
        .await
    }

    async fn contactonderwerpen_vervangen(
        &mut self,
        lijst: &[ContactonderwerpRij],
    ) -> Uitkomst<()> {
        onderwerpen_vervangen(self.conn(), lijst).await
    }

    async fn contactmomenten_bulk_invoegen(&mut self, c: Vec<ContactmomentRij>) -> Uitkomst<()> {
        self.bulk(c).await?;
        Ok(())
    }
}
