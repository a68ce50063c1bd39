//! De werkvoorraad: taken met een servicenorm, hun stand (op tijd, risico, te laat) en de volgorde
//! van de lijst "Vandaag". Pure regels; opslag en rechten zitten in de app-laag.
//!
//! Servicenormen (issue 5): registreren binnen 1 werkdag, een mutatie verwerken binnen 5,
//! terugbellen binnen 2, beslissen binnen 8 weken (Awb 4:13, wettelijk) en een voorschot binnen
//! 4 weken (Pw art. 52 lid 1, wettelijk). Wettelijke termijnen in weken volgen de Algemene
//! termijnenwet ([`crate::werkdagen::termijn_in_weken`]); normen in werkdagen slaan weekend- en
//! feestdagen over. Een functioneel beheerder kan ze per taaksoort aanpassen.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::werkdagen::{plus_werkdagen, termijn_in_weken, werkdagen_tussen_tot};

/// De soort taak. De code staat in de database en de API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taaksoort {
    /// Een nieuw dossier registreren en compleet maken.
    Registratie,
    /// Beslissen op de aanvraag (Awb 4:13).
    Besluit,
    /// Een voorschot verlenen (Pw art. 52 lid 1).
    Voorschot,
    /// Een mutatie verwerken.
    Mutatie,
    /// Een mutatie goedkeuren (vier ogen).
    Goedkeuring,
    /// Een cliënt terugbellen.
    Terugbellen,
    /// Een contact dat de klantcontactmedewerker doorverwees naar de consulent.
    Doorverwijzing,
    /// Een signaal van mogelijke onrechtmatigheid beoordelen.
    Signaal,
    /// Te veel betaald: een vordering beoordelen (terugvorderen is een besluit).
    Vordering,
    /// Een betaling staat vast (geen geldige rekening): de rekening vastleggen.
    Betaling,
    /// De AOW-leeftijd komt eraan: de SVB wordt bevoegd (art. 47a Pw); de gegevens op tijd
    /// overdragen zodat de cliënt niet tussen twee betalers valt.
    OverdrachtSvb,
    /// De hersteltermijn van een opschorting loopt af (art. 54 lid 4): opheffen als het verzuim
    /// is hersteld, anders beslissen over beëindigen of intrekken.
    Hersteltermijn,
    /// Een brief versturen (bv. aan het bekende adres na een nieuwe bankrekening).
    Brief,
    /// Een taak die een medewerker zelf aanmaakt.
    Overig,
}

