//! Lang werk op de achtergrond, duurzaam (issue 22 punten 1 en 2): de betaalrun berekenen en
//! herberekenen na nieuwe normtabellen zijn jobs in de tabel `jobs`, geen taken in het geheugen
//! van één proces.
//!
//! - Een job wordt aangemeld in een transactie ([`job_aanmelden`]); voor de herberekening in die
//!   van de lading die erom vraagt. Per onderwerp is er hoogstens één open job.
//! - Een werker ([`App::jobs_verwerken`], in elke `vangnet serve`) neemt de oudste die wacht, of
//!   een lopende waarvan de werker `Instellingen::job_overname` niets liet horen. Hij handelt
//!   namens wie de job aanvroeg (met diens rechten van dat moment) en legt elke [`HARTSLAG`]
//!   hartslag en voortgang vast.
//! - Alleen de werker die de job heeft, legt vast. Werk in partijen (de herberekening, de
//!   betaalrun) legt bij elke vastlegging in dezelfde transactie de positie vast: een overgenomen
//!   job gaat daar verder en doet niets twee keer.
//! - Stoppen vraagt de werker te stoppen: wat in een partij al vastlag blijft, de lopende partij
//!   rolt terug. Een mislukte of gestopte job kan opnieuw, vanaf haar positie.
//!
//! De geplande escalatie is een job met een sleutel per ronde: in een cluster meldt één server
//! haar aan en draait haar ([`App::geplande_ronde`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use serde::Serialize;
use vangnet_domain::job::{Jobsoort, Jobstatus, HARTSLAG};
use vangnet_domain::Recht;

use crate::account::actor_van;
use crate::audit::Wijziging;
use crate::opslag::{JobRij, NieuweJob, Transactie};
use crate::{Actor, App, AppFout, Context};

/// Eén job zoals een scherm haar toont.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub id: i64,
    /// Soort en status voor een mens; hun codes voor een koppeling.
    pub soort: &'static str,
    pub soortcode: &'static str,
    /// Waar de job over gaat (`normen`, `betaalrun:7`): elke pagina toont haar eigen jobs.
    pub onderwerp: String,
    pub omschrijving: String,
    pub gestart_door: String,
    pub status: &'static str,
    pub statuscode: &'static str,
    pub klaar: u64,
    pub totaal: u64,
    pub pogingen: i64,
    pub aangemaakt_op: chrono::DateTime<chrono::Utc>,
    /// Geen: loopt nog of wacht. `Ok`: de samenvatting; `Err`: de fout.
    pub einde: Option<Result<String, String>>,
    /// Iemand vroeg te stoppen; de werker stopt na de lopende partij.
    pub annuleren_gevraagd: bool,
    /// Mag wie kijkt haar nu stoppen, of (mislukt of gestopt) opnieuw proberen?
    pub kan_annuleren: bool,
    pub kan_opnieuw: bool,
}

/// De werker van dit proces en de voortgang van de jobs die hij nu draait (sneller dan de
/// database: op SQLite kan een run die de schrijver vasthoudt, geen hartslag schrijven).
pub struct Jobs {
    werker: String,
    levend: Mutex<HashMap<i64, u64>>,
    /// De duur van afgeronde jobs van deze werker, per soort en uitkomst (voor `/metrics`).
    duur: Family<Joblabels, Histogram>,
    /// Wekt de werker van dit proces na een aanmelding (anders kijkt hij elke seconde).
    wekker: tokio::sync::Notify,
}

impl Default for Jobs {
    fn default() -> Self {
        Self {
            werker: format!(
                "{}:{}:{}",
                std::env::var("HOSTNAME").unwrap_or_else(|_| "vangnet".into()),
                std::process::id(),
                &crate::geheim::operatie_id()[..8]
            ),
            levend: Mutex::default(),
            duur: Family::new_with_constructor(|| {
                // 10 ms tot ruim 20 minuten.
                Histogram::new(exponential_buckets(0.01, 2.0, 18))
            }),
            wekker: tokio::sync::Notify::new(),
        }
    }
}

