//! De audittrail als hashketen: elke wijziging krijgt een record met een volgnummer, en de hash van
//! elk record dekt zijn inhoud én de hash van het vorige. Wie een record wijzigt, weghaalt of
//! tussenvoegt, breekt de keten; `controleer_keten` vindt de eerste breuk.
//!
//! De canonieke vorm is een reeks velden met elk hun lengte ervoor, zodat geen twee verschillende
//! records dezelfde bytes opleveren.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Een hash in de keten: 64 hexadecimale tekens.
pub type AuditHash = String;

/// De hash vóór het eerste record.
pub const BEGIN_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// De inhoud van een auditrecord zoals die in de keten wordt vastgelegd.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditGegevens {
    pub volgnummer: i64,
    /// Tijdstip in UTC, in de vaste vorm van `tijd::instant_tekst`.
    pub tijdstip: String,
    pub operatie_id: String,
    /// De gebruiker die handelde; leeg voor het systeem zelf (opdrachtregel, eerste start).
    pub actor_id: Option<i64>,
    /// Wie handelde, leesbaar (gebruikersnaam of "systeem (opdrachtregel)").
    pub actor: String,
    /// Wat er gebeurde, bv. `gebruiker.aangemaakt`.
    pub actie: String,
    pub onderwerp_type: String,
    pub onderwerp_id: String,
    pub samenvatting: String,
    /// De toestand vóór de wijziging als JSON, als die er was.
    pub voor: Option<String>,
    /// De toestand na de wijziging als JSON.
    pub na: Option<String>,
    /// De reden die de gebruiker opgaf.
    pub reden: Option<String>,
}

impl AuditGegevens {
    /// De hash van dit record, gegeven de hash van het vorige.
    pub fn hash(&self, vorige_hash: &str) -> AuditHash {
        let mut h = Sha256::new();
        let mut veld = |b: &[u8]| {
            h.update((b.len() as u64).to_be_bytes());
            h.update(b);
        };
        veld(b"vangnet-audit-v1");
        veld(vorige_hash.as_bytes());
        veld(&self.volgnummer.to_be_bytes());
        veld(self.tijdstip.as_bytes());
        veld(self.operatie_id.as_bytes());
        match self.actor_id {
            Some(id) => veld(&id.to_be_bytes()),
            None => veld(b""),
        }
        veld(self.actor.as_bytes());
        veld(self.actie.as_bytes());
        veld(self.onderwerp_type.as_bytes());
        veld(self.onderwerp_id.as_bytes());
        veld(self.samenvatting.as_bytes());
        for optioneel in [&self.voor, &self.na, &self.reden] {
            match optioneel {
                Some(s) => {
                    veld(b"1");
                    veld(s.as_bytes());
                }
                None => veld(b"0"),
            }
        }
        hex::encode(h.finalize())
    }
}

/// Een opgeslagen record: de gegevens plus de twee hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeketendRecord {
    pub gegevens: AuditGegevens,
    pub vorige_hash: AuditHash,
    pub hash: AuditHash,
}

/// Wat er mis is met de keten.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KetenFout {
    #[error("record {verwacht} ontbreekt (gevonden: {gevonden})")]
    Gat { verwacht: i64, gevonden: i64 },
    #[error("record {volgnummer} is gewijzigd: de hash klopt niet met de inhoud")]
    Gewijzigd { volgnummer: i64 },
    #[error("record {volgnummer} verwijst niet naar de hash van het vorige record")]
    Verbroken { volgnummer: i64 },
    #[error("de kop van de keten ({kop_volgnummer}) past niet bij het laatste record ({laatste})")]
    KopWijktAf { kop_volgnummer: i64, laatste: i64 },
    /// De betaalregels van een goedgekeurde run zijn na de goedkeuring veranderd: ze kloppen niet
    /// meer met het zegel in het auditrecord van de goedkeuring (zie [`crate::zegel`]).
    #[error(
        "betaalrun {run}: de betaalregels kloppen niet meer met het zegel in record {volgnummer} \
         (na de goedkeuring gewijzigd)"
    )]
    ZegelGebroken { run: i64, volgnummer: i64 },
}

/// Houdt de stand bij terwijl records in volgorde langskomen, zodat een keten van elke lengte
/// in stukken gecontroleerd kan worden zonder alles in het geheugen te houden.
#[derive(Debug, Clone)]
pub struct KetenControle {
    volgende: i64,
    vorige_hash: AuditHash,
}

impl Default for KetenControle {
    fn default() -> Self {
        Self {
            volgende: 1,
            vorige_hash: BEGIN_HASH.to_owned(),
        }
    }
}

