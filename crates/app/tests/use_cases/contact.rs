//! Contactmomenten en telefoonnotities (issue 8): vastleggen met tijdlijn en toegangslog,
//! terugbelverzoek als taak met de servicenorm, doorverwijzing naar de consulent, te laat
//! terugbellen, gevoelige notities, zoeken, onbekende bellers koppelen, terugbellen afronden en
//! slechte invoer — op SQLite of PostgreSQL (`VANGNET_TEST_DATABASE_URL`).
//! De klok van de testapp staat op zaterdag 28-11-2026 11:00 (Nederlandse tijd).

use chrono::Duration;
use vangnet_app::clienten::{NieuweAanvraag, PersoonInvoer};
use vangnet_app::contact::ContactInvoer;
use vangnet_app::opslag::ToegangFilter;
use vangnet_app::{AppFout, Context};
use vangnet_domain::werk::Stand;
use vangnet_domain::Rol;
use vangnet_testkit::{veldfout, TestApp};

fn aanvraag(bsn: &str, naam: &str) -> NieuweAanvraag {
    NieuweAanvraag {
        ontvangen_op: "20-11-2026".into(),
        // De melding op 1 november: de bijstand gaat dan in (art. 44 lid 1).
        gemeld_op: "01-11-2026".into(),
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
        postcode: "3012AB".into(),
        woonplaats: "Rotterdam".into(),
        iban: "NL91ABNA0417164300".into(),
        team: "".into(),
        leden: vec![],
    }
}

struct Opzet {
    t: TestApp,
    fb: Context,
    clerk: Context,
    clerk2: Context,
    leider: Context,
    /// De consulent van het dossier (team Noord).
    anna: Context,
    bram: Context,
    /// Teamleider van een ander team.
    leider_zuid: Context,
    persoon: i64,
    dossier: i64,
}

async fn opzet() -> Opzet {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let clerk = t.persona(Rol::AdministratiefOndersteuner).await;
    let clerk2 = t
        .gebruiker("kees", &[Rol::AdministratiefOndersteuner])
        .await;
    let leider = t.persona(Rol::Teamleider).await;
    let leider_zuid = t.gebruiker("zara", &[Rol::Teamleider]).await;
    let noord = t.app.team_aanmaken(&fb, "Noord", "").await.unwrap();
    let zuid = t.app.team_aanmaken(&fb, "Zuid", "").await.unwrap();
    let anna = t.gebruiker("anna", &[Rol::Inkomensconsulent]).await;
    t.app.teamlid(&fb, noord, "anna", true).await.unwrap();
    let bram = t.gebruiker("bram", &[Rol::Inkomensconsulent]).await;
    t.app.teamlid(&fb, zuid, "bram", true).await.unwrap();
    t.app.teamlid(&fb, noord, "teamleider", true).await.unwrap();
    t.app.teamlid(&fb, zuid, "zara", true).await.unwrap();
    t.app
        .postcodegebieden_zetten(&fb, "3011 3039 Noord\n3040 3099 Zuid\n")
        .await
        .unwrap();
    let (dossier, _) = t
        .app
        .aanvraag_registreren(&clerk, &aanvraag("123456782", "Fatima"))
        .await
        .unwrap();
    let persoon = t
        .app
        .persoon_op_bsn(&clerk, "123456782")
        .await
        .unwrap()
        .unwrap()
        .id;
    Opzet {
        t,
        fb,
        clerk,
        clerk2,
        leider,
        anna,
        bram,
        leider_zuid,
        persoon,
        dossier,
    }
}

impl Opzet {
    fn telefoontje(&self, tekst: &str) -> ContactInvoer {
        ContactInvoer {
            onderwerp: "betaling".into(),
            tekst: tekst.into(),
            ..ContactInvoer::telefoontje(Some(self.persoon), Some(self.dossier))
        }
    }

    /// Een telefoontje van iemand die niet is herkend (geen persoon, geen dossier).
    async fn anoniem_telefoontje(&self, tekst: &str) -> i64 {
        self.t
            .app
            .contactmoment_vastleggen(
                &self.clerk,
                &ContactInvoer {
                    persoon_id: None,
                    dossier_id: None,
                    ..self.telefoontje(tekst)
                },
            )
            .await
            .unwrap()
            .0
    }
}

