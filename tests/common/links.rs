//! Links built by hand for the OTDR tests: G.652.D fibre, UPC connectors, splitters (one
//! definition, not one per file).

#![allow(dead_code)]

use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{ConnectorKind, Element};

pub fn fibre(m: f64) -> Element {
    Element::Fibre {
        fibre: FibreType::G652D,
        length_m: m,
    }
}

pub fn connector(loss_db: f64, reflectance_db: f64) -> Element {
    Element::Connector {
        kind: ConnectorKind::Upc,
        loss_db,
        reflectance_db,
    }
}

/// A 1:`ports` splitter, met from its input (the exchange's side) or from an output.
pub fn splitter(ports: u32, excess_db: f64, from_output: bool) -> Element {
    Element::Splitter {
        ports,
        excess_db,
        from_output,
    }
}

/// A fusion splice of the same loss at every wavelength.
pub fn splice(loss_db: f64) -> Element {
    Element::FusionSplice {
        loss_db,
        loss_1310_db: None,
    }
}
