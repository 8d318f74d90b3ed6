//! The audit (issue 28): the box as the controller finds it, worked by someone else to
//! its plan de boîte with the faults drawn for this attempt left in it, and the defects
//! the trainee files, each by its fault code (FD), its location code (LD) and, where it
//! lies at one, the plan's position. What the controller sees is the box, not the faults:
//! each drop's fibre as spliced, each coil's diameter on the cassette's gauge, each
//! splice's sleeve, each express fibre in the basket, the label, the lid and what lies
//! in the box.

use serde::Serialize;

use super::{Outcome, Refusal};
use crate::i18n::Msg;
use crate::rng::SimRng;
use crate::scenario::closure::Plan;
use crate::scenario::closure::audit::{
    AuditSetup, CASSETTE_SLEEVE_MM, LONG_SLEEVE_MM, Left, PBO_FAULTS, PBO_LOCATIONS,
};
use crate::scenario::closure::defects::{fault, location};
use crate::scenario::closure::plan::{CassetteKind, Function};

/// One position of the plan as found in the box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FoundRow {
    pub ps_code: String,
    /// The fibre spliced onto the position's fibre, as found (a drop's fibre, read off
    /// its label and colour); none for a waiting or an express fibre.
    pub spliced_to: Option<String>,
    /// The coil's diameter in its splice cassette (mm), read on the cassette's gauge;
    /// none for a fibre in the basket.
    pub coil_mm: Option<f64>,
    /// The length of the splice's protection sleeve (mm); none where there is none (a
    /// splice left bare, or a position not spliced).
    pub sleeve_mm: Option<f64>,
    /// The fibre found cut (an express fibre should pass uncut).
    pub cut: bool,
}

/// The box as the controller finds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FoundBox {
    /// The label read on the box.
    pub label: String,
    /// The lid closed and latched.
    pub closed: bool,
    /// Offcuts of fibre and sheath lying in the box.
    pub waste: bool,
    /// Every position of the plan, in the plan's order.
    pub rows: Vec<FoundRow>,
}

/// A fault left in the box for this attempt, and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Planted {
    pub fault: Left,
    /// The positions it lies at (none for the box as a whole).
    pub positions: Vec<String>,
}

/// A defect the trainee filed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Filed {
    pub fault: String,
    pub location: String,
    pub position: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditState {
    pub plan: Plan,
    pub min_coil_mm: f64,
    pub found: FoundBox,
    pub planted: Vec<Planted>,
    pub filed: Vec<Filed>,
}

impl AuditState {
    /// The box as worked, with the faults drawn for this attempt: each fault of the
    /// scenario by its chance, at least `at_least` of them (the first not drawn added,
    /// in the list's order), each at positions drawn among those it can lie at. Every
    /// coil first gets a careful worker's diameter (40 to 60 mm, or 5 to 25 mm over the
    /// box maker's minimum where that is larger).
    pub fn generate(setup: &AuditSetup, rng: &mut SimRng) -> AuditState {
        let plan = setup.plan.clone();
        let in_cassette = |cs: &str| {
            plan.cassettes
                .iter()
                .any(|c| c.cs_code == cs && c.cs_type == CassetteKind::E)
        };
        // A careful worker's coil: 40 to 60 mm, or 5 to 25 mm over a larger minimum.
        let careful = (setup.min_coil_mm + 5.0).max(40.0);
        let mut rows: Vec<FoundRow> = plan
            .positions
            .iter()
            .map(|p| {
                let spliced = matches!(p.ps_fonct, Function::EP | Function::PI | Function::CO)
                    && p.ps_2.is_some();
                FoundRow {
                    ps_code: p.ps_code.clone(),
                    spliced_to: if spliced { p.ps_2.clone() } else { None },
                    coil_mm: in_cassette(&p.ps_cs_code)
                        .then(|| (rng.range_f64(careful, careful + 20.0) * 2.0).round() / 2.0),
                    sleeve_mm: spliced.then_some(CASSETTE_SLEEVE_MM),
                    cut: false,
                }
            })
            .collect();
        let mut drawn: Vec<Left> = Vec::new();
        for s in &setup.faults {
            if rng.chance(s.chance) && !drawn.contains(&s.fault) {
                drawn.push(s.fault);
            }
        }
        for s in &setup.faults {
            if drawn.len() >= setup.at_least as usize {
                break;
            }
            if !drawn.contains(&s.fault) {
                drawn.push(s.fault);
            }
        }
        drawn.sort();
        let mut found = FoundBox {
            label: plan.boxed.bp_etiquet.clone(),
            closed: true,
            waste: false,
            rows: Vec::new(),
        };
        let mut planted = Vec::new();
        // One fault a position, so that each shows (a bare splice given a long sleeve
        // after would hide): a fault with no free place left is not left.
        let mut taken: Vec<String> = Vec::new();
        for fault in drawn {
            let mut candidates: Vec<String> = fault
                .candidates(&plan)
                .iter()
                .map(|p| p.ps_code.clone())
                .filter(|c| !taken.contains(c))
                .collect();
            let mut at = Vec::new();
            for _ in 0..fault.positions_taken() {
                if candidates.is_empty() {
                    break;
                }
                let i = rng.range_u32(0, candidates.len() as u32 - 1) as usize;
                at.push(candidates.remove(i));
            }
            if at.len() < fault.positions_taken() {
                // No free place (validation makes sure the plan has one for each fault
                // alone).
                continue;
            }
            taken.extend(at.iter().cloned());
            let row = |rows: &[FoundRow], code: &str| -> Option<usize> {
                rows.iter().position(|r| r.ps_code == code)
            };
            match fault {
                Left::SwappedDrops => {
                    if let (Some(a), Some(b)) = (row(&rows, &at[0]), row(&rows, &at[1])) {
                        let x = rows[a].spliced_to.take();
                        rows[a].spliced_to = rows[b].spliced_to.take();
                        rows[b].spliced_to = x;
                    }
                }
                Left::TightCoil => {
                    if let Some(a) = row(&rows, &at[0]) {
                        let d = rng.range_f64(0.55, 0.8) * setup.min_coil_mm;
                        rows[a].coil_mm = Some((d * 2.0).round() / 2.0);
                    }
                }
                Left::BareSplice => {
                    if let Some(a) = row(&rows, &at[0]) {
                        rows[a].sleeve_mm = None;
                    }
                }
                Left::LongSleeve => {
                    if let Some(a) = row(&rows, &at[0]) {
                        rows[a].sleeve_mm = Some(LONG_SLEEVE_MM);
                    }
                }
                Left::CutExpress => {
                    if let Some(a) = row(&rows, &at[0]) {
                        rows[a].cut = true;
                    }
                }
                Left::Waste => found.waste = true,
                Left::LeftOpen => found.closed = false,
            }
            planted.push(Planted {
                fault,
                positions: at,
            });
        }
        found.rows = rows;
        AuditState {
            plan,
            min_coil_mm: setup.min_coil_mm,
            found,
            planted,
            filed: Vec::new(),
        }
    }

