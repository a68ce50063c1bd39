//! Use cases van contactmomenten en telefoonnotities (issue 8): vastleggen (met het
//! terugbelverzoek, de doorverwijzing of het signaal als taak), het beeld bij de snelle invoer
//! (wie belt, dossierstatus, consulent, volgende betaling, open taken), de tijdlijn van een
//! persoon of dossier, zoeken in notities, een onbekende beller later koppelen en een
//! terugbelverzoek afronden met een vervolgcontact. De regels staan in
//! `vangnet_domain::contact`; elke inzage komt in het toegangslog.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use vangnet_domain::contact::{self, Beller, Kanaal, Lezer, Richting, Uitkomst};
use vangnet_domain::normen::Centen;
use vangnet_domain::persoon::Bsn;
use vangnet_domain::werk::{Taakgebeurtenissoort, Taaksoort, Taakstatus};
use vangnet_domain::{tijd, verwerking, Recht, Rol, Veldfouten};

use crate::audit::Wijziging;
use crate::clienten::PersoonBeeld;
use crate::opslag::{
    ContactmomentRij, ContactonderwerpRij, DossierRij, Leestransactie, TaakRij, Transactie,
    Zoekpositie,
};
use crate::werk::{mag_taak_bijwerken, taak_bijwerken, taak_maken, NieuweTaak};
use crate::{toegang, App, AppFout, Context};

/// Zoveel contactmomenten toont een tijdlijn of zoekresultaat.
pub const TONEN: i64 = 100;

/// Wat de medewerker invulde (zoals getypt; de schil geeft het ongewijzigd terug bij een fout).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContactInvoer {
    pub persoon_id: Option<i64>,
    pub dossier_id: Option<i64>,
    pub kanaal: String,
    pub richting: String,
    pub beller: String,
    pub derde_naam: String,
    pub onderwerp: String,
    pub tekst: String,
    pub uitkomst: String,
    pub telefoonnummer: String,
    pub duur_minuten: String,
    pub gevoelig: bool,
    /// Wie terugbelt: `consulent` (van het dossier), `team` (van het dossier, wie het eerst
    /// kan) of `mij`.
    pub terugbellen_door: String,
}

impl ContactInvoer {
    /// Een leeg formulier voor een binnenkomend telefoontje.
    pub fn telefoontje(persoon_id: Option<i64>, dossier_id: Option<i64>) -> Self {
        Self {
            persoon_id,
            dossier_id,
            kanaal: Kanaal::Telefoon.code().into(),
            richting: Richting::Inkomend.code().into(),
            beller: Beller::Client.code().into(),
            uitkomst: Uitkomst::Beantwoord.code().into(),
            terugbellen_door: "consulent".into(),
            ..Default::default()
        }
    }
}

/// De omschrijving van een terugbeltaak uit een gevoelige notitie: zonder nummer en onderwerp.
pub const GEVOELIG_TERUGBELLEN: &str =
    "Terugbellen (gevoelige notitie: nummer en onderwerp staan in de notitie)";

/// Een contactmoment zoals de lezer het mag zien: bij een gevoelige notitie die hij niet mag
/// lezen zijn tekst, naam en nummer leeg en staat `afgeschermd`.
#[derive(Debug, Clone, Serialize)]
pub struct Contactbeeld {
    pub rij: ContactmomentRij,
    pub afgeschermd: bool,
    pub kanaalnaam: &'static str,
    pub bellernaam: &'static str,
    pub uitkomstnaam: &'static str,
    pub onderwerpnaam: String,
}

/// De cursor `na` van een vorige bladzijde (leeg: de eerste).
fn cursor_lezen(na: Option<&str>) -> Result<Option<Zoekpositie>, AppFout> {
    match na.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(c) => Zoekpositie::uit_cursor(c)
            .map(Some)
            .ok_or_else(|| AppFout::veld("na", "Deze cursor is niet van een vorige bladzijde.")),
    }
}

/// Een bladzijde contactmomenten (treffers of een tijdlijn), met de cursor van de volgende
/// (als die er is).
#[derive(Debug, Clone, Serialize)]
pub struct Gevonden {
    pub contactmomenten: Vec<Contactbeeld>,
    pub volgende: Option<String>,
}

/// De volgende betaling van een dossier, voor wie belt met "wanneer krijg ik mijn geld".
#[derive(Debug, Clone, Serialize)]
pub struct VolgendeBetaling {
    pub maand: NaiveDate,
    /// Uit een goedgekeurde run, anders nog niet vastgesteld.
    pub betaaldatum: Option<NaiveDate>,
    pub bedrag_centen: Option<Centen>,
    /// `true`: het bedrag staat in een goedgekeurde run; `false`: zoals nu berekend.
    pub definitief: bool,
}

