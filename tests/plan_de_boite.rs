//! The plan de boîte in GraceTHD's shape (issue 28, point 1 and the DOE's tables of
//! point 4): the worked example PBO-42 of FTTH-JOBS §3.4, written as RON rows, gives back
//! the tables the reference writes, row for row; a plan that does not hold together is
//! told at its FILE:LINE:COL with what is wrong.

use std::path::PathBuf;

use fibrelab::i18n::Lang;
use fibrelab::physics::cable::{Colour, ColourCode};
use fibrelab::scenario::closure::gracethd::{
    T_CASSETTE, T_POSITION, T_ROPT, t_cassette, t_position, t_ropt,
};
use fibrelab::scenario::closure::plan::Function;
use fibrelab::scenario::load::load_plan_str;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pbo42_text() -> String {
    std::fs::read_to_string(root().join("assets/plans/pbo-42.ron")).expect("the shipped plan")
}

/// The code block after `marker` in the reference, its lines.
fn block_after(doc: &str, marker: &str) -> Vec<String> {
    let from = doc.find(marker).expect("the table's heading");
    let rest = &doc[from..];
    let open = rest.find("```").expect("its block") + 3;
    let body = &rest[open..];
    let close = body.find("```").expect("its end");
    body[..close]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn lines(csv: &str) -> Vec<String> {
    csv.lines().map(String::from).collect()
}

#[test]
fn pbo_42_gives_the_tables_of_the_reference() {
    let plan = load_plan_str(&pbo42_text(), "pbo-42.ron").unwrap_or_else(|d| {
        panic!(
            "{}",
            d.iter()
                .map(|d| d.render(Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    // Counted by hand from FTTH-JOBS §3.4: 4 splices; 4 pre-assigned and 4 spare fibres
    // waiting in cassette 1 and the 12 downstream stubs of the cut tube waiting in the
    // basket (20); 36 express fibres of tubes 1, 3 and 4 passing.
    let count = |f: Function| plan.positions.iter().filter(|p| p.ps_fonct == f).count();
    assert_eq!(plan.positions.len(), 60);
    assert_eq!(
        (
            count(Function::EP),
            count(Function::AT),
            count(Function::PA)
        ),
        (4, 20, 36)
    );
    // Fibre 14 is a bleu fibre in a bleu tube (FTTH-JOBS §3.3).
    let f14 = plan.fibre("FO-0012A-014").expect("fibre 14");
    assert_eq!((f14.fo_numtub, f14.fo_nintub), (2, 2));
    assert_eq!(
        f14.colours(ColourCode::StandardOrange),
        (Some(Colour::Blue), Some(Colour::Blue))
    );
    let cassette = t_cassette(&plan);
    let position = t_position(&plan);
    let ropt = t_ropt(&plan);
    assert_eq!(lines(&position).len(), 61);
    assert_eq!(lines(&ropt).len(), 9);
    assert!(position.starts_with(T_POSITION) && cassette.starts_with(T_CASSETTE));
    assert!(ropt.starts_with(T_ROPT));
    let doc = root().join("../shared/domain/FTTH-JOBS.md");
    let Ok(doc) = std::fs::read_to_string(&doc) else {
        eprintln!(
            "../shared/domain/FTTH-JOBS.md not found: the tables are not compared row by row"
        );
        return;
    };
    assert_eq!(lines(&cassette), block_after(&doc, "**`t_cassette`**"));
    assert_eq!(lines(&position), block_after(&doc, "**`t_position`**"));
    assert_eq!(lines(&ropt), block_after(&doc, "**`t_ropt`**"));
    // The header of each table is the field list of FTTH-JOBS §3.1, in its order.
    let fields = |table: &str| -> Vec<String> {
        let from = doc.find("### 3.1").expect("§3.1");
        let section = &doc[from..doc[from..].find("### 3.2").map_or(doc.len(), |e| from + e)];
        let mut in_table = false;
        let mut out = Vec::new();
        for l in section.lines() {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            if cells.len() < 4 {
                continue;
            }
            if !cells[1].is_empty() {
                in_table = cells[1] == format!("`{table}`");
            }
            if in_table {
                for f in cells[2].split('/').map(str::trim) {
                    for f in f.split(',').map(str::trim) {
                        out.push(f.trim_matches('`').to_string());
                    }
                }
            }
        }
        out
    };
    let header = |csv: &str| -> Vec<String> {
        csv.lines()
            .next()
            .unwrap_or("")
            .split(';')
            .map(String::from)
            .collect()
    };
    // rt_id is the table's row number, written by the export.
    for (table, csv) in [
        ("t_cassette", &cassette),
        ("t_position", &position),
        ("t_ropt", &ropt),
    ] {
        let want = fields(table);
        assert!(!want.is_empty(), "{table} in §3.1");
        let got = header(csv);
        let (mut got_cs, mut want_cs) = (got.clone(), want.clone());
        got_cs.sort();
        want_cs.sort();
        assert_eq!(got_cs, want_cs, "{table}: {got:?} against {want:?}");
    }
}

fn problems(text: &str) -> Vec<String> {
    match load_plan_str(text, "plan.ron") {
        Ok(_) => Vec::new(),
        Err(d) => d.iter().map(|d| d.render(Lang::En)).collect(),
    }
}

/// PBO-42 with one row changed.
fn with(from: &str, to: &str) -> String {
    let text = pbo42_text();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// The line and column where `needle` starts in `text`, 1-based.
fn where_is(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("in the text");
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
    )
}

#[test]
fn a_plan_that_does_not_hold_together_is_told_where() {
    assert!(problems(&pbo42_text()).is_empty());
    // A fibre spliced twice: fibre 14 spliced to drop 1 as well as to drop 2.
    let twice = with(
        r#"ps_1: "FO-0012A-013", ps_2: "FO-0101-001""#,
        r#"ps_1: "FO-0012A-014", ps_2: "FO-0101-001""#,
    );
    let p = problems(&twice);
    assert_eq!(p.len(), 1, "{p:?}");
    let (line, _) = where_is(&twice, r#"ps_1: "FO-0012A-014", ps_2: "FO-0102-001""#);
    assert!(p[0].starts_with(&format!("plan.ron:{line}:")), "{p:?}");
    assert!(
        p[0].contains("FO-0012A-014") && p[0].contains("PS-PBO42-01-01"),
        "{p:?}"
    );
    // A fibre the cable does not have: a 48-fibre cable has no fibre 49.
    let missing = with(r#"ps_1: "FO-0012A-048""#, r#"ps_1: "FO-0012A-049""#);
    let p = problems(&missing);
    assert_eq!(p.len(), 1, "{p:?}");
    let (line, col) = where_is(&missing, r#"ps_1: "FO-0012A-049""#);
    assert!(
        p[0].starts_with(&format!("plan.ron:{line}:{col}:")),
        "{p:?}"
    );
    assert!(
        p[0].contains("No cable of the box has the fibre `FO-0012A-049`"),
        "{p:?}"
    );
    // A cassette over its capacity: twelve compartments, thirteen positions.
    let over = with("capacity: 12", "capacity: 11");
    let p = problems(&over);
    assert!(
        p.iter()
            .any(|m| m.contains("holds 11 positions and the plan puts 12")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.contains("Compartment 12 does not exist")),
        "{p:?}"
    );
    // An express fibre with no partner, a stored one with one.
    let lone = with(r#", ps_2: "FO-0012B-001""#, "");
    assert!(
        problems(&lone)
            .iter()
            .any(|m| m.contains("A PA position joins two fibres"))
    );
    // A code a spreadsheet would run as a formula.
    let formula = with(r#"rt_code: "RT-SUF-0004""#, r#"rt_code: "=HYPERLINK(1)""#);
    assert!(
        problems(&formula)
            .iter()
            .any(|m| m.contains("is not a GraceTHD code"))
    );
    // A route numbered out of order.
    let order = with(
        r#"rt_fo_code: "FO-0101-001", rt_fo_ordr: 2"#,
        r#"rt_fo_code: "FO-0101-001", rt_fo_ordr: 3"#,
    );
    assert!(
        problems(&order)
            .iter()
            .any(|m| m.contains("numbers this fibre 3"))
    );
    // A typo in a field name is a parse error at its place, not a silent default.
    let typo = with("ps_preaff:", "ps_preaf:");
    let p = problems(&typo);
    assert_eq!(p.len(), 1, "{p:?}");
    let (line, _) = where_is(&typo, "ps_preaf:");
    assert!(p[0].starts_with(&format!("plan.ron:{line}:")), "{p:?}");
}
