//! Instellingen: standaardwaarden, overschreven door een TOML-bestand, overschreven door
//! `VANGNET_*`-omgevingsvariabelen, overschreven door de opdrachtregel. Geheimen (het
//! wachtwoord in een database-URL) worden nooit getoond.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::Deserialize;
use vangnet_store::Doel;

/// Het TOML-bestand; alles is optioneel.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bestand {
    listen: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    database_url_lezen: Option<String>,
    database_lezen_max_achterstand_seconden: Option<i64>,
    database_verbindingen: Option<i64>,
    gemeente: Option<String>,
    veilige_cookies: Option<bool>,
    /// Vervangen door `proxies`; alleen nog om een duidelijke melding te geven.
    achter_proxy: Option<bool>,
    proxies: Option<Vec<String>>,
    sessie_inactief_minuten: Option<i64>,
    sessie_max_uren: Option<i64>,
    log: Option<String>,
    debiteur_naam: Option<String>,
    debiteur_iban: Option<String>,
    debiteur_bic: Option<String>,
    vakantietoeslag_maand: Option<i64>,
    overdracht_svb_werkdagen: Option<i64>,
    ketensleutel: Option<PathBuf>,
    ankers: Option<PathBuf>,
    job_overname_seconden: Option<i64>,
    verzoek_max_seconden: Option<i64>,
    otlp_endpoint: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Instellingen {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    /// Een PostgreSQL-leesreplica voor zoeken (zie `Opslag::lees_mag_verouderd`).
    pub database_url_lezen: Option<String>,
    /// Loopt de leesreplica verder achter (seconden), dan leest Vangnet van de primaire.
    pub database_lezen_max_achterstand_seconden: i64,
    /// PostgreSQL: zoveel verbindingen houdt deze server ten hoogste open (ook naar een
    /// leesreplica). Alle servers samen blijven onder `max_connections` van PostgreSQL.
    pub database_verbindingen: u32,
    pub gemeente: String,
    pub veilige_cookies: bool,
    /// De eigen reverse proxy's (adressen of netwerken): alleen van hen geldt `X-Forwarded-For`.
    pub proxies: Vec<vangnet_web::proxy::Netwerk>,
    pub sessie_inactief_minuten: i64,
    pub sessie_max_uren: i64,
    pub log: String,
    /// De rekening van de gemeente voor betaalbestanden (zonder: geen bestand).
    pub debiteur: Option<vangnet_domain::sepa::Opdrachtgever>,
    pub vakantietoeslag_maand: u32,
    /// Zoveel werkdagen vóór de overdracht aan de SVB (art. 47a) komt er een taak.
    pub overdracht_svb_werkdagen: u32,
    /// Het sleutelbestand van de audittrail en de toegangsketen; standaard `ketensleutel` in de
    /// datamap. Buiten de database, liefst op een andere machine of schijf (docs/SECURITY.md).
    pub ketensleutel: Option<PathBuf>,
    /// Het ankerbestand (alleen toevoegen); standaard `ketenankers.log` in de datamap.
    pub ankers: Option<PathBuf>,
    /// Na zoveel seconden zonder hartslag neemt een andere server een lopende job over
    /// (standaard 60; zie `vangnet_domain::job::OVERNAME_NA`).
    pub job_overname_seconden: i64,
    /// Zo lang wacht een bezoeker ten hoogste op een antwoord.
    pub verzoek_max_seconden: i64,
    /// Een OpenTelemetry-collector (OTLP over HTTP, bv. `http://collector:4318`): daarheen gaan
    /// de traces. Zonder: de standaardvariabelen `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT`, of geen.
    pub otlp_endpoint: Option<String>,
}

/// De gekozen database, zonder geheimen te tonen.
#[derive(Debug, Clone)]
pub enum DatabaseKeuze {
    Sqlite(PathBuf),
    Url(String),
}

impl DatabaseKeuze {
    pub fn doel(&self) -> Doel {
        match self {
            DatabaseKeuze::Sqlite(p) => Doel::Datamap(p.clone()),
            DatabaseKeuze::Url(u) => Doel::Url(u.clone()),
        }
    }
}

