//! The OTDR's analysis across the regimes a reviewer tries (issue 27, "how it is
//! checked"): pulses from 3 ns to 20 µs on links from 1 to 100 km, ends open (clipped
//! where close), APC, and behind a splitter, both wavelengths. Links of our own with
//! their events a known distance apart; what must hold on every one of them:
//! - no end is declared before the fibre ends, and an end declared is within the
//!   pulse's reach of the true one;
//! - a trace with no end found says where it sank into the noise, or, where the whole
//!   link lies inside the launch's dead zone (10 µs on 1 km), that nothing is seen past
//!   it (and says so nowhere else);
//! - no event of 0.1 dB or more stands where the link has none;
//! - where the end stands well clear of the noise (the fibre's and events' loss to it
//!   at most 8 dB one way, at 30 ns and longer; 5 km at 3 and 10 ns) the end is found,
//!   and each event far enough from its neighbours for the pulse is found near its place.
//!
//! All 270 traces hold to this (seed 7). On the analysis of commit 79c246a, before the
//! end's recovery tail was told from backscatter, 77 failed; on f741e06, 33 (long pulses
//! on links inside their launch's dead zone, which now say so; a splitter's end at long
//! pulses, whose tail runs for kilometres; a splitter's end at 3 ns); on 468314d, 4 (20 µs
//! into an APC end on 20 km, whose fall runs past where the detector's lines have room,
//! now looked for there; an open end behind a splitter at 3 ns, 5 dB over the noise,
//! where the detector's short line slipped under the noise 800 m before the end: the
//! trace is now lost only where its long line is too); on 4ecd325, 2 (a 0.15 dB splice at
//! 3 ns on 1 km, placed on a noise step 20 to 45 m away). The two regimes that failed on
//! other seeds are held over every seed below. On seeds 1 to 6, 7 traces of 1 620 still
//! fail: a 0.11 to 0.24 dB step read 2 to 3 km before the trace sinks into the noise
//! (100 ns on 100 km at 1310 nm, seeds 1 and 6, each end; 60 km behind a 1:8 at 1550 nm,
//! seed 4), where the backscatter stands 5 dB over the noise.

#[path = "common/links.rs"]
mod links;
use links::{connector, fibre, splice, splitter};

use fibrelab::math;
use fibrelab::physics::analysis::{Analysis, EventKind, Thresholds, analyse};
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{Element, Link, fresnel_db};
use fibrelab::physics::otdr::{Settings, acquire};
use fibrelab::rng::SimRng;

#[derive(Clone, Copy, Debug)]
enum End {
    Open,
    Apc,
    BehindSplitter,
}

/// A link of `length_m`: a splice at 30 %, a connector at 60 %, the end; behind a
/// splitter, a 1:8 at 60 % in place of the connector. The true events as (distance,
/// one-way loss).
fn link(length_m: f64, end: End) -> (Link, Vec<(f64, f64)>) {
    let (a, b) = (0.3 * length_m, 0.6 * length_m);
    let middle = match end {
        End::BehindSplitter => splitter(8, 0.5, false),
        End::Open | End::Apc => connector(0.3, -50.0),
    };
    let middle_loss = match end {
        // Seen from the exchange a splitter steps 5·log10(N) plus its excess.
        End::BehindSplitter => 5.0 * math::log10(8.0) + 0.5,
        End::Open | End::Apc => 0.3,
    };
    let last = match end {
        End::Open | End::BehindSplitter => Element::End {
            reflectance_db: Some(fresnel_db(FibreType::G652D.optics(1310.0).group_index)),
        },
        End::Apc => Element::End {
            reflectance_db: None,
        },
    };
    let elements = vec![
        fibre(a),
        splice(0.15),
        fibre(b - a),
        middle,
        fibre(length_m - b),
        last,
    ];
    (Link { elements }, vec![(a, 0.15), (b, middle_loss)])
}

fn settings(wavelength_nm: f64, pulse_ns: f64, length_m: f64) -> Settings {
    let o = FibreType::G652D.optics(wavelength_nm);
    Settings {
        wavelength_nm,
        pulse_ns,
        // Past the end by a third of the link, and by two pulses and a kilometre (an
        // instrument's range never ends inside the pulse's own response).
        range_m: (1.3 * length_m).max(length_m + 2.0 * pulse_ns * 0.204 + 1_000.0),
        averaging_s: 30.0,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    }
}

