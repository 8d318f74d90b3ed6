//! The tube shaver's slip (issue 28, FTTH-JOBS §4): a stroke along a tube that strays
//! past its edge scores the neighbour, a dent that kinks its fibres or a cut through
//! them.

use serde::Serialize;

use crate::physics::fibre::FibreType;
use crate::physics::link::Element;

/// A tube scored by the shaver's blade as it slipped off the tube it was opening.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nick {
    pub tube: u32,
    /// How far the blade went past the tube's edge, hundredths of a tube's width.
    pub depth_pct: f64,
    /// Where along the window, as a share of its length from its upstream end.
    pub at: f64,
}

/// What a nick did to the fibres of its tube.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Damage {
    /// The wall dented: every fibre bent through a kink, this loss at 1550 nm.
    Kink { loss_1550_db: f64 },
    /// The blade through the wall: the tube's fibres cut.
    Cut,
}

/// A loose tube's wall, in hundredths of its width: a 2.5 mm tube with a 0.4 mm wall
/// [U] (loose tubes of 2.0 to 3.0 mm with walls of 0.3 to 0.5 mm are common in
/// datasheets; no figure is pinned in the references). A blade that goes further is in
/// the tube's bore and cuts its fibres.
pub const TUBE_WALL_PCT: f64 = 16.0;

/// The kink a dented tube puts in its fibres: a quarter turn [U], at a radius from 7.5 mm
/// (the blade just scoring the wall) down to 3.5 mm (the blade at the bore) [U]. Through
/// the fibre's own bend loss (REFERENCE E.1): a G.657.A2 fibre under a 5 mm kink loses
/// about 0.6 dB at 1550 nm, 0.1 dB at 1310 (A.8: a bend is a loss of the long
/// wavelengths; a monitoring OTDR at 1625/1650 nm sees it best, FTTH-JOBS §4).
pub const KINK_TURNS: f64 = 0.25;
pub const KINK_RADIUS_MM: (f64, f64) = (7.5, 3.5);

impl Nick {
    /// What the nick did to its tube's fibres (`fibre`: the cable's).
    pub fn damage(&self, fibre: FibreType) -> Damage {
        if self.depth_pct > TUBE_WALL_PCT {
            return Damage::Cut;
        }
        let (r0, r1) = KINK_RADIUS_MM;
        let r = r0 - (r0 - r1) * (self.depth_pct / TUBE_WALL_PCT).clamp(0.0, 1.0);
        Damage::Kink {
            loss_1550_db: fibre.bend_loss_1550_db(r, KINK_TURNS),
        }
    }

    /// The element the nick puts on each fibre of its tube, in the window.
    pub fn element(&self, fibre: FibreType) -> Element {
        match self.damage(fibre) {
            Damage::Kink { loss_1550_db } => Element::Macrobend { loss_1550_db },
            Damage::Cut => Element::Break {
                reflectance_db: None,
            },
        }
    }
}

/// The nicks a stroke of the shaver along tube `tube` (of `tubes`) leaves on its
/// neighbours: where the blade's offset passes half a tube's width (the tube's edge;
/// the tubes lie side by side in the window), the neighbour on that side is scored as
/// deep as the blade went past it, at its deepest. The outer tubes have air beyond.
pub fn nicks_of_stroke(tube: u32, tubes: u32, stroke: &[i32]) -> Vec<Nick> {
    let mut out: Vec<Nick> = Vec::new();
    let last = stroke.len().saturating_sub(1).max(1) as f64;
    for (i, o) in stroke.iter().enumerate() {
        let depth = f64::from(o.unsigned_abs()) - 50.0;
        let side = if *o > 0 {
            tube + 1
        } else {
            tube.wrapping_sub(1)
        };
        if depth <= 0.0 || side == 0 || side > tubes {
            continue;
        }
        let at = i as f64 / last;
        match out.iter_mut().find(|n| n.tube == side) {
            Some(n) if n.depth_pct >= depth => {}
            Some(n) => {
                n.depth_pct = depth;
                n.at = at;
            }
            None => out.push(Nick {
                tube: side,
                depth_pct: depth,
                at,
            }),
        }
    }
    out
}
