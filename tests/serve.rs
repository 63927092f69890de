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
    let mut server = serve_minimal();
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
    server.wait_for_log("pairing-story.zh.md:3:7");

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
        "/%2F%2Fetc/passwd",
        "/%2f..%2f..%2fgongkai.yaml",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "/%252e%252e/gongkai.yaml",
        "/%252e%252e%252fgongkai.yaml",
        "/%c0%ae%c0%ae/gongkai.yaml",
        "/content/plans/test-plan.yaml",
        "/gongkai.yaml",
        "/index.html%00.yaml",
    ] {
        let response = server.get(path);
        assert!(response.status >= 400 && response.status < 500, "{path}: {}", response.status);
        // Texts of the config, a content file and /etc/passwd, none of which any page shows.
        for source in ["showcases_per_page:", "document_number:", "root:x:0:0"] {
            assert!(!response.body.contains(source), "{path} leaked a file holding `{source}`");
        }
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
fn the_search_index_is_built_in_the_background_and_again_after_a_save() {
    let server = serve_minimal();
    let entry = || {
        let start = Instant::now();
        loop {
            let response = server.get("/pagefind/pagefind-entry.json");
            if response.status == 200 {
                return response.body;
            }
            assert!(start.elapsed() < LIMIT, "no search index within {LIMIT:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let before = entry();
    assert!(before.contains("\"zh-hans\"") && before.contains("\"en\""), "{before}");
    assert!(server.get("/search/").body.contains(r#"data-bundle="/pagefind/""#));
    server.site.edit(SHOWCASE, "两校互派教师", "两校每学期互派四名骨干教师");
    let start = Instant::now();
    // The index of the Chinese pages changes, and with it the name of its metadata.
    while entry() == before {
        assert!(start.elapsed() < LIMIT, "the index was not rebuilt after the save");
        std::thread::sleep(Duration::from_millis(50));
    }
    let meta = entry().split("\"hash\":\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert_eq!(server.get(&format!("/pagefind/pagefind.{meta}.pf_meta")).status, 200);
}

/// A GET on a fresh connection: the status and the body's bytes.
fn fetch(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(LIMIT)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8_lossy(&bytes[..end]);
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, bytes[end + 4..].to_vec())
}

/// What a request must be answered with.
enum Expected {
    /// The built file's bytes, unchanged.
    File(u16, Vec<u8>),
    /// The built page, with the reload script added before `</body>`.
    Page(u16, Vec<u8>),
    /// Refused before any lookup.
    Refused,
}

impl Expected {
    fn check(&self, path: &str, (status, body): &(u16, Vec<u8>)) -> Result<(), String> {
        let ok = match self {
            Expected::File(want, bytes) => status == want && body == bytes,
            Expected::Page(want, page) => {
                let end = page.windows(7).rposition(|w| w == b"</body>").unwrap();
                status == want && body.starts_with(&page[..end]) && body.ends_with(&page[end..])
            }
            Expected::Refused => *status == 400,
        };
        if ok { Ok(()) } else { Err(format!("{path}: status {status}, {} bytes, not as built", body.len())) }
    }
}

#[test]
fn a_burst_of_concurrent_requests_is_answered_in_full_and_the_server_stays_healthy() {
    let site = TestSite::fixture("minimal");
    let built = tempfile::tempdir().unwrap();
    assert_success(&site.run(&["build", "--output", built.path().to_str().unwrap()]));
    let file = |relative: &str| std::fs::read(built.path().join(relative)).unwrap();
    let home = String::from_utf8(file("index.html")).unwrap();
    let stylesheet = home.split(r#"<link rel="stylesheet" href=""#).nth(1).unwrap().split('"').next().unwrap();
    let icon = home.split(r#"<link rel="icon" href=""#).nth(1).unwrap().split('"').next().unwrap();
    let requests: Vec<(String, Expected)> = vec![
        ("/".into(), Expected::Page(200, file("index.html"))),
        ("/en/".into(), Expected::Page(200, file("en/index.html"))),
        ("/plans/test-plan/".into(), Expected::Page(200, file("plans/test-plan/index.html"))),
        ("/en/indicators/quality-share/".into(), Expected::Page(200, file("en/indicators/quality-share/index.html"))),
        ("/showcases/pairing-story/".into(), Expected::Page(200, file("showcases/pairing-story/index.html"))),
        (stylesheet.into(), Expected::File(200, file(stylesheet.trim_start_matches('/')))),
        (icon.into(), Expected::File(200, file(icon.trim_start_matches('/')))),
        ("/data/indicators.csv".into(), Expected::File(200, file("data/indicators.csv"))),
        ("/data/indicators/quality-share.json".into(), Expected::File(200, file("data/indicators/quality-share.json"))),
        ("/feed.xml".into(), Expected::File(200, file("feed.xml"))),
        ("/sitemap.xml".into(), Expected::File(200, file("sitemap.xml"))),
        ("/no/such/page/".into(), Expected::Page(404, file("404.html"))),
        ("/en/no-such-page".into(), Expected::Page(404, file("en/404.html"))),
        ("/%2e%2e/gongkai.yaml".into(), Expected::Refused),
        ("/static/..%5c..%5cgongkai.yaml".into(), Expected::Refused),
        ("//etc/passwd".into(), Expected::Refused),
    ];
    let mut server = Server::start(site);
    let port = server.port;
    let requests = Arc::new(requests);
    const CLIENTS: usize = 32;
    const REQUESTS_EACH: usize = 50;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let requests = requests.clone();
            std::thread::spawn(move || -> Vec<String> {
                (0..REQUESTS_EACH)
                    .filter_map(|n| {
                        let (path, expected) = &requests[(client * 7 + n) % requests.len()];
                        expected.check(path, &fetch(port, path)).err()
                    })
                    .collect()
            })
        })
        .collect();
    let failures: Vec<String> = clients.into_iter().flat_map(|c| c.join().expect("a client thread failed")).collect();
    assert!(
        failures.is_empty(),
        "{} of {} requests went wrong:\n{}",
        failures.len(),
        CLIENTS * REQUESTS_EACH,
        failures[..failures.len().min(10)].join("\n")
    );

    assert!(server.child.try_wait().unwrap().is_none(), "the server exited:\n{}", server.log());
    for (path, expected) in requests.iter() {
        expected.check(path, &fetch(port, path)).unwrap();
    }
    let log = server.log();
    assert!(!log.contains("panicked") && !log.contains("error"), "{log}");
    server.wait_for_log("serving `");
}

#[test]
fn listens_on_the_loopback_address_only_by_default() {
    let server = serve_minimal();
    let Ok(table) = std::fs::read_to_string("/proc/net/tcp") else {
        println!("skipped: no /proc/net/tcp to read the listening address from");
        return;
    };
    let port = format!("{:04X}", server.port);
    // `local_address:port … state`; 0A is LISTEN, 0100007F is 127.0.0.1.
    let listening: Vec<&str> = table
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1).zip(line.split_whitespace().nth(3)))
        .filter(|(local, state)| local.ends_with(&format!(":{port}")) && *state == "0A")
        .map(|(local, _)| local)
        .collect();
    assert_eq!(listening, [format!("0100007F:{port}").as_str()], "{table}");
    assert!(server.log().contains(&format!("http://127.0.0.1:{}/", server.port)));
}

#[test]
fn symbolic_links_leading_out_of_the_site_are_never_served() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("extra.yaml"),
        "id: outside-primary\nname: {zh: 站外小学, en: Outside Primary}\ndistrict: {zh: 东区}\nstage: primary\n",
    )
    .unwrap();
    std::fs::write(outside.path().join("secret.txt"), "a secret outside the site").unwrap();
    let site = TestSite::fixture("minimal");
    for (path, bytes) in gongkai::theme::embedded_theme() {
        site.write(&format!("themes/default/{path}"), std::str::from_utf8(bytes).unwrap());
    }
    let link = |target: &str, link: &str| {
        std::os::unix::fs::symlink(outside.path().join(target), site.root().join(link)).unwrap()
    };
    link("extra.yaml", "content/schools/extra.yaml");
    link("secret.txt", "themes/default/static/secret.txt");
    link(".", "themes/default/static/outside");
    let mut server = Server::start(site);
    server.wait_for_log("outside the site's folder");
    for path in ["/schools/outside-primary/", "/static/secret.txt", "/static/outside/secret.txt", "/"] {
        let response = server.get(path);
        assert_ne!(response.status, 200, "{path} was served");
        assert!(!response.body.contains("站外小学") && !response.body.contains("a secret outside"), "{path} leaked");
    }
    // The refusal is the located error of the overlay, and removing the links brings the site back.
    let home = server.get("/");
    assert!(home.body.contains("content/schools/extra.yaml:1:1"), "{}", home.body);
    let events = server.events();
    for link in ["themes/default/static/secret.txt", "themes/default/static/outside", "content/schools/extra.yaml"] {
        std::fs::remove_file(server.site.root().join(link)).unwrap();
    }
    events.wait_for("reload");
    let start = Instant::now();
    while server.get("/").status != 200 {
        assert!(start.elapsed() < LIMIT, "the site never came back:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(server.get("/schools/outside-primary/").status, 404);
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
