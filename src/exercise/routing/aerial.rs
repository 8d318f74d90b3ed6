//! The aerial station: the poles and the spans of the line. Each pole is inspected, its
//! card filled and the way up decided before anyone climbs; the line's hardware chosen;
//! a span tensioned while the dynamometer is watched; the poles' load study read and
//! each pole accepted, guyed, strengthened or refused (ROUTING §2).
//!
//! The poles and spans are the site's: a trainee may work on them whatever the tasks ask
//! (the station is always on the bench; its tasks say what is asked).

use serde::{Deserialize, Serialize};

use super::site::{Site, within};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, CABLE_TENSION_N, Limit, SITE_DISTANCE_M};
use crate::physics::clearance::{ROAD_CLEARANCE_M, approach_kept};
use crate::physics::hardware::{AnchorRule, Hardware, choose};
use crate::physics::pole::{Deviation, Guy, Pole, PoleCable, Study, guy, study};
use crate::rng::SimRng;
use crate::scenario::routing::{
    HardwareTask, Hypothesis, Label, PoleCondition, PoleStudyTask, RoutingTask, TensionTask,
};

/// A section of the line (the spans between two anchors) as a pole's study takes it.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionTension {
    /// Its spans, by index, in the line's order.
    pub spans: Vec<usize>,
    /// Its ruling span, m (√(ΣL³/ΣL)).
    pub ruling_m: f64,
    /// The new cable's laying tension, in still air, N.
    pub laid_n: f64,
    /// Its tension under the study's hypothesis, N.
    pub tension_n: f64,
}

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

/// A gesture at a pole or on a span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum AerialAction {
    /// Look the pole over: its label, its state, the lines near it.
    InspectPole { pole: String },
    /// Write the label's number on the pole's card.
    RecordPole { pole: String, number: String },
    /// Climb from a nacelle, from a ladder, or refuse the pole.
    DecidePole {
        pole: String,
        decision: PoleDecision,
    },
    /// Fit an anchor or a suspension at the pole.
    SetHardware { pole: String, hardware: Hardware },
    /// Tension span `span` (1 = first) to `tension_n`, read on the dynamometer.
    TensionSpan { span: u32, tension_n: f64 },
    /// Write the utilisation read in a pole's load study, percent.
    ReadLoad { pole: String, utilisation_pct: f64 },
    /// Decide what the study leads to for the pole.
    SetRemedy { pole: String, remedy: Remedy },
}

impl AerialAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            AerialAction::InspectPole { .. } => "act-inspect-pole",
            AerialAction::RecordPole { .. } => "act-record-pole",
            AerialAction::DecidePole { .. } => "act-decide-pole",
            AerialAction::SetHardware { .. } => "act-set-hardware",
            AerialAction::TensionSpan { .. } => "act-tension-span",
            AerialAction::ReadLoad { .. } => "act-read-load",
            AerialAction::SetRemedy { .. } => "act-set-remedy",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            AerialAction::TensionSpan { tension_n, .. } => {
                vec![("tension_n", *tension_n, &limits::CABLE_TENSION_N)]
            }
            AerialAction::ReadLoad {
                utilisation_pct, ..
            } => vec![(
                "utilisation_pct",
                *utilisation_pct,
                &limits::UTILISATION_PCT,
            )],
            AerialAction::SetRemedy { remedy, .. } => match remedy {
                Remedy::Guy { anchor_m } => {
                    vec![("remedy.anchor_m", *anchor_m, &limits::SITE_DISTANCE_M)]
                }
                Remedy::Accept | Remedy::Strengthen | Remedy::Refuse => vec![],
            },
            AerialAction::InspectPole { .. }
            | AerialAction::RecordPole { .. }
            | AerialAction::DecidePole { .. }
            | AerialAction::SetHardware { .. } => vec![],
        }
    }
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

/// The aerial station: its tasks (in the scenario's order), each pole's work and each
/// span's tension.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aerial {
    #[serde(skip)]
    pub tasks: Vec<RoutingTask>,
    /// Each pole of the site, in its order.
    pub poles: Vec<PoleWork>,
    /// The tension each span was set to, N.
    pub span_tensions_n: Vec<Option<f64>>,
}

impl Aerial {
    /// The scenario's tasks that are this station's.
    pub fn tasks_of(tasks: &[RoutingTask]) -> Vec<RoutingTask> {
        tasks
            .iter()
            .filter(|t| {
                matches!(
                    t,
                    RoutingTask::CheckPoles(_)
                        | RoutingTask::Hardware(_)
                        | RoutingTask::Tension(_)
                        | RoutingTask::PoleStudy(_)
                )
            })
            .cloned()
            .collect()
    }

