//! The folders a test's `fibrelab` runs with: never the user's. Every command a test
//! spawns takes `.envs(sandbox::env())` first (a test of `tests/architecture.rs` checks
//! it): the data and configuration folders (where the store and the school's key live by
//! default), `FIBRELAB_DB` and `FIBRELAB_SCHOOL_KEY` point into the build's temporary
//! folder, one per test program; a test that wants a store or a key of its own says so
//! after (`--db`, `.env(…)`).

#![allow(dead_code)]

use std::path::PathBuf;

/// This test program's stand-in for the user's home folders.
pub fn home() -> PathBuf {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sandbox")
        .join(env!("CARGO_CRATE_NAME"));
    let _ = std::fs::create_dir_all(&home);
    home
}

/// The school's key a sandboxed `fibrelab` makes and reads.
pub fn key() -> PathBuf {
    home().join("config/fibrelab/school.key")
}

/// The environment that keeps a spawned `fibrelab` out of the user's folders.
pub fn env() -> Vec<(&'static str, PathBuf)> {
    let home = home();
    vec![
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_STATE_HOME", home.join("state")),
        ("FIBRELAB_DB", home.join("data/fibrelab/fibrelab.db")),
        ("FIBRELAB_SCHOOL_KEY", key()),
    ]
}
