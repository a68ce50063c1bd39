//! Een uitkering toekennen (het besluit op de aanvraag: melding, vermogen, de verrekening van
//! voorschotten, de nabetaling binnen zes weken) en de bijstand op de gegevens van een aanvraag
//! waarop nog niet is besloten (voor een voorschot, art. 52).

use super::*;
use crate::opslag::ToekenningsvoorstelRij;
use vangnet_domain::beheerverzoek::Verzoekstatus;

pub use crate::werk::VOORSTEL_TAAK;

/// Wat een consulent voor een toekenning invult.
#[derive(Debug, Clone, Copy, Default)]
pub struct Toekenningsinvoer<'a> {
    /// `jjjj-mm-dd` of `dd-mm-jjjj`.
    pub begindatum: &'a str,
    /// Het besluit in woorden.
    pub inhoud: &'a str,
    /// Alleen bij een begin vóór de melding (art. 44 lid 1).
    pub bijzondere_reden: &'a str,
}

/// Wat een toekenning zou betalen: de bijstand per maand vanaf het begin tot en met deze
/// maand, en wat daarvan een nabetaling is.
#[derive(Debug, Clone)]
pub struct Toekenningsvoorbeeld {
    pub begin: NaiveDate,
    /// Per maand de uitbetaling, of waarom die niet te berekenen is.
    pub maanden: Vec<(NaiveDate, Result<Centen, String>)>,
    pub totaal: Centen,
    /// De maanden vóór deze maand: wat het besluit in één keer verschuldigd maakt (art. 4:87
    /// Awb: binnen zes weken te betalen).
    pub nabetaling: Centen,
    /// Waarom een tweede consulent moet goedkeuren, als dat zo is.
    pub vier_ogen: Option<String>,
    /// De eerste maand met uitleg.
    pub uitleg: Option<Uitkomst>,
    /// De laatste dag met een normtabel, als de maanden daarna (nog) niet te berekenen zijn.
    pub berekend_tot: Option<NaiveDate>,
}

/// De uitkomst van toekennen: de uitkering is er, of het voorstel wacht op vier ogen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toekenning {
    Toegekend(i64),
    Voorgelegd(i64),
}

impl Toekenning {
    /// Het id van de uitkering, als zij is toegekend.
    pub fn uitkering_id(self) -> Option<i64> {
        match self {
            Toekenning::Toegekend(id) => Some(id),
            Toekenning::Voorgelegd(_) => None,
        }
    }
}

impl App {
    /// De bijstand van `maand` op de gegevens van een aanvraag waarop nog niet is besloten (voor
    /// een voorschot, art. 52): zoals een uitkering vanaf de dag van de melding die het zou
    /// berekenen, met het huishouden en eventueel een bekend inkomen van de aanvrager. `Err`:
    /// waarom de maand niet te berekenen is. Schrijft het toegangslog van het huishouden.
    pub(crate) async fn bijstand_op_aanvraag(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        dossier: &crate::opslag::DossierRij,
        maand: NaiveDate,
        inkomen: Option<(Inkomenssoort, Centen)>,
    ) -> Result<Result<Uitkomst, String>, AppFout> {
        let nu = self.klok.nu();
        let u = UitkeringRij {
            id: 0,
            dossier_id: dossier.id,
            begindatum: dossier.gemeld_op,
            einddatum: None,
            einde_reden: None,
            besluit_datum: dossier.gemeld_op,
            besluit_door: String::new(),
            besluit_inhoud: String::new(),
            grondslag: String::new(),
            bezwaar_tot: dossier.gemeld_op,
            versie: 0,
            aangemaakt_op: nu,
        };
        let gegevens = inkomen.map(|(inkomenssoort, netto_centen)| Gegevens::Inkomen {
            inkomenssoort,
            netto_centen,
            van: Wie::Aanvrager,
            vakantietoeslag_centen: 0,
        });
        let extra = gegevens
            .as_ref()
            .map(|g| (maand.max(dossier.gemeld_op), None, g));
        let feiten = self.feiten(tx, ctx, &u, extra, None).await?;
        let tabellen = self.geldende_normtabellen(tx).await?;
        Ok(match feiten.uitleg(maand, &tabellen) {
            Some(Ok(u)) => Ok(u),
            Some(Err(e)) => Err(e.to_string()),
            None => Err(format!(
                "{} valt buiten de periode vanaf de melding.",
                tijd::maand_weergave(maand)
            )),
        })
    }

