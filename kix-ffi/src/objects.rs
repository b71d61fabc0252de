//! The objects that several domain files extend or take, as structs: the `Hub` and the
//! `RegistrationBook`, with the locks that guard them. Their exported methods live in the
//! domain files (`hub`, `events`, `registrations`, `book`, `calendar`, ...), which therefore
//! never import each other.

use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use kix_core as core;

/// A hub: the embedded KIX EMAP hub or one read from JSON. Nominations change
/// it in place; every other call reads it.
#[derive(uniffi::Object)]
pub struct Hub {
    inner: RwLock<core::Hub>,
}

impl Hub {
    pub(crate) fn new(hub: core::Hub) -> Arc<Self> {
        Arc::new(Hub { inner: RwLock::new(hub) })
    }

    /// The hub for reading. A poisoned lock (a panic elsewhere, which kix-core
    /// does not have) still holds a consistent hub: every change is one call.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, core::Hub> {
        self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, core::Hub> {
        self.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The registrations of one event of a hub.
#[derive(uniffi::Object)]
pub struct RegistrationBook {
    pub(crate) hub: Arc<Hub>,
    pub(crate) event: core::Event,
    pub(crate) book: Mutex<core::RegistrationBook>,
}

impl RegistrationBook {
    /// The book. A poisoned lock still holds a consistent book: the core's
    /// operations do not panic, and one refused takes back what it changed.
    pub(crate) fn book(&self) -> MutexGuard<'_, core::RegistrationBook> {
        self.book.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
