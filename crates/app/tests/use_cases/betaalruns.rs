//! Betaalruns: starten, berekenen, vier ogen bij goedkeuren, verwerking (betaalde maanden,
//! nabetalingen, vorderingen met taak), vastgehouden betalingen, vakantietoeslag over een jaar,
//! idempotent herberekenen, en een pain.001-bestand dat tegen de XSD valideert — op SQLite of
//! PostgreSQL. De klok van de testapp staat op zaterdag 28-11-2026.

use vangnet_app::betaalruns::Betaalinstellingen;
use vangnet_app::clienten::{NieuweAanvraag, PersoonInvoer};
use vangnet_app::opslag::ToegangFilter;
use vangnet_app::uitkeringen::MutatieInvoer;
use vangnet_app::{AppFout, Context, Instellingen};
use vangnet_domain::betaalrun::{Categorie, Vorderingstatus};
use vangnet_domain::werk::{Taaksoort, Taakstatus};
use vangnet_domain::{sepa, Rol};
use vangnet_testkit::{betaalrun, Dossierbouwer, TestApp};

fn aanvraag(bsn: &str, ontvangen: &str, iban: &str) -> NieuweAanvraag {
    NieuweAanvraag {
        ontvangen_op: ontvangen.into(),
        aanvrager: PersoonInvoer {
            bsn: bsn.into(),
            voornamen: "Noël".into(),
            voorvoegsel: "".into(),
            geslachtsnaam: "Çelik".into(),
            geboortedatum: "01-01-1990".into(),
        },
        straat: "Dorpsstraat".into(),
        huisnummer: "1".into(),
        postcode: "3012AB".into(),
        woonplaats: "Rotterdam".into(),
        iban: iban.into(),
        ..Default::default()
    }
}

struct Opzet {
    t: TestApp,
    clerk: Context,
    /// Functioneel beheerder: start runs.
    fien: Context,
    /// Teamleider: keurt goed.
    tom: Context,
    anna: Context,
    bram: Context,
}

async fn opzet() -> Opzet {
    opzet_met_vakantietoeslag_in(5).await
}

/// Als [`opzet`], met de vakantietoeslag in maand `vt_maand`.
async fn opzet_met_vakantietoeslag_in(vt_maand: u32) -> Opzet {
    let t = TestApp::met_instellingen(Instellingen {
        betaling: Betaalinstellingen {
            opdrachtgever: Some(sepa::Opdrachtgever {
                naam: "Gemeente Vangnet".into(),
                iban: "NL91ABNA0417164300".into(),
                bic: Some("ABNANL2A".into()),
            }),
            vakantietoeslag_maand: vt_maand,
            overdracht_svb_werkdagen: 60,
        },
        ..Default::default()
    })
    .await;
    let fien = t.gebruiker("fien", &[Rol::FunctioneelBeheerder]).await;
    let tom = t.gebruiker("tom", &[Rol::Teamleider]).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    Opzet {
        t,
        clerk,
        fien,
        tom,
        anna,
        bram,
    }
}

impl Opzet {
    /// Een dossier met een uitkering vanaf `begin` (alleenstaande, 36 jaar).
    async fn uitkering(&self, bsn: &str, begin: &str, iban: &str) -> i64 {
        Dossierbouwer::van(aanvraag(bsn, begin, iban))
            .met_uitkering(begin)
            .maak(&self.t, &self.clerk, &self.anna)
            .await
            .dossier
    }

    /// Het id van de uitkering op een dossier.
    async fn uitkering_id(&self, dossier: i64) -> i64 {
        self.t
            .app
            .uitkering_van_dossier(&self.anna, dossier)
            .await
            .unwrap()
            .unwrap()
            .uitkering
            .id
    }

    /// Start, berekent en keurt een run goed; geeft zijn id.
    async fn run(&self, maand: &str, betaaldatum: &str) -> i64 {
        betaalrun(maand, betaaldatum)
            .maak(&self.t, &self.fien, &self.tom)
            .await
            .id
    }

    /// Beëindigt uitkering `uitkering` per `per` (werk gevonden).
    async fn beeindig(&self, uitkering: i64, per: &str) -> i64 {
        self.muteer(
            uitkering,
            MutatieInvoer {
                soort: "beeindiging".into(),
                ingangsdatum: per.into(),
                einde_reden: "werk".into(),
                reden: "Werk gevonden".into(),
                ..Default::default()
            },
        )
        .await
    }

    /// Registreert een mutatie en laat haar zo nodig door een tweede consulent goedkeuren.
    async fn muteer(&self, uitkering: i64, invoer: MutatieInvoer) -> i64 {
        let (id, vier_ogen) = self
            .t
            .app
            .mutatie_registreren(&self.anna, uitkering, &invoer)
            .await
            .unwrap();
        if vier_ogen {
            self.t
                .app
                .mutatie_beoordelen(&self.bram, id, 1, true, "")
                .await
                .unwrap();
        }
        id
    }

    /// Een gehuwd paar (de partner Elif Yılmaz nog zonder eigen rekening) met bijstand vanaf
    /// 1 november 2026.
    async fn paar(&self) -> vangnet_testkit::TestDossier {
        Dossierbouwer::van(aanvraag("100023757", "2026-11-01", "NL91ABNA0417164300"))
            .met_partner("123456782", ("Elif", "Yılmaz"), "20-07-1987")
            .met_uitkering("2026-11-01")
            .maak(&self.t, &self.clerk, &self.anna)
            .await
    }

    /// Een nieuwe rekening (vier ogen): een tweede medewerker (Bram) keurt haar goed.
    async fn rekening_goedkeuren(&self, w: vangnet_app::clienten::Persoonwijziging) {
        let id = w.rekening_ter_beoordeling.expect("een nieuwe rekening");
        self.t
            .app
            .rekeningwijziging_beoordelen(&self.bram, id, 1, true, "")
            .await
            .unwrap();
    }

    /// De aanvrager (Noël Çelik, uit `aanvraag`) krijgt een rekening vanaf 1 november.
    async fn rekening_aanvrager(&self, dossier: i64) {
        self.rekening_aanvrager_vanaf(dossier, "NL91ABNA0417164300", "01-11-2026")
            .await;
    }