fn id(c: &Context) -> i64 {
    c.actor.gebruiker_id().unwrap()
}

#[tokio::test]
async fn vastleggen_tijdlijn_en_toegangslog() {
    let o = opzet().await;
    let t = &o.t;
    let (eerste, taak) = t
        .app
        .contactmoment_vastleggen(&o.clerk, &o.telefoontje("Vraagt wanneer de betaling komt."))
        .await
        .unwrap();
    assert_eq!(taak, None);
    t.klok.verzet(Duration::minutes(5));
    let mut derde = ContactInvoer {
        beller: "derde".into(),
        derde_naam: "J. de Vries (bewindvoerder)".into(),
        kanaal: "email".into(),
        onderwerp: "vordering".into(),
        duur_minuten: "7".into(),
        ..o.telefoontje("Bewindvoerder vraagt om een overzicht van de vordering.")
    };
    derde.dossier_id = None;
    let (tweede, _) = t
        .app
        .contactmoment_vastleggen(&o.clerk, &derde)
        .await
        .unwrap();

    // Persoon: beide, nieuwste eerst; dossier: alleen het eerste.
    let van_persoon = t
        .app
        .contactmomenten_van_persoon(&o.anna, o.persoon)
        .await
        .unwrap();
    let ids: Vec<i64> = van_persoon.iter().map(|c| c.rij.id).collect();
    assert_eq!(ids, vec![tweede, eerste]);
    assert_eq!(van_persoon[0].kanaalnaam, "E-mail");
    assert_eq!(van_persoon[0].onderwerpnaam, "Terugvordering en aflossing");
    assert_eq!(
        van_persoon[0].rij.derde_naam.as_deref(),
        Some("J. de Vries (bewindvoerder)")
    );
    assert_eq!(van_persoon[0].rij.duur_minuten, Some(7));
    assert!(!van_persoon[1].rij.door.is_empty());
    assert_eq!(van_persoon[1].rij.geregistreerd_door, id(&o.clerk));
    let van_dossier = t
        .app
        .contactmomenten_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap();
    assert_eq!(
        van_dossier.iter().map(|c| c.rij.id).collect::<Vec<_>>(),
        vec![eerste]
    );

    // Lezen staat in het toegangslog, met de persoon als betrokkene.
    let log = t
        .app
        .toegang_zoeken(
            &t.persona(Rol::Auditor).await,
            &ToegangFilter {
                betrokkene_id: Some(o.persoon.to_string()),
                ..Default::default()
            },
            100,
            0,
        )
        .await
        .unwrap();
    assert!(
        log.regels
            .iter()
            .any(|r| r.omschrijving == "Contactmomenten ingezien"
                && r.gebruiker_id == Some(id(&o.anna))),
        "{:?}",
        log.regels
    );

    // Handhaving en beheer lezen geen notities.
    let handhaving = t.persona(Rol::Handhaving).await;
    assert!(matches!(
        t.app
            .contactmomenten_van_persoon(&handhaving, o.persoon)
            .await,
        Err(AppFout::GeenToegang)
    ));
    o.t.opruimen().await;
}

