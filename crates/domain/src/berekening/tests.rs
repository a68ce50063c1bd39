//! De tabeltests van de berekening: elke regel met de bron in `../shared/domain/`.

use super::*;
use chrono::Datelike;
use proptest::prelude::*;

fn tabellen() -> Normtabellen {
    Normtabellen::standaard().unwrap()
}

fn situatie(json: &str) -> Situatie {
    serde_json::from_str(json).unwrap()
}

fn reken(json: &str) -> Uitkomst {
    let u = bereken(&situatie(json), &tabellen()).unwrap();
    let som: Centen = u.uitleg.iter().map(|r| r.bedrag_centen).sum();
    assert_eq!(
        som, u.uitbetaling_centen,
        "de uitleg telt op tot de uitbetaling: {u:#?}"
    );
    u
}

/// De norm per huishouden. Elke rij noemt de bron: participatiewet-feiten.md §1 (tabel
/// "Normbedragen") of normen-bronnen.toml [periode.kostendelersnorm_per_persoon_incl_vt].
#[test]
fn normen_per_huishouden() {
    let gevallen: &[(&str, &str, Centen)] = &[
        // §1 rij 21a, kolom 2026-01-01: 1.401,50
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            "alleenstaande 37",
            140150,
        ),
        // §1 rij 21a, kolom 2026-01-01: ook de alleenstaande ouder
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"kinderen":[{"geboortedatum":"2016-02-01"}]}"#,
            "alleenstaande ouder",
            140150,
        ),
        // §1 rij 21b, kolom 2025-07-01: 1.955,80
        (
            r#"{"maand":"2025-09","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01"}}"#,
            "gehuwden 21-AOW",
            195580,
        ),
        // §1 rij 22a, kolom 2026-01-01: 1.564,69 (geboren 1950: AOW-leeftijd vóór 2021, §8a)
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"}}"#,
            "alleenstaande AOW",
            156469,
        ),
        // §1 rij 22b, kolom 2026-01-01: 2.144,16
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"},"partner":{"geboortedatum":"1952-01-01"}}"#,
            "gehuwden beiden AOW",
            214416,
        ),
        // §12 rij 1 (art 20 lid 1 onderdeel c, wettekst 2026-01-01): één partner de
        // AOW-leeftijd, de ander 18–20: niet art 22c (die vraagt 21 of ouder) maar 1.347,06
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"},"partner":{"geboortedatum":"2007-01-01"}}"#,
            "gehuwden één AOW, ander 19",
            134706,
        ),
        // §12 rij 1: idem met een kind, art 20 lid 2 onderdeel c: 1.747,49 (de jonge partner is
        // hier de aanvrager)
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"2007-01-01"},"partner":{"geboortedatum":"1950-05-05"},"kinderen":[{"geboortedatum":"2025-05-01"}]}"#,
            "gehuwden één AOW, ander 19, met kind",
            174749,
        ),
        // §12 rij 1 met kostendeler: art 22a lid 3 onderdeel b (345,99) + de kostendelersnorm
        // van de partner van de AOW-leeftijd (art 22a lid 1 onderdeel c, B = 22b), A = 2:
        // toml 2026-01-01 aow A2 = 107208
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"},"partner":{"geboortedatum":"2007-01-01"},"medebewoners":[{"geboortedatum":"1970-01-01","relatie":"overig"}]}"#,
            "gehuwden één AOW, ander 19, kostendeler",
            34599 + 107208,
        ),
        // art 19a lid 1 / contract `relatie: familie`: een bloedverwant in de eerste of tweede
        // graad telt als kostendeler, ook met een commerciële huur (§2): A2 = 100107
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1960-07-07","relatie":"familie"}]}"#,
            "familie met huurcontract telt mee",
            100107,
        ),
        // §1 rij 22b = 22c: één partner de AOW-leeftijd
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1970-05-05"},"partner":{"geboortedatum":"1952-01-01"}}"#,
            "gehuwden één AOW",
            214416,
        ),
        // §1 rij 20.1a, kolom 2024-01-01: 316,94
        (
            r#"{"maand":"2024-02","aanvrager":{"geboortedatum":"2005-06-01"}}"#,
            "alleenstaande 18",
            31694,
        ),
        // §1 rij 20.1a = 20.2a, kolom 2026-01-01: 345,99
        (
            r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"2006-01-01"},"kinderen":[{"geboortedatum":"2025-01-01"}]}"#,
            "alleenstaande ouder 20",
            34599,
        ),
        // §1 rij 20.1b, kolom 2026-01-01: 691,98
        (
            r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"2006-01-01"},"partner":{"geboortedatum":"2007-01-01"}}"#,
            "gehuwden beiden 18-20",
            69198,
        ),
        // §1 rij 20.2b, kolom 2026-01-01: 1.092,41
        (
            r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"2006-01-01"},"partner":{"geboortedatum":"2007-01-01"},"kinderen":[{"geboortedatum":"2025-05-01"}]}"#,
            "gehuwden beiden 18-20 met kind",
            109241,
        ),
        // §1 rij 20.1c, kolom 2026-01-01: 1.347,06
        (
            r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"}}"#,
            "gehuwden één 18-20",
            134706,
        ),
        // §1 rij 20.2c, kolom 2026-01-01: 1.747,49
        (
            r#"{"maand":"2026-02","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"},"kinderen":[{"geboortedatum":"2025-05-01"}]}"#,
            "gehuwden één 18-20 met kind",
            174749,
        ),
        // toml 2026-01-01 kostendelersnorm jonger_dan_aow A2 = 100107 (half cent naar boven)
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
            "alleenstaande + 1 kostendeler",
            100107,
        ),
        // idem A3 = 86759, twee keer (art 22a lid 2: som van beide echtgenoten)
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"partner":{"geboortedatum":"1990-09-30"},"kinderen":[{"geboortedatum":"2016-02-01"}],"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
            "gehuwden + 1 kostendeler",
            2 * 86759,
        ),
        // toml 2026-01-01 aow A2 = 107208
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1950-04-12"},"medebewoners":[{"geboortedatum":"1980-07-07","relatie":"overig"}]}"#,
            "alleenstaande AOW + 1 kostendeler",
            107208,
        ),
        // art 22a lid 3 onderdeel b (345,99) + kostendelersnorm van de 21+ partner, A = 2 (100107)
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"},"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
            "jonge partner + kostendeler",
            34599 + 100107,
        ),
        // art 22a lid 3 onderdeel a (746,42) met kinderen
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-01-01"},"partner":{"geboortedatum":"2007-01-01"},"kinderen":[{"geboortedatum":"2025-05-01"}],"medebewoners":[{"geboortedatum":"1961-07-07","relatie":"familie"}]}"#,
            "jonge partner met kind + kostendeler",
            74642 + 100107,
        ),
        // art 19a: niet onder 27, niet commercieel, geen student: volle norm 21a
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"2000-01-01","relatie":"familie"},{"geboortedatum":"1970-01-01","relatie":"commercieel"},{"geboortedatum":"1990-01-01","relatie":"student"}]}"#,
            "geen kostendelers",
            140150,
        ),
        // art 22a geldt alleen vanaf 21: een 19-jarige met een kostendeler houdt de jongerennorm
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01"},"medebewoners":[{"geboortedatum":"1970-01-01","relatie":"familie"}]}"#,
            "18-20 met kostendeler",
            34599,
        ),
    ];
    for (json, wat, norm) in gevallen {
        assert_eq!(reken(json).norm_centen, *norm, "{wat}");
    }
}

