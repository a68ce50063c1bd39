//! Dossiers, hun volgnummers en gebeurtenissen. Draagbare SQL voor beide engines.

use async_trait::async_trait;

use vangnet_app::opslag::{
    DossierRij, Dossiers, DossiersLezen, GebeurtenisRij, OpslagFout, Uitkomst, VermogensopgaveRij,
    VoorschotRij,
};

use chrono::{DateTime, Utc};
use vangnet_domain::dossier::{Gebeurtenissoort, Status, Zaaktype};
use vangnet_domain::tijd;

use crate::installatie::{Bulkrij, Waarde};
use crate::sql::{
    code, datum, datum_uit, getal, in_tabel, onleesbaar, opgetal, optekst, optijdstip, tekst,
    tijdstip, tijdstip_uit, vertaal, Rij,
};
use crate::transactie::AnyTransactie;

pub(crate) const DOSSIER_KOLOMMEN: &str =
    "id, nummer, huishouden_id, client_id, zaaktype, status, ontvangen_op, \
     team_id, consulent_id, versie, aangemaakt_op, gewijzigd_op, gemeld_op";

pub(crate) fn dossier_uit_rij(r: &impl Rij) -> Uitkomst<DossierRij> {
    dossier_velden(r).map_err(|e| in_tabel("dossiers", e))
}

fn dossier_velden(r: &impl Rij) -> Uitkomst<DossierRij> {
    Ok(DossierRij {
        id: getal(r, "id")?,
        nummer: tekst(r, "nummer")?,
        huishouden_id: getal(r, "huishouden_id")?,
        client_id: getal(r, "client_id")?,
        zaaktype: code(r, "zaaktype", Zaaktype::uit_code)?,
        status: code(r, "status", Status::uit_code)?,
        ontvangen_op: datum(r, "ontvangen_op")?,
        team_id: opgetal(r, "team_id")?,
        consulent_id: opgetal(r, "consulent_id")?,
        versie: getal(r, "versie")?,
        aangemaakt_op: tijdstip(r, "aangemaakt_op")?,
        gewijzigd_op: tijdstip(r, "gewijzigd_op")?,
        gemeld_op: datum(r, "gemeld_op")?,
    })
}

impl Bulkrij for DossierRij {
    const TABEL: &'static str = "dossiers";
    #[rustfmt::skip]
    const KOLOMMEN: &'static [&'static str] = &[
        "id", "nummer", "huishouden_id", "client_id", "zaaktype", "status", "ontvangen_op",
        "team_id", "consulent_id", "versie", "aangemaakt_op", "gewijzigd_op", "gemeld_op",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.id),
            Waarde::Tekst(self.nummer),
            Waarde::Getal(self.huishouden_id),
            Waarde::Getal(self.client_id),
            Waarde::Tekst(self.zaaktype.code().into()),
            Waarde::Tekst(self.status.code().into()),
            Waarde::datum(self.ontvangen_op),
            Waarde::opgetal(self.team_id),
            Waarde::opgetal(self.consulent_id),
            Waarde::Getal(self.versie),
            Waarde::tijdstip(self.aangemaakt_op),
            Waarde::tijdstip(self.gewijzigd_op),
            Waarde::datum(self.gemeld_op),
        ])
    }
}

/// Zonder id: de database kent het toe.
impl Bulkrij for GebeurtenisRij {
    const TABEL: &'static str = "dossiergebeurtenissen";
    const KOLOMMEN: &'static [&'static str] = &[
        "dossier_id",
        "tijdstip",
        "actor",
        "soort",
        "omschrijving",
        "operatie_id",
    ];
    fn waarden(self) -> Uitkomst<Vec<Waarde>> {
        Ok(vec![
            Waarde::Getal(self.dossier_id),
            Waarde::tijdstip(self.tijdstip),
            Waarde::Tekst(self.actor),
            Waarde::Tekst(self.soort.code().into()),
            Waarde::Tekst(self.omschrijving),
            Waarde::Tekst(self.operatie_id),
        ])
    }
}

fn vermogensopgave_uit_rij(r: &impl Rij) -> Uitkomst<VermogensopgaveRij> {
    Ok(VermogensopgaveRij {
        id: getal(r, "id")?,
        huishouden_id: getal(r, "huishouden_id")?,
        peildatum: datum(r, "peildatum")?,
        bestanddelen: {
            let t = tekst(r, "bestanddelen")?;
            serde_json::from_str(&t)
                .map_err(|e| onleesbaar("bestanddelen", &format!("{t} ({e})")))?
        },
        toelichting: tekst(r, "toelichting")?,
        geregistreerd_door: opgetal(r, "geregistreerd_door")?,
        geregistreerd_op: tijdstip(r, "geregistreerd_op")?,
        vervallen_op: optijdstip(r, "vervallen_op")?,
        vervallen_reden: optekst(r, "vervallen_reden")?,
        operatie_id: tekst(r, "operatie_id")?,
    })
}

#[async_trait]
impl DossiersLezen for AnyTransactie {
    async fn voorschotten_van(&mut self, dossier_id: i64) -> Uitkomst<Vec<VoorschotRij>> {
        crate::voorschotten::van_dossier(self.conn(), dossier_id).await
    }

