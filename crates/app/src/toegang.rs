//! Het toegangslog: wie zag wiens gegevens, voor welke verwerkingsactiviteit, wanneer. Gemodelleerd
//! naar Logboek Dataverwerkingen: het operatie-id is de `trace_id`, elke verwerking krijgt een
//! eigen `span_id`, en er staat één betrokkene per regel. De opslag bewaart de vaste gegevens van
//! een verwerking één keer ([`crate::opslag::Verwerking`]); een bulkverwerking (betaalrun,
//! herberekening) voegt er per betrokkene alleen een regel aan toe.

use serde::Serialize;
use vangnet_domain::{tijd, Recht, Verwerkingsactiviteit};

use crate::geheim;
use crate::opslag::{ToegangFilter, ToegangRij, Transactie, Verwerking};
use crate::{App, AppFout, Context};

/// Een toegangsregel zonder betrokkene-id: voor regels die de opslag in bulk aanvult (een hele
/// partij of run in één statement).
pub(crate) fn sjabloon(
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    activiteit: Verwerkingsactiviteit,
    betrokkene_type: &str,
    omschrijving: &str,
) -> ToegangRij {
    ToegangRij {
        id: 0,
        trace_id: ctx.operatie_id.clone(),
        span_id: geheim::span_id(),
        tijdstip: tijd::instant_tekst(tijdstip),
        gebruiker_id: ctx.actor.gebruiker_id(),
        gebruiker: ctx.actor.omschrijving(),
        verwerkingsactiviteit: activiteit.id.to_owned(),
        betrokkene_type: betrokkene_type.to_owned(),
        betrokkene_id: String::new(),
        omschrijving: omschrijving.to_owned(),
    }
}

/// Begint een bulkverwerking van gelezen personen (betaalrun, herberekening): de vaste gegevens
/// één keer; de personen volgen per partij met `toegang_voor_personen`.
pub(crate) async fn personen_verwerking(
    tx: &mut dyn Transactie,
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    activiteit: Verwerkingsactiviteit,
    omschrijving: &str,
) -> Result<Verwerking, AppFout> {
    let s = sjabloon(ctx, tijdstip, activiteit, "persoon", omschrijving);
    Ok(tx.verwerking_vastleggen(&s).await?)
}

/// Schrijft één regel in de lopende (schrijf)transactie.
pub async fn vastleggen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    tijdstip: chrono::DateTime<chrono::Utc>,
    activiteit: Verwerkingsactiviteit,
    betrokkene_type: &str,
    betrokkene_id: &str,
    omschrijving: &str,
) -> Result<(), AppFout> {
    tx.toegang_toevoegen(&ToegangRij {
        betrokkene_id: betrokkene_id.to_owned(),
        ..sjabloon(ctx, tijdstip, activiteit, betrokkene_type, omschrijving)
    })
    .await?;
    Ok(())
}

/// Verder dan dit telt een zoekvraag in het toegangslog niet (zie [`ToegangPagina::meer_dan`]);
/// wie meer wil zien, verfijnt het filter (persoon, medewerker, periode).
pub const TOEGANG_TELGRENS: i64 = 10_000;

#[derive(Debug, Clone, Serialize)]
pub struct ToegangPagina {
    pub regels: Vec<ToegangRij>,
    /// Het aantal regels, hoogstens [`TOEGANG_TELGRENS`].
    pub totaal: i64,
    /// Er zijn meer regels dan `totaal`.
    pub meer_dan: bool,
}

impl App {
    pub async fn toegang_zoeken(
        &self,
        ctx: &Context,
        filter: &ToegangFilter,
        limiet: i64,
        overslaan: i64,
    ) -> Result<ToegangPagina, AppFout> {
        ctx.actor.vereist(Recht::ToegangslogInzien)?;
        // Verder dan de telgrens bladert het log niet: een bladzijde diep in honderd miljoen
        // regels kost de database evenveel als tellen, en wie zo ver wil, bedoelt een filter.
        if overslaan >= TOEGANG_TELGRENS {
            return Err(AppFout::veld(
                "pagina",
                format!(
                    "Het toegangslog bladert tot de eerste {TOEGANG_TELGRENS} regels. Verfijn het \
                     filter (BSN of dossier, medewerker of periode) om verdere regels te zien."
                ),
            ));
        }
        let mut tx = self.opslag.lees().await?;
        let regels = tx
            .toegang_zoeken(filter, limiet.clamp(1, 500), overslaan.max(0))
            .await?;
        let geteld = tx.toegang_tellen(filter, TOEGANG_TELGRENS + 1).await?;
        tx.afsluiten().await?;
        Ok(ToegangPagina {
            regels,
            totaal: geteld.min(TOEGANG_TELGRENS),
            meer_dan: geteld > TOEGANG_TELGRENS,
        })
    }
}

