//! Duurzame jobs (issue 22 punt 1): aangemeld in de transactie die erom vraagt, genomen door één
//! werker, overgenomen na een weggevallen werker vanaf de laatst vastgelegde partij, te stoppen
//! en opnieuw te proberen door wie het werk mag doen; een geplande ronde één keer per cluster.

use std::sync::Arc;

use vangnet_app::klok::Klok;
use vangnet_app::opslag::AuditFilter;
use vangnet_app::{App, AppFout, Instellingen};
use vangnet_domain::job::{Jobsoort, Jobstatus};
use vangnet_domain::Rol;
use vangnet_testkit::TestApp;

/// Een tweede server: een eigen `App` (eigen werker) op dezelfde database en klok.
fn tweede_server(t: &TestApp) -> App {
    App::nieuw(
        Arc::new(t.testdb.db.clone()),
        t.klok.clone(),
        Instellingen::default(),
    )
}

/// Een normenbestand met één ander bedrag (art. 21a vanaf 2026-07-01): elke alleenstaande krijgt
/// een ander maandbedrag.
fn andere_normen() -> String {
    include_str!("../../../domain/data/normen.toml").replacen(
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 141946",
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 142946",
        1,
    )
}

async fn herberekend_in_audit(t: &TestApp) -> Vec<String> {
    t.app
        .audit_zoeken(
            &TestApp::systeem(),
            &AuditFilter {
                actie: Some("normen.herberekend".into()),
                ..Default::default()
            },
            100,
            0,
        )
        .await
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.gegevens.onderwerp_id)
        .collect()
}

/// Een werker valt weg na de eerste partij van de herberekening (zijn positie en tussenstand
/// liggen vast, zijn hartslag stopt). Een tweede server neemt de job pas over als de hartslag
/// een minuut oud is, gaat verder na de laatst vastgelegde partij, en rekent niets twee keer:
/// één partij in de audittrail, en een eindstand over alle uitkeringen.
#[tokio::test]
async fn een_weggevallen_werker_wordt_overgenomen_zonder_dubbel_werk() {
    let t = TestApp::nieuw().await;
    let demo = t.app.demo_laden(400, 7, |_, _| {}).await.unwrap();
    assert!(
        demo.uitkeringen > 200,
        "twee partijen: {}",
        demo.uitkeringen
    );
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let lading = t
        .app
        .normen_laden(&fb, "normen.toml", &andere_normen())
        .await
        .unwrap();

    // De dode werker: nam de job en legde de eerste partij (de eerste 200 uitkeringen) vast.
    let mut tx = t.app.opslag.schrijf().await.unwrap();
    let nu = t.klok.nu();
    let genomen = tx
        .job_nemen("dode-werker", nu, nu, Some(lading.job))
        .await
        .unwrap()
        .expect("de job wacht");
    assert_eq!((genomen.pogingen, genomen.status), (1, Jobstatus::Lopend));
    let ids = tx.uitkering_ids(0, 200).await.unwrap();
    let eerste_partij = serde_json::json!({
        "uitkeringen": 200, "gewijzigd": 7, "maanden": 35, "totaal": 33250, "grootste": []
    });
    assert!(tx
        .job_positie(
            lading.job,
            "dode-werker",
            ids[199],
            200,
            &eerste_partij.to_string()
        )
        .await
        .unwrap());
    tx.commit().await.unwrap();
    // Een tweede lading wacht tot deze herberekening klaar is (anders rekent de rest van de
    // partijen met andere tabellen dan de eerste).
    let e = t
        .app
        .normen_laden(
            &fb,
            "nog-andere.toml",
            &andere_normen().replacen(
                "art21b_gehuwden_21_aow = 200213",
                "art21b_gehuwden_21_aow = 200214",
                1,
            ),
        )
        .await
        .unwrap_err();
    let m = vangnet_testkit::veldfout(e, "bestand");
    assert!(m.contains("loopt nog"), "{m}");

    // Binnen de minuut blijft de job van de dode werker.
    let b = tweede_server(&t);
    assert!(b.job_draaien(None, |_| {}).await.unwrap().is_none());
    t.klok.verzet(chrono::Duration::seconds(61));
    let overgenomen = b
        .job_draaien(None, |_| {})
        .await
        .unwrap()
        .expect("overgenomen");
    assert_eq!((overgenomen.id, overgenomen.pogingen), (lading.job, 2));

    let job = &b.jobs_van(&fb, Some("normen")).await.unwrap()[0];
    let rest = demo.uitkeringen - 200;
    assert_eq!(job.status, Jobstatus::Klaar.naam());
    let samenvatting = job.einde.clone().unwrap().unwrap();
    assert!(
        samenvatting.starts_with(&format!("{} uitkeringen herberekend", demo.uitkeringen)),
        "de tussenstand van de eerste partij telt mee: {samenvatting}"
    );
    assert_eq!(job.klaar, demo.uitkeringen);
    // Alleen de partij na de positie is gerekend (door de tweede server).
    let partijen = herberekend_in_audit(&t).await;
    assert_eq!(partijen.len(), 1, "{partijen:?}");
    assert!(rest > 0 && partijen[0].starts_with("t/m "));
    t.opruimen().await;
}

