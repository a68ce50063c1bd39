//! De werkvoorraad: verdeling van nieuwe dossiers (gebied, belasting, afwezigheid, uitsluiting,
//! determinisme), taken met servicenormen, de volgorde van "Vandaag", herverdelen door de
//! teamleider, escalatie — op SQLite of PostgreSQL (`VANGNET_TEST_DATABASE_URL`).
//! De klok van de testapp staat op zaterdag 28-11-2026 11:00 (Nederlandse tijd).

use chrono::Duration;
use vangnet_app::clienten::{NieuweAanvraag, PersoonInvoer};
use vangnet_app::{AppFout, Context};
use vangnet_domain::werk::{volgorde as sorteersleutel, Stand, Volgorde};
use vangnet_domain::Rol;
use vangnet_testkit::{veldfout, TestApp};

fn aanvraag(bsn: &str, naam: &str, postcode: &str, ontvangen: &str) -> NieuweAanvraag {
    NieuweAanvraag {
        ontvangen_op: ontvangen.into(),
        gemeld_op: String::new(),
        aanvrager: PersoonInvoer {
            bsn: bsn.into(),
            voornamen: naam.into(),
            voorvoegsel: "".into(),
            geslachtsnaam: "Testpersoon".into(),
            geboortedatum: "01-01-1990".into(),
        },
        straat: "Dorpsstraat".into(),
        huisnummer: "1".into(),
        huisletter: "".into(),
        toevoeging: "".into(),
        postcode: postcode.into(),
        woonplaats: "Rotterdam".into(),
        iban: "".into(),
        team: "".into(),
        leden: vec![],
    }
}

struct Opzet {
    t: TestApp,
    fb: Context,
    clerk: Context,
    leider: Context,
    /// Consulenten in team Noord, in volgorde van aanmaken (oplopende id).
    noord: Vec<Context>,
    zuid: Context,
    noord_id: i64,
}

async fn opzet() -> Opzet {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let leider = t.persona(Rol::Teamleider).await;
    let noord_id = t.app.team_aanmaken(&fb, "Noord", "").await.unwrap();
    let zuid_id = t.app.team_aanmaken(&fb, "Zuid", "").await.unwrap();
    let mut noord = Vec::new();
    for naam in ["anna", "bram", "cees"] {
        noord.push(t.gebruiker(naam, &[Rol::Inkomensconsulent]).await);
        t.app.teamlid(&fb, noord_id, naam, true).await.unwrap();
    }
    let zuid = t.gebruiker("dirk", &[Rol::Inkomensconsulent]).await;
    t.app.teamlid(&fb, zuid_id, "dirk", true).await.unwrap();
    t.app
        .teamlid(&fb, noord_id, "teamleider", true)
        .await
        .unwrap();
    t.app
        .postcodegebieden_zetten(&fb, "3011 3039 Noord\n3040 3099 Zuid\n")
        .await
        .unwrap();
    Opzet {
        t,
        fb,
        clerk,
        leider,
        noord,
        zuid,
        noord_id,
    }
}

fn id(c: &Context) -> i64 {
    c.actor.gebruiker_id().unwrap()
}

