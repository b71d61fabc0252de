//! The HTTP server: hyper's HTTP/1.1 connections with the limits an open
//! network needs, which `axum::serve` does not set.
//!
//! - **Header-read timeout**: a client has `header_timeout` to send a request's
//!   headers, from when it connects or its previous answer was sent (so an idle
//!   keep-alive connection is closed after it too): a client trickling headers
//!   a byte at a time is cut.
//! - **Body-read timeout**: handlers read bodies within `body_timeout` (`api::json_body`).
//! - **Connection cap**: past `max_connections` open connections, a new one is
//!   answered `503` with a JSON body and closed at once.
//! - **Drain deadline**: on shutdown the listener closes, every connection is asked
//!   to finish its request under way and close, and after `drain` whatever is
//!   still open is dropped, so held connections cannot keep the process alive.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// The limits of the server's connections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Time to send a request's headers.
    pub(crate) header_timeout: Duration,
    /// Connections open at once.
    pub(crate) max_connections: usize,
    /// Time given to connections to finish once shutdown begins.
    pub(crate) drain: Duration,
}

/// The most bytes hyper buffers for a request's head; the service refuses heads
/// over 8 KiB itself, with a JSON answer (`api::bounded`).
const HEAD_BUFFER: usize = 64 * 1024;

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\n\
connection: close\r\ncontent-length: 75\r\n\r\n{\"code\":\"service.busy\",\"message\":\"too many connections; try again shortly\"}";

/// Serves `app` on `listener` until `shutdown` resolves, then drains.
pub(crate) async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let (socket, peer) = match accepted {
                    Ok(accepted) => accepted,
                    // Out of file descriptors or the like: wait instead of spinning.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                match Arc::clone(&slots).try_acquire_owned() {
                    Ok(slot) => {
                        let (app, stopping) = (app.clone(), stopping.clone());
                        connections.spawn(async move {
                            connection(socket, peer, app, limits, stopping).await;
                            drop(slot);
                        });
                    }
                    Err(_) => {
                        connections.spawn(refuse(socket));
                    }
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = tokio::time::timeout(limits.drain, async { while connections.join_next().await.is_some() {} });
    if drained.await.is_err() {
        eprintln!(
            "registration-service: {} connection(s) still open after the drain deadline: closed",
            connections.len()
        );
        connections.abort_all();
    }
}

/// One connection, until it ends or shutdown has asked it to finish.
async fn connection(
    socket: TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
) {
    let _ = socket.set_nodelay(true);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        app.clone().oneshot(request.map(Body::new))
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(HEAD_BUFFER)
        .serve_connection(TokioIo::new(socket), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        () = stopped(&mut stopping) => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// Resolves once shutdown begins (or the server is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    // The guard `wait_for` gives back is dropped here, before anyone awaits again.
    let _ = stopping.wait_for(|stop| *stop).await.map(|_| ());
}

/// Answers a connection past the cap with a 503 and closes it.
async fn refuse(mut socket: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = socket.write_all(BUSY).await;
        let _ = socket.shutdown().await;
    })
    .await;
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_busy_answer_says_its_length_right() {
        let text = std::str::from_utf8(super::BUSY).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(serde_json::from_str::<serde_json::Value>(body).is_ok());
    }
}
