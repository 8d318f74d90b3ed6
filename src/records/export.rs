//! Exports that open right on a French school's PC: CSV in UTF-8 with a byte-order mark,
//! `;` between cells, CRLF at the end of lines, numbers with a decimal comma (Excel and
//! LibreOffice in French read `1.5` as a date or text; `Decimal::Point` gives the English
//! form, `,` between cells and a decimal point); and a real Excel workbook (results,
//! criteria, legend).
//!
//! What a spreadsheet would change is written so that it cannot (checked in CI by reading
//! the files back with LibreOffice, `tests/spreadsheets.rs`):
//! - a text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage
//!   return first: a trainee named `=1+1`) starts with an apostrophe, as OWASP and the
//!   spreadsheet makers advise: it opens as text, the formula is never run;
//! - a text a spreadsheet would take for a number or a date (a 20-digit seed, a PIN
//!   `012345`, a reference `0612`) is written `="012345"`: Calc and Excel show it as that
//!   text, exactly (quoting a cell does not make it text, and a number has 15 digits);
//! - moments are local dates and times of the school's zone (`2026-12-06 09:57:00`), read
//!   as dates in any language; in the workbook, date cells.
//!
//! Headers and values are words in the reader's language, criteria by their titles.
//! Pseudonymous by default: the trainee's name and reference are in only when asked for
//! (`names`), for documents the school keeps.

use std::collections::{BTreeMap, BTreeSet};

use super::results::ResultRow;
use crate::i18n::{Lang, Msg, tr};

/// How numbers are written in a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decimal {
    /// `82,5` with `;` between cells: French spreadsheets.
    Comma,
    /// `82.5` with `,` between cells: English spreadsheets.
    Point,
}

impl Decimal {
    /// `--decimal comma|point`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Decimal> {
        match s.trim() {
            "comma" | "virgule" => Some(Decimal::Comma),
            "point" => Some(Decimal::Point),
            _ => None,
        }
    }

    /// The usual form for a language: a comma in French, a point in English.
    pub fn of(lang: Lang) -> Decimal {
        match lang {
            Lang::Fr => Decimal::Comma,
            Lang::En => Decimal::Point,
        }
    }

    /// What goes between cells: `;` where the comma is the decimal mark.
    pub fn separator(self) -> char {
        match self {
            Decimal::Comma => ';',
            Decimal::Point => ',',
        }
    }
}

/// What goes into an export besides the pseudonymous results.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub lang: Lang,
    pub names: bool,
    pub decimal: Decimal,
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text, kept as written (see the module's notes).
    Text(String),
    Number(f64),
    /// A moment, ms since 1970: a date and time of the school's zone.
    Moment(i64),
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
        Some(true) => text(tr(lang, "export-yes")),
        Some(false) => text(tr(lang, "export-no")),
        None => Value::Empty,
    }
}

/// A table: its header and rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A column: its code (for widths) and its label in the reader's language.
struct Column {
    code: &'static str,
    label: String,
}

fn col(lang: Lang, code: &'static str) -> Column {
    Column {
        code,
        label: tr(lang, &format!("export-col-{code}")),
    }
}

/// The criteria the rows hold, each a column of the *résultats*, with its title (the
/// titles of every scenario that has a criterion of that id, when they differ).
pub fn criterion_columns(rows: &[ResultRow], lang: Lang) -> Vec<(String, String)> {
    let mut titles: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows {
        for c in &r.criteria {
            let t = criterion_title(c, lang);
            let seen = titles.entry(c.id.clone()).or_default();
            if !seen.contains(&t) {
                seen.push(t);
            }
        }
    }
    titles
        .into_iter()
        .map(|(id, t)| (id, t.join(" / ")))
        .collect()
}

/// A criterion's title in the reader's language.
pub fn criterion_title(c: &super::results::CriterionRow, lang: Lang) -> String {
    c.title.render(lang)
}

