//! Reading scenario files: bytes → checked [`Scenario`], or diagnostics that name the file,
//! line, column, field path and the problem in plain words.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ron::Options;
use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::Scenario;
use super::locate::{PathIndex, Pos, path_at};
use super::names::closest;
use super::validate::validate;
use crate::i18n::{Lang, Msg};

/// One problem in a file, in the compiler's `FILE:LINE:COL: message` convention.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub pos: Pos,
    /// The field path (`exercise.targets.cleave_length_mm`), empty when unknown.
    pub path: String,
    pub msg: Msg,
}

impl Diagnostic {
    pub fn render(&self, lang: Lang) -> String {
        let file = crate::i18n::printable(&self.file);
        let mut s = format!("{file}:{}:{}: ", self.pos.line, self.pos.col);
        if !self.path.is_empty() {
            let _ = write!(s, "`{}`: ", self.path);
        }
        s.push_str(&self.msg.render(lang));
        s
    }
}

/// A scenario that parsed and validated, with the text it came from.
#[derive(Clone, Debug)]
pub struct LoadedScenario {
    pub path: Option<PathBuf>,
    pub source: String,
    /// SHA-256 of the file's bytes, lowercase hex. Stored with each attempt.
    pub hash: String,
    pub scenario: Scenario,
}

pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// RON options shared by scenario and action files: `Some(...)` may be left out, and a
/// variant holding a struct is written `CablePrep(cable: ...)` instead of
/// `CablePrep((cable: ...))`.
pub fn ron_options() -> Options {
    Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// The most a scenario or an action list may hold, bytes (a shipped scenario holds 5 kB).
pub const MAX_TEXT_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The most a trace file (.sor) may hold, bytes (instrument files hold well under 1 MB).
pub const MAX_TRACE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an ordinary file of at most `max_bytes`. A named pipe, a socket, a device or a
/// folder is refused before it is opened (reading a pipe would wait for ever), and so is
/// a file over the limit; a link to an ordinary file is followed.
pub fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Msg> {
    use std::io::Read;
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| {
        Msg::new("load-cannot-read").msg(
            "error",
            Msg::new("io-at")
                .text("path", shown.clone())
                .msg("what", crate::i18n::io_error(&e)),
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Msg::new("load-not-regular")
            .text("file", shown.clone())
            .msg("kind", Msg::new(file_kind_key(&meta.file_type()))));
    }
    let too_large = |bytes: u64| {
        Msg::new("load-too-large")
            .text("file", shown.clone())
            .num("mb", bytes as f64 / 1_048_576.0, 1)
            .num("max", max_bytes as f64 / 1_048_576.0, 0)
    };
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may have grown since: never read more than the limit.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn file_kind_key(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "file-kind-pipe";
        }
        if t.is_socket() {
            return "file-kind-socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "file-kind-device";
        }
    }
    if t.is_dir() {
        "file-kind-folder"
    } else {
        "file-kind-other"
    }
}

pub fn load_file(path: &Path) -> Result<LoadedScenario, Vec<Diagnostic>> {
    let name = path.display().to_string();
    match read_regular_file(path, MAX_TEXT_FILE_BYTES) {
        Ok(bytes) => {
            let mut loaded = load_bytes(&bytes, &name)?;
            loaded.path = Some(path.to_path_buf());
            let dir = path.parent().unwrap_or(Path::new("."));
            attach_files(&mut loaded, dir, &name)?;
            Ok(loaded)
        }
        Err(msg) => Err(vec![Diagnostic {
            file: name,
            pos: Pos { line: 1, col: 1 },
            path: String::new(),
            msg,
        }]),
    }
}

/// Reads the files a scenario refers to (a real trace) from `dir` and checks they are
/// what the scenario says.
pub fn attach_files(
    loaded: &mut LoadedScenario,
    dir: &Path,
    file: &str,
) -> Result<(), Vec<Diagnostic>> {
    let crate::scenario::ExerciseSpec::Otdr(o) = &loaded.scenario.exercise else {
        return Ok(());
    };
    let crate::scenario::otdr::TraceSource::SorFile(spec) = &o.source else {
        return Ok(());
    };
    let index = PathIndex::build(&loaded.source);
    let diag = |msg: Msg| {
        vec![Diagnostic {
            file: file.to_string(),
            pos: index
                .position_of("exercise.source.file")
                .unwrap_or(Pos { line: 1, col: 1 }),
            path: "exercise.source.file".into(),
            msg,
        }]
    };
    let path = dir.join(&spec.file);
    let bytes = read_regular_file(&path, MAX_TRACE_FILE_BYTES).map_err(diag)?;
    // The trace must read and hold points.
    crate::sor::saved_trace(&bytes, &spec.file).map_err(diag)?;
    loaded
        .scenario
        .attachments
        .0
        .insert(spec.file.clone(), std::sync::Arc::new(bytes));
    Ok(())
}