/// Een deel van de maand: naar rato per kalenderdag (art 45 lid 3); de hele maand als deel is
/// gelijk aan de maand.
#[test]
fn deel_van_de_maand() {
    let s = situatie(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#);
    let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").unwrap();
    let t = tabellen();
    // 1.401,50 × 17/31 = 768,5645… → 768,56; VT 5% = 38,428 → 38,43
    let u = bereken_deel(&s, &t, d("2026-01-15"), d("2026-01-31")).unwrap();
    assert_eq!(
        (
            u.uitkering_centen,
            u.vakantietoeslag_reservering_centen,
            u.uitbetaling_centen
        ),
        (76856, 3843, 73013)
    );
    assert_eq!(
        u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
        u.uitbetaling_centen
    );
    assert_eq!(
        bereken_deel(&s, &t, d("2026-01-01"), d("2026-01-31")).unwrap(),
        bereken(&s, &t).unwrap()
    );
    assert_eq!(
        bereken_deel(&s, &t, d("2026-02-01"), d("2026-02-03"))
            .unwrap_err()
            .veld,
        "van"
    );
    assert_eq!(
        bereken_deel(&s, &t, d("2026-01-10"), d("2026-01-09"))
            .unwrap_err()
            .veld,
        "tot_en_met"
    );
}

/// Het voorbeeld uit contracts/bereken.md (alleenstaande 37, 600,00 arbeid, vrijlating vanaf
/// de maand zelf): norm 1.401,50 (§1 21a 2026-01), vrijlating 25% = 150,00 onder het maximum
/// 285,00 (§3 rij n 2026-01), VT-reservering 5% van 951,50 = 47,575 → 47,58.
#[test]
fn voorbeeld_uit_het_contract() {
    let u = reken(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}]}"#,
    );
    assert_eq!(
        (
            u.norm_centen,
            u.inkomsten_in_mindering_centen,
            u.verlaging_centen,
            u.uitkering_centen,
            u.vakantietoeslag_reservering_centen,
            u.uitbetaling_centen
        ),
        (140150, 45000, 0, 95150, 4758, 90392)
    );
    assert_eq!(u.uitleg[0].artikel, "art. 21 onderdeel a Participatiewet");
}

