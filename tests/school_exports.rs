//! Results and exports: the gradebook, the CSV and the workbook read back with their
//! exact values, the criteria's statistics.
//!
//! Expectations come from outside the code under test: the lines of hand-made class
//! lists, the seed formula as SCHOOL.md §8.2 writes it, the scripts' own expected
//! verdicts, and tampering done with plain SQL. What several of these files share is in
//! `tests/common/school.rs`.

mod common;
use common::*;

// ---------------------------------------------------------------- results and exports

// `cohort_with_results` (tests/common): Léa does both scenarios right, Yacine gets the
// connectors wrong, Inès has begun the cable; Léa also plays the connectors from a script
// (which never counts).

/// A CSV file as a French spreadsheet reads it: the byte-order mark, `;`, CRLF, quotes.
fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    assert!(text.ends_with("\r\n"));
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (';', false) => cells.push(std::mem::take(&mut cell)),
                (c, _) => cell.push(c),
            }
        }
        cells.push(cell);
        rows.push(cells);
    }
    rows
}

#[test]
fn the_gradebook_colours_each_trainee_and_scenario() {
    let s = cohort_with_results();
    let v = s.json(&["assess", "status", "ecf-test", "--json"]);
    let states: Vec<(String, Vec<String>)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["state"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (
                "Inès Roux".to_string(),
                vec!["not_done".to_string(), "in_progress".to_string()]
            ),
            (
                "Léa Moreau".to_string(),
                vec!["passed".to_string(), "passed".to_string()]
            ),
            (
                "Yacine Benali".to_string(),
                vec!["critical".to_string(), "not_done".to_string()]
            ),
        ]
    );
}

#[test]
fn the_csv_and_the_workbook_read_back_with_the_exact_values() {
    let s = cohort_with_results();
    let csv = s.dir.join("resultats.csv");
    s.ok(&[
        "--lang",
        "fr",
        "results",
        "--assessment",
        "ecf-test",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&csv).unwrap();
    let rows = read_csv(&bytes);
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    assert_eq!(
        rows.len(),
        1 + 4,
        "four attempts made for the assessment in the app"
    );
    assert!(
        !header.contains(&"Nom".to_string()),
        "pseudonymous by default"
    );
    let text = String::from_utf8_lossy(&bytes);
    for name in ["Léa", "Yacine", "Inès", "Moreau"] {
        assert!(!text.contains(name), "{name} in a pseudonymous export");
    }
    let yacine = s.open().trainee("Yacine Benali").unwrap().uuid;
    let row = rows
        .iter()
        .find(|r| r[col("Pseudonyme du stagiaire")] == yacine)
        .unwrap();
    // The values the connectors' mistakes script gives (22.5 points, two critical
    // criteria missed, the reference half right), in French spreadsheet notation.
    assert_eq!(row[col("Note sur 100")], "22,5");
    assert_eq!(row[col("Note pour réussir")], "75");
    assert_eq!(row[col("Réussi")], "non");
    assert_eq!(
        row[col("Critères éliminatoires manqués")],
        "Verdict sur le lien ; Faces propres à la connexion"
    );
    assert_eq!(row[col("Référence de la mesure (points)")], "7,5");
    assert_eq!(row[col("Dans le temps imparti (points)")], "5");
    assert_eq!(row[col("Vérifié")], "oui");
    assert_eq!(row[col("Évaluation")], "ecf-test");
    assert_eq!(row[col("Type")], "ECF");
    assert_eq!(row[col("Faite dans")], "l'application");
    // No code identifier where a person reads a label.
    for h in header {
        assert!(
            !h.contains('_') && !h.starts_with("crit:"),
            "`{h}` in the header"
        );
    }
    // The same numbers as the JSON listing gives.
    let json = s.json(&["results", "--assessment", "ecf-test", "--format", "json"]);
    let scores: Vec<Option<f64>> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64())
        .collect();
    let from_csv: Vec<Option<f64>> = rows[1..]
        .iter()
        .map(|r| {
            Some(&r[col("Note sur 100")])
                .filter(|v| !v.is_empty())
                .map(|v| v.replace(',', ".").parse().unwrap())
        })
        .collect();
    assert_eq!(scores, from_csv);
    // Names only when asked.
    let named = s.ok(&[
        "results",
        "--assessment",
        "ecf-test",
        "--format",
        "csv",
        "--names",
    ]);
    assert!(named.contains("\"Yacine Benali\""));

    // The workbook: the same numbers, read back by another program's reader.
    let xlsx = s.dir.join("resultats.xlsx");
    s.ok(&[
        "--lang",
        "fr",
        "results",
        "--assessment",
        "ecf-test",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Résultats", "Critères", "Légende"]);
    let range = wb.worksheet_range("Résultats").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let xcol = |name: &str| {
        cells[0]
            .iter()
            .position(|h| *h == Data::String(name.into()))
            .unwrap()
    };
    let xrow = cells
        .iter()
        .find(|r| r[xcol("Pseudonyme du stagiaire")] == Data::String(yacine.clone()))
        .unwrap();
    assert_eq!(xrow[xcol("Note sur 100")], Data::Float(22.5));
    assert_eq!(
        xrow[xcol("Référence de la mesure (points)")],
        Data::Float(7.5)
    );
    assert!(
        matches!(xrow[xcol("Commencée le")], Data::DateTime(_)),
        "a date cell"
    );
    let xscores: Vec<Option<f64>> = cells[1..]
        .iter()
        .map(|r| r[xcol("Note sur 100")].as_f64())
        .collect();
    assert_eq!(xscores, scores);
    let criteria = wb.worksheet_range("Critères").unwrap();
    // Three finished attempts of 7, 12 and 7 criteria.
    assert_eq!(criteria.rows().count(), 1 + 7 + 12 + 7);
}

#[test]
fn criterion_statistics_count_failures_and_the_most_common_feedback() {
    let s = cohort_with_results();
    let v = s.json(&["stats", "criteria", "--assessment", "ecf-test", "--json"]);
    let find = |scenario: &str, id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|c| c["scenario"] == scenario && c["criterion"] == id)
            .unwrap_or_else(|| panic!("{scenario} {id}"))
            .clone()
    };
    let verdict = find("connect-dirty-connector-assessment", "verdict");
    assert_eq!(
        (verdict["attempts"].as_u64(), verdict["failed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(verdict["failure_rate"], 0.5);
    assert_eq!(verdict["most_common_feedback"]["count"], 1);
    let time = find("connect-dirty-connector-assessment", "time");
    assert_eq!(time["failed"], 0);
    // The scripted attempt is left out; with --all it counts.
    let all = s.json(&[
        "stats",
        "criteria",
        "--assessment",
        "ecf-test",
        "--all",
        "--json",
    ]);
    let n = all
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "verdict")
        .unwrap()["attempts"]
        .clone();
    assert_eq!(n, 2, "the scripted play is not of this assessment");
    let everything = s.json(&["stats", "criteria", "--all", "--json"]);
    let n = everything
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "verdict")
        .unwrap()["attempts"]
        .clone();
    assert_eq!(n, 3);
    // Failed most often first.
    let rates: Vec<f64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["failure_rate"].as_f64().unwrap())
        .collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]));
}

