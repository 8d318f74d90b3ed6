//! A plan de boîte that holds together (issue 28): codes GraceTHD and a spreadsheet take
//! as they are, each fibre a cable has, each fibre in one position, positions in
//! cassettes that exist and hold them, partners where a position joins two fibres, and
//! routes numbered in order.

use std::collections::HashMap;

use super::Problems;
use crate::i18n::Msg;
use crate::limits::Unit;
use crate::scenario::closure::order::{Variants, WorkOrder, pto_ok};
use crate::scenario::closure::plan::{Function, Plan};

/// A GraceTHD code: letters, digits, `.`, `_`, `-`, the first a letter or a digit, at
/// most 64 (what a spreadsheet never reads as a formula).
fn code_ok(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The path of field `rest` under `path` (the top of the file where `path` is empty).
fn under(path: &str, rest: &str) -> String {
    if path.is_empty() {
        rest.to_string()
    } else {
        format!("{path}.{rest}")
    }
}

fn check_code(p: &mut Problems, path: String, s: &str) {
    if !code_ok(s) {
        p.push((path, Msg::new("val-plan-code").text("found", s)));
    }
}

/// Each code once in its table.
fn unique<'a>(p: &mut Problems, base: &str, field: &str, codes: impl Iterator<Item = &'a str>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in codes.enumerate() {
        if let Some(first) = seen.get(c) {
            p.push((
                format!("{base}[{i}].{field}"),
                Msg::new("val-plan-code-twice")
                    .text("code", c)
                    .text("other", format!("{base}[{first}]")),
            ));
        } else {
            seen.insert(c, i);
        }
    }
}

