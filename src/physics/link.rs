//! A fibre link as an ordered list of elements, and its optical profile at a wavelength.

use serde::{Deserialize, Serialize};

use super::fibre::{FibreOptics, FibreType};
use super::vfl;
use crate::math;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConnectorKind {
    Pc,
    Upc,
    Apc,
}

impl ConnectorKind {
    /// Typical reflectance, dB (REFERENCE.md A.3: PC ≥ 40, UPC ≥ 50, APC ≥ 60 dB RL).
    pub fn typical_reflectance_db(self) -> f64 {
        match self {
            ConnectorKind::Pc => -45.0,
            ConnectorKind::Upc => -55.0,
            ConnectorKind::Apc => -65.0,
        }
    }
}

/// Fresnel reflectance of a clean glass–air end, dB: ((n−1)/(n+1))², −14.4 dB at n 1.468.
pub fn fresnel_db(n: f64) -> f64 {
    10.0 * math::log10(math::sq((n - 1.0) / (n + 1.0)))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Element {
    Fibre {
        fibre: FibreType,
        length_m: f64,
    },
    Connector {
        kind: ConnectorKind,
        loss_db: f64,
        reflectance_db: f64,
    },
    /// `loss_db` at 1550 nm; with `loss_1310_db` the loss varies with the wavelength
    /// (see [`Element::splice_loss_db`]), without it the loss is the same at all.
    FusionSplice {
        loss_db: f64,
        #[serde(default)]
        loss_1310_db: Option<f64>,
    },
    MechanicalSplice {
        loss_db: f64,
        reflectance_db: f64,
        #[serde(default)]
        loss_1310_db: Option<f64>,
    },
    /// 1:N splitter; `excess_db` above the ideal 10·log10(N). Seen from its input, the
    /// N branches after it all send their backscatter back; seen from one of its outputs
    /// (`from_output`, testing from the subscriber) it is a plain loss.
    Splitter {
        ports: u32,
        excess_db: f64,
        #[serde(default)]
        from_output: bool,
    },
    /// A bend: loss given at 1550 nm, doubling every 75 nm longer (REFERENCE A.8:
    /// a bend shows much more loss at 1550 than at 1310 nm, more still at 1625).
    Macrobend {
        loss_1550_db: f64,
    },
    /// The fibre is broken: light goes no further. `None`: a crushed, non-reflective break.
    Break {
        reflectance_db: Option<f64>,
    },
    /// The far end: open (Fresnel), or terminated / APC (`None` or a low reflectance).
    End {
        reflectance_db: Option<f64>,
    },
}

impl Element {
    /// A splice's loss at a wavelength from its loss at 1550 nm and, when known, at
    /// 1310 nm: linear in wavelength through the two (a splice made in the field loses a
    /// little less at longer wavelengths, where the mode field is wider), never below 0.
    /// Multimode wavelengths (below 1260 nm) take the 1310 nm figure.
    pub fn splice_loss_db(loss_1550_db: f64, loss_1310_db: Option<f64>, wavelength_nm: f64) -> f64 {
        match loss_1310_db {
            None => loss_1550_db,
            Some(l1310) if wavelength_nm < 1260.0 => l1310,
            Some(l1310) => {
                let t = (wavelength_nm - 1310.0) / 240.0;
                (l1310 + t * (loss_1550_db - l1310)).max(0.0)
            }
        }
    }

    /// Bend loss at a wavelength.
    pub fn macrobend_loss_db(loss_1550_db: f64, wavelength_nm: f64) -> f64 {
        loss_1550_db * math::pow(2.0, (wavelength_nm - 1550.0) / 75.0)
    }

    /// What the element takes from light going through it at `wavelength_nm`, dB (one
    /// way); none where no light goes on (a break, the far end). Every instrument reads
    /// an element so: the OTDR's profile, the power meter, the PON meter, the red light.
    ///
    /// In the visible band (the red light's 650 nm) a fibre loses
    /// [`vfl::ATTENUATION_650_DB_PER_KM`] and a bend its whole 1550 nm figure (teaching
    /// value [U]: at 650 nm a single-mode fibre carries a few modes and the higher ones
    /// leak at a bend at least as much); a splice reads its 1310 nm figure.
    pub fn loss_db(&self, wavelength_nm: f64) -> Option<f64> {
        let visible = wavelength_nm < VISIBLE_BELOW_NM;
        Some(match *self {
            Element::Fibre { fibre, length_m } => {
                let per_km = if visible {
                    vfl::ATTENUATION_650_DB_PER_KM
                } else {
                    fibre.optics(wavelength_nm).attenuation_db_per_km
                };
                per_km * length_m / 1000.0
            }
            Element::Connector { loss_db, .. } => loss_db,
            Element::FusionSplice {
                loss_db,
                loss_1310_db,
            }
            | Element::MechanicalSplice {
                loss_db,
                loss_1310_db,
                ..
            } => Element::splice_loss_db(loss_db, loss_1310_db, wavelength_nm),
            Element::Splitter {
                ports, excess_db, ..
            } => 10.0 * math::log10(ports.max(1) as f64) + excess_db,
            Element::Macrobend { loss_1550_db } => {
                if visible {
                    loss_1550_db
                } else {
                    Element::macrobend_loss_db(loss_1550_db, wavelength_nm)
                }
            }
            Element::Break { .. } | Element::End { .. } => return None,
        })
    }
}

/// Below this wavelength, nm, light is visible (the red light's 650 nm): see
/// [`Element::loss_db`].
pub const VISIBLE_BELOW_NM: f64 = 1000.0;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub elements: Vec<Element>,
}

