//! The HTTP side of `serve`: axum on tokio, bound to 127.0.0.1 by default, serving the site from
//! memory. Request paths are checked before any lookup: anything that could step out of the site
//! (`..`, `.`, encoded `/` or `\`, a backslash, a NUL) is refused with 400, even though the site is
//! a map of paths and not a folder, so a refusal never depends on how the map is filled.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use mime_guess::mime;
use tower_http::set_header::SetResponseHeaderLayer;

use super::{Served, Shared, overlay, reload};
use crate::render::incremental::{Found, Snapshot};
use crate::render::pages::PagePlan;

/// Serves until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    let app = Router::new()
        .route(reload::EVENTS_PATH, get(events))
        .fallback(page)
        .with_state(shared)
        // Every response is fresh: after a reload the browser must not show a cached page.
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")));
    axum::serve(listener, app).await
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    shared.reloader.events()
}

async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let Some(key) = site_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "this path is not allowed\n").into_response();
    };
    // Rendering a page can take a while on a large site: off the threads that handle requests.
    let answer = tokio::task::spawn_blocking(move || answer(&shared, &key, uri.path()));
    answer.await.unwrap_or_else(|_| (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be made\n").into_response())
}

fn answer(shared: &Shared, key: &str, request_path: &str) -> Response {
    let served = shared.current();
    let Some(snapshot) = &served.snapshot else {
        let message = served.error.as_deref().unwrap_or("the site has not been built yet");
        return respond(StatusCode::INTERNAL_SERVER_ERROR, "error.html", overlay::page(message).into(), &served, None);
    };
    if let Some(bytes) = shared.search_file(key) {
        return respond(StatusCode::OK, key, bytes, &served, None);
    }
    match snapshot.find(key) {
        Some(Found::Page(plan)) => page_response(shared, &served, snapshot, plan, StatusCode::OK),
        Some(Found::File(bytes)) => respond(StatusCode::OK, key, bytes, &served, None),
        // `/plans` → `/plans/`, so that the page's relative links resolve as they do when deployed.
        None if snapshot.find(&format!("{key}/index.html")).is_some() => {
            let location = format!("{request_path}/");
            (StatusCode::PERMANENT_REDIRECT, [(LOCATION, location)]).into_response()
        }
        None => match snapshot.not_found(key) {
            Some(plan) => page_response(shared, &served, snapshot, plan, StatusCode::NOT_FOUND),
            None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
        },
    }
}

/// A page, rendered now if its inputs changed. A page that fails shows its error over the last
/// version it had, as a failed rebuild does.
fn page_response(
    shared: &Shared,
    served: &Served,
    snapshot: &Snapshot,
    plan: PagePlan,
    status: StatusCode,
) -> Response {
    let path = plan.file(snapshot.site());
    match shared.pages.page(snapshot, plan) {
        Ok(page) => respond(status, &path, page.bytes, served, None),
        Err(diagnostic) => {
            let message = super::page_failure(shared, diagnostic);
            match shared.pages.last(&path) {
                Some(bytes) => respond(status, &path, bytes, served, Some(&message)),
                None => respond(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error.html",
                    overlay::page(&message).into(),
                    served,
                    None,
                ),
            }
        }
    }
}

/// The response for a file of the site; HTML gets the reload script and, after a failed
/// rebuild or render, the error overlay.
fn respond(status: StatusCode, key: &str, bytes: Bytes, served: &Served, page_error: Option<&str>) -> Response {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        let mut addition = reload::script(served.generation);
        if let Some(error) = page_error.or(served.error.as_deref()) {
            addition.push_str(&overlay::html(error));
        }
        Bytes::from(overlay::inject(&bytes, &addition))
    } else {
        bytes
    };
    (status, [(CONTENT_TYPE, content_type)], body).into_response()
}

/// The content type of a file, from its extension; text types are UTF-8, as gongkai writes them.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime::TEXT
        || mime.suffix() == Some(mime::XML)
        || mime.suffix() == Some(mime::JSON)
        || [mime::APPLICATION_JSON, mime::APPLICATION_JAVASCRIPT].contains(&mime)
        || mime.essence_str() == "application/xml";
    if textual { format!("{}; charset=utf-8", mime.essence_str()) } else { mime.essence_str().to_string() }
}

/// The site file a request path names (`/` → `index.html`, `/en/plans/` → `en/plans/index.html`),
/// or `None` when the path is refused.
pub fn site_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    // Encoded separators and NULs are refused before decoding, so no segment can hide one.
    if raw.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|encoded| lower.contains(encoded)) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let relative = decoded.strip_prefix('/')?;
    let mut segments = relative.split('/').peekable();
    while let Some(segment) = segments.next() {
        // Only the last segment may be empty (`/plans/`): `//` could make an absolute path.
        let empty_inside = segment.is_empty() && segments.peek().is_some();
        if segment == ".." || segment == "." || empty_inside {
            return None;
        }
    }
    if relative.is_empty() || relative.ends_with('/') {
        Some(format!("{relative}index.html"))
    } else {
        Some(relative.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_request_paths_to_site_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/en/plans/").as_deref(), Some("en/plans/index.html"));
        assert_eq!(site_path("/static/style.css").as_deref(), Some("static/style.css"));
        assert_eq!(site_path("/schools/%E5%AD%A6/").as_deref(), Some("schools/学/index.html"));
    }

    #[test]
    fn refuses_paths_that_step_out_of_the_site() {
        for path in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/static%2f..%2f..%2fgongkai.yaml",
            "/..\\gongkai.yaml",
            "/%5c..%5cgongkai.yaml",
            "/./index.html",
            "/a%00b",
            "//etc/passwd",
            "relative",
        ] {
            assert_eq!(site_path(path), None, "{path}");
        }
    }

    #[test]
    fn gives_each_file_its_content_type() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("static/icon.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("data/indicators.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("data/indicators.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("static/logo.png"), "image/png");
    }
}
