//! The command line's standard output. A reader that stops early (`fibrelab results |
//! head`) ends the printing quietly: the command finishes its work, prints nothing more
//! and exits as it would have. Any other failure to write (a full disk behind `>`) is
//! kept and said once the command is done, with exit code 2.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// The reader went away: nothing more is written.
static CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure to write that was not a closed pipe.
static FAILED: Mutex<Option<String>> = Mutex::new(None);

fn note(e: &std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CLOSED.store(true, Ordering::Relaxed);
    } else if let Ok(mut f) = FAILED.lock()
        && f.is_none()
    {
        *f = Some(e.to_string());
    }
}

/// Writes bytes to standard output as they are.
pub fn bytes(b: &[u8]) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(b).and_then(|()| out.flush()) {
        note(&e);
    }
}

/// Writes one line to standard output (what `println!` would, without its panic).
pub fn line(args: std::fmt::Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        note(&e);
    }
}

/// A failure to write the output other than a closed pipe, once the command is done.
pub fn failure() -> Option<String> {
    if let Err(e) = std::io::stdout().lock().flush() {
        note(&e);
    }
    FAILED.lock().ok().and_then(|f| f.clone())
}

/// The most memory this process has held (its resident peak), in KiB, where the system
/// says it (Linux). Printed on the error output when `FIBRELAB_PEAK_MEMORY` is set, for
/// the benchmarks that measure a command's memory from outside.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Standard output as a writer, with [`bytes`]'s care for a reader that went away.
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        bytes(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Rows of cells as lines of a table for a terminal: each column as wide as its widest
/// cell (in characters: « Éloïse » is six), two spaces between columns, numbers on the
/// right where `right[i]` says so, nothing after the last cell.
pub fn table(rows: &[Vec<String>], right: &[bool]) -> Vec<String> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                let pad = widths[c].saturating_sub(cell.chars().count());
                let last = c + 1 == r.len();
                if right.get(c) == Some(&true) {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if !last {
                        line.push_str(&" ".repeat(pad));
                    }
                }
                if !last {
                    line.push_str("  ");
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_line_up_by_characters() {
        let rows = vec![
            vec!["Éloïse".to_string(), "7".into(), "prête".into()],
            vec!["Jean-François".to_string(), "120".into(), "fermée".into()],
        ];
        assert_eq!(
            super::table(&rows, &[false, true, false]),
            ["Éloïse           7  prête", "Jean-François  120  fermée"]
        );
    }
}
