//! The pull station: the cable pulled through the ducts from the route's first chamber to
//! its last. The winch at one end, the lubricant, the pull split at a chamber with a
//! figure-eight, the breakaway swivel, the guides where the cable turns in a chamber;
//! then the winch runs and the dynamometer shows what the plan gave (ROUTING §3).
//!
//! The route is the site's: the station is always on the bench (its task, when there is
//! one, gives the drum's braking and the sidewall pressure the cable bears).

use serde::{Deserialize, Serialize};

use super::site::{Site, within};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, Limit, SITE_DISTANCE_M, SWIVEL_N};
use crate::physics::fibre::FibreType;
use crate::physics::link::Element;
use crate::physics::pulling::{self, Pull, Segment};
use crate::rng::SimRng;
use crate::scenario::routing::PullTask;

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

/// A gesture of the pull.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PullAction {
    /// Set the winch at a chamber at one end of the route (the drum at the other).
    PlaceWinch { chamber: String },
    /// Lubricate the duct (or not).
    Lubricate { on: bool },
    /// Split the pull at an intermediate chamber: the cable laid in a figure-eight of
    /// lobes of this radius, then pulled on (0: no split there).
    SplitAt { chamber: String, lobe_radius_m: f64 },
    /// Fit a breakaway swivel of this rating between the rope and the cable.
    FitSwivel { rating_n: f64 },
    /// Fit a guide (a quadrant or a pulley) in a chamber where the cable turns, holding it
    /// to this radius.
    FitGuide { chamber: String, radius_m: f64 },
    /// Run the winch.
    StartPull,
}

impl PullAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            PullAction::PlaceWinch { .. } => "act-place-winch",
            PullAction::Lubricate { .. } => "act-lubricate",
            PullAction::SplitAt { .. } => "act-split-at",
            PullAction::FitSwivel { .. } => "act-fit-swivel",
            PullAction::FitGuide { .. } => "act-fit-guide",
            PullAction::StartPull => "act-start-pull",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            PullAction::SplitAt { lobe_radius_m, .. } => {
                vec![("lobe_radius_m", *lobe_radius_m, &limits::SITE_DISTANCE_M)]
            }
            PullAction::FitSwivel { rating_n } => vec![("rating_n", *rating_n, &limits::SWIVEL_N)],
            PullAction::FitGuide { radius_m, .. } => {
                vec![("radius_m", *radius_m, &limits::SITE_DISTANCE_M)]
            }
            PullAction::PlaceWinch { .. }
            | PullAction::Lubricate { .. }
            | PullAction::StartPull => {
                vec![]
            }
        }
    }
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

/// The pull station: its task, the plan as it stands and the pulls made.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PullWork {
    #[serde(skip)]
    pub task: Option<PullTask>,
    pub winch: Option<String>,
    pub lubricated: bool,
    pub splits: Vec<Split>,
    pub swivel_n: Option<f64>,
    /// Guides (quadrants, pulleys) fitted at chambers where the cable turns: the
    /// chamber and the radius they hold the cable to, m.
    pub guides: Vec<(String, f64)>,
    pub pulls: Vec<PullRun>,
}

impl PullWork {
    /// The friction as the duct is now (lubricated or not).
    pub fn mu(&self, site: &Site) -> f64 {
        if self.lubricated {
            site.drawn.mu_lubricated
        } else {
            site.drawn.mu_dry
        }
    }

    /// The last pull made.
    pub fn last_pull(&self) -> Option<&PullRun> {
        self.pulls.last()
    }

    /// The cable is pulled through to the last chamber.
    pub fn pulled_through(&self) -> bool {
        self.pulls.last().is_some_and(PullRun::complete)
    }

    /// The pull with the plan as it stands now (the winch where it is), without making
    /// it: what a pulling calculator would show.
    pub fn plan(&self, site: &Site, from_start: bool) -> Vec<Pull> {
        let t0 = self.task.as_ref().map_or(0.0, |t| t.back_tension_n);
        let mu = self.mu(site);
        let splits: Vec<usize> = self
            .splits
            .iter()
            .filter_map(|s| site.route_chambers.iter().position(|c| *c == s.chamber))
            .collect();
        pulling::split_pulls(
            &self.guided_sections(site),
            &splits,
            from_start,
            site.cable.weight_n_per_m,
            mu,
            t0,
        )
    }

