//! The layers of `src/`, one way: a module uses only the modules on the floors below
//! its own (docs/architecture.md). This test reads every source file and fails on a
//! path (`use crate::x`, `crate::x::y`, `fibrelab::x`) that runs up the stack or
//! sideways to another module of the same floor, naming the file, the line and the two
//! modules. A new top-level module fails here until it is given its floor.

use std::collections::{BTreeMap, BTreeSet};
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

/// The file a module path names, from the module `base` (a list of folder names under
/// `src`): the deepest `x.rs` or `x/mod.rs` the path walks into; the rest are items.
fn file_of(src: &Path, base: &[String], path: &[String]) -> Option<PathBuf> {
    let mut dir: Vec<String> = base.to_vec();
    let mut file = None;
    for seg in path {
        let folder = dir.iter().fold(src.to_path_buf(), |p, d| p.join(d));
        let as_file = folder.join(format!("{seg}.rs"));
        let as_dir = folder.join(seg).join("mod.rs");
        if as_file.is_file() {
            file = Some(as_file);
        } else if as_dir.is_file() {
            file = Some(as_dir);
        } else {
            break;
        }
        dir.push(seg.clone());
    }
    file
}

/// The module a file is (`src/exercise/routing/pull.rs` → `[exercise, routing, pull]`).
fn module_path(src: &Path, f: &Path) -> Vec<String> {
    let rel = f.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    if last != "mod.rs" && last != "lib.rs" && last != "main.rs" {
        parts.push(last.trim_end_matches(".rs").to_string());
    }
    parts
}

/// The paths a line names (`crate::a::b`, `super::c`, `use super::{d, e::f}`), each as
/// its segments from the crate's root, comments left out.
fn named_paths(module: &[String], is_mod_file: bool, line: &str) -> Vec<Vec<String>> {
    let code = line.split("//").next().unwrap_or("");
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for prefix in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            let after = &rest[i..];
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            // The path's segments, `super::` climbing from the file's module.
            let mut base: Vec<String> = if prefix == "crate::" {
                Vec::new()
            } else {
                let mut b = module.to_vec();
                b.pop();
                b
            };
            let mut tail = &after[prefix.len()..];
            while let Some(t) = tail.strip_prefix("super::") {
                base.pop();
                tail = t;
            }
            let _ = is_mod_file;
            let mut segs = Vec::new();
            loop {
                let name = ident(tail);
                if name.is_empty() {
                    break;
                }
                tail = &tail[name.len()..];
                segs.push(name);
                match tail.strip_prefix("::") {
                    Some(t) => tail = t,
                    None => break,
                }
            }
            if let Some(group) = tail.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or("");
                for part in group.split(',') {
                    let mut p = base.clone();
                    p.extend(segs.iter().cloned());
                    p.extend(
                        part.trim()
                            .split("::")
                            .map(ident)
                            .filter(|s| !s.is_empty() && s != "self"),
                    );
                    out.push(p);
                }
            } else {
                let mut p = base;
                p.extend(segs);
                out.push(p);
            }
        }
    }
    out
}

/// The files each file imports, by path, with the line. A file's use of a `mod.rs` above
/// it is left out: that is the module's contract, which its parts stand on; a `mod.rs`
/// holding its parts (`mod x;`) is an edge to each of them. What must not loop is one
/// file using another that uses it back, through any number of files.
fn file_graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<(PathBuf, usize)>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut graph = BTreeMap::new();
    for f in &files {
        let module = module_path(src, f);
        let is_mod = f.ends_with("mod.rs") || f.ends_with("lib.rs") || f.ends_with("main.rs");
        // `super::` from a mod.rs climbs from the folder itself.
        let from: Vec<String> = if is_mod {
            let mut m = module.clone();
            m.push(String::new());
            m
        } else {
            module.clone()
        };
        let text = std::fs::read_to_string(f).expect("read");
        let mut to = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let declared = t
                .strip_prefix("pub mod ")
                .or_else(|| t.strip_prefix("pub(crate) mod "))
                .or_else(|| t.strip_prefix("mod "))
                .filter(|d| d.trim_end().ends_with(';'));
            let mut paths = named_paths(&from, is_mod, line);
            if let Some(d) = declared {
                let mut p = module.clone();
                p.push(d.trim_end().trim_end_matches(';').to_string());
                paths.push(p);
            }
            for p in paths {
                let Some(target) = file_of(src, &[], &p) else {
                    continue;
                };
                let floor_of_f = target.ends_with("mod.rs")
                    || target.ends_with("lib.rs")
                    || target.ends_with("main.rs");
                let above = floor_of_f && target.parent().is_some_and(|d| f.starts_with(d));
                if target != *f && !above {
                    to.insert((target, i + 1));
                }
            }
        }
        graph.insert(f.clone(), to);
    }
    graph
}

