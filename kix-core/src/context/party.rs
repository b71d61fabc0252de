//! A party to an event, a product or a grant: a hub organisation (by id) or any other by name.

use serde::{Deserialize, Serialize};

/// An organiser or partner: a hub organisation (by id) or any other by name.
///
/// ```
/// let p = kix_core::Party { name: "NORRAG".into(), organisation: Some("norrag".into()), ..Default::default() };
/// assert!(p.organisation.is_some());
/// assert!(p.email.is_none(), "no calendar ORGANIZER without a known mailbox");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name as the event page writes it.
    pub name: String,
    /// The hub organisation's id, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The organiser's e-mail, when known: the calendar files' `ORGANIZER` (`mailto:`), which
    /// invitations and cancellations need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}
