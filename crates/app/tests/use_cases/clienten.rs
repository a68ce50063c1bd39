//! Aanvragen registreren, het huishouden op een datum, zoeken en het toegangslog — op SQLite of
//! PostgreSQL (`VANGNET_TEST_DATABASE_URL`).

use chrono::{Duration, NaiveDate};
use vangnet_app::clienten::{LidInvoer, NieuweAanvraag, PersoonInvoer};
use vangnet_app::opslag::ToegangFilter;
use vangnet_app::{AppFout, Context, Klok};
use vangnet_domain::Rol;
use vangnet_testkit::TestApp;

fn persoon(
    bsn: &str,
    voornamen: &str,
    voorvoegsel: &str,
    achternaam: &str,
    geboren: &str,
) -> PersoonInvoer {
    PersoonInvoer {
        bsn: bsn.into(),
        voornamen: voornamen.into(),
        voorvoegsel: voorvoegsel.into(),
        geslachtsnaam: achternaam.into(),
        geboortedatum: geboren.into(),
    }
}

fn alleenstaande() -> NieuweAanvraag {
    NieuweAanvraag {
        ontvangen_op: "02-11-2026".into(),
        gemeld_op: String::new(),
        aanvrager: persoon("999993653", "Fatima", "", "El Amrani", "14-03-1990"),
        straat: "Coolsingel".into(),
        huisnummer: "40".into(),
        huisletter: "a".into(),
        toevoeging: "".into(),
        postcode: "3011ad".into(),
        woonplaats: "Rotterdam".into(),
        iban: "NL91 ABNA 0417 1643 00".into(),
        team: "".into(),
        leden: vec![],
    }
}

fn gezin() -> NieuweAanvraag {
    NieuweAanvraag {
        ontvangen_op: "2026-11-16".into(),
        gemeld_op: String::new(),
        aanvrager: persoon("111222333", "Jan Pieter", "de", "Vries", "01-05-1985"),
        straat: "Zwaanshals".into(),
        huisnummer: "12".into(),
        huisletter: "".into(),
        toevoeging: "bis".into(),
        postcode: "3035 KS".into(),
        woonplaats: "Rotterdam".into(),
        iban: "".into(),
        team: "".into(),
        leden: vec![
            LidInvoer {
                persoon: persoon("123456782", "Ëlif", "", "Yılmaz", "20-07-1987"),
                rol: "partner:gehuwd".into(),
            },
            LidInvoer {
                persoon: persoon("100000009", "Noor", "de", "Vries", "03-09-2015"),
                rol: "kind".into(),
            },
            LidInvoer {
                persoon: persoon("100000010", "Henk", "", "Bakker", "11-11-1958"),
                rol: "medebewoner:familie".into(),
            },
        ],
    }
}

fn ctx(c: &Context) -> Context {
    Context::nieuw(c.actor.clone(), vangnet_app::geheim::operatie_id())
}

