//! Materiële en formele historie (ARCHITECTURE.md): elk feit over een persoon of huishouden heeft
//! een periode waarin het in de wereld waar is (`geldig_vanaf` tot `geldig_tot`, de einddatum niet
//! meegerekend) en een moment waarop de gemeente het wist (`geregistreerd_op` tot `vervallen_op`).
//! Een feit wordt nooit overschreven: een correctie laat de oude versie vervallen en registreert
//! een nieuwe. "De situatie op datum X zoals bekend op moment Y" is [`op`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Een periode in de wereld: vanaf `vanaf`, tot (niet tot en met) `tot`; zonder `tot` open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Periode {
    pub vanaf: NaiveDate,
    pub tot: Option<NaiveDate>,
}

impl Periode {
    pub fn nieuw(vanaf: NaiveDate, tot: Option<NaiveDate>) -> Result<Periode, String> {
        match tot {
            Some(t) if t <= vanaf => Err("De einddatum moet na de begindatum liggen.".into()),
            _ => Ok(Periode { vanaf, tot }),
        }
    }

    pub fn vanaf(vanaf: NaiveDate) -> Periode {
        Periode { vanaf, tot: None }
    }

    pub fn bevat(&self, d: NaiveDate) -> bool {
        d >= self.vanaf && self.tot.is_none_or(|t| d < t)
    }

    pub fn overlapt(&self, ander: &Periode) -> bool {
        self.tot.is_none_or(|t| ander.vanaf < t) && ander.tot.is_none_or(|t| self.vanaf < t)
    }
}

/// Wanneer de gemeente een versie kende.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Registratie {
    pub geregistreerd_op: DateTime<Utc>,
    pub vervallen_op: Option<DateTime<Utc>>,
}

impl Registratie {
    pub fn bekend_op(&self, moment: DateTime<Utc>) -> bool {
        self.geregistreerd_op <= moment && self.vervallen_op.is_none_or(|v| moment < v)
    }
}

/// Eén versie van een feit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Versie<T> {
    pub waarde: T,
    pub geldig: Periode,
    pub registratie: Registratie,
}

/// De versies die op `datum` gelden zoals bekend op `bekend_op`.
pub fn op<T>(versies: &[Versie<T>], datum: NaiveDate, bekend_op: DateTime<Utc>) -> Vec<&Versie<T>> {
    versies
        .iter()
        .filter(|v| v.geldig.bevat(datum) && v.registratie.bekend_op(bekend_op))
        .collect()
}

/// Overlapt `nieuw` met een versie die nu (op `nu`) bekend is en waarvoor `zelfde` geldt? Voor de
/// regel "één adres tegelijk", "in één huishouden tegelijk".
pub fn overlapt_met<'a, T>(
    versies: &'a [Versie<T>],
    nieuw: &Periode,
    nu: DateTime<Utc>,
    zelfde: impl Fn(&T) -> bool,
) -> Option<&'a Versie<T>> {
    versies
        .iter()
        .find(|v| v.registratie.bekend_op(nu) && zelfde(&v.waarde) && v.geldig.overlapt(nieuw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> DateTime<Utc> {
        Utc.from_utc_datetime(
            &NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
        )
    }

    #[test]
    fn perioden() {
        let p = Periode::nieuw(d("2026-01-01"), Some(d("2026-02-01"))).unwrap();
        assert!(p.bevat(d("2026-01-01")) && p.bevat(d("2026-01-31")));
        assert!(!p.bevat(d("2026-02-01")), "de einddatum telt niet mee");
        assert!(!p.bevat(d("2025-12-31")));
        assert!(Periode::vanaf(d("2026-01-01")).bevat(d("2099-01-01")));
        assert!(Periode::nieuw(d("2026-01-01"), Some(d("2026-01-01"))).is_err());
        let gevallen = [
            (
                ("2026-01-01", Some("2026-02-01")),
                ("2026-02-01", None),
                false,
            ),
            (
                ("2026-01-01", Some("2026-02-01")),
                ("2026-01-31", None),
                true,
            ),
            (
                ("2026-01-01", None),
                ("2030-01-01", Some("2030-02-01")),
                true,
            ),
            (
                ("2026-03-01", None),
                ("2026-01-01", Some("2026-03-01")),
                false,
            ),
        ];
        for ((av, at), (bv, bt), verwacht) in gevallen {
            let a = Periode::nieuw(d(av), at.map(d)).unwrap();
            let b = Periode::nieuw(d(bv), bt.map(d)).unwrap();
            assert_eq!(a.overlapt(&b), verwacht, "{a:?} {b:?}");
            assert_eq!(b.overlapt(&a), verwacht, "symmetrisch");
        }
    }

    /// Een adreswijziging per 1 maart, pas op 10 maart gemeld, en een correctie op 20 maart
    /// (het was 15 februari): drie vragen, drie antwoorden.
    #[test]
    fn situatie_op_datum_zoals_bekend_op_moment() {
        let versie =
            |w: &'static str, vanaf: &str, tot: Option<&str>, reg: &str, verv: Option<&str>| {
                Versie {
                    waarde: w,
                    geldig: Periode::nieuw(d(vanaf), tot.map(d)).unwrap(),
                    registratie: Registratie {
                        geregistreerd_op: t(reg),
                        vervallen_op: verv.map(t),
                    },
                }
            };
        let versies = vec![
            // Oud adres, open einde; op 10 maart afgesloten (vervangen door de versie met einde).
            versie(
                "Kerkstraat 1",
                "2020-01-01",
                None,
                "2020-01-05",
                Some("2026-03-10"),
            ),
            versie(
                "Kerkstraat 1",
                "2020-01-01",
                Some("2026-03-01"),
                "2026-03-10",
                Some("2026-03-20"),
            ),
            versie(
                "Dorpsweg 2",
                "2026-03-01",
                None,
                "2026-03-10",
                Some("2026-03-20"),
            ),
            // Correctie: verhuisd op 15 februari.
            versie(
                "Kerkstraat 1",
                "2020-01-01",
                Some("2026-02-15"),
                "2026-03-20",
                None,
            ),
            versie("Dorpsweg 2", "2026-02-15", None, "2026-03-20", None),
        ];
        let waar = |datum: &str, bekend: &str| -> Vec<&str> {
            op(&versies, d(datum), t(bekend))
                .into_iter()
                .map(|v| v.waarde)
                .collect()
        };
        assert_eq!(
            waar("2026-03-05", "2026-03-05"),
            ["Kerkstraat 1"],
            "wat we op 5 maart wisten"
        );
        assert_eq!(
            waar("2026-03-05", "2026-03-15"),
            ["Dorpsweg 2"],
            "na de melding"
        );
        assert_eq!(
            waar("2026-02-20", "2026-03-15"),
            ["Kerkstraat 1"],
            "vóór de correctie"
        );
        assert_eq!(
            waar("2026-02-20", "2026-03-25"),
            ["Dorpsweg 2"],
            "na de correctie"
        );
        assert_eq!(waar("2019-12-31", "2026-03-25"), Vec::<&str>::new());
        let nieuw = Periode::vanaf(d("2026-06-01"));
        assert_eq!(
            overlapt_met(&versies, &nieuw, t("2026-03-25"), |_| true).map(|v| v.waarde),
            Some("Dorpsweg 2")
        );
        let eerder = Periode::nieuw(d("2019-01-01"), Some(d("2020-01-01"))).unwrap();
        assert!(overlapt_met(&versies, &eerder, t("2026-03-25"), |_| true).is_none());
    }
}