#[tokio::test]
async fn terugbelverzoek_is_een_taak_met_servicenorm_en_wordt_afgerond() {
    let o = opzet().await;
    let t = &o.t;
    let (contact, taak) = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                uitkomst: "terugbellen".into(),
                telefoonnummer: "06-12 34 56 78".into(),
                ..o.telefoontje("Wil de consulent spreken over de loonstrook.")
            },
        )
        .await
        .unwrap();
    let taak = taak.expect("een terugbeltaak");
    // Op "Vandaag" van de consulent van het dossier, met het nummer en de norm van 2
    // werkdagen: zaterdag 28-11 → maandag 30-11 (1) en dinsdag 1-12 (2).
    let v = t.app.vandaag(&o.anna, Some("terugbellen")).await.unwrap();
    let regel = v
        .taken
        .iter()
        .find(|r| r.taak.id == taak)
        .expect("op Vandaag");
    assert_eq!(
        regel.taak.deadline,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    );
    assert!(
        regel.taak.omschrijving.contains("0612345678"),
        "{}",
        regel.taak.omschrijving
    );
    assert_eq!(regel.taak.persoon_id, Some(o.persoon));

    // Niet bereikt: de poging staat op de tijdlijn, de taak blijft open.
    let (rij, beeld, _) = t.app.terugbelverzoek(&o.anna, taak).await.unwrap();
    assert_eq!(beeld.unwrap().rij.id, contact);
    let poging = t
        .app
        .terugbellen_afronden(
            &o.anna,
            taak,
            rij.versie,
            false,
            "Voicemail, morgen opnieuw.",
        )
        .await
        .unwrap();
    let v = t.app.vandaag(&o.anna, Some("terugbellen")).await.unwrap();
    let regel = v
        .taken
        .iter()
        .find(|r| r.taak.id == taak)
        .expect("nog open");
    // Twee keer afronden met dezelfde (oude) versie: de tweede krijgt een conflict.
    assert!(matches!(
        t.app
            .terugbellen_afronden(&o.anna, taak, rij.versie, true, "Gesproken.")
            .await,
        Err(AppFout::Verouderd(_))
    ));
    // Een ander dan de eigenaar mag het niet afronden.
    assert!(matches!(
        t.app
            .terugbellen_afronden(&o.bram, taak, regel.taak.versie, true, "Gesproken.")
            .await,
        Err(AppFout::GeenToegang)
    ));
    let gesprek = t
        .app
        .terugbellen_afronden(
            &o.anna,
            taak,
            regel.taak.versie,
            true,
            "Gesproken; loonstrook komt via het portaal.",
        )
        .await
        .unwrap();
    let v = t.app.vandaag(&o.anna, Some("terugbellen")).await.unwrap();
    assert!(v.taken.iter().all(|r| r.taak.id != taak));
    let tijdlijn = t
        .app
        .contactmomenten_van_persoon(&o.anna, o.persoon)
        .await
        .unwrap();
    let gesprek = tijdlijn.iter().find(|c| c.rij.id == gesprek).unwrap();
    assert_eq!(gesprek.rij.vervolg_op, Some(contact));
    assert_eq!(
        gesprek.rij.richting,
        vangnet_domain::contact::Richting::Uitgaand
    );
    assert_eq!(
        gesprek.rij.uitkomst,
        vangnet_domain::contact::Uitkomst::Beantwoord
    );
    let poging = tijdlijn.iter().find(|c| c.rij.id == poging).unwrap();
    assert_eq!(
        poging.rij.uitkomst,
        vangnet_domain::contact::Uitkomst::NietBereikt
    );
    // Al afgerond.
    assert!(matches!(
        t.app
            .terugbellen_afronden(&o.anna, taak, regel.taak.versie + 1, true, "Nog eens.")
            .await,
        Err(AppFout::Conflict(_))
    ));
    o.t.opruimen().await;
}

#[tokio::test]
async fn terugbellen_door_de_medewerker_zelf_en_te_laat() {
    let o = opzet().await;
    let t = &o.t;
    let (_, taak) = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                uitkomst: "terugbellen".into(),
                telefoonnummer: "010 1234567".into(),
                terugbellen_door: "mij".into(),
                ..o.telefoontje("Vraag over de betaaldatum; zoek ik uit.")
            },
        )
        .await
        .unwrap();
    let taak = taak.unwrap();
    let v = t.app.vandaag(&o.clerk, None).await.unwrap();
    assert!(v.taken.iter().any(|r| r.taak.id == taak));
    // Na de deadline (dinsdag 1-12) is hij te laat en meldt de escalatie hem (de medewerker
    // zit in geen team: de melding gaat naar haarzelf).
    t.klok.verzet(Duration::days(4));
    let v = t.app.vandaag(&o.clerk, None).await.unwrap();
    let regel = v.taken.iter().find(|r| r.taak.id == taak).unwrap();
    assert_eq!(regel.stand, Stand::TeLaat);
    assert!(t.app.escaleren(&TestApp::systeem()).await.unwrap() >= 1);
    let meldingen = t.app.meldingen(&o.clerk).await.unwrap();
    assert!(
        meldingen.iter().any(|m| m.taak_id == Some(taak)),
        "{meldingen:?}"
    );
    o.t.opruimen().await;
}

