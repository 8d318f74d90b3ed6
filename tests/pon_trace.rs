//! A PON link on the OTDR, worked by hand (issue 27, point 3): a 1:N splitter seen from
//! its input (the exchange's side) steps 5·log10(N) plus its excess (the light goes out
//! split N ways, a loss of N² on the round trip, and all N branches send their
//! backscatter back); seen from an output (a subscriber's side) it is a plain loss,
//! 10·log10(N) plus its excess. Behind a cascade the branches multiply: a 1:8 on a 1:32's
//! output then steps 5·log10(8) plus its own excess from the exchange. The recette
//! grades a splitter read from the exchange against what that trace shows, and says what
//! its insertion loss is.

#[path = "common/links.rs"]
mod links;
use links::{fibre, splitter};

use fibrelab::exercise::otdr::Verdict;
use fibrelab::exercise::{Action, Exercise, ModuleState, OtdrAction};
use fibrelab::grading::grade;
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{Element, Link};
use fibrelab::physics::otdr::{Acquisition, Settings};
use fibrelab::rng::SimRng;
use fibrelab::scenario::otdr::EventType;

/// The step the noiseless trace shows at `at_m` (one-way dB), the fibre's own slope over
/// the 2 × 100 m read across taken off.
fn step_db(elements: Vec<Element>, at_m: f64) -> f64 {
    let o = FibreType::G652D.optics(1310.0);
    let s = Settings {
        wavelength_nm: 1310.0,
        pulse_ns: 30.0,
        range_m: 10_000.0,
        averaging_s: 30.0,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    };
    let mut all = elements;
    all.push(Element::End {
        reflectance_db: None,
    });
    let a = Acquisition::new(&Link { elements: all }, &s, &mut SimRng::new(1, 0));
    // Averaged over 100 m: the backscatter's fixed texture (0.009 dB at 30 ns) averages out.
    let level = |d: f64| {
        (0..100)
            .map(|k| 5.0 * fibrelab::math::log10(a.clean_at(d - 50.0 + k as f64)))
            .sum::<f64>()
            / 100.0
    };
    level(at_m - 100.0) - level(at_m + 100.0) - o.attenuation_db_per_km * 0.2
}

fn log(n: f64) -> f64 {
    fibrelab::math::log10(n)
}

#[test]
fn one_splitter_from_either_side() {
    // A 1:32 with 1.0 dB of excess 2 km out: from the exchange 5·log10(32) + 1.0 =
    // 8.526 dB; from a subscriber 10·log10(32) + 1.0 = 16.051 dB.
    let from_exchange = step_db(
        vec![fibre(2000.0), splitter(32, 1.0, false), fibre(2000.0)],
        2000.0,
    );
    let from_subscriber = step_db(
        vec![fibre(2000.0), splitter(32, 1.0, true), fibre(2000.0)],
        2000.0,
    );
    assert!(
        (from_exchange - (5.0 * log(32.0) + 1.0)).abs() < 0.01,
        "{from_exchange}"
    );
    assert!((from_exchange - 8.526).abs() < 0.01);
    assert!(
        (from_subscriber - (10.0 * log(32.0) + 1.0)).abs() < 0.01,
        "{from_subscriber}"
    );
    assert!((from_subscriber - 16.051).abs() < 0.01);
}

#[test]
fn two_splitters_in_cascade_from_either_side() {
    // From the exchange: a 1:32 (1.0 dB excess) 2 km out, a 1:8 (0.5 dB) 2 km further:
    // steps 8.526 and 5·log10(8) + 0.5 = 5.015 dB (the 1:8's branches multiply the
    // 1:32's: 256 in all, not 32).
    let down = vec![
        fibre(2000.0),
        splitter(32, 1.0, false),
        fibre(2000.0),
        splitter(8, 0.5, false),
        fibre(1000.0),
    ];
    let first = step_db(down.clone(), 2000.0);
    let second = step_db(down, 4000.0);
    assert!((first - 8.526).abs() < 0.01, "{first}");
    assert!((second - 5.015).abs() < 0.01, "{second}");
    // From a subscriber: the 1:8 1 km out, then the 1:32 2 km further, each its whole
    // loss: 10·log10(8) + 0.5 = 9.531 and 16.051 dB.
    let up = vec![
        fibre(1000.0),
        splitter(8, 0.5, true),
        fibre(2000.0),
        splitter(32, 1.0, true),
        fibre(2000.0),
    ];
    let first = step_db(up.clone(), 1000.0);
    let second = step_db(up, 3000.0);
    assert!((first - 9.531).abs() < 0.01, "{first}");
    assert!((second - 16.051).abs() < 0.01, "{second}");
}

