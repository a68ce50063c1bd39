//! De audittrail: schrijven (in de transactie van de wijziging zelf), lezen en de keten
//! controleren.

use serde::Serialize;
use vangnet_domain::audit::{AuditGegevens, GeketendRecord, KetenControle, KetenFout};
use vangnet_domain::{tijd, Recht};

use crate::opslag::{AuditFilter, Transactie};
use crate::{ketens, zegel, App, AppFout, Context};

/// Wat een use case over zijn wijziging vastlegt.
#[derive(Debug, Clone, Default)]
pub struct Wijziging {
    pub actie: &'static str,
    pub onderwerp_type: &'static str,
    pub onderwerp_id: String,
    pub samenvatting: String,
    pub voor: Option<serde_json::Value>,
    pub na: Option<serde_json::Value>,
    pub reden: Option<String>,
}

/// Schrijft het auditrecord in de lopende transactie. Faalt de transactie later, dan is ook het
/// record weg; lukt ze, dan staan wijziging en record er allebei.
pub async fn vastleggen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    w: Wijziging,
) -> Result<i64, AppFout> {
    let (volgnummer, vorige_hash) = tx.audit_kop_claimen().await?;
    let gegevens = AuditGegevens {
        volgnummer,
        tijdstip: tijd::instant_tekst(tijdstip),
        operatie_id: ctx.operatie_id.clone(),
        actor_id: ctx.actor.gebruiker_id(),
        actor: ctx.actor.omschrijving(),
        actie: w.actie.to_owned(),
        onderwerp_type: w.onderwerp_type.to_owned(),
        onderwerp_id: w.onderwerp_id,
        samenvatting: w.samenvatting,
        voor: w.voor.map(|v| v.to_string()),
        na: w.na.map(|v| v.to_string()),
        reden: w.reden.filter(|r| !r.trim().is_empty()),
    };
    let hash = gegevens.hash(&vorige_hash, tx.ketensleutel());
    tx.audit_toevoegen(&GeketendRecord {
        gegevens,
        vorige_hash,
        hash,
    })
    .await?;
    Ok(volgnummer)
}

/// Een bladzijde uit de audittrail.
#[derive(Debug, Clone, Serialize)]
pub struct AuditPagina {
    pub records: Vec<GeketendRecord>,
    pub totaal: i64,
}

/// De uitkomst van `vangnet audit verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KetenUitslag {
    /// Alles klopt: zoveel auditrecords, met of zonder sleutel gecontroleerd, en zoveel ankers
    /// uit het ankerbestand.
    Intact {
        records: i64,
        sleutel: bool,
        ankers: usize,
    },
    Gebroken(KetenFout),
}

impl App {
    pub async fn audit_zoeken(
        &self,
        ctx: &Context,
        filter: &AuditFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Result<AuditPagina, AppFout> {
        ctx.actor.vereist(Recht::AuditInzien)?;
        let mut tx = self.opslag.lees().await?;
        let records = tx
            .audit_zoeken(filter, limiet.clamp(1, 500), overslaan.max(0))
            .await?;
        let totaal = tx.audit_tellen(filter).await?;
        tx.afsluiten().await?;
        Ok(AuditPagina { records, totaal })
    }

    /// Loopt de hele keten door in stukken van 1000 records en sluit af tegen de kop; daarna
    /// rekent het de zegels van alle goedgekeurde betaalruns na tegen hun betaalregels.
    pub async fn audit_controleren(&self, ctx: &Context) -> Result<KetenUitslag, AppFout> {
        ctx.actor.vereist(Recht::AuditInzien)?;
        let mut tx = self.opslag.lees().await?;
        // Alles tegen één stand: wat tijdens de controle wordt vastgelegd (een goedkeuring, een
        // inzage) is geen regel buiten de keten.
        tx.momentopname().await?;
        let (kop_nr, kop_hash) = tx.audit_kop().await?;
        let tx_sleutel = tx.ketensleutel().is_some();
        let mut controle = KetenControle::met_sleutel(tx.ketensleutel().cloned());
        let mut zegels = Vec::new();
        let mut vanaf = 1;
        loop {
            let stuk = tx.audit_reeks(vanaf, 1000).await?;
            for r in &stuk {
                if let Err(f) = controle.volgend(r) {
                    return Ok(KetenUitslag::Gebroken(f));
                }
                if r.gegevens.actie == zegel::GOEDKEURING {
                    let run = r.gegevens.onderwerp_id.parse::<i64>().unwrap_or(0);
                    zegels.push((r.gegevens.volgnummer, run, zegel::uit_record(r)));
                }
            }
            match stuk.last() {
                Some(laatste) if stuk.len() == 1000 => vanaf = laatste.gegevens.volgnummer + 1,
                _ => break,
            }
        }
        let records = match controle.sluit_af(kop_nr, &kop_hash) {
            Ok(records) => records,
            Err(f) => return Ok(KetenUitslag::Gebroken(f)),
        };
        // Elke goedgekeurde of geëxporteerde run heeft een goedkeuring in de keten; een zegel
        // daarin moet kloppen met de betaalregels van nu (geen zegel: goedgekeurd vóór de zegels).
        for run in tx.betaalruns(i64::MAX).await? {
            let goedgekeurd = run.status.mag_exporteren();
            if goedgekeurd && !zegels.iter().any(|(_, id, _)| *id == run.id) {
                return Ok(KetenUitslag::Gebroken(KetenFout::GoedkeuringOntbreekt {
                    run: run.id,
                }));
            }
        }
        for (volgnummer, run_id, verwacht) in zegels {
            let gebroken = match (tx.betaalrun_op_id(run_id).await?, verwacht) {
                (Some(run), Ok(Some(verwacht))) => {
                    zegel::berekenen(tx.as_mut(), &run).await? != verwacht
                }
                (Some(_), Ok(None)) => false,
                (None, _) | (_, Err(_)) => true,
            };
            if gebroken {
                return Ok(KetenUitslag::Gebroken(KetenFout::ZegelGebroken {
                    run: run_id,
                    volgnummer,
                }));
            }
        }
        if let Err(f) = ketens::toegangsketen_controleren(tx.as_mut()).await? {
            return Ok(KetenUitslag::Gebroken(f));
        }
        let ankers =
            match ketens::ankers_controleren(tx.as_mut(), self.instellingen.ankers.as_deref())
                .await?
            {
                Ok(n) => n,
                Err(f) => return Ok(KetenUitslag::Gebroken(f)),
            };
        tx.afsluiten().await?;
        Ok(KetenUitslag::Intact {
            records,
            sleutel: tx_sleutel,
            ankers,
        })
    }
}
