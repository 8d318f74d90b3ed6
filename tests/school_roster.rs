//! The school's class lists and what it keeps of people: a messy list imported to the
//! exact count twice, a trainee's name erased from everywhere, the retention purge.
//!
//! Expectations come from outside the code under test: the lines of hand-made class
//! lists, the seed formula as SCHOOL.md §8.2 writes it, the scripts' own expected
//! verdicts, and tampering done with plain SQL. What several of these files share is in
//! `tests/common/school.rs`.

use std::collections::BTreeSet;
use std::sync::Arc;

use fibrelab::records::school::parse_moment;
use fibrelab::records::seal::read_or_create_key;

mod common;
use common::*;

// ---------------------------------------------------------------- class lists

/// A list as Excel saves it on a French PC: Windows-1252, `;`, CRLF, blank lines, a
/// duplicate, a line without a name, a line with a cell too many, a quoted `;`.
const LATIN1_LIST: &[u8] = b"Nom;Pr\xe9nom;N\xb0 dossier\r\n\
\r\n\
Dupont;Ren\xe9e;A12\r\n\
MARTIN;L\xe9a;A13\r\n\
;;A14\r\n\
Dupont;Ren\xe9e;A12\r\n\
Nguyen;Thi Hoa;A15;x\r\n\
\"Lef\xe8vre; dit Lulu\";Jean;\r\n\
\r\n\
Benali;Yacine;A17\r\n";

#[test]
fn a_messy_class_list_imports_to_the_exact_count_twice_without_duplicates() {
    let s = school();
    s.ok(&[
        "cohort",
        "create",
        "Promo 2026-09 Chelles",
        "--starts",
        "2026-09-07",
        "--ends",
        "2026-12-11",
    ]);
    let list = s.write("liste.csv", LATIN1_LIST);
    let out = s.run(&[
        "trainee",
        "import",
        list.to_str().unwrap(),
        "--cohort",
        "promo 2026-09 chelles",
    ]);
    // Two lines refused, so the command says so; the good ones are in.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let name = list.display().to_string();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with(&format!("{name}:5: ")), "{stdout}");
    assert!(lines[0].contains("no name"), "{stdout}");
    assert!(lines[1].starts_with(&format!("{name}:7: ")), "{stdout}");
    assert!(
        lines[1].contains("4 cells where the header has 3"),
        "{stdout}"
    );
    assert!(
        text(&out).contains(
            "4 trainee(s) added, 0 already there, 1 duplicate(s) in the file, 2 problem(s) shown above"
        ),
        "{}",
        text(&out)
    );
    let names = |s: &School| -> BTreeSet<String> {
        s.json(&[
            "trainee",
            "list",
            "--cohort",
            "Promo 2026-09 Chelles",
            "--json",
        ])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
    };
    let expected: BTreeSet<String> = [
        "Renée Dupont",
        "Léa MARTIN",
        "Jean Lefèvre; dit Lulu",
        "Yacine Benali",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(names(&s), expected);

    // Again: nobody twice.
    let again = s.run(&[
        "trainee",
        "import",
        list.to_str().unwrap(),
        "--cohort",
        "Promo 2026-09 Chelles",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["created"], 0);
    assert_eq!(v["already"], 4);
    assert_eq!(names(&s), expected);

    // The same people from another export: UTF-8 with a byte-order mark, commas, first
    // name first, one newcomer.
    let other = s.write(
        "export.csv",
        "\u{feff}Prénom,Nom,Référence\nLéa,Martin,A13\n\nInès,\"Roux, épouse Petit\",A20\n"
            .as_bytes(),
    );
    let v = s.json(&[
        "trainee",
        "import",
        other.to_str().unwrap(),
        "--cohort",
        "Promo 2026-09 Chelles",
        "--json",
    ]);
    assert_eq!(
        (v["created"].as_u64(), v["already"].as_u64()),
        (Some(1), Some(1)),
        "{v}"
    );
    assert!(names(&s).contains("Inès Roux, épouse Petit"));
    assert_eq!(names(&s).len(), 5);

    // A dry run changes nothing.
    let third = s.write("third.csv", b"Nom complet\nZo\xe9 Laurent\n");
    let v = s.json(&[
        "trainee",
        "import",
        third.to_str().unwrap(),
        "--cohort",
        "Promo 2026-09 Chelles",
        "--dry-run",
        "--json",
    ]);
    assert_eq!(v["created"], 1);
    assert_eq!(names(&s).len(), 5);

    // A list without a name column is refused at its header.
    let bad = s.write("bad.csv", b"Classe;Ville\nA;Paris\n");
    let out = s.run(&[
        "trainee",
        "import",
        bad.to_str().unwrap(),
        "--cohort",
        "Promo 2026-09 Chelles",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(&format!("{}:1: ", bad.display())));
}

// ---------------------------------------------------------------- personal data

#[test]
fn an_erased_name_is_nowhere_in_the_files_and_the_results_still_count() {
    let s = cohort_with_results();
    let lea = s.open().trainee("Léa Moreau").unwrap();
    // Her data, for her to take (article 20): both assessment attempts and the scripted
    // one made under her name.
    let out_dir = s.dir.join("lea");
    s.ok(&[
        "trainee",
        "export",
        "Léa Moreau",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join(format!("{}.json", lea.uuid))).unwrap())
            .unwrap();
    assert_eq!(data["trainee"]["name"], "Léa Moreau");
    assert_eq!(data["attempts"].as_array().unwrap().len(), 3);
    assert!(data["attempts"][0]["actions"].as_array().unwrap().len() > 5);
    assert!(
        std::fs::read_to_string(out_dir.join(format!("{}-results.csv", lea.uuid)))
            .unwrap()
            .contains("Léa Moreau")
    );

    let before = s.json(&["stats", "criteria", "--all", "--json"]);
    assert!(contains(&store_files(&s.db), "Moreau"));
    let out = s.run(&["trainee", "erase", "Léa Moreau"]);
    assert_eq!(out.status.code(), Some(1), "not without --confirm");
    s.ok(&["trainee", "erase", "Léa Moreau", "--confirm"]);
    let files = store_files(&s.db);
    for needle in ["Moreau", "Léa Moreau", "léa moreau"] {
        assert!(
            !contains(&files, needle),
            "`{needle}` still in the store's files"
        );
    }
    assert!(contains(&files, "Benali"), "the others are untouched");
    // The pseudonymous results still count; the records verify and their seals hold.
    assert_eq!(s.json(&["stats", "criteria", "--all", "--json"]), before);
    let out = s.run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("SEAL"), "{}", text(&out));
    // Nothing exported afterwards names her.
    let named = s.ok(&["results", "--all", "--format", "csv", "--names"]);
    assert!(!named.contains("Moreau") && named.contains(&lea.uuid));
    let v = s.json(&["trainee", "list", "--json"]);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|t| t["uuid"] == lea.uuid.as_str() && t["name"].is_null())
    );
    // The audit log says what was done, under pseudonyms.
    let log = s.open().audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "trainee_erase" && e.target == lea.uuid)
    );
    assert!(
        log.iter()
            .any(|e| e.action == "trainee_export" && e.target == lea.uuid)
    );
}

