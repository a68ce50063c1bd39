//! Het huishouden: wie er in welke rol bij de aanvrager hoort. De rol bepaalt later de norm
//! (alleenstaande, alleenstaande ouder, gehuwden) en de kostendelersnorm (medebewoners met hun
//! relatie); zie ../shared/domain/participatiewet-feiten.md §1–2.

use serde::{Deserialize, Serialize};

/// Hoe een partner met de aanvrager verbonden is. Alle drie tellen als gehuwden (art 3 Pw).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Partnerrelatie {
    Gehuwd,
    GeregistreerdPartnerschap,
    GezamenlijkeHuishouding,
}

/// Hoe een medebewoner met het huishouden verbonden is; bepaalt of hij kostendeler kan zijn
/// (art 22a Pw: niet bij een commerciële relatie, niet bij studenten met studiefinanciering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medebewonerrelatie {
    /// Familie of bekende, niet commercieel.
    Familie,
    /// Commerciële huurder, onderhuurder of kostganger.
    Huurder,
    /// Commerciële verhuurder (de aanvrager huurt een kamer).
    Verhuurder,
    /// Student met studiefinanciering.
    Student,
    Anders,
}

/// Serde: een [`Rol`] als code (`partner:gehuwd`), zoals in de database en de API.
pub mod als_code {
    use super::Rol;

    pub fn serialize<S: serde::Serializer>(r: &Rol, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&r.code())
    }
}

/// De rol van een persoon in het huishouden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rol", content = "relatie", rename_all = "snake_case")]
pub enum Rol {
    Aanvrager,
    Partner(Partnerrelatie),
    Kind,
    Medebewoner(Medebewonerrelatie),
}

impl Partnerrelatie {
    pub const ALLE: [Partnerrelatie; 3] = [
        Partnerrelatie::Gehuwd,
        Partnerrelatie::GeregistreerdPartnerschap,
        Partnerrelatie::GezamenlijkeHuishouding,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Partnerrelatie::Gehuwd => "gehuwd",
            Partnerrelatie::GeregistreerdPartnerschap => "geregistreerd_partnerschap",
            Partnerrelatie::GezamenlijkeHuishouding => "gezamenlijke_huishouding",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Partnerrelatie::Gehuwd => "Gehuwd",
            Partnerrelatie::GeregistreerdPartnerschap => "Geregistreerd partnerschap",
            Partnerrelatie::GezamenlijkeHuishouding => "Gezamenlijke huishouding (samenwonend)",
        }
    }
}

impl Medebewonerrelatie {
    pub const ALLE: [Medebewonerrelatie; 5] = [
        Medebewonerrelatie::Familie,
        Medebewonerrelatie::Huurder,
        Medebewonerrelatie::Verhuurder,
        Medebewonerrelatie::Student,
        Medebewonerrelatie::Anders,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Medebewonerrelatie::Familie => "familie",
            Medebewonerrelatie::Huurder => "huurder",
            Medebewonerrelatie::Verhuurder => "verhuurder",
            Medebewonerrelatie::Student => "student",
            Medebewonerrelatie::Anders => "anders",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Medebewonerrelatie::Familie => "Familie of bekende",
            Medebewonerrelatie::Huurder => "Huurder of kostganger (commercieel)",
            Medebewonerrelatie::Verhuurder => "Verhuurder (commercieel)",
            Medebewonerrelatie::Student => "Student met studiefinanciering",
            Medebewonerrelatie::Anders => "Anders",
        }
    }
}

impl Rol {
    /// Als tekst voor de database: `aanvrager`, `partner:gehuwd`, `kind`, `medebewoner:student`.
    pub fn code(self) -> String {
        match self {
            Rol::Aanvrager => "aanvrager".into(),
            Rol::Partner(r) => format!("partner:{}", r.code()),
            Rol::Kind => "kind".into(),
            Rol::Medebewoner(r) => format!("medebewoner:{}", r.code()),
        }
    }

    pub fn uit_code(s: &str) -> Option<Rol> {
        match s.split_once(':') {
            None if s == "aanvrager" => Some(Rol::Aanvrager),
            None if s == "kind" => Some(Rol::Kind),
            Some(("partner", r)) => Partnerrelatie::ALLE
                .into_iter()
                .find(|p| p.code() == r)
                .map(Rol::Partner),
            Some(("medebewoner", r)) => Medebewonerrelatie::ALLE
                .into_iter()
                .find(|m| m.code() == r)
                .map(Rol::Medebewoner),
            _ => None,
        }
    }

    pub fn naam(self) -> String {
        match self {
            Rol::Aanvrager => "Aanvrager".into(),
            Rol::Partner(r) => format!("Partner — {}", r.naam().to_lowercase()),
            Rol::Kind => "Kind".into(),
            Rol::Medebewoner(r) => format!("Medebewoner — {}", r.naam().to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_zijn_omkeerbaar() {
        let mut alle = vec![Rol::Aanvrager, Rol::Kind];
        alle.extend(Partnerrelatie::ALLE.map(Rol::Partner));
        alle.extend(Medebewonerrelatie::ALLE.map(Rol::Medebewoner));
        for r in alle {
            assert_eq!(Rol::uit_code(&r.code()), Some(r), "{r:?}");
        }
        assert_eq!(Rol::uit_code("partner:verloofd"), None);
        assert_eq!(Rol::uit_code("buurman"), None);
    }
}
