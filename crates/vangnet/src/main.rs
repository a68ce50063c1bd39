//! `vangnet`: één binary voor de server en het beheer op de opdrachtregel.
//!
//! Hier staat alleen de bedrading: opdrachten lezen (clap), instellingen samenstellen
//! (opdrachtregel > `VANGNET_*`-omgeving > TOML-bestand > standaard), de database openen en de
//! use cases van de app-laag aanroepen. Alle logica zit in de bibliotheek-crates.

/// Schrijft een regel naar standaarduitvoer. Een gesloten pijp (`vangnet … | head`) is geen fout
/// en zeker geen paniek: de rest van de uitvoer wil dan niemand meer.
macro_rules! uit {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod bench;
mod betaalrun;
mod instellingen;
mod voortgang;
mod waarneming;

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context as _, Result};
use clap::{Args, Parser, Subcommand};
use vangnet_app::account::EersteStart;
use vangnet_app::audit::KetenUitslag;
use vangnet_app::beheer::{GebruikerWijziging, NieuweGebruiker};
use vangnet_app::klok::Systeemklok;
use vangnet_app::{App, AppFout, Context};
use vangnet_domain::audit::Ketensleutel;
use vangnet_domain::bedrag::euro;
use vangnet_store::{migratie, Database};

use crate::instellingen::{DatabaseKeuze, Instellingen};

#[derive(Parser)]
#[command(
    name = "vangnet",
    version,
    about = "Vangnet: bijstandsadministratie en zaakbehandeling voor Beheer Inkomen",
    long_about = "Vangnet: bijstandsadministratie en zaakbehandeling voor Beheer Inkomen.\n\n\
Zonder --data-dir of --database-url gebruikt Vangnet een SQLite-bestand in ./vangnet-data/.\n\
Instellingen komen van de opdrachtregel, uit VANGNET_*-omgevingsvariabelen of uit een\n\
TOML-bestand (--config of VANGNET_CONFIG), in die volgorde van voorrang."
)]
struct Cli {
    /// Een TOML-bestand met instellingen.
    #[arg(long, global = true, env = "VANGNET_CONFIG", value_name = "BESTAND")]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    opdracht: Opdracht,
}

#[derive(Args, Clone, Default)]
struct DatabaseArgs {
    /// De map voor het ingebedde SQLite-bestand (standaard ./vangnet-data).
    #[arg(
        long,
        global = true,
        env = "VANGNET_DATA_DIR",
        value_name = "MAP",
        conflicts_with = "database_url"
    )]
    data_dir: Option<std::path::PathBuf>,
    /// Een database-URL, bv. postgres://gebruiker@host/vangnet (voor productie).
    #[arg(
        long,
        global = true,
        env = "VANGNET_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: Option<String>,
    /// Een PostgreSQL-leesreplica (streaming replication) voor wat een moment verouderd mag zijn
    /// (nu: zoeken). Alleen naast een PostgreSQL-`--database-url`; is zij onbereikbaar, dan leest
    /// Vangnet van de primaire.
    #[arg(
        long,
        global = true,
        env = "VANGNET_DATABASE_URL_LEZEN",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url_lezen: Option<String>,
}