/// Zonder inkomen is de uitbetaling de norm zonder vakantietoeslag: normen-bronnen.toml
/// [periode.normen_excl_vt] 2026-01-01 art21a = 133142 (vt 7008).
#[test]
fn zonder_inkomen_de_norm_zonder_vakantietoeslag() {
    let u = reken(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#);
    assert_eq!(
        (
            u.uitkering_centen,
            u.vakantietoeslag_reservering_centen,
            u.uitbetaling_centen
        ),
        (140150, 7008, 133142)
    );
}

/// §3 rij n: 25%, ten hoogste 285,00 (2026-01), hoogstens 6 maanden vanaf de ingangsdatum, niet
/// onder de 27 (art 31 lid 5).
#[test]
fn vrijlating_arbeid() {
    let basis = |maand: &str, geboren: &str, vanaf: &str, arbeid: i64| {
        reken(&format!(
            r#"{{"maand":"{maand}","aanvrager":{{"geboortedatum":"{geboren}"}},"inkomsten":[{{"soort":"arbeid","netto_centen":{arbeid}}},{{"soort":"alimentatie","netto_centen":10000}}],"vrijlatingen":[{{"soort":"arbeid","vanaf":"{vanaf}"}}]}}"#
        ))
    };
    let gevallen = [
        // maand, geboren, vanaf, arbeid, in mindering
        (
            "2026-01",
            "1988-04-12",
            "2026-01-01",
            60000,
            60000 - 15000 + 10000,
        ),
        (
            "2026-01",
            "1988-04-12",
            "2026-01-01",
            200000,
            200000 - 28500 + 10000,
        ), // gemaximeerd
        (
            "2026-01",
            "1988-04-12",
            "2026-01-01",
            10001,
            10001 - 2500 + 10000,
        ), // 2500,25 → 2500
        (
            "2026-01",
            "1988-04-12",
            "2026-01-01",
            10002,
            10002 - 2501 + 10000,
        ), // 2500,5 → 2501
        (
            "2026-06",
            "1988-04-12",
            "2026-01-01",
            60000,
            60000 - 15000 + 10000,
        ), // 6e maand
        ("2026-07", "1988-04-12", "2026-01-01", 60000, 60000 + 10000), // 7e maand: voorbij
        ("2025-12", "1988-04-12", "2026-01-01", 60000, 60000 + 10000), // nog niet
        ("2026-01", "2000-04-12", "2026-01-01", 60000, 60000 + 10000), // 25 jaar
    ];
    for (maand, geboren, vanaf, arbeid, verwacht) in gevallen {
        assert_eq!(
            basis(maand, geboren, vanaf, arbeid).inkomsten_in_mindering_centen,
            verwacht,
            "{maand} {geboren} {arbeid}"
        );
    }
    assert!(basis("2026-01", "2000-04-12", "2026-01-01", 60000)
        .uitleg
        .iter()
        .any(|r| r.artikel == "art. 31 lid 5 Participatiewet"));
}

/// §12 rij 2 (art 31 lid 2 onderdeel n, wettekst 2026-01-01): vanaf de AOW-leeftijd geen grens
/// van zes maanden en geen oordeel van het college over arbeidsinschakeling, dus ook zonder
/// toekenning; daaronder wel (§3 rij n).
#[test]
fn vrijlating_arbeid_vanaf_de_aow_leeftijd() {
    let gevallen: &[(&str, &str, &str, Centen, &str)] = &[
        // maand, geboren, vrijlatingen, in mindering (arbeid 60000), wat
        (
            "2026-07",
            "1950-05-05",
            r#"[{"soort":"arbeid","vanaf":"2026-01-01"}]"#,
            45000,
            "AOW, 7e maand: nog steeds 25 %",
        ),
        (
            "2026-11",
            "1950-05-05",
            r#"[]"#,
            45000,
            "AOW, zonder toekenning",
        ),
        (
            "2026-07",
            "1970-05-05",
            r#"[{"soort":"arbeid","vanaf":"2026-01-01"}]"#,
            60000,
            "onder de AOW-leeftijd, 7e maand: voorbij",
        ),
        (
            "2026-03",
            "1970-05-05",
            r#"[]"#,
            60000,
            "onder de AOW-leeftijd, niet toegekend",
        ),
    ];
    for (maand, geboren, vrij, verwacht, wat) in gevallen {
        let u = reken(&format!(
            r#"{{"maand":"{maand}","aanvrager":{{"geboortedatum":"{geboren}"}},"inkomsten":[{{"soort":"arbeid","netto_centen":60000}}],"vrijlatingen":{vrij}}}"#
        ));
        assert_eq!(u.inkomsten_in_mindering_centen, *verwacht, "{wat}: {u:#?}");
    }
}

/// §12 rij 3 (art 31 lid 2 onderdeel n en lid 5, gangbare lezing, UNVERIFIED tegen
/// jurisprudentie): elke partner zijn eigen vrijlating, met eigen leeftijdstoets, eigen
/// maximum (285,00 in 2026-01) en eigen periode.
#[test]
fn vrijlating_per_persoon() {
    let paar = |aanvrager: &str, partner: &str, inkomsten: &str, vrijlatingen: &str| {
        reken(&format!(
            r#"{{"maand":"2026-03","aanvrager":{{"geboortedatum":"{aanvrager}"}},"partner":{{"geboortedatum":"{partner}"}},"inkomsten":{inkomsten},"vrijlatingen":{vrijlatingen}}}"#
        ))
    };
    let beiden = r#"[{"soort":"arbeid","vanaf":"2026-01-01"},{"soort":"arbeid","vanaf":"2026-01-01","van":"partner"}]"#;
    let gevallen: &[(&str, &str, &str, &str, Centen, &str)] = &[
        // Ieder 1.000,00: ieder 250,00 vrij (samen 500,00; onder één maximum was het 285,00).
        (
            "1980-01-01",
            "1982-01-01",
            r#"[{"soort":"arbeid","netto_centen":100000},{"soort":"arbeid","netto_centen":100000,"van":"partner"}]"#,
            beiden,
            200000 - 50000,
            "ieder zijn eigen maximum",
        ),
        // Ieder 2.000,00: ieder het maximum van 285,00.
        (
            "1980-01-01",
            "1982-01-01",
            r#"[{"soort":"arbeid","netto_centen":200000},{"soort":"arbeid","netto_centen":200000,"van":"partner"}]"#,
            beiden,
            400000 - 2 * 28500,
            "ieder gemaximeerd",
        ),
        // De partner is 24: geen vrijlating voor haar, wel voor de aanvrager.
        (
            "1980-01-01",
            "2001-06-01",
            r#"[{"soort":"arbeid","netto_centen":100000},{"soort":"arbeid","netto_centen":100000,"van":"partner"}]"#,
            beiden,
            200000 - 25000,
            "eigen leeftijdstoets",
        ),
        // De aanvrager is 24, de partner 44: de vrijlating van de partner telt.
        (
            "2001-06-01",
            "1982-01-01",
            r#"[{"soort":"arbeid","netto_centen":100000,"van":"partner"}]"#,
            r#"[{"soort":"arbeid","vanaf":"2026-01-01","van":"partner"}]"#,
            100000 - 25000,
            "de partner is 27+",
        ),
        // Eigen periode: die van de aanvrager is voorbij (vanaf 2025-09), die van de partner niet.
        (
            "1980-01-01",
            "1982-01-01",
            r#"[{"soort":"arbeid","netto_centen":100000},{"soort":"arbeid","netto_centen":100000,"van":"partner"}]"#,
            r#"[{"soort":"arbeid","vanaf":"2025-09-01"},{"soort":"arbeid","vanaf":"2026-02-01","van":"partner"}]"#,
            200000 - 25000,
            "eigen periode",
        ),
        // Alleen de vrijlating van de aanvrager: het inkomen van de partner is niet vrij.
        (
            "1980-01-01",
            "1982-01-01",
            r#"[{"soort":"arbeid","netto_centen":100000,"van":"partner"}]"#,
            r#"[{"soort":"arbeid","vanaf":"2026-01-01"}]"#,
            100000,
            "vrijlating van een ander",
        ),
    ];
    for (a, p, ink, vrij, verwacht, wat) in gevallen {
        let u = paar(a, p, ink, vrij);
        assert_eq!(u.inkomsten_in_mindering_centen, *verwacht, "{wat}: {u:#?}");
    }
    // De uitleg noemt van wie, en dat de lezing per persoon niet geverifieerd is (§12).
    let u = paar("1980-01-01", "1982-01-01", gevallen[0].2, beiden);
    assert!(
        u.uitleg
            .iter()
            .any(|r| r.artikel == "art. 31 lid 2 onderdeel n Participatiewet"
                && r.omschrijving.contains("van de partner")
                && r.omschrijving.contains("NIET geverifieerd")),
        "{u:#?}"
    );
    let u = paar("1980-01-01", "2001-06-01", gevallen[2].2, beiden);
    assert!(
        u.uitleg
            .iter()
            .any(|r| r.omschrijving.contains("de partner is jonger dan 27")),
        "{u:#?}"
    );
    // Versie 1 (zonder `van`): alles van de aanvrager, zoals vroeger.
    let v1 = reken(
        r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01"},"inkomsten":[{"soort":"arbeid","netto_centen":200000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}]}"#,
    );
    assert_eq!(v1.inkomsten_in_mindering_centen, 200000 - 28500);
}

/// §12 / issue 19 punt 6 (contract v2 `vanaf`/`tot`): wie midden in de maand komt of gaat,
/// telt per kalenderdag, zoals een verjaardag (art. 20–22a gelden naar de situatie op de dag;
/// naar rato per kalenderdag, half naar boven op centen, als de leeftijdswissel in §1). April
/// 2026 heeft 30 dagen; normtabel 2026-01-01 (§1 rijen 21a en 21b, toml A2 = 100107).
#[test]
fn wisselingen_midden_in_de_maand() {
    let gevallen: &[(&str, Centen, &str)] = &[
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","vanaf":"2026-04-16"}}"#,
            70075 + 100107, // 140150 × 15/30 + 200213 × 15/30 (100106,5 → 100107)
            "partner komt op de 16e",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","tot":"2026-04-10"}}"#,
            66738 + 93433, // 200213 × 10/30 + 140150 × 20/30
            "partner gaat na de 10e",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"medebewoners":[{"geboortedatum":"1960-01-01","relatie":"familie","vanaf":"2026-04-11"}]}"#,
            46717 + 66738, // 140150 × 10/30 + 100107 × 20/30
            "kostendeler komt op de 11e",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"medebewoners":[{"geboortedatum":"1960-01-01","relatie":"commercieel","vanaf":"2026-04-11"}]}"#,
            140150,
            "een huurder telt niet mee, ook niet per dag",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","vanaf":"2026-04-01","tot":"2026-04-30"}}"#,
            200213,
            "de hele maand als vanaf/tot is de hele maand",
        ),
    ];
    for (json, norm, wat) in gevallen {
        let u = reken(json);
        assert_eq!(u.norm_centen, *norm, "{wat}: {u:#?}");
    }
    // Slechte invoer noemt het veld.
    for (json, veld) in [
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","vanaf":"2026-05-01"}}"#,
            "partner.vanaf",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","vanaf":"2026-04-20","tot":"2026-04-10"}}"#,
            "partner.tot",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"medebewoners":[{"geboortedatum":"1960-01-01","relatie":"familie","tot":"2026-03-31"}]}"#,
            "medebewoners[0].tot",
        ),
        (
            r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","vanaf":"16-04-2026"}}"#,
            "partner.vanaf",
        ),
    ] {
        let f = bereken(&situatie(json), &tabellen()).unwrap_err();
        assert_eq!(f.veld, veld, "{json}: {f}");
    }
}