/// De labels van een job in de metingen.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Joblabels {
    soort: String,
    uitkomst: String,
}

/// Het recht om een job van `soort` te annuleren of opnieuw te proberen: het recht van het werk
/// zelf.
fn recht(soort: Jobsoort) -> Recht {
    match soort {
        Jobsoort::BetaalrunBerekenen => Recht::BetaalrunStarten,
        Jobsoort::NormenHerberekenen => Recht::NormenBeheren,
        Jobsoort::Escaleren => Recht::WerkInrichten,
    }
}

/// Mag `actor` een job van `soort` zien? Wie het werk mag doen, en bij een betaalrun ook wie hem
/// goedkeurt (die moet zien dat er nog wordt gerekend).
fn mag_zien(actor: &Actor, soort: Jobsoort) -> bool {
    actor.mag(recht(soort))
        || (soort == Jobsoort::BetaalrunBerekenen && actor.mag(Recht::BetaalrunGoedkeuren))
}

/// Meldt een job aan in `tx`, namens `ctx`. Geen id: er is al een job van deze soort met deze
/// sleutel, of al een open job over hetzelfde onderwerp.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn job_aanmelden(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    soort: Jobsoort,
    onderwerp: &str,
    omschrijving: &str,
    parameters: serde_json::Value,
    totaal: u64,
    sleutel: Option<String>,
) -> Result<Option<i64>, AppFout> {
    Ok(tx
        .job_aanmelden(&NieuweJob {
            soort,
            sleutel,
            onderwerp: onderwerp.into(),
            parameters: parameters.to_string(),
            omschrijving: omschrijving.into(),
            gebruiker_id: ctx.actor.gebruiker_id(),
            aangevraagd_door: ctx.actor.omschrijving(),
            operatie_id: ctx.operatie_id.clone(),
            aangemaakt_op: nu,
            totaal: i64::try_from(totaal).unwrap_or(i64::MAX),
        })
        .await?)
}

/// Waarom de werker het werk van een job afbrak.
enum Onderbreking {
    Geannuleerd(String),
    /// Een andere werker heeft haar (deze liet te lang niets horen): die maakt haar af.
    Overgenomen,
}

impl App {
    /// De duur van de jobs die deze werker afrondde, per soort en uitkomst, als histogram (de
    /// webschil zet het in `/metrics`).
    pub fn jobduur(&self) -> Family<Joblabels, Histogram> {
        self.jobs.duur.clone()
    }

    /// De naam van de werker van dit proces (in de tabel en het log).
    pub fn werker(&self) -> &str {
        &self.jobs.werker
    }

    fn levend_zetten(&self, id: i64, klaar: Option<u64>) {
        if let Ok(mut l) = self.jobs.levend.lock() {
            match klaar {
                Some(k) => {
                    l.insert(id, k);
                }
                None => {
                    l.remove(&id);
                }
            }
        }
    }

    fn job_weergave(&self, ctx: &Context, r: JobRij) -> Job {
        let levend = self
            .jobs
            .levend
            .lock()
            .ok()
            .and_then(|l| l.get(&r.id).copied());
        let beheren = ctx.actor.mag(recht(r.soort));
        let einde = match r.status {
            Jobstatus::Klaar => Some(Ok(r.uitkomst.clone().unwrap_or_default())),
            Jobstatus::Mislukt => Some(Err(r.fout.clone().unwrap_or_default())),
            Jobstatus::Geannuleerd => Some(Err(format!(
                "geannuleerd door {}",
                r.annuleren_door.clone().unwrap_or_default()
            ))),
            Jobstatus::Wachtend | Jobstatus::Lopend => None,
        };
        Job {
            id: r.id,
            soort: r.soort.naam(),
            soortcode: r.soort.code(),
            onderwerp: r.onderwerp,
            omschrijving: r.omschrijving,
            gestart_door: r.aangevraagd_door,
            status: r.status.naam(),
            statuscode: r.status.code(),
            klaar: levend
                .unwrap_or(0)
                .max(u64::try_from(r.verwerkt).unwrap_or(0)),
            totaal: u64::try_from(r.totaal).unwrap_or(0),
            pogingen: r.pogingen,
            aangemaakt_op: r.aangemaakt_op,
            einde,
            annuleren_gevraagd: r.annuleren_door.is_some() && r.status.open(),
            // Ook een rekenende betaalrun: zij laat de schrijver na elke partij los.
            kan_annuleren: beheren && r.status.open() && r.annuleren_door.is_none(),
            kan_opnieuw: beheren && matches!(r.status, Jobstatus::Mislukt | Jobstatus::Geannuleerd),
        }
    }

