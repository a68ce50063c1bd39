//! Contactmomenten (issue 8): een telefoongesprek, baliebezoek, e-mail, brief of bericht in het
//! portaal, met wie er contact had, het onderwerp, de notitie en de uitkomst (direct
//! beantwoord, terugbelverzoek, doorverwezen naar de consulent, signaal). Hier staan de
//! soorten, de controle van wat de medewerker invult (ook het telefoonnummer) en wie een
//! gevoelige notitie mag lezen.
//!
//! De vorm volgt het gegevensmodel van de Klantinteracties-standaard van VNG in grote lijnen
//! (kanaal, onderwerp, inhoud, betrokkene, tijdstip), zodat een koppeling later kan.
//!
//! Aannames (geen bron in ../shared/domain/): een notitie is ten hoogste 4 000 tekens; een
//! gesprek duurt ten hoogste 8 uur; een gevoelige notitie hoort bij een dossier, zodat
//! vaststaat wie haar mag lezen: de consulent van dat dossier en de teamleider van zijn team.

use serde::Serialize;

use crate::Veldfouten;

/// De langste notitie (tekens).
pub const MAX_TEKST: usize = 4_000;
/// De langste naam van een derde (tekens).
pub const MAX_NAAM: usize = 200;
/// Het langste gesprek (minuten).
pub const MAX_DUUR_MINUTEN: i64 = 480;

macro_rules! codes {
    ($(#[$m:meta])* $naam:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $naam {
            $($variant,)+
        }

        impl $naam {
            pub const ALLE: &'static [$naam] = &[$($naam::$variant,)+];

            pub fn code(self) -> &'static str {
                match self {
                    $($naam::$variant => $code,)+
                }
            }

            pub fn naam(self) -> &'static str {
                match self {
                    $($naam::$variant => $label,)+
                }
            }

            pub fn uit_code(code: &str) -> Option<$naam> {
                Self::ALLE.iter().copied().find(|s| s.code() == code)
            }
        }
    };
}

codes! {
    /// Langs welke weg het contact liep.
    Kanaal {
        Telefoon => "telefoon", "Telefoon";
        Balie => "balie", "Balie";
        Email => "email", "E-mail";
        Brief => "brief", "Brief";
        Portaal => "portaal", "Portaal";
    }
}

codes! {
    /// Wie het contact begon.
    Richting {
        Inkomend => "inkomend", "Inkomend";
        Uitgaand => "uitgaand", "Uitgaand";
    }
}

codes! {
    /// Met wie er contact was.
    Beller {
        Client => "client", "Cliënt";
        Partner => "partner", "Partner";
        Derde => "derde", "Derde (bewindvoerder e.d.)";
    }
}

codes! {
    /// Hoe het contact afliep.
    Uitkomst {
        Beantwoord => "beantwoord", "Beantwoord";
        Terugbellen => "terugbellen", "Terugbelverzoek";
        Doorverwezen => "doorverwezen", "Naar consulent";
        Signaal => "signaal", "Signaal";
        NietBereikt => "niet_bereikt", "Niet bereikt";
    }
}

/// Wat de medewerker invulde, zoals getypt.
#[derive(Debug, Clone, Default)]
pub struct Invoer<'a> {
    pub kanaal: &'a str,
    pub richting: &'a str,
    pub beller: &'a str,
    pub derde_naam: &'a str,
    pub tekst: &'a str,
    pub uitkomst: &'a str,
    pub telefoonnummer: &'a str,
    pub duur_minuten: &'a str,
    pub gevoelig: bool,
    /// Hoort het contact bij een dossier.
    pub met_dossier: bool,
}

/// Een gecontroleerd contactmoment (zonder persoon, dossier en onderwerp: die controleert de
/// use case tegen de opslag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub kanaal: Kanaal,
    pub richting: Richting,
    pub beller: Beller,
    pub derde_naam: Option<String>,
    pub tekst: String,
    pub uitkomst: Uitkomst,
    pub telefoonnummer: Option<String>,
    pub duur_minuten: Option<i64>,
    pub gevoelig: bool,
}

