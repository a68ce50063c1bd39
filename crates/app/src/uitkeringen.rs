//! Uitkeringen en mutaties (issue 6, eerste deel): een uitkering toekennen met besluit en
//! bezwaartermijn, mutaties op inkomen, vrijlating, verlaging, opschorting en beëindiging met een
//! ingangsdatum (ook in het verleden), de impact per maand vóór het opslaan, vier ogen boven een
//! drempel of voor bepaalde soorten, en herberekening met correcties voor wat al betaald is.
//!
//! De feiten van een uitkering komen uit het huishouden (materiële historie, zoals nu bekend) en
//! uit de goedgekeurde mutaties; een mutatie overschrijft niets. Een correctie is zelf een mutatie
//! die een eerdere laat vervallen. Mutaties op het huishouden (partner, kind, medebewoner) lopen
//! nog via de persoonsgegevens; hun eigen mutatiesoort volgt.
//!
//! Hier staan de use cases; de invoer van een mutatie lezen (`invoer`), de feiten uit de rijen
//! (`feiten`), het rekendeel van een herberekening (`herberekening`) en de inrichting van vier
//! ogen (`vier_ogen`) hebben elk een eigen module.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use vangnet_domain::bedrag::Bedrag;
use vangnet_domain::beheerverzoek::Verzoeksoort;
use vangnet_domain::berekening::{Inkomenssoort, Relatie, Uitkomst, Vrijlatingssoort, Wie};
use vangnet_domain::betaalrun::{self, Categorie, Correctiesoort};
use vangnet_domain::historie::Periode;
use vangnet_domain::huishouden::{Medebewonerrelatie, Rol as HuishoudRol};
use vangnet_domain::normen::Centen;
use vangnet_domain::persoon::datum::parse_datum;
use vangnet_domain::persoon::naam::Naam;
use vangnet_domain::persoon::{Bsn, Geboortedatum};
pub(crate) use vangnet_domain::tijd::datum_tekst as datumtekst;
use vangnet_domain::uitkering::{
    self, bezwaartermijn, verschillen, Feiten, Maandverschil, Mutatiesoort, Mutatiestatus,
};
use vangnet_domain::werk::Taaksoort;
use vangnet_domain::{tijd, verwerking, Recht, Veldfouten};

use crate::audit::{self, Wijziging};
use crate::opslag::{
    CorrectieRij, Historietabel, Leestransactie, MaandbedragRij, MutatieRij, Transactie,
    UitkeringRij,
};
use crate::werk::{taak_maken, NieuweTaak};
use crate::{toegang, App, AppFout, Context};

/// Standaarddrempel voor vier ogen: een mutatie die in totaal meer dan dit bedrag verandert.
mod afhandelen;
mod beoordeling;
mod controles;
mod feiten;
mod gevolgen;
mod herberekening;
mod invoer;
mod toekennen;
mod vier_ogen;

pub use afhandelen::Afhandeling;
pub use beoordeling::{Mutatiebeoordeling, Toekenningsbeoordeling};
use controles::{inkomen_past, waarschuwingen};
use feiten::feiten_uit;
pub(crate) use feiten::{partij_laden, personen_van, Geladen};
use herberekening::{betaalde_vakantietoeslag, maanden_vergelijken, Vooruit, NORMPARTIJ, VOORUIT};
pub use invoer::velden_van;
use invoer::{controleer, Ruw};
pub use toekennen::{Toekenning, Toekenningsinvoer, Toekenningsvoorbeeld, VOORSTEL_TAAK};
use vier_ogen::vier_ogen;
pub(crate) use vier_ogen::vier_ogen_zetten;
pub use vier_ogen::{VierOgen, VIER_OGEN_DREMPEL};

pub(crate) fn eerste_van(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Het netto bedrag van een mutatie: getypt (`bedrag`) of exact in centen (`bedrag_centen`).
fn netto_bedrag(invoer: &MutatieInvoer) -> Result<i64, String> {
    use vangnet_domain::bedrag::{parse_euro, MAX_INVOER};
    match invoer.bedrag_centen {
        None => parse_euro(&invoer.bedrag),
        Some(_) if !invoer.bedrag.trim().is_empty() => {
            Err("Geef het bedrag één keer: als tekst of in centen, niet allebei.".into())
        }
        Some(c) if (0..=MAX_INVOER).contains(&c) => Ok(c),
        Some(_) => Err("Het bedrag in centen ligt tussen 0 en 9999999999.".into()),
    }
}

/// Wat een medewerker voor een mutatie invult (formulier of API).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MutatieInvoer {
    pub soort: String,
    pub ingangsdatum: String,
    #[serde(default)]
    pub einddatum: String,
    /// Bij inkomen: `arbeid`, `uitkering`, `alimentatie`, `overig`.
    #[serde(default)]
    pub inkomenssoort: String,
    /// Netto per maand in euro's zoals een mens het typt (`600`, `612,50`, `612.50`; zie
    /// [`vangnet_domain::bedrag::parse_euro`]).
    #[serde(default)]
    pub bedrag: String,
    /// Hetzelfde bedrag exact in centen (de API); niet samen met `bedrag`.
    #[serde(default)]
    pub bedrag_centen: Option<i64>,
    /// Bij een verlaging.
    #[serde(default)]
    pub procent: String,
    /// Bij een vrijlating: `arbeid` of `alleenstaande_ouder`.
    #[serde(default)]
    pub vrijlating: String,
    /// Bij inkomen: de vakantietoeslag die er per maand over wordt opgebouwd, zoals de loonstrook
    /// die noemt (art. 31 lid 4); leeg als die niet bekend is.
    #[serde(default)]
    pub vakantietoeslag_per_maand: String,
    /// Bij inkomen, een vrijlating of art. 20 lid 3: van wie, `aanvrager` (standaard) of
    /// `partner`.
    #[serde(default)]
    pub van: String,
    /// Bij art. 20 lid 3: `ja` (geen beroep op de ouders, vanaf de ingang) of `nee` (weer wel).
    #[serde(default)]
    pub geen_beroep: String,
    /// Bij een beëindiging.
    #[serde(default)]
    pub einde_reden: String,
    /// Bij een correctie: de mutatie die vervalt.
    #[serde(default)]
    pub corrigeert: Option<i64>,
    /// Bij een lid dat komt: `partner:gehuwd`, `kind`, `medebewoner:familie`, … ; bij komen en
    /// gaan het BSN. Naam en geboortedatum alleen voor wie nog onbekend is in Vangnet.
    #[serde(default)]
    pub rol: String,
    #[serde(default)]
    pub bsn: String,
    #[serde(default)]
    pub voornamen: String,
    #[serde(default)]
    pub voorvoegsel: String,
    #[serde(default)]
    pub geslachtsnaam: String,
    #[serde(default)]
    pub geboortedatum: String,
    /// Bij een nieuwe bankrekening.
    #[serde(default)]
    pub iban: String,
    /// Bij een nieuw adres (voor het hele huishouden).
    #[serde(default)]
    pub straat: String,
    #[serde(default)]
    pub huisnummer: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub woonplaats: String,
    /// Bij werkelijk inkomen: de laatste dag van de periode van de loonstrook (de eerste is de
    /// ingangsdatum); netto (`bedrag`) en vakantietoeslag gaan dan over die hele periode.
    #[serde(default)]
    pub periode_tot_en_met: String,
    /// Bij werkelijk inkomen: het brutobedrag over de periode, als de loonstrook het noemt.
    #[serde(default)]
    pub bruto: String,
    /// Bij een opschorting: de dag waarop de hersteltermijn afloopt (art. 54 lid 4).
    #[serde(default)]
    pub hersteltermijn: String,
    /// Bij de betaalwijze: `ja` (verdelen over beide partners) of `nee`.
    #[serde(default)]
    pub verdelen: String,
    #[serde(default)]
    pub reden: String,
    /// De taak "mutatie verwerken" die deze mutatie afrondt (van de taak naar het formulier).
    /// Zonder: de enige open taak van die soort op het dossier, als er één is.
    #[serde(default)]
    pub taak: Option<i64>,
}

