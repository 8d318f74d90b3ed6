//! The school's key and what is made with it: HMAC-SHA-256 (RFC 2104) for the seals that
//! chain every attempt's start and end, and PBKDF2-HMAC-SHA-256 (RFC 8018) for PINs.
//!
//! The key lives outside the database, in a file the school holds (by default in the
//! user's configuration folder; `FIBRELAB_SCHOOL_KEY` names another). The database keeps
//! only the key's fingerprint, so a copy of the database alone cannot forge a seal, and
//! a wrong key is told apart from a broken chain.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Bytes of a school key.
pub const KEY_BYTES: usize = 32;

/// PBKDF2 rounds of the PINs stored by the first school release (still read; a PIN
/// that opens is then stored again as Argon2id).
pub const PIN_ROUNDS: u32 = 60_000;

/// Argon2id's cost for a PIN (RFC 9106): memory in KiB, passes, lanes. A PIN has 10^4 to
/// 10^12 values, so each try must be dear: with 64 MiB and 3 passes one try takes about
/// a quarter of a second on one core of a school PC, and the memory keeps a graphics
/// card from running thousands at once (`cargo bench --bench school` measures it).
pub const PIN_MEMORY_KIB: u32 = 64 * 1024;
pub const PIN_PASSES: u32 = 3;
pub const PIN_LANES: u32 = 1;
/// The most memory a stored PIN hash may ask for when it is checked (a hash edited in
/// the store cannot make FibreLab take the whole machine's memory).
const PIN_MEMORY_MAX_KIB: u32 = 1024 * 1024;

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex digits back to bytes (`None` for anything else).
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// HMAC-SHA-256 of `message` under `key`.
pub fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&sha256(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let inner: [u8; 32] = inner.finalize().into();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// PBKDF2-HMAC-SHA-256, one 32-byte block.
pub fn pbkdf2(password: &[u8], salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut first = salt.to_vec();
    first.extend_from_slice(&1u32.to_be_bytes());
    let mut u = hmac(password, &first);
    let mut out = u;
    for _ in 1..rounds {
        u = hmac(password, &u);
        for (o, x) in out.iter_mut().zip(u.iter()) {
            *o ^= x;
        }
    }
    out
}

/// Argon2id of a PIN with a salt, at a cost; `None` for a cost outside what is allowed.
fn argon2id(pin: &str, salt: &[u8], memory_kib: u32, passes: u32, lanes: u32) -> Option<[u8; 32]> {
    use argon2::{Algorithm, Argon2, Params, Version};
    if memory_kib > PIN_MEMORY_MAX_KIB || !(1..=16).contains(&passes) || !(1..=8).contains(&lanes) {
        return None;
    }
    let params = Params::new(memory_kib, passes, lanes, Some(32)).ok()?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(pin.trim().as_bytes(), salt, &mut out)
        .ok()?;
    Some(out)
}

/// A PIN as stored: `argon2id$v=19$m=MEMORY,t=PASSES,p=LANES$SALT$HASH` (hex).
pub fn hash_pin(pin: &str) -> String {
    let salt = *uuid::Uuid::new_v4().as_bytes();
    let h = argon2id(pin, &salt, PIN_MEMORY_KIB, PIN_PASSES, PIN_LANES).unwrap_or([0; 32]);
    format!(
        "argon2id$v=19$m={PIN_MEMORY_KIB},t={PIN_PASSES},p={PIN_LANES}${}${}",
        hex(&salt),
        hex(&h)
    )
}

/// Whether a stored PIN hash is of an older kind or cost (stored again once it opens).
pub fn pin_outdated(stored: &str) -> bool {
    let current = format!("argon2id$v=19$m={PIN_MEMORY_KIB},t={PIN_PASSES},p={PIN_LANES}$");
    !stored.starts_with(&current)
}

/// Whether `pin` is the one `stored` was made from (Argon2id, or the PBKDF2 of the first
/// school release).
pub fn pin_matches(stored: &str, pin: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let h = match parts.as_slice() {
        ["argon2id", "v=19", cost, salt, hash] => {
            let mut m = None;
            let mut t = None;
            let mut p = None;
            for kv in cost.split(',') {
                match kv.split_once('=') {
                    Some(("m", v)) => m = v.parse::<u32>().ok(),
                    Some(("t", v)) => t = v.parse::<u32>().ok(),
                    Some(("p", v)) => p = v.parse::<u32>().ok(),
                    Some(_) | None => return false,
                }
            }
            let (Some(m), Some(t), Some(p), Some(salt), Some(hash)) =
                (m, t, p, unhex(salt), unhex(hash))
            else {
                return false;
            };
            argon2id(pin, &salt, m, t, p).map(|h| (h, hash))
        }
        ["pbkdf2-sha256", rounds, salt, hash] => {
            let (Ok(rounds), Some(salt), Some(hash)) =
                (rounds.parse::<u32>(), unhex(salt), unhex(hash))
            else {
                return false;
            };
            (1..=10_000_000)
                .contains(&rounds)
                .then(|| (pbkdf2(pin.trim().as_bytes(), &salt, rounds), hash))
        }
        _ => None,
    };
    // Compared whole, not stopping at the first difference.
    h.is_some_and(|(h, hash)| {
        h.len() == hash.len() && h.iter().zip(hash.iter()).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0
    })
}

/// The school's key: its bytes and where it was read.
#[derive(Clone)]
pub struct SchoolKey {
    pub bytes: [u8; KEY_BYTES],
    pub path: PathBuf,
}

impl std::fmt::Debug for SchoolKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SchoolKey({})", self.path.display())
    }
}

