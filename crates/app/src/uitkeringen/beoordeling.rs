//! Vier ogen op de uitkering: wat een tweede consulent ziet voordat hij een mutatie of een
//! toekenning goedkeurt of afwijst (issue 21 punten 2 en 6): wie registreerde wat, en het effect
//! per maand zoals dat nu zou zijn, met de uitleg; en het besluit over een toekenning.

use super::*;
use crate::opslag::{Leestransactie, ToekenningsvoorstelRij};
use vangnet_domain::beheerverzoek::Verzoekstatus;

/// Een mutatie ter beoordeling, met alles wat op het scherm moet.
#[derive(Debug, Clone)]
pub struct Mutatiebeoordeling {
    pub mutatie: MutatieRij,
    pub dossier_id: i64,
    pub dossier_nummer: String,
    /// De volledige naam van wie registreerde (of "het systeem").
    pub geregistreerd_door: String,
    /// De impact zoals die nu zou zijn, als de mutatie nog wacht.
    pub impact: Option<Impact>,
    /// Waarom er geen impact te tonen is (de mutatie past niet meer bij wat intussen is
    /// goedgekeurd).
    pub impact_fout: Option<String>,
    /// Waarom deze gebruiker niet mag beoordelen (eigen mutatie, uitgesloten, al beoordeeld).
    pub niet_beoordelen: Option<String>,
}

