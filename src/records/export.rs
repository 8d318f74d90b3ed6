//! Exports that open right on a French school's PC: CSV in UTF-8 with a byte-order mark,
//! `;` between cells, CRLF at the end of lines, every text cell quoted, numbers with a
//! decimal comma (Excel and LibreOffice in French read `1.5` as a date or text); and a
//! real Excel workbook (results, criteria, legend).
//!
//! Pseudonymous by default: the trainee's name and reference are in only when asked for
//! (`names`), for documents the school keeps.

use std::collections::BTreeSet;

use super::results::ResultRow;
use crate::i18n::{Lang, Msg};

/// How numbers are written in a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decimal {
    Comma,
    Point,
}

/// What goes into an export besides the pseudonymous results.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub lang: Lang,
    pub names: bool,
    pub decimal: Decimal,
}

/// One cell of a table: text (quoted in CSV), a number, or empty.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn number(v: Option<f64>) -> Value {
    v.map(Value::Number).unwrap_or(Value::Empty)
}

fn yes_no(lang: Lang, v: Option<bool>) -> Value {
    match v {
        Some(true) => text(crate::i18n::tr(lang, "export-yes")),
        Some(false) => text(crate::i18n::tr(lang, "export-no")),
        None => Value::Empty,
    }
}

/// A table: its header and rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

fn moment(ms: i64) -> String {
    super::school::format_moment(ms)
}

/// The criteria the rows hold, each a column of the *résultats*.
pub fn criterion_ids(rows: &[ResultRow]) -> Vec<String> {
    rows.iter()
        .flat_map(|r| r.criteria.iter().map(|c| c.id.clone()))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
}

