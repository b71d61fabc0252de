//! The registration service as its users meet it: the built binary started on
//! a loopback port with a temporary database and a hub whose webinar is a
//! month away (100 seats and a waiting list), spoken to over HTTP/1.1 with a
//! small client on `std::net::TcpStream`, and killed at the end (also when a
//! test fails).
//!
//! The load figures come from the ignored test `load_figures` (not part of
//! the suite):
//! `cargo test -p registration-service --release --test service -- --ignored --nocapture`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const EVENT: &str = "kix-emap-webinar-20";
const TIMEOUT: Duration = Duration::from_secs(60);

/// A folder removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("kix-service-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The embedded hub with webinar 20 moved a month ahead: registration open
/// now, `capacity` seats and a waiting list.
fn write_hub(dir: &Path, capacity: u32) -> PathBuf {
    let mut hub = kix_core::emap().clone();
    let event = hub.events.iter_mut().find(|e| e.id == EVENT).unwrap();
    let start = (chrono::Utc::now() + chrono::Duration::days(30)).naive_utc().date().and_hms_opt(13, 0, 0).unwrap();
    event.start = start;
    event.end = Some(start + chrono::Duration::minutes(90));
    event.duration_minutes = None;
    event.registration.opens_at = None;
    event.registration.closes_at = None;
    event.registration.capacity = Some(capacity);
    event.registration.waiting_list = true;
    event.registration.approval = kix_core::Approval::Automatic;
    event.registration.consent_required = false;
    let path = dir.join("hub.json");
    std::fs::write(&path, hub.to_json()).unwrap();
    path
}

/// The service, killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(db: &Path, hub: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_registration-service"))
            .args(["--port", "0", "--db"])
            .arg(db)
            .arg("--hub")
            .arg(hub)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        // Kill the child even if it never says where it listens.
        let mut server = Server { child, addr: "127.0.0.1:0".parse().unwrap() };
        let line = rx.recv_timeout(TIMEOUT).expect("the service prints its address");
        let addr = line.trim().strip_prefix("listening on http://").unwrap_or_else(|| panic!("first line {line:?}"));
        server.addr = addr.parse().unwrap();
        server
    }

    /// SIGKILL: no shutdown, no flush, nothing.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        stream.set_nodelay(true)?;
        Ok(Conn { reader: BufReader::new(stream) })
    }

    fn send(&mut self, method: &str, path: &str, body: &[u8]) -> std::io::Result<Reply> {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        read_reply(&mut self.reader)
    }
}

fn bad_data(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

fn read_reply(reader: &mut impl BufRead) -> std::io::Result<Reply> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad_data(format!("{line:?}")))?;
    let mut headers = BTreeMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let Some((name, value)) = line.trim_end().split_once(':') else { break };
        headers.insert(name.to_ascii_lowercase(), value.trim().to_owned());
    }
    let mut body = Vec::new();
    if status == 304 {
        // A 304 has no body, whatever its headers say (RFC 9110, 15.4.5).
    } else if let Some(length) = headers.get("content-length") {
        body.resize(length.parse().map_err(|_| bad_data(length.clone()))?, 0);
        reader.read_exact(&mut body)?;
    } else if headers.get("transfer-encoding").is_some_and(|t| t == "chunked") {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad_data(line.clone()))?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        reader.read_to_end(&mut body)?;
    }
    Ok(Reply { status, headers, body })
}

fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Reply {
    Conn::open(addr).unwrap().send(method, path, body).unwrap()
}

fn person(i: usize) -> Vec<u8> {
    json!({"full_name": format!("Teacher {i}"), "email": format!("teacher{i}@example.np"),
           "country": "Nepal", "audience": "teacher"})
    .to_string()
    .into_bytes()
}

/// A submission's answer: the person's index, the HTTP status and the JSON.
type Answer = (usize, u16, Value);

fn ledger(addr: SocketAddr) -> Value {
    let reply = request(addr, "GET", &format!("/events/{EVENT}/ledger"), b"");
    assert_eq!(reply.status, 200);
    reply.json()
}

