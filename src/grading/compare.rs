//! What the debrief sets side by side: the true values beside what the trainee reported
//! or made. OTDR: the true event table beside the report, each line marked with what
//! differs; splicing: each splice's true loss beside the splicer's estimate;
//! preparation: the lengths asked and made. Pure data; the screens draw it.

use serde::Serialize;

use super::otdr::{
    loss_outside, loss_tolerance, matching, reflectance_outside, splitter_shown_why, verdict_right,
};
use super::splice::ACCEPTANCE_WL_NM;
use crate::exercise::otdr::{OtdrState, ReportRow, TrueEvent};

use crate::exercise::prep::{FibreRef, PrepState};
use crate::exercise::splice::SpliceState;
use crate::i18n::Msg;
use crate::scenario::otdr::EventType;

/// How a line of the OTDR comparison differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Difference {
    /// Reported as it is.
    Same,
    /// A true event that had to be reported and is not.
    Missed,
    /// A true event too small to be required, and not reported.
    NotRequired,
    /// A reported line with no true event near it (a ghost, noise, a wrong distance).
    Invented,
    /// Reported under another event type.
    WrongType,
    /// Its loss or reflectance outside the tolerance.
    WrongValue,
    /// Its verdict is not the rule's.
    WrongVerdict,
    /// Its loss read as the one-way trace shows it where the fibre changes (a different
    /// backscatter each side): a right reading of one direction, not the event's loss,
    /// which is the average of both directions (see [`EventLine::one_way_note`]).
    OneWay,
}

impl Difference {
    pub fn key(self) -> &'static str {
        match self {
            Difference::Same => "cmp-same",
            Difference::Missed => "cmp-missed",
            Difference::NotRequired => "cmp-not-required",
            Difference::Invented => "cmp-invented",
            Difference::WrongType => "cmp-wrong-type",
            Difference::WrongValue => "cmp-wrong-value",
            Difference::WrongVerdict => "cmp-wrong-verdict",
            Difference::OneWay => "cmp-one-way",
        }
    }

    /// A difference the trainee must mend (a one-way reading is a right reading of the
    /// trace, told apart but not a fault).
    pub fn is_fault(self) -> bool {
        !matches!(
            self,
            Difference::Same | Difference::NotRequired | Difference::OneWay
        )
    }
}

/// One line: a true event and the report line matched to it, either side possibly
/// absent; in order of distance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventLine {
    pub truth: Option<TrueEvent>,
    pub reported: Option<ReportRow>,
    pub difference: Difference,
}

/// The true table beside the report (the matching the grade uses).
pub fn otdr_lines(st: &OtdrState) -> Vec<EventLine> {
    let tol = st.setup.tolerances;
    let m = matching(st, tol.distance_m);
    let mut out: Vec<EventLine> = Vec::new();
    for (j, t) in st.link.truth.iter().enumerate() {
        let row = m.pairs.iter().find(|p| p.1 == j).map(|p| &st.rows[p.0]);
        let difference = match row {
            None if m.missed.contains(&j) => Difference::Missed,
            None => Difference::NotRequired,
            Some(r) if r.kind != t.kind => Difference::WrongType,
            Some(r) if value_off(st, t, r) => Difference::WrongValue,
            Some(r) if verdict_off(t, r) => Difference::WrongVerdict,
            Some(r) if read_one_way(st, t, r) => Difference::OneWay,
            Some(_) => Difference::Same,
        };
        out.push(EventLine {
            truth: Some(t.clone()),
            reported: row.cloned(),
            difference,
        });
    }
    for &i in &m.invented {
        out.push(EventLine {
            truth: None,
            reported: Some(st.rows[i].clone()),
            difference: Difference::Invented,
        });
    }
    out.sort_by(|a, b| a.distance_m().total_cmp(&b.distance_m()));
    out
}

impl EventLine {
    /// For a loss read one way across a change of fibre: what the reading is, and why it
    /// is not the event's loss, with both numbers.
    pub fn one_way_note(&self) -> Option<Msg> {
        if self.difference != Difference::OneWay {
            return None;
        }
        let (t, r) = (self.truth.as_ref()?, self.reported.as_ref()?);
        Some(one_way_why(t, r.loss_db?))
    }

    pub fn distance_m(&self) -> f64 {
        self.truth
            .as_ref()
            .map(|t| t.distance_m)
            .or(self.reported.as_ref().map(|r| r.distance_m))
            .unwrap_or(0.0)
    }
}

