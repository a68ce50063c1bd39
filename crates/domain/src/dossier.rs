//! Het dossier: nummer, zaaktype, status met de toegestane overgangen, en de wettelijke termijnen
//! die vanaf de ontvangst van een aanvraag lopen.
//!
//! Termijnen (bron: ../shared/domain/participatiewet-feiten.md §4 en §6): beslissen binnen
//! 8 weken (Awb 4:13; de Participatiewet noemt geen eigen termijn), voorschot binnen 4 weken
//! (Pw art 52 lid 1). Een einddatum op een weekend- of feestdag schuift naar de eerstvolgende
//! werkdag (Algemene termijnenwet art 1; [`crate::werkdagen`]).

use chrono::NaiveDate;
use serde::Serialize;

use crate::werkdagen::termijn_in_weken;

/// Een leesbaar dossiernummer: jaar en volgnummer, `2026-000123`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Dossiernummer(String);

impl Dossiernummer {
    pub fn nieuw(jaar: i32, volgnummer: i64) -> Dossiernummer {
        Dossiernummer(format!("{jaar:04}-{volgnummer:06}"))
    }

    /// Leest `2026-000123` (ook `2026-123` of `2026000123`).
    pub fn parse(s: &str) -> Option<Dossiernummer> {
        let s = s.trim();
        let (jaar, nr) = match s.split_once('-') {
            Some((j, n)) => (j, n),
            None if s.len() == 10 => s.split_at(4),
            None => return None,
        };
        let jaar: i32 = jaar.parse().ok().filter(|j| (2000..=2999).contains(j))?;
        if nr.is_empty() || nr.len() > 6 || !nr.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let nr: i64 = nr.parse().ok().filter(|n| *n > 0)?;
        Some(Dossiernummer::nieuw(jaar, nr))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Dossiernummer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Het soort zaak. Nu alleen de aanvraag levensonderhoud; later ook mutaties, bijzondere bijstand,
/// terugvordering, bezwaar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Zaaktype {
    AanvraagLevensonderhoud,
}

impl Zaaktype {
    pub const ALLE: [Zaaktype; 1] = [Zaaktype::AanvraagLevensonderhoud];

    pub fn code(self) -> &'static str {
        match self {
            Zaaktype::AanvraagLevensonderhoud => "aanvraag_levensonderhoud",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Zaaktype::AanvraagLevensonderhoud => "Aanvraag levensonderhoud",
        }
    }

    pub fn uit_code(s: &str) -> Option<Zaaktype> {
        Zaaktype::ALLE.into_iter().find(|z| z.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ontvangen,
    InBehandeling,
    Besloten,
    Ingetrokken,
    BuitenBehandeling,
    Afgesloten,
}

impl Status {
    pub const ALLE: [Status; 6] = [
        Status::Ontvangen,
        Status::InBehandeling,
        Status::Besloten,
        Status::Ingetrokken,
        Status::BuitenBehandeling,
        Status::Afgesloten,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Ontvangen => "ontvangen",
            Status::InBehandeling => "in_behandeling",
            Status::Besloten => "besloten",
            Status::Ingetrokken => "ingetrokken",
            Status::BuitenBehandeling => "buiten_behandeling",
            Status::Afgesloten => "afgesloten",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Status::Ontvangen => "Ontvangen",
            Status::InBehandeling => "In behandeling",
            Status::Besloten => "Besloten",
            Status::Ingetrokken => "Ingetrokken",
            Status::BuitenBehandeling => "Buiten behandeling gesteld",
            Status::Afgesloten => "Afgesloten",
        }
    }

    pub fn uit_code(s: &str) -> Option<Status> {
        Status::ALLE.into_iter().find(|z| z.code() == s)
    }

    /// Loopt de wettelijke beslistermijn nog (is er nog niet besloten)?
    pub fn open(self) -> bool {
        matches!(self, Status::Ontvangen | Status::InBehandeling)
    }

    /// De toegestane overgangen.
    pub fn mag_naar(self, naar: Status) -> bool {
        use Status::*;
        matches!(
            (self, naar),
            (Ontvangen, InBehandeling)
                | (
                    Ontvangen | InBehandeling,
                    Besloten | Ingetrokken | BuitenBehandeling
                )
                | (Besloten | Ingetrokken | BuitenBehandeling, Afgesloten)
        )
    }
}

/// De termijnen van een aanvraag, gerekend vanaf de dag van ontvangst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Termijnen {
    /// Uiterlijk beslissen (Awb 4:13): 8 weken na ontvangst, ATW art. 1 toegepast.
    pub beslissen: NaiveDate,
    /// Uiterlijk een voorschot (Pw art 52 lid 1): 4 weken na ontvangst, ATW art. 1 toegepast.
    pub voorschot: NaiveDate,
    /// De beslistermijn is verlengd omdat ze op een weekend- of feestdag eindigde.
    pub beslissen_verschoven: bool,
    pub voorschot_verschoven: bool,
}