/// What went wrong on one trace, if anything.
fn faults(a: &Analysis, s: &Settings, length_m: f64, truth: &[(f64, f64)]) -> Vec<String> {
    let lp = s.pulse_length_m();
    let reach = (2.0 * lp).max(20.0);
    let mut out = Vec::new();
    let ends: Vec<f64> = a
        .events
        .iter()
        .filter(|e| e.kind == EventKind::End)
        .map(|e| e.distance_m)
        .collect();
    for e in &ends {
        if (e - length_m).abs() > reach {
            out.push(format!("an end at {e:.1} m for {length_m}"));
        }
    }
    if ends.is_empty() && a.unseen_beyond_m.is_none() && a.blind_past_launch_m.is_none() {
        out.push("no end and no word of where the trace was lost".into());
    }
    // "Nothing seen past the launch's dead zone" only where the link lies inside it: there
    // it is the honest answer (take a shorter pulse), and no end is asked for.
    let blind = a.blind_past_launch_m.is_some_and(|d| length_m < d);
    if let Some(d) = a.blind_past_launch_m.filter(|_| !blind) {
        out.push(format!(
            "blind past the launch to {d:.0} m on a link of {length_m}"
        ));
    }
    // An event of 0.1 dB or more away from every true event (a pulse and the settling
    // around each, as far as the end's own response).
    for e in a
        .events
        .iter()
        .filter(|e| e.index > 0 && e.kind != EventKind::End)
    {
        let big = e.loss_db.is_some_and(|l| l.abs() >= 0.1);
        let explained = truth
            .iter()
            .any(|(m, _)| (e.distance_m - m).abs() <= 2.0 * reach)
            || (e.distance_m - length_m).abs() <= 2.0 * reach;
        if big && !explained {
            out.push(format!(
                "a false event at {:.1} m, {:?} dB",
                e.distance_m, e.loss_db
            ));
        }
    }
    // Where the end stands clear of the noise, it and each event are found.
    let to_end: f64 = 0.33 * length_m / 1000.0 + truth.iter().map(|t| t.1).sum::<f64>();
    let clear = !blind
        && if s.pulse_ns < 30.0 {
            length_m <= 5_000.0
        } else {
            to_end <= 8.0
        };
    if clear && ends.is_empty() {
        out.push(format!("no end found ({to_end:.1} dB to it)"));
    }
    if clear {
        for (i, (m, loss)) in truth.iter().enumerate() {
            let next = truth.get(i + 1).map_or(length_m, |t| t.0);
            let prev = if i == 0 { 0.0 } else { truth[i - 1].0 };
            // Far enough from its neighbours and from the launch for the pulse.
            if next - m < 4.0 * lp + 200.0 || m - prev < 4.0 * lp + 200.0 {
                continue;
            }
            let found = a
                .events
                .iter()
                .filter(|e| (e.distance_m - m).abs() <= reach)
                .any(|e| {
                    e.loss_db
                        .is_some_and(|l| (l - loss).abs() <= 0.1 + 0.02 * loss)
                });
            if !found {
                out.push(format!("the {loss} dB event at {m:.0} m not read"));
            }
        }
    }
    out
}

#[test]
fn the_analysis_holds_across_pulses_lengths_and_ends() {
    let th = Thresholds {
        end_of_fibre_db: 20.0,
        ..Thresholds::default()
    };
    let mut bad = Vec::new();
    let mut runs = 0;
    for pulse in [
        3.0, 10.0, 30.0, 100.0, 275.0, 1_000.0, 2_500.0, 10_000.0, 20_000.0,
    ] {
        for length in [1_000.0, 5_000.0, 20_000.0, 60_000.0, 100_000.0] {
            for end in [End::Open, End::Apc, End::BehindSplitter] {
                for wl in [1310.0, 1550.0] {
                    let (l, truth) = link(length, end);
                    let s = settings(wl, pulse, length);
                    let th = match end {
                        End::BehindSplitter => th,
                        End::Open | End::Apc => Thresholds::default(),
                    };
                    let a = analyse(&acquire(&l, &s, &mut SimRng::new(7, 0)), &th);
                    runs += 1;
                    for f in faults(&a, &s, length, &truth) {
                        bad.push(format!("{pulse} ns, {length} m, {end:?}, {wl} nm: {f}"));
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {runs} traces:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The link of the sweep at 1 km, on 20 seeds: the 0.15 dB splice at 300 m at 3 ns
/// (under the short lines' floor, read by the long ones: placed once on a noise step
/// 20 to 45 m away, and behind an open end lost to a fibre slope the receiver's
/// recovery had carried to -7 dB/km) and the end at 30 ns behind the 1:8 (the
/// recovery after the open end still lifted the first section past its dead zone).
#[test]
fn a_small_splice_at_3_ns_and_an_end_behind_a_splitter_hold_on_every_seed() {
    let th = Thresholds {
        end_of_fibre_db: 20.0,
        ..Thresholds::default()
    };
    let mut bad = Vec::new();
    for end in [End::Open, End::Apc, End::BehindSplitter] {
        let th = match end {
            End::BehindSplitter => th,
            End::Open | End::Apc => Thresholds::default(),
        };
        let (l, truth) = link(1_000.0, end);
        for (pulse, wl) in [(3.0, 1310.0), (3.0, 1550.0), (30.0, 1550.0)] {
            let s = settings(wl, pulse, 1_000.0);
            for seed in 0..20 {
                let a = analyse(&acquire(&l, &s, &mut SimRng::new(seed, 0)), &th);
                for f in faults(&a, &s, 1_000.0, &truth) {
                    bad.push(format!("{pulse} ns, {end:?}, {wl} nm, seed {seed}: {f}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
