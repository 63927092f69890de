//! `gongkai serve` end to end: the real binary on a free port, against a temporary copy of a
//! fixture site, spoken to over plain HTTP (so that requests reach the server unnormalised).
//! Every wait is a bounded loop with a generous limit; nothing asserts on time.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TestSite, assert_success};

const LIMIT: Duration = Duration::from_secs(120);
const SHOWCASE: &str = "content/showcases/pairing-story.zh.md";
const SHOWCASE_PAGE: &str = "/showcases/pairing-story/";

struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    site: TestSite,
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

impl Server {
    fn start(site: TestSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut server = Server { child, port: 0, log, site };
        server.wait_for_log("serving `");
        let log = server.log();
        let address = log.split("http://127.0.0.1:").nth(1).unwrap();
        server.port = address.split('/').next().unwrap().parse().unwrap();
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn wait_for_log(&mut self, text: &str) {
        let start = Instant::now();
        while !self.log().contains(text) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("serve exited with {status}:\n{}", self.log());
            }
            assert!(start.elapsed() < LIMIT, "`{text}` never appeared in the log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A GET with the path exactly as given.
    fn get(&self, path: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(LIMIT)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Response { status, headers: head.to_string(), body: body.to_string() }
    }

    /// Connects to the reload event stream; returns the event names as they arrive, once the
    /// stream has said which generation it is at (so no later event can be missed).
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET /__gongkai/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ")
                    && sender.send(name.to_string()).is_err()
                {
                    break;
                }
            }
        });
        let events = Events(receiver);
        events.wait_for("generation");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events(Receiver<String>);

impl Events {
    fn wait_for(&self, name: &str) {
        let start = Instant::now();
        loop {
            let left = LIMIT.saturating_sub(start.elapsed());
            match self.0.recv_timeout(left) {
                Ok(event) if event == name => return,
                Ok(_) => {}
                Err(_) => panic!("no `{name}` event within {LIMIT:?}"),
            }
        }
    }
}

fn serve_minimal() -> Server {
    Server::start(TestSite::fixture("minimal"))
}

#[test]
fn serves_new_content_after_an_edit_and_sends_a_reload_event() {
    let server = serve_minimal();
    let before = server.get(SHOWCASE_PAGE);
    assert_eq!(before.status, 200);
    assert!(before.body.contains("两校互派教师"));
    let events = server.events();
    server.site.edit(SHOWCASE, "两校互派教师", "两校每学期互派四名教师");
    events.wait_for("reload");
    let after = server.get(SHOWCASE_PAGE);
    assert!(after.body.contains("两校每学期互派四名教师"), "{}", after.body);
    // The English page shows the Chinese body as a fallback: it was rendered again too.
    assert!(server.get("/en/showcases/pairing-story/").status == 200);
}

#[test]
fn a_broken_save_shows_the_error_over_the_last_good_site_until_it_is_fixed() {
    let server = serve_minimal();
    let events = server.events();
    server.site.edit(SHOWCASE, "date: 2019-06-01", "date: 2019-13-45");
    events.wait_for("reload");
    let broken = server.get(SHOWCASE_PAGE);
    assert_eq!(broken.status, 200);
    assert!(broken.body.contains("id=\"gongkai-error\""), "no overlay:\n{}", broken.body);
    // The same located message the CLI prints: file, line and column, message, hint.
    assert!(broken.body.contains("content/showcases/pairing-story.zh.md:3:7"), "{}", broken.body);
    assert!(broken.body.contains("is not a date"));
    assert!(broken.body.contains("hint:"));
    // … over the last good version of the page.
    assert!(broken.body.contains("两校互派教师"));
    assert!(server.get("/").body.contains("id=\"gongkai-error\""));
    assert!(server.log().contains("pairing-story.zh.md:3:7"));

    server.site.edit(SHOWCASE, "date: 2019-13-45", "date: 2019-06-01");
    events.wait_for("reload");
    let fixed = server.get(SHOWCASE_PAGE);
    assert!(!fixed.body.contains("gongkai-error"), "the overlay stayed after the fix");
    assert!(fixed.body.contains("两校互派教师"));
}

#[test]
fn requests_that_leave_the_site_are_refused() {
    let server = serve_minimal();
    for path in [
        "/../gongkai.yaml",
        "/static/../../gongkai.yaml",
        "/%2e%2e/gongkai.yaml",
        "/static/%2E%2E/%2E%2E/gongkai.yaml",
        "/static%2f..%2f..%2fgongkai.yaml",
        "/..\\gongkai.yaml",
        "/static/..%5c..%5cgongkai.yaml",
        "//etc/passwd",
    ] {
        let response = server.get(path);
        assert!(response.status >= 400 && response.status < 500, "{path}: {}", response.status);
        assert!(!response.body.contains("test.example.gov.cn"), "{path} leaked the config");
    }
    assert_eq!(server.get("/no/such/page/").status, 404);
}

