//! The .sor reader and writer against an independent implementation (the `otdrs` crate)
//! and real instrument files from ../shared/sor-samples (when present).

use std::path::{Path, PathBuf};

use fibrelab::sor::{self, ChecksumConvention, SorError, Version};

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sor-samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "sor"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    if v.is_empty() {
        eprintln!(
            "no sample .sor files in {}: interop against real files skipped",
            dir.display()
        );
    }
    v
}

/// Compares what we read with what otdrs reads from the same bytes.
fn same_as_otdrs(name: &str, ours: &sor::SorFile, bytes: &[u8]) {
    let (_, theirs) = otdrs::parser::parse_file(bytes)
        .unwrap_or_else(|e| panic!("{name}: otdrs cannot read it: {e:?}"));
    let f = ours.fxd.as_ref().expect("FxdParams");
    let t = theirs.fixed_parameters.as_ref().expect("otdrs FxdParams");
    assert_eq!(
        f.wavelength as i16, t.actual_wavelength,
        "{name}: wavelength"
    );
    assert_eq!(
        f.pulse_widths_ns
            .iter()
            .map(|p| *p as i16)
            .collect::<Vec<_>>(),
        t.pulse_widths_used,
        "{name}: pulse widths"
    );
    assert_eq!(
        f.data_spacing.iter().map(|p| *p as i32).collect::<Vec<_>>(),
        t.data_spacing,
        "{name}: spacing"
    );
    assert_eq!(
        f.points_per_pulse
            .iter()
            .map(|p| *p as i32)
            .collect::<Vec<_>>(),
        t.n_data_points_for_pulse_widths_used,
        "{name}: points"
    );
    assert_eq!(f.group_index as i32, t.group_index, "{name}: IOR");
    assert_eq!(
        f.backscatter as i16, t.backscatter_coefficient,
        "{name}: BC"
    );
    assert_eq!(f.averaging_time, t.averaging_time, "{name}: averaging");
    assert_eq!(
        f.acquisition_range as i32, t.acquisition_range,
        "{name}: range"
    );
    assert_eq!(
        (
            f.loss_threshold,
            f.reflectance_threshold,
            f.end_of_fibre_threshold
        ),
        (
            t.loss_threshold,
            t.reflectance_threshold,
            t.end_of_fibre_threshold
        ),
        "{name}: thresholds"
    );
    let g = ours.general.as_ref().expect("GenParams");
    let tg = theirs.general_parameters.as_ref().expect("otdrs GenParams");
    assert_eq!(
        (g.cable_id.as_str(), g.fibre_id.as_str()),
        (tg.cable_id.as_str(), tg.fiber_id.as_str()),
        "{name}: ids"
    );
    assert_eq!(
        g.nominal_wavelength_nm as i16, tg.nominal_wavelength,
        "{name}: nominal wavelength"
    );
    let d = ours.data.as_ref().expect("DataPts");
    let td = theirs.data_points.as_ref().expect("otdrs DataPts");
    assert_eq!(d.traces.len(), td.scale_factors.len(), "{name}: traces");
    for (a, b) in d.traces.iter().zip(&td.scale_factors) {
        assert_eq!(a.scale_factor as i16, b.scale_factor);
        assert_eq!(a.values, b.data, "{name}: data values");
    }
    let k = ours.events.as_ref().expect("KeyEvents");
    let tk = theirs.key_events.as_ref().expect("otdrs KeyEvents");
    let mut theirs_events: Vec<(i32, i16, i32, String)> = tk
        .key_events
        .iter()
        .map(|e| {
            (
                e.event_propogation_time,
                e.event_loss,
                e.event_reflectance,
                e.event_code.clone(),
            )
        })
        .collect();
    let l = &tk.last_key_event;
    theirs_events.push((
        l.event_propogation_time,
        l.event_loss,
        l.event_reflectance,
        l.event_code.clone(),
    ));
    let ours_events: Vec<(i32, i16, i32, String)> = k
        .events
        .iter()
        .map(|e| (e.time as i32, e.loss, e.reflectance, e.code.clone()))
        .collect();
    assert_eq!(ours_events, theirs_events, "{name}: events");
    assert_eq!(
        k.end_to_end_loss, l.end_to_end_loss,
        "{name}: end-to-end loss"
    );
    assert_eq!(k.orl, l.optical_return_loss, "{name}: ORL");
}

