//! De JSON-API onder `/api/v1`, beschreven in `/api/v1/openapi.json`. Aanmelden met een
//! persoonlijk token (`Authorization: Bearer vgn_…`) of met de sessie van de browser (dan met
//! `X-CSRF-Token` bij wijzigingen). Fouten zijn `application/problem+json`.

pub mod beheer;
pub mod betaalruns;
pub mod contact;
pub mod dossier;
pub mod inrichting;
pub mod normen;
pub mod rekeningen;
pub mod uitkering;
pub mod uitkeringsbeeld;
pub mod werk;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use vangnet_app::beheer::NieuweGebruiker;
use vangnet_app::clienten::{LidInvoer, NieuweAanvraag, PersoonInvoer};
use vangnet_app::opslag::GebruikerRij;
use vangnet_app::uitkeringen::MutatieInvoer;
use vangnet_app::AppFout;
use vangnet_domain::Veldfouten;

use crate::fout::WebFout;
use crate::invoer::{met_etag, ApiId, ApiQuery, IfMatch, JsonInvoer};
use crate::paginas::audit::{
    audit_filter, paginanummer, toegang_filter, AuditQuery, ToegangQuery, PER_PAGINA,
};
use crate::sessie::Ingelogd;
use crate::WebStaat;

const OPENAPI: &str = include_str!("../../openapi.json");

pub async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
        .into_response()
}

fn gebruiker_json(g: &GebruikerRij) -> Value {
    json!({
        "id": g.id,
        "gebruikersnaam": g.gebruikersnaam,
        "volledige_naam": g.volledige_naam,
        "rollen": g.rollen.iter().map(|r| r.code()).collect::<Vec<_>>(),
        "geblokkeerd": g.geblokkeerd,
        "moet_wachtwoord_wijzigen": g.moet_wachtwoord_wijzigen,
        "aangemaakt_op": g.aangemaakt_op,
        "gewijzigd_op": g.gewijzigd_op,
        "versie": g.versie,
    })
}

pub async fn ik(State(staat): State<WebStaat>, wie: Ingelogd) -> Result<Json<Value>, WebFout> {
    let teams = staat.app.eigen_teams(&wie.ctx).await?;
    Ok(Json(json!({
        "gebruikersnaam": wie.ctx.actor.omschrijving(),
        "rollen": wie.ctx.actor.rollen().iter().map(|r| r.code()).collect::<Vec<_>>(),
        "teams": teams.iter().map(|t| json!({ "id": t.id, "naam": t.naam })).collect::<Vec<_>>(),
    })))
}

pub async fn gebruikers(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<Bladeren>,
) -> Result<Response, WebFout> {
    let (lijst, volgende) = deel(staat.app.gebruikers(&wie.ctx).await?, b.na.as_deref())?;
    Ok(bladzijde(
        &uri,
        volgende,
        json!({ "gebruikers": lijst.iter().map(gebruiker_json).collect::<Vec<_>>() }),
    ))
}

pub async fn gebruiker(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let d = staat.app.gebruiker(&wie.ctx, id).await?;
    let mut g = gebruiker_json(&d.gebruiker);
    g["teams"] = json!(d
        .teams
        .iter()
        .map(|t| json!({ "id": t.id, "naam": t.naam }))
        .collect::<Vec<_>>());
    Ok(met_etag(d.gebruiker.versie, Json(g)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuweGebruikerJson {
    gebruikersnaam: String,
    volledige_naam: String,
    rollen: Vec<String>,
}

pub async fn gebruiker_aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(n): JsonInvoer<NieuweGebruikerJson>,
) -> Result<Response, WebFout> {
    let invoer = NieuweGebruiker {
        gebruikersnaam: n.gebruikersnaam,
        volledige_naam: n.volledige_naam,
        rollen: n.rollen,
    };
    let (id, wachtwoord) = staat.app.gebruiker_aanmaken(&wie.ctx, &invoer).await?;
    Ok((
        StatusCode::CREATED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/gebruikers/{id}"),
        )],
        Json(json!({
            "id": id,
            "gebruikersnaam": invoer.gebruikersnaam.trim().to_lowercase(),
            "eenmalig_wachtwoord": wachtwoord,
            // Een medewerker geeft rollen niet alleen: ze gaan in als een tweede functioneel
            // beheerder het verzoek goedkeurt (in de UI, bij Gebruikers).
            "rollen_wachten_op_goedkeuring": wie.ctx.actor.gebruiker_id().is_some(),
        })),
    )
        .into_response())
}