/// Een URL zonder wachtwoord: `postgres://vangnet:***@db/vangnet`.
pub fn zonder_geheim(url: &str) -> String {
    let Some((schema, rest)) = url.split_once("://") else {
        return "***".into();
    };
    let rest = rest.split('?').next().unwrap_or_default();
    // Een wachtwoord mag een '/' of '@' bevatten: de gebruiker en het wachtwoord lopen tot de
    // laatste '@'.
    let (wie, server_en_pad) = match rest.rsplit_once('@') {
        Some((wie, na)) => (Some(wie), na),
        None => (None, rest),
    };
    let (host, pad) = server_en_pad.split_once('/').unwrap_or((server_en_pad, ""));
    let gezag = match wie {
        Some(wie) => {
            let gebruiker = wie.split(':').next().unwrap_or_default();
            if wie.contains(':') {
                format!("{gebruiker}:***@{host}")
            } else {
                format!("{gebruiker}@{host}")
            }
        }
        None => host.to_owned(),
    };
    format!("{schema}://{gezag}/{pad}")
}

impl std::fmt::Display for DatabaseKeuze {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseKeuze::Sqlite(p) => write!(f, "SQLite in {}", p.display()),
            DatabaseKeuze::Url(u) => write!(f, "{}", zonder_geheim(u)),
        }
    }
}

fn env(naam: &str) -> Option<String> {
    std::env::var(naam).ok().filter(|s| !s.trim().is_empty())
}

fn env_bool(naam: &str) -> Result<Option<bool>> {
    match env(naam).as_deref().map(str::to_lowercase).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "ja" | "aan") => Ok(Some(true)),
        Some("0" | "false" | "nee" | "uit") => Ok(Some(false)),
        Some(w) => anyhow::bail!("{naam}: '{w}' is geen ja/nee-waarde (gebruik true of false)"),
    }
}

fn env_getal(naam: &str) -> Result<Option<i64>> {
    env(naam)
        .map(|w| {
            w.trim()
                .parse::<i64>()
                .with_context(|| format!("{naam}: '{w}' is geen geheel getal"))
        })
        .transpose()
}

