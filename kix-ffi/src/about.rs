//! What this build of kix knows: its version, the tz database's, the codes.

use kix_core as core;

/// The version of the IANA tz database in use.
#[uniffi::export]
pub fn tzdata_version() -> String {
    core::tzdata_version().to_owned()
}

/// The version of kix.
#[uniffi::export]
pub fn kix_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Every violation code kix defines.
#[uniffi::export]
pub fn violation_codes() -> Vec<String> {
    core::Code::ALL.iter().map(|c| c.as_str().to_owned()).collect()
}