#[tokio::test]
async fn registreren_vinden_en_het_huishouden_op_een_datum() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let (d1, n1) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &alleenstaande())
        .await
        .unwrap();
    assert_eq!(n1.as_str(), "2026-000001");
    t.klok.verzet(Duration::days(14));
    let (d2, n2) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &gezin())
        .await
        .unwrap();
    assert_eq!(n2.as_str(), "2026-000002");

    let dossier = t.app.dossier(&ctx(&clerk), d2, None, None).await.unwrap();
    assert_eq!(dossier.statusnaam, "Ontvangen");
    let rollen: Vec<(&str, String, Option<i32>)> = dossier
        .huishouden
        .iter()
        .map(|h| (h.persoon.weergavenaam.as_str(), h.rol.code(), h.leeftijd))
        .collect();
    assert_eq!(
        rollen,
        [
            ("J.P. de Vries", "aanvrager".to_owned(), Some(41)),
            ("Ë. Yılmaz", "partner:gehuwd".to_owned(), Some(39)),
            ("N. de Vries", "kind".to_owned(), Some(11)),
            ("H. Bakker", "medebewoner:familie".to_owned(), Some(68)),
        ]
    );
    assert_eq!(
        dossier.huishouden[0].persoon.adres.as_deref(),
        Some("Zwaanshals 12-BIS, 3035 KS Rotterdam")
    );
    let termijnen = dossier.termijnen.unwrap();
    assert_eq!(
        termijnen.beslissen,
        NaiveDate::from_ymd_opt(2027, 1, 11).unwrap()
    );
    assert_eq!(
        termijnen.voorschot,
        NaiveDate::from_ymd_opt(2026, 12, 14).unwrap()
    );
    assert_eq!(dossier.tijdlijn.len(), 2, "geregistreerd en verdeeld");
    assert!(dossier
        .tijdlijn
        .iter()
        .any(|g| g.omschrijving.contains("huishouden van 4 personen")));
    assert!(dossier
        .tijdlijn
        .iter()
        .any(|g| g.omschrijving == "Geen team voor postcode 3035KS"));

    // Het huishouden op een eerdere datum: vóór de ontvangst bestond het voor Vangnet niet.
    let eerder = t
        .app
        .dossier(
            &ctx(&clerk),
            d2,
            NaiveDate::from_ymd_opt(2026, 11, 15),
            None,
        )
        .await
        .unwrap();
    assert!(eerder.huishouden.is_empty());
    // En zoals bekend vóór de registratie: ook leeg.
    let toen = t
        .app
        .dossier(
            &ctx(&clerk),
            d2,
            None,
            Some(t.klok.nu() - Duration::hours(1)),
        )
        .await
        .unwrap();
    assert!(toen.huishouden.is_empty());

    // Elke zoeksleutel vindt de juiste persoon.
    let zoek = |q: &'static str| {
        let app = t.app.clone();
        let c = ctx(&clerk);
        async move {
            app.zoeken(&c, q)
                .await
                .unwrap()
                .into_iter()
                .map(|t| t.naam)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(zoek("999993653").await, ["El Amrani, F."]);
    assert_eq!(zoek("111.222.333").await, ["Vries, J.P. de"]);
    assert_eq!(zoek("2026-000001").await, ["El Amrani, F."]);
    assert_eq!(
        zoek("2026-2").await,
        ["Bakker, H.", "Vries, J.P. de", "Vries, N. de", "Yılmaz, Ë."]
    );
    assert_eq!(
        zoek("vries").await,
        ["Vries, J.P. de", "Vries, N. de"],
        "zonder voorvoegsel"
    );
    assert_eq!(
        zoek("De Vr").await,
        ["Vries, J.P. de", "Vries, N. de"],
        "met voorvoegsel"
    );
    assert_eq!(
        zoek("elif").await,
        Vec::<String>::new(),
        "zoeken is op achternaam"
    );
    assert_eq!(zoek("yilmaz").await, ["Yılmaz, Ë."], "zonder accenten");
    assert_eq!(
        zoek("EL AM").await,
        ["El Amrani, F."],
        "zonder hoofdletters"
    );
    // Issue 21 punt 9: een deel van een samengestelde achternaam.
    assert_eq!(zoek("amrani").await, ["El Amrani, F."], "deel van de naam");
    assert_eq!(zoek("14-03-1990").await, ["El Amrani, F."]);
    assert_eq!(
        zoek("3035KS 12").await,
        ["Bakker, H.", "Vries, J.P. de", "Vries, N. de", "Yılmaz, Ë."]
    );
    assert_eq!(zoek("3011 AD 40").await, ["El Amrani, F."]);
    assert_eq!(zoek("3011 AD 41").await, Vec::<String>::new());
    let treffer = &t.app.zoeken(&ctx(&clerk), "El Amrani").await.unwrap()[0];
    assert_eq!(
        treffer.bsn_gemaskeerd, "*****3653",
        "zoekresultaten tonen niet het hele BSN"
    );
    assert_eq!(treffer.dossiers, [(d1, n1.to_string(), "Ontvangen")]);

    // Zoeken en inzien staan in het toegangslog, één regel per persoon.
    let auditor = t.persona(Rol::Auditor).await;
    let p = t
        .app
        .toegang_zoeken(
            &auditor,
            &ToegangFilter {
                betrokkene_type: Some("persoon".into()),
                ..Default::default()
            },
            500,
            0,
        )
        .await
        .unwrap();
    assert!(p
        .regels
        .iter()
        .any(|r| r.omschrijving == "Dossier 2026-000002 ingezien"));
    assert!(p
        .regels
        .iter()
        .any(|r| r.omschrijving == "Gevonden bij zoeken"));
    assert!(p
        .regels
        .iter()
        .all(|r| r.verwerkingsactiviteit == "urn:vangnet:verwerking:bijstandsverlening:1"));
    t.opruimen().await;
}

