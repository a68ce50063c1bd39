//! De use cases van accounts, beheer en audit, tegen een echte database (SQLite, of PostgreSQL
//! met `VANGNET_TEST_DATABASE_URL`) en een vaste klok.

use chrono::Duration;
use vangnet_app::account::EersteStart;
use vangnet_app::audit::KetenUitslag;
use vangnet_app::beheer::{GebruikerWijziging, NieuweGebruiker};
use vangnet_app::opslag::{AuditFilter, ToegangFilter};
use vangnet_app::{AppFout, Context, Instellingen};
use vangnet_domain::audit::KetenFout;
use vangnet_domain::{verwerking, Rol};
use vangnet_store::Engine;
use vangnet_testkit::{TestApp, PERSONA_WACHTWOORD};

fn ctx_van(t: &Context) -> Context {
    Context::nieuw(t.actor.clone(), vangnet_app::geheim::operatie_id())
}

#[tokio::test]
async fn eerste_start_maakt_precies_een_beheerder() {
    let t = TestApp::nieuw().await;
    let eerste = t.app.eerste_start(None).await.unwrap();
    let EersteStart::BeheerderAangemaakt {
        gebruikersnaam,
        eenmalig_wachtwoord: Some(w),
    } = eerste
    else {
        panic!("verwacht een beheerder met eenmalig wachtwoord: {eerste:?}");
    };
    assert_eq!(gebruikersnaam, "beheerder");
    assert_eq!(
        t.app.eerste_start(None).await.unwrap(),
        EersteStart::AlIngericht
    );
    let sessie = t
        .app
        .inloggen("op1", "beheerder", &w, "127.0.0.1")
        .await
        .unwrap();
    assert!(
        sessie.moet_wachtwoord_wijzigen,
        "eenmalig wachtwoord moet gewijzigd worden"
    );
    let geldig = t.app.sessie_controleren(&sessie.sleutel).await.unwrap();
    assert_eq!(geldig.actor.rollen(), &[Rol::FunctioneelBeheerder]);
    t.opruimen().await;
}

#[tokio::test]
async fn wachtwoord_uit_de_omgeving_moet_aan_het_beleid_voldoen() {
    let t = TestApp::nieuw().await;
    let fout = t.app.eerste_start(Some("kort")).await.unwrap_err();
    assert!(
        matches!(&fout, AppFout::Ongeldig(v) if v.voor("VANGNET_ADMIN_PASSWORD").is_some()),
        "{fout:?}"
    );
    assert!(matches!(
        t.app
            .eerste_start(Some("lang-genoeg-wachtwoord"))
            .await
            .unwrap(),
        EersteStart::BeheerderAangemaakt {
            eenmalig_wachtwoord: None,
            ..
        }
    ));
    t.opruimen().await;
}

