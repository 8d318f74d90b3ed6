//! What a French trainer reads from every command is French: no criterion id, no English
//! word and no code identifier where a label belongs. Each command's output (tables,
//! CSV, printed pages, messages) is cut into words and checked against the criterion ids
//! of the shipped scenarios that are not French words (`events`, `clean`, `judged`…) and
//! a list of the English words and code names reviewers found (`Reflective`, `passed`,
//! `trainee_uuid`, `crit:`). Identifiers people copy (a scenario's id, a pseudonym) are
//! one word with their dashes and are not taken for the words inside them.

use std::collections::BTreeSet;
use std::path::Path;

mod common;
use common::*;

/// English words and code names that must not reach a French reader.
const ENGLISH: &[&str] = &[
    "Reflective",
    "reflective",
    "passed",
    "failed",
    "true",
    "false",
    "None",
    "Usage",
    "Options",
    "error",
    "warning",
    "attempt",
    "attempts",
    "trainee",
    "seed",
    "cohort",
    "assessment",
    "practice",
    "score",
    "events",
    "Event",
    "Loss",
    "Distance",
    "Reflectance",
    "verified",
    "started",
    "Kind",
];

/// The words of a text: cut at spaces and punctuation, but not at `-` or `_` (an
/// identifier stays one word); markup is dropped.
fn words(text: &str) -> Vec<String> {
    // A page's style sheet is not read by people.
    let mut text = text.to_string();
    while let (Some(a), Some(b)) = (text.find("<style"), text.find("</style>")) {
        if b < a {
            break;
        }
        text.replace_range(a..b + "</style>".len(), " ");
    }
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == ':'))
        .map(|w| w.trim_matches(|c| c == ':' || c == '-').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every word of the French messages: an id that is one of them (`verdict`, `tiroir`) is
/// French too.
fn french_words() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for e in std::fs::read_dir(root().join("assets/locales/fr-FR")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((_, value)) = line.split_once(" = ") {
                // Without its placeables (`{ $clean }` names a variable, not a word).
                let mut text = String::new();
                let mut depth = 0;
                for c in value.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        c if depth == 0 => text.push(c),
                        _ => {}
                    }
                }
                all.extend(words(&text).into_iter().map(|w| w.to_lowercase()));
            }
        }
    }
    all
}

/// The criterion ids of the shipped scenarios that are not French words.
fn english_ids() -> BTreeSet<String> {
    let french = french_words();
    let mut ids = BTreeSet::new();
    let mut stack = vec![root().join("scenarios")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "ron")
                && let Ok(l) = fibrelab::scenario::load_file(&p)
            {
                for c in &l.scenario.rubric.criteria {
                    if !french.contains(&c.id.to_lowercase()) {
                        ids.insert(c.id.clone());
                    }
                }
            }
        }
    }
    assert!(ids.len() > 30, "{ids:?}: the scenarios were not read");
    ids
}

/// The words of `text` that a French reader should not meet.
fn strangers(text: &str, ids: &BTreeSet<String>) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| {
            ids.contains(w)
                || ENGLISH.contains(&w.as_str())
                || w.contains('_')
                || w.starts_with("crit:")
        })
        .collect()
}

fn check(what: &str, text: &str, ids: &BTreeSet<String>, found: &mut Vec<String>) {
    let bad = strangers(text, ids);
    if !bad.is_empty() {
        found.push(format!("{what}: {bad:?}"));
    }
}

fn read(p: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()
}

#[test]
fn the_word_list_catches_what_reviewers_found() {
    let ids = english_ids();
    for id in ["clean", "judged", "inspected"] {
        assert!(ids.contains(id), "{id} among the ids");
    }
    assert!(!ids.contains("verdict"), "a French word is not a stranger");
    let caught = strangers(
        "<style>.cell-not_done{}</style><td>clean</td> Reflective 0.303 dB trainee_uuid crit:clean connect-dirty-connector-assessment",
        &ids,
    );
    assert_eq!(
        caught,
        ["clean", "Reflective", "trainee_uuid", "crit:clean"],
        "an identifier with dashes is one word"
    );
}

