//! De werkvoorraad (issue 5): taken met servicenormen, de automatische verdeling van nieuwe
//! dossiers, de lijst "Vandaag", toewijzen door de teamleider, herverdelen bij afwezigheid,
//! escalatie van te late taken en de inrichting (servicenormen, postcodegebieden, afwezigheid,
//! uitsluiting). De regels zelf staan in `vangnet_domain::{werk, verdeling, werkdagen}`.

mod afronden;
mod dashboard;
use afronden::afronden_door_handeling;
pub(crate) use afronden::taken_afronden;
pub use afronden::{mutatie_van_taak, voorstel_van_taak, VOORSTEL_TAAK};
pub use dashboard::{Consulentwerk, Normscore, Teamdashboard};
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::dossier::Zaaktype;
use vangnet_domain::verdeling::{verdeel, Kandidaat, Postcodegebied, Postcodegebieden};
use vangnet_domain::werk::{
    risico_vanaf, stand, Eenheid, Servicenorm, Stand, Taakgebeurtenissoort, Taaksoort, Taakstatus,
};
use vangnet_domain::{tijd, Recht, Rol};

use crate::audit::{self, Wijziging};
use crate::opslag::{
    AfwezigheidRij, GebeurtenisRij, GebruikerRij, Leestransactie, MeldingRij, PostcodegebiedRij,
    ServicenormRij, TaakRij, TaakgebeurtenisRij, Transactie, UitsluitingRij,
};
use crate::{App, AppFout, Context};

/// Zoveel open taken toont "Vandaag" (de tellers gaan over alle).
pub const VANDAAG_TONEN: i64 = 100;

/// Herverdelen neemt hoogstens zoveel open taken van één medewerker in één handeling.
const MAX_HERVERDELEN: i64 = 100_000;

fn vandaag(nu: DateTime<Utc>) -> NaiveDate {
    tijd::nl_lokaal(nu).date()
}

/// De servicenorm van een taaksoort: zoals ingericht, anders de standaard.
async fn servicenorm(
    tx: &mut dyn Leestransactie,
    soort: Taaksoort,
) -> Result<Servicenorm, AppFout> {
    let ingericht = tx
        .servicenormen()
        .await?
        .into_iter()
        .find(|r| r.soort == soort);
    Ok(match ingericht {
        Some(r) => Servicenorm {
            soort,
            eenheid: r.eenheid,
            aantal: u32::try_from(r.aantal).unwrap_or(1),
            waarschuwen_werkdagen: u32::try_from(r.waarschuwen_werkdagen).unwrap_or(0),
        },
        None => soort.standaardnorm(),
    })
}

/// Een nieuwe taak met de deadline uit de servicenorm, en haar eerste gebeurtenis.
pub(crate) struct NieuweTaak<'a> {
    pub soort: Taaksoort,
    pub omschrijving: String,
    pub dossier_id: Option<i64>,
    pub persoon_id: Option<i64>,
    /// De dag vanaf waar de norm telt (ontvangst, melding).
    pub begindatum: NaiveDate,
    /// Een vaste deadline (handmatige taak) in plaats van die uit de norm.
    pub deadline: Option<NaiveDate>,
    pub team_id: Option<i64>,
    pub gebruiker_id: Option<i64>,
    pub prioriteit: i64,
    pub reden: &'a str,
}

pub(crate) async fn taak_maken(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    t: NieuweTaak<'_>,
) -> Result<i64, AppFout> {
    let norm = servicenorm(tx, t.soort).await?;
    let reden = t.reden;
    let id = tx.taak_invoegen(&taakrij(&norm, nu, t)).await?;
    gebeurtenis(tx, ctx, nu, id, Taakgebeurtenissoort::Aangemaakt, reden).await?;
    Ok(id)
}

/// Veel nieuwe taken in één keer (de taken van een goedgekeurde betaalrun): dezelfde regels als
/// [`taak_maken`], maar met vooraf gereserveerde ids en twee bulkinvoeren.
pub(crate) async fn taken_maken(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    taken: Vec<NieuweTaak<'_>>,
) -> Result<Vec<i64>, AppFout> {
    let mut normen: Vec<Servicenorm> = Vec::new();
    for t in &taken {
        if !normen.iter().any(|n| n.soort == t.soort) {
            normen.push(servicenorm(tx, t.soort).await?);
        }
    }
    let ids = tx
        .ids_reserveren(crate::opslag::Reeks::Taken, taken.len())
        .await?;
    let actor = ctx.actor.omschrijving();
    let (mut rijen, mut gebeurtenissen) = (Vec::new(), Vec::new());
    for (t, id) in taken.into_iter().zip(&ids) {
        let Some(norm) = normen.iter().find(|n| n.soort == t.soort) else {
            continue;
        };
        gebeurtenissen.push(TaakgebeurtenisRij {
            id: 0,
            taak_id: *id,
            tijdstip: nu,
            actor: actor.clone(),
            soort: Taakgebeurtenissoort::Aangemaakt,
            omschrijving: t.reden.into(),
            operatie_id: ctx.operatie_id.clone(),
        });
        rijen.push(TaakRij {
            id: *id,
            ..taakrij(norm, nu, t)
        });
    }
    tx.taken_invoegen(rijen, gebeurtenissen).await?;
    Ok(ids)
}

/// De rij van een nieuwe, open taak met de deadline uit de servicenorm (of de vaste deadline).
fn taakrij(norm: &Servicenorm, nu: DateTime<Utc>, t: NieuweTaak<'_>) -> TaakRij {
    let deadline = t.deadline.unwrap_or_else(|| norm.deadline(t.begindatum));
    TaakRij {
        id: 0,
        soort: t.soort,
        omschrijving: t.omschrijving,
        dossier_id: t.dossier_id,
        persoon_id: t.persoon_id,
        aangemaakt_op: nu,
        begindatum: t.begindatum,
        deadline,
        risico_vanaf: risico_vanaf(deadline, norm.waarschuwen_werkdagen),
        wettelijk: norm.wettelijk(),
        waarschuwen_werkdagen: i64::from(norm.waarschuwen_werkdagen),
        team_id: t.team_id,
        gebruiker_id: t.gebruiker_id,
        status: Taakstatus::Open,
        prioriteit: t.prioriteit,
        te_laat_gemeld: false,
        gereed_op: None,
        versie: 1,
    }
}