/// Issue 19 punt 6: een inkomen dat midden in de maand begint en een verlaging die midden in de
/// maand ingaat, tellen over hun dagen (art. 31–32 en art. 18 lid 2; naar rato per kalenderdag);
/// met bijstand vanaf de 11e lopen de delen alleen over de dagen met bijstand.
#[test]
fn inkomen_en_verlaging_midden_in_de_maand() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let t = tabellen();
    let ink = |soort, netto, dagen| Inkomensregel {
        van: Wie::Aanvrager,
        soort,
        netto,
        vakantietoeslag: 0,
        dagen,
        toerekening: None,
    };
    let reken = |inkomsten: &[Inkomensregel],
                 verlagingen: &[(i64, Dagen)],
                 partner: Dagen,
                 deel: Option<(NaiveDate, NaiveDate)>| {
        let s = Rekensituatie {
            maand: d("2026-04-01"),
            aanvrager: d("1980-01-01"),
            partner: partner.map(|_| d("1982-01-01")),
            partner_dagen: partner,
            kinderen: &[],
            medebewoners: &[],
            inkomsten,
            vrijlatingen: &[],
            verlagingen,
            geen_beroep_op_ouders: [false, false],
            deel,
        };
        let u = bereken_met_uitleg(&s, &t).unwrap();
        assert_eq!(
            u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
            u.uitbetaling_centen,
            "de uitleg telt op: {u:#?}"
        );
        assert_eq!(
            bereken_bedragen(&s, &t).unwrap().uitbetaling,
            u.uitbetaling_centen,
            "het snelle pad rekent hetzelfde"
        );
        u
    };
    let helft = Some((d("2026-04-16"), d("2026-04-30")));
    // 600,00 per maand vanaf de 16e: 15/30 = 300,00.
    let u = reken(
        &[ink(Inkomenssoort::Uitkering, 60000, helft)],
        &[],
        None,
        None,
    );
    assert_eq!(u.inkomsten_in_mindering_centen, 30000);
    assert!(
        u.uitleg
            .iter()
            .any(|r| r.omschrijving.contains("15 van de 30 dagen")),
        "{u:#?}"
    );
    // Een wijziging op de 16e: 400,00 tot en met de 15e, 600,00 daarna = 200,00 + 300,00.
    let u = reken(
        &[
            ink(
                Inkomenssoort::Uitkering,
                40000,
                Some((d("2026-04-01"), d("2026-04-15"))),
            ),
            ink(Inkomenssoort::Uitkering, 60000, helft),
        ],
        &[],
        None,
        None,
    );
    assert_eq!(u.inkomsten_in_mindering_centen, 50000);
    // Een verlaging van 20 % vanaf de 16e: over de norm van die dagen (70075): 14015.
    let u = reken(&[], &[(20, helft)], None, None);
    assert_eq!(
        (u.norm_centen, u.verlaging_centen),
        (140150, 14015),
        "{u:#?}"
    );
    // Bijstand vanaf de 11e, partner vanaf de 16e: 140150 × 5/30 + 200213 × 15/30, geen
    // verdere deling.
    let u = reken(&[], &[], helft, Some((d("2026-04-11"), d("2026-04-30"))));
    assert_eq!(u.uitkering_centen, 23358 + 100107, "{u:#?}");
    // Een inkomen van vóór de bijstand telt alleen over de dagen met bijstand.
    let u = reken(
        &[ink(
            Inkomenssoort::Uitkering,
            60000,
            Some((d("2026-04-01"), d("2026-04-15"))),
        )],
        &[],
        helft,
        Some((d("2026-04-11"), d("2026-04-30"))),
    );
    assert_eq!(
        u.inkomsten_in_mindering_centen, 10000,
        "5 van de 30 dagen: {u:#?}"
    );
}

