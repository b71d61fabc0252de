//! JSON Schemas (draft 2020-12) of the documents kix exchanges, generated from
//! the Rust types, so that forms, pipelines and the mobile apps can validate
//! kix documents without Rust.
//!
//! `make schemas` (`cargo run -p xtask -- schemas`) writes them to `schemas/`; the test suite
//! fails when the committed files differ from what this module generates.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::events::event::Event;
use crate::hub::catalogue::{KnowledgeProduct, ProductCount, ProductQuery};
use crate::hub::grants::{Grant, GrantTotals};
use crate::hub::schedule::{LocalTimes, Slot, SlotQuery};
use crate::hub::training::{Nomination, QuotaLedger, TimelineLedger, TrainingCycle};
use crate::hub::{Country, Hub, Organisation};
use crate::registrations::book::{Change, RegistrationBook, Reminder, SeatLedger};
use crate::registrations::registration::{HeldRegistration, Registration, RegistrationOutcome};
use crate::shared::violation::Violation;
use crate::time::listing::Schedule;
use crate::time::timeline::TimelinePosition;

/// Where the schemas are published; the major version is part of the path, so
/// an `$id` never changes within a major version.
pub const SCHEMA_BASE: &str = "https://kix-emap.github.io/kix/schemas/v0";

/// One generated schema.
///
/// ```
/// let hub = kix_core::schema::documents().into_iter().find(|d| d.name == "hub").unwrap();
/// assert_eq!(hub.schema["$id"], "https://kix-emap.github.io/kix/schemas/v0/hub.schema.json");
/// assert_eq!(hub.schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaDocument {
    /// Short name; the file is `schemas/{name}.schema.json`.
    pub name: &'static str,
    /// The schema.
    pub schema: Value,
}

impl SchemaDocument {
    /// The file name, e.g. `hub.schema.json`.
    ///
    /// ```
    /// let d = &kix_core::schema::documents()[0];
    /// assert!(d.file_name().ends_with(".schema.json"));
    /// ```
    #[must_use]
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }

    /// The schema as the committed file holds it: pretty JSON and a final newline.
    ///
    /// ```
    /// let d = &kix_core::schema::documents()[0];
    /// assert!(d.to_file_text().ends_with("}\n"));
    /// ```
    #[must_use]
    pub fn to_file_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn document<T: JsonSchema>(name: &'static str, title: &str, description: &str) -> SchemaDocument {
    let mut schema = SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("{SCHEMA_BASE}/{name}.schema.json").into());
    schema.insert("title".into(), title.into());
    let rustdoc = schema.get("description").and_then(Value::as_str).unwrap_or_default().to_owned();
    let text = if rustdoc.is_empty() { description.to_owned() } else { format!("{description}\n\n{rustdoc}") };
    schema.insert("description".into(), text.into());
    schema.insert(
        "$comment".into(),
        format!(
            "Generated from kix-core {} by `make schemas` (`cargo run -p xtask -- schemas`); do not edit. Compatible with every kix 0.x \
             document: see docs/schemas.md, \"Schema versions\".",
            env!("CARGO_PKG_VERSION")
        )
        .into(),
    );
    let mut value = schema.to_value();
    strip_code_examples(&mut value);
    SchemaDocument { name, schema: value }
}

/// Removes the rustdoc examples (fenced code blocks) from every description:
/// they are Rust, and a schema's readers are forms and pipelines.
fn strip_code_examples(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "description"
                    && let Value::String(text) = child
                {
                    let mut kept = Vec::new();
                    let mut in_code = false;
                    for line in text.lines() {
                        if line.trim_start().starts_with("```") {
                            in_code = !in_code;
                        } else if !in_code {
                            kept.push(line);
                        }
                    }
                    *text = kept.join("\n").trim().to_owned();
                } else {
                    strip_code_examples(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_code_examples),
        _ => {}
    }
}