/// `threads` connections, each submitting its share of `0..total` in turn;
/// every answer (index, HTTP status, JSON) is kept. A connection stops at
/// its first I/O error.
fn submit_all(addr: SocketAddr, threads: usize, total: usize, acked: &Arc<Mutex<Vec<Answer>>>) {
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let acked = Arc::clone(acked);
            thread::spawn(move || {
                let Ok(mut conn) = Conn::open(addr) else { return };
                for i in (t..total).step_by(threads) {
                    let Ok(reply) = conn.send("POST", &format!("/events/{EVENT}/registrations"), &person(i)) else {
                        return;
                    };
                    let json = reply.json();
                    acked.lock().unwrap().push((i, reply.status, json));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
}

#[test]
fn four_hundred_people_racing_for_a_hundred_seats_get_exactly_a_hundred() {
    let dir = TempDir::new("race");
    let hub = write_hub(&dir.0, 100);
    let server = Server::start(&dir.0.join("kix.sqlite3"), &hub);
    let answers = Arc::new(Mutex::new(Vec::new()));
    submit_all(server.addr, 16, 400, &answers);
    let answers = answers.lock().unwrap();

    assert_eq!(answers.len(), 400, "every submission answered");
    let mut ids = HashSet::new();
    let mut statuses = BTreeMap::new();
    for (i, status, json) in answers.iter() {
        assert_eq!(*status, 201, "person {i}: {json}");
        assert!(ids.insert(json["id"].as_str().unwrap().to_owned()), "id {} given twice", json["id"]);
        *statuses.entry(json["status"].as_str().unwrap().to_owned()).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([("confirmed".to_owned(), 100), ("waitlisted".to_owned(), 300)]));

    let l = ledger(server.addr);
    assert_eq!((&l["confirmed"], &l["waitlisted"], &l["free"]), (&json!(100), &json!(300), &json!(0)));
    assert_eq!((&l["pending"], &l["offered"], &l["cancelled"]), (&json!(0), &json!(0), &json!(0)));

    // Each registration is stored as answered, with its own person's record.
    let mut conn = Conn::open(server.addr).unwrap();
    for (i, _, json) in answers.iter() {
        let id = json["id"].as_str().unwrap();
        let entry = conn.send("GET", &format!("/events/{EVENT}/registrations/{id}"), b"").unwrap();
        assert_eq!(entry.status, 200);
        let entry = entry.json();
        assert_eq!(entry["email"], format!("teacher{i}@example.np"));
        assert_eq!(entry["status"], json["status"]);
    }

    // The waiting list is in the order the seats were refused: everyone
    // confirmed was submitted before everyone waiting.
    let submitted_at = |status: &str| -> Vec<String> {
        answers
            .iter()
            .filter(|(_, _, j)| j["status"] == status)
            .map(|(_, _, j)| j["changes"][0]["entry"]["at"].as_str().unwrap().to_owned())
            .collect()
    };
    let last_confirmed =
        submitted_at("confirmed").into_iter().map(|t| t.parse::<chrono::DateTime<chrono::Utc>>().unwrap()).max();
    let first_waiting =
        submitted_at("waitlisted").into_iter().map(|t| t.parse::<chrono::DateTime<chrono::Utc>>().unwrap()).min();
    assert!(last_confirmed <= first_waiting);

    // The same person submitting again (a retry, or anyone who knows the address) makes no
    // second registration and learns nothing of the first: 409 without its id (issue 27).
    let again = request(server.addr, "POST", &format!("/events/{EVENT}/registrations"), &person(7));
    assert_eq!((again.status, &again.json()["code"]), (409, &json!("registration.duplicate")));
    assert!(again.json().get("id").is_none() && again.json().get("violations").is_none());
    assert_eq!(ledger(server.addr), l);
}

#[test]
fn a_process_killed_mid_load_keeps_every_registration_it_acknowledged() {
    let dir = TempDir::new("kill");
    let hub = write_hub(&dir.0, 100);
    let db = dir.0.join("kix.sqlite3");
    let mut server = Server::start(&db, &hub);
    let addr = server.addr;
    let answers = Arc::new(Mutex::new(Vec::new()));
    let load = {
        let answers = Arc::clone(&answers);
        thread::spawn(move || submit_all(addr, 8, 800, &answers))
    };
    let deadline = Instant::now() + TIMEOUT;
    while answers.lock().unwrap().len() < 150 && Instant::now() < deadline && !load.is_finished() {
        thread::sleep(Duration::from_millis(2));
    }
    server.kill();
    load.join().unwrap();
    let acked: Vec<(usize, String)> = answers
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, status, _)| *status == 201)
        .map(|(i, _, json)| (*i, json["id"].as_str().unwrap().to_owned()))
        .collect();
    assert!(acked.len() >= 150, "{} acknowledged before the kill", acked.len());
    assert!(acked.len() < 800, "the kill came in the middle of the load");

    let server = Server::start(&db, &hub);
    let mut conn = Conn::open(server.addr).unwrap();
    for (i, id) in &acked {
        let reply = conn.send("GET", &format!("/events/{EVENT}/registrations/{id}"), b"").unwrap();
        assert_eq!(reply.status, 200, "acknowledged registration {id} lost");
        assert_eq!(reply.json()["email"], format!("teacher{i}@example.np"));
    }
    let l = ledger(server.addr);
    let stored = l["confirmed"].as_u64().unwrap() + l["waitlisted"].as_u64().unwrap();
    assert!(stored >= acked.len() as u64, "{stored} stored, {} acknowledged", acked.len());
    assert_eq!(l["confirmed"].as_u64().unwrap().min(100), l["confirmed"].as_u64().unwrap());

    // The database still takes registrations, with fresh ids.
    let reply = conn.send("POST", &format!("/events/{EVENT}/registrations"), &person(10_000)).unwrap();
    assert_eq!(reply.status, 201);
    let id = reply.json()["id"].as_str().unwrap().to_owned();
    assert!(acked.iter().all(|(_, a)| *a != id));
}

/// Sends a body of `size` bytes while reading the answer, as a client that
/// does not wait for the server would.
fn send_large(addr: SocketAddr, path: &str, size: usize) -> Reply {
    let stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
    );
    let sender = thread::spawn(move || {
        let chunk = vec![b' '; 64 * 1024];
        let _ = writer.write_all(head.as_bytes());
        let mut sent = 0;
        while sent < size {
            let n = chunk.len().min(size - sent);
            if writer.write_all(&chunk[..n]).is_err() {
                break;
            }
            sent += n;
        }
    });
    let reply = read_reply(&mut BufReader::new(stream)).unwrap();
    sender.join().unwrap();
    reply
}

