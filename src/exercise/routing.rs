//! The routing bench: a site of poles, spans and chambers, and the trainee's work on it.
//! Each gesture is a decision a technician makes on the equipment (inspect a pole,
//! choose its hardware, tension a span while watching the dynamometer, place the winch,
//! lubricate, split the pull, fit the breakaway swivel, pull, open a chamber step by
//! step); the physics of `crate::physics` says what each one gives.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Action, Bench, Outcome, Progress, Refusal, Summary, Turn};
use crate::i18n::Msg;
use crate::limits::{CABLE_TENSION_N, Limit, SITE_DISTANCE_M, SWIVEL_N};
use crate::physics::clearance::{ROAD_CLEARANCE_M, approach_kept};
use crate::physics::fibre::FibreType;
use crate::physics::hardware::{AnchorRule, Hardware, LinePole, choose};
use crate::physics::link::Element;
use crate::physics::pole::{Deviation, Guy, Pole, PoleCable, Study, guy, study};
use crate::physics::pulling::{self, Pull, Segment};
use crate::physics::span;
use crate::physics::trench::{MeshColour, Zone};
use crate::rng::SimRng;
use crate::scenario::routing::{
    CableSpec, Label, PoleCondition, RoutingSetup, RoutingTask, SpanSpec,
};
use crate::scenario::{Attachments, Varying};

/// A cable turned inside a chamber with no guide rubs on the duct's mouth: the radius it
/// is then bent to, m (teaching value: a duct's rounded edge).
pub const NO_GUIDE_RADIUS_M: f64 = 0.05;

/// Slack left in each chamber the cable passes or ends in, m (teaching value [U]:
/// ROUTING §9 lists slack-loop lengths as not found).
pub const SLACK_PER_CHAMBER_M: f64 = 3.0;
/// A bend tighter than the cable's radius under tension: its loss at 1550 nm for each
/// unit of (radius allowed / radius made − 1), dB (teaching model [U]: the fibres in a
/// cable bent past its limit see tight bends; it doubles every 75 nm longer).
pub const TIGHT_BEND_LOSS_1550_DB: f64 = 0.4;
/// Pulled over its limit: loss added where the head of the cable was pulled hardest,
/// per 10 % over, at 1550 nm, dB (teaching model [U]).
pub const STRAIN_LOSS_PER_TENTH_DB: f64 = 0.2;
/// Pulled more than this share over its limit, the fibres break.
pub const STRAIN_BREAK: f64 = 0.5;

/// What a technician decides at the foot of a pole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoleDecision {
    /// Work from a nacelle (or a PIRL): the safe way up.
    Nacelle,
    /// Work from a ladder: a ladder is a means of access, never a work station
    /// (code du travail R.4323-63).
    Ladder,
    /// Do not climb: report the pole.
    Refuse,
}

/// What a load study leads to for a pole (ROUTING §2.5, step 8).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Remedy {
    /// The pole carries the new cable as it is.
    Accept,
    /// A guy ("hauban") anchored this far from the pole's foot, outside the angle.
    Guy { anchor_m: f64 },
    /// A stronger pole or a second one beside it ("moisé", replacement).
    Strengthen,
    /// Not this pole: refused and reported.
    Refuse,
}

/// A step of opening a chamber (Telenco SMART, IISR; ROUTING R-11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteStep {
    /// The approach sign (AK5 "travaux").
    ApproachSign,
    /// Cones or a barrier around the work (K5a).
    Cones,
    /// Gloves, shoes, helmet, high-visibility vest.
    Ppe,
    /// The personal gas detector switched on.
    GasDetector,
    /// Free the cover with an anti-spark hammer.
    FreeCover,
    /// Lift it with a magnetic lifter.
    LiftCoverMagnetic,
    /// Lift it by hand, alone.
    LiftCoverByHand,
    /// Set the cover down more than 2 m from the opening.
    StoreCover,
    /// A guard rail around the opening.
    GuardRail,
    /// Measure the atmosphere inside.
    GasCheck,
    /// Go down into the chamber.
    Enter,
    /// Put the cover back.
    CloseCover,
    /// Take the signs away.
    RemoveSigns,
}

/// What the trainee did at a pole.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PoleWork {
    /// The action index of the first inspection.
    pub inspected_at: Option<usize>,
    /// The label number written on the pole's card.
    pub number: Option<String>,
    pub decision: Option<PoleDecision>,
    /// The action index of the decision.
    pub decided_at: Option<usize>,
    pub hardware: Option<Hardware>,
    /// The utilisation read in the study, percent.
    pub reading_pct: Option<f64>,
    pub remedy: Option<Remedy>,
}

/// A figure-eight laid at a chamber to split the pull.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Split {
    pub chamber: String,
    pub lobe_radius_m: f64,
}

/// One pull made: the plan it was made with and what the dynamometer saw.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PullRun {
    /// The winch at the route's last chamber (the cable fed at the first).
    pub from_start: bool,
    pub lubricated: bool,
    pub mu: f64,
    pub splits: Vec<Split>,
    pub swivel_n: Option<f64>,
    /// Each part's tensions, in the order pulled.
    #[serde(skip)]
    pub parts: Vec<Pull>,
    /// The highest tension, N.
    pub max_tension_n: f64,
    /// The highest sidewall pressure, N/m.
    pub max_sidewall_n_per_m: Option<f64>,
    /// The swivel broke: the part (0 = first) and how far along it, m.
    pub fuse_broke: Option<(usize, f64)>,
    /// The cable was pulled over its maximum tension.
    pub overstrained: bool,
}

impl PullRun {
    /// The pull reached the last chamber.
    pub fn complete(&self) -> bool {
        self.fuse_broke.is_none()
    }
}

/// What the seed drew.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drawn {
    pub span_lengths_m: Vec<f64>,
    /// Each power line's distance from the working point, m.
    pub line_distances_m: Vec<f64>,
    pub mu_dry: f64,
    pub mu_lubricated: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoutingState {
    #[serde(skip)]
    pub setup: RoutingSetup,
    pub cable: CableSpec,
    pub drawn: Drawn,
    /// The duct sections, parsed, in the route's order.
    #[serde(skip)]
    pub sections: Vec<Vec<Segment>>,
    /// The chambers along the route, in order (the sections' ends).
    pub route_chambers: Vec<String>,
    pub poles: Vec<PoleWork>,
    /// The tension each span was set to, N.
    pub span_tensions_n: Vec<Option<f64>>,
    pub winch: Option<String>,
    pub lubricated: bool,
    pub splits: Vec<Split>,
    pub swivel_n: Option<f64>,
    /// Guides (quadrants, pulleys) fitted at chambers where the cable turns: the
    /// chamber and the radius they hold the cable to, m.
    pub guides: Vec<(String, f64)>,
    pub pulls: Vec<PullRun>,
    pub steps: Vec<SiteStep>,
    pub blow: BlowWork,
    /// Each trench zone as dug (the task's order).
    pub trench: Vec<Option<Dug>>,
    /// The spacing kept to the low-voltage cable, m.
    pub lv_spacing_m: Option<f64>,
    /// The transition as built: the PBO's height, the guard's length, m, anchored.
    pub transition: Option<(f64, f64, bool)>,
    pub progress: Progress,
}

