//! The app under Xvfb: every screen renders to a screenshot, and the workbench is drawn to
//! scale and in the cable's colours. Needs an X server and a Vulkan driver: runs when
//! FIBRELAB_SCREENSHOT_TESTS=1 (set by .ci/run after installing xvfb and Mesa), and says
//! so and passes otherwise.
#![cfg(feature = "gui")]

#[path = "common/paths.rs"]
mod paths;
#[path = "common/sandbox.rs"]
mod sandbox;
use paths::root;
use std::path::{Path, PathBuf};
use std::process::Command;

use fibrelab::exercise::{Exercise, ModuleState};
use fibrelab::physics::cable::ColourCode;

fn enabled() -> bool {
    let on = std::env::var("FIBRELAB_SCREENSHOT_TESTS").is_ok_and(|v| v == "1");
    if !on {
        eprintln!(
            "screenshot tests skipped: set FIBRELAB_SCREENSHOT_TESTS=1 with xvfb-run and mesa-vulkan-drivers installed"
        );
    }
    on
}

struct Shot {
    w: usize,
    h: usize,
    rgb: Vec<u8>,
}

impl Shot {
    fn px(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.w + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
}

/// Runs the app under Xvfb in a `w`×`h` window until it writes `out`.
fn run_app(out: &Path, size: (u32, u32), db: &Path, args: &[&str]) {
    run_app_for(out, size, db, 12, args)
}

fn run_app_for(out: &Path, (w, h): (u32, u32), db: &Path, frames: u32, args: &[&str]) {
    let status = Command::new("xvfb-run")
        .envs(sandbox::env())
        .args(["-a", "-s", &format!("-screen 0 {w}x{h}x24")])
        .arg(env!("CARGO_BIN_EXE_fibrelab"))
        .args(["--window", &format!("{w}x{h}"), "--db"])
        .arg(db)
        .args([
            "--trainee",
            "Léa",
            "--frames",
            &frames.to_string(),
            "--screenshot",
        ])
        .arg(out)
        .args(args)
        .env("WGPU_BACKEND", "vulkan")
        .env("XDG_RUNTIME_DIR", runtime_dir())
        .status()
        .expect("xvfb-run");
    assert!(
        status.success(),
        "{}: app exit status {status}",
        out.display()
    );
}

fn shoot(dir: &Path, name: &str, args: &[&str]) -> Shot {
    let out = dir.join(format!("{name}.png"));
    run_app(&out, (1280, 800), &dir.join("shots.db"), args);
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&out).expect(name),
    ));
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    let bpp = info.line_size / info.width as usize;
    let mut rgb = Vec::with_capacity(info.width as usize * info.height as usize * 3);
    for px in buf[..info.buffer_size()].chunks(bpp) {
        rgb.extend_from_slice(&px[..3]);
    }
    Shot {
        w: info.width as usize,
        h: info.height as usize,
        rgb,
    }
}

fn near(a: [u8; 3], b: [u8; 3], tol: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (*x as i32 - y as i32).abs() <= tol)
}

/// winit wants a private runtime folder; Xvfb sessions in CI have none.
fn runtime_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("xdg-runtime");
    std::fs::create_dir_all(&d).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700));
    }
    d
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn every_screen_renders() {
    if !enabled() {
        return;
    }
    let dir = out_dir();
    let script = root().join("tests/scripts/flat-drop-assessment.mistakes.ron");
    let script = script.to_str().unwrap();
    for (name, args) in [
        ("home", vec!["--lang", "fr"]),
        ("select", vec!["--lang", "fr", "--screen", "select"]),
        (
            "briefing",
            vec![
                "--lang",
                "fr",
                "--screen",
                "briefing",
                "--scenario",
                "prep-loose-tube-fr-practice",
            ],
        ),
        (
            "exercise",
            vec![
                "--lang",
                "fr",
                "--screen",
                "exercise",
                "--scenario",
                "prep-flat-drop-assessment",
                "--seed",
                "5",
            ],
        ),
        (
            "debrief",
            vec![
                "--lang",
                "en",
                "--screen",
                "debrief",
                "--scenario",
                "prep-flat-drop-assessment",
                "--seed",
                "5",
                "--actions",
                script,
            ],
        ),
    ] {
        let s = shoot(&dir, name, &args);
        assert_eq!((s.w, s.h), (1280, 800), "{name}");
        // Not a blank or single-colour frame: text and shapes give many distinct colours.
        let mut colours: Vec<[u8; 3]> = s
            .rgb
            .chunks(3)
            .step_by(7)
            .map(|c| [c[0], c[1], c[2]])
            .collect();
        colours.sort();
        colours.dedup();
        assert!(colours.len() > 20, "{name}: only {} colours", colours.len());
    }
}

#[test]
fn the_stripped_sheath_is_drawn_to_scale_in_true_colours() {
    if !enabled() {
        return;
    }
    let dir = out_dir();
    let script = dir.join("strip.ron");
    std::fs::write(
        &script,
        "ActionList(format: 1, steps: [
            (t: 20, act: StripSheath(length_mm: 1500, tool: SheathStripper)),
            (t: 40, act: CutStrengthMembers(keep_mm: 50, tool: SideCutters)),
        ])",
    )
    .unwrap();
    let s = shoot(
        &dir,
        "strip",
        &[
            "--lang",
            "fr",
            "--screen",
            "exercise",
            "--scenario",
            "prep-loose-tube-fr-practice",
            "--seed",
            "1",
            "--actions",
            script.to_str().unwrap(),
        ],
    );
    // What the engine says was cut, for the same seed and gestures.
    let loaded = fibrelab::cli::find_scenario(
        "prep-loose-tube-fr-practice",
        Some(&root().join("scenarios")),
    )
    .unwrap();
    let mut ex = Exercise::generate(&loaded.scenario, 1);
    ex.apply(
        20_000,
        fibrelab::exercise::PrepAction::StripSheath {
            length_mm: 1500.0,
            tool: fibrelab::exercise::prep::Tool::SheathStripper,
        }
        .into(),
    )
    .unwrap();
    let ModuleState::CablePrep(st) = &ex.state else {
        panic!("a cable-preparation scenario")
    };
    let stripped = st.sheath_strip_mm.unwrap();

    // The sheath: the longest run of near-black pixels that reaches the bench's right edge,
    // on the cable's middle row. The bench spans x < 1280 - 390 (tools panel).
    let bench_right = 1280 - 390 - 1;
    let black = [26u8, 26, 28];
    let sheath_row = (150..500)
        .find(|&y| (bench_right - 60..bench_right - 40).all(|x| near(s.px(x, y), black, 10)))
        .expect("a black sheath on the bench");
    let mid = sheath_row + 40;
    let mut sheath_x = bench_right - 40;
    while sheath_x > 0 && near(s.px(sheath_x - 1, mid), black, 10) {
        sheath_x -= 1;
    }
    // The ruler: the first long dark horizontal line below the cable; major ticks hang 12 px
    // below it, minor ones 6 px, so a row 9 px down meets only the majors.
    let ink = [31u8, 31, 31];
    let baseline = (mid..700)
        .find(|&y| (100..700).filter(|&x| near(s.px(x, y), ink, 25)).count() > 500)
        .expect("ruler baseline");
    let row = baseline + 9;
    // Ticks are 1.5 px wide at fractional positions, so anti-aliasing lightens them:
    // anything clearly darker than the light bench counts.
    let dark = |p: [u8; 3]| (p[0] as u32 + p[1] as u32 + p[2] as u32) / 3 < 150;
    let mut ticks = Vec::new();
    let mut x = 0;
    while x < bench_right {
        if dark(s.px(x, row)) {
            let start = x;
            while x < bench_right && dark(s.px(x, row)) {
                x += 1;
            }
            ticks.push((start + x - 1) as f64 / 2.0);
        }
        x += 1;
    }
    assert!(ticks.len() >= 6, "major ticks found: {ticks:?}");
    let mut gaps: Vec<f64> = ticks.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_by(f64::total_cmp);
    let spacing = gaps[gaps.len() / 2];
    assert!(
        gaps.iter().all(|g| (g - spacing).abs() < 2.0),
        "evenly spaced ticks: {ticks:?}"
    );
    // Labels are every 200 mm on a view of about 1950 mm.
    let measured_mm = (sheath_x as f64 - ticks[0]) / spacing * 200.0;
    assert!(
        (measured_mm - stripped).abs() < 12.0,
        "ruler reads {measured_mm:.0} mm where the engine cut {stripped:.0} mm"
    );
    // The six tubes of the French code are on the bench in their colours.
    for n in 1..=6 {
        let c = ColourCode::StandardOrange.colour(n).unwrap().rgb();
        let found = (sheath_row - 100..mid + 100)
            .any(|y| (100..sheath_x).step_by(5).any(|x| near(s.px(x, y), c, 8)));
        assert!(found, "tube {n} ({c:?}) drawn in its colour");
    }
}