/// Wat een mutatie verandert (in de opslag als JSON); zie [`Mutatiegegevens`].
pub(crate) use vangnet_domain::uitkering::Mutatiegegevens as Gegevens;

/// De impact van een mutatie per maand, vóór het opslaan.
#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    pub maanden: Vec<Impactmaand>,
    /// De som van de verschillen.
    pub totaal: Centen,
    /// Het verschil in de maanden daarna dat de vier-ogendrempel ook meetelt: van een blijvende
    /// wijziging twaalf maanden vooruit, van een tijdelijke tot haar einde.
    pub vooruit: Centen,
    /// Moet een tweede consulent de mutatie goedkeuren?
    pub vier_ogen: bool,
    /// De berekening van de eerste maand met verschil, na de mutatie, met uitleg.
    pub uitleg_na: Option<Uitkomst>,
    /// De laatste dag met een geladen normtabel, als het effect vooruit daar ophoudt: de maanden
    /// erna worden niet berekend (participatiewet-feiten.md §12).
    pub berekend_tot: Option<NaiveDate>,
    /// Wat de consulent moet nagaan voordat hij opslaat (het voorbeeld blijft geldig).
    pub waarschuwingen: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Impactmaand {
    #[serde(flatten)]
    pub verschil: Maandverschil,
    /// Al betaald (dan wordt het verschil een nabetaling of een te veel betaald bedrag).
    pub betaald: Option<Centen>,
}

/// Het verschilrapport na een herberekening met nieuwe normtabellen.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Normrapport {
    pub uitkeringen: u64,
    /// Uitkeringen met ten minste één ander maandbedrag.
    pub gewijzigd: u64,
    pub maanden: u64,
    pub totaal: Centen,
    /// De grootste verschillen: dossiernummer en maand.
    pub grootste: Vec<(String, Maandverschil)>,
}

impl Normrapport {
    /// In één zin, voor de job en het scherm.
    pub fn samenvatting(&self) -> String {
        format!(
            "{} uitkeringen herberekend; {} met een ander bedrag in {} maanden, totaal {}",
            self.uitkeringen,
            self.gewijzigd,
            self.maanden,
            vangnet_domain::bedrag::euro(self.totaal)
        )
    }
}

/// Een uitkering met haar maanden, mutaties en correcties, voor het dossier.
#[derive(Debug, Clone, Serialize)]
pub struct Uitkeringsbeeld {
    pub uitkering: UitkeringRij,
    pub maanden: Vec<MaandbedragRij>,
    pub mutaties: Vec<MutatieRij>,
    pub correcties: Vec<CorrectieRij>,
    /// Som van de niet verrekende correcties.
    pub open_verschil: Centen,
    /// Art. 47a: de dag waarop de SVB bevoegd wordt (de AOW-leeftijd van de aanvrager of een
    /// partner); de gemeentelijke uitkering eindigt dan.
    pub svb_vanaf: Option<NaiveDate>,
}

/// Past goedgekeurde mutaties (oplopend op ingangsdatum, dan id) toe op de feiten.
pub(crate) fn toepassen(
    feiten: &mut Feiten,
    mutaties: &[(NaiveDate, Option<NaiveDate>, &Gegevens)],
) {
    let mut volgorde: Vec<_> = mutaties.iter().collect();
    volgorde.sort_by_key(|(i, _, _)| *i);
    for (ingang, einde, g) in volgorde {
        let periode = Periode {
            vanaf: *ingang,
            tot: *einde,
        };
        // Een wijziging of stop op dezelfde dag als het begin sluit dat begin ook af (een
        // periode van nul dagen telt nergens mee); anders liepen beide bedragen door.
        let sluit = |feiten: &mut Feiten, soort: Inkomenssoort, wie: Wie| {
            for (p, w, s, _, _) in feiten.inkomsten.iter_mut() {
                if *s == soort && *w == wie && p.tot.is_none() && p.vanaf <= *ingang {
                    p.tot = Some(*ingang);
                }
            }
        };
        match g {
            Gegevens::Inkomen {
                inkomenssoort,
                netto_centen,
                van,
                vakantietoeslag_centen,
            } => {
                sluit(feiten, *inkomenssoort, *van);
                feiten.inkomsten.push((
                    periode,
                    *van,
                    *inkomenssoort,
                    *netto_centen,
                    *vakantietoeslag_centen,
                ));
            }
            Gegevens::InkomenStop { inkomenssoort, van } => sluit(feiten, *inkomenssoort, *van),
            Gegevens::WerkelijkInkomen {
                inkomenssoort,
                van,
                tot_en_met,
                netto_centen,
                vakantietoeslag_centen,
                ..
            } => {
                // Een nieuwe loonstrook over precies dezelfde periode vervangt de vorige.
                feiten.werkelijke_inkomsten.retain(|w| {
                    (w.wie, w.soort, w.van_dag, w.tot_en_met)
                        != (*van, *inkomenssoort, *ingang, *tot_en_met)
                });
                feiten
                    .werkelijke_inkomsten
                    .push(vangnet_domain::uitkering::WerkelijkInkomen {
                        van_dag: *ingang,
                        tot_en_met: *tot_en_met,
                        wie: *van,
                        soort: *inkomenssoort,
                        netto: *netto_centen,
                        vakantietoeslag: *vakantietoeslag_centen,
                    });
            }
            Gegevens::Verlaging { procent } => feiten.verlagingen.push((periode, *procent)),
            Gegevens::Vrijlating { vrijlating, van } => {
                feiten.vrijlatingen.push((*van, *vrijlating, *ingang))
            }
            Gegevens::GeenBeroepOpOuders { van, geldt } => {
                for (p, w) in feiten.geen_beroep_op_ouders.iter_mut() {
                    if w == van && p.tot.is_none() && p.vanaf <= *ingang {
                        p.tot = Some(*ingang);
                    }
                }
                if *geldt {
                    feiten.geen_beroep_op_ouders.push((periode, *van));
                }
            }
            // Een lid dat komt of gaat staat na goedkeuring in het huishouden zelf; een voorbeeld
            // past het toe in `App::feiten`.
            Gegevens::Opschorting { .. } => feiten.opschortingen.push(periode),
            Gegevens::OpschortingOpgeheven => {
                for p in feiten.opschortingen.iter_mut() {
                    if p.vanaf <= *ingang && p.tot.is_none_or(|t| t > *ingang) {
                        p.tot = Some(*ingang);
                    }
                }
            }
            Gegevens::Betaalwijze { verdelen, aan } => {
                for (p, _) in feiten.een_rekening.iter_mut() {
                    if p.tot.is_none() && p.vanaf <= *ingang {
                        p.tot = Some(*ingang);
                    }
                }
                if !*verdelen {
                    feiten.een_rekening.push((Periode::vanaf(*ingang), *aan));
                }
            }
            Gegevens::Correctie { .. }
            | Gegevens::LidIn { .. }
            | Gegevens::LidUit { .. }
            | Gegevens::Bankrekening { .. }
            | Gegevens::Adres { .. } => {}
            Gegevens::Beeindiging { .. } => {
                if let Some(u) = feiten.uitkering.as_mut() {
                    u.tot = Some(u.tot.map_or(*ingang, |t| t.min(*ingang)));
                }
            }
        }
    }
}

