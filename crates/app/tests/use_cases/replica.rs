//! Een leesreplica (issue 22 punt 2): zoeken leest van de replica (een moment verouderd mag),
//! het dossier van de primaire database (wie net iets vastlegde, ziet het meteen). Tegen een
//! echte replica van de lokale PostgreSQL (`.ci/pg-replica`, streaming replication); de test zet
//! het terugspelen op de replica even stil om te zien waar elke vraag gelezen wordt, en of een
//! replica die te ver achterloopt wordt overgeslagen.

use std::sync::Arc;

use vangnet_app::{App, Instellingen};
use vangnet_store::verbinding::{Database, Doel};
use vangnet_testkit::TestApp;

/// Het aantal treffers; nul zolang de replica het schema van deze test nog niet heeft (dan leest
/// zij een tabel die er nog niet is).
async fn zoek(app: &App, wie: &vangnet_app::Context, naam: &str) -> usize {
    app.zoeken(wie, naam).await.map_or(0, |t| t.len())
}

#[tokio::test]
#[ignore = "heeft PostgreSQL met een leesreplica nodig: zet VANGNET_TEST_DATABASE_URL en VANGNET_TEST_PG_REPLICA_POORT (.ci/pg-replica) en draai met --include-ignored (CI doet dat)"]
async fn zoeken_leest_van_de_replica_het_dossier_van_de_primaire() {
    let poort = std::env::var("VANGNET_TEST_PG_REPLICA_POORT").expect(
        "deze test heeft een leesreplica nodig: zet VANGNET_TEST_PG_REPLICA_POORT (.ci/pg-replica)",
    );
    let t = TestApp::nieuw().await;
    let (url, schema) = t
        .testdb
        .postgres_schema()
        .expect("deze test heeft PostgreSQL nodig: zet VANGNET_TEST_DATABASE_URL");
    let replica_url = url.replacen(":5432/", &format!(":{poort}/"), 1);
    assert_ne!(replica_url, url, "de URL noemt poort 5432");
    let met_replica = t
        .testdb
        .db
        .clone()
        .met_leesreplica(&replica_url, Some(schema))
        .unwrap();
    let app = App::nieuw(
        Arc::new(met_replica),
        t.klok.clone(),
        Instellingen::default(),
    );
    let ondersteuner = t
        .persona(vangnet_domain::Rol::AdministratiefOndersteuner)
        .await;
    let systeem = TestApp::systeem();
    vangnet_testkit::dossier()
        .bsn("100023757")
        .naam("Anna", "Replicatest")
        .maak(&t, &systeem, &systeem)
        .await;
    // De replica haalt de primaire in.
    let mut pogingen = 0;
    while zoek(&app, &ondersteuner, "replicatest").await == 0 {
        pogingen += 1;
        assert!(pogingen < 600, "de replica haalde de primaire niet in");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // Terugspelen op de replica stil: wat nu op de primaire komt, ziet zoeken (nog) niet.
    let replica = Database::open(&Doel::Url(replica_url.clone()))
        .await
        .unwrap();
    replica
        .ruwe_sql("SELECT pg_wal_replay_pause()")
        .await
        .unwrap();
    let tweede = vangnet_testkit::dossier()
        .bsn("123456782")
        .naam("Bert", "Replicatest")
        .maak(&t, &systeem, &systeem)
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        zoek(&app, &ondersteuner, "replicatest").await,
        1,
        "zoeken leest van de (stilgezette) replica"
    );
    // Met een grens van 0 s op de achterstand (de replica speelt niets meer terug, dus loopt
    // zij achter) leest zoeken van de primaire.
    let streng = App::nieuw(
        Arc::new(
            t.testdb
                .db
                .clone()
                .met_leesreplica(&replica_url, Some(schema))
                .unwrap()
                .met_max_achterstand(std::time::Duration::ZERO),
        ),
        t.klok.clone(),
        Instellingen::default(),
    );
    assert_eq!(
        zoek(&streng, &ondersteuner, "replicatest").await,
        2,
        "de replica loopt te ver achter: zoeken leest van de primaire"
    );
    // Het dossier leest van de primaire: wie net registreerde, ziet het meteen.
    let d = app
        .dossier(&ondersteuner, tweede.dossier, None, None)
        .await
        .unwrap();
    assert_eq!(d.dossier.id, tweede.dossier);

    replica
        .ruwe_sql("SELECT pg_wal_replay_resume()")
        .await
        .unwrap();
    let mut pogingen = 0;
    while zoek(&app, &ondersteuner, "replicatest").await < 2 {
        pogingen += 1;
        assert!(pogingen < 600, "de replica liep niet weer bij");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    replica.sluiten().await;
    t.opruimen().await;
}

/// Een replica die niet bereikbaar is, houdt zoeken niet tegen: dan leest het van de primaire.
#[tokio::test]
#[ignore = "heeft PostgreSQL nodig: zet VANGNET_TEST_DATABASE_URL en draai met --include-ignored (CI doet dat)"]
async fn zonder_bereikbare_replica_leest_zoeken_van_de_primaire() {
    let t = TestApp::nieuw().await;
    let (url, schema) = t
        .testdb
        .postgres_schema()
        .expect("deze test heeft PostgreSQL nodig: zet VANGNET_TEST_DATABASE_URL");
    // Een poort waar niets luistert.
    let weg = url.replacen(":5432/", ":1/", 1);
    let db = t
        .testdb
        .db
        .clone()
        .met_leesreplica(&weg, Some(schema))
        .unwrap();
    let app = App::nieuw(Arc::new(db), t.klok.clone(), Instellingen::default());
    let ondersteuner = t
        .persona(vangnet_domain::Rol::AdministratiefOndersteuner)
        .await;
    let systeem = TestApp::systeem();
    vangnet_testkit::dossier()
        .naam("Carla", "Zonderreplica")
        .maak(&t, &systeem, &systeem)
        .await;
    assert_eq!(
        app.zoeken(&ondersteuner, "zonderreplica")
            .await
            .unwrap()
            .len(),
        1
    );
    t.opruimen().await;
}
