//! An event's checks and a list's: fields, times, languages, organisers, the registration policy, duplicates and overlaps.

use super::*;

impl Event {
    /// A freed seat is offered for at least an hour.
    pub(super) fn check_offer_hours(&self, out: &mut Vec<Violation>) {
        if self.registration.offer_hours == 0 {
            out.push(
                Violation::new(
                    Code::EventInvalidOfferHours,
                    "registration.offer_hours",
                    "an offer of a freed seat must run for at least one hour (offer_hours is 0)",
                )
                .with_param("offer_hours", 0),
            );
        }
    }
}

pub(super) fn at_path(mut v: Violation, path: &str) -> Violation {
    v.path = path.to_owned();
    v
}

pub(super) fn unknown_language(path: &str, code: &str) -> Violation {
    Violation::new(Code::EventUnknownLanguage, path, format!("{code:?} is not an ISO 639-1 language code"))
        .with_param("language", code)
}

/// Checks a list of events (as `events` of a hub): each event on its own
/// (paths prefixed `events[i].`), duplicate ids, two events of one series with
/// the same number, and — as `schedule.conflict` warnings — overlapping
/// scheduled events that share an audience or a country.
///
/// ```
/// use kix_core::Check;
/// let hub = kix_core::emap();
/// let mut events = hub.events.clone();
/// let mut copy = events[0].clone();
/// copy.id = "copy".into();
/// events.push(copy);
/// let codes: Vec<_> = events.check(hub).iter().map(|v| v.code.as_str()).collect();
/// assert_eq!(codes, ["event.duplicate_number", "schedule.conflict"]);
/// ```
impl Check for [Event] {
    fn check(&self, hub: &impl HubView) -> Vec<Violation> {
        let events = self;
        let mut out = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut numbers: HashMap<(&str, u32), usize> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            for mut v in e.check(hub) {
                v.path = if v.path.is_empty() { format!("events[{i}]") } else { format!("events[{i}].{}", v.path) };
                out.push(v);
            }
            if let Some(&first) = ids.get(e.id.as_str()) {
                out.push(
                    Violation::new(
                        Code::EventDuplicateId,
                        format!("events[{i}].id"),
                        format!("event id {:?} is used twice", e.id),
                    )
                    .with_param("id", &e.id)
                    .with_param("first_index", first),
                );
            } else {
                ids.insert(&e.id, i);
            }
            if let (Some(series), Some(number)) = (&e.series, e.number) {
                if let Some(&first) = numbers.get(&(series.as_str(), number)) {
                    out.push(
                        Violation::new(
                            Code::EventDuplicateNumber,
                            format!("events[{i}].number"),
                            format!("{series} {number} is also events[{first}]"),
                        )
                        .with_param("series", series)
                        .with_param("number", number)
                        .with_param("first_index", first),
                    );
                } else {
                    numbers.insert((series, number), i);
                }
            }
        }
        check_overlaps(events, hub, &mut out);
        out
    }
}

/// Scheduled events that overlap in time and share an audience or a country
/// (`schedule.conflict` warnings, on the later one): one per pair of overlapping
/// occurrences, so a series conflicts once for every session that clashes, and the
/// warning then names both occurrences' starts.
pub(super) fn check_overlaps(events: &[Event], hub: &impl HubView, out: &mut Vec<Violation>) {
    // Overlaps: sort by start instant and sweep, so the cost is the number of
    // occurrences plus the number of overlapping pairs.
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status == EventStatus::Scheduled)
        .filter_map(|(i, e)| e.occurrences().ok().map(|list| (i, list)))
        .flat_map(|(i, list)| list.into_iter().map(move |o| (o.start_utc, o.end_utc, i)))
        .collect();
    spans.sort();
    for (k, &(start, end, i)) in spans.iter().enumerate() {
        for &(other_start, _, j) in spans.iter().skip(k + 1) {
            if other_start >= end {
                break;
            }
            let (Some(a), Some(b)) = (events.get(i), events.get(j)) else { continue };
            if i == j {
                continue;
            }
            let audiences: Vec<&str> =
                a.audiences.iter().filter(|x| b.audiences.contains(x)).map(|x| x.as_str()).collect();
            let countries: Vec<CountryCode> =
                a.target_countries(hub).intersection(&b.target_countries(hub)).copied().collect();
            if !audiences.is_empty() || !countries.is_empty() {
                let mut v = Violation::new(
                    Code::ScheduleConflict,
                    format!("events[{j}]"),
                    format!("{:?} overlaps {:?} ({start} to {end}) and shares its audience or countries", b.id, a.id),
                )
                .with_param("event", &b.id)
                .with_param("other_event", &a.id)
                .with_param("shared_audiences", audiences)
                .with_param("shared_countries", countries);
                if a.is_series() || b.is_series() {
                    v = v.with_param("occurrence", other_start).with_param("other_occurrence", start);
                }
                out.push(v);
            }
        }
    }
}
