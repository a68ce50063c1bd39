//! `vangnet bench`: meet de kosten van de basis (schrijven met audit, de keten controleren,
//! sessies controleren, inloggen) op een verse database. De uitkomsten staan in
//! docs/PERFORMANCE.md; er zit nergens een tijdslimiet in een test.

use std::time::Instant;

use anyhow::{bail, Result};
use vangnet_app::account::EersteStart;
use vangnet_app::{App, Context};

fn regel(wat: &str, aantal: u64, begin: Instant) {
    let s = begin.elapsed().as_secs_f64();
    uit!(
        "{wat:<44} {aantal:>8} in {:>8.3} s  = {:>10.0} /s  ({:.3} ms per stuk)",
        s,
        aantal as f64 / s,
        s * 1000.0 / aantal as f64
    );
}

pub async fn draaien(app: &App, aantal: u64) -> Result<()> {
    let wachtwoord = "bench-wachtwoord-2026";
    if app.eerste_start(Some(wachtwoord)).await? == EersteStart::AlIngericht {
        bail!("vangnet bench draait alleen op een lege database (er zijn al gebruikers)");
    }
    let ctx = Context::opdrachtregel();
    uit!("engine: {}", app.opslag.engine());

    let begin = Instant::now();
    for i in 0..aantal {
        app.team_aanmaken(&ctx, &format!("Team {i:07}"), "bench")
            .await?;
    }
    regel("team aanmaken (schrijven + auditrecord)", aantal, begin);

    let begin = Instant::now();
    let uitslag = app.audit_controleren(&ctx).await?;
    let records = match uitslag {
        vangnet_app::audit::KetenUitslag::Intact { records, .. } => records as u64,
        vangnet_app::audit::KetenUitslag::Gebroken(f) => bail!("keten gebroken: {f}"),
    };
    regel("audittrail controleren (records)", records, begin);

    let logins = 10;
    let begin = Instant::now();
    let mut sleutel = String::new();
    for _ in 0..logins {
        sleutel = app
            .inloggen(&ctx.operatie_id, "beheerder", wachtwoord, "bench")
            .await?
            .sleutel;
    }
    regel("inloggen (argon2id + sessie + audit)", logins, begin);

    let begin = Instant::now();
    for _ in 0..aantal {
        app.sessie_controleren(&sleutel).await?;
    }
    regel("sessie controleren (per verzoek)", aantal, begin);
    Ok(())
}

fn percentiel(gesorteerd: &[f64], p: f64) -> f64 {
    if gesorteerd.is_empty() {
        return 0.0;
    }
    let i = ((gesorteerd.len() as f64 - 1.0) * p).round() as usize;
    gesorteerd[i.min(gesorteerd.len() - 1)]
}

