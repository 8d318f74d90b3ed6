//! The splicing exercise (fusion and mechanical): the random draws of a splice and the
//! fusion splicer with its oven, as a pure state machine.

use crate::physics::splice::FusionDraws;
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::physics::splice::{
    EndFace, EndFaceError, Fusion, FusionError, PROOF_TEST_N, SplicerSettings, check_ends, fuse,
};
use crate::scenario::rng::SimRng;

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

/// The splicer's two fibre holders, as the trainee faces the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn index(self) -> usize {
        match self {
            Side::Left => 0,
            Side::Right => 1,
        }
    }

    pub fn name(self) -> Msg {
        Msg::new(match self {
            Side::Left => "side-left",
            Side::Right => "side-right",
        })
    }
}

/// Heat-shrink oven cycle for a 40–60 mm sleeve, s [U: splicer ovens run 30–60 s; the
/// scenario can set its own].
pub const OVEN_CYCLE_S: f64 = 40.0;

/// A fibre end in a holder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub end: EndFace,
    /// A protection sleeve is on this fibre (slid on before stripping).
    pub sleeve_on: bool,
}

/// Where the splicer is in its cycle (REFERENCE B.5 steps 6–8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Stage {
    /// Cover open, holders being loaded.
    Loading,
    /// SET pressed: cover closed, cleaning arc, ends inspected; the splicer stopped on
    /// these faults and waits (SET again fuses anyway, or the trainee takes an end out).
    Stopped { errors: Vec<EndFaceError> },
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
    pub ends: [EndFace; 2],
    pub settings: SplicerSettings,
    /// End-face faults the splicer showed and the trainee fused through.
    pub overridden: Vec<EndFaceError>,
    pub fusion: Fusion,
    /// Proof test passed (`None`: not yet tested).
    pub proof_passed: Option<bool>,
    /// The trainee broke it to redo it, or the proof test broke it.
    pub broken: bool,
    pub sleeve: Sleeve,
    /// Diameter of the loop stored in the tray, mm.
    pub tray_loop_mm: Option<f64>,
}

impl SpliceRecord {
    /// The splice stands: tested, not broken.
    pub fn standing(&self) -> bool {
        !self.broken && self.proof_passed == Some(true)
    }

    /// The sleeve went through a whole oven cycle.
    pub fn shrunk(&self, cycle_s: f64) -> bool {
        matches!(self.sleeve, Sleeve::Done { heated_s } if heated_s >= cycle_s)
    }
}

/// Why the splicer refuses a gesture.
fn refuse(key: &str) -> Result<Vec<Msg>, Msg> {
    Err(Msg::new(key))
}

/// The fusion splicer and its oven: a pure state machine driven by the splicing exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Splicer {
    pub settings: SplicerSettings,
    pub holders: [Option<Loaded>; 2],
    pub stage: Stage,
    /// Splices made, in order; the last one may still be in the splicer.
    pub records: Vec<SpliceRecord>,
    /// The splice still in the splicer (cover closed, not proof-tested), index in records.
    pub in_splicer: Option<usize>,
    pub oven_cycle_s: f64,
}

impl Splicer {
    pub fn new(settings: SplicerSettings) -> Splicer {
        Splicer {
            settings,
            holders: [None, None],
            stage: Stage::Loading,
            records: Vec::new(),
            in_splicer: None,
            oven_cycle_s: OVEN_CYCLE_S,
        }
    }

    /// Settings can change only with the cover open and no splice inside.
    pub fn set(&mut self, s: SplicerSettings) -> Result<Vec<Msg>, Msg> {
        if self.stage != Stage::Loading || self.in_splicer.is_some() {
            return refuse("refuse-splicer-busy");
        }
        let within = |v: f64, lo: f64, hi: f64| v.is_finite() && (lo..=hi).contains(&v);
        let ok = within(s.cleave_limit_deg, 0.1, 5.0)
            && within(s.arc_power_pct, 50.0, 150.0)
            && within(s.arc_time_ms, 100.0, 10_000.0)
            && within(s.prefuse_ms, 0.0, 2000.0)
            && within(s.gap_um, 5.0, 200.0)
            && within(s.overlap_um, 0.0, 40.0);
        if !ok {
            return refuse("refuse-splicer-setting");
        }
        self.settings = s;
        Ok(vec![
            Msg::new("out-splicer-set").msg("prog", self.settings.programme.name()),
        ])
    }

