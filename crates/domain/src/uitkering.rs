//! Een lopende uitkering en haar feiten in de tijd (issue 6): het besluit dat haar toekende, de
//! mutatiesoorten, en de berekening per maand over een reeks maanden uit de feiten zoals ze nu
//! bekend zijn. Uit twee reeksen (vóór en na een mutatie, of vóór en na een nieuwe normtabel)
//! volgt per maand het verschil: de impact die een medewerker ziet voordat hij opslaat, en de
//! correctie na herberekening.
//!
//! Bronnen: ../shared/domain/participatiewet-feiten.md §4 (Awb 6:7 en 6:8: bezwaartermijn zes
//! weken vanaf de dag na bekendmaking; Algemene termijnenwet), en de berekening in
//! [`crate::berekening`].
//!
//! Aannames die de bronnen niet vastleggen (NIET geverifieerd):
//! - Een partner of medebewoner die midden in de maand komt of gaat, en een inkomen of verlaging
//!   dat midden in de maand begint of stopt, tellen per kalenderdag (issue 19, punt 6; zie
//!   [`crate::berekening`]). Kinderen en art. 20 lid 3 gelden zoals op de eerste dag waarop in
//!   die maand bijstand loopt; vrijlatingen gaan vanaf hun ingang.
//! - Wat van "de partner" is (inkomen, vrijlating, art. 20 lid 3), hoort bij de partner die er
//!   in de maand is: van vóór diens komst was het van een vorige partner en telt het niet.
//! - Begint of eindigt de uitkering binnen de maand, dan gaat de bijstand naar rato van
//!   kalenderdagen (art. 45 lid 3 via `bereken_deel`).

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::berekening::{
    bereken_bedragen, half_naar_boven, Bedragen, Dagen, GelezenSituatie, Inkomensregel,
    Inkomenssoort, Invoerfout, Relatie, Toerekening, Vrijlatingssoort, Wie,
};
use crate::historie::Periode;
use crate::normen::{Centen, Normtabellen};
use crate::werkdagen::termijn_in_weken;

/// De soorten mutatie op een lopende uitkering. De code staat in de database en de API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mutatiesoort {
    Adres,
    PartnerIn,
    PartnerUit,
    KindGeboren,
    KindVertrokken,
    MedebewonerIn,
    MedebewonerUit,
    InkomenStart,
    InkomenWijziging,
    InkomenStop,
    /// Het werkelijke inkomen over een periode (loonstrook, specificatie; art. 32 lid 1).
    WerkelijkInkomen,
    /// De code is `vrijlating` (zie [`Mutatiesoort::code`]); serde noemt haar zo.
    #[serde(rename = "vrijlating")]
    VrijlatingToegekend,
    Bankrekening,
    Verlaging,
    Opschorting,
    /// Het verzuim is hersteld: de opschorting eindigt (art. 54 lid 4); de vastgehouden maanden
    /// worden nabetaald.
    OpschortingOpgeheven,
    Beeindiging,
    /// Art. 45 lid 4: voor de helft aan ieder van de gehuwden, of op hun gezamenlijk verzoek
    /// alles aan één van hen.
    Betaalwijze,
    /// Art. 20 lid 3: de aanvrager of partner van 18–20 kan geen beroep doen op de ouders (of
    /// weer wel); het college stelt het vast, met de reden.
    GeenBeroepOpOuders,
    /// Een eerder geregistreerde mutatie was onjuist: zij vervalt (formele historie).
    Correctie,
}

impl Mutatiesoort {
    pub const ALLE: [Mutatiesoort; 20] = [
        Mutatiesoort::Adres,
        Mutatiesoort::PartnerIn,
        Mutatiesoort::PartnerUit,
        Mutatiesoort::KindGeboren,
        Mutatiesoort::KindVertrokken,
        Mutatiesoort::MedebewonerIn,
        Mutatiesoort::MedebewonerUit,
        Mutatiesoort::InkomenStart,
        Mutatiesoort::InkomenWijziging,
        Mutatiesoort::InkomenStop,
        Mutatiesoort::WerkelijkInkomen,
        Mutatiesoort::VrijlatingToegekend,
        Mutatiesoort::Bankrekening,
        Mutatiesoort::Verlaging,
        Mutatiesoort::Opschorting,
        Mutatiesoort::OpschortingOpgeheven,
        Mutatiesoort::Beeindiging,
        Mutatiesoort::Betaalwijze,
        Mutatiesoort::GeenBeroepOpOuders,
        Mutatiesoort::Correctie,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Mutatiesoort::Adres => "adres",
            Mutatiesoort::PartnerIn => "partner_in",
            Mutatiesoort::PartnerUit => "partner_uit",
            Mutatiesoort::KindGeboren => "kind_geboren",
            Mutatiesoort::KindVertrokken => "kind_vertrokken",
            Mutatiesoort::MedebewonerIn => "medebewoner_in",
            Mutatiesoort::MedebewonerUit => "medebewoner_uit",
            Mutatiesoort::InkomenStart => "inkomen_start",
            Mutatiesoort::InkomenWijziging => "inkomen_wijziging",
            Mutatiesoort::InkomenStop => "inkomen_stop",
            Mutatiesoort::WerkelijkInkomen => "werkelijk_inkomen",
            Mutatiesoort::VrijlatingToegekend => "vrijlating",
            Mutatiesoort::Bankrekening => "bankrekening",
            Mutatiesoort::Verlaging => "verlaging",
            Mutatiesoort::Opschorting => "opschorting",
            Mutatiesoort::OpschortingOpgeheven => "opschorting_opgeheven",
            Mutatiesoort::Beeindiging => "beeindiging",
            Mutatiesoort::Betaalwijze => "betaalwijze",
            Mutatiesoort::GeenBeroepOpOuders => "geen_beroep_op_ouders",
            Mutatiesoort::Correctie => "correctie",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Mutatiesoort::Adres => "Adreswijziging",
            Mutatiesoort::PartnerIn => "Partner komt inwonen",
            Mutatiesoort::PartnerUit => "Partner vertrekt",
            Mutatiesoort::KindGeboren => "Kind geboren of komt inwonen",
            Mutatiesoort::KindVertrokken => "Kind vertrekt",
            Mutatiesoort::MedebewonerIn => "Medebewoner komt inwonen",
            Mutatiesoort::MedebewonerUit => "Medebewoner vertrekt",
            Mutatiesoort::InkomenStart => "Inkomen begint",
            Mutatiesoort::InkomenWijziging => "Inkomen wijzigt",
            Mutatiesoort::InkomenStop => "Inkomen stopt",
            Mutatiesoort::WerkelijkInkomen => "Werkelijk inkomen (loonstrook of specificatie)",
            Mutatiesoort::VrijlatingToegekend => "Vrijlating toegekend",
            Mutatiesoort::Bankrekening => "Bankrekening",
            Mutatiesoort::Verlaging => "Verlaging (art. 18)",
            Mutatiesoort::Opschorting => "Opschorting (art. 54)",
            Mutatiesoort::OpschortingOpgeheven => "Opschorting opgeheven (verzuim hersteld)",
            Mutatiesoort::Beeindiging => "Beëindiging",
            Mutatiesoort::Betaalwijze => "Betaling aan gehuwden (art. 45 lid 4)",
            Mutatiesoort::GeenBeroepOpOuders => "Geen beroep op de ouders (art. 20 lid 3)",
            Mutatiesoort::Correctie => "Correctie van een mutatie",
        }
    }

    pub fn uit_code(code: &str) -> Option<Mutatiesoort> {
        Mutatiesoort::ALLE.into_iter().find(|m| m.code() == code)
    }

    /// Vraagt deze soort altijd goedkeuring door een tweede consulent (standaard; een functioneel
    /// beheerder kan dat per soort inrichten)? Beëindigen en opschorten raken de hele uitkering.
    pub fn standaard_vier_ogen(self) -> bool {
        matches!(self, Mutatiesoort::Beeindiging | Mutatiesoort::Opschorting)
    }
}