/// Een taak bijwerken mag wie haar heeft, wie in het team zit van een taak zonder eigenaar, en
/// wie taken toewijst (de teamleider).
pub(crate) async fn mag_taak_bijwerken(
    tx: &mut dyn Leestransactie,
    ctx: &Context,
    t: &TaakRij,
) -> Result<(), AppFout> {
    let eigen = t.gebruiker_id == ctx.actor.gebruiker_id();
    let van_team = match (t.gebruiker_id, t.team_id, ctx.actor.gebruiker_id()) {
        (None, Some(team), Some(g)) => tx.teams_van(g).await?.iter().any(|x| x.id == team),
        _ => false,
    };
    if eigen || van_team || ctx.actor.mag(Recht::TakenToewijzen) {
        Ok(())
    } else {
        Err(AppFout::GeenToegang)
    }
}

/// Werkt een taak bij als `versie` nog klopt: eventueel een nieuwe status, een taak zonder
/// eigenaar wordt van wie haar bijwerkt, en een gebeurtenis (soort, omschrijving).
pub(crate) async fn taak_bijwerken(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    mut t: TaakRij,
    versie: i64,
    nieuw: Option<Taakstatus>,
    (soort, omschrijving): (Taakgebeurtenissoort, &str),
) -> Result<(), AppFout> {
    let gewijzigd =
        || AppFout::Verouderd("De taak is intussen gewijzigd. Laad de pagina opnieuw.".into());
    if t.versie != versie {
        return Err(gewijzigd());
    }
    if let Some(nieuw) = nieuw {
        t.status = nieuw;
        t.gereed_op = (nieuw == Taakstatus::Gereed).then_some(nu);
    }
    if t.gebruiker_id.is_none() {
        t.gebruiker_id = ctx.actor.gebruiker_id();
    }
    t.versie += 1;
    if !tx.taak_bijwerken(&t).await? {
        return Err(gewijzigd());
    }
    gebeurtenis(tx, ctx, nu, t.id, soort, omschrijving).await
}

async fn gebeurtenis(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    taak_id: i64,
    soort: Taakgebeurtenissoort,
    omschrijving: &str,
) -> Result<(), AppFout> {
    tx.taakgebeurtenis_toevoegen(&TaakgebeurtenisRij {
        id: 0,
        taak_id,
        tijdstip: nu,
        actor: ctx.actor.omschrijving(),
        soort,
        omschrijving: omschrijving.into(),
        operatie_id: ctx.operatie_id.clone(),
    })
    .await?;
    Ok(())
}

/// Wie een dossier kreeg, en waarom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdeling {
    pub team_id: Option<i64>,
    pub consulent_id: Option<i64>,
    pub reden: String,
}

/// De consulenten van een team met hun belasting, afwezigheid op `dag` en uitsluiting voor deze
/// personen.
async fn kandidaten(
    tx: &mut dyn Leestransactie,
    team_id: i64,
    dag: NaiveDate,
    personen: &[i64],
) -> Result<Vec<(GebruikerRij, Kandidaat)>, AppFout> {
    let leden: Vec<GebruikerRij> = tx
        .teamleden(team_id)
        .await?
        .into_iter()
        .filter(|g| !g.geblokkeerd && g.rollen.contains(&Rol::Inkomensconsulent))
        .collect();
    let ids: Vec<i64> = leden.iter().map(|g| g.id).collect();
    let belasting: BTreeMap<i64, i64> = tx.caseloads(&ids).await?.into_iter().collect();
    let afwezig = tx.afwezigheden_vanaf(dag).await?;
    let uitgesloten = tx.uitsluitingen_van_personen(personen).await?;
    Ok(leden
        .into_iter()
        .map(|g| {
            let k = Kandidaat {
                gebruiker_id: g.id,
                naam: g.volledige_naam.clone(),
                belasting: belasting.get(&g.id).copied().unwrap_or(0),
                afwezig_tot_en_met: afwezig
                    .iter()
                    .filter(|a| a.gebruiker_id == g.id)
                    .filter(|a| a.van <= dag)
                    .map(|a| a.tot_en_met)
                    .max(),
                uitgesloten: uitgesloten
                    .iter()
                    .find(|u| u.gebruiker_id == g.id)
                    .map(|u| u.reden.clone()),
            };
            (g, k)
        })
        .collect())
}

