//! Voorschotten op een aanvraag (art. 52 Pw, issue 20 punt 11): zolang op de aanvraag niet is
//! besloten, verleent de consulent uiterlijk vier weken na de aanvraag en daarna telkens na vier
//! weken een voorschot van ten minste 95 % van de bijstand van de maand (berekend zoals de
//! uitkering het zou doen, op het huishouden en het bekende inkomen), of weigert het met de grond
//! van lid 1 onder a of b en een reden. De volgende run (maand- of tussentijds) betaalt het
//! (`voorschotregels_berekenen`); bij het toekennen wordt het verrekend met de bijstand over
//! dezelfde maand (lid 4, `verrekenen_bij_toekenning`): het verschil wordt een nabetaling of een
//! vordering zoals elke correctie.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use vangnet_domain::bedrag::Bedrag;
use vangnet_domain::berekening::Inkomenssoort;
use vangnet_domain::betaalrun::{Categorie, Correctiesoort, Specificatieregel, Vasthoudreden};
use vangnet_domain::huishouden::Rol as HuishoudRol;
use vangnet_domain::normen::Centen;
use vangnet_domain::persoon::Iban;
use vangnet_domain::voorschot::{self, Besluit, Status};
use vangnet_domain::werk::Taaksoort;
use vangnet_domain::{sepa, tijd, verwerking, Recht, Veldfouten};

use crate::audit::Wijziging;
use crate::opslag::{
    CorrectieRij, DossierRij, MaandbedragRij, NieuweBetaalregel, Transactie, UitkeringRij,
    Vasthouding, VoorschotRij,
};
use crate::werk::{taak_maken, NieuweTaak};
use crate::{toegang, App, AppFout, Context};

/// Wat een consulent invult (formulier of API).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorschotinvoer {
    /// `verleend`, `geen_medewerking` (lid 1 onder a) of `duidelijk_geen_recht` (lid 1 onder b).
    pub besluit: String,
    /// Het volgnummer uit het voorstel: wie intussen een ander besluit zag, krijgt een conflict.
    pub volgnummer: i64,
    /// Bekend netto inkomen per maand dat op de bijstand in mindering komt (leeg: geen).
    #[serde(default)]
    pub inkomen: String,
    /// `arbeid`, `uitkering`, `alimentatie` of `overig` (alleen met een inkomen).
    #[serde(default)]
    pub inkomenssoort: String,
    /// Een hoger voorschot dan het minimum (leeg: het minimum van art. 52 lid 2).
    #[serde(default)]
    pub bedrag: String,
    /// Verplicht bij een weigering; bij verlenen een toelichting.
    #[serde(default)]
    pub reden: String,
}

/// Het volgende voorschot zoals het systeem het voorstelt.
#[derive(Debug, Clone, Serialize)]
pub struct Voorschotvoorstel {
    pub volgnummer: i64,
    pub maand: NaiveDate,
    pub uiterlijk: NaiveDate,
    /// De bijstand van de maand (art. 19 lid 2) op wat bekend is; geen als het niet te
    /// berekenen is (`niet_te_berekenen` zegt waarom).
    pub bijstand_centen: Option<Centen>,
    /// Art. 52 lid 2: ten minste dit bedrag.
    pub minimum_centen: Option<Centen>,
    pub uitleg: Vec<Specificatieregel>,
    pub niet_te_berekenen: Option<String>,
    /// De maand is nog niet begonnen: het voorschot kan pas vanaf de eerste van die maand.
    pub nog_niet: bool,
}

/// Een vastgelegd voorschot met zijn berekening.
#[derive(Debug, Clone, Serialize)]
pub struct Voorschotbeeld {
    pub voorschot: VoorschotRij,
    pub uitleg: Vec<Specificatieregel>,
}

/// De voorschotten van een dossier en, zolang niet besloten, het volgende.
#[derive(Debug, Clone, Serialize)]
pub struct Voorschottenbeeld {
    /// Het nummer van het dossier.
    pub nummer: String,
    pub voorschotten: Vec<Voorschotbeeld>,
    pub volgende: Option<Voorschotvoorstel>,
    /// Waarom er geen volgend voorschot is (besloten, ingetrokken).
    pub geen_volgende: Option<String>,
}

fn uitleg_lezen(t: &str) -> Vec<Specificatieregel> {
    serde_json::from_str(t).unwrap_or_default()
}

