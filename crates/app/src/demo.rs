//! De demopopulatie: een deterministische, synthetische bevolking om Vangnet te proberen en te
//! meten. Huishoudens van elke soort (alleenstaanden, paren, alleenstaande ouders, medebewoners
//! van verschillende leeftijd en relatie, jongeren, mensen boven de AOW-leeftijd), geldige BSN's
//! uit een testbereik, geldige Nederlandse IBAN's, Rotterdamse adressen en namen, en dossiers in
//! verschillende statussen over teams en consulenten. Plus één demo-account per rol.
//!
//! Alles is synthetisch: geen echte personen. Het BSN-bereik (basis 90 000 000 en verder, met het
//! controlecijfer van de elfproef) is gekozen als testbereik; dat RvIG het als zodanig reserveert
//! is NIET geverifieerd. Laden gebeurt in grote transacties met bulkinvoer, zodat een miljoen
//! huishoudens in minuten gaat.

use chrono::{Datelike, Duration, NaiveDate};
use vangnet_domain::berekening::Relatie;
use vangnet_domain::dossier::{Dossiernummer, Status, Zaaktype};
use vangnet_domain::huishouden::{Medebewonerrelatie, Partnerrelatie, Rol as HuishoudRol};
use vangnet_domain::persoon::naam::zoekvorm;
use vangnet_domain::persoon::{Bsn, Iban};
use vangnet_domain::{tijd, Rol};

use crate::audit::Wijziging;
use crate::beheer::NieuweGebruiker;
use crate::opslag::{
    AdresRij, BankrekeningRij, ContactmomentRij, CorrectieRij, DossierRij, GebeurtenisRij,
    GebruikerRij, Historie, HuishoudenRij, HuishoudlidRij, MaandbedragRij, MutatieRij,
    Personenpartij, PersoonRij, PersoonsgegevensRij, Reeks, TaakRij, UitkeringRij,
    Uitkeringenpartij,
};
use crate::{geheim, Actor, App, AppFout, Context};
use vangnet_domain::bedrag::Bedrag;
use vangnet_domain::betaalrun::Correctiesoort;
use vangnet_domain::contact::{Beller, Kanaal, Richting, Uitkomst as Contactuitkomst};
use vangnet_domain::dossier::Gebeurtenissoort;
use vangnet_domain::werk::Taakstatus;

/// Het wachtwoord van alle demo-accounts.
pub const DEMO_WACHTWOORD: &str = "vangnet-demo";

/// De demo-accounts: gebruikersnaam, naam, rol.
pub const DEMO_ACCOUNTS: [(&str, &str, Rol); 6] = [
    (
        "ondersteuner",
        "Olga Ondersteuner",
        Rol::AdministratiefOndersteuner,
    ),
    ("consulent", "Kees Consulent", Rol::Inkomensconsulent),
    ("teamleider", "Tineke Teamleider", Rol::Teamleider),
    ("handhaving", "Hans Handhaving", Rol::Handhaving),
    ("beheerder", "Bea Beheerder", Rol::FunctioneelBeheerder),
    ("auditor", "Aad Auditor", Rol::Auditor),
];

const TEAMS: [(&str, &str); 4] = [
    ("Noord", "Noord, Hillegersberg-Schiebroek, Prins Alexander"),
    ("Centrum-West", "Centrum, Delfshaven, Overschie"),
    ("Zuid", "Feijenoord, Charlois, IJsselmonde"),
    ("Oost", "Kralingen-Crooswijk, Hoogvliet, Pernis"),
];

/// Postcodegebieden van de demoteams (cijfers van, tot en met, index in `TEAMS`), naar de
/// Rotterdamse wijken bij benadering.
const GEBIEDEN: [(u16, u16, usize); 4] = [
    (3011, 3029, 1),
    (3030, 3059, 0),
    (3060, 3069, 3),
    (3070, 3099, 2),
];

/// Het demoteam van een postcode (cijfers).
fn team_van(pc4: u32) -> usize {
    GEBIEDEN
        .iter()
        .find(|(van, tot, _)| u32::from(*van) <= pc4 && pc4 <= u32::from(*tot))
        .map_or(0, |(_, _, t)| *t)
}

const VOORNAMEN_V: &[&str] = &[
    "Anna", "Fatima", "Sanne", "Emma", "Aylin", "Noor", "Maria", "Yasmina", "Priya", "Lotte",
    "Sara", "Esra", "Naomi", "Ilse", "Kim", "Samira", "Joke", "Ria", "Shanti", "Mirjam",
];
const VOORNAMEN_M: &[&str] = &[
    "Jan", "Mohamed", "Daan", "Mehmet", "Pieter", "Youssef", "Kees", "Ravi", "Thomas", "Ahmed",
    "Bram", "Emre", "Dennis", "Rachid", "Henk", "Joris", "Orlando", "Sven", "Bilal", "Wim",
];
const ACHTERNAMEN: &[(&str, &str)] = &[
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("van", "Dijk"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Yılmaz"),
    ("", "El Amrani"),
    ("", "Öztürk"),
    ("", "Bouzid"),
    ("", "Ramdin"),
    ("", "Kartosen"),
    ("", "Çelik"),
    ("", "Benali"),
    ("van der", "Linden"),
    ("'t", "Hart"),
];
const STRATEN: &[(&str, u32)] = &[
    ("Coolsingel", 3011),
    ("Zwaanshals", 3035),
    ("Beijerlandselaan", 3074),
    ("Kruiskade", 3012),
    ("Nieuwe Binnenweg", 3014),
    ("Zuidplein", 3083),
    ("Vreewijkstraat", 3074),
    ("Schiedamseweg", 3026),
    ("Groene Hilledijk", 3075),
    ("Oudedijk", 3061),
    ("Goudsesingel", 3031),
    ("Bergweg", 3036),
    ("Mathenesserlaan", 3021),
    ("Putselaan", 3072),
    ("Slinge", 3085),
    ("Hesseplaats", 3069),
    ("Boergoensevliet", 3082),
    ("Crooswijkseweg", 3034),
];
const BANKEN: &[&str] = &[
    "ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ",
];

/// SplitMix64: klein, snel en op elke machine en in elke versie hetzelfde.
struct Toeval(u64);

impl Toeval {
    fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn onder(&mut self, n: u64) -> u64 {
        self.volgende() % n.max(1)
    }

    fn kies<'a, T>(&mut self, lijst: &'a [T]) -> &'a T {
        &lijst[self.onder(lijst.len() as u64) as usize]
    }

    fn procent(&mut self, p: u64) -> bool {
        self.onder(100) < p
    }
}

/// Wat er geladen is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoUitkomst {
    pub huishoudens: u64,
    pub personen: u64,
    pub dossiers: u64,
    pub taken: u64,
    pub consulenten: u64,
    pub uitkeringen: u64,
}

struct Persoon {
    voornamen: String,
    voorvoegsel: String,
    geslachtsnaam: String,
    geboren: NaiveDate,
    rol: HuishoudRol,
}