/// Meet zoeken op een bestaande (demo)database: per soort zoekvraag p50 en p99 in milliseconden,
/// met `gelijktijdig` zoekers tegelijk. De zoekvragen komen van echte personen in de database;
/// elke zoekopdracht schrijft, zoals in het echt, een regel per treffer in het toegangslog.
pub async fn zoeken(app: &App, aantal: u64, gelijktijdig: u64, denktijd_ms: u64) -> Result<()> {
    let ctx = Context::opdrachtregel();
    let max = {
        let mut tx = app.opslag.lees().await?;
        let m = tx.hoogste_id(vangnet_app::opslag::Reeks::Personen).await?;
        tx.afsluiten().await?;
        m
    };
    if max == 0 {
        bail!("de database bevat geen personen; laad eerst een demopopulatie (vangnet demo)");
    }
    let mut vragen: Vec<(&'static str, String)> = Vec::new();
    let mut i: i64 = 0;
    while (vragen.len() as u64) < aantal {
        let id = 1 + (i * 7919) % max;
        i += 1;
        let Ok((p, dossiers)) = app.persoon(&ctx, id).await else {
            continue;
        };
        let soort = vragen.len() % 5;
        let vraag = match soort {
            0 => ("bsn", p.bsn.clone()),
            1 => (
                "naam (3 letters)",
                p.naam
                    .as_ref()
                    .map(|n| n.geslachtsnaam.chars().take(3).collect())
                    .unwrap_or_default(),
            ),
            2 => (
                "geboortedatum",
                p.geboortedatum
                    .map(|g| g.format("%d-%m-%Y").to_string())
                    .unwrap_or_default(),
            ),
            3 => {
                // "Straat 12A, 3011 AB Rotterdam" → "3011AB 12"
                let a = p.adres.clone().unwrap_or_default();
                let mut delen = a.split(", ");
                let nummer: String = delen
                    .next()
                    .unwrap_or_default()
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let pc: String = delen
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(7)
                    .filter(|c| !c.is_whitespace())
                    .collect();
                ("postcode + huisnummer", format!("{pc} {nummer}"))
            }
            _ => (
                "dossiernummer",
                dossiers
                    .first()
                    .map(|d| d.nummer.clone())
                    .unwrap_or_default(),
            ),
        };
        vragen.push(vraag);
    }
    // `gelijktijdig` zoekers nemen om de beurt de volgende vraag, met tussen twee vragen een
    // denktijd van 0,5 tot 1,5 keer `denktijd_ms` (0: zonder).
    let vragen = std::sync::Arc::new(vragen);
    let volgende = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let begin = Instant::now();
    let mut zoekers = Vec::new();
    for k in 0..gelijktijdig.max(1) {
        let (app, ctx, vragen, volgende) =
            (app.clone(), ctx.clone(), vragen.clone(), volgende.clone());
        // Niet allemaal op dezelfde milliseconde beginnen: verspreid over één denktijd.
        let start = std::time::Duration::from_millis(denktijd_ms * k / gelijktijdig.max(1));
        zoekers.push(tokio::spawn(async move {
            tokio::time::sleep(start).await;
            let mut gemeten = Vec::new();
            loop {
                let i = volgende.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((soort, q)) = vragen.get(i) else {
                    break;
                };
                let begin = Instant::now();
                let t = app.zoeken(&ctx, q).await?;
                gemeten.push((*soort, begin.elapsed().as_secs_f64() * 1000.0, t.len()));
                if denktijd_ms > 0 {
                    let factor = 0.5 + (i * 7919 % 1000) as f64 / 1000.0;
                    tokio::time::sleep(std::time::Duration::from_secs_f64(
                        denktijd_ms as f64 * factor / 1000.0,
                    ))
                    .await;
                }
            }
            Ok::<_, vangnet_app::AppFout>(gemeten)
        }));
    }
    let mut per_soort: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut alle = Vec::new();
    let mut treffers = 0;
    for z in zoekers {
        for (soort, ms, n) in z.await?? {
            treffers += n;
            per_soort.entry(soort).or_default().push(ms);
            alle.push(ms);
        }
    }
    let duur = begin.elapsed().as_secs_f64();
    uit!(
        "engine: {}, personen: {max}, zoekopdrachten: {}, treffers: {treffers}, gelijktijdig: {}, denktijd {denktijd_ms} ms, {:.0} zoekopdrachten/s",
        app.opslag.engine(),
        vragen.len(),
        gelijktijdig.max(1),
        vragen.len() as f64 / duur.max(1e-9)
    );
    per_soort.insert("alle", alle);
    for (soort, mut ms) in per_soort {
        ms.sort_by(f64::total_cmp);
        uit!(
            "{soort:<24} n={:>5}  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            ms.len(),
            percentiel(&ms, 0.5),
            percentiel(&ms, 0.99),
            ms.last().copied().unwrap_or_default()
        );
    }
    Ok(())
}

/// Meet de berekening over de situaties van de synthetische bevolking in het geheugen:
/// `huishoudens` × `maanden` huishoudmaanden, op één en op twee kernen, met het rekenpad zonder
/// uitleg en zonder allocaties (`bereken_bedragen`), en ter vergelijking met uitleg.
/// Het rekentempo van deze machine op één kern (huishoudmaanden per seconde zonder uitleg, over
/// 100 000 synthetische huishoudens × 12 maanden): een maatstaf om metingen op een gedeelde,
/// wisselend snelle machine te vergelijken (docs/PERFORMANCE.md).
pub fn maatstaf() -> Result<f64> {
    use vangnet_domain::berekening::{bereken_bedragen, GelezenSituatie};
    use vangnet_domain::normen::Normtabellen;
    use vangnet_domain::persoon::datum::eerste_van_maand;
    let tabellen = Normtabellen::gedeeld().map_err(|e| anyhow::anyhow!(e))?;
    let gelezen: Vec<GelezenSituatie> = vangnet_app::demo::situaties(100_000, 2026)
        .iter()
        .filter_map(|s| GelezenSituatie::lees(s).ok())
        .collect();
    let begin = Instant::now();
    let mut n = 0u64;
    for m in 1..=12 {
        let maand = eerste_van_maand(2026, m).ok_or_else(|| anyhow::anyhow!("maand"))?;
        for g in &gelezen {
            if bereken_bedragen(&g.rekensituatie(maand, None), tabellen).is_ok() {
                n += 1;
            }
        }
    }
    Ok(n as f64 / begin.elapsed().as_secs_f64())
}

pub fn berekening(huishoudens: u64, maanden: u32) -> Result<()> {
    use vangnet_domain::berekening::{bereken, bereken_bedragen, GelezenSituatie};
    use vangnet_domain::normen::Normtabellen;
    use vangnet_domain::persoon::datum::eerste_van_maand;
    let tabellen = Normtabellen::gedeeld().map_err(|e| anyhow::anyhow!(e))?;
    let basis = vangnet_app::demo::situaties(huishoudens, 2026);
    let gelezen: Vec<GelezenSituatie> = basis
        .iter()
        .filter_map(|s| GelezenSituatie::lees(s).ok())
        .collect();
    let maandstarts: Vec<_> = (0..maanden)
        .filter_map(|m| eerste_van_maand(2026 + (m / 12) as i32, m % 12 + 1))
        .collect();
    let snel = |deel: &[GelezenSituatie]| -> (u64, i64) {
        let (mut n, mut som) = (0u64, 0i64);
        for maand in &maandstarts {
            for g in deel {
                if let Ok(b) = bereken_bedragen(&g.rekensituatie(*maand, None), tabellen) {
                    som += b.uitbetaling;
                }
                n += 1;
            }
        }
        (n, som)
    };
    let begin = Instant::now();
    let (n, som) = snel(&gelezen);
    let s = begin.elapsed().as_secs_f64();
    uit!("zonder uitleg, 1 kern:  {n} huishoudmaanden in {s:.2} s = {:.0} per seconde (totaal {som} cent)", n as f64 / s);
    let helft = gelezen.len() / 2;
    let begin = Instant::now();
    let (a, b) = std::thread::scope(|sc| {
        let h1 = sc.spawn(|| snel(&gelezen[..helft]));
        let h2 = sc.spawn(|| snel(&gelezen[helft..]));
        (h1.join().unwrap_or_default(), h2.join().unwrap_or_default())
    });
    let s = begin.elapsed().as_secs_f64();
    uit!("zonder uitleg, 2 kernen: {} huishoudmaanden in {s:.2} s = {:.0} per seconde (totaal {} cent)", a.0 + b.0, (a.0 + b.0) as f64 / s, a.1 + b.1);

    // Ter vergelijking: met uitleg (tekst per stap), op één kern, over een tiende.
    let tiende = &basis[..basis.len() / 10];
    let begin = Instant::now();
    let mut n = 0u64;
    for m in 0..maanden {
        let naam = format!("{}-{:02}", 2026 + (m / 12) as i32, m % 12 + 1);
        for s in tiende {
            let mut kopie = s.clone();
            kopie.maand.clone_from(&naam);
            let _ = bereken(&kopie, tabellen);
            n += 1;
        }
    }
    let s = begin.elapsed().as_secs_f64();
    uit!(
        "met uitleg, 1 kern:      {n} huishoudmaanden in {s:.2} s = {:.0} per seconde",
        n as f64 / s
    );
    Ok(())
}

/// Meet de herberekening na een nieuwe normtabel (issue 6): `uitkeringen` lopende uitkeringen uit
/// de synthetische bevolking, elk `maanden` maanden vanaf januari 2026 met de oude en de nieuwe
/// tabellen berekend en per maand vergeleken, op twee kernen. De nieuwe tabellen zijn de
/// standaard met elke norm vanaf 1 januari 2026 één procent hoger.
pub fn herberekening(uitkeringen: u64, maanden: u32) -> Result<()> {
    use vangnet_domain::berekening::GelezenSituatie;
    use vangnet_domain::historie::Periode;
    use vangnet_domain::persoon::datum::eerste_van_maand;
    use vangnet_domain::uitkering::{verschillen, Feiten};
    let oud = vangnet_domain::normen::Normtabellen::gedeeld().map_err(|e| anyhow::anyhow!(e))?;
    let mut nieuw = oud.clone();
    let januari = eerste_van_maand(2026, 1).ok_or_else(|| anyhow::anyhow!("datum"))?;
    for t in nieuw.0.iter_mut().filter(|t| t.geldig_vanaf >= januari) {
        let n = &mut t.normen;
        for bedrag in [
            &mut n.alleenstaande_18_20,
            &mut n.alleenstaande_21_aow,
            &mut n.gehuwden_21_aow,
            &mut n.alleenstaande_aow,
            &mut n.gehuwden_beiden_aow,
            &mut n.gehuwden_een_aow,
        ] {
            *bedrag += *bedrag / 100;
        }
    }
    let begin = Instant::now();
    let feiten: Vec<Feiten> = vangnet_app::demo::situaties(uitkeringen, 2026)
        .iter()
        .filter_map(|s| GelezenSituatie::lees(s).ok())
        .map(|g| {
            let open = Periode::vanaf(januari);
            Feiten {
                uitkering: Some(open),
                aanvrager: Some(g.aanvrager),
                partners: g.partner.map(|p| (open, p)).into_iter().collect(),
                kinderen: g.kinderen.iter().map(|k| (open, *k)).collect(),
                medebewoners: g
                    .medebewoners
                    .iter()
                    .map(|(m, r, _)| (open, *m, *r))
                    .collect(),
                inkomsten: g
                    .inkomsten
                    .iter()
                    .map(|r| (open, r.van, r.soort, r.netto, r.vakantietoeslag))
                    .collect(),
                vrijlatingen: g.vrijlatingen.clone(),
                geen_beroep_op_ouders: Vec::new(),
                werkelijke_inkomsten: Vec::new(),
                verlagingen: g.verlagingen.iter().map(|(p, _)| (open, *p)).collect(),
                opschortingen: Vec::new(),
                een_rekening: Vec::new(),
            }
        })
        .collect();
    uit!(
        "{} uitkeringen opgebouwd in {:.2} s",
        feiten.len(),
        begin.elapsed().as_secs_f64()
    );
    let laatste = eerste_van_maand(2026 + (maanden / 12) as i32, maanden % 12 + 1)
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| anyhow::anyhow!("datum"))?;
    let reken = |deel: &[Feiten]| -> (u64, i64, i64) {
        let (mut n, mut som, mut grootste) = (0u64, 0i64, 0i64);
        for f in deel {
            let v = f.per_maand(januari, laatste, oud);
            let w = f.per_maand(januari, laatste, &nieuw);
            for x in verschillen(&v, &w) {
                n += 1;
                som += x.verschil;
                grootste = grootste.max(x.verschil.abs());
            }
        }
        (n, som, grootste)
    };
    let helft = feiten.len() / 2;
    let begin = Instant::now();
    let (a, b) = std::thread::scope(|sc| {
        let h1 = sc.spawn(|| reken(&feiten[..helft]));
        let h2 = sc.spawn(|| reken(&feiten[helft..]));
        (h1.join().unwrap_or_default(), h2.join().unwrap_or_default())
    });
    let s = begin.elapsed().as_secs_f64();
    uit!(
        "herberekening, 2 kernen: {} uitkeringen × {maanden} maanden (oud én nieuw) in {s:.2} s = {:.0} uitkeringmaanden per seconde",
        feiten.len(),
        (feiten.len() as f64 * f64::from(maanden)) / s
    );
    uit!(
        "verschilrapport: {} maanden met een verschil, totaal {} cent, grootste {} cent",
        a.0 + b.0,
        a.1 + b.1,
        a.2.max(b.2)
    );
    Ok(())
}

