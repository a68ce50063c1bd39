//! Vermogen (art. 34 Pw): de bestanddelen van een opgave van het huishouden op een peildatum, en
//! de toets of het vermogen aan het recht op bijstand in de weg staat (art. 31 lid 1 en art. 34
//! lid 2 onderdeel b en lid 3), met het artikel bij elke stap. De grenzen komen per periode uit
//! de normtabellen (`Normtabel::vermogen`), zoals de normen.
//!
//! De regels:
//! - Vermogen is de waarde van de bezittingen in het economische verkeer bij vrije oplevering,
//!   verminderd met de schulden (lid 1 onderdeel a).
//! - Niet mee tellen: gebruikelijke of noodzakelijke bezittingen in natura (lid 2 onderdeel a),
//!   spaargeld opgebouwd tijdens de bijstand (c), vergoedingen voor immateriële schade (e). De
//!   consulent geeft per bestanddeel aan of een vrijstelling geldt; het oordeel is van hem.
//! - De eigen woning (art. 50 lid 1): de overwaarde (waarde min de hypotheek) telt niet tot de
//!   vrijlating van lid 2 onderdeel d. Wat erboven ligt, maakt de bijstand een geldlening (art. 50
//!   lid 2), maar telt niet bij het overige vermogen op (gangbare lezing, NIET geverifieerd).
//!   Een negatieve overwaarde is een schuld en vermindert het overige vermogen (gangbare lezing,
//!   NIET geverifieerd tegen jurisprudentie).
//! - Het overige vermogen onder de grens van de leefvorm telt niet (lid 2 onderdeel b, lid 3);
//!   ligt het erboven, dan staat het aan het recht in de weg tot het is ingeteerd.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::berekening::Uitlegregel;
use crate::normen::{Centen, Normtabellen};

/// Het soort bestanddeel. De code staat in de opslag en de API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vermogenssoort {
    /// Saldo van een bank- of spaarrekening op de peildatum.
    Banktegoed,
    Contant,
    /// Auto, motor, caravan, boot: de waarde in het economische verkeer.
    Voertuig,
    /// De woning die het huishouden zelf bewoont (art. 50), met de hypotheek.
    EigenWoning,
    /// Ander bezit: een tweede woning, beleggingen, een erfdeel, sieraden, een bedrijf.
    Overig,
    /// Een schuld (niet de hypotheek op de eigen woning: die staat bij de woning).
    Schuld,
}

impl Vermogenssoort {
    pub const ALLE: [Vermogenssoort; 6] = [
        Vermogenssoort::Banktegoed,
        Vermogenssoort::Contant,
        Vermogenssoort::Voertuig,
        Vermogenssoort::EigenWoning,
        Vermogenssoort::Overig,
        Vermogenssoort::Schuld,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Vermogenssoort::Banktegoed => "banktegoed",
            Vermogenssoort::Contant => "contant",
            Vermogenssoort::Voertuig => "voertuig",
            Vermogenssoort::EigenWoning => "eigen_woning",
            Vermogenssoort::Overig => "overig",
            Vermogenssoort::Schuld => "schuld",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Vermogenssoort::Banktegoed => "Banktegoed",
            Vermogenssoort::Contant => "Contant geld",
            Vermogenssoort::Voertuig => "Voertuig",
            Vermogenssoort::EigenWoning => "Eigen woning",
            Vermogenssoort::Overig => "Ander bezit",
            Vermogenssoort::Schuld => "Schuld",
        }
    }

    pub fn uit_code(code: &str) -> Option<Vermogenssoort> {
        Vermogenssoort::ALLE.into_iter().find(|s| s.code() == code)
    }
}

/// Waarom een bezitting niet als vermogen telt (art. 34 lid 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vrijstelling {
    /// Onderdeel a: bezittingen in natura die naar aard en waarde algemeen gebruikelijk of, gelet
    /// op de omstandigheden, noodzakelijk zijn (bv. een auto die nodig is voor werk of zorg).
    InNatura,
    /// Onderdeel c: spaargeld opgebouwd tijdens de periode waarin bijstand wordt ontvangen.
    SpaargeldTijdensBijstand,
    /// Onderdeel e: een vergoeding voor immateriële schade (art. 31 lid 2 onderdelen l en m).
    ImmaterieleSchade,
}

