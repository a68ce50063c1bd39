//! Gebruikersnamen en wachtwoorden: wat geldig is.

use serde::Serialize;

/// Een gebruikersnaam: 2–32 tekens, kleine letters, cijfers, punt, streepje of liggend streepje,
/// beginnend met een letter. Hoofdletters worden bij invoer naar kleine letters gezet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Gebruikersnaam(String);

impl Gebruikersnaam {
    pub fn parse(invoer: &str) -> Result<Self, String> {
        let s = invoer.trim().to_lowercase();
        if s.is_empty() {
            return Err("Vul een gebruikersnaam in.".into());
        }
        if s.chars().count() < 2 || s.chars().count() > 32 {
            return Err("De gebruikersnaam moet 2 tot 32 tekens lang zijn.".into());
        }
        let mut tekens = s.chars();
        if !tekens.next().is_some_and(|c| c.is_ascii_lowercase()) {
            return Err("De gebruikersnaam moet met een letter beginnen.".into());
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        {
            return Err(
                "De gebruikersnaam mag alleen letters (a–z), cijfers, punt, streepje en liggend streepje bevatten."
                    .into(),
            );
        }
        Ok(Gebruikersnaam(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Gebruikersnaam {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Een nieuw wachtwoord dat aan het beleid voldoet: minstens 12 en hoogstens 128 tekens, niet
/// gelijk aan de gebruikersnaam. Lengte boven complexiteitsregels, zoals NCSC en NIST aanraden.
pub struct Wachtwoord(String);

impl Wachtwoord {
    pub const MINIMUM: usize = 12;
    pub const MAXIMUM: usize = 128;

    pub fn nieuw(invoer: &str, gebruikersnaam: &str) -> Result<Self, String> {
        let lengte = invoer.chars().count();
        if lengte < Self::MINIMUM {
            return Err(format!(
                "Het wachtwoord moet minstens {} tekens lang zijn.",
                Self::MINIMUM
            ));
        }
        if lengte > Self::MAXIMUM {
            return Err(format!(
                "Het wachtwoord mag hoogstens {} tekens lang zijn.",
                Self::MAXIMUM
            ));
        }
        if invoer.trim().eq_ignore_ascii_case(gebruikersnaam.trim()) {
            return Err("Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam.".into());
        }
        Ok(Wachtwoord(invoer.to_owned()))
    }

    pub fn geheim(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Wachtwoord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Wachtwoord(***)")
    }
}

/// Een volledige naam voor weergave: niet leeg, hoogstens 100 tekens, geen stuurtekens.
pub fn volledige_naam(invoer: &str) -> Result<String, String> {
    let s = invoer.trim();
    if s.is_empty() {
        return Err("Vul de volledige naam in.".into());
    }
    if s.chars().count() > 100 {
        return Err("De volledige naam mag hoogstens 100 tekens lang zijn.".into());
    }
    if s.chars().any(char::is_control) {
        return Err("De volledige naam bevat ongeldige tekens.".into());
    }
    Ok(s.to_owned())
}

/// Hoe lang een combinatie van account en netwerkadres na `mislukt` mislukte inlogpogingen (in
/// het venster) moet wachten na de laatste, in minuten (issue 17, punt 11). De eerste `vrij`
/// pogingen zijn vrij; daarna verdubbelt de wachttijd (1, 2, 4, 8 … minuten), tot hoogstens het
/// venster. Zo houdt wie vanaf een ander adres een wachtwoord raadt, de echte gebruiker niet
/// buiten, en kost raden vanaf één adres steeds meer tijd.
pub fn inlogwachttijd_minuten(mislukt: i64, vrij: i64, venster_minuten: i64) -> i64 {
    if mislukt < vrij {
        return 0;
    }
    let stappen = u32::try_from(mislukt - vrij).unwrap_or(u32::MAX).min(30);
    (1_i64 << stappen).min(venster_minuten)
}

/// Het adres waarop de inlogdrempel telt: een IPv4-adres zelf, van een IPv6-adres het /64-net
/// (één aansluiting krijgt er een hele reeks van; wie per poging een ander adres uit zijn /64
/// neemt, omzeilt de drempel anders). Wat geen IP-adres is, telt zoals het is.
pub fn drempeladres(adres: &str) -> String {
    match adres.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            let net = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{net}/64")
        }
        Ok(std::net::IpAddr::V6(v6)) => v6.to_canonical().to_string(),
        _ => adres.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn de_drempel_telt_per_ipv4_adres_en_per_ipv6_net() {
        let tabel = [
            ("192.0.2.7", "192.0.2.7"),
            ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
            ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
            ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
            ("::ffff:192.0.2.7", "192.0.2.7"),
            ("onbekend", "onbekend"),
        ];
        for (adres, drempel) in tabel {
            assert_eq!(super::drempeladres(adres), drempel, "{adres}");
        }
    }

    #[test]
    fn de_wachttijd_groeit_met_elke_mislukte_poging() {
        // (mislukt, minuten) bij 5 vrije pogingen en een venster van 15 minuten.
        let tabel = [
            (0, 0),
            (4, 0),
            (5, 1),
            (6, 2),
            (7, 4),
            (8, 8),
            (9, 15),
            (40, 15),
            (i64::MAX, 15),
        ];
        for (mislukt, minuten) in tabel {
            assert_eq!(
                super::inlogwachttijd_minuten(mislukt, 5, 15),
                minuten,
                "{mislukt}"
            );
        }
    }

    use super::*;

    #[test]
    fn gebruikersnamen() {
        let gevallen: &[(&str, Result<&str, &str>)] = &[
            ("jjansen", Ok("jjansen")),
            ("  J.Jansen ", Ok("j.jansen")),
            ("a1", Ok("a1")),
            ("", Err("Vul een gebruikersnaam in.")),
            ("a", Err("De gebruikersnaam moet 2 tot 32 tekens lang zijn.")),
            ("1abc", Err("De gebruikersnaam moet met een letter beginnen.")),
            ("jan jansen", Err("De gebruikersnaam mag alleen letters (a–z), cijfers, punt, streepje en liggend streepje bevatten.")),
            ("<script>", Err("De gebruikersnaam moet met een letter beginnen.")),
        ];
        for (invoer, verwacht) in gevallen {
            let uitkomst = Gebruikersnaam::parse(invoer);
            match verwacht {
                Ok(s) => assert_eq!(uitkomst.as_ref().map(|g| g.as_str()), Ok(*s), "{invoer}"),
                Err(m) => assert_eq!(uitkomst.err().as_deref(), Some(*m), "{invoer}"),
            }
        }
        assert!(Gebruikersnaam::parse(&"a".repeat(33)).is_err());
    }

    #[test]
    fn wachtwoordbeleid() {
        assert!(Wachtwoord::nieuw("kort", "x").is_err());
        assert!(Wachtwoord::nieuw("precies12tkn", "x").is_ok());
        assert!(Wachtwoord::nieuw("jjansen12345", "JJANSEN12345").is_err());
        assert!(Wachtwoord::nieuw(&"x".repeat(129), "a").is_err());
        assert_eq!(
            format!("{:?}", Wachtwoord::nieuw("geheimgeheim", "a")),
            "Ok(Wachtwoord(***))"
        );
    }

    #[test]
    fn volledige_namen() {
        assert_eq!(volledige_naam("  Jan de Vries "), Ok("Jan de Vries".into()));
        assert!(volledige_naam("").is_err());
        assert!(volledige_naam("a\u{0}b").is_err());
        assert!(volledige_naam(&"x".repeat(101)).is_err());
    }
}
