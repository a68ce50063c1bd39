//! Uitkeringen en mutaties: toekennen met besluit en bezwaartermijn, de impact van een mutatie
//! met terugwerkende kracht (ook over een normwissel), vier ogen, herberekening met correcties
//! voor betaalde maanden, en slechte invoer — op SQLite of PostgreSQL.
//! De klok van de testapp staat op zaterdag 28-11-2026.

use vangnet_app::clienten::{NieuweAanvraag, PersoonInvoer};
use vangnet_app::uitkeringen::MutatieInvoer;
use vangnet_app::{AppFout, Context, Klok};
use vangnet_domain::uitkering::Mutatiestatus;
use vangnet_domain::werk::{Taaksoort, Taakstatus};
use vangnet_domain::Rol;
use vangnet_testkit::{dossier, veldfout, TestApp};

fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn aanvraag() -> NieuweAanvraag {
    NieuweAanvraag {
        ontvangen_op: "2025-01-02".into(),
        aanvrager: PersoonInvoer {
            bsn: "100023757".into(),
            voornamen: "Piet".into(),
            voorvoegsel: "".into(),
            geslachtsnaam: "Testpersoon".into(),
            geboortedatum: "01-01-1990".into(),
        },
        straat: "Dorpsstraat".into(),
        huisnummer: "1".into(),
        postcode: "3012AB".into(),
        woonplaats: "Rotterdam".into(),
        ..Default::default()
    }
}

pub(crate) fn inkomen(ingang: &str, bedrag: &str) -> MutatieInvoer {
    MutatieInvoer {
        soort: "inkomen_start".into(),
        ingangsdatum: ingang.into(),
        inkomenssoort: "alimentatie".into(),
        bedrag: bedrag.into(),
        reden: "Alimentatie blijkt uit bankafschrift".into(),
        ..Default::default()
    }
}

/// Hetzelfde inkomen gewijzigd (er loopt al alimentatie).
fn wijziging(ingang: &str, bedrag: &str) -> MutatieInvoer {
    MutatieInvoer {
        soort: "inkomen_wijziging".into(),
        ..inkomen(ingang, bedrag)
    }
}

struct Opzet {
    t: TestApp,
    anna: Context,
    bram: Context,
    dossier: i64,
    uitkering: i64,
}

async fn opzet() -> Opzet {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    let d = dossier()
        .ontvangen_op("2025-01-02")
        .met_uitkering("2025-01-01")
        .maak(&t, &clerk, &anna)
        .await;
    Opzet {
        t,
        anna,
        bram,
        dossier: d.dossier,
        uitkering: d.uitkering.unwrap(),
    }
}

/// De maanden van januari 2025 tot en met oktober 2026 als betaald markeren (zoals de betaalrun
/// van issue 7 dat zal doen), met het berekende bedrag.
async fn betaald_tot_en_met_oktober(o: &Opzet) {
    o.t.testdb
        .db
        .ruwe_sql(&format!(
            "UPDATE maandbedragen SET betaald_centen = berekend_centen \
             WHERE uitkering_id = {} AND maand <= '2026-10-01'",
            o.uitkering
        ))
        .await
        .unwrap();
}

#[tokio::test]
async fn toekennen_rekent_elke_maand_met_zijn_normtabel() {
    let o = opzet().await;
    let b =
        o.t.app
            .uitkering_van_dossier(&o.anna, o.dossier)
            .await
            .unwrap()
            .unwrap();
    // Besluit vandaag (28-11-2026), bezwaar zes weken na de dag van bekendmaking: 9-1-2027 is
    // een zaterdag, dus maandag 11-1-2027 (Awb 6:7/6:8, ATW art. 1).
    assert_eq!(b.uitkering.besluit_datum, d("2026-11-28"));
    assert_eq!(b.uitkering.bezwaar_tot, d("2027-01-11"));
    assert_eq!(b.maanden.len(), 23, "januari 2025 tot en met november 2026");
    // Het dossier is besloten; beslissen en voorschot zijn klaar.
    let d =
        o.t.app
            .dossier(&o.anna, o.dossier, None, None)
            .await
            .unwrap();
    assert_eq!(d.statusnaam, "Besloten");
    let taken = o.t.app.taken_van_dossier(&o.anna, o.dossier).await.unwrap();
    assert!(taken
        .iter()
        .filter(|r| r.taak.soort == Taaksoort::Besluit || r.taak.soort == Taaksoort::Voorschot)
        .all(|r| r.taak.status == Taakstatus::Gereed));
    // normen-bronnen.toml [periode.normen_excl_vt] art21a: 1.278,18 (2025-01), 1.300,61 (2025-07),
    // 1.331,42 (2026-01); 2026-07: 1.419,46 − 70,97 = 1.348,49.
    let bedrag = |maand: &str| {
        b.maanden
            .iter()
            .find(|m| m.maand == self::d(maand))
            .unwrap()
            .berekend_centen
    };
    assert_eq!(
        [
            bedrag("2025-01-01"),
            bedrag("2025-07-01"),
            bedrag("2026-01-01"),
            bedrag("2026-11-01")
        ],
        [127818, 130061, 133142, 134849]
    );
    o.t.opruimen().await;
}

