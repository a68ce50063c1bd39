//! Past een mutatie bij de feiten van de uitkering op haar ingang? Inkomen dat begint, wijzigt
//! of stopt tegen wat er loopt; wat van "de partner" is tegen wie er woont; leeftijdsgrenzen van
//! vrijlatingen en art. 20 lid 3; en wat de consulent in het voorbeeld moet nagaan.

use super::*;

/// Past een inkomensmutatie bij wat er op de ingangsdatum loopt? De feiten houden per soort één
/// netto bedrag voor het hele huishouden: een inkomen dat "begint" terwijl er al inkomen van die
/// soort loopt, zou het stil vervangen (een partner die gaat werken naast de aanvrager telde dan
/// alleen nog zelf). Dan moet het een wijziging zijn, met het nieuwe totaal; en wat wijzigt of
/// stopt, moet lopen.
pub(super) fn inkomen_past(
    voor: &Feiten,
    ingang: NaiveDate,
    g: &Gegevens,
    soort: Mutatiesoort,
) -> Result<(), AppFout> {
    persoon_past(voor, ingang, g)?;
    let (inkomenssoort, van) = match g {
        Gegevens::Inkomen {
            inkomenssoort, van, ..
        }
        | Gegevens::InkomenStop { inkomenssoort, van } => (*inkomenssoort, *van),
        _ => return Ok(()),
    };
    let naam = match inkomenssoort {
        Inkomenssoort::Arbeid => "inkomen uit arbeid",
        Inkomenssoort::Uitkering => "inkomen uit een uitkering",
        Inkomenssoort::Alimentatie => "alimentatie",
        Inkomenssoort::Overig => "overig inkomen",
    };
    let van_soort = || {
        voor.inkomsten
            .iter()
            .filter(|(_, w, s, _, _)| *s == inkomenssoort && *w == van)
    };
    let loopt = van_soort().any(|(p, _, _, _, _)| p.bevat(ingang));
    // Ook een inkomen dat later begint telt: een "begint" ervóór zou er bij het toepassen door
    // worden afgesloten (en het nieuwe inkomen verdween dan vanaf die datum).
    let later_of_lopend = van_soort()
        .filter(|(p, _, _, _, _)| p.tot.is_none_or(|t| t > ingang))
        .min_by_key(|(p, _, _, _, _)| p.vanaf);
    let datum = ingang.format("%d-%m-%Y");
    let naam = format!("{naam} van de {}", van.naam());
    match (soort, later_of_lopend) {
        (Mutatiesoort::InkomenStart, Some((p, _, _, bedrag, _))) => Err(AppFout::veld(
            "inkomenssoort",
            format!(
                "{} loopt al {naam} ({} per maand). Kies 'Inkomen wijzigt' en vul het nieuwe \
                 bedrag in.",
                if p.vanaf <= ingang {
                    format!("Op {datum}")
                } else {
                    format!("Vanaf {}", p.vanaf.format("%d-%m-%Y"))
                },
                vangnet_domain::bedrag::euro(*bedrag)
            ),
        )),
        (Mutatiesoort::InkomenWijziging | Mutatiesoort::InkomenStop, _) if !loopt => {
            Err(AppFout::veld(
                "inkomenssoort",
                format!("Op {datum} loopt geen {naam}. Kies 'Inkomen begint' of een andere soort."),
            ))
        }
        _ => Ok(()),
    }
}