/// Every schema, in a stable order.
///
/// ```
/// let names: Vec<_> = kix_core::schema::documents().iter().map(|d| d.name).collect();
/// assert!(names.contains(&"registration") && names.contains(&"violation"));
/// ```
#[must_use]
pub fn documents() -> Vec<SchemaDocument> {
    vec![
        document::<Hub>("hub", "KIX hub", "The whole configuration of a hub, as kix reads and writes it."),
        document::<Country>("country", "KIX member country", "A member country of a hub."),
        document::<Organisation>("organisation", "KIX organisation", "An organisation that takes part in a hub."),
        document::<Event>("event", "KIX event", "A webinar, workshop, meeting or training session."),
        document::<Registration>("registration", "KIX registration", "A registration to an event, as a form sends it."),
        document::<HeldRegistration>(
            "held_registration",
            "KIX held registration",
            "A registration already held for an event.",
        ),
        document::<RegistrationOutcome>(
            "registration_outcome",
            "KIX registration outcome",
            "The status of one registration and every violation found.",
        ),
        document::<RegistrationBook>(
            "registration_book",
            "KIX registration book",
            "Every registration of one event: statuses, histories and the waiting list.",
        ),
        document::<Change>(
            "registration_change",
            "KIX registration change",
            "One change an operation made to a registration in a book.",
        ),
        document::<SeatLedger>("seat_ledger", "KIX seat ledger", "Seats of an event, or summed over events."),
        document::<Reminder>(
            "registration_reminder",
            "KIX registration reminder",
            "When to remind a registrant, and the event's start in their zone.",
        ),
        document::<Violation>("violation", "KIX violation", "One finding of a rule check, with its stable code."),
        document::<TrainingCycle>(
            "training_cycle",
            "KIX training cycle",
            "One yearly training cycle and its nominations.",
        ),
        document::<Nomination>("nomination", "KIX nomination", "A person nominated to a training cycle."),
        document::<QuotaLedger>("quota_ledger", "KIX quota ledger", "Seats per country in one training cycle."),
        document::<TimelineLedger>(
            "timeline_ledger",
            "KIX timeline ledger",
            "Seats per country in every cycle and over the timeline.",
        ),
        document::<TimelinePosition>("timeline_position", "KIX timeline position", "Where a date sits in the project."),
        document::<LocalTimes>("local_times", "KIX local-times table", "An event in every zone of its countries."),
        document::<SlotQuery>("slot_query", "KIX slot query", "What the slot finder searches."),
        document::<Slot>("slot", "KIX slot suggestion", "A ranked candidate start time for an event."),
        document::<Schedule>("schedule", "KIX schedule", "An event listing's date and time texts read into instants."),
        #[cfg(feature = "i18n")]
        document::<crate::time::listing::WrittenListing>(
            "listing",
            "KIX written listing",
            "An event's date and multi-zone time line as webinar pages publish them, in one language.",
        ),
        document::<crate::registrations::attendance::Attendance>(
            "attendance",
            "KIX attendance",
            "Who attended, who did not come and who walked in, with minutes present and counts per country.",
        ),
        document::<KnowledgeProduct>(
            "knowledge_product",
            "KIX knowledge product",
            "A product of the knowledge exchange platform.",
        ),
        document::<ProductQuery>(
            "product_query",
            "KIX product query",
            "A filter over the knowledge-product catalogue.",
        ),
        document::<ProductCount>(
            "product_count",
            "KIX product count",
            "How many products of a kind concern a country in a period.",
        ),
        document::<Grant>("grant", "KIX small grant", "A small grant, with a decimal amount and an ISO 4217 currency."),
        document::<GrantTotals>(
            "grant_totals",
            "KIX grant totals",
            "Totals of awarded and completed grants, per currency.",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a serde_json::Map<String, Value>)>) {
        match v {
            Value::Object(map) => {
                out.push((path.clone(), map));
                for (k, child) in map {
                    walk(child, format!("{path}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_schema_has_an_id_title_and_description_and_every_property_a_description() {
        for d in documents() {
            for key in ["$id", "$schema", "title", "description", "$comment"] {
                assert!(d.schema.get(key).is_some(), "{} lacks {key}", d.name);
            }
            let mut objects = Vec::new();
            walk(&d.schema, String::new(), &mut objects);
            for (path, object) in objects {
                if let Some(Value::Object(props)) = object.get("properties") {
                    for (name, prop) in props {
                        // A tag (`"const": "online"`) describes itself.
                        let described = prop.get("description").is_some()
                            || prop.get("const").is_some()
                            || prop.get("$ref").is_some()
                            || prop.get("allOf").is_some_and(|a| a.to_string().contains("$ref"));
                        assert!(described, "{}: {path}/properties/{name} has no description", d.name);
                    }
                    assert_eq!(
                        object.get("additionalProperties"),
                        Some(&Value::Bool(false)),
                        "{}: {path} is not closed",
                        d.name
                    );
                }
            }
        }
    }

    #[test]
    fn codes_zones_and_countries_are_enumerated() {
        let hub = documents().into_iter().find(|d| d.name == "violation").unwrap().schema.to_string();
        assert!(hub.contains("\"training.quota_exceeded\""));
        let hub = documents().into_iter().find(|d| d.name == "hub").unwrap().schema;
        let defs = &hub["$defs"];
        assert!(defs["ZoneId"]["enum"].as_array().unwrap().len() > 400);
        assert_eq!(defs["CountryCode"]["enum"].as_array().unwrap().len(), 249);
    }
}