    /// Leest en controleert een toekenning: de velden, dan tegen het dossier (nog geen
    /// uitkering, het begin tegen de melding, het vermogen). Geeft het begin en de grondslag.
    pub(super) async fn toekenning_controleren(
        &self,
        tx: &mut dyn Transactie,
        dossier: &crate::opslag::DossierRij,
        invoer: &Toekenningsinvoer<'_>,
        vandaag: NaiveDate,
    ) -> Result<(NaiveDate, String), AppFout> {
        let mut f = Veldfouten::nieuw();
        let begin = f.controleer(
            "begindatum",
            parse_datum(invoer.begindatum, "datum waarop de bijstand ingaat"),
        );
        if invoer.inhoud.trim().is_empty() {
            f.voeg_toe("inhoud", "Beschrijf het besluit.");
        } else if invoer.inhoud.chars().count() > 500 {
            f.voeg_toe("inhoud", "Het besluit is hoogstens 500 tekens lang.");
        }
        f.clone().resultaat()?;
        let Some(begin) = begin else {
            return Err(AppFout::Ongeldig(f));
        };
        if tx.uitkering_van_dossier(dossier.id).await?.is_some() {
            return Err(AppFout::veld(
                "begindatum",
                "Op dit dossier is al een uitkering toegekend.",
            ));
        }
        // Afgewezen, buiten behandeling gesteld of ingetrokken: op deze aanvraag is beslist. Wie
        // opnieuw bijstand vraagt, doet een nieuwe aanvraag (een nieuw dossier).
        if !dossier.status.open() {
            return Err(AppFout::Conflict(format!(
                "Op deze aanvraag is al beslist ({}); zij kan niet meer worden toegekend. \
                 Registreer een nieuwe aanvraag.",
                dossier.status.naam().to_lowercase()
            )));
        }
        let reden = invoer.bijzondere_reden.trim();
        if begin < dossier.gemeld_op && reden.is_empty() {
            return Err(AppFout::veld(
                "begindatum",
                format!(
                    "De bijstand gaat niet in vóór de dag van de melding ({}), tenzij om \
                     bijzondere redenen (art. 44 lid 1 Pw). Kies een latere datum of noem de \
                     bijzondere reden.",
                    dossier.gemeld_op.format("%d-%m-%Y")
                ),
            ));
        }
        // Een begin ver na vandaag is een tikfout, geen besluit op deze aanvraag.
        let uiterst = eerste_van(vandaag)
            .checked_add_months(chrono::Months::new(2))
            .and_then(|d| d.pred_opt())
            .unwrap_or(vandaag);
        if begin > uiterst {
            return Err(AppFout::veld(
                "begindatum",
                format!(
                    "De bijstand kan hoogstens tot en met {} ingaan (het einde van volgende \
                     maand); gaat het recht later in, beslis dan later.",
                    uiterst.format("%d-%m-%Y")
                ),
            ));
        }
        if reden.chars().count() > 500 {
            return Err(AppFout::veld(
                "bijzondere_reden",
                "De bijzondere reden is hoogstens 500 tekens lang.",
            ));
        }
        let mut grondslag = "Participatiewet art. 11 (recht op algemene bijstand)".to_owned();
        if begin < dossier.gemeld_op {
            grondslag.push_str(&format!(
                "; met terugwerkende kracht vóór de melding van {} om bijzondere redenen (art. 44 \
                 lid 1): {reden}",
                dossier.gemeld_op.format("%d-%m-%Y")
            ));
        }
        // Art. 34: staat het vermogen volgens de laatste geldige opgave aan het recht in de weg,
        // dan geen toekenning.
        let vermogen = self
            .vermogen_van_huishouden(&mut *tx, dossier.huishouden_id, self.klok.nu())
            .await?;
        if let Some(v) = vermogen.iter().find(|v| v.opgave.vervallen_op.is_none()) {
            if let Some(m) = &v.niet_te_toetsen {
                return Err(AppFout::veld(
                    "begindatum",
                    format!(
                        "De vermogensopgave per {} kan niet worden getoetst: {m} Toekennen kan \
                         pas als duidelijk is dat het vermogen niet in de weg staat.",
                        v.opgave.peildatum.format("%d-%m-%Y")
                    ),
                ));
            }
            if let (true, Some(t)) = (v.staat_in_de_weg(), &v.toets) {
                return Err(AppFout::veld(
                    "begindatum",
                    format!(
                        "Volgens de vermogensopgave per {} staat het vermogen aan het recht in de \
                         weg: {} boven de grens van {} (art. 31 lid 1 en art. 34 Pw). Leg een \
                         nieuwe opgave vast als het vermogen is ingeteerd.",
                        t.peildatum.format("%d-%m-%Y"),
                        vangnet_domain::bedrag::euro(t.vermogen_centen - t.grens_centen),
                        vangnet_domain::bedrag::euro(t.grens_centen)
                    ),
                ));
            }
        }
        Ok((begin, grondslag))
    }

