//! The service started as a process on a loopback port, with a hub whose
//! webinar is upcoming (100 seats and a waiting list): concurrent submissions
//! never overbook, a SIGKILL loses no acknowledged registration, and bad
//! requests get clear 4xx answers and change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const EVENT: &str = "kix-emap-webinar-20";

struct Service {
    child: Child,
    addr: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kix-service-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The embedded hub with webinar 20 moved to 2030, 100 seats and a waiting list.
fn hub_file(dir: &Path) -> PathBuf {
    let mut hub = serde_json::to_value(kix_core::emap()).unwrap();
    let event = hub["events"].as_array_mut().unwrap().iter_mut().find(|e| e["id"] == EVENT).unwrap();
    event["start"] = json!("2030-07-31T13:00:00");
    event["end"] = json!("2030-07-31T14:30:00");
    event["registration"] = json!({ "required": true, "capacity": 100, "waiting_list": true });
    let path = dir.join("hub.json");
    std::fs::write(&path, hub.to_string()).unwrap();
    path
}

fn start(dir: &Path) -> Service {
    let mut child = Command::new(env!("CARGO_BIN_EXE_registration-service"))
        .args(["--port", "0", "--db"])
        .arg(dir.join("registrations.sqlite3"))
        .arg("--hub")
        .arg(hub_file(dir))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().strip_prefix("listening on http://").unwrap().to_owned();
    Service { child, addr }
}

/// One HTTP/1.1 request on its own connection: the status and the body.
fn request(addr: &str, method: &str, path: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    // The body is written from another thread while this one reads: a server refusing a
    // large body answers before it has all been sent, then closes.
    let mut writer = stream.try_clone()?;
    let body = body.to_vec();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&body);
    });
    let mut raw = Vec::new();
    let read = stream.read_to_end(&mut raw);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sender.join();
    if raw.is_empty() {
        read?;
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let text = text.strip_prefix("HTTP/1.1 100 Continue\r\n\r\n").unwrap_or(&text);
    let status = text.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other("no status"))?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok((status, body))
}

fn person(i: usize) -> Vec<u8> {
    let country = ["NP", "MD", "KG", "PG", "AF", "BT"][i % 6];
    json!({
        "full_name": format!("Participant {i}"), "email": format!("participant{i}@example.org"),
        "country": country, "audience": "teacher",
    })
    .to_string()
    .into_bytes()
}

fn ledger(addr: &str) -> Value {
    let (status, body) = request(addr, "GET", &format!("/events/{EVENT}/ledger"), b"").unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn four_hundred_concurrent_submissions_for_a_hundred_seats_never_overbook() {
    let dir = scratch("load");
    let service = start(&dir);
    let began = Instant::now();
    let handles: Vec<_> = (0..400)
        .map(|i| {
            let addr = service.addr.clone();
            std::thread::spawn(move || {
                let t = Instant::now();
                let (status, body) =
                    request(&addr, "POST", &format!("/events/{EVENT}/registrations"), &person(i)).unwrap();
                (status, serde_json::from_str::<Value>(&body).unwrap(), t.elapsed())
            })
        })
        .collect();
    let answers: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let elapsed = began.elapsed();

    assert!(answers.iter().all(|(status, _, _)| *status == 200));
    let ids: HashSet<&str> = answers.iter().map(|(_, b, _)| b["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 400, "every registration has its own id");
    let confirmed = answers.iter().filter(|(_, b, _)| b["status"] == "confirmed").count();
    assert_eq!(confirmed, 100, "exactly the seats were given, to the first hundred served");
    let l = ledger(&service.addr);
    assert_eq!(l["registrations"], 400);
    assert_eq!((l["ledger"]["confirmed"].as_u64(), l["ledger"]["waitlisted"].as_u64()), (Some(100), Some(300)));
    assert_eq!(l["ledger"]["free"], 0);

    // The same submission again is the same registration, not a new one.
    let (status, body) = request(&service.addr, "POST", &format!("/events/{EVENT}/registrations"), &person(7)).unwrap();
    assert_eq!(status, 200);
    assert!(ids.contains(serde_json::from_str::<Value>(&body).unwrap()["id"].as_str().unwrap()));
    assert_eq!(ledger(&service.addr)["registrations"], 400);

    let mut latencies: Vec<Duration> = answers.iter().map(|(_, _, t)| *t).collect();
    latencies.sort();
    eprintln!(
        "400 concurrent submissions: {:.0} requests/s, p50 {:?}, p99 {:?}",
        400.0 / elapsed.as_secs_f64(),
        latencies[200],
        latencies[395]
    );
}

#[test]
fn a_process_killed_mid_load_keeps_every_acknowledged_registration() {
    let dir = scratch("kill");
    let mut service = start(&dir);
    let addr = service.addr.clone();
    let acks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let (addr, acks) = (addr.clone(), acks.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis((i % 50) as u64 * 20));
                match request(&addr, "POST", &format!("/events/{EVENT}/registrations"), &person(i)) {
                    Ok((200, body)) => {
                        acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let id = serde_json::from_str::<Value>(&body).unwrap()["id"].as_str().unwrap().to_owned();
                        Some((i, id))
                    }
                    _ => None,
                }
            })
        })
        .collect();
    // Killed once a quarter of the load is acknowledged, with the rest in flight.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acks.load(std::sync::atomic::Ordering::SeqCst) < 50 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    service.child.kill().unwrap(); // SIGKILL
    service.child.wait().unwrap();
    let acknowledged: Vec<(usize, String)> = handles.into_iter().filter_map(|h| h.join().unwrap()).collect();

    let restarted = start(&dir);
    for (i, id) in &acknowledged {
        let (status, body) =
            request(&restarted.addr, "GET", &format!("/events/{EVENT}/registrations/{id}"), b"").unwrap();
        assert_eq!(status, 200, "acknowledged registration {id} was lost");
        let entry: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(entry["email"], format!("participant{i}@example.org"));
    }
    let l = ledger(&restarted.addr);
    let held = l["registrations"].as_u64().unwrap();
    assert!(acknowledged.len() >= 50 && acknowledged.len() < 200, "the kill came mid-load");
    assert!(held >= acknowledged.len() as u64 && held <= 200, "{held} stored, {} acknowledged", acknowledged.len());
    eprintln!("killed mid-load: {} acknowledged, {held} stored, none lost", acknowledged.len());
}