impl SchoolKey {
    /// What the database keeps of the key: enough to know it, nothing to use.
    pub fn fingerprint(&self) -> String {
        let mut m = b"fibrelab school key fingerprint ".to_vec();
        m.extend_from_slice(&self.bytes);
        hex(&sha256(&m))[..16].to_string()
    }

    pub fn mac(&self, message: &[u8]) -> String {
        hex(&hmac(&self.bytes, message))
    }
}

/// The key this process uses whatever its environment says: set by a program that embeds
/// FibreLab (a test of the app, which must never read the user's key).
static KEY_PATH: std::sync::RwLock<Option<PathBuf>> = std::sync::RwLock::new(None);

/// Makes this process read (and make) its key at `path`.
pub fn use_key_path(path: PathBuf) {
    match KEY_PATH.write() {
        Ok(mut k) => *k = Some(path),
        Err(poisoned) => *poisoned.into_inner() = Some(path),
    }
}

/// Where the key is read: where [`use_key_path`] said, else `FIBRELAB_SCHOOL_KEY`, else
/// `fibrelab/school.key` in the user's configuration folder.
pub fn default_key_path() -> PathBuf {
    let set = match KEY_PATH.read() {
        Ok(k) => k.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    if let Some(p) = set {
        return p;
    }
    if let Some(p) = std::env::var_os("FIBRELAB_SCHOOL_KEY") {
        return PathBuf::from(p);
    }
    // The library's own tests never read or make the user's key.
    #[cfg(test)]
    return std::env::temp_dir().join(format!(
        "fibrelab-lib-tests-{}/school.key",
        std::process::id()
    ));
    #[cfg(not(test))]
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("fibrelab")
        .join("school.key")
}

#[derive(Debug)]
pub enum KeyError {
    Missing(PathBuf),
    Unreadable(PathBuf, String),
    Malformed(PathBuf),
}

impl KeyError {
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            KeyError::Missing(p) => Msg::new("key-missing").text("path", p.display().to_string()),
            KeyError::Unreadable(p, e) => Msg::new("key-unreadable")
                .text("path", p.display().to_string())
                .text("detail", e.clone()),
            KeyError::Malformed(p) => {
                Msg::new("key-malformed").text("path", p.display().to_string())
            }
        }
    }
}

/// Reads the key file (64 hex digits, a comment line allowed).
pub fn read_key(path: &Path) -> Result<SchoolKey, KeyError> {
    if !path.exists() {
        return Err(KeyError::Missing(path.to_path_buf()));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| KeyError::Unreadable(path.to_path_buf(), e.to_string()))?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let bytes = unhex(line)
        .and_then(|b| <[u8; KEY_BYTES]>::try_from(b).ok())
        .ok_or_else(|| KeyError::Malformed(path.to_path_buf()))?;
    Ok(SchoolKey {
        bytes,
        path: path.to_path_buf(),
    })
}

/// Reads the key, or makes one where there is none (readable by its owner only).
pub fn read_or_create_key(path: &Path) -> Result<SchoolKey, KeyError> {
    match read_key(path) {
        Err(KeyError::Missing(_)) => {}
        r => return r,
    }
    let mut bytes = [0u8; KEY_BYTES];
    bytes[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    let text = format!(
        "# FibreLab school key: it seals the attempts. Keep a copy in a safe place; without it\n\
         # the seals cannot be checked. Never give it to a trainee.\n{}\n",
        hex(&bytes)
    );
    let unreadable = |e: std::io::Error| KeyError::Unreadable(path.to_path_buf(), e.to_string());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(unreadable)?;
    }
    // Written whole under another name, then linked in place: two programs starting at
    // once end with one key, and neither reads half a file.
    let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| {
        let mut f = options.open(&tmp)?;
        std::io::Write::write_all(&mut f, text.as_bytes())?;
        f.sync_all()?;
        std::fs::hard_link(&tmp, path)
    })();
    let _ = std::fs::remove_file(&tmp);
    match written {
        Ok(()) => Ok(SchoolKey {
            bytes,
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key(path),
        Err(e) => Err(unreadable(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231, test case 2.
    #[test]
    fn hmac_rfc4231() {
        let mac = hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    /// RFC 7914 §11, PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1).
    #[test]
    fn pbkdf2_rfc7914() {
        let h = pbkdf2(b"passwd", b"salt", 1);
        assert_eq!(
            hex(&h),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    #[test]
    fn pin_round_trip() {
        let stored = hash_pin("4821");
        assert!(
            stored.starts_with("argon2id$v=19$m=65536,t=3,p=1$"),
            "{stored}"
        );
        assert!(pin_matches(&stored, "4821"));
        assert!(!pin_matches(&stored, "4822"));
        assert!(!pin_outdated(&stored));
        // A PIN stored by the first school release still opens, and is outdated.
        let salt = b"0123456789abcdef";
        let old = format!(
            "pbkdf2-sha256$1000${}${}",
            hex(salt),
            hex(&pbkdf2(b"4821", salt, 1000))
        );
        assert!(pin_matches(&old, "4821") && !pin_matches(&old, "4820"));
        assert!(pin_outdated(&old));
        // A hash edited to ask for all the memory is refused, not computed.
        let greedy = stored.replace("m=65536", "m=4194304");
        assert!(!pin_matches(&greedy, "4821"));
    }

    /// RFC 9106 §5.3's Argon2id test vector has a secret and associated data this use
    /// has none of; the reference implementation's own vector without them
    /// (phc-winner-argon2, src/test.c: Argon2id, t=2, m=2^16 KiB, p=1, "password",
    /// "somesalt") is checked instead.
    #[test]
    fn argon2id_reference_vector() {
        let h = argon2id("password", b"somesalt", 1 << 16, 2, 1).unwrap_or([0; 32]);
        assert_eq!(
            hex(&h),
            "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"
        );
    }
}
