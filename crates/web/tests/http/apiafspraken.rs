//! De afspraken van de API (issue 23 punt 3): `ETag` en `If-Match` voor optimistische
//! gelijktijdigheid, met problem+json bij elke weigering.

use super::*;

/// Issue 23 punt 3: `ETag` bij het lezen, `If-Match` bij het wijzigen. Een verouderde versie
/// in `If-Match` is 412 (niets gewijzigd), geen versie 428, een zwakke ETag 400; `versie` in
/// het verzoek blijft werken (409 als zij verouderd is).
#[tokio::test]
async fn etag_en_if_match() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let id = t.app.team_aanmaken(&fb, "Noord", "").await.unwrap();
    let token = t
        .api_token(persona(Rol::FunctioneelBeheerder), "koppeling")
        .await;
    let pad = format!("/api/v1/teams/{id}");
    let mut b = t.bezoeker();
    let a = b.api(Method::GET, &pad, Some(&token), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let etag = a.headers.get("etag").unwrap().to_str().unwrap().to_owned();
    assert_eq!(etag, format!("\"{}\"", json(&a)["versie"]));

    let wijzig = |naam: &str| format!(r#"{{"naam":"{naam}","omschrijving":""}}"#);
    // (If-Match, versie in het verzoek, verwachte status, problem-type)
    let tabel: [(Option<&str>, Option<i64>, StatusCode, &str); 4] = [
        (
            None,
            None,
            StatusCode::PRECONDITION_REQUIRED,
            "voorwaarde-vereist",
        ),
        (
            Some("W/\"1\""),
            None,
            StatusCode::BAD_REQUEST,
            "ongeldige-invoer",
        ),
        (Some("*"), None, StatusCode::BAD_REQUEST, "ongeldige-invoer"),
        (
            Some("\"1\""),
            Some(2),
            StatusCode::UNPROCESSABLE_ENTITY,
            "ongeldige-invoer",
        ),
    ];
    for (if_match, versie, status, soort) in tabel {
        let mut b = match if_match {
            Some(w) => t.bezoeker().met_kop("if-match", w),
            None => t.bezoeker(),
        };
        let body = match versie {
            Some(v) => format!(r#"{{"naam":"Fout","omschrijving":"","versie":{v}}}"#),
            None => wijzig("Fout"),
        };
        let a = b.api(Method::POST, &pad, Some(&token), Some(&body)).await;
        assert_eq!(a.status, status, "{if_match:?} {versie:?}: {}", a.tekst);
        assert!(
            a.tekst.contains(&format!("/problemen/{soort}")),
            "{}",
            a.tekst
        );
    }
    // Met de ETag: gewijzigd, met een nieuwe ETag.
    let mut b1 = t.bezoeker().met_kop("if-match", &etag);
    let a = b1
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(&wijzig("Noord-Oost")),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.tekst);
    let a = b.api(Method::GET, &pad, Some(&token), None).await;
    assert_ne!(a.headers.get("etag").unwrap().to_str().unwrap(), etag);
    assert_eq!(json(&a)["naam"], "Noord-Oost");
    // Dezelfde (nu verouderde) ETag nog eens: 412, niets gewijzigd.
    let a = b1
        .api(Method::POST, &pad, Some(&token), Some(&wijzig("Zuid")))
        .await;
    assert_eq!(a.status, StatusCode::PRECONDITION_FAILED, "{}", a.tekst);
    assert!(
        a.tekst.contains("/problemen/voorwaarde-mislukt"),
        "{}",
        a.tekst
    );
    // De verouderde versie in het verzoek zelf: 409, zoals altijd.
    let v = etag.trim_matches('"');
    let a = b
        .api(
            Method::POST,
            &pad,
            Some(&token),
            Some(&format!(
                r#"{{"naam":"Zuid","omschrijving":"","versie":{v}}}"#
            )),
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.tekst);
    let a = b.api(Method::GET, &pad, Some(&token), None).await;
    assert_eq!(json(&a)["naam"], "Noord-Oost");
    t.opruimen().await;
}

/// Issue 23 punt 3: elke lijst bladert met een cursor. De volgende bladzijde staat in
/// `volgende` en in de kopregel `Link` (rel="next"); een cursor die nergens vandaan komt is 422.
#[tokio::test]
async fn lijsten_bladeren_met_een_cursor() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    for i in 0..105 {
        t.app
            .team_aanmaken(&fb, &format!("Team {i:03}"), "")
            .await
            .unwrap();
    }
    let token = t
        .api_token(persona(Rol::FunctioneelBeheerder), "koppeling")
        .await;
    let mut b = t.bezoeker();
    // Volg de kopregel Link tot hij ontbreekt; tel wat voorbijkomt.
    let mut pad = "/api/v1/teams".to_owned();
    let mut namen = Vec::new();
    let mut bladzijden = 0;
    loop {
        let a = b.api(Method::GET, &pad, Some(&token), None).await;
        assert_eq!(a.status, StatusCode::OK, "{pad}: {}", a.tekst);
        let v = json(&a);
        namen.extend(
            v["teams"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["naam"].as_str().unwrap().to_owned()),
        );
        bladzijden += 1;
        match a.headers.get("link") {
            None => {
                assert!(v["volgende"].is_null());
                break;
            }
            Some(l) => {
                let l = l.to_str().unwrap();
                let cursor = v["volgende"].as_str().unwrap();
                assert!(l.ends_with(&format!("na={cursor}>; rel=\"next\"")), "{l}");
                pad = l
                    .trim_start_matches('<')
                    .split('>')
                    .next()
                    .unwrap()
                    .to_owned();
            }
        }
    }
    assert_eq!(bladzijden, 2);
    namen.sort();
    namen.dedup();
    assert_eq!(namen.len(), 105, "geen dubbele, geen gemiste");

    // De audittrail bladert ook (per 50), op het volgnummer, met de filters in de volgende link.
    t.persona(Rol::Auditor).await;
    let auditor = t.api_token(persona(Rol::Auditor), "toezicht").await;
    let a = b
        .api(
            Method::GET,
            "/api/v1/audit?actie=team",
            Some(&auditor),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.tekst);
    let totaal = json(&a)["totaal"].as_i64().unwrap();
    assert!(totaal > 100, "{totaal}");
    let link = a
        .headers
        .get("link")
        .expect("meer dan 50")
        .to_str()
        .unwrap();
    assert!(link.starts_with("</api/v1/audit?actie=team&na="), "{link}");
    // Volg de links tot de laatste bladzijde: elk record precies één keer, samen het totaal.
    let mut hashes: Vec<String> = Vec::new();
    let mut a = a;
    loop {
        let v = json(&a);
        let records = v["records"].as_array().unwrap();
        assert!(records.len() <= 50);
        hashes.extend(
            records
                .iter()
                .map(|r| r["hash"].as_str().expect("hash van het record").to_owned()),
        );
        let Some(l) = a.headers.get("link") else {
            assert!(v["volgende"].is_null());
            break;
        };
        let volgende = l
            .to_str()
            .unwrap()
            .trim_start_matches('<')
            .split('>')
            .next()
            .unwrap()
            .to_owned();
        a = b.api(Method::GET, &volgende, Some(&auditor), None).await;
        assert_eq!(a.status, StatusCode::OK, "{volgende}: {}", a.tekst);
        assert_eq!(
            json(&a)["totaal"].as_i64(),
            Some(totaal),
            "het totaal van de vraag"
        );
    }
    let n = hashes.len();
    hashes.sort();
    hashes.dedup();
    assert_eq!(hashes.len(), n, "geen record twee keer");
    assert_eq!(n as i64, totaal, "geen record gemist");

    for pad in [
        "/api/v1/teams?na=zomaar",
        "/api/v1/audit?na=p2",
        "/api/v1/audit?na=v0",
    ] {
        let tok = if pad.contains("audit") {
            &auditor
        } else {
            &token
        };
        let a = b.api(Method::GET, pad, Some(tok), None).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{pad}: {}",
            a.tekst
        );
        assert!(a.tekst.contains("\"na\""), "{}", a.tekst);
    }
    t.opruimen().await;
}
