//! Issue 28, the deliverables: the dossier a job hands in (`play --dossier DIR`), read
//! back against what it must hold, from outside the code that wrote it:
//! - the 12-fibre closure job: one trace per fibre and wavelength, named by cable, fibre
//!   and wavelength, each a .sor file that reads back with its fibre's label; the
//!   tableau de synthèse one line per fibre, its length and its loss at 1550 nm within
//!   the instrument's reach of the link's true length and loss (drawn by the seed,
//!   read here from the exercise replayed in process); a PV per fibre naming the two
//!   trace files handed in; the documents list in GraceTHD's columns (written out here
//!   as read in GraceTHD-MCD v2.0.1), every document a file of the dossier and every
//!   object link a document of the list;
//! - the job at the box: the DOE's t_position holds the plan's rows, the one the trainee
//!   named now a fusion splice (EP, SFU) to the drop, every other row as the plan wrote
//!   it; t_ropt gains the customer's route (their distribution fibre, then the drop);
//!   a job rightly stopped on a mismatch leaves the tables as the plan wrote them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::*;

use fibrelab::exercise::Exercise;
use fibrelab::scenario::ExerciseSpec;
use fibrelab::scenario::load::load_file;

fn scenario(path: &str) -> fibrelab::scenario::Scenario {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    match load_file(&p) {
        Ok(l) => l.scenario,
        Err(d) => panic!("{}", d[0].render(fibrelab::i18n::Lang::En)),
    }
}

/// `play --no-record --dossier` of a shipped scenario with one of its scripts, in `lang`.
fn hand_in(dir: &Path, lang: &str, id: &str, seed: u64, script_file: &str) {
    let s = seat_store();
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", lang, "--db"])
        .arg(&s.db)
        .args([
            "play",
            id,
            "--seed",
            &seed.to_string(),
            "--no-record",
            "--actions",
        ])
        .arg(root().join("tests/scripts").join(script_file))
        .arg("--dossier")
        .arg(dir)
        .output()
        .expect("fibrelab");
    assert!(out.status.success(), "{}", text(&out));
}

fn read(dir: &Path, name: &str) -> String {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    String::from_utf8(bytes)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_string()
}

/// A `;`-separated table (`,` in the English form): its header's cells and its rows'
/// (no cell here holds the separator).
fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let sep = if text.lines().next().is_some_and(|l| l.contains(';')) {
        ';'
    } else {
        ','
    };
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let cells = |l: &str| -> Vec<String> {
        l.split(sep)
            .map(|c| c.trim_matches('"').to_string())
            .collect()
    };
    let header = cells(lines.next().expect("a header"));
    (header, lines.map(cells).collect())
}