#[test]
fn every_sample_reads_as_otdrs_reads_it() {
    for p in samples() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&p).unwrap();
        let ours = sor::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ours.version, Version::V2, "{name}");
        same_as_otdrs(&name, &ours, &bytes);
        // Facts decoded by hand in REFERENCE.md F.12.
        let f = ours.fxd.as_ref().unwrap();
        if name.contains("maxtester730c") {
            assert_eq!(
                (f.wavelength_nm(), f.pulse_widths_ns[0], f.group_index()),
                (1312.9, 10, 1.4677)
            );
            assert_eq!(f.backscatter_db(), -79.4);
        }
        if name == "example1-noyes-ofl280.sor" {
            // Stored as 1550 (nm) instead of 15500 (0.1 nm); read as 1550 nm either way.
            assert_eq!((f.wavelength, f.wavelength_nm()), (1550, 1550.0));
        }
        if name.contains("fastreporter") {
            assert_eq!((f.wavelength, f.wavelength_nm()), (15500, 1550.0));
        }
        // Levels: −value × SF/1000 / 1000 dB (REFERENCE F.9), 0 dB the strongest.
        let d = ours.data.as_ref().unwrap();
        let levels = d.levels_db();
        assert_eq!(levels.len(), d.traces[0].values.len());
        assert_eq!(
            levels[10],
            -(d.traces[0].values[10] as f64) * d.traces[0].scale_factor as f64 / 1e6
        );
        assert!(levels.iter().all(|v| *v <= 0.0));
        if name.contains("anritsu") {
            assert_eq!(f.pulse_widths_ns[0], 100);
            assert!(
                (f.resolution_m().unwrap() - 0.51).abs() < 0.01,
                "{}",
                f.resolution_m().unwrap()
            );
        }
    }
}

#[test]
fn checksum_conventions_of_the_samples_are_recognised() {
    for p in samples() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&p).unwrap();
        let f = sor::read(&bytes).unwrap();
        let matched = sor::verify_checksum(&bytes, &f);
        // REFERENCE.md F.10: Noyes native uses CCITT-FALSE over everything before the
        // checksum, Anritsu XMODEM; the EXFO and FastReporter files match no known variant.
        if name == "example1-noyes-ofl280.sor" {
            assert_eq!(matched, Some(ChecksumConvention::CcittAllBefore), "{name}");
        } else if name.contains("anritsu") {
            assert_eq!(matched, Some(ChecksumConvention::XmodemAllBefore), "{name}");
        } else if name.contains("exfo") || name.contains("fastreporter") {
            assert_eq!(matched, None, "{name}");
        }
    }
}

#[test]
fn rewritten_samples_read_back_identically_here_and_in_otdrs() {
    for p in samples() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let original = sor::read(&std::fs::read(&p).unwrap()).unwrap();
        let bytes = sor::write(&original);
        let again = sor::read(&bytes).unwrap_or_else(|e| panic!("{name} rewritten: {e}"));
        assert_eq!(again.general, original.general, "{name}");
        assert_eq!(again.sup, original.sup, "{name}");
        assert_eq!(again.fxd, original.fxd, "{name}");
        assert_eq!(again.events, original.events, "{name}");
        assert_eq!(again.data, original.data, "{name}");
        assert!(again.skipped.is_empty());
        assert_eq!(
            sor::verify_checksum(&bytes, &again),
            Some(ChecksumConvention::CcittAllBefore)
        );
        same_as_otdrs(&format!("{name} rewritten"), &again, &bytes);
    }
}

