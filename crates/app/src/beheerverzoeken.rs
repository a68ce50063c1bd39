//! Beheer met vier ogen (issue 17, punt 6): een rol erbij of een andere inrichting van vier ogen
//! vraagt een tweede functioneel beheerder. Hier: het verzoek doen, de open verzoeken zien, en
//! beoordelen (goedkeuren voert de wijziging uit, in dezelfde transactie en met een auditrecord).
//! De regels (wie mag beoordelen, welke rollen samengaan) staan in [`vangnet_domain::beheerverzoek`]
//! en [`vangnet_domain::rol::verenigbaar`].

use serde::Serialize;
use vangnet_domain::beheerverzoek::{beoordelaar_toegestaan, Verzoeksoort, Verzoekstatus};
use vangnet_domain::{rol, Recht, Rol};

use crate::account::{gebruiker_json, gebruiker_of_fout};
use crate::audit::{self, Wijziging};
use crate::opslag::{BeheerverzoekRij, Transactie};
use crate::uitkeringen::{vier_ogen_zetten, VierOgen};
use crate::{App, AppFout, Context};

/// Een open verzoek zoals een beheerder het ziet.
#[derive(Debug, Clone, Serialize)]
pub struct Beheerverzoek {
    pub verzoek: BeheerverzoekRij,
    /// Wat er gevraagd wordt, in gewone taal.
    pub omschrijving: String,
    /// De rollen die erbij komen (leeg voor vier ogen).
    pub rollen: Vec<Rol>,
    pub aangevraagd_door: String,
    /// Mag de handelende beheerder dit beoordelen (niet zijn eigen verzoek, niet zijn eigen rol)?
    pub mag_beoordelen: bool,
}

fn rollen_uit_inhoud(inhoud: &str) -> Result<Vec<Rol>, AppFout> {
    let codes: Vec<String> =
        serde_json::from_str(inhoud).map_err(|e| AppFout::Intern(format!("beheerverzoek: {e}")))?;
    codes
        .iter()
        .map(|c| Rol::uit_code(c).ok_or_else(|| AppFout::Intern(format!("onbekende rol '{c}'"))))
        .collect()
}

fn recht_voor(soort: Verzoeksoort) -> Recht {
    match soort {
        Verzoeksoort::Rollen => Recht::GebruikersBeheren,
        Verzoeksoort::VierOgen => Recht::WerkInrichten,
    }
}

/// De rollen die voor deze gebruiker in een open verzoek staan.
pub(crate) async fn wachtende_rollen(
    tx: &mut dyn Transactie,
    gebruiker_id: i64,
) -> Result<Vec<Rol>, AppFout> {
    let mut uit = Vec::new();
    for v in tx.beheerverzoeken_open().await? {
        if v.soort == Verzoeksoort::Rollen && v.gebruiker_id == gebruiker_id {
            uit.extend(rollen_uit_inhoud(&v.inhoud)?);
        }
    }
    Ok(uit)
}

/// Legt een verzoek vast in de lopende transactie (één open verzoek per soort en gebruiker), met
/// een auditrecord. Geeft het id.
pub(crate) async fn vastleggen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    soort: Verzoeksoort,
    gebruiker_id: i64,
    inhoud: serde_json::Value,
) -> Result<i64, AppFout> {
    ctx.actor.vereist(recht_voor(soort))?;
    let aanvrager = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
    let mut r = BeheerverzoekRij {
        id: 0,
        soort,
        gebruiker_id,
        inhoud: inhoud.to_string(),
        reden: String::new(),
        aangevraagd_door: aanvrager,
        aangevraagd_op: nu,
        status: Verzoekstatus::Open,
        beoordeeld_door: None,
        beoordeeld_op: None,
        afwijsreden: None,
        versie: 1,
    };
    r.id = tx.beheerverzoek_invoegen(&r).await.map_err(|e| match e {
        // Een melding bij het veld (het formulier houdt wat er getypt was), geen conflict: er
        // veranderde niets onder de beheerder.
        crate::opslag::OpslagFout::Uniek(_) => AppFout::veld(
            match soort {
                Verzoeksoort::Rollen => "rollen",
                Verzoeksoort::VierOgen => "drempel",
            },
            "Er wacht al een verzoek van deze soort op een tweede functioneel beheerder. Laat dat \
             eerst beoordelen (of afwijzen), en vraag dan opnieuw.",
        ),
        e => e.into(),
    })?;
    audit::vastleggen(
        tx,
        ctx,
        nu,
        Wijziging {
            actie: "beheerverzoek.gedaan",
            onderwerp_type: "beheerverzoek",
            onderwerp_id: r.id.to_string(),
            samenvatting: format!(
                "Verzoek {} ({}) wacht op een tweede functioneel beheerder",
                r.id,
                soort.code()
            ),
            na: Some(inhoud),
            ..Default::default()
        },
    )
    .await?;
    Ok(r.id)
}