pub fn load_str(src: &str, file: &str) -> Result<LoadedScenario, Vec<Diagnostic>> {
    load_bytes(src.as_bytes(), file)
}

pub fn load_bytes(bytes: &[u8], file: &str) -> Result<LoadedScenario, Vec<Diagnostic>> {
    let src = text_of(bytes, file).map_err(|d| vec![d])?;
    let scenario: Scenario = parse_ron(src, file).map_err(|d| vec![d])?;
    let problems = validate(&scenario);
    if !problems.is_empty() {
        return Err(placed(src, file, problems));
    }
    Ok(LoadedScenario {
        path: None,
        source: src.to_string(),
        // Of the text as kept with an attempt (a byte-order mark left out).
        hash: content_hash(src.as_bytes()),
        scenario,
    })
}

/// A plan de boîte in GraceTHD's shape (issue 28) from its RON text, validated, each
/// problem at its FILE:LINE:COL.
pub fn load_plan_str(src: &str, file: &str) -> Result<super::closure::Plan, Vec<Diagnostic>> {
    load_checked(src, file, super::validate::validate_plan)
}

/// A work order (OT) from RON text: parsed, then checked (issue 28); every problem at its
/// line and column in `file`.
pub fn load_order_str(src: &str, file: &str) -> Result<super::closure::WorkOrder, Vec<Diagnostic>> {
    load_checked(src, file, super::validate::validate_order)
}

/// A value read from RON text and held to `validate`, its problems placed in `file`.
fn load_checked<T: DeserializeOwned>(
    src: &str,
    file: &str,
    validate: fn(&mut super::validate::Problems, &str, &T),
) -> Result<T, Vec<Diagnostic>> {
    let value: T = parse_ron(src, file).map_err(|d| vec![d])?;
    let mut problems = super::validate::Problems::new();
    validate(&mut problems, "", &value);
    if problems.is_empty() {
        return Ok(value);
    }
    Err(placed(src, file, problems))
}

/// Validation problems (field paths) of the RON text `src`, each placed at the line and
/// column where its path starts (the nearest parent present, else the top of the file).
pub fn placed(src: &str, file: &str, problems: super::validate::Problems) -> Vec<Diagnostic> {
    let index = PathIndex::build(src);
    problems
        .into_iter()
        .map(|(path, msg)| Diagnostic {
            file: file.to_string(),
            pos: index.position_of(&path).unwrap_or(Pos { line: 1, col: 1 }),
            path,
            msg,
        })
        .collect()
}

/// The bytes as UTF-8 text, or a diagnostic at the first byte that is not. A byte-order
/// mark (what some Windows editors put at the start of a UTF-8 file) is left out.
pub fn text_of<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // Everything before the bad byte is valid UTF-8, so this cannot fail.
        let before = std::str::from_utf8(good).unwrap_or("");
        let line = 1 + before.matches('\n').count();
        let col = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
        Diagnostic {
            file: file.to_string(),
            pos: Pos { line, col },
            path: String::new(),
            msg: Msg::new("load-not-text")
                .text("byte", format!("0x{:02X}", bytes[e.valid_up_to()])),
        }
    })
}

/// Parses RON into `T`, turning ron's errors into a trainer's diagnostic.
pub fn parse_ron<T: DeserializeOwned>(src: &str, file: &str) -> Result<T, Diagnostic> {
    if src.contains('\0') {
        let before = &src[..src.find('\0').unwrap_or(0)];
        let line = 1 + before.matches('\n').count();
        let col = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
        return Err(Diagnostic {
            file: file.to_string(),
            pos: Pos { line, col },
            path: String::new(),
            msg: Msg::new("load-not-text").text("byte", "0x00"),
        });
    }
    ron_options()
        .from_str::<T>(src)
        .map_err(|e| diagnostic_from_ron(src, file, &e))
}