    /// De aanvrager (Noël Çelik, uit `aanvraag`) krijgt rekening `iban` vanaf `vanaf`
    /// (dd-mm-jjjj); een tweede medewerker keurt haar goed.
    async fn rekening_aanvrager_vanaf(&self, dossier: i64, iban: &str, vanaf: &str) {
        let d = self
            .t
            .app
            .dossier(&self.anna, dossier, None, None)
            .await
            .unwrap();
        let p = &d.huishouden[0].persoon;
        let r = self
            .t
            .app
            .persoon_wijzigen(
                &self.clerk,
                p.id,
                &vangnet_app::clienten::PersoonWijziging {
                    versie: p.versie,
                    voornamen: "Noël".into(),
                    voorvoegsel: "".into(),
                    geslachtsnaam: "Çelik".into(),
                    geboortedatum: "01-01-1990".into(),
                    iban: iban.into(),
                    iban_vanaf: vanaf.into(),
                    reden: "Rekening vastgelegd".into(),
                },
            )
            .await
            .unwrap();
        self.rekening_goedkeuren(r).await;
    }

    /// De partner (Elif Yılmaz, uit de bouwer) krijgt een eigen rekening vanaf 1 november.
    async fn rekening_partner(&self, dossier: i64) {
        let d = self
            .t
            .app
            .dossier(&self.anna, dossier, None, None)
            .await
            .unwrap();
        let partner = &d.huishouden[1].persoon;
        let r = self
            .t
            .app
            .persoon_wijzigen(
                &self.clerk,
                partner.id,
                &vangnet_app::clienten::PersoonWijziging {
                    versie: partner.versie,
                    voornamen: "Elif".into(),
                    voorvoegsel: "".into(),
                    geslachtsnaam: "Yılmaz".into(),
                    geboortedatum: "20-07-1987".into(),
                    iban: "NL02ABNA0123456789".into(),
                    iban_vanaf: "01-11-2026".into(),
                    reden: "Eigen rekening partner".into(),
                },
            )
            .await
            .unwrap();
        self.rekening_goedkeuren(r).await;
    }

    /// Wat het toegangslog over betrokkene `soort` `id` zegt (de omschrijvingen), zoals de
    /// auditor het ziet.
    async fn toegangslog(&self, auditor: &Context, soort: &str, id: i64) -> Vec<String> {
        let filter = ToegangFilter {
            betrokkene_type: Some(soort.into()),
            betrokkene_id: Some(id.to_string()),
            ..Default::default()
        };
        self.t
            .app
            .toegang_zoeken(auditor, &filter, 100, 0)
            .await
            .unwrap()
            .regels
            .into_iter()
            .map(|r| r.omschrijving)
            .collect()
    }

    async fn totaal(&self, id: i64, categorie: Categorie) -> (i64, i64) {
        let b = self.t.app.betaalrun_beeld(&self.tom, id).await.unwrap();
        b.totalen
            .iter()
            .find(|t| t.categorie == categorie)
            .map_or((0, 0), |t| (t.aantal, t.som_centen.centen()))
    }
}

fn conflict(e: AppFout) -> String {
    match e {
        AppFout::Conflict(m) => m,
        e => panic!("verwacht een conflict, kreeg {e:?}"),
    }
}

/// Valideert een pain.001-bestand tegen de officiële XSD (kopie van
/// ../shared/reference/sepa-pain.001/pain.001.001.03.xsd) met xmllint.
fn valideer(xml: &[u8]) {
    static TELLER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = TELLER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let pad = std::env::temp_dir().join(format!("vangnet-pain-{}-{n}.xml", std::process::id()));
    std::fs::write(&pad, xml).unwrap();
    let xsd = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xsd/pain.001.001.03.xsd");
    let uit = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", xsd])
        .arg(&pad)
        .output()
        .expect("xmllint ontbreekt (Debian: libxml2-utils); .ci/run installeert het");
    let _ = std::fs::remove_file(&pad);
    assert!(
        uit.status.success(),
        "pain.001 valideert niet: {}\n{}",
        String::from_utf8_lossy(&uit.stderr),
        String::from_utf8_lossy(xml)
    );
}