/// How the cable goes into a duct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LayMethod {
    Pull,
    Blow,
}

/// What was chosen and done for blowing a cable.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BlowWork {
    pub cable_mm: Option<f64>,
    pub method: Option<LayMethod>,
    /// The highest pressure the duct was tested at before blowing, bar.
    pub tested_bar: Option<f64>,
    /// The shot: its pressure, the reach it gave, whether the duct was tested first.
    pub shot: Option<(f64, f64, bool)>,
}

/// A trench zone as dug: its bottom, the mesh's depth (below the surface) and colour.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Dug {
    pub bottom_m: f64,
    pub mesh_depth_m: f64,
    pub mesh: MeshColour,
}

/// A route longer than this is not pulled in a microduct: blown (teaching value [U]:
/// ROUTING R-10, a light cable in undulating duct, the duct factor).
pub const PULL_MICRODUCT_MAX_M: f64 = 1000.0;

/// A value a trainee enters, within its limit.
fn within(v: f64, l: &Limit, key: &str) -> Result<(), Refusal> {
    if l.contains(v) {
        Ok(())
    } else {
        Err(Refusal::new(
            Msg::new(key).num("min", l.min, 1).num("max", l.max, 1),
        ))
    }
}

impl RoutingState {
    pub fn pole_index(&self, id: &str) -> Result<usize, Refusal> {
        self.setup
            .site
            .poles
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| Refusal::new(Msg::new("refuse-route-no-pole").text("pole", id)))
    }

    fn chamber_on_route(&self, id: &str) -> Result<usize, Refusal> {
        self.route_chambers
            .iter()
            .position(|c| c == id)
            .ok_or_else(|| Refusal::new(Msg::new("refuse-route-no-chamber").text("chamber", id)))
    }

    pub fn tasks(&self) -> &[RoutingTask] {
        &self.setup.tasks
    }

    /// The pull task's drum back-tension and the sidewall pressure the cable bears, N
    /// and N/m.
    pub fn pull_task(&self) -> Option<(f64, f64)> {
        self.setup.tasks.iter().find_map(|t| {
            if let RoutingTask::Pull {
                back_tension_n,
                sidewall_max_n_per_m,
                ..
            } = t
            {
                Some((*back_tension_n, *sidewall_max_n_per_m))
            } else {
                None
            }
        })
    }

    /// The decision a pole calls for, with the reason: refused where the label, its
    /// state or a power line forbids it; else from a nacelle.
    pub fn right_decision(&self, i: usize) -> (PoleDecision, Msg) {
        let p = &self.setup.site.poles[i];
        match p.label {
            Label::Yellow => return (PoleDecision::Refuse, Msg::new("why-pole-yellow")),
            Label::Red => return (PoleDecision::Refuse, Msg::new("why-pole-red")),
            Label::Blue | Label::Unlabelled => {}
        }
        match p.condition {
            PoleCondition::Tilted => return (PoleDecision::Refuse, Msg::new("why-pole-tilted")),
            PoleCondition::Decayed {
                sound_diameter_m,
                hollow_m,
            } => {
                let kept =
                    crate::physics::pole::resisting_moment_nm(1.0, sound_diameter_m, hollow_m)
                        / crate::physics::pole::resisting_moment_nm(1.0, p.base_diameter_m, 0.0);
                return (
                    PoleDecision::Refuse,
                    Msg::new("why-pole-decayed").num("pct", 100.0 * kept, 0),
                );
            }
            PoleCondition::Sound => {}
        }
        let reach = self.tool_reach_m();
        for (k, line) in self.setup.site.power_lines.iter().enumerate() {
            let d = self.drawn.line_distances_m[k];
            if line.pole == p.id && !approach_kept(d, reach, line.voltage_kv, line.bare) {
                let limit = crate::physics::clearance::approach_limit_m(line.voltage_kv, true)
                    .unwrap_or(0.0);
                return (
                    PoleDecision::Refuse,
                    Msg::new("why-pole-power-line")
                        .num("d", d, 1)
                        .num("reach", reach, 1)
                        .num("limit", limit, 0),
                );
            }
        }
        (PoleDecision::Nacelle, Msg::new("why-pole-nacelle"))
    }

    fn tool_reach_m(&self) -> f64 {
        self.setup
            .tasks
            .iter()
            .find_map(|t| {
                if let RoutingTask::CheckPoles { tool_reach_m, .. } = t {
                    Some(*tool_reach_m)
                } else {
                    None
                }
            })
            .unwrap_or(0.0)
    }

    /// The poles a `CheckPoles` task names, by index.
    pub fn poles_to_check(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for t in &self.setup.tasks {
            if let RoutingTask::CheckPoles { poles, .. } = t {
                for id in poles {
                    if let Ok(i) = self.pole_index(id)
                        && !out.contains(&i)
                    {
                        out.push(i);
                    }
                }
            }
        }
        out
    }

    /// The line as the hardware rules see it: each pole with its deviation and the
    /// spans on either side.
    pub fn line(&self) -> Vec<LinePole> {
        let site = &self.setup.site;
        site.poles
            .iter()
            .map(|p| {
                let span_at = |f: &dyn Fn(&SpanSpec) -> bool| {
                    site.spans
                        .iter()
                        .position(f)
                        .map(|k| (self.drawn.span_lengths_m[k], site.spans[k].road))
                };
                LinePole {
                    deviation_deg: p.deviation_deg,
                    before: span_at(&|s| s.to == p.id),
                    after: span_at(&|s| s.from == p.id),
                }
            })
            .collect()
    }

    /// The hardware each pole calls for, and the rule behind each anchor.
    pub fn right_hardware(&self) -> Vec<(Hardware, Option<AnchorRule>)> {
        let max = self
            .setup
            .tasks
            .iter()
            .find_map(|t| {
                if let RoutingTask::Hardware {
                    max_suspensions_in_row,
                } = t
                {
                    Some(*max_suspensions_in_row)
                } else {
                    None
                }
            })
            .unwrap_or(crate::physics::hardware::MAX_SUSPENSIONS_IN_ROW);
        choose(&self.line(), max)
    }

    /// A span's sag at tension `t`, m (catenary).
    pub fn sag_m(&self, span: usize, t: f64) -> f64 {
        span::sag_for_tension_catenary(
            self.cable.weight_n_per_m,
            self.drawn.span_lengths_m[span],
            t,
        )
    }

    /// A span's lowest point (from its start, m; height, m) at tension `t`.
    pub fn lowest_point(&self, span: usize, t: f64) -> (f64, f64) {
        let s = &self.setup.site.spans[span];
        let h = |id: &str| {
            self.setup
                .site
                .poles
                .iter()
                .find(|p| p.id == id)
                .map_or(0.0, |p| p.attach_height_m)
        };
        span::lowest_point(
            self.drawn.span_lengths_m[span],
            h(&s.from),
            h(&s.to),
            self.sag_m(span, t),
        )
    }

    /// A span's horizontal tension under each climatic hypothesis, from the laying
    /// tension `t` (parabolic change of state).
    pub fn loaded_tensions_n(&self, span: usize, t: f64) -> Vec<f64> {
        let c = &self.cable;
        let w = c.weight_n_per_m;
        self.setup
            .hypotheses
            .iter()
            .map(|h| {
                let aw = span::apparent_weight(
                    w,
                    c.diameter_m(),
                    h.ice_mm / 1000.0,
                    span::ICE_DENSITY_N_PER_M3,
                    h.wind_pa,
                );
                span::change_of_state(
                    self.drawn.span_lengths_m[span],
                    w,
                    t,
                    aw.resultant_n_per_m,
                    c.ea_n,
                    c.alpha_per_k,
                    h.delta_t_k,
                )
            })
            .collect()
    }

    /// The spans a `Tension` task names, with their target sag (percent).
    pub fn spans_to_tension(&self) -> Vec<(usize, f64)> {
        self.setup
            .tasks
            .iter()
            .filter_map(|t| {
                if let RoutingTask::Tension { span, sag_pct } = t {
                    Some((span.saturating_sub(1), *sag_pct))
                } else {
                    None
                }
            })
            .collect()
    }

    /// The chamber of an `OpenChamber` task, whether it has a ceiling, and whether the
    /// work needs going in.
    pub fn chamber_task(&self) -> Option<(String, bool, bool)> {
        self.setup.tasks.iter().find_map(|t| {
            if let RoutingTask::OpenChamber { chamber, enter } = t {
                {
                    let ceiling = self
                        .setup
                        .site
                        .chambers
                        .iter()
                        .any(|c| &c.id == chamber && c.ceiling);
                    Some((chamber.clone(), ceiling, *enter))
                }
            } else {
                None
            }
        })
    }

    /// The study task: its poles (by index), the new cable's tension, the wind and the
    /// strongest guy.
    pub fn study_task(&self) -> Option<(Vec<usize>, f64, f64, f64)> {
        self.setup.tasks.iter().find_map(|t| {
            if let RoutingTask::PoleStudy {
                poles,
                tension_n,
                hypothesis,
                guy_max_n,
            } = t
            {
                {
                    let idx = poles
                        .iter()
                        .filter_map(|p| self.pole_index(p).ok())
                        .collect();
                    let wind = self
                        .setup
                        .hypotheses
                        .get(hypothesis.saturating_sub(1))
                        .map_or(0.0, |h| h.wind_pa);
                    Some((idx, *tension_n, wind, *guy_max_n))
                }
            } else {
                None
            }
        })
    }

    /// The blowing task: duct ID, cables offered, length, bends, compressor (mm, m, °, bar).
    pub fn blow_task(&self) -> Option<(f64, Vec<f64>, f64, f64, f64)> {
        self.setup.tasks.iter().find_map(|t| {
            if let RoutingTask::Blow {
                duct_id_mm,
                cables_mm,
                length_m,
                bends_deg,
                max_pressure_bar,
            } = t
            {
                Some((
                    *duct_id_mm,
                    cables_mm.clone(),
                    *length_m,
                    *bends_deg,
                    *max_pressure_bar,
                ))
            } else {
                None
            }
        })
    }

    /// The trench task: its zones, the duct's outside diameter (m), an LV cable buried
    /// directly alongside.
    pub fn trench_task(&self) -> Option<(Vec<Zone>, f64, bool)> {
        self.setup.tasks.iter().find_map(|t| {
            if let RoutingTask::Trench {
                zones,
                duct_od_mm,
                direct_buried,
                ..
            } = t
            {
                Some((zones.clone(), duct_od_mm / 1000.0, *direct_buried))
            } else {
                None
            }
        })
    }

    /// Whether the trench ends with an aerial-to-underground transition.
    pub fn transition_task(&self) -> bool {
        self.setup.tasks.iter().any(|t| {
            matches!(
                t,
                RoutingTask::Trench {
                    transition: true,
                    ..
                }
            )
        })
    }

    /// Pole `i`'s load study with the new cable: its existing cables and the new one
    /// (at its attachment, with the spans either side and the line's deviation, a dead
    /// end where the line stops), in the study's wind.
    pub fn study(&self, i: usize) -> Option<Study> {
        let (_, tension, wind, _) = self.study_task()?;
        let p = &self.setup.site.poles[i];
        let line = self.line();
        let lp = line.get(i)?;
        let spans = (
            lp.before.map_or(0.0, |s| s.0),
            lp.after.map_or(0.0, |s| s.0),
        );
        let deviation = if lp.before.is_none() || lp.after.is_none() {
            Deviation::DeadEnd
        } else {
            Deviation::Angle(p.deviation_deg)
        };
        let mut cables: Vec<PoleCable> = p
            .existing
            .iter()
            .map(|e| PoleCable {
                tension_n: e.tension_n,
                diameter_m: e.diameter_mm / 1000.0,
                height_m: e.height_m,
                spans_m: spans,
                deviation,
            })
            .collect();
        cables.push(PoleCable {
            tension_n: tension,
            diameter_m: self.cable.diameter_m(),
            height_m: p.attach_height_m,
            spans_m: spans,
            deviation,
        });
        let pole = Pole {
            height_m: p.height_m,
            base_diameter_m: p.base_diameter_m,
            top_diameter_m: p.top_diameter_m,
            nominal_n: p.nominal_n,
            reference_height_m: p.reference_height_m(),
        };
        Some(study(&pole, &cables, wind))
    }

    /// A guy from the new cable's attachment to an anchor `anchor_m` away, holding pole
    /// `i`'s whole ground-line moment referred to that height.
    pub fn guy_for(&self, i: usize, anchor_m: f64) -> Option<Guy> {
        let s = self.study(i)?;
        let h = self.setup.site.poles[i].attach_height_m;
        Some(guy(s.ground_moment_nm / h, h, anchor_m))
    }

    /// Whether a remedy suits pole `i`, and why: a pole with a bad label or a rotten
    /// foot is refused whatever its study; one under 100 % is accepted; one over, guyed
    /// (within the crew's strongest guy) or strengthened.
    pub fn judge_remedy(&self, i: usize, r: Remedy) -> (bool, Msg) {
        let p = &self.setup.site.poles[i];
        let bad_label = matches!(p.label, Label::Yellow | Label::Red);
        let decayed = matches!(p.condition, PoleCondition::Decayed { .. });
        if bad_label || decayed {
            let why = if decayed {
                self.right_decision(i).1
            } else {
                Msg::new(if p.label == Label::Yellow {
                    "why-pole-yellow"
                } else {
                    "why-pole-red"
                })
            };
            return (
                r == Remedy::Refuse,
                Msg::new("why-study-refuse").msg("why", why),
            );
        }
        let Some(s) = self.study(i) else {
            return (false, Msg::new("fb-route-nothing"));
        };
        let pct = 100.0 * s.utilisation;
        let over = s.utilisation > 1.0;
        match r {
            Remedy::Accept => (
                !over,
                Msg::new(if over {
                    "why-study-over"
                } else {
                    "why-study-fits"
                })
                .num("pct", pct, 0)
                .num("left", s.available_n / 10.0, 0),
            ),
            Remedy::Refuse => (false, Msg::new("why-study-no-refuse").num("pct", pct, 0)),
            Remedy::Strengthen => (
                over,
                Msg::new(if over {
                    "why-study-strengthen"
                } else {
                    "why-study-needless"
                })
                .num("pct", pct, 0),
            ),
            Remedy::Guy { anchor_m } => {
                let max = self.study_task().map_or(0.0, |t| t.3);
                let g = self.guy_for(i, anchor_m);
                let tension = g.map_or(f64::INFINITY, |g| g.tension_n);
                let ok = over && tension <= max;
                let key = if !over {
                    "why-study-needless"
                } else if ok {
                    "why-study-guy-ok"
                } else {
                    "why-study-guy-short"
                };
                (
                    ok,
                    Msg::new(key)
                        .num("pct", pct, 0)
                        .num("d", anchor_m, 1)
                        .num("tg", tension / 10.0, 0)
                        .num("max", max / 10.0, 0)
                        .num("angle", g.map_or(0.0, |g| g.angle_deg), 0)
                        .num("push", g.map_or(0.0, |g| g.compression_n) / 10.0, 0),
                )
            }
        }
    }

    /// The pull with the plan as it stands now (the winch where it is), without making
    /// it: what a pulling calculator would show.
    pub fn plan(&self, from_start: bool) -> Vec<Pull> {
        let (t0, _) = self.pull_task().unwrap_or((0.0, 0.0));
        let mu = self.mu();
        let splits: Vec<usize> = self
            .splits
            .iter()
            .filter_map(|s| self.route_chambers.iter().position(|c| *c == s.chamber))
            .collect();
        pulling::split_pulls(
            &self.guided_sections(),
            &splits,
            from_start,
            self.cable.weight_n_per_m,
            mu,
            t0,
        )
    }

    /// The route's sections with the radius of each turn made inside a chamber (the
    /// bends a section starts with): the guide's when one is fitted there, else the
    /// duct's mouth, [`NO_GUIDE_RADIUS_M`].
    pub fn guided_sections(&self) -> Vec<Vec<Segment>> {
        self.sections
            .iter()
            .enumerate()
            .map(|(k, sec)| {
                let chamber = self.route_chambers.get(k);
                let guide = self
                    .guides
                    .iter()
                    .find(|(c, _)| Some(c) == chamber)
                    .map_or(NO_GUIDE_RADIUS_M, |(_, r)| *r);
                let mut leading = true;
                sec.iter()
                    .map(|s| match *s {
                        Segment::Bend {
                            angle_deg,
                            radius_m: None,
                        } if leading => Segment::Bend {
                            angle_deg,
                            radius_m: Some(guide),
                        },
                        Segment::Bend { .. } => *s,
                        Segment::Straight { .. } => {
                            leading = false;
                            *s
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The bends tighter than the cable's radius under tension: where along the route
    /// from its first chamber (m), the chamber they are in (or none, inside a duct),
    /// and their radius (m).
    pub fn tight_bends(&self) -> Vec<(f64, Option<String>, f64)> {
        let min = self.cable.bend_loaded_m();
        let mut out = Vec::new();
        let mut at = 0.0;
        for (k, sec) in self.guided_sections().iter().enumerate() {
            let mut leading = true;
            for s in sec {
                match *s {
                    Segment::Straight { length_m, .. } => {
                        leading = false;
                        at += length_m;
                    }
                    Segment::Bend {
                        radius_m: Some(r), ..
                    } if r < min => out.push((
                        at,
                        leading
                            .then(|| self.route_chambers.get(k).cloned())
                            .flatten(),
                        r,
                    )),
                    Segment::Bend { .. } => {}
                }
            }
        }
        out
    }

    /// Whether the cable is in place: pulled through to the end where the work is a
    /// pull, else every span of the work tensioned (an aerial drop).
    pub fn laid(&self) -> bool {
        if self.pull_task().is_some() {
            return self.last_pull().is_some_and(PullRun::complete);
        }
        let spans = self.spans_to_tension();
        !spans.is_empty()
            && spans
                .iter()
                .all(|(k, _)| self.span_tensions_n.get(*k).copied().flatten().is_some())
    }

    /// The cable as laid, as link elements: pulled through ducts
    /// ([`Self::pulled_elements`]), or strung over spans (an aerial drop: each tensioned
    /// span and a slack loop at each end; tensioned over the cable's limit, the strain's
    /// loss, or a break far over it).
    pub fn laid_elements(&self, fibre: FibreType) -> Vec<Element> {
        if self.pull_task().is_some() {
            return self.pulled_elements(fibre);
        }
        let mut out = Vec::new();
        let mut length = 2.0 * SLACK_PER_CHAMBER_M;
        let mut worst: f64 = 0.0;
        for (k, _) in self.spans_to_tension() {
            length += self.drawn.span_lengths_m.get(k).copied().unwrap_or(0.0);
            if let Some(t) = self.span_tensions_n.get(k).copied().flatten() {
                let loads = self.loaded_tensions_n(k, t);
                let most = loads.iter().copied().fold(t, f64::max);
                worst = worst.max(most / self.cable.max_tension_n - 1.0);
            }
        }
        out.push(Element::Fibre {
            fibre,
            length_m: length / 2.0,
        });
        if worst > STRAIN_BREAK {
            out.push(Element::Break {
                reflectance_db: None,
            });
        } else if worst > 0.0 {
            out.push(Element::Macrobend {
                loss_1550_db: STRAIN_LOSS_PER_TENTH_DB * worst / 0.1,
            });
        }
        out.push(Element::Fibre {
            fibre,
            length_m: length / 2.0,
        });
        out
    }

    /// The cable as pulled, end A at the route's first chamber, as link elements for the
    /// OTDR: the installed length (the route and a slack loop in each chamber), a loss
    /// at each bend tighter than the cable's radius under tension, and where the cable's
    /// head was pulled over its limit an added loss (or a break, far over it).
    fn pulled_elements(&self, fibre: FibreType) -> Vec<Element> {
        let min = self.cable.bend_loaded_m();
        let mut events: Vec<(f64, Element)> = Vec::new();
        let mut at = SLACK_PER_CHAMBER_M;
        let mut mids = Vec::new();
        for sec in self.guided_sections() {
            let start = at;
            for s in &sec {
                match *s {
                    Segment::Straight { length_m, .. } => at += length_m,
                    Segment::Bend {
                        radius_m: Some(r), ..
                    } if r < min && r > 0.0 => events.push((
                        at,
                        Element::Macrobend {
                            loss_1550_db: TIGHT_BEND_LOSS_1550_DB * (min / r - 1.0),
                        },
                    )),
                    Segment::Bend { .. } => {}
                }
            }
            mids.push((start + at) / 2.0);
            at += SLACK_PER_CHAMBER_M;
        }
        let total = at;
        let worst = self
            .pulls
            .iter()
            .filter(|p| p.overstrained)
            .max_by(|a, b| a.max_tension_n.total_cmp(&b.max_tension_n));
        if let Some(p) = worst {
            let over = p.max_tension_n / self.cable.max_tension_n - 1.0;
            // The head of the cable is at the winch end.
            let head = if p.from_start {
                mids.last()
            } else {
                mids.first()
            };
            let where_m = head.copied().unwrap_or(total / 2.0);
            events.push((
                where_m,
                if over > STRAIN_BREAK {
                    Element::Break {
                        reflectance_db: None,
                    }
                } else {
                    Element::Macrobend {
                        loss_1550_db: STRAIN_LOSS_PER_TENTH_DB * over / 0.1,
                    }
                },
            ));
        }
        events.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out = Vec::new();
        let mut from = 0.0;
        for (x, e) in events {
            if x > from {
                out.push(Element::Fibre {
                    fibre,
                    length_m: x - from,
                });
                from = x;
            }
            out.push(e);
        }
        if total > from {
            out.push(Element::Fibre {
                fibre,
                length_m: total - from,
            });
        }
        out
    }

    pub fn mu(&self) -> f64 {
        if self.lubricated {
            self.drawn.mu_lubricated
        } else {
            self.drawn.mu_dry
        }
    }

    /// The route's whole length, m.
    pub fn route_length_m(&self) -> f64 {
        self.sections
            .iter()
            .map(|s| pulling::route_length_m(s))
            .sum()
    }

    /// The last pull made.
    pub fn last_pull(&self) -> Option<&PullRun> {
        self.pulls.last()
    }

    fn refuse_after_pull(&self) -> Result<(), Refusal> {
        if self.pulls.last().is_some_and(PullRun::complete) {
            return Err(Refusal::new(Msg::new("refuse-route-pulled")));
        }
        Ok(())
    }

    fn pull_now(&mut self) -> Result<Outcome, Refusal> {
        self.refuse_after_pull()?;
        let Some(winch) = self.winch.clone() else {
            return Err(Refusal::new(Msg::new("refuse-route-no-winch")));
        };
        let from_start = self.route_chambers.last() == Some(&winch);
        let parts = self.plan(from_start);
        let cable_max = self.cable.max_tension_n;
        let mut fuse_broke = None;
        let mut max_t: f64 = 0.0;
        let mut max_sw: Option<f64> = None;
        'parts: for (k, p) in parts.iter().enumerate() {
            for n in &p.nodes {
                if let Some(r) = self.swivel_n
                    && n.tension_n > r
                {
                    fuse_broke = Some((k, n.at_m));
                    max_t = max_t.max(r);
                    break 'parts;
                }
                max_t = max_t.max(n.tension_n);
                if let Some(s) = n.sidewall_n_per_m {
                    max_sw = Some(max_sw.map_or(s, |m: f64| m.max(s)));
                }
            }
        }
        let run = PullRun {
            from_start,
            lubricated: self.lubricated,
            mu: self.mu(),
            splits: self.splits.clone(),
            swivel_n: self.swivel_n,
            parts,
            max_tension_n: max_t,
            max_sidewall_n_per_m: max_sw,
            fuse_broke,
            overstrained: max_t > cable_max,
        };
        let msg = match run.fuse_broke {
            Some((_, at)) => Msg::new("out-route-fuse-broke").num("at", at, 0).num(
                "rating",
                run.swivel_n.unwrap_or(0.0) / 10.0,
                0,
            ),
            None if run.overstrained => Msg::new("out-route-pull-over")
                .num("max", max_t / 10.0, 0)
                .num("limit", cable_max / 10.0, 0),
            None => Msg::new("out-route-pulled")
                .num("max", max_t / 10.0, 0)
                .num("limit", cable_max / 10.0, 0),
        };
        self.pulls.push(run);
        Ok(Outcome::of(vec![msg]))
    }
}

impl Bench for RoutingState {
    type Setup = RoutingSetup;

    fn generate(setup: &RoutingSetup, _files: &Attachments, rng: &mut SimRng) -> RoutingState {
        let draw = |v: &Varying<f64>, rng: &mut SimRng| v.draw(rng);
        let span_lengths_m = setup
            .site
            .spans
            .iter()
            .map(|s| draw(&s.length_m, rng))
            .collect();
        let line_distances_m = setup
            .site
            .power_lines
            .iter()
            .map(|l| draw(&l.distance_m, rng))
            .collect();
        let (mu_dry, mu_lubricated) = setup
            .tasks
            .iter()
            .find_map(|t| {
                if let RoutingTask::Pull {
                    mu_dry,
                    mu_lubricated,
                    ..
                } = t
                {
                    Some((*mu_dry, *mu_lubricated))
                } else {
                    None
                }
            })
            .map_or((0.35, 0.15), |(a, b)| (draw(&a, rng), draw(&b, rng)));
        let sections = setup
            .site
            .ducts
            .iter()
            .map(|d| pulling::parse_route(&d.route).unwrap_or_default())
            .collect();
        let mut route_chambers: Vec<String> = Vec::new();
        for d in &setup.site.ducts {
            if route_chambers.is_empty() {
                route_chambers.push(d.from.clone());
            }
            route_chambers.push(d.to.clone());
        }
        RoutingState {
            cable: setup.cable.spec(),
            drawn: Drawn {
                span_lengths_m,
                line_distances_m,
                mu_dry,
                mu_lubricated,
            },
            sections,
            route_chambers,
            poles: vec![PoleWork::default(); setup.site.poles.len()],
            span_tensions_n: vec![None; setup.site.spans.len()],
            winch: None,
            lubricated: false,
            splits: Vec::new(),
            swivel_n: None,
            guides: Vec::new(),
            pulls: Vec::new(),
            steps: Vec::new(),
            blow: BlowWork::default(),
            trench: setup
                .tasks
                .iter()
                .find_map(|t| {
                    if let RoutingTask::Trench { zones, .. } = t {
                        Some(vec![None; zones.len()])
                    } else {
                        None
                    }
                })
                .unwrap_or_default(),
            lv_spacing_m: None,
            transition: None,
            progress: Progress::default(),
            setup: setup.clone(),
        }
    }

    fn apply(&mut self, action: &Action, turn: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Action::Routing(a) = action else {
            return Err(Refusal::wrong_module());
        };
        use super::action::RoutingAction as A;
        match a {
            A::InspectPole { pole } => {
                let i = self.pole_index(pole)?;
                let p = &self.setup.site.poles[i];
                self.poles[i].inspected_at.get_or_insert(turn.index);
                let state = match p.condition {
                    PoleCondition::Sound => Msg::new("pole-sound"),
                    PoleCondition::Tilted => Msg::new("pole-tilted"),
                    PoleCondition::Decayed { .. } => Msg::new("pole-decayed"),
                };
                let mut msgs = vec![
                    Msg::new("out-route-pole")
                        .text("pole", p.id.clone())
                        .msg("label", label_name(p.label))
                        .text("number", p.number.clone())
                        .msg("state", state),
                ];
                for (k, l) in self.setup.site.power_lines.iter().enumerate() {
                    if l.pole == p.id {
                        msgs.push(
                            Msg::new(if l.bare {
                                "out-route-line-bare"
                            } else {
                                "out-route-line-insulated"
                            })
                            .num("d", self.drawn.line_distances_m[k], 1)
                            .num("kv", l.voltage_kv, 1),
                        );
                    }
                }
                Ok(Outcome::of(msgs))
            }
            A::RecordPole { pole, number } => {
                let i = self.pole_index(pole)?;
                let n = number.trim();
                if n.is_empty() || n.chars().count() > 32 {
                    return Err(Refusal::new(Msg::new("refuse-route-number")));
                }
                self.poles[i].number = Some(n.to_string());
                Ok(Outcome::of(vec![
                    Msg::new("out-route-recorded").text("pole", pole.clone()),
                ]))
            }
            A::DecidePole { pole, decision } => {
                let i = self.pole_index(pole)?;
                self.poles[i].decision = Some(*decision);
                self.poles[i].decided_at = Some(turn.index);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-decided")
                        .text("pole", pole.clone())
                        .msg("decision", decision_name(*decision)),
                ]))
            }
            A::SetHardware { pole, hardware } => {
                let i = self.pole_index(pole)?;
                self.poles[i].hardware = Some(*hardware);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-hardware")
                        .text("pole", pole.clone())
                        .msg("hardware", hardware_name(*hardware)),
                ]))
            }
            A::TensionSpan { span, tension_n } => {
                let k = span.saturating_sub(1) as usize;
                if *span == 0 || k >= self.setup.site.spans.len() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-no-span").int("span", *span),
                    ));
                }
                within(*tension_n, &CABLE_TENSION_N, "refuse-route-tension")?;
                self.span_tensions_n[k] = Some(*tension_n);
                let sag = self.sag_m(k, *tension_n);
                let (_, low) = self.lowest_point(k, *tension_n);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-tensioned")
                        .int("span", *span)
                        .num("t", tension_n / 10.0, 1)
                        .num("sag", sag, 2)
                        .num("low", low, 2),
                ]))
            }
            A::PlaceWinch { chamber } => {
                self.refuse_after_pull()?;
                let i = self.chamber_on_route(chamber)?;
                if i != 0 && i + 1 != self.route_chambers.len() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-winch-end").text("chamber", chamber.clone()),
                    ));
                }
                self.winch = Some(chamber.clone());
                Ok(Outcome::of(vec![
                    Msg::new("out-route-winch").text("chamber", chamber.clone()),
                ]))
            }
            A::Lubricate { on } => {
                self.refuse_after_pull()?;
                self.lubricated = *on;
                Ok(Outcome::of(vec![Msg::new(if *on {
                    "out-route-lubricated"
                } else {
                    "out-route-dry"
                })]))
            }
            A::SplitAt {
                chamber,
                lobe_radius_m,
            } => {
                self.refuse_after_pull()?;
                let i = self.chamber_on_route(chamber)?;
                if i == 0 || i + 1 == self.route_chambers.len() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-split-end").text("chamber", chamber.clone()),
                    ));
                }
                within(*lobe_radius_m, &SITE_DISTANCE_M, "refuse-route-distance")?;
                self.splits.retain(|s| &s.chamber != chamber);
                if *lobe_radius_m > 0.0 {
                    self.splits.push(Split {
                        chamber: chamber.clone(),
                        lobe_radius_m: *lobe_radius_m,
                    });
                }
                Ok(Outcome::of(vec![
                    Msg::new(if *lobe_radius_m > 0.0 {
                        "out-route-split"
                    } else {
                        "out-route-no-split"
                    })
                    .text("chamber", chamber.clone())
                    .num("r", *lobe_radius_m, 2),
                ]))
            }
            A::FitSwivel { rating_n } => {
                self.refuse_after_pull()?;
                within(*rating_n, &SWIVEL_N, "refuse-route-swivel")?;
                self.swivel_n = Some(*rating_n);
                Ok(Outcome::of(vec![Msg::new("out-route-swivel").num(
                    "r",
                    rating_n / 10.0,
                    0,
                )]))
            }
            A::FitGuide { chamber, radius_m } => {
                self.refuse_after_pull()?;
                self.chamber_on_route(chamber)?;
                let largest = self
                    .setup
                    .site
                    .chambers
                    .iter()
                    .find(|c| &c.id == chamber)
                    .map_or(0.0, |c| c.kind.largest_radius_m());
                if !(*radius_m > 0.0 && *radius_m <= largest) {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-guide")
                            .text("chamber", chamber.clone())
                            .num("max", largest, 2),
                    ));
                }
                self.guides.retain(|(c, _)| c != chamber);
                self.guides.push((chamber.clone(), *radius_m));
                Ok(Outcome::of(vec![
                    Msg::new("out-route-guide")
                        .text("chamber", chamber.clone())
                        .num("r", *radius_m, 2),
                ]))
            }
            A::StartPull => self.pull_now(),
            A::ChooseCable { diameter_mm } => {
                let Some((_, offered, ..)) = self.blow_task() else {
                    return Err(Refusal::new(Msg::new("refuse-route-no-blow")));
                };
                if !offered.iter().any(|d| (d - diameter_mm).abs() < 1e-9) {
                    return Err(Refusal::new(Msg::new("refuse-route-cable-offered").num(
                        "d",
                        *diameter_mm,
                        1,
                    )));
                }
                self.blow.cable_mm = Some(*diameter_mm);
                Ok(Outcome::of(vec![Msg::new("out-route-cable").num(
                    "d",
                    *diameter_mm,
                    1,
                )]))
            }
            A::ChooseMethod { method } => {
                if self.blow_task().is_none() {
                    return Err(Refusal::new(Msg::new("refuse-route-no-blow")));
                }
                self.blow.method = Some(*method);
                Ok(Outcome::of(vec![Msg::new(match method {
                    LayMethod::Pull => "out-route-method-pull",
                    LayMethod::Blow => "out-route-method-blow",
                })]))
            }
            A::PressureTest { bar } => {
                if self.blow_task().is_none() {
                    return Err(Refusal::new(Msg::new("refuse-route-no-blow")));
                }
                within(*bar, &crate::limits::PRESSURE_BAR, "refuse-route-pressure")?;
                let best = self.blow.tested_bar.map_or(*bar, |b| b.max(*bar));
                self.blow.tested_bar = Some(best);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-tested").num("bar", *bar, 1),
                ]))
            }
            A::StartBlowing { pressure_bar } => {
                let Some((id, _, length, bends, max_bar)) = self.blow_task() else {
                    return Err(Refusal::new(Msg::new("refuse-route-no-blow")));
                };
                let Some(d) = self.blow.cable_mm else {
                    return Err(Refusal::new(Msg::new("refuse-route-no-cable")));
                };
                if self.blow.method != Some(LayMethod::Blow) {
                    return Err(Refusal::new(Msg::new("refuse-route-not-blowing")));
                }
                within(
                    *pressure_bar,
                    &crate::limits::PRESSURE_BAR,
                    "refuse-route-pressure",
                )?;
                if *pressure_bar > max_bar {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-compressor").num("max", max_bar, 0),
                    ));
                }
                let (_, area) = crate::physics::duct::fill(id / 1000.0, &[d / 1000.0]);
                let reach = crate::physics::blowing::reach_m(*pressure_bar, area, bends);
                let tested = self
                    .blow
                    .tested_bar
                    .is_some_and(|b| b >= crate::physics::blowing::DUCT_TEST_BAR);
                self.blow.shot = Some((*pressure_bar, reach, tested));
                Ok(Outcome::of(vec![
                    Msg::new(if reach >= length {
                        "out-route-blown"
                    } else {
                        "out-route-blow-short"
                    })
                    .num("reach", reach.min(length), 0)
                    .num("len", length, 0),
                ]))
            }
            A::DigZone {
                zone,
                bottom_m,
                mesh_depth_m,
                mesh,
            } => {
                let k = zone.saturating_sub(1) as usize;
                if *zone == 0 || k >= self.trench.len() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-no-zone").int("zone", *zone),
                    ));
                }
                for v in [bottom_m, mesh_depth_m] {
                    within(*v, &crate::limits::TRENCH_DEPTH_M, "refuse-route-depth")?;
                }
                if mesh_depth_m >= bottom_m {
                    return Err(Refusal::new(Msg::new("refuse-route-mesh-below")));
                }
                self.trench[k] = Some(Dug {
                    bottom_m: *bottom_m,
                    mesh_depth_m: *mesh_depth_m,
                    mesh: *mesh,
                });
                Ok(Outcome::of(vec![
                    Msg::new("out-route-dug")
                        .int("zone", *zone)
                        .num("bottom", *bottom_m, 2)
                        .num("mesh", *mesh_depth_m, 2),
                ]))
            }
            A::BuildTransition {
                pbo_height_m,
                guard_m,
                anchored,
            } => {
                if !self.transition_task() {
                    return Err(Refusal::new(Msg::new("refuse-route-no-transition")));
                }
                for v in [pbo_height_m, guard_m] {
                    within(*v, &SITE_DISTANCE_M, "refuse-route-transition")?;
                }
                self.transition = Some((*pbo_height_m, *guard_m, *anchored));
                Ok(Outcome::of(vec![
                    Msg::new("out-route-transition")
                        .num("pbo", *pbo_height_m, 2)
                        .num("guard", *guard_m, 2),
                ]))
            }
            A::SetLvSpacing { spacing_m } => {
                if self.trench_task().is_none() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-no-zone").int("zone", 1),
                    ));
                }
                within(
                    *spacing_m,
                    &crate::limits::TRENCH_DEPTH_M,
                    "refuse-route-depth",
                )?;
                self.lv_spacing_m = Some(*spacing_m);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-spacing").num("m", *spacing_m, 2),
                ]))
            }
            A::ReadLoad {
                pole,
                utilisation_pct,
            } => {
                let i = self.pole_index(pole)?;
                within(
                    *utilisation_pct,
                    &crate::limits::UTILISATION_PCT,
                    "refuse-route-reading",
                )?;
                self.poles[i].reading_pct = Some(*utilisation_pct);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-reading")
                        .text("pole", pole.clone())
                        .num("pct", *utilisation_pct, 0),
                ]))
            }
            A::SetRemedy { pole, remedy } => {
                let i = self.pole_index(pole)?;
                if let Remedy::Guy { anchor_m } = remedy {
                    within(*anchor_m, &SITE_DISTANCE_M, "refuse-route-distance")?;
                    if *anchor_m <= 0.0 {
                        return Err(Refusal::new(
                            Msg::new("refuse-route-distance").num("min", 0.1, 1).num(
                                "max",
                                SITE_DISTANCE_M.max,
                                1,
                            ),
                        ));
                    }
                }
                self.poles[i].remedy = Some(*remedy);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-remedy")
                        .text("pole", pole.clone())
                        .msg("remedy", remedy_name(*remedy)),
                ]))
            }
            A::Step { step } => {
                if self.chamber_task().is_none() {
                    return Err(Refusal::new(Msg::new("refuse-route-no-chamber-task")));
                }
                self.steps.push(*step);
                Ok(Outcome::of(vec![step_name(*step)]))
            }
        }
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        for i in self.poles_to_check() {
            let id = self.setup.site.poles[i].id.clone();
            let w = &self.poles[i];
            if w.inspected_at.is_none() {
                return Ok(Msg::new("hint-route-inspect").text("pole", id));
            }
            if w.number.is_none() {
                return Ok(Msg::new("hint-route-record").text("pole", id));
            }
            if w.decision.is_none() {
                return Ok(Msg::new("hint-route-decide").text("pole", id));
            }
        }
        let hardware = self
            .setup
            .tasks
            .iter()
            .any(|t| matches!(t, RoutingTask::Hardware { .. }));
        if hardware && let Some(i) = self.poles.iter().position(|w| w.hardware.is_none()) {
            return Ok(
                Msg::new("hint-route-hardware").text("pole", self.setup.site.poles[i].id.clone())
            );
        }
        if let Some((poles, ..)) = self.study_task() {
            for i in poles {
                let id = self.setup.site.poles[i].id.clone();
                if self.poles[i].reading_pct.is_none() {
                    return Ok(Msg::new("hint-route-study").text("pole", id));
                }
                if self.poles[i].remedy.is_none() {
                    return Ok(Msg::new("hint-route-remedy").text("pole", id));
                }
            }
        }
        if let Some((_, _, length, ..)) = self.blow_task() {
            if self.blow.cable_mm.is_none() {
                return Ok(Msg::new("hint-route-cable"));
            }
            if self.blow.method.is_none() {
                return Ok(Msg::new("hint-route-method").num("len", length, 0));
            }
            if self.blow.method == Some(LayMethod::Blow) && self.blow.shot.is_none() {
                return Ok(Msg::new("hint-route-blow"));
            }
        }
        if let Some((zones, ..)) = self.trench_task() {
            if let Some(k) = self.trench.iter().position(Option::is_none) {
                return Ok(Msg::new("hint-route-dig")
                    .int("zone", (k + 1) as u32)
                    .msg("kind", zone_name(zones[k])));
            }
            if self.lv_spacing_m.is_none() {
                return Ok(Msg::new("hint-route-spacing"));
            }
            if self.transition_task() && self.transition.is_none() {
                return Ok(Msg::new("hint-route-transition"));
            }
        }
        for (k, pct) in self.spans_to_tension() {
            if self.span_tensions_n.get(k).copied().flatten().is_none() {
                return Ok(Msg::new("hint-route-tension")
                    .int("span", (k + 1) as u32)
                    .num("pct", pct, 1));
            }
        }
        if self.pull_task().is_some() && !self.pulls.last().is_some_and(PullRun::complete) {
            if self.winch.is_none() {
                return Ok(Msg::new("hint-route-winch"));
            }
            return Ok(Msg::new("hint-route-pull"));
        }
        if let Some((_, ceiling, enter)) = self.chamber_task() {
            let next = procedure(ceiling, enter)
                .into_iter()
                .find(|s| !self.steps.contains(s));
            if let Some(s) = next {
                return Ok(Msg::new("hint-route-step").msg("step", step_name(s)));
            }
        }
        Ok(Msg::new("hint-route-finish"))
    }

    fn task_lines(&self) -> Vec<Msg> {
        self.setup
            .tasks
            .iter()
            .map(|t| match t {
                RoutingTask::CheckPoles { poles, .. } => {
                    Msg::new("task-route-check-poles").text("poles", poles.join(", "))
                }
                RoutingTask::Hardware { .. } => {
                    Msg::new("task-route-hardware").int("n", self.poles.len() as u32)
                }
                RoutingTask::Tension { span, sag_pct } => Msg::new("task-route-tension")
                    .int("span", *span as u32)
                    .num("pct", *sag_pct, 1),
                RoutingTask::Pull { .. } => Msg::new("task-route-pull")
                    .text(
                        "from",
                        self.route_chambers.first().cloned().unwrap_or_default(),
                    )
                    .text(
                        "to",
                        self.route_chambers.last().cloned().unwrap_or_default(),
                    )
                    .num("len", self.route_length_m(), 0)
                    .num("max", self.cable.max_tension_n / 10.0, 0),
                RoutingTask::OpenChamber { chamber, .. } => {
                    Msg::new("task-route-open-chamber").text("chamber", chamber.clone())
                }
                RoutingTask::Blow {
                    duct_id_mm,
                    length_m,
                    ..
                } => Msg::new("task-route-blow")
                    .num("id", *duct_id_mm, 0)
                    .num("len", *length_m, 0),
                RoutingTask::Trench { zones, .. } => {
                    Msg::new("task-route-trench").int("n", zones.len() as u32)
                }
                RoutingTask::PoleStudy { poles, .. } => {
                    Msg::new("task-route-study").text("poles", poles.join(", "))
                }
            })
            .collect()
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        Summary {
            drawn: serde_json::to_value(&self.drawn).unwrap_or(Value::Null),
            key: "routing",
            result: json!({
                "poles": serde_json::to_value(&self.poles).unwrap_or(Value::Null),
                "span_tensions_n": self.span_tensions_n,
                "pulls": serde_json::to_value(&self.pulls).unwrap_or(Value::Null),
                "steps": serde_json::to_value(&self.steps).unwrap_or(Value::Null),
                "guides": serde_json::to_value(&self.guides).unwrap_or(Value::Null),
                "blow": serde_json::to_value(&self.blow).unwrap_or(Value::Null),
                "trench": serde_json::to_value(&self.trench).unwrap_or(Value::Null),
                "lv_spacing_m": self.lv_spacing_m,
                "transition": self.transition,
            }),
        }
    }
}

