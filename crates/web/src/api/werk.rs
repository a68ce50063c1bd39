//! Werk in de API: de lijst "Vandaag" (eigen taken in de volgorde van het scherm, met de taken
//! van de eigen teams zonder eigenaar), één taak met haar historie, een taak aanmaken, een status
//! zetten (ook oppakken: `in_behandeling` op een teamtaak), de contactonderwerpen, de jobs, en
//! voor de teamleider: de cijfers van het teamdashboard, afwezigheid, herverdelen en een dossier
//! toewijzen.
//! Dezelfde use cases als de schermen; de antwoorden zijn de typen hieronder, niet de rijen van
//! de opslag.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vangnet_app::werk::Taakregel;
use vangnet_domain::tijd;

use crate::fout::WebFout;
use crate::invoer::{met_etag, ApiId, ApiQuery, IfMatch, JsonInvoer};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een taak zoals de API haar toont.
#[derive(Serialize)]
pub struct Taak {
    id: i64,
    soort: &'static str,
    soortnaam: &'static str,
    omschrijving: String,
    dossier_id: Option<i64>,
    persoon_id: Option<i64>,
    /// Naam en gemaskeerd BSN, waar de lijst die toont.
    client: Option<String>,
    aangemaakt_op: String,
    begindatum: NaiveDate,
    deadline: NaiveDate,
    risico_vanaf: NaiveDate,
    wettelijk: bool,
    team_id: Option<i64>,
    gebruiker_id: Option<i64>,
    status: &'static str,
    /// Ten opzichte van de deadline: `te_laat`, `vandaag`, `risico`, `op_tijd`.
    stand: &'static str,
    prioriteit: i64,
    gereed_op: Option<String>,
    versie: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    historie: Option<Vec<Taakgebeurtenis>>,
}

#[derive(Serialize)]
pub struct Taakgebeurtenis {
    tijdstip: String,
    actor: String,
    soort: String,
    omschrijving: String,
}

impl Taak {
    fn uit(r: Taakregel, met_historie: bool) -> Taak {
        let t = r.taak;
        Taak {
            id: t.id,
            soort: t.soort.code(),
            soortnaam: r.soortnaam,
            omschrijving: t.omschrijving,
            dossier_id: t.dossier_id,
            persoon_id: t.persoon_id,
            client: r.client,
            aangemaakt_op: tijd::instant_tekst(t.aangemaakt_op),
            begindatum: t.begindatum,
            deadline: t.deadline,
            risico_vanaf: t.risico_vanaf,
            wettelijk: t.wettelijk,
            team_id: t.team_id,
            gebruiker_id: t.gebruiker_id,
            status: t.status.code(),
            stand: r.stand.code(),
            prioriteit: t.prioriteit,
            gereed_op: t.gereed_op.map(tijd::instant_tekst),
            versie: t.versie,
            historie: met_historie.then(|| {
                r.historie
                    .into_iter()
                    .map(|g| Taakgebeurtenis {
                        tijdstip: tijd::instant_tekst(g.tijdstip),
                        actor: g.actor,
                        soort: g.soort.code().to_owned(),
                        omschrijving: g.omschrijving,
                    })
                    .collect()
            }),
        }
    }
}

#[derive(Serialize)]
pub struct Teamtaken {
    team_id: i64,
    team: String,
    /// Alle taken van het team zonder eigenaar; `eerste` zijn de vroegste.
    aantal: i64,
    eerste: Vec<Taak>,
}

#[derive(Serialize)]
pub struct Tellingen {
    te_laat: usize,
    vandaag: usize,
    risico: usize,
    totaal: usize,
}

