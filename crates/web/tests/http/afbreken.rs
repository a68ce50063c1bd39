//! Clients die de verbinding verbreken terwijl hun verzoek loopt, mogen de server niet
//! meenemen (issue 17, punt 1). Een echte server op een poort; twintig clients tegelijk sturen
//! `GET /api/v1/zoeken?q=jan` met een token (zoeken schrijft in het toegangslog) en resetten de
//! verbinding 0–40 ms later, duizenden keren. Daarna moet schrijven lukken en zegt `/health` dat.
//! En een verzoek dat begonnen is, maakt zijn handeling af ook als niemand meer op het antwoord
//! wacht.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use vangnet_app::opslag::ToegangFilter;
use vangnet_app::Opslag;
use vangnet_testkit::TestApp;

/// Aantal clients tegelijk en verzoeken per client.
const CLIENTS: u64 = 20;
const PER_CLIENT: u64 = 150;

async fn server(t: &TestApp) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let adres = listener.local_addr().unwrap();
    let staat =
        vangnet_web::WebStaat::nieuw(t.app.clone(), vangnet_web::WebInstellingen::default());
    tokio::spawn(vangnet_web::dienen(listener, staat, std::future::pending()));
    adres
}

/// Een volledig HTTP/1.1-verzoek; geeft de status en de body.
async fn verzoek(
    adres: SocketAddr,
    methode: &str,
    pad: &str,
    token: &str,
    body: &str,
) -> (u16, String) {
    let mut s = TcpStream::connect(adres).await.unwrap();
    let tekst = format!(
        "{methode} {pad} HTTP/1.1\r\nHost: vangnet\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(tekst.as_bytes()).await.unwrap();
    let mut antwoord = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), s.read_to_end(&mut antwoord))
        .await
        .expect("antwoord binnen 60 s")
        .unwrap();
    let antwoord = String::from_utf8_lossy(&antwoord).into_owned();
    let status = antwoord
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = antwoord
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Een testapp met een kleine demopopulatie en een API-token van de consulent.
async fn demo_met_token(huishoudens: u64) -> (TestApp, String) {
    let t = TestApp::nieuw().await;
    t.app
        .demo_laden(huishoudens, 2026, |_, _| {})
        .await
        .unwrap();
    let token = t.api_token("consulent", "afbreektest").await;
    (t, token)
}

async fn toegangsregels(t: &TestApp) -> i64 {
    let mut tx = t.testdb.db.lees().await.unwrap();
    let n = tx
        .toegang_tellen(&ToegangFilter::default(), i64::MAX)
        .await
        .unwrap();
    tx.afsluiten().await.unwrap();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbroken_verbindingen_laten_de_schrijver_niet_vast() {
    let (t, token) = demo_met_token(60).await;
    let adres = server(&t).await;
    let (status, body) = verzoek(adres, "GET", "/api/v1/zoeken?q=jan", &token, "").await;
    assert_eq!(status, 200, "{body}");
    let treffers: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        !treffers["treffers"].as_array().unwrap().is_empty(),
        "de zoekvraag moet treffers hebben, anders schrijft ze niets in het toegangslog"
    );
    let persoon = treffers["treffers"][0]["persoon_id"].as_i64().unwrap();

    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let token = token.clone();
        clients.push(tokio::spawn(async move {
            for i in 0..PER_CLIENT {
                let Ok(mut s) = TcpStream::connect(adres).await else {
                    continue;
                };
                let verzoek = format!(
                    "GET /api/v1/zoeken?q=jan HTTP/1.1\r\nHost: vangnet\r\n\
                     Authorization: Bearer {token}\r\n\r\n"
                );
                if s.write_all(verzoek.as_bytes()).await.is_err() {
                    continue;
                }
                // 0–40 ms, verspreid over clients en rondes, de helft in de eerste 5 ms (daar
                // loopt de handeling nog); tot op de microseconde, dus niet via de timer van
                // tokio (die telt in milliseconden) maar op een eigen draad.
                let us = if i % 2 == 0 {
                    (c * 1_301 + i * 7_919) % 5_000
                } else {
                    (c * 13_001 + i * 7_919) % 40_000
                };
                let _ = tokio::task::spawn_blocking(move || {
                    std::thread::sleep(Duration::from_micros(us))
                })
                .await;
                // Reset in plaats van een nette afsluiting (SO_LINGER 0).
                let _ = s.set_zero_linger();
                drop(s);
            }
        }));
    }
    for c in clients {
        c.await.unwrap();
    }

    // Schrijven lukt: een contactmoment via de API (ook het token controleren en het
    // toegangslog schrijven moeten lukken).
    let contact = format!(
        r#"{{"persoon_id": {persoon}, "kanaal": "telefoon", "richting": "inkomend",
            "beller": "client", "onderwerp": "overig", "tekst": "Na de afgebroken verzoeken",
            "uitkomst": "beantwoord"}}"#
    );
    let (status, body) = verzoek(adres, "POST", "/api/v1/contactmomenten", &token, &contact).await;
    assert_eq!(
        status,
        201,
        "schrijven na {} afgebroken verzoeken: {body}",
        CLIENTS * PER_CLIENT
    );
    let (status, body) = verzoek(adres, "GET", "/health", "", "").await;
    assert_eq!(status, 200, "{body}");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["database"]["schrijver"]["status"], "ok", "{body}");
    t.opruimen().await;
}

