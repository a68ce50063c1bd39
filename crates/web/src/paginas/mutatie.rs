//! Een mutatie op het scherm, in stappen (issue 21 punt 13): eerst wat er veranderde, dan alleen
//! de velden van die soort, met ernaast wat is gelezen en de impact per maand (htmx; zonder
//! JavaScript met de knop "Impact tonen"). "Opslaan" staat pas bij een voorbeeld, en slaat
//! alleen op wat in dat voorbeeld stond: wie na het voorbeeld iets wijzigt, krijgt eerst het
//! nieuwe voorbeeld (punt 1: elk bedrag wordt teruggelezen vóór het opslaan). Daarna de
//! beoordeling door een tweede consulent op één scherm (punt 6).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vangnet_app::uitkeringen::{velden_van, Impact, MutatieInvoer, Mutatiebeoordeling};
use vangnet_app::AppFout;
use vangnet_domain::bedrag::{euro, parse_euro};
use vangnet_domain::persoon::datum::parse_datum;
use vangnet_domain::uitkering::Mutatiesoort;
use vangnet_domain::{Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::berekening::{weergave, Weergave};
use crate::paginas::clienten::{dossierpagina, nl_datum, rolkeuzes};
use crate::schil::{pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

/// De soorten in groepen, zoals de medewerker ze zoekt (stap 1).
const GROEPEN: [(&str, &[Mutatiesoort]); 5] = [
    (
        "Huishouden en adres",
        &[
            Mutatiesoort::Adres,
            Mutatiesoort::PartnerIn,
            Mutatiesoort::PartnerUit,
            Mutatiesoort::KindGeboren,
            Mutatiesoort::KindVertrokken,
            Mutatiesoort::MedebewonerIn,
            Mutatiesoort::MedebewonerUit,
        ],
    ),
    (
        "Inkomen",
        &[
            Mutatiesoort::InkomenStart,
            Mutatiesoort::InkomenWijziging,
            Mutatiesoort::InkomenStop,
            Mutatiesoort::WerkelijkInkomen,
            Mutatiesoort::VrijlatingToegekend,
        ],
    ),
    (
        "Betaling",
        &[Mutatiesoort::Bankrekening, Mutatiesoort::Betaalwijze],
    ),
    (
        "Maatregel en recht",
        &[
            Mutatiesoort::Verlaging,
            Mutatiesoort::Opschorting,
            Mutatiesoort::OpschortingOpgeheven,
            Mutatiesoort::GeenBeroepOpOuders,
        ],
    ),
    ("Einde", &[Mutatiesoort::Beeindiging]),
];

/// Eén invoerveld van het formulier, klaar voor het scherm.
pub struct Veld {
    pub naam: &'static str,
    pub label: &'static str,
    /// `date`, `text`, `bedrag` of `select`.
    pub soort: &'static str,
    pub waarde: String,
    pub keuzes: Vec<(String, String)>,
}

/// Een regel van de impact, klaar voor het scherm.
pub struct Impactregel {
    pub maand: String,
    pub voor: String,
    pub na: String,
    pub verschil: String,
    pub betaald: String,
    pub gevolg: &'static str,
}

/// De impact zoals het scherm haar toont (bij een voorbeeld en bij de beoordeling).
pub struct Impactweergave {
    pub regels: Vec<Impactregel>,
    pub totaal: String,
    /// Het verschil in de maanden na de tabel (leeg als er geen is), dat vier ogen meetelt.
    pub vooruit: String,
    /// Het hele effect dat de vier-ogendrempel meet (tot nu plus vooruit), als er een vooruit is.
    pub effect: String,
    /// De laatste dag met een normtabel en de dag erna, als het effect vooruit daar ophoudt.
    pub zonder_tabel: Option<(String, String)>,
    pub waarschuwingen: Vec<String>,
    pub vier_ogen: bool,
    pub uitleg: Option<Weergave>,
}

pub fn impactweergave(i: &Impact) -> Impactweergave {
    Impactweergave {
        regels: i
            .maanden
            .iter()
            .map(|m| Impactregel {
                maand: m.verschil.maand.format("%m-%Y").to_string(),
                voor: euro(m.verschil.voor),
                na: euro(m.verschil.na),
                verschil: euro(m.verschil.verschil),
                betaald: m.betaald.map_or_else(|| "nog niet".into(), euro),
                gevolg: match (m.betaald.is_some(), m.verschil.verschil > 0) {
                    (true, true) => "nabetaling",
                    (true, false) => "te veel betaald",
                    (false, _) => "nieuw bedrag",
                },
            })
            .collect(),
        totaal: euro(i.totaal),
        vooruit: if i.vooruit == 0 {
            String::new()
        } else {
            format!(
                "{} {}",
                if i.vooruit > 0 {
                    "omhoog met"
                } else {
                    "omlaag met"
                },
                euro(i.vooruit.abs())
            )
        },
        effect: euro(i.totaal + i.vooruit),
        zonder_tabel: i
            .berekend_tot
            .map(|d| (nl_datum(&d), nl_datum(&d.succ_opt().unwrap_or(d)))),
        waarschuwingen: i.waarschuwingen.clone(),
        vier_ogen: i.vier_ogen,
        uitleg: i.uitleg_na.as_ref().map(weergave),
    }
}

#[derive(Template)]
#[template(path = "mutatie.html")]
struct MutatiePagina {
    schil: Schil,
    dossier_id: i64,
    nummer: String,
    /// De gekozen soort (stap 2), of geen (stap 1: kiezen).
    soort: Option<Mutatiesoort>,
    taak: String,
    groepen: Vec<(&'static str, Vec<(&'static str, &'static str)>)>,
    ingangsdatum: String,
    reden: String,
    velden: Vec<Veld>,
    /// Wat is gelezen (label, waarde), bij een geslaagd voorbeeld.
    gelezen: Vec<(&'static str, String)>,
    impact: Option<Impactweergave>,
    /// De vingerafdruk van de invoer van het voorbeeld: "Opslaan" slaat alleen dat op.
    gecontroleerd: String,
    /// Opslaan werd gekozen met invoer die niet in het voorbeeld stond: niets opgeslagen.
    opnieuw_controleren: bool,
    fouten: Veldfouten,
}

fn label(naam: &str, soort: Mutatiesoort) -> &'static str {
    let werkelijk = soort == Mutatiesoort::WerkelijkInkomen;
    match naam {
        "einddatum" => "Einddatum (niet verplicht; de eerste dag erna)",
        "van" if soort == Mutatiesoort::Betaalwijze => "Aan wie (bij alles aan één van hen)",
        "van" => "Van wie",
        "inkomenssoort" => "Soort inkomen",
        "bedrag" if werkelijk => "Netto over de periode (€)",
        "bedrag" => "Netto per maand (€)",
        "vakantietoeslag_per_maand" if werkelijk => {
            "Vakantietoeslag over de periode (€, van de loonstrook; niet verplicht)"
        }
        "vakantietoeslag_per_maand" => {
            "Vakantietoeslag per maand (€, van de loonstrook; niet verplicht)"
        }
        "periode_tot_en_met" => "Periode van de loonstrook tot en met",
        "bruto" => "Bruto over de periode (€, niet verplicht)",
        "procent" => "Verlaging (%)",
        "vrijlating" => "Vrijlating",
        "geen_beroep" => "Geen beroep op de ouders (art. 20 lid 3)",
        "verdelen" => "Betaling aan gehuwden (art. 45 lid 4)",
        "hersteltermijn" => "Hersteltermijn tot (art. 54 lid 4)",
        "einde_reden" => "Reden beëindiging",
        "rol" => "Relatie",
        "bsn" => "BSN",
        "voornamen" => "Voornamen (alleen als de persoon nieuw is)",
        "voorvoegsel" => "Voorvoegsel",
        "geslachtsnaam" => "Achternaam (alleen als de persoon nieuw is)",
        "geboortedatum" => "Geboortedatum (alleen als de persoon nieuw is)",
        "iban" => "IBAN",
        "straat" => "Straat",
        "huisnummer" => "Huisnummer",
        "postcode" => "Postcode",
        "woonplaats" => "Woonplaats",
        _ => "",
    }
}

fn paren(lijst: &[(&str, &str)]) -> Vec<(String, String)> {
    lijst
        .iter()
        .map(|(c, n)| ((*c).to_owned(), (*n).to_owned()))
        .collect()
}

fn veld(naam: &'static str, soort: Mutatiesoort, waarde: String) -> Veld {
    let (invoersoort, keuzes) = match naam {
        "einddatum" | "periode_tot_en_met" | "hersteltermijn" => ("date", Vec::new()),
        "bedrag" | "vakantietoeslag_per_maand" | "bruto" => ("bedrag", Vec::new()),
        "van" => (
            "select",
            paren(&[("aanvrager", "Aanvrager"), ("partner", "Partner")]),
        ),
        "inkomenssoort" => (
            "select",
            paren(&[
                ("", "Kies de soort…"),
                ("arbeid", "Arbeid"),
                ("uitkering", "Andere uitkering"),
                ("alimentatie", "Alimentatie"),
                ("overig", "Overig"),
            ]),
        ),
        "vrijlating" => (
            "select",
            paren(&[
                ("", "Kies de vrijlating…"),
                ("arbeid", "Arbeid (art. 31 lid 2 onderdeel n)"),
                (
                    "alleenstaande_ouder",
                    "Alleenstaande ouder (art. 31 lid 2 onderdeel r)",
                ),
            ]),
        ),
        "geen_beroep" => (
            "select",
            paren(&[
                ("", "Kies…"),
                ("ja", "Ja, vanaf de ingang geen beroep"),
                ("nee", "Nee, weer wel een beroep"),
            ]),
        ),
        "verdelen" => (
            "select",
            paren(&[
                ("", "Kies…"),
                ("ja", "Voor de helft aan ieder (de wet)"),
                ("nee", "Op gezamenlijk verzoek alles aan één van hen"),
            ]),
        ),
        "einde_reden" => (
            "select",
            paren(&[
                ("", "Kies de reden…"),
                ("werk", "Werk"),
                ("verhuisd", "Verhuisd naar een andere gemeente"),
                ("overleden", "Overleden"),
                ("detentie", "Detentie"),
                ("anders", "Anders"),
            ]),
        ),
        "rol" => {
            let voorvoegsel = if soort == Mutatiesoort::PartnerIn {
                "partner:"
            } else {
                "medebewoner:"
            };
            (
                "select",
                rolkeuzes()
                    .into_iter()
                    .filter(|k| k.code.is_empty() || k.code.starts_with(voorvoegsel))
                    .map(|k| (k.code, k.naam))
                    .collect(),
            )
        }
        _ => ("text", Vec::new()),
    };
    Veld {
        naam,
        label: label(naam, soort),
        soort: invoersoort,
        waarde,
        keuzes,
    }
}

/// De invoer van het formulier: alleen de velden van de soort (wat een ander formulier ooit
/// invulde, telt niet mee).
struct Ingevuld {
    soort: Option<Mutatiesoort>,
    /// De taak "mutatie verwerken" waar het formulier vandaan komt (leeg: geen).
    taak: String,
    ingangsdatum: String,
    reden: String,
    velden: Vec<(&'static str, String)>,
}

impl Ingevuld {
    fn uit(formulier: &Formulier, soort: Option<&str>) -> Self {
        let soort = Mutatiesoort::uit_code(soort.unwrap_or(&formulier.veld("soort")).trim())
            .filter(|s| *s != Mutatiesoort::Correctie);
        Ingevuld {
            soort,
            taak: formulier.veld("taak"),
            ingangsdatum: formulier.veld("ingangsdatum"),
            reden: formulier.veld("reden"),
            velden: soort
                .map(velden_van)
                .unwrap_or_default()
                .iter()
                .map(|n| (*n, formulier.veld(n)))
                .collect(),
        }
    }

    fn veld(&self, naam: &str) -> String {
        self.velden
            .iter()
            .find(|(k, _)| *k == naam)
            .map(|(_, w)| w.clone())
            .unwrap_or_default()
    }

    fn invoer(&self) -> MutatieInvoer {
        let v = |n: &str| self.veld(n);
        MutatieInvoer {
            soort: self.soort.map(|s| s.code().to_owned()).unwrap_or_default(),
            ingangsdatum: self.ingangsdatum.clone(),
            einddatum: v("einddatum"),
            inkomenssoort: v("inkomenssoort"),
            bedrag: v("bedrag"),
            bedrag_centen: None,
            vakantietoeslag_per_maand: v("vakantietoeslag_per_maand"),
            periode_tot_en_met: v("periode_tot_en_met"),
            bruto: v("bruto"),
            hersteltermijn: v("hersteltermijn"),
            procent: v("procent"),
            vrijlating: v("vrijlating"),
            van: v("van"),
            geen_beroep: v("geen_beroep"),
            einde_reden: v("einde_reden"),
            corrigeert: None,
            reden: self.reden.clone(),
            rol: v("rol"),
            bsn: v("bsn"),
            voornamen: v("voornamen"),
            voorvoegsel: v("voorvoegsel"),
            geslachtsnaam: v("geslachtsnaam"),
            geboortedatum: v("geboortedatum"),
            iban: v("iban"),
            straat: v("straat"),
            huisnummer: v("huisnummer"),
            postcode: v("postcode"),
            woonplaats: v("woonplaats"),
            verdelen: v("verdelen"),
            taak: self.taak.trim().parse().ok(),
        }
    }

    /// Een vingerafdruk van wat is ingevuld ([`crate::invoer::vingerafdruk`]).
    fn vingerafdruk(&self) -> String {
        crate::invoer::vingerafdruk(
            [
                self.soort.map_or("", |s| s.code()),
                self.ingangsdatum.as_str(),
                self.reden.as_str(),
            ]
            .into_iter()
            .chain(self.velden.iter().flat_map(|(n, w)| [*n, w.as_str()])),
        )
    }

    /// Wat is gelezen, zoals het wordt opgeslagen: bedragen en data in Nederlandse vorm, een
    /// keuze met haar naam.
    fn gelezen(&self, soort: Mutatiesoort) -> Vec<(&'static str, String)> {
        let mut uit = Vec::new();
        if let Ok(d) = parse_datum(&self.ingangsdatum, "ingangsdatum") {
            uit.push(("Ingangsdatum", nl_datum(&d)));
        }
        for (naam, waarde) in &self.velden {
            let w = waarde.trim();
            if w.is_empty() {
                continue;
            }
            let v = veld(naam, soort, w.to_owned());
            let tekst = match v.soort {
                "bedrag" => parse_euro(w).map(euro).unwrap_or_else(|_| w.to_owned()),
                "date" => parse_datum(w, naam)
                    .map(|d| nl_datum(&d))
                    .unwrap_or_else(|_| w.to_owned()),
                "select" => v
                    .keuzes
                    .iter()
                    .find(|(c, _)| c == w)
                    .map_or_else(|| w.to_owned(), |(_, n)| n.clone()),
                _ => w.to_owned(),
            };
            uit.push((v.label, tekst));
        }
        uit
    }
}

async fn mutatiepagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    dossier_id: i64,
    ingevuld: &Ingevuld,
    voorbeeld: bool,
) -> Result<(StatusCode, MutatiePagina), WebFout> {
    let d = staat.app.dossier(&wie.ctx, dossier_id, None, None).await?;
    let u = staat
        .app
        .uitkering_van_dossier(&wie.ctx, dossier_id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
    let soort = ingevuld.soort;
    let mut p = MutatiePagina {
        schil: Schil::voor(staat, wie, "Mutatie registreren", "/dossiers")
            .kruimel(
                &format!("/dossiers/{dossier_id}"),
                &format!("Dossier {}", d.dossier.nummer),
            )
            .kruimel(&format!("/dossiers/{dossier_id}/mutaties/nieuw"), "Mutatie"),
        dossier_id,
        nummer: d.dossier.nummer.clone(),
        soort,
        taak: ingevuld.taak.clone(),
        groepen: GROEPEN
            .iter()
            .map(|(g, s)| (*g, s.iter().map(|s| (s.code(), s.naam())).collect()))
            .collect(),
        ingangsdatum: ingevuld.ingangsdatum.clone(),
        reden: ingevuld.reden.clone(),
        velden: soort
            .map(|s| {
                velden_van(s)
                    .iter()
                    .map(|n| veld(n, s, ingevuld.veld(n)))
                    .collect()
            })
            .unwrap_or_default(),
        gelezen: Vec::new(),
        impact: None,
        gecontroleerd: String::new(),
        opnieuw_controleren: false,
        fouten: Veldfouten::nieuw(),
    };
    let mut status = StatusCode::OK;
    if let (true, Some(s)) = (voorbeeld, soort) {
        match staat
            .app
            .mutatie_voorbeeld(&wie.ctx, u.uitkering.id, &ingevuld.invoer())
            .await
        {
            Ok(i) => {
                p.impact = Some(impactweergave(&i));
                p.gelezen = ingevuld.gelezen(s);
                p.gecontroleerd = ingevuld.vingerafdruk();
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

#[derive(serde::Deserialize)]
pub struct Stap {
    soort: Option<String>,
    taak: Option<i64>,
}

/// Stap 1 (zonder soort): wat veranderde er? Stap 2 (`?soort=…`): de velden van die soort.
pub async fn formulier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(stap): Query<Stap>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let leeg = Formulier::default();
    let mut ingevuld = Ingevuld::uit(&leeg, Some(stap.soort.as_deref().unwrap_or_default()));
    ingevuld.taak = stap.taak.map(|t| t.to_string()).unwrap_or_default();
    let (mut status, mut p) = mutatiepagina(&staat, &wie, id, &ingevuld, false).await?;
    if stap.soort.is_some() && ingevuld.soort.is_none() {
        p.fouten.voeg_toe("soort", "Kies wat er veranderde.");
        status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(pagina_met_status(status, &p))
}

/// Het formulier met wat is gelezen en de impact per maand (een POST zonder gevolgen: zo staat
/// het CSRF-token niet in een adres).
pub async fn voorbeeld(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let ingevuld = Ingevuld::uit(&formulier, None);
    let (status, p) = mutatiepagina(&staat, &wie, id, &ingevuld, true).await?;
    Ok(pagina_met_status(status, &p))
}

/// Registreert de mutatie van het voorbeeld; daarna naar het dossier (Terug vraagt niet om
/// opnieuw te versturen). Een correctie komt van de lijst op het dossier en heeft geen voorbeeld.
pub async fn registreren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let correctie = formulier.veld("soort") == Mutatiesoort::Correctie.code();
    let ingevuld = Ingevuld::uit(&formulier, None);
    if !correctie && formulier.veld("gecontroleerd") != ingevuld.vingerafdruk() {
        let (_, mut p) = mutatiepagina(&staat, &wie, id, &ingevuld, true).await?;
        p.opnieuw_controleren = p.impact.is_some();
        return Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    let mutatie = if correctie {
        MutatieInvoer {
            soort: Mutatiesoort::Correctie.code().into(),
            ingangsdatum: formulier.veld("ingangsdatum"),
            reden: formulier.veld("reden"),
            corrigeert: formulier.veld("corrigeert").trim().parse().ok(),
            ..Default::default()
        }
    } else {
        ingevuld.invoer()
    };
    let u = staat
        .app
        .uitkering_van_dossier(&wie.ctx, id)
        .await?
        .ok_or_else(|| AppFout::NietGevonden("De uitkering".into()))?;
    match staat
        .app
        .mutatie_registreren(&wie.ctx, u.uitkering.id, &mutatie)
        .await
    {
        Ok((_, vier_ogen)) => {
            let code = if vier_ogen {
                "mutatie-wacht"
            } else {
                "mutatie-verwerkt"
            };
            Ok(Redirect::to(&format!("/dossiers/{id}?gedaan={code}")).into_response())
        }
        Err(AppFout::Ongeldig(f)) if correctie => {
            let (_, mut p) = dossierpagina(&staat, &wie, id, Default::default()).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(AppFout::Ongeldig(f)) => {
            let (_, mut p) = mutatiepagina(&staat, &wie, id, &ingevuld, false).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "mutatie_beoordelen.html")]
struct BeoordelingPagina {
    schil: Schil,
    b: Mutatiebeoordeling,
    gegevens: Vec<(&'static str, String)>,
    impact: Option<Impactweergave>,
    fouten: Veldfouten,
}

/// De gegevens van een opgeslagen mutatie, zoals een mens ze leest.
fn gegevens(g: &vangnet_domain::uitkering::Mutatiegegevens) -> Vec<(&'static str, String)> {
    use vangnet_domain::uitkering::Mutatiegegevens as G;
    let ja_nee = |b: bool| if b { "ja" } else { "nee" }.to_owned();
    let inkomenssoort = |s: &vangnet_domain::berekening::Inkomenssoort| {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    match g {
        G::Inkomen {
            inkomenssoort: s,
            netto_centen,
            van,
            vakantietoeslag_centen,
        } => vec![
            ("Van wie", van.naam().into()),
            ("Soort inkomen", inkomenssoort(s)),
            ("Netto per maand", euro(*netto_centen)),
            ("Vakantietoeslag per maand", euro(*vakantietoeslag_centen)),
        ],
        G::InkomenStop {
            inkomenssoort: s,
            van,
        } => vec![
            ("Van wie", van.naam().into()),
            ("Soort inkomen", inkomenssoort(s)),
        ],
        G::WerkelijkInkomen {
            inkomenssoort: s,
            van,
            tot_en_met,
            netto_centen,
            bruto_centen,
            vakantietoeslag_centen,
        } => vec![
            ("Van wie", van.naam().into()),
            ("Soort inkomen", inkomenssoort(s)),
            ("Periode tot en met", nl_datum(tot_en_met)),
            ("Netto over de periode", euro(*netto_centen)),
            (
                "Bruto over de periode",
                bruto_centen.map_or("—".into(), euro),
            ),
            (
                "Vakantietoeslag over de periode",
                euro(*vakantietoeslag_centen),
            ),
        ],
        G::Verlaging { procent } => vec![("Verlaging", format!("{procent} %"))],
        G::Vrijlating { vrijlating, van } => vec![
            ("Van wie", van.naam().into()),
            (
                "Vrijlating",
                match vrijlating {
                    vangnet_domain::berekening::Vrijlatingssoort::Arbeid => {
                        "arbeid (art. 31 lid 2 onderdeel n)".into()
                    }
                    vangnet_domain::berekening::Vrijlatingssoort::AlleenstaandeOuder => {
                        "alleenstaande ouder (art. 31 lid 2 onderdeel r)".into()
                    }
                },
            ),
        ],
        G::GeenBeroepOpOuders { van, geldt } => vec![
            ("Van wie", van.naam().into()),
            ("Geen beroep op de ouders", ja_nee(*geldt)),
        ],
        G::Opschorting { hersteltermijn } => vec![(
            "Hersteltermijn tot",
            hersteltermijn.map_or("—".into(), |d| nl_datum(&d)),
        )],
        G::OpschortingOpgeheven => Vec::new(),
        G::Beeindiging { reden } => vec![("Reden", reden.clone())],
        G::Correctie { corrigeert } => vec![("Vervalt", format!("mutatie {corrigeert}"))],
        G::LidIn {
            rol,
            bsn,
            naam,
            geboortedatum,
        } => {
            let mut v = vec![
                ("Relatie", rol.clone()),
                (
                    "BSN",
                    vangnet_domain::persoon::Bsn::uit_getal(*bsn)
                        .map(|b| b.gemaskeerd())
                        .unwrap_or_default(),
                ),
            ];
            if let Some((voornamen, voorvoegsel, geslachtsnaam)) = naam {
                v.push((
                    "Naam",
                    [
                        voornamen.as_str(),
                        voorvoegsel.as_str(),
                        geslachtsnaam.as_str(),
                    ]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
                ));
                v.push(("Geboortedatum", nl_datum(geboortedatum)));
            }
            v
        }
        G::LidUit { persoon_id } => vec![("Vertrekt", format!("persoon {persoon_id}"))],
        G::Bankrekening { iban } => vec![("IBAN", iban.clone())],
        G::Betaalwijze { verdelen, aan } => vec![(
            "Betaling",
            if *verdelen {
                "voor de helft aan ieder".into()
            } else {
                format!("alles aan de {}", aan.naam())
            },
        )],
        G::Adres {
            straat,
            huisnummer,
            huisletter,
            toevoeging,
            postcode,
            woonplaats,
        } => vec![(
            "Adres",
            format!(
                "{straat} {huisnummer}{}{} , {postcode} {woonplaats}",
                huisletter.as_deref().unwrap_or_default(),
                toevoeging
                    .as_deref()
                    .map(|t| format!("-{t}"))
                    .unwrap_or_default()
            )
            .replace(" ,", ","),
        )],
    }
}

async fn beoordelingspagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    mutatie_id: i64,
) -> Result<BeoordelingPagina, WebFout> {
    let b = staat
        .app
        .mutatie_ter_beoordeling(&wie.ctx, mutatie_id)
        .await?;
    Ok(BeoordelingPagina {
        schil: Schil::voor(staat, wie, "Mutatie beoordelen", "/dossiers")
            .kruimel(
                &format!("/dossiers/{}", b.dossier_id),
                &format!("Dossier {}", b.dossier_nummer),
            )
            .kruimel(
                &format!("/mutaties/{mutatie_id}"),
                &format!("Mutatie {mutatie_id}"),
            ),
        gegevens: gegevens(&b.mutatie.gegevens),
        impact: b.impact.as_ref().map(impactweergave),
        b,
        fouten: Veldfouten::nieuw(),
    })
}

/// Alles wat de tweede consulent moet zien, met goedkeuren en afwijzen op hetzelfde scherm.
pub async fn bekijken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    let p = beoordelingspagina(&staat, &wie, id).await?;
    Ok(pagina_met_status(StatusCode::OK, &p))
}

pub async fn beoordelen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    formulier: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::UitkeringenBeheren)?;
    let versie = formulier.veld("versie").trim().parse().unwrap_or(-1);
    let goedkeuren = formulier.veld("besluit") == "goedkeuren";
    let dossier = staat.app.dossier_van_mutatie(&wie.ctx, id).await?;
    match staat
        .app
        .mutatie_beoordelen(&wie.ctx, id, versie, goedkeuren, &formulier.veld("reden"))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/dossiers/{dossier}?gedaan={}",
            if goedkeuren {
                "mutatie-goedgekeurd"
            } else {
                "mutatie-afgewezen"
            }
        ))
        .into_response()),
        Err(AppFout::Ongeldig(f)) => {
            let mut p = beoordelingspagina(&staat, &wie, id).await?;
            p.fouten = f;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}