    /// De jobs over `onderwerp` (of alle) van de soorten die `ctx` mag zien: eerst de open,
    /// dan de mislukte, dan de rest, elk nieuwste eerst.
    pub async fn jobs_van(
        &self,
        ctx: &Context,
        onderwerp: Option<&str>,
    ) -> Result<Vec<Job>, AppFout> {
        let soorten: Vec<Jobsoort> = Jobsoort::ALLE
            .into_iter()
            .filter(|s| mag_zien(&ctx.actor, *s))
            .collect();
        let mut tx = self.opslag.lees().await?;
        let rijen = tx.jobs_lijst(onderwerp, &soorten, 50).await?;
        tx.afsluiten().await?;
        Ok(rijen
            .into_iter()
            .map(|r| self.job_weergave(ctx, r))
            .collect())
    }

    /// Is er een open job (wachtend of lopend) over `onderwerp`? Voor use cases die niet mogen
    /// handelen terwijl er nog wordt gerekend.
    pub(crate) async fn open_job(
        tx: &mut dyn crate::opslag::Leestransactie,
        onderwerp: &str,
    ) -> Result<Option<JobRij>, AppFout> {
        Ok(tx
            .jobs_lijst(Some(onderwerp), &Jobsoort::ALLE, 1)
            .await?
            .into_iter()
            .find(|j| j.status.open()))
    }

    /// Begint een handeling van `ctx` op job `id`: laadt haar, gaat het recht van haar soort na
    /// en schrijft meteen het auditrecord. Eerst de kop van de audittrail, dan de job: in dezelfde
    /// volgorde als een partij van de herberekening, zodat de twee niet op elkaar wachten
    /// (deadlock op PostgreSQL).
    async fn jobhandeling(
        &self,
        ctx: &Context,
        id: i64,
        actie: &'static str,
        wat: &str,
    ) -> Result<(crate::handeling::Handeling, JobRij), AppFout> {
        // Wie geen enkele soort job mag beheren, hoort niet of een job bestaat.
        if !Jobsoort::ALLE.into_iter().any(|s| ctx.actor.mag(recht(s))) {
            return Err(AppFout::GeenToegang);
        }
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let job = tx
            .job_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De job".into()))?;
        ctx.actor.vereist(recht(job.soort))?;
        tx.audit(Wijziging {
            actie,
            onderwerp_type: "job",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Job {id} ({}): {wat}", job.omschrijving),
            ..Default::default()
        })
        .await?;
        Ok((tx, job))
    }

    /// Vraagt een job te stoppen (een wachtende stopt meteen, een lopende na haar partij).
    pub async fn job_annuleren(&self, ctx: &Context, id: i64) -> Result<(), AppFout> {
        let (mut tx, _) = self
            .jobhandeling(ctx, id, "job.annuleren", "stoppen gevraagd")
            .await?;
        let nu = tx.nu;
        if !tx.job_annuleren(id, &ctx.actor.omschrijving(), nu).await? {
            return Err(AppFout::Conflict(
                "Deze job is al afgelopen of wordt al gestopt.".into(),
            ));
        }
        tx.commit().await
    }

