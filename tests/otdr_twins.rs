//! Each real trace in `../shared/sor-samples` beside its twin: the link read from the
//! file's own event table (its distances, losses and reflectances, on G.652.D fibre)
//! acquired with the file's wavelength, pulse, range and averaging time, then both
//! measured the same way: the backscatter's slope and texture, a connector's peak and its
//! attenuation dead zone, the recovery tail after the clipped end, and (where the real
//! trace shows enough of it) the noise. The tolerances are the spread between real
//! instruments where two samples show it, and are given with each check.
//!
//! The samples are not ours to ship: without `../shared` these tests say so and pass.
//! With `FIBRELAB_TWIN_PLOTS=folder`, each pair is written there as CSV (distance, real,
//! twin) for plotting.

#[path = "common/paths.rs"]
mod paths;
use paths::root;

use fibrelab::physics::analysis::Fitter;
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{ConnectorKind, Element, Link, fresnel_db};
use fibrelab::physics::otdr::{C_M_PER_S, Settings, Trace, acquire};
use fibrelab::rng::SimRng;
use fibrelab::sor::{self, SorFile};

/// A sample and how its instrument was set, as the file says (the averaging time as
/// pyOTDR and the instrument's software read it: the field's unit varies by vendor).
struct Sample {
    file: &'static str,
    averaging_s: f64,
    /// A reflective connector inside the link to read a peak and a dead zone on, m from
    /// the port (the table's distance plus the launch lead).
    connector_m: Option<f64>,
    /// Where the real trace shows its noise alone, m.
    noise_m: Option<(f64, f64)>,
    /// Where the backscatter is clean for the slope and the ripple, m.
    backscatter_m: (f64, f64),
    /// Whether the end is a clipped reflection with its recovery tail shown.
    tail: bool,
    /// Whether the instrument is of the class the model follows (the EXFO and Anritsu
    /// handhelds): the Noyes OFL280 is not, and only its fibre is held to the twin.
    held: bool,
}

const SAMPLES: [Sample; 5] = [
    Sample {
        file: "example4-exfo-ftb4ftbx730c-mfdgainer-1310nm.sor",
        averaging_s: 1.0,
        connector_m: Some(1600.0),
        noise_m: None,
        backscatter_m: (1700.0, 3500.0),
        tail: true,
        held: true,
    },
    Sample {
        file: "example4-exfo-ftb4ftbx730c-mfdgainer-1550nm.sor",
        averaging_s: 1.0,
        connector_m: Some(1600.0),
        noise_m: None,
        backscatter_m: (1700.0, 3500.0),
        tail: true,
        held: true,
    },
    Sample {
        file: "example2-exfo-maxtester730c.sor",
        averaging_s: 1.0,
        connector_m: None,
        noise_m: Some((4500.0, 7000.0)),
        backscatter_m: (300.0, 3600.0),
        tail: true,
        held: true,
    },
    Sample {
        file: "example3-anritsu-accessmastermt9085.sor",
        averaging_s: 3.0,
        connector_m: Some(1021.0),
        noise_m: None,
        backscatter_m: (1200.0, 6800.0),
        tail: true,
        held: true,
    },
    Sample {
        file: "example1-noyes-ofl280.sor",
        averaging_s: 300.0,
        connector_m: None,
        noise_m: None,
        backscatter_m: (600.0, 4100.0),
        tail: true,
        held: false,
    },
];

fn read(name: &str) -> Option<SorFile> {
    let p = root().join("../shared/sor-samples").join(name);
    let Ok(bytes) = std::fs::read(&p) else {
        eprintln!("{name} not found in ../shared/sor-samples: its twin is not compared");
        return None;
    };
    Some(sor::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}")))
}

/// The real trace: display dB (higher is more light) and its spacing, m.
fn real_levels(f: &SorFile) -> (Vec<f64>, f64) {
    let fx = f.fxd.as_ref().expect("fixed parameters");
    (
        f.data.as_ref().expect("data points").levels_db(),
        fx.resolution_m().expect("spacing"),
    )
}