/// Issue 6: een mutatie met ingang 1 mei 2025, geregistreerd in november 2026, over de normwissel
/// van 1 juli 2025 en 1 januari en 1 juli 2026. Betaalde maanden worden te veel betaald bedrag.
#[tokio::test]
async fn inkomen_met_terugwerkende_kracht_en_vier_ogen() {
    let o = opzet().await;
    let t = &o.t;
    betaald_tot_en_met_oktober(&o).await;

    // Het voorbeeld: 200,00 alimentatie per maand sinds mei 2025 is 190,00 minder uitbetaling per
    // maand (5 % vakantietoeslag gereserveerd), mei 2025 tot en met november 2026 = 19 maanden.
    let impact = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &inkomen("2025-05-01", "200"))
        .await
        .unwrap();
    assert_eq!(impact.maanden.len(), 19);
    assert!(impact.maanden.iter().all(|m| m.verschil.verschil == -19000));
    assert_eq!(impact.totaal, -19 * 19000);
    assert!(impact.vier_ogen, "boven de drempel van € 500");
    assert!(impact.maanden[0].betaald.is_some() && impact.maanden[18].betaald.is_none());
    let uitleg = impact.uitleg_na.unwrap();
    assert!(uitleg
        .uitleg
        .iter()
        .any(|r| r.omschrijving == "Netto inkomsten uit alimentatie"));
    // Een voorbeeld verandert niets.
    assert!(t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap()
        .mutaties
        .is_empty());

    // Twee uur later registreert Anna de mutatie (voor de vraag "zoals bekend op" hieronder).
    t.klok.verzet(chrono::Duration::hours(2));
    let (id, vier_ogen) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &inkomen("2025-05-01", "200"))
        .await
        .unwrap();
    assert!(vier_ogen);
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b.mutaties[0].status, Mutatiestatus::TeBeoordelen);
    assert!(b.correcties.is_empty(), "nog geen effect vóór goedkeuring");

    // Niet de eigen mutatie; afwijzen vraagt een reden; twee tegelijk: één wint.
    assert!(veldfout(
        t.app
            .mutatie_beoordelen(&o.anna, id, 1, true, "")
            .await
            .unwrap_err(),
        "beoordeling"
    )
    .contains("eigen mutatie"));
    assert!(veldfout(
        t.app
            .mutatie_beoordelen(&o.bram, id, 1, false, " ")
            .await
            .unwrap_err(),
        "reden"
    )
    .contains("reden van de afwijzing"));
    t.app
        .mutatie_beoordelen(&o.bram, id, 1, true, "")
        .await
        .unwrap();
    assert!(matches!(
        t.app.mutatie_beoordelen(&o.bram, id, 1, true, "").await,
        Err(AppFout::Verouderd(_))
    ));

    // Verwerkt: elke betaalde maand (mei 2025 – oktober 2026) een correctie van −190,00;
    // november is nog niet betaald en krijgt alleen een nieuw bedrag.
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b.correcties.len(), 18);
    assert!(b.correcties.iter().all(|c| c.bedrag_centen == -19000));
    assert_eq!(b.open_verschil, -18 * 19000);
    let nov = b
        .maanden
        .iter()
        .find(|m| m.maand == d("2026-11-01"))
        .unwrap();
    assert_eq!(nov.berekend_centen, 134849 - 19000);

    // Formele historie: juni 2025 zoals bekend vóór de goedkeuring (de klok van nu min een uur)
    // en zoals nu bekend.
    let juni = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let toen = t.klok.nu() - chrono::Duration::hours(1);
    let eerder = t
        .app
        .uitkering_maand(&o.anna, o.dossier, juni, Some(toen))
        .await
        .unwrap()
        .unwrap();
    let nu = t
        .app
        .uitkering_maand(&o.anna, o.dossier, juni, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(eerder.uitbetaling_centen - nu.uitbetaling_centen, 19000);
    assert!(nu
        .uitleg
        .iter()
        .any(|r| r.omschrijving == "Netto inkomsten uit alimentatie"));

    // Een correctie laat de mutatie vervallen: de correcties heffen elkaar op.
    let (correctie, vier_ogen) = t
        .app
        .mutatie_registreren(
            &o.bram,
            o.uitkering,
            &MutatieInvoer {
                soort: "correctie".into(),
                ingangsdatum: "2025-05-01".into(),
                corrigeert: Some(id),
                reden: "Alimentatie bleek van een ander".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(vier_ogen, "de correctie verandert meer dan de drempel");
    // Eén regel voor de knop op het scherm en de use case
    // (vangnet_domain::uitkering::corrigeerbaar): een tweede correctie van dezelfde mutatie en
    // een correctie van een correctie worden geweigerd.
    let nog_een = |corrigeert| MutatieInvoer {
        soort: "correctie".into(),
        ingangsdatum: "2025-05-01".into(),
        corrigeert: Some(corrigeert),
        reden: "Nog eens".into(),
        ..Default::default()
    };
    let e = t
        .app
        .mutatie_registreren(&o.bram, o.uitkering, &nog_een(id))
        .await
        .unwrap_err();
    assert!(veldfout(e, "corrigeert").contains("al gecorrigeerd"));
    t.app
        .mutatie_beoordelen(&o.anna, correctie, 1, true, "")
        .await
        .unwrap();
    let e = t
        .app
        .mutatie_registreren(&o.bram, o.uitkering, &nog_een(correctie))
        .await
        .unwrap_err();
    assert!(veldfout(e, "corrigeert").contains("niet zelf gecorrigeerd"));
    o.t.opruimen().await;
}

/// Een datum die de opslag niet kan lezen, is een fout met tabel en kolom, geen standaarddatum
/// waarmee verder wordt gerekend (issue 18, punt 2).
#[tokio::test]
async fn onleesbare_datum_is_een_fout_met_tabel_en_kolom() {
    let o = opzet().await;
    o.t.testdb
        .db
        .ruwe_sql(&format!(
            "UPDATE uitkeringen SET begindatum = '2025-13-01' WHERE id = {}",
            o.uitkering
        ))
        .await
        .unwrap();
    let e =
        o.t.app
            .uitkering_van_dossier(&o.anna, o.dossier)
            .await
            .unwrap_err();
    assert!(
        matches!(&e, AppFout::Opslag(f) if f.to_string().contains("uitkeringen.begindatum")),
        "{e:?}"
    );
    o.t.opruimen().await;
}

#[tokio::test]
async fn kleine_mutatie_direct_en_beeindiging_met_vier_ogen() {
    let o = opzet().await;
    let t = &o.t;
    betaald_tot_en_met_oktober(&o).await;
    // Een blijvende wijziging telt twaalf maanden vooruit (issue 17, punt 7): € 500 per maand
    // vanaf volgende maand is 12 × 475,00 (na de reservering van de vakantietoeslag), ver boven
    // de drempel van € 500; vroeger telde alleen december (475,00) en ging het er direct door.
    let impact = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &inkomen("2026-12-01", "500"))
        .await
        .unwrap();
    assert_eq!(
        impact.maanden.len(),
        1,
        "december 2026 wordt als eerste betaald"
    );
    assert_eq!(impact.totaal, -47_500);
    // Januari t/m november 2027 hebben nog geen normtabel (§12): niet berekend, wel voor de
    // drempel geschat met het verschil van december (11 × 475,00 erbij).
    assert_eq!(impact.vooruit, 0, "na december 2026 geen tabel");
    assert_eq!(impact.berekend_tot, Some(d("2026-12-31")));
    assert!(impact.vier_ogen);
    // Een ingang in een maand zonder normtabel: niets berekend (het scherm noemt de tabel die
    // ontbreekt), wel geregistreerd kunnen worden; vier ogen schat met de laatste tabel
    // doorgetrokken (12 × 475,00).
    let i = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &inkomen("2027-01-01", "500"))
        .await
        .unwrap();
    assert!(i.maanden.is_empty() && i.vooruit == 0);
    assert_eq!(i.berekend_tot, Some(d("2026-12-31")));
    assert!(i.vier_ogen, "de schatting over 2027 telt voor de drempel");
    // Een inkomen dat op 28 december begint: december telt 4 dagen (61,29), maar de schatting
    // over 2027 met volle maanden brengt het boven de drempel (de schatting met het verschil van
    // december zou er onder blijven).
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            o.uitkering,
            &MutatieInvoer {
                inkomenssoort: "arbeid".into(),
                ..inkomen("2026-12-28", "300")
            },
        )
        .await
        .unwrap();
    assert!(i.vier_ogen, "{i:?}");
    // 30,00 inkomen vanaf oktober 2026: oktober en november voorbij, en twaalf maanden vooruit
    // (december t/m oktober 2027): 13 × 28,50 = 370,50, onder de drempel → direct.
    let (_, vier_ogen) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &inkomen("2026-10-01", "30"))
        .await
        .unwrap();
    assert!(!vier_ogen);
    // Een wijziging op dezelfde dag als het begin vervangt het bedrag (niet 30 + 40): 10,00
    // meer inkomen is 9,50 minder bijstand per maand (na de reservering van 5 %).
    let i = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &wijziging("2026-10-01", "40"))
        .await
        .unwrap();
    assert_eq!(i.maanden[0].verschil.verschil, -950, "{:?}", i.maanden);
    // Het voorbeeld zegt wat het vervangt (issue 21 punt 3).
    assert!(
        i.waarschuwingen
            .iter()
            .any(|w| w.contains("vervangt dit het inkomen van € 30,00")),
        "{:?}",
        i.waarschuwingen
    );
    // Een "begint" vóór een inkomen van dezelfde soort dat later begint, zou daardoor worden
    // afgesloten: ook geweigerd.
    let e = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &inkomen("2026-09-01", "20"))
        .await
        .unwrap_err();
    assert!(veldfout(e, "inkomenssoort").contains("Vanaf 01-10-2026 loopt al alimentatie"));
    // De feiten houden per soort één bedrag voor het huishouden: nog een "inkomen begint" van
    // dezelfde soort zou het stil vervangen. Dat wordt geweigerd met het lopende bedrag; een
    // wijziging of stop van een soort die niet loopt ook.
    for (invoer, verwacht) in [
        (
            inkomen("2026-11-01", "20"),
            "loopt al alimentatie van de aanvrager (€ 30,00",
        ),
        (
            MutatieInvoer {
                soort: "inkomen_wijziging".into(),
                inkomenssoort: "arbeid".into(),
                ..inkomen("2026-11-01", "20")
            },
            "loopt geen inkomen uit arbeid",
        ),
        (
            MutatieInvoer {
                soort: "inkomen_stop".into(),
                ..inkomen("2026-09-01", "")
            },
            "loopt geen alimentatie",
        ),
    ] {
        let e = t
            .app
            .mutatie_registreren(&o.anna, o.uitkering, &invoer)
            .await
            .unwrap_err();
        assert!(
            veldfout(e, "inkomenssoort").contains(verwacht),
            "{verwacht}"
        );
    }
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b.mutaties[0].status, Mutatiestatus::Goedgekeurd);
    assert_eq!(b.correcties.len(), 1, "alleen oktober was betaald");
    assert_eq!(b.correcties[0].bedrag_centen, -2850);

    // Vier ogen inrichten: een inkomensmutatie vraagt nu altijd goedkeuring.
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    assert!(veldfout(
        t.app
            .vier_ogen_inrichten(&fb, "veel", &[])
            .await
            .unwrap_err(),
        "drempel"
    )
    .contains("bedrag"));
    // Een leeg formulier zet de drempel niet op € 0 (issue 17, punt 6).
    assert!(veldfout(
        t.app.vier_ogen_inrichten(&fb, "", &[]).await.unwrap_err(),
        "drempel"
    )
    .contains("Vul een bedrag in"));
    // Eén beheerder kan het niet alleen: het wordt een verzoek, dat niet zij maar een tweede
    // beheerder goedkeurt; tot dan verandert er niets.
    let verzoek = t
        .app
        .vier_ogen_inrichten(
            &fb,
            "500",
            &["inkomen_wijziging".into(), "beeindiging".into()],
        )
        .await
        .unwrap()
        .expect("een verzoek");
    // Een tweede verzoek terwijl het eerste wacht: een melding bij de drempel (het formulier
    // houdt de invoer), geen conflict "gewijzigd door een ander".
    assert!(matches!(
        t.app.vier_ogen_inrichten(&fb, "600", &[]).await,
        Err(AppFout::Ongeldig(f)) if f.voor("drempel").is_some_and(|m| m.contains("wacht al"))
    ));
    assert!(
        !t.app
            .mutatie_voorbeeld(&o.anna, o.uitkering, &wijziging("2026-11-01", "1"))
            .await
            .unwrap()
            .vier_ogen,
        "nog niet ingericht"
    );
    assert!(matches!(
        t.app
            .beheerverzoek_beoordelen(&fb, verzoek, 1, true, "")
            .await,
        Err(AppFout::Conflict(m)) if m.contains("zelf")
    ));
    let fb2 = t.gebruiker("fb2", &[Rol::FunctioneelBeheerder]).await;
    t.app
        .beheerverzoek_beoordelen(&fb2, verzoek, 1, true, "")
        .await
        .unwrap();
    let impact = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &wijziging("2026-11-01", "1"))
        .await
        .unwrap();
    assert!(impact.vier_ogen, "soort ingericht voor vier ogen");

    // Beëindiging vraagt altijd vier ogen; na goedkeuring eindigt de uitkering.
    let (id, vier_ogen) = t
        .app
        .mutatie_registreren(
            &o.anna,
            o.uitkering,
            &MutatieInvoer {
                soort: "beeindiging".into(),
                ingangsdatum: "2026-11-15".into(),
                einde_reden: "werk".into(),
                reden: "Werk gevonden per 15 november".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(vier_ogen);
    t.app
        .mutatie_beoordelen(&o.bram, id, 1, true, "")
        .await
        .unwrap();
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b.uitkering.einddatum, Some(d("2026-11-15")));
    assert_eq!(b.uitkering.einde_reden.as_deref(), Some("werk"));
    let nov = b
        .maanden
        .iter()
        .find(|m| m.maand == d("2026-11-01"))
        .unwrap();
    // 14 van de 30 dagen van (1.419,46 − 30,00): 648,4146… → 648,41; VT 32,42 → 615,99.
    assert_eq!(nov.berekend_centen, 61599);
    o.t.opruimen().await;
}