#[test]
fn the_otdr_screen_draws_both_traces_falling_with_distance() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let actions = dir.path().join("acq.ron");
    std::fs::write(
        &actions,
        r#"ActionList(format: 1, steps: [
            (t: 40, act: Acquire(wavelength_nm: 1310, pulse_ns: 30, range_m: 5000, averaging_s: 15, ior: 1.4682, launch_cable: true, receive_cable: true)),
            (t: 70, act: Acquire(wavelength_nm: 1550, pulse_ns: 30, range_m: 5000, averaging_s: 15, ior: 1.4682, launch_cable: true, receive_cable: true)),
        ])"#,
    )
    .unwrap();
    let shot = shoot(
        dir.path(),
        "otdr",
        &[
            "--lang",
            "fr",
            "--screen",
            "exercise",
            "--scenario",
            "otdr-first-trace-practice",
            "--seed",
            "1",
            "--actions",
            actions.to_str().unwrap(),
        ],
    );
    // The plot lies left of the 430 px instrument panel, below the task bar.
    let (x0, x1, y0, y1) = (60, 1280 - 440, 115, 540);
    let blue = [0x1f, 0x5f, 0xc8];
    let red = [0xc0, 0x1c, 0x28];
    let count = |c: [u8; 3]| {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| near(shot.px(x, y), c, 40))
            .count()
    };
    assert!(count(blue) > 150, "1310 nm trace drawn: {}", count(blue));
    assert!(count(red) > 150, "1550 nm trace drawn: {}", count(red));
    // The trace falls with distance: the top edge of the 1550 nm trace, column by column,
    // lies lower on the screen in the right quarter of the columns where it shows than in
    // the left quarter.
    // (Left of the legend box, in the plot's top right corner.)
    let tops: Vec<usize> = (x0..620)
        .step_by(4)
        .filter_map(|x| (y0..y1).find(|&y| near(shot.px(x, y), red, 60)))
        .collect();
    assert!(tops.len() > 30, "trace columns found: {}", tops.len());
    let q = tops.len() / 4;
    let mean = |s: &[usize]| s.iter().sum::<usize>() as f64 / s.len() as f64;
    let (left, right) = (mean(&tops[..q]), mean(&tops[tops.len() - q..]));
    assert!(
        right > left + 5.0,
        "trace falls: top at y {left:.0} then {right:.0}"
    );
}

#[test]
fn the_splicer_monitor_shows_both_ends_in_each_camera() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let actions = dir.path().join("load.ron");
    // Both ends prepared and laid in the splicer, SET not yet pressed: the two cameras
    // each show a left and a right end with the gap between them.
    std::fs::write(
        &actions,
        r#"ActionList(format: 1, steps: [
            (t: 15, act: PickFibre(tube: Blue, fibre: Green)),
            (t: 20, act: SlideSleeve),
            (t: 35, act: StripCoating(length_mm: 35, tool: CoatingStripper, force: Normal)),
            (t: 45, act: Clean(method: AlcoholWipe)),
            (t: 60, act: Cleave(length_mm: 16)),
            (t: 70, act: LoadFibre(side: Left)),
            (t: 80, act: WorkOn(side: Right)),
            (t: 85, act: PickFibre(tube: Blue, fibre: Green)),
            (t: 100, act: StripCoating(length_mm: 35, tool: CoatingStripper, force: Normal)),
            (t: 110, act: Clean(method: AlcoholWipe)),
            (t: 125, act: Cleave(length_mm: 16)),
            (t: 135, act: LoadFibre(side: Right)),
        ])"#,
    )
    .unwrap();
    let shot = shoot(
        dir.path(),
        "splicer",
        &[
            "--lang",
            "fr",
            "--screen",
            "exercise",
            "--scenario",
            "splice-first-fusion-practice",
            "--seed",
            "1",
            "--actions",
            actions.to_str().unwrap(),
        ],
    );
    // The monitor: a dark screen left of the 390 px tools panel, under the task bar.
    let screen = [0x12, 0x1a, 0x24];
    let cladding = [0xc7, 0xcc, 0xd1];
    let row = |y: usize, c: [u8; 3]| (20..860).filter(|&x| near(shot.px(x, y), c, 30)).count();
    let y_mid = 284; // the fibres' axis, between the top of the monitor and its status line
    let y_edge = 162; // above the fibres: screen only
    assert!(
        row(y_edge, screen) > 700,
        "dark monitor: {}",
        row(y_edge, screen)
    );
    // Along the axis, at the cladding's height just off the core: four fibre ends (two
    // per camera) with a dark gap between each pair.
    let y = y_mid - 30;
    let runs = {
        let mut runs = 0;
        let mut inside = false;
        for x in 20..860 {
            let on = near(shot.px(x, y), cladding, 30);
            if on && !inside {
                runs += 1;
            }
            inside = on;
        }
        runs
    };
    assert_eq!(runs, 4, "two ends in each camera view");
}

#[test]
fn the_mechanical_splice_shows_both_fibres_pushed_into_the_element() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let actions = dir.path().join("load.ron");
    // Both ends cleaved to the element's 12 mm and pushed in, the element still open.
    std::fs::write(
        &actions,
        r#"ActionList(format: 1, steps: [
            (t: 10, act: WorkOn(side: Left)),
            (t: 15, act: PickFibre(fibre: Red)),
            (t: 30, act: StripCoating(length_mm: 30, tool: CoatingStripper, force: Normal)),
            (t: 40, act: Clean(method: AlcoholWipe)),
            (t: 55, act: Cleave(length_mm: 12)),
            (t: 60, act: DisposeShard),
            (t: 65, act: LoadFibre(side: Left)),
            (t: 75, act: WorkOn(side: Right)),
            (t: 80, act: PickFibre(fibre: Red)),
            (t: 95, act: StripCoating(length_mm: 30, tool: CoatingStripper, force: Normal)),
            (t: 105, act: Clean(method: AlcoholWipe)),
            (t: 120, act: Cleave(length_mm: 12)),
            (t: 125, act: DisposeShard),
            (t: 130, act: LoadFibre(side: Right)),
        ])"#,
    )
    .unwrap();
    let shot = shoot(
        dir.path(),
        "element",
        &[
            "--lang",
            "en",
            "--screen",
            "exercise",
            "--scenario",
            "job-drop-mechanical-practice",
            "--seed",
            "1",
            "--actions",
            actions.to_str().unwrap(),
        ],
    );
    // On the fibres' axis: the red coating of each fibre outside the element's grey body,
    // bare glass in the middle; just above it, the index-matching gel (light blue).
    let coating = [0xd9, 0x40, 0x33];
    let gel = [0x8c, 0xbf, 0xf2];
    let count = |y: usize, x0: usize, x1: usize, c: [u8; 3]| {
        (x0..x1).filter(|&x| near(shot.px(x, y), c, 30)).count()
    };
    let (axis, above, centre) = (282, 277, 440);
    assert!(
        count(axis, 20, centre - 100, coating) > 60,
        "left fibre's coating"
    );
    assert!(
        count(axis, centre + 100, 860, coating) > 60,
        "right fibre's coating"
    );
    assert_eq!(
        count(axis, centre - 90, centre + 90, coating),
        0,
        "bare glass inside"
    );
    assert!(
        count(above, centre - 90, centre + 90, gel) > 40,
        "gel in the groove"
    );
}

/// A screen at 1024×768 and where its named controls were drawn (`FILE.layout.json`,
/// written by the app beside its screenshot).
fn layout_at_1024(dir: &Path, name: &str, args: &[&str]) -> serde_json::Value {
    let out = dir.join(format!("{name}.png"));
    run_app(&out, (1024, 768), &dir.join(format!("{name}.db")), args);
    let text = std::fs::read_to_string(out.with_extension("layout.json")).expect(name);
    serde_json::from_str(&text).expect("layout json")
}

/// The first `n` steps of a shipped script, as a file of its own.
fn first_steps(dir: &Path, script: &str, n: usize) -> PathBuf {
    let text = std::fs::read_to_string(root().join("tests/scripts").join(script)).unwrap();
    let mut k = 0;
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let step = l.trim_start().starts_with("(t:");
            if step {
                k += 1;
            }
            !(l.trim_start().starts_with("expect:") || step && k > n)
        })
        .collect();
    let p = dir.join(format!("first-{n}-{script}"));
    std::fs::write(&p, kept.join("\n")).unwrap();
    p
}

fn inside(layout: &serde_json::Value, name: &str, control: &str) {
    let w = layout["window"][0].as_f64().unwrap();
    let h = layout["window"][1].as_f64().unwrap();
    let r = &layout["controls"][control];
    let r: Vec<f64> = r
        .as_array()
        .unwrap_or_else(|| panic!("{name}: {control} not drawn: {layout}"))
        .iter()
        // A control its panel clips is noted without a place (null): not inside.
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect();
    assert!(
        r[0] >= 0.0 && r[1] >= 0.0 && r[2] <= w && r[3] <= h && r[2] > r[0] && r[3] > r[1],
        "{name}: {control} at {r:?} is not inside the {w}×{h} window"
    );
}

