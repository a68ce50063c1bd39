//! Rollen en rechten. Wie wat mag, staat hier op één plek; de app-laag controleert het bij elke
//! handeling (`Actor::vereist`), de webschil toont alleen wat mag.

use serde::{Deserialize, Serialize};

/// De rollen van VISION.md. Een gebruiker kan meer dan één rol hebben; zijn rechten zijn de
/// vereniging van de rechten van zijn rollen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    AdministratiefOndersteuner,
    Inkomensconsulent,
    Teamleider,
    Handhaving,
    FunctioneelBeheerder,
    Auditor,
}

impl Rol {
    pub const ALLE: [Rol; 6] = [
        Rol::AdministratiefOndersteuner,
        Rol::Inkomensconsulent,
        Rol::Teamleider,
        Rol::Handhaving,
        Rol::FunctioneelBeheerder,
        Rol::Auditor,
    ];

    /// De naam zoals die in de database, de API en op de opdrachtregel staat.
    pub fn code(self) -> &'static str {
        match self {
            Rol::AdministratiefOndersteuner => "administratief_ondersteuner",
            Rol::Inkomensconsulent => "inkomensconsulent",
            Rol::Teamleider => "teamleider",
            Rol::Handhaving => "handhaving",
            Rol::FunctioneelBeheerder => "functioneel_beheerder",
            Rol::Auditor => "auditor",
        }
    }

    /// De naam voor mensen.
    pub fn naam(self) -> &'static str {
        match self {
            Rol::AdministratiefOndersteuner => "Administratief ondersteuner",
            Rol::Inkomensconsulent => "Inkomensconsulent",
            Rol::Teamleider => "Teamleider",
            Rol::Handhaving => "Handhaving",
            Rol::FunctioneelBeheerder => "Functioneel beheerder",
            Rol::Auditor => "Auditor",
        }
    }

    pub fn uit_code(code: &str) -> Option<Rol> {
        Rol::ALLE.into_iter().find(|r| r.code() == code)
    }

    /// De rechten van deze rol.
    pub fn rechten(self) -> &'static [Recht] {
        use Recht::*;
        match self {
            Rol::AdministratiefOndersteuner => &[
                TeamsInzien,
                ClientenInzien,
                DossiersRegistreren,
                ContactmomentenVastleggen,
                ContactmomentenInzien,
            ],
            Rol::Inkomensconsulent => &[
                TeamsInzien,
                ClientenInzien,
                DossiersRegistreren,
                UitkeringenBeheren,
                ContactmomentenVastleggen,
                ContactmomentenInzien,
            ],
            Rol::Teamleider => &[
                TeamsInzien,
                ClientenInzien,
                ContactmomentenVastleggen,
                ContactmomentenInzien,
                TakenToewijzen,
                AfwezigheidRegistreren,
                BetaalrunGoedkeuren,
                BetaalbestandDownloaden,
            ],
            Rol::Handhaving => &[ClientenInzien],
            Rol::FunctioneelBeheerder => &[
                GebruikersBeheren,
                TeamsBeheren,
                TeamsInzien,
                NormenBeheren,
                WerkInrichten,
                BetaalrunStarten,
            ],
            Rol::Auditor => &[AuditInzien, ToegangslogInzien, TeamsInzien],
        }
    }
}