/// The steps a chamber opening takes, in a safe order: signs, cones, PPE and the
/// detector before the cover; the cover freed, lifted with the lifter and stored away;
/// the guard rail; gas measured before going into a chamber with a ceiling; closed, and
/// the signs taken away last.
pub fn procedure(ceiling: bool, enter: bool) -> Vec<SiteStep> {
    use SiteStep as S;
    let mut v = vec![
        S::ApproachSign,
        S::Cones,
        S::Ppe,
        S::GasDetector,
        S::FreeCover,
        S::LiftCoverMagnetic,
        S::StoreCover,
        S::GuardRail,
    ];
    if enter {
        if ceiling {
            v.push(S::GasCheck);
        }
        v.push(S::Enter);
    }
    v.extend([S::CloseCover, S::RemoveSigns]);
    v
}

pub fn label_name(l: Label) -> Msg {
    Msg::new(match l {
        Label::Blue => "label-blue",
        Label::Yellow => "label-yellow",
        Label::Red => "label-red",
        Label::Unlabelled => "label-none",
    })
}

pub fn decision_name(d: PoleDecision) -> Msg {
    Msg::new(match d {
        PoleDecision::Nacelle => "decision-nacelle",
        PoleDecision::Ladder => "decision-ladder",
        PoleDecision::Refuse => "decision-refuse",
    })
}

