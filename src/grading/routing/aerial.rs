//! Grading of the aerial station: the decisions at the poles against the safety rules,
//! the hardware against Telenco's table, a span's sag, its road clearance and its loaded
//! tension, the load study's readings and remedies.

use super::pole_name;
use crate::exercise::routing::{
    Aerial, PoleDecision, Site, clears_road, decision_name, hardware_name, remedy_name, rule_name,
};
use crate::grading::{not_reached, not_this_module, share};
use crate::i18n::Msg;
use crate::physics::clearance::ROAD_CLEARANCE_M;

pub(super) fn poles_safe(site: &Site, a: &Aerial) -> (f64, Msg) {
    let poles = a.poles_to_check(site);
    if poles.iter().all(|&i| a.poles[i].decision.is_none()) {
        return not_reached("what-route-poles");
    }
    let mut bad = Vec::new();
    for &i in &poles {
        let (right, why) = a.right_decision(site, i);
        let id = site.poles()[i].id.clone();
        let msg = match a.poles[i].decision {
            None => Some(Msg::new("fb-route-pole-undecided").text("pole", id.clone())),
            Some(d) if d == right => None,
            Some(PoleDecision::Ladder) if right == PoleDecision::Nacelle => {
                Some(Msg::new("fb-route-pole-ladder").text("pole", id.clone()))
            }
            Some(d) => Some(
                Msg::new("fb-route-pole-wrong")
                    .text("pole", id.clone())
                    .msg("chosen", decision_name(d))
                    .msg("right", decision_name(right))
                    .msg("why", why),
            ),
        };
        if let Some(m) = msg {
            bad.push((m, pole_name(site, i)));
        }
    }
    share(
        poles.len(),
        bad,
        Msg::new("fb-route-poles-safe").int("n", poles.len() as u32),
    )
}

pub(super) fn poles_inspected(site: &Site, a: &Aerial) -> (f64, Msg) {
    let poles = a.poles_to_check(site);
    if poles.iter().all(|&i| a.poles[i].decision.is_none()) {
        return not_reached("what-route-poles");
    }
    let bad = poles
        .iter()
        .filter(|&&i| {
            let w = &a.poles[i];
            match (w.inspected_at, w.decided_at) {
                (Some(a), Some(b)) => a > b,
                (None, _) | (Some(_), None) => true,
            }
        })
        .map(|&i| {
            (
                Msg::new("fb-route-pole-not-inspected").text("pole", site.poles()[i].id.clone()),
                pole_name(site, i),
            )
        })
        .collect();
    share(poles.len(), bad, Msg::new("fb-route-poles-inspected"))
}

pub(super) fn poles_recorded(site: &Site, a: &Aerial) -> (f64, Msg) {
    let poles = a.poles_to_check(site);
    if poles.iter().all(|&i| a.poles[i].number.is_none()) {
        return not_reached("what-route-cards");
    }
    let bad = poles
        .iter()
        .filter_map(|&i| {
            let p = &site.poles()[i];
            let written = a.poles[i].number.clone().unwrap_or_default();
            (!written.trim().eq_ignore_ascii_case(p.number.trim())).then(|| {
                (
                    Msg::new("fb-route-card-wrong")
                        .text("pole", p.id.clone())
                        .text("written", written)
                        .text("label", p.number.clone()),
                    pole_name(site, i),
                )
            })
        })
        .collect();
    share(poles.len(), bad, Msg::new("fb-route-cards-ok"))
}

pub(super) fn hardware(site: &Site, a: &Aerial) -> (f64, Msg) {
    if a.poles.iter().all(|w| w.hardware.is_none()) {
        return not_reached("what-route-hardware");
    }
    let right = a.right_hardware(site);
    let bad = right
        .iter()
        .enumerate()
        .filter_map(|(i, (h, rule))| {
            let id = site.poles()[i].id.clone();
            match a.poles[i].hardware {
                Some(g) if g == *h => None,
                got => Some((
                    Msg::new("fb-route-hardware-wrong")
                        .text("pole", id)
                        .msg(
                            "chosen",
                            got.map_or(Msg::new("fb-route-nothing"), hardware_name),
                        )
                        .msg("right", hardware_name(*h))
                        .msg("rule", rule.map_or(Msg::new("rule-suspension"), rule_name)),
                    pole_name(site, i),
                )),
            }
        })
        .collect();
    share(right.len(), bad, Msg::new("fb-route-hardware-ok"))
}