/// Een verzoek waarvan niemand het antwoord afwacht (de future wordt na één keer pollen
/// weggegooid, zoals hyper doet als de client weg is), maakt zijn handeling toch af.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn een_begonnen_handeling_maakt_af_zonder_client() {
    use tower::ServiceExt;
    let (t, token) = demo_met_token(10).await;
    let voor = toegangsregels(&t).await;
    let req = axum::http::Request::builder()
        .method(Method::GET)
        .uri("/api/v1/zoeken?q=jan")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let antwoord = t.router().oneshot(req);
    // Eén keer pollen en weggooien.
    let _ = tokio::time::timeout(Duration::ZERO, antwoord).await;
    // De handeling loopt op haar eigen taak door: wacht tot het toegangslog groeit.
    let mut na = voor;
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        na = toegangsregels(&t).await;
        if na > voor {
            break;
        }
    }
    assert!(
        na > voor,
        "de zoekvraag is niet afgemaakt: niets in het toegangslog"
    );
    t.opruimen().await;
}

/// De echte database, maar met een schrijver die faalt (een fout in het programma, of de
/// database onbereikbaar) of bezet blijft.
struct Schrijver {
    db: vangnet_store::Database,
    bezet: bool,
    onbereikbaar: bool,
    proeven: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Een slagboom: schrijven wacht tot hij open (`true`) staat, en gaat dan gewoon door.
    slagboom: Option<tokio::sync::watch::Receiver<bool>>,
}

#[async_trait::async_trait]
impl Opslag for Schrijver {
    async fn schrijf(
        &self,
    ) -> vangnet_app::opslag::Uitkomst<Box<dyn vangnet_app::opslag::Transactie>> {
        if let Some(slagboom) = &self.slagboom {
            let _ = slagboom.clone().wait_for(|open| *open).await;
            return self.db.schrijf().await;
        }
        self.schrijfproef().await?;
        self.db.schrijf().await
    }
    async fn schrijf_duurzaam(
        &self,
    ) -> vangnet_app::opslag::Uitkomst<Box<dyn vangnet_app::opslag::Transactie>> {
        self.schrijf().await
    }
    async fn lees(
        &self,
    ) -> vangnet_app::opslag::Uitkomst<Box<dyn vangnet_app::opslag::Leestransactie>> {
        self.db.lees().await
    }
    async fn lees_mag_verouderd(
        &self,
    ) -> vangnet_app::opslag::Uitkomst<Box<dyn vangnet_app::opslag::Leestransactie>> {
        self.db.lees().await
    }
    async fn gezond(&self) -> bool {
        self.db.gezond().await
    }
    async fn replica_gezond(&self) -> Option<bool> {
        None
    }
    async fn schrijfproef(&self) -> vangnet_app::opslag::Uitkomst<()> {
        self.proeven
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if self.bezet {
            std::future::pending::<()>().await;
        }
        Err(if self.onbereikbaar {
            vangnet_app::opslag::OpslagFout::Onbereikbaar("pool timed out".into())
        } else {
            vangnet_app::opslag::OpslagFout::Database(
                "attempted to call begin_with at non-zero transaction depth".into(),
            )
        })
    }
    async fn onderhoud_na_bulkinvoer(&self) -> vangnet_app::opslag::Uitkomst<()> {
        Ok(())
    }
    async fn log_terugschrijven(&self) -> vangnet_app::opslag::Uitkomst<()> {
        Ok(())
    }
    fn engine(&self) -> &'static str {
        self.db.engine()
    }
    fn ketensleutel(&self) -> Option<&vangnet_domain::audit::Ketensleutel> {
        self.db.ketensleutel()
    }
}

