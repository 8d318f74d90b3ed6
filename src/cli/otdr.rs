//! `fibrelab otdr`: one acquisition of a scenario's link, written as a .sor file (and a
//! CSV of distance and level), as a trainee's instrument would save it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{eprint_msg, find_scenario, print_diagnostics};
use crate::exercise::otdr::{Config, Direction, default_ior};
use crate::exercise::{Exercise, ModuleState, OtdrAction};
use crate::i18n::{Lang, Msg};
use crate::physics::analysis::{EventKind, Thresholds, analyse};
use crate::scenario::ExerciseSpec;
use crate::sor::export::{TraceInfo, from_trace};

/// The command's options.
#[derive(clap::Args, Debug)]
pub struct OtdrArgs {
    /// Scenario file or id.
    pub scenario: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Wavelength, nm.
    #[arg(long)]
    pub wavelength: f64,
    /// Pulse width, ns (3, 5, 10, 30, 50, 100, 275, 500, 1000, 2500, 5000, 10000, 20000).
    #[arg(long)]
    pub pulse: f64,
    /// Range, m.
    #[arg(long)]
    pub range: f64,
    /// Averaging time, s.
    #[arg(long)]
    pub averaging: f64,
    /// Group index setting (default: the cable's).
    #[arg(long)]
    pub ior: Option<f64>,
    /// Test from end B towards A.
    #[arg(long)]
    pub from_b: bool,
    /// Leave the launch and receive cables off the bench.
    #[arg(long)]
    pub no_cables: bool,
    /// Operator's name written in the file.
    #[arg(long, default_value = "")]
    pub operator: String,
    /// The .sor file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the trace as CSV: distance in metres, level in dB.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// The CSV's form: comma (`;` between cells, decimal comma: French spreadsheets) or
    /// point (`,` between cells, decimal point).
    #[arg(long, value_enum, default_value = "comma")]
    pub decimal: DecimalMark,
}

/// How a CSV writes its numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DecimalMark {
    /// `;` between cells and a decimal comma, as a French spreadsheet opens it.
    Comma,
    /// `,` between cells and a decimal point.
    Point,
}

/// The trace as CSV: a header row in `lang`, then one row per point, distance in metres
/// (3 decimals) and level in dB (4 decimals).
pub fn trace_csv(lang: Lang, trace_dx_m: f64, levels_db: &[f64], mark: DecimalMark) -> String {
    let (sep, num): (char, fn(f64, usize) -> String) = match mark {
        DecimalMark::Comma => (';', |v, d| Lang::Fr.num(v, d)),
        DecimalMark::Point => (',', |v, d| Lang::En.num(v, d)),
    };
    let mut text = String::with_capacity(levels_db.len() * 20 + 40);
    text.push_str(&crate::i18n::tr(lang, "cli-otdr-csv-distance"));
    text.push(sep);
    text.push_str(&crate::i18n::tr(lang, "cli-otdr-csv-level"));
    text.push('\n');
    for (i, y) in levels_db.iter().enumerate() {
        text.push_str(&num(i as f64 * trace_dx_m, 3));
        text.push(sep);
        text.push_str(&num(*y, 4));
        text.push('\n');
    }
    text
}

/// A quantity and its unit, held together by a no-break space (`0,303 dB`).
fn with_unit(lang: Lang, value: f64, decimals: usize, unit: &str) -> String {
    format!("{}\u{a0}{unit}", lang.num(value, decimals))
}

/// Writes `bytes` beside `path` then renames, so that a failure never leaves half a file
/// where a good one was.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

