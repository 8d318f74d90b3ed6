//! The splicing exercise (fusion and mechanical): the random draws of a splice and the
//! fusion splicer with its oven, as a pure state machine.

mod splicer;

pub use splicer::Splicer;

use serde::{Deserialize, Serialize};

use super::prep::{FibreRef, PrepState, PreparedEnd};
use serde_json::{Value, json};

use super::{Action, Bench, Outcome, PrepAction, Progress, Refusal, SpliceAction, Summary, Turn};
use crate::i18n::{Arg, Msg};
use crate::physics::fibre::FibreType;
use crate::physics::splice::Programme;
use crate::physics::splice::{EndFace, EndFaceError, Fusion, FusionDraws, Joint, SplicerSettings};
use crate::rng::SimRng;
use crate::scenario::splice::{SpliceMethod, SpliceSetup};
use crate::scenario::{Attachments, PrepSetup};

/// Core-to-cladding eccentricity of a fibre, σ per axis, µm [U: G.652/G.657 specify at most
/// 0.5 µm (REFERENCE B.1); real fibres sit well inside it, typically 0.1–0.2 µm].
pub const ECCENTRICITY_SIGMA_UM: f64 = 0.1;

/// Draws what chance decides in one splice, in a fixed order (replays depend on it).
pub fn draw_fusion(rng: &mut SimRng) -> FusionDraws {
    let mut ecc = [[0.0; 2]; 2];
    for f in &mut ecc {
        for v in f.iter_mut() {
            *v = rng.gauss(ECCENTRICITY_SIGMA_UM);
        }
    }
    let align_error = [rng.normal(), rng.normal()];
    let tau = std::f64::consts::TAU;
    let cleave_dir_rad = [rng.uniform() * tau, rng.uniform() * tau];
    FusionDraws {
        eccentricity_um: ecc,
        align_error,
        cleave_dir_rad,
        u_bubble: rng.uniform(),
        u_size: rng.uniform(),
        u_strength: rng.uniform(),
        u_base: rng.uniform(),
        estimate_noise: [rng.normal(), rng.normal()],
    }
}

pub use crate::physics::splice::Side;

pub use crate::physics::splice::OVEN_CYCLE_S;

/// A fibre end in a holder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    /// Which fibre of that side's cable.
    pub fibre: FibreRef,
    pub end: EndFace,
    /// A protection sleeve is on this fibre (slid on before stripping).
    pub sleeve_on: bool,
    /// Bare glass left by the cleave, mm (a mechanical element wants its gauge).
    #[serde(default)]
    pub cleave_length_mm: f64,
}

impl Loaded {
    /// A prepared end laid in a holder: what the preparation hands to the splicer.
    pub fn from_end(end: &PreparedEnd, fibre: FibreType) -> Loaded {
        Loaded {
            fibre: end.fibre,
            end: EndFace {
                fibre,
                angle_deg: end.cleave_angle_deg,
                defects: end.defects.clone(),
                dirty: !end.clean,
                nicked: end.nicked,
            },
            sleeve_on: end.sleeve_on,
            cleave_length_mm: end.cleave_length_mm,
        }
    }
}

/// The mechanical splice element on the bench (in place of a splicer).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MechanicalElement {
    /// Index-matching gel inside.
    pub gel: bool,
    /// Cleave length the element's stops are made for, mm.
    pub gauge_mm: f64,
}

/// Where the splicer is in its cycle (REFERENCE B.5 steps 6–8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Stage {
    /// Cover open, holders being loaded.
    Loading,
    /// SET pressed: cover closed, cleaning arc, ends inspected; the splicer stopped on
    /// these faults and waits (SET again fuses anyway, or the trainee takes an end out).
    Stopped { errors: Vec<EndFaceError> },
    /// Stopped at the pause point, ends aligned and inspected, before the arc (SET
    /// goes on).
    Paused,
    /// Fused: the image and the estimated loss on the screen, cover still closed.
    Fused,
}

/// The sleeve over a finished splice.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Sleeve {
    /// No sleeve could be slid over: none was put on a fibre before stripping.
    Missing,
    /// On a fibre, not yet over the splice.
    Waiting,
    /// Centred over the splice.
    Centred,
    /// In the oven since this time, ms.
    Heating { since_ms: u64 },
    /// Out of the oven after `heated_s`: shrunk if the cycle was complete.
    Done { heated_s: f64 },
}

