//! SEPA-overboekingen in pain.001.001.03 volgens de Nederlandse implementatierichtlijnen: de
//! toegestane tekens en lengtes, en een schrijver die het bestand stroomsgewijs maakt (één
//! transactie tegelijk, geheugen vlak ongeacht de omvang van de run).
//!
//! Bron: ../shared/reference/sepa-pain.001/FACTS.md: tekenset `a-z A-Z 0-9 / - ? : ( ) . , ' +`
//! en spatie; namen ≤ 70 (EPC), `EndToEndId`/`MsgId`/`PmtInfId` ≤ 35 zonder `/` aan begin of
//! eind en zonder `//`; één `Ustrd` ≤ 140; bedrag 0,01 … 999 999 999,99 met punt; `PmtMtd` TRF,
//! `SvcLvl` SEPA, `ChrgBr` SLEV; `NbOfTxs` en `CtrlSum` in kop en betaalopdracht. Diakrieten
//! worden omgezet (é→e, ë→e, ß→ss), `&` wordt "en"; andere tekens vallen weg.
//!
//! Schrijven gaat naar `std::io::Write` (geen bestand of netwerk hier): de aanroeper kiest waar.

use std::io::{self, Write};

use unicode_normalization::UnicodeNormalization;

use crate::normen::Centen;

/// Het hoogste bedrag van één overboeking: 999 999 999,99 euro.
pub const MAX_BEDRAG: Centen = 99_999_999_999;
pub const MAX_NAAM: usize = 70;
pub const MAX_ID: usize = 35;
pub const MAX_OMSCHRIJVING: usize = 140;

/// De SEPA-tekenset als tabel per byte (de schrijver toetst elke byte van elke transactie).
const TOEGESTAAN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    let extra = b" /-?:().,'+";
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
};

fn toegestaan(c: char) -> bool {
    c.is_ascii() && TOEGESTAAN[c as usize]
}

/// Zet tekst om naar de SEPA-tekenset en kort af op `max` tekens.
pub fn tekst(invoer: &str, max: usize) -> String {
    let mut uit = String::with_capacity(invoer.len().min(max));
    let mut spatie = true; // geen spatie aan het begin
    let mut plaats = |s: &str, uit: &mut String| {
        for c in s.chars() {
            if c == ' ' {
                if spatie {
                    continue;
                }
                spatie = true;
            } else {
                spatie = false;
            }
            uit.push(c);
        }
    };
    for c in invoer.chars() {
        let vervanging: &str = match c {
            'ß' => "ss",
            'æ' => "ae",
            'Æ' => "AE",
            'œ' => "oe",
            'Œ' => "OE",
            'ø' => "o",
            'Ø' => "O",
            'ł' => "l",
            'Ł' => "L",
            'đ' => "d",
            'Đ' => "D",
            'ı' => "i",
            'ĳ' => "ij",
            'Ĳ' => "IJ",
            '&' => "en",
            '_' | '–' | '—' => "-",
            '‘' | '’' | '`' | '´' => "'",
            c if c.is_whitespace() => " ",
            c if toegestaan(c) => {
                plaats(c.encode_utf8(&mut [0; 4]), &mut uit);
                continue;
            }
            c => {
                // Diakrieten: ontbinden en alleen de basisletter houden.
                let basis: String = c.nfd().filter(|x| toegestaan(*x)).collect();
                plaats(&basis, &mut uit);
                continue;
            }
        };
        plaats(vervanging, &mut uit);
    }
    let mut uit: String = uit.trim_end().chars().take(max).collect();
    while uit.ends_with(' ') {
        uit.pop();
    }
    uit
}

/// Een kenmerk (MsgId, PmtInfId, EndToEndId): SEPA-tekens, ≤ 35, geen `/` aan begin of eind en
/// geen `//`.
pub fn kenmerk(invoer: &str) -> String {
    let mut s = tekst(invoer, usize::MAX).replace(' ', "");
    while s.contains("//") {
        s = s.replace("//", "/");
    }
    let s: String = s.trim_matches('/').chars().take(MAX_ID).collect();
    s.trim_end_matches('/').to_owned()
}

