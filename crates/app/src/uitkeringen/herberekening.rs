//! Het rekendeel van een herberekening: de maanden van een uitkering opnieuw uitrekenen tegen
//! wat er staat, wat al is gecorrigeerd en welke vakantietoeslag al is betaald. Puur op de rijen;
//! de use cases schrijven wat hier uitkomt. Ook het lees- en rekendeel van één partij van de
//! herberekening na nieuwe normtabellen (`Normpartij`), dat in elke (lees)transactie kan lopen.

use super::*;
use vangnet_domain::uitkering::Maanduitkomst;

/// Wat een herberekening van één uitkering schrijft.
pub(super) struct Bijwerking {
    /// De verschillen in maanden die er al waren.
    pub(super) verschillen: Vec<Maandverschil>,
    /// De maanden die anders (of nieuw) uitkomen.
    pub(super) maanden: Vec<MaandbedragRij>,
    /// Een correctie voor elke al betaalde maand met een ander bedrag.
    pub(super) correcties: Vec<CorrectieRij>,
}

/// Rekent de maanden van een uitkering (van de start tot en met deze maand) opnieuw uit tegen
/// wat er staat (`bestaand`) en wat al als correctie is vastgelegd, en de al betaalde
/// vakantietoeslag (maand tot en met, bedrag) tegen de reservering zoals die nu uitkomt.
/// Puur: de aanroeper schrijft, voor één uitkering of in bulk voor een hele partij.
#[allow(clippy::too_many_arguments)]
pub(super) fn maanden_vergelijken(
    u: &UitkeringRij,
    feiten: &Feiten,
    bestaand: &[MaandbedragRij],
    correcties: &[CorrectieRij],
    tabellen: &vangnet_domain::normen::Normtabellen,
    mutatie_id: Option<i64>,
    oorzaak: &str,
    nu: DateTime<Utc>,
    vakantietoeslag: &Vakantietoeslaggeschiedenis,
    uitbetaalmaand: u32,
) -> Bijwerking {
    let vandaag = tijd::nl_lokaal(nu).date();
    let begin = eerste_van(u.begindatum);
    let mut b = Bijwerking {
        verschillen: Vec::new(),
        maanden: Vec::new(),
        correcties: Vec::new(),
    };
    let nieuwe_correctie =
        |maand: NaiveDate, bedrag_centen: Centen, soort: Correctiesoort| CorrectieRij {
            id: 0,
            uitkering_id: u.id,
            maand,
            bedrag_centen: bedrag_centen.into(),
            oorzaak: oorzaak.into(),
            mutatie_id,
            aangemaakt_op: nu,
            verrekend_op: None,
            soort,
        };
    for (maand, m) in feiten.per_maand(begin, vandaag, tabellen) {
        // Een maand die niet te berekenen is (geen normtabel, een geboortedatum die niet
        // klopt), blijft zoals hij was: nooit een bedrag 0 met een correctie van alles wat al
        // betaald is.
        if let Maanduitkomst::Fout(e) = &m {
            tracing::warn!(uitkering = u.id, %maand, fout = %e, "maand niet herberekend");
            continue;
        }
        let nieuw = m.uitbetaling();
        let oud = bestaand.iter().find(|b| b.maand == maand);
        if oud.is_some_and(|o| o.berekend_centen == nieuw) {
            continue;
        }
        if let Some(o) = oud {
            b.verschillen.push(Maandverschil {
                maand,
                voor: o.berekend_centen.centen(),
                na: nieuw,
                verschil: nieuw - o.berekend_centen.centen(),
            });
        }
        let betaald = oud.and_then(|o| o.betaald_centen);
        b.maanden.push(MaandbedragRij {
            uitkering_id: u.id,
            maand,
            berekend_centen: nieuw.into(),
            betaald_centen: betaald,
            berekend_op: nu,
        });
        if let Some(betaald) = betaald.map(Bedrag::centen) {
            // Wat al als correctie is vastgelegd (verrekend of niet) telt mee.
            let al = al_gecorrigeerd(correcties, u.id, maand, Correctiesoort::Maand);
            let verschil = nieuw - betaald - al;
            if verschil != 0 {
                b.correcties
                    .push(nieuwe_correctie(maand, verschil, Correctiesoort::Maand));
            }
        }
    }
    // Een al betaalde vakantietoeslag (tot en met maand `t`) tegen de reservering over dezelfde
    // opbouwperiode zoals die nu uitkomt: schoof het einde naar voren, dan bouwden de
    // weggevallen maanden niets op en is er te veel betaald.
    for (t, betaald) in &vakantietoeslag.betaald {
        let opbouw = vangnet_domain::betaalrun::opbouw_vanaf(*t, uitbetaalmaand);
        if feiten
            .per_maand(opbouw, *t, tabellen)
            .iter()
            .any(|(_, m)| matches!(m, Maanduitkomst::Fout(_)))
        {
            continue;
        }
        // Wat in dezelfde opbouwperiode al eerder is betaald (een einde dat verviel), telt niet
        // nog eens.
        let eerder = betaalrun::eerder_betaalde_vakantietoeslag(
            *t,
            vakantietoeslag.betaald.iter().map(|(m, _)| *m),
            uitbetaalmaand,
        );
        // Wat een verrekend voorschot van deze vakantietoeslag al voorschoot, ook niet.
        let verschuldigd = (feiten.vakantietoeslag_na(*t, eerder, uitbetaalmaand, tabellen)
            - betaalrun::voorgeschoten_vakantietoeslag(
                *t,
                eerder,
                &vakantietoeslag.voorgeschoten,
                uitbetaalmaand,
            ))
        .max(0);
        let al = al_gecorrigeerd(correcties, u.id, *t, Correctiesoort::Vakantietoeslag);
        let verschil = betaalrun::vakantietoeslag_correctie(verschuldigd, *betaald, al);
        if verschil != 0 {
            b.correcties.push(nieuwe_correctie(
                *t,
                verschil,
                Correctiesoort::Vakantietoeslag,
            ));
        }
    }
    b
}