#[tokio::test]
async fn slechte_invoer_wordt_per_veld_geweigerd_en_er_wordt_niets_half_opgeslagen() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::Inkomensconsulent).await;
    let mut a = gezin();
    a.ontvangen_op = "31-02-2026".into();
    a.aanvrager.bsn = "123456781".into();
    a.postcode = "0123 AB".into();
    a.iban = "NL91ABNA0417164301".into();
    a.huisnummer = "x".into();
    a.leden[0].rol = "buurman".into();
    a.leden[1].persoon.geboortedatum = "01-01-2030".into();
    let AppFout::Ongeldig(f) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &a)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    for veld in [
        "ontvangen_op",
        "aanvrager.bsn",
        "postcode",
        "iban",
        "huisnummer",
        "lid1.rol",
        "lid2.geboortedatum",
    ] {
        assert!(
            f.voor(veld).is_some(),
            "{veld} zou een fout moeten hebben: {f:?}"
        );
    }
    assert_eq!(
        f.voor("lid2.geboortedatum"),
        Some("De geboortedatum ligt in de toekomst.")
    );

    let mut twee_partners = gezin();
    twee_partners.leden[1].rol = "partner:gezamenlijke_huishouding".into();
    let AppFout::Ongeldig(f) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &twee_partners)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        f.voor("lid1.rol"),
        Some("Een huishouden heeft hoogstens één partner.")
    );

    let mut onbekend_team = gezin();
    onbekend_team.team = "Atlantis".into();
    let AppFout::Ongeldig(f) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &onbekend_team)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(f.voor("team"), Some("Er is geen team 'Atlantis'."));

    let mut dubbel = gezin();
    dubbel.leden[2].persoon.bsn = "111222333".into();
    let AppFout::Ongeldig(f) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &dubbel)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        f.voor("lid3.bsn"),
        Some("BSN 111222333 staat twee keer in deze aanvraag.")
    );

    // Niets opgeslagen: het BSN is nog onbekend.
    assert!(t
        .app
        .persoon_op_bsn(&ctx(&clerk), "111222333")
        .await
        .unwrap()
        .is_none());

    // Eerst goed registreren; dan kan dezelfde persoon niet in een tweede huishouden.
    t.app
        .aanvraag_registreren(&ctx(&clerk), &gezin())
        .await
        .unwrap();
    let mut nog_eens = alleenstaande();
    nog_eens.aanvrager = persoon("123456782", "", "", "", "20-07-1987");
    let AppFout::Ongeldig(f) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &nog_eens)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    let fout = f.0.iter().find(|v| v.veld == "aanvrager.bsn").unwrap();
    assert!(
        fout.melding.contains("al bij een ander huishouden"),
        "{}",
        fout.melding
    );
    assert!(fout.link.as_deref().unwrap().starts_with("/personen/"));

    // Een bestaand BSN met een andere naam: geweigerd, met een link naar de bestaande persoon.
    let mut ander = alleenstaande();
    ander.aanvrager = persoon("100000010", "Piet", "", "Jansen", "11-11-1958");
    let AppFout::Ongeldig(f) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &ander)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    let fout =
        f.0.iter()
            .find(|v| v.veld == "aanvrager.bsn" && v.melding.starts_with("Er is al een persoon"))
            .unwrap();
    assert!(fout.melding.contains("H. Bakker"), "{}", fout.melding);
    assert!(fout.link.is_some());
    assert!(
        t.app
            .persoon_op_bsn(&ctx(&clerk), "999993653")
            .await
            .unwrap()
            .is_none(),
        "niets half opgeslagen"
    );
    t.opruimen().await;
}

#[tokio::test]
async fn een_bekende_persoon_wordt_hergebruikt_en_zijn_oude_adres_eindigt() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let (d1, _) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &alleenstaande())
        .await
        .unwrap();
    // Het huishouden eindigt (nog geen mutatie-use-case: via de opslag, zoals issue 6 het zal doen).
    let mut tx = vangnet_app::Opslag::schrijf(t.app.opslag.as_ref())
        .await
        .unwrap();
    let dossier = tx.dossier_op_id(d1).await.unwrap().unwrap();
    let lid = tx
        .huishoudleden_van_huishouden(dossier.huishouden_id)
        .await
        .unwrap()
        .remove(0);
    let moment = vangnet_domain::tijd::instant_uit_tekst("2026-11-28T10:30:00Z").unwrap();
    tx.versie_laten_vervallen(
        vangnet_app::opslag::Historietabel::Huishoudleden,
        lid.id,
        moment,
    )
    .await
    .unwrap();
    let mut afgesloten = lid.clone();
    afgesloten.historie.geldig_tot = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
    afgesloten.historie.geregistreerd_op = moment;
    tx.huishoudlid_invoegen(&afgesloten).await.unwrap();
    tx.commit().await.unwrap();
    t.klok.verzet(Duration::hours(1));

    let mut nieuw = alleenstaande();
    nieuw.ontvangen_op = "20-11-2026".into();
    nieuw.aanvrager = persoon("999993653", "", "", "", "");
    nieuw.straat = "Blaak".into();
    nieuw.huisnummer = "8".into();
    nieuw.huisletter = "".into();
    nieuw.postcode = "3011 TA".into();
    let (d2, _) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &nieuw)
        .await
        .unwrap();
    let (persoon, dossiers) = t
        .app
        .persoon(
            &ctx(&clerk),
            t.app
                .dossier(&ctx(&clerk), d2, None, None)
                .await
                .unwrap()
                .dossier
                .client_id,
        )
        .await
        .unwrap();
    assert_eq!(
        persoon.weergavenaam, "F. El Amrani",
        "de bekende gegevens bleven"
    );
    assert_eq!(persoon.adres.as_deref(), Some("Blaak 8, 3011 TA Rotterdam"));
    assert_eq!(dossiers.len(), 2);
    let oud = t
        .app
        .dossier(
            &ctx(&clerk),
            d1,
            NaiveDate::from_ymd_opt(2026, 11, 10),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        oud.huishouden[0].persoon.adres.as_deref(),
        Some("Coolsingel 40A, 3011 AD Rotterdam"),
        "het oude adres op een oude datum"
    );
    t.opruimen().await;
}

