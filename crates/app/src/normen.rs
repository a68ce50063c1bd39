//! De normtabellen waarmee Vangnet rekent: de meegecompileerde standaard, of de set die een
//! functioneel beheerder het laatst heeft geladen. Laden controleert het bestand volledig
//! (`Normtabellen::lees`: elk bedrag aanwezig, perioden aaneensluitend), weigert een set die
//! minder ver terug gaat dan de huidige, en legt de lading met haar verschillen vast in de
//! audittrail. Een geladen set vervangt nooit een eerdere rij: de historie blijft.
//!
//! Herberekening van lopende uitkeringen na een lading hoort bij de mutaties (issue 6).

use std::sync::{Arc, RwLock};

use serde::Serialize;
use vangnet_domain::job::Jobsoort;
use vangnet_domain::normen::{Normtabellen, Normverschil};
use vangnet_domain::Recht;

use crate::audit::Wijziging;
use crate::opslag::{Leestransactie, NormensetRij};
use crate::{geheim, App, AppFout, Context};

/// Grootste normenbestand dat we aannemen (de standaard is ruim 20 kB).
pub const MAX_BESTAND: usize = 256 * 1024;

/// De laatst gelezen set, met het id van haar rij (0: de meegecompileerde standaard).
#[derive(Default)]
pub struct Normencache(RwLock<Option<(i64, Arc<Normtabellen>)>>);

/// De geldende normtabellen en waar ze vandaan komen.
#[derive(Debug, Clone)]
pub struct GeldendeNormen {
    pub tabellen: Arc<Normtabellen>,
    /// Geen: de meegecompileerde standaard.
    pub lading: Option<NormensetRij>,
}

/// Wat `normen_laden` teruggeeft.
#[derive(Debug, Clone, Serialize)]
pub struct Normenlading {
    pub id: i64,
    pub perioden: usize,
    pub verschillen: Vec<Normverschil>,
    /// De job die alle uitkeringen herberekent (in dezelfde transactie aangemeld: geladen
    /// normen worden nooit stil niet toegepast).
    pub job: i64,
}

/// Meldt de herberekening van alle uitkeringen aan als job in `tx` (onderwerp `normen`: er is
/// er hoogstens één open).
async fn herberekening_aanmelden(
    tx: &mut dyn crate::opslag::Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    omschrijving: &str,
    parameters: serde_json::Value,
) -> Result<i64, AppFout> {
    let uitkeringen = u64::try_from(tx.aantal_uitkeringen().await?).unwrap_or(0);
    crate::jobs::job_aanmelden(
        tx,
        ctx,
        nu,
        Jobsoort::NormenHerberekenen,
        "normen",
        omschrijving,
        parameters,
        uitkeringen,
        None,
    )
    .await?
    .ok_or_else(herberekening_loopt)
}

fn herberekening_loopt() -> AppFout {
    AppFout::veld(
        "bestand",
        "De herberekening na de vorige normtabellen loopt nog (zie Jobs). Laad de nieuwe tabellen \
         als die klaar is.",
    )
}

/// Een gecontroleerd normenbestand: de tabellen, wat zij veranderen, en de vorige lading.
struct Normentoets {
    nieuw: Normtabellen,
    verschillen: Vec<Normverschil>,
    sha256: String,
    vorige: Option<NormensetRij>,
}

/// Een overzicht voor het scherm: wat geldt, en wie wanneer welke set laadde.
#[derive(Debug, Clone)]
pub struct Normenoverzicht {
    pub geldend: GeldendeNormen,
    pub ladingen: Vec<NormensetRij>,
}

fn standaard() -> Result<Arc<Normtabellen>, AppFout> {
    Normtabellen::gedeeld()
        .map(|t| Arc::new(t.clone()))
        .map_err(AppFout::Intern)
}