/// Issue 14, point 1: at 1024×768, on each module's exercise screen, the essentials
/// (finish, quit, pause, the menu, the hint in practice) and the last gesture's outcome
/// are inside the window; the debrief draws its true-versus-yours table.
#[test]
fn at_1024_by_768_the_essentials_are_inside_the_window_on_every_module() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("layout-1024");
    std::fs::create_dir_all(&dir).unwrap();
    // Each module's own essentials beside the task bar's: the splicer's SET, oven and
    // tray; the mechanical element's closing and tray; the OTDR's start, zoom, the
    // instrument's table, the report's link result and its new line.
    let otdr = &[
        "start",
        "zoom-in",
        "instrument-tab",
        "link-result",
        "add-row",
    ][..];
    let cases: [(&str, &str, &str, usize, &[&str]); 19] = [
        (
            "prep",
            "prep-loose-tube-fr-practice",
            "loose-tube-fr-practice.clean.ron",
            6,
            &[],
        ),
        (
            "splice",
            "splice-first-fusion-practice",
            "splice-first-fusion-practice.clean.ron",
            14,
            &["set", "oven", "tray"],
        ),
        (
            "otdr",
            "otdr-first-trace-practice",
            "otdr-first-trace-practice.clean.ron",
            4,
            otdr,
        ),
        (
            "otdr-recette",
            "otdr-recette-assessment",
            "otdr-recette-assessment.clean.ron",
            6,
            otdr,
        ),
        (
            "job-splice",
            "job-drop-mechanical-practice",
            "job-drop-mechanical-practice.clean.ron",
            12,
            &["close-element", "tray"],
        ),
        (
            "job-test",
            "job-drop-mechanical-practice",
            "job-drop-mechanical-practice.clean.ron",
            21,
            otdr,
        ),
        (
            "route-span",
            "route-span-sag-practice",
            "route-span-sag-practice.clean.ron",
            1,
            &["tension", "elevation"],
        ),
        (
            "route-pull",
            "route-pull-three-chambers-practice",
            "route-pull-three-chambers-practice.clean.ron",
            3,
            &["start-pull"],
        ),
        (
            "route-poles",
            "route-pole-check-practice",
            "route-pole-check-practice.clean.ron",
            4,
            &["pole-P1", "pole-P2", "pole-P3"],
        ),
        (
            "route-trench",
            "route-trench-transition-assessment",
            "route-trench-transition-assessment.clean.ron",
            1,
            &["dig"],
        ),
        (
            "route-blow",
            "route-blow-microduct-practice",
            "route-blow-microduct-practice.clean.ron",
            2,
            &["start-blowing"],
        ),
        (
            "job-route",
            "job-route-splice-test-practice",
            "job-route-splice-test-practice.clean.ron",
            3,
            &["start-pull", "next-stage"],
        ),
        (
            "job-audit",
            "job-pbo-audit-practice",
            "job-pbo-audit-practice.clean.ron",
            1,
            &[
                "defect-on-box",
                "defect-fault",
                "defect-location",
                "defect-file",
                "withdraw-0",
            ],
        ),
        (
            "job-box",
            "job-pbo-box-practice",
            "job-pbo-box-practice.clean.ron",
            6,
            &[
                "light-on",
                "box-close",
                "slot-PS-PBO42-01-01",
                "fibre-FO-0012A-014",
                "fibre-FO-0101-001",
            ],
        ),
        (
            "job-box-cable",
            "job-pbo-box-practice",
            "job-pbo-box-practice.clean.ron",
            1,
            &["tube-band-1", "tube-band-2", "tube-band-4", "tube-cut-2"],
        ),
        (
            "connect-panel",
            "connect-panel-inspect-practice",
            "connect-panel-inspect-practice.clean.ron",
            2,
            &["inspect", "clean", "judge-pass", "connect", "replace"],
        ),
        (
            "connect-meter",
            "connect-pon-budget-assessment",
            "connect-pon-budget-assessment.clean.ron",
            8,
            &[
                "meter-display",
                "ref-1",
                "measure",
                "verdict-pass",
                "budget",
            ],
        ),
        (
            "connect-field",
            "connect-field-connector-practice",
            "connect-field-connector-practice.clean.ron",
            3,
            &["field-strip", "field-cleave", "field-insert", "field-crimp"],
        ),
        (
            "connect-vfl",
            "connect-vfl-bend-practice",
            "connect-vfl-bend-practice.clean.ron",
            3,
            &["look", "locate", "no-fault"],
        ),
    ];
    // At the normal text size and at the largest (point 7: the layout survives it).
    for ((name, scenario, script, n, own), size) in cases
        .iter()
        .flat_map(|c| ["1", "1.3"].map(|size| (*c, size)))
    {
        let actions = first_steps(&dir, script, n);
        let name = &format!("{name}-text-{size}");
        let l = layout_at_1024(
            &dir,
            name,
            &[
                "--screen",
                "exercise",
                "--scenario",
                scenario,
                "--actions",
                actions.to_str().unwrap(),
                "--text-size",
                size,
            ],
        );
        let practice = !scenario.ends_with("assessment");
        let bar = ["finish", "quit", "pause", "menu", "last-outcome"];
        for c in bar
            .iter()
            .chain(practice.then_some(&"hint"))
            .chain(own.iter())
        {
            inside(&l, name, c);
        }
    }
    for (name, scenario, script, table) in [
        (
            "otdr-debrief",
            "otdr-break-assessment",
            "otdr-break-assessment.mistakes.ron",
            "cmp-events",
        ),
        (
            "splice-debrief",
            "splice-first-fusion-practice",
            "splice-first-fusion-practice.mistakes.ron",
            "cmp-splices",
        ),
        (
            "prep-debrief",
            "prep-loose-tube-fr-practice",
            "loose-tube-fr-practice.mistakes.ron",
            "cmp-lengths",
        ),
    ] {
        let script = root().join("tests/scripts").join(script);
        let l = layout_at_1024(
            &dir,
            name,
            &[
                "--screen",
                "debrief",
                "--scenario",
                scenario,
                "--actions",
                script.to_str().unwrap(),
            ],
        );
        let r = l["controls"][table].as_array().map(Vec::len);
        assert_eq!(r, Some(4), "{name}: the {table} table is drawn: {l}");
    }
}

/// The layout of a gesture's screen: the app at 1280×800 for 24 frames with `args`.
fn gesture_layout(dir: &Path, name: &str, args: &[&str]) -> serde_json::Value {
    let out = dir.join(format!("{name}.png"));
    run_app_for(&out, (1280, 800), &dir.join(format!("{name}.db")), 24, args);
    let text = std::fs::read_to_string(out.with_extension("layout.json")).expect(name);
    serde_json::from_str(&text).expect("layout json")
}

/// A value the screen noted.
fn noted(l: &serde_json::Value, k: &str) -> f64 {
    l["values"][k]
        .as_f64()
        .unwrap_or_else(|| panic!("{k} not noted: {l}"))
}

/// Issue 28: the box is worked on its drawing. A drop's fibre dragged from the free ends
/// onto its customer's position in the cassette is spliced there (the position's count
/// of fibres routed grows by one, the fibre leaves the free ends).
#[test]
fn a_fibre_dragged_onto_a_position_is_routed_there() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("gestures");
    std::fs::create_dir_all(&dir).unwrap();
    let actions = first_steps(&dir, "job-pbo-box-practice.clean.ron", 6);
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        "job-pbo-box-practice",
        "--actions",
        actions.to_str().unwrap(),
    ];
    let before = gesture_layout(&dir, "box-before", &base);
    let (fx, fy) = centre_of(&before, "fibre-FO-0101-001");
    let (sx, sy) = centre_of(&before, "slot-PS-PBO42-01-01");
    let drag = format!("{fx},{fy}:{sx},{sy}");
    let mut args = base.to_vec();
    args.extend(["--drag", &drag]);
    let after = gesture_layout(&dir, "box-drag", &args);
    assert_eq!(
        noted(&after, "rows-worked"),
        noted(&before, "rows-worked"),
        "the drop joins a position that already holds its fibre"
    );
    assert_eq!(
        noted(&after, "free-fibres"),
        noted(&before, "free-fibres") - 1.0,
        "the drop's fibre left the free ends"
    );
}

/// Issue 28: the tube shaver drawn along a tube. Dragged along tube 2 from one end of
/// the window to the other, straight, it opens and cuts the tube and scores nothing; the
/// same stroke ending 60 hundredths of a tube's width off towards tube 3 (10 past the
/// tube's edge, inside tube 3's wall) cuts tube 2 and dents tube 3; a stroke over half
/// the window opens nothing.
#[test]
fn the_shaver_drawn_along_a_tube_opens_it_and_a_slip_scores_the_neighbour() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("shaver");
    std::fs::create_dir_all(&dir).unwrap();
    let actions = first_steps(&dir, "job-pbo-box-practice.clean.ron", 1);
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        "job-pbo-box-practice",
        "--actions",
        actions.to_str().unwrap(),
    ];
    let before = gesture_layout(&dir, "shave-before", &base);
    let band: Vec<f64> = before["controls"]["tube-band-2"]
        .as_array()
        .unwrap_or_else(|| panic!("tube 2 drawn: {before}"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let (x0, x1, y, h) = (
        band[0],
        band[2],
        (band[1] + band[3]) / 2.0,
        band[3] - band[1],
    );
    let shave = |name: &str, from: f64, to: f64, end_off: f64| {
        let drag = format!("{},{y}:{},{}", x0 + from, x1 - to, y + end_off * h);
        let mut args = base.to_vec();
        args.extend(["--drag", &drag]);
        gesture_layout(&dir, name, &args)
    };
    // Before the window is opened: its right end dragged 60 px to the right lengthens it
    // by twice that (it stays centred), at the drawing's scale (its 1.00 m between the
    // ends' centres), to whole centimetres.
    let empty = dir.join("none.ron");
    std::fs::write(
        &empty,
        "ActionList(format: 1, scenario: \"job-pbo-box-practice\", steps: [])",
    )
    .unwrap();
    let mut closed = base.to_vec();
    closed[5] = empty.to_str().unwrap();
    let ends = gesture_layout(&dir, "window-before", &closed);
    let (lx, ly) = centre_of(&ends, "window-end-left");
    let (rx, _) = centre_of(&ends, "window-end-right");
    assert_eq!(noted(&ends, "window-set-mm"), 1000.0);
    let px_per_mm = (rx - lx) / 1000.0;
    let drag = format!("{rx},{ly}:{},{ly}", rx + 60.0);
    closed.extend(["--drag", &drag]);
    let longer = gesture_layout(&dir, "window-drag", &closed);
    let want = ((1000.0 + 120.0 / px_per_mm) / 10.0).round() * 10.0;
    assert!(
        (noted(&longer, "window-set-mm") - want).abs() <= 10.0,
        "{} mm, {want} by the drawing's scale",
        noted(&longer, "window-set-mm")
    );
    let straight = shave("shave-straight", 2.0, 2.0, 0.0);
    assert_eq!(
        (noted(&straight, "tubes-cut"), noted(&straight, "nicks")),
        (1.0, 0.0),
        "a straight stroke opens tube 2 and scores nothing"
    );
    let slip = shave("shave-slip", 2.0, 2.0, 0.6);
    assert_eq!(
        (noted(&slip, "tubes-cut"), noted(&slip, "nicks")),
        (1.0, 1.0),
        "the stroke that ends off the tube scores tube 3"
    );
    let short = shave("shave-short", 2.0, (x1 - x0) / 2.0, 0.0);
    assert_eq!(
        noted(&short, "tubes-cut"),
        0.0,
        "half a window opens nothing"
    );
}

/// Issue 11, point 5: the trainee acts on the drawing. A click on a pole of the plan
/// inspects it; a vertical drag on the span in the elevation sets the dynamometer so
/// that the sag follows the pointer, and letting go tensions the span: dragged to a sag
/// of 0.50 m on the 49.5 m span of seed 1, the tension is w·L²/(8·f) =
/// 0.981 × 49.5² / 4 = 601 N (the catenary within a newton or two).
#[test]
fn a_click_inspects_a_pole_and_a_drag_on_the_span_tensions_it() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("route-gestures");
    std::fs::create_dir_all(&dir).unwrap();
    let layout = |name: &str, scenario: &str, args: &[&str]| -> serde_json::Value {
        let none = dir.join(format!("{name}.ron"));
        std::fs::write(
            &none,
            format!("ActionList(format: 1, scenario: \"{scenario}\", steps: [])"),
        )
        .unwrap();
        let mut all = vec![
            "--screen",
            "exercise",
            "--scenario",
            scenario,
            "--actions",
            none.to_str().unwrap(),
        ];
        all.extend(args);
        gesture_layout(&dir, name, &all)
    };
    let before = layout("poles-before", "route-pole-check-practice", &[]);
    assert!(before["values"].get("pole-P2-inspected").is_none());
    let r = before["controls"]["pole-P2"].as_array().expect("P2 drawn");
    let (x, y) = (
        (r[0].as_f64().unwrap() + r[2].as_f64().unwrap()) / 2.0,
        (r[1].as_f64().unwrap() + r[3].as_f64().unwrap()) / 2.0,
    );
    let click = format!("{x},{y}:{x},{y}");
    let after = layout(
        "poles-click",
        "route-pole-check-practice",
        &["--drag", &click],
    );
    assert_eq!(
        after["values"]["pole-P2-inspected"].as_f64(),
        Some(1.0),
        "{after}"
    );

    let before = layout("span-before", "route-span-sag-practice", &[]);
    let v = noted;
    assert_eq!(v(&before, "elevation-span"), 1.0);
    assert!(before["values"].get("span-1-tension-n").is_none());
    let ground = v(&before, "elevation-ground-y");
    let ppm = v(&before, "elevation-px-per-m");
    let mid = v(&before, "elevation-mid-attach-m");
    let e = before["controls"]["elevation"]
        .as_array()
        .expect("elevation");
    let x = (e[0].as_f64().unwrap() + e[2].as_f64().unwrap()) / 2.0;
    let (y0, y1) = (ground - mid * ppm, ground - (mid - 0.5) * ppm);
    let drag = format!("{x},{y0}:{x},{y1}");
    let after = layout("span-drag", "route-span-sag-practice", &["--drag", &drag]);
    let t = v(&after, "span-1-tension-n");
    // Half a pixel of pointer is 0.5/ppm m of sag: the tension within that share.
    let tol = 601.0 * (0.5 / ppm) / 0.5 + 3.0;
    assert!(
        (t - 601.0).abs() <= tol,
        "tensioned to {t} N, about 601 expected (±{tol:.0})"
    );
}