#[tokio::test]
async fn alleen_wie_het_mag() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let auditor = t.persona(Rol::Auditor).await;
    let tl = t.persona(Rol::Teamleider).await;
    for c in [&fb, &auditor] {
        assert!(matches!(
            t.app.zoeken(c, "vries").await,
            Err(AppFout::GeenToegang)
        ));
        assert!(matches!(
            t.app.aanvraag_registreren(c, &alleenstaande()).await,
            Err(AppFout::GeenToegang)
        ));
    }
    assert!(t.app.zoeken(&tl, "vries").await.unwrap().is_empty());
    assert!(matches!(
        t.app.aanvraag_registreren(&tl, &alleenstaande()).await,
        Err(AppFout::GeenToegang)
    ));
    assert!(matches!(
        t.app.zoeken(&tl, "v").await,
        Err(AppFout::Ongeldig(_))
    ));
    t.opruimen().await;
}

#[tokio::test]
async fn demopopulatie_laden_is_deterministisch_en_bruikbaar() {
    let t = TestApp::nieuw().await;
    let uit = t.app.demo_laden(300, 7, |_, _| {}).await.unwrap();
    assert_eq!(uit.huishoudens, 300);
    assert_eq!(uit.dossiers, 300);
    assert!(uit.personen > 400, "{uit:?}");
    assert!(t.app.is_demo().await.unwrap());
    // Een tweede keer kan niet: de database is niet leeg.
    assert!(matches!(
        t.app.demo_laden(1, 7, |_, _| {}).await,
        Err(AppFout::Conflict(_))
    ));
    // De demo-accounts werken met het demowachtwoord.
    for (naam, _, _) in vangnet_app::demo::DEMO_ACCOUNTS {
        let s = t
            .app
            .inloggen("op", naam, vangnet_app::demo::DEMO_WACHTWOORD, "ip")
            .await
            .unwrap();
        assert!(!s.moet_wachtwoord_wijzigen, "{naam}");
    }
    // Na bulkinvoer met eigen ids gaat gewoon registreren door (reeksen en nummers kloppen).
    let clerk = t
        .gebruiker("balie", &[Rol::AdministratiefOndersteuner])
        .await;
    let mut a = alleenstaande();
    a.aanvrager.bsn = "999993653".into();
    let (id, nummer) = t.app.aanvraag_registreren(&ctx(&clerk), &a).await.unwrap();
    assert!(id > 300, "{id}");
    let jaar_nummers = t.app.zoeken(&ctx(&clerk), "999993653").await.unwrap();
    assert_eq!(jaar_nummers[0].dossiers[0].1, nummer.to_string());
    assert!(nummer.as_str() > "2026-000000");
    // Zoeken vindt demopersonen; de audittrail is intact.
    assert!(!t.app.zoeken(&ctx(&clerk), "jan").await.unwrap().is_empty());
    let auditor = t.gebruiker("controleur", &[Rol::Auditor]).await;
    assert!(matches!(
        t.app.audit_controleren(&auditor).await.unwrap(),
        vangnet_app::audit::KetenUitslag::Intact { .. }
    ));

    // Contact: een deel van de cliënten belde al; een terugbeltaak heeft haar telefoontje.
    let systeem = TestApp::systeem();
    assert!(!t
        .app
        .contactmomenten_zoeken(&systeem, "loonstrook", None)
        .await
        .unwrap()
        .contactmomenten
        .is_empty());
    let terugbellen = t
        .app
        .contactmomenten_zoeken(&systeem, "graag terugbellen", None)
        .await
        .unwrap()
        .contactmomenten;
    let eerste = terugbellen.first().expect("demo heeft terugbelverzoeken");
    let taak = eerste.rij.taak_id.expect("met een taak");
    assert!(eerste.rij.telefoonnummer.is_some());
    let (rij, _, _) = t.app.terugbelverzoek(&systeem, taak).await.unwrap();
    assert_eq!(rij.soort, vangnet_domain::werk::Taaksoort::Terugbellen);
    assert_eq!(rij.dossier_id, eerste.rij.dossier_id);

    // Niemand hoort bij een huishouden vóór zijn geboorte (issue 17, punt 14): een kind dat na de
    // aanvraag geboren is, hoort er vanaf zijn geboorte bij.
    let mut kinderen_later_geboren = 0;
    for huishouden in 1..=300 {
        for lid in t
            .app
            .huishouden(&systeem, huishouden, None, None)
            .await
            .unwrap()
        {
            let geboren = lid
                .persoon
                .geboortedatum
                .expect("demo heeft geboortedatums");
            assert!(
                lid.geldig.vanaf >= geboren,
                "huishouden {huishouden}: {} lid vanaf {} maar geboren {geboren}",
                lid.rol.code(),
                lid.geldig.vanaf
            );
            kinderen_later_geboren += usize::from(lid.geldig.vanaf == geboren);
        }
    }
    assert!(
        kinderen_later_geboren > 0,
        "de demo heeft kinderen die na de aanvraag geboren zijn"
    );

    // Hetzelfde zaad geeft dezelfde bevolking.
    let t2 = TestApp::nieuw().await;
    t2.app.demo_laden(300, 7, |_, _| {}).await.unwrap();
    let namen = |app: vangnet_app::App| async move {
        let (p, _) = app.persoon(&TestApp::systeem(), 123).await.unwrap();
        (p.bsn, p.weergavenaam, p.geboortedatum, p.adres, p.iban)
    };
    assert_eq!(namen(t.app.clone()).await, namen(t2.app.clone()).await);
    t.opruimen().await;
    t2.opruimen().await;
}

