//! Cliënten, huishoudens en dossiers: een aanvraag registreren met het huishouden eromheen,
//! personen en dossiers inzien (de situatie op elke datum, zoals bekend op elk moment) en zoeken.
//! Elke inzage in persoonsgegevens schrijft een regel per betrokkene in het toegangslog.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_domain::dossier::{Dossiernummer, Status, Termijnen, Zaaktype};
use vangnet_domain::historie::{Periode, Versie};
use vangnet_domain::huishouden::Rol as HuishoudRol;
use vangnet_domain::persoon::datum::parse_datum;
use vangnet_domain::persoon::{Bsn, Geboortedatum, Huisnummer, Iban, Naam, Postcode};
use vangnet_domain::tijd::datum_tekst as datumtekst;
use vangnet_domain::zoeken::Zoekvraag;
use vangnet_domain::{historie, tijd, verwerking, Recht, Veldfouten};

use crate::audit::Wijziging;
use crate::opslag::{
    AdresRij, BankrekeningRij, DossierRij, GebeurtenisRij, Historie, Historietabel, HuishoudlidRij,
    PersoonsgegevensRij, Transactie, Zoeksleutel,
};
use crate::{toegang, App, AppFout, Context};

/// Een persoon zoals die in het aanvraagformulier staat.
#[derive(Debug, Clone, Default)]
pub struct PersoonInvoer {
    pub bsn: String,
    pub voornamen: String,
    pub voorvoegsel: String,
    pub geslachtsnaam: String,
    pub geboortedatum: String,
}

/// Een lid van het huishouden naast de aanvrager.
#[derive(Debug, Clone, Default)]
pub struct LidInvoer {
    pub persoon: PersoonInvoer,
    /// `partner:gehuwd`, `kind`, `medebewoner:familie`, …
    pub rol: String,
}

/// De keuze "nog niet verdelen" in het veld team van een aanvraag.
pub const NIET_VERDELEN: &str = "nog_niet";

/// Een nieuwe aanvraag levensonderhoud.
#[derive(Debug, Clone, Default)]
pub struct NieuweAanvraag {
    pub ontvangen_op: String,
    /// De dag van de melding (art. 44 lid 1), als die vóór de ontvangst ligt; leeg: de dag van
    /// ontvangst.
    pub gemeld_op: String,
    pub aanvrager: PersoonInvoer,
    pub straat: String,
    pub huisnummer: String,
    pub huisletter: String,
    pub toevoeging: String,
    pub postcode: String,
    pub woonplaats: String,
    pub iban: String,
    /// Het verantwoordelijke team (naam); leeg: automatisch op de postcode; [`NIET_VERDELEN`]:
    /// nog niet verdelen (geen team en geen consulent; een teamleider verdeelt later).
    pub team: String,
    pub leden: Vec<LidInvoer>,
}

/// Een persoon op een datum, zoals bekend op een moment.
#[derive(Debug, Clone, Serialize)]
pub struct PersoonBeeld {
    pub id: i64,
    pub bsn: String,
    pub naam: Option<Naam>,
    pub weergavenaam: String,
    pub geboortedatum: Option<NaiveDate>,
    pub adres: Option<String>,
    pub iban: Option<String>,
    /// Voor gelijktijdige wijzigingen.
    pub versie: i64,
}