#[derive(Subcommand)]
enum Opdracht {
    /// Start de webserver (migreert eerst en maakt bij de eerste start een beheerder aan).
    Serve {
        /// Het adres om op te luisteren.
        #[arg(long, env = "VANGNET_LISTEN", value_name = "ADRES:POORT")]
        listen: Option<SocketAddr>,
        /// Start met de demopopulatie (2 000 huishoudens en een demo-account per rol) als de
        /// database nog leeg is.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Vult een lege database met een synthetische demopopulatie en demo-accounts
    /// (wachtwoord vangnet-demo).
    Demo {
        /// Aantal huishoudens.
        #[arg(long, default_value_t = 2000)]
        huishoudens: u64,
        /// Zaad voor de toevalsgenerator: hetzelfde zaad geeft dezelfde bevolking.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Berekent de bijstand voor één situatie (JSON) met de meegecompileerde normtabellen; zie
    /// contracts/bereken.md. Zonder bestand of met `-`: van standaardinvoer.
    Bereken {
        /// Het situatiebestand, of `-` voor standaardinvoer.
        bestand: Option<std::path::PathBuf>,
    },
    /// Past de ontbrekende databasemigraties toe.
    Migrate {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Beheer van gebruikers.
    Gebruiker {
        #[command(subcommand)]
        opdracht: GebruikerOpdracht,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Metingen: zonder soort de basis op een lege database (standaard een tijdelijke
    /// SQLite-map); zie docs/PERFORMANCE.md.
    #[command(args_conflicts_with_subcommands = true)]
    Bench {
        #[command(subcommand)]
        soort: Option<BenchSoort>,
        /// Hoeveel schrijfhandelingen en sessiecontroles.
        #[arg(long, default_value_t = 2000)]
        aantal: u64,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// De werkvoorraad.
    Werk {
        #[command(subcommand)]
        opdracht: WerkOpdracht,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// De normtabellen waarmee Vangnet rekent.
    Normen {
        #[command(subcommand)]
        opdracht: NormenOpdracht,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// De betaalrun van een maand in één keer: starten (of een open run hervatten), berekenen,
    /// goedkeuren door een tweede gebruiker en het pain.001-bestand schrijven. Opnieuw draaien na
    /// een onderbreking maakt af wat niet af was; een goedgekeurde run wordt niet opnieuw berekend.
    Betaalrun {
        /// De betaalmaand.
        #[arg(long, value_name = "JJJJ-MM")]
        maand: String,
        /// De uitvoeringsdatum bij de bank.
        #[arg(long, value_name = "JJJJ-MM-DD")]
        betaaldatum: String,
        /// Wie de run start (functioneel beheerder).
        #[arg(long, value_name = "GEBRUIKER")]
        gestart_door: String,
        /// Wie goedkeurt (teamleider, niet dezelfde).
        #[arg(long, value_name = "GEBRUIKER")]
        goedgekeurd_door: String,
        /// Het pain.001-bestand (met --per-bestand: BESTAND-1.xml, BESTAND-2.xml, …).
        #[arg(long, value_name = "BESTAND")]
        pain: std::path::PathBuf,
        /// Splits in bestanden van zoveel overboekingen.
        #[arg(long, value_name = "AANTAL")]
        per_bestand: Option<u64>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// De audittrail.
    Audit {
        #[command(subcommand)]
        opdracht: AuditOpdracht,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

#[derive(Subcommand)]
enum GebruikerOpdracht {
    /// Maakt een gebruiker aan en toont het eenmalige wachtwoord.
    Aanmaken {
        /// De gebruikersnaam, bv. jjansen.
        gebruikersnaam: String,
        /// De volledige naam, bv. "Jan Jansen".
        #[arg(long)]
        naam: String,
        /// Een rol (herhaalbaar): administratief_ondersteuner, inkomensconsulent, teamleider,
        /// handhaving, functioneel_beheerder, auditor.
        #[arg(long = "rol", required = true)]
        rollen: Vec<String>,
    },
    /// Toont alle gebruikers.
    Lijst,
    /// Zet een nieuw eenmalig wachtwoord en beëindigt de sessies van de gebruiker.
    WachtwoordReset { gebruikersnaam: String },
    /// Blokkeert een gebruiker: geen inloggen meer, sessies en tokens vervallen.
    Blokkeren {
        gebruikersnaam: String,
        #[arg(long, default_value = "")]
        reden: String,
    },
    /// Heft de blokkade op.
    Deblokkeren {
        gebruikersnaam: String,
        #[arg(long, default_value = "")]
        reden: String,
    },
    /// Maakt een persoonlijk API-token en toont het één keer.
    Token {
        gebruikersnaam: String,
        /// Waarvoor het token is.
        #[arg(long, default_value = "aangemaakt op de opdrachtregel")]
        omschrijving: String,
        /// Wat het token mag: `lezen` of `schrijven`, eventueel met gebieden
        /// (`lezen:clienten,werk`; gebieden: clienten, werk, betalingen, beheer, toezicht).
        #[arg(long, default_value = "schrijven")]
        bereik: String,
        /// De laatste dag dat het token geldt (jjjj-mm-dd; standaard over 90 dagen, ten hoogste
        /// een jaar).
        #[arg(long, default_value = "")]
        tot_en_met: String,
    },
}

#[derive(Subcommand)]
enum BenchSoort {
    /// Het rekentempo in het geheugen over de situaties van de synthetische bevolking.
    Berekening {
        #[arg(long, default_value_t = 1_000_000)]
        huishoudens: u64,
        #[arg(long, default_value_t = 12)]
        maanden: u32,
    },
    /// Herberekening van lopende uitkeringen na een nieuwe normtabel, in het geheugen.
    Herberekening {
        #[arg(long, default_value_t = 1_000_000)]
        uitkeringen: u64,
        #[arg(long, default_value_t = 12)]
        maanden: u32,
    },
    /// De hele betaalrun van een maand (berekenen, goedkeuren, pain.001) over een demopopulatie;
    /// zonder --data-dir of --database-url in een tijdelijke SQLite-map.
    Betaalrun {
        /// Huishoudens in de demopopulatie (alleen als de database nog leeg is).
        #[arg(long, default_value_t = 1_000_000)]
        huishoudens: u64,
        /// De betaalmaand (er mag nog geen run voor zijn); standaard de lopende maand, die op een
        /// verse demo nog niet betaald is (eerdere maanden staan als betaald en worden niet nog
        /// eens betaald).
        #[arg(long, value_name = "JJJJ-MM")]
        maand: Option<String>,
        /// Percentage aanvragers en partners zonder rekening in de demopopulatie (gewoon 1). De
        /// CI-vorm zet 100: dan maakt het goedkeuren een taak per dossier, tienduizenden in één
        /// keer (issue 20 punt 1).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=100))]
        zonder_rekening_procent: u64,
        /// Faal als het goedkeuren minder taken maakt (om te bewijzen dat de CI-vorm het pad met
        /// meer ids dan SQLite in één statement toelaat echt doorloopt).
        #[arg(long, default_value_t = 0)]
        minstens_taken: u64,
        /// Zoveel medewerkers openen dossiers en slaan notities op terwijl de run rekent; hun
        /// p50/p99 staan in de uitvoer (issue 22 punt 3).
        #[arg(long, default_value_t = 0)]
        medewerkers: u64,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Zoeklatentie (p50/p99) op een bestaande database met een demopopulatie.
    Zoeken {
        /// Hoeveel zoekopdrachten.
        #[arg(long, default_value_t = 1000)]
        aantal: u64,
        /// Zoveel zoekers tegelijk.
        #[arg(long, default_value_t = 1)]
        gelijktijdig: u64,
        /// Gemiddelde denktijd van een zoeker tussen twee vragen (0,5 tot 1,5 keer dit).
        #[arg(long, default_value_t = 0)]
        denktijd_ms: u64,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Zoeken in een toegangslog van `--regels` regels (standaard 100 miljoen, over 24 maanden):
    /// op persoon, op medewerker, op periode, bladeren. Vult eerst een lege database.
    Toegangslog {
        #[arg(long, default_value_t = 100_000_000)]
        regels: u64,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

#[derive(Subcommand)]
enum WerkOpdracht {
    /// Meldt te late taken bij de teamleiders (dat doet `serve` ook elke vijf minuten).
    Escaleren,
}

#[derive(Subcommand)]
enum NormenOpdracht {
    /// Laadt een nieuwe set normtabellen (in de vorm van normen-bronnen.toml) na controle: elk
    /// bedrag aanwezig, perioden aaneensluitend. Toont de gewijzigde bedragen.
    Laden {
        /// Het normenbestand (TOML).
        bestand: std::path::PathBuf,
    },
    /// Toont de geldende perioden en wie wanneer welke set laadde.
    Lijst,
    /// Rekent alle uitkeringen opnieuw uit met de geldende tabellen (dat gebeurt ook na `laden`)
    /// en toont het verschilrapport.
    Herbereken,
}

#[derive(Subcommand)]
enum AuditOpdracht {
    /// Controleert de hashketen van de audittrail; exit-code 1 als ze gebroken is.
    Verify,
}

/// mimalloc in plaats van de allocator van glibc. De betaalrun maakt en ruimt per partij
/// tienduizenden kleine teksten op naast een paar grote buffers; glibc besteedde daar ≈ 17 % van
/// de CPU van de berekening aan (vooral het samenvoegen van vrije blokken). Gemeten in
/// docs/PERFORMANCE.md ("2026-12-02 (middag)").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // De instellingen en het log vóór de runtime: de exporteur van traces heeft een eigen draad
    // met een blokkerende HTTP-client, die niet binnen een async-taak gemaakt of opgeruimd mag
    // worden. `bereken` (het contract) leest geen instellingen.
    let (instellingen, traces) = if matches!(cli.opdracht, Opdracht::Bereken { .. }) {
        (None, None)
    } else {
        let instellingen = match Instellingen::laden(cli.config.as_deref()) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("fout: {e:#}");
                return ExitCode::FAILURE;
            }
        };
        match waarneming::logging(&instellingen) {
            Ok(traces) => (Some(instellingen), traces),
            Err(e) => {
                eprintln!("fout: {e:#}");
                return ExitCode::FAILURE;
            }
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fout: kan de runtime niet starten: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(uitvoeren(cli, instellingen)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fout: {e:#}");
            ExitCode::FAILURE
        }
    };
    drop(runtime);
    if let Some(t) = traces {
        t.afsluiten();
    }
    code
}

/// Zonder database voor een bench: een tijdelijke SQLite-map (de bench ruimt haar op).
fn tijdelijke_datamap(db: &mut DatabaseArgs) -> Option<std::path::PathBuf> {
    let map = (db.data_dir.is_none() && db.database_url.is_none()).then(|| {
        std::env::temp_dir().join(format!(
            "vangnet-bench-{}",
            vangnet_app::geheim::willekeurig_hex(6)
        ))
    })?;
    db.data_dir = Some(map.clone());
    Some(map)
}

async fn openen(instellingen: &Instellingen, db: &DatabaseArgs) -> Result<App> {
    openen_voor(instellingen, db, false).await
}

/// Opent de database; `controleren`: alleen om de ketens te controleren, dus zonder een
/// ketensleutel te maken of een vingerafdruk vast te leggen.
async fn openen_voor(
    instellingen: &Instellingen,
    db: &DatabaseArgs,
    controleren: bool,
) -> Result<App> {
    let keuze = instellingen.database(db.data_dir.clone(), db.database_url.clone());
    // Controleren maakt geen database (een verkeerd getypte datamap) en migreert niet.
    if let (true, vangnet_store::Doel::Datamap(map)) = (controleren, keuze.doel()) {
        if !map.join("vangnet.sqlite3").exists() {
            anyhow::bail!("er staat geen database in {}", map.display());
        }
    }
    let mut database =
        Database::open_met_verbindingen(&keuze.doel(), instellingen.database_verbindingen)
            .await
            .with_context(|| format!("database openen ({keuze})"))?;
    if let Some(replica) = db
        .database_url_lezen
        .clone()
        .or_else(|| instellingen.database_url_lezen.clone())
    {
        database = database
            .met_leesreplica(&replica, None)
            .with_context(|| {
                format!(
                    "leesreplica openen ({})",
                    instellingen::zonder_geheim(&replica)
                )
            })?
            .met_max_achterstand(std::time::Duration::from_secs(
                instellingen
                    .database_lezen_max_achterstand_seconden
                    .unsigned_abs(),
            ));
    }
    if controleren {
        let open = migratie::openstaand(&database).await?;
        if !open.is_empty() {
            anyhow::bail!(
                "de database ({keuze}) is van een oudere versie (nog niet toegepast: {}); \
                 draai eerst `vangnet migrate`",
                open.join(", ")
            );
        }
    } else {
        let toegepast = migratie::migreer(&database)
            .await
            .with_context(|| format!("database migreren ({keuze})"))?;
        for m in toegepast {
            tracing::info!(migratie = %m, "migratie toegepast");
        }
    }
    let datamap = db
        .data_dir
        .clone()
        .unwrap_or_else(|| instellingen.data_dir.clone());
    let pad = instellingen
        .ketensleutel
        .clone()
        .unwrap_or_else(|| datamap.join("ketensleutel"));
    let sleutel = if controleren {
        let sleutel = match std::fs::read_to_string(&pad) {
            Ok(tekst) => Some(
                Ketensleutel::uit_tekst(&tekst)
                    .map_err(|e| anyhow::anyhow!("ketensleutel {}: {e}", pad.display()))?,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => anyhow::bail!("ketensleutel {}: {e}", pad.display()),
        };
        vangnet_app::ketens::sleutel_voor_controle(&database, sleutel)
            .await
            .map_err(app_fout)?
    } else {
        Some(ketensleutel(&database, &pad).await?)
    };
    let mut app = instellingen.app();
    app.ankers = Some(
        instellingen
            .ankers
            .clone()
            .unwrap_or_else(|| datamap.join("ketenankers.log")),
    );
    let app = App::nieuw(
        Arc::new(database.met_ketensleutel(sleutel)),
        Arc::new(Systeemklok),
        app,
    );
    // De gelijkgestelde dagen (ATW art. 3 lid 3) waarmee termijnen rekenen; controleren schrijft
    // niets.
    if !controleren {
        app.kalender_laden().await.map_err(app_fout)?;
    }
    Ok(app)
}

/// Leest de ketensleutel, of maakt er een (bij de eerste start van een database zonder sleutel)
/// en schrijft haar als nieuw bestand, alleen voor de eigenaar.
async fn ketensleutel(db: &Database, pad: &Path) -> Result<Ketensleutel> {
    let sleutel = match std::fs::read_to_string(pad) {
        Ok(tekst) => Ketensleutel::uit_tekst(&tekst)
            .map_err(|e| anyhow::anyhow!("ketensleutel {}: {e}", pad.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let sleutel = vangnet_app::ketens::nieuwe_sleutel(db)
                .await
                .map_err(app_fout)?;
            let mut f = vangnet_app::bestanden::prive_nieuw(pad)
                .with_context(|| format!("ketensleutel {} aanmaken", pad.display()))?;
            std::io::Write::write_all(&mut f, sleutel.als_tekst().as_bytes())
                .and_then(|()| f.sync_all())
                .with_context(|| format!("ketensleutel {} schrijven", pad.display()))?;
            tracing::warn!(
                bestand = %pad.display(),
                vingerafdruk = %sleutel.vingerafdruk(),
                "nieuwe ketensleutel gemaakt: bewaar een kopie op een veilige plek"
            );
            sleutel
        }
        Err(e) => anyhow::bail!("ketensleutel {}: {e}", pad.display()),
    };
    vangnet_app::ketens::sleutel_controleren(db, &sleutel)
        .await
        .map_err(app_fout)?;
    Ok(sleutel)
}

/// Zet een anker van de ketens in het ankerbestand (na een opdracht die iets vastlegde).
async fn ankeren(app: &App) {
    if let Err(e) = app.ankeren().await {
        tracing::error!(fout = %e, "anker zetten mislukt");
    }
}

pub(crate) fn app_fout(e: AppFout) -> anyhow::Error {
    match e {
        AppFout::Ongeldig(v) => anyhow::anyhow!(
            "{}",
            v.0.iter()
                .map(|f| format!("{}: {}", f.veld, f.melding))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        e => anyhow::anyhow!("{e}"),
    }
}

/// `vangnet bereken`: JSON in, JSON uit, een duidelijke fout met het veld en exit-code 1.
fn bereken(bestand: Option<&std::path::Path>) -> Result<ExitCode> {
    use std::io::Read as _;
    let mut tekst = String::new();
    match bestand {
        None => std::io::stdin().read_to_string(&mut tekst).map(|_| ()),
        Some(p) if p == std::path::Path::new("-") => {
            std::io::stdin().read_to_string(&mut tekst).map(|_| ())
        }
        Some(p) => std::fs::read_to_string(p).map(|t| tekst = t),
    }
    .context("de situatie lezen")?;
    let mut de = serde_json::Deserializer::from_str(&tekst);
    let situatie: vangnet_domain::berekening::Situatie =
        match serde_path_to_error::deserialize(&mut de) {
            Ok(s) => s,
            Err(e) => {
                let veld = e.path().to_string();
                let fout = e.inner();
                let melding = match fout.classify() {
                    serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                        format!(
                            "de invoer is geen geldige JSON (regel {}, kolom {})",
                            fout.line(),
                            fout.column()
                        )
                    }
                    _ => {
                        let m = fout.to_string();
                        let m = m.split(" at line ").next().unwrap_or(&m).to_owned();
                        if let Some(v) = m.strip_prefix("missing field ") {
                            format!("het veld {v} ontbreekt")
                        } else if let Some(v) = m.strip_prefix("unknown variant ") {
                            format!(
                                "onbekende waarde {}",
                                v.replace(", expected one of", "; toegestaan:")
                                    .replace(", expected", "; verwacht:")
                            )
                        } else if let Some(v) = m.strip_prefix("unknown field ") {
                            format!("onbekend veld {v}")
                        } else {
                            format!("ongeldige waarde ({m})")
                        }
                    }
                };
                let syntax = matches!(
                    fout.classify(),
                    serde_json::error::Category::Syntax | serde_json::error::Category::Eof
                );
                let plaats = if veld == "." || syntax {
                    String::new()
                } else {
                    format!("{veld}: ")
                };
                eprintln!("fout: {plaats}{melding}");
                return Ok(ExitCode::FAILURE);
            }
        };
    let tabellen =
        vangnet_domain::normen::Normtabellen::standaard().map_err(|e| anyhow::anyhow!(e))?;
    match vangnet_domain::berekening::bereken(&situatie, &tabellen) {
        Ok(u) => {
            uit!("{}", serde_json::to_string_pretty(&u)?);
            Ok(ExitCode::SUCCESS)
        }
        Err(f) => {
            eprintln!("fout: {}: {}", f.veld, f.melding);
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn uitvoeren(cli: Cli, instellingen: Option<Instellingen>) -> Result<ExitCode> {
    if let Opdracht::Bereken { bestand } = &cli.opdracht {
        return bereken(bestand.as_deref());
    }
    let instellingen = instellingen.context("geen instellingen geladen")?;
    match cli.opdracht {
        Opdracht::Bereken { .. } => {}
        Opdracht::Serve { listen, demo, db } => serve(&instellingen, listen, demo, &db).await?,
        Opdracht::Demo {
            huishoudens,
            seed,
            db,
        } => {
            let app = openen(&instellingen, &db).await?;
            demo_laden(&app, huishoudens, seed).await?;
            ankeren(&app).await;
        }
        Opdracht::Migrate { db } => {
            let keuze = instellingen.database(db.data_dir.clone(), db.database_url.clone());
            let database = Database::open(&keuze.doel()).await?;
            let toegepast = migratie::migreer(&database).await?;
            if toegepast.is_empty() {
                uit!("Database is bij ({keuze}); niets te migreren.");
            } else {
                for m in toegepast {
                    uit!("Toegepast: {m}");
                }
            }
        }
        Opdracht::Bench {
            soort:
                Some(BenchSoort::Berekening {
                    huishoudens,
                    maanden,
                }),
            ..
        } => {
            bench::berekening(huishoudens.max(1), maanden.clamp(1, 120))?;
        }
        Opdracht::Bench {
            soort:
                Some(BenchSoort::Herberekening {
                    uitkeringen,
                    maanden,
                }),
            ..
        } => {
            bench::herberekening(uitkeringen.max(1), maanden.clamp(1, 120))?;
        }
        Opdracht::Bench {
            soort:
                Some(BenchSoort::Betaalrun {
                    huishoudens,
                    maand,
                    zonder_rekening_procent,
                    minstens_taken,
                    medewerkers,
                    db,
                }),
            ..
        } => {
            let mut db = db;
            let tijdelijk = tijdelijke_datamap(&mut db);
            let mut instellingen = instellingen.clone();
            if instellingen.debiteur.is_none() {
                instellingen.debiteur = Some(vangnet_domain::sepa::Opdrachtgever {
                    naam: "Gemeente Bench".into(),
                    iban: "NL91ABNA0417164300".into(),
                    bic: None,
                });
            }
            let app = openen(&instellingen, &db).await?;
            let map = db.data_dir.clone().unwrap_or_else(std::env::temp_dir);
            let maand = maand.unwrap_or_else(|| {
                vangnet_domain::tijd::nl_lokaal(app.klok.nu())
                    .format("%Y-%m")
                    .to_string()
            });
            let uitkomst = bench::betaalrun(
                &app,
                huishoudens.max(1),
                vangnet_app::demo::Demovorm {
                    zonder_rekening_procent,
                },
                minstens_taken,
                medewerkers,
                &maand,
                &map,
            )
            .await;
            if let Some(map) = tijdelijk {
                let _ = std::fs::remove_dir_all(map);
            }
            uitkomst?;
        }
        Opdracht::Bench {
            soort:
                Some(BenchSoort::Zoeken {
                    aantal,
                    gelijktijdig,
                    denktijd_ms,
                    db,
                }),
            ..
        } => {
            let app = openen(&instellingen, &db).await?;
            bench::zoeken(&app, aantal.max(1), gelijktijdig, denktijd_ms).await?;
        }
        Opdracht::Bench {
            soort: Some(BenchSoort::Toegangslog { regels, db }),
            ..
        } => {
            let keuze = instellingen.database(db.data_dir.clone(), db.database_url.clone());
            let database = Database::open(&keuze.doel()).await?;
            migratie::migreer(&database).await?;
            bench::toegangslog_vullen(&database, regels).await?;
            let app = openen(&instellingen, &db).await?;
            bench::toegangslog(&app).await?;
        }
        Opdracht::Bench {
            soort: None,
            aantal,
            db,
        } => {
            let mut db = db;
            let tijdelijk = tijdelijke_datamap(&mut db);
            let app = openen(&instellingen, &db).await?;
            let uitkomst = bench::draaien(&app, aantal.max(1)).await;
            if let Some(map) = tijdelijk {
                let _ = std::fs::remove_dir_all(map);
            }
            uitkomst?;
        }
        Opdracht::Werk {
            opdracht: WerkOpdracht::Escaleren,
            db,
        } => {
            let app = openen(&instellingen, &db).await?;
            let n = app
                .escaleren(&Context::opdrachtregel())
                .await
                .map_err(app_fout)?;
            uit!("{n} te late taken gemeld.");
        }
        Opdracht::Normen { opdracht, db } => {
            let app = openen(&instellingen, &db).await?;
            normen(&app, opdracht).await?;
            ankeren(&app).await;
        }
        Opdracht::Betaalrun {
            maand,
            betaaldatum,
            gestart_door,
            goedgekeurd_door,
            pain,
            per_bestand,
            db,
        } => {
            let app = openen(&instellingen, &db).await?;
            betaalrun::draaien(
                &app,
                &betaalrun::Opdracht {
                    maand,
                    betaaldatum,
                    gestart_door,
                    goedgekeurd_door,
                    pain,
                    per_bestand,
                },
            )
            .await?;
            ankeren(&app).await;
        }
        Opdracht::Gebruiker { opdracht, db } => {
            let app = openen(&instellingen, &db).await?;
            gebruiker(&app, opdracht).await?;
            ankeren(&app).await;
        }
        Opdracht::Audit {
            opdracht: AuditOpdracht::Verify,
            db,
        } => {
            // Exit 1: de keten of een zegel is gebroken. Exit 2: niet te controleren (database
            // niet te openen of te lezen), zodat een controle-script die twee uit elkaar houdt.
            let uitslag = match openen_voor(&instellingen, &db, true).await {
                Ok(app) => app
                    .audit_controleren(&Context::opdrachtregel())
                    .await
                    .map_err(app_fout),
                Err(e) => Err(e),
            };
            match uitslag {
                Ok(KetenUitslag::Intact {
                    records,
                    sleutel,
                    ankers,
                }) => {
                    uit!(
                        "Audittrail intact: {records} records, hashketen, toegangsketen en zegels \
                         van goedgekeurde betaalruns kloppen; {} ketensleutel, {ankers} ankers \
                         buiten de database gecontroleerd.",
                        if sleutel { "met" } else { "ZONDER" }
                    );
                }
                Ok(KetenUitslag::Gebroken(f)) => {
                    eprintln!("AUDITTRAIL GEBROKEN: {f}");
                    return Ok(ExitCode::FAILURE);
                }
                Err(e) => {
                    eprintln!("fout: de audittrail is niet te controleren: {e:#}");
                    return Ok(ExitCode::from(2));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn normen(app: &App, opdracht: NormenOpdracht) -> Result<()> {
    let ctx = Context::opdrachtregel();
    match opdracht {
        NormenOpdracht::Laden { bestand } => {
            let inhoud = std::fs::read_to_string(&bestand).map_err(|e| {
                anyhow::anyhow!("bestand: {} is niet te lezen: {e}", bestand.display())
            })?;
            let naam = bestand
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let lading = app
                .normen_laden(&ctx, &naam, &inhoud)
                .await
                .map_err(app_fout)?;
            uit!(
                "Normtabellen geladen (set {}, {} perioden, {} bedragen gewijzigd).",
                lading.id,
                lading.perioden,
                lading.verschillen.len()
            );
            for v in &lading.verschillen {
                let bedrag = |b: Option<i64>| b.map(euro).unwrap_or_else(|| "—".into());
                uit!(
                    "  {}  {}: {} → {}",
                    v.periode,
                    v.omschrijving,
                    bedrag(v.oud),
                    bedrag(v.nieuw)
                );
            }
            herberekenen_als_job(app, &ctx, lading.job).await?;
        }
        NormenOpdracht::Herbereken => {
            let job = app
                .normen_herberekenen_aanmelden(&ctx)
                .await
                .map_err(app_fout)?;
            herberekenen_als_job(app, &ctx, job).await?;
        }
        NormenOpdracht::Lijst => {
            let o = app.normen_overzicht(&ctx).await.map_err(app_fout)?;
            match &o.geldend.lading {
                None => uit!("Geldend: de meegecompileerde normtabellen."),
                Some(l) => uit!(
                    "Geldend: set {} uit {}, geladen {} door {}.",
                    l.id,
                    l.bestandsnaam,
                    vangnet_domain::tijd::nl_weergave(l.geladen_op),
                    l.geladen_door
                ),
            }
            for t in &o.geldend.tabellen.0 {
                uit!(
                    "  {} t/m {}{}",
                    t.geldig_vanaf,
                    if t.tot_afgeleid {
                        format!("{} (tot de volgende aanpassing)", t.geldig_tot_en_met)
                    } else {
                        t.geldig_tot_en_met.to_string()
                    },
                    if t.geverifieerd {
                        ""
                    } else {
                        "  NIET GEVERIFIEERD"
                    }
                );
            }
        }
    }
    Ok(())
}

/// Draait de herberekening `job` hier (tenzij een server haar al nam), met een voortgangsbalk,
/// en toont de uitkomst.
async fn herberekenen_als_job(app: &App, ctx: &Context, job: i64) -> Result<()> {
    let begin = std::time::Instant::now();
    let balk = std::sync::Arc::new(std::sync::Mutex::new(voortgang::Voortgang::nieuw(
        "Herberekening",
        "uitkeringen",
    )));
    let melder = balk.clone();
    app.job_draaien(Some(job), move |n| {
        if let Ok(mut b) = melder.lock() {
            b.meld(n, 0);
        }
    })
    .await
    .map_err(app_fout)?;
    if let Ok(b) = balk.lock() {
        b.regel_af();
    }
    let uitkomst = app
        .jobs_van(ctx, Some("normen"))
        .await
        .map_err(app_fout)?
        .into_iter()
        .find(|j| j.id == job)
        .and_then(|j| j.einde);
    match uitkomst {
        Some(Ok(samenvatting)) => uit!(
            "Herberekend: {samenvatting} ({:.1} s).",
            begin.elapsed().as_secs_f64()
        ),
        Some(Err(fout)) => bail!("herberekening (job {job}): {fout}"),
        None => {
            uit!("De herberekening (job {job}) loopt op een server; de voortgang staat op /jobs.")
        }
    }
    Ok(())
}

async fn gebruiker(app: &App, opdracht: GebruikerOpdracht) -> Result<()> {
    let ctx = Context::opdrachtregel();
    match opdracht {
        GebruikerOpdracht::Aanmaken {
            gebruikersnaam,
            naam,
            rollen,
        } => {
            let (_, wachtwoord) = app
                .gebruiker_aanmaken(
                    &ctx,
                    &NieuweGebruiker {
                        gebruikersnaam: gebruikersnaam.clone(),
                        volledige_naam: naam,
                        rollen,
                    },
                )
                .await
                .map_err(app_fout)?;
            uit!(
                "Gebruiker {} aangemaakt.",
                gebruikersnaam.trim().to_lowercase()
            );
            uit!("Eenmalig wachtwoord (wijzigen bij eerste keer inloggen): {wachtwoord}");
        }
        GebruikerOpdracht::Lijst => {
            for g in app.gebruikers(&ctx).await.map_err(app_fout)? {
                let rollen: Vec<&str> = g.rollen.iter().map(|r| r.code()).collect();
                uit!(
                    "{:<24} {:<32} {:<12} {}",
                    g.gebruikersnaam,
                    g.volledige_naam,
                    if g.geblokkeerd {
                        "geblokkeerd"
                    } else {
                        "actief"
                    },
                    rollen.join(",")
                );
            }
        }
        GebruikerOpdracht::WachtwoordReset { gebruikersnaam } => {
            let g = app
                .gebruiker_op_naam(&ctx, &gebruikersnaam)
                .await
                .map_err(app_fout)?;
            let w = app
                .wachtwoord_resetten(&ctx, g.id)
                .await
                .map_err(app_fout)?;
            uit!("Nieuw eenmalig wachtwoord voor {}: {w}", g.gebruikersnaam);
        }
        GebruikerOpdracht::Blokkeren {
            gebruikersnaam,
            reden,
        } => {
            blokkade(app, &ctx, &gebruikersnaam, true, reden).await?;
            uit!("Gebruiker {gebruikersnaam} geblokkeerd.");
        }
        GebruikerOpdracht::Deblokkeren {
            gebruikersnaam,
            reden,
        } => {
            blokkade(app, &ctx, &gebruikersnaam, false, reden).await?;
            uit!("Gebruiker {gebruikersnaam} gedeblokkeerd.");
        }
        GebruikerOpdracht::Token {
            gebruikersnaam,
            omschrijving,
            bereik,
            tot_en_met,
        } => {
            let t = app
                .token_aanmaken_met(&ctx, &gebruikersnaam, &omschrijving, &bereik, &tot_en_met)
                .await
                .map_err(app_fout)?;
            uit!("{}", t.token);
            eprintln!("Bewaar dit token veilig: het wordt niet nog eens getoond.");
        }
    }
    Ok(())
}

async fn blokkade(
    app: &App,
    ctx: &Context,
    naam: &str,
    blokkeren: bool,
    reden: String,
) -> Result<()> {
    let g = app.gebruiker_op_naam(ctx, naam).await.map_err(app_fout)?;
    app.gebruiker_wijzigen(
        ctx,
        g.id,
        &GebruikerWijziging {
            volledige_naam: g.volledige_naam.clone(),
            rollen: g.rollen.iter().map(|r| r.code().to_owned()).collect(),
            geblokkeerd: blokkeren,
            versie: g.versie,
            reden,
        },
    )
    .await
    .map_err(app_fout)
}

async fn demo_laden(app: &App, huishoudens: u64, seed: u64) -> Result<()> {
    let begin = std::time::Instant::now();
    let mut balk = voortgang::Voortgang::nieuw("Demopopulatie laden", "huishoudens");
    let uit = app
        .demo_laden(huishoudens, seed, |klaar, totaal| balk.meld(klaar, totaal))
        .await
        .map_err(app_fout)?;
    let s = begin.elapsed().as_secs_f64();
    balk.klaar();
    uit!(
        "Demopopulatie geladen: {} huishoudens, {} personen, {} dossiers, {} uitkeringen, {} taken, {} consulenten in {s:.1} s ({:.0} huishoudens/s).",
        uit.huishoudens,
        uit.personen,
        uit.dossiers,
        uit.uitkeringen,
        uit.taken,
        uit.consulenten,
        uit.huishoudens as f64 / s.max(0.001)
    );
    uit!(
        "Demo-accounts: ondersteuner, consulent, teamleider, handhaving, beheerder, auditor; wachtwoord {}.",
        vangnet_app::demo::DEMO_WACHTWOORD
    );
    Ok(())
}

async fn serve(
    instellingen: &Instellingen,
    listen: Option<SocketAddr>,
    demo: bool,
    db: &DatabaseArgs,
) -> Result<()> {
    // Een demo kan betaalbestanden maken zonder ingestelde rekening: met een voorbeeldrekening
    // die nergens echt bestaat voor deze gemeente.
    let mut instellingen = instellingen.clone();
    if demo && instellingen.debiteur.is_none() {
        instellingen.debiteur = Some(vangnet_domain::sepa::Opdrachtgever {
            naam: format!("{} (demo)", instellingen.gemeente),
            iban: "NL91ABNA0417164300".into(),
            bic: None,
        });
    }
    let instellingen = &instellingen;
    let app = openen(instellingen, db).await?;
    if demo && !app.is_demo().await.map_err(app_fout)? {
        demo_laden(&app, 2000, 2026)
            .await
            .context("--demo start alleen op een lege database; kies een andere --data-dir")?;
    }
    let wachtwoord = std::env::var("VANGNET_ADMIN_PASSWORD")
        .ok()
        .filter(|w| !w.is_empty());
    match app
        .eerste_start(wachtwoord.as_deref())
        .await
        .map_err(app_fout)?
    {
        EersteStart::AlIngericht => {}
        EersteStart::BeheerderAangemaakt {
            gebruikersnaam,
            eenmalig_wachtwoord: Some(w),
        } => {
            uit!("Eerste start: gebruiker '{gebruikersnaam}' (functioneel beheerder) aangemaakt.");
            uit!("Eenmalig wachtwoord: {w}");
            uit!("Wijzig het bij de eerste keer inloggen. Het wordt niet nog eens getoond.");
        }
        EersteStart::BeheerderAangemaakt { gebruikersnaam, .. } => {
            uit!(
                "Eerste start: gebruiker '{gebruikersnaam}' aangemaakt met het wachtwoord uit VANGNET_ADMIN_PASSWORD."
            );
        }
    }
    let adres = listen.unwrap_or(instellingen.listen);
    let keuze: DatabaseKeuze = instellingen.database(db.data_dir.clone(), db.database_url.clone());
    let listener = tokio::net::TcpListener::bind(adres)
        .await
        .with_context(|| format!("kan niet luisteren op {adres}"))?;
    if !instellingen.veilige_cookies && !adres.ip().is_loopback() {
        bail!("veilige_cookies = false mag alleen op een loopback-adres (127.0.0.1); zet HTTPS ervoor");
    }
    uit!("Vangnet luistert op http://{adres} ({keuze})");
    let mut web = instellingen.web(db.data_dir.as_deref());
    web.demo = app.is_demo().await.map_err(app_fout)?;
    // Een proces dat stierf tussen het aanmaken en weghalen van een download in opbouw.
    match vangnet_app::bestanden::tijdelijke_opruimen(&web.werkmap) {
        Ok(0) => {}
        Ok(n) => tracing::warn!(aantal = n, "achtergebleven tijdelijke bestanden weggehaald"),
        Err(e) => tracing::error!(fout = %e, "tijdelijke bestanden opruimen mislukt"),
    }
    tokio::spawn(escalatiejob(app.clone()));
    tokio::spawn(ankerjob(app.clone()));
    // De werker van deze server: betaalruns berekenen, herberekenen na nieuwe normen (jobs).
    {
        let app = app.clone();
        tokio::spawn(async move { app.jobs_verwerken().await });
    }
    let staat = vangnet_web::WebStaat::nieuw(app.clone(), web);
    vangnet_web::dienen(listener, staat, stoppen())
        .await
        .context("server")?;
    ankeren(&app).await;
    uit!("Vangnet gestopt.");
    Ok(())
}

/// Meldt elke vijf minuten de taken die te laat zijn geraakt (issue 5), één keer per ronde in
/// het hele cluster: de ronde is een job met het begin van het tijdvak als sleutel, en alleen de
/// server die haar als eerste aanmeldt, draait haar (issue 22 punt 2). Een fout komt in het log
/// en de volgende ronde probeert het opnieuw: er gaat niets verloren, want een taak blijft
/// ongemeld tot de melding is geschreven.
async fn escalatiejob(app: App) {
    const RONDE: i64 = 300;
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(RONDE as u64));
    loop {
        interval.tick().await;
        // Wat een beheerder op een andere server aan de kalender veranderde, geldt ook hier.
        if let Err(e) = app.kalender_laden().await {
            tracing::error!(fout = %e, "gelijkgestelde dagen laden mislukt");
        }
        let nu = app.klok.nu().timestamp();
        let ronde =
            chrono::DateTime::from_timestamp(nu - nu.rem_euclid(RONDE), 0).unwrap_or_default();
        match app
            .geplande_ronde(vangnet_domain::job::Jobsoort::Escaleren, ronde)
            .await
        {
            Ok(true) => {}
            Ok(false) => tracing::debug!("escalatie: deze ronde draait op een andere server"),
            Err(e) => tracing::error!(fout = %e, "escalatie van te late taken mislukt"),
        }
    }
}

/// Zet elke minuut een anker van de ketens (als er iets bij kwam): wie daarna records weghaalt,
/// valt op bij `vangnet audit verify`.
async fn ankerjob(app: App) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        interval.tick().await;
        ankeren(&app).await;
    }
}

async fn stoppen() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
