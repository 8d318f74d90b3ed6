//! The closure job's first stage (issue 28): at the box, with the work order (OT) and
//! the plan de boîte. The trainee reads the OT's route optique (cable, tube, fibre),
//! finds that fibre in the plan, and names the position that holds it; or, where the
//! plan does not hold the route (the fibre serves another customer, or passes the box
//! uncut), stops and reports the mismatch with its Interop'Fibre code (FTTH-JOBS §2.4).
//! The fibre named is the one the splicing stage then prepares: a wrong position puts
//! the splice on another fibre, as it would in the box.

use serde::Serialize;

use super::prep::FibreRef;
use super::{Outcome, Refusal};
use crate::i18n::Msg;
use crate::physics::cable::ColourCode;
use crate::rng::SimRng;
use crate::scenario::closure::order::{RouteCode, RouteFinding, Variant, check_route, draw};
use crate::scenario::closure::plan::{Fibre, Function, PositionRow};
use crate::scenario::closure::{Plan, WorkOrder};
use crate::scenario::job::OrderSetup;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderState {
    pub plan: Plan,
    /// The work order drawn for this attempt.
    pub order: WorkOrder,
    /// What the drawn order meets in the box (kept for the grading and the debrief).
    pub variant: Variant,
    /// The position the trainee named (its `ps_code`), the last one named.
    pub located: Option<String>,
    /// The mismatch reported, which ends the job.
    pub report: Option<RouteCode>,
}

impl OrderState {
    /// The OT of the scenario as drawn for this attempt: by its variants' chances,
    /// another fibre of the cable, now and then one the field does not match. Where the
    /// plan has no fibre of the kind drawn, the OT as written (which holds, by
    /// validation).
    pub fn generate(setup: &OrderSetup, rng: &mut SimRng) -> OrderState {
        let (order, variant) = draw(&setup.order, &setup.plan, &setup.variants, rng)
            .unwrap_or_else(|| (setup.order.clone(), Variant::Holds));
        OrderState {
            plan: setup.plan.clone(),
            order,
            variant,
            located: None,
            report: None,
        }
    }

    /// What the plan says of the OT's route.
    pub fn finding(&self) -> RouteFinding {
        check_route(&self.order, &self.plan)
    }

    /// The code the box calls for, where the route does not hold.
    pub fn expected_report(&self) -> Option<RouteCode> {
        RouteCode::of(&self.finding())
    }

    /// The position that holds the OT's fibre for its customer, where the route holds.
    pub fn right_position(&self) -> Option<String> {
        match self.finding() {
            RouteFinding::Holds { position, .. } => Some(position),
            RouteFinding::WrongBox { .. }
            | RouteFinding::AlreadyUsed { .. }
            | RouteFinding::DoesNotExist => None,
        }
    }

    /// The OT's fibre as the plan numbers it on the route's cable (PM side).
    pub fn order_fibre(&self) -> Option<Fibre> {
        let r = &self.order.route;
        self.plan
            .cables
            .iter()
            .find(|c| c.cb_etiquet == r.cable)?
            .fibre_at(r.tube, r.fibre)
    }

    fn position(&self, code: &str) -> Option<&PositionRow> {
        self.plan.positions.iter().find(|p| p.ps_code == code)
    }

    /// The fibre of the route's cable the named position holds, where it holds one.
    pub fn located_fibre(&self) -> Option<Fibre> {
        let p = self.position(self.located.as_deref()?)?;
        let on_cable = |code: &String| {
            self.plan.fibre(code).filter(|f| {
                self.plan
                    .cables
                    .iter()
                    .any(|c| c.cb_code == f.fo_cb_code && c.cb_etiquet == self.order.route.cable)
            })
        };
        on_cable(&p.ps_1).or_else(|| p.ps_2.as_ref().and_then(on_cable))
    }

