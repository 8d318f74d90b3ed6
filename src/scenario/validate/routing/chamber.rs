//! Validation of opening a chamber: a chamber of the site.

use super::super::Problems;
use crate::i18n::Msg;
use crate::scenario::routing::{OpenChamberTask, RoutingSetup};

pub(super) fn validate(p: &mut Problems, b: &str, t: &OpenChamberTask, r: &RoutingSetup) {
    if !r.site.chambers.iter().any(|c| c.id == t.chamber) {
        p.push((
            format!("{b}.chamber"),
            Msg::new("val-route-duct-chamber").text("chamber", t.chamber.clone()),
        ));
    }
}