#[tokio::test]
async fn doorverwijzing_en_signaal_gaan_naar_de_consulent() {
    let o = opzet().await;
    let t = &o.t;
    for (uitkomst, soort) in [("doorverwezen", "doorverwijzing"), ("signaal", "signaal")] {
        let (_, taak) = t
            .app
            .contactmoment_vastleggen(
                &o.clerk,
                &ContactInvoer {
                    uitkomst: uitkomst.into(),
                    onderwerp: "wijziging".into(),
                    ..o.telefoontje("Meldt dat er iemand is komen inwonen.")
                },
            )
            .await
            .unwrap();
        let v = t.app.vandaag(&o.anna, Some(soort)).await.unwrap();
        assert!(
            v.taken.iter().any(|r| Some(r.taak.id) == taak),
            "{uitkomst} op Vandaag van de consulent"
        );
    }
    // Zonder dossier kan er niet doorverwezen worden.
    let e = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                uitkomst: "doorverwezen".into(),
                dossier_id: None,
                ..o.telefoontje("Wil de consulent spreken.")
            },
        )
        .await
        .unwrap_err();
    assert!(veldfout(e, "dossier_id").contains("consulent"));
    o.t.opruimen().await;
}

#[tokio::test]
async fn gevoelige_notitie_alleen_voor_consulent_en_teamleider() {
    let o = opzet().await;
    let t = &o.t;
    let (id, _) = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                gevoelig: true,
                ..o.telefoontje("Vertelt over huiselijk geweld; wil niet dat de partner het weet.")
            },
        )
        .await
        .unwrap();
    // (wie, mag lezen)
    let tabel = [
        (&o.anna, true),         // consulent van het dossier
        (&o.leider, true),       // teamleider van team Noord
        (&o.leider_zuid, false), // teamleider van een ander team
        (&o.bram, false),        // andere consulent
        (&o.clerk, false),       // ook wie haar vastlegde niet
        (&o.clerk2, false),
    ];
    for (wie, mag) in tabel {
        let c = t.app.contactmoment(wie, id).await.unwrap();
        assert_eq!(!c.afgeschermd, mag, "{}", wie.actor.omschrijving());
        assert_eq!(c.rij.tekst.contains("huiselijk"), mag);
        let gevonden = t
            .app
            .contactmomenten_zoeken(wie, "huiselijk", None)
            .await
            .unwrap()
            .contactmomenten;
        assert_eq!(
            gevonden.len(),
            usize::from(mag),
            "zoeken als {}",
            wie.actor.omschrijving()
        );
    }
    // Gevoelig zonder dossier: geweigerd.
    let e = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                gevoelig: true,
                dossier_id: None,
                ..o.telefoontje("Gevoelig.")
            },
        )
        .await
        .unwrap_err();
    assert!(veldfout(e, "gevoelig").contains("dossier"));
    o.t.opruimen().await;
}

/// Issue 17 punt 10: een terugbeltaak uit een gevoelige notitie is even gevoelig: haar
/// omschrijving (in elke takenlijst, ook op het dossier van handhaving) noemt geen nummer en geen
/// onderwerp; de consulent van het dossier leest beide in de notitie op de terugbelpagina.
#[tokio::test]
async fn terugbeltaak_uit_een_gevoelige_notitie_lekt_niets() {
    let o = opzet().await;
    let t = &o.t;
    let (_, taak) = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                gevoelig: true,
                uitkomst: "terugbellen".into(),
                telefoonnummer: "06-12345678".into(),
                onderwerp: "betaling".into(),
                ..o.telefoontje("Vertelt over huiselijk geweld; wil teruggebeld worden.")
            },
        )
        .await
        .unwrap();
    let taak = taak.expect("een terugbeltaak");
    // Terugbellen door het team of door de medewerker zelf kan niet: die mogen de gevoelige
    // notitie (en het nummer) niet lezen.
    for door in ["team", "mij"] {
        let e = t
            .app
            .contactmoment_vastleggen(
                &o.clerk,
                &ContactInvoer {
                    gevoelig: true,
                    uitkomst: "terugbellen".into(),
                    telefoonnummer: "06-12345678".into(),
                    terugbellen_door: door.into(),
                    ..o.telefoontje("Gevoelig, wil teruggebeld worden.")
                },
            )
            .await
            .unwrap_err();
        assert!(
            veldfout(e, "terugbellen_door").contains("consulent"),
            "{door}"
        );
    }
    let handhaving = t.persona(Rol::Handhaving).await;
    let nummer = ["06-12345678", "0612345678", "12345678"];
    let lekt = |s: &str| nummer.iter().any(|n| s.contains(n)) || s.contains("Betaling");
    for wie in [&o.anna, &o.leider, &o.bram, &o.clerk, &handhaving] {
        for r in t.app.taken_van_dossier(wie, o.dossier).await.unwrap() {
            assert!(
                !lekt(&r.taak.omschrijving),
                "{}: {}",
                wie.actor.omschrijving(),
                r.taak.omschrijving
            );
        }
    }
    let vandaag = t.app.vandaag(&o.anna, None).await.unwrap();
    let tekst = format!("{vandaag:?}");
    assert!(!lekt(&tekst), "Vandaag van de consulent noemt geen nummer");
    // De consulent van het dossier leest het nummer in de notitie; een andere consulent niet.
    let (_, beeld, _) = t.app.terugbelverzoek(&o.anna, taak).await.unwrap();
    assert_eq!(
        beeld.unwrap().rij.telefoonnummer.as_deref(),
        Some("0612345678")
    );
    let (_, beeld, _) = t.app.terugbelverzoek(&o.bram, taak).await.unwrap();
    let beeld = beeld.unwrap();
    assert!(beeld.afgeschermd && !lekt(&format!("{:?}", beeld.rij)));
    o.t.opruimen().await;
}