/// Een regel uit /proc/self/status in MiB (Linux).
fn status_mib(sleutel: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let regel = status.lines().find(|l| l.starts_with(sleutel))?;
    let kb: f64 = regel.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Het hoogste geheugengebruik (RSS) sinds de laatste [`piek_opnieuw`], in MiB. Hier tellen ook
/// de pagina's van het databasebestand mee die SQLite via mmap leest (paginacache van het OS).
fn piek_mib() -> Option<f64> {
    status_mib("VmHWM:")
}

/// Het eigen geheugen van het proces (heap, zonder gemapte bestanden), in MiB.
fn anoniem_mib() -> f64 {
    status_mib("RssAnon:").unwrap_or(0.0)
}

/// Zet de piekmeting terug op het huidige gebruik (Linux: `clear_refs` met 5).
fn piek_opnieuw() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// `vangnet bench betaalrun`: een demopopulatie (als de database leeg is), dan de hele run van
/// een maand: berekenen en de regels opslaan, goedkeuren (verwerken), het pain.001-bestand
/// schrijven; met de piek van het geheugen per stap en, ter vergelijking, de tijd om evenveel
/// bytes zonder XML naar dezelfde schijf te schrijven.
#[allow(clippy::too_many_arguments)]
pub async fn betaalrun(
    app: &App,
    huishoudens: u64,
    vorm: vangnet_app::demo::Demovorm,
    minstens_taken: u64,
    medewerkers: u64,
    maand: &str,
    map: &std::path::Path,
) -> Result<()> {
    use std::io::Write as _;
    uit!("engine: {}", app.opslag.engine());
    if !app.is_demo().await? {
        let begin = Instant::now();
        let mut balk = crate::voortgang::Voortgang::nieuw("Demopopulatie laden", "huishoudens");
        let d = app
            .demo_laden_met(huishoudens, 2026, vorm, |klaar, totaal| {
                balk.meld(klaar, totaal)
            })
            .await?;
        balk.klaar();
        regel("demopopulatie laden (huishoudens)", d.huishoudens, begin);
        uit!("{} uitkeringen", d.uitkeringen);
    }
    // Een run wordt in zijn eigen maand gemaakt (op de 10e), niet op de dag van de meting: zo
    // staat zijn toegangslog in de maand waarin het hoort, ook als de meting runs voor
    // opeenvolgende maanden op één dag maakt.
    let in_maand = chrono::NaiveDate::parse_from_str(&format!("{maand}-10"), "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("maand: gebruik JJJJ-MM"))?
        .and_hms_opt(8, 0, 0)
        .map(|t| t.and_utc())
        .ok_or_else(|| anyhow::anyhow!("maand"))?;
    let app = &App::nieuw(
        app.opslag.clone(),
        std::sync::Arc::new(vangnet_app::klok::VasteKlok::op(
            app.klok.nu().max(in_maand),
        )),
        app.instellingen.clone(),
    );
    let starter = app.context_als("beheerder").await?;
    let keurder = app.context_als("teamleider").await?;
    let betaaldatum = format!("{maand}-20");
    let voor = maatstaf()?;

    piek_opnieuw();
    let begin = Instant::now();
    let id = match app.betaalrun_starten(&starter, maand, &betaaldatum).await {
        // Nog geen normtabel voor deze maand (2027: nog niet vastgesteld): een testtabel laden,
        // de laatste normen doorgetrokken en als zodanig gemarkeerd, en opnieuw.
        Err(vangnet_app::AppFout::Ongeldig(f))
            if f.voor("maand").is_some_and(|m| m.contains("normtabel")) =>
        {
            let tot = chrono::NaiveDate::parse_from_str(&format!("{maand}-01"), "%Y-%m-%d")?;
            let tekst = vangnet_domain::normen::testtabellen_tot(tot)
                .map_err(|e| anyhow::anyhow!("testtabel: {e}"))?;
            app.normen_laden(&starter, "bench-testtabel.toml", &tekst)
                .await?;
            uit!("testtabel geladen tot en met {maand}: de laatste normen doorgetrokken (UNVERIFIED, alleen voor de meting)");
            app.betaalrun_starten(&starter, maand, &betaaldatum).await?
        }
        r => r?,
    };
    let totaal = app.betaalrun_omvang(&starter).await?;
    let drukte = Medewerkers::starten(app, medewerkers).await?;
    let mut anoniem = anoniem_mib();
    let mut balk = crate::voortgang::Voortgang::nieuw("Berekenen", "uitkeringen");
    let run = app
        .betaalrun_berekenen(&starter, id, |n| {
            anoniem = anoniem.max(anoniem_mib());
            balk.meld(n, totaal);
        })
        .await?;
    anoniem = anoniem.max(anoniem_mib());
    balk.klaar();
    let berekenen = begin.elapsed().as_secs_f64();
    regel("berekenen en regels opslaan (uitkeringen)", totaal, begin);
    drukte.stoppen().await?;
    let piek_berekenen = piek_mib();

    piek_opnieuw();
    let taken_voor = app.hoogste_taak_id().await?;
    let begin = Instant::now();
    app.betaalrun_goedkeuren(&keurder, id, run.versie).await?;
    let goedkeuren = begin.elapsed().as_secs_f64();
    regel(
        "goedkeuren en verwerken (betalingen)",
        run.aantal_betalingen as u64,
        begin,
    );
    let taken = app.hoogste_taak_id().await?.saturating_sub(taken_voor);
    uit!("taken gemaakt bij het goedkeuren: {taken}");
    if taken < minstens_taken {
        anyhow::bail!(
            "het goedkeuren maakte {taken} taken, minder dan de gevraagde {minstens_taken}: deze \
             meting belast het pad met veel ids niet"
        );
    }
    let piek_goedkeuren = piek_mib();
    anoniem = anoniem.max(anoniem_mib());

    if run.aantal_betalingen == 0 {
        // De CI-vorm (alles vastgehouden): geen overboekingen, dus geen betaalbestand.
        uit!(
            "geen betalingen (alles vastgehouden): geen pain.001; totaal {:.2} s",
            berekenen + goedkeuren
        );
        return Ok(());
    }

    piek_opnieuw();
    let pad = map.join(format!("bench-betaalrun-{id}.xml"));
    let begin = Instant::now();
    let f = vangnet_app::bestanden::prive_bestand(&pad)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    let (n, _) = app.betaalrun_pain(&keurder, id, None, &mut w).await?;
    w.flush()?;
    let f = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    f.sync_all()?;
    let xml = begin.elapsed().as_secs_f64();
    regel("pain.001 schrijven (overboekingen)", n, begin);
    let piek_xml = piek_mib();
    anoniem = anoniem.max(anoniem_mib());
    let bytes = std::fs::metadata(&pad)?.len();

    // Dezelfde hoeveelheid bytes zonder XML en zonder database: de schrijfsnelheid van de schijf.
    let pad_ruw = map.join("bench-schijf.bin");
    let begin = Instant::now();
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&pad_ruw)?);
    let blok = vec![b'x'; 1 << 20];
    let mut over = bytes;
    while over > 0 {
        let n = over.min(blok.len() as u64) as usize;
        w.write_all(&blok[..n])?;
        over -= n as u64;
    }
    w.flush()?;
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .sync_all()?;
    let schijf = begin.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&pad_ruw);
    let _ = std::fs::remove_file(&pad);

    // Alleen het XML-deel: evenveel synthetische overboekingen door dezelfde schrijver, zonder
    // database, naar dezelfde schijf. Eerst met namen zoals de run ze opslaat (al omgezet naar
    // de SEPA-tekenset bij het berekenen), dan met een naam die elke keer moet worden omgezet.
    let alleen_xml = |naam: &str| -> Result<(f64, u64)> {
        let pad_xml = map.join("bench-alleen-xml.xml");
        let begin = Instant::now();
        let mut w = std::io::BufWriter::with_capacity(
            1 << 20,
            vangnet_app::bestanden::prive_bestand(&pad_xml)?,
        );
        let mut s = vangnet_domain::sepa::Painschrijver::begin(
            &mut w,
            vangnet_domain::sepa::Kop {
                bericht_id: "BENCH".into(),
                aangemaakt: "2026-11-28T10:00:00".into(),
                uitvoeringsdatum: "2026-11-25".into(),
                aantal: n,
                som: n as i64 * 123_456,
                opdrachtgever: vangnet_domain::sepa::Opdrachtgever {
                    naam: "Gemeente Bench".into(),
                    iban: "NL91ABNA0417164300".into(),
                    bic: None,
                },
            },
        )?;
        // Kenmerken VN202611-2026-000001-R, …-000002-R, …: het volgnummer wordt in de tekst
        // zelf opgehoogd. Met `format!` per overboeking (≈ 15 % van deze meting) telde het maken
        // van de testgegevens mee als XML-werk.
        let mut kenmerk = *b"VN202611-2026-000000-R";
        for _ in 0..n {
            for c in kenmerk[14..20].iter_mut().rev() {
                if *c == b'9' {
                    *c = b'0';
                } else {
                    *c += 1;
                    break;
                }
            }
            s.transactie(&vangnet_domain::sepa::Overboeking {
                kenmerk: std::str::from_utf8(&kenmerk)?,
                bedrag: 123_456,
                naam,
                iban: "NL91ABNA0417164300",
                omschrijving: "Bijstand november 2026 dossier 2026-000123",
            })?;
        }
        s.einde()?;
        w.flush()?;
        w.into_inner()
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .sync_all()?;
        let tijd = begin.elapsed().as_secs_f64();
        let bytes = std::fs::metadata(&pad_xml)?.len();
        let _ = std::fs::remove_file(&pad_xml);
        Ok((tijd, bytes))
    };
    let (xml_schoon, bytes_xml) = alleen_xml("J.P. de Vries-Yilmaz")?;
    let (xml_omzetten, _) = alleen_xml("J.P. de Vries-Yılmaz")?;

    let na = maatstaf()?;
    uit!(
        "maatstaf (rekentempo 1 kern, huishoudmaanden/s): {:.2} M voor en {:.2} M na de run",
        voor / 1e6,
        na / 1e6
    );
    let mib = |p: Option<f64>| p.map_or_else(|| "onbekend".to_owned(), |m| format!("{m:.0} MiB"));
    uit!(
        "run {id}: {} betalingen; bestand {:.1} MiB",
        run.aantal_betalingen,
        bytes as f64 / (1024.0 * 1024.0)
    );
    uit!(
        "totaal berekenen + goedkeuren + bestand: {:.1} s",
        berekenen + goedkeuren + xml
    );
    uit!(
        "geheugen (RSS-piek, incl. gemapte databasepagina's): berekenen {}, goedkeuren {}, bestand {}",
        mib(piek_berekenen),
        mib(piek_goedkeuren),
        mib(piek_xml)
    );
    uit!("eigen geheugen (RssAnon, hoogste gemeten na elke partij en stap): {anoniem:.0} MiB");
    uit!(
        "bestand uit de database {xml:.2} s tegen {schijf:.2} s voor dezelfde bytes rechtstreeks naar schijf ({:.1}×)",
        xml / schijf.max(1e-9)
    );
    let mib_s = |t: f64| bytes_xml as f64 / (1024.0 * 1024.0) / t.max(1e-9);
    uit!(
        "alleen XML ({n} synthetische overboekingen, {:.1} MiB): namen zoals opgeslagen {xml_schoon:.2} s = {:.0} MiB/s ({:.1}× de schijf); elke naam omzetten {xml_omzetten:.2} s = {:.0} MiB/s; schijf {:.0} MiB/s",
        bytes_xml as f64 / (1024.0 * 1024.0),
        mib_s(xml_schoon),
        xml_schoon / schijf.max(1e-9) * bytes as f64 / bytes_xml.max(1) as f64,
        mib_s(xml_omzetten),
        bytes as f64 / (1024.0 * 1024.0) / schijf.max(1e-9)
    );
    Ok(())
}

