//! De invoer van een mutatie lezen en controleren: elk veld met een Nederlandse melding bij het
//! veld; wat tegen de database moet worden opgezocht (een lid dat komt of gaat), blijft [`Ruw`].

use super::*;

/// Een gecontroleerde invoer; een lid dat komt of gaat moet nog tegen de database worden
/// opgezocht ([`App::oplossen`]).
pub(super) enum Ruw {
    Klaar(Gegevens),
    LidIn {
        rol: HuishoudRol,
        bsn: Bsn,
        naam: Option<Naam>,
        geboortedatum: Option<NaiveDate>,
    },
    LidUit {
        bsn: Bsn,
    },
}

pub(super) fn controleer(
    invoer: &MutatieInvoer,
    uitkering: &UitkeringRij,
    vandaag: NaiveDate,
) -> Result<(Mutatiesoort, NaiveDate, Option<NaiveDate>, Ruw), AppFout> {
    let mut f = Veldfouten::nieuw();
    let soort = Mutatiesoort::uit_code(invoer.soort.trim());
    if soort.is_none() {
        f.voeg_toe("soort", "Kies een soort mutatie.");
    }
    if invoer.reden.trim().chars().count() > 500 {
        f.voeg_toe("reden", "De reden is hoogstens 500 tekens; kort haar in.");
    }
    let ingang = f.controleer(
        "ingangsdatum",
        parse_datum(&invoer.ingangsdatum, "ingangsdatum"),
    );
    let einde = if invoer.einddatum.trim().is_empty() {
        None
    } else {
        f.controleer("einddatum", parse_datum(&invoer.einddatum, "einddatum"))
    };
    let werkelijk = soort == Some(Mutatiesoort::WerkelijkInkomen);
    // Een loonstrook gaat over een periode: van de ingangsdatum tot en met deze dag.
    let tot_en_met = if werkelijk {
        f.controleer(
            "periode_tot_en_met",
            parse_datum(&invoer.periode_tot_en_met, "laatste dag van de periode"),
        )
    } else {
        None
    };
    let begin = Some(uitkering.begindatum);
    if werkelijk {
        if einde.is_some() {
            f.voeg_toe(
                "einddatum",
                "Laat de einddatum leeg: bij werkelijk inkomen geeft u de periode van de \
                 loonstrook met de ingangsdatum en 'Periode tot en met'.",
            );
        }
        if let (Some(i), Some(t)) = (ingang, tot_en_met) {
            if t < i {
                f.voeg_toe(
                    "periode_tot_en_met",
                    "De periode eindigt vóór de ingangsdatum.",
                );
            } else if (t - i).num_days() >= 366 {
                f.voeg_toe(
                    "periode_tot_en_met",
                    "De periode van een loonstrook of specificatie is hoogstens een jaar.",
                );
            } else if t < uitkering.begindatum {
                f.voeg_toe(
                    "periode_tot_en_met",
                    format!(
                        "De periode ligt helemaal vóór de start van de uitkering ({}): dat \
                         inkomen telt niet (art. 32 lid 1 onderdeel b Pw).",
                        uitkering.begindatum.format("%d-%m-%Y")
                    ),
                );
            }
        }
        if ingang.is_some_and(|i| i > vandaag) {
            f.voeg_toe(
                "ingangsdatum",
                "Werkelijk inkomen gaat over een periode die al is begonnen.",
            );
        }
    } else if let (Some(i), Some(b)) = (ingang, begin) {
        if i < b {
            f.voeg_toe(
                "ingangsdatum",
                format!(
                    "De ingangsdatum ligt vóór de start van de uitkering ({}).",
                    b.format("%d-%m-%Y")
                ),
            );
        }
    }
    if let (Some(i), Some(e)) = (ingang, einde) {
        if e <= i {
            f.voeg_toe("einddatum", "De einddatum moet na de ingangsdatum liggen.");
        }
    }
    if invoer.reden.trim().is_empty() {
        f.voeg_toe("reden", "Geef de reden van de mutatie.");
    }
    let van = match invoer.van.trim() {
        "" | "aanvrager" => Some(Wie::Aanvrager),
        "partner" => Some(Wie::Partner),
        _ => None,
    };
    let van_nodig = |f: &mut Veldfouten| {
        if van.is_none() {
            f.voeg_toe("van", "Kies van wie: de aanvrager of de partner.");
        }
        van
    };
    let inkomenssoort = || match invoer.inkomenssoort.trim() {
        "arbeid" => Some(Inkomenssoort::Arbeid),
        "uitkering" => Some(Inkomenssoort::Uitkering),
        "alimentatie" => Some(Inkomenssoort::Alimentatie),
        "overig" => Some(Inkomenssoort::Overig),
        _ => None,
    };
    let lid_in = |f: &mut Veldfouten, past: fn(&HuishoudRol) -> bool, standaard: &str| {
        let code = if invoer.rol.trim().is_empty() {
            standaard
        } else {
            invoer.rol.trim()
        };
        let rol = HuishoudRol::uit_code(code).filter(past);
        if rol.is_none() {
            f.voeg_toe("rol", "Kies een rol die bij deze mutatie past.");
        }
        let bsn = f.controleer("bsn", Bsn::parse(&invoer.bsn));
        let (naam, geboortedatum) = if invoer.geslachtsnaam.trim().is_empty() {
            (None, None)
        } else {
            let naam = match Naam::parse(
                &invoer.voornamen,
                &invoer.voorvoegsel,
                &invoer.geslachtsnaam,
            ) {
                Ok(n) => Some(n),
                Err(fs) => {
                    for (veld, m) in fs {
                        f.voeg_toe(&veld, m);
                    }
                    None
                }
            };
            let g = f.controleer(
                "geboortedatum",
                Geboortedatum::parse(&invoer.geboortedatum, vandaag),
            );
            (naam, g.map(|g| g.0))
        };
        match (rol, bsn) {
            (Some(rol), Some(bsn)) if f.is_leeg() => Some(Ruw::LidIn {
                rol,
                bsn,
                naam,
                geboortedatum,
            }),
            _ => None,
        }
    };
    let gegevens = match soort {
        Some(Mutatiesoort::PartnerIn) => lid_in(
            &mut f,
            |r| matches!(r, HuishoudRol::Partner(_)),
            "partner:gehuwd",
        ),
        Some(Mutatiesoort::KindGeboren) => {
            lid_in(&mut f, |r| matches!(r, HuishoudRol::Kind), "kind")
        }
        Some(Mutatiesoort::MedebewonerIn) => lid_in(
            &mut f,
            |r| matches!(r, HuishoudRol::Medebewoner(_)),
            "medebewoner:familie",
        ),
        Some(
            Mutatiesoort::PartnerUit | Mutatiesoort::KindVertrokken | Mutatiesoort::MedebewonerUit,
        ) => f
            .controleer("bsn", Bsn::parse(&invoer.bsn))
            .map(|bsn| Ruw::LidUit { bsn }),
        Some(Mutatiesoort::InkomenStart | Mutatiesoort::InkomenWijziging) => {
            let s = inkomenssoort();
            if s.is_none() {
                f.voeg_toe("inkomenssoort", "Kies de soort inkomen.");
            }
            let c = f.controleer("bedrag", netto_bedrag(invoer));
            let vt = f.controleer(
                "vakantietoeslag_per_maand",
                vangnet_domain::bedrag::parse_euro_of_leeg(&invoer.vakantietoeslag_per_maand)
                    .map(|b| b.unwrap_or(0)),
            );
            let van = van_nodig(&mut f);
            s.zip(c).zip(van).zip(vt).map(
                |(((inkomenssoort, netto_centen), van), vakantietoeslag_centen)| {
                    Ruw::Klaar(Gegevens::Inkomen {
                        inkomenssoort,
                        netto_centen,
                        van,
                        vakantietoeslag_centen,
                    })
                },
            )
        }
        Some(Mutatiesoort::WerkelijkInkomen) => {
            let s = inkomenssoort();
            if s.is_none() {
                f.voeg_toe("inkomenssoort", "Kies de soort inkomen.");
            }
            let netto = f.controleer("bedrag", netto_bedrag(invoer));
            let bruto = f.controleer(
                "bruto",
                vangnet_domain::bedrag::parse_euro_of_leeg(&invoer.bruto),
            );
            if let (Some(n), Some(Some(b))) = (netto, bruto) {
                if b < n {
                    f.voeg_toe(
                        "bruto",
                        "Het brutobedrag is lager dan het nettobedrag; kijk de loonstrook na.",
                    );
                }
            }
            let vt = f.controleer(
                "vakantietoeslag_per_maand",
                vangnet_domain::bedrag::parse_euro_of_leeg(&invoer.vakantietoeslag_per_maand)
                    .map(|b| b.unwrap_or(0)),
            );
            let van = van_nodig(&mut f);
            match (s, netto, bruto, vt, van, tot_en_met) {
                (
                    Some(inkomenssoort),
                    Some(netto_centen),
                    Some(bruto_centen),
                    Some(vt),
                    Some(van),
                    Some(t),
                ) => Some(Ruw::Klaar(Gegevens::WerkelijkInkomen {
                    inkomenssoort,
                    van,
                    tot_en_met: t,
                    netto_centen,
                    bruto_centen,
                    vakantietoeslag_centen: vt,
                })),
                _ => None,
            }
        }
        Some(Mutatiesoort::InkomenStop) => {
            let s = inkomenssoort();
            if s.is_none() {
                f.voeg_toe("inkomenssoort", "Kies de soort inkomen die stopt.");
            }
            let van = van_nodig(&mut f);
            s.zip(van).map(|(inkomenssoort, van)| {
                Ruw::Klaar(Gegevens::InkomenStop { inkomenssoort, van })
            })
        }
        Some(Mutatiesoort::Verlaging) => match invoer
            .procent
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<i64>()
        {
            Ok(p) if (1..=100).contains(&p) => Some(Ruw::Klaar(Gegevens::Verlaging { procent: p })),
            _ => {
                f.voeg_toe(
                    "procent",
                    "De verlaging is een percentage van 1 tot en met 100.",
                );
                None
            }
        },
        Some(Mutatiesoort::VrijlatingToegekend) => {
            let vrijlating = match invoer.vrijlating.trim() {
                "arbeid" => Some(Vrijlatingssoort::Arbeid),
                "alleenstaande_ouder" => Some(Vrijlatingssoort::AlleenstaandeOuder),
                _ => {
                    f.voeg_toe(
                        "vrijlating",
                        "Kies de vrijlating (arbeid of alleenstaande ouder).",
                    );
                    None
                }
            };
            let van = van_nodig(&mut f);
            vrijlating
                .zip(van)
                .map(|(vrijlating, van)| Ruw::Klaar(Gegevens::Vrijlating { vrijlating, van }))
        }
        Some(Mutatiesoort::GeenBeroepOpOuders) => {
            let geldt = match invoer.geen_beroep.trim() {
                "ja" => Some(true),
                "nee" => Some(false),
                _ => {
                    f.voeg_toe(
                        "geen_beroep",
                        "Kies of de persoon vanaf de ingang geen beroep (ja) of weer wel een \
                         beroep (nee) kan doen op de ouders.",
                    );
                    None
                }
            };
            let van = van_nodig(&mut f);
            geldt
                .zip(van)
                .map(|(geldt, van)| Ruw::Klaar(Gegevens::GeenBeroepOpOuders { van, geldt }))
        }
        Some(Mutatiesoort::Opschorting) => {
            let termijn = f.controleer(
                "hersteltermijn",
                parse_datum(&invoer.hersteltermijn, "hersteltermijn"),
            );
            if let (Some(t), Some(i)) = (termijn, ingang) {
                if t <= i {
                    f.voeg_toe(
                        "hersteltermijn",
                        "De hersteltermijn loopt af na de ingang van de opschorting (art. 54 lid 4).",
                    );
                }
            }
            termijn.map(|t| {
                Ruw::Klaar(Gegevens::Opschorting {
                    hersteltermijn: Some(t),
                })
            })
        }
        Some(Mutatiesoort::OpschortingOpgeheven) => {
            Some(Ruw::Klaar(Gegevens::OpschortingOpgeheven))
        }
        Some(Mutatiesoort::Beeindiging) => match invoer.einde_reden.trim() {
            r @ ("werk" | "verhuisd" | "overleden" | "detentie" | "anders") => {
                Some(Ruw::Klaar(Gegevens::Beeindiging { reden: r.into() }))
            }
            _ => {
                f.voeg_toe("einde_reden", "Kies de reden van beëindiging.");
                None
            }
        },
        Some(Mutatiesoort::Correctie) => match invoer.corrigeert {
            Some(id) => Some(Ruw::Klaar(Gegevens::Correctie { corrigeert: id })),
            None => {
                f.voeg_toe("corrigeert", "Kies de mutatie die vervalt.");
                None
            }
        },
        Some(Mutatiesoort::Bankrekening) => f
            .controleer("iban", vangnet_domain::persoon::Iban::parse(&invoer.iban))
            .map(|i| {
                Ruw::Klaar(Gegevens::Bankrekening {
                    iban: i.as_str().to_owned(),
                })
            }),
        Some(Mutatiesoort::Betaalwijze) => match invoer.verdelen.trim() {
            "ja" => Some(Ruw::Klaar(Gegevens::Betaalwijze {
                verdelen: true,
                aan: Wie::Aanvrager,
            })),
            "nee" => van_nodig(&mut f).map(|aan| {
                Ruw::Klaar(Gegevens::Betaalwijze {
                    verdelen: false,
                    aan,
                })
            }),
            _ => {
                f.voeg_toe(
                    "verdelen",
                    "Kies: voor de helft aan ieder (art. 45 lid 4), of op gezamenlijk verzoek alles \
                     aan één van hen (kies dan bij 'Van wie' aan wie).",
                );
                None
            }
        },
        Some(Mutatiesoort::Adres) => {
            if invoer.straat.trim().is_empty() {
                f.voeg_toe("straat", "Vul de straat in.");
            } else if invoer.straat.chars().count() > 80 {
                f.voeg_toe("straat", "De straat is hoogstens 80 tekens lang.");
            }
            if invoer.woonplaats.trim().is_empty() {
                f.voeg_toe("woonplaats", "Vul de woonplaats in.");
            } else if invoer.woonplaats.chars().count() > 80 {
                f.voeg_toe("woonplaats", "De woonplaats is hoogstens 80 tekens lang.");
            }
            let h = f.controleer(
                "huisnummer",
                vangnet_domain::persoon::Huisnummer::uit_tekst(&invoer.huisnummer),
            );
            let pc = f.controleer(
                "postcode",
                vangnet_domain::persoon::Postcode::parse(&invoer.postcode),
            );
            match (h, pc) {
                (Some(h), Some(pc)) if f.is_leeg() => Some(Ruw::Klaar(Gegevens::Adres {
                    straat: invoer.straat.trim().to_owned(),
                    huisnummer: i64::from(h.nummer),
                    huisletter: h.letter.map(String::from),
                    toevoeging: h.toevoeging,
                    postcode: pc.compact(),
                    woonplaats: invoer.woonplaats.trim().to_owned(),
                })),
                _ => None,
            }
        }
        None => None,
    };
    f.clone().resultaat()?;
    // Werkelijk inkomen: de mutatie loopt tot de dag na de periode.
    let einde = einde.or_else(|| tot_en_met.and_then(|t| t.succ_opt()));
    match (soort, ingang, gegevens) {
        (Some(s), Some(i), Some(g)) => Ok((s, i, einde, g)),
        _ => Err(AppFout::Ongeldig(f)),
    }
}

