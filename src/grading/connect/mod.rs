//! Grading of connecting and measuring: every face inspected and clean before it was
//! connected, judged as IEC 61300-3-35 has it, the damaged ones replaced; the budget; the
//! reference set as the method defines it and the loss read against the link's truth by
//! that method; the PON levels judged; the fault found with the red light; the field
//! connector fitted; the report. One file per station, as the bench is made.

mod fitting;
mod meter;
mod microscope;
mod pon;
mod red_light;
mod report;

pub use meter::link_passes;
pub use report::REPORT_LEVEL_TOLERANCE_DB;

use super::not_this_module;
use crate::exercise::connect::ConnectState;
use crate::i18n::Msg;
use crate::scenario::{Check, ConnectCheck};

pub fn evaluate(check: &Check, st: &ConnectState) -> (f64, Msg) {
    let Check::Connect(c) = check else {
        return not_this_module();
    };
    let (link, scope, meter) = (&st.link, &st.microscope, &st.meter);
    match c {
        ConnectCheck::FacesInspected => microscope::inspected(link, scope),
        ConnectCheck::ConnectedClean => microscope::connected_clean(link, scope),
        ConnectCheck::FacesJudged => microscope::judged(link, scope),
        ConnectCheck::DamagedReplaced => microscope::replaced(link, scope),
        ConnectCheck::BudgetRight { tolerance_db } => meter::budget(link, meter, *tolerance_db),
        ConnectCheck::ReferenceRight => meter::reference(link, meter),
        ConnectCheck::LossMeasured { tolerance_db } => meter::loss(meter, *tolerance_db),
        ConnectCheck::LossVerdict => meter::verdict(link, meter),
        ConnectCheck::PonJudged => st.pon.as_ref().map_or_else(not_this_module, pon::judged),
        ConnectCheck::FaultFound => red_light::fault(link, &st.red_light),
        ConnectCheck::ReportRight => report::report(st),
        ConnectCheck::ConnectorFitted { max_loss_db } => fitting::fitted(&st.fitting, *max_loss_db),
        ConnectCheck::FibreIdentified => red_light::identified(&st.red_light),
    }
}
