//! Small HTML helpers shared by stages that write HTML by hand.

/// A page that sends readers (and search engines) on to `target`: the
/// old addresses of specs (`/spec/N/NAME/`) and of pages (`aliases:`).
pub fn redirect_page(target: &str, title: &str) -> String {
    let target = escape(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>Moved to <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n",
        escape(title)
    )
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`escape`] does (the same five
/// characters and entities as syntect's highlighted tokens), copying the
/// runs between them whole.
pub fn escape_into(out: &mut String, text: &str) {
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_points_at_target() {
        let page = redirect_page("/rfc/spec/42/", "42/C4");
        assert!(page.contains("url=/rfc/spec/42/"));
        assert!(page.contains("rel=\"canonical\" href=\"/rfc/spec/42/\""));
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"a<b>&"c"'d' é→💡"#),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; é→💡"
        );
        let mut out = String::from("kept ");
        escape_into(&mut out, "<x>");
        escape_into(&mut out, "");
        assert_eq!(out, "kept &lt;x&gt;");
    }
}
