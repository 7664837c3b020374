//! The `charter` command line: parses arguments with clap, calls the
//! library, prints diagnostics and maps the outcome to an exit code
//! (0 ok, 1 the site has errors, 2 usage error).

use charter::build::{self, BuildOptions, BuildReport, HighlightStore, Target};
use charter::config;
use charter::diagnostics::{self, Diagnostic, Format, RenderOptions};
use charter::i18n;
use charter::serve::{self, Outcome, ServeEvent, ServeOptions, WatcherKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (the same place
/// in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

/// Keeps freed memory in the process for ten seconds before mimalloc
/// gives it back to the system (its default is one second). A build frees
/// and allocates again stage after stage, and each page handed back was
/// faulted in again: 730,000 minor faults and a third of the system time
/// of a 10,000-page build with the index, against 300,000–370,000 this
/// way. The cost is memory held a little longer: that build's peak went
/// from 1.1 to 1.25 GB. A `MIMALLOC_PURGE_DELAY` in the environment wins.
fn keep_freed_memory_a_while() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option; mimalloc reads options
        // atomically and any value is valid.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10_000) };
    }
}

#[derive(Parser)]
#[command(
    name = "charter",
    version,
    about = "Build a community's handbook and numbered specifications into a website"
)]
struct Cli {
    /// The site's root folder (default: the nearest folder upward holding charter.yaml).
    #[arg(short = 'r', long = "root", global = true, value_name = "ROOT")]
    root: Option<PathBuf>,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print only diagnostics.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print stage timings too.
    #[arg(short, long, global = true)]
    verbose: bool,
    /// How to print diagnostics: human, json (one object a line) or github (annotations).
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum WatcherArg {
    Native,
    Poll,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site in DIR (default: the current folder).
    Init {
        dir: Option<PathBuf>,
        /// Write into a folder that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Build the site into the output folder.
    Build {
        /// The site's root folder (same as --root).
        #[arg(value_name = "ROOT")]
        site: Option<PathBuf>,
        #[command(flatten)]
        args: BuildArgs,
        /// Output folder (default: public/ under the root).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Build into memory, serve it with live reload, rebuild on every change.
    Serve {
        /// The site's root folder (same as --root).
        #[arg(value_name = "ROOT")]
        site: Option<PathBuf>,
        #[command(flatten)]
        args: BuildArgs,
        /// Port to listen on; when taken, the next ten are tried.
        #[arg(short = 'p', long, default_value_t = serve::DEFAULT_PORT)]
        port: u16,
        /// Address to listen on. Anything but loopback exposes the preview to the network.
        #[arg(
            short = 'i',
            long,
            default_value = "127.0.0.1",
            value_name = "INTERFACE"
        )]
        interface: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// How to notice changes: native events, or polling for filesystems where events are unreliable.
        #[arg(long, value_enum, default_value_t = WatcherArg::Native)]
        watcher: WatcherArg,
    },
    /// Check the site as `build` does, writing nothing.
    Check {
        /// The site's root folder (same as --root).
        #[arg(value_name = "ROOT")]
        site: Option<PathBuf>,
        #[command(flatten)]
        args: BuildArgs,
    },
    /// Remove the output folder and the version cache (`.charter-cache/`).
    Clean {
        /// The site's root folder (same as --root).
        #[arg(value_name = "ROOT")]
        site: Option<PathBuf>,
        /// Output folder (default: public/ under the root).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Add a spec with the next free number, or a chapter at the end of the book.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Explain a diagnostic code, e.g. `charter explain broken-link`.
    Explain { code: String },
    /// Translations: which are up to date, stamping them, what changed since.
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A spec in specs/<N>/README.md, status raw, with the next free number
    /// and you (git's user.name and user.email) as its editor.
    Spec {
        /// Its name, e.g. "Collective Code Construction Contract".
        name: String,
        /// The shortname after the number, e.g. C4 for 42/C4.
        #[arg(long)]
        shortname: Option<String>,
        /// A number of your choice instead of the next free one.
        #[arg(long)]
        number: Option<u32>,
    },
    /// A chapter after the book's last one, listed at the end of book/SUMMARY.md.
    Chapter {
        /// Its title, e.g. "How we vote".
        title: String,
    },
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Per language and page: up to date, outdated, missing or unstamped.
    Status {
        /// Only these languages (default: all of `languages:`).
        #[arg(value_name = "LANG")]
        langs: Vec<String>,
        /// Print the report as JSON on stdout.
        #[arg(long)]
        json: bool,
        /// Exit 1 when a language has fewer pages up to date than PERCENT (0–100).
        #[arg(long, value_name = "PERCENT")]
        fail_under: Option<f64>,
    },
    /// Write `translated_from:` (the source's current blob id) into translations.
    Stamp {
        /// The language, e.g. `ru`.
        lang: String,
        /// Source pages, e.g. `book/02-process.md` (default: every existing translation of LANG).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Show what changed in a source page since its translation was stamped.
    Diff {
        /// The language, e.g. `ru`.
        lang: String,
        /// The source page, e.g. `book/02-process.md`.
        path: PathBuf,
    },
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Base URL to build for; its path is the base path (overrides base_url).
    #[arg(short = 'u', long = "base-url", value_name = "BASE_URL", value_parser = parse_base_url)]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
}

fn main() -> ExitCode {
    keep_freed_memory_a_while();
    let cli = Cli::parse();
    let color = use_color(cli.color);
    match &cli.command {
        Command::Init { dir, force } => init(dir.as_deref(), *force, cli.quiet),
        Command::Build { site, args, output } => {
            let Some(root) = site_root(&cli, site.as_deref()) else {
                return ExitCode::from(2);
            };
            let target = Target::Disk(output.clone().unwrap_or_else(|| root.join("public")));
            run_build(&cli, color, root, target, args)
        }
        Command::Serve {
            site,
            args,
            port,
            interface,
            open,
            watcher,
        } => {
            let Some(root) = site_root(&cli, site.as_deref()) else {
                return ExitCode::from(2);
            };
            let mut opts = ServeOptions::new(root);
            opts.base_url = args.base_url.clone();
            opts.drafts = args.drafts;
            opts.strict = args.strict;
            opts.port = *port;
            opts.interface = *interface;
            opts.open = *open;
            opts.watcher = match watcher {
                WatcherArg::Native => WatcherKind::Native,
                WatcherArg::Poll => WatcherKind::Poll,
            };
            run_serve(&cli, color, opts)
        }
        Command::Check { site, args } => {
            let Some(root) = site_root(&cli, site.as_deref()) else {
                return ExitCode::from(2);
            };
            run_build(&cli, color, root, Target::Nowhere, args)
        }
        Command::Clean { site, output } => {
            let Some(root) = site_root(&cli, site.as_deref()) else {
                return ExitCode::from(2);
            };
            let cache = charter::cache_dir::path(&root);
            let output = output.clone().unwrap_or_else(|| root.join("public"));
            // `clean` removes what `build` would replace: the same folders
            // are refused (a site whose charter.yaml does not load still
            // has its default folders).
            let config = config::load(&root)
                .map(|(config, _)| config)
                .unwrap_or_else(|_| config::Config::with_title(""));
            if let Some(problem) = charter::build::unsafe_output_dir(&root, &output, &config) {
                print_diagnostic_list(&cli, color, &root, &[problem], true);
                return ExitCode::from(1);
            }
            match clean(&output, cli.quiet) {
                code if code == ExitCode::SUCCESS => clean(&cache, cli.quiet),
                code => code,
            }
        }
        Command::New { what } => {
            let Some(root) = site_root(&cli, None) else {
                return ExitCode::from(2);
            };
            new(&cli, color, &root, what)
        }
        Command::Explain { code } => explain(code),
        Command::I18n { command } => {
            let Some(root) = site_root(&cli, None) else {
                return ExitCode::from(2);
            };
            i18n(&cli, color, &root, command)
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "charter",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// The root from the positional argument, `--root`, or the nearest folder
/// upward with charter.yaml. Prints a usage error when there is none.
fn site_root(cli: &Cli, positional: Option<&Path>) -> Option<PathBuf> {
    let given = match (positional, cli.root.as_deref()) {
        (Some(a), Some(b)) if a != b => {
            eprintln!(
                "error: the root was given twice ({} and {}); pass it once",
                a.display(),
                b.display()
            );
            return None;
        }
        (a, b) => a.or(b),
    };
    let root = match given {
        Some(dir) => dir.to_path_buf(),
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            match config::find_root(&cwd) {
                Some(root) => root,
                None => {
                    eprintln!(
                        "error: no {} in {} or any folder above it",
                        config::CONFIG_FILE,
                        cwd.display()
                    );
                    eprintln!("help: run `charter init` to create a site, or pass the site's folder: `charter build SITE`");
                    return None;
                }
            }
        }
    };
    if !root.join(config::CONFIG_FILE).is_file() {
        eprintln!("error: {} has no {}", root.display(), config::CONFIG_FILE);
        eprintln!(
            "help: pass the folder that holds charter.yaml, or run `charter init {}`",
            root.display()
        );
        return None;
    }
    Some(root)
}

/// Pages per search index shard: `CHARTER_SEARCH_SHARD_PAGES` when it is
/// a positive number (a tuning knob, and how tests make small sites shard).
fn shard_pages() -> usize {
    std::env::var("CHARTER_SEARCH_SHARD_PAGES")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(build::DEFAULT_SHARD_PAGES)
}

fn run_build(cli: &Cli, color: bool, root: PathBuf, target: Target, args: &BuildArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let mut options = BuildOptions::new(root.clone());
    options.target = target.clone();
    options.base_url = args.base_url.clone();
    options.drafts = args.drafts;
    options.strict = args.strict;
    options.search_shard_pages = shard_pages();
    // `charter check` writes nothing, the cache folder included.
    options.highlight_store = match target {
        Target::Disk(_) => HighlightStore::ReadWrite,
        _ => HighlightStore::Read,
    };
    let report = build::build(&options);
    print_diagnostics(cli, color, &root, &report);
    if cli.verbose {
        for (stage, time) in &report.timings {
            eprintln!("  {stage:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
        if report.code_blocks_restored > 0 {
            eprintln!(
                "  {} code blocks as highlighted by the last build ({}/{})",
                report.code_blocks_restored,
                charter::cache_dir::CACHE_DIR,
                charter::highlight::store::FILE
            );
        }
    }
    if !report.succeeded() {
        return ExitCode::from(1);
    }
    if !cli.quiet {
        let secs = started.elapsed().as_secs_f64();
        match &target {
            Target::Disk(dir) => eprintln!(
                "Built {} pages ({} files) in {secs:.2}s → {}{}",
                report.pages,
                report.files,
                dir.display(),
                versions_summary(&report)
            ),
            _ => eprintln!(
                "Checked {} pages in {secs:.2}s: no errors{}",
                report.pages,
                versions_summary(&report)
            ),
        }
    }
    ExitCode::SUCCESS
}

/// ` (3 versions: next built; v1.0, v2.0 from the cache)`, or nothing.
fn versions_summary(report: &BuildReport) -> String {
    let (built, cached) = (&report.versions_built, &report.versions_cached);
    if built.is_empty() && cached.is_empty() {
        return String::new();
    }
    let mut parts = Vec::new();
    if !built.is_empty() {
        parts.push(format!("{} built", built.join(", ")));
    }
    if !cached.is_empty() {
        parts.push(format!("{} from the cache", cached.join(", ")));
    }
    format!(
        " ({} versions: {})",
        built.len() + cached.len(),
        parts.join("; ")
    )
}

fn print_diagnostics(cli: &Cli, color: bool, root: &Path, report: &BuildReport) {
    let render = RenderOptions {
        format: format_of(cli),
        color,
        root: root.to_path_buf(),
        version_roots: report.version_roots.clone(),
    };
    write_rendered(&render, &report.diagnostics, false);
}

/// Prints diagnostics in the chosen format: JSON to stdout (unless
/// `stderr_only`), human and GitHub output to stderr.
fn print_diagnostic_list(
    cli: &Cli,
    color: bool,
    root: &Path,
    diags: &[Diagnostic],
    stderr_only: bool,
) {
    write_diagnostics(format_of(cli), color, root, diags, stderr_only);
}

fn format_of(cli: &Cli) -> Format {
    match cli.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Github => Format::Github,
    }
}

fn write_diagnostics(
    format: Format,
    color: bool,
    root: &Path,
    diags: &[Diagnostic],
    stderr_only: bool,
) {
    let render = RenderOptions {
        format,
        color,
        root: root.to_path_buf(),
        version_roots: Default::default(),
    };
    write_rendered(&render, diags, stderr_only);
}

fn write_rendered(render: &RenderOptions, diags: &[Diagnostic], stderr_only: bool) {
    let format = render.format;
    let text = diagnostics::render(diags, render);
    if text.is_empty() {
        return;
    }
    // The summary line speaks of a build; `i18n` commands build nothing.
    let text = if stderr_only {
        text.replace("build failed: ", "")
    } else {
        text
    };
    // JSON goes to stdout for piping; human and GitHub output to stderr.
    if format == Format::Json && !stderr_only {
        let _ = std::io::stdout().write_all(text.as_bytes());
    } else {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

fn run_serve(cli: &Cli, color: bool, mut opts: ServeOptions) -> ExitCode {
    let (quiet, verbose, format) = (cli.quiet, cli.verbose, format_of(cli));
    let root = opts.root.clone();
    opts.on_event = std::sync::Arc::new(move |event: &ServeEvent| {
        report_serve_event(event, quiet, verbose, format, color, &root)
    });
    match serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if matches!(e, serve::ServeError::Bind { .. }) {
                eprintln!("help: choose another port with `-p PORT` (0 picks a free one)");
            }
            ExitCode::from(1)
        }
    }
}

fn report_serve_event(
    event: &ServeEvent,
    quiet: bool,
    verbose: bool,
    format: Format,
    color: bool,
    root: &Path,
) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    match event {
        ServeEvent::Built {
            outcome,
            diagnostics,
            pages,
            changed,
            build_time,
            change_to_sent,
            clients,
        } => {
            write_diagnostics(format, color, root, diagnostics, false);
            if verbose && !changed.is_empty() {
                for path in changed.iter().take(5) {
                    eprintln!("  changed: {}", path.display());
                }
                if changed.len() > 5 {
                    eprintln!("  … and {} more", changed.len() - 5);
                }
            }
            let what = match outcome {
                Outcome::Initial => "built",
                Outcome::Reload => "rebuilt: reload sent",
                Outcome::Css => "rebuilt: stylesheet swap sent",
                Outcome::Unchanged => "rebuilt: output unchanged",
                Outcome::Failed => "build failed: serving the last good site, errors sent",
            };
            if *outcome == Outcome::Failed || !quiet {
                let mut line = format!("{what} ({pages} pages, {:.0} ms", ms(*build_time));
                if let (true, Some(total)) = (verbose, change_to_sent) {
                    line.push_str(&format!(
                        "; change → sent {:.0} ms to {clients} page(s)",
                        ms(*total)
                    ));
                }
                line.push(')');
                eprintln!("{line}");
            }
        }
        ServeEvent::PortTaken(port) => {
            eprintln!("port {port} is taken, trying {}", port.saturating_add(1))
        }
        ServeEvent::NotLoopback(ip) => eprintln!(
            "warning: listening on {ip}, not loopback: anyone who can reach this machine can read the preview"
        ),
        ServeEvent::Listening { url, .. } => {
            if !quiet {
                eprintln!("Serving at {url} (Ctrl-C to stop)");
            }
        }
        ServeEvent::WatchError(e) => eprintln!("warning: watching for changes: {e}"),
        ServeEvent::OpenFailed(e) => eprintln!("warning: cannot open a browser: {e}"),
    }
}

fn init(dir: Option<&Path>, force: bool, quiet: bool) -> ExitCode {
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    match charter::scaffold::init(&dir, force) {
        Ok(files) => {
            if !quiet {
                eprintln!(
                    "Created a site in {} ({} files).",
                    dir.display(),
                    files.len()
                );
                eprintln!("Next: charter build {}", dir.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `-u`: the checks `base_url` in charter.yaml gets.
fn parse_base_url(url: &str) -> Result<String, String> {
    match charter::url::base_url_problem(url) {
        Some(problem) => Err(format!(
            "the base URL {problem}; write it like `https://you.github.io/repo/`"
        )),
        None => Ok(url.to_string()),
    }
}

fn clean(output: &Path, quiet: bool) -> ExitCode {
    if !output.exists() {
        return ExitCode::SUCCESS;
    }
    match charter::output::clean(output) {
        Ok(kept) => {
            if !quiet && kept {
                eprintln!("Emptied {} (kept its .git)", output.display());
            } else if !quiet {
                eprintln!("Removed {}", output.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot remove {}: {e}", output.display());
            ExitCode::from(1)
        }
    }
}

fn explain(code: &str) -> ExitCode {
    match diagnostics::codes::explain(code) {
        Some(text) => {
            println!("{code}\n\n{}", text.trim_end());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no diagnostic code `{code}`");
            let known: Vec<&str> = diagnostics::codes::CODES.iter().map(|c| c.0).collect();
            if !known.is_empty() {
                eprintln!("help: known codes: {}", known.join(", "));
            }
            ExitCode::from(2)
        }
    }
}

/// `charter new …`: loads the config, writes the file, says what it made.
fn new(cli: &Cli, color: bool, root: &Path, what: &NewCommand) -> ExitCode {
    let config = match config::load(root) {
        Ok((config, _)) => config,
        Err(errors) => {
            print_diagnostic_list(cli, color, root, &errors, true);
            return ExitCode::from(1);
        }
    };
    let created = match what {
        NewCommand::Spec {
            name,
            shortname,
            number,
        } => charter::new::spec(
            root,
            &config,
            &charter::new::NewSpec {
                name,
                shortname: shortname.as_deref(),
                number: *number,
                editor: charter::new::git_identity(root),
            },
        ),
        NewCommand::Chapter { title } => charter::new::chapter(root, &config, title),
    };
    match created {
        Ok(created) => {
            if !cli.quiet {
                eprintln!(
                    "Created {}: {}",
                    root.join(&created.file).display(),
                    created.summary
                );
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostic_list(cli, color, root, &[d], true);
            ExitCode::from(1)
        }
    }
}

/// `charter i18n …`: loads the config, runs the library function, prints.
fn i18n(cli: &Cli, color: bool, root: &Path, command: &I18nCommand) -> ExitCode {
    let (config, warnings) = match config::load(root) {
        Ok(found) => found,
        Err(errors) => {
            print_diagnostic_list(cli, color, root, &errors, true);
            return ExitCode::from(1);
        }
    };
    print_diagnostic_list(cli, color, root, &warnings, true);
    let langs: Vec<&String> = match command {
        I18nCommand::Status { langs, .. } => langs.iter().collect(),
        I18nCommand::Stamp { lang, .. } | I18nCommand::Diff { lang, .. } => vec![lang],
    };
    for lang in langs {
        if let Err(d) = i18n::check_language(&config, lang) {
            print_diagnostic_list(cli, color, root, &[d], true);
            return ExitCode::from(2);
        }
    }
    match command {
        I18nCommand::Status {
            langs,
            json,
            fail_under,
        } => i18n_status(cli, color, root, &config, langs, *json, *fail_under),
        I18nCommand::Stamp { lang, paths } => {
            match i18n::stamp::stamp(root, &config, lang, paths) {
                Ok(done) => {
                    if !cli.quiet {
                        if done.is_empty() {
                            eprintln!("No translations into `{lang}` to stamp.");
                        }
                        for path in &done {
                            eprintln!("Stamped {}", path.display());
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    print_diagnostic_list(cli, color, root, &errors, true);
                    ExitCode::from(1)
                }
            }
        }
        I18nCommand::Diff { lang, path } => {
            let git = i18n::diff::GitCli::new(root);
            match i18n::diff::diff(root, &config, lang, path, &git) {
                Ok(d) if d.is_up_to_date() => {
                    if !cli.quiet {
                        eprintln!(
                            "{} is up to date: {} has not changed since it was translated ({}).",
                            d.translation.display(),
                            d.source.display(),
                            d.stamped
                        );
                    }
                    ExitCode::SUCCESS
                }
                Ok(d) => {
                    let text = if stdout_color(cli.color) {
                        i18n::diff::colorize(&d.unified)
                    } else {
                        d.unified
                    };
                    let _ = std::io::stdout().write_all(text.as_bytes());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    print_diagnostic_list(cli, color, root, &[e], true);
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn stdout_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn i18n_status(
    cli: &Cli,
    color: bool,
    root: &Path,
    config: &config::Config,
    langs: &[String],
    json: bool,
    fail_under: Option<f64>,
) -> ExitCode {
    if let Some(p) = fail_under {
        if !(0.0..=100.0).contains(&p) {
            eprintln!("error: --fail-under takes a percentage from 0 to 100, not {p}");
            return ExitCode::from(2);
        }
    }
    let mut report = i18n::status(root, config);
    if !langs.is_empty() {
        report.languages.retain(|l| langs.contains(&l.tag));
    }
    print_diagnostic_list(cli, color, root, &report.diagnostics, true);
    if json {
        let text = serde_json::to_string_pretty(&report).expect("the report serializes");
        println!("{text}");
    } else if report.languages.is_empty() {
        eprintln!("No translations: add `languages:` to charter.yaml, e.g. `languages: {{ ru: {{ name: Русский }} }}`.");
    } else {
        let table = status_table(&report, stdout_color(cli.color));
        let _ = std::io::stdout().write_all(table.as_bytes());
    }
    let under: Vec<&i18n::LanguageReport> = match fail_under {
        Some(min) => report
            .languages
            .iter()
            .filter(|l| l.percent_up_to_date < min)
            .collect(),
        None => Vec::new(),
    };
    for l in &under {
        eprintln!(
            "error: {} ({}) is {} up to date, under --fail-under {}",
            l.name,
            l.tag,
            percent(l.percent_up_to_date),
            percent(fail_under.unwrap_or(0.0))
        );
    }
    if report.has_errors() || !under.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn percent(p: f64) -> String {
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p)
    } else {
        format!("{p:.1}%")
    }
}

/// One table per language: page, state, translation; then totals.
fn status_table(report: &i18n::Report, color: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (n, lang) in report.languages.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let t = &lang.totals;
        let _ = writeln!(
            out,
            "{} ({}): {} of {} {} up to date ({})",
            lang.name,
            lang.tag,
            t.up_to_date,
            t.pages,
            if t.pages == 1 { "page" } else { "pages" },
            percent(lang.percent_up_to_date)
        );
        let width = lang
            .pages
            .iter()
            .map(|p| p.source.to_string_lossy().chars().count())
            .max()
            .unwrap_or(0)
            .max("PAGE".len());
        let _ = writeln!(out, "  {:<width$}  {:<10}  TRANSLATION", "PAGE", "STATE");
        for page in &lang.pages {
            let state = match &page.state {
                i18n::State::UpToDate => "up to date",
                i18n::State::Outdated { .. } => "outdated",
                i18n::State::Missing => "missing",
                i18n::State::Unstamped => "unstamped",
            };
            let painted = match (color, &page.state) {
                (false, _) => format!("{state:<10}"),
                (true, i18n::State::UpToDate) => format!("\x1b[32m{state:<10}\x1b[0m"),
                (true, i18n::State::Outdated { .. }) => format!("\x1b[33m{state:<10}\x1b[0m"),
                (true, _) => format!("\x1b[31m{state:<10}\x1b[0m"),
            };
            let note = match &page.state {
                i18n::State::Outdated { stamped } => format!("  (translated from {stamped})"),
                i18n::State::Missing => "  (to create)".to_string(),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {:<width$}  {painted}  {}{note}",
                page.source.to_string_lossy().replace('\\', "/"),
                page.translation.to_string_lossy().replace('\\', "/"),
            );
        }
        let _ = writeln!(
            out,
            "  total: {} up to date, {} outdated, {} missing, {} unstamped",
            t.up_to_date, t.outdated, t.missing, t.unstamped
        );
        if !lang.translators.is_empty() {
            let _ = writeln!(out, "  translators: {}", lang.translators.join(", "));
        }
    }
    out
}
