//! The command line speaks French (and English): every command's help, a command line
//! that cannot be read, and the trace a French spreadsheet opens (issue 24).
//!
//! Expectations come from outside the code under test: clap's own English words, which
//! must not reach a French reader; the French sentences as the catalogue writes them;
//! and the CSV read back cell by cell as a French spreadsheet reads it.

use std::process::{Command, Output};

use clap::CommandFactory;
use fibrelab::cli::Cli;

mod common;
use common::*;

/// What clap writes in English of its own.
const CLAP_ENGLISH: [&str; 7] = [
    "Usage:",
    "Options:",
    "Print help",
    "error:",
    "tip:",
    "unexpected argument",
    "required",
];

/// The program without a language of its own in the environment: `--lang` decides, or
/// French.
fn bare(s: &School) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fibrelab"));
    c.envs(sandbox::env());
    c.arg("--db")
        .arg(&s.db)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env_remove("FIBRELAB_LANG")
        .env_remove("LC_ALL")
        .env_remove("LANG");
    c
}

fn no_clap_english(what: &str, text: &str) {
    for w in CLAP_ENGLISH {
        assert!(!text.contains(w), "{what}: « {w} » in\n{text}");
    }
}

/// Every command's path (`["assess", "show"]`), the program's own first.
fn paths(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    for s in cmd.get_subcommands() {
        path.push(s.get_name().to_string());
        paths(s, path, out);
        path.pop();
    }
}

#[test]
fn every_help_reads_french_and_english() {
    let s = seat_store();
    let mut all = Vec::new();
    paths(&Cli::command(), &mut Vec::new(), &mut all);
    assert!(all.len() > 40, "{} commands", all.len());
    for path in &all {
        let out = bare(&s)
            .args(["--lang", "fr"])
            .args(path)
            .arg("--help")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{path:?}: {}", text(&out));
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        // A school setting's value, as the trainer types it.
        let shown = help.replace("trainee-pins (required :", "trainee-pins (");
        no_clap_english(&format!("{path:?} --help"), &shown);
        assert!(help.contains("Utilisation : fibrelab"), "{path:?}: {help}");
        assert!(help.contains("Options :"), "{path:?}: {help}");
        assert!(help.contains("-h, --help"), "{path:?}: {help}");
        assert!(help.contains("Afficher l'aide"), "{path:?}: {help}");
        // Its own description, as the catalogue words it in French.
        let key = fibrelab::cli::help::about_key(path);
        let about = fibrelab::i18n::tr(fibrelab::i18n::Lang::Fr, &key);
        assert!(help.starts_with(&about), "{path:?}: {key}\n{help}");

        let en = bare(&s)
            .args(["--lang", "en"])
            .args(path)
            .arg("-h")
            .output()
            .unwrap();
        let en = String::from_utf8_lossy(&en.stdout).into_owned();
        assert!(en.contains("Usage: fibrelab"), "{path:?}: {en}");
        assert!(en.contains("Print help"), "{path:?}: {en}");
    }
}

#[test]
fn the_language_comes_from_lang_then_the_environment_then_french() {
    let s = seat_store();
    let help = |c: &mut Command| -> String {
        String::from_utf8_lossy(&c.args(["list", "--help"]).output().unwrap().stdout).into_owned()
    };
    assert!(help(&mut bare(&s)).contains("Utilisation :"));
    assert!(help(bare(&s).env("LANG", "en_GB.UTF-8")).contains("Usage:"));
    assert!(help(bare(&s).env("FIBRELAB_LANG", "en")).contains("Usage:"));
    assert!(
        help(bare(&s).env("FIBRELAB_LANG", "en").args(["--lang=fr"])).contains("Utilisation :")
    );
    assert!(help(bare(&s).env("LANG", "fr_FR.UTF-8").args(["--lang", "en"])).contains("Usage:"));
    // The version, in either.
    let out = bare(&s).arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("fibrelab "));
}

/// A command line that cannot be read, in French: exit code 2, nothing on the standard
/// output, our sentence, the usage line and where to read more.
fn refused(s: &School, args: &[&str]) -> String {
    let out: Output = bare(s).args(["--lang", "fr"]).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
    assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    no_clap_english(&format!("{args:?}"), &err);
    assert!(
        err.contains("\n\nUtilisation : fibrelab"),
        "{args:?}: {err}"
    );
    err
}