/// Rijen uit een juridische lezing (2026-12-06) van de regels van issue 19, met hun bron.
#[test]
fn randgevallen_per_dag_en_per_persoon() {
    let t = tabellen();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // A. Bijstand vanaf de 16e, de aanvrager wordt op de 20e 21 (§1 rijen 20.1a en 21a): de
    // delen lopen alleen over de dagen met bijstand: 34599 × 4/31 + 140150 × 12/31 = 4464 +
    // 54252; vroeger telden de dagen vóór de bijstand mee met hun norm.
    let s = situatie(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2005-01-20"}}"#);
    let u = bereken_deel(&s, &t, d("2026-01-16"), d("2026-01-31")).unwrap();
    assert_eq!(u.uitkering_centen, 4464 + 54252, "{u:#?}");
    // A'. Bijstand vanaf de 16e, de verjaardag (21) valt ervóór, op de 10e: de hele bijstand
    // met de norm van 21 jaar: 140150 × 16/31 = 72335,48 → 72335 (vroeger werden de dagen vóór de
    // bijstand met de jongerennorm meegewogen).
    let s = situatie(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2005-01-10"}}"#);
    let u = bereken_deel(&s, &t, d("2026-01-16"), d("2026-01-31")).unwrap();
    assert_eq!(u.uitkering_centen, 72335, "{u:#?}");
    // A''. Het tijdvak van onderdeel n eindigt op de 10e (toegekend 11-07-2025), de bijstand
    // begint op de 16e: geen vrijlating in de dagen met bijstand.
    let s = situatie(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2025-07-11"}]}"#,
    );
    let u = bereken_deel(&s, &t, d("2026-01-16"), d("2026-01-31")).unwrap();
    assert_eq!(
        u.inkomsten_in_mindering_centen, 30968,
        "60000 × 16/31: {u:#?}"
    );
    // B. De partner vertrekt na de 10e en verdient 900,00 per maand: zijn inkomen telt over
    // zijn dagen (art. 31–32; 90000 × 10/30), de norm per dag (66738 + 93433).
    let u = reken(
        r#"{"maand":"2026-04","aanvrager":{"geboortedatum":"1980-01-01"},"partner":{"geboortedatum":"1982-01-01","tot":"2026-04-10"},"inkomsten":[{"soort":"arbeid","netto_centen":90000,"van":"partner"}]}"#,
    );
    assert_eq!(u.uitkering_centen, 66738 + 93433 - 30000, "{u:#?}");
    // C. Onderdeel n "gedurende ten hoogste zes maanden" (§3 rij n): toegekend op 15-12-2025,
    // dus tot en met 14-06-2026: in juni 14 van de 30 dagen van 150,00 = 70,00 vrij.
    let u = reken(
        r#"{"maand":"2026-06","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2025-12-15"}]}"#,
    );
    assert_eq!(u.inkomsten_in_mindering_centen, 60000 - 7000, "{u:#?}");
    // D. Vanaf de AOW-leeftijd verstrijkt de periode van onderdeel n niet, dus geldt onderdeel
    // r (voorwaarde 2°) niet: alleen 25 % (§1 rij 22a: 156469).
    let u = reken(
        r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-06-01"},"kinderen":[{"geboortedatum":"2016-01-01"}],"inkomsten":[{"soort":"arbeid","netto_centen":100000}],"vrijlatingen":[{"soort":"alleenstaande_ouder","vanaf":"2026-01-01"}]}"#,
    );
    assert_eq!(u.uitkering_centen, 156469 - 75000, "{u:#?}");
    // E. Een medebewoner die nooit meetelt (commercieel), met een datum: dezelfde uitkomst als
    // zonder hem ((140150 − (120000 − 28500)) × 16/31 = 25109,7 → 25110).
    let zonder = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":120000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}]}"#;
    let met = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1970-01-01","relatie":"commercieel","vanaf":"2026-01-20"}],"inkomsten":[{"soort":"arbeid","netto_centen":120000}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}]}"#;
    for json in [zonder, met] {
        let u = bereken_deel(&situatie(json), &t, d("2026-01-16"), d("2026-01-31")).unwrap();
        assert_eq!(u.uitkering_centen, 25110, "{json}: {u:#?}");
    }
}

/// §12 "VT over own income (art 31 lid 4)": de aanspraak op vakantietoeslag over een inkomen
/// telt als middel. Staat zij op de loonstrook (`vakantietoeslag_centen`, contract v2), dan telt
/// dat bedrag in de maand; de vrijlating van onderdeel n gaat alleen over het netto loon.
#[test]
fn vakantietoeslag_over_eigen_inkomen() {
    let u = reken(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000,"vakantietoeslag_centen":4800}],"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01"}]}"#,
    );
    assert_eq!(
        u.inkomsten_in_mindering_centen,
        60000 - 15000 + 4800,
        "{u:#?}"
    );
    assert!(u
        .uitleg
        .iter()
        .any(|r| r.artikel.starts_with("art. 31 lid 4") && r.bedrag_centen == -4800));
    let f = bereken(
        &situatie(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":60000,"vakantietoeslag_centen":-1}]}"#),
        &tabellen(),
    )
    .unwrap_err();
    assert_eq!(f.veld, "inkomsten[0].vakantietoeslag_centen");
}

#[test]
fn verlaging_en_nooit_onder_nul() {
    // 10% van 1.401,50 = 140,15 (art 18, §4)
    let u = reken(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":10}"#,
    );
    assert_eq!((u.verlaging_centen, u.uitkering_centen), (14015, 126135));
    let u = reken(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"uitkering","netto_centen":200000}]}"#,
    );
    assert_eq!(
        (
            u.uitkering_centen,
            u.vakantietoeslag_reservering_centen,
            u.uitbetaling_centen
        ),
        (0, 0, 0)
    );
    let u = reken(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":100}"#,
    );
    assert_eq!(u.uitkering_centen, 0);
}

#[test]
fn onzekere_periode_staat_in_de_uitleg() {
    let u = reken(r#"{"maand":"2026-08","aanvrager":{"geboortedatum":"1988-04-12"}}"#);
    assert!(u.uitleg[0].omschrijving.contains("niet geverifieerd"));
    assert_eq!(
        u.norm_centen, 141946,
        "§1 rij 21a kolom 2026-07-01: 1.419,46"
    );
}

/// Een leeftijdsgrens midden in de maand: elke norm geldt naar rato van haar kalenderdagen,
/// elk deel half naar boven afgerond. Bedragen uit participatiewet-feiten.md §1 (kolom
/// 2026-01-01) en normen-bronnen.toml [periode.kostendelersnorm_per_persoon_incl_vt]; AOW-datum
/// uit §8a (geboren in 1959: 67 jaar, in 2026).
#[test]
fn norm_wisselt_midden_in_de_maand() {
    let gevallen: &[(&str, &str, Centen, usize)] = &[
        // 21 op 15-01-2026: 345,99 × 14/31 = 156,2535 → 156,25; 1.401,50 × 17/31 = 768,5645 → 768,56
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2005-01-15"}}"#,
            "wordt 21",
            15625 + 76856,
            2,
        ),
        // AOW-leeftijd op 10-03-2026: 1.401,50 × 9/31 = 406,887 → 406,89; 1.564,69 × 22/31 = 1.110,4251 → 1.110,43
        (
            r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1959-03-10"}}"#,
            "bereikt de AOW-leeftijd",
            40689 + 111043,
            2,
        ),
        // medebewoner (familie) 27 op 20-01-2026: 1.401,50 × 19/31 = 858,9839 → 858,98; kostendeler A=2 1.001,07 × 12/31 = 387,5109 → 387,51
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1999-01-20","relatie":"familie"}]}"#,
            "medebewoner wordt 27",
            85898 + 38751,
            2,
        ),
        // een student wordt ook 27, maar telt nooit mee (art 19a): geen wissel
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1999-01-20","relatie":"student"}]}"#,
            "student",
            140150,
            0,
        ),
        // kind 18 op 10-01-2026, partner 20: 20.2c 1.747,49 × 9/31 = 507,3358 → 507,34; 20.1c 1.347,06 × 22/31 = 955,978 → 955,98
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1986-05-05"},"partner":{"geboortedatum":"2005-06-06"},"kinderen":[{"geboortedatum":"2008-01-10"}]}"#,
            "kind wordt 18",
            50734 + 95598,
            2,
        ),
        // geboren 29-02-2004: in 2025 (geen schrikkeljaar) 21 op 1 maart; februari 20.1a
        // (kolom 2025-01-01: 332,17), maart 21a (1.345,45), geen van beide gesplitst
        (
            r#"{"maand":"2025-02","aanvrager":{"geboortedatum":"2004-02-29"}}"#,
            "29 februari, in februari",
            33217,
            0,
        ),
        (
            r#"{"maand":"2025-03","aanvrager":{"geboortedatum":"2004-02-29"}}"#,
            "29 februari, in maart",
            134545,
            0,
        ),
        // verjaardag op de eerste dag: geen deel, de hele maand de nieuwe norm
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2005-01-01"}}"#,
            "21 op de eerste",
            140150,
            0,
        ),
    ];
    for (json, wat, norm, delen) in gevallen {
        let u = reken(json);
        assert_eq!(u.norm_centen, *norm, "{wat}: {u:#?}");
        assert_eq!(
            u.uitleg
                .iter()
                .filter(|r| r.omschrijving.starts_with("De norm hierboven geldt van"))
                .count(),
            *delen,
            "{wat}"
        );
    }
}

