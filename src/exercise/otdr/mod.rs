//! OTDR exercise: the bench (the link with its end connectors, launch and receive cables),
//! acquisitions with the instrument's automatic analysis, and the trainee's acceptance
//! report ("recette").
//!
//! Distances in the report are from connector A, as a correctly set instrument shows them
//! once the launch cable is subtracted. The true link is drawn from the seed and never
//! shown; the analysis works from the trace alone.

mod link;
mod saved;

pub use link::{DrawnLink, JobWork, TrueEvent};
pub use saved::{SavedTrace, load_saved};
use saved::{from_origin, saved_truth};

use serde::{Deserialize, Serialize};

use serde_json::{Value, json};

use super::{Action, Bench, OtdrAction, Outcome, Progress, Refusal, Summary, Turn};
use crate::i18n::Msg;
use crate::limits;
use crate::math;
use crate::physics::analysis::{Analysis, EventKind, Thresholds, analyse};
use crate::physics::fibre::FibreType;
use crate::physics::otdr::{
    Acquisition, PULSE_LADDER_NS, RANGE_LADDER_M, RANGE_MAX_M, Settings, Trace, saturation_db,
};
use crate::rng::{SimRng, stream_for_action};
use crate::scenario::otdr::{EventType, TraceSource};
use crate::scenario::{Attachments, Mode, OtdrSetup};

/// Which end the instrument is plugged into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// From end A towards B.
    #[default]
    AtoB,
    BtoA,
}

impl Direction {
    pub fn name(self) -> Msg {
        Msg::new(match self {
            Direction::AtoB => "dir-a-b",
            Direction::BtoA => "dir-b-a",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Pass,
    Fail,
}

impl Verdict {
    pub fn of(pass: bool) -> Verdict {
        if pass { Verdict::Pass } else { Verdict::Fail }
    }
    pub fn name(self) -> Msg {
        Msg::new(match self {
            Verdict::Pass => "verdict-pass",
            Verdict::Fail => "verdict-fail",
        })
    }
}

/// The instrument's set-up for one acquisition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub wavelength_nm: f64,
    pub pulse_ns: f64,
    pub range_m: f64,
    pub averaging_s: f64,
    /// Group index setting (IOR).
    pub ior: f64,
    /// Backscatter coefficient setting, dB at 1 ns. Left out: the instrument's default
    /// for the wavelength.
    #[serde(default)]
    pub backscatter_db: Option<f64>,
    #[serde(default)]
    pub direction: Direction,
    /// Launch cable connected between the instrument and the link (and subtracted).
    #[serde(default)]
    pub launch_cable: bool,
    /// Receive cable connected after the far end.
    #[serde(default)]
    pub receive_cable: bool,
}

impl Config {
    pub fn settings(&self) -> Settings {
        Settings {
            wavelength_nm: self.wavelength_nm,
            pulse_ns: self.pulse_ns,
            range_m: self.range_m,
            averaging_s: self.averaging_s,
            ior: self.ior,
            backscatter_db: self
                .backscatter_db
                .unwrap_or_else(|| default_backscatter_db(self.wavelength_nm)),
        }
    }
}

/// The instrument's default backscatter coefficient: standard single-mode fibre's
/// (multimode at 850/1300 nm).
pub fn default_backscatter_db(wavelength_nm: f64) -> f64 {
    default_fibre(wavelength_nm)
        .optics(wavelength_nm)
        .backscatter_db
}

/// The fibre an instrument's defaults are for: multimode at 850 and 1300 nm, standard
/// single-mode otherwise.
fn default_fibre(wavelength_nm: f64) -> FibreType {
    if wavelength_nm < 1000.0 || (wavelength_nm - 1300.0).abs() < 1.0 {
        FibreType::OM3
    } else {
        FibreType::G652D
    }
}

/// The instrument's default group index (IOR) at a wavelength: standard single-mode
/// fibre's at that wavelength (REFERENCE A.2: 1.4677 at 1310 nm, 1.4682 at 1550 nm,
/// 1.4685 at 1625 nm; multimode 1.481 at 850 nm, 1.476 at 1300 nm), as an instrument
/// proposes it per wavelength. The trainee types the cable maker's figure over it.
pub fn default_ior(wavelength_nm: f64) -> f64 {
    default_fibre(wavelength_nm)
        .optics(wavelength_nm)
        .group_index
}

/// Event dead zone of a pulse, m: the pulse's length in the fibre plus the receiver's
/// rise (REFERENCE.md A.4: about 1 m per 10 ns plus 0.3–0.8 m).
pub fn event_dead_zone_m(pulse_ns: f64, ior: f64) -> f64 {
    crate::physics::otdr::C_M_PER_S * pulse_ns * 1e-9 / (2.0 * ior) + 0.5
}

/// The far end must stand this far above the noise (one-way dB) for the end and the
/// last connector to be measured.
pub const MIN_END_SNR_DB: f64 = 10.0;

/// One acquisition: its set-up and the instrument's automatic analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AcqRecord {
    pub at_ms: u64,
    /// The log index of the action that took it (its random stream); `None` for a saved
    /// trace.
    pub action_index: Option<usize>,
    pub config: Config,
    /// Display distance of the origin (end of the launch cable), m.
    pub origin_m: f64,
    /// Automatic analysis, distances from the origin.
    pub analysis: Analysis,
    /// Level of the backscatter just before the far end above the noise, one-way dB.
    pub end_snr_db: f64,
}

/// A line of the instrument's event table: the report line it proposes, and what it
/// shows beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct InstrumentLine {
    pub row: ReportRow,
    /// Attenuation of the section before the event, dB/km.
    pub section_db_per_km: Option<f64>,
    /// Loss from the start of the trace up to the event included, dB.
    pub cumulative_db: f64,
    /// The line is a group of events closer than the dead zone, to this distance, m:
    /// its loss is the group's.
    pub group_to_m: Option<f64>,
    /// The reflection clipped the receiver: its reflectance is a lower bound (shown
    /// "> x", as instruments do).
    pub saturated: bool,
}

