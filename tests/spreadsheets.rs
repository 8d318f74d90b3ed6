//! The school's spreadsheets opened by LibreOffice as a French PC opens them (headless,
//! French, `;`, the import's own defaults: quoted cells are not forced to text, formulas
//! are evaluated), then read back cell by cell by another reader (calamine): a name
//! beginning with `=` stays text and runs nothing, a 20-digit seed and a reference with a
//! leading zero are exactly the text stored, a date is a date of the school's zone, a
//! score a number. The same for the workbook, and for the English form of the CSV.
//!
//! Runs when FIBRELAB_SPREADSHEET_TESTS=1 (`.ci/run` installs LibreOffice and sets it).

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

mod common;
use common::*;

/// The name a trainee types to see whether the school's spreadsheet runs it.
const FORMULA_NAME: &str = "=1+1 Formule";
/// Names Excel would take for formulas too (LibreOffice only for `=`).
const OTHER_FORMULA_NAMES: [&str; 3] = ["+33 Inès", "-2+3 Kévin", "@SUM(A1) Yann"];
/// A seed beyond a spreadsheet's 15 significant digits.
const SEED: &str = "14093000000000000123";
/// A reference whose leading zero a spreadsheet would drop.
const REF: &str = "0612345678";

/// A school in Paris's zone with a trainee named like a formula, a practice attempt of
/// hers at a 20-digit seed, and a classmate's.
fn school_with_a_formula_name() -> School {
    let s = school();
    s.ok(&["school", "set", "time-zone", "Europe/Paris"]);
    s.ok(&["cohort", "create", "Promo 2026"]);
    s.ok(&[
        "trainee",
        "add",
        FORMULA_NAME,
        "--cohort",
        "Promo 2026",
        "--ref",
        REF,
    ]);
    s.ok(&["trainee", "add", "Léa Moreau", "--cohort", "Promo 2026"]);
    for n in OTHER_FORMULA_NAMES {
        s.ok(&["trainee", "add", "--cohort", "Promo 2026", "--", n]);
    }
    for (who, seed) in [(FORMULA_NAME, SEED), ("Léa Moreau", "7")] {
        let out = s.play_practice(seed, &["--trainee", who]);
        assert!(out.status.success(), "{}", text(&out));
    }
    s
}

/// `file` opened by LibreOffice (CSV read with `filter`) and saved as a workbook; its
/// first sheet's cells.
fn through_libreoffice(file: &Path, filter: Option<&str>) -> Vec<Vec<Data>> {
    let work = tempfile::tempdir().unwrap();
    let profile = work.path().join("profile");
    let mut c = Command::new("soffice");
    c.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .arg("--headless");
    if let Some(f) = filter {
        c.arg(format!("--infilter={f}"));
    }
    let out = c
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(work.path())
        .arg(file)
        .output()
        .expect("soffice (LibreOffice) must be installed: .ci/run installs it");
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let xlsx = work.path().join(format!("{stem}.xlsx"));
    assert!(xlsx.is_file(), "LibreOffice made nothing: {}", text(&out));
    first_sheet(&xlsx)
}

fn first_sheet(xlsx: &Path) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(xlsx).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// The French CSV filter: `;`, `"`, UTF-8, from line 1, French (1036); LibreOffice's
/// defaults for the rest, as its import dialog opens.
const FRENCH_CSV: &str = "CSV:59,34,76,1,,1036";
/// The English one: `,`, `"`, UTF-8, from line 1, English (US) (1033).
const ENGLISH_CSV: &str = "CSV:44,34,76,1,,1033";

fn column(cells: &[Vec<Data>], header: &str) -> usize {
    cells[0]
        .iter()
        .position(|h| *h == Data::String(header.into()))
        .unwrap_or_else(|| panic!("no column `{header}` in {:?}", cells[0]))
}

fn row_of<'a>(cells: &'a [Vec<Data>], col: usize, value: &str) -> &'a [Data] {
    cells
        .iter()
        .find(|r| r.get(col) == Some(&Data::String(value.into())))
        .unwrap_or_else(|| panic!("no row with `{value}`"))
}

