//! Het toegangslog als hashketen, per partij (issue 17, punt 5). Elke keer dat Vangnet regels in
//! het toegangslog schrijft (één inzage, een partij van een betaalrun, de dossiers van een
//! betaalbestand), komt er een schakel bij: het volgnummer, de verwerking, het bereik van de
//! regel-ids, het aantal, een SHA-256 over de vaste gegevens van de verwerking en die regels
//! (de inhoud), en de hash van de vorige schakel. Met de [`Ketensleutel`] is de hash van de
//! schakel een HMAC: wie een regel weghaalt of wijzigt om een inzage te verbergen, breekt de
//! keten en kan haar zonder de sleutel niet herstellen.
//!
//! Dezelfde canonieke vorm als de audittrail: elk veld met zijn lengte ervoor.

use sha2::{Digest, Sha256};

use crate::audit::{Canoniek, Ketensleutel};

/// De vaste gegevens van een verwerking, zoals ze in de inhoud van elke schakel meegaan.
#[derive(Debug, Clone, Copy)]
pub struct Verwerkingsgegevens<'a> {
    pub id: i64,
    pub trace_id: &'a str,
    pub span_id: &'a str,
    pub tijdstip: &'a str,
    pub gebruiker_id: Option<i64>,
    pub gebruiker: &'a str,
    pub verwerkingsactiviteit: &'a str,
    pub betrokkene_type: &'a str,
    pub omschrijving: &'a str,
}

/// Een regel van het toegangslog zoals de keten haar dekt: de maand (van het tijdstip) en de
/// betrokkene. Het regel-id telt mee via het bereik en het aantal van de partij.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
pub struct Toegangsregel {
    pub maand: String,
    pub betrokkene_id: String,
}

/// Wat een schakel over haar partij zegt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partij {
    pub verwerking_id: i64,
    /// Het laagste en hoogste regel-id (grenzen inbegrepen).
    pub regel_van: i64,
    pub regel_tot: i64,
    pub aantal: i64,
    /// SHA-256 (hex) over de verwerking en de regels, gesorteerd op maand en betrokkene.
    pub inhoud: String,
}

/// De partij van de regels met een id van `van` tot en met `tot` (in willekeurige volgorde).
pub fn partij(
    v: &Verwerkingsgegevens<'_>,
    van: i64,
    tot: i64,
    regels: &mut [Toegangsregel],
) -> Partij {
    regels.sort_unstable();
    let mut c = Canoniek::default();
    c.veld(b"vangnet-toegangspartij-v1")
        .veld(&v.id.to_be_bytes())
        .veld(v.trace_id.as_bytes())
        .veld(v.span_id.as_bytes())
        .veld(v.tijdstip.as_bytes())
        .veld(&v.gebruiker_id.unwrap_or(-1).to_be_bytes())
        .veld(v.gebruiker.as_bytes())
        .veld(v.verwerkingsactiviteit.as_bytes())
        .veld(v.betrokkene_type.as_bytes())
        .veld(v.omschrijving.as_bytes());
    let mut h = Sha256::new();
    h.update(c.bytes());
    for r in regels.iter() {
        let mut c = Canoniek::default();
        c.veld(r.maand.as_bytes()).veld(r.betrokkene_id.as_bytes());
        h.update(c.bytes());
    }
    Partij {
        verwerking_id: v.id,
        regel_van: van,
        regel_tot: tot,
        aantal: regels.len() as i64,
        inhoud: hex::encode(h.finalize()),
    }
}

/// Een schakel van de toegangsketen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schakel {
    pub volgnummer: i64,
    pub partij: Partij,
    pub vorige_hash: String,
    pub hash: String,
}

impl Schakel {
    /// Maakt de schakel na `vorige_hash`; HMAC met de sleutel vanaf `toegang_vanaf`.
    pub fn nieuw(
        volgnummer: i64,
        partij: Partij,
        vorige_hash: String,
        sleutel: Option<&Ketensleutel>,
    ) -> Self {
        let hash = hash(volgnummer, &partij, &vorige_hash, sleutel);
        Self {
            volgnummer,
            partij,
            vorige_hash,
            hash,
        }
    }

    /// De hash zoals ze nu uitgerekend wordt (voor de controle).
    pub fn herberekend(&self, sleutel: Option<&Ketensleutel>) -> String {
        hash(self.volgnummer, &self.partij, &self.vorige_hash, sleutel)
    }
}