pub(super) fn span_sag(site: &Site, a: &Aerial, tolerance_pct: f64) -> (f64, Msg) {
    let spans = a.spans_to_tension();
    if spans.iter().all(|(k, _)| a.span_tensions_n[*k].is_none()) {
        return not_reached("what-route-tension");
    }
    let mut bad = Vec::new();
    let mut last_ok = None;
    for &(k, pct) in &spans {
        let l = site.drawn.span_lengths_m[k];
        let target = l * pct / 100.0;
        let name = Msg::new("fb-route-span-name").int("span", (k + 1) as u32);
        let Some(t) = a.span_tensions_n[k] else {
            bad.push((
                Msg::new("fb-route-span-untensioned").int("span", (k + 1) as u32),
                name,
            ));
            continue;
        };
        let sag = site.sag_m(k, t);
        let right_t =
            crate::physics::span::tension_for_sag_catenary(site.cable.weight_n_per_m, l, target);
        let m = |key: &str| {
            Msg::new(key)
                .int("span", (k + 1) as u32)
                .num("sag", sag, 2)
                .num("target", target, 2)
                .num("pct", pct, 1)
                .num("t", t / 10.0, 1)
                .num("right", right_t / 10.0, 1)
        };
        if (sag - target).abs() <= target * tolerance_pct / 100.0 {
            last_ok = Some(m("fb-route-sag-ok"));
        } else if sag < target {
            bad.push((m("fb-route-sag-tight"), name));
        } else {
            bad.push((m("fb-route-sag-slack"), name));
        }
    }
    share(
        spans.len(),
        bad,
        last_ok.unwrap_or_else(|| Msg::new("fb-route-sag-none")),
    )
}

pub(super) fn road_clearance(site: &Site, a: &Aerial) -> (f64, Msg) {
    let roads: Vec<usize> = (0..site.setup.site.spans.len())
        .filter(|&k| site.setup.site.spans[k].road)
        .collect();
    if roads.iter().all(|&k| a.span_tensions_n[k].is_none()) {
        return not_reached("what-route-tension");
    }
    let mut bad = Vec::new();
    let mut ok = None;
    for &k in &roads {
        let name = Msg::new("fb-route-span-name").int("span", (k + 1) as u32);
        let Some(t) = a.span_tensions_n[k] else {
            bad.push((
                Msg::new("fb-route-span-untensioned").int("span", (k + 1) as u32),
                name,
            ));
            continue;
        };
        let (low, clears) = clears_road(site, k, t);
        let (x, _) = site.lowest_point(k, t);
        let m = Msg::new(if clears {
            "fb-route-road-ok"
        } else {
            "fb-route-road-low"
        })
        .int("span", (k + 1) as u32)
        .num("low", low, 2)
        .num("x", x, 1)
        .num("min", ROAD_CLEARANCE_M, 2);
        if clears {
            ok = Some(m);
        } else {
            bad.push((m, name));
        }
    }
    share(
        roads.len(),
        bad,
        ok.unwrap_or_else(|| Msg::new("fb-route-no-road")),
    )
}

