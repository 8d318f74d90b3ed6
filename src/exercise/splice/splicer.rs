//! The fusion splicer and its oven (or a mechanical element in its place): a pure state
//! machine the splicing bench drives, from the ends loaded in its holders to the splice
//! stored in its tray.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::limits;
use crate::physics::splice::{
    EndFaceError, Joint, MechanicalJoint, PROOF_TEST_N, SplicerSettings, check_ends, fuse,
};
use crate::rng::SimRng;

use super::*;

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
    /// A mechanical element instead of a fusion splicer: the holders are its two
    /// entries, closing it makes the joint.
    #[serde(default)]
    pub mechanical: Option<MechanicalElement>,
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
            mechanical: None,
        }
    }

    /// A mechanical element with both ends in: closes it on them. The joint is made
    /// (no proof test, nothing to see: a mechanical element shows no estimate).
    pub fn close_element(
        &mut self,
        at_ms: u64,
        action_index: usize,
        rng: &mut SimRng,
    ) -> Result<Vec<Msg>, Msg> {
        let Some(el) = self.mechanical else {
            return refuse("refuse-not-mechanical");
        };
        let (Some(a), Some(b)) = (self.holders[0].take(), self.holders[1].take()) else {
            return refuse("refuse-element-not-loaded");
        };
        let draws = draw_fusion(rng);
        let gauge_error = [
            a.cleave_length_mm - el.gauge_mm,
            b.cleave_length_mm - el.gauge_mm,
        ];
        let joint = MechanicalJoint::new([&a.end, &b.end], gauge_error, el.gel, &draws);
        self.records.push(SpliceRecord {
            at_ms,
            action_index,
            fibres: [a.fibre, b.fibre],
            ends: [a.end, b.end],
            settings: self.settings.clone(),
            overridden: Vec::new(),
            joint: Joint::Mechanical(joint),
            proof_passed: Some(true),
            broken: false,
            sleeve: Sleeve::Missing,
            tray_loop_mm: None,
        });
        Ok(vec![Msg::new("out-element-closed")])
    }

    /// Settings can change only with the cover open and no splice inside.
    pub fn set(&mut self, s: SplicerSettings) -> Result<Vec<Msg>, Msg> {
        if self.stage != Stage::Loading || self.in_splicer.is_some() {
            return refuse("refuse-splicer-busy");
        }
        let ok = limits::CLEAVE_LIMIT_DEG.contains(s.cleave_limit_deg)
            && limits::ARC_POWER_PCT.contains(s.arc_power_pct)
            && limits::ARC_TIME_MS.contains(s.arc_time_ms)
            && limits::PREFUSE_MS.contains(s.prefuse_ms)
            && limits::GAP_UM.contains(s.gap_um)
            && limits::OVERLAP_UM.contains(s.overlap_um);
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
                if errors.is_empty() && self.settings.pause_before_arc {
                    self.stage = Stage::Paused;
                    Ok(vec![Msg::new("out-splicer-paused")])
                } else if errors.is_empty() {
                    Ok(self.arc(at_ms, action_index, [a, b], Vec::new(), rng))
                } else {
                    // The splicer stops: each fault it shows is a stop for the trainee.
                    let msgs = errors.iter().map(|e| e.msg().fault()).collect();
                    self.stage = Stage::Stopped { errors };
                    Ok(msgs)
                }
            }
            Stage::Stopped { errors } => {
                let overridden = errors.clone();
                Ok(self.arc(at_ms, action_index, [a, b], overridden, rng))
            }
            Stage::Paused => Ok(self.arc(at_ms, action_index, [a, b], Vec::new(), rng)),
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
        msgs.extend(fusion.errors.iter().map(|e| e.msg().fault()));
        let sleeve = if ends.iter().any(|l| l.sleeve_on) {
            Sleeve::Waiting
        } else {
            Sleeve::Missing
        };
        self.records.push(SpliceRecord {
            at_ms,
            action_index,
            fibres: [ends[0].fibre, ends[1].fibre],
            ends: [ends[0].end.clone(), ends[1].end.clone()],
            settings: self.settings.clone(),
            overridden,
            joint: Joint::Fusion(fusion),
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
        let passed = r.fusion().is_none_or(|f| !f.weak);
        r.proof_passed = Some(passed);
        if !passed {
            r.broken = true;
        }
        self.holders = [None, None];
        self.stage = Stage::Loading;
        Ok(vec![if passed {
            Msg::new("out-proof-passed").num("n", PROOF_TEST_N, 2)
        } else {
            Msg::new("out-proof-broke")
                .num("n", PROOF_TEST_N, 2)
                .fault()
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
            Sleeve::Centred | Sleeve::Heating { .. } | Sleeve::Done { .. } => {
                refuse("refuse-sleeve-already")
            }
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
            Sleeve::Heating { .. } | Sleeve::Done { .. } => refuse("refuse-sleeve-already"),
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
                .fault()
        }])
    }

    /// Lays the protected splice in the tray with a loop of this diameter.
    pub fn store(&mut self, loop_mm: f64) -> Result<Vec<Msg>, Msg> {
        if !limits::TRAY_LOOP_MM.contains(loop_mm) {
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
}