impl App {
    /// Legt een verzoek vast in een eigen transactie. Geeft het id.
    pub(crate) async fn beheerverzoek_doen(
        &self,
        ctx: &Context,
        soort: Verzoeksoort,
        gebruiker_id: i64,
        inhoud: serde_json::Value,
    ) -> Result<i64, AppFout> {
        let mut h = self.handeling_recht_al_nagegaan(ctx).await?;
        let nu = h.nu;
        let id = vastleggen(&mut *h, ctx, nu, soort, gebruiker_id, inhoud).await?;
        h.commit().await?;
        Ok(id)
    }

    /// De open verzoeken die deze beheerder mag zien (rollen: gebruikersbeheer; vier ogen:
    /// inrichting), oudste eerst.
    pub async fn beheerverzoeken(&self, ctx: &Context) -> Result<Vec<Beheerverzoek>, AppFout> {
        if !(ctx.actor.mag(Recht::GebruikersBeheren) || ctx.actor.mag(Recht::WerkInrichten)) {
            return Err(AppFout::GeenToegang);
        }
        let ik = ctx.actor.gebruiker_id();
        let mut tx = self.opslag.lees().await?;
        let mut uit = Vec::new();
        for v in tx.beheerverzoeken_open().await? {
            if !ctx.actor.mag(recht_voor(v.soort)) {
                continue;
            }
            let aanvrager = gebruiker_of_fout(tx.as_mut(), v.aangevraagd_door).await?;
            let rollen = match v.soort {
                Verzoeksoort::Rollen => rollen_uit_inhoud(&v.inhoud)?,
                Verzoeksoort::VierOgen => Vec::new(),
            };
            let omschrijving = match v.soort {
                Verzoeksoort::Rollen => {
                    let g = gebruiker_of_fout(tx.as_mut(), v.gebruiker_id).await?;
                    let namen: Vec<&str> = rollen.iter().map(|r| r.naam()).collect();
                    format!(
                        "{} ({}) krijgt de rol {}",
                        g.volledige_naam,
                        g.gebruikersnaam,
                        namen.join(" en ")
                    )
                }
                Verzoeksoort::VierOgen => {
                    let inrichting = serde_json::from_str(&v.inhoud)
                        .ok()
                        .and_then(|j| VierOgen::uit_json(&j))
                        .ok_or_else(|| AppFout::Intern("beheerverzoek vier ogen".into()))?;
                    format!("Vier ogen: {}", inrichting.beschrijving())
                }
            };
            let mag_beoordelen = ik.is_some_and(|ik| {
                let voor = (v.soort == Verzoeksoort::Rollen).then_some(v.gebruiker_id);
                beoordelaar_toegestaan(v.aangevraagd_door, voor, ik).is_ok()
            });
            uit.push(Beheerverzoek {
                omschrijving,
                rollen,
                aangevraagd_door: aanvrager.volledige_naam,
                mag_beoordelen,
                verzoek: v,
            });
        }
        tx.afsluiten().await?;
        Ok(uit)
    }