fn number(cell: &str) -> f64 {
    cell.replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

/// GraceTHD v2.0.1's columns, as its `db_shpcsv` CSV headers write them.
const T_DOCUMENT: [&str; 15] = [
    "do_code",
    "do_ref",
    "do_reftier",
    "do_type",
    "do_indice",
    "do_date",
    "do_classe",
    "do_url1",
    "do_url2",
    "do_comment",
    "do_creadat",
    "do_majdate",
    "do_majsrc",
    "do_abddate",
    "do_abdsrc",
];
const T_DOCOBJ: [&str; 9] = [
    "od_id",
    "od_do_code",
    "od_tbltype",
    "od_codeobj",
    "od_creadat",
    "od_majdate",
    "od_majsrc",
    "od_abddate",
    "od_abdsrc",
];
const T_POSITION: [&str; 10] = [
    "ps_code",
    "ps_numero",
    "ps_1",
    "ps_2",
    "ps_cs_code",
    "ps_ti_code",
    "ps_type",
    "ps_fonct",
    "ps_etat",
    "ps_preaff",
];
const T_ROPT: [&str; 4] = ["rt_id", "rt_code", "rt_fo_code", "rt_fo_ordr"];

/// Every document of the list is a file of the dossier, its type one of GraceTHD's
/// (`l_doc_type`), and every object link names a document of the list and a table of
/// `l_doc_tab`. The documents' files.
fn documents_hold(dir: &Path) -> Vec<String> {
    let (h, docs) = table(&read(dir, "doe/t_document.csv"));
    assert_eq!(h, T_DOCUMENT);
    let (h, links) = table(&read(dir, "doe/t_docobj.csv"));
    assert_eq!(h, T_DOCOBJ);
    let codes: BTreeSet<&str> = docs.iter().map(|d| d[0].as_str()).collect();
    assert_eq!(codes.len(), docs.len(), "one code per document");
    for d in &docs {
        assert_eq!(d.len(), T_DOCUMENT.len(), "{d:?}");
        assert!(["MRF", "RFR", "DLG"].contains(&d[3].as_str()), "{d:?}");
        assert!(dir.join(&d[7]).is_file(), "{d:?}: its file");
        assert_eq!(d[5].len(), 10, "{d:?}: a date");
    }
    for l in &links {
        assert_eq!(l.len(), T_DOCOBJ.len(), "{l:?}");
        assert!(codes.contains(l[1].as_str()), "{l:?}");
        assert!(["FO", "BP"].contains(&l[2].as_str()), "{l:?}");
        assert!(!l[3].is_empty(), "{l:?}");
    }
    docs.iter().map(|d| d[7].clone()).collect()
}

#[test]
fn the_closure_jobs_dossier_holds_each_fibre_at_each_wavelength() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dossier");
    let (id, seed) = ("job-closure-12-fibres-practice", 1);
    hand_in(
        &dir,
        "fr",
        id,
        seed,
        "job-closure-12-fibres-practice.clean.ron",
    );

    // The links as the seed drew them, and the splices as the script made them.
    let sc = scenario("scenarios/job/closure-12-fibres-practice.ron");
    assert!(matches!(sc.exercise, ExerciseSpec::Job(_)));
    let mut ex = Exercise::generate(&sc, seed);
    for (at, a) in script("job-closure-12-fibres-practice.clean.ron").timed() {
        let _ = ex.apply(at, a);
    }
    let test = ex
        .state
        .job()
        .and_then(|j| j.test_stage())
        .expect("the test stage");
    assert_eq!(test.fibres.len(), 12);

    // The traces: two per fibre, named by cable, fibre and wavelength.
    let mut sor: Vec<String> = std::fs::read_dir(dir.join("sor"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    sor.sort();
    let expected: Vec<String> = (1..=12)
        .flat_map(|f| [1310, 1550].map(|wl| format!("NRO-PM-021_T01F{f:02}_{wl}nm.sor")))
        .collect();
    assert_eq!(sor, expected);
    for name in &sor {
        let bytes = std::fs::read(dir.join("sor").join(name)).unwrap();
        let file = fibrelab::sor::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let fxd = file.fxd.as_ref().expect("its parameters");
        let wl: f64 = name[name.len() - 10..name.len() - 6].parse().unwrap();
        assert!((fxd.wavelength_nm() - wl).abs() < 1.0, "{name}");
        let general = file.general.as_ref().expect("its labels");
        assert_eq!(general.cable_id.trim(), "NRO-PM-021", "{name}");
        assert_eq!(general.fibre_id.trim(), &name[11..17], "{name}");
        // A practice attempt's seed may be written; the operator is no name.
        assert!(general.comment.contains(&format!("seed {seed}")), "{name}");
        assert_eq!(general.operator.trim(), "attempt 0", "{name}");
    }

    // The tableau de synthèse: one line per fibre, against the true links.
    let (h, rows) = table(&read(&dir, "tableau-de-synthese.csv"));
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {h:?}"))
    };
    assert_eq!(rows.len(), 12);
    let colours = [
        "rouge",
        "bleu",
        "vert",
        "jaune",
        "violet",
        "blanc",
        "orange",
        "gris",
        "marron",
        "noir",
        "turquoise",
        "rose",
    ];
    for (k, (row, tf)) in rows.iter().zip(&test.fibres).enumerate() {
        let link = &tf.otdr.link;
        assert_eq!(row[col("Fibre")], format!("T01F{:02}", k + 1));
        assert_eq!(row[col("Couleur")], colours[k], "Standard Orange's order");
        let length = number(&row[col("Longueur (m)")]);
        assert!(
            (length - link.length_m).abs() <= 5.0,
            "fibre {}: {length} m read, {} m true",
            k + 1,
            link.length_m
        );
        let loss = number(&row[col("Affaiblissement 1550 nm (dB)")]);
        assert!(
            (loss - link.total_loss_db).abs() <= 0.1,
            "fibre {}: {loss} dB read at 1550 nm, {} dB true",
            k + 1,
            link.total_loss_db
        );
        // At 1310 nm the fibre loses more: 0.33 against 0.19 dB/km.
        let at_1310 = number(&row[col("Affaiblissement 1310 nm (dB)")]);
        let more = (0.33 - 0.19) * link.length_m / 1000.0;
        assert!(
            (at_1310 - loss - more).abs() <= 0.15,
            "fibre {}: {at_1310} dB at 1310 nm, {loss} at 1550",
            k + 1
        );
        assert_eq!(row[col("Résultat")], "Conforme");
        assert_eq!(
            row[col("Fichiers .sor")],
            format!(
                "NRO-PM-021_T01F{0:02}_1310nm.sor NRO-PM-021_T01F{0:02}_1550nm.sor",
                k + 1
            )
        );
        // A clean splice is under the instrument's 0.05 dB threshold, or read near its
        // true loss.
        let splice = &row[col("Pire épissure (dB)")];
        assert!(
            splice == "< 0,05" || number(splice) <= 0.15,
            "fibre {}: {splice}",
            k + 1
        );
    }

    // The PV of each fibre names the two traces handed in.
    for f in 1..=12 {
        let pv = read(&dir, &format!("pv/PV_T01F{f:02}.html"));
        for wl in [1310, 1550] {
            assert!(
                pv.contains(&format!("NRO-PM-021_T01F{f:02}_{wl}nm.sor")),
                "PV {f}"
            );
        }
    }

    // The documents list: every trace, every PV and the tableau, nothing else.
    let files = documents_hold(&dir);
    assert_eq!(files.len(), 24 + 12 + 1);
    for name in &sor {
        assert!(files.contains(&format!("sor/{name}")), "{name} listed");
    }
    assert!(files.contains(&"tableau-de-synthese.csv".to_string()));
}

/// The same script on another seed leaves some fibres unspliced (its gestures were
/// written for seed 1): the instrument sees their end where the closure is, short of
/// connector B, and the tableau fails them with no length, while the others pass.
#[test]
fn a_fibre_that_ends_in_the_closure_fails_the_tableau() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dossier");
    let seed = 3;
    hand_in(
        &dir,
        "en",
        "job-closure-12-fibres-practice",
        seed,
        "job-closure-12-fibres-practice.clean.ron",
    );
    let sc = scenario("scenarios/job/closure-12-fibres-practice.ron");
    let mut ex = Exercise::generate(&sc, seed);
    for (at, a) in script("job-closure-12-fibres-practice.clean.ron").timed() {
        let _ = ex.apply(at, a);
    }
    let test = ex
        .state
        .job()
        .and_then(|j| j.test_stage())
        .expect("the test stage");
    let (h, rows) = table(&read(&dir, "summary-table.csv"));
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let mut broken = 0;
    for (k, (row, tf)) in rows.iter().zip(&test.fibres).enumerate() {
        if tf.otdr.link.broken_at_m.is_some() {
            broken += 1;
            assert_eq!(row[col("Result")], "Fail", "fibre {}: {row:?}", k + 1);
            assert_eq!(row[col("Length (m)")], "", "fibre {}", k + 1);
        } else {
            assert_eq!(row[col("Result")], "Pass", "fibre {}: {row:?}", k + 1);
            let length = number(&row[col("Length (m)")]);
            assert!(
                (length - tf.otdr.link.length_m).abs() <= 5.0,
                "fibre {}",
                k + 1
            );
        }
    }
    assert!(broken > 0, "seed {seed} leaves a fibre unspliced");
}