#[tokio::test]
async fn nieuwe_dossiers_gaan_naar_het_team_van_het_gebied_en_de_laagste_belasting() {
    let o = opzet().await;
    let t = &o.t;
    // Drie dossiers in Noord: elke consulent één (gelijke belasting → laagste id eerst).
    let bsns = [
        "100023757",
        "100039595",
        "100126704",
        "100174218",
        "100372193",
    ];
    let mut consulenten = Vec::new();
    for bsn in &bsns[..3] {
        let (d, _) = t
            .app
            .aanvraag_registreren(&o.clerk, &aanvraag(bsn, "Piet", "3012 AB", "27-11-2026"))
            .await
            .unwrap();
        let dossier = t.app.dossier(&o.clerk, d, None, None).await.unwrap();
        consulenten.push(dossier.dossier.consulent_id.unwrap());
        assert_eq!(dossier.dossier.team_id, Some(o.noord_id));
    }
    assert_eq!(consulenten, o.noord.iter().map(id).collect::<Vec<_>>());

    // Bram is afwezig: Anna en Cees hebben belasting 1,00, dus Anna (laagste id).
    t.app
        .afwezigheid_registreren(&o.leider, "bram", "2026-11-20", "2026-12-03", "vakantie")
        .await
        .unwrap();
    let (d4, _) = t
        .app
        .aanvraag_registreren(&o.clerk, &aanvraag(bsns[3], "Kees", "3013AA", "28-11-2026"))
        .await
        .unwrap();
    let dossier = t.app.dossier(&o.clerk, d4, None, None).await.unwrap();
    assert_eq!(dossier.dossier.consulent_id, Some(id(&o.noord[0])));
    let verdeeld = dossier
        .tijdlijn
        .iter()
        .find(|g| g.soort == vangnet_domain::dossier::Gebeurtenissoort::Verdeeld)
        .unwrap();
    assert_eq!(
        verdeeld.omschrijving,
        "Postcode 3013AA valt in gebied 3011–3039 van team Noord; Laagste belasting 1,00 in team Noord; Test bram afwezig tot en met 03-12-2026"
    );

    // Zuid: de enige consulent daar.
    let (d5, _) = t
        .app
        .aanvraag_registreren(&o.clerk, &aanvraag(bsns[4], "Lies", "3050AA", "28-11-2026"))
        .await
        .unwrap();
    let dossier = t.app.dossier(&o.clerk, d5, None, None).await.unwrap();
    assert_eq!(dossier.dossier.consulent_id, Some(id(&o.zuid)));

    // Buiten elk gebied: geen team, geen consulent; de taken staan nergens (en zeggen dat).
    let (d6, _) = t
        .app
        .aanvraag_registreren(
            &o.clerk,
            &aanvraag("100419707", "Jan", "9999ZZ", "28-11-2026"),
        )
        .await
        .unwrap();
    let dossier = t.app.dossier(&o.clerk, d6, None, None).await.unwrap();
    assert_eq!(
        (dossier.dossier.team_id, dossier.dossier.consulent_id),
        (None, None)
    );

    // Taken en deadlines: registreren 1 werkdag na za 28-11 = ma 30-11; beslissen 8 weken na
    // ontvangst 27-11 = vr 22-01-2027; voorschot 4 weken = vr 25-12 (Eerste Kerstdag) → ma 28-12.
    let taken = t.app.taken_van_dossier(&o.clerk, d4 - 3).await.unwrap();
    let deadlines: Vec<(&str, String)> = taken
        .iter()
        .map(|r| (r.taak.soort.code(), r.taak.deadline.to_string()))
        .collect();
    assert_eq!(
        deadlines,
        [
            ("registratie", "2026-11-30".to_owned()),
            ("besluit", "2027-01-22".to_owned()),
            ("voorschot", "2026-12-28".to_owned()),
        ]
    );
    o.t.opruimen().await;
}

/// Issue 21 punt 11: "Nog niet verdelen" bij de registratie verdeelt niet, ook niet op de
/// postcode: geen team, geen consulent, de taken zonder eigenaar en de reden op de tijdlijn.
#[tokio::test]
async fn nog_niet_verdelen_verdeelt_niet() {
    let o = opzet().await;
    let t = &o.t;
    let (d, _) = t
        .app
        .aanvraag_registreren(
            &o.clerk,
            &NieuweAanvraag {
                team: vangnet_app::clienten::NIET_VERDELEN.into(),
                ..aanvraag("100023757", "Piet", "3012 AB", "27-11-2026")
            },
        )
        .await
        .unwrap();
    let dossier = t.app.dossier(&o.clerk, d, None, None).await.unwrap();
    assert_eq!(
        (dossier.dossier.team_id, dossier.dossier.consulent_id),
        (None, None)
    );
    let verdeeld = dossier
        .tijdlijn
        .iter()
        .find(|g| g.soort == vangnet_domain::dossier::Gebeurtenissoort::Verdeeld)
        .unwrap();
    assert!(
        verdeeld.omschrijving.contains("Nog niet verdeeld"),
        "{}",
        verdeeld.omschrijving
    );
    let taken = t.app.taken_van_dossier(&o.clerk, d).await.unwrap();
    assert_eq!(taken.len(), 3);
    assert!(taken
        .iter()
        .all(|r| r.taak.team_id.is_none() && r.taak.gebruiker_id.is_none()));
    o.t.opruimen().await;
}

