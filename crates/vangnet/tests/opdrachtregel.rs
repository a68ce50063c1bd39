//! De binary zelf: migreren, gebruikers beheren, tokens, `audit verify` met de juiste exit-code,
//! en nooit een geheim in de uitvoer. Op een SQLite-datamap (de opslag zelf wordt op beide engines
//! getest in vangnet-store).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Map(PathBuf);

impl Drop for Map {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn map() -> Map {
    Map(std::env::temp_dir().join(format!(
        "vangnet-cli-{}",
        vangnet_app::geheim::willekeurig_hex(6)
    )))
}

fn vangnet(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("VANGNET_DATABASE_URL")
        .env_remove("VANGNET_CONFIG")
        .env("VANGNET_LOG", "warn")
        .output()
        .expect("vangnet starten")
}

fn tekst(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn gebruikers_tokens_en_audit_op_de_opdrachtregel() {
    let m = map();
    let d = m.0.as_path();
    let o = vangnet(d, &["migrate"]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(tekst(&o).contains("Toegepast: 0001_basis"));
    assert!(tekst(&vangnet(d, &["migrate"])).contains("niets te migreren"));

    let o = vangnet(
        d,
        &[
            "gebruiker",
            "aanmaken",
            "jjansen",
            "--naam",
            "Jan Jansen",
            "--rol",
            "inkomensconsulent",
            "--rol",
            "teamleider",
        ],
    );
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(tekst(&o).contains("Eenmalig wachtwoord"));
    let o = vangnet(
        d,
        &[
            "gebruiker",
            "aanmaken",
            "jjansen",
            "--naam",
            "Jan",
            "--rol",
            "auditor",
        ],
    );
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("gebruikersnaam: De gebruikersnaam 'jjansen' is al in gebruik."),
        "{}",
        tekst(&o)
    );
    let o = vangnet(
        d,
        &[
            "gebruiker",
            "aanmaken",
            "x y",
            "--naam",
            "",
            "--rol",
            "koning",
        ],
    );
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("Onbekende rol 'koning'."),
        "{}",
        tekst(&o)
    );

    let lijst = tekst(&vangnet(d, &["gebruiker", "lijst"]));
    assert!(
        lijst.contains("jjansen") && lijst.contains("inkomensconsulent,teamleider"),
        "{lijst}"
    );

    let o = vangnet(
        d,
        &[
            "gebruiker",
            "token",
            "jjansen",
            "--omschrijving",
            "koppeling",
        ],
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout)
        .trim()
        .starts_with("vgn_"));
    assert!(
        vangnet(d, &["gebruiker", "blokkeren", "jjansen", "--reden", "test"])
            .status
            .success()
    );
    assert!(tekst(&vangnet(d, &["gebruiker", "lijst"])).contains("geblokkeerd"));
    assert!(vangnet(d, &["gebruiker", "deblokkeren", "jjansen"])
        .status
        .success());
    let o = vangnet(d, &["gebruiker", "wachtwoord-reset", "niemand"]);
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("Gebruiker 'niemand' bestaat niet"),
        "{}",
        tekst(&o)
    );

    let o = vangnet(d, &["audit", "verify"]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(
        // Vier van de gebruikers en één van de standaardlijst van gelijkgestelde dagen.
        tekst(&o).contains("Audittrail intact: 5 records")
            && tekst(&o).contains("met ketensleutel")
            && tekst(&o).contains("ankers buiten de database"),
        "{}",
        tekst(&o)
    );
    // De ketensleutel staat naast de database, alleen voor de eigenaar; de gebruikersopdrachten
    // zetten ankers.
    {
        use std::os::unix::fs::PermissionsExt;
        let modus = std::fs::metadata(d.join("ketensleutel"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(modus & 0o777, 0o600);
        assert!(
            std::fs::read_to_string(d.join("ketenankers.log"))
                .unwrap()
                .lines()
                .count()
                >= 1
        );
    }
    // Zonder de sleutel start Vangnet niet op deze database (en maakt geen nieuwe).
    let sleutel = std::fs::read(d.join("ketensleutel")).unwrap();
    std::fs::remove_file(d.join("ketensleutel")).unwrap();
    let o = vangnet(d, &["gebruiker", "lijst"]);
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("De ketensleutel ontbreekt"),
        "{}",
        tekst(&o)
    );
    assert!(!d.join("ketensleutel").exists());
    // Ook controleren gaat niet zonder de sleutel (exit 2), en maakt er geen.
    let o = vangnet(d, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("De ketensleutel ontbreekt"),
        "{}",
        tekst(&o)
    );
    assert!(!d.join("ketensleutel").exists());
    std::fs::write(d.join("ketensleutel"), sleutel).unwrap();
    // Een database die nooit getekend is, wordt zonder sleutel gecontroleerd; de controle maakt
    // geen sleutel aan. Waar geen database staat (een verkeerd getypte map), maakt ze er geen:
    // niet te controleren.
    let leeg = map();
    let o = vangnet(leeg.0.as_path(), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2), "{}", tekst(&o));
    assert!(tekst(&o).contains("geen database"), "{}", tekst(&o));
    assert!(!leeg.0.join("vangnet.sqlite3").exists());
    assert!(vangnet(leeg.0.as_path(), &["migrate"]).status.success());
    let o = vangnet(leeg.0.as_path(), &["audit", "verify"]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(tekst(&o).contains("ZONDER ketensleutel"), "{}", tekst(&o));
    assert!(!leeg.0.join("ketensleutel").exists());

    // Manipulatie buiten Vangnet om: verify faalt met exit-code 1.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // Wie de vingerafdruk van de sleutel uit de database haalt, krijgt de controle niet naar
    // "zonder sleutel": met een sleutelbestand wordt met de sleutel gecontroleerd.
    rt.block_on(async {
        let db = vangnet_store::Database::open(&vangnet_store::Doel::Datamap(d.to_path_buf()))
            .await
            .unwrap();
        db.ruwe_sql("DELETE FROM installatie WHERE sleutel = 'ketensleutel_vingerafdruk'")
            .await
            .unwrap();
        db.sluiten().await;
    });
    let o = vangnet(d, &["audit", "verify"]);
    assert!(
        o.status.success() && tekst(&o).contains("met ketensleutel"),
        "{}",
        tekst(&o)
    );
    rt.block_on(async {
        let db = vangnet_store::Database::open(&vangnet_store::Doel::Datamap(d.to_path_buf())).await.unwrap();
        db.ruwe_sql("DROP TRIGGER auditrecords_niet_wijzigen; UPDATE auditrecords SET actor = 'iemand' WHERE volgnummer = 2")
            .await
            .unwrap();
        db.sluiten().await;
    });
    let o = vangnet(d, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        tekst(&o).contains("AUDITTRAIL GEBROKEN: record 2 is gewijzigd"),
        "{}",
        tekst(&o)
    );

    // Een database die niet te lezen is: exit-code 2 (niet te controleren), niet 1.
    let kapot = map();
    std::fs::create_dir_all(&kapot.0).unwrap();
    std::fs::write(kapot.0.join("vangnet.sqlite3"), vec![0x42; 8192]).unwrap();
    let o = vangnet(kapot.0.as_path(), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2), "{}", tekst(&o));
    assert!(tekst(&o).contains("niet te controleren"), "{}", tekst(&o));
}