    /// Lays a cleaved end in a holder.
    pub fn load(&mut self, side: Side, end: Loaded) -> Result<Vec<Msg>, Msg> {
        if self.stage != Stage::Loading || self.in_splicer.is_some() {
            return refuse("refuse-splicer-busy");
        }
        if self.holders[side.index()].is_some() {
            return refuse("refuse-holder-full");
        }
        self.holders[side.index()] = Some(end);
        Ok(vec![Msg::new("out-fibre-loaded").msg("side", side.name())])
    }

    /// Takes an end back out of its holder (to clean or cleave it again).
    pub fn unload(&mut self, side: Side) -> Result<Loaded, Msg> {
        if self.in_splicer.is_some() {
            return Err(Msg::new("refuse-splicer-busy"));
        }
        let Some(l) = self.holders[side.index()].take() else {
            return Err(Msg::new("refuse-holder-empty"));
        };
        // Taking an end out stops an inspection in progress.
        self.stage = Stage::Loading;
        Ok(l)
    }

    /// SET: with the cover closed, the cleaning arc and the end-face inspection; if the
    /// ends pass (or the trainee presses SET again on a stop), alignment, prefuse and arc.
    pub fn set_pressed(
        &mut self,
        at_ms: u64,
        action_index: usize,
        rng: &mut SimRng,
    ) -> Result<Vec<Msg>, Msg> {
        let (Some(a), Some(b)) = (&self.holders[0], &self.holders[1]) else {
            return refuse("refuse-splicer-not-loaded");
        };
        let (a, b) = (a.clone(), b.clone());
        match &self.stage {
            Stage::Fused => refuse("refuse-splicer-fused"),
            Stage::Loading => {
                // Large dust shows on the camera half the time [U]; a film does not.
                let dust_seen = [rng.chance(0.5), rng.chance(0.5)];
                let errors =
                    check_ends([&a.end, &b.end], self.settings.cleave_limit_deg, dust_seen);
                if errors.is_empty() {
                    Ok(self.arc(at_ms, action_index, [a, b], Vec::new(), rng))
                } else {
                    let msgs = errors.iter().map(|e| e.msg()).collect();
                    self.stage = Stage::Stopped { errors };
                    Ok(msgs)
                }
            }
            Stage::Stopped { errors } => {
                let overridden = errors.clone();
                Ok(self.arc(at_ms, action_index, [a, b], overridden, rng))
            }
        }
    }

    fn arc(
        &mut self,
        at_ms: u64,
        action_index: usize,
        ends: [Loaded; 2],
        overridden: Vec<EndFaceError>,
        rng: &mut SimRng,
    ) -> Vec<Msg> {
        let draws = draw_fusion(rng);
        let fusion = fuse([&ends[0].end, &ends[1].end], &self.settings, &draws);
        let mut msgs = vec![Msg::new("out-spliced").num("est", fusion.estimate_db, 2)];
        msgs.extend(fusion.errors.iter().map(|e| e.msg()));
        let sleeve = if ends.iter().any(|l| l.sleeve_on) {
            Sleeve::Waiting
        } else {
            Sleeve::Missing
        };
        self.records.push(SpliceRecord {
            at_ms,
            action_index,
            ends: [ends[0].end.clone(), ends[1].end.clone()],
            settings: self.settings.clone(),
            overridden,
            fusion,
            proof_passed: None,
            broken: false,
            sleeve,
            tray_loop_mm: None,
        });
        self.in_splicer = Some(self.records.len() - 1);
        self.stage = Stage::Fused;
        msgs
    }

    /// Opening the cover runs the proof test (REFERENCE B.5 step 8): a weak joint breaks.
    /// The splice leaves the holders either way.
    pub fn open_cover(&mut self) -> Result<Vec<Msg>, Msg> {
        let Some(i) = self.in_splicer.take() else {
            return refuse("refuse-nothing-spliced");
        };
        let r = &mut self.records[i];
        let passed = !r.fusion.weak;
        r.proof_passed = Some(passed);
        if !passed {
            r.broken = true;
        }
        self.holders = [None, None];
        self.stage = Stage::Loading;
        Ok(vec![if passed {
            Msg::new("out-proof-passed").num("n", PROOF_TEST_N, 2)
        } else {
            Msg::new("out-proof-broke").num("n", PROOF_TEST_N, 2)
        }])
    }