/// Is `s` al zoals [`tekst`] het zou maken? Dan kan het zonder omzetting het bestand in (de
/// regels van een betaalrun zijn al omgezet bij het berekenen).
fn al_schoon(s: &str, max: usize) -> bool {
    let b = s.as_bytes();
    if b.len() > max || b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Eén doorloop: elke byte in de tekenset, geen twee spaties achter elkaar.
    let mut vorige = 0u8;
    for &c in b {
        if !TOEGESTAAN[usize::from(c)] || (c == b' ' && vorige == b' ') {
            return false;
        }
        vorige = c;
    }
    true
}

fn kenmerk_schoon(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() > MAX_ID || b.first() == Some(&b'/') || b.last() == Some(&b'/') {
        return false;
    }
    let mut vorige = 0u8;
    for &c in b {
        if !TOEGESTAAN[usize::from(c)] || c == b' ' || (c == b'/' && vorige == b'/') {
            return false;
        }
        vorige = c;
    }
    true
}

/// Schrijft `s` omgezet naar de SEPA-tekenset, zonder kopie als dat niet nodig is.
fn schrijf_tekst(w: &mut Vec<u8>, s: &str, max: usize) {
    if al_schoon(s, max) {
        w.extend_from_slice(s.as_bytes());
    } else {
        w.extend_from_slice(tekst(s, max).as_bytes());
    }
}

fn schrijf_kenmerk(w: &mut Vec<u8>, s: &str) {
    if kenmerk_schoon(s) {
        w.extend_from_slice(s.as_bytes());
    } else {
        w.extend_from_slice(kenmerk(s).as_bytes());
    }
}