fn keuze<T: Copy>(
    f: &mut Veldfouten,
    veld: &str,
    invoer: &str,
    uit_code: fn(&str) -> Option<T>,
    melding: &str,
) -> Option<T> {
    let t = uit_code(invoer.trim());
    if t.is_none() {
        f.voeg_toe(veld, melding);
    }
    t
}

/// Vrije tekst zonder stuurtekens (regeleinden en tabs mogen), van hoogstens `max` tekens.
fn vrije_tekst(invoer: &str, max: usize, wat: &str) -> Result<String, String> {
    let t = invoer.trim().replace("\r\n", "\n");
    if t.chars().count() > max {
        return Err(format!(
            "{wat} is te lang: hoogstens {max} tekens, nu {}.",
            t.chars().count()
        ));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(format!(
            "{wat} bevat een onzichtbaar stuurteken; typ de tekst opnieuw."
        ));
    }
    Ok(t)
}

/// Controleert een contactmoment. Alle fouten tegelijk, per veld.
pub fn controleer(i: &Invoer<'_>) -> Result<Contact, Veldfouten> {
    let mut f = Veldfouten::nieuw();
    let kanaal = keuze(
        &mut f,
        "kanaal",
        i.kanaal,
        Kanaal::uit_code,
        "Kies het kanaal.",
    );
    let richting = keuze(
        &mut f,
        "richting",
        i.richting,
        Richting::uit_code,
        "Kies wie het contact begon.",
    );
    let beller = keuze(
        &mut f,
        "beller",
        i.beller,
        Beller::uit_code,
        "Kies met wie er contact was.",
    );
    let uitkomst = keuze(
        &mut f,
        "uitkomst",
        i.uitkomst,
        Uitkomst::uit_code,
        "Kies de uitkomst.",
    );
    let tekst = f.controleer("tekst", vrije_tekst(i.tekst, MAX_TEKST, "De notitie"));
    if tekst.as_deref() == Some("") {
        f.voeg_toe("tekst", "Schrijf op waar het contact over ging.");
    }
    let derde_naam = f
        .controleer("derde_naam", vrije_tekst(i.derde_naam, MAX_NAAM, "De naam"))
        .filter(|n| !n.is_empty());
    if beller == Some(Beller::Derde) && derde_naam.is_none() {
        f.voeg_toe(
            "derde_naam",
            "Vul de naam in van wie belde (en zo nodig namens wie, bv. bewindvoerder).",
        );
    }
    let telefoonnummer = if i.telefoonnummer.trim().is_empty() {
        if uitkomst == Some(Uitkomst::Terugbellen) {
            f.voeg_toe(
                "telefoonnummer",
                "Vul het nummer in waarop de klant teruggebeld wil worden.",
            );
        }
        None
    } else {
        f.controleer("telefoonnummer", telefoonnummer(i.telefoonnummer))
    };
    let duur_minuten = match i.duur_minuten.trim() {
        "" => None,
        d => match d.parse::<i64>() {
            Ok(m) if (0..=MAX_DUUR_MINUTEN).contains(&m) => Some(m),
            _ => {
                f.voeg_toe(
                    "duur_minuten",
                    format!("Vul de duur in hele minuten in (0 tot {MAX_DUUR_MINUTEN})."),
                );
                None
            }
        },
    };
    if i.gevoelig && !i.met_dossier {
        f.voeg_toe(
            "gevoelig",
            "Een gevoelige notitie hoort bij een dossier: kies het dossier, zodat vaststaat wie haar mag lezen.",
        );
    }
    match (kanaal, richting, beller, uitkomst, tekst) {
        (Some(kanaal), Some(richting), Some(beller), Some(uitkomst), Some(tekst))
            if f.is_leeg() =>
        {
            Ok(Contact {
                kanaal,
                richting,
                beller,
                derde_naam: derde_naam.filter(|_| beller == Beller::Derde),
                tekst,
                uitkomst,
                telefoonnummer,
                duur_minuten,
                gevoelig: i.gevoelig,
            })
        }
        _ => Err(f),
    }
}

