//! `gongkai serve`: the site in a browser while it is being written.
//!
//! One thread waits for edits ([`watcher`]), reads again only the files that changed
//! ([`SourceCache`]), validates the site and publishes it as a new [`Snapshot`], then tells open
//! pages to reload ([`reload`]). Pages are rendered when they are asked for, through the
//! [`PageCache`], which renders a page again only when its inputs changed
//! ([`crate::render::incremental`]); a background thread renders the changed pages too, so
//! that they are ready and that a page that fails is reported without being visited. The HTTP
//! server ([`server`]) serves the last good snapshot; a failed rebuild keeps it and adds the error
//! to every page ([`overlay`]). Once the background thread has rendered every page of a snapshot,
//! the search index is built from them on a thread of its own ([`Indexer`]); until it is ready,
//! the last index is served. Nothing is written to disk.

pub mod overlay;
pub mod reload;
pub mod server;
pub mod watcher;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::content::SourceCache;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::CompiledTheme;
use crate::render::incremental::{PageCache, Snapshot};
use crate::render::search::{self, Page};
use crate::site::{self, Drafts};
use watcher::Changes;

/// The site as served: the last good snapshot and, when the latest rebuild failed, its message.
#[derive(Default)]
pub struct Served {
    /// `None` until the site has loaded once without errors.
    pub snapshot: Option<Arc<Snapshot>>,
    pub error: Option<String>,
    /// Counts rebuilds; pages carry it so that a page that missed one reloads.
    pub generation: u64,
    /// [`PageCache::renders`] when this was published.
    renders_before: usize,
}

/// What the rebuilding thread, the rendering and indexing threads and the server share.
pub struct Shared {
    root: PathBuf,
    served: RwLock<Arc<Served>>,
    /// Pages rendered so far, kept across rebuilds.
    pub pages: PageCache,
    pub reloader: reload::Reloader,
    /// Wakes the thread that renders changed pages in the background.
    published: Mutex<Option<Sender<()>>>,
    /// The files of the last search index (below `pagefind/`), served beside every snapshot.
    search: RwLock<Arc<BTreeMap<String, Bytes>>>,
}

impl Shared {
    pub fn new(root: &Path) -> Self {
        Shared {
            root: root.to_path_buf(),
            served: RwLock::default(),
            pages: PageCache::new(),
            reloader: reload::Reloader::new(),
            published: Mutex::new(None),
            search: RwLock::default(),
        }
    }

    /// A file of the last search index.
    pub fn search_file(&self, path: &str) -> Option<Bytes> {
        self.search.read().unwrap_or_else(|e| e.into_inner()).get(path).cloned()
    }

    /// Replaces the search index. Open pages are not reloaded: the next search uses the new one.
    fn publish_search(&self, index: BTreeMap<String, Bytes>) {
        *self.search.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
    }

    pub fn current(&self) -> Arc<Served> {
        self.served.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Publishes a rebuild: a new snapshot, or the error over the last good one.
    pub fn publish(&self, outcome: &Outcome) {
        match outcome {
            Outcome::Built { snapshot, .. } => self.replace(|_| (Some(snapshot.clone()), None)),
            Outcome::Failed { message } => self.replace(|served| (served.snapshot.clone(), Some(message.clone()))),
        }
    }

    /// Shows `message` over the site, unless a rebuild has been published since `generation` or
    /// the site already shows the error of a failed rebuild, which is the newer problem.
    fn publish_error_at(&self, generation: u64, message: String) {
        let current = self.current();
        if current.generation == generation && current.error.is_none() {
            self.replace(|served| (served.snapshot.clone(), Some(message)));
        }
    }

    fn replace(&self, next: impl FnOnce(&Served) -> (Option<Arc<Snapshot>>, Option<String>)) {
        let (generation, previous) = {
            let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
            let (snapshot, error) = next(&served);
            let generation = served.generation + 1;
            let renders_before = self.pages.renders();
            let next = Served { snapshot, error, generation, renders_before };
            (generation, std::mem::replace(&mut *served, Arc::new(next)))
        };
        self.reloader.reload(generation);
        if let Some(wake) = self.published.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            let _ = wake.send(());
        }
        // Freeing a large site takes milliseconds: after the pages have been told to reload.
        drop(previous);
    }

    /// The located messages of `diagnostics`, as `gongkai build` prints them.
    pub fn report(&self, diagnostics: &Diagnostics) -> String {
        crate::report::to_text(&diagnostics.clone().sorted(), &[], &self.root)
    }
}

/// The result of one rebuild.
pub enum Outcome {
    Built {
        snapshot: Arc<Snapshot>,
        /// The site's files known (content, config), of which `read` were read again.
        files: usize,
        read: usize,
        warnings: String,
        elapsed: Duration,
        steps: Steps,
    },
    /// The located messages, as `gongkai build` prints them.
    Failed { message: String },
}