#[test]
fn bad_requests_get_clear_4xx_answers_and_change_nothing() {
    let dir = scratch("bad");
    let service = start(&dir);
    let a = &service.addr;
    let submit = format!("/events/{EVENT}/registrations");
    let (status, body) = request(a, "POST", &submit, b"{ not json").unwrap();
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("invalid_json"));
    let (status, _) = request(a, "POST", &submit, br#"{"full_name": "X", "shoe_size": 44}"#).unwrap();
    assert_eq!(status, 400, "unknown fields are refused");
    let (status, _) = request(a, "POST", &submit, &vec![b' '; 10 * 1024 * 1024]).unwrap();
    assert_eq!(status, 413, "a 10 MB body is too large");
    let (status, body) = request(a, "POST", &submit, b"{}").unwrap();
    assert_eq!(status, 422, "an invalid registration is rejected with its violations");
    assert!(body.contains("registration.missing_field"));
    let (status, _) = request(a, "POST", "/events/no-such-event/registrations", &person(1)).unwrap();
    assert_eq!(status, 404);
    let (status, body) = request(a, "POST", &format!("/events/{EVENT}/registrations/r-000042/approve"), b"").unwrap();
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("registration.unknown_id"));
    let (status, _) = request(a, "GET", &format!("/events/{EVENT}/registrations/r-000042"), b"").unwrap();
    assert_eq!(status, 404);
    let (status, _) = request(a, "GET", &format!("/events/{EVENT}/registrations/r-000042/ics"), b"").unwrap();
    assert_eq!(status, 404);
    assert_eq!(ledger(a)["registrations"], 0, "nothing was stored");

    // One real registration: its actions and calendar file.
    let (status, body) = request(a, "POST", &submit, &person(1)).unwrap();
    assert_eq!(status, 200);
    let id = serde_json::from_str::<Value>(&body).unwrap()["id"].as_str().unwrap().to_owned();
    let (status, _) = request(a, "POST", &format!("/events/{EVENT}/registrations/{id}/explode"), b"").unwrap();
    assert_eq!(status, 404);
    let (status, ics) = request(a, "GET", &format!("/events/{EVENT}/registrations/{id}/ics"), b"").unwrap();
    assert_eq!(status, 200);
    assert!(ics.contains("DTSTART;TZID=Europe/Zurich:20300731T130000"));
    let (status, body) = request(a, "POST", &format!("/events/{EVENT}/registrations/{id}/accept"), b"").unwrap();
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("registration.invalid_transition"));
    let (status, _) =
        request(a, "POST", &format!("/events/{EVENT}/registrations/{id}/cancel"), br#"{"reason": "ill"}"#).unwrap();
    assert_eq!(status, 200);
    let (status, _) = request(a, "GET", &format!("/events/{EVENT}/registrations/{id}/ics"), b"").unwrap();
    assert_eq!(status, 409, "a cancelled registration has no seat to put in a calendar");
    assert_eq!(ledger(a)["ledger"]["cancelled"], 1);
}
