//! The dossier a technician hands in with a job (FTTH-JOBS §9): the traces as `.sor`
//! files, one per fibre and wavelength, named for the DOE; the *tableau de synthèse*,
//! one line per fibre; the PV d'autocontrôle of each fibre (the trainee's own report and
//! the conditions of measurement); where the job started at the box, the plan's GraceTHD
//! tables as the job left them (`t_cassette`, `t_position`, `t_ropt`); and the list of
//! documents in GraceTHD's shape (`t_document`, `t_docobj`), each document tied to the
//! object it records.
//!
//! Everything here is built in memory from the played job; the caller writes the files.
//! The operator is the attempt's number, never a name: what leaves the school's database
//! is pseudonymous. An assessment attempt's seed (its answer key) is never written.

use std::path::Path;

use crate::exercise::job::{JobState, TestedFibre};
use crate::exercise::otdr::{Direction, OtdrState};
use crate::exercise::prep::FibreRef;
use crate::i18n::{Lang, Msg, tr};
use crate::physics::analysis::{Thresholds, analyse};
use crate::physics::cable::ColourCode;
use crate::physics::markers::Markers;
use crate::records::export::{Decimal, Table, Value, to_csv};
use crate::scenario::Scenario;
use crate::scenario::closure::gracethd;
use crate::scenario::closure::plan::{
    Function, Plan, PositionKind, RouteRow, State, fibre_code as plan_fibre_code,
};
use crate::scenario::otdr::EventType;
use crate::sor::export::from_trace;

/// One file of the dossier: its name in the folder and what it holds.
#[derive(Clone, Debug)]
pub struct Delivered {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Where the job was played: what the files say of it.
pub struct Played<'a> {
    pub lang: Lang,
    pub scenario: &'a Scenario,
    pub job: &'a JobState,
    pub seed: u64,
    /// Whether the seed may be written (a practice attempt): an assessment's is its
    /// answer key, and stays off the seat.
    pub seed_shown: bool,
    pub attempt: i64,
    /// When the dossier is handed in, ms since 1970.
    pub at_ms: i64,
}

/// A fibre's identity in the files: `T01F03` (tube 1, fibre 3), `F03` outside a tube.
pub fn fibre_label(f: &FibreRef) -> String {
    match f.tube {
        Some(t) => format!("T{t:02}F{:02}", f.fibre),
        None => format!("F{:02}", f.fibre),
    }
}

/// A trace's file name as DOE guides ask for it [U: no operator's rule was read; the
/// parts every guide seen names are the cable, the fibre and the wavelength]:
/// `CABLE_T01F03_1550nm.sor`. The cable's label is kept to letters, digits, `-` and `.`.
pub fn sor_name(cable: &str, f: &FibreRef, wavelength_nm: f64) -> String {
    let cable: String = cable
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cable = if cable.is_empty() {
        "CABLE".into()
    } else {
        cable
    };
    format!(
        "{cable}_{}_{:.0}nm.sor",
        fibre_label(f),
        wavelength_nm.round()
    )
}

/// What the instrument read on one fibre at one wavelength: the last acquisition from
/// end A, its analysis's lines, and the link's loss from connector A to connector B.
struct Reading {
    file: String,
    bytes: Vec<u8>,
    /// Connector A to connector B, m, as the instrument measured the span.
    span_m: Option<f64>,
    /// Connector A to connector B, both connectors in, dB (lines fitted on the launch
    /// and receive cables, as the instrument's link loss reads it).
    link_loss_db: Option<f64>,
    worst_splice_db: Option<f64>,
    worst_connector_db: Option<f64>,
    worst_reflectance_db: Option<f64>,
    /// A line of the instrument's table over its pass/fail threshold, or the fibre
    /// ended short of connector B.
    failed: bool,
    /// The fibre ended short of connector B.
    broken: bool,
}