impl App {
    /// De tabellen die nu gelden. Eén goedkope vraag aan de database per aanroep; de set zelf
    /// wordt alleen opnieuw gelezen als er een nieuwe is geladen (ook door een ander proces).
    pub(crate) async fn geldende_normtabellen(
        &self,
        tx: &mut dyn Leestransactie,
    ) -> Result<Arc<Normtabellen>, AppFout> {
        let id = tx.normenset_nieuwste_id().await?.unwrap_or(0);
        if let Ok(cache) = self.normen.0.read() {
            if let Some((cid, t)) = cache.as_ref().filter(|(cid, _)| *cid == id) {
                tracing::trace!(normenset = cid, "normtabellen uit de cache");
                return Ok(Arc::clone(t));
            }
        }
        let tabellen = match tx.normenset_nieuwste().await? {
            None => standaard()?,
            Some(rij) => Arc::new(Normtabellen::lees(&rij.inhoud).map_err(|e| {
                AppFout::Intern(format!("geladen normenset {} is onleesbaar: {e}", rij.id))
            })?),
        };
        if let Ok(mut cache) = self.normen.0.write() {
            *cache = Some((id, Arc::clone(&tabellen)));
        }
        Ok(tabellen)
    }

    /// Wat het laden van `inhoud` zou veranderen, zonder iets op te slaan: de bedragen zoals
    /// gelezen naast de geldende (issue 21 punt 1: elk bedrag teruggelezen vóór het opslaan).
    /// Weigert wat `normen_laden` ook weigert.
    pub async fn normen_voorbeeld(
        &self,
        ctx: &Context,
        inhoud: &str,
    ) -> Result<Vec<Normverschil>, AppFout> {
        ctx.actor.vereist(Recht::NormenBeheren)?;
        let mut tx = self.opslag.lees().await?;
        let toets = self.normen_toetsen(tx.as_mut(), inhoud).await;
        tx.afsluiten().await?;
        Ok(toets?.verschillen)
    }

