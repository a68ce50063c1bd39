//! Betaalruns in de API: de lijst, een run starten (het berekenen is een job; het antwoord is
//! 202 met de plek waar de voortgang staat), het overzicht van een run, opnieuw berekenen,
//! goedkeuren en afbreken (elk met de versie en een uitdrukkelijke bevestiging, zoals het vinkje
//! op het scherm), het betaalbestand (heel of per deel) en de betaalspecificatie van een dossier.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vangnet_app::opslag::{BetaalregelRij, BetaalrunRij};
use vangnet_app::AppFout;
use vangnet_domain::{tijd, Veldfouten};

use super::werk::Job;
use crate::fout::WebFout;
use crate::invoer::{met_etag, ApiId, ApiQuery, IfMatch, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een run zoals de API hem toont; bedragen in centen.
#[derive(Serialize)]
pub struct Betaalrun {
    id: i64,
    /// De eerste van de maand.
    maand: NaiveDate,
    betaaldatum: NaiveDate,
    status: &'static str,
    tussentijds: bool,
    gestart_door: i64,
    gestart_op: String,
    berekend_op: Option<String>,
    goedgekeurd_door: Option<i64>,
    goedgekeurd_op: Option<String>,
    geexporteerd_op: Option<String>,
    aantal_betalingen: i64,
    totaal_centen: i64,
    versie: i64,
}

impl From<BetaalrunRij> for Betaalrun {
    fn from(r: BetaalrunRij) -> Betaalrun {
        Betaalrun {
            id: r.id,
            maand: r.maand,
            betaaldatum: r.betaaldatum,
            status: r.status.code(),
            tussentijds: r.tussentijds,
            gestart_door: r.gestart_door,
            gestart_op: tijd::instant_tekst(r.gestart_op),
            berekend_op: r.berekend_op.map(tijd::instant_tekst),
            goedgekeurd_door: r.goedgekeurd_door,
            goedgekeurd_op: r.goedgekeurd_op.map(tijd::instant_tekst),
            geexporteerd_op: r.geexporteerd_op.map(tijd::instant_tekst),
            aantal_betalingen: r.aantal_betalingen,
            totaal_centen: r.totaal_centen.centen(),
            versie: r.versie,
        }
    }
}

pub async fn lijst(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<super::Bladeren>,
) -> Result<Response, WebFout> {
    let runs: Vec<Betaalrun> = staat
        .app
        .betaalruns(&wie.ctx)
        .await?
        .into_iter()
        .map(Betaalrun::from)
        .collect();
    let (runs, volgende) = super::deel(runs, b.na.as_deref())?;
    Ok(super::bladzijde(
        &uri,
        volgende,
        serde_json::json!({ "betaalruns": runs }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweRun {
    /// jjjj-mm; niet bij een tussentijdse run.
    #[serde(default)]
    maand: String,
    /// jjjj-mm-dd.
    betaaldatum: String,
    /// Alleen nabetalingen (Awb 4:87), niet de maand zelf.
    #[serde(default)]
    tussentijds: bool,
}

/// Start een run en meldt het berekenen aan als job: 202, met de run als `Location`.
pub async fn starten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(n): JsonInvoer<NieuweRun>,
) -> Result<Response, WebFout> {
    let id = if n.tussentijds {
        if !n.maand.trim().is_empty() {
            return Err(AppFout::veld(
                "maand",
                "Een tussentijdse run heeft geen maand: laat maand weg.",
            )
            .into());
        }
        staat
            .app
            .betaalrun_tussentijds_starten_en_berekenen(&wie.ctx, &n.betaaldatum)
            .await?
    } else {
        staat
            .app
            .betaalrun_starten_en_berekenen(&wie.ctx, &n.maand, &n.betaaldatum)
            .await?
    };
    staat.app.jobs_wekken();
    Ok((
        StatusCode::ACCEPTED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/betaalruns/{id}"),
        )],
        Json(serde_json::json!({ "id": id })),
    )
        .into_response())
}

#[derive(Serialize)]
pub struct Categorietotaal {
    categorie: &'static str,
    aantal: i64,
    som_centen: i64,
}

#[derive(Serialize)]
pub struct Runverschil {
    dossier_id: i64,
    dossiernummer: String,
    vorig_centen: i64,
    nu_centen: i64,
}

/// Een vastgehouden regel of een voorgestelde vordering in het overzicht van een run.
#[derive(Serialize)]
pub struct Runregel {
    id: i64,
    dossier_id: i64,
    dossiernummer: String,
    categorie: &'static str,
    maand: NaiveDate,
    bedrag_centen: i64,
    /// Waarom vastgehouden (`geen_rekening`, `berekeningsfout: …`).
    reden: Option<String>,
    omschrijving: String,
}

impl From<BetaalregelRij> for Runregel {
    fn from(r: BetaalregelRij) -> Runregel {
        Runregel {
            id: r.id,
            dossier_id: r.dossier_id,
            dossiernummer: r.dossiernummer,
            categorie: r.categorie.code(),
            maand: r.maand,
            bedrag_centen: r.bedrag_centen.centen(),
            reden: r.reden.map(|v| v.code()),
            omschrijving: r.omschrijving,
        }
    }
}

/// Het overzicht van een run, met de voortgang van zijn berekening.
#[derive(Serialize)]
pub struct Runoverzicht {
    run: Betaalrun,
    gestart_door_naam: String,
    goedgekeurd_door_naam: Option<String>,
    totalen: Vec<Categorietotaal>,
    /// De grootste verschillen in het reguliere bedrag met de vorige definitieve run.
    verschillen: Vec<Runverschil>,
    vorige_run: Option<i64>,
    vastgehouden: Vec<Runregel>,
    vorderingen: Vec<Runregel>,
    /// De laatste job van deze run (berekenen), met voortgang.
    job: Option<Job>,
}

pub async fn overzicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let b = staat.app.betaalrun_beeld(&wie.ctx, id).await?;
    let versie = b.run.versie;
    let job = staat
        .app
        .jobs_van(&wie.ctx, Some(&format!("betaalrun:{id}")))
        .await?
        .into_iter()
        .next()
        .map(Job::from);
    Ok(met_etag(
        versie,
        Json(Runoverzicht {
            run: b.run.into(),
            gestart_door_naam: b.gestart_door,
            goedgekeurd_door_naam: b.goedgekeurd_door,
            totalen: b
                .totalen
                .into_iter()
                .map(|t| Categorietotaal {
                    categorie: t.categorie.code(),
                    aantal: t.aantal,
                    som_centen: t.som_centen.centen(),
                })
                .collect(),
            verschillen: b
                .verschillen
                .into_iter()
                .map(|v| Runverschil {
                    dossier_id: v.dossier_id,
                    dossiernummer: v.dossiernummer,
                    vorig_centen: v.vorig_centen.centen(),
                    nu_centen: v.nu_centen.centen(),
                })
                .collect(),
            vorige_run: b.vorige_run,
            vastgehouden: b.vastgehouden.into_iter().map(Runregel::from).collect(),
            vorderingen: b.vorderingen.into_iter().map(Runregel::from).collect(),
            job,
        }),
    ))
}

/// Opnieuw berekenen (een berekende run, bv. na een mutatie): een job, 202.
pub async fn berekenen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<StatusCode, WebFout> {
    staat
        .app
        .betaalrun_berekenen_aanmelden(&wie.ctx, id)
        .await?;
    staat.app.jobs_wekken();
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goedkeuring {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    /// Aantal en bedrag gezien (het vinkje op het scherm); zonder `true` geen goedkeuring.
    gecontroleerd: bool,
}

pub async fn goedkeuren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(g): JsonInvoer<Goedkeuring>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(g.versie)?;
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::BetaalrunGoedkeuren)?;
    if !g.gecontroleerd {
        return Err(AppFout::veld(
            "gecontroleerd",
            "Zet gecontroleerd op true als u aantal en bedrag hebt gecontroleerd; de run is niet goedgekeurd.",
        )
        .into());
    }
    staat
        .app
        .betaalrun_goedkeuren(&wie.ctx, id, versie)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Afbreken {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    /// Zonder `true` wordt niets afgebroken.
    bevestigd: bool,
}

pub async fn afbreken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(a): JsonInvoer<Afbreken>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(a.versie)?;
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::BetaalrunStarten)?;
    if !a.bevestigd {
        return Err(AppFout::veld(
            "bevestigd",
            "Zet bevestigd op true als u deze run wilt afbreken; de run is niet afgebroken.",
        )
        .into());
    }
    staat
        .app
        .betaalrun_afbreken(&wie.ctx, id, versie)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct BestandQuery {
    deel: Option<String>,
    per_bestand: Option<String>,
    opnieuw: Option<String>,
}