impl Termijnen {
    /// Een termijn van n weken na de dag van ontvangst eindigt op dezelfde weekdag n weken later,
    /// of op de eerstvolgende werkdag (ATW art. 1).
    pub fn vanaf(ontvangen: NaiveDate) -> Termijnen {
        let beslissen = termijn_in_weken(ontvangen, 8);
        let voorschot = termijn_in_weken(ontvangen, 4);
        Termijnen {
            beslissen: beslissen.einde,
            voorschot: voorschot.einde,
            beslissen_verschoven: beslissen.verschoven,
            voorschot_verschoven: voorschot.verschoven,
        }
    }

    /// Dagen tot de beslistermijn (negatief: verstreken).
    pub fn dagen_tot_beslissen(&self, vandaag: NaiveDate) -> i64 {
        (self.beslissen - vandaag).num_days()
    }
}

/// Wat er met een dossier gebeurde, op de tijdlijn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gebeurtenissoort {
    /// De aanvraag is geregistreerd.
    Geregistreerd,
    /// Het dossier is (automatisch) aan een consulent verdeeld.
    Verdeeld,
    /// Het dossier is met de hand aan een consulent toegewezen.
    Toegewezen,
    /// Op de aanvraag is besloten.
    Besloten,
    /// Een opgave van het vermogen is vastgelegd (art. 34 Pw).
    VermogenVastgelegd,
    /// Over een voorschot is besloten (art. 52 Pw).
    Voorschot,
}

impl Gebeurtenissoort {
    pub const ALLE: [Gebeurtenissoort; 6] = [
        Gebeurtenissoort::Geregistreerd,
        Gebeurtenissoort::Verdeeld,
        Gebeurtenissoort::Toegewezen,
        Gebeurtenissoort::Besloten,
        Gebeurtenissoort::VermogenVastgelegd,
        Gebeurtenissoort::Voorschot,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Gebeurtenissoort::Geregistreerd => "geregistreerd",
            Gebeurtenissoort::Verdeeld => "verdeeld",
            Gebeurtenissoort::Toegewezen => "toegewezen",
            Gebeurtenissoort::Besloten => "besloten",
            Gebeurtenissoort::VermogenVastgelegd => "vermogen_vastgelegd",
            Gebeurtenissoort::Voorschot => "voorschot",
        }
    }

    pub fn uit_code(s: &str) -> Option<Gebeurtenissoort> {
        Gebeurtenissoort::ALLE.into_iter().find(|g| g.code() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dossiernummers() {
        assert_eq!(Dossiernummer::nieuw(2026, 123).as_str(), "2026-000123");
        for invoer in ["2026-000123", "2026-123", "2026000123", " 2026-000123 "] {
            assert_eq!(
                Dossiernummer::parse(invoer).map(|n| n.to_string()),
                Some("2026-000123".into()),
                "{invoer}"
            );
        }
        for fout in [
            "",
            "2026",
            "2026-",
            "2026-0000001",
            "1999-000001",
            "2026-00000x",
            "2026-000000",
            "123456782",
        ] {
            assert_eq!(Dossiernummer::parse(fout), None, "{fout}");
        }
    }

    /// Bron: participatiewet-feiten.md §6: beslissen binnen 8 weken (Awb 4:13), voorschot binnen
    /// 4 weken (Pw 52); §4: einde op weekend- of feestdag → eerstvolgende werkdag (ATW art. 1).
    #[test]
    fn termijnen() {
        let gevallen = [
            ("2026-11-02", "2026-12-28", "2026-11-30"),
            ("2026-12-31", "2027-02-25", "2027-01-28"),
            ("2024-02-29", "2024-04-25", "2024-03-28"),
            // 8 weken: za 26-12-2026 → ma 28-12; 4 weken: za 28-11-2026 → ma 30-11
            ("2026-10-31", "2026-12-28", "2026-11-30"),
            // 4 weken: 5 mei 2026 (Bevrijdingsdag, dinsdag) → woensdag 6 mei
            ("2026-04-07", "2026-06-02", "2026-05-06"),
        ];
        for (ontvangen, beslissen, voorschot) in gevallen {
            let t = Termijnen::vanaf(d(ontvangen));
            assert_eq!(t.beslissen, d(beslissen), "{ontvangen}");
            assert_eq!(t.voorschot, d(voorschot), "{ontvangen}");
        }
        let t = Termijnen::vanaf(d("2026-11-02"));
        assert_eq!(t.dagen_tot_beslissen(d("2026-12-27")), 1);
        assert_eq!(t.dagen_tot_beslissen(d("2026-12-29")), -1);
    }

    #[test]
    fn statusovergangen() {
        use Status::*;
        assert!(Ontvangen.mag_naar(InBehandeling));
        assert!(InBehandeling.mag_naar(Besloten));
        assert!(Besloten.mag_naar(Afgesloten));
        assert!(Ontvangen.mag_naar(Ingetrokken));
        assert!(
            !Besloten.mag_naar(InBehandeling),
            "een besluit heropen je met bezwaar, niet met een status"
        );
        assert!(!Afgesloten.mag_naar(Ontvangen));
        assert!(!Ontvangen.mag_naar(Afgesloten));
        for s in Status::ALLE {
            assert_eq!(Status::uit_code(s.code()), Some(s));
            assert!(!s.mag_naar(s));
        }
        assert!(Ontvangen.open() && InBehandeling.open() && !Besloten.open());
    }
}
