//! Beheer van gebruikers en teams door de functioneel beheerder (en door het systeem via de
//! opdrachtregel). Wijzigingen gebruiken optimistische vergrendeling: wie een verouderde versie
//! opslaat, krijgt een conflict in plaats van andermans wijziging te overschrijven.

use serde::Serialize;
use serde_json::json;
use vangnet_domain::beheerverzoek::Verzoeksoort;
use vangnet_domain::{verwerking, Recht, Rol, Veldfouten};

use crate::account::{controleer_gebruiker, gebruiker_json, gebruiker_of_fout, rollen_uit_codes};
use crate::audit::Wijziging;
use crate::opslag::{GebruikerRij, TeamRij, TokenRij};
use crate::{beheerverzoeken, geheim, toegang, App, AppFout, Context};

/// Invoer voor een nieuwe gebruiker.
#[derive(Debug, Clone, Default)]
pub struct NieuweGebruiker {
    pub gebruikersnaam: String,
    pub volledige_naam: String,
    pub rollen: Vec<String>,
}

/// Invoer voor het wijzigen van een gebruiker.
#[derive(Debug, Clone, Default)]
pub struct GebruikerWijziging {
    pub volledige_naam: String,
    pub rollen: Vec<String>,
    pub geblokkeerd: bool,
    /// De versie die de gebruiker op zijn scherm had.
    pub versie: i64,
    pub reden: String,
}

/// Een gebruiker met alles wat de beheerder over hem ziet.
#[derive(Debug, Clone, Serialize)]
pub struct GebruikerDetail {
    pub gebruiker: GebruikerRij,
    pub teams: Vec<TeamRij>,
    pub tokens: Vec<TokenRij>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamDetail {
    pub team: TeamRij,
    pub leden: Vec<GebruikerRij>,
}

fn team_json(t: &TeamRij) -> serde_json::Value {
    json!({ "naam": t.naam, "omschrijving": t.omschrijving })
}

fn controleer_team(naam: &str, omschrijving: &str) -> Result<(String, String), AppFout> {
    let mut fouten = Veldfouten::nieuw();
    let naam = naam.trim();
    let omschrijving = omschrijving.trim();
    if naam.is_empty() {
        fouten.voeg_toe("naam", "Vul de naam van het team in.");
    } else if naam.chars().count() > 60 {
        fouten.voeg_toe(
            "naam",
            "De naam van het team mag hoogstens 60 tekens lang zijn.",
        );
    }
    if omschrijving.chars().count() > 500 {
        fouten.voeg_toe(
            "omschrijving",
            "De omschrijving mag hoogstens 500 tekens lang zijn.",
        );
    }
    if naam
        .chars()
        .chain(omschrijving.chars())
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        fouten.voeg_toe("naam", "De naam of omschrijving bevat ongeldige tekens.");
    }
    fouten.resultaat()?;
    Ok((naam.to_owned(), omschrijving.to_owned()))
}

impl App {
    pub async fn gebruikers(&self, ctx: &Context) -> Result<Vec<GebruikerRij>, AppFout> {
        ctx.actor.vereist(Recht::GebruikersBeheren)?;
        let mut tx = self.opslag.lees().await?;
        let lijst = tx.gebruikers().await?;
        tx.afsluiten().await?;
        Ok(lijst)
    }

    /// Een gebruiker inzien. Dit zijn persoonsgegevens van een medewerker: de inzage komt in het
    /// toegangslog.
    pub async fn gebruiker(&self, ctx: &Context, id: i64) -> Result<GebruikerDetail, AppFout> {
        let mut h = self.handeling(ctx, Recht::GebruikersBeheren).await?;
        let gebruiker = gebruiker_of_fout(&mut *h, id).await?;
        let teams = h.teams_van(id).await?;
        let tokens = h.tokens_van(id).await?;
        let nu = h.nu;
        toegang::vastleggen(
            &mut *h,
            ctx,
            nu,
            verwerking::GEBRUIKERSBEHEER,
            "gebruiker",
            &id.to_string(),
            "Gebruiker ingezien",
        )
        .await?;
        h.commit().await?;
        Ok(GebruikerDetail {
            gebruiker,
            teams,
            tokens,
        })
    }

