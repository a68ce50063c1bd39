//! Een nieuwe bankrekening met vier ogen (issue 21 punt 4): een IBAN omzetten is de klassieke
//! fraudeweg (de bijstand van een ander naar de eigen rekening). Wie een rekening wijzigt, doet
//! daarom een verzoek; een tweede medewerker met het recht uitkeringen te beheren, niet wie het
//! vroeg, keurt het goed of wijst het af (met reden). Pas bij goedkeuring gaat de rekening in,
//! en volgt een brief naar het bekende adres van de cliënt, zodat hij het merkt als het niet van
//! hem kwam.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::beheerverzoek::Verzoekstatus;
use vangnet_domain::persoon::naam::Naam;
use vangnet_domain::persoon::Iban;
use vangnet_domain::werk::Taaksoort;
use vangnet_domain::{tijd, verwerking, Recht, Veldfouten};

use crate::audit::Wijziging;
use crate::opslag::{BankrekeningRij, Historie, Historietabel, RekeningwijzigingRij, Transactie};
use crate::werk::{taak_maken, NieuweTaak};
use crate::{toegang, App, AppFout, Context};

/// Een open verzoek, klaar voor wie het beoordeelt.
#[derive(Debug, Clone, Serialize)]
pub struct Rekeningwijzigingbeeld {
    pub wijziging: RekeningwijzigingRij,
    /// De naam van de persoon zoals nu bekend.
    pub naam: String,
    /// De rekening die nu geldt (of geen).
    pub huidige_iban: Option<String>,
    /// Wie het vroeg (volledige naam).
    pub aangevraagd_door: String,
    /// De kijker mag dit verzoek beoordelen (heeft het recht en vroeg het niet zelf).
    pub mag_beoordelen: bool,
}

pub use vangnet_domain::persoon::iban::gemaskeerd;

/// Het adres van een persoon op `dag` (voor de brief), of een lege tekst.
async fn adres_op(
    tx: &mut dyn Transactie,
    persoon_id: i64,
    dag: NaiveDate,
) -> Result<String, AppFout> {
    Ok(tx
        .adressen_van(&[persoon_id])
        .await?
        .into_iter()
        .find(|a| a.historie.actueel() && a.historie.geldig().bevat(dag))
        .map(|a| {
            format!(
                "{} {}{}, {} {}",
                a.straat,
                a.huisnummer,
                a.huisletter.unwrap_or_default(),
                a.postcode,
                a.woonplaats
            )
        })
        .unwrap_or_default())
}

/// Controleert dat een nieuwe rekening per `vanaf` de lopende niet overlapt.
fn overlap(rekeningen: &[BankrekeningRij], vanaf: NaiveDate, f: &mut Veldfouten) {
    for r in rekeningen
        .iter()
        .filter(|r| r.historie.actueel() && r.historie.geldig_tot.is_none())
    {
        if vanaf <= r.historie.geldig_vanaf {
            f.voeg_toe(
                "iban_vanaf",
                format!(
                    "De nieuwe rekening moet ingaan na {} (het begin van de huidige rekening); een eerdere datum overlapt de bestaande periode.",
                    r.historie.geldig_vanaf.format("%d-%m-%Y")
                ),
            );
        }
    }
}

