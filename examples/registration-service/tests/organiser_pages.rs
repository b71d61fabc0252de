//! The organiser's pages as a browser meets them, spoken to over HTTP/1.1: signing in with a
//! token sets the session cookie (its attributes follow the public address), every form is
//! refused without its session's CSRF token and leaves the database as it was, and revoking
//! the token or signing out ends the session. The browser scenarios are in `tests/browser/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::net::SocketAddr;

use common::*;

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

/// Posts the sign-in form with `token`: the reply.
fn sign_in(addr: SocketAddr, token: &str, origin: Option<&str>) -> Reply {
    let mut headers = vec![FORM];
    headers.extend(origin.map(|o| ("Origin", o)));
    request_with(addr, "POST", "/organiser/sign-in", &headers, format!("token={token}&lang=en").as_bytes())
}

/// The `kix_session=...` pair of a sign-in's `Set-Cookie`.
fn session_of(reply: &Reply) -> String {
    let cookie = reply.headers.get("set-cookie").expect("a session cookie");
    cookie.split(';').next().unwrap().to_owned()
}

/// A page read with the session cookie.
fn get(addr: SocketAddr, cookie: &str, path: &str) -> Reply {
    request_with(addr, "GET", path, &[("Cookie", cookie)], b"")
}

/// A form posted with the session cookie.
fn post(addr: SocketAddr, cookie: &str, path: &str, body: &str) -> Reply {
    request_with(addr, "POST", path, &[("Cookie", cookie), FORM], body.as_bytes())
}

/// The CSRF token the page's forms carry.
fn csrf_of(page: &Reply) -> String {
    let html = String::from_utf8_lossy(&page.body);
    let start = html.find("name=\"csrf\" value=\"").expect("a form with its CSRF token") + 19;
    html[start..start + 69].to_owned()
}

#[test]
fn signing_in_sets_a_strict_http_only_cookie_for_the_organiser_pages_and_secure_behind_tls() {
    let dir = TempDir::new("org-cookie");
    let (db, hub) = (dir.0.join("kix.sqlite3"), write_hub(&dir.0, 10));
    let desk = token(&db, "desk", &[]);
    let server = Server::start(&db, &hub);

    let wrong = sign_in(server.addr, &("kixo_".to_owned() + &"0".repeat(64)), None);
    assert_eq!(wrong.status, 200, "the form again, with its message");
    assert!(!wrong.headers.contains_key("set-cookie"));

    let reply = sign_in(server.addr, &desk, None);
    assert_eq!((reply.status, reply.headers["location"].as_str()), (303, "/organiser?lang=en"));
    let cookie = &reply.headers["set-cookie"];
    assert!(cookie.starts_with("kix_session=kixs_"), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/organiser", "Max-Age=28800"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    let from_elsewhere = sign_in(server.addr, &desk, Some("https://elsewhere.example"));
    assert_eq!(from_elsewhere.status, 403, "a form on another site signs nobody in");
    drop(server);

    let behind_tls = Server::start_with(&db, &hub, &["--public-url", "https://kix.example.org"]);
    let reply = sign_in(behind_tls.addr, &desk, Some("https://kix.example.org"));
    assert_eq!(reply.status, 303);
    assert!(reply.headers["set-cookie"].ends_with("; Secure"), "{}", reply.headers["set-cookie"]);
}

#[test]
fn a_form_without_its_sessions_csrf_token_is_refused_and_changes_nothing() {
    let dir = TempDir::new("org-csrf");
    let (db, hub) = (dir.0.join("kix.sqlite3"), write_hub(&dir.0, 10));
    let desk = token(&db, "desk", &[]);
    let server = Server::start(&db, &hub);
    assert_eq!(submit(server.addr, 1).status, 201);
    let cookie = session_of(&sign_in(server.addr, &desk, None));
    let page_path = format!("/organiser/events/{EVENT}");
    let page = get(server.addr, &cookie, &page_path);
    assert_eq!(page.status, 200);
    let csrf = csrf_of(&page);
    let capacity = format!("{page_path}/capacity");

    let before = dump(&db);
    let mut altered = csrf.clone();
    altered.replace_range(68.., if csrf.ends_with('0') { "1" } else { "0" });
    let other = session_of(&sign_in(server.addr, &desk, None));
    let refusals = [
        post(server.addr, &cookie, &capacity, &format!("csrf={altered}&capacity=3")),
        post(server.addr, &cookie, &capacity, "capacity=3"),
        // Another session's cookie with this session's form.
        post(server.addr, &other, &capacity, &format!("csrf={csrf}&capacity=3")),
        // No cookie at all: what a form on another site sends (SameSite=Strict).
        request_with(server.addr, "POST", &capacity, &[FORM], format!("csrf={csrf}&capacity=3").as_bytes()),
    ];
    assert_eq!(refusals.map(|r| r.status), [403; 4]);
    assert_eq!(dump(&db), before, "nothing changed");

    let done = post(server.addr, &cookie, &capacity, &format!("csrf={csrf}&capacity=3&reason=room+changed"));
    assert_eq!(
        (done.status, done.headers["location"].as_str()),
        (303, &*format!("{page_path}?lang=en&offset=0&done=capacity"))
    );
    assert_eq!(ledger(server.addr)["capacity"], 3);
}

#[test]
fn revoking_the_token_or_signing_out_ends_the_session() {
    let dir = TempDir::new("org-end");
    let (db, hub) = (dir.0.join("kix.sqlite3"), write_hub(&dir.0, 10));
    let (desk, door) = (token(&db, "desk", &[]), token(&db, "door", &["--read-only"]));
    let server = Server::start(&db, &hub);
    let page_path = format!("/organiser/events/{EVENT}");

    let cookie = session_of(&sign_in(server.addr, &desk, None));
    let csrf = csrf_of(&get(server.addr, &cookie, &page_path));
    let out = post(server.addr, &cookie, "/organiser/sign-out", &format!("csrf={csrf}"));
    assert_eq!(out.status, 303);
    assert!(out.headers["set-cookie"].contains("Max-Age=0"), "the browser forgets it too");
    let after = get(server.addr, &cookie, &page_path);
    assert_eq!((after.status, after.headers["location"].as_str()), (303, "/organiser/sign-in?lang=en"));

    let read_only = session_of(&sign_in(server.addr, &door, None));
    let page = get(server.addr, &read_only, &page_path);
    assert_eq!(page.status, 200);
    let csrf = csrf_of(&page);
    let capacity = post(server.addr, &read_only, &format!("{page_path}/capacity"), &format!("csrf={csrf}&capacity=1"));
    assert_eq!(capacity.status, 403, "a read-only token's session may not act");
    // A token for another event: this one is as unknown to it as one that does not exist.
    let elsewhere = session_of(&sign_in(server.addr, &token(&db, "elsewhere", &["--event", "x"]), None));
    let (theirs, unknown) =
        (get(server.addr, &elsewhere, &page_path), get(server.addr, &elsewhere, "/organiser/events/no-such-event"));
    assert_eq!((theirs.status, unknown.status), (404, 404));
    assert_eq!(theirs.body, unknown.body);

    let status = std::process::Command::new(env!("CARGO_BIN_EXE_registration-service"))
        .args(["token", "revoke", "--db"])
        .arg(&db)
        .arg("door")
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(get(server.addr, &read_only, &page_path).status, 303, "the token is revoked: signed out");
    let csv = get(server.addr, &read_only, &format!("{page_path}/registrations.csv"));
    assert_eq!(csv.status, 303, "and the export with it");
}
