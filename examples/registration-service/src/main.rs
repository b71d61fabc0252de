//! A registration service over the kix registration book, on SQLite.
//!
//! `cargo run --release -- --port 8080 --db registrations.sqlite3 --hub hub.json`
//! (every flag optional: port 8080, `registrations.sqlite3` in the working
//! directory, the embedded KIX EMAP hub). Each event's book is one row; every
//! operation reads it, applies one core operation and writes it back inside one
//! `BEGIN IMMEDIATE` transaction, so operations on the books are serialized and
//! two requests can never take the last seat. WAL with `synchronous=FULL`: an
//! acknowledged operation survives a crash.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use kix_core::{Actor, Code, Error, Event, Hub, Registration, RegistrationBook};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Deserialize;
use serde_json::{Value, json};

/// Larger bodies are refused with 413: a registration is a few hundred bytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

struct App {
    hub: Hub,
    db: Mutex<Connection>,
}

/// An answer that is not a success: a status and a JSON body saying why.
struct Refusal(StatusCode, Value);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, axum::Json(self.1)).into_response()
    }
}

fn refusal(status: StatusCode, error: &str, message: impl Into<String>) -> Refusal {
    Refusal(status, json!({ "error": error, "message": message.into() }))
}

fn storage(e: impl std::fmt::Display) -> Refusal {
    refusal(StatusCode::INTERNAL_SERVER_ERROR, "storage", e.to_string())
}

/// A refused core operation: 404 for an unknown id, else 409 with every violation.
fn refused(e: &Error) -> Refusal {
    let violations = e.violations();
    if violations.is_empty() {
        return refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string());
    }
    let status = if violations.iter().any(|v| v.code == Code::RegistrationUnknownId) {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::CONFLICT
    };
    Refusal(status, json!({ "error": "rejected", "violations": violations }))
}

fn open_db(path: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch("CREATE TABLE IF NOT EXISTS books (event_id TEXT PRIMARY KEY, book TEXT NOT NULL)")?;
    Ok(conn)
}

fn read_book(conn: &Connection, event: &Event) -> Result<RegistrationBook, Refusal> {
    let text: Option<String> = conn
        .query_row("SELECT book FROM books WHERE event_id = ?1", [&event.id], |row| row.get(0))
        .optional()
        .map_err(storage)?;
    match text {
        Some(text) => RegistrationBook::from_json(&text).map_err(storage),
        None => Ok(RegistrationBook::new(event)),
    }
}

impl App {
    fn event(&self, id: &str) -> Result<&Event, Refusal> {
        self.hub.event(id).ok_or_else(|| refusal(StatusCode::NOT_FOUND, "unknown_event", format!("no event {id:?}")))
    }

    /// Runs one operation on an event's book in one transaction; the book is
    /// written back only when the operation succeeded.
    fn write<T>(
        &self,
        event_id: &str,
        op: impl FnOnce(&Hub, &Event, &mut RegistrationBook) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let event = self.event(event_id)?;
        let mut conn = self.db.lock().map_err(storage)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(storage)?;
        let mut book = read_book(&tx, event)?;
        let result = op(&self.hub, event, &mut book)?;
        tx.execute(
            "INSERT INTO books (event_id, book) VALUES (?1, ?2) \
             ON CONFLICT(event_id) DO UPDATE SET book = excluded.book",
            [&event.id, &book.to_json()],
        )
        .map_err(storage)?;
        tx.commit().map_err(storage)?;
        Ok(result)
    }

    fn read<T>(
        &self,
        event_id: &str,
        look: impl FnOnce(&Hub, &Event, &RegistrationBook) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let event = self.event(event_id)?;
        let conn = self.db.lock().map_err(storage)?;
        let book = read_book(&conn, event)?;
        look(&self.hub, event, &book)
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, Refusal> + Send + 'static) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(f).await.map_err(storage)?
}

async fn submit(
    State(app): State<Arc<App>>,
    Path(event_id): Path<String>,
    body: Result<axum::Json<Registration>, JsonRejection>,
) -> Result<Response, Refusal> {
    let axum::Json(record) = body.map_err(|e| {
        let status = e.status();
        // Malformed JSON and unknown fields are one kind of mistake for a client: 400.
        let status = if status == StatusCode::UNPROCESSABLE_ENTITY { StatusCode::BAD_REQUEST } else { status };
        let error = if status == StatusCode::PAYLOAD_TOO_LARGE { "too_large" } else { "invalid_json" };
        refusal(status, error, e.body_text())
    })?;
    let submission = blocking(move || {
        app.write(&event_id, |hub, event, book| book.submit(hub, event, &record, Utc::now()).map_err(|e| refused(&e)))
    })
    .await?;
    let status = if submission.is_rejected() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, axum::Json(submission)).into_response())
}