/// The link the file's event table describes, up to its end, on G.652.D.
fn twin_link(f: &SorFile) -> (Link, f64) {
    let fx = f.fxd.as_ref().expect("fixed parameters");
    let n = fx.group_index();
    let lead = lead_100ps(f);
    let fibre_k = FibreType::G652D.optics(fx.wavelength_nm()).backscatter_db;
    let mut elements = Vec::new();
    let mut at = 0.0;
    let mut end_m = 0.0;
    for e in &f.events.as_ref().expect("events").events {
        let d = (e.time as f64 + lead as f64) * 1e-10 * C_M_PER_S / n;
        if d > at + 0.5 {
            elements.push(Element::Fibre {
                fibre: FibreType::G652D,
                length_m: d - at,
            });
            at = d;
        }
        // The instrument computed each reflectance with its backscatter setting (the
        // Anritsu's is −60 dB, 20 dB above any fibre's): undone, the peak's height is
        // what the file says of the reflector.
        let r = e.reflectance_db() - fx.backscatter_db() + fibre_k;
        if e.is_end() {
            // A clipped end's stored reflectance is only a lower bound (and the Anritsu
            // stores a positive number): an open end is Fresnel unless the file reads lower.
            let open = fresnel_db(n);
            elements.push(Element::End {
                reflectance_db: Some(if r < open && r < 0.0 { r } else { open }),
            });
            end_m = d;
            break;
        }
        if e.is_reflective() && e.reflectance_db() < 0.0 && e.reflectance_db() > -90.0 {
            elements.push(Element::Connector {
                kind: ConnectorKind::Upc,
                loss_db: e.loss_db(),
                reflectance_db: r,
            });
        } else {
            elements.push(Element::FusionSplice {
                loss_db: e.loss_db(),
                loss_1310_db: None,
            });
        }
    }
    (Link { elements }, end_m)
}

/// Where the table's zero lies on the trace, 100 ps: the table counts from the end of the
/// launch lead (the user offset) and the trace from its first point, which vendors place
/// differently (REFERENCE F.4, F.6): the front panel and the acquisition offset, as
/// checked on each sample against where its end rises (EXFO: the 151.6 m lead; Anritsu:
/// its 10.2 m front panel; Noyes: the 503 m lead less its 43.9 m front panel).
fn lead_100ps(f: &SorFile) -> i64 {
    let fx = f.fxd.as_ref().expect("fixed parameters");
    f.general
        .as_ref()
        .map(|g| g.user_offset as i64)
        .unwrap_or(0)
        + fx.front_panel_offset as i64
        + 2 * fx.acquisition_offset as i64
}

fn twin_trace(f: &SorFile, s: &Sample, seed: u64) -> Trace {
    let fx = f.fxd.as_ref().expect("fixed parameters");
    let (link, _) = twin_link(f);
    let wl = fx.wavelength_nm();
    let o = FibreType::G652D.optics(wl);
    let range_m =
        (fx.acquisition_range as i64 + lead_100ps(f)) as f64 * 1e-10 * C_M_PER_S / fx.group_index();
    let mut settings = Settings {
        wavelength_nm: wl,
        pulse_ns: fx.pulse_widths_ns[0] as f64,
        range_m,
        averaging_s: 0.0,
        // The fibre's own index: the twin's distances are the file's.
        ior: o.group_index,
        backscatter_db: fx.backscatter_db(),
    };
    // The same number of acquisitions as the real trace averaged.
    settings.averaging_s = fx.averages as f64 / settings.repetition_hz();
    eprintln!(
        "{}: {} averages ({} s on the instrument), {:.2} s on the twin's",
        s.file, fx.averages, s.averaging_s, settings.averaging_s
    );
    acquire(&link, &settings, &mut SimRng::new(seed, 0))
}

fn idx(dx: f64, m: f64, len: usize) -> usize {
    ((m / dx).max(0.0) as usize).min(len.saturating_sub(1))
}

/// Least-squares line over [a, b] m: (level at `at`, slope dB/km, residual rms). The
/// library's fit, on the real trace and the twin alike: what is compared is the two
/// traces, not two ways of fitting them.
fn line(y: &[f64], dx: f64, a: f64, b: f64, at: f64) -> (f64, f64, f64) {
    let (i0, i1) = (idx(dx, a, y.len()), idx(dx, b, y.len()));
    let l = Fitter::new(&y[i0..i1])
        .fit(0, i1 - i0)
        .expect("a line over at least three points");
    (l.at(at / dx - i0 as f64), -l.b / dx * 1000.0, l.rms)
}

