//! JavaScript names: which strings may be written as an identifier. Used by config (a `var`
//! container's name), analysis and codegen (property keys written bare or quoted).

/// An ASCII identifier name: usable bare as a property key (`o.name`, `{ name: … }`).
/// Non-ASCII names are written quoted, which is always correct.
pub fn is_ident_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A name a `var` may declare: an identifier name that is not a reserved word.
pub fn is_binding_name(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "static",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
    ];
    is_ident_name(s) && !RESERVED.contains(&s)
}

/// `s` with every character that is neither an ASCII letter or digit nor one of `keep`
/// replaced by `_`: the one way names become identifiers, file names and chunk ids.
pub fn underscore_except(s: &str, keep: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || keep.contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `name` made into an identifier as webpack's `Template.toIdentifier` makes it: every
/// character outside `[A-Za-z0-9_$]` becomes `_`, and a leading digit gets a `_` before it.
pub fn to_identifier(name: &str) -> String {
    let mut out = underscore_except(name, "$");
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_ident_name("default") && !is_binding_name("default"));
        assert!(is_binding_name("app_1") && !is_binding_name("package-name"));
        assert_eq!(to_identifier("@scope/app"), "_scope_app");
        assert_eq!(to_identifier("appshell-2.0"), "appshell_2_0");
        assert_eq!(to_identifier("2app"), "_2app");
    }
}
