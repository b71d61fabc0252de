//! The registration service as its users meet it: the built binary started on
//! a loopback port with a temporary database and a hub whose webinar is a
//! month away (100 seats and a waiting list), spoken to over HTTP/1.1, and
//! killed at the end (also when a test fails). The attacks are in `attacks.rs`.
//!
//! The load figures come from the ignored test `load_figures` (not part of
//! the suite): `make bench-service`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::io::{BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use common::*;

/// A submission's answer: the person's index, the HTTP status and the JSON.
type Answer = (usize, u16, Value);

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
    let db = dir.0.join("kix.sqlite3");
    let server = Server::start(&db, &hub);
    let desk = token(&db, "desk", &["--read-only"]);
    let answers = Arc::new(Mutex::new(Vec::new()));
    submit_all(server.addr, 16, 400, &answers);
    let answers = answers.lock().unwrap();

    assert_eq!(answers.len(), 400, "every submission answered");
    let mut tokens = HashSet::new();
    let mut statuses = BTreeMap::new();
    for (i, status, json) in answers.iter() {
        assert_eq!(*status, 201, "person {i}: {json}");
        assert!(json.get("id").is_none(), "a registrant is given no id");
        assert!(tokens.insert(json["manage_token"].as_str().unwrap().to_owned()), "a manage token given twice");
        *statuses.entry(json["status"].as_str().unwrap().to_owned()).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([("confirmed".to_owned(), 100), ("waitlisted".to_owned(), 300)]));
    assert_eq!(ledger(server.addr), json!({"event_id": EVENT, "capacity": 100, "free": 0}));

    let (rows, full) = organiser_view(server.addr, &desk);
    assert_eq!((&full["confirmed"], &full["waitlisted"], &full["free"]), (&json!(100), &json!(300), &json!(0)));
    assert_eq!((&full["pending"], &full["offered"], &full["cancelled"]), (&json!(0), &json!(0), &json!(0)));
    assert_eq!(rows.len(), 400);

    // Each registrant's token opens their own registration, as answered.
    let mut conn = Conn::open(server.addr).unwrap();
    for (i, _, json) in answers.iter() {
        let auth = format!("Bearer {}", json["manage_token"].as_str().unwrap());
        let mine = conn.send_with("GET", "/registrations/me", &[("Authorization", &auth)], b"").unwrap();
        assert_eq!(mine.status, 200);
        let mine = mine.json();
        assert_eq!(mine["record"]["email"], format!("teacher{i}@example.np"));
        assert_eq!(mine["status"], json["status"]);
    }

    // The waiting list is in the order the seats were refused: everyone
    // confirmed was submitted before everyone waiting.
    let at = |status: &str| -> Vec<chrono::DateTime<chrono::Utc>> {
        rows.iter()
            .filter(|r| r["status"] == status)
            .map(|r| r["submitted_at"].as_str().unwrap().parse().unwrap())
            .collect()
    };
    assert!(at("confirmed").into_iter().max() <= at("waitlisted").into_iter().min());

    // The same person submitting again (a retry, or anyone who knows the address) makes no
    // second registration and learns nothing of the first: 202, the same words for all.
    let again = submit(server.addr, 7);
    assert_eq!((again.status, &again.json()["code"]), (202, &json!("service.check_email")));
    assert_eq!(organiser_view(server.addr, &desk).1, full);
}