#[tokio::test]
async fn vandaag_herverdelen_en_escalatie() {
    let o = opzet().await;
    let t = &o.t;
    let anna = &o.noord[0];
    let (d, _) = t
        .app
        .aanvraag_registreren(
            &o.clerk,
            &aanvraag("100023757", "Piet", "3012AB", "02-11-2026"),
        )
        .await
        .unwrap();
    t.app
        .taak_aanmaken(anna, "Bewijsstukken nakijken", "2026-12-02", Some(d), false)
        .await
        .unwrap();
    // Anna: registreren (ma 30-11, 1 werkdag waarschuwen → risico), voorschot (4 weken na 2-11 =
    // 30-11, waarschuwen 3 → risico), besluit (28-12, wettelijk), handmatig (2-12). Bij gelijke
    // stand en deadline: het oudste id eerst.
    let v = t.app.vandaag(anna, None).await.unwrap();
    let volgorde: Vec<(&str, Stand)> = v
        .taken
        .iter()
        .map(|r| (r.taak.soort.code(), r.stand))
        .collect();
    assert_eq!(
        volgorde,
        [
            ("registratie", Stand::Risico),
            ("voorschot", Stand::Risico),
            ("besluit", Stand::OpTijd),
            ("overig", Stand::OpTijd),
        ]
    );
    assert_eq!((v.totaal, v.risico, v.te_laat), (4, 2, 0));
    // De database sorteert zoals de regel in het domein (vangnet_domain::werk::volgorde).
    let sleutels: Vec<_> = v
        .taken
        .iter()
        .map(|r| {
            sorteersleutel(&Volgorde {
                stand: r.stand,
                wettelijk: r.taak.wettelijk,
                deadline: r.taak.deadline,
                prioriteit: r.taak.prioriteit as i32,
                id: r.taak.id,
            })
        })
        .collect();
    assert!(sleutels.windows(2).all(|w| w[0] <= w[1]), "{sleutels:?}");
    assert_eq!(
        t.app
            .vandaag(anna, Some("besluit"))
            .await
            .unwrap()
            .taken
            .len(),
        1
    );

    // Een deadline in het verleden voor een nieuwe taak: geweigerd.
    assert_eq!(
        veldfout(
            t.app
                .taak_aanmaken(anna, "Te laat", "2026-11-27", None, false)
                .await
                .unwrap_err(),
            "deadline"
        ),
        "De deadline ligt in het verleden."
    );

    // Herverdelen: alleen de teamleider, niet naar iemand buiten het team of afwezig.
    let dossier = t.app.dossier(&o.clerk, d, None, None).await.unwrap();
    let versie = dossier.dossier.versie;
    assert!(matches!(
        t.app
            .dossier_herverdelen(anna, d, versie, id(&o.noord[1]), "")
            .await,
        Err(AppFout::GeenToegang)
    ));
    assert!(veldfout(
        t.app
            .dossier_herverdelen(&o.leider, d, versie, id(&o.zuid), "")
            .await
            .unwrap_err(),
        "consulent"
    )
    .contains("geen consulent in het team"));
    // Uitgesloten van deze cliënt: geweigerd, en in de keuzelijst gemarkeerd.
    let client = dossier.dossier.client_id;
    assert!(matches!(
        t.app
            .uitsluiting_registreren(anna, id(&o.noord[2]), client, "familie")
            .await,
        Err(AppFout::GeenToegang)
    ));
    t.app
        .uitsluiting_registreren(&o.leider, id(&o.noord[2]), client, "buurman van de cliënt")
        .await
        .unwrap();
    assert!(veldfout(
        t.app
            .dossier_herverdelen(&o.leider, d, versie, id(&o.noord[2]), "")
            .await
            .unwrap_err(),
        "consulent"
    )
    .contains("uitgesloten van deze cliënt (buurman van de cliënt)"));
    let keuze = t.app.toewijsbare_consulenten(&o.leider, d).await.unwrap();
    assert!(keuze
        .iter()
        .any(|k| k.gebruiker_id == id(&o.noord[2]) && k.uitgesloten.is_some()));
    t.app
        .afwezigheid_registreren(&o.leider, "cees", "2026-11-28", "2026-11-28", "ziek")
        .await
        .unwrap();
    assert!(veldfout(
        t.app
            .dossier_herverdelen(&o.leider, d, versie, id(&o.noord[2]), "")
            .await
            .unwrap_err(),
        "consulent"
    )
    .contains("afwezig tot en met 28-11-2026"));
    t.app
        .dossier_herverdelen(&o.leider, d, versie, id(&o.noord[1]), "Anna heeft het druk")
        .await
        .unwrap();
    // Tegelijk met dezelfde (oude) versie: geweigerd, niets verloren.
    assert!(matches!(
        t.app
            .dossier_herverdelen(&o.leider, d, versie, id(&o.noord[0]), "")
            .await,
        Err(AppFout::Verouderd(_))
    ));
    let bram = t.app.vandaag(&o.noord[1], None).await.unwrap();
    assert_eq!(bram.totaal, 4, "alle open taken van het dossier gingen mee");
    assert_eq!(t.app.vandaag(anna, None).await.unwrap().totaal, 0);

    // Bram wordt afwezig; de teamleider verdeelt zijn werk in één handeling (Cees is
    // vandaag ook afwezig, dus naar Anna).
    t.app
        .afwezigheid_registreren(&o.leider, "bram", "2026-11-28", "2026-12-31", "verlof")
        .await
        .unwrap();
    assert_eq!(
        t.app
            .werk_herverdelen(&o.leider, o.noord_id, id(&o.noord[1]))
            .await
            .unwrap(),
        1
    );
    assert_eq!(t.app.vandaag(anna, None).await.unwrap().totaal, 4);

    // Escalatie: drie dagen later is het voorschot (30-11) te laat; de teamleider krijgt één
    // melding, ook als de job nog eens draait.
    t.klok.verzet(Duration::days(3));
    assert_eq!(t.app.escaleren(&TestApp::systeem()).await.unwrap(), 2);
    assert_eq!(t.app.escaleren(&TestApp::systeem()).await.unwrap(), 0);
    let meldingen = t.app.meldingen(&o.leider).await.unwrap();
    assert_eq!(meldingen.len(), 2, "{meldingen:?}");
    assert!(meldingen
        .iter()
        .any(|m| m.tekst.starts_with("Te laat: Voorschot beoordelen")));
    let v = t.app.vandaag(anna, None).await.unwrap();
    assert_eq!(v.taken[0].stand, Stand::TeLaat);
    o.t.opruimen().await;
}

