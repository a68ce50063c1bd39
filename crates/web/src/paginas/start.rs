//! Inloggen, uitloggen en de startpagina per rol.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vangnet_app::opslag::{MeldingRij, TeamRij};
use vangnet_app::AppFout;
use vangnet_domain::werk::Taaksoort;
use vangnet_domain::{Recht, Rol, Veldfouten};

use crate::aanmelding::{ClientAdres, MisschienIngelogd};
use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::metingen::OperatieId;
use crate::paginas::werk::VandaagBeeld;
use crate::paginas::{bevestiging, lokaal_pad};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::{cookie_wissen, cookie_zetten, Ingelogd, INLOG_CSRF_COOKIE, SESSIE_COOKIE};
use crate::WebStaat;

/// Wat een rol in Vangnet doet (VISION.md), voor de startpagina.
fn taakomschrijving(rol: Rol) -> &'static str {
    match rol {
        Rol::AdministratiefOndersteuner => "Registreert nieuwe dossiers en mutaties, beheert digitale dossiers, beantwoordt de telefoon en verwijst door naar de consulent.",
        Rol::Inkomensconsulent => "Heeft een eigen caseload; beslist op aanvragen, mutaties boven de drempel (vier ogen), signalen en terugvordering.",
        Rol::Teamleider => "Bewaakt werkvoorraad en servicenormen van het team, verdeelt werk en vangt afwezigheid op.",
        Rol::Handhaving => "Onderzoekt signalen die meer vragen dan de blik van een consulent.",
        Rol::FunctioneelBeheerder => "Beheert gebruikers, teams en rollen, normtabellen, servicenormen en postcodegebieden; later ook documenttypen en bewaartermijnen.",
        Rol::Auditor => "Leest wie wat heeft gewijzigd en wie wiens gegevens heeft ingezien, en controleert de audittrail op manipulatie.",
    }
}

pub struct RolKaart {
    pub naam: &'static str,
    pub taak: &'static str,
}

#[derive(Template)]
#[template(path = "start.html")]
pub struct StartPagina {
    schil: Schil,
    voornaam: String,
    rollen: Vec<RolKaart>,
    teams: Vec<TeamRij>,
    beheer: bool,
    audit: bool,
    aantal_gebruikers: usize,
    aantal_teams: usize,
    vandaag: Option<VandaagBeeld>,
    meldingen: Vec<MeldingRij>,
    /// Berekende betaalruns die op goedkeuring wachten (voor wie mag goedkeuren).
    wachtende_runs: Vec<vangnet_app::opslag::BetaalrunRij>,
    /// Nieuwe bankrekeningen die op een tweede medewerker wachten.
    wachtende_rekeningen: usize,
    teamleider: bool,
    inrichten: bool,
    /// Omschrijving en deadline van een nieuwe taak (bij een fout).
    pub nieuwe_taak: (String, String, bool),
    pub fouten: Veldfouten,
}

impl StartPagina {
    /// Een nieuwe taak op de startpagina hoort bij geen dossier (zie `taakformulier.html`).
    fn taak_dossier(&self) -> Option<i64> {
        None
    }
}

#[derive(Deserialize, Default)]
pub struct StartQuery {
    soort: Option<String>,
    gedaan: Option<String>,
}

pub async fn start(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<StartQuery>,
) -> Result<Response, WebFout> {
    let mut p = startpagina(&staat, &wie, q.soort.as_deref().unwrap_or_default()).await?;
    p.schil = p.schil.met_melding(bevestiging(q.gedaan.as_deref()));
    Ok(pagina(&p))
}

/// De startpagina; `soort` filtert "Vandaag".
pub async fn startpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    soort: &str,
) -> Result<StartPagina, WebFout> {
    let app = &staat.app;
    let ctx = &wie.ctx;
    let vandaag = if ctx.actor.mag(Recht::ClientenInzien) && ctx.actor.gebruiker_id().is_some() {
        let soort = Taaksoort::uit_code(soort).map_or("", Taaksoort::code);
        Some(VandaagBeeld::nieuw(
            app.vandaag(ctx, Some(soort)).await?,
            soort,
        ))
    } else {
        None
    };
    let meldingen: Vec<MeldingRij> = app
        .meldingen(ctx)
        .await?
        .into_iter()
        .filter(|m| m.gelezen_op.is_none())
        .take(20)
        .collect();
    let teams = app.eigen_teams(ctx).await?;
    let wachtende_runs = if ctx.actor.mag(Recht::BetaalrunGoedkeuren) {
        app.betaalruns(ctx)
            .await?
            .into_iter()
            .filter(|r| r.status == vangnet_domain::betaalrun::Runstatus::Berekend)
            .collect()
    } else {
        Vec::new()
    };
    let wachtende_rekeningen = if ctx.actor.mag(Recht::UitkeringenBeheren) {
        app.rekeningwijzigingen_aantal(ctx).await?
    } else {
        0
    };
    let beheer = ctx.actor.mag(Recht::GebruikersBeheren);
    let audit = ctx.actor.mag(Recht::AuditInzien);
    let aantal_gebruikers = if beheer {
        app.gebruikers(ctx).await?.len()
    } else {
        0
    };
    // Alleen de beheerkaart toont het aantal teams (de lijst met leden is bij 500 consulenten
    // te duur voor elke startpagina).
    let aantal_teams = if beheer {
        app.teams(ctx).await?.len()
    } else {
        0
    };
    let schil = Schil::voor(staat, wie, "Start", "/");
    let voornaam = schil.gebruiker.clone().unwrap_or_default();
    Ok(StartPagina {
        vandaag,
        meldingen,
        wachtende_runs,
        wachtende_rekeningen,
        teamleider: ctx.actor.mag(Recht::TakenToewijzen),
        inrichten: ctx.actor.mag(Recht::WerkInrichten),
        nieuwe_taak: Default::default(),
        fouten: Veldfouten::nieuw(),
        schil,
        voornaam,
        rollen: ctx
            .actor
            .rollen()
            .iter()
            .map(|r| RolKaart {
                naam: r.naam(),
                taak: taakomschrijving(*r),
            })
            .collect(),
        teams,
        beheer,
        audit,
        aantal_gebruikers,
        aantal_teams,
    })
}