/// Medewerkers die werken terwijl de run rekent (issue 22 punt 3): elk opent om de beurt een
/// dossier (met een regel per huisgenoot in het toegangslog) en legt er een telefoonnotitie bij
/// vast, met 200 ms tussen twee verzoeken. De duur van elk verzoek wordt bewaard.
struct Medewerkers {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    taken: Vec<tokio::task::JoinHandle<Vec<Verzoekduur>>>,
}

/// Een soort verzoek en zijn duur in ms (geen: mislukt).
type Verzoekduur = (&'static str, Option<f64>);

impl Medewerkers {
    async fn starten(app: &App, aantal: u64) -> Result<Self> {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut taken = Vec::new();
        if aantal == 0 {
            return Ok(Self { stop, taken });
        }
        let dossiers = {
            let mut tx = app.opslag.lees().await?;
            let m = tx.hoogste_id(vangnet_app::opslag::Reeks::Dossiers).await?;
            tx.afsluiten().await?;
            m
        };
        if dossiers == 0 {
            bail!("geen dossiers om te openen");
        }
        let consulent = app.context_als("consulent").await?;
        for i in 0..aantal {
            let (app, stop) = (app.clone(), stop.clone());
            let ctx = Context::nieuw(
                consulent.actor.clone(),
                format!("{}-{i}", consulent.operatie_id),
            );
            let stap = i64::try_from(aantal).unwrap_or(1);
            taken.push(tokio::spawn(async move {
                use std::sync::atomic::Ordering;
                let pauze = std::time::Duration::from_millis(200);
                let mut metingen = Vec::new();
                let mut n = i64::try_from(i).unwrap_or(0);
                while !stop.load(Ordering::Relaxed) {
                    let id = 1 + (n * 7919) % dossiers;
                    n += stap;
                    let begin = Instant::now();
                    let beeld = app.dossier(&ctx, id, None, None).await;
                    let ms = begin.elapsed().as_secs_f64() * 1000.0;
                    metingen.push(("dossier openen", beeld.is_ok().then_some(ms)));
                    tokio::time::sleep(pauze).await;
                    let Ok(beeld) = beeld else { continue };
                    let notitie = vangnet_app::contact::ContactInvoer {
                        onderwerp: "betaling".into(),
                        tekst: "Vraagt wanneer de betaling komt.".into(),
                        ..vangnet_app::contact::ContactInvoer::telefoontje(
                            Some(beeld.dossier.client_id),
                            Some(id),
                        )
                    };
                    let begin = Instant::now();
                    let r = app.contactmoment_vastleggen(&ctx, &notitie).await;
                    let ms = begin.elapsed().as_secs_f64() * 1000.0;
                    metingen.push(("notitie opslaan", r.is_ok().then_some(ms)));
                    tokio::time::sleep(pauze).await;
                }
                metingen
            }));
        }
        Ok(Self { stop, taken })
    }

    /// Stopt de medewerkers en toont per soort verzoek p50, p99 en het maximum, en de fouten.
    async fn stoppen(self) -> Result<()> {
        if self.taken.is_empty() {
            return Ok(());
        }
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let aantal = self.taken.len();
        let mut per_soort: std::collections::BTreeMap<&str, (Vec<f64>, u64)> = Default::default();
        for t in self.taken {
            for (soort, ms) in t.await? {
                let (tijden, fouten) = per_soort.entry(soort).or_default();
                match ms {
                    Some(ms) => tijden.push(ms),
                    None => *fouten += 1,
                }
            }
        }
        uit!("{aantal} medewerkers tijdens het berekenen (200 ms tussen twee verzoeken):");
        for (soort, (mut ms, fouten)) in per_soort {
            ms.sort_by(f64::total_cmp);
            uit!(
                "  {soort:<18} n={:>6}  p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms  fouten {fouten}",
                ms.len(),
                percentiel(&ms, 0.5),
                percentiel(&ms, 0.99),
                ms.last().copied().unwrap_or_default()
            );
        }
        Ok(())
    }
}

/// Vult een lege database met een synthetisch toegangslog van `regels` regels (zie
/// `vangnet_store::Database::toegangslog_synthetisch`).
pub async fn toegangslog_vullen(db: &vangnet_store::Database, regels: u64) -> Result<()> {
    uit!("engine: {}", vangnet_app::Opslag::engine(db));
    let begin = Instant::now();
    let balk = std::sync::Mutex::new(crate::voortgang::Voortgang::nieuw("Vullen", "regels"));
    let n = db
        .toegangslog_synthetisch(
            regels,
            vangnet_app::klok::Klok::nu(&vangnet_app::klok::Systeemklok),
            |n| {
                if let Ok(mut b) = balk.lock() {
                    b.meld(n, regels);
                }
            },
        )
        .await?;
    if let Ok(b) = balk.into_inner() {
        b.klaar();
    }
    match n {
        Some(n) => regel("toegangslog vullen (regels)", n, begin),
        None => {
            uit!("er stond al een synthetisch toegangslog: niet opnieuw gevuld, alleen gemeten")
        }
    }
    Ok(())
}

/// Meet zoeken in het toegangslog zoals de auditor het doet (`App::toegang_zoeken`: een pagina
/// van 50 en het totaal): elke vraag vijf keer, de mediaan en het maximum in milliseconden.
pub async fn toegangslog(app: &App) -> Result<()> {
    use vangnet_app::opslag::ToegangFilter;
    let ctx = Context::opdrachtregel();
    let nu = app.klok.nu();
    let persoon = |id: u64| ToegangFilter {
        betrokkene_type: Some("persoon".into()),
        betrokkene_id: Some(id.to_string()),
        ..Default::default()
    };
    let gebruiker = |n: u64| ToegangFilter {
        gebruiker: Some(format!("gebruiker{n}")),
        ..Default::default()
    };
    let vragen: Vec<(&str, ToegangFilter, i64)> = vec![
        ("nieuwste 50, zonder filter", ToegangFilter::default(), 0),
        (
            "bladzijde 200, zonder filter",
            ToegangFilter::default(),
            199 * 50,
        ),
        ("op persoon (in runs en zoekvragen)", persoon(1_234_567), 0),
        ("op persoon (alleen in runs)", persoon(3), 0),
        ("op persoon die nergens voorkomt", persoon(99_999_999), 0),
        ("op medewerker", gebruiker(17), 0),
        (
            "op medewerker, één maand",
            ToegangFilter {
                van: Some(nu - chrono::Duration::days(45)),
                tot: Some(nu - chrono::Duration::days(15)),
                ..gebruiker(18)
            },
            0,
        ),
        (
            "op periode van één dag",
            ToegangFilter {
                van: Some(nu - chrono::Duration::days(31)),
                tot: Some(nu - chrono::Duration::days(30)),
                ..Default::default()
            },
            0,
        ),
    ];
    uit!(
        "{:<40} {:>10} {:>8} {:>10} {:>10}",
        "vraag",
        "totaal",
        "regels",
        "mediaan",
        "max"
    );
    for (naam, filter, overslaan) in vragen {
        let mut tijden = Vec::new();
        let mut uitkomst = (0, 0);
        for _ in 0..5 {
            let begin = Instant::now();
            let p = app.toegang_zoeken(&ctx, &filter, 50, overslaan).await?;
            tijden.push(begin.elapsed().as_secs_f64() * 1000.0);
            uitkomst = (p.totaal, p.regels.len());
        }
        tijden.sort_by(f64::total_cmp);
        // Wat het synthetische log zeker bevat (een run per maand over de personen 1, 2, …, en
        // elke medewerker zoekt): anders meet de bench iets anders dan hij zegt.
        let klopt = match naam {
            "op persoon (alleen in runs)" => uitkomst.0 >= 24,
            "op persoon die nergens voorkomt" => uitkomst.0 == 0,
            "op medewerker" | "nieuwste 50, zonder filter" => uitkomst.0 > 0,
            _ => true,
        };
        if !klopt {
            bail!(
                "{naam}: {} regels; het synthetische log bevat iets anders",
                uitkomst.0
            );
        }
        uit!(
            "{naam:<40} {:>10} {:>8} {:>8.1}ms {:>8.1}ms",
            uitkomst.0,
            uitkomst.1,
            percentiel(&tijden, 0.5),
            percentiel(&tijden, 1.0)
        );
    }
    Ok(())
}