    /// De bijstand per maand als de uitkering op `begin` ingaat, tot en met deze maand (of de
    /// eerste maand, als die later is), met de nabetaling en of vier ogen nodig zijn.
    pub(super) async fn toekenning_berekenen(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        dossier: &crate::opslag::DossierRij,
        begin: NaiveDate,
        vandaag: NaiveDate,
    ) -> Result<Toekenningsvoorbeeld, AppFout> {
        let u = UitkeringRij {
            id: 0,
            dossier_id: dossier.id,
            begindatum: begin,
            einddatum: None,
            einde_reden: None,
            besluit_datum: vandaag,
            besluit_door: String::new(),
            besluit_inhoud: String::new(),
            grondslag: String::new(),
            bezwaar_tot: vandaag,
            versie: 0,
            aangemaakt_op: self.klok.nu(),
        };
        let tabellen = self.geldende_normtabellen(&mut *tx).await?;
        let feiten = self.feiten(&mut *tx, ctx, &u, None, None).await?;
        let deze_maand = eerste_van(vandaag);
        let tot = eerste_van(begin.max(vandaag))
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(vandaag);
        let horizon = tot.min(tabellen.laatste_dag());
        let maanden: Vec<(NaiveDate, Result<Centen, String>)> = feiten
            .per_maand(eerste_van(begin), horizon, &tabellen)
            .into_iter()
            .map(|(m, uit)| {
                (
                    m,
                    match uit {
                        vangnet_domain::uitkering::Maanduitkomst::Bedragen(b) => Ok(b.uitbetaling),
                        vangnet_domain::uitkering::Maanduitkomst::GeenUitkering => Ok(0),
                        vangnet_domain::uitkering::Maanduitkomst::Fout(e) => Err(e.to_string()),
                    },
                )
            })
            .collect();
        let nabetaling: Centen = maanden
            .iter()
            .filter(|(m, _)| *m < deze_maand)
            .filter_map(|(_, b)| b.as_ref().ok())
            .sum();
        let drempel = vier_ogen(&mut *tx).await?.drempel;
        let vier_ogen = if begin < dossier.gemeld_op {
            Some(format!(
                "de bijstand gaat in vóór de melding van {} (art. 44 lid 1)",
                dossier.gemeld_op.format("%d-%m-%Y")
            ))
        } else if nabetaling > drempel {
            Some(format!(
                "de nabetaling over de maanden vóór deze maand ({}) ligt boven de drempel van {}",
                vangnet_domain::bedrag::euro(nabetaling),
                vangnet_domain::bedrag::euro(drempel)
            ))
        } else {
            None
        };
        Ok(Toekenningsvoorbeeld {
            begin,
            totaal: maanden.iter().filter_map(|(_, b)| b.as_ref().ok()).sum(),
            uitleg: feiten
                .uitleg(eerste_van(begin), &tabellen)
                .and_then(Result::ok),
            berekend_tot: (tot > horizon).then_some(horizon),
            maanden,
            nabetaling,
            vier_ogen,
        })
    }

    /// Wat een toekenning zou betalen, zonder iets op te slaan (het scherm toont het vóór het
    /// opslaan, zoals bij een mutatie).
    pub async fn toekenning_voorbeeld(
        &self,
        ctx: &Context,
        dossier_id: i64,
        invoer: &Toekenningsinvoer<'_>,
    ) -> Result<Toekenningsvoorbeeld, AppFout> {
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let vandaag = tijd::nl_lokaal(tx.nu).date();
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let (begin, _) = self
            .toekenning_controleren(&mut *tx, &dossier, invoer, vandaag)
            .await?;
        let v = self
            .toekenning_berekenen(&mut *tx, ctx, &dossier, begin, vandaag)
            .await?;
        tx.commit().await?;
        Ok(v)
    }

