//! The publishing recipe in docs/deploy.md, tested: a real nginx serves the freshly built example
//! site with docs/nginx.conf (only `listen` and `root` replaced), and every file comes back with the
//! right type, cache lifetime and security headers.
//!
//! nginx comes from Debian (`apt-get install nginx`). Without it the test fails in CI (`CI` set)
//! and is skipped, with a message, elsewhere.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestSite, assert_success, repo};

const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// Indicator pages, which load the selector over their breakdowns from the site's own file.
const INDICATOR_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// The search pages and the search index, whose script runs pagefind's WebAssembly.
const SEARCH_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const PAGE_CACHE: &str = "public, max-age=300";
const ASSET_CACHE: &str = "public, max-age=31536000, immutable";

/// A running nginx, stopped when dropped. Its prefix folder holds the configuration and logs.
struct Nginx {
    child: Child,
    prefix: tempfile::TempDir,
    port: u16,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    fn start(binary: &Path, site_root: &Path) -> Nginx {
        let prefix = tempfile::tempdir().unwrap();
        let port = free_port();
        let p = prefix.path();
        std::fs::copy(mime_types(binary), p.join("mime.types")).unwrap();
        std::fs::write(p.join("gongkai.conf"), site_config(site_root, port)).unwrap();
        let temp = |name: &str| p.join(name).display().to_string();
        // One process, in the foreground, as the current user: no privileges are needed or dropped.
        let main = format!(
            "daemon off;\nmaster_process off;\npid {pid};\nerror_log {log} warn;\nevents {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {body};\n  proxy_temp_path {proxy};\n  \
             fastcgi_temp_path {fastcgi};\n  uwsgi_temp_path {uwsgi};\n  scgi_temp_path {scgi};\n  include gongkai.conf;\n}}\n",
            pid = temp("nginx.pid"),
            log = temp("error.log"),
            body = temp("body"),
            proxy = temp("proxy"),
            fastcgi = temp("fastcgi"),
            uwsgi = temp("uwsgi"),
            scgi = temp("scgi"),
        );
        std::fs::write(p.join("nginx.conf"), main).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(p)
            .arg("-c")
            .arg(p.join("nginx.conf"))
            .arg("-e")
            .arg(p.join("error.log"))
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut nginx = Nginx { child, prefix, port };
        nginx.wait_until_listening();
        nginx
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("nginx exited with {status}:\n{}", self.error_log());
            }
            assert!(Instant::now() < deadline, "nginx is not listening after 20 s:\n{}", self.error_log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.prefix.path().join("error.log")).unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// docs/nginx.conf with the example's `listen` and `root` lines replaced; each must be there exactly
/// once, so the test cannot drift away from the documented file.
fn site_config(site_root: &Path, port: u16) -> String {
    let text = std::fs::read_to_string(repo().join("docs/nginx.conf")).unwrap();
    let replacements = [
        ("    listen 80;\n", format!("    listen 127.0.0.1:{port};\n")),
        ("    listen [::]:80;\n", String::new()),
        ("    root /srv/gongkai/public;\n", format!("    root {};\n", site_root.display())),
    ];
    replacements.into_iter().fold(text, |text, (from, to)| {
        assert_eq!(text.matches(from).count(), 1, "docs/nginx.conf should contain `{}` once", from.trim());
        text.replace(from, &to)
    })
}

/// The MIME types that come with the nginx package, which docs/nginx.conf includes.
fn mime_types(binary: &Path) -> PathBuf {
    let output = Command::new(binary).arg("-V").output().unwrap();
    let configure = String::from_utf8_lossy(&output.stderr).into_owned();
    let conf_path = configure.split_whitespace().find_map(|flag| flag.strip_prefix("--conf-path="));
    let dir = conf_path.and_then(|p| Path::new(p).parent().map(Path::to_path_buf));
    let path = dir.unwrap_or_else(|| PathBuf::from("/etc/nginx")).join("mime.types");
    assert!(path.is_file(), "nginx's mime.types is not at {}", path.display());
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// nginx from PATH or Debian's /usr/sbin (not in a normal user's PATH).
fn find_nginx() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")])
        .map(|dir| dir.join("nginx"))
        .find(|candidate| candidate.is_file())
}

struct Response {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

fn get(agent: &ureq::Agent, url: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let body = response.body_mut().with_config().limit(64 << 20).read_to_vec().unwrap();
    Response { status: response.status().as_u16(), headers: response.headers().clone(), body }
}

/// The Content-Type nginx must send for each kind of file gongkai writes.
fn expected_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map_or("", |(_, extension)| extension) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "xml" => "text/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "js" => "application/javascript; charset=utf-8",
        "png" => "image/png",
        // The search index: gzipped data that pagefind's script fetches and unpacks itself.
        "pf_meta" | "pf_index" | "pf_fragment" | "pf_filter" | "pagefind" => "application/octet-stream",
        "woff2" => "font/woff2",
        _ => panic!("gongkai writes `{path}`: add its type to docs/nginx.conf if needed, and here"),
    }
}

