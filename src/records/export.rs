//! Exports that open right on a French school's PC: CSV in UTF-8 with a byte-order mark,
//! `;` between cells, CRLF at the end of lines, numbers with a decimal comma (Excel and
//! LibreOffice in French read `1.5` as a date or text; `Decimal::Point` gives the English
//! form, `,` between cells and a decimal point); and a real Excel workbook (results,
//! criteria, legend).
//!
//! What a spreadsheet would change is written so that it cannot (checked in CI by reading
//! the files back with LibreOffice, `tests/spreadsheets.rs`):
//! - a text a spreadsheet would take for a number or a date (a 20-digit seed, a PIN
//!   `012345`, a reference `0612`) or for a formula (`=`, `+`, `-`, `@` first: a trainee
//!   named `=1+1` or `@SUM(A1)`, OWASP's "CSV injection") is written `="012345"`: Calc and
//!   Excel show that very text (quoting a cell does not make it text, and a number has 15
//!   digits); what the formula holds is a string, never run. A text that cannot be a
//!   formula's string (over 255 characters, a line break, a tab) and would be run starts
//!   with an apostrophe instead, as OWASP advises (the apostrophe then shows);
//! - moments are local dates and times of the school's zone (`2026-12-06 09:57:00`), read
//!   as dates in any language; in the workbook, date cells.
//!
//! Headers and values are words in the reader's language, criteria by their titles.
//! Pseudonymous by default: the trainee's name and reference are in only when asked for
//! (`names`), for documents the school keeps.

use std::collections::BTreeSet;

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