/// Stoppen en opnieuw: een wachtende job stopt meteen en wordt niet genomen; opnieuw proberen
/// zet haar terug en een werker maakt haar af. Alleen wie het werk mag doen, ziet en stopt haar.
#[tokio::test]
async fn stoppen_en_opnieuw_proberen() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    let lading = t
        .app
        .normen_laden(&fb, "normen.toml", &andere_normen())
        .await
        .unwrap();
    assert!(t.app.jobs_van(&consulent, None).await.unwrap().is_empty());
    assert!(matches!(
        t.app.job_annuleren(&consulent, lading.job).await,
        Err(AppFout::GeenToegang)
    ));
    t.app.job_annuleren(&fb, lading.job).await.unwrap();
    assert!(matches!(
        t.app.job_annuleren(&fb, lading.job).await,
        Err(AppFout::Conflict(_))
    ));
    let job = &t.app.jobs_van(&fb, Some("normen")).await.unwrap()[0];
    assert_eq!(job.status, Jobstatus::Geannuleerd.naam());
    assert!(job.kan_opnieuw && !job.kan_annuleren);
    assert!(t.app.job_draaien(None, |_| {}).await.unwrap().is_none());

    // Opnieuw proberen doet een andere beheerder: de job loopt nu namens haar.
    let fb2 = t.gebruiker("fb2", &[Rol::FunctioneelBeheerder]).await;
    t.app.job_opnieuw(&fb2, lading.job).await.unwrap();
    assert_eq!(
        t.app.jobs_van(&fb, Some("normen")).await.unwrap()[0].gestart_door,
        "fb2"
    );
    assert!(t.app.job_draaien(None, |_| {}).await.unwrap().is_some());
    let job = &t.app.jobs_van(&fb, Some("normen")).await.unwrap()[0];
    assert_eq!(job.status, Jobstatus::Klaar.naam(), "{:?}", job.einde);
    assert!(matches!(
        t.app.job_opnieuw(&fb, lading.job).await,
        Err(AppFout::Conflict(_))
    ));
    t.opruimen().await;
}