/// De rijen van één partij huishoudens, per aggregaat, voor één transactie.
#[derive(Default)]
struct Partij {
    personen: Personenpartij,
    dossiers: Vec<DossierRij>,
    gebeurtenissen: Vec<GebeurtenisRij>,
    taken: Vec<TaakRij>,
    uitkeringen: Uitkeringenpartij,
    contactmomenten: Vec<ContactmomentRij>,
}

/// Eén demomutatie: ingang, einde, gegevens, wanneer ze bekend werd, en waarom.
struct Demomutatie {
    soort: vangnet_domain::uitkering::Mutatiesoort,
    ingang: NaiveDate,
    einde: Option<NaiveDate>,
    gegevens: crate::uitkeringen::Gegevens,
    bekend: NaiveDate,
    reden: &'static str,
}

/// De eerste dag van een willekeurige maand tussen `van` en `tot` (beide meegerekend).
fn maand_tussen(r: &mut Toeval, van: NaiveDate, tot: NaiveDate) -> Option<NaiveDate> {
    let van = van.with_day(1)?;
    let tot = tot.with_day(1)?;
    let maanden = (tot.year() - van.year()) * 12 + tot.month() as i32 - van.month() as i32;
    if maanden < 0 {
        return None;
    }
    van.checked_add_months(chrono::Months::new(r.onder(maanden as u64 + 1) as u32))
}

/// Mutaties op een demo-uitkering, realistisch gespreid: inkomen (soms met vrijlating, soms pas
/// later gemeld, dus met terugwerkende kracht), een verlaging, een opschorting die nu loopt, een
/// beëindiging.
fn demomutaties(
    r: &mut Toeval,
    begin: NaiveDate,
    vandaag: NaiveDate,
    aanvrager: NaiveDate,
) -> Vec<Demomutatie> {
    use crate::uitkeringen::Gegevens;
    use vangnet_domain::berekening::{Inkomenssoort, Vrijlatingssoort, Wie};
    use vangnet_domain::uitkering::Mutatiesoort;
    let mut uit = Vec::new();
    let volgende = begin
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(begin);
    if r.procent(30) {
        if let Some(ingang) = maand_tussen(r, volgende, vandaag) {
            let soort = match r.onder(10) {
                0..=5 => Inkomenssoort::Arbeid,
                6 | 7 => Inkomenssoort::Alimentatie,
                _ => Inkomenssoort::Uitkering,
            };
            // Een kwart wordt pas weken later gemeld: de al betaalde maanden krijgen een correctie.
            let deze_maand = vandaag.with_day(1).unwrap_or(vandaag);
            let achteraf = r.procent(15) && ingang < deze_maand;
            let bekend = if achteraf {
                vandaag - Duration::days(r.onder(20) as i64)
            } else {
                ingang.max(begin)
            };
            uit.push(Demomutatie {
                soort: Mutatiesoort::InkomenStart,
                ingang,
                einde: None,
                gegevens: Gegevens::Inkomen {
                    inkomenssoort: soort,
                    netto_centen: 15_000 + 500 * r.onder(150) as i64,
                    van: Wie::Aanvrager,
                    vakantietoeslag_centen: 0,
                },
                bekend,
                reden: if achteraf {
                    "Loonstrook later ontvangen (demo)"
                } else {
                    "Inkomen gemeld (demo)"
                },
            });
            // Een deel stopt later weer; de helft daarvan wordt pas achteraf gemeld: nabetaling.
            let na = ingang
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(ingang);
            if r.procent(20) {
                if let Some(stop) = maand_tussen(r, na, vandaag) {
                    let laat = r.procent(50) && stop < deze_maand;
                    uit.push(Demomutatie {
                        soort: Mutatiesoort::InkomenStop,
                        ingang: stop,
                        einde: None,
                        gegevens: Gegevens::InkomenStop {
                            inkomenssoort: soort,
                            van: Wie::Aanvrager,
                        },
                        bekend: if laat {
                            vandaag - Duration::days(r.onder(10) as i64)
                        } else {
                            stop.max(bekend)
                        },
                        reden: "Inkomen gestopt (demo)",
                    });
                }
            }
            if soort == Inkomenssoort::Arbeid
                && vangnet_domain::persoon::Geboortedatum(aanvrager).leeftijd_op(ingang) >= 27
                && r.procent(50)
            {
                uit.push(Demomutatie {
                    soort: Mutatiesoort::VrijlatingToegekend,
                    ingang,
                    einde: None,
                    gegevens: Gegevens::Vrijlating {
                        vrijlating: Vrijlatingssoort::Arbeid,
                        van: Wie::Aanvrager,
                    },
                    bekend,
                    reden: "Vrijlating inkomsten uit arbeid (demo)",
                });
            }
        }
    }
    if r.procent(5) {
        if let Some(ingang) = maand_tussen(r, volgende, vandaag) {
            let einde = ingang.checked_add_months(chrono::Months::new(1 + r.onder(3) as u32));
            uit.push(Demomutatie {
                soort: Mutatiesoort::Verlaging,
                ingang,
                einde,
                gegevens: Gegevens::Verlaging {
                    procent: *r.kies(&[10, 20, 30, 100]),
                },
                bekend: ingang.max(begin),
                reden: "Verlaging wegens verwijtbaar gedrag (demo)",
            });
        }
    }
    if r.procent(2) && begin < vandaag - Duration::days(30) {
        let ingang = vandaag - Duration::days(r.onder(20) as i64);
        uit.push(Demomutatie {
            soort: Mutatiesoort::Opschorting,
            ingang,
            einde: Some(ingang + Duration::weeks(8)),
            gegevens: Gegevens::Opschorting {
                hersteltermijn: Some(ingang + Duration::weeks(2)),
            },
            bekend: ingang,
            reden: "Gegevens niet geleverd, art. 54 lid 1 (demo)",
        });
    }
    if r.procent(4) {
        let vanaf = volgende
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(volgende);
        // Tot en met de eerste van volgende maand: een deel eindigt deze maand (de betaalrun
        // van deze maand betaalt dan de vakantietoeslag uit).
        let tot = vandaag
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(vandaag);
        if let Some(ingang) = maand_tussen(r, vanaf, tot) {
            uit.push(Demomutatie {
                soort: Mutatiesoort::Beeindiging,
                ingang,
                einde: None,
                gegevens: Gegevens::Beeindiging {
                    reden: (*r.kies(&["werk", "verhuisd", "overleden", "detentie", "anders"]))
                        .to_owned(),
                },
                bekend: ingang.min(vandaag),
                reden: "Einde bijstand (demo)",
            });
        }
    }
    uit
}