impl App {
    /// De feiten van een uitkering zoals bekend op `bekend_op` (standaard nu): het huishouden
    /// (materiële historie) en de goedgekeurde mutaties, plus eventueel één nog niet opgeslagen
    /// mutatie (het voorbeeld). Elke betrokken persoon komt in het toegangslog.
    async fn feiten(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        u: &UitkeringRij,
        extra: Option<(NaiveDate, Option<NaiveDate>, &Gegevens)>,
        bekend_op: Option<DateTime<Utc>>,
    ) -> Result<Feiten, AppFout> {
        let dossier = tx
            .dossier_op_id(u.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let leden = tx
            .huishoudleden_van_huishouden(dossier.huishouden_id)
            .await?;
        let ids: Vec<i64> = leden.iter().map(|l| l.persoon_id).collect();
        let gegevens = tx.persoonsgegevens_van(&ids).await?;
        let mutaties = tx.mutaties_van(u.id).await?;
        let nu = self.klok.nu();
        let mut gezien = Vec::new();
        for id in ids {
            if gezien.contains(&id) {
                continue;
            }
            gezien.push(id);
            toegang::vastleggen(
                tx,
                ctx,
                nu,
                verwerking::BIJSTANDSVERLENING,
                "persoon",
                &id.to_string(),
                &if u.id == 0 {
                    // Nog geen uitkering: de berekening van een voorschot (art. 52).
                    format!("Voorschotberekening dossier {}", dossier.nummer)
                } else {
                    format!("Berekening uitkering {}", u.id)
                },
            )
            .await?;
        }
        feiten_uit(
            u,
            &leden,
            &gegevens,
            &mutaties,
            extra,
            bekend_op.unwrap_or(nu),
        )
    }

    /// Rekent de maanden van een uitkering opnieuw uit (van de start tot en met deze maand) en
    /// legt voor elke al betaalde maand en vakantietoeslag met een ander bedrag een correctie vast.
    async fn herberekenen(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        u: &UitkeringRij,
        mutatie_id: Option<i64>,
        oorzaak: &str,
    ) -> Result<Vec<Maandverschil>, AppFout> {
        let tabellen = self.geldende_normtabellen(tx).await?;
        let feiten = self.feiten(tx, ctx, u, None, None).await?;
        let bestaand = tx.maandbedragen_van(u.id).await?;
        let correcties = tx.correcties_van(u.id).await?;
        let vakantietoeslag = betaalde_vakantietoeslag(tx, &[u]).await?;
        let b = maanden_vergelijken(
            u,
            &feiten,
            &bestaand,
            &correcties,
            &tabellen,
            mutatie_id,
            oorzaak,
            self.klok.nu(),
            &vakantietoeslag.get(&u.id).cloned().unwrap_or_default(),
            self.instellingen.betaling.vakantietoeslag_maand,
        );
        tx.maandbedragen_zetten(&b.maanden).await?;
        tx.correcties_invoegen(&b.correcties).await?;
        Ok(b.verschillen)
    }

    /// Rekent na een nieuwe normtabel alle uitkeringen opnieuw uit, in partijen van 200 per
    /// transactie (een onderbreking laat elke partij heel of ongedaan), met correcties voor
    /// betaalde maanden, en geeft een verschilrapport. `voortgang(klaar)` na elke partij.
    pub async fn normen_herberekenen(
        &self,
        ctx: &Context,
        voortgang: impl FnMut(u64) + Send,
    ) -> Result<Normrapport, AppFout> {
        self.herberekenen_vanaf(ctx, None, voortgang).await
    }

    /// De herberekening als job `job`: verder vanaf haar positie en tussenstand, en elke partij
    /// legt die in haar eigen transactie vast (zie `crate::jobs`).
    pub(crate) async fn normen_herberekenen_job(
        &self,
        ctx: &Context,
        job: i64,
        voortgang: impl FnMut(u64) + Send,
    ) -> Result<Normrapport, AppFout> {
        self.herberekenen_vanaf(ctx, Some(job), voortgang).await
    }

    async fn herberekenen_vanaf(
        &self,
        ctx: &Context,
        job: Option<i64>,
        mut voortgang: impl FnMut(u64) + Send,
    ) -> Result<Normrapport, AppFout> {
        ctx.actor.vereist(Recht::NormenBeheren)?;
        let (mut rapport, mut na_id) = (Normrapport::default(), 0);
        if let Some(job) = job {
            let mut tx = self.opslag.lees().await?;
            let rij = tx.job_op_id(job).await?;
            tx.afsluiten().await?;
            if let Some(r) = rij.filter(|r| r.positie > 0) {
                na_id = r.positie;
                rapport = r
                    .tussenstand
                    .as_deref()
                    .and_then(|t| serde_json::from_str(t).ok())
                    .ok_or_else(|| AppFout::Intern(format!("job {job}: tussenstand onleesbaar")))?;
                tracing::info!(
                    job,
                    na_id,
                    klaar = rapport.uitkeringen,
                    "herberekening gaat verder"
                );
            }
        }
        // De partijen liggen vooraf vast: de uitkeringen bij het begin, in stukken van
        // NORMPARTIJ. Wat er intussen bij komt (altijd een hoger id), volgt daarna.
        let mut partijen: std::collections::VecDeque<Vec<i64>> = {
            let mut lees = self.opslag.lees().await?;
            let alle = lees.uitkering_ids(na_id, i64::MAX).await?;
            lees.afsluiten().await?;
            alle.chunks(NORMPARTIJ as usize)
                .map(<[i64]>::to_vec)
                .collect()
        };
        // Op SQLite lezen en rekenen eigen taken de volgende VOORUIT partijen terwijl deze partij
        // schrijft (de tweede kern), elk in een momentopname die begint terwijl deze partij de
        // schrijver nog heeft (dus vóór haar commit). Een uitkomst telt alleen als sindsdien
        // niets anders is vastgelegd dan de eigen commits: de schrijfteller staat dan precies
        // zoveel hoger. Anders leest en rekent de partij opnieuw in haar eigen transactie, zoals
        // op PostgreSQL altijd. Zo schrijft de herberekening nooit over een mutatie, een
        // goedgekeurde run of een persoonswijziging heen die intussen kwam.
        let mut vooruit: std::collections::VecDeque<Vooruit> = Default::default();
        // De eigen commits tot nu toe.
        let mut eigen: i64 = 0;
        // Hoeveel partijen de vooruit gerekende uitkomst schreven en hoeveel opnieuw lazen.
        let (mut uit_momentopname, mut opnieuw) = (0u64, 0u64);
        // Waar de tijd heen ging (in de log): wachten op de schrijver, op de vooruit gerekende
        // partij, lezen en rekenen in de transactie, en schrijven met commit.
        let mut tijd = [std::time::Duration::ZERO; 4];
        loop {
            let gestart = std::time::Instant::now();
            let mut tx = self.handeling(ctx, Recht::NormenBeheren).await?;
            let teller = tx.schrijfteller().await?;
            tijd[0] += gestart.elapsed();
            let gestart = std::time::Instant::now();
            let ids = match partijen.pop_front() {
                Some(ids) => ids,
                None => tx.uitkering_ids(na_id, NORMPARTIJ).await?,
            };
            let vooraf = match vooruit.pop_front() {
                Some(v) => Some((
                    v.eigen,
                    v.taak
                        .await
                        .map_err(|e| AppFout::Intern(format!("herberekening: {e}")))??,
                )),
                None => None,
            };
            tijd[1] += gestart.elapsed();
            let gestart = std::time::Instant::now();
            let p = match vooraf {
                Some((toen, (stand, p))) if teller == Some(stand + eigen - toen) => {
                    uit_momentopname += 1;
                    p
                }
                _ => {
                    opnieuw += 1;
                    let nu = tx.nu;
                    self.normpartij_lezen(&mut *tx, ids, nu).await?
                }
            };
            tijd[2] += gestart.elapsed();
            let gestart = std::time::Instant::now();
            let Some(laatste) = p.ids.last().copied() else {
                tx.commit().await?;
                break;
            };
            let mut begonnen = Vec::new();
            if teller.is_some() {
                while vooruit.len() < VOORUIT {
                    let Some(ids) = partijen.get(vooruit.len()) else {
                        break;
                    };
                    let (b, taak) = self.normpartij_vooruit(ids.clone());
                    vooruit.push_back(Vooruit { eigen, taak });
                    begonnen.push(b);
                }
            }
            let nu = tx.nu;
            let (maanden, nieuwe_correcties, gelezen) = (p.maanden, p.correcties, p.gelezen);
            for (nummer, verschillen) in p.verschillen {
                rapport.uitkeringen += 1;
                if !verschillen.is_empty() {
                    rapport.gewijzigd += 1;
                }
                for v in verschillen {
                    rapport.maanden += 1;
                    rapport.totaal += v.verschil;
                    rapport.grootste.push((nummer.clone(), v));
                }
                rapport
                    .grootste
                    .sort_by_key(|(_, v)| std::cmp::Reverse(v.verschil.abs()));
                rapport.grootste.truncate(10);
            }
            tx.maandbedragen_zetten(&maanden).await?;
            tx.correcties_invoegen(&nieuwe_correcties).await?;
            // Wie in deze huishoudens staat, is gelezen: één regel per persoon, in één statement.
            let v = toegang::personen_verwerking(
                &mut *tx,
                ctx,
                nu,
                verwerking::BIJSTANDSVERLENING,
                "Herberekening na nieuwe normtabellen",
            )
            .await?;
            tx.toegang_voor_personen(&v, &gelezen).await?;
            tx.audit(Wijziging {
                actie: "normen.herberekend",
                onderwerp_type: "uitkeringen",
                onderwerp_id: format!("t/m {laatste}"),
                samenvatting: format!(
                    "Herberekening na nieuwe normtabellen: {} uitkeringen verwerkt",
                    rapport.uitkeringen
                ),
                ..Default::default()
            })
            .await?;
            if let Some(job) = job {
                let tussenstand = serde_json::to_string(&rapport)
                    .map_err(|e| AppFout::Intern(format!("tussenstand: {e}")))?;
                // Alleen vastleggen zolang deze werker de job heeft; anders rolt de partij terug.
                if !tx
                    .job_positie(
                        job,
                        self.werker(),
                        laatste,
                        i64::try_from(rapport.uitkeringen).unwrap_or(i64::MAX),
                        &tussenstand,
                    )
                    .await?
                {
                    return Err(AppFout::Conflict(
                        "Een andere server heeft deze herberekening overgenomen.".into(),
                    ));
                }
            }
            // De momentopnamen van de partijen vooruit moeten vóór deze commit begonnen zijn
            // (faalde zo'n taak al, dan komt haar fout bij haar partij).
            for b in begonnen {
                let _ = b.await;
            }
            tx.commit().await?;
            eigen += 1;
            tijd[3] += gestart.elapsed();
            na_id = laatste;
            voortgang(rapport.uitkeringen);
        }
        tracing::info!(
            uit_momentopname,
            opnieuw,
            schrijver_s = tijd[0].as_secs_f64(),
            vooruit_s = tijd[1].as_secs_f64(),
            in_transactie_s = tijd[2].as_secs_f64(),
            schrijven_s = tijd[3].as_secs_f64(),
            "herberekening klaar (partijen vooruit gerekend, en opnieuw in hun transactie)"
        );
        Ok(rapport)
    }

    /// De impact van een mutatie per maand, zonder iets op te slaan.
    pub async fn mutatie_voorbeeld(
        &self,
        ctx: &Context,
        uitkering_id: i64,
        invoer: &MutatieInvoer,
    ) -> Result<Impact, AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let u = tx
            .uitkering_op_id(uitkering_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
        let vandaag = tijd::nl_lokaal(tx.nu).date();
        let (soort, ingang, einde, ruw) = controleer(invoer, &u, vandaag)?;
        let g = self.oplossen(&mut *tx, &u, ruw, ingang).await?;
        let impact = self
            .impact(&mut *tx, ctx, &u, soort, ingang, einde, &g)
            .await?;
        tx.commit().await?;
        Ok(impact)
    }

    #[allow(clippy::too_many_arguments)]
    async fn impact(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        u: &UitkeringRij,
        soort: Mutatiesoort,
        ingang: NaiveDate,
        einde: Option<NaiveDate>,
        g: &Gegevens,
    ) -> Result<Impact, AppFout> {
        let vandaag = tijd::nl_lokaal(self.klok.nu()).date();
        let tabellen = self.geldende_normtabellen(tx).await?;
        let voor = self.feiten(tx, ctx, u, None, None).await?;
        inkomen_past(&voor, ingang, g, soort)?;
        let na = self
            .feiten(tx, ctx, u, Some((ingang, einde, g)), None)
            .await?;
        // De maanden tot nu (of tot de ingang) zijn wat de mutatie verandert aan wat al betaald is
        // of nu betaald wordt; de vier-ogendrempel telt ook de maanden daarna mee, zie
        // `impact_tot` (issue 17, punt 7).
        let tot = vandaag.max(ingang);
        // Geen maand met een normtabel die er niet voor is vastgesteld: het effect houdt op bij
        // de laatste tabel (het scherm zegt welke tabel ontbreekt). Een mutatie die daarna
        // ingaat (een beëindiging per 1 januari, in december geregistreerd) mag wel.
        let gewenst = vangnet_domain::uitkering::impact_tot(ingang, einde, vandaag);
        let horizon = gewenst.min(tabellen.laatste_dag());
        let (v, n) = (
            voor.per_maand(eerste_van(ingang), horizon, &tabellen),
            na.per_maand(eerste_van(ingang), horizon, &tabellen),
        );
        let alle = verschillen(&v, &n);
        // Voor de drempel van vier ogen telt ook het effect in de maanden zonder tabel: met de
        // laatste tabel doorgetrokken berekend, alleen voor die controle; getoond en betaald
        // wordt er niets mee.
        let geschat: Centen = if gewenst > horizon {
            let mut doorgetrokken = (*tabellen).clone();
            if let Some(l) = doorgetrokken.0.last_mut() {
                l.geldig_tot_en_met = gewenst;
            }
            let vanaf = eerste_van(ingang).max(horizon.succ_opt().unwrap_or(horizon));
            verschillen(
                &voor.per_maand(vanaf, gewenst, &doorgetrokken),
                &na.per_maand(vanaf, gewenst, &doorgetrokken),
            )
            .iter()
            .map(|x| x.verschil)
            .sum()
        } else {
            0
        };
        let (verschil, later): (Vec<_>, Vec<_>) = alle.into_iter().partition(|x| x.maand <= tot);
        let betaald = tx.maandbedragen_van(u.id).await?;
        let totaal: Centen = verschil.iter().map(|x| x.verschil).sum();
        let vooruit: Centen = later.iter().map(|x| x.verschil).sum();
        let regels = vier_ogen(tx).await?;
        Ok(Impact {
            uitleg_na: verschil
                .first()
                .and_then(|x| na.uitleg(x.maand, &tabellen))
                .and_then(Result::ok),
            maanden: verschil
                .into_iter()
                .map(|x| Impactmaand {
                    betaald: betaald
                        .iter()
                        .find(|b| b.maand == x.maand)
                        .and_then(|b| b.betaald_centen.map(Bedrag::centen)),
                    verschil: x,
                })
                .collect(),
            // Een nieuwe rekening altijd (issue 21 punt 4: de klassieke fraudeweg), wat de
            // inrichting ook zegt.
            vier_ogen: regels.soorten.contains(&soort)
                || soort == Mutatiesoort::Bankrekening
                || (totaal + vooruit).abs() > regels.drempel
                || (totaal + vooruit + geschat).abs() > regels.drempel,
            totaal,
            vooruit,
            berekend_tot: (gewenst > horizon).then_some(horizon),
            waarschuwingen: waarschuwingen(&voor, ingang, g),
        })
    }

    /// Registreert een mutatie. Zonder vier ogen wordt ze direct verwerkt (herberekening,
    /// correcties); met vier ogen wacht ze op een tweede consulent, met een taak voor het team.
    /// Geeft het id en of ze nog beoordeeld moet worden.
    pub async fn mutatie_registreren(
        &self,
        ctx: &Context,
        uitkering_id: i64,
        invoer: &MutatieInvoer,
    ) -> Result<(i64, bool), AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let u = tx
            .uitkering_op_id(uitkering_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
        let vandaag = tijd::nl_lokaal(nu).date();
        let (soort, ingang, einde, ruw) = controleer(invoer, &u, vandaag)?;
        let g = self.oplossen(&mut *tx, &u, ruw, ingang).await?;
        if let Gegevens::Correctie { corrigeert } = g {
            let Some(doel) = tx
                .mutatie_op_id(corrigeert)
                .await?
                .filter(|m| m.uitkering_id == u.id)
            else {
                return Err(AppFout::veld(
                    "corrigeert",
                    "Alleen een mutatie van deze uitkering kan worden gecorrigeerd.",
                ));
            };
            let correcties = tx.mutaties_van(u.id).await?;
            uitkering::corrigeerbaar(
                doel.soort,
                doel.status,
                correcties
                    .iter()
                    .filter(|m| m.corrigeert_id == Some(corrigeert))
                    .map(|m| m.status),
            )
            .map_err(|melding| AppFout::veld("corrigeert", melding))?;
        }
        let impact = self
            .impact(&mut *tx, ctx, &u, soort, ingang, einde, &g)
            .await?;
        let mut m = MutatieRij {
            id: 0,
            uitkering_id,
            soort,
            ingangsdatum: ingang,
            einddatum: einde,
            gegevens: g.clone(),
            reden: invoer.reden.trim().to_owned(),
            status: Mutatiestatus::bij_registratie(impact.vier_ogen),
            vier_ogen: impact.vier_ogen,
            impact_centen: impact.totaal.into(),
            geregistreerd_door: ctx.actor.gebruiker_id(),
            geregistreerd_op: nu,
            beoordeeld_door: None,
            beoordeeld_op: None,
            afwijsreden: None,
            corrigeert_id: match g {
                Gegevens::Correctie { corrigeert } => Some(corrigeert),
                _ => None,
            },
            operatie_id: ctx.operatie_id.clone(),
            versie: 1,
        };
        m.id = tx.mutatie_invoegen(&m).await?;
        let dossier = tx
            .dossier_op_id(u.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        // De taak "mutatie verwerken" is klaar met het registreren (issue 21 punt 10).
        let open: Vec<i64> = tx
            .taken_van_dossier(dossier.id)
            .await?
            .into_iter()
            .filter(|t| {
                t.soort == Taaksoort::Mutatie
                    && t.status != vangnet_domain::werk::Taakstatus::Gereed
            })
            .map(|t| t.id)
            .collect();
        let klaar = match invoer.taak {
            Some(t) if open.contains(&t) => Some(t),
            Some(_) => {
                return Err(AppFout::veld(
                    "taak",
                    "De taak hoort niet bij dit dossier of is al klaar.",
                ))
            }
            None if open.len() == 1 => open.first().copied(),
            None => None,
        };
        if let Some(k) = klaar {
            crate::werk::taken_afronden(&mut *tx, ctx, nu, dossier.id, move |t| t.id == k).await?;
        }
        if impact.vier_ogen {
            taak_maken(
                &mut *tx,
                ctx,
                nu,
                NieuweTaak {
                    soort: Taaksoort::Goedkeuring,
                    omschrijving: format!(
                        "Mutatie {} ({}) op {} goedkeuren",
                        m.id,
                        soort.naam().to_lowercase(),
                        dossier.nummer
                    ),
                    dossier_id: Some(dossier.id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: tijd::nl_lokaal(nu).date(),
                    deadline: None,
                    team_id: dossier.team_id,
                    gebruiker_id: None,
                    prioriteit: 0,
                    reden: "Vier ogen: een tweede consulent beoordeelt de mutatie",
                },
            )
            .await?;
        } else {
            self.verwerken(&mut *tx, ctx, &u, &m).await?;
        }
        tx.audit(Wijziging {
            actie: "mutatie.geregistreerd",
            onderwerp_type: "uitkering",
            onderwerp_id: u.id.to_string(),
            samenvatting: format!(
                "{} per {} op {} (impact {}){}",
                soort.naam(),
                ingang.format("%d-%m-%Y"),
                dossier.nummer,
                vangnet_domain::bedrag::euro(impact.totaal),
                if impact.vier_ogen {
                    "; wacht op vier ogen"
                } else {
                    ""
                }
            ),
            na: Some(serde_json::to_value(&m).unwrap_or_default()),
            reden: Some(m.reden.clone()),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok((m.id, impact.vier_ogen))
    }

    /// Zoekt een lid dat komt of gaat op in de database: wie komt, mag niet al (vanaf de
    /// ingangsdatum) in een ander of dit huishouden zijn; wie gaat, moet er nu bij horen (en is
    /// niet de aanvrager).
    async fn oplossen(
        &self,
        tx: &mut dyn Transactie,
        u: &UitkeringRij,
        ruw: Ruw,
        ingang: NaiveDate,
    ) -> Result<Gegevens, AppFout> {
        let dossier = tx
            .dossier_op_id(u.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let open = |l: &crate::opslag::HuishoudlidRij| {
            l.historie.actueel() && l.historie.geldig_tot.is_none_or(|t| t > ingang)
        };
        match ruw {
            Ruw::Klaar(g) => Ok(g),
            Ruw::LidIn {
                rol,
                bsn,
                naam,
                geboortedatum,
            } => {
                let bekend = tx.persoon_op_bsn(bsn.getal()).await?;
                let geboortedatum = match (&bekend, geboortedatum) {
                    (_, Some(g)) => g,
                    (Some(p), None) => tx
                        .persoonsgegevens_van(&[p.id])
                        .await?
                        .iter()
                        .filter(|g| g.historie.actueel())
                        .map(|g| g.geboortedatum)
                        .next_back()
                        .ok_or_else(|| {
                            AppFout::veld("bsn", "Van deze persoon is geen geboortedatum bekend.")
                        })?,
                    (None, None) => {
                        return Err(AppFout::veld(
                            "geslachtsnaam",
                            format!(
                            "BSN {bsn} is nog onbekend in Vangnet: vul naam en geboortedatum in."
                        ),
                        ))
                    }
                };
                if let (Some(p), Some(n)) = (&bekend, &naam) {
                    let huidig = tx
                        .persoonsgegevens_van(&[p.id])
                        .await?
                        .into_iter()
                        .rfind(|g| g.historie.actueel());
                    if huidig.is_some_and(|h| h.geslachtsnaam != n.geslachtsnaam) {
                        return Err(AppFout::veld(
                            "bsn",
                            format!("Er is al een persoon met BSN {bsn} en een andere achternaam. Controleer het BSN, of laat de naam leeg om die persoon te gebruiken."),
                        ));
                    }
                }
                if let Some(p) = &bekend {
                    for l in tx.huishoudleden_van_personen(&[p.id]).await? {
                        if open(&l) {
                            let waar = if l.huishouden_id == dossier.huishouden_id {
                                "hoort al bij dit huishouden"
                            } else {
                                "hoort al bij een ander huishouden; iemand kan maar in één huishouden tegelijk zijn"
                            };
                            return Err(AppFout::veld("bsn", format!("BSN {bsn} {waar}.")));
                        }
                    }
                }
                Ok(Gegevens::LidIn {
                    rol: rol.code(),
                    bsn: bsn.getal(),
                    naam: naam.map(|n| (n.voornamen, n.voorvoegsel, n.geslachtsnaam)),
                    geboortedatum,
                })
            }
            Ruw::LidUit { bsn } => {
                let p = tx.persoon_op_bsn(bsn.getal()).await?;
                let lid = match &p {
                    Some(p) => tx
                        .huishoudleden_van_personen(&[p.id])
                        .await?
                        .into_iter()
                        .find(|l| l.huishouden_id == dossier.huishouden_id && open(l)),
                    None => None,
                };
                match lid {
                    Some(l) if l.rol == HuishoudRol::Aanvrager => Err(AppFout::veld(
                        "bsn",
                        "De aanvrager verlaat het huishouden niet: beëindig dan de uitkering.",
                    )),
                    Some(l) => Ok(Gegevens::LidUit {
                        persoon_id: l.persoon_id,
                    }),
                    None => Err(AppFout::veld(
                        "bsn",
                        format!("BSN {bsn} hoort nu niet bij dit huishouden."),
                    )),
                }
            }
        }
    }

    /// Een lid dat komt of gaat vastleggen in het huishouden (materiële historie).
    async fn lid_vastleggen(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        u: &UitkeringRij,
        ingang: NaiveDate,
        g: &Gegevens,
    ) -> Result<(), AppFout> {
        let nu = self.klok.nu();
        let dossier = tx
            .dossier_op_id(u.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let historie = |vanaf: NaiveDate, tot: Option<NaiveDate>| crate::opslag::Historie {
            geldig_vanaf: vanaf,
            geldig_tot: tot,
            geregistreerd_op: nu,
            vervallen_op: None,
            operatie_id: ctx.operatie_id.clone(),
        };
        match g {
            Gegevens::LidIn {
                rol,
                bsn,
                naam,
                geboortedatum,
            } => {
                let id = match tx.persoon_op_bsn(*bsn).await? {
                    Some(p) => p.id,
                    None => {
                        let (voornamen, voorvoegsel, geslachtsnaam) =
                            naam.clone().unwrap_or_default();
                        let n = Naam::parse(&voornamen, &voorvoegsel, &geslachtsnaam).map_err(
                            |_| {
                                AppFout::veld(
                                    "geslachtsnaam",
                                    "De naam van de nieuwe persoon is onvolledig.",
                                )
                            },
                        )?;
                        let id = tx.persoon_invoegen(*bsn, nu).await?;
                        tx.persoonsgegevens_invoegen(&crate::opslag::PersoonsgegevensRij {
                            id: 0,
                            persoon_id: id,
                            voornamen: n.voornamen.clone(),
                            voorvoegsel: n.voorvoegsel.clone(),
                            geslachtsnaam: n.geslachtsnaam.clone(),
                            zoeknaam: n.zoeknaam(),
                            zoeknaam_volledig: n.zoeknaam_volledig(),
                            geboortedatum: *geboortedatum,
                            historie: historie(*geboortedatum, None),
                        })
                        .await?;
                        id
                    }
                };
                tx.huishoudlid_invoegen(&crate::opslag::HuishoudlidRij {
                    id: 0,
                    huishouden_id: dossier.huishouden_id,
                    persoon_id: id,
                    rol: HuishoudRol::uit_code(rol).ok_or_else(|| {
                        AppFout::Intern(format!("onbekende rol in de mutatie: {rol}"))
                    })?,
                    historie: historie(ingang, None),
                })
                .await?;
            }
            Gegevens::LidUit { persoon_id } => {
                let lid = tx
                    .huishoudleden_van_personen(&[*persoon_id])
                    .await?
                    .into_iter()
                    .find(|l| {
                        l.huishouden_id == dossier.huishouden_id
                            && l.historie.actueel()
                            && l.historie.geldig_tot.is_none()
                    })
                    .ok_or_else(|| {
                        AppFout::Conflict(
                            "Het lid hoort intussen niet meer bij het huishouden.".into(),
                        )
                    })?;
                if !tx
                    .versie_laten_vervallen(Historietabel::Huishoudleden, lid.id, nu)
                    .await?
                {
                    return Err(AppFout::Conflict(
                        "Het huishouden werd tegelijk gewijzigd.".into(),
                    ));
                }
                tx.huishoudlid_invoegen(&crate::opslag::HuishoudlidRij {
                    id: 0,
                    historie: historie(lid.historie.geldig_vanaf, Some(ingang)),
                    ..lid
                })
                .await?;
            }
            Gegevens::Bankrekening { iban } => {
                // De lopende rekening eindigt op de ingang; daarna geldt de nieuwe.
                let rekeningen = tx.bankrekeningen_van(&[dossier.client_id]).await?;
                let lopend: Vec<_> = rekeningen
                    .into_iter()
                    .filter(|r| r.historie.actueel() && r.historie.geldig_tot.is_none())
                    .collect();
                if lopend.iter().any(|r| ingang <= r.historie.geldig_vanaf) {
                    return Err(AppFout::veld(
                        "ingangsdatum",
                        "De nieuwe rekening moet ingaan na het begin van de huidige rekening.",
                    ));
                }
                // Niet naast een verzoek om een andere rekening dat nog op vier ogen wacht.
                if tx
                    .rekeningwijzigingen(Some(dossier.client_id))
                    .await?
                    .iter()
                    .any(|w| w.status == vangnet_domain::beheerverzoek::Verzoekstatus::Open)
                {
                    return Err(AppFout::veld(
                        "iban",
                        "Er wacht al een nieuwe rekening van deze cliënt op beoordeling \
                         (/rekeningen); laat die eerst goedkeuren of afwijzen.",
                    ));
                }
                let tenaam = tx
                    .persoonsgegevens_van(&[dossier.client_id])
                    .await?
                    .into_iter()
                    .rev()
                    .find(|g| g.historie.actueel())
                    .and_then(|g| Naam::parse(&g.voornamen, &g.voorvoegsel, &g.geslachtsnaam).ok())
                    .map(|n| n.weergave())
                    .unwrap_or_default();
                for r in lopend {
                    if !tx
                        .versie_laten_vervallen(Historietabel::Bankrekeningen, r.id, nu)
                        .await?
                    {
                        return Err(AppFout::Conflict(
                            "De rekening van deze cliënt werd tegelijk gewijzigd; probeer het \
                             opnieuw."
                                .into(),
                        ));
                    }
                    tx.bankrekening_invoegen(&crate::opslag::BankrekeningRij {
                        id: 0,
                        historie: historie(r.historie.geldig_vanaf, Some(ingang)),
                        ..r
                    })
                    .await?;
                }
                tx.bankrekening_invoegen(&crate::opslag::BankrekeningRij {
                    id: 0,
                    persoon_id: dossier.client_id,
                    iban: iban.clone(),
                    tenaamstelling: tenaam,
                    historie: historie(ingang, None),
                })
                .await?;
                // Zoals bij een goedgekeurd verzoek: een brief naar het bekende adres.
                taak_maken(
                    &mut *tx,
                    ctx,
                    nu,
                    NieuweTaak {
                        soort: Taaksoort::Brief,
                        omschrijving: format!(
                            "Dossier {}: brief naar het bekende adres over de nieuwe bankrekening \
                             {} per {}; klopt die niet, dan direct contact opnemen.",
                            dossier.nummer,
                            crate::rekeningen::gemaskeerd(iban),
                            ingang.format("%d-%m-%Y")
                        ),
                        dossier_id: Some(dossier.id),
                        persoon_id: Some(dossier.client_id),
                        begindatum: tijd::nl_lokaal(nu).date(),
                        deadline: None,
                        team_id: dossier.team_id,
                        gebruiker_id: dossier.consulent_id,
                        prioriteit: 1,
                        reden: "Nieuwe bankrekening (mutatie)",
                    },
                )
                .await?;
            }
            Gegevens::Adres {
                straat,
                huisnummer,
                huisletter,
                toevoeging,
                postcode,
                woonplaats,
            } => {
                // Iedereen die op de ingang bij het huishouden hoort, verhuist mee.
                let leden: Vec<i64> = tx
                    .huishoudleden_van_huishouden(dossier.huishouden_id)
                    .await?
                    .into_iter()
                    .filter(|l| {
                        l.historie.actueel() && l.historie.geldig_tot.is_none_or(|t| t > ingang)
                    })
                    .map(|l| l.persoon_id)
                    .collect();
                for a in tx.adressen_van(&leden).await? {
                    if !a.historie.actueel() || a.historie.geldig_tot.is_some() {
                        continue;
                    }
                    if ingang <= a.historie.geldig_vanaf {
                        return Err(AppFout::veld(
                            "ingangsdatum",
                            "Het nieuwe adres moet ingaan na het begin van het huidige adres.",
                        ));
                    }
                    tx.versie_laten_vervallen(Historietabel::Adressen, a.id, nu)
                        .await?;
                    tx.adres_invoegen(&crate::opslag::AdresRij {
                        id: 0,
                        historie: historie(a.historie.geldig_vanaf, Some(ingang)),
                        ..a
                    })
                    .await?;
                }
                for p in leden {
                    tx.adres_invoegen(&crate::opslag::AdresRij {
                        id: 0,
                        persoon_id: p,
                        straat: straat.clone(),
                        huisnummer: *huisnummer,
                        huisletter: huisletter.clone(),
                        toevoeging: toevoeging.clone(),
                        postcode: postcode.clone(),
                        woonplaats: woonplaats.clone(),
                        historie: historie(ingang, None),
                    })
                    .await?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Een goedgekeurde mutatie doorvoeren: een lid in of uit het huishouden, einde van de
    /// uitkering bij beëindiging, en herberekenen.
    async fn verwerken(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        u: &UitkeringRij,
        m: &MutatieRij,
    ) -> Result<(), AppFout> {
        let mut u = u.clone();
        let g = Some(m.gegevens.clone());
        if let Some(
            g @ (Gegevens::LidIn { .. }
            | Gegevens::LidUit { .. }
            | Gegevens::Bankrekening { .. }
            | Gegevens::Adres { .. }),
        ) = &g
        {
            self.lid_vastleggen(tx, ctx, &u, m.ingangsdatum, g).await?;
        }
        if matches!(
            g,
            Some(Gegevens::Beeindiging { .. } | Gegevens::Correctie { .. })
        ) {
            gevolgen::einde_bijwerken(tx, &mut u, m).await?;
        }
        if let Some(Gegevens::Opschorting {
            hersteltermijn: Some(termijn),
        }) = &g
        {
            gevolgen::hersteltermijn_taak(tx, ctx, self.klok.nu(), &u, m, *termijn).await?;
        }
        self.herberekenen(tx, ctx, &u, Some(m.id), &format!("mutatie {}", m.id))
            .await?;
        Ok(())
    }

    /// Een tweede consulent keurt een mutatie goed (dan wordt ze verwerkt) of wijst haar af (met
    /// reden). Niet de eigen mutatie; wie tegelijk beoordeelt, verliest van wie eerst was.
    pub async fn mutatie_beoordelen(
        &self,
        ctx: &Context,
        mutatie_id: i64,
        versie: i64,
        goedkeuren: bool,
        reden: &str,
    ) -> Result<(), AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let mut m = tx
            .mutatie_op_id(mutatie_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De mutatie".into()))?;
        if m.versie != versie {
            return Err(AppFout::Verouderd(
                "Deze mutatie is intussen gewijzigd. Bekijk haar opnieuw.".into(),
            ));
        }
        if !m.status.mag_beoordelen() {
            return Err(AppFout::Conflict("Deze mutatie is al beoordeeld.".into()));
        }
        if m.geregistreerd_door == ctx.actor.gebruiker_id() {
            return Err(AppFout::veld(
                "beoordeling",
                "U kunt uw eigen mutatie niet beoordelen: dat doet een tweede consulent.",
            ));
        }
        if !goedkeuren && reden.trim().is_empty() {
            return Err(AppFout::veld("reden", "Geef de reden van de afwijzing."));
        }
        // Wie van de cliënt is uitgesloten (familie, een bekende), beoordeelt zijn mutaties niet.
        let client = match tx.uitkering_op_id(m.uitkering_id).await? {
            Some(u) => tx.dossier_op_id(u.dossier_id).await?.map(|d| d.client_id),
            None => None,
        };
        if let Some(c) = client {
            if beoordeling::uitgesloten(&mut *tx, ctx, c).await? {
                return Err(AppFout::veld(
                    "beoordeling",
                    "U bent uitgesloten van de behandeling van deze cliënt: een andere \
                     consulent beoordeelt deze mutatie.",
                ));
            }
        }
        // Wat intussen is goedgekeurd, kan een inkomensmutatie hebben ingehaald (twee keer
        // "inkomen begint" van dezelfde soort, elk op vier ogen): opnieuw nagaan.
        if goedkeuren {
            let u = tx
                .uitkering_op_id(m.uitkering_id)
                .await?
                .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
            {
                let g = m.gegevens.clone();
                let (i, soort) = (m.ingangsdatum, m.soort);
                let voor = self.feiten(&mut *tx, ctx, &u, None, None).await?;
                inkomen_past(&voor, i, &g, soort).map_err(|e| match e {
                    AppFout::Ongeldig(f) => AppFout::veld(
                        "beoordeling",
                        format!(
                            "Deze mutatie past niet meer bij wat intussen is goedgekeurd: {} \
                             Wijs haar af met die reden.",
                            f.0.first().map_or("", |v| v.melding.as_str())
                        ),
                    ),
                    e => e,
                })?;
            }
        }
        m.status = if goedkeuren {
            Mutatiestatus::Goedgekeurd
        } else {
            Mutatiestatus::Afgewezen
        };
        m.beoordeeld_door = ctx.actor.gebruiker_id();
        m.beoordeeld_op = Some(nu);
        m.afwijsreden = (!goedkeuren).then(|| reden.trim().to_owned());
        m.versie += 1;
        if !tx.mutatie_bijwerken(&m).await? {
            return Err(AppFout::Verouderd(
                "Een andere consulent beoordeelde deze mutatie tegelijk.".into(),
            ));
        }
        let u = tx
            .uitkering_op_id(m.uitkering_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
        if goedkeuren {
            self.verwerken(&mut *tx, ctx, &u, &m).await?;
        }
        // De goedkeuringstaak is klaar.
        let teken = format!("Mutatie {} (", m.id);
        crate::werk::taken_afronden(&mut *tx, ctx, nu, u.dossier_id, move |t| {
            t.soort == Taaksoort::Goedkeuring && t.omschrijving.starts_with(&teken)
        })
        .await?;
        tx.audit(Wijziging {
            actie: if goedkeuren {
                "mutatie.goedgekeurd"
            } else {
                "mutatie.afgewezen"
            },
            onderwerp_type: "uitkering",
            onderwerp_id: u.id.to_string(),
            samenvatting: format!("Mutatie {} {}", m.id, m.status.code()),
            reden: m.afwijsreden.clone(),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// De berekening van één maand van de uitkering van een dossier, met uitleg, met de feiten
    /// zoals bekend op `bekend_op` (standaard nu): "wat dachten we op dat moment dat de bijstand
    /// was". `None` als er die maand geen uitkering liep.
    pub async fn uitkering_maand(
        &self,
        ctx: &Context,
        dossier_id: i64,
        maand: NaiveDate,
        bekend_op: Option<DateTime<Utc>>,
    ) -> Result<Option<Uitkomst>, AppFout> {
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let u = tx
            .uitkering_van_dossier(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
        let tabellen = self.geldende_normtabellen(&mut *tx).await?;
        let feiten = self.feiten(&mut *tx, ctx, &u, None, bekend_op).await?;
        tx.commit().await?;
        match feiten.uitleg(eerste_van(maand), &tabellen) {
            None => Ok(None),
            Some(Ok(u)) => Ok(Some(u)),
            Some(Err(f)) => Err(AppFout::veld("maand", f.to_string())),
        }
    }

    /// De uitkering van een dossier met haar maanden (berekend, betaald), mutaties en correcties.
    pub async fn uitkering_van_dossier(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Option<Uitkeringsbeeld>, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let Some(u) = tx.uitkering_van_dossier(dossier_id).await? else {
            tx.afsluiten().await?;
            return Ok(None);
        };
        let maanden = tx.maandbedragen_van(u.id).await?;
        let mutaties = tx.mutaties_van(u.id).await?;
        let correcties = tx.correcties_van(u.id).await?;
        let dossier = tx
            .dossier_op_id(u.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let leden = tx
            .huishoudleden_van_huishouden(dossier.huishouden_id)
            .await?;
        let ids: Vec<i64> = leden.iter().map(|l| l.persoon_id).collect();
        let gegevens = tx.persoonsgegevens_van(&ids).await?;
        tx.afsluiten().await?;
        let svb_vanaf = feiten_uit(&u, &leden, &gegevens, &mutaties, None, self.klok.nu())?
            .svb_vanaf()
            .filter(|d| *d >= u.begindatum && u.einddatum.is_none_or(|e| e > *d));
        Ok(Some(Uitkeringsbeeld {
            svb_vanaf,
            open_verschil: correcties
                .iter()
                .filter(|c| c.verrekend_op.is_none())
                .map(|c| c.bedrag_centen.centen())
                .sum(),
            uitkering: u,
            maanden,
            mutaties,
            correcties,
        }))
    }

    /// Het dossier waar een mutatie bij hoort (voor de terugweg na een beoordeling).
    pub async fn dossier_van_mutatie(
        &self,
        ctx: &Context,
        mutatie_id: i64,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let m = tx
            .mutatie_op_id(mutatie_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De mutatie".into()))?;
        let u = tx
            .uitkering_op_id(m.uitkering_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
        tx.afsluiten().await?;
        Ok(u.dossier_id)
    }
}
