//! The school's commands over a school's year: a store of 10 000 attempts of 500 trainees
//! under `cargo bench` (200 when the benches run once as tests; FIBRELAB_BENCH_ATTEMPTS
//! says another size). The store is made by playing the shipped scripts as assessment
//! attempts (20 trainees × 5 scenarios of five modules), repeated to the size asked and
//! spread over 500 trainees, then sealed with a key as a store of an earlier release is
//! when this one first opens it.
//!
//! Measured: in the library, the gradebook, `verify` (every attempt replayed), a printed
//! code checked, the xAPI statements of every attempt; as the command line runs them (a
//! child process, its time and its peak memory from FIBRELAB_PEAK_MEMORY), `verify
//! --code`, `results` in each format, `xapi export`; `trainee import` of a class list of
//! 20 000 (200); one PIN's hash. Under `cargo bench` the budgets of issue 22 are held:
//! `verify --code` under 1 s, `results` under 10 s and 300 MB in each format, `xapi
//! export` under 300 MB, the import under 30 s.
//! FIBRELAB_BENCH_KEEP=FILE keeps a copy of the store there.

#[path = "../tests/common/sandbox.rs"]
mod sandbox;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use fibrelab::exercise::script::ActionList;
use fibrelab::records::Db;
use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
use fibrelab::records::results::Filter;
use fibrelab::records::seal::read_or_create_key;
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
    // A school's year: 500 trainees the copies are spread over (added after the
    // assessment so that only the first 20 are assigned its items).
    let others = db.create_cohort("Promo année", None, None, None).unwrap();
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
    for i in 20..500 {
        db.add_trainee(&format!("Stagiaire {i:03}"), None, Some(&others), None)
            .unwrap();
    }
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
            // Spread over the school's 500 trainees.
            c.execute(
                "UPDATE attempts SET trainee_id = ?2,
                     trainee = (SELECT display_name FROM trainees WHERE id = ?2) WHERE id = ?1",
                [new, 1 + new % 500],
            )
            .unwrap();
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

/// A command's budget: seconds, and KiB of peak memory.
type Budget = (f64, u64);

/// The school's PIN on the bench store.
const PIN: &str = "482913";

