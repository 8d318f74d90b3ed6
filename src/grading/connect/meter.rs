//! Grading at the power meter: the budget worked out, the reference set as the method
//! defines it, the loss read against the link's truth by that method, the verdict.

use crate::exercise::connect::{LinkWork, Meter, method_name};
use crate::grading::{not_reached, not_this_module, share};
use crate::i18n::Msg;
use crate::physics::olts::RefMethod;

/// The wavelengths a budget is asked at.
fn budget_wavelengths(st: &LinkWork, m: &Meter) -> Vec<f64> {
    st.wavelengths
        .iter()
        .copied()
        .filter(|nm| m.budget_at(st, *nm).is_some())
        .collect()
}

pub fn budget(st: &LinkWork, m: &Meter, tol: f64) -> (f64, Msg) {
    let wls = budget_wavelengths(st, m);
    if m.budgets.is_empty() {
        return not_reached("what-budget");
    }
    let mut bad = Vec::new();
    for &nm in &wls {
        let right = m.budget_at(st, nm).unwrap_or(0.0);
        let entered = m.budgets.iter().find(|b| (b.0 - nm).abs() < 0.5);
        let why = match entered {
            None => Msg::new("fb-budget-missing").num("nm", nm, 0),
            Some(&(_, v)) if (v - right).abs() <= tol => continue,
            Some(&(_, v)) => Msg::new("fb-budget-off")
                .num("nm", nm, 0)
                .num("entered", v, 2)
                .num("right", right, 2)
                .num("tol", tol, 2),
        };
        bad.push((why, Msg::new("fb-wavelength").num("nm", nm, 0)));
    }
    share(wls.len(), bad, Msg::new("fb-budget-ok"))
}

/// Each of the task's wavelengths with the index of its last result, if any.
type Picks = Vec<(f64, Option<usize>)>;

/// The last result taken with the source at each of the task's wavelengths.
fn last_results(m: &Meter) -> Option<(RefMethod, Picks)> {
    let task = m.measure()?;
    let picks = task
        .wavelengths_nm
        .iter()
        .map(|&nm| {
            (
                nm,
                m.results
                    .iter()
                    .rposition(|r| (r.source_nm - nm).abs() < 0.5),
            )
        })
        .collect();
    Some((task.method, picks))
}

pub fn reference(st: &LinkWork, m: &Meter) -> (f64, Msg) {
    let Some((method, picks)) = last_results(m) else {
        return not_this_module();
    };
    if picks.iter().all(|(_, r)| r.is_none()) {
        return not_reached("what-measurements");
    }
    let mut bad = Vec::new();
    for &(nm, r) in &picks {
        let wl = Msg::new("fb-wavelength").num("nm", nm, 0);
        let Some(r) = r else {
            bad.push((Msg::new("fb-not-measured").num("nm", nm, 0), wl));
            continue;
        };
        let res = &m.results[r];
        let re = &m.references[res.reference];
        let why = if (res.meter_nm - res.source_nm).abs() >= 0.5 {
            Msg::new("fb-meter-wavelength")
                .num("meter", res.meter_nm, 0)
                .num("source", res.source_nm, 0)
        } else if (re.source_nm - re.meter_nm).abs() >= 0.5 {
            Msg::new("fb-reference-wavelength")
                .num("meter", re.meter_nm, 0)
                .num("source", re.source_nm, 0)
        } else if re.method != method {
            Msg::new("fb-reference-method")
                .msg("used", method_name(re.method))
                .msg("asked", method_name(method))
                .int("n", method.end_connections_included())
        } else if re.launch != res.launch
            || st
                .launch_coupled
                .iter()
                .any(|&(cord_at, _)| cord_at > re.at && cord_at < res.at)
        {
            Msg::new("fb-reference-stale").text("cord", res.launch.clone())
        } else if re.receive.as_ref().is_some_and(|rc| *rc != res.receive) {
            Msg::new("fb-reference-stale").text("cord", res.receive.clone())
        } else {
            continue;
        };
        bad.push((why, wl));
    }
    share(picks.len(), bad, Msg::new("fb-reference-ok"))
}

pub fn loss(m: &Meter, tol: f64) -> (f64, Msg) {
    let Some((method, picks)) = last_results(m) else {
        return not_this_module();
    };
    if picks.iter().all(|(_, r)| r.is_none()) {
        return not_reached("what-measurements");
    }
    let mut bad = Vec::new();
    for &(nm, r) in &picks {
        let wl = Msg::new("fb-wavelength").num("nm", nm, 0);
        let Some(r) = r else {
            bad.push((Msg::new("fb-not-measured").num("nm", nm, 0), wl));
            continue;
        };
        let res = &m.results[r];
        let why = match (res.loss_db, res.true_loss_db) {
            (Some(m), Some(t)) if (m - t).abs() <= tol => continue,
            (Some(m), Some(t)) => Msg::new(if m < 0.0 {
                "fb-loss-negative"
            } else {
                "fb-loss-off"
            })
            .num("nm", nm, 0)
            .num("read", m, 2)
            .num("right", t, 2)
            .num("tol", tol, 2)
            .msg("method", method_name(method)),
            (None, None) => continue,
            (Some(_), None) | (None, Some(_)) => Msg::new("fb-no-light").num("nm", nm, 0),
        };
        bad.push((why, wl));
    }
    share(picks.len(), bad, Msg::new("fb-loss-ok"))
}

/// Whether the link truly passes: every wavelength's loss by the method within the
/// limit (the task's, or the budget there). Also the worst wavelength's loss and limit.
pub fn link_passes(st: &LinkWork, m: &Meter) -> Option<(bool, f64, f64, f64)> {
    let task = m.measure()?;
    let mut worst: Option<(bool, f64, f64, f64)> = None;
    for &nm in &task.wavelengths_nm {
        let limit = m.limit_at(st, nm)?;
        let loss = st.true_loss_db(nm, task.method).unwrap_or(f64::INFINITY);
        let ok = loss <= limit;
        if worst.is_none_or(|w| w.0 && !ok || (w.0 == ok && loss - limit > w.2 - w.3)) {
            worst = Some((ok, nm, loss, limit));
        }
    }
    worst
}

pub fn verdict(st: &LinkWork, m: &Meter) -> (f64, Msg) {
    let Some(said) = m.verdict else {
        return not_reached("what-verdict");
    };
    let Some((truth, nm, loss, limit)) = link_passes(st, m) else {
        return not_this_module();
    };
    let msg = |k: &str| {
        Msg::new(k)
            .num("nm", nm, 0)
            .num("loss", loss.min(99.0), 2)
            .num("limit", limit, 2)
    };
    if said == truth {
        (1.0, msg("fb-verdict-ok"))
    } else if truth {
        (0.0, msg("fb-verdict-said-fail"))
    } else {
        (0.0, msg("fb-verdict-said-pass"))
    }
}
