//! `vangnet betaalrun`: de hele run van een maand vanaf de opdrachtregel, met een voortgangsregel
//! en een samenvatting. De regels zelf staan in `vangnet_app::betaalruns`; hier alleen de volgorde
//! (hervatten waar een eerdere poging stopte) en het schrijven van de bestanden.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use vangnet_app::App;
use vangnet_domain::bedrag::euro;

use crate::app_fout;

pub struct Opdracht {
    pub maand: String,
    pub betaaldatum: String,
    pub gestart_door: String,
    pub goedgekeurd_door: String,
    pub pain: PathBuf,
    pub per_bestand: Option<u64>,
}

/// Schrijft eerst naar `BESTAND.deel` en hernoemt pas als alles goed ging: een onderbroken
/// export laat nooit een half bestand achter onder de echte naam. Alleen de eigenaar kan het
/// lezen (0600): het bevat van iedereen de naam, het IBAN en het bedrag.
async fn bestand_schrijven(
    app: &App,
    ctx: &vangnet_app::Context,
    run: i64,
    deel: Option<(u64, u64)>,
    pad: &Path,
) -> Result<(u64, i64)> {
    let tijdelijk = pad.with_extension("deel");
    let f = vangnet_app::bestanden::prive_bestand(&tijdelijk)
        .with_context(|| format!("{} aanmaken", tijdelijk.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    let uitkomst = app.betaalrun_pain(ctx, run, deel, &mut w).await;
    let (n, som) = match uitkomst {
        Ok(x) => x,
        Err(e) => {
            drop(w);
            let _ = std::fs::remove_file(&tijdelijk);
            return Err(app_fout(e));
        }
    };
    w.flush()?;
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("schrijven: {e}"))?
        .sync_all()?;
    std::fs::rename(&tijdelijk, pad)?;
    Ok((n, som))
}

pub async fn draaien(app: &App, o: &Opdracht) -> Result<()> {
    if o.gestart_door
        .trim()
        .eq_ignore_ascii_case(o.goedgekeurd_door.trim())
    {
        anyhow::bail!("--goedgekeurd-door: een ander dan wie de run start keurt goed (vier ogen)");
    }
    let starter = app.context_als(&o.gestart_door).await.map_err(app_fout)?;
    let keurder = app
        .context_als(&o.goedgekeurd_door)
        .await
        .map_err(app_fout)?;
    let begin = std::time::Instant::now();
    let runs = app
        .betaalruns_van_maand(&starter, &o.maand)
        .await
        .map_err(app_fout)?;
    let id = match runs.iter().find(|r| r.status.definitief()) {
        Some(r) => {
            uit!(
                "Run {} voor {} is al goedgekeurd; alleen het bestand wordt gemaakt.",
                r.id,
                o.maand
            );
            r.id
        }
        None => {
            let id = match runs.iter().find(|r| r.status.mag_berekenen()) {
                Some(r) => {
                    uit!("Open run {} voor {} wordt hervat.", r.id, o.maand);
                    r.id
                }
                None => app
                    .betaalrun_starten(&starter, &o.maand, &o.betaaldatum)
                    .await
                    .map_err(app_fout)?,
            };
            let totaal = app.betaalrun_omvang(&starter).await.map_err(app_fout)?;
            let mut balk = crate::voortgang::Voortgang::nieuw("Berekenen", "uitkeringen");
            let run = app
                .betaalrun_berekenen(&starter, id, |n| balk.meld(n, totaal))
                .await
                .map_err(app_fout)?;
            balk.klaar();
            app.betaalrun_goedkeuren(&keurder, id, run.versie)
                .await
                .map_err(app_fout)?;
            id
        }
    };
    let beeld = app.betaalrun_beeld(&keurder, id).await.map_err(app_fout)?;
    let mut bestanden = Vec::new();
    if beeld.run.aantal_betalingen > 0 {
        match o.per_bestand.filter(|n| *n > 0) {
            None => {
                let (n, som) = bestand_schrijven(app, &keurder, id, None, &o.pain).await?;
                bestanden.push((o.pain.clone(), n, som));
            }
            Some(per) => {
                let aantal = u64::try_from(beeld.run.aantal_betalingen).unwrap_or(0);
                let stam = o.pain.with_extension("");
                for nr in 1..=aantal.div_ceil(per) {
                    let pad = PathBuf::from(format!("{}-{nr}.xml", stam.display()));
                    let (n, som) =
                        bestand_schrijven(app, &keurder, id, Some((nr, per)), &pad).await?;
                    bestanden.push((pad, n, som));
                }
            }
        }
    }
    uit!(
        "Betaalrun {} ({}), betaaldatum {}: {} betalingen, totaal {} — {:.1} s.",
        id,
        o.maand,
        beeld.run.betaaldatum,
        beeld.run.aantal_betalingen,
        euro(beeld.run.totaal_centen.centen()),
        begin.elapsed().as_secs_f64()
    );
    for t in &beeld.totalen {
        let naam = t.categorie.naam();
        uit!(
            "  {naam:<45} {:>9}  {:>18}",
            t.aantal,
            euro(t.som_centen.centen())
        );
    }
    for (pad, n, som) in &bestanden {
        uit!(
            "  bestand {}: {n} overboekingen, {}",
            pad.display(),
            euro(*som)
        );
    }
    if bestanden.is_empty() {
        uit!("  geen betalingen: geen bestand geschreven.");
    }
    Ok(())
}
