//! Use cases van de maandelijkse betaalrun (issue 7): starten voor een maand en betaaldatum,
//! (opnieuw) berekenen als job met voortgang, goedkeuren door een ander, het pain.001-bestand
//! stroomsgewijs schrijven, afbreken, en de overzichten (totalen per categorie, verschillen met
//! de vorige run, vastgehouden betalingen, CSV, betaalspecificatie per dossier).
//!
//! Berekenen gebeurt in partijen die elk kort de schrijver hebben (issue 22 punt 3): de run is
//! daarbij een concept zonder uitkomst, en pas de laatste transactie maakt hem `berekend`, met
//! alle regels in één keer. Als job legt elke vastlegging de positie vast: een overgenomen
//! berekening gaat daar verder. Opnieuw berekenen vervangt alle regels (idempotent). Goedkeuren
//! verwerkt de hele run
//! in drie set-gebaseerde statements in dezelfde transactie als de statuswissel. De regels per
//! uitkering volgen uit [`vangnet_domain::betaalrun::regels`].

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use vangnet_domain::bedrag::Bedrag;
use vangnet_domain::betaalrun::{
    self, Categorie, Correctiesoort, OpenCorrectie, Runstatus, Vasthoudreden,
};
use vangnet_domain::normen::Centen;
use vangnet_domain::persoon::Iban;
use vangnet_domain::werk::Taaksoort;
use vangnet_domain::{csv, sepa, tijd, verwerking, Recht, Veldfouten};

use crate::audit::Wijziging;
use crate::handeling::Handeling;
use crate::opslag::{
    BetaalregelRij, BetaalrunRij, Categorietotaal, Leestransactie, NieuweBetaalregel, Runverschil,
    Transactie, Vasthouding,
};
use crate::uitkeringen::{datumtekst, partij_laden};
use crate::werk::{taken_maken, NieuweTaak};
use crate::{toegang, zegel, App, AppFout, Context};

mod berekenen;

/// Hoe de gemeente betaalt: haar eigen rekening (uit de configuratie) en de maand van de
/// vakantietoeslag.
#[derive(Debug, Clone)]
pub struct Betaalinstellingen {
    /// Zonder rekening van de gemeente kan een run wel berekend en goedgekeurd worden, maar
    /// komt er geen bestand.
    pub opdrachtgever: Option<sepa::Opdrachtgever>,
    /// De kalendermaand waarin de vakantietoeslag wordt betaald: standaard juni, de maand van
    /// art. 45 lid 1 Pw (over de voorafgaande twaalf maanden); een gemeente die eerder betaalt
    /// (zodra het bedrag vaststaat) stelt een eerdere maand in.
    pub vakantietoeslag_maand: u32,
    /// Zoveel werkdagen vóór de overdracht aan de SVB (art. 47a) maakt de betaalrun een taak
    /// "overdracht SVB" (standaard 60).
    pub overdracht_svb_werkdagen: u32,
}

impl Default for Betaalinstellingen {
    fn default() -> Self {
        Self {
            opdrachtgever: None,
            vakantietoeslag_maand: 6,
            overdracht_svb_werkdagen: 60,
        }
    }
}

/// Een run met alles wat de pagina en de CLI over hem laten zien.
#[derive(Debug, Clone, Serialize)]
pub struct Runbeeld {
    pub run: BetaalrunRij,
    pub gestart_door: String,
    pub goedgekeurd_door: Option<String>,
    pub totalen: Vec<Categorietotaal>,
    /// De grootste verschillen in het reguliere bedrag met de vorige definitieve run.
    pub verschillen: Vec<Runverschil>,
    pub vorige_run: Option<i64>,
    pub vastgehouden: Vec<BetaalregelRij>,
    pub vorderingen: Vec<BetaalregelRij>,
}

pub use vangnet_domain::betaalrun::Specificatieregel;

const PARTIJ: usize = 500;

/// Hoeveel partijen er tussen twee stappen van de run mogen wachten (geheugen blijft begrensd).
const WACHTRIJ: usize = 2;

/// Eén deel van een regel: bedrag, rekening (iban, tenaamstelling), achtervoegsel van het
/// kenmerk en de uitleg. Eén deel, of twee bij een betaling verdeeld tussen partners.
type Deel<'a> = (
    Centen,
    Option<&'a (String, String)>,
    &'static str,
    Vec<Specificatieregel>,
);

/// Het bericht-id van bestand `nr` van een run: altijd hetzelfde, zodat de bank een tweede
/// inzending van hetzelfde bestand als dubbel herkent en weigert.
pub fn bericht_id(run: &BetaalrunRij, nr: u64) -> String {
    format!("VN{}-{}-{nr}", run.maand.format("%Y%m"), run.id)
}

fn maand_lezen(f: &mut Veldfouten, veld: &str, invoer: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(&format!("{}-01", invoer.trim()), "%Y-%m-%d").ok();
    if d.is_none() {
        f.voeg_toe(veld, "Vul een maand in als JJJJ-MM, bijvoorbeeld 2026-01.");
    }
    d
}

fn letter(c: Categorie) -> &'static str {
    match c {
        Categorie::Regulier => "R",
        Categorie::Nabetaling => "N",
        Categorie::Vakantietoeslag => "V",
        Categorie::Vastgehouden => "H",
        Categorie::Vordering => "T",
        Categorie::Voorschot => "A",
    }
}

