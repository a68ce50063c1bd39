//! Vermogen van een huishouden (art. 34 Pw): een opgave op een peildatum vastleggen, laten
//! vervallen als zij onjuist was, en bij elke opgave de toets of het vermogen aan het recht in de
//! weg staat (`vangnet_domain::vermogen`), met de leefvorm van het huishouden op de peildatum.
//! Het dossier toont de opgaven; toekennen wordt geweigerd als de laatste geldige opgave zegt dat
//! het vermogen in de weg staat.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use vangnet_domain::dossier::Gebeurtenissoort;
use vangnet_domain::historie::{self, Periode, Versie};
use vangnet_domain::huishouden::Rol as HuishoudRol;
use vangnet_domain::persoon::datum::parse_datum;
use vangnet_domain::persoon::Geboortedatum;
use vangnet_domain::vermogen::{
    self, Bestanddeel, Leefvorm, Oordeel, Vermogenssoort, Vermogenstoets, Vrijstelling,
};
use vangnet_domain::{tijd, verwerking, Recht, Veldfouten};

use crate::audit::Wijziging;
use crate::opslag::{GebeurtenisRij, Leestransactie, VermogensopgaveRij};
use crate::{toegang, App, AppFout, Context};

/// Hoeveel bestanddelen een opgave hoogstens heeft.
pub const MAX_BESTANDDELEN: usize = 40;

/// Eén bestanddeel zoals een medewerker het invult (formulier of API). Een regel zonder soort en
/// zonder bedrag is leeg en telt niet (het formulier heeft vaste regels).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BestanddeelInvoer {
    /// `banktegoed`, `contant`, `voertuig`, `eigen_woning`, `overig`, `schuld`.
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub omschrijving: String,
    /// De waarde in euro's zoals een mens het typt; bij een schuld het bedrag ervan.
    #[serde(default)]
    pub waarde: String,
    /// Alleen bij de eigen woning: de hypotheekschuld.
    #[serde(default)]
    pub hypotheek: String,
    /// Leeg, of `in_natura`, `spaargeld_tijdens_bijstand`, `immateriele_schade` (art. 34 lid 2).
    #[serde(default)]
    pub vrijstelling: String,
}

/// Een opgave zoals een medewerker haar invult.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VermogenInvoer {
    pub peildatum: String,
    #[serde(default)]
    pub toelichting: String,
    #[serde(default)]
    pub bestanddelen: Vec<BestanddeelInvoer>,
}

/// Een opgave met haar toets (of waarom er niet getoetst kon worden).
#[derive(Debug, Clone, Serialize)]
pub struct Vermogensbeeld {
    pub opgave: VermogensopgaveRij,
    /// Geen: de opgave kon niet worden getoetst (`niet_te_toetsen` zegt waarom).
    pub toets: Option<Vermogenstoets>,
    pub niet_te_toetsen: Option<String>,
}

impl Vermogensbeeld {
    /// Staat het vermogen volgens deze (geldige) opgave aan het recht in de weg?
    pub fn staat_in_de_weg(&self) -> bool {
        self.opgave.vervallen_op.is_none()
            && matches!(
                self.toets,
                Some(Vermogenstoets {
                    oordeel: Oordeel::StaatInDeWeg { .. },
                    ..
                })
            )
    }
}