/// Een telefoonnummer zoals de medewerker het typte (spaties, streepjes, haakjes en punten
/// mogen), genormaliseerd: Nederlandse nummers als tien cijfers met een 0 vooraan, buitenlandse
/// als `+` en 8 tot 15 cijfers (ITU-T E.164).
pub fn telefoonnummer(invoer: &str) -> Result<String, String> {
    let t = invoer.trim();
    let (plus, rest) = match t.strip_prefix('+') {
        Some(r) => (true, r),
        None => match t.strip_prefix("00") {
            Some(r) => (true, r),
            None => (false, t),
        },
    };
    let mut cijfers = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => cijfers.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => {
                return Err(format!(
                    "Een telefoonnummer bestaat uit cijfers (met eventueel + vooraan); '{c}' hoort er niet in."
                ))
            }
        }
    }
    let fout = || {
        Err("Dit is geen geldig telefoonnummer: een Nederlands nummer heeft tien cijfers (bv. 06 12345678 of 010 1234567), een buitenlands begint met + en de landcode.".to_owned())
    };
    if plus {
        if let Some(nl) = cijfers.strip_prefix("31") {
            // +31 (0)6…: de 0 tussen haakjes hoort er niet in.
            let nl = nl.strip_prefix('0').unwrap_or(nl);
            return if nl.len() == 9 && !nl.starts_with('0') {
                Ok(format!("0{nl}"))
            } else {
                fout()
            };
        }
        return if (8..=15).contains(&cijfers.len()) && !cijfers.starts_with('0') {
            Ok(format!("+{cijfers}"))
        } else {
            fout()
        };
    }
    if cijfers.len() == 10 && cijfers.starts_with('0') && !cijfers.starts_with("00") {
        Ok(cijfers)
    } else {
        fout()
    }
}

/// De lijst van onderwerpen zoals de functioneel beheerder haar typt: één per regel,
/// `code = omschrijving`, in de volgorde van de keuzelijst. Codes: kleine letters, cijfers en
/// `_`, hoogstens 40 tekens, elk één keer.
pub fn onderwerpen_lezen(tekst: &str) -> Result<Vec<(String, String)>, String> {
    let mut uit: Vec<(String, String)> = Vec::new();
    for (nr, regel) in tekst.lines().enumerate().map(|(i, r)| (i + 1, r.trim())) {
        if regel.is_empty() {
            continue;
        }
        let Some((code, omschrijving)) = regel.split_once('=') else {
            return Err(format!(
                "Regel {nr}: schrijf 'code = omschrijving', bv. 'betaling = Betaling en betaaldatum'."
            ));
        };
        let (code, omschrijving) = (code.trim(), omschrijving.trim());
        if code.is_empty()
            || code.len() > 40
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(format!(
                "Regel {nr}: de code '{code}' mag alleen kleine letters, cijfers en _ bevatten (hoogstens 40)."
            ));
        }
        if omschrijving.is_empty() || omschrijving.chars().count() > 100 {
            return Err(format!(
                "Regel {nr}: de omschrijving is verplicht en hoogstens 100 tekens."
            ));
        }
        if uit.iter().any(|(c, _)| c == code) {
            return Err(format!("Regel {nr}: de code '{code}' staat er al."));
        }
        uit.push((code.to_owned(), omschrijving.to_owned()));
    }
    if uit.is_empty() {
        return Err("Er moet minstens één onderwerp zijn.".into());
    }
    if uit.len() > 50 {
        return Err("Hoogstens 50 onderwerpen: een keuzelijst moet te overzien zijn.".into());
    }
    Ok(uit)
}

/// Wie een gevoelige notitie leest: de consulent van haar dossier en de teamleider van het
/// team van dat dossier. Een gewone notitie leest ieder die contactmomenten mag inzien.
#[derive(Debug, Clone, Copy)]
pub struct Lezer<'a> {
    pub gebruiker_id: i64,
    /// De teams waarvan de lezer teamleider is.
    pub leidt_teams: &'a [i64],
}

pub fn mag_lezen(
    gevoelig: bool,
    dossier_consulent: Option<i64>,
    dossier_team: Option<i64>,
    lezer: Lezer<'_>,
) -> bool {
    !gevoelig
        || dossier_consulent == Some(lezer.gebruiker_id)
        || dossier_team.is_some_and(|t| lezer.leidt_teams.contains(&t))
}

