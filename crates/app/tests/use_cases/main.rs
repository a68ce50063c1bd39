//! De use cases van de app tegen een echte database (SQLite, of PostgreSQL met
//! `VANGNET_TEST_DATABASE_URL`) en een vaste klok, per aggregaat een module. Eén testprogramma
//! in plaats van zeven: elk programma linkt de hele boom opnieuw (issue 18, punt 6).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests mogen hard falen

mod beheer;
mod betaalruns;
mod clienten;
mod contact;
mod jobs;
mod normen;
mod replica;
mod toekennen;
mod uitkeringen;
mod vermogen;
mod werk;
