//! A light source and a power meter (an OLTS, Tier 1, issue 13 point 2): setting the
//! reference by one of the three methods of IEC 61280-4-2 / TIA-526-7 (one, two or three
//! cords: REFERENCE D.5), measuring a link's insertion loss, and the mistakes the
//! instrument lets a trainee make. Also the loss budget of REFERENCE D.4 and the PON
//! levels at the outlet.
//!
//! A mated connection is the loss between two cords' connectors; the cords' own fibre
//! (a few metres) and the meter's large-area detector port add nothing. What each method
//! includes (REFERENCE D.5, Fluke's handbook): one cord, both end connections of the
//! link; two cords, one; three cords, none.

/// How the reference was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RefMethod {
    /// The launch cord alone from the source to the meter.
    OneCord,
    /// The launch cord mated to the receive cord.
    TwoCord,
    /// Launch cord, a short substitution cord, receive cord: two connections.
    ThreeCord,
}

impl RefMethod {
    /// How many of the link's two end connections the loss then includes.
    pub fn end_connections_included(self) -> u32 {
        match self {
            RefMethod::OneCord => 2,
            RefMethod::TwoCord => 1,
            RefMethod::ThreeCord => 0,
        }
    }
}

/// The power the meter reads with the reference set up, dBm: the source's power less
/// the mated connections of that set-up (`ref_connections_db`: none for one cord, the
/// launch-to-receive mating for two, both matings for three).
pub fn reference_dbm(source_dbm: f64, ref_connections_db: &[f64]) -> f64 {
    source_dbm - ref_connections_db.iter().sum::<f64>()
}

/// The power the meter reads through the link, dBm: the source less the launch cord's
/// mating to the link (end A), the link itself and the link's mating to the receive cord
/// (end B).
pub fn measured_dbm(source_dbm: f64, end_a_db: f64, link_db: f64, end_b_db: f64) -> f64 {
    source_dbm - end_a_db - link_db - end_b_db
}

/// The insertion loss the instrument shows: the reference less the reading, dB.
pub fn insertion_loss_db(reference_dbm: f64, measured_dbm: f64) -> f64 {
    reference_dbm - measured_dbm
}

/// An InGaAs detector's responsivity, A/W (teaching values [U], typical of datasheets:
/// 0.90 at 1310 nm, 0.95 at 1490 nm, 1.00 at 1550 nm, 1.02 at 1625 nm; linear between).
pub fn responsivity_a_per_w(wavelength_nm: f64) -> f64 {
    let pts = [
        (1310.0, 0.90),
        (1490.0, 0.95),
        (1550.0, 1.00),
        (1625.0, 1.02),
    ];
    if wavelength_nm <= pts[0].0 {
        return pts[0].1;
    }
    for w in pts.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if wavelength_nm <= x1 {
            return y0 + (y1 - y0) * (wavelength_nm - x0) / (x1 - x0);
        }
    }
    pts[pts.len() - 1].1
}

/// What a meter set to `set_nm` shows for light of `light_nm` at `true_dbm`: it divides
/// the photocurrent by the responsivity of the wavelength it is set to, dBm.
pub fn meter_reading_dbm(true_dbm: f64, light_nm: f64, set_nm: f64) -> f64 {
    true_dbm
        + 10.0 * crate::math::log10(responsivity_a_per_w(light_nm) / responsivity_a_per_w(set_nm))
}

/// A link's loss budget (REFERENCE D.4): fibre, splices, connectors, splitters and the
/// designer's margin, dB.
#[allow(clippy::too_many_arguments)]
pub fn budget_db(
    length_km: f64,
    attenuation_db_per_km: f64,
    splices: u32,
    splice_db: f64,
    connectors: u32,
    connector_db: f64,
    splitters_db: f64,
    margin_db: f64,
) -> f64 {
    length_km * attenuation_db_per_km
        + f64::from(splices) * splice_db
        + f64::from(connectors) * connector_db
        + splitters_db
        + margin_db
}

/// The margin left on a budget of `link_db` between a transmitter's lowest power and a
/// receiver's sensitivity, dB (negative: the link does not close).
pub fn margin_available_db(tx_min_dbm: f64, rx_sensitivity_dbm: f64, link_db: f64) -> f64 {
    (tx_min_dbm - rx_sensitivity_dbm) - link_db
}

/// GPON class B+ at the ONT (G.984.2, via REFERENCE D.3): −27 to −8 dBm received.
pub const GPON_BPLUS_RX_DBM: (f64, f64) = (-27.0, -8.0);

/// Whether a level received at the outlet lies in the window.
pub fn level_in(dbm: f64, window: (f64, f64)) -> bool {
    (window.0..=window.1).contains(&dbm)
}
