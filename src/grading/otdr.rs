//! Grading of an OTDR acceptance test: the instrument's set-up, the report against the
//! true link (or the trainer's reference table for a real trace), and the verdicts. The
//! feedback says what physics made the mistake possible.

use super::naming_all;
use crate::exercise::otdr::{
    AcqRecord, Direction, MIN_END_SNR_DB, OtdrState, TrueEvent, Verdict, event_dead_zone_m,
};
use crate::i18n::Msg;
use crate::math;
use crate::physics::analysis::{GROUP_MARGIN, height_from_reflectance};
use crate::physics::otdr::{recovery_after_m, saturation_db};
use crate::scenario::otdr::EventType;
use crate::scenario::{Check, OtdrCheck, OtdrSetup};

/// Rows matched to true events by distance (closest pairs first).
pub struct Matching {
    /// (row index, true event index)
    pub pairs: Vec<(usize, usize)>,
    /// True events that had to be reported and were not.
    pub missed: Vec<usize>,
    /// Rows that match nothing real.
    pub invented: Vec<usize>,
}

pub fn matching(st: &OtdrState, tol_m: f64) -> Matching {
    let truth = &st.link.truth;
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (i, r) in st.rows.iter().enumerate() {
        for (j, t) in truth.iter().enumerate() {
            let d = (r.distance_m - t.distance_m).abs();
            if d <= tol_m {
                cands.push((d, i, j));
            }
        }
    }
    cands.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut row_used = vec![false; st.rows.len()];
    let mut truth_used = vec![false; truth.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in cands {
        if !row_used[i] && !truth_used[j] {
            row_used[i] = true;
            truth_used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort();
    Matching {
        pairs,
        missed: (0..truth.len())
            .filter(|j| !truth_used[*j] && truth[*j].must_report)
            .collect(),
        invented: (0..st.rows.len()).filter(|i| !row_used[*i]).collect(),
    }
}

/// The acquisitions the report rests on: the last one per wavelength and direction asked.
fn used<'a>(st: &'a OtdrState, setup: &OtdrSetup) -> Vec<&'a AcqRecord> {
    let mut out = Vec::new();
    for wl in &setup.wavelengths {
        for dir in st.directions() {
            if let Some(a) = st.last(*wl, dir) {
                out.push(a);
            }
        }
    }
    out
}

fn ok(key: &str) -> (f64, Msg) {
    (1.0, Msg::new(key))
}

fn not_done(what: &str) -> (f64, Msg) {
    (0.0, Msg::new("fb-not-done").msg("what", Msg::new(what)))
}

/// No report line, or none near a real event.
fn none_matched(st: &OtdrState, tol_m: f64) -> (f64, Msg) {
    if st.rows.is_empty() {
        not_done("what-otdr-report")
    } else {
        (0.0, Msg::new("fb-otdr-none-matched").num("tol", tol_m, 1))
    }
}

/// "the splice at 1 204,5 m"
fn event_at(kind: EventType, d: f64) -> Msg {
    Msg::new("otdr-event-at")
        .msg("kind", kind.name())
        .num("d", d, 1)
}

pub(crate) fn loss_tolerance(setup: &OtdrSetup, t: &TrueEvent) -> f64 {
    setup.tolerances.loss_db.max(0.05 * t.loss_db.abs())
}

/// A reported loss outside the tolerance (a one-way reading across a change of fibre
/// counts as read).
pub(crate) fn loss_outside(setup: &OtdrSetup, t: &TrueEvent, given_db: f64) -> bool {
    let lt = loss_tolerance(setup, t);
    (given_db - t.loss_db).abs() > lt && t.apparent_db.is_none_or(|a| (given_db - a).abs() > lt)
}

/// A reported reflectance outside the tolerance. A reflection that clips the receiver
/// reads only as a lower bound: any value from the clipping level up to the true one is
/// what an instrument shows.
pub(crate) fn reflectance_outside(setup: &OtdrSetup, t: &TrueEvent, given_db: f64) -> bool {
    let Some(true_db) = t.reflectance_db else {
        return false;
    };
    let tol = setup.tolerances.reflectance_db;
    if t.saturates {
        return given_db < saturation_db() - tol || given_db > true_db + tol;
    }
    (given_db - true_db).abs() > tol
}

/// Why a splitter read from its input shows less than its insertion loss, with both.
pub(crate) fn splitter_shown_why(t: &TrueEvent, given_db: f64) -> Msg {
    Msg::new("cmp-splitter-shown-why")
        .num("d", t.distance_m, 1)
        .num("given", given_db, 2)
        .num("true", t.loss_db, 2)
        .num("excess", t.rule_db, 2)
}

/// A verdict the rule defends: the rule's, or either on a borderline event.
pub(crate) fn verdict_right(t: &TrueEvent, pass: bool, given: Option<Verdict>) -> bool {
    t.borderline && given.is_some() || given == Some(Verdict::of(pass))
}

/// Why a true event passes or fails the acceptance rules.
fn rule_reason(setup: &OtdrSetup, t: &TrueEvent) -> Msg {
    let a = &setup.acceptance;
    let Some(max) = a.loss_limit(t.kind) else {
        return Msg::new(match t.kind {
            EventType::Bend => "why-verdict-bend",
            EventType::Break => "why-verdict-break",
            EventType::End
            | EventType::Connector
            | EventType::Splice
            | EventType::MechanicalSplice
            | EventType::Splitter => "why-verdict-end",
        });
    };
    if t.kind.is_reflective()
        && let Some(r) = t.reflectance_db
        && r > a.reflectance_max_db
    {
        return Msg::new("why-verdict-reflectance").num("r", r, 1).num(
            "max",
            a.reflectance_max_db,
            1,
        );
    }
    let key = if t.kind == EventType::Splitter {
        "why-verdict-excess"
    } else {
        "why-verdict-loss"
    };
    Msg::new(key).num("loss", t.rule_db, 2).num("max", max, 2)
}

/// Explains a missed event from the physics of the acquisitions used.
fn why_missed(st: &OtdrState, setup: &OtdrSetup, j: usize) -> Msg {
    let t = &st.link.truth[j];
    let at = event_at(t.kind, t.distance_m);
    if t.kind == EventType::Bend
        && !setup.wavelengths.is_empty()
        && st
            .acquisitions
            .iter()
            .all(|a| a.config.wavelength_nm < 1500.0)
    {
        return Msg::new("fb-otdr-missed-bend").msg("event", at);
    }
    // The event before it, and the pulse of the acquisitions used.
    let prev = st.link.truth[..j]
        .iter()
        .rev()
        .find(|p| p.must_report || p.kind == EventType::Connector);
    let pulse = used(st, setup)
        .iter()
        .map(|a| (a.config.pulse_ns, a.config.ior))
        .fold(None, |m: Option<(f64, f64)>, p| match m {
            Some(q) if q.0 <= p.0 => Some(q),
            _ => Some(p),
        });
    if let (Some(p), Some((pulse_ns, ior))) = (prev, pulse) {
        let edz = event_dead_zone_m(pulse_ns, ior);
        if t.distance_m - p.distance_m < edz {
            return Msg::new("fb-otdr-missed-deadzone")
                .msg("event", at)
                .num("pulse", pulse_ns, 0)
                .num("edz", edz, 0)
                .msg("prev", event_at(p.kind, p.distance_m))
                .num("gap", t.distance_m - p.distance_m, 1);
        }
    }
    // Behind a strong reflection the receiver recovers over hundreds of metres at any
    // pulse (`physics::otdr::recovery_after_m`): no shorter pulse shows what lies there.
    let shortest = used(st, setup)
        .into_iter()
        .min_by(|a, b| a.config.pulse_ns.total_cmp(&b.config.pulse_ns));
    if let (Some(p), Some(a)) = (prev, shortest)
        && let Some(r) = p.reflectance_db
    {
        let s = a.config.settings();
        let height = height_from_reflectance(r, s.backscatter_db, s.pulse_ns);
        let ratio = math::pow10(height / 5.0) - 1.0;
        // To the 0.05 dB an event must stand out by.
        let blind = recovery_after_m(s.pulse_length_m(), ratio, GROUP_MARGIN);
        let gap = t.distance_m - p.distance_m;
        if gap > 0.0 && gap < blind {
            return Msg::new("fb-otdr-missed-recovery")
                .msg("event", at)
                .msg("prev", event_at(p.kind, p.distance_m))
                .num("r", r, 1)
                .num("gap", gap, 1)
                .num("blind", blind, 0);
        }
    }
    if t.loss_db < 0.0 {
        return Msg::new("fb-otdr-missed-gainer").msg("event", at);
    }
    if t.loss_db.abs() < 0.1 && !t.kind.is_reflective() {
        return Msg::new("fb-otdr-missed-small")
            .msg("event", at)
            .num("loss", t.loss_db, 2);
    }
    Msg::new("fb-otdr-missed").msg("event", at)
}

/// Explains a reported event that is not on the link: a ghost, or noise.
fn why_invented(st: &OtdrState, i: usize, tol_m: f64) -> Msg {
    let r = &st.rows[i];
    let refl: Vec<f64> = st
        .link
        .truth
        .iter()
        .filter(|t| t.kind.is_reflective() || t.reflectance_db.is_some_and(|x| x > -40.0))
        .map(|t| t.distance_m)
        .collect();
    // Echoes at z2 + (z2 − z1) (REFERENCE.md A.6), the launch side included.
    let launch = -st.link.launch_m;
    for &z2 in &refl {
        for &z1 in refl.iter().chain(std::iter::once(&launch)) {
            if z1 < z2 && (r.distance_m - (2.0 * z2 - z1)).abs() <= tol_m.max(2.0) {
                return Msg::new("fb-otdr-ghost")
                    .num("d", r.distance_m, 1)
                    .num("z2", z2, 1)
                    .num("z1", z1, 1);
            }
        }
    }
    if r.distance_m > st.link.length_m + tol_m {
        return Msg::new("fb-otdr-beyond").num("d", r.distance_m, 1).num(
            "len",
            st.link.length_m,
            1,
        );
    }
    Msg::new("fb-otdr-invented")
        .msg("event", event_at(r.kind, r.distance_m))
        .num("tol", tol_m, 1)
}

/// The first wavelength and direction the set-up asks for that has no acquisition.
pub(crate) fn first_unmeasured(st: &OtdrState) -> Option<(f64, Direction)> {
    st.setup.wavelengths.iter().find_map(|wl| {
        st.directions()
            .into_iter()
            .find(|dir| st.last(*wl, *dir).is_none())
            .map(|dir| (*wl, dir))
    })
}

/// A check on an OTDR exercise (also on each fibre of a job's test stage).
pub fn evaluate(check: &Check, st: &OtdrState) -> (f64, Msg) {
    let Check::Otdr(c) = check else {
        return super::not_this_module();
    };
    evaluate_otdr(c, st)
}

fn evaluate_otdr(check: &OtdrCheck, st: &OtdrState) -> (f64, Msg) {
    let setup = &st.setup;
    let tol = setup.tolerances;
    let acqs = used(st, setup);
    let link = &st.link;
    match *check {
        OtdrCheck::CablesUsed => {
            if acqs.is_empty() {
                return not_done("what-otdr-acquisition");
            }
            if link.launch_m > 0.0 && acqs.iter().any(|a| !a.config.launch_cable) {
                return (0.0, Msg::new("fb-otdr-no-launch"));
            }
            if link.receive_m > 0.0 && acqs.iter().any(|a| !a.config.receive_cable) {
                return (0.0, Msg::new("fb-otdr-no-receive"));
            }
            ok("fb-otdr-cables-ok")
        }
        OtdrCheck::AllMeasured => {
            if let Some((wl, dir)) = first_unmeasured(st) {
                return (
                    0.0,
                    Msg::new("fb-otdr-not-measured")
                        .num("wl", wl, 0)
                        .msg("dir", dir.name()),
                );
            }
            if setup.bidirectional {
                for wl in &setup.wavelengths {
                    if let (Some(a), Some(b)) =
                        (st.last(*wl, Direction::AtoB), st.last(*wl, Direction::BtoA))
                        && (a.config.pulse_ns != b.config.pulse_ns
                            || a.config.range_m != b.config.range_m)
                    {
                        return (0.0, Msg::new("fb-otdr-bidir-settings").num("wl", *wl, 0));
                    }
                }
            }
            ok("fb-otdr-measured-ok")
        }
        OtdrCheck::IorSet => {
            if acqs.is_empty() {
                return not_done("what-otdr-acquisition");
            }
            for a in &acqs {
                let err = a.config.ior / link.group_index - 1.0;
                if err.abs() > 0.0004 {
                    return (
                        0.0,
                        Msg::new("fb-otdr-ior")
                            .num("ior", a.config.ior, 4)
                            .num("right", link.group_index, 4)
                            .num("pct", 100.0 * err.abs(), 2)
                            .num("m", link.length_m * err.abs(), 1),
                    );
                }
            }
            ok("fb-otdr-ior-ok")
        }
        OtdrCheck::RangeFit => {
            if acqs.is_empty() {
                return not_done("what-otdr-acquisition");
            }
            for a in &acqs {
                let (_, end) = st.link_far_ends(&a.config);
                if a.config.range_m < 1.1 * end {
                    return (
                        0.0,
                        Msg::new("fb-otdr-range-short")
                            .num("range", a.config.range_m / 1000.0, 1)
                            .num("end", end / 1000.0, 2),
                    );
                }
                if a.config.range_m > (5.0 * end).max(end + 5000.0) {
                    return (
                        0.0,
                        Msg::new("fb-otdr-range-long")
                            .num("range", a.config.range_m / 1000.0, 1)
                            .num("end", end / 1000.0, 2),
                    );
                }
            }
            ok("fb-otdr-range-ok")
        }
        OtdrCheck::PulseFit => {
            if acqs.is_empty() {
                return not_done("what-otdr-acquisition");
            }
            let must: Vec<&TrueEvent> = link
                .truth
                .iter()
                .filter(|t| t.must_report && t.distance_m <= link.length_m + 1.0)
                .collect();
            let closest = must
                .windows(2)
                .map(|w| (w[1].distance_m - w[0].distance_m, w[0], w[1]))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            for a in &acqs {
                let edz = event_dead_zone_m(a.config.pulse_ns, a.config.ior);
                if let Some((gap, e1, e2)) = closest
                    && edz > gap
                {
                    return (
                        0.0,
                        Msg::new("fb-otdr-pulse-long")
                            .num("pulse", a.config.pulse_ns, 0)
                            .num("edz", edz, 1)
                            .msg("e1", event_at(e1.kind, e1.distance_m))
                            .msg("e2", event_at(e2.kind, e2.distance_m))
                            .num("gap", gap, 1),
                    );
                }
                if a.end_snr_db < MIN_END_SNR_DB {
                    return (
                        0.0,
                        Msg::new("fb-otdr-pulse-short")
                            .num("pulse", a.config.pulse_ns, 0)
                            .num("km", link.length_m / 1000.0, 2)
                            .num("snr", a.end_snr_db, 1),
                    );
                }
            }
            ok("fb-otdr-pulse-ok")
        }
        OtdrCheck::AveragingTime { min_s } => {
            if acqs.is_empty() {
                return not_done("what-otdr-acquisition");
            }
            match acqs.iter().find(|a| a.config.averaging_s < min_s) {
                Some(a) => (
                    0.0,
                    Msg::new("fb-otdr-averaging")
                        .num("s", a.config.averaging_s, 0)
                        .num("min", min_s, 0)
                        .num("x", (min_s / a.config.averaging_s).sqrt(), 1),
                ),
                None => (1.0, Msg::new("fb-otdr-averaging-ok").num("min", min_s, 0)),
            }
        }
        OtdrCheck::EventsFound => {
            let m = matching(st, tol.distance_m);
            let must = link.truth.iter().filter(|t| t.must_report).count();
            let found = must - m.missed.len();
            let denom = (must + m.invented.len()).max(1);
            let fraction = found as f64 / denom as f64;
            let items: Vec<Msg> = m
                .missed
                .iter()
                .map(|&j| {
                    let t = &link.truth[j];
                    Msg::new("fb-item-missed").msg("event", event_at(t.kind, t.distance_m))
                })
                .chain(m.invented.iter().map(|&i| {
                    let r = &st.rows[i];
                    Msg::new("fb-item-invented").msg("event", event_at(r.kind, r.distance_m))
                }))
                .collect();
            if let Some(&j) = m.missed.first() {
                (fraction, naming_all(why_missed(st, setup, j), items))
            } else if let Some(&i) = m.invented.first() {
                (
                    fraction,
                    naming_all(why_invented(st, i, tol.distance_m), items),
                )
            } else {
                (1.0, Msg::new("fb-otdr-events-ok").int("n", must as u32))
            }
        }
        OtdrCheck::EventTypes => {
            let m = matching(st, tol.distance_m);
            if m.pairs.is_empty() {
                return none_matched(st, tol.distance_m);
            }
            let wrong: Vec<(usize, usize)> = m
                .pairs
                .iter()
                .copied()
                .filter(|&(i, j)| st.rows[i].kind != link.truth[j].kind)
                .collect();
            match wrong.first() {
                None => ok("fb-otdr-types-ok"),
                Some(&(i, j)) => {
                    let t = &link.truth[j];
                    let key = match (st.rows[i].kind, t.kind) {
                        (EventType::End, EventType::Break) => "fb-otdr-type-break-as-end",
                        (EventType::Splice, EventType::Bend) => "fb-otdr-type-bend-as-splice",
                        (_, EventType::Bend) => "fb-otdr-type-bend",
                        _ => "fb-otdr-type",
                    };
                    let items = wrong
                        .iter()
                        .map(|&(i, j)| {
                            let t = &link.truth[j];
                            Msg::new("fb-item-type")
                                .msg("event", event_at(t.kind, t.distance_m))
                                .msg("given", st.rows[i].kind.name())
                        })
                        .collect();
                    (
                        1.0 - wrong.len() as f64 / m.pairs.len() as f64,
                        naming_all(
                            Msg::new(key)
                                .msg("given", st.rows[i].kind.name())
                                .msg("event", event_at(t.kind, t.distance_m)),
                            items,
                        ),
                    )
                }
            }
        }
        OtdrCheck::EventValues => {
            let m = matching(st, tol.distance_m);
            let mut checked = 0;
            let mut first_bad: Option<Msg> = None;
            let mut items: Vec<Msg> = Vec::new();
            let mut bad = 0;
            for &(i, j) in &m.pairs {
                let r = &st.rows[i];
                let t = &link.truth[j];
                if matches!(t.kind, EventType::End | EventType::Break) {
                    continue;
                }
                checked += 1;
                let lt = loss_tolerance(setup, t);
                let loss_bad = match r.loss_db {
                    None => Some(
                        Msg::new("fb-otdr-no-loss").msg("event", event_at(t.kind, t.distance_m)),
                    ),
                    // A one-way reading across a change of fibre counts as read.
                    Some(l) if loss_outside(setup, t, l) => Some(
                        if setup.bidirectional && (l < 0.0 || (l - t.loss_db).abs() > 0.1) {
                            Msg::new("fb-otdr-gainer")
                                .msg("event", event_at(t.kind, t.distance_m))
                                .num("given", l, 2)
                                .num("true", t.loss_db, 2)
                        } else {
                            Msg::new("fb-otdr-loss-off")
                                .msg("event", event_at(t.kind, t.distance_m))
                                .num("given", l, 2)
                                .num("true", t.loss_db, 2)
                                .num("tol", lt, 2)
                        },
                    ),
                    _ => None,
                };
                let refl_bad = match (t.kind.is_reflective(), t.reflectance_db, r.reflectance_db) {
                    (true, Some(_), None) => Some(
                        Msg::new("fb-otdr-no-reflectance")
                            .msg("event", event_at(t.kind, t.distance_m)),
                    ),
                    (true, Some(tr), Some(rr)) if reflectance_outside(setup, t, rr) => Some(
                        Msg::new("fb-otdr-reflectance-off")
                            .msg("event", event_at(t.kind, t.distance_m))
                            .num("given", rr, 1)
                            .num("true", tr, 1)
                            .num("tol", tol.reflectance_db, 1),
                    ),
                    _ => None,
                };
                if let Some(msg) = loss_bad.or(refl_bad) {
                    bad += 1;
                    items.push(event_at(t.kind, t.distance_m));
                    first_bad.get_or_insert(msg);
                }
            }
            if checked == 0 {
                return none_matched(st, tol.distance_m);
            }
            // A splitter read as the trace shows it from its input: right, and the
            // feedback says what its insertion loss is and why the trace cannot show it.
            let shown = m.pairs.iter().find_map(|&(i, j)| {
                let t = &link.truth[j];
                let l = st.rows[i].loss_db?;
                (t.kind == EventType::Splitter
                    && t.apparent_db
                        .is_some_and(|a| (l - a).abs() <= loss_tolerance(setup, t))
                    && (l - t.loss_db).abs() > loss_tolerance(setup, t))
                .then(|| splitter_shown_why(t, l))
            });
            match (first_bad, shown) {
                (None, None) => ok("fb-otdr-values-ok"),
                (None, Some(why)) => (1.0, why),
                (Some(msg), _) => (1.0 - bad as f64 / checked as f64, naming_all(msg, items)),
            }
        }
        OtdrCheck::FaultLocated => {
            let Some(fault) = link
                .truth
                .iter()
                .find(|t| matches!(t.kind, EventType::Break | EventType::Bend))
            else {
                return ok("fb-otdr-no-fault");
            };
            let best = st
                .rows
                .iter()
                .map(|r| (r.distance_m - fault.distance_m).abs())
                .fold(f64::INFINITY, f64::min);
            let msg = |key: &str| {
                Msg::new(key)
                    .msg("event", event_at(fault.kind, fault.distance_m))
                    .num("tol", tol.distance_m, 1)
            };
            if best <= tol.distance_m {
                (1.0, msg("fb-otdr-fault-ok"))
            } else if best <= 2.0 * tol.distance_m {
                (0.5, msg("fb-otdr-fault-near").num("off", best, 1))
            } else {
                (0.0, msg("fb-otdr-fault-missed"))
            }
        }
        OtdrCheck::LinkResult => {
            let Some(lr) = &st.link_report else {
                return not_done("what-otdr-link");
            };
            let len_tol = tol.distance_m.max(0.001 * link.length_m);
            let len_ok = (lr.length_m - link.length_m).abs() <= len_tol;
            let loss_ok = (lr.total_loss_db - link.total_loss_db).abs() <= tol.total_loss_db;
            let fraction = (len_ok as u8 + loss_ok as u8) as f64 / 2.0;
            let msg = if len_ok && loss_ok {
                Msg::new("fb-otdr-link-ok")
            } else if !len_ok {
                Msg::new("fb-otdr-length-off")
                    .num("given", lr.length_m, 1)
                    .num("true", link.length_m, 1)
                    .num("tol", len_tol, 1)
            } else {
                let key = if link.launch_m > 0.0 && link.receive_m > 0.0 {
                    "fb-otdr-total-off-cables"
                } else {
                    "fb-otdr-total-off"
                };
                Msg::new(key)
                    .num("given", lr.total_loss_db, 2)
                    .num("true", link.total_loss_db, 2)
                    .num("tol", tol.total_loss_db, 2)
            };
            (fraction, msg)
        }
        OtdrCheck::Verdicts => {
            let m = matching(st, tol.distance_m);
            let mut total = 0;
            let mut right = 0;
            let mut first_bad: Option<Msg> = None;
            let mut items: Vec<Msg> = Vec::new();
            for &(i, j) in &m.pairs {
                let t = &link.truth[j];
                let Some(pass) = t.pass else { continue };
                total += 1;
                let given = st.rows[i].verdict;
                let good = verdict_right(t, pass, given);
                if good {
                    right += 1;
                    continue;
                }
                items.push(event_at(t.kind, t.distance_m));
                if first_bad.is_none() {
                    first_bad = Some(match given {
                        None => Msg::new("fb-otdr-verdict-missing")
                            .msg("event", event_at(t.kind, t.distance_m)),
                        Some(g) => Msg::new("fb-otdr-verdict-wrong")
                            .msg("event", event_at(t.kind, t.distance_m))
                            .msg("given", g.name())
                            .msg("right", Verdict::of(pass).name())
                            .msg("why", rule_reason(setup, t)),
                    });
                }
            }
            // The link's overall verdict: every event passes and the total is in budget.
            let events_pass = link.truth.iter().all(|t| t.pass != Some(false));
            let budget = setup.acceptance.link_max_db;
            let total_pass = budget.is_none_or(|b| link.total_loss_db <= b);
            let link_pass = events_pass && total_pass;
            // A passing event that a measurement shows failing defends a failed link.
            let defended_fail = link
                .truth
                .iter()
                .any(|t| t.borderline && t.pass == Some(true));
            total += 1;
            match &st.link_report {
                Some(lr) if lr.verdict == Verdict::of(link_pass) => right += 1,
                Some(lr) if lr.verdict == Verdict::Fail && defended_fail => right += 1,
                Some(lr) => {
                    items.push(Msg::new("fb-item-link-verdict"));
                    first_bad.get_or_insert_with(|| {
                        let why = if !events_pass {
                            Msg::new("why-link-event-fails")
                        } else if !total_pass {
                            Msg::new("why-link-budget")
                                .num("loss", link.total_loss_db, 2)
                                .num("max", budget.unwrap_or(0.0), 2)
                        } else {
                            Msg::new("why-link-all-pass")
                        };
                        Msg::new("fb-otdr-link-verdict")
                            .msg("given", lr.verdict.name())
                            .msg("right", Verdict::of(link_pass).name())
                            .msg("why", why)
                    });
                }
                None => {
                    items.push(Msg::new("fb-item-link-verdict"));
                    first_bad.get_or_insert_with(|| {
                        Msg::new("fb-not-done").msg("what", Msg::new("what-otdr-link"))
                    });
                }
            }
            match first_bad {
                None => ok("fb-otdr-verdicts-ok"),
                Some(msg) => (right as f64 / total as f64, naming_all(msg, items)),
            }
        }
    }
}
