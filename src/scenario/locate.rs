//! Finds where a field path sits in a RON text, and which field path a position is in.
//!
//! serde gives no positions and ron gives positions without field paths; a trainer needs
//! both. This is a small scanner of RON's structure (not a parser): it follows brackets,
//! `key:` pairs and list elements, and skips strings and comments. It never fails: on text
//! it does not understand it simply knows fewer paths.

/// A position in the text, 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug)]
struct Frame {
    /// Path of the value this bracket opens.
    path: String,
    list: bool,
    index: usize,
    /// Path of the field whose value is being read at this level.
    key: Option<String>,
}

impl Frame {
    fn child_path(&self) -> String {
        if self.list {
            format!("{}[{}]", self.path, self.index)
        } else if let Some(k) = &self.key {
            k.clone()
        } else {
            self.path.clone()
        }
    }
}

/// Every field and list element found, with the position where it starts, in text order.
#[derive(Debug, Default)]
pub struct PathIndex {
    pub entries: Vec<(String, Pos)>,
}

impl PathIndex {
    pub fn build(src: &str) -> PathIndex {
        let mut idx = PathIndex::default();
        scan(src, None, &mut idx);
        idx
    }

    /// Where `path` starts; falls back to the nearest parent path that is present.
    pub fn position_of(&self, path: &str) -> Option<Pos> {
        let mut p = path.to_string();
        loop {
            if let Some((_, pos)) = self.entries.iter().find(|(q, _)| *q == p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
            if p.is_empty() {
                return None;
            }
        }
    }
}

/// The field path at `target` (the innermost field or list element being read there).
pub fn path_at(src: &str, target: Pos) -> String {
    let mut idx = PathIndex::default();
    scan(src, Some(target), &mut idx).unwrap_or_default()
}

fn scan(src: &str, stop: Option<Pos>, idx: &mut PathIndex) -> Option<String> {
    let chars: Vec<char> = src.chars().collect();
    let mut stack: Vec<Frame> = vec![Frame {
        path: String::new(),
        list: false,
        index: 0,
        key: None,
    }];
    // A value opened by an identifier directly followed by '(' (a struct or variant
    // name) keeps the path of its parent field.
    let mut i = 0;
    let mut line = 1;
    let mut col = 1;
    let mut list_elem_pending = false;

    macro_rules! advance {
        () => {{
            if chars[i] == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            i += 1;
        }};
    }

    while i < chars.len() {
        let here = Pos { line, col };
        if let Some(t) = stop
            && here >= t
        {
            break;
        }
        let c = chars[i];
        // The first token of a list element marks where the element starts.
        if list_elem_pending && !c.is_whitespace() && c != '/' && c != ']' {
            if let Some(top) = stack.last()
                && top.list
            {
                idx.entries.push((top.child_path(), here));
            }
            list_elem_pending = false;
        }
        match c {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    advance!();
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                // RON block comments nest.
                let mut depth = 0usize;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        advance!();
                        advance!();
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        advance!();
                        advance!();
                        if depth == 0 {
                            break;
                        }
                    } else {
                        advance!();
                    }
                }
            }
            '"' => {
                advance!();
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        advance!();
                        if i >= chars.len() {
                            break;
                        }
                    }
                    advance!();
                }
                if i < chars.len() {
                    advance!();
                }
            }
            'r' if chars.get(i + 1) == Some(&'#') || chars.get(i + 1) == Some(&'"') => {
                // Raw string r#"..."#
                let mut hashes = 0;
                advance!();
                while i < chars.len() && chars[i] == '#' {
                    hashes += 1;
                    advance!();
                }
                if i < chars.len() && chars[i] == '"' {
                    advance!();
                    'raw: while i < chars.len() {
                        if chars[i] == '"' {
                            let mut n = 0;
                            while n < hashes && chars.get(i + 1 + n) == Some(&'#') {
                                n += 1;
                            }
                            if n == hashes {
                                for _ in 0..=hashes {
                                    advance!();
                                }
                                break 'raw;
                            }
                        }
                        advance!();
                    }
                }
            }
            '(' | '[' | '{' => {
                let path = stack.last().map(|f| f.child_path()).unwrap_or_default();
                stack.push(Frame {
                    path,
                    list: c == '[',
                    index: 0,
                    key: None,
                });
                list_elem_pending = c == '[';
                advance!();
            }
            ')' | ']' | '}' => {
                if stack.len() > 1 {
                    stack.pop();
                }
                advance!();
            }
            ',' => {
                if let Some(top) = stack.last_mut() {
                    if top.list {
                        top.index += 1;
                        list_elem_pending = true;
                    } else {
                        top.key = None;
                    }
                }
                advance!();
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = here;
                let s = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    advance!();
                }
                let word: String = chars[s..i].iter().collect();
                // Look past blanks for a ':' that makes this a field name.
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                let is_key = chars.get(j) == Some(&':') && chars.get(j + 1) != Some(&':');
                if is_key
                    && let Some(top) = stack.last_mut()
                    && !top.list
                {
                    let path = if top.path.is_empty() {
                        word
                    } else {
                        format!("{}.{}", top.path, word)
                    };
                    idx.entries.push((path.clone(), start));
                    top.key = Some(path);
                }
            }
            _ => advance!(),
        }
    }
    stop.map(|_| {
        stack
            .last()
            .map(|f| {
                if f.list {
                    f.child_path()
                } else {
                    f.key.clone().unwrap_or_else(|| f.path.clone())
                }
            })
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"Scenario(
    id: "x", // a comment with key: inside
    exercise: CablePrep((
        cable: LooseTube(tubes: 6),
        tasks: [
            PrepareFibre(tube: 3, fibre: 7),
            PrepareFibre(fibre: Range(1, 4)),
        ],
    )),
    title: (fr: "a: b", en: "c"),
)"#;

    #[test]
    fn finds_nested_fields_and_list_elements() {
        let idx = PathIndex::build(SRC);
        assert_eq!(idx.position_of("id"), Some(Pos { line: 2, col: 5 }));
        assert_eq!(
            idx.position_of("exercise.cable.tubes"),
            Some(Pos { line: 4, col: 26 })
        );
        assert_eq!(
            idx.position_of("exercise.tasks[1].fibre"),
            Some(Pos { line: 7, col: 26 })
        );
        assert_eq!(
            idx.position_of("exercise.tasks[0]"),
            Some(Pos { line: 6, col: 13 })
        );
        assert_eq!(idx.position_of("title.en"), Some(Pos { line: 10, col: 25 }));
        // Not in the file: the nearest parent.
        assert_eq!(
            idx.position_of("exercise.tasks[0].colour"),
            Some(Pos { line: 6, col: 13 })
        );
        // The comment's "key:" is not a field.
        assert!(idx.entries.iter().all(|(p, _)| !p.contains("with")));
    }

    #[test]
    fn path_at_names_the_field_being_read() {
        assert_eq!(
            path_at(SRC, Pos { line: 4, col: 33 }),
            "exercise.cable.tubes"
        );
        assert_eq!(
            path_at(SRC, Pos { line: 6, col: 40 }),
            "exercise.tasks[0].fibre"
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "",
            "(",
            ")))",
            "\"unterminated",
            "r#\"x",
            "/* /* */",
            "a:",
            "[,,]",
        ] {
            let _ = PathIndex::build(s);
            let _ = path_at(s, Pos { line: 1, col: 3 });
        }
    }
}