pub fn validate_plan(p: &mut Problems, path: &str, plan: &Plan) {
    let at = |rest: String| under(path, &rest);
    check_code(p, at("box.bp_code".into()), &plan.boxed.bp_code);
    for (i, c) in plan.cables.iter().enumerate() {
        check_code(p, at(format!("cables[{i}].cb_code")), &c.cb_code);
        let whole = c.cb_modulo > 0 && c.cb_capafo > 0 && c.cb_capafo % c.cb_modulo == 0;
        if !whole {
            p.push((
                at(format!("cables[{i}].cb_capafo")),
                Msg::new("val-plan-modulo")
                    .int("capafo", c.cb_capafo)
                    .int("modulo", c.cb_modulo),
            ));
        }
    }
    unique(
        p,
        &at("cables".into()),
        "cb_code",
        plan.cables.iter().map(|c| c.cb_code.as_str()),
    );
    for (i, c) in plan.cassettes.iter().enumerate() {
        check_code(p, at(format!("cassettes[{i}].cs_code")), &c.cs_code);
    }
    unique(
        p,
        &at("cassettes".into()),
        "cs_code",
        plan.cassettes.iter().map(|c| c.cs_code.as_str()),
    );
    unique(
        p,
        &at("positions".into()),
        "ps_code",
        plan.positions.iter().map(|c| c.ps_code.as_str()),
    );
    let cables = plan
        .cables
        .iter()
        .map(|c| c.cb_code.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // Where each fibre sits, and each cassette's compartments.
    let mut sits: HashMap<&str, usize> = HashMap::new();
    let mut held: HashMap<&str, usize> = HashMap::new();
    let mut compartments: HashMap<(&str, u32), usize> = HashMap::new();
    for (i, pos) in plan.positions.iter().enumerate() {
        let here = |f: &str| at(format!("positions[{i}].{f}"));
        check_code(p, here("ps_code"), &pos.ps_code);
        if let Some(s) = &pos.ps_preaff {
            check_code(p, here("ps_preaff"), s);
        }
        let joins = matches!(pos.ps_fonct, Function::EP | Function::PA | Function::CO);
        match (&pos.ps_2, joins) {
            (None, true) => p.push((
                here("ps_2"),
                Msg::new("val-plan-needs-partner").text("fonct", format!("{:?}", pos.ps_fonct)),
            )),
            (Some(_), false) => p.push((
                here("ps_2"),
                Msg::new("val-plan-no-partner").text("fonct", format!("{:?}", pos.ps_fonct)),
            )),
            (None, false) | (Some(_), true) => {}
        }
        for (field, fibre) in [("ps_1", Some(&pos.ps_1)), ("ps_2", pos.ps_2.as_ref())] {
            let Some(fibre) = fibre else { continue };
            if plan.fibre(fibre).is_none() {
                p.push((
                    here(field),
                    Msg::new("val-plan-unknown-fibre")
                        .text("fibre", fibre.as_str())
                        .text("cables", cables.as_str()),
                ));
            } else if let Some(other) = sits.get(fibre.as_str()) {
                p.push((
                    here(field),
                    Msg::new("val-plan-fibre-twice")
                        .text("fibre", fibre.as_str())
                        .text("other", plan.positions[*other].ps_code.as_str()),
                ));
            } else {
                sits.insert(fibre.as_str(), i);
            }
        }
        let Some(cassette) = plan.cassettes.iter().find(|c| c.cs_code == pos.ps_cs_code) else {
            p.push((
                here("ps_cs_code"),
                Msg::new("val-plan-unknown-cassette").text("found", pos.ps_cs_code.as_str()),
            ));
            continue;
        };
        *held.entry(cassette.cs_code.as_str()).or_default() += 1;
        if let Some(n) = pos.ps_numero {
            if cassette.capacity.is_some_and(|c| n == 0 || n > c) {
                p.push((
                    here("ps_numero"),
                    Msg::new("val-plan-compartment-past")
                        .int("numero", n)
                        .int("capacity", cassette.capacity.unwrap_or(0)),
                ));
            }
            match compartments.get(&(cassette.cs_code.as_str(), n)) {
                Some(other) => p.push((
                    here("ps_numero"),
                    Msg::new("val-plan-compartment-twice")
                        .int("numero", n)
                        .text("other", plan.positions[*other].ps_code.as_str()),
                )),
                None => {
                    compartments.insert((cassette.cs_code.as_str(), n), i);
                }
            }
        }
    }
    for (i, c) in plan.cassettes.iter().enumerate() {
        let count = held.get(c.cs_code.as_str()).copied().unwrap_or(0);
        if let Some(cap) = c.capacity.filter(|cap| count > *cap as usize) {
            p.push((
                at(format!("cassettes[{i}].capacity")),
                Msg::new("val-plan-over-capacity")
                    .int("capacity", cap)
                    .int("count", count as u32),
            ));
        }
    }
    // Routes: known fibres, numbered 1, 2, 3… in the order written.
    let mut next: HashMap<&str, u32> = HashMap::new();
    for (i, r) in plan.routes.iter().enumerate() {
        check_code(p, at(format!("routes[{i}].rt_code")), &r.rt_code);
        if plan.fibre(&r.rt_fo_code).is_none() {
            p.push((
                at(format!("routes[{i}].rt_fo_code")),
                Msg::new("val-plan-unknown-fibre")
                    .text("fibre", r.rt_fo_code.as_str())
                    .text("cables", cables.as_str()),
            ));
        }
        let expected = next.entry(r.rt_code.as_str()).or_insert(1);
        if r.rt_fo_ordr != *expected {
            p.push((
                at(format!("routes[{i}].rt_fo_ordr")),
                Msg::new("val-plan-route-order")
                    .text("route", r.rt_code.as_str())
                    .int("found", r.rt_fo_ordr)
                    .int("expected", *expected),
            ));
        }
        *expected = r.rt_fo_ordr.max(*expected) + 1;
    }
}

/// A work order that can be read: codes a spreadsheet takes as they are, a PTO reference
/// in its national format, a tube and a fibre numbered from 1, text where text is asked.
pub fn validate_order(p: &mut Problems, path: &str, order: &WorkOrder) {
    let at = |rest: &str| under(path, rest);
    let r = &order.route;
    for (field, value) in [
        ("number", &order.number),
        ("customer.number", &order.customer.number),
        ("route.pm", &r.pm),
        ("route.pm_module", &r.pm_module),
        ("route.pbo", &r.pbo),
        ("route.cable", &r.cable),
        ("route.suf", &r.suf),
    ] {
        check_code(p, at(field), value);
    }
    if let Some(ont) = &r.ont {
        check_code(p, at("route.ont"), ont);
    }
    if !pto_ok(&r.pto) {
        p.push((
            at("route.pto"),
            Msg::new("val-ot-pto").text("found", r.pto.as_str()),
        ));
    }
    for (field, n) in [
        ("route.tube", r.tube),
        ("route.fibre", r.fibre),
        ("route.pm_position", r.pm_position),
    ] {
        if n == 0 {
            p.push((at(field), Msg::new("val-ot-from-one")));
        }
    }
    for (field, value) in [
        ("activity", &order.activity),
        ("address.street", &order.address.street),
        ("address.city", &order.address.city),
    ] {
        if value.trim().is_empty() {
            p.push((at(field), Msg::new("val-ot-empty")));
        }
    }
}

/// Chances that can be drawn: each from 0 to 1, and together at most 1.
pub fn validate_variants(p: &mut Problems, path: &str, v: &Variants) {
    let at = |rest: &str| under(path, rest);
    for (field, c) in [
        ("used_chance", v.used_chance),
        ("missing_chance", v.missing_chance),
    ] {
        super::range(p, &at(field), c, 0.0, 1.0, Unit::None, "why-chance");
    }
    let sum = v.used_chance + v.missing_chance;
    if sum > 1.0 {
        p.push((
            at("missing_chance"),
            Msg::new("val-ot-chances-sum").num("sum", sum, 2),
        ));
    }
}