#[test]
fn bad_requests_get_clear_errors_and_change_nothing() {
    let dir = TempDir::new("errors");
    let hub = write_hub(&dir.0, 100);
    let server = Server::start(&dir.0.join("kix.sqlite3"), &hub);
    let addr = server.addr;
    let registrations = format!("/events/{EVENT}/registrations");
    let created = request(addr, "POST", &registrations, &person(1));
    assert_eq!(created.status, 201);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let entry_path = format!("{registrations}/{id}");
    let before = (ledger(addr), request(addr, "GET", &entry_path, b"").json());

    let cases: Vec<(&str, String, Vec<u8>, u16, &str)> = vec![
        ("POST", registrations.clone(), b"{\"full_name\": ".to_vec(), 400, "service.invalid_json"),
        ("POST", registrations.clone(), b"not json at all".to_vec(), 400, "service.invalid_json"),
        ("POST", registrations.clone(), br#"{"email": 42}"#.to_vec(), 422, "service.invalid_body"),
        (
            "POST",
            registrations.clone(),
            br#"{"email": "a@example.np", "shoe_size": 44}"#.to_vec(),
            422,
            "service.invalid_body",
        ),
        ("POST", registrations.clone(), br#"{"email": "not an address"}"#.to_vec(), 422, "registration.missing_field"),
        ("POST", "/events/no-such-event/registrations".into(), person(2), 404, "service.unknown_event"),
        ("GET", "/events/no-such-event/ledger".into(), vec![], 404, "service.unknown_event"),
        ("GET", format!("{registrations}/r-999999"), vec![], 404, "registration.unknown_id"),
        ("GET", format!("{registrations}/r-999999/ics"), vec![], 404, "registration.unknown_id"),
        ("POST", format!("{registrations}/r-999999/approve"), vec![], 404, "registration.unknown_id"),
        ("POST", format!("{entry_path}/teleport"), vec![], 404, "service.unknown_action"),
        ("POST", format!("{entry_path}/accept"), vec![], 409, "registration.invalid_transition"),
        ("POST", format!("{entry_path}/approve"), vec![], 409, "registration.invalid_transition"),
        ("POST", format!("{entry_path}/deny"), vec![], 422, "service.missing_reason"),
        ("POST", format!("{entry_path}/cancel"), b"{\"actor\": ".to_vec(), 400, "service.invalid_json"),
        ("POST", format!("{entry_path}/cancel"), br#"{"actor": "martian"}"#.to_vec(), 422, "service.invalid_body"),
        ("GET", "/nowhere".into(), vec![], 404, "service.not_found"),
    ];
    for (method, path, body, status, code) in cases {
        let reply = request(addr, method, &path, &body);
        let json = reply.json();
        assert_eq!((reply.status, json["code"].as_str()), (status, Some(code)), "{method} {path}: {json}");
        assert!(!json["message"].as_str().unwrap().is_empty());
    }
    // A refusal by the core carries every violation.
    let refused = request(addr, "POST", &registrations, br#"{"email": "not an address"}"#).json();
    let codes: Vec<&str> =
        refused["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert!(
        codes.contains(&"registration.invalid_email") && codes.contains(&"registration.missing_field"),
        "{codes:?}"
    );
    let conflict = request(addr, "POST", &format!("{entry_path}/accept"), b"").json();
    assert_eq!(conflict["violations"][0]["params"]["from"], "confirmed");

    let huge = send_large(addr, &registrations, 10 * 1024 * 1024);
    assert_eq!(huge.status, 413);
    assert_eq!(huge.json()["code"], "service.body_too_large");

    assert_eq!((ledger(addr), request(addr, "GET", &entry_path, b"").json()), before, "nothing changed");

    // What the errors were not: the registration's calendar file is there.
    let ics = request(addr, "GET", &format!("{entry_path}/ics"), b"");
    assert_eq!((ics.status, ics.headers["content-type"].as_str()), (200, "text/calendar; charset=utf-8"));
    let text = String::from_utf8(ics.body).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains(&format!("UID:{EVENT}@kix-emap.kix\r\n")));
}

#[test]
fn an_organiser_cancellation_offers_the_seat_to_the_first_person_waiting() {
    let dir = TempDir::new("offer");
    let hub = write_hub(&dir.0, 1);
    let server = Server::start(&dir.0.join("kix.sqlite3"), &hub);
    let addr = server.addr;
    let registrations = format!("/events/{EVENT}/registrations");
    let ids: Vec<String> = (0..3)
        .map(|i| request(addr, "POST", &registrations, &person(i)).json()["id"].as_str().unwrap().to_owned())
        .collect();
    let cancel = request(
        addr,
        "POST",
        &format!("{registrations}/{}/cancel", ids[0]),
        br#"{"actor": "organiser", "reason": "moved to the next cohort"}"#,
    );
    assert_eq!(cancel.status, 200);
    let cancel = cancel.json();
    assert_eq!(cancel["registration"]["status"], "cancelled");
    let offered: Vec<&str> = cancel["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["entry"]["action"] == "offer")
        .map(|c| c["registration_id"].as_str().unwrap())
        .collect();
    assert_eq!(offered, [ids[1].as_str()], "the first in line, not the second");

    let accepted = request(addr, "POST", &format!("{registrations}/{}/accept", ids[1]), b"");
    assert_eq!((accepted.status, &accepted.json()["registration"]["status"]), (200, &json!("confirmed")));
    let forced = request(addr, "POST", &format!("{registrations}/{}/approve", ids[2]), br#"{"force": true}"#).json();
    assert_eq!(forced["registration"]["forced"], true);
    assert_eq!(forced["warnings"][0]["code"], "registration.over_capacity");
    let l = ledger(addr);
    assert_eq!((&l["confirmed"], &l["cancelled"], &l["waitlisted"]), (&json!(2), &json!(1), &json!(0)));
}

/// Load figures, not a test of the suite: 2000 submissions over 8 keep-alive
/// connections against one event (100 seats, the rest waiting).
#[test]
#[ignore = "a benchmark: run it by name, in release, on a quiet machine"]
fn load_figures() {
    let dir = TempDir::new("bench");
    let hub = write_hub(&dir.0, 100);
    let server = Server::start(&dir.0.join("kix.sqlite3"), &hub);
    let (connections, total) = (8, 2000);
    let done = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|t| {
            let (addr, done) = (server.addr, Arc::clone(&done));
            thread::spawn(move || {
                let mut conn = Conn::open(addr).unwrap();
                let mut latencies = Vec::new();
                for i in (t..total).step_by(connections) {
                    let sent = Instant::now();
                    let reply = conn.send("POST", &format!("/events/{EVENT}/registrations"), &person(i)).unwrap();
                    latencies.push(sent.elapsed());
                    assert_eq!(reply.status, 201);
                    done.fetch_add(1, Ordering::Relaxed);
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{total} submissions over {connections} connections in {:.2} s: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        elapsed.as_secs_f64(),
        done.load(Ordering::Relaxed) as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
}

/// A GET with extra request headers, on a connection of its own.
fn get_with(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut conn = Conn::open(addr).unwrap();
    let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
    let head = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}\r\n");
    conn.reader.get_mut().write_all(head.as_bytes()).unwrap();
    read_reply(&mut conn.reader).unwrap()
}

#[test]
fn a_subscribed_feed_is_answered_304_when_unchanged_and_names_nobody() {
    let dir = TempDir::new("feed");
    let server = Server::start(&dir.0.join("kix.sqlite3"), &write_hub(&dir.0, 100));
    // Someone registers first: the feed must not name them.
    assert_eq!(request(server.addr, "POST", &format!("/events/{EVENT}/registrations"), &person(7)).status, 201);

    let all = get_with(server.addr, "/calendar.ics", &[]);
    assert_eq!(all.status, 200);
    assert_eq!(all.headers["content-type"], "text/calendar; charset=utf-8");
    let text = String::from_utf8(all.body.clone()).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains(&format!("UID:{EVENT}@")), "{text}");
    assert!(!text.contains("ATTENDEE") && !text.contains("teacher7"), "a feed names no registrant");
    let etag = all.headers["etag"].clone();
    let modified = all.headers["last-modified"].clone();
    assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
    assert!(modified.ends_with(" GMT"), "{modified}");

    // Asked again: the same tag, the same date; a client holding it gets 304 with no body.
    let again = get_with(server.addr, "/calendar.ics", &[]);
    assert_eq!((again.headers["etag"].as_str(), again.body.as_slice()), (etag.as_str(), all.body.as_slice()));
    let cached = get_with(server.addr, "/calendar.ics", &[("If-None-Match", &etag)]);
    assert_eq!((cached.status, cached.body.len()), (304, 0));
    assert_eq!(cached.headers["etag"], etag);
    let since = get_with(server.addr, "/calendar.ics", &[("If-Modified-Since", &modified)]);
    assert_eq!(since.status, 304);
    // Another tag, or a date before the hub was read: the whole feed.
    assert_eq!(get_with(server.addr, "/calendar.ics", &[("If-None-Match", "\"stale\"")]).status, 200);
    let before = get_with(server.addr, "/calendar.ics", &[("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT")]);
    assert_eq!(before.status, 200);
    // If-None-Match decides when both are sent (RFC 9110).
    let both =
        get_with(server.addr, "/calendar.ics", &[("If-None-Match", "\"stale\""), ("If-Modified-Since", &modified)]);
    assert_eq!(both.status, 200);

    // A member's feed and a series' feed hold the webinar; a country the hub does not have is 404.
    let kg = get_with(server.addr, "/calendar.ics?country=KG", &[]);
    assert_eq!(kg.status, 200);
    assert!(String::from_utf8(kg.body).unwrap().contains(&format!("UID:{EVENT}@")));
    let series = get_with(server.addr, "/calendar.ics?series=KIX%20EMAP%20Webinar", &[]);
    assert_eq!(series.status, 200, "{}", String::from_utf8_lossy(&series.body));
    assert_ne!(series.headers["etag"], "");
    let nowhere = get_with(server.addr, "/calendar.ics?country=Atlantis", &[]);
    assert_eq!((nowhere.status, nowhere.json()["code"].as_str()), (404, Some("service.unknown_country")));
    let france = get_with(server.addr, "/calendar.ics?country=FR", &[]);
    assert_eq!((france.status, france.json()["code"].as_str()), (404, Some("service.no_such_feed")));
    let odd = get_with(server.addr, "/calendar.ics?colour=blue", &[]);
    assert_eq!((odd.status, odd.json()["code"].as_str()), (400, Some("service.bad_query")));
}
