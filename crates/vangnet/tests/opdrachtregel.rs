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
        tekst(&o).contains("Audittrail intact: 4 records"),
        "{}",
        tekst(&o)
    );

    // Manipulatie buiten Vangnet om: verify faalt met exit-code 1.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
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