/// Vragen aan de telefoon in de demo: (onderwerp, notitie).
const CONTACTVRAGEN: &[(&str, &str)] = &[
    (
        "betaling",
        "Vraagt wanneer de bijstand deze maand wordt betaald; betaaldatum genoemd.",
    ),
    (
        "inkomen",
        "Heeft de loonstrook van vorige maand opgestuurd en vraagt of die binnen is.",
    ),
    (
        "wijziging",
        "Geeft door dat de oudste dochter volgende maand op kamers gaat.",
    ),
    (
        "documenten",
        "Vraagt welke stukken nog ontbreken; de lijst voorgelezen.",
    ),
    (
        "vordering",
        "Vraagt om een betalingsregeling voor de terugvordering.",
    ),
    (
        "aanvraag",
        "Vraagt naar de stand van de aanvraag; de beslistermijn uitgelegd.",
    ),
    (
        "klacht",
        "Ontevreden dat de consulent slecht bereikbaar is; excuses gemaakt.",
    ),
];

/// Een contactmoment in de demo (telefoon, inkomend, met de cliënt).
#[allow(clippy::too_many_arguments)]
fn contactrij(
    id: i64,
    persoon: i64,
    dossier: i64,
    onderwerp: &str,
    tekst: &str,
    uitkomst: Contactuitkomst,
    telefoonnummer: Option<&str>,
    tijdstip: chrono::DateTime<chrono::Utc>,
    door: i64,
    taak: Option<i64>,
) -> ContactmomentRij {
    ContactmomentRij {
        id,
        persoon_id: Some(persoon),
        dossier_id: Some(dossier),
        kanaal: Kanaal::Telefoon,
        richting: Richting::Inkomend,
        beller: Beller::Client,
        derde_naam: None,
        onderwerp: onderwerp.into(),
        tekst: tekst.into(),
        uitkomst,
        telefoonnummer: telefoonnummer.map(str::to_owned),
        tijdstip,
        duur_minuten: None,
        gevoelig: false,
        geregistreerd_door: door,
        door: String::new(),
        taak_id: taak,
        vervolg_op: None,
        gekoppeld_op: None,
        versie: 1,
    }
}

/// Een geboortedatum voor iemand van `min`–`max` jaar op `vandaag`.
fn geboren(r: &mut Toeval, vandaag: NaiveDate, min: i64, max: i64) -> NaiveDate {
    // Ruim binnen [min, max] jaar, ook met schrikkeldagen, en de verjaardag van `min` jaar
    // ligt vóór het begin van deze maand (de berekening toetst leeftijden per maand).
    let laagste = min * 366 + 32;
    let hoogste = (max + 1) * 365 - 2;
    let dagen = laagste + r.onder((hoogste - laagste).max(1) as u64) as i64;
    vandaag - Duration::days(dagen)
}

fn persoon(
    r: &mut Toeval,
    vandaag: NaiveDate,
    achternaam: (&str, &str),
    min: i64,
    max: i64,
    rol: HuishoudRol,
) -> Persoon {
    let lijst = if r.procent(50) {
        VOORNAMEN_V
    } else {
        VOORNAMEN_M
    };
    let mut voornamen = r.kies(lijst).to_string();
    if r.procent(40) {
        voornamen.push(' ');
        voornamen.push_str(r.kies::<&str>(lijst));
    }
    Persoon {
        voornamen,
        voorvoegsel: achternaam.0.into(),
        geslachtsnaam: achternaam.1.into(),
        geboren: geboren(r, vandaag, min, max),
        rol,
    }
}

/// Eén huishouden van een willekeurige soort.
fn huishouden(r: &mut Toeval, vandaag: NaiveDate) -> Vec<Persoon> {
    let naam = *r.kies(ACHTERNAMEN);
    let soort = r.onder(100);
    let partnerrelatie = *r.kies(&Partnerrelatie::ALLE);
    let mut leden = Vec::new();
    let kinderen = |r: &mut Toeval, leden: &mut Vec<Persoon>, n: u64| {
        for _ in 0..n {
            leden.push(persoon(r, vandaag, naam, 0, 17, HuishoudRol::Kind));
        }
    };
    match soort {
        // Alleenstaande, 21 tot AOW-leeftijd.
        0..=39 => leden.push(persoon(r, vandaag, naam, 21, 66, HuishoudRol::Aanvrager)),
        // Jongere, 18–20.
        40..=44 => leden.push(persoon(r, vandaag, naam, 18, 20, HuishoudRol::Aanvrager)),
        // Alleenstaande ouder.
        45..=56 => {
            leden.push(persoon(r, vandaag, naam, 20, 55, HuishoudRol::Aanvrager));
            let n = 1 + r.onder(3);
            kinderen(r, &mut leden, n);
        }
        // Paar zonder kinderen.
        57..=68 => {
            leden.push(persoon(r, vandaag, naam, 21, 66, HuishoudRol::Aanvrager));
            let partner = *r.kies(ACHTERNAMEN);
            leden.push(persoon(
                r,
                vandaag,
                partner,
                21,
                66,
                HuishoudRol::Partner(partnerrelatie),
            ));
        }
        // Paar met kinderen.
        69..=80 => {
            leden.push(persoon(r, vandaag, naam, 23, 55, HuishoudRol::Aanvrager));
            let partner = *r.kies(ACHTERNAMEN);
            leden.push(persoon(
                r,
                vandaag,
                partner,
                23,
                55,
                HuishoudRol::Partner(partnerrelatie),
            ));
            let n = 1 + r.onder(4);
            kinderen(r, &mut leden, n);
        }
        // Met medebewoners (kostendelers of niet).
        81..=92 => {
            leden.push(persoon(r, vandaag, naam, 21, 66, HuishoudRol::Aanvrager));
            let n = 1 + r.onder(2);
            for _ in 0..n {
                let relatie = *r.kies(&Medebewonerrelatie::ALLE);
                let (min, max) = match relatie {
                    Medebewonerrelatie::Student => (18, 26),
                    Medebewonerrelatie::Familie => (18, 80),
                    _ => (21, 70),
                };
                let achternaam = if relatie == Medebewonerrelatie::Familie {
                    naam
                } else {
                    *r.kies(ACHTERNAMEN)
                };
                leden.push(persoon(
                    r,
                    vandaag,
                    achternaam,
                    min,
                    max,
                    HuishoudRol::Medebewoner(relatie),
                ));
            }
        }
        // Boven de AOW-leeftijd, alleen of met partner.
        _ => {
            leden.push(persoon(r, vandaag, naam, 68, 90, HuishoudRol::Aanvrager));
            if r.procent(40) {
                let partner = *r.kies(ACHTERNAMEN);
                leden.push(persoon(
                    r,
                    vandaag,
                    partner,
                    60,
                    88,
                    HuishoudRol::Partner(partnerrelatie),
                ));
            }
        }
    }
    leden
}

/// Hoe de demopopulatie afwijkt van de gewone: voor metingen die een bepaald pad willen
/// belasten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demovorm {
    /// Het percentage aanvragers en partners zonder bankrekening (gewoon 1): bij 100 houdt de
    /// betaalrun elke betaling vast en maakt het goedkeuren een taak per dossier.
    pub zonder_rekening_procent: u64,
}

