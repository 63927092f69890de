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
