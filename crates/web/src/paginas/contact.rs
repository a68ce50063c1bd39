//! Contact op het scherm (issue 8): de snelle invoer aan de telefoon (beller zoeken, de kern van
//! zijn dossiers, notitie en uitkomst in één formulier), zoeken in notities en onbekende bellers
//! koppelen, en een terugbelverzoek afronden.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::clienten::Treffer;
use vangnet_app::contact::{Bellerbeeld, ContactInvoer, Contactbeeld, VolgendeBetaling};
use vangnet_app::opslag::TaakRij;
use vangnet_app::AppFout;
use vangnet_domain::contact::{Beller, Kanaal, Richting, Uitkomst};
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// "Juni 2027: € 1.234,56 op 23-06-2027" voor de kern van een dossier.
pub fn betaling(v: &VolgendeBetaling) -> String {
    let maand = vangnet_domain::tijd::maand_weergave(v.maand);
    let bedrag = v.bedrag_centen.map_or_else(
        || "bedrag nog niet te berekenen".to_owned(),
        vangnet_domain::bedrag::euro,
    );
    match (v.betaaldatum, v.definitief) {
        (Some(d), true) => format!("{maand}: {bedrag} op {}", d.format("%d-%m-%Y")),
        _ => format!("{maand}: {bedrag} (zoals nu berekend; betaaldatum nog niet vastgesteld)"),
    }
}

type Keuzes = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "telefoon.html")]
struct TelefoonPagina {
    schil: Schil,
    q: String,
    gezocht: bool,
    treffers: Vec<Treffer>,
    zoekfouten: Veldfouten,
    beller: Option<Bellerbeeld>,
    onbekend: bool,
    invoer: ContactInvoer,
    fouten: Veldfouten,
    /// (veld, label, keuzes) voor de keuzelijsten van het formulier.
    keuzelijsten: Vec<(&'static str, &'static str, Keuzes)>,
    /// Na vastleggen: de melding over de taak die eruit volgde.
    vastgelegd: Option<Option<String>>,
}

impl TelefoonPagina {
    fn gekozen(&self, dossier_id: impl std::borrow::Borrow<i64>) -> bool {
        self.invoer.dossier_id == Some(*dossier_id.borrow())
    }

    fn waarde(&self, veld: &str) -> String {
        match veld {
            "kanaal" => self.invoer.kanaal.clone(),
            "richting" => self.invoer.richting.clone(),
            "beller" => self.invoer.beller.clone(),
            "onderwerp" => self.invoer.onderwerp.clone(),
            "uitkomst" => self.invoer.uitkomst.clone(),
            _ => String::new(),
        }
    }
}

fn keuzes<T: Copy>(alle: &[T], code: fn(T) -> &'static str, naam: fn(T) -> &'static str) -> Keuzes {
    alle.iter()
        .map(|t| (code(*t).to_owned(), naam(*t).to_owned()))
        .collect()
}

#[derive(serde::Deserialize, Default)]
pub struct TelefoonQuery {
    #[serde(default)]
    q: String,
    persoon: Option<i64>,
    onbekend: Option<String>,
    vastgelegd: Option<i64>,
}