impl Default for Demovorm {
    fn default() -> Self {
        Demovorm {
            zonder_rekening_procent: 1,
        }
    }
}

impl App {
    /// Laadt `aantal` huishoudens (en de demo-accounts en teams) in een lege database.
    /// `voortgang(klaar, totaal)` wordt na elke transactie aangeroepen.
    pub async fn demo_laden(
        &self,
        aantal: u64,
        zaad: u64,
        voortgang: impl FnMut(u64, u64) + Send,
    ) -> Result<DemoUitkomst, AppFout> {
        self.demo_laden_met(aantal, zaad, Demovorm::default(), voortgang)
            .await
    }

    /// Het hoogste taaknummer tot nu toe (geen persoonsgegevens): metingen tellen zo hoeveel
    /// taken een stap maakte.
    pub async fn hoogste_taak_id(&self) -> Result<u64, AppFout> {
        let mut tx = self.opslag.lees().await?;
        let id = tx.hoogste_id(Reeks::Taken).await?;
        tx.afsluiten().await?;
        Ok(u64::try_from(id).unwrap_or(0))
    }

    /// Als [`App::demo_laden`], in de gegeven vorm.
    pub async fn demo_laden_met(
        &self,
        aantal: u64,
        zaad: u64,
        vorm: Demovorm,
        mut voortgang: impl FnMut(u64, u64) + Send,
    ) -> Result<DemoUitkomst, AppFout> {
        let ctx = Context::nieuw(Actor::Systeem { via: "demo" }, geheim::operatie_id());
        let nu = self.klok.nu();
        let vandaag = tijd::nl_lokaal(nu).date();
        {
            let mut tx = self.opslag.lees().await?;
            if tx.aantal_gebruikers().await? > 0 || tx.hoogste_id(Reeks::Personen).await? > 0 {
                return Err(AppFout::Conflict(
                    "De demopopulatie laadt alleen in een lege database (zonder gebruikers en personen).".into(),
                ));
            }
            tx.afsluiten().await?;
        }

        // Accounts en teams, via de gewone use cases (met audit).
        let mut consulenten: Vec<(i64, usize)> = Vec::new();
        let mut teams = Vec::new();
        for (naam, omschrijving) in TEAMS {
            teams.push(self.team_aanmaken(&ctx, naam, omschrijving).await?);
        }
        let hash = geheim::hash_wachtwoord(DEMO_WACHTWOORD)?;
        let mut accounts = Vec::new();
        for (gebruikersnaam, naam, rol) in DEMO_ACCOUNTS {
            accounts.push((gebruikersnaam.to_owned(), naam.to_owned(), rol));
        }
        for (i, _) in TEAMS.iter().enumerate() {
            for j in 1..=4 {
                let achternaam = ACHTERNAMEN[(i * 7 + j * 3) % ACHTERNAMEN.len()];
                let voornaam = VOORNAMEN_V[(i * 5 + j) % VOORNAMEN_V.len()];
                let volledig = [voornaam, achternaam.0, achternaam.1]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                accounts.push((
                    format!("consulent{}{j}", i + 1),
                    volledig,
                    Rol::Inkomensconsulent,
                ));
            }
        }
        // Wie in de demo de telefoon opneemt.
        let mut ondersteuner = 0;
        for (nr, (gebruikersnaam, naam, rol)) in accounts.iter().enumerate() {
            let (id, _) = self
                .gebruiker_aanmaken(
                    &ctx,
                    &NieuweGebruiker {
                        gebruikersnaam: gebruikersnaam.clone(),
                        volledige_naam: naam.clone(),
                        rollen: vec![rol.code().to_owned()],
                    },
                )
                .await?;
            let mut tx = self.systeemhandeling("demo", &ctx.operatie_id).await?;
            let mut g: GebruikerRij = tx
                .gebruiker_op_id(id)
                .await?
                .ok_or_else(|| AppFout::Intern("demo-account".into()))?;
            g.wachtwoord_hash = hash.clone();
            g.moet_wachtwoord_wijzigen = false;
            g.versie += 1;
            tx.gebruiker_bijwerken(&g).await?;
            let team = if nr < DEMO_ACCOUNTS.len() {
                0
            } else {
                (nr - DEMO_ACCOUNTS.len()) / 4
            };
            if *rol == Rol::Teamleider {
                // De demoteamleider leidt alle teams (dashboard en meldingen van elk team).
                for t in &teams {
                    tx.teamlid_toevoegen(*t, id).await?;
                }
            } else if matches!(
                rol,
                Rol::Inkomensconsulent | Rol::AdministratiefOndersteuner
            ) {
                tx.teamlid_toevoegen(teams[team], id).await?;
            }
            if *rol == Rol::Inkomensconsulent {
                consulenten.push((id, team));
            }
            if *rol == Rol::AdministratiefOndersteuner {
                ondersteuner = id;
            }
            tx.commit().await?;
        }

        // Postcodegebieden, en bij een grote bevolking meer consulenten per team (één per
        // 2 000 huishoudens, zodat 1 000 000 huishoudens 500 consulenten geven), in bulk.
        {
            let mut tx = self.systeemhandeling("demo", &ctx.operatie_id).await?;
            let gebieden: Vec<crate::opslag::PostcodegebiedRij> = GEBIEDEN
                .iter()
                .map(|(van, tot, t)| crate::opslag::PostcodegebiedRij {
                    id: 0,
                    van: i64::from(*van),
                    tot_en_met: i64::from(*tot),
                    team_id: teams[*t],
                    team: TEAMS[*t].0.into(),
                })
                .collect();
            tx.postcodegebieden_vervangen(&gebieden).await?;
            let per_team = (aantal / 2_000 / TEAMS.len() as u64).max(4);
            let mut id = tx.hoogste_id(Reeks::Gebruikers).await?;
            let (mut gebruikers, mut leden) = (Vec::new(), Vec::new());
            for (i, team) in teams.iter().enumerate() {
                for j in 5..=per_team {
                    id += 1;
                    let j = j as usize;
                    let achternaam = ACHTERNAMEN[(i * 7 + j * 3) % ACHTERNAMEN.len()];
                    let voornaam = VOORNAMEN_M[(i * 5 + j) % VOORNAMEN_M.len()];
                    let volledig = [voornaam, achternaam.0, achternaam.1]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    gebruikers.push(GebruikerRij {
                        id,
                        gebruikersnaam: format!("consulent{}{j}", i + 1),
                        volledige_naam: volledig,
                        wachtwoord_hash: hash.clone(),
                        moet_wachtwoord_wijzigen: false,
                        geblokkeerd: false,
                        rollen: vec![Rol::Inkomensconsulent],
                        versie: 1,
                        aangemaakt_op: nu,
                        gewijzigd_op: nu,
                    });
                    leden.push((*team, id));
                    consulenten.push((id, i));
                }
            }
            tx.gebruikers_bulk_invoegen(gebruikers, leden).await?;
            tx.commit().await?;
        }
        let per_team: Vec<Vec<i64>> = (0..TEAMS.len())
            .map(|i| {
                consulenten
                    .iter()
                    .filter(|(_, t)| *t == i)
                    .map(|(c, _)| *c)
                    .collect()
            })
            .collect();

        // De bevolking, in partijen van 5 000 huishoudens per transactie.
        let mut r = Toeval(zaad);
        let mut uit = DemoUitkomst {
            consulenten: consulenten.len() as u64,
            ..Default::default()
        };
        let mut tx = self.opslag.lees().await?;
        let mut ids = [
            tx.hoogste_id(Reeks::Personen).await?,
            tx.hoogste_id(Reeks::Persoonsgegevens).await?,
            tx.hoogste_id(Reeks::Adressen).await?,
            tx.hoogste_id(Reeks::Huishoudens).await?,
            tx.hoogste_id(Reeks::Dossiers).await?,
            tx.hoogste_id(Reeks::Uitkeringen).await?,
            tx.hoogste_id(Reeks::Mutaties).await?,
            tx.hoogste_id(Reeks::Taken).await?,
            tx.hoogste_id(Reeks::Contactmomenten).await?,
        ];
        // Elk feit is geregistreerd bij het laden van de demo.
        let hist = |vanaf: NaiveDate| Historie {
            geldig_vanaf: vanaf,
            geldig_tot: None,
            geregistreerd_op: nu,
            vervallen_op: None,
            operatie_id: ctx.operatie_id.clone(),
        };
        let tabellen = self.geldende_normtabellen(tx.as_mut()).await?;
        tx.afsluiten().await?;
        let mut bsn_basis: u32 = 90_000_000;
        let mut nummers: std::collections::BTreeMap<i32, i64> = Default::default();
        let statussen = [
            (Status::Ontvangen, 7u64),
            (Status::InBehandeling, 10),
            (Status::Besloten, 70),
            (Status::Afgesloten, 9),
            (Status::Ingetrokken, 2),
            (Status::BuitenBehandeling, 2),
        ];
        let mut klaar = 0;
        while klaar < aantal {
            let deze = (aantal - klaar).min(5_000);
            let mut p = Partij::default();
            for _ in 0..deze {
                ids[3] += 1;
                let huishouden_id = ids[3];
                p.personen.huishoudens.push(HuishoudenRij {
                    id: huishouden_id,
                    aangemaakt_op: nu,
                });
                let leden = huishouden(&mut r, vandaag);
                let (straat, pc4) = *r.kies(STRATEN);
                let cijfers = pc4 + r.onder(9) as u32;
                let postcode = format!(
                    "{}{}{}",
                    cijfers,
                    (b'A' + r.onder(26) as u8) as char,
                    (b'A' + r.onder(18) as u8) as char
                );
                let huisnummer = 1 + r.onder(250) as i64;
                // Bijstand vanaf de maand na de 18e verjaardag (art. 13 lid 3 Pw; de berekening
                // toetst de leeftijd op de eerste van de maand).
                let achttien = leden
                    .iter()
                    .find(|l| l.rol == HuishoudRol::Aanvrager)
                    .and_then(|l| {
                        l.geboren
                            .with_day(1)?
                            .checked_add_months(chrono::Months::new(18 * 12 + 1))
                    })
                    .unwrap_or(NaiveDate::MIN);
                let ontvangen = (vandaag - Duration::days(1 + r.onder(720) as i64)).max(achttien);
                let mut client = 0;
                for lid in &leden {
                    // Een kind dat na de aanvraag geboren is, hoort er pas vanaf zijn geboorte bij
                    // (en woont er pas dan) (issue 17, punt 14).
                    let vanaf = ontvangen.max(lid.geboren);
                    let bsn = loop {
                        bsn_basis += 1;
                        if let Some(b) = Bsn::met_controlecijfer(bsn_basis) {
                            break b;
                        }
                    };
                    ids[0] += 1;
                    let pid = ids[0];
                    p.personen.personen.push(PersoonRij {
                        id: pid,
                        bsn: bsn.getal(),
                        versie: 1,
                        aangemaakt_op: nu,
                    });
                    ids[1] += 1;
                    p.personen.gegevens.push(PersoonsgegevensRij {
                        id: ids[1],
                        persoon_id: pid,
                        voornamen: lid.voornamen.clone(),
                        voorvoegsel: lid.voorvoegsel.clone(),
                        geslachtsnaam: lid.geslachtsnaam.clone(),
                        zoeknaam: zoekvorm(&lid.geslachtsnaam),
                        zoeknaam_volledig: zoekvorm(&format!(
                            "{} {}",
                            lid.voorvoegsel, lid.geslachtsnaam
                        )),
                        geboortedatum: lid.geboren,
                        historie: hist(lid.geboren),
                    });
                    ids[2] += 1;
                    p.personen.adressen.push(AdresRij {
                        id: ids[2],
                        persoon_id: pid,
                        straat: straat.to_owned(),
                        huisnummer,
                        huisletter: None,
                        toevoeging: None,
                        postcode: postcode.clone(),
                        woonplaats: "Rotterdam".into(),
                        historie: hist(vanaf),
                    });
                    p.personen.leden.push(HuishoudlidRij {
                        id: 0,
                        huishouden_id,
                        persoon_id: pid,
                        rol: lid.rol,
                        historie: hist(vanaf),
                    });
                    if lid.rol == HuishoudRol::Aanvrager {
                        client = pid;
                    }
                    // Aanvrager en partner hebben elk een rekening: bij gehuwden gaat de
                    // bijstand voor de helft naar ieder (art. 45 lid 4).
                    if matches!(lid.rol, HuishoudRol::Aanvrager | HuishoudRol::Partner(_)) {
                        let iban = Iban::nederlands(r.kies::<&str>(BANKEN), r.onder(9_999_999_999))
                            .map(|i| i.as_str().to_owned())
                            .unwrap_or_default();
                        let voorletters: String = lid
                            .voornamen
                            .split_whitespace()
                            .filter_map(|v| v.chars().next())
                            .map(|c| format!("{c}."))
                            .collect();
                        let tenaam = [voorletters.as_str(), &lid.voorvoegsel, &lid.geslachtsnaam]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" ");
                        // Bij één op de honderd ontbreekt de rekening nog: de betaalrun houdt de
                        // betaling vast en maakt een taak.
                        if r.procent(vorm.zonder_rekening_procent) {
                            continue;
                        }
                        p.personen.rekeningen.push(BankrekeningRij {
                            id: 0,
                            persoon_id: pid,
                            iban,
                            tenaamstelling: tenaam,
                            historie: hist(ontvangen),
                        });
                    }
                }
                uit.personen += leden.len() as u64;
                // Het dossier, met status naar leeftijd van de aanvraag en een consulent van het team.
                let mut keuze = r.onder(100);
                let mut status = Status::Ontvangen;
                for (s, kans) in statussen {
                    if keuze < kans {
                        status = s;
                        break;
                    }
                    keuze -= kans;
                }
                if (vandaag - ontvangen).num_days() < 14 {
                    status = Status::Ontvangen;
                }
                // Een open aanvraag ligt rond vandaag (issue 21): de meeste op tijd, een deel op
                // risico, een paar te laat (de beslistermijn is acht weken), niet 600 dagen oud.
                // Zonder nieuwe trekking, zodat de rest van de bevolking gelijk blijft.
                // Een nieuwe aanvraag (nog geen voorschot, termijn vier weken) is jonger dan een
                // die in behandeling is (beslistermijn acht weken).
                let grens = if status == Status::Ontvangen { 32 } else { 63 };
                let ontvangen = if status.open() && (vandaag - ontvangen).num_days() > grens {
                    vandaag - Duration::days(1 + (vandaag - ontvangen).num_days() % grens)
                } else {
                    ontvangen
                };
                let team = team_van(cijfers);
                let consulent = if status == Status::Ontvangen && r.procent(30) {
                    None
                } else {
                    Some(*r.kies(&per_team[team]))
                };
                let jaar = ontvangen.year();
                let nr = nummers.entry(jaar).or_insert(0);
                *nr += 1;
                ids[4] += 1;
                let nummer = Dossiernummer::nieuw(jaar, *nr);
                p.dossiers.push(DossierRij {
                    id: ids[4],
                    nummer: nummer.as_str().to_owned(),
                    huishouden_id,
                    client_id: client,
                    zaaktype: Zaaktype::AanvraagLevensonderhoud,
                    status,
                    ontvangen_op: ontvangen,
                    team_id: Some(teams[team]),
                    consulent_id: consulent,
                    versie: 1,
                    aangemaakt_op: nu,
                    gewijzigd_op: nu,
                    gemeld_op: ontvangen,
                });
                let taken = demotaken(&mut r, status, ontvangen, vandaag);
                for (soort, begin, gereed_op, omschrijving) in taken {
                    let norm = soort.standaardnorm();
                    let deadline = norm.deadline(begin);
                    let open = gereed_op.is_none();
                    ids[7] += 1;
                    if soort == vangnet_domain::werk::Taaksoort::Terugbellen {
                        // Het telefoontje waaruit het terugbelverzoek kwam.
                        let (onderwerp, vraag) = *r.kies(CONTACTVRAGEN);
                        let nummer_tel = format!("06{:08}", r.onder(100_000_000));
                        ids[8] += 1;
                        p.contactmomenten.push(contactrij(
                            ids[8],
                            client,
                            ids[4],
                            onderwerp,
                            &format!("{vraag} Wil de consulent spreken; graag terugbellen."),
                            Contactuitkomst::Terugbellen,
                            Some(&nummer_tel),
                            (tijd::begin_nl_dag(begin)
                                + Duration::minutes(9 * 60 + r.onder(480) as i64))
                            .min(nu),
                            ondersteuner,
                            Some(ids[7]),
                        ));
                    }
                    p.taken.push(TaakRij {
                        id: ids[7],
                        soort,
                        omschrijving: format!("{omschrijving} {nummer}"),
                        dossier_id: Some(ids[4]),
                        persoon_id: Some(client),
                        aangemaakt_op: nu,
                        begindatum: begin,
                        deadline,
                        risico_vanaf: vangnet_domain::werk::risico_vanaf(
                            deadline,
                            norm.waarschuwen_werkdagen,
                        ),
                        wettelijk: norm.wettelijk(),
                        waarschuwen_werkdagen: i64::from(norm.waarschuwen_werkdagen),
                        team_id: Some(teams[team]),
                        gebruiker_id: consulent,
                        status: if !open {
                            Taakstatus::Gereed
                        } else if r.procent(30) {
                            Taakstatus::InBehandeling
                        } else {
                            Taakstatus::Open
                        },
                        prioriteit: 0,
                        // De achterstand van vóór de demo geldt als al gemeld.
                        te_laat_gemeld: open && deadline < vandaag,
                        gereed_op: gereed_op.map(|d| tijd::begin_nl_dag(d) + Duration::hours(12)),
                        versie: 1,
                    });
                }
                // Eerder contact: een derde van de cliënten belde of kwam langs.
                if r.procent(33) {
                    for _ in 0..1 + r.onder(3) {
                        let (onderwerp, vraag) = *r.kies(CONTACTVRAGEN);
                        let dagen = (vandaag - ontvangen).num_days().max(0) as u64;
                        let dag_van = vandaag - Duration::days(r.onder(dagen + 1) as i64);
                        ids[8] += 1;
                        p.contactmomenten.push(contactrij(
                            ids[8],
                            client,
                            ids[4],
                            onderwerp,
                            vraag,
                            Contactuitkomst::Beantwoord,
                            None,
                            (tijd::begin_nl_dag(dag_van)
                                + Duration::minutes(9 * 60 + r.onder(480) as i64))
                            .min(nu),
                            ondersteuner,
                            None,
                        ));
                    }
                }
                // Een besloten aanvraag heeft een lopende uitkering vanaf de ontvangst, met de
                // bedragen per maand; maanden vóór deze maand gelden als betaald (de historie van
                // vóór Vangnet).
                if status == Status::Besloten {
                    ids[5] += 1;
                    let besluit =
                        (ontvangen + Duration::days(20 + r.onder(30) as i64)).min(vandaag);
                    p.uitkeringen.uitkeringen.push(UitkeringRij {
                        id: ids[5],
                        dossier_id: ids[4],
                        begindatum: ontvangen,
                        einddatum: None,
                        einde_reden: None,
                        besluit_datum: besluit,
                        besluit_door: "systeem (demo)".into(),
                        besluit_inhoud: "Algemene bijstand toegekend (demopopulatie)".into(),
                        grondslag: "Participatiewet art. 11 (recht op algemene bijstand)".into(),
                        bezwaar_tot: vangnet_domain::uitkering::bezwaartermijn(besluit),
                        versie: 1,
                        aangemaakt_op: nu,
                    });
                    let open = vangnet_domain::historie::Periode::vanaf(ontvangen);
                    let mut feiten = vangnet_domain::uitkering::Feiten {
                        uitkering: Some(open),
                        ..Default::default()
                    };
                    for lid in &leden {
                        match lid.rol {
                            HuishoudRol::Aanvrager => feiten.aanvrager = Some(lid.geboren),
                            HuishoudRol::Partner(_) => feiten.partners.push((open, lid.geboren)),
                            HuishoudRol::Kind => feiten.kinderen.push((open, lid.geboren)),
                            HuishoudRol::Medebewoner(m) => feiten.medebewoners.push((
                                open,
                                lid.geboren,
                                match m {
                                    Medebewonerrelatie::Familie => Relatie::Familie,
                                    Medebewonerrelatie::Huurder
                                    | Medebewonerrelatie::Verhuurder => Relatie::Commercieel,
                                    Medebewonerrelatie::Student => Relatie::Student,
                                    Medebewonerrelatie::Anders => Relatie::Overig,
                                },
                            )),
                        }
                    }
                    // Mutaties: wat op tijd bekend was, zat al in de betaalde bedragen; wat
                    // achteraf bekend werd, levert voor betaalde maanden een open correctie op.
                    let aanvrager = feiten.aanvrager.unwrap_or(ontvangen);
                    let mutaties = demomutaties(&mut r, ontvangen, vandaag, aanvrager);
                    let deze_maand = vandaag.with_day(1).unwrap_or(vandaag);
                    let mut toen = feiten.clone();
                    let tijdig: Vec<_> = mutaties
                        .iter()
                        .filter(|m| m.bekend <= m.ingang.max(ontvangen))
                        .map(|m| (m.ingang, m.einde, &m.gegevens))
                        .collect();
                    crate::uitkeringen::toepassen(&mut toen, &tijdig);
                    let alle: Vec<_> = mutaties
                        .iter()
                        .map(|m| (m.ingang, m.einde, &m.gegevens))
                        .collect();
                    crate::uitkeringen::toepassen(&mut feiten, &alle);
                    let mut laatste_mutatie = None;
                    for m in &mutaties {
                        if let crate::uitkeringen::Gegevens::Beeindiging { reden } = &m.gegevens {
                            if let Some(u) = p.uitkeringen.uitkeringen.last_mut() {
                                u.einddatum = Some(m.ingang);
                                u.einde_reden = Some(reden.clone());
                            }
                        }
                        ids[6] += 1;
                        let op = (tijd::begin_nl_dag(m.bekend) + Duration::hours(9)).min(nu);
                        p.uitkeringen.mutaties.push(MutatieRij {
                            id: ids[6],
                            uitkering_id: ids[5],
                            soort: m.soort,
                            ingangsdatum: m.ingang,
                            einddatum: m.einde,
                            gegevens: m.gegevens.clone(),
                            reden: m.reden.into(),
                            status: vangnet_domain::uitkering::Mutatiestatus::Goedgekeurd,
                            vier_ogen: false,
                            impact_centen: Bedrag::NUL,
                            geregistreerd_door: None,
                            geregistreerd_op: op,
                            beoordeeld_door: None,
                            beoordeeld_op: None,
                            afwijsreden: None,
                            corrigeert_id: None,
                            operatie_id: ctx.operatie_id.clone(),
                            versie: 1,
                        });
                        if m.bekend > m.ingang.max(ontvangen) {
                            laatste_mutatie = Some((ids[6], op));
                        }
                    }
                    let betaald = toen.per_maand(ontvangen, vandaag, &tabellen);
                    for (i, (maand, m)) in feiten
                        .per_maand(ontvangen, vandaag, &tabellen)
                        .into_iter()
                        .enumerate()
                    {
                        let bedrag = m.uitbetaling();
                        let eerder = betaald.get(i).map_or(bedrag, |(_, b)| b.uitbetaling());
                        let is_betaald = maand < deze_maand;
                        p.uitkeringen.maandbedragen.push(MaandbedragRij {
                            uitkering_id: ids[5],
                            maand,
                            berekend_centen: bedrag.into(),
                            betaald_centen: is_betaald.then_some(eerder.into()),
                            berekend_op: nu,
                        });
                        if let (true, Some((mutatie, op))) =
                            (is_betaald && bedrag != eerder, laatste_mutatie.as_ref())
                        {
                            p.uitkeringen.correcties.push(CorrectieRij {
                                id: 0,
                                uitkering_id: ids[5],
                                maand,
                                bedrag_centen: (bedrag - eerder).into(),
                                oorzaak: "mutatie met terugwerkende kracht (demo)".into(),
                                mutatie_id: Some(*mutatie),
                                aangemaakt_op: *op,
                                verrekend_op: None,
                                soort: Correctiesoort::Maand,
                            });
                        }
                    }
                }
                p.gebeurtenissen.push(GebeurtenisRij {
                    id: 0,
                    dossier_id: ids[4],
                    tijdstip: nu,
                    actor: "systeem (demo)".into(),
                    soort: Gebeurtenissoort::Geregistreerd,
                    omschrijving: format!(
                        "Aanvraag levensonderhoud {nummer} geregistreerd (demopopulatie), status {}",
                        status.naam().to_lowercase()
                    ),
                    operatie_id: ctx.operatie_id.clone(),
                });
            }
            let (taken, uitkeringen) = (p.taken.len(), p.uitkeringen.uitkeringen.len());
            let mut tx = self.systeemhandeling("demo", &ctx.operatie_id).await?;
            tx.personen_bulk_invoegen(p.personen).await?;
            tx.dossiers_bulk_invoegen(p.dossiers, p.gebeurtenissen)
                .await?;
            tx.taken_invoegen(p.taken, Vec::new()).await?;
            tx.contactmomenten_bulk_invoegen(p.contactmomenten).await?;
            tx.uitkeringen_bulk_invoegen(p.uitkeringen).await?;
            tx.commit().await?;
            klaar += deze;
            uit.huishoudens += deze;
            uit.dossiers += deze;
            uit.taken += taken as u64;
            uit.uitkeringen += uitkeringen as u64;
            voortgang(klaar, aantal);
        }

