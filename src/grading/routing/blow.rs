//! Grading of blowing: the cable's fill of the microduct, and the cable blown (or pulled)
//! as the route's length calls for, the duct tested first.

use crate::exercise::routing::{Blow, LayMethod, PULL_MICRODUCT_MAX_M};
use crate::grading::not_reached;
use crate::i18n::Msg;

pub(super) fn fill_ratio(b: &Blow) -> (f64, Msg) {
    use crate::physics::blowing::{BlowFill, blow_fill};
    let id = b.task.duct_id_mm;
    let Some(d) = b.cable_mm else {
        return not_reached("what-route-blow");
    };
    let (r, area) = crate::physics::duct::fill(id / 1000.0, &[d / 1000.0]);
    let m = |key: &str| {
        Msg::new(key)
            .num("d", d, 1)
            .num("id", id, 0)
            .num("r", r, 2)
            .num("fill", 100.0 * area, 0)
    };
    match blow_fill(area) {
        BlowFill::Window => (1.0, m("fb-route-fill-ok")),
        BlowFill::Loose => (0.75, m("fb-route-fill-loose")),
        BlowFill::TooFull => (0.0, m("fb-route-fill-full")),
    }
}

pub(super) fn blown(b: &Blow) -> (f64, Msg) {
    use crate::physics::blowing::DUCT_TEST_BAR;
    let (length, max_bar) = (b.task.length_m, b.task.max_pressure_bar);
    let Some(method) = b.method else {
        return not_reached("what-route-blow");
    };
    if method == LayMethod::Pull {
        return if length > PULL_MICRODUCT_MAX_M {
            (
                0.0,
                Msg::new("fb-route-pulled-long").num("len", length, 0).num(
                    "max",
                    PULL_MICRODUCT_MAX_M,
                    0,
                ),
            )
        } else {
            (1.0, Msg::new("fb-route-pulled-short").num("len", length, 0))
        };
    }
    let Some((bar, reach, tested)) = b.shot else {
        return (0.0, Msg::new("fb-route-not-blown"));
    };
    let through = reach >= length;
    let mut score = 0.0;
    let mut bad = Vec::new();
    if tested {
        score += 0.5;
    } else {
        bad.push(Msg::new("fb-route-untested").num("bar", DUCT_TEST_BAR, 0));
    }
    if through {
        score += 0.5;
    } else {
        bad.push(
            Msg::new("fb-route-blow-short")
                .num("reach", reach, 0)
                .num("len", length, 0)
                .num("bar", bar, 1)
                .num("max", max_bar, 0),
        );
    }
    match bad.first() {
        None => (
            1.0,
            Msg::new("fb-route-blown-ok")
                .num("bar", bar, 1)
                .num("reach", reach, 0)
                .num("len", length, 0),
        ),
        Some(_) => (score, Msg::new("fb-route-blow-problems").list("items", bad)),
    }
}
