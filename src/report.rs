//! Showing diagnostics to a person: like rustc, with the offending line and a caret, then the hint.

use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{NoColor, WriteColor};

use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, Severity};

/// Renders `diagnostics` as plain text. Sources come from the loaded files, or from disk for files
/// that were not part of the content (templates).
pub fn to_text(diagnostics: &[Diagnostic], sources: &[SourceFile], root: &Path) -> String {
    let mut out = NoColor::new(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = emit(&mut out, diagnostics, sources, root);
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// Writes `diagnostics` to `out`, in colour if `out` supports it (a terminal's
/// `termcolor::StandardStream`).
pub fn emit(
    out: &mut dyn WriteColor,
    diagnostics: &[Diagnostic],
    sources: &[SourceFile],
    root: &Path,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let config = term::Config::default();
    for diagnostic in diagnostics {
        let mut report = match diagnostic.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(&diagnostic.message);
        if let Some(location) = &diagnostic.location {
            // A spreadsheet cell has no line of text to underline: the location names the cell.
            let text = match &location.sheet {
                Some(_) => None,
                None => sources
                    .iter()
                    .find(|s| s.path == location.file)
                    .map(|s| s.text.clone())
                    .or_else(|| read_inside(root, &location.file).map(Into::into)),
            };
            match text {
                Some(text) => {
                    let range = byte_range(&text, location.line, location.column);
                    let id = files.add(location.file.display().to_string(), text);
                    report = report.with_labels(vec![Label::primary(id, range)]);
                }
                None => report = report.with_notes(vec![format!("at {location}")]),
            }
        }
        if let Some(hint) = &diagnostic.hint {
            report = report.with_notes(vec![format!("hint: {hint}")]);
        }
        match term::emit_to_write_style(out, &config, &files, &report) {
            Ok(()) => {}
            Err(codespan_reporting::files::Error::Io(error)) => return Err(error),
            Err(_) => writeln!(out, "{diagnostic}")?,
        }
    }
    Ok(())
}

/// A file of the site read for its snippet; never through a link leading out of the site, so that
/// the refusal of such a link (shown by `serve` too) does not quote what it points to.
fn read_inside(root: &Path, file: &Path) -> Option<String> {
    let path = root.join(file);
    crate::content::symlinks::SiteFolder::new(root).holds(&path).then(|| std::fs::read_to_string(path).ok())?
}

/// The byte range of the character at `line`:`column` (1-based, columns in characters), widened to
/// the rest of the word so the caret underlines the whole key or value.
fn byte_range(text: &str, line: u32, column: u32) -> std::ops::Range<usize> {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum();
    let line_text = text[line_start.min(text.len())..].split('\n').next().unwrap_or("");
    let start =
        line_text.char_indices().nth(column.saturating_sub(1) as usize).map(|(i, _)| i).unwrap_or(line_text.len());
    let word = line_text[start..].find([' ', ':', ',', ']', '}', '\r']).unwrap_or(line_text.len() - start).max(1);
    let begin = (line_start + start).min(text.len());
    begin..(begin + word).min(text.len())
}
