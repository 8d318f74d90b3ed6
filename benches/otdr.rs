//! OTDR budgets (issue: OTDR module), each measured beside its reference in the same run:
//! - acquisition + analysis of a 131 072-point trace vs drawing 131 072 normal numbers
//!   with the same generator (budget: at most 2×, issue 27; on a 2-core machine in
//!   December 2026: 1.79×, 8.47 against 4.74 ms, and 1.96× in a noisier minute, once the
//!   acquisition stopped handing its long arrays back to the system between calls (they
//!   were faulted in anew every time: 2.2 to 2.6× before); 1.91× earlier, 9.33 against
//!   4.89 ms, when the analysis had just learned to check each step's sign);
//! - reading each sample .sor with our reader vs otdrs (budget: no slower);
//! - one frame's plot data for a 1 048 576-point trace vs a 4 096-point one at the same
//!   width in pixels (budget: at most 1.5×).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use fibrelab::physics::analysis::{Thresholds, analyse};
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{ConnectorKind, Element, Link};
use fibrelab::physics::otdr::{Settings, acquire};
use fibrelab::plot::MinMaxPyramid;
use fibrelab::rng::SimRng;

fn link() -> Link {
    let f = |m| Element::Fibre {
        fibre: FibreType::G652D,
        length_m: m,
    };
    Link {
        elements: vec![
            f(1000.0),
            Element::Connector {
                kind: ConnectorKind::Apc,
                loss_db: 0.3,
                reflectance_db: -60.0,
            },
            f(6000.0),
            Element::FusionSplice {
                loss_db: 0.1,
                loss_1310_db: None,
            },
            f(8000.0),
            Element::End {
                reflectance_db: Some(-14.4),
            },
        ],
    }
}

fn otdr(c: &mut Criterion) {
    let o = FibreType::G652D.optics(1310.0);
    // 20 km range: 131 072 points of 0.153 m.
    let s = Settings {
        wavelength_nm: 1310.0,
        pulse_ns: 100.0,
        range_m: 20_000.0,
        averaging_s: 30.0,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    };
    assert_eq!(s.points(), 131_072);
    let l = link();
    let mut g = c.benchmark_group("otdr 131072 points");
    g.bench_function("reference: 131072 normal draws", |b| {
        b.iter(|| {
            let mut r = SimRng::new(black_box(1), 0);
            (0..131_072).map(|_| r.normal()).sum::<f64>()
        })
    });
    g.bench_function("acquisition + analysis", |b| {
        b.iter(|| {
            let t = acquire(&l, &s, &mut SimRng::new(black_box(1), 0));
            analyse(&t, &Thresholds::default())
        })
    });
    // Where the time goes.
    g.bench_function("acquisition only", |b| {
        b.iter(|| acquire(&l, &s, &mut SimRng::new(black_box(1), 0)))
    });
    let t = acquire(&l, &s, &mut SimRng::new(1, 0));
    g.bench_function("analysis only", |b| {
        b.iter(|| analyse(black_box(&t), &Thresholds::default()))
    });
    g.finish();

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sor-samples");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "sor"))
            .collect();
        files.sort();
        let mut g = c.benchmark_group("read .sor");
        for p in files {
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            g.bench_function(format!("{name}: fibrelab"), |b| {
                b.iter(|| fibrelab::sor::read(black_box(&bytes)).unwrap())
            });
            g.bench_function(format!("{name}: otdrs"), |b| {
                b.iter(|| otdrs::parser::parse_file(black_box(&bytes)).unwrap())
            });
        }
        g.finish();
    }

    let mut g = c.benchmark_group("plot frame, 1200 px");
    for n in [4096usize, 1_048_576] {
        let y: Vec<f64> = (0..n).map(|i| -((i % 1000) as f64) * 0.01).collect();
        let p = MinMaxPyramid::new(&y);
        g.bench_function(format!("{n} points"), |b| {
            b.iter(|| p.columns(0, black_box(n), 1200))
        });
    }
    g.finish();
}

criterion_group!(benches, otdr);
criterion_main!(benches);
