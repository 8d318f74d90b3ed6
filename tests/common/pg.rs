//! A real PostgreSQL on loopback with an empty database (tests/pg/harness.sh, bare), for
//! the tests and the benchmark of a room on the school's server; stopped when dropped.
//! Its includer has `sandbox` beside it (`tests/common`, or the benchmark's root).

#![allow(dead_code)]

use super::sandbox;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Pg {
    pub dir: PathBuf,
    env: BTreeMap<String, String>,
}

fn harness() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pg/harness.sh")
}

impl Pg {
    /// Starts one, `name` telling it from the others of this process.
    pub fn start(name: &str) -> Pg {
        // Under /tmp: the `postgres` account runs the server and must reach the folder.
        let dir = std::env::temp_dir().join(format!("fibrelab-pg-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = Command::new(harness())
            .envs(sandbox::env())
            .env("HARNESS_BARE", "1")
            .arg("start")
            .arg(&dir)
            .output()
            .expect("harness.sh");
        assert!(
            out.status.success(),
            "harness: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let env = std::fs::read_to_string(dir.join("env"))
            .unwrap()
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once('=')?;
                Some((k.to_string(), v.trim_matches('\'').to_string()))
            })
            .collect();
        Pg { dir, env }
    }

    /// A value of the harness's env file (`PGH_PORT`, `PGH_CA`, `PGH_SUPERUSER_DSN`).
    pub fn var(&self, k: &str) -> &str {
        &self.env[k]
    }

    /// A login's URL over TLS, the server checked against the school's certificate.
    pub fn url(&self, user: &str, password: &str) -> String {
        format!(
            "postgresql://{user}:{password}@127.0.0.1:{}/fibrelab?sslmode=require&sslrootcert={}",
            self.var("PGH_PORT"),
            self.var("PGH_CA")
        )
    }

    /// The superuser's connection (loopback, no TLS): what a test reads behind FibreLab.
    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(self.var("PGH_SUPERUSER_DSN"), postgres::NoTls).unwrap()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = Command::new(harness())
            .envs(sandbox::env())
            .arg("stop")
            .arg(&self.dir)
            .output();
    }
}