/// Het verzoek om een nieuwe rekening vastleggen (in de transactie van de wijziging van de
/// persoon), met een taak "goedkeuren (vier ogen)" voor het team van het dossier. Geeft het id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn verzoek_vastleggen(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: DateTime<Utc>,
    persoon_id: i64,
    iban: &Iban,
    tenaamstelling: &str,
    vanaf: NaiveDate,
    reden: &str,
) -> Result<i64, AppFout> {
    let gebruiker = ctx.actor.gebruiker_id().ok_or(AppFout::GeenToegang)?;
    let mut f = Veldfouten::nieuw();
    overlap(&tx.bankrekeningen_van(&[persoon_id]).await?, vanaf, &mut f);
    f.resultaat()?;
    if tx
        .rekeningwijzigingen(Some(persoon_id))
        .await?
        .iter()
        .any(|r| r.status == Verzoekstatus::Open)
    {
        return Err(AppFout::veld(
            "iban",
            "Er wacht al een nieuwe rekening van deze persoon op beoordeling; laat die eerst \
             goedkeuren of afwijzen.",
        ));
    }
    // Het adres van nu: een adreswijziging na het verzoek stuurt de brief niet mee.
    let brief_adres = adres_op(tx, persoon_id, tijd::nl_lokaal(nu).date()).await?;
    let rij = RekeningwijzigingRij {
        id: 0,
        persoon_id,
        iban: iban.as_str().to_owned(),
        tenaamstelling: tenaamstelling.to_owned(),
        vanaf,
        reden: reden.to_owned(),
        brief_adres,
        aangevraagd_door: gebruiker,
        aangevraagd_op: nu,
        status: Verzoekstatus::Open,
        beoordeeld_door: None,
        beoordeeld_op: None,
        afwijsreden: None,
        versie: 1,
    };
    let id = tx.rekeningwijziging_invoegen(&rij).await?;
    let dossier = dossier_van(tx, persoon_id).await?;
    taak_maken(
        tx,
        ctx,
        nu,
        NieuweTaak {
            soort: Taaksoort::Goedkeuring,
            omschrijving: format!(
                "Nieuwe bankrekening {} per {} beoordelen (vier ogen; niet wie het vroeg): \
                 /rekeningen",
                gemaskeerd(iban.as_str()),
                vanaf.format("%d-%m-%Y")
            ),
            dossier_id: dossier.as_ref().map(|d| d.id),
            persoon_id: Some(persoon_id),
            begindatum: tijd::nl_lokaal(nu).date(),
            deadline: None,
            team_id: dossier.as_ref().and_then(|d| d.team_id),
            gebruiker_id: None,
            prioriteit: 1,
            reden: "Nieuwe bankrekening (vier ogen)",
        },
    )
    .await?;
    Ok(id)
}

/// Het nieuwste dossier van een huishouden waar de persoon lid van is (of geen).
async fn dossier_van(
    tx: &mut dyn Transactie,
    persoon_id: i64,
) -> Result<Option<crate::opslag::DossierRij>, AppFout> {
    let huishoudens: Vec<i64> = tx
        .huishoudleden_van_personen(&[persoon_id])
        .await?
        .iter()
        .map(|l| l.huishouden_id)
        .collect();
    Ok(tx
        .dossiers_van_huishoudens(&huishoudens)
        .await?
        .into_iter()
        .max_by_key(|d| d.id))
}

