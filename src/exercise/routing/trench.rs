//! The trench station: each zone dug deep enough for its cover, the warning mesh at its
//! depth and colour, the spacing to a parallel low-voltage cable, and where the duct
//! rises up a pole the aerial-to-underground transition (ROUTING §3.3, R-12).

use serde::{Deserialize, Serialize};

use super::site::{Site, within};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, Limit, SITE_DISTANCE_M, TRENCH_DEPTH_M};
use crate::physics::trench::{MeshColour, Zone};
use crate::rng::SimRng;
use crate::scenario::routing::TrenchTask;

/// A gesture of the trench.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum TrenchAction {
    /// Dig trench zone `zone` (1 = first) to `bottom_m`, the mesh at `mesh_depth_m`, m
    /// below the surface.
    DigZone {
        zone: u32,
        bottom_m: f64,
        mesh_depth_m: f64,
        mesh: MeshColour,
    },
    /// Keep this spacing to the low-voltage cable, m.
    SetLvSpacing { spacing_m: f64 },
    /// Build the aerial-to-underground transition: the PBO at this height, the guard
    /// this long, m, the cable anchored with a blocking loop or not.
    BuildTransition {
        pbo_height_m: f64,
        guard_m: f64,
        anchored: bool,
    },
}

impl TrenchAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            TrenchAction::DigZone { .. } => "act-dig-zone",
            TrenchAction::SetLvSpacing { .. } => "act-lv-spacing",
            TrenchAction::BuildTransition { .. } => "act-build-transition",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            TrenchAction::DigZone {
                bottom_m,
                mesh_depth_m,
                ..
            } => vec![
                ("bottom_m", *bottom_m, &limits::TRENCH_DEPTH_M),
                ("mesh_depth_m", *mesh_depth_m, &limits::TRENCH_DEPTH_M),
            ],
            TrenchAction::SetLvSpacing { spacing_m } => {
                vec![("spacing_m", *spacing_m, &limits::TRENCH_DEPTH_M)]
            }
            TrenchAction::BuildTransition {
                pbo_height_m,
                guard_m,
                ..
            } => vec![
                ("pbo_height_m", *pbo_height_m, &limits::SITE_DISTANCE_M),
                ("guard_m", *guard_m, &limits::SITE_DISTANCE_M),
            ],
        }
    }

    /// Refused when the bench has no trench: there is no such zone, or no transition.
    pub fn absent(&self) -> Refusal {
        Refusal::new(match self {
            TrenchAction::DigZone { zone, .. } => {
                Msg::new("refuse-route-no-zone").int("zone", *zone)
            }
            TrenchAction::SetLvSpacing { .. } => Msg::new("refuse-route-no-zone").int("zone", 1),
            TrenchAction::BuildTransition { .. } => Msg::new("refuse-route-no-transition"),
        })
    }
}

/// A trench zone as dug: its bottom, the mesh's depth (below the surface) and colour.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Dug {
    pub bottom_m: f64,
    pub mesh_depth_m: f64,
    pub mesh: MeshColour,
}

/// The trench station: its task, each zone as dug (the task's order), the spacing kept
/// and the transition as built.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trench {
    #[serde(skip)]
    pub task: TrenchTask,
    pub dug: Vec<Option<Dug>>,
    /// The spacing kept to the low-voltage cable, m.
    pub lv_spacing_m: Option<f64>,
    /// The transition as built: the PBO's height, the guard's length, m, anchored.
    pub transition: Option<(f64, f64, bool)>,
}

impl Trench {
    /// The duct's outside diameter, m.
    pub fn duct_od_m(&self) -> f64 {
        self.task.duct_od_mm / 1000.0
    }
}

impl Station for Trench {
    type Task = TrenchTask;
    type Action = TrenchAction;
    type Shared = Site;

    fn generate(task: &TrenchTask, _site: &Site, _rng: &mut SimRng) -> Trench {
        Trench {
            dug: vec![None; task.zones.len()],
            task: task.clone(),
            lv_spacing_m: None,
            transition: None,
        }
    }

    fn apply(
        &mut self,
        _site: &mut Site,
        a: &TrenchAction,
        _turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match a {
            TrenchAction::DigZone {
                zone,
                bottom_m,
                mesh_depth_m,
                mesh,
            } => {
                let k = zone.saturating_sub(1) as usize;
                if *zone == 0 || k >= self.dug.len() {
                    return Err(a.absent());
                }
                for v in [bottom_m, mesh_depth_m] {
                    within(*v, &TRENCH_DEPTH_M, "refuse-route-depth")?;
                }
                if mesh_depth_m >= bottom_m {
                    return Err(Refusal::new(Msg::new("refuse-route-mesh-below")));
                }
                self.dug[k] = Some(Dug {
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
            TrenchAction::BuildTransition {
                pbo_height_m,
                guard_m,
                anchored,
            } => {
                if !self.task.transition {
                    return Err(a.absent());
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
            TrenchAction::SetLvSpacing { spacing_m } => {
                within(*spacing_m, &TRENCH_DEPTH_M, "refuse-route-depth")?;
                self.lv_spacing_m = Some(*spacing_m);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-spacing").num("m", *spacing_m, 2),
                ]))
            }
        }
    }

    fn next_step(&self, _site: &Site) -> Option<Msg> {
        if let Some(k) = self.dug.iter().position(Option::is_none) {
            return Some(
                Msg::new("hint-route-dig")
                    .int("zone", (k + 1) as u32)
                    .msg("kind", zone_name(self.task.zones[k])),
            );
        }
        if self.lv_spacing_m.is_none() {
            return Some(Msg::new("hint-route-spacing"));
        }
        if self.task.transition && self.transition.is_none() {
            return Some(Msg::new("hint-route-transition"));
        }
        None
    }

    fn task_lines(&self, _site: &Site) -> Vec<Msg> {
        vec![Msg::new("task-route-trench").int("n", self.task.zones.len() as u32)]
    }
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
