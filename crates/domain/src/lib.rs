//! Het domein van Vangnet: de begrippen van de wet en van het werk, als waarden en pure functies.
//!
//! Hier hoort alles wat zonder database, netwerk of systeemklok te beslissen is: rollen en rechten,
//! geldige gebruikersnamen en wachtwoorden, de hashketen van de audittrail, het register van
//! verwerkingsactiviteiten, de weergave van tijd in Nederlandse tijd. Geen IO, geen async, geen
//! sqlx of axum (CI controleert dat), en nooit `now()`: tijd komt als parameter binnen.

pub mod aow;
pub mod audit;
pub mod bedrag;
pub mod beheerverzoek;
pub mod berekening;
pub mod betaalrun;
pub mod contact;
pub mod csv;
pub mod dossier;
pub mod gebruiker;
pub mod historie;
pub mod huishouden;
pub mod job;
pub mod normen;
pub mod persoon;
pub mod rol;
pub mod sepa;
pub mod tijd;
pub mod toegangsketen;
pub mod tokenbereik;
pub mod uitkering;
pub mod validatie;
pub mod verdeling;
pub mod vermogen;
pub mod verwerking;
pub mod voorschot;
pub mod werk;
pub mod werkdagen;
pub mod zegel;
pub mod zoeken;

pub use audit::{AuditGegevens, AuditHash, KetenFout};
pub use gebruiker::{Gebruikersnaam, Wachtwoord};
pub use rol::{Recht, Rol};
pub use validatie::{Veldfout, Veldfouten};
pub use verwerking::Verwerkingsactiviteit;