fn controleer(
    invoer: &VermogenInvoer,
    vandaag: NaiveDate,
) -> Result<(NaiveDate, Vec<Bestanddeel>, String), AppFout> {
    use vangnet_domain::bedrag::parse_euro_of_leeg;
    let mut f = Veldfouten::nieuw();
    let peildatum = f.controleer("peildatum", parse_datum(&invoer.peildatum, "peildatum"));
    if peildatum.is_some_and(|p| p > vandaag) {
        f.voeg_toe(
            "peildatum",
            "De peildatum ligt in de toekomst: een opgave gaat over wat er op een dag was.",
        );
    }
    let toelichting = invoer.toelichting.trim();
    if toelichting.chars().count() > 500 {
        f.voeg_toe(
            "toelichting",
            "De toelichting is hoogstens 500 tekens lang.",
        );
    }
    let regels: Vec<(usize, &BestanddeelInvoer)> = invoer
        .bestanddelen
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            !(b.soort.trim().is_empty()
                && b.waarde.trim().is_empty()
                && b.hypotheek.trim().is_empty()
                && b.omschrijving.trim().is_empty())
        })
        .collect();
    if regels.len() > MAX_BESTANDDELEN {
        f.voeg_toe(
            "bestanddelen",
            format!("Een opgave heeft hoogstens {MAX_BESTANDDELEN} bestanddelen."),
        );
    }
    let mut delen = Vec::new();
    for (i, b) in regels.into_iter().take(MAX_BESTANDDELEN) {
        let veld = |naam: &str| format!("bestanddelen[{i}].{naam}");
        let n = i + 1;
        let soort = Vermogenssoort::uit_code(b.soort.trim());
        if soort.is_none() {
            f.voeg_toe(
                &veld("soort"),
                format!("Regel {n}: kies de soort bestanddeel."),
            );
        }
        let waarde = match parse_euro_of_leeg(&b.waarde) {
            Ok(Some(w)) => Some(w),
            Ok(None) => {
                f.voeg_toe(
                    &veld("waarde"),
                    format!("Regel {n}: vul de waarde in (0 mag)."),
                );
                None
            }
            Err(m) => {
                f.voeg_toe(&veld("waarde"), format!("Regel {n}: {m}"));
                None
            }
        };
        let hypotheek = match parse_euro_of_leeg(&b.hypotheek) {
            Ok(h) => h.unwrap_or(0),
            Err(m) => {
                f.voeg_toe(&veld("hypotheek"), format!("Regel {n}: {m}"));
                0
            }
        };
        if hypotheek > 0 && soort.is_some_and(|s| s != Vermogenssoort::EigenWoning) {
            f.voeg_toe(
                &veld("hypotheek"),
                format!(
                    "Regel {n}: een hypotheek hoort bij de eigen woning; een andere schuld is een \
                     eigen regel met soort 'Schuld'."
                ),
            );
        }
        let vrijstelling = match b.vrijstelling.trim() {
            "" => None,
            code => {
                let v = Vrijstelling::uit_code(code);
                if v.is_none() {
                    f.voeg_toe(
                        &veld("vrijstelling"),
                        format!("Regel {n}: kies een vrijstelling uit de lijst."),
                    );
                }
                v
            }
        };
        if vrijstelling.is_some()
            && matches!(
                soort,
                Some(Vermogenssoort::Schuld | Vermogenssoort::EigenWoning)
            )
        {
            f.voeg_toe(
                &veld("vrijstelling"),
                format!(
                    "Regel {n}: een vrijstelling van art. 34 lid 2 geldt voor een bezitting, niet \
                     voor een schuld of de eigen woning (daarvoor geldt onderdeel d vanzelf)."
                ),
            );
        }
        let omschrijving = b.omschrijving.trim();
        if omschrijving.chars().count() > 200 {
            f.voeg_toe(
                &veld("omschrijving"),
                format!("Regel {n}: de omschrijving is hoogstens 200 tekens lang."),
            );
        }
        if let (Some(soort), Some(waarde)) = (soort, waarde) {
            delen.push(Bestanddeel {
                soort,
                omschrijving: omschrijving.to_owned(),
                waarde_centen: waarde,
                hypotheek_centen: hypotheek,
                vrijstelling,
            });
        }
    }
    f.clone().resultaat()?;
    let peildatum = peildatum.ok_or(AppFout::Ongeldig(f))?;
    Ok((peildatum, delen, toelichting.to_owned()))
}

