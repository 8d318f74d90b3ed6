//! Telcordia SR-4731 ("Bellcore") OTDR trace files: reader (versions 1 and 2) and writer
//! (version 2). Layout and scales from REFERENCE.md section F.
//!
//! The reader is strict about structure (every length is checked against the bytes that
//! are really there, so a truncated or corrupt file is refused with the place and the
//! reason, never a panic) and lenient about content: unknown and proprietary blocks are
//! skipped by the sizes the map gives, and the checksum is checked against the
//! conventions instruments are known to use, with a note when none matches.

pub mod export;
mod read;
mod write;

use serde::Serialize;
use thiserror::Error;

use crate::i18n::Msg;
pub use read::read;
pub use write::write;

/// Speed of light in vacuum, m/s.
pub const C_M_PER_S: f64 = 299_792_458.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Version {
    /// Map revision 100: no block names inside blocks.
    V1,
    /// Map revision 200: each block starts with its NUL-terminated name.
    V2,
}

/// One entry of the map: a block's name, revision, size and where it starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BlockInfo {
    pub name: String,
    pub revision: u16,
    pub size: u32,
    pub offset: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GenParams {
    pub language: String,
    pub cable_id: String,
    pub fibre_id: String,
    /// ITU-T G.65x number (652, 657...), 0 when not given. Version 2 only.
    pub fibre_type: u16,
    pub nominal_wavelength_nm: u16,
    pub location_a: String,
    pub location_b: String,
    pub cable_code: String,
    /// BC as built, CC as current, RC as repaired, OT other.
    pub build_condition: String,
    /// Launch lead, 100 ps one-way.
    pub user_offset: i32,
    pub user_offset_distance: i32,
    pub operator: String,
    pub comment: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SupParams {
    pub supplier: String,
    pub mainframe_id: String,
    pub mainframe_sn: String,
    pub module_id: String,
    pub module_sn: String,
    pub software: String,
    pub other: String,
}

/// Fixed parameters, as stored (scaled integers); see the methods for physical units.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FxdParams {
    /// Unix seconds, UTC.
    pub date_time: u32,
    pub distance_units: String,
    /// 0.1 nm.
    pub wavelength: u16,
    /// 100 ps.
    pub acquisition_offset: i32,
    pub acquisition_offset_distance: i32,
    /// Nanoseconds, one per pulse width used.
    pub pulse_widths_ns: Vec<u16>,
    /// Time between points, 100 ps per 10 000 points.
    pub data_spacing: Vec<u32>,
    pub points_per_pulse: Vec<u32>,
    /// Group index × 100 000.
    pub group_index: u32,
    /// Backscatter coefficient, −0.1 dB (794 = −79.4 dB).
    pub backscatter: u16,
    pub averages: u32,
    /// Averaging time: the standard says 0.1 s, vendors differ (REFERENCE F.6).
    pub averaging_time: u16,
    /// 100 ps.
    pub acquisition_range: u32,
    pub acquisition_range_distance: i32,
    pub front_panel_offset: i32,
    pub noise_floor_level: u16,
    pub noise_floor_scale: i16,
    pub power_offset_first_point: u16,
    /// dB × 1000.
    pub loss_threshold: u16,
    /// −dB × 1000.
    pub reflectance_threshold: u16,
    /// dB × 1000.
    pub end_of_fibre_threshold: u16,
    pub trace_type: String,
    pub window: [i32; 4],
}

