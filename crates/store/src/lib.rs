//! Opslag van Vangnet op SQLite (ingebed, standaard) en PostgreSQL (productie), via sqlx.
//!
//! Eén codebasis voor beide engines: de queries zijn draagbare SQL met `$1`-parameters en gaan
//! via sqlx' `Any`-driver. Waar de engines verschillen (verbinding, transactiebegin, migraties)
//! staan beide armen naast elkaar in [`verbinding`] en `migrations/{sqlite,postgres}`. Dit is de
//! enige crate die sqlx kent; bedrijfsregels horen hier niet.

// Eén module per aggregaat, elk met de poort die zij implementeert (zie `vangnet_app::opslag`).
mod accounts;
mod audit;
mod auditketen;
mod betaalruns;
mod contact;
mod dossiers;
mod installatie;
mod jobs;
mod normen;
mod personen;
mod rekeningwijzigingen;
mod runs;
mod toegang;
mod toekenningsvoorstellen;
mod uitkeringen;
mod vakantietoeslag;
mod verdeling;
mod voorschotten;
mod werk;

pub mod migratie;
pub mod schema;
mod sql;
mod synthetisch;
pub use synthetisch::{BENCH_GEBRUIKERS, BENCH_PERSONEN};
mod transactie;
pub mod verbinding;

pub use sql::Engine;
pub use verbinding::{Database, Doel};