#[test]
fn the_retention_purge_erases_the_names_of_cohorts_past_their_date_only() {
    let s = school();
    let mut db = s.open();
    let now = parse_moment("2026-12-01T10:00+01:00").unwrap();
    db.set_clock(Arc::new(move || now));
    // Ended in January 2020: kept 5 years, until January 2025, so past.
    let old = db
        .create_cohort("Promo 2019", None, Some("2019-09-02"), Some("2020-01-10"))
        .unwrap();
    // Ended in June 2026: kept until 2031.
    let recent = db
        .create_cohort("Promo 2026", None, Some("2026-01-05"), Some("2026-06-26"))
        .unwrap();
    // Ended in 2024, but the DPO set a date of its own, past.
    let short = db
        .create_cohort("Promo 2024", None, Some("2024-01-08"), Some("2024-06-28"))
        .unwrap();
    db.set_retain_until(&short, "2026-11-30").unwrap();
    db.add_trainee("Ancien Stagiaire", None, Some(&old), None)
        .unwrap();
    db.add_trainee("Nouvelle Stagiaire", None, Some(&recent), None)
        .unwrap();
    db.add_trainee("Court Séjour", None, Some(&short), None)
        .unwrap();
    let both = db
        .add_trainee("Deux Promos", None, Some(&old), None)
        .unwrap();
    db.add_to_cohort(&recent, &both).unwrap();
    let expired: BTreeSet<String> = db
        .expired_trainees()
        .unwrap()
        .into_iter()
        .filter_map(|t| t.name)
        .collect();
    assert_eq!(
        expired,
        BTreeSet::from(["Ancien Stagiaire".to_string(), "Court Séjour".to_string()])
    );
    for t in db.expired_trainees().unwrap() {
        db.erase_trainee(&t).unwrap();
    }
    let left: BTreeSet<String> = db
        .trainees(None, true)
        .unwrap()
        .into_iter()
        .filter_map(|t| t.name)
        .collect();
    assert_eq!(
        left,
        BTreeSet::from(["Nouvelle Stagiaire".to_string(), "Deux Promos".to_string()])
    );
    assert!(
        db.check_seals(Some(&read_or_create_key(&s.key).unwrap()))
            .unwrap()
            .is_empty()
    );
}
