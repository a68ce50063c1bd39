//! Beheer met vier ogen (issue 17, punt 6): een functioneel beheerder die iemand een rol geeft of
//! de inrichting van vier ogen verandert, doet een verzoek; een tweede functioneel beheerder keurt
//! het goed of wijst het af. Niet wie het vroeg, en niet wie de rol krijgt. Rollen afnemen gaat
//! direct (minder rechten is nooit een risico); de opdrachtregel van de server is de noodweg (elke
//! handeling in de audittrail).

use serde::Serialize;

/// Wat er gevraagd wordt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verzoeksoort {
    /// Een of meer rollen erbij voor een gebruiker.
    Rollen,
    /// De drempel of de soorten mutatie van vier ogen.
    VierOgen,
}

impl Verzoeksoort {
    pub fn code(self) -> &'static str {
        match self {
            Verzoeksoort::Rollen => "rollen",
            Verzoeksoort::VierOgen => "vier_ogen",
        }
    }

    pub fn uit_code(code: &str) -> Option<Self> {
        [Verzoeksoort::Rollen, Verzoeksoort::VierOgen]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// De toestand van een verzoek: open → goedgekeurd of afgewezen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verzoekstatus {
    Open,
    Goedgekeurd,
    Afgewezen,
}

impl Verzoekstatus {
    /// Voor een mens: "open", "goedgekeurd", "afgewezen".
    pub fn naam(self) -> &'static str {
        self.code()
    }

    pub fn code(self) -> &'static str {
        match self {
            Verzoekstatus::Open => "open",
            Verzoekstatus::Goedgekeurd => "goedgekeurd",
            Verzoekstatus::Afgewezen => "afgewezen",
        }
    }

    pub fn uit_code(code: &str) -> Option<Self> {
        [
            Verzoekstatus::Open,
            Verzoekstatus::Goedgekeurd,
            Verzoekstatus::Afgewezen,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn mag_beoordelen(self) -> bool {
        self == Verzoekstatus::Open
    }
}

/// Mag `beoordelaar` dit verzoek beoordelen? Niet wie het vroeg, en niet wie de rol zou krijgen.
pub fn beoordelaar_toegestaan(
    aangevraagd_door: i64,
    voor_gebruiker: Option<i64>,
    beoordelaar: i64,
) -> Result<(), &'static str> {
    if beoordelaar == aangevraagd_door {
        return Err(
            "U vroeg dit zelf aan; een andere functioneel beheerder beoordeelt het (vier ogen).",
        );
    }
    if voor_gebruiker == Some(beoordelaar) {
        return Err(
            "Dit verzoek geeft u zelf een rol; een andere functioneel beheerder beoordeelt het.",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wie_mag_beoordelen() {
        // (aanvrager, voor wie, beoordelaar, mag)
        let gevallen = [
            (1, Some(3), 2, true),
            (1, Some(3), 1, false), // de aanvrager zelf
            (1, Some(2), 2, false), // wie de rol krijgt
            (1, Some(1), 2, true),  // de aanvrager vraagt een rol voor zichzelf: een ander keurt
            (1, None, 2, true),     // vier ogen inrichten
            (1, None, 1, false),
        ];
        for (aanvrager, voor, beoordelaar, mag) in gevallen {
            assert_eq!(
                beoordelaar_toegestaan(aanvrager, voor, beoordelaar).is_ok(),
                mag,
                "{aanvrager} {voor:?} {beoordelaar}"
            );
        }
        assert!(Verzoekstatus::Open.mag_beoordelen());
        assert!(!Verzoekstatus::Goedgekeurd.mag_beoordelen());
        for s in [
            Verzoekstatus::Open,
            Verzoekstatus::Goedgekeurd,
            Verzoekstatus::Afgewezen,
        ] {
            assert_eq!(Verzoekstatus::uit_code(s.code()), Some(s));
        }
    }
}