/// Eén dossier van de beller met wat de medewerker aan de telefoon moet weten.
#[derive(Debug, Clone, Serialize)]
pub struct Dossierkern {
    pub dossier: DossierRij,
    pub statusnaam: &'static str,
    pub consulent: Option<String>,
    pub volgende_betaling: Option<VolgendeBetaling>,
    pub open_taken: Vec<TaakRij>,
}

/// Alles op het scherm van de snelle invoer als de beller gevonden is.
#[derive(Debug, Clone, Serialize)]
pub struct Bellerbeeld {
    pub persoon: PersoonBeeld,
    pub dossiers: Vec<Dossierkern>,
    pub contactmomenten: Vec<Contactbeeld>,
}

/// Van wie de contactmomenten worden getoond.
#[derive(Debug, Clone, Copy)]
pub enum Tijdlijn {
    Persoon(i64),
    Dossier(i64),
}

/// De lezer van de actor: `None` voor het systeem (leest alles).
async fn lezer_van(
    tx: &mut dyn Leestransactie,
    ctx: &Context,
) -> Result<Option<(i64, Vec<i64>)>, AppFout> {
    let Some(id) = ctx.actor.gebruiker_id() else {
        return Ok(None);
    };
    let leidt = if ctx.actor.rollen().contains(&Rol::Teamleider) {
        tx.teams_van(id).await?.into_iter().map(|t| t.id).collect()
    } else {
        Vec::new()
    };
    Ok(Some((id, leidt)))
}