#[tokio::test]
async fn run_met_vier_ogen_en_een_geldig_betaalbestand() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-11-02", "NL91ABNA0417164300")
        .await;

    // Slechte invoer: een maand en datum die niet bestaan, een betaaldatum ver buiten de maand.
    match o
        .t
        .app
        .betaalrun_starten(&o.fien, "2026-13", "2026-11-31")
        .await
    {
        Err(AppFout::Ongeldig(v)) => {
            assert!(v.voor("maand").is_some() && v.voor("betaaldatum").is_some())
        }
        e => panic!("{e:?}"),
    }
    match o
        .t
        .app
        .betaalrun_starten(&o.fien, "2026-11", "2026-08-01")
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(v.voor("betaaldatum").is_some()),
        e => panic!("{e:?}"),
    }
    // Een maand zonder normtabel (§12): de run begint niet, en de melding noemt de periode.
    match o
        .t
        .app
        .betaalrun_starten(&o.fien, "2027-01", "2027-01-25")
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(
            v.voor("maand")
                .is_some_and(|m| m.contains("per 01-01-2027")),
            "{v:?}"
        ),
        e => panic!("{e:?}"),
    }
    // Met normen, maar meer dan een maand vooruit (issue 21 punt 5): de run begint niet.
    let tabel = vangnet_domain::normen::testtabellen_tot(datum(2030, 1, 1)).unwrap();
    o.t.app
        .normen_laden(&o.fien, "testtabel.toml", &tabel)
        .await
        .unwrap();
    // En niet meer dan een jaar terug (een tikfout in het jaar).
    match o
        .t
        .app
        .betaalrun_starten(&o.fien, "2025-01", "2025-01-20")
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(
            v.voor("maand")
                .is_some_and(|m| m.contains("een jaar terug")),
            "{v:?}"
        ),
        e => panic!("{e:?}"),
    }
    for maand in ["2027-01", "2030-01"] {
        match o
            .t
            .app
            .betaalrun_starten(&o.fien, maand, &format!("{maand}-20"))
            .await
        {
            Err(AppFout::Ongeldig(v)) => assert!(
                v.voor("maand")
                    .is_some_and(|m| m.contains("verder vooruit")),
                "{v:?}"
            ),
            e => panic!("{maand}: {e:?}"),
        }
    }
    // Een consulent start geen run.
    assert!(matches!(
        o.t.app
            .betaalrun_starten(&o.anna, "2026-11", "2026-11-25")
            .await,
        Err(AppFout::GeenToegang)
    ));

    let id =
        o.t.app
            .betaalrun_starten(&o.fien, "2026-11", "2026-11-25")
            .await
            .unwrap();
    // Eén open run per maand.
    match o
        .t
        .app
        .betaalrun_starten(&o.fien, "2026-11", "2026-11-25")
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(v.voor("maand").unwrap().contains("loopt al")),
        e => panic!("{e:?}"),
    }
    let eerste =
        o.t.app
            .betaalrun_berekenen(&o.fien, id, |_| {})
            .await
            .unwrap();
    // Opnieuw berekenen is idempotent: dezelfde regels, geen dubbele.
    let mut stappen = Vec::new();
    let run =
        o.t.app
            .betaalrun_berekenen(&o.fien, id, |n| stappen.push(n))
            .await
            .unwrap();
    assert_eq!(stappen, vec![1], "voortgang na elke partij");
    assert_eq!(
        (run.aantal_betalingen, run.totaal_centen),
        (eerste.aantal_betalingen, eerste.totaal_centen)
    );
    // normen-bronnen.toml periode 2026-07-01: art21a incl. vt 1.419,46, naar rato 29/30 dagen
    // (vanaf 2 november) = 1.372,14; min 5 % vakantietoeslag 68,61 = 1.303,53.
    assert_eq!(run.aantal_betalingen, 1);
    assert_eq!(
        o.totaal(id, Categorie::Regulier).await,
        (1, run.totaal_centen.centen())
    );
    assert_eq!(run.totaal_centen, 130_353);

    // Vier ogen: wie startte, keurt niet goed. Een beheerder heeft dat recht niet (en kan geen
    // teamleider zijn, issue 17 punt 6); werd zij later teamleider, dan nog niet haar eigen run.
    assert!(matches!(
        o.t.app.betaalrun_goedkeuren(&o.fien, id, run.versie).await,
        Err(AppFout::GeenToegang)
    ));
    let fien_als_teamleider = Context::nieuw(
        vangnet_app::Actor::Gebruiker {
            id: o.fien.actor.gebruiker_id().unwrap(),
            gebruikersnaam: "fien".into(),
            volledige_naam: "Test fien".into(),
            rollen: vec![Rol::Teamleider],
            bereik: None,
        },
        vangnet_app::geheim::operatie_id(),
    );
    assert!(conflict(
        o.t.app
            .betaalrun_goedkeuren(&fien_als_teamleider, id, run.versie)
            .await
            .unwrap_err()
    )
    .contains("zelf"));
    assert!(matches!(
        o.t.app.betaalrun_goedkeuren(&o.anna, id, run.versie).await,
        Err(AppFout::GeenToegang)
    ));
    // Vóór goedkeuring geen bestand.
    assert!(o
        .t
        .app
        .betaalrun_pain(&o.tom, id, None, &mut Vec::new())
        .await
        .is_err());
    // Twee goedkeurders tegelijk: één wint, de ander krijgt een conflict.
    let tim = o.t.gebruiker("tim", &[Rol::Teamleider]).await;
    let (a, b) = tokio::join!(
        o.t.app.betaalrun_goedkeuren(&o.tom, id, run.versie),
        o.t.app.betaalrun_goedkeuren(&tim, id, run.versie)
    );
    assert!(
        a.is_ok() != b.is_ok(),
        "precies één goedkeuring: {a:?} {b:?}"
    );
    // Na goedkeuring verandert niets meer.
    assert!(o
        .t
        .app
        .betaalrun_berekenen(&o.fien, id, |_| {})
        .await
        .is_err());
    assert!(o
        .t
        .app
        .betaalrun_afbreken(&o.fien, id, run.versie + 1)
        .await
        .is_err());
    match o
        .t
        .app
        .betaalrun_starten(&o.fien, "2026-11", "2026-11-25")
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(v.voor("maand").unwrap().contains("goedgekeurde")),
        e => panic!("{e:?}"),
    }
    // De maand staat als betaald op de uitkering.
    let beeld =
        o.t.app
            .uitkering_van_dossier(&o.anna, dossier)
            .await
            .unwrap()
            .unwrap();
    let nov = beeld
        .maanden
        .iter()
        .find(|m| m.maand == datum(2026, 11, 1))
        .unwrap();
    assert_eq!(nov.betaald_centen, Some(run.totaal_centen));

    // Het bestand: geldig volgens de XSD, naam omgezet naar de SEPA-tekenset, twee keer gelijk.
    let mut xml = Vec::new();
    let (n, som) =
        o.t.app
            .betaalrun_pain(&o.tom, id, None, &mut xml)
            .await
            .unwrap();
    assert_eq!((n, som), (1, run.totaal_centen.centen()));
    valideer(&xml);
    let tekst = String::from_utf8(xml.clone()).unwrap();
    assert!(
        tekst.contains("<Nm>N. Celik</Nm>") || tekst.contains("Celik"),
        "{tekst}"
    );
    assert!(!tekst.contains('ë') && !tekst.contains('Ç'));
    assert!(tekst.contains("<ReqdExctnDt>2026-11-25</ReqdExctnDt>"));
    // Wie de run startte (de beheerder), downloadt het bestand niet (issue 21 punt 4).
    assert!(matches!(
        o.t.app
            .betaalrun_pain(&o.fien, id, None, &mut Vec::new())
            .await,
        Err(AppFout::GeenToegang)
    ));
    let mut opnieuw = Vec::new();
    o.t.app
        .betaalrun_pain(&o.tom, id, None, &mut opnieuw)
        .await
        .unwrap();
    let zonder_tijd = |s: &str| {
        s.split("<CreDtTm>").next().unwrap().to_owned() + s.split("</CreDtTm>").nth(1).unwrap()
    };
    assert_eq!(
        zonder_tijd(&tekst),
        zonder_tijd(&String::from_utf8(opnieuw).unwrap())
    );
    let status =
        o.t.app
            .betaalrun_beeld(&o.tom, id)
            .await
            .unwrap()
            .run
            .status;
    assert_eq!(status, vangnet_domain::betaalrun::Runstatus::Geexporteerd);

    // De betaalspecificatie van het dossier: de uitleg telt op tot het bedrag.
    let spec = o.t.app.betaalspecificatie(&o.anna, dossier).await.unwrap();
    assert_eq!(spec.len(), 1);
    let (_, regel, uitleg) = &spec[0];
    assert_eq!(
        uitleg.iter().map(|u| u.bedrag_centen).sum::<i64>(),
        regel.bedrag_centen.centen()
    );
    o.t.opruimen().await;
}