pub async fn teams(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(b): ApiQuery<Bladeren>,
) -> Result<Response, WebFout> {
    let (teams, volgende) = deel(staat.app.teams(&wie.ctx).await?, b.na.as_deref())?;
    Ok(bladzijde(
        &uri,
        volgende,
        json!({
            "teams": teams.iter().map(|t| json!({
                "id": t.team.id,
                "naam": t.team.naam,
                "omschrijving": t.team.omschrijving,
                "versie": t.team.versie,
                "leden": t.leden.iter().map(|g| json!({ "id": g.id, "gebruikersnaam": g.gebruikersnaam, "volledige_naam": g.volledige_naam })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>()
        }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NieuwTeamJson {
    naam: String,
    #[serde(default)]
    omschrijving: String,
}

pub async fn team_aanmaken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(t): JsonInvoer<NieuwTeamJson>,
) -> Result<Response, WebFout> {
    let id = staat
        .app
        .team_aanmaken(&wie.ctx, &t.naam, &t.omschrijving)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": id, "naam": t.naam.trim() })),
    )
        .into_response())
}

/// Een invoerfout van de app-laag met de veldnamen van de API: waar het scherm een veld anders
/// noemt (`consulent` tegen `consulent_id`), noemt de problem+json het veld zoals de koppeling
/// het stuurde.
pub(crate) fn api_veldnamen(e: AppFout, namen: &[(&str, &str)]) -> AppFout {
    match e {
        AppFout::Ongeldig(f) => {
            let mut uit = Veldfouten::nieuw();
            for v in f.0 {
                let veld = namen
                    .iter()
                    .find(|(scherm, _)| *scherm == v.veld)
                    .map_or(v.veld.as_str(), |(_, api)| api);
                uit.voeg_toe(veld, v.melding);
            }
            AppFout::Ongeldig(uit)
        }
        e => e,
    }
}

/// Een antwoord van de app-laag als JSON (een fout daarbij is een programmafout).
pub(crate) fn als_json<T: serde::Serialize>(t: &T) -> Result<Json<Value>, WebFout> {
    serde_json::to_value(t)
        .map(Json)
        .map_err(|e| WebFout::Intern(e.to_string()))
}

/// Het nummer van de bladzijde (vanaf 1) uit de cursor `na` (`p<n>`) of, zonder cursor, uit
/// `pagina` zoals op het scherm.
fn bladzijdenummer(
    pagina: &Option<String>,
    na: Option<&str>,
    fouten: &mut Veldfouten,
) -> Result<i64, WebFout> {
    match na.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(paginanummer(pagina, fouten)),
        Some(_) => match i64::try_from(positie(na)?) {
            Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
            _ => Err(AppFout::veld("na", "Deze cursor is niet van een vorige bladzijde.").into()),
        },
    }
}

fn geen_fouten(f: Veldfouten) -> Result<(), WebFout> {
    f.resultaat().map_err(WebFout::Ongeldig)
}

pub async fn audit(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Response, WebFout> {
    let mut fouten = Veldfouten::nieuw();
    let mut filter = audit_filter(&q, &mut fouten);
    if let Some(o) =
        crate::paginas::audit::onderwerp(&staat, &wie, &q.bsn_of_dossier, &mut fouten).await?
    {
        filter.onderwerpen = o.onderwerpen;
    }

    // Met een cursor op de sleutel (`v<volgnummer>`: de records daarvoor), anders met het
    // paginanummer van het scherm. Eén record meer ophalen zegt of er nog een bladzijde is.
    let nr = match q.na.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(c) => {
            filter.voor_volgnummer = Some(
                c.strip_prefix('v')
                    .and_then(|n| n.parse::<i64>().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        AppFout::veld("na", "Deze cursor is niet van een vorige bladzijde.")
                    })?,
            );
            None
        }
        None => Some(paginanummer(&q.pagina, &mut fouten)),
    };
    geen_fouten(fouten)?;
    let overslaan = nr.map_or(0, |n| (n - 1) * PER_PAGINA);
    let mut p = staat
        .app
        .audit_zoeken(&wie.ctx, &filter, PER_PAGINA + 1, overslaan)
        .await?;
    let meer = p.records.len() as i64 > PER_PAGINA;
    p.records.truncate(PER_PAGINA as usize);
    let volgende = p
        .records
        .last()
        .filter(|_| meer)
        .map(|r| format!("v{}", r.gegevens.volgnummer));
    Ok(bladzijde(
        &uri,
        volgende,
        json!({ "pagina": nr, "per_pagina": PER_PAGINA, "totaal": p.totaal, "records": p.records }),
    ))
}

pub async fn toegangslog(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(q): ApiQuery<ToegangQuery>,
) -> Result<Response, WebFout> {
    let mut fouten = Veldfouten::nieuw();
    let mut filter = toegang_filter(&q, &mut fouten);
    if let Some(o) =
        crate::paginas::audit::onderwerp(&staat, &wie, &q.bsn_of_dossier, &mut fouten).await?
    {
        filter.betrokkene_type = Some("persoon".into());
        filter.betrokkene_id = o.personen.first().map(i64::to_string);
    }
    let nr = bladzijdenummer(&q.pagina, q.na.as_deref(), &mut fouten)?;
    geen_fouten(fouten)?;
    let p = staat
        .app
        .toegang_zoeken(&wie.ctx, &filter, PER_PAGINA, (nr - 1) * PER_PAGINA)
        .await?;
    let volgende = (p.meer_dan || nr * PER_PAGINA < p.totaal).then(|| format!("p{}", nr + 1));
    Ok(bladzijde(
        &uri,
        volgende,
        json!({ "pagina": nr, "per_pagina": PER_PAGINA, "totaal": p.totaal, "meer_dan": p.meer_dan, "regels": p.regels }),
    ))
}

#[derive(Deserialize, Default)]
pub struct ZoekQuery {
    #[serde(default)]
    q: String,
    na: Option<String>,
}

/// Zoeken per bladzijde van de app (`ZOEKPAGINA` treffers); de cursor is het nummer van de
/// bladzijde.
pub async fn zoeken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(q): ApiQuery<ZoekQuery>,
) -> Result<Response, WebFout> {
    let pagina = positie(q.na.as_deref())?;
    let (treffers, meer) = staat.app.zoeken_pagina(&wie.ctx, &q.q, pagina).await?;
    let volgende = meer.then(|| format!("p{}", pagina + 1));
    Ok(bladzijde(
        &uri,
        volgende,
        json!({ "treffers": treffers.iter().map(|t| json!({
        "persoon_id": t.persoon_id,
        "bsn_gemaskeerd": t.bsn_gemaskeerd,
        "naam": t.naam,
        "geboortedatum": t.geboortedatum,
        "adres": t.adres,
        "dossiers": t.dossiers.iter().map(|(id, nummer, status)| json!({ "id": id, "nummer": nummer, "status": status })).collect::<Vec<_>>(),
    })).collect::<Vec<_>>() }),
    ))
}

pub async fn persoon(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let (p, dossiers) = staat.app.persoon(&wie.ctx, id).await?;
    let dossiers: Vec<dossier::Dossier> = dossiers.into_iter().map(Into::into).collect();
    Ok(met_etag(
        p.versie,
        Json(json!({ "persoon": p, "dossiers": dossiers })),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersoonWijzigingJson {
    /// De versie van de persoon zoals gelezen.
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    voornamen: String,
    #[serde(default)]
    voorvoegsel: String,
    geslachtsnaam: String,
    geboortedatum: String,
    /// Een nieuwe rekening (vier ogen); leeg: de rekening blijft.
    #[serde(default)]
    iban: String,
    /// Vanaf wanneer de nieuwe rekening geldt.
    #[serde(default)]
    iban_vanaf: String,
    reden: String,
}

/// Corrigeert naam en geboortedatum (de oude versie vervalt) en vraagt een nieuwe rekening per
/// datum aan; die wacht op een tweede medewerker.
pub async fn persoon_wijzigen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(w): JsonInvoer<PersoonWijzigingJson>,
) -> Result<Json<Value>, WebFout> {
    let versie = im.versie(w.versie)?;
    let r = staat
        .app
        .persoon_wijzigen(
            &wie.ctx,
            id,
            &vangnet_app::clienten::PersoonWijziging {
                versie,
                voornamen: w.voornamen,
                voorvoegsel: w.voorvoegsel,
                geslachtsnaam: w.geslachtsnaam,
                geboortedatum: w.geboortedatum,
                iban: w.iban,
                iban_vanaf: w.iban_vanaf,
                reden: w.reden,
            },
        )
        .await
        .map_err(|e| im.fout(e))?;
    Ok(Json(
        json!({ "rekening_ter_beoordeling": r.rekening_ter_beoordeling }),
    ))
}

/// `op` (jjjj-mm-dd) en `bekend_op` (RFC 3339) voor historievragen.
#[derive(Deserialize, Default)]
pub struct HistorieQuery {
    op: Option<String>,
    bekend_op: Option<String>,
}

fn historie(
    q: &HistorieQuery,
) -> Result<
    (
        Option<chrono::NaiveDate>,
        Option<chrono::DateTime<chrono::Utc>>,
    ),
    WebFout,
> {
    let mut f = Veldfouten::nieuw();
    let op =
        q.op.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(|s| {
                f.controleer(
                    "op",
                    vangnet_domain::tijd::iso_datum(s).ok_or("op is geen datum (jjjj-mm-dd)."),
                )
            });
    let bekend_op = q
        .bekend_op
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|s| {
            f.controleer(
                "bekend_op",
                vangnet_domain::tijd::instant_uit_tekst(s)
                    .ok_or("bekend_op is geen tijdstip (RFC 3339, bv. 2026-11-28T10:00:00Z)."),
            )
        });
    geen_fouten(f)?;
    Ok((op, bekend_op))
}

pub async fn dossier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    ApiQuery(q): ApiQuery<HistorieQuery>,
) -> Result<Response, WebFout> {
    let (op, bekend_op) = historie(&q)?;
    let d = staat.app.dossier(&wie.ctx, id, op, bekend_op).await?;
    Ok(met_etag(
        d.dossier.versie,
        Json(dossier::Dossierbeeld::from(d)),
    ))
}

pub async fn huishouden(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    ApiQuery(q): ApiQuery<HistorieQuery>,
) -> Result<Json<Value>, WebFout> {
    let (op, bekend_op) = historie(&q)?;
    let leden = staat.app.huishouden(&wie.ctx, id, op, bekend_op).await?;
    Ok(Json(json!({ "huishouden_id": id, "leden": leden })))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PersoonJson {
    bsn: String,
    #[serde(default)]
    voornamen: String,
    #[serde(default)]
    voorvoegsel: String,
    #[serde(default)]
    geslachtsnaam: String,
    #[serde(default)]
    geboortedatum: String,
}

impl PersoonJson {
    fn invoer(self) -> PersoonInvoer {
        PersoonInvoer {
            bsn: self.bsn,
            voornamen: self.voornamen,
            voorvoegsel: self.voorvoegsel,
            geslachtsnaam: self.geslachtsnaam,
            geboortedatum: self.geboortedatum,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LidJson {
    rol: String,
    persoon: PersoonJson,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AdresJson {
    straat: String,
    huisnummer: String,
    #[serde(default)]
    huisletter: String,
    #[serde(default)]
    toevoeging: String,
    postcode: String,
    woonplaats: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AanvraagJson {
    ontvangen_op: String,
    /// De dag van de melding (art. 44 lid 1), als die vóór de ontvangst ligt.
    #[serde(default)]
    gemeld_op: String,
    aanvrager: PersoonJson,
    adres: AdresJson,
    #[serde(default)]
    iban: String,
    /// Naam van het verantwoordelijke team (niet verplicht).
    #[serde(default)]
    team: String,
    #[serde(default)]
    leden: Vec<LidJson>,
}

pub async fn aanvraag_registreren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(a): JsonInvoer<AanvraagJson>,
) -> Result<Response, WebFout> {
    let invoer = NieuweAanvraag {
        ontvangen_op: a.ontvangen_op,
        gemeld_op: a.gemeld_op,
        aanvrager: a.aanvrager.invoer(),
        straat: a.adres.straat,
        huisnummer: a.adres.huisnummer,
        huisletter: a.adres.huisletter,
        toevoeging: a.adres.toevoeging,
        postcode: a.adres.postcode,
        woonplaats: a.adres.woonplaats,
        iban: a.iban,
        team: a.team,
        leden: a
            .leden
            .into_iter()
            .map(|l| LidInvoer {
                rol: l.rol,
                persoon: l.persoon.invoer(),
            })
            .collect(),
    };
    let (id, nummer) = staat.app.aanvraag_registreren(&wie.ctx, &invoer).await?;
    Ok((
        StatusCode::CREATED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/dossiers/{id}"),
        )],
        Json(json!({ "id": id, "nummer": nummer.as_str() })),
    )
        .into_response())
}

pub async fn uitkering_van_dossier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Json<uitkeringsbeeld::Uitkeringsbeeld>, WebFout> {
    let u = staat
        .app
        .uitkering_van_dossier(&wie.ctx, id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("De uitkering van dit dossier".into()))?;
    uitkeringsbeeld::Uitkeringsbeeld::uit(u)
        .map(Json)
        .map_err(|e| WebFout::Intern(e.to_string()))
}

/// De vermogensopgaven van het huishouden van een dossier, met hun toets (art. 34).
pub async fn vermogen_van_dossier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Json<Value>, WebFout> {
    let v = staat.app.vermogen_van_dossier(&wie.ctx, id).await?;
    als_json(&v)
}

/// De voorschotten van een dossier (art. 52) en, zolang niet besloten, het volgende met zijn
/// berekening. Komt in het toegangslog.
pub async fn voorschotten_van_dossier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    ApiQuery(q): ApiQuery<VoorschotQuery>,
) -> Result<Json<Value>, WebFout> {
    // Het volgende voorschot met een inkomen erbij doorrekenen (zoals "Berekenen" in het
    // formulier); het bedrag alleen in de eenduidige vorm `"612.50"`.
    let inkomen = q.inkomen.unwrap_or_default();
    let mut f = Veldfouten::nieuw();
    if !inkomen.trim().is_empty() {
        if let Err(m) = vangnet_domain::bedrag::parse_api_bedrag(inkomen.trim()) {
            f.voeg_toe("inkomen", m);
        }
    }
    let soort = q.inkomenssoort.unwrap_or_default();
    if !["", "arbeid", "uitkering", "alimentatie", "overig"].contains(&soort.trim()) {
        f.voeg_toe(
            "inkomenssoort",
            "Kies arbeid, uitkering, alimentatie of overig.",
        );
    }
    geen_fouten(f)?;
    let v = staat
        .app
        .voorschotten_van_dossier(&wie.ctx, id, &inkomen, &soort)
        .await?;
    als_json(&v)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct VoorschotQuery {
    inkomen: Option<String>,
    inkomenssoort: Option<String>,
}

/// Controleert de bedragen van een vermogensopgave in de vorm van de API (`"1234.56"`).
fn vermogensbedragen(v: &vangnet_app::vermogen::VermogenInvoer) -> Result<(), WebFout> {
    let mut fouten = vangnet_domain::Veldfouten::nieuw();
    for (i, b) in v.bestanddelen.iter().enumerate() {
        for (veld, tekst) in [("waarde", &b.waarde), ("hypotheek", &b.hypotheek)] {
            if !tekst.trim().is_empty() {
                if let Err(m) = vangnet_domain::bedrag::parse_api_bedrag(tekst.trim()) {
                    fouten.voeg_toe(&format!("bestanddelen[{i}].{veld}"), m);
                }
            }
        }
    }
    geen_fouten(fouten)
}

/// De toets van een vermogensopgave (art. 34) zonder haar vast te leggen.
pub async fn vermogen_voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(v): JsonInvoer<vangnet_app::vermogen::VermogenInvoer>,
) -> Result<Json<Value>, WebFout> {
    vermogensbedragen(&v)?;
    let (_, toets) = staat.app.vermogen_voorbeeld(&wie.ctx, id, &v).await?;
    Ok(Json(json!({ "toets": toets })))
}

/// Het besluit over het volgende voorschot: verleend of geweigerd (art. 52 lid 1 onder a of b,
/// met reden). Bedragen alleen in de eenduidige vorm `"1234.56"`.
pub async fn voorschot_vastleggen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(v): JsonInvoer<vangnet_app::voorschotten::Voorschotinvoer>,
) -> Result<Response, WebFout> {
    let mut fouten = vangnet_domain::Veldfouten::nieuw();
    for (veld, tekst) in [("inkomen", &v.inkomen), ("bedrag", &v.bedrag)] {
        if !tekst.trim().is_empty() {
            if let Err(m) = vangnet_domain::bedrag::parse_api_bedrag(tekst.trim()) {
                fouten.voeg_toe(veld, m);
            }
        }
    }
    fouten.clone().resultaat().map_err(AppFout::from)?;
    let rij = staat.app.voorschot_vastleggen(&wie.ctx, id, &v).await?;
    Ok((StatusCode::CREATED, als_json(&rij)?).into_response())
}

/// Een vermogensopgave vastleggen. Bedragen alleen in de eenduidige vorm `"1234.56"`.
pub async fn vermogen_vastleggen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(v): JsonInvoer<vangnet_app::vermogen::VermogenInvoer>,
) -> Result<Response, WebFout> {
    vermogensbedragen(&v)?;
    let (opgave, toets) = staat.app.vermogen_vastleggen(&wie.ctx, id, &v).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": opgave, "toets": toets })),
    )
        .into_response())
}