#[tokio::test]
async fn inloggen_zegt_niet_of_een_account_bestaat() {
    let t = TestApp::nieuw().await;
    let c = t.persona(Rol::Inkomensconsulent).await;
    t.app
        .inloggen("op", "consulent", PERSONA_WACHTWOORD, "10.0.0.1")
        .await
        .unwrap();
    let fout_ww = t
        .app
        .inloggen("op", "consulent", "fout-wachtwoord", "10.0.0.1")
        .await
        .unwrap_err();
    let onbekend = t
        .app
        .inloggen("op", "bestaatniet", "fout-wachtwoord", "10.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(fout_ww.to_string(), onbekend.to_string());
    assert!(matches!(fout_ww, AppFout::InloggenMislukt));

    // Geblokkeerd: dezelfde melding, ook met het juiste wachtwoord.
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let g = t.app.gebruiker_op_naam(&fb, "consulent").await.unwrap();
    t.app
        .gebruiker_wijzigen(
            &ctx_van(&fb),
            c.actor.gebruiker_id().unwrap(),
            &GebruikerWijziging {
                volledige_naam: g.volledige_naam,
                rollen: vec!["inkomensconsulent".into()],
                geblokkeerd: true,
                versie: g.versie,
                reden: "uit dienst".into(),
            },
        )
        .await
        .unwrap();
    let geblokkeerd = t
        .app
        .inloggen("op", "consulent", PERSONA_WACHTWOORD, "10.0.0.1")
        .await
        .unwrap_err();
    assert_eq!(geblokkeerd.to_string(), onbekend.to_string());
    t.opruimen().await;
}

/// Het inloggen gaat door de envelop als handeling van het systeem: een mislukte poging staat
/// op naam van het systeem, een gelukte op naam van wie inlogde, beide met het operatie-id van
/// het verzoek en het tijdstip van de klok.
#[tokio::test]
async fn inloggen_staat_in_de_audittrail_op_naam_van_wie_inlogde() {
    let t = TestApp::nieuw().await;
    let c = t.persona(Rol::Inkomensconsulent).await;
    let _ = t
        .app
        .inloggen("mislukt-1", "consulent", "fout-wachtwoord", "10.0.0.9")
        .await
        .unwrap_err();
    t.app
        .inloggen("gelukt-1", "consulent", PERSONA_WACHTWOORD, "10.0.0.9")
        .await
        .unwrap();
    let auditor = t.persona(Rol::Auditor).await;
    let records = |actie: &str| {
        let f = AuditFilter {
            actie: Some(actie.into()),
            ..Default::default()
        };
        let (app, auditor) = (&t.app, &auditor);
        async move { app.audit_zoeken(auditor, &f, 10, 0).await.unwrap().records }
    };
    let mislukt = records("inloggen.mislukt").await;
    assert_eq!(mislukt.len(), 1);
    let m = &mislukt[0].gegevens;
    assert_eq!(
        (m.operatie_id.as_str(), m.actor_id),
        ("mislukt-1", None),
        "{m:?}"
    );
    assert!(m.samenvatting.contains("10.0.0.9"), "{m:?}");
    let gelukt = records("sessie.gestart").await;
    let g = gelukt
        .iter()
        .map(|r| &r.gegevens)
        .find(|g| g.operatie_id == "gelukt-1")
        .expect("een record van de sessie");
    assert_eq!(g.actor, "consulent");
    assert_eq!(g.actor_id, c.actor.gebruiker_id());
    assert_eq!(g.tijdstip, "2026-11-28T10:00:00.000000Z");
    t.opruimen().await;
}

#[tokio::test]
async fn inlogdrempel_per_account_en_per_adres() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::Auditor).await;
    let vrij = Instellingen::default().vrije_pogingen;
    for _ in 0..vrij {
        assert!(matches!(
            t.app.inloggen("op", "auditor", "fout", "10.0.0.1").await,
            Err(AppFout::InloggenMislukt)
        ));
    }
    // Vanaf dit adres nu een minuut wachten, ook met het juiste wachtwoord.
    assert!(matches!(
        t.app
            .inloggen("op", "auditor", PERSONA_WACHTWOORD, "10.0.0.1")
            .await,
        Err(AppFout::TeVeelPogingen { minuten: 1 })
    ));
    // Issue 17 punt 11: wie vanaf een ander adres raadt, sluit de echte gebruiker niet buiten.
    t.app
        .inloggen("op", "auditor", PERSONA_WACHTWOORD, "10.0.0.2")
        .await
        .unwrap();
    // Elke volgende mislukte poging verdubbelt de wachttijd van dit paar: 1, 2, 4 minuten.
    for wacht in [1, 2, 4] {
        t.klok.verzet(Duration::minutes(wacht));
        assert!(matches!(
            t.app.inloggen("op", "auditor", "fout", "10.0.0.1").await,
            Err(AppFout::InloggenMislukt)
        ));
        assert!(
            matches!(
                t.app.inloggen("op", "auditor", "fout", "10.0.0.1").await,
                Err(AppFout::TeVeelPogingen { minuten }) if minuten == wacht * 2
            ),
            "na een poging meer: {} minuten",
            wacht * 2
        );
    }
    // Een onbekende naam wordt net zo behandeld (de drempel verraadt niets).
    for _ in 0..vrij {
        let _ = t.app.inloggen("op", "niemand", "fout", "10.0.0.3").await;
    }
    assert!(matches!(
        t.app.inloggen("op", "niemand", "fout", "10.0.0.3").await,
        Err(AppFout::TeVeelPogingen { .. })
    ));
    // Na het venster weer toegelaten.
    t.klok.verzet(Duration::minutes(16));
    t.app
        .inloggen("op", "auditor", PERSONA_WACHTWOORD, "10.0.0.1")
        .await
        .unwrap();

    // Per adres: veel namen vanaf één adres blokkeren dat adres, niet een ander.
    let per_adres = Instellingen::default().max_pogingen_per_adres;
    for i in 0..per_adres {
        let _ = t
            .app
            .inloggen("op", &format!("gok{i}"), "fout", "10.9.9.9")
            .await;
    }
    assert!(matches!(
        t.app
            .inloggen("op", "auditor", PERSONA_WACHTWOORD, "10.9.9.9")
            .await,
        Err(AppFout::TeVeelPogingen { .. })
    ));
    t.app
        .inloggen("op", "auditor", PERSONA_WACHTWOORD, "10.0.0.5")
        .await
        .unwrap();

    // IPv6: elke poging vanaf een ander adres uit hetzelfde /64-net telt voor dat net.
    for i in 0..vrij {
        let _ = t
            .app
            .inloggen("op", "auditor", "fout", &format!("2001:db8:7:1::{i:x}"))
            .await;
    }
    assert!(matches!(
        t.app
            .inloggen("op", "auditor", PERSONA_WACHTWOORD, "2001:db8:7:1::ffff")
            .await,
        Err(AppFout::TeVeelPogingen { .. })
    ));
    t.app
        .inloggen("op", "auditor", PERSONA_WACHTWOORD, "2001:db8:7:2::1")
        .await
        .unwrap();
    t.opruimen().await;
}

