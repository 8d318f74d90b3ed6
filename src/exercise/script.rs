//! Scripted action lists (RON): what `fibrelab play` replays, and what the tests use.

use serde::{Deserialize, Serialize};

use super::Action;
use crate::i18n::Msg;
use crate::limits::MAX_ATTEMPT_MS;
use crate::scenario::load::{Diagnostic, parse_ron, ron_options, text_of};
use crate::scenario::locate::{PathIndex, Pos};
use crate::scenario::validate::as_written;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionList {
    /// Format version; must be 1.
    pub format: u32,
    /// The scenario id this list is written for (checked when given).
    #[serde(default)]
    pub scenario: Option<String>,
    /// What the list is expected to give, for the tests.
    #[serde(default)]
    pub expect: Option<Expectation>,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Seconds since the start of the attempt, 0 to [`MAX_ATTEMPT_MS`]. Left out: 10 s
    /// after the previous step.
    #[serde(default)]
    pub t: Option<f64>,
    pub act: Action,
}

/// The result a test expects from playing this list with `seed`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub seed: u64,
    pub passed: bool,
    /// Criteria ids that must not be met (the stated reasons for a failure).
    #[serde(default)]
    pub unmet: Vec<String>,
}

pub const DEFAULT_STEP_MS: u64 = 10_000;

impl ActionList {
    pub fn parse(bytes: &[u8], file: &str) -> Result<ActionList, Diagnostic> {
        let src = text_of(bytes, file)?;
        let list: ActionList = parse_ron(src, file)?;
        let at = |path: String, msg: Msg| Diagnostic {
            file: file.to_string(),
            pos: PathIndex::build(src)
                .position_of(&path)
                .unwrap_or(Pos { line: 1, col: 1 }),
            path,
            msg,
        };
        if list.format != 1 {
            return Err(at(
                "format".into(),
                Msg::new("val-format")
                    .int("found", list.format)
                    .int("supported", 1u32),
            ));
        }
        // A time that is not a time is refused where it is written, never replaced.
        let max_s = MAX_ATTEMPT_MS as f64 / 1000.0;
        for (i, step) in list.steps.iter().enumerate() {
            if let Some(t) = step.t
                && !(t.is_finite() && (0.0..=max_s).contains(&t))
            {
                return Err(at(
                    format!("steps[{i}].t"),
                    as_written(Msg::new("script-bad-time"), "t", t).num("hours", max_s / 3600.0, 0),
                ));
            }
            // So is a number no engine would take (1e300 mm of sheath, NaN dB).
            for (field, v, limit) in step.act.limited_numbers() {
                if !limit.contains(v) {
                    let m = as_written(Msg::new("script-out-of-range"), "found", v);
                    let m = as_written(m, "min", limit.min);
                    return Err(at(
                        format!("steps[{i}].act.{field}"),
                        as_written(m, "max", limit.max).text("unit", limit.unit.symbol()),
                    ));
                }
            }
        }
        Ok(list)
    }

    /// The list written in the scripts' own dialect (what [`ActionList::parse`] reads),
    /// one step a line.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let opts = ron_options();
        let mut out = String::from("ActionList(\n    format: 1,\n");
        if let Some(id) = &self.scenario {
            out.push_str(&format!("    scenario: {},\n", opts.to_string(id)?));
        }
        if let Some(e) = &self.expect {
            let unmet = if e.unmet.is_empty() {
                String::new()
            } else {
                let ids = e
                    .unmet
                    .iter()
                    .map(|u| opts.to_string(u))
                    .collect::<Result<Vec<_>, _>>()?;
                format!(", unmet: [{}]", ids.join(", "))
            };
            out.push_str(&format!(
                "    expect: (seed: {}, passed: {}{unmet}),\n",
                e.seed, e.passed
            ));
        }
        out.push_str("    steps: [\n");
        for s in &self.steps {
            let act = opts.to_string(&s.act)?;
            match s.t {
                Some(t) => out.push_str(&format!("        (t: {t}, act: {act}),\n")),
                None => out.push_str(&format!("        (act: {act}),\n")),
            }
        }
        out.push_str("    ],\n)\n");
        Ok(out)
    }

    /// The steps with their times in milliseconds.
    pub fn timed(&self) -> Vec<(u64, Action)> {
        let mut last = 0u64;
        self.steps
            .iter()
            .map(|s| {
                // `parse` refused times that are not times; a list built in code with
                // one saturates, and the engine refuses it.
                let at = match s.t {
                    Some(t) => (t * 1000.0).round() as u64,
                    None => last.saturating_add(DEFAULT_STEP_MS),
                };
                last = at;
                (at, s.act.clone())
            })
            .collect()
    }
}
