//! Automatische verdeling van nieuwe dossiers (issue 5): eerst het team dat over het postcodegebied
//! van de cliënt gaat, dan binnen dat team de consulent met de laagste gewogen caseload. Wie
//! afwezig is of van de cliënt is uitgesloten (afgeschermd, belangenverstrengeling), slaan we
//! over. Gelijke belasting: de laagste gebruikers-id (vast, dus deterministisch). Elke toewijzing
//! draagt haar reden in gewone taal.

use chrono::NaiveDate;
use serde::Serialize;

use crate::bedrag::honderdsten;

/// Een postcodegebied: de cijfers van de postcode, van en tot en met (bv. 3011–3039).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Postcodegebied {
    pub van: u16,
    pub tot_en_met: u16,
    pub team_id: i64,
    pub team: String,
}

/// De gebieden van een gemeente, gecontroleerd: geldige cijfers, van ≤ tot en geen overlap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Postcodegebieden(Vec<Postcodegebied>);

impl Postcodegebieden {
    pub fn nieuw(mut gebieden: Vec<Postcodegebied>) -> Result<Postcodegebieden, String> {
        for g in &gebieden {
            if !(1000..=9999).contains(&g.van) || !(1000..=9999).contains(&g.tot_en_met) {
                return Err(format!(
                    "Postcodecijfers liggen tussen 1000 en 9999 ({}–{}).",
                    g.van, g.tot_en_met
                ));
            }
            if g.van > g.tot_en_met {
                return Err(format!(
                    "Het gebied {}–{} begint na zijn einde.",
                    g.van, g.tot_en_met
                ));
            }
        }
        gebieden.sort_by_key(|g| (g.van, g.tot_en_met));
        for paar in gebieden.windows(2) {
            if paar[1].van <= paar[0].tot_en_met {
                return Err(format!(
                    "De gebieden {}–{} ({}) en {}–{} ({}) overlappen.",
                    paar[0].van,
                    paar[0].tot_en_met,
                    paar[0].team,
                    paar[1].van,
                    paar[1].tot_en_met,
                    paar[1].team
                ));
            }
        }
        Ok(Postcodegebieden(gebieden))
    }

    pub fn alle(&self) -> &[Postcodegebied] {
        &self.0
    }

    /// Het gebied van een postcode (`3011AB` of `3011 AB`).
    pub fn voor(&self, postcode: &str) -> Option<&Postcodegebied> {
        let cijfers: u16 = postcode.trim().get(..4)?.parse().ok()?;
        self.0
            .iter()
            .find(|g| g.van <= cijfers && cijfers <= g.tot_en_met)
    }
}

/// Een consulent die een dossier zou kunnen krijgen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kandidaat {
    pub gebruiker_id: i64,
    pub naam: String,
    /// Gewogen caseload in honderdsten (23,5 = 2350): som van de gewichten van zijn open dossiers.
    pub belasting: i64,
    /// Afwezig op de dag van verdelen, tot en met deze datum.
    pub afwezig_tot_en_met: Option<NaiveDate>,
    /// Uitgesloten van deze cliënt, met de reden.
    pub uitgesloten: Option<String>,
}

/// De uitkomst van een verdeling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Toewijzing {
    pub gebruiker_id: i64,
    pub reden: String,
}