/// Issue 23 punt 4: zoeken in notities via de full-text-index (FTS5 op SQLite, tsvector met de
/// Nederlandse stemmer op PostgreSQL). Elk woord moet erin staan, als begin van een woord;
/// hoofdletters en accenten tellen niet; alleen PostgreSQL kent stamvormen.
#[tokio::test]
async fn zoeken_in_notities() {
    let o = opzet().await;
    let t = &o.t;
    for tekst in [
        "Vraagt naar de Vakantietoeslag in mei.",
        "Nieuwe loonstrook gemaild.",
        "Korting 100% op de eigen bijdrage?",
        "Belde over het café van mevrouw Çelik.",
        "Twee loonstroken ontbreken nog.",
    ] {
        t.app
            .contactmoment_vastleggen(&o.clerk, &o.telefoontje(tekst))
            .await
            .unwrap();
    }
    let pg = t.engine() == vangnet_store::Engine::Postgres;
    // (zoekvraag, aantal op SQLite, aantal op PostgreSQL)
    let tabel = [
        ("vakantietoeslag", 1, 1),
        ("VAKANTIE", 1, 1),   // het begin van een woord
        ("toeslag", 0, 0),    // midden in een woord: niet
        ("loonstr", 2, 2),    // begin van "loonstrook" en "loonstroken"
        ("LOONSTROOK", 1, 2), // PostgreSQL: dezelfde stam als "loonstroken"
        ("loonstroken", 1, 2),
        ("cafe celik", 1, 1), // accenten tellen niet, in de notitie
        ("Çelik CAFÉ", 1, 1), // en niet in de vraag
        ("café mei", 0, 0),   // elk woord moet in dezelfde notitie staan
        ("100%", 1, 1),
        ("00%", 0, 0),
        ("bestaat niet", 0, 0),
    ];
    for (q, sqlite, postgres) in tabel {
        let r = t
            .app
            .contactmomenten_zoeken(&o.anna, q, None)
            .await
            .unwrap();
        let n = if pg { postgres } else { sqlite };
        assert_eq!(r.contactmomenten.len(), n, "{q}");
        assert_eq!(r.volgende, None);
    }
    for (q, melding) in [
        ("ab", "drie"),
        ("%%%", "woorden"),
        ("a b c d e f g h i j k", "tien"),
    ] {
        let e = t
            .app
            .contactmomenten_zoeken(&o.anna, q, None)
            .await
            .unwrap_err();
        assert!(veldfout(e, "q").contains(melding), "{q}");
    }
    let e = t
        .app
        .contactmomenten_zoeken(&o.anna, "loonstrook", Some("geen-cursor"))
        .await
        .unwrap_err();
    assert!(veldfout(e, "na").contains("cursor"));
    o.t.opruimen().await;
}