#[test]
fn every_command_speaks_french_to_a_french_trainer() {
    let ids = english_ids();
    let s = cohort_with_results();
    s.ok(&["school", "set", "time-zone", "Europe/Paris"]);
    let fr = |args: &[&str]| -> String {
        let mut all = vec!["--lang", "fr"];
        all.extend_from_slice(args);
        s.ok_text(&all)
    };
    let attempts = s.json(&["results", "--all", "--format", "json"]);
    let first = attempts[0]["attempt"].as_i64().unwrap().to_string();
    let mut found = Vec::new();
    for args in [
        &["list"][..],
        &["attempts"],
        &["results"],
        &["results", "--all"],
        &["results", "--all", "--format", "csv", "--names"],
        &["stats", "criteria", "--all"],
        &["assess", "list"],
        &["assess", "show", "ecf-test"],
        &["assess", "status", "ecf-test"],
        &["cohort", "list"],
        &["cohort", "show", "Promo test"],
        &["trainee", "list"],
        &["verify"],
        &["xapi", "status"],
    ] {
        check(&args.join(" "), &fr(args), &ids, &mut found);
    }
    // The printed pages.
    for (what, args) in [
        ("relevé", vec!["report", "attempt", first.as_str()]),
        ("synthèse", vec!["report", "cohort", "ecf-test"]),
        ("attestation", vec!["attest", first.as_str()]),
    ] {
        let out = s.dir.join(format!("{what}.html"));
        let mut a = args.clone();
        a.extend(["--out", out.to_str().unwrap()]);
        fr(&a);
        check(what, &read(&out), &ids, &mut found);
    }
    // The workbook's headers and the legend, as its cells.
    let xlsx = s.dir.join("resultats.xlsx");
    fr(&[
        "results",
        "--all",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).unwrap();
            let header: Vec<String> = range
                .rows()
                .next()
                .unwrap()
                .iter()
                .map(|c| c.to_string())
                .collect();
            check(
                &format!("workbook {name}"),
                &header.join(" ; "),
                &ids,
                &mut found,
            );
        }
    }
    // The OTDR: an acquisition's event table and its trace file read back.
    let sor = s.dir.join("trace.sor");
    let mut args = FIRST_TRACE.to_vec();
    args.extend(["--out", sor.to_str().unwrap()]);
    let otdr = fr(&args);
    check("otdr", &otdr, &ids, &mut found);
    check(
        "sor",
        &fr(&["sor", sor.to_str().unwrap()]),
        &ids,
        &mut found,
    );
    // A scripted attempt's report, as `play` prints it.
    let play = s
        .cli_in("fr")
        .args([
            "play",
            "connect-dirty-connector-assessment",
            "--seed",
            "3",
            "--no-record",
            "--actions",
        ])
        .arg(root().join("tests/scripts/connect-dirty-connector-assessment.mistakes.ron"))
        .output()
        .unwrap();
    check("play", &text(&play), &ids, &mut found);
    assert!(
        found.is_empty(),
        "English words or ids in French outputs:\n{}",
        found.join("\n")
    );
}

/// What goes wrong is said in French too: a file the system cannot give (its own words
/// are English), a language or a value that is not one of the choices.
#[test]
fn errors_about_files_and_values_are_french() {
    let s = school();
    let run = |args: &[&str]| {
        let out = s.run(args);
        (out.status.code(), text(&out))
    };
    let (code, said) = run(&["--lang", "fr", "validate", "/nulle-part/exercice.ron"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("n'existe pas") && !said.contains("not found") && !said.contains("os error"),
        "{said}"
    );
    // A page written into a folder that is not there.
    assert!(s.play_practice("7", &[]).status.success());
    let attempt = s.json(&["results", "--all", "--format", "json"])[0]["attempt"]
        .as_i64()
        .unwrap()
        .to_string();
    let missing = s.dir.join("absent/releve.html");
    let (code, said) = run(&[
        "--lang",
        "fr",
        "attest",
        &attempt,
        "--out",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("Impossible d'écrire la page") && said.contains("n'existe pas"),
        "{said}"
    );
    let (code, said) = run(&["--lang", "de", "list"]);
    assert_eq!(code, Some(2), "another language is refused: {said}");
    assert!(said.contains("fr (français) ou en (anglais)"), "{said}");
    let (_, said) = run(&["--lang", "fr", "review", "1", "--decision", "bof"]);
    assert!(said.contains("validated, not-validated, redo"), "{said}");
    let (_, said) = run(&["--lang", "fr", "school", "set", "couleur", "rouge"]);
    assert!(said.contains("time-zone"), "{said}");
    let (code, said) = run(&[
        "--lang",
        "fr",
        "play",
        "x",
        "--seed=-1",
        "--actions",
        "a.ron",
    ]);
    assert_eq!(code, Some(2));
    assert!(said.contains("positif ou nul"), "{said}");
    let (code, said) = run(&[
        "--lang",
        "fr",
        "school",
        "set",
        "time-zone",
        "Europe/Pariss",
    ]);
    assert_eq!(code, Some(1));
    assert!(said.contains("n'est pas un fuseau horaire connu"), "{said}");
}

/// A synthèse printed before anyone has finished says so, without an empty table.
#[test]
fn a_synthese_before_any_attempt_says_there_is_none_yet() {
    let s = school();
    drop(store_with_assessment(
        &s,
        &["Léa Moreau"],
        &["prep-loose-tube-fr-practice"],
        None,
        fibrelab::records::assess::SeedPolicy::Fixed,
        1,
    ));
    let out = s.dir.join("synthese.html");
    s.ok(&[
        "--lang",
        "fr",
        "report",
        "cohort",
        "ecf-test",
        "--out",
        out.to_str().unwrap(),
    ]);
    let html = read(&out);
    assert!(html.contains("Aucune tentative terminée"), "{html}");
    assert!(!html.contains("crit-stats\">"), "no empty table: {html}");
}