/// Art. 20 lid 3 en 4 (wettekst 2026-01-01; bedragen §1 rij "increase for 18–20 … (20.3)"):
/// 746,45 per jongere zonder beroep op de ouders, samen niet boven de norm van art. 21.
#[test]
fn verhoging_jongeren_zonder_beroep_op_ouders() {
    let t = tabellen();
    let met = |json: &str, ouders: [bool; 2]| {
        let mut s = situatie(json);
        s.aanvrager.geen_beroep_op_ouders = ouders[0];
        if let Some(p) = s.partner.as_mut() {
            p.geen_beroep_op_ouders = ouders[1];
        }
        let u = bereken(&s, &t).unwrap();
        assert_eq!(
            u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
            u.uitbetaling_centen
        );
        u
    };
    let alleen = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01"}}"#;
    // 345,99 + 746,45 = 1.092,44 (onder 21a 1.401,50)
    assert_eq!(met(alleen, [true, false]).norm_centen, 34599 + 74645);
    assert_eq!(met(alleen, [false, false]).norm_centen, 34599);
    // 2025-07: de verhoging bestaat nog niet; de uitleg zegt dat.
    let u = met(
        r#"{"maand":"2025-09","aanvrager":{"geboortedatum":"2006-06-01"}}"#,
        [true, false],
    );
    assert_eq!(u.norm_centen, 33798);
    assert!(u
        .uitleg
        .iter()
        .any(|r| r.artikel == "art. 20 lid 3 Participatiewet"));
    // Gehuwden beiden 19: 691,98 + 2 × 746,45 = 2.184,88 > 21b 2.002,13 → 2.002,13 (lid 4)
    let paar = r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01"},"partner":{"geboortedatum":"2006-08-01"}}"#;
    let u = met(paar, [true, true]);
    assert_eq!(u.norm_centen, 200213);
    assert!(u
        .uitleg
        .iter()
        .any(|r| r.artikel == "art. 20 lid 4 Participatiewet"));
    // Alleen de partner: 691,98 + 746,45 = 1.438,43
    assert_eq!(met(paar, [false, true]).norm_centen, 69198 + 74645);
    // 21 of ouder: geen verhoging
    assert_eq!(
        met(
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            [true, false]
        )
        .norm_centen,
        140150
    );
    // Contract v2: het veld `geen_beroep_op_ouders` bij aanvrager en partner (345,99 + 746,45).
    assert_eq!(
        reken(r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2006-06-01","geen_beroep_op_ouders":true}}"#)
            .norm_centen,
        34599 + 74645
    );
    // Bij een kind bestaat het niet.
    assert!(serde_json::from_str::<Situatie>(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-06-01"},"kinderen":[{"geboortedatum":"2016-01-01","geen_beroep_op_ouders":true}]}"#
    )
    .is_err());
    // §12 rij 1: een partner van de AOW-leeftijd en een van 19 → art. 20 lid 1 onderdeel c; de
    // verhoging van lid 3 geldt dan ook: 1.347,06 + 746,45 = 2.093,51, begrensd op de norm van
    // art. 21 onderdeel b (2.002,13; lid 4).
    let aow_en_jong = r#"{"maand":"2026-03","aanvrager":{"geboortedatum":"1950-05-05"},"partner":{"geboortedatum":"2007-01-01","geen_beroep_op_ouders":true}}"#;
    let u = reken(aow_en_jong);
    assert_eq!(u.norm_centen, 200213, "{u:#?}");
    assert!(u
        .uitleg
        .iter()
        .any(|r| r.artikel == "art. 20 lid 4 Participatiewet"));
}

/// Art. 31 lid 2 onderdeel r (wettekst 2026-01-01; §3 rij r: 12,5 %, ten hoogste 177,66 in
/// 2026-01, 30 maanden, kind jonger dan 12, na de periode van onderdeel n, niet onder 27).
#[test]
fn vrijlating_alleenstaande_ouder() {
    let t = tabellen();
    let reken_r = |maand: &str,
                   geboren: &str,
                   kind: &str,
                   partner: bool,
                   arbeid: i64,
                   n: Option<&str>| {
        let mut s = situatie(&format!(
            r#"{{"maand":"{maand}","aanvrager":{{"geboortedatum":"{geboren}"}},"kinderen":[{{"geboortedatum":"{kind}"}}],"inkomsten":[{{"soort":"arbeid","netto_centen":{arbeid}}}]}}"#
        ));
        if partner {
            s.partner = Some(Partner {
                geboortedatum: "1990-01-01".into(),
                ..Default::default()
            });
        }
        s.vrijlatingen.push(Vrijlating {
            soort: Vrijlatingssoort::AlleenstaandeOuder,
            vanaf: "2024-06-01".into(),
            van: Wie::Aanvrager,
        });
        if let Some(v) = n {
            s.vrijlatingen.push(Vrijlating {
                soort: Vrijlatingssoort::Arbeid,
                vanaf: v.into(),
                van: Wie::Aanvrager,
            });
        }
        let u = bereken(&s, &t).unwrap();
        assert_eq!(
            u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(),
            u.uitbetaling_centen
        );
        arbeid - u.inkomsten_in_mindering_centen
    };
    // maand, geboren, kind, partner, arbeid, n vanaf, vrijgelaten, wat
    type Geval<'a> = (
        &'a str,
        &'a str,
        &'a str,
        bool,
        i64,
        Option<&'a str>,
        Centen,
        &'a str,
    );
    let gevallen: &[Geval] = &[
        (
            "2026-01",
            "1990-01-01",
            "2020-01-01",
            false,
            100000,
            None,
            12500,
            "12,5% van 1.000,00",
        ),
        (
            "2026-01",
            "1990-01-01",
            "2020-01-01",
            false,
            200000,
            None,
            17766,
            "gemaximeerd op 177,66",
        ),
        (
            "2026-01",
            "1990-01-01",
            "2020-01-01",
            false,
            10004,
            None,
            1251,
            "1.250,5 → 1.251 (half naar boven)",
        ),
        (
            "2026-11",
            "1990-01-01",
            "2020-01-01",
            false,
            100000,
            None,
            12500,
            "30e maand",
        ),
        (
            "2026-12",
            "1990-01-01",
            "2020-01-01",
            false,
            100000,
            None,
            0,
            "31e maand: voorbij",
        ),
        (
            "2026-01",
            "2001-01-01",
            "2020-01-01",
            false,
            100000,
            None,
            0,
            "25 jaar (art 31 lid 5)",
        ),
        (
            "2026-01",
            "1990-01-01",
            "2013-06-01",
            false,
            100000,
            None,
            0,
            "kind is 12",
        ),
        (
            "2026-01",
            "1990-01-01",
            "2020-01-01",
            true,
            100000,
            None,
            0,
            "partner",
        ),
        (
            "2026-01",
            "1990-01-01",
            "2020-01-01",
            false,
            100000,
            Some("2025-10-01"),
            25000,
            "n loopt nog: alleen n (25%)",
        ),
        (
            "2026-04",
            "1990-01-01",
            "2020-01-01",
            false,
            100000,
            Some("2025-10-01"),
            12500,
            "n voorbij: r",
        ),
    ];
    for (maand, geboren, kind, partner, arbeid, n, vrij, wat) in gevallen {
        assert_eq!(
            reken_r(maand, geboren, kind, *partner, *arbeid, *n),
            *vrij,
            "{wat}"
        );
    }
    // Contract v2 kent de soort: 12,5 % van 800,00 = 100,00.
    let u = reken(
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1990-01-01"},"kinderen":[{"geboortedatum":"2020-01-01"}],"inkomsten":[{"soort":"arbeid","netto_centen":80000}],"vrijlatingen":[{"soort":"alleenstaande_ouder","vanaf":"2026-01-01"}]}"#,
    );
    assert_eq!(u.inkomsten_in_mindering_centen, 80000 - 10000);
}

