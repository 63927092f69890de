//! What a build tells the person running it while it runs: the step it is at and how far along.
//! Render and the pipeline report through [`Progress`]; the commands in `src/cmd/` decide how (and
//! whether) to show it.

use serde::Serialize;

/// The steps of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// Reading and checking the content; its length is not known in advance.
    Load,
    /// Rendering pages; `total` is the number of pages.
    Render,
    /// Building the search index from the rendered pages.
    Search,
    /// Writing the files and swapping the folder into place.
    Write,
}

/// Receives progress from a running build. Pages render on several threads, hence `Sync`.
pub trait Progress: Sync {
    /// A step begins; `total` is how many units it will [`advance`](Progress::advance) by, if known.
    fn step(&self, _step: Step, _total: Option<u64>) {}
    /// `units` more of the current step are done.
    fn advance(&self, _units: u64) {}
}

/// Progress that goes nowhere: for tests, `check` and library callers without a terminal.
pub struct Silent;

impl Progress for Silent {}
