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
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
                .msg("error", crate::i18n::io_error(&e)),
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
                    .msg("error", crate::i18n::io_error(&e)),
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
            EventKind::End if e.saturated => "sor-type-end-saturated",
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
                .map(|r| {
                    let shown = with_unit(lang, r, 1, "dB");
                    if e.saturated {
                        format!("> {shown}")
                    } else {
                        shown
                    }
                })
                .unwrap_or_default()
        );
    }
    for (key, d) in [
        ("otdr-unseen-beyond", analysis.unseen_beyond_m),
        ("otdr-blind-past-launch", analysis.blind_past_launch_m),
    ] {
        if let Some(d) = d {
            outln!("{}", Msg::new(key).num("d", d, 1).render(lang));
        }
    }
    ExitCode::SUCCESS
}

/// What a trace file says of itself: the link's labels (its ends swapped when measured
/// from B), who measured (never a name: see [`save_recette`]), a comment, the launch
/// cable subtracted, and now.
pub(super) fn trace_info(
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

/// The recette as it leaves the bench: each acquisition as a .sor file (with the
/// instrument's analysis as its key events, as the instrument saves it) and the
/// trainee's report as a printable page, `recette.html`, in `dir`. The operator is the
/// attempt's number, never a name: what leaves the school's database is pseudonymous.
/// Returns the files written.
pub fn save_recette(
    dir: &Path,
    lang: Lang,
    scenario: &crate::scenario::Scenario,
    st: &crate::exercise::otdr::OtdrState,
    seed: u64,
    seed_shown: bool,
    attempt: i64,
) -> Result<Vec<PathBuf>, Msg> {
    let scenario_id = scenario.id.as_str();
    let cannot = |file: &Path, e: std::io::Error| {
        Msg::new("cli-cannot-write")
            .text("file", file.display().to_string())
            .msg("error", crate::i18n::io_error(&e))
    };
    std::fs::create_dir_all(dir).map_err(|e| cannot(dir, e))?;
    let th: Thresholds = st.setup.thresholds.into();
    let mut written = Vec::new();
    let mut names = vec![None; st.acquisitions.len()];
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
        let path = dir.join(&name);
        write_atomic(&path, &bytes).map_err(|e| cannot(&path, e))?;
        written.push(path);
        names[i] = Some(name);
    }
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let page = recette_html(lang, scenario, st, attempt, &names, now_ms);
    let path = dir.join("recette.html");
    write_atomic(&path, page.as_bytes()).map_err(|e| cannot(&path, e))?;
    written.push(path);
    Ok(written)
}