#[tokio::test]
async fn te_veel_betaald_wordt_een_vordering_en_een_correctie_een_nabetaling() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-09-01", "NL91ABNA0417164300")
        .await;
    o.run("2026-09", "2026-09-24").await;
    o.run("2026-10", "2026-10-23").await;
    // Inkomen vanaf september, geregistreerd nu: september en oktober zijn te veel betaald.
    let uitkering = o.uitkering_id(dossier).await;
    let m = o
        .muteer(
            uitkering,
            MutatieInvoer {
                soort: "inkomen_start".into(),
                ingangsdatum: "2026-09-01".into(),
                inkomenssoort: "alimentatie".into(),
                bedrag: "400".into(),
                reden: "Alimentatie".into(),
                ..Default::default()
            },
        )
        .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    // € 400 inkomen maakt de bijstand incl. vakantietoeslag € 400 lager, de uitbetaling (na 5 %
    // reservering) € 380: twee maanden te veel, vorderingen om te beoordelen, niet stil verrekend.
    assert_eq!(o.totaal(nov, Categorie::Vordering).await, (2, -76_000));
    // normen-bronnen.toml periode 2026-07-01: 1.419,46 − 400 = 1.019,46; min 5 % (50,97) = 968,49.
    assert_eq!(o.totaal(nov, Categorie::Regulier).await, (1, 96_849));
    let vorderingen =
        o.t.app
            .vorderingen_van_dossier(&o.anna, dossier)
            .await
            .unwrap();
    assert_eq!(vorderingen.len(), 2);
    assert!(vorderingen
        .iter()
        .all(|v| v.status == Vorderingstatus::TeBeoordelen && v.bedrag_centen == 38_000));
    // Twee vorderingen op één dossier: één taak, met haar eerste gebeurtenis en een deadline
    // uit de servicenorm (alle taken van een goedgekeurde run ontstaan in één bulkinvoer).
    let taken = o.t.app.taken_van_dossier(&o.anna, dossier).await.unwrap();
    let vorderingtaken: Vec<_> = taken
        .iter()
        .filter(|t| t.taak.soort == Taaksoort::Vordering)
        .collect();
    assert_eq!(vorderingtaken.len(), 1);
    let taak = &vorderingtaken[0];
    assert_eq!(taak.taak.status, Taakstatus::Open);
    assert!(taak.taak.deadline > taak.taak.begindatum);
    assert!(taak
        .historie
        .iter()
        .any(|g| g.soort == vangnet_domain::werk::Taakgebeurtenissoort::Aangemaakt));
    let beeld =
        o.t.app
            .uitkering_van_dossier(&o.anna, dossier)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        beeld.open_verschil, 0,
        "de correcties zijn verrekend (als vordering)"
    );

    // De mutatie was fout: corrigeren maakt de maanden weer hoger dan betaald — nabetaling.
    o.muteer(
        uitkering,
        MutatieInvoer {
            soort: "correctie".into(),
            ingangsdatum: "2026-09-01".into(),
            corrigeert: Some(m),
            reden: "Alimentatie bleek niet betaald".into(),
            ..Default::default()
        },
    )
    .await;
    let dec = o.run("2026-12", "2026-12-23").await;
    assert_eq!(
        o.totaal(dec, Categorie::Nabetaling).await,
        (3, 114_000),
        "september t/m november"
    );
    assert_eq!(o.totaal(dec, Categorie::Vordering).await, (0, 0));
    o.t.opruimen().await;
}

#[tokio::test]
async fn opschorting_en_ontbrekende_rekening_houden_vast() {
    let o = opzet().await;
    let zonder = o.uitkering("100023757", "2026-11-01", "").await;
    let opgeschort = o
        .uitkering("123456782", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let u =
        o.t.app
            .uitkering_van_dossier(&o.anna, opgeschort)
            .await
            .unwrap()
            .unwrap()
            .uitkering
            .id;
    o.muteer(
        u,
        MutatieInvoer {
            soort: "opschorting".into(),
            ingangsdatum: "2026-11-15".into(),
            einddatum: "2027-01-10".into(),
            hersteltermijn: "2026-11-29".into(),
            reden: "Gegevens niet geleverd (art. 54 lid 1)".into(),
            ..Default::default()
        },
    )
    .await;
    let id = o.run("2026-11", "2026-11-25").await;
    let b = o.t.app.betaalrun_beeld(&o.tom, id).await.unwrap();
    let redenen: Vec<(i64, String)> = b
        .vastgehouden
        .iter()
        .map(|r| (r.dossier_id, r.reden.as_ref().unwrap().code()))
        .collect();
    assert!(
        redenen.contains(&(zonder, "geen_rekening".into())),
        "{redenen:?}"
    );
    assert!(
        redenen.contains(&(opgeschort, "opschorting".into())),
        "{redenen:?}"
    );
    assert_eq!(b.run.aantal_betalingen, 0);
    // Een taak om de rekening vast te leggen; opschorting is al werk van de consulent.
    let taken = o.t.app.taken_van_dossier(&o.anna, zonder).await.unwrap();
    assert!(taken.iter().any(|t| t.taak.soort == Taaksoort::Betaling));
    let taken =
        o.t.app
            .taken_van_dossier(&o.anna, opgeschort)
            .await
            .unwrap();
    assert!(!taken.iter().any(|t| t.taak.soort == Taaksoort::Betaling));
    // Vastgehouden is niet betaald.
    let beeld =
        o.t.app
            .uitkering_van_dossier(&o.anna, zonder)
            .await
            .unwrap()
            .unwrap();
    let nov = beeld
        .maanden
        .iter()
        .find(|m| m.maand == datum(2026, 11, 1))
        .unwrap();
    assert_eq!(nov.betaald_centen, None);
    // Geen betalingen: ook geen bestand.
    assert!(o
        .t
        .app
        .betaalrun_pain(&o.tom, id, None, &mut Vec::new())
        .await
        .is_err());
    o.t.opruimen().await;
}

#[tokio::test]
async fn vakantietoeslag_in_mei_over_twaalf_maanden_met_een_mutatie() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2025-06-01", "NL91ABNA0417164300")
        .await;
    let uitkering = o.uitkering_id(dossier).await;
    let april = o.run("2026-04", "2026-04-24").await;
    assert_eq!(o.totaal(april, Categorie::Vakantietoeslag).await, (0, 0));
    let mei = o.run("2026-05", "2026-05-22").await;
    // normen-bronnen.toml, vt per maand (alleenstaande 21+): juni 2025 67,27 (periode
    // 2025-01-01); juli–december 2025 6 × 68,45 (2025-07-01); januari–mei 2026 5 × 70,08
    // (2026-01-01).
    assert_eq!(
        o.totaal(mei, Categorie::Vakantietoeslag).await,
        (1, 6_727 + 6 * 6_845 + 5 * 7_008)
    );
    let juni = o.run("2026-06", "2026-06-24").await;
    assert_eq!(o.totaal(juni, Categorie::Vakantietoeslag).await, (0, 0));

    // Inkomen vanaf juli en einde van de bijstand per 1 oktober: de run van september betaalt
    // de vakantietoeslag over juni t/m september, met de lagere reservering na het inkomen.
    for invoer in [
        MutatieInvoer {
            soort: "inkomen_start".into(),
            ingangsdatum: "2026-07-01".into(),
            inkomenssoort: "alimentatie".into(),
            bedrag: "300".into(),
            reden: "Alimentatie".into(),
            ..Default::default()
        },
        MutatieInvoer {
            soort: "beeindiging".into(),
            ingangsdatum: "2026-10-01".into(),
            einde_reden: "werk".into(),
            reden: "Werk gevonden".into(),
            ..Default::default()
        },
    ] {
        o.muteer(uitkering, invoer).await;
    }
    let sep = o.run("2026-09", "2026-09-24").await;
    let mut verwacht = 0;
    for maand in ["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01"] {
        let d = chrono::NaiveDate::parse_from_str(maand, "%Y-%m-%d").unwrap();
        let u =
            o.t.app
                .uitkering_maand(&o.anna, dossier, d, None)
                .await
                .unwrap()
                .unwrap();
        verwacht += u.vakantietoeslag_reservering_centen;
    }
    // Juni 70,08 (periode 2026-01-01 geldt tot juli); daarna 5 % van de lagere bijstand.
    assert!(verwacht < 4 * 7_098 && verwacht > 7_008);
    assert_eq!(
        o.totaal(sep, Categorie::Vakantietoeslag).await,
        (1, verwacht)
    );
    o.t.opruimen().await;
}

