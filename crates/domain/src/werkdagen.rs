//! Werkdagen en termijnen: de feestdagen van de Algemene termijnenwet (ATW) voor elk jaar, het
//! verschuiven van een wettelijke termijn die op een weekend- of feestdag eindigt (ATW art. 1) en
//! het tellen van werkdagen voor servicenormen.
//!
//! Bron: ../shared/domain/participatiewet-feiten.md §4 "Algemene termijnenwet":
//! - art. 3 lid 1: Nieuwjaarsdag, tweede Paasdag, tweede Pinksterdag, eerste en tweede Kerstdag,
//!   Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt gevierd, en 5 mei (elk jaar);
//!   art. 3 lid 2: Goede Vrijdag telt als feestdag;
//! - art. 1: een termijn die eindigt op een zaterdag, zondag of feestdag loopt door tot en met de
//!   eerstvolgende werkdag (niet voor terugwaarts gerekende termijnen);
//! - art. 4: niet voor termijnen in uren, van meer dan 12 weken, meer dan 3 maanden of in jaren.
//!
//! Koningsdag: 27 april, of 26 april als de 27e een zondag is (zo in issue 5; participatiewet-
//! feiten.md noemt deze regel NIET geverifieerd). Vóór 2014 was het Koninginnedag: 30 april, of
//! 29 april als de 30e een zondag was (algemeen bekend, NIET uit de gedeelde bronnen).
//! Pasen volgt het algoritme voor de gregoriaanse kalender (Meeus/Jones/Butcher).
//!
//! ATW art. 3 lid 3: dagen die bij koninklijk besluit met een feestdag zijn gelijkgesteld (per
//! drie jaar; meestal de vrijdag na Hemelvaart of een brugdag) tellen als feestdag. Dat zijn
//! gegevens, geen regel: de functioneel beheerder houdt ze bij (tabel `gelijkgestelde_dagen`),
//! de app zet ze hier met [`gelijkgestelde_dagen_zetten`] en elke termijn en servicenorm rekent
//! ermee. Tot de app dat doet, gelden de dagen van [`STANDAARD_GELIJKGESTELD`]
//! (participatiewet-feiten.md §12; titels van de besluiten UNVERIFIED tegen de Staatscourant).

use std::sync::{LazyLock, RwLock};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// De gelijkgestelde dagen die participatiewet-feiten.md §12 noemt (ATW art. 3 lid 3), met de
/// reden. UNVERIFIED: uit secundaire bronnen, niet uit de Staatscourant.
pub const STANDAARD_GELIJKGESTELD: [(&str, &str); 10] = [
    ("2023-04-28", "Vrijdag na Koningsdag"),
    ("2023-05-19", "Vrijdag na Hemelvaartsdag"),
    ("2024-05-10", "Vrijdag na Hemelvaartsdag"),
    ("2024-12-27", "Vrijdag na Tweede Kerstdag"),
    ("2025-05-30", "Vrijdag na Hemelvaartsdag"),
    ("2026-01-02", "Vrijdag na Nieuwjaarsdag"),
    ("2026-05-15", "Vrijdag na Hemelvaartsdag"),
    ("2027-05-07", "Vrijdag na Hemelvaartsdag"),
    ("2028-04-28", "Vrijdag na Koningsdag"),
    ("2028-05-26", "Vrijdag na Hemelvaartsdag"),
];

/// De bron van [`STANDAARD_GELIJKGESTELD`].
pub const STANDAARD_GELIJKGESTELD_BRON: &str = "participatiewet-feiten.md §12 (Atw art. 3 lid 3; \
     titels van de besluiten UNVERIFIED tegen de Staatscourant)";

