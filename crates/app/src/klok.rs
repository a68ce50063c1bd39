//! De klok. Dit is de enige plek waar Vangnet de systeemtijd leest (clippy verbiedt het elders,
//! zie clippy.toml); al het andere krijgt de tijd van een [`Klok`].

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub trait Klok: Send + Sync {
    fn nu(&self) -> DateTime<Utc>;
}

/// De echte klok.
pub struct Systeemklok;

impl Klok for Systeemklok {
    #[allow(clippy::disallowed_methods)]
    fn nu(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Een klok die stilstaat tot je hem verzet: voor tests en voor reproduceerbare runs.
pub struct VasteKlok(Mutex<DateTime<Utc>>);

impl VasteKlok {
    pub fn op(t: DateTime<Utc>) -> Self {
        Self(Mutex::new(t))
    }

    pub fn verzet(&self, d: Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += d;
        }
    }
}

impl Klok for VasteKlok {
    fn nu(&self) -> DateTime<Utc> {
        match self.0.lock() {
            Ok(t) => *t,
            Err(vergiftigd) => *vergiftigd.into_inner(),
        }
    }
}
