//! A registration service on a real database: kix [`RegistrationBook`](kix_core::RegistrationBook)s
//! kept in SQLite, one book per event, every operation on an event one
//! `BEGIN IMMEDIATE` transaction (read the book, apply the core operation,
//! write the book and its changes, commit), so two requests can never take
//! the last seat.
//!
//! ```text
//! cargo run -p registration-service -- --port 8080 --db kix.sqlite3 [--hub PATH]
//! ```
//!
//! It prints `listening on http://ADDRESS` once bound (`--port 0` picks a free
//! port) and serves, on the loopback interface only (there is no
//! authentication):
//!
//! - `POST /events/{id}/registrations`: a `Registration` as JSON; answers the
//!   submission (its id, status, warnings and changes): 201 when stored anew,
//!   200 when the same registration was already there;
//! - `POST /events/{id}/registrations/{rid}/{action}` with `action` one of
//!   `approve`, `deny`, `cancel`, `reinstate`, `accept`, `decline`, and an
//!   optional JSON body `{reason, actor, force}`;
//! - `GET /events/{id}/ledger`, `GET /events/{id}/registrations/{rid}` and
//!   `GET /events/{id}/registrations/{rid}/ics` (the registrant's invitation or cancellation when the
//!   organiser has an e-mail, else the event's calendar file).
//!
//! Errors are JSON `{code, message, violations?}` with a 4xx status, and
//! change nothing.

mod api;
mod feeds;
mod store;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use kix_core::Hub;

const USAGE: &str = "usage: registration-service [--port PORT] [--db PATH] [--hub PATH]
  --port PORT  TCP port on 127.0.0.1 (default 8080; 0 picks a free one)
  --db PATH    SQLite database file, created if missing (default kix.sqlite3)
  --hub PATH   a hub JSON file to serve (default: the embedded KIX EMAP hub)";

/// The command line.
struct Args {
    port: u16,
    db: PathBuf,
    hub: Option<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args { port: 8080, db: PathBuf::from("kix.sqlite3"), hub: None };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => parsed.port = value()?.parse().map_err(|e| format!("--port: {e}"))?,
            "--db" => parsed.db = PathBuf::from(value()?),
            "--hub" => parsed.hub = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match parse_args(args.into_iter()).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("registration-service: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let hub = match &args.hub {
        Some(path) => Hub::from_path(path).map_err(|e| e.to_string())?,
        None => kix_core::emap().clone(),
    };
    let store = store::Store::open(&args.db).map_err(|e| format!("{}: {e}", args.db.display()))?;
    let state = api::State { hub: Arc::new(hub), store: Arc::new(store), started: chrono::Utc::now() };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await.map_err(|e| format!("bind: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        // Tests and scripts wait for this line to know the service is up.
        println!("listening on http://{address}");
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        axum::serve(listener, api::router(state))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| format!("serve: {e}"))
    })
}

/// Resolves on Ctrl-C or SIGTERM: requests under way finish, and every
/// transaction is either committed or never begun.
async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = interrupt => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

#[cfg(test)]
mod tests {
    use super::parse_args;

    fn args(line: &str) -> Result<super::Args, String> {
        parse_args(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn defaults_are_port_8080_a_database_here_and_the_embedded_hub() {
        let a = args("").unwrap();
        assert_eq!((a.port, a.db.to_str(), a.hub), (8080, Some("kix.sqlite3"), None));
    }

    #[test]
    fn flags_are_read_and_mistakes_named() {
        let a = args("--port 0 --db /tmp/x.db --hub h.json").unwrap();
        assert_eq!(
            (a.port, a.db.to_str(), a.hub.as_deref().and_then(|p| p.to_str())),
            (0, Some("/tmp/x.db"), Some("h.json"))
        );
        assert_eq!(args("--port").err().as_deref(), Some("--port needs a value"));
        assert!(args("--port 70000").is_err_and(|e| e.starts_with("--port")));
        assert_eq!(args("--verbose").err().as_deref(), Some("unknown argument \"--verbose\""));
    }
}