#[tokio::test]
async fn slechte_invoer_verandert_niets() {
    let o = opzet().await;
    let t = &o.t;
    let fout = |invoer: MutatieInvoer, veld: &'static str| {
        let app = &t.app;
        let anna = &o.anna;
        let u = o.uitkering;
        async move {
            veldfout(
                app.mutatie_registreren(anna, u, &invoer).await.unwrap_err(),
                veld,
            )
        }
    };
    assert!(fout(inkomen("2024-12-01", "100"), "ingangsdatum")
        .await
        .contains("vóór de start"));
    assert!(fout(inkomen("2026-01-01", "-5"), "bedrag")
        .await
        .contains("negatief"));
    let verlaging = |procent: &str, einde: &str| MutatieInvoer {
        soort: "verlaging".into(),
        ingangsdatum: "2026-09-01".into(),
        einddatum: einde.into(),
        procent: procent.into(),
        reden: "Maatregel".into(),
        ..Default::default()
    };
    assert!(fout(verlaging("120", ""), "procent")
        .await
        .contains("1 tot en met 100"));
    assert!(fout(verlaging("10", "2026-08-01"), "einddatum")
        .await
        .contains("na de ingangsdatum"));
    assert!(fout(
        MutatieInvoer {
            reden: String::new(),
            ..inkomen("2026-01-01", "10")
        },
        "reden"
    )
    .await
    .contains("reden"));
    // Een te lange reden wordt geweigerd, niet stil ingekort.
    assert!(fout(
        MutatieInvoer {
            reden: "x".repeat(501),
            ..inkomen("2026-01-01", "10")
        },
        "reden"
    )
    .await
    .contains("500"));
    // Een adres zonder postcode: de fout staat bij het veld.
    assert!(fout(
        MutatieInvoer {
            soort: "adres".into(),
            straat: "Coolsingel".into(),
            huisnummer: "40".into(),
            woonplaats: "Rotterdam".into(),
            ..inkomen("2026-01-01", "10")
        },
        "postcode"
    )
    .await
    .contains("postcode"));
    // Een ondersteuner mag geen mutaties registreren.
    let clerk = t
        .gebruiker("olga", &[Rol::AdministratiefOndersteuner])
        .await;
    assert!(matches!(
        t.app
            .mutatie_registreren(&clerk, o.uitkering, &inkomen("2026-01-01", "10"))
            .await,
        Err(AppFout::GeenToegang)
    ));
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert!(b.mutaties.is_empty() && b.correcties.is_empty());
    // Een verlaging van 10 % voor september en oktober wordt direct verwerkt (onder de drempel).
    let (_, vier_ogen) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &verlaging("10", "2026-11-01"))
        .await
        .unwrap();
    assert!(!vier_ogen);
    o.t.opruimen().await;
}

