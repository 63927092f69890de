//! `gongkai serve`: the site in a browser while it is being written.
//!
//! One thread waits for edits ([`watcher`]), rebuilds into memory, re-rendering only the pages
//! whose inputs changed ([`crate::render::incremental`]), and publishes the result; the HTTP
//! server ([`server`]) serves the last published site and tells open pages to reload
//! ([`reload`]). A failed rebuild keeps the last good site and adds the error to every page
//! ([`overlay`]). The search index is built on a thread of its own after each good rebuild
//! ([`Indexer`]), so a save is served as soon as its pages are; until the new index is ready the
//! last one is served. Nothing is written to disk.

pub mod overlay;
pub mod reload;
pub mod server;
pub mod watcher;

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::diagnostics::Diagnostics;
use crate::render::incremental::PageCache;
use crate::render::search::{self, Page};
use crate::render::{self, Theme};
use crate::site::{self, Drafts};
use watcher::Change;

/// The site as served: the files of the last good build and, when the latest rebuild failed, its
/// message.
#[derive(Default)]
pub struct Served {
    pub files: BTreeMap<String, Bytes>,
    pub error: Option<String>,
    /// Counts rebuilds; pages carry it so that a page that missed one reloads.
    pub generation: u64,
}

/// What the rebuilding thread, the indexing thread and the server share.
#[derive(Default)]
pub struct Shared {
    served: RwLock<Arc<Served>>,
    /// The files of the last search index, served beside every rebuild's pages.
    search: RwLock<BTreeMap<String, Bytes>>,
    pub reloader: reload::Reloader,
}

impl Shared {
    pub fn current(&self) -> Arc<Served> {
        self.served.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Publishes a rebuild: new files, or the error over the last good files.
    fn publish(&self, outcome: &Outcome) {
        let generation = {
            let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
            let generation = served.generation + 1;
            let files = match outcome {
                Outcome::Built { files, .. } => {
                    let index = self.search.read().unwrap_or_else(|e| e.into_inner());
                    files.iter().chain(index.iter()).map(|(path, bytes)| (path.clone(), bytes.clone())).collect()
                }
                Outcome::Failed { .. } => served.files.clone(),
            };
            let error = match outcome {
                Outcome::Built { .. } => None,
                Outcome::Failed { message } => Some(message.clone()),
            };
            *served = Arc::new(Served { files, error, generation });
            generation
        };
        self.reloader.reload(generation);
    }

    /// Replaces the search index under the served pages. Open pages are not reloaded: only a
    /// search run after this sees the new index.
    fn publish_search(&self, index: BTreeMap<String, Bytes>) {
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        let mut old = self.search.write().unwrap_or_else(|e| e.into_inner());
        let mut files = served.files.clone();
        files.retain(|path, _| !old.contains_key(path));
        files.extend(index.iter().map(|(path, bytes)| (path.clone(), bytes.clone())));
        *old = index;
        *served = Arc::new(Served { files, error: served.error.clone(), generation: served.generation });
    }
}

/// The pages to index after a good rebuild, with their bytes; `None` when the site has no search.
type SearchJob = Option<(Vec<Page>, BTreeMap<String, Bytes>)>;

/// Builds the search index on a thread of its own, one core at most, so that indexing never holds
/// up a rebuild. Jobs that arrive while it works are coalesced: only the newest is indexed.
struct Indexer {
    jobs: mpsc::Sender<SearchJob>,
}

impl Indexer {
    fn start(shared: Arc<Shared>) -> Self {
        let (jobs, receiver) = mpsc::channel::<SearchJob>();
        std::thread::spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
            while let Ok(mut job) = receiver.recv() {
                while let Ok(newer) = receiver.try_recv() {
                    job = newer;
                }
                let Some((pages, files)) = job else {
                    shared.publish_search(BTreeMap::new());
                    continue;
                };
                let read = |page: &Page| {
                    let bytes = files.get(page.file()).ok_or_else(|| {
                        crate::diagnostics::Diagnostic::global(format!("`{}` was not rendered", page.file()))
                    })?;
                    Ok(bytes.to_vec())
                };
                let built = match &pool {
                    Some(pool) => pool.install(|| search::bundle(pages, &read)),
                    None => search::bundle(pages, &read),
                };
                match built {
                    Ok(files) => shared
                        .publish_search(files.into_iter().map(|file| (file.path, Bytes::from(file.bytes))).collect()),
                    // The last index stays; the message shows over the site until the next rebuild.
                    Err(diagnostic) => shared.publish(&Outcome::Failed { message: format!("{diagnostic}\n") }),
                }
            }
        });
        Indexer { jobs }
    }

    fn submit(&self, job: SearchJob) {
        // The thread ends only with the process.
        let _ = self.jobs.send(job);
    }
}