/// A trainer reads each criterion by the title of what it checks, never by its id: in
/// `stats` and in the synthèse; the JSON keeps the id beside the title. A criterion no
/// attempt failed is left out of the synthèse's criteria failed.
#[test]
fn criteria_are_read_by_their_titles_in_stats_and_the_synthese() {
    let s = cohort_with_results();
    // The connecting scenario's criteria, as its file names them.
    let ids = [
        "reference",
        "loss",
        "verdict",
        "inspected",
        "clean",
        "judged",
        "time",
    ];
    let table = s.ok(&[
        "--lang",
        "fr",
        "stats",
        "criteria",
        "--assessment",
        "ecf-test",
    ]);
    let verdict = table
        .lines()
        .find(|l| l.contains("  Verdict sur le lien  "))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        verdict.starts_with("connect-dirty-connector-assessment")
            && verdict.contains("éliminatoire")
            && verdict.contains("(1/2)"),
        "{verdict}"
    );
    assert!(table.contains("Faces propres à la connexion"), "{table}");
    assert!(table.contains("Dans le temps imparti"), "{table}");
    for line in table.lines() {
        let cells: Vec<&str> = line.split("  ").map(str::trim).collect();
        for id in ids {
            assert!(!cells.contains(&id), "`{id}` as a cell: {line}");
        }
    }
    let english = s.ok(&[
        "--lang",
        "en",
        "stats",
        "criteria",
        "--assessment",
        "ecf-test",
    ]);
    assert!(english.contains("Link verdict"), "{english}");
    let v = s.json(&[
        "--lang",
        "fr",
        "stats",
        "criteria",
        "--assessment",
        "ecf-test",
        "--json",
    ]);
    let verdict = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "verdict")
        .unwrap();
    assert_eq!(verdict["title"], "Verdict sur le lien");

    let cohort = s.dir.join("promo.html");
    s.ok(&[
        "--lang",
        "fr",
        "report",
        "cohort",
        "ecf-test",
        "--out",
        cohort.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&cohort).unwrap();
    // Critical and failed by one attempt of two.
    assert!(
        html.contains("<td>Verdict sur le lien <span class=\"small\">(éliminatoire)</span></td><td class=\"num\">50\u{a0}% (1/2)</td>"),
        "{html}"
    );
    for id in ids {
        assert!(
            !html.contains(&format!("<td>{id}</td>"))
                && !html.contains(&format!("<td>{id} !</td>")),
            "`{id}` as a cell"
        );
    }
    // Met by every attempt: not among the criteria failed.
    assert!(!html.contains("Dans le temps imparti"), "{html}");
    assert!(!html.contains("(0/"), "{html}");

    // A scenario whose stored source no longer reads: its criteria said by their id.
    s.sql()
        .execute(
            "UPDATE attempts SET scenario_source = 'not a scenario'
             WHERE scenario_id = 'connect-dirty-connector-assessment'",
            [],
        )
        .unwrap();
    let v = s.json(&[
        "--lang",
        "fr",
        "stats",
        "criteria",
        "--assessment",
        "ecf-test",
        "--json",
    ]);
    let verdict = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "verdict")
        .unwrap();
    assert_eq!(verdict["title"], "Critère « verdict »");
}