/// De velden die een soort mutatie vraagt, naast de ingangsdatum en de reden die elke soort
/// vraagt: het formulier toont alleen deze (issue 21 punt 13), en [`controleer`] leest voor die
/// soort niets anders. Een correctie begint bij de mutatie die vervalt en heeft geen formulier.
pub fn velden_van(soort: Mutatiesoort) -> &'static [&'static str] {
    const NIEUW_LID: &[&str] = &[
        "rol",
        "bsn",
        "voornamen",
        "voorvoegsel",
        "geslachtsnaam",
        "geboortedatum",
    ];
    match soort {
        Mutatiesoort::Adres => &["straat", "huisnummer", "postcode", "woonplaats"],
        Mutatiesoort::PartnerIn | Mutatiesoort::MedebewonerIn => NIEUW_LID,
        Mutatiesoort::KindGeboren => &NIEUW_LID[1..],
        Mutatiesoort::PartnerUit | Mutatiesoort::KindVertrokken | Mutatiesoort::MedebewonerUit => {
            &["bsn"]
        }
        Mutatiesoort::InkomenStart | Mutatiesoort::InkomenWijziging => &[
            "van",
            "inkomenssoort",
            "bedrag",
            "vakantietoeslag_per_maand",
            "einddatum",
        ],
        Mutatiesoort::InkomenStop => &["van", "inkomenssoort"],
        Mutatiesoort::WerkelijkInkomen => &[
            "van",
            "inkomenssoort",
            "periode_tot_en_met",
            "bedrag",
            "bruto",
            "vakantietoeslag_per_maand",
        ],
        Mutatiesoort::VrijlatingToegekend => &["van", "vrijlating", "einddatum"],
        Mutatiesoort::Bankrekening => &["iban"],
        Mutatiesoort::Verlaging => &["procent", "einddatum"],
        Mutatiesoort::Opschorting => &["hersteltermijn"],
        Mutatiesoort::OpschortingOpgeheven | Mutatiesoort::Correctie => &[],
        Mutatiesoort::Beeindiging => &["einde_reden"],
        Mutatiesoort::Betaalwijze => &["verdelen", "van"],
        Mutatiesoort::GeenBeroepOpOuders => &["van", "geen_beroep"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Het stapsgewijze formulier toont per soort alleen [`velden_van`]: met alleen die velden
    /// ingevuld (plus ingang en reden) moet elke soort te controleren zijn, anders kan een
    /// medewerker haar in het scherm niet registreren.
    #[test]
    fn elke_soort_kan_met_haar_eigen_velden() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let u = UitkeringRij {
            id: 1,
            dossier_id: 1,
            begindatum: d("2026-01-01"),
            einddatum: None,
            einde_reden: None,
            besluit_datum: d("2026-01-05"),
            besluit_door: String::new(),
            besluit_inhoud: String::new(),
            grondslag: String::new(),
            bezwaar_tot: d("2026-02-16"),
            versie: 1,
            aangemaakt_op: chrono::DateTime::UNIX_EPOCH,
        };
        for soort in Mutatiesoort::ALLE {
            if soort == Mutatiesoort::Correctie {
                continue;
            }
            let mut invoer = MutatieInvoer {
                soort: soort.code().into(),
                ingangsdatum: "01-09-2026".into(),
                reden: "Test".into(),
                ..Default::default()
            };
            for veld in velden_van(soort) {
                let waarde = match *veld {
                    "rol" if soort == Mutatiesoort::PartnerIn => "partner:gehuwd",
                    "rol" => "medebewoner:familie",
                    "bsn" => "999993653",
                    "voornamen" => "Jan",
                    "geslachtsnaam" => "Jansen",
                    "geboortedatum" => "01-01-1990",
                    "van" => "aanvrager",
                    "inkomenssoort" => "arbeid",
                    "bedrag" => "612.50",
                    "periode_tot_en_met" => "28-09-2026",
                    "procent" => "10",
                    "vrijlating" => "arbeid",
                    "iban" => "NL91ABNA0417164300",
                    "hersteltermijn" => "15-09-2026",
                    "einde_reden" => "werk",
                    "verdelen" => "ja",
                    "geen_beroep" => "ja",
                    "straat" => "Coolsingel",
                    "huisnummer" => "40",
                    "postcode" => "3011 AD",
                    "woonplaats" => "Rotterdam",
                    // Niet verplicht: leeg laten.
                    _ => "",
                };
                let v = waarde.to_owned();
                match *veld {
                    "rol" => invoer.rol = v,
                    "bsn" => invoer.bsn = v,
                    "voornamen" => invoer.voornamen = v,
                    "geslachtsnaam" => invoer.geslachtsnaam = v,
                    "geboortedatum" => invoer.geboortedatum = v,
                    "van" => invoer.van = v,
                    "inkomenssoort" => invoer.inkomenssoort = v,
                    "bedrag" => invoer.bedrag = v,
                    "periode_tot_en_met" => invoer.periode_tot_en_met = v,
                    "procent" => invoer.procent = v,
                    "vrijlating" => invoer.vrijlating = v,
                    "iban" => invoer.iban = v,
                    "hersteltermijn" => invoer.hersteltermijn = v,
                    "einde_reden" => invoer.einde_reden = v,
                    "verdelen" => invoer.verdelen = v,
                    "geen_beroep" => invoer.geen_beroep = v,
                    "straat" => invoer.straat = v,
                    "huisnummer" => invoer.huisnummer = v,
                    "postcode" => invoer.postcode = v,
                    "woonplaats" => invoer.woonplaats = v,
                    _ => {}
                }
            }
            if let Err(AppFout::Ongeldig(f)) = controleer(&invoer, &u, d("2026-12-06")) {
                panic!("{}: {:?}", soort.code(), f.0);
            }
        }
    }
}
