//! Costs of the routing mechanics (issue 11): a pull plan for a 5 km route of 500
//! segments computed both ways, as the pull view does for its dynamometer and the
//! grader for the other-way feedback; the load study of a 200-pole line (each pole's
//! study, the hardware rules along the line and the ruling span); and a routing attempt
//! played and graded.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use fibrelab::exercise::Exercise;
use fibrelab::exercise::script::ActionList;
use fibrelab::grading::grade;
use fibrelab::physics::hardware::{LinePole, MAX_SUSPENSIONS_IN_ROW, choose};
use fibrelab::physics::pole::{Deviation, Pole, PoleCable, study};
use fibrelab::physics::pulling::{Segment, pull, reversed};
use fibrelab::physics::span::ruling_span_m;
use fibrelab::scenario::load::load_bytes;

fn route_5km() -> Vec<Segment> {
    (0..500)
        .map(|i| {
            if i % 2 == 0 {
                Segment::Straight {
                    length_m: 20.0,
                    slope_deg: if i % 10 == 0 { 2.0 } else { 0.0 },
                }
            } else {
                Segment::Bend {
                    angle_deg: 5.0 + (i % 7) as f64,
                    radius_m: Some(1.0),
                }
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let route = route_5km();
    c.bench_function("pull plan, 5 km in 500 segments, both ways", |b| {
        b.iter(|| {
            let fwd = pull(black_box(&route), 1.207, 0.2, 50.0);
            let back = pull(&reversed(black_box(&route)), 1.207, 0.2, 50.0);
            (fwd.max_tension_n(), back.max_tension_n())
        })
    });

    let spans: Vec<f64> = (0..199).map(|i| 35.0 + (i % 5) as f64 * 5.0).collect();
    let pole = Pole {
        height_m: 8.0,
        base_diameter_m: 0.2,
        top_diameter_m: 0.14,
        nominal_n: 2500.0,
        reference_height_m: 7.75,
    };
    c.bench_function("load study of a 200-pole line", |b| {
        b.iter(|| {
            let ruling = ruling_span_m(black_box(&spans));
            let line: Vec<LinePole> = (0..200)
                .map(|i| LinePole {
                    deviation_deg: (i % 9) as f64 * 4.0,
                    before: (i > 0).then(|| (spans[i - 1], i == 100)),
                    after: spans.get(i).map(|l| (*l, i == 99)),
                })
                .collect();
            let hardware = choose(&line, MAX_SUSPENSIONS_IN_ROW);
            let worst = (0..200)
                .map(|i| {
                    let cables = [
                        PoleCable {
                            tensions_n: (613.0 * ruling / 50.0, 613.0 * ruling / 50.0),
                            diameter_m: 0.01,
                            height_m: 7.3,
                            spans_m: (
                                line[i].before.map_or(0.0, |s| s.0),
                                line[i].after.map_or(0.0, |s| s.0),
                            ),
                            deviation: if line[i].before.is_none() || line[i].after.is_none() {
                                Deviation::DeadEnd
                            } else {
                                Deviation::Angle(line[i].deviation_deg)
                            },
                        },
                        PoleCable {
                            tensions_n: (800.0, 800.0),
                            diameter_m: 0.012,
                            height_m: 5.8,
                            spans_m: (40.0, 40.0),
                            deviation: Deviation::Angle(line[i].deviation_deg),
                        },
                    ];
                    study(&pole, &cables, 480.0).utilisation
                })
                .fold(0.0, f64::max);
            (hardware.len(), worst)
        })
    });

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read(root.join("scenarios/routing/split-pull-assessment.ron")).unwrap();
    let loaded = load_bytes(&src, "bench.ron").unwrap();
    let list = ActionList::parse(
        &std::fs::read(root.join("tests/scripts/route-split-pull-assessment.clean.ron")).unwrap(),
        "script",
    )
    .unwrap()
    .timed();
    c.bench_function("routing attempt: split pull played + graded", |b| {
        b.iter(|| {
            let mut ex = Exercise::generate(&loaded.scenario, black_box(1));
            for (at, a) in &list {
                let _ = ex.apply(*at, a.clone());
            }
            grade(&ex)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
