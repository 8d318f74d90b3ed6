//! Grading of a box worked to its plan (issue 28): the plan's rows against the box as
//! left, the express tubes, the coils, the lid and the label. Each is what an auditor
//! checks on the photographs and in the box (FTTH-JOBS §3.4, §5.3).

use crate::exercise::boxwork::{BoxWork, TUBE_WALL_PCT, line_alarm};
use crate::i18n::Msg;
use crate::physics::fibre::FibreType;
use crate::scenario::closure::plan::Function;
use crate::scenario::closure::work::{WINDOW_MM, express_tubes, in_splice_cassette, is_drop};

/// A fibre code as written in the feedback, a dash for none.
fn shown(f: &Option<String>) -> String {
    f.clone().unwrap_or_else(|| "—".into())
}

/// Every position of the plan but the passages holds the plan's fibres: the share of
/// them that do (in a box already built, of the rows the job connects or touched); the
/// first that does not named with the plan's pair beside the trainee's.
pub fn plan_followed(w: &BoxWork) -> (f64, Msg) {
    let mut n = 0;
    let mut right = 0;
    let mut wrong: Vec<Msg> = Vec::new();
    let mut first = None;
    for (p, r) in w.plan.positions.iter().zip(&w.rows) {
        if p.ps_fonct == Function::PA {
            continue;
        }
        // A connection in a box already built is graded on the rows it connects and
        // those it touched, not on the builder's work.
        if let Some(start) = w.start_of(p)
            && p.ps_2.as_ref().is_none_or(|d| !w.connect.contains(d))
            && (r.ps_1.clone(), r.ps_2.clone()) == start
        {
            continue;
        }
        n += 1;
        if r.follows(p) {
            right += 1;
            continue;
        }
        wrong.push(Msg::new("fb-box-row").text("position", p.ps_code.as_str()));
        first.get_or_insert_with(|| {
            Msg::new("fb-box-row-wrong")
                .text("position", p.ps_code.as_str())
                .text("yours_1", shown(&r.ps_1))
                .text("yours_2", shown(&r.ps_2))
                .text("plan_1", p.ps_1.as_str())
                .text("plan_2", shown(&p.ps_2))
        });
    }
    if n == 0 {
        return (1.0, Msg::new("fb-box-plan-followed").int("n", 0));
    }
    let m = match first {
        Some(m) => super::naming_all(m, wrong),
        None => Msg::new("fb-box-plan-followed").int("n", n),
    };
    (f64::from(right) / f64::from(n), m)
}

/// The cable opened without harm: each tube the plan passes laid whole in the basket,
/// and no tube scored by the shaver. An express tube cut takes the customers downstream
/// down; a tube scored is damage on live fibres (a kink's loss now, a break later, or
/// the fibres cut): nothing for either.
pub fn express_intact(w: &BoxWork) -> (f64, Msg) {
    let express = express_tubes(&w.plan);
    if let Some(t) = express.iter().find(|t| w.cut.contains(t)) {
        return (0.0, Msg::new("fb-box-express-cut").int("tube", *t));
    }
    if let Some(n) = w.nicks.iter().find(|n| !w.cut.contains(&n.tube)) {
        let key = if n.depth_pct > TUBE_WALL_PCT {
            "fb-box-nick-cut"
        } else {
            "fb-box-nick-kink"
        };
        return (
            0.0,
            Msg::new(key)
                .int("tube", n.tube)
                .num("at", n.at * w.window_mm.unwrap_or(0.0), 0),
        );
    }
    if w.window_mm.is_none() {
        return (0.0, Msg::new("fb-box-no-window"));
    }
    if let Some(t) = express.iter().find(|t| !w.passed.contains(t)) {
        return (0.0, Msg::new("fb-box-express-not-passed").int("tube", *t));
    }
    (
        1.0,
        Msg::new("fb-box-express-whole").int("n", express.len() as u32),
    )
}

/// The window of the trade's length: within the range, whole; out of it, half (too
/// short, no reversal point to lift the tubes at; too long, more bare tube than the
/// basket holds); not opened, nothing.
pub fn window_opened(w: &BoxWork) -> (f64, Msg) {
    let Some(mm) = w.window_mm else {
        return (0.0, Msg::new("fb-box-no-window"));
    };
    if !(WINDOW_MM.0..=WINDOW_MM.1).contains(&mm) {
        return (
            0.5,
            Msg::new("fb-box-window-length")
                .num("mm", mm, 0)
                .num("min", WINDOW_MM.0, 0)
                .num("max", WINDOW_MM.1, 0),
        );
    }
    (1.0, Msg::new("fb-box-window-ok").num("mm", mm, 0))
}