/// The report as a page to print (A4, one page): the exercise, the date it was saved
/// (`at_ms`), the operator (the attempt, never a name), the link's labels, the
/// instrument's settings for each acquisition with its trace file (`files`, by the
/// acquisition's index; a dash where none was handed in), the lines with their
/// verdicts, the link's result and the rules. Every column says its unit.
pub fn recette_html(
    lang: Lang,
    scenario: &crate::scenario::Scenario,
    st: &crate::exercise::otdr::OtdrState,
    attempt: i64,
    files: &[Option<String>],
    at_ms: i64,
) -> String {
    use crate::exercise::otdr::{Verdict, default_backscatter_db};
    use crate::records::print::{Running, document, esc, text};
    let t = |k: &str| text(lang, &crate::i18n::tr(lang, k));
    let x = |m: Msg| text(lang, &m.render(lang));
    let l = &st.setup.labels;
    let a = &st.setup.acceptance;
    let operator = Msg::new("pv-operator-attempt")
        .int("attempt", attempt.max(0) as u32)
        .render(lang);
    let mut p = String::new();
    p.push_str(&format!(
        "<h1>{}</h1><p class=\"subtitle\">{} <span class=\"small\">({})</span></p>\n",
        t("pv-title"),
        text(lang, scenario.title.get(lang)),
        esc(&scenario.id)
    ));
    p.push_str("<table class=\"meta\">");
    for (k, v) in [
        (
            t("pv-date"),
            text(lang, &crate::i18n::time::date_time(lang, at_ms)),
        ),
        (t("pv-operator"), text(lang, &operator)),
        (
            t("pv-link-label"),
            x(Msg::new("pv-labels")
                .text("cable", l.cable_id.clone())
                .text("fibre", l.fibre_id.clone())
                .text("a", l.location_a.clone())
                .text("b", l.location_b.clone())),
        ),
        (
            t("pv-reading-label"),
            x(Msg::new("pv-reading").num("wl", st.setup.report_wavelength(), 0)),
        ),
    ] {
        p.push_str(&format!("<tr><td>{k}</td><td>{v}</td></tr>"));
    }
    p.push_str("</table>\n");
    // The instrument's settings, one line per acquisition, beside its trace file.
    p.push_str(&format!(
        "<h2>{}</h2><table class=\"settings\"><thead><tr>",
        t("pv-settings")
    ));
    for h in [
        "pv-col-n",
        "pv-col-wavelength",
        "pv-col-direction",
        "pv-col-pulse",
        "pv-col-range",
        "pv-col-averaging",
        "pv-col-ior",
        "pv-col-backscatter",
        "pv-col-cables",
        "pv-col-file",
    ] {
        p.push_str(&format!("<th>{}</th>", t(h)));
    }
    p.push_str("</tr></thead><tbody>\n");
    for (i, r) in st.acquisitions.iter().enumerate() {
        let c = &r.config;
        let file = files
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| "—".into());
        let cables = match (c.launch_cable, c.receive_cable) {
            (true, true) => "pv-cables-both",
            (true, false) => "pv-cables-launch",
            (false, true) => "pv-cables-receive",
            (false, false) => "pv-cables-none",
        };
        p.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"left\">{}</td><td class=\"left file\">{}</td></tr>\n",
            i + 1,
            lang.num(c.wavelength_nm, 0),
            x(c.direction.name()),
            lang.num(c.pulse_ns, 0),
            lang.num(c.range_m / 1000.0, 1),
            lang.num(c.averaging_s, 0),
            lang.num(c.ior, 4),
            lang.num(
                c.backscatter_db
                    .unwrap_or_else(|| default_backscatter_db(c.wavelength_nm)),
                1
            ),
            t(cables),
            esc(&file)
        ));
    }
    if st.acquisitions.is_empty() {
        p.push_str(&format!(
            "<tr><td colspan=\"10\" class=\"left\">{}</td></tr>\n",
            t("pv-no-acquisition")
        ));
    }
    p.push_str("</tbody></table>\n");
    // The report: each line with its verdict.
    p.push_str(&format!(
        "<h2>{}</h2><table class=\"events\"><thead><tr>",
        t("pv-events")
    ));
    for h in [
        "pv-col-n",
        "pv-col-distance",
        "pv-col-type",
        "pv-col-loss",
        "pv-col-refl",
        "pv-col-verdict",
    ] {
        p.push_str(&format!("<th>{}</th>", t(h)));
    }
    p.push_str("</tr></thead><tbody>\n");
    let class = |v: Verdict| match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
    };
    let verdict = |v: Option<Verdict>| match v {
        Some(v) => format!("<td class=\"{}\">{}</td>", class(v), x(v.name())),
        None => "<td></td>".to_string(),
    };
    for (k, r) in st.rows.iter().enumerate() {
        p.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"left\">{}</td><td>{}</td><td>{}</td>{}</tr>\n",
            k + 1,
            lang.num(r.distance_m, 1),
            x(r.kind.name()),
            r.loss_db.map(|x| lang.num(x, 3)).unwrap_or_default(),
            r.reflectance_db.map(|x| lang.num(x, 1)).unwrap_or_default(),
            verdict(r.verdict)
        ));
    }
    p.push_str("</tbody></table>\n");
    match &st.link_report {
        Some(lr) => p.push_str(&format!(
            "<p class=\"result\">{} <span class=\"{}\">{}</span></p>\n",
            x(Msg::new("pv-link")
                .num("m", lr.length_m, 1)
                .num("db", lr.total_loss_db, 2)),
            class(lr.verdict),
            x(lr.verdict.name())
        )),
        None => p.push_str(&format!("<p class=\"result\">{}</p>\n", t("pv-no-link"))),
    }
    p.push_str(&format!(
        "<p>{}</p>\n",
        x(Msg::new("pv-rules")
            .num("splice", a.splice_max_db, 2)
            .num("connector", a.connector_max_db, 2)
            .num("refl", a.reflectance_max_db, 0))
    ));
    let running = Running {
        who: Msg::new("pv-footer")
            .int("attempt", attempt.max(0) as u32)
            .text("title", scenario.title.get(lang))
            .render(lang),
        code: None,
    };
    document(
        lang,
        &crate::i18n::tr(lang, "pv-title"),
        &running,
        "
table.settings td, table.settings th, table.events td, table.events th { text-align: right; }
table.settings th, table.events th { text-align: center; }
table.settings td { font-size: 8.5pt; }
td.left { text-align: left !important; }
td.nowrap { white-space: nowrap; }
td.file { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; white-space: nowrap; }
.subtitle { font-size: 11pt; margin: 0 0 2mm 0; }
.result { font-size: 10.5pt; margin-top: 2mm; }
.pass { color: #1e8a3c; font-weight: bold; }
.fail { color: #c01c28; font-weight: bold; }
",
        &p,
    )
}
