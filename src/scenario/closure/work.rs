//! Working a box to its plan (issue 28): the cable opened in mid-span, the tube the plan
//! cuts cut and the others laid whole in the basket, each fibre routed to its position
//! (the named pairs spliced, the waiting fibres stored uncut), each coiled in its
//! cassette, the box closed and labelled. The scenario gives the plan and the box
//! maker's smallest coil; the window's length is the trade's.

use serde::{Deserialize, Serialize};

use super::Plan;
use super::plan::{CableRow, CassetteKind, Fibre, Function};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkSetup {
    /// The plan de boîte to work the box to.
    pub plan: Plan,
    /// The smallest coil the box maker allows in a splice cassette, as a diameter (mm)
    /// (FTTH-JOBS §5.1: no French rule found, a teaching radius of 15 mm at least [U]).
    #[serde(default = "min_coil")]
    pub min_coil_mm: f64,
    /// The lines in service beyond the box on fibres of the opened cable (its express
    /// tubes'), as the operator's supervision reads them: what a slip of the shaver or a
    /// tube cut in the window takes from them.
    #[serde(default)]
    pub live: Vec<LiveLine>,
    /// The box as its builder left it, to be worked again (a connection in mode STOC):
    /// none, the cable still whole.
    #[serde(default)]
    pub built: Option<Built>,
}

/// A box already built to its plan but for the connections the job makes: the window
/// open, the tubes cut and passed as the plan has them, every position as its row but
/// those that splice the drops named in `connect` (their upstream fibre waits there),
/// each cassette position coiled, the lid closed under the plan's label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Built {
    /// The drops' fibres (their codes) the job connects: on their rows' second side in
    /// the plan, not yet in the box.
    pub connect: Vec<String>,
    /// The window the builder opened, mm.
    #[serde(default = "built_window")]
    pub window_mm: f64,
    /// The diameter the builder coiled every cassette position at, mm.
    #[serde(default = "built_coil")]
    pub coil_mm: f64,
}

fn built_window() -> f64 {
    1200.0
}

fn built_coil() -> f64 {
    50.0
}

/// A customer's line in service beyond the box, on a fibre of the opened cable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveLine {
    /// The fibre of the upstream cable that carries it (its code).
    pub fibre: String,
    /// The line's identifier as on its outlet (`OO-XXXX-XXXX`).
    pub line: String,
    /// The level its ONT receives at 1490 nm before the work, dBm (the OLT reads it).
    pub level_dbm: f64,
}

fn min_coil() -> f64 {
    40.0
}

/// The window opened in the cable's sheath for a mid-span box: about a metre, enough to
/// find a reversal point of the tubes' lay on nearly every loose-tube cable (FTTH-JOBS
/// §4, PAN83 ✔), and not more than the box's basket stores: a French box maker's figure
/// was not found, the teaching range is 1.0 to 2.0 m [U].
pub const WINDOW_MM: (f64, f64) = (1000.0, 2000.0);

/// The cable opened in mid-span: the plan's two cables with the same label (upstream
/// first, as GraceTHD splits a cable opened in a box, FTTH-JOBS §3.4), if any.
pub fn through_cable(plan: &Plan) -> Option<(&CableRow, &CableRow)> {
    plan.cables.iter().enumerate().find_map(|(i, a)| {
        plan.cables[i + 1..]
            .iter()
            .find(|b| b.cb_etiquet == a.cb_etiquet)
            .map(|b| (a, b))
    })
}

/// Whether a fibre belongs to a drop (any cable but the one opened in mid-span): its
/// end comes into the box cut, and it goes on a position's second side.
pub fn is_drop(plan: &Plan, fibre: &Fibre) -> bool {
    through_cable(plan)
        .is_none_or(|(a, b)| fibre.fo_cb_code != a.cb_code && fibre.fo_cb_code != b.cb_code)
}

/// Whether position `ps_code` lies in a splice cassette (where fibres are coiled on the
/// cassette's radius), not in the basket.
pub fn in_splice_cassette(plan: &Plan, ps_code: &str) -> bool {
    plan.positions
        .iter()
        .find(|p| p.ps_code == ps_code)
        .and_then(|p| plan.cassettes.iter().find(|c| c.cs_code == p.ps_cs_code))
        .is_some_and(|c| c.cs_type == CassetteKind::E)
}

/// The tubes of the opened cable the plan passes through the box whole (every fibre of
/// the tube on a PA row), in order.
pub fn express_tubes(plan: &Plan) -> Vec<u32> {
    let Some((a, _)) = through_cable(plan) else {
        return Vec::new();
    };
    let tubes = a.cb_capafo.div_ceil(a.cb_modulo.max(1));
    (1..=tubes)
        .filter(|t| {
            a.fibres().iter().filter(|f| f.fo_numtub == *t).all(|f| {
                plan.positions
                    .iter()
                    .any(|p| p.ps_fonct == Function::PA && p.ps_1 == f.fo_code)
            })
        })
        .collect()
}
