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

/// Schrijft het auditrecord in de lopende transactie (volgnummer en hash bij de commit, zie
/// [`crate::opslag::Audittrail::audit_opnemen`]). Faalt de transactie later, dan is ook het
/// record weg; lukt ze, dan staan wijziging en record er allebei.
pub async fn vastleggen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    w: Wijziging,
) -> Result<(), AppFout> {
    tx.audit_opnemen(AuditGegevens {
        volgnummer: 0,
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
    })
    .await?;
    Ok(())
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

/// Waar een auditor naar kijkt als hij een BSN of dossiernummer typt (issue 21 punt 12): de
/// personen, en de onderwerpen in de audittrail: de personen, hun dossiers, de uitkeringen
/// daarvan (de mutaties staan onder de uitkering) en de betaalruns waarin zij zijn betaald.
#[derive(Debug, Clone, Default)]
pub struct Auditonderwerp {
    pub personen: Vec<i64>,
    pub onderwerpen: Vec<(String, String)>,
}

impl App {
    /// Naam en gemaskeerd BSN van de personen in een bladzijde van de audittrail of het
    /// toegangslog (issue 21 punt 7), voor wie die mag zien; elk in het toegangslog.
    pub async fn namen_voor_audit(
        &self,
        ctx: &Context,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, String>, AppFout> {
        let recht = if ctx.actor.mag(Recht::AuditInzien) {
            Recht::AuditInzien
        } else {
            Recht::ToegangslogInzien
        };
        let mut tx = self.handeling(ctx, recht).await?;
        let nu = tx.nu;
        let namen = crate::toegang::clientnamen(
            &mut *tx,
            ctx,
            nu,
            ids,
            "Naam getoond in de audittrail of het toegangslog",
        )
        .await?;
        tx.commit().await?;
        Ok(namen)
    }

    /// Zoekt het onderwerp van een audit op een BSN of dossiernummer. Elke gevonden persoon komt
    /// in het toegangslog (de auditor kijkt naar wat over hem is vastgelegd).
    pub async fn audit_onderwerp(
        &self,
        ctx: &Context,
        tekst: &str,
    ) -> Result<Auditonderwerp, AppFout> {
        let recht = if ctx.actor.mag(Recht::AuditInzien) {
            Recht::AuditInzien
        } else {
            Recht::ToegangslogInzien
        };
        ctx.actor.vereist(recht)?;
        let sleutel = match vangnet_domain::zoeken::Zoekvraag::herken(tekst) {
            Ok(vangnet_domain::zoeken::Zoekvraag::Bsn(b)) => {
                crate::opslag::Zoeksleutel::Bsn(b.getal())
            }
            Ok(vangnet_domain::zoeken::Zoekvraag::Dossiernummer(n)) => {
                crate::opslag::Zoeksleutel::Dossiernummer(n.to_string())
            }
            // Negen cijfers die geen BSN zijn: zeg waarom (de elfproef).
            Err(m) if tekst.chars().filter(char::is_ascii_digit).count() == 9 => {
                return Err(AppFout::veld("wie", m))
            }
            _ => {
                return Err(AppFout::veld(
                    "wie",
                    "Typ een BSN (negen cijfers) of een dossiernummer (zoals 2026-000123).",
                ))
            }
        };
        let mut tx = self.handeling(ctx, recht).await?;
        let nu = tx.nu;
        let personen = tx.personen_zoeken(&sleutel, 10).await?;
        let leden = tx.huishoudleden_van_personen(&personen).await?;
        let huishoudens: Vec<i64> = leden.iter().map(|l| l.huishouden_id).collect();
        let mut dossiers = tx.dossiers_van_huishoudens(&huishoudens).await?;
        let mut personen = personen;
        if let crate::opslag::Zoeksleutel::Dossiernummer(n) = &sleutel {
            dossiers.retain(|d| &d.nummer == n);
            personen = dossiers.iter().map(|d| d.client_id).collect();
        }
        personen.sort_unstable();
        personen.dedup();
        let mut uit = Auditonderwerp::default();
        for p in &personen {
            uit.onderwerpen.push(("persoon".into(), p.to_string()));
            crate::toegang::vastleggen(
                &mut *tx,
                ctx,
                nu,
                vangnet_domain::verwerking::BIJSTANDSVERLENING,
                "persoon",
                &p.to_string(),
                "Audit op deze persoon",
            )
            .await?;
        }
        let mut runs = Vec::new();
        for d in &dossiers {
            uit.onderwerpen.push(("dossier".into(), d.id.to_string()));
            if let Some(u) = tx.uitkering_van_dossier(d.id).await? {
                uit.onderwerpen.push(("uitkering".into(), u.id.to_string()));
            }
            runs.extend(
                tx.betaalregels_van_dossier(d.id)
                    .await?
                    .into_iter()
                    .map(|r| r.run_id),
            );
        }
        runs.sort_unstable();
        runs.dedup();
        uit.onderwerpen
            .extend(runs.iter().map(|r| ("betaalrun".to_owned(), r.to_string())));
        uit.personen = personen;
        tx.commit().await?;
        Ok(uit)
    }

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
            .audit_zoeken(filter, limiet.clamp(1, 501), overslaan.max(0))
            .await?;
        // Het totaal van de hele zoekvraag, niet alleen van wat na de cursor komt.
        let alles = AuditFilter {
            voor_volgnummer: None,
            ..filter.clone()
        };
        let totaal = tx.audit_tellen(&alles).await?;
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