    /// Whether the fibre named brings the OLT's light to the box (what the outlet then
    /// reads): the OT's own fibre where the route holds (patched at the PM for this
    /// order, as mode STOC does before the box [U]), or a fibre spliced for a premises
    /// in service (another customer's light, their line cut to splice this one). A
    /// fibre waiting for another premises, the far half of a fibre cut in mid-span, or an
    /// express fibre brings none (an express fibre's light, if any, is a downstream
    /// customer's: taken as dark here [U]).
    pub fn lit(&self) -> bool {
        let (Some(p), Some(f), Some(ot)) = (
            self.located.as_deref().and_then(|c| self.position(c)),
            self.located_fibre(),
            self.order_fibre(),
        ) else {
            return false;
        };
        if f.fo_cb_code != ot.fo_cb_code {
            // The cable's other half, away from the PM.
            return false;
        }
        match p.ps_fonct {
            Function::EP | Function::CO | Function::PI => p.ps_preaff.is_some(),
            Function::AT => {
                f.fo_code == ot.fo_code && matches!(self.finding(), RouteFinding::Holds { .. })
            }
            Function::PA => false,
        }
    }

    /// The fibre the splicing stage prepares: the one named, as the bench numbers it.
    pub fn task(&self) -> Option<FibreRef> {
        self.located_fibre().map(|f| FibreRef {
            tube: Some(f.fo_numtub),
            fibre: f.fo_nintub,
        })
    }

    /// The trainee names the position that holds the OT's fibre.
    pub fn locate(&mut self, position: &str) -> Result<Outcome, Refusal> {
        if self.report.is_some() {
            return Err(Refusal::new(Msg::new("refuse-order-reported")));
        }
        let Some(p) = self.position(position) else {
            return Err(Refusal::new(
                Msg::new("refuse-order-no-position").text("position", position),
            ));
        };
        let what = p.ps_1.clone();
        self.located = Some(position.to_string());
        Ok(Outcome::of(vec![
            Msg::new("out-order-located")
                .text("position", position)
                .text("fibre", what),
        ]))
    }

    /// The trainee stops and reports the mismatch: the job ends there.
    pub fn report_route(&mut self, code: RouteCode) -> Result<Outcome, Refusal> {
        if self.report.is_some() {
            return Err(Refusal::new(Msg::new("refuse-order-reported")));
        }
        self.report = Some(code);
        Ok(Outcome::of(vec![
            Msg::new("out-order-reported")
                .text("code", code.code())
                .msg("label", code.msg()),
        ]))
    }

    /// What the trainee is asked, as short lines: the OT's route, then where they stand.
    pub fn task_lines(&self) -> Vec<Msg> {
        let r = &self.order.route;
        let mut v = vec![
            Msg::new("task-order-read")
                .text("number", self.order.number.as_str())
                .text("pbo", r.pbo.as_str())
                .text("cable", r.cable.as_str())
                .int("tube", r.tube)
                .int("fibre", r.fibre)
                .text("suf", r.suf.as_str()),
            Msg::new("task-order-locate"),
        ];
        match (&self.located, self.report) {
            (_, Some(code)) => v.push(Msg::new("task-order-reported").text("code", code.code())),
            (Some(p), None) => v.push(Msg::new("task-order-located").text("position", p.as_str())),
            (None, None) => {}
        }
        v
    }

    /// The next sensible step: how the fibre's number is read, then the next stage.
    pub fn next_step(&self, code: ColourCode) -> Msg {
        if self.report.is_some() {
            return Msg::new("next-order-finish");
        }
        if self.located.is_some() {
            return Msg::new("next-order-go-splice");
        }
        let r = &self.order.route;
        let modulo = self
            .plan
            .cables
            .iter()
            .find(|c| c.cb_etiquet == r.cable)
            .map_or(12, |c| c.cb_modulo);
        let colour = |n: u32| {
            code.colour(n)
                .map(|c| c.name())
                .unwrap_or_else(|| Msg::new("colour-unknown"))
        };
        match self.order_fibre() {
            Some(f) => Msg::new("hint-order-number")
                .int("tube", r.tube)
                .msg("tube_colour", colour(r.tube))
                .int("fibre", r.fibre)
                .msg("fibre_colour", colour(r.fibre))
                .int("modulo", modulo)
                .int("n", f.fo_nincab)
                .text("code", f.fo_code),
            None => Msg::new("hint-order-no-fibre").text("cable", r.cable.as_str()),
        }
    }

    /// As data, for the attempt's summary and reports.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "number": self.order.number,
            "route": serde_json::to_value(&self.order.route).unwrap_or(serde_json::Value::Null),
            "variant": serde_json::to_value(self.variant).unwrap_or(serde_json::Value::Null),
            "expected": self.right_position().or_else(|| self.expected_report().map(|c| c.code().to_string())),
            "located": self.located,
            "report": self.report.map(RouteCode::code),
        })
    }
}