    /// The route's sections with the radius of each turn made inside a chamber (the
    /// bends a section starts with): the guide's when one is fitted there, else the
    /// duct's mouth, [`NO_GUIDE_RADIUS_M`].
    pub fn guided_sections(&self, site: &Site) -> Vec<Vec<Segment>> {
        site.sections
            .iter()
            .enumerate()
            .map(|(k, sec)| {
                let chamber = site.route_chambers.get(k);
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
    pub fn tight_bends(&self, site: &Site) -> Vec<(f64, Option<String>, f64)> {
        let min = site.cable.bend_loaded_m();
        let mut out = Vec::new();
        let mut at = 0.0;
        for (k, sec) in self.guided_sections(site).iter().enumerate() {
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
                            .then(|| site.route_chambers.get(k).cloned())
                            .flatten(),
                        r,
                    )),
                    Segment::Bend { .. } => {}
                }
            }
        }
        out
    }

    /// The cable as pulled, end A at the route's first chamber, as link elements for the
    /// OTDR: the installed length (the route and a slack loop in each chamber), a loss
    /// at each bend tighter than the cable's radius under tension, and where the cable's
    /// head was pulled over its limit an added loss (or a break, far over it).
    pub fn pulled_elements(&self, site: &Site, fibre: FibreType) -> Vec<Element> {
        let min = site.cable.bend_loaded_m();
        let mut events: Vec<(f64, Element)> = Vec::new();
        let mut at = SLACK_PER_CHAMBER_M;
        let mut mids = Vec::new();
        for sec in self.guided_sections(site) {
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
            let over = p.max_tension_n / site.cable.max_tension_n - 1.0;
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

    fn refuse_after_pull(&self) -> Result<(), Refusal> {
        if self.pulled_through() {
            return Err(Refusal::new(Msg::new("refuse-route-pulled")));
        }
        Ok(())
    }

    fn pull_now(&mut self, site: &Site) -> Result<Outcome, Refusal> {
        self.refuse_after_pull()?;
        let Some(winch) = self.winch.clone() else {
            return Err(Refusal::new(Msg::new("refuse-route-no-winch")));
        };
        let from_start = site.route_chambers.last() == Some(&winch);
        let parts = self.plan(site, from_start);
        let cable_max = site.cable.max_tension_n;
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
            mu: self.mu(site),
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

impl Station for PullWork {
    type Task = Option<PullTask>;
    type Action = PullAction;
    type Shared = Site;

    fn generate(task: &Option<PullTask>, _site: &Site, _rng: &mut SimRng) -> PullWork {
        PullWork {
            task: task.clone(),
            winch: None,
            lubricated: false,
            splits: Vec::new(),
            swivel_n: None,
            guides: Vec::new(),
            pulls: Vec::new(),
        }
    }

    fn apply(
        &mut self,
        site: &mut Site,
        a: &PullAction,
        _turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match a {
            PullAction::PlaceWinch { chamber } => {
                self.refuse_after_pull()?;
                let i = site.chamber_on_route(chamber)?;
                if i != 0 && i + 1 != site.route_chambers.len() {
                    return Err(Refusal::new(
                        Msg::new("refuse-route-winch-end").text("chamber", chamber.clone()),
                    ));
                }
                self.winch = Some(chamber.clone());
                Ok(Outcome::of(vec![
                    Msg::new("out-route-winch").text("chamber", chamber.clone()),
                ]))
            }
            PullAction::Lubricate { on } => {
                self.refuse_after_pull()?;
                self.lubricated = *on;
                Ok(Outcome::of(vec![Msg::new(if *on {
                    "out-route-lubricated"
                } else {
                    "out-route-dry"
                })]))
            }
            PullAction::SplitAt {
                chamber,
                lobe_radius_m,
            } => {
                self.refuse_after_pull()?;
                let i = site.chamber_on_route(chamber)?;
                if i == 0 || i + 1 == site.route_chambers.len() {
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
            PullAction::FitSwivel { rating_n } => {
                self.refuse_after_pull()?;
                within(*rating_n, &SWIVEL_N, "refuse-route-swivel")?;
                self.swivel_n = Some(*rating_n);
                Ok(Outcome::of(vec![Msg::new("out-route-swivel").num(
                    "r",
                    rating_n / 10.0,
                    0,
                )]))
            }
            PullAction::FitGuide { chamber, radius_m } => {
                self.refuse_after_pull()?;
                site.chamber_on_route(chamber)?;
                let largest = site
                    .chamber(chamber)
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
            PullAction::StartPull => self.pull_now(site),
        }
    }

    fn next_step(&self, _site: &Site) -> Option<Msg> {
        if self.task.is_some() && !self.pulled_through() {
            if self.winch.is_none() {
                return Some(Msg::new("hint-route-winch"));
            }
            return Some(Msg::new("hint-route-pull"));
        }
        None
    }

    fn task_lines(&self, site: &Site) -> Vec<Msg> {
        self.task
            .iter()
            .map(|_| {
                Msg::new("task-route-pull")
                    .text(
                        "from",
                        site.route_chambers.first().cloned().unwrap_or_default(),
                    )
                    .text(
                        "to",
                        site.route_chambers.last().cloned().unwrap_or_default(),
                    )
                    .num("len", site.route_length_m(), 0)
                    .num("max", site.cable.max_tension_n / 10.0, 0)
            })
            .collect()
    }
}