impl FxdParams {
    /// The actual wavelength, nm. The field is in 0.1 nm, but some instruments (Noyes
    /// OFL280, REFERENCE.md F.6) store whole nanometres: no OTDR works below 600 nm, so a
    /// value under 2000 can only be nanometres.
    pub fn wavelength_nm(&self) -> f64 {
        if self.wavelength < 2000 {
            self.wavelength as f64
        } else {
            self.wavelength as f64 / 10.0
        }
    }
    pub fn group_index(&self) -> f64 {
        self.group_index as f64 / 100_000.0
    }
    pub fn backscatter_db(&self) -> f64 {
        -(self.backscatter as f64) / 10.0
    }
    /// Distance between two points of the first pulse width, metres (one-way).
    pub fn resolution_m(&self) -> Option<f64> {
        let spacing = *self.data_spacing.first()? as f64 * 1e-14;
        let n = self.group_index();
        (n > 0.0).then(|| spacing * C_M_PER_S / n)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KeyEvent {
    pub number: u16,
    /// One-way time from the reference, 100 ps.
    pub time: u32,
    /// dB/km × 1000 of the fibre before the event.
    pub attenuation: i16,
    /// dB × 1000 (negative for a gainer).
    pub loss: i16,
    /// dB × 1000, negative; 0 when not reflective.
    pub reflectance: i32,
    /// Six characters: type (0/1/2), origin (A, M, E, F, O, D), landmark.
    pub code: String,
    /// 2P, LS or OT.
    pub technique: String,
    /// Marker locations, 100 ps (version 2 only).
    pub markers: [i32; 5],
    pub comment: String,
}

impl KeyEvent {
    pub fn loss_db(&self) -> f64 {
        self.loss as f64 / 1000.0
    }
    pub fn reflectance_db(&self) -> f64 {
        self.reflectance as f64 / 1000.0
    }
    pub fn is_reflective(&self) -> bool {
        self.code.starts_with('1') || self.code.starts_with('2')
    }
    pub fn is_end(&self) -> bool {
        self.code.as_bytes().get(1) == Some(&b'E')
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KeyEvents {
    pub events: Vec<KeyEvent>,
    /// dB × 1000.
    pub end_to_end_loss: i32,
    pub end_to_end_markers: [i32; 2],
    /// dB × 1000.
    pub orl: u16,
    pub orl_markers: [i32; 2],
}

/// One trace of the data block (one per scale factor).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DataTrace {
    /// 1000 = ×1.
    pub scale_factor: u16,
    /// −dB × 1000 / (scale / 1000): 0 is the strongest level.
    pub values: Vec<u16>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DataPts {
    pub total_points: u32,
    pub traces: Vec<DataTrace>,
}

impl DataPts {
    /// The first trace in display (one-way) dB, 0 dB at the strongest level.
    pub fn levels_db(&self) -> Vec<f64> {
        self.traces
            .first()
            .map(|t| {
                let sf = t.scale_factor as f64 / 1000.0;
                t.values
                    .iter()
                    .map(|v| -(*v as f64) * sf / 1000.0)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Checksum conventions seen in instruments' files (REFERENCE.md F.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChecksumConvention {
    /// CRC-16/CCITT-FALSE over every byte before the checksum (Noyes, AFL, HP; FibreLab).
    CcittAllBefore,
    /// CRC-16/XMODEM over every byte before the checksum (Anritsu).
    XmodemAllBefore,
    /// CRC-16/CCITT-FALSE over every byte before the checksum block (otdrs).
    CcittBeforeBlock,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Checksum {
    pub stored: u16,
    /// Where the checksum block and the 2-byte field start in the file.
    pub block_offset: usize,
    pub field_offset: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SorFile {
    pub version: Version,
    pub map_revision: u16,
    /// Every block after the map, in file order.
    pub blocks: Vec<BlockInfo>,
    pub general: Option<GenParams>,
    pub sup: Option<SupParams>,
    pub fxd: Option<FxdParams>,
    pub events: Option<KeyEvents>,
    pub data: Option<DataPts>,
    pub checksum: Option<Checksum>,
    /// Blocks read past by their size: proprietary or unknown.
    pub skipped: Vec<String>,
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum SorError {
    #[error("not an OTDR trace file (.sor): it does not start with a map block")]
    NotSor,
    #[error("file cut short in {block} at byte {offset}: {needed} bytes needed, {available} left")]
    Truncated {
        block: String,
        offset: usize,
        needed: usize,
        available: usize,
    },
    #[error("the map is damaged: {0}")]
    BadMap(String),
    #[error(
        "block {name} runs past the end of the file (starts at {offset}, {size} bytes, file {file_len} bytes)"
    )]
    BlockOutsideFile {
        name: String,
        offset: usize,
        size: u32,
        file_len: usize,
    },
    #[error("block {name} does not start with its name")]
    BadBlockHeader { name: String },
    #[error("block {block}: {detail}")]
    BadValue { block: String, detail: String },
    #[error("the trace has no data points")]
    NoPoints,
}

impl SorError {
    pub fn msg(&self) -> Msg {
        match self {
            SorError::NotSor => Msg::new("sor-not-sor"),
            SorError::Truncated {
                block,
                offset,
                needed,
                available,
            } => Msg::new("sor-truncated")
                .text("block", block.clone())
                .int("offset", *offset as i64)
                .int("needed", *needed as i64)
                .int("available", *available as i64),
            SorError::BadMap(d) => Msg::new("sor-bad-map").text("detail", d.clone()),
            SorError::BlockOutsideFile {
                name,
                offset,
                size,
                file_len,
            } => Msg::new("sor-block-outside")
                .text("block", name.clone())
                .int("offset", *offset as i64)
                .int("size", *size as i64)
                .int("len", *file_len as i64),
            SorError::BadBlockHeader { name } => {
                Msg::new("sor-bad-header").text("block", name.clone())
            }
            SorError::BadValue { block, detail } => Msg::new("sor-bad-value")
                .text("block", block.clone())
                .text("detail", detail.clone()),
            SorError::NoPoints => Msg::new("sor-no-points"),
        }
    }
}

/// CRC-16 with polynomial 0x1021, no reflection, no final xor; `init` 0xFFFF gives
/// CCITT-FALSE, 0x0000 XMODEM. Table-driven: a byte per step.
pub fn crc16(bytes: &[u8], init: u16) -> u16 {
    static TABLE: std::sync::OnceLock<[u16; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u16; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut crc = (i as u16) << 8;
            for _ in 0..8 {
                crc = if crc & 0x8000 != 0 {
                    (crc << 1) ^ 0x1021
                } else {
                    crc << 1
                };
            }
            *e = crc;
        }
        t
    });
    bytes.iter().fold(init, |crc, &b| {
        (crc << 8) ^ table[((crc >> 8) as u8 ^ b) as usize]
    })
}

/// Which known convention reproduces the stored checksum (REFERENCE.md F.10). Kept out of
/// [`read`] so that reading costs only the parsing; `None` when no convention matches or
/// the file has no checksum.
pub fn verify_checksum(bytes: &[u8], file: &SorFile) -> Option<ChecksumConvention> {
    let c = file.checksum.as_ref()?;
    let before = bytes.get(..c.field_offset)?;
    let ccitt = crc16(before, 0xFFFF);
    if ccitt == c.stored {
        return Some(ChecksumConvention::CcittAllBefore);
    }
    if crc16(bytes.get(..c.block_offset)?, 0xFFFF) == c.stored {
        return Some(ChecksumConvention::CcittBeforeBlock);
    }
    (crc16(before, 0x0000) == c.stored).then_some(ChecksumConvention::XmodemAllBefore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_values() {
        // The catalogue's check values over "123456789".
        assert_eq!(crc16(b"123456789", 0xFFFF), 0x29B1, "CCITT-FALSE");
        assert_eq!(crc16(b"123456789", 0x0000), 0x31C3, "XMODEM");
    }
}

/// What an exercise on a saved trace needs from the file: the instrument's set-up and the
/// trace's points.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedTrace {
    pub wavelength_nm: f64,
    pub pulse_ns: f64,
    /// Averaging time, s.
    pub averaging_s: f64,
    pub group_index: f64,
    pub backscatter_db: f64,
    /// One-way levels, dB, one per point.
    pub levels_db: Vec<f64>,
    /// Distance between points, m.
    pub dx_m: f64,
}

/// The trace a file holds, or why it holds none an exercise can use (`file`: the name
/// the scenario gives it, for the message).
pub fn saved_trace(bytes: &[u8], file: &str) -> Result<SavedTrace, Msg> {
    let f = read(bytes).map_err(|e| e.msg())?;
    let no_points = || Msg::new("sor-no-trace").text("file", file);
    let (Some(fxd), Some(data)) = (&f.fxd, &f.data) else {
        return Err(no_points());
    };
    let levels_db = data.levels_db();
    let dx_m = fxd.resolution_m().unwrap_or(1.0);
    if levels_db.len() < 16 || dx_m.is_nan() || dx_m <= 0.0 {
        return Err(no_points());
    }
    Ok(SavedTrace {
        wavelength_nm: fxd.wavelength_nm(),
        pulse_ns: fxd.pulse_widths_ns.first().copied().unwrap_or(0) as f64,
        averaging_s: fxd.averaging_time as f64 / 10.0,
        group_index: fxd.group_index(),
        backscatter_db: fxd.backscatter_db(),
        levels_db,
        dx_m,
    })
}