/// Nothing LibreOffice computed: no formula error (`Err:509`, `#NAME?`) anywhere.
fn no_errors(cells: &[Vec<Data>], what: &str) {
    for (r, row) in cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            assert!(
                !matches!(v, Data::Error(_)),
                "{what}: an error at row {r}, column {c}: {v:?}"
            );
        }
    }
}

/// The local date and time of the attempt (ms since 1970, from the JSON listing) in
/// Paris (winter +1 h, summer +2 h: the offsets of the day, by the IANA database), as a
/// spreadsheet's serial number.
fn paris_serial(ms: i64) -> f64 {
    fibrelab::i18n::time::use_zone(Some(
        fibrelab::i18n::time::zone_named("Europe/Paris").unwrap(),
    ));
    fibrelab::i18n::time::serial(ms)
}

fn results_json(s: &School) -> serde_json::Value {
    s.json(&["results", "--all", "--format", "json", "--names"])
}

fn started_of(json: &serde_json::Value, seed: &str) -> i64 {
    json.as_array()
        .unwrap()
        .iter()
        .find(|r| r["seed"].to_string().trim_matches('"') == seed)
        .map(|r| r["started_at_ms"].as_i64().unwrap())
        .unwrap_or_else(|| panic!("no attempt at seed {seed} in {json}"))
}

/// The checks every results CSV and workbook meets, in French.
fn check_results(cells: &[Vec<Data>], started_serial: f64, what: &str) {
    no_errors(cells, what);
    let name = column(cells, "Nom");
    // Opened as this very text, never run.
    let formula_row = cells
        .iter()
        .find(|r| r.get(name) == Some(&Data::String(FORMULA_NAME.into())))
        .unwrap_or_else(|| panic!("{what}: the name {FORMULA_NAME} is not text: {cells:?}"));
    assert_eq!(
        formula_row[column(cells, "Graine")],
        Data::String(SEED.into()),
        "{what}: the seed"
    );
    assert_eq!(
        formula_row[column(cells, "Référence")],
        Data::String(REF.into()),
        "{what}: the reference"
    );
    let start = &formula_row[column(cells, "Commencée le")];
    let Data::DateTime(d) = start else {
        panic!("{what}: the start is not a date: {start:?}");
    };
    assert!(
        (d.as_f64() - started_serial).abs() < 1.5 / 86_400.0,
        "{what}: {} is not {started_serial} (Paris time)",
        d.as_f64()
    );
    assert!(
        matches!(formula_row[column(cells, "Note sur 100")], Data::Float(_)),
        "{what}: the score is not a number: {:?}",
        formula_row[column(cells, "Note sur 100")]
    );
    assert!(
        matches!(formula_row[column(cells, "Durée (s)")], Data::Float(_)),
        "{what}: the duration"
    );
    let _ = row_of(cells, name, "Léa Moreau");
}