    /// Zet een mislukte of geannuleerde job terug in de rij; zij gaat verder vanaf haar positie,
    /// nu namens wie haar opnieuw probeert (met diens rechten, in audittrail en toegangslog).
    pub async fn job_opnieuw(&self, ctx: &Context, id: i64) -> Result<(), AppFout> {
        let (mut tx, job) = self
            .jobhandeling(ctx, id, "job.opnieuw", "opnieuw in de rij")
            .await?;
        let nu = tx.nu;
        let door = NieuweJob {
            soort: job.soort,
            sleutel: None,
            onderwerp: job.onderwerp.clone(),
            parameters: String::new(),
            omschrijving: String::new(),
            gebruiker_id: ctx.actor.gebruiker_id(),
            aangevraagd_door: ctx.actor.omschrijving(),
            operatie_id: ctx.operatie_id.clone(),
            aangemaakt_op: nu,
            totaal: 0,
        };
        match tx.job_opnieuw(id, &door).await {
            Ok(true) => tx.commit().await,
            Ok(false) => Err(AppFout::Conflict(
                "Alleen een mislukte of geannuleerde job kan opnieuw.".into(),
            )),
            Err(crate::opslag::OpslagFout::Uniek(_)) => Err(AppFout::Conflict(
                "Er loopt of wacht al een job over hetzelfde; probeer het als die klaar is.".into(),
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// Zegt de werker van dit proces dat er een job is aangemeld (na de commit).
    pub fn jobs_wekken(&self) {
        self.jobs.wekker.notify_one();
    }

    /// De werker van `vangnet serve`: neemt jobs zolang er zijn, en kijkt anders elke seconde
    /// opnieuw (een job van een andere server, of een die een gestopte werker achterliet), of
    /// zodra [`App::jobs_wekken`] hem wekt. Een fout van de database komt in het log; daarna
    /// probeert hij het weer.
    pub async fn jobs_verwerken(&self) {
        loop {
            match self.job_draaien(None, |_| {}).await {
                Ok(Some(_)) => continue,
                Ok(None) => {}
                Err(e) => tracing::error!(fout = %e, "werker: job nemen mislukt"),
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                _ = self.jobs.wekker.notified() => {}
            }
        }
    }

    /// Neemt een job (met `alleen`: die job) en draait haar tot het einde. Geen: er was niets te
    /// nemen. `voortgang` hoort elke partij (de opdrachtregel toont zo een balk).
    pub async fn job_draaien(
        &self,
        alleen: Option<i64>,
        voortgang: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<Option<JobRij>, AppFout> {
        // Eerst lezen of er iets open is: een werker zonder werk vraagt zo niet elke seconde de
        // schrijver (op SQLite de enige, die ook de medewerkers nodig hebben).
        let mut lees = self.opslag.lees().await?;
        let open = lees
            .jobs_lijst(None, &Jobsoort::ALLE, 1)
            .await?
            .first()
            .is_some_and(|j| j.status.open());
        lees.afsluiten().await?;
        if !open {
            return Ok(None);
        }
        let operatie = crate::geheim::operatie_id();
        let mut tx = self.systeemhandeling("jobs", &operatie).await?;
        let nu = tx.nu;
        let Some(job) = tx
            .job_nemen(
                &self.jobs.werker,
                nu,
                nu - self.instellingen.job_overname,
                alleen,
            )
            .await?
        else {
            tx.commit().await?;
            return Ok(None);
        };
        tx.commit().await?;
        tracing::info!(
            job = job.id,
            soort = job.soort.code(),
            poging = job.pogingen,
            werker = %self.jobs.werker,
            "job genomen"
        );
        let begin = std::time::Instant::now();
        let span = tracing::info_span!(
            "job",
            job = job.id,
            soort = job.soort.code(),
            poging = job.pogingen,
            operatie_id = %operatie
        );
        let uitkomst =
            tracing::Instrument::instrument(self.job_uitvoeren(&job, Arc::new(voortgang)), span)
                .await;
        self.levend_zetten(job.id, None);
        self.jobs
            .duur
            .get_or_create(&Joblabels {
                soort: job.soort.code().into(),
                uitkomst: match &uitkomst {
                    Ok(_) => Jobstatus::Klaar.code(),
                    Err(Ok(Onderbreking::Overgenomen)) => "overgenomen",
                    Err(Ok(Onderbreking::Geannuleerd(_))) => Jobstatus::Geannuleerd.code(),
                    Err(Err(_)) => Jobstatus::Mislukt.code(),
                }
                .into(),
            })
            .observe(begin.elapsed().as_secs_f64());
        let (status, tekst, fout) = match uitkomst {
            Ok(tekst) => (Jobstatus::Klaar, Some(tekst), None),
            Err(Ok(Onderbreking::Overgenomen)) => {
                tracing::warn!(job = job.id, "job overgenomen door een andere werker");
                return Ok(Some(job));
            }
            Err(Ok(Onderbreking::Geannuleerd(door))) => (
                Jobstatus::Geannuleerd,
                None,
                Some(format!("Gestopt op verzoek van {door}.")),
            ),
            Err(Err(e)) => {
                tracing::error!(job = job.id, fout = %e, "job mislukt");
                (Jobstatus::Mislukt, None, Some(e.to_string()))
            }
        };
        let mut tx = self.systeemhandeling("jobs", &operatie).await?;
        let nu = tx.nu;
        tx.job_afronden(
            job.id,
            &self.jobs.werker,
            status,
            nu,
            tekst.as_deref(),
            fout.as_deref(),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(job))
    }

    /// Draait het werk van `job` met een hartslag ernaast. De hartslag ziet ook een verzoek om te
    /// stoppen of dat een andere werker de job nam; dan valt het werk (en rolt de lopende partij
    /// terug).
    async fn job_uitvoeren(
        &self,
        job: &JobRij,
        voortgang: Arc<dyn Fn(u64) + Send + Sync>,
    ) -> Result<String, Result<Onderbreking, AppFout>> {
        let ctx = self.job_context(job).await.map_err(Err)?;
        self.levend_zetten(job.id, Some(u64::try_from(job.verwerkt).unwrap_or(0)));
        let (app, id) = (self.clone(), job.id);
        let melden = move |n: u64| {
            app.levend_zetten(id, Some(n));
            voortgang(n);
        };
        let werk = async {
            match job.soort {
                Jobsoort::BetaalrunBerekenen => {
                    let run = serde_json::from_str::<serde_json::Value>(&job.parameters)
                        .ok()
                        .and_then(|p| p["run"].as_i64())
                        .ok_or_else(|| AppFout::Intern(format!("job {id}: geen run")))?;
                    self.betaalrun_berekenen_als_job(&ctx, run, melden, id)
                        .await
                        .map(|r| run_samenvatting(&r))
                }
                Jobsoort::NormenHerberekenen => self
                    .normen_herberekenen_job(&ctx, id, melden)
                    .await
                    .map(|r| r.samenvatting()),
                Jobsoort::Escaleren => self
                    .escaleren(&ctx)
                    .await
                    .map(|n| format!("{n} te late taken gemeld")),
            }
        };
        tokio::select! {
            uitkomst = werk => uitkomst.map_err(Err),
            onderbreking = self.hartslag(job.id) => Err(Ok(onderbreking)),
        }
    }

    /// Namens wie de job loopt: de gebruiker die haar aanvroeg, met zijn rollen van nu (wie
    /// intussen geblokkeerd is of het recht verloor, laat de job mislukken), of het systeem.
    async fn job_context(&self, job: &JobRij) -> Result<Context, AppFout> {
        let actor = match job.gebruiker_id {
            None => Actor::Systeem { via: "job" },
            Some(g) => {
                let mut tx = self.opslag.lees().await?;
                let gebruiker = tx.gebruiker_op_id(g).await?;
                tx.afsluiten().await?;
                match gebruiker {
                    Some(g) if !g.geblokkeerd => actor_van(&g),
                    _ => {
                        return Err(AppFout::Conflict(format!(
                            "{} kan deze job niet meer laten draaien (geblokkeerd of verwijderd).",
                            job.aangevraagd_door
                        )))
                    }
                }
            }
        };
        Ok(Context::nieuw(actor, job.operatie_id.clone()))
    }

    /// Slaat elke [`HARTSLAG`] aan zolang de job loopt, en eindigt pas bij een verzoek om te
    /// stoppen of als een andere werker haar nam. Kan de hartslag niet worden geschreven (op
    /// SQLite houdt een betaalrun de enige schrijver vast), dan de volgende keer weer.
    async fn hartslag(&self, id: i64) -> Onderbreking {
        loop {
            tokio::time::sleep(HARTSLAG).await;
            let klaar = self
                .jobs
                .levend
                .lock()
                .ok()
                .and_then(|l| l.get(&id).copied())
                .unwrap_or(0);
            let lezen = async {
                let mut tx = self.opslag.lees().await?;
                let job = tx.job_op_id(id).await?;
                tx.afsluiten().await?;
                Ok::<_, AppFout>(job)
            };
            match lezen.await {
                Ok(Some(j)) if j.werker.as_deref() != Some(self.jobs.werker.as_str()) => {
                    return Onderbreking::Overgenomen
                }
                Ok(Some(j)) if j.annuleren_door.is_some() => {
                    return Onderbreking::Geannuleerd(j.annuleren_door.unwrap_or_default())
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(job = id, fout = %e, "hartslag: job lezen mislukt"),
            }
            let schrijven = async {
                let mut tx = self
                    .systeemhandeling("jobs", &crate::geheim::operatie_id())
                    .await?;
                let nu = tx.nu;
                let nog = tx
                    .job_hartslag(id, &self.jobs.werker, nu, i64::try_from(klaar).unwrap_or(0))
                    .await?;
                tx.commit().await?;
                Ok::<_, AppFout>(nog)
            };
            match tokio::time::timeout(HARTSLAG / 2, schrijven).await {
                Ok(Ok(true)) => {}
                Ok(Ok(false)) => return Onderbreking::Overgenomen,
                Ok(Err(e)) => tracing::warn!(job = id, fout = %e, "hartslag niet geschreven"),
                Err(_) => tracing::debug!(job = id, "hartslag wacht op de schrijver"),
            }
        }
    }

    /// De geplande ronde `soort` van het tijdvak dat begint op `ronde`: meldt haar aan met de
    /// ronde als sleutel en draait haar, als deze server de eerste is. Zo draait een ronde één
    /// keer in het hele cluster. Onwaar: een andere server had haar al.
    pub async fn geplande_ronde(
        &self,
        soort: Jobsoort,
        ronde: DateTime<Utc>,
    ) -> Result<bool, AppFout> {
        let ctx = Context::nieuw(
            Actor::Systeem { via: "planning" },
            crate::geheim::operatie_id(),
        );
        let mut tx = self.handeling(&ctx, recht(soort)).await?;
        let nu = tx.nu;
        let id = job_aanmelden(
            &mut *tx,
            &ctx,
            nu,
            soort,
            soort.code(),
            soort.naam(),
            serde_json::json!({}),
            0,
            Some(vangnet_domain::tijd::instant_tekst(ronde)),
        )
        .await?;
        tx.commit().await?;
        let Some(id) = id else {
            return Ok(false);
        };
        self.job_draaien(Some(id), |_| {}).await?;
        // De rondes zelf zijn na een dag niet meer nodig (de sleutel weert alleen een dubbele
        // ronde in hetzelfde tijdvak); zo blijven ze /jobs niet vullen.
        let mut tx = self.handeling(&ctx, recht(soort)).await?;
        let nu = tx.nu;
        tx.jobs_opruimen(soort, nu - chrono::Duration::days(1))
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Een berekende run in één zin, voor de job en het scherm.
fn run_samenvatting(r: &crate::opslag::BetaalrunRij) -> String {
    format!(
        "{} {}, totaal {}",
        r.aantal_betalingen,
        if r.aantal_betalingen == 1 {
            "betaling"
        } else {
            "betalingen"
        },
        vangnet_domain::bedrag::euro(r.totaal_centen.centen())
    )
}
