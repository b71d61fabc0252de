//! A registration service on a real database: kix [`RegistrationBook`](kix_core::RegistrationBook)s
//! kept in SQLite, one book per event. Operations on the books queue to one
//! writer that commits whatever is waiting in one `BEGIN IMMEDIATE`
//! transaction (one fsync for the group) and answers each only once it is
//! committed, so two requests can never take the last seat and an
//! acknowledged registration survives a crash.
//!
//! ```text
//! registration-service [serve] --port 8080 --db kix.sqlite3 [--hub PATH] [--public-url URL] ...
//! registration-service token create --db PATH --name NAME [--event ID]... [--read-only]
//! registration-service token list --db PATH
//! registration-service token revoke --db PATH NAME
//! ```
//!
//! It prints `listening on http://ADDRESS` once bound (`--port 0` picks a free
//! port). Who may do what:
//!
//! - anyone: `POST /events/{id}/registrations` (a `Registration` as JSON): 201
//!   with the registrant's `manage_token` and `manage_url`, 202 "check your
//!   e-mail" when the address is already registered (its owner is sent their
//!   own link), 422 with every violation; `GET /events/{id}/ledger` (capacity and
//!   free seats); `GET /calendar.ics`;
//! - a registrant, with `Authorization: Bearer MANAGE_TOKEN`: `GET` and `PUT
//!   /registrations/me`, `POST /registrations/me/{cancel|accept|decline}`, `GET
//!   /registrations/me/ics`;
//! - an organiser, with `Authorization: Bearer ORGANISER_TOKEN` covering the
//!   event: `GET /events/{id}/registrations` (a page, with the full ledger), `GET
//!   /events/{id}/registrations/{rid}`, `GET /events/{id}/registrations.csv`; with a
//!   manage token also `POST /events/{id}/registrations/{rid}/{approve|deny|cancel|reinstate}`
//!   (`{reason?, force?}`) and `POST /events/{id}/capacity` (`{capacity, reason?}`).
//!
//! Errors are JSON `{code, message, violations?}` and change nothing.

mod api;
mod feeds;
mod limits;
mod pages;
mod secrets;
mod server;
mod store;

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use kix_core::Hub;

const USAGE: &str = "usage: registration-service [serve] [OPTIONS]
       registration-service token create --db PATH --name NAME [--event ID]... [--read-only]
       registration-service token list --db PATH
       registration-service token revoke --db PATH NAME
       registration-service link --db PATH --event ID --registration RID [--public-url URL]
serve options:
  --port PORT            TCP port (default 8080; 0 picks a free one)
  --bind ADDRESS         address to listen on (default 127.0.0.1; put TLS in front of anything else)
  --db PATH              SQLite database file, created if missing (default kix.sqlite3)
  --hub PATH             a hub JSON file to serve (default: the embedded KIX EMAP hub)
  --public-url URL       the origin manage links start with (default http://ADDRESS:PORT)
  --submit-rate N        submissions a minute per client address (default 30; 0: no limit)
  --header-timeout SECS  time to send a request's headers, and idle time between requests (default 10)
  --body-timeout SECS    time to send a request's body (default 10)
  --max-connections N    connections open at once; more get 503 (default 1024)
  --drain SECS           on SIGTERM or Ctrl-C, time to finish requests under way (default 10)
token options:
  --event ID             an event the token covers (repeat; none: every event)
  --read-only            read registrations, the ledger and the export only";

/// What to serve, and how.
struct Serve {
    port: u16,
    bind: IpAddr,
    db: PathBuf,
    hub: Option<PathBuf>,
    public_url: Option<String>,
    submit_rate: u32,
    header_timeout: u64,
    body_timeout: u64,
    max_connections: usize,
    drain: u64,
}

/// A command line.
enum Command {
    Serve(Serve),
    TokenCreate {
        db: PathBuf,
        name: String,
        events: Vec<String>,
        read_only: bool,
    },
    TokenList {
        db: PathBuf,
    },
    TokenRevoke {
        db: PathBuf,
        name: String,
    },
    /// A new manage link for a registration (what a mailer sends for a `link_resent` note).
    Link {
        db: PathBuf,
        event: String,
        registration: String,
        public_url: String,
    },
}

fn number<T: std::str::FromStr>(flag: &str, text: String) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| format!("{flag}: {e}"))
}