/// Een bedrag als tekst neemt de API alleen in de eenduidige vorm `"612.50"` aan (een formulier
/// leest ook `612,50` of `1.234,56`, zoals een mens het bedoelt); liever `bedrag_centen`.
fn api_bedrag(mut m: MutatieInvoer) -> Result<MutatieInvoer, WebFout> {
    if m.bedrag_centen.is_none() && !m.bedrag.trim().is_empty() {
        let c = vangnet_domain::bedrag::parse_api_bedrag(&m.bedrag)
            .map_err(|melding| AppFout::veld("bedrag", melding))?;
        m.bedrag_centen = Some(c);
        m.bedrag.clear();
    }
    Ok(m)
}

pub async fn mutatie_voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(m): JsonInvoer<MutatieInvoer>,
) -> Result<Json<Value>, WebFout> {
    let impact = staat
        .app
        .mutatie_voorbeeld(&wie.ctx, id, &api_bedrag(m)?)
        .await?;
    als_json(&impact)
}

pub async fn mutatie_registreren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    JsonInvoer(m): JsonInvoer<MutatieInvoer>,
) -> Result<Response, WebFout> {
    let (mutatie, vier_ogen) = staat
        .app
        .mutatie_registreren(&wie.ctx, id, &api_bedrag(m)?)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": mutatie, "vier_ogen": vier_ogen })),
    )
        .into_response())
}