/// The *résultats*' header: one column per criterion met or not among the others.
pub fn results_header(criteria: &[String], o: Options) -> Vec<String> {
    let mut header: Vec<String> = ["cohort", "assessment", "kind", "trainee_uuid"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if o.names {
        header.push("name".into());
        header.push("external_ref".into());
    }
    for h in [
        "scenario_id",
        "scenario_hash8",
        "attempt_uuid",
        "attempt_no",
        "seed",
        "started_at",
        "duration_s",
        "time_limit_s",
        "score",
        "pass_mark",
        "passed",
        "critical_failed",
    ] {
        header.push(h.into());
    }
    for c in criteria {
        header.push(format!("crit:{c}"));
    }
    for h in ["decision", "verified", "origin", "program_version"] {
        header.push(h.into());
    }
    header
}

/// One attempt as a row of the *résultats*.
pub fn results_row(r: &ResultRow, criteria: &[String], o: Options) -> Vec<Value> {
    let mut row = vec![
        text(r.cohort.clone().unwrap_or_default()),
        text(r.assessment.clone().unwrap_or_default()),
        text(r.kind.clone().unwrap_or_default()),
        text(r.trainee_uuid.clone().unwrap_or_default()),
    ];
    if o.names {
        row.push(text(r.name.clone()));
        row.push(text(r.external_ref.clone().unwrap_or_default()));
    }
    row.extend([
        text(r.scenario_id.clone()),
        text(r.scenario_hash.chars().take(8).collect::<String>()),
        text(r.attempt_uuid.clone()),
        Value::Number(r.attempt_no as f64),
        // As text: a 20-digit seed is beyond a spreadsheet's 15 significant digits.
        text(if r.seed_shown {
            r.seed.to_string()
        } else {
            super::assess::HIDDEN.to_string()
        }),
        text(moment(r.started_at_ms)),
        number(r.duration_s),
        number(r.time_limit_s.map(|s| s as f64)),
        number(r.score),
        number(r.pass_mark),
        yes_no(o.lang, r.passed),
        text(r.critical_failed.join(" ")),
    ]);
    for c in criteria {
        row.push(number(
            r.criteria.iter().find(|x| x.id == *c).map(|x| x.points),
        ));
    }
    row.extend([
        text(
            r.decision
                .map(|d| {
                    crate::i18n::tr(o.lang, &format!("decision-{}", d.code().replace('_', "-")))
                })
                .unwrap_or_default(),
        ),
        yes_no(o.lang, r.verified),
        text(r.origin.clone()),
        text(r.program_version.clone()),
    ]);
    row
}

/// The *résultats*: one row per attempt, a column per criterion met or not.
pub fn results_table(rows: &[ResultRow], o: Options) -> Table {
    let criteria = criterion_ids(rows);
    Table {
        header: results_header(&criteria, o),
        rows: rows.iter().map(|r| results_row(r, &criteria, o)).collect(),
    }
}

/// The *critères*' header.
pub fn criteria_header(o: Options) -> Vec<String> {
    let mut header: Vec<String> = ["cohort", "assessment", "trainee_uuid"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if o.names {
        header.push("name".into());
    }
    for h in [
        "scenario_id",
        "attempt_uuid",
        "criterion_id",
        "points",
        "max_points",
        "met",
        "critical",
        "feedback",
    ] {
        header.push(h.into());
    }
    header
}

/// One attempt as rows of the *critères*: one per criterion.
pub fn criteria_rows(r: &ResultRow, o: Options) -> impl Iterator<Item = Vec<Value>> + '_ {
    r.criteria.iter().map(move |c| {
        let mut row = vec![
            text(r.cohort.clone().unwrap_or_default()),
            text(r.assessment.clone().unwrap_or_default()),
            text(r.trainee_uuid.clone().unwrap_or_default()),
        ];
        if o.names {
            row.push(text(r.name.clone()));
        }
        row.extend([
            text(r.scenario_id.clone()),
            text(r.attempt_uuid.clone()),
            text(c.id.clone()),
            Value::Number(c.points),
            Value::Number(c.max_points),
            yes_no(o.lang, Some(c.met)),
            yes_no(o.lang, Some(c.critical)),
            text(c.feedback.render(o.lang)),
        ]);
        row
    })
}

/// The *critères*: one row per attempt and criterion, for pivot tables.
pub fn criteria_table(rows: &[ResultRow], o: Options) -> Table {
    Table {
        header: criteria_header(o),
        rows: rows.iter().flat_map(|r| criteria_rows(r, o)).collect(),
    }
}

/// A number as a French spreadsheet reads it: `82,5` (or `82.5` with `Decimal::Point`).
pub fn format_number(v: f64, decimal: Decimal) -> String {
    // The shortest text that reads back as the same number.
    let s = format!("{v}");
    match decimal {
        Decimal::Comma => s.replace('.', ","),
        Decimal::Point => s,
    }
}

/// One line of an Excel-proof CSV file.
fn csv_line(cells: impl Iterator<Item = String>) -> String {
    cells.collect::<Vec<_>>().join(";") + "\r\n"
}

fn csv_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Writes an Excel-proof CSV file row by row (nothing held but the row written).
pub fn write_csv(
    out: &mut dyn std::io::Write,
    header: &[String],
    rows: impl Iterator<Item = Vec<Value>>,
    decimal: Decimal,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    out.write_all(csv_line(header.iter().map(|h| csv_quote(h))).as_bytes())?;
    for r in rows {
        let line = csv_line(r.iter().map(|v| match v {
            Value::Text(s) => csv_quote(s),
            Value::Number(n) => format_number(*n, decimal),
            Value::Empty => String::new(),
        }));
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A table as an Excel-proof CSV file.
pub fn to_csv(t: &Table, decimal: Decimal) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory does not fail.
    let _ = write_csv(&mut out, &t.header, t.rows.iter().cloned(), decimal);
    out
}

/// The results, the criteria and a legend as one Excel workbook, written to `path` row by
/// row (its sheets in constant-memory mode: what a school's year takes is not held).
pub fn save_xlsx(
    rows: &[ResultRow],
    o: Options,
    generated_at_ms: i64,
    path: &std::path::Path,
) -> Result<(), Msg> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let err = |e: rust_xlsxwriter::XlsxError| {
        Msg::new("export-xlsx-failed").text("detail", e.to_string())
    };
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let criteria = criterion_ids(rows);
    let sheet = |ws: &mut Worksheet,
                 name: String,
                 header: Vec<String>,
                 body: &mut dyn Iterator<Item = Vec<Value>>|
     -> Result<(), Msg> {
        ws.set_name(name).map_err(err)?;
        for (c, h) in header.iter().enumerate() {
            // The sheet cannot be fitted after the fact (its rows are gone): the widths
            // come from the header and what the columns hold.
            let width = match h.as_str() {
                "trainee_uuid" | "attempt_uuid" => 38.0,
                "seed" | "started_at" | "feedback" => 22.0,
                _ => (h.chars().count() as f64 + 3.0).max(10.0),
            };
            ws.set_column_width(c as u16, width).map_err(err)?;
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in body.enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    Value::Text(s) => {
                        ws.write_string(r, c, s).map_err(err)?;
                    }
                    Value::Number(n) => {
                        ws.write_number(r, c, *n).map_err(err)?;
                    }
                    Value::Empty => {}
                }
            }
        }
        Ok(())
    };
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        crate::i18n::tr(o.lang, "export-sheet-results"),
        results_header(&criteria, o),
        &mut rows.iter().map(|r| results_row(r, &criteria, o)),
    )?;
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        crate::i18n::tr(o.lang, "export-sheet-criteria"),
        criteria_header(o),
        &mut rows.iter().flat_map(|r| criteria_rows(r, o)),
    )?;
    // The legend: what each scenario was (its hash) and how to check a row.
    let ws = wb.add_worksheet();
    ws.set_name(crate::i18n::tr(o.lang, "export-sheet-legend"))
        .map_err(err)?;
    let mut r = 0u32;
    let mut put = |a: &str, b: &str| -> Result<(), Msg> {
        ws.write_string(r, 0, a).map_err(err)?;
        ws.write_string(r, 1, b).map_err(err)?;
        r += 1;
        Ok(())
    };
    put(
        &crate::i18n::tr(o.lang, "export-legend-generated"),
        &moment(generated_at_ms),
    )?;
    put(
        &crate::i18n::tr(o.lang, "export-legend-version"),
        super::PROGRAM_VERSION,
    )?;
    put(
        &crate::i18n::tr(o.lang, "export-legend-verify"),
        &crate::i18n::tr(o.lang, "export-legend-verify-how"),
    )?;
    let mut seen = BTreeSet::new();
    for row in rows {
        if seen.insert((row.scenario_id.clone(), row.scenario_hash.clone())) {
            put(&row.scenario_id, &row.scenario_hash)?;
        }
    }
    ws.autofit();
    wb.save(path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_proof_csv() {
        let t = Table {
            header: vec!["a".into(), "b\"c".into()],
            rows: vec![
                vec![Value::Text("Renée; \"Lulu\"".into()), Value::Number(82.5)],
                vec![Value::Empty, Value::Number(-0.25)],
            ],
        };
        let bytes = to_csv(&t, Decimal::Comma);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}\"a\";\"b\"\"c\"\r\n\"Renée; \"\"Lulu\"\"\";82,5\r\n;-0,25\r\n"
        );
    }
}