#[tokio::test]
async fn persoon_wijzigen_met_historie_en_zonder_verloren_wijzigingen() {
    use vangnet_app::clienten::PersoonWijziging;
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let (dossier, _) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &alleenstaande())
        .await
        .unwrap();
    let id = t
        .app
        .dossier(&ctx(&clerk), dossier, None, None)
        .await
        .unwrap()
        .dossier
        .client_id;
    let (voor, _) = t.app.persoon(&ctx(&clerk), id).await.unwrap();
    let voor_correctie = t.klok.nu();
    t.klok.verzet(Duration::hours(1));
    let wijziging = |versie: i64, achternaam: &str| PersoonWijziging {
        versie,
        voornamen: "Fatima".into(),
        voorvoegsel: "".into(),
        geslachtsnaam: achternaam.into(),
        geboortedatum: "14-03-1990".into(),
        iban: "".into(),
        iban_vanaf: "".into(),
        reden: "Typefout bij registratie".into(),
    };
    // Twee medewerkers openen dezelfde versie; de tweede krijgt een conflict.
    t.app
        .persoon_wijzigen(&ctx(&clerk), id, &wijziging(voor.versie, "El-Amrani"))
        .await
        .unwrap();
    let fout = t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &wijziging(voor.versie, "Amrani"))
        .await
        .unwrap_err();
    assert!(
        matches!(&fout, AppFout::Verouderd(m) if m.contains("intussen gewijzigd")),
        "{fout:?}"
    );
    let (na, _) = t.app.persoon(&ctx(&clerk), id).await.unwrap();
    assert_eq!(na.weergavenaam, "F. El-Amrani");
    assert_eq!(na.versie, voor.versie + 1);
    // Formele historie: zoals bekend vóór de correctie heette ze nog El Amrani.
    let toen = t
        .app
        .dossier(&ctx(&clerk), dossier, None, Some(voor_correctie))
        .await
        .unwrap();
    assert_eq!(toen.huishouden[0].persoon.weergavenaam, "F. El Amrani");
    assert_eq!(
        t.app.zoeken(&ctx(&clerk), "el-am").await.unwrap().len(),
        1,
        "de nieuwe naam is vindbaar"
    );
    assert!(
        t.app
            .zoeken(&ctx(&clerk), "el am")
            .await
            .unwrap()
            .is_empty(),
        "de oude niet meer"
    );

    // Een nieuwe rekening per 1 december: de oude eindigt daar; een datum vóór het begin van de
    // huidige rekening overlapt en wordt geweigerd, zonder iets op te slaan.
    let mut rekening = wijziging(na.versie, "El-Amrani");
    rekening.iban = "NL20INGB0001234567".into();
    rekening.iban_vanaf = "01-10-2026".into();
    let AppFout::Ongeldig(f) = t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &rekening)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert!(f.voor("iban_vanaf").unwrap().contains("overlapt"), "{f:?}");
    assert_eq!(
        t.app.persoon(&ctx(&clerk), id).await.unwrap().0.versie,
        na.versie,
        "niets opgeslagen"
    );
    rekening.iban_vanaf = "01-12-2026".into();
    let verzoek = t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &rekening)
        .await
        .unwrap()
        .rekening_ter_beoordeling
        .expect("een nieuwe rekening wacht op vier ogen");
    let consulent = t.persona(Rol::Inkomensconsulent).await;
    t.app
        .rekeningwijziging_beoordelen(&consulent, verzoek, 1, true, "")
        .await
        .unwrap();
    let op = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let nov = t
        .app
        .dossier(&ctx(&clerk), dossier, op("2026-11-30"), None)
        .await
        .unwrap();
    let dec = t
        .app
        .dossier(&ctx(&clerk), dossier, op("2026-12-01"), None)
        .await
        .unwrap();
    assert_eq!(
        nov.huishouden[0].persoon.iban.as_deref(),
        Some("NL91ABNA0417164300")
    );
    assert_eq!(
        dec.huishouden[0].persoon.iban.as_deref(),
        Some("NL20INGB0001234567")
    );

    // Slechte invoer en rechten.
    let mut slecht = wijziging(na.versie + 1, "");
    slecht.reden = "".into();
    slecht.iban = "NL00".into();
    let AppFout::Ongeldig(f) = t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &slecht)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    for veld in ["geslachtsnaam", "reden", "iban"] {
        assert!(f.voor(veld).is_some(), "{veld}: {f:?}");
    }
    let tl = t.persona(Rol::Teamleider).await;
    assert!(matches!(
        t.app
            .persoon_wijzigen(&tl, id, &wijziging(na.versie + 1, "X"))
            .await,
        Err(AppFout::GeenToegang)
    ));
    t.opruimen().await;
}