#[derive(Serialize)]
pub struct Vandaag {
    datum: NaiveDate,
    taken: Vec<Taak>,
    /// Er zijn meer eigen taken dan `taken` toont (filter op soort om ze te zien).
    meer: usize,
    tellingen: Tellingen,
    teams: Vec<Teamtaken>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct VandaagQuery {
    soort: Option<String>,
    na: Option<String>,
}

/// "Vandaag": de eigen open taken in de volgorde van het scherm, en per eigen team de taken
/// zonder eigenaar.
pub async fn vandaag(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(q): ApiQuery<VandaagQuery>,
) -> Result<Response, WebFout> {
    let vanaf = super::positie(q.na.as_deref())?;
    let soort = q.soort.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = soort {
        if vangnet_domain::werk::Taaksoort::uit_code(s).is_none() {
            return Err(vangnet_app::AppFout::veld("soort", "Onbekende taaksoort.").into());
        }
    }
    let v = staat
        .app
        .vandaag_vanaf(&wie.ctx, soort, i64::try_from(vanaf).unwrap_or(i64::MAX))
        .await?;
    let in_filter = match soort {
        None => v.totaal,
        Some(s) => v
            .per_soort
            .iter()
            .find(|(c, _, _)| *c == s)
            .map_or(0, |(_, _, n)| *n),
    };
    let tot = vanaf + v.taken.len();
    let volgende = (tot < in_filter).then(|| format!("p{tot}"));
    let vandaag = Vandaag {
        datum: v.datum,
        meer: in_filter.saturating_sub(tot),
        taken: v.taken.into_iter().map(|r| Taak::uit(r, false)).collect(),
        tellingen: Tellingen {
            te_laat: v.te_laat,
            vandaag: v.vandaag,
            risico: v.risico,
            totaal: v.totaal,
        },
        teams: v
            .teamtaken
            .into_iter()
            .map(|t| Teamtaken {
                team_id: t.team_id,
                team: t.team,
                aantal: t.aantal,
                eerste: t.eerste.into_iter().map(|r| Taak::uit(r, false)).collect(),
            })
            .collect(),
    };
    Ok(super::bladzijde(
        &uri,
        volgende,
        super::als_json(&vandaag)?.0,
    ))
}

pub async fn taak(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let r = staat.app.taak_bekijken(&wie.ctx, id).await?;
    let taak = Taak::uit(r, true);
    Ok(met_etag(taak.versie, Json(taak)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweTaak {
    omschrijving: String,
    /// jjjj-mm-dd; leeg: de servicenorm van een taak met de hand.
    #[serde(default)]
    deadline: String,
    dossier_id: Option<i64>,
    #[serde(default)]
    hoge_prioriteit: bool,
}

pub async fn taak_aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(n): JsonInvoer<NieuweTaak>,
) -> Result<Response, WebFout> {
    let id = staat
        .app
        .taak_aanmaken(
            &wie.ctx,
            &n.omschrijving,
            &n.deadline,
            n.dossier_id,
            n.hoge_prioriteit,
        )
        .await
        .map_err(|e| super::api_veldnamen(e, &[("dossier", "dossier_id")]))?;
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::LOCATION, format!("/api/v1/taken/{id}"))],
        Json(serde_json::json!({ "id": id })),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statuswijziging {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    status: String,
    #[serde(default)]
    reden: String,
}

/// Een status zetten: oppakken (`in_behandeling` op een taak van het eigen team zonder
/// eigenaar), wachten op de cliënt, of gereed met een reden waar geen handeling de taak afrondt.
pub async fn taak_status(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(s): JsonInvoer<Statuswijziging>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(s.versie)?;
    staat
        .app
        .taak_status_zetten(&wie.ctx, id, versie, &s.status, &s.reden)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize)]
pub struct Contactonderwerp {
    code: String,
    omschrijving: String,
}

/// De onderwerpen die een contactmoment nu kan hebben (de actieve, in de volgorde van het
/// scherm): zo weet een koppeling welke codes gelden.
pub async fn contactonderwerpen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<super::Bladeren>,
) -> Result<Response, WebFout> {
    let lijst: Vec<Contactonderwerp> = staat
        .app
        .contactonderwerpen(&wie.ctx)
        .await?
        .into_iter()
        .map(|o| Contactonderwerp {
            code: o.code,
            omschrijving: o.omschrijving,
        })
        .collect();
    let (lijst, volgende) = super::deel(lijst, b.na.as_deref())?;
    Ok(super::bladzijde(
        &uri,
        volgende,
        serde_json::json!({ "onderwerpen": lijst }),
    ))
}

