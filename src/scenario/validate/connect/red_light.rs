//! Validation of the red light's tasks: one fault at most to find, a count of fibres to
//! pick from that a PBO's tube holds.

use super::super::Problems;
use crate::i18n::Msg;
use crate::scenario::connect::{ConnectSetup, IdentifyTask, Piece};

pub(super) fn identify(p: &mut Problems, b: &str, t: &IdentifyTask) {
    if !(2..=144).contains(&t.fibres) {
        p.push((
            format!("{b}.fibres"),
            Msg::new("val-connect-identify").int("found", t.fibres),
        ));
    }
}

pub(super) fn locate(p: &mut Problems, b: &str, s: &ConnectSetup) {
    let faults = s
        .link
        .iter()
        .filter(|p| matches!(p, Piece::Fault { .. }))
        .count();
    if faults > 1 {
        p.push((
            b.to_string(),
            Msg::new("val-connect-faults").int("found", faults as u32),
        ));
    }
}