impl Taaksoort {
    pub const ALLE: [Taaksoort; 14] = [
        Taaksoort::Registratie,
        Taaksoort::Besluit,
        Taaksoort::Voorschot,
        Taaksoort::Mutatie,
        Taaksoort::Goedkeuring,
        Taaksoort::Terugbellen,
        Taaksoort::Doorverwijzing,
        Taaksoort::Signaal,
        Taaksoort::Vordering,
        Taaksoort::Betaling,
        Taaksoort::OverdrachtSvb,
        Taaksoort::Hersteltermijn,
        Taaksoort::Brief,
        Taaksoort::Overig,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Taaksoort::Registratie => "registratie",
            Taaksoort::Besluit => "besluit",
            Taaksoort::Voorschot => "voorschot",
            Taaksoort::Mutatie => "mutatie",
            Taaksoort::Goedkeuring => "goedkeuring",
            Taaksoort::Terugbellen => "terugbellen",
            Taaksoort::Doorverwijzing => "doorverwijzing",
            Taaksoort::Signaal => "signaal",
            Taaksoort::Vordering => "vordering",
            Taaksoort::Betaling => "betaling",
            Taaksoort::OverdrachtSvb => "overdracht_svb",
            Taaksoort::Hersteltermijn => "hersteltermijn",
            Taaksoort::Brief => "brief",
            Taaksoort::Overig => "overig",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Taaksoort::Registratie => "Dossier registreren",
            Taaksoort::Besluit => "Beslissen op aanvraag",
            Taaksoort::Voorschot => "Voorschot verlenen",
            Taaksoort::Mutatie => "Mutatie verwerken",
            Taaksoort::Goedkeuring => "Goedkeuren (vier ogen)",
            Taaksoort::Terugbellen => "Terugbellen",
            Taaksoort::Doorverwijzing => "Doorverwezen contact",
            Taaksoort::Signaal => "Signaal beoordelen",
            Taaksoort::Vordering => "Vordering beoordelen",
            Taaksoort::Betaling => "Vastgehouden betaling",
            Taaksoort::OverdrachtSvb => "Overdracht aan de SVB (AOW-leeftijd)",
            Taaksoort::Hersteltermijn => "Hersteltermijn opschorting",
            Taaksoort::Brief => "Brief versturen",
            Taaksoort::Overig => "Overige taak",
        }
    }

    pub fn uit_code(code: &str) -> Option<Taaksoort> {
        Taaksoort::ALLE.into_iter().find(|s| s.code() == code)
    }

    /// De standaardservicenorm (issue 5), tot een functioneel beheerder haar wijzigt.
    pub fn standaardnorm(self) -> Servicenorm {
        let (eenheid, aantal, waarschuwen) = match self {
            Taaksoort::Registratie => (Eenheid::Werkdagen, 1, 1),
            Taaksoort::Besluit => (Eenheid::WettelijkeWeken, 8, 5),
            Taaksoort::Voorschot => (Eenheid::WettelijkeWeken, 4, 3),
            Taaksoort::Mutatie | Taaksoort::Goedkeuring => (Eenheid::Werkdagen, 5, 1),
            Taaksoort::Terugbellen | Taaksoort::Doorverwijzing => (Eenheid::Werkdagen, 2, 1),
            Taaksoort::Signaal | Taaksoort::Vordering => (Eenheid::Werkdagen, 10, 2),
            Taaksoort::Betaling => (Eenheid::Werkdagen, 2, 1),
            Taaksoort::OverdrachtSvb => (Eenheid::Werkdagen, 20, 5),
            Taaksoort::Hersteltermijn => (Eenheid::Werkdagen, 10, 2),
            Taaksoort::Brief => (Eenheid::Werkdagen, 2, 1),
            Taaksoort::Overig => (Eenheid::Werkdagen, 5, 1),
        };
        Servicenorm {
            soort: self,
            eenheid,
            aantal,
            waarschuwen_werkdagen: waarschuwen,
        }
    }
}

/// De status van een taak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taakstatus {
    Open,
    InBehandeling,
    WachtOpClient,
    Gereed,
}

impl Taakstatus {
    pub const ALLE: [Taakstatus; 4] = [
        Taakstatus::Open,
        Taakstatus::InBehandeling,
        Taakstatus::WachtOpClient,
        Taakstatus::Gereed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Taakstatus::Open => "open",
            Taakstatus::InBehandeling => "in_behandeling",
            Taakstatus::WachtOpClient => "wacht_op_client",
            Taakstatus::Gereed => "gereed",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Taakstatus::Open => "Open",
            Taakstatus::InBehandeling => "In behandeling",
            Taakstatus::WachtOpClient => "Wacht op cliënt",
            Taakstatus::Gereed => "Gereed",
        }
    }

    pub fn uit_code(code: &str) -> Option<Taakstatus> {
        Taakstatus::ALLE.into_iter().find(|s| s.code() == code)
    }

    /// De toegestane overgangen: naar elke andere status, ook terug van gereed (een taak die
    /// ten onrechte gereed werd gemeld, gaat weer open); niet naar dezelfde status (dat zou een
    /// lege gebeurtenis in de historie van de taak zijn).
    pub fn mag_naar(self, naar: Taakstatus) -> bool {
        self != naar
    }
}

/// Wat er met een taak gebeurde, in haar historie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Taakgebeurtenissoort {
    Aangemaakt,
    /// Aan een medewerker gegeven (herverdelen door de teamleider).
    Toegewezen,
    /// Een andere status.
    Status,
    /// Een poging zonder resultaat (terugbellen, niet bereikt).
    Poging,
    /// De teamleider kreeg een melding dat de taak te laat is.
    TeLaat,
}