fn worst(v: Option<f64>, x: Option<f64>) -> Option<f64> {
    match (v, x) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The fibre's reading at one wavelength, or `None` where it was never acquired from A.
fn reading(p: &Played, tf: &TestedFibre, cable: &str, wavelength_nm: f64) -> Option<Reading> {
    let st: &OtdrState = &tf.otdr;
    let i = st.acquisitions.iter().rposition(|a| {
        a.config.wavelength_nm == wavelength_nm && a.config.direction == Direction::AtoB
    })?;
    let r = &st.acquisitions[i];
    let trace = st.trace(p.seed, i)?;
    let th: Thresholds = st.setup.thresholds.into();
    let label = fibre_label(&tf.pair[0]);
    let mut info = super::otdr::trace_info(
        &st.setup.labels,
        false,
        format!("attempt {}", p.attempt),
        if p.seed_shown {
            format!("{} seed {}", p.scenario.id, p.seed)
        } else {
            p.scenario.id.clone()
        },
        r.origin_m,
    );
    info.fibre_id = label;
    let bytes = crate::sor::write(&from_trace(&trace, &analyse(&trace, &th), &th, &info));
    let span_m = st.measured_span_m(r);
    let c = &r.config;
    let lines = st.instrument_table(r);
    // With a receive cable the link ends at connector B, which the instrument places by
    // the cable's length before the end it finds; where no event stands there, the fibre
    // ended before it (a break, a fibre left unspliced): no length, and the fibre fails.
    let margin = crate::exercise::otdr::event_dead_zone_m(c.pulse_ns, c.ior) + 2.0;
    let broken = c.receive_cable
        && st.link.receive_m > 0.0
        && span_m.is_none_or(|s| {
            !lines
                .iter()
                .any(|l| l.kind != EventType::End && (l.distance_m - s).abs() <= margin)
        });
    let span_m = span_m.filter(|_| !broken);
    // The link loss with both connectors: the launch cable's line read at A, the receive
    // cable's at B, clear of each connector's dead zone and settling.
    let gap = 2.0 * crate::exercise::otdr::event_dead_zone_m(c.pulse_ns, c.ior) + 10.0;
    let link_loss_db = span_m
        .filter(|_| c.launch_cable && c.receive_cable)
        .and_then(|s| {
            let window = (st.link.launch_m.min(st.link.receive_m) - gap).min(200.0);
            (window >= 20.0)
                .then(|| Markers::new(&trace).link_loss(r.origin_m, r.origin_m + s, window, gap))
                .flatten()
        });
    let loss_of = |k: EventType| {
        lines
            .iter()
            .filter(|l| l.kind == k)
            .filter_map(|l| l.loss_db)
            .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))))
    };
    let worst_reflectance_db = lines
        .iter()
        .filter(|l| l.kind != EventType::End)
        .filter_map(|l| l.reflectance_db)
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
    let over_link = st
        .setup
        .acceptance
        .link_max_db
        .zip(link_loss_db)
        .is_some_and(|(max, l)| l > max);
    Some(Reading {
        file: sor_name(cable, &tf.pair[0], wavelength_nm),
        bytes,
        span_m,
        link_loss_db,
        worst_splice_db: worst(
            loss_of(EventType::Splice),
            loss_of(EventType::MechanicalSplice),
        ),
        worst_connector_db: loss_of(EventType::Connector),
        worst_reflectance_db,
        broken,
        failed: broken
            || over_link
            || lines
                .iter()
                .any(|l| l.verdict == Some(crate::exercise::otdr::Verdict::Fail)),
    })
}

