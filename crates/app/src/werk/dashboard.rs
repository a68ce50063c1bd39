//! Het dashboard van een team (de teamleider): open werk per consulent en soort, op tijd per
//! servicenorm, wat vandaag afloopt of op risico staat (met de naam van de cliënt), en wie
//! afwezig is.

use super::*;

/// Het open werk van één consulent, voor het teamdashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Consulentwerk {
    pub gebruiker_id: i64,
    pub naam: String,
    /// Open taken per taaksoort, in de volgorde van `Teamdashboard::soorten`.
    pub per_soort: Vec<usize>,
    pub totaal: usize,
    pub te_laat: usize,
    pub risico: usize,
    pub afwezig_tot_en_met: Option<NaiveDate>,
}

/// Hoe een servicenorm werd gehaald over de laatste vier weken.
#[derive(Debug, Clone, Serialize)]
pub struct Normscore {
    pub soort: Taaksoort,
    pub norm: Servicenorm,
    /// Taken die in de periode gereed kwamen.
    pub gereed: usize,
    pub op_tijd: usize,
    /// Percentage op tijd, afgerond op hele procenten; geen als er niets gereed kwam.
    pub procent: Option<i64>,
}

/// Het dashboard van een team (teamleider).
#[derive(Debug, Clone, Serialize)]
pub struct Teamdashboard {
    pub team_id: i64,
    pub team: String,
    pub datum: NaiveDate,
    /// Begin van de periode voor "op tijd" (vier weken terug).
    pub sinds: NaiveDate,
    /// De taaksoorten waarvan het team open werk heeft.
    pub soorten: Vec<Taaksoort>,
    pub consulenten: Vec<Consulentwerk>,
    /// Open taken van het team zonder eigenaar.
    pub zonder_eigenaar: usize,
    pub normen: Vec<Normscore>,
    /// Taken die vandaag aflopen of op risico staan.
    pub risico_vandaag: Vec<Taakregel>,
    pub afwezigheden: Vec<(String, AfwezigheidRij)>,
}

impl App {
    /// Het dashboard van een team: open werk per consulent en soort, op tijd per servicenorm over
    /// de laatste vier weken, wat vandaag afloopt of op risico staat, en wie afwezig is.
    pub async fn team_dashboard(
        &self,
        ctx: &Context,
        team_id: i64,
    ) -> Result<Teamdashboard, AppFout> {
        ctx.actor.vereist(Recht::TakenToewijzen)?;
        let nu = self.klok.nu();
        let dag = vandaag(nu);
        let sinds = dag - chrono::Duration::days(28);
        // Een handeling: de namen bij de taken komen in het toegangslog.
        let mut tx = self.handeling(ctx, Recht::TakenToewijzen).await?;
        let team = tx
            .team_op_id(team_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het team".into()))?;
        let kandidaten = kandidaten(&mut *tx, team_id, dag, &[]).await?;
        let tellingen = tx.teamwerk_tellingen(team_id, dag).await?;
        let mut risico_vandaag: Vec<Taakregel> = tx
            .team_risico(team_id, dag, 200)
            .await?
            .into_iter()
            .map(|t| regel(t, dag))
            .collect();
        let ids: Vec<i64> = risico_vandaag
            .iter()
            .filter_map(|r| r.taak.persoon_id)
            .collect();
        let namen =
            crate::toegang::clientnamen(&mut *tx, ctx, nu, &ids, "Naam getoond bij een taak")
                .await?;
        for r in &mut risico_vandaag {
            r.client = r.taak.persoon_id.and_then(|p| namen.get(&p).cloned());
        }
        let gereed = tx
            .team_gereed_sinds(team_id, tijd::begin_nl_dag(sinds))
            .await?;
        let leden = tx.teamleden(team_id).await?;
        let afwezig = tx.afwezigheden_vanaf(dag).await?;
        let mut normen = Vec::new();
        for soort in Taaksoort::ALLE {
            normen.push((soort, servicenorm(&mut *tx, soort).await?));
        }
        tx.commit().await?;
        let tel = |f: &dyn Fn(Option<i64>, Taaksoort, i64) -> bool| -> usize {
            tellingen
                .iter()
                .filter(|(g, s, groep, _)| f(*g, *s, *groep))
                .map(|(_, _, _, n)| usize::try_from(*n).unwrap_or(0))
                .sum()
        };
        // Alleen de soorten waarvan het team open werk heeft (de rest is een kolom nullen).
        let soorten: Vec<Taaksoort> = Taaksoort::ALLE
            .into_iter()
            .filter(|s| tel(&|_, x, _| x == *s) > 0)
            .collect();
        let consulenten = kandidaten
            .iter()
            .map(|(g, k)| {
                let id = Some(g.id);
                Consulentwerk {
                    gebruiker_id: g.id,
                    naam: g.volledige_naam.clone(),
                    per_soort: soorten
                        .iter()
                        .map(|s| tel(&|e, x, _| e == id && x == *s))
                        .collect(),
                    totaal: tel(&|e, _, _| e == id),
                    te_laat: tel(&|e, _, groep| e == id && groep == 0),
                    risico: tel(&|e, _, groep| e == id && (groep == 1 || groep == 2)),
                    afwezig_tot_en_met: k.afwezig_tot_en_met,
                }
            })
            .collect();
        let normscores = normen
            .into_iter()
            .map(|(soort, norm)| {
                let klaar: Vec<&TaakRij> = gereed.iter().filter(|t| t.soort == soort).collect();
                let op_tijd = klaar
                    .iter()
                    .filter(|t| {
                        t.gereed_op
                            .is_some_and(|m| tijd::nl_lokaal(m).date() <= t.deadline)
                    })
                    .count();
                Normscore {
                    soort,
                    norm,
                    gereed: klaar.len(),
                    op_tijd,
                    procent: (!klaar.is_empty()).then(|| {
                        let (a, b) = (op_tijd as i64, klaar.len() as i64);
                        (200 * a + b) / (2 * b)
                    }),
                }
            })
            .collect();
        let namen: BTreeMap<i64, String> = leden
            .into_iter()
            .map(|g| (g.id, g.volledige_naam))
            .collect();
        Ok(Teamdashboard {
            team_id,
            team: team.naam,
            datum: dag,
            sinds,
            zonder_eigenaar: tel(&|e, _, _| e.is_none()),
            risico_vandaag,
            afwezigheden: afwezig
                .into_iter()
                .filter_map(|a| namen.get(&a.gebruiker_id).map(|n| (n.clone(), a)))
                .collect(),
            soorten,
            consulenten,
            normen: normscores,
        })
    }
}