/// The titles of the critical criteria an attempt failed.
fn critical_titles(r: &ResultRow, lang: Lang) -> String {
    r.critical_failed
        .iter()
        .map(|id| {
            r.criteria
                .iter()
                .find(|c| c.id == *id)
                .map(|c| criterion_title(c, lang))
                .unwrap_or_else(|| id.clone())
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn results_columns(criteria: &[(String, String)], o: Options) -> Vec<Column> {
    let l = o.lang;
    let mut cols = vec![
        col(l, "cohort"),
        col(l, "assessment"),
        col(l, "kind"),
        col(l, "trainee-uuid"),
    ];
    if o.names {
        cols.push(col(l, "name"));
        cols.push(col(l, "external-ref"));
    }
    for c in [
        "scenario",
        "scenario-title",
        "scenario-hash8",
        "attempt-uuid",
        "attempt-no",
        "seed",
        "started-at",
        "duration-s",
        "time-limit-s",
        "score",
        "pass-mark",
        "passed",
        "critical-failed",
    ] {
        cols.push(col(l, c));
    }
    for (_, title) in criteria {
        cols.push(Column {
            code: "criterion",
            label: crate::i18n::Msg::new("export-col-criterion-points")
                .text("title", title.as_str())
                .render(l),
        });
    }
    for c in ["decision", "verified", "origin", "program-version"] {
        cols.push(col(l, c));
    }
    cols
}

/// The *résultats*' header: one column per criterion (its points) among the others.
pub fn results_header(criteria: &[(String, String)], o: Options) -> Vec<String> {
    results_columns(criteria, o)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

/// A scenario's title, from the catalogue the rows were read with.
fn scenario_title(r: &ResultRow, lang: Lang) -> String {
    r.scenario_title
        .as_ref()
        .map(|t| t.get(lang).to_string())
        .unwrap_or_default()
}

/// One attempt as a row of the *résultats*.
pub fn results_row(r: &ResultRow, criteria: &[(String, String)], o: Options) -> Vec<Value> {
    let l = o.lang;
    let mut row = vec![
        text(r.cohort.clone().unwrap_or_default()),
        text(r.assessment.clone().unwrap_or_default()),
        text(
            r.kind
                .as_deref()
                .map(|k| tr(l, &format!("assess-kind-{k}")))
                .unwrap_or_else(|| tr(l, "assess-kind-free")),
        ),
        text(r.trainee_uuid.clone().unwrap_or_default()),
    ];
    if o.names {
        row.push(text(r.name.clone()));
        row.push(text(r.external_ref.clone().unwrap_or_default()));
    }
    row.extend([
        text(r.scenario_id.clone()),
        text(scenario_title(r, l)),
        text(r.scenario_hash.chars().take(8).collect::<String>()),
        text(r.attempt_uuid.clone()),
        Value::Number(r.attempt_no as f64),
        // As text: a 20-digit seed is beyond a spreadsheet's 15 significant digits.
        text(if r.seed_shown {
            r.seed.to_string()
        } else {
            super::assess::HIDDEN.to_string()
        }),
        Value::Moment(r.started_at_ms),
        number(r.duration_s),
        number(r.time_limit_s.map(|s| s as f64)),
        number(r.score),
        number(r.pass_mark),
        yes_no(l, r.passed),
        text(critical_titles(r, l)),
    ]);
    for (id, _) in criteria {
        row.push(number(
            r.criteria.iter().find(|x| x.id == *id).map(|x| x.points),
        ));
    }
    row.extend([
        text(
            r.decision
                .map(|d| tr(l, &format!("decision-{}", d.code().replace('_', "-"))))
                .unwrap_or_default(),
        ),
        yes_no(l, r.verified),
        text(match r.origin.as_str() {
            "app" | "script" => tr(l, &format!("export-origin-{}", r.origin)),
            other => other.to_string(),
        }),
        text(r.program_version.clone()),
    ]);
    row
}

/// The *résultats*: one row per attempt, a column per criterion.
pub fn results_table(rows: &[ResultRow], o: Options) -> Table {
    let criteria = criterion_columns(rows, o.lang);
    Table {
        header: results_header(&criteria, o),
        rows: rows.iter().map(|r| results_row(r, &criteria, o)).collect(),
    }
}

fn criteria_columns(o: Options) -> Vec<Column> {
    let l = o.lang;
    let mut cols = vec![
        col(l, "cohort"),
        col(l, "assessment"),
        col(l, "trainee-uuid"),
    ];
    if o.names {
        cols.push(col(l, "name"));
    }
    for c in [
        "scenario",
        "attempt-uuid",
        "criterion-title",
        "points",
        "max-points",
        "met",
        "critical",
        "feedback",
    ] {
        cols.push(col(l, c));
    }
    cols
}

/// The *critères*' header.
pub fn criteria_header(o: Options) -> Vec<String> {
    criteria_columns(o).into_iter().map(|c| c.label).collect()
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
            text(criterion_title(c, o.lang)),
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

/// Whether a spreadsheet opening a CSV file would run a cell as a formula (or a DDE
/// command): what OWASP's "CSV injection" lists.
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether a spreadsheet would read a text as a number or a date (and change it: drop a
/// leading zero, round a 20-digit seed, turn `06/12` into a date).
fn number_like(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ".,+-eE/: %\u{a0}\u{202f}".contains(c))
}

/// One text cell of a CSV file, quoted; made to open as this very text (see the module).
fn csv_text(s: &str) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    if number_like(s) {
        // `="0612"`: a formula whose value is the text, in Calc and Excel alike.
        quote(&format!("=\"{}\"", s.replace('"', "\"\"")))
    } else if formula_like(s) {
        quote(&format!("'{s}"))
    } else {
        quote(s)
    }
}

/// A cell of a CSV file FibreLab wrote, as the text it stands for (the reverse of
/// [`csv_text`], once the quotes are read): `="0612"` is `0612`, `'=1+1` is `=1+1`.
pub fn as_written(cell: &str) -> String {
    if let Some(inner) = cell.strip_prefix("=\"").and_then(|c| c.strip_suffix('"')) {
        return inner.replace("\"\"", "\"");
    }
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest.to_string(),
        Some(_) | None => cell.to_string(),
    }
}

/// One line of a CSV file.
fn csv_line(cells: impl Iterator<Item = String>, decimal: Decimal) -> String {
    let sep = decimal.separator().to_string();
    cells.collect::<Vec<_>>().join(&sep) + "\r\n"
}

/// Writes a CSV file for spreadsheets row by row (nothing held but the row written).
pub fn write_csv(
    out: &mut dyn std::io::Write,
    header: &[String],
    rows: impl Iterator<Item = Vec<Value>>,
    decimal: Decimal,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    out.write_all(csv_line(header.iter().map(|h| csv_text(h)), decimal).as_bytes())?;
    for r in rows {
        let line = csv_line(
            r.iter().map(|v| match v {
                Value::Text(s) => csv_text(s),
                Value::Number(n) => format_number(*n, decimal),
                Value::Moment(ms) => crate::i18n::time::sheet(*ms),
                Value::Empty => String::new(),
            }),
            decimal,
        );
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A table as a CSV file for spreadsheets.
pub fn to_csv(t: &Table, decimal: Decimal) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory does not fail.
    let _ = write_csv(&mut out, &t.header, t.rows.iter().cloned(), decimal);
    out
}

/// How wide a column is in the workbook (characters): the sheet cannot be fitted after
/// the fact (its rows are gone), so the width comes from what the column holds.
fn width_of(c: &Column) -> f64 {
    match c.code {
        "trainee-uuid" | "attempt-uuid" => 37.0,
        "seed" | "started-at" => 20.0,
        "feedback" => 60.0,
        "criterion-title" | "critical-failed" | "scenario-title" => 32.0,
        "criterion" => 14.0,
        _ => (c.label.chars().count() as f64 + 2.0).clamp(9.0, 18.0),
    }
}

/// Prints as a document: A4 landscape, one page wide, the header row on every page, the
/// sheet's name and the page number at the foot.
fn print_setup(ws: &mut rust_xlsxwriter::Worksheet, lang: Lang, header_rows: bool) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if header_rows {
        let _ = ws.set_repeat_rows(0, 0);
    }
    ws.set_footer(format!("&L&A&R{}", tr(lang, "export-print-page")));
}

/// The results, the criteria and a legend as one Excel workbook, written to `path` row by
/// row (its sheets in constant-memory mode: what a school's year takes is not held).
pub fn save_xlsx(
    rows: &[ResultRow],
    o: Options,
    generated_at_ms: i64,
    path: &std::path::Path,
) -> Result<(), Msg> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
    let err = |e: rust_xlsxwriter::XlsxError| {
        Msg::new("export-xlsx-failed").text("detail", e.to_string())
    };
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let when = Format::new().set_num_format(match o.lang {
        Lang::Fr => "dd/mm/yyyy hh:mm",
        Lang::En => "yyyy-mm-dd hh:mm",
    });
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let criteria = criterion_columns(rows, o.lang);
    let sheet = |ws: &mut Worksheet,
                 name: String,
                 columns: Vec<Column>,
                 body: &mut dyn Iterator<Item = Vec<Value>>|
     -> Result<(), Msg> {
        ws.set_name(name).map_err(err)?;
        print_setup(ws, o.lang, true);
        let mut lines = 1.0f64;
        for (c, col) in columns.iter().enumerate() {
            let width = width_of(col);
            lines = lines.max((col.label.chars().count() as f64 / width).ceil());
            ws.set_column_width(c as u16, width).map_err(err)?;
            ws.write_string_with_format(0, c as u16, &col.label, &head)
                .map_err(err)?;
        }
        ws.set_row_height(0, 15.0 * lines.min(4.0)).map_err(err)?;
        ws.set_freeze_panes(1, 0).map_err(err)?;
        let wrapped: Vec<bool> = columns.iter().map(|c| c.code == "feedback").collect();
        for (r, row) in body.enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    Value::Text(s) if wrapped.get(c as usize) == Some(&true) => {
                        ws.write_string_with_format(r, c, s, &wrap).map_err(err)?;
                    }
                    Value::Text(s) => {
                        ws.write_string(r, c, s).map_err(err)?;
                    }
                    Value::Number(n) => {
                        ws.write_number(r, c, *n).map_err(err)?;
                    }
                    Value::Moment(ms) => {
                        ws.write_number_with_format(r, c, crate::i18n::time::serial(*ms), &when)
                            .map_err(err)?;
                    }
                    Value::Empty => {}
                }
            }
        }
        Ok(())
    };
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        tr(o.lang, "export-sheet-results"),
        results_columns(&criteria, o),
        &mut rows.iter().map(|r| results_row(r, &criteria, o)),
    )?;
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        tr(o.lang, "export-sheet-criteria"),
        criteria_columns(o),
        &mut rows.iter().flat_map(|r| criteria_rows(r, o)),
    )?;
    // The legend: when and by what it was made, how to check a row, and what each
    // scenario was (its title and the fingerprint of the text played).
    let ws = wb.add_worksheet();
    ws.set_name(tr(o.lang, "export-sheet-legend"))
        .map_err(err)?;
    print_setup(ws, o.lang, true);
    ws.set_column_width(0, 34.0).map_err(err)?;
    ws.set_column_width(1, 48.0).map_err(err)?;
    ws.set_column_width(2, 66.0).map_err(err)?;
    for (c, k) in [
        "export-legend-what",
        "export-legend-value",
        "export-legend-detail",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, tr(o.lang, k), &head)
            .map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.write_string(1, 0, tr(o.lang, "export-legend-generated"))
        .map_err(err)?;
    ws.write_number_with_format(1, 1, crate::i18n::time::serial(generated_at_ms), &when)
        .map_err(err)?;
    ws.write_string(1, 2, crate::i18n::time::zone_name())
        .map_err(err)?;
    ws.write_string(2, 0, tr(o.lang, "export-legend-version"))
        .map_err(err)?;
    ws.write_string(2, 1, super::PROGRAM_VERSION).map_err(err)?;
    ws.write_string(3, 0, tr(o.lang, "export-legend-verify"))
        .map_err(err)?;
    ws.write_string_with_format(3, 2, tr(o.lang, "export-legend-verify-how"), &wrap)
        .map_err(err)?;
    let mut r = 4u32;
    let mut seen = BTreeSet::new();
    for row in rows {
        if seen.insert((row.scenario_id.clone(), row.scenario_hash.clone())) {
            ws.write_string(r, 0, &row.scenario_id).map_err(err)?;
            ws.write_string(r, 1, scenario_title(row, o.lang))
                .map_err(err)?;
            ws.write_string(r, 2, &row.scenario_hash).map_err(err)?;
            r += 1;
        }
    }
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
        assert_eq!(
            String::from_utf8(to_csv(&t, Decimal::Point)).unwrap(),
            "\u{feff}\"a\",\"b\"\"c\"\r\n\"Renée; \"\"Lulu\"\"\",82.5\r\n,-0.25\r\n"
        );
    }

    /// OWASP's CSV injection cases, and texts a spreadsheet would turn into numbers.
    #[test]
    fn texts_open_as_the_same_text() {
        for (cell, written) in [
            ("=1+1 Formule", "\"'=1+1 Formule\""),
            ("+33 6 12 34 56 78", "\"=\"\"+33 6 12 34 56 78\"\"\""),
            ("-cmd|' /C calc'!A0", "\"'-cmd|' /C calc'!A0\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("14093000000000000123", "\"=\"\"14093000000000000123\"\"\""),
            ("012345", "\"=\"\"012345\"\"\""),
            ("06/12", "\"=\"\"06/12\"\"\""),
            ("1e5", "\"=\"\"1e5\"\"\""),
            ("Léa Moreau", "\"Léa Moreau\""),
            (
                "3f2a9c1e-0000-4000-8000-00000000000a",
                "\"3f2a9c1e-0000-4000-8000-00000000000a\"",
            ),
            ("e", "\"e\""),
        ] {
            assert_eq!(csv_text(cell), written, "{cell:?}");
            // Read back as a CSV reader gives it (the outer quotes read), it is the text.
            let unquoted = written[1..written.len() - 1].replace("\"\"", "\"");
            assert_eq!(as_written(&unquoted), cell);
        }
    }
}
