//! Betaalruns op het scherm: de lijst met een grafiek van de totalen per maand, een run starten
//! (het berekenen loopt op de achtergrond met een voortgangsbalk), een run bekijken (totalen per
//! categorie als tabel en grafiek, verschillen met de vorige run, vastgehouden betalingen en
//! vorderingen), goedkeuren, afbreken, het betaalbestand en de CSV downloaden, en de
//! betaalspecificatie per dossier. De regels zelf zitten in `vangnet_app::betaalruns`.

use std::pin::Pin;
use std::task::{Context as TaakContext, Poll};

use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tokio::io::{AsyncRead, ReadBuf};
use vangnet_app::betaalruns::{Runbeeld, Specificatieregel};
use vangnet_app::jobs::Job;
use vangnet_app::opslag::{BetaalregelRij, BetaalrunRij};
use vangnet_app::AppFout;
use vangnet_domain::bedrag::euro;
use vangnet_domain::betaalrun::Categorie;
use vangnet_domain::{tijd, Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;
use vangnet_domain::bedrag::Bedrag;

/// Wat als geldbedrag getoond kan worden: een [`Bedrag`] van de naad of centen uit de
/// berekening, ook als verwijzing (zoals sjablonen die doorgeven).
pub trait AlsBedrag {
    fn als_bedrag(&self) -> Bedrag;
}

impl AlsBedrag for Bedrag {
    fn als_bedrag(&self) -> Bedrag {
        *self
    }
}

impl AlsBedrag for i64 {
    fn als_bedrag(&self) -> Bedrag {
        Bedrag::from(*self)
    }
}

impl<T: AlsBedrag + ?Sized> AlsBedrag for &T {
    fn als_bedrag(&self) -> Bedrag {
        (**self).als_bedrag()
    }
}

/// Een bedrag in euro's: `€ 1.234,56`.
pub fn bedrag(c: impl AlsBedrag) -> String {
    c.als_bedrag().to_string()
}

/// Een maand (de eerste van de maand) zoals de medewerker haar leest: `januari 2026`.
pub fn maand(d: &chrono::NaiveDate) -> String {
    tijd::maand_weergave(*d)
}

/// Een tijdstip in Nederlandse tijd (voor sjablonen).
pub fn tijdstip(t: &chrono::DateTime<chrono::Utc>) -> String {
    tijd::nl_weergave(*t)
}

pub fn categorienaam(c: &Categorie) -> &'static str {
    c.naam()
}

pub fn redennaam(v: &vangnet_app::opslag::Vasthouding) -> String {
    v.naam()
}

/// Eén staaf in een horizontale grafiek: label, bedrag als tekst, breedte in SVG-eenheden.
pub struct Staaf {
    pub label: String,
    pub tekst: String,
    pub breedte: i64,
}