    /// Keurt een verzoek goed (en voert het uit) of wijst het af (met een reden).
    pub async fn beheerverzoek_beoordelen(
        &self,
        ctx: &Context,
        id: i64,
        versie: i64,
        goedkeuren: bool,
        reden: &str,
    ) -> Result<(), AppFout> {
        if !(ctx.actor.mag(Recht::GebruikersBeheren) || ctx.actor.mag(Recht::WerkInrichten)) {
            return Err(AppFout::GeenToegang);
        }
        let ik = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
        let reden = reden.trim();
        if !goedkeuren && reden.is_empty() {
            return Err(AppFout::veld(
                "reden",
                "Geef een reden als u het verzoek afwijst.",
            ));
        }
        if reden.chars().count() > 500 {
            return Err(AppFout::veld(
                "reden",
                "De reden mag hoogstens 500 tekens lang zijn.",
            ));
        }
        let mut h = self.handeling_recht_al_nagegaan(ctx).await?;
        let nu = h.nu;
        let mut v = h
            .beheerverzoek_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het verzoek".into()))?;
        ctx.actor.vereist(recht_voor(v.soort))?;
        if v.versie != versie {
            return Err(AppFout::Verouderd(
                "Dit verzoek is intussen gewijzigd. Bekijk de lijst opnieuw.".into(),
            ));
        }
        if !v.status.mag_beoordelen() {
            return Err(AppFout::Conflict(
                "Dit verzoek is intussen al beoordeeld. Bekijk de lijst opnieuw.".into(),
            ));
        }
        let voor = (v.soort == Verzoeksoort::Rollen).then_some(v.gebruiker_id);
        beoordelaar_toegestaan(v.aangevraagd_door, voor, ik)
            .map_err(|m| AppFout::Conflict(m.into()))?;
        if goedkeuren {
            match v.soort {
                Verzoeksoort::Rollen => {
                    let g = gebruiker_of_fout(&mut *h, v.gebruiker_id).await?;
                    let mut na = g.clone();
                    for r in rollen_uit_inhoud(&v.inhoud)? {
                        if !na.rollen.contains(&r) {
                            na.rollen.push(r);
                        }
                    }
                    na.rollen.sort();
                    rol::verenigbaar(&na.rollen).map_err(AppFout::Conflict)?;
                    na.versie += 1;
                    na.gewijzigd_op = nu;
                    if !h.gebruiker_bijwerken(&na).await? {
                        return Err(AppFout::Conflict(
                            "De gebruiker is intussen gewijzigd. Probeer het opnieuw.".into(),
                        ));
                    }
                    h.audit(Wijziging {
                        actie: "gebruiker.rollen_toegekend",
                        onderwerp_type: "gebruiker",
                        onderwerp_id: g.id.to_string(),
                        samenvatting: format!(
                            "Rollen van {} gewijzigd na verzoek {id} (vier ogen)",
                            g.gebruikersnaam
                        ),
                        voor: Some(gebruiker_json(&g)),
                        na: Some(gebruiker_json(&na)),
                        reden: Some(reden.to_owned()),
                    })
                    .await?;
                }
                Verzoeksoort::VierOgen => {
                    let inrichting = serde_json::from_str(&v.inhoud)
                        .ok()
                        .and_then(|j| VierOgen::uit_json(&j))
                        .ok_or_else(|| AppFout::Intern("beheerverzoek vier ogen".into()))?;
                    vier_ogen_zetten(&mut *h, ctx, nu, &inrichting).await?;
                }
            }
        }
        v.status = if goedkeuren {
            Verzoekstatus::Goedgekeurd
        } else {
            Verzoekstatus::Afgewezen
        };
        v.beoordeeld_door = Some(ik);
        v.beoordeeld_op = Some(nu);
        v.afwijsreden = (!goedkeuren).then(|| reden.to_owned());
        v.versie += 1;
        if !h.beheerverzoek_bijwerken(&v).await? {
            return Err(AppFout::Verouderd(
                "Dit verzoek is intussen al beoordeeld. Bekijk de lijst opnieuw.".into(),
            ));
        }
        h.vastleggen(Wijziging {
            actie: if goedkeuren {
                "beheerverzoek.goedgekeurd"
            } else {
                "beheerverzoek.afgewezen"
            },
            onderwerp_type: "beheerverzoek",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Verzoek {id} ({}) {}", v.soort.code(), v.status.code()),
            reden: Some(reden.to_owned()),
            ..Default::default()
        })
        .await
    }
}
