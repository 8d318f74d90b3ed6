//! A .sor file from a simulated acquisition and its analysis: what a trainee delivers.

use super::{
    DataPts, DataTrace, FxdParams, GenParams, KeyEvent, KeyEvents, SorFile, SupParams, Version,
};
use crate::physics::analysis::{Analysis, EventKind, Thresholds};
use crate::physics::otdr::{C_M_PER_S, Trace};

/// Who, where and what, for GenParams.
#[derive(Clone, Debug, Default)]
pub struct TraceInfo {
    pub cable_id: String,
    pub fibre_id: String,
    /// ITU-T G.65x number.
    pub fibre_type: u16,
    pub location_a: String,
    pub location_b: String,
    pub operator: String,
    pub comment: String,
    /// Unix seconds.
    pub date_time: u32,
    /// Launch cable length subtracted from the distances, m (GenParams user offset).
    pub user_offset_m: f64,
}

/// One-way time for a displayed distance, in the file's 100 ps units.
fn time_100ps(distance_m: f64, ior: f64) -> u32 {
    (distance_m * ior / C_M_PER_S * 1e10).round().max(0.0) as u32
}

pub fn from_trace(
    trace: &Trace,
    analysis: &Analysis,
    th: &Thresholds,
    info: &TraceInfo,
) -> SorFile {
    let s = &trace.settings;
    let dt_s = trace.dx_m * s.ior / C_M_PER_S;
    let top = trace.levels_db.iter().cloned().fold(f64::MIN, f64::max);
    let values: Vec<u16> = trace
        .levels_db
        .iter()
        .map(|y| ((top - y) * 1000.0).round().clamp(0.0, 65_535.0) as u16)
        .collect();
    let events: Vec<KeyEvent> = analysis
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let kind = match e.kind {
                EventKind::Saturated => '2',
                EventKind::End if e.saturated => '2',
                EventKind::Reflective => '1',
                EventKind::End if e.reflectance_db.is_some() => '1',
                EventKind::End | EventKind::NonReflective => '0',
            };
            let origin = if e.kind == EventKind::End { 'E' } else { 'F' };
            KeyEvent {
                number: i as u16 + 1,
                time: time_100ps(e.distance_m, s.ior),
                attenuation: e
                    .section_db_per_km
                    .map(|a| (a * 1000.0).round() as i16)
                    .unwrap_or(0),
                loss: e
                    .loss_db
                    .map(|l| (l * 1000.0).round().clamp(-32_768.0, 32_767.0) as i16)
                    .unwrap_or(0),
                reflectance: e
                    .reflectance_db
                    .map(|r| (r * 1000.0).round() as i32)
                    .unwrap_or(0),
                code: format!("{kind}{origin}9999"),
                technique: "LS".into(),
                markers: e
                    .markers
                    .map(|i| time_100ps(i as f64 * trace.dx_m, s.ior) as i32),
                comment: String::new(),
            }
        })
        .collect();
    let end_time = analysis
        .end_m
        .map(|d| time_100ps(d, s.ior) as i32)
        .unwrap_or(0);
    SorFile {
        version: Version::V2,
        map_revision: 200,
        blocks: Vec::new(),
        general: Some(GenParams {
            language: "FR".into(),
            cable_id: info.cable_id.clone(),
            fibre_id: info.fibre_id.clone(),
            fibre_type: info.fibre_type,
            nominal_wavelength_nm: s.wavelength_nm.round() as u16,
            location_a: info.location_a.clone(),
            location_b: info.location_b.clone(),
            cable_code: String::new(),
            build_condition: "BC".into(),
            user_offset: time_100ps(info.user_offset_m, s.ior) as i32,
            // Tenths of a metre, as acquisition_range_distance.
            user_offset_distance: (info.user_offset_m * 10.0).round() as i32,
            operator: info.operator.clone(),
            comment: info.comment.clone(),
        }),
        sup: Some(SupParams {
            supplier: "FibreLab".into(),
            mainframe_id: "FibreLab OTDR simulator".into(),
            mainframe_sn: String::new(),
            module_id: String::new(),
            module_sn: String::new(),
            software: env!("CARGO_PKG_VERSION").into(),
            other: String::new(),
        }),
        fxd: Some(FxdParams {
            date_time: info.date_time,
            distance_units: "mt".into(),
            wavelength: (s.wavelength_nm * 10.0).round() as u16,
            acquisition_offset: 0,
            acquisition_offset_distance: 0,
            pulse_widths_ns: vec![s.pulse_ns.round() as u16],
            data_spacing: vec![(dt_s * 1e14).round() as u32],
            points_per_pulse: vec![values.len() as u32],
            group_index: (s.ior * 100_000.0).round() as u32,
            backscatter: (-s.backscatter_db * 10.0).round().clamp(0.0, 65_535.0) as u16,
            averages: (trace.averaged_s * s.repetition_hz()).round() as u32,
            // The standard's unit, 0.1 s (REFERENCE F.6).
            averaging_time: (trace.averaged_s * 10.0).round().min(65_535.0) as u16,
            acquisition_range: time_100ps(s.range_m, s.ior),
            acquisition_range_distance: (s.range_m * 10.0).round() as i32,
            front_panel_offset: 0,
            noise_floor_level: ((top - trace.noise_db) * 1000.0)
                .round()
                .clamp(0.0, 65_535.0) as u16,
            noise_floor_scale: 1000,
            power_offset_first_point: 0,
            loss_threshold: (th.splice_loss_db * 1000.0).round() as u16,
            reflectance_threshold: (-th.reflectance_db * 1000.0).round().clamp(0.0, 65_535.0)
                as u16,
            end_of_fibre_threshold: (th.end_of_fibre_db * 1000.0).round() as u16,
            trace_type: "ST".into(),
            window: [0; 4],
        }),
        events: Some(KeyEvents {
            events,
            end_to_end_loss: analysis
                .total_loss_db
                .map(|l| (l * 1000.0).round() as i32)
                .unwrap_or(0),
            end_to_end_markers: [0, end_time],
            orl: analysis
                .orl_db
                .map(|o| (o * 1000.0).round().clamp(0.0, 65_535.0) as u16)
                .unwrap_or(0),
            orl_markers: [0, end_time],
        }),
        data: Some(DataPts {
            total_points: values.len() as u32,
            traces: vec![DataTrace {
                scale_factor: 1000,
                values,
            }],
        }),
        checksum: None,
        skipped: Vec::new(),
    }
}
