//! The registration service attacked as the open internet would: every
//! organiser endpoint without the right credential, registrants reaching for
//! other people's registrations, a known address resubmitted to learn about
//! its owner, slow and piled-up connections, and bodies no form should send.
//! Each refusal leaves the database as it was (compared row by row).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;

use common::*;

/// The service with two events' worth of organisers: a manage token for the
/// webinar, a read-only one, one for another event, one revoked; and three
/// registrants with their manage links.
struct Scene {
    dir: TempDir,
    server: Server,
    manage: String,
    read_only: String,
    other_event: String,
    revoked: String,
    links: Vec<String>,
}

impl Scene {
    fn new(name: &str, options: &[&str]) -> Scene {
        let dir = TempDir::new(name);
        let hub = write_hub(&dir.0, 2);
        let db = dir.0.join("kix.sqlite3");
        let mut all = vec!["--submit-rate", "0"];
        all.extend_from_slice(options);
        let server = Server::start_with(&db, &hub, &all);
        let manage = token(&db, "desk", &["--event", EVENT]);
        let read_only = token(&db, "reader", &["--event", EVENT, "--read-only"]);
        let other_event = token(&db, "elsewhere", &["--event", "kix-emap-webinar-19"]);
        let revoked = token(&db, "former", &[]);
        let out = Command::new(env!("CARGO_BIN_EXE_registration-service"))
            .args(["token", "revoke", "--db"])
            .arg(&db)
            .arg("former")
            .output()
            .unwrap();
        assert!(out.status.success());
        let links =
            (0..3).map(|i| submit(server.addr, i).json()["manage_token"].as_str().unwrap().to_owned()).collect();
        Scene { dir, server, manage, read_only, other_event, revoked, links }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.0.join("kix.sqlite3")
    }
}