/// Issue 6 punt 7: een nieuwe normtabel laden en alle uitkeringen herberekenen, met een
/// verschilrapport en correcties voor betaalde maanden.
#[tokio::test]
async fn herberekening_na_nieuwe_normtabel() {
    let o = opzet().await;
    let t = &o.t;
    betaald_tot_en_met_oktober(&o).await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let standaard = include_str!("../../../domain/data/normen.toml");
    // 2026-07-01: art. 21a 10,00 hoger (1.419,46 → 1.429,46): 9,50 meer uitbetaling per maand.
    let nieuw = standaard.replacen(
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 141946",
        "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 142946",
        1,
    );
    t.app
        .normen_laden(&fb, "normen.toml", &nieuw)
        .await
        .unwrap();
    assert!(matches!(
        t.app.normen_herberekenen(&o.anna, |_| {}).await,
        Err(AppFout::GeenToegang)
    ));
    let mut stappen = Vec::new();
    let r = t
        .app
        .normen_herberekenen(&fb, |n| stappen.push(n))
        .await
        .unwrap();
    assert_eq!(stappen, [1]);
    assert_eq!(
        (r.uitkeringen, r.gewijzigd, r.maanden),
        (1, 1, 5),
        "juli t/m november 2026"
    );
    assert_eq!(r.totaal, 5 * 950);
    assert_eq!(r.grootste[0].1.verschil, 950);
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        b.correcties.len(),
        4,
        "juli t/m oktober waren betaald: nabetaling"
    );
    assert!(b
        .correcties
        .iter()
        .all(|c| c.bedrag_centen == 950 && c.oorzaak == "nieuwe normtabellen"));
    // Nogmaals herberekenen verandert niets meer.
    let r = t.app.normen_herberekenen(&fb, |_| {}).await.unwrap();
    assert_eq!((r.gewijzigd, r.maanden), (0, 0));
    o.t.opruimen().await;
}