pub fn zone_name(z: Zone) -> Msg {
    Msg::new(match z {
        Zone::Farmland => "zone-farmland",
        Zone::Road => "zone-road",
        Zone::Pavement => "zone-pavement",
        Zone::Other => "zone-other",
    })
}

pub fn mesh_name(m: MeshColour) -> Msg {
    Msg::new(match m {
        MeshColour::Green => "mesh-green",
        MeshColour::Red => "mesh-red",
        MeshColour::Yellow => "mesh-yellow",
        MeshColour::Blue => "mesh-blue",
        MeshColour::Brown => "mesh-brown",
    })
}

pub fn remedy_name(r: Remedy) -> Msg {
    match r {
        Remedy::Accept => Msg::new("remedy-accept"),
        Remedy::Guy { anchor_m } => Msg::new("remedy-guy").num("d", anchor_m, 1),
        Remedy::Strengthen => Msg::new("remedy-strengthen"),
        Remedy::Refuse => Msg::new("remedy-refuse"),
    }
}

pub fn hardware_name(h: Hardware) -> Msg {
    Msg::new(match h {
        Hardware::Anchor => "hardware-anchor",
        Hardware::Suspension => "hardware-suspension",
    })
}

pub fn rule_name(r: AnchorRule) -> Msg {
    Msg::new(match r {
        AnchorRule::LineEnd => "rule-line-end",
        AnchorRule::RoadCrossing => "rule-road",
        AnchorRule::Angle => "rule-angle",
        AnchorRule::UnbalancedSpans => "rule-unbalanced",
        AnchorRule::Alignment => "rule-alignment",
    })
}

pub fn step_name(s: SiteStep) -> Msg {
    Msg::new(match s {
        SiteStep::ApproachSign => "step-approach-sign",
        SiteStep::Cones => "step-cones",
        SiteStep::Ppe => "step-ppe",
        SiteStep::GasDetector => "step-gas-detector",
        SiteStep::FreeCover => "step-free-cover",
        SiteStep::LiftCoverMagnetic => "step-lift-magnetic",
        SiteStep::LiftCoverByHand => "step-lift-by-hand",
        SiteStep::StoreCover => "step-store-cover",
        SiteStep::GuardRail => "step-guard-rail",
        SiteStep::GasCheck => "step-gas-check",
        SiteStep::Enter => "step-enter",
        SiteStep::CloseCover => "step-close-cover",
        SiteStep::RemoveSigns => "step-remove-signs",
    })
}

/// Where the road clearance stands on a span at tension `t`: its lowest point, and
/// whether it clears [`ROAD_CLEARANCE_M`].
pub fn clears_road(st: &RoutingState, span: usize, t: f64) -> (f64, bool) {
    let (_, low) = st.lowest_point(span, t);
    (low, low >= ROAD_CLEARANCE_M)
}