impl Taakgebeurtenissoort {
    pub const ALLE: [Taakgebeurtenissoort; 5] = [
        Taakgebeurtenissoort::Aangemaakt,
        Taakgebeurtenissoort::Toegewezen,
        Taakgebeurtenissoort::Status,
        Taakgebeurtenissoort::Poging,
        Taakgebeurtenissoort::TeLaat,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Taakgebeurtenissoort::Aangemaakt => "aangemaakt",
            Taakgebeurtenissoort::Toegewezen => "toegewezen",
            Taakgebeurtenissoort::Status => "status",
            Taakgebeurtenissoort::Poging => "poging",
            Taakgebeurtenissoort::TeLaat => "te_laat",
        }
    }

    pub fn uit_code(code: &str) -> Option<Taakgebeurtenissoort> {
        Taakgebeurtenissoort::ALLE
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// Waarin een servicenorm telt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eenheid {
    /// Werkdagen na de dag van aanmaken (weekend- en feestdagen tellen niet).
    Werkdagen,
    /// Een wettelijke termijn in weken, met verschuiving volgens de Algemene termijnenwet.
    WettelijkeWeken,
}

impl Eenheid {
    pub fn code(self) -> &'static str {
        match self {
            Eenheid::Werkdagen => "werkdagen",
            Eenheid::WettelijkeWeken => "wettelijke_weken",
        }
    }

    pub fn uit_code(code: &str) -> Option<Eenheid> {
        [Eenheid::Werkdagen, Eenheid::WettelijkeWeken]
            .into_iter()
            .find(|e| e.code() == code)
    }
}

/// De servicenorm van een taaksoort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Servicenorm {
    pub soort: Taaksoort,
    pub eenheid: Eenheid,
    pub aantal: u32,
    /// Zoveel werkdagen vóór de deadline staat een taak op "risico".
    pub waarschuwen_werkdagen: u32,
}

impl Servicenorm {
    /// De deadline van een taak die op `begin` ontstond.
    pub fn deadline(&self, begin: NaiveDate) -> NaiveDate {
        match self.eenheid {
            Eenheid::Werkdagen => plus_werkdagen(begin, self.aantal),
            Eenheid::WettelijkeWeken => termijn_in_weken(begin, self.aantal).einde,
        }
    }

    /// Een wettelijke termijn weegt zwaarder in de volgorde van "Vandaag".
    pub fn wettelijk(&self) -> bool {
        self.eenheid == Eenheid::WettelijkeWeken
    }

    /// Controle voor de functioneel beheerder.
    pub fn controleer(&self) -> Result<(), String> {
        let max = match self.eenheid {
            Eenheid::Werkdagen => 250,
            Eenheid::WettelijkeWeken => 52,
        };
        if self.aantal == 0 || self.aantal > max {
            return Err(format!("Het aantal moet tussen 1 en {max} liggen."));
        }
        if self.waarschuwen_werkdagen > 60 {
            return Err("Waarschuwen kan hoogstens 60 werkdagen vooraf.".into());
        }
        Ok(())
    }
}

/// Hoe een taak ervoor staat ten opzichte van haar deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stand {
    TeLaat,
    Vandaag,
    Risico,
    OpTijd,
}

impl Stand {
    pub fn naam(self) -> &'static str {
        match self {
            Stand::TeLaat => "Te laat",
            Stand::Vandaag => "Vandaag",
            Stand::Risico => "Risico",
            Stand::OpTijd => "Op tijd",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Stand::TeLaat => "te_laat",
            Stand::Vandaag => "vandaag",
            Stand::Risico => "risico",
            Stand::OpTijd => "op_tijd",
        }
    }
}