/// Wat aan correcties van deze soort al voor de maand van een uitkering is vastgelegd
/// (verrekend of niet).
fn al_gecorrigeerd(
    correcties: &[CorrectieRij],
    uitkering_id: i64,
    maand: NaiveDate,
    soort: Correctiesoort,
) -> Centen {
    correcties
        .iter()
        .filter(|c| c.uitkering_id == uitkering_id && c.maand == maand && c.soort == soort)
        .map(|c| c.bedrag_centen.centen())
        .sum()
}

/// Wat een uitkering aan vakantietoeslag al kreeg: door goedgekeurde runs betaald (de maand
/// tot en met welke, het bedrag) en door verrekende voorschotten voorgeschoten (de maand van het
/// voorschot, het deel dat de vakantietoeslag voorschoot; art. 52 lid 4).
#[derive(Debug, Clone, Default)]
pub(super) struct Vakantietoeslaggeschiedenis {
    pub betaald: Vec<(NaiveDate, Centen)>,
    pub voorgeschoten: Vec<(NaiveDate, Centen)>,
}

/// Zie [`Vakantietoeslaggeschiedenis`], per uitkering.
pub(super) async fn betaalde_vakantietoeslag(
    tx: &mut dyn Leestransactie,
    uitkeringen: &[&UitkeringRij],
) -> Result<BTreeMap<i64, Vakantietoeslaggeschiedenis>, AppFout> {
    let ids: Vec<i64> = uitkeringen.iter().map(|u| u.id).collect();
    let Some(vanaf) = uitkeringen.iter().map(|u| u.begindatum).min() else {
        return Ok(BTreeMap::new());
    };
    let mut uit: BTreeMap<i64, Vakantietoeslaggeschiedenis> = BTreeMap::new();
    for (u, categorie, maand, bedrag) in tx.betaald_voor_uitkeringen(&ids, vanaf).await? {
        if categorie == Categorie::Vakantietoeslag {
            uit.entry(u).or_default().betaald.push((maand, bedrag));
        }
    }
    for (u, maand, bedrag) in tx.voorschotten_verrekend_met(&ids).await? {
        if bedrag.centen() != 0 {
            uit.entry(u)
                .or_default()
                .voorgeschoten
                .push((maand, bedrag.centen()));
        }
    }
    Ok(uit)
}

/// Zoveel uitkeringen per partij van de herberekening na nieuwe normtabellen (één transactie).
pub(super) const NORMPARTIJ: i64 = 200;

