//! Cliënten en dossiers: zoeken (vak in de kop van elke pagina), een aanvraag registreren met
//! het huishouden, een dossier en een persoon inzien.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use vangnet_app::clienten::{
    DossierBeeld, LidInvoer, NieuweAanvraag, PersoonBeeld, PersoonInvoer, Treffer,
};
use vangnet_app::opslag::DossierRij;
use vangnet_app::AppFout;
use vangnet_domain::huishouden::{Medebewonerrelatie, Partnerrelatie, Rol as HuishoudRol};
use vangnet_domain::{tijd, Recht, Veldfouten};

use crate::fout::WebFout;
use crate::invoer::Formulier;
use crate::paginas::{bevestiging, Gedaan};
use crate::schil::{pagina, pagina_met_status, Schil};
use crate::sessie::Ingelogd;
use crate::WebStaat;

#[derive(Deserialize, Default)]
pub struct ZoekQuery {
    #[serde(default)]
    q: String,
    /// Vanaf 0.
    pagina: Option<usize>,
}

#[derive(Template)]
#[template(path = "zoeken.html")]
struct ZoekPagina {
    schil: Schil,
    /// Paging: de vorige en volgende pagina (als die er zijn), en het nummer van de eerste treffer.
    vorige: Option<usize>,
    volgende: Option<usize>,
    vanaf: usize,
    q: String,
    treffers: Vec<Treffer>,
    fouten: Veldfouten,
    gezocht: bool,
}

pub async fn zoeken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<ZoekQuery>,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::ClientenInzien)?;
    let mut schil = Schil::voor(&staat, &wie, "Zoeken", "/zoeken").kruimel("/zoeken", "Zoeken");
    schil.zoekvraag = q.q.clone();
    if q.q.trim().is_empty() {
        return Ok(pagina(&ZoekPagina {
            schil,
            vorige: None,
            volgende: None,
            vanaf: 1,
            q: q.q,
            treffers: Vec::new(),
            fouten: Veldfouten::nieuw(),
            gezocht: false,
        }));
    }
    let nummer = q.pagina.unwrap_or(0);
    match staat.app.zoeken_pagina(&wie.ctx, &q.q, nummer).await {
        // Eén treffer: meteen naar die persoon (issue 21 punt 9).
        Ok((treffers, false)) if treffers.len() == 1 && nummer == 0 => {
            Ok(Redirect::to(&format!("/personen/{}", treffers[0].persoon_id)).into_response())
        }
        Ok((treffers, meer)) => Ok(pagina(&ZoekPagina {
            schil,
            vorige: (nummer > 0).then(|| nummer - 1),
            volgende: meer.then_some(nummer + 1),
            vanaf: nummer * vangnet_app::clienten::ZOEKPAGINA + 1,
            q: q.q,
            treffers,
            fouten: Veldfouten::nieuw(),
            gezocht: true,
        })),
        Err(AppFout::Ongeldig(fouten)) => Ok(pagina_met_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ZoekPagina {
                schil,
                vorige: None,
                volgende: None,
                vanaf: 1,
                q: q.q,
                treffers: Vec::new(),
                fouten,
                gezocht: false,
            },
        )),
        Err(e) => Err(e.into()),
    }
}

/// Een persoonsregel in het formulier.
#[derive(Debug, Clone, Default)]
pub struct FormPersoon {
    pub prefix: String,
    pub bsn: String,
    pub voornamen: String,
    pub voorvoegsel: String,
    pub geslachtsnaam: String,
    pub geboortedatum: String,
    pub rol: String,
}

impl FormPersoon {
    fn uit(f: &Formulier, prefix: &str) -> FormPersoon {
        let v = |n: &str| f.veld(&format!("{prefix}.{n}"));
        FormPersoon {
            prefix: prefix.to_owned(),
            bsn: v("bsn"),
            voornamen: v("voornamen"),
            voorvoegsel: v("voorvoegsel"),
            geslachtsnaam: v("geslachtsnaam"),
            geboortedatum: v("geboortedatum"),
            rol: v("rol"),
        }
    }

