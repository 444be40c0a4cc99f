use serde::Serialize;

/// Where a diagnostic points: a project-relative `/`-separated file name, a 1-based line and
/// column (columns count characters, not bytes), the length of the underlined text and the
/// whole source line, so the renderer never needs to read the file again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub length: u32,
    /// The source line, cut to a window around the column when it is long (minified code).
    pub line_text: String,
    /// 1-based column of the highlighted text within `line_text`.
    #[serde(skip)]
    pub text_column: u32,
}

/// Longest source line shown whole; longer ones are cut to a window around the column.
const MAX_LINE: usize = 160;

impl Location {
    /// Location of the byte range `start..end` of `source`.
    pub fn from_range(file: &str, source: &str, start: usize, end: usize) -> Location {
        let start = clamp_to_char_boundary(source, start.min(source.len()));
        let end = clamp_to_char_boundary(source, end.clamp(start, source.len()));
        let (line, column) = line_col(source, start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let underlined_end = end.min(line_end);
        let length = source[start..underlined_end].chars().count().max(1) as u32;
        let (line_text, text_column) = window(line_text, column as usize);
        Location {
            file: file.to_string(),
            line,
            column,
            length,
            line_text,
            text_column,
        }
    }

    /// Location of a 1-based `line` and byte `column` of `source`, as JSON parsers report
    /// them (the file's start for line 0).
    pub fn at_line_column(file: &str, source: &str, line: usize, column: usize) -> Location {
        let line_start: usize = source
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let pos = (line_start + column.saturating_sub(1)).min(source.len());
        Location::from_range(file, source, pos, pos + 1)
    }

    /// A location that names only a file.
    pub fn file_only(file: &str) -> Location {
        Location {
            file: file.to_string(),
            line: 0,
            column: 0,
            length: 0,
            line_text: String::new(),
            text_column: 0,
        }
    }
}

fn window(line: &str, column: usize) -> (String, u32) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_LINE {
        return (line.to_string(), column as u32);
    }
    let start = column.saturating_sub(1).saturating_sub(60);
    let end = (start + MAX_LINE).min(chars.len());
    let mut text = String::new();
    let mut col = column - start;
    if start > 0 {
        text.push_str("...");
        col += 3;
    }
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push_str("...");
    }
    (text, col as u32)
}

/// 1-based line and character column of byte offset `pos` in `source`.
pub fn line_col(source: &str, pos: usize) -> (u32, u32) {
    let pos = clamp_to_char_boundary(source, pos.min(source.len()));
    let before = &source[..pos];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..pos].chars().count() as u32 + 1;
    (line, column)
}

fn clamp_to_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