/// Issue 14, point 8: gestures on the drawing. A drag along the cable's ruler marks the
/// sheath's strip length; one along the fibre's ruler, from the coating edge, the
/// coating's; a click on a fibre takes it in hand. Each is played in the real window
/// (a mouse drag sent to the app) and read back from the screen's own values.
#[test]
fn marks_dragged_on_the_rulers_set_the_lengths_and_a_click_picks_a_fibre() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("gestures");
    std::fs::create_dir_all(&dir).unwrap();
    let layout = |name: &str, args: &[&str]| gesture_layout(&dir, name, args);
    let value = noted;
    let actions = first_steps(&dir, "loose-tube-fr-practice.clean.ron", 6);
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        "prep-loose-tube-fr-practice",
        "--actions",
        actions.to_str().unwrap(),
    ];
    let before = layout("prep-before", &base);
    // Where 850 mm lies on the cable's ruler, and 35 mm on the fibre's (leftwards from
    // the coating edge), from the drawn scale.
    let cable = &before["controls"]["cable-ruler"];
    let y = (cable[1].as_f64().unwrap() + cable[3].as_f64().unwrap()) / 2.0;
    let zero = value(&before, "cable-ruler-zero-x");
    let ppm = value(&before, "cable-ruler-px-per-mm");
    assert_eq!(
        value(&before, "sheath-mm"),
        1000.0,
        "the form's round default"
    );
    let to = zero + 850.0 * ppm;
    let drag = format!("{zero},{y}:{to},{y}");
    let mut args = base.to_vec();
    args.extend(["--drag", &drag]);
    let after = layout("prep-cable-drag", &args);
    let mm = value(&after, "sheath-mm");
    assert!(
        (mm - 850.0).abs() <= 1.0 / ppm + 0.5,
        "marked {mm} mm, 850 dragged"
    );

    let fibre = &before["controls"]["fibre-ruler"];
    let fy = (fibre[1].as_f64().unwrap() + fibre[3].as_f64().unwrap()) / 2.0;
    let fzero = value(&before, "fibre-ruler-zero-x");
    let fppm = value(&before, "fibre-ruler-px-per-mm");
    assert!(fppm < 0.0, "lengths run leftwards from the coating edge");
    let fto = fzero + 35.0 * fppm;
    let drag = format!("{fzero},{fy}:{fto},{fy}");
    let mut args = base.to_vec();
    args.extend(["--drag", &drag]);
    let after = layout("prep-fibre-drag", &args);
    assert_eq!(value(&after, "coating-mm"), 35.0);
    assert_eq!(
        value(&after, "cleave-mm"),
        10.0,
        "the cleave length is not touched"
    );

    // A click on fibre 10 of the tight-buffered cable, once the sheath and aramid are
    // off, takes it in hand (seed 2: the fibre the task asks for).
    let actions = first_steps(&dir, "tight-buffered-practice.clean.ron", 2);
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        "prep-tight-buffered-practice",
        "--seed",
        "2",
        "--actions",
        actions.to_str().unwrap(),
    ];
    let before = layout("tight-before", &base);
    assert!(
        before["values"].get("in-hand-fibre").is_none(),
        "nothing in hand yet"
    );
    let r = &before["controls"]["fibre-0-10"];
    let r: Vec<f64> = r
        .as_array()
        .unwrap_or_else(|| panic!("fibre 10 drawn: {before}"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let (cx, cy) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
    let click = format!("{cx},{cy}:{cx},{cy}");
    let mut args = base.to_vec();
    args.extend(["--drag", &click]);
    let after = layout("tight-click", &args);
    assert_eq!(value(&after, "in-hand-fibre"), 10.0);
    assert_eq!(
        value(&after, "sheath-mm"),
        1000.0,
        "a click marks no length"
    );

    // In a 12-fibre loose tube the fibres are fanned out of their tube: a click on the
    // orange one (n° 7) of the green tube (n° 3) takes it, as the task asks.
    let actions = first_steps(&dir, "loose-tube-fr-practice.clean.ron", 4);
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        "prep-loose-tube-fr-practice",
        "--actions",
        actions.to_str().unwrap(),
    ];
    let before = layout("loose-before", &base);
    let r: Vec<f64> = before["controls"]["fibre-3-7"]
        .as_array()
        .unwrap_or_else(|| panic!("fibre 7 of tube 3 drawn: {before}"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(r[3] - r[1] >= 6.0, "a lane a finger can hit: {r:?}");
    let (cx, cy) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
    let click = format!("{cx},{cy}:{cx},{cy}");
    let mut args = base.to_vec();
    args.extend(["--drag", &click]);
    let after = layout("loose-click", &args);
    assert_eq!(value(&after, "in-hand-tube"), 3.0);
    assert_eq!(value(&after, "in-hand-fibre"), 7.0);
}

/// The centre of a noted control, window pixels.
fn centre_of(l: &serde_json::Value, control: &str) -> (f64, f64) {
    let r = l["controls"][control]
        .as_array()
        .unwrap_or_else(|| panic!("{control} not drawn: {l}"));
    let v = |k: usize| r[k].as_f64().unwrap();
    ((v(0) + v(2)) / 2.0, (v(1) + v(3)) / 2.0)
}

/// The app at 1280×800 on a connect scenario after `actions` (inline steps), with
/// `extra` arguments: its screenshot and its layout.
fn connect_shot(
    dir: &Path,
    name: &str,
    scenario: &str,
    actions: &str,
    extra: &[&str],
) -> (Shot, serde_json::Value) {
    let file = dir.join(format!("{name}.ron"));
    std::fs::write(
        &file,
        format!("ActionList(format: 1, scenario: \"{scenario}\", steps: [{actions}])"),
    )
    .unwrap();
    let mut args = vec![
        "--lang",
        "fr",
        "--screen",
        "exercise",
        "--scenario",
        scenario,
        "--seed",
        "1",
        "--actions",
        file.to_str().unwrap(),
    ];
    args.extend(extra);
    let l = gesture_layout(dir, name, &args);
    let png = dir.join(format!("{name}.png"));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    let bpp = info.line_size / info.width as usize;
    let mut rgb = Vec::new();
    for px in buf[..info.buffer_size()].chunks(bpp) {
        rgb.extend_from_slice(&px[..3]);
    }
    let shot = Shot {
        w: info.width as usize,
        h: info.height as usize,
        rgb,
    };
    (shot, l)
}

/// Issue 13, point 1: the microscope draws the face to scale. Before a look the field is
/// dark; a click on it looks at the face (P1's port: clean, its core bright at the
/// centre). P3's port has a 5 µm scratch passing 2 µm from the centre at 80°: the
/// centre is dark, while 30 µm out along the 80° radius (off the scratch, in the
/// cladding) the glass shows; in practice the probe's verdict is written in red.
#[test]
fn the_microscope_shows_the_face_to_scale_and_a_click_looks_at_it() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("connect-scope");
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = "connect-panel-inspect-practice";
    let (before, l) = connect_shot(&dir, "before", scenario, "", &[]);
    let (cx, cy) = centre_of(&l, "microscope");
    let px = |s: &Shot, x: f64, y: f64| s.px(x.round() as usize, y.round() as usize);
    let lum = |p: [u8; 3]| (p[0] as u32 + p[1] as u32 + p[2] as u32) / 3;
    // (Below the invitation to click, written across the middle.)
    let dark = px(&before, cx, cy + 40.0);
    assert!(lum(dark) < 60, "dark before a look: {dark:?}");
    let click = format!("{cx},{cy}:{cx},{cy}");
    let (after, _) = connect_shot(&dir, "click", scenario, "", &["--drag", &click]);
    assert!(
        lum(px(&after, cx, cy)) > 190,
        "the core seen: {:?}",
        px(&after, cx, cy)
    );
    let k = noted(&l, "microscope-px-per-um");
    assert!(k > 0.8, "{k} px per µm");
    let (scratch, _) = connect_shot(
        &dir,
        "scratch",
        scenario,
        r#"(t: 10, act: InspectFace(connector: "P3", face: Port))"#,
        &[],
    );
    // On the scratch's line, where it passes nearest the centre (2 µm out at 80°).
    let a = 80f64.to_radians();
    let (ca, sa) = (fibrelab::math::cos(a), fibrelab::math::sin(a));
    let on = px(&scratch, cx + 2.0 * k * ca, cy - 2.0 * k * sa);
    assert!(lum(on) < 120, "the scratch over the core: {on:?}");
    let (ox, oy) = (cx + 30.0 * k * ca, cy - 30.0 * k * sa);
    assert!(
        lum(px(&scratch, ox, oy)) > 150,
        "the cladding beside it: {:?}",
        px(&scratch, ox, oy)
    );
    let red = (0..scratch.h)
        .flat_map(|y| (0..scratch.w).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = scratch.px(x, y);
            p[0] > 180 && p[1] < 90 && p[2] < 90
        })
        .count();
    assert!(red > 200, "the probe's rings and verdict in red: {red}");
}

