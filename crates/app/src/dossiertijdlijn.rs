//! De tijdlijn van een dossier (issue 21 punt 8): de hele geschiedenis, nieuwste eerst en te
//! filteren op soort: registratie en verdeling, besluiten (ook voorschotten en vermogen),
//! mutaties met hun beoordeling, betalingen en correcties, en contactmomenten. Documenten komen
//! erbij met het digitale dossier (issue 24).

use chrono::{DateTime, Utc};
use serde::Serialize;
use vangnet_domain::bedrag::euro;
use vangnet_domain::betaalrun::Runstatus;
use vangnet_domain::dossier::Gebeurtenissoort;
use vangnet_domain::{tijd, verwerking, Recht};

use crate::{toegang, App, AppFout, Context};

/// Per bladzijde zoveel regels.
pub const PER_PAGINA: usize = 25;

/// De soorten op de tijdlijn (het filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Tijdlijnsoort {
    Aanvraag,
    Besluit,
    Mutatie,
    Betaling,
    Contact,
}

impl Tijdlijnsoort {
    pub const ALLE: [Tijdlijnsoort; 5] = [
        Tijdlijnsoort::Aanvraag,
        Tijdlijnsoort::Besluit,
        Tijdlijnsoort::Mutatie,
        Tijdlijnsoort::Betaling,
        Tijdlijnsoort::Contact,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Tijdlijnsoort::Aanvraag => "aanvraag",
            Tijdlijnsoort::Besluit => "besluit",
            Tijdlijnsoort::Mutatie => "mutatie",
            Tijdlijnsoort::Betaling => "betaling",
            Tijdlijnsoort::Contact => "contact",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Tijdlijnsoort::Aanvraag => "Aanvraag en verdeling",
            Tijdlijnsoort::Besluit => "Besluiten",
            Tijdlijnsoort::Mutatie => "Mutaties",
            Tijdlijnsoort::Betaling => "Betalingen en correcties",
            Tijdlijnsoort::Contact => "Contact",
        }
    }

    pub fn uit_code(code: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|s| s.code() == code)
    }
}

/// Eén regel op de tijdlijn.
#[derive(Debug, Clone, Serialize)]
pub struct Tijdlijnregel {
    pub tijdstip: DateTime<Utc>,
    pub soort: Tijdlijnsoort,
    pub tekst: String,
    pub wie: String,
}

/// Een bladzijde van de tijdlijn, met het aantal regels per soort (voor het filter).
#[derive(Debug, Clone, Serialize)]
pub struct Tijdlijn {
    pub regels: Vec<Tijdlijnregel>,
    pub meer: bool,
    pub per_soort: Vec<(Tijdlijnsoort, usize)>,
    pub totaal: usize,
}