#[test]
fn slechte_invoer_noemt_het_veld() {
    let t = tabellen();
    let gevallen = [
        (
            r#"{"maand":"2023-12","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            "maand",
        ),
        (
            r#"{"maand":"januari","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            "maand",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2026-02-01"}}"#,
            "aanvrager.geboortedatum",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"2010-02-01"}}"#,
            "aanvrager.geboortedatum",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"12-04-1988"}}"#,
            "aanvrager.geboortedatum",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":-1}]}"#,
            "inkomsten[0].netto_centen",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"verlaging_procent":101}"#,
            "verlaging_procent",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"kinderen":[{"geboortedatum":"2000-01-01"}]}"#,
            "kinderen[0].geboortedatum",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"vrijlatingen":[{"soort":"arbeid","vanaf":"morgen"}]}"#,
            "vrijlatingen[0].vanaf",
        ),
        // §12 "Norms after 2026-07-01": geen maand na de laatste vastgestelde tabel
        (
            r#"{"maand":"2027-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#,
            "maand",
        ),
        // §12 / contract v2: `van` noemt iemand die niet in het huishouden is
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"arbeid","netto_centen":1,"van":"partner"}]}"#,
            "inkomsten[0].van",
        ),
        (
            r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"vrijlatingen":[{"soort":"arbeid","vanaf":"2026-01-01","van":"partner"}]}"#,
            "vrijlatingen[0].van",
        ),
    ];
    for (json, veld) in gevallen {
        let f = bereken(&situatie(json), &t).unwrap_err();
        assert_eq!(f.veld, veld, "{json}: {f}");
    }
    let f = bereken(
        &situatie(r#"{"maand":"2027-01","aanvrager":{"geboortedatum":"1988-04-12"}}"#),
        &t,
    )
    .unwrap_err();
    assert!(
        f.melding.contains("tot en met 31-12-2026") && f.melding.contains("per 01-01-2027"),
        "de melding noemt de ontbrekende periode: {f}"
    );
    // De AOW-leeftijd van wie in 1972 is geboren, ligt nog niet vast (§8): met een tabel die
    // (alleen in deze test) doorloopt, wordt de maand geweigerd op de geboortedatum.
    let mut lang = tabellen();
    if let Some(l) = lang.0.last_mut() {
        l.geldig_tot_en_met = NaiveDate::MAX;
    }
    let f = bereken(
        &situatie(r#"{"maand":"2040-01","aanvrager":{"geboortedatum":"1972-04-12"}}"#),
        &lang,
    )
    .unwrap_err();
    assert_eq!(f.veld, "aanvrager.geboortedatum", "{f}");
    for onbekend in [
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"inkomsten":[{"soort":"loterij","netto_centen":1}]}"#,
        r#"{"maand":"2026-01","aanvrager":{"geboortedatum":"1988-04-12"},"medebewoners":[{"geboortedatum":"1970-01-01","relatie":"buurman"}]}"#,
    ] {
        assert!(serde_json::from_str::<Situatie>(onbekend).is_err());
    }
}