impl Vrijstelling {
    pub const ALLE: [Vrijstelling; 3] = [
        Vrijstelling::InNatura,
        Vrijstelling::SpaargeldTijdensBijstand,
        Vrijstelling::ImmaterieleSchade,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Vrijstelling::InNatura => "in_natura",
            Vrijstelling::SpaargeldTijdensBijstand => "spaargeld_tijdens_bijstand",
            Vrijstelling::ImmaterieleSchade => "immateriele_schade",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Vrijstelling::InNatura => "gebruikelijk of noodzakelijk bezit in natura",
            Vrijstelling::SpaargeldTijdensBijstand => "spaargeld opgebouwd tijdens de bijstand",
            Vrijstelling::ImmaterieleSchade => "vergoeding voor immateriële schade",
        }
    }

    pub fn artikel(self) -> &'static str {
        match self {
            Vrijstelling::InNatura => "art. 34 lid 2 onderdeel a Participatiewet",
            Vrijstelling::SpaargeldTijdensBijstand => "art. 34 lid 2 onderdeel c Participatiewet",
            Vrijstelling::ImmaterieleSchade => "art. 34 lid 2 onderdeel e Participatiewet",
        }
    }

    pub fn uit_code(code: &str) -> Option<Vrijstelling> {
        Vrijstelling::ALLE.into_iter().find(|s| s.code() == code)
    }
}

/// Eén bestanddeel van een opgave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bestanddeel {
    pub soort: Vermogenssoort,
    pub omschrijving: String,
    /// De waarde (bij een schuld: het bedrag van de schuld), nooit negatief.
    pub waarde_centen: Centen,
    /// Alleen bij de eigen woning: de hypotheekschuld erop.
    #[serde(default)]
    pub hypotheek_centen: Centen,
    #[serde(default)]
    pub vrijstelling: Option<Vrijstelling>,
}

/// De leefvorm die de vermogensgrens bepaalt (art. 34 lid 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Leefvorm {
    Alleenstaande,
    AlleenstaandeOuder,
    Gehuwden,
}

impl Leefvorm {
    /// Gehuwden met een partner; anders een alleenstaande ouder met een kind onder de 18 in het
    /// huishouden; anders alleenstaande.
    pub fn van(partner: bool, kind_onder_18: bool) -> Leefvorm {
        match (partner, kind_onder_18) {
            (true, _) => Leefvorm::Gehuwden,
            (false, true) => Leefvorm::AlleenstaandeOuder,
            (false, false) => Leefvorm::Alleenstaande,
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Leefvorm::Alleenstaande => "alleenstaande",
            Leefvorm::AlleenstaandeOuder => "alleenstaande ouder",
            Leefvorm::Gehuwden => "gehuwden tezamen",
        }
    }

    fn onderdeel(self) -> &'static str {
        match self {
            Leefvorm::Alleenstaande => "a",
            Leefvorm::AlleenstaandeOuder => "b",
            Leefvorm::Gehuwden => "c",
        }
    }
}

/// Het oordeel van de toets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "oordeel")]
pub enum Oordeel {
    /// Het vermogen staat niet aan het recht in de weg.
    StaatNietInDeWeg,
    /// Het vermogen ligt `boven_grens_centen` boven de grens: geen recht zolang het er is.
    StaatInDeWeg { boven_grens_centen: Centen },
}

/// De uitkomst van de toets, met de uitleg per stap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vermogenstoets {
    pub peildatum: NaiveDate,
    pub leefvorm: Leefvorm,
    pub grens_centen: Centen,
    /// Het vermogen dat aan de grens wordt getoetst (zonder de eigen woning; kan negatief zijn).
    pub vermogen_centen: Centen,
    pub oordeel: Oordeel,
    /// De overwaarde van de eigen woning boven de vrijlating: bijstand dan als geldlening
    /// (art. 50 lid 2). 0 als er geen is.
    pub woning_boven_vrijlating_centen: Centen,
    pub uitleg: Vec<Uitlegregel>,
    /// `false` als de normtabel van de peildatum niet geverifieerd is, of een gangbare lezing
    /// (eigen woning) meetelt die niet geverifieerd is.
    pub geverifieerd: bool,
}

fn regel(omschrijving: String, artikel: &str, bedrag: Centen) -> Uitlegregel {
    Uitlegregel {
        omschrijving,
        artikel: artikel.into(),
        bedrag_centen: bedrag,
    }
}

