//! Command-line arguments. Doc comments become `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Shown at the end of every `--help`.
const EXIT_CODES: &str =
    "Exit codes:\n  0  success\n  1  the content or templates have errors (nothing was written)\n  2  wrong arguments";

/// gongkai (公开): build a bilingual public-reporting website from education plans, indicators and
/// school showcases.
///
/// Example: gongkai build --root my-site
#[derive(Parser)]
#[command(name = "gongkai", version, about, long_about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How much to print, and in what form. Accepted before or after the subcommand.
#[derive(Args)]
pub struct OutputArgs {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also list every file written (and show no progress bar).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// `json` prints the diagnostics and the summary as one JSON object on stdout, for scripts.
    #[arg(long, value_enum, global = true, default_value_t = Format::Text)]
    pub format: Format,
    /// Colour the messages: `auto` colours only on a terminal and when NO_COLOR is not set.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The site is written to a staging folder and swapped into place only when every page has
    /// rendered: a failed build leaves the previous site untouched.
    ///
    /// Example: gongkai build --root my-site --output /srv/www/gongkai
    ///
    /// For scripts, the diagnostics and the summary as JSON: gongkai build --format json > build.json
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Check the content and templates and report every problem, without writing anything.
    ///
    /// The site is rendered in memory and every internal link and #anchor of every page, in every
    /// language, must lead somewhere. External links are listed on stdout, not fetched.
    ///
    /// Example: gongkai check --root my-site
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Print a shell completion script for gongkai to stdout.
    ///
    /// Example: gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai
    Completions(CompletionsArgs),
    /// Check spreadsheets against the site and write them into data files under content/data/:
    /// a department's sheet (with an `indicator` column), or tidy data of one indicator per file in
    /// the Open SDG layout (`Year`, dimension columns, `Value`, optional `Series`, `Units`, notes).
    ///
    /// Every problem of every file is reported at once, with its file, line and column (or sheet and
    /// cell). A sheet's rows without problems are written, the data file's other rows are left
    /// exactly as they were. A tidy file is checked as a build would check it and written whole,
    /// as CSV, to content/data/<indicator>.csv, or not at all. Exits with 1 if anything was refused.
    ///
    /// Example: gongkai import returns/basic-education-2023.xlsx --into content/data/2023.csv
    ///
    /// An Open SDG data folder: gongkai import ../open-sdg-data/data --map sdg-ids.yaml
    Import(ImportArgs),
    /// Write the current figures into a spreadsheet for departments to fill in: one sheet per
    /// department, with the indicators' names, units, years and targets locked.
    ///
    /// Example: gongkai export --out figures-2024.xlsx
    Export(ExportArgs),
    /// Serve the site on this computer and rebuild it on every save, drafts included.
    ///
    /// Pages reload in the browser after each save. A save with errors keeps the last good site
    /// and shows the errors over every page. Nothing is written to the output folder.
    ///
    /// Example: gongkai serve --root my-site --port 8000 --open
    Serve(ServeArgs),
    /// Start a new site in DIR: config, the default theme and one example of each content type.
    ///
    /// Example: gongkai init my-site
    Init(InitArgs),
    /// Add a showcase, indicator, school or plan with every field filled in and explained.
    ///
    /// Example: gongkai new showcase xugou-reading-club
    New(NewArgs),
}

#[derive(Args)]
pub struct SiteArgs {
    /// The site folder: the one that holds gongkai.yaml, content/ and themes/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site; relative paths are relative to --root.
    #[arg(long, short, default_value = "public")]
    pub output: PathBuf,
    /// Replace the output folder even if gongkai did not write it.
    #[arg(long)]
    pub force: bool,
    /// Minify the HTML pages (minify-html, spec-compliant settings); the output stays deterministic.
    #[arg(long)]
    pub minify: bool,
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Sheets (.xlsx: every sheet is read; .csv) or folders: every .xlsx and .csv file directly in
    /// a folder is imported (an Open SDG repository's data/ folder).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The data file to write, relative to --root (one FILE only; default: content/data/<name of
    /// FILE>.csv for a sheet, content/data/<indicator>.csv for tidy data).
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// The indicator a tidy FILE is for (one FILE only; default: the one its name names, as a build
    /// reads it: indicator_4-1-1.csv and 4-1-1.csv are for `4-1-1`).
    #[arg(long)]
    pub indicator: Option<String>,
    /// A YAML file that maps the ids of tidy files' names to the site's indicator ids, one per line:
    /// `4-1-1: enrolment-rate`. Files it does not name keep the id of their name.
    #[arg(long)]
    pub map: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The workbook to write.
    #[arg(long, short, default_value = "gongkai-template.xlsx")]
    pub out: PathBuf,
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Only this computer can reach the default.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
}

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist or be empty.
    pub dir: PathBuf,
}

#[derive(Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// What to add.
    pub kind: NewKind,
    /// Its id: lower-case letters, digits and `-`, e.g. `xugou-reading-club`.
    pub id: String,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    Showcase,
    Indicator,
    School,
    Plan,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat every link that leaves the site as an error (for sites that must be self-contained).
    /// Without it, external links are only listed; they are never fetched.
    #[arg(long)]
    pub deny_external: bool,
}
