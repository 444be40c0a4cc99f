//! `index.html`: the page that loads the build's entries, as html-webpack-plugin and Vite
//! write it. Each entry's stylesheet becomes a `<link rel="stylesheet">` and each entry file a
//! `<script defer>` (html-webpack-plugin's default), in the `<head>` of the template or of a
//! default page. remoteEntry.js is not on the page: the runtime loads remotes when they are
//! needed. Names are written as rendered (placeholders included):
//! [`super::content_hash::finalize`] gives them their final hashes like every other file.

use crate::config::{BuildConfig, Html};

/// The page's file name in outDir.
pub const PAGE: &str = "index.html";

/// `index.html` for `html`, loading `scripts` and `stylesheets` (file names in outDir).
pub fn page(html: &Html, config: &BuildConfig, scripts: &[&str], stylesheets: &[&str]) -> String {
    let prefix = if config.public_path == "auto" {
        ""
    } else {
        config.public_path.as_str()
    };
    let mut tags = String::new();
    for css in stylesheets {
        tags.push_str(&format!(
            "    <link rel=\"stylesheet\" href=\"{}\">\n",
            attribute(&format!("{prefix}{css}"))
        ));
    }
    for js in scripts {
        tags.push_str(&format!(
            "    <script defer src=\"{}\"></script>\n",
            attribute(&format!("{prefix}{js}"))
        ));
    }
    match html {
        Html::Default => format!(
            "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\">\n    \
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n    \
             <title>{}</title>\n{tags}  </head>\n  <body>\n    <div id=\"root\"></div>\n  </body>\n</html>\n",
            text(&config.unique_name)
        ),
        Html::Template { text, .. } => inject(text, &tags),
    }
}

/// `tags` (lines indented for a `<head>`) before the template's `</head>`, else before its
/// `</body>`, else at its end.
fn inject(template: &str, tags: &str) -> String {
    let lower = template.to_ascii_lowercase();
    let at = lower
        .find("</head>")
        .or_else(|| lower.find("</body>"))
        .unwrap_or(template.len());
    // The closing tag keeps its own line's indentation.
    let line_start = template[..at].rfind('\n').map_or(0, |i| i + 1);
    let at = if template[line_start..at].trim().is_empty() {
        line_start
    } else {
        at
    };
    let mut out = String::with_capacity(template.len() + tags.len());
    out.push_str(&template[..at]);
    if at > 0 && !template[..at].ends_with('\n') {
        out.push('\n');
    }
    out.push_str(tags);
    out.push_str(&template[at..]);
    out
}

fn attribute(value: &str) -> String {
    text(value).replace('"', "&quot;")
}

fn text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_before_the_head_closes_with_its_indentation() {
        let page = inject(
            "<html>\n  <head>\n    <title>t</title>\n  </head>\n  <body></body>\n</html>\n",
            "    <script defer src=\"main.js\"></script>\n",
        );
        assert_eq!(
            page,
            "<html>\n  <head>\n    <title>t</title>\n    <script defer src=\"main.js\"></script>\n  </head>\n  <body></body>\n</html>\n"
        );
        // No head: before the body closes; neither: at the end.
        assert_eq!(
            inject("<body><p>x</p></body>", "<t>\n"),
            "<body><p>x</p>\n<t>\n</body>"
        );
        assert_eq!(inject("<p>x</p>", "<t>\n"), "<p>x</p>\n<t>\n");
    }
}