/// Welke namen een medewerker vandaag al in een takenlijst zag. Een lijst wordt vaak ververst;
/// het toegangslog krijgt per medewerker, persoon en dag één regel "naam getoond bij een taak"
/// (de eerste keer), niet honderd regels bij elke verversing. Na een herstart, of op een andere
/// server, komt er hoogstens nog één regel bij. Wie het dossier opent, krijgt daar zijn eigen
/// regel, zoals altijd.
#[derive(Debug, Default)]
pub struct Getoond(std::sync::Mutex<(chrono::NaiveDate, std::collections::HashSet<(i64, i64)>)>);

impl Getoond {
    /// De personen uit `ids` die `gebruiker` op `dag` nog niet zag; ze tellen vanaf nu als gezien.
    fn nieuw(&self, gebruiker: i64, dag: chrono::NaiveDate, ids: &[i64]) -> Vec<i64> {
        let mut g = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if g.0 != dag {
            *g = (dag, Default::default());
        }
        ids.iter()
            .copied()
            .filter(|p| g.1.insert((gebruiker, *p)))
            .collect()
    }

    /// Vergeet dat deze personen zijn getoond (het vastleggen mislukte).
    fn vergeet(&self, gebruiker: i64, ids: &[i64]) {
        let mut g = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for p in ids {
            g.1.remove(&(gebruiker, *p));
        }
    }
}

/// Naam en gemaskeerd BSN van personen (`El Amrani, F. (*****3653)`), zoals nu bekend; leest
/// alleen (het vastleggen in het toegangslog doet [`App::namen_getoond`] of de aanroeper).
pub(crate) async fn namen(
    tx: &mut dyn crate::opslag::Leestransactie,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, AppFout> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut uit = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(uit);
    }
    let personen = tx.personen_op_ids(&ids).await?;
    let gegevens = tx.persoonsgegevens_van(&ids).await?;
    for p in personen {
        let naam = gegevens
            .iter()
            .filter(|g| g.persoon_id == p.id && g.historie.actueel())
            .max_by_key(|g| g.historie.geldig_vanaf)
            .map_or_else(
                || "(naam onbekend)".to_owned(),
                |g| {
                    vangnet_domain::persoon::naam::Naam {
                        voornamen: g.voornamen.clone(),
                        voorvoegsel: g.voorvoegsel.clone(),
                        geslachtsnaam: g.geslachtsnaam.clone(),
                    }
                    .sorteervorm()
                },
            );
        let bsn = vangnet_domain::persoon::Bsn::uit_getal(p.bsn)
            .map(vangnet_domain::persoon::Bsn::gemaskeerd)
            .unwrap_or_default();
        uit.insert(p.id, format!("{naam} ({bsn})"));
    }
    Ok(uit)
}

impl App {
    /// Legt vast dat deze namen bij een taak zijn getoond: per medewerker, persoon en dag één
    /// regel ([`Getoond`]), in één verwerking. Zonder nieuwe namen geen schrijfactie.
    pub(crate) async fn namen_getoond(&self, ctx: &Context, ids: &[i64]) -> Result<(), AppFout> {
        let Some(gebruiker) = ctx.actor.gebruiker_id() else {
            return Ok(());
        };
        let dag = tijd::nl_lokaal(self.klok.nu()).date();
        let nieuw = self.getoond.nieuw(gebruiker, dag, ids);
        if nieuw.is_empty() {
            return Ok(());
        }
        let gelukt = async {
            let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
            let nu = tx.nu;
            let v = personen_verwerking(
                &mut *tx,
                ctx,
                nu,
                vangnet_domain::verwerking::BIJSTANDSVERLENING,
                "Naam getoond bij een taak",
            )
            .await?;
            tx.toegang_voor_personen(&v, &nieuw).await?;
            tx.commit().await
        }
        .await;
        if gelukt.is_err() {
            self.getoond.vergeet(gebruiker, &nieuw);
        }
        gelukt
    }
}