#[test]
fn a_process_killed_mid_load_keeps_every_registration_it_acknowledged() {
    let dir = TempDir::new("kill");
    let hub = write_hub(&dir.0, 100);
    let db = dir.0.join("kix.sqlite3");
    let mut server = Server::start(&db, &hub);
    let addr = server.addr;
    let answers = Arc::new(Mutex::new(Vec::new()));
    // 64 clients at once: the writer commits them in groups.
    let load = {
        let answers = Arc::clone(&answers);
        thread::spawn(move || submit_all(addr, 64, 3000, &answers))
    };
    let deadline = Instant::now() + TIMEOUT;
    while answers.lock().unwrap().len() < 300 && Instant::now() < deadline && !load.is_finished() {
        thread::sleep(Duration::from_millis(1));
    }
    server.kill();
    load.join().unwrap();
    let acked: Vec<(usize, String)> = answers
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, status, _)| *status == 201)
        .map(|(i, _, json)| (*i, json["manage_token"].as_str().unwrap().to_owned()))
        .collect();
    assert!(acked.len() >= 300, "{} acknowledged before the kill", acked.len());
    assert!(acked.len() < 3000, "the kill came in the middle of the load");

    let server = Server::start(&db, &hub);
    let mut conn = Conn::open(server.addr).unwrap();
    for (i, manage) in &acked {
        let auth = format!("Bearer {manage}");
        let reply = conn.send_with("GET", "/registrations/me", &[("Authorization", &auth)], b"").unwrap();
        assert_eq!(reply.status, 200, "acknowledged registration of person {i} lost");
        assert_eq!(reply.json()["record"]["email"], format!("teacher{i}@example.np"));
    }
    let desk = token(&db, "desk", &["--read-only"]);
    let (rows, full) = organiser_view(server.addr, &desk);
    assert!(rows.len() >= acked.len(), "{} stored, {} acknowledged", rows.len(), acked.len());
    assert!(full["confirmed"].as_u64().unwrap() <= 100);

    // The database still takes registrations.
    assert_eq!(submit(server.addr, 10_000).status, 201);
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
    let db = dir.0.join("kix.sqlite3");
    let server = Server::start(&db, &hub);
    let addr = server.addr;
    let desk = token(&db, "desk", &[]);
    let registrations = format!("/events/{EVENT}/registrations");
    assert_eq!(submit(addr, 1).status, 201);
    let entry_path = format!("{registrations}/r-000001");
    let before = dump(&db);

    let cases: Vec<(&str, String, Vec<u8>, u16, &str)> = vec![
        ("POST", registrations.clone(), b"{\"full_name\": ".to_vec(), 400, "service.invalid_json"),
        ("POST", registrations.clone(), b"not json at all".to_vec(), 400, "service.invalid_json"),
        ("POST", registrations.clone(), br#"[{"email": "a@example.np"}]"#.to_vec(), 422, "service.not_an_object"),
        ("POST", registrations.clone(), br#"{"email": 42}"#.to_vec(), 422, "service.invalid_body"),
        (
            "POST",
            registrations.clone(),
            br#"{"email": "a@example.np", "shoe_size": 44}"#.to_vec(),
            422,
            "service.invalid_body",
        ),
        ("POST", registrations.clone(), br#"{"email": "not an address"}"#.to_vec(), 422, "registration.missing_field"),
        ("POST", "/events/no-such-event/registrations".into(), person(2), 404, "service.not_found"),
        ("GET", "/events/no-such-event/ledger".into(), vec![], 404, "service.not_found"),
        ("GET", format!("{registrations}/r-999999"), vec![], 404, "service.not_found"),
        ("POST", format!("{registrations}/r-999999/approve"), vec![], 404, "service.not_found"),
        ("POST", format!("{entry_path}/teleport"), vec![], 404, "service.not_found"),
        ("POST", format!("{entry_path}/approve"), vec![], 409, "registration.invalid_transition"),
        ("POST", format!("{entry_path}/deny"), vec![], 422, "registration.missing_field"),
        ("POST", format!("{entry_path}/cancel"), b"{\"reason\": ".to_vec(), 400, "service.invalid_json"),
        ("POST", format!("{entry_path}/cancel"), br#"{"actor": "organiser"}"#.to_vec(), 422, "service.invalid_body"),
        ("DELETE", registrations.clone(), vec![], 405, "service.method_not_allowed"),
        ("GET", "/nowhere".into(), vec![], 404, "service.not_found"),
    ];
    for (method, path, body, status, code) in cases {
        let reply = as_bearer(addr, &desk, method, &path, &body);
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
    let conflict = as_bearer(addr, &desk, "POST", &format!("{entry_path}/approve"), b"").json();
    assert_eq!(conflict["violations"][0]["params"]["from"], "confirmed");

    let huge = send_large(addr, &registrations, 10 * 1024 * 1024);
    assert_eq!(huge.status, 413);
    assert_eq!(huge.json()["code"], "service.body_too_large");

    assert_eq!(dump(&db), before, "nothing changed");
}

#[test]
fn a_cancellation_offers_the_seat_to_the_first_person_waiting_who_accepts_it_with_their_link() {
    let dir = TempDir::new("offer");
    let hub = write_hub(&dir.0, 1);
    let db = dir.0.join("kix.sqlite3");
    let server = Server::start(&db, &hub);
    let addr = server.addr;
    let desk = token(&db, "registration desk", &[]);
    let links: Vec<String> =
        (0..3).map(|i| submit(addr, i).json()["manage_token"].as_str().unwrap().to_owned()).collect();
    let cancel = as_bearer(
        addr,
        &desk,
        "POST",
        &format!("/events/{EVENT}/registrations/r-000001/cancel"),
        br#"{"reason": "moved to the next cohort"}"#,
    );
    assert_eq!(cancel.status, 200, "{}", String::from_utf8_lossy(&cancel.body));
    let cancel = cancel.json();
    assert_eq!(cancel["registration"]["status"], "cancelled");
    let last = &cancel["registration"]["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((&last["actor"], &last["by"]), (&json!("organiser"), &json!("registration desk")), "the token's name");
    let offered: Vec<&str> = cancel["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["entry"]["action"] == "offer")
        .map(|c| c["registration_id"].as_str().unwrap())
        .collect();
    assert_eq!(offered, ["r-000002"], "the first in line, not the second");

    // The second person sees the offer and accepts it with their own link.
    let mine = as_bearer(addr, &links[1], "GET", "/registrations/me", b"").json();
    assert_eq!(mine["status"], "offered");
    let accepted = as_bearer(addr, &links[1], "POST", "/registrations/me/accept", b"");
    assert_eq!((accepted.status, &accepted.json()["registration"]["status"]), (200, &json!("confirmed")));
    let ics = as_bearer(addr, &links[1], "GET", "/registrations/me/ics", b"");
    assert_eq!((ics.status, ics.headers["content-type"].as_str()), (200, "text/calendar; charset=utf-8"));
    assert!(String::from_utf8(ics.body).unwrap().starts_with("BEGIN:VCALENDAR\r\n"));

    // The third changes their organisation, then an organiser approves them past capacity.
    let changed = json!({"full_name": "Teacher 2", "email": "teacher2@example.np", "country": "Nepal",
                         "audience": "teacher", "organisation": "Tribhuvan University"});
    let put = as_bearer(addr, &links[2], "PUT", "/registrations/me", changed.to_string().as_bytes());
    assert_eq!(put.status, 200, "{}", String::from_utf8_lossy(&put.body));
    assert_eq!(put.json()["registration"]["record"]["organisation"], "Tribhuvan University");
    let forced = as_bearer(
        addr,
        &desk,
        "POST",
        &format!("/events/{EVENT}/registrations/r-000003/approve"),
        br#"{"force": true}"#,
    )
    .json();
    assert_eq!(forced["registration"]["forced"], true);
    assert_eq!(forced["warnings"][0]["code"], "registration.over_capacity");
    let (_, full) = organiser_view(addr, &desk);
    assert_eq!((&full["confirmed"], &full["cancelled"], &full["waitlisted"]), (&json!(2), &json!(1), &json!(0)));

    // Capacity raised by the desk: recorded with its name.
    let raised = as_bearer(addr, &desk, "POST", &format!("/events/{EVENT}/capacity"), br#"{"capacity": 5}"#);
    assert_eq!((raised.status, &raised.json()["ledger"]["free"]), (200, &json!(3)));
    assert_eq!(ledger(addr), json!({"event_id": EVENT, "capacity": 5, "free": 3}));

    // The export: every registration, a row each, the formula neutralised.
    let formula = json!({"full_name": "=HYPERLINK(\"http://evil.example\",\"open\")", "email": "f@example.np",
                         "country": "Nepal", "audience": "teacher"});
    assert_eq!(
        request(addr, "POST", &format!("/events/{EVENT}/registrations"), formula.to_string().as_bytes()).status,
        201
    );
    let csv = as_bearer(addr, &desk, "GET", &format!("/events/{EVENT}/registrations.csv"), b"");
    assert_eq!((csv.status, csv.headers["content-type"].as_str()), (200, "text/csv; charset=utf-8"));
    let text = String::from_utf8(csv.body).unwrap();
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(text.contains(r#""'=HYPERLINK(""http://evil.example"",""open"")""#), "{text}");
}

/// The percentile `q` of sorted latencies.
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let at = ((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or_default()
}

/// `clients` keep-alive connections submitting `total` registrations (persons from
/// `first`): submissions a second and the latencies' p50 and p99.
fn submit_load(addr: SocketAddr, clients: usize, first: usize, total: usize) -> (f64, Duration, Duration) {
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|t| {
            thread::spawn(move || {
                let mut conn = Conn::open(addr).unwrap();
                let mut latencies = Vec::new();
                for i in (first + t..first + total).step_by(clients) {
                    let sent = Instant::now();
                    let reply = conn.send("POST", &format!("/events/{EVENT}/registrations"), &person(i)).unwrap();
                    latencies.push(sent.elapsed());
                    assert_eq!(reply.status, 201);
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let rate = latencies.len() as f64 / started.elapsed().as_secs_f64();
    latencies.sort();
    (rate, percentile(&latencies, 0.5), percentile(&latencies, 0.99))
}

/// Load figures, not a test of the suite (`make bench-service`): 64 clients
/// submitting to one event (unlimited seats) when it is empty and when it holds
/// 100,000 registrations, then `GET /registrations/me` over 64 clients.
#[test]
#[ignore = "a benchmark: run it by name, in release, on a quiet machine"]
fn load_figures() {
    let dir = TempDir::new("bench");
    let hub = write_hub(&dir.0, 1_000_000);
    let server = Server::start(&dir.0.join("kix.sqlite3"), &hub);
    let clients = 64;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (rate, p50, p99) = submit_load(server.addr, clients, 0, 10_000);
    println!(
        "empty event: {clients} clients, 10,000 submissions: {rate:.0}/s, p50 {:.1} ms, p99 {:.1} ms",
        ms(p50),
        ms(p99)
    );
    let (fill, _, _) = submit_load(server.addr, clients, 10_000, 90_000);
    println!("(filled to 100,000 at {fill:.0}/s)");
    let (rate, p50, p99) = submit_load(server.addr, clients, 100_000, 10_000);
    println!(
        "at 100,000: {clients} clients, 10,000 submissions: {rate:.0}/s, p50 {:.1} ms, p99 {:.1} ms",
        ms(p50),
        ms(p99)
    );

    // A manage token per client, then each client reads its own registration in a loop.
    let tokens: Vec<String> = (0..clients)
        .map(|i| submit(server.addr, 200_000 + i).json()["manage_token"].as_str().unwrap().to_owned())
        .collect();
    let per_client = 2_000;
    let started = Instant::now();
    let workers: Vec<_> = tokens
        .into_iter()
        .map(|token| {
            let addr = server.addr;
            thread::spawn(move || {
                let auth = format!("Bearer {token}");
                let mut conn = Conn::open(addr).unwrap();
                for _ in 0..per_client {
                    let reply = conn.send_with("GET", "/registrations/me", &[("Authorization", &auth)], b"").unwrap();
                    assert_eq!(reply.status, 200);
                }
            })
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    let rate = (clients * per_client) as f64 / started.elapsed().as_secs_f64();
    println!("GET /registrations/me: {clients} clients, {} reads: {rate:.0}/s", clients * per_client);
}

#[test]
fn a_subscribed_feed_is_answered_304_when_unchanged_and_names_nobody() {
    let dir = TempDir::new("feed");
    let server = Server::start(&dir.0.join("kix.sqlite3"), &write_hub(&dir.0, 100));
    // Someone registers first: the feed must not name them.
    assert_eq!(submit(server.addr, 7).status, 201);

    let all = request_with(server.addr, "GET", "/calendar.ics", &[], b"");
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
    let again = request_with(server.addr, "GET", "/calendar.ics", &[], b"");
    assert_eq!((again.headers["etag"].as_str(), again.body.as_slice()), (etag.as_str(), all.body.as_slice()));
    let cached = request_with(server.addr, "GET", "/calendar.ics", &[("If-None-Match", &etag)], b"");
    assert_eq!((cached.status, cached.body.len()), (304, 0));
    assert_eq!(cached.headers["etag"], etag);
    let since = request_with(server.addr, "GET", "/calendar.ics", &[("If-Modified-Since", &modified)], b"");
    assert_eq!(since.status, 304);
    // Another tag, or a date before the hub was read: the whole feed.
    assert_eq!(request_with(server.addr, "GET", "/calendar.ics", &[("If-None-Match", "\"stale\"")], b"").status, 200);
    let before = request_with(
        server.addr,
        "GET",
        "/calendar.ics",
        &[("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT")],
        b"",
    );
    assert_eq!(before.status, 200);
    // If-None-Match decides when both are sent (RFC 9110).
    let both = request_with(
        server.addr,
        "GET",
        "/calendar.ics",
        &[("If-None-Match", "\"stale\""), ("If-Modified-Since", &modified)],
        b"",
    );
    assert_eq!(both.status, 200);

    // A member's feed and a series' feed hold the webinar; a country the hub does not have is 404.
    let kg = request_with(server.addr, "GET", "/calendar.ics?country=KG", &[], b"");
    assert_eq!(kg.status, 200);
    assert!(String::from_utf8(kg.body).unwrap().contains(&format!("UID:{EVENT}@")));
    let series = request_with(server.addr, "GET", "/calendar.ics?series=KIX%20EMAP%20Webinar", &[], b"");
    assert_eq!(series.status, 200, "{}", String::from_utf8_lossy(&series.body));
    assert_ne!(series.headers["etag"], "");
    let nowhere = request_with(server.addr, "GET", "/calendar.ics?country=Atlantis", &[], b"");
    assert_eq!((nowhere.status, nowhere.json()["code"].as_str()), (404, Some("service.unknown_country")));
    let france = request_with(server.addr, "GET", "/calendar.ics?country=FR", &[], b"");
    assert_eq!((france.status, france.json()["code"].as_str()), (404, Some("service.no_such_feed")));
    let odd = request_with(server.addr, "GET", "/calendar.ics?colour=blue", &[], b"");
    assert_eq!((odd.status, odd.json()["code"].as_str()), (400, Some("service.bad_query")));
}