/// De leefvorm van het huishouden op `peildatum` zoals bekend op `bekend_op` (voor de
/// vermogensgrens): met een partner gehuwden, anders met een kind onder de 18 alleenstaande
/// ouder. Schrijft geen toegangslog: de aanroeper doet dat.
async fn leefvorm_op(
    tx: &mut dyn Leestransactie,
    huishouden_id: i64,
    peildatum: NaiveDate,
    bekend_op: DateTime<Utc>,
) -> Result<Leefvorm, AppFout> {
    let leden = tx.huishoudleden_van_huishouden(huishouden_id).await?;
    let versies: Vec<Versie<_>> = leden
        .iter()
        .filter_map(|l| {
            Some(Versie {
                waarde: l,
                geldig: Periode::nieuw(l.historie.geldig_vanaf, l.historie.geldig_tot).ok()?,
                registratie: l.historie.registratie(),
            })
        })
        .collect();
    let er = historie::op(&versies, peildatum, bekend_op);
    let partner = er
        .iter()
        .any(|v| matches!(v.waarde.rol, HuishoudRol::Partner(_)));
    let kinderen: Vec<i64> = er
        .iter()
        .filter(|v| v.waarde.rol == HuishoudRol::Kind)
        .map(|v| v.waarde.persoon_id)
        .collect();
    let mut kind_onder_18 = false;
    if !kinderen.is_empty() {
        for g in tx.persoonsgegevens_van(&kinderen).await? {
            if g.historie.actueel() && Geboortedatum(g.geboortedatum).leeftijd_op(peildatum) < 18 {
                kind_onder_18 = true;
            }
        }
    }
    Ok(Leefvorm::van(partner, kind_onder_18))
}

impl App {
    /// De opgaven van een huishouden met hun toets, nieuwste eerst. Schrijft geen toegangslog.
    pub(crate) async fn vermogen_van_huishouden(
        &self,
        tx: &mut dyn Leestransactie,
        huishouden_id: i64,
        bekend_op: DateTime<Utc>,
    ) -> Result<Vec<Vermogensbeeld>, AppFout> {
        let tabellen = self.geldende_normtabellen(tx).await?;
        let mut uit = Vec::new();
        for opgave in tx.vermogensopgaven_van(huishouden_id).await? {
            if opgave.geregistreerd_op > bekend_op {
                continue;
            }
            let leefvorm = leefvorm_op(tx, huishouden_id, opgave.peildatum, bekend_op).await?;
            let toets =
                vermogen::toets(&opgave.bestanddelen, leefvorm, opgave.peildatum, &tabellen);
            uit.push(Vermogensbeeld {
                opgave,
                niet_te_toetsen: toets.as_ref().err().cloned(),
                toets: toets.ok(),
            });
        }
        Ok(uit)
    }

    /// De vermogensopgaven van het huishouden van een dossier, met hun toets (API). Komt in het
    /// toegangslog bij de cliënt van het dossier.
    pub async fn vermogen_van_dossier(
        &self,
        ctx: &Context,
        dossier_id: i64,
    ) -> Result<Vec<Vermogensbeeld>, AppFout> {
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let beelden = self
            .vermogen_van_huishouden(&mut *tx, dossier.huishouden_id, nu)
            .await?;
        toegang::vastleggen(
            &mut *tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "persoon",
            &dossier.client_id.to_string(),
            &format!("Vermogen van dossier {} ingezien", dossier.nummer),
        )
        .await?;
        tx.commit().await?;
        Ok(beelden)
    }

