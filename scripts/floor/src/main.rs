//! usage: floor [--highlight] SRC OUT
//!
//! Reads every `.md` under SRC, renders each with pulldown-cmark (tables,
//! footnotes, strikethrough, task lists, heading attributes, front matter
//! skipped) in parallel with rayon, and writes OUT/<same path>.html.
//! With `--highlight`, each fenced code block whose language syntect knows
//! is highlighted with syntect's class-based HTML (syntaxes loaded once).
//! Prints nothing on success; exit 1 on an I/O error.
use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::{env, fs, process};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&path, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// The HTML of `code` highlighted as `lang`, or `None` when syntect does
/// not know the language (or fails on the code).
fn highlight(syntaxes: &SyntaxSet, lang: &str, code: &str) -> Option<String> {
    let syntax = syntaxes.find_syntax_by_token(lang)?;
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(format!("<pre><code>{}</code></pre>\n", html.finalize()))
}

/// pulldown-cmark's events with each fenced block of a known language
/// replaced by its highlighted HTML.
fn highlighted<'a>(
    syntaxes: &SyntaxSet,
    events: impl Iterator<Item = Event<'a>>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut block: Option<(String, String)> = None;
    for event in events {
        match (event, &mut block) {
            (Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))), None) if !lang.is_empty() => {
                block = Some((lang.to_string(), String::new()));
            }
            (Event::Text(text), Some((_, code))) => code.push_str(&text),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                let (lang, code) = block.take().unwrap_or_default();
                match highlight(syntaxes, &lang, &code) {
                    Some(html) => out.push(Event::Html(CowStr::from(html))),
                    None => {
                        out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang.into()))));
                        out.push(Event::Text(code.into()));
                        out.push(Event::End(TagEnd::CodeBlock));
                    }
                }
            }
            (event, _) => out.push(event),
        }
    }
    out
}

fn render(
    src: &Path,
    out: &Path,
    file: &Path,
    syntaxes: Option<&SyntaxSet>,
) -> std::io::Result<()> {
    let text = fs::read_to_string(file)?;
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    opts |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut body = String::with_capacity(text.len() * 3 / 2);
    let parser = Parser::new_ext(&text, opts);
    match syntaxes {
        Some(syntaxes) => html::push_html(&mut body, highlighted(syntaxes, parser).into_iter()),
        None => html::push_html(&mut body, parser),
    }
    let dest = out.join(file.strip_prefix(src).unwrap_or(file)).with_extension("html");
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(dest, body)
}

fn main() {
    let mut args: Vec<String> = env::args().skip(1).collect();
    let highlight = args.first().is_some_and(|a| a == "--highlight");
    if highlight {
        args.remove(0);
    }
    if args.len() != 2 {
        eprintln!("usage: floor [--highlight] SRC OUT");
        process::exit(2);
    }
    let (src, out) = (Path::new(&args[0]), Path::new(&args[1]));
    let syntaxes = highlight.then(SyntaxSet::load_defaults_newlines);
    let mut files = Vec::new();
    if let Err(e) = collect(src, &mut files) {
        eprintln!("floor: reading {}: {e}", src.display());
        process::exit(1);
    }
    // Skip the output folder if it sits inside SRC (a previous run).
    files.retain(|f| !f.starts_with(out));
    let failed: Vec<String> = files
        .par_iter()
        .filter_map(|f| render(src, out, f, syntaxes.as_ref()).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    for e in &failed {
        eprintln!("floor: {e}");
    }
    if !failed.is_empty() {
        process::exit(1);
    }
}