/// One fusion made on the splicer, from the arc to the tray.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpliceRecord {
    pub at_ms: u64,
    /// Log index of the action that fused it.
    pub action_index: usize,
    /// The fibres joined, left and right.
    pub fibres: [FibreRef; 2],
    pub ends: [EndFace; 2],
    pub settings: SplicerSettings,
    /// End-face faults the splicer showed and the trainee fused through.
    pub overridden: Vec<EndFaceError>,
    pub joint: Joint,
    /// Proof test passed (`None`: not yet tested).
    pub proof_passed: Option<bool>,
    /// The trainee broke it to redo it, or the proof test broke it.
    pub broken: bool,
    pub sleeve: Sleeve,
    /// Diameter of the loop stored in the tray, mm.
    pub tray_loop_mm: Option<f64>,
}

impl SpliceRecord {
    /// The fusion, for a fusion splice.
    pub fn fusion(&self) -> Option<&Fusion> {
        self.joint.fusion()
    }

    /// The gap left between a mechanical joint's faces, mm (0 for a fusion).
    pub fn joint_gap_mm(&self) -> f64 {
        match &self.joint {
            Joint::Mechanical(m) => m.gap_um / 1000.0,
            Joint::Fusion(_) => 0.0,
        }
    }

    /// The splice stands: tested, not broken.
    pub fn standing(&self) -> bool {
        !self.broken && self.proof_passed == Some(true)
    }

    /// The sleeve went through a whole oven cycle.
    pub fn shrunk(&self, cycle_s: f64) -> bool {
        matches!(self.sleeve, Sleeve::Done { heated_s } if heated_s >= cycle_s)
    }

    /// The splice is done to the end: standing, protected (a fusion's sleeve shrunk; a
    /// mechanical element protects itself) and stored in the tray.
    pub fn finished(&self, cycle_s: f64) -> bool {
        self.standing()
            && self.tray_loop_mm.is_some()
            && (self.fusion().is_none() || self.shrunk(cycle_s))
    }

    /// Loss at 1550 nm of the loop in the tray, dB: one turn of each of the two fibres at
    /// the loop's radius. 0 while not stored.
    pub fn tray_bend_loss_1550_db(&self) -> f64 {
        let Some(d) = self.tray_loop_mm else {
            return 0.0;
        };
        self.joint
            .fibres()
            .iter()
            .map(|f| f.bend_loss_1550_db(d / 2.0, 1.0))
            .sum()
    }
}

/// The messages of the fusion path that say "splice", "splicer" or "holder", and what the
/// mechanical path says instead: the element has entries and stops, and it is closed, not
/// fused. Applied to everything a mechanical bench (or a job around one) tells the
/// trainee, and to its grade's feedback.
const MECHANICAL_WORDS: [(&str, &str); 31] = [
    ("out-fibre-loaded", "out-fibre-inserted"),
    ("refuse-holder-full", "refuse-entry-full"),
    ("refuse-holder-empty", "refuse-entry-empty"),
    ("out-fibre-unloaded", "out-fibre-withdrawn"),
    ("refuse-nothing-spliced", "refuse-nothing-joined"),
    ("out-splice-broken", "out-element-cut-out"),
    ("refuse-already-stored", "refuse-mech-already-stored"),
    ("out-stored", "out-mech-stored"),
    ("hint-splice-tray", "hint-mech-tray"),
    ("hint-splice-finish", "hint-mech-finish"),
    ("refuse-load-uncleaved", "refuse-insert-uncleaved"),
    ("refuse-fibre-in-splicer", "refuse-fibre-in-element"),
    ("refuse-fibre-spliced", "refuse-fibre-joined"),
    ("task-splice-many", "task-mech-many"),
    ("fb-no-splice", "fb-mech-none"),
    ("fb-splices-missing", "fb-mech-missing"),
    ("fb-splices-made-ok", "fb-mech-made-ok"),
    ("fb-splice-unfinished", "fb-mech-unfinished"),
    ("fb-splice-loss-ok", "fb-mech-loss-ok"),
    ("fb-not-stored", "fb-mech-not-stored"),
    ("fb-loop-tight", "fb-mech-loop-tight"),
    ("fb-item-no-splice", "fb-mech-item-none"),
    ("fb-fused-dirty", "fb-mech-dirty"),
    ("fb-clean-fused-ok", "fb-mech-clean-ok"),
    ("what-cleave-why", "what-cleave-why-mech"),
    ("task-job-then-test", "task-job-then-test-mech"),
    ("task-job-stage-test", "task-job-stage-test-mech"),
    ("out-job-test-stage", "out-job-test-stage-mech"),
    ("hint-job-next-stage", "hint-job-next-stage-mech"),
    (
        "refuse-job-splicing-first",
        "refuse-job-splicing-first-mech",
    ),
    ("refuse-job-splicing-over", "refuse-job-splicing-over-mech"),
];

