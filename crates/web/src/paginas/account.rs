//! Mijn account: eigen gegevens en teams, wachtwoord wijzigen, persoonlijke API-tokens.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use vangnet_app::opslag::{TeamRij, TokenRij};
use vangnet_app::AppFout;
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
}

impl From<&TokenRij> for TokenRegel {
    fn from(t: &TokenRij) -> Self {
        TokenRegel {
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

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPagina {
    schil: Schil,
    gebruikersnaam: String,
    rollen: String,
    teams: Vec<TeamRij>,
    tokens: Vec<TokenRegel>,
    nieuw_token: Option<String>,
    omschrijving: String,
    fouten: Veldfouten,
}

async fn accountpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    melding: Option<String>,
    nieuw_token: Option<String>,
    omschrijving: String,
    fouten: Veldfouten,
) -> Result<AccountPagina, WebFout> {
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
        tokens: tokens.iter().map(TokenRegel::from).collect(),
        nieuw_token,
        omschrijving,
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
        String::new(),
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
    let omschrijving = formulier.veld("omschrijving");
    match staat
        .app
        .token_aanmaken(&wie.ctx, &wie.ctx.actor.omschrijving(), &omschrijving)
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
                String::new(),
                Veldfouten::nieuw(),
            )
            .await?;
            Ok(pagina(&p))
        }
        Err(AppFout::Ongeldig(f)) => {
            let p = accountpagina(&staat, &wie, None, None, omschrijving, f).await?;
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