        let mut tx = self.systeemhandeling("demo", &ctx.operatie_id).await?;
        let laatste: Vec<(i32, i64)> = nummers.iter().map(|(j, n)| (*j, *n)).collect();
        tx.dossiernummers_zetten(&laatste).await?;
        tx.na_bulkinvoer().await?;
        tx.installatie_zetten("demo", "ja").await?;
        tx.vastleggen(Wijziging {
            actie: "demo.geladen",
            onderwerp_type: "installatie",
            onderwerp_id: "demo".into(),
            samenvatting: format!(
                "Demopopulatie geladen: {} huishoudens, {} personen, {} dossiers, {} uitkeringen, {} taken, {} consulenten (zaad {zaad})",
                uit.huishoudens, uit.personen, uit.dossiers, uit.uitkeringen, uit.taken, uit.consulenten
            ),
            ..Default::default()
        })
        .await?;
        self.opslag.onderhoud_na_bulkinvoer().await?;
        Ok(uit)
    }

    /// Is dit een demo-installatie (banner op elke pagina)?
    pub async fn is_demo(&self) -> Result<bool, AppFout> {
        let mut tx = self.opslag.lees().await?;
        let demo = tx.installatie_lezen("demo").await?;
        tx.afsluiten().await?;
        Ok(demo.as_deref() == Some("ja"))
    }
}

