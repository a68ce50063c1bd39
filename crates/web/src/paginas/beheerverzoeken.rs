//! Beheerverzoeken op het scherm (issue 17, punt 6): de open verzoeken staan op de pagina waar ze
//! over gaan (rollen bij de gebruikers, vier ogen bij de inrichting van het werk), met goedkeuren
//! en afwijzen voor wie ze mag beoordelen. De regels zitten in `vangnet_app::beheerverzoeken`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::beheerverzoeken::Beheerverzoek;
use vangnet_app::AppFout;
use vangnet_domain::beheerverzoek::Verzoeksoort;
use vangnet_domain::{tijd, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// Een open verzoek zoals de partial `beheerverzoeken.html` het toont.
pub struct Verzoekregel {
    pub id: i64,
    pub versie: i64,
    pub omschrijving: String,
    pub aangevraagd_door: String,
    pub aangevraagd_op: String,
    pub mag_beoordelen: bool,
}

/// De open verzoeken van deze soort (en, bij rollen, eventueel van één gebruiker).
pub async fn regels(
    staat: &WebStaat,
    wie: &Ingelogd,
    soort: Verzoeksoort,
    gebruiker: Option<i64>,
) -> Result<Vec<Verzoekregel>, WebFout> {
    Ok(staat
        .app
        .beheerverzoeken(&wie.ctx)
        .await?
        .into_iter()
        .filter(|b| b.verzoek.soort == soort)
        .filter(|b| gebruiker.is_none_or(|g| b.verzoek.gebruiker_id == g))
        .map(regel)
        .collect())
}

pub fn regel(b: Beheerverzoek) -> Verzoekregel {
    Verzoekregel {
        id: b.verzoek.id,
        versie: b.verzoek.versie,
        omschrijving: b.omschrijving,
        aangevraagd_door: b.aangevraagd_door,
        aangevraagd_op: tijd::nl_weergave(b.verzoek.aangevraagd_op),
        mag_beoordelen: b.mag_beoordelen,
    }
}

/// Waarheen na het beoordelen: alleen de pagina's waar verzoeken staan.
fn terug(pad: &str) -> &str {
    let gebruiker = pad
        .strip_prefix("/gebruikers/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    if pad == "/werk/inrichting" || pad == "/gebruikers" || gebruiker {
        pad
    } else {
        "/gebruikers"
    }
}

#[derive(Template)]
#[template(path = "verzoek_afwijzen.html")]
struct AfwijsPagina {
    schil: Schil,
    regel: Verzoekregel,
    terug: String,
    reden: String,
    fouten: Veldfouten,
}

pub async fn beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    let goedkeuren = formulier.veld("besluit") == "goedkeuren";
    let reden = formulier.veld("reden");
    let terug = terug(&formulier.veld("terug")).to_owned();
    match staat
        .app
        .beheerverzoek_beoordelen(&wie.ctx, id, versie, goedkeuren, &reden)
        .await
    {
        Ok(()) => {
            let gedaan = if goedkeuren {
                "verzoek-goedgekeurd"
            } else {
                "verzoek-afgewezen"
            };
            Ok(Redirect::to(&format!("{terug}?gedaan={gedaan}")).into_response())
        }
        Err(AppFout::Ongeldig(fouten)) => {
            // Afwijzen zonder reden: een eigen formulier met de melding, wat getypt was blijft.
            let Some(b) = staat
                .app
                .beheerverzoeken(&wie.ctx)
                .await?
                .into_iter()
                .find(|b| b.verzoek.id == id)
            else {
                return Err(AppFout::NietGevonden("Het verzoek".into()).into());
            };
            Ok(pagina_met_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &AfwijsPagina {
                    schil: Schil::voor(&staat, &wie, "Verzoek afwijzen", &terug),
                    regel: regel(b),
                    terug,
                    reden,
                    fouten,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}