    /// (veld, label, waarde) van de naam- en datumvelden, voor het sjabloon.
    pub fn velden(&self) -> [(&'static str, &'static str, &str); 4] {
        [
            ("voornamen", "Voornamen", &self.voornamen),
            ("voorvoegsel", "Voorvoegsel", &self.voorvoegsel),
            ("geslachtsnaam", "Achternaam", &self.geslachtsnaam),
            (
                "geboortedatum",
                "Geboortedatum (dd-mm-jjjj)",
                &self.geboortedatum,
            ),
        ]
    }

    fn leeg(&self) -> bool {
        [
            &self.bsn,
            &self.voornamen,
            &self.voorvoegsel,
            &self.geslachtsnaam,
            &self.geboortedatum,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    fn invoer(&self) -> PersoonInvoer {
        PersoonInvoer {
            bsn: self.bsn.clone(),
            voornamen: self.voornamen.clone(),
            voorvoegsel: self.voorvoegsel.clone(),
            geslachtsnaam: self.geslachtsnaam.clone(),
            geboortedatum: self.geboortedatum.clone(),
        }
    }
}

pub struct Keuze {
    pub code: String,
    pub naam: String,
}

/// De rollen van een huishoudlid (behalve aanvrager), met een lege eerste keuze.
pub fn rolkeuzes() -> Vec<Keuze> {
    let mut k = vec![Keuze {
        code: String::new(),
        naam: "Kies de relatie…".into(),
    }];
    k.extend(Partnerrelatie::ALLE.map(|p| Keuze {
        code: HuishoudRol::Partner(p).code(),
        naam: HuishoudRol::Partner(p).naam(),
    }));
    k.push(Keuze {
        code: HuishoudRol::Kind.code(),
        naam: HuishoudRol::Kind.naam(),
    });
    k.extend(Medebewonerrelatie::ALLE.map(|m| Keuze {
        code: HuishoudRol::Medebewoner(m).code(),
        naam: HuishoudRol::Medebewoner(m).naam(),
    }));
    k
}

#[derive(Template)]
#[template(path = "aanvraag.html")]
struct AanvraagPagina {
    schil: Schil,
    ontvangen_op: String,
    gemeld_op: String,
    aanvrager: FormPersoon,
    leden: Vec<FormPersoon>,
    straat: String,
    huisnummer: String,
    huisletter: String,
    toevoeging: String,
    postcode: String,
    woonplaats: String,
    iban: String,
    team: String,
    teams: Vec<String>,
    rollen: Vec<Keuze>,
    fouten: Veldfouten,
}

impl AanvraagPagina {
    /// (veld, label, waarde) van het adres en de rekening, voor het sjabloon.
    fn adresvelden(&self) -> [(&'static str, &'static str, &str); 7] {
        [
            ("straat", "Straat", &self.straat),
            ("huisnummer", "Huisnummer", &self.huisnummer),
            ("huisletter", "Huisletter", &self.huisletter),
            ("toevoeging", "Toevoeging", &self.toevoeging),
            ("postcode", "Postcode", &self.postcode),
            ("woonplaats", "Woonplaats", &self.woonplaats),
            ("iban", "IBAN (niet verplicht)", &self.iban),
        ]
    }
}

const STANDAARD_LEDEN: usize = 3;
const MAX_LEDEN: usize = 12;

async fn aanvraagpagina(staat: &WebStaat, wie: &Ingelogd) -> Result<AanvraagPagina, WebFout> {
    let teams = staat
        .app
        .teams(&wie.ctx)
        .await
        .map(|t| t.into_iter().map(|t| t.team.naam).collect())
        .unwrap_or_default();
    Ok(AanvraagPagina {
        schil: Schil::voor(staat, wie, "Nieuwe aanvraag", "/dossiers")
            .kruimel("/dossiers/nieuw", "Nieuwe aanvraag levensonderhoud"),
        ontvangen_op: tijd::nl_lokaal(staat.app.klok.nu())
            .date()
            .format("%Y-%m-%d")
            .to_string(),
        gemeld_op: String::new(),
        aanvrager: FormPersoon {
            prefix: "aanvrager".into(),
            ..Default::default()
        },
        leden: (1..=STANDAARD_LEDEN)
            .map(|i| FormPersoon {
                prefix: format!("lid{i}"),
                ..Default::default()
            })
            .collect(),
        straat: String::new(),
        huisnummer: String::new(),
        huisletter: String::new(),
        toevoeging: String::new(),
        postcode: String::new(),
        woonplaats: String::new(),
        iban: String::new(),
        team: String::new(),
        teams,
        rollen: rolkeuzes(),
        fouten: Veldfouten::nieuw(),
    })
}

pub async fn nieuw(State(staat): State<WebStaat>, wie: Ingelogd) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::DossiersRegistreren)?;
    Ok(pagina(&aanvraagpagina(&staat, &wie).await?))
}

