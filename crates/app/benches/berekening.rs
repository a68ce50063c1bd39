//! Criterion-benchmark van de bijstandsberekening over de situaties van de synthetische bevolking
//! (dezelfde als `vangnet bench berekening`), in het geheugen: het rekenpad zonder uitleg en
//! zonder allocaties (`bereken_bedragen`) en ter vergelijking het pad met uitleg (`bereken`).
//! Draaien: `cargo bench -p vangnet-app --bench berekening`; uitkomsten in docs/PERFORMANCE.md.

#![allow(clippy::unwrap_used, clippy::expect_used)] // een benchmark mag hard falen

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vangnet_domain::berekening::{bereken, bereken_bedragen, GelezenSituatie};
use vangnet_domain::normen::Normtabellen;
use vangnet_domain::persoon::datum::eerste_van_maand;

const HUISHOUDENS: u64 = 10_000;

fn berekening(c: &mut Criterion) {
    let tabellen = Normtabellen::gedeeld().unwrap();
    let situaties = vangnet_app::demo::situaties(HUISHOUDENS, 2026);
    let gelezen: Vec<GelezenSituatie> = situaties
        .iter()
        .map(|s| GelezenSituatie::lees(s).unwrap())
        .collect();
    let maanden: Vec<_> = (1..=12)
        .map(|m| eerste_van_maand(2026, m).unwrap())
        .collect();

    let mut groep = c.benchmark_group("berekening");
    groep.throughput(Throughput::Elements(gelezen.len() as u64 * 12));
    groep.bench_function("zonder uitleg, 12 maanden", |b| {
        b.iter(|| {
            let mut som = 0i64;
            for maand in &maanden {
                for g in &gelezen {
                    if let Ok(uit) = bereken_bedragen(&g.rekensituatie(*maand, None), tabellen) {
                        som += uit.uitbetaling;
                    }
                }
            }
            black_box(som)
        })
    });
    groep.throughput(Throughput::Elements(situaties.len() as u64));
    groep.bench_function("met uitleg, 1 maand", |b| {
        b.iter(|| {
            for s in &situaties {
                let _ = black_box(bereken(s, tabellen));
            }
        })
    });
    groep.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = berekening
}
criterion_main!(benches);