/// Issue 21 punt 4: een nieuwe bankrekening is werk voor vier ogen. Het verzoek verandert nog
/// niets; wie het vroeg, beoordeelt het niet; afwijzen vraagt een reden en laat de oude rekening;
/// goedkeuren zet de nieuwe per de gevraagde dag en maakt een brieftaak naar het bekende adres.
#[tokio::test]
async fn nieuwe_bankrekening_met_vier_ogen() {
    use vangnet_app::clienten::PersoonWijziging;
    use vangnet_domain::werk::{Taaksoort, Taakstatus};
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    let (dossier, _) = t
        .app
        .aanvraag_registreren(&ctx(&clerk), &alleenstaande())
        .await
        .unwrap();
    let id = t
        .app
        .dossier(&ctx(&clerk), dossier, None, None)
        .await
        .unwrap()
        .dossier
        .client_id;
    let iban_op = |dag: &str| {
        let t = &t;
        let clerk = ctx(&clerk);
        let dag = NaiveDate::parse_from_str(dag, "%Y-%m-%d").ok();
        async move {
            t.app
                .dossier(&clerk, dossier, dag, None)
                .await
                .unwrap()
                .huishouden[0]
                .persoon
                .iban
                .clone()
        }
    };
    let verzoek = |versie: i64, iban: &str| PersoonWijziging {
        versie,
        voornamen: "Fatima".into(),
        voorvoegsel: "".into(),
        geslachtsnaam: "El Amrani".into(),
        geboortedatum: "14-03-1990".into(),
        iban: iban.into(),
        iban_vanaf: "01-12-2026".into(),
        reden: "Nieuwe bankpas getoond".into(),
    };
    let versie = t.app.persoon(&ctx(&clerk), id).await.unwrap().0.versie;
    let eerste = t
        .app
        .persoon_wijzigen(&ctx(&anna), id, &verzoek(versie, "NL20INGB0001234567"))
        .await
        .unwrap()
        .rekening_ter_beoordeling
        .unwrap();
    // Nog niets veranderd; een tweede verzoek terwijl dit openstaat, wordt geweigerd.
    assert_eq!(
        iban_op("2026-12-05").await.as_deref(),
        Some("NL91ABNA0417164300")
    );
    let versie = t.app.persoon(&ctx(&clerk), id).await.unwrap().0.versie;
    match t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &verzoek(versie, "NL02ABNA0123456789"))
        .await
    {
        Err(AppFout::Ongeldig(f)) => assert!(f.voor("iban").unwrap().contains("wacht al")),
        r => panic!("{r:?}"),
    }
    let taken = t
        .app
        .taken_van_dossier(&ctx(&clerk), dossier)
        .await
        .unwrap();
    assert!(taken.iter().any(|r| r.taak.soort == Taaksoort::Goedkeuring
        && r.taak.status != Taakstatus::Gereed
        && r.taak.omschrijving.contains("NL20…4567")));
    // Wie het vroeg, beoordeelt het niet; de lijst zegt het.
    let open = t.app.rekeningwijzigingen_open(&anna).await.unwrap();
    assert_eq!(open.len(), 1);
    assert!(!open[0].mag_beoordelen);
    assert_eq!(open[0].huidige_iban.as_deref(), Some("NL91ABNA0417164300"));
    match t
        .app
        .rekeningwijziging_beoordelen(&anna, eerste, 1, true, "")
        .await
    {
        Err(AppFout::Conflict(m)) => assert!(m.contains("zelf"), "{m}"),
        r => panic!("{r:?}"),
    }
    // Een ondersteuner beoordeelt niet; afwijzen zonder reden ook niet.
    assert!(matches!(
        t.app
            .rekeningwijziging_beoordelen(&ctx(&clerk), eerste, 1, true, "")
            .await,
        Err(AppFout::GeenToegang)
    ));
    assert!(matches!(
        t.app
            .rekeningwijziging_beoordelen(&bram, eerste, 1, false, " ")
            .await,
        Err(AppFout::Ongeldig(_))
    ));
    t.app
        .rekeningwijziging_beoordelen(
            &bram,
            eerste,
            1,
            false,
            "Bankpas niet op naam van de cliënt",
        )
        .await
        .unwrap();
    assert_eq!(
        iban_op("2026-12-05").await.as_deref(),
        Some("NL91ABNA0417164300")
    );
    // Opnieuw, nu door de ondersteuner gevraagd en door Anna goedgekeurd.
    let versie = t.app.persoon(&ctx(&clerk), id).await.unwrap().0.versie;
    let tweede = t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &verzoek(versie, "NL20INGB0001234567"))
        .await
        .unwrap()
        .rekening_ter_beoordeling
        .unwrap();
    t.app
        .rekeningwijziging_beoordelen(&anna, tweede, 1, true, "")
        .await
        .unwrap();
    assert_eq!(
        iban_op("2026-11-30").await.as_deref(),
        Some("NL91ABNA0417164300")
    );
    assert_eq!(
        iban_op("2026-12-01").await.as_deref(),
        Some("NL20INGB0001234567")
    );
    assert!(t
        .app
        .rekeningwijzigingen_open(&anna)
        .await
        .unwrap()
        .is_empty());
    let taken = t
        .app
        .taken_van_dossier(&ctx(&clerk), dossier)
        .await
        .unwrap();
    let brief = taken
        .iter()
        .find(|r| r.taak.soort == Taaksoort::Brief)
        .expect("een brieftaak");
    // De taak noemt geen naam, adres of volledig IBAN (takenlijsten worden niet gelogd); de
    // brief zelf, met het adres bij het verzoek, staat bij het verzoek (dat wel).
    let o = &brief.taak.omschrijving;
    assert!(
        o.contains("NL20…4567")
            && o.contains(&format!("/rekeningen/{tweede}"))
            && !o.contains("INGB0001234567")
            && !o.contains("Coolsingel")
            && !o.contains("Fatima"),
        "{o}"
    );
    let (_, tekst) = t.app.rekeningwijziging(&anna, tweede).await.unwrap();
    assert!(
        tekst.contains("Coolsingel 40A, 3011AD Rotterdam") && tekst.contains("NL20…4567"),
        "{tekst}"
    );
    // Naam en rekening tegelijk wijzigen kan niet (de beoordelaar zag dan een net veranderde
    // tenaamstelling).
    let versie = t.app.persoon(&ctx(&clerk), id).await.unwrap().0.versie;
    let mut beide = verzoek(versie, "NL02ABNA0123456789");
    beide.geslachtsnaam = "El-Amrani".into();
    beide.iban_vanaf = "01-01-2027".into();
    match t.app.persoon_wijzigen(&ctx(&clerk), id, &beide).await {
        Err(AppFout::Ongeldig(f)) => assert!(f.voor("iban").unwrap().contains("twee stappen")),
        r => panic!("{r:?}"),
    }
    // Wie van de cliënt is uitgesloten, beoordeelt haar rekening niet.
    let leider = t.persona(Rol::Teamleider).await;
    t.app
        .uitsluiting_registreren(&leider, bram.actor.gebruiker_id().unwrap(), id, "neef")
        .await
        .unwrap();
    let mut derde = verzoek(versie, "NL02ABNA0123456789");
    derde.iban_vanaf = "01-01-2027".into();
    let derde = t
        .app
        .persoon_wijzigen(&ctx(&clerk), id, &derde)
        .await
        .unwrap()
        .rekening_ter_beoordeling
        .unwrap();
    match t
        .app
        .rekeningwijziging_beoordelen(&bram, derde, 1, true, "")
        .await
    {
        Err(AppFout::Conflict(m)) => assert!(m.contains("uitgesloten"), "{m}"),
        r => panic!("{r:?}"),
    }
    assert!(taken
        .iter()
        .filter(|r| r.taak.soort == Taaksoort::Goedkeuring)
        .all(|r| r.taak.status == Taakstatus::Gereed));
    t.opruimen().await;
}