#[test]
fn the_results_csv_and_workbook_open_in_french_libreoffice_as_written() {
    if !asked("FIBRELAB_SPREADSHEET_TESTS") {
        return;
    }
    let s = school_with_a_formula_name();
    let json = results_json(&s);
    let started = paris_serial(started_of(&json, SEED));

    let csv = s.dir.join("resultats.csv");
    s.ok(&[
        "--lang",
        "fr",
        "results",
        "--all",
        "--format",
        "csv",
        "--names",
        "--out",
        csv.to_str().unwrap(),
    ]);
    check_results(
        &through_libreoffice(&csv, Some(FRENCH_CSV)),
        started,
        "results CSV",
    );

    // The workbook, saved again by LibreOffice, and as FibreLab wrote it.
    let xlsx = s.dir.join("resultats.xlsx");
    s.ok(&[
        "--lang",
        "fr",
        "results",
        "--all",
        "--format",
        "xlsx",
        "--names",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    let ours = first_sheet(&xlsx);
    check_results(&ours, started, "workbook");
    assert!(
        ours.iter()
            .any(|r| r.contains(&Data::String(FORMULA_NAME.into()))),
        "the workbook holds the name exactly"
    );
    check_results(
        &through_libreoffice(&xlsx, None),
        started,
        "workbook saved by LibreOffice",
    );
    // It prints one page wide, on A4, its header row on every page.
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    for needle in ["fitToPage=\"1\"", "fitToHeight=\"0\"", "paperSize=\"9\""] {
        assert!(sheet.contains(needle), "{needle} not in the sheet's setup");
    }
    let book = zip_entry(&xlsx, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "the header row repeats on every page"
    );
    // What is printed: who, which exercise, when, the grade and the decision (columns A
    // to K with names), not the identifiers and each criterion's points.
    assert!(
        book.contains("_xlnm.Print_Area") && book.contains("Résultats!$A$1:$K$"),
        "{book}"
    );

    // The English form: `,` and a decimal point, read by LibreOffice in English.
    let en = s.dir.join("results-en.csv");
    s.ok(&[
        "--lang",
        "en",
        "results",
        "--all",
        "--format",
        "csv",
        "--names",
        "--decimal",
        "point",
        "--out",
        en.to_str().unwrap(),
    ]);
    let cells = through_libreoffice(&en, Some(ENGLISH_CSV));
    no_errors(&cells, "English CSV");
    let row = cells
        .iter()
        .find(|r| r.contains(&Data::String(SEED.into())))
        .expect("the seed exact in the English CSV");
    let score = column(&cells, "Score out of 100");
    assert!(matches!(row[score], Data::Float(_)), "{:?}", row[score]);
    assert!(matches!(row[column(&cells, "Started")], Data::DateTime(_)));
}

/// The RGPD export's CSV, the list for the seats and the PIN sheet: texts as written.
#[test]
fn the_other_csv_files_open_in_french_libreoffice_as_written() {
    if !asked("FIBRELAB_SPREADSHEET_TESTS") {
        return;
    }
    let s = school_with_a_formula_name();
    let started = paris_serial(started_of(&results_json(&s), SEED));

    let dossier = s.dir.join("dossier");
    s.ok(&[
        "--lang",
        "fr",
        "trainee",
        "export",
        FORMULA_NAME,
        "--out",
        dossier.to_str().unwrap(),
    ]);
    let csv: PathBuf = std::fs::read_dir(&dossier)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("the RGPD export's CSV");
    let cells = through_libreoffice(&csv, Some(FRENCH_CSV));
    no_errors(&cells, "RGPD CSV");
    let name = column(&cells, "Nom");
    assert!(
        cells
            .iter()
            .any(|r| r.get(name) == Some(&Data::String(FORMULA_NAME.into()))),
        "{cells:?}"
    );
    let seed = column(&cells, "Graine");
    let row = row_of(&cells, seed, SEED);
    assert!(
        matches!(row[column(&cells, "Commencée le")], Data::DateTime(d) if (d.as_f64() - started).abs() < 2e-5)
    );

    let list = s.dir.join("liste-postes.csv");
    let bytes = s.ok(&["trainee", "list", "--cohort", "Promo 2026", "--csv"]);
    std::fs::write(&list, bytes).unwrap();
    let cells = through_libreoffice(&list, Some(FRENCH_CSV));
    no_errors(&cells, "list for the seats");
    assert!(
        cells.iter().any(|r| r.contains(&Data::String(REF.into()))),
        "{cells:?}"
    );
    // And read back by `trainee import` on a seat: the same name and reference.
    let seat = school();
    seat.ok(&["cohort", "create", "Promo 2026"]);
    seat.ok(&[
        "trainee",
        "import",
        list.to_str().unwrap(),
        "--cohort",
        "Promo 2026",
    ]);
    let v = seat.json(&["trainee", "list", "--json"]);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == FORMULA_NAME && t["external_ref"] == REF),
        "{v}"
    );

    let pins = s.dir.join("codes.csv");
    s.ok(&[
        "trainee",
        "pins",
        "--cohort",
        "Promo 2026",
        "--out",
        pins.to_str().unwrap(),
    ]);
    let cells = through_libreoffice(&pins, Some(FRENCH_CSV));
    no_errors(&cells, "PIN sheet");
    for row in &cells[1..] {
        assert!(
            matches!(row.last(), Some(Data::String(p)) if p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit())),
            "a PIN as six digits of text: {row:?}"
        );
    }
}

