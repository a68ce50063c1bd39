//! Tijd: tijdstippen worden in UTC vastgelegd in één vaste tekstvorm (sorteerbaar, gelijk op
//! SQLite en PostgreSQL) en in Nederlandse tijd (Europe/Amsterdam) getoond.
//!
//! De Nederlandse tijd komt uit de tijdzonedatabase (IANA, zone `Europe/Amsterdam`, via
//! chrono-tz): nu de EU-regel voor zomertijd (Richtlijn 2000/84/EG, laatste zondag van maart tot
//! laatste zondag van oktober, 01:00 UTC), en wat er ooit verandert (de EU kan de zomertijd nog
//! afschaffen) met een nieuwere database, zonder eigen rekenregel (issue 22 punt 7).

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Europe::Amsterdam;

/// De vaste vorm waarin tijdstippen worden opgeslagen: `2026-11-28T13:02:53.123456Z`.
/// Een maand voluit: "januari 2026".
pub fn maand_weergave(d: NaiveDate) -> String {
    const NAMEN: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let naam = NAMEN
        .get(usize::try_from(d.month0()).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{naam} {}", d.year())
}

/// Een datum in de vaste vorm `JJJJ-MM-DD` (zoals opgeslagen). Zelf opgebouwd in plaats van met
/// een opmaakpatroon: de betaalrun doet dit miljoenen keren, en chrono leest het patroon elke
/// keer opnieuw. Jaren buiten 0–9999 gaan via chrono (met teken), net als voorheen.
pub fn datum_tekst(d: NaiveDate) -> String {
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// Leest een datum in de vorm `JJJJ-MM-DD`. Precies tien tekens met cijfers en streepjes worden
/// zelf gelezen (de opgeslagen vorm, en het snelle pad van de betaalrun); al het andere gaat via
/// chrono's `%Y-%m-%d`, met dezelfde uitkomst als voorheen.
pub fn datum_uit_tekst(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let cijfers = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(j), Some(m), Some(d)) = (cijfers(0..4), cijfers(5..7), cijfers(8..10)) {
            return NaiveDate::from_ymd_opt(i32::try_from(j).ok()?, m, d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Een datum zoals een gebruiker of koppeling haar in de vorm `JJJJ-MM-DD` geeft: precies tien
/// tekens, cijfers en streepjes op hun plaats, en een bestaande dag. Strenger dan
/// [`datum_uit_tekst`] (chrono leest ook `2026-1-1` en `+2026-01-01`): wat het OpenAPI-document
/// weigert, weigert de server ook.
pub fn iso_datum(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let vorm = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if vorm {
        datum_uit_tekst(s)
    } else {
        None
    }
}

/// Een tijdstip in de vaste vorm `JJJJ-MM-DDTUU:MM:SS.ffffffZ` (zoals opgeslagen). Net als
/// [`datum_tekst`] zelf opgebouwd: de bulkinvoer doet dit tientallen miljoenen keren, en chrono
/// leest het patroon elke keer opnieuw. Een schrikkelseconde en jaren buiten 0–9999 gaan via
/// chrono, met dezelfde uitkomst als voorheen.
pub fn instant_tekst(t: DateTime<Utc>) -> String {
    let nano = t.nanosecond();
    if (0..=9999).contains(&t.year()) && nano < 1_000_000_000 {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            nano / 1_000
        )
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    }
}

/// Leest de vaste vorm (en elke RFC 3339-tijd) terug.
pub fn instant_uit_tekst(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Serde voor een tijdstip in de vaste vorm van [`instant_tekst`]: een rij met een getypt tijdstip
/// komt zo hetzelfde in de audittrail en de API als toen het tekst was.
pub mod als_instant {
    use chrono::{DateTime, Utc};

    pub fn serialize<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::instant_tekst(*t))
    }
}

/// Als [`als_instant`], voor een tijdstip dat kan ontbreken.
pub mod als_instant_of_leeg {
    use chrono::{DateTime, Utc};

    pub fn serialize<S: serde::Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_some(&super::instant_tekst(*t)),
            None => s.serialize_none(),
        }
    }
}

/// Het verschil tussen Nederlandse tijd en UTC op dit moment, in uren (1 of 2).
pub fn nl_verschil_uren(t: DateTime<Utc>) -> i64 {
    let lokaal = t.with_timezone(&Amsterdam);
    i64::from(lokaal.offset().fix().local_minus_utc()) / 3600
}

/// Het tijdstip als Nederlandse lokale tijd.
pub fn nl_lokaal(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Amsterdam).naive_local()
}

/// Voor mensen: `28-11-2026 14:02` in Nederlandse tijd.
pub fn nl_weergave(t: DateTime<Utc>) -> String {
    nl_lokaal(t).format("%d-%m-%Y %H:%M").to_string()
}

/// Voor mensen, vanuit de opgeslagen vorm; onleesbare tekst wordt ongewijzigd getoond.
pub fn nl_weergave_tekst(s: &str) -> String {
    instant_uit_tekst(s).map_or_else(|| s.to_owned(), nl_weergave)
}