/// Issue 13, points 2–3: the power meter's display (dark, as an instrument's) holds the
/// reading; with the red light on, a click on a piece of the drawing looks there, and
/// the staple glows red on the drawing.
#[test]
fn the_power_meter_and_the_red_light_are_drawn() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("connect-meter-vfl");
    std::fs::create_dir_all(&dir).unwrap();
    let (shot, l) = connect_shot(
        &dir,
        "meter",
        "connect-reference-methods-practice",
        r#"(t: 10, act: SetReference(method: OneCord)), (t: 20, act: MeasureLoss)"#,
        &[],
    );
    let (x, y) = centre_of(&l, "meter-display");
    let r = l["controls"]["meter-display"].as_array().unwrap();
    let x0 = r[0].as_f64().unwrap() + 3.0;
    let p = shot.px(x0 as usize, y as usize);
    assert!(near(p, [24, 36, 30], 12), "the display's dark glass: {p:?}");
    let green = (r[0].as_f64().unwrap() as usize..r[2].as_f64().unwrap() as usize)
        .flat_map(|x| {
            (r[1].as_f64().unwrap() as usize..r[3].as_f64().unwrap() as usize).map(move |y| (x, y))
        })
        .filter(|&(x, y)| {
            let p = shot.px(x, y);
            p[1] > 180 && p[0] < 190
        })
        .count();
    assert!(
        green > 100,
        "the reading written in green: {green} at {x},{y}"
    );
    let scenario = "connect-vfl-bend-practice";
    let (_, l) = connect_shot(&dir, "vfl-on", scenario, "(t: 10, act: VflOn)", &[]);
    let (x, y) = centre_of(&l, "piece-4");
    let click = format!("{x},{y}:{x},{y}");
    let (shot, _) = connect_shot(
        &dir,
        "vfl-click",
        scenario,
        "(t: 10, act: VflOn)",
        &["--drag", &click],
    );
    let p = shot.px(x as usize, y as usize);
    assert!(
        p[0] > 200 && p[1] < 150 && p[2] < 150,
        "the staple glows: {p:?}"
    );
    // Where nothing leaks (the façade, piece 2), nothing glows.
    let (x2, y2) = centre_of(&l, "piece-2");
    let q = shot.px(x2 as usize, y2 as usize);
    assert!(!(q[0] > 200 && q[1] < 150), "the façade does not: {q:?}");
}

/// Issue 13, point 3: identifying a fibre on the drawing. With the red light on at the PM,
/// a click on a fibre's end at the PBO looks at it: the line's (fibre 4 for seed 1) glows
/// red, another (fibre 2) does not.
#[test]
fn a_click_on_a_fibre_end_shows_whether_the_red_light_comes_out() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("connect-identify");
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = "connect-vfl-identify-practice";
    let (_, l) = connect_shot(&dir, "on", scenario, "(t: 10, act: VflOn)", &[]);
    let end = |l: &serde_json::Value, k: u32| {
        let r = l["controls"][format!("fibre-end-{k}")]
            .as_array()
            .unwrap_or_else(|| panic!("fibre end {k} drawn: {l}"))
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect::<Vec<_>>();
        // The end sits at the top of its strip, 15 px under the strip's upper edge.
        ((r[0] + r[2]) / 2.0, r[1] + 15.0)
    };
    for (k, lit) in [(4, true), (2, false)] {
        let (x, y) = end(&l, k);
        let click = format!("{x},{y}:{x},{y}");
        let (shot, _) = connect_shot(
            &dir,
            &format!("fibre-{k}"),
            scenario,
            "(t: 10, act: VflOn)",
            &["--drag", &click],
        );
        // Just beside the end, where the halo shows and the fibre's own colour does not.
        let p = shot.px((x + 12.0) as usize, y as usize);
        let red = p[0] as i32 - p[1] as i32 > 50 && p[0] as i32 - p[2] as i32 > 50;
        assert_eq!(red, lit, "fibre {k}: {p:?}");
    }
}

/// The PIN of the school store's trainer.
const SCHOOL_TRAINER_PIN: &str = "739104";

/// A school's store: a cohort of four, an assessment of two scenarios; Léa has done the
/// first right, Yacine has missed its critical criteria, Inès has begun the second.
fn school_store(dir: &Path) -> PathBuf {
    use fibrelab::records::Db;
    use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
    let path = dir.join("school.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let db = Db::open(&path).unwrap();
    let c = db
        .create_cohort("Promo 2026-09 Chelles", None, None, None)
        .unwrap();
    for n in ["Léa Moreau", "Yacine Benali", "Inès Roux", "Tom Petit"] {
        db.add_trainee(n, None, Some(&c), None).unwrap();
    }
    db.add_trainer("Mme Garcia", SCHOOL_TRAINER_PIN).unwrap();
    let spec = AssessmentSpec {
        id: "ecf-connecteurs".into(),
        title: "ECF connecteurs et câble".into(),
        cohort: None,
        kind: Kind::Ecf,
        scenarios: vec![
            "connect-dirty-connector-assessment".into(),
            "prep-loose-tube-fr-practice".into(),
        ],
        opens: None,
        closes: None,
        time_limit_min: Some(45),
        attempts: 2,
        seed: SeedPolicy::Fixed,
        base_seed: Some(1),
        feedback: Feedback::Immediate,
    };
    db.create_assessment(&spec, &c, None, false).unwrap();
    let play = |who: &str, position: u32, file: &str, take: usize| {
        let t = db.trainee(who).unwrap();
        let (_, g) = db
            .assignments_of(&t)
            .unwrap()
            .into_iter()
            .find(|(_, g)| g.position == position)
            .unwrap();
        let mut s = db.start_assignment(&g, &root().join("scenarios")).unwrap();
        let list = fibrelab::exercise::script::ActionList::parse(
            &std::fs::read(root().join("tests/scripts").join(file)).unwrap(),
            file,
        )
        .unwrap();
        for (at, a) in list.timed().into_iter().take(take) {
            s.act(&db, at, a).unwrap();
        }
    };
    play(
        "Léa Moreau",
        0,
        "connect-dirty-connector-assessment.clean.ron",
        usize::MAX,
    );
    play(
        "Yacine Benali",
        0,
        "connect-dirty-connector-assessment.mistakes.ron",
        usize::MAX,
    );
    play("Inès Roux", 1, "loose-tube-fr-practice.clean.ron", 3);
    path
}

fn school_shot(dir: &Path, name: &str, (w, h): (u32, u32), db: &Path, args: &[&str]) -> Shot {
    let out = dir.join(format!("{name}.png"));
    let status = Command::new("xvfb-run")
        .envs(sandbox::env())
        .args(["-a", "-s", &format!("-screen 0 {w}x{h}x24")])
        .arg(env!("CARGO_BIN_EXE_fibrelab"))
        .args(["--window", &format!("{w}x{h}"), "--db"])
        .arg(db)
        .args(["--frames", "16", "--screenshot"])
        .arg(&out)
        .args(args)
        .env("WGPU_BACKEND", "vulkan")
        .env("XDG_RUNTIME_DIR", runtime_dir())
        .env("FIBRELAB_SCHOOL_KEY", dir.join("school.key"))
        .env("FIBRELAB_TRAINER_PIN", SCHOOL_TRAINER_PIN)
        .status()
        .expect("xvfb-run");
    assert!(status.success(), "{name}: {status}");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&out).expect(name),
    ));
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    let bpp = info.line_size / info.width as usize;
    let rgb = buf[..info.buffer_size()]
        .chunks(bpp)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Shot {
        w: info.width as usize,
        h: info.height as usize,
        rgb,
    }
}