/// De woorden waarop Vangnet in notities zoekt: zonder hoofdletters en accenten
/// ([`zoekvorm`](crate::persoon::naam::zoekvorm)), gesplitst op alles wat geen letter of cijfer
/// is ("100%" → "100", "e-mail" → "e", "mail"), elk woord één keer, hoogstens tien. Een notitie
/// doet mee als elk woord het begin is van een woord in de notitie of de naam van de derde; op
/// PostgreSQL ook als het dezelfde Nederlandse stam heeft ("loonstroken" vindt "loonstrook").
/// Geen woord over (alleen leestekens): een melding.
pub fn zoekwoorden(invoer: &str) -> Result<Vec<String>, String> {
    let vorm = crate::persoon::naam::zoekvorm(invoer);
    let mut woorden: Vec<String> = Vec::new();
    for w in vorm.split(|c: char| !c.is_alphanumeric()) {
        if !w.is_empty() && !woorden.iter().any(|x| x == w) {
            woorden.push(w.to_owned());
        }
    }
    if woorden.is_empty() {
        return Err("Zoek op woorden: letters of cijfers.".into());
    }
    if woorden.len() > 10 {
        return Err("Zoek op hoogstens tien woorden.".into());
    }
    Ok(woorden)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goed() -> Invoer<'static> {
        Invoer {
            kanaal: "telefoon",
            richting: "inkomend",
            beller: "client",
            tekst: "Vraagt wanneer de betaling komt.",
            uitkomst: "beantwoord",
            ..Default::default()
        }
    }

    fn velden(i: &Invoer<'_>) -> Vec<String> {
        match controleer(i) {
            Ok(_) => Vec::new(),
            Err(f) => f.0.into_iter().map(|v| v.veld).collect(),
        }
    }

    /// Issue 8, "Bad input": een lege notitie, terugbellen zonder nummer, een ongeldig nummer,
    /// te lange tekst; HTML blijft tekst (de schil toont het ontsnapt).
    #[test]
    fn controle_per_veld() {
        let lang = "x".repeat(MAX_TEKST + 1);
        let tabel: Vec<(Invoer<'_>, Vec<&str>)> = vec![
            (goed(), vec![]),
            (
                Invoer {
                    tekst: "   ",
                    ..goed()
                },
                vec!["tekst"],
            ),
            (
                Invoer {
                    tekst: &lang,
                    ..goed()
                },
                vec!["tekst"],
            ),
            (
                Invoer {
                    tekst: "<script>alert(1)</script>",
                    ..goed()
                },
                vec![],
            ),
            (
                Invoer {
                    tekst: "a\u{0}b",
                    ..goed()
                },
                vec!["tekst"],
            ),
            (
                Invoer {
                    uitkomst: "terugbellen",
                    ..goed()
                },
                vec!["telefoonnummer"],
            ),
            (
                Invoer {
                    uitkomst: "terugbellen",
                    telefoonnummer: "06-1234",
                    ..goed()
                },
                vec!["telefoonnummer"],
            ),
            (
                Invoer {
                    uitkomst: "terugbellen",
                    telefoonnummer: "06 12345678",
                    ..goed()
                },
                vec![],
            ),
            (
                Invoer {
                    beller: "derde",
                    ..goed()
                },
                vec!["derde_naam"],
            ),
            (
                Invoer {
                    beller: "derde",
                    derde_naam: "J. de Vries (bewindvoerder)",
                    ..goed()
                },
                vec![],
            ),
            (
                Invoer {
                    kanaal: "fax",
                    ..goed()
                },
                vec!["kanaal"],
            ),
            (
                Invoer {
                    duur_minuten: "-3",
                    ..goed()
                },
                vec!["duur_minuten"],
            ),
            (
                Invoer {
                    duur_minuten: "12",
                    ..goed()
                },
                vec![],
            ),
            (
                Invoer {
                    gevoelig: true,
                    ..goed()
                },
                vec!["gevoelig"],
            ),
            (
                Invoer {
                    gevoelig: true,
                    met_dossier: true,
                    ..goed()
                },
                vec![],
            ),
            (
                Invoer {
                    kanaal: "",
                    uitkomst: "",
                    tekst: "",
                    ..goed()
                },
                vec!["kanaal", "uitkomst", "tekst"],
            ),
        ];
        for (invoer, verwacht) in tabel {
            assert_eq!(velden(&invoer), verwacht, "{invoer:?}");
        }
    }

    #[test]
    fn telefoonnummers() {
        let tabel = [
            ("06 12345678", Some("0612345678")),
            ("06-12345678", Some("0612345678")),
            ("(010) 123 45 67", Some("0101234567")),
            ("+31 6 12345678", Some("0612345678")),
            ("+31 (0)6 12345678", Some("0612345678")),
            ("0031612345678", Some("0612345678")),
            ("+32 470 12 34 56", Some("+32470123456")),
            ("0612345", None),
            ("06123456789", None),
            ("6123456789", None),
            ("+31 6 1234", None),
            ("06 1234 567a", None),
            ("+0 12345678", None),
            ("", None),
        ];
        for (invoer, verwacht) in tabel {
            assert_eq!(
                telefoonnummer(invoer).ok().as_deref(),
                verwacht,
                "{invoer:?}"
            );
        }
    }

    /// Issue 8 punt 1: het onderwerp komt uit een lijst die de beheerder inricht.
    #[test]
    fn onderwerpen_inrichten() {
        let goed = onderwerpen_lezen("betaling = Betaling\n\n  schuld_2 = Schulden  \n").unwrap();
        assert_eq!(
            goed,
            vec![
                ("betaling".to_owned(), "Betaling".to_owned()),
                ("schuld_2".to_owned(), "Schulden".to_owned())
            ]
        );
        for fout in [
            "",
            "betaling",
            "Betaling = Hoofdletter",
            "a b = spatie",
            "betaling = ",
            "betaling = een\nbetaling = twee",
        ] {
            assert!(onderwerpen_lezen(fout).is_err(), "{fout:?}");
        }
    }

    /// Issue 8 punt 4: een gevoelige notitie alleen voor de consulent en de teamleider.
    #[test]
    fn wie_een_gevoelige_notitie_leest() {
        let teamleider = [7];
        let tabel = [
            // (gevoelig, consulent, team, lezer, leidt teams, mag)
            (false, Some(1), Some(7), 2, &[][..], true),
            (true, Some(1), Some(7), 1, &[][..], true),
            (true, Some(1), Some(7), 2, &[][..], false),
            (true, Some(1), Some(7), 3, &teamleider[..], true),
            (true, Some(1), Some(8), 3, &teamleider[..], false),
            (true, None, None, 3, &teamleider[..], false),
        ];
        for (gevoelig, consulent, team, id, leidt, mag) in tabel {
            let lezer = Lezer {
                gebruiker_id: id,
                leidt_teams: leidt,
            };
            assert_eq!(
                mag_lezen(gevoelig, consulent, team, lezer),
                mag,
                "{gevoelig} {consulent:?} {team:?} {id}"
            );
        }
    }

    /// Issue 23 punt 4: zoeken in notities is ongevoelig voor hoofdletters en accenten, en
    /// zoekt op woorden (het begin ervan). Aanname zonder bron: hoogstens tien woorden.
    #[test]
    fn zoekwoorden_uit_wat_getypt_is() {
        let tabel: [(&str, Result<Vec<&str>, ()>); 8] = [
            ("Loonstrook", Ok(vec!["loonstrook"])),
            ("  café  Çelik ", Ok(vec!["cafe", "celik"])),
            ("100%", Ok(vec!["100"])),
            ("e-mail e-mail", Ok(vec!["e", "mail"])),
            ("Øresund", Ok(vec!["oresund"])),
            ("%%%", Err(())),
            ("   ", Err(())),
            ("a b c d e f g h i j k", Err(())),
        ];
        for (invoer, verwacht) in tabel {
            let uit = zoekwoorden(invoer);
            match verwacht {
                Ok(w) => assert_eq!(uit.unwrap(), w, "{invoer}"),
                Err(()) => assert!(uit.is_err(), "{invoer}"),
            }
        }
    }
}
