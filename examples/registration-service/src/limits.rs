//! A per-client rate limit on submissions: a token bucket per IP address
//! (`per_minute` tokens, refilled evenly), so one client cannot fill an
//! event or the outbox. Behind a reverse proxy every client has the proxy's
//! address: the proxy then limits per client, and this one is raised or off.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// The most clients remembered; past it, the full buckets are forgotten (a
/// full bucket is what a new client gets anyway).
const MAX_CLIENTS: usize = 100_000;

/// Submissions allowed per client.
pub(crate) struct RateLimit {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimit {
    /// `per_minute` submissions a minute per client, in bursts of as many; 0: no limit.
    pub(crate) fn new(per_minute: u32) -> RateLimit {
        RateLimit { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one submission for `client`: `Err(seconds)` to wait when none is left.
    pub(crate) fn take(&self, client: IpAddr) -> Result<(), u64> {
        self.take_at(client, Instant::now())
    }

    fn take_at(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= MAX_CLIENTS {
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * per_second < capacity);
        }
        let (tokens, at) = buckets.entry(client).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            // Whole seconds until a token is back, at least one.
            let wait = ((1.0 - *tokens) / per_second).ceil();
            Err(if wait.is_finite() && wait >= 1.0 { wait as u64 } else { 1 })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_client_gets_its_burst_then_waits_while_others_are_not_held_back() {
        let limit = RateLimit::new(6);
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let t0 = Instant::now();
        assert!((0..6).all(|_| limit.take_at(a, t0).is_ok()));
        assert_eq!(limit.take_at(a, t0), Err(10), "one a minute comes back every 10 s");
        assert!(limit.take_at(b, t0).is_ok());
        assert!(limit.take_at(a, t0 + Duration::from_secs(10)).is_ok());
        assert!(RateLimit::new(0).take_at(a, t0).is_ok(), "0 is no limit");
    }
}