/// Bladeren door de treffers met een cursor, en afgeschermde notities die niet meetellen: wie
/// een gevoelige notitie niet mag lezen, krijgt de oudere gewone notities die erachter liggen.
#[tokio::test]
async fn zoeken_in_notities_per_bladzijde() {
    let o = opzet().await;
    let t = &o.t;
    for i in 0..135 {
        let c = ContactInvoer {
            // De nieuwste 105 zijn gevoelig (meer dan een bladzijde van 100).
            gevoelig: i >= 30,
            ..o.telefoontje(&format!("Bladertest nummer {i}."))
        };
        t.app.contactmoment_vastleggen(&o.clerk, &c).await.unwrap();
    }
    // De consulent van het dossier leest alles: 100, en dan de rest.
    let eerste = t
        .app
        .contactmomenten_zoeken(&o.anna, "bladertest", None)
        .await
        .unwrap();
    assert_eq!(eerste.contactmomenten.len(), 100);
    let cursor = eerste.volgende.expect("een tweede bladzijde");
    let tweede = t
        .app
        .contactmomenten_zoeken(&o.anna, "bladertest", Some(&cursor))
        .await
        .unwrap();
    assert_eq!(tweede.contactmomenten.len(), 35);
    assert_eq!(tweede.volgende, None);
    let mut ids: Vec<i64> = eerste
        .contactmomenten
        .iter()
        .chain(&tweede.contactmomenten)
        .map(|c| c.rij.id)
        .collect();
    let tijden: Vec<_> = eerste
        .contactmomenten
        .iter()
        .chain(&tweede.contactmomenten)
        .map(|c| (c.rij.tijdstip, c.rij.id))
        .collect();
    assert!(tijden.windows(2).all(|w| w[0] > w[1]), "nieuwste eerst");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 135, "geen dubbele, geen gemiste");
    // Een andere consulent ziet alleen de 30 gewone, op één bladzijde.
    let bram = t
        .app
        .contactmomenten_zoeken(&o.bram, "bladertest", None)
        .await
        .unwrap();
    assert_eq!(bram.contactmomenten.len(), 30);
    assert!(bram.contactmomenten.iter().all(|c| !c.rij.gevoelig));
    assert_eq!(bram.volgende, None);
    o.t.opruimen().await;
}

#[tokio::test]
async fn onbekende_beller_later_koppelen() {
    let o = opzet().await;
    let t = &o.t;
    let id = o
        .anoniem_telefoontje("Belde anoniem; noemde geen BSN.")
        .await;
    let los = t
        .app
        .contactmomenten_zonder_persoon(&o.clerk)
        .await
        .unwrap();
    assert_eq!(los.iter().map(|c| c.rij.id).collect::<Vec<_>>(), vec![id]);
    // Een dossier dat niet van deze persoon is: geweigerd, niets gekoppeld.
    let e = t
        .app
        .contactmoment_koppelen(&o.clerk, id, 1, o.persoon, Some(o.dossier + 999))
        .await
        .unwrap_err();
    assert!(veldfout(e, "dossier_id").contains("dossier"));
    t.app
        .contactmoment_koppelen(&o.clerk, id, 1, o.persoon, Some(o.dossier))
        .await
        .unwrap();
    // Een tweede medewerker met dezelfde versie: conflict.
    assert!(matches!(
        t.app
            .contactmoment_koppelen(&o.clerk2, id, 1, o.persoon, None)
            .await,
        Err(AppFout::Conflict(_))
    ));
    assert!(t
        .app
        .contactmomenten_zonder_persoon(&o.clerk)
        .await
        .unwrap()
        .is_empty());
    let van_dossier = t
        .app
        .contactmomenten_van_dossier(&o.anna, o.dossier)
        .await
        .unwrap();
    assert_eq!(van_dossier.len(), 1);
    assert!(van_dossier[0].rij.gekoppeld_op.is_some());
    o.t.opruimen().await;
}