#[tokio::test]
async fn inrichting_met_slechte_invoer() {
    let o = opzet().await;
    let t = &o.t;
    assert_eq!(
        veldfout(
            t.app
                .postcodegebieden_zetten(&o.fb, "3011 3039 Noord\n3039 3099 Zuid")
                .await
                .unwrap_err(),
            "gebieden"
        ),
        "De gebieden 3011–3039 (Noord) en 3039–3099 (Zuid) overlappen."
    );
    assert!(veldfout(
        t.app
            .postcodegebieden_zetten(&o.fb, "3011 3039 Oost")
            .await
            .unwrap_err(),
        "gebieden"
    )
    .contains("geen team 'Oost'"));
    assert!(veldfout(
        t.app
            .postcodegebieden_zetten(&o.fb, "drieduizend Noord")
            .await
            .unwrap_err(),
        "gebieden"
    )
    .starts_with("Regel 1:"));
    assert!(matches!(
        t.app.postcodegebieden_zetten(&o.leider, "").await,
        Err(AppFout::GeenToegang)
    ));
    // Een servicenorm wijzigen geldt voor nieuwe taken: registreren binnen 3 werkdagen.
    assert!(veldfout(
        t.app
            .servicenorm_wijzigen(&o.fb, "registratie", "werkdagen", "0", "0")
            .await
            .unwrap_err(),
        "aantal"
    )
    .contains("tussen 1 en 250"));
    t.app
        .servicenorm_wijzigen(&o.fb, "registratie", "werkdagen", "3", "1")
        .await
        .unwrap();
    let (d, _) = t
        .app
        .aanvraag_registreren(
            &o.clerk,
            &aanvraag("100023757", "Piet", "3012AB", "27-11-2026"),
        )
        .await
        .unwrap();
    let taken = t.app.taken_van_dossier(&o.clerk, d).await.unwrap();
    assert_eq!(
        taken[0].taak.deadline.to_string(),
        "2026-12-02",
        "za 28-11 + 3 werkdagen"
    );
    // Gewicht per zaaktype: 1,5 telt bij de belasting; 0 en tekst worden geweigerd.
    for fout in ["0", "abc", "101"] {
        assert!(veldfout(
            t.app
                .zaaktypegewicht_zetten(&o.fb, "aanvraag_levensonderhoud", fout)
                .await
                .unwrap_err(),
            "gewicht"
        )
        .contains("0,01 tot en met 100"));
    }
    t.app
        .zaaktypegewicht_zetten(&o.fb, "aanvraag_levensonderhoud", "1,5")
        .await
        .unwrap();
    assert_eq!(
        t.app.werk_inrichting(&o.fb).await.unwrap().gewichten[0].1,
        150
    );
    let eigenaar = t.app.dossier(&o.clerk, d, None, None).await.unwrap();
    let keuze = t.app.toewijsbare_consulenten(&o.leider, d).await.unwrap();
    let belast = keuze
        .iter()
        .find(|k| Some(k.gebruiker_id) == eigenaar.dossier.consulent_id)
        .unwrap();
    assert_eq!(belast.belasting, 150, "één dossier met gewicht 1,5");
    assert!(veldfout(
        t.app
            .afwezigheid_registreren(&o.leider, "anna", "2026-12-10", "2026-12-01", "")
            .await
            .unwrap_err(),
        "tot_en_met"
    )
    .contains("vóór de begindatum"));
    o.t.opruimen().await;
}