#[tokio::test]
async fn sessie_verloopt_na_inactiviteit_en_na_maximale_duur() {
    let t = TestApp::nieuw().await;
    t.persona(Rol::Teamleider).await;
    let s = t
        .app
        .inloggen("op", "teamleider", PERSONA_WACHTWOORD, "ip")
        .await
        .unwrap();
    // Elke 20 minuten actief: blijft geldig tot en met de maximale duur van 12 uur.
    for _ in 0..36 {
        t.klok.verzet(Duration::minutes(20));
        t.app.sessie_controleren(&s.sleutel).await.unwrap();
    }
    t.klok.verzet(Duration::minutes(20));
    assert!(matches!(
        t.app.sessie_controleren(&s.sleutel).await,
        Err(AppFout::SessieVerlopen)
    ));
    assert!(
        matches!(
            t.app.sessie_controleren(&s.sleutel).await,
            Err(AppFout::NietIngelogd)
        ),
        "weg na verlopen"
    );

    let s = t
        .app
        .inloggen("op", "teamleider", PERSONA_WACHTWOORD, "ip")
        .await
        .unwrap();
    t.klok.verzet(Duration::minutes(31));
    assert!(matches!(
        t.app.sessie_controleren(&s.sleutel).await,
        Err(AppFout::SessieVerlopen)
    ));
    assert!(matches!(
        t.app.sessie_controleren("onzin").await,
        Err(AppFout::NietIngelogd)
    ));
    t.opruimen().await;
}

#[tokio::test]
async fn wachtwoord_wijzigen_controleert_en_beeindigt_andere_sessies() {
    let t = TestApp::nieuw().await;
    let ctx = t.persona(Rol::Handhaving).await;
    let hier = t
        .app
        .inloggen("op", "handhaver", PERSONA_WACHTWOORD, "ip")
        .await
        .unwrap();
    let elders = t
        .app
        .inloggen("op", "handhaver", PERSONA_WACHTWOORD, "ip2")
        .await
        .unwrap();
    let fout = t
        .app
        .wachtwoord_wijzigen(&ctx, Some(&hier.sleutel), "fout", "kort", "anders")
        .await
        .unwrap_err();
    let AppFout::Ongeldig(v) = fout else {
        panic!("{fout:?}")
    };
    assert!(v.voor("huidig").is_some());
    assert!(v.voor("nieuw").unwrap().contains("12 tekens"));
    let fout = t
        .app
        .wachtwoord_wijzigen(
            &ctx,
            Some(&hier.sleutel),
            PERSONA_WACHTWOORD,
            "nieuw-en-lang-genoeg",
            "nieuw-en-lang-genoeX",
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&fout, AppFout::Ongeldig(v) if v.voor("herhaling").is_some()),
        "{fout:?}"
    );
    let nieuwe_sleutel = t
        .app
        .wachtwoord_wijzigen(
            &ctx,
            Some(&hier.sleutel),
            PERSONA_WACHTWOORD,
            "nieuw-en-lang-genoeg",
            "nieuw-en-lang-genoeg",
        )
        .await
        .unwrap()
        .expect("de eigen sessie krijgt een nieuwe sleutel");
    // Issue 17 punt 11: de oude sleutel werkt niet meer, de nieuwe wel.
    assert!(t.app.sessie_controleren(&hier.sleutel).await.is_err());
    t.app.sessie_controleren(&nieuwe_sleutel).await.unwrap();
    assert!(
        t.app.sessie_controleren(&elders.sleutel).await.is_err(),
        "andere sessie beëindigd"
    );
    assert!(t
        .app
        .inloggen("op", "handhaver", PERSONA_WACHTWOORD, "ip")
        .await
        .is_err());
    t.app
        .inloggen("op", "handhaver", "nieuw-en-lang-genoeg", "ip")
        .await
        .unwrap();
    t.opruimen().await;
}

#[tokio::test]
async fn api_tokens_werken_tot_ze_zijn_ingetrokken() {
    let t = TestApp::nieuw().await;
    let ctx = t.persona(Rol::Auditor).await;
    let leeg = t
        .app
        .token_aanmaken(&ctx, "auditor", "  ")
        .await
        .unwrap_err();
    assert!(matches!(&leeg, AppFout::Ongeldig(v) if v.voor("omschrijving").is_some()));
    let tok = t
        .app
        .token_aanmaken(&ctx, "auditor", "rapportage")
        .await
        .unwrap();
    assert!(tok.token.starts_with("vgn_"));
    let actor = t.app.token_controleren(&tok.token).await.unwrap();
    assert_eq!(actor.gebruiker_id(), ctx.actor.gebruiker_id());
    // Voor een ander mag een gebruiker geen token maken; het systeem (opdrachtregel) wel.
    let ander = t.persona(Rol::Teamleider).await;
    assert!(matches!(
        t.app.token_aanmaken(&ander, "auditor", "x").await,
        Err(AppFout::GeenToegang)
    ));
    t.app
        .token_aanmaken(&TestApp::systeem(), "teamleider", "koppeling")
        .await
        .unwrap();
    // Intrekken: alleen eigen tokens.
    assert!(matches!(
        t.app.token_intrekken(&ander, tok.id).await,
        Err(AppFout::NietGevonden(_))
    ));
    t.app.token_controleren(&tok.token).await.unwrap();
    t.app.token_intrekken(&ctx, tok.id).await.unwrap();
    assert!(matches!(
        t.app.token_controleren(&tok.token).await,
        Err(AppFout::NietIngelogd)
    ));
    assert!(matches!(
        t.app.token_controleren("vgn_bestaatniet").await,
        Err(AppFout::NietIngelogd)
    ));
    t.opruimen().await;
}