    /// Breaks the last splice to redo it (a bad estimate, a bubble, a forgotten sleeve).
    pub fn break_last(&mut self) -> Result<Vec<Msg>, Msg> {
        if self.in_splicer.is_some() {
            self.in_splicer = None;
            self.holders = [None, None];
            self.stage = Stage::Loading;
        }
        let Some(r) = self.records.iter_mut().rev().find(|r| !r.broken) else {
            return refuse("refuse-nothing-spliced");
        };
        r.broken = true;
        Ok(vec![Msg::new("out-splice-broken")])
    }

    /// The last standing splice, out of the splicer.
    fn last_out(&mut self) -> Result<&mut SpliceRecord, Msg> {
        let inside = self.in_splicer;
        self.records
            .iter_mut()
            .enumerate()
            .rev()
            .find(|(i, r)| Some(*i) != inside && !r.broken)
            .map(|(_, r)| r)
            .ok_or_else(|| Msg::new("refuse-nothing-spliced"))
    }

    /// Slides the sleeve from its fibre over the splice and centres it.
    pub fn centre_sleeve(&mut self) -> Result<Vec<Msg>, Msg> {
        let r = self.last_out()?;
        match r.sleeve {
            Sleeve::Missing => refuse("refuse-no-sleeve"),
            Sleeve::Waiting => {
                r.sleeve = Sleeve::Centred;
                Ok(vec![Msg::new("out-sleeve-centred")])
            }
            _ => refuse("refuse-sleeve-already"),
        }
    }

    pub fn oven_in(&mut self, at_ms: u64) -> Result<Vec<Msg>, Msg> {
        if self
            .records
            .iter()
            .any(|r| matches!(r.sleeve, Sleeve::Heating { .. }))
        {
            return refuse("refuse-oven-busy");
        }
        let r = self.last_out()?;
        match r.sleeve {
            Sleeve::Centred => {
                r.sleeve = Sleeve::Heating { since_ms: at_ms };
                Ok(vec![Msg::new("out-oven-started")])
            }
            Sleeve::Missing => refuse("refuse-no-sleeve"),
            Sleeve::Waiting => refuse("refuse-sleeve-not-centred"),
            _ => refuse("refuse-sleeve-already"),
        }
    }

    pub fn oven_out(&mut self, at_ms: u64) -> Result<Vec<Msg>, Msg> {
        let cycle = self.oven_cycle_s;
        let Some(r) = self
            .records
            .iter_mut()
            .find(|r| matches!(r.sleeve, Sleeve::Heating { .. }))
        else {
            return refuse("refuse-oven-empty");
        };
        let Sleeve::Heating { since_ms } = r.sleeve else {
            return refuse("refuse-oven-empty");
        };
        let heated_s = at_ms.saturating_sub(since_ms) as f64 / 1000.0;
        r.sleeve = Sleeve::Done { heated_s };
        Ok(vec![if heated_s >= cycle {
            Msg::new("out-sleeve-shrunk")
        } else {
            Msg::new("out-sleeve-underheated")
                .num("s", heated_s, 0)
                .num("cycle", cycle, 0)
        }])
    }

    /// Lays the protected splice in the tray with a loop of this diameter.
    pub fn store(&mut self, loop_mm: f64) -> Result<Vec<Msg>, Msg> {
        if !(loop_mm.is_finite() && (10.0..=300.0).contains(&loop_mm)) {
            return refuse("refuse-loop-diameter");
        }
        let r = self.last_out()?;
        if r.tray_loop_mm.is_some() {
            return refuse("refuse-already-stored");
        }
        if matches!(r.sleeve, Sleeve::Heating { .. }) {
            return refuse("refuse-still-in-oven");
        }
        r.tray_loop_mm = Some(loop_mm);
        Ok(vec![Msg::new("out-stored").num("mm", loop_mm, 0)])
    }

    /// Whether an error of the last fusion calls for breaking and redoing it.
    pub fn last_fusion_faults(&self) -> Vec<FusionError> {
        self.records
            .last()
            .map(|r| r.fusion.errors.clone())
            .unwrap_or_default()
    }
}