fn assert_security_headers(response: &Response, what: &str) {
    let search = what.ends_with("/search/") || what.starts_with("/pagefind/");
    let indicator = what.split_once("/indicators/").is_some_and(|(_, id)| !id.is_empty() && !id.contains('.'));
    let policy = if search {
        SEARCH_CSP
    } else if indicator {
        INDICATOR_CSP
    } else {
        CSP
    };
    assert_eq!(response.header("content-security-policy"), policy, "{what}");
    assert_eq!(response.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(response.header("referrer-policy"), "strict-origin-when-cross-origin", "{what}");
}

/// Resources a page loads (stylesheets, images, scripts) must come from the site itself, or the
/// CSP above blocks them.
fn assert_same_origin_resources(html: &str, page: &str) {
    let loaded = html
        .split(r#"rel="stylesheet" href=""#)
        .skip(1)
        .chain(html.split(r#" src=""#).skip(1))
        .map(|rest| &rest[..rest.find('"').unwrap_or(rest.len())]);
    for url in loaded {
        let same_origin = url.starts_with('/') && !url.starts_with("//");
        assert!(same_origin || url.starts_with("data:image/"), "{page} loads `{url}` from elsewhere");
    }
}

#[test]
fn nginx_serves_the_built_site_with_the_documented_configuration() {
    let Some(binary) = find_nginx() else {
        if std::env::var_os("CI").is_some() {
            panic!("nginx is not installed, and CI must run this test: apt-get install -y nginx");
        }
        eprintln!("skipped: nginx is not installed (apt-get install nginx); in CI this test fails instead");
        return;
    };
    let site = TestSite::example();
    assert_success(&site.run(&["build", "--quiet"]));
    let nginx = Nginx::start(&binary, &site.public());
    let agent = agent();

    // Every file of the site, pages by their folder URL, with its bytes, type and headers.
    let files = common::snapshot(&site.public());
    let mut kinds = std::collections::BTreeSet::new();
    for (path, bytes) in &files {
        let path = path.to_string_lossy().replace('\\', "/");
        if path == gongkai::output::MARKER {
            continue;
        }
        let url_path = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        let response = get(&agent, &nginx.url(&url_path), &[]);
        assert_eq!(response.status, 200, "{url_path}");
        assert!(&response.body == bytes, "{url_path} is not the built file");
        assert_eq!(response.header("content-type"), expected_type(&path), "{url_path}");
        let cache = if path.starts_with("static/") { ASSET_CACHE } else { PAGE_CACHE };
        assert_eq!(response.header("cache-control"), cache, "{url_path}");
        assert_security_headers(&response, &url_path);
        if path.ends_with(".html") {
            assert_same_origin_resources(&String::from_utf8_lossy(bytes), &url_path);
        }
        kinds.insert(path.rsplit_once('.').map_or(String::new(), |(_, e)| e.to_string()));
    }
    for kind in ["html", "css", "xml", "txt"] {
        assert!(kinds.contains(kind), "the example site has no .{kind} file to check");
    }

    // Both languages are served at their roots.
    let zh = get(&agent, &nginx.url("/"), &[]);
    assert!(String::from_utf8_lossy(&zh.body).contains(r#"<html lang="zh-Hans">"#));
    let en = get(&agent, &nginx.url("/en/"), &[]);
    assert!(String::from_utf8_lossy(&en.body).contains(r#"<html lang="en">"#));
    let redirect = get(&agent, &nginx.url("/en"), &[]);
    assert_eq!((redirect.status, redirect.header("location")), (301, "/en/"));

    // A missing page gets the 404 page of its language, with the same headers.
    for (url, page) in [("/no-such-page/", "404.html"), ("/en/no-such-page/", "en/404.html")] {
        let response = get(&agent, &nginx.url(url), &[]);
        assert_eq!(response.status, 404, "{url}");
        assert!(response.body == files[Path::new(page)], "{url} does not show {page}");
        assert_eq!(response.header("content-type"), "text/html; charset=utf-8", "{url}");
        assert_security_headers(&response, url);
    }
    let marker = get(&agent, &nginx.url(&format!("/{}", gongkai::output::MARKER)), &[]);
    assert_eq!(marker.status, 404, "the build marker is served");

    // Compressed when the browser accepts it; caches are told the response varies.
    let stylesheet = files
        .keys()
        .find(|p| p.starts_with("static/") && p.extension().is_some_and(|e| e == "css"))
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let gzipped = get(&agent, &nginx.url(&format!("/{stylesheet}")), &[("Accept-Encoding", "gzip")]);
    assert_eq!(gzipped.header("content-encoding"), "gzip");
    assert_eq!(gzipped.header("vary"), "Accept-Encoding");
    assert!(gzipped.body.len() < files[Path::new(&stylesheet)].len());

    // 404s are logged as `[error] open() … failed`; anything worse means a broken configuration.
    let log = nginx.error_log();
    assert!(!["[emerg]", "[alert]", "[crit]"].iter().any(|level| log.contains(level)), "nginx:\n{log}");
}

#[test]
fn deploy_guide_shows_the_tested_configuration() {
    let guide = std::fs::read_to_string(repo().join("docs/deploy.md")).unwrap();
    let config = std::fs::read_to_string(repo().join("docs/nginx.conf")).unwrap();
    assert!(guide.contains(&format!("```nginx\n{config}```")), "docs/deploy.md must show docs/nginx.conf as it is");
}