#[test]
fn help_en_geheimen() {
    let m = map();
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["gebruiker", "--help"],
        &["audit", "verify", "--help"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}");
    }
    // Een database-URL met wachtwoord komt nooit in de uitvoer, ook niet bij een fout.
    let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args([
            "migrate",
            "--database-url",
            "postgres://vangnet:supergeheim@127.0.0.1:1/vangnet",
        ])
        .env("VANGNET_LOG", "warn")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(!tekst(&o).contains("supergeheim"), "{}", tekst(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["migrate", "--database-url", "mysql://x"])
        .output()
        .unwrap();
    assert!(
        tekst(&o).contains("onbekend soort database-URL"),
        "{}",
        tekst(&o)
    );
    drop(m);
}

/// `vangnet bereken` volgens contracts/bereken.md: JSON in (bestand of standaardinvoer), JSON uit,
/// een fout met het veld en exit-code 1.
#[test]
fn bereken_volgens_het_contract() {
    use std::io::Write as _;
    let situatie = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}],"verlaging_procent":0}"#;
    let m = map();
    std::fs::create_dir_all(&m.0).unwrap();
    let bestand = m.0.join("situatie.json");
    std::fs::write(&bestand, situatie).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .arg("bereken")
        .arg(&bestand)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", tekst(&o));
    let u: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for (veld, waarde) in [
        ("norm_centen", 140150),
        ("inkomsten_in_mindering_centen", 45000),
        ("verlaging_centen", 0),
        ("uitkering_centen", 95150),
        ("vakantietoeslag_reservering_centen", 4758),
        ("uitbetaling_centen", 90392),
    ] {
        assert_eq!(u[veld], waarde, "{veld}");
    }
    assert_eq!(u["maand"], "2026-01");
    let som: i64 = u["uitleg"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["bedrag_centen"].as_i64().unwrap())
        .sum();
    assert_eq!(som, 90392);

    let via_stdin = |invoer: &str| {
        let mut p = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args(["bereken", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        p.stdin
            .take()
            .unwrap()
            .write_all(invoer.as_bytes())
            .unwrap();
        p.wait_with_output().unwrap()
    };
    assert!(via_stdin(situatie).status.success());
    // Contract v2 (alleen velden erbij): ieder zijn eigen vrijlating, 2 × 250,00 vrij.
    let v2 = via_stdin(
        r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","geen_beroep_op_ouders":false},"inkomsten":[{"soort":"arbeid","netto_centen":100000},{"soort":"arbeid","netto_centen":100000,"van":"partner"}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"},{"soort":"arbeid","vanaf":"2026-01-01","van":"partner"}]}"#,
    );
    assert!(v2.status.success(), "{}", tekst(&v2));
    let u: serde_json::Value = serde_json::from_slice(&v2.stdout).unwrap();
    assert_eq!(u["inkomsten_in_mindering_centen"], 150000, "{u}");
    let gevallen = [
        (
            r#"{"maand":"2023-12","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            "maand: 2023-12 valt buiten alle normtabellen",
        ),
        // §12: geen maand na de laatste vastgestelde normtabel
        (
            r#"{"maand":"2027-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            "maand: 2027-01 valt buiten alle normtabellen: de laatste geldt tot en met 31-12-2026",
        ),
        // contract v2: `van` noemt een partner die er niet is
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":1,"van":"partner"}]}"#,
            "inkomsten[0].van: er is geen partner in deze situatie",
        ),
        (r#"{"maand":"2026-01"}"#, "het veld `aanvrager` ontbreekt"),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"loterij","netto_centen":1}]}"#,
            "inkomsten[0].soort: onbekende waarde `loterij`",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":150}"#,
            "verlaging_procent: moet tussen 0 en 100 liggen",
        ),
        (r#"{"maand": "#, "de invoer is geen geldige JSON"),
    ];
    for (invoer, melding) in gevallen {
        let o = via_stdin(invoer);
        assert_eq!(o.status.code(), Some(1), "{invoer}");
        assert!(tekst(&o).contains(melding), "{invoer}: {}", tekst(&o));
        assert!(!tekst(&o).contains("panicked"));
    }
}