/// A message in the mechanical splice's words (see `MECHANICAL_WORDS`), nested messages
/// included.
pub fn mechanical_words(mut m: Msg) -> Msg {
    if let Some((_, mech)) = MECHANICAL_WORDS.iter().find(|(fusion, _)| m.key == *fusion) {
        m.key = (*mech).to_string();
    }
    for (_, arg) in &mut m.args {
        match arg {
            Arg::Msg(inner) => {
                let words = mechanical_words((**inner).clone());
                **inner = words;
            }
            Arg::List(items) => {
                for item in items.iter_mut() {
                    *item = mechanical_words(item.clone());
                }
            }
            Arg::Text(_) | Arg::Words { .. } | Arg::Num { .. } => {}
        }
    }
    m
}

/// An outcome or a refusal in the mechanical splice's words.
pub fn mechanical_result(r: Result<Outcome, Refusal>) -> Result<Outcome, Refusal> {
    match r {
        Ok(o) => Ok(Outcome::of(
            o.msgs.into_iter().map(mechanical_words).collect(),
        )),
        Err(e) => Err(Refusal::new(mechanical_words(e.reason))),
    }
}

/// A splicing exercise: the two cables' benches, the splicer between them, the splices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpliceState {
    /// The set-up the bench was drawn from.
    pub setup: SpliceSetup,
    /// Left and right cables, handled with the preparation gestures.
    pub benches: [PrepState; 2],
    pub fibre_types: [FibreType; 2],
    /// The bench the preparation gestures apply to.
    pub active: Side,
    pub splicer: Splicer,
    pub progress: Progress,
}

/// The right cable's preparation set-up: the left one's targets, cleaver and hand, its own
/// cable.
pub fn right_setup(setup: &SpliceSetup) -> PrepSetup {
    PrepSetup {
        cable: setup.right.cable.clone(),
        colour_code: setup.right.colour_code,
        tasks: Vec::new(),
        ..setup.prep.clone()
    }
}

impl Bench for SpliceState {
    type Setup = SpliceSetup;

    fn generate(setup: &SpliceSetup, _files: &Attachments, rng: &mut SimRng) -> SpliceState {
        let mut left = PrepState::draw(&setup.prep, rng);
        let rs = right_setup(setup);
        let mut right = PrepState::draw(&rs, rng);
        // One workstation: the same cleaver and the same hands on both sides; the right
        // fibres are those at the left ones' places.
        right.drawn.blade_wear = left.drawn.blade_wear;
        right.drawn.hand_precision_mm = left.drawn.hand_precision_mm;
        let right_tubes = setup.right.cable.tube_count();
        right.drawn.tasks = left
            .drawn
            .tasks
            .iter()
            .map(|t| match setup.right.to_fibre {
                Some(fibre) => FibreRef {
                    tube: (right_tubes > 1).then_some(1),
                    fibre,
                },
                None => FibreRef {
                    tube: if right_tubes > 1 {
                        Some(t.tube.unwrap_or(1))
                    } else {
                        None
                    },
                    fibre: t.fibre,
                },
            })
            .collect();
        if setup.cables_opened {
            left = left.opened();
            right = right.opened();
        }
        let s = match &setup.method {
            SpliceMethod::Fusion {
                splicer,
                oven_cycle_s,
            } => {
                let mut s = Splicer::new(splicer.clone());
                s.oven_cycle_s = *oven_cycle_s;
                s
            }
            SpliceMethod::Mechanical { gel } => {
                let mut s = Splicer::new(SplicerSettings::default());
                s.mechanical = Some(MechanicalElement {
                    gel: *gel,
                    gauge_mm: setup.prep.targets.cleave_length_mm,
                });
                s
            }
        };
        SpliceState {
            setup: setup.clone(),
            benches: [left, right],
            fibre_types: [setup.left_fibre, setup.right.fibre],
            active: Side::Left,
            splicer: s,
            progress: Progress::default(),
        }
    }

