//! Validation of the report's task: the line and the PBO given, as a line of text each.

use super::super::{Layout, Problems, shown_text};
use crate::i18n::Msg;
use crate::scenario::connect::ReportTask;

pub(super) fn validate(p: &mut Problems, b: &str, t: &ReportTask) {
    if t.line_id.trim().is_empty() || t.pbo.trim().is_empty() {
        p.push((b.to_string(), Msg::new("val-connect-report")));
    } else {
        shown_text(p, &format!("{b}.line_id"), &t.line_id, Layout::Line);
        shown_text(p, &format!("{b}.pbo"), &t.pbo, Layout::Line);
    }
}
