//! De inrichting van vier ogen: de drempel waarboven een mutatie een tweede consulent vraagt en
//! de soorten die dat altijd doen; gewijzigd door een functioneel beheerder, met een tweede
//! beheerder die het verzoek beoordeelt.

use super::*;

pub const VIER_OGEN_DREMPEL: Centen = 50_000;
const DREMPEL_SLEUTEL: &str = "vier_ogen_drempel_centen";
const SOORTEN_SLEUTEL: &str = "vier_ogen_soorten";

/// De inrichting van vier ogen: de drempel en de soorten die altijd goedkeuring vragen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VierOgen {
    pub drempel: Centen,
    pub soorten: Vec<Mutatiesoort>,
}

pub(super) async fn vier_ogen(tx: &mut dyn Leestransactie) -> Result<VierOgen, AppFout> {
    let drempel = tx
        .installatie_lezen(DREMPEL_SLEUTEL)
        .await?
        .and_then(|d| d.parse().ok())
        .unwrap_or(VIER_OGEN_DREMPEL);
    let soorten = match tx.installatie_lezen(SOORTEN_SLEUTEL).await? {
        Some(lijst) => lijst
            .split(',')
            .filter_map(|c| Mutatiesoort::uit_code(c.trim()))
            .collect(),
        None => Mutatiesoort::ALLE
            .into_iter()
            .filter(|s| s.standaard_vier_ogen())
            .collect(),
    };
    Ok(VierOgen { drempel, soorten })
}

impl VierOgen {
    /// Zoals in een beheerverzoek: `{"drempel_centen": …, "soorten": ["…"]}`.
    pub fn als_json(&self) -> serde_json::Value {
        serde_json::json!({
            "drempel_centen": self.drempel,
            "soorten": self.soorten.iter().map(|s| s.code()).collect::<Vec<_>>(),
        })
    }

    pub fn uit_json(v: &serde_json::Value) -> Option<Self> {
        Some(Self {
            drempel: v["drempel_centen"].as_i64()?,
            soorten: v["soorten"]
                .as_array()?
                .iter()
                .map(|c| c.as_str().and_then(Mutatiesoort::uit_code))
                .collect::<Option<Vec<_>>>()?,
        })
    }

    /// `boven € 500,00, en altijd bij beëindiging`.
    pub fn beschrijving(&self) -> String {
        format!(
            "boven {}, en altijd bij {}",
            vangnet_domain::bedrag::euro(self.drempel),
            if self.soorten.is_empty() {
                "geen soort".to_owned()
            } else {
                self.soorten
                    .iter()
                    .map(|s| s.naam().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        )
    }
}

/// Zet de inrichting van vier ogen, met het auditrecord (direct, of na goedkeuring van een
/// beheerverzoek).
pub(crate) async fn vier_ogen_zetten(
    tx: &mut dyn Transactie,
    ctx: &Context,
    nu: chrono::DateTime<chrono::Utc>,
    nieuw: &VierOgen,
) -> Result<(), AppFout> {
    let voor = vier_ogen(tx).await?;
    let codes: Vec<&str> = nieuw.soorten.iter().map(|s| s.code()).collect();
    tx.installatie_zetten(DREMPEL_SLEUTEL, &nieuw.drempel.to_string())
        .await?;
    tx.installatie_zetten(SOORTEN_SLEUTEL, &codes.join(","))
        .await?;
    audit::vastleggen(
        tx,
        ctx,
        nu,
        Wijziging {
            actie: "vier_ogen.ingericht",
            onderwerp_type: "installatie",
            onderwerp_id: "vier_ogen".into(),
            samenvatting: format!("Vier ogen: {}", nieuw.beschrijving()),
            voor: Some(voor.als_json()),
            na: Some(nieuw.als_json()),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

impl App {
    /// Hoe vier ogen nu is ingericht.
    pub async fn vier_ogen_inrichting(&self, ctx: &Context) -> Result<VierOgen, AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut tx = self.opslag.lees().await?;
        let v = vier_ogen(tx.as_mut()).await?;
        tx.afsluiten().await?;
        Ok(v)
    }

    /// Vier ogen inrichten (functioneel beheerder): de drempel in euro's, en de soorten mutatie
    /// die altijd een tweede consulent vragen. Een medewerker kan dit niet alleen (issue 17,
    /// punt 6): het wordt een verzoek dat een tweede functioneel beheerder beoordeelt; geeft het
    /// id daarvan. De opdrachtregel (het systeem) zet het direct (`None`).
    pub async fn vier_ogen_inrichten(
        &self,
        ctx: &Context,
        drempel: &str,
        soorten: &[String],
    ) -> Result<Option<i64>, AppFout> {
        ctx.actor.vereist(Recht::WerkInrichten)?;
        let mut f = Veldfouten::nieuw();
        let drempel = f.controleer("drempel", vangnet_domain::bedrag::parse_euro(drempel));
        let mut gekozen = Vec::new();
        for code in soorten {
            match Mutatiesoort::uit_code(code) {
                Some(s) if !gekozen.contains(&s) => gekozen.push(s),
                Some(_) => {}
                None => f.voeg_toe("soorten", "Kies bestaande soorten mutatie."),
            }
        }
        f.resultaat()?;
        let nieuw = VierOgen {
            drempel: drempel.unwrap_or(VIER_OGEN_DREMPEL),
            soorten: gekozen,
        };
        if ctx.actor.gebruiker_id().is_some() {
            return self
                .beheerverzoek_doen(ctx, Verzoeksoort::VierOgen, 0, nieuw.als_json())
                .await
                .map(Some);
        }
        let mut tx = self.handeling(ctx, Recht::WerkInrichten).await?;
        let nu = tx.nu;
        vier_ogen_zetten(&mut *tx, ctx, nu, &nieuw).await?;
        tx.commit().await?;
        Ok(None)
    }
}
