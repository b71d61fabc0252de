//! The calendar check: what clients will make of an event's file, and whether a change raises the sequence.

use super::*;

/// What calendar clients will make of the event's file, as warnings: a start (the event's or
/// an occurrence's) in a DST fold (`calendar.fold_start`: clients disagree on which of the two
/// instants a local time means; kix writes such a start in UTC), and — given the version
/// calendars already have — times, rule or status that changed while the sequence was not
/// raised (`calendar.sequence_not_raised`: RFC 5545 clients would keep the old version).
///
/// ```
/// use kix_core::Code;
/// let hub = kix_core::emap();
/// let before = hub.event("kix-emap-webinar-20").unwrap();
/// let mut after = before.clone();
/// after.start = "2024-08-01T13:00:00".parse()?;
/// after.end = Some("2024-08-01T14:30:00".parse()?);
/// let v = kix_core::calendar::check(&after, Some(before));
/// assert_eq!(v[0].code, Code::CalendarSequenceNotRaised);
/// after.sequence += 1;
/// assert!(kix_core::calendar::check(&after, Some(before)).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn check(event: &Event, previous: Option<&Event>) -> Vec<Violation> {
    let mut out = Vec::new();
    if let Ok(tz) = event.tz() {
        let mut starts: Vec<(String, NaiveDateTime)> = vec![("start".into(), event.start)];
        if let Some(rule) = &event.recurrence {
            for wall in event.given_starts(rule).into_iter().skip(1).take(crate::time::recurrence::MAX_OCCURRENCES) {
                if !rule.exceptions.contains(&wall) && !rule.moved.iter().any(|m| m.occurrence == wall) {
                    starts.push(("recurrence".into(), wall));
                }
            }
            for (i, m) in rule.moved.iter().enumerate() {
                starts.push((format!("recurrence.moved[{i}].start"), m.start));
            }
        }
        for (path, wall) in starts {
            if let LocalResolution::Fold { earlier, later } = resolve_local(wall, tz) {
                out.push(
                    Violation::new(
                        Code::CalendarFoldStart,
                        path,
                        format!(
                            "{} happens twice in {}: calendar clients disagree on which is meant, so the file gives it in UTC",
                            wall.format("%Y-%m-%d %H:%M"),
                            tz.name()
                        ),
                    )
                    .with_param("local", wall)
                    .with_param("zone", tz.name())
                    .with_param("earlier", earlier.with_timezone(&Utc))
                    .with_param("later", later.with_timezone(&Utc)),
                );
            }
        }
    }
    if let Some(previous) = previous
        && times_changed(previous, event)
        && event.sequence <= previous.sequence
    {
        out.push(
            Violation::new(
                Code::CalendarSequenceNotRaised,
                "sequence",
                format!(
                    "{:?} changed its times, rule or status but its sequence is {} (was {})",
                    event.id, event.sequence, previous.sequence
                ),
            )
            .with_param("event", &event.id)
            .with_param("previous_sequence", previous.sequence)
            .with_param("sequence", event.sequence),
        );
    }
    out
}

/// Whether the change is one RFC 5545 calls significant: start, end, duration, zone, rule or status.
pub(super) fn times_changed(a: &Event, b: &Event) -> bool {
    a.start != b.start
        || a.wall_end() != b.wall_end()
        || a.end_utc().ok() != b.end_utc().ok()
        || a.zone != b.zone
        || a.recurrence != b.recurrence
        || a.status != b.status
}

pub(super) fn description(event: &Event) -> String {
    let mut out = String::new();
    if let Some(d) = &event.description {
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    if let Some(url) = join_link(event) {
        let _ = writeln!(out, "Join: {url}\n");
    }
    let language = |code: &str| language_name(code).map_or_else(|| code.to_owned(), str::to_owned);
    let _ = write!(out, "Language: {}", language(&event.language));
    if !event.interpretation.is_empty() {
        let list: Vec<String> = event.interpretation.iter().map(|l| language(l)).collect();
        let _ = write!(out, ", with interpretation into {}", list.join(" and "));
    }
    out.push('\n');
    if !event.agenda.is_empty() {
        out.push_str("\nAgenda:\n");
        for (i, item) in event.agenda.iter().enumerate() {
            let _ = write!(out, "{}. {}", i + 1, item.title);
            if let Some(p) = &item.presenter {
                let _ = write!(out, " ({p})");
            }
            out.push('\n');
            if let Some(d) = &item.description {
                let _ = writeln!(out, "   {d}");
            }
            for point in &item.points {
                let _ = writeln!(out, "   - {point}");
            }
        }
    }
    if event.registration.required {
        out.push_str("\nRegistration in advance is required.\n");
    }
    if !event.social_handles.is_empty() {
        let _ = writeln!(out, "Follow: {}", event.social_handles.join(" "));
    }
    out.trim_end().to_owned()
}
