//! De routetabel en het OpenAPI-document tegen de router (issue 23): een nieuwe handeling op het
//! scherm zonder tweeling of reden, een tweeling die niet bestaat, een route van de API die niet
//! beschreven is, of een beschreven operatie die de router niet kent, laat deze test falen. De
//! routes komen uit de broncode van de router (`routes_in_router`, ook voor de autorisatiematrix).

use std::collections::BTreeSet;

use vangnet_web::routetabel::{Tweeling, SCHERMROUTES};

const OPENAPI: &str = include_str!("../../openapi.json");

/// Routes buiten het scherm en de API: gezondheid, metingen, vaste bestanden, foutsoorten.
const BUITEN: [&str; 4] = [
    "/health",
    "/metrics",
    "/assets/{bestand}",
    "/problemen/{soort}",
];

fn schermroutes() -> BTreeSet<(String, String)> {
    super::routes_in_router()
        .into_iter()
        .filter(|(_, p)| !p.starts_with("/api/") && !BUITEN.contains(&p.as_str()))
        .collect()
}

fn apiroutes() -> BTreeSet<(String, String)> {
    super::routes_in_router()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/"))
        .collect()
}

fn beschreven() -> BTreeSet<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
    let mut uit = BTreeSet::new();
    for (pad, item) in doc["paths"].as_object().unwrap() {
        for methode in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&methode.as_str()) {
                uit.insert((methode.to_uppercase(), pad.clone()));
            }
        }
    }
    uit
}

#[test]
fn de_router_wordt_gelezen() {
    // Zonder deze controle zou een kapotte lezer alles goedkeuren.
    let scherm = schermroutes();
    assert!(scherm.contains(&("GET".into(), "/".into())), "{scherm:?}");
    assert!(
        scherm.contains(&("POST".into(), "/normen".into())),
        "{scherm:?}"
    );
    assert!(scherm.len() > 90, "{}", scherm.len());
    let api = apiroutes();
    assert!(
        api.contains(&("GET".into(), "/api/v1/taken".into())),
        "{api:?}"
    );
    assert!(
        !api.iter().any(|(_, p)| !p.starts_with("/api/v1/")),
        "{api:?}"
    );
}

#[test]
fn elke_handeling_op_het_scherm_heeft_een_tweeling_of_een_reden() {
    let tabel: Vec<(String, String)> = SCHERMROUTES
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let in_tabel: BTreeSet<_> = tabel.iter().cloned().collect();
    assert_eq!(
        in_tabel.len(),
        tabel.len(),
        "een route staat twee keer in de tabel"
    );
    let scherm = schermroutes();
    let zonder: Vec<_> = scherm.difference(&in_tabel).collect();
    assert!(
        zonder.is_empty(),
        "routes van het scherm zonder regel in routetabel::SCHERMROUTES (een API-tweeling of de reden waarom niet): {zonder:?}"
    );
    let verdwenen: Vec<_> = in_tabel.difference(&scherm).collect();
    assert!(verdwenen.is_empty(), "regels zonder route: {verdwenen:?}");
}

#[test]
fn elke_tweeling_bestaat_en_is_beschreven() {
    let api = apiroutes();
    let doc = beschreven();
    for (m, p, t) in SCHERMROUTES {
        match t {
            Tweeling::Api(op) => {
                let (methode, pad) = op.split_once(' ').expect("METHODE /pad");
                let sleutel = (methode.to_owned(), pad.to_owned());
                assert!(
                    api.contains(&sleutel),
                    "{m} {p}: {op} staat niet in de router"
                );
                assert!(
                    doc.contains(&sleutel),
                    "{m} {p}: {op} staat niet in openapi.json"
                );
            }
            Tweeling::Geen(reden) => assert!(reden.len() > 30, "{m} {p}: reden te kort"),
        }
    }
}

#[test]
fn router_en_document_beschrijven_dezelfde_api() {
    let api = apiroutes();
    let doc = beschreven();
    let onbeschreven: Vec<_> = api.difference(&doc).collect();
    assert!(
        onbeschreven.is_empty(),
        "in de router, niet in openapi.json: {onbeschreven:?}"
    );
    let zonder_route: Vec<_> = doc.difference(&api).collect();
    assert!(
        zonder_route.is_empty(),
        "in openapi.json, niet in de router: {zonder_route:?}"
    );
}
