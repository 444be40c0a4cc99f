use std::fmt::Write;

use super::{Diagnostic, Severity};

/// Human rendering, in the shape rustc users know:
///
/// ```text
/// error[MF1003]: Could not resolve "./utl"
///   --> src/index.js:3:19
///    |
///  3 | import { x } from "./utl";
///    |                   ^^^^^^^
///    = note: ...
///    = hint: ...
/// ```
pub fn render(d: &Diagnostic) -> String {
    let mut out = String::new();
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(out, "{label}[{}]: {}", d.code.as_str(), d.message);
    let gutter_width;
    match &d.location {
        Some(loc) if loc.line > 0 => {
            let line_no = loc.line.to_string();
            gutter_width = line_no.len();
            let pad = " ".repeat(gutter_width);
            let _ = writeln!(out, "{pad}--> {}:{}:{}", loc.file, loc.line, loc.column);
            let _ = writeln!(out, "{pad} |");
            let text = loc.line_text.replace('\t', "    ");
            let _ = writeln!(out, "{line_no} | {text}");
            let prefix: String = loc
                .line_text
                .chars()
                .take(loc.text_column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { "    " } else { " " })
                .collect();
            let room = loc
                .line_text
                .chars()
                .count()
                .saturating_sub(loc.text_column as usize - 1)
                .max(1);
            let carets = "^".repeat((loc.length as usize).clamp(1, room));
            let _ = writeln!(out, "{pad} | {prefix}{carets}");
        }
        Some(loc) => {
            gutter_width = 1;
            let _ = writeln!(out, "  --> {}", loc.file);
        }
        None => gutter_width = 1,
    }
    let pad = " ".repeat(gutter_width);
    for note in &d.notes {
        let _ = writeln!(out, "{pad} = note: {note}");
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{pad} = hint: {hint}");
    }
    out
}
