//! The school's views over a large store: `verify` (every attempt replayed and held to
//! its grade), the gradebook of an assessment and the xAPI statements of every attempt.
//! The store is made by playing the shipped scripts as assessment attempts (20 trainees ×
//! 5 scenarios of five modules), then repeated to the size asked: FIBRELAB_BENCH_ATTEMPTS
//! (default 10 000 under `cargo bench`, 200 when the benches run once as tests).
//! FIBRELAB_BENCH_KEEP=FILE keeps a copy of the store there (to measure the command line
//! on it, e.g. `/usr/bin/time -v fibrelab --db FILE xapi export --all --out x.json`).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use fibrelab::exercise::script::ActionList;
use fibrelab::records::Db;
use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
use fibrelab::records::results::Filter;
use fibrelab::records::xapi::School;

const ITEMS: [(&str, &str); 5] = [
    (
        "prep-loose-tube-tia-assessment",
        "loose-tube-tia-assessment",
    ),
    (
        "splice-mixed-fibres-practice",
        "splice-mixed-fibres-practice",
    ),
    ("route-alignment-assessment", "route-alignment-assessment"),
    (
        "connect-dirty-connector-assessment",
        "connect-dirty-connector-assessment",
    ),
    ("otdr-first-trace-practice", "otdr-first-trace-practice"),
];

fn store(dir: &Path, size: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = dir.join("bench.db");
    let db = Db::open(&path).unwrap();
    let cohort = db.create_cohort("Promo bench", None, None, None).unwrap();
    for i in 0..20 {
        db.add_trainee(&format!("Stagiaire {i:02}"), None, Some(&cohort), None)
            .unwrap();
    }
    let spec = AssessmentSpec {
        id: "bench".into(),
        title: "Bench".into(),
        cohort: None,
        kind: Kind::Ecf,
        scenarios: ITEMS.iter().map(|(s, _)| s.to_string()).collect(),
        opens: None,
        closes: None,
        time_limit_min: None,
        attempts: 20,
        seed: SeedPolicy::PerTrainee,
        base_seed: Some(1),
        feedback: Feedback::Immediate,
    };
    let a = db.create_assessment(&spec, &cohort, None, false).unwrap();
    for (k, g) in db.assignments(&a).unwrap().iter().enumerate() {
        let (_, file) = ITEMS[g.position as usize];
        let kind = if k % 3 == 0 { "mistakes" } else { "clean" };
        let name = format!("{file}.{kind}.ron");
        let list = ActionList::parse(
            &std::fs::read(root.join("tests/scripts").join(&name)).unwrap(),
            &name,
        )
        .unwrap();
        let mut s = db.start_assignment(g, &root.join("scenarios")).unwrap();
        for (at, action) in list.timed() {
            let _ = s.act(&db, at, action);
        }
        if !s.exercise.is_finished() {
            let at = s.exercise.elapsed_ms();
            let _ = s.act(&db, at, fibrelab::exercise::Action::Finish);
        }
    }
    drop(db);
    // Repeated to the size asked: each copy a record of its own, with its log and files.
    let c = rusqlite::Connection::open(&path).unwrap();
    let played: Vec<i64> = c
        .prepare("SELECT id FROM attempts ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    c.execute_batch("BEGIN").unwrap();
    let mut n = played.len();
    'copies: loop {
        for id in &played {
            if n >= size {
                break 'copies;
            }
            c.execute(
                "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee, started_at,
                     status, finished_at, score, passed, grade_json, program_version, uuid, origin,
                     trainee_id, assignment_id, time_limit_ms, deadline_at, ended_by, scenario_path)
                 SELECT scenario_id, scenario_hash, scenario_source, seed, trainee, started_at, status,
                     finished_at, score, passed, grade_json, program_version, lower(hex(randomblob(16))),
                     origin, trainee_id, assignment_id, time_limit_ms, deadline_at, ended_by, scenario_path
                 FROM attempts WHERE id = ?1",
                [id],
            )
            .unwrap();
            let new = c.last_insert_rowid();
            c.execute(
                "INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action)
                 SELECT ?2, seq, at_ms, recorded_at, action FROM actions WHERE attempt_id = ?1",
                [id, &new],
            )
            .unwrap();
            c.execute(
                "INSERT INTO attempt_files (attempt_id, name, sha256, bytes)
                 SELECT ?2, name, sha256, bytes FROM attempt_files WHERE attempt_id = ?1",
                [id, &new],
            )
            .unwrap();
            n += 1;
        }
    }
    c.execute_batch("COMMIT").unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let as_bench = std::env::args().any(|a| a == "--bench");
    let size: usize = std::env::var("FIBRELAB_BENCH_ATTEMPTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if as_bench { 10_000 } else { 200 });
    let tmp = tempfile::tempdir().unwrap();
    let path = store(tmp.path(), size);
    // A copy of the store for measuring the command line on it (`/usr/bin/time -v`).
    if let Some(keep) = std::env::var_os("FIBRELAB_BENCH_KEEP") {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute("VACUUM INTO ?1", [keep.to_string_lossy()])
            .unwrap();
    }
    let db = Db::open_read_only(&path).unwrap();
    assert_eq!(db.attempts().unwrap().len(), size.max(100));
    let a = db.assessment("bench").unwrap().unwrap();
    let mut g = c.benchmark_group("school");
    g.sample_size(10);
    g.bench_function(format!("gradebook, {size} attempts"), |b| {
        b.iter(|| black_box(db.gradebook(&a).unwrap()))
    });
    g.bench_function(format!("verify, {size} attempts"), |b| {
        b.iter(|| {
            let v = db.verify().unwrap();
            assert!(v.iter().all(|x| x.problem.is_none()));
            black_box(v)
        })
    });
    // The statements of every attempt, made one attempt at a time as `xapi export` makes
    // them (queued in the outbox the first time), written to nowhere.
    let rw = Db::open(&path).unwrap();
    let base_iri = "https://formation.ecole-fibre.example/fibrelab";
    rw.set_base_iri(base_iri).unwrap();
    let school = School {
        base_iri: base_iri.into(),
    };
    g.bench_function(format!("xapi export, {size} attempts"), |b| {
        b.iter(|| {
            let mut n = 0;
            rw.for_each_statement_batch(&Filter::default(), &school, |_, batch| {
                for st in &batch {
                    serde_json::to_writer(std::io::sink(), st).unwrap();
                }
                n += batch.len();
                Ok::<(), fibrelab::records::RecordsError>(())
            })
            .unwrap();
            assert!(n >= size);
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
