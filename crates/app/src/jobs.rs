//! Lang werk op de achtergrond (zoals de herberekening na nieuwe normtabellen) met voortgang die
//! het scherm kan tonen. De lijst staat in het geheugen van het proces: na een herstart is zij
//! leeg (het werk zelf is per partij vastgelegd en kan opnieuw worden gestart).

use std::sync::Mutex;

use serde::Serialize;

use crate::App;

/// Eén taak op de achtergrond.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub id: u64,
    /// Waar de job over gaat (`normen`, `betaalrun:7`): elke pagina toont haar eigen jobs.
    pub onderwerp: String,
    pub omschrijving: String,
    pub gestart_door: String,
    pub klaar: u64,
    pub totaal: u64,
    /// Geen: loopt nog. `Ok`: de samenvatting; `Err`: de fout.
    pub einde: Option<Result<String, String>>,
}

#[derive(Default)]
pub struct Jobs(Mutex<Vec<Job>>);

impl App {
    /// Registreert een nieuwe job en geeft haar id.
    pub fn job_starten(
        &self,
        onderwerp: &str,
        omschrijving: &str,
        gestart_door: &str,
        totaal: u64,
    ) -> u64 {
        let Ok(mut jobs) = self.jobs.0.lock() else {
            return 0;
        };
        let id = jobs.last().map_or(1, |j| j.id + 1);
        jobs.push(Job {
            id,
            onderwerp: onderwerp.into(),
            omschrijving: omschrijving.into(),
            gestart_door: gestart_door.into(),
            klaar: 0,
            totaal,
            einde: None,
        });
        // Bewaar de laatste twintig.
        let teveel = jobs.len().saturating_sub(20);
        jobs.drain(..teveel);
        id
    }

    pub fn job_voortgang(&self, id: u64, klaar: u64) {
        if let Ok(mut jobs) = self.jobs.0.lock() {
            if let Some(j) = jobs.iter_mut().find(|j| j.id == id) {
                j.klaar = klaar;
            }
        }
    }

    pub fn job_klaar(&self, id: u64, einde: Result<String, String>) {
        if let Ok(mut jobs) = self.jobs.0.lock() {
            if let Some(j) = jobs.iter_mut().find(|j| j.id == id) {
                j.einde = Some(einde);
            }
        }
    }

    /// De jobs over `onderwerp`, nieuwste eerst.
    pub fn jobs(&self, onderwerp: &str) -> Vec<Job> {
        self.jobs
            .0
            .lock()
            .map(|j| {
                j.iter()
                    .rev()
                    .filter(|j| j.onderwerp == onderwerp)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }
}