/// How long the steps of a rebuild took (`serve --verbose` prints them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Steps {
    /// Reading and parsing the files that changed.
    pub read: Duration,
    /// Putting the files together, validating and deriving.
    pub validate: Duration,
    /// Loading the theme, when it changed.
    pub theme: Duration,
}

/// What rendering after a rebuild did, once every page whose inputs changed is rendered.
pub struct Rendering {
    /// Pages rendered since the rebuild, in the background or for a request.
    pub rendered: usize,
    /// Pages of the site.
    pub pages: usize,
    pub failed: usize,
    /// From the start of the background rendering.
    pub elapsed: Duration,
}

/// The site being served: the files read and the theme carry over from one rebuild to the next.
pub struct Preview {
    root: PathBuf,
    sources: Option<SourceCache>,
    theme: Option<Arc<CompiledTheme>>,
}

impl Preview {
    pub fn new(root: &Path) -> Self {
        Preview { root: root.to_path_buf(), sources: None, theme: None }
    }

    /// Reads the files that changed (all of them the first time), validates the whole site again
    /// from what was read, and reloads the theme if it changed. Pages are not rendered here: the
    /// new snapshot renders each page when it is asked for. Drafts are included.
    pub fn rebuild(&mut self, changes: &Changes) -> Outcome {
        let start = Instant::now();
        let mut diagnostics = Diagnostics::new();
        let read = self.read(changes);
        let read_time = start.elapsed();
        let sources = self.sources.as_ref().expect("read fills the cache");
        let theme = self.theme.take().filter(|_| !changes.theme && !changes.unknown);
        let loaded = site::prepare(sources, theme, Drafts::Include, &mut diagnostics);
        self.theme = loaded.theme.clone();
        let steps = Steps { read: read_time, validate: loaded.validate_time, theme: loaded.theme_time };
        let text = crate::report::to_text(&diagnostics.clone().sorted(), &loaded.sources, &self.root);
        match (loaded.site, loaded.theme) {
            (Some(site), Some(theme)) if !diagnostics.has_errors() => Outcome::Built {
                snapshot: Arc::new(Snapshot::new(site, theme)),
                files: sources.len(),
                read,
                warnings: text,
                elapsed: start.elapsed(),
                steps,
            },
            _ => Outcome::Failed {
                message: format!(
                    "{text}error: {} error(s), {} warning(s)\n",
                    diagnostics.error_count(),
                    diagnostics.warning_count()
                ),
            },
        }
    }

    /// Brings the files read up to date; returns how many were read (or looked at, on a rescan).
    fn read(&mut self, changes: &Changes) -> usize {
        match &mut self.sources {
            None => {
                let sources = SourceCache::load(&self.root);
                let count = sources.len();
                self.sources = Some(sources);
                count
            }
            Some(sources) if changes.unknown => {
                sources.rescan();
                sources.len()
            }
            Some(sources) => {
                sources.update(changes.files.iter().map(PathBuf::as_path));
                changes.files.len()
            }
        }
    }
}

/// Renders, in the background, the pages of each new snapshot whose inputs changed, so that
/// pages are ready before they are asked for and a page that fails to render is reported without
/// being visited. It gives way to a newer snapshot at once. Pages are rendered one at a time, so
/// that the other core stays free for the page the browser asks for.
fn render_changed_pages(
    shared: &Shared,
    published: Receiver<()>,
    indexer: &Indexer,
    on_render: &mut dyn FnMut(&Rendering),
) {
    let mut done: Option<Arc<Snapshot>> = None;
    while published.recv().is_ok() {
        while published.try_recv().is_ok() {}
        let served = shared.current();
        let Some(snapshot) = served.snapshot.clone() else { continue };
        if done.as_ref().is_some_and(|done| Arc::ptr_eq(done, &snapshot)) {
            continue; // the same site under a new error: nothing new to render
        }
        let start = Instant::now();
        let stale = shared.pages.stale(&snapshot);
        let mut failures = Diagnostics::new();
        for page in &stale.pages {
            if shared.current().generation != served.generation {
                break;
            }
            if let Err(diagnostic) = shared.pages.render_stale(&snapshot, page) {
                failures.push(diagnostic);
            }
        }
        if shared.current().generation != served.generation {
            continue;
        }
        on_render(&Rendering {
            rendered: shared.pages.renders() - served.renders_before,
            pages: stale.pages.len() + stale.unchanged,
            failed: failures.error_count(),
            elapsed: start.elapsed(),
        });
        if failures.has_errors() {
            let message = failure_message(shared, &failures);
            shared.publish_error_at(served.generation, message);
        } else {
            indexer.submit(snapshot.clone(), served.generation);
        }
        done = Some(snapshot);
    }
}

/// Builds the search index on a thread of its own, one core at most, so that indexing never holds
/// up a rebuild or a page. Snapshots that arrive while it works are coalesced: only the newest is
/// indexed. It reads the pages the background renderer has just rendered from the page cache.
struct Indexer {
    /// A snapshot to index and the generation that published it.
    jobs: Sender<(Arc<Snapshot>, u64)>,
}