impl App {
    /// Verdeelt een nieuw dossier (team uit het postcodegebied als het er nog geen heeft, dan de
    /// consulent met de laagste belasting) en maakt zijn taken: registreren, beslissen (8 weken)
    /// en voorschot (4 weken). In de transactie van de registratie.
    pub(crate) async fn nieuw_dossier_in_werk(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        nu: DateTime<Utc>,
        dossier_id: i64,
        // Geen: nog niet verdelen (geen team, geen consulent).
        postcode: Option<&str>,
        personen: &[i64],
    ) -> Result<Verdeling, AppFout> {
        let dag = vandaag(nu);
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::Intern("nieuw dossier niet gevonden".into()))?;
        let ontvangen = dossier.ontvangen_op;
        let mut team_id = dossier.team_id;
        let mut redenen = Vec::new();
        let verdelen = postcode.is_some();
        if let Some(postcode) = postcode.filter(|_| team_id.is_none()) {
            let gebieden = postcodegebieden(tx).await?;
            match gebieden.voor(postcode) {
                Some(g) => {
                    team_id = Some(g.team_id);
                    redenen.push(format!(
                        "postcode {} valt in gebied {}–{} van team {}",
                        postcode, g.van, g.tot_en_met, g.team
                    ));
                }
                None => redenen.push(format!("geen team voor postcode {postcode}")),
            }
        } else if !verdelen {
            redenen.push("nog niet verdeeld (zo gekozen bij de registratie)".to_owned());
        }
        let mut consulent_id = None;
        if let Some(t) = team_id.filter(|_| verdelen) {
            let team = tx.team_op_id(t).await?.map(|t| t.naam).unwrap_or_default();
            let k: Vec<Kandidaat> = kandidaten(tx, t, dag, personen)
                .await?
                .into_iter()
                .map(|(_, k)| k)
                .collect();
            match verdeel(&k, &team) {
                Ok(toewijzing) => {
                    consulent_id = Some(toewijzing.gebruiker_id);
                    redenen.push(toewijzing.reden);
                }
                Err(reden) => redenen.push(reden),
            }
        }
        let reden = {
            let mut r = redenen.join("; ");
            if let Some(eerste) = r.get(..1) {
                r = eerste.to_uppercase() + &r[1..];
            }
            r
        };
        if !tx
            .dossier_toewijzen(
                dossier_id,
                team_id,
                consulent_id,
                dossier.versie,
                &tijd::instant_tekst(nu),
            )
            .await?
        {
            return Err(AppFout::Conflict(
                "Het dossier werd tegelijk gewijzigd.".into(),
            ));
        }
        tx.gebeurtenis_toevoegen(&GebeurtenisRij {
            id: 0,
            dossier_id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: vangnet_domain::dossier::Gebeurtenissoort::Verdeeld,
            omschrijving: reden.clone(),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        for (soort, begin, omschrijving) in [
            (
                Taaksoort::Registratie,
                dag,
                format!("Dossier {} registreren en compleet maken", dossier.nummer),
            ),
            (
                Taaksoort::Besluit,
                ontvangen,
                format!("Beslissen op aanvraag {}", dossier.nummer),
            ),
            (
                Taaksoort::Voorschot,
                ontvangen,
                format!("Voorschot beoordelen voor {}", dossier.nummer),
            ),
        ] {
            taak_maken(
                tx,
                ctx,
                nu,
                NieuweTaak {
                    soort,
                    omschrijving,
                    dossier_id: Some(dossier_id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: begin,
                    deadline: None,
                    team_id,
                    gebruiker_id: consulent_id,
                    prioriteit: 0,
                    reden: &reden,
                },
            )
            .await?;
        }
        Ok(Verdeling {
            team_id,
            consulent_id,
            reden,
        })
    }
}

/// De postcodegebieden zoals ingericht (gecontroleerd bij het opslaan).
async fn postcodegebieden(tx: &mut dyn Leestransactie) -> Result<Postcodegebieden, AppFout> {
    let rijen = tx.postcodegebieden().await?;
    Postcodegebieden::nieuw(
        rijen
            .into_iter()
            .map(|r| Postcodegebied {
                van: u16::try_from(r.van).unwrap_or(0),
                tot_en_met: u16::try_from(r.tot_en_met).unwrap_or(0),
                team_id: r.team_id,
                team: r.team,
            })
            .collect(),
    )
    .map_err(AppFout::Intern)
}

/// De inrichting van de werkverdeling.
#[derive(Debug, Clone, Serialize)]
pub struct WerkInrichting {
    pub normen: Vec<Servicenorm>,
    pub gebieden: Vec<Postcodegebied>,
    /// Per zaaktype het gewicht in de caseload, in honderdsten.
    pub gewichten: Vec<(Zaaktype, i64)>,
}

/// Een taak op de lijst, met haar stand.
#[derive(Debug, Clone, Serialize)]
pub struct Taakregel {
    pub taak: TaakRij,
    pub soortnaam: &'static str,
    pub statusnaam: &'static str,
    pub stand: Stand,
    /// De gebeurtenissen van de taak (alleen bij de taken van een dossier).
    pub historie: Vec<TaakgebeurtenisRij>,
    /// Mag wie kijkt de taak bijwerken (zie `mag_taak_bijwerken`)? Zo niet, dan biedt het
    /// scherm geen knop aan die toch geweigerd wordt.
    pub mag_bijwerken: bool,
    /// De cliënt van de taak: naam en gemaskeerd BSN (issue 21 punt 7), waar de lijst die toont.
    pub client: Option<String>,
}

/// Taken van een team die nog geen eigenaar hebben: het aantal en de eerste (vroegste deadline).
#[derive(Debug, Clone, Serialize)]
pub struct Teamtaken {
    pub team_id: i64,
    pub team: String,
    pub aantal: i64,
    pub eerste: Vec<Taakregel>,
}

/// Zoveel teamtaken zonder eigenaar toont "Vandaag" per team.
pub const TEAMTAKEN_TONEN: i64 = 10;

/// De lijst "Vandaag" van één medewerker.
#[derive(Debug, Clone, Serialize)]
pub struct Vandaag {
    pub datum: NaiveDate,
    /// De eigen open taken, in volgorde.
    pub taken: Vec<Taakregel>,
    /// Per team van de medewerker: taken zonder eigenaar.
    pub teamtaken: Vec<Teamtaken>,
    /// Aantallen per taaksoort (code, naam, aantal), vóór het filter.
    pub per_soort: Vec<(&'static str, &'static str, usize)>,
    /// Aantallen per stand, vóór het filter.
    pub te_laat: usize,
    pub vandaag: usize,
    pub risico: usize,
    pub totaal: usize,
}

fn regel(t: TaakRij, dag: NaiveDate) -> Taakregel {
    let deadline = t.deadline;
    let waarschuwen = u32::try_from(t.waarschuwen_werkdagen).unwrap_or(0);
    Taakregel {
        soortnaam: t.soort.naam(),
        statusnaam: t.status.naam(),
        stand: stand(deadline, waarschuwen, dag),
        taak: t,
        historie: Vec::new(),
        mag_bijwerken: true,
        client: None,
    }
}

impl App {
    /// De open taken van de ingelogde medewerker in de volgorde van issue 5 (te laat, vandaag,
    /// risico, wettelijk, rest; de database sorteert en telt, met de opgeslagen
    /// risicodatum), en per team de taken die nog geen eigenaar hebben. `soort` filtert de eigen
    /// taken; de tellers gaan over alles.
    pub async fn vandaag(&self, ctx: &Context, soort: Option<&str>) -> Result<Vandaag, AppFout> {
        self.vandaag_vanaf(ctx, soort, 0).await
    }

    /// Als [`App::vandaag`], met de eigen taken vanaf positie `vanaf` (voor de API, die per
    /// bladzijde van [`VANDAAG_TONEN`] bladert).
    pub async fn vandaag_vanaf(
        &self,
        ctx: &Context,
        soort: Option<&str>,
        vanaf: i64,
    ) -> Result<Vandaag, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let Some(gebruiker_id) = ctx.actor.gebruiker_id() else {
            return Err(AppFout::GeenToegang);
        };
        let dag = vandaag(self.klok.nu());
        let mut tx = self.opslag.lees().await?;
        let soort = soort.and_then(Taaksoort::uit_code);
        let rijen = tx
            .vandaag_taken(gebruiker_id, dag, soort, VANDAAG_TONEN, vanaf.max(0))
            .await?;
        let tellingen = tx.vandaag_tellingen(gebruiker_id, dag).await?;
        let mut teamtaken = Vec::new();
        for team in tx.teams_van(gebruiker_id).await? {
            let aantal = tx.aantal_zonder_eigenaar(team.id).await?;
            if aantal == 0 {
                continue;
            }
            let eerste: Vec<Taakregel> = tx
                .open_taken_van(None, Some(team.id), TEAMTAKEN_TONEN)
                .await?
                .into_iter()
                .map(|t| regel(t, dag))
                .collect();
            teamtaken.push(Teamtaken {
                team_id: team.id,
                team: team.naam,
                aantal,
                eerste,
            });
        }
        let mut taken: Vec<Taakregel> = rijen.into_iter().map(|t| regel(t, dag)).collect();
        let ids: Vec<i64> = taken
            .iter()
            .chain(teamtaken.iter().flat_map(|t| &t.eerste))
            .filter_map(|r| r.taak.persoon_id)
            .collect();
        let namen = crate::toegang::namen(tx.as_mut(), &ids).await?;
        for r in taken
            .iter_mut()
            .chain(teamtaken.iter_mut().flat_map(|t| t.eerste.iter_mut()))
        {
            r.client = r.taak.persoon_id.and_then(|p| namen.get(&p).cloned());
        }
        tx.afsluiten().await?;
        // In het toegangslog: per medewerker, persoon en dag één keer (toegang::Getoond).
        self.namen_getoond(ctx, &ids).await?;
        let tel = |f: &dyn Fn(Taaksoort, i64) -> bool| -> usize {
            tellingen
                .iter()
                .filter(|(s, g, _)| f(*s, *g))
                .map(|(_, _, n)| usize::try_from(*n).unwrap_or(0))
                .sum()
        };
        let per_soort = Taaksoort::ALLE
            .iter()
            .map(|s| (s.code(), s.naam(), tel(&|x, _| x == *s)))
            .filter(|(_, _, n)| *n > 0)
            .collect();
        Ok(Vandaag {
            datum: dag,
            taken,
            teamtaken,
            per_soort,
            te_laat: tel(&|_, g| g == 0),
            vandaag: tel(&|_, g| g == 1),
            risico: tel(&|_, g| g == 2),
            totaal: tel(&|_, _| true),
        })
    }

    /// De taken van een dossier, met hun stand en historie.
    pub async fn taken_van_dossier(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<Taakregel>, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let dag = vandaag(self.klok.nu());
        let mut tx = self.opslag.lees().await?;
        let mut uit = Vec::new();
        for t in tx.taken_van_dossier(dossier_id).await? {
            let mut r = regel(t, dag);
            r.historie = tx.taakgebeurtenissen_van(r.taak.id).await?;
            r.mag_bijwerken = mag_taak_bijwerken(tx.as_mut(), ctx, &r.taak).await.is_ok();
            uit.push(r);
        }
        tx.afsluiten().await?;
        Ok(uit)
    }

    /// Eén taak met haar historie (de pagina van de taak).
    pub async fn taak_bekijken(&self, ctx: &Context, taak_id: i64) -> Result<Taakregel, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let dag = vandaag(self.klok.nu());
        let mut tx = self.opslag.lees().await?;
        let t = tx
            .taak_op_id(taak_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De taak".into()))?;
        let mut r = regel(t, dag);
        r.historie = tx.taakgebeurtenissen_van(r.taak.id).await?;
        r.mag_bijwerken = mag_taak_bijwerken(tx.as_mut(), ctx, &r.taak).await.is_ok();
        tx.afsluiten().await?;
        Ok(r)
    }

    /// De consulenten van het team van een dossier, met belasting en afwezigheid vandaag (voor de
    /// keuze van de teamleider), laagste belasting eerst.
    pub async fn toewijsbare_consulenten(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<Kandidaat>, AppFout> {
        ctx.actor.vereist(Recht::TakenToewijzen)?;
        let dag = vandaag(self.klok.nu());
        let mut tx = self.opslag.lees().await?;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let mut k: Vec<Kandidaat> = match dossier.team_id {
            Some(t) => kandidaten(tx.as_mut(), t, dag, &[dossier.client_id])
                .await?
                .into_iter()
                .map(|(_, k)| k)
                .collect(),
            None => Vec::new(),
        };
        tx.afsluiten().await?;
        k.sort_by_key(|k| (k.belasting, k.gebruiker_id));
        Ok(k)
    }

    /// Een teamleider wijst een dossier (met zijn open taken) toe aan een consulent van het team
    /// van het dossier. Geweigerd: iemand buiten het team, iemand die vandaag afwezig is, of een
    /// dossier dat intussen door een ander is gewijzigd.
    pub async fn dossier_herverdelen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        versie: i64,
        gebruiker_id: i64,
        reden: &str,
    ) -> Result<(), AppFout> {
        let mut tx = self.handeling(ctx, Recht::TakenToewijzen).await?;
        let nu = tx.nu;
        let dag = vandaag(nu);
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let Some(team_id) = dossier.team_id else {
            return Err(AppFout::veld(
                "consulent",
                "Het dossier hoort nog bij geen team; kies eerst het team.",
            ));
        };
        let kandidaten = kandidaten(&mut *tx, team_id, dag, &[dossier.client_id]).await?;
        let Some((g, k)) = kandidaten.iter().find(|(g, _)| g.id == gebruiker_id) else {
            return Err(AppFout::veld(
                "consulent",
                "Deze medewerker is geen consulent in het team van het dossier.",
            ));
        };
        if let Some(tot) = k.afwezig_tot_en_met {
            return Err(AppFout::veld(
                "consulent",
                format!(
                    "{} is afwezig tot en met {}.",
                    g.volledige_naam,
                    tot.format("%d-%m-%Y")
                ),
            ));
        }
        if let Some(r) = &k.uitgesloten {
            return Err(AppFout::veld(
                "consulent",
                format!("{} is uitgesloten van deze cliënt ({r}).", g.volledige_naam),
            ));
        }
        let naam = g.volledige_naam.clone();
        self.dossier_overdragen(
            &mut *tx,
            ctx,
            nu,
            &dossier,
            versie,
            gebruiker_id,
            &format!(
                "Toegewezen aan {naam} door {}: {}",
                ctx.actor.omschrijving(),
                reden.trim()
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Verplaatst een dossier en zijn open taken naar een consulent, met gebeurtenis en audit.
    #[allow(clippy::too_many_arguments)]
    async fn dossier_overdragen(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        nu: DateTime<Utc>,
        dossier: &crate::opslag::DossierRij,
        versie: i64,
        gebruiker_id: i64,
        reden: &str,
    ) -> Result<(), AppFout> {
        if !tx
            .dossier_toewijzen(
                dossier.id,
                dossier.team_id,
                Some(gebruiker_id),
                versie,
                &tijd::instant_tekst(nu),
            )
            .await?
        {
            return Err(AppFout::Verouderd(format!(
                "Dossier {} is intussen door iemand anders gewijzigd. Laad de pagina opnieuw.",
                dossier.nummer
            )));
        }
        for mut t in tx.taken_van_dossier(dossier.id).await? {
            if t.status == Taakstatus::Gereed || t.gebruiker_id == Some(gebruiker_id) {
                continue;
            }
            t.gebruiker_id = Some(gebruiker_id);
            t.versie += 1;
            if !tx.taak_bijwerken(&t).await? {
                return Err(AppFout::Conflict(
                    "Een taak van het dossier werd tegelijk gewijzigd. Probeer het opnieuw.".into(),
                ));
            }
            gebeurtenis(tx, ctx, nu, t.id, Taakgebeurtenissoort::Toegewezen, reden).await?;
        }
        tx.gebeurtenis_toevoegen(&GebeurtenisRij {
            id: 0,
            dossier_id: dossier.id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: vangnet_domain::dossier::Gebeurtenissoort::Toegewezen,
            omschrijving: reden.into(),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        audit::vastleggen(
            tx,
            ctx,
            nu,
            Wijziging {
                actie: "dossier.toegewezen",
                onderwerp_type: "dossier",
                onderwerp_id: dossier.id.to_string(),
                samenvatting: reden.into(),
                voor: Some(serde_json::json!({ "consulent_id": dossier.consulent_id })),
                na: Some(serde_json::json!({ "consulent_id": gebruiker_id })),
                reden: None,
            },
        )
        .await?;
        Ok(())
    }

    /// Verdeelt alle lopende dossiers van een (afwezige) consulent opnieuw over zijn team, in één
    /// handeling: elk dossier naar wie dan de laagste belasting heeft. Geeft het aantal.
    pub async fn werk_herverdelen(
        &self,
        ctx: &Context,
        team_id: i64,
        van_gebruiker: i64,
    ) -> Result<usize, AppFout> {
        let mut tx = self.handeling(ctx, Recht::TakenToewijzen).await?;
        let nu = tx.nu;
        let dag = vandaag(nu);
        let team = tx
            .team_op_id(team_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het team".into()))?;
        // Ook een oud-lid kan nog werk van het team hebben; een gebruiker die niet bestaat niet.
        if tx.gebruiker_op_id(van_gebruiker).await?.is_none() {
            return Err(AppFout::veld("gebruiker", "Deze medewerker bestaat niet."));
        }
        let mut dossiers: Vec<i64> = tx
            .open_taken_van(Some(van_gebruiker), None, MAX_HERVERDELEN)
            .await?
            .into_iter()
            .filter(|t| t.team_id == Some(team_id))
            .filter_map(|t| t.dossier_id)
            .collect();
        dossiers.sort_unstable();
        dossiers.dedup();
        let mut aantal = 0;
        for id in dossiers {
            let Some(d) = tx.dossier_op_id(id).await? else {
                continue;
            };
            let k: Vec<Kandidaat> = kandidaten(&mut *tx, team_id, dag, &[d.client_id])
                .await?
                .into_iter()
                .map(|(_, k)| k)
                .filter(|k| k.gebruiker_id != van_gebruiker)
                .collect();
            let toewijzing = verdeel(&k, &team.naam).map_err(|r| AppFout::veld("team", r))?;
            self.dossier_overdragen(
                &mut *tx,
                ctx,
                nu,
                &d,
                d.versie,
                toewijzing.gebruiker_id,
                &format!(
                    "Herverdeeld door {}: {}",
                    ctx.actor.omschrijving(),
                    toewijzing.reden
                ),
            )
            .await?;
            aantal += 1;
        }
        tx.commit().await?;
        Ok(aantal)
    }

    /// Een taak met de hand, voor zichzelf; met hoge prioriteit staat ze binnen haar groep
    /// bovenaan. De deadline mag niet in het verleden liggen.
    pub async fn taak_aanmaken(
        &self,
        ctx: &Context,
        omschrijving: &str,
        deadline: &str,
        dossier_id: Option<i64>,
        hoge_prioriteit: bool,
    ) -> Result<i64, AppFout> {
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let dag = vandaag(nu);
        let mut f = vangnet_domain::Veldfouten::nieuw();
        let omschrijving = omschrijving.trim();
        if omschrijving.is_empty() {
            f.voeg_toe("omschrijving", "Beschrijf de taak.");
        } else if omschrijving.chars().count() > 500 {
            f.voeg_toe("omschrijving", "De omschrijving is langer dan 500 tekens.");
        }
        let deadline = f.controleer(
            "deadline",
            vangnet_domain::persoon::datum::parse_datum(deadline, "deadline"),
        );
        if deadline.is_some_and(|d| d < dag) {
            f.voeg_toe("deadline", "De deadline ligt in het verleden.");
        }
        f.resultaat()?;
        let persoon_id = match dossier_id {
            Some(id) => Some(
                tx.dossier_op_id(id)
                    .await?
                    .ok_or_else(|| AppFout::veld("dossier", "Dit dossier bestaat niet."))?
                    .client_id,
            ),
            None => None,
        };
        let id = taak_maken(
            &mut *tx,
            ctx,
            nu,
            NieuweTaak {
                soort: Taaksoort::Overig,
                omschrijving: omschrijving.into(),
                dossier_id,
                persoon_id,
                begindatum: dag,
                deadline,
                team_id: None,
                gebruiker_id: ctx.actor.gebruiker_id(),
                prioriteit: i64::from(hoge_prioriteit),
                reden: "Met de hand aangemaakt",
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Zet de status van een eigen taak (of een taak van zijn team zonder eigenaar).
    pub async fn taak_status_zetten(
        &self,
        ctx: &Context,
        taak_id: i64,
        versie: i64,
        status: &str,
        reden: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let Some(nieuw) = Taakstatus::uit_code(status) else {
            return Err(AppFout::veld("status", "Kies een bestaande status."));
        };
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let t = tx
            .taak_op_id(taak_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De taak".into()))?;
        mag_taak_bijwerken(&mut *tx, ctx, &t).await?;
        if !t.status.mag_naar(nieuw) {
            return Err(AppFout::veld(
                "status",
                format!(
                    "De taak staat al op '{}'; kies een andere status.",
                    nieuw.naam()
                ),
            ));
        }
        // Een taak die een handeling afrondt, gaat op gereed door die handeling, niet met een
        // klik terwijl het werk openstaat (issue 21 punt 10).
        // Met de hand afronden kan alleen waar geen handeling past, en met een reden.
        let reden = reden.trim();
        if nieuw == Taakstatus::Gereed {
            if let Some(waar) = afronden_door_handeling(&mut *tx, &t).await? {
                return Err(AppFout::veld("status", waar));
            }
            if reden.is_empty() {
                return Err(AppFout::veld(
                    "reden",
                    "Geef de reden waarom de taak klaar is (wat is er gedaan?).",
                ));
            }
        }
        if reden.chars().count() > 500 {
            return Err(AppFout::veld(
                "reden",
                "De reden is hoogstens 500 tekens lang.",
            ));
        }
        let omschrijving = if reden.is_empty() {
            format!("Status {} → {}", t.status.naam(), nieuw.naam())
        } else {
            format!("Status {} → {}: {reden}", t.status.naam(), nieuw.naam())
        };
        taak_bijwerken(
            &mut *tx,
            ctx,
            nu,
            t,
            versie,
            Some(nieuw),
            (Taakgebeurtenissoort::Status, &omschrijving),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// De escalatie (een job): elke taak waarvan de deadline is verstreken en waarover nog niet is
    /// gemeld, krijgt een melding bij de teamleiders van haar team (zonder teamleider: bij de
    /// eigenaar). Een taak zonder iemand om te melden blijft ongemeld staan en komt in het log;
    /// niets verdwijnt stil. Geeft het aantal gemelde taken.
    pub async fn escaleren(&self, ctx: &Context) -> Result<usize, AppFout> {
        let dag = vandaag(self.klok.nu());
        let mut gemeld = 0;
        loop {
            // Elke ronde een eigen handeling; de dag waarop gemeten wordt, blijft die van de start.
            let mut tx = self.handeling(ctx, Recht::TakenToewijzen).await?;
            let nu = tx.nu;
            let te_laat = tx.taken_te_laat_ongemeld(dag, 500).await?;
            let mut in_deze_ronde = 0;
            let aantal = te_laat.len();
            for mut t in te_laat {
                let mut ontvangers: Vec<i64> = match t.team_id {
                    Some(team) => tx
                        .teamleden(team)
                        .await?
                        .into_iter()
                        .filter(|g| !g.geblokkeerd && g.rollen.contains(&Rol::Teamleider))
                        .map(|g| g.id)
                        .collect(),
                    None => Vec::new(),
                };
                if ontvangers.is_empty() {
                    ontvangers.extend(t.gebruiker_id);
                }
                if ontvangers.is_empty() {
                    tracing::warn!(
                        taak = t.id,
                        "te late taak zonder team of eigenaar: niet gemeld"
                    );
                    continue;
                }
                for o in ontvangers {
                    tx.melding_invoegen(&MeldingRij {
                        id: 0,
                        gebruiker_id: o,
                        tijdstip: nu,
                        tekst: format!(
                            "Te laat: {} (deadline {})",
                            t.omschrijving,
                            t.deadline.format("%d-%m-%Y")
                        ),
                        taak_id: Some(t.id),
                        gelezen_op: None,
                    })
                    .await?;
                }
                t.te_laat_gemeld = true;
                t.versie += 1;
                if tx.taak_bijwerken(&t).await? {
                    gebeurtenis(
                        &mut *tx,
                        ctx,
                        nu,
                        t.id,
                        Taakgebeurtenissoort::TeLaat,
                        "Teamleider gemeld",
                    )
                    .await?;
                    in_deze_ronde += 1;
                }
            }
            tx.commit().await?;
            gemeld += in_deze_ronde;
            if aantal < 500 || in_deze_ronde == 0 {
                break;
            }
        }
        if gemeld > 0 {
            tracing::info!(gemeld, "te late taken gemeld");
        }
        Ok(gemeld)
    }

    /// De meldingen van de ingelogde medewerker, nieuwste eerst.
    pub async fn meldingen(&self, ctx: &Context) -> Result<Vec<MeldingRij>, AppFout> {
        let Some(g) = ctx.actor.gebruiker_id() else {
            return Ok(Vec::new());
        };
        let mut tx = self.opslag.lees().await?;
        let m = tx.meldingen_van(g, 100).await?;
        tx.afsluiten().await?;
        Ok(m)
    }

    /// De servicenormen (alle taaksoorten) en postcodegebieden zoals ingericht.
    pub async fn werk_inrichting(&self, ctx: &Context) -> Result<WerkInrichting, AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut tx = self.opslag.lees().await?;
        let mut normen = Vec::new();
        for soort in Taaksoort::ALLE {
            normen.push(servicenorm(tx.as_mut(), soort).await?);
        }
        let gebieden = postcodegebieden(tx.as_mut()).await?.alle().to_vec();
        let ingericht = tx.zaaktypegewichten().await?;
        tx.afsluiten().await?;
        let gewichten = Zaaktype::ALLE
            .into_iter()
            .map(|z| {
                let g = ingericht
                    .iter()
                    .find(|(c, _)| c == z.code())
                    .map_or(100, |(_, g)| *g);
                (z, g)
            })
            .collect();
        Ok(WerkInrichting {
            normen,
            gebieden,
            gewichten,
        })
    }

    /// Een eigen melding als gelezen markeren.
    pub async fn melding_gelezen(&self, ctx: &Context, id: i64) -> Result<(), AppFout> {
        let Some(g) = ctx.actor.gebruiker_id() else {
            return Err(AppFout::GeenToegang);
        };
        // Het recht volgt uit de melding zelf: alleen de eigen (de opslag kijkt naar de ontvanger).
        let mut tx = self.handeling_recht_al_nagegaan(ctx).await?;
        let nu = tx.nu;
        let gelukt = tx.melding_gelezen(id, g, nu).await?;
        tx.commit().await?;
        if gelukt {
            Ok(())
        } else {
            Err(AppFout::NietGevonden("De melding".into()))
        }
    }

    /// Een servicenorm wijzigen (functioneel beheerder).
    pub async fn servicenorm_wijzigen(
        &self,
        ctx: &Context,
        soort: &str,
        eenheid: &str,
        aantal: &str,
        waarschuwen: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut f = vangnet_domain::Veldfouten::nieuw();
        let s = Taaksoort::uit_code(soort);
        if s.is_none() {
            f.voeg_toe("soort", "Kies een bestaande taaksoort.");
        }
        let e = Eenheid::uit_code(eenheid);
        if e.is_none() {
            f.voeg_toe("eenheid", "Kies werkdagen of wettelijke weken.");
        }
        let getal = |f: &mut vangnet_domain::Veldfouten, veld: &str, w: &str| {
            let n = w.trim().parse::<u32>().ok();
            if n.is_none() {
                f.voeg_toe(veld, "Vul een heel getal in.");
            }
            n
        };
        let a = getal(&mut f, "aantal", aantal);
        let w = getal(&mut f, "waarschuwen", waarschuwen);
        f.clone().resultaat()?;
        let (Some(soort), Some(eenheid), Some(aantal), Some(waarschuwen_werkdagen)) = (s, e, a, w)
        else {
            return Err(AppFout::Ongeldig(f));
        };
        let norm = Servicenorm {
            soort,
            eenheid,
            aantal,
            waarschuwen_werkdagen,
        };
        norm.controleer().map_err(|m| AppFout::veld("aantal", m))?;
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        let nu = tx.nu;
        let voor = servicenorm(&mut *tx, soort).await?;
        tx.servicenorm_zetten(&ServicenormRij {
            soort,
            eenheid,
            aantal: i64::from(aantal),
            waarschuwen_werkdagen: i64::from(waarschuwen_werkdagen),
            gewijzigd_op: nu,
        })
        .await?;
        tx.audit(Wijziging {
            actie: "servicenorm.gewijzigd",
            onderwerp_type: "servicenorm",
            onderwerp_id: soort.code().into(),
            samenvatting: format!("Servicenorm {} gewijzigd", soort.naam()),
            voor: Some(serde_json::to_value(voor).unwrap_or_default()),
            na: Some(serde_json::to_value(norm).unwrap_or_default()),
            reden: None,
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Het gewicht van een zaaktype in de caseload (functioneel beheerder), bv. `1,5`: een dossier
    /// van dit type telt anderhalf keer bij de verdeling.
    pub async fn zaaktypegewicht_zetten(
        &self,
        ctx: &Context,
        zaaktype: &str,
        gewicht: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let Some(z) = Zaaktype::uit_code(zaaktype) else {
            return Err(AppFout::veld("zaaktype", "Kies een bestaand zaaktype."));
        };
        let honderdsten = vangnet_domain::bedrag::parse_euro(gewicht)
            .ok()
            .filter(|g| (1..=10_000).contains(g))
            .ok_or_else(|| {
                AppFout::veld(
                    "gewicht",
                    "Het gewicht is een getal van 0,01 tot en met 100, bijvoorbeeld 1,5.",
                )
            })?;
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        tx.zaaktypegewicht_zetten(z.code(), honderdsten).await?;
        tx.audit(Wijziging {
            actie: "zaaktypegewicht.gewijzigd",
            onderwerp_type: "zaaktype",
            onderwerp_id: z.code().into(),
            samenvatting: format!(
                "Gewicht van {} in de caseload: {}",
                z.naam(),
                vangnet_domain::bedrag::honderdsten(honderdsten)
            ),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// De postcodegebieden vervangen (functioneel beheerder). Elke regel: `van tot team`, bv.
    /// `3011 3039 Noord`. Overlap, onbekende teams en onleesbare regels worden geweigerd; dan
    /// verandert er niets.
    pub async fn postcodegebieden_zetten(&self, ctx: &Context, tekst: &str) -> Result<(), AppFout> {
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        let mut gebieden = Vec::new();
        for (i, regel) in tekst
            .lines()
            .enumerate()
            .filter(|(_, r)| !r.trim().is_empty())
        {
            let delen: Vec<&str> = regel.split_whitespace().collect();
            let fout = || {
                AppFout::veld(
                    "gebieden",
                    format!(
                        "Regel {}: schrijf 'van tot team', bijvoorbeeld '3011 3039 Noord'.",
                        i + 1
                    ),
                )
            };
            let [van, tot, team @ ..] = delen.as_slice() else {
                return Err(fout());
            };
            let (Ok(van), Ok(tot)) = (van.parse::<u16>(), tot.parse::<u16>()) else {
                return Err(fout());
            };
            let naam = team.join(" ");
            let Some(t) = tx.team_op_naam(&naam).await? else {
                return Err(AppFout::veld(
                    "gebieden",
                    format!("Regel {}: er is geen team '{naam}'.", i + 1),
                ));
            };
            gebieden.push(Postcodegebied {
                van,
                tot_en_met: tot,
                team_id: t.id,
                team: t.naam,
            });
        }
        let gebieden =
            Postcodegebieden::nieuw(gebieden).map_err(|m| AppFout::veld("gebieden", m))?;
        let voor = tx.postcodegebieden().await?;
        let rijen: Vec<PostcodegebiedRij> = gebieden
            .alle()
            .iter()
            .map(|g| PostcodegebiedRij {
                id: 0,
                van: i64::from(g.van),
                tot_en_met: i64::from(g.tot_en_met),
                team_id: g.team_id,
                team: g.team.clone(),
            })
            .collect();
        tx.postcodegebieden_vervangen(&rijen).await?;
        tx.audit(Wijziging {
            actie: "postcodegebieden.gewijzigd",
            onderwerp_type: "postcodegebieden",
            onderwerp_id: String::new(),
            samenvatting: format!("{} postcodegebieden ingericht", rijen.len()),
            voor: Some(serde_json::to_value(&voor).unwrap_or_default()),
            na: Some(serde_json::to_value(&rijen).unwrap_or_default()),
            reden: None,
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Afwezigheid van een medewerker registreren (teamleider of functioneel beheerder).
    pub async fn afwezigheid_registreren(
        &self,
        ctx: &Context,
        gebruikersnaam: &str,
        van: &str,
        tot_en_met: &str,
        reden: &str,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::AfwezigheidRegistreren)?;
        let mut f = vangnet_domain::Veldfouten::nieuw();
        let v = f.controleer(
            "van",
            vangnet_domain::persoon::datum::parse_datum(van, "begindatum"),
        );
        let t = f.controleer(
            "tot_en_met",
            vangnet_domain::persoon::datum::parse_datum(tot_en_met, "einddatum"),
        );
        if let (Some(v), Some(t)) = (v, t) {
            if t < v {
                f.voeg_toe("tot_en_met", "De einddatum ligt vóór de begindatum.");
            }
        }
        f.clone().resultaat()?;
        let (Some(v), Some(t)) = (v, t) else {
            return Err(AppFout::Ongeldig(f));
        };
        let mut tx = self.handeling(ctx, Recht::AfwezigheidRegistreren).await?;
        let nu = tx.nu;
        let g = tx
            .gebruiker_op_naam(gebruikersnaam.trim())
            .await?
            .ok_or_else(|| AppFout::veld("gebruiker", "Deze gebruiker bestaat niet."))?;
        let id = tx
            .afwezigheid_invoegen(&AfwezigheidRij {
                id: 0,
                gebruiker_id: g.id,
                van: v,
                tot_en_met: t,
                reden: reden.trim().to_owned(),
                aangemaakt_op: nu,
            })
            .await?;
        tx.audit(Wijziging {
            actie: "afwezigheid.geregistreerd",
            onderwerp_type: "gebruiker",
            onderwerp_id: g.id.to_string(),
            samenvatting: format!(
                "{} afwezig van {} tot en met {}",
                g.volledige_naam,
                v.format("%d-%m-%Y"),
                t.format("%d-%m-%Y")
            ),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Een medewerker uitsluiten van een cliënt (afscherming, belangenverstrengeling): hij krijgt
    /// geen dossier van deze persoon meer, ook niet bij herverdelen.
    pub async fn uitsluiting_registreren(
        &self,
        ctx: &Context,
        gebruiker_id: i64,
        persoon_id: i64,
        reden: &str,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::AfwezigheidRegistreren)?;
        if reden.trim().is_empty() {
            return Err(AppFout::veld("reden", "Geef de reden van de uitsluiting."));
        }
        if reden.trim().chars().count() > 200 {
            return Err(AppFout::veld(
                "reden",
                "De reden is langer dan 200 tekens; kort haar in.",
            ));
        }
        let mut tx = self.handeling(ctx, Recht::AfwezigheidRegistreren).await?;
        let nu = tx.nu;
        let g = tx
            .gebruiker_op_id(gebruiker_id)
            .await?
            .ok_or_else(|| AppFout::veld("gebruiker", "Deze gebruiker bestaat niet."))?;
        if tx.persoon_op_id(persoon_id).await?.is_none() {
            return Err(AppFout::NietGevonden("De persoon".into()));
        }
        let id = tx
            .uitsluiting_invoegen(&UitsluitingRij {
                id: 0,
                gebruiker_id: g.id,
                persoon_id,
                reden: reden.trim().chars().take(200).collect(),
                aangemaakt_op: nu,
            })
            .await?;
        tx.audit(Wijziging {
            actie: "uitsluiting.geregistreerd",
            onderwerp_type: "persoon",
            onderwerp_id: persoon_id.to_string(),
            samenvatting: format!("{} uitgesloten van persoon {persoon_id}", g.volledige_naam),
            reden: Some(reden.trim().into()),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