/// Schrijft een bedrag (1 … [`MAX_BEDRAG`] centen) als `euro.cc`, zonder `fmt`.
fn schrijf_bedrag(w: &mut Vec<u8>, c: Centen) {
    let mut cijfers = [0u8; 20];
    let mut i = cijfers.len();
    let mut rest = c.unsigned_abs();
    let mut n = 0;
    while rest > 0 || n < 3 {
        i -= 1;
        cijfers[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        n += 1;
        if n == 2 {
            i -= 1;
            cijfers[i] = b'.';
        }
    }
    w.extend_from_slice(&cijfers[i..]);
}

/// Een bedrag zoals SEPA het schrijft: punt, twee decimalen.
pub fn bedrag(c: Centen) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// Wie betaalt: de gemeente, met haar rekening.
#[derive(Debug, Clone)]
pub struct Opdrachtgever {
    pub naam: String,
    pub iban: String,
    /// BIC van de eigen bank; zonder BIC schrijft het bestand `NOTPROVIDED`.
    pub bic: Option<String>,
}

/// De kop van één bestand. Aantal en som staan vooraan in het bestand; de schrijver controleert
/// aan het einde dat de transacties er precies mee overeenkomen.
#[derive(Debug, Clone)]
pub struct Kop {
    pub bericht_id: String,
    /// ISODateTime zonder zone, bijvoorbeeld `2026-01-20T09:30:00`.
    pub aangemaakt: String,
    /// Uitvoeringsdatum `JJJJ-MM-DD`.
    pub uitvoeringsdatum: String,
    pub aantal: u64,
    pub som: Centen,
    pub opdrachtgever: Opdrachtgever,
}

/// Eén overboeking.
#[derive(Debug, Clone)]
pub struct Overboeking<'a> {
    pub kenmerk: &'a str,
    pub bedrag: Centen,
    pub naam: &'a str,
    pub iban: &'a str,
    pub omschrijving: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum Schrijffout {
    #[error("schrijven mislukt: {0}")]
    Io(#[from] io::Error),
    #[error("bedrag {0} centen ligt buiten 0,01 … 999 999 999,99")]
    Bedrag(Centen),
    #[error("het bestand telt {werkelijk_aantal} transacties voor {werkelijk_som} centen, de kop zei {aantal} voor {som}")]
    Telling {
        aantal: u64,
        som: Centen,
        werkelijk_aantal: u64,
        werkelijk_som: Centen,
    },
}

/// Schrijft een pain.001.001.03-bestand met één betaalopdracht (één rekening, één datum).
pub struct Painschrijver<W: Write> {
    uit: W,
    regel: Vec<u8>,
    aantal: u64,
    som: Centen,
    kop: Kop,
}

impl<W: Write> Painschrijver<W> {
    pub fn begin(mut uit: W, kop: Kop) -> Result<Self, Schrijffout> {
        let id = kenmerk(&kop.bericht_id);
        let o = &kop.opdrachtgever;
        let agent = match &o.bic {
            Some(bic) => format!("<BIC>{}</BIC>", kenmerk(bic)),
            None => "<Othr><Id>NOTPROVIDED</Id></Othr>".into(),
        };
        write!(
            uit,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n\
             <CstmrCdtTrfInitn>\n\
             <GrpHdr><MsgId>{id}</MsgId><CreDtTm>{cre}</CreDtTm><NbOfTxs>{n}</NbOfTxs>\
             <CtrlSum>{som}</CtrlSum><InitgPty><Nm>{naam}</Nm></InitgPty></GrpHdr>\n\
             <PmtInf><PmtInfId>{id}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>\
             <NbOfTxs>{n}</NbOfTxs><CtrlSum>{som}</CtrlSum>\
             <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>\
             <ReqdExctnDt>{datum}</ReqdExctnDt><Dbtr><Nm>{naam}</Nm></Dbtr>\
             <DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>\
             <DbtrAgt><FinInstnId>{agent}</FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>\n",
            cre = kenmerk(&kop.aangemaakt),
            n = kop.aantal,
            som = bedrag(kop.som),
            naam = tekst(&o.naam, MAX_NAAM),
            datum = kenmerk(&kop.uitvoeringsdatum),
            iban = kenmerk(&o.iban),
        )?;
        Ok(Painschrijver {
            uit,
            regel: Vec::with_capacity(512),
            aantal: 0,
            som: 0,
            kop,
        })
    }

    pub fn transactie(&mut self, t: &Overboeking<'_>) -> Result<(), Schrijffout> {
        if t.bedrag < 1 || t.bedrag > MAX_BEDRAG {
            return Err(Schrijffout::Bedrag(t.bedrag));
        }
        // De transactie eerst in een eigen buffer en dan in één keer naar de uitvoer: dat
        // scheelt per transactie tien aanroepen door de `Write`-laag.
        let w = &mut self.regel;
        w.clear();
        w.extend_from_slice(b"<CdtTrfTxInf><PmtId><EndToEndId>");
        schrijf_kenmerk(w, t.kenmerk);
        w.extend_from_slice(b"</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">");
        schrijf_bedrag(w, t.bedrag);
        w.extend_from_slice(b"</InstdAmt></Amt><Cdtr><Nm>");
        schrijf_tekst(w, t.naam, MAX_NAAM);
        w.extend_from_slice(b"</Nm></Cdtr><CdtrAcct><Id><IBAN>");
        schrijf_kenmerk(w, t.iban);
        w.extend_from_slice(b"</IBAN></Id></CdtrAcct><RmtInf><Ustrd>");
        schrijf_tekst(w, t.omschrijving, MAX_OMSCHRIJVING);
        w.extend_from_slice(b"</Ustrd></RmtInf></CdtTrfTxInf>\n");
        self.uit.write_all(w)?;
        self.aantal += 1;
        self.som += t.bedrag;
        Ok(())
    }

    /// Sluit het bestand; een verschil met de kop is een fout (het bestand is dan onbruikbaar).
    pub fn einde(mut self) -> Result<W, Schrijffout> {
        self.uit
            .write_all(b"</PmtInf>\n</CstmrCdtTrfInitn>\n</Document>\n")?;
        self.uit.flush()?;
        if self.aantal != self.kop.aantal || self.som != self.kop.som {
            return Err(Schrijffout::Telling {
                aantal: self.kop.aantal,
                som: self.kop.som,
                werkelijk_aantal: self.aantal,
                werkelijk_som: self.som,
            });
        }
        Ok(self.uit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FACTS.md "Character set": alleen `a-z A-Z 0-9 / - ? : ( ) . , ' +` en spatie; diakrieten
    /// omgezet (é→e, ë→e, ß→ss), `&` vervangen.
    #[test]
    fn tekenset_en_lengte() {
        let tabel: &[(&str, usize, &str)] = &[
            ("Noël Çelik", 70, "Noel Celik"),
            ("E. Yılmaz", 70, "E. Yilmaz"),
            ("Straße & Zn", 70, "Strasse en Zn"),
            ("Bjørn Øster", 70, "Bjorn Oster"),
            ("Łukasz Wałęsa", 70, "Lukasz Walesa"),
            ("<script>alert(\"x\")</script>", 70, "scriptalert(x)/script"),
            ("  twee   spaties\tof\ttab  ", 70, "twee spaties of tab"),
            ("J.P. van 't Hof", 70, "J.P. van 't Hof"),
            ("abcdefghij", 4, "abcd"),
            ("ab cd", 3, "ab"),
            ("Ĳsselmeer–Zuid", 70, "IJsselmeer-Zuid"),
        ];
        for (invoer, max, verwacht) in tabel {
            let uit = tekst(invoer, *max);
            assert_eq!(uit, *verwacht, "{invoer}");
            assert!(uit.chars().all(toegestaan), "{uit}");
            assert!(uit.chars().count() <= *max);
        }
    }

    /// FACTS.md "EPC identifier rule": geen `/` aan begin of eind, geen `//`, ≤ 35.
    #[test]
    fn kenmerken() {
        let tabel = [
            ("/VANGNET//2026-01/1/", "VANGNET/2026-01/1"),
            ("VN 2026-01 0000001", "VN2026-010000001"),
            (
                "A234567890123456789012345678901234/X",
                "A234567890123456789012345678901234",
            ),
            (
                "ABCDEFGHIJ/ABCDEFGHIJ/ABCDEFGHIJ/A/B",
                "ABCDEFGHIJ/ABCDEFGHIJ/ABCDEFGHIJ/A",
            ),
        ];
        for (invoer, verwacht) in tabel {
            let k = kenmerk(invoer);
            assert_eq!(k, verwacht, "{invoer}");
            assert!(
                k.len() <= MAX_ID && !k.starts_with('/') && !k.ends_with('/') && !k.contains("//")
            );
        }
    }

    /// De snelle weg (al schone tekst) schrijft precies wat de omzetting zou schrijven.
    #[test]
    fn snelle_weg_is_gelijk_aan_omzetting() {
        for s in [
            "J.P. de Vries",
            "Noël",
            " a",
            "a  b",
            "x/y",
            "/x",
            "a//b",
            "VN202611-2026-000001-R",
            "a ",
            "a b c",
            "x/",
            "a&b",
            "E. Yılmaz",
            "",
        ] {
            let mut a = Vec::new();
            schrijf_tekst(&mut a, s, MAX_NAAM);
            assert_eq!(String::from_utf8(a).unwrap(), tekst(s, MAX_NAAM), "{s}");
            let mut b = Vec::new();
            schrijf_kenmerk(&mut b, s);
            assert_eq!(String::from_utf8(b).unwrap(), kenmerk(s), "{s}");
        }
    }

    /// FACTS.md: bedrag 0.01 … 999999999.99, punt als scheidingsteken.
    #[test]
    fn bedragen() {
        assert_eq!(bedrag(1), "0.01");
        assert_eq!(bedrag(123_456), "1234.56");
        assert_eq!(bedrag(MAX_BEDRAG), "999999999.99");
        // De schrijver formatteert zelf (zonder `fmt`): hetzelfde als `bedrag`.
        for c in [
            1,
            9,
            10,
            99,
            100,
            101,
            1_000,
            123_456,
            100_000_000,
            MAX_BEDRAG,
        ] {
            let mut w = Vec::new();
            schrijf_bedrag(&mut w, c);
            assert_eq!(String::from_utf8(w).unwrap(), bedrag(c), "{c}");
        }
        let kop = Kop {
            bericht_id: "T".into(),
            aangemaakt: "2026-01-20T09:00:00".into(),
            uitvoeringsdatum: "2026-01-23".into(),
            aantal: 1,
            som: MAX_BEDRAG + 1,
            opdrachtgever: Opdrachtgever {
                naam: "Gemeente".into(),
                iban: "NL91ABNA0417164300".into(),
                bic: None,
            },
        };
        let mut w = Painschrijver::begin(Vec::new(), kop).unwrap();
        let t = |b| Overboeking {
            kenmerk: "X",
            bedrag: b,
            naam: "A",
            iban: "NL91ABNA0417164300",
            omschrijving: "o",
        };
        assert!(matches!(
            w.transactie(&t(MAX_BEDRAG + 1)),
            Err(Schrijffout::Bedrag(_))
        ));
        assert!(matches!(w.transactie(&t(0)), Err(Schrijffout::Bedrag(0))));
        w.transactie(&t(MAX_BEDRAG)).unwrap();
        // De kop zei één cent meer: het bestand is onbruikbaar en dat wordt gezegd.
        assert!(matches!(w.einde(), Err(Schrijffout::Telling { .. })));
    }
}