/// Staat het dossier nog open voor een voorschot? Anders: waarom niet.
fn open_voor_voorschot(dossier: &DossierRij, heeft_uitkering: bool) -> Result<(), String> {
    use vangnet_domain::dossier::Status as D;
    if heeft_uitkering {
        return Err(
            "Op de aanvraag is besloten: er is een uitkering. Betaalde voorschotten zijn daarmee verrekend (art. 52 lid 4)."
                .into(),
        );
    }
    match dossier.status {
        D::Ontvangen | D::InBehandeling => Ok(()),
        s => Err(format!(
            "Het dossier is {}: een voorschot is er alleen zolang het recht niet is vastgesteld (art. 52 lid 1).",
            s.naam().to_lowercase()
        )),
    }
}

fn inkomen_lezen(f: &mut Veldfouten, invoer: &Voorschotinvoer) -> Option<(Inkomenssoort, Centen)> {
    let bedrag = match vangnet_domain::bedrag::parse_euro_of_leeg(&invoer.inkomen) {
        Ok(b) => b,
        Err(m) => {
            f.voeg_toe("inkomen", m);
            return None;
        }
    };
    let bedrag = bedrag.filter(|b| *b > 0)?;
    let soort = match invoer.inkomenssoort.trim() {
        "arbeid" => Inkomenssoort::Arbeid,
        "uitkering" => Inkomenssoort::Uitkering,
        "alimentatie" => Inkomenssoort::Alimentatie,
        "overig" | "" => Inkomenssoort::Overig,
        _ => {
            f.voeg_toe("inkomenssoort", "Kies de soort inkomen uit de lijst.");
            return None;
        }
    };
    Some((soort, bedrag))
}