/// Het teamdashboard: open werk per consulent, op tijd per servicenorm, en wie afwezig is.
#[tokio::test]
async fn teamdashboard_telt_open_werk_en_op_tijd() {
    let o = opzet().await;
    let t = &o.t;
    let (d1, _) = t
        .app
        .aanvraag_registreren(
            &o.clerk,
            &aanvraag("100023757", "Piet", "3012AB", "27-11-2026"),
        )
        .await
        .unwrap();
    let (d2, _) = t
        .app
        .aanvraag_registreren(
            &o.clerk,
            &aanvraag("100039595", "Kees", "3013AB", "27-11-2026"),
        )
        .await
        .unwrap();
    // Anna rondt haar registratie op tijd af (deadline ma 30-11); Bram de zijne pas op 2-12.
    let registratie = |taken: Vec<vangnet_app::werk::Taakregel>| {
        taken
            .into_iter()
            .find(|r| r.taak.soort == vangnet_domain::werk::Taaksoort::Registratie)
            .unwrap()
            .taak
    };
    let r1 = registratie(t.app.taken_van_dossier(&o.clerk, d1).await.unwrap());
    // Dezelfde status nog eens is geen overgang: geweigerd op het veld, niets vastgelegd.
    let fout = t
        .app
        .taak_status_zetten(&o.noord[0], r1.id, r1.versie, r1.status.code(), "")
        .await
        .unwrap_err();
    assert!(
        vangnet_testkit::veldfout(fout, "status").contains("staat al op"),
        "dezelfde status"
    );
    // Met de hand gereed alleen met een reden (issue 21 punt 10); de reden staat in de historie.
    let fout = t
        .app
        .taak_status_zetten(&o.noord[0], r1.id, r1.versie, "gereed", "  ")
        .await
        .unwrap_err();
    assert!(vangnet_testkit::veldfout(fout, "reden").contains("reden"));
    t.app
        .taak_status_zetten(&o.noord[0], r1.id, r1.versie, "gereed", "Dossier compleet")
        .await
        .unwrap();
    // Beslissen en het voorschot gaan op gereed door de handeling, niet met een klik terwijl de
    // aanvraag openstaat (issue 21 punt 10).
    for soort in [
        vangnet_domain::werk::Taaksoort::Besluit,
        vangnet_domain::werk::Taaksoort::Voorschot,
    ] {
        let taak = t
            .app
            .taken_van_dossier(&o.clerk, d1)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.taak.soort == soort)
            .unwrap()
            .taak;
        let fout = t
            .app
            .taak_status_zetten(&o.noord[0], taak.id, taak.versie, "gereed", "Klaar")
            .await
            .unwrap_err();
        assert!(
            vangnet_testkit::veldfout(fout, "status").contains("door het besluit"),
            "{soort:?}"
        );
    }
    t.klok.verzet(Duration::days(4));
    let r2 = registratie(t.app.taken_van_dossier(&o.clerk, d2).await.unwrap());
    t.app
        .taak_status_zetten(&o.noord[1], r2.id, r2.versie, "gereed", "Dossier compleet")
        .await
        .unwrap();
    t.app
        .afwezigheid_registreren(&o.leider, "cees", "2026-12-01", "2026-12-11", "cursus")
        .await
        .unwrap();

    let d = t.app.team_dashboard(&o.leider, o.noord_id).await.unwrap();
    let soorten: Vec<&str> = d.soorten.iter().map(|s| s.code()).collect();
    assert_eq!(
        soorten,
        ["besluit", "voorschot"],
        "alleen soorten met open werk"
    );
    let werk: Vec<(&str, Vec<usize>, usize)> = d
        .consulenten
        .iter()
        .map(|c| (c.naam.as_str(), c.per_soort.clone(), c.totaal))
        .collect();
    assert_eq!(
        werk,
        [
            ("Test anna", vec![1, 1], 2),
            ("Test bram", vec![1, 1], 2),
            ("Test cees", vec![0, 0], 0),
        ]
    );
    assert_eq!(
        d.consulenten[2].afwezig_tot_en_met,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 11)
    );
    let registratie = d
        .normen
        .iter()
        .find(|n| n.soort.code() == "registratie")
        .unwrap();
    assert_eq!(
        (registratie.gereed, registratie.op_tijd, registratie.procent),
        (2, 1, Some(50))
    );
    assert_eq!(d.zonder_eigenaar, 0);
    assert!(matches!(
        t.app.team_dashboard(&o.noord[0], o.noord_id).await,
        Err(AppFout::GeenToegang)
    ));
    o.t.opruimen().await;
}