#[tokio::test]
async fn gebruikers_beheren_met_validatie_en_zonder_verloren_wijzigingen() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let fout = t
        .app
        .gebruiker_aanmaken(
            &fb,
            &NieuweGebruiker {
                gebruikersnaam: "1 ongeldig".into(),
                volledige_naam: "".into(),
                rollen: vec!["koning".into()],
            },
        )
        .await
        .unwrap_err();
    let AppFout::Ongeldig(v) = fout else {
        panic!("{fout:?}")
    };
    assert!(v.voor("gebruikersnaam").is_some() && v.voor("volledige_naam").is_some());
    assert_eq!(v.voor("rollen"), Some("Onbekende rol 'koning'."));

    let nieuw = NieuweGebruiker {
        gebruikersnaam: "PJansen".into(),
        volledige_naam: "Piet Jansen".into(),
        rollen: vec!["inkomensconsulent".into(), "teamleider".into()],
    };
    let (id, eenmalig) = t.app.gebruiker_aanmaken(&fb, &nieuw).await.unwrap();
    assert_eq!(eenmalig.len(), 20);
    let dubbel = t.app.gebruiker_aanmaken(&fb, &nieuw).await.unwrap_err();
    assert!(
        matches!(&dubbel, AppFout::Ongeldig(v) if v.voor("gebruikersnaam") == Some("De gebruikersnaam 'pjansen' is al in gebruik.")),
        "{dubbel:?}"
    );

    // Twee beheerders openen dezelfde versie; de tweede krijgt een conflict.
    let g = t.app.gebruiker_op_naam(&fb, "pjansen").await.unwrap();
    let wijziging = |naam: &str| GebruikerWijziging {
        volledige_naam: naam.into(),
        rollen: vec!["inkomensconsulent".into()],
        geblokkeerd: false,
        versie: g.versie,
        reden: String::new(),
    };
    t.app
        .gebruiker_wijzigen(&fb, id, &wijziging("P. Jansen"))
        .await
        .unwrap();
    let conflict = t
        .app
        .gebruiker_wijzigen(&fb, id, &wijziging("Pieter Jansen"))
        .await
        .unwrap_err();
    assert!(matches!(conflict, AppFout::Verouderd(_)));
    assert_eq!(
        t.app
            .gebruiker_op_naam(&fb, "pjansen")
            .await
            .unwrap()
            .volledige_naam,
        "P. Jansen"
    );

    // Zichzelf blokkeren of de beheerrol afnemen kan niet.
    let eigen = t.app.gebruiker_op_naam(&fb, "fb").await.unwrap();
    let fout = t
        .app
        .gebruiker_wijzigen(
            &fb,
            eigen.id,
            &GebruikerWijziging {
                volledige_naam: eigen.volledige_naam.clone(),
                rollen: vec!["auditor".into()],
                geblokkeerd: true,
                versie: eigen.versie,
                reden: String::new(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&fout, AppFout::Ongeldig(v) if v.voor("geblokkeerd").is_some() && v.voor("rollen").is_some())
    );

    // Reset: nieuw eenmalig wachtwoord, sessies weg.
    let s = t
        .app
        .inloggen("op", "pjansen", &eenmalig, "ip")
        .await
        .unwrap();
    let opnieuw = t.app.wachtwoord_resetten(&fb, id).await.unwrap();
    assert!(t.app.sessie_controleren(&s.sleutel).await.is_err());
    assert!(
        t.app
            .inloggen("op", "pjansen", &opnieuw, "ip")
            .await
            .unwrap()
            .moet_wachtwoord_wijzigen
    );

    // Het eigen wachtwoord niet via de reset: alleen met het huidige (Mijn account).
    let eigen = fb.actor.gebruiker_id().unwrap();
    assert!(matches!(
        t.app.wachtwoord_resetten(&fb, eigen).await,
        Err(AppFout::Conflict(m)) if m.contains("Mijn account")
    ));

    // Wie geen beheerrecht heeft, kan niets van dit alles.
    let c = t.persona(Rol::Inkomensconsulent).await;
    assert!(matches!(
        t.app.gebruikers(&c).await,
        Err(AppFout::GeenToegang)
    ));
    assert!(matches!(
        t.app.gebruiker_aanmaken(&c, &nieuw).await,
        Err(AppFout::GeenToegang)
    ));
    assert!(matches!(
        t.app.wachtwoord_resetten(&c, id).await,
        Err(AppFout::GeenToegang)
    ));
    assert!(matches!(
        t.app.gebruiker(&c, id).await,
        Err(AppFout::GeenToegang)
    ));
    t.opruimen().await;
}