/// The criteria the rows hold, each a column of the *résultats*: one per title (the same
/// check in two scenarios is one column; two checks under one id are two).
pub fn criterion_columns(rows: &[ResultRow], lang: Lang) -> Vec<String> {
    rows.iter()
        .flat_map(|r| r.criteria.iter().map(|c| criterion_title(c, lang)))
        .collect::<BTreeSet<String>>()
        .into_iter()
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

/// A column of the *résultats*: one of the fixed ones (by its code), or a criterion's
/// points (by its place among [`criterion_columns`]).
#[derive(Clone, Copy)]
enum ResultCol {
    Fixed(&'static str),
    Criterion(usize),
}

/// The *résultats*' columns: what a person reads first (who, which exercise, when, the
/// grade, the decision: what the workbook prints), then what identifies and checks a row,
/// then each criterion's points.
fn result_cols(criteria: &[String], o: Options) -> (Vec<ResultCol>, usize) {
    let mut cols: Vec<&'static str> = if o.names {
        vec!["name", "external-ref"]
    } else {
        vec!["trainee-uuid"]
    };
    cols.extend([
        "cohort",
        "assessment",
        "scenario-title",
        "started-at",
        "duration-s",
        "score",
        "passed",
        "critical-failed",
        "decision",
    ]);
    let printed = cols.len();
    if o.names {
        cols.push("trainee-uuid");
    }
    cols.extend([
        "kind",
        "scenario",
        "scenario-hash8",
        "attempt-uuid",
        "attempt-no",
        "seed",
        "time-limit-s",
        "pass-mark",
        "verified",
        "origin",
        "program-version",
    ]);
    let mut all: Vec<ResultCol> = cols.into_iter().map(ResultCol::Fixed).collect();
    all.extend((0..criteria.len()).map(ResultCol::Criterion));
    (all, printed)
}

fn results_columns(criteria: &[String], o: Options) -> Vec<Column> {
    result_cols(criteria, o)
        .0
        .into_iter()
        .map(|c| match c {
            ResultCol::Fixed(code) => col(o.lang, code),
            ResultCol::Criterion(i) => Column {
                code: "criterion",
                label: Msg::new("export-col-criterion-points")
                    .text("title", criteria[i].as_str())
                    .render(o.lang),
            },
        })
        .collect()
}

/// The *résultats*' header: one column per criterion (its points) among the others.
pub fn results_header(criteria: &[String], o: Options) -> Vec<String> {
    results_columns(criteria, o)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

/// A scenario's title, from the source stored with the attempt.
fn scenario_title(r: &ResultRow, lang: Lang) -> String {
    r.scenario_title
        .as_ref()
        .map(|t| t.get(lang).to_string())
        .unwrap_or_default()
}

/// One value of an attempt's row.
fn result_value(code: &str, r: &ResultRow, o: Options) -> Value {
    let l = o.lang;
    match code {
        "name" => text(r.name.clone()),
        "external-ref" => text(r.external_ref.clone().unwrap_or_default()),
        "trainee-uuid" => text(r.trainee_uuid.clone().unwrap_or_default()),
        "cohort" => text(r.cohort.clone().unwrap_or_default()),
        "assessment" => text(r.assessment.clone().unwrap_or_default()),
        "scenario-title" => text(scenario_title(r, l)),
        "started-at" => Value::Moment(r.started_at_ms),
        "duration-s" => number(r.duration_s),
        "score" => number(r.score),
        "passed" => yes_no(l, r.passed),
        "critical-failed" => text(critical_titles(r, l)),
        "decision" => text(
            r.decision
                .map(|d| tr(l, &format!("decision-{}", d.code().replace('_', "-"))))
                .unwrap_or_default(),
        ),
        "kind" => text(
            r.kind
                .as_deref()
                .map(|k| tr(l, &format!("assess-kind-{k}")))
                .unwrap_or_else(|| tr(l, "assess-kind-free")),
        ),
        "scenario" => text(r.scenario_id.clone()),
        "scenario-hash8" => text(r.scenario_hash.chars().take(8).collect::<String>()),
        "attempt-uuid" => text(r.attempt_uuid.clone()),
        "attempt-no" => Value::Number(r.attempt_no as f64),
        // As text: a 20-digit seed is beyond a spreadsheet's 15 significant digits.
        "seed" => text(if r.seed_shown {
            r.seed.to_string()
        } else {
            super::assess::HIDDEN.to_string()
        }),
        "time-limit-s" => number(r.time_limit_s.map(|s| s as f64)),
        "pass-mark" => number(r.pass_mark),
        "verified" => yes_no(l, r.verified),
        "origin" => text(match r.origin.as_str() {
            "app" | "script" => tr(l, &format!("export-origin-{}", r.origin)),
            other => other.to_string(),
        }),
        "program-version" => text(r.program_version.clone()),
        _ => Value::Empty,
    }
}

/// One attempt as a row of the *résultats*.
pub fn results_row(r: &ResultRow, criteria: &[String], o: Options) -> Vec<Value> {
    result_cols(criteria, o)
        .0
        .into_iter()
        .map(|c| match c {
            ResultCol::Fixed(code) => result_value(code, r, o),
            ResultCol::Criterion(i) => number(
                r.criteria
                    .iter()
                    .find(|x| criterion_title(x, o.lang) == criteria[i])
                    .map(|x| x.points),
            ),
        })
        .collect()
}

/// The *résultats*: one row per attempt, a column per criterion.
pub fn results_table(rows: &[ResultRow], o: Options) -> Table {
    let criteria = criterion_columns(rows, o.lang);
    Table {
        header: results_header(&criteria, o),
        rows: rows.iter().map(|r| results_row(r, &criteria, o)).collect(),
    }
}

/// The *critères*' columns, what a person reads first (printed) then the identifiers.
fn criteria_cols(o: Options) -> (Vec<&'static str>, usize) {
    let mut cols: Vec<&'static str> = if o.names {
        vec!["name"]
    } else {
        vec!["trainee-uuid"]
    };
    cols.extend([
        "scenario-title",
        "criterion-title",
        "points",
        "max-points",
        "met",
        "critical",
        "feedback",
    ]);
    let printed = cols.len();
    if o.names {
        cols.push("trainee-uuid");
    }
    cols.extend(["cohort", "assessment", "scenario", "attempt-uuid"]);
    (cols, printed)
}

fn criteria_columns(o: Options) -> Vec<Column> {
    criteria_cols(o)
        .0
        .into_iter()
        .map(|c| col(o.lang, c))
        .collect()
}

/// The *critères*' header.
pub fn criteria_header(o: Options) -> Vec<String> {
    criteria_columns(o).into_iter().map(|c| c.label).collect()
}

/// One attempt as rows of the *critères*: one per criterion.
pub fn criteria_rows(r: &ResultRow, o: Options) -> impl Iterator<Item = Vec<Value>> + '_ {
    let (cols, _) = criteria_cols(o);
    r.criteria.iter().map(move |c| {
        cols.iter()
            .map(|code| match *code {
                "criterion-title" => text(criterion_title(c, o.lang)),
                "points" => Value::Number(c.points),
                "max-points" => Value::Number(c.max_points),
                "met" => yes_no(o.lang, Some(c.met)),
                "critical" => yes_no(o.lang, Some(c.critical)),
                "feedback" => text(c.feedback.render(o.lang)),
                other => result_value(other, r, o),
            })
            .collect()
    })
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
    // `="0612"`, `="=1+1"`: a formula whose value is the text, in Calc and Excel alike;
    // what it holds is a string, never run. Excel's strings in a formula stop at 255
    // characters and take no line break: a longer text a spreadsheet would run starts
    // with an apostrophe instead (which then shows).
    let as_string = s.chars().count() <= FORMULA_STRING_MAX && !s.contains(['\n', '\r', '\t']);
    if (number_like(s) || formula_like(s)) && as_string {
        quote(&format!("=\"{}\"", s.replace('"', "\"\"")))
    } else if formula_like(s) {
        quote(&format!("'{s}"))
    } else {
        quote(s)
    }
}