// ron has some fifty error codes: those a trainer meets have words of their own, the
// rest are passed on as ron words them.
#[allow(clippy::wildcard_enum_match_arm)]
fn diagnostic_from_ron(src: &str, file: &str, e: &SpannedError) -> Diagnostic {
    let mut pos = Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    // Point at the start of an unknown name rather than after it.
    let found_name = if let RonError::NoSuchStructField { found, .. }
    | RonError::NoSuchEnumVariant { found, .. } = &e.code
    {
        Some(found.as_str())
    } else {
        None
    };
    if let Some(name) = found_name
        && let Some(p) = find_word_before(src, pos, name)
    {
        pos = p;
    }
    let blank = src
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
        .all(str::is_empty);
    // A missing comma is reported at the next item; the compiler convention (and the
    // trainer's eye) wants the end of the item that lacks it.
    if matches!(e.code, RonError::ExpectedComma) {
        if let Some(p) = end_of_previous_token(src, pos) {
            pos = p;
        }
    } else {
        // ron reports some values from the blank before them.
        let chars: Vec<char> = src.chars().collect();
        let mut i = index_of(&chars, pos);
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        pos = pos_of(&chars, i);
    }
    // A string with no closing quote swallows the text up to the next quote, and the
    // parser stumbles later: point at the string that was left open.
    if let Some(start) = unclosed_string_before(src, pos) {
        return Diagnostic {
            file: file.to_string(),
            path: path_at(src, start),
            pos: start,
            msg: Msg::new("syntax-unclosed-string"),
        };
    }
    // A value that is neither a number nor a range is reported once read whole: point
    // at the field it is written for.
    let not_varying = if let RonError::Message(m) = &e.code {
        m.strip_prefix(super::varying::NOT_VARYING)
            .and_then(|rest| rest.strip_prefix('\u{1f}'))
            .and_then(|rest| rest.split_once('\u{1f}'))
    } else {
        None
    };
    if let Some((expected, found)) = not_varying {
        let path = path_at(src, pos);
        return Diagnostic {
            file: file.to_string(),
            pos: PathIndex::build(src).position_of(&path).unwrap_or(pos),
            path,
            msg: Msg::new("type-mismatch-varying")
                .msg("expected", Msg::new(expected))
                .text("found", found),
        };
    }
    if let Some((start, number)) = decimal_comma_before(src, pos) {
        return Diagnostic {
            file: file.to_string(),
            path: path_at(src, start),
            pos: start,
            msg: Msg::new("syntax-decimal-comma").text("found", number),
        };
    }
    let at_end = is_at_end(src, pos);
    let path = path_at(src, pos);
    let msg = match &e.code {
        _ if blank => Msg::new("load-empty"),
        RonError::Eof => Msg::new("syntax-eof"),
        // Any other complaint at the very end of the text: the file was cut short.
        RonError::MissingStructField { field, .. } => {
            Msg::new("missing-field").text("field", *field)
        }
        _ if at_end => Msg::new("syntax-eof"),
        RonError::ExpectedComma => Msg::new("syntax-expected-comma"),
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => {
            Msg::new("syntax-expected").text("what", ")")
        }
        RonError::ExpectedArrayEnd => Msg::new("syntax-expected").text("what", "]"),
        RonError::ExpectedArray => Msg::new("syntax-expected").text("what", "["),
        RonError::ExpectedMapEnd => Msg::new("syntax-expected").text("what", "}"),
        RonError::ExpectedMapColon => Msg::new("syntax-expected").text("what", ":"),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            Msg::new("syntax-expected").text("what", "(")
        }
        RonError::ExpectedString | RonError::ExpectedStringEnd => Msg::new("type-expected-text"),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => {
            Msg::new("type-expected-integer")
        }
        RonError::ExpectedFloat => Msg::new("type-expected-number"),
        RonError::ExpectedBoolean => Msg::new("type-expected-bool"),
        RonError::ExpectedIdentifier => Msg::new("syntax-expected-name"),
        RonError::UnexpectedChar(c) => {
            Msg::new("syntax-unexpected-char").text("char", c.to_string())
        }
        RonError::TrailingCharacters => Msg::new("syntax-trailing"),
        RonError::UnclosedBlockComment | RonError::UnclosedLineComment => {
            Msg::new("syntax-unclosed-comment")
        }
        RonError::NoSuchStructField {
            expected, found, ..
        } => unknown_name("unknown-field", found, expected),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => unknown_name("unknown-variant", found, expected),
        RonError::DuplicateStructField { field, .. } => {
            Msg::new("duplicate-field").text("field", *field)
        }
        RonError::InvalidValueForType { expected, found } => Msg::new("type-mismatch")
            .text("expected", expected.clone())
            .text("found", found.clone()),
        RonError::ExpectedDifferentStructName { expected, found } => Msg::new("type-mismatch")
            .text("expected", format!("{expected}(...)"))
            .text("found", found.clone()),
        RonError::ExpectedDifferentLength { expected, found } => Msg::new("type-mismatch")
            .text("expected", expected.clone())
            .text("found", found.to_string()),
        other => Msg::new("syntax-other").text("detail", other.to_string()),
    };
    Diagnostic {
        file: file.to_string(),
        pos,
        path,
        msg,
    }
}