#[test]
fn files_are_served_with_their_content_types() {
    let server = serve_minimal();
    // Static files carry a content hash in their names: take their addresses from the page.
    let home = server.get("/").body;
    let linked = |rel: &str| -> String {
        let tag = home.split("<link ").find(|tag| tag.contains(&format!(r#"rel="{rel}""#))).expect(rel);
        tag.split(r#"href=""#).nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    let (stylesheet, icon) = (linked("stylesheet"), linked("icon"));
    let expected = [
        ("/", "text/html; charset=utf-8"),
        ("/en/plans/test-plan/", "text/html; charset=utf-8"),
        (stylesheet.as_str(), "text/css; charset=utf-8"),
        (icon.as_str(), "image/svg+xml; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ];
    for (path, content_type) in expected {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(content_type), "{path}");
    }
    // A folder without its slash is redirected, so relative links resolve as when deployed.
    let redirect = server.get("/plans");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/plans/"));
}

#[test]
fn the_reload_script_is_only_in_served_pages_and_nothing_is_written() {
    let server = serve_minimal();
    assert!(server.get("/").body.contains("/__gongkai/events"));
    assert!(!server.site.public().exists(), "serve wrote the output folder");
    assert_success(&server.site.build());
    for (path, bytes) in server.site.snapshot() {
        assert!(!String::from_utf8_lossy(&bytes).contains("__gongkai"), "{} has the reload script", path.display());
    }
}

#[test]
fn drafts_are_served_with_their_label_and_never_built() {
    let site = TestSite::fixture("minimal");
    let draft = site.read_source(SHOWCASE).replace("sample: true", "sample: true\ndraft: true");
    site.write("content/showcases/draft-story.zh.md", &draft);
    let server = Server::start(site);
    let page = server.get("/showcases/draft-story/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("notice-draft"), "no draft label:\n{}", page.body);
    assert!(server.get("/showcases/").body.contains("badge-draft"));
    assert_success(&server.site.build());
    assert!(!server.site.public().join("showcases/draft-story").exists());
    assert!(!server.site.page("showcases/index.html").contains("badge-draft"));
}

#[test]
fn a_taken_port_is_reported_clearly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = TestSite::fixture("minimal");
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains(&format!("the port {port} is in use")), "{}", run.stderr);
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);
}

#[test]
fn a_save_by_writing_a_temporary_file_and_renaming_it_over_is_seen() {
    let server = serve_minimal();
    let events = server.events();
    let target = server.site.root().join(SHOWCASE);
    let temporary = target.with_file_name(".pairing-story.zh.md.swp");
    let text = server.site.read_source(SHOWCASE).replace("两校互派教师", "两校改为整学年互派教师");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &target).unwrap();
    events.wait_for("reload");
    assert!(server.get(SHOWCASE_PAGE).body.contains("两校改为整学年互派教师"));
}

#[test]
fn a_page_that_fails_to_render_shows_its_error_and_the_fix_clears_it() {
    let server = Server::start(TestSite::example());
    let template = "themes/default/templates/showcase.html";
    let page = "/showcases/cd-baseline-assessment-2020/";
    let overlay = "id=\"gongkai-error\"";
    assert!(!server.get(page).body.contains(overlay));
    let events = server.events();
    server.site.edit(template, "<article>", "<article>{{ no_such_value.field }}");
    events.wait_for("reload");
    // The page is rendered as it is asked for: its error, over the page as it was.
    let broken = server.get(page);
    assert!(broken.body.contains(overlay), "no overlay:\n{}", broken.body);
    assert!(broken.body.contains("showcase.html:3:"), "{}", broken.body);
    assert!(broken.body.contains("起点评估"), "the last good page is under the error");
    // Rendering the changed pages in the background finds every page that fails, and shows the
    // error on all pages, visited or not.
    wait_until("the error is shown on the home page", || server.get("/").body.contains(overlay));
    assert!(server.log().contains("failed"), "{}", server.log());

    server.site.edit(template, "<article>{{ no_such_value.field }}", "<article>");
    wait_until("the fix clears the error", || !server.get(page).body.contains(overlay));
    assert!(!server.get("/").body.contains(overlay));
}

/// Waits, within the limit, until `done` holds.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < LIMIT, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