/// The longest string Excel takes inside a formula.
const FORMULA_STRING_MAX: usize = 255;

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
        "name" => 24.0,
        "seed" => 22.0,
        "started-at" => 16.0,
        "feedback" => 60.0,
        "criterion-title" | "critical-failed" | "scenario-title" => 30.0,
        "cohort" | "assessment" | "decision" => 18.0,
        "criterion" => 14.0,
        _ => (c.label.chars().count() as f64 + 2.0).clamp(9.0, 18.0),
    }
}

/// Whether a column's text wraps in its cell (a row then grows to show it all).
fn wraps(c: &Column) -> bool {
    matches!(
        c.code,
        "feedback" | "criterion-title" | "critical-failed" | "scenario-title" | "name"
    )
}

/// The lines a text takes in a column `width` characters wide.
fn lines_in(text: &str, width: f64) -> f64 {
    text.split('\n')
        .map(|l| {
            (l.chars().count() as f64 / (width - 1.0).max(1.0))
                .ceil()
                .max(1.0)
        })
        .sum()
}

/// Prints as a document: A4 landscape, one page wide, the header row on every page, the
/// sheet's name and the page number at the foot; `printed` columns (what a person reads
/// first), the others staying on screen.
fn print_setup(
    ws: &mut rust_xlsxwriter::Worksheet,
    lang: Lang,
    printed: (u32, u16),
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_area(0, 0, printed.0, printed.1.saturating_sub(1))?;
    ws.set_footer(format!("&L&A&R{}", tr(lang, "export-print-page")));
    Ok(())
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
        .set_align(FormatAlign::Top)
        .set_background_color("#EEEEEE");
    let top = Format::new().set_align(FormatAlign::Top);
    let when = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format(match o.lang {
            Lang::Fr => "dd/mm/yyyy hh:mm",
            Lang::En => "yyyy-mm-dd hh:mm",
        });
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let criteria = criterion_columns(rows, o.lang);
    let sheet = |ws: &mut Worksheet,
                 name: String,
                 columns: Vec<Column>,
                 printed: usize,
                 count: usize,
                 body: &mut dyn Iterator<Item = Vec<Value>>|
     -> Result<(), Msg> {
        ws.set_name(name).map_err(err)?;
        print_setup(ws, o.lang, (count as u32, printed as u16)).map_err(err)?;
        let widths: Vec<f64> = columns.iter().map(width_of).collect();
        let wrapped: Vec<bool> = columns.iter().map(wraps).collect();
        let mut lines = 1.0f64;
        for (c, col) in columns.iter().enumerate() {
            lines = lines.max(lines_in(&col.label, widths[c]));
            ws.set_column_width(c as u16, widths[c]).map_err(err)?;
            ws.write_string_with_format(0, c as u16, &col.label, &head)
                .map_err(err)?;
        }
        ws.set_row_height(0, 15.0 * lines.min(4.0)).map_err(err)?;
        ws.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in body.enumerate() {
            let r = r as u32 + 1;
            // The row as high as its longest wrapped text (constant-memory rows are
            // written once: their height is set before their cells).
            let lines = row
                .iter()
                .enumerate()
                .filter(|(c, _)| wrapped.get(*c) == Some(&true))
                .filter_map(|(c, v)| match v {
                    Value::Text(s) => Some(lines_in(s, widths[c])),
                    Value::Number(_) | Value::Moment(_) | Value::Empty => None,
                })
                .fold(1.0f64, f64::max);
            if lines > 1.0 {
                ws.set_row_height(r, 15.0 * lines.min(12.0)).map_err(err)?;
            }
            for (c, v) in row.iter().enumerate() {
                let c16 = c as u16;
                match v {
                    Value::Text(s) if wrapped.get(c) == Some(&true) => {
                        ws.write_string_with_format(r, c16, s, &wrap).map_err(err)?;
                    }
                    Value::Text(s) => {
                        ws.write_string_with_format(r, c16, s, &top).map_err(err)?;
                    }
                    Value::Number(n) => {
                        ws.write_number_with_format(r, c16, *n, &top).map_err(err)?;
                    }
                    Value::Moment(ms) => {
                        ws.write_number_with_format(r, c16, crate::i18n::time::serial(*ms), &when)
                            .map_err(err)?;
                    }
                    Value::Empty => {}
                }
            }
        }
        Ok(())
    };
    let (_, printed) = result_cols(&criteria, o);
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        tr(o.lang, "export-sheet-results"),
        results_columns(&criteria, o),
        printed,
        rows.len(),
        &mut rows.iter().map(|r| results_row(r, &criteria, o)),
    )?;
    let (_, printed) = criteria_cols(o);
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        tr(o.lang, "export-sheet-criteria"),
        criteria_columns(o),
        printed,
        rows.iter().map(|r| r.criteria.len()).sum(),
        &mut rows.iter().flat_map(|r| criteria_rows(r, o)),
    )?;
    // The legend: when and by what it was made, how to check a row, what the columns
    // that are not plain say, and what each scenario was (its title and the fingerprint
    // of the text played).
    let l = o.lang;
    let mut legend: Vec<[Value; 3]> = vec![
        [
            text(tr(l, "export-legend-generated")),
            Value::Moment(generated_at_ms),
            text(crate::i18n::time::zone_name()),
        ],
        [
            text(tr(l, "export-legend-version")),
            text(super::PROGRAM_VERSION),
            Value::Empty,
        ],
        [
            text(tr(l, "export-legend-verify")),
            Value::Empty,
            text(tr(l, "export-legend-verify-how")),
        ],
    ];
    for code in [
        "trainee-uuid",
        "seed",
        "scenario-hash8",
        "verified",
        "origin",
        "critical-failed",
    ] {
        legend.push([
            text(tr(l, &format!("export-col-{code}"))),
            Value::Empty,
            text(tr(l, &format!("export-legend-col-{code}"))),
        ]);
    }
    let mut seen = BTreeSet::new();
    for row in rows {
        if seen.insert((row.scenario_id.clone(), row.scenario_hash.clone())) {
            legend.push([
                text(scenario_title(row, l)),
                text(row.scenario_id.clone()),
                text(row.scenario_hash.clone()),
            ]);
        }
    }
    let legend_cols = vec![
        Column {
            code: "criterion-title",
            label: tr(l, "export-legend-what"),
        },
        Column {
            code: "criterion-title",
            label: tr(l, "export-legend-value"),
        },
        Column {
            code: "feedback",
            label: tr(l, "export-legend-detail"),
        },
    ];
    let count = legend.len();
    sheet(
        wb.add_worksheet_with_constant_memory().map_err(err)?,
        tr(l, "export-sheet-legend"),
        legend_cols,
        3,
        count,
        &mut legend.into_iter().map(|r| r.to_vec()),
    )?;
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

    /// Every column has a header in both languages, with names and without.
    #[test]
    fn every_column_is_named_in_both_languages() {
        for names in [false, true] {
            let o = Options {
                lang: Lang::Fr,
                names,
                decimal: Decimal::Comma,
            };
            let (results, printed) = result_cols(&["Titre".to_string()], o);
            assert!(printed < results.len());
            let (criteria, _) = criteria_cols(o);
            let codes = results
                .iter()
                .filter_map(|c| match c {
                    ResultCol::Fixed(code) => Some(*code),
                    ResultCol::Criterion(_) => None,
                })
                .chain(criteria);
            for code in codes {
                let m = Msg::new(format!("export-col-{code}"));
                assert!(m.exists_in_all_languages(), "{code}");
            }
        }
    }

    /// OWASP's CSV injection cases, and texts a spreadsheet would turn into numbers.
    #[test]
    fn texts_open_as_the_same_text() {
        let long = format!("={}", "x".repeat(300));
        let long_written = format!("\"'{long}\"");
        for (cell, written) in [
            ("=1+1 Formule", "\"=\"\"=1+1 Formule\"\"\""),
            ("+33 6 12 34 56 78", "\"=\"\"+33 6 12 34 56 78\"\"\""),
            ("-cmd|' /C calc'!A0", "\"=\"\"-cmd|' /C calc'!A0\"\"\""),
            ("@SUM(A1)", "\"=\"\"@SUM(A1)\"\"\""),
            ("=\"a\"", "\"=\"\"=\"\"\"\"a\"\"\"\"\"\"\""),
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
            (long.as_str(), long_written.as_str()),
        ] {
            assert_eq!(csv_text(cell), written, "{cell:?}");
            // Read back as a CSV reader gives it (the outer quotes read), it is the text.
            let unquoted = written[1..written.len() - 1].replace("\"\"", "\"");
            assert_eq!(as_written(&unquoted), cell);
        }
    }
}