    async fn voorschotten_te_betalen(&mut self) -> Uitkomst<Vec<VoorschotRij>> {
        crate::voorschotten::te_betalen(self.conn()).await
    }

    async fn voorschotten_verrekend_met(
        &mut self,
        uitkeringen: &[i64],
    ) -> Uitkomst<Vec<(i64, chrono::NaiveDate, vangnet_domain::bedrag::Bedrag)>> {
        let engine = self.engine;
        crate::voorschotten::verrekend_met(self.conn(), engine, uitkeringen).await
    }

    async fn vermogensopgaven_van(
        &mut self,
        huishouden_id: i64,
    ) -> Uitkomst<Vec<VermogensopgaveRij>> {
        let rijen = sqlx::query(
            "SELECT id, huishouden_id, peildatum, bestanddelen, toelichting, geregistreerd_door, \
             geregistreerd_op, vervallen_op, vervallen_reden, operatie_id \
             FROM vermogensopgaven WHERE huishouden_id = $1 ORDER BY peildatum DESC, id DESC",
        )
        .bind(huishouden_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen
            .iter()
            .map(vermogensopgave_uit_rij)
            .collect::<Uitkomst<_>>()
            .map_err(|e| in_tabel("vermogensopgaven", e))
    }

    async fn dossier_op_id(&mut self, id: i64) -> Uitkomst<Option<DossierRij>> {
        let r = sqlx::query(&format!(
            "SELECT {DOSSIER_KOLOMMEN} FROM dossiers WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.conn())
        .await
        .map_err(vertaal)?;
        r.as_ref().map(dossier_uit_rij).transpose()
    }

    async fn dossiers_van_huishoudens(&mut self, ids: &[i64]) -> Uitkomst<Vec<DossierRij>> {
        let rijen = self
            .waar_in(
                DOSSIER_KOLOMMEN,
                "dossiers",
                "huishouden_id",
                ids,
                "id DESC",
            )
            .await?;
        rijen.iter().map(dossier_uit_rij).collect()
    }

    async fn gebeurtenissen_van(&mut self, dossier_id: i64) -> Uitkomst<Vec<GebeurtenisRij>> {
        let rijen = sqlx::query(
            "SELECT id, dossier_id, tijdstip, actor, soort, omschrijving, operatie_id \
             FROM dossiergebeurtenissen WHERE dossier_id = $1 ORDER BY tijdstip DESC, id DESC",
        )
        .bind(dossier_id)
        .fetch_all(self.conn())
        .await
        .map_err(vertaal)?;
        rijen
            .iter()
            .map(|r| {
                Ok(GebeurtenisRij {
                    id: getal(r, "id")?,
                    dossier_id: getal(r, "dossier_id")?,
                    tijdstip: tijdstip(r, "tijdstip")?,
                    actor: tekst(r, "actor")?,
                    soort: code(r, "soort", Gebeurtenissoort::uit_code)?,
                    omschrijving: tekst(r, "omschrijving")?,
                    operatie_id: tekst(r, "operatie_id")?,
                })
            })
            .collect::<Uitkomst<_>>()
            .map_err(|e| in_tabel("dossiergebeurtenissen", e))
    }

    async fn dossiers_op_ids(&mut self, ids: &[i64]) -> Uitkomst<Vec<DossierRij>> {
        #[rustfmt::skip]
        type Rij = (i64, String, i64, i64, String, String, String, Option<i64>, Option<i64>, i64,
                    String, String, String);
        let rijen: Vec<Rij> = self
            .waar_in_als(DOSSIER_KOLOMMEN, "dossiers", "id", ids, |r: &Rij| r.0)
            .await?;
        rijen
            .into_iter()
            .map(|r| {
                Ok(DossierRij {
                    id: r.0,
                    nummer: r.1,
                    huishouden_id: r.2,
                    client_id: r.3,
                    zaaktype: Zaaktype::uit_code(&r.4)
                        .ok_or_else(|| in_tabel("dossiers", onleesbaar("zaaktype", &r.4)))?,
                    status: Status::uit_code(&r.5)
                        .ok_or_else(|| in_tabel("dossiers", onleesbaar("status", &r.5)))?,
                    ontvangen_op: datum_uit("dossiers.ontvangen_op", &r.6)?,
                    team_id: r.7,
                    consulent_id: r.8,
                    versie: r.9,
                    aangemaakt_op: tijdstip_uit("dossiers.aangemaakt_op", &r.10)?,
                    gewijzigd_op: tijdstip_uit("dossiers.gewijzigd_op", &r.11)?,
                    gemeld_op: datum_uit("dossiers.gemeld_op", &r.12)?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl Dossiers for AnyTransactie {
    async fn voorschot_invoegen(&mut self, r: &VoorschotRij) -> Uitkomst<i64> {
        crate::voorschotten::invoegen(self.conn(), r).await
    }

    async fn voorschot_bijwerken(&mut self, r: &VoorschotRij) -> Uitkomst<bool> {
        crate::voorschotten::bijwerken(self.conn(), r).await
    }

    async fn vermogensopgave_invoegen(&mut self, r: &VermogensopgaveRij) -> Uitkomst<i64> {
        let rij = sqlx::query(
            "INSERT INTO vermogensopgaven (huishouden_id, peildatum, bestanddelen, toelichting, \
             geregistreerd_door, geregistreerd_op, operatie_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(r.huishouden_id)
        .bind(tijd::datum_tekst(r.peildatum))
        .bind(
            serde_json::to_string(&r.bestanddelen)
                .map_err(|e| OpslagFout::Database(format!("vermogensopgaven.bestanddelen: {e}")))?,
        )
        .bind(&r.toelichting)
        .bind(r.geregistreerd_door)
        .bind(tijd::instant_tekst(r.geregistreerd_op))
        .bind(&r.operatie_id)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&rij, "id")
    }

    async fn vermogensopgave_laten_vervallen(
        &mut self,
        id: i64,
        tijdstip: DateTime<Utc>,
        reden: &str,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE vermogensopgaven SET vervallen_op = $1, vervallen_reden = $2 \
             WHERE id = $3 AND vervallen_op IS NULL",
        )
        .bind(tijd::instant_tekst(tijdstip))
        .bind(reden)
        .bind(id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() > 0)
    }

    async fn dossiernummer_volgende(&mut self, jaar: i64) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO dossiernummers (jaar, laatste) VALUES ($1, 1) \
             ON CONFLICT (jaar) DO UPDATE SET laatste = dossiernummers.laatste + 1 \
             RETURNING laatste",
        )
        .bind(jaar)
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "laatste")
    }

    async fn dossier_invoegen(&mut self, d: &DossierRij) -> Uitkomst<i64> {
        let r = sqlx::query(
            "INSERT INTO dossiers (nummer, huishouden_id, client_id, zaaktype, status, ontvangen_op, \
             team_id, consulent_id, versie, aangemaakt_op, gewijzigd_op, gemeld_op) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(&d.nummer)
        .bind(d.huishouden_id)
        .bind(d.client_id)
        .bind(d.zaaktype.code())
        .bind(d.status.code())
        .bind(tijd::datum_tekst(d.ontvangen_op))
        .bind(d.team_id)
        .bind(d.consulent_id)
        .bind(d.versie)
        .bind(tijd::instant_tekst(d.aangemaakt_op))
        .bind(tijd::instant_tekst(d.gewijzigd_op))
        .bind(tijd::datum_tekst(d.gemeld_op))
        .fetch_one(self.conn())
        .await
        .map_err(vertaal)?;
        getal(&r, "id")
    }

    async fn gebeurtenis_toevoegen(&mut self, g: &GebeurtenisRij) -> Uitkomst<()> {
        sqlx::query(
            "INSERT INTO dossiergebeurtenissen (dossier_id, tijdstip, actor, soort, omschrijving, \
             operatie_id) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(g.dossier_id)
        .bind(tijd::instant_tekst(g.tijdstip))
        .bind(&g.actor)
        .bind(g.soort.code())
        .bind(&g.omschrijving)
        .bind(&g.operatie_id)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(())
    }

    async fn dossier_status_zetten(
        &mut self,
        id: i64,
        status: Status,
        verwacht: i64,
        tijdstip: DateTime<Utc>,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE dossiers SET status = $1, versie = versie + 1, gewijzigd_op = $2 \
             WHERE id = $3 AND versie = $4",
        )
        .bind(status.code())
        .bind(tijd::instant_tekst(tijdstip))
        .bind(id)
        .bind(verwacht)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn dossier_toewijzen(
        &mut self,
        id: i64,
        team_id: Option<i64>,
        consulent_id: Option<i64>,
        verwacht: i64,
        tijdstip: &str,
    ) -> Uitkomst<bool> {
        let r = sqlx::query(
            "UPDATE dossiers SET team_id = $1, consulent_id = $2, versie = versie + 1, \
             gewijzigd_op = $3 WHERE id = $4 AND versie = $5",
        )
        .bind(team_id)
        .bind(consulent_id)
        .bind(tijdstip)
        .bind(id)
        .bind(verwacht)
        .execute(self.conn())
        .await
        .map_err(vertaal)?;
        Ok(r.rows_affected() == 1)
    }

    async fn dossiers_bulk_invoegen(
        &mut self,
        dossiers: Vec<DossierRij>,
        gebeurtenissen: Vec<GebeurtenisRij>,
    ) -> Uitkomst<()> {
        self.bulk(dossiers).await?;
        self.bulk(gebeurtenissen).await?;
        Ok(())
    }

    async fn dossiernummers_zetten(&mut self, laatste: &[(i32, i64)]) -> Uitkomst<()> {
        for (jaar, n) in laatste {
            sqlx::query(
                "INSERT INTO dossiernummers (jaar, laatste) VALUES ($1, $2) \
                 ON CONFLICT (jaar) DO UPDATE SET laatste = excluded.laatste",
            )
            .bind(i64::from(*jaar))
            .bind(*n)
            .execute(self.conn())
            .await
            .map_err(vertaal)?;
        }
        Ok(())
    }
}