    fn apply(&mut self, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let r = if let Some(a) = action.splice() {
            self.splicer_step(a, t)
        } else if let Some(a) = action.prep() {
            self.prep_step(a, t)
        } else {
            Err(Refusal::wrong_module())
        };
        if self.splicer.mechanical.is_some() {
            mechanical_result(r)
        } else {
            r
        }
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        let m = self.next_splice_step();
        Ok(if self.splicer.mechanical.is_some() {
            mechanical_words(m)
        } else {
            m
        })
    }

    fn task_lines(&self) -> Vec<Msg> {
        let setup = &self.setup;
        let code = [self.benches[0].colour_code, self.benches[1].colour_code];
        let pairs = self.pairs();
        let mut v: Vec<Msg> = match &pairs[..] {
            // A whole tube or cassette: one line.
            [first, ..] if pairs.len() > 2 => vec![
                Msg::new("task-splice-many")
                    .int("n", pairs.len() as u32)
                    .msg("first", first[0].describe(code[0])),
            ],
            _ => pairs
                .iter()
                .map(|p| {
                    let key = if self.splicer.mechanical.is_some() {
                        "task-mech-pair"
                    } else {
                        "task-splice-pair"
                    };
                    Msg::new(key)
                        .msg("left", p[0].describe(code[0]))
                        .msg("right", p[1].describe(code[1]))
                })
                .collect(),
        };
        v.push(
            Msg::new("task-splice-fibres")
                .msg("left", self.fibre_types[0].name())
                .msg("right", self.fibre_types[1].name()),
        );
        let t = &setup.prep.targets;
        let a = &setup.acceptance;
        if self.splicer.mechanical.is_some() {
            // No estimate to redo on: the element's cleave length instead.
            v.push(
                Msg::new("task-mech-rules")
                    .num("strip", t.coating_strip_mm, 0)
                    .num("cleave", t.cleave_length_mm, 0)
                    .num("loop", a.min_loop_diameter_mm, 0),
            );
            return v.into_iter().map(mechanical_words).collect();
        }
        v.push(
            Msg::new("task-splice-rules")
                .num("strip", t.coating_strip_mm, 0)
                .num("cleave", t.cleave_length_mm, 0)
                .num("redo", a.redo_estimate_db, 2)
                .num("loop", a.min_loop_diameter_mm, 0),
        );
        v
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        Summary {
            drawn: self.drawn_json(),
            key: "splices",
            result: self.splices_json(),
        }
    }
}

impl SpliceState {
    /// The pairs drawn, the fibres, the cleaver's wear, as data.
    pub fn drawn_json(&self) -> Value {
        json!({
            "pairs": serde_json::to_value(self.pairs()).unwrap_or(Value::Null),
            "fibres": serde_json::to_value(self.fibre_types).unwrap_or(Value::Null),
            "blade_wear": self.benches[0].drawn.blade_wear,
        })
    }

    /// Every splice made (broken ones included), as data.
    pub fn splices_json(&self) -> Value {
        Value::Array(
            self.splicer
                .records
                .iter()
                .map(|r| {
                    json!({
                        "fibres": serde_json::to_value(r.fibres).unwrap_or(Value::Null),
                        "programme": serde_json::to_value(r.settings.programme).unwrap_or(Value::Null),
                        "method": if r.fusion().is_some() { "fusion" } else { "mechanical" },
                        "estimate_db": r.fusion().map(|f| f.estimate_db),
                        "loss_1310_db": r.joint.true_loss_db(1310.0),
                        "loss_1550_db": r.joint.true_loss_db(1550.0),
                        "reflectance_1550_db": r.joint.reflectance_db(1550.0),
                        "errors": r.fusion().map(|f| serde_json::to_value(&f.errors).unwrap_or(Value::Null)),
                        "overridden": serde_json::to_value(&r.overridden).unwrap_or(Value::Null),
                        "proof_passed": r.proof_passed,
                        "broken": r.broken,
                        "sleeve": serde_json::to_value(r.sleeve).unwrap_or(Value::Null),
                        "tray_loop_mm": r.tray_loop_mm,
                    })
                })
                .collect(),
        )
    }

    /// The pairs to splice, left and right.
    pub fn pairs(&self) -> Vec<[FibreRef; 2]> {
        self.benches[0]
            .drawn
            .tasks
            .iter()
            .zip(&self.benches[1].drawn.tasks)
            .map(|(a, b)| [*a, *b])
            .collect()
    }

    /// The splice that stands for a pair at the end: the last one made and not broken.
    pub fn final_record(&self, pair: [FibreRef; 2]) -> Option<&SpliceRecord> {
        self.splicer
            .records
            .iter()
            .rev()
            .find(|r| r.fibres == pair && !r.broken)
    }

