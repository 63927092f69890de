//! gongkai (公开, "made public"): a static-site generator for education plans and their results.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! 1. [`content::load`]: read `gongkai.yaml` and `content/` into a [`content::RawSite`], and
//!    [`theme::load`] the theme's templates, UI strings and static files;
//! 2. [`model::validate`]: check it and resolve ids into a [`model::Site`];
//! 3. derive (inside `model`): progress status, counts and back-links;
//! 4. [`render`]: plan the pages and render them with the theme's tera templates;
//! 5. [`output`]: write into a staging folder and swap it into place.
//!
//! [`site`] chains them; the CLI in `src/cmd/` only parses flags and prints.

pub mod config;
pub mod content;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod hant;
pub mod html_scan;
pub mod i18n;
pub mod linkcheck;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod serve;
pub mod sheets;
pub mod site;
pub mod steps;
pub mod suggest;
pub mod summary;
pub mod theme;
pub mod yaml;