/// `/health` zegt 503 als er niet geschreven kan worden (ook al leest de database nog), en 200
/// met "bezet" als een andere handeling de schrijver even vasthoudt.
#[tokio::test]
async fn health_meldt_de_staat_van_de_schrijver() {
    let t = TestApp::nieuw().await;
    for (bezet, status, staat) in [(false, 503, "onmogelijk"), (true, 200, "bezet")] {
        let proeven = std::sync::Arc::default();
        let opslag = Schrijver {
            db: t.testdb.db.clone(),
            bezet,
            onbereikbaar: false,
            proeven: std::sync::Arc::clone(&proeven),
            slagboom: None,
        };
        let app = vangnet_app::App::nieuw(
            std::sync::Arc::new(opslag),
            t.klok.clone(),
            vangnet_app::Instellingen::default(),
        );
        let router = vangnet_web::router(vangnet_web::WebStaat::nieuw(
            app,
            vangnet_web::WebInstellingen::default(),
        ));
        let mut b = vangnet_testkit::Bezoeker::nieuw(router.clone());
        let a = b.get("/health").await;
        assert_eq!(a.status.as_u16(), status, "{}", a.tekst);
        let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
        assert_eq!(j["database"]["bereikbaar"], true);
        assert_eq!(j["database"]["schrijver"]["status"], staat, "{}", a.tekst);
        // De fout van de database staat in het log, niet in het openbare antwoord.
        assert!(!a.tekst.contains("begin_with"), "{}", a.tekst);
        let m = b.get("/metrics").await;
        let schrijfbaar = if bezet { 1 } else { 0 };
        assert!(
            m.bevat(&format!("vangnet_database_schrijfbaar {schrijfbaar}")),
            "{}",
            m.tekst
        );
        // Vaak vragen kost één proef: de uitslag geldt een paar seconden, en tien tegelijk
        // wachten op dezelfde proef.
        let tien: Vec<_> = (0..10)
            .map(|_| {
                let mut b = vangnet_testkit::Bezoeker::nieuw(router.clone());
                tokio::spawn(async move { b.get("/health").await.status.as_u16() })
            })
            .collect();
        for t in tien {
            assert_eq!(t.await.unwrap(), status);
        }
        assert_eq!(proeven.load(std::sync::atomic::Ordering::SeqCst), 1);
        // Na vijf seconden geldt de uitslag niet meer: een nieuwe proef.
        t.klok.verzet(chrono::Duration::seconds(5));
        assert_eq!(b.get("/health").await.status.as_u16(), status);
        assert_eq!(proeven.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
    t.opruimen().await;
}

/// Issue 20 punt 1: een fout in het programma (hier: een transactie die niet kan beginnen) is
/// geen storing. De gebruiker krijgt "Er ging iets mis" met het operatie-id (500), niet "de
/// database is niet bereikbaar" (503); alleen een echte storing geeft 503.
#[tokio::test]
async fn een_programmafout_is_geen_storing() {
    let t = TestApp::nieuw().await;
    t.persona(vangnet_domain::Rol::Inkomensconsulent).await;
    let token = t.api_token("consulent", "t").await;
    for (onbereikbaar, status, tekst, soort) in [
        (
            false,
            500,
            "Er ging in Vangnet iets mis",
            "/problemen/interne-fout",
        ),
        (
            true,
            503,
            "kan de database nu niet bereiken",
            "/problemen/onbereikbaar",
        ),
    ] {
        let opslag = Schrijver {
            db: t.testdb.db.clone(),
            bezet: false,
            onbereikbaar,
            proeven: std::sync::Arc::default(),
            slagboom: None,
        };
        let app = vangnet_app::App::nieuw(
            std::sync::Arc::new(opslag),
            t.klok.clone(),
            vangnet_app::Instellingen::default(),
        );
        let mut b = vangnet_testkit::Bezoeker::nieuw(vangnet_web::router(
            vangnet_web::WebStaat::nieuw(app, vangnet_web::WebInstellingen::default()),
        ));
        // Zoeken schrijft in het toegangslog: dat begint een schrijftransactie.
        let a = b
            .api(Method::GET, "/api/v1/zoeken?q=jan", Some(&token), None)
            .await;
        assert_eq!(a.status.as_u16(), status, "{}", a.tekst);
        let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
        assert!(j["detail"].as_str().unwrap().contains(tekst), "{}", a.tekst);
        assert_eq!(j["type"], soort, "{}", a.tekst);
        assert!(
            !j["operatie_id"].as_str().unwrap().is_empty(),
            "{}",
            a.tekst
        );
    }
    t.opruimen().await;
}

/// Issue 22 punt 7: wie langer dan `verzoek_max` op een antwoord wacht, krijgt 503 "tijdelijk
/// niet beschikbaar" met een eerlijke melding (het kan toch nog zijn opgeslagen), en de handeling
/// zelf loopt daarna af: het contactmoment staat er, één keer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn een_te_lang_verzoek_krijgt_503_en_de_handeling_loopt_af() {
    let (t, token) = demo_met_token(10).await;
    let mut gewoon = vangnet_testkit::Bezoeker::nieuw(t.router());
    let a = gewoon
        .api(Method::GET, "/api/v1/zoeken?q=jan", Some(&token), None)
        .await;
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    let persoon = j["treffers"][0]["persoon_id"].as_i64().unwrap();

    let (open, slagboom) = tokio::sync::watch::channel(false);
    let opslag = Schrijver {
        db: t.testdb.db.clone(),
        bezet: false,
        onbereikbaar: false,
        proeven: std::sync::Arc::default(),
        slagboom: Some(slagboom),
    };
    let app = vangnet_app::App::nieuw(
        std::sync::Arc::new(opslag),
        t.klok.clone(),
        vangnet_app::Instellingen::default(),
    );
    let mut b =
        vangnet_testkit::Bezoeker::nieuw(vangnet_web::router(vangnet_web::WebStaat::nieuw(
            app,
            vangnet_web::WebInstellingen {
                verzoek_max: Duration::from_millis(200),
                ..Default::default()
            },
        )));
    let contact = format!(
        r#"{{"persoon_id": {persoon}, "kanaal": "telefoon", "richting": "inkomend",
            "beller": "client", "onderwerp": "overig", "tekst": "Gebeld terwijl de schrijver vastzat",
            "uitkomst": "beantwoord"}}"#
    );
    let a = b
        .api(
            Method::POST,
            "/api/v1/contactmomenten",
            Some(&token),
            Some(&contact),
        )
        .await;
    assert_eq!(a.status.as_u16(), 503, "{}", a.tekst);
    let j: serde_json::Value = serde_json::from_str(&a.tekst).unwrap();
    // Een eigen soort: "onbereikbaar" zegt "er is niets opgeslagen", en dat is hier niet zo.
    assert_eq!(j["type"], "/problemen/te-lang", "{}", a.tekst);
    let uitleg = b.get("/problemen/te-lang").await;
    assert!(
        uitleg.bevat("kan dus toch zijn opgeslagen"),
        "{}",
        uitleg.tekst
    );
    assert!(
        j["detail"]
            .as_str()
            .unwrap()
            .contains("kan toch nog zijn opgeslagen"),
        "{}",
        a.tekst
    );
    let op = j["operatie_id"].as_str().unwrap();
    assert_eq!(op.len(), 32, "{}", a.tekst);
    // Het id staat ook in de header van tower-http.
    assert_eq!(
        a.headers.get("x-request-id").and_then(|v| v.to_str().ok()),
        Some(op)
    );

    // De schrijver komt vrij: de handeling maakt af, op haar eigen taak.
    open.send(true).unwrap();
    let pad = format!("/api/v1/contactmomenten?persoon={persoon}");
    let mut gezien = 0;
    for _ in 0..200 {
        let a = gewoon.api(Method::GET, &pad, Some(&token), None).await;
        gezien = a
            .tekst
            .matches("Gebeld terwijl de schrijver vastzat")
            .count();
        if gezien > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(gezien, 1, "het contactmoment is er niet (of dubbel)");
    t.opruimen().await;
}