#[tokio::test]
async fn teams_en_leden_beheren() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    t.persona(Rol::Inkomensconsulent).await;
    let leeg = t.app.team_aanmaken(&fb, " ", "").await.unwrap_err();
    assert!(
        matches!(&leeg, AppFout::Ongeldig(v) if v.voor("naam") == Some("Vul de naam van het team in."))
    );
    let noord = t
        .app
        .team_aanmaken(&fb, "Noord", "Wijken Noord")
        .await
        .unwrap();
    let dubbel = t.app.team_aanmaken(&fb, "noord", "").await.unwrap_err();
    assert!(matches!(&dubbel, AppFout::Ongeldig(v) if v.voor("naam").is_some()));
    t.app.teamlid(&fb, noord, "consulent", true).await.unwrap();
    t.app.teamlid(&fb, noord, "consulent", true).await.unwrap();
    let onbekend = t
        .app
        .teamlid(&fb, noord, "niemand", true)
        .await
        .unwrap_err();
    assert!(
        matches!(&onbekend, AppFout::Ongeldig(v) if v.voor("gebruikersnaam") == Some("Er is geen gebruiker 'niemand'."))
    );
    let team = t.app.team(&fb, noord).await.unwrap();
    assert_eq!(team.leden.len(), 1);
    t.app
        .team_wijzigen(&fb, noord, "Noord-Oost", "", team.team.versie)
        .await
        .unwrap();
    assert!(matches!(
        t.app
            .team_wijzigen(&fb, noord, "Noord", "", team.team.versie)
            .await,
        Err(AppFout::Verouderd(_))
    ));
    // Een teamleider ziet teams maar beheert ze niet; handhaving ziet ze niet.
    let tl = t.persona(Rol::Teamleider).await;
    assert_eq!(t.app.teams(&tl).await.unwrap().len(), 1);
    assert!(matches!(
        t.app.team_aanmaken(&tl, "Zuid", "").await,
        Err(AppFout::GeenToegang)
    ));
    assert!(matches!(
        t.app.teamlid(&tl, noord, "teamleider", true).await,
        Err(AppFout::GeenToegang)
    ));
    let hh = t.persona(Rol::Handhaving).await;
    assert!(matches!(t.app.teams(&hh).await, Err(AppFout::GeenToegang)));
    // Eén auditrecord per echte wijziging (het dubbele toevoegen telt niet).
    let auditor = t.persona(Rol::Auditor).await;
    let f = AuditFilter {
        onderwerp_type: Some("team".into()),
        ..Default::default()
    };
    let acties: Vec<String> = t
        .app
        .audit_zoeken(&auditor, &f, 50, 0)
        .await
        .unwrap()
        .records
        .into_iter()
        .map(|r| r.gegevens.actie)
        .collect();
    assert_eq!(
        acties,
        ["team.gewijzigd", "team.lid_toegevoegd", "team.aangemaakt"]
    );
    t.opruimen().await;
}

#[tokio::test]
async fn elke_wijziging_staat_in_de_audittrail_met_operatie_id() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let ctx = Context::nieuw(fb.actor.clone(), "0123456789abcdef0123456789abcdef");
    let (id, _) = t
        .app
        .gebruiker_aanmaken(
            &ctx,
            &NieuweGebruiker {
                gebruikersnaam: "nieuw".into(),
                volledige_naam: "Nieuwe Collega".into(),
                rollen: vec!["auditor".into()],
            },
        )
        .await
        .unwrap();
    let auditor = t.persona(Rol::Auditor).await;
    let f = AuditFilter {
        onderwerp_id: Some(id.to_string()),
        actie: Some("gebruiker.aangemaakt".into()),
        ..Default::default()
    };
    let p = t.app.audit_zoeken(&auditor, &f, 10, 0).await.unwrap();
    assert_eq!(p.totaal, 1);
    let r = &p.records[0].gegevens;
    assert_eq!(r.operatie_id, "0123456789abcdef0123456789abcdef");
    assert_eq!(r.actor, "fb");
    assert_eq!(r.actor_id, fb.actor.gebruiker_id());
    assert_eq!(r.tijdstip, "2026-11-28T10:00:00.000000Z");
    assert!(r.na.as_deref().unwrap().contains("\"Nieuwe Collega\""));
    assert!(
        !r.na.as_deref().unwrap().contains("argon2"),
        "nooit een wachtwoordhash in de audittrail"
    );
    assert!(matches!(
        t.app.audit_zoeken(&fb, &f, 10, 0).await,
        Err(AppFout::GeenToegang)
    ));
    t.opruimen().await;
}

