//! `fibrelab otdr`: one acquisition of a scenario's link, written as a .sor file (and a
//! CSV of distance and level), as a trainee's instrument would save it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{eprint_msg, find_scenario, print_diagnostics};
use crate::exercise::otdr::{Config, Direction};
use crate::exercise::{Exercise, ModuleState, OtdrAction};
use crate::i18n::{Lang, Msg};
use crate::physics::analysis::{Thresholds, analyse};
use crate::scenario::ExerciseSpec;
use crate::sor::export::{TraceInfo, from_trace};

/// The command's options.
#[derive(clap::Args, Debug)]
pub struct OtdrArgs {
    /// Scenario file or id.
    pub scenario: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Wavelength, nm.
    #[arg(long)]
    pub wavelength: f64,
    /// Pulse width, ns (3, 5, 10, 30, 50, 100, 275, 500, 1000, 2500, 5000, 10000, 20000).
    #[arg(long)]
    pub pulse: f64,
    /// Range, m.
    #[arg(long)]
    pub range: f64,
    /// Averaging time, s.
    #[arg(long)]
    pub averaging: f64,
    /// Group index setting (default: the cable's).
    #[arg(long)]
    pub ior: Option<f64>,
    /// Test from end B towards A.
    #[arg(long)]
    pub from_b: bool,
    /// Leave the launch and receive cables off the bench.
    #[arg(long)]
    pub no_cables: bool,
    /// Operator's name written in the file.
    #[arg(long, default_value = "")]
    pub operator: String,
    /// The .sor file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the trace as CSV: distance in metres, level in dB.
    #[arg(long)]
    pub csv: Option<PathBuf>,
}

/// Writes `bytes` beside `path` then renames, so that a failure never leaves half a file
/// where a good one was.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

pub fn run(lang: Lang, a: &OtdrArgs) -> ExitCode {
    let loaded = match find_scenario(&a.scenario, None) {
        Ok(l) => l,
        Err(ds) => {
            print_diagnostics(lang, &ds);
            return ExitCode::FAILURE;
        }
    };
    let ExerciseSpec::Otdr(setup) = &loaded.scenario.exercise else {
        eprint_msg(
            lang,
            Msg::new("cli-otdr-not-otdr").text("id", loaded.scenario.id.clone()),
        );
        return ExitCode::FAILURE;
    };
    let mut ex = Exercise::generate(&loaded.scenario, a.seed);
    let ModuleState::Otdr(st) = &ex.state else {
        return ExitCode::FAILURE;
    };
    let ior = a.ior.unwrap_or(st.link.group_index);
    let config = Config {
        wavelength_nm: a.wavelength,
        pulse_ns: a.pulse,
        range_m: a.range,
        averaging_s: a.averaging,
        ior,
        backscatter_db: None,
        direction: if a.from_b {
            Direction::BtoA
        } else {
            Direction::AtoB
        },
        launch_cable: !a.no_cables,
        receive_cable: !a.no_cables,
    };
    if let Err(r) = ex.apply(0, OtdrAction::Acquire(config).into()) {
        eprint_msg(lang, r.reason);
        return ExitCode::FAILURE;
    }
    let ModuleState::Otdr(st) = &ex.state else {
        return ExitCode::FAILURE;
    };
    let Some(trace) = st.trace(a.seed, 0) else {
        return ExitCode::FAILURE;
    };
    let th: Thresholds = setup.thresholds.into();
    let analysis = analyse(&trace, &th);
    let origin_m = st.acquisitions.first().map(|r| r.origin_m).unwrap_or(0.0);
    let l = &setup.labels;
    let (loc_a, loc_b) = if a.from_b {
        (l.location_b.clone(), l.location_a.clone())
    } else {
        (l.location_a.clone(), l.location_b.clone())
    };
    let info = TraceInfo {
        cable_id: l.cable_id.clone(),
        fibre_id: l.fibre_id.clone(),
        fibre_type: 652,
        location_a: loc_a,
        location_b: loc_b,
        operator: a.operator.clone(),
        comment: format!("{} seed {}", loaded.scenario.id, a.seed),
        date_time: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as u32)
            .unwrap_or(0),
        user_offset_m: origin_m,
    };
    let file = from_trace(&trace, &analysis, &th, &info);
    let bytes = crate::sor::write(&file);
    if let Err(e) = write_atomic(&a.out, &bytes) {
        eprint_msg(
            lang,
            Msg::new("cli-cannot-write")
                .text("file", a.out.display().to_string())
                .text("error", e.to_string()),
        );
        return ExitCode::from(2);
    }
    if let Some(csv) = &a.csv {
        let mut text = String::with_capacity(trace.levels_db.len() * 20);
        text.push_str("distance_m,level_db\n");
        for (i, y) in trace.levels_db.iter().enumerate() {
            text.push_str(&format!("{:.3},{:.4}\n", i as f64 * trace.dx_m, y));
        }
        if let Err(e) = write_atomic(csv, text.as_bytes()) {
            eprint_msg(
                lang,
                Msg::new("cli-cannot-write")
                    .text("file", csv.display().to_string())
                    .text("error", e.to_string()),
            );
            return ExitCode::from(2);
        }
    }
    println!(
        "{}",
        Msg::new("cli-otdr-written")
            .text("file", a.out.display().to_string())
            .int("points", trace.levels_db.len() as u32)
            .int("events", analysis.events.len() as u32)
            .render(lang)
    );
    for e in &analysis.events {
        println!(
            "  {:>10.1} m  {:<14?} {:>8} {:>9}",
            e.distance_m,
            e.kind,
            e.loss_db.map(|l| format!("{l:.3} dB")).unwrap_or_default(),
            e.reflectance_db
                .map(|r| format!("{r:.1} dB"))
                .unwrap_or_default()
        );
    }
    ExitCode::SUCCESS
}