/// The circles of a graph of files: each strongly connected set of two or more.
fn circles(graph: &BTreeMap<PathBuf, BTreeSet<(PathBuf, usize)>>) -> Vec<Vec<PathBuf>> {
    let nodes: Vec<&PathBuf> = graph.keys().collect();
    let index: BTreeMap<&PathBuf, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            graph[*n]
                .iter()
                .filter_map(|(t, _)| index.get(t).copied())
                .collect()
        })
        .collect();
    // Reachability by a walk from each node (a few hundred files: quadratic is fine).
    let reach = |from: usize| -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for &m in &edges[n] {
                if seen.insert(m) {
                    stack.push(m);
                }
            }
        }
        seen
    };
    let all: Vec<BTreeSet<usize>> = (0..nodes.len()).map(reach).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for a in 0..nodes.len() {
        if done.contains(&a) || !all[a].contains(&a) {
            continue;
        }
        let set: Vec<usize> = (0..nodes.len())
            .filter(|&b| all[a].contains(&b) && all[b].contains(&a))
            .collect();
        if set.len() > 1 {
            done.extend(set.iter().copied());
            out.push(set.iter().map(|&i| nodes[i].clone()).collect());
        }
    }
    out
}

/// The circles still there, each named by its files under `src`: none (the last, connect's
/// parameter enums in its bench, went with its stations in issue 26). Keep it empty.
const KNOWN_CIRCLES: &[&[&str]] = &[];

#[test]
fn no_file_uses_a_file_that_uses_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found: Vec<Vec<String>> = circles(&file_graph(&src))
        .into_iter()
        .map(|c| {
            c.iter()
                .map(|p| p.strip_prefix(&src).expect("src").display().to_string())
                .collect()
        })
        .collect();
    let known: Vec<Vec<String>> = KNOWN_CIRCLES
        .iter()
        .map(|c| c.iter().map(|s| s.to_string()).collect())
        .collect();
    assert_eq!(found, known, "circles of imports between files");
}

#[test]
fn a_circle_between_files_is_caught() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("src");
    std::fs::create_dir_all(src.join("scenario/validate")).expect("dir");
    let write = |p: &str, t: &str| std::fs::write(src.join(p), t).expect("write");
    write("scenario/mod.rs", "pub mod load;\npub mod validate;\n");
    write("scenario/load.rs", "use super::validate::validate;\n");
    write(
        "scenario/validate/mod.rs",
        "mod connect;\npub fn validate() {}\n",
    );
    write(
        "scenario/validate/connect.rs",
        "use crate::scenario::load::closest; // back up\n",
    );
    write("scenario/names.rs", "use super::{load::x, validate};\n");
    let c = circles(&file_graph(&src));
    let names: Vec<Vec<String>> = c
        .iter()
        .map(|c| {
            c.iter()
                .map(|p| p.strip_prefix(&src).expect("src").display().to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        names,
        vec![vec![
            "scenario/load.rs".to_string(),
            "scenario/validate/connect.rs".into(),
            "scenario/validate/mod.rs".into()
        ]]
    );
}

/// The files of a module's stations, and the part they share, in every layer: a station
/// works on the shared part and never reaches into another station (what two stations
/// both need belongs to the shared part).
const STATIONS: &[(&str, &str, &[&str])] = &[
    (
        "routing",
        "site",
        &["aerial", "pull", "blow", "trench", "chamber"],
    ),
    (
        "connect",
        "link",
        &[
            "microscope",
            "meter",
            "pon",
            "red_light",
            "fitting",
            "report",
        ],
    ),
];

#[test]
fn a_station_uses_no_other_station() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = file_graph(&src);
    let mut bad = Vec::new();
    let mut seen = 0;
    for (module, _shared, stations) in STATIONS {
        for (f, to) in &graph {
            let Some(dir) = f.parent() else { continue };
            if !dir.ends_with(module) {
                continue;
            }
            let name = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !stations.contains(&name.as_str()) {
                continue;
            }
            seen += 1;
            for (t, line) in to {
                let other = t
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                if t.parent() == Some(dir) && other != name && stations.contains(&other.as_str()) {
                    bad.push(format!(
                        "{}:{line}: uses the station `{other}`",
                        f.display()
                    ));
                }
            }
        }
    }
    assert!(
        seen >= 20,
        "only {seen} station files found: the search is broken"
    );
    assert!(
        bad.is_empty(),
        "a station reaching into another:\n{}",
        bad.join("\n")
    );
}
