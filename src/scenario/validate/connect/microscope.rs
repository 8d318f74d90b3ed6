//! Validation of the microscope's task: connectors of the set-up to inspect.

use super::super::Problems;
use super::unknown;
use crate::i18n::Msg;
use crate::scenario::connect::InspectTask;

pub(super) fn validate(p: &mut Problems, b: &str, t: &InspectTask, connector_ids: &[&str]) {
    if t.connectors.is_empty() {
        p.push((format!("{b}.connectors"), Msg::new("val-connect-no-task")));
    }
    for (k, id) in t.connectors.iter().enumerate() {
        if !connector_ids.contains(&id.as_str()) {
            unknown(p, format!("{b}.connectors[{k}]"), id, connector_ids);
        }
    }
}
