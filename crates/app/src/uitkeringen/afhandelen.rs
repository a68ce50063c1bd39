//! Het besluit op een aanvraag zonder uitkering (issue 21 punt 10: "beslissen" sluit door te
//! beslissen): afwijzen met de grond, buiten behandeling stellen (art. 4:5 Awb) of de intrekking
//! door de aanvrager vastleggen. Een nog niet betaald voorschot vervalt; een betaald voorschot
//! wordt een vordering om te beoordelen (art. 58 lid 2 onder d Pw).

use super::*;
use vangnet_domain::beheerverzoek::Verzoekstatus;
use vangnet_domain::dossier::Status;

/// Hoe een aanvraag zonder uitkering eindigt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Afhandeling {
    /// Afgewezen: er is geen recht (een besluit, met bezwaar).
    Afgewezen,
    /// Buiten behandeling gesteld: gevraagde gegevens kwamen niet binnen de hersteltermijn (art.
    /// 4:5 Awb; een besluit, met bezwaar).
    BuitenBehandeling,
    /// De aanvrager trok de aanvraag in (geen besluit).
    Ingetrokken,
}

impl Afhandeling {
    pub const ALLE: [Afhandeling; 3] = [
        Afhandeling::Afgewezen,
        Afhandeling::BuitenBehandeling,
        Afhandeling::Ingetrokken,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Afhandeling::Afgewezen => "afwijzen",
            Afhandeling::BuitenBehandeling => "buiten_behandeling_stellen",
            Afhandeling::Ingetrokken => "intrekking_vastleggen",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Afhandeling::Afgewezen => "Afwijzen (geen recht op bijstand)",
            Afhandeling::BuitenBehandeling => "Buiten behandeling stellen (art. 4:5 Awb)",
            Afhandeling::Ingetrokken => "De aanvrager trok de aanvraag in",
        }
    }

    pub fn uit_code(code: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|a| a.code() == code)
    }

    fn status(self) -> Status {
        match self {
            Afhandeling::Afgewezen => Status::Besloten,
            Afhandeling::BuitenBehandeling => Status::BuitenBehandeling,
            Afhandeling::Ingetrokken => Status::Ingetrokken,
        }
    }
}

