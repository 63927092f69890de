//! Symbolic links in the site's folders (`content/`, the theme). A link that stays inside the site
//! is followed like the file or folder it names. A link that leads outside is refused with an
//! error: whatever it names would otherwise be published, and served by `gongkai serve`, without
//! being one of the site's files. Hugo skips such links from themes for the same reason; gongkai
//! refuses rather than skips because a skipped file silently changes the published site (a school
//! or a page goes missing), while every other problem stops the build before anything is written.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location, display_path};

/// The site's folder as given (for showing paths) and as resolved (for comparing them).
pub struct SiteFolder {
    shown: PathBuf,
    resolved: Option<PathBuf>,
}

impl SiteFolder {
    pub fn new(root: &Path) -> Self {
        SiteFolder { shown: root.to_path_buf(), resolved: root.canonicalize().ok() }
    }

    /// Whether `path`, with every link on the way followed, is inside the site.
    pub fn holds(&self, path: &Path) -> bool {
        let target = path.canonicalize();
        self.resolved.as_ref().is_some_and(|root| target.is_ok_and(|target| target.starts_with(root)))
    }

    /// The error for `entry` when it is a symbolic link whose target lies outside the site;
    /// `None` for anything else. A walk must not descend into a folder refused here.
    pub fn link_leaving(&self, entry: &walkdir::DirEntry) -> Option<Diagnostic> {
        if !entry.path_is_symlink() {
            return None;
        }
        if self.holds(entry.path()) {
            return None;
        }
        let target = entry.path().canonicalize().ok()?;
        let shown = display_path(&self.shown, entry.path());
        Some(
            Diagnostic::error(
                Location::file(&shown),
                format!("this is a symbolic link to `{}`, outside the site's folder", target.display()),
            )
            .with_hint("gongkai publishes only files inside the site's folder: copy the file or folder in instead of linking to it"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &Path) -> walkdir::DirEntry {
        walkdir::WalkDir::new(path).follow_links(true).into_iter().next().unwrap().unwrap()
    }

    #[test]
    fn links_inside_the_site_are_followed_and_links_outside_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "id: secret\n").unwrap();
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        std::fs::create_dir(&content).unwrap();
        std::fs::write(content.join("real.yaml"), "id: real\n").unwrap();
        std::os::unix::fs::symlink(content.join("real.yaml"), content.join("alias.yaml")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.yaml"), content.join("secret.yaml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), content.join("elsewhere")).unwrap();

        let folder = SiteFolder::new(site.path());
        assert!(folder.holds(&content.join("alias.yaml")) && !folder.holds(&content.join("secret.yaml")));
        assert!(folder.link_leaving(&entry(&content.join("real.yaml"))).is_none());
        assert!(folder.link_leaving(&entry(&content.join("alias.yaml"))).is_none());
        for refused in ["secret.yaml", "elsewhere"] {
            let error = folder.link_leaving(&entry(&content.join(refused))).expect(refused);
            assert_eq!(error.location.unwrap().file, Path::new("content").join(refused));
            assert!(error.message.contains("outside the site's folder"), "{}", error.message);
        }
    }
}