/// Een job op de achtergrond: wat, van wie, hoe ver.
#[derive(Serialize)]
pub struct Job {
    id: i64,
    soort: &'static str,
    soortnaam: &'static str,
    onderwerp: String,
    omschrijving: String,
    gestart_door: String,
    status: &'static str,
    statusnaam: &'static str,
    klaar: u64,
    totaal: u64,
    pogingen: i64,
    aangemaakt_op: String,
    /// De samenvatting als de job klaar is.
    resultaat: Option<String>,
    /// De fout als de job mislukte.
    fout: Option<String>,
    annuleren_gevraagd: bool,
    kan_annuleren: bool,
    kan_opnieuw: bool,
}

impl From<vangnet_app::jobs::Job> for Job {
    fn from(j: vangnet_app::jobs::Job) -> Job {
        let (resultaat, fout) = match j.einde {
            None => (None, None),
            Some(Ok(s)) => (Some(s), None),
            Some(Err(f)) => (None, Some(f)),
        };
        Job {
            id: j.id,
            soort: j.soortcode,
            soortnaam: j.soort,
            onderwerp: j.onderwerp,
            omschrijving: j.omschrijving,
            gestart_door: j.gestart_door,
            status: j.statuscode,
            statusnaam: j.status,
            klaar: j.klaar,
            totaal: j.totaal,
            pogingen: j.pogingen,
            aangemaakt_op: tijd::instant_tekst(j.aangemaakt_op),
            resultaat,
            fout,
            annuleren_gevraagd: j.annuleren_gevraagd,
            kan_annuleren: j.kan_annuleren,
            kan_opnieuw: j.kan_opnieuw,
        }
    }
}

/// De jobs die wie vraagt mag zien (het recht van het werk zelf), lopende en recente.
pub async fn jobs(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<super::Bladeren>,
) -> Result<Response, WebFout> {
    let lijst: Vec<Job> = staat
        .app
        .jobs_van(&wie.ctx, None)
        .await?
        .into_iter()
        .map(Job::from)
        .collect();
    let (lijst, volgende) = super::deel(lijst, b.na.as_deref())?;
    Ok(super::bladzijde(
        &uri,
        volgende,
        serde_json::json!({ "jobs": lijst }),
    ))
}

pub async fn job_annuleren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<StatusCode, WebFout> {
    staat.app.job_annuleren(&wie.ctx, id).await?;
    Ok(StatusCode::ACCEPTED)
}

