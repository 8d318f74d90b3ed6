//! The faces of the connectors and the test cords, and their matings: what the
//! microscope shows and every mating reads (inspected and clean, then), and the seed's
//! dust on them.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::physics::endface::{self, CONTACT_R_UM, Mark, MarkKind, Polish};
use crate::rng::SimRng;

/// Which face of a connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Face {
    /// The fibre in the adapter (inspected with a bulkhead tip).
    Port,
    /// The plug that goes into it (a cord's, a pigtail's).
    Plug,
}

/// One face and what was done to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FaceState {
    pub marks: Vec<Mark>,
    /// The action index of the latest inspection.
    pub inspected_at: Option<usize>,
    /// The action index of the latest cleaning.
    pub cleaned_at: Option<usize>,
    pub cleanings: u32,
    /// The trainee's verdict (passes), the standard's at that moment, and when.
    pub judged: Option<(bool, bool, usize)>,
}

impl FaceState {
    pub fn new(marks: Vec<Mark>) -> FaceState {
        FaceState {
            marks,
            ..FaceState::default()
        }
    }
    /// Inspected since it last changed (a cleaning or a mating changes it).
    pub fn looked_at_as_is(&self, changed_at: Option<usize>) -> bool {
        match (self.inspected_at, changed_at) {
            (Some(i), Some(c)) => i > c,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// A connection made: when, and whether each face was inspected and clean then.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Mating {
    pub at: usize,
    pub port_inspected: bool,
    pub port_clean: bool,
    pub plug_inspected: bool,
    pub plug_clean: bool,
    /// The plug's polish did not match the port's.
    pub mismatch: bool,
}

/// A connector of the set-up and its work.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConnectorWork {
    pub port: FaceState,
    /// None at a link's end, where the test cord's plug goes.
    pub plug: Option<FaceState>,
    /// The last time the port was mated, and with what.
    pub mated: Option<Mating>,
    /// Every mating, in order.
    pub matings: Vec<Mating>,
    /// Sent to be replaced, and whether it was damaged then.
    pub replaced: Option<bool>,
    /// The index of the last change to the faces other than a cleaning (a mating, a
    /// replacement).
    pub changed_at: Option<usize>,
}

/// A test cord of the kit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CordWork {
    pub plug: FaceState,
    /// Its coupling into the source's port, dB (drawn).
    pub launch_loss_db: f64,
    pub changed_at: Option<usize>,
    /// Its plug mated to another cord's in a reference, each time.
    pub matings: Vec<CordMating>,
}

/// Two cords' plugs mated in a reference (two or three cords): when, the other cord,
/// and whether each plug was inspected since it last changed, and clean, then.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CordMating {
    pub at: usize,
    pub other: String,
    pub inspected: bool,
    pub clean: bool,
    pub other_inspected: bool,
    pub other_clean: bool,
}

/// Seeded dust on a face: `n` grains over the contact zone, uniform over its area,
/// 1–8 µm.
pub(super) fn scatter_dust(n: u32, rng: &mut SimRng) -> Vec<Mark> {
    (0..n)
        .map(|_| Mark {
            kind: MarkKind::Dust,
            r_um: CONTACT_R_UM * rng.uniform().sqrt(),
            angle_deg: rng.range_f64(0.0, 360.0),
            size_um: rng.range_f64(1.0, 8.0),
        })
        .collect()
}

/// Whether a face passes the standard.
pub fn passes(marks: &[Mark], polish: Polish) -> bool {
    endface::judge(marks, polish).is_empty()
}

/// Whether a face fails on marks cleaning cannot take away.
pub fn damaged(marks: &[Mark], polish: Polish) -> bool {
    let permanent: Vec<Mark> = marks
        .iter()
        .filter(|m| !m.kind.removable())
        .copied()
        .collect();
    !passes(&permanent, polish)
}

pub fn face_name(f: Face) -> Msg {
    Msg::new(match f {
        Face::Port => "face-port",
        Face::Plug => "face-plug",
    })
}