    /// Maakt een gebruiker aan met een eenmalig wachtwoord, dat bij de eerste keer inloggen
    /// gewijzigd moet worden. Geeft het id en dat wachtwoord (één keer te tonen). Doet een
    /// medewerker dit (niet de opdrachtregel), dan krijgt de gebruiker zijn rollen pas als een
    /// tweede functioneel beheerder het verzoek goedkeurt (issue 17, punt 6).
    pub async fn gebruiker_aanmaken(
        &self,
        ctx: &Context,
        invoer: &NieuweGebruiker,
    ) -> Result<(i64, String), AppFout> {
        ctx.actor.vereist(Recht::GebruikersBeheren)?;
        let (gnaam, vnaam, rollen) = controleer_gebruiker(
            &invoer.gebruikersnaam,
            &invoer.volledige_naam,
            &invoer.rollen,
        )?;
        // Het wachtwoord hashen (argon2, tientallen milliseconden) vóór de transactie: op SQLite
        // zou het anders de enige schrijver vasthouden.
        let wachtwoord = geheim::eenmalig_wachtwoord();
        let wachtwoord_hash = geheim::hash_wachtwoord(&wachtwoord)?;
        let mut h = self.handeling(ctx, Recht::GebruikersBeheren).await?;
        if h.gebruiker_op_naam(gnaam.as_str()).await?.is_some() {
            return Err(AppFout::veld(
                "gebruikersnaam",
                format!("De gebruikersnaam '{gnaam}' is al in gebruik."),
            ));
        }
        let nu = h.nu;
        let door_medewerker = ctx.actor.gebruiker_id().is_some();
        let mut g = GebruikerRij {
            id: 0,
            gebruikersnaam: gnaam.to_string(),
            volledige_naam: vnaam,
            wachtwoord_hash,
            moet_wachtwoord_wijzigen: true,
            geblokkeerd: false,
            rollen: if door_medewerker {
                Vec::new()
            } else {
                rollen.clone()
            },
            versie: 1,
            aangemaakt_op: nu,
            gewijzigd_op: nu,
        };
        g.id = h.gebruiker_invoegen(&g).await.map_err(|e| match e {
            crate::opslag::OpslagFout::Uniek(_) => AppFout::veld(
                "gebruikersnaam",
                format!("De gebruikersnaam '{gnaam}' is al in gebruik."),
            ),
            e => e.into(),
        })?;
        h.audit(Wijziging {
            actie: "gebruiker.aangemaakt",
            onderwerp_type: "gebruiker",
            onderwerp_id: g.id.to_string(),
            samenvatting: format!("Gebruiker {} aangemaakt", g.gebruikersnaam),
            na: Some(gebruiker_json(&g)),
            ..Default::default()
        })
        .await?;
        if door_medewerker {
            let codes: Vec<&str> = rollen.iter().map(|r| r.code()).collect();
            beheerverzoeken::vastleggen(&mut *h, ctx, nu, Verzoeksoort::Rollen, g.id, json!(codes))
                .await?;
        }
        h.commit().await?;
        Ok((g.id, wachtwoord))
    }

