//! Live reload over Server-Sent Events.
//!
//! Every rebuild, good or bad, gets a new generation number and a `reload` event. A page is served
//! with the generation it came from; when its event stream connects it is told the current one
//! (`generation` event) and reloads if it missed a rebuild while loading. The script is added to
//! pages only as they are served: `public/` and `build` never contain it.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// The path of the event stream; no page of a site can have it (ids have no `_`).
pub const EVENTS_PATH: &str = "/__gongkai/events";

pub struct Reloader {
    generation: AtomicU64,
    sender: broadcast::Sender<u64>,
}

impl Default for Reloader {
    fn default() -> Self {
        Self::new()
    }
}

impl Reloader {
    pub fn new() -> Self {
        Reloader { generation: AtomicU64::new(0), sender: broadcast::channel(16).0 }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Tells every open page that the site changed and is now at `generation`.
    pub fn reload(&self, generation: u64) {
        self.generation.store(generation, Ordering::SeqCst);
        // No receivers (no page open) is not an error.
        let _ = self.sender.send(generation);
    }

    /// The event stream for one page: the current generation, then one event per rebuild.
    pub fn events(&self) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
        let receiver = self.sender.subscribe();
        let current = Event::default().event("generation").data(self.generation().to_string());
        let updates = BroadcastStream::new(receiver).filter_map(|generation| match generation {
            Ok(generation) => Some(Event::default().event("reload").data(generation.to_string())),
            // The page fell behind by several rebuilds: one reload covers them all.
            Err(_) => Some(Event::default().event("reload").data("lagged")),
        });
        let stream = tokio_stream::once(current).chain(updates).map(Ok);
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
    }
}

/// The script that reloads the page, for a page served at `generation`.
pub fn script(generation: u64) -> String {
    format!(
        "<script>(() => {{ const served = {generation}; const events = new EventSource(\"{EVENTS_PATH}\"); \
         events.addEventListener(\"generation\", (e) => {{ if (Number(e.data) !== served) location.reload(); }}); \
         events.addEventListener(\"reload\", () => location.reload()); }})();</script>"
    )
}