fn hash(nr: i64, p: &Partij, vorige: &str, sleutel: Option<&Ketensleutel>) -> String {
    let sleutel = sleutel.filter(|s| nr >= s.toegang_vanaf);
    let mut c = Canoniek::default();
    c.veld(if sleutel.is_some() {
        b"vangnet-toegangsketen-v1-hmac"
    } else {
        b"vangnet-toegangsketen-v1"
    })
    .veld(vorige.as_bytes())
    .veld(&nr.to_be_bytes())
    .veld(&p.verwerking_id.to_be_bytes())
    .veld(&p.regel_van.to_be_bytes())
    .veld(&p.regel_tot.to_be_bytes())
    .veld(&p.aantal.to_be_bytes())
    .veld(p.inhoud.as_bytes());
    c.hash(sleutel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{KetenControle, KetenFout, BEGIN_HASH};

    fn v(id: i64) -> Verwerkingsgegevens<'static> {
        Verwerkingsgegevens {
            id,
            trace_id: "0af7651916cd43dd8448eb211c80319c",
            span_id: "b7ad6b7169203331",
            tijdstip: "2026-12-06T09:00:00.000000Z",
            gebruiker_id: Some(3),
            gebruiker: "consulent",
            verwerkingsactiviteit: "bijstandsverlening",
            betrokkene_type: "persoon",
            omschrijving: "Dossier bekeken",
        }
    }

    fn regels(ids: &[i64]) -> Vec<Toegangsregel> {
        ids.iter()
            .map(|&id| Toegangsregel {
                maand: "2026-12".into(),
                betrokkene_id: (id * 10).to_string(),
            })
            .collect()
    }

    fn p(v: &Verwerkingsgegevens<'_>, ids: &[i64]) -> Partij {
        let van = ids.iter().min().copied().unwrap_or(0);
        let tot = ids.iter().max().copied().unwrap_or(0);
        partij(v, van, tot, &mut regels(ids))
    }

    #[test]
    fn de_inhoud_volgt_elke_regel_en_de_verwerking() {
        let a = p(&v(1), &[12, 10, 11]);
        assert_eq!((a.regel_van, a.regel_tot, a.aantal), (10, 12, 3));
        assert_eq!(a, p(&v(1), &[10, 11, 12]), "volgorde van invoer telt niet");
        assert_ne!(
            a.inhoud,
            partij(&v(1), 10, 12, &mut regels(&[10, 12])).inhoud,
            "regel weg"
        );
        let mut gewijzigd = regels(&[10, 11, 12]);
        gewijzigd[1].betrokkene_id = "999".into();
        assert_ne!(
            a.inhoud,
            partij(&v(1), 10, 12, &mut gewijzigd).inhoud,
            "betrokkene gewijzigd"
        );
        let mut andere_maand = regels(&[10, 11, 12]);
        andere_maand[0].maand = "2025-01".into();
        assert_ne!(
            a.inhoud,
            partij(&v(1), 10, 12, &mut andere_maand).inhoud,
            "maand gewijzigd"
        );
        let mut andere_gebruiker = v(1);
        andere_gebruiker.gebruiker = "iemand";
        assert_ne!(
            a.inhoud,
            p(&andere_gebruiker, &[10, 11, 12]).inhoud,
            "verwerking gewijzigd"
        );
    }

    #[test]
    fn de_keten_met_sleutel_valt_niet_na_te_maken() {
        let s = Ketensleutel::nieuw([1; 32], 1, 2);
        let mut keten = Vec::new();
        let mut vorige = BEGIN_HASH.to_owned();
        for nr in 1..=3 {
            let sch = Schakel::nieuw(nr, p(&v(nr), &[nr]), vorige, Some(&s));
            vorige = sch.hash.clone();
            keten.push(sch);
        }
        let controleer = |k: &[Schakel], sleutel: Option<&Ketensleutel>| {
            let mut c = KetenControle::met_sleutel(sleutel.cloned());
            for sch in k {
                let h = sch.herberekend(c.sleutel());
                c.schakel(sch.volgnummer, &sch.vorige_hash, &sch.hash, &h)?;
            }
            Ok::<(), KetenFout>(())
        };
        assert_eq!(controleer(&keten, Some(&s)), Ok(()));
        // Schakel 1 ligt vóór toegang_vanaf: gewone SHA-256.
        assert_eq!(keten[0].hash, keten[0].herberekend(None));
        // Schakel 2 opnieuw gemaakt zonder sleutel (een regel weggehaald): valt op.
        let mut vervalst = keten.clone();
        vervalst[1] = Schakel::nieuw(2, p(&v(2), &[]), keten[0].hash.clone(), None);
        vervalst[2] = Schakel::nieuw(3, keten[2].partij.clone(), vervalst[1].hash.clone(), None);
        assert_eq!(
            controleer(&vervalst, Some(&s)),
            Err(KetenFout::Gewijzigd { volgnummer: 2 })
        );
    }
}