    /// The tickets a controller files for the faults left: one per position a fault lies
    /// at (each crossed drop is a connection on the wrong route), one for a fault on the
    /// box as a whole.
    pub fn expected(&self) -> Vec<(Left, Option<String>)> {
        self.planted
            .iter()
            .flat_map(|p| {
                if p.positions.is_empty() {
                    vec![(p.fault, None)]
                } else {
                    p.positions
                        .iter()
                        .map(|x| (p.fault, Some(x.clone())))
                        .collect()
                }
            })
            .collect()
    }

    /// The trainee files a defect: a fault code and a location code of the protocol's
    /// lists that a PBO's ticket takes, at a position of the plan or on the box as a
    /// whole.
    pub fn file(
        &mut self,
        fault_code: &str,
        location_code: &str,
        position: Option<&str>,
    ) -> Result<Outcome, Refusal> {
        let Some(f) = fault(fault_code) else {
            return Err(Refusal::new(
                Msg::new("refuse-audit-no-fault").text("code", fault_code),
            ));
        };
        let Some(l) = location(location_code) else {
            return Err(Refusal::new(
                Msg::new("refuse-audit-no-location").text("code", location_code),
            ));
        };
        if !PBO_FAULTS.contains(&f.code) {
            return Err(Refusal::new(
                Msg::new("refuse-audit-not-pbo-fault")
                    .text("code", f.code)
                    .text("label", f.label),
            ));
        }
        if !PBO_LOCATIONS.contains(&l.code) {
            return Err(Refusal::new(
                Msg::new("refuse-audit-not-pbo-location")
                    .text("code", l.code)
                    .text("where", l.value),
            ));
        }
        if let Some(p) = position
            && !self.plan.positions.iter().any(|r| r.ps_code == p)
        {
            return Err(Refusal::new(
                Msg::new("refuse-order-no-position").text("position", p),
            ));
        }
        let filed = Filed {
            fault: f.code.to_string(),
            location: l.code.to_string(),
            position: position.map(str::to_string),
        };
        if self.filed.contains(&filed) {
            return Err(Refusal::new(Msg::new("refuse-audit-filed-twice")));
        }
        self.filed.push(filed);
        Ok(Outcome::of(vec![
            Msg::new("out-audit-filed")
                .text("fault", f.code)
                .text("label", f.label)
                .text("location", l.code)
                .text("where", l.value)
                .text("position", position.unwrap_or("—")),
        ]))
    }

    /// The trainee withdraws the defect filed `index`-th (from 0).
    pub fn withdraw(&mut self, index: u32) -> Result<Outcome, Refusal> {
        let i = index as usize;
        if i >= self.filed.len() {
            return Err(Refusal::new(
                Msg::new("refuse-audit-no-such-filing").int("n", index + 1),
            ));
        }
        let f = self.filed.remove(i);
        Ok(Outcome::of(vec![
            Msg::new("out-audit-withdrawn").text("fault", f.fault),
        ]))
    }

    /// What the trainee is asked.
    pub fn task_lines(&self) -> Vec<Msg> {
        vec![
            Msg::new("task-audit-inspect").text("box", self.plan.boxed.bp_code.as_str()),
            Msg::new("task-audit-file").int("n", self.filed.len() as u32),
        ]
    }

    /// The next sensible step: look where faults hide, then file, then finish.
    pub fn next_step(&self) -> Msg {
        if self.filed.is_empty() {
            Msg::new("hint-audit-look").num("min", self.min_coil_mm, 0)
        } else {
            Msg::new("hint-audit-finish")
        }
    }

    /// As data, for the attempt's summary and reports.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "box": self.plan.boxed.bp_code,
            "planted": self.planted.iter().map(|p| serde_json::json!({
                "fault": p.fault.defect().fault,
                "location": p.fault.defect().location,
                "positions": p.positions,
            })).collect::<Vec<_>>(),
            "filed": serde_json::to_value(&self.filed).unwrap_or(serde_json::Value::Null),
        })
    }
}
