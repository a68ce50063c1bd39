//! Het berekenen van een betaalrun: de pijplijn over alle uitkeringen (lezen, rekenen,
//! schrijven), vastgelegd in korte partijen met hun positie, en per partij het rekenwerk: laden
//! wat de run over een partij uitkeringen moet weten (feiten, rekeningen, open correcties, wat al
//! en wat nooit betaald is), de regels berekenen (`vangnet_domain::betaalrun::regels`) met uitleg
//! en kenmerk, en ze schrijven.

use super::*;
use vangnet_domain::berekening::Wie;

/// Na zoveel tijd legt een berekening haar partijen vast en laat zij de schrijver los: een
/// medewerker die intussen iets opslaat, wacht hooguit zo lang (issue 22 punt 3).
const VASTLEGGEN_NA: std::time::Duration = std::time::Duration::from_millis(40);

/// Na zoveel partijen begint een lezer van de run een nieuwe leestransactie.
const LEESTRANSACTIE_PARTIJEN: usize = 10;

/// Zoveel regels van een eerdere berekening verwijdert een run per transactie.
const VERWIJDEREN_PER_KEER: u64 = 2_000;

/// De stand van een berekening na de laatst vastgelegde partij (de tussenstand van haar job).
#[derive(Debug, Default, Serialize, serde::Deserialize)]
struct Runstand {
    /// Het begin van de berekening: de uitkeringen zoals zij toen bekend waren.
    gestart: chrono::DateTime<chrono::Utc>,
    /// De versie van de run tijdens het berekenen.
    versie: i64,
    aantal: i64,
    totaal: Centen,
    klaar: u64,
}