impl Indexer {
    fn start(shared: Arc<Shared>) -> Self {
        let (jobs, receiver) = channel::<(Arc<Snapshot>, u64)>();
        std::thread::spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
            while let Ok(mut job) = receiver.recv() {
                while let Ok(newer) = receiver.try_recv() {
                    job = newer;
                }
                let (snapshot, generation) = job;
                let built = match &pool {
                    Some(pool) => pool.install(|| index(&shared, &snapshot)),
                    None => index(&shared, &snapshot),
                };
                match built {
                    Ok(files) => shared.publish_search(files),
                    // The last index stays; the message shows over the site until the next rebuild,
                    // unless a newer one has been published meanwhile.
                    Err(diagnostic) => shared.publish_error_at(generation, format!("{diagnostic}\n")),
                }
            }
        });
        Indexer { jobs }
    }

    fn submit(&self, snapshot: Arc<Snapshot>, generation: u64) {
        // The thread ends only with the process.
        let _ = self.jobs.send((snapshot, generation));
    }
}

/// The search index of `snapshot`, from its pages as the page cache holds them; no files when
/// the site has no search.
fn index(shared: &Shared, snapshot: &Snapshot) -> Result<BTreeMap<String, Bytes>, Diagnostic> {
    let site = snapshot.site();
    if !site.config.search {
        return Ok(BTreeMap::new());
    }
    let read = |page: &Page| {
        let bytes = shared.pages.last(page.file());
        let bytes = bytes.ok_or_else(|| Diagnostic::global(format!("`{}` was not rendered", page.file())))?;
        Ok(bytes.to_vec())
    };
    let files = search::bundle(site.config.languages.default_lang(), search::pages(site), &read)?;
    Ok(files.into_iter().map(|file| (file.path, Bytes::from(file.bytes))).collect())
}

fn failure_message(shared: &Shared, failures: &Diagnostics) -> String {
    format!("{}error: {} page(s) failed to render\n", shared.report(failures), failures.error_count())
}

/// The message shown over a page that failed to render when it was asked for.
pub fn page_failure(shared: &Shared, diagnostic: Diagnostic) -> String {
    let mut failures = Diagnostics::new();
    failures.push(diagnostic);
    failure_message(shared, &failures)
}

pub struct Options {
    pub root: PathBuf,
    pub address: IpAddr,
    pub port: u16,
    /// Called once the server listens, with its URL (to print it, or open a browser).
    pub on_ready: Box<dyn FnOnce(&str) + Send>,
    /// Called after each rebuild, with what it did.
    pub on_rebuild: Box<dyn FnMut(&Outcome) + Send>,
    /// Called when the pages a rebuild changed have all been rendered.
    pub on_render: Box<dyn FnMut(&Rendering) + Send>,
}

/// Why `serve` could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken by another program.
    PortInUse(SocketAddr),
    Io(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::PortInUse(address) => write!(f, "the port {} is in use on {}", address.port(), address.ip()),
            ServeError::Io(message) => f.write_str(message),
        }
    }
}

/// Builds, serves and rebuilds on every edit until the process is stopped.
pub fn run(options: Options) -> Result<(), ServeError> {
    let Options { root, address, port, on_ready, mut on_rebuild, mut on_render } = options;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io(format!("cannot start the server: {e}")))?;
    let socket = SocketAddr::new(address, port);
    // Bind before building, so that a taken port is reported at once.
    let listener = runtime.block_on(tokio::net::TcpListener::bind(socket)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse(socket),
        _ => ServeError::Io(format!("cannot listen on {socket}: {e}")),
    })?;
    let bound = listener.local_addr().map_err(|e| ServeError::Io(e.to_string()))?;
    let watcher = watcher::Watcher::start(&root)
        .map_err(|e| ServeError::Io(format!("cannot watch `{}` for changes: {e}", root.display())))?;

    let shared = Arc::new(Shared::new(&root));
    let (wake, published) = channel();
    *shared.published.lock().unwrap_or_else(|e| e.into_inner()) = Some(wake);
    let renderer = shared.clone();
    let indexer = Indexer::start(shared.clone());
    std::thread::spawn(move || render_changed_pages(&renderer, published, &indexer, &mut on_render));
    let mut preview = Preview::new(&root);
    let outcome = preview.rebuild(&Changes::unknown());
    shared.publish(&outcome);
    on_rebuild(&outcome);

    let server = runtime.spawn(server::serve(listener, shared.clone()));
    on_ready(&format!("http://{bound}/"));
    std::thread::spawn(move || {
        while let Some(changes) = watcher.next_change() {
            let outcome = preview.rebuild(&changes);
            shared.publish(&outcome);
            on_rebuild(&outcome);
        }
    });
    match runtime.block_on(server) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(ServeError::Io(format!("the server stopped: {error}"))),
        Err(error) => Err(ServeError::Io(format!("the server stopped: {error}"))),
    }
}