fn count_near(s: &Shot, colour: [u8; 3]) -> usize {
    let mut n = 0;
    for y in 0..s.h {
        for x in 0..s.w {
            if near(s.px(x, y), colour, 12) {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn the_school_screens_render_with_the_gradebook_in_colour() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("school");
    std::fs::create_dir_all(&dir).unwrap();
    let db = school_store(&dir);
    for size in [(1280, 800), (1920, 1080), (1024, 768)] {
        let tag = format!("{}x{}", size.0, size.1);
        let s = school_shot(
            &dir,
            &format!("identify-{tag}"),
            size,
            &db,
            &["--lang", "fr", "--screen", "identify"],
        );
        assert_eq!((s.w, s.h), (size.0 as usize, size.1 as usize));
        school_shot(
            &dir,
            &format!("assessments-{tag}"),
            size,
            &db,
            &[
                "--lang",
                "fr",
                "--screen",
                "assessments",
                "--trainee",
                "Léa Moreau",
            ],
        );
        let book = school_shot(
            &dir,
            &format!("trainer-{tag}"),
            size,
            &db,
            &["--lang", "fr", "--screen", "trainer"],
        );
        // The gradebook's cells: one passed (green), one critical failure (red), one in
        // progress (blue), five not done (grey), each a filled button.
        assert!(
            count_near(&book, [0x2e, 0x8b, 0x57]) > 500,
            "{tag}: no passed cell"
        );
        assert!(
            count_near(&book, [0xc0, 0x39, 0x2b]) > 500,
            "{tag}: no critical cell"
        );
        assert!(
            count_near(&book, [0x3a, 0x6e, 0xc8]) > 500,
            "{tag}: no cell in progress"
        );
        // Léa's attempt as she sees it: the assessment (Fixed) is still open and a
        // classmate may sit the same draw, so the score only (the debrief's detail would be
        // their answer key).
        let lea = fibrelab::records::Db::open_read_only(&db)
            .unwrap()
            .attempts()
            .unwrap()[0]
            .id
            .to_string();
        school_shot(
            &dir,
            &format!("review-{tag}"),
            size,
            &db,
            &["--lang", "fr", "--screen", "review", "--attempt", &lea],
        );
        // The other tabs: the live status, the criteria missed, one trainee.
        for tab in ["status", "criteria", "trainee"] {
            let s = school_shot(
                &dir,
                &format!("trainer-{tab}-{tag}"),
                size,
                &db,
                &["--lang", "en", "--screen", "trainer", "--open", tab],
            );
            let mut colours: Vec<[u8; 3]> = s
                .rgb
                .chunks(3)
                .step_by(7)
                .map(|c| [c[0], c[1], c[2]])
                .collect();
            colours.sort();
            colours.dedup();
            assert!(
                colours.len() > 20,
                "{tab} {tag}: only {} colours",
                colours.len()
            );
        }
    }
}

/// A control's rectangle from a layout, `None` when it was not drawn.
fn rect_of(l: &serde_json::Value, control: &str) -> Option<[f64; 4]> {
    let r = l["controls"][control].as_array()?;
    let v: Vec<f64> = r.iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect();
    Some([v[0], v[1], v[2], v[3]])
}

/// Issue 23: at 1024×768, at the normal and the largest text size, with a long exercise
/// title and a long assessment title, the trainee's assessment list fits: each item's
/// card and its button inside the window (the unfinished item offers to resume, not a
/// greyed start); its briefing shows the one time limit and the button that starts the
/// clock; and every module's debrief keeps its buttons in the window and nothing past
/// its right edge.
#[test]
fn at_1024_by_768_the_assessment_path_and_every_debrief_fit() {
    use fibrelab::records::Db;
    use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
    if !enabled() {
        return;
    }
    let dir = out_dir().join("assessment-1024");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The shipped scenarios, one exercise with a title far longer than the window.
    let scenarios = dir.join("scenarios");
    let copy = Command::new("cp")
        .args(["-r"])
        .arg(root().join("scenarios"))
        .arg(&scenarios)
        .status()
        .unwrap();
    assert!(copy.success());
    let long = scenarios.join("connect/connect-dirty-connector-assessment.ron");
    let text = std::fs::read_to_string(&long).unwrap();
    let briefing_says_the_limit = text.contains("2,0 dB");
    assert!(
        briefing_says_the_limit,
        "the graded limit is in the briefing"
    );
    let text = text.replace(
        "fr: \"Trouver le connecteur sale au photomètre\"",
        "fr: \"Trouver le connecteur sale au photomètre sur une ligne d'abonné du PM à la PTO, avec une épissure en chambre et trois cordons de brassage, puis le nettoyer et mesurer de nouveau\"",
    );
    std::fs::write(&long, text).unwrap();
    let db_path = dir.join("school.db");
    let who = "Inès Roux-Nguyễn Thị";
    {
        let db = Db::open(&db_path).unwrap();
        let c = db
            .create_cohort("Promo 2026-09 Chelles", None, None, None)
            .unwrap();
        db.add_trainee(who, None, Some(&c), None).unwrap();
        let spec = AssessmentSpec {
            id: "ecf-long".into(),
            title: "ECF connecteurs, mesure de puissance et préparation du câble — session de rattrapage de décembre".into(),
            cohort: None,
            kind: Kind::Ecf,
            scenarios: vec![
                "connect-dirty-connector-assessment".into(),
                "prep-loose-tube-fr-practice".into(),
            ],
            opens: None,
            closes: None,
            time_limit_min: Some(45),
            attempts: 1,
            seed: SeedPolicy::Fixed,
            base_seed: Some(1),
            feedback: Feedback::Immediate,
        };
        db.create_assessment(&spec, &c, None, false).unwrap();
        // The second item started and left: it is resumed from the list.
        let t = db.trainee(who).unwrap();
        let (_, g) = db
            .assignments_of(&t)
            .unwrap()
            .into_iter()
            .find(|(_, g)| g.position == 1)
            .unwrap();
        let mut s = db.start_assignment(&g, &scenarios).unwrap();
        let list = fibrelab::exercise::script::ActionList::parse(
            &std::fs::read(root().join("tests/scripts/loose-tube-fr-practice.clean.ron")).unwrap(),
            "clean",
        )
        .unwrap();
        for (at, a) in list.timed().into_iter().take(3) {
            s.act(&db, at, a).unwrap();
        }
    }
    let scen = scenarios.to_str().unwrap();
    for size in ["1", "1.3"] {
        let name = format!("assessments-text-{size}");
        school_shot(
            &dir,
            &name,
            (1024, 768),
            &db_path,
            &[
                "--screen",
                "assessments",
                "--trainee",
                who,
                "--scenarios",
                scen,
                "--text-size",
                size,
            ],
        );
        let l: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.layout.json"))).unwrap(),
        )
        .unwrap();
        for c in [
            "assessment-0",
            "assessment-0-button",
            "assessment-1",
            "assessment-1-button",
        ] {
            inside(&l, &name, c);
        }
        // The unfinished item resumes: its card's button is there (a greyed start has
        // no button noted), and both cards are as wide as the list, not wider.
        let (a, b) = (
            rect_of(&l, "assessment-0").unwrap(),
            rect_of(&l, "assessment-1").unwrap(),
        );
        assert!((a[2] - b[2]).abs() < 1.0, "{name}: {a:?} {b:?}");
    }
    // The briefing of the item: the one limit, 45 min, and the button that starts the
    // clock, inside the window at both sizes.
    for size in ["1", "1.3"] {
        let name = format!("briefing-text-{size}");
        school_shot(
            &dir,
            &name,
            (1024, 768),
            &db_path,
            &[
                "--screen",
                "assessment-briefing",
                "--trainee",
                who,
                "--scenario",
                "connect-dirty-connector-assessment",
                "--scenarios",
                scen,
                "--text-size",
                size,
            ],
        );
        let l: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.layout.json"))).unwrap(),
        )
        .unwrap();
        for c in ["briefing-start", "briefing-limit"] {
            inside(&l, &name, c);
        }
        assert_eq!(
            l["values"]["briefing-limit-s"].as_f64(),
            Some(45.0 * 60.0),
            "{l}"
        );
        let t = rect_of(&l, "briefing-text").expect("the briefing's text is drawn");
        assert!(t[2] <= 1024.0 && t[0] >= 0.0, "{name}: {t:?}");
    }
    // Every module's debrief: its buttons inside, its body no wider than the window.
    for (name, scenario, script) in [
        (
            "prep",
            "prep-loose-tube-fr-practice",
            "loose-tube-fr-practice.mistakes.ron",
        ),
        (
            "splice",
            "splice-first-fusion-practice",
            "splice-first-fusion-practice.mistakes.ron",
        ),
        (
            "otdr",
            "otdr-break-assessment",
            "otdr-break-assessment.mistakes.ron",
        ),
        (
            "routing",
            "route-span-sag-practice",
            "route-span-sag-practice.mistakes.ron",
        ),
        (
            "chamber",
            "route-open-chamber-practice",
            "route-open-chamber-practice.mistakes.ron",
        ),
        (
            "connect",
            "connect-panel-inspect-practice",
            "connect-panel-inspect-practice.mistakes.ron",
        ),
        (
            "job",
            "job-drop-mechanical-practice",
            "job-drop-mechanical-practice.mistakes.ron",
        ),
    ] {
        let script = root().join("tests/scripts").join(script);
        let name = &format!("debrief-{name}");
        let l = layout_at_1024(
            &dir,
            name,
            &[
                "--screen",
                "debrief",
                "--scenario",
                scenario,
                "--actions",
                script.to_str().unwrap(),
            ],
        );
        for c in ["debrief-home", "debrief-retry-new"] {
            inside(&l, name, c);
        }
        let body = rect_of(&l, "debrief-body").expect("the debrief's body");
        assert!(
            body[2] <= 1024.0 + 0.5,
            "{name}: the debrief runs past the right edge: {body:?}"
        );
    }
    // Unfinished work is on the home screen, where it can be seen and resumed, at both
    // text sizes.
    let db = dir.join("home.db");
    let first = first_steps(&dir, "loose-tube-fr-practice.clean.ron", 6);
    run_app(
        &dir.join("home-exercise.png"),
        (1024, 768),
        &db,
        &[
            "--screen",
            "exercise",
            "--scenario",
            "prep-loose-tube-fr-practice",
            "--actions",
            first.to_str().unwrap(),
        ],
    );
    for size in ["1", "1.3"] {
        let out = dir.join(format!("home-text-{size}.png"));
        run_app(
            &out,
            (1024, 768),
            &db,
            &["--screen", "home", "--text-size", size],
        );
        let l: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.with_extension("layout.json")).unwrap(),
        )
        .unwrap();
        inside(&l, &format!("home-text-{size}"), "resume-0");
    }
}