impl App {
    pub(super) async fn run_berekenen(
        &self,
        ctx: &Context,
        id: i64,
        mut voortgang: impl FnMut(u64) + Send,
        job: Option<i64>,
    ) -> Result<BetaalrunRij, AppFout> {
        ctx.actor.vereist(Recht::BetaalrunStarten)?;
        // Alleen een versnelling: lukt het niet (een andere schrijver), dan rekent de run gewoon.
        if let Err(e) = self.opslag.log_terugschrijven().await {
            tracing::warn!(%e, "write-ahead-log niet teruggeschreven vóór de betaalrun");
        }
        // Een overgenomen job gaat verder na de laatste vastgelegde partij.
        let hervat = match job {
            Some(job) => {
                let mut tx = self.opslag.lees().await?;
                let rij = tx.job_op_id(job).await?;
                tx.afsluiten().await?;
                rij.filter(|r| r.positie > 0).and_then(|r| {
                    let stand = serde_json::from_str::<Runstand>(r.tussenstand.as_deref()?).ok()?;
                    Some((r.positie, stand))
                })
            }
            None => None,
        };
        let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
        let mut run = Self::run_laden(&mut *tx, id).await?;
        if !run.status.mag_berekenen() {
            return Err(AppFout::Conflict(
                "Deze betaalrun is goedgekeurd of afgebroken en verandert niet meer.".into(),
            ));
        }
        let (maand, betaaldatum) = (run.maand, run.betaaldatum);
        let tabellen = self.geldende_normtabellen(&mut *tx).await?;
        let (mut na_id, mut stand, opnieuw) = match hervat {
            Some((positie, stand))
                if run.status == Runstatus::Concept && run.versie == stand.versie =>
            {
                tracing::info!(
                    run = id,
                    na_id = positie,
                    klaar = stand.klaar,
                    "betaalrun gaat verder"
                );
                (positie, stand, false)
            }
            _ => {
                // Tot de laatste partij is de run een concept zonder totalen: niemand ziet een
                // halve berekening als uitkomst, en goedkeuren kan niet.
                run.status = Runstatus::Concept;
                run.berekend_op = None;
                run.aantal_betalingen = 0;
                run.totaal_centen = 0.into();
                run.versie += 1;
                if !tx.betaalrun_bijwerken(&run).await? {
                    return Err(AppFout::Conflict(
                        "De betaalrun is intussen gewijzigd; bereken opnieuw.".into(),
                    ));
                }
                let stand = Runstand {
                    gestart: tx.nu,
                    versie: run.versie,
                    ..Default::default()
                };
                (0, stand, true)
            }
        };
        // De uitkeringen worden gelezen zoals zij bekend waren bij het begin (ook na een
        // overname); het goedkeuren weigert als er daarna een mutatie kwam.
        let nu = stand.gestart;
        let vt_maand = self.instellingen.betaling.vakantietoeslag_maand;
        let mut kader = Rekenkader {
            run_id: id,
            maand,
            volgende: maand.checked_add_months(Months::new(1)).unwrap_or(maand),
            vt_maand,
            tabellen,
            tussentijds: run.tussentijds,
            overdracht_tot: vangnet_domain::werkdagen::plus_werkdagen(
                tijd::nl_lokaal(nu).date(),
                self.instellingen.betaling.overdracht_svb_werkdagen,
            ),
            vt_betaald: BTreeMap::new(),
            vt_vastgehouden: BTreeMap::new(),
        };
        kader.vakantietoeslag_zetten(
            tx.vakantietoeslag_in_runs(betaalrun::opbouw_vanaf(maand, vt_maand))
                .await?,
        );
        let kader = Arc::new(kader);
        // Eén verwerking voor de berekening; elke partij voegt haar personen toe.
        let begin = tx.nu;
        let lezing = toegang::personen_verwerking(
            &mut *tx,
            ctx,
            begin,
            verwerking::BIJSTANDSVERLENING,
            &format!("Betaalrun {} (run {id})", tijd::maand_weergave(maand)),
        )
        .await?;
        self.partijen_vastleggen(tx, job, na_id, &stand).await?;
        if opnieuw {
            // De regels van een eerdere berekening, in delen: ook dat houdt de schrijver kort.
            loop {
                let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
                Self::run_ongewijzigd(&mut *tx, id, stand.versie).await?;
                let weg = tx
                    .betaalregels_verwijderen(id, VERWIJDEREN_PER_KEER)
                    .await?;
                self.partijen_vastleggen(tx, job, 0, &stand).await?;
                if weg < VERWIJDEREN_PER_KEER {
                    break;
                }
            }
        }
        // Drie soorten stappen lopen tegelijk als een pijplijn met korte wachtrijen: twee
        // lezers (elk een eigen leesverbinding, om en om over vooraf vastgelegde partijen) lezen
        // en pakken uit, één draad rekent, en deze taak schrijft. Elke stap gaat door zolang er
        // plaats is in de wachtrij na hem, zonder op de trage stap van dezelfde ronde te wachten.
        // De volgorde van de partijen blijft die van de ids (de rekenaar neemt om en om van de
        // twee lezers): zo is de laatste uitkering van een vastgelegde partij de positie waar een
        // overgenomen berekening verder gaat. Alles van één uitkering komt uit één
        // leestransactie. Faalt een stap, dan sluit zijn wachtrij en stoppen de andere.
        let mut eerste = self.opslag.lees().await?;
        // Niet de uitkeringen die lang geleden eindigden en niets meer kunnen geven (zie
        // `betaalrun::Leesgrens`); wel die met openstaande vastgehouden vakantietoeslag.
        let mut alle = eerste
            .uitkering_ids_voor_run(na_id, maand, &betaalrun::leesgrens(maand))
            .await?;
        alle.extend(kader.vt_vastgehouden.keys().filter(|u| **u > na_id));
        alle.sort_unstable();
        alle.dedup();
        if let Some(job) = job {
            let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
            let totaal = i64::try_from(stand.klaar as usize + alle.len()).unwrap_or(i64::MAX);
            tx.job_totaal(job, self.werker(), totaal).await?;
            tx.commit().await?;
        }
        let partijen: Vec<Vec<i64>> = alle.chunks(PARTIJ).map(<[i64]>::to_vec).collect();
        let lezers = [eerste, self.opslag.lees().await?];
        let aantal_lezers = lezers.len();
        let mut gelezen = Vec::new();
        let mut lezertaken = Vec::new();
        for (i, mut lezer) in lezers.into_iter().enumerate() {
            let (zend, ontvang) = tokio::sync::mpsc::channel(WACHTRIJ);
            let eigen: Vec<Vec<i64>> = partijen
                .iter()
                .skip(i)
                .step_by(aantal_lezers)
                .cloned()
                .collect();
            let opslag = self.opslag.clone();
            lezertaken.push(tokio::spawn(async move {
                let mut duur = std::time::Duration::ZERO;
                for (n, ids) in eigen.into_iter().enumerate() {
                    // Af en toe een nieuwe leestransactie: op SQLite kan het log dan tijdens de
                    // run worden teruggeschreven, in plaats van na afloop in één keer (gigabytes
                    // waarop de schijf, en wie daarna schrijft, seconden wacht).
                    if n > 0 && n % LEESTRANSACTIE_PARTIJEN == 0 {
                        let vers = match opslag.lees().await {
                            Ok(v) => v,
                            Err(e) => {
                                let _ = zend.send(Err(e.into())).await;
                                break;
                            }
                        };
                        let oud = std::mem::replace(&mut lezer, vers);
                        if let Err(e) = oud.afsluiten().await {
                            let _ = zend.send(Err(e.into())).await;
                            break;
                        }
                    }
                    let gestart = std::time::Instant::now();
                    let r = runpartij_laden(lezer.as_mut(), ids, maand, betaaldatum, nu).await;
                    duur += gestart.elapsed();
                    let fout = r.is_err();
                    if zend.send(r).await.is_err() || fout {
                        break;
                    }
                }
                (lezer, duur)
            }));
            gelezen.push(ontvang);
        }
        let (zend, mut berekend) = tokio::sync::mpsc::channel(WACHTRIJ);
        let k = Arc::clone(&kader);
        let rekenaar = tokio::task::spawn_blocking(move || {
            let mut duur = std::time::Duration::ZERO;
            'rondes: loop {
                let mut iets = false;
                for ontvang in &mut gelezen {
                    let Some(r) = ontvang.blocking_recv() else {
                        continue;
                    };
                    iets = true;
                    let gestart = std::time::Instant::now();
                    let r = r.map(|rp| partij_berekenen(&rp, &k));
                    duur += gestart.elapsed();
                    let fout = r.is_err();
                    if zend.blocking_send(r).is_err() || fout {
                        break 'rondes;
                    }
                }
                if !iets {
                    break;
                }
            }
            duur
        });
        // De uitleggen die deze run al vastlegde, op inhoud: de meeste regels delen er één.
        let mut uitleggen = BTreeMap::<String, i64>::new();
        let mut tijd = Tijden::default();
        // De schrijftransactie van de partijen sinds de laatste vastlegging, en sinds wanneer.
        let mut open: Option<(Handeling, std::time::Instant)> = None;
        let mut klaar = 0;
        let mut geschreven: Result<(), AppFout> = Ok(());
        while let Some(b) = berekend.recv().await {
            let r = match b {
                Ok(b) => {
                    self.partij_in_run(
                        ctx,
                        id,
                        &mut open,
                        b,
                        &mut stand,
                        &mut uitleggen,
                        &lezing,
                        &mut tijd,
                    )
                    .await
                }
                Err(e) => Err(e),
            };
            let r = match r {
                Ok((n, laatste)) => {
                    klaar += n;
                    na_id = laatste;
                    // Vastleggen na VASTLEGGEN_NA, of als de volgende partij er nog niet is: de
                    // schrijver wacht nooit vastgehouden op het rekenen. De voortgang is wat
                    // vastligt.
                    match open.take() {
                        Some((tx, sinds))
                            if sinds.elapsed() >= VASTLEGGEN_NA || berekend.is_empty() =>
                        {
                            let r = self.partijen_vastleggen(tx, job, na_id, &stand).await;
                            if r.is_ok() {
                                voortgang(stand.klaar);
                            }
                            r
                        }
                        o => {
                            open = o;
                            Ok(())
                        }
                    }
                }
                Err(e) => Err(e),
            };
            if let Err(e) = r {
                geschreven = Err(e);
                break;
            }
        }
        // Bij een fout: de wachtrij dicht, zodat rekenaar en lezers stoppen.
        drop(berekend);
        let stap = |e: tokio::task::JoinError| AppFout::Intern(format!("betaalrun: {e}"));
        tijd.rekenen = rekenaar.await.map_err(stap)?;
        let mut klaar_met_lezen = Vec::new();
        for t in lezertaken {
            let (lezer, duur) = t.await.map_err(stap)?;
            tijd.lezen += duur;
            klaar_met_lezen.push(lezer);
        }
        geschreven?;
        if klaar != alle.len() as u64 {
            return Err(AppFout::Intern(format!(
                "betaalrun: {klaar} van {} uitkeringen verwerkt",
                alle.len()
            )));
        }
        for lezer in klaar_met_lezen {
            lezer.afsluiten().await?;
        }
        // Liggen er nog partijen in de laatste transactie, dan meldt het einde hun voortgang.
        let nog_te_melden = open.is_some();
        let mut tx = match open {
            Some((tx, _)) => tx,
            None => {
                let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
                Self::run_ongewijzigd(&mut *tx, id, stand.versie).await?;
                tx
            }
        };
        // De voorschotten op aanvragen waarop nog niet is besloten (art. 52): geen uitkering,
        // een eigen regel per voorschot (of per helft bij gehuwden).
        let (regels, personen) =
            crate::voorschotten::voorschotregels_berekenen(&mut *tx, id, maand, betaaldatum)
                .await?;
        if !regels.is_empty() {
            let mut b = berekenen::Berekendepartij {
                personen,
                ..Default::default()
            };
            for (r, uitleg) in regels {
                if r.categorie.wordt_betaald() && r.bedrag_centen.centen() > 0 {
                    b.aantal += 1;
                    b.totaal += r.bedrag_centen.centen();
                }
                b.rijen.push((r, Some(Ok(uitleg))));
            }
            let nu = tx.nu;
            let (a, t, _) =
                partij_schrijven(&mut *tx, ctx, nu, b, &mut uitleggen, &lezing, &mut tijd).await?;
            stand.aantal += a;
            stand.totaal += t;
        }
        tracing::info!(
            run = id,
            lezen_s = tijd.lezen.as_secs_f64(),
            rekenen_s = tijd.rekenen.as_secs_f64(),
            regels_s = tijd.regels.as_secs_f64(),
            toegangslog_s = tijd.toegangslog.as_secs_f64(),
            "betaalrun berekend (lezen, rekenen en schrijven overlappen)"
        );
        // Pas nu is de run berekend, met alle regels in één keer zichtbaar als uitkomst; alleen
        // als het nog dezelfde berekening is.
        Self::run_ongewijzigd(&mut *tx, id, stand.versie).await?;
        let mut run = Self::run_laden(&mut *tx, id).await?;
        run.status = Runstatus::Berekend;
        run.berekend_op = Some(stand.gestart);
        run.aantal_betalingen = stand.aantal;
        run.totaal_centen = stand.totaal.into();
        run.versie += 1;
        if !tx.betaalrun_bijwerken(&run).await? {
            return Err(AppFout::Conflict(
                "De betaalrun is intussen gewijzigd; bereken opnieuw.".into(),
            ));
        }
        // Als job: alleen vastleggen zolang deze werker haar heeft (een andere server die haar
        // overnam, rekent zelf verder).
        if let Some(job) = job {
            let n = i64::try_from(stand.klaar).unwrap_or(i64::MAX);
            let nu = tx.nu;
            if !tx.job_hartslag(job, self.werker(), nu, n).await? {
                return Err(AppFout::Conflict(
                    "Een andere server heeft deze berekening overgenomen.".into(),
                ));
            }
        }
        tx.vastleggen(Wijziging {
            actie: "betaalrun.berekend",
            onderwerp_type: "betaalrun",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "Betaalrun {} berekend: {} betalingen, totaal {}",
                tijd::maand_weergave(maand),
                stand.aantal,
                vangnet_domain::bedrag::euro(stand.totaal)
            ),
            ..Default::default()
        })
        .await?;
        if nog_te_melden {
            voortgang(stand.klaar);
        }
        Ok(run)
    }

    /// Schrijft een berekende partij in de open schrijftransactie van de run (of opent er een):
    /// het aantal uitkeringen en de laatste.
    #[allow(clippy::too_many_arguments)]
    async fn partij_in_run(
        &self,
        ctx: &Context,
        id: i64,
        open: &mut Option<(Handeling, std::time::Instant)>,
        b: berekenen::Berekendepartij,
        stand: &mut Runstand,
        uitleggen: &mut BTreeMap<String, i64>,
        lezing: &crate::opslag::Verwerking,
        tijd: &mut Tijden,
    ) -> Result<(u64, i64), AppFout> {
        if open.is_none() {
            let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
            Self::run_ongewijzigd(&mut *tx, id, stand.versie).await?;
            *open = Some((tx, std::time::Instant::now()));
        }
        let Some((tx, _)) = open.as_mut() else {
            return Err(AppFout::Intern("betaalrun: geen transactie".into()));
        };
        let laatste = b.laatste;
        let nu = tx.nu;
        let (a, t, n) = partij_schrijven(&mut **tx, ctx, nu, b, uitleggen, lezing, tijd).await?;
        stand.aantal += a;
        stand.totaal += t;
        stand.klaar += n;
        Ok((n, laatste))
    }

    /// Legt de partijen in `tx` vast, als job met de positie `na_id` en de stand (alleen zolang
    /// deze werker de job heeft; anders rolt alles in `tx` terug).
    async fn partijen_vastleggen(
        &self,
        mut tx: Handeling,
        job: Option<i64>,
        na_id: i64,
        stand: &Runstand,
    ) -> Result<(), AppFout> {
        if let Some(job) = job {
            let tussenstand = serde_json::to_string(stand)
                .map_err(|e| AppFout::Intern(format!("tussenstand: {e}")))?;
            let klaar = i64::try_from(stand.klaar).unwrap_or(i64::MAX);
            if !tx
                .job_positie(job, self.werker(), na_id, klaar, &tussenstand)
                .await?
            {
                return Err(AppFout::Conflict(
                    "Een andere server heeft deze berekening overgenomen.".into(),
                ));
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Weigert als de run sinds het begin van de berekening veranderde (afgebroken, of opnieuw
    /// berekend door een ander), en houdt hem anders vast tot de commit van `tx`: wat deze
    /// transactie schrijft, hoort bij deze berekening, ook als iemand de run intussen wil
    /// afbreken of opnieuw berekenen (die wacht).
    async fn run_ongewijzigd(tx: &mut dyn Transactie, id: i64, versie: i64) -> Result<(), AppFout> {
        if !tx.betaalrun_vasthouden(id, versie).await? {
            return Err(AppFout::Conflict(
                "De betaalrun is tijdens het berekenen afgebroken of opnieuw gestart.".into(),
            ));
        }
        Ok(())
    }
}

/// Eén partij uitkeringen met wat de run over hen moet weten: feiten, geldige rekeningen op de
/// betaaldatum, open correcties en (voor wie eindigde) wat goedgekeurde runs al betaalden.
pub(super) struct Runpartij {
    ids: Vec<i64>,
    partij: Vec<crate::uitkeringen::Geladen>,
    /// De open correcties (ids) op een al betaalde vakantietoeslag.
    vakantietoeslagcorrecties: std::collections::BTreeSet<i64>,
    /// De open correcties (ids) die een voorschot verrekenen (art. 52 lid 4).
    voorschotcorrecties: std::collections::BTreeSet<i64>,
    rekeningen: BTreeMap<i64, (String, String)>,
    correcties: BTreeMap<i64, Vec<OpenCorrectie>>,
    betaald: BTreeMap<i64, Vec<(Categorie, NaiveDate)>>,
    /// De uitkeringen waarvan de maand van de run al betaald is (niet nog eens).
    al_betaald: std::collections::HashSet<i64>,
    /// Per uitkering de verrekende voorschotten: hun maand (die daarmee betaald is) en de
    /// vakantietoeslag die zij voorschoten (art. 52 lid 4).
    voorschotten: BTreeMap<i64, Vec<(NaiveDate, Centen)>>,
    /// Per uitkering de eerdere maanden die nooit betaald zijn: een onbetaalde maandregel, of
    /// een maand zonder regel (de bijstand liep al vóór de eerste run). Ook maanden waarin
    /// intussen geen bijstand meer is; het berekenen slaat die over.
    onbetaald: BTreeMap<i64, Vec<NaiveDate>>,
}

/// De laatste maand met bijstand van een uitkering die vóór `maand` eindigde.
fn laatste_maand(g: &crate::uitkeringen::Geladen, maand: NaiveDate) -> Option<NaiveDate> {
    betaalrun::laatste_maand_voor(g.feiten.uitkering.and_then(|p| p.tot), maand)
}

/// Wat een partij berekent nodig heeft van de run.
pub(super) struct Rekenkader {
    pub(super) run_id: i64,
    pub(super) maand: NaiveDate,
    pub(super) volgende: NaiveDate,
    pub(super) vt_maand: u32,
    pub(super) tabellen: Arc<vangnet_domain::normen::Normtabellen>,
    /// Een overdracht aan de SVB tot en met deze dag krijgt een taak (art. 47a).
    pub(super) overdracht_tot: NaiveDate,
    /// Een tussentijdse run: alleen nabetalingen, niet de maand zelf, de vakantietoeslag of
    /// vorderingen.
    pub(super) tussentijds: bool,
    /// Per uitkering de maanden tot en met welke goedgekeurde runs sinds het begin van de
    /// opbouwperiode van deze maand vakantietoeslag betaalden (een einde dat later verviel).
    pub(super) vt_betaald: BTreeMap<i64, Vec<NaiveDate>>,
    /// Per uitkering vastgehouden vakantietoeslag die nog niet is betaald (de maand tot en met).
    pub(super) vt_vastgehouden: BTreeMap<i64, Vec<NaiveDate>>,
}

impl Rekenkader {
    /// Wat goedgekeurde runs aan vakantietoeslag betaalden en vasthielden: `vanaf` het begin van
    /// de opbouwperiode van de run.
    pub(super) fn vakantietoeslag_zetten(&mut self, stand: crate::opslag::Vakantietoeslagstand) {
        let mut alle: BTreeMap<i64, Vec<NaiveDate>> = BTreeMap::new();
        for (u, m) in stand.betaald_van_vastgehouden {
            alle.entry(u).or_default().push(m);
        }
        for (u, m) in stand.betaald {
            self.vt_betaald.entry(u).or_default().push(m);
        }
        for (u, m) in stand.vastgehouden {
            let betaald = alle.get(&u).map_or(&[][..], Vec::as_slice);
            if betaalrun::vastgehouden_vakantietoeslag_open(
                m,
                betaald.iter().copied(),
                self.vt_maand,
            ) {
                self.vt_vastgehouden.entry(u).or_default().push(m);
            }
        }
    }
}

/// Een berekende partij, klaar om te schrijven.
#[derive(Default)]
pub(super) struct Berekendepartij {
    /// De regels met hun uitleg (JSON; geen: zonder uitleg); [`partij_schrijven`] legt de
    /// uitleg vast en zet haar id in de regel.
    pub(super) rijen: Vec<(NieuweBetaalregel, Option<Result<String, String>>)>,
    pub(super) aantal: i64,
    pub(super) totaal: Centen,
    pub(super) uitkeringen: u64,
    /// De hoogste uitkering van de partij (de positie van een berekening in partijen).
    pub(super) laatste: i64,
    /// Wie gelezen is (voor het toegangslog).
    pub(super) personen: Vec<i64>,
    /// Uitkeringen die binnenkort aan de SVB overgaan: (dossier, de dag van de overdracht).
    pub(super) overdrachten: Vec<(crate::opslag::DossierRij, NaiveDate)>,
}

/// Waar de tijd van een berekening heen ging (in de log; lezen overlapt met de rest).
#[derive(Default)]
pub(super) struct Tijden {
    pub(super) lezen: std::time::Duration,
    pub(super) rekenen: std::time::Duration,
    pub(super) regels: std::time::Duration,
    pub(super) toegangslog: std::time::Duration,
}

/// Berekent de regels van een partij (alleen rekenen, geen opslag).
pub(super) fn partij_berekenen(rp: &Runpartij, k: &Rekenkader) -> Berekendepartij {
    let mut uit = Berekendepartij {
        uitkeringen: rp.ids.len() as u64,
        laatste: rp.ids.last().copied().unwrap_or_default(),
        personen: crate::uitkeringen::personen_van(&rp.partij),
        ..Default::default()
    };
    for g in &rp.partij {
        let f = &g.feiten;
        // Art. 47a: gaat de uitkering binnenkort over aan de SVB (en eindigt zij daardoor)?
        if let Some(svb) = f.svb_vanaf().filter(|d| {
            *d >= k.maand && *d <= k.overdracht_tot && f.uitkering.and_then(|p| p.tot) == Some(*d)
        }) {
            uit.overdrachten.push((g.dossier.clone(), svb));
        }
        let open = rp
            .correcties
            .get(&g.uitkering.id)
            .map_or(&[][..], Vec::as_slice);
        // Een tussentijdse run betaalt alleen wat verschuldigd is en nog niet betaald.
        let alleen_nabetalingen: Vec<OpenCorrectie>;
        let open = if k.tussentijds {
            alleen_nabetalingen = open.iter().filter(|c| c.bedrag > 0).copied().collect();
            &alleen_nabetalingen[..]
        } else {
            open
        };
        let uitkomst = if k.tussentijds {
            None
        } else {
            f.uitleg(k.maand, &k.tabellen)
        };
        let eindigt = f
            .uitkering
            .and_then(|p| p.tot)
            .is_some_and(|t| t > k.maand && t <= k.volgende);
        // Eerdere maanden die nooit betaald zijn, met hun berekening zoals die nu is.
        let mut achterstallig = Vec::new();
        let mut achterstallige_uitleg = BTreeMap::new();
        let mut niet_te_berekenen = Vec::new();
        for m in rp.onbetaald.get(&g.uitkering.id).into_iter().flatten() {
            match f.uitleg(*m, &k.tabellen) {
                None => {}
                Some(Ok(u)) => {
                    achterstallig.push((*m, u.uitbetaling_centen));
                    achterstallige_uitleg.insert(*m, u.uitleg);
                }
                Some(Err(e)) => niet_te_berekenen.push((*m, e.to_string())),
            }
        }
        let voorschotten = rp
            .voorschotten
            .get(&g.uitkering.id)
            .map_or(&[][..], Vec::as_slice);
        let achteraf = laatste_maand(g, k.maand).filter(|laatste| {
            let eerder = rp
                .betaald
                .get(&g.uitkering.id)
                .map_or(&[][..], Vec::as_slice);
            betaalrun::vakantietoeslag_achteraf(
                k.maand,
                *laatste,
                // De laatste maand is betaald: door een eerdere run (als maand of als
                // nabetaling), of als nabetaling in deze run.
                eerder.iter().any(|(c, m)| {
                    matches!(c, Categorie::Regulier | Categorie::Nabetaling) && m == laatste
                }) || achterstallig.iter().any(|(m, _)| m == laatste)
                    // of met een voorschot dat bij het besluit is verrekend
                    || voorschotten.iter().any(|(m, _)| m == laatste),
                eerder
                    .iter()
                    .filter(|(c, _)| *c == Categorie::Vakantietoeslag)
                    .map(|(_, m)| *m)
                    .max(),
            )
        });
        let vakantietoeslag_tot = match achteraf {
            Some(laatste) => Some(laatste),
            None => (uitkomst.is_some()
                && betaalrun::vakantietoeslag_in(k.maand, k.vt_maand, eindigt))
            .then_some(k.maand),
        }
        // Anders: een eerder vastgehouden vakantietoeslag (geen rekening, opschorting) die nog
        // openstaat (art. 45 lid 1); de oudste eerst, de volgende in een volgende run.
        .or_else(|| {
            k.vt_vastgehouden
                .get(&g.uitkering.id)
                .and_then(|v| v.iter().min().copied())
        });
        // Wat al eerder in dezelfde opbouwperiode betaald is (een einde dat verviel), telt niet
        // nog eens.
        let eerder_betaald = |tot: NaiveDate| {
            let uit_runs = k.vt_betaald.get(&g.uitkering.id).into_iter().flatten();
            let van_einde = rp
                .betaald
                .get(&g.uitkering.id)
                .into_iter()
                .flatten()
                .filter(|(c, _)| *c == Categorie::Vakantietoeslag)
                .map(|(_, m)| m);
            betaalrun::eerder_betaalde_vakantietoeslag(
                tot,
                uit_runs.chain(van_einde).copied(),
                k.vt_maand,
            )
        };
        let vakantietoeslag = vakantietoeslag_tot
            .filter(|_| !k.tussentijds)
            .map_or(0, |tot| {
                let eerder = eerder_betaald(tot);
                // Wat een verrekend voorschot al voorschoot, gaat eraf (art. 52 lid 4).
                (f.vakantietoeslag_na(tot, eerder, k.vt_maand, &k.tabellen)
                    - betaalrun::voorgeschoten_vakantietoeslag(
                        tot,
                        eerder,
                        voorschotten,
                        k.vt_maand,
                    ))
                .max(0)
            });
        let vakantietoeslag_tot = vakantietoeslag_tot.unwrap_or(k.maand);
        if uitkomst.is_none()
            && open.is_empty()
            && vakantietoeslag == 0
            && achterstallig.is_empty()
            && niet_te_berekenen.is_empty()
        {
            continue;
        }
        let rekening = g.aanvrager.and_then(|a| rp.rekeningen.get(&a));
        // Art. 45 lid 4: bij gehuwden gaat elke betaling voor de helft naar ieder, of op hun
        // gezamenlijk verzoek geheel naar één van hen. De partner in een maand, met zijn
        // rekening (als die er is).
        let partner_in = |m: NaiveDate| {
            g.partners
                .iter()
                .find(|(_, p)| p.bevat(m))
                .map(|(id, _)| rp.rekeningen.get(id))
        };
        let (uitbetaling, uitleg, fout) = match &uitkomst {
            Some(Ok(u)) => (Some(u.uitbetaling_centen), u.uitleg.clone(), None),
            Some(Err(e)) => (None, Vec::new(), Some(e.to_string())),
            None => (None, Vec::new(), None),
        };
        let mut regels = betaalrun::regels(&betaalrun::Invoer {
            maand: k.maand,
            uitbetaling,
            al_betaald: rp.al_betaald.contains(&g.uitkering.id),
            achterstallig: &achterstallig,
            // Opgeschort in de maand van de run, terwijl de uitkering dan nog loopt: eindigde
            // zij (bv. ingetrokken), dan houdt een nooit opgeheven opschorting niet ook de
            // eerdere maanden vast die om een andere reden openstonden.
            opgeschort: f.opgeschort_in(k.maand)
                && f.uitkering
                    .is_some_and(|p| p.vanaf < k.volgende && p.tot.is_none_or(|t| t > k.maand)),
            rekening_geldig: rekening.is_some(),
            correcties: open,
            vakantietoeslag,
            vakantietoeslag_tot,
        });
        // Per regel: valt zij in een maand met een partner, zonder gezamenlijk verzoek om alles
        // aan de aanvrager, en heeft de partner geen rekening, dan wordt die regel vastgehouden
        // (niet de rest: een ex-partner zonder rekening houdt de maanden daarna niet tegen).
        for r in regels.iter_mut() {
            let partner_ontbreekt = matches!(partner_in(r.maand), Some(None))
                && f.betaling_aan(r.maand) != Some(Wie::Aanvrager);
            if r.categorie.wordt_betaald() && r.bedrag > 0 && partner_ontbreekt {
                r.anders = Some(r.categorie);
                r.categorie = Categorie::Vastgehouden;
                r.reden = Some(Vasthoudreden::GeenRekening);
            }
        }
        if let Some(melding) = &fout {
            regels.push(betaalrun::Regel {
                categorie: Categorie::Vastgehouden,
                maand: k.maand,
                bedrag: 0,
                correctie_id: None,
                reden: Some(Vasthoudreden::Berekeningsfout),
                anders: Some(Categorie::Regulier),
            });
            tracing::warn!(uitkering = g.uitkering.id, %melding, "maand niet te berekenen");
        }
        for (m, melding) in &niet_te_berekenen {
            regels.push(betaalrun::Regel {
                categorie: Categorie::Vastgehouden,
                maand: *m,
                bedrag: 0,
                correctie_id: None,
                reden: Some(Vasthoudreden::Berekeningsfout),
                anders: Some(Categorie::Nabetaling),
            });
            tracing::warn!(uitkering = g.uitkering.id, %melding, maand = %m, "achterstallige maand niet te berekenen");
        }
        let nr = &g.dossier.nummer;
        // JJJJMM zonder opmaakpatroon (dit gebeurt voor elke regel van de run).
        let jjjjmm = format!("{:04}{:02}", k.maand.year(), k.maand.month());
        for r in regels {
            let soort = r.anders.unwrap_or(r.categorie);
            // Een nabetaling van een nooit betaalde maand heeft geen correctie: de maand maakt
            // haar kenmerk uniek.
            let achterstallige_maand = soort == Categorie::Nabetaling && r.correctie_id.is_none();
            let kenmerk = match r.correctie_id {
                Some(c) => format!("VN{jjjjmm}-{nr}-{}{c}", letter(soort)),
                None if achterstallige_maand => format!(
                    "VN{jjjjmm}-{nr}-{}{:04}{:02}",
                    letter(soort),
                    r.maand.year(),
                    r.maand.month()
                ),
                None => format!("VN{jjjjmm}-{nr}-{}", letter(soort)),
            };
            let vakantietoeslag_correctie = r
                .correctie_id
                .is_some_and(|c| rp.vakantietoeslagcorrecties.contains(&c));
            let voorschotcorrectie = r
                .correctie_id
                .is_some_and(|c| rp.voorschotcorrecties.contains(&c));
            let omschrijving = match soort {
                Categorie::Nabetaling | Categorie::Vordering if vakantietoeslag_correctie => {
                    format!(
                        "Herberekende vakantietoeslag tot en met {} dossier {nr}",
                        tijd::maand_weergave(r.maand)
                    )
                }
                Categorie::Nabetaling => format!(
                    "Nabetaling bijstand {} dossier {nr}",
                    tijd::maand_weergave(r.maand)
                ),
                Categorie::Vakantietoeslag => format!(
                    "Vakantietoeslag tot en met {} dossier {nr}",
                    tijd::maand_weergave(r.maand)
                ),
                Categorie::Vordering => format!(
                    "Te veel betaald {} dossier {nr}",
                    tijd::maand_weergave(r.maand)
                ),
                _ => format!("Bijstand {} dossier {nr}", tijd::maand_weergave(r.maand)),
            };
            let spec: Vec<Specificatieregel> = match soort {
                Categorie::Regulier => uitleg
                    .iter()
                    .filter(|u| !u.is_mededeling())
                    .map(|u| Specificatieregel {
                        omschrijving: u.omschrijving.clone(),
                        artikel: u.artikel.clone(),
                        bedrag_centen: u.bedrag_centen,
                    })
                    .collect(),
                Categorie::Nabetaling | Categorie::Vordering if vakantietoeslag_correctie => {
                    vec![Specificatieregel {
                        omschrijving: format!(
                            "Herberekening van de vakantietoeslag tot en met {}: verschil met wat is betaald",
                            tijd::maand_weergave(r.maand)
                        ),
                        artikel: "art. 19 lid 3 en art. 45 lid 1 Participatiewet".into(),
                        bedrag_centen: r.bedrag,
                    }]
                }
                Categorie::Nabetaling if achterstallige_maand => {
                    let mut v = vec![Specificatieregel {
                        omschrijving: format!(
                            "Nabetaling: {} was nog niet betaald; de berekening van die maand zoals zij nu is",
                            tijd::maand_weergave(r.maand)
                        ),
                        artikel: "art. 44 en 45 lid 1 Participatiewet; art. 4:87 Awb".into(),
                        bedrag_centen: 0,
                    }];
                    v.extend(
                        achterstallige_uitleg
                            .get(&r.maand)
                            .into_iter()
                            .flatten()
                            .filter(|u| !u.is_mededeling())
                            .map(|u| Specificatieregel {
                                omschrijving: u.omschrijving.clone(),
                                artikel: u.artikel.clone(),
                                bedrag_centen: u.bedrag_centen,
                            }),
                    );
                    v
                }
                Categorie::Nabetaling | Categorie::Vordering if voorschotcorrectie => {
                    vec![Specificatieregel {
                        omschrijving: format!(
                            "Verrekening met het voorschot over {}: de bijstand van die maand min \
                             het betaalde voorschot{}",
                            tijd::maand_weergave(r.maand),
                            if r.bedrag < 0 {
                                " (te veel als voorschot betaald)"
                            } else {
                                ""
                            }
                        ),
                        artikel: if r.bedrag < 0 {
                            "art. 52 lid 4 en art. 58 lid 2 onder d Participatiewet".into()
                        } else {
                            "art. 52 lid 4 Participatiewet".into()
                        },
                        bedrag_centen: r.bedrag,
                    }]
                }
                Categorie::Nabetaling | Categorie::Vordering => vec![Specificatieregel {
                    omschrijving: format!(
                        "Herberekening van {}: verschil met wat is betaald",
                        tijd::maand_weergave(r.maand)
                    ),
                    artikel: "art. 45 lid 1 Participatiewet".into(),
                    bedrag_centen: r.bedrag,
                }],
                Categorie::Vakantietoeslag => vec![Specificatieregel {
                    omschrijving: format!(
                        "Gereserveerde vakantietoeslag van {} tot en met {} (jaarlijks over de \
                         voorafgaande twaalf maanden, of binnen drie maanden na het einde)",
                        tijd::maand_weergave(betaalrun::opbouw_vanaf(r.maand, k.vt_maand)),
                        tijd::maand_weergave(r.maand)
                    ),
                    artikel: "art. 19 lid 3 en art. 45 lid 1 Participatiewet".into(),
                    bedrag_centen: r.bedrag,
                }],
                // Voorschotregels maakt `voorschotten_berekenen`, niet deze lus.
                Categorie::Vastgehouden | Categorie::Voorschot => Vec::new(),
            };
            let reden = r.reden.map(|x| Vasthouding {
                reden: x,
                toelichting: match (&fout, x) {
                    (Some(m), Vasthoudreden::Berekeningsfout) => Some(m.clone()),
                    (_, Vasthoudreden::GeenRekening) if rekening.is_some() => Some(
                        "De rekening van de partner ontbreekt: bij gehuwden gaat de bijstand \
                             voor de helft naar ieder (art. 45 lid 4), tenzij zij samen om \
                             betaling aan één van hen vragen."
                            .into(),
                    ),
                    _ => None,
                },
            });
            // Art. 45 lid 4: bij gehuwden voor de helft naar ieder (twee overboekingen, de
            // uitleg van elk deel telt op tot zijn eigen bedrag), of op gezamenlijk verzoek
            // geheel naar één van hen.
            let betaald = matches!(
                r.categorie,
                Categorie::Regulier | Categorie::Nabetaling | Categorie::Vakantietoeslag
            ) && r.bedrag > 0;
            let delen: Vec<Deel<'_>> = match partner_in(r.maand) {
                Some(Some(pr)) if betaald => match f.betaling_aan(r.maand) {
                    None => {
                        let (a, b) = betaalrun::verdelen(r.bedrag);
                        let deel = |min: Centen, wie: &str| {
                            let mut v = spec.clone();
                            v.push(Specificatieregel {
                                omschrijving: format!(
                                    "Gehuwden: voor de helft aan ieder; het deel van {wie} gaat \
                                     naar diens rekening"
                                ),
                                artikel: "art. 45 lid 4 Participatiewet".into(),
                                bedrag_centen: -min,
                            });
                            v
                        };
                        vec![
                            (a, rekening, "1", deel(b, "de partner")),
                            (b, Some(pr), "2", deel(a, "de aanvrager")),
                        ]
                    }
                    Some(Wie::Partner) => {
                        let mut v = spec;
                        v.push(Specificatieregel {
                            omschrijving: "Op gezamenlijk verzoek geheel aan de partner".into(),
                            artikel: "art. 45 lid 4 Participatiewet".into(),
                            bedrag_centen: 0,
                        });
                        vec![(r.bedrag, Some(pr), "", v)]
                    }
                    Some(Wie::Aanvrager) => vec![(r.bedrag, rekening, "", spec)],
                },
                _ => vec![(r.bedrag, rekening, "", spec)],
            };
            for (bedrag, naar, achtervoegsel, spec) in delen {
                if r.categorie.wordt_betaald() && bedrag > 0 {
                    uit.aantal += 1;
                    uit.totaal += bedrag;
                }
                let uitleg = if spec.is_empty() {
                    None
                } else {
                    Some(serde_json::to_string(&spec).map_err(|e| format!("uitleg: {e}")))
                };
                uit.rijen.push((
                    NieuweBetaalregel {
                        run_id: k.run_id,
                        uitkering_id: Some(g.uitkering.id),
                        dossier_id: g.dossier.id,
                        dossiernummer: nr.clone(),
                        categorie: r.categorie,
                        maand: r.maand,
                        bedrag_centen: bedrag.into(),
                        correctie_id: r.correctie_id,
                        reden: reden.clone(),
                        iban: naar.map(|(iban, _)| iban.clone()),
                        naam: naar.map_or_else(
                            || "Onbekend".to_owned(),
                            |(_, naam)| sepa::tekst(naam, sepa::MAX_NAAM),
                        ),
                        omschrijving: sepa::tekst(&omschrijving, sepa::MAX_OMSCHRIJVING),
                        kenmerk: sepa::kenmerk(&format!("{kenmerk}{achtervoegsel}")),
                        uitleg_id: None,
                        anders: r.anders,
                        voorschot_id: None,
                    },
                    uitleg,
                ));
            }
        }
    }
    uit
}

/// Schrijft een berekende partij: het toegangslog van wie erin staat, de nieuwe uitleggen en de
/// regels. Geeft aantal en totaal van de betalingen en het aantal uitkeringen.
pub(super) async fn partij_schrijven(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    b: Berekendepartij,
    uitleggen: &mut BTreeMap<String, i64>,
    lezing: &crate::opslag::Verwerking,
    tijd: &mut Tijden,
) -> Result<(i64, Centen, u64), AppFout> {
    // Wie in deze huishoudens staat, is gelezen: één regel per persoon, in één statement.
    let gestart = std::time::Instant::now();
    tx.toegang_voor_personen(lezing, &b.personen).await?;
    tijd.toegangslog += gestart.elapsed();
    let gestart = std::time::Instant::now();
    let mut nieuw = Nieuweuitleggen::new();
    let mut regels = Vec::with_capacity(b.rijen.len());
    for (i, (mut regel, uitleg)) in b.rijen.into_iter().enumerate() {
        if let Some(inhoud) = uitleg {
            let inhoud = inhoud.map_err(AppFout::Intern)?;
            match uitleggen.get(inhoud.as_str()) {
                Some(id) => regel.uitleg_id = Some(*id),
                None => nieuw.entry(inhoud).or_default().push(i),
            }
        }
        regels.push(regel);
    }
    if !nieuw.is_empty() {
        uitleggen_vastleggen(tx, uitleggen, nieuw, &mut regels).await?;
    }
    tx.betaalregels_invoegen(regels).await?;
    tijd.regels += gestart.elapsed();
    overdrachten_signaleren(tx, ctx, nu, b.overdrachten).await?;
    Ok((b.aantal, b.totaal, b.uitkeringen))
}

/// De uitleggen van een partij die de run nog niet kende: inhoud → de regels (index) die naar
/// haar wijzen.
type Nieuweuitleggen = BTreeMap<String, Vec<usize>>;

/// Hoeveel uitleggen een run onthoudt; daarboven begint hij opnieuw (het geheugen blijft
/// begrensd, ook als bijna elke regel een eigen uitleg heeft).
const UITLEGGEN_ONTHOUDEN: usize = 100_000;

/// Legt de nieuwe uitleggen van een partij vast (sleutel: SHA-256 van de inhoud) en zet hun ids
/// in de regels die naar hen wijzen.
async fn uitleggen_vastleggen(
    tx: &mut dyn Transactie,
    bekend: &mut BTreeMap<String, i64>,
    nieuw: Nieuweuitleggen,
    regels: &mut [NieuweBetaalregel],
) -> Result<(), AppFout> {
    let lijst: Vec<(String, String)> = nieuw
        .keys()
        .map(|inhoud| (crate::geheim::sha256_hex(inhoud), inhoud.clone()))
        .collect();
    let ids = tx.uitleggen_vastleggen(&lijst).await?;
    if bekend.len() + nieuw.len() > UITLEGGEN_ONTHOUDEN {
        bekend.clear();
    }
    for ((sleutel, _), (inhoud, wijzers)) in lijst.iter().zip(nieuw) {
        let id = *ids
            .get(sleutel)
            .ok_or_else(|| AppFout::Intern("uitleg zonder id".into()))?;
        for r in wijzers {
            if let Some(regel) = regels.get_mut(r) {
                regel.uitleg_id = Some(id);
            }
        }
        bekend.insert(inhoud, id);
    }
    Ok(())
}

/// Leest de partij `ids` met alles wat het berekenen nodig heeft.
pub(super) async fn runpartij_laden(
    lezer: &mut dyn Leestransactie,
    ids: Vec<i64>,
    maand: NaiveDate,
    betaaldatum: NaiveDate,
    nu: chrono::DateTime<chrono::Utc>,
) -> Result<Runpartij, AppFout> {
    // De maandbedragen zijn hier niet nodig: de run rekent de maand zelf uit.
    let partij = partij_laden(lezer, &ids, nu, false).await?;
    // De rekeningen van de aanvragers en (voor een verdeelde betaling) de partners.
    let ontvangers: Vec<i64> = partij
        .iter()
        .flat_map(|g| {
            g.aanvrager
                .into_iter()
                .chain(g.partners.iter().map(|(p, _)| *p))
        })
        .collect();
    let mut rekeningen: BTreeMap<i64, (String, String)> = BTreeMap::new();
    for r in lezer.bankrekeningen_van(&ontvangers).await? {
        let geldig = r.historie.actueel()
            && r.historie.geldig().bevat(betaaldatum)
            && Iban::parse(&r.iban).is_ok();
        if geldig {
            rekeningen.insert(r.persoon_id, (r.iban, r.tenaamstelling));
        }
    }
    let mut correcties: BTreeMap<i64, Vec<OpenCorrectie>> = BTreeMap::new();
    let mut vakantietoeslagcorrecties = std::collections::BTreeSet::new();
    let mut voorschotcorrecties = std::collections::BTreeSet::new();
    for c in lezer.correcties_van_uitkeringen(&ids).await? {
        if c.verrekend_op.is_some() {
            continue;
        }
        if c.soort == Correctiesoort::Vakantietoeslag {
            vakantietoeslagcorrecties.insert(c.id);
        }
        if c.oorzaak.contains(crate::voorschotten::VERREKENING) {
            voorschotcorrecties.insert(c.id);
        }
        correcties
            .entry(c.uitkering_id)
            .or_default()
            .push(OpenCorrectie {
                id: c.id,
                maand: c.maand,
                bedrag: c.bedrag_centen.centen(),
            });
    }
    // Wie vóór deze maand eindigde: wat goedgekeurde runs al betaalden, om de
    // vakantietoeslag bij een einde dat pas later bekend werd alsnog te betalen.
    // Alleen runs vanaf de vroegste laatste maand tellen: de reguliere betaling van de laatste
    // maand zit in de run van die maand, vakantietoeslag over die maand in die run of later.
    let geeindigd: Vec<(i64, NaiveDate)> = partij
        .iter()
        .filter_map(|g| laatste_maand(g, maand).map(|l| (g.uitkering.id, l)))
        .collect();
    let mut betaald: BTreeMap<i64, Vec<(Categorie, NaiveDate)>> = BTreeMap::new();
    let vanaf = geeindigd.iter().map(|(_, l)| *l).min().unwrap_or(maand);
    let uitkeringen: Vec<i64> = geeindigd.iter().map(|(u, _)| *u).collect();
    for (u, categorie, m, _) in lezer.betaald_voor_uitkeringen(&uitkeringen, vanaf).await? {
        betaald.entry(u).or_default().push((categorie, m));
    }
    // Wat al betaald is en wat nooit betaald werd (issue 20 punten 2 en 3).
    let vorige = maand.checked_sub_months(Months::new(1)).unwrap_or(maand);
    let mut al_betaald = std::collections::HashSet::new();
    let mut met_vorige = std::collections::HashSet::new();
    let mut onbetaald: BTreeMap<i64, Vec<NaiveDate>> = BTreeMap::new();
    for (u, m, is_betaald) in lezer.maandstand_voor_run(maand, &ids).await? {
        if m == maand {
            if is_betaald {
                al_betaald.insert(u);
            }
        } else {
            if m == vorige {
                met_vorige.insert(u);
            }
            if !is_betaald {
                onbetaald.entry(u).or_default().push(m);
            }
        }
    }
    // Liep de bijstand de vorige maand al, maar is er voor die maand geen regel, dan ontbreken
    // er maanden (de start lag vóór de eerste run): alle maanden sinds de start zonder regel.
    let gaten: Vec<i64> = partij
        .iter()
        .filter(|g| !met_vorige.contains(&g.uitkering.id))
        .filter(|g| {
            g.feiten
                .uitkering
                .is_some_and(|p| p.vanaf < maand && p.tot.is_none_or(|t| t > vorige))
        })
        .map(|g| g.uitkering.id)
        .collect();
    if !gaten.is_empty() {
        let mut bekend: BTreeMap<i64, std::collections::BTreeSet<NaiveDate>> = BTreeMap::new();
        for r in lezer.maandbedragen_van_uitkeringen(&gaten).await? {
            bekend.entry(r.uitkering_id).or_default().insert(r.maand);
        }
        for g in partij.iter().filter(|g| gaten.contains(&g.uitkering.id)) {
            let Some(p) = g.feiten.uitkering else {
                continue;
            };
            let Some(mut m) = p.vanaf.with_day(1) else {
                continue;
            };
            let bekend = bekend.get(&g.uitkering.id);
            while m < maand {
                if !bekend.is_some_and(|b| b.contains(&m)) {
                    onbetaald.entry(g.uitkering.id).or_default().push(m);
                }
                match m.checked_add_months(Months::new(1)) {
                    Some(v) => m = v,
                    None => break,
                }
            }
        }
    }
    for maanden in onbetaald.values_mut() {
        maanden.sort_unstable();
        maanden.dedup();
    }
    let mut voorschotten: BTreeMap<i64, Vec<(NaiveDate, Centen)>> = BTreeMap::new();
    for (u, m, vt) in lezer.voorschotten_verrekend_met(&ids).await? {
        voorschotten.entry(u).or_default().push((m, vt.centen()));
    }
    Ok(Runpartij {
        ids,
        vakantietoeslagcorrecties,
        voorschotcorrecties,
        partij,
        rekeningen,
        correcties,
        betaald,
        al_betaald,
        onbetaald,
        voorschotten,
    })
}

/// Een taak "overdracht SVB" per dossier dat binnenkort aan de SVB overgaat (art. 47a), met de
/// dag vóór de overdracht als deadline; één keer per dossier (ook als de run opnieuw rekent).
async fn overdrachten_signaleren(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    overdrachten: Vec<(crate::opslag::DossierRij, NaiveDate)>,
) -> Result<(), AppFout> {
    let mut taken = Vec::new();
    for (d, svb) in &overdrachten {
        let al = tx
            .taken_van_dossier(d.id)
            .await?
            .iter()
            .any(|t| t.soort == Taaksoort::OverdrachtSvb);
        if al {
            continue;
        }
        taken.push(NieuweTaak {
            soort: Taaksoort::OverdrachtSvb,
            omschrijving: format!(
                "Dossier {}: per {} is de SVB bevoegd (AOW-leeftijd, art. 47a). Draag de gegevens \
                 over zodat de cliënt niet tussen twee betalers valt; de gemeentelijke uitkering \
                 eindigt dan en de vakantietoeslag wordt betaald.",
                d.nummer,
                svb.format("%d-%m-%Y")
            ),
            dossier_id: Some(d.id),
            persoon_id: Some(d.client_id),
            begindatum: tijd::nl_lokaal(nu).date(),
            deadline: svb.pred_opt(),
            team_id: d.team_id,
            gebruiker_id: d.consulent_id,
            prioriteit: 1,
            reden: "Betaalrun: de AOW-leeftijd komt eraan",
        });
    }
    if !taken.is_empty() {
        taken_maken(tx, ctx, nu, taken).await?;
    }
    Ok(())
}