/// Kiest de consulent met de laagste belasting; afwezigen en uitgeslotenen vallen af. `Err` met
/// de reden als niemand overblijft (het dossier blijft dan bij het team).
pub fn verdeel(kandidaten: &[Kandidaat], team: &str) -> Result<Toewijzing, String> {
    let mut overgeslagen = Vec::new();
    for k in kandidaten {
        if let Some(tot) = k.afwezig_tot_en_met {
            overgeslagen.push(format!(
                "{} afwezig tot en met {}",
                k.naam,
                tot.format("%d-%m-%Y")
            ));
        } else if let Some(r) = &k.uitgesloten {
            overgeslagen.push(format!("{} uitgesloten ({r})", k.naam));
        }
    }
    let gekozen = kandidaten
        .iter()
        .filter(|k| k.afwezig_tot_en_met.is_none() && k.uitgesloten.is_none())
        .min_by_key(|k| (k.belasting, k.gebruiker_id));
    let Some(k) = gekozen else {
        let mut reden = format!("Geen beschikbare consulent in team {team}");
        if !overgeslagen.is_empty() {
            reden.push_str(&format!(": {}", overgeslagen.join("; ")));
        }
        return Err(reden);
    };
    let mut reden = format!(
        "Laagste belasting {} in team {team}",
        honderdsten(k.belasting)
    );
    if !overgeslagen.is_empty() {
        reden.push_str(&format!("; {}", overgeslagen.join("; ")));
    }
    Ok(Toewijzing {
        gebruiker_id: k.gebruiker_id,
        reden,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gebied(van: u16, tot: u16, team: &str) -> Postcodegebied {
        Postcodegebied {
            van,
            tot_en_met: tot,
            team_id: i64::from(van),
            team: team.into(),
        }
    }

    fn kandidaat(id: i64, naam: &str, belasting: i64) -> Kandidaat {
        Kandidaat {
            gebruiker_id: id,
            naam: naam.into(),
            belasting,
            afwezig_tot_en_met: None,
            uitgesloten: None,
        }
    }

    #[test]
    fn postcodegebieden() {
        let g = Postcodegebieden::nieuw(vec![
            gebied(3040, 3099, "Zuid"),
            gebied(3011, 3039, "Noord"),
        ])
        .unwrap();
        assert_eq!(g.voor("3011AB").unwrap().team, "Noord");
        assert_eq!(g.voor("3039 ZZ").unwrap().team, "Noord");
        assert_eq!(g.voor("3040AA").unwrap().team, "Zuid");
        assert!(g.voor("1011AA").is_none());
        assert!(g.voor("").is_none());
        let overlap = Postcodegebieden::nieuw(vec![
            gebied(3011, 3039, "Noord"),
            gebied(3039, 3099, "Zuid"),
        ]);
        assert_eq!(
            overlap.unwrap_err(),
            "De gebieden 3011–3039 (Noord) en 3039–3099 (Zuid) overlappen."
        );
        assert!(Postcodegebieden::nieuw(vec![gebied(3050, 3040, "x")]).is_err());
        assert!(Postcodegebieden::nieuw(vec![gebied(999, 3040, "x")]).is_err());
    }

    #[test]
    fn laagste_belasting_afwezig_en_uitgesloten() {
        let mut k = vec![
            kandidaat(1, "J. Jansen", 2350),
            kandidaat(2, "A. de Boer", 1800),
            kandidaat(3, "P. Smit", 2000),
        ];
        let t = verdeel(&k, "Noord").unwrap();
        assert_eq!(t.gebruiker_id, 2);
        assert_eq!(t.reden, "Laagste belasting 18,00 in team Noord");

        k[1].afwezig_tot_en_met = NaiveDate::from_ymd_opt(2026, 12, 3);
        let t = verdeel(&k, "Noord").unwrap();
        assert_eq!(t.gebruiker_id, 3);
        assert_eq!(
            t.reden,
            "Laagste belasting 20,00 in team Noord; A. de Boer afwezig tot en met 03-12-2026"
        );

        k[2].uitgesloten = Some("belangenverstrengeling".into());
        let t = verdeel(&k, "Noord").unwrap();
        assert_eq!(t.gebruiker_id, 1);
        assert!(t
            .reden
            .contains("P. Smit uitgesloten (belangenverstrengeling)"));

        k[0].afwezig_tot_en_met = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert!(verdeel(&k, "Noord")
            .unwrap_err()
            .starts_with("Geen beschikbare consulent in team Noord: "));
        assert_eq!(
            verdeel(&[], "Zuid").unwrap_err(),
            "Geen beschikbare consulent in team Zuid"
        );
    }

    /// Gelijke belasting: steeds dezelfde keuze, wat de volgorde van de invoer ook is.
    #[test]
    fn deterministisch() {
        let a = [
            kandidaat(7, "B", 1000),
            kandidaat(3, "A", 1000),
            kandidaat(9, "C", 1200),
        ];
        let mut b = a.clone();
        b.reverse();
        assert_eq!(verdeel(&a, "T").unwrap().gebruiker_id, 3);
        assert_eq!(verdeel(&b, "T").unwrap().gebruiker_id, 3);
    }
}