impl KetenControle {
    pub fn volgend(&mut self, r: &GeketendRecord) -> Result<(), KetenFout> {
        let nr = r.gegevens.volgnummer;
        if nr != self.volgende {
            return Err(KetenFout::Gat {
                verwacht: self.volgende,
                gevonden: nr,
            });
        }
        if r.vorige_hash != self.vorige_hash {
            return Err(KetenFout::Verbroken { volgnummer: nr });
        }
        if r.gegevens.hash(&r.vorige_hash) != r.hash {
            return Err(KetenFout::Gewijzigd { volgnummer: nr });
        }
        self.volgende += 1;
        self.vorige_hash = r.hash.clone();
        Ok(())
    }

    /// Sluit af tegen de kop (het laatste volgnummer en de laatste hash die de opslag bijhoudt):
    /// zo valt ook het weghalen van de laatste records op.
    pub fn sluit_af(&self, kop_volgnummer: i64, kop_hash: &str) -> Result<i64, KetenFout> {
        let laatste = self.volgende - 1;
        if kop_volgnummer != laatste || kop_hash != self.vorige_hash {
            return Err(KetenFout::KopWijktAf {
                kop_volgnummer,
                laatste,
            });
        }
        Ok(laatste)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keten(n: i64) -> Vec<GeketendRecord> {
        let mut vorige = BEGIN_HASH.to_owned();
        (1..=n)
            .map(|i| {
                let g = AuditGegevens {
                    volgnummer: i,
                    tijdstip: format!("2026-11-28T10:00:0{i}.000000Z"),
                    operatie_id: format!("op{i}"),
                    actor_id: Some(1),
                    actor: "beheerder".into(),
                    actie: "team.aangemaakt".into(),
                    onderwerp_type: "team".into(),
                    onderwerp_id: i.to_string(),
                    samenvatting: format!("Team {i} aangemaakt"),
                    voor: None,
                    na: Some("{}".into()),
                    reden: None,
                };
                let hash = g.hash(&vorige);
                let r = GeketendRecord {
                    gegevens: g,
                    vorige_hash: vorige.clone(),
                    hash: hash.clone(),
                };
                vorige = hash;
                r
            })
            .collect()
    }

    fn controleer(records: &[GeketendRecord], kop: (i64, &str)) -> Result<i64, KetenFout> {
        let mut c = KetenControle::default();
        for r in records {
            c.volgend(r)?;
        }
        c.sluit_af(kop.0, kop.1)
    }

    #[test]
    fn intacte_keten_klopt() {
        let k = keten(4);
        assert_eq!(controleer(&k, (4, &k[3].hash)), Ok(4));
        assert_eq!(controleer(&[], (0, BEGIN_HASH)), Ok(0));
    }

    #[test]
    fn elke_manipulatie_valt_op() {
        let k = keten(4);
        let kop = (4, k[3].hash.clone());

        let mut gewijzigd = k.clone();
        gewijzigd[1].gegevens.samenvatting = "iets anders".into();
        assert_eq!(
            controleer(&gewijzigd, (kop.0, &kop.1)),
            Err(KetenFout::Gewijzigd { volgnummer: 2 })
        );

        let mut reden_erbij = k.clone();
        reden_erbij[2].gegevens.reden = Some(String::new());
        assert_eq!(
            controleer(&reden_erbij, (kop.0, &kop.1)),
            Err(KetenFout::Gewijzigd { volgnummer: 3 })
        );

        let mut weg = k.clone();
        weg.remove(1);
        assert_eq!(
            controleer(&weg, (kop.0, &kop.1)),
            Err(KetenFout::Gat {
                verwacht: 2,
                gevonden: 3
            })
        );

        // Herberekend met eigen hash, maar de volgende verwijst nog naar de oude.
        let mut herberekend = k.clone();
        herberekend[1].gegevens.actor = "iemand".into();
        herberekend[1].hash = herberekend[1].gegevens.hash(&herberekend[1].vorige_hash);
        assert_eq!(
            controleer(&herberekend, (kop.0, &kop.1)),
            Err(KetenFout::Verbroken { volgnummer: 3 })
        );

        // De staart weghalen valt op tegen de kop.
        assert_eq!(
            controleer(&k[..3], (kop.0, &kop.1)),
            Err(KetenFout::KopWijktAf {
                kop_volgnummer: 4,
                laatste: 3
            })
        );
    }

    #[test]
    fn velden_lopen_niet_in_elkaar_over() {
        let mut a = keten(1).remove(0).gegevens;
        let mut b = a.clone();
        a.actie = "ab".into();
        a.onderwerp_type = "c".into();
        b.actie = "a".into();
        b.onderwerp_type = "bc".into();
        assert_ne!(a.hash(BEGIN_HASH), b.hash(BEGIN_HASH));
    }
}
