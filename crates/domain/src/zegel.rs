//! Het zegel van een goedgekeurde betaalrun: één SHA-256 over de kop van de run (id, maand,
//! betaaldatum) en elke overboeking die naar de bank gaat (id, kenmerk, bedrag, naam, IBAN,
//! omschrijving), in volgorde van id, met het aantal en de som.
//!
//! Het zegel wordt bij het goedkeuren berekend en staat in het auditrecord van de goedkeuring, dus
//! in de hashketen. Het betaalbestand en `vangnet audit verify` rekenen het opnieuw uit over wat
//! er nu in de database staat: wie na de goedkeuring een IBAN, een naam of een bedrag verandert,
//! breekt het zegel, en er gaat geen bestand naar de bank. (Wie ook het auditrecord wil
//! vervalsen, moet de keten herschrijven; daartegen helpt de sleutel van de keten.)
//!
//! Elk veld gaat met zijn lengte ervoor in de hash, zodat geen twee verschillende reeksen regels
//! dezelfde bytes geven.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::normen::Centen;
use crate::sepa::Overboeking;

/// Het zegel zoals het in het auditrecord staat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zegel {
    /// SHA-256 in hex.
    pub zegel: String,
    pub betalingen: u64,
    pub totaal_centen: Centen,
}

/// Rekent het zegel uit terwijl de overboekingen in volgorde van id langskomen.
pub struct Zegelaar {
    h: Sha256,
    betalingen: u64,
    totaal_centen: Centen,
}

impl Zegelaar {
    pub fn nieuw(run_id: i64, maand: &str, betaaldatum: &str) -> Self {
        let mut z = Self {
            h: Sha256::new(),
            betalingen: 0,
            totaal_centen: 0,
        };
        z.veld(b"vangnet-betaalrun-zegel-v1");
        z.veld(&run_id.to_be_bytes());
        z.veld(maand.as_bytes());
        z.veld(betaaldatum.as_bytes());
        z
    }

    fn veld(&mut self, b: &[u8]) {
        self.h.update((b.len() as u64).to_be_bytes());
        self.h.update(b);
    }

    /// De volgende overboeking (met het id van haar regel).
    pub fn regel(&mut self, id: i64, o: &Overboeking<'_>) {
        self.veld(&id.to_be_bytes());
        self.veld(o.kenmerk.as_bytes());
        self.veld(&o.bedrag.to_be_bytes());
        self.veld(o.naam.as_bytes());
        self.veld(o.iban.as_bytes());
        self.veld(o.omschrijving.as_bytes());
        self.betalingen += 1;
        self.totaal_centen += o.bedrag;
    }

    pub fn zegel(mut self) -> Zegel {
        let (n, som) = (self.betalingen, self.totaal_centen);
        self.veld(&n.to_be_bytes());
        self.veld(&som.to_be_bytes());
        Zegel {
            zegel: hex::encode(self.h.finalize()),
            betalingen: n,
            totaal_centen: som,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zegel(regels: &[(i64, &str, Centen, &str, &str)]) -> Zegel {
        let mut z = Zegelaar::nieuw(7, "2026-11-01", "2026-11-25");
        for (id, kenmerk, bedrag, naam, iban) in regels {
            z.regel(
                *id,
                &Overboeking {
                    kenmerk,
                    bedrag: *bedrag,
                    naam,
                    iban,
                    omschrijving: "Bijstand november 2026",
                },
            );
        }
        z.zegel()
    }

    /// Elke verandering in een regel, de volgorde of de kop geeft een ander zegel.
    #[test]
    fn elke_wijziging_breekt_het_zegel() {
        let a = (1, "K1", 99607, "F. El Amrani", "NL91ABNA0417164300");
        let b = (2, "K2", 141946, "J. de Vries", "NL20INGB0001234567");
        let origineel = zegel(&[a, b]);
        assert_eq!(origineel.betalingen, 2);
        assert_eq!(origineel.totaal_centen, 99607 + 141946);
        assert_eq!(origineel, zegel(&[a, b]), "herhaalbaar");
        let gewijzigd = [
            zegel(&[(1, "K1", 99607, "F. El Amrani", "NL02RABO0123456789"), b]), // IBAN
            zegel(&[(1, "K1", 99608, "F. El Amrani", "NL91ABNA0417164300"), b]), // bedrag
            zegel(&[(1, "K1", 99607, "F. El Amran", "NL91ABNA0417164300"), b]),  // naam
            zegel(&[(1, "K9", 99607, "F. El Amrani", "NL91ABNA0417164300"), b]), // kenmerk
            zegel(&[(3, "K1", 99607, "F. El Amrani", "NL91ABNA0417164300"), b]), // regel-id
            zegel(&[b, a]),                                                      // volgorde
            zegel(&[a]),                                                         // regel weg
            zegel(&[a, b, b]),                                                   // regel erbij
            // Een teken van het ene veld naar het andere: de lengtes maken het verschil.
            zegel(&[
                (1, "K1", 99607, "F. El Amrani", "NL91ABNA0417164300"),
                (2, "K2", 141946, "J. de Vrie", "sNL20INGB0001234567"),
            ]),
        ];
        for (i, z) in gewijzigd.iter().enumerate() {
            assert_ne!(z.zegel, origineel.zegel, "wijziging {i}");
        }
        let mut andere_kop = Zegelaar::nieuw(7, "2026-11-01", "2026-11-24");
        for (id, k, bedrag, naam, iban) in [a, b] {
            andere_kop.regel(
                id,
                &Overboeking {
                    kenmerk: k,
                    bedrag,
                    naam,
                    iban,
                    omschrijving: "Bijstand november 2026",
                },
            );
        }
        assert_ne!(andere_kop.zegel().zegel, origineel.zegel, "betaaldatum");
    }
}