fn parse_serve(mut args: impl Iterator<Item = String>) -> Result<Serve, String> {
    let mut s = Serve {
        port: 8080,
        bind: IpAddr::from([127, 0, 0, 1]),
        db: PathBuf::from("kix.sqlite3"),
        hub: None,
        public_url: None,
        submit_rate: 30,
        header_timeout: 10,
        body_timeout: 10,
        max_connections: 1024,
        drain: 10,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => s.port = number("--port", value()?)?,
            "--bind" => s.bind = number("--bind", value()?)?,
            "--db" => s.db = PathBuf::from(value()?),
            "--hub" => s.hub = Some(PathBuf::from(value()?)),
            "--public-url" => s.public_url = Some(value()?.trim_end_matches('/').to_owned()),
            "--submit-rate" => s.submit_rate = number("--submit-rate", value()?)?,
            "--header-timeout" => s.header_timeout = number("--header-timeout", value()?)?,
            "--body-timeout" => s.body_timeout = number("--body-timeout", value()?)?,
            "--max-connections" => s.max_connections = number("--max-connections", value()?)?,
            "--drain" => s.drain = number("--drain", value()?)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if s.header_timeout == 0 || s.body_timeout == 0 || s.max_connections == 0 {
        return Err("timeouts and --max-connections must be at least 1".into());
    }
    Ok(s)
}

fn parse_token(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let verb = args.next().ok_or("token needs create, list or revoke")?;
    let (mut db, mut name, mut events, mut read_only) = (None, None, Vec::new(), false);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => db = Some(PathBuf::from(value()?)),
            "--name" if verb == "create" => name = Some(value()?),
            "--event" if verb == "create" => events.push(value()?),
            "--read-only" if verb == "create" => read_only = true,
            other if verb == "revoke" && !other.starts_with("--") && name.is_none() => name = Some(other.to_owned()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let db = db.ok_or("token commands need --db PATH")?;
    match verb.as_str() {
        "create" => {
            Ok(Command::TokenCreate { db, name: name.ok_or("token create needs --name NAME")?, events, read_only })
        }
        "list" => Ok(Command::TokenList { db }),
        "revoke" => Ok(Command::TokenRevoke { db, name: name.ok_or("token revoke needs the token's NAME")? }),
        other => Err(format!("unknown token command {other:?}")),
    }
}

fn parse_link(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let (mut db, mut event, mut registration) = (None, None, None);
    let mut public_url = "http://127.0.0.1:8080".to_owned();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => db = Some(PathBuf::from(value()?)),
            "--event" => event = Some(value()?),
            "--registration" => registration = Some(value()?),
            "--public-url" => public_url = value()?.trim_end_matches('/').to_owned(),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Command::Link {
        db: db.ok_or("link needs --db PATH")?,
        event: event.ok_or("link needs --event ID")?,
        registration: registration.ok_or("link needs --registration RID")?,
        public_url,
    })
}

fn parse_args(args: Vec<String>) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    match args.peek().map(String::as_str) {
        Some("token") => {
            args.next();
            parse_token(args)
        }
        Some("serve") => {
            args.next();
            parse_serve(args).map(Command::Serve)
        }
        Some("link") => {
            args.next();
            parse_link(args)
        }
        _ => parse_serve(args).map(Command::Serve),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let outcome = parse_args(args).and_then(|command| match command {
        Command::Serve(serve) => run(serve),
        Command::TokenCreate { db, name, events, read_only } => {
            let conn = store::Store::connect_for_tokens(&db).map_err(|e| format!("{}: {e}", db.display()))?;
            let secret = store::tokens::create(&conn, &name, &events, !read_only, chrono::Utc::now())?;
            let covers = if events.is_empty() { "every event".to_owned() } else { events.join(", ") };
            let scope = if read_only { "read" } else { "read and manage" };
            println!("token {name:?} ({scope}; {covers}); shown once, keep it secret:");
            println!("{secret}");
            Ok(())
        }
        Command::TokenList { db } => {
            let conn = store::Store::connect_for_tokens(&db).map_err(|e| format!("{}: {e}", db.display()))?;
            for t in store::tokens::list(&conn)? {
                let scope = if t.manage { "manage" } else { "read" };
                let events = if t.events.is_empty() { "*".to_owned() } else { t.events.join(",") };
                let state = t.revoked.map_or_else(|| "live".to_owned(), |at| format!("revoked {at}"));
                println!("{}\t{scope}\t{events}\tcreated {}\t{state}", t.name, t.created);
            }
            Ok(())
        }
        Command::Link { db, event, registration, public_url } => {
            let conn = store::Store::connect_for_tokens(&db).map_err(|e| format!("{}: {e}", db.display()))?;
            let issued = store::tokens::issue_manage_token(&conn, &event, &registration, chrono::Utc::now())?;
            let token = issued.ok_or_else(|| format!("no registration {registration:?} of event {event:?}"))?;
            println!("a new manage link for {registration} ({event}); send it to its registrant only:");
            println!("{public_url}/manage/{token}");
            Ok(())
        }
        Command::TokenRevoke { db, name } => {
            let conn = store::Store::connect_for_tokens(&db).map_err(|e| format!("{}: {e}", db.display()))?;
            if store::tokens::revoke(&conn, &name, chrono::Utc::now())? {
                println!("revoked {name:?}");
                Ok(())
            } else {
                Err(format!("no live token named {name:?}"))
            }
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("registration-service: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Serve) -> Result<(), String> {
    let hub = Arc::new(match &args.hub {
        Some(path) => Hub::from_path(path).map_err(|e| e.to_string())?,
        None => kix_core::emap().clone(),
    });
    let store = store::Store::open(&args.db, Arc::clone(&hub)).map_err(|e| format!("{}: {e}", args.db.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((args.bind, args.port)).await.map_err(|e| format!("bind: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let state = api::State {
            hub,
            store: Arc::new(store),
            started: chrono::Utc::now(),
            public_url: args.public_url.unwrap_or_else(|| format!("http://{address}")).into(),
            submissions: Arc::new(limits::RateLimit::new(args.submit_rate)),
            body_timeout: Duration::from_secs(args.body_timeout),
        };
        // Tests and scripts wait for this line to know the service is up.
        println!("listening on http://{address}");
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let limits = server::Limits {
            header_timeout: Duration::from_secs(args.header_timeout),
            max_connections: args.max_connections,
            drain: Duration::from_secs(args.drain),
        };
        server::serve(listener, api::router(state), limits, shutdown()).await;
        Ok::<(), String>(())
    })?;
    // Blocking reads still running after the drain are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
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

/// A folder of a unit test's own, removed when it ends: the integration tests' own type.
#[cfg(test)]
#[path = "../tests/common/temp_dir.rs"]
mod temp_dir;

#[cfg(test)]
mod tests {
    use super::{Command, parse_args};

    fn args(line: &str) -> Result<Command, String> {
        parse_args(line.split_whitespace().map(str::to_owned).collect())
    }

    fn serve(line: &str) -> super::Serve {
        match args(line) {
            Ok(Command::Serve(s)) => s,
            _ => panic!("{line:?} is no serve command"),
        }
    }

    #[test]
    fn defaults_are_port_8080_on_loopback_a_database_here_the_embedded_hub_and_a_rate_limit() {
        let s = serve("");
        assert_eq!(
            (s.port, s.db.to_str(), s.hub, s.bind.to_string()),
            (8080, Some("kix.sqlite3"), None, "127.0.0.1".into())
        );
        assert_eq!((s.submit_rate, s.header_timeout, s.body_timeout, s.drain), (30, 10, 10, 10));
    }

    #[test]
    fn flags_are_read_and_mistakes_named() {
        let s = serve("serve --port 0 --db /tmp/x.db --hub h.json --public-url https://kix.example/ --submit-rate 0");
        assert_eq!(
            (s.port, s.db.to_str(), s.public_url.as_deref(), s.submit_rate),
            (0, Some("/tmp/x.db"), Some("https://kix.example"), 0)
        );
        assert_eq!(args("--port").err().as_deref(), Some("--port needs a value"));
        assert!(args("--port 70000").is_err_and(|e| e.starts_with("--port")));
        assert_eq!(args("--verbose").err().as_deref(), Some("unknown argument \"--verbose\""));
        assert!(args("--header-timeout 0").is_err());
    }

    #[test]
    fn token_commands_need_a_database_and_a_name() {
        match args("token create --db k.db --name desk --event e1 --event e2 --read-only") {
            Ok(Command::TokenCreate { name, events, read_only, .. }) => {
                assert_eq!((name.as_str(), events, read_only), ("desk", vec!["e1".to_owned(), "e2".to_owned()], true));
            }
            _ => panic!("a create command"),
        }
        assert!(matches!(args("token revoke --db k.db desk"), Ok(Command::TokenRevoke { .. })));
        assert!(args("token create --name desk").is_err_and(|e| e.contains("--db")));
        assert!(args("token create --db k.db").is_err_and(|e| e.contains("--name")));
        assert!(args("token revoke --db k.db").is_err());
    }
}