/// The trace's texture: the residual rms about a line over 100 m, averaged over
/// [a, b].
fn ripple(y: &[f64], dx: f64, a: f64, b: f64) -> f64 {
    let windows: Vec<f64> = (0..)
        .map(|k| a + 100.0 * k as f64)
        .take_while(|w| w + 100.0 <= b)
        .map(|w| line(y, dx, w, w + 100.0, w).2)
        .collect();
    windows.iter().sum::<f64>() / windows.len() as f64
}

fn percentile(y: &[f64], dx: f64, a: f64, b: f64, p: f64) -> f64 {
    let mut v = y[idx(dx, a, y.len())..idx(dx, b, y.len())].to_vec();
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p) as usize]
}

/// A reflective connector near `z`: its peak above the backscatter before it and its
/// attenuation dead zone, from where the trace first rises 0.5 dB above the line before
/// to where it is last more than 0.5 dB from the line after (REFERENCE A.4), m.
fn connector(y: &[f64], dx: f64, z: f64, pulse_m: f64) -> (f64, f64) {
    let fit_len = (40.0 * pulse_m).max(60.0);
    let before = |at: f64| line(y, dx, z - 20.0 - fit_len, z - 20.0, at).0;
    let after_from = z + 5.0 * pulse_m + 60.0;
    let after = |at: f64| line(y, dx, after_from, after_from + fit_len, at).0;
    let start = (idx(dx, z - 15.0, y.len())..idx(dx, z + 15.0, y.len()))
        .find(|&i| y[i] > before(i as f64 * dx) + 0.5)
        .expect("a rise at the connector");
    let top = y[start..idx(dx, z + 15.0 + pulse_m, y.len())]
        .iter()
        .cloned()
        .fold(f64::MIN, f64::max);
    let stop = (start..idx(dx, after_from, y.len()))
        .rev()
        .find(|&i| (y[i] - after(i as f64 * dx)).abs() > 0.5)
        .unwrap_or(start);
    (top - before(start as f64 * dx), (stop - start) as f64 * dx)
}

