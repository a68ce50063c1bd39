//! De kalender van termijnen: de dagen die bij koninklijk besluit met een feestdag zijn
//! gelijkgesteld (ATW art. 3 lid 3). De functioneel beheerder houdt ze bij, met de bron; elke
//! termijn en servicenorm rekent ermee (`vangnet_domain::werkdagen`). Elke server laadt ze bij
//! het starten, na een wijziging en bij de periodieke escalatie, zodat alle servers hetzelfde
//! rekenen.

use chrono::{Datelike, NaiveDate, Weekday};
use vangnet_domain::werkdagen::{
    feestdag, gelijkgestelde_dagen_zetten, STANDAARD_GELIJKGESTELD, STANDAARD_GELIJKGESTELD_BRON,
};
use vangnet_domain::{Recht, Veldfouten};

use crate::audit::Wijziging;
use crate::geheim;
use crate::opslag::GelijkgesteldeDagRij;
use crate::{App, AppFout, Context};

/// Of de standaardlijst al in de database is gezet (dan beslist de beheerder erover).
const GEZAAID: &str = "gelijkgestelde_dagen_gezaaid";

impl App {
    /// Laadt de gelijkgestelde dagen uit de database in de kalender waarmee termijnen rekenen.
    /// De eerste keer zet het de standaardlijst (participatiewet-feiten.md §12) in de database.
    pub async fn kalender_laden(&self) -> Result<(), AppFout> {
        let dagen = self.kalender_zaaien().await?;
        gelijkgestelde_dagen_zetten(dagen);
        Ok(())
    }

    /// Zet de standaardlijst in de database als dat nog niet gebeurd is, en geeft de dagen die
    /// er staan (zonder de kalender van dit proces te zetten: voor tests die naast elkaar
    /// lopen).
    pub async fn kalender_zaaien(&self) -> Result<Vec<NaiveDate>, AppFout> {
        let mut tx = self
            .systeemhandeling("kalender", &geheim::operatie_id())
            .await?;
        if tx.installatie_lezen(GEZAAID).await?.is_none() {
            let nu = tx.nu;
            for (datum, omschrijving) in STANDAARD_GELIJKGESTELD {
                let datum = NaiveDate::parse_from_str(datum, "%Y-%m-%d")
                    .map_err(|e| AppFout::Intern(format!("standaard gelijkgestelde dag: {e}")))?;
                tx.gelijkgestelde_dag_zetten(&GelijkgesteldeDagRij {
                    datum,
                    omschrijving: omschrijving.into(),
                    bron: STANDAARD_GELIJKGESTELD_BRON.into(),
                    gewijzigd_op: nu,
                    gewijzigd_door: "systeem (standaardlijst)".into(),
                })
                .await?;
            }
            tx.installatie_zetten(GEZAAID, "ja").await?;
            tx.audit(Wijziging {
                actie: "kalender.standaard",
                onderwerp_type: "kalender",
                onderwerp_id: "gelijkgestelde_dagen".into(),
                samenvatting: format!(
                    "{} met een feestdag gelijkgestelde dagen uit de standaardlijst gezet (ATW art. 3 lid 3)",
                    STANDAARD_GELIJKGESTELD.len()
                ),
                ..Default::default()
            })
            .await?;
        }
        let dagen = tx.gelijkgestelde_dagen().await?;
        tx.commit().await?;
        Ok(dagen.into_iter().map(|d| d.datum).collect())
    }