/// Partner komt en gaat (issue 6 punt 2): een nieuwe persoon in het huishouden met materiële
/// historie na goedkeuring; iemand die al in een ander huishouden zit, wordt geweigerd.
#[tokio::test]
async fn partner_komt_en_gaat() {
    let o = opzet().await;
    let t = &o.t;
    betaald_tot_en_met_oktober(&o).await;
    let partner = |ingang: &str| MutatieInvoer {
        soort: "partner_in".into(),
        ingangsdatum: ingang.into(),
        rol: "partner:gehuwd".into(),
        bsn: "100174218".into(),
        voornamen: "Sanne".into(),
        geslachtsnaam: "Jansen".into(),
        geboortedatum: "03-03-1991".into(),
        reden: "Huwelijk".into(),
        ..Default::default()
    };
    // Juni 2026: gehuwden 2.002,13 (excl. VT 1.902,02) in plaats van 1.401,50 (1.331,42).
    let impact = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &partner("2026-06-01"))
        .await
        .unwrap();
    assert_eq!(impact.maanden[0].verschil.verschil, 190202 - 133142);
    assert!(impact.vier_ogen);
    let (id, _) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &partner("2026-06-01"))
        .await
        .unwrap();
    // Nog niet goedgekeurd: het huishouden is ongewijzigd.
    let d = t.app.dossier(&o.anna, o.dossier, None, None).await.unwrap();
    assert_eq!(d.huishouden.len(), 1);
    t.app
        .mutatie_beoordelen(&o.bram, id, 1, true, "")
        .await
        .unwrap();
    let d = t
        .app
        .dossier(
            &o.anna,
            o.dossier,
            chrono::NaiveDate::from_ymd_opt(2026, 7, 1),
            None,
        )
        .await
        .unwrap();
    let rollen: Vec<String> = d.huishouden.iter().map(|h| h.rol.code()).collect();
    assert_eq!(rollen, ["aanvrager", "partner:gehuwd"]);
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b.correcties.len(), 5, "juni t/m oktober: nabetaling");
    assert!(b.correcties.iter().all(|c| c.bedrag_centen > 0));

    // Nogmaals dezelfde partner: hoort al bij dit huishouden.
    assert!(veldfout(
        t.app
            .mutatie_voorbeeld(&o.anna, o.uitkering, &partner("2026-09-01"))
            .await
            .unwrap_err(),
        "bsn"
    )
    .contains("hoort al bij dit huishouden"));
    // De aanvrager kan niet vertrekken; een onbekende ook niet.
    let uit = |bsn: &str| MutatieInvoer {
        soort: "partner_uit".into(),
        ingangsdatum: "2026-10-01".into(),
        bsn: bsn.into(),
        reden: "Uit elkaar".into(),
        ..Default::default()
    };
    assert!(veldfout(
        t.app
            .mutatie_voorbeeld(&o.anna, o.uitkering, &uit("100023757"))
            .await
            .unwrap_err(),
        "bsn"
    )
    .contains("beëindig dan de uitkering"));
    assert!(veldfout(
        t.app
            .mutatie_voorbeeld(&o.anna, o.uitkering, &uit("100419707"))
            .await
            .unwrap_err(),
        "bsn"
    )
    .contains("hoort nu niet bij dit huishouden"));
    // De partner vertrekt per 1 oktober: vanaf oktober weer alleenstaande.
    let impact = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &uit("100174218"))
        .await
        .unwrap();
    let maanden: Vec<String> = impact
        .maanden
        .iter()
        .map(|m| m.verschil.maand.format("%m").to_string())
        .collect();
    assert_eq!(maanden, ["10", "11"]);
    assert!(impact.maanden.iter().all(|m| m.verschil.verschil < 0));
    let (id, _) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &uit("100174218"))
        .await
        .unwrap();
    t.app
        .mutatie_beoordelen(&o.bram, id, 1, true, "")
        .await
        .unwrap();
    let nov = t
        .app
        .dossier(
            &o.anna,
            o.dossier,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
            None,
        )
        .await
        .unwrap();
    assert_eq!(nov.huishouden.len(), 1, "in november weer alleen");

    // Iemand uit een ander huishouden kan niet als partner komen.
    let clerk = t
        .gebruiker("olga", &[Rol::AdministratiefOndersteuner])
        .await;
    let mut ander = aanvraag();
    ander.aanvrager.bsn = "100372193".into();
    ander.aanvrager.voornamen = "Kees".into();
    t.app.aanvraag_registreren(&clerk, &ander).await.unwrap();
    let mut kees = partner("2026-11-01");
    kees.bsn = "100372193".into();
    assert!(veldfout(
        t.app
            .mutatie_registreren(&o.anna, o.uitkering, &kees)
            .await
            .unwrap_err(),
        "bsn"
    )
    .contains("andere achternaam"));
    kees.geslachtsnaam = String::new();
    assert!(veldfout(
        t.app
            .mutatie_registreren(&o.anna, o.uitkering, &kees)
            .await
            .unwrap_err(),
        "bsn"
    )
    .contains("al bij een ander huishouden"));
    o.t.opruimen().await;
}