impl App {
    async fn run_laden(tx: &mut dyn Leestransactie, id: i64) -> Result<BetaalrunRij, AppFout> {
        tx.betaalrun_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De betaalrun".into()))
    }

    /// Start een run (concept) voor een maand en betaaldatum. Geweigerd als er voor die maand
    /// al een goedgekeurde of nog een open run is.
    pub async fn betaalrun_starten(
        &self,
        ctx: &Context,
        maand: &str,
        betaaldatum: &str,
    ) -> Result<i64, AppFout> {
        self.run_starten(ctx, maand, betaaldatum, false, false)
            .await
    }

    /// Als [`App::betaalrun_starten`], en meldt in dezelfde transactie het berekenen aan als job
    /// (zie `crate::jobs`): een run die is gestart, wordt ook berekend, ook als de server
    /// daartussen wegvalt.
    pub async fn betaalrun_starten_en_berekenen(
        &self,
        ctx: &Context,
        maand: &str,
        betaaldatum: &str,
    ) -> Result<i64, AppFout> {
        self.run_starten(ctx, maand, betaaldatum, false, true).await
    }

    /// Start een tussentijdse run met betaaldatum `betaaldatum` (vandaag of later, in deze of
    /// de volgende maand): zij betaalt alleen wat verschuldigd is en nog niet betaald
    /// (nabetalingen van eerdere maanden en open nabetalingen), met dezelfde vier ogen en
    /// hetzelfde bestand als de maandrun. Zo wordt geld dat een besluit verschuldigd maakt binnen
    /// zes weken betaald, ook als de volgende maandrun later valt (Awb 4:87; issue 20 punt 4).
    pub async fn betaalrun_tussentijds_starten(
        &self,
        ctx: &Context,
        betaaldatum: &str,
    ) -> Result<i64, AppFout> {
        self.tussentijds_starten(ctx, betaaldatum, false).await
    }

    /// Als [`App::betaalrun_tussentijds_starten`], met het berekenen als job in dezelfde
    /// transactie (zie [`App::betaalrun_starten_en_berekenen`]).
    pub async fn betaalrun_tussentijds_starten_en_berekenen(
        &self,
        ctx: &Context,
        betaaldatum: &str,
    ) -> Result<i64, AppFout> {
        self.tussentijds_starten(ctx, betaaldatum, true).await
    }