/// De toets op `peildatum` voor een huishouden met `leefvorm`. `Err`: er is geen normtabel voor
/// de peildatum (met de melding die de ontbrekende periode noemt).
pub fn toets(
    bestanddelen: &[Bestanddeel],
    leefvorm: Leefvorm,
    peildatum: NaiveDate,
    tabellen: &Normtabellen,
) -> Result<Vermogenstoets, String> {
    let tabel = tabellen.op(peildatum).ok_or_else(|| {
        tabellen.ontbreekt_voor(peildatum).unwrap_or_else(|| {
            format!(
                "Voor {} zijn geen vermogensgrenzen geladen.",
                peildatum.format("%d-%m-%Y")
            )
        })
    })?;
    let g = tabel.vermogen.as_ref().ok_or_else(|| {
        format!(
            "De normtabel per {} noemt geen vermogensgrenzen (art. 34 lid 3); laad een set met [periode.vermogen].",
            tabel.geldig_vanaf.format("%d-%m-%Y")
        )
    })?;
    let mut uitleg = Vec::new();
    let mut geverifieerd = tabel.geverifieerd;
    let mut vermogen: Centen = 0;
    let mut woning_boven = 0;
    for b in bestanddelen {
        let naam = if b.omschrijving.is_empty() {
            b.soort.naam().to_owned()
        } else {
            format!("{}: {}", b.soort.naam(), b.omschrijving)
        };
        if let Some(v) = b.vrijstelling {
            uitleg.push(regel(
                format!(
                    "{naam} ({}), telt niet mee: {}",
                    crate::bedrag::euro(b.waarde_centen),
                    v.naam()
                ),
                v.artikel(),
                0,
            ));
            continue;
        }
        match b.soort {
            Vermogenssoort::Schuld => {
                vermogen -= b.waarde_centen;
                uitleg.push(regel(
                    naam,
                    "art. 34 lid 1 onderdeel a Participatiewet",
                    -b.waarde_centen,
                ));
            }
            Vermogenssoort::EigenWoning => {
                geverifieerd = false;
                let overwaarde = b.waarde_centen - b.hypotheek_centen;
                if overwaarde < 0 {
                    vermogen += overwaarde;
                    uitleg.push(regel(
                        format!(
                            "{naam}: waarde {} min hypotheek {} is een schuld die het overige vermogen vermindert (gangbare lezing, NIET geverifieerd)",
                            crate::bedrag::euro(b.waarde_centen),
                            crate::bedrag::euro(b.hypotheek_centen)
                        ),
                        "art. 34 lid 1 onderdeel a Participatiewet",
                        overwaarde,
                    ));
                } else {
                    let boven = (overwaarde - g.eigen_woning).max(0);
                    woning_boven += boven;
                    uitleg.push(regel(
                        format!(
                            "{naam}: overwaarde {} (waarde {} min hypotheek {}); vrijgelaten tot {}{}; apart beoordeeld, niet bij het overige vermogen (gangbare lezing, NIET geverifieerd)",
                            crate::bedrag::euro(overwaarde),
                            crate::bedrag::euro(b.waarde_centen),
                            crate::bedrag::euro(b.hypotheek_centen),
                            crate::bedrag::euro(g.eigen_woning),
                            if boven > 0 {
                                format!(
                                    "; {} erboven: de bijstand heeft de vorm van een geldlening (art. 50 lid 2)",
                                    crate::bedrag::euro(boven)
                                )
                            } else {
                                String::new()
                            }
                        ),
                        "art. 34 lid 2 onderdeel d en art. 50 Participatiewet",
                        0,
                    ));
                }
            }
            _ => {
                vermogen += b.waarde_centen;
                uitleg.push(regel(
                    naam,
                    "art. 34 lid 1 onderdeel a Participatiewet",
                    b.waarde_centen,
                ));
            }
        }
    }
    let grens = match leefvorm {
        Leefvorm::Alleenstaande => g.alleenstaande,
        Leefvorm::AlleenstaandeOuder => g.alleenstaande_ouder,
        Leefvorm::Gehuwden => g.gehuwden,
    };
    uitleg.push(regel(
        format!(
            "Vermogensgrens {} op {} (normtabel per {})",
            leefvorm.naam(),
            peildatum.format("%d-%m-%Y"),
            tabel.geldig_vanaf.format("%d-%m-%Y")
        ),
        &format!(
            "art. 34 lid 3 onderdeel {} Participatiewet",
            leefvorm.onderdeel()
        ),
        grens,
    ));
    let boven = (vermogen - grens).max(0);
    let oordeel = if boven > 0 {
        Oordeel::StaatInDeWeg {
            boven_grens_centen: boven,
        }
    } else {
        Oordeel::StaatNietInDeWeg
    };
    uitleg.push(regel(
        match oordeel {
            Oordeel::StaatInDeWeg { .. } => format!(
                "Het vermogen ({}) ligt {} boven de grens: het staat aan het recht op bijstand in de weg tot het is ingeteerd",
                crate::bedrag::euro(vermogen),
                crate::bedrag::euro(boven)
            ),
            Oordeel::StaatNietInDeWeg => format!(
                "Het vermogen ({}) ligt niet boven de grens: het telt niet mee",
                crate::bedrag::euro(vermogen)
            ),
        },
        "art. 31 lid 1 en art. 34 lid 2 onderdeel b Participatiewet",
        boven,
    ));
    Ok(Vermogenstoets {
        peildatum,
        leefvorm,
        grens_centen: grens,
        vermogen_centen: vermogen,
        oordeel,
        woning_boven_vrijlating_centen: woning_boven,
        uitleg,
        geverifieerd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn deel(soort: Vermogenssoort, waarde: Centen) -> Bestanddeel {
        Bestanddeel {
            soort,
            omschrijving: String::new(),
            waarde_centen: waarde,
            hypotheek_centen: 0,
            vrijstelling: None,
        }
    }

    /// Art. 34 lid 3 (participatiewet-feiten.md §3 "Art 34 Vermogen", tabel; normen-bronnen.toml
    /// [periode.vermogen]): 2026: 8.000 / 16.000 / 16.000; 2025: 7.770 / 15.540; 2024: 7.575 /
    /// 15.150. Op de grens zelf staat het vermogen niet in de weg; een cent erboven wel.
    #[test]
    fn vermogensgrens_per_leefvorm_en_periode() {
        let t = Normtabellen::standaard().unwrap();
        let gevallen = [
            // (peildatum, leefvorm, banktegoed, grens, boven de grens)
            ("2026-03-01", Leefvorm::Alleenstaande, 800_000, 800_000, 0),
            ("2026-03-01", Leefvorm::Alleenstaande, 800_001, 800_000, 1),
            (
                "2026-08-01",
                Leefvorm::AlleenstaandeOuder,
                1_700_000,
                1_600_000,
                100_000,
            ),
            ("2026-08-01", Leefvorm::Gehuwden, 1_600_000, 1_600_000, 0),
            (
                "2025-07-01",
                Leefvorm::Alleenstaande,
                800_000,
                777_000,
                23_000,
            ),
            ("2025-01-31", Leefvorm::Gehuwden, 1_554_000, 1_554_000, 0),
            (
                "2024-12-31",
                Leefvorm::AlleenstaandeOuder,
                1_515_001,
                1_515_000,
                1,
            ),
        ];
        for (peil, leefvorm, saldo, grens, boven) in gevallen {
            let uit = toets(
                &[deel(Vermogenssoort::Banktegoed, saldo)],
                leefvorm,
                d(peil),
                &t,
            )
            .unwrap();
            assert_eq!(uit.grens_centen, grens, "{peil} {leefvorm:?}");
            let verwacht = if boven > 0 {
                Oordeel::StaatInDeWeg {
                    boven_grens_centen: boven,
                }
            } else {
                Oordeel::StaatNietInDeWeg
            };
            assert_eq!(uit.oordeel, verwacht, "{peil} {leefvorm:?} {saldo}");
            // De uitleg telt op: de laatste regel is het bedrag boven de grens.
            assert_eq!(uit.uitleg.last().unwrap().bedrag_centen, boven);
        }
    }

    /// Art. 34 lid 1 onderdeel a (bezittingen min schulden) en lid 2 onderdelen a, c en e
    /// (vrijgesteld), 2026, alleenstaande (grens 8.000): 6.000 bank + 4.000 auto − 3.000 schuld =
    /// 7.000, niet boven de grens; zonder de schuld 10.000, 2.000 erboven; een auto die nodig is
    /// (lid 2 onderdeel a) en spaargeld uit de bijstand (c) tellen niet.
    #[test]
    fn bezittingen_min_schulden_en_vrijstellingen() {
        let t = Normtabellen::standaard().unwrap();
        let peil = d("2026-06-01");
        let mut delen = vec![
            deel(Vermogenssoort::Banktegoed, 600_000),
            deel(Vermogenssoort::Voertuig, 400_000),
            deel(Vermogenssoort::Schuld, 300_000),
        ];
        let uit = toets(&delen, Leefvorm::Alleenstaande, peil, &t).unwrap();
        assert_eq!(uit.vermogen_centen, 700_000);
        assert_eq!(uit.oordeel, Oordeel::StaatNietInDeWeg);
        delen.pop();
        let uit = toets(&delen, Leefvorm::Alleenstaande, peil, &t).unwrap();
        assert_eq!(
            uit.oordeel,
            Oordeel::StaatInDeWeg {
                boven_grens_centen: 200_000
            }
        );
        delen[1].vrijstelling = Some(Vrijstelling::InNatura);
        delen.push(Bestanddeel {
            vrijstelling: Some(Vrijstelling::SpaargeldTijdensBijstand),
            ..deel(Vermogenssoort::Banktegoed, 500_000)
        });
        let uit = toets(&delen, Leefvorm::Alleenstaande, peil, &t).unwrap();
        assert_eq!(uit.vermogen_centen, 600_000);
        assert_eq!(uit.oordeel, Oordeel::StaatNietInDeWeg);
        assert!(uit
            .uitleg
            .iter()
            .any(|r| r.artikel == "art. 34 lid 2 onderdeel c Participatiewet"));
        assert!(
            uit.geverifieerd,
            "zonder eigen woning: de tabel van 2026 is geverifieerd"
        );
    }

    /// De eigen woning: art. 34 lid 2 onderdeel d (2026: 67.500 vrij) en art. 50 lid 2 (erboven
    /// een geldlening). Overwaarde 80.000: 12.500 boven de vrijlating, en dat staat los van het
    /// overige vermogen (gangbare lezing, NIET geverifieerd). Een negatieve overwaarde (waarde
    /// 200.000, hypotheek 210.000) vermindert het overige vermogen met 10.000.
    #[test]
    fn eigen_woning_apart_en_negatieve_overwaarde() {
        let t = Normtabellen::standaard().unwrap();
        let peil = d("2026-06-01");
        let woning = |waarde, hypotheek| Bestanddeel {
            hypotheek_centen: hypotheek,
            ..deel(Vermogenssoort::EigenWoning, waarde)
        };
        let uit = toets(
            &[
                woning(30_000_000, 22_000_000),
                deel(Vermogenssoort::Banktegoed, 500_000),
            ],
            Leefvorm::Gehuwden,
            peil,
            &t,
        )
        .unwrap();
        assert_eq!(uit.woning_boven_vrijlating_centen, 1_250_000);
        assert_eq!(uit.vermogen_centen, 500_000);
        assert_eq!(uit.oordeel, Oordeel::StaatNietInDeWeg);
        assert!(!uit.geverifieerd);
        let uit = toets(
            &[
                woning(20_000_000, 21_000_000),
                deel(Vermogenssoort::Banktegoed, 1_700_000),
            ],
            Leefvorm::Gehuwden,
            peil,
            &t,
        )
        .unwrap();
        assert_eq!(uit.vermogen_centen, 700_000);
        assert_eq!(uit.woning_boven_vrijlating_centen, 0);
        assert_eq!(uit.oordeel, Oordeel::StaatNietInDeWeg);
    }

    /// Een peildatum zonder normtabel: een melding, geen grens uit een andere periode.
    #[test]
    fn geen_tabel_geen_toets() {
        let t = Normtabellen::standaard().unwrap();
        assert!(toets(&[], Leefvorm::Alleenstaande, d("2027-01-01"), &t).is_err());
        assert!(toets(&[], Leefvorm::Alleenstaande, d("2023-12-31"), &t).is_err());
    }

    #[test]
    fn leefvorm_en_codes() {
        assert_eq!(Leefvorm::van(true, true), Leefvorm::Gehuwden);
        assert_eq!(Leefvorm::van(false, true), Leefvorm::AlleenstaandeOuder);
        assert_eq!(Leefvorm::van(false, false), Leefvorm::Alleenstaande);
        for s in Vermogenssoort::ALLE {
            assert_eq!(Vermogenssoort::uit_code(s.code()), Some(s));
            assert_eq!(serde_json::json!(s).as_str(), Some(s.code()));
        }
        for v in Vrijstelling::ALLE {
            assert_eq!(Vrijstelling::uit_code(v.code()), Some(v));
            assert_eq!(serde_json::json!(v).as_str(), Some(v.code()));
        }
    }
}