/// Een lid van het huishouden op een datum.
#[derive(Debug, Clone, Serialize)]
pub struct Huisgenoot {
    pub persoon: PersoonBeeld,
    /// In JSON als code (`partner:gehuwd`).
    #[serde(with = "vangnet_domain::huishouden::als_code")]
    pub rol: HuishoudRol,
    pub rolnaam: String,
    pub leeftijd: Option<i32>,
    pub geldig: Periode,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierBeeld {
    pub dossier: DossierRij,
    pub zaaktypenaam: &'static str,
    pub statusnaam: &'static str,
    pub termijnen: Option<Termijnen>,
    pub huishouden: Vec<Huisgenoot>,
    pub tijdlijn: Vec<GebeurtenisRij>,
    pub op: NaiveDate,
    pub bekend_op: DateTime<Utc>,
    /// De naam van het team en van de consulent, als het dossier is verdeeld.
    pub team: Option<String>,
    pub consulent: Option<String>,
    /// De vermogensopgaven van het huishouden met hun toets (art. 34), nieuwste eerst, zoals
    /// bekend op `bekend_op`.
    pub vermogen: Vec<crate::vermogen::Vermogensbeeld>,
}

/// Een zoekresultaat: genoeg om de juiste persoon te kiezen, niet meer.
#[derive(Debug, Clone, Serialize)]
pub struct Treffer {
    pub persoon_id: i64,
    pub bsn_gemaskeerd: String,
    pub naam: String,
    pub geboortedatum: Option<NaiveDate>,
    pub adres: Option<String>,
    pub dossiers: Vec<(i64, String, &'static str)>,
}

/// Zet opgeslagen historie om in domeinversies (om `historie::op` te kunnen gebruiken).
/// Een rij als versie van een feit; een lege periode (ingegaan en geëindigd op dezelfde dag)
/// geldt op geen enkele dag en telt niet mee.
fn versie<T>(waarde: T, h: &Historie) -> Option<Versie<T>> {
    Some(Versie {
        waarde,
        geldig: Periode::nieuw(h.geldig_vanaf, h.geldig_tot).ok()?,
        registratie: h.registratie(),
    })
}

fn adrestekst(a: &AdresRij) -> String {
    let h = Huisnummer {
        nummer: a.huisnummer as u32,
        letter: a.huisletter.as_deref().and_then(|l| l.chars().next()),
        toevoeging: a.toevoeging.clone(),
    };
    let pc = Postcode::parse(&a.postcode)
        .map(|p| p.to_string())
        .unwrap_or_else(|_| a.postcode.clone());
    format!("{} {h}, {pc} {}", a.straat, a.woonplaats)
}

/// Een persoon in de aanvraag: nieuw (met gegevens) of al bekend (alleen het BSN).
#[derive(Debug, Clone)]
enum Aanvraagpersoon {
    Nieuw(Bsn, Naam, Geboortedatum),
    Bekend(Bsn),
}

impl Aanvraagpersoon {
    fn bsn(&self) -> Bsn {
        match self {
            Aanvraagpersoon::Nieuw(b, ..) | Aanvraagpersoon::Bekend(b) => *b,
        }
    }
}

/// Controleert een persoon uit het formulier; `prefix` is de veldnaam ervoor (`aanvrager`, `lid1`).
/// Zonder achternaam is het een bekende persoon, die op BSN wordt opgezocht.
fn controleer_persoon(
    p: &PersoonInvoer,
    prefix: &str,
    vandaag: NaiveDate,
    fouten: &mut Veldfouten,
) -> Option<Aanvraagpersoon> {
    let bsn = fouten.controleer(&format!("{prefix}.bsn"), Bsn::parse(&p.bsn));
    if p.geslachtsnaam.trim().is_empty() && p.voornamen.trim().is_empty() {
        return bsn.map(Aanvraagpersoon::Bekend);
    }
    let naam = match Naam::parse(&p.voornamen, &p.voorvoegsel, &p.geslachtsnaam) {
        Ok(n) => Some(n),
        Err(fs) => {
            for (veld, melding) in fs {
                fouten.voeg_toe(&format!("{prefix}.{veld}"), melding);
            }
            None
        }
    };
    let geb = fouten.controleer(
        &format!("{prefix}.geboortedatum"),
        Geboortedatum::parse(&p.geboortedatum, vandaag),
    );
    Some(Aanvraagpersoon::Nieuw(bsn?, naam?, geb?))
}

impl App {
    /// Stelt het beeld van personen samen op `op`, zoals bekend op `bekend_op`.
    async fn personen_beeld(
        &self,
        tx: &mut dyn crate::opslag::Leestransactie,
        ids: &[i64],
        op: NaiveDate,
        bekend_op: DateTime<Utc>,
    ) -> Result<Vec<PersoonBeeld>, AppFout> {
        let gegevens = tx.persoonsgegevens_van(ids).await?;
        let adressen = tx.adressen_van(ids).await?;
        let rekeningen = tx.bankrekeningen_van(ids).await?;
        let personen = tx.personen_op_ids(ids).await?;
        let mut uit = Vec::new();
        for id in ids {
            let Some(p) = personen.iter().find(|p| p.id == *id) else {
                continue;
            };
            let g: Vec<_> = gegevens
                .iter()
                .filter(|g| g.persoon_id == *id)
                .filter_map(|g| versie(g, &g.historie))
                .collect();
            let a: Vec<_> = adressen
                .iter()
                .filter(|a| a.persoon_id == *id)
                .filter_map(|a| versie(a, &a.historie))
                .collect();
            let r: Vec<_> = rekeningen
                .iter()
                .filter(|r| r.persoon_id == *id)
                .filter_map(|r| versie(r, &r.historie))
                .collect();
            // Naam en geboortedatum: wat op `bekend_op` bekend was (ze gelden vanaf de geboorte).
            let g = historie::op(
                &g,
                op.max(g.first().map_or(op, |v| v.geldig.vanaf)),
                bekend_op,
            )
            .last()
            .map(|v| v.waarde);
            let naam = g.map(|g| Naam {
                voornamen: g.voornamen.clone(),
                voorvoegsel: g.voorvoegsel.clone(),
                geslachtsnaam: g.geslachtsnaam.clone(),
            });
            let bsn = Bsn::uit_getal(p.bsn)
                .map(|b| b.to_string())
                .unwrap_or_else(|_| p.bsn.to_string());
            uit.push(PersoonBeeld {
                id: p.id,
                weergavenaam: naam
                    .as_ref()
                    .map_or_else(|| "(naam onbekend)".into(), Naam::weergave),
                naam,
                bsn,
                geboortedatum: g.map(|g| g.geboortedatum),
                adres: historie::op(&a, op, bekend_op)
                    .last()
                    .map(|v| adrestekst(v.waarde)),
                iban: historie::op(&r, op, bekend_op)
                    .last()
                    .map(|v| v.waarde.iban.clone()),
                versie: p.versie,
            });
        }
        Ok(uit)
    }

    /// Een persoon opzoeken op BSN (bij het registreren). Geeft `None` als hij onbekend is.
    pub async fn persoon_op_bsn(
        &self,
        ctx: &Context,
        bsn: &str,
    ) -> Result<Option<PersoonBeeld>, AppFout> {
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let bsn = Bsn::parse(bsn).map_err(|m| AppFout::veld("bsn", m))?;
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let Some(p) = tx.persoon_op_bsn(bsn.getal()).await? else {
            return Ok(None);
        };
        let beeld = self
            .personen_beeld(&mut *tx, &[p.id], nu.date_naive(), nu)
            .await?
            .pop();
        toegang::vastleggen(
            &mut *tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "persoon",
            &p.id.to_string(),
            "Persoon opgezocht op BSN",
        )
        .await?;
        tx.commit().await?;
        Ok(beeld)
    }