/// Naam en gemaskeerd BSN van personen (`El Amrani, F. (*****3653)`), zoals nu bekend, en elke
/// getoonde persoon in het toegangslog met `waarom` (één verwerking, een regel per persoon).
pub(crate) async fn clientnamen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    ids: &[i64],
    waarom: &str,
) -> Result<std::collections::HashMap<i64, String>, AppFout> {
    let uit = namen(&mut *tx, ids).await?;
    if uit.is_empty() {
        return Ok(uit);
    }
    // Eén verwerking met een regel per getoonde persoon, in één statement (zoals een betaalrun):
    // een lijst van honderd taken is geen honderd losse schrijfacties.
    let mut getoond: Vec<i64> = uit.keys().copied().collect();
    getoond.sort_unstable();
    let v = personen_verwerking(
        tx,
        ctx,
        nu,
        vangnet_domain::verwerking::BIJSTANDSVERLENING,
        waarom,
    )
    .await?;
    tx.toegang_voor_personen(&v, &getoond).await?;
    Ok(uit)
}

/// De toegangsregels van lezers, gebundeld (issue 22 punt 4): wie alleen las (zoeken), wacht niet
/// elk op een eigen schrijftransactie. Elk verzoek zet zijn verwerking in de wachtrij; wie daarna
/// de schrijver van de bundel krijgt (de leider), legt alles uit de wachtrij in één transactie
/// vast en meldt ieder de uitkomst. Pas na die commit krijgt de lezer zijn antwoord: het
/// toegangslog is even duurzaam als bij elke andere handeling. Valt de leider weg (een verzoek
/// dat wordt afgebroken), dan zet elke volger zijn verwerking opnieuw in de wachtrij.
#[derive(Default)]
pub(crate) struct Bundel {
    wachtrij: std::sync::Mutex<Vec<Bundelverzoek>>,
    leider: tokio::sync::Mutex<()>,
}

/// Eén verwerking met de personen die zij las.
#[derive(Clone)]
struct Gelezen {
    sjabloon: ToegangRij,
    personen: Vec<i64>,
}

struct Bundelverzoek {
    gelezen: Gelezen,
    klaar: tokio::sync::oneshot::Sender<Result<(), String>>,
}

impl App {
    /// Legt vast dat `ctx` de `personen` las (één verwerking met een regel per persoon), gebundeld
    /// met wat andere lezers tegelijk vastleggen (zie [`Bundel`]).
    pub(crate) async fn personen_gelezen(
        &self,
        ctx: &Context,
        tijdstip: chrono::DateTime<chrono::Utc>,
        activiteit: Verwerkingsactiviteit,
        omschrijving: &str,
        personen: Vec<i64>,
    ) -> Result<(), AppFout> {
        if personen.is_empty() {
            return Ok(());
        }
        let gelezen = Gelezen {
            sjabloon: sjabloon(ctx, tijdstip, activiteit, "persoon", omschrijving),
            personen,
        };
        let bundel = &self.toegangsbundel;
        loop {
            let (klaar, mut uitkomst) = tokio::sync::oneshot::channel();
            bundel
                .wachtrij
                .lock()
                .map_err(|_| AppFout::Intern("toegangsbundel".into()))?
                .push(Bundelverzoek {
                    gelezen: gelezen.clone(),
                    klaar,
                });
            // Of een andere leider neemt dit verzoek mee, of dit verzoek wordt zelf leider.
            let gewonnen = tokio::select! {
                r = &mut uitkomst => Err(r),
                leider = bundel.leider.lock() => Ok(leider),
            };
            let r = match gewonnen {
                Err(r) => r,
                Ok(leider) => {
                    // Alles wat wacht (met dit verzoek, tenzij een vorige leider het al meenam).
                    let groep = std::mem::take(
                        &mut *bundel
                            .wachtrij
                            .lock()
                            .map_err(|_| AppFout::Intern("toegangsbundel".into()))?,
                    );
                    if !groep.is_empty() {
                        let r = self.bundel_vastleggen(&groep).await;
                        for v in groep {
                            let _ = v.klaar.send(r.clone());
                        }
                    }
                    drop(leider);
                    uitkomst.await
                }
            };
            match r {
                Ok(r) => return r.map_err(AppFout::Intern),
                // De leider viel weg vóór hij iets meldde: opnieuw in de wachtrij.
                Err(_) => continue,
            }
        }
    }

    async fn bundel_vastleggen(&self, groep: &[Bundelverzoek]) -> Result<(), String> {
        let schrijven = async {
            let mut tx = self
                .systeemhandeling("toegangslog", &geheim::operatie_id())
                .await?;
            for v in groep {
                let w = tx.verwerking_vastleggen(&v.gelezen.sjabloon).await?;
                tx.toegang_voor_personen(&w, &v.gelezen.personen).await?;
            }
            tx.commit().await
        };
        schrijven.await.map_err(|e: AppFout| e.to_string())
    }
}