/// Het grootste deel en het grootste aantal per bestand dat de API aanneemt.
const MAX_DEEL: u64 = 1_000_000;

/// Het betaalbestand (pain.001.001.03). Al eens gemaakt: alleen met `opnieuw=true` (het nieuwe
/// bestand draagt hetzelfde bericht-id, zodat de bank een tweede inzending als dubbel weigert).
pub async fn betaalbestand(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    ApiQuery(q): ApiQuery<BestandQuery>,
) -> Result<Response, WebFout> {
    // Eerst het recht: wie het bestand niet mag, hoort ook niet of de run bestaat.
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::BetaalbestandDownloaden)?;
    let mut f = Veldfouten::nieuw();
    let mut getal = |veld: &str, tekst: &Option<String>| -> Option<u64> {
        let t = tekst.as_deref()?.trim();
        f.controleer(
            veld,
            t.parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_DEEL).contains(n))
                .ok_or("Geef een geheel getal van 1 tot en met 1 000 000."),
        )
    };
    let deel = getal("deel", &q.deel);
    let per = getal("per_bestand", &q.per_bestand);
    let opnieuw = match q.opnieuw.as_deref().map(str::trim) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            f.voeg_toe("opnieuw", "Geef true of false.");
            false
        }
    };
    if q.deel.is_some() != q.per_bestand.is_some() {
        f.voeg_toe(
            "per_bestand",
            "Geef deel en per_bestand samen, of geen van beide.",
        );
    }
    f.resultaat().map_err(WebFout::Ongeldig)?;
    let run = staat.app.betaalrun(&wie.ctx, id).await?;
    if let (Some(gemaakt), false) = (run.geexporteerd_op, opnieuw) {
        return Err(AppFout::Conflict(format!(
            "Het betaalbestand van deze run is al gemaakt op {}; ging het al naar de bank? Vraag het opnieuw met opnieuw=true.",
            tijd::nl_weergave(gemaakt)
        ))
        .into());
    }
    let deel = deel.zip(per);
    Ok(crate::paginas::betaalruns::betaalbestand(&staat, &wie, id, deel).await?)
}