/// Zoveel partijen leest en rekent de herberekening op SQLite vooruit, elk op een eigen
/// leesverbinding (de pool heeft er vier).
pub(super) const VOORUIT: usize = 2;

/// Een partij die vooruit wordt gelezen en gerekend: het aantal eigen commits toen haar
/// momentopname begon, en de taak (die de schrijfteller in die momentopname en de partij geeft).
pub(super) struct Vooruit {
    pub(super) eigen: i64,
    pub(super) taak: tokio::task::JoinHandle<Result<(i64, Normpartij), AppFout>>,
}

/// Eén partij van de herberekening na nieuwe normtabellen, gelezen en gerekend, nog niet
/// geschreven.
#[derive(Default)]
pub(super) struct Normpartij {
    /// De uitkeringen, oplopend (leeg: er zijn er geen meer).
    pub(super) ids: Vec<i64>,
    pub(super) maanden: Vec<MaandbedragRij>,
    pub(super) correcties: Vec<CorrectieRij>,
    /// Per uitkering het dossiernummer en de maanden die anders uitkomen.
    pub(super) verschillen: Vec<(String, Vec<Maandverschil>)>,
    /// Wie in de huishoudens staat (voor het toegangslog).
    pub(super) gelezen: Vec<i64>,
}

impl App {
    /// Leest de partij `ids` in `tx` en rekent haar uit zoals op `nu`; schrijft niets.
    pub(super) async fn normpartij_lezen(
        &self,
        tx: &mut dyn Leestransactie,
        ids: Vec<i64>,
        nu: DateTime<Utc>,
    ) -> Result<Normpartij, AppFout> {
        if ids.is_empty() {
            return Ok(Normpartij::default());
        }
        // Alle rijen van de partij in een handvol queries; dan per uitkering rekenen.
        let tabellen = self.geldende_normtabellen(tx).await?;
        let mut correcties: BTreeMap<i64, Vec<CorrectieRij>> = BTreeMap::new();
        for c in tx.correcties_van_uitkeringen(&ids).await? {
            correcties.entry(c.uitkering_id).or_default().push(c);
        }
        let partij = partij_laden(tx, &ids, nu, true).await?;
        let vakantietoeslag =
            betaalde_vakantietoeslag(tx, &partij.iter().map(|g| &g.uitkering).collect::<Vec<_>>())
                .await?;
        let mut uit = Normpartij {
            gelezen: personen_van(&partij),
            ids,
            ..Default::default()
        };
        for g in partij {
            let u = &g.uitkering;
            let b = maanden_vergelijken(
                u,
                &g.feiten,
                &g.maandbedragen,
                correcties.get(&u.id).map_or(&[][..], Vec::as_slice),
                &tabellen,
                None,
                "nieuwe normtabellen",
                nu,
                &vakantietoeslag.get(&u.id).cloned().unwrap_or_default(),
                self.instellingen.betaling.vakantietoeslag_maand,
            );
            uit.maanden.extend(b.maanden);
            uit.correcties.extend(b.correcties);
            uit.verschillen
                .push((g.dossier.nummer.clone(), b.verschillen));
        }
        Ok(uit)
    }

    /// Start het lezen en rekenen van de partij `ids` op een eigen taak en leesverbinding. Het
    /// eerste antwoord komt zodra de momentopname vastligt (met de schrijfteller erin); de taak
    /// geeft die stand en de partij.
    #[allow(clippy::type_complexity)]
    pub(super) fn normpartij_vooruit(
        &self,
        ids: Vec<i64>,
    ) -> (
        tokio::sync::oneshot::Receiver<()>,
        tokio::task::JoinHandle<Result<(i64, Normpartij), AppFout>>,
    ) {
        let (vast, begonnen) = tokio::sync::oneshot::channel();
        let app = self.clone();
        let taak = tokio::spawn(async move {
            let mut lees = app.opslag.lees().await?;
            // De eerste vraag legt de momentopname van SQLite vast.
            let stand = lees.schrijfteller().await?;
            let _ = vast.send(());
            let p = app.normpartij_lezen(&mut *lees, ids, app.klok.nu()).await?;
            lees.afsluiten().await?;
            let stand = stand.ok_or_else(|| AppFout::Intern("geen schrijfteller".into()))?;
            Ok((stand, p))
        });
        (begonnen, taak)
    }
}