/// Issue 21 punt 9: meer dan 50 treffers worden per 50 getoond, met "er zijn er meer"; elke
/// pagina in naamvolgorde, zonder dubbele of vergeten treffers.
#[tokio::test]
async fn zoeken_bladert_per_vijftig() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let bsns: Vec<String> = (100_000_000i64..)
        .map(|n| n.to_string())
        .filter(|b| vangnet_domain::persoon::Bsn::parse(b).is_ok())
        .take(53)
        .collect();
    for (i, bsn) in bsns.iter().enumerate() {
        t.app
            .aanvraag_registreren(
                &clerk,
                &NieuweAanvraag {
                    ontvangen_op: "2026-11-02".into(),
                    aanvrager: PersoonInvoer {
                        bsn: bsn.clone(),
                        voornamen: format!("Jan{}", char::from(b'a' + (i % 26) as u8)),
                        voorvoegsel: String::new(),
                        geslachtsnaam: format!(
                            "Jansen-{}{}",
                            char::from(b'a' + (i / 26) as u8),
                            char::from(b'a' + (i % 26) as u8)
                        ),
                        geboortedatum: "01-01-1980".into(),
                    },
                    straat: "Dorpsstraat".into(),
                    huisnummer: (i + 1).to_string(),
                    postcode: "3012AB".into(),
                    woonplaats: "Rotterdam".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    }
    let (eerste, meer) = t.app.zoeken_pagina(&clerk, "jansen", 0).await.unwrap();
    assert_eq!((eerste.len(), meer), (50, true));
    let (tweede, meer) = t.app.zoeken_pagina(&clerk, "jansen", 1).await.unwrap();
    assert_eq!((tweede.len(), meer), (3, false));
    let mut alle: Vec<i64> = eerste.iter().chain(&tweede).map(|t| t.persoon_id).collect();
    alle.sort_unstable();
    alle.dedup();
    assert_eq!(alle.len(), 53);
    assert!(eerste.last().unwrap().naam < tweede[0].naam);
    t.opruimen().await;
}

/// Issue 22 punt 4: het toegangslog van zoekopdrachten wordt gebundeld vastgelegd. Veel
/// zoekopdrachten tegelijk (een deel afgebroken, zoals een browser die de verbinding sluit):
/// elke zoekopdracht die antwoordt, heeft elke gevonden persoon in het toegangslog, en niemand
/// blijft hangen.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn zoeken_tegelijk_legt_elke_treffer_vast() {
    let t = TestApp::nieuw().await;
    t.app.demo_laden(60, 7, |_, _| {}).await.unwrap();
    let clerk = t.gebruiker("zoeker", &[Rol::Inkomensconsulent]).await;
    let mut zoekers = Vec::new();
    for i in 1..=40 {
        let (app, ctx) = (t.app.clone(), clerk.clone());
        zoekers.push(tokio::spawn(async move {
            let vraag = format!("2026-{:06}", (i % 30) + 1);
            app.zoeken(&ctx, &vraag).await.unwrap()
        }));
    }
    // Een op de vier wordt meteen afgebroken.
    for z in zoekers.iter().step_by(4) {
        z.abort();
    }
    let mut gevonden = Vec::new();
    for z in zoekers {
        if let Ok(treffers) = z.await {
            assert!(!treffers.is_empty());
            gevonden.extend(treffers.into_iter().map(|t| t.persoon_id.to_string()));
        }
    }
    assert!(!gevonden.is_empty());
    let auditor = t.gebruiker("controle", &[Rol::Auditor]).await;
    let gelogd: std::collections::BTreeSet<String> = t
        .app
        .toegang_zoeken(
            &auditor,
            &ToegangFilter {
                betrokkene_type: Some("persoon".into()),
                ..Default::default()
            },
            500,
            0,
        )
        .await
        .unwrap()
        .regels
        .into_iter()
        .filter(|r| r.omschrijving == "Gevonden bij zoeken")
        .map(|r| r.betrokkene_id)
        .collect();
    assert!(gevonden.iter().all(|p| gelogd.contains(p)));
    t.opruimen().await;
}
