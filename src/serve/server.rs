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

use super::{Shared, overlay, reload};

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
    let served = shared.current();
    if served.files.is_empty() {
        let message = served.error.as_deref().unwrap_or("the site has not been built yet");
        return respond(StatusCode::INTERNAL_SERVER_ERROR, "error.html", overlay::page(message).into(), &served);
    }
    if let Some(bytes) = served.files.get(&key) {
        return respond(StatusCode::OK, &key, bytes.clone(), &served);
    }
    // `/plans` → `/plans/`, so that the page's relative links resolve as they do when deployed.
    if served.files.contains_key(&format!("{key}/index.html")) {
        let location = format!("{}/", uri.path());
        return (StatusCode::PERMANENT_REDIRECT, [(LOCATION, location)]).into_response();
    }
    let not_found = if key.starts_with("en/") { "en/404.html" } else { "404.html" };
    match served.files.get(not_found) {
        Some(bytes) => respond(StatusCode::NOT_FOUND, not_found, bytes.clone(), &served),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// The response for a file of the site; HTML gets the reload script and, after a failed
/// rebuild, the error overlay.
fn respond(status: StatusCode, key: &str, bytes: Bytes, served: &super::Served) -> Response {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        let mut addition = reload::script(served.generation);
        if let Some(error) = &served.error {
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
