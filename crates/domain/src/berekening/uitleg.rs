//! De uitleg van de berekening: elke stap in getallen ([`Stap`]) en de tekst met het wetsartikel
//! ([`uitlegregel`]). De rekenregels zelf staan in de oudermodule.

use chrono::NaiveDate;

use super::{Inkomenssoort, Toerekening, Uitlegregel, Wie};
use crate::normen::Centen;

/// Een inkomen over een deel van de maand: van, tot en met, hoeveel dagen, en het bedrag per
/// maand.
#[derive(Debug, Clone, Copy)]
pub(super) struct Inkomendeel {
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub dagen: i64,
    pub in_maand: i64,
    pub per_maand: Centen,
}

/// Eén stap van de berekening, in getallen; de uitleg maakt er tekst van.
#[derive(Debug, Clone, Copy)]
pub(super) enum Stap {
    Onzeker(NaiveDate),
    KostendelerAlleen {
        ouder: bool,
        a: u32,
        b: Centen,
        art_b: &'static str,
        bedrag: Centen,
    },
    Norm {
        omschrijving: &'static str,
        artikel: &'static str,
        bedrag: Centen,
    },
    JongeKostendeler {
        wie: &'static str,
        artikel: &'static str,
        bedrag: Centen,
    },
    KostendelerGehuwd {
        wie: &'static str,
        a: u32,
        b: Centen,
        art_b: &'static str,
        bedrag: Centen,
    },
    Inkomen {
        /// Alleen genoemd als er een partner is.
        wie: Option<Wie>,
        soort: Inkomenssoort,
        bedrag: Centen,
        /// Een inkomen dat niet de hele maand loopt.
        deel: Option<Inkomendeel>,
        /// Een werkelijk inkomen over een periode, toegerekend aan deze maand.
        toerekening: Option<Toerekening>,
    },
    /// Art. 31 lid 4: de vakantietoeslag die over een inkomen is opgebouwd.
    VakantietoeslagInkomen {
        wie: Option<Wie>,
        soort: Inkomenssoort,
        bedrag: Centen,
    },
    Vrijlating {
        wie: Option<Wie>,
        /// Vanaf de AOW-leeftijd: zonder grens van zes maanden en zonder toekenning.
        aow: bool,
        procent: i64,
        max: Centen,
        /// Het tijdvak van zes maanden dekt maar een deel van de dagen: (dagen, van de dagen).
        deel: Option<(i64, i64)>,
        bedrag: Centen,
    },
    GeenVrijlatingJong(Wie),
    VrijlatingOuder {
        promille: i64,
        max: Centen,
        bedrag: Centen,
    },
    GeenVrijlatingOuder(&'static str),
    Verhoging {
        wie: &'static str,
        bedrag: Centen,
    },
    GeenVerhoging(NaiveDate),
    VerhogingBegrensd {
        max: Centen,
        artikel_max: &'static str,
        bedrag: Centen,
    },
    NormDeel {
        van: NaiveDate,
        tot: NaiveDate,
        dagen: i64,
        in_maand: i64,
        bedrag: Centen,
    },
    Verlaging {
        procent: i64,
        bedrag: Centen,
    },
    VerlagingDeel {
        procent: i64,
        van: NaiveDate,
        tot: NaiveDate,
        bedrag: Centen,
    },
    NietOnderNul {
        bedrag: Centen,
    },
    Deel {
        dagen: i64,
        in_maand: i64,
        van: NaiveDate,
        tot: NaiveDate,
        bedrag: Centen,
    },
    Reservering {
        procent: i64,
        bedrag: Centen,
    },
}

/// Het artikel bij de mededeling dat een normtabel niet geverifieerd is.
pub(crate) const ARTIKEL_ONZEKER: &str = "art. 38 Participatiewet (aanpassing normbedragen)";

pub(super) fn uitlegregel(stap: Stap) -> Uitlegregel {
    let r = |omschrijving: String, artikel: &str, bedrag_centen: Centen| Uitlegregel {
        omschrijving,
        artikel: artikel.to_owned(),
        bedrag_centen,
    };
    match stap {
        Stap::Onzeker(vanaf) => r(
            format!(
                "Let op: de normtabel per {} is niet geverifieerd tegen de officiële bron; de \
                 bedragen kunnen nog wijzigen",
                vanaf.format("%d-%m-%Y")
            ),
            ARTIKEL_ONZEKER,
            0,
        ),
        Stap::KostendelerAlleen { ouder, a, b, art_b, bedrag } => r(
            format!(
                "Kostendelersnorm {}: (40% + {a} × 30%) / {a} van de gehuwdennorm {} (art. {art_b}), A = {a}, half naar boven afgerond op centen",
                if ouder { "alleenstaande ouder" } else { "alleenstaande" },
                crate::bedrag::euro(b)
            ),
            "art. 22a lid 1 Participatiewet",
            bedrag,
        ),
        Stap::Norm { omschrijving, artikel, bedrag } => r(omschrijving.to_owned(), artikel, bedrag),
        Stap::JongeKostendeler { wie, artikel, bedrag } => {
            r(format!("Deel van de {wie} van 18 tot 21 jaar bij kostendelers"), artikel, bedrag)
        }
        Stap::KostendelerGehuwd { wie, a, b, art_b, bedrag } => r(
            format!(
                "Kostendelersnorm {wie}: (40% + {a} × 30%) / {a} van {} (art. {art_b}), half naar boven afgerond op centen",
                crate::bedrag::euro(b)
            ),
            "art. 22a lid 1 en lid 2 Participatiewet",
            bedrag,
        ),
        Stap::Inkomen { wie, soort, bedrag, deel, toerekening } => r(
            format!(
                "Netto inkomsten {}{}{}{}",
                soortnaam(soort),
                wie.map_or(String::new(), |w| format!(" van de {}", w.naam())),
                toerekening.map_or(String::new(), |t| format!(
                    ", werkelijk ontvangen over {} tot en met {} ({}): {} van de {} dagen vallen in deze maand met bijstand, naar rato per kalenderdag (toegerekend aan de periode waarop het betrekking heeft)",
                    t.van.format("%d-%m-%Y"),
                    t.tot.format("%d-%m-%Y"),
                    crate::bedrag::euro(t.totaal),
                    t.dagen,
                    t.van_dagen
                )),
                deel.map_or(String::new(), |d| format!(
                    ", van {} tot en met {}: {} van de {} dagen van {} per maand, naar rato per kalenderdag, half naar boven afgerond op centen",
                    d.van.format("%d-%m-%Y"),
                    d.tot.format("%d-%m-%Y"),
                    d.dagen,
                    d.in_maand,
                    crate::bedrag::euro(d.per_maand)
                ))
            ),
            "art. 31 en 32 Participatiewet",
            -bedrag,
        ),
        Stap::VakantietoeslagInkomen { wie, soort, bedrag } => r(
            format!(
                "Vakantietoeslag opgebouwd over het inkomen {}{} (volgens de loonstrook of specificatie)",
                soortnaam(soort),
                wie.map_or(String::new(), |w| format!(" van de {}", w.naam()))
            ),
            "art. 31 lid 4 Participatiewet en § 6 Regeling Participatiewet, IOAW en IOAZ",
            -bedrag,
        ),
        Stap::Vrijlating { wie, aow, procent, max, deel, bedrag } => r(
            format!(
                "Vrijlating {procent}% van de inkomsten uit arbeid{}, ten hoogste {}, half naar boven afgerond op centen{}{}{}",
                wie.map_or(String::new(), |w| format!(" van de {}", w.naam())),
                crate::bedrag::euro(max),
                deel.map_or(String::new(), |(d, n)| format!(
                    "; de zes maanden lopen over {d} van de {n} dagen, naar rato (NIET geverifieerd)"
                )),
                if aow { "; vanaf de AOW-leeftijd zonder grens van zes maanden" } else { "" },
                if wie.is_some() {
                    "; elke partner een eigen vrijlating (gangbare lezing, NIET geverifieerd tegen jurisprudentie)"
                } else {
                    ""
                }
            ),
            "art. 31 lid 2 onderdeel n Participatiewet",
            bedrag,
        ),
        Stap::GeenVrijlatingJong(wie) => r(
            format!("Geen vrijlating van inkomsten uit arbeid: de {} is jonger dan 27 jaar", wie.naam()),
            "art. 31 lid 5 Participatiewet",
            0,
        ),
        Stap::VrijlatingOuder { promille, max, bedrag } => r(
            format!(
                "Vrijlating alleenstaande ouder {},{}% van de inkomsten uit arbeid, ten hoogste {}, half naar boven afgerond op centen",
                promille / 10,
                promille % 10,
                crate::bedrag::euro(max)
            ),
            "art. 31 lid 2 onderdeel r Participatiewet",
            bedrag,
        ),
        Stap::GeenVrijlatingOuder(reden) => r(
            format!("Geen vrijlating alleenstaande ouder: {reden}"),
            "art. 31 lid 2 onderdeel r Participatiewet",
            0,
        ),
        Stap::Verhoging { wie, bedrag } => r(
            format!("Verhoging: de {wie} is 18, 19 of 20 jaar en kan geen beroep doen op de ouders"),
            "art. 20 lid 3 Participatiewet",
            bedrag,
        ),
        Stap::GeenVerhoging(vanaf) => r(
            format!(
                "Geen verhoging voor jongeren zonder beroep op de ouders: de normtabel per {} kent haar niet (geldt vanaf 1 januari 2026)",
                vanaf.format("%d-%m-%Y")
            ),
            "art. 20 lid 3 Participatiewet",
            0,
        ),
        Stap::VerhogingBegrensd { max, artikel_max, bedrag } => r(
            format!(
                "Norm met verhoging niet hoger dan de norm voor 21 jaar en ouder in dezelfde situatie ({}, {artikel_max})",
                crate::bedrag::euro(max)
            ),
            "art. 20 lid 4 Participatiewet",
            bedrag,
        ),
        Stap::NormDeel { van, tot, dagen, in_maand, bedrag } => r(
            format!(
                "De norm hierboven geldt van {} tot en met {}: {dagen} van de {in_maand} dagen, naar rato per kalenderdag, half naar boven afgerond op centen",
                van.format("%d-%m-%Y"),
                tot.format("%d-%m-%Y")
            ),
            "art. 20 tot en met 22a Participatiewet (leeftijd op de dag)",
            bedrag,
        ),
        Stap::Verlaging { procent, bedrag } => r(
            format!("Verlaging van {procent}% van de norm, half naar boven afgerond op centen"),
            "art. 18 lid 2 Participatiewet",
            -bedrag,
        ),
        Stap::VerlagingDeel { procent, van, tot, bedrag } => r(
            format!(
                "Verlaging van {procent}% van de norm van {} tot en met {}, half naar boven afgerond op centen",
                van.format("%d-%m-%Y"),
                tot.format("%d-%m-%Y")
            ),
            "art. 18 lid 2 Participatiewet",
            -bedrag,
        ),
        Stap::NietOnderNul { bedrag } => r(
            "De middelen zijn hoger dan de norm: geen bijstand (niet minder dan nul)".into(),
            "art. 19 lid 1 Participatiewet",
            bedrag,
        ),
        Stap::Deel { dagen, in_maand, van, tot, bedrag } => r(
            format!(
                "Bijstand over {dagen} van de {in_maand} dagen ({} tot en met {}), naar rato per kalenderdag, half naar boven afgerond op centen",
                van.format("%d-%m-%Y"),
                tot.format("%d-%m-%Y")
            ),
            "art. 45 lid 3 Participatiewet",
            bedrag,
        ),
        Stap::Reservering { procent, bedrag } => r(
            format!("Gereserveerde vakantietoeslag ({procent}% van de bijstand, half naar boven afgerond op centen; jaarlijks uitbetaald)"),
            "art. 19 lid 3 en art. 45 lid 1 Participatiewet",
            -bedrag,
        ),
    }
}

fn soortnaam(soort: Inkomenssoort) -> &'static str {
    match soort {
        Inkomenssoort::Arbeid => "uit arbeid",
        Inkomenssoort::Uitkering => "uit een andere uitkering",
        Inkomenssoort::Alimentatie => "uit alimentatie",
        Inkomenssoort::Overig => "overig",
    }
}