/// Een job die niet kan (de run is intussen afgebroken) mislukt met een melding in gewone taal;
/// de run verandert niet.
#[tokio::test]
async fn een_job_die_niet_kan_mislukt_met_de_reden() {
    let t = TestApp::nieuw().await;
    let starter = t.persona(Rol::FunctioneelBeheerder).await;
    let run = t
        .app
        .betaalrun_starten(&starter, "2026-12", "2026-11-25")
        .await
        .unwrap();
    let job = t
        .app
        .betaalrun_berekenen_aanmelden(&starter, run)
        .await
        .unwrap();
    assert!(
        matches!(
            t.app.betaalrun_berekenen_aanmelden(&starter, run).await,
            Err(AppFout::Conflict(m)) if m.contains("al berekend")
        ),
        "één berekening tegelijk per run"
    );
    let run_rij = t.app.betaalrun_beeld(&starter, run).await.unwrap().run;
    t.app
        .betaalrun_afbreken(&starter, run, run_rij.versie)
        .await
        .unwrap();
    t.app.job_draaien(None, |_| {}).await.unwrap();
    let j = t
        .app
        .jobs_van(&starter, Some(&format!("betaalrun:{run}")))
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.id == job)
        .unwrap();
    assert_eq!(j.status, Jobstatus::Mislukt.naam());
    assert!(
        matches!(&j.einde, Some(Err(m)) if m.contains("afgebroken")),
        "{:?}",
        j.einde
    );
    t.opruimen().await;
}

/// Twee servers, één database: dezelfde geplande ronde draait één keer; de volgende ronde weer
/// één keer. Twee werkers die tegelijk een job zoeken, nemen haar nooit allebei.
#[tokio::test]
async fn een_geplande_ronde_draait_een_keer_in_het_cluster() {
    let t = TestApp::nieuw().await;
    let b = tweede_server(&t);
    let ronde = t.klok.nu();
    assert!(t
        .app
        .geplande_ronde(Jobsoort::Escaleren, ronde)
        .await
        .unwrap());
    assert!(!b.geplande_ronde(Jobsoort::Escaleren, ronde).await.unwrap());
    let volgende = ronde + chrono::Duration::minutes(5);
    assert!(b
        .geplande_ronde(Jobsoort::Escaleren, volgende)
        .await
        .unwrap());
    assert!(!t
        .app
        .geplande_ronde(Jobsoort::Escaleren, volgende)
        .await
        .unwrap());

    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let lading = t
        .app
        .normen_laden(&fb, "normen.toml", &andere_normen())
        .await
        .unwrap();
    let (x, y) = tokio::join!(t.app.job_draaien(None, |_| {}), b.job_draaien(None, |_| {}));
    let genomen: Vec<i64> = [x.unwrap(), y.unwrap()]
        .into_iter()
        .flatten()
        .map(|j| j.id)
        .collect();
    assert_eq!(genomen, [lading.job], "precies één werker nam de job");
    t.opruimen().await;
}

/// Een job waarvoor stoppen werd gevraagd en waarvan de werker wegviel, wordt bij het nemen
/// gestopt, niet opnieuw begonnen. Een run wordt niet goedgekeurd terwijl hij (opnieuw) wordt
/// berekend.
#[tokio::test]
async fn gevraagd_stoppen_overleeft_een_weggevallen_werker() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let teamleider = t.persona(Rol::Teamleider).await;
    let run = t
        .app
        .betaalrun_starten(&fb, "2026-12", "2026-11-25")
        .await
        .unwrap();
    t.app.betaalrun_berekenen(&fb, run, |_| {}).await.unwrap();
    let versie = t.app.betaalrun_beeld(&fb, run).await.unwrap().run.versie;
    let job = t.app.betaalrun_berekenen_aanmelden(&fb, run).await.unwrap();
    assert!(matches!(
        t.app.betaalrun_goedkeuren(&teamleider, run, versie).await,
        Err(AppFout::Conflict(m)) if m.contains("opnieuw) berekend")
    ));
    // De teamleider (die goedkeurt) ziet dat er gerekend wordt, maar stopt het niet.
    let zicht = t
        .app
        .jobs_van(&teamleider, Some(&format!("betaalrun:{run}")))
        .await
        .unwrap();
    assert!(zicht[0].einde.is_none() && !zicht[0].kan_annuleren);

    let mut tx = t.app.opslag.schrijf().await.unwrap();
    let nu = t.klok.nu();
    tx.job_nemen("dode-werker", nu, nu, Some(job))
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    t.app.job_annuleren(&fb, job).await.unwrap();
    t.klok.verzet(chrono::Duration::seconds(61));
    assert!(t.app.job_draaien(None, |_| {}).await.unwrap().is_none());
    let j = &t
        .app
        .jobs_van(&fb, Some(&format!("betaalrun:{run}")))
        .await
        .unwrap()[0];
    assert_eq!(j.status, Jobstatus::Geannuleerd.naam());
    // Nu mag goedkeuren weer: de berekening van daarnet staat.
    t.app
        .betaalrun_goedkeuren(&teamleider, run, versie)
        .await
        .unwrap();
    t.opruimen().await;
}