fn willekeurige_situatie() -> impl Strategy<Value = Situatie> {
    let datum =
        (1930i32..2026, 1u32..13, 1u32..29).prop_map(|(j, m, d)| format!("{j:04}-{m:02}-{d:02}"));
    (
        (2023i32..2028, 1u32..13),
        datum.clone(),
        proptest::option::of(datum.clone()),
        proptest::collection::vec(datum.clone(), 0..3),
        proptest::collection::vec((datum.clone(), 0usize..4), 0..3),
        proptest::collection::vec((0usize..4, -10i64..400_000, any::<bool>()), 0..3),
        proptest::collection::vec((datum, any::<bool>(), any::<bool>()), 0..3),
        (
            -5i64..110,
            any::<[bool; 2]>(),
            [1u32..29, 1u32..29, 1u32..29],
        ),
    )
        .prop_map(
            |((j, m), aanvrager, partner, kinderen, mede, ink, vrij, (pct, ouders, dag))| {
                let relaties = [
                    Relatie::Familie,
                    Relatie::Overig,
                    Relatie::Commercieel,
                    Relatie::Student,
                ];
                let soorten = [
                    Inkomenssoort::Arbeid,
                    Inkomenssoort::Uitkering,
                    Inkomenssoort::Alimentatie,
                    Inkomenssoort::Overig,
                ];
                Situatie {
                    maand: format!("{j:04}-{m:02}"),
                    aanvrager: Persoon {
                        geboortedatum: aanvrager,
                        geen_beroep_op_ouders: ouders[0],
                    },
                    partner: partner.map(|g| Partner {
                        geboortedatum: g,
                        geen_beroep_op_ouders: ouders[1],
                        vanaf: (dag[0] > 1).then(|| format!("{j:04}-{m:02}-{:02}", dag[0])),
                        tot: (dag[1] < 28).then(|| format!("{j:04}-{m:02}-{:02}", dag[1])),
                    }),
                    kinderen: kinderen
                        .into_iter()
                        .map(|g| Kind { geboortedatum: g })
                        .collect(),
                    medebewoners: mede
                        .into_iter()
                        .enumerate()
                        .map(|(i, (g, r))| Medebewoner {
                            geboortedatum: g,
                            vanaf: (i == 0 && dag[2] > 1)
                                .then(|| format!("{j:04}-{m:02}-{:02}", dag[2])),
                            tot: None,
                            relatie: relaties[r],
                        })
                        .collect(),
                    inkomsten: ink
                        .into_iter()
                        .map(|(s, c, p)| Inkomen {
                            soort: soorten[s],
                            netto_centen: c,
                            van: if p { Wie::Partner } else { Wie::Aanvrager },
                            vakantietoeslag_centen: (s == 0 && c > 1000).then_some(c / 12),
                        })
                        .collect(),
                    vrijlatingen: vrij
                        .into_iter()
                        .map(|(v, n, p)| Vrijlating {
                            soort: if n {
                                Vrijlatingssoort::Arbeid
                            } else {
                                Vrijlatingssoort::AlleenstaandeOuder
                            },
                            vanaf: v,
                            van: if p { Wie::Partner } else { Wie::Aanvrager },
                        })
                        .collect(),
                    verlaging_procent: pct,
                }
            },
        )
}

proptest! {
    /// Willekeurige invoer geeft een uitkomst of een fout, nooit een paniek; een uitkomst is
    /// nooit negatief en de uitleg telt op tot de uitbetaling.
    #[test]
    fn nooit_een_paniek_en_de_uitleg_klopt(s in willekeurige_situatie()) {
        if let Ok(u) = bereken(&s, &tabellen()) {
            prop_assert!(u.uitkering_centen >= 0 && u.uitbetaling_centen >= 0);
            prop_assert_eq!(u.uitleg.iter().map(|r| r.bedrag_centen).sum::<Centen>(), u.uitbetaling_centen);
            prop_assert_eq!(u.uitkering_centen - u.vakantietoeslag_reservering_centen, u.uitbetaling_centen);
        }
    }

    /// Een deel van de maand is nooit meer dan de hele maand, en de hele maand als deel is de
    /// maand zelf.
    #[test]
    fn deel_nooit_meer_dan_de_maand(s in willekeurige_situatie(), a in 1u32..29, b in 1u32..29) {
        if let Ok(heel) = bereken(&s, &tabellen()) {
            let maand = NaiveDate::parse_from_str(&format!("{}-01", heel.maand), "%Y-%m-%d").unwrap();
            let (van, tot) = (a.min(b), a.max(b));
            let deel = bereken_deel(&s, &tabellen(), maand.with_day(van).unwrap(), maand.with_day(tot).unwrap()).unwrap();
            // Zonder wisselingen in de maand is een deel nooit meer; met een partner die midden in
            // de maand komt, kan het deel met de hogere norm meer bijstand geven dan het
            // gemiddelde van de maand.
            let wisseling = s.partner.as_ref().is_some_and(|p| p.vanaf.is_some() || p.tot.is_some())
                || s.medebewoners.iter().any(|m| m.vanaf.is_some());
            prop_assert!(wisseling || deel.uitkering_centen <= heel.uitkering_centen);
            let einde = maand.checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap();
            prop_assert_eq!(bereken_deel(&s, &tabellen(), maand, einde).unwrap(), heel);
        }
    }

    /// Het snelle rekenpad zonder uitleg geeft precies dezelfde bedragen.
    #[test]
    fn snel_pad_is_gelijk(s in willekeurige_situatie()) {
        let t = tabellen();
        let uitleg = bereken(&s, &t);
        if let Ok(g) = GelezenSituatie::lees(&s) {
            let r = g.rekensituatie(g.maand, None);
            match (uitleg, bereken_bedragen(&r, &t)) {
                (Ok(u), Ok(b)) => {
                    prop_assert_eq!(
                        (u.norm_centen, u.inkomsten_in_mindering_centen, u.verlaging_centen, u.uitkering_centen, u.vakantietoeslag_reservering_centen, u.uitbetaling_centen),
                        (b.norm, b.inkomsten_in_mindering, b.verlaging, b.uitkering, b.reservering, b.uitbetaling)
                    );
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "verschil: {:?} tegenover {:?}", a.map(|u| u.uitbetaling_centen), b),
            }
        }
    }

    /// Meer inkomen geeft nooit meer bijstand.
    #[test]
    fn meer_inkomen_nooit_meer_bijstand(s in willekeurige_situatie(), extra in 0i64..100_000, soort in 0usize..4, partner in any::<bool>()) {
        if let Ok(voor) = bereken(&s, &tabellen()) {
            let mut meer = s.clone();
            let soorten = [Inkomenssoort::Arbeid, Inkomenssoort::Uitkering, Inkomenssoort::Alimentatie, Inkomenssoort::Overig];
            let van = if partner && s.partner.is_some() { Wie::Partner } else { Wie::Aanvrager };
            meer.inkomsten.push(Inkomen { soort: soorten[soort], netto_centen: extra, van, vakantietoeslag_centen: None });
            let na = bereken(&meer, &tabellen()).unwrap();
            prop_assert!(na.uitkering_centen <= voor.uitkering_centen, "{} > {}", na.uitkering_centen, voor.uitkering_centen);
        }
    }
}