/// One file of a workbook (a zip), read by Python's zipfile (another reader).
fn zip_entry(xlsx: &Path, entry: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
        ])
        .arg(xlsx)
        .arg(entry)
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An OTDR trace as `otdr --csv` writes it, opened in French LibreOffice: every distance
/// and level a number, as many rows as the trace has points; the English form with
/// `--decimal point` the same numbers.
#[test]
fn the_trace_csv_opens_as_numbers_in_french_libreoffice() {
    if !asked("FIBRELAB_SPREADSHEET_TESTS") {
        return;
    }
    let s = school();
    let mut read = Vec::new();
    for (name, decimal, filter) in [
        ("trace-fr", "comma", FRENCH_CSV),
        ("trace-en", "point", ENGLISH_CSV),
    ] {
        let csv = s.dir.join(format!("{name}.csv"));
        let sor = s.dir.join(format!("{name}.sor"));
        let mut args = vec!["--lang", "fr"];
        args.extend(FIRST_TRACE);
        args.extend([
            "--out",
            sor.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--decimal",
            decimal,
        ]);
        let out = s.ok_text(&args);
        // "… écrit : 62500 points, …"
        let points: usize = out
            .split_whitespace()
            .skip_while(|w| *w != ":")
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("the points in: {out}"));
        let cells = through_libreoffice(&csv, Some(filter));
        no_errors(&cells, name);
        assert_eq!(cells.len(), 1 + points, "{name}: one row per point");
        for (i, row) in cells[1..].iter().enumerate() {
            assert!(
                matches!(row[..], [Data::Float(_), Data::Float(_)]),
                "{name}: row {} is not two numbers: {row:?}",
                i + 2
            );
        }
        read.push(cells);
    }
    assert_eq!(read[0][1..], read[1][1..], "the same numbers in both forms");
}

/// Issue 28's tableau de synthèse, as the job hands it in, opened as a French PC opens
/// it: lengths and losses are numbers, the fibre's label, a splice under the
/// instrument's threshold (`< 0,05`) and the trace files' names stay text.
#[test]
fn the_dossiers_tableau_opens_in_french_libreoffice_as_written() {
    if !asked("FIBRELAB_SPREADSHEET_TESTS") {
        return;
    }
    let s = school();
    let dir = s.dir.join("dossier");
    s.ok(&[
        "--lang",
        "fr",
        "play",
        "job-closure-12-fibres-practice",
        "--seed",
        "1",
        "--no-record",
        "--actions",
        root()
            .join("tests/scripts/job-closure-12-fibres-practice.clean.ron")
            .to_str()
            .unwrap(),
        "--dossier",
        dir.to_str().unwrap(),
    ]);
    let cells = through_libreoffice(&dir.join("tableau-de-synthese.csv"), Some(FRENCH_CSV));
    no_errors(&cells, "tableau");
    assert_eq!(cells.len(), 1 + 12, "one row per fibre");
    let (fibre, length, loss, splice, result, files) = (
        column(&cells, "Fibre"),
        column(&cells, "Longueur (m)"),
        column(&cells, "Affaiblissement 1550 nm (dB)"),
        column(&cells, "Pire épissure (dB)"),
        column(&cells, "Résultat"),
        column(&cells, "Fichiers .sor"),
    );
    for (k, row) in cells[1..].iter().enumerate() {
        assert_eq!(row[fibre], Data::String(format!("T01F{:02}", k + 1)));
        assert!(
            matches!(row[length], Data::Float(m) if m > 3000.0),
            "{row:?}"
        );
        assert!(
            matches!(row[loss], Data::Float(db) if db > 0.5 && db < 3.0),
            "{row:?}"
        );
        assert!(
            row[splice] == Data::String("< 0,05".into())
                || matches!(row[splice], Data::Float(db) if db < 0.2),
            "{row:?}"
        );
        assert_eq!(row[result], Data::String("Conforme".into()));
        assert!(
            matches!(&row[files], Data::String(f) if f.ends_with("_1550nm.sor")),
            "{row:?}"
        );
    }
}