/// A screenshot as written (any size).
fn read_shot(png: &Path) -> Shot {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png).unwrap_or_else(|e| panic!("{}: {e}", png.display())),
    ));
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    let bpp = info.line_size / info.width as usize;
    let mut rgb = Vec::new();
    for px in buf[..info.buffer_size()].chunks(bpp) {
        rgb.extend_from_slice(&px[..3]);
    }
    Shot {
        w: info.width as usize,
        h: info.height as usize,
        rgb,
    }
}

/// The app at 1024×768 after `frames` frames with `args`: its screenshot.
fn shot_at_1024(dir: &Path, name: &str, frames: u32, args: &[&str]) -> Shot {
    let out = dir.join(format!("{name}.png"));
    let db = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&db);
    run_app_for(&out, (1024, 768), &db, frames, args);
    read_shot(&out)
}

/// Pixels that differ between two shots of the same size by more than a faint shade.
fn pixels_apart(a: &Shot, b: &Shot) -> usize {
    assert_eq!((a.w, a.h), (b.w, b.h));
    a.rgb
        .chunks(3)
        .zip(b.rgb.chunks(3))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count()
}

/// Issue 23, point 1: a drawing belongs to the view that made it. A connect exercise
/// with the microscope's field up (its near-black disc, srgb(0.05, 0.05, 0.06), and the
/// panel's ports), finished, its debrief, the list, then an OTDR exercise in the same
/// app: the OTDR screen is the one drawn when the OTDR exercise is played alone, without
/// a pixel of the connect drawing. The same for a job whose connecting stage gives way to
/// its test stage while the screen is up.
#[test]
fn a_drawing_goes_with_its_view_into_the_next_exercise_or_stage() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("view-owns-drawing");
    std::fs::create_dir_all(&dir).unwrap();
    let look = dir.join("look.ron");
    std::fs::write(
        &look,
        r#"ActionList(format: 1, scenario: "connect-panel-inspect-practice", steps: [
            (t: 10, act: InspectFace(connector: "P1", face: Port)),
        ])"#,
    )
    .unwrap();
    let look = look.to_str().unwrap();
    let disc = [13, 13, 15];
    let connect = [
        "--lang",
        "fr",
        "--screen",
        "exercise",
        "--scenario",
        "connect-panel-inspect-practice",
        "--actions",
        look,
    ];
    // The connect drawing as the trainee leaves it.
    let before = shot_at_1024(&dir, "connect", 10, &connect);
    let dark = count_near(&before, disc);
    assert!(dark > 3000, "the microscope's field drawn: {dark} px");
    let otdr = [
        "--screen",
        "exercise",
        "--scenario",
        "otdr-first-trace-practice",
    ];
    let alone = shot_at_1024(
        &dir,
        "otdr-alone",
        40,
        &[&["--lang", "fr"][..], &otdr].concat(),
    );
    let mut then = connect.to_vec();
    then.extend(["--then", "otdr-first-trace-practice"]);
    let after = shot_at_1024(&dir, "connect-then-otdr", 40, &then);
    assert_eq!(
        count_near(&after, disc),
        count_near(&alone, disc),
        "the microscope's dark field left on the OTDR screen"
    );
    let apart = pixels_apart(&after, &alone);
    assert!(
        apart < 500,
        "{apart} pixels differ from the OTDR screen played alone (see {})",
        dir.display()
    );

    // A job: its connecting stage drawn (the meter's bench), then its test stage.
    let script = first_steps(&dir, "job-subscriber-otdr-practice.clean.ron", 44);
    let next = dir.join("next-stage.ron");
    std::fs::write(
        &next,
        r#"ActionList(format: 1, scenario: "job-subscriber-otdr-practice", steps: [
            (t: 550, act: NextStage),
        ])"#,
    )
    .unwrap();
    let job = |actions: &Path| {
        vec![
            "--lang".to_string(),
            "fr".into(),
            "--screen".into(),
            "exercise".into(),
            "--scenario".into(),
            "job-subscriber-otdr-practice".into(),
            "--actions".into(),
            actions.to_str().unwrap().into(),
        ]
    };
    let args = job(&script);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let connecting = shot_at_1024(&dir, "job-connecting", 10, &args);
    let all = first_steps(&dir, "job-subscriber-otdr-practice.clean.ron", 45);
    let args_all = job(&all);
    let args_all: Vec<&str> = args_all.iter().map(String::as_str).collect();
    let testing = shot_at_1024(&dir, "job-testing", 40, &args_all);
    assert!(
        pixels_apart(&connecting, &testing) > 20_000,
        "the connecting stage is drawn otherwise than the test stage"
    );
    let mut moved = args.clone();
    moved.extend(["--then-actions", next.to_str().unwrap()]);
    let moved = shot_at_1024(&dir, "job-moved-on", 40, &moved);
    let apart = pixels_apart(&moved, &testing);
    assert!(
        apart < 500,
        "{apart} pixels differ from the test stage opened directly (see {})",
        dir.display()
    );
}

/// Issue 23, point 3: at 1024×768 the OTDR instrument's event table shows at least
/// eight of its rows (each row's number noted where it was drawn, none cut by its panel)
/// and scrolls for the others. The shipped long link with shorter drums (1.5 to 2.5 km)
/// and every splice at 0.1 dB or more, in a scenarios folder of its own: the instrument
/// finds its two connectors, eight splices and the end, more than fit.
#[test]
fn at_1024_by_768_the_otdr_table_shows_eight_rows_and_scrolls() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("otdr-table-1024");
    let scenarios = dir.join("scenarios");
    std::fs::create_dir_all(&scenarios).unwrap();
    let shipped =
        std::fs::read_to_string(root().join("scenarios/otdr/long-link-assessment.ron")).unwrap();
    let many = shipped
        .replace("Range(6500, 7500)", "Range(1500, 2500)")
        .replace("loss_db: Range(0.02, 0.08)", "loss_db: Range(0.1, 0.2)")
        .replace("loss_db: Range(0.02, 0.14)", "loss_db: Range(0.1, 0.2)")
        .replace("loss_db: Range(0.05, 0.2)", "loss_db: Range(0.1, 0.2)");
    assert_ne!(many, shipped);
    std::fs::write(scenarios.join("many-events.ron"), many).unwrap();
    let script = dir.join("acquire.ron");
    // A later step moves the clock past the averaging: the table is the analysed one.
    std::fs::write(
        &script,
        r#"ActionList(format: 1, scenario: "otdr-long-link-assessment", steps: [
            (t: 60, act: Acquire(wavelength_nm: 1550, pulse_ns: 100, range_m: 40000, averaging_s: 180, ior: 1.4682, launch_cable: true, receive_cable: true)),
            (t: 400, act: ReportLink(length_m: 1, total_loss_db: 1, verdict: Pass)),
        ])"#,
    )
    .unwrap();
    let layout = layout_at_1024(
        &dir,
        "otdr-table",
        &[
            "--lang",
            "fr",
            "--scenarios",
            scenarios.to_str().unwrap(),
            "--screen",
            "exercise",
            "--scenario",
            "otdr-long-link-assessment",
            "--actions",
            script.to_str().unwrap(),
        ],
    );
    let (w, h) = (
        layout["window"][0].as_f64().unwrap(),
        layout["window"][1].as_f64().unwrap(),
    );
    let rows: Vec<(u32, Option<Vec<f64>>)> = (1..=40)
        .filter_map(|n| {
            let r = &layout["controls"][format!("instrument-row-{n}")];
            r.as_array().map(|a| {
                let v: Vec<Option<f64>> = a.iter().map(|x| x.as_f64()).collect();
                (n, v.into_iter().collect::<Option<Vec<f64>>>())
            })
        })
        .collect();
    assert!(
        rows.len() > 8,
        "the instrument found {} events: too few to tell (see {})",
        rows.len(),
        dir.display()
    );
    let shown: Vec<u32> = rows
        .iter()
        .filter(|(_, r)| {
            r.as_ref().is_some_and(|r| {
                r[0] >= 0.0 && r[1] >= 0.0 && r[2] <= w && r[3] <= h && r[3] > r[1]
            })
        })
        .map(|(n, _)| *n)
        .collect();
    assert!(
        shown.len() >= 8,
        "rows shown {shown:?} of {} at 1024×768 (see {})",
        rows.len(),
        dir.display()
    );
    // The first ones, in order, one under the other.
    assert_eq!(shown[..8], (1..=8).collect::<Vec<u32>>()[..]);
    // The others are in the table's scroll area, clipped below its place, not drawn
    // over what is under it.
    let last = rows.last().unwrap();
    assert!(
        last.1.is_none(),
        "row {} drawn at {:?}: the table runs past its place instead of scrolling",
        last.0,
        last.1
    );
}