/// Een recht: iets dat een gebruiker mag doen. Elke handeling in de app-laag vraagt er één.
/// Het eigen account (wachtwoord wijzigen, eigen API-tokens) vraagt geen recht: dat mag iedereen
/// die is ingelogd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Recht {
    /// Gebruikers aanmaken, wijzigen, blokkeren, wachtwoord resetten.
    GebruikersBeheren,
    /// Teams aanmaken, wijzigen, leden toevoegen en verwijderen.
    TeamsBeheren,
    /// De lijst van teams en hun leden zien.
    TeamsInzien,
    /// De audittrail lezen en de keten controleren.
    AuditInzien,
    /// Het toegangslog (wie zag wiens gegevens) lezen.
    ToegangslogInzien,
    /// Cliënten en dossiers zoeken en inzien (elke inzage komt in het toegangslog).
    ClientenInzien,
    /// Een nieuwe aanvraag met het huishouden registreren.
    DossiersRegistreren,
    /// Een nieuwe set normtabellen laden (`vangnet normen laden`). Inzien mag iedereen.
    NormenBeheren,
    /// Dossiers en taken toewijzen en het werk van een afwezige herverdelen.
    TakenToewijzen,
    /// Servicenormen en postcodegebieden inrichten.
    WerkInrichten,
    /// Afwezigheid en uitsluiting van medewerkers van het team registreren (teamleider).
    AfwezigheidRegistreren,
    /// Een uitkering toekennen, mutaties registreren en (als tweede consulent) beoordelen.
    UitkeringenBeheren,
    /// Een betaalrun starten, (opnieuw) berekenen en afbreken (issue 7).
    BetaalrunStarten,
    /// Een berekende betaalrun goedkeuren (vier ogen: niet wie hem startte).
    BetaalrunGoedkeuren,
    /// Het betaalbestand (pain.001, met van iedereen naam, IBAN en bedrag) downloaden: alleen
    /// wie de run goedkeurt, niet wie hem start of het systeem beheert (issue 21 punt 4).
    BetaalbestandDownloaden,
    /// Contactmomenten en telefoonnotities vastleggen, terugbellen en koppelen (issue 8).
    ContactmomentenVastleggen,
    /// Contactmomenten lezen (een gevoelige alleen als consulent of teamleider van het dossier).
    ContactmomentenInzien,
}

/// Mogen deze rollen bij één persoon samen (issue 17, punt 6)? Wie gebruikers beheert (de
/// functioneel beheerder), heeft geen inhoudelijke rol (ondersteuner, consulent, teamleider,
/// handhaving) en geen toezichtsrol (auditor): anders kan één persoon zichzelf toegang tot
/// cliëntgegevens geven, of het toezicht op zijn eigen beheer houden.
pub fn verenigbaar(rollen: &[Rol]) -> Result<(), String> {
    if rollen.contains(&Rol::FunctioneelBeheerder) && rollen.len() > 1 {
        let andere: Vec<&str> = rollen
            .iter()
            .filter(|r| **r != Rol::FunctioneelBeheerder)
            .map(|r| r.naam())
            .collect();
        return Err(format!(
            "Een functioneel beheerder heeft geen andere rol (scheiding van taken): laat {} weg, \
             of geef die rol aan een ander account.",
            andere.join(" en ")
        ));
    }
    Ok(())
}