#[tokio::test]
async fn inzage_in_gebruikersgegevens_komt_in_het_toegangslog() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let c = t.persona(Rol::Inkomensconsulent).await;
    let ctx = Context::nieuw(fb.actor.clone(), "fedcba9876543210fedcba9876543210");
    let cid = c.actor.gebruiker_id().unwrap();
    t.app.gebruiker(&ctx, cid).await.unwrap();
    let auditor = t.persona(Rol::Auditor).await;
    let p = t
        .app
        .toegang_zoeken(
            &auditor,
            &ToegangFilter {
                betrokkene_id: Some(cid.to_string()),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(p.totaal, 1);
    let r = &p.regels[0];
    assert_eq!(r.trace_id, "fedcba9876543210fedcba9876543210");
    assert_eq!(r.span_id.len(), 16);
    assert_eq!(r.gebruiker, "fb");
    assert_eq!(r.betrokkene_type, "gebruiker");
    assert_eq!(r.verwerkingsactiviteit, verwerking::GEBRUIKERSBEHEER.id);
    assert!(matches!(
        t.app
            .toegang_zoeken(&fb, &ToegangFilter::default(), 10, 0)
            .await,
        Err(AppFout::GeenToegang)
    ));
    t.opruimen().await;
}

/// Wie de database zelf bewerkt (triggers uitgezet), breekt de keten; `audit verify` ziet het.
#[tokio::test]
async fn manipulatie_van_de_audittrail_wordt_ontdekt() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    for naam in ["Noord", "Zuid", "West"] {
        t.app.team_aanmaken(&fb, naam, "").await.unwrap();
    }
    let auditor = t.persona(Rol::Auditor).await;
    let KetenUitslag::Intact { records, .. } = t.app.audit_controleren(&auditor).await.unwrap()
    else {
        panic!("keten zou intact moeten zijn");
    };
    assert!(records >= 5);
    let (zonder, met) = match t.engine() {
        Engine::Sqlite => (
            "DROP TRIGGER auditrecords_niet_wijzigen; DROP TRIGGER auditrecords_niet_verwijderen;",
            "",
        ),
        Engine::Postgres => (
            "ALTER TABLE auditrecords DISABLE TRIGGER USER;",
            "ALTER TABLE auditrecords ENABLE TRIGGER USER;",
        ),
    };
    let db = &t.testdb.db;
    db.ruwe_sql(zonder).await.unwrap();
    db.ruwe_sql(
        "UPDATE auditrecords SET samenvatting = 'Team Oost aangemaakt' WHERE volgnummer = 3",
    )
    .await
    .unwrap();
    assert_eq!(
        t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Gebroken(KetenFout::Gewijzigd { volgnummer: 3 })
    );
    db.ruwe_sql("DELETE FROM auditrecords WHERE volgnummer = 3")
        .await
        .unwrap();
    assert_eq!(
        t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Gebroken(KetenFout::Gat {
            verwacht: 3,
            gevonden: 4
        })
    );
    let laatste = format!("DELETE FROM auditrecords WHERE volgnummer >= 3; {met}");
    db.ruwe_sql(&laatste).await.unwrap();
    assert!(matches!(
        t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Gebroken(KetenFout::KopWijktAf { laatste: 2, .. })
    ));
    assert!(matches!(
        t.app.audit_controleren(&fb).await,
        Err(AppFout::GeenToegang)
    ));
    t.opruimen().await;
}