fn synthetic() -> sor::SorFile {
    let values: Vec<u16> = (0..4000u32).map(|i| (i * 3 % 65_000) as u16).collect();
    sor::SorFile {
        version: Version::V2,
        map_revision: 200,
        blocks: vec![],
        general: Some(sor::GenParams {
            language: "FR".into(),
            cable_id: "CABLE-72FO".into(),
            fibre_id: "T3-F7".into(),
            fibre_type: 652,
            nominal_wavelength_nm: 1310,
            location_a: "NRO Lyon 3".into(),
            location_b: "PBO 12".into(),
            cable_code: "G.652.D".into(),
            build_condition: "BC".into(),
            operator: "Léa Durand".into(),
            comment: "recette".into(),
            ..Default::default()
        }),
        sup: Some(sor::SupParams {
            supplier: "FibreLab".into(),
            software: "0.1.0".into(),
            ..Default::default()
        }),
        fxd: Some(sor::FxdParams {
            date_time: 1_795_000_000,
            distance_units: "mt".into(),
            wavelength: 13100,
            pulse_widths_ns: vec![30],
            data_spacing: vec![100_000],
            points_per_pulse: vec![4000],
            group_index: 146_800,
            backscatter: 794,
            averages: 12_000,
            averaging_time: 300,
            acquisition_range: 400_000,
            loss_threshold: 50,
            reflectance_threshold: 55_000,
            end_of_fibre_threshold: 3000,
            trace_type: "ST".into(),
            ..Default::default()
        }),
        events: Some(sor::KeyEvents {
            events: vec![
                sor::KeyEvent {
                    number: 1,
                    time: 0,
                    reflectance: -45_000,
                    code: "1F9999".into(),
                    technique: "LS".into(),
                    ..Default::default()
                },
                sor::KeyEvent {
                    number: 2,
                    time: 9787,
                    attenuation: 330,
                    loss: 120,
                    code: "0F9999".into(),
                    technique: "LS".into(),
                    ..Default::default()
                },
                sor::KeyEvent {
                    number: 3,
                    time: 19_574,
                    attenuation: 331,
                    loss: 0,
                    reflectance: -14_500,
                    code: "1E9999".into(),
                    technique: "LS".into(),
                    ..Default::default()
                },
            ],
            end_to_end_loss: 1_450,
            orl: 38_000,
            ..Default::default()
        }),
        data: Some(sor::DataPts {
            total_points: 4000,
            traces: vec![sor::DataTrace {
                scale_factor: 1000,
                values,
            }],
        }),
        checksum: None,
        skipped: vec![],
    }
}

#[test]
fn a_written_file_is_read_by_otdrs_with_the_same_values() {
    let f = synthetic();
    let bytes = sor::write(&f);
    let back = sor::read(&bytes).unwrap();
    same_as_otdrs("synthetic", &back, &bytes);
    let (_, theirs) = otdrs::parser::parse_file(&bytes).unwrap();
    assert_eq!(
        theirs.general_parameters.unwrap().operator,
        "Lea Durand",
        "ASCII only"
    );
    assert_eq!(
        theirs.supplier_parameters.unwrap().supplier_name,
        "FibreLab"
    );
    assert_eq!(theirs.map.block_count, 7, "6 blocks and the map itself");
    // The checksum: CRC-16/CCITT-FALSE over every byte before it, little-endian.
    let n = bytes.len();
    assert_eq!(
        u16::from_le_bytes([bytes[n - 2], bytes[n - 1]]),
        sor::crc16(&bytes[..n - 2], 0xFFFF)
    );
    assert_eq!(
        back.fxd
            .unwrap()
            .resolution_m()
            .map(|r| (r * 1000.0).round()),
        Some(204.0),
        "1 ns at n = 1.468 is 0.204 m"
    );
}