#[tokio::test]
async fn slechte_invoer_en_niets_half_opgeslagen() {
    let o = opzet().await;
    let t = &o.t;
    let lang = "x".repeat(4_001);
    // (invoer, veld met de fout)
    let tabel = [
        (o.telefoontje("   "), "tekst"),
        (o.telefoontje(&lang), "tekst"),
        (
            ContactInvoer {
                uitkomst: "terugbellen".into(),
                ..o.telefoontje("Terugbellen graag.")
            },
            "telefoonnummer",
        ),
        (
            ContactInvoer {
                uitkomst: "terugbellen".into(),
                telefoonnummer: "12345".into(),
                ..o.telefoontje("Terugbellen graag.")
            },
            "telefoonnummer",
        ),
        (
            ContactInvoer {
                onderwerp: "bestaat_niet".into(),
                ..o.telefoontje("Vraag.")
            },
            "onderwerp",
        ),
        (
            ContactInvoer {
                persoon_id: Some(o.persoon + 999),
                ..o.telefoontje("Vraag.")
            },
            "persoon_id",
        ),
    ];
    for (invoer, veld) in tabel {
        let e = t
            .app
            .contactmoment_vastleggen(&o.clerk, &invoer)
            .await
            .unwrap_err();
        veldfout(e, veld);
    }
    // Niets opgeslagen, geen taak gemaakt.
    assert!(t
        .app
        .contactmomenten_van_persoon(&o.anna, o.persoon)
        .await
        .unwrap()
        .is_empty());
    let v = t.app.vandaag(&o.anna, Some("terugbellen")).await.unwrap();
    assert!(v.taken.is_empty());
    // HTML blijft tekst: opgeslagen zoals getypt (de schil ontsnapt bij het tonen).
    let script = "<script>alert('x')</script> belt terug";
    let (id, _) = t
        .app
        .contactmoment_vastleggen(&o.clerk, &o.telefoontje(script))
        .await
        .unwrap();
    assert_eq!(
        t.app.contactmoment(&o.anna, id).await.unwrap().rij.tekst,
        script
    );
    // Een rol zonder het recht: geweigerd.
    let auditor = t.persona(Rol::Auditor).await;
    assert!(matches!(
        t.app
            .contactmoment_vastleggen(&auditor, &o.telefoontje("Vraag."))
            .await,
        Err(AppFout::GeenToegang)
    ));
    o.t.opruimen().await;
}

#[tokio::test]
async fn bellerbeeld_toont_dossier_consulent_en_open_taken() {
    let o = opzet().await;
    let t = &o.t;
    let b = t.app.bellerbeeld(&o.clerk, o.persoon).await.unwrap();
    assert_eq!(b.dossiers.len(), 1);
    let d = &b.dossiers[0];
    assert_eq!(d.dossier.id, o.dossier);
    assert_eq!(d.consulent.as_deref(), Some("Test anna"));
    assert!(
        !d.open_taken.is_empty(),
        "registreren, beslissen, voorschot"
    );
    // Nog geen uitkering: geen volgende betaling.
    assert!(d.volgende_betaling.is_none());

    // Met een uitkering: de betaling van deze maand zoals nu berekend, nog zonder datum.
    t.app
        .uitkering_toekennen(
            &o.anna,
            o.dossier,
            &vangnet_app::uitkeringen::Toekenningsinvoer {
                begindatum: "2026-11-01",
                inhoud: "Algemene bijstand",
                bijzondere_reden: "",
            },
        )
        .await
        .unwrap();
    let v = t
        .app
        .bellerbeeld(&o.clerk, o.persoon)
        .await
        .unwrap()
        .dossiers[0]
        .volgende_betaling
        .clone()
        .unwrap();
    assert_eq!(v.maand.to_string(), "2026-11-01");
    assert!(!v.definitief && v.betaaldatum.is_none());
    let berekend = v.bedrag_centen.unwrap();
    assert!(berekend > 0);
    // Na een goedgekeurde run met een betaaldatum die nog komt: dat bedrag op die datum.
    let run = t
        .app
        .betaalrun_starten(&o.fb, "2026-11", "2026-11-30")
        .await
        .unwrap();
    let r = t.app.betaalrun_berekenen(&o.fb, run, |_| {}).await.unwrap();
    t.app
        .betaalrun_goedkeuren(&o.leider, run, r.versie)
        .await
        .unwrap();
    let v = t
        .app
        .bellerbeeld(&o.clerk, o.persoon)
        .await
        .unwrap()
        .dossiers[0]
        .volgende_betaling
        .clone()
        .unwrap();
    assert!(v.definitief);
    assert_eq!(v.betaaldatum.unwrap().to_string(), "2026-11-30");
    assert_eq!(v.bedrag_centen, Some(berekend));
    // Na de betaaldatum: volgende maand, weer zoals berekend.
    t.klok.verzet(Duration::days(3));
    let v = t
        .app
        .bellerbeeld(&o.clerk, o.persoon)
        .await
        .unwrap()
        .dossiers[0]
        .volgende_betaling
        .clone()
        .unwrap();
    assert_eq!(v.maand.to_string(), "2026-12-01");
    assert!(!v.definitief);
    o.t.opruimen().await;
}