impl Instellingen {
    pub fn laden(bestand: Option<&Path>) -> Result<Self> {
        let b: Bestand = match bestand {
            Some(p) => {
                let tekst = std::fs::read_to_string(p)
                    .with_context(|| format!("instellingenbestand {} lezen", p.display()))?;
                toml::from_str(&tekst)
                    .with_context(|| format!("instellingenbestand {} is ongeldig", p.display()))?
            }
            None => Bestand::default(),
        };
        let mut i = Instellingen {
            listen: b
                .listen
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            data_dir: b
                .data_dir
                .unwrap_or_else(|| PathBuf::from("./vangnet-data")),
            database_url: b.database_url,
            database_url_lezen: b.database_url_lezen,
            database_lezen_max_achterstand_seconden: env_getal(
                "VANGNET_DATABASE_LEZEN_MAX_ACHTERSTAND_SECONDEN",
            )?
            .or(b.database_lezen_max_achterstand_seconden)
            .unwrap_or(vangnet_store::verbinding::STANDAARD_MAX_ACHTERSTAND.as_secs() as i64),
            database_verbindingen: vangnet_store::verbinding::STANDAARD_POSTGRES_VERBINDINGEN,
            gemeente: env("VANGNET_GEMEENTE")
                .or(b.gemeente)
                .unwrap_or_else(|| "Gemeente Voorbeeldstad".into()),
            veilige_cookies: env_bool("VANGNET_VEILIGE_COOKIES")?
                .or(b.veilige_cookies)
                .unwrap_or(true),
            proxies: Vec::new(),
            sessie_inactief_minuten: env_getal("VANGNET_SESSIE_INACTIEF_MINUTEN")?
                .or(b.sessie_inactief_minuten)
                .unwrap_or(30),
            sessie_max_uren: env_getal("VANGNET_SESSIE_MAX_UREN")?
                .or(b.sessie_max_uren)
                .unwrap_or(12),
            log: b.log.unwrap_or_else(|| "info,sqlx=warn".into()),
            job_overname_seconden: env_getal("VANGNET_JOB_OVERNAME_SECONDEN")?
                .or(b.job_overname_seconden)
                .unwrap_or(vangnet_domain::job::OVERNAME_NA.num_seconds()),
            verzoek_max_seconden: env_getal("VANGNET_VERZOEK_MAX_SECONDEN")?
                .or(b.verzoek_max_seconden)
                .unwrap_or(vangnet_web::STANDAARD_VERZOEK_MAX.as_secs() as i64),
            otlp_endpoint: env("VANGNET_OTLP_ENDPOINT").or(b.otlp_endpoint),
            debiteur: None,
            vakantietoeslag_maand: 6,
            overdracht_svb_werkdagen: 60,
            ketensleutel: env("VANGNET_KETENSLEUTEL")
                .map(PathBuf::from)
                .or(b.ketensleutel),
            ankers: env("VANGNET_ANKERS").map(PathBuf::from).or(b.ankers),
        };
        if let Some(iban) = env("VANGNET_DEBITEUR_IBAN").or(b.debiteur_iban) {
            let iban = vangnet_domain::persoon::Iban::parse(&iban)
                .map_err(|e| anyhow::anyhow!("debiteur_iban (VANGNET_DEBITEUR_IBAN): {e}"))?;
            i.debiteur = Some(vangnet_domain::sepa::Opdrachtgever {
                naam: env("VANGNET_DEBITEUR_NAAM")
                    .or(b.debiteur_naam)
                    .unwrap_or_else(|| i.gemeente.clone()),
                iban: iban.as_str().to_owned(),
                bic: env("VANGNET_DEBITEUR_BIC").or(b.debiteur_bic),
            });
        }
        if let Some(m) = env_getal("VANGNET_VAKANTIETOESLAG_MAAND")?.or(b.vakantietoeslag_maand) {
            i.vakantietoeslag_maand = u32::try_from(m)
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| {
                    anyhow::anyhow!("vakantietoeslag_maand moet 1 tot en met 12 zijn")
                })?;
        }
        if let Some(n) = env_getal("VANGNET_DATABASE_VERBINDINGEN")?.or(b.database_verbindingen) {
            i.database_verbindingen = u32::try_from(n)
                .ok()
                .filter(|n| (4..=1000).contains(n))
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "database_verbindingen (VANGNET_DATABASE_VERBINDINGEN) moet 4 tot en met \
                         1000 zijn: een betaalrun houdt er al drie of vier"
                    )
                })?;
        }
        if let Some(n) =
            env_getal("VANGNET_OVERDRACHT_SVB_WERKDAGEN")?.or(b.overdracht_svb_werkdagen)
        {
            i.overdracht_svb_werkdagen = u32::try_from(n)
                .ok()
                .filter(|n| (1..=250).contains(n))
                .ok_or_else(|| {
                    anyhow::anyhow!("overdracht_svb_werkdagen moet 1 tot en met 250 zijn")
                })?;
        }
        if env_bool("VANGNET_ACHTER_PROXY")?.or(b.achter_proxy) == Some(true) {
            anyhow::bail!(
                "achter_proxy (VANGNET_ACHTER_PROXY) geloofde X-Forwarded-For van iedereen en is \
                 vervangen: noem de adressen van uw eigen proxy's in proxies (VANGNET_PROXIES), \
                 bv. proxies = [\"10.0.0.0/8\"]"
            );
        }
        let proxies = match env("VANGNET_PROXIES") {
            Some(lijst) => lijst.split(',').map(str::to_owned).collect(),
            None => b.proxies.unwrap_or_default(),
        };
        for p in proxies.iter().filter(|p| !p.trim().is_empty()) {
            i.proxies.push(
                p.parse()
                    .map_err(|e| anyhow::anyhow!("proxies (VANGNET_PROXIES): {e}"))?,
            );
        }
        if i.job_overname_seconden < 2 * vangnet_domain::job::HARTSLAG.as_secs() as i64 {
            anyhow::bail!(
                "job_overname_seconden moet ten minste {} zijn (twee hartslagen)",
                2 * vangnet_domain::job::HARTSLAG.as_secs()
            );
        }
        if i.verzoek_max_seconden < 1 {
            anyhow::bail!("verzoek_max_seconden moet ten minste 1 zijn");
        }
        if let Some(e) = &i.otlp_endpoint {
            if !e.starts_with("http://") {
                anyhow::bail!(
                    "otlp_endpoint (VANGNET_OTLP_ENDPOINT): '{e}' is geen http-adres van een \
                     collector, bv. http://127.0.0.1:4318 (TLS naar buiten doet de collector)"
                );
            }
        }
        if i.database_lezen_max_achterstand_seconden < 0 {
            anyhow::bail!("database_lezen_max_achterstand_seconden kan niet negatief zijn");
        }
        if i.sessie_inactief_minuten < 1 || i.sessie_max_uren < 1 {
            anyhow::bail!("sessie_inactief_minuten en sessie_max_uren moeten ten minste 1 zijn");
        }
        Ok(i)
    }

    /// De database: de opdrachtregel (of `VANGNET_DATA_DIR` / `VANGNET_DATABASE_URL`, die clap
    /// al leest) gaat voor het bestand.
    pub fn database(&self, data_dir: Option<PathBuf>, url: Option<String>) -> DatabaseKeuze {
        match (url.filter(|u| !u.is_empty()), data_dir) {
            (Some(u), _) => DatabaseKeuze::Url(u),
            (None, Some(d)) => DatabaseKeuze::Sqlite(d),
            (None, None) => match &self.database_url {
                Some(u) => DatabaseKeuze::Url(u.clone()),
                None => DatabaseKeuze::Sqlite(self.data_dir.clone()),
            },
        }
    }

    pub fn app(&self) -> vangnet_app::Instellingen {
        vangnet_app::Instellingen {
            sessie_inactief_minuten: self.sessie_inactief_minuten,
            sessie_max_uren: self.sessie_max_uren,
            betaling: vangnet_app::betaalruns::Betaalinstellingen {
                opdrachtgever: self.debiteur.clone(),
                vakantietoeslag_maand: self.vakantietoeslag_maand,
                overdracht_svb_werkdagen: self.overdracht_svb_werkdagen,
            },
            job_overname: chrono::Duration::seconds(self.job_overname_seconden),
            ..Default::default()
        }
    }

    /// De webinstellingen; `data_dir` is de datamap van deze start (de opdrachtregel kan een
    /// andere kiezen dan het instellingenbestand).
    pub fn web(&self, data_dir: Option<&Path>) -> vangnet_web::WebInstellingen {
        vangnet_web::WebInstellingen {
            gemeente: self.gemeente.clone(),
            veilige_cookies: self.veilige_cookies,
            proxies: self.proxies.clone(),
            demo: false,
            werkmap: data_dir.unwrap_or(&self.data_dir).join("tijdelijk"),
            verzoek_max: std::time::Duration::from_secs(self.verzoek_max_seconden.unsigned_abs()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geheimen_worden_niet_getoond() {
        let gevallen = [
            (
                "postgres://vangnet:geheim@db:5432/vangnet",
                "postgres://vangnet:***@db:5432/vangnet",
            ),
            (
                "postgres://vangnet@db/vangnet?password=geheim",
                "postgres://vangnet@db/vangnet",
            ),
            ("postgresql://a:b:c@h/x", "postgresql://a:***@h/x"),
            // Een wachtwoord met '/' of '@' (zoals base64 maakt).
            (
                "postgres://vangnet:ge/heim@db/vangnet",
                "postgres://vangnet:***@db/vangnet",
            ),
            (
                "postgres://vangnet:ge@heim@db/vangnet?sslmode=verify-full",
                "postgres://vangnet:***@db/vangnet",
            ),
            ("geen url", "***"),
        ];
        for (invoer, verwacht) in gevallen {
            assert_eq!(zonder_geheim(invoer), verwacht);
            assert!(!zonder_geheim(invoer).contains("geheim"));
        }
    }
}