impl App {
    /// Een mutatie met wat de beoordelaar moet zien: registrant, soort, data, gegevens, en de
    /// impact per maand als die nu zou worden goedgekeurd. Schrijft het toegangslog (via de
    /// feiten van het huishouden).
    pub async fn mutatie_ter_beoordeling(
        &self,
        ctx: &Context,
        mutatie_id: i64,
    ) -> Result<Mutatiebeoordeling, AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let m = tx
            .mutatie_op_id(mutatie_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De mutatie".into()))?;
        let u = tx
            .uitkering_op_id(m.uitkering_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
        let dossier = tx
            .dossier_op_id(u.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let geregistreerd_door = match m.geregistreerd_door {
            Some(id) => tx
                .gebruiker_op_id(id)
                .await?
                .map_or_else(|| format!("gebruiker {id}"), |g| g.volledige_naam),
            None => "het systeem".to_owned(),
        };
        let uitgesloten = uitgesloten(&mut *tx, ctx, dossier.client_id).await?;
        let niet_beoordelen = if !m.status.mag_beoordelen() {
            Some(format!(
                "Deze mutatie is {}.",
                m.status.naam().to_lowercase()
            ))
        } else if m.geregistreerd_door.is_some() && m.geregistreerd_door == ctx.actor.gebruiker_id()
        {
            Some("U registreerde deze mutatie zelf: een tweede consulent beoordeelt haar.".into())
        } else if uitgesloten {
            Some(
                "U bent uitgesloten van de behandeling van deze cliënt: een andere consulent \
                 beoordeelt deze mutatie."
                    .into(),
            )
        } else {
            None
        };
        let (impact, impact_fout) = if m.status.mag_beoordelen() {
            match self
                .impact(
                    &mut *tx,
                    ctx,
                    &u,
                    m.soort,
                    m.ingangsdatum,
                    m.einddatum,
                    &m.gegevens,
                )
                .await
            {
                Ok(i) => (Some(i), None),
                Err(AppFout::Ongeldig(f)) => (
                    None,
                    Some(format!(
                        "Deze mutatie past niet meer bij wat intussen is goedgekeurd: {} Wijs \
                         haar af met die reden.",
                        f.0.first().map_or("", |v| v.melding.as_str())
                    )),
                ),
                Err(e) => return Err(e),
            }
        } else {
            (None, None)
        };
        tx.commit().await?;
        Ok(Mutatiebeoordeling {
            dossier_id: dossier.id,
            dossier_nummer: dossier.nummer,
            geregistreerd_door,
            impact,
            impact_fout,
            niet_beoordelen,
            mutatie: m,
        })
    }
}

/// Een toekenning die op vier ogen wacht, met wat de beoordelaar moet zien.
#[derive(Debug, Clone)]
pub struct Toekenningsbeoordeling {
    pub voorstel: ToekenningsvoorstelRij,
    pub dossier_nummer: String,
    pub voorgesteld_door: String,
    /// De toekenning zoals die nu zou uitpakken, of waarom zij niet meer kan.
    pub voorbeeld: Result<Toekenningsvoorbeeld, String>,
    pub niet_beoordelen: Option<String>,
}

async fn naam_van(tx: &mut dyn Leestransactie, id: i64) -> Result<String, AppFout> {
    Ok(tx
        .gebruiker_op_id(id)
        .await?
        .map_or_else(|| format!("gebruiker {id}"), |g| g.volledige_naam))
}

pub(super) async fn uitgesloten(
    tx: &mut dyn Leestransactie,
    ctx: &Context,
    client_id: i64,
) -> Result<bool, AppFout> {
    Ok(match ctx.actor.gebruiker_id() {
        Some(g) => tx
            .uitsluitingen_van_personen(&[client_id])
            .await?
            .iter()
            .any(|x| x.gebruiker_id == g),
        None => false,
    })
}

impl App {
    /// De voorstellen tot toekenning van een dossier met de naam van wie voorlegde (voor het
    /// dossier), oplopend.
    pub async fn toekenningsvoorstellen(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<(ToekenningsvoorstelRij, String)>, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let mut tx = self.opslag.lees().await?;
        let mut uit = Vec::new();
        for v in tx.toekenningsvoorstellen_van(dossier_id).await? {
            let naam = naam_van(tx.as_mut(), v.voorgesteld_door).await?;
            uit.push((v, naam));
        }
        tx.afsluiten().await?;
        Ok(uit)
    }

    /// Een voorstel tot toekenning met de berekening zoals die nu zou zijn.
    pub async fn toekenning_ter_beoordeling(
        &self,
        ctx: &Context,
        voorstel_id: i64,
    ) -> Result<Toekenningsbeoordeling, AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let vandaag = tijd::nl_lokaal(tx.nu).date();
        let v = tx
            .toekenningsvoorstel_op_id(voorstel_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het voorstel tot toekenning".into()))?;
        let dossier = tx
            .dossier_op_id(v.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let voorgesteld_door = naam_van(&mut *tx, v.voorgesteld_door).await?;
        let niet_beoordelen = if v.status != Verzoekstatus::Open {
            Some(format!("Dit voorstel is {}.", v.status.naam()))
        } else if ctx.actor.gebruiker_id() == Some(v.voorgesteld_door) {
            Some("U legde deze toekenning zelf voor: een tweede consulent beoordeelt haar.".into())
        } else if uitgesloten(&mut *tx, ctx, dossier.client_id).await? {
            Some(
                "U bent uitgesloten van de behandeling van deze cliënt: een andere consulent \
                 beoordeelt deze toekenning."
                    .into(),
            )
        } else {
            None
        };
        let begin = tijd::datum_tekst(v.begindatum);
        let invoer = Toekenningsinvoer {
            begindatum: &begin,
            inhoud: &v.inhoud,
            bijzondere_reden: &v.bijzondere_reden,
        };
        let voorbeeld = if v.status == Verzoekstatus::Open {
            match self
                .toekenning_controleren(&mut *tx, &dossier, &invoer, vandaag)
                .await
            {
                Ok((begin, _)) => Ok(self
                    .toekenning_berekenen(&mut *tx, ctx, &dossier, begin, vandaag)
                    .await?),
                Err(AppFout::Ongeldig(f)) => {
                    Err(f.0.first().map_or_else(String::new, |x| x.melding.clone()))
                }
                Err(e) => return Err(e),
            }
        } else {
            Err(String::new())
        };
        tx.commit().await?;
        Ok(Toekenningsbeoordeling {
            dossier_nummer: dossier.nummer,
            voorgesteld_door,
            voorbeeld,
            niet_beoordelen,
            voorstel: v,
        })
    }

    /// Een tweede consulent kent de voorgelegde toekenning toe (dan ontstaat de uitkering, met
    /// beide namen in het besluit) of wijst haar af met een reden (dan krijgt wie voorlegde een
    /// taak, en blijft de aanvraag open). Geeft het id van de uitkering bij goedkeuren.
    pub async fn toekenning_beoordelen(
        &self,
        ctx: &Context,
        voorstel_id: i64,
        versie: i64,
        goedkeuren: bool,
        reden: &str,
    ) -> Result<Option<i64>, AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let vandaag = tijd::nl_lokaal(nu).date();
        let mut v = tx
            .toekenningsvoorstel_op_id(voorstel_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het voorstel tot toekenning".into()))?;
        if v.versie != versie {
            return Err(AppFout::Verouderd(
                "Deze toekenning is intussen gewijzigd. Bekijk haar opnieuw.".into(),
            ));
        }
        if v.status != Verzoekstatus::Open {
            return Err(AppFout::Conflict(
                "Deze toekenning is al beoordeeld.".into(),
            ));
        }
        if ctx.actor.gebruiker_id() == Some(v.voorgesteld_door) {
            return Err(AppFout::veld(
                "beoordeling",
                "U kunt uw eigen toekenning niet beoordelen: dat doet een tweede consulent.",
            ));
        }
        let dossier = tx
            .dossier_op_id(v.dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        if uitgesloten(&mut *tx, ctx, dossier.client_id).await? {
            return Err(AppFout::veld(
                "beoordeling",
                "U bent uitgesloten van de behandeling van deze cliënt: een andere consulent \
                 beoordeelt deze toekenning.",
            ));
        }
        let reden = reden.trim();
        if !goedkeuren && reden.is_empty() {
            return Err(AppFout::veld("reden", "Geef de reden van de afwijzing."));
        }
        if reden.chars().count() > 500 {
            return Err(AppFout::veld("reden", "De reden is hoogstens 500 tekens."));
        }
        v.status = if goedkeuren {
            Verzoekstatus::Goedgekeurd
        } else {
            Verzoekstatus::Afgewezen
        };
        v.beoordeeld_door = ctx.actor.gebruiker_id();
        v.beoordeeld_op = Some(nu);
        v.afwijsreden = (!goedkeuren).then(|| reden.to_owned());
        if !tx.toekenningsvoorstel_bijwerken(&v).await? {
            return Err(AppFout::Verouderd(
                "Een andere consulent beoordeelde deze toekenning tegelijk.".into(),
            ));
        }
        let voorsteller = tx.gebruiker_op_id(v.voorgesteld_door).await?;
        let taak = format!("{VOORSTEL_TAAK}{})", v.id);
        crate::werk::taken_afronden(&mut *tx, ctx, nu, dossier.id, move |t| {
            t.soort == Taaksoort::Goedkeuring && t.omschrijving.starts_with(&taak)
        })
        .await?;
        let uitkering = if goedkeuren {
            let begin = tijd::datum_tekst(v.begindatum);
            let invoer = Toekenningsinvoer {
                begindatum: &begin,
                inhoud: &v.inhoud,
                bijzondere_reden: &v.bijzondere_reden,
            };
            // Wat intussen veranderde (een vermogensopgave, een andere toekenning), telt.
            let (begin, grondslag) = self
                .toekenning_controleren(&mut *tx, &dossier, &invoer, vandaag)
                .await
                .map_err(|e| match e {
                    AppFout::Ongeldig(f) => AppFout::veld(
                        "beoordeling",
                        format!(
                            "Deze toekenning kan niet meer zo: {} Wijs haar af met die reden.",
                            f.0.first().map_or("", |x| x.melding.as_str())
                        ),
                    ),
                    e => e,
                })?;
            let door = format!(
                "{} (voorgesteld), goedgekeurd door {}",
                voorsteller.as_ref().map_or_else(
                    || v.voorgesteld_door.to_string(),
                    |g| g.gebruikersnaam.clone()
                ),
                ctx.actor.omschrijving()
            );
            Some(
                self.toekenning_uitvoeren(
                    &mut *tx, ctx, &dossier, begin, &v.inhoud, grondslag, door,
                )
                .await?,
            )
        } else {
            taak_maken(
                &mut *tx,
                ctx,
                nu,
                NieuweTaak {
                    soort: Taaksoort::Besluit,
                    omschrijving: format!(
                        "Dossier {}: de toekenning vanaf {} is afgewezen door {}: {reden}. \
                         Beslis opnieuw op de aanvraag.",
                        dossier.nummer,
                        v.begindatum.format("%d-%m-%Y"),
                        ctx.actor.omschrijving()
                    ),
                    dossier_id: Some(dossier.id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: vandaag,
                    deadline: None,
                    team_id: dossier.team_id,
                    gebruiker_id: Some(v.voorgesteld_door),
                    prioriteit: 1,
                    reden: "Vier ogen: de toekenning is afgewezen",
                },
            )
            .await?;
            None
        };
        tx.vastleggen(Wijziging {
            actie: if goedkeuren {
                "toekenning.goedgekeurd"
            } else {
                "toekenning.afgewezen"
            },
            onderwerp_type: "dossier",
            onderwerp_id: dossier.id.to_string(),
            samenvatting: format!(
                "Toekenning (voorstel {}) op dossier {} {}",
                v.id,
                dossier.nummer,
                v.status.naam()
            ),
            reden: v.afwijsreden.clone(),
            na: Some(serde_json::to_value(&v).unwrap_or_default()),
            ..Default::default()
        })
        .await?;
        Ok(uitkering)
    }
}