    /// A fibre is joined by a splice that stands (or is still in the splicer).
    fn joined(&self, side: Side, id: FibreRef) -> bool {
        self.splicer
            .records
            .iter()
            .any(|r| r.fibres[side.index()] == id && !r.broken)
    }

    /// A preparation gesture on the cable in hand (the side worked on).
    fn prep_step(&mut self, a: &PrepAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let side = self.active;
        if let PrepAction::PickFibre { tube, fibre } = a {
            let bench = &self.benches[side.index()];
            let id = bench.find_fibre(*tube, *fibre)?;
            if self.splicer.holders[side.index()]
                .as_ref()
                .is_some_and(|l| l.fibre == id)
            {
                return Err(Refusal::new(Msg::new("refuse-fibre-in-splicer")));
            }
            if self.joined(side, id) {
                return Err(Refusal::new(Msg::new("refuse-fibre-spliced")));
            }
        }
        self.benches[side.index()].gesture(a, t)
    }

    /// A step at the splicer (or with the mechanical element).
    fn splicer_step(&mut self, a: &SpliceAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let (index, at_ms) = (t.index, t.at_ms);
        let wrap = |r: Result<Vec<Msg>, Msg>| match r {
            Ok(msgs) => Ok(Outcome { msgs }),
            Err(m) => Err(Refusal::new(m)),
        };
        let mechanical = self.splicer.mechanical.is_some();
        match a {
            SpliceAction::WorkOn { side } => {
                self.active = *side;
                Ok(Outcome {
                    msgs: vec![Msg::new("out-work-on").msg("side", side.name())],
                })
            }
            SpliceAction::SetSplicer(_) if mechanical => {
                Err(Refusal::new(Msg::new("refuse-mech-no-splicer")))
            }
            SpliceAction::SetSplicer(s) => wrap(self.splicer.set(s.clone())),
            SpliceAction::LoadFibre { side } => {
                let bench = &mut self.benches[side.index()];
                let Some(id) = bench.in_hand else {
                    return Err(Refusal::new(
                        Msg::new("refuse-no-fibre-in-hand-side").msg("side", side.name()),
                    ));
                };
                let Some(f) = bench.fibre(id) else {
                    return Err(Refusal::new(Msg::new("refuse-no-fibre-in-hand")));
                };
                // The preparation hands the splicer a prepared end: cleaved, or nothing.
                let Some(end) = f.prepared_end() else {
                    return Err(Refusal::new(Msg::new("refuse-load-uncleaved")));
                };
                let loaded = Loaded::from_end(&end, self.fibre_types[side.index()]);
                let msgs = self.splicer.load(*side, loaded).map_err(Refusal::new)?;
                self.benches[side.index()].in_hand = None;
                Ok(Outcome { msgs })
            }
            SpliceAction::UnloadFibre { side } => {
                if self.benches[side.index()].in_hand.is_some() {
                    return Err(Refusal::new(Msg::new("refuse-hand-full")));
                }
                let l = self.splicer.unload(*side).map_err(Refusal::new)?;
                self.benches[side.index()].in_hand = Some(l.fibre);
                self.active = *side;
                Ok(Outcome {
                    msgs: vec![Msg::new("out-fibre-unloaded").msg("side", side.name())],
                })
            }
            // A mechanical element has no splicer, no sleeve and no oven.
            SpliceAction::PressSet
            | SpliceAction::OpenCover
            | SpliceAction::CentreSleeve
            | SpliceAction::OvenIn
            | SpliceAction::OvenOut
                if mechanical =>
            {
                Err(Refusal::new(Msg::new("refuse-mech-no-splicer")))
            }
            SpliceAction::CloseElement => wrap(self.splicer.close_element(at_ms, index, t.rng)),
            SpliceAction::PressSet => wrap(self.splicer.set_pressed(at_ms, index, t.rng)),
            SpliceAction::OpenCover => {
                let msgs = self.splicer.open_cover().map_err(Refusal::new)?;
                // A splice broken by the proof test leaves two ends to prepare again.
                if let Some(r) = self.splicer.records.last()
                    && r.broken
                {
                    self.cut_back(r.fibres, false);
                }
                Ok(Outcome { msgs })
            }
            SpliceAction::BreakSplice => {
                let target = self.splicer.records.iter().rposition(|r| !r.broken);
                let msgs = self.splicer.break_last().map_err(Refusal::new)?;
                if let Some(r) = target.map(|i| &self.splicer.records[i]) {
                    let over = matches!(
                        r.sleeve,
                        Sleeve::Centred | Sleeve::Heating { .. } | Sleeve::Done { .. }
                    );
                    self.cut_back(r.fibres, over);
                }
                Ok(Outcome { msgs })
            }
            SpliceAction::CentreSleeve => wrap(self.splicer.centre_sleeve()),
            SpliceAction::OvenIn => wrap(self.splicer.oven_in(at_ms)),
            SpliceAction::OvenOut => wrap(self.splicer.oven_out(at_ms)),
            SpliceAction::StoreInTray { loop_diameter_mm } => {
                wrap(self.splicer.store(*loop_diameter_mm))
            }
        }
    }

