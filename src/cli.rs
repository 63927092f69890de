//! Command-line arguments. Doc comments become `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// gongkai (公开): build a bilingual public-reporting website from education plans, indicators and
/// school showcases.
///
/// Exit codes: 0 success, 1 the content has errors (nothing was written), 2 wrong arguments.
#[derive(Parser)]
#[command(name = "gongkai", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The site is written to a staging folder and swapped into place only when every page has
    /// rendered: a failed build leaves the previous site untouched.
    ///
    /// Example: gongkai build --root my-site --output /srv/www/gongkai
    Build(BuildArgs),
    /// Check the content and templates and report every problem, without writing anything.
    ///
    /// Example: gongkai check --root my-site
    Check(SiteArgs),
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