impl App {
    /// Beslist op een aanvraag zonder uitkering. `grond`: bij afwijzen het artikel en de
    /// feiten, bij buiten behandeling welke gegevens ontbraken en tot wanneer, bij intrekking
    /// hoe en wanneer de aanvrager dat liet weten.
    pub async fn aanvraag_afhandelen(
        &self,
        ctx: &Context,
        dossier_id: i64,
        uitkomst: &str,
        grond: &str,
    ) -> Result<(), AppFout> {
        ctx.actor.vereist(Recht::UitkeringenBeheren)?;
        let mut f = Veldfouten::nieuw();
        let uitkomst = Afhandeling::uit_code(uitkomst.trim());
        if uitkomst.is_none() {
            f.voeg_toe("uitkomst", "Kies hoe de aanvraag eindigt.");
        }
        let grond = grond.trim();
        if grond.is_empty() {
            f.voeg_toe(
                "grond",
                "Geef de grond: het artikel en de feiten (bij afwijzen), de ontbrekende gegevens \
                 (buiten behandeling) of hoe de aanvrager de aanvraag introk.",
            );
        } else if grond.chars().count() > 1000 {
            f.voeg_toe("grond", "De grond is hoogstens 1000 tekens lang.");
        }
        f.resultaat()?;
        let Some(uitkomst) = uitkomst else {
            return Err(AppFout::veld("uitkomst", "Kies hoe de aanvraag eindigt."));
        };
        let mut tx = self.handeling(ctx, Recht::UitkeringenBeheren).await?;
        let nu = tx.nu;
        let vandaag = tijd::nl_lokaal(nu).date();
        let dossier = tx
            .dossier_op_id(dossier_id)
            .await?
            .ok_or_else(|| AppFout::NietGevonden("Het dossier".into()))?;
        if !dossier.status.open() || tx.uitkering_van_dossier(dossier.id).await?.is_some() {
            return Err(AppFout::veld(
                "uitkomst",
                "Op deze aanvraag is al besloten.",
            ));
        }
        if tx
            .toekenningsvoorstellen_van(dossier.id)
            .await?
            .iter()
            .any(|v| v.status == Verzoekstatus::Open)
        {
            return Err(AppFout::veld(
                "uitkomst",
                "Er wacht een toekenning op een tweede consulent: laat die eerst afwijzen.",
            ));
        }
        if !tx
            .dossier_status_zetten(dossier.id, uitkomst.status(), dossier.versie, nu)
            .await?
        {
            return Err(AppFout::Conflict(
                "Het dossier werd tegelijk gewijzigd. Probeer het opnieuw.".into(),
            ));
        }
        // Voorschotten: wat nog niet is betaald, vervalt; wat is betaald, is onverschuldigd.
        let mut betaald: Centen = 0;
        for mut v in tx.voorschotten_van(dossier.id).await? {
            match v.status {
                vangnet_domain::voorschot::Status::TeBetalen => {
                    v.status = vangnet_domain::voorschot::Status::Vervallen
                }
                vangnet_domain::voorschot::Status::Betaald => {
                    betaald += v.bedrag_centen.centen();
                    continue;
                }
                _ => continue,
            }
            v.gewijzigd_op = nu;
            if !tx.voorschot_bijwerken(&v).await? {
                return Err(AppFout::Conflict(
                    "Een voorschot van dit dossier werd tegelijk gewijzigd (een betaalrun?). \
                     Probeer het opnieuw."
                        .into(),
                ));
            }
        }
        crate::werk::taken_afronden(&mut *tx, ctx, nu, dossier.id, |t| {
            matches!(t.soort, Taaksoort::Besluit | Taaksoort::Voorschot)
        })
        .await?;
        if betaald > 0 {
            taak_maken(
                &mut *tx,
                ctx,
                nu,
                NieuweTaak {
                    soort: Taaksoort::Vordering,
                    omschrijving: format!(
                        "Dossier {}: {} aan voorschotten betaald op een aanvraag die is {}; \
                         beoordelen als vordering (art. 58 lid 2 onder d Pw)",
                        dossier.nummer,
                        vangnet_domain::bedrag::euro(betaald),
                        uitkomst.status().naam().to_lowercase()
                    ),
                    dossier_id: Some(dossier.id),
                    persoon_id: Some(dossier.client_id),
                    begindatum: vandaag,
                    deadline: None,
                    team_id: dossier.team_id,
                    gebruiker_id: ctx.actor.gebruiker_id(),
                    prioriteit: 1,
                    reden: "Voorschot zonder recht op bijstand",
                },
            )
            .await?;
        }
        let bezwaar = (uitkomst != Afhandeling::Ingetrokken).then(|| bezwaartermijn(vandaag));
        let omschrijving = format!(
            "{}: {grond}{}",
            match uitkomst {
                Afhandeling::Afgewezen => "Aanvraag afgewezen",
                Afhandeling::BuitenBehandeling => "Aanvraag buiten behandeling gesteld",
                Afhandeling::Ingetrokken => "Aanvraag ingetrokken door de aanvrager",
            },
            bezwaar
                .map(|b| format!("; bezwaar mogelijk tot en met {}", b.format("%d-%m-%Y")))
                .unwrap_or_default()
        );
        tx.gebeurtenis_toevoegen(&crate::opslag::GebeurtenisRij {
            id: 0,
            dossier_id: dossier.id,
            tijdstip: nu,
            actor: ctx.actor.omschrijving(),
            soort: vangnet_domain::dossier::Gebeurtenissoort::Besloten,
            omschrijving: omschrijving.clone(),
            operatie_id: ctx.operatie_id.clone(),
        })
        .await?;
        tx.vastleggen(Wijziging {
            actie: "aanvraag.afgehandeld",
            onderwerp_type: "dossier",
            onderwerp_id: dossier.id.to_string(),
            samenvatting: format!("Dossier {}: {omschrijving}", dossier.nummer),
            reden: Some(grond.to_owned()),
            ..Default::default()
        })
        .await
    }
}
