//! What the service's tests share: a temporary folder, a hub whose webinar is a
//! month away, the built binary started on a loopback port (and killed at the
//! end, also when a test fails), organiser tokens made with its `token create`,
//! and a small HTTP/1.1 client on `std::net::TcpStream`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

pub(crate) const EVENT: &str = "kix-emap-webinar-20";
pub(crate) const TIMEOUT: Duration = Duration::from_secs(60);

mod temp_dir;
pub(crate) use temp_dir::TempDir;

/// The embedded hub with webinar 20 moved a month ahead: registration open
/// now, `capacity` seats and a waiting list.
pub(crate) fn write_hub(dir: &Path, capacity: u32) -> PathBuf {
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
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: SocketAddr,
}

impl Server {
    /// With no rate limit on submissions (the tests submit hundreds from one address).
    pub(crate) fn start(db: &Path, hub: &Path) -> Server {
        Server::start_with(db, hub, &["--submit-rate", "0"])
    }

    pub(crate) fn start_with(db: &Path, hub: &Path, options: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_registration-service"))
            .args(["--port", "0", "--db"])
            .arg(db)
            .arg("--hub")
            .arg(hub)
            .args(options)
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
    pub(crate) fn kill(&mut self) {
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
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: BTreeMap<String, String>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One keep-alive HTTP/1.1 connection.
pub(crate) struct Conn {
    pub(crate) reader: BufReader<TcpStream>,
}

impl Conn {
    pub(crate) fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        stream.set_nodelay(true)?;
        Ok(Conn { reader: BufReader::new(stream) })
    }

    pub(crate) fn send(&mut self, method: &str, path: &str, body: &[u8]) -> std::io::Result<Reply> {
        self.send_with(method, path, &[("Content-Type", "application/json")], body)
    }

    /// A request with these headers (and `Host`, `Content-Length`).
    pub(crate) fn send_with(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
        let head =
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n{extra}Content-Length: {}\r\n\r\n", body.len());
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        read_reply(&mut self.reader)
    }
}

fn bad_data(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

pub(crate) fn read_reply(reader: &mut impl BufRead) -> std::io::Result<Reply> {
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

pub(crate) fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Reply {
    Conn::open(addr).unwrap().send(method, path, body).unwrap()
}

pub(crate) fn person(i: usize) -> Vec<u8> {
    json!({"full_name": format!("Teacher {i}"), "email": format!("teacher{i}@example.np"),
           "country": "Nepal", "audience": "teacher"})
    .to_string()
    .into_bytes()
}

/// A request with headers, on a connection of its own.
pub(crate) fn request_with(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    Conn::open(addr).unwrap().send_with(method, path, headers, body).unwrap()
}

/// A JSON request with a bearer token.
pub(crate) fn as_bearer(addr: SocketAddr, token: &str, method: &str, path: &str, body: &[u8]) -> Reply {
    let auth = format!("Bearer {token}");
    request_with(addr, method, path, &[("Authorization", &auth), ("Content-Type", "application/json")], body)
}

/// A new organiser token made by the binary's `token create`: its last line.
pub(crate) fn token(db: &Path, name: &str, options: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_registration-service"))
        .args(["token", "create", "--db"])
        .arg(db)
        .args(["--name", name])
        .args(options)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().last().unwrap().to_owned()
}

/// The event's public ledger: capacity and free seats.
pub(crate) fn ledger(addr: SocketAddr) -> Value {
    let reply = request(addr, "GET", &format!("/events/{EVENT}/ledger"), b"");
    assert_eq!(reply.status, 200);
    reply.json()
}

/// Every registration of the event, in the order first submitted, and the full ledger, as an organiser sees them.
pub(crate) fn organiser_view(addr: SocketAddr, token: &str) -> (Vec<Value>, Value) {
    let mut all = Vec::new();
    loop {
        let path = format!("/events/{EVENT}/registrations?offset={}&limit=500", all.len());
        let page = as_bearer(addr, token, "GET", &path, b"");
        assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
        let page = page.json();
        let rows = page["registrations"].as_array().unwrap().clone();
        if rows.is_empty() {
            return (all, page["ledger"].clone());
        }
        all.extend(rows);
    }
}

/// Submits `person(i)`: the reply.
pub(crate) fn submit(addr: SocketAddr, i: usize) -> Reply {
    request(addr, "POST", &format!("/events/{EVENT}/registrations"), &person(i))
}

/// The database's rows, table by table, as text: to compare before and after.
pub(crate) fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = String::new();
    for table in ["books", "registrations", "changes", "organiser_tokens", "manage_tokens"] {
        let mut rows = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        let columns = rows.column_count();
        let mut rows = rows.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|c| match row.get_ref(c).unwrap() {
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    other => format!("{other:?}"),
                })
                .collect();
            out.push_str(&format!("{table}: {}\n", cells.join(" | ")));
        }
    }
    out
}

pub(crate) fn json_person(name: &str, email: &str) -> Vec<u8> {
    json!({"full_name": name, "email": email, "country": "Kyrgyzstan", "audience": "teacher"}).to_string().into_bytes()
}