/// Auto set-up: the range holds this many times the length of everything connected.
const AUTO_RANGE_MARGIN: f64 = 1.2;
/// Auto set-up: the shortest pulse it tries, ns.
const AUTO_MIN_PULSE_NS: f64 = 10.0;
/// Auto set-up: how far above [`MIN_END_SNR_DB`] the far end must stand, dB.
const AUTO_SNR_MARGIN_DB: f64 = 3.0;

/// A line of the trainee's acceptance report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub distance_m: f64,
    pub kind: EventType,
    pub loss_db: Option<f64>,
    pub reflectance_db: Option<f64>,
    pub verdict: Option<Verdict>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkReport {
    pub length_m: f64,
    pub total_loss_db: f64,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OtdrState {
    /// The set-up the bench was drawn from.
    pub setup: OtdrSetup,
    pub link: DrawnLink,
    /// A real trace under analysis (no acquisition then).
    pub saved: Option<SavedTrace>,
    pub acquisitions: Vec<AcqRecord>,
    pub rows: Vec<ReportRow>,
    pub link_report: Option<LinkReport>,
    pub progress: Progress,
    /// Why the saved trace could not be read.
    pub unavailable: Option<Msg>,
}

impl Bench for OtdrState {
    type Setup = OtdrSetup;

    /// Draws the bench. A saved trace that cannot be read (the loader refuses such a
    /// scenario first) leaves the exercise without a trace and says why.
    fn generate(setup: &OtdrSetup, files: &Attachments, rng: &mut SimRng) -> OtdrState {
        let mut unavailable = None;
        let (link, saved) = match &setup.source {
            // A job's line outside a job is refused by validation; alone, its way in.
            TraceSource::Link(spec) | TraceSource::JobLine(spec) => (
                DrawnLink::generate(spec, setup, &JobWork::default(), rng),
                None,
            ),
            TraceSource::SorFile(spec) => match load_saved(spec, files) {
                Ok(s) => (saved_truth(spec, setup), Some(s)),
                Err(m) => {
                    unavailable = Some(m);
                    (saved_truth(spec, setup), None)
                }
            },
        };
        let mut st = OtdrState::on_link(setup, link);
        st.unavailable = unavailable;
        if let Some(s) = saved {
            let trace = s.trace();
            let th: Thresholds = setup.thresholds.into();
            let analysis = from_origin(analyse(&trace, &th), s.origin_m, s.dx_m);
            st.acquisitions.push(AcqRecord {
                at_ms: 0,
                action_index: None,
                config: s.config.clone(),
                origin_m: s.origin_m,
                analysis,
                end_snr_db: f64::INFINITY,
            });
            st.saved = Some(s);
        }
        st
    }

    fn apply(&mut self, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Some(a) = action.otdr() else {
            return Err(Refusal::wrong_module());
        };
        self.step(a, t)
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        Ok(self.next_measurement())
    }

    fn task_lines(&self) -> Vec<Msg> {
        let setup = &self.setup;
        let wl: Vec<String> = setup.wavelengths.iter().map(|w| format!("{w}")).collect();
        let key = if setup.bidirectional && self.saved.is_none() {
            "task-otdr-measure-bidir"
        } else {
            "task-otdr-measure"
        };
        let mut out = vec![Msg::new(key).text("wl", wl.join(" / "))];
        if self.link.launch_m > 0.0 {
            out.push(
                Msg::new("task-otdr-cables")
                    .num("launch", self.link.launch_m, 0)
                    .num("receive", self.link.receive_m, 0),
            );
        }
        if self.saved.is_some() {
            out.push(Msg::new("task-otdr-saved"));
        }
        out.push(Msg::new("task-otdr-report").num("wl", setup.report_wavelength(), 0));
        out
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        Summary {
            drawn: serde_json::to_value(&self.link).unwrap_or(Value::Null),
            key: "otdr",
            result: self.work_json(),
        }
    }
}

impl OtdrState {
    /// The acquisitions, the report lines and the link result, as data.
    pub fn work_json(&self) -> Value {
        json!({
            "acquisitions": serde_json::to_value(&self.acquisitions).unwrap_or(Value::Null),
            "report": serde_json::to_value(&self.rows).unwrap_or(Value::Null),
            "link": serde_json::to_value(&self.link_report).unwrap_or(Value::Null),
        })
    }

    /// A bench on a link already drawn (a job's test stage).
    pub fn on_link(setup: &OtdrSetup, link: DrawnLink) -> OtdrState {
        OtdrState {
            setup: setup.clone(),
            link,
            saved: None,
            acquisitions: Vec::new(),
            rows: Vec::new(),
            link_report: None,
            progress: Progress::default(),
            unavailable: None,
        }
    }

    /// The acquisition `i` again, with its noise, for live averaging on screen.
    pub fn acquisition(&self, seed: u64, i: usize) -> Option<Acquisition> {
        let r = self.acquisitions.get(i)?;
        let index = r.action_index?;
        let (link, _) = self.link.assemble(&r.config);
        let mut rng = SimRng::new(seed, stream_for_action(index));
        Some(Acquisition::new(&link, &r.config.settings(), &mut rng))
    }

    /// The finished trace of acquisition `i`.
    pub fn trace(&self, seed: u64, i: usize) -> Option<Trace> {
        if let Some(s) = &self.saved {
            return (i == 0).then(|| s.trace());
        }
        let a = self.acquisition(seed, i)?;
        Some(a.trace_at(a.settings.averaging_s))
    }

    /// Display distances of the far end of the link and of the end of everything
    /// connected, for a set-up.
    pub fn link_far_ends(&self, c: &Config) -> (f64, f64) {
        self.link.far_ends_display(c)
    }

    /// The link's span as the instrument measures it on one acquisition, from the trace
    /// alone and the receive cable's nominal length (entered on a real instrument): the
    /// end of the fibre, less the receive cable when one was connected. A B→A trace is
    /// mirrored onto the A→B distances with it, as bidirectional software does.
    pub fn measured_span_m(&self, r: &AcqRecord) -> Option<f64> {
        let end = r.analysis.end_m?;
        let cable = if r.config.receive_cable && self.link.receive_m > 0.0 {
            self.link.receive_m * FibreType::G652D.optics(r.config.wavelength_nm).group_index
                / r.config.ior
        } else {
            0.0
        };
        Some(end - cable).filter(|s| *s > 0.0)
    }

    /// The instrument the bench has: single-mode wavelengths or multimode ones.
    pub fn wavelengths_offered(&self) -> &'static [f64] {
        crate::physics::otdr::wavelengths_offered(self.link.single_mode)
    }

    /// The last acquisition at a wavelength in a direction.
    pub fn last(&self, wavelength_nm: f64, dir: Direction) -> Option<&AcqRecord> {
        self.acquisitions
            .iter()
            .rev()
            .find(|a| a.config.wavelength_nm == wavelength_nm && a.config.direction == dir)
    }

    fn step(&mut self, action: &OtdrAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let (mode, index, at_ms) = (t.mode, t.index, t.at_ms);
        let rng = &mut *t.rng;
        let refuse = |m: Msg| Err(Refusal::new(m));
        let mut out = Outcome::default();
        match action {
            OtdrAction::Acquire(c) => {
                if let Some(m) = &self.unavailable {
                    return refuse(m.clone());
                }
                if self.saved.is_some() {
                    return refuse(Msg::new("refuse-otdr-saved"));
                }
                self.check_config(c)?;
                let (link, origin) = self.link.assemble(c);
                let settings = c.settings();
                let acq = Acquisition::new(&link, &settings, rng);
                let trace = acq.trace_at(settings.averaging_s);
                let th: Thresholds = self.setup.thresholds.into();
                let analysis = from_origin(analyse(&trace, &th), origin, trace.dx_m);
                let (far, _) = self.link.far_ends_display(c);
                let before = (far - event_dead_zone_m(c.pulse_ns, c.ior) - 2.0).max(0.0);
                let end_snr_db = acq.snr_db_at(before);
                out.msgs.push(
                    Msg::new("out-otdr-acquired")
                        .num("wl", c.wavelength_nm, 0)
                        .num("pulse", c.pulse_ns, 0)
                        .num("s", c.averaging_s, 0),
                );
                if mode == Mode::Practice {
                    out.msgs
                        .push(Msg::new("out-otdr-events").int("n", analysis.events.len() as u32));
                }
                self.acquisitions.push(AcqRecord {
                    at_ms,
                    action_index: Some(index),
                    config: c.clone(),
                    origin_m: origin,
                    analysis,
                    end_snr_db,
                });
            }
            OtdrAction::ReportEvent {
                distance_m,
                kind,
                loss_db,
                reflectance_db,
                verdict,
            } => {
                let d = *distance_m;
                if !limits::REPORT_DISTANCE_M.contains(d) {
                    return refuse(Msg::new("refuse-otdr-distance"));
                }
                if loss_db.is_some_and(|l| !limits::REPORT_LOSS_DB.contains(l)) {
                    return refuse(Msg::new("refuse-otdr-loss"));
                }
                if reflectance_db.is_some_and(|r| !limits::REPORT_REFLECTANCE_DB.contains(r)) {
                    return refuse(Msg::new("refuse-otdr-reflectance"));
                }
                let row = ReportRow {
                    distance_m: d,
                    kind: *kind,
                    loss_db: *loss_db,
                    reflectance_db: *reflectance_db,
                    verdict: *verdict,
                };
                let at = self.rows.partition_point(|r| r.distance_m <= d);
                self.rows.insert(at, row);
                out.msgs.push(
                    Msg::new("out-otdr-row")
                        .int("n", at as u32 + 1)
                        .msg("kind", kind.name())
                        .num("d", d, 1),
                );
            }
            OtdrAction::RemoveReportEvent { number } => {
                let n = *number as usize;
                if n == 0 || n > self.rows.len() {
                    return refuse(Msg::new("refuse-otdr-no-row").int("n", *number));
                }
                self.rows.remove(n - 1);
                out.msgs
                    .push(Msg::new("out-otdr-row-removed").int("n", *number));
            }
            OtdrAction::TakeTable { trace } => {
                let n = *trace as usize;
                let Some(r) = n.checked_sub(1).and_then(|i| self.acquisitions.get(i)) else {
                    return refuse(Msg::new("refuse-otdr-no-trace").int("n", *trace));
                };
                self.rows = self.instrument_table(r);
                out.msgs.push(
                    Msg::new("out-otdr-table")
                        .int("n", *trace)
                        .int("rows", self.rows.len() as u32),
                );
            }
            OtdrAction::SetVerdict { number, verdict } => {
                let n = *number as usize;
                let Some(row) = n.checked_sub(1).and_then(|i| self.rows.get_mut(i)) else {
                    return refuse(Msg::new("refuse-otdr-no-row").int("n", *number));
                };
                if row.kind == EventType::End {
                    return refuse(Msg::new("refuse-otdr-end-verdict"));
                }
                row.verdict = Some(*verdict);
                out.msgs.push(
                    Msg::new("out-otdr-verdict")
                        .int("n", *number)
                        .msg("verdict", verdict.name()),
                );
            }
            OtdrAction::ReportLink {
                length_m,
                total_loss_db,
                verdict,
            } => {
                if !limits::REPORT_LINK_LENGTH_M.contains(*length_m) {
                    return refuse(Msg::new("refuse-otdr-distance"));
                }
                if !limits::REPORT_TOTAL_LOSS_DB.contains(*total_loss_db) {
                    return refuse(Msg::new("refuse-otdr-loss"));
                }
                self.link_report = Some(LinkReport {
                    length_m: *length_m,
                    total_loss_db: *total_loss_db,
                    verdict: *verdict,
                });
                out.msgs.push(Msg::new("out-otdr-link"));
            }
        }
        Ok(out)
    }

    fn check_config(&self, c: &Config) -> Result<(), Refusal> {
        let bad = |key: &str| Err(Refusal::new(Msg::new(key)));
        if !self.wavelengths_offered().contains(&c.wavelength_nm) {
            let list: Vec<String> = self
                .wavelengths_offered()
                .iter()
                .map(|w| format!("{w}"))
                .collect();
            return Err(Refusal::new(
                Msg::new("refuse-otdr-wavelength")
                    .num("wl", c.wavelength_nm, 0)
                    .text("list", list.join(", ")),
            ));
        }
        if !PULSE_LADDER_NS.contains(&c.pulse_ns) {
            return bad("refuse-otdr-pulse");
        }
        if !limits::OTDR_RANGE_M.contains(c.range_m) {
            return bad("refuse-otdr-range");
        }
        if !limits::AVERAGING_S.contains(c.averaging_s) {
            return bad("refuse-otdr-averaging");
        }
        if !limits::IOR.contains(c.ior) {
            return bad("refuse-otdr-ior");
        }
        if c.backscatter_db
            .is_some_and(|k| !limits::BACKSCATTER_DB.contains(k))
        {
            return bad("refuse-otdr-backscatter");
        }
        Ok(())
    }

    /// The instrument's event table of one acquisition as report lines, distances from
    /// connector A (a B→A trace mirrored on its measured span), in distance order, with
    /// the verdicts of its pass/fail thresholds (the scenario's acceptance rules applied
    /// to its own readings). It names types as an instrument does: it cannot tell a
    /// ghost from a connector, nor a splitter from a bad splice. A line whose loss it
    /// could not read gets no verdict: the technician decides.
    pub fn instrument_table(&self, r: &AcqRecord) -> Vec<ReportRow> {
        self.instrument_lines(r)
            .into_iter()
            .map(|l| l.row)
            .collect()
    }

    /// [`Self::instrument_table`] with what the instrument shows beside each line.
    pub fn instrument_lines(&self, r: &AcqRecord) -> Vec<InstrumentLine> {
        let span_m = self.measured_span_m(r);
        // With a receive cable, the link ends at connector B: what lies beyond is the
        // cable's, which the instrument leaves out once it knows the cable's length.
        let receive = r.config.receive_cable && self.link.receive_m > 0.0;
        let margin = event_dead_zone_m(r.config.pulse_ns, r.config.ior) + 2.0;
        let events: Vec<_> = r
            .analysis
            .events
            .iter()
            .filter(|e| !receive || span_m.is_none_or(|s| e.distance_m <= s + margin))
            .collect();
        let n = events.len();
        let span = match r.config.direction {
            Direction::AtoB => None,
            Direction::BtoA => span_m,
        };
        let a = &self.setup.acceptance;
        let tol = &self.setup.tolerances;
        let mut lines: Vec<InstrumentLine> = events
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let kind = default_type(e.kind, k + 1 == n && !receive);
                let d = span.map_or(e.distance_m, |s| s - e.distance_m);
                let reflectance_db = e.reflectance_db.map(|x| round_to(x, 10.0));
                let loss_db = e.loss_db.map(|x| round_to(x, 1000.0));
                let verdict = match (kind, loss_db) {
                    (EventType::End, _) | (_, None) => None,
                    (_, Some(l)) => a.judge(kind, l, reflectance_db, tol).0.map(Verdict::of),
                };
                InstrumentLine {
                    row: ReportRow {
                        distance_m: round_to(d, 10.0),
                        kind,
                        loss_db,
                        reflectance_db,
                        verdict,
                    },
                    section_db_per_km: e.section_db_per_km,
                    cumulative_db: e.cumulative_loss_db,
                    group_to_m: e
                        .group_end_m
                        .map(|g| round_to(span.map_or(g, |s| s - g), 10.0)),
                    saturated: e.saturated,
                }
            })
            .collect();
        lines.sort_by(|p, q| p.row.distance_m.total_cmp(&q.row.distance_m));
        lines
    }

    /// The instrument's Auto set-up, as a quick first shot finds the end of everything
    /// connected: the shortest range that holds it with a margin, and the shortest pulse
    /// (from 10 ns) that brings the far end of the link well out of the noise in the
    /// averaging time asked. It chooses for the far end only: close events may still
    /// need a shorter pulse, which is the technician's call.
    pub fn auto_config(&self, base: &Config) -> Config {
        let mut c = base.clone();
        let (_, end) = self.link.far_ends_display(&c);
        c.range_m = RANGE_LADDER_M
            .iter()
            .copied()
            .find(|r| *r >= AUTO_RANGE_MARGIN * end)
            .unwrap_or(RANGE_MAX_M);
        let (link, _) = self.link.assemble(&c);
        // The pre-shot's own noise does not matter: only the noiseless level is read.
        let mut rng = SimRng::new(0, 0);
        for p in PULSE_LADDER_NS
            .iter()
            .copied()
            .filter(|p| *p >= AUTO_MIN_PULSE_NS)
        {
            c.pulse_ns = p;
            let acq = Acquisition::new(&link, &c.settings(), &mut rng);
            let (far, _) = self.link.far_ends_display(&c);
            let before = (far - event_dead_zone_m(p, c.ior) - 2.0).max(0.0);
            if acq.snr_db_at(before) >= MIN_END_SNR_DB + AUTO_SNR_MARGIN_DB {
                break;
            }
        }
        c
    }

    /// The next sensible step, in plain words (practice mode).
    pub fn next_measurement(&self) -> Msg {
        let setup = &self.setup;
        if self.acquisitions.is_empty() {
            let total = self.link.launch_m + self.link.length_m + self.link.receive_m;
            return Msg::new("hint-otdr-first").num("km", total / 1000.0, 1);
        }
        for wl in &setup.wavelengths {
            for dir in self.directions() {
                if self.last(*wl, dir).is_none() {
                    return Msg::new("hint-otdr-missing")
                        .num("wl", *wl, 0)
                        .msg("dir", dir.name());
                }
            }
        }
        if self.rows.is_empty() {
            return Msg::new("hint-otdr-rows");
        }
        if self.link_report.is_none() {
            return Msg::new("hint-otdr-link");
        }
        Msg::new("hint-otdr-finish")
    }

    pub fn directions(&self) -> Vec<Direction> {
        if self.setup.bidirectional && self.saved.is_none() {
            vec![Direction::AtoB, Direction::BtoA]
        } else {
            vec![Direction::AtoB]
        }
    }
}

/// `x` to the nearest multiple of `1 / per_unit` (10.0: a tenth).
fn round_to(x: f64, per_unit: f64) -> f64 {
    (x * per_unit).round() / per_unit
}

/// The kinds of event the analysis gives, as a report names them by default.
pub fn default_type(kind: EventKind, is_last: bool) -> EventType {
    match kind {
        EventKind::End => EventType::End,
        _ if is_last => EventType::End,
        EventKind::Reflective | EventKind::Saturated => EventType::Connector,
        EventKind::NonReflective => EventType::Splice,
    }
}
