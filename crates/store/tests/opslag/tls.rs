//! PostgreSQL over het netwerk (issue 22 punt 5): TLS met controle van het certificaat en de
//! naam van de server (`sslmode=verify-full`), tegen de lokale PostgreSQL met een wegwerp-CA
//! (`.ci/pg-tls` zet die op en geeft de paden). Een vreemde CA of een andere servernaam laat de
//! verbinding falen, en de foutmelding noemt nooit het wachtwoord.

use vangnet_store::verbinding::{Database, Doel};

fn omgeving(naam: &str) -> String {
    std::env::var(naam).unwrap_or_else(|_| {
        panic!("deze test heeft PostgreSQL met TLS nodig: zet {naam} (zie .ci/pg-tls)")
    })
}

/// De test-URL met `localhost` als servernaam (daarvoor is het certificaat), een wachtwoord
/// erin (om te zien dat het nooit in een melding komt) en de TLS-parameters.
fn url(host: &str, ca: &str) -> String {
    let basis = omgeving("VANGNET_TEST_DATABASE_URL");
    let zonder_schema = basis
        .strip_prefix("postgres://")
        .or_else(|| basis.strip_prefix("postgresql://"))
        .expect("een postgres://-URL");
    let (gebruiker, rest) = zonder_schema
        .split_once('@')
        .expect("een URL met gebruiker@server");
    let gebruiker = gebruiker.split(':').next().unwrap_or("postgres");
    let (_, pad) = rest.split_once('/').expect("een URL met een database");
    let pad = pad.split('?').next().unwrap_or(pad);
    let wachtwoord = std::env::var("VANGNET_TEST_PG_WACHTWOORD").unwrap_or_else(|_| {
        basis
            .split_once("://")
            .and_then(|(_, r)| r.split_once('@'))
            .and_then(|(g, _)| g.split_once(':'))
            .map_or("lek-mij-niet".into(), |(_, w)| w.to_owned())
    });
    format!(
        "postgres://{gebruiker}:{wachtwoord}@{host}:5432/{pad}?sslmode=verify-full&sslrootcert={ca}"
    )
}

fn wachtwoord_van(url: &str) -> String {
    url.split_once("://")
        .and_then(|(_, r)| r.split_once('@'))
        .and_then(|(g, _)| g.split_once(':'))
        .map(|(_, w)| w.to_owned())
        .unwrap_or_default()
}

#[tokio::test]
#[ignore = "heeft PostgreSQL met TLS nodig: zet VANGNET_TEST_DATABASE_URL en de paden van .ci/pg-tls, en draai met --include-ignored (CI doet dat)"]
async fn postgresql_over_tls_met_controle_van_certificaat_en_servernaam() {
    let ca = omgeving("VANGNET_TEST_PG_TLS_CA");
    let vreemd = omgeving("VANGNET_TEST_PG_TLS_VREEMDE_CA");

    // Goed: de CA die de server tekende, en de naam op het certificaat.
    let db = Database::open(&Doel::Url(url("localhost", &ca)))
        .await
        .expect("verbinden over TLS met verify-full");
    let versleuteld = db
        .ruwe_sql("SELECT 1 FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl")
        .await
        .unwrap();
    assert_eq!(versleuteld, 1, "de sessie loopt over TLS");
    db.sluiten().await;

    // Fout: een vreemde CA, of een servernaam die niet op het certificaat staat.
    for (wat, u) in [
        ("vreemde CA", url("localhost", &vreemd)),
        ("andere servernaam", url("127.0.0.1", &ca)),
    ] {
        let fout = match Database::open(&Doel::Url(u.clone())).await {
            Ok(_) => panic!("{wat}: verbonden, maar het certificaat had geweigerd moeten worden"),
            Err(e) => e.to_string(),
        };
        // Geweigerd om het certificaat, niet om iets anders (aanmelden, een verkeerde poort).
        assert!(
            fout.to_lowercase().contains("certific"),
            "{wat}: geweigerd, maar niet om het certificaat: {fout}"
        );
        let wachtwoord = wachtwoord_van(&u);
        assert!(
            !wachtwoord.is_empty() && !fout.contains(&wachtwoord) && !fout.contains(&u),
            "{wat}: de melding noemt het wachtwoord of de URL: {fout}"
        );
    }
}
