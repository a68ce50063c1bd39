//! De store van buiten, op SQLite en (met `VANGNET_TEST_DATABASE_URL`) PostgreSQL: de tabellen en
//! hun vragen, migraties, de gegevenskaart, en afgebroken schrijvers. Eén testprogramma: elk
//! programma linkt de hele boom opnieuw (issue 18, punt 6).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

mod afbreken;
mod tabellen;
mod tls;