    async fn tussentijds_starten(
        &self,
        ctx: &Context,
        betaaldatum: &str,
        berekenen: bool,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::BetaalrunStarten)?;
        let vandaag = tijd::nl_lokaal(self.klok.nu()).date();
        let b = NaiveDate::parse_from_str(betaaldatum.trim(), "%Y-%m-%d")
            .ok()
            .filter(|b| *b >= vandaag && *b <= vandaag + chrono::Duration::days(31))
            .ok_or_else(|| {
                AppFout::veld(
                    "betaaldatum",
                    "Vul een betaaldatum in als JJJJ-MM-DD, vandaag of binnen een maand.",
                )
            })?;
        let maand = b.format("%Y-%m").to_string();
        self.run_starten(ctx, &maand, &tijd::datum_tekst(b), true, berekenen)
            .await
    }

    async fn run_starten(
        &self,
        ctx: &Context,
        maand: &str,
        betaaldatum: &str,
        tussentijds: bool,
        berekenen: bool,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::BetaalrunStarten)?;
        let gebruiker = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
        let mut f = Veldfouten::nieuw();
        let m = maand_lezen(&mut f, "maand", maand);
        let b = NaiveDate::parse_from_str(betaaldatum.trim(), "%Y-%m-%d").ok();
        if b.is_none() {
            f.voeg_toe("betaaldatum", "Vul een bestaande datum in als JJJJ-MM-DD.");
        }
        if let (Some(m), Some(b)) = (m, b) {
            // Betalen gebeurt in de maand zelf of kort ervoor (participatiewet-feiten.md,
            // "When municipalities pay").
            let vroegst = m.checked_sub_months(Months::new(1)).unwrap_or(m);
            let laatst = m
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(m);
            if b < vroegst || b > laatst {
                f.voeg_toe(
                    "betaaldatum",
                    "De betaaldatum ligt in de betaalmaand of de maand ervoor.",
                );
            }
        }
        f.clone().resultaat()?;
        let (Some(m), Some(b)) = (m, b) else {
            return Err(AppFout::Ongeldig(f));
        };
        let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
        // Geen maand met een normtabel die er niet voor is vastgesteld (participatiewet-feiten.md
        // §12): de run begint niet.
        if let Some(melding) = self
            .geldende_normtabellen(&mut *tx)
            .await?
            .ontbreekt_voor(m)
        {
            return Err(AppFout::veld("maand", melding));
        }
        // Niet verder vooruit dan de volgende maand (issue 21 punt 5): wat dan berekend wordt,
        // rust op feiten die nog kunnen veranderen, en een tikfout (2030) betaalt jaren vooruit.
        let deze = tijd::nl_lokaal(tx.nu).date().with_day(1).unwrap_or(m);
        let volgende = deze.checked_add_months(Months::new(1)).unwrap_or(deze);
        // En niet meer dan een jaar terug: wat over eerdere maanden nog openstaat, betaalt de
        // run van nu als nabetaling; een run voor 2016 is een tikfout.
        let vroegst = deze.checked_sub_months(Months::new(12)).unwrap_or(deze);
        if m < vroegst {
            return Err(AppFout::veld(
                "maand",
                format!(
                    "Een betaalrun gaat hoogstens een jaar terug (vanaf {}); wat over {} nog \
                     openstaat, betaalt de run van deze maand als nabetaling.",
                    tijd::maand_weergave(vroegst),
                    tijd::maand_weergave(m)
                ),
            ));
        }
        if m > volgende {
            return Err(AppFout::veld(
                "maand",
                format!(
                    "Een betaalrun is voor deze maand of de volgende ({} of {}), of een eerdere; {} \
                     ligt verder vooruit.",
                    tijd::maand_weergave(deze),
                    tijd::maand_weergave(volgende),
                    tijd::maand_weergave(m)
                ),
            ));
        }
        for r in tx
            .betaalruns_van_maand(m)
            .await?
            .into_iter()
            .filter(|r| r.tussentijds == tussentijds)
        {
            match r.status {
                // Tussentijdse runs mogen er meer zijn; één tegelijk open.
                s if s.definitief() && tussentijds => {}
                s if s.definitief() => {
                    return Err(AppFout::veld(
                        "maand",
                        format!(
                            "Voor {} is al een goedgekeurde betaalrun (run {}).",
                            tijd::maand_weergave(m),
                            r.id
                        ),
                    ))
                }
                Runstatus::Concept | Runstatus::Berekend => {
                    return Err(AppFout::veld(
                        "maand",
                        format!(
                            "Voor {} loopt al een betaalrun (run {}): bereken die opnieuw of breek hem af.",
                            tijd::maand_weergave(m),
                            r.id
                        ),
                    ))
                }
                _ => {}
            }
        }
        let nu = tx.nu;
        let id = tx
            .betaalrun_invoegen(&BetaalrunRij {
                id: 0,
                maand: m,
                betaaldatum: b,
                status: Runstatus::Concept,
                gestart_door: gebruiker,
                gestart_op: nu,
                berekend_op: None,
                goedgekeurd_door: None,
                goedgekeurd_op: None,
                geexporteerd_op: None,
                aantal_betalingen: 0,
                totaal_centen: Bedrag::NUL,
                versie: 1,
                tussentijds,
            })
            .await
            .map_err(|e| match e {
                // Twee tegelijk: de unieke index per maand laat er één toe.
                crate::opslag::OpslagFout::Uniek(_) => AppFout::veld(
                    "maand",
                    "Voor deze maand is zojuist een andere betaalrun gestart.",
                ),
                e => e.into(),
            })?;
        tx.audit(Wijziging {
            actie: "betaalrun.gestart",
            onderwerp_type: "betaalrun",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "{} {} gestart, betaaldatum {}",
                if tussentijds {
                    "Tussentijdse betaalrun"
                } else {
                    "Betaalrun"
                },
                tijd::maand_weergave(m),
                datumtekst(b)
            ),
            ..Default::default()
        })
        .await?;
        if berekenen {
            self.berekenen_aanmelden(&mut tx, id, m).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Meldt het berekenen van run `id` (maand `maand`) aan als job in `tx`, met een
    /// auditrecord. Er is er per run hoogstens één open (unieke index).
    async fn berekenen_aanmelden(
        &self,
        tx: &mut crate::handeling::Handeling,
        id: i64,
        maand: NaiveDate,
    ) -> Result<i64, AppFout> {
        let nu = tx.nu;
        let totaal = u64::try_from(tx.aantal_uitkeringen().await?).unwrap_or(0);
        let omschrijving = format!("Betaalrun {} berekenen", maand.format("%Y-%m"));
        let ctx = tx.ctx.clone();
        let job = crate::jobs::job_aanmelden(
            &mut **tx,
            &ctx,
            nu,
            vangnet_domain::job::Jobsoort::BetaalrunBerekenen,
            &format!("betaalrun:{id}"),
            &omschrijving,
            serde_json::json!({ "run": id }),
            totaal,
            None,
        )
        .await?
        .ok_or_else(|| {
            AppFout::Conflict(
                "Deze betaalrun wordt al berekend; de voortgang staat op de pagina van de run."
                    .into(),
            )
        })?;
        tx.audit(Wijziging {
            actie: "betaalrun.berekenen_aangemeld",
            onderwerp_type: "betaalrun",
            onderwerp_id: id.to_string(),
            samenvatting: format!("{omschrijving}: job {job} aangemeld"),
            ..Default::default()
        })
        .await?;
        Ok(job)
    }

    /// Het aantal uitkeringen dat een berekening doorloopt (voor de voortgangsbalk).
    pub async fn betaalrun_omvang(&self, ctx: &Context) -> Result<u64, AppFout> {
        ctx.actor.vereist(Recht::BetaalrunStarten)?;
        let mut tx = self.opslag.lees().await?;
        let n = tx.aantal_uitkeringen().await?;
        tx.afsluiten().await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Berekent (of herberekent) alle regels van een run, in partijen die elk kort de schrijver
    /// hebben; tot de laatste is de run een concept zonder uitkomst. `voortgang(klaar)` na elke
    /// vastgelegde partij.
    pub async fn betaalrun_berekenen(
        &self,
        ctx: &Context,
        id: i64,
        voortgang: impl FnMut(u64) + Send,
    ) -> Result<BetaalrunRij, AppFout> {
        self.run_berekenen(ctx, id, voortgang, None).await
    }

    /// Als [`App::betaalrun_berekenen`], als job `job` van de werker van dit proces: de run legt
    /// alleen vast zolang die werker de job heeft (zie `crate::jobs`).
    pub(crate) async fn betaalrun_berekenen_als_job(
        &self,
        ctx: &Context,
        id: i64,
        voortgang: impl FnMut(u64) + Send,
        job: i64,
    ) -> Result<BetaalrunRij, AppFout> {
        self.run_berekenen(ctx, id, voortgang, Some(job)).await
    }

    /// Meldt het berekenen van run `id` aan als job (zie `crate::jobs`): een werker rekent, de
    /// pagina van de run toont de voortgang. Niet als de run al vastligt of er al een job voor
    /// loopt of wacht.
    pub async fn betaalrun_berekenen_aanmelden(
        &self,
        ctx: &Context,
        id: i64,
    ) -> Result<i64, AppFout> {
        let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
        let run = Self::run_laden(&mut *tx, id).await?;
        if !run.status.mag_berekenen() {
            return Err(AppFout::Conflict(
                "Deze betaalrun is goedgekeurd of afgebroken en verandert niet meer.".into(),
            ));
        }
        if Self::open_job(&mut *tx, &format!("betaalrun:{id}"))
            .await?
            .is_some()
        {
            return Err(AppFout::Conflict(
                "Deze betaalrun wordt al berekend; de voortgang staat op de pagina van de run."
                    .into(),
            ));
        }
        let job = self.berekenen_aanmelden(&mut tx, id, run.maand).await?;
        tx.commit().await?;
        Ok(job)
    }

    /// Keurt een berekende run goed (een ander dan wie hem startte) en verwerkt hem: betaalde
    /// maanden, verrekende correcties, vorderingen met een taak, een taak per betaling die
    /// vaststaat zonder rekening. Twee tegelijk: één wint.
    pub async fn betaalrun_goedkeuren(
        &self,
        ctx: &Context,
        id: i64,
        versie: i64,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::BetaalrunGoedkeuren)?;
        let gebruiker = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
        // Goedkeuren zet de maanden als betaald: deze commit mag geen stroomstoring verliezen.
        let mut tx = self
            .handeling_duurzaam(ctx, Recht::BetaalrunGoedkeuren)
            .await?;
        let mut run = Self::run_laden(&mut *tx, id).await?;
        if !betaalrun::goedkeurder_toegestaan(run.gestart_door, gebruiker) {
            return Err(AppFout::Conflict(
                "U startte deze betaalrun zelf; een ander keurt hem goed (vier ogen).".into(),
            ));
        }
        if run.versie != versie {
            return Err(AppFout::Verouderd(
                "Deze betaalrun is intussen gewijzigd. Bekijk hem opnieuw.".into(),
            ));
        }
        if !run.status.mag_goedkeuren() {
            return Err(AppFout::Conflict(
                "Deze betaalrun is intussen gewijzigd, goedgekeurd of afgebroken. Bekijk hem opnieuw."
                    .into(),
            ));
        }
        // Wordt de run (opnieuw) berekend, dan keurt niemand de oude cijfers goed.
        if Self::open_job(&mut *tx, &format!("betaalrun:{id}"))
            .await?
            .is_some()
        {
            return Err(AppFout::Conflict(
                "Deze betaalrun wordt (opnieuw) berekend; keur hem goed als de berekening klaar is."
                    .into(),
            ));
        }
        // Nooit twee keer (issue 20 punt 3): keurde iemand na het berekenen van deze run een
        // andere goed, dan kan die maanden hebben betaald die hier ook in staan (als maand of als
        // nabetaling). Dan eerst opnieuw berekenen.
        let later = tx.betaalruns(1000).await?.into_iter().find(|r| {
            r.id != id
                && r.goedgekeurd_op
                    .zip(run.berekend_op)
                    .is_some_and(|(g, b)| g > b)
        });
        if let Some(r) = later {
            return Err(AppFout::Conflict(format!(
                "Na het berekenen van deze run is de betaalrun van {} goedgekeurd; die kan maanden \
                 hebben betaald die hier ook in staan. Bereken deze run opnieuw en keur hem dan \
                 goed.",
                tijd::maand_weergave(r.maand)
            )));
        }
        let nu = tx.nu;
        run.status = Runstatus::Goedgekeurd;
        run.goedgekeurd_door = Some(gebruiker);
        run.goedgekeurd_op = Some(nu);
        run.versie += 1;
        if !tx.betaalrun_bijwerken(&run).await? {
            return Err(AppFout::Verouderd(
                "Deze betaalrun is intussen door een ander goedgekeurd.".into(),
            ));
        }
        // Het zegel over elke overboeking, in het auditrecord hieronder: wat na dit moment in
        // de regels verandert, komt niet in het betaalbestand (issue 17, punt 4).
        let zegel = zegel::berekenen(&mut *tx, &run).await?;
        if zegel.betalingen != u64::try_from(run.aantal_betalingen).unwrap_or(u64::MAX)
            || run.totaal_centen != zegel.totaal_centen
        {
            return Err(zegel::gebroken(
                id,
                "de betaalregels kloppen niet met de totalen van de berekening",
            ));
        }
        // Nooit twee keer: wat een andere run intussen betaalde (ook een goedkeuring die
        // tegelijk liep), staat hier niet nog eens in.
        let dubbel = tx.betaalrun_al_betaald(id).await?;
        if dubbel > 0 {
            return Err(AppFout::Conflict(format!(
                "{dubbel} maanden, correcties of voorschotten in deze run zijn intussen betaald \
                 (door een andere run), verrekend of vervallen (door een besluit). Bereken deze run \
                 opnieuw en keur hem dan goed."
            )));
        }
        // Een mutatie die na het berekenen ging gelden, verandert bedragen in deze run: dan
        // eerst opnieuw berekenen (anders zou het oude bedrag als betaald gelden).
        if let Some(berekend) = run.berekend_op {
            let later = tx.betaalrun_mutaties_na(id, berekend).await?;
            if later > 0 {
                return Err(AppFout::Conflict(format!(
                    "Na het berekenen van deze run zijn {later} mutaties verwerkt op uitkeringen \
                     in de run. Bereken de run opnieuw en keur hem dan goed."
                )));
            }
        }
        // Een uitkering die na het begin van de berekening werd toegekend, staat niet in de run
        // (en haar voorschot verviel bij het toekennen): dan eerst opnieuw berekenen, anders
        // krijgt die cliënt deze maand niets.
        if let Some(berekend) = run.berekend_op {
            let nieuw = tx.betaalrun_uitkeringen_na(berekend).await?;
            if nieuw > 0 {
                return Err(AppFout::Conflict(format!(
                    "Na het berekenen van deze run zijn {nieuw} uitkeringen toegekend. Bereken de \
                     run opnieuw en keur hem dan goed."
                )));
            }
        }
        tx.betaalrun_verwerken(id, nu).await?;
        // Taken: een vordering beoordelen, een rekening vastleggen. Eén per dossier en soort,
        // in één keer (na de eerste run van een grote gemeente zijn het er tienduizenden).
        let vandaag = tijd::nl_lokaal(nu).date();
        let mut gezien = std::collections::HashSet::new();
        let mut regels = Vec::new();
        for r in tx.betaalregels_voor_taken(id).await? {
            let soort = match r.categorie {
                Categorie::Vordering => Taaksoort::Vordering,
                Categorie::Vastgehouden
                    if r.reden.as_ref().map(|v| v.reden) != Some(Vasthoudreden::Opschorting) =>
                {
                    Taaksoort::Betaling
                }
                _ => continue,
            };
            if gezien.insert((r.dossier_id, soort)) {
                regels.push((soort, r));
            }
        }
        let dossier_ids: Vec<i64> = regels.iter().map(|(_, r)| r.dossier_id).collect();
        let dossiers: BTreeMap<i64, crate::opslag::DossierRij> = tx
            .dossiers_op_ids(&dossier_ids)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
        let taken = regels
            .into_iter()
            .map(|(soort, r)| {
                let omschrijving = match soort {
                    Taaksoort::Vordering => format!(
                        "Dossier {}: te veel betaald, vordering beoordelen (betaalrun {})",
                        r.dossiernummer, id
                    ),
                    _ => format!(
                        "Dossier {}: betaling vastgehouden ({}), rekening of gegevens vastleggen",
                        r.dossiernummer,
                        r.reden.as_ref().map_or("zonder reden", |v| v.reden.naam())
                    ),
                };
                let dossier = dossiers.get(&r.dossier_id);
                NieuweTaak {
                    soort,
                    omschrijving,
                    dossier_id: Some(r.dossier_id),
                    persoon_id: None,
                    begindatum: vandaag,
                    deadline: None,
                    team_id: dossier.and_then(|d| d.team_id),
                    gebruiker_id: dossier.and_then(|d| d.consulent_id),
                    prioriteit: 1,
                    reden: "Betaalrun goedgekeurd",
                }
            })
            .collect();
        taken_maken(&mut *tx, ctx, nu, taken).await?;
        tx.audit(Wijziging {
            actie: zegel::GOEDKEURING,
            onderwerp_type: "betaalrun",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "Betaalrun {} goedgekeurd: {} betalingen, totaal {}",
                run.maand.format("%Y-%m"),
                run.aantal_betalingen,
                vangnet_domain::bedrag::euro(run.totaal_centen.centen())
            ),
            na: Some(serde_json::to_value(&zegel).map_err(|e| AppFout::Intern(e.to_string()))?),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Breekt een run af die nog niet is goedgekeurd; de regels blijven ter inzage.
    pub async fn betaalrun_afbreken(
        &self,
        ctx: &Context,
        id: i64,
        versie: i64,
    ) -> Result<(), AppFout> {
        let mut tx = self.handeling(ctx, Recht::BetaalrunStarten).await?;
        let mut run = Self::run_laden(&mut *tx, id).await?;
        if run.versie != versie {
            return Err(AppFout::Verouderd(
                "Deze betaalrun is intussen gewijzigd. Bekijk hem opnieuw.".into(),
            ));
        }
        if !run.status.mag_afbreken() {
            return Err(AppFout::Conflict(
                "Deze betaalrun is al goedgekeurd of afgebroken.".into(),
            ));
        }
        run.status = Runstatus::Afgebroken;
        run.versie += 1;
        if !tx.betaalrun_bijwerken(&run).await? {
            return Err(AppFout::Verouderd(
                "Deze betaalrun is intussen gewijzigd.".into(),
            ));
        }
        tx.audit(Wijziging {
            actie: "betaalrun.afgebroken",
            onderwerp_type: "betaalrun",
            onderwerp_id: id.to_string(),
            samenvatting: "Betaalrun afgebroken".into(),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Schrijft het pain.001-bestand van een goedgekeurde run (of, met `deel = Some((n, per))`,
    /// het n-de bestand van `per` transacties), stroomsgewijs per 5 000 regels. De eerste keer
    /// gaat de run naar 'geëxporteerd'. Geeft aantal en som van het bestand.
    pub async fn betaalrun_pain(
        &self,
        ctx: &Context,
        id: i64,
        deel: Option<(u64, u64)>,
        uit: &mut (dyn Write + Send),
    ) -> Result<(u64, Centen), AppFout> {
        ctx.actor.vereist(Recht::BetaalbestandDownloaden)?;
        let opdrachtgever = self.instellingen.betaling.opdrachtgever.clone().ok_or_else(|| {
            AppFout::Conflict(
                "De rekening van de gemeente is niet ingesteld (VANGNET_DEBITEUR_IBAN en VANGNET_DEBITEUR_NAAM); zonder die rekening komt er geen betaalbestand."
                    .into(),
            )
        })?;
        let mut tx = self.opslag.lees().await?;
        let run = Self::run_laden(tx.as_mut(), id).await?;
        if !run.status.mag_exporteren() {
            return Err(AppFout::Conflict(
                "Alleen een goedgekeurde betaalrun levert een betaalbestand.".into(),
            ));
        }
        let verwacht = zegel::van_goedkeuring(tx.as_mut(), id).await?;
        // De kop staat vooraan: aantal en som van dit bestand eerst (het hele bestand: die van
        // het zegel van de goedkeuring, of van de run als die van vóór de zegels is; een deel:
        // tellen). Het zegel hieronder dekt dan ook de kop.
        let (overslaan, hoeveel) = match deel {
            Some((n, per)) if per > 0 => (n.saturating_sub(1) * per, per),
            _ => (0, u64::MAX),
        };
        // Een deel: ook de eerste en laatste regel erin, voor het toegangslog.
        let (aantal, som, bereik) = match (deel, &verwacht) {
            (None, Some(z)) => (z.betalingen, z.totaal_centen, None),
            (None, None) => (
                u64::try_from(run.aantal_betalingen).unwrap_or(0),
                run.totaal_centen.centen(),
                None,
            ),
            (Some(_), _) => {
                let (mut aantal, mut som, mut gezien, mut na_id) = (0_u64, 0, 0_u64, 0);
                let mut bereik: Option<(i64, i64)> = None;
                'tellen: loop {
                    let (regels, laatste) = tx.betalingen(id, na_id, 10_000).await?;
                    let Some(l) = laatste else { break };
                    na_id = l;
                    for r in &regels {
                        gezien += 1;
                        if gezien <= overslaan {
                            continue;
                        }
                        if aantal == hoeveel {
                            break 'tellen;
                        }
                        aantal += 1;
                        som += r.bedrag_centen.centen();
                        bereik = Some((bereik.map_or(r.id, |(van, _)| van), r.id));
                    }
                }
                (aantal, som, bereik)
            }
        };
        if aantal == 0 {
            return Err(AppFout::NietGevonden(
                "Dit deel van het betaalbestand".into(),
            ));
        }
        let nr = deel.map_or(1, |(n, _)| n);
        let kop = sepa::Kop {
            bericht_id: bericht_id(&run, nr),
            aangemaakt: tijd::nl_lokaal(self.klok.nu())
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            uitvoeringsdatum: tijd::datum_tekst(run.betaaldatum),
            aantal,
            som,
            opdrachtgever,
        };
        // Het toegangslog van wie in het bestand staat (een regel per dossier) schrijft de
        // schrijfverbinding terwijl hier het bestand ontstaat; mislukt het bestand, dan wordt
        // die transactie teruggedraaid.
        // Deze transactie zet de run op geëxporteerd: duurzaam, anders kan een stroomstoring een
        // tweede export (dubbel betalen) mogelijk maken.
        // Het recht (starten of goedkeuren) is hierboven nagegaan.
        let mut schrijf = self.handeling_duurzaam_recht_al_nagegaan(ctx).await?;
        let sjabloon = toegang::sjabloon(
            ctx,
            schrijf.nu,
            verwerking::BIJSTANDSVERLENING,
            "dossier",
            &format!("Betaalbestand {nr} van betaalrun {id}"),
        );
        let toegang = tokio::spawn(async move {
            let r = schrijf.toegang_voor_run(id, true, bereik, &sjabloon).await;
            (schrijf, r)
        });
        let stap = |e: tokio::task::JoinError| AppFout::Intern(format!("betaalbestand: {e}"));
        let fout = |e: sepa::Schrijffout| AppFout::Intern(e.to_string());
        let mut zegelaar = zegel::zegelaar(&run);
        let mut schrijver = sepa::Painschrijver::begin(&mut *uit, kop).map_err(fout)?;
        let (mut gezien, mut geschreven, mut geschreven_som) = (0_u64, 0_u64, 0);
        // De volgende bladzijde wordt gelezen terwijl deze wordt geschreven.
        let lees = |mut tx: Box<dyn Leestransactie>, na_id: i64| {
            tokio::spawn(async move {
                let r = tx.betalingen(id, na_id, 10_000).await;
                (tx, r)
            })
        };
        let mut volgende = lees(tx, 0);
        // Alle regels gaan door het zegel, ook die buiten dit deel; alleen die van dit deel
        // gaan in het bestand.
        loop {
            let (t, r) = volgende.await.map_err(stap)?;
            let (regels, laatste) = r?;
            volgende = lees(t, laatste.unwrap_or(i64::MAX));
            if laatste.is_none() {
                break;
            }
            for r in &regels {
                zegel::regel(&mut zegelaar, r);
                gezien += 1;
                if gezien <= overslaan || geschreven == aantal {
                    continue;
                }
                geschreven += 1;
                geschreven_som += r.bedrag_centen.centen();
                schrijver
                    .transactie(&sepa::Overboeking {
                        kenmerk: &r.kenmerk,
                        bedrag: r.bedrag_centen.centen(),
                        naam: &r.naam,
                        iban: &r.iban,
                        omschrijving: &r.omschrijving,
                    })
                    .map_err(fout)?;
            }
        }
        volgende.await.map_err(stap)?.0.afsluiten().await?;
        // Zonder zegel: goedgekeurd door een versie van Vangnet van vóór de zegels.
        if verwacht.as_ref().is_some_and(|v| zegelaar.zegel() != *v) {
            return Err(zegel::gebroken(
                id,
                "de betaalregels kloppen niet met het zegel van de goedkeuring",
            ));
        }
        // Ook zonder zegel (een run van vóór de zegels): het bestand is wat de kop zegt.
        let meer = verwacht.is_none() && deel.is_none() && gezien > aantal;
        if geschreven != aantal || geschreven_som != som || meer {
            return Err(zegel::gebroken(
                id,
                "aantal of som van de overboekingen in het bestand klopt niet met de kop",
            ));
        }
        schrijver.einde().map_err(fout)?;
        let (mut tx, gelogd) = toegang.await.map_err(stap)?;
        gelogd?;
        // De eerste export zet de status; het bestand zelf verandert nooit meer.
        let mut run = Self::run_laden(&mut *tx, id).await?;
        let opnieuw = run.geexporteerd_op;
        if opnieuw.is_none() {
            run.status = Runstatus::Geexporteerd;
            run.geexporteerd_op = Some(tx.nu);
            run.versie += 1;
            tx.betaalrun_bijwerken(&run).await?;
        }
        tx.vastleggen(Wijziging {
            actie: "betaalrun.bestand",
            onderwerp_type: "betaalrun",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "Betaalbestand {nr} {}: {aantal} overboekingen, {}",
                if let Some(eerder) = &opnieuw {
                    format!(
                        "opnieuw gemaakt (eerst op {}, zelfde bericht-id)",
                        tijd::instant_tekst(*eerder)
                    )
                } else {
                    "gemaakt".to_owned()
                },
                vangnet_domain::bedrag::euro(som)
            ),
            ..Default::default()
        })
        .await?;
        Ok((aantal, som))
    }

    fn mag_runs_zien(ctx: &Context) -> Result<(), AppFout> {
        if ctx.actor.mag(Recht::BetaalrunStarten) || ctx.actor.mag(Recht::BetaalrunGoedkeuren) {
            Ok(())
        } else {
            Err(AppFout::GeenToegang)
        }
    }

    /// Eén run (zonder totalen), bv. om te zien of het bestand al gemaakt is.
    pub async fn betaalrun(&self, ctx: &Context, id: i64) -> Result<BetaalrunRij, AppFout> {
        Self::mag_runs_zien(ctx)?;
        let mut tx = self.opslag.lees().await?;
        let run = Self::run_laden(tx.as_mut(), id).await?;
        tx.afsluiten().await?;
        Ok(run)
    }

    /// De runs van een maand (`JJJJ-MM`), oudste eerst.
    pub async fn betaalruns_van_maand(
        &self,
        ctx: &Context,
        maand: &str,
    ) -> Result<Vec<BetaalrunRij>, AppFout> {
        Self::mag_runs_zien(ctx)?;
        let mut f = Veldfouten::nieuw();
        let m = maand_lezen(&mut f, "maand", maand);
        f.clone().resultaat()?;
        let m = m.ok_or(AppFout::Ongeldig(f))?;
        let mut tx = self.opslag.lees().await?;
        let runs = tx.betaalruns_van_maand(m).await?;
        tx.afsluiten().await?;
        Ok(runs)
    }

    pub async fn betaalruns(&self, ctx: &Context) -> Result<Vec<BetaalrunRij>, AppFout> {
        Self::mag_runs_zien(ctx)?;
        let mut tx = self.opslag.lees().await?;
        let runs = tx.betaalruns(120).await?;
        tx.afsluiten().await?;
        Ok(runs)
    }

    /// Een run met totalen per categorie, verschillen met de vorige definitieve run en de
    /// vastgehouden regels en vorderingen (met dossiernummer: wie ze ziet, staat in het log).
    pub async fn betaalrun_beeld(&self, ctx: &Context, id: i64) -> Result<Runbeeld, AppFout> {
        Self::mag_runs_zien(ctx)?;
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let run = Self::run_laden(&mut *tx, id).await?;
        let naam = |g: Option<crate::opslag::GebruikerRij>, id: i64| {
            g.map_or_else(|| format!("gebruiker {id}"), |g| g.volledige_naam)
        };
        let gestart_door = naam(
            tx.gebruiker_op_id(run.gestart_door).await?,
            run.gestart_door,
        );
        let goedgekeurd_door = match run.goedgekeurd_door {
            Some(g) => Some(naam(tx.gebruiker_op_id(g).await?, g)),
            None => None,
        };
        // Een concept (ook een dat nu in partijen wordt berekend) heeft nog geen uitkomst: geen
        // regels, geen totalen.
        if run.status == Runstatus::Concept {
            tx.commit().await?;
            return Ok(Runbeeld {
                run,
                gestart_door,
                goedgekeurd_door,
                totalen: Vec::new(),
                verschillen: Vec::new(),
                vorige_run: None,
                vastgehouden: Vec::new(),
                vorderingen: Vec::new(),
            });
        }
        let totalen = tx.betaalrun_totalen(id).await?;
        let vorige_run = tx
            .betaalruns(240)
            .await?
            .into_iter()
            .filter(|r| r.maand < run.maand)
            .find(|r| r.status.definitief())
            .map(|r| r.id);
        let verschillen = match vorige_run {
            Some(v) => tx.betaalrun_verschillen(id, v, 10).await?,
            None => Vec::new(),
        };
        let vastgehouden = tx
            .betaalregels_van_categorie(id, Categorie::Vastgehouden, 200)
            .await?;
        let vorderingen = tx
            .betaalregels_van_categorie(id, Categorie::Vordering, 200)
            .await?;
        let nu = tx.nu;
        let mut dossiers: Vec<i64> = verschillen
            .iter()
            .map(|v| v.dossier_id)
            .chain(
                vastgehouden
                    .iter()
                    .chain(&vorderingen)
                    .map(|r| r.dossier_id),
            )
            .collect();
        dossiers.sort_unstable();
        dossiers.dedup();
        for d in dossiers {
            toegang::vastleggen(
                &mut *tx,
                ctx,
                nu,
                verwerking::BIJSTANDSVERLENING,
                "dossier",
                &d.to_string(),
                &format!("Overzicht betaalrun {id}"),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Runbeeld {
            run,
            gestart_door,
            goedgekeurd_door,
            totalen,
            verschillen,
            vorige_run,
            vastgehouden,
            vorderingen,
        })
    }

    /// Alle regels van een run als CSV (puntkomma, bedragen in euro met komma).
    pub async fn betaalrun_csv(
        &self,
        ctx: &Context,
        id: i64,
        uit: &mut (dyn Write + Send),
    ) -> Result<(), AppFout> {
        // Met van iedereen naam en IBAN: dezelfde kring als het betaalbestand.
        ctx.actor.vereist(Recht::BetaalbestandDownloaden)?;
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        if Self::run_laden(&mut *tx, id).await?.status == Runstatus::Concept {
            return Err(AppFout::Conflict(
                "Deze betaalrun is (nog) niet berekend; er is nog niets om te downloaden.".into(),
            ));
        }
        let io = |e: std::io::Error| AppFout::Intern(e.to_string());
        let mut csv = csv::Schrijver::nieuw(uit);
        csv.regel([
            "dossier",
            "categorie",
            "maand",
            "bedrag",
            "reden",
            "iban",
            "naam",
            "omschrijving",
            "kenmerk",
        ])
        .map_err(io)?;
        let mut na_id = 0;
        loop {
            let regels = tx.betaalregels(id, na_id, 5_000, false).await?;
            let Some(l) = regels.last() else { break };
            na_id = l.id;
            for r in &regels {
                let bedrag =
                    vangnet_domain::bedrag::euro(r.bedrag_centen.centen()).replace("€ ", "");
                let maand = r.maand.format("%Y-%m").to_string();
                let reden = r.reden.as_ref().map(Vasthouding::code).unwrap_or_default();
                csv.regel([
                    r.dossiernummer.as_str(),
                    r.categorie.code(),
                    &maand,
                    &bedrag,
                    &reden,
                    r.iban.as_deref().unwrap_or(""),
                    &r.naam,
                    &r.omschrijving,
                    &r.kenmerk,
                ])
                .map_err(io)?;
            }
        }
        csv.klaar().map_err(io)?;
        let nu = tx.nu;
        tx.toegang_voor_run(
            id,
            false,
            None,
            &toegang::sjabloon(
                ctx,
                nu,
                verwerking::BIJSTANDSVERLENING,
                "dossier",
                &format!("Export betaalrun {id}"),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// De vorderingen (te veel betaald) van een dossier.
    pub async fn vorderingen_van_dossier(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<crate::opslag::VorderingRij>, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let v = tx.vorderingen_van_dossier(dossier_id).await?;
        tx.afsluiten().await?;
        Ok(v)
    }

    /// De betaalspecificatie van een dossier: per run de regels met hun uitleg.
    pub async fn betaalspecificatie(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<(BetaalrunRij, BetaalregelRij, Vec<Specificatieregel>)>, AppFout> {
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        if tx.dossier_op_id(dossier_id).await?.is_none() {
            return Err(AppFout::NietGevonden("Het dossier".into()));
        }
        let regels = tx.betaalregels_van_dossier(dossier_id).await?;
        let mut runs: BTreeMap<i64, BetaalrunRij> = BTreeMap::new();
        let mut uit = Vec::new();
        for r in regels {
            if let std::collections::btree_map::Entry::Vacant(plek) = runs.entry(r.run_id) {
                if let Some(run) = tx.betaalrun_op_id(r.run_id).await? {
                    plek.insert(run);
                }
            }
            let Some(run) = runs.get(&r.run_id) else {
                continue;
            };
            // Alleen definitieve runs: een concept kan nog veranderen.
            if !run.status.definitief() {
                continue;
            }
            let mut spec: Vec<Specificatieregel> =
                serde_json::from_str(&r.uitleg).unwrap_or_default();
            spec.retain(|s| !s.is_mededeling());
            uit.push((run.clone(), r, spec));
        }
        let nu = tx.nu;
        toegang::vastleggen(
            &mut *tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "dossier",
            &dossier_id.to_string(),
            "Betaalspecificatie",
        )
        .await?;
        tx.commit().await?;
        Ok(uit)
    }
}