/// Issue 17 punt 5: het toegangslog is per partij geketend (met de sleutel), en ankers buiten de
/// database laten ook het weghalen van de laatste records zien. Wie een inzage verbergt door een
/// regel weg te halen of te wijzigen, of de staart van een keten afknipt, valt op.
#[tokio::test]
async fn toegangslog_en_ankers_tegen_knoeien_in_de_database() {
    let ankers = std::env::temp_dir().join(format!(
        "vangnet-ankers-{}.log",
        vangnet_app::geheim::willekeurig_hex(6)
    ));
    let t = TestApp::met_instellingen(Instellingen {
        ankers: Some(ankers.clone()),
        ..Default::default()
    })
    .await;
    t.app.demo_laden(5, 7, |_, _| {}).await.unwrap();
    let consulent = t.app.context_als("consulent").await.unwrap();
    let auditor = t.app.context_als("auditor").await.unwrap();
    // Elke inzage van een persoon komt in het toegangslog.
    for persoon in 1..=3 {
        t.app.persoon(&consulent, persoon).await.unwrap();
    }
    assert!(t.app.ankeren().await.unwrap(), "eerste anker");
    assert!(
        !t.app.ankeren().await.unwrap(),
        "niets veranderd: geen nieuw anker"
    );
    // Twee tegelijk (de minuutjob en een opdracht): precies één schrijft.
    t.app.persoon(&consulent, 2).await.unwrap();
    let (a, b) = tokio::join!(t.app.ankeren(), t.app.ankeren());
    assert!(a.unwrap() ^ b.unwrap(), "tweede anker, één keer");
    let KetenUitslag::Intact {
        sleutel, ankers: n, ..
    } = t.app.audit_controleren(&auditor).await.unwrap()
    else {
        panic!("intact verwacht");
    };
    assert!(sleutel);
    assert_eq!(n, 2);
    let (uit, aan) = match t.engine() {
        Engine::Sqlite => (
            "DROP TRIGGER toegangsregels_niet_verwijderen; DROP TRIGGER toegangsregels_niet_wijzigen; \
             DROP TRIGGER auditrecords_niet_verwijderen;",
            "",
        ),
        Engine::Postgres => (
            "ALTER TABLE toegangsregels DISABLE TRIGGER USER; ALTER TABLE auditrecords DISABLE TRIGGER USER;",
            "",
        ),
    };
    let db = &t.testdb.db;
    db.ruwe_sql(uit).await.unwrap();
    let gebroken = || async {
        match t.app.audit_controleren(&auditor).await.unwrap() {
            KetenUitslag::Gebroken(f) => f,
            u => panic!("gebroken verwacht, kreeg {u:?}"),
        }
    };
    // Eén inzage van de consulent verbergen: de regel wijzigen, of weghalen.
    db.ruwe_sql(
        "CREATE TABLE bewaard AS SELECT * FROM toegangsregels WHERE id = (SELECT MAX(id) FROM toegangsregels)",
    )
    .await
    .unwrap();
    db.ruwe_sql(
        "UPDATE toegangsregels SET betrokkene_id = '1' WHERE id = (SELECT id FROM bewaard)",
    )
    .await
    .unwrap();
    assert!(matches!(
        gebroken().await,
        KetenFout::ToegangslogGebroken { .. }
    ));
    db.ruwe_sql("DELETE FROM toegangsregels WHERE id = (SELECT id FROM bewaard)")
        .await
        .unwrap();
    assert!(matches!(
        gebroken().await,
        KetenFout::ToegangslogGebroken { .. }
    ));
    db.ruwe_sql("INSERT INTO toegangsregels SELECT * FROM bewaard")
        .await
        .unwrap();
    assert!(matches!(
        t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Intact { .. }
    ));
    // Een regel erbij buiten elke schakel (een inzage op naam van een ander): ook dat valt op.
    db.ruwe_sql(
        "INSERT INTO toegangsregels (id, verwerking_id, maand, betrokkene_id) \
         SELECT id + 1000, verwerking_id, maand, '3' FROM bewaard",
    )
    .await
    .unwrap();
    assert!(
        matches!(gebroken().await, KetenFout::ToegangslogGebroken { ref waarom, .. } if waarom.contains("buiten de keten")),
        "{:?}",
        gebroken().await
    );
    db.ruwe_sql("DELETE FROM toegangsregels WHERE id = (SELECT id + 1000 FROM bewaard)")
        .await
        .unwrap();
    assert!(matches!(
        t.app.audit_controleren(&auditor).await.unwrap(),
        KetenUitslag::Intact { .. }
    ));
    // De staart van de audittrail afknippen en de kop terugzetten: de keten in de database klopt
    // dan weer met zichzelf, maar niet met het laatste anker.
    let (kop, _) = {
        let mut tx = vangnet_app::Opslag::lees(db).await.unwrap();
        let k = tx.audit_kop().await.unwrap();
        tx.afsluiten().await.unwrap();
        k
    };
    db.ruwe_sql(&format!(
        "DELETE FROM auditrecords WHERE volgnummer = {kop}; \
         UPDATE audit_kop SET volgnummer = {vorige}, laatste_hash = \
         (SELECT hash FROM auditrecords WHERE volgnummer = {vorige}); {aan}",
        vorige = kop - 1
    ))
    .await
    .unwrap();
    // (Beide ankers hebben dezelfde auditkop: lezen maakt geen auditrecords.)
    assert!(
        matches!(gebroken().await, KetenFout::AnkerWijktAf { regel: 1, ref waarom } if waarom.contains("weggehaald")),
        "{:?}",
        gebroken().await
    );
    // Ook het ankerbestand zelf valt niet ongemerkt aan te passen: de laatste regel weg helpt
    // de knoeier hier, maar een gewijzigde regel niet.
    let tekst = std::fs::read_to_string(&ankers).unwrap();
    let eerste = tekst.lines().next().unwrap().to_owned();
    let vervalst = eerste.replacen("audit=", "audit=1", 1);
    std::fs::write(&ankers, format!("{vervalst}\n")).unwrap();
    assert!(matches!(
        gebroken().await,
        KetenFout::AnkerWijktAf { regel: 1, ref waarom } if waarom.contains("MAC")
    ));
    std::fs::remove_file(&ankers).unwrap();
    t.opruimen().await;
}