/// The result of one rebuild.
pub enum Outcome {
    Built {
        files: BTreeMap<String, Bytes>,
        /// Pages rendered this time; the others were unchanged.
        rendered: usize,
        reused: usize,
        warnings: String,
        elapsed: Duration,
        /// What the search index is to be built from.
        search: SearchJob,
    },
    /// The located messages, as `gongkai build` prints them.
    Failed { message: String },
}

/// The site being served: the theme and the rendered pages carry over from one rebuild to the next.
pub struct Preview {
    root: PathBuf,
    theme: Option<Theme>,
    cache: PageCache,
}

impl Preview {
    pub fn new(root: &Path) -> Self {
        crate::markdown::remember_renders();
        Preview { root: root.to_path_buf(), theme: None, cache: PageCache::new() }
    }

    /// Loads and validates the whole site again (reading is cheap next to rendering), reloads the
    /// theme if it changed, and renders the pages whose inputs changed. Drafts are included.
    pub fn rebuild(&mut self, changes: &BTreeSet<Change>) -> Outcome {
        let start = Instant::now();
        let mut diagnostics = Diagnostics::new();
        let loaded = site::load(&self.root, Drafts::Include, &mut diagnostics);
        if self.theme.is_none() || changes.contains(&Change::Theme) {
            self.theme = render::load_theme(&self.root, &mut diagnostics);
        }
        let rendered = match (&loaded.site, &self.theme) {
            (Some(site), Some(theme)) if !diagnostics.has_errors() => {
                let rendered = self.cache.render(site, theme, &mut diagnostics);
                let search = search_job(site, &rendered.files);
                Some((rendered, search))
            }
            _ => None,
        };
        let text = crate::report::to_text(&diagnostics.clone().sorted(), &loaded.sources, &self.root);
        match rendered {
            Some((rendered, search)) if !diagnostics.has_errors() => Outcome::Built {
                files: rendered.files,
                rendered: rendered.rendered.len(),
                reused: rendered.reused,
                warnings: text,
                elapsed: start.elapsed(),
                search,
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
}

/// The indexed pages of a rendered site, sharing its bytes.
fn search_job(site: &crate::model::Site, files: &BTreeMap<String, Bytes>) -> SearchJob {
    site.config.search.then(|| {
        let pages = search::pages(site);
        let bytes = pages.iter().filter_map(|p| Some((p.file().to_string(), files.get(p.file())?.clone()))).collect();
        (pages, bytes)
    })
}

pub struct Options {
    pub root: PathBuf,
    pub address: IpAddr,
    pub port: u16,
    /// Called once the server listens, with its URL (to print it, or open a browser).
    pub on_ready: Box<dyn FnOnce(&str) + Send>,
    /// Called after each rebuild, with what it did.
    pub on_rebuild: Box<dyn FnMut(&Outcome) + Send>,
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
    let Options { root, address, port, on_ready, mut on_rebuild } = options;
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

    let shared = Arc::new(Shared::default());
    let indexer = Indexer::start(shared.clone());
    let mut preview = Preview::new(&root);
    let rebuilt = shared.clone();
    let mut publish = move |outcome: Outcome| {
        rebuilt.publish(&outcome);
        on_rebuild(&outcome);
        if let Outcome::Built { search, .. } = outcome {
            indexer.submit(search);
        }
    };
    publish(preview.rebuild(&BTreeSet::from([Change::Config])));

    let server = runtime.spawn(server::serve(listener, shared.clone()));
    on_ready(&format!("http://{bound}/"));
    std::thread::spawn(move || {
        while let Some(changes) = watcher.next_change() {
            publish(preview.rebuild(&changes));
        }
    });
    match runtime.block_on(server) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(ServeError::Io(format!("the server stopped: {error}"))),
        Err(error) => Err(ServeError::Io(format!("the server stopped: {error}"))),
    }
}
