//! usage: floor SRC OUT
//!
//! Reads every `.md` under SRC, renders each with pulldown-cmark (tables,
//! footnotes, strikethrough, task lists, heading attributes, front matter
//! skipped) in parallel with rayon, and writes OUT/<same path>.html.
//! Prints nothing on success; exit 1 on an I/O error.
use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

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

fn render(src: &Path, out: &Path, file: &Path) -> std::io::Result<()> {
    let text = fs::read_to_string(file)?;
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    opts |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut body = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut body, Parser::new_ext(&text, opts));
    let dest = out.join(file.strip_prefix(src).unwrap_or(file)).with_extension("html");
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(dest, body)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: floor SRC OUT");
        process::exit(2);
    }
    let (src, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut files = Vec::new();
    if let Err(e) = collect(src, &mut files) {
        eprintln!("floor: reading {}: {e}", src.display());
        process::exit(1);
    }
    // Skip the output folder if it sits inside SRC (a previous run).
    files.retain(|f| !f.starts_with(out));
    let failed: Vec<String> = files
        .par_iter()
        .filter_map(|f| render(src, out, f).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    for e in &failed {
        eprintln!("floor: {e}");
    }
    if !failed.is_empty() {
        process::exit(1);
    }
}