pub fn run(lang: Lang, a: &OtdrArgs) -> ExitCode {
    let loaded = match find_scenario(&a.scenario, None) {
        Ok(l) => l,
        Err(ds) => {
            print_diagnostics(lang, &ds);
            return ExitCode::FAILURE;
        }
    };
    let ExerciseSpec::Otdr(setup) = &loaded.scenario.exercise else {
        eprint_msg(
            lang,
            Msg::new("cli-otdr-not-otdr").text("id", loaded.scenario.id.clone()),
        );
        return ExitCode::FAILURE;
    };
    let mut ex = Exercise::generate(&loaded.scenario, a.seed);
    let ior = a.ior.unwrap_or(default_ior(a.wavelength));
    let config = Config {
        wavelength_nm: a.wavelength,
        pulse_ns: a.pulse,
        range_m: a.range,
        averaging_s: a.averaging,
        ior,
        backscatter_db: None,
        direction: if a.from_b {
            Direction::BtoA
        } else {
            Direction::AtoB
        },
        launch_cable: !a.no_cables,
        receive_cable: !a.no_cables,
    };
    if let Err(r) = ex.apply(0, OtdrAction::Acquire(config).into()) {
        eprint_msg(lang, r.reason);
        return ExitCode::FAILURE;
    }
    let ModuleState::Otdr(st) = &ex.state else {
        return ExitCode::FAILURE;
    };
    let Some(trace) = st.trace(a.seed, 0) else {
        return ExitCode::FAILURE;
    };
    let th: Thresholds = setup.thresholds.into();
    let analysis = analyse(&trace, &th);
    let origin_m = st.acquisitions.first().map(|r| r.origin_m).unwrap_or(0.0);
    let info = trace_info(
        &setup.labels,
        a.from_b,
        a.operator.clone(),
        format!("{} seed {}", loaded.scenario.id, a.seed),
        origin_m,
    );
    let file = from_trace(&trace, &analysis, &th, &info);
    let bytes = crate::sor::write(&file);
    if let Err(e) = write_atomic(&a.out, &bytes) {
        eprint_msg(
            lang,
            Msg::new("cli-cannot-write")
                .text("file", a.out.display().to_string())
                .text("error", e.to_string()),
        );
        return ExitCode::from(2);
    }
    if let Some(csv) = &a.csv {
        let text = trace_csv(lang, trace.dx_m, &trace.levels_db, a.decimal);
        if let Err(e) = write_atomic(csv, text.as_bytes()) {
            eprint_msg(
                lang,
                Msg::new("cli-cannot-write")
                    .text("file", csv.display().to_string())
                    .text("error", e.to_string()),
            );
            return ExitCode::from(2);
        }
    }
    outln!(
        "{}",
        Msg::new("cli-otdr-written")
            .text("file", a.out.display().to_string())
            .int("points", trace.levels_db.len() as u32)
            .int("events", analysis.events.len() as u32)
            .render(lang)
    );
    if !analysis.events.is_empty() {
        outln!(
            "  {:>3}  {:>12}  {:<24} {:>10}  {:>11}",
            crate::i18n::tr(lang, "cli-otdr-col-event"),
            crate::i18n::tr(lang, "cli-otdr-col-distance"),
            crate::i18n::tr(lang, "cli-otdr-col-kind"),
            crate::i18n::tr(lang, "cli-otdr-col-loss"),
            crate::i18n::tr(lang, "cli-otdr-col-reflectance"),
        );
    }
    for (k, e) in analysis.events.iter().enumerate() {
        let kind = match e.kind {
            EventKind::NonReflective => "sor-type-non-reflective",
            EventKind::Reflective => "sor-type-reflective",
            EventKind::Saturated => "sor-type-saturated",
            EventKind::End => "sor-type-end",
        };
        outln!(
            "  {:>3}  {:>12}  {:<24} {:>10}  {:>11}",
            k + 1,
            with_unit(lang, e.distance_m, 1, "m"),
            crate::i18n::tr(lang, kind),
            e.loss_db
                .map(|l| with_unit(lang, l, 3, "dB"))
                .unwrap_or_default(),
            e.reflectance_db
                .map(|r| with_unit(lang, r, 1, "dB"))
                .unwrap_or_default()
        );
    }
    ExitCode::SUCCESS
}

/// What a trace file says of itself: the link's labels (its ends swapped when measured
/// from B), who measured (never a name: see [`save_recette`]), a comment, the launch
/// cable subtracted, and now.
fn trace_info(
    l: &crate::scenario::otdr::Labels,
    from_b: bool,
    operator: String,
    comment: String,
    origin_m: f64,
) -> TraceInfo {
    let (location_a, location_b) = if from_b {
        (l.location_b.clone(), l.location_a.clone())
    } else {
        (l.location_a.clone(), l.location_b.clone())
    };
    TraceInfo {
        cable_id: l.cable_id.clone(),
        fibre_id: l.fibre_id.clone(),
        fibre_type: 652,
        location_a,
        location_b,
        operator,
        comment,
        date_time: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as u32)
            .unwrap_or(0),
        user_offset_m: origin_m,
    }
}

/// Escapes text for an HTML page.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The recette as it leaves the bench: each acquisition as a .sor file (with the
/// instrument's analysis as its key events, as the instrument saves it) and the
/// trainee's report as a printable page, `recette.html`, in `dir`. The operator is the
/// attempt's number, never a name: what leaves the school's database is pseudonymous.
/// Returns the files written.
pub fn save_recette(
    dir: &Path,
    lang: Lang,
    scenario_id: &str,
    st: &crate::exercise::otdr::OtdrState,
    seed: u64,
    seed_shown: bool,
    attempt: i64,
) -> Result<Vec<PathBuf>, Msg> {
    let cannot = |file: &Path, e: std::io::Error| {
        Msg::new("cli-cannot-write")
            .text("file", file.display().to_string())
            .text("error", e.to_string())
    };
    std::fs::create_dir_all(dir).map_err(|e| cannot(dir, e))?;
    let th: Thresholds = st.setup.thresholds.into();
    let mut written = Vec::new();
    for (i, r) in st.acquisitions.iter().enumerate() {
        let Some(trace) = st.trace(seed, i) else {
            continue;
        };
        let c = &r.config;
        let from_b = c.direction == Direction::BtoA;
        let info = trace_info(
            &st.setup.labels,
            from_b,
            format!("attempt {attempt}"),
            // An assessment attempt's seed is its answer key: never in a file on the seat.
            if seed_shown {
                format!("{scenario_id} seed {seed}")
            } else {
                scenario_id.to_string()
            },
            r.origin_m,
        );
        let analysis = analyse(&trace, &th);
        let bytes = crate::sor::write(&from_trace(&trace, &analysis, &th, &info));
        let name = format!(
            "{:02}-{}nm-{}-{}ns.sor",
            i + 1,
            c.wavelength_nm,
            if from_b { "BA" } else { "AB" },
            c.pulse_ns
        );
        let path = dir.join(name);
        write_atomic(&path, &bytes).map_err(|e| cannot(&path, e))?;
        written.push(path);
    }
    let page = recette_html(lang, scenario_id, st, attempt, &written);
    let path = dir.join("recette.html");
    write_atomic(&path, page.as_bytes()).map_err(|e| cannot(&path, e))?;
    written.push(path);
    Ok(written)
}