/// Twee keer "inkomen begint" van dezelfde soort, elk op vier ogen: bij het registreren liep er
/// nog niets, maar de tweede goedkeuring zou de eerste stil vervangen. Goedkeuren gaat het
/// opnieuw na en weigert; afwijzen kan.
#[tokio::test]
async fn inkomen_op_vier_ogen_wordt_bij_goedkeuren_opnieuw_nagegaan() {
    let o = opzet().await;
    let t = &o.t;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let verzoek = t
        .app
        .vier_ogen_inrichten(&fb, "500", &["inkomen_start".into()])
        .await
        .unwrap()
        .expect("een verzoek");
    let fb2 = t.gebruiker("fb2", &[Rol::FunctioneelBeheerder]).await;
    t.app
        .beheerverzoek_beoordelen(&fb2, verzoek, 1, true, "")
        .await
        .unwrap();
    let mut ids = Vec::new();
    for bedrag in ["10", "20"] {
        let (id, vier_ogen) = t
            .app
            .mutatie_registreren(&o.anna, o.uitkering, &inkomen("2026-11-01", bedrag))
            .await
            .unwrap();
        assert!(vier_ogen);
        ids.push(id);
    }
    t.app
        .mutatie_beoordelen(&o.bram, ids[0], 1, true, "")
        .await
        .unwrap();
    let e = t
        .app
        .mutatie_beoordelen(&o.bram, ids[1], 1, true, "")
        .await
        .unwrap_err();
    assert!(
        veldfout(e, "beoordeling").contains("loopt al alimentatie van de aanvrager (€ 10,00"),
        "tweede goedkeuring"
    );
    t.app
        .mutatie_beoordelen(
            &o.bram,
            ids[1],
            1,
            false,
            "Past niet meer: wijzig het bedrag",
        )
        .await
        .unwrap();
    o.t.opruimen().await;
}

/// Issue 19, punten 3 en 5: het inkomen en de vrijlating van de partner, en art. 20 lid 3, op
/// een lopende uitkering. Elk noemt de persoon (`van`); wat niet bij die persoon past, wordt
/// geweigerd met het veld (geen partner; onder 27 geen vrijlating van onderdeel n, art. 31 lid
/// 5; art. 20 lid 3 alleen voor 18–20).
#[tokio::test]
async fn inkomen_vrijlating_en_art_20_lid_3_per_persoon() {
    let o = opzet().await;
    let t = &o.t;
    let van = |soort: &str, van: &str| MutatieInvoer {
        soort: soort.into(),
        van: van.into(),
        ..inkomen("2026-12-01", "500")
    };
    // Een alleenstaande: het inkomen van "de partner" bestaat niet.
    let e = t
        .app
        .mutatie_voorbeeld(&o.anna, o.uitkering, &van("inkomen_start", "partner"))
        .await
        .unwrap_err();
    assert!(veldfout(e, "van").contains("geen partner"));
    // De aanvrager is 36: art. 20 lid 3 past niet.
    let e = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            o.uitkering,
            &MutatieInvoer {
                geen_beroep: "ja".into(),
                ..van("geen_beroep_op_ouders", "aanvrager")
            },
        )
        .await
        .unwrap_err();
    assert!(veldfout(e, "van").contains("de aanvrager is op 01-12-2026 36 jaar"));

    // Een paar: aanvrager 36, partner 19 (art. 20 lid 1 onderdeel c: 1.347,06).
    let clerk = t
        .app
        .context_als(vangnet_testkit::persona(Rol::AdministratiefOndersteuner))
        .await
        .unwrap();
    let paar = dossier()
        .bsn("100174218")
        .ontvangen_op("2025-01-02")
        .met_partner("123456782", ("Elif", "Yılmaz"), "01-03-2007")
        .met_uitkering("2025-01-01")
        .maak(t, &clerk, &o.anna)
        .await;
    let u = paar.uitkering.unwrap();
    // Onder 27: geen vrijlating van onderdeel n voor de partner.
    let e = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            u,
            &MutatieInvoer {
                vrijlating: "arbeid".into(),
                ..van("vrijlating", "partner")
            },
        )
        .await
        .unwrap_err();
    assert!(veldfout(e, "vrijlating").contains("de partner is op 01-12-2026 19 jaar"));
    // Het inkomen van de partner: 500,00 minder bijstand in december (475,00 na de reservering).
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            u,
            &MutatieInvoer {
                inkomenssoort: "arbeid".into(),
                ..van("inkomen_start", "partner")
            },
        )
        .await
        .unwrap();
    assert_eq!(i.maanden[0].verschil.verschil, -47_500, "{:?}", i.maanden);
    let uitleg = i.uitleg_na.unwrap();
    assert!(uitleg
        .uitleg
        .iter()
        .any(|r| r.omschrijving.contains("uit arbeid van de partner")));
    // Met de vakantietoeslag van de loonstrook (40,00 per maand, art. 31 lid 4): 540,00 telt,
    // 513,00 minder bijstand na de reservering.
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            u,
            &MutatieInvoer {
                inkomenssoort: "arbeid".into(),
                vakantietoeslag_per_maand: "40".into(),
                ..van("inkomen_start", "partner")
            },
        )
        .await
        .unwrap();
    assert_eq!(i.maanden[0].verschil.verschil, -51_300, "{:?}", i.maanden);
    let e = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            u,
            &MutatieInvoer {
                inkomenssoort: "arbeid".into(),
                vakantietoeslag_per_maand: "-4".into(),
                ..van("inkomen_start", "partner")
            },
        )
        .await
        .unwrap_err();
    veldfout(e, "vakantietoeslag_per_maand");
    // Art. 20 lid 3 voor de partner van 19 in december (normtabel 2026-07-01): 1.364,32 plus
    // de verhoging, begrensd op de norm van art. 21 onderdeel b, 2.027,79 (lid 4); na de
    // reservering van 5 % (68,22 en 101,39).
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            u,
            &MutatieInvoer {
                geen_beroep: "ja".into(),
                ..van("geen_beroep_op_ouders", "partner")
            },
        )
        .await
        .unwrap();
    assert_eq!(
        i.maanden[0].verschil.verschil,
        (202779 - 10139) - (136432 - 6822),
        "{:?}",
        i.maanden
    );
    // Vroeger was een inkomen het totaal van het huishouden op naam van de aanvrager: naast
    // een lopend inkomen van dezelfde soort waarschuwt het voorbeeld voor dubbel tellen.
    let (id, vier_ogen) = t
        .app
        .mutatie_registreren(
            &o.anna,
            u,
            &MutatieInvoer {
                inkomenssoort: "arbeid".into(),
                ..van("inkomen_start", "aanvrager")
            },
        )
        .await
        .unwrap();
    if vier_ogen {
        t.app
            .mutatie_beoordelen(&o.bram, id, 1, true, "")
            .await
            .unwrap();
    }
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            u,
            &MutatieInvoer {
                inkomenssoort: "arbeid".into(),
                ingangsdatum: "2026-12-15".into(),
                ..van("inkomen_start", "partner")
            },
        )
        .await
        .unwrap();
    assert!(
        i.waarschuwingen.len() == 1 && i.waarschuwingen[0].contains("telt het dubbel"),
        "{:?}",
        i.waarschuwingen
    );
    o.t.opruimen().await;
}