/// A loss or reflectance outside the tolerance the grade holds it to (the end and a
/// break have no loss to read).
fn value_off(st: &OtdrState, t: &TrueEvent, r: &ReportRow) -> bool {
    if matches!(t.kind, EventType::End | EventType::Break) {
        return false;
    }
    let loss_off = r.loss_db.is_none_or(|l| loss_outside(&st.setup, t, l));
    let refl_off = t.kind.is_reflective()
        && t.reflectance_db.is_some()
        && r.reflectance_db
            .is_none_or(|rr| reflectance_outside(&st.setup, t, rr));
    loss_off || refl_off
}

/// A loss the grade accepts only as the one-way trace shows it: within the tolerance of
/// the one-way reading, outside that of the true loss.
fn read_one_way(st: &OtdrState, t: &TrueEvent, r: &ReportRow) -> bool {
    let tol = loss_tolerance(&st.setup, t);
    t.apparent_db.is_some() && r.loss_db.is_some_and(|l| (l - t.loss_db).abs() > tol)
}

/// Why a loss read one way where the fibre changes is not the event's loss: the fibres
/// each side backscatter differently (mode field, backscatter coefficient), so one
/// direction reads high and the other low, even a gain; the true loss is the average of
/// the two directions (REFERENCE A.7). A splitter seen from its input steps only about
/// 5·log10(N) plus its excess: its insertion loss is read from an output or with a
/// power meter.
pub fn one_way_why(t: &TrueEvent, given_db: f64) -> Msg {
    if t.kind == EventType::Splitter {
        // A splitter's step depends on the side it is seen from, not on the fibre.
        return splitter_shown_why(t, given_db);
    }
    Msg::new("cmp-one-way-why")
        .msg("kind", t.kind.name())
        .num("d", t.distance_m, 1)
        .num("given", given_db, 2)
        .num("true", t.loss_db, 2)
        .num("other", 2.0 * t.loss_db - given_db, 2)
}

fn verdict_off(t: &TrueEvent, r: &ReportRow) -> bool {
    t.pass
        .is_some_and(|pass| !verdict_right(t, pass, r.verdict))
}

/// One splice as it stands: the splicer's estimate beside the true loss.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpliceLine {
    pub fibre: FibreRef,
    /// `None`: no splice stands for this pair.
    pub estimate_db: Option<f64>,
    pub true_loss_db: Option<f64>,
    pub max_loss_db: f64,
    /// A mechanical element (no estimate on the spot).
    pub mechanical: bool,
}

/// Each pair's standing splice, at the acceptance wavelength.
pub fn splice_lines(st: &SpliceState) -> Vec<SpliceLine> {
    st.pairs()
        .into_iter()
        .map(|p| {
            let r = st.final_record(p).filter(|r| r.standing());
            SpliceLine {
                fibre: p[0],
                estimate_db: r.and_then(|r| r.fusion().map(|f| f.estimate_db)),
                true_loss_db: r.map(|r| r.joint.true_loss_db(ACCEPTANCE_WL_NM)),
                max_loss_db: st.setup.acceptance.max_loss_db,
                mechanical: r.is_some_and(|r| r.fusion().is_none()),
            }
        })
        .collect()
}

/// One length of the preparation: asked, made (`None`: not made), and its tolerance
/// where the rubric gives one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LengthLine {
    /// The message key of what is measured ("what-sheath", "what-coating"…).
    pub what: &'static str,
    /// The fibre, for a length made on each fibre.
    pub fibre: Option<FibreRef>,
    pub asked_mm: f64,
    pub made_mm: Option<f64>,
}

/// The lengths asked and made: the sheath and the strength members once, the coating
/// strip and the cleave on each task fibre.
pub fn length_lines(st: &PrepState) -> Vec<LengthLine> {
    let t = &st.setup.targets;
    let mut out = vec![
        LengthLine {
            what: "what-sheath",
            fibre: None,
            asked_mm: t.sheath_strip_mm,
            made_mm: st.sheath_strip_mm,
        },
        LengthLine {
            what: "what-strength",
            fibre: None,
            asked_mm: t.strength_member_keep_mm,
            made_mm: st.strength.as_ref().map(|s| s.keep_mm),
        },
    ];
    for id in &st.drawn.tasks {
        let f = st.fibre(*id);
        out.push(LengthLine {
            what: "what-coating",
            fibre: Some(*id),
            asked_mm: t.coating_strip_mm,
            made_mm: f.and_then(|f| f.coating_strip_mm),
        });
        out.push(LengthLine {
            what: "what-cleave",
            fibre: Some(*id),
            asked_mm: t.cleave_length_mm,
            made_mm: f.and_then(|f| f.cleave.as_ref().map(|c| c.length_mm)),
        });
    }
    out
}