async fn telefoonpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    q: String,
    invoer: ContactInvoer,
    onbekend: bool,
) -> Result<(StatusCode, TelefoonPagina), WebFout> {
    wie.ctx.actor.vereist(Recht::ContactmomentenVastleggen)?;
    let mut status = StatusCode::OK;
    let mut zoekfouten = Veldfouten::nieuw();
    let mut treffers = Vec::new();
    let gezocht = !q.trim().is_empty();
    if gezocht {
        match staat.app.zoeken(&wie.ctx, &q).await {
            Ok(t) => treffers = t,
            Err(AppFout::Ongeldig(f)) => {
                zoekfouten = f;
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let beller = match invoer.persoon_id {
        Some(p) => Some(staat.app.bellerbeeld(&wie.ctx, p).await?),
        None => None,
    };
    let onderwerpen: Keuzes = staat
        .app
        .contactonderwerpen(&wie.ctx)
        .await?
        .into_iter()
        .map(|o| (o.code, o.omschrijving))
        .collect();
    let mut uitkomsten = keuzes(Uitkomst::ALLE, Uitkomst::code, Uitkomst::naam);
    uitkomsten.retain(|(c, _)| c != Uitkomst::NietBereikt.code());
    Ok((
        status,
        TelefoonPagina {
            schil: Schil::voor(staat, wie, "Telefoon en balie", "/telefoon")
                .kruimel("/telefoon", "Telefoon en balie"),
            q,
            gezocht,
            treffers,
            zoekfouten,
            beller,
            onbekend,
            invoer,
            fouten: Veldfouten::nieuw(),
            keuzelijsten: vec![
                (
                    "kanaal",
                    "Kanaal",
                    keuzes(Kanaal::ALLE, Kanaal::code, Kanaal::naam),
                ),
                (
                    "richting",
                    "Richting",
                    keuzes(Richting::ALLE, Richting::code, Richting::naam),
                ),
                (
                    "beller",
                    "Contact met",
                    keuzes(Beller::ALLE, Beller::code, Beller::naam),
                ),
                ("onderwerp", "Onderwerp", onderwerpen),
                ("uitkomst", "Uitkomst", uitkomsten),
            ],
            vastgelegd: None,
        },
    ))
}

/// De snelle invoer: zoeken, dan de beller met het formulier.
pub async fn telefoon(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<TelefoonQuery>,
) -> Result<Response, WebFout> {
    // Geen voorgekozen onderwerp (issue 21 punt 14): de medewerker kiest wat het gesprek was.
    let invoer = ContactInvoer::telefoontje(q.persoon, None);
    let (status, mut p) = telefoonpagina(&staat, &wie, q.q, invoer, q.onbekend.is_some()).await?;
    // Het eerste open dossier staat voorgeselecteerd.
    if let Some(b) = &p.beller {
        p.invoer.dossier_id = b.dossiers.first().map(|d| d.dossier.id);
    }
    if let Some(id) = q.vastgelegd {
        let c = staat.app.contactmoment(&wie.ctx, id).await?;
        p.vastgelegd = Some(match c.rij.uitkomst {
            Uitkomst::Terugbellen => {
                Some("het terugbelverzoek staat als taak op de lijst van wie terugbelt".to_owned())
            }
            Uitkomst::Doorverwezen => {
                Some("de consulent van het dossier heeft er een taak voor".to_owned())
            }
            Uitkomst::Signaal => {
                Some("het signaal staat als taak bij de consulent van het dossier".to_owned())
            }
            _ => None,
        });
    }
    Ok(pagina_met_status(status, &p))
}

fn contactinvoer(f: &Formulier) -> ContactInvoer {
    ContactInvoer {
        persoon_id: f.veld("persoon_id").trim().parse().ok(),
        dossier_id: f.veld("dossier_id").trim().parse().ok(),
        kanaal: f.veld("kanaal"),
        richting: f.veld("richting"),
        beller: f.veld("beller"),
        derde_naam: f.veld("derde_naam"),
        onderwerp: f.veld("onderwerp"),
        tekst: f.veld("tekst"),
        uitkomst: f.veld("uitkomst"),
        telefoonnummer: f.veld("telefoonnummer"),
        duur_minuten: f.veld("duur_minuten"),
        gevoelig: !f.veld("gevoelig").is_empty(),
        terugbellen_door: f.veld("terugbellen_door"),
    }
}

pub async fn vastleggen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let invoer = contactinvoer(&formulier);
    match staat.app.contactmoment_vastleggen(&wie.ctx, &invoer).await {
        Ok((id, _)) => Ok(Redirect::to(&format!("/telefoon?vastgelegd={id}")).into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let onbekend = invoer.persoon_id.is_none();
            let (_, mut p) = telefoonpagina(&staat, &wie, String::new(), invoer, onbekend).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "contactmomenten.html")]
struct ContactmomentenPagina {
    schil: Schil,
    q: String,
    gezocht: bool,
    gevonden: Vec<Contactbeeld>,
    /// Het adres van de bladzijde met oudere treffers, als die er zijn.
    oudere: Option<String>,
    /// Dit is een vervolgbladzijde.
    vervolg: bool,
    onbekend: Vec<Contactbeeld>,
    fouten: Veldfouten,
    /// Het contactmoment waarbij de koppelfout hoort.
    fout_bij: Option<i64>,
    koppelen: bool,
}

impl ContactmomentenPagina {
    fn fout_bij_is(&self, id: impl std::borrow::Borrow<i64>) -> bool {
        self.fout_bij == Some(*id.borrow())
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ZoekQuery {
    #[serde(default)]
    q: String,
    /// De cursor van de vorige bladzijde.
    #[serde(default)]
    na: String,
}

async fn contactmomentenpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    q: String,
    na: &str,
) -> Result<(StatusCode, ContactmomentenPagina), WebFout> {
    let mut p = ContactmomentenPagina {
        schil: Schil::voor(staat, wie, "Contactmomenten", "/contactmomenten")
            .kruimel("/contactmomenten", "Contactmomenten"),
        gezocht: !q.trim().is_empty(),
        q,
        gevonden: Vec::new(),
        oudere: None,
        vervolg: !na.is_empty(),
        onbekend: staat.app.contactmomenten_zonder_persoon(&wie.ctx).await?,
        fouten: Veldfouten::nieuw(),
        fout_bij: None,
        koppelen: wie.ctx.actor.mag(Recht::ContactmomentenVastleggen),
    };
    let mut status = StatusCode::OK;
    if p.gezocht {
        match staat
            .app
            .contactmomenten_zoeken(&wie.ctx, &p.q, Some(na))
            .await
        {
            Ok(g) => {
                p.oudere = g.volgende.map(|c| {
                    let query = form_urlencoded::Serializer::new(String::new())
                        .append_pair("q", &p.q)
                        .append_pair("na", &c)
                        .finish();
                    format!("/contactmomenten?{query}")
                });
                p.gevonden = g.contactmomenten;
            }
            Err(AppFout::Ongeldig(f)) => {
                p.fouten = f;
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok((status, p))
}

/// Zoeken in notities en de onbekende bellers om te koppelen.
pub async fn contactmomenten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<ZoekQuery>,
) -> Result<Response, WebFout> {
    let (status, p) = contactmomentenpagina(&staat, &wie, q.q, &q.na).await?;
    Ok(pagina_met_status(status, &p))
}

/// Koppelt een onbekende beller aan de persoon met dit BSN (en eventueel een dossier).
pub async fn koppelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    let uitkomst = staat
        .app
        .contactmoment_koppelen_op_bsn(
            &wie.ctx,
            id,
            versie,
            &formulier.veld("bsn"),
            &formulier.veld("dossiernummer"),
        )
        .await;
    match uitkomst {
        Ok(p) => {
            Ok(Redirect::to(&format!("/personen/{p}?gedaan=contact-gekoppeld")).into_response())
        }
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = contactmomentenpagina(&staat, &wie, String::new(), "").await?;
            p.fouten = f;
            p.fout_bij = Some(id);
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "terugbellen.html")]
struct TerugbelPagina {
    schil: Schil,
    /// Naam en gemaskeerd BSN van wie terugbeld wordt.
    client: Option<String>,
    taak: TaakRij,
    contact: Option<Contactbeeld>,
    tekst: String,
    bereikt: String,
    fouten: Veldfouten,
}

impl TerugbelPagina {
    fn verzoek(&self) -> Vec<Contactbeeld> {
        self.contact.iter().cloned().collect()
    }
}

async fn terugbelpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    taak_id: i64,
) -> Result<TerugbelPagina, WebFout> {
    let (taak, contact, client) = staat.app.terugbelverzoek(&wie.ctx, taak_id).await?;
    Ok(TerugbelPagina {
        client,
        schil: Schil::voor(staat, wie, "Terugbellen", "/")
            .kruimel(&format!("/taken/{taak_id}/terugbellen"), "Terugbellen"),
        taak,
        contact,
        tekst: String::new(),
        bereikt: "ja".into(),
        fouten: Veldfouten::nieuw(),
    })
}

pub async fn terugbellen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    Ok(pagina(&terugbelpagina(&staat, &wie, id).await?))
}

pub async fn teruggebeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    let bereikt = formulier.veld("bereikt");
    let tekst = formulier.veld("tekst");
    let uitkomst = match bereikt.as_str() {
        "ja" | "nee" => {
            staat
                .app
                .terugbellen_afronden(&wie.ctx, id, versie, bereikt == "ja", &tekst)
                .await
        }
        _ => Err(AppFout::veld(
            "bereikt",
            "Kies of u de klant heeft gesproken.",
        )),
    };
    match uitkomst {
        Ok(_) if bereikt == "ja" => Ok(Redirect::to("/?gedaan=teruggebeld").into_response()),
        Ok(_) => Ok(Redirect::to("/?gedaan=niet-bereikt").into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = terugbelpagina(&staat, &wie, id).await?;
            p.fouten = f;
            p.tekst = tekst;
            p.bereikt = bereikt;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