/// De reden van beëindiging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Beeindigingsreden {
    Werk,
    Verhuisd,
    Overleden,
    Detentie,
    Anders,
}

/// Tot en met welke dag de impact van een mutatie meetelt voor de vier-ogendrempel (issue 17,
/// punt 7): alles wat al voorbij is, en van een blijvende wijziging (zonder einde) ten minste
/// twaalf maanden vooruit, te beginnen bij de ingang of bij vandaag als die later is; een
/// tijdelijke wijziging tot haar einde (`einde` is de eerste dag erna). Anders telde een wijziging
/// per volgende maand één maand, en had € 500 per maand nooit een tweede paar ogen nodig.
pub fn impact_tot(ingang: NaiveDate, einde: Option<NaiveDate>, vandaag: NaiveDate) -> NaiveDate {
    let begin = ingang.max(vandaag);
    match einde {
        Some(e) => begin.max(e.pred_opt().unwrap_or(e)),
        None => {
            let eerste = begin.with_day(1).unwrap_or(begin);
            eerste.checked_add_months(Months::new(11)).unwrap_or(eerste)
        }
    }
}

/// De laatste dag om bezwaar te maken tegen een besluit dat op `bekendgemaakt` bekend werd
/// gemaakt: zes weken vanaf de dag erna (Awb 6:7 en 6:8), verschoven naar een werkdag (ATW art. 1).
pub fn bezwaartermijn(bekendgemaakt: NaiveDate) -> NaiveDate {
    termijn_in_weken(bekendgemaakt, 6).einde
}

/// De feiten van één uitkering over de tijd, zoals nu bekend. Perioden zijn `vanaf` tot (niet
/// tot en met) `tot`, zoals in [`crate::historie`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feiten {
    /// De periode van de uitkering zelf (einde: de dag na de laatste dag).
    pub uitkering: Option<Periode>,
    pub aanvrager: Option<NaiveDate>,
    pub partners: Vec<(Periode, NaiveDate)>,
    pub kinderen: Vec<(Periode, NaiveDate)>,
    pub medebewoners: Vec<(Periode, NaiveDate, Relatie)>,
    /// Netto per maand, van de aanvrager of de partner, met de vakantietoeslag die er per maand
    /// over wordt opgebouwd als de loonstrook die noemt (art. 31 lid 4; anders 0).
    pub inkomsten: Vec<(Periode, Wie, Inkomenssoort, Centen, Centen)>,
    /// Werkelijk ontvangen inkomen over een periode (loonstrook, specificatie). In een maand
    /// waarop er een van die persoon en soort betrekking heeft, vervangt het de opgave van
    /// `inkomsten` voor die persoon en soort (art. 32 lid 1).
    pub werkelijke_inkomsten: Vec<WerkelijkInkomen>,
    pub vrijlatingen: Vec<(Wie, Vrijlatingssoort, NaiveDate)>,
    /// Art. 20 lid 3: de perioden waarin aanvrager of partner geen beroep kan doen op de ouders.
    pub geen_beroep_op_ouders: Vec<(Periode, Wie)>,
    pub verlagingen: Vec<(Periode, i64)>,
    /// Perioden waarin het recht is opgeschort (art 54 lid 1 Pw): het bedrag blijft, de
    /// betaling wordt vastgehouden.
    pub opschortingen: Vec<Periode>,
    /// Art. 45 lid 4: de bijstand van gehuwden gaat voor de helft naar ieder, behalve in de
    /// perioden waarin zij samen hebben gevraagd om alles aan één van hen te betalen (aan wie).
    /// De hoogte verandert er niet door.
    pub een_rekening: Vec<(Periode, Wie)>,
}

/// Een werkelijk ontvangen inkomen over een periode: een maandloon, een vierwekenloon, een
/// weekloon of een uitkeringsspecificatie. Het telt in de periode waarop het betrekking heeft
/// (art. 32 lid 1 Pw), naar rato per kalenderdag over de maanden die die periode raakt: een
/// vierwekenloon van 5 oktober tot en met 1 november telt voor 27/28 in oktober en 1/28 in
/// november. Wie elke vier weken betaald wordt, heeft zo in sommige maanden twee loonstroken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WerkelijkInkomen {
    /// Eerste en laatste dag (tot en met) van de periode.
    pub van_dag: NaiveDate,
    pub tot_en_met: NaiveDate,
    pub wie: Wie,
    pub soort: Inkomenssoort,
    pub netto: Centen,
    /// De vakantietoeslag over deze periode, als de loonstrook die noemt (art. 31 lid 4).
    pub vakantietoeslag: Centen,
}

impl WerkelijkInkomen {
    /// Het deel van `bedrag` dat op de dagen `van..=tot` valt, naar rato per kalenderdag. Op de
    /// volgorde van de dagen afgerond (half naar boven), zodat de delen samen precies het bedrag
    /// zijn.
    fn deel(&self, bedrag: Centen, van: NaiveDate, tot: NaiveDate) -> Centen {
        let n = (self.tot_en_met - self.van_dag).num_days() + 1;
        let t_m = |dag: NaiveDate| half_naar_boven(bedrag, (dag - self.van_dag).num_days() + 1, n);
        t_m(tot)
            - van
                .pred_opt()
                .map_or(0, |d| if d < self.van_dag { 0 } else { t_m(d) })
    }

    /// Wat van dit inkomen op de dagen `van..=tot` valt: de dagen en de toerekening.
    pub fn toegerekend(
        &self,
        van: NaiveDate,
        tot: NaiveDate,
    ) -> Option<(Centen, Centen, Toerekening)> {
        let (v, t) = (van.max(self.van_dag), tot.min(self.tot_en_met));
        (v <= t).then(|| {
            (
                self.deel(self.netto, v, t),
                self.deel(self.vakantietoeslag, v, t),
                Toerekening {
                    van: self.van_dag,
                    tot: self.tot_en_met,
                    totaal: self.netto,
                    dagen: (t - v).num_days() + 1,
                    van_dagen: (self.tot_en_met - self.van_dag).num_days() + 1,
                },
            )
        })
    }
}

/// De uitkomst van één maand: de bedragen, of waarom er niet gerekend kon worden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Maanduitkomst {
    /// Geen bijstand in deze maand (vóór de start of na het einde).
    GeenUitkering,
    Bedragen(Bedragen),
    Fout(Invoerfout),
}

impl Maanduitkomst {
    /// Wat in deze maand wordt uitbetaald (0 zonder uitkering of bij een fout).
    pub fn uitbetaling(&self) -> Centen {
        match self {
            Maanduitkomst::Bedragen(b) => b.uitbetaling,
            _ => 0,
        }
    }
}

/// De dagen van `dagen` (van, tot en met) die niet in een van de `gedekt` vallen, als
/// aaneengesloten stukken op volgorde.
fn niet_gedekt(
    dagen: (NaiveDate, NaiveDate),
    mut gedekt: Vec<(NaiveDate, NaiveDate)>,
) -> Vec<(NaiveDate, NaiveDate)> {
    gedekt.sort_unstable();
    let mut uit = Vec::new();
    let (mut van, tot) = dagen;
    for (a, b) in gedekt {
        if van > tot {
            break;
        }
        if b < van || a > tot {
            continue;
        }
        if a > van {
            if let Some(d) = a.pred_opt() {
                uit.push((van, d));
            }
        }
        match b.succ_opt() {
            Some(d) => van = van.max(d),
            None => return uit,
        }
    }
    if van <= tot {
        uit.push((van, tot));
    }
    uit
}

