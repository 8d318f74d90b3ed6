//! Validation of the field connector's task: a connector at one of the link's ends, a
//! gauge within its limits.

use super::super::{Problems, limit};
use super::unknown;
use crate::i18n::Msg;
use crate::limits::FIELD_GAUGE_MM;
use crate::scenario::connect::FitConnectorTask;

pub(super) fn validate(
    p: &mut Problems,
    b: &str,
    t: &FitConnectorTask,
    connector_ids: &[&str],
    link_connectors: &[(usize, &str)],
) {
    let at_end = [link_connectors.first(), link_connectors.last()]
        .iter()
        .any(|e| e.is_some_and(|e| e.1 == t.connector.as_str()));
    if !connector_ids.contains(&t.connector.as_str()) {
        unknown(p, format!("{b}.connector"), &t.connector, connector_ids);
    } else if !at_end {
        p.push((format!("{b}.connector"), Msg::new("val-connect-field-end")));
    }
    limit(
        p,
        &format!("{b}.gauge_mm"),
        t.gauge_mm,
        &FIELD_GAUGE_MM,
        "why-connection",
    );
}
