use std::path::PathBuf;
use std::process::ExitCode;

use gongkai::diagnostics::Diagnostics;
use gongkai::site::{self, Drafts};

use super::scaffold::{self, Values};
use crate::cli::InitArgs;

pub fn run(args: InitArgs, output: &crate::cli::OutputArgs) -> ExitCode {
    let dir = args.dir;
    let occupied = dir.exists() && std::fs::read_dir(&dir).map(|mut d| d.next().is_some()).unwrap_or(true);
    if occupied {
        eprintln!("error: `{}` exists and is not empty; a new site needs a new folder", dir.display());
        eprintln!("\nhint: choose a new folder name, e.g. `gongkai init my-site`");
        return ExitCode::from(1);
    }
    let today = scaffold::today();
    let values = |id: &str| Values {
        id: id.to_string(),
        plan: "example-plan".into(),
        goal: "school-pairing".into(),
        department: "basic-education".into(),
        school: "example-primary".into(),
        indicator: "pairing-share".into(),
        tag: "school-pairing".into(),
        partners: String::new(),
        draft: false,
        today,
        year_start: today.year() - 1,
        year_end: today.year() + 1,
    };
    let year = (today.year() - 1).to_string();
    let content = dir.join("content");
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("gongkai.yaml"), values("").fill(scaffold::CONFIG)),
        (content.join("plans/example-plan.yaml"), values("example-plan").fill(scaffold::PLAN)),
        (content.join("indicators/pairing-share.yaml"), values("pairing-share").fill(scaffold::INDICATOR)),
        (content.join("schools/example-primary.yaml"), values("example-primary").fill(scaffold::SCHOOL)),
        (content.join("departments/example-bureau.yaml"), values("").fill(scaffold::DEPARTMENTS)),
        (content.join("tags/tags.yaml"), values("").fill(scaffold::TAGS)),
        (content.join("showcases/first-pairing-term.zh.md"), values("first-pairing-term").fill(scaffold::SHOWCASE_ZH)),
        (content.join("showcases/first-pairing-term.en.md"), values("first-pairing-term").fill(scaffold::SHOWCASE_EN)),
        (content.join(format!("results/{year}.zh.md")), values("").fill(scaffold::RESULTS_ZH)),
        (content.join(format!("results/{year}.en.md")), values("").fill(scaffold::RESULTS_EN)),
    ];
    let theme = dir.join("themes").join(gongkai::theme::THEME);
    files.extend(
        gongkai::theme::embedded_theme()
            .iter()
            .map(|(relative, bytes)| (theme.join(relative), String::from_utf8_lossy(bytes).into_owned())),
    );
    if let Err(message) = scaffold::write_new(&files, &dir) {
        eprintln!("error: {message}");
        return ExitCode::from(1);
    }
    // The new site must build as it is: check it, so that a broken scaffold is caught here.
    let mut diagnostics = Diagnostics::new();
    let (loaded, rendered) = site::render(&dir, Drafts::Exclude, &mut diagnostics);
    if rendered.is_none() {
        let problems = super::Problems::new(diagnostics);
        super::Printer::new(output).report("init", &problems, &loaded.sources, &dir, None);
        return problems.exit_code();
    }
    eprintln!("created a new site in `{}` ({} files); it builds as it is", dir.display(), files.len());
    eprintln!("next: `cd {}` and `gongkai serve --open`, then edit the files in content/", dir.display());
    ExitCode::SUCCESS
}