/// A number rounded to `1 / k` (`k` = 1000 for a thousandth), or an empty cell.
fn round(v: Option<f64>, k: f64) -> Value {
    v.map(|x| Value::Number((x * k).round() / k))
        .unwrap_or(Value::Empty)
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// The tableau de synthèse: one line per fibre tested (FTTH-JOBS §9, its columns [U]:
/// no operator's template was seen), the wavelengths the job asks for each in its own
/// column, the verdict on the job's acceptance rules at every wavelength, the trace
/// files beside.
fn tableau(p: &Played, rows: &[(FibreRef, Vec<Option<Reading>>)], wavelengths: &[f64]) -> Table {
    let lang = p.lang;
    let t = |k: &str| tr(lang, k);
    let mut header = vec![
        t("dossier-col-cable"),
        t("dossier-col-fibre"),
        t("dossier-col-tube"),
        t("dossier-col-number"),
        t("dossier-col-colour"),
        t("dossier-col-from"),
        t("dossier-col-to"),
        t("dossier-col-length"),
    ];
    for wl in wavelengths {
        header.push(Msg::new("dossier-col-loss").num("wl", *wl, 0).render(lang));
    }
    header.extend([
        t("dossier-col-worst-splice"),
        t("dossier-col-worst-connector"),
        t("dossier-col-worst-reflectance"),
        t("dossier-col-result"),
        t("dossier-col-files"),
    ]);
    let labels = p
        .job
        .test_stage()
        .and_then(|t| t.fibres.first())
        .map(|f| f.otdr.setup.labels.clone())
        .unwrap_or_default();
    let code: ColourCode = p.job.setup.splice.prep.colour_code;
    let threshold = p
        .job
        .test_stage()
        .and_then(|t| t.fibres.first())
        .map(|f| Thresholds::from(f.otdr.setup.thresholds).splice_loss_db)
        .unwrap_or_default();
    let rows = rows
        .iter()
        .map(|(f, readings)| {
            let got: Vec<&Reading> = readings.iter().flatten().collect();
            let colour = code
                .colour(f.fibre)
                .map(|c| c.name().render(lang))
                .unwrap_or_default();
            let span = got.iter().rev().find_map(|r| r.span_m);
            let mut row = vec![
                text(labels.cable_id.clone()),
                text(fibre_label(f)),
                f.tube
                    .map(|t| Value::Number(t as f64))
                    .unwrap_or(Value::Empty),
                Value::Number(f.fibre as f64),
                text(colour),
                text(labels.location_a.clone()),
                text(labels.location_b.clone()),
                round(span, 10.0),
            ];
            for r in readings {
                row.push(round(r.as_ref().and_then(|r| r.link_loss_db), 100.0));
            }
            let fold =
                |pick: fn(&Reading) -> Option<f64>| got.iter().fold(None, |m, r| worst(m, pick(r)));
            let result = if got.len() < readings.len() {
                "dossier-not-measured"
            } else if got.iter().any(|r| r.failed) {
                "dossier-fail"
            } else {
                "dossier-pass"
            };
            // A splice under the instrument's threshold is no event of its table: the
            // tableau says so rather than leave the cell empty.
            let splice = match fold(|r| r.worst_splice_db) {
                Some(v) => round(Some(v), 1000.0),
                None if !got.is_empty() && !got.iter().any(|r| r.broken) => text(format!(
                    "< {}",
                    crate::records::export::format_number(threshold, Decimal::of(lang))
                )),
                None => Value::Empty,
            };
            row.extend([
                splice,
                round(fold(|r| r.worst_connector_db), 1000.0),
                round(fold(|r| r.worst_reflectance_db), 10.0),
                text(t(result)),
                text(
                    got.iter()
                        .map(|r| r.file.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            ]);
            row
        })
        .collect();
    Table { header, rows }
}

/// The plan as the job left it: for a box worked to its plan, each position as routed
/// ([`crate::exercise::boxwork::BoxWork::plan_as_left`]); for a work-order job, the
/// position the trainee named, where they went on and
/// spliced the drop onto its fibre, now a splice (EP, fusion, in good state) to the
/// drop's fibre, and the customer's route optique written out (the distribution fibre,
/// then the drop's). The drop's fibre code follows the PTO's reference [U: the operator
/// gives the drop cable's code; none is in the OT]. A job stopped on a mismatch, or not
/// taken past the box, leaves the plan as it was.
pub fn plan_as_left(job: &JobState) -> Option<Plan> {
    // A box worked to its plan leaves its positions as the trainee routed them.
    if let Some(w) = job.box_work() {
        return Some(w.plan_as_left());
    }
    let order = job.order_stage()?;
    let mut plan = order.plan.clone();
    let went_on = order.report.is_none() && job.splice_stage().is_some();
    let Some(code) = order.located.as_ref().filter(|_| went_on) else {
        return Some(plan);
    };
    let drop = plan_fibre_code(&order.order.route.pto, 1);
    let route = format!("RT-{}", order.order.route.suf);
    if let Some(p) = plan.positions.iter_mut().find(|p| p.ps_code == *code) {
        p.ps_2 = Some(drop.clone());
        p.ps_fonct = Function::EP;
        p.ps_type = Some(PositionKind::SFU);
        p.ps_etat = State::OK;
        let fibre = p.ps_1.clone();
        plan.routes.retain(|r| r.rt_code != route);
        plan.routes.push(RouteRow {
            rt_code: route.clone(),
            rt_fo_code: fibre,
            rt_fo_ordr: 1,
        });
        plan.routes.push(RouteRow {
            rt_code: route,
            rt_fo_code: drop,
            rt_fo_ordr: 2,
        });
    }
    Some(plan)
}

/// GraceTHD's `t_document` and `t_docobj` columns (v2.0.1, read in GraceTHD-MCD's
/// `db_shpcsv` headers).
pub const T_DOCUMENT: &str = "do_code;do_ref;do_reftier;do_type;do_indice;do_date;do_classe;do_url1;do_url2;do_comment;do_creadat;do_majdate;do_majsrc;do_abddate;do_abdsrc";
pub const T_DOCOBJ: &str =
    "od_id;od_do_code;od_tbltype;od_codeobj;od_creadat;od_majdate;od_majsrc;od_abddate;od_abdsrc";

/// A document of the list: its type (`l_doc_type`: MRF a trace, RFR a recette sheet, DLG
/// the GraceTHD deliverables), its file, and the objects it records (`l_doc_tab` table
/// code, the object's code).
struct Doc {
    kind: &'static str,
    file: String,
    objects: Vec<(&'static str, String)>,
}

fn documents(docs: &[Doc], attempt: i64, at_ms: i64) -> (String, String) {
    let day: String = crate::i18n::time::sheet(at_ms).chars().take(10).collect();
    let mut t_document = format!("{T_DOCUMENT}\n");
    let mut t_docobj = format!("{T_DOCOBJ}\n");
    let mut od = 0;
    for (k, d) in docs.iter().enumerate() {
        let code = format!("DO-{attempt}-{:03}", k + 1);
        // do_code;do_ref;do_reftier;do_type;do_indice;do_date;do_classe;do_url1;...
        t_document.push_str(&format!(
            "{code};{};;{};A;{day};;{};;;;;;;\n",
            d.file, d.kind, d.file
        ));
        for (table, object) in &d.objects {
            od += 1;
            t_docobj.push_str(&format!("{od};{code};{table};{object};;;;;\n"));
        }
    }
    (t_document, t_docobj)
}

/// A GraceTHD code's cell: the codes of a plan are held by validation to letters,
/// digits, `.`, `_` and `-`; a label from a scenario's OTDR set-up is not, and is made so.
fn code_cell(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The fibre's GraceTHD code where the job started at the box (the plan's fibre at that
/// tube and place); otherwise the cable's label and the fibre's place.
fn fibre_code(job: &JobState, cable: &str, f: &FibreRef) -> String {
    job.order_stage()
        .and_then(|o| o.located_fibre())
        .map(|fo| fo.fo_code)
        .unwrap_or_else(|| code_cell(&format!("{cable}-{}", fibre_label(f))))
}

/// The dossier of a played job. `Err` where the job has nothing to hand in yet: no test
/// stage reached and no plan.
pub fn job_dossier(p: &Played) -> Result<Vec<Delivered>, Msg> {
    let lang = p.lang;
    let mut out = Vec::new();
    let mut docs = Vec::new();
    if let Some(test) = p.job.test_stage() {
        let setup = test.fibres.first().map(|f| &f.otdr.setup);
        let wavelengths: Vec<f64> = setup.map(|s| s.wavelengths.clone()).unwrap_or_default();
        let cable = setup.map(|s| s.labels.cable_id.clone()).unwrap_or_default();
        let mut rows = Vec::new();
        for tf in &test.fibres {
            let readings: Vec<Option<Reading>> = wavelengths
                .iter()
                .map(|wl| reading(p, tf, &cable, *wl))
                .collect();
            let code = fibre_code(p.job, &cable, &tf.pair[0]);
            for r in readings.iter().flatten() {
                out.push(Delivered {
                    name: format!("sor/{}", r.file),
                    bytes: r.bytes.clone(),
                });
                docs.push(Doc {
                    kind: "MRF",
                    file: format!("sor/{}", r.file),
                    objects: vec![("FO", code.clone())],
                });
            }
            // The fibre's PV d'autocontrôle: the trainee's own report, the conditions of
            // every acquisition, the trace files handed in.
            let names: Vec<Option<String>> = tf
                .otdr
                .acquisitions
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let last = tf.otdr.acquisitions.iter().rposition(|b| {
                        b.config.wavelength_nm == a.config.wavelength_nm
                            && b.config.direction == Direction::AtoB
                    });
                    (a.config.direction == Direction::AtoB && last == Some(i))
                        .then(|| sor_name(&cable, &tf.pair[0], a.config.wavelength_nm))
                })
                .collect();
            let pv = format!("pv/PV_{}.html", fibre_label(&tf.pair[0]));
            // The PV names the fibre it is for, as its traces do.
            let mut bench = tf.otdr.clone();
            bench.setup.labels.fibre_id = fibre_label(&tf.pair[0]);
            out.push(Delivered {
                name: pv.clone(),
                bytes: super::otdr::recette_html(
                    lang, p.scenario, &tf.otdr, p.attempt, &names, p.at_ms,
                )
                .into_bytes(),
            });
            docs.push(Doc {
                kind: "RFR",
                file: pv,
                objects: vec![("FO", code)],
            });
            rows.push((tf.pair[0], readings));
        }
        let table = tableau(p, &rows, &wavelengths);
        let name = tr(lang, "dossier-tableau-file");
        out.push(Delivered {
            name: name.clone(),
            bytes: to_csv(&table, Decimal::of(lang)),
        });
        docs.push(Doc {
            kind: "RFR",
            file: name,
            objects: Vec::new(),
        });
    }
    if let Some(plan) = plan_as_left(p.job) {
        let box_code = plan.boxed.bp_code.clone();
        for (name, body) in [
            ("doe/t_cassette.csv", gracethd::t_cassette(&plan)),
            ("doe/t_position.csv", gracethd::t_position(&plan)),
            ("doe/t_ropt.csv", gracethd::t_ropt(&plan)),
        ] {
            out.push(Delivered {
                name: name.into(),
                bytes: body.into_bytes(),
            });
            docs.push(Doc {
                kind: "DLG",
                file: name.into(),
                objects: vec![("BP", box_code.clone())],
            });
        }
    }
    if out.is_empty() {
        return Err(Msg::new("dossier-nothing"));
    }
    let (t_document, t_docobj) = documents(&docs, p.attempt, p.at_ms);
    out.push(Delivered {
        name: "doe/t_document.csv".into(),
        bytes: t_document.into_bytes(),
    });
    out.push(Delivered {
        name: "doe/t_docobj.csv".into(),
        bytes: t_docobj.into_bytes(),
    });
    Ok(out)
}

/// Writes the dossier into `dir` (its `sor`, `pv` and `doe` folders made), each file
/// beside its final name first, so that a failure never leaves half a file where a good
/// one was. Returns the paths written.
pub fn write(dir: &Path, files: &[Delivered]) -> Result<Vec<std::path::PathBuf>, Msg> {
    let cannot = |file: &Path, e: std::io::Error| {
        Msg::new("cli-cannot-write")
            .text("file", file.display().to_string())
            .msg("error", crate::i18n::io_error(&e))
    };
    let mut written = Vec::new();
    for f in files {
        let path = dir.join(&f.name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| cannot(parent, e))?;
        }
        super::otdr::write_atomic(&path, &f.bytes).map_err(|e| cannot(&path, e))?;
        written.push(path);
    }
    Ok(written)
}
