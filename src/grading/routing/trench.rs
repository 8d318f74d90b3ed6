//! Grading of the trench: each zone's depth for its cover, the warning mesh's depth and
//! colour, the spacing to a low-voltage cable, the aerial-to-underground transition.

use crate::exercise::routing::{Trench, mesh_name, zone_name};
use crate::grading::{not_reached, share};
use crate::i18n::Msg;

pub(super) fn trench_depths(t: &Trench) -> (f64, Msg) {
    use crate::physics::trench::min_trench_bottom_m;
    let (zones, od) = (&t.task.zones, t.duct_od_m());
    if t.dug.iter().all(Option::is_none) {
        return not_reached("what-route-trench");
    }
    let mut bad = Vec::new();
    for (k, z) in zones.iter().enumerate() {
        let min = min_trench_bottom_m(*z, od);
        let name = Msg::new("fb-route-zone-name").int("zone", (k + 1) as u32);
        match t.dug.get(k).copied().flatten() {
            None => bad.push((
                Msg::new("fb-route-zone-undug").int("zone", (k + 1) as u32),
                name,
            )),
            Some(d) if d.bottom_m + 1e-9 >= min => {}
            Some(d) => bad.push((
                Msg::new("fb-route-zone-shallow")
                    .int("zone", (k + 1) as u32)
                    .msg("kind", zone_name(*z))
                    .num("bottom", d.bottom_m, 2)
                    .num("min", min, 3)
                    .num("cover", z.min_cover_m(), 2),
                name,
            )),
        }
    }
    share(zones.len(), bad, Msg::new("fb-route-depths-ok"))
}

pub(super) fn warning_mesh(t: &Trench) -> (f64, Msg) {
    use crate::physics::trench::{MESH_ABOVE_DUCT_M, MeshColour, SAND_BED_M};
    let (zones, od) = (&t.task.zones, t.duct_od_m());
    if t.dug.iter().all(Option::is_none) {
        return not_reached("what-route-trench");
    }
    let mut bad = Vec::new();
    for k in 0..zones.len() {
        let name = Msg::new("fb-route-zone-name").int("zone", (k + 1) as u32);
        let Some(d) = t.dug.get(k).copied().flatten() else {
            bad.push((
                Msg::new("fb-route-zone-undug").int("zone", (k + 1) as u32),
                name,
            ));
            continue;
        };
        // The duct's top as dug: the bottom less the sand bed and the duct.
        let top = d.bottom_m - SAND_BED_M - od;
        let (lo, hi) = (top - MESH_ABOVE_DUCT_M.1, top - MESH_ABOVE_DUCT_M.0);
        if d.mesh != MeshColour::Green {
            bad.push((
                Msg::new("fb-route-mesh-colour")
                    .int("zone", (k + 1) as u32)
                    .msg("colour", mesh_name(d.mesh)),
                name,
            ));
        } else if d.mesh_depth_m < lo - 1e-9 || d.mesh_depth_m > hi + 1e-9 {
            bad.push((
                Msg::new("fb-route-mesh-depth")
                    .int("zone", (k + 1) as u32)
                    .num("mesh", d.mesh_depth_m, 2)
                    .num("lo", lo, 2)
                    .num("hi", hi, 2)
                    .num("top", top, 2),
                name,
            ));
        }
    }
    share(zones.len(), bad, Msg::new("fb-route-mesh-ok"))
}

pub(super) fn spacing(t: &Trench) -> (f64, Msg) {
    use crate::physics::trench::{LV_SPACING_DIRECT_M, LV_SPACING_DUCT_M};
    let direct = t.task.direct_buried;
    let Some(s) = t.lv_spacing_m else {
        return not_reached("what-route-trench");
    };
    let min = if direct {
        LV_SPACING_DIRECT_M
    } else {
        LV_SPACING_DUCT_M
    };
    let m = |key: &str| Msg::new(key).num("s", s, 2).num("min", min, 2);
    if s + 1e-9 >= min {
        (1.0, m("fb-route-spacing-ok"))
    } else {
        (
            0.0,
            m(if direct {
                "fb-route-spacing-direct"
            } else {
                "fb-route-spacing-duct"
            }),
        )
    }
}

/// The PBO's height where pedestrians pass at the pole's foot, and the guard's least
/// length, m (REFERENCE E.4, Objectif Fibre guide).
pub const PBO_HEIGHT_M: (f64, f64) = (2.20, 2.50);
pub const GUARD_MIN_M: f64 = 2.0;

pub(super) fn transition(t: &Trench) -> (f64, Msg) {
    let Some((pbo, guard, anchored)) = t.transition else {
        return not_reached("what-route-transition");
    };
    let mut bad = Vec::new();
    if !(PBO_HEIGHT_M.0..=PBO_HEIGHT_M.1).contains(&pbo) {
        bad.push(
            Msg::new("fb-route-pbo-height")
                .num("h", pbo, 2)
                .num("lo", PBO_HEIGHT_M.0, 2)
                .num("hi", PBO_HEIGHT_M.1, 2),
        );
    }
    if guard + 1e-9 < GUARD_MIN_M {
        bad.push(
            Msg::new("fb-route-guard-short")
                .num("g", guard, 2)
                .num("min", GUARD_MIN_M, 1),
        );
    }
    if !anchored {
        bad.push(Msg::new("fb-route-not-anchored"));
    }
    let n = bad.len();
    if n == 0 {
        return (
            1.0,
            Msg::new("fb-route-transition-ok")
                .num("h", pbo, 2)
                .num("g", guard, 2),
        );
    }
    (
        (3 - n) as f64 / 3.0,
        Msg::new("fb-route-blow-problems").list("items", bad),
    )
}
