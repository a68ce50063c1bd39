//! Jobs op de achtergrond (zie `vangnet_app::jobs`). Draagbare SQL; alleen het nemen van een job
//! verschilt: PostgreSQL vergrendelt de gekozen rij met `FOR UPDATE SKIP LOCKED` (twee werkers
//! kiezen nooit dezelfde, en wachten niet op elkaar), SQLite heeft één schrijver.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use vangnet_app::opslag::{JobRij, Jobs, JobsLezen, NieuweJob, Uitkomst};
use vangnet_domain::job::{Jobsoort, Jobstatus};
use vangnet_domain::tijd::instant_tekst;

use crate::sql::{
    code, getal, in_tabel, opgetal, optekst, optijdstip, tekst, tijdstip, vertaal, Rij,
};
use crate::transactie::AnyTransactie;
use crate::Engine;

const KOLOMMEN: &str = "id, soort, sleutel, onderwerp, parameters, omschrijving, status, \
                        gebruiker_id, aangevraagd_door, operatie_id, aangemaakt_op, gestart_op, \
                        hartslag_op, werker, pogingen, positie, verwerkt, totaal, annuleren_door, \
                        geeindigd_op, tussenstand, uitkomst, fout";

fn rij(r: &impl Rij) -> Uitkomst<JobRij> {
    Ok(JobRij {
        id: getal(r, "id")?,
        soort: code(r, "soort", Jobsoort::uit_code)?,
        sleutel: optekst(r, "sleutel")?,
        onderwerp: tekst(r, "onderwerp")?,
        parameters: tekst(r, "parameters")?,
        omschrijving: tekst(r, "omschrijving")?,
        status: code(r, "status", Jobstatus::uit_code)?,
        gebruiker_id: opgetal(r, "gebruiker_id")?,
        aangevraagd_door: tekst(r, "aangevraagd_door")?,
        operatie_id: tekst(r, "operatie_id")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
        gestart_op: optijdstip(r, "gestart_op")?,
        hartslag_op: optijdstip(r, "hartslag_op")?,
        werker: optekst(r, "werker")?,
        pogingen: getal(r, "pogingen")?,
        positie: getal(r, "positie")?,
        verwerkt: getal(r, "verwerkt")?,
        totaal: getal(r, "totaal")?,
        annuleren_door: optekst(r, "annuleren_door")?,
        geeindigd_op: optijdstip(r, "geeindigd_op")?,
        tussenstand: optekst(r, "tussenstand")?,
        uitkomst: optekst(r, "uitkomst")?,
        fout: optekst(r, "fout")?,
    })
}

fn rijen(r: &[sqlx::any::AnyRow]) -> Uitkomst<Vec<JobRij>> {
    r.iter()
        .map(rij)
        .collect::<Uitkomst<_>>()
        .map_err(|e| in_tabel("jobs", e))
}