#[test]
fn no_organiser_endpoint_answers_without_the_right_token_and_refusals_change_nothing() {
    let s = Scene::new("organiser", &[]);
    let addr = s.server.addr;
    let base = format!("/events/{EVENT}");
    let reads = [
        format!("{base}/registrations"),
        format!("{base}/registrations/r-000001"),
        format!("{base}/registrations.csv"),
    ];
    let actions: Vec<(String, &[u8])> = vec![
        (format!("{base}/registrations/r-000003/approve"), br#"{"force": true}"#),
        (format!("{base}/registrations/r-000001/deny"), br#"{"reason": "spam"}"#),
        (format!("{base}/registrations/r-000001/cancel"), b""),
        (format!("{base}/registrations/r-000001/reinstate"), b""),
        (format!("{base}/capacity"), br#"{"capacity": 1000}"#),
    ];
    let before = dump(&s.db());
    let forged = format!("kixo_{}", "0".repeat(64));
    let intruders: Vec<(&str, String, u16)> = vec![
        ("nobody", String::new(), 401),
        ("a forged token", forged, 401),
        ("a malformed token", "kixo_not-hex".into(), 401),
        ("a revoked token", s.revoked.clone(), 401),
        ("a registrant's own link", s.links[2].clone(), 401),
        ("another event's organiser", s.other_event.clone(), 404),
    ];
    for (who, token, status) in &intruders {
        let headers: Vec<(&str, String)> =
            if token.is_empty() { vec![] } else { vec![("Authorization", format!("Bearer {token}"))] };
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for path in &reads {
            let reply = request_with(addr, "GET", path, &headers, b"");
            assert_eq!(reply.status, *status, "{who}: GET {path}");
            assert!(reply.json()["code"].is_string());
            assert!(!String::from_utf8_lossy(&reply.body).contains("teacher"), "{who} read someone's data");
        }
        for (path, body) in &actions {
            let mut with_type = headers.clone();
            with_type.push(("Content-Type", "application/json"));
            let reply = request_with(addr, "POST", path, &with_type, body);
            assert_eq!(reply.status, *status, "{who}: POST {path}");
        }
    }
    // Unauthorised answers are one and the same, whatever the cause.
    let bodies: Vec<Vec<u8>> = intruders
        .iter()
        .filter(|(_, _, status)| *status == 401)
        .map(|(_, token, _)| {
            let auth = format!("Bearer {token}");
            request_with(addr, "GET", &reads[0], &[("Authorization", &auth)], b"").body
        })
        .collect();
    assert!(bodies.windows(2).all(|w| w[0] == w[1]));
    // Another event's token and an unknown event look alike.
    let unknown = as_bearer(addr, &s.manage, "GET", "/events/no-such-event/registrations", b"");
    let elsewhere = as_bearer(addr, &s.other_event, "GET", &reads[0], b"");
    assert_eq!((unknown.status, unknown.body), (elsewhere.status, elsewhere.body));
    // A read-only token reads, and may not act.
    for path in &reads {
        assert_eq!(as_bearer(addr, &s.read_only, "GET", path, b"").status, 200, "{path}");
    }
    for (path, body) in &actions {
        let reply = as_bearer(addr, &s.read_only, "POST", path, body);
        assert_eq!((reply.status, reply.json()["code"].as_str()), (403, Some("service.forbidden")), "{path}");
    }
    assert_eq!(dump(&s.db()), before, "no refused request changed a byte of the database");
    // And the manage token acts, in its own name.
    let approved = as_bearer(addr, &s.manage, "POST", &actions[0].0, actions[0].1);
    assert_eq!(approved.status, 200);
    assert_eq!(approved.json()["registration"]["history"][1]["by"], "desk");
}

#[test]
fn a_registrant_reaches_their_own_registration_and_nobody_elses() {
    let s = Scene::new("registrant", &[]);
    let addr = s.server.addr;
    let before = dump(&s.db());
    // Their own: seen with their record, without its id or history.
    let reply = as_bearer(addr, &s.links[0], "GET", "/registrations/me", b"");
    // Not cached, not framed, and no address of the service (a manage page's holds its token) sent elsewhere.
    assert_eq!(
        (reply.headers["cache-control"].as_str(), reply.headers["referrer-policy"].as_str()),
        ("no-store", "same-origin")
    );
    let mine = reply.json();
    assert_eq!(mine["record"]["email"], "teacher0@example.np");
    assert!(mine.get("id").is_none() && mine.get("history").is_none());
    // Nothing takes an id: there is no way to name another registration.
    for path in ["/registrations/r-000002", "/registrations/me/r-000002", "/registrations/me/approve"] {
        let reply = as_bearer(addr, &s.links[0], "POST", path, b"");
        assert_eq!(reply.status, 404, "{path}");
    }
    // Organiser actions are not a registrant's: not even on their own registration.
    let own = format!("/events/{EVENT}/registrations/r-000003/approve");
    assert_eq!(as_bearer(addr, &s.links[2], "POST", &own, br#"{"force": true}"#).status, 401);
    // A changed, forged or absent link: one answer.
    let mut changed = s.links[1].clone();
    changed.replace_range(10..11, if &changed[10..11] == "a" { "b" } else { "a" });
    let answers: Vec<(u16, Vec<u8>)> = [changed.as_str(), "kixm_1234", "", &s.manage]
        .iter()
        .map(|token| {
            let r = as_bearer(addr, token, "GET", "/registrations/me", b"");
            (r.status, r.body)
        })
        .collect();
    assert!(answers.iter().all(|a| a == &answers[0]) && answers[0].0 == 401, "{answers:?}");
    // A body cannot speak for an organiser: no actor, no force.
    let as_organiser = as_bearer(addr, &s.links[0], "POST", "/registrations/me/cancel", br#"{"actor": "organiser"}"#);
    assert_eq!((as_organiser.status, as_organiser.json()["code"].as_str()), (422, Some("service.invalid_body")));
    assert_eq!(dump(&s.db()), before);
    // Cancelling with their link frees their seat only.
    let cancelled = as_bearer(addr, &s.links[0], "POST", "/registrations/me/cancel", b"").json();
    assert_eq!(cancelled["registration"]["status"], "cancelled");
    let others: Vec<String> = s.links[1..]
        .iter()
        .map(|l| as_bearer(addr, l, "GET", "/registrations/me", b"").json()["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(others, ["confirmed", "offered"], "the seat went to the first waiting");
}

#[test]
fn a_known_address_resubmitted_reveals_nothing_and_its_owner_is_sent_their_link() {
    let s = Scene::new("resubmit", &[]);
    let addr = s.server.addr;
    let before = dump(&s.db());
    // person 0 is confirmed, person 2 waitlisted: the answers are the same bytes.
    let hijack = |i: usize| {
        let body = json!({"full_name": "Mallory", "email": format!("teacher{i}@example.np"),
                          "country": "Kyrgyzstan", "audience": "teacher", "organisation": "Evil Corp"});
        request(addr, "POST", &format!("/events/{EVENT}/registrations"), body.to_string().as_bytes())
    };
    let (confirmed, waiting) = (hijack(0), hijack(2));
    assert_eq!((confirmed.status, &confirmed.body), (202, &waiting.body));
    let text = String::from_utf8(confirmed.body).unwrap();
    for secret in ["r-0000", "confirmed", "waitlisted", "teacher", "Teacher", "kixm_"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    // Nothing changed but two notes for the outbox, each for its owner.
    let after = dump(&s.db());
    let added: Vec<&str> = after.lines().filter(|l| !before.contains(l)).collect();
    assert_eq!(added.len(), 2, "{added:#?}");
    assert!(added.iter().all(|l| l.starts_with("changes:") && l.contains("link_resent")), "{added:#?}");
    assert!(added[0].contains("r-000001") && added[1].contains("r-000003"));
    assert_eq!(
        as_bearer(addr, &s.links[0], "GET", "/registrations/me", b"").json()["record"]["full_name"],
        "Teacher 0"
    );

    // The mailer answers the note with a new link of the owner's, made by the binary; the old one still works.
    let out = Command::new(env!("CARGO_BIN_EXE_registration-service"))
        .args(["link", "--db"])
        .arg(s.db())
        .args(["--event", EVENT, "--registration", "r-000001", "--public-url", "https://kix.example"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let url = String::from_utf8(out.stdout).unwrap().lines().last().unwrap().to_owned();
    let fresh = url.strip_prefix("https://kix.example/manage/").unwrap();
    assert_ne!(fresh, s.links[0]);
    assert_eq!(as_bearer(addr, fresh, "GET", "/registrations/me", b"").json()["record"]["full_name"], "Teacher 0");
    let unknown = Command::new(env!("CARGO_BIN_EXE_registration-service"))
        .args(["link", "--db"])
        .arg(s.db())
        .args(["--event", EVENT, "--registration", "r-999999"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
}

#[test]
fn bodies_no_form_should_send_are_refused_with_json_and_change_nothing() {
    let s = Scene::new("bodies", &[]);
    let addr = s.server.addr;
    let registrations = format!("/events/{EVENT}/registrations");
    let before = dump(&s.db());
    let plain = request_with(addr, "POST", &registrations, &[("Content-Type", "text/plain")], &person(9));
    assert_eq!((plain.status, plain.json()["code"].as_str()), (415, Some("service.unsupported_media_type")));
    let form = request_with(
        addr,
        "POST",
        &registrations,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"full_name=x",
    );
    assert_eq!(form.status, 415);
    let untyped = request_with(addr, "POST", &registrations, &[], &person(9));
    assert_eq!(untyped.status, 415);
    let array =
        request(addr, "POST", &registrations, format!("[{}]", String::from_utf8(person(9)).unwrap()).as_bytes());
    assert_eq!((array.status, array.json()["code"].as_str()), (422, Some("service.not_an_object")));
    for name in ["Ana\nMaria", "Ana\u{1b}[2J", "Ana\u{0}"] {
        let body = json!({"full_name": name, "email": "ana@example.md", "country": "MD", "audience": "teacher"});
        let reply = request(addr, "POST", &registrations, body.to_string().as_bytes());
        assert_eq!((reply.status, reply.json()["code"].as_str()), (422, Some("registration.control_character")));
    }
    let long = json!({"reason": "x".repeat(501)}).to_string();
    let reply = as_bearer(addr, &s.manage, "POST", &format!("{registrations}/r-000001/deny"), long.as_bytes());
    assert_eq!((reply.status, reply.json()["code"].as_str()), (422, Some("registration.too_long")));
    let reply = as_bearer(addr, &s.links[0], "POST", "/registrations/me/cancel", long.as_bytes());
    assert_eq!((reply.status, reply.json()["code"].as_str()), (422, Some("registration.too_long")));
    let big = request(addr, "POST", &registrations, &vec![b' '; 20_000]);
    assert_eq!((big.status, big.json()["code"].as_str()), (413, Some("service.body_too_large")));
    let uri = request(addr, "GET", &format!("/events/{}", "x".repeat(3000)), b"");
    assert_eq!((uri.status, uri.json()["code"].as_str()), (414, Some("service.uri_too_long")));
    let cookie = "c".repeat(9000);
    let headers = request_with(addr, "GET", "/calendar.ics", &[("Cookie", &cookie)], b"");
    assert_eq!((headers.status, headers.json()["code"].as_str()), (431, Some("service.headers_too_large")));
    let method = request(addr, "PATCH", "/registrations/me", b"{}");
    assert_eq!((method.status, method.json()["code"].as_str()), (405, Some("service.method_not_allowed")));
    assert_eq!(dump(&s.db()), before);
    // A bidi override is stored, with a warning the registrant sees.
    let body =
        json!({"full_name": "Ana \u{202e}gpj.exe", "email": "ana@example.md", "country": "MD", "audience": "teacher"});
    let reply = request(addr, "POST", &registrations, body.to_string().as_bytes());
    assert_eq!((reply.status, reply.json()["warnings"][0]["code"].as_str()), (201, Some("registration.bidi_control")));
}

#[test]
fn submissions_past_the_rate_limit_wait_and_other_requests_do_not() {
    let dir = TempDir::new("rate");
    let server = Server::start_with(&dir.0.join("kix.sqlite3"), &write_hub(&dir.0, 100), &["--submit-rate", "3"]);
    let statuses: Vec<u16> = (0..4).map(|i| submit(server.addr, i).status).collect();
    assert_eq!(statuses, [201, 201, 201, 429]);
    let limited = submit(server.addr, 5);
    assert_eq!(limited.json()["code"], "service.rate_limited");
    // Three a minute: a token is back within 20 s (less as time passes since the burst).
    let wait: u64 = limited.headers["retry-after"].parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert_eq!(ledger(server.addr)["free"], 97, "reads are not limited");
}

/// Whether the server closed a connection: a read gives end of file or an error.
fn closed(stream: &mut TcpStream) -> bool {
    let mut byte = [0u8; 256];
    loop {
        match stream.read(&mut byte) {
            Ok(0) | Err(_) => return true,
            // An answer (a 408, say) before closing: read on.
            Ok(_) => {}
        }
    }
}

#[test]
fn a_client_trickling_its_headers_is_cut_at_the_header_timeout() {
    let dir = TempDir::new("slow");
    let server = Server::start_with(&dir.0.join("kix.sqlite3"), &write_hub(&dir.0, 100), &["--header-timeout", "2"]);
    let started = Instant::now();
    let slow: Vec<_> = (0..20)
        .map(|_| {
            let addr = server.addr;
            thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
                // A byte every 200 ms, never the blank line that ends the headers.
                for byte in b"GET /calendar.ics HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".iter().cycle().take(200) {
                    if stream.write_all(&[*byte]).is_err() {
                        return started.elapsed();
                    }
                    let mut buf = [0u8; 64];
                    match stream.read(&mut buf) {
                        Ok(0) => return started.elapsed(),
                        Ok(_) => {}
                        Err(e)
                            if e.kind() == std::io::ErrorKind::WouldBlock
                                || e.kind() == std::io::ErrorKind::TimedOut => {}
                        Err(_) => return started.elapsed(),
                    }
                    thread::sleep(Duration::from_millis(100));
                }
                Duration::MAX
            })
        })
        .collect();
    // An idle keep-alive connection is closed by the same timeout.
    let mut idle = TcpStream::connect(server.addr).unwrap();
    idle.write_all(b"GET /events/kix-emap-webinar-20/ledger HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    assert!(closed(&mut idle), "an idle connection is closed");
    for client in slow {
        let cut = client.join().unwrap();
        assert!(cut < Duration::from_secs(5), "cut after {cut:?}");
    }
    // Meanwhile the service answers everyone else.
    assert_eq!(ledger(server.addr)["free"], 100);
}

#[test]
fn connections_past_the_cap_get_a_503_and_sigterm_ends_the_process_despite_held_connections() {
    let dir = TempDir::new("drain");
    let mut server = Server::start_with(
        &dir.0.join("kix.sqlite3"),
        &write_hub(&dir.0, 100),
        &["--max-connections", "4", "--header-timeout", "60", "--drain", "2"],
    );
    // Four connections that send half a request and hold on.
    let held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).unwrap();
            s.write_all(b"POST /events/kix-emap-webinar-20/registrations HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    thread::sleep(Duration::from_millis(200));
    let busy = request(server.addr, "GET", "/calendar.ics", b"");
    assert_eq!((busy.status, busy.json()["code"].as_str()), (503, Some("service.busy")));
    assert_eq!(busy.headers["retry-after"], "1");
    // SIGTERM: the held connections cannot keep the process past the drain deadline.
    let terminated = Instant::now();
    let kill = Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let deadline = terminated + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running 10 s after SIGTERM");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(terminated.elapsed() < Duration::from_secs(5), "exited after {:?}", terminated.elapsed());
    drop(held);
}