pub async fn registreren(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    f: Formulier,
) -> Result<Response, WebFout> {
    wie.ctx.actor.vereist(Recht::DossiersRegistreren)?;
    let mut p = aanvraagpagina(&staat, &wie).await?;
    p.ontvangen_op = f.veld("ontvangen_op");
    p.gemeld_op = f.veld("gemeld_op");
    p.aanvrager = FormPersoon::uit(&f, "aanvrager");
    p.straat = f.veld("straat");
    p.huisnummer = f.veld("huisnummer");
    p.huisletter = f.veld("huisletter");
    p.toevoeging = f.veld("toevoeging");
    p.postcode = f.veld("postcode");
    p.woonplaats = f.veld("woonplaats");
    p.iban = f.veld("iban");
    p.team = f.veld("team");
    let aantal = f
        .veld("aantal_leden")
        .parse::<usize>()
        .unwrap_or(STANDAARD_LEDEN)
        .clamp(1, MAX_LEDEN);
    p.leden = (1..=aantal)
        .map(|i| FormPersoon::uit(&f, &format!("lid{i}")))
        .collect();
    if f.aangevinkt("meer_leden") {
        // Nog een lege regel erbij; niets opslaan.
        let n = (p.leden.len() + 1).min(MAX_LEDEN);
        p.leden.resize_with(n, Default::default);
        if let Some(l) = p.leden.last_mut() {
            l.prefix = format!("lid{n}");
        }
        return Ok(pagina(&p));
    }
    let aanvraag = NieuweAanvraag {
        ontvangen_op: p.ontvangen_op.clone(),
        gemeld_op: p.gemeld_op.clone(),
        aanvrager: p.aanvrager.invoer(),
        straat: p.straat.clone(),
        huisnummer: p.huisnummer.clone(),
        huisletter: p.huisletter.clone(),
        toevoeging: p.toevoeging.clone(),
        postcode: p.postcode.clone(),
        woonplaats: p.woonplaats.clone(),
        iban: p.iban.clone(),
        team: p.team.clone(),
        // Lege regels tellen niet; de nummering blijft die van het formulier.
        leden: p
            .leden
            .iter()
            .filter(|l| !l.leeg())
            .map(|l| LidInvoer {
                persoon: l.invoer(),
                rol: l.rol.clone(),
            })
            .collect(),
    };
    // Velden van leden heten naar hun plaats in het formulier; de app telt alleen gevulde regels.
    let plaatsen: Vec<String> = p
        .leden
        .iter()
        .filter(|l| !l.leeg())
        .map(|l| l.prefix.clone())
        .collect();
    match staat.app.aanvraag_registreren(&wie.ctx, &aanvraag).await {
        Ok((id, _)) => Ok(
            Redirect::to(&format!("/dossiers/{id}?gedaan=dossier-geregistreerd")).into_response(),
        ),
        Err(AppFout::Ongeldig(mut fouten)) => {
            for fout in &mut fouten.0 {
                if let Some(rest) = fout.veld.strip_prefix("lid") {
                    if let Some((nr, veld)) = rest.split_once('.') {
                        if let Some(echt) =
                            nr.parse::<usize>().ok().and_then(|n| plaatsen.get(n - 1))
                        {
                            fout.veld = format!("{echt}.{veld}");
                        }
                    }
                }
            }
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "bsn_opzoeken.html")]
struct BsnFragment {
    bekend: Option<PersoonBeeld>,
    fout: Option<String>,
}

/// Het fragment onder een BSN-veld (htmx): bekend of niet.
/// Het veld heet naar de persoon (`aanvrager.bsn`, `lid2.bsn`); elk veld dat op `bsn` eindigt telt.
pub async fn bsn_opzoeken(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Query(q): Query<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebFout> {
    let bsn = q
        .iter()
        .find(|(k, _)| k.ends_with("bsn"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (bekend, fout) = match staat.app.persoon_op_bsn(&wie.ctx, &bsn).await {
        Ok(b) => (b, None),
        Err(AppFout::Ongeldig(f)) => (None, Some(f.to_string())),
        Err(e) => return Err(e.into()),
    };
    Ok(pagina(&BsnFragment { bekend, fout }))
}

#[derive(Deserialize, Default)]
pub struct DossierQuery {
    op: Option<String>,
    bekend_op: Option<String>,
    gedaan: Option<String>,
    /// De soort op de tijdlijn (leeg: alles), en de bladzijde vanaf 0.
    tijdlijn: Option<String>,
    tijdlijn_pagina: Option<usize>,
}

#[derive(Template)]
#[template(path = "dossier.html")]
pub struct DossierPagina {
    schil: Schil,
    d: DossierBeeld,
    op: String,
    bekend_op: String,
    vandaag: bool,
    pub fouten: Veldfouten,
    dagen_tot_beslissen: Option<i64>,
    taken: Vec<vangnet_app::werk::Taakregel>,
    /// Voor de teamleider: wie het dossier kan krijgen.
    consulenten: Option<Vec<vangnet_domain::verdeling::Kandidaat>>,
    uitkering: Option<vangnet_app::uitkeringen::Uitkeringsbeeld>,
    /// De tijdlijn (issue 21 punt 8): de gekozen soort (code, leeg: alles) en de bladzijde.
    tijdlijn: vangnet_app::dossiertijdlijn::Tijdlijn,
    tijdlijnsoort: String,
    tijdlijnpagina: usize,
    /// Toekenningen die op vier ogen wachten of wachtten, met wie voorlegde.
    voorstellen: Vec<(vangnet_app::opslag::ToekenningsvoorstelRij, String)>,
    /// Voor wie contactmomenten mag inzien.
    contactmomenten: Option<Vec<vangnet_app::contact::Contactbeeld>>,
    /// Mag deze medewerker toekennen, mutaties registreren en beoordelen?
    uitkeringen_beheren: bool,
    gebruiker_id: Option<i64>,
    /// Wat er in het formulier "Nieuwe taak" stond (omschrijving, deadline), na een fout.
    pub nieuwe_taak: (String, String, bool),
}

impl DossierPagina {
    /// Wacht er een toekenning op een tweede consulent?
    fn voorstel_wacht(&self) -> bool {
        self.voorstellen
            .iter()
            .any(|(v, _)| v.status == vangnet_domain::beheerverzoek::Verzoekstatus::Open)
    }

    /// Een nieuwe taak op de dossierpagina hoort bij dit dossier (zie `taakformulier.html`).
    fn taak_dossier(&self) -> Option<i64> {
        Some(self.d.dossier.id)
    }

    fn euro(&self, c: &i64) -> String {
        vangnet_domain::bedrag::euro(*c)
    }

    /// De cliënt van het dossier voor de kop: naam en het gemaskeerde BSN, zoals in de
    /// zoekresultaten (issue 21 punt 7).
    fn client(&self) -> Option<String> {
        let p = self
            .d
            .huishouden
            .iter()
            .map(|h| &h.persoon)
            .find(|p| p.id == self.d.dossier.client_id)?;
        let bsn = vangnet_domain::persoon::Bsn::parse(&p.bsn).ok()?;
        Some(format!("{} (BSN {})", p.weergavenaam, bsn.gemaskeerd()))
    }

    /// De nieuwste opgave van het vermogen die niet is vervallen.
    fn geldige_vermogensopgave(&self) -> Option<&vangnet_app::vermogen::Vermogensbeeld> {
        self.d
            .vermogen
            .iter()
            .find(|v| v.opgave.vervallen_op.is_none())
    }

    /// Per maand: maand, berekend, betaald, open correcties (voor de tabel).
    fn uitkeringsmaanden(&self) -> Vec<(String, String, String, String)> {
        let Some(u) = &self.uitkering else {
            return Vec::new();
        };
        u.maanden
            .iter()
            .rev()
            .map(|m| {
                let open: i64 = u
                    .correcties
                    .iter()
                    .filter(|c| c.maand == m.maand && c.verrekend_op.is_none())
                    .map(|c| c.bedrag_centen.centen())
                    .sum();
                (
                    m.maand.format("%m-%Y").to_string(),
                    m.berekend_centen.to_string(),
                    m.betaald_centen
                        .map_or_else(|| "—".into(), |b| b.to_string()),
                    if open == 0 {
                        String::new()
                    } else {
                        vangnet_domain::bedrag::euro(open)
                    },
                )
            })
            .collect()
    }

    /// Kan deze mutatie worden gecorrigeerd? Dezelfde regel als de use case
    /// ([`vangnet_domain::uitkering::corrigeerbaar`]).
    fn mag_corrigeren(&self, m: &vangnet_app::opslag::MutatieRij) -> bool {
        let Some(u) = &self.uitkering else {
            return false;
        };
        self.uitkeringen_beheren
            && vangnet_domain::uitkering::corrigeerbaar(
                m.soort,
                m.status,
                u.mutaties
                    .iter()
                    .filter(|c| c.corrigeert_id == Some(m.id))
                    .map(|c| c.status),
            )
            .is_ok()
    }

    /// Mag deze medewerker deze mutatie beoordelen (vier ogen: niet de eigen)?
    fn mag_beoordelen(&self, m: &vangnet_app::opslag::MutatieRij) -> bool {
        self.uitkeringen_beheren
            && m.status.mag_beoordelen()
            && m.geregistreerd_door != self.gebruiker_id
    }

    /// De statussen van een taak (code, naam) voor de keuzelijst.
    fn statussen(&self) -> Vec<(&'static str, &'static str)> {
        vangnet_domain::werk::Taakstatus::ALLE
            .iter()
            .map(|s| (s.code(), s.naam()))
            .collect()
    }

    /// De regel in de keuzelijst voor een consulent, en of hij nu het dossier heeft.
    fn consulentkeuze(&self, k: &vangnet_domain::verdeling::Kandidaat) -> (String, bool) {
        let mut tekst = format!(
            "{} — belasting {}",
            k.naam,
            vangnet_domain::bedrag::honderdsten(k.belasting)
        );
        if let Some(a) = k.afwezig_tot_en_met {
            tekst.push_str(&format!(" (afwezig t/m {})", nl_datum(&a)));
        }
        if k.uitgesloten.is_some() {
            tekst.push_str(" (uitgesloten)");
        }
        (tekst, self.d.dossier.consulent_id == Some(k.gebruiker_id))
    }
}

pub async fn dossier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<DossierQuery>,
) -> Result<Response, WebFout> {
    let (status, p) = dossierpagina(&staat, &wie, id, q).await?;
    Ok(pagina_met_status(status, &p))
}

/// De dossierpagina met de status die bij de invoer van `q` hoort.
pub async fn dossierpagina(
    staat: &WebStaat,
    wie: &Ingelogd,
    id: i64,
    q: DossierQuery,
) -> Result<(StatusCode, DossierPagina), WebFout> {
    let mut fouten = Veldfouten::nieuw();
    let op =
        q.op.as_deref()
            .filter(|s| !s.trim().is_empty())
            .and_then(|s| {
                fouten.controleer(
                    "op",
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                        .map_err(|_| "De datum 'situatie op' is geen geldige datum (jjjj-mm-dd)."),
                )
            });
    let bekend_op = q
        .bekend_op
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .and_then(|s| {
            fouten.controleer(
                "bekend_op",
                chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M")
                    .map(|lokaal| {
                        let dag = tijd::begin_nl_dag(lokaal.date());
                        dag + (lokaal - lokaal.date().and_hms_opt(0, 0, 0).unwrap_or(lokaal))
                    })
                    .map_err(|_| "Het moment 'zoals bekend op' is geen geldig tijdstip."),
            )
        });
    let d = staat.app.dossier(&wie.ctx, id, op, bekend_op).await?;
    let taken = staat.app.taken_van_dossier(&wie.ctx, id).await?;
    let uitkering = staat.app.uitkering_van_dossier(&wie.ctx, id).await?;
    let tijdlijnsoort = q
        .tijdlijn
        .as_deref()
        .and_then(vangnet_app::dossiertijdlijn::Tijdlijnsoort::uit_code);
    let tijdlijnpagina = q.tijdlijn_pagina.unwrap_or(0).min(10_000);
    let tijdlijn = staat
        .app
        .dossier_tijdlijn(&wie.ctx, id, tijdlijnsoort, tijdlijnpagina)
        .await?;
    let voorstellen = if uitkering.is_none() {
        staat.app.toekenningsvoorstellen(&wie.ctx, id).await?
    } else {
        Vec::new()
    };
    let consulenten = if wie.ctx.actor.mag(Recht::TakenToewijzen) {
        Some(staat.app.toewijsbare_consulenten(&wie.ctx, id).await?)
    } else {
        None
    };
    let contactmomenten = if wie.ctx.actor.mag(Recht::ContactmomentenInzien) {
        Some(staat.app.contactmomenten_van_dossier(&wie.ctx, id).await?)
    } else {
        None
    };
    let nu = staat.app.klok.nu();
    let vandaag_datum = tijd::nl_lokaal(nu).date();
    let status = crate::schil::status_voor(&fouten);
    Ok((
        status,
        DossierPagina {
            taken,
            contactmomenten,
            consulenten,
            uitkering,
            tijdlijn,
            tijdlijnsoort: tijdlijnsoort.map_or("", |s| s.code()).to_owned(),
            tijdlijnpagina,
            voorstellen,
            uitkeringen_beheren: wie.ctx.actor.mag(Recht::UitkeringenBeheren),
            gebruiker_id: wie.ctx.actor.gebruiker_id(),
            schil: Schil::voor(
                staat,
                wie,
                &format!("Dossier {}", d.dossier.nummer),
                "/dossiers",
            )
            .kruimel(
                &format!("/dossiers/{id}"),
                &format!("Dossier {}", d.dossier.nummer),
            )
            .met_melding(bevestiging(q.gedaan.as_deref())),
            op: d.op.format("%Y-%m-%d").to_string(),
            bekend_op: tijd::nl_lokaal(d.bekend_op)
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
            vandaag: d.op == vandaag_datum && (nu - d.bekend_op).num_seconds() < 1,
            dagen_tot_beslissen: d.termijnen.map(|t| t.dagen_tot_beslissen(vandaag_datum)),
            d,
            fouten,
            nieuwe_taak: Default::default(),
        },
    ))
}

#[derive(Template)]
#[template(path = "persoon.html")]
struct PersoonPagina {
    schil: Schil,
    p: PersoonBeeld,
    wijzigen: bool,
    dossiers: Vec<(DossierRij, &'static str)>,
    contactmomenten: Option<Vec<vangnet_app::contact::Contactbeeld>>,
    contact_vastleggen: bool,
}

pub async fn persoon(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    Query(q): Query<Gedaan>,
) -> Result<Response, WebFout> {
    let (p, dossiers) = staat.app.persoon(&wie.ctx, id).await?;
    let contactmomenten = if wie.ctx.actor.mag(Recht::ContactmomentenInzien) {
        Some(staat.app.contactmomenten_van_persoon(&wie.ctx, id).await?)
    } else {
        None
    };
    Ok(pagina(&PersoonPagina {
        contactmomenten,
        contact_vastleggen: wie.ctx.actor.mag(Recht::ContactmomentenVastleggen),
        schil: Schil::voor(&staat, &wie, &p.weergavenaam, "/zoeken")
            .kruimel(&format!("/personen/{id}"), &p.weergavenaam)
            .met_melding(bevestiging(q.gedaan.as_deref())),
        wijzigen: wie.ctx.actor.mag(Recht::DossiersRegistreren),
        dossiers: dossiers
            .into_iter()
            .map(|d| {
                let s = d.status.naam();
                (d, s)
            })
            .collect(),
        p,
    }))
}

/// Voor sjablonen: een datum als `28-11-2026`.
pub fn nl_datum(d: &NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Voor sjablonen: een opgeslagen tijdstip in Nederlandse tijd.
pub fn nl_tijdstip(t: &chrono::DateTime<chrono::Utc>) -> String {
    tijd::nl_weergave(*t)
}

#[derive(Template)]
#[template(path = "persoon_wijzigen.html")]
struct WijzigPagina {
    schil: Schil,
    id: i64,
    weergavenaam: String,
    versie: i64,
    voornamen: String,
    voorvoegsel: String,
    geslachtsnaam: String,
    geboortedatum: String,
    huidige_iban: String,
    iban: String,
    iban_vanaf: String,
    reden: String,
    fouten: Veldfouten,
    conflict: Option<String>,
}

impl WijzigPagina {
    fn velden(&self) -> [(&'static str, &'static str, &str); 4] {
        [
            ("voornamen", "Voornamen", &self.voornamen),
            ("voorvoegsel", "Voorvoegsel", &self.voorvoegsel),
            ("geslachtsnaam", "Achternaam", &self.geslachtsnaam),
            (
                "geboortedatum",
                "Geboortedatum (dd-mm-jjjj)",
                &self.geboortedatum,
            ),
        ]
    }

    fn rekeningvelden(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("iban", "IBAN", &self.iban),
            ("iban_vanaf", "Ingangsdatum (dd-mm-jjjj)", &self.iban_vanaf),
        ]
    }
}

async fn wijzigpagina(staat: &WebStaat, wie: &Ingelogd, id: i64) -> Result<WijzigPagina, WebFout> {
    wie.ctx.actor.vereist(Recht::DossiersRegistreren)?;
    let (p, _) = staat.app.persoon(&wie.ctx, id).await?;
    let n = p.naam.clone().unwrap_or(vangnet_domain::persoon::Naam {
        voornamen: String::new(),
        voorvoegsel: String::new(),
        geslachtsnaam: String::new(),
    });
    Ok(WijzigPagina {
        schil: Schil::voor(
            staat,
            wie,
            &format!("{} wijzigen", p.weergavenaam),
            "/zoeken",
        )
        .kruimel(&format!("/personen/{id}"), &p.weergavenaam)
        .kruimel(&format!("/personen/{id}/wijzigen"), "Wijzigen"),
        id,
        weergavenaam: p.weergavenaam.clone(),
        versie: p.versie,
        voornamen: n.voornamen,
        voorvoegsel: n.voorvoegsel,
        geslachtsnaam: n.geslachtsnaam,
        geboortedatum: p.geboortedatum.as_ref().map(nl_datum).unwrap_or_default(),
        huidige_iban: p.iban.clone().unwrap_or_default(),
        iban: String::new(),
        iban_vanaf: String::new(),
        reden: String::new(),
        fouten: Veldfouten::nieuw(),
        conflict: None,
    })
}

pub async fn wijzigformulier(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
) -> Result<Response, WebFout> {
    Ok(pagina(&wijzigpagina(&staat, &wie, id).await?))
}

pub async fn wijzigen(
    State(staat): State<WebStaat>,
    wie: Ingelogd,
    Path(id): Path<i64>,
    f: Formulier,
) -> Result<Response, WebFout> {
    let w = vangnet_app::clienten::PersoonWijziging {
        versie: f.veld("versie").trim().parse().unwrap_or(-1),
        voornamen: f.veld("voornamen"),
        voorvoegsel: f.veld("voorvoegsel"),
        geslachtsnaam: f.veld("geslachtsnaam"),
        geboortedatum: f.veld("geboortedatum"),
        iban: f.veld("iban"),
        iban_vanaf: f.veld("iban_vanaf"),
        reden: f.veld("reden"),
    };
    match staat.app.persoon_wijzigen(&wie.ctx, id, &w).await {
        Ok(r) => Ok(Redirect::to(&format!(
            "/personen/{id}?gedaan={}",
            if r.rekening_ter_beoordeling.is_some() {
                "rekening-ter-beoordeling"
            } else {
                "persoon-gewijzigd"
            }
        ))
        .into_response()),
        Err(AppFout::Ongeldig(fouten)) => {
            let mut p = wijzigpagina(&staat, &wie, id).await?;
            p.versie = w.versie;
            p.voornamen = w.voornamen;
            p.voorvoegsel = w.voorvoegsel;
            p.geslachtsnaam = w.geslachtsnaam;
            p.geboortedatum = w.geboortedatum;
            p.iban = w.iban;
            p.iban_vanaf = w.iban_vanaf;
            p.reden = w.reden;
            p.fouten = fouten;
            Ok(pagina_met_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(AppFout::Conflict(m) | AppFout::Verouderd(m)) => {
            // De nieuwe stand, met de melding; de getypte reden blijft staan.
            let mut p = wijzigpagina(&staat, &wie, id).await?;
            p.conflict = Some(m);
            p.reden = w.reden;
            Ok(pagina_met_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e.into()),
    }
}