/// Past een mutatie bij wie er op de ingang in het huishouden is? Het inkomen, de vrijlating of
/// art. 20 lid 3 van de partner vraagt een partner; de vrijlating van art. 31 lid 2 onderdeel n
/// geldt niet onder 27 jaar (lid 5) en die van onderdeel r alleen voor de aanvrager; art. 20
/// lid 3 geldt voor 18, 19 en 20 jaar.
fn persoon_past(voor: &Feiten, ingang: NaiveDate, g: &Gegevens) -> Result<(), AppFout> {
    if let Gegevens::WerkelijkInkomen {
        van: Wie::Partner,
        tot_en_met,
        ..
    } = g
    {
        // Een loonstrook van de partner: de partner woonde er op een dag van de periode.
        let erbij = voor
            .partners
            .iter()
            .any(|(p, _)| p.vanaf <= *tot_en_met && p.tot.is_none_or(|t| t > ingang));
        return match erbij {
            true => Ok(()),
            false => Err(AppFout::veld(
                "van",
                format!(
                    "Van {} tot en met {} was er geen partner in het huishouden.",
                    ingang.format("%d-%m-%Y"),
                    tot_en_met.format("%d-%m-%Y")
                ),
            )),
        };
    }
    if let Gegevens::OpschortingOpgeheven = g {
        if !voor.opschortingen.iter().any(|p| p.bevat(ingang)) {
            return Err(AppFout::veld(
                "ingangsdatum",
                format!(
                    "Op {} loopt er geen opschorting die kan worden opgeheven.",
                    ingang.format("%d-%m-%Y")
                ),
            ));
        }
        return Ok(());
    }
    // Art. 45 lid 4 gaat over gehuwden: zonder partner is er niets te verdelen.
    if let Gegevens::Betaalwijze { .. } = g {
        if !voor.partners.iter().any(|(p, _)| p.bevat(ingang)) {
            return Err(AppFout::veld(
                "verdelen",
                format!(
                    "Op {} is er geen partner in het huishouden: de betaling aan gehuwden (art. \
                     45 lid 4) geldt niet.",
                    ingang.format("%d-%m-%Y")
                ),
            ));
        }
        return Ok(());
    }
    let van = match g {
        Gegevens::Inkomen { van, .. }
        | Gegevens::InkomenStop { van, .. }
        | Gegevens::Vrijlating { van, .. }
        | Gegevens::GeenBeroepOpOuders { van, .. } => *van,
        _ => return Ok(()),
    };
    let datum = ingang.format("%d-%m-%Y");
    let geboren = match van {
        Wie::Aanvrager => voor.aanvrager,
        Wie::Partner => voor
            .partners
            .iter()
            .find(|(p, _)| p.bevat(ingang))
            .map(|(_, g)| *g),
    };
    let Some(geboren) = geboren else {
        return Err(AppFout::veld(
            "van",
            format!("Op {datum} is er geen partner in het huishouden."),
        ));
    };
    let leeftijd = vangnet_domain::persoon::Geboortedatum(geboren).leeftijd_op(ingang);
    let wie = van.naam();
    match g {
        Gegevens::Vrijlating {
            vrijlating: Vrijlatingssoort::Arbeid,
            ..
        } if leeftijd < 27 => Err(AppFout::veld(
            "vrijlating",
            format!(
                "De vrijlating van art. 31 lid 2 onderdeel n geldt niet voor wie jonger is dan \
                 27 jaar (art. 31 lid 5): de {wie} is op {datum} {leeftijd} jaar."
            ),
        )),
        Gegevens::Vrijlating {
            vrijlating: Vrijlatingssoort::AlleenstaandeOuder,
            van: Wie::Partner,
        } => Err(AppFout::veld(
            "van",
            "De vrijlating voor een alleenstaande ouder (art. 31 lid 2 onderdeel r) geldt \
             alleen voor de aanvrager.",
        )),
        Gegevens::GeenBeroepOpOuders { geldt: true, .. } if !(18..21).contains(&leeftijd) => {
            Err(AppFout::veld(
                "van",
                format!(
                    "Art. 20 lid 3 geldt voor 18, 19 en 20 jaar: de {wie} is op {datum} \
                     {leeftijd} jaar."
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// Wat de consulent moet nagaan. Vóór issue 19 (6 december 2026) was een inkomen het totaal van
/// het huishouden, op naam van de aanvrager: een inkomen van de partner erbij kan dan dubbel
/// tellen.
pub(super) fn waarschuwingen(voor: &Feiten, ingang: NaiveDate, g: &Gegevens) -> Vec<String> {
    if let Gegevens::WerkelijkInkomen {
        inkomenssoort,
        van,
        tot_en_met,
        ..
    } = g
    {
        // Het werkelijke inkomen vervangt in de maanden van de periode de opgave.
        return voor
            .inkomsten
            .iter()
            .filter(|(p, w, s, _, _)| {
                w == van
                    && s == inkomenssoort
                    && p.vanaf <= *tot_en_met
                    && p.tot.is_none_or(|t| t > ingang)
            })
            .map(|(_, _, _, bedrag, _)| {
                format!(
                    "In de maanden van {} tot en met {} vervangt het werkelijke inkomen de opgave \
                     van {} per maand van deze persoon en soort. Registreer alle loonstroken die \
                     op die maanden betrekking hebben (bij een vierwekenloon soms twee in één \
                     maand).",
                    ingang.format("%m-%Y"),
                    tot_en_met.format("%m-%Y"),
                    vangnet_domain::bedrag::euro(*bedrag)
                )
            })
            .collect();
    }
    let Gegevens::Inkomen {
        inkomenssoort, van, ..
    } = g
    else {
        return Vec::new();
    };
    // Issue 21 punt 3: een wijziging op een datum vervangt het bedrag dat dan geldt; het
    // voorbeeld zegt welk.
    let vervangt = voor
        .inkomsten
        .iter()
        .filter(|(p, w, s, _, _)| w == van && s == inkomenssoort && p.bevat(ingang))
        .map(|(p, _, _, bedrag, _)| {
            format!(
                "Vanaf {} vervangt dit het inkomen van {} per maand van de {} (sinds {}); het \
                 wordt niet opgeteld.",
                ingang.format("%d-%m-%Y"),
                vangnet_domain::bedrag::euro(*bedrag),
                van.naam(),
                p.vanaf.format("%d-%m-%Y")
            )
        });
    if *van != Wie::Partner {
        return vervangt.collect();
    }
    vervangt
        .chain(voor.inkomsten.iter().filter(|(p, w, s, _, _)| {
            *w == Wie::Aanvrager && s == inkomenssoort && p.bevat(ingang)
        })
        .map(|(p, _, _, bedrag, _)| {
            format!(
                "Op {} loopt ook een inkomen van deze soort op naam van de aanvrager ({} per maand, \
                 sinds {}). Tot 6 december 2026 werd daar het totaal van het huishouden \
                 vastgelegd: zit het inkomen van de partner daar al in, wijzig dan eerst dat \
                 bedrag, anders telt het dubbel.",
                ingang.format("%d-%m-%Y"),
                vangnet_domain::bedrag::euro(*bedrag),
                p.vanaf.format("%d-%m-%Y")
            )
        }))
        .collect()
}
