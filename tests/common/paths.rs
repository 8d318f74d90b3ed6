//! Where the repository's files are, for every test (one definition, not one per file).

use std::path::Path;

/// The repository's root: `scenarios/`, `tests/scripts/`, `tests/fixtures/` are under it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