/// Issue 19, punt 9 (ATW art. 3 lid 3; participatiewet-feiten.md §12): de met een feestdag
/// gelijkgestelde dagen zijn gegevens met hun bron, bijgehouden door de functioneel beheerder,
/// en elke termijn rekent ermee. De standaardlijst staat na het starten in de database.
#[tokio::test]
async fn gelijkgestelde_dagen_als_gegevens() {
    use vangnet_domain::werkdagen::{is_werkdag, plus_werkdagen};
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let dagen = t.app.gelijkgestelde_dagen(&fb).await.unwrap();
    assert_eq!(dagen.len(), 10);
    assert!(dagen
        .iter()
        .any(|d| d.datum == d8("2026-05-15") && d.bron.contains("UNVERIFIED")));
    // Een consulent richt niets in.
    let c = t.persona(Rol::Inkomensconsulent).await;
    assert!(matches!(
        t.app
            .gelijkgestelde_dag_zetten(&c, "30-05-2031", "Brugdag", "KB")
            .await,
        Err(AppFout::GeenToegang)
    ));
    // Slechte invoer: weekend, al een feestdag, zonder bron; niets opgeslagen.
    for (datum, bron, veld, melding) in [
        (
            "31-05-2031",
            "Stcrt. 2030, 1",
            "datum",
            "valt in het weekend",
        ),
        (
            "22-05-2031",
            "Stcrt. 2030, 1",
            "datum",
            "al een feestdag (Hemelvaartsdag",
        ),
        ("30-05-2031", " ", "bron", "Noem de bron"),
        ("30-13-2031", "Stcrt. 2030, 1", "datum", ""),
    ] {
        let e = t
            .app
            .gelijkgestelde_dag_zetten(&fb, datum, "Brugdag", bron)
            .await
            .unwrap_err();
        assert!(veldfout(e, veld).contains(melding), "{datum}");
    }
    assert_eq!(t.app.gelijkgestelde_dagen(&fb).await.unwrap().len(), 10);
    // Vrijdag 30-05-2031 gelijkgesteld: geen werkdag meer, een termijn schuift door.
    assert!(is_werkdag(d8("2031-05-30")));
    t.app
        .gelijkgestelde_dag_zetten(
            &fb,
            "30-05-2031",
            "Vrijdag na Hemelvaartsdag",
            "Stcrt. 2030, 1",
        )
        .await
        .unwrap();
    assert!(!is_werkdag(d8("2031-05-30")));
    // 31-5 en 1-6 weekend, 2-6 Tweede Pinksterdag: dinsdag 3-6.
    assert_eq!(plus_werkdagen(d8("2031-05-29"), 1), d8("2031-06-03"));
    t.app
        .gelijkgestelde_dag_verwijderen(&fb, "2031-05-30")
        .await
        .unwrap();
    assert!(is_werkdag(d8("2031-05-30")));
    assert!(matches!(
        t.app
            .gelijkgestelde_dag_verwijderen(&fb, "2031-05-30")
            .await,
        Err(AppFout::NietGevonden(_))
    ));
    t.opruimen().await;
}