    /// The hardware task (the first, if several).
    pub fn hardware_task(&self) -> Option<&HardwareTask> {
        self.tasks.iter().find_map(|t| {
            if let RoutingTask::Hardware(h) = t {
                Some(h)
            } else {
                None
            }
        })
    }

    /// The load study task (the first, if several).
    pub fn study_task(&self) -> Option<&PoleStudyTask> {
        self.tasks.iter().find_map(|t| {
            if let RoutingTask::PoleStudy(s) = t {
                Some(s)
            } else {
                None
            }
        })
    }

    fn tension_tasks(&self) -> impl Iterator<Item = &TensionTask> {
        self.tasks.iter().filter_map(|t| {
            if let RoutingTask::Tension(s) = t {
                Some(s)
            } else {
                None
            }
        })
    }

    /// The decision a pole calls for, with the reason: refused where the label, its
    /// state or a power line forbids it; else from a nacelle.
    pub fn right_decision(&self, site: &Site, i: usize) -> (PoleDecision, Msg) {
        let p = &site.poles()[i];
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
        for (k, line) in site.setup.site.power_lines.iter().enumerate() {
            let d = site.drawn.line_distances_m[k];
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
        self.tasks
            .iter()
            .find_map(|t| {
                if let RoutingTask::CheckPoles(c) = t {
                    Some(c.tool_reach_m)
                } else {
                    None
                }
            })
            .unwrap_or(0.0)
    }

    /// The poles the `CheckPoles` tasks name, by index.
    pub fn poles_to_check(&self, site: &Site) -> Vec<usize> {
        let mut out = Vec::new();
        for t in &self.tasks {
            if let RoutingTask::CheckPoles(c) = t {
                for id in &c.poles {
                    if let Ok(i) = site.pole_index(id)
                        && !out.contains(&i)
                    {
                        out.push(i);
                    }
                }
            }
        }
        out
    }

    /// The hardware each pole calls for, and the rule behind each anchor.
    pub fn right_hardware(&self, site: &Site) -> Vec<(Hardware, Option<AnchorRule>)> {
        let max = self
            .hardware_task()
            .map_or(crate::physics::hardware::MAX_SUSPENSIONS_IN_ROW, |h| {
                h.max_suspensions_in_row
            });
        choose(&site.line(), max)
    }

    /// The spans the `Tension` tasks name (by index), with their target sag (percent).
    pub fn spans_to_tension(&self) -> Vec<(usize, f64)> {
        self.tension_tasks()
            .map(|t| (t.span.saturating_sub(1), t.sag_pct))
            .collect()
    }

    /// Every span the work asks for is tensioned.
    pub fn all_tensioned(&self) -> bool {
        let spans = self.spans_to_tension();
        !spans.is_empty()
            && spans
                .iter()
                .all(|(k, _)| self.span_tensions_n.get(*k).copied().flatten().is_some())
    }

    /// The study's poles, by index.
    pub fn study_poles(&self, site: &Site) -> Vec<usize> {
        self.study_task().map_or_else(Vec::new, |t| {
            t.poles
                .iter()
                .filter_map(|p| site.pole_index(p).ok())
                .collect()
        })
    }

    /// The climatic hypothesis the study takes.
    fn study_hypothesis<'a>(&self, site: &'a Site) -> Option<&'a Hypothesis> {
        let t = self.study_task()?;
        site.setup.hypotheses.get(t.hypothesis.saturating_sub(1))
    }

    /// The wind the study takes, Pa (its climatic hypothesis's).
    pub fn study_wind_pa(&self, site: &Site) -> f64 {
        self.study_hypothesis(site).map_or(0.0, |h| h.wind_pa)
    }

    /// The section that holds span `k`: the spans between the anchors either side, as
    /// the hardware rules place them (a line's ends, angles over 25°, road crossings,
    /// unbalanced spans, the alignment count), in the line's order.
    pub fn section_of(&self, site: &Site, k: usize) -> Vec<usize> {
        let spans = &site.setup.site.spans;
        if k >= spans.len() {
            return Vec::new();
        }
        let hardware = self.right_hardware(site);
        let through = |id: &str| {
            site.pole_index(id)
                .ok()
                .and_then(|j| hardware.get(j))
                .is_some_and(|(h, _)| *h == Hardware::Suspension)
        };
        let mut out = vec![k];
        let mut at = k;
        while out.len() < spans.len() && through(&spans[at].from) {
            match spans.iter().position(|s| s.to == spans[at].from) {
                Some(p) if !out.contains(&p) => {
                    out.insert(0, p);
                    at = p;
                }
                Some(_) | None => break,
            }
        }
        at = k;
        while out.len() < spans.len() && through(&spans[at].to) {
            match spans.iter().position(|s| s.from == spans[at].to) {
                Some(n) if !out.contains(&n) => {
                    out.push(n);
                    at = n;
                }
                Some(_) | None => break,
            }
        }
        out
    }

    /// The new cable in span `k`'s section under the study's hypothesis: laid at the
    /// task's tension in still air, then the change of state over the section's ruling
    /// span (ROUTING §2.5 step 1; NF C 11-201 takes the tension under the load
    /// hypothesis, not the laying one).
    fn section_tension(&self, site: &Site, k: usize) -> Option<SectionTension> {
        let laid_n = self.study_task()?.tension_n;
        let h = self.study_hypothesis(site)?;
        let spans = self.section_of(site, k);
        let lengths: Vec<f64> = spans
            .iter()
            .map(|&s| site.drawn.span_lengths_m[s])
            .collect();
        let ruling_m = crate::physics::span::ruling_span_m(&lengths);
        Some(SectionTension {
            tension_n: site.tension_under_n(ruling_m, laid_n, h),
            spans,
            ruling_m,
            laid_n,
        })
    }

    /// The sections of the line at pole `i`, the span before's then the span after's
    /// (the same one twice where the pole is inside a section; one missing at a line's
    /// end), each with the new cable's tension the study takes.
    pub fn study_sections(&self, site: &Site, i: usize) -> [Option<SectionTension>; 2] {
        let (before, after) = site.spans_at(i);
        [before, after].map(|k| k.and_then(|k| self.section_tension(site, k)))
    }

    /// Pole `i`'s load study with the new cable: its existing cables (at the tension the
    /// scenario gives them) and the new one (at its attachment, with the spans either
    /// side and the line's deviation, a dead end where the line stops, each side at its
    /// section's tension under the hypothesis), in the study's wind; an iced cable
    /// catches the wind over its iced diameter.
    pub fn study(&self, site: &Site, i: usize) -> Option<Study> {
        self.study_task()?;
        let wind = self.study_wind_pa(site);
        let ice_m = self
            .study_hypothesis(site)
            .map_or(0.0, |h| h.ice_mm / 1000.0);
        let p = &site.poles()[i];
        let line = site.line();
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
        let [before, after] = self.study_sections(site, i).map(|s| s.map(|s| s.tension_n));
        let tensions = match (before, after) {
            (Some(a), Some(b)) => (a, b),
            (Some(t), None) | (None, Some(t)) => (t, t),
            (None, None) => return None,
        };
        let mut cables: Vec<PoleCable> = p
            .existing
            .iter()
            .map(|e| PoleCable {
                tensions_n: (e.tension_n, e.tension_n),
                diameter_m: e.diameter_mm / 1000.0 + 2.0 * ice_m,
                height_m: e.height_m,
                spans_m: spans,
                deviation,
            })
            .collect();
        cables.push(PoleCable {
            tensions_n: tensions,
            diameter_m: site.cable.diameter_m() + 2.0 * ice_m,
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
    pub fn guy_for(&self, site: &Site, i: usize, anchor_m: f64) -> Option<Guy> {
        let s = self.study(site, i)?;
        let h = site.poles()[i].attach_height_m;
        Some(guy(s.ground_moment_nm / h, h, anchor_m))
    }

    /// Whether a remedy suits pole `i`, and why: a pole with a bad label or a rotten
    /// foot is refused whatever its study; one under 100 % is accepted; one over, guyed
    /// (within the crew's strongest guy) or strengthened.
    pub fn judge_remedy(&self, site: &Site, i: usize, r: Remedy) -> (bool, Msg) {
        let p = &site.poles()[i];
        let bad_label = matches!(p.label, Label::Yellow | Label::Red);
        let decayed = matches!(p.condition, PoleCondition::Decayed { .. });
        if bad_label || decayed {
            let why = if decayed {
                self.right_decision(site, i).1
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
        let Some(s) = self.study(site, i) else {
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
                let max = self.study_task().map_or(0.0, |t| t.guy_max_n);
                let g = self.guy_for(site, i, anchor_m);
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
}

impl Station for Aerial {
    type Task = Vec<RoutingTask>;
    type Action = AerialAction;
    type Shared = Site;

    fn generate(tasks: &Vec<RoutingTask>, site: &Site, _rng: &mut SimRng) -> Aerial {
        Aerial {
            tasks: Aerial::tasks_of(tasks),
            poles: vec![PoleWork::default(); site.poles().len()],
            span_tensions_n: vec![None; site.setup.site.spans.len()],
        }
    }

    fn apply(
        &mut self,
        site: &mut Site,
        a: &AerialAction,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        use AerialAction as A;
        match a {
            A::InspectPole { pole } => {
                let i = site.pole_index(pole)?;
                let p = &site.poles()[i];
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
                for (k, l) in site.setup.site.power_lines.iter().enumerate() {
                    if l.pole == p.id {
                        msgs.push(
                            Msg::new(if l.bare {
                                "out-route-line-bare"
                            } else {
                                "out-route-line-insulated"
                            })
                            .num("d", site.drawn.line_distances_m[k], 1)
                            .num("kv", l.voltage_kv, 1),
                        );
                    }
                }
                Ok(Outcome::of(msgs))
            }
            A::RecordPole { pole, number } => {
                let i = site.pole_index(pole)?;
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
                let i = site.pole_index(pole)?;
                self.poles[i].decision = Some(*decision);
                self.poles[i].decided_at = Some(turn.index);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-decided")
                        .text("pole", pole.clone())
                        .msg("decision", decision_name(*decision)),
                ]))
            }
            A::SetHardware { pole, hardware } => {
                let i = site.pole_index(pole)?;
                self.poles[i].hardware = Some(*hardware);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-hardware")
                        .text("pole", pole.clone())
                        .msg("hardware", hardware_name(*hardware)),
                ]))
            }
            A::TensionSpan { span, tension_n } => {
                let k = span.saturating_sub(1) as usize;
                if *span == 0 || k >= site.setup.site.spans.len() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-no-span").int("span", *span),
                    ));
                }
                within(*tension_n, &CABLE_TENSION_N, "refuse-route-tension")?;
                self.span_tensions_n[k] = Some(*tension_n);
                let sag = site.sag_m(k, *tension_n);
                let (_, low) = site.lowest_point(k, *tension_n);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-tensioned")
                        .int("span", *span)
                        .num("t", tension_n / 10.0, 1)
                        .num("sag", sag, 2)
                        .num("low", low, 2),
                ]))
            }
            A::ReadLoad {
                pole,
                utilisation_pct,
            } => {
                let i = site.pole_index(pole)?;
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
                let i = site.pole_index(pole)?;
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
        }
    }

    fn next_step(&self, site: &Site) -> Option<Msg> {
        for i in self.poles_to_check(site) {
            let id = site.poles()[i].id.clone();
            let w = &self.poles[i];
            if w.inspected_at.is_none() {
                return Some(Msg::new("hint-route-inspect").text("pole", id));
            }
            if w.number.is_none() {
                return Some(Msg::new("hint-route-record").text("pole", id));
            }
            if w.decision.is_none() {
                return Some(Msg::new("hint-route-decide").text("pole", id));
            }
        }
        if self.hardware_task().is_some()
            && let Some(i) = self.poles.iter().position(|w| w.hardware.is_none())
        {
            return Some(Msg::new("hint-route-hardware").text("pole", site.poles()[i].id.clone()));
        }
        for i in self.study_poles(site) {
            let id = site.poles()[i].id.clone();
            if self.poles[i].reading_pct.is_none() {
                return Some(Msg::new("hint-route-study").text("pole", id));
            }
            if self.poles[i].remedy.is_none() {
                return Some(Msg::new("hint-route-remedy").text("pole", id));
            }
        }
        for (k, pct) in self.spans_to_tension() {
            if self.span_tensions_n.get(k).copied().flatten().is_none() {
                return Some(
                    Msg::new("hint-route-tension")
                        .int("span", (k + 1) as u32)
                        .num("pct", pct, 1),
                );
            }
        }
        None
    }

    fn task_lines(&self, _site: &Site) -> Vec<Msg> {
        self.tasks
            .iter()
            .filter_map(|t| match t {
                RoutingTask::CheckPoles(c) => {
                    Some(Msg::new("task-route-check-poles").text("poles", c.poles.join(", ")))
                }
                RoutingTask::Hardware(_) => {
                    Some(Msg::new("task-route-hardware").int("n", self.poles.len() as u32))
                }
                RoutingTask::Tension(t) => Some(
                    Msg::new("task-route-tension")
                        .int("span", t.span as u32)
                        .num("pct", t.sag_pct, 1),
                ),
                RoutingTask::PoleStudy(s) => {
                    Some(Msg::new("task-route-study").text("poles", s.poles.join(", ")))
                }
                RoutingTask::Pull(_)
                | RoutingTask::OpenChamber(_)
                | RoutingTask::Blow(_)
                | RoutingTask::Trench(_) => None,
            })
            .collect()
    }
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

/// Where the road clearance stands on a span at tension `t`: its lowest point, and
/// whether it clears [`ROAD_CLEARANCE_M`].
pub fn clears_road(site: &Site, span: usize, t: f64) -> (f64, bool) {
    let (_, low) = site.lowest_point(span, t);
    (low, low >= ROAD_CLEARANCE_M)
}