/// De gelijkgestelde dagen waarmee gerekend wordt, oplopend.
static GELIJKGESTELD: LazyLock<RwLock<Vec<NaiveDate>>> = LazyLock::new(|| {
    let mut dagen: Vec<NaiveDate> = STANDAARD_GELIJKGESTELD
        .iter()
        .filter_map(|(d, _)| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .collect();
    dagen.sort();
    RwLock::new(dagen)
});

/// Zet de gelijkgestelde dagen waarmee elke termijn en servicenorm rekent (de app, uit de
/// database: bij het starten, na een wijziging en periodiek, zodat alle servers hetzelfde
/// rekenen).
pub fn gelijkgestelde_dagen_zetten(mut dagen: Vec<NaiveDate>) {
    dagen.sort();
    dagen.dedup();
    match GELIJKGESTELD.write() {
        Ok(mut g) => *g = dagen,
        Err(vergiftigd) => *vergiftigd.into_inner() = dagen,
    }
}

/// Is `d` een met een feestdag gelijkgestelde dag (ATW art. 3 lid 3)?
pub fn is_gelijkgesteld(d: NaiveDate) -> bool {
    match GELIJKGESTELD.read() {
        Ok(g) => g.binary_search(&d).is_ok(),
        Err(vergiftigd) => vergiftigd.into_inner().binary_search(&d).is_ok(),
    }
}

/// Eerste Paasdag in `jaar` (gregoriaans).
pub fn pasen(jaar: i32) -> Option<NaiveDate> {
    let a = jaar % 19;
    let b = jaar / 100;
    let c = jaar % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let maand = (h + l - 7 * m + 114) / 31;
    let dag = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(jaar, u32::try_from(maand).ok()?, u32::try_from(dag).ok()?)
}

/// De dag waarop de verjaardag van de Koning (vóór 2014: de Koningin) wordt gevierd.
fn koningsdag(jaar: i32) -> Option<NaiveDate> {
    let (dag, uitwijk) = if jaar >= 2014 { (27, 26) } else { (30, 29) };
    let d = NaiveDate::from_ymd_opt(jaar, 4, dag)?;
    if d.weekday() == Weekday::Sun {
        NaiveDate::from_ymd_opt(jaar, 4, uitwijk)
    } else {
        Some(d)
    }
}

/// De feestdagen van ATW art. 3 in `jaar`, op datum.
pub fn feestdagen(jaar: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut uit = Vec::with_capacity(10);
    let mut neem = |d: Option<NaiveDate>, naam| {
        if let Some(d) = d {
            uit.push((d, naam));
        }
    };
    neem(NaiveDate::from_ymd_opt(jaar, 1, 1), "Nieuwjaarsdag");
    if let Some(p) = pasen(jaar) {
        neem(Some(p - Duration::days(2)), "Goede Vrijdag");
        neem(Some(p + Duration::days(1)), "Tweede Paasdag");
        neem(Some(p + Duration::days(39)), "Hemelvaartsdag");
        neem(Some(p + Duration::days(50)), "Tweede Pinksterdag");
    }
    neem(koningsdag(jaar), "Koningsdag");
    neem(NaiveDate::from_ymd_opt(jaar, 5, 5), "Bevrijdingsdag");
    neem(NaiveDate::from_ymd_opt(jaar, 12, 25), "Eerste Kerstdag");
    neem(NaiveDate::from_ymd_opt(jaar, 12, 26), "Tweede Kerstdag");
    uit.sort();
    uit
}

/// De naam van de feestdag op `d`, of niets. Zonder allocatie: dit zit in elke telling van
/// werkdagen.
pub fn feestdag(d: NaiveDate) -> Option<&'static str> {
    match (d.month(), d.day()) {
        (1, 1) => return Some("Nieuwjaarsdag"),
        (5, 5) => return Some("Bevrijdingsdag"),
        (12, 25) => return Some("Eerste Kerstdag"),
        (12, 26) => return Some("Tweede Kerstdag"),
        (3..=6, _) => {}
        _ => return None,
    }
    if (d.month() == 4) && koningsdag(d.year()) == Some(d) {
        return Some("Koningsdag");
    }
    let p = pasen(d.year())?;
    match (d - p).num_days() {
        -2 => Some("Goede Vrijdag"),
        1 => Some("Tweede Paasdag"),
        39 => Some("Hemelvaartsdag"),
        50 => Some("Tweede Pinksterdag"),
        _ => None,
    }
}

/// Geen zaterdag, zondag, feestdag of daarmee gelijkgestelde dag.
pub fn is_werkdag(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
        && feestdag(d).is_none()
        && !is_gelijkgesteld(d)
}

/// `d` zelf als het een werkdag is, anders de eerstvolgende werkdag.
pub fn werkdag_vanaf(d: NaiveDate) -> NaiveDate {
    let mut d = d;
    while !is_werkdag(d) {
        d += Duration::days(1);
    }
    d
}

/// De `n`-de werkdag na `d` (`d` zelf telt niet mee); bij `n == 0` de eerste werkdag vanaf `d`.
pub fn plus_werkdagen(d: NaiveDate, n: u32) -> NaiveDate {
    if n == 0 {
        return werkdag_vanaf(d);
    }
    let mut d = d;
    let mut over = n;
    while over > 0 {
        d += Duration::days(1);
        if is_werkdag(d) {
            over -= 1;
        }
    }
    d
}

/// Het aantal werkdagen na `van` tot en met `tot` (0 als `tot <= van`).
pub fn werkdagen_tussen(van: NaiveDate, tot: NaiveDate) -> i64 {
    werkdagen_tussen_tot(van, tot, i64::MAX)
}