/// Een mutatie met wat zij nu zou doen (als zij nog wacht) en of wie vraagt haar mag beoordelen.
pub async fn mutatie(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let b = staat.app.mutatie_ter_beoordeling(&wie.ctx, id).await?;
    let intern = |e: serde_json::Error| WebFout::Intern(e.to_string());
    Ok(met_etag(
        b.mutatie.versie,
        Json(json!({
            "mutatie": uitkeringsbeeld::Mutatie::uit(b.mutatie).map_err(intern)?,
            "dossier_id": b.dossier_id,
            "dossiernummer": b.dossier_nummer,
            "geregistreerd_door": b.geregistreerd_door,
            "impact": b.impact.as_ref().map(serde_json::to_value).transpose().map_err(intern)?,
            "impact_fout": b.impact_fout,
            "niet_beoordelen": b.niet_beoordelen,
        })),
    ))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MaandQuery {
    /// jjjj-mm; leeg: deze maand.
    maand: Option<String>,
}

/// De berekening van een dossier over een maand, met de uitleg per artikel (de vorm van
/// `vangnet bereken`, contracts/bereken.md). Komt in het toegangslog.
pub async fn dossier_berekening(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    ApiQuery(q): ApiQuery<MaandQuery>,
) -> Result<Json<Value>, WebFout> {
    let maand = q.maand.filter(|m| !m.trim().is_empty()).unwrap_or_else(|| {
        vangnet_domain::tijd::nl_lokaal(staat.app.klok.nu())
            .format("%Y-%m")
            .to_string()
    });
    let u = staat.app.dossier_berekening(&wie.ctx, id, &maand).await?;
    als_json(&u)
}

/// Een proefberekening van een situatie in de vorm van `vangnet bereken` (contracts/bereken.md),
/// met de normtabellen die nu gelden; slaat niets op en leest geen dossier.
pub async fn proefberekening(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(s): JsonInvoer<vangnet_domain::berekening::Situatie>,
) -> Result<Json<Value>, WebFout> {
    let u = staat.app.proefberekening(&wie.ctx, &s).await?;
    als_json(&u)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VervallenJson {
    reden: String,
}

/// Een vermogensopgave laten vervallen (een vergissing), met de reden.
pub async fn vermogen_vervallen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    axum::extract::Path((id, opgave)): axum::extract::Path<(String, String)>,
    JsonInvoer(v): JsonInvoer<VervallenJson>,
) -> Result<StatusCode, WebFout> {
    let getal = |t: &str| t.parse::<i64>().ok().filter(|n| *n > 0);
    let (Some(id), Some(opgave)) = (getal(&id), getal(&opgave)) else {
        return Err(WebFout::NietGevonden);
    };
    staat
        .app
        .vermogensopgave_laten_vervallen(&wie.ctx, id, opgave, &v.reden)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// De controle van de audittrail en het toegangslog (de ketens en hun ankers).
pub async fn audit_controle(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
) -> Result<Json<Value>, WebFout> {
    Ok(Json(match staat.app.audit_controleren(&wie.ctx).await? {
        vangnet_app::audit::KetenUitslag::Intact {
            records,
            sleutel,
            ankers,
        } => {
            json!({ "intact": true, "records": records, "met_sleutel": sleutel, "ankers": ankers, "fout": null })
        }
        vangnet_app::audit::KetenUitslag::Gebroken(f) => {
            json!({ "intact": false, "records": null, "met_sleutel": null, "ankers": null, "fout": f.to_string() })
        }
    }))
}

/// Een eigen API-token intrekken (ook het token waarmee dit verzoek komt).
pub async fn token_intrekken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<StatusCode, WebFout> {
    staat.app.token_intrekken(&wie.ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeoordelingJson {
    /// Of `If-Match` met de ETag.
    #[serde(default)]
    versie: Option<i64>,
    goedkeuren: bool,
    #[serde(default)]
    reden: String,
}

pub async fn mutatie_beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
    im: IfMatch,
    JsonInvoer(b): JsonInvoer<BeoordelingJson>,
) -> Result<Response, WebFout> {
    let versie = im.versie(b.versie)?;
    staat
        .app
        .mutatie_beoordelen(&wie.ctx, id, versie, b.goedkeuren, &b.reden)
        .await
        .map_err(|e| im.fout(e))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Een contactmoment in de vorm van de API (dicht bij Klantinteracties: kanaal, onderwerp,
/// inhoud, betrokkene, tijdstip). Een afgeschermde notitie heeft een lege inhoud.
fn contactmoment_json(c: &vangnet_app::contact::Contactbeeld) -> Value {
    let r = &c.rij;
    json!({
        "id": r.id,
        "kanaal": r.kanaal,
        "richting": r.richting,
        "onderwerp": { "code": r.onderwerp, "omschrijving": c.onderwerpnaam },
        "inhoud": r.tekst,
        "uitkomst": r.uitkomst,
        "tijdstip": r.tijdstip,
        "duur_minuten": r.duur_minuten,
        "betrokkene": { "persoon_id": r.persoon_id, "rol": r.beller, "naam": r.derde_naam },
        "dossier_id": r.dossier_id,
        "telefoonnummer": r.telefoonnummer,
        "gevoelig": r.gevoelig,
        "afgeschermd": c.afgeschermd,
        "vastgelegd_door": r.door,
        "taak_id": r.taak_id,
        "vervolg_op": r.vervolg_op,
        "gekoppeld_op": r.gekoppeld_op,
        "versie": r.versie,
    })
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ContactQuery {
    persoon: Option<i64>,
    dossier: Option<i64>,
    q: Option<String>,
    na: Option<String>,
}

/// De contactmomenten van een persoon, van een dossier, of met een zoekterm (precies één), per
/// bladzijde: de volgende staat in `volgende` en in de kopregel `Link`.
pub async fn contactmomenten(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    uri: axum::http::Uri,
    ApiQuery(q): ApiQuery<ContactQuery>,
) -> Result<Response, WebFout> {
    wie.ctx
        .actor
        .vereist(vangnet_domain::Recht::ContactmomentenInzien)?;
    use vangnet_app::contact::Tijdlijn;
    let na = q.na.as_deref();
    let g = match (q.persoon, q.dossier, q.q) {
        (Some(p), None, None) => {
            staat
                .app
                .tijdlijn_bladzijde(&wie.ctx, Tijdlijn::Persoon(p), na)
                .await?
        }
        (None, Some(d), None) => {
            staat
                .app
                .tijdlijn_bladzijde(&wie.ctx, Tijdlijn::Dossier(d), na)
                .await?
        }
        (None, None, Some(t)) => staat.app.contactmomenten_zoeken(&wie.ctx, &t, na).await?,
        _ => {
            return Err(vangnet_app::AppFout::veld(
                "persoon",
                "Geef precies één van persoon, dossier of q.",
            )
            .into())
        }
    };
    Ok(bladzijde(
        &uri,
        g.volgende,
        json!({
            "contactmomenten": g.contactmomenten.iter().map(contactmoment_json).collect::<Vec<_>>()
        }),
    ))
}

/// Hoeveel een bladzijde van een lijst hoogstens heeft.
pub(crate) const PER_BLADZIJDE: usize = 100;

/// De cursor `na` bij een lijst zonder andere parameters.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Bladeren {
    na: Option<String>,
}

/// De positie uit een cursor `p<n>` van [`deel`] (zonder cursor: 0).
pub(crate) fn positie(na: Option<&str>) -> Result<usize, WebFout> {
    match na.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(0),
        Some(c) => c
            .strip_prefix('p')
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| {
                AppFout::veld("na", "Deze cursor is niet van een vorige bladzijde.").into()
            }),
    }
}

/// Een bladzijde van [`PER_BLADZIJDE`] uit een begrensde lijst die de app in haar geheel geeft
/// (teams, jobs, open verzoeken, …), met de cursor van de volgende: hier de positie, want zulke
/// lijsten hebben een volgorde die geen sleutel is (Vandaag sorteert op urgentie).
pub(crate) fn deel<T>(
    lijst: Vec<T>,
    na: Option<&str>,
) -> Result<(Vec<T>, Option<String>), WebFout> {
    let begin = positie(na)?;
    let totaal = lijst.len();
    let stuk: Vec<T> = lijst.into_iter().skip(begin).take(PER_BLADZIJDE).collect();
    let volgende = (begin + PER_BLADZIJDE < totaal).then(|| format!("p{}", begin + PER_BLADZIJDE));
    Ok((stuk, volgende))
}

/// Een bladzijde van een lijst: de cursor van de volgende bladzijde staat in het veld
/// `volgende` (anders `null`) en als adres in de kopregel `Link` met `rel="next"` (RFC 8288):
/// hetzelfde verzoek met `na=<cursor>`.
pub(crate) fn bladzijde(
    uri: &axum::http::Uri,
    volgende: Option<String>,
    mut lichaam: Value,
) -> Response {
    lichaam["volgende"] = json!(volgende);
    let mut antwoord = Json(lichaam).into_response();
    if let Some(cursor) = volgende {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()) {
            if k != "na" {
                query.append_pair(&k, &v);
            }
        }
        query.append_pair("na", &cursor);
        let link = format!("<{}?{}>; rel=\"next\"", uri.path(), query.finish());
        if let Ok(w) = axum::http::HeaderValue::from_str(&link) {
            antwoord.headers_mut().insert(axum::http::header::LINK, w);
        }
    }
    antwoord
}

pub async fn contactmoment(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    ApiId(id): ApiId,
) -> Result<Response, WebFout> {
    let c = staat.app.contactmoment(&wie.ctx, id).await?;
    Ok(met_etag(c.rij.versie, Json(contactmoment_json(&c))))
}

/// Legt een contactmoment vast (met de taak die eruit volgt).
pub async fn contactmoment_vastleggen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    JsonInvoer(c): JsonInvoer<vangnet_app::contact::ContactInvoer>,
) -> Result<Response, WebFout> {
    let (id, taak) = staat.app.contactmoment_vastleggen(&wie.ctx, &c).await?;
    Ok((
        StatusCode::CREATED,
        [(
            axum::http::header::LOCATION,
            format!("/api/v1/contactmomenten/{id}"),
        )],
        Json(json!({ "id": id, "taak_id": taak })),
    )
        .into_response())
}