/// The optional body of an action.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ActionBody {
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    force: bool,
    #[serde(default)]
    actor: Option<Actor>,
}

async fn action(
    State(app): State<Arc<App>>,
    Path((event_id, rid, action)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let args: ActionBody = if body.iter().all(u8::is_ascii_whitespace) {
        ActionBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| refusal(StatusCode::BAD_REQUEST, "invalid_json", e.to_string()))?
    };
    if !["approve", "deny", "cancel", "reinstate", "accept", "decline", "check_in"].contains(&action.as_str()) {
        return Err(refusal(StatusCode::NOT_FOUND, "unknown_action", format!("no action {action:?}")));
    }
    let applied = blocking(move || {
        app.write(&event_id, |_, event, book| {
            let now = Utc::now();
            let reason = args.reason.as_deref();
            let result = match action.as_str() {
                "approve" => book.approve(event, &rid, args.force, now),
                "deny" => book.deny(event, &rid, reason.unwrap_or("denied by an organiser"), now),
                "cancel" => book.cancel(event, &rid, args.actor.unwrap_or(Actor::Registrant), reason, now),
                "reinstate" => book.reinstate(event, &rid, reason, now),
                "accept" => book.accept_offer(event, &rid, now),
                "decline" => book.decline_offer(event, &rid, now),
                _ => book.check_in(event, &rid, now),
            };
            result.map_err(|e| refused(&e))
        })
    })
    .await?;
    Ok(axum::Json(applied).into_response())
}

async fn ledger(State(app): State<Arc<App>>, Path(event_id): Path<String>) -> Result<Response, Refusal> {
    let ledger = blocking(move || {
        app.read(&event_id, |_, _, book| {
            let ledger = book.ledger();
            Ok(json!({ "registrations": book.registrations.len(), "ledger": ledger }))
        })
    })
    .await?;
    Ok(axum::Json(ledger).into_response())
}

fn unknown_registration(rid: &str) -> Refusal {
    refusal(StatusCode::NOT_FOUND, "unknown_registration", format!("no registration {rid:?}"))
}

async fn registration(
    State(app): State<Arc<App>>,
    Path((event_id, rid)): Path<(String, String)>,
) -> Result<Response, Refusal> {
    let entry = blocking(move || {
        app.read(&event_id, |_, _, book| book.get(&rid).cloned().ok_or_else(|| unknown_registration(&rid)))
    })
    .await?;
    Ok(axum::Json(entry).into_response())
}

async fn ics(State(app): State<Arc<App>>, Path((event_id, rid)): Path<(String, String)>) -> Result<Response, Refusal> {
    let text = blocking(move || {
        app.read(&event_id, |hub, event, book| {
            let entry = book.get(&rid).ok_or_else(|| unknown_registration(&rid))?;
            if !entry.status.holds_seat() {
                return Err(refusal(
                    StatusCode::CONFLICT,
                    "no_seat",
                    format!("registration {rid} is {}: it holds no seat", entry.status),
                ));
            }
            kix_core::calendar::to_ics(hub, event, Utc::now()).map_err(|e| refused(&e))
        })
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], text).into_response())
}

struct Options {
    port: u16,
    db: String,
    hub: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options { port: 8080, db: "registrations.sqlite3".into(), hub: None };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--port" => o.port = value.parse().map_err(|_| format!("--port {value:?} is not a port"))?,
            "--db" => o.db = value,
            "--hub" => o.hub = Some(value),
            other => return Err(format!("unknown flag {other}; flags: --port N --db PATH --hub PATH")),
        }
    }
    Ok(o)
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/events/{id}/registrations", post(submit))
        .route("/events/{id}/registrations/{rid}", get(registration))
        .route("/events/{id}/registrations/{rid}/ics", get(ics))
        .route("/events/{id}/registrations/{rid}/{action}", post(action))
        .route("/events/{id}/ledger", get(ledger))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(app)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let o = options()?;
    let hub = match &o.hub {
        Some(path) => Hub::from_path(path)?,
        None => kix_core::emap().clone(),
    };
    let app = Arc::new(App { hub, db: Mutex::new(open_db(&o.db)?) });
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], o.port))).await?;
    // The tests read the address (the port may be 0: any free one).
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(app)).await?;
    Ok(())
}
