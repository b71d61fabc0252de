//! Secrets: organiser tokens, registrants' manage tokens and organisers' browser
//! sessions. Each is 256 bits from the operating system's generator, written as
//! `kixo_` (organiser), `kixm_` (manage) or `kixs_` (session) and 64 hex digits,
//! shown once and stored only as its SHA-256. The prefix lets secret scanners
//! and people tell them apart. A session's CSRF token (`kixc_`) is the one kept
//! as it is: the pages must write it into their forms.

use sha2::{Digest, Sha256};

/// The prefix of an organiser token.
pub(crate) const ORGANISER: &str = "kixo_";
/// The prefix of a registrant's manage token.
pub(crate) const MANAGE: &str = "kixm_";
/// The prefix of an organiser's session id (the `kix_session` cookie).
pub(crate) const SESSION: &str = "kixs_";
/// The prefix of a session's CSRF token (the hidden field of every organiser form).
pub(crate) const CSRF: &str = "kixc_";

/// A SHA-256 digest: how a secret is stored and looked up.
pub(crate) type Digest32 = [u8; 32];

/// A new secret with `prefix`, and its digest. Fails only when the operating
/// system cannot give randomness, and then nothing is issued.
pub(crate) fn new_secret(prefix: &str) -> Result<(String, Digest32), String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("the operating system's random generator failed: {e}"))?;
    let mut secret = String::with_capacity(prefix.len() + 64);
    secret.push_str(prefix);
    for b in bytes {
        // Both halves are below 16, so the digits are always found.
        secret.extend([b >> 4, b & 15].map(|half| HEX.get(usize::from(half)).map_or('0', |d| char::from(*d))));
    }
    let digest = digest(&secret);
    Ok((secret, digest))
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The SHA-256 of a secret as presented.
pub(crate) fn digest(secret: &str) -> Digest32 {
    Sha256::digest(secret.as_bytes()).into()
}

/// Whether a presented secret has the shape of one with `prefix` (64 lowercase
/// hex digits after it): anything else is refused before any lookup.
pub(crate) fn well_formed(secret: &str, prefix: &str) -> bool {
    secret
        .strip_prefix(prefix)
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// Compares two digests in time that does not depend on where they differ.
pub(crate) fn same(a: &Digest32, b: &Digest32) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_well_formed_and_stored_as_their_digest() {
        let (a, da) = new_secret(MANAGE).unwrap();
        let (b, db) = new_secret(MANAGE).unwrap();
        assert_ne!(a, b);
        assert!(well_formed(&a, MANAGE) && well_formed(&b, MANAGE));
        assert!(!well_formed(&a, ORGANISER), "a manage token is no organiser token");
        assert!(!well_formed(&a.to_uppercase(), MANAGE));
        assert!(!well_formed(&a[..a.len() - 1], MANAGE));
        assert!(same(&da, &digest(&a)) && !same(&da, &db));
        assert_eq!(a.len(), 5 + 64, "256 bits");
    }
}