impl App {
    /// De tijdlijn van een dossier, nieuwste eerst; `soort` filtert, `pagina` telt vanaf 0.
    /// Schrijft het toegangslog voor de cliënt.
    pub async fn dossier_tijdlijn(
        &self,
        ctx: &Context,
        dossier_id: i64,
        soort: Option<Tijdlijnsoort>,
        pagina: usize,
    ) -> Result<Tijdlijn, AppFout> {
        // Contactmomenten met hun afscherming, zoals elders (eigen leesronde).
        let contact = if ctx.actor.mag(Recht::ContactmomentenInzien) {
            self.contactmomenten_van_dossier(ctx, dossier_id).await?
        } else {
            Vec::new()
        };
        let mut tx = self.handeling(ctx, Recht::ClientenInzien).await?;
        let nu = tx.nu;
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        let mut alle = Vec::new();
        let mut namen = std::collections::HashMap::new();
        for g in tx.gebeurtenissen_van(dossier_id).await? {
            let soort = match g.soort {
                Gebeurtenissoort::Geregistreerd
                | Gebeurtenissoort::Verdeeld
                | Gebeurtenissoort::Toegewezen => Tijdlijnsoort::Aanvraag,
                _ => Tijdlijnsoort::Besluit,
            };
            alle.push(Tijdlijnregel {
                tijdstip: g.tijdstip,
                soort,
                tekst: g.omschrijving,
                wie: g.actor,
            });
        }
        for v in tx.toekenningsvoorstellen_van(dossier_id).await? {
            alle.push(Tijdlijnregel {
                tijdstip: v.voorgesteld_op,
                soort: Tijdlijnsoort::Besluit,
                tekst: format!(
                    "Toekenning vanaf {} voorgelegd aan een tweede consulent (nabetaling {})",
                    v.begindatum.format("%d-%m-%Y"),
                    euro(v.nabetaling_centen)
                ),
                wie: naam(&mut *tx, &mut namen, v.voorgesteld_door).await?,
            });
            if let (Some(op), Some(door)) = (v.beoordeeld_op, v.beoordeeld_door) {
                alle.push(Tijdlijnregel {
                    tijdstip: op,
                    soort: Tijdlijnsoort::Besluit,
                    tekst: match &v.afwijsreden {
                        Some(r) => format!("Toekenning afgewezen: {r}"),
                        None => "Toekenning goedgekeurd (vier ogen)".to_owned(),
                    },
                    wie: naam(&mut *tx, &mut namen, door).await?,
                });
            }
        }
        if let Some(u) = tx.uitkering_van_dossier(dossier_id).await? {
            for m in tx.mutaties_van(u.id).await? {
                let wie = match m.geregistreerd_door {
                    Some(g) => naam(&mut *tx, &mut namen, g).await?,
                    None => "het systeem".to_owned(),
                };
                alle.push(Tijdlijnregel {
                    tijdstip: m.geregistreerd_op,
                    soort: Tijdlijnsoort::Mutatie,
                    tekst: format!(
                        "Mutatie {}: {} per {} geregistreerd (impact {}){}. {}",
                        m.id,
                        m.soort.naam().to_lowercase(),
                        m.ingangsdatum.format("%d-%m-%Y"),
                        m.impact_centen,
                        if m.vier_ogen { ", vier ogen" } else { "" },
                        m.reden
                    ),
                    wie,
                });
                if let (Some(op), Some(door)) = (m.beoordeeld_op, m.beoordeeld_door) {
                    alle.push(Tijdlijnregel {
                        tijdstip: op,
                        soort: Tijdlijnsoort::Mutatie,
                        tekst: match &m.afwijsreden {
                            Some(r) => format!("Mutatie {} afgewezen: {r}", m.id),
                            None => format!("Mutatie {} goedgekeurd en verwerkt", m.id),
                        },
                        wie: naam(&mut *tx, &mut namen, door).await?,
                    });
                }
            }
            for c in tx.correcties_van(u.id).await? {
                alle.push(Tijdlijnregel {
                    tijdstip: c.aangemaakt_op,
                    soort: Tijdlijnsoort::Betaling,
                    tekst: format!(
                        "Correctie over {}: {} ({})",
                        tijd::maand_weergave(c.maand),
                        c.bedrag_centen,
                        c.oorzaak
                    ),
                    wie: "herberekening".to_owned(),
                });
            }
        }
        let mut runs = std::collections::BTreeMap::new();
        for r in tx.betaalregels_van_dossier(dossier_id).await? {
            if let std::collections::btree_map::Entry::Vacant(plek) = runs.entry(r.run_id) {
                plek.insert(tx.betaalrun_op_id(r.run_id).await?);
            }
            let Some(Some(run)) = runs.get(&r.run_id) else {
                continue;
            };
            let Some(op) = run
                .goedgekeurd_op
                .filter(|_| matches!(run.status, Runstatus::Goedgekeurd | Runstatus::Geexporteerd))
            else {
                continue;
            };
            alle.push(Tijdlijnregel {
                tijdstip: op,
                soort: Tijdlijnsoort::Betaling,
                tekst: format!(
                    "{} over {}: {} (betaaldatum {}{})",
                    r.categorie.naam(),
                    tijd::maand_weergave(r.maand),
                    r.bedrag_centen,
                    run.betaaldatum.format("%d-%m-%Y"),
                    if run.tussentijds {
                        ", tussentijdse run"
                    } else {
                        ""
                    }
                ),
                wie: format!("betaalrun {}", run.id),
            });
        }
        for c in contact {
            alle.push(Tijdlijnregel {
                tijdstip: c.rij.tijdstip,
                soort: Tijdlijnsoort::Contact,
                tekst: if c.afgeschermd {
                    format!("{} ({}): afgeschermd", c.kanaalnaam, c.onderwerpnaam)
                } else {
                    format!(
                        "{} ({}), {}: {}",
                        c.kanaalnaam, c.onderwerpnaam, c.uitkomstnaam, c.rij.tekst
                    )
                },
                wie: c.rij.door,
            });
        }
        toegang::vastleggen(
            &mut *tx,
            ctx,
            nu,
            verwerking::BIJSTANDSVERLENING,
            "persoon",
            &dossier.client_id.to_string(),
            "Tijdlijn van het dossier ingezien",
        )
        .await?;
        tx.commit().await?;
        alle.sort_by_key(|r| std::cmp::Reverse(r.tijdstip));
        let per_soort = Tijdlijnsoort::ALLE
            .into_iter()
            .map(|s| (s, alle.iter().filter(|r| r.soort == s).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let totaal = alle.len();
        let gefilterd: Vec<Tijdlijnregel> = alle
            .into_iter()
            .filter(|r| soort.is_none_or(|s| r.soort == s))
            .collect();
        let meer = gefilterd.len() > (pagina + 1) * PER_PAGINA;
        Ok(Tijdlijn {
            regels: gefilterd
                .into_iter()
                .skip(pagina * PER_PAGINA)
                .take(PER_PAGINA)
                .collect(),
            meer,
            per_soort,
            totaal,
        })
    }
}

/// De naam van een medewerker (één keer opgezocht).
async fn naam(
    tx: &mut dyn crate::opslag::Leestransactie,
    namen: &mut std::collections::HashMap<i64, String>,
    id: i64,
) -> Result<String, AppFout> {
    if let Some(n) = namen.get(&id) {
        return Ok(n.clone());
    }
    let n = tx
        .gebruiker_op_id(id)
        .await?
        .map_or_else(|| format!("gebruiker {id}"), |g| g.volledige_naam);
    namen.insert(id, n.clone());
    Ok(n)
}