#[test]
fn corrupt_files_are_refused_clearly() {
    let good = sor::write(&synthetic());
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("random text", b"hello, this is not an OTDR file".to_vec()),
        ("map only", good[..20].to_vec()),
        ("cut in the data", good[..good.len() - 3000].to_vec()),
    ];
    // A map entry claiming a block far larger than the file.
    let mut big = good.clone();
    let pos = big.windows(8).position(|w| w == b"DataPts\0").unwrap() + 8 + 2;
    big[pos..pos + 4].copy_from_slice(&10_000_000u32.to_le_bytes());
    cases.push(("bad block size", big));
    // No points.
    let mut empty = synthetic();
    empty.data = Some(sor::DataPts {
        total_points: 0,
        traces: vec![sor::DataTrace {
            scale_factor: 1000,
            values: vec![],
        }],
    });
    cases.push(("zero points", sor::write(&empty)));
    for (what, bytes) in &cases {
        let e = sor::read(bytes).expect_err(what);
        let text = e.msg().render(fibrelab::i18n::Lang::En);
        assert!(
            !text.is_empty() && e.msg().exists_in_all_languages(),
            "{what}: {text}"
        );
        match (*what, &e) {
            ("bad block size", SorError::BlockOutsideFile { name, .. }) => {
                assert_eq!(name, "DataPts")
            }
            ("zero points", SorError::NoPoints) => {}
            ("empty" | "random text", SorError::NotSor) => {}
            (
                "map only" | "cut in the data",
                SorError::Truncated { .. }
                | SorError::BlockOutsideFile { .. }
                | SorError::BadMap(_),
            ) => {}
            _ => panic!("{what}: unexpected {e:?}"),
        }
    }
    // A wrong checksum is read, with the mismatch reported.
    let mut wrong = good.clone();
    let n = wrong.len();
    wrong[n - 1] ^= 0xFF;
    let read_wrong = sor::read(&wrong).unwrap();
    assert_eq!(sor::verify_checksum(&wrong, &read_wrong), None);
}

mod never_panics {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn mutated_files(cut in 0usize..20_000, at in 0usize..20_000, byte in any::<u8>()) {
            let mut b = fibrelab::sor::write(&super::synthetic());
            if at < b.len() { b[at] = byte; }
            b.truncate(cut.min(b.len()));
            let _ = fibrelab::sor::read(&b);
        }

        #[test]
        fn arbitrary_bytes(mut b in proptest::collection::vec(any::<u8>(), 0..300), v2 in any::<bool>()) {
            if v2 { b.splice(0..0, b"Map\0".iter().copied()); }
            let _ = fibrelab::sor::read(&b);
        }
    }
}