/// Als [`werkdagen_tussen`], maar stopt zodra het aantal `max` overschrijdt (dan `max + 1`): om
/// te weten of een deadline binnen een marge valt, hoeft niet verder geteld te worden.
pub fn werkdagen_tussen_tot(van: NaiveDate, tot: NaiveDate, max: i64) -> i64 {
    let mut n = 0;
    let mut d = van;
    while d < tot && n <= max {
        d += Duration::days(1);
        if is_werkdag(d) {
            n += 1;
        }
    }
    n
}

/// Een wettelijke termijn in weken, na de dag van de gebeurtenis (ontvangst, bekendmaking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Termijn {
    /// Dezelfde weekdag `weken` weken later.
    pub berekend: NaiveDate,
    /// De laatste dag van de termijn na ATW art. 1.
    pub einde: NaiveDate,
    /// `true` als art. 1 de termijn verlengde (einde valt op een weekend- of feestdag).
    pub verschoven: bool,
}

/// Een termijn van `weken` weken na `gebeurtenis`, met de verschuiving van ATW art. 1 als de wet
/// van toepassing is (art. 4: niet voor termijnen van meer dan 12 weken).
pub fn termijn_in_weken(gebeurtenis: NaiveDate, weken: u32) -> Termijn {
    let berekend = gebeurtenis + Duration::weeks(i64::from(weken));
    let einde = if weken <= 12 {
        werkdag_vanaf(berekend)
    } else {
        berekend
    };
    Termijn {
        berekend,
        einde,
        verschoven: einde != berekend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Eerste Paasdag 2024–2030 (de kerkelijke kalender; het algoritme moet ze alle geven).
    #[test]
    fn pasen_2024_tot_2030() {
        let gevallen = [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2030, "2030-04-21"),
            (2038, "2038-04-25"), // laatst mogelijke datum
            (2285, "2285-03-22"), // vroegst mogelijke datum
        ];
        for (jaar, datum) in gevallen {
            assert_eq!(pasen(jaar), Some(d(datum)), "{jaar}");
        }
    }

    /// Elke feestdag van ATW art. 3 (participatiewet-feiten.md §4), 2024–2030.
    #[test]
    fn feestdagen_2024_tot_2030() {
        let verwacht: &[(i32, [&str; 10])] = &[
            (
                2024,
                [
                    "2024-01-01",
                    "2024-03-29",
                    "2024-04-01",
                    "2024-04-27",
                    "2024-05-05",
                    "2024-05-09",
                    "2024-05-20",
                    "2024-12-25",
                    "2024-12-26",
                    "",
                ],
            ),
            (
                2025,
                [
                    "2025-01-01",
                    "2025-04-18",
                    "2025-04-21",
                    "2025-04-26",
                    "2025-05-05",
                    "2025-05-29",
                    "2025-06-09",
                    "2025-12-25",
                    "2025-12-26",
                    "",
                ],
            ),
            (
                2026,
                [
                    "2026-01-01",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-04-27",
                    "2026-05-05",
                    "2026-05-14",
                    "2026-05-25",
                    "2026-12-25",
                    "2026-12-26",
                    "",
                ],
            ),
            (
                2027,
                [
                    "2027-01-01",
                    "2027-03-26",
                    "2027-03-29",
                    "2027-04-27",
                    "2027-05-05",
                    "2027-05-06",
                    "2027-05-17",
                    "2027-12-25",
                    "2027-12-26",
                    "",
                ],
            ),
            (
                2028,
                [
                    "2028-01-01",
                    "2028-04-14",
                    "2028-04-17",
                    "2028-04-27",
                    "2028-05-05",
                    "2028-05-25",
                    "2028-06-05",
                    "2028-12-25",
                    "2028-12-26",
                    "",
                ],
            ),
            (
                2029,
                [
                    "2029-01-01",
                    "2029-03-30",
                    "2029-04-02",
                    "2029-04-27",
                    "2029-05-05",
                    "2029-05-10",
                    "2029-05-21",
                    "2029-12-25",
                    "2029-12-26",
                    "",
                ],
            ),
            (
                2030,
                [
                    "2030-01-01",
                    "2030-04-19",
                    "2030-04-22",
                    "2030-04-27",
                    "2030-05-05",
                    "2030-05-30",
                    "2030-06-10",
                    "2030-12-25",
                    "2030-12-26",
                    "",
                ],
            ),
        ];
        for (jaar, datums) in verwacht {
            let echt: Vec<String> = feestdagen(*jaar)
                .iter()
                .map(|(f, _)| f.to_string())
                .collect();
            let datums: Vec<&str> = datums.iter().copied().filter(|s| !s.is_empty()).collect();
            assert_eq!(echt, datums, "{jaar}");
        }
        // 2025: 27 april is een zondag, dus Koningsdag op zaterdag 26 april.
        assert_eq!(feestdag(d("2025-04-26")), Some("Koningsdag"));
        assert_eq!(feestdag(d("2025-04-27")), None);
        // Vóór 2014: Koninginnedag 30 april (2006: zondag, dus 29 april).
        assert_eq!(feestdag(d("2013-04-30")), Some("Koningsdag"));
        assert_eq!(feestdag(d("2006-04-29")), Some("Koningsdag"));
        assert_eq!(feestdag(d("2026-05-05")), Some("Bevrijdingsdag"));
        assert_eq!(
            feestdag(d("2026-04-05")),
            None,
            "eerste Paasdag is een zondag, geen ATW-feestdag"
        );
    }

    #[test]
    fn werkdagen_en_servicenormen() {
        // Vrijdag 24-12-2026 + 1 werkdag: 25 en 26 december (feest), 27 zondag → maandag 28.
        assert_eq!(plus_werkdagen(d("2026-12-24"), 1), d("2026-12-28"));
        // Donderdag 2-4-2026 + 2: Goede Vrijdag 3/4, weekend, Tweede Paasdag 6/4 → 7/4 en 8/4.
        assert_eq!(plus_werkdagen(d("2026-04-02"), 2), d("2026-04-08"));
        // Maandag + 5 werkdagen = maandag erna.
        assert_eq!(plus_werkdagen(d("2026-11-23"), 5), d("2026-11-30"));
        // Zaterdag + 0: de eerstvolgende werkdag.
        assert_eq!(plus_werkdagen(d("2026-11-28"), 0), d("2026-11-30"));
        assert_eq!(werkdagen_tussen(d("2026-11-23"), d("2026-11-30")), 5);
        assert_eq!(werkdagen_tussen_tot(d("2026-11-23"), d("2027-11-30"), 2), 3);
        assert_eq!(werkdagen_tussen(d("2026-11-30"), d("2026-11-23")), 0);
        assert!(!is_werkdag(d("2026-11-28")));
        assert!(is_werkdag(d("2026-11-27")));
        assert!(!is_werkdag(d("2026-05-14")), "Hemelvaartsdag");
        // ATW art. 3 lid 3 (§12): de gelijkgestelde dagen van de standaardlijst.
        for (dag, _) in STANDAARD_GELIJKGESTELD {
            assert!(!is_werkdag(d(dag)), "{dag}");
        }
        // Woensdag 13-5-2026 + 2 werkdagen: 14 (Hemelvaart) en 15 (gelijkgesteld) tellen niet.
        assert_eq!(plus_werkdagen(d("2026-05-13"), 2), d("2026-05-19"));
    }

    /// Awb 4:13 (8 weken), Pw 52 (4 weken), Awb 6:7 (6 weken) met ATW art. 1 en 4.
    #[test]
    fn wettelijke_termijnen() {
        let gevallen = [
            // gebeurtenis, weken, berekend, einde
            ("2026-11-02", 8, "2026-12-28", "2026-12-28"), // maandag: geen verschuiving
            ("2026-10-31", 8, "2026-12-26", "2026-12-28"), // Tweede Kerstdag (za) → ma 28
            ("2026-10-30", 8, "2026-12-25", "2026-12-28"), // Eerste Kerstdag (vr) → ma 28
            ("2026-03-09", 8, "2026-05-04", "2026-05-04"),
            ("2026-03-10", 8, "2026-05-05", "2026-05-06"), // Bevrijdingsdag → woensdag
            ("2026-03-06", 4, "2026-04-03", "2026-04-07"), // Goede Vrijdag, weekend, Tweede Paasdag
            ("2026-04-01", 6, "2026-05-13", "2026-05-13"),
            // Hemelvaartsdag, en vrijdag 15 mei is met een feestdag gelijkgesteld (ATW art. 3
            // lid 3; participatiewet-feiten.md §12): maandag 18 mei
            ("2026-04-02", 6, "2026-05-14", "2026-05-18"),
            ("2026-01-03", 12, "2026-03-28", "2026-03-30"), // 12 weken: nog onder de ATW
            ("2026-01-03", 13, "2026-04-04", "2026-04-04"), // meer dan 12 weken: art. 4, geen verschuiving
        ];
        for (g, weken, berekend, einde) in gevallen {
            let t = termijn_in_weken(d(g), weken);
            assert_eq!(
                (t.berekend, t.einde),
                (d(berekend), d(einde)),
                "{g} + {weken} weken"
            );
            assert_eq!(t.verschoven, berekend != einde);
        }
    }
}
