//! A real trace kept with a scenario (a Telcordia .sor file): its levels as the bench's
//! trace, and the trainer's reference table as the truth the report is held to.

use serde::{Deserialize, Serialize};

use super::*;
use crate::i18n::Msg;
use crate::physics::analysis::Analysis;
use crate::physics::link::ConnectorKind;
use crate::physics::otdr::Trace;
use crate::scenario::otdr::{EventType, SorSpec};
use crate::scenario::{Attachments, OtdrSetup};

/// A link drawn from a real trace's reference table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedTrace {
    pub config: Config,
    pub origin_m: f64,
    pub levels_db: Vec<f64>,
    pub dx_m: f64,
}

impl SavedTrace {
    pub(super) fn trace(&self) -> Trace {
        let c = &self.config;
        Trace {
            settings: c.settings(),
            averaged_s: c.averaging_s,
            dx_m: self.dx_m,
            levels_db: self.levels_db.clone(),
            saturation_db: 0.0,
            noise_db: self.levels_db.iter().copied().fold(0.0, f64::min),
        }
    }
}

/// The saved trace a scenario names, from the files kept with it; or why it cannot start.
pub fn load_saved(spec: &SorSpec, attachments: &Attachments) -> Result<SavedTrace, Msg> {
    let bytes = attachments
        .0
        .get(&spec.file)
        .ok_or_else(|| Msg::new("sor-missing").text("file", spec.file.clone()))?;
    let t = crate::sor::saved_trace(bytes, &spec.file)?;
    Ok(SavedTrace {
        config: Config {
            wavelength_nm: t.wavelength_nm,
            pulse_ns: t.pulse_ns,
            range_m: t.dx_m * t.levels_db.len() as f64,
            averaging_s: t.averaging_s,
            ior: t.group_index,
            backscatter_db: Some(t.backscatter_db),
            direction: Direction::AtoB,
            launch_cable: spec.origin_m > 0.0,
            receive_cable: false,
        },
        origin_m: spec.origin_m,
        levels_db: t.levels_db,
        dx_m: t.dx_m,
    })
}

pub(super) fn saved_truth(spec: &SorSpec, setup: &OtdrSetup) -> DrawnLink {
    let truth = spec
        .reference
        .iter()
        .map(|r| {
            let loss = r.loss_db.unwrap_or(0.0);
            let (pass, borderline) = if r.kind == EventType::Splitter {
                // A reference table gives no port count, hence no excess: either
                // verdict is accepted.
                (Some(true), true)
            } else {
                setup
                    .acceptance
                    .judge(r.kind, loss, r.reflectance_db, &setup.tolerances)
            };
            TrueEvent {
                distance_m: r.distance_m,
                kind: r.kind,
                loss_db: loss,
                rule_db: loss,
                reflectance_db: r.reflectance_db,
                must_report: true,
                pass,
                borderline,
                // The trainer's table already gives what the trace shows.
                apparent_db: None,
                saturates: false,
            }
        })
        .collect();
    DrawnLink {
        connector: ConnectorKind::Upc,
        connector_a: (0.0, 0.0),
        connector_b: (0.0, 0.0),
        launch_m: spec.origin_m,
        receive_m: 0.0,
        elements: Vec::new(),
        truth,
        length_m: spec.length_m,
        total_loss_db: spec.total_loss_db,
        group_index: 0.0,
        broken_at_m: spec
            .reference
            .iter()
            .find(|r| r.kind == EventType::Break)
            .map(|r| r.distance_m),
        single_mode: true,
    }
}

/// Shifts an analysis to distances from `origin_m` and drops what lies inside the launch
/// cable (its start and the port).
pub(super) fn from_origin(mut a: Analysis, origin_m: f64, dx: f64) -> Analysis {
    if origin_m > 0.0 {
        let margin = 2.0 + 2.0 * dx;
        a.events.retain(|e| e.distance_m >= origin_m - margin);
    }
    for e in &mut a.events {
        e.distance_m -= origin_m;
    }
    if let Some(end) = a.end_m.as_mut() {
        *end -= origin_m;
    }
    a
}