/// Een maand zonder normtabel wordt nooit 0 met een vordering van wat al betaald is
/// (participatiewet-feiten.md §12): een herberekening laat haar staan. Hier december 2023, vóór
/// de eerste tabel, betaald met een oud bedrag.
#[tokio::test]
async fn een_maand_zonder_normtabel_blijft_staan() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let dos = dossier()
        .ontvangen_op("2023-12-01")
        .met_uitkering("2023-12-01")
        .maak(&t, &clerk, &anna)
        .await;
    let u = dos.uitkering.unwrap();
    let beeld = t
        .app
        .uitkering_van_dossier(&anna, dos.dossier)
        .await
        .unwrap()
        .unwrap();
    assert!(
        beeld.maanden.iter().all(|m| m.maand != d("2023-12-01")),
        "geen bedrag voor een maand zonder tabel"
    );
    assert!(beeld.maanden.iter().any(|m| m.maand == d("2024-01-01")));
    t.testdb
        .db
        .ruwe_sql(&format!(
            "INSERT INTO maandbedragen (uitkering_id, maand, berekend_centen, betaald_centen, berekend_op) \
             VALUES ({u}, '2023-12-01', 120000, 120000, '2024-01-01T00:00:00.000000Z')"
        ))
        .await
        .unwrap();
    t.app
        .mutatie_registreren(&anna, u, &inkomen("2026-11-01", "10"))
        .await
        .unwrap();
    let beeld = t
        .app
        .uitkering_van_dossier(&anna, dos.dossier)
        .await
        .unwrap()
        .unwrap();
    assert!(
        beeld.correcties.iter().all(|c| c.maand != d("2023-12-01")),
        "{:?}",
        beeld.correcties
    );
    let dec = beeld
        .maanden
        .iter()
        .find(|m| m.maand == d("2023-12-01"))
        .unwrap();
    assert_eq!(dec.berekend_centen, 120000);
    t.opruimen().await;
}

/// Een loonstrook over een periode (werkelijk inkomen).
fn loonstrook(van: &str, tot_en_met: &str, netto: &str) -> MutatieInvoer {
    MutatieInvoer {
        soort: "werkelijk_inkomen".into(),
        ingangsdatum: van.into(),
        periode_tot_en_met: tot_en_met.into(),
        inkomenssoort: "arbeid".into(),
        bedrag: netto.into(),
        bruto: "1800".into(),
        reden: "Loonstrook ingeleverd".into(),
        ..Default::default()
    }
}

/// Issue 19 punt 10; art. 32 lid 1 Pw (participatiewet-feiten.md §3 "Art 32"): een
/// vierwekenloon van 7 september tot en met 4 oktober 2026 (28 dagen, netto € 1.400) telt voor
/// 24/28 in september (€ 1.200) en 4/28 in oktober (€ 200). Beide maanden zijn betaald: de
/// correctie is dat bedrag minus de reservering van 5 % (−1.140,00 en −190,00), via het gewone
/// mutatiepad (voorbeeld, vier ogen boven de drempel, correcties).
#[tokio::test]
async fn werkelijk_inkomen_over_een_periode_met_correcties() {
    let o = opzet().await;
    let t = &o.t;
    betaald_tot_en_met_oktober(&o).await;
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            o.uitkering,
            &loonstrook("2026-09-07", "2026-10-04", "1400"),
        )
        .await
        .unwrap();
    let verschil: Vec<(chrono::NaiveDate, i64)> = i
        .maanden
        .iter()
        .map(|m| (m.verschil.maand, m.verschil.verschil))
        .collect();
    assert_eq!(
        verschil,
        [(d("2026-09-01"), -114_000), (d("2026-10-01"), -19_000)]
    );
    assert!(i.vier_ogen, "€ 1.330 te veel betaald: boven de drempel");
    assert!(i.uitleg_na.unwrap().uitleg.iter().any(|r| r
        .omschrijving
        .contains("werkelijk ontvangen over 07-09-2026 tot en met 04-10-2026")));
    let (id, _) = t
        .app
        .mutatie_registreren(
            &o.anna,
            o.uitkering,
            &loonstrook("2026-09-07", "2026-10-04", "1400"),
        )
        .await
        .unwrap();
    t.app
        .mutatie_beoordelen(&o.bram, id, 1, true, "")
        .await
        .unwrap();
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    let mut correcties: Vec<i64> = b
        .correcties
        .iter()
        .map(|c| c.bedrag_centen.centen())
        .collect();
    correcties.sort_unstable();
    assert_eq!(correcties, [-114_000, -19_000]);
    // Dezelfde loonstrook nog eens, nu met € 1.120: vervangt de vorige (september +€ 228,00
    // terug na de reservering: 240 × 0,95).
    let i = t
        .app
        .mutatie_voorbeeld(
            &o.anna,
            o.uitkering,
            &loonstrook("2026-09-07", "2026-10-04", "1120"),
        )
        .await
        .unwrap();
    assert_eq!(i.maanden[0].verschil.verschil, 22_800, "{:?}", i.maanden);
    o.t.opruimen().await;
}

