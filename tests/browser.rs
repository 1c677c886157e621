//! The review page as an archivist uses it, in a real headless Chromium driven
//! over WebDriver (`chromedriver`, Debian packages `chromium` and
//! `chromium-driver`, installed by `.ci/run`).
//!
//! The WebDriver client is the few HTTP/1.1 requests (`Connection: close`) these tests need, over a
//! `TcpStream` to the local chromedriver: no async runtime to compile.
//! Without chromedriver the tests fail, naming the packages, unless
//! `DOCSIFT_SKIP_BROWSER=1` is set. With `DOCSIFT_UPDATE_SCREENSHOTS=1` the
//! screenshots are also copied to `docs/` for the README.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_docsift");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/000_96aa845614dbe1bb.txt"
);
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One browser at a time: two cores, and each Chromium takes one.
static BROWSER: Mutex<()> = Mutex::new(());

fn skip() -> bool {
    std::env::var_os("DOCSIFT_SKIP_BROWSER").is_some_and(|v| v == "1")
}

fn chromedriver() -> PathBuf {
    let name = std::env::var_os("DOCSIFT_CHROMEDRIVER").unwrap_or_else(|| "chromedriver".into());
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join(&name))
        .chain(std::iter::once(PathBuf::from(&name)))
        .find(|p| p.is_file());
    found.unwrap_or_else(|| {
        panic!(
            "the browser tests need chromedriver and Chromium (Debian: apt-get install chromium \
             chromium-driver; .ci/run installs them); set DOCSIFT_SKIP_BROWSER=1 to skip them"
        )
    })
}

/// A chromedriver process and one headless Chromium session.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    downloads: PathBuf,
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let resp = read_response(&mut s)?;
    let v: Value = serde_json::from_slice(&resp).map_err(|e| format!("{e}: {resp:?}"))?;
    match v["value"].get("error") {
        Some(err) => Err(format!("{err}: {}", v["value"]["message"])),
        None => Ok(v["value"].clone()),
    }
}

/// The body of an HTTP response: headers up to the blank line, then
/// `Content-Length` bytes (chromedriver may keep the connection open).
fn read_response(s: &mut TcpStream) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = s.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed: {:?}",
                String::from_utf8_lossy(&buf)
            ));
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = buf.split_off(head_end);
    match len {
        Some(len) => {
            while body.len() < len {
                let n = s.read(&mut chunk).map_err(|e| e.to_string())?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
            body.truncate(len);
        }
        None => {
            s.read_to_end(&mut body).map_err(|e| e.to_string())?;
        }
    }
    Ok(body)
}

impl Browser {
    fn start(tag: &str) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        // Owned by `b` from here on, so a failing start still stops chromedriver.
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
            downloads: scratch(&format!("downloads-{tag}")),
        };
        let t0 = Instant::now();
        while http(port, "GET", "/status", None).map_or(true, |v| v["ready"] != true) {
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "chromedriver not ready"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1400,1000"],
                "prefs": {"download.default_directory": b.downloads.display().to_string(),
                          "download.prompt_for_download": false}
            }
        }}});
        // Under load (the other tests on 2 cores) Chromium may fail to start
        // in time once; a session is retried before the test gives up.
        let mut tries = 0;
        let v = loop {
            match http(port, "POST", "/session", Some(&caps)) {
                Ok(v) => break v,
                Err(e) if tries < 2 => {
                    eprintln!("chromium session failed ({e}); retrying");
                    tries += 1;
                    std::thread::sleep(Duration::from_secs(2));
                }
                Err(e) => panic!("a Chromium session: {e}"),
            }
        };
        b.session = v["sessionId"].as_str().unwrap().to_string();
        b
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(&body);
        http(self.port, method, &path, body).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn goto(&self, file: &Path) {
        let url = format!("file://{}", file.display());
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("{css}: {v}"))
            .to_string()
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/click"), json!({}));
    }

    fn displayed(&self, css: &str) -> bool {
        let e = self.find(css);
        self.call("GET", &format!("/element/{e}/displayed"), json!({})) == true
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    /// Console messages of level SEVERE (errors) since the last call.
    fn console_errors(&self) -> Vec<String> {
        let v = self.call("POST", "/se/log", json!({"type": "browser"}));
        v.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].to_string())
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn scratch(tag: &str) -> PathBuf {
    let d = Path::new(ROOT)
        .join("target/browser-tests")
        .join(format!("{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn docsift(args: &[&str]) -> (i32, Vec<u8>, String) {
    // From the repository root, so pages name fixtures by relative paths.
    let out = Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), out.stdout, err)
}