/// De stand op `vandaag`: na de deadline te laat; op de deadline "vandaag"; binnen
/// `waarschuwen_werkdagen` werkdagen ervoor risico; anders op tijd.
pub fn stand(deadline: NaiveDate, waarschuwen_werkdagen: u32, vandaag: NaiveDate) -> Stand {
    if vandaag > deadline {
        Stand::TeLaat
    } else if vandaag == deadline {
        Stand::Vandaag
    } else if werkdagen_tussen_tot(vandaag, deadline, i64::from(waarschuwen_werkdagen))
        <= i64::from(waarschuwen_werkdagen)
    {
        Stand::Risico
    } else {
        Stand::OpTijd
    }
}

/// De eerste dag waarop een taak met deze deadline op "risico" staat: de vroegste dag `v` met
/// hoogstens `waarschuwen_werkdagen` werkdagen na `v` tot en met de deadline. Zo is de stand
/// uit twee opgeslagen datums af te lezen (ook in SQL): te laat na de deadline, "vandaag" op de
/// deadline, risico vanaf deze dag, anders op tijd.
pub fn risico_vanaf(deadline: NaiveDate, waarschuwen_werkdagen: u32) -> NaiveDate {
    let max = i64::from(waarschuwen_werkdagen);
    let mut v = deadline;
    while let Some(vorige) = v.pred_opt() {
        if werkdagen_tussen_tot(vorige, deadline, max) > max {
            break;
        }
        v = vorige;
    }
    v
}

/// Wat de volgorde van "Vandaag" bepaalt.
#[derive(Debug, Clone, Copy)]
pub struct Volgorde {
    pub stand: Stand,
    pub wettelijk: bool,
    pub deadline: NaiveDate,
    /// Hoger is dringender (0 = normaal).
    pub prioriteit: i32,
    pub id: i64,
}