/// Alle regels van een run als CSV (puntkomma), zoals op het scherm: met van iedereen naam en
/// IBAN, dus voor dezelfde kring als het betaalbestand.
pub async fn regels(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let mut uit = Vec::new();
    staat.app.betaalrun_csv(&wie.ctx, id, &mut uit).await?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        uit,
    )
        .into_response())
}

#[derive(Serialize)]
pub struct Specificatieregel {
    omschrijving: String,
    artikel: String,
    bedrag_centen: i64,
}

#[derive(Serialize)]
pub struct Betaling {
    run_id: i64,
    betaaldatum: NaiveDate,
    categorie: &'static str,
    /// De maand waarover de betaling gaat.
    maand: NaiveDate,
    bedrag_centen: i64,
    kenmerk: String,
    /// Waarom vastgehouden, als de regel niet betaald is.
    reden: Option<String>,
    uitleg: Vec<Specificatieregel>,
}

/// De betaalspecificatie van een dossier: per definitieve run wat er is betaald en waarom (met
/// het artikel). Komt in het toegangslog.
pub async fn specificatie(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<super::Bladeren>,
) -> Result<Response, WebFout> {
    let regels: Vec<Betaling> = staat
        .app
        .betaalspecificatie(&wie.ctx, id)
        .await?
        .into_iter()
        .map(|(run, r, uitleg)| Betaling {
            run_id: run.id,
            betaaldatum: run.betaaldatum,
            categorie: r.categorie.code(),
            maand: r.maand,
            bedrag_centen: r.bedrag_centen.centen(),
            kenmerk: r.kenmerk,
            reden: r.reden.map(|v| v.code()),
            uitleg: uitleg
                .into_iter()
                .map(|s| Specificatieregel {
                    omschrijving: s.omschrijving,
                    artikel: s.artikel,
                    bedrag_centen: s.bedrag_centen,
                })
                .collect(),
        })
        .collect();
    let (regels, volgende) = super::deel(regels, b.na.as_deref())?;
    Ok(super::bladzijde(
        &uri,
        volgende,
        serde_json::json!({ "dossier_id": id, "betalingen": regels }),
    ))
}