/// Issue 17 punt 6: een functioneel beheerder geeft niemand alleen een rol; beheer gaat niet samen
/// met inhoudelijke of toezichtsrollen; rollen afnemen gaat direct.
#[tokio::test]
async fn rollen_geven_vraagt_een_tweede_beheerder() {
    let t = TestApp::nieuw().await;
    let fb = t.persona(Rol::FunctioneelBeheerder).await;
    let fb2 = t.gebruiker("fb2", &[Rol::FunctioneelBeheerder]).await;
    let (id, _) = t
        .app
        .gebruiker_aanmaken(
            &fb,
            &NieuweGebruiker {
                gebruikersnaam: "kvries".into(),
                volledige_naam: "Karin de Vries".into(),
                rollen: vec!["inkomensconsulent".into()],
            },
        )
        .await
        .unwrap();
    let rollen = |t: &TestApp| {
        let app = t.app.clone();
        async move {
            app.gebruiker_op_naam(&TestApp::systeem(), "kvries")
                .await
                .unwrap()
                .rollen
        }
    };
    assert!(
        rollen(&t).await.is_empty(),
        "nog geen rol zonder tweede beheerder"
    );
    let verzoeken = t.app.beheerverzoeken(&fb).await.unwrap();
    assert_eq!(verzoeken.len(), 1);
    assert!(!verzoeken[0].mag_beoordelen, "niet het eigen verzoek");
    assert!(verzoeken[0].omschrijving.contains("Inkomensconsulent"));
    let v = &verzoeken[0].verzoek;
    assert!(matches!(
        t.app.beheerverzoek_beoordelen(&fb, v.id, v.versie, true, "").await,
        Err(AppFout::Conflict(m)) if m.contains("zelf")
    ));
    // Een inkomensconsulent beoordeelt geen beheerverzoeken.
    let c = t.persona(Rol::Inkomensconsulent).await;
    assert!(matches!(
        t.app
            .beheerverzoek_beoordelen(&c, v.id, v.versie, true, "")
            .await,
        Err(AppFout::GeenToegang)
    ));
    // Afwijzen vraagt een reden; goedkeuren door de tweede beheerder geeft de rol.
    assert!(matches!(
        t.app.beheerverzoek_beoordelen(&fb2, v.id, v.versie, false, " ").await,
        Err(AppFout::Ongeldig(f)) if f.voor("reden").is_some()
    ));
    t.app
        .beheerverzoek_beoordelen(&fb2, v.id, v.versie, true, "")
        .await
        .unwrap();
    assert_eq!(rollen(&t).await, vec![Rol::Inkomensconsulent]);
    assert!(
        matches!(
            t.app
                .beheerverzoek_beoordelen(&fb2, v.id, v.versie, true, "")
                .await,
            Err(AppFout::Verouderd(_))
        ),
        "een tweede keer beoordelen kan niet"
    );

    // Een rol erbij: weer een verzoek; afnemen gaat direct.
    let g = t.app.gebruiker_op_naam(&fb, "kvries").await.unwrap();
    let wijziging = |rollen: &[&str], versie: i64| GebruikerWijziging {
        volledige_naam: "Karin de Vries".into(),
        rollen: rollen.iter().map(|r| (*r).to_owned()).collect(),
        geblokkeerd: false,
        versie,
        reden: "Wordt teamleider".into(),
    };
    t.app
        .gebruiker_wijzigen(
            &fb,
            id,
            &wijziging(&["inkomensconsulent", "teamleider"], g.versie),
        )
        .await
        .unwrap();
    assert_eq!(rollen(&t).await, vec![Rol::Inkomensconsulent]);
    let open = t.app.beheerverzoeken(&fb2).await.unwrap();
    assert_eq!(open[0].rollen, vec![Rol::Teamleider]);
    // Een tweede wijziging met dezelfde (wachtende) rol maakt geen tweede verzoek.
    let g = t.app.gebruiker_op_naam(&fb, "kvries").await.unwrap();
    t.app
        .gebruiker_wijzigen(
            &fb,
            id,
            &wijziging(&["inkomensconsulent", "teamleider"], g.versie),
        )
        .await
        .unwrap();
    assert_eq!(t.app.beheerverzoeken(&fb2).await.unwrap().len(), 1);
    t.app
        .beheerverzoek_beoordelen(
            &fb2,
            open[0].verzoek.id,
            open[0].verzoek.versie,
            false,
            "Nog niet",
        )
        .await
        .unwrap();
    assert_eq!(rollen(&t).await, vec![Rol::Inkomensconsulent], "afgewezen");
    let g = t.app.gebruiker_op_naam(&fb, "kvries").await.unwrap();
    t.app
        .gebruiker_wijzigen(&fb, id, &wijziging(&["handhaving"], g.versie))
        .await
        .unwrap();
    assert!(
        rollen(&t).await.is_empty(),
        "consulent direct afgenomen, handhaving wacht"
    );

    // Beheer en auditor of een inhoudelijke rol gaan niet samen, ook niet via de opdrachtregel.
    for rollen in [
        vec!["functioneel_beheerder".to_owned(), "auditor".to_owned()],
        vec!["functioneel_beheerder".to_owned(), "teamleider".to_owned()],
    ] {
        let fout = t
            .app
            .gebruiker_aanmaken(
                &TestApp::systeem(),
                &NieuweGebruiker {
                    gebruikersnaam: "dubbel".into(),
                    volledige_naam: "Dubbele Rol".into(),
                    rollen,
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&fout, AppFout::Ongeldig(f) if f.voor("rollen").is_some_and(|m| m.contains("scheiding van taken"))),
            "{fout:?}"
        );
    }
    t.opruimen().await;
}