fn d8(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Issue 21 punt 7: de naam bij een taak op Vandaag (met gemaskeerd BSN) komt in het
/// toegangslog, per medewerker, persoon en dag één keer; verversen schrijft niet opnieuw.
#[tokio::test]
async fn namen_op_vandaag_in_het_toegangslog() {
    let t = TestApp::nieuw().await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    let d = vangnet_testkit::dossier().maak(&t, &clerk, &anna).await;
    t.app
        .taak_aanmaken(
            &anna,
            "Loonstrook opvragen",
            "2026-12-10",
            Some(d.dossier),
            false,
        )
        .await
        .unwrap();
    let v = t.app.vandaag(&anna, None).await.unwrap();
    assert!(
        v.taken
            .iter()
            .any(|r| r.client.as_deref().is_some_and(|c| c.contains("*****"))),
        "{:?}",
        v.taken.iter().map(|r| &r.client).collect::<Vec<_>>()
    );
    let auditor = t.persona(Rol::Auditor).await;
    let filter = vangnet_app::opslag::ToegangFilter {
        gebruiker: Some("anna".into()),
        ..Default::default()
    };
    let tel = |p: vangnet_app::toegang::ToegangPagina| {
        p.regels
            .iter()
            .filter(|r| r.omschrijving.contains("bij een taak"))
            .count()
    };
    let eerst = tel(t
        .app
        .toegang_zoeken(&auditor, &filter, 500, 0)
        .await
        .unwrap());
    assert!(eerst >= 1);
    t.app.vandaag(&anna, None).await.unwrap();
    let daarna = tel(t
        .app
        .toegang_zoeken(&auditor, &filter, 500, 0)
        .await
        .unwrap());
    assert_eq!(daarna, eerst, "dezelfde dag niet nog eens");
    t.opruimen().await;
}
