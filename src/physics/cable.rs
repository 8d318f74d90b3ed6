//! Cable constructions, their dimensions and the fibre colour codes (REFERENCE.md section C).

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// The twelve fibre and tube colours. TIA-598 names (slate, rose, aqua) are accepted as
/// aliases in scenario files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Colour {
    Red,
    Blue,
    Green,
    Yellow,
    Violet,
    White,
    Orange,
    #[serde(alias = "Slate")]
    Grey,
    Brown,
    Black,
    #[serde(alias = "Aqua")]
    Turquoise,
    #[serde(alias = "Rose")]
    Pink,
}

impl Colour {
    /// sRGB of the colour as printed on fibre coatings and tubes (approximate, chosen to be
    /// told apart on screen, white drawn off-white so it shows on a light background).
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Colour::Red => [0xd6, 0x1f, 0x26],
            Colour::Blue => [0x1f, 0x5f, 0xc8],
            Colour::Green => [0x1e, 0x9a, 0x3c],
            Colour::Yellow => [0xf2, 0xd0, 0x1c],
            Colour::Violet => [0x7d, 0x3c, 0xb5],
            Colour::White => [0xee, 0xee, 0xe8],
            Colour::Orange => [0xf2, 0x7a, 0x1a],
            Colour::Grey => [0x8a, 0x8f, 0x94],
            Colour::Brown => [0x7a, 0x4a, 0x22],
            Colour::Black => [0x1a, 0x1a, 0x1a],
            Colour::Turquoise => [0x2b, 0xc4, 0xc4],
            Colour::Pink => [0xf0, 0x8c, 0xb4],
        }
    }

    /// The colour's name as a message ("rouge" / "red"), masculine in French (a tube).
    pub fn name(self) -> Msg {
        Msg::new(format!(
            "colour-{}",
            format!("{self:?}").to_ascii_lowercase()
        ))
    }

    /// The colour's name agreeing with a feminine noun in French (une fibre verte).
    pub fn name_f(self) -> Msg {
        Msg::new(format!(
            "colour-{}-f",
            format!("{self:?}").to_ascii_lowercase()
        ))
    }
}

/// The colour order for tubes and fibres, chosen per scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColourCode {
    /// The 12-colour order of French FTTH, "Standard Orange" (GraceTHD's `l_fo_color`
    /// 1–12, FTTH-JOBS §3.2, REFERENCE C.2): rouge, bleu, vert, jaune, violet, blanc,
    /// orange, gris, marron, noir, turquoise, rose. (FOTAG is the name of another order:
    /// GraceTHD's "FOTAG IEEE 802.8" list starts bleu, orange.) Written `French` in
    /// scenario files and stores, as since format 1; `StandardOrange` is read too.
    #[serde(rename = "French", alias = "StandardOrange")]
    StandardOrange,
    /// TIA-598: blue, orange, green, brown, slate, white, red, black, yellow, violet, rose,
    /// aqua.
    Tia598,
}

impl ColourCode {
    pub fn order(self) -> [Colour; 12] {
        use Colour::*;
        match self {
            ColourCode::StandardOrange => [
                Red, Blue, Green, Yellow, Violet, White, Orange, Grey, Brown, Black, Turquoise,
                Pink,
            ],
            ColourCode::Tia598 => [
                Blue, Orange, Green, Brown, Grey, White, Red, Black, Yellow, Violet, Pink,
                Turquoise,
            ],
        }
    }

    /// Colour of position `n` (1-based, 1..=12). `None` outside that range.
    pub fn colour(self, n: u32) -> Option<Colour> {
        (1..=12)
            .contains(&n)
            .then(|| self.order()[(n - 1) as usize])
    }

    /// Position (1-based) of a colour in this code.
    pub fn position(self, c: Colour) -> u32 {
        self.order()
            .iter()
            .position(|&x| x == c)
            .map(|i| i as u32 + 1)
            .unwrap_or(0)
    }

    pub fn name(self) -> Msg {
        match self {
            ColourCode::StandardOrange => Msg::new("colour-code-standard-orange"),
            ColourCode::Tia598 => Msg::new("colour-code-tia598"),
        }
    }
}

/// Diameter of the coloured primary coating of a single-mode fibre, mm (REFERENCE C.1).
pub const COATING_DIAMETER_MM: f64 = 0.25;
/// Cladding (bare glass) diameter, mm (REFERENCE C.1).
pub const CLADDING_DIAMETER_MM: f64 = 0.125;
/// Tight buffer diameter, mm (REFERENCE C.1).
pub const TIGHT_BUFFER_DIAMETER_MM: f64 = 0.9;

/// Gel filling of loose tubes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Filling {
    Gel,
    Dry,
}

/// The three constructions of v1. Dimensions have defaults typical of FTTH cables; a
/// scenario may override them within physical limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CableKind {
    /// Outdoor loose-tube cable: tubes of coloured 250 µm fibres stranded around a central
    /// strength member, aramid yarn, polyethylene sheath.
    LooseTube {
        tubes: u32,
        fibres_per_tube: u32,
        filling: Filling,
    },
    /// Indoor tight-buffered cable: 900 µm buffered fibres, aramid yarn, LSZH sheath.
    TightBuffered { fibres: u32 },
    /// Flat drop cable: a central tube of 250 µm fibres between two rigid strength rods.
    FlatDrop { fibres: u32 },
}

/// Geometry of a cable, all in millimetres.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CableGeometry {
    /// Outer diameter (round cables) or width (flat drop), mm.
    pub outer_mm: f64,
    /// Height of a flat cable; equal to `outer_mm` for round ones.
    pub height_mm: f64,
    pub sheath_thickness_mm: f64,
    /// Loose tube outer diameter (loose tube and flat drop), mm.
    pub tube_mm: f64,
    /// Central strength member (loose tube) or each rod (flat drop) diameter, mm.
    pub strength_member_mm: f64,
    pub aramid: bool,
}