/// participatiewet-feiten.md §1 "Vakantietoeslag": bij einde van de bijstand uitbetaald. Wordt
/// het einde pas bekend nadat de laatste maand al betaald is, dan betaalt de eerstvolgende run
/// de vakantietoeslag alsnog (over de opbouw tot en met die laatste maand), en maar één keer.
#[tokio::test]
async fn vakantietoeslag_bij_einde_dat_pas_later_bekend_werd() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-06-01", "NL91ABNA0417164300")
        .await;
    let uitkering = o.uitkering_id(dossier).await;
    for (maand, dag) in [
        ("2026-06", "2026-06-24"),
        ("2026-07", "2026-07-24"),
        ("2026-08", "2026-08-24"),
    ] {
        let run = o.run(maand, dag).await;
        assert_eq!(
            o.totaal(run, Categorie::Vakantietoeslag).await,
            (0, 0),
            "{maand}"
        );
    }
    // Na de run van augustus gemeld: werk sinds 1 augustus.
    o.muteer(
        uitkering,
        MutatieInvoer {
            soort: "beeindiging".into(),
            ingangsdatum: "2026-08-01".into(),
            einde_reden: "werk".into(),
            reden: "Werk gevonden, achteraf gemeld".into(),
            ..Default::default()
        },
    )
    .await;
    let mut verwacht = 0;
    for maand in ["2026-06-01", "2026-07-01"] {
        let d = chrono::NaiveDate::parse_from_str(maand, "%Y-%m-%d").unwrap();
        verwacht +=
            o.t.app
                .uitkering_maand(&o.anna, dossier, d, None)
                .await
                .unwrap()
                .unwrap()
                .vakantietoeslag_reservering_centen;
    }
    // normen-bronnen.toml, vt alleenstaande 21+: juni 70,08 (periode 2026-01-01), juli 70,97
    // (periode 2026-07-01, "art21a_alleenstaande_21_aow = 134849   # vt 7097").
    assert_eq!(verwacht, 7_008 + 7_097);
    let sep = o.run("2026-09", "2026-09-24").await;
    assert_eq!(o.totaal(sep, Categorie::Regulier).await, (0, 0));
    assert_eq!(
        o.totaal(sep, Categorie::Vakantietoeslag).await,
        (1, verwacht)
    );
    // Augustus was te veel betaald: een vordering, niet stil verrekend.
    assert_eq!(o.totaal(sep, Categorie::Vordering).await.0, 1);
    let spec = o.t.app.betaalspecificatie(&o.anna, dossier).await.unwrap();
    let (_, regel, uitleg) = spec
        .iter()
        .find(|(run, r, _)| run.id == sep && r.categorie == Categorie::Vakantietoeslag)
        .expect("vakantietoeslag in september");
    assert_eq!(regel.maand, datum(2026, 7, 1));
    assert!(
        uitleg[0]
            .omschrijving
            .contains("van juni 2026 tot en met juli 2026"),
        "{uitleg:?}"
    );
    let okt = o.run("2026-10", "2026-10-23").await;
    assert_eq!(o.totaal(okt, Categorie::Vakantietoeslag).await, (0, 0));
    o.t.opruimen().await;
}

/// Het einde schuift naar voren nadat de vakantietoeslag bij het einde al is betaald: de
/// weggevallen maand bouwde geen vakantietoeslag op (art. 19 lid 3 Pw, reservering per maand met
/// bijstand), dus is er te veel betaald. Dat wordt een vordering, naast die van de maand zelf,
/// en maar één keer.
#[tokio::test]
async fn vakantietoeslag_teruggevorderd_als_het_einde_naar_voren_schuift() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023812", "2026-06-01", "NL91ABNA0417164300")
        .await;
    let uitkering = o.uitkering_id(dossier).await;
    let einde = |datum: &str| MutatieInvoer {
        soort: "beeindiging".into(),
        ingangsdatum: datum.into(),
        einde_reden: "werk".into(),
        reden: "Werk gevonden".into(),
        ..Default::default()
    };
    // Vooraf gemeld: de laatste maand met bijstand is augustus.
    o.muteer(uitkering, einde("2026-09-01")).await;
    let augustus = chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    let reservering_augustus =
        o.t.app
            .uitkering_maand(&o.anna, dossier, augustus, None)
            .await
            .unwrap()
            .unwrap()
            .vakantietoeslag_reservering_centen;
    assert!(reservering_augustus > 0);
    o.run("2026-06", "2026-06-24").await;
    o.run("2026-07", "2026-07-24").await;
    let aug = o.run("2026-08", "2026-08-24").await;
    let (n, vt) = o.totaal(aug, Categorie::Vakantietoeslag).await;
    assert_eq!(n, 1, "vakantietoeslag bij het einde in de run van augustus");
    // Later blijkt: het werk begon op 1 augustus.
    o.muteer(uitkering, einde("2026-08-01")).await;
    let sep = o.run("2026-09", "2026-09-24").await;
    assert_eq!(o.totaal(sep, Categorie::Vakantietoeslag).await, (0, 0));
    assert_eq!(
        o.totaal(sep, Categorie::Vordering).await.0,
        2,
        "augustus zelf en de vakantietoeslag over augustus"
    );
    let spec = o.t.app.betaalspecificatie(&o.anna, dossier).await.unwrap();
    let (_, regel, uitleg) = spec
        .iter()
        .find(|(run, r, _)| {
            run.id == sep
                && r.categorie == Categorie::Vordering
                && r.omschrijving.contains("vakantietoeslag")
        })
        .expect("vordering op de vakantietoeslag");
    assert_eq!(regel.maand, datum(2026, 8, 1));
    assert_eq!(regel.bedrag_centen, -reservering_augustus);
    assert!(vt > reservering_augustus);
    assert!(
        uitleg[0]
            .omschrijving
            .contains("vakantietoeslag tot en met augustus 2026"),
        "{uitleg:?}"
    );
    // Eén keer: de volgende run vordert niets meer.
    let okt = o.run("2026-10", "2026-10-23").await;
    assert_eq!(o.totaal(okt, Categorie::Vordering).await, (0, 0));
    o.t.opruimen().await;
}