    /// Registreert een aanvraag levensonderhoud: nieuwe personen, adres, rekening, het huishouden
    /// en het dossier, alles in één transactie met één auditrecord. Bekende personen (op BSN)
    /// worden hergebruikt; wie al in een ander huishouden zit, kan er niet ook in dit.
    pub async fn aanvraag_registreren(
        &self,
        ctx: &Context,
        a: &NieuweAanvraag,
    ) -> Result<(i64, Dossiernummer), AppFout> {
        let mut tx = self.handeling(ctx, Recht::DossiersRegistreren).await?;
        let nu = tx.nu;
        let vandaag = tijd::nl_lokaal(nu).date();
        let mut f = Veldfouten::nieuw();
        let ontvangen = match parse_datum(&a.ontvangen_op, "datum van ontvangst") {
            Ok(d) if d > vandaag => {
                f.voeg_toe(
                    "ontvangen_op",
                    "De datum van ontvangst ligt in de toekomst.",
                );
                None
            }
            r => f.controleer("ontvangen_op", r),
        };
        // De melding: niet na de ontvangst (een aanvraag volgt op de melding), niet in de
        // toekomst, en niet meer dan een jaar ervoor (een tikfout eerder dan een melding).
        let gemeld = if a.gemeld_op.trim().is_empty() {
            ontvangen
        } else {
            match (parse_datum(&a.gemeld_op, "datum van de melding"), ontvangen) {
                (Ok(g), Some(o)) if g > o => {
                    f.voeg_toe(
                        "gemeld_op",
                        "De melding ligt na de ontvangst van de aanvraag; de aanvraag volgt op de \
                         melding (art. 44 lid 1 Pw).",
                    );
                    None
                }
                (Ok(g), Some(o)) if (o - g).num_days() > 366 => {
                    f.voeg_toe(
                        "gemeld_op",
                        "De melding ligt meer dan een jaar vóór de ontvangst; kijk de datum na.",
                    );
                    None
                }
                (r, _) => f.controleer("gemeld_op", r),
            }
        };
        let aanvrager = controleer_persoon(&a.aanvrager, "aanvrager", vandaag, &mut f);
        let huisnummer = f.controleer(
            "huisnummer",
            Huisnummer::parse(&a.huisnummer, &a.huisletter, &a.toevoeging),
        );
        let postcode = f.controleer("postcode", Postcode::parse(&a.postcode));
        for (veld, label, waarde) in [
            ("straat", "straat", &a.straat),
            ("woonplaats", "woonplaats", &a.woonplaats),
        ] {
            let w = waarde.trim();
            if w.is_empty() {
                f.voeg_toe(veld, format!("Vul de {label} in."));
            } else if w.chars().count() > 80 || w.chars().any(char::is_control) {
                f.voeg_toe(
                    veld,
                    format!("De {label} mag hoogstens 80 gewone tekens bevatten."),
                );
            }
        }
        let iban = if a.iban.trim().is_empty() {
            None
        } else {
            f.controleer("iban", Iban::parse(&a.iban))
        };
        let mut leden = Vec::new();
        let mut partners = 0;
        for (i, lid) in a.leden.iter().enumerate() {
            let prefix = format!("lid{}", i + 1);
            let rol = HuishoudRol::uit_code(lid.rol.trim());
            match rol {
                None | Some(HuishoudRol::Aanvrager) => f.voeg_toe(
                    &format!("{prefix}.rol"),
                    "Kies de relatie tot de aanvrager.",
                ),
                Some(HuishoudRol::Partner(_)) => partners += 1,
                _ => {}
            }
            if let (Some(p), Some(rol)) = (
                controleer_persoon(&lid.persoon, &prefix, vandaag, &mut f),
                rol,
            ) {
                leden.push((prefix, p, rol));
            }
        }
        if partners > 1 {
            f.voeg_toe("lid1.rol", "Een huishouden heeft hoogstens één partner.");
        }
        let mut gezien = std::collections::BTreeSet::new();
        for (prefix, bsn) in aanvrager
            .iter()
            .map(|p| ("aanvrager".to_owned(), p.bsn()))
            .chain(leden.iter().map(|(pr, p, _)| (pr.clone(), p.bsn())))
        {
            if !gezien.insert(bsn) {
                f.voeg_toe(
                    &format!("{prefix}.bsn"),
                    format!("BSN {bsn} staat twee keer in deze aanvraag."),
                );
            }
        }
        f.clone().resultaat()?;
        let (Some(ontvangen), Some(aanvrager), Some(huisnummer), Some(postcode)) =
            (ontvangen, aanvrager, huisnummer, postcode)
        else {
            return Err(AppFout::Intern("controle zonder uitkomst".into()));
        };
        let verdelen = a.team.trim() != NIET_VERDELEN;
        let team_id = if a.team.trim().is_empty() || !verdelen {
            None
        } else {
            match tx.team_op_naam(a.team.trim()).await? {
                Some(t) => Some(t.id),
                None => {
                    f.voeg_toe("team", format!("Er is geen team '{}'.", a.team.trim()));
                    None
                }
            }
        };
        let periode = Periode::vanaf(ontvangen);
        let h = |vanaf: NaiveDate| Historie {
            geldig_vanaf: vanaf,
            geldig_tot: None,
            geregistreerd_op: nu,
            vervallen_op: None,
            operatie_id: ctx.operatie_id.clone(),
        };
        let mut alle = vec![("aanvrager".to_owned(), aanvrager, HuishoudRol::Aanvrager)];
        alle.extend(leden);
        // Eerst alle controles tegen de database, dan pas schrijven: niets half.
        let mut bestaand = Vec::new();
        for (prefix, persoon, _) in &alle {
            let bsn = persoon.bsn();
            let p = tx.persoon_op_bsn(bsn.getal()).await?;
            let huidige = match &p {
                Some(p) => self
                    .personen_beeld(&mut *tx, &[p.id], vandaag, nu)
                    .await?
                    .pop(),
                None => None,
            };
            match (persoon, &p) {
                (Aanvraagpersoon::Bekend(_), None) => f.voeg_toe(
                    &format!("{prefix}.geslachtsnaam"),
                    format!("BSN {bsn} is nog onbekend in Vangnet: vul de gegevens van deze persoon in."),
                ),
                (Aanvraagpersoon::Nieuw(_, naam, _), Some(p)) => {
                    let zelfde = huidige.as_ref().and_then(|h| h.naam.as_ref()).is_some_and(|n| n.geslachtsnaam == naam.geslachtsnaam);
                    if !zelfde {
                        f.voeg_toe_met_link(
                            &format!("{prefix}.bsn"),
                            format!(
                                "Er is al een persoon met BSN {bsn}: {}. Controleer het BSN, of laat de naam leeg om die persoon te gebruiken.",
                                huidige.as_ref().map_or_else(String::new, |h| h.weergavenaam.clone())
                            ),
                            format!("/personen/{}", p.id),
                        );
                    }
                }
                _ => {}
            }
            if let Some(p) = &p {
                for lid in tx.huishoudleden_van_personen(&[p.id]).await? {
                    if let Some(v) = versie((), &lid.historie) {
                        if v.registratie.bekend_op(nu) && v.geldig.overlapt(&periode) {
                            f.voeg_toe_met_link(
                                &format!("{prefix}.bsn"),
                                format!(
                                    "{} hoort volgens Vangnet vanaf {} al bij een ander huishouden; iemand kan maar in één huishouden tegelijk zijn.",
                                    huidige.as_ref().map_or_else(|| format!("BSN {bsn}"), |h| h.weergavenaam.clone()),
                                    v.geldig.vanaf.format("%d-%m-%Y")
                                ),
                                format!("/personen/{}", p.id),
                            );
                        }
                    }
                }
            }
            bestaand.push((p, huidige));
        }
        f.resultaat()?;

        let huishouden = tx.huishouden_invoegen(nu).await?;
        let mut client_id = 0;
        let mut persoon_ids = Vec::with_capacity(alle.len());
        for ((_, persoon, rol), (bestaande, huidige)) in alle.iter().zip(bestaand) {
            let weergavenaam = match persoon {
                Aanvraagpersoon::Nieuw(_, naam, _) => naam.weergave(),
                Aanvraagpersoon::Bekend(_) => huidige.map(|h| h.weergavenaam).unwrap_or_default(),
            };
            let was_bekend = bestaande.is_some();
            let id = match (bestaande, persoon) {
                (Some(p), _) => {
                    // Het oude adres eindigt waar het nieuwe begint (formeel: een nieuwe versie).
                    for oud in tx.adressen_van(&[p.id]).await? {
                        let open = oud.historie.actueel() && oud.historie.geldig_tot.is_none();
                        if !open
                            || !tx
                                .versie_laten_vervallen(Historietabel::Adressen, oud.id, nu)
                                .await?
                        {
                            continue;
                        }
                        if oud.historie.geldig_vanaf < ontvangen {
                            let mut afgesloten = oud.clone();
                            afgesloten.historie = Historie {
                                geldig_vanaf: oud.historie.geldig_vanaf,
                                geldig_tot: Some(ontvangen),
                                ..h(ontvangen)
                            };
                            tx.adres_invoegen(&afgesloten).await?;
                        }
                    }
                    p.id
                }
                (None, Aanvraagpersoon::Bekend(_)) => {
                    return Err(AppFout::Intern("bekende persoon zonder rij".into()));
                }
                (None, Aanvraagpersoon::Nieuw(bsn, naam, geb)) => {
                    let id = tx.persoon_invoegen(bsn.getal(), nu).await.map_err(|e| match e {
                        crate::opslag::OpslagFout::Uniek(_) => AppFout::Conflict(format!("Iemand anders registreerde intussen een persoon met BSN {bsn}. Probeer het opnieuw.")),
                        e => e.into(),
                    })?;
                    tx.persoonsgegevens_invoegen(&PersoonsgegevensRij {
                        id: 0,
                        persoon_id: id,
                        voornamen: naam.voornamen.clone(),
                        voorvoegsel: naam.voorvoegsel.clone(),
                        geslachtsnaam: naam.geslachtsnaam.clone(),
                        zoeknaam: naam.zoeknaam(),
                        zoeknaam_volledig: naam.zoeknaam_volledig(),
                        geboortedatum: geb.0,
                        historie: h(geb.0),
                    })
                    .await?;
                    id
                }
            };
            tx.adres_invoegen(&AdresRij {
                id: 0,
                persoon_id: id,
                straat: a.straat.trim().to_owned(),
                huisnummer: i64::from(huisnummer.nummer),
                huisletter: huisnummer.letter.map(String::from),
                toevoeging: huisnummer.toevoeging.clone(),
                postcode: postcode.compact(),
                woonplaats: a.woonplaats.trim().to_owned(),
                historie: h(ontvangen),
            })
            .await?;
            tx.huishoudlid_invoegen(&HuishoudlidRij {
                id: 0,
                huishouden_id: huishouden,
                persoon_id: id,
                rol: *rol,
                historie: h(ontvangen),
            })
            .await?;
            persoon_ids.push(id);
            if *rol == HuishoudRol::Aanvrager {
                client_id = id;
                let huidig = if was_bekend {
                    tx.bankrekeningen_van(&[id])
                        .await?
                        .into_iter()
                        .filter(|r| r.historie.actueel() && r.historie.geldig_tot.is_none())
                        .max_by_key(|r| r.historie.geldig_vanaf)
                } else {
                    None
                };
                match (&iban, huidig) {
                    // Dezelfde rekening als nu: niets te doen.
                    (Some(iban), Some(h)) if h.iban == iban.as_str() => {}
                    // Een bekende persoon met een andere rekening: vier ogen, net als bij een
                    // wijziging van de persoon (issue 21 punt 4), vanaf vandaag.
                    (Some(iban), Some(h)) => {
                        let vanaf =
                            vandaag.max(h.historie.geldig_vanaf + chrono::Duration::days(1));
                        crate::rekeningen::verzoek_vastleggen(
                            &mut *tx,
                            ctx,
                            nu,
                            id,
                            iban,
                            &weergavenaam,
                            vanaf,
                            "Andere rekening opgegeven bij een nieuwe aanvraag",
                        )
                        .await?;
                    }
                    (Some(iban), None) => {
                        tx.bankrekening_invoegen(&BankrekeningRij {
                            id: 0,
                            persoon_id: id,
                            iban: iban.as_str().to_owned(),
                            tenaamstelling: weergavenaam.clone(),
                            historie: h(ontvangen),
                        })
                        .await?;
                    }
                    (None, _) => {}
                }
            }
        }
        let jaar = i64::from(chrono::Datelike::year(&vandaag));
        let nummer = Dossiernummer::nieuw(jaar as i32, tx.dossiernummer_volgende(jaar).await?);
        let dossier_id = tx
            .dossier_invoegen(&DossierRij {
                id: 0,
                nummer: nummer.to_string(),
                huishouden_id: huishouden,
                client_id,
                zaaktype: Zaaktype::AanvraagLevensonderhoud,
                status: Status::Ontvangen,
                ontvangen_op: ontvangen,
                gemeld_op: gemeld.unwrap_or(ontvangen),
                team_id,
                consulent_id: None,
                versie: 1,
                aangemaakt_op: nu,
                gewijzigd_op: nu,
            })
            .await?;
        let samenvatting = format!(
            "Aanvraag levensonderhoud {nummer} geregistreerd, ontvangen {}, huishouden van {} perso{}",
            ontvangen.format("%d-%m-%Y"),
            alle.len(),
            if alle.len() == 1 { "on" } else { "nen" }
        );
        tx.gebeurtenis_toevoegen(&GebeurtenisRij {
            id: 0,
            dossier_id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: vangnet_domain::dossier::Gebeurtenissoort::Geregistreerd,
            omschrijving: samenvatting.clone(),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        let verdeling = self
            .nieuw_dossier_in_werk(
                &mut *tx,
                ctx,
                nu,
                dossier_id,
                verdelen.then(|| postcode.compact()).as_deref(),
                &persoon_ids,
            )
            .await?;
        tx.audit(Wijziging {
            actie: "dossier.geregistreerd",
            onderwerp_type: "dossier",
            onderwerp_id: dossier_id.to_string(),
            samenvatting,
            na: Some(serde_json::json!({
                "nummer": nummer.as_str(),
                "ontvangen_op": datumtekst(ontvangen),
                "gemeld_op": datumtekst(gemeld.unwrap_or(ontvangen)),
                "huishouden_id": huishouden,
                "leden": alle.iter().map(|(_, _, r)| r.code()).collect::<Vec<_>>(),
                "verdeling": verdeling,
            })),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok((dossier_id, nummer))
    }

    /// Een dossier met het huishouden op `op`, zoals bekend op `bekend_op` (standaard: vandaag,
    /// nu). Elke persoon in het huishouden krijgt een regel in het toegangslog.
    pub async fn dossier(
        &self,
        ctx: &Context,
        id: i64,
        op: Option<NaiveDate>,
        bekend_op: Option<DateTime<Utc>>,
    ) -> Result<DossierBeeld, AppFout> {
        // Lezen in een leestransactie, het toegangslog daarna gebundeld (zoals zoeken): wie een
        // dossier opent, houdt de schrijver niet bezet en wacht niet op een run (issue 22 punt
        // 3). Niets wordt getoond voordat het toegangslog vastligt.
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let nu = self.klok.nu();
        let mut tx = self.opslag.lees().await?;
        let op = op.unwrap_or_else(|| tijd::nl_lokaal(nu).date());
        let bekend_op = bekend_op.unwrap_or(nu).min(nu);
        let dossier = tx
            .dossier_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let huishouden = self
            .huishoudleden_lezen(&mut *tx, dossier.huishouden_id, op, bekend_op)
            .await?;
        let tijdlijn = tx.gebeurtenissen_van(id).await?;
        let vermogen = self
            .vermogen_van_huishouden(&mut *tx, dossier.huishouden_id, bekend_op)
            .await?;
        let team = match dossier.team_id {
            Some(t) => tx.team_op_id(t).await?.map(|t| t.naam),
            None => None,
        };
        let consulent = match dossier.consulent_id {
            Some(g) => tx.gebruiker_op_id(g).await?.map(|g| g.volledige_naam),
            None => None,
        };
        tx.afsluiten().await?;
        self.personen_gelezen(
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            &format!("Dossier {} ingezien", dossier.nummer),
            personen_van_huishouden(&huishouden),
        )
        .await?;
        let zaaktype = dossier.zaaktype;
        let status = dossier.status;
        Ok(DossierBeeld {
            zaaktypenaam: zaaktype.naam(),
            statusnaam: status.naam(),
            termijnen: Some(dossier.ontvangen_op)
                .filter(|_| status.open())
                .map(Termijnen::vanaf),
            dossier,
            huishouden,
            tijdlijn,
            team,
            consulent,
            op,
            bekend_op,
            vermogen,
        })
    }

    /// De leden van een huishouden op `op` zoals bekend op `bekend_op`, met een regel in het
    /// toegangslog per persoon (één verwerking, in `tx`).
    pub(crate) async fn huishoudleden_op(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        huishouden_id: i64,
        op: NaiveDate,
        bekend_op: DateTime<Utc>,
        waarom: &str,
    ) -> Result<Vec<Huisgenoot>, AppFout> {
        let huishouden = self
            .huishoudleden_lezen(tx, huishouden_id, op, bekend_op)
            .await?;
        // Eén verwerking met een regel per huisgenoot, zoals bij een dossier.
        let ids = personen_van_huishouden(&huishouden);
        if !ids.is_empty() {
            let nu = self.klok.nu();
            let v =
                toegang::personen_verwerking(tx, ctx, nu, verwerking::BIJSTANDSVERLENING, waarom)
                    .await?;
            tx.toegang_voor_personen(&v, &ids).await?;
        }
        Ok(huishouden)
    }

    /// De leden van een huishouden op `op` zoals bekend op `bekend_op`, zonder toegangslog: wie
    /// dit aanroept, legt de gelezen personen vast ([`personen_van_huishouden`]).
    pub(crate) async fn huishoudleden_lezen(
        &self,
        tx: &mut dyn crate::opslag::Leestransactie,
        huishouden_id: i64,
        op: NaiveDate,
        bekend_op: DateTime<Utc>,
    ) -> Result<Vec<Huisgenoot>, AppFout> {
        let leden = tx.huishoudleden_van_huishouden(huishouden_id).await?;
        let versies: Vec<Versie<&HuishoudlidRij>> = leden
            .iter()
            .filter_map(|l| versie(l, &l.historie))
            .collect();
        let geldig: Vec<&Versie<&HuishoudlidRij>> = historie::op(&versies, op, bekend_op);
        let ids: Vec<i64> = geldig.iter().map(|v| v.waarde.persoon_id).collect();
        let beelden = self.personen_beeld(tx, &ids, op, bekend_op).await?;
        let mut huishouden = Vec::new();
        for v in &geldig {
            let Some(p) = beelden.iter().find(|b| b.id == v.waarde.persoon_id) else {
                continue;
            };
            huishouden.push(Huisgenoot {
                leeftijd: p.geboortedatum.map(|g| Geboortedatum(g).leeftijd_op(op)),
                persoon: p.clone(),
                rol: v.waarde.rol,
                rolnaam: v.waarde.rol.naam(),
                geldig: v.geldig,
            });
        }
        // Aanvrager, partner, kinderen, medebewoners; daarbinnen op persoon.
        huishouden.sort_by_key(|h| {
            let volgorde = match h.rol {
                HuishoudRol::Aanvrager => 0,
                HuishoudRol::Partner(_) => 1,
                HuishoudRol::Kind => 2,
                HuishoudRol::Medebewoner(_) => 3,
            };
            (volgorde, h.persoon.id)
        });
        Ok(huishouden)
    }

    /// Een huishouden op een datum, zoals bekend op een moment (standaard vandaag, nu).
    pub async fn huishouden(
        &self,
        ctx: &Context,
        id: i64,
        op: Option<NaiveDate>,
        bekend_op: Option<DateTime<Utc>>,
    ) -> Result<Vec<Huisgenoot>, AppFout> {
        // Zoals `dossier`: lezen, dan het toegangslog gebundeld.
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let nu = self.klok.nu();
        let mut tx = self.opslag.lees().await?;
        let op = op.unwrap_or_else(|| tijd::nl_lokaal(nu).date());
        let bekend_op = bekend_op.unwrap_or(nu).min(nu);
        if tx.huishoudleden_van_huishouden(id).await?.is_empty() {
            return Err(AppFout::NietGevonden("Het huishouden".into()));
        }
        let leden = self
            .huishoudleden_lezen(&mut *tx, id, op, bekend_op)
            .await?;
        tx.afsluiten().await?;
        self.personen_gelezen(
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "Huishouden ingezien",
            personen_van_huishouden(&leden),
        )
        .await?;
        Ok(leden)
    }

    /// Een persoon met zijn dossiers (via zijn huishoudens). In het toegangslog.
    pub async fn persoon(
        &self,
        ctx: &Context,
        id: i64,
    ) -> Result<(PersoonBeeld, Vec<DossierRij>), AppFout> {
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let beeld = self
            .personen_beeld(&mut *tx, &[id], tijd::nl_lokaal(nu).date(), nu)
            .await?
            .pop()
            .ok_or_else(|| AppFout::NietGevonden("De persoon".into()))?;
        let huishoudens: Vec<i64> = tx
            .huishoudleden_van_personen(&[id])
            .await?
            .iter()
            .map(|l| l.huishouden_id)
            .collect();
        let dossiers = tx.dossiers_van_huishoudens(&huishoudens).await?;
        toegang::vastleggen(
            &mut *tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "persoon",
            &id.to_string(),
            "Persoon ingezien",
        )
        .await?;
        tx.commit().await?;
        Ok((beeld, dossiers))
    }

    /// Zoeken op BSN, dossiernummer, naam, geboortedatum of postcode + huisnummer: de eerste
    /// [`ZOEKPAGINA`] treffers; elke getoonde persoon komt in het toegangslog.
    pub async fn zoeken(&self, ctx: &Context, invoer: &str) -> Result<Vec<Treffer>, AppFout> {
        Ok(self.zoeken_pagina(ctx, invoer, 0).await?.0)
    }

    /// Als [`App::zoeken`], pagina `pagina` (vanaf 0) van [`ZOEKPAGINA`] treffers, en of er
    /// meer zijn (issue 21 punt 9). Hoogstens [`ZOEKPAGINAS`] pagina's: wie dan nog zoekt,
    /// verfijnt de vraag.
    pub async fn zoeken_pagina(
        &self,
        ctx: &Context,
        invoer: &str,
        pagina: usize,
    ) -> Result<(Vec<Treffer>, bool), AppFout> {
        if pagina >= ZOEKPAGINAS {
            return Err(AppFout::veld(
                "q",
                format!(
                    "Er zijn meer dan {} treffers; maak de zoekvraag preciezer (bijvoorbeeld met \
                     de voornaam of de geboortedatum).",
                    ZOEKPAGINA * ZOEKPAGINAS
                ),
            ));
        }
        ctx.actor.vereist(Recht::ClientenInzien)?;
        let vraag = Zoekvraag::herken(invoer).map_err(|m| AppFout::veld("q", m))?;
        let sleutel = match &vraag {
            Zoekvraag::Bsn(b) => Zoeksleutel::Bsn(b.getal()),
            Zoekvraag::Dossiernummer(n) => Zoeksleutel::Dossiernummer(n.to_string()),
            Zoekvraag::Geboortedatum(d) => Zoeksleutel::Geboortedatum(*d),
            Zoekvraag::Adres {
                postcode,
                huisnummer,
            } => Zoeksleutel::Adres(postcode.compact(), huisnummer.map(i64::from)),
            Zoekvraag::Naam(n) => Zoeksleutel::Naam(n.clone()),
        };
        // Lezen mag van een leesreplica (een moment verouderd is voor zoeken goed); het
        // toegangslog daarna als één verwerking met een regel per treffer, gebundeld met wat
        // andere lezers tegelijk vastleggen (issue 22 punt 4).
        let nu = self.klok.nu();
        let mut lees = self.opslag.lees_mag_verouderd().await?;
        let tot = (pagina + 1) * ZOEKPAGINA;
        let alle = lees
            .personen_zoeken(&sleutel, i64::try_from(tot + 1).unwrap_or(i64::MAX))
            .await?;
        let meer = alle.len() > tot;
        let ids: Vec<i64> = alle
            .into_iter()
            .skip(pagina * ZOEKPAGINA)
            .take(ZOEKPAGINA)
            .collect();
        let beelden = self
            .personen_beeld(&mut *lees, &ids, tijd::nl_lokaal(nu).date(), nu)
            .await?;
        let leden = lees.huishoudleden_van_personen(&ids).await?;
        let huishoudens: Vec<i64> = leden.iter().map(|l| l.huishouden_id).collect();
        let dossiers = lees.dossiers_van_huishoudens(&huishoudens).await?;
        lees.afsluiten().await?;
        let mut treffers = Vec::new();
        for p in beelden {
            let eigen: Vec<i64> = leden
                .iter()
                .filter(|l| l.persoon_id == p.id)
                .map(|l| l.huishouden_id)
                .collect();
            treffers.push(Treffer {
                persoon_id: p.id,
                bsn_gemaskeerd: Bsn::parse(&p.bsn).map(Bsn::gemaskeerd).unwrap_or_default(),
                naam: p
                    .naam
                    .as_ref()
                    .map_or_else(|| p.weergavenaam.clone(), Naam::sorteervorm),
                geboortedatum: p.geboortedatum,
                adres: p.adres,
                dossiers: dossiers
                    .iter()
                    .filter(|d| eigen.contains(&d.huishouden_id))
                    .map(|d| (d.id, d.nummer.clone(), d.status.naam()))
                    .collect(),
            });
        }
        self.personen_gelezen(
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "Gevonden bij zoeken",
            treffers.iter().map(|t| t.persoon_id).collect(),
        )
        .await?;
        treffers.sort_by(|a, b| a.naam.cmp(&b.naam));
        Ok((treffers, meer))
    }
}

/// Wie in een getoond huishouden staat (elk één keer): wie daarmee gelezen is.
pub(crate) fn personen_van_huishouden(leden: &[Huisgenoot]) -> Vec<i64> {
    let mut ids: Vec<i64> = leden.iter().map(|h| h.persoon.id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Zoveel treffers per pagina.
pub const ZOEKPAGINA: usize = 50;
/// Zoveel pagina's hoogstens.
pub const ZOEKPAGINAS: usize = 20;

/// Een wijziging van een persoon: een correctie van naam of geboortedatum (formeel: de oude
/// versie vervalt, de nieuwe geldt over dezelfde periode) en/of een nieuwe bankrekening per datum
/// (materieel: de oude rekening eindigt op die datum).
#[derive(Debug, Clone, Default)]
pub struct PersoonWijziging {
    /// De versie van de persoon die de medewerker op zijn scherm had.
    pub versie: i64,
    pub voornamen: String,
    pub voorvoegsel: String,
    pub geslachtsnaam: String,
    pub geboortedatum: String,
    /// Leeg: de rekening blijft zoals hij is.
    pub iban: String,
    /// Vanaf wanneer de nieuwe rekening geldt.
    pub iban_vanaf: String,
    pub reden: String,
}

/// Wat een wijziging van een persoon deed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Persoonwijziging {
    /// Een nieuwe rekening wacht op een tweede medewerker: het id van het verzoek.
    pub rekening_ter_beoordeling: Option<i64>,
}

impl App {
    /// Corrigeert naam en geboortedatum, en vraagt (vier ogen) een nieuwe rekening aan.
    pub async fn persoon_wijzigen(
        &self,
        ctx: &Context,
        id: i64,
        w: &PersoonWijziging,
    ) -> Result<Persoonwijziging, AppFout> {
        let mut tx = self.handeling(ctx, Recht::DossiersRegistreren).await?;
        let nu = tx.nu;
        let vandaag = tijd::nl_lokaal(nu).date();
        let mut f = Veldfouten::nieuw();
        let naam = match Naam::parse(&w.voornamen, &w.voorvoegsel, &w.geslachtsnaam) {
            Ok(n) => Some(n),
            Err(fs) => {
                for (veld, melding) in fs {
                    f.voeg_toe(&veld, melding);
                }
                None
            }
        };
        let geb = f.controleer(
            "geboortedatum",
            Geboortedatum::parse(&w.geboortedatum, vandaag),
        );
        let nieuwe_iban = if w.iban.trim().is_empty() {
            None
        } else {
            f.controleer("iban", Iban::parse(&w.iban))
        };
        let iban_vanaf = if nieuwe_iban.is_some() {
            f.controleer(
                "iban_vanaf",
                parse_datum(&w.iban_vanaf, "ingangsdatum van de rekening"),
            )
        } else {
            None
        };
        if w.reden.trim().is_empty() {
            f.voeg_toe(
                "reden",
                "Geef de reden van de wijziging (komt in de audittrail en de historie).",
            );
        } else if w.reden.chars().count() > 500 {
            f.voeg_toe("reden", "De reden mag hoogstens 500 tekens lang zijn.");
        }
        f.clone().resultaat()?;
        let (Some(naam), Some(geb)) = (naam, geb) else {
            return Err(AppFout::Intern("controle zonder uitkomst".into()));
        };
        let persoon = tx
            .persoon_op_id(id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("De persoon".into()))?;
        let conflict = || {
            AppFout::Verouderd(
            "Iemand anders heeft deze persoon intussen gewijzigd. Bekijk de nieuwe gegevens en breng uw wijziging opnieuw aan.".into(),
        )
        };
        if persoon.versie != w.versie {
            return Err(conflict());
        }
        let h = |vanaf: NaiveDate, tot: Option<NaiveDate>| Historie {
            geldig_vanaf: vanaf,
            geldig_tot: tot,
            geregistreerd_op: nu,
            vervallen_op: None,
            operatie_id: ctx.operatie_id.clone(),
        };
        let mut wijzigingen = Vec::new();
        let gegevens = tx.persoonsgegevens_van(&[id]).await?;
        let huidig = gegevens.iter().rev().find(|g| g.historie.actueel());
        let gelijk = huidig.is_some_and(|g| {
            g.voornamen == naam.voornamen
                && g.voorvoegsel == naam.voorvoegsel
                && g.geslachtsnaam == naam.geslachtsnaam
                && g.geboortedatum == geb.0
        });
        // Een nieuwe rekening en een andere naam tegelijk: dan zag wie de rekening beoordeelt een
        // tenaamstelling die net is veranderd. Eerst het een, dan het ander.
        if !gelijk && nieuwe_iban.is_some() {
            return Err(AppFout::veld(
                "iban",
                "Wijzig de naam en de bankrekening in twee stappen: eerst de naam opslaan, dan \
                 de nieuwe rekening (die een tweede medewerker beoordeelt).",
            ));
        }
        // Naam en geboortedatum: een correctie over de hele periode.
        if !gelijk {
            if let Some(g) = huidig {
                tx.versie_laten_vervallen(Historietabel::Persoonsgegevens, g.id, nu)
                    .await?;
            }
            tx.persoonsgegevens_invoegen(&PersoonsgegevensRij {
                id: 0,
                persoon_id: id,
                voornamen: naam.voornamen.clone(),
                voorvoegsel: naam.voorvoegsel.clone(),
                geslachtsnaam: naam.geslachtsnaam.clone(),
                zoeknaam: naam.zoeknaam(),
                zoeknaam_volledig: naam.zoeknaam_volledig(),
                geboortedatum: geb.0,
                historie: h(geb.0, None),
            })
            .await?;
            wijzigingen.push(format!(
                "naam/geboortedatum gecorrigeerd naar {} ({})",
                naam.weergave(),
                geb.weergave()
            ));
        }
        // Een nieuwe rekening gaat pas in als een tweede medewerker haar goedkeurt (vier ogen,
        // issue 21 punt 4): hier alleen het verzoek.
        let mut ter_beoordeling = None;
        if let (Some(iban), Some(vanaf)) = (&nieuwe_iban, iban_vanaf) {
            ter_beoordeling = Some(
                crate::rekeningen::verzoek_vastleggen(
                    &mut *tx,
                    ctx,
                    nu,
                    id,
                    iban,
                    &naam.weergave(),
                    vanaf,
                    w.reden.trim(),
                )
                .await?,
            );
            wijzigingen.push(format!(
                "nieuwe bankrekening {} vanaf {} ter beoordeling (vier ogen)",
                crate::rekeningen::gemaskeerd(iban.as_str()),
                vanaf.format("%d-%m-%Y")
            ));
        }
        let uit = Persoonwijziging {
            rekening_ter_beoordeling: ter_beoordeling,
        };
        if wijzigingen.is_empty() {
            return Ok(uit);
        }
        if !tx.persoon_versie_ophogen(id, w.versie).await? {
            return Err(conflict());
        }
        tx.audit(Wijziging {
            actie: "persoon.gewijzigd",
            onderwerp_type: "persoon",
            onderwerp_id: id.to_string(),
            samenvatting: format!("Persoon gewijzigd: {}", wijzigingen.join("; ")),
            reden: Some(w.reden.trim().to_owned()),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(uit)
    }
}