impl CableKind {
    /// Default geometry. Loose tubes of 12 fibres are about 2 mm across and are stranded
    /// around a member of the same size; sheath 1.5 mm outdoor, 0.8 mm indoor.
    /// These are typical catalogue values, not from a standard (REFERENCE.md gives only
    /// fibre-level sizes); scenarios can override them.
    pub fn default_geometry(&self) -> CableGeometry {
        match *self {
            CableKind::LooseTube { tubes, .. } => {
                let tube = 2.0;
                // Tubes in one layer around the member: member diameter grows with the
                // count so that the tubes fit around it (at least one tube size).
                let n = tubes.max(1) as f64;
                let member = if n <= 6.0 {
                    tube
                } else {
                    // circumference of the pitch circle n * tube = 2π r
                    (n * tube / std::f64::consts::PI - tube).max(tube)
                };
                let core = member + 2.0 * tube + 0.6; // + aramid and binder
                let sheath = 1.5;
                CableGeometry {
                    outer_mm: round2(core + 2.0 * sheath),
                    height_mm: round2(core + 2.0 * sheath),
                    sheath_thickness_mm: sheath,
                    tube_mm: tube,
                    strength_member_mm: round2(member),
                    aramid: true,
                }
            }
            CableKind::TightBuffered { fibres } => {
                // 900 µm fibres bundled: area-equivalent bundle diameter, plus aramid.
                let bundle = TIGHT_BUFFER_DIAMETER_MM * (fibres.max(1) as f64 / 0.7).sqrt();
                let sheath = 0.8;
                let outer = round2(bundle.max(TIGHT_BUFFER_DIAMETER_MM) + 0.8 + 2.0 * sheath);
                CableGeometry {
                    outer_mm: outer,
                    height_mm: outer,
                    sheath_thickness_mm: sheath,
                    tube_mm: 0.0,
                    strength_member_mm: 0.0,
                    aramid: true,
                }
            }
            CableKind::FlatDrop { .. } => CableGeometry {
                outer_mm: 5.0,
                height_mm: 3.0,
                sheath_thickness_mm: 0.7,
                tube_mm: 1.6,
                strength_member_mm: 0.8,
                aramid: false,
            },
        }
    }

    pub fn has_tubes(&self) -> bool {
        !matches!(self, CableKind::TightBuffered { .. })
    }

    /// Number of tubes the trainee can tell apart by colour (a flat drop has one tube).
    pub fn tube_count(&self) -> u32 {
        match *self {
            CableKind::LooseTube { tubes, .. } => tubes,
            CableKind::FlatDrop { .. } => 1,
            CableKind::TightBuffered { .. } => 0,
        }
    }

    pub fn fibres_per_group(&self) -> u32 {
        match *self {
            CableKind::LooseTube {
                fibres_per_tube, ..
            } => fibres_per_tube,
            CableKind::TightBuffered { fibres } | CableKind::FlatDrop { fibres } => fibres,
        }
    }

    pub fn gel(&self) -> bool {
        matches!(
            self,
            CableKind::LooseTube {
                filling: Filling::Gel,
                ..
            }
        )
    }

    /// Whether the fibres carry a 900 µm tight buffer.
    pub fn tight_buffered(&self) -> bool {
        matches!(self, CableKind::TightBuffered { .. })
    }

    /// Whether the cable has rigid strength members (glass-reinforced rods) that need side
    /// cutters, rather than only aramid yarn that needs aramid scissors.
    pub fn rigid_strength_members(&self) -> bool {
        !matches!(self, CableKind::TightBuffered { .. })
    }

    pub fn name(&self) -> Msg {
        match self {
            CableKind::LooseTube { .. } => Msg::new("cable-loose-tube"),
            CableKind::TightBuffered { .. } => Msg::new("cable-tight-buffered"),
            CableKind::FlatDrop { .. } => Msg::new("cable-flat-drop"),
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_tia_orders_match_reference_c2() {
        // REFERENCE.md C.2: fibre 7 is orange in the French order and red in TIA-598;
        // fibre 3 is green in both.
        assert_eq!(ColourCode::StandardOrange.colour(7), Some(Colour::Orange));
        assert_eq!(ColourCode::Tia598.colour(7), Some(Colour::Red));
        assert_eq!(ColourCode::StandardOrange.colour(3), Some(Colour::Green));
        assert_eq!(ColourCode::Tia598.colour(3), Some(Colour::Green));
        assert_eq!(ColourCode::StandardOrange.colour(1), Some(Colour::Red));
        assert_eq!(ColourCode::Tia598.colour(12), Some(Colour::Turquoise));
        assert_eq!(ColourCode::StandardOrange.colour(13), None);
        for code in [ColourCode::StandardOrange, ColourCode::Tia598] {
            let mut seen = code.order().to_vec();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), 12, "each colour once in {code:?}");
            for n in 1..=12 {
                assert_eq!(code.position(code.colour(n).unwrap()), n);
            }
        }
    }

    #[test]
    fn loose_tube_geometry_is_plausible() {
        let g = CableKind::LooseTube {
            tubes: 6,
            fibres_per_tube: 12,
            filling: Filling::Gel,
        }
        .default_geometry();
        // 72-fibre loose-tube cables are sold around 9–11 mm.
        assert!((9.0..=11.5).contains(&g.outer_mm), "{}", g.outer_mm);
        let g12 = CableKind::LooseTube {
            tubes: 12,
            fibres_per_tube: 12,
            filling: Filling::Dry,
        }
        .default_geometry();
        assert!(g12.outer_mm > g.outer_mm);
    }
}