fn staven(reeks: &[(String, i64)]) -> Vec<Staaf> {
    let max = reeks.iter().map(|(_, b)| b.abs()).max().unwrap_or(1).max(1);
    reeks
        .iter()
        .map(|(label, b)| Staaf {
            label: label.clone(),
            tekst: euro(*b),
            breedte: (b.abs() * 300 / max).max(1),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "betaalruns.html")]
struct Lijst {
    schil: Schil,
    runs: Vec<BetaalrunRij>,
    grafiek: Vec<Staaf>,
    starten: bool,
    maand: String,
    betaaldatum: String,
    /// Wat in het formulier van de tussentijdse run getypt is.
    tussentijds_betaaldatum: String,
    fouten: Veldfouten,
}

async fn lijst(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
) -> Result<Lijst, WebFout> {
    let runs = staat.app.betaalruns(&wie.ctx).await?;
    let mut reeks: Vec<(String, i64)> = runs
        .iter()
        .filter(|r| r.status.definitief())
        .take(12)
        .map(|r| (maand(&r.maand), r.totaal_centen.centen()))
        .collect();
    reeks.reverse();
    Ok(Lijst {
        schil: Schil::voor(staat, wie, "Betaalruns", "/betaalruns")
            .kruimel("/betaalruns", "Betaalruns")
            .met_melding(melding),
        grafiek: staven(&reeks),
        runs,
        starten: wie.ctx.actor.mag(Recht::BetaalrunStarten),
        maand: String::new(),
        betaaldatum: String::new(),
        tussentijds_betaaldatum: String::new(),
        fouten: Veldfouten::nieuw(),
    })
}

pub async fn overzicht(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &lijst(&staat, &wie, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

/// Meldt het berekenen van een run aan als job; een werker rekent, de pagina van de run toont
/// de voortgang.
async fn berekenen_op_achtergrond(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
) -> Result<(), AppFout> {
    staat
        .app
        .betaalrun_berekenen_aanmelden(&wie.ctx, id)
        .await?;
    staat.app.jobs_wekken();
    Ok(())
}

pub async fn starten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let (m, b) = (formulier.veld("maand"), formulier.veld("betaaldatum"));
    match staat
        .app
        .betaalrun_starten_en_berekenen(&wie.ctx, &m, &b)
        .await
    {
        Ok(id) => {
            staat.app.jobs_wekken();
            Ok(Redirect::to(&format!("/betaalruns/{id}")).into_response())
        }
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = lijst(&staat, &wie, None).await?;
            p.maand = m;
            p.betaaldatum = b;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

/// Een tussentijdse run: alleen nabetalingen (Awb 4:87).
pub async fn tussentijds_starten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let b = formulier.veld("betaaldatum");
    match staat
        .app
        .betaalrun_tussentijds_starten_en_berekenen(&wie.ctx, &b)
        .await
    {
        Ok(id) => {
            staat.app.jobs_wekken();
            Ok(Redirect::to(&format!("/betaalruns/{id}")).into_response())
        }
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = lijst(&staat, &wie, None).await?;
            // De velden van dit formulier heten anders dan die van de maandrun.
            let mut f = vangnet_domain::Veldfouten::nieuw();
            for v in fouten.0 {
                let veld = match v.veld.as_str() {
                    "betaaldatum" | "maand" => "tussentijds_betaaldatum".to_owned(),
                    a => a.to_owned(),
                };
                f.voeg_toe(&veld, v.melding);
            }
            p.fouten = f;
            p.tussentijds_betaaldatum = b;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "betaalrun.html")]
struct Detail {
    schil: Schil,
    b: Runbeeld,
    jobs: Vec<Job>,
    loopt: bool,
    grafiek: Vec<Staaf>,
    starten: bool,
    goedkeuren: bool,
    /// Deze medewerker mag goedkeuren, maar startte de run zelf.
    zelf_gestart: bool,
    /// Mag het betaalbestand downloaden (issue 21 punt 4).
    downloaden: bool,
    /// Dossiers openen mag alleen wie cliënten mag inzien; anders geen link die 403 geeft.
    dossiers_inzien: bool,
    fout: Option<String>,
}

async fn detail(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    melding: Option<String>,
) -> Result<Detail, WebFout> {
    let b = staat.app.betaalrun_beeld(&wie.ctx, id).await?;
    let jobs = staat
        .app
        .jobs_van(&wie.ctx, Some(&format!("betaalrun:{id}")))
        .await?;
    let loopt = jobs.first().is_some_and(|j| j.einde.is_none());
    let reeks: Vec<(String, i64)> = Categorie::ALLE
        .iter()
        .filter_map(|c| {
            b.totalen
                .iter()
                .find(|t| t.categorie == *c)
                .map(|t| (c.naam().to_owned(), t.som_centen.centen()))
        })
        .collect();
    let status = b.run.status;
    // Wie de run startte, keurt niet goed (vier ogen): geen knop die geweigerd wordt.
    let zelf_gestart = wie.ctx.actor.mag(Recht::BetaalrunGoedkeuren)
        && wie.ctx.actor.gebruiker_id().is_some_and(|ik| {
            !vangnet_domain::betaalrun::goedkeurder_toegestaan(b.run.gestart_door, ik)
        });
    Ok(Detail {
        schil: Schil::voor(
            staat,
            wie,
            &format!("Betaalrun {}", maand(&b.run.maand)),
            "/betaalruns",
        )
        .kruimel("/betaalruns", "Betaalruns")
        .kruimel(&format!("/betaalruns/{id}"), &maand(&b.run.maand))
        .met_melding(melding),
        grafiek: staven(&reeks),
        starten: wie.ctx.actor.mag(Recht::BetaalrunStarten) && status.mag_berekenen(),
        goedkeuren: wie.ctx.actor.mag(Recht::BetaalrunGoedkeuren)
            && status.mag_goedkeuren()
            && !loopt
            && !zelf_gestart,
        zelf_gestart,
        downloaden: wie.ctx.actor.mag(Recht::BetaalbestandDownloaden),
        dossiers_inzien: wie.ctx.actor.mag(Recht::ClientenInzien),
        b,
        jobs,
        loopt,
        fout: None,
    })
}

pub async fn bekijken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    Ok(pagina(
        &detail(&staat, &wie, id, bevestiging(q.gedaan.as_deref())).await?,
    ))
}

/// Een handeling op de run; een conflict (eigen run, intussen gewijzigd) staat op de pagina.
async fn handeling(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    uitkomst: Result<(), AppFout>,
    gedaan: &str,
) -> Result<Response, WebFout> {
    match uitkomst {
        Ok(()) => Ok(Redirect::to(&format!("/betaalruns/{id}?gedaan={gedaan}")).into_response()),
        Err(AppFout::Conflict(m) | AppFout::Verouderd(m)) => {
            let mut p = detail(staat, wie, id, None).await?;
            p.fout = Some(m);
            Ok(pagina_met_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn berekenen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let uitkomst = berekenen_op_achtergrond(&staat, &wie, id).await;
    handeling(&staat, &wie, id, uitkomst, "run-berekenen").await
}

pub async fn goedkeuren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    // Goedkeuren zet het geld klaar voor de bank: alleen wie aanvinkt dat hij aantal en bedrag
    // heeft gezien, keurt goed (geen goedkeuring door een verkeerde klik).
    if !formulier.aangevinkt("gecontroleerd") {
        wie.ctx
            .actor
            .vereist(vangnet_domain::Recht::BetaalrunGoedkeuren)?;
        let mut p = detail(&staat, &wie, id, None).await?;
        p.fout = Some(
            "Vink aan dat u aantal en bedrag hebt gecontroleerd; de run is niet goedgekeurd."
                .into(),
        );
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    let uitkomst = staat.app.betaalrun_goedkeuren(&wie.ctx, id, versie).await;
    handeling(&staat, &wie, id, uitkomst, "run-goedgekeurd").await
}

pub async fn afbreken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    // Afbreken gooit een berekende run weg: alleen wie het bevestigt (issue 21 punt 5).
    if !formulier.aangevinkt("afbreken_bevestigd") {
        wie.ctx
            .actor
            .vereist(vangnet_domain::Recht::BetaalrunStarten)?;
        let mut p = detail(&staat, &wie, id, None).await?;
        p.fout = Some("Vink aan dat u deze run wilt afbreken; de run is niet afgebroken.".into());
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    let uitkomst = staat.app.betaalrun_afbreken(&wie.ctx, id, versie).await;
    handeling(&staat, &wie, id, uitkomst, "run-afgebroken").await
}

/// Een naamloos bestand dat als antwoord wordt gestroomd: het geheugen blijft vlak, hoe groot de
/// run ook is, en er ligt nooit een leesbaar betaalbestand op schijf (zie
/// [`vangnet_app::bestanden::naamloos`]).
struct Bestandstroom {
    bestand: tokio::fs::File,
    buffer: Vec<u8>,
}

impl futures_core::Stream for Bestandstroom {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut TaakContext<'_>) -> Poll<Option<Self::Item>> {
        let dit = self.get_mut();
        let mut rb = ReadBuf::new(&mut dit.buffer);
        match Pin::new(&mut dit.bestand).poll_read(cx, &mut rb) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
            Poll::Ready(Ok(())) if rb.filled().is_empty() => Poll::Ready(None),
            Poll::Ready(Ok(())) => Poll::Ready(Some(Ok(Bytes::copy_from_slice(rb.filled())))),
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct Bevestiging {
    bevestigd: Option<String>,
}

/// Bevestigen voor een tweede download: het bestand ging misschien al naar de bank.
#[derive(Template)]
#[template(path = "betaalbestand_opnieuw.html")]
struct Opnieuw {
    schil: Schil,
    id: i64,
    maand: String,
    gemaakt: String,
    bericht_id: String,
}

pub async fn pain(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<Bevestiging>,
) -> Result<Response, WebFout> {
    // Al eens gemaakt: eerst bevestigen (issue 17, punt 14). Het nieuwe bestand draagt hetzelfde
    // bericht-id, zodat de bank een tweede inzending als dubbel weigert.
    let run = staat.app.betaalrun(&wie.ctx, id).await?;
    if let (Some(gemaakt), None) = (run.geexporteerd_op, q.bevestigd.as_deref()) {
        return Ok(pagina(&Opnieuw {
            schil: Schil::voor(
                &staat,
                &wie,
                "Betaalbestand opnieuw downloaden",
                "/betaalruns",
            )
            .kruimel("/betaalruns", "Betaalruns")
            .kruimel(&format!("/betaalruns/{id}"), &maand(&run.maand)),
            id,
            maand: maand(&run.maand),
            gemaakt: tijd::nl_weergave(gemaakt),
            bericht_id: vangnet_app::betaalruns::bericht_id(&run, 1),
        }));
    }
    match betaalbestand(&staat, &wie, id, None).await {
        Ok(r) => Ok(r),
        Err(AppFout::Conflict(m) | AppFout::Verouderd(m)) => {
            let mut p = detail(&staat, &wie, id, None).await?;
            p.fout = Some(m);
            Ok(pagina_met_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e.into()),
    }
}

/// Het betaalbestand (pain.001) van een goedgekeurde run, of één deel ervan (`(nummer,
/// per_bestand)`), als gestroomd antwoord: eerst geheel in een naamloos bestand geschreven, zodat
/// een fout halverwege nooit een half bestand oplevert. Voor het scherm en de API.
pub(crate) async fn betaalbestand(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    deel: Option<(u64, u64)>,
) -> Result<Response, AppFout> {
    let intern = |e: std::io::Error| AppFout::Intern(e.to_string());
    let bestand = vangnet_app::bestanden::naamloos(&staat.instellingen.werkmap).map_err(intern)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, bestand);
    staat.app.betaalrun_pain(&wie.ctx, id, deel, &mut w).await?;
    let mut bestand = w.into_inner().map_err(|e| intern(e.into_error()))?;
    std::io::Seek::rewind(&mut bestand).map_err(intern)?;
    let stroom = Bestandstroom {
        bestand: tokio::fs::File::from_std(bestand),
        buffer: vec![0; 64 * 1024],
    };
    let naam = match deel {
        Some((n, _)) => format!("betaalrun-{id}-deel-{n}.xml"),
        None => format!("betaalrun-{id}.xml"),
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/xml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        Body::from_stream(stroom),
    )
        .into_response())
}

pub async fn csv(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let mut uit = Vec::new();
    staat.app.betaalrun_csv(&wie.ctx, id, &mut uit).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"betaalrun-{id}.csv\""),
            ),
        ],
        uit,
    )
        .into_response())
}

/// De betaalspecificatie van een dossier: per run wat er is betaald en waarom.
#[derive(Template)]
#[template(path = "betaalspecificatie.html")]
struct Specificatie {
    schil: Schil,
    dossier_id: i64,
    regels: Vec<(BetaalrunRij, BetaalregelRij, Vec<Specificatieregel>)>,
}

pub async fn specificatie(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let regels = staat.app.betaalspecificatie(&wie.ctx, id).await?;
    Ok(pagina(&Specificatie {
        schil: Schil::voor(&staat, &wie, "Betalingen", "/dossiers")
            .kruimel(&format!("/dossiers/{id}"), "Dossier")
            .kruimel(&format!("/dossiers/{id}/betalingen"), "Betalingen"),
        dossier_id: id,
        regels,
    }))
}