#[derive(Template)]
#[template(path = "inloggen.html")]
struct InlogPagina {
    schil: Schil,
    csrf: String,
    gebruikersnaam: String,
    terug: String,
    fouten: Veldfouten,
    melding: Option<String>,
    uitleg: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct InlogQuery {
    terug: Option<String>,
    verlopen: Option<String>,
    uitgelogd: Option<String>,
}

/// Het inlogformulier met een verse voorsessie in het cookie en het CSRF-token dat daarbij hoort
/// in het formulier.
async fn inlogpagina(staat: &WebStaat, status: StatusCode, mut p: InlogPagina) -> Response {
    let voorsessie = vangnet_app::geheim::willekeurig_hex(32);
    p.csrf = match staat.app.inlog_csrf(&voorsessie).await {
        Ok(t) => t,
        Err(e) => return WebFout::from(e).into_response(),
    };
    let mut resp = pagina_met_status(status, &p);
    if let Ok(v) = cookie_zetten(staat, INLOG_CSRF_COOKIE, &voorsessie).parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

impl InlogPagina {
    fn nieuw(staat: &WebStaat, operatie: &str, gebruikersnaam: String, terug: String) -> Self {
        InlogPagina {
            schil: Schil::anoniem(staat, "Inloggen", operatie),
            csrf: String::new(),
            gebruikersnaam,
            terug,
            fouten: Veldfouten::nieuw(),
            melding: None,
            uitleg: None,
        }
    }
}

pub async fn inlogformulier(
    State(staat): State<WebStaat>,
    MisschienIngelogd(wie): MisschienIngelogd,
    OperatieId(op): OperatieId,
    Query(q): Query<InlogQuery>,
) -> Response {
    if wie.is_some() {
        return Redirect::to("/").into_response();
    }
    let uitleg = if q.verlopen.is_some() {
        Some("Uw sessie is verlopen. Log opnieuw in.".to_owned())
    } else if q.uitgelogd.is_some() {
        Some("U bent uitgelogd.".to_owned())
    } else {
        None
    };
    let terug = q
        .terug
        .as_deref()
        .and_then(lokaal_pad)
        .unwrap_or("/")
        .to_owned();
    let mut p = InlogPagina::nieuw(&staat, &op, String::new(), terug);
    p.uitleg = uitleg;
    let mut resp = inlogpagina(&staat, StatusCode::OK, p).await;
    if q.verlopen.is_some() {
        if let Ok(v) = cookie_wissen(&staat, SESSIE_COOKIE).parse() {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

pub async fn inloggen(
    State(staat): State<WebStaat>,
    OperatieId(op): OperatieId,
    ClientAdres(adres): ClientAdres,
    formulier: Formulier,
) -> Response {
    let naam = formulier.veld("gebruikersnaam");
    let wachtwoord = formulier.veld("wachtwoord");
    let terug = lokaal_pad(&formulier.veld("terug"))
        .unwrap_or("/")
        .to_owned();
    let mut fouten = Veldfouten::nieuw();
    if naam.trim().is_empty() {
        fouten.voeg_toe("gebruikersnaam", "Vul uw gebruikersnaam in.");
    }
    if wachtwoord.is_empty() {
        fouten.voeg_toe("wachtwoord", "Vul uw wachtwoord in.");
    }
    if !fouten.is_leeg() {
        let mut p = InlogPagina::nieuw(&staat, &op, naam, terug);
        p.fouten = fouten;
        return inlogpagina(&staat, StatusCode::UNPROCESSABLE_ENTITY, p).await;
    }
    match staat.app.inloggen(&op, &naam, &wachtwoord, &adres).await {
        Ok(sessie) => {
            let doel = if sessie.moet_wachtwoord_wijzigen {
                "/account/wachtwoord".to_owned()
            } else {
                terug
            };
            let mut resp = Redirect::to(&doel).into_response();
            let h = resp.headers_mut();
            if let Ok(v) = cookie_zetten(&staat, SESSIE_COOKIE, &sessie.sleutel).parse() {
                h.append(header::SET_COOKIE, v);
            }
            if let Ok(v) = cookie_wissen(&staat, INLOG_CSRF_COOKIE).parse() {
                h.append(header::SET_COOKIE, v);
            }
            resp
        }
        Err(f @ (AppFout::InloggenMislukt | AppFout::TeVeelPogingen { .. })) => {
            staat.metingen.inloggen_mislukt.inc();
            let status = if matches!(f, AppFout::TeVeelPogingen { .. }) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let mut p = InlogPagina::nieuw(&staat, &op, naam, terug);
            p.melding = Some(f.to_string());
            inlogpagina(&staat, status, p).await
        }
        Err(f) => WebFout::from(f).into_response(),
    }
}

pub async fn uitloggen(State(staat): State<WebStaat>, wie: Ingelogd) -> Result<Response, WebFout> {
    if let Some(sleutel) = &wie.sleutel {
        staat.app.uitloggen(&wie.ctx, sleutel).await?;
    }
    let mut resp = Redirect::to("/inloggen?uitgelogd=1").into_response();
    if let Ok(v) = cookie_wissen(&staat, SESSIE_COOKIE).parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}