    pub async fn gebruiker_wijzigen(
        &self,
        ctx: &Context,
        id: i64,
        w: &GebruikerWijziging,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::GebruikersBeheren)?;
        let mut fouten = Veldfouten::nieuw();
        let vnaam = fouten.controleer(
            "volledige_naam",
            vangnet_domain::gebruiker::volledige_naam(&w.volledige_naam),
        );
        let rollen = fouten.controleer("rollen", rollen_uit_codes(&w.rollen));
        if w.reden.chars().count() > 500 {
            fouten.voeg_toe("reden", "De reden mag hoogstens 500 tekens lang zijn.");
        }
        if ctx.actor.gebruiker_id() == Some(id) {
            if w.geblokkeerd {
                fouten.voeg_toe("geblokkeerd", "U kunt uw eigen account niet blokkeren.");
            }
            if rollen
                .as_ref()
                .is_some_and(|r| !r.contains(&Rol::FunctioneelBeheerder))
            {
                fouten.voeg_toe(
                    "rollen",
                    "U kunt uzelf de rol functioneel beheerder niet afnemen; laat een andere beheerder dat doen.",
                );
            }
        }
        fouten.resultaat()?;
        let (Some(vnaam), Some(rollen)) = (vnaam, rollen) else {
            return Err(AppFout::Intern("controle zonder uitkomst".into()));
        };
        let mut h = self.handeling(ctx, Recht::GebruikersBeheren).await?;
        let nu = h.nu;
        let voor = gebruiker_of_fout(&mut *h, id).await?;
        if voor.versie != w.versie {
            return Err(conflict_gebruiker());
        }
        // Een rol erbij vraagt een tweede beheerder (als een medewerker hem geeft); afnemen,
        // naam en blokkeren gaan direct. Rollen die al in een open verzoek staan, zijn gevraagd.
        let wachtend = beheerverzoeken::wachtende_rollen(&mut *h, id).await?;
        let erbij: Vec<Rol> = rollen
            .iter()
            .filter(|r| !voor.rollen.contains(r) && !wachtend.contains(r))
            .copied()
            .collect();
        let door_medewerker = ctx.actor.gebruiker_id().is_some();
        let mut na = voor.clone();
        na.volledige_naam = vnaam;
        na.rollen = if door_medewerker {
            voor.rollen
                .iter()
                .filter(|r| rollen.contains(r))
                .copied()
                .collect()
        } else {
            rollen
        };
        na.geblokkeerd = w.geblokkeerd;
        if door_medewerker && !erbij.is_empty() {
            let codes: Vec<&str> = erbij.iter().map(|r| r.code()).collect();
            beheerverzoeken::vastleggen(&mut *h, ctx, nu, Verzoeksoort::Rollen, id, json!(codes))
                .await?;
        }
        if na == voor {
            h.commit().await?;
            return Ok(());
        }
        na.versie += 1;
        na.gewijzigd_op = nu;
        if !h.gebruiker_bijwerken(&na).await? {
            return Err(conflict_gebruiker());
        }
        if na.geblokkeerd {
            h.sessies_verwijderen_van(id, None).await?;
        }
        let actie = match (voor.geblokkeerd, na.geblokkeerd) {
            (false, true) => "gebruiker.geblokkeerd",
            (true, false) => "gebruiker.gedeblokkeerd",
            _ => "gebruiker.gewijzigd",
        };
        h.vastleggen(Wijziging {
            actie,
            onderwerp_type: "gebruiker",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Gebruiker {} gewijzigd", na.gebruikersnaam),
            voor: Some(gebruiker_json(&voor)),
            na: Some(gebruiker_json(&na)),
            reden: Some(w.reden.clone()),
        })
        .await
    }

    /// Zet een nieuw eenmalig wachtwoord, beëindigt alle sessies en trekt alle API-tokens van de
    /// gebruiker in.
    pub async fn wachtwoord_resetten(&self, ctx: &Context, id: i64) -> Result<String, AppFout> {
        ctx.actor.vereist(Recht::GebruikersBeheren)?;
        // Het eigen wachtwoord alleen met het huidige (Mijn account): wie de sessie of een
        // token van een beheerder buitmaakt, neemt zo niet ook zijn account over.
        if ctx.actor.gebruiker_id() == Some(id) {
            return Err(AppFout::Conflict(
                "Uw eigen wachtwoord reset u hier niet; wijzig het onder Mijn account, met uw huidige wachtwoord.".into(),
            ));
        }
        // Hashen vóór de transactie (zie gebruiker_aanmaken).
        let wachtwoord = geheim::eenmalig_wachtwoord();
        let wachtwoord_hash = geheim::hash_wachtwoord(&wachtwoord)?;
        let mut h = self.handeling(ctx, Recht::GebruikersBeheren).await?;
        let mut g = gebruiker_of_fout(&mut *h, id).await?;
        g.wachtwoord_hash = wachtwoord_hash;
        g.moet_wachtwoord_wijzigen = true;
        g.versie += 1;
        g.gewijzigd_op = h.nu;
        if !h.gebruiker_bijwerken(&g).await? {
            return Err(conflict_gebruiker());
        }
        h.sessies_verwijderen_van(id, None).await?;
        let nu = h.nu;
        let tokens = crate::account::tokens_intrekken(&mut *h, id, nu).await?;
        h.vastleggen(Wijziging {
            actie: "gebruiker.wachtwoord_gereset",
            onderwerp_type: "gebruiker",
            onderwerp_id: id.to_string(),
            samenvatting: format!(
                "Eenmalig wachtwoord gezet voor {}; sessies beëindigd, {tokens} API-tokens \
                 ingetrokken",
                g.gebruikersnaam
            ),
            ..Default::default()
        })
        .await?;
        Ok(wachtwoord)
    }

    /// Zoekt een gebruiker op naam (voor de opdrachtregel).
    pub async fn gebruiker_op_naam(
        &self,
        ctx: &Context,
        naam: &str,
    ) -> Result<GebruikerRij, AppFout> {
        ctx.actor.vereist(Recht::GebruikersBeheren)?;
        let mut tx = self.opslag.lees().await?;
        let g = tx.gebruiker_op_naam(&naam.trim().to_lowercase()).await?;
        tx.afsluiten().await?;
        g.ok_or_else(|| AppFout::NietGevonden(format!("Gebruiker '{naam}'")))
    }

    pub async fn teams(&self, ctx: &Context) -> Result<Vec<TeamDetail>, AppFout> {
        ctx.actor.vereist(Recht::TeamsInzien)?;
        let mut tx = self.opslag.lees().await?;
        let mut uit = Vec::new();
        for team in tx.teams().await? {
            let leden = tx.teamleden(team.id).await?;
            uit.push(TeamDetail { team, leden });
        }
        tx.afsluiten().await?;
        Ok(uit)
    }

    pub async fn team(&self, ctx: &Context, id: i64) -> Result<TeamDetail, AppFout> {
        ctx.actor.vereist(Recht::TeamsInzien)?;
        let mut tx = self.opslag.lees().await?;
        let team = tx
            .team_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het team".into()))?;
        let leden = tx.teamleden(id).await?;
        tx.afsluiten().await?;
        Ok(TeamDetail { team, leden })
    }

    /// De teams waarvan de handelende gebruiker lid is (voor de startpagina).
    pub async fn eigen_teams(&self, ctx: &Context) -> Result<Vec<TeamRij>, AppFout> {
        let Some(id) = ctx.actor.gebruiker_id() else {
            return Ok(Vec::new());
        };
        let mut tx = self.opslag.lees().await?;
        let teams = tx.teams_van(id).await?;
        tx.afsluiten().await?;
        Ok(teams)
    }

    pub async fn team_aanmaken(
        &self,
        ctx: &Context,
        naam: &str,
        omschrijving: &str,
    ) -> Result<i64, AppFout> {
        let mut h = self.handeling(ctx, Recht::TeamsBeheren).await?;
        let (naam, omschrijving) = controleer_team(naam, omschrijving)?;
        if h.team_op_naam(&naam).await?.is_some() {
            return Err(AppFout::veld(
                "naam",
                format!("Er is al een team '{naam}'."),
            ));
        }
        let nu = h.nu;
        let mut t = TeamRij {
            id: 0,
            naam,
            omschrijving,
            versie: 1,
            aangemaakt_op: nu,
            gewijzigd_op: nu,
        };
        t.id = h.team_invoegen(&t).await.map_err(|e| match e {
            crate::opslag::OpslagFout::Uniek(_) => {
                AppFout::veld("naam", format!("Er is al een team '{}'.", t.naam))
            }
            e => e.into(),
        })?;
        h.vastleggen(Wijziging {
            actie: "team.aangemaakt",
            onderwerp_type: "team",
            onderwerp_id: t.id.to_string(),
            samenvatting: format!("Team {} aangemaakt", t.naam),
            na: Some(team_json(&t)),
            ..Default::default()
        })
        .await?;
        Ok(t.id)
    }

    pub async fn team_wijzigen(
        &self,
        ctx: &Context,
        id: i64,
        naam: &str,
        omschrijving: &str,
        versie: i64,
    ) -> Result<(), AppFout> {
        let mut h = self.handeling(ctx, Recht::TeamsBeheren).await?;
        let (naam, omschrijving) = controleer_team(naam, omschrijving)?;
        let voor = h
            .team_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het team".into()))?;
        if voor.versie != versie {
            return Err(conflict_team());
        }
        if h.team_op_naam(&naam).await?.is_some_and(|t| t.id != id) {
            return Err(AppFout::veld(
                "naam",
                format!("Er is al een team '{naam}'."),
            ));
        }
        let mut na = voor.clone();
        na.naam = naam;
        na.omschrijving = omschrijving;
        if na == voor {
            return Ok(());
        }
        na.versie += 1;
        na.gewijzigd_op = h.nu;
        if !h.team_bijwerken(&na).await? {
            return Err(conflict_team());
        }
        h.vastleggen(Wijziging {
            actie: "team.gewijzigd",
            onderwerp_type: "team",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Team {} gewijzigd", na.naam),
            voor: Some(team_json(&voor)),
            na: Some(team_json(&na)),
            ..Default::default()
        })
        .await
    }

    /// Voegt een gebruiker (op gebruikersnaam) toe aan een team, of haalt hem eruit.
    pub async fn teamlid(
        &self,
        ctx: &Context,
        team_id: i64,
        gebruikersnaam: &str,
        toevoegen: bool,
    ) -> Result<(), AppFout> {
        let mut h = self.handeling(ctx, Recht::TeamsBeheren).await?;
        let team = h
            .team_op_id(team_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het team".into()))?;
        let Some(g) = h
            .gebruiker_op_naam(&gebruikersnaam.trim().to_lowercase())
            .await?
        else {
            return Err(AppFout::veld(
                "gebruikersnaam",
                format!("Er is geen gebruiker '{}'.", gebruikersnaam.trim()),
            ));
        };
        let gewijzigd = if toevoegen {
            h.teamlid_toevoegen(team_id, g.id).await?
        } else {
            h.teamlid_verwijderen(team_id, g.id).await?
        };
        if gewijzigd {
            let (actie, samenvatting) = if toevoegen {
                (
                    "team.lid_toegevoegd",
                    format!("{} toegevoegd aan team {}", g.gebruikersnaam, team.naam),
                )
            } else {
                (
                    "team.lid_verwijderd",
                    format!("{} verwijderd uit team {}", g.gebruikersnaam, team.naam),
                )
            };
            h.audit(Wijziging {
                actie,
                onderwerp_type: "team",
                onderwerp_id: team_id.to_string(),
                samenvatting,
                na: Some(json!({ "gebruiker_id": g.id, "gebruikersnaam": g.gebruikersnaam })),
                ..Default::default()
            })
            .await?;
        }
        h.commit().await
    }
}

fn conflict_gebruiker() -> AppFout {
    AppFout::Verouderd(
        "Iemand anders heeft deze gebruiker intussen gewijzigd. Bekijk de nieuwe gegevens en breng uw wijziging opnieuw aan."
            .into(),
    )
}

fn conflict_team() -> AppFout {
    AppFout::Verouderd(
        "Iemand anders heeft dit team intussen gewijzigd. Bekijk de nieuwe gegevens en breng uw wijziging opnieuw aan."
            .into(),
    )
}