/// Een run starten meldt in dezelfde transactie het berekenen aan: er is geen moment waarop een
/// gestarte run bestaat zonder job die haar berekent.
#[tokio::test]
async fn een_run_starten_meldt_het_berekenen_in_dezelfde_transactie_aan() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let run = t
        .app
        .betaalrun_starten_en_berekenen(&fb, "2026-12", "2026-11-25")
        .await
        .unwrap();
    let jobs = t
        .app
        .jobs_van(&fb, Some(&format!("betaalrun:{run}")))
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].status, Jobstatus::Wachtend.naam());
    assert!(matches!(
        t.app.betaalrun_berekenen_aanmelden(&fb, run).await,
        Err(AppFout::Conflict(_))
    ));
    t.app.job_draaien(None, |_| {}).await.unwrap().unwrap();
    let beeld = t.app.betaalrun_beeld(&fb, run).await.unwrap();
    assert_eq!(
        beeld.run.status,
        vangnet_domain::betaalrun::Runstatus::Berekend
    );
    t.opruimen().await;
}

/// Een betaalrun rekent in partijen (issue 22 punt 3). Server A legt de eerste partijen vast en
/// valt dan stil midden in de run (zijn draad staat stil: geen hartslag meer, zoals na een
/// crash). Intussen slaat een medewerker een contactmoment op: de schrijver is vrij. De run is
/// dan nog een concept zonder uitkomst. Server B neemt de job na een minuut over en gaat verder
/// na de laatst vastgelegde partij: de regels van A blijven (dezelfde ids), niets dubbel, en de
/// uitkomst is gelijk aan die van een volledige nieuwe berekening. Komt A daarna weer tot leven,
/// dan legt hij niets meer vast.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn een_run_in_partijen_laat_de_schrijver_vrij_en_gaat_na_een_overname_verder() {
    use std::sync::mpsc;
    use vangnet_app::contact::ContactInvoer;
    let t = TestApp::nieuw().await;
    let demo = t.app.demo_laden(3200, 7, |_, _| {}).await.unwrap();
    assert!(
        demo.uitkeringen > 1500,
        "drie partijen: {}",
        demo.uitkeringen
    );
    let starter = t.persona(Rol::FunctioneelBeheerder).await;
    let clerk = t
        .gebruiker("kees", &[Rol::AdministratiefOndersteuner])
        .await;
    let run = t
        .app
        .betaalrun_starten(&starter, "2026-12", "2026-12-21")
        .await
        .unwrap();
    let job = t
        .app
        .betaalrun_berekenen_aanmelden(&starter, run)
        .await
        .unwrap();

    // Server A meldt voortgang na elke vastlegging; na de tweede partij staat hij stil tot de
    // test hem loslaat.
    let (gemeld, stil) = mpsc::channel::<()>();
    let (los, wacht) = mpsc::channel::<()>();
    let wacht = std::sync::Mutex::new(wacht);
    let a = tweede_server(&t);
    let server_a = tokio::spawn(async move {
        a.job_draaien(Some(job), move |n| {
            if (1000..1500).contains(&n) {
                gemeld.send(()).unwrap();
                // De rest van de runtime loopt door (ook wat deze draad al klaarzette).
                tokio::task::block_in_place(|| wacht.lock().unwrap().recv().unwrap());
            }
        })
        .await
    });
    tokio::task::spawn_blocking(move || stil.recv().unwrap())
        .await
        .unwrap();

    // Midden in de run: een medewerker slaat iets op (op SQLite wacht dat anders op de run).
    t.app
        .contactmoment_vastleggen(
            &clerk,
            &ContactInvoer {
                onderwerp: "betaling".into(),
                tekst: "Vraagt wanneer de betaling komt.".into(),
                ..ContactInvoer::telefoontje(None, None)
            },
        )
        .await
        .unwrap();
    let beeld = t.app.betaalrun_beeld(&starter, run).await.unwrap();
    assert_eq!(beeld.run.status.code(), "concept");
    assert!(beeld.totalen.is_empty() && beeld.run.aantal_betalingen == 0);
    let regels_van = |app: &App| {
        let opslag = app.opslag.clone();
        async move {
            let mut tx = opslag.lees().await.unwrap();
            let r = tx.betaalregels(run, 0, i64::MAX, false).await.unwrap();
            tx.afsluiten().await.unwrap();
            r.into_iter().map(|r| r.id).collect::<Vec<i64>>()
        }
    };
    let van_a = regels_van(&t.app).await;
    assert!(!van_a.is_empty(), "A legde partijen vast vóór hij stilviel");
    let positie = {
        let mut tx = t.app.opslag.lees().await.unwrap();
        let j = tx.job_op_id(job).await.unwrap().unwrap();
        tx.afsluiten().await.unwrap();
        j.positie
    };
    assert!(positie > 0);

    // B neemt pas over als de hartslag van A een minuut oud is, en gaat verder na de positie.
    let b = tweede_server(&t);
    t.klok.verzet(chrono::Duration::seconds(61));
    let overgenomen = b.job_draaien(None, |_| {}).await.unwrap().unwrap();
    assert_eq!((overgenomen.id, overgenomen.pogingen), (job, 2));
    let j = &b
        .jobs_van(&starter, Some(&format!("betaalrun:{run}")))
        .await
        .unwrap()[0];
    assert_eq!(j.status, Jobstatus::Klaar.naam(), "{:?}", j.einde);
    // Alle uitkeringen die de run leest (niet wat lang geleden eindigde en is afgewikkeld).
    assert!(j.totaal > 1500 && j.totaal <= demo.uitkeringen);
    assert_eq!(j.klaar, j.totaal);
    let na_b = regels_van(&t.app).await;
    assert!(
        van_a.iter().all(|id| na_b.contains(id)),
        "de vastgelegde partijen van A blijven staan"
    );
    let uitkomst = b.betaalrun_beeld(&starter, run).await.unwrap();
    assert_eq!(uitkomst.run.status.code(), "berekend");

    // A komt terug: hij legt niets meer vast.
    los.send(()).unwrap();
    server_a.await.unwrap().unwrap();
    assert_eq!(regels_van(&t.app).await, na_b);
    let na_a = t.app.betaalrun_beeld(&starter, run).await.unwrap();
    assert_eq!(na_a.run.versie, uitkomst.run.versie);

    // Dezelfde uitkomst als een volledige nieuwe berekening.
    let opnieuw = t
        .app
        .betaalrun_berekenen(&starter, run, |_| {})
        .await
        .unwrap();
    assert_eq!(
        (opnieuw.aantal_betalingen, opnieuw.totaal_centen),
        (uitkomst.run.aantal_betalingen, uitkomst.run.totaal_centen)
    );
    let totalen = |b: &vangnet_app::betaalruns::Runbeeld| {
        b.totalen
            .iter()
            .map(|t| (t.categorie.code(), t.aantal, t.som_centen.centen()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        totalen(&t.app.betaalrun_beeld(&starter, run).await.unwrap()),
        totalen(&uitkomst)
    );
    assert_eq!(regels_van(&t.app).await.len(), na_b.len());
    t.opruimen().await;
}