    /// Wat een opgave zou zijn, zonder iets vast te leggen: de bestanddelen zoals gelezen en de
    /// toets (issue 21 punt 1: elk bedrag teruggelezen vóór het vastleggen).
    pub async fn vermogen_voorbeeld(
        &self,
        ctx: &Context,
        dossier_id: i64,
        invoer: &VermogenInvoer,
    ) -> Result<(Vec<Bestanddeel>, Vermogenstoets), AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let vandaag = tijd::nl_lokaal(self.klok.nu()).date();
        let (peildatum, bestanddelen, _) = controleer(invoer, vandaag)?;
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let tabellen = self.geldende_normtabellen(&mut *tx).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let leefvorm = leefvorm_op(&mut *tx, dossier.huishouden_id, peildatum, nu).await?;
        let toets = vermogen::toets(&bestanddelen, leefvorm, peildatum, &tabellen)
            .map_err(|m| AppFout::veld("peildatum", m))?;
        tx.commit().await?;
        Ok((bestanddelen, toets))
    }

    /// Een opgave van het vermogen vastleggen. Geeft het id en de toets.
    pub async fn vermogen_vastleggen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        invoer: &VermogenInvoer,
    ) -> Result<(i64, Vermogenstoets), AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let vandaag = tijd::nl_lokaal(self.klok.nu()).date();
        let (peildatum, bestanddelen, toelichting) = controleer(invoer, vandaag)?;
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let tabellen = self.geldende_normtabellen(&mut *tx).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let leefvorm = leefvorm_op(&mut *tx, dossier.huishouden_id, peildatum, nu).await?;
        let toets = vermogen::toets(&bestanddelen, leefvorm, peildatum, &tabellen)
            .map_err(|m| AppFout::veld("peildatum", m))?;
        let rij = VermogensopgaveRij {
            id: 0,
            huishouden_id: dossier.huishouden_id,
            peildatum,
            bestanddelen,
            toelichting,
            geregistreerd_door: ctx.actor.gebruiker_id(),
            geregistreerd_op: nu,
            vervallen_op: None,
            vervallen_reden: None,
            operatie_id: ctx.operatie_id.clone(),
        };
        let id = tx.vermogensopgave_invoegen(&rij).await?;
        let oordeel = match toets.oordeel {
            Oordeel::StaatNietInDeWeg => "staat niet in de weg".to_owned(),
            Oordeel::StaatInDeWeg { boven_grens_centen } => format!(
                "staat in de weg ({} boven de grens)",
                vangnet_domain::bedrag::euro(boven_grens_centen)
            ),
        };
        let samenvatting = format!(
            "Vermogen per {} vastgelegd: {} bestanddelen; {oordeel} (art. 34 Pw)",
            peildatum.format("%d-%m-%Y"),
            rij.bestanddelen.len()
        );
        tx.gebeurtenis_toevoegen(&GebeurtenisRij {
            id: 0,
            dossier_id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: Gebeurtenissoort::VermogenVastgelegd,
            omschrijving: samenvatting.clone(),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        tx.vastleggen(Wijziging {
            actie: "vermogen.vastgelegd",
            onderwerp_type: "dossier",
            onderwerp_id: dossier_id.to_string(),
            samenvatting,
            na: serde_json::to_value(&rij).ok(),
            ..Default::default()
        })
        .await?;
        Ok((id, toets))
    }

    /// Een onjuiste opgave laten vervallen (met reden); zij blijft zichtbaar als vervallen.
    pub async fn vermogensopgave_laten_vervallen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        opgave_id: i64,
        reden: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let reden = reden.trim();
        if reden.is_empty() || reden.chars().count() > 500 {
            return Err(AppFout::veld(
                "reden",
                "Geef de reden waarom de opgave onjuist was (hoogstens 500 tekens).",
            ));
        }
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let hoort = tx
            .vermogensopgaven_van(dossier.huishouden_id)
            .await?
            .into_iter()
            .any(|o| o.id == opgave_id);
        if !hoort {
            return Err(AppFout::NietGevonden("De vermogensopgave".into()));
        }
        if !tx
            .vermogensopgave_laten_vervallen(opgave_id, nu, reden)
            .await?
        {
            return Err(AppFout::Conflict(
                "De opgave was al vervallen; ververs de pagina.".into(),
            ));
        }
        tx.vastleggen(Wijziging {
            actie: "vermogen.vervallen",
            onderwerp_type: "dossier",
            onderwerp_id: dossier_id.to_string(),
            samenvatting: format!("Vermogensopgave {opgave_id} vervallen: {reden}"),
            ..Default::default()
        })
        .await?;
        Ok(())
    }
}