/// Maakt de beelden en schermt af wat de lezer niet mag lezen.
async fn beelden(
    tx: &mut dyn Leestransactie,
    ctx: &Context,
    rijen: Vec<ContactmomentRij>,
) -> Result<Vec<Contactbeeld>, AppFout> {
    let lezer = lezer_van(tx, ctx).await?;
    let gevoelige_dossiers: Vec<i64> = rijen
        .iter()
        .filter(|r| r.gevoelig)
        .filter_map(|r| r.dossier_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let dossiers: BTreeMap<i64, DossierRij> = tx
        .dossiers_op_ids(&gevoelige_dossiers)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let onderwerpen: BTreeMap<String, String> = tx
        .contactonderwerpen()
        .await?
        .into_iter()
        .map(|o| (o.code, o.omschrijving))
        .collect();
    Ok(rijen
        .into_iter()
        .map(|mut rij| {
            let d = rij.dossier_id.and_then(|d| dossiers.get(&d));
            let mag = match &lezer {
                None => true,
                Some((id, leidt)) => contact::mag_lezen(
                    rij.gevoelig,
                    d.and_then(|d| d.consulent_id),
                    d.and_then(|d| d.team_id),
                    Lezer {
                        gebruiker_id: *id,
                        leidt_teams: leidt,
                    },
                ),
            };
            if !mag {
                rij.tekst = String::new();
                rij.derde_naam = None;
                rij.telefoonnummer = None;
            }
            Contactbeeld {
                afgeschermd: !mag,
                kanaalnaam: rij.kanaal.naam(),
                bellernaam: rij.beller.naam(),
                uitkomstnaam: rij.uitkomst.naam(),
                onderwerpnaam: onderwerpen
                    .get(&rij.onderwerp)
                    .cloned()
                    .unwrap_or_else(|| rij.onderwerp.clone()),
                rij,
            }
        })
        .collect())
}

/// Eén regel in het toegangslog per persoon van wie notities werden getoond.
async fn toegang_voor(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    beelden: &[Contactbeeld],
    waarom: &str,
) -> Result<(), AppFout> {
    let personen: BTreeSet<i64> = beelden
        .iter()
        .filter(|b| !b.afgeschermd)
        .filter_map(|b| b.rij.persoon_id)
        .collect();
    for p in personen {
        toegang::vastleggen(
            tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "persoon",
            &p.to_string(),
            waarom,
        )
        .await?;
    }
    Ok(())
}

fn eerste_van(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl App {
    /// De onderwerpen om uit te kiezen (alleen de actieve).
    pub async fn contactonderwerpen(
        &self,
        ctx: &Context,
    ) -> Result<Vec<ContactonderwerpRij>, AppFout> {
        ctx.actor.vereist(Recht::ContactmomentenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let o = tx.contactonderwerpen().await?;
        tx.afsluiten().await?;
        Ok(o.into_iter().filter(|o| o.actief).collect())
    }

    /// Alle onderwerpen, ook de inactieve (voor de inrichting).
    pub async fn contactonderwerpen_inrichting(
        &self,
        ctx: &Context,
    ) -> Result<Vec<ContactonderwerpRij>, AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut tx = self.opslag.lees().await?;
        let o = tx.contactonderwerpen().await?;
        tx.afsluiten().await?;
        Ok(o)
    }

    /// Zet de lijst van onderwerpen (`code = omschrijving` per regel). Een onderwerp dat
    /// wegvalt wordt inactief: oude contactmomenten houden het.
    pub async fn contactonderwerpen_zetten(
        &self,
        ctx: &Context,
        tekst: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let lijst =
            contact::onderwerpen_lezen(tekst).map_err(|m| AppFout::veld("onderwerpen", m))?;
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        let voor = tx.contactonderwerpen().await?;
        let rijen: Vec<ContactonderwerpRij> = lijst
            .iter()
            .enumerate()
            .map(|(i, (code, omschrijving))| ContactonderwerpRij {
                code: code.clone(),
                omschrijving: omschrijving.clone(),
                volgorde: i as i64 + 1,
                actief: true,
            })
            .collect();
        tx.contactonderwerpen_vervangen(&rijen).await?;
        tx.audit(Wijziging {
            actie: "contactonderwerpen.gezet",
            onderwerp_type: "inrichting",
            onderwerp_id: "contactonderwerpen".into(),
            samenvatting: format!(
                "Onderwerpen van contactmomenten: {}",
                lijst
                    .iter()
                    .map(|(c, _)| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            voor: serde_json::to_value(&voor).ok(),
            na: serde_json::to_value(&rijen).ok(),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Legt een contactmoment vast, met de taak die eruit volgt: terugbellen (servicenorm
    /// terugbellen, met het nummer), doorverwijzing of signaal (voor de consulent van het
    /// dossier; zonder consulent voor zijn team). Alles of niets. Geeft (contactmoment, taak).
    pub async fn contactmoment_vastleggen(
        &self,
        ctx: &Context,
        invoer: &ContactInvoer,
    ) -> Result<(i64, Option<i64>), AppFout> {
        let mut tx = self
            .handeling(ctx, Recht::ContactmomentenVastleggen)
            .await?;
        let nu = tx.nu;
        let mut f = Veldfouten::nieuw();
        let gecontroleerd = contact::controleer(&contact::Invoer {
            kanaal: &invoer.kanaal,
            richting: &invoer.richting,
            beller: &invoer.beller,
            derde_naam: &invoer.derde_naam,
            tekst: &invoer.tekst,
            uitkomst: &invoer.uitkomst,
            telefoonnummer: &invoer.telefoonnummer,
            duur_minuten: &invoer.duur_minuten,
            gevoelig: invoer.gevoelig,
            met_dossier: invoer.dossier_id.is_some(),
        })
        .map_err(|v| f.0.extend(v.0))
        .ok();
        let onderwerpen = tx.contactonderwerpen().await?;
        if !onderwerpen
            .iter()
            .any(|o| o.actief && o.code == invoer.onderwerp)
        {
            f.voeg_toe("onderwerp", "Kies een onderwerp uit de lijst.");
        }
        if let Some(p) = invoer.persoon_id {
            if tx.persoon_op_id(p).await?.is_none() {
                f.voeg_toe(
                    "persoon_id",
                    "Deze persoon bestaat niet (meer); zoek opnieuw.",
                );
            }
        }
        let dossier = match invoer.dossier_id {
            Some(d) => {
                let dossier = tx.dossier_op_id(d).await?;
                let van_persoon = match (&dossier, invoer.persoon_id) {
                    (Some(dos), Some(p)) => tx
                        .huishoudleden_van_personen(&[p])
                        .await?
                        .iter()
                        .any(|l| l.huishouden_id == dos.huishouden_id),
                    (Some(_), None) => false,
                    (None, _) => false,
                };
                if !van_persoon {
                    f.voeg_toe(
                        "dossier_id",
                        "Kies een dossier van deze persoon (of geen dossier).",
                    );
                }
                dossier
            }
            None => None,
        };
        let Some(c) = gecontroleerd.filter(|_| f.is_leeg()) else {
            return Err(AppFout::Ongeldig(f));
        };
        if matches!(c.uitkomst, Uitkomst::Doorverwezen | Uitkomst::Signaal) && dossier.is_none() {
            return Err(AppFout::veld(
                "dossier_id",
                "Kies het dossier: een doorverwijzing of signaal gaat naar de consulent van het dossier.",
            ));
        }
        let dag = tijd::nl_lokaal(nu).date();
        let wie = invoer
            .persoon_id
            .map_or_else(|| "onbekende beller".to_owned(), |p| format!("persoon {p}"));
        let taak = match c.uitkomst {
            Uitkomst::Terugbellen => {
                // Een gevoelige notitie lezen alleen de consulent en de teamleider van het
                // dossier: wie anders terugbelt, ziet het nummer niet.
                if c.gevoelig && invoer.terugbellen_door != "consulent" {
                    return Err(AppFout::veld(
                        "terugbellen_door",
                        "Bij een gevoelige notitie belt de consulent van het dossier terug: alleen \
                         die (en de teamleider) mag de notitie en het nummer lezen.",
                    ));
                }
                let (gebruiker_id, team_id) = match (invoer.terugbellen_door.as_str(), &dossier) {
                    ("mij", _) | (_, None) => (ctx.actor.gebruiker_id(), None),
                    ("team", Some(d)) => (None, d.team_id),
                    (_, Some(d)) => (d.consulent_id, d.team_id),
                };
                if gebruiker_id.is_none() && team_id.is_none() {
                    return Err(AppFout::veld(
                        "terugbellen_door",
                        "Dit dossier heeft geen consulent of team; kies 'ikzelf' om terug te bellen.",
                    ));
                }
                Some(
                    taak_maken(
                        &mut *tx,
                        ctx,
                        nu,
                        NieuweTaak {
                            soort: Taaksoort::Terugbellen,
                            // Een taak staat in lijsten die iedereen van het team ziet: van een
                            // gevoelige notitie geen nummer en geen onderwerp (issue 17, punt
                            // 10); wie terugbelt, leest ze in de notitie als hij die mag lezen.
                            omschrijving: if c.gevoelig {
                                GEVOELIG_TERUGBELLEN.to_owned()
                            } else {
                                format!(
                                    "Terugbellen op {} ({})",
                                    c.telefoonnummer.as_deref().unwrap_or(""),
                                    onderwerpnaam(&onderwerpen, &invoer.onderwerp)
                                )
                            },
                            dossier_id: dossier.as_ref().map(|d| d.id),
                            persoon_id: invoer.persoon_id,
                            begindatum: dag,
                            deadline: None,
                            team_id,
                            gebruiker_id,
                            prioriteit: 0,
                            reden: &format!("Terugbelverzoek van {wie}"),
                        },
                    )
                    .await?,
                )
            }
            Uitkomst::Doorverwezen | Uitkomst::Signaal => {
                let d = dossier
                    .as_ref()
                    .ok_or_else(|| AppFout::Intern("dossier".into()))?;
                let (soort, wat) = if c.uitkomst == Uitkomst::Signaal {
                    (Taaksoort::Signaal, "Signaal uit een contact")
                } else {
                    (Taaksoort::Doorverwijzing, "Doorverwezen contact")
                };
                Some(
                    taak_maken(
                        &mut *tx,
                        ctx,
                        nu,
                        NieuweTaak {
                            soort,
                            omschrijving: if c.gevoelig {
                                format!("{wat}: gevoelige notitie (dossier {})", d.nummer)
                            } else {
                                format!(
                                    "{wat}: {} (dossier {})",
                                    onderwerpnaam(&onderwerpen, &invoer.onderwerp),
                                    d.nummer
                                )
                            },
                            dossier_id: Some(d.id),
                            persoon_id: invoer.persoon_id,
                            begindatum: dag,
                            deadline: None,
                            team_id: d.team_id,
                            gebruiker_id: d.consulent_id,
                            prioriteit: 0,
                            reden: &format!("{wat} van {wie}"),
                        },
                    )
                    .await?,
                )
            }
            Uitkomst::Beantwoord | Uitkomst::NietBereikt => None,
        };
        let id = tx
            .contactmoment_invoegen(&ContactmomentRij {
                id: 0,
                persoon_id: invoer.persoon_id,
                dossier_id: dossier.as_ref().map(|d| d.id),
                kanaal: c.kanaal,
                richting: c.richting,
                beller: c.beller,
                derde_naam: c.derde_naam,
                onderwerp: invoer.onderwerp.clone(),
                tekst: c.tekst,
                uitkomst: c.uitkomst,
                telefoonnummer: c.telefoonnummer,
                tijdstip: nu,
                duur_minuten: c.duur_minuten,
                gevoelig: c.gevoelig,
                geregistreerd_door: ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?,
                door: String::new(),
                taak_id: taak,
                vervolg_op: None,
                gekoppeld_op: None,
                versie: 1,
            })
            .await?;
        tx.audit(Wijziging {
            actie: "contactmoment.vastgelegd",
            onderwerp_type: "contactmoment",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "{} ({}), {}{}",
                c.kanaal.naam(),
                wie,
                c.uitkomst.naam(),
                if c.gevoelig { ", gevoelig" } else { "" }
            ),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok((id, taak))
    }

    /// De contactmomenten van een persoon, nieuwste eerst (gevoelige afgeschermd voor wie ze
    /// niet mag lezen).
    pub async fn contactmomenten_van_persoon(
        &self,
        ctx: &Context,
        persoon_id: i64,
    ) -> Result<Vec<Contactbeeld>, AppFout> {
        self.tijdlijn(ctx, Tijdlijn::Persoon(persoon_id)).await
    }

    /// De contactmomenten van een dossier, nieuwste eerst.
    pub async fn contactmomenten_van_dossier(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<Contactbeeld>, AppFout> {
        self.tijdlijn(ctx, Tijdlijn::Dossier(dossier_id)).await
    }

    async fn tijdlijn(&self, ctx: &Context, van: Tijdlijn) -> Result<Vec<Contactbeeld>, AppFout> {
        Ok(self
            .tijdlijn_bladzijde(ctx, van, None)
            .await?
            .contactmomenten)
    }

    /// De contactmomenten van een persoon of dossier per bladzijde van [`TONEN`], nieuwste
    /// eerst; `na` is de cursor van de vorige bladzijde (zoals bij zoeken).
    pub async fn tijdlijn_bladzijde(
        &self,
        ctx: &Context,
        van: Tijdlijn,
        na: Option<&str>,
    ) -> Result<Gevonden, AppFout> {
        ctx.actor.vereist(Recht::ContactmomentenInzien)?;
        let na = cursor_lezen(na)?;
        let mut tx = self.handeling(ctx, Recht::ContactmomentenInzien).await?;
        let nu = tx.nu;
        let rijen = match van {
            Tijdlijn::Persoon(p) => {
                tx.contactmomenten_van_persoon(p, na.as_ref(), TONEN)
                    .await?
            }
            Tijdlijn::Dossier(d) => {
                tx.contactmomenten_van_dossier(d, na.as_ref(), TONEN)
                    .await?
            }
        };
        let volgende = (rijen.len() as i64 == TONEN)
            .then(|| rijen.last())
            .flatten()
            .map(|r| {
                Zoekpositie {
                    tijdstip: r.tijdstip,
                    id: r.id,
                }
                .als_cursor()
            });
        let b = beelden(&mut *tx, ctx, rijen).await?;
        toegang_voor(&mut *tx, ctx, nu, &b, "Contactmomenten ingezien").await?;
        tx.commit().await?;
        Ok(Gevonden {
            contactmomenten: b,
            volgende,
        })
    }

    /// Zoeken in de notities (en namen van derden) met de full-text-index: elk woord moet erin
    /// staan ([`zoekwoorden`](vangnet_domain::contact::zoekwoorden)), nieuwste eerst, per
    /// bladzijde van hoogstens [`TONEN`]; `na` is de cursor van de vorige bladzijde.
    /// Afgeschermde notities doen niet mee: wie een gevoelige notitie niet mag lezen, mag ook
    /// niet merken dat de zoekterm erin staat; de bladzijde wordt dan aangevuld met oudere.
    pub async fn contactmomenten_zoeken(
        &self,
        ctx: &Context,
        tekst: &str,
        na: Option<&str>,
    ) -> Result<Gevonden, AppFout> {
        ctx.actor.vereist(Recht::ContactmomentenInzien)?;
        let gezocht = tekst.trim();
        if gezocht.chars().count() < 3 {
            return Err(AppFout::veld("q", "Zoek op minstens drie tekens."));
        }
        if gezocht.chars().count() > 200 {
            return Err(AppFout::veld("q", "Zoek op hoogstens 200 tekens."));
        }
        let woorden = contact::zoekwoorden(gezocht).map_err(|m| AppFout::veld("q", m))?;
        let mut positie = cursor_lezen(na)?;
        let mut tx = self.handeling(ctx, Recht::ContactmomentenInzien).await?;
        let nu = tx.nu;
        let mut gevonden: Vec<Contactbeeld> = Vec::new();
        // Hoogstens vijf rondes: veel afgeschermde treffers achter elkaar geven een kortere
        // bladzijde met een cursor, geen zoektocht door de hele tabel.
        let mut meer = false;
        for _ in 0..5 {
            let rijen = tx
                .contactmomenten_zoeken(&woorden, positie.as_ref(), TONEN)
                .await?;
            meer = rijen.len() as i64 == TONEN;
            positie = rijen.last().map(|r| Zoekpositie {
                tijdstip: r.tijdstip,
                id: r.id,
            });
            let mut b = beelden(&mut *tx, ctx, rijen).await?;
            b.retain(|c| !c.afgeschermd);
            gevonden.extend(b);
            if !meer || gevonden.len() as i64 >= TONEN {
                break;
            }
        }
        if gevonden.len() as i64 > TONEN {
            gevonden.truncate(TONEN as usize);
            meer = true;
            positie = gevonden.last().map(|c| Zoekpositie {
                tijdstip: c.rij.tijdstip,
                id: c.rij.id,
            });
        }
        toegang_voor(&mut *tx, ctx, nu, &gevonden, "Contactmomenten doorzocht").await?;
        tx.commit().await?;
        Ok(Gevonden {
            contactmomenten: gevonden,
            volgende: positie.filter(|_| meer).map(|p| p.als_cursor()),
        })
    }

    /// Contactmomenten van onbekende bellers, om te koppelen.
    pub async fn contactmomenten_zonder_persoon(
        &self,
        ctx: &Context,
    ) -> Result<Vec<Contactbeeld>, AppFout> {
        ctx.actor.vereist(Recht::ContactmomentenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let rijen = tx.contactmomenten_zonder_persoon(TONEN).await?;
        let b = beelden(tx.as_mut(), ctx, rijen).await?;
        tx.afsluiten().await?;
        Ok(b)
    }

    /// Eén contactmoment (afgeschermd als de lezer het niet mag lezen).
    pub async fn contactmoment(&self, ctx: &Context, id: i64) -> Result<Contactbeeld, AppFout> {
        let mut tx = self.handeling(ctx, Recht::ContactmomentenInzien).await?;
        let nu = tx.nu;
        let rij = tx
            .contactmoment_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het contactmoment".into()))?;
        let b = beelden(&mut *tx, ctx, vec![rij]).await?;
        toegang_voor(&mut *tx, ctx, nu, &b, "Contactmoment ingezien").await?;
        tx.commit().await?;
        b.into_iter()
            .next()
            .ok_or_else(|| AppFout::Intern("contactmoment".into()))
    }

    /// Koppelt het contact van een onbekende beller aan een persoon (en eventueel een dossier
    /// van die persoon). Twee medewerkers tegelijk: de tweede krijgt een conflict.
    pub async fn contactmoment_koppelen(
        &self,
        ctx: &Context,
        id: i64,
        versie: i64,
        persoon_id: i64,
        dossier_id: Option<i64>,
    ) -> Result<(), AppFout> {
        let mut tx = self
            .handeling(ctx, Recht::ContactmomentenVastleggen)
            .await?;
        let nu = tx.nu;
        let rij = tx
            .contactmoment_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het contactmoment".into()))?;
        if rij.persoon_id.is_some() {
            return Err(AppFout::Conflict(
                "Dit contactmoment is al aan een persoon gekoppeld.".into(),
            ));
        }
        if tx.persoon_op_id(persoon_id).await?.is_none() {
            return Err(AppFout::veld("persoon_id", "Deze persoon bestaat niet."));
        }
        if let Some(d) = dossier_id {
            let dossier = tx.dossier_op_id(d).await?;
            let leden = tx.huishoudleden_van_personen(&[persoon_id]).await?;
            if !dossier.is_some_and(|d| leden.iter().any(|l| l.huishouden_id == d.huishouden_id)) {
                return Err(AppFout::veld(
                    "dossier_id",
                    "Kies een dossier van deze persoon (of geen dossier).",
                ));
            }
        }
        if !tx
            .contactmoment_koppelen(id, persoon_id, dossier_id, nu, versie)
            .await?
        {
            return Err(AppFout::Verouderd(
                "Het contactmoment is intussen gewijzigd of gekoppeld. Laad de pagina opnieuw."
                    .into(),
            ));
        }
        tx.audit(Wijziging {
            actie: "contactmoment.gekoppeld",
            onderwerp_type: "contactmoment",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Gekoppeld aan persoon {persoon_id}"),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Koppelt het contact van een onbekende beller aan de persoon met dit BSN, en eventueel aan
    /// zijn dossier met dit nummer (leeg: geen dossier). Geeft de persoon.
    pub async fn contactmoment_koppelen_op_bsn(
        &self,
        ctx: &Context,
        id: i64,
        versie: i64,
        bsn: &str,
        dossiernummer: &str,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::ContactmomentenVastleggen)?;
        let bsn = Bsn::parse(bsn).map_err(|m| AppFout::veld("bsn", m))?;
        let mut tx = self.opslag.lees().await?;
        let persoon = tx
            .persoon_op_bsn(bsn.getal())
            .await?
            .ok_or_else(|| AppFout::veld("bsn", "Er is niemand met dit BSN in Vangnet."))?
            .id;
        let dossier = match dossiernummer.trim() {
            "" => None,
            nummer => {
                let huishoudens: Vec<i64> = tx
                    .huishoudleden_van_personen(&[persoon])
                    .await?
                    .iter()
                    .map(|l| l.huishouden_id)
                    .collect();
                let dossier = tx
                    .dossiers_van_huishoudens(&huishoudens)
                    .await?
                    .into_iter()
                    .find(|d| d.nummer == nummer)
                    .ok_or_else(|| {
                        AppFout::veld(
                            "dossiernummer",
                            "Deze persoon heeft geen dossier met dit nummer.",
                        )
                    })?;
                Some(dossier.id)
            }
        };
        tx.afsluiten().await?;
        self.contactmoment_koppelen(ctx, id, versie, persoon, dossier)
            .await?;
        Ok(persoon)
    }

    /// Het terugbelverzoek achter een taak (voor het afronden).
    pub async fn terugbelverzoek(
        &self,
        ctx: &Context,
        taak_id: i64,
    ) -> Result<(TaakRij, Option<Contactbeeld>, Option<String>), AppFout> {
        let mut tx = self
            .handeling(ctx, Recht::ContactmomentenVastleggen)
            .await?;
        let taak = tx
            .taak_op_id(taak_id)
            .await?
            .filter(|t| t.soort == Taaksoort::Terugbellen)
            .ok_or_else(|| AppFout::NietGevonden("Het terugbelverzoek".into()))?;
        // Een terugbeltaak die met de hand of vóór de contactmomenten ontstond, heeft er geen.
        let rijen: Vec<ContactmomentRij> = tx
            .contactmoment_van_taak(taak_id)
            .await?
            .into_iter()
            .collect();
        let nu = tx.nu;
        let b = beelden(&mut *tx, ctx, rijen).await?;
        toegang_voor(&mut *tx, ctx, nu, &b, "Terugbelverzoek ingezien").await?;
        // De naam van wie terugbeld wordt (issue 21 punt 7).
        let client = match taak.persoon_id {
            Some(p) => {
                crate::toegang::clientnamen(&mut *tx, ctx, nu, &[p], "Terugbelverzoek ingezien")
                    .await?
                    .remove(&p)
            }
            None => None,
        };
        tx.commit().await?;
        Ok((taak, b.into_iter().next(), client))
    }

    /// Rondt een terugbelverzoek af: het gesprek wordt een vervolgcontact (uitgaand, op het
    /// oorspronkelijke). Bereikt: de taak is gereed. Niet bereikt: de poging staat op de
    /// tijdlijn en de taak blijft open.
    pub async fn terugbellen_afronden(
        &self,
        ctx: &Context,
        taak_id: i64,
        versie: i64,
        bereikt: bool,
        tekst: &str,
    ) -> Result<i64, AppFout> {
        let mut tx = self
            .handeling(ctx, Recht::ContactmomentenVastleggen)
            .await?;
        let nu = tx.nu;
        let taak = tx
            .taak_op_id(taak_id)
            .await?
            .filter(|t| t.soort == Taaksoort::Terugbellen)
            .ok_or_else(|| AppFout::NietGevonden("Het terugbelverzoek".into()))?;
        mag_taak_bijwerken(&mut *tx, ctx, &taak).await?;
        if taak.status == Taakstatus::Gereed {
            return Err(AppFout::Conflict(
                "Dit terugbelverzoek is al afgerond.".into(),
            ));
        }
        let oorspronkelijk = tx.contactmoment_van_taak(taak_id).await?;
        let uitkomst = if bereikt {
            Uitkomst::Beantwoord
        } else {
            Uitkomst::NietBereikt
        };
        let o = oorspronkelijk.as_ref();
        let c = contact::controleer(&contact::Invoer {
            kanaal: Kanaal::Telefoon.code(),
            richting: Richting::Uitgaand.code(),
            beller: o.map_or(Beller::Client, |o| o.beller).code(),
            derde_naam: o.and_then(|o| o.derde_naam.as_deref()).unwrap_or(""),
            tekst,
            uitkomst: uitkomst.code(),
            telefoonnummer: o.and_then(|o| o.telefoonnummer.as_deref()).unwrap_or(""),
            duur_minuten: "",
            gevoelig: o.is_some_and(|o| o.gevoelig),
            met_dossier: o.map_or(taak.dossier_id, |o| o.dossier_id).is_some(),
        })?;
        let id = tx
            .contactmoment_invoegen(&ContactmomentRij {
                id: 0,
                persoon_id: o.map_or(taak.persoon_id, |o| o.persoon_id),
                dossier_id: o.map_or(taak.dossier_id, |o| o.dossier_id),
                kanaal: c.kanaal,
                richting: c.richting,
                beller: c.beller,
                derde_naam: c.derde_naam,
                onderwerp: o.map_or_else(|| "overig".to_owned(), |o| o.onderwerp.clone()),
                tekst: c.tekst,
                uitkomst: c.uitkomst,
                telefoonnummer: c.telefoonnummer,
                tijdstip: nu,
                duur_minuten: None,
                gevoelig: c.gevoelig,
                geregistreerd_door: ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?,
                door: String::new(),
                taak_id: None,
                vervolg_op: o.map(|o| o.id),
                gekoppeld_op: None,
                versie: 1,
            })
            .await?;
        let (status, gebeurtenis) = if bereikt {
            (
                Some(Taakstatus::Gereed),
                (Taakgebeurtenissoort::Status, "Teruggebeld: gereed"),
            )
        } else {
            (
                None,
                (Taakgebeurtenissoort::Poging, "Teruggebeld, niet bereikt"),
            )
        };
        taak_bijwerken(&mut *tx, ctx, nu, taak, versie, status, gebeurtenis).await?;
        tx.audit(Wijziging {
            actie: "contactmoment.teruggebeld",
            onderwerp_type: "contactmoment",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Terugbeltaak {taak_id} ({})", uitkomst.naam()),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Wat de medewerker aan de telefoon over de beller moet weten: zijn dossiers met status,
    /// consulent, volgende betaling en open taken, en zijn laatste contactmomenten.
    pub async fn bellerbeeld(
        &self,
        ctx: &Context,
        persoon_id: i64,
    ) -> Result<Bellerbeeld, AppFout> {
        ctx.actor.vereist(Recht::ContactmomentenVastleggen)?;
        let (persoon, dossiers) = self.persoon(ctx, persoon_id).await?;
        let nu = self.klok.nu();
        let vandaag = tijd::nl_lokaal(nu).date();
        let deze_maand = eerste_van(vandaag);
        let mut kernen = Vec::new();
        for d in dossiers {
            let mut tx = self.opslag.lees().await?;
            let consulent = match d.consulent_id {
                Some(g) => tx.gebruiker_op_id(g).await?.map(|g| g.volledige_naam),
                None => None,
            };
            let open_taken: Vec<TaakRij> = tx
                .taken_van_dossier(d.id)
                .await?
                .into_iter()
                .filter(|t| t.status != Taakstatus::Gereed)
                .collect();
            let heeft_uitkering = tx.uitkering_van_dossier(d.id).await?.is_some();
            // De volgende betaling: de run van deze maand als die nog moet komen, anders volgende
            // maand; uit een goedgekeurde run of zoals nu berekend.
            let mut volgende = None;
            if heeft_uitkering {
                for maand in [
                    deze_maand,
                    deze_maand
                        .checked_add_months(Months::new(1))
                        .unwrap_or(deze_maand),
                ] {
                    let runs = tx.betaalruns_van_maand(maand).await?;
                    let definitief = runs.iter().find(|r| r.status.definitief());
                    let betaaldatum = definitief.map(|r| r.betaaldatum);
                    if betaaldatum.is_some_and(|b| b < vandaag) {
                        continue;
                    }
                    let bedrag = match definitief {
                        Some(run) => Some(
                            tx.betaalregels_van_dossier(d.id)
                                .await?
                                .iter()
                                .filter(|r| r.run_id == run.id)
                                .filter(|r| r.categorie.wordt_betaald())
                                .map(|r| r.bedrag_centen.centen())
                                .sum(),
                        ),
                        None => None,
                    };
                    volgende = Some(VolgendeBetaling {
                        maand,
                        betaaldatum,
                        bedrag_centen: bedrag,
                        definitief: definitief.is_some(),
                    });
                    break;
                }
            }
            tx.afsluiten().await?;
            if let Some(v) = volgende.as_mut().filter(|v| !v.definitief) {
                v.bedrag_centen = self
                    .uitkering_maand(ctx, d.id, v.maand, None)
                    .await
                    .ok()
                    .flatten()
                    .map(|u| u.uitbetaling_centen);
            }
            kernen.push(Dossierkern {
                statusnaam: d.status.naam(),
                dossier: d,
                consulent,
                volgende_betaling: volgende,
                open_taken,
            });
        }
        let mut contactmomenten = self.contactmomenten_van_persoon(ctx, persoon_id).await?;
        contactmomenten.truncate(5);
        Ok(Bellerbeeld {
            persoon,
            dossiers: kernen,
            contactmomenten,
        })
    }
}

fn onderwerpnaam(onderwerpen: &[ContactonderwerpRij], code: &str) -> String {
    onderwerpen
        .iter()
        .find(|o| o.code == code)
        .map_or_else(|| code.to_owned(), |o| o.omschrijving.clone())
}