impl App {
    /// Hoeveel nieuwe rekeningen op beoordeling wachten (geen persoonsgegevens: voor de
    /// startpagina).
    pub async fn rekeningwijzigingen_aantal(&self, ctx: &Context) -> Result<usize, AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let mut tx = self.opslag.lees().await?;
        let n = tx.rekeningwijzigingen(None).await?.len();
        tx.afsluiten().await?;
        Ok(n)
    }

    /// De open verzoeken om een nieuwe rekening, oudste eerst. Elke persoon komt in het
    /// toegangslog.
    pub async fn rekeningwijzigingen_open(
        &self,
        ctx: &Context,
    ) -> Result<Vec<Rekeningwijzigingbeeld>, AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let mut uit = Vec::new();
        for w in tx.rekeningwijzigingen(None).await? {
            let naam = tx
                .persoonsgegevens_van(&[w.persoon_id])
                .await?
                .into_iter()
                .rev()
                .find(|g| g.historie.actueel())
                .and_then(|g| Naam::parse(&g.voornamen, &g.voorvoegsel, &g.geslachtsnaam).ok())
                .map(|n| n.weergave())
                .unwrap_or_default();
            let vandaag = tijd::nl_lokaal(nu).date();
            let huidige_iban = tx
                .bankrekeningen_van(&[w.persoon_id])
                .await?
                .into_iter()
                .find(|r| r.historie.actueel() && r.historie.geldig().bevat(vandaag))
                .map(|r| r.iban);
            let aangevraagd_door = tx
                .gebruiker_op_id(w.aangevraagd_door)
                .await?
                .map(|g| g.volledige_naam)
                .unwrap_or_default();
            toegang::vastleggen(
                &mut *tx,
                ctx,
                nu,
                verwerking::BIJSTANDSVERLENING,
                "persoon",
                &w.persoon_id.to_string(),
                "Nieuwe bankrekening beoordelen",
            )
            .await?;
            uit.push(Rekeningwijzigingbeeld {
                mag_beoordelen: ctx.actor.gebruiker_id() != Some(w.aangevraagd_door),
                wijziging: w,
                naam,
                huidige_iban,
                aangevraagd_door,
            });
        }
        tx.commit().await?;
        Ok(uit)
    }

    /// Eén verzoek (ook beoordeeld) met de tekst van de brief naar het adres bij het verzoek.
    /// Komt in het toegangslog.
    pub async fn rekeningwijziging(
        &self,
        ctx: &Context,
        id: i64,
    ) -> Result<(Rekeningwijzigingbeeld, String), AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let w = tx
            .rekeningwijziging_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het verzoek".into()))?;
        toegang::vastleggen(
            &mut *tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "persoon",
            &w.persoon_id.to_string(),
            "Nieuwe bankrekening ingezien",
        )
        .await?;
        let aangevraagd_door = tx
            .gebruiker_op_id(w.aangevraagd_door)
            .await?
            .map(|g| g.volledige_naam)
            .unwrap_or_default();
        tx.commit().await?;
        let brief = format!(
            "Aan {}, {}.\n\nU (of iemand namens u) heeft een nieuw rekeningnummer doorgegeven. \
             Vanaf {} betalen wij uw uitkering op rekening {}. Klopt dit niet, neem dan direct \
             contact met ons op.",
            w.tenaamstelling,
            if w.brief_adres.is_empty() {
                "het bekende adres"
            } else {
                w.brief_adres.as_str()
            },
            w.vanaf.format("%d-%m-%Y"),
            gemaskeerd(&w.iban)
        );
        Ok((
            Rekeningwijzigingbeeld {
                mag_beoordelen: w.status == Verzoekstatus::Open
                    && ctx.actor.gebruiker_id() != Some(w.aangevraagd_door),
                naam: w.tenaamstelling.clone(),
                huidige_iban: None,
                aangevraagd_door,
                wijziging: w,
            },
            brief,
        ))
    }

    /// Een verzoek om een nieuwe rekening goedkeuren (de rekening gaat in, de lopende eindigt
    /// op die dag, en er komt een brieftaak) of afwijzen (met reden). Niet door wie het vroeg.
    pub async fn rekeningwijziging_beoordelen(
        &self,
        ctx: &Context,
        id: i64,
        versie: i64,
        goedkeuren: bool,
        reden: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let reden = reden.trim();
        if !goedkeuren && reden.is_empty() {
            return Err(AppFout::veld(
                "reden",
                "Geef bij afwijzen de reden (die ziet wie het vroeg).",
            ));
        }
        if reden.chars().count() > 500 {
            return Err(AppFout::veld(
                "reden",
                "De reden is hoogstens 500 tekens lang.",
            ));
        }
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let mut w = tx
            .rekeningwijzigingen(None)
            .await?
            .into_iter()
            .find(|w| w.id == id)
            .ok_or_else(|| {
                AppFout::Conflict(
                    "Dit verzoek is al beoordeeld of bestaat niet meer; ververs de lijst.".into(),
                )
            })?;
        if ctx.actor.gebruiker_id() == Some(w.aangevraagd_door) {
            return Err(AppFout::Conflict(
                "U vroeg deze rekening zelf aan; een ander beoordeelt haar (vier ogen).".into(),
            ));
        }
        // Wie deze cliënt niet behandelt (familie, bekende), beoordeelt ook zijn rekening niet.
        if tx
            .uitsluitingen_van_personen(&[w.persoon_id])
            .await?
            .iter()
            .any(|u| Some(u.gebruiker_id) == ctx.actor.gebruiker_id())
        {
            return Err(AppFout::Conflict(
                "U bent uitgesloten van de behandeling van deze cliënt; een ander beoordeelt \
                 deze rekening."
                    .into(),
            ));
        }
        if w.versie != versie {
            return Err(AppFout::Verouderd(
                "Het verzoek is intussen gewijzigd; ververs de lijst.".into(),
            ));
        }
        w.status = if goedkeuren {
            Verzoekstatus::Goedgekeurd
        } else {
            Verzoekstatus::Afgewezen
        };
        w.beoordeeld_door = ctx.actor.gebruiker_id();
        w.beoordeeld_op = Some(nu);
        w.afwijsreden = (!goedkeuren).then(|| reden.to_owned());
        if !tx.rekeningwijziging_bijwerken(&w).await? {
            return Err(AppFout::Verouderd(
                "Een ander beoordeelde dit verzoek tegelijk; ververs de lijst.".into(),
            ));
        }
        let dossier = dossier_van(&mut *tx, w.persoon_id).await?;
        if goedkeuren {
            let h = |vanaf: NaiveDate, tot: Option<NaiveDate>| Historie {
                geldig_vanaf: vanaf,
                geldig_tot: tot,
                geregistreerd_op: nu,
                vervallen_op: None,
                operatie_id: ctx.operatie_id.clone(),
            };
            let rekeningen = tx.bankrekeningen_van(&[w.persoon_id]).await?;
            let mut f = Veldfouten::nieuw();
            overlap(&rekeningen, w.vanaf, &mut f);
            if !f.is_leeg() {
                return Err(AppFout::Conflict(format!(
                    "De rekening kan niet meer per {} ingaan: intussen begon daarna een andere. \
                     Wijs het verzoek af en vraag het opnieuw aan.",
                    w.vanaf.format("%d-%m-%Y")
                )));
            }
            for r in rekeningen
                .iter()
                .filter(|r| r.historie.actueel() && r.historie.geldig_tot.is_none())
            {
                if !tx
                    .versie_laten_vervallen(Historietabel::Bankrekeningen, r.id, nu)
                    .await?
                {
                    return Err(AppFout::Conflict(
                        "De rekening van deze persoon werd tegelijk gewijzigd; probeer het opnieuw."
                            .into(),
                    ));
                }
                let mut afgesloten = r.clone();
                afgesloten.historie = h(r.historie.geldig_vanaf, Some(w.vanaf));
                tx.bankrekening_invoegen(&afgesloten).await?;
            }
            tx.bankrekening_invoegen(&BankrekeningRij {
                id: 0,
                persoon_id: w.persoon_id,
                iban: w.iban.clone(),
                tenaamstelling: w.tenaamstelling.clone(),
                historie: h(w.vanaf, None),
            })
            .await?;
            let vandaag = tijd::nl_lokaal(nu).date();
            taak_maken(
                &mut *tx,
                ctx,
                nu,
                NieuweTaak {
                    soort: Taaksoort::Brief,
                    omschrijving: format!(
                        "Brief over de nieuwe bankrekening {} per {} naar het adres bij het \
                         verzoek; tekst en adres: /rekeningen/{}",
                        gemaskeerd(&w.iban),
                        w.vanaf.format("%d-%m-%Y"),
                        w.id
                    ),
                    dossier_id: dossier.as_ref().map(|d| d.id),
                    persoon_id: Some(w.persoon_id),
                    begindatum: vandaag,
                    deadline: None,
                    team_id: dossier.as_ref().and_then(|d| d.team_id),
                    gebruiker_id: None,
                    prioriteit: 1,
                    reden: "Nieuwe bankrekening goedgekeurd",
                },
            )
            .await?;
        }
        // De taak om te beoordelen is klaar.
        if let Some(d) = &dossier {
            let persoon = w.persoon_id;
            crate::werk::taken_afronden(&mut *tx, ctx, nu, d.id, move |t| {
                t.soort == Taaksoort::Goedkeuring
                    && t.persoon_id == Some(persoon)
                    && t.omschrijving.starts_with("Nieuwe bankrekening")
            })
            .await?;
        }
        tx.audit(Wijziging {
            actie: if goedkeuren {
                "rekening.goedgekeurd"
            } else {
                "rekening.afgewezen"
            },
            onderwerp_type: "persoon",
            onderwerp_id: w.persoon_id.to_string(),
            samenvatting: format!(
                "Nieuwe bankrekening {} per {}: {}",
                gemaskeerd(&w.iban),
                w.vanaf.format("%d-%m-%Y"),
                w.status.naam()
            ),
            reden: (!reden.is_empty()).then(|| reden.to_owned()),
            na: serde_json::to_value(&w).ok(),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