/// Slechte invoer bij werkelijk inkomen: een melding bij het veld, niets opgeslagen.
#[tokio::test]
async fn werkelijk_inkomen_slechte_invoer() {
    let o = opzet().await;
    let t = &o.t;
    let goed = loonstrook("2026-09-07", "2026-10-04", "1400");
    let gevallen: Vec<(MutatieInvoer, &str, &str)> = vec![
        (
            MutatieInvoer {
                periode_tot_en_met: "".into(),
                ..goed.clone()
            },
            "periode_tot_en_met",
            "",
        ),
        (
            MutatieInvoer {
                periode_tot_en_met: "2026-09-01".into(),
                ..goed.clone()
            },
            "periode_tot_en_met",
            "vóór de ingangsdatum",
        ),
        (
            MutatieInvoer {
                ingangsdatum: "2024-11-01".into(),
                periode_tot_en_met: "2024-11-30".into(),
                ..goed.clone()
            },
            "periode_tot_en_met",
            "vóór de start van de uitkering",
        ),
        (
            MutatieInvoer {
                bruto: "1200".into(),
                ..goed.clone()
            },
            "bruto",
            "lager dan het nettobedrag",
        ),
        (
            MutatieInvoer {
                einddatum: "2026-10-05".into(),
                ..goed.clone()
            },
            "einddatum",
            "Laat de einddatum leeg",
        ),
        (
            MutatieInvoer {
                ingangsdatum: "2026-12-01".into(),
                periode_tot_en_met: "2026-12-31".into(),
                ..goed.clone()
            },
            "ingangsdatum",
            "al is begonnen",
        ),
        (
            MutatieInvoer {
                van: "partner".into(),
                ..goed.clone()
            },
            "van",
            "geen partner",
        ),
        (
            MutatieInvoer {
                vakantietoeslag_per_maand: "-5".into(),
                ..goed.clone()
            },
            "vakantietoeslag_per_maand",
            "",
        ),
    ];
    for (invoer, veld, tekst) in gevallen {
        let e = t
            .app
            .mutatie_registreren(&o.anna, o.uitkering, &invoer)
            .await
            .unwrap_err();
        let melding = veldfout(e, veld);
        assert!(melding.contains(tekst), "{veld}: {melding}");
    }
    let b = t
        .app
        .uitkering_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap()
        .unwrap();
    assert!(b.mutaties.is_empty());
    o.t.opruimen().await;
}

/// Issue 20 punt 7: het einde van de uitkering op het dossier volgt uit de goedgekeurde
/// mutaties zoals de berekening het ziet: de vroegste beëindiging die niet is gecorrigeerd.
#[tokio::test]
async fn het_einde_volgt_uit_de_mutaties() {
    let o = opzet().await;
    let t = &o.t;
    let beeindig = |ingang: &str, reden: &str| MutatieInvoer {
        soort: "beeindiging".into(),
        ingangsdatum: ingang.into(),
        einde_reden: reden.into(),
        reden: "Einde".into(),
        ..Default::default()
    };
    let (app, bram) = (&t.app, &o.bram);
    let goed = |id: i64| async move {
        app.mutatie_beoordelen(bram, id, 1, true, "").await.unwrap();
    };
    let einde = || async {
        let b = t
            .app
            .uitkering_van_dossier(&o.anna, o.dossier)
            .await
            .unwrap()
            .unwrap();
        (b.uitkering.einddatum, b.uitkering.einde_reden)
    };
    let (eerste, _) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &beeindig("2026-12-01", "werk"))
        .await
        .unwrap();
    goed(eerste).await;
    assert_eq!(einde().await, (Some(d("2026-12-01")), Some("werk".into())));
    let (tweede, _) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &beeindig("2027-01-01", "verhuisd"))
        .await
        .unwrap();
    goed(tweede).await;
    assert_eq!(
        einde().await,
        (Some(d("2026-12-01")), Some("werk".into())),
        "de vroegste beëindiging geldt, zoals in de berekening"
    );
    let correctie = |id: i64| MutatieInvoer {
        soort: "correctie".into(),
        corrigeert: Some(id),
        ingangsdatum: "2026-12-01".into(),
        reden: "Onjuist".into(),
        ..Default::default()
    };
    let (c, vier_ogen) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &correctie(eerste))
        .await
        .unwrap();
    if vier_ogen {
        goed(c).await;
    }
    assert_eq!(
        einde().await,
        (Some(d("2027-01-01")), Some("verhuisd".into()))
    );
    let (c, vier_ogen) = t
        .app
        .mutatie_registreren(&o.anna, o.uitkering, &correctie(tweede))
        .await
        .unwrap();
    if vier_ogen {
        goed(c).await;
    }
    assert_eq!(einde().await, (None, None));
    o.t.opruimen().await;
}
