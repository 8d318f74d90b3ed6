//! Costs of the pure core that the app pays on every file change and every gesture:
//! loading a scenario (parse + validate), and playing and grading a whole attempt.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use fibrelab::exercise::Exercise;
use fibrelab::exercise::script::ActionList;
use fibrelab::grading::grade;
use fibrelab::scenario::load::load_bytes;

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src =
        std::fs::read(root.join("scenarios/cable-prep/loose-tube-tia-assessment.ron")).unwrap();
    c.bench_function("scenario load (parse + validate)", |b| {
        b.iter(|| load_bytes(black_box(&src), "bench.ron").unwrap())
    });
    let loaded = load_bytes(&src, "bench.ron").unwrap();
    let list = ActionList::parse(
        &std::fs::read(root.join("tests/scripts/loose-tube-tia-assessment.clean.ron")).unwrap(),
        "script",
    )
    .unwrap()
    .timed();
    c.bench_function("play 17 gestures + grade", |b| {
        b.iter(|| {
            let mut ex = Exercise::generate(&loaded.scenario, black_box(3));
            for (at, a) in &list {
                let _ = ex.apply(*at, a.clone());
            }
            grade(&ex)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