/// Issue 23, point 2: the splicing station draws the fibre end in hand, to scale from its
/// coating edge: stripped, its bare glass runs as long as the engine stripped; snapped in
/// the stripper, it shows no glass but the red break at the coating edge. A drag on its
/// ruler marks the cleave length in the tools.
#[test]
fn the_splicing_station_draws_the_end_in_hand_and_a_broken_fibre_shows_broken() {
    if !enabled() {
        return;
    }
    use fibrelab::exercise::PrepAction;
    use fibrelab::exercise::prep::{Force, Tool};
    use fibrelab::physics::cable::Colour;
    let dir = out_dir().join("splice-ends");
    std::fs::create_dir_all(&dir).unwrap();
    let id = "splice-first-fusion-practice";
    let loaded = fibrelab::cli::find_scenario(id, Some(&root().join("scenarios"))).unwrap();
    // The same gestures but the stripping tool: a knife pressed hard (it snaps the glass
    // about half the time) or the coating stripper at normal pressure.
    let play = |seed: u64, tool: Tool, force: Force| {
        let mut ex = Exercise::generate(&loaded.scenario, seed);
        let steps: [(u64, fibrelab::exercise::Action); 3] = [
            (
                15_000,
                PrepAction::PickFibre {
                    tube: Some(Colour::Blue),
                    fibre: Colour::Green,
                }
                .into(),
            ),
            (20_000, PrepAction::SlideSleeve.into()),
            (
                35_000,
                PrepAction::StripCoating {
                    length_mm: 35.0,
                    tool,
                    force,
                }
                .into(),
            ),
        ];
        for (t, a) in steps {
            ex.apply(t, a).unwrap();
        }
        let f = ex.state.splicing().unwrap().benches[0]
            .in_hand_state()
            .unwrap()
            .clone();
        (f.broken(), f.coating_strip_mm)
    };
    // A draw where the knife snaps the glass and the stripper does not.
    let seed = (1..60)
        .find(|&s| {
            play(s, Tool::Knife, Force::Hard).0 && !play(s, Tool::CoatingStripper, Force::Normal).0
        })
        .expect("a seed where the knife breaks the fibre");
    let stripped_mm = play(seed, Tool::CoatingStripper, Force::Normal)
        .1
        .expect("stripped");
    let script = |tool: &str, force: &str| {
        let p = dir.join(format!("{tool}-{force}.ron"));
        std::fs::write(
            &p,
            format!(
                "ActionList(format: 1, steps: [
                    (t: 15, act: PickFibre(tube: Blue, fibre: Green)),
                    (t: 20, act: SlideSleeve),
                    (t: 35, act: StripCoating(length_mm: 35, tool: {tool}, force: {force})),
                ])"
            ),
        )
        .unwrap();
        p
    };
    let seed_s = seed.to_string();
    let shot_of = |name: &str, actions: &Path, extra: &[&str]| {
        let mut args = vec![
            "--lang",
            "fr",
            "--screen",
            "exercise",
            "--scenario",
            id,
            "--seed",
            &seed_s,
            "--actions",
            actions.to_str().unwrap(),
        ];
        args.extend(extra);
        let layout = gesture_layout(&dir, name, &args);
        let png = dir.join(format!("{name}.png"));
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let bpp = info.line_size / info.width as usize;
        let rgb: Vec<u8> = buf[..info.buffer_size()]
            .chunks(bpp)
            .flat_map(|p| p[..3].to_vec())
            .collect();
        let shot = Shot {
            w: info.width as usize,
            h: info.height as usize,
            rgb,
        };
        (layout, shot)
    };
    let intact = script("CoatingStripper", "Normal");
    let broken = script("Knife", "Hard");
    let (li, si) = shot_of("end-intact", &intact, &[]);
    let (lb, sb) = shot_of("end-broken", &broken, &[]);
    // The left end's ruler: its top edge is the fibre's top, the coating 22 px thick.
    let ruler = |l: &serde_json::Value| -> Vec<f64> {
        l["controls"]["end-ruler-left"]
            .as_array()
            .unwrap_or_else(|| panic!("the end's ruler drawn: {l}"))
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    let (ri, rb) = (ruler(&li), ruler(&lb));
    assert_eq!(ri, rb, "the same bench drawn both times");
    let zero = noted(&li, "end-ruler-zero-x");
    let ppm = noted(&li, "end-ruler-px-per-mm");
    assert!(
        ppm > 2.0,
        "the glass runs rightwards, to scale: {ppm} px/mm"
    );
    let axis = (ri[1] + 11.0).round() as usize;
    let glass = [0x8f, 0xcc, 0xe4];
    let red = [0xd9, 0x0d, 0x0d];
    let run = |s: &Shot, c: [u8; 3], x0: f64, x1: f64, tol: i32| {
        (x0.round() as usize..x1.round() as usize)
            .filter(|&x| (axis - 4..=axis + 4).any(|y| near(s.px(x, y), c, tol)))
            .count() as f64
    };
    // Intact: glass from the coating edge to the stripped length, none beyond.
    let end_x = zero + stripped_mm * ppm;
    let lit = run(&si, glass, zero + 2.0, end_x - 2.0, 40);
    assert!(
        lit >= (end_x - zero - 4.0) * 0.9,
        "bare glass along the {stripped_mm:.1} mm stripped: {lit} px lit of {:.0}",
        end_x - zero
    );
    assert_eq!(
        run(&si, glass, end_x + 8.0, end_x + 40.0, 40),
        0.0,
        "no glass past the stripped length"
    );
    // Broken: hardly any glass past the snapped stub, and the break in red at the edge
    // (none on the intact end).
    assert!(
        run(&sb, glass, zero + 15.0, end_x, 40) < 5.0,
        "the broken end has lost its stripped glass"
    );
    assert!(
        run(&sb, red, zero - 2.0, zero + 20.0, 60) >= 3.0,
        "the break drawn in red"
    );
    assert_eq!(
        run(&si, red, zero - 2.0, zero + 20.0, 60),
        0.0,
        "no break on the intact end"
    );
    // A drag along the stripped end's ruler marks the cleave length in the tools.
    let y = (ri[1] + ri[3]) / 2.0;
    let (from, to) = (zero + 3.0 * ppm, zero + 12.0 * ppm);
    let drag = format!("{from},{y}:{to},{y}");
    let (after, _) = shot_of("end-drag", &intact, &["--drag", &drag]);
    assert_eq!(noted(&after, "cleave-mm"), 12.0, "the mark at 12 mm");
    assert_eq!(
        noted(&after, "coating-mm"),
        noted(&li, "coating-mm"),
        "the strip length left"
    );
}

/// Issue 23, point 1: the chamber is opened on the drawing. Its parts that take a
/// gesture are outlined in the gesture colour (`painter::GESTURE`, sRGB 0.12, 0.37,
/// 0.78: about 31, 94, 199); a click on the van's AK5 sign takes that step (the screen's
/// own count of steps goes from 0 to 1); once the cover is lifted, dragging it onto the
/// place 2 m away sets it down there.
#[test]
fn a_click_on_the_chamber_drawing_takes_its_step_and_the_cover_is_dragged_away() {
    if !enabled() {
        return;
    }
    let dir = out_dir().join("route-chamber");
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = "route-open-chamber-practice";
    let none = dir.join("none.ron");
    std::fs::write(
        &none,
        format!("ActionList(format: 1, scenario: \"{scenario}\", steps: [])"),
    )
    .unwrap();
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        scenario,
        "--actions",
        none.to_str().unwrap(),
    ];
    let before = gesture_layout(&dir, "before", &base);
    assert_eq!(noted(&before, "chamber-steps"), 0.0);
    assert!(before["values"].get("chamber-done-ApproachSign").is_none());
    // The sign's part lies on the drawing, left of the side panel.
    let r = before["controls"]["chamber-ApproachSign"]
        .as_array()
        .expect("the sign noted");
    let v = |k: usize| r[k].as_f64().unwrap();
    assert!(v(0) >= 0.0 && v(2) <= 1280.0 - 390.0, "{r:?}");
    // Its dashed outline, 2 px outside the part, in the gesture colour.
    let shot = read_shot(&dir.join("before.png"));
    let gesture = [31, 94, 199];
    let x = (v(0) - 3.0).round() as usize;
    let on_edge = ((v(1).round() as usize)..(v(3).round() as usize))
        .filter(|&y| (x - 1..=x + 1).any(|x| near(shot.px(x, y), gesture, 40)))
        .count();
    assert!(
        on_edge >= 8,
        "the outline's dashes on the left edge: {on_edge}"
    );

    let (x, y) = centre_of(&before, "chamber-ApproachSign");
    let click = format!("{x},{y}:{x},{y}");
    let mut args = base.to_vec();
    args.extend(["--drag", &click]);
    let after = gesture_layout(&dir, "click", &args);
    assert_eq!(noted(&after, "chamber-steps"), 1.0, "{after}");
    assert_eq!(noted(&after, "chamber-done-ApproachSign"), 1.0);

    // The first six safe steps: the cover is lifted with the lifter, beside the
    // opening. Dragged onto the place 2 m away, it is set down there.
    let six = first_steps(&dir, "route-open-chamber-practice.clean.ron", 6);
    let base = [
        "--screen",
        "exercise",
        "--scenario",
        scenario,
        "--actions",
        six.to_str().unwrap(),
    ];
    let lifted = gesture_layout(&dir, "lifted", &base);
    assert_eq!(noted(&lifted, "chamber-steps"), 6.0);
    assert!(lifted["values"].get("chamber-done-StoreCover").is_none());
    let (x0, y0) = centre_of(&lifted, "chamber-CloseCover");
    let (x1, y1) = centre_of(&lifted, "chamber-StoreCover");
    let drag = format!("{x0},{y0}:{x1},{y1}");
    let mut args = base.to_vec();
    args.extend(["--drag", &drag]);
    let stored = gesture_layout(&dir, "stored", &args);
    assert_eq!(noted(&stored, "chamber-steps"), 7.0, "{stored}");
    assert_eq!(noted(&stored, "chamber-done-StoreCover"), 1.0);
    assert!(stored["values"].get("chamber-done-CloseCover").is_none());
}
