//! Een uitkering toekennen (het besluit op de aanvraag: melding, vermogen, de verrekening van
//! voorschotten, de nabetaling binnen zes weken) en de bijstand op de gegevens van een aanvraag
//! waarop nog niet is besloten (voor een voorschot, art. 52).

use super::*;

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

    /// Kent een uitkering toe op een dossier, met besluit (vandaag) en bezwaartermijn, en rekent
    /// haar maanden tot en met deze maand uit.
    /// Kent de uitkering toe vanaf `begindatum`. Het recht gaat niet in vóór de dag van de
    /// melding, tenzij om bijzondere redenen (art. 44 lid 1 Pw): dan noemt `bijzondere_reden`
    /// die, en staat zij in de grondslag van het besluit.
    pub async fn uitkering_toekennen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        begindatum: &str,
        inhoud: &str,
        bijzondere_reden: &str,
    ) -> Result<i64, AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let mut f = Veldfouten::nieuw();
        let begin = f.controleer("begindatum", parse_datum(begindatum, "begindatum"));
        if inhoud.trim().is_empty() {
            f.voeg_toe("inhoud", "Beschrijf het besluit.");
        }
        f.clone().resultaat()?;
        let Some(begin) = begin else {
            return Err(AppFout::Ongeldig(f));
        };
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let vandaag = tijd::nl_lokaal(nu).date();
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        if tx.uitkering_van_dossier(dossier_id).await?.is_some() {
            return Err(AppFout::veld(
                "begindatum",
                "Op dit dossier is al een uitkering toegekend.",
            ));
        }
        let reden = bijzondere_reden.trim();
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
            .vermogen_van_huishouden(&mut *tx, dossier.huishouden_id, nu)
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
        let u = UitkeringRij {
            id: 0,
            dossier_id,
            begindatum: begin,
            einddatum: None,
            einde_reden: None,
            besluit_datum: vandaag,
            besluit_door: ctx.actor.omschrijving(),
            besluit_inhoud: inhoud.trim().into(),
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
        tx.vastleggen(Wijziging {
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
        })
        .await?;
        Ok(id)
    }
}