#[tokio::test]
async fn onderwerpen_richt_de_beheerder_in() {
    let o = opzet().await;
    let t = &o.t;
    let (oud, _) = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                onderwerp: "klacht".into(),
                ..o.telefoontje("Klaagt over de wachttijd.")
            },
        )
        .await
        .unwrap();
    let fb = &o.fb;
    // Slechte invoer: de regel staat in de melding, niets gewijzigd.
    let e = t
        .app
        .contactonderwerpen_zetten(fb, "betaling = Betaling\nKlacht = Hoofdletter")
        .await
        .unwrap_err();
    assert!(veldfout(e, "onderwerpen").contains("Regel 2"));
    assert!(t
        .app
        .contactonderwerpen(&o.clerk)
        .await
        .unwrap()
        .iter()
        .any(|k| k.code == "klacht"));
    assert!(matches!(
        t.app
            .contactonderwerpen_zetten(&o.clerk, "betaling = Betaling")
            .await,
        Err(AppFout::GeenToegang)
    ));
    t.app
        .contactonderwerpen_zetten(
            fb,
            "schulden = Schulden en bewind\nbetaling = Wanneer betaald",
        )
        .await
        .unwrap();
    let keuzes = t.app.contactonderwerpen(&o.clerk).await.unwrap();
    assert_eq!(
        keuzes
            .iter()
            .map(|k| (k.code.as_str(), k.omschrijving.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("schulden", "Schulden en bewind"),
            ("betaling", "Wanneer betaald")
        ]
    );
    // Een weggehaald onderwerp is niet meer te kiezen; de oude notitie houdt het.
    let e = t
        .app
        .contactmoment_vastleggen(
            &o.clerk,
            &ContactInvoer {
                onderwerp: "klacht".into(),
                ..o.telefoontje("Nog een klacht.")
            },
        )
        .await
        .unwrap_err();
    veldfout(e, "onderwerp");
    let c = t.app.contactmoment(&o.anna, oud).await.unwrap();
    assert_eq!(c.onderwerpnaam, "Klacht of bezwaar");
    o.t.opruimen().await;
}

#[tokio::test]
async fn onbekende_beller_koppelen_op_bsn() {
    let o = opzet().await;
    let t = &o.t;
    let id = o
        .anoniem_telefoontje("Belde zonder BSN; later teruggevonden.")
        .await;
    let nummer = t
        .app
        .dossier(&o.clerk, o.dossier, None, None)
        .await
        .unwrap()
        .dossier
        .nummer;
    // (bsn, dossiernummer, veld met de fout)
    let tabel = [
        ("12345", "", "bsn"),
        ("111222333", "", "bsn"),
        ("123456782", "2026-999999", "dossiernummer"),
    ];
    for (bsn, dossiernummer, veld) in tabel {
        let e = t
            .app
            .contactmoment_koppelen_op_bsn(&o.clerk, id, 1, bsn, dossiernummer)
            .await
            .unwrap_err();
        veldfout(e, veld);
    }
    // Niets gekoppeld; wie niet mag, wordt geweigerd.
    assert_eq!(
        t.app
            .contactmomenten_zonder_persoon(&o.clerk)
            .await
            .unwrap()
            .len(),
        1
    );
    let handhaving = t.persona(Rol::Handhaving).await;
    assert!(matches!(
        t.app
            .contactmoment_koppelen_op_bsn(&handhaving, id, 1, "123456782", "")
            .await,
        Err(AppFout::GeenToegang)
    ));
    let persoon = t
        .app
        .contactmoment_koppelen_op_bsn(&o.clerk, id, 1, "123 456 782", &nummer)
        .await
        .unwrap();
    assert_eq!(persoon, o.persoon);
    let c = t.app.contactmoment(&o.anna, id).await.unwrap();
    assert_eq!(c.rij.dossier_id, Some(o.dossier));
    o.t.opruimen().await;
}
