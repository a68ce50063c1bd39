//! De uitkering van een dossier in de API (issue 23 punt 2): de uitkering, haar bedragen per
//! maand, mutaties en correcties als eigen typen van de web-laag, niet als rijen van de opslag.
//! Codes zijn die van het domein; bedragen zijn eurocenten.

use chrono::NaiveDate;
use serde::Serialize;
use vangnet_app::opslag::{CorrectieRij, MaandbedragRij, MutatieRij, UitkeringRij};
use vangnet_app::uitkeringen::Uitkeringsbeeld as Beeld;
use vangnet_domain::tijd::instant_tekst;

#[derive(Serialize)]
pub struct Uitkeringsbeeld {
    uitkering: Uitkering,
    maanden: Vec<Maandbedrag>,
    mutaties: Vec<Mutatie>,
    correcties: Vec<Correctie>,
    /// Som van de niet verrekende correcties.
    open_verschil: i64,
    /// Art. 47a: de dag waarop de SVB bevoegd wordt.
    svb_vanaf: Option<NaiveDate>,
}

#[derive(Serialize)]
pub struct Uitkering {
    id: i64,
    dossier_id: i64,
    begindatum: NaiveDate,
    einddatum: Option<NaiveDate>,
    einde_reden: Option<String>,
    besluit_datum: NaiveDate,
    besluit_door: String,
    besluit_inhoud: String,
    grondslag: String,
    bezwaar_tot: NaiveDate,
    versie: i64,
    aangemaakt_op: String,
}

#[derive(Serialize)]
pub struct Maandbedrag {
    uitkering_id: i64,
    maand: NaiveDate,
    berekend_centen: i64,
    betaald_centen: Option<i64>,
    berekend_op: String,
}

#[derive(Serialize)]
pub struct Mutatie {
    id: i64,
    uitkering_id: i64,
    soort: &'static str,
    ingangsdatum: NaiveDate,
    einddatum: Option<NaiveDate>,
    /// De velden van de soort, als JSON-tekst.
    gegevens: String,
    reden: String,
    status: &'static str,
    vier_ogen: bool,
    impact_centen: i64,
    geregistreerd_door: Option<i64>,
    geregistreerd_op: String,
    beoordeeld_door: Option<i64>,
    beoordeeld_op: Option<String>,
    afwijsreden: Option<String>,
    corrigeert_id: Option<i64>,
    operatie_id: String,
    versie: i64,
}

#[derive(Serialize)]
pub struct Correctie {
    id: i64,
    uitkering_id: i64,
    maand: NaiveDate,
    bedrag_centen: i64,
    oorzaak: String,
    mutatie_id: Option<i64>,
    aangemaakt_op: String,
    verrekend_op: Option<String>,
    soort: &'static str,
}

impl From<UitkeringRij> for Uitkering {
    fn from(u: UitkeringRij) -> Self {
        Uitkering {
            id: u.id,
            dossier_id: u.dossier_id,
            begindatum: u.begindatum,
            einddatum: u.einddatum,
            einde_reden: u.einde_reden,
            besluit_datum: u.besluit_datum,
            besluit_door: u.besluit_door,
            besluit_inhoud: u.besluit_inhoud,
            grondslag: u.grondslag,
            bezwaar_tot: u.bezwaar_tot,
            versie: u.versie,
            aangemaakt_op: instant_tekst(u.aangemaakt_op),
        }
    }
}

impl From<MaandbedragRij> for Maandbedrag {
    fn from(m: MaandbedragRij) -> Self {
        Maandbedrag {
            uitkering_id: m.uitkering_id,
            maand: m.maand,
            berekend_centen: m.berekend_centen.centen(),
            betaald_centen: m.betaald_centen.map(|b| b.centen()),
            berekend_op: instant_tekst(m.berekend_op),
        }
    }
}

impl Mutatie {
    /// Een programmafout als de gegevens niet als JSON te schrijven zijn.
    pub fn uit(m: MutatieRij) -> Result<Self, serde_json::Error> {
        Ok(Mutatie {
            id: m.id,
            uitkering_id: m.uitkering_id,
            soort: m.soort.code(),
            ingangsdatum: m.ingangsdatum,
            einddatum: m.einddatum,
            gegevens: serde_json::to_string(&m.gegevens)?,
            reden: m.reden,
            status: m.status.code(),
            vier_ogen: m.vier_ogen,
            impact_centen: m.impact_centen.centen(),
            geregistreerd_door: m.geregistreerd_door,
            geregistreerd_op: instant_tekst(m.geregistreerd_op),
            beoordeeld_door: m.beoordeeld_door,
            beoordeeld_op: m.beoordeeld_op.map(instant_tekst),
            afwijsreden: m.afwijsreden,
            corrigeert_id: m.corrigeert_id,
            operatie_id: m.operatie_id,
            versie: m.versie,
        })
    }
}

impl From<CorrectieRij> for Correctie {
    fn from(c: CorrectieRij) -> Self {
        Correctie {
            id: c.id,
            uitkering_id: c.uitkering_id,
            maand: c.maand,
            bedrag_centen: c.bedrag_centen.centen(),
            oorzaak: c.oorzaak,
            mutatie_id: c.mutatie_id,
            aangemaakt_op: instant_tekst(c.aangemaakt_op),
            verrekend_op: c.verrekend_op.map(instant_tekst),
            soort: c.soort.code(),
        }
    }
}

impl Uitkeringsbeeld {
    pub fn uit(b: Beeld) -> Result<Self, serde_json::Error> {
        Ok(Uitkeringsbeeld {
            uitkering: b.uitkering.into(),
            maanden: b.maanden.into_iter().map(Maandbedrag::from).collect(),
            mutaties: b
                .mutaties
                .into_iter()
                .map(Mutatie::uit)
                .collect::<Result<_, _>>()?,
            correcties: b.correcties.into_iter().map(Correctie::from).collect(),
            open_verschil: b.open_verschil,
            svb_vanaf: b.svb_vanaf,
        })
    }
}