fn laatste_dag(eerste: NaiveDate) -> NaiveDate {
    eerste
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(eerste)
}

impl Feiten {
    /// Vult `s` met de situatie van de maand die op `eerste` begint, en geeft het deel van de
    /// maand waarin bijstand loopt (`None`: de hele maand). `Err(())`: geen uitkering in deze
    /// maand. `s` wordt hergebruikt: zo rekent een herberekening zonder nieuwe allocaties per
    /// maand zodra de lijsten groot genoeg zijn.
    fn maand_in(
        &self,
        eerste: NaiveDate,
        s: &mut GelezenSituatie,
    ) -> Result<Option<(NaiveDate, NaiveDate)>, ()> {
        let laatste = laatste_dag(eerste);
        let uitkering = self.uitkering.ok_or(())?;
        let van = uitkering.vanaf.max(eerste);
        let tot = match uitkering.tot {
            Some(t) => t.pred_opt().unwrap_or(t).min(laatste),
            None => laatste,
        };
        if van > tot {
            return Err(());
        }
        // Wie er woont, welk inkomen loopt en welke verlaging geldt, gaat per kalenderdag:
        // wat midden in de maand begint of stopt, telt over zijn dagen (issue 19, punt 6). De
        // kinderen gelden zoals op de eerste dag met bijstand.
        let peil = van;
        let dagen = |p: &Periode| -> Option<Dagen> {
            let begin = p.vanaf.max(eerste);
            let eind = p
                .tot
                .and_then(|t| t.pred_opt())
                .map_or(laatste, |t| t.min(laatste));
            (begin <= eind && begin <= tot && eind >= van)
                .then(|| Some((begin, eind)).filter(|d| *d != (eerste, laatste)))
        };
        s.maand = eerste;
        s.aanvrager = self.aanvrager.ok_or(())?;
        let partner = self
            .partners
            .iter()
            .find_map(|(p, g)| dagen(p).map(|d| (*g, d, p.vanaf)));
        s.partner = partner.map(|(g, _, _)| g);
        s.partner_dagen = partner.and_then(|(_, d, _)| d);
        // Wat van "de partner" is, hoort bij de partner die er nu is: een inkomen, vrijlating of
        // art. 20 lid 3 van vóór diens komst was van een vorige partner.
        let sinds = partner.map(|(_, _, vanaf)| vanaf);
        let van_nu =
            |wie: Wie, vanaf: NaiveDate| wie == Wie::Aanvrager || sinds.is_some_and(|s| vanaf >= s);
        s.kinderen.clear();
        s.medebewoners.clear();
        for (p, g) in &self.kinderen {
            if !p.bevat(peil) {
                continue;
            }
            // Een kind van 18 of ouder woont er nog, maar als meerderjarige (familie).
            if crate::persoon::Geboortedatum(*g).leeftijd_op(peil) >= 18 {
                s.medebewoners.push((*g, Relatie::Familie, None));
            } else {
                s.kinderen.push(*g);
            }
        }
        s.medebewoners.extend(
            self.medebewoners
                .iter()
                .filter_map(|(p, g, r)| dagen(p).map(|d| (*g, *r, d))),
        );
        s.inkomsten.clear();
        s.inkomsten.extend(
            self.inkomsten
                .iter()
                .filter(|(p, wie, _, _, _)| van_nu(*wie, p.vanaf))
                .filter_map(|(p, wie, soort, c, vt)| {
                    dagen(p).map(|d| Inkomensregel {
                        van: *wie,
                        soort: *soort,
                        netto: *c,
                        vakantietoeslag: *vt,
                        dagen: d,
                        toerekening: None,
                    })
                }),
        );
        // Werkelijk inkomen: toegerekend aan de dagen van deze maand met bijstand (van de partner:
        // de dagen dat die er woont); het vervangt de opgave van die persoon en soort over de
        // dagen die het dekt. Over de andere dagen met bijstand blijft de opgave gelden, naar
        // rato per kalenderdag (een loonstrook tot de 10e laat de rest van de maand niet leeg).
        let mut gedekt: Vec<(Wie, Inkomenssoort, NaiveDate, NaiveDate)> = Vec::new();
        for w in &self.werkelijke_inkomsten {
            if !van_nu(w.wie, w.van_dag.max(sinds.unwrap_or(w.van_dag))) {
                continue;
            }
            let (mut v, mut t) = (van, tot);
            if w.wie == Wie::Partner {
                match (partner, s.partner_dagen) {
                    (None, _) => continue,
                    (Some(_), Some((pv, pt))) => (v, t) = (v.max(pv), t.min(pt)),
                    (Some(_), None) => {}
                }
            }
            let Some((netto, vakantietoeslag, toerekening)) = w.toegerekend(v, t) else {
                continue;
            };
            gedekt.push((w.wie, w.soort, v.max(w.van_dag), t.min(w.tot_en_met)));
            s.inkomsten.push(Inkomensregel {
                van: w.wie,
                soort: w.soort,
                netto,
                vakantietoeslag,
                dagen: None,
                toerekening: Some(toerekening),
            });
        }
        if !gedekt.is_empty() {
            let opgaven = std::mem::take(&mut s.inkomsten);
            for r in opgaven {
                let dekking: Vec<(NaiveDate, NaiveDate)> = gedekt
                    .iter()
                    .filter(|(wie, soort, _, _)| {
                        r.toerekening.is_none() && (*wie, *soort) == (r.van, r.soort)
                    })
                    .map(|(_, _, a, b)| (*a, *b))
                    .collect();
                if dekking.is_empty() {
                    s.inkomsten.push(r);
                    continue;
                }
                let (a, b) = r.dagen.unwrap_or((eerste, laatste));
                for dagen in niet_gedekt((a.max(van), b.min(tot)), dekking) {
                    s.inkomsten.push(Inkomensregel {
                        dagen: Some(dagen),
                        ..r
                    });
                }
            }
        }
        s.vrijlatingen.clear();
        s.vrijlatingen.extend(
            self.vrijlatingen
                .iter()
                .filter(|(wie, _, vanaf)| van_nu(*wie, *vanaf))
                .copied(),
        );
        s.verlagingen.clear();
        s.verlagingen.extend(
            self.verlagingen
                .iter()
                .filter_map(|(p, pct)| dagen(p).map(|d| (*pct, d))),
        );
        let geen_beroep = |wie: Wie| {
            self.geen_beroep_op_ouders
                .iter()
                .any(|(p, w)| *w == wie && van_nu(wie, p.vanaf) && p.bevat(peil))
        };
        s.geen_beroep_op_ouders = [geen_beroep(Wie::Aanvrager), geen_beroep(Wie::Partner)];
        Ok((van != eerste || tot != laatste).then_some((van, tot)))
    }

    /// De vakantietoeslag die is gereserveerd over de opbouwperiode tot en met de maand `tot`
    /// (art. 19 lid 3 en art. 45 lid 1 Pw), bij uitbetaling in kalendermaand `uitbetaalmaand`.
    /// Een maand zonder bijstand bouwt niets op.
    pub fn vakantietoeslag_over(
        &self,
        tot: NaiveDate,
        uitbetaalmaand: u32,
        tabellen: &Normtabellen,
    ) -> Centen {
        self.per_maand(
            crate::betaalrun::opbouw_vanaf(tot, uitbetaalmaand),
            tot,
            tabellen,
        )
        .iter()
        .map(|(_, m)| match m {
            Maanduitkomst::Bedragen(b) => b.reservering,
            _ => 0,
        })
        .sum()
    }

