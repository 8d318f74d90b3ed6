//! The app at rest: its CPU time on the home screen, 1024 × 768, under Xvfb with software
//! Vulkan (Mesa's lavapipe, as on a school PC without a graphics driver), measured from
//! /proc/PID/stat (user + system time) over 10 s once the screen is up. Issue 23's
//! budget: under 5 % of one core (the app sleeps until input, the exercise clock's next
//! second or an animation; before, it redrew without rest and took 75 % to 135 %).
//!
//! Runs the same under `cargo bench --bench idle` and once as a test (`cargo test
//! --bench idle`, as .ci/run does). It needs xvfb-run and fails when it is missing
//! rather than pass without measuring. FIBRELAB_IDLE_SECONDS sets another measuring time.

#[path = "../tests/common/sandbox.rs"]
mod sandbox;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The budget: the share of one core the idle app may take.
const BUDGET: f64 = 0.05;

/// Time for the window, the renderer and the first frames (shaders compiled by
/// lavapipe) before measuring.
const WARM_UP: Duration = Duration::from_secs(8);

fn main() {
    if Command::new("xvfb-run")
        .envs(sandbox::env())
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        panic!(
            "the idle benchmark needs xvfb-run and a software Vulkan driver (apt-get install xvfb xauth mesa-vulkan-drivers): not measured"
        );
    }
    let seconds: u64 = std::env::var("FIBRELAB_IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("idle-bench");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder");
    let runtime = dir.join("xdg-runtime");
    std::fs::create_dir_all(&runtime).expect("runtime folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700));
    }
    let share = measure(&dir, &runtime, Duration::from_secs(seconds));
    println!(
        "idle home screen, 1024x768, software Vulkan: {:.1} % of one core over {seconds} s (budget {:.0} %)",
        share * 100.0,
        BUDGET * 100.0
    );
    assert!(
        share < BUDGET,
        "the idle app took {:.1} % of a core, over the budget of {:.0} %",
        share * 100.0,
        BUDGET * 100.0
    );
}

/// The app's share of one core at the home screen over `span`.
fn measure(dir: &Path, runtime: &Path, span: Duration) -> f64 {
    let pid_file = dir.join("app.pid");
    // The shell writes its own id, then becomes the app: that id is the app's.
    let mut xvfb = Command::new("xvfb-run")
        .envs(sandbox::env())
        .args(["-a", "-s", "-screen 0 1024x768x24", "sh", "-c"])
        .arg(format!(
            "echo $$ > '{}'; exec \"$0\" \"$@\"",
            pid_file.display()
        ))
        .arg(env!("CARGO_BIN_EXE_fibrelab"))
        .args(["--window", "1024x768", "--lang", "fr", "--db"])
        .arg(dir.join("idle.db"))
        .env("WGPU_BACKEND", "vulkan")
        .env("XDG_RUNTIME_DIR", runtime)
        .env("FIBRELAB_SCHOOL_KEY", dir.join("school.key"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xvfb-run");
    let started = Instant::now();
    let pid = loop {
        if let Some(p) = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
        {
            break p;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = xvfb.kill();
            panic!("the app did not start under xvfb-run");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    std::thread::sleep(WARM_UP);
    let ticks = clock_ticks();
    let (a, t0) = (cpu_ticks(pid), Instant::now());
    std::thread::sleep(span);
    let (b, t1) = (cpu_ticks(pid), Instant::now());
    // The app is ended by its id (xvfb-run then takes its X server down).
    let _ = Command::new("kill").arg(pid.to_string()).status();
    let _ = xvfb.wait();
    let (Some(a), Some(b)) = (a, b) else {
        panic!("the app (pid {pid}) ended before it was measured");
    };
    (b - a) as f64 / ticks / (t1 - t0).as_secs_f64()
}

/// User and system time of a process so far, in clock ticks (/proc/PID/stat fields 14
/// and 15, counted after the command's name in parentheses).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Clock ticks per second (`getconf CLK_TCK`, 100 on Linux).
fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}
