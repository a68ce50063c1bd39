//! Gegevens van personen als waarden met hun eigen regels: BSN, IBAN, postcode, huisnummer,
//! naam en geboortedatum. Elke waarde wordt bij het lezen gecontroleerd en genormaliseerd; een
//! fout is een Nederlandse zin die de gebruiker helpt het goed te typen.

pub mod adres;
pub mod bsn;
pub mod datum;
pub mod iban;
pub mod naam;

pub use adres::{Huisnummer, Postcode};
pub use bsn::Bsn;
pub use datum::Geboortedatum;
pub use iban::Iban;
pub use naam::Naam;