/// The report as a page to print: the link's labels, the lines with their verdicts,
/// the link's result, the rules, and the trace files beside it.
pub fn recette_html(
    lang: Lang,
    scenario_id: &str,
    st: &crate::exercise::otdr::OtdrState,
    attempt: i64,
    files: &[PathBuf],
) -> String {
    let t = |k: &str| html(&crate::i18n::tr(lang, k));
    let l = &st.setup.labels;
    let a = &st.setup.acceptance;
    let mut p = String::new();
    p.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
    p.push_str(&format!("<title>{}</title>", t("pv-title")));
    p.push_str(
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}\
         td,th{border:1px solid #888;padding:4px 8px;text-align:right}\
         th{background:#eee}.pass{color:#1e8a3c}.fail{color:#c01c28}</style></head><body>\n",
    );
    p.push_str(&format!("<h1>{}</h1>\n", t("pv-title")));
    p.push_str(&format!(
        "<p>{}</p>\n",
        html(
            &Msg::new("pv-labels")
                .text("cable", l.cable_id.clone())
                .text("fibre", l.fibre_id.clone())
                .text("a", l.location_a.clone())
                .text("b", l.location_b.clone())
                .render(lang)
        )
    ));
    p.push_str(&format!(
        "<p>{}</p>\n",
        html(
            &Msg::new("pv-attempt")
                .text("scenario", scenario_id.to_string())
                .int("attempt", attempt.max(0) as u32)
                .num("wl", st.setup.report_wavelength(), 0)
                .render(lang)
        )
    ));
    p.push_str("<table>\n<tr>");
    for h in [
        "app-otdr-col-n",
        "app-otdr-col-distance",
        "app-otdr-col-type",
        "app-otdr-col-loss",
        "app-otdr-col-refl",
        "app-otdr-col-verdict",
    ] {
        p.push_str(&format!("<th>{}</th>", t(h)));
    }
    p.push_str("</tr>\n");
    let verdict = |v: Option<crate::exercise::otdr::Verdict>| match v {
        Some(v) => format!(
            "<td class=\"{}\">{}</td>",
            match v {
                crate::exercise::otdr::Verdict::Pass => "pass",
                crate::exercise::otdr::Verdict::Fail => "fail",
            },
            html(&v.name().render(lang))
        ),
        None => "<td></td>".to_string(),
    };
    for (k, r) in st.rows.iter().enumerate() {
        p.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n",
            k + 1,
            lang.num(r.distance_m, 1),
            html(&r.kind.name().render(lang)),
            r.loss_db.map(|x| lang.num(x, 3)).unwrap_or_default(),
            r.reflectance_db.map(|x| lang.num(x, 1)).unwrap_or_default(),
            verdict(r.verdict)
        ));
    }
    p.push_str("</table>\n");
    match &st.link_report {
        Some(lr) => p.push_str(&format!(
            "<p>{} <span class=\"{}\">{}</span></p>\n",
            html(
                &Msg::new("pv-link")
                    .num("m", lr.length_m, 1)
                    .num("db", lr.total_loss_db, 2)
                    .render(lang)
            ),
            match lr.verdict {
                crate::exercise::otdr::Verdict::Pass => "pass",
                crate::exercise::otdr::Verdict::Fail => "fail",
            },
            html(&lr.verdict.name().render(lang))
        )),
        None => p.push_str(&format!("<p>{}</p>\n", t("pv-no-link"))),
    }
    p.push_str(&format!(
        "<p>{}</p>\n",
        html(
            &Msg::new("pv-rules")
                .num("splice", a.splice_max_db, 2)
                .num("connector", a.connector_max_db, 2)
                .num("refl", a.reflectance_max_db, 0)
                .render(lang)
        )
    ));
    if !files.is_empty() {
        p.push_str(&format!("<p>{}</p><ul>\n", t("pv-files")));
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            p.push_str(&format!("<li>{}</li>\n", html(&name)));
        }
        p.push_str("</ul>\n");
    }
    p.push_str("</body></html>\n");
    p
}