/// A fibre section along the link (true positions, metres from the OTDR port).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Section {
    pub start_m: f64,
    pub end_m: f64,
    pub fibre: FibreType,
    pub optics: FibreOptics,
}

/// A point event (true position).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointEvent {
    pub at_m: f64,
    /// True one-way loss, dB.
    pub loss_db: f64,
    /// Linear reflectance (0 when not reflective).
    pub reflectance: f64,
    /// Backscatter multiplicity after this point (N equal branches after a splitter;
    /// cascaded splitters multiply theirs).
    pub branches: f64,
}

/// The link at one wavelength: sections, point events and where light stops.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub sections: Vec<Section>,
    pub events: Vec<PointEvent>,
    /// True position beyond which nothing comes back.
    pub end_m: f64,
}

/// A point event that does not split the light.
fn point(at_m: f64, loss_db: f64, reflectance: f64) -> PointEvent {
    PointEvent {
        at_m,
        loss_db,
        reflectance,
        branches: 1.0,
    }
}

impl Link {
    /// The link's loss end to end at `wavelength_nm`, dB; none if light does not go
    /// through (see [`Element::loss_db`]).
    pub fn loss_db(&self, wavelength_nm: f64) -> Option<f64> {
        self.elements.iter().map(|e| e.loss_db(wavelength_nm)).sum()
    }

    pub fn profile(&self, wavelength_nm: f64) -> Profile {
        let mut sections = Vec::new();
        let mut events = Vec::new();
        let mut z = 0.0;
        let mut end = None;
        let lin = |db: f64| math::pow10(db / 10.0);
        for e in &self.elements {
            if end.is_some() {
                break;
            }
            match *e {
                Element::Fibre { fibre, length_m } => {
                    sections.push(Section {
                        start_m: z,
                        end_m: z + length_m,
                        fibre,
                        optics: fibre.optics(wavelength_nm),
                    });
                    z += length_m;
                }
                Element::Connector {
                    loss_db,
                    reflectance_db,
                    ..
                } => events.push(point(z, loss_db, lin(reflectance_db))),
                Element::MechanicalSplice {
                    loss_db,
                    reflectance_db,
                    loss_1310_db,
                } => events.push(point(
                    z,
                    Element::splice_loss_db(loss_db, loss_1310_db, wavelength_nm),
                    lin(reflectance_db),
                )),
                Element::FusionSplice {
                    loss_db,
                    loss_1310_db,
                } => events.push(point(
                    z,
                    Element::splice_loss_db(loss_db, loss_1310_db, wavelength_nm),
                    0.0,
                )),
                Element::Splitter {
                    ports,
                    excess_db,
                    from_output,
                } => events.push(PointEvent {
                    at_m: z,
                    loss_db: 10.0 * math::log10(ports.max(1) as f64) + excess_db,
                    reflectance: 0.0,
                    branches: if from_output {
                        1.0
                    } else {
                        ports.max(1) as f64
                    },
                }),
                Element::Macrobend { loss_1550_db } => events.push(point(
                    z,
                    Element::macrobend_loss_db(loss_1550_db, wavelength_nm),
                    0.0,
                )),
                Element::Break { reflectance_db } | Element::End { reflectance_db } => {
                    events.push(point(z, 0.0, reflectance_db.map(lin).unwrap_or(0.0)));
                    end = Some(z);
                }
            }
        }
        Profile {
            sections,
            events,
            end_m: end.unwrap_or(z),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresnel_of_silica() {
        // REFERENCE A.3: −14.44 dB for n = 1.468, −14.72 dB for n = 1.45.
        assert!((fresnel_db(1.468) + 14.44).abs() < 0.01);
        assert!((fresnel_db(1.45) + 14.72).abs() < 0.01);
    }

    #[test]
    fn a_splice_loss_follows_the_wavelength_between_its_two_figures() {
        // Hand-worked: 0.20 dB at 1310, 0.14 dB at 1550 → 0.17 at 1430; at 1625 nm,
        // 0.20 − (315/240)·0.06 = 0.12125.
        let at = |wl| Element::splice_loss_db(0.14, Some(0.20), wl);
        assert!((at(1310.0) - 0.20).abs() < 1e-12);
        assert!((at(1430.0) - 0.17).abs() < 1e-12);
        assert!((at(1625.0) - 0.12125).abs() < 1e-12);
        assert!((at(850.0) - 0.20).abs() < 1e-12);
        assert_eq!(Element::splice_loss_db(0.1, None, 1310.0), 0.1);
        // Never a gain from the extrapolation.
        assert_eq!(Element::splice_loss_db(0.01, Some(0.2), 1625.0), 0.0);
    }

    #[test]
    fn a_bend_loses_more_at_longer_wavelengths() {
        let l1310 = Element::macrobend_loss_db(1.0, 1310.0);
        let l1625 = Element::macrobend_loss_db(1.0, 1625.0);
        assert!(l1310 < 0.15 && (l1625 - 2.0).abs() < 1e-9);
    }
}