/// De taken van een demodossier: (soort, begindatum, gereed op, omschrijving). Een nieuwe
/// aanvraag heeft registreren (als ze van de laatste dagen is), beslissen en voorschot; een
/// aanvraag in behandeling beslissen; een lopende uitkering een mutatie en soms een
/// terugbelverzoek, en een besluit dat (op tijd of te laat) gereed kwam.
fn demotaken(
    r: &mut Toeval,
    status: Status,
    ontvangen: NaiveDate,
    vandaag: NaiveDate,
) -> Vec<(
    vangnet_domain::werk::Taaksoort,
    NaiveDate,
    Option<NaiveDate>,
    &'static str,
)> {
    use vangnet_domain::werk::Taaksoort as S;
    let mut uit = Vec::new();
    match status {
        Status::Ontvangen => {
            if (vandaag - ontvangen).num_days() <= 3 {
                uit.push((
                    S::Registratie,
                    ontvangen,
                    None,
                    "Dossier registreren en compleet maken:",
                ));
            }
            uit.push((S::Besluit, ontvangen, None, "Beslissen op aanvraag"));
            uit.push((S::Voorschot, ontvangen, None, "Voorschot beoordelen voor"));
        }
        Status::InBehandeling => uit.push((S::Besluit, ontvangen, None, "Beslissen op aanvraag")),
        Status::Besloten => {
            let klaar = (ontvangen + Duration::days(20 + r.onder(45) as i64)).min(vandaag);
            uit.push((S::Besluit, ontvangen, Some(klaar), "Beslissen op aanvraag"));
            // Vijf werkdagen: de meeste op tijd, een deel op risico, een paar te laat.
            let begin = vandaag - Duration::days(r.onder(7) as i64);
            uit.push((S::Mutatie, begin, None, "Mutatie verwerken voor"));
            if r.procent(20) {
                let begin = vandaag - Duration::days(r.onder(4) as i64);
                uit.push((S::Terugbellen, begin, None, "Cliënt terugbellen over"));
            }
        }
        _ => {}
    }
    uit
}