/// Whether a drop's fibre lies spliced on another pair than its plan row's (a customer
/// on another route); a drop not yet placed is work not done, not a wrong route.
pub fn drop_misrouted(w: &BoxWork) -> bool {
    let drop = |c: &Option<String>| {
        c.as_deref()
            .and_then(|c| w.plan.fibre(c))
            .is_some_and(|f| is_drop(&w.plan, &f))
    };
    w.plan
        .positions
        .iter()
        .zip(&w.rows)
        .any(|(p, r)| drop(&r.ps_2) && !r.follows(p))
}

/// Whether a customer in service lost their route to the work and did not get it back:
/// their drop's splice broken and the fibre left elsewhere (a "reprise sauvage", FD46),
/// not a line cut for a moment and put back.
pub fn taken_over(w: &BoxWork) -> bool {
    w.live
        .iter()
        .any(|l| w.spliced_line(l) && w.outages.contains(&l.line) && !w.line_up(l))
}

/// Every fibre in a splice cassette coiled no tighter than the box maker allows: the
/// share of the cassette's positions holding a fibre that are; a coil too tight (a loss
/// at 1550 nm that 1310 nm does not show, FTTH-JOBS §5.2) or not made named.
pub fn fibres_stored(w: &BoxWork) -> (f64, Msg) {
    let mut n = 0;
    let mut ok = 0;
    let mut bad: Vec<Msg> = Vec::new();
    let mut first = None;
    for r in &w.rows {
        if (r.ps_1.is_none() && r.ps_2.is_none()) || !in_splice_cassette(&w.plan, &r.ps_code) {
            continue;
        }
        n += 1;
        match r.coil_mm {
            Some(d) if d >= w.min_coil_mm => ok += 1,
            Some(d) => {
                bad.push(Msg::new("fb-box-row").text("position", r.ps_code.as_str()));
                first.get_or_insert_with(|| {
                    Msg::new("fb-box-coil-tight")
                        .text("position", r.ps_code.as_str())
                        .num("mm", d, 0)
                        .num("min", w.min_coil_mm, 0)
                });
            }
            None => {
                bad.push(Msg::new("fb-box-row").text("position", r.ps_code.as_str()));
                first.get_or_insert_with(|| {
                    Msg::new("fb-box-coil-none").text("position", r.ps_code.as_str())
                });
            }
        }
    }
    if n == 0 {
        return (0.0, Msg::new("fb-box-nothing-stored"));
    }
    let m = match first {
        Some(m) => super::naming_all(m, bad),
        None => Msg::new("fb-box-coils-ok")
            .int("n", n)
            .num("min", w.min_coil_mm, 0),
    };
    (f64::from(ok) / f64::from(n), m)
}

/// The box closed and labelled with the plan's label; closed under another label,
/// half; left open, nothing.
pub fn box_closed(w: &BoxWork) -> (f64, Msg) {
    let want = w.plan.boxed.bp_etiquet.as_str();
    if !w.closed {
        return (0.0, Msg::new("fb-box-left-open"));
    }
    match w.label.as_deref() {
        Some(l) if l == want => (1.0, Msg::new("fb-box-closed").text("label", want)),
        l => (
            0.5,
            Msg::new("fb-box-label-wrong")
                .text("label", l.unwrap_or(""))
                .text("want", want),
        ),
    }
}

/// The lines in service beyond the box kept up all through the work: whole; a line whose
/// level fell past the supervision's alarm ([`line_alarm`]), half; a line cut, even for a moment,
/// nothing (the customer's complaint). `fibre`: the cable's.
pub fn lines_kept(w: &BoxWork, fibre: FibreType) -> (f64, Msg) {
    if let Some(first) = w.outages.first() {
        let spliced = w.live.iter().any(|l| &l.line == first && w.spliced_line(l));
        let m = Msg::new(if spliced {
            "fb-box-line-splice-broken"
        } else {
            "fb-box-line-down"
        })
        .text("line", first.as_str());
        let all = w
            .outages
            .iter()
            .map(|l| Msg::new("fb-box-line").text("line", l.as_str()))
            .collect();
        return (0.0, super::naming_all(m, all));
    }
    let fallen = w
        .live_levels(fibre)
        .into_iter()
        .find(|(l, v)| v.is_some() && line_alarm(l, *v));
    if let Some((l, Some(v))) = fallen {
        return (
            0.5,
            Msg::new("fb-box-line-fallen")
                .text("line", l.line.as_str())
                .num("was", l.level_dbm, 1)
                .num("now", v, 1),
        );
    }
    (
        1.0,
        Msg::new("fb-box-lines-kept").int("n", w.live.len() as u32),
    )
}