    /// De vakantietoeslag over de opbouwperiode tot en met `tot`, min wat daarvan al betaald is:
    /// werd eerder in dezelfde opbouwperiode vakantietoeslag betaald tot en met `eerder_tot` (bij
    /// een einde dat later verviel), dan alleen de reservering over de maanden daarna (art. 19
    /// lid 3 en 45 lid 1: één keer per opgebouwde maand).
    pub fn vakantietoeslag_na(
        &self,
        tot: NaiveDate,
        eerder_tot: Option<NaiveDate>,
        uitbetaalmaand: u32,
        tabellen: &Normtabellen,
    ) -> Centen {
        let over = self.vakantietoeslag_over(tot, uitbetaalmaand, tabellen);
        match eerder_tot
            .filter(|e| *e < tot && *e >= crate::betaalrun::opbouw_vanaf(tot, uitbetaalmaand))
        {
            Some(e) => over - self.vakantietoeslag_over(e, uitbetaalmaand, tabellen),
            None => over,
        }
    }

    /// De bijstand per maand, van de maand van `van` tot en met die van `tot`.
    pub fn per_maand(
        &self,
        van: NaiveDate,
        tot: NaiveDate,
        tabellen: &Normtabellen,
    ) -> Vec<(NaiveDate, Maanduitkomst)> {
        let mut uit = Vec::new();
        let mut s = GelezenSituatie::leeg();
        let Some(mut eerste) = van.with_day(1) else {
            return uit;
        };
        while eerste <= tot {
            let m = match self.maand_in(eerste, &mut s) {
                Err(()) => Maanduitkomst::GeenUitkering,
                Ok(deel) => match bereken_bedragen(&s.rekensituatie(eerste, deel), tabellen) {
                    Ok(b) => Maanduitkomst::Bedragen(b),
                    Err(f) => Maanduitkomst::Fout(f),
                },
            };
            uit.push((eerste, m));
            match eerste.checked_add_months(Months::new(1)) {
                Some(v) => eerste = v,
                None => break,
            }
        }
        uit
    }
}

/// De dag waarop iemand met deze geboortedatum de AOW-leeftijd bereikt (§8a); `None` als die
/// nog niet wettelijk vaststaat (dan valt zij niet binnen een lopende uitkering van nu).
fn aow_vanaf(geboren: NaiveDate) -> Option<NaiveDate> {
    match crate::aow::aow_datum(geboren) {
        crate::aow::AowDatum::Voor2021 => NaiveDate::from_ymd_opt(2021, 1, 1),
        crate::aow::AowDatum::Op { datum, .. } => Some(datum),
        crate::aow::AowDatum::NietVastgesteld { .. } => None,
    }
}

impl Feiten {
    /// Art. 47a Pw (participatiewet-feiten.md §12): vanaf de dag waarop de aanvrager (alleen of
    /// alleenstaande ouder) of bij gehuwden één van beiden de AOW-leeftijd bereikt, is de SVB
    /// bevoegd, niet de gemeente. Die dag, als zij binnen de uitkering valt.
    pub fn svb_vanaf(&self) -> Option<NaiveDate> {
        let aanvrager = self.aanvrager.and_then(aow_vanaf);
        let partner = self.partners.iter().filter_map(|(p, g)| {
            // De partner is er op de dag dat hij de AOW-leeftijd heeft (of komt al met die
            // leeftijd).
            let d = aow_vanaf(*g)?.max(p.vanaf);
            p.bevat(d).then_some(d)
        });
        aanvrager.into_iter().chain(partner).min()
    }

    /// Laat de gemeentelijke uitkering eindigen op de dag dat de SVB bevoegd wordt (art. 47a),
    /// als zij niet eerder eindigt: geen maand daarna wordt berekend of betaald, de maand
    /// zelf per kalenderdag.
    pub fn einde_bij_overdracht_svb(&mut self) {
        if let (Some(svb), Some(u)) = (self.svb_vanaf(), self.uitkering.as_mut()) {
            if u.tot.is_none_or(|t| t > svb) {
                u.tot = Some(svb.max(u.vanaf));
            }
        }
    }

    /// Aan wie de bijstand van gehuwden in de maand die op `eerste` begint gaat, als zij samen
    /// om betaling aan één van hen vroegen; `None`: voor de helft aan ieder (art. 45 lid 4).
    pub fn betaling_aan(&self, eerste: NaiveDate) -> Option<Wie> {
        self.een_rekening
            .iter()
            .find(|(p, _)| p.bevat(eerste))
            .map(|(_, w)| *w)
    }

    /// Raakt een opschorting de maand die op `eerste` begint?
    pub fn opgeschort_in(&self, eerste: NaiveDate) -> bool {
        let laatste = laatste_dag(eerste);
        self.opschortingen
            .iter()
            .any(|p| p.vanaf <= laatste && p.tot.is_none_or(|t| t > eerste))
    }

    /// De berekening van één maand met uitleg; `None` als er in die maand geen uitkering loopt.
    pub fn uitleg(
        &self,
        eerste: NaiveDate,
        tabellen: &Normtabellen,
    ) -> Option<Result<crate::berekening::Uitkomst, Invoerfout>> {
        let mut s = GelezenSituatie::leeg();
        let deel = self.maand_in(eerste, &mut s).ok()?;
        Some(crate::berekening::bereken_met_uitleg(
            &s.rekensituatie(eerste, deel),
            tabellen,
        ))
    }
}

/// Het verschil in één maand tussen twee berekeningen (vóór en na een mutatie of normtabel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maandverschil {
    pub maand: NaiveDate,
    pub voor: Centen,
    pub na: Centen,
    /// `na - voor`: positief is een nabetaling, negatief een te veel betaald bedrag.
    pub verschil: Centen,
}

/// De maanden waarin de uitbetaling verschilt.
pub fn verschillen(
    voor: &[(NaiveDate, Maanduitkomst)],
    na: &[(NaiveDate, Maanduitkomst)],
) -> Vec<Maandverschil> {
    let mut uit = Vec::new();
    for (maand, n) in na {
        let v = voor
            .iter()
            .find(|(m, _)| m == maand)
            .map_or(0, |(_, v)| v.uitbetaling());
        let n = n.uitbetaling();
        if v != n {
            uit.push(Maandverschil {
                maand: *maand,
                voor: v,
                na: n,
                verschil: n - v,
            });
        }
    }
    uit
}

/// De status van een mutatie. Een mutatie boven de drempel wacht op een tweede consulent (vier
/// ogen); alleen een goedgekeurde telt in de berekening. Eén keer beoordeeld, verandert de status
/// niet meer: wat onjuist bleek, vervalt met een nieuwe mutatie van de soort `correctie`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mutatiestatus {
    TeBeoordelen,
    Goedgekeurd,
    Afgewezen,
}

impl Mutatiestatus {
    pub const ALLE: [Mutatiestatus; 3] = [
        Mutatiestatus::TeBeoordelen,
        Mutatiestatus::Goedgekeurd,
        Mutatiestatus::Afgewezen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Mutatiestatus::TeBeoordelen => "te_beoordelen",
            Mutatiestatus::Goedgekeurd => "goedgekeurd",
            Mutatiestatus::Afgewezen => "afgewezen",
        }
    }

    /// Zoals de medewerker het leest.
    pub fn naam(self) -> &'static str {
        match self {
            Mutatiestatus::TeBeoordelen => "Wacht op beoordeling",
            Mutatiestatus::Goedgekeurd => "Verwerkt",
            Mutatiestatus::Afgewezen => "Afgewezen",
        }
    }

    pub fn uit_code(code: &str) -> Option<Mutatiestatus> {
        Mutatiestatus::ALLE.into_iter().find(|s| s.code() == code)
    }

    /// De status van een nieuwe mutatie: met vier ogen wacht zij, anders is zij meteen verwerkt.
    pub fn bij_registratie(vier_ogen: bool) -> Mutatiestatus {
        if vier_ogen {
            Mutatiestatus::TeBeoordelen
        } else {
            Mutatiestatus::Goedgekeurd
        }
    }

    /// De overgangen: alleen een wachtende mutatie wordt goedgekeurd of afgewezen.
    pub fn mag_naar(self, naar: Mutatiestatus) -> bool {
        self == Mutatiestatus::TeBeoordelen && naar != Mutatiestatus::TeBeoordelen
    }

    pub fn mag_beoordelen(self) -> bool {
        self == Mutatiestatus::TeBeoordelen
    }

    /// Telt in de berekening.
    pub fn geldt(self) -> bool {
        self == Mutatiestatus::Goedgekeurd
    }
}

