//! The progress bar: hidden at first and drawn only when the build is still running after a
//! moment, so quick builds print nothing but their summary.

use std::time::Duration;

use gongkai::steps::{Progress, Step};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const SHOW_AFTER: Duration = Duration::from_millis(300);

pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    pub fn start() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(spinner_style());
        bar.enable_steady_tick(Duration::from_millis(100));
        // A weak handle: once the build is done and the bar dropped, this thread draws nothing.
        let weak = bar.downgrade();
        std::thread::spawn(move || {
            std::thread::sleep(SHOW_AFTER);
            if let Some(bar) = weak.upgrade().filter(|bar| !bar.is_finished()) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        TerminalProgress { bar }
    }
}

impl Progress for TerminalProgress {
    fn step(&self, step: Step, total: Option<u64>) {
        let message = match step {
            Step::Load => "loading content",
            Step::Render => "rendering pages",
            Step::Search => "building the search index",
            Step::Write => "writing files",
        };
        self.bar.set_message(message);
        match total {
            Some(total) => {
                self.bar.set_style(bar_style());
                self.bar.set_length(total);
                self.bar.set_position(0);
            }
            None => self.bar.set_style(spinner_style()),
        }
    }

    fn advance(&self, units: u64) {
        self.bar.inc(units);
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