pub(super) fn loaded_tension(site: &Site, a: &Aerial) -> (f64, Msg) {
    let spans = a.spans_to_tension();
    if spans.iter().all(|(k, _)| a.span_tensions_n[*k].is_none()) {
        return not_reached("what-route-tension");
    }
    let max = site.cable.max_tension_n;
    let mut bad = Vec::new();
    let mut worst_ok: Option<(f64, usize)> = None;
    for &(k, _) in &spans {
        let name = Msg::new("fb-route-span-name").int("span", (k + 1) as u32);
        let Some(t) = a.span_tensions_n[k] else {
            bad.push((
                Msg::new("fb-route-span-untensioned").int("span", (k + 1) as u32),
                name,
            ));
            continue;
        };
        let loaded = site.loaded_tensions_n(k, t);
        let worst = loaded
            .iter()
            .enumerate()
            .fold(None, |acc: Option<(usize, f64)>, (h, v)| match acc {
                Some((_, m)) if m >= *v => acc,
                Some(_) | None => Some((h, *v)),
            });
        let Some((h, v)) = worst else {
            continue;
        };
        if v > max {
            bad.push((
                Msg::new("fb-route-loaded-over")
                    .int("span", (k + 1) as u32)
                    .text("hyp", site.setup.hypotheses[h].name.fr.clone())
                    .text("hyp_en", site.setup.hypotheses[h].name.en.clone())
                    .num("loaded", v / 10.0, 0)
                    .num("t", t / 10.0, 1)
                    .num("max", max / 10.0, 0),
                name,
            ));
        } else if worst_ok.is_none_or(|(w, _)| v > w) {
            worst_ok = Some((v, h));
        }
    }
    let ok = match worst_ok {
        Some((v, h)) => Msg::new("fb-route-loaded-ok")
            .text("hyp", site.setup.hypotheses[h].name.fr.clone())
            .text("hyp_en", site.setup.hypotheses[h].name.en.clone())
            .num("loaded", v / 10.0, 0)
            .num("max", max / 10.0, 0),
        None => Msg::new("fb-route-no-hypothesis"),
    };
    share(spans.len(), bad, ok)
}

pub(super) fn study_readings(site: &Site, a: &Aerial, tolerance_pct: f64) -> (f64, Msg) {
    if a.study_task().is_none() {
        return not_this_module();
    }
    let poles = a.study_poles(site);
    if poles.iter().all(|&i| a.poles[i].reading_pct.is_none()) {
        return not_reached("what-route-study");
    }
    let mut bad = Vec::new();
    let mut last_ok = None;
    for &i in &poles {
        let id = site.poles()[i].id.clone();
        let Some(s) = a.study(site, i) else {
            continue;
        };
        let truth = 100.0 * s.utilisation;
        let pole_m: f64 = s.pole_wind_moment_nm;
        // The new cable's tension in the wind (the larger side), against its laying one.
        let sections = a.study_sections(site, i);
        let loaded = sections
            .iter()
            .flatten()
            .map(|s| s.tension_n)
            .fold(0.0, f64::max);
        let laid = sections.iter().flatten().next().map_or(0.0, |s| s.laid_n);
        let m = |key: &str, read: f64| {
            Msg::new(key)
                .text("pole", id.clone())
                .num("read", read, 0)
                .num("pct", truth, 0)
                .num("feq", s.equivalent_head_force_n / 10.0, 0)
                .num("m", s.ground_moment_nm / 1000.0, 2)
                .num("mpole", pole_m / 1000.0, 2)
                .num("t", loaded / 10.0, 0)
                .num("laid", laid / 10.0, 0)
        };
        match a.poles[i].reading_pct {
            None => bad.push((
                Msg::new("fb-route-study-missing").text("pole", id.clone()),
                pole_name(site, i),
            )),
            Some(r) if (r - truth).abs() <= tolerance_pct => {
                last_ok = Some(m("fb-route-study-ok", r))
            }
            Some(r) => bad.push((m("fb-route-study-off", r), pole_name(site, i))),
        }
    }
    share(
        poles.len(),
        bad,
        last_ok.unwrap_or_else(|| Msg::new("fb-route-nothing")),
    )
}

pub(super) fn remedies(site: &Site, a: &Aerial) -> (f64, Msg) {
    if a.study_task().is_none() {
        return not_this_module();
    }
    let poles = a.study_poles(site);
    if poles.iter().all(|&i| a.poles[i].remedy.is_none()) {
        return not_reached("what-route-study");
    }
    let mut bad = Vec::new();
    for &i in &poles {
        let id = site.poles()[i].id.clone();
        match a.poles[i].remedy {
            None => bad.push((
                Msg::new("fb-route-remedy-missing").text("pole", id.clone()),
                pole_name(site, i),
            )),
            Some(r) => {
                let (ok, why) = a.judge_remedy(site, i, r);
                if !ok {
                    bad.push((
                        Msg::new("fb-route-remedy-wrong")
                            .text("pole", id.clone())
                            .msg("chosen", remedy_name(r))
                            .msg("why", why),
                        pole_name(site, i),
                    ));
                }
            }
        }
    }
    share(poles.len(), bad, Msg::new("fb-route-remedies-ok"))
}
