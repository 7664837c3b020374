//! The `charter` command line: parses arguments with clap, calls the
//! library, prints diagnostics and maps the outcome to an exit code
//! (0 ok, 1 the site has errors, 2 usage error).

use charter::build::{self, BuildOptions, BuildReport, Target};
use charter::config;
use charter::diagnostics::{self, Diagnostic, Format, RenderOptions};
use charter::serve::{self, Outcome, ServeEvent, ServeOptions, WatcherKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Remove the output folder.
    Clean {
        /// The site's root folder (same as --root).
        #[arg(value_name = "ROOT")]
        site: Option<PathBuf>,
        /// Output folder (default: public/ under the root).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Explain a diagnostic code, e.g. `charter explain broken-link`.
    Explain { code: String },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Base URL to build for; its path is the base path (overrides base_url).
    #[arg(short = 'u', long = "base-url", value_name = "BASE_URL")]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
}

fn main() -> ExitCode {
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
            clean(
                &output.clone().unwrap_or_else(|| root.join("public")),
                cli.quiet,
            )
        }
        Command::Explain { code } => explain(code),
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

fn run_build(cli: &Cli, color: bool, root: PathBuf, target: Target, args: &BuildArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let options = BuildOptions {
        root: root.clone(),
        target: target.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        strict: args.strict,
        cache: None,
    };
    let report = build::build(&options);
    print_diagnostics(cli, color, &root, &report);
    if cli.verbose {
        for (stage, time) in &report.timings {
            eprintln!("  {stage:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
    if !report.succeeded() {
        return ExitCode::from(1);
    }
    if !cli.quiet {
        let secs = started.elapsed().as_secs_f64();
        match &target {
            Target::Disk(dir) => eprintln!(
                "Built {} pages ({} files) in {secs:.2}s → {}",
                report.pages,
                report.files,
                dir.display()
            ),
            _ => eprintln!("Checked {} pages in {secs:.2}s: no errors", report.pages),
        }
    }
    ExitCode::SUCCESS
}

fn print_diagnostics(cli: &Cli, color: bool, root: &Path, report: &BuildReport) {
    write_diagnostics(format_of(cli), color, root, &report.diagnostics);
}

fn format_of(cli: &Cli) -> Format {
    match cli.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Github => Format::Github,
    }
}

fn write_diagnostics(format: Format, color: bool, root: &Path, diags: &[Diagnostic]) {
    let text = diagnostics::render(
        diags,
        &RenderOptions {
            format,
            color,
            root: root.to_path_buf(),
        },
    );
    if text.is_empty() {
        return;
    }
    // JSON goes to stdout for piping; human and GitHub output to stderr.
    if format == Format::Json {
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
            write_diagnostics(format, color, root, diagnostics);
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

fn clean(output: &Path, quiet: bool) -> ExitCode {
    if !output.exists() {
        return ExitCode::SUCCESS;
    }
    if output.join(config::CONFIG_FILE).exists() {
        eprintln!(
            "error: refusing to remove {}: it holds a charter.yaml",
            output.display()
        );
        return ExitCode::from(1);
    }
    match std::fs::remove_dir_all(output) {
        Ok(()) => {
            if !quiet {
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
