//! `vangnet bench`: meet de kosten van de basis (schrijven met audit, de keten controleren,
//! sessies controleren, inloggen) op een verse database. De uitkomsten staan in
//! docs/PERFORMANCE.md; er zit nergens een tijdslimiet in een test.

use std::time::Instant;

use anyhow::{bail, Result};
use vangnet_app::account::EersteStart;
use vangnet_app::{App, Context};

fn regel(wat: &str, aantal: u64, begin: Instant) {
    let s = begin.elapsed().as_secs_f64();
    println!(
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
    println!("engine: {}", app.opslag.engine());

    let begin = Instant::now();
    for i in 0..aantal {
        app.team_aanmaken(&ctx, &format!("Team {i:07}"), "bench")
            .await?;
    }
    regel("team aanmaken (schrijven + auditrecord)", aantal, begin);

    let begin = Instant::now();
    let uitslag = app.audit_controleren(&ctx).await?;
    let records = match uitslag {
        vangnet_app::audit::KetenUitslag::Intact { records } => records as u64,
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