/// Het begin van een Nederlandse kalenderdag in UTC (voor filters "van datum"). Middernacht
/// bestaat in Nederland altijd precies één keer (de klok verspringt om 02:00 en 03:00).
pub fn begin_nl_dag(d: NaiveDate) -> DateTime<Utc> {
    let middernacht = d.and_hms_opt(0, 0, 0).unwrap_or(NaiveDateTime::MIN);
    Amsterdam
        .from_local_datetime(&middernacht)
        .earliest()
        .map_or_else(
            || Utc.from_utc_datetime(&(middernacht - Duration::hours(1))),
            |t| t.with_timezone(&Utc),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        instant_uit_tekst(s).unwrap()
    }

    #[test]
    fn vaste_vorm_is_omkeerbaar_en_sorteerbaar() {
        let t = utc("2026-11-28T13:02:53.123456Z");
        assert_eq!(instant_tekst(t), "2026-11-28T13:02:53.123456Z");
        assert_eq!(instant_uit_tekst(&instant_tekst(t)), Some(t));
        assert!(
            instant_tekst(utc("2026-01-02T00:00:00Z")) < instant_tekst(utc("2026-10-01T00:00:00Z"))
        );
    }

    #[test]
    fn iso_datum_alleen_in_de_vaste_vorm() {
        let gevallen = [
            ("2026-11-28", Some((2026, 11, 28))),
            ("2024-02-29", Some((2024, 2, 29))),
            ("2026-02-29", None),
            ("2026-1-1", None),
            ("+2026-01-01", None),
            ("28-11-2026", None),
            (" 2026-11-28", None),
            ("2026-11-28x", None),
            ("", None),
        ];
        for (tekst, verwacht) in gevallen {
            let verwacht = verwacht.and_then(|(j, m, d)| NaiveDate::from_ymd_opt(j, m, d));
            assert_eq!(iso_datum(tekst), verwacht, "{tekst:?}");
        }
    }

    /// Zomertijd 2026: 29 maart 01:00 UTC tot 25 oktober 01:00 UTC (laatste zondagen).
    #[test]
    fn zomer_en_wintertijd() {
        let gevallen = [
            ("2026-01-15T12:00:00Z", "15-01-2026 13:00"),
            ("2026-03-29T00:59:00Z", "29-03-2026 01:59"),
            ("2026-03-29T01:00:00Z", "29-03-2026 03:00"),
            ("2026-07-01T22:30:00Z", "02-07-2026 00:30"),
            ("2026-10-25T00:59:00Z", "25-10-2026 02:59"),
            ("2026-10-25T01:00:00Z", "25-10-2026 02:00"),
            ("2024-03-31T01:00:00Z", "31-03-2024 03:00"),
            ("2026-12-31T23:30:00Z", "01-01-2027 00:30"),
            // Tot en met 1995 eindigde de zomertijd op de laatste zondag van september: de
            // tijdzonedatabase weet dat, een eigen rekenregel (laatste zondag van oktober) niet.
            ("1995-09-24T00:59:00Z", "24-09-1995 02:59"),
            ("1995-09-24T01:00:00Z", "24-09-1995 02:00"),
            ("2040-03-25T01:00:00Z", "25-03-2040 03:00"),
        ];
        for (invoer, verwacht) in gevallen {
            assert_eq!(nl_weergave(utc(invoer)), verwacht, "{invoer}");
        }
    }

    #[test]
    fn begin_van_een_nederlandse_dag() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            instant_tekst(begin_nl_dag(d("2026-01-10"))),
            "2026-01-09T23:00:00.000000Z"
        );
        assert_eq!(
            instant_tekst(begin_nl_dag(d("2026-07-10"))),
            "2026-07-09T22:00:00.000000Z"
        );
        // De dagen waarop de klok verspringt (om 02:00 en 03:00): middernacht nog in de oude tijd.
        assert_eq!(
            instant_tekst(begin_nl_dag(d("2026-03-29"))),
            "2026-03-28T23:00:00.000000Z"
        );
        assert_eq!(
            instant_tekst(begin_nl_dag(d("2026-10-25"))),
            "2026-10-24T22:00:00.000000Z"
        );
    }

    /// De eigen schrijver van de vaste vorm geeft precies wat chrono met het patroon gaf, ook
    /// voor nanoseconden die niet op een microseconde vallen, en voor een schrikkelseconde.
    #[test]
    fn tijdstip_als_tekst_gelijk_aan_chrono() {
        let chrono_vorm = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
        let mut gevallen: Vec<DateTime<Utc>> = vec![
            utc("2026-11-28T13:02:53.123456789Z"),
            utc("2026-11-28T13:02:53.999999999Z"),
            utc("0001-01-01T00:00:00Z"),
            utc("9999-12-31T23:59:59.000001Z"),
            utc("2016-12-31T23:59:60.5Z"),
        ];
        let mut x: i64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let seconden = x.rem_euclid(250_000_000_000) - 62_000_000_000;
            let nano = (x.rem_euclid(1_000_000_000)) as u32;
            if let Some(t) = DateTime::from_timestamp(seconden, nano) {
                gevallen.push(t);
            }
        }
        for t in gevallen {
            assert_eq!(instant_tekst(t), chrono_vorm(t), "{t:?}");
        }
    }

    /// De eigen lezer en schrijver van `JJJJ-MM-DD` geven precies wat chrono met `%Y-%m-%d`
    /// geeft, ook voor wat niet de vaste vorm is of geen bestaande datum.
    #[test]
    fn datum_als_tekst_gelijk_aan_chrono() {
        let tabel = [
            "2026-11-28",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0000-01-01",
            "9999-12-31",
            "2026-1-5",
            "2026-01-5x",
            "2026/01/05",
            " 2026-01-05",
            "+2026-01-05",
            "20260-01-05",
            "2026-01-0٣",
            "",
        ];
        for s in tabel {
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            assert_eq!(datum_uit_tekst(s), chrono, "{s:?}");
            if let Some(d) = chrono {
                assert_eq!(datum_tekst(d), d.format("%Y-%m-%d").to_string(), "{s:?}");
            }
        }
        for d in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        ] {
            assert_eq!(datum_tekst(d), d.format("%Y-%m-%d").to_string());
            assert_eq!(datum_uit_tekst(&datum_tekst(d)), Some(d));
        }
    }
}
