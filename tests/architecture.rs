//! The layers of `src/`, one way: a module uses only the modules on the floors below
//! its own (docs/architecture.md). This test reads every source file and fails on a
//! path (`use crate::x`, `crate::x::y`, `fibrelab::x`) that runs up the stack or
//! sideways to another module of the same floor, naming the file, the line and the two
//! modules. A new top-level module fails here until it is given its floor.

use std::path::{Path, PathBuf};

/// Each top-level module of the library and its floor, ground first.
const FLOORS: &[(&str, u32)] = &[
    // The ground floor: no crate imports but each other's below them.
    ("rng", 0),
    ("math", 0),
    ("i18n", 0),
    ("plot", 0),
    ("wire", 0),
    ("limits", 1),
    ("physics", 2),
    ("sor", 3),
    ("scenario", 4),
    ("exercise", 5),
    ("grading", 6),
    ("records", 7),
    ("cli", 8),
    ("app", 9),
];

fn floor(module: &str) -> Option<u32> {
    FLOORS.iter().find(|(m, _)| *m == module).map(|(_, f)| *f)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to (`src/physics/otdr.rs` → `physics`); `None`
/// for the crate roots `lib.rs` and `main.rs`, which may use everything.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    match first.as_str() {
        "lib.rs" | "main.rs" => None,
        f => Some(f.trim_end_matches(".rs").to_string()),
    }
}

/// The modules a line names through `crate::` (or `fibrelab::`), comments left out.
fn named_modules(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    for prefix in ["crate::", "fibrelab::"] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    // `use crate::{a::x, b::y}` names several.
    if let Some(i) = code.find("crate::{") {
        for part in code[i + "crate::{".len()..].split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Every path running up or sideways: (file, line number, from, to).
fn violations(src: &Path) -> Vec<(String, usize, String, String)> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in &files {
        let Some(from) = module_of(src, f) else {
            continue;
        };
        let Some(from_floor) = floor(&from) else {
            out.push((
                f.display().to_string(),
                0,
                from.clone(),
                "(no floor)".into(),
            ));
            continue;
        };
        let text = std::fs::read_to_string(f).expect("read");
        for (i, line) in text.lines().enumerate() {
            for to in named_modules(line) {
                if to == from {
                    continue;
                }
                let ok = floor(&to).is_some_and(|t| t < from_floor);
                if !ok {
                    out.push((f.display().to_string(), i + 1, from.clone(), to));
                }
            }
        }
    }
    out
}

#[test]
fn every_module_uses_only_the_floors_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let v = violations(&src);
    let lines: Vec<String> = v
        .iter()
        .map(|(f, l, from, to)| format!("{f}:{l}: `{from}` uses `{to}`"))
        .collect();
    assert!(
        lines.is_empty(),
        "paths against the layers:\n{}",
        lines.join("\n")
    );
}

#[test]
fn an_upward_path_is_caught() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("src");
    std::fs::create_dir_all(src.join("physics")).expect("dir");
    std::fs::write(
        src.join("physics/fibre.rs"),
        "use crate::i18n::Msg;\nuse crate::scenario::Mode; // up a floor\n",
    )
    .expect("write");
    std::fs::write(
        src.join("math.rs"),
        "use crate::{rng::SimRng, grading::grade};\n",
    )
    .expect("write");
    let v = violations(&src);
    let found: Vec<(usize, &str, &str)> = v
        .iter()
        .map(|(_, l, a, b)| (*l, a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (1, "math", "rng"),
            (1, "math", "grading"),
            (2, "physics", "scenario")
        ]
    );
}

/// Every `fibrelab` a test or a benchmark spawns runs in the sandbox of
/// `tests/common/sandbox.rs` (never the user's store, key or folders): each command that
/// starts the program (or the X server that starts it) takes `sandbox::env()` within the
/// next few lines.
#[test]
fn every_spawned_program_runs_outside_the_users_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("tests"), &mut files);
    rust_files(&root.join("benches"), &mut files);
    let mut bare = Vec::new();
    let mut spawns = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        if !text.contains("CARGO_BIN_EXE_fibrelab") || f.ends_with("architecture.rs") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(at) = line.find("Command::new(") else {
                continue;
            };
            let arg = &line[at + "Command::new(".len()..];
            // A tool run by its name (`id`, `mkfifo`, `setpriv` whose command is
            // sandboxed below) is not the program; the X server is, and so is a path.
            if arg.starts_with('"') && !arg.starts_with("\"xvfb-run\"") {
                continue;
            }
            // Other programs (the browser, the LRS, the test program itself).
            if ["&chromium", "&ralph", "std::env::current_exe"]
                .iter()
                .any(|p| arg.starts_with(p))
            {
                continue;
            }
            spawns += 1;
            let next = &lines[i..(i + 5).min(lines.len())];
            if !next.iter().any(|l| l.contains("sandbox::env()")) {
                bare.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        spawns > 20,
        "only {spawns} spawns found: the search is broken"
    );
    assert!(
        bare.is_empty(),
        "spawned without sandbox::env():\n{}",
        bare.join("\n")
    );
}