    /// De gelijkgestelde dagen, oplopend (functioneel beheerder).
    pub async fn gelijkgestelde_dagen(
        &self,
        ctx: &Context,
    ) -> Result<Vec<GelijkgesteldeDagRij>, AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut tx = self.opslag.lees().await?;
        let dagen = tx.gelijkgestelde_dagen().await?;
        tx.afsluiten().await?;
        Ok(dagen)
    }

    /// Een dag met een feestdag gelijkstellen (of de omschrijving en bron van een bestaande
    /// wijzigen). Alleen een doordeweekse dag die nog geen feestdag is.
    pub async fn gelijkgestelde_dag_zetten(
        &self,
        ctx: &Context,
        datum: &str,
        omschrijving: &str,
        bron: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut f = Veldfouten::nieuw();
        let dag = f.controleer(
            "datum",
            vangnet_domain::persoon::datum::parse_datum(datum, "datum"),
        );
        if let Some(d) = dag {
            if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                f.voeg_toe(
                    "datum",
                    format!(
                        "{} valt in het weekend: een termijn schuift dan al door (ATW art. 1).",
                        d.format("%d-%m-%Y")
                    ),
                );
            } else if let Some(naam) = feestdag(d) {
                f.voeg_toe(
                    "datum",
                    format!(
                        "{} is al een feestdag ({naam}, ATW art. 3 lid 1 of 2).",
                        d.format("%d-%m-%Y")
                    ),
                );
            }
        }
        let omschrijving = omschrijving.trim();
        if omschrijving.is_empty() || omschrijving.chars().count() > 100 {
            f.voeg_toe(
                "omschrijving",
                "Geef een omschrijving van 1 tot 100 tekens (bv. 'Vrijdag na Hemelvaartsdag').",
            );
        }
        let bron = bron.trim();
        if bron.is_empty() || bron.chars().count() > 300 {
            f.voeg_toe(
                "bron",
                "Noem de bron van 1 tot 300 tekens: het koninklijk besluit (Staatscourant).",
            );
        }
        f.clone().resultaat()?;
        let dag = dag.ok_or(AppFout::Ongeldig(f))?;
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        let voor = tx
            .gelijkgestelde_dagen()
            .await?
            .into_iter()
            .find(|d| d.datum == dag);
        let rij = GelijkgesteldeDagRij {
            datum: dag,
            omschrijving: omschrijving.into(),
            bron: bron.into(),
            gewijzigd_op: tx.nu,
            gewijzigd_door: ctx.actor.omschrijving(),
        };
        tx.gelijkgestelde_dag_zetten(&rij).await?;
        tx.vastleggen(Wijziging {
            actie: "kalender.gelijkgesteld",
            onderwerp_type: "kalender",
            onderwerp_id: vangnet_domain::tijd::datum_tekst(dag),
            samenvatting: format!(
                "{} met een feestdag gelijkgesteld (ATW art. 3 lid 3): {omschrijving}",
                dag.format("%d-%m-%Y")
            ),
            voor: voor.map(|v| serde_json::to_value(v).unwrap_or_default()),
            na: Some(serde_json::to_value(&rij).unwrap_or_default()),
            reden: None,
        })
        .await?;
        self.kalender_laden().await
    }

    /// Een gelijkgestelde dag weer een gewone dag maken.
    pub async fn gelijkgestelde_dag_verwijderen(
        &self,
        ctx: &Context,
        datum: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let dag = vangnet_domain::persoon::datum::parse_datum(datum, "datum")
            .map_err(|m| AppFout::veld("datum", m))?;
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        let voor = tx
            .gelijkgestelde_dagen()
            .await?
            .into_iter()
            .find(|d| d.datum == dag)
            .ok_or_else(|| AppFout::NietGevonden("Deze gelijkgestelde dag".into()))?;
        tx.gelijkgestelde_dag_verwijderen(dag).await?;
        tx.vastleggen(Wijziging {
            actie: "kalender.niet_meer_gelijkgesteld",
            onderwerp_type: "kalender",
            onderwerp_id: vangnet_domain::tijd::datum_tekst(dag),
            samenvatting: format!(
                "{} is niet meer met een feestdag gelijkgesteld",
                dag.format("%d-%m-%Y")
            ),
            voor: Some(serde_json::to_value(&voor).unwrap_or_default()),
            na: None,
            reden: None,
        })
        .await?;
        self.kalender_laden().await
    }
}