/// `vangnet normen laden FILE`: een onvolledig bestand geeft exit 1 en een melding met het
/// ontbrekende bedrag; een goed bestand wordt geladen en de verschillen worden getoond.
#[test]
fn normen_laden_op_de_opdrachtregel() {
    let m = map();
    let d = m.0.as_path();
    std::fs::create_dir_all(d).unwrap();
    let standaard = include_str!("../../domain/data/normen.toml");
    let slecht = d.join("slecht.toml");
    std::fs::write(
        &slecht,
        standaard.replacen("art21b_gehuwden_21_aow = 183404\n", "", 1),
    )
    .unwrap();
    let o = vangnet(d, &["normen", "laden", slecht.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("art21b_gehuwden_21_aow ontbreekt"),
        "{}",
        tekst(&o)
    );
    let o = vangnet(d, &["normen", "laden", "bestaat-niet.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(tekst(&o).contains("niet te lezen"), "{}", tekst(&o));

    let goed = d.join("goed.toml");
    std::fs::write(
        &goed,
        standaard.replacen(
            "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 141946",
            "art21a_alleenstaande_of_alleenstaande_ouder_21_aow = 142000",
            1,
        ),
    )
    .unwrap();
    let o = vangnet(d, &["normen", "laden", goed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", tekst(&o));
    assert!(tekst(&o).contains("1 bedragen gewijzigd"), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("Herberekend: 0 uitkeringen"),
        "{}",
        tekst(&o)
    );
    assert!(
        tekst(&o).contains("€ 1.419,46 → € 1.420,00"),
        "{}",
        tekst(&o)
    );
    let o = vangnet(d, &["normen", "lijst"]);
    assert!(tekst(&o).contains("uit goed.toml"), "{}", tekst(&o));
    assert!(
        tekst(&o)
            .contains("2026-07-01 t/m 2026-12-31 (tot de volgende aanpassing)  NIET GEVERIFIEERD"),
        "{}",
        tekst(&o)
    );
}

/// `vangnet betaalrun` dat midden in het berekenen met `kill -9` wordt gestopt: de run is daarna
/// onveranderd open (geen halve regels), opnieuw draaien hervat en maakt hem af, en nog eens
/// draaien verdubbelt niets. Het bestand valideert tegen de XSD.
#[test]
fn betaalrun_overleeft_kill_9_en_verdubbelt_niets() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let m = map();
    let d = m.0.as_path();
    let o = vangnet(d, &["demo", "--huishoudens", "12000", "--seed", "7"]);
    assert!(o.status.success(), "{}", tekst(&o));
    let pain = d.join("run.xml");
    let args = |pad: &Path| -> Vec<String> {
        [
            "betaalrun",
            "--maand",
            "2026-12",
            "--betaaldatum",
            "2026-12-23",
            "--gestart-door",
            "beheerder",
            "--goedgekeurd-door",
            "teamleider",
            "--pain",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain([pad.display().to_string()])
        .collect()
    };
    let commando = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vangnet"));
        c.args(args(&pain))
            .arg("--data-dir")
            .arg(d)
            .env_remove("VANGNET_DATABASE_URL")
            .env_remove("VANGNET_CONFIG")
            .env("VANGNET_LOG", "warn")
            .env("VANGNET_DEBITEUR_IBAN", "NL91ABNA0417164300");
        c
    };
    // Eerste poging: stoppen met SIGKILL zodra de eerste partij berekend is.
    let mut kind = commando()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lezer = BufReader::new(kind.stderr.take().unwrap());
    // Zonder terminal schrijft de voortgang gewone regels (geen wagenterugloop).
    let mut gezien = Vec::new();
    loop {
        let begin = gezien.len();
        assert!(
            lezer.read_until(b'\n', &mut gezien).unwrap() > 0,
            "geen voortgang gezien"
        );
        let regel = String::from_utf8_lossy(&gezien[begin..]).into_owned();
        assert!(
            !regel.contains('\r'),
            "wagenterugloop in een log: {regel:?}"
        );
        if regel.starts_with("Berekenen: ") {
            break;
        }
    }
    kind.kill().unwrap(); // SIGKILL
    let status = kind.wait().unwrap();
    assert!(
        !status.success(),
        "gestopt vóór het einde: {}",
        String::from_utf8_lossy(&gezien)
    );
    assert!(!pain.exists(), "geen (half) bestand na een onderbreking");

    // Tweede poging: de open run wordt hervat en afgemaakt.
    let o = commando().output().unwrap();
    let t = tekst(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("wordt hervat"), "{t}");
    let aantal = |t: &str| -> String {
        t.split(": ")
            .nth(1)
            .and_then(|s| s.split(" betalingen").next())
            .unwrap()
            .to_owned()
    };
    let eerste = t
        .lines()
        .find(|l| l.starts_with("Betaalrun"))
        .unwrap()
        .to_owned();
    let xml = std::fs::read_to_string(&pain).unwrap();
    assert_eq!(
        xml.matches("<CdtTrfTxInf>").count().to_string(),
        aantal(&eerste),
        "{eerste}"
    );
    let v = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../app/tests/xsd/pain.001.001.03.xsd"
        ))
        .arg(&pain)
        .output()
        .expect("xmllint ontbreekt (Debian: libxml2-utils)");
    assert!(v.status.success(), "{}", tekst(&v));
    // Het betaalbestand en de database zijn alleen voor de eigenaar (issue 17, punt 2).
    {
        use std::os::unix::fs::PermissionsExt;
        // Het log bestaat alleen zolang er een verbinding open is (de store-test kijkt daar).
        for bestand in [
            "run.xml",
            "vangnet.sqlite3",
            "vangnet.sqlite3-wal",
            "ketensleutel",
        ] {
            let Ok(m) = std::fs::metadata(d.join(bestand)) else {
                assert!(bestand.ends_with("-wal"), "{bestand} ontbreekt");
                continue;
            };
            let modus = m.permissions().mode();
            assert_eq!(modus & 0o777, 0o600, "{bestand}: {modus:o}");
        }
    }

    // Derde keer: niets opnieuw berekend of verdubbeld; hetzelfde bestand.
    let o = commando().output().unwrap();
    let t = tekst(&o);
    assert!(o.status.success() && t.contains("al goedgekeurd"), "{t}");
    let tweede = t.lines().find(|l| l.starts_with("Betaalrun")).unwrap();
    assert_eq!(aantal(tweede), aantal(&eerste));
    let zonder_tijd = |s: &str| {
        s.split("<CreDtTm>").next().unwrap().to_owned() + s.split("</CreDtTm>").nth(1).unwrap()
    };
    assert_eq!(
        zonder_tijd(&std::fs::read_to_string(&pain).unwrap()),
        zonder_tijd(&xml)
    );
    // Een tweede gebruiker is verplicht.
    let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args([
            "betaalrun",
            "--maand",
            "2027-01",
            "--betaaldatum",
            "2027-01-22",
            "--gestart-door",
            "beheerder",
            "--goedgekeurd-door",
            "beheerder",
            "--pain",
        ])
        .arg(d.join("x.xml"))
        .arg("--data-dir")
        .arg(d)
        .output()
        .unwrap();
    assert!(
        !o.status.success() && tekst(&o).contains("vier ogen"),
        "{}",
        tekst(&o)
    );
}

/// Onzinnige instellingen voor jobs en de leesreplica: een duidelijke melding, niets gestart, en
/// de URL van de replica (met wachtwoord) komt niet in de uitvoer.
#[test]
fn instellingen_voor_jobs_en_replica_worden_nagegaan() {
    let m = map();
    let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["migrate", "--data-dir"])
        .arg(&m.0)
        .env_remove("VANGNET_DATABASE_URL")
        .env_remove("VANGNET_CONFIG")
        .env("VANGNET_JOB_OVERNAME_SECONDEN", "3")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        tekst(&o).contains("job_overname_seconden moet ten minste 10 zijn"),
        "{}",
        tekst(&o)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
        .args(["normen", "lijst", "--data-dir"])
        .arg(&m.0)
        .args([
            "--database-url-lezen",
            "postgres://lezer:heel-geheim@replica.local/vangnet",
        ])
        .env_remove("VANGNET_DATABASE_URL")
        .env_remove("VANGNET_CONFIG")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let t = tekst(&o);
    assert!(t.contains("alleen bij PostgreSQL"), "{t}");
    assert!(!t.contains("heel-geheim"), "{t}");
    for (naam, waarde, melding) in [
        (
            "-1",
            "database_lezen_max_achterstand_seconden kan niet negatief zijn",
        ),
        ("half", "VANGNET_DATABASE_LEZEN_MAX_ACHTERSTAND_SECONDEN"),
    ]
    .map(|(w, m)| ("VANGNET_DATABASE_LEZEN_MAX_ACHTERSTAND_SECONDEN", w, m))
    .into_iter()
    .chain([
        (
            "VANGNET_VERZOEK_MAX_SECONDEN",
            "0",
            "verzoek_max_seconden moet ten minste 1 zijn",
        ),
        (
            "VANGNET_DATABASE_VERBINDINGEN",
            "2",
            "database_verbindingen (VANGNET_DATABASE_VERBINDINGEN) moet 4 tot en met 1000 zijn",
        ),
        (
            "VANGNET_DATABASE_VERBINDINGEN",
            "veel",
            "VANGNET_DATABASE_VERBINDINGEN: 'veel' is geen geheel getal",
        ),
        (
            "VANGNET_OTLP_ENDPOINT",
            "collector:4318",
            "'collector:4318' is geen http-adres van een collector",
        ),
        (
            "VANGNET_OTLP_ENDPOINT",
            "http://col lector:4318",
            "otlp_endpoint (VANGNET_OTLP_ENDPOINT): de exporteur van traces",
        ),
    ]) {
        let o = Command::new(env!("CARGO_BIN_EXE_vangnet"))
            .args(["migrate", "--data-dir"])
            .arg(&m.0)
            .env_remove("VANGNET_DATABASE_URL")
            .env_remove("VANGNET_CONFIG")
            .env(naam, waarde)
            .output()
            .unwrap();
        assert!(!o.status.success());
        assert!(tekst(&o).contains(melding), "{waarde}: {}", tekst(&o));
    }
}

/// `vangnet bench toegangslog` vult alleen een database zonder personen: in een (demo)database
/// zouden de synthetische verwerkingen buiten de toegangsketen staan. Een duidelijke melding,
/// niets toegevoegd, en de keten blijft heel.
#[test]
fn bench_toegangslog_weigert_een_database_met_personen() {
    let m = map();
    let d = m.0.as_path();
    let o = vangnet(d, &["demo", "--huishoudens", "20", "--seed", "3"]);
    assert!(o.status.success(), "{}", tekst(&o));
    let o = vangnet(d, &["bench", "toegangslog", "--regels", "2400"]);
    assert!(!o.status.success(), "{}", tekst(&o));
    assert!(
        tekst(&o).contains("alleen in een database zonder personen"),
        "{}",
        tekst(&o)
    );
    let o = vangnet(d, &["audit", "verify"]);
    assert!(o.status.success(), "{}", tekst(&o));
}