#[tokio::test]
async fn grote_run_in_delen_met_geldige_bestanden() {
    let o = opzet().await;
    for bsn in ["100023757", "123456782", "111222333"] {
        o.uitkering(bsn, "2026-11-01", "NL91ABNA0417164300").await;
    }
    let id = o.run("2026-11", "2026-11-25").await;
    let b = o.t.app.betaalrun_beeld(&o.tom, id).await.unwrap();
    assert_eq!(b.run.aantal_betalingen, 3);
    let mut totaal = (0, 0);
    for deel in 1..=2 {
        let mut xml = Vec::new();
        let (n, som) =
            o.t.app
                .betaalrun_pain(&o.tom, id, Some((deel, 2)), &mut xml)
                .await
                .unwrap();
        valideer(&xml);
        totaal = (totaal.0 + n, totaal.1 + som);
    }
    assert_eq!(totaal, (3, b.run.totaal_centen.centen()));
    // Elk deel legt in het toegangslog alleen de dossiers vast die erin staan.
    let auditor = o.t.persona(Rol::Auditor).await;
    let dossiers = ToegangFilter {
        betrokkene_type: Some("dossier".into()),
        ..Default::default()
    };
    let regels =
        o.t.app
            .toegang_zoeken(&auditor, &dossiers, 100, 0)
            .await
            .unwrap()
            .regels;
    let per_deel = |deel: u64| {
        let mut ids: Vec<String> = regels
            .iter()
            .filter(|r| r.omschrijving == format!("Betaalbestand {deel} van betaalrun {id}"))
            .map(|r| r.betrokkene_id.clone())
            .collect();
        ids.sort();
        ids
    };
    let (een, twee) = (per_deel(1), per_deel(2));
    assert_eq!((een.len(), twee.len()), (2, 1), "{een:?} {twee:?}");
    assert!(!een.contains(&twee[0]), "{een:?} {twee:?}");
    assert!(o
        .t
        .app
        .betaalrun_pain(&o.tom, id, Some((3, 2)), &mut Vec::new())
        .await
        .is_err());
    let mut csv = Vec::new();
    o.t.app.betaalrun_csv(&o.tom, id, &mut csv).await.unwrap();
    assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 4);
    o.t.opruimen().await;
}

/// Issue 17 punt 4: goedgekeurde betaalregels zijn verzegeld. Wie na de goedkeuring een IBAN of
/// een bedrag in de database verandert (buiten Vangnet om), krijgt geen betaalbestand (heel of in
/// delen), en `audit verify` meldt welke run.
#[tokio::test]
async fn goedgekeurde_betaalregels_zijn_verzegeld() {
    use vangnet_app::audit::KetenUitslag;
    use vangnet_domain::audit::KetenFout;
    let o = opzet().await;
    for bsn in ["100023757", "123456782", "111222333"] {
        o.uitkering(bsn, "2026-11-01", "NL91ABNA0417164300").await;
    }
    let id = o.run("2026-11", "2026-11-25").await;
    // Issue 17 punt 13: goedkeuren commit op SQLite met synchronous = FULL (PostgreSQL is altijd
    // duurzaam).
    if o.t.engine() == vangnet_store::Engine::Sqlite {
        assert_eq!(o.t.testdb.db.schrijfmodus().await.unwrap(), 2);
    }
    let auditor = o.t.persona(Rol::Auditor).await;
    assert!(matches!(
        o.t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Intact { .. }
    ));
    let mut goed = Vec::new();
    o.t.app
        .betaalrun_pain(&o.tom, id, None, &mut goed)
        .await
        .unwrap();

    for knoeien in [
        "UPDATE betaalregels SET iban = 'NL02RABO0123456789' WHERE id = (SELECT MAX(id) FROM betaalregels WHERE iban IS NOT NULL)",
        "UPDATE betaalregels SET bedrag_centen = bedrag_centen + 1 WHERE id = (SELECT MIN(id) FROM betaalregels WHERE iban IS NOT NULL)",
        "UPDATE betaalruns SET betaaldatum = '2026-11-24'",
    ] {
        // De goedgekeurde stand bewaren om daarna terug te zetten.
        o.t.testdb
            .db
            .ruwe_sql("CREATE TABLE IF NOT EXISTS regels_bewaard AS SELECT * FROM betaalregels")
            .await
            .unwrap();
        o.t.testdb
            .db
            .ruwe_sql("CREATE TABLE IF NOT EXISTS runs_bewaard AS SELECT * FROM betaalruns")
            .await
            .unwrap();
        o.t.testdb.db.ruwe_sql(knoeien).await.unwrap();
        for deel in [None, Some((1, 2)), Some((2, 2))] {
            let mut xml = Vec::new();
            let e = o
                .t
                .app
                .betaalrun_pain(&o.tom, id, deel, &mut xml)
                .await
                .unwrap_err();
            assert!(conflict(e).contains("zegel"), "{knoeien} {deel:?}");
        }
        assert!(
            matches!(
                o.t.app.audit_controleren(&auditor).await.unwrap(),
                KetenUitslag::Gebroken(KetenFout::ZegelGebroken { run, .. }) if run == id
            ),
            "{knoeien}"
        );
        // Terug naar de goedgekeurde stand: dan klopt alles weer.
        o.t.testdb
            .db
            .ruwe_sql(
                "UPDATE betaalregels SET iban = (SELECT b.iban FROM regels_bewaard b WHERE b.id = betaalregels.id), \
                 bedrag_centen = (SELECT b.bedrag_centen FROM regels_bewaard b WHERE b.id = betaalregels.id)",
            )
            .await
            .unwrap();
        o.t.testdb
            .db
            .ruwe_sql("UPDATE betaalruns SET betaaldatum = (SELECT b.betaaldatum FROM runs_bewaard b WHERE b.id = betaalruns.id)")
            .await
            .unwrap();
        assert!(matches!(
            o.t.app.audit_controleren(&auditor).await.unwrap(),
            KetenUitslag::Intact { .. }
        ));
    }
    // De kop van het hele bestand komt uit het zegel, niet uit de (niet verzegelde) totalen van
    // de run: wie die verandert, verandert het bestand niet.
    o.t.testdb
        .db
        .ruwe_sql("UPDATE betaalruns SET aantal_betalingen = aantal_betalingen + 1, totaal_centen = totaal_centen + 100")
        .await
        .unwrap();
    let mut opnieuw = Vec::new();
    o.t.app
        .betaalrun_pain(&o.tom, id, None, &mut opnieuw)
        .await
        .unwrap();
    let kop = |xml: &[u8]| {
        let t = String::from_utf8(xml.to_vec()).unwrap();
        let van = t.find("<NbOfTxs>").unwrap();
        let tot = t.find("</CtrlSum>").unwrap();
        t[van..tot].to_owned()
    };
    assert_eq!(kop(&opnieuw), kop(&goed));
    // Een run die buiten Vangnet om op goedgekeurd is gezet, heeft geen goedkeuring in de keten.
    let tweede =
        o.t.app
            .betaalrun_starten(&o.fien, "2026-12", "2026-12-23")
            .await
            .unwrap();
    o.t.app
        .betaalrun_berekenen(&o.fien, tweede, |_| {})
        .await
        .unwrap();
    o.t.testdb
        .db
        .ruwe_sql(&format!(
            "UPDATE betaalruns SET status = 'goedgekeurd' WHERE id = {tweede}"
        ))
        .await
        .unwrap();
    assert!(matches!(
        o.t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Gebroken(KetenFout::GoedkeuringOntbreekt { run }) if run == tweede
    ));
    let e =
        o.t.app
            .betaalrun_pain(&o.tom, tweede, None, &mut Vec::new())
            .await
            .unwrap_err();
    assert!(conflict(e).contains("geen auditrecord van de goedkeuring"));
    o.t.opruimen().await;
}

