//! Mijn account: eigen gegevens en teams, wachtwoord wijzigen, persoonlijke API-tokens.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use vangnet_app::opslag::{TeamRij, TokenRij};
use vangnet_app::AppFout;
use vangnet_app::Tokenbereik;
use vangnet_domain::tokenbereik::Gebied;
use vangnet_domain::{tijd, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

pub struct TokenRegel {
    pub id: i64,
    pub omschrijving: String,
    pub voorvoegsel: String,
    pub aangemaakt: String,
    pub laatst_gebruikt: String,
    pub ingetrokken: Option<String>,
    /// Wat het token mag, voor een mens.
    pub bereik: String,
    /// Verloopt op (of verliep op), en of dat al voorbij is.
    pub verloopt: String,
    pub verlopen: bool,
}

impl TokenRegel {
    pub fn van(t: &TokenRij, nu: chrono::DateTime<chrono::Utc>) -> Self {
        let verloopt = vangnet_app::account::token_verloopt_op(t);
        TokenRegel {
            bereik: bereiknaam(&t.bereik),
            verloopt: tijd::nl_weergave(verloopt),
            verlopen: verloopt <= nu,
            id: t.id,
            omschrijving: t.omschrijving.clone(),
            voorvoegsel: t.voorvoegsel.clone(),
            aangemaakt: tijd::nl_weergave(t.aangemaakt_op),
            laatst_gebruikt: t
                .laatst_gebruikt_op
                .map_or_else(|| "nooit".to_owned(), tijd::nl_weergave),
            ingetrokken: t.ingetrokken_op.map(tijd::nl_weergave),
        }
    }
}

/// `lezen:clienten,werk` als "alleen lezen; cliënten en dossiers, werkverdeling".
fn bereiknaam(code: &str) -> String {
    match Tokenbereik::parse(code) {
        Ok(b) => {
            let soort = if b.schrijven {
                "lezen en wijzigen"
            } else {
                "alleen lezen"
            };
            if b.gebieden.is_empty() {
                format!("{soort}; alle gebieden")
            } else {
                let namen: Vec<&str> = b.gebieden.iter().map(|g| g.naam()).collect();
                format!("{soort}; {}", namen.join(", "))
            }
        }
        Err(_) => code.to_owned(),
    }
}

/// Wat in het formulier voor een nieuw token staat.
#[derive(Default)]
pub struct Tokenformulier {
    pub omschrijving: String,
    /// `schrijven` of `lezen`.
    pub soort: String,
    /// Aangevinkte gebieden (codes); geen: alle.
    pub gebieden: Vec<String>,
    /// De laatste geldige dag, `jjjj-mm-dd`.
    pub laatste_dag: String,
}

impl Tokenformulier {
    fn uit(f: &Formulier) -> Self {
        Self {
            omschrijving: f.veld("omschrijving"),
            soort: f.veld("soort"),
            gebieden: f.alle("gebied"),
            laatste_dag: f.veld("verloopt_op"),
        }
    }

    /// Zonder keuze wat het formulier vooraf kiest: lezen en wijzigen.
    fn bereik(&self) -> String {
        let soort = match self.soort.trim() {
            "" => "schrijven",
            s => s,
        };
        if self.gebieden.is_empty() {
            soort.to_owned()
        } else {
            format!("{soort}:{}", self.gebieden.join(","))
        }
    }

    pub fn aangevinkt(&self, gebied: &&str) -> bool {
        self.gebieden.iter().any(|g| g == gebied)
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPagina {
    schil: Schil,
    gebruikersnaam: String,
    rollen: String,
    teams: Vec<TeamRij>,
    tokens: Vec<TokenRegel>,
    nieuw_token: Option<String>,
    getypt: Tokenformulier,
    /// (code, naam) van elk gebied.
    gebieden: Vec<(&'static str, &'static str)>,
    fouten: Veldfouten,
}

async fn accountpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
    nieuw_token: Option<String>,
    mut getypt: Tokenformulier,
    fouten: Veldfouten,
) -> Result<AccountPagina, WebFout> {
    let vandaag = tijd::nl_lokaal(staat.app.klok.nu()).date();
    if getypt.laatste_dag.is_empty() {
        getypt.laatste_dag = (vandaag
            + chrono::Duration::days(vangnet_app::account::STANDAARD_GELDIG_DAGEN))
        .format("%Y-%m-%d")
        .to_string();
    }
    if getypt.soort.is_empty() {
        getypt.soort = "schrijven".into();
    }
    let teams = staat.app.eigen_teams(&wie.ctx).await?;
    let tokens = staat.app.eigen_tokens(&wie.ctx).await?;
    let schil = Schil::voor(staat, wie, "Mijn account", "/account")
        .kruimel("/account", "Mijn account")
        .met_melding(melding);
    Ok(AccountPagina {
        rollen: schil.rollen.clone(),
        schil,
        gebruikersnaam: wie.ctx.actor.omschrijving(),
        teams,
        tokens: tokens
            .iter()
            .map(|t| TokenRegel::van(t, staat.app.klok.nu()))
            .collect(),
        nieuw_token,
        getypt,
        gebieden: Gebied::ALLE.iter().map(|g| (g.code(), g.naam())).collect(),
        fouten,
    })
}

pub async fn account(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    let p = accountpagina(
        &staat,
        &wie,
        bevestiging(q.gedaan.as_deref()),
        None,
        Tokenformulier::default(),
        Veldfouten::nieuw(),
    )
    .await?;
    Ok(pagina(&p))
}

pub async fn token_aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let getypt = Tokenformulier::uit(&formulier);
    match staat
        .app
        .token_aanmaken_met(
            &wie.ctx,
            &wie.ctx.actor.omschrijving(),
            &getypt.omschrijving,
            &getypt.bereik(),
            &getypt.laatste_dag,
        )
        .await
    {
        Ok(t) => {
            let p = accountpagina(
                &staat,
                &wie,
                Some(
                    "Het token is aangemaakt. Kopieer het nu: het wordt niet nog eens getoond."
                        .into(),
                ),
                Some(t.token),
                Tokenformulier::default(),
                Veldfouten::nieuw(),
            )
            .await?;
            Ok(pagina(&p))
        }
        Err(AppFout::Ongeldig(f)) => {
            let p = accountpagina(&staat, &wie, None, None, getypt, f).await?;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn token_intrekken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Redirect, WebFout> {
    staat.app.token_intrekken(&wie.ctx, id).await?;
    Ok(Redirect::to("/account?gedaan=token-ingetrokken"))
}

#[derive(Template)]
#[template(path = "wachtwoord.html")]
struct WachtwoordPagina {
    schil: Schil,
    verplicht: bool,
    fouten: Veldfouten,
}

pub async fn wachtwoordformulier(State(staat): State<WebStaat>, wie: Ingelogd) -> Response {
    let verplicht = wie.moet_wachtwoord_wijzigen;
    pagina(&WachtwoordPagina {
        schil: Schil::voor(&staat, &wie, "Wachtwoord wijzigen", "/account")
            .kruimel("/account", "Mijn account")
            .kruimel("/account/wachtwoord", "Wachtwoord wijzigen"),
        verplicht,
        fouten: Veldfouten::nieuw(),
    })
}

pub async fn wachtwoord_wijzigen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    match staat
        .app
        .wachtwoord_wijzigen(
            &wie.ctx,
            wie.sleutel.as_deref(),
            &formulier.veld("huidig"),
            &formulier.veld("nieuw"),
            &formulier.veld("herhaling"),
        )
        .await
    {
        Ok(nieuwe_sleutel) => {
            let mut resp = axum::response::IntoResponse::into_response(Redirect::to(
                "/account?gedaan=wachtwoord-gewijzigd",
            ));
            // De sessie heeft een nieuwe sleutel: het oude cookie werkt niet meer.
            if let Some(sleutel) = nieuwe_sleutel {
                if let Ok(v) =
                    crate::sessie::cookie_zetten(&staat, crate::sessie::SESSIE_COOKIE, &sleutel)
                        .parse()
                {
                    resp.headers_mut().append(axum::http::header::SET_COOKIE, v);
                }
            }
            Ok(resp)
        }
        Err(AppFout::Ongeldig(fouten)) => {
            let verplicht = wie.moet_wachtwoord_wijzigen;
            Ok(pagina_met_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &WachtwoordPagina {
                    schil: Schil::voor(&staat, &wie, "Wachtwoord wijzigen", "/account")
                        .kruimel("/account", "Mijn account")
                        .kruimel("/account/wachtwoord", "Wachtwoord wijzigen"),
                    verplicht,
                    fouten,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}