/// Situaties voor de berekening uit dezelfde synthetische bevolking (voor `vangnet bench
/// berekening`): huishoudens met hun leeftijden en relaties, bij een deel inkomsten uit arbeid of
/// een andere uitkering, soms een vrijlating of een verlaging.
/// Leeftijden zijn die op 1 januari 2026.
pub fn situaties(aantal: u64, zaad: u64) -> Vec<vangnet_domain::berekening::Situatie> {
    let vandaag = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    use vangnet_domain::berekening::{
        Inkomen, Inkomenssoort, Kind, Medebewoner, Partner, Persoon, Relatie, Situatie, Vrijlating,
        Vrijlatingssoort, Wie,
    };
    let mut r = Toeval(zaad);
    let dag = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    (0..aantal)
        .map(|_| {
            let leden = huishouden(&mut r, vandaag);
            let mut s = Situatie {
                maand: vandaag.format("%Y-%m").to_string(),
                aanvrager: Persoon {
                    geboortedatum: dag(leden[0].geboren),
                    ..Default::default()
                },
                partner: None,
                kinderen: Vec::new(),
                medebewoners: Vec::new(),
                inkomsten: Vec::new(),
                vrijlatingen: Vec::new(),
                verlaging_procent: 0,
            };
            for l in &leden[1..] {
                match l.rol {
                    HuishoudRol::Partner(_) => {
                        s.partner = Some(Partner {
                            geboortedatum: dag(l.geboren),
                            ..Default::default()
                        })
                    }
                    HuishoudRol::Kind => s.kinderen.push(Kind {
                        geboortedatum: dag(l.geboren),
                    }),
                    HuishoudRol::Medebewoner(m) => s.medebewoners.push(Medebewoner {
                        geboortedatum: dag(l.geboren),
                        vanaf: None,
                        tot: None,
                        relatie: match m {
                            Medebewonerrelatie::Familie => Relatie::Familie,
                            Medebewonerrelatie::Huurder | Medebewonerrelatie::Verhuurder => {
                                Relatie::Commercieel
                            }
                            Medebewonerrelatie::Student => Relatie::Student,
                            Medebewonerrelatie::Anders => Relatie::Overig,
                        },
                    }),
                    HuishoudRol::Aanvrager => {}
                }
            }
            if r.procent(30) {
                s.inkomsten.push(Inkomen {
                    soort: Inkomenssoort::Arbeid,
                    netto_centen: r.onder(150_000) as i64,
                    van: Wie::Aanvrager,
                    vakantietoeslag_centen: None,
                });
                if r.procent(50) {
                    s.vrijlatingen.push(Vrijlating {
                        soort: Vrijlatingssoort::Arbeid,
                        vanaf: dag(vandaag - Duration::days(r.onder(200) as i64)),
                        van: Wie::Aanvrager,
                    });
                }
            }
            if r.procent(10) {
                s.inkomsten.push(Inkomen {
                    soort: Inkomenssoort::Uitkering,
                    netto_centen: r.onder(80_000) as i64,
                    van: Wie::Aanvrager,
                    vakantietoeslag_centen: None,
                });
            }
            if r.procent(3) {
                s.verlaging_procent = *r.kies(&[5, 10, 20, 30, 100]);
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toeval_is_deterministisch() {
        let mut a = Toeval(42);
        let mut b = Toeval(42);
        let reeks: Vec<u64> = (0..5).map(|_| a.volgende()).collect();
        assert_eq!(reeks, (0..5).map(|_| b.volgende()).collect::<Vec<_>>());
        assert_ne!(Toeval(43).volgende(), reeks[0]);
    }

    #[test]
    fn huishoudens_van_elke_soort() {
        let vandaag = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let mut r = Toeval(7);
        let mut soorten = std::collections::BTreeSet::new();
        for _ in 0..2000 {
            let h = huishouden(&mut r, vandaag);
            assert_eq!(
                h.iter().filter(|p| p.rol == HuishoudRol::Aanvrager).count(),
                1
            );
            assert!(
                h.iter()
                    .filter(|p| matches!(p.rol, HuishoudRol::Partner(_)))
                    .count()
                    <= 1
            );
            let leeftijd = |p: &Persoon| {
                vangnet_domain::persoon::Geboortedatum(p.geboren).leeftijd_op(vandaag)
            };
            let aanvrager = leeftijd(&h[0]);
            assert!((18..=90).contains(&aanvrager), "{aanvrager}");
            for p in &h {
                soorten.insert(match p.rol {
                    HuishoudRol::Aanvrager if aanvrager < 21 => "jongere".to_owned(),
                    HuishoudRol::Aanvrager if aanvrager >= 68 => "aow".to_owned(),
                    r => r.code(),
                });
            }
        }
        for verwacht in [
            "jongere",
            "aow",
            "kind",
            "partner:gehuwd",
            "partner:gezamenlijke_huishouding",
            "medebewoner:student",
            "medebewoner:huurder",
            "medebewoner:familie",
        ] {
            assert!(
                soorten.contains(verwacht),
                "{verwacht} ontbreekt in {soorten:?}"
            );
        }
    }
}