/// Issue 6 punt 2: een nieuwe bankrekening en een nieuw adres zijn mutaties met een ingangsdatum;
/// de betaalrun betaalt vanaf de ingang naar de nieuwe rekening, het huishouden woont vanaf de
/// ingang op het nieuwe adres (materiële historie: de oude gegevens blijven voor eerdere datums).
#[tokio::test]
async fn bankrekening_en_adres_als_mutatie() {
    let o = opzet().await;
    let dossier = o
        .uitkering("100023757", "2026-11-02", "NL91ABNA0417164300")
        .await;
    let uitkering = o.uitkering_id(dossier).await;
    // Slechte invoer: een ongeldige IBAN, een adres zonder straat; niets opgeslagen.
    for (invoer, veld) in [
        (
            MutatieInvoer {
                soort: "bankrekening".into(),
                ingangsdatum: "2026-12-01".into(),
                iban: "NL91ABNA0417164301".into(),
                reden: "x".into(),
                ..Default::default()
            },
            "iban",
        ),
        (
            MutatieInvoer {
                soort: "adres".into(),
                ingangsdatum: "2026-12-01".into(),
                huisnummer: "12a".into(),
                postcode: "3011 AB".into(),
                woonplaats: "Rotterdam".into(),
                reden: "x".into(),
                ..Default::default()
            },
            "straat",
        ),
    ] {
        match o
            .t
            .app
            .mutatie_registreren(&o.anna, uitkering, &invoer)
            .await
        {
            Err(AppFout::Ongeldig(v)) => assert!(v.voor(veld).is_some(), "{v:?}"),
            e => panic!("{e:?}"),
        }
    }
    assert!(o
        .t
        .app
        .uitkering_van_dossier(&o.anna, dossier)
        .await
        .unwrap()
        .unwrap()
        .mutaties
        .is_empty());

    // Een nieuwe rekening is altijd werk voor vier ogen (issue 21 punt 4).
    let (rekening, vier_ogen) =
        o.t.app
            .mutatie_registreren(
                &o.anna,
                uitkering,
                &MutatieInvoer {
                    soort: "bankrekening".into(),
                    ingangsdatum: "2026-12-01".into(),
                    iban: "NL02 ABNA 0123 4567 89".into(),
                    reden: "Nieuwe rekening doorgegeven".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    assert!(vier_ogen, "een nieuwe rekening vraagt een tweede consulent");
    // Wie van de cliënt is uitgesloten, beoordeelt haar mutaties niet (issue 21 punt 4).
    let client =
        o.t.app
            .dossier(&o.anna, dossier, None, None)
            .await
            .unwrap()
            .dossier
            .client_id;
    o.t.app
        .uitsluiting_registreren(
            &o.tom,
            o.bram.actor.gebruiker_id().unwrap(),
            client,
            "familie",
        )
        .await
        .unwrap();
    let fout =
        o.t.app
            .mutatie_beoordelen(&o.bram, rekening, 1, true, "")
            .await
            .unwrap_err();
    assert!(vangnet_testkit::veldfout(fout, "beoordeling").contains("uitgesloten"));
    let cees = o.t.gebruiker("cees", &[Rol::Inkomensconsulent]).await;
    o.t.app
        .mutatie_beoordelen(&cees, rekening, 1, true, "")
        .await
        .unwrap();
    o.muteer(
        uitkering,
        MutatieInvoer {
            soort: "adres".into(),
            ingangsdatum: "2026-12-15".into(),
            straat: "Nieuwe Binnenweg".into(),
            huisnummer: "12a".into(),
            postcode: "3015 BA".into(),
            woonplaats: "Rotterdam".into(),
            reden: "Verhuisd binnen de gemeente".into(),
            ..Default::default()
        },
    )
    .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    let dec = o.run("2026-12", "2026-12-23").await;
    let iban = |run: i64| {
        let o = &o;
        async move {
            o.t.app
                .betaalspecificatie(&o.anna, dossier)
                .await
                .unwrap()
                .into_iter()
                .find(|(r, _, _)| r.id == run)
                .and_then(|(_, regel, _)| regel.iban)
                .unwrap()
        }
    };
    assert_eq!(iban(nov).await, "NL91ABNA0417164300");
    assert_eq!(iban(dec).await, "NL02ABNA0123456789");
    // Het adres op een datum, zoals het huishouden op die datum het toont.
    for (op, straat) in [
        ("2026-12-14", "Dorpsstraat"),
        ("2026-12-15", "Nieuwe Binnenweg"),
    ] {
        let op = chrono::NaiveDate::parse_from_str(op, "%Y-%m-%d").unwrap();
        let d =
            o.t.app
                .dossier(&o.anna, dossier, Some(op), None)
                .await
                .unwrap();
        let adres = d.huishouden[0].persoon.adres.clone().unwrap();
        assert!(adres.starts_with(straat), "{op}: {adres}");
    }
    o.t.opruimen().await;
}

/// Issue 20 punt 5 (art. 45 lid 4 Pw; participatiewet-feiten.md §12): bij gehuwden gaat de
/// bijstand voor de helft naar ieder, elk deel met zijn eigen kenmerk en uitleg, en de maand staat
/// als één betaald bedrag op de uitkering; op hun gezamenlijk verzoek (een mutatie: wanneer, aan
/// wie) geheel naar één van hen.
#[tokio::test]
async fn betaling_verdeeld_tussen_partners() {
    let o = opzet().await;
    let d = o.paar().await;
    let (dossier, uitkering) = (d.dossier, d.uitkering.unwrap());
    let d = o.t.app.dossier(&o.anna, dossier, None, None).await.unwrap();
    let partner = &d.huishouden[1].persoon;
    o.rekening_partner(dossier).await;
    // Zonder keuze: een duidelijke fout bij het veld.
    match o
        .t
        .app
        .mutatie_registreren(
            &o.anna,
            uitkering,
            &MutatieInvoer {
                soort: "betaalwijze".into(),
                ingangsdatum: "2026-12-01".into(),
                reden: "Verzoek".into(),
                ..Default::default()
            },
        )
        .await
    {
        Err(AppFout::Ongeldig(v)) => assert!(v.voor("verdelen").is_some()),
        e => panic!("{e:?}"),
    }
    // Voor één persoon geldt art. 45 lid 4 niet.
    let alleen = o
        .uitkering("100174218", "2026-11-01", "NL91ABNA0417164300")
        .await;
    let alleen = o.uitkering_id(alleen).await;
    match o
        .t
        .app
        .mutatie_registreren(
            &o.anna,
            alleen,
            &MutatieInvoer {
                soort: "betaalwijze".into(),
                ingangsdatum: "2026-12-01".into(),
                verdelen: "nee".into(),
                reden: "Verzoek".into(),
                ..Default::default()
            },
        )
        .await
    {
        Err(AppFout::Ongeldig(v)) => {
            assert!(v
                .voor("verdelen")
                .is_some_and(|m| m.contains("geen partner")))
        }
        e => panic!("{e:?}"),
    }
    // Vanaf december vragen ze samen om alles aan de partner te betalen.
    o.muteer(
        uitkering,
        MutatieInvoer {
            soort: "betaalwijze".into(),
            ingangsdatum: "2026-12-01".into(),
            verdelen: "nee".into(),
            van: "partner".into(),
            reden: "Schriftelijk verzoek van beide partners: alles naar de partner".into(),
            ..Default::default()
        },
    )
    .await;
    let nov = o.run("2026-11", "2026-11-25").await;
    let dec = o.run("2026-12", "2026-12-23").await;
    // normen-bronnen.toml periode 2026-07-01: art21b gehuwden incl. vt 2.027,79, min 5 %
    // vakantietoeslag 101,39 = 1.926,40. November: de wet, voor de helft aan ieder (963,20 +
    // 963,20); december: op gezamenlijk verzoek alles aan de partner.
    assert_eq!(
        o.totaal(nov, Categorie::Regulier).await,
        (3, 192_640 + 134_849)
    );
    assert_eq!(
        o.totaal(dec, Categorie::Regulier).await,
        (2, 192_640 + 134_849)
    );
    let spec = o.t.app.betaalspecificatie(&o.anna, dossier).await.unwrap();
    let december: Vec<_> = spec.iter().filter(|(r, _, _)| r.id == dec).collect();
    assert_eq!(december.len(), 1);
    assert_eq!(december[0].1.iban.as_deref(), Some("NL02ABNA0123456789"));
    assert_eq!(december[0].1.bedrag_centen, 192_640);
    assert!(december[0].2.iter().any(|u| u
        .omschrijving
        .contains("Op gezamenlijk verzoek geheel aan de partner")));
    let december: Vec<_> = spec.iter().filter(|(r, _, _)| r.id == nov).collect();
    let ibans: Vec<_> = december
        .iter()
        .map(|(_, r, _)| r.iban.clone().unwrap())
        .collect();
    assert_eq!(ibans, ["NL91ABNA0417164300", "NL02ABNA0123456789"]);
    for (_, regel, uitleg) in &december {
        assert_eq!(regel.bedrag_centen, 96_320);
        assert_eq!(uitleg.iter().map(|u| u.bedrag_centen).sum::<i64>(), 96_320);
        assert!(uitleg
            .iter()
            .any(|u| u.artikel == "art. 45 lid 4 Participatiewet"));
    }
    // In het bestand: twee overboekingen van 963,20, naar elk van de twee rekeningen.
    let xml = pain(&o, nov).await;
    assert_eq!(xml.matches(">963.20</InstdAmt>").count(), 2, "{xml}");
    assert!(xml.contains("NL02ABNA0123456789") && xml.contains("NL91ABNA0417164300"));
    assert_ne!(december[0].1.kenmerk, december[1].1.kenmerk);
    let beeld =
        o.t.app
            .uitkering_van_dossier(&o.anna, dossier)
            .await
            .unwrap()
            .unwrap();
    let m = beeld
        .maanden
        .iter()
        .find(|m| m.maand == datum(2026, 12, 1))
        .unwrap();
    assert_eq!(m.betaald_centen, Some(192_640.into()));
    let mut xml = Vec::new();
    o.t.app
        .betaalrun_pain(&o.tom, dec, None, &mut xml)
        .await
        .unwrap();
    valideer(&xml);
    // Wat de run en het bestand lazen, staat in het toegangslog: elke persoon van het huishouden
    // (aanvrager en partner) door de run, het dossier door het betaalbestand.
    let auditor = o.t.persona(Rol::Auditor).await;
    let gelogd = |soort: &'static str, id: i64| o.toegangslog(&auditor, soort, id);
    for persoon in [d.huishouden[0].persoon.id, partner.id] {
        let regels = gelogd("persoon", persoon).await;
        assert!(
            regels.contains(&format!("Betaalrun december 2026 (run {dec})")),
            "{regels:?}"
        );
    }
    let regels = gelogd("dossier", dossier).await;
    assert!(
        regels.contains(&format!("Betaalbestand 1 van betaalrun {dec}")),
        "{regels:?}"
    );
    // Geen verschil met november in de bijstand zelf: de verdeling is geen wijziging van het bedrag.
    let b = o.t.app.betaalrun_beeld(&o.tom, dec).await.unwrap();
    assert!(b.verschillen.is_empty(), "{:?}", b.verschillen);
    o.t.opruimen().await;
}

fn datum(j: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(j, m, d).unwrap()
}

/// Het betaalbestand van een run als tekst (gevalideerd tegen de XSD).
async fn pain(o: &Opzet, id: i64) -> String {
    let mut xml = Vec::new();
    o.t.app
        .betaalrun_pain(&o.tom, id, None, &mut xml)
        .await
        .unwrap();
    valideer(&xml);
    String::from_utf8(xml).unwrap()
}

mod audit;
mod leesgrens;
mod rechtmatig;
mod specificatie;
mod vakantietoeslag;
mod voorschotten;
