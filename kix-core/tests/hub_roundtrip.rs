//! Property: any hub, however odd its content, survives a JSON round-trip unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod strategies;

use kix_core::Hub;
use proptest::prelude::*;
use strategies::hub;

proptest! {
    #[test]
    fn a_hub_survives_a_json_round_trip_unchanged(hub in hub()) {
        let text = serde_json::to_string(&hub).unwrap();
        let back = Hub::from_json(&text).unwrap();
        prop_assert_eq!(&back, &hub);
        // And checking never panics, whatever the content.
        let _ = back.check();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

#[test]
fn the_embedded_hub_survives_a_round_trip_through_its_pretty_json() {
    let hub = kix_core::emap();
    assert_eq!(&Hub::from_json(&hub.to_json()).unwrap(), hub);
}
