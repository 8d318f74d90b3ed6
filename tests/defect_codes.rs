//! The Interop'Fibre Malfaçon code lists the closure job is graded with (issue 28,
//! FTTH-JOBS §11): the program's lists against the reference's tables, read cell by cell
//! where the reference is at hand; and the codes the job's own words name exist.

use std::path::PathBuf;

use fibrelab::scenario::closure::defects::{FAULTS, LOCATIONS, Mark, Severity, fault, location};

#[test]
fn the_code_lists_are_the_references() {
    assert_eq!((FAULTS.len(), LOCATIONS.len()), (50, 18));
    assert!(fault("FD35").is_none(), "FD35 does not exist in v1.0.0");
    // Codes in order, each once.
    for w in FAULTS.windows(2) {
        assert!(w[0].code < w[1].code, "{} then {}", w[0].code, w[1].code);
    }
    for w in LOCATIONS.windows(2) {
        assert!(w[0].code < w[1].code);
    }
    let doc = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/domain/FTTH-JOBS.md");
    let Ok(doc) = std::fs::read_to_string(&doc) else {
        eprintln!("../shared/domain/FTTH-JOBS.md not found: the lists are not compared");
        return;
    };
    // The table rows of a section, split at their bars.
    let rows = |from: &str, to: &str, prefix: &str| -> Vec<Vec<String>> {
        let s = &doc[doc.find(from).unwrap()..doc.find(to).unwrap()];
        s.lines()
            .filter(|l| l.starts_with(&format!("| {prefix}")))
            .map(|l| {
                l.trim_matches('|')
                    .split(" | ")
                    .map(|c| c.trim().to_string())
                    .collect()
            })
            .collect()
    };
    let ld = rows("### 11.2", "### 11.3", "LD");
    assert_eq!(ld.len(), LOCATIONS.len());
    for (row, l) in ld.iter().zip(LOCATIONS) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str()),
            (l.code, l.value, l.tickets)
        );
    }
    let fd = rows("### 11.3", "## 12.", "FD");
    assert_eq!(fd.len(), FAULTS.len());
    for (row, f) in fd.iter().zip(FAULTS) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str()),
            (f.code, f.label, f.tickets)
        );
        let cell = row[3].as_str();
        let severity = match cell.split_whitespace().next().unwrap_or("") {
            "MINOR" | "MINOR;" => Severity::Minor,
            "MAJOR" => Severity::Major,
            "CRITICAL" => Severity::Critical,
            "info" => Severity::Info,
            other => panic!("{}: severity {other:?}", f.code),
        };
        assert_eq!(f.severity, severity, "{}: {cell}", f.code);
        let mark = if cell.contains("[U]") {
            Mark::Teaching
        } else {
            Mark::SpecExample
        };
        assert_eq!(f.mark, mark, "{}: {cell}", f.code);
    }
}

#[test]
fn the_codes_the_job_names_exist() {
    // The stop-and-report's defect: cutting a live customer's splice to make room.
    assert!(fault("FD46").unwrap().label.contains("reprise sauvage"));
    // The tight coil's (FTTH-JOBS 5.2) and the route not followed (ARCEP's #2).
    assert!(fault("FD29").unwrap().label.contains("lovage fibre"));
    assert_eq!(fault("FD36").unwrap().severity, Severity::Major);
    // A cassette and a box are where the closure's defects lie.
    assert_eq!(location("LD07").unwrap().value, "CASSETTE");
    assert_eq!(location("LD03").unwrap().value, "BOITIER");
    assert_eq!(location("LD15").unwrap().value, "ROUTE_OPTIQUE");
    // An imputable ticket cannot be CRITICAL (§11.1): only conditionally so here.
    for f in FAULTS.iter().filter(|f| f.severity == Severity::Critical) {
        assert!(f.note.starts_with("if "), "{}: {}", f.code, f.note);
    }
}