impl App {
    /// Het volgende voorschot: volgnummer, maand, uiterlijke datum en de berekening. Schrijft
    /// het toegangslog (via de berekening) in `tx`.
    async fn voorschot_voorstel(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        dossier: &DossierRij,
        eerdere: &[VoorschotRij],
        inkomen: Option<(Inkomenssoort, Centen)>,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Result<Voorschotvoorstel, AppFout> {
        let volgnummer = eerdere.iter().map(|v| v.volgnummer).max().unwrap_or(0) + 1;
        let n = u32::try_from(volgnummer).unwrap_or(u32::MAX);
        let maand = voorschot::maand(dossier.gemeld_op, n);
        let uiterlijk = voorschot::uiterlijk(dossier.ontvangen_op, n);
        let vandaag = tijd::nl_lokaal(nu).date();
        let mut v = Voorschotvoorstel {
            volgnummer,
            maand,
            uiterlijk,
            bijstand_centen: None,
            minimum_centen: None,
            uitleg: Vec::new(),
            niet_te_berekenen: None,
            nog_niet: maand > vandaag,
        };
        match self
            .bijstand_op_aanvraag(tx, ctx, dossier, maand, inkomen)
            .await?
        {
            Ok(u) => {
                let minimum = voorschot::minimum(u.uitkering_centen);
                v.uitleg = u
                    .uitleg
                    .iter()
                    .filter(|r| !r.is_mededeling())
                    .map(|r| Specificatieregel {
                        omschrijving: r.omschrijving.clone(),
                        artikel: r.artikel.clone(),
                        bedrag_centen: r.bedrag_centen,
                    })
                    .collect();
                v.uitleg.push(Specificatieregel {
                    omschrijving: format!(
                        "Voorschot: ten minste {} % van de bijstand van {} ({}), naar boven op de cent",
                        voorschot::PERCENTAGE,
                        tijd::maand_weergave(maand),
                        vangnet_domain::bedrag::euro(u.uitkering_centen)
                    ),
                    artikel: "art. 52 lid 2 Participatiewet".into(),
                    bedrag_centen: minimum,
                });
                v.bijstand_centen = Some(u.uitkering_centen);
                v.minimum_centen = Some(minimum);
            }
            Err(m) => v.niet_te_berekenen = Some(m),
        }
        Ok(v)
    }

    /// De voorschotten van een dossier en het volgende, berekend met het bekende inkomen
    /// `inkomen` van soort `inkomenssoort` (leeg: geen). Komt in het toegangslog.
    pub async fn voorschotten_van_dossier(
        &self,
        ctx: &Context,
        dossier_id: i64,
        inkomen: &str,
        inkomenssoort: &str,
    ) -> Result<Voorschottenbeeld, AppFout> {
        let mut f = Veldfouten::nieuw();
        let inkomen = inkomen_lezen(
            &mut f,
            &Voorschotinvoer {
                inkomen: inkomen.into(),
                inkomenssoort: inkomenssoort.into(),
                ..Default::default()
            },
        );
        f.resultaat()?;
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let rijen = tx.voorschotten_van(dossier_id).await?;
        let uitkering = tx.uitkering_van_dossier(dossier_id).await?.is_some();
        let (volgende, geen_volgende) = match open_voor_voorschot(&dossier, uitkering) {
            Ok(()) => (
                Some(
                    self.voorschot_voorstel(&mut *tx, ctx, &dossier, &rijen, inkomen, nu)
                        .await?,
                ),
                None,
            ),
            Err(m) => {
                toegang::vastleggen(
                    &mut *tx,
                    ctx,
                    nu,
                    verwerking::BIJSTANDSVERLENING,
                    "persoon",
                    &dossier.client_id.to_string(),
                    &format!("Voorschotten van dossier {} ingezien", dossier.nummer),
                )
                .await?;
                (None, Some(m))
            }
        };
        tx.commit().await?;
        Ok(Voorschottenbeeld {
            nummer: dossier.nummer,
            voorschotten: rijen
                .into_iter()
                .map(|v| Voorschotbeeld {
                    uitleg: uitleg_lezen(&v.uitleg),
                    voorschot: v,
                })
                .collect(),
            volgende,
            geen_volgende,
        })
    }

    /// Legt het besluit over het volgende voorschot vast: verleend (ten minste 95 % van de
    /// bijstand, art. 52 lid 2) of geweigerd op grond van lid 1 onder a of b, met reden. Sluit
    /// de taak "voorschot" en maakt die voor het volgende voorschot (deadline: uiterlijk).
    pub async fn voorschot_vastleggen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        invoer: &Voorschotinvoer,
    ) -> Result<VoorschotRij, AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let mut f = Veldfouten::nieuw();
        let besluit = Besluit::uit_code(invoer.besluit.trim());
        if besluit.is_none() {
            f.voeg_toe("besluit", "Kies: verlenen, of weigeren met de grond.");
        }
        let inkomen = inkomen_lezen(&mut f, invoer);
        let hoger = match vangnet_domain::bedrag::parse_euro_of_leeg(&invoer.bedrag) {
            Ok(b) => b,
            Err(m) => {
                f.voeg_toe("bedrag", m);
                None
            }
        };
        let reden = invoer.reden.trim();
        if reden.chars().count() > 1000 {
            f.voeg_toe("reden", "De reden is hoogstens 1000 tekens lang.");
        }
        if besluit.is_some_and(|b| b != Besluit::Verleend) && reden.is_empty() {
            f.voeg_toe(
                "reden",
                "Een weigering heeft een reden: wat ontbreekt of waarom er duidelijk geen recht is.",
            );
        }
        f.clone().resultaat()?;
        let besluit = besluit.ok_or(AppFout::Ongeldig(f))?;

        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let uitkering = tx.uitkering_van_dossier(dossier_id).await?.is_some();
        open_voor_voorschot(&dossier, uitkering).map_err(|m| AppFout::veld("besluit", m))?;
        // Het dossier krijgt een nieuwe versie: een toekenning die tegelijk loopt, ziet dat en
        // weigert (anders stond er een te betalen voorschot naast de uitkering).
        if !tx
            .dossier_status_zetten(dossier.id, dossier.status, dossier.versie, nu)
            .await?
        {
            return Err(AppFout::Conflict(
                "Het dossier werd tegelijk gewijzigd (een besluit?). Bekijk het opnieuw.".into(),
            ));
        }
        let eerdere = tx.voorschotten_van(dossier_id).await?;
        let v = self
            .voorschot_voorstel(&mut *tx, ctx, &dossier, &eerdere, inkomen, nu)
            .await?;
        if v.volgnummer != invoer.volgnummer {
            return Err(AppFout::Conflict(format!(
                "Intussen is over voorschot {} al besloten. Bekijk het dossier opnieuw.",
                invoer.volgnummer
            )));
        }
        // Over een maand die nog niet begon, wordt nog niet besloten (ook niet geweigerd: de
        // aanvrager kan intussen alsnog meewerken).
        if v.nog_niet {
            return Err(AppFout::veld(
                "besluit",
                format!(
                    "Voorschot {} gaat over {}; die maand is nog niet begonnen. Besluit erover \
                     vanaf de eerste van die maand (uiterlijk {}).",
                    v.volgnummer,
                    tijd::maand_weergave(v.maand),
                    v.uiterlijk.format("%d-%m-%Y")
                ),
            ));
        }
        // Lid 1 onder b gaat over wat bij de aanvraag duidelijk was: bij het eerste voorschot, of
        // als het vorige om die reden werd geweigerd.
        if besluit == Besluit::DuidelijkGeenRecht
            && v.volgnummer > 1
            && !eerdere.iter().any(|e| {
                e.volgnummer == v.volgnummer - 1 && e.besluit == Besluit::DuidelijkGeenRecht
            })
        {
            return Err(AppFout::veld(
                "besluit",
                "Weigeren omdat er duidelijk geen recht is (lid 1 onder b) gaat over wat bij de \
                 aanvraag al duidelijk was; eerdere voorschotten werden niet om die reden \
                 geweigerd. Kies onder a (onvoldoende medewerking) of verleen het voorschot.",
            ));
        }
        let (bijstand, bedrag) = match besluit {
            Besluit::Verleend => {
                let (Some(bijstand), Some(minimum)) = (v.bijstand_centen, v.minimum_centen) else {
                    return Err(AppFout::veld(
                        "besluit",
                        format!(
                            "De bijstand van {} is niet te berekenen: {} Vul het dossier aan.",
                            tijd::maand_weergave(v.maand),
                            v.niet_te_berekenen.clone().unwrap_or_default()
                        ),
                    ));
                };
                if minimum == 0 {
                    return Err(AppFout::veld(
                        "besluit",
                        "Op deze gegevens is er geen bijstand (het inkomen is hoger dan de \
                         norm). Weigeren kan als duidelijk is dat er geen recht is (lid 1 \
                         onder b).",
                    ));
                }
                let bedrag = hoger.unwrap_or(minimum);
                if bedrag < minimum {
                    return Err(AppFout::veld(
                        "bedrag",
                        format!(
                            "Het voorschot is ten minste {} (95 % van de bijstand, art. 52 lid 2).",
                            vangnet_domain::bedrag::euro(minimum)
                        ),
                    ));
                }
                if bedrag > bijstand {
                    return Err(AppFout::veld(
                        "bedrag",
                        format!(
                            "Het voorschot is hoogstens de bijstand van de maand ({}).",
                            vangnet_domain::bedrag::euro(bijstand)
                        ),
                    ));
                }
                (bijstand, bedrag)
            }
            _ => (v.bijstand_centen.unwrap_or(0), 0),
        };
        let mut uitleg = v.uitleg.clone();
        if besluit == Besluit::Verleend && bedrag != v.minimum_centen.unwrap_or(bedrag) {
            uitleg.push(Specificatieregel {
                omschrijving: "Hoger voorschot vastgesteld door de consulent".into(),
                artikel: "art. 52 lid 2 Participatiewet (ten minste 95 %)".into(),
                bedrag_centen: bedrag,
            });
        }
        let rij = VoorschotRij {
            id: 0,
            dossier_id,
            volgnummer: v.volgnummer,
            maand: v.maand,
            uiterlijk: v.uiterlijk,
            besluit,
            bijstand_centen: bijstand.into(),
            bedrag_centen: bedrag.into(),
            vakantietoeslag_centen: 0.into(),
            reden: reden.to_owned(),
            uitleg: serde_json::to_string(&uitleg).map_err(|e| AppFout::Intern(e.to_string()))?,
            status: if besluit == Besluit::Verleend {
                Status::TeBetalen
            } else {
                Status::Geweigerd
            },
            betaald_run_id: None,
            uitkering_id: None,
            vastgelegd_door: ctx.actor.gebruiker_id(),
            vastgelegd_op: nu,
            gewijzigd_op: nu,
            versie: 1,
        };
        let id = match tx.voorschot_invoegen(&rij).await {
            Err(crate::opslag::OpslagFout::Uniek(_)) => {
                return Err(AppFout::Conflict(format!(
                    "Intussen is over voorschot {} al besloten. Bekijk het dossier opnieuw.",
                    rij.volgnummer
                )))
            }
            r => r?,
        };
        let rij = VoorschotRij { id, ..rij };
        // De taak van dit voorschot is klaar; die van het volgende begint.
        crate::werk::taken_afronden(&mut *tx, ctx, nu, dossier_id, |t| {
            t.soort == Taaksoort::Voorschot
        })
        .await?;
        let n = u32::try_from(rij.volgnummer + 1).unwrap_or(u32::MAX);
        let uiterlijk = voorschot::uiterlijk(dossier.ontvangen_op, n);
        taak_maken(
            &mut *tx,
            ctx,
            nu,
            NieuweTaak {
                soort: Taaksoort::Voorschot,
                omschrijving: format!(
                    "Voorschot {} voor {} ({}): verlenen of weigeren, uiterlijk {} (art. 52 lid 1)",
                    n,
                    dossier.nummer,
                    tijd::maand_weergave(voorschot::maand(dossier.gemeld_op, n)),
                    uiterlijk.format("%d-%m-%Y")
                ),
                dossier_id: Some(dossier_id),
                persoon_id: Some(dossier.client_id),
                begindatum: voorschot::maand(dossier.gemeld_op, n).max(tijd::nl_lokaal(nu).date()),
                deadline: Some(uiterlijk),
                team_id: dossier.team_id,
                gebruiker_id: dossier.consulent_id,
                prioriteit: 1,
                reden: "Volgend voorschot (art. 52 lid 1)",
            },
        )
        .await?;
        // Art. 52 lid 1: uiterlijk op de dag betaald. Valt de volgende maandrun later, dan een
        // tussentijdse run: een taak voor het team met die deadline (op Vandaag).
        if besluit == Besluit::Verleend {
            taak_maken(
                &mut *tx,
                ctx,
                nu,
                NieuweTaak {
                    soort: Taaksoort::Betaling,
                    omschrijving: format!(
                        "Dossier {}: voorschot {} ({}) uiterlijk {} betalen (art. 52 lid 1). \
                         Valt de volgende maandrun later, start dan een tussentijdse run.",
                        dossier.nummer,
                        rij.volgnummer,
                        vangnet_domain::bedrag::euro(bedrag),
                        rij.uiterlijk.format("%d-%m-%Y")
                    ),
                    dossier_id: Some(dossier_id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: tijd::nl_lokaal(nu).date(),
                    deadline: Some(rij.uiterlijk),
                    team_id: dossier.team_id,
                    gebruiker_id: None,
                    prioriteit: 1,
                    reden: "Voorschot verleend",
                },
            )
            .await?;
        }
        let samenvatting = match besluit {
            Besluit::Verleend => format!(
                "Voorschot {} over {} verleend: {} ({})",
                rij.volgnummer,
                tijd::maand_weergave(rij.maand),
                vangnet_domain::bedrag::euro(bedrag),
                besluit.artikel()
            ),
            b => format!(
                "Voorschot {} over {} geweigerd ({}): {reden}",
                rij.volgnummer,
                tijd::maand_weergave(rij.maand),
                b.artikel()
            ),
        };
        tx.gebeurtenis_toevoegen(&crate::opslag::GebeurtenisRij {
            id: 0,
            dossier_id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: vangnet_domain::dossier::Gebeurtenissoort::Voorschot,
            omschrijving: samenvatting.clone(),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        tx.vastleggen(Wijziging {
            actie: "voorschot.vastgelegd",
            onderwerp_type: "dossier",
            onderwerp_id: dossier_id.to_string(),
            samenvatting,
            na: serde_json::to_value(&rij).ok(),
            ..Default::default()
        })
        .await?;
        Ok(rij)
    }
}

/// Art. 52 lid 4: bij het toekennen van uitkering `u` worden de voorschotten van het dossier
/// verrekend met de bijstand over hun maand (`maanden`: per maand de uitbetaling en de
/// gereserveerde vakantietoeslag zoals de uitkering die berekent). Een betaald voorschot gaat
/// eerst af van de uitbetaling, dan van de reservering (`voorschot::verrekenen`): het eerste deel
/// staat daarna als betaald bedrag van die maand (de herberekening maakt van het verschil een
/// nabetaling of vordering), het tweede gaat later af van de vakantietoeslag. Een voorschot over
/// een maand vóór de start wordt meteen een te veel betaald bedrag. Een nog niet betaald voorschot
/// vervalt: de run betaalt de maand nu als nabetaling. Geeft of er iets verrekend is.
pub(crate) async fn verrekenen_bij_toekenning(
    tx: &mut dyn Transactie,
    u: &UitkeringRij,
    maanden: &std::collections::BTreeMap<NaiveDate, (Centen, Centen)>,
    nu: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppFout> {
    let mut betaald = Vec::new();
    let mut correcties = Vec::new();
    for mut v in tx.voorschotten_van(u.dossier_id).await? {
        match v.status {
            Status::TeBetalen => v.status = Status::Vervallen,
            Status::Betaald => {
                v.status = Status::Verrekend;
                v.uitkering_id = Some(u.id);
                let bedrag = v.bedrag_centen.centen();
                if v.maand < u.begindatum.with_day(1).unwrap_or(u.begindatum) {
                    correcties.push(CorrectieRij {
                        id: 0,
                        uitkering_id: u.id,
                        maand: v.maand,
                        bedrag_centen: (-bedrag).into(),
                        oorzaak: format!(
                            "{VERREKENING}: over deze maand is geen bijstand toegekend"
                        ),
                        mutatie_id: None,
                        aangemaakt_op: nu,
                        verrekend_op: None,
                        soort: Correctiesoort::Maand,
                    });
                } else {
                    let (uitbetaling, reservering) =
                        maanden.get(&v.maand).copied().unwrap_or((0, 0));
                    let r = voorschot::verrekenen(bedrag, uitbetaling, reservering);
                    v.vakantietoeslag_centen = r.vakantietoeslag.into();
                    betaald.push(MaandbedragRij {
                        uitkering_id: u.id,
                        maand: v.maand,
                        berekend_centen: r.als_maand.into(),
                        betaald_centen: Some(r.als_maand.into()),
                        berekend_op: nu,
                    });
                }
            }
            _ => continue,
        }
        v.gewijzigd_op = nu;
        if !tx.voorschot_bijwerken(&v).await? {
            return Err(AppFout::Conflict(
                "Een voorschot van dit dossier werd tegelijk gewijzigd (een betaalrun?). Probeer het opnieuw."
                    .into(),
            ));
        }
    }
    let iets = !betaald.is_empty() || !correcties.is_empty();
    tx.maandbedragen_zetten(&betaald).await?;
    tx.correcties_invoegen(&correcties).await?;
    Ok(iets)
}

/// Het begin van de oorzaak van een correctie die een voorschot verrekent (de run herkent haar
/// hieraan voor de specificatie).
pub(crate) const VERREKENING: &str = "verrekening voorschot (art. 52 lid 4 Pw)";

/// De regels voor de voorschotten die nog betaald moeten worden, in run `run_id` (maand- of
/// tussentijds): aan de aanvrager, of bij gehuwden voor de helft aan ieder (art. 45 lid 4);
/// ontbreekt een rekening, dan een vastgehouden regel (het voorschot blijft te betalen en het
/// goedkeuren maakt een taak). Geeft de regels met hun uitleg en de gelezen personen.
pub(crate) async fn voorschotregels_berekenen(
    tx: &mut dyn Transactie,
    run_id: i64,
    maand: NaiveDate,
    betaaldatum: NaiveDate,
) -> Result<(Vec<(NieuweBetaalregel, String)>, Vec<i64>), AppFout> {
    let mut regels = Vec::new();
    let mut personen = Vec::new();
    let jjjjmm = maand.format("%Y%m").to_string();
    for v in tx.voorschotten_te_betalen().await? {
        let Some(d) = tx.dossier_op_id(v.dossier_id).await? else {
            continue;
        };
        // Alleen zolang er niet is besloten (het toekennen laat een onbetaald voorschot vervallen;
        // dit vangt elke andere weg af).
        let uitkering = tx.uitkering_van_dossier(d.id).await?.is_some();
        if let Err(m) = open_voor_voorschot(&d, uitkering) {
            tracing::warn!(voorschot = v.id, dossier = d.id, %m, "voorschot niet betaald");
            continue;
        }
        let leden = tx.huishoudleden_van_huishouden(d.huishouden_id).await?;
        // Wie er in de maand van het voorschot woonde (zoals de run dat voor een maand doet).
        let in_maand = |l: &&crate::opslag::HuishoudlidRij| {
            l.historie.actueel() && l.historie.geldig().bevat(v.maand.max(d.gemeld_op))
        };
        let aanvrager = leden
            .iter()
            .filter(in_maand)
            .find(|l| l.rol == HuishoudRol::Aanvrager)
            .map_or(d.client_id, |l| l.persoon_id);
        let partner = leden
            .iter()
            .filter(in_maand)
            .find(|l| matches!(l.rol, HuishoudRol::Partner(_)))
            .map(|l| l.persoon_id);
        let ontvangers: Vec<i64> = std::iter::once(aanvrager).chain(partner).collect();
        personen.extend(ontvangers.iter().copied());
        let mut rekeningen = std::collections::BTreeMap::new();
        for r in tx.bankrekeningen_van(&ontvangers).await? {
            if r.historie.actueel()
                && r.historie.geldig().bevat(betaaldatum)
                && Iban::parse(&r.iban).is_ok()
            {
                rekeningen.insert(r.persoon_id, (r.iban, r.tenaamstelling));
            }
        }
        let bedrag = v.bedrag_centen.centen();
        let spec = uitleg_lezen(&v.uitleg);
        let delen: Vec<(Centen, i64, &str)> = match partner {
            None => vec![(bedrag, aanvrager, "")],
            Some(p) => {
                let (a, b) = vangnet_domain::betaalrun::verdelen(bedrag);
                vec![(a, aanvrager, "1"), (b, p, "2")]
            }
        };
        let omschrijving = format!(
            "Voorschot {} bijstand {} dossier {}",
            v.volgnummer,
            tijd::maand_weergave(v.maand),
            d.nummer
        );
        let ontbreekt = delen
            .iter()
            .any(|(_, wie, _)| !rekeningen.contains_key(wie));
        for (deel, wie, achtervoegsel) in delen {
            let naar = rekeningen.get(&wie);
            let mut uitleg = spec.clone();
            if partner.is_some() {
                uitleg.push(Specificatieregel {
                    omschrijving: "Gehuwden: voor de helft aan ieder".into(),
                    artikel: "art. 45 lid 4 Participatiewet".into(),
                    bedrag_centen: deel,
                });
            }
            regels.push((
                NieuweBetaalregel {
                    run_id,
                    uitkering_id: None,
                    dossier_id: d.id,
                    dossiernummer: d.nummer.clone(),
                    categorie: if ontbreekt {
                        Categorie::Vastgehouden
                    } else {
                        Categorie::Voorschot
                    },
                    maand: v.maand,
                    bedrag_centen: Bedrag::from(deel),
                    correctie_id: None,
                    reden: ontbreekt.then(|| Vasthouding {
                        reden: Vasthoudreden::GeenRekening,
                        toelichting: Some(
                            "Het voorschot wacht op een geldige rekening (bij gehuwden van \
                             beiden, art. 45 lid 4)."
                                .into(),
                        ),
                    }),
                    iban: naar.map(|(iban, _)| iban.clone()),
                    naam: naar.map_or_else(
                        || "Onbekend".to_owned(),
                        |(_, naam)| sepa::tekst(naam, sepa::MAX_NAAM),
                    ),
                    omschrijving: sepa::tekst(&omschrijving, sepa::MAX_OMSCHRIJVING),
                    kenmerk: sepa::kenmerk(&format!(
                        "VN{jjjjmm}-{}-A{}{achtervoegsel}",
                        d.nummer, v.volgnummer
                    )),
                    uitleg_id: None,
                    anders: ontbreekt.then_some(Categorie::Voorschot),
                    voorschot_id: Some(v.id),
                },
                serde_json::to_string(&uitleg).map_err(|e| AppFout::Intern(e.to_string()))?,
            ));
        }
    }
    personen.sort_unstable();
    personen.dedup();
    Ok((regels, personen))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inkomen_leeg_is_geen_inkomen_en_een_onbekende_soort_een_veldfout() {
        let mut f = Veldfouten::nieuw();
        let leeg = Voorschotinvoer::default();
        assert_eq!(inkomen_lezen(&mut f, &leeg), None);
        assert!(f.clone().resultaat().is_ok());
        let fout = Voorschotinvoer {
            inkomen: "100,00".into(),
            inkomenssoort: "loterij".into(),
            ..Default::default()
        };
        assert_eq!(inkomen_lezen(&mut f, &fout), None);
        assert!(f.voor("inkomenssoort").is_some());
        let mut f = Veldfouten::nieuw();
        let goed = Voorschotinvoer {
            inkomen: "250,50".into(),
            inkomenssoort: "arbeid".into(),
            ..Default::default()
        };
        assert_eq!(
            inkomen_lezen(&mut f, &goed),
            Some((Inkomenssoort::Arbeid, 25_050))
        );
    }
}
