//! Het register van verwerkingsactiviteiten (AVG art. 30) waarnaar elke regel in het toegangslog
//! verwijst, zoals de standaard Logboek Dataverwerkingen vraagt
//! (`dpl.core.processing_activity_id`, ../shared/reference/logboek-dataverwerkingen/FACTS.md).
//! Elke activiteit heeft een vaste, geversioneerde identificatie; een inhoudelijke wijziging
//! krijgt een nieuwe versie.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Verwerkingsactiviteit {
    /// Geversioneerde identificatie (URN), bv. `urn:vangnet:verwerking:gebruikersbeheer:1`.
    pub id: &'static str,
    pub naam: &'static str,
    pub doel: &'static str,
}

pub const GEBRUIKERSBEHEER: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "urn:vangnet:verwerking:gebruikersbeheer:1",
    naam: "Beheer van gebruikers en teams",
    doel: "Toegang tot Vangnet verlenen en beperken op grond van taak en rol.",
};

pub const VERANTWOORDING: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "urn:vangnet:verwerking:verantwoording:1",
    naam: "Verantwoording en toezicht",
    doel: "Vastleggen en controleren wie welke gegevens heeft gewijzigd of ingezien.",
};

pub const BIJSTANDSVERLENING: Verwerkingsactiviteit = Verwerkingsactiviteit {
    id: "urn:vangnet:verwerking:bijstandsverlening:1",
    naam: "Behandeling van aanvragen en verlening van bijstand",
    doel:
        "Vaststellen van het recht op bijstand en de hoogte ervan (Participatiewet art. 7, 11, 43).",
};

/// Alle activiteiten, voor keuzelijsten en controle.
pub const REGISTER: &[Verwerkingsactiviteit] =
    &[GEBRUIKERSBEHEER, VERANTWOORDING, BIJSTANDSVERLENING];

pub fn zoek(id: &str) -> Option<Verwerkingsactiviteit> {
    REGISTER.iter().copied().find(|a| a.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identificaties_zijn_uniek_en_geversioneerd() {
        for (i, a) in REGISTER.iter().enumerate() {
            assert!(a.id.starts_with("urn:vangnet:verwerking:"));
            assert!(a
                .id
                .rsplit(':')
                .next()
                .is_some_and(|v| v.parse::<u32>().is_ok()));
            assert!(REGISTER[i + 1..].iter().all(|b| b.id != a.id));
            assert_eq!(zoek(a.id), Some(*a));
        }
    }
}