/// Mag deze mutatie (soort, status) worden gecorrigeerd, gegeven de statussen van de correcties
/// die er al naar verwijzen? Alleen een verwerkte mutatie die zelf geen correctie is, en maar één
/// keer: een correctie die wacht of verwerkt is, sluit een tweede uit (een afgewezen niet). Het
/// scherm (de knop) en de use case (de controle) vragen het allebei hier.
pub fn corrigeerbaar(
    soort: Mutatiesoort,
    status: Mutatiestatus,
    correcties: impl IntoIterator<Item = Mutatiestatus>,
) -> Result<(), &'static str> {
    if status != Mutatiestatus::Goedgekeurd {
        return Err("Alleen een verwerkte (goedgekeurde) mutatie kan worden gecorrigeerd.");
    }
    if soort == Mutatiesoort::Correctie {
        return Err(
            "Een correctie wordt niet zelf gecorrigeerd: registreer de juiste mutatie opnieuw.",
        );
    }
    if correcties
        .into_iter()
        .any(|c| c != Mutatiestatus::Afgewezen)
    {
        return Err("Deze mutatie is al gecorrigeerd (of de correctie wacht op goedkeuring).");
    }
    Ok(())
}

/// Wat een gecontroleerde mutatie verandert, klaar om toe te passen of op te slaan. In de opslag
/// staat het als JSON met de soort als `soort`; die vorm blijft, want opgeslagen mutaties worden
/// er later weer mee gelezen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "soort")]
pub enum Mutatiegegevens {
    /// Een inkomen van de aanvrager of de partner (`van`; zonder: de aanvrager, zoals mutaties
    /// van vóór issue 19 zijn opgeslagen).
    Inkomen {
        inkomenssoort: Inkomenssoort,
        netto_centen: Centen,
        #[serde(default)]
        van: Wie,
        /// De vakantietoeslag die per maand over dit inkomen wordt opgebouwd, als de loonstrook
        /// die noemt (art. 31 lid 4); 0 als die niet bekend is.
        #[serde(default)]
        vakantietoeslag_centen: Centen,
    },
    InkomenStop {
        inkomenssoort: Inkomenssoort,
        #[serde(default)]
        van: Wie,
    },
    /// Het werkelijke inkomen over een periode (van de ingang tot en met `tot_en_met`), van een
    /// loonstrook of specificatie. Netto en de vakantietoeslag gaan over de hele periode; bruto
    /// wordt alleen vastgelegd (voor een latere terugvordering bruto, art. 58 lid 5).
    WerkelijkInkomen {
        inkomenssoort: Inkomenssoort,
        van: Wie,
        tot_en_met: NaiveDate,
        netto_centen: Centen,
        bruto_centen: Option<Centen>,
        vakantietoeslag_centen: Centen,
    },
    Verlaging {
        procent: i64,
    },
    Vrijlating {
        vrijlating: Vrijlatingssoort,
        #[serde(default)]
        van: Wie,
    },
    /// Art. 20 lid 3 voor `van`: vanaf de ingang wel (`geldt`) of niet meer.
    GeenBeroepOpOuders {
        van: Wie,
        geldt: bool,
    },
    /// Art. 54 lid 1: het recht is opgeschort; het verzuim moet vóór `hersteltermijn` zijn
    /// hersteld (lid 4; zonder: opgeslagen vóór issue 20).
    Opschorting {
        #[serde(default)]
        hersteltermijn: Option<NaiveDate>,
    },
    /// Het verzuim is hersteld: een lopende opschorting eindigt op de ingang.
    OpschortingOpgeheven,
    Beeindiging {
        reden: String,
    },
    Correctie {
        corrigeert: i64,
    },
    /// Een lid komt in het huishouden (partner, kind, medebewoner).
    LidIn {
        rol: String,
        bsn: i64,
        /// Geen: de persoon is al bekend in Vangnet.
        naam: Option<(String, String, String)>,
        geboortedatum: NaiveDate,
    },
    /// Een lid verlaat het huishouden.
    LidUit {
        persoon_id: i64,
    },
    /// De aanvrager krijgt een andere rekening (de betaalrun betaalt vanaf de ingang daarheen).
    Bankrekening {
        iban: String,
    },
    /// Art. 45 lid 4: voor de helft aan ieder (`verdelen`, de wet), of op gezamenlijk verzoek
    /// alles aan één van hen (`aan`; zonder: de aanvrager, zoals mutaties van vóór issue 20 zijn
    /// opgeslagen).
    Betaalwijze {
        verdelen: bool,
        #[serde(default)]
        aan: Wie,
    },
    /// Het huishouden verhuist binnen de gemeente.
    Adres {
        straat: String,
        huisnummer: i64,
        huisletter: Option<String>,
        toevoeging: Option<String>,
        postcode: String,
        woonplaats: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn alleenstaande(vanaf: &str) -> Feiten {
        Feiten {
            uitkering: Some(Periode::vanaf(d(vanaf))),
            aanvrager: Some(d("1988-04-12")),
            ..Default::default()
        }
    }

    fn uitbetalingen(f: &Feiten, van: &str, tot: &str) -> Vec<Centen> {
        f.per_maand(d(van), d(tot), &Normtabellen::standaard().unwrap())
            .iter()
            .map(|(_, m)| m.uitbetaling())
            .collect()
    }

    /// Issue 19 punt 6: de feiten van een lopende uitkering gaan per kalenderdag. Een partner die
    /// op 16 april 2026 komt, geeft april half de alleenstaandennorm en half de gehuwdennorm
    /// (140150 × 15/30 + 200213 × 15/30, §1 rijen 21a/21b), mei de gehuwdennorm; een inkomen dat
    /// op 16 april begint, telt in april over 15 dagen; en het einde van de uitkering op 21 april
    /// deelt de dagen met bijstand, niet de maand achteraf.
    #[test]
    fn wisselingen_midden_in_de_maand_per_dag() {
        let vt = |b: Centen| b - crate::berekening::half_naar_boven(b, 5, 100);
        let mut f = alleenstaande("2026-01-01");
        f.partners
            .push((Periode::vanaf(d("2026-04-16")), d("1990-01-01")));
        assert_eq!(
            uitbetalingen(&f, "2026-03-01", "2026-05-31"),
            [vt(140150), vt(70075 + 100107), vt(200213)]
        );
        let mut g = alleenstaande("2026-01-01");
        g.inkomsten.push((
            Periode::vanaf(d("2026-04-16")),
            Wie::Aanvrager,
            Inkomenssoort::Uitkering,
            60000,
            0,
        ));
        assert_eq!(
            uitbetalingen(&g, "2026-04-01", "2026-05-31"),
            [vt(140150 - 30000), vt(140150 - 60000)]
        );
        // De uitkering eindigt op 21 april (`tot` is de dag erna), de partner komt op de 16e:
        // 140150 × 15/30 + 200213 × 6/30 (40042,6 → 40043).
        f.uitkering = Some(Periode {
            vanaf: d("2026-01-01"),
            tot: Some(d("2026-04-22")),
        });
        assert_eq!(
            uitbetalingen(&f, "2026-04-01", "2026-04-30"),
            [vt(70075 + 40043)]
        );
    }

    /// De dagen die een loonstrook niet dekt, in stukken: ervoor, ertussen en erna.
    #[test]
    fn niet_gedekte_dagen() {
        let p = |a: &str, b: &str| (d(a), d(b));
        let tabel = [
            (
                p("2026-11-01", "2026-11-30"),
                vec![],
                vec![p("2026-11-01", "2026-11-30")],
            ),
            (
                p("2026-11-01", "2026-11-30"),
                vec![p("2026-11-01", "2026-11-30")],
                vec![],
            ),
            (
                p("2026-11-01", "2026-11-30"),
                vec![p("2026-11-11", "2026-11-20")],
                vec![p("2026-11-01", "2026-11-10"), p("2026-11-21", "2026-11-30")],
            ),
            (
                p("2026-11-01", "2026-11-30"),
                vec![p("2026-11-21", "2026-12-05"), p("2026-10-20", "2026-11-05")],
                vec![p("2026-11-06", "2026-11-20")],
            ),
            (
                p("2026-11-10", "2026-11-30"),
                vec![p("2026-11-01", "2026-11-12"), p("2026-11-12", "2026-11-15")],
                vec![p("2026-11-16", "2026-11-30")],
            ),
        ];
        for (dagen, gedekt, verwacht) in tabel {
            assert_eq!(niet_gedekt(dagen, gedekt.clone()), verwacht, "{gedekt:?}");
        }
    }

    fn in_mindering(f: &Feiten, van: &str, tot: &str) -> Vec<Centen> {
        f.per_maand(d(van), d(tot), &Normtabellen::standaard().unwrap())
            .iter()
            .map(|(_, m)| match m {
                Maanduitkomst::Bedragen(b) => b.inkomsten_in_mindering,
                _ => -1,
            })
            .collect()
    }

    fn loonstrook(van: &str, tot: &str, wie: Wie, netto: Centen) -> WerkelijkInkomen {
        WerkelijkInkomen {
            van_dag: d(van),
            tot_en_met: d(tot),
            wie,
            soort: Inkomenssoort::Arbeid,
            netto,
            vakantietoeslag: 0,
        }
    }

    /// Issue 19 punt 10; art. 32 lid 1 Pw (participatiewet-feiten.md §3 "Art 32": income is
    /// attributed to the period to which it relates). Een vierwekenloon van 5 oktober tot en
    /// met 1 november (28 dagen, € 1.400) telt 27/28 in oktober (€ 1.350) en 1/28 in november
    /// (€ 50); in november komt de loonstrook van 2 tot en met 29 november (€ 1.120) erbij. Over
    /// de dagen die de loonstroken dekken, vervangt het werkelijke inkomen de opgave van € 600;
    /// over de andere dagen blijft de opgave naar rato per kalenderdag: 1 t/m 4 oktober
    /// (4/31 × € 600 = € 77,42) en 30 november (1/30 × € 600 = € 20). In september en december
    /// blijft de opgave.
    #[test]
    fn werkelijk_inkomen_telt_in_de_periode_waarop_het_betrekking_heeft() {
        let mut f = alleenstaande("2026-01-01");
        f.inkomsten.push((
            Periode::vanaf(d("2026-01-01")),
            Wie::Aanvrager,
            Inkomenssoort::Arbeid,
            60000,
            0,
        ));
        f.werkelijke_inkomsten.push(loonstrook(
            "2026-10-05",
            "2026-11-01",
            Wie::Aanvrager,
            140000,
        ));
        f.werkelijke_inkomsten.push(loonstrook(
            "2026-11-02",
            "2026-11-29",
            Wie::Aanvrager,
            112000,
        ));
        assert_eq!(
            in_mindering(&f, "2026-09-01", "2026-12-31"),
            [60000, 135000 + 7742, 5000 + 112000 + 2000, 60000]
        );
        // De delen tellen precies op tot het bedrag, ook als het niet deelbaar is.
        let w = loonstrook("2026-10-05", "2026-11-01", Wie::Aanvrager, 100001);
        let okt = w.toegerekend(d("2026-10-01"), d("2026-10-31")).unwrap().0;
        let nov = w.toegerekend(d("2026-11-01"), d("2026-11-30")).unwrap().0;
        assert_eq!((okt, nov), (96430, 3571));
        assert!(w.toegerekend(d("2026-12-01"), d("2026-12-31")).is_none());
        // Een andere soort inkomen van dezelfde persoon blijft staan.
        let mut g = f.clone();
        g.inkomsten[0].2 = Inkomenssoort::Alimentatie;
        assert_eq!(
            in_mindering(&g, "2026-10-01", "2026-10-31"),
            [60000 + 135000]
        );
    }

    /// Art. 32 lid 1 onderdeel b: alleen inkomen over de periode waarover bijstand wordt
    /// gevraagd telt. Bijstand vanaf 15 oktober: een maandloon over oktober (€ 620) telt voor
    /// 17/31 (€ 340); een loonstrook over 15–31 oktober (€ 500) telt helemaal, en niet nog eens
    /// naar rato (de norm gaat dan per dag: 17/31 van 1.401,50 = 768,5645… → 768,56).
    #[test]
    fn werkelijk_inkomen_alleen_over_de_dagen_met_bijstand() {
        let mut f = alleenstaande("2026-10-15");
        f.werkelijke_inkomsten.push(loonstrook(
            "2026-10-01",
            "2026-10-31",
            Wie::Aanvrager,
            62000,
        ));
        assert_eq!(in_mindering(&f, "2026-10-01", "2026-10-31"), [34000]);
        let mut g = alleenstaande("2026-10-15");
        g.werkelijke_inkomsten.push(loonstrook(
            "2026-10-15",
            "2026-10-31",
            Wie::Aanvrager,
            50000,
        ));
        let t = Normtabellen::standaard().unwrap();
        let norm = t.op(d("2026-10-01")).unwrap().normen.alleenstaande_21_aow;
        match &g.per_maand(d("2026-10-01"), d("2026-10-31"), &t)[0].1 {
            Maanduitkomst::Bedragen(b) => {
                assert_eq!(b.inkomsten_in_mindering, 50000);
                assert_eq!(b.uitkering, half_naar_boven(norm, 17, 31) - 50000);
            }
            m => panic!("{m:?}"),
        }
        let uitleg = g.uitleg(d("2026-10-01"), &t).unwrap().unwrap();
        assert!(
            uitleg.uitleg.iter().any(|r| r
                .omschrijving
                .contains("werkelijk ontvangen over 15-10-2026 tot en met 31-10-2026")
                && r.omschrijving.contains("17 van de 17 dagen")),
            "{:?}",
            uitleg.uitleg
        );
    }

    /// Het werkelijke inkomen van de partner telt alleen over de dagen dat de partner er woont
    /// (art. 32 lid 1; het huishouden van art. 4): een partner die op 16 oktober komt, met een
    /// maandloon over oktober van € 620, telt voor 16/31 (€ 320).
    #[test]
    fn werkelijk_inkomen_van_de_partner_over_de_dagen_dat_die_er_woont() {
        let mut f = alleenstaande("2026-01-01");
        f.partners
            .push((Periode::vanaf(d("2026-10-16")), d("1990-01-01")));
        f.werkelijke_inkomsten
            .push(loonstrook("2026-10-01", "2026-10-31", Wie::Partner, 62000));
        assert_eq!(in_mindering(&f, "2026-10-01", "2026-10-31"), [32000]);
        // Zonder partner telt een loonstrook van "de partner" niet.
        let mut g = alleenstaande("2026-01-01");
        g.werkelijke_inkomsten
            .push(loonstrook("2026-10-01", "2026-10-31", Wie::Partner, 62000));
        assert_eq!(in_mindering(&g, "2026-10-01", "2026-10-31"), [0]);
    }

    /// Issue 20 punt 6; art. 47a Pw (participatiewet-feiten.md §12 "Art 47a"; de AOW-datum uit
    /// de tabel van §8a voor iemand geboren op 16 juni 1959). De gemeentelijke uitkering eindigt
    /// op de dag dat de aanvrager, of bij gehuwden één van beiden, de AOW-leeftijd bereikt; die
    /// maand per kalenderdag, daarna niets.
    #[test]
    fn overdracht_aan_de_svb_bij_de_aow_leeftijd() {
        let geboren = d("1959-06-16");
        let aow = match crate::aow::aow_datum(geboren) {
            crate::aow::AowDatum::Op { datum, .. } => datum,
            a => panic!("{a:?}"),
        };
        let mut f = alleenstaande("2026-01-01");
        f.aanvrager = Some(geboren);
        f.einde_bij_overdracht_svb();
        assert_eq!(f.uitkering.and_then(|u| u.tot), Some(aow));
        let na = aow
            .checked_add_months(Months::new(1))
            .unwrap()
            .with_day(1)
            .unwrap();
        let t = Normtabellen::standaard().unwrap();
        assert!(f
            .per_maand(na, na, &t)
            .iter()
            .all(|(_, m)| *m == Maanduitkomst::GeenUitkering));
        // Bij gehuwden telt de partner die de AOW-leeftijd eerder bereikt.
        let mut g = alleenstaande("2026-01-01");
        g.partners.push((Periode::vanaf(d("2026-01-01")), geboren));
        g.einde_bij_overdracht_svb();
        assert_eq!(g.uitkering.and_then(|u| u.tot), Some(aow));
        // Een partner die al de AOW-leeftijd heeft, maakt de SVB bevoegd vanaf zijn komst.
        let mut h = alleenstaande("2026-01-01");
        h.partners
            .push((Periode::vanaf(d("2026-09-01")), d("1950-01-01")));
        h.einde_bij_overdracht_svb();
        assert_eq!(h.uitkering.and_then(|u| u.tot), Some(d("2026-09-01")));
        // Een jonge aanvrager zonder partner: geen einde.
        let mut j = alleenstaande("2026-01-01");
        j.einde_bij_overdracht_svb();
        assert_eq!(j.uitkering.and_then(|u| u.tot), None);
    }

    /// Wat van "de partner" is, hoort bij de partner die er is: een nieuwe partner erft de
    /// vrijlating van de vorige niet (art. 31 lid 2 onderdeel n is per persoon, §12).
    #[test]
    fn een_nieuwe_partner_erft_geen_vrijlating() {
        let vt = |b: Centen| b - crate::berekening::half_naar_boven(b, 5, 100);
        let mut f = alleenstaande("2026-01-01");
        f.partners.push((
            Periode {
                vanaf: d("2026-01-01"),
                tot: Some(d("2026-03-01")),
            },
            d("1982-01-01"),
        ));
        f.partners
            .push((Periode::vanaf(d("2026-03-01")), d("1985-01-01")));
        f.vrijlatingen
            .push((Wie::Partner, Vrijlatingssoort::Arbeid, d("2026-01-01")));
        f.inkomsten.push((
            Periode::vanaf(d("2026-03-01")),
            Wie::Partner,
            Inkomenssoort::Arbeid,
            100000,
            0,
        ));
        assert_eq!(
            uitbetalingen(&f, "2026-03-01", "2026-03-31"),
            [vt(200213 - 100000)]
        );
    }

    /// Awb 6:7/6:8 (participatiewet-feiten.md §4): zes weken vanaf de dag na bekendmaking; een
    /// einde op een weekend- of feestdag schuift door (ATW art. 1).
    #[test]
    fn bezwaartermijnen() {
        let gevallen = [
            ("2026-11-02", "2026-12-14"),
            ("2026-11-14", "2026-12-28"), // za 26-12 (Tweede Kerstdag) → ma 28-12
            ("2026-03-24", "2026-05-06"), // di 5 mei → wo 6 mei
        ];
        for (bekend, einde) in gevallen {
            assert_eq!(bezwaartermijn(d(bekend)), d(einde), "{bekend}");
        }
    }

    #[test]
    fn mutatiesoorten() {
        for m in Mutatiesoort::ALLE {
            assert_eq!(Mutatiesoort::uit_code(m.code()), Some(m));
        }
        assert!(Mutatiesoort::Beeindiging.standaard_vier_ogen());
        assert!(!Mutatiesoort::InkomenStart.standaard_vier_ogen());
    }

    /// Bedragen uit participatiewet-feiten.md §1 en normen-bronnen.toml [periode.normen_excl_vt]:
    /// alleenstaande 21–AOW zonder inkomen krijgt de norm min 5 % vakantietoeslag.
    /// Issue 17 punt 7: de impact voor de vier-ogendrempel telt een blijvende wijziging twaalf
    /// maanden vooruit.
    #[test]
    fn impact_telt_een_blijvende_wijziging_twaalf_maanden_vooruit() {
        let vandaag = d("2026-12-06");
        let gevallen = [
            // (ingang, einde, tot en met)
            ("2027-01-01", None, "2027-12-01"), // volgende maand: 12 maanden
            ("2026-12-06", None, "2027-11-01"), // vandaag: december t/m november
            ("2026-09-01", None, "2027-11-01"), // terug: sept–nov + 12 vooruit
            ("2027-01-01", Some("2027-03-01"), "2027-02-28"), // tijdelijk: tot het einde
            ("2026-09-01", Some("2026-10-01"), "2026-12-06"), // voorbij: tot vandaag (zoals voorheen)
            ("2027-01-01", Some("2029-01-01"), "2028-12-31"), // lang tijdelijk: het hele tijdvak
        ];
        for (ingang, einde, tot) in gevallen {
            assert_eq!(
                impact_tot(d(ingang), einde.map(d), vandaag),
                d(tot),
                "{ingang} {einde:?}"
            );
        }
    }

    #[test]
    fn per_maand_met_start_einde_en_normwissel() {
        // Start 15-06-2025, tot en met 14-08-2025 (einde = 15-08).
        let mut f = alleenstaande("2025-06-15");
        f.uitkering = Some(Periode::nieuw(d("2025-06-15"), Some(d("2025-08-15"))).unwrap());
        let u = uitbetalingen(&f, "2025-05-01", "2025-09-30");
        // mei: niets; juni: 16/30 van 1.345,45 = 717,573… → 717,57, VT 35,88 → 681,69;
        // juli (norm 2025-07-01, excl. VT 1.300,61); augustus: 14/31 van 1.369,06 = 618,2851… →
        // 618,29, VT 30,91 → 587,38; september: niets.
        assert_eq!(u, [0, 68169, 130061, 58738, 0]);
    }

    #[test]
    fn inkomen_partner_en_verlaging_per_maand() {
        let mut f = alleenstaande("2026-01-01");
        // Inkomen 400,00 uitkering vanaf 1 maart; partner (gehuwd) vanaf 1 april; verlaging 10 %
        // in mei.
        f.inkomsten.push((
            Periode::vanaf(d("2026-03-01")),
            Wie::Aanvrager,
            Inkomenssoort::Uitkering,
            40000,
            0,
        ));
        f.partners
            .push((Periode::vanaf(d("2026-04-01")), d("1990-01-01")));
        f.verlagingen.push((
            Periode::nieuw(d("2026-05-01"), Some(d("2026-06-01"))).unwrap(),
            10,
        ));
        let t = Normtabellen::standaard().unwrap();
        let maanden = f.per_maand(d("2026-02-01"), d("2026-06-30"), &t);
        let norm: Vec<Centen> = maanden
            .iter()
            .map(|(_, m)| match m {
                Maanduitkomst::Bedragen(b) => b.uitkering,
                _ => -1,
            })
            .collect();
        // feb 1.401,50; mrt 1.401,50 − 400; apr/jun gehuwden 2.002,13 − 400; mei − 10 % van 2.002,13
        // (200,21).
        assert_eq!(norm, [140150, 100150, 160213, 160213 - 20021, 160213]);
    }

    /// Een mutatie met terugwerkende kracht over een normwissel (issue 6: ingang 2025-05-01,
    /// geregistreerd 2026-02-10): elke maand rekent met de normtabel van die maand, en het
    /// verschil per maand is de correctie.
    #[test]
    fn terugwerkend_over_een_normwissel() {
        let voor = alleenstaande("2025-01-01");
        let mut na = voor.clone();
        na.inkomsten.push((
            Periode::vanaf(d("2025-05-01")),
            Wie::Aanvrager,
            Inkomenssoort::Alimentatie,
            20000,
            0,
        ));
        let t = Normtabellen::standaard().unwrap();
        let (v, n) = (
            voor.per_maand(d("2025-04-01"), d("2026-01-31"), &t),
            na.per_maand(d("2025-04-01"), d("2026-01-31"), &t),
        );
        let vs = verschillen(&v, &n);
        assert_eq!(vs.len(), 9, "mei 2025 tot en met januari 2026");
        assert_eq!(vs[0].maand, d("2025-05-01"));
        // 200,00 minder bijstand, waarvan 5 % vakantietoeslag: 190,00 minder uitbetaald, in elke
        // periode (de norm verandert, het verschil niet).
        assert!(vs.iter().all(|x| x.verschil == -19000), "{vs:?}");
        assert_eq!(
            vs.iter().map(|x| x.verschil).sum::<Centen>(),
            -171000,
            "te veel betaald over negen maanden"
        );
    }

    /// Een kind dat 18 wordt, blijft als meerderjarige in het huishouden (geen fout).
    #[test]
    fn kind_wordt_meerderjarig() {
        let mut f = alleenstaande("2026-01-01");
        f.kinderen
            .push((Periode::vanaf(d("2026-01-01")), d("2008-02-10")));
        let t = Normtabellen::standaard().unwrap();
        let maanden = f.per_maand(d("2026-01-01"), d("2026-04-30"), &t);
        assert!(maanden
            .iter()
            .all(|(_, m)| matches!(m, Maanduitkomst::Bedragen(_))));
        let uitleg = f.uitleg(d("2026-03-01"), &t).unwrap().unwrap();
        assert_eq!(
            uitleg.uitleg[0].omschrijving,
            "Norm alleenstaande van 21 jaar tot de AOW-leeftijd"
        );
        assert!(f.uitleg(d("2025-12-01"), &t).is_none());
    }

    /// Vakantietoeslag over de opbouwperiode (participatiewet-feiten.md §1 "Vakantietoeslag":
    /// 5 %, betaald over de voorafgaande maanden of na het einde). normen-bronnen.toml,
    /// alleenstaande 21+: "art21a_alleenstaande_21_aow = 133142   # vt 7008" (periode
    /// 2026-01-01) en "= 134849   # vt 7097" (periode 2026-07-01). Uitbetaling in mei: de opbouw
    /// loopt van juni tot en met mei.
    #[test]
    fn vakantietoeslag_over_de_opbouwperiode() {
        let t = Normtabellen::standaard().unwrap();
        let tabel = [
            // (begin, einde (eerste dag zonder), tot en met, verwacht)
            (
                "2026-06-01",
                Some("2026-09-01"),
                "2026-08-01",
                7_008 + 7_097 + 7_097,
            ),
            (
                "2026-06-01",
                Some("2026-08-01"),
                "2026-08-01",
                7_008 + 7_097,
            ),
            ("2026-06-01", None, "2026-06-01", 7_008),
            // In mei: opbouw van juni 2025 tot en met mei 2026, bijstand vanaf januari.
            ("2026-01-01", None, "2026-05-01", 5 * 7_008),
        ];
        for (begin, einde, tot, verwacht) in tabel {
            let mut f = alleenstaande(begin);
            f.uitkering = Some(Periode {
                vanaf: d(begin),
                tot: einde.map(d),
            });
            assert_eq!(
                f.vakantietoeslag_over(d(tot), 5, &t),
                verwacht,
                "{begin} … {einde:?}, tot en met {tot}"
            );
        }
    }

    #[test]
    fn zonder_uitkering_of_aanvrager_geen_bedrag() {
        let f = Feiten::default();
        let t = Normtabellen::standaard().unwrap();
        assert!(f
            .per_maand(d("2026-01-01"), d("2026-03-31"), &t)
            .iter()
            .all(|(_, m)| *m == Maanduitkomst::GeenUitkering));
        // Een maand buiten de normtabellen: een fout, geen paniek.
        let f = alleenstaande("2023-11-01");
        assert!(matches!(
            f.per_maand(d("2023-11-01"), d("2023-11-30"), &t)[0].1,
            Maanduitkomst::Fout(_)
        ));
    }

    /// De toestanden van een mutatie en wanneer zij te corrigeren is (één regel voor scherm en
    /// use case).
    #[test]
    fn mutatiestatus_en_corrigeren() {
        use Mutatiestatus::*;
        for s in Mutatiestatus::ALLE {
            assert_eq!(Mutatiestatus::uit_code(s.code()), Some(s));
        }
        assert_eq!(Mutatiestatus::uit_code("verwerkt"), None);
        assert_eq!(Mutatiestatus::bij_registratie(true), TeBeoordelen);
        assert_eq!(Mutatiestatus::bij_registratie(false), Goedgekeurd);
        let overgangen = [
            (TeBeoordelen, Goedgekeurd, true),
            (TeBeoordelen, Afgewezen, true),
            (TeBeoordelen, TeBeoordelen, false),
            (Goedgekeurd, Afgewezen, false),
            (Afgewezen, Goedgekeurd, false),
        ];
        for (van, naar, mag) in overgangen {
            assert_eq!(van.mag_naar(naar), mag, "{van:?} -> {naar:?}");
        }
        let ink = Mutatiesoort::InkomenStart;
        let tabel: &[(Mutatiesoort, Mutatiestatus, &[Mutatiestatus], bool)] = &[
            (ink, Goedgekeurd, &[], true),
            (ink, Goedgekeurd, &[Afgewezen], true),
            (ink, Goedgekeurd, &[Afgewezen, TeBeoordelen], false),
            (ink, Goedgekeurd, &[Goedgekeurd], false),
            (ink, TeBeoordelen, &[], false),
            (ink, Afgewezen, &[], false),
            (Mutatiesoort::Correctie, Goedgekeurd, &[], false),
        ];
        for (soort, status, correcties, mag) in tabel {
            assert_eq!(
                corrigeerbaar(*soort, *status, correcties.iter().copied()).is_ok(),
                *mag,
                "{soort:?} {status:?} {correcties:?}"
            );
        }
    }

    /// De naam in JSON (audittrail, API) is de code in de database, voor elke soort en status.
    #[test]
    fn serde_naam_is_de_code() {
        let naam = |v: serde_json::Value| v.as_str().map(str::to_owned);
        for s in Mutatiesoort::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in Mutatiestatus::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::betaalrun::Runstatus::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::dossier::Status::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::dossier::Gebeurtenissoort::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::betaalrun::Categorie::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::betaalrun::Correctiesoort::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::betaalrun::Vorderingstatus::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
        for s in crate::werk::Taakgebeurtenissoort::ALLE {
            assert_eq!(
                naam(serde_json::json!(s)).as_deref(),
                Some(s.code()),
                "{s:?}"
            );
        }
    }
}