/// How far past the end the trace stays within 4 dB of the backscatter just before it
/// (a 5 m running median), m.
fn tail_m(y: &[f64], dx: f64, end: f64) -> f64 {
    let level = line(y, dx, end - 300.0, end - 20.0, end).0;
    let median = |a: f64| {
        let mut v = y[idx(dx, a, y.len())..idx(dx, a + 5.0, y.len())].to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (20..5000)
        .map(|d| d as f64)
        .find(|d| median(end + d) < level - 4.0)
        .unwrap_or(5000.0)
}

struct Reading {
    slope: f64,
    ripple: f64,
    peak: Option<f64>,
    adz: Option<f64>,
    tail: Option<f64>,
    snr: Option<f64>,
}

fn measure(y: &[f64], dx: f64, s: &Sample, end_m: f64, pulse_m: f64) -> Reading {
    let (a, b) = s.backscatter_m;
    let (_, slope, _) = line(y, dx, a, b, a);
    let c = s.connector_m.map(|z| connector(y, dx, z, pulse_m));
    Reading {
        slope,
        ripple: ripple(y, dx, a, b),
        peak: c.map(|c| c.0),
        adz: c.map(|c| c.1),
        tail: s.tail.then(|| tail_m(y, dx, end_m)),
        snr: s.noise_m.map(|(n0, n1)| {
            line(y, dx, end_m - 300.0, end_m - 20.0, end_m).0 - percentile(y, dx, n0, n1, 0.98)
        }),
    }
}

fn plot(name: &str, real: &[f64], real_dx: f64, twin: &Trace) {
    let Some(dir) = std::env::var_os("FIBRELAB_TWIN_PLOTS") else {
        return;
    };
    let mut out = String::from("m,real,twin\n");
    for (i, v) in real.iter().enumerate() {
        let m = i as f64 * real_dx;
        let j = idx(twin.dx_m, m, twin.levels_db.len());
        out.push_str(&format!("{m:.3},{v:.4},{:.4}\n", twin.levels_db[j]));
    }
    std::fs::create_dir_all(&dir).expect("plot folder");
    std::fs::write(std::path::Path::new(&dir).join(format!("{name}.csv")), out)
        .expect("write plot");
}

/// Each comparison is printed; those out of their bounds are gathered to fail at the end.
#[allow(clippy::too_many_arguments)]
fn within(
    bad: &mut Vec<String>,
    what: &str,
    file: &str,
    real: f64,
    twin: f64,
    low: f64,
    high: f64,
) {
    eprintln!("{file}: {what}: real {real:.4}, twin {twin:.4} [{low:.4}, {high:.4}]");
    if !(twin >= low && twin <= high) {
        bad.push(format!(
            "{file}: {what}: twin {twin:.4} outside [{low:.4}, {high:.4}] (real {real:.4})"
        ));
    }
}

#[test]
fn each_real_trace_beside_its_twin() {
    let mut bad = Vec::new();
    for s in &SAMPLES {
        let Some(f) = read(s.file) else { continue };
        let fx = f.fxd.as_ref().expect("fixed parameters");
        let (real, real_dx) = real_levels(&f);
        let (_, end_m) = twin_link(&f);
        let twin = twin_trace(&f, s, 1);
        plot(s.file.trim_end_matches(".sor"), &real, real_dx, &twin);
        let pulse_m = twin.settings.pulse_length_m();
        let r = measure(&real, real_dx, s, end_m, pulse_m);
        let t = measure(&twin.levels_db, twin.dx_m, s, end_m, pulse_m);
        eprintln!(
            "{}: {} nm, {} ns, twin end {end_m:.1} m",
            s.file,
            fx.wavelength_nm(),
            fx.pulse_widths_ns[0]
        );
        // The fibre: G.652.D's table against this fibre's own, within 0.03 dB/km.
        within(
            &mut bad,
            "slope dB/km",
            s.file,
            r.slope,
            t.slope,
            r.slope - 0.03,
            r.slope + 0.03,
        );
        if !s.held {
            // The Noyes OFL280 recovers from its −23 dB end about ten times more slowly
            // than the other three (still within 4 dB of the backscatter 190 m on, the
            // twin 23 m), and its texture at 2 704 averages is 0.041 dB (the twin 0.010):
            // a different class of receiver, shown here and not held to the model.
            eprintln!(
                "{}: not held: ripple real {:.4} twin {:.4}, tail real {:?} twin {:?}",
                s.file, r.ripple, t.ripple, r.tail, t.tail
            );
            continue;
        }
        // The texture: within a factor of 2.5 either way. On the Anritsu (100 ns) it is
        // the backscatter's own (0.0046 dB); on the EXFO traces mostly the noise, and the
        // FTB-730C at 1550 nm and 20 ns is noisier than the instrument the twin's noise is
        // set on (its MaxTester sibling matches the twin's noise to 0.1 dB).
        within(
            &mut bad,
            "ripple dB",
            s.file,
            r.ripple,
            t.ripple,
            r.ripple / 2.5,
            r.ripple * 2.5,
        );
        if let (Some(rp), Some(tp)) = (r.peak, t.peak) {
            // The peak of an unclipped connector: the reflectance is the file's, so the
            // height is the instrument's response; within 1 dB.
            within(&mut bad, "peak dB", s.file, rp, tp, rp - 1.0, rp + 1.0);
        }
        if let (Some(ra), Some(ta)) = (r.adz, t.adz) {
            // The attenuation dead zone: from 0.6 to 1.5 times the real one. One receiver
            // law for all pulses cannot follow an instrument that steps its bandwidth:
            // the EXFO's 20 ns trace recovers nearly as fast as its 10 ns one (3.8 and
            // 3.0 m), the Anritsu takes 23 m at 100 ns; the twin reads 3.0, 5.5 and 19 m.
            within(
                &mut bad,
                "attenuation dead zone m",
                s.file,
                ra,
                ta,
                ra * 0.6,
                ra * 1.5,
            );
        }
        if let (Some(rt), Some(tt)) = (r.tail, t.tail) {
            // The recovery after the clipped end, to 4 dB below the backscatter: within a
            // factor 1.6 (95-140 m on the four real traces).
            within(
                &mut bad,
                "tail to -4 dB m",
                s.file,
                rt,
                tt,
                rt / 1.6,
                rt * 1.6,
            );
        }
        if let (Some(rs), Some(ts)) = (r.snr, t.snr) {
            // Backscatter at the end above the noise's 98 % level: within 3 dB. The
            // noise is set on a VIAVI datasheet (MA2, 38 dB at 20 µs); a MaxTester is a
            // smaller instrument.
            within(
                &mut bad,
                "backscatter over noise dB",
                s.file,
                rs,
                ts,
                rs - 3.0,
                rs + 3.0,
            );
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The dead zones that follow from the receiver, read on our own traces the way the
/// datasheets define them (REFERENCE A.4): the event dead zone is the width 1.5 dB under
/// an unclipped peak, the attenuation dead zone runs from the start of a reflective
/// event to where the trace is back within 0.5 dB of the backscatter after it (a
/// −45 dB connector, Yokogawa's condition). Handhelds of the best class quote 0.5–1 m and
/// 2.5–4 m at 3–5 ns (REFERENCE A.4, marked [U]: no datasheet table was found); the
/// EXFO FTB-730C sample shows 3.0 m at 10 ns after a −50 dB connector (above).
#[test]
fn the_dead_zones_follow_from_the_receiver() {
    use fibrelab::physics::link::{ConnectorKind, Element, Link};
    let o = FibreType::G652D.optics(1310.0);
    let link = Link {
        elements: vec![
            Element::Fibre {
                fibre: FibreType::G652D,
                length_m: 1000.0,
            },
            Element::Connector {
                kind: ConnectorKind::Upc,
                loss_db: 0.0,
                reflectance_db: -45.0,
            },
            Element::Fibre {
                fibre: FibreType::G652D,
                length_m: 1000.0,
            },
            Element::End {
                reflectance_db: None,
            },
        ],
    };
    let mut bad = Vec::new();
    for (pulse, edz_range, adz_range) in [
        // Our pulse is a perfect box (a real laser adds about a nanosecond of rise and
        // fall), so the 3 ns event dead zone sits at the low end of the class.
        (3.0, (0.3, 1.2), (1.5, 4.5)),
        (10.0, (0.8, 2.0), (2.0, 5.0)),
        (30.0, (2.5, 5.0), (5.0, 14.0)),
        (100.0, (9.0, 15.0), (14.0, 40.0)),
    ] {
        let s = Settings {
            wavelength_nm: 1310.0,
            pulse_ns: pulse,
            range_m: 5000.0,
            averaging_s: 180.0,
            ior: o.group_index,
            backscatter_db: o.backscatter_db,
        };
        let t = acquire(&link, &s, &mut SimRng::new(5, 0));
        let y = &t.levels_db;
        let dx = t.dx_m;
        let i0 = idx(dx, 1000.0, y.len());
        let top_i = (i0..idx(dx, 1000.0 + 3.0 * s.pulse_length_m() + 5.0, y.len()))
            .max_by(|a, b| y[*a].total_cmp(&y[*b]))
            .expect("a peak");
        let top = y[top_i];
        let first = (i0.saturating_sub(50)..top_i)
            .find(|&i| y[i] >= top - 1.5)
            .expect("rise");
        let last = (top_i..y.len()).find(|&i| y[i] < top - 1.5).expect("fall");
        let edz = (last - first) as f64 * dx;
        let (_, adz) = connector(y, dx, 1000.0, s.pulse_length_m());
        eprintln!("{pulse} ns: event dead zone {edz:.2} m, attenuation dead zone {adz:.2} m");
        if !(edz >= edz_range.0 && edz <= edz_range.1) {
            bad.push(format!(
                "{pulse} ns: event dead zone {edz:.2} m outside {edz_range:?}"
            ));
        }
        if !(adz >= adz_range.0 && adz <= adz_range.1) {
            bad.push(format!(
                "{pulse} ns: attenuation dead zone {adz:.2} m outside {adz_range:?}"
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