    /// Kent een uitkering toe vanaf `begindatum`, met besluit (vandaag) en bezwaartermijn, en
    /// rekent haar maanden tot en met deze maand uit. Het recht gaat niet in vóór de dag van de
    /// melding, tenzij om bijzondere redenen (art. 44 lid 1 Pw): dan noemt `bijzondere_reden`
    /// die, en staat zij in de grondslag van het besluit.
    ///
    /// Vier ogen (issue 21 punt 2): gaat de bijstand vóór de melding in, of ligt de nabetaling
    /// over de maanden vóór deze maand boven de drempel van vier ogen, dan wordt de toekenning
    /// voorgelegd aan een tweede consulent ([`Toekenning::Voorgelegd`]). Het systeem (de
    /// opdrachtregel, de demo) kent direct toe.
    pub async fn uitkering_toekennen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        invoer: &Toekenningsinvoer<'_>,
    ) -> Result<Toekenning, AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let vandaag = tijd::nl_lokaal(nu).date();
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let (begin, grondslag) = self
            .toekenning_controleren(&mut *tx, &dossier, invoer, vandaag)
            .await?;
        if let Some(open) = tx
            .toekenningsvoorstellen_van(dossier.id)
            .await?
            .into_iter()
            .find(|v| v.status == Verzoekstatus::Open)
        {
            return Err(AppFout::veld(
                "begindatum",
                format!(
                    "Er wacht al een toekenning op een tweede consulent (voorstel {}). Laat die \
                     eerst beoordelen.",
                    open.id
                ),
            ));
        }
        let voorbeeld = self
            .toekenning_berekenen(&mut *tx, ctx, &dossier, begin, vandaag)
            .await?;
        if let (Some(waarom), Some(gebruiker)) = (&voorbeeld.vier_ogen, ctx.actor.gebruiker_id()) {
            let mut v = ToekenningsvoorstelRij {
                id: 0,
                dossier_id: dossier.id,
                begindatum: begin,
                inhoud: invoer.inhoud.trim().into(),
                bijzondere_reden: invoer.bijzondere_reden.trim().into(),
                nabetaling_centen: voorbeeld.nabetaling,
                voorgesteld_door: gebruiker,
                voorgesteld_op: nu,
                status: Verzoekstatus::Open,
                beoordeeld_door: None,
                beoordeeld_op: None,
                afwijsreden: None,
                versie: 1,
            };
            v.id = tx
                .toekenningsvoorstel_invoegen(&v)
                .await
                .map_err(|e| match e {
                    crate::opslag::OpslagFout::Uniek(_) => AppFout::Conflict(
                        "Een collega legde tegelijk een toekenning voor op dit dossier.".into(),
                    ),
                    e => e.into(),
                })?;
            crate::werk::taak_maken(
                &mut *tx,
                ctx,
                nu,
                crate::werk::NieuweTaak {
                    soort: Taaksoort::Goedkeuring,
                    omschrijving: format!(
                        "{VOORSTEL_TAAK}{}) op dossier {} goedkeuren: vanaf {}, {waarom}",
                        v.id,
                        dossier.nummer,
                        begin.format("%d-%m-%Y")
                    ),
                    dossier_id: Some(dossier.id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: vandaag,
                    deadline: None,
                    team_id: dossier.team_id,
                    gebruiker_id: None,
                    prioriteit: 0,
                    reden: "Vier ogen: een tweede consulent beoordeelt de toekenning",
                },
            )
            .await?;
            tx.vastleggen(Wijziging {
                actie: "toekenning.voorgelegd",
                onderwerp_type: "dossier",
                onderwerp_id: dossier.id.to_string(),
                samenvatting: format!(
                    "Toekenning op dossier {} vanaf {} voorgelegd aan een tweede consulent: {waarom}",
                    dossier.nummer,
                    begin.format("%d-%m-%Y")
                ),
                na: Some(serde_json::to_value(&v).unwrap_or_default()),
                ..Default::default()
            })
            .await?;
            return Ok(Toekenning::Voorgelegd(v.id));
        }
        let id = self
            .toekenning_uitvoeren(
                &mut *tx,
                ctx,
                &dossier,
                begin,
                invoer.inhoud.trim(),
                grondslag,
                ctx.actor.omschrijving(),
            )
            .await?;
        tx.commit().await?;
        Ok(Toekenning::Toegekend(id))
    }

    /// Legt de uitkering vast en doet wat het besluit meebrengt: het dossier besloten, de taken
    /// klaar, voorschotten verrekend, de maanden berekend, een taak voor de nabetaling.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn toekenning_uitvoeren(
        &self,
        tx: &mut dyn Transactie,
        ctx: &Context,
        dossier: &crate::opslag::DossierRij,
        begin: NaiveDate,
        inhoud: &str,
        grondslag: String,
        besluit_door: String,
    ) -> Result<i64, AppFout> {
        let nu = self.klok.nu();
        let vandaag = tijd::nl_lokaal(nu).date();
        let dossier_id = dossier.id;
        let u = UitkeringRij {
            id: 0,
            dossier_id,
            begindatum: begin,
            einddatum: None,
            einde_reden: None,
            besluit_datum: vandaag,
            besluit_door,
            besluit_inhoud: inhoud.into(),
            grondslag,
            bezwaar_tot: bezwaartermijn(vandaag),
            versie: 1,
            aangemaakt_op: nu,
        };
        let id = tx.uitkering_invoegen(&u).await?;
        let u = UitkeringRij { id, ..u };
        // Het besluit: het dossier is besloten, en de taken beslissen en voorschot zijn klaar.
        let besloten = vangnet_domain::dossier::Status::Besloten;
        if dossier.status.mag_naar(besloten)
            && !tx
                .dossier_status_zetten(dossier.id, besloten, dossier.versie, nu)
                .await?
        {
            return Err(AppFout::Conflict(
                "Het dossier werd tegelijk gewijzigd. Probeer het opnieuw.".into(),
            ));
        }
        crate::werk::taken_afronden(&mut *tx, ctx, nu, dossier.id, |t| {
            matches!(t.soort, Taaksoort::Besluit | Taaksoort::Voorschot)
                || (t.soort == Taaksoort::Goedkeuring && t.omschrijving.starts_with(VOORSTEL_TAAK))
        })
        .await?;
        tx.gebeurtenis_toevoegen(&crate::opslag::GebeurtenisRij {
            id: 0,
            dossier_id: dossier.id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: vangnet_domain::dossier::Gebeurtenissoort::Besloten,
            omschrijving: format!(
                "Uitkering toegekend vanaf {}; bezwaar mogelijk tot en met {}",
                begin.format("%d-%m-%Y"),
                bezwaartermijn(vandaag).format("%d-%m-%Y")
            ),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        // Art. 52 lid 4: betaalde voorschotten worden verrekend met de bijstand van hun maand.
        let maanden = {
            let tabellen = self.geldende_normtabellen(&mut *tx).await?;
            let feiten = self.feiten(&mut *tx, ctx, &u, None, None).await?;
            let mut m = BTreeMap::new();
            for v in tx.voorschotten_van(dossier.id).await? {
                if let Some((_, vangnet_domain::uitkering::Maanduitkomst::Bedragen(b))) =
                    feiten.per_maand(v.maand, v.maand, &tabellen).first()
                {
                    m.insert(v.maand, (b.uitbetaling, b.reservering));
                }
            }
            m
        };
        let verrekend =
            crate::voorschotten::verrekenen_bij_toekenning(&mut *tx, &u, &maanden, nu).await?;
        let oorzaak = if verrekend {
            format!("toekenning; {}", crate::voorschotten::VERREKENING)
        } else {
            "toekenning".to_owned()
        };
        self.herberekenen(&mut *tx, ctx, &u, None, &oorzaak).await?;
        // Awb 4:87: wat het besluit over eerdere maanden verschuldigd maakt, wordt binnen zes
        // weken betaald. Een taak voor het team met die deadline (op Vandaag van de
        // teamleider): valt de volgende maandrun later, dan een tussentijdse run.
        if begin < eerste_van(vandaag) {
            crate::werk::taak_maken(
                &mut *tx,
                ctx,
                nu,
                crate::werk::NieuweTaak {
                    soort: Taaksoort::Betaling,
                    omschrijving: format!(
                        "Dossier {}: nabetaling van {} tot en met {} verschuldigd door het besluit \
                         van {}; uiterlijk {} betalen (art. 4:87 Awb). Valt de volgende maandrun \
                         later, start dan een tussentijdse run.",
                        dossier.nummer,
                        tijd::maand_weergave(eerste_van(begin)),
                        tijd::maand_weergave(
                            eerste_van(vandaag)
                                .pred_opt()
                                .map_or(begin, eerste_van)
                        ),
                        vandaag.format("%d-%m-%Y"),
                        (vandaag + chrono::Duration::weeks(6)).format("%d-%m-%Y")
                    ),
                    dossier_id: Some(dossier.id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: vandaag,
                    deadline: Some(vandaag + chrono::Duration::weeks(6)),
                    team_id: dossier.team_id,
                    gebruiker_id: None,
                    prioriteit: 1,
                    reden: "Toekenning met terugwerkende kracht",
                },
            )
            .await?;
        }
        audit::vastleggen(
            &mut *tx,
            ctx,
            nu,
            Wijziging {
                actie: "uitkering.toegekend",
                onderwerp_type: "dossier",
                onderwerp_id: dossier.id.to_string(),
                samenvatting: format!(
                    "Uitkering toegekend op dossier {} vanaf {}",
                    dossier.nummer,
                    begin.format("%d-%m-%Y")
                ),
                na: Some(serde_json::to_value(&u).unwrap_or_default()),
                ..Default::default()
            },
        )
        .await?;
        Ok(id)
    }
}