/// The plan's `t_position` rows as the scenario writes them, read from the file's own
/// text (`(ps_code: "…", …)` lines): code → (ps_1, ps_2, ps_fonct).
fn plan_rows(ron: &str) -> Vec<(String, String, String, String)> {
    let field = |line: &str, name: &str| -> String {
        line.split(&format!("{name}: "))
            .nth(1)
            .map(|rest| {
                rest.split([',', ')'])
                    .next()
                    .unwrap_or("")
                    .trim_matches('"')
                    .to_string()
            })
            .unwrap_or_default()
    };
    ron.lines()
        .filter(|l| l.trim_start().starts_with("(ps_code:"))
        .map(|l| {
            (
                field(l, "ps_code"),
                field(l, "ps_1"),
                field(l, "ps_2"),
                field(l, "ps_fonct"),
            )
        })
        .collect()
}

#[test]
fn the_jobs_doe_records_the_customers_splice_and_nothing_else() {
    let ron =
        std::fs::read_to_string(root().join("scenarios/job/pbo-work-order-practice.ron")).unwrap();
    let plan = plan_rows(&ron);
    assert_eq!(plan.len(), 60, "PBO-42's rows");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("dossier");
    // Seed 2: the OT names cable 0012, tube 2, fibre 6 (fibre 18 of the cable), the
    // premises SUF-0006, whose fibre waits in cassette 1, position 6.
    hand_in(
        &dir,
        "en",
        "job-pbo-work-order-practice",
        2,
        "job-pbo-work-order-practice.clean.ron",
    );
    let (h, rows) = table(&read(&dir, "doe/t_position.csv"));
    assert_eq!(h, T_POSITION);
    assert_eq!(rows.len(), plan.len(), "one row per position, none added");
    for (row, (code, ps_1, ps_2, fonct)) in rows.iter().zip(&plan) {
        assert_eq!(&row[0], code);
        assert_eq!(&row[2], ps_1, "{code}: the fibre stays");
        if code == "PS-PBO42-01-06" {
            assert_eq!(row[3], "FO-FI-3B5C-2D41-001", "the drop's fibre");
            assert_eq!(
                (row[6].as_str(), row[7].as_str(), row[8].as_str()),
                ("SFU", "EP", "OK")
            );
            assert_eq!(row[9], "SUF-0006");
        } else {
            assert_eq!(&row[3], ps_2, "{code}");
            assert_eq!(&row[7], fonct, "{code}");
        }
    }
    let (h, routes) = table(&read(&dir, "doe/t_ropt.csv"));
    assert_eq!(h, T_ROPT);
    assert_eq!(
        routes.len(),
        8 + 2,
        "the four customers' routes and the new one"
    );
    let new: Vec<(&str, &str)> = routes
        .iter()
        .filter(|r| r[1] == "RT-SUF-0006")
        .map(|r| (r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(new, [("FO-0012A-018", "1"), ("FO-FI-3B5C-2D41-001", "2")]);
    let ids: Vec<f64> = routes.iter().map(|r| number(&r[0])).collect();
    assert_eq!(
        ids,
        (1..=10).map(f64::from).collect::<Vec<_>>(),
        "rt_id numbered"
    );
    let files = documents_hold(&dir);
    assert_eq!(
        files,
        ["doe/t_cassette.csv", "doe/t_position.csv", "doe/t_ropt.csv"]
    );

    // Stopped on a mismatch (seed 4 of the assessment: the fibre already serves another
    // customer, FINT06), the job changes nothing in the box.
    let ron = std::fs::read_to_string(root().join("scenarios/job/pbo-work-order-assessment.ron"))
        .unwrap();
    let plan = plan_rows(&ron);
    let dir = tmp.path().join("stopped");
    hand_in(
        &dir,
        "fr",
        "job-pbo-work-order-assessment",
        4,
        "job-pbo-work-order-assessment.clean.ron",
    );
    let (_, rows) = table(&read(&dir, "doe/t_position.csv"));
    let left: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|r| (r[0].clone(), r[2].clone(), r[3].clone(), r[7].clone()))
        .collect();
    assert_eq!(left, plan);
}