#[async_trait]
impl JobsLezen for AnyTransactie {
    async fn job_op_id(&mut self, id: i64) -> Uitkomst<Option<JobRij>> {
        let r = sqlx::query(&format!("SELECT {KOLOMMEN} FROM jobs WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(rijen(r.as_slice())?.pop())
    }

    async fn jobs_lijst(
        &mut self,
        onderwerp: Option<&str>,
        soorten: &[Jobsoort],
        aantal: i64,
    ) -> Uitkomst<Vec<JobRij>> {
        if soorten.is_empty() {
            return Ok(Vec::new());
        }
        // $1 en $2: open; $3: mislukt; $4: aantal; dan de soorten, dan eventueel het onderwerp.
        let soortplaatsen: Vec<String> =
            (0..soorten.len()).map(|i| format!("${}", i + 5)).collect();
        let onderwerp_sql = match onderwerp {
            Some(_) => format!(" AND onderwerp = ${}", soorten.len() + 5),
            None => String::new(),
        };
        let sql = format!(
            "SELECT {KOLOMMEN} FROM jobs WHERE soort IN ({}){onderwerp_sql} \
             ORDER BY CASE WHEN status IN ($1, $2) THEN 0 WHEN status = $3 THEN 1 ELSE 2 END, \
             id DESC LIMIT $4",
            soortplaatsen.join(", ")
        );
        let mut q = sqlx::query(&sql)
            .bind(Jobstatus::Wachtend.code())
            .bind(Jobstatus::Lopend.code())
            .bind(Jobstatus::Mislukt.code())
            .bind(aantal);
        for s in soorten {
            q = q.bind(s.code());
        }
        if let Some(o) = onderwerp {
            q = q.bind(o.to_owned());
        }
        let r = q.fetch_all(self.conn()).await.map_err(vertaal)?;
        rijen(&r)
    }
}

#[async_trait]
impl Jobs for AnyTransactie {
    async fn job_aanmelden(&mut self, j: &NieuweJob) -> Uitkomst<Option<i64>> {
        let r = sqlx::query(
            "INSERT INTO jobs (soort, sleutel, onderwerp, parameters, omschrijving, status, \
             gebruiker_id, aangevraagd_door, operatie_id, aangemaakt_op, pogingen, positie, \
             verwerkt, totaal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 0, $11) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(j.soort.code())
        .bind(j.sleutel.clone())
        .bind(j.onderwerp.clone())
        .bind(j.parameters.clone())
        .bind(j.omschrijving.clone())
        .bind(Jobstatus::Wachtend.code())
        .bind(j.gebruiker_id)
        .bind(j.aangevraagd_door.clone())
        .bind(j.operatie_id.clone())
        .bind(instant_tekst(j.aangemaakt_op))
        .bind(j.totaal)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(|r| getal(r, "id")).transpose()
    }

    async fn job_nemen(
        &mut self,
        werker: &str,
        nu: DateTime<Utc>,
        grens: DateTime<Utc>,
        alleen: Option<i64>,
    ) -> Uitkomst<Option<JobRij>> {
        // Wat al te vaak werd overgenomen (elke werker viel eraf), neemt niemand meer.
        sqlx::query(
            "UPDATE jobs SET status = $1, geeindigd_op = $2, fout = $3 \
             WHERE status = $4 AND hartslag_op < $5 AND pogingen >= $6",
        )
        .bind(Jobstatus::Mislukt.code())
        .bind(instant_tekst(nu))
        .bind(format!(
            "Gestopt na {} pogingen: elke werker viel tijdens deze job weg. Kijk in het log van de \
             servers en probeer het daarna opnieuw.",
            vangnet_domain::job::MAX_POGINGEN
        ))
        .bind(Jobstatus::Lopend.code())
        .bind(instant_tekst(grens))
        .bind(vangnet_domain::job::MAX_POGINGEN)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        // Een verlaten job waarvoor stoppen was gevraagd: gestopt, niet opnieuw begonnen.
        sqlx::query(
            "UPDATE jobs SET status = $1, geeindigd_op = $2, \
             fout = 'Gestopt op verzoek; de werker viel eerder weg.' \
             WHERE status = $3 AND hartslag_op < $4 AND annuleren_door IS NOT NULL",
        )
        .bind(Jobstatus::Geannuleerd.code())
        .bind(instant_tekst(nu))
        .bind(Jobstatus::Lopend.code())
        .bind(instant_tekst(grens))
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        let vergrendel = match self.engine {
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let kandidaat = sqlx::query(&format!(
            "SELECT id FROM jobs WHERE (status = $1 \
             OR (status = $2 AND (hartslag_op IS NULL OR hartslag_op < $3) \
                 AND annuleren_door IS NULL)) \
             AND ($4 = 0 OR id = $4) AND pogingen < $5 \
             ORDER BY id LIMIT 1{vergrendel}"
        ))
        .bind(Jobstatus::Wachtend.code())
        .bind(Jobstatus::Lopend.code())
        .bind(instant_tekst(grens))
        .bind(alleen.unwrap_or(0))
        .bind(vangnet_domain::job::MAX_POGINGEN)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        let Some(kandidaat) = kandidaat else {
            return Ok(None);
        };
        let id = getal(&kandidaat, "id")?;
        let nu = instant_tekst(nu);
        let r = sqlx::query(&format!(
            "UPDATE jobs SET status = $1, werker = $2, hartslag_op = $3, \
             gestart_op = COALESCE(gestart_op, $3), pogingen = pogingen + 1, \
             verwerkt = CASE WHEN positie = 0 THEN 0 ELSE verwerkt END \
             WHERE id = $4 RETURNING {KOLOMMEN}"
        ))
        .bind(Jobstatus::Lopend.code())
        .bind(werker.to_owned())
        .bind(nu)
        .bind(id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(rijen(&r)?.pop())
    }

    async fn job_hartslag(
        &mut self,
        id: i64,
        werker: &str,
        nu: DateTime<Utc>,
        klaar: i64,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE jobs SET hartslag_op = $1, verwerkt = CASE WHEN verwerkt > $2 THEN verwerkt ELSE $2 END \
             WHERE id = $3 AND werker = $4 AND status = $5",
        )
        .bind(instant_tekst(nu))
        .bind(klaar)
        .bind(id)
        .bind(werker.to_owned())
        .bind(Jobstatus::Lopend.code())
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn job_totaal(&mut self, id: i64, werker: &str, totaal: i64) -> Uitkomst<()> {
        sqlx::query("UPDATE jobs SET totaal = $1 WHERE id = $2 AND werker = $3 AND status = $4")
            .bind(totaal)
            .bind(id)
            .bind(werker.to_owned())
            .bind(Jobstatus::Lopend.code())
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        Ok(())
    }

    async fn job_positie(
        &mut self,
        id: i64,
        werker: &str,
        positie: i64,
        klaar: i64,
        tussenstand: &str,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE jobs SET positie = $1, verwerkt = $2, tussenstand = $3 \
             WHERE id = $4 AND werker = $5 AND status = $6",
        )
        .bind(positie)
        .bind(klaar)
        .bind(tussenstand.to_owned())
        .bind(id)
        .bind(werker.to_owned())
        .bind(Jobstatus::Lopend.code())
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn job_afronden(
        &mut self,
        id: i64,
        werker: &str,
        status: Jobstatus,
        nu: DateTime<Utc>,
        uitkomst: Option<&str>,
        fout: Option<&str>,
    ) -> Uitkomst<()> {
        sqlx::query(
            "UPDATE jobs SET status = $1, geeindigd_op = $2, uitkomst = $3, fout = $4 \
             WHERE id = $5 AND werker = $6 AND status = $7",
        )
        .bind(status.code())
        .bind(instant_tekst(nu))
        .bind(uitkomst.map(str::to_owned))
        .bind(fout.map(str::to_owned))
        .bind(id)
        .bind(werker.to_owned())
        .bind(Jobstatus::Lopend.code())
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn job_annuleren(&mut self, id: i64, door: &str, nu: DateTime<Utc>) -> Uitkomst<bool> {
        // Een wachtende stopt meteen; een lopende krijgt het verzoek en stopt na haar partij.
        let wachtend = sqlx::query(
            "UPDATE jobs SET status = $1, annuleren_door = $2, geeindigd_op = $3 \
             WHERE id = $4 AND status = $5",
        )
        .bind(Jobstatus::Geannuleerd.code())
        .bind(door.to_owned())
        .bind(instant_tekst(nu))
        .bind(id)
        .bind(Jobstatus::Wachtend.code())
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        if wachtend.rows_affected() == 1 {
            return Ok(true);
        }
        let lopend =
            sqlx::query("UPDATE jobs SET annuleren_door = $1 WHERE id = $2 AND status = $3")
                .bind(door.to_owned())
                .bind(id)
                .bind(Jobstatus::Lopend.code())
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        Ok(lopend.rows_affected() == 1)
    }

    async fn job_opnieuw(&mut self, id: i64, door: &NieuweJob) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE jobs SET status = $1, werker = NULL, hartslag_op = NULL, pogingen = 0, \
             annuleren_door = NULL, geeindigd_op = NULL, fout = NULL, gebruiker_id = $2, \
             aangevraagd_door = $3, operatie_id = $4 \
             WHERE id = $5 AND status IN ($6, $7)",
        )
        .bind(Jobstatus::Wachtend.code())
        .bind(door.gebruiker_id)
        .bind(door.aangevraagd_door.clone())
        .bind(door.operatie_id.clone())
        .bind(id)
        .bind(Jobstatus::Mislukt.code())
        .bind(Jobstatus::Geannuleerd.code())
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn jobs_opruimen(&mut self, soort: Jobsoort, voor: DateTime<Utc>) -> Uitkomst<u64> {
        let r =
            sqlx::query("DELETE FROM jobs WHERE soort = $1 AND status = $2 AND aangemaakt_op < $3")
                .bind(soort.code())
                .bind(Jobstatus::Klaar.code())
                .bind(instant_tekst(voor))
                .execute(self.conn())
                .await
                .map_err(vertaal)?;
        Ok(r.rows_affected())
    }
}