pub async fn job_opnieuw(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<StatusCode, WebFout> {
    staat.app.job_opnieuw(&wie.ctx, id).await?;
    staat.app.jobs_wekken();
    Ok(StatusCode::ACCEPTED)
}

#[derive(Serialize)]
pub struct Consulentwerk {
    gebruiker_id: i64,
    naam: String,
    /// Open taken per taaksoort (code), alleen soorten met open werk.
    per_soort: std::collections::BTreeMap<&'static str, usize>,
    totaal: usize,
    te_laat: usize,
    risico: usize,
    afwezig_tot_en_met: Option<NaiveDate>,
}

#[derive(Serialize)]
pub struct Normscore {
    soort: &'static str,
    eenheid: &'static str,
    aantal: u32,
    /// Taken die in de periode gereed kwamen, en daarvan op tijd.
    gereed: usize,
    op_tijd: usize,
    procent: Option<i64>,
}

#[derive(Serialize)]
pub struct Afwezigheid {
    gebruiker: String,
    van: NaiveDate,
    tot_en_met: NaiveDate,
    reden: String,
}

/// De cijfers van het teamdashboard (teamleider).
#[derive(Serialize)]
pub struct Teamwerk {
    team_id: i64,
    team: String,
    datum: NaiveDate,
    /// Begin van de periode voor "op tijd".
    sinds: NaiveDate,
    consulenten: Vec<Consulentwerk>,
    zonder_eigenaar: usize,
    normen: Vec<Normscore>,
    risico_vandaag: Vec<Taak>,
    afwezigheden: Vec<Afwezigheid>,
}

pub async fn teamwerk(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Json<Teamwerk>, WebFout> {
    let d = staat.app.team_dashboard(&wie.ctx, id).await?;
    let soorten = d.soorten;
    Ok(Json(Teamwerk {
        team_id: d.team_id,
        team: d.team,
        datum: d.datum,
        sinds: d.sinds,
        consulenten: d
            .consulenten
            .into_iter()
            .map(|c| Consulentwerk {
                gebruiker_id: c.gebruiker_id,
                naam: c.naam,
                per_soort: soorten.iter().map(|s| s.code()).zip(c.per_soort).collect(),
                totaal: c.totaal,
                te_laat: c.te_laat,
                risico: c.risico,
                afwezig_tot_en_met: c.afwezig_tot_en_met,
            })
            .collect(),
        zonder_eigenaar: d.zonder_eigenaar,
        normen: d
            .normen
            .into_iter()
            .map(|n| Normscore {
                soort: n.soort.code(),
                eenheid: n.norm.eenheid.code(),
                aantal: n.norm.aantal,
                gereed: n.gereed,
                op_tijd: n.op_tijd,
                procent: n.procent,
            })
            .collect(),
        risico_vandaag: d
            .risico_vandaag
            .into_iter()
            .map(|r| Taak::uit(r, false))
            .collect(),
        afwezigheden: d
            .afwezigheden
            .into_iter()
            .map(|(naam, a)| Afwezigheid {
                gebruiker: naam,
                van: a.van,
                tot_en_met: a.tot_en_met,
                reden: a.reden,
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweAfwezigheid {
    /// De gebruikersnaam van de afwezige.
    gebruiker: String,
    van: String,
    tot_en_met: String,
    #[serde(default)]
    reden: String,
}

/// Een afwezigheid registreren; zolang die duurt, krijgt de consulent geen nieuw werk.
pub async fn afwezigheid(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(a): JsonInvoer<NieuweAfwezigheid>,
) -> Result<Response, WebFout> {
    let id = staat
        .app
        .afwezigheid_registreren(&wie.ctx, &a.gebruiker, &a.van, &a.tot_en_met, &a.reden)
        .await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Herverdeling {
    /// Het open werk van deze consulent gaat naar de anderen in het team.
    gebruiker_id: i64,
}

pub async fn herverdelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(h): JsonInvoer<Herverdeling>,
) -> Result<Json<serde_json::Value>, WebFout> {
    let n = staat
        .app
        .werk_herverdelen(&wie.ctx, id, h.gebruiker_id)
        .await
        .map_err(|e| super::api_veldnamen(e, &[("gebruiker", "gebruiker_id")]))?;
    Ok(Json(serde_json::json!({ "herverdeeld": n })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toewijzing {
    /// De versie van het dossier (of `If-Match` met de ETag van het dossier).
    #[serde(default)]
    versie: Option<i64>,
    consulent_id: i64,
    #[serde(default)]
    reden: String,
}

/// Een dossier (met zijn open taken) aan een consulent toewijzen.
pub async fn dossier_toewijzen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(t): JsonInvoer<Toewijzing>,
) -> Result<StatusCode, WebFout> {
    let versie = im.versie(t.versie)?;
    staat
        .app
        .dossier_herverdelen(&wie.ctx, id, versie, t.consulent_id, &t.reden)
        .await
        .map_err(|e| im.fout(super::api_veldnamen(e, &[("consulent", "consulent_id")])))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Een melding (te late taak) als gelezen markeren.
pub async fn melding_gelezen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<StatusCode, WebFout> {
    staat.app.melding_gelezen(&wie.ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uitsluiting {
    /// De consulent die dit dossier niet mag behandelen (bv. familie van de cliënt).
    consulent_id: i64,
    /// De persoon om wie het gaat.
    persoon_id: i64,
    reden: String,
}

/// Een consulent uitsluiten van de dossiers van een persoon (teamleider): hij krijgt ze niet
/// toegewezen en beoordeelt er niets in.
pub async fn uitsluiting(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(u): JsonInvoer<Uitsluiting>,
) -> Result<Response, WebFout> {
    let id = staat
        .app
        .uitsluiting_registreren(&wie.ctx, u.consulent_id, u.persoon_id, &u.reden)
        .await
        .map_err(|e| super::api_veldnamen(e, &[("gebruiker", "consulent_id")]))?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}