/// A number written with a decimal comma (`0,25`) where ron stumbles: the digits and
/// the comma just before `pos`, digits at `pos`. Then where the number starts, and the
/// number as written.
fn decimal_comma_before(src: &str, pos: Pos) -> Option<(Pos, String)> {
    let chars: Vec<char> = src.chars().collect();
    let at = index_of(&chars, pos);
    let after: String = chars[at.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if after.is_empty() || at == 0 || chars.get(at - 1) != Some(&',') {
        return None;
    }
    let mut start = at - 1;
    while start > 0 && chars[start - 1].is_ascii_digit() {
        start -= 1;
    }
    let before: String = chars[start..at - 1].iter().collect();
    (!before.is_empty()).then(|| (pos_of(&chars, start), format!("{before},{after}")))
}

fn unknown_name(key: &str, found: &str, expected: &[&str]) -> Msg {
    let list = expected
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(found, expected) {
        Some(best) => Msg::new(format!("{key}-suggest"))
            .text("found", found)
            .text("expected", list)
            .text("suggestion", best),
        None => Msg::new(key).text("found", found).text("expected", list),
    }
}

/// Character index of a position, for the helpers below.
fn index_of(chars: &[char], pos: Pos) -> usize {
    let (mut line, mut col) = (1, 1);
    for (i, &c) in chars.iter().enumerate() {
        if line > pos.line || (line == pos.line && col >= pos.col) {
            return i;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    chars.len()
}

fn pos_of(chars: &[char], index: usize) -> Pos {
    let (mut line, mut col) = (1, 1);
    for &c in chars.iter().take(index) {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    Pos { line, col }
}

/// Just after the last token before `pos` (skipping blanks and line comments).
fn end_of_previous_token(src: &str, pos: Pos) -> Option<Pos> {
    let chars: Vec<char> = src.chars().collect();
    let mut i = index_of(&chars, pos);
    loop {
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        // Skip a `// comment` at the end of the previous line.
        let line_start = chars[..i]
            .iter()
            .rposition(|&c| c == '\n')
            .map(|p| p + 1)
            .unwrap_or(0);
        let line: String = chars[line_start..i].iter().collect();
        match line.find("//") {
            Some(k) if !line[..k].contains('"') => {
                i = line_start + line[..k].chars().count();
                if line[..k].trim().is_empty() {
                    if line_start == 0 {
                        return None;
                    }
                    i = line_start;
                    continue;
                }
            }
            _ => break,
        }
    }
    (i > 0).then(|| pos_of(&chars, i))
}

/// Whether only blanks and comments follow `pos`.
fn is_at_end(src: &str, pos: Pos) -> bool {
    let chars: Vec<char> = src.chars().collect();
    let i = index_of(&chars, pos);
    let rest: String = chars[i.min(chars.len())..].iter().collect();
    rest.lines().enumerate().all(|(n, l)| {
        n == 0 && l.len() <= 1 || l.split("//").next().unwrap_or("").trim().is_empty()
    }) && rest.trim().chars().count() <= 1
}

/// The start of a string literal that spans lines and ends on the line of `pos`: the
/// sign of a missing closing quote earlier on.
fn unclosed_string_before(src: &str, pos: Pos) -> Option<Pos> {
    let chars: Vec<char> = src.chars().collect();
    let stop = index_of(&chars, pos);
    let mut i = 0;
    let mut found = None;
    while i < stop.min(chars.len()) {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let end = i.min(chars.len());
                let spans_lines = chars[start..end].contains(&'\n');
                let end_line = pos_of(&chars, end).line;
                found = (spans_lines && end_line == pos.line).then(|| pos_of(&chars, start));
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// The start of the last occurrence of `word` at or before `pos` (as a whole word).
fn find_word_before(src: &str, pos: Pos, word: &str) -> Option<Pos> {
    if word.is_empty() {
        return None;
    }
    let mut best = None;
    for (ln, text) in src.lines().enumerate() {
        let line = ln + 1;
        if line > pos.line {
            break;
        }
        let chars: Vec<char> = text.chars().collect();
        let w: Vec<char> = word.chars().collect();
        if chars.len() < w.len() {
            continue;
        }
        for start in 0..=chars.len() - w.len() {
            let col = start + 1;
            if line == pos.line && col > pos.col {
                break;
            }
            let before_ok =
                start == 0 || !(chars[start - 1].is_alphanumeric() || chars[start - 1] == '_');
            let end = start + w.len();
            let after_ok =
                end == chars.len() || !(chars[end].is_alphanumeric() || chars[end] == '_');
            if before_ok && after_ok && chars[start..end] == w[..] {
                best = Some(Pos { line, col });
            }
        }
    }
    best
}

/// Every `.ron` file under `path` (or `path` itself if it is a file), sorted, each loaded.
/// Every scenario file under `path` (or `path` itself), loaded, in path order. The walk
/// goes at most [`MAX_FOLDER_DEPTH`] folders deep and does not follow links to folders
/// (a link back up would never end); every `*.ron` entry is then read as
/// [`load_file`] reads it, so a pipe or an oversized file is reported, not waited on.
/// Two files with the same id are both refused ([`refuse_duplicate_ids`]).
pub fn load_path(path: &Path) -> Vec<(PathBuf, Loaded)> {
    let mut out: Vec<(PathBuf, Loaded)> = scenario_files(path)
        .into_iter()
        .map(|f| {
            let r = load_file(&f);
            (f, r)
        })
        .collect();
    refuse_duplicate_ids(&mut out);
    out
}

/// A scenario file as it loaded, or why it did not.
pub type Loaded = Result<LoadedScenario, Vec<Diagnostic>>;

/// Refuses every file whose id another file has too, each naming the others: an id says
/// which exercise an attempt was, so it must name one file only.
pub fn refuse_duplicate_ids<K: AsRef<Path>>(entries: &mut [(K, Loaded)]) {
    let ids: Vec<Option<String>> = entries
        .iter()
        .map(|(_, r)| r.as_ref().ok().map(|l| l.scenario.id.clone()))
        .collect();
    for i in 0..entries.len() {
        let Some(id) = &ids[i] else { continue };
        let others: Vec<String> = (0..entries.len())
            .filter(|j| *j != i && ids[*j].as_ref() == Some(id))
            .map(|j| entries[j].0.as_ref().display().to_string())
            .collect();
        if others.is_empty() {
            continue;
        }
        let (file, r) = &mut entries[i];
        let pos = r
            .as_ref()
            .ok()
            .and_then(|l| PathIndex::build(&l.source).position_of("id"))
            .unwrap_or(Pos { line: 1, col: 1 });
        *r = Err(vec![Diagnostic {
            file: file.as_ref().display().to_string(),
            pos,
            path: "id".into(),
            msg: Msg::new("val-duplicate-scenario-id")
                .text("id", id.clone())
                .text("others", others.join(", ")),
        }]);
    }
}

/// How deep [`load_path`] looks into sub-folders.
pub const MAX_FOLDER_DEPTH: usize = 8;

/// The `*.ron` files under `path` (or `path` itself when it is not a folder), sorted.
pub fn scenario_files(path: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if path.is_dir() {
        collect_ron_files(path, &mut files, 0);
    } else {
        files.push(path.to_path_buf());
    }
    files.sort();
    files
}

fn collect_ron_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > MAX_FOLDER_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        // The entry's own type: a link is a link, not what it points to.
        let Ok(kind) = e.file_type() else { continue };
        let p = e.path();
        if kind.is_dir() {
            collect_ron_files(&p, out, depth + 1);
        } else if (!kind.is_symlink() || !p.is_dir()) && p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
}

/// The shipped scenarios folder: `FIBRELAB_SCENARIOS`, else `./scenarios`, else the one
/// beside the source tree this program was built from.
pub fn default_scenarios_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("FIBRELAB_SCENARIOS") {
        return PathBuf::from(p);
    }
    let here = PathBuf::from("scenarios");
    if here.is_dir() {
        return here;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_text_is_located() {
        let d = text_of(b"ab\ncd\xff", "f.ron").unwrap_err();
        assert_eq!(d.pos, Pos { line: 2, col: 3 });
    }
}