#[test]
fn an_exported_acquisition_reads_back_in_otdrs_with_its_events() {
    use fibrelab::physics::analysis::{Thresholds, analyse};
    use fibrelab::physics::fibre::FibreType;
    use fibrelab::physics::link::{ConnectorKind, Element, Link};
    use fibrelab::physics::otdr::{Settings, acquire};
    use fibrelab::rng::SimRng;
    use fibrelab::sor::export::{TraceInfo, from_trace};

    let f = |m| Element::Fibre {
        fibre: FibreType::G652D,
        length_m: m,
    };
    let link = Link {
        elements: vec![
            f(500.0),
            Element::Connector {
                kind: ConnectorKind::Apc,
                loss_db: 0.3,
                reflectance_db: -62.0,
            },
            f(1500.0),
            Element::FusionSplice {
                loss_db: 0.12,
                loss_1310_db: None,
            },
            f(1000.0),
            Element::End {
                reflectance_db: Some(-14.4),
            },
        ],
    };
    let o = FibreType::G652D.optics(1550.0);
    let s = Settings {
        wavelength_nm: 1550.0,
        pulse_ns: 30.0,
        range_m: 5000.0,
        averaging_s: 30.0,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    };
    let trace = acquire(&link, &s, &mut SimRng::new(11, 0));
    let th = Thresholds::default();
    let analysis = analyse(&trace, &th);
    let info = TraceInfo {
        cable_id: "CB-01".into(),
        fibre_id: "F07".into(),
        fibre_type: 652,
        operator: "Léa".into(),
        ..Default::default()
    };
    let bytes = sor::write(&from_trace(&trace, &analysis, &th, &info));

    let (_, theirs) = otdrs::parser::parse_file(&bytes).expect("otdrs reads our export");
    let fx = theirs.fixed_parameters.unwrap();
    assert_eq!(fx.actual_wavelength, 15500);
    assert_eq!(fx.pulse_widths_used, vec![30]);
    assert_eq!(fx.group_index, (o.group_index * 100_000.0).round() as i32);
    assert_eq!(
        fx.n_data_points_for_pulse_widths_used[0] as usize,
        trace.levels_db.len()
    );
    let data = &theirs.data_points.unwrap().scale_factors[0].data;
    let top = trace.levels_db.iter().cloned().fold(f64::MIN, f64::max);
    for (v, y) in data.iter().zip(&trace.levels_db).step_by(97) {
        assert!(
            ((top - *v as f64 / 1000.0) - y).abs() < 0.0006,
            "data point"
        );
    }
    let ke = theirs.key_events.unwrap();
    assert_eq!(ke.number_of_key_events as usize, analysis.events.len());
    // Event times back to distances with the file's own index and spacing.
    let mut times: Vec<i32> = ke
        .key_events
        .iter()
        .map(|e| e.event_propogation_time)
        .collect();
    times.push(ke.last_key_event.event_propogation_time);
    for (t, e) in times.iter().zip(&analysis.events) {
        let d = *t as f64 * 1e-10 * 299_792_458.0 / (fx.group_index as f64 / 1e5);
        assert!((d - e.distance_m).abs() < 0.05, "{d} vs {}", e.distance_m);
    }
    // Marker locations ML1..ML5 (REFERENCE F.7): the fit before the event ends where the
    // event starts, the fit after it starts past the event, and, for the reflective ones,
    // the peak lies within the event. The same order as the EXFO samples.
    let mut markers: Vec<[i32; 5]> = ke
        .key_events
        .iter()
        .map(|e| {
            [
                e.marker_location_1,
                e.marker_location_2,
                e.marker_location_3,
                e.marker_location_4,
                e.marker_location_5,
            ]
        })
        .collect();
    let l = &ke.last_key_event;
    markers.push([
        l.marker_location_1,
        l.marker_location_2,
        l.marker_location_3,
        l.marker_location_4,
        l.marker_location_5,
    ]);
    // A 30 ns pulse spans 15 ns of one-way time on the distance axis: 150 × 100 ps.
    let pulse_100ps = 30.0 * 10.0 / 2.0;
    for ((m, t), e) in markers.iter().zip(&times).zip(&analysis.events) {
        assert!((m[1] - t).abs() <= 1, "ML2 {m:?} is the event time {t}");
        assert!(m[0] <= m[1] && m[1] < m[2] && m[2] <= m[3], "{m:?}");
        assert!(
            m[4] >= m[1] && m[4] <= m[1] + 2 * pulse_100ps as i32,
            "{m:?}"
        );
        if e.loss_db.is_some() {
            // A loss needs two fits of some length on both sides.
            assert!(m[1] - m[0] > 10 * pulse_100ps as i32, "{m:?}");
            assert!(m[3] - m[2] > 10 * pulse_100ps as i32, "{m:?}");
        }
    }
    // The connector's peak sits a pulse-shape away from its start, the splice's marker
    // window after it starts where the previous one ended (markers share the trace).
    for w in markers.windows(2) {
        assert!(
            w[0][3] <= w[1][1] + 1,
            "fit after one event ends before the next: {w:?}"
        );
    }
    let splice = ke
        .key_events
        .iter()
        .find(|e| {
            (e.event_propogation_time as f64 - 2000.0 * 1.4682 / 0.299_792_458 * 10.0).abs() < 100.0
        })
        .expect("splice at 2 km");
    assert!(
        (splice.event_loss - 120).abs() <= 20,
        "{}",
        splice.event_loss
    );
    assert_eq!(ke.last_key_event.event_code.as_bytes()[1], b'E');
    // And our reader gives the same file back.
    let ours = sor::read(&bytes).unwrap();
    assert_eq!(
        sor::verify_checksum(&bytes, &ours),
        Some(ChecksumConvention::CcittAllBefore)
    );
}
