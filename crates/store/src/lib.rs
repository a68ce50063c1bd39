//! Opslag van Vangnet op SQLite (ingebed, standaard) en PostgreSQL (productie), via sqlx.
//!
//! Eén codebasis voor beide engines: de queries zijn draagbare SQL met `$1`-parameters en gaan
//! via sqlx' `Any`-driver. Waar de engines verschillen (verbinding, transactiebegin, migraties)
//! staan beide armen naast elkaar in [`verbinding`] en `migrations/{sqlite,postgres}`. Dit is de
//! enige crate die sqlx kent; bedrijfsregels horen hier niet.

mod beheerverzoek;
mod betaalrun;
mod contact;
pub mod migratie;
pub mod schema;
mod toegang;
mod transactie;
mod uitkering;
pub mod verbinding;
mod werk;

pub use verbinding::{Database, Doel, Engine};