/// Writes the seed's review page into `dir`.
fn seed_page(dir: &Path) -> PathBuf {
    let seed = "fixtures/seed/000_96aa845614dbe1bb.txt";
    let (code, html, err) = docsift(&["clean", seed, "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let page = dir.join("seed.html");
    std::fs::write(&page, html).unwrap();
    page
}

/// Runs `body` with a fresh browser on the seed's page, one test at a time.
fn with_seed_page(tag: &str, body: impl FnOnce(&Browser, &Path)) {
    if skip() {
        eprintln!("DOCSIFT_SKIP_BROWSER=1: browser test {tag} skipped");
        return;
    }
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let _quiet = crate::common::timing_lock();
    let dir = scratch(tag);
    let page = seed_page(&dir);
    let b = Browser::start(tag);
    b.goto(&page);
    body(&b, &dir);
}

#[test]
fn seed_page_loads_without_console_errors() {
    with_seed_page("load", |b, _| {
        assert_eq!(b.console_errors(), Vec::<String>::new());
        let title = b.js("return document.title");
        assert!(title.as_str().unwrap().contains("docsift review"));
        // The outline holds every node; the page every removed fragment.
        assert_eq!(
            b.js("return document.querySelectorAll('nav a.node').length"),
            20
        );
        assert_eq!(
            b.js("return document.querySelectorAll('.removed').length"),
            21
        );
        assert_eq!(
            b.js("return document.querySelectorAll('#targets tbody tr').length"),
            11
        );
        // Interacting raises no error either.
        b.click("#toggle-removed");
        b.click("#export");
        assert_eq!(b.console_errors(), Vec::<String>::new());
        // The log is read for real: an error on the page shows up.
        b.js("console.error('probe')");
        let errors = b.console_errors();
        assert!(
            errors.len() == 1 && errors[0].contains("probe"),
            "{errors:?}"
        );
    });
}

#[test]
fn outline_entry_scrolls_to_its_lines() {
    with_seed_page("outline", |b, _| {
        let top = |line: u64| {
            b.js(&format!(
                "return document.getElementById('L{line}').getBoundingClientRect().top"
            ))
            .as_f64()
            .unwrap()
        };
        let height = b.js("return window.innerHeight").as_f64().unwrap();
        let last = b.js("const a = [...document.querySelectorAll('nav a.node')]; return a[a.length - 1].dataset.node");
        let node = last.as_str().unwrap().to_string();
        let css = format!("nav a.node[data-node='{node}']");
        let line = b
            .js(&format!(
                "return Number(document.querySelector(\"{css}\").dataset.from)"
            ))
            .as_u64()
            .unwrap();
        assert!(top(line) > height, "line {line} starts off screen");
        b.click(&css);
        let t = top(line);
        assert!(
            (0.0..height).contains(&t),
            "after the click line {line} is at {t}, not in the window of {height}"
        );
        let lit = b.js(&format!(
            "return document.getElementById('L{line}').classList.contains('hl')"
        ));
        assert_eq!(lit, true, "the node's lines are highlighted");
    });
}

#[test]
fn toggle_hides_and_shows_removed_text() {
    with_seed_page("toggle", |b, _| {
        let url = ".removed[data-reason='url']";
        assert!(b.displayed(url));
        b.click("#toggle-removed");
        assert!(!b.displayed(url), "hidden after the toggle");
        let visible = "return [...document.querySelectorAll('.removed')].filter(e => e.offsetParent !== null).length";
        assert_eq!(b.js(visible), 0);
        b.click("#toggle-removed");
        assert!(b.displayed(url), "shown again");
        assert_eq!(b.js(visible), 21);
    });
}

#[test]
fn reason_filter_hides_one_reason() {
    with_seed_page("filter", |b, _| {
        let dup = ".removed[data-reason='duplicate']";
        assert!(b.displayed(dup));
        b.click("#reason-filter input[data-reason='duplicate']");
        assert!(!b.displayed(dup), "duplicates hidden");
        assert!(
            b.displayed(".removed[data-reason='url']"),
            "other reasons stay"
        );
        let visible = "return [...document.querySelectorAll('.removed')].filter(e => e.offsetParent !== null).length";
        assert_eq!(b.js(visible), 21 - 16);
        b.click("#reason-filter input[data-reason='duplicate']");
        assert!(b.displayed(dup), "shown again");
    });
}

/// Waits for the one file Chromium downloads into `dir`.
fn downloaded(dir: &Path) -> PathBuf {
    let t0 = Instant::now();
    loop {
        let done: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        if let [one] = done.as_slice() {
            return one.clone();
        }
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "no download in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn exported_decisions_reproduce_the_page_choices() {
    with_seed_page("export", |b, dir| {
        // Keep the URL and the off-topic line; remove lines 23–25 as boilerplate.
        // A click keeps a fragment, a second click undoes it.
        b.click(".removed[data-reason='figure_caption']");
        let kept = "return document.querySelector(\".removed[data-reason='figure_caption']\").classList.contains('keep')";
        assert_eq!(b.js(kept), true);
        b.click(".removed[data-reason='figure_caption']");
        assert_eq!(b.js(kept), false);
        b.click(".removed[data-reason='url']");
        b.click(".removed[data-reason='off_topic']");
        b.js("const s = window.getSelection(); s.setBaseAndExtent(document.querySelector('#L23 .tx'), 0, document.querySelector('#L25 .tx'), 1);");
        b.js("document.getElementById('remove-reason').value = 'boilerplate'");
        b.click("#mark-remove");
        assert_eq!(
            b.js("return document.getElementById('decision-count').textContent"),
            "2 kept, 1 removed"
        );
        let ids: Vec<String> = ["url", "off_topic"]
            .iter()
            .map(|r| {
                let q = format!(
                    "return document.querySelector('.removed[data-reason={r}]').dataset.id"
                );
                b.js(&q).as_str().unwrap().to_string()
            })
            .collect();
        b.click("#export");
        let file = downloaded(&b.downloads);
        assert_eq!(
            file.file_name().unwrap(),
            "000_96aa845614dbe1bb.decisions.json"
        );
        let decisions: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let mut want = ids.clone();
        want.sort();
        assert_eq!(decisions["keep"], json!(want));
        assert_eq!(
            decisions["remove"],
            json!([{"lines": [23, 25], "reason": "boilerplate"}])
        );
        // The file is what `--decisions` reads, and it does what the page showed.
        let f = file.display().to_string();
        let (code, out, err) = docsift(&["clean", SEED, "--decisions", &f]);
        assert_eq!(code, 0, "{err}");
        let doc: Value = serde_json::from_slice(&out).unwrap();
        let removed = doc["removed"].as_array().unwrap();
        assert!(removed
            .iter()
            .all(|r| !ids.contains(&r["id"].as_str().unwrap().to_string())));
        assert!(removed
            .iter()
            .all(|r| r["reason"] != "url" && r["reason"] != "off_topic"));
        let forced: Vec<&Value> = removed
            .iter()
            .filter(|r| r["lines"] == json!([23, 25]))
            .collect();
        assert_eq!(forced.len(), 1, "{removed:?}");
        assert_eq!(forced[0]["reason"], "boilerplate");
        assert_eq!(doc["overrides"]["file"], f.as_str());
        assert_eq!(doc["overrides"]["kept"].as_array().unwrap().len(), 2);
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("\"text\": \"www.ijerph.com\""),
            "the URL is back in a paragraph"
        );
        let _ = dir;
    });
}

#[test]
fn batch_index_links_each_page() {
    if skip() {
        return;
    }
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let _quiet = crate::common::timing_lock();
    let dir = scratch("index");
    let out = dir.join("review").display().to_string();
    let seed = "fixtures/seed/000_96aa845614dbe1bb.txt";
    let law = "fixtures/corpus/zh-noisy/aml-law-2024-pdf.txt";
    let (code, _, err) = docsift(&["clean", seed, law, "--out-dir", &out, "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let b = Browser::start("index");
    b.goto(&dir.join("review/index.html"));
    assert_eq!(
        b.js("return document.querySelectorAll('tbody tr').length"),
        2
    );
    b.click("a[href='aml-law-2024-pdf.html']");
    let title = b.js("return document.querySelector('h1').textContent");
    assert_eq!(title, "中华人民共和国反洗钱法（2024修订）");
    assert_eq!(
        b.js("return document.querySelectorAll('nav a.node').length"),
        116
    );
    assert_eq!(b.console_errors(), Vec::<String>::new());
}

#[test]
fn screenshots_of_the_review_and_diff_pages() {
    if skip() {
        return;
    }
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let _quiet = crate::common::timing_lock();
    let dir = scratch("shots");
    let review = seed_page(&dir);
    // The synthetic edit shows every kind of change (tests/diff.rs).
    let (old, new) = ("fixtures/diff/old.md", "fixtures/diff/new.md");
    let (code, html, err) = docsift(&["diff", old, new, "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let diff = dir.join("diff.html");
    std::fs::write(&diff, html).unwrap();
    let b = Browser::start("shots");
    for (page, name) in [(&review, "review.png"), (&diff, "diff.png")] {
        b.goto(page);
        assert_eq!(b.console_errors(), Vec::<String>::new(), "{name}");
        let png = b.call("GET", "/screenshot", json!({}));
        let bytes = base64_decode(png.as_str().unwrap());
        assert_eq!(&bytes[1..4], b"PNG");
        std::fs::write(dir.join(name), &bytes).unwrap();
        if std::env::var_os("DOCSIFT_UPDATE_SCREENSHOTS").is_some() {
            std::fs::write(Path::new(ROOT).join("docs").join(name), &bytes).unwrap();
        }
    }
}

/// Standard base64 (WebDriver screenshots), padding and whitespace ignored.
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = s.bytes().filter_map(val).collect();
    sextets
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &x)| n | (x as u32) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}