/// De sorteersleutel van "Vandaag": te laat, dan vandaag, dan risico, dan wettelijke termijnen,
/// dan de rest; binnen elke groep de vroegste deadline, de hoogste prioriteit en het oudste id.
/// De opslag sorteert in SQL op dezelfde manier (met `risico_vanaf`); een test in de app-laag
/// controleert dat beide gelijk zijn.
pub fn volgorde(v: &Volgorde) -> (u8, NaiveDate, i32, i64) {
    let groep = match v.stand {
        Stand::TeLaat => 0,
        Stand::Vandaag => 1,
        Stand::Risico => 2,
        Stand::OpTijd if v.wettelijk => 3,
        Stand::OpTijd => 4,
    };
    (groep, v.deadline, -v.prioriteit, v.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Issue 18 punt 2: de overgangen van een taakstatus staan bij het enum, voor scherm en use
    /// case (een keuzelijst die alleen toegestane overgangen aanbiedt, en een weigering bij een
    /// andere).
    #[test]
    fn overgangen_van_een_taakstatus() {
        use Taakstatus::*;
        for van in Taakstatus::ALLE {
            for naar in Taakstatus::ALLE {
                assert_eq!(van.mag_naar(naar), van != naar, "{van:?} -> {naar:?}");
            }
        }
        assert!(Gereed.mag_naar(Open), "heropenen mag");
        assert!(!Open.mag_naar(Open));
    }

    /// De standaardnormen uit issue 5 en hun deadlines (werkdagenkalender uit
    /// participatiewet-feiten.md §4).
    #[test]
    fn servicenormen_en_deadlines() {
        let gevallen = [
            // soort, begin, deadline
            (Taaksoort::Registratie, "2026-11-27", "2026-11-30"), // vrijdag + 1 werkdag = maandag
            (Taaksoort::Registratie, "2026-12-24", "2026-12-28"), // over de kerstdagen
            (Taaksoort::Terugbellen, "2026-04-02", "2026-04-08"), // Goede Vrijdag en Tweede Paasdag
            (Taaksoort::Mutatie, "2026-11-23", "2026-11-30"),
            (Taaksoort::Besluit, "2026-10-31", "2026-12-28"), // 8 weken, ATW art. 1
            (Taaksoort::Voorschot, "2026-04-07", "2026-05-06"), // 4 weken, 5 mei
        ];
        for (soort, begin, deadline) in gevallen {
            assert_eq!(
                soort.standaardnorm().deadline(d(begin)),
                d(deadline),
                "{soort:?}"
            );
        }
        assert!(Taaksoort::Besluit.standaardnorm().wettelijk());
        assert!(!Taaksoort::Terugbellen.standaardnorm().wettelijk());
        for s in Taaksoort::ALLE {
            assert_eq!(Taaksoort::uit_code(s.code()), Some(s));
            assert!(s.standaardnorm().controleer().is_ok());
        }
        let mut fout = Taaksoort::Mutatie.standaardnorm();
        fout.aantal = 0;
        assert!(fout.controleer().is_err());
    }

    /// De opgeslagen grens geeft voor elke dag dezelfde stand als de telling van werkdagen.
    #[test]
    fn risico_vanaf_is_de_stand_van_de_telling() {
        let mut deadline = d("2026-03-20");
        while deadline < d("2027-01-15") {
            for waarschuwen in [0, 1, 3, 5] {
                let grens = risico_vanaf(deadline, waarschuwen);
                let mut dag = deadline - chrono::Duration::days(20);
                while dag < deadline {
                    let uit_grens = if dag >= grens {
                        Stand::Risico
                    } else {
                        Stand::OpTijd
                    };
                    assert_eq!(
                        stand(deadline, waarschuwen, dag),
                        uit_grens,
                        "{deadline} {waarschuwen} {dag}"
                    );
                    dag += chrono::Duration::days(1);
                }
            }
            deadline += chrono::Duration::days(3);
        }
        // Vrijdag 4-12, 2 werkdagen: vanaf woensdag 2-12.
        assert_eq!(risico_vanaf(d("2026-12-04"), 2), d("2026-12-02"));
        // Maandag 28-12 (na de kerstdagen), 1 werkdag: vanaf donderdag 24-12.
        assert_eq!(risico_vanaf(d("2026-12-28"), 1), d("2026-12-24"));
    }

    #[test]
    fn stand_ten_opzichte_van_de_deadline() {
        let deadline = d("2026-12-04"); // vrijdag
        let gevallen = [
            ("2026-12-07", 2, Stand::TeLaat),
            ("2026-12-04", 2, Stand::Vandaag),
            ("2026-12-03", 2, Stand::Risico),
            ("2026-12-02", 2, Stand::Risico),
            ("2026-12-01", 2, Stand::OpTijd),
            ("2026-12-03", 0, Stand::OpTijd),
            ("2026-11-28", 5, Stand::Risico), // zaterdag: ma t/m vr zijn 5 werkdagen
        ];
        for (vandaag, waarschuwen, verwacht) in gevallen {
            assert_eq!(
                stand(deadline, waarschuwen, d(vandaag)),
                verwacht,
                "{vandaag}"
            );
        }
    }

    /// Issue 5: te laat eerst, dan vandaag, dan risico, dan wettelijke termijnen, dan de rest.
    #[test]
    fn volgorde_van_vandaag() {
        let taak = |id, stand, wettelijk, deadline: &str, prioriteit| Volgorde {
            stand,
            wettelijk,
            deadline: d(deadline),
            prioriteit,
            id,
        };
        let mut lijst = [
            taak(1, Stand::OpTijd, false, "2026-12-10", 0),
            taak(2, Stand::OpTijd, true, "2027-01-20", 0),
            taak(3, Stand::Risico, false, "2026-12-01", 0),
            taak(4, Stand::TeLaat, false, "2026-11-20", 0),
            taak(5, Stand::Vandaag, false, "2026-11-28", 0),
            taak(6, Stand::TeLaat, true, "2026-11-25", 0),
            taak(7, Stand::OpTijd, false, "2026-12-10", 5),
            taak(8, Stand::OpTijd, false, "2026-12-10", 0),
        ];
        lijst.sort_by_key(volgorde);
        let ids: Vec<i64> = lijst.iter().map(|t| t.id).collect();
        assert_eq!(ids, [4, 6, 5, 3, 2, 7, 1, 8]);
    }
}
