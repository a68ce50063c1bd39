//! De afspraken van de API (issue 23 punt 3): `ETag` en `If-Match` voor optimistische
//! gelijktijdigheid, met problem+json bij elke weigering.

use super::*;

fn json(a: &vangnet_testkit::Antwoord) -> serde_json::Value {
    serde_json::from_str(&a.tekst).unwrap_or_else(|e| panic!("{e}: {}", a.tekst))
}

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