/// An OTDR exercise testing a feeder from the exchange through a 1:32.
fn feeder(bidirectional: bool) -> Exercise {
    let src = format!(
        r#"Scenario(
    format: 1,
    id: "test-pon-feeder",
    title: (fr: "Essai", en: "Test"),
    briefing: (fr: "Essai.", en: "Test."),
    difficulty: 1,
    mode: Practice,
    duration_min: 10,
    exercise: Otdr(
        source: Link(
            connectors: (kind: Apc, loss_db: 0.25),
            launch_cable_m: 500,
            receive_cable_m: 500,
            elements: [
                Fibre(fibre: G652D, length_m: 2000),
                Splitter(ports: 32, excess_db: 1.0),
                Fibre(fibre: G652D, length_m: 1500),
            ],
        ),
        wavelengths: [1310],
        bidirectional: {bidirectional},
        acceptance: (splice_max_db: 0.2, connector_max_db: 0.5, reflectance_max_db: -55, splitter_excess_max_db: 1.5),
        tolerances: (distance_m: 5, loss_db: 0.1, reflectance_db: 3, total_loss_db: 0.3),
    ),
    rubric: (pass_mark: 50, criteria: [(id: "values", check: EventValues, points: 1)]),
)"#
    );
    let loaded =
        fibrelab::scenario::load::load_str(&src, "test.ron").unwrap_or_else(|e| panic!("{e:?}"));
    Exercise::generate(&loaded.scenario, 1)
}

#[test]
fn the_recette_reads_a_splitter_as_the_trace_from_the_exchange_shows_it() {
    // One way from the exchange the 1:32 shows 8.53 dB; both ways averaged,
    // 7.5·log10(32) + 1.0 = 12.29 dB; its insertion loss is 16.05 dB.
    for (bidirectional, shown) in [
        (false, 5.0 * log(32.0) + 1.0),
        (true, 7.5 * log(32.0) + 1.0),
    ] {
        let mut ex = feeder(bidirectional);
        let ModuleState::Otdr(st) = &ex.state else {
            panic!("an OTDR bench");
        };
        let truth = st.link.truth.clone();
        let sp = truth
            .iter()
            .find(|t| t.kind == EventType::Splitter)
            .expect("the splitter in the truth");
        assert!((sp.loss_db - 16.051).abs() < 0.01, "{}", sp.loss_db);
        let apparent = sp.apparent_db.expect("what the trace shows");
        assert!((apparent - shown).abs() < 1e-9, "{apparent} {shown}");
        // The report: every event at its true values, the splitter as the trace shows it.
        let mut t = 1000;
        for e in &truth {
            let loss = if e.kind == EventType::Splitter {
                Some(apparent)
            } else {
                Some(e.loss_db)
            };
            t += 1000;
            ex.apply(
                t,
                Action::from(OtdrAction::ReportEvent {
                    distance_m: e.distance_m,
                    kind: e.kind,
                    loss_db: loss,
                    reflectance_db: e.reflectance_db,
                    verdict: e.pass.map(Verdict::of),
                }),
            )
            .unwrap_or_else(|r| panic!("refused: {:?}", r.reason));
        }
        ex.apply(t + 1000, Action::Finish).unwrap();
        let g = grade(&ex);
        let c = &g.criteria[0];
        assert!(c.met, "{bidirectional}: {:?}", c.feedback);
        assert_eq!(c.feedback.key, "cmp-splitter-shown-why", "{:?}", c.feedback);
    }
}

/// The instrument's table through the cascade from the exchange, in PON mode (the
/// end-of-fibre threshold above the splitters' steps): the 1:32 at 2 km reads 8.53 dB,
/// the 1:8 at 4 km 5.02 dB, and the end is found at 5 km behind them, at 100 ns and at
/// 1 µs (each where it starts within 5 m, or 15 % of the pulse: a large step through the
/// receiver is placed to a fraction of the pulse). At 30 ns the trace sinks into the
/// noise after the 1:8 and the table says the rest is unseen rather than ended
/// (tests/otdr_edges.rs).
#[test]
fn the_table_reads_both_splitters_and_the_end_behind_them() {
    use fibrelab::physics::analysis::{EventKind, Thresholds, analyse};
    use fibrelab::physics::otdr::acquire;
    for pulse in [100.0, 1000.0] {
        let o = FibreType::G652D.optics(1310.0);
        let s = Settings {
            wavelength_nm: 1310.0,
            pulse_ns: pulse,
            range_m: 20_000.0,
            averaging_s: 60.0,
            ior: o.group_index,
            backscatter_db: o.backscatter_db,
        };
        let l = Link {
            elements: vec![
                fibre(2000.0),
                splitter(32, 1.0, false),
                fibre(2000.0),
                splitter(8, 0.5, false),
                fibre(1000.0),
                Element::End {
                    reflectance_db: Some(-14.0),
                },
            ],
        };
        let t = acquire(&l, &s, &mut SimRng::new(3, 0));
        let th = Thresholds {
            end_of_fibre_db: 20.0,
            ..Thresholds::default()
        };
        let a = analyse(&t, &th);
        let near = |d: f64| {
            a.events
                .iter()
                .find(|e| (e.distance_m - d).abs() < 5.0_f64.max(0.15 * s.pulse_length_m()))
                .unwrap_or_else(|| panic!("{pulse} ns: nothing near {d} m: {:?}", a.events))
        };
        let first = near(2000.0).loss_db.expect("a loss");
        let second = near(4000.0).loss_db.expect("a loss");
        assert!((first - 8.526).abs() < 0.05, "{pulse} ns: {first}");
        assert!((second - 5.015).abs() < 0.05, "{pulse} ns: {second}");
        assert_eq!(near(5000.0).kind, EventKind::End, "{pulse} ns");
        let after = a.events.iter().filter(|e| e.distance_m > 5005.0).count();
        assert_eq!(after, 0, "{pulse} ns: {:?}", a.events);
    }
}