    /// The ends of a cut-out splice, back to coated fibre.
    fn cut_back(&mut self, f: [FibreRef; 2], sleeve_lost: bool) {
        for (k, id) in f.iter().enumerate() {
            if let Some(fs) = self.benches[k].fibre_mut(*id) {
                fs.cut_back(sleeve_lost);
            }
        }
    }

    /// The next thing to do, for a trainee who asks.
    pub fn next_splice_step(&self) -> Msg {
        let setup = &self.setup;
        let last = self.splicer.records.last();
        if self.splicer.mechanical.is_some() {
            if self.splicer.holders.iter().all(|h| h.is_some()) {
                return Msg::new("hint-mech-close");
            }
            if let Some(r) = last
                && !r.broken
                && r.tray_loop_mm.is_none()
            {
                return Msg::new("hint-splice-tray").num(
                    "mm",
                    setup.acceptance.min_loop_diameter_mm,
                    0,
                );
            }
            if let Some(m) = self.benches[self.active.index()].in_hand_gesture() {
                return m;
            }
            for pair in self.pairs() {
                if self.final_record(pair).is_none() {
                    return Msg::new("hint-mech-next")
                        .msg("fibre", pair[0].describe(self.benches[0].colour_code))
                        .num("strip", setup.prep.targets.coating_strip_mm, 0)
                        .num("cleave", setup.prep.targets.cleave_length_mm, 0);
                }
            }
            return Msg::new("hint-splice-finish");
        }
        if let Stage::Stopped { errors } = &self.splicer.stage
            && let Some(e) = errors.first()
        {
            return Msg::new("hint-splice-stopped").msg("error", e.msg());
        }
        if self.splicer.stage == Stage::Paused {
            return Msg::new("hint-splice-paused");
        }
        if self.splicer.stage == Stage::Fused {
            if let Some(f) = last.and_then(|r| r.fusion())
                && (!f.errors.is_empty() || f.estimate_db > setup.acceptance.redo_estimate_db)
            {
                return Msg::new("hint-splice-redo");
            }
            return Msg::new("hint-splice-open");
        }
        let wrong_programme = !(self.splicer.settings.programme.suits(self.fibre_types[0])
            && self.splicer.settings.programme.suits(self.fibre_types[1]));
        if wrong_programme {
            return Msg::new("hint-splice-programme").msg("prog", Programme::Auto.name());
        }
        if let Some(r) = last
            && !r.broken
        {
            match r.sleeve {
                Sleeve::Missing => return Msg::new("hint-splice-no-sleeve"),
                Sleeve::Waiting => return Msg::new("hint-splice-centre"),
                Sleeve::Centred => return Msg::new("hint-splice-oven"),
                Sleeve::Heating { .. } => {
                    return Msg::new("hint-splice-wait-oven").num(
                        "s",
                        self.splicer.oven_cycle_s,
                        0,
                    );
                }
                Sleeve::Done { .. } if r.tray_loop_mm.is_none() => {
                    return Msg::new("hint-splice-tray").num(
                        "mm",
                        setup.acceptance.min_loop_diameter_mm,
                        0,
                    );
                }
                _ => {}
            }
        }
        // The fibre in hand on the cable worked: its next gesture up to the cleave.
        if let Some(m) = self.benches[self.active.index()].in_hand_gesture() {
            return m;
        }
        for pair in self.pairs() {
            if self.final_record(pair).is_none() {
                return Msg::new("hint-splice-next")
                    .msg("fibre", pair[0].describe(self.benches[0].colour_code))
                    .num("strip", setup.prep.targets.coating_strip_mm, 0)
                    .num("cleave", setup.prep.targets.cleave_length_mm, 0);
            }
        }
        Msg::new("hint-splice-finish")
    }
}
