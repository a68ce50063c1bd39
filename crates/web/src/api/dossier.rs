//! Het dossier in de API (issue 23 punt 2): eigen typen van de web-laag in plaats van de rijen
//! van de opslag, zodat een kolom erbij in de database het contract niet verandert. De codes
//! (zaaktype, status, soort gebeurtenis) zijn die van het domein, niet de namen in Rust.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vangnet_app::clienten::{DossierBeeld, Huisgenoot};
use vangnet_app::opslag::{DossierRij, GebeurtenisRij};
use vangnet_app::vermogen::Vermogensbeeld;
use vangnet_domain::tijd::instant_tekst;

#[derive(Serialize)]
pub struct Dossierbeeld {
    dossier: Dossier,
    zaaktypenaam: &'static str,
    statusnaam: &'static str,
    termijnen: Option<Termijnen>,
    huishouden: Vec<Huisgenoot>,
    tijdlijn: Vec<Gebeurtenis>,
    op: NaiveDate,
    bekend_op: DateTime<Utc>,
    team: Option<String>,
    consulent: Option<String>,
    vermogen: Vec<Vermogensbeeld>,
}

#[derive(Serialize)]
pub struct Dossier {
    id: i64,
    nummer: String,
    huishouden_id: i64,
    client_id: i64,
    zaaktype: &'static str,
    status: &'static str,
    ontvangen_op: NaiveDate,
    team_id: Option<i64>,
    consulent_id: Option<i64>,
    versie: i64,
    aangemaakt_op: String,
    gewijzigd_op: String,
    gemeld_op: NaiveDate,
}

/// De termijnen van een aanvraag (Awb 4:13, Pw art. 52), met of ze zijn verschoven omdat ze op
/// een weekend- of feestdag eindigden.
#[derive(Serialize)]
pub struct Termijnen {
    beslissen: NaiveDate,
    beslissen_verschoven: bool,
    voorschot: NaiveDate,
    voorschot_verschoven: bool,
}

#[derive(Serialize)]
pub struct Gebeurtenis {
    id: i64,
    tijdstip: String,
    actor: String,
    soort: &'static str,
    omschrijving: String,
    operatie_id: String,
}

impl From<DossierRij> for Dossier {
    fn from(d: DossierRij) -> Self {
        Dossier {
            id: d.id,
            nummer: d.nummer,
            huishouden_id: d.huishouden_id,
            client_id: d.client_id,
            zaaktype: d.zaaktype.code(),
            status: d.status.code(),
            ontvangen_op: d.ontvangen_op,
            team_id: d.team_id,
            consulent_id: d.consulent_id,
            versie: d.versie,
            aangemaakt_op: instant_tekst(d.aangemaakt_op),
            gewijzigd_op: instant_tekst(d.gewijzigd_op),
            gemeld_op: d.gemeld_op,
        }
    }
}

impl From<GebeurtenisRij> for Gebeurtenis {
    fn from(g: GebeurtenisRij) -> Self {
        Gebeurtenis {
            id: g.id,
            tijdstip: instant_tekst(g.tijdstip),
            actor: g.actor,
            soort: g.soort.code(),
            omschrijving: g.omschrijving,
            operatie_id: g.operatie_id,
        }
    }
}

impl From<DossierBeeld> for Dossierbeeld {
    fn from(b: DossierBeeld) -> Self {
        Dossierbeeld {
            dossier: b.dossier.into(),
            zaaktypenaam: b.zaaktypenaam,
            statusnaam: b.statusnaam,
            termijnen: b.termijnen.map(|t| Termijnen {
                beslissen: t.beslissen,
                beslissen_verschoven: t.beslissen_verschoven,
                voorschot: t.voorschot,
                voorschot_verschoven: t.voorschot_verschoven,
            }),
            huishouden: b.huishouden,
            tijdlijn: b.tijdlijn.into_iter().map(Gebeurtenis::from).collect(),
            op: b.op,
            bekend_op: b.bekend_op,
            team: b.team,
            consulent: b.consulent,
            vermogen: b.vermogen,
        }
    }
}