    /// Laadt een nieuwe set normtabellen uit de tekst van een bestand in de vorm van
    /// normen-bronnen.toml. Weigert (en wijzigt niets) bij een onleesbaar of onvolledig bestand,
    /// een gat of overlap tussen perioden, een set die minder ver terug gaat dan de huidige, of
    /// een set die gelijk is aan de huidige.
    pub async fn normen_laden(
        &self,
        ctx: &Context,
        bestandsnaam: &str,
        inhoud: &str,
    ) -> Result<Normenlading, AppFout> {
        ctx.actor.vereist(Recht::NormenBeheren)?;
        let mut h = self.handeling(ctx, Recht::NormenBeheren).await?;
        let nu = h.nu;
        let Normentoets {
            nieuw,
            verschillen,
            sha256,
            vorige,
        } = self.normen_toetsen(&mut *h, inhoud).await?;
        let rij = NormensetRij {
            id: 0,
            geladen_op: nu,
            geladen_door: ctx.actor.omschrijving(),
            bestandsnaam: bestandsnaam.chars().take(200).collect(),
            sha256,
            inhoud: inhoud.to_owned(),
            operatie_id: ctx.operatie_id.clone(),
        };
        let id = h.normenset_invoegen(&rij).await?;
        let job = herberekening_aanmelden(
            &mut *h,
            ctx,
            nu,
            "Herberekening van alle uitkeringen na nieuwe normtabellen",
            serde_json::json!({ "normenset": id }),
        )
        .await?;
        h.vastleggen(Wijziging {
            actie: "normen.geladen",
            onderwerp_type: "normenset",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "Normtabellen geladen uit {} ({} perioden, {} bedragen gewijzigd)",
                rij.bestandsnaam,
                nieuw.0.len(),
                verschillen.len()
            ),
            voor: vorige.map(|v| serde_json::json!({ "normenset": v.id, "sha256": v.sha256 })),
            na: Some(serde_json::json!({
                "normenset": id,
                "sha256": rij.sha256,
                "verschillen": verschillen,
                "herberekening": job,
            })),
            reden: None,
        })
        .await?;
        tracing::info!(
            normenset = id,
            verschillen = verschillen.len(),
            "normtabellen geladen"
        );
        Ok(Normenlading {
            id,
            perioden: nieuw.0.len(),
            verschillen,
            job,
        })
    }

    /// Meldt een herberekening van alle uitkeringen met de geldende normtabellen aan als job
    /// (de opdrachtregel `vangnet normen herbereken`; na een lading doet `normen_laden` dat zelf).
    pub async fn normen_herberekenen_aanmelden(&self, ctx: &Context) -> Result<i64, AppFout> {
        let mut h = self.handeling(ctx, Recht::NormenBeheren).await?;
        let nu = h.nu;
        let job = herberekening_aanmelden(
            &mut *h,
            ctx,
            nu,
            "Herberekening van alle uitkeringen met de geldende normtabellen",
            serde_json::json!({}),
        )
        .await?;
        h.vastleggen(Wijziging {
            actie: "normen.herberekenen_aangemeld",
            onderwerp_type: "job",
            onderwerp_id: job.to_string(),
            samenvatting: format!("Herberekening van alle uitkeringen aangemeld (job {job})"),
            ..Default::default()
        })
        .await?;
        Ok(job)
    }

    /// De controles op een nieuw normenbestand tegen de geldende set (zie `normen_laden`).
    async fn normen_toetsen(
        &self,
        tx: &mut dyn Leestransactie,
        inhoud: &str,
    ) -> Result<Normentoets, AppFout> {
        if inhoud.len() > MAX_BESTAND {
            return Err(AppFout::veld(
                "bestand",
                format!("Het normenbestand is groter dan {} kB.", MAX_BESTAND / 1024),
            ));
        }
        if inhoud.trim().is_empty() {
            return Err(AppFout::veld("bestand", "Het normenbestand is leeg."));
        }
        let nieuw = Normtabellen::lees(inhoud).map_err(|e| AppFout::veld("bestand", e))?;
        let huidig = self.geldende_normtabellen(tx).await?;
        let (eerste_oud, eerste_nieuw) = (huidig.0[0].geldig_vanaf, nieuw.0[0].geldig_vanaf);
        if eerste_nieuw > eerste_oud {
            return Err(AppFout::veld(
                "bestand",
                format!(
                    "De nieuwe tabellen beginnen op {}, de huidige al op {}: dan kan over eerdere maanden niet meer worden gerekend. Neem de eerdere perioden op.",
                    eerste_nieuw.format("%d-%m-%Y"),
                    eerste_oud.format("%d-%m-%Y")
                ),
            ));
        }
        // Eindigt de nieuwe set eerder, dan worden maanden die al berekend (en misschien
        // betaald) zijn onberekenbaar.
        if nieuw.laatste_dag() < huidig.laatste_dag() {
            return Err(AppFout::veld(
                "bestand",
                format!(
                    "De nieuwe tabellen gelden tot en met {}, de huidige al tot en met {}: dan kan over latere maanden niet meer worden gerekend. Neem de latere perioden op.",
                    nieuw.laatste_dag().format("%d-%m-%Y"),
                    huidig.laatste_dag().format("%d-%m-%Y")
                ),
            ));
        }
        let verschillen = huidig.verschillen(&nieuw);
        let sha256 = geheim::sha256_hex(inhoud);
        let vorige = tx.normenset_nieuwste().await?;
        if verschillen.is_empty() && huidig.0.len() == nieuw.0.len() {
            let zelfde_bestand = vorige.as_ref().is_some_and(|v| v.sha256 == sha256);
            return Err(AppFout::veld(
                "bestand",
                if zelfde_bestand {
                    "Dit bestand is al geladen; er verandert niets."
                } else {
                    "Deze tabellen hebben dezelfde bedragen als de geldende; er verandert niets."
                },
            ));
        }
        // Een herberekening die nog loopt, rekent haar resterende partijen met de nieuwe tabellen
        // en de al gedane met de oude: eerst die afmaken (of stoppen).
        if Self::open_job(&mut *tx, "normen").await?.is_some() {
            return Err(herberekening_loopt());
        }
        Ok(Normentoets {
            nieuw,
            verschillen,
            sha256,
            vorige,
        })
    }

    /// Wat nu geldt en de geschiedenis van ladingen. Normbedragen zijn openbaar: elke ingelogde
    /// gebruiker mag ze zien.
    pub async fn normen_overzicht(&self, _ctx: &Context) -> Result<Normenoverzicht, AppFout> {
        let mut tx = self.opslag.lees().await?;
        let tabellen = self.geldende_normtabellen(tx.as_mut()).await?;
        let ladingen = tx.normensets().await?;
        tx.afsluiten().await?;
        Ok(Normenoverzicht {
            geldend: GeldendeNormen {
                tabellen,
                lading: ladingen.first().cloned(),
            },
            ladingen,
        })
    }
}