/// Heeft iemand met deze rollen dit recht?
pub fn heeft_recht(rollen: &[Rol], recht: Recht) -> bool {
    rollen.iter().any(|r| r.rechten().contains(&recht))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17 punt 6: beheer van gebruikers gaat niet samen met inhoudelijke of toezichtsrollen.
    #[test]
    fn beheer_gaat_niet_samen_met_inhoud_of_toezicht() {
        use Rol::*;
        let gevallen: &[(&[Rol], bool)] = &[
            (&[FunctioneelBeheerder], true),
            (&[FunctioneelBeheerder, Auditor], false),
            (&[FunctioneelBeheerder, Teamleider], false),
            (&[FunctioneelBeheerder, Inkomensconsulent], false),
            (&[AdministratiefOndersteuner, FunctioneelBeheerder], false),
            (&[FunctioneelBeheerder, Handhaving], false),
            (&[Teamleider, Inkomensconsulent], true),
            (&[Auditor], true),
            (&[], true),
        ];
        for (rollen, goed) in gevallen {
            assert_eq!(verenigbaar(rollen).is_ok(), *goed, "{rollen:?}");
        }
        assert!(verenigbaar(&[FunctioneelBeheerder, Auditor])
            .unwrap_err()
            .contains("Auditor"));
    }

    #[test]
    fn codes_zijn_omkeerbaar_en_uniek() {
        for r in Rol::ALLE {
            assert_eq!(Rol::uit_code(r.code()), Some(r));
        }
        assert_eq!(Rol::uit_code("beheerder"), None);
    }

    /// De scheiding van taken: wie gebruikers beheert, leest niet zelf de audittrail, en omgekeerd.
    #[test]
    fn rechtentabel() {
        let gevallen: &[(Rol, Recht, bool)] = &[
            (Rol::FunctioneelBeheerder, Recht::GebruikersBeheren, true),
            (Rol::FunctioneelBeheerder, Recht::TeamsBeheren, true),
            (Rol::FunctioneelBeheerder, Recht::AuditInzien, false),
            (Rol::Auditor, Recht::AuditInzien, true),
            (Rol::Auditor, Recht::ToegangslogInzien, true),
            (Rol::Auditor, Recht::GebruikersBeheren, false),
            (Rol::Inkomensconsulent, Recht::GebruikersBeheren, false),
            (Rol::Inkomensconsulent, Recht::TeamsInzien, true),
            (Rol::Teamleider, Recht::TeamsBeheren, false),
            (Rol::Handhaving, Recht::TeamsInzien, false),
            (Rol::AdministratiefOndersteuner, Recht::AuditInzien, false),
            (
                Rol::AdministratiefOndersteuner,
                Recht::DossiersRegistreren,
                true,
            ),
            (Rol::Inkomensconsulent, Recht::ClientenInzien, true),
            (Rol::Teamleider, Recht::DossiersRegistreren, false),
            (Rol::Handhaving, Recht::ClientenInzien, true),
            // Beheer en toezicht zien geen cliëntgegevens: dat is hun taak niet.
            (Rol::FunctioneelBeheerder, Recht::ClientenInzien, false),
            (Rol::Auditor, Recht::ClientenInzien, false),
            // Normtabellen laden is werk van de functioneel beheerder (issue 4).
            (Rol::FunctioneelBeheerder, Recht::NormenBeheren, true),
            (Rol::Inkomensconsulent, Recht::NormenBeheren, false),
            (Rol::Teamleider, Recht::NormenBeheren, false),
            // Werkverdeling (issue 5): de teamleider wijst toe, de beheerder richt in.
            (Rol::Teamleider, Recht::TakenToewijzen, true),
            (Rol::Inkomensconsulent, Recht::TakenToewijzen, false),
            (Rol::FunctioneelBeheerder, Recht::WerkInrichten, true),
            (Rol::Teamleider, Recht::WerkInrichten, false),
            (Rol::Teamleider, Recht::AfwezigheidRegistreren, true),
            (Rol::Inkomensconsulent, Recht::AfwezigheidRegistreren, false),
            // Betaalruns (issue 7): de beheerder start, de teamleider keurt goed.
            (Rol::FunctioneelBeheerder, Recht::BetaalrunStarten, true),
            (Rol::FunctioneelBeheerder, Recht::BetaalrunGoedkeuren, false),
            (Rol::Teamleider, Recht::BetaalrunGoedkeuren, true),
            (Rol::Teamleider, Recht::BetaalrunStarten, false),
            (Rol::Inkomensconsulent, Recht::BetaalrunStarten, false),
            (Rol::Inkomensconsulent, Recht::BetaalrunGoedkeuren, false),
            // Het betaalbestand: alleen de teamleider (minste rechten, issue 21 punt 4).
            (Rol::Teamleider, Recht::BetaalbestandDownloaden, true),
            (
                Rol::FunctioneelBeheerder,
                Recht::BetaalbestandDownloaden,
                false,
            ),
            (
                Rol::Inkomensconsulent,
                Recht::BetaalbestandDownloaden,
                false,
            ),
            (
                Rol::AdministratiefOndersteuner,
                Recht::BetaalbestandDownloaden,
                false,
            ),
            // Contactmomenten (issue 8): de telefoon en de balie, niet handhaving of beheer.
            (
                Rol::AdministratiefOndersteuner,
                Recht::ContactmomentenVastleggen,
                true,
            ),
            (Rol::Inkomensconsulent, Recht::ContactmomentenInzien, true),
            (Rol::Teamleider, Recht::ContactmomentenInzien, true),
            (Rol::Handhaving, Recht::ContactmomentenInzien, false),
            (
                Rol::FunctioneelBeheerder,
                Recht::ContactmomentenInzien,
                false,
            ),
            (Rol::Auditor, Recht::ContactmomentenInzien, false),
            // Uitkeringen en mutaties (issue 6): het werk van de consulent.
            (Rol::Inkomensconsulent, Recht::UitkeringenBeheren, true),
            (
                Rol::AdministratiefOndersteuner,
                Recht::UitkeringenBeheren,
                false,
            ),
            (Rol::Teamleider, Recht::UitkeringenBeheren, false),
        ];
        for (rol, recht, verwacht) in gevallen {
            assert_eq!(heeft_recht(&[*rol], *recht), *verwacht, "{rol:?} {recht:?}");
        }
        assert!(heeft_recht(
            &[Rol::Handhaving, Rol::Auditor],
            Recht::AuditInzien
        ));
        assert!(!heeft_recht(&[], Recht::TeamsInzien));
    }
}