#[test]
fn a_command_line_that_cannot_be_read_is_told_in_french() {
    let s = seat_store();
    let e = refused(&s, &["play", "x", "--seed", "1", "--actons", "a.ron"]);
    assert!(
        e.starts_with("Option inconnue : --actons. Vouliez-vous dire --actions ?"),
        "{e}"
    );
    assert!(
        e.trim_end()
            .ends_with("Pour en savoir plus : fibrelab play --help"),
        "{e}"
    );

    let e = refused(&s, &["close"]);
    assert!(e.starts_with("Il manque l'argument <ATTEMPT>."), "{e}");
    let e = refused(&s, &["play"]);
    assert!(
        e.starts_with("Il manque les arguments --seed <SEED>, --actions <ACTIONS>, <SCENARIO>."),
        "{e}"
    );

    let e = refused(&s, &["close", "trois"]);
    assert!(
        e.starts_with("La valeur « trois » ne convient pas à <ATTEMPT> : il faut un nombre entier"),
        "{e}"
    );
    let e = refused(&s, &["otdr", "x", "--wavelength", "1,55"]);
    assert!(e.contains("« 1,55 »") && e.contains("point décimal"), "{e}");
    let e = refused(&s, &["results", "--format", "csvv"]);
    assert!(
        e.starts_with(
            "La valeur « csvv » ne convient pas à --format <FORMAT>. Valeurs possibles : table, csv, xlsx, json. Vouliez-vous dire csv ?"
        ),
        "{e}"
    );
    // Our own value parsers answer in the reader's language too.
    let e = refused(&s, &["--window", "800"]);
    assert!(
        e.contains("il faut LARGEURxHAUTEUR, par exemple 1280x800 (lu : « 800 »)"),
        "{e}"
    );
    let e = refused(&s, &["--drag", "1,2:3"]);
    assert!(e.contains("il faut X0,Y0:X1,Y1"), "{e}");
    let e = refused(&s, &["lst"]);
    // clap's close names: `list`, and `seat` as well.
    assert!(
        e.starts_with("Commande inconnue : lst. Vouliez-vous dire ") && e.contains(" list ?"),
        "{e}"
    );
    let e = refused(
        &s,
        &["otdr", "x", "--wavelength", "1310", "--wavelength", "1550"],
    );
    assert!(
        e.starts_with("L'option --wavelength <WAVELENGTH> ne se donne qu'une fois."),
        "{e}"
    );
    let e = refused(&s, &["close", "1", "2"]);
    assert!(e.starts_with("Argument en trop : « 2 »."), "{e}");
    // A group of commands given without one of them: its help, on the error output.
    let out = bare(&s).args(["--lang", "fr", "assess"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    no_clap_english("assess", &err);
    assert!(err.contains("Commandes :"), "{err}");

    // And in English, in our words too.
    let out = bare(&s)
        .args(["--lang", "en", "close", "trois"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("The value 'trois' does not suit <ATTEMPT>: a whole number is needed"),
        "{err}"
    );
    assert!(err.contains("\n\nUsage: fibrelab close "), "{err}");
}

/// A cell as a French spreadsheet reads a number: digits, one decimal comma, a sign.
fn french_number(cell: &str) -> Option<f64> {
    let (int, frac) = cell.split_once(',')?;
    let digits = int.strip_prefix('-').unwrap_or(int);
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
        || frac.is_empty()
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    format!("{int}.{frac}").parse().ok()
}

#[test]
fn the_otdr_trace_opens_as_numbers_in_a_french_spreadsheet() {
    let s = seat_store();
    let sor = s.dir.join("trace.sor");
    let csv = s.dir.join("trace.csv");
    let otdr = |lang: &str, csv: &std::path::Path, extra: &[&str]| -> String {
        let out = bare(&s)
            .args(["--lang", lang])
            .args(FIRST_TRACE)
            .arg("--out")
            .arg(&sor)
            .arg("--csv")
            .arg(csv)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let table = otdr("fr", &csv, &[]);
    let bytes = std::fs::read_to_string(&csv).unwrap();
    let mut lines = bytes.lines();
    assert_eq!(lines.next(), Some("Distance (m);Niveau (dB)"));
    let mut rows: Vec<(f64, f64)> = Vec::new();
    for (i, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(';').collect();
        assert_eq!(cells.len(), 2, "row {}: {line}", i + 2);
        let d = french_number(cells[0]).unwrap_or_else(|| panic!("row {}: {line}", i + 2));
        let y = french_number(cells[1]).unwrap_or_else(|| panic!("row {}: {line}", i + 2));
        rows.push((d, y));
    }
    // One row per point of the trace the file holds, evenly spaced from 0.
    let json = bare(&s)
        .arg("sor")
        .arg(&sor)
        .arg("--json")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let points = v["data"]["traces"][0]["values"].as_array().unwrap().len();
    assert_eq!(rows.len(), points);
    assert_eq!(rows[0].0, 0.0);
    let dx = rows[1].0 - rows[0].0;
    assert!(dx > 0.0);
    for (k, w) in rows.windows(2).enumerate() {
        assert!(
            (w[1].0 - w[0].0 - dx).abs() < 0.0015,
            "row {}: {} then {}",
            k + 2,
            w[0].0,
            w[1].0
        );
    }
    // Levels in dB below the launch level, not all the same.
    assert!(rows.iter().all(|r| r.1 < 0.0 && r.1 > -100.0));
    assert!(rows.iter().any(|r| (r.1 - rows[0].1).abs() > 1.0));

    // The English form: `,` between cells, decimal point, the same numbers.
    let csv_en = s.dir.join("trace-en.csv");
    otdr("en", &csv_en, &["--decimal", "point"]);
    let en = std::fs::read_to_string(&csv_en).unwrap();
    let mut en_lines = en.lines();
    assert_eq!(en_lines.next(), Some("Distance (m),Level (dB)"));
    let en_rows: Vec<(f64, f64)> = en_lines
        .map(|l| {
            let (d, y) = l.split_once(',').unwrap();
            (d.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(en_rows, rows);

    // The event table: French words, decimal commas, units held by a no-break space.
    assert!(table.contains("réfléchissant"), "{table}");
    assert!(!table.contains("Reflective") && !table.contains("NonReflective"));
    assert!(
        table.contains("\u{a0}dB") && table.contains("\u{a0}m"),
        "{table}"
    );
    for line in table.lines().skip(1) {
        let b = line.as_bytes();
        for k in 1..b.len().saturating_sub(1) {
            assert!(
                !(b[k] == b'.' && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit()),
                "a decimal point: {line}"
            );
        }
    }
}