/// A command of the command line on the bench store: its time and its peak memory (KiB).
fn cli(db: &Path, key: &Path, args: &[&str]) -> (std::time::Duration, u64) {
    let t = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "fr", "--db"])
        .arg(db)
        .args(args)
        .env("FIBRELAB_SCHOOL_KEY", key)
        .env("FIBRELAB_TRAINER_PIN", PIN)
        .env("FIBRELAB_PEAK_MEMORY", "1")
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    let kib = err
        .lines()
        .find_map(|l| l.strip_prefix("peak-memory-kib "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (took, kib)
}

fn bench(c: &mut Criterion) {
    let as_bench = std::env::args().any(|a| a == "--bench");
    let size: usize = std::env::var("FIBRELAB_BENCH_ATTEMPTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if as_bench { 10_000 } else { 200 });
    let tmp = tempfile::tempdir().unwrap();
    let path = store(tmp.path(), size);
    // Sealed whole as this release seals a store it first opens, with a trainer.
    let key_path = tmp.path().join("keys/school.key");
    let key = read_or_create_key(&key_path).unwrap();
    let t = std::time::Instant::now();
    let mut rw = Db::open(&path).unwrap();
    rw.set_key(key.clone()).unwrap();
    println!(
        "sealing a store of {size} attempts whole: {:.1} s",
        t.elapsed().as_secs_f64()
    );
    rw.add_trainer("Mme Bench", PIN).unwrap();
    // A copy of the store for measuring the command line on it (`/usr/bin/time -v`).
    if let Some(keep) = std::env::var_os("FIBRELAB_BENCH_KEEP") {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute("VACUUM INTO ?1", [keep.to_string_lossy()])
            .unwrap();
    }
    let mut db = Db::open_read_only(&path).unwrap();
    db.set_key(key.clone()).unwrap();
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
    // A printed code: the attempt found by the code kept with it, replayed alone, held to
    // its seals and the chain's.
    let last = db.attempts().unwrap().last().unwrap().id;
    let code = db.code_of(last).unwrap().unwrap();
    g.bench_function(format!("verify --code, {size} attempts"), |b| {
        b.iter(|| {
            let id = db.attempt_of_code(&code).unwrap().unwrap();
            let v = db.verify_attempt(id).unwrap();
            assert!(v.problem.is_none(), "{:?}", v.problem);
            black_box(v)
        })
    });
    // The statements of every attempt, made one attempt at a time as `xapi export` makes
    // them (queued in the outbox the first time), written to nowhere.
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
    // One PIN's hash: what each try of an offline search costs.
    g.bench_function("one PIN hashed (Argon2id, 64 MiB, 3 passes)", |b| {
        b.iter(|| black_box(fibrelab::records::seal::hash_pin(black_box("482913"))))
    });
    g.finish();

    // The command line, as a trainer runs it: time and peak memory, each once (the
    // budgets are whole commands, start to end).
    let out = tmp.path().join("out");
    let out = out.to_str().unwrap();
    // (the command, its arguments, its budget in seconds and KiB)
    let commands: [(&str, Vec<&str>, Budget); 6] = [
        (
            "verify --code",
            vec!["verify", "--code", &code],
            (1.0, 300_000),
        ),
        (
            "results table",
            vec!["results", "--all", "--out", out],
            (10.0, 300_000),
        ),
        (
            "results csv",
            vec!["results", "--all", "--format", "csv", "--out", out],
            (10.0, 300_000),
        ),
        (
            "results xlsx",
            vec!["results", "--all", "--format", "xlsx", "--out", out],
            (10.0, 300_000),
        ),
        (
            "results json",
            vec!["results", "--all", "--format", "json", "--out", out],
            (10.0, 300_000),
        ),
        (
            "xapi export",
            vec!["xapi", "export", "--all", "--out", out],
            (f64::INFINITY, 300_000),
        ),
    ];
    for (name, args, (s, k)) in &commands {
        let (took, kib) = cli(&path, &key_path, args);
        println!(
            "{name}, {size} attempts: {:.2} s, peak memory {:.0} MB",
            took.as_secs_f64(),
            kib as f64 / 1024.0
        );
        if as_bench {
            assert!(took.as_secs_f64() < *s, "{name}: {took:?} over {s} s");
            assert!(kib < *k, "{name}: {kib} KiB over {k} KiB");
        }
    }

    // A class list of 20 000 (200) imported into a new school's store.
    let rows = if as_bench { 20_000 } else { 200 };
    let mut list = String::from("Nom;Prénom;N° dossier\n");
    for i in 0..rows {
        list.push_str(&format!("Nom{i:05};Prénom{i:05};D{i:05}\n"));
    }
    let list_path = tmp.path().join("liste.csv");
    std::fs::write(&list_path, list).unwrap();
    let fresh = tmp.path().join("import.db");
    {
        let mut db = Db::open(&fresh).unwrap();
        db.set_key(key.clone()).unwrap();
        db.add_trainer("Mme Bench", PIN).unwrap();
        db.create_cohort("Promo import", None, None, None).unwrap();
    }
    let (took, kib) = cli(
        &fresh,
        &key_path,
        &[
            "trainee",
            "import",
            list_path.to_str().unwrap(),
            "--cohort",
            "Promo import",
        ],
    );
    println!(
        "trainee import of {rows} rows: {:.2} s, peak memory {:.0} MB",
        took.as_secs_f64(),
        kib as f64 / 1024.0
    );
    let n: i64 = rusqlite::Connection::open(&fresh)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM trainees", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, rows as i64);
    if as_bench {
        assert!(took.as_secs_f64() < 30.0, "import: {took:?}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
