//! When an event happens for everyone: local-time tables and a fair slot finder.
//!
//! [`local_times`] shows an event in every zone of every participating
//! country — local start and end, the day shift against the organiser's date,
//! the real offset and abbreviation of that date, working hours and rest days.
//! [`find_slots`] ranks candidate start times by fairness across zones.

use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::events::event::Event;
use crate::hub::{Country, Hub};
use crate::shared::error::Error;
use crate::shared::violation::Violation;
use crate::time::zone::{
    Abbreviation, Disambiguation, ZoneId, ZoneYears, abbreviation_with, common_abbreviations, format_offset,
    from_local, wall_time,
};

/// Local working hours, by default 08:00 to 18:00.
///
/// ```
/// let wh = kix_core::WorkingHours::hours(9, 17)?;
/// assert_eq!(wh.start.to_string(), "09:00:00");
/// assert!(kix_core::WorkingHours::hours(18, 8).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingHours {
    /// When the working day starts.
    pub start: NaiveTime,
    /// When it ends (after the start, same day).
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours { start: NaiveTime::MIN + Duration::hours(8), end: NaiveTime::MIN + Duration::hours(18) }
    }
}

impl WorkingHours {
    /// Working hours from whole hours, e.g. `(8, 18)`; 24 means midnight at the end.
    ///
    /// ```
    /// assert_eq!(kix_core::WorkingHours::hours(8, 18)?, kix_core::WorkingHours::default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn hours(start: u32, end: u32) -> Result<Self, Error> {
        let bad = || Error::InvalidValue {
            what: "working hours",
            value: format!("({start}, {end})"),
            expected: "two hours from 0 to 24, the start before the end",
        };
        if start >= end || end > 24 {
            return Err(bad());
        }
        let at = |h: u32| if h == 24 { NaiveTime::from_hms_opt(23, 59, 59) } else { NaiveTime::from_hms_opt(h, 0, 0) };
        Ok(WorkingHours { start: at(start).ok_or_else(bad)?, end: at(end).ok_or_else(bad)? })
    }

    fn contains(&self, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        start.date() == end.date() && start.time() >= self.start && end.time() <= self.end
            || start.date().succ_opt().is_some_and(|next| end == next.and_time(NaiveTime::MIN))
                && start.time() >= self.start
                && self.end >= NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
    }
}

/// An offset from UTC in seconds, written `+05:45` in JSON.
///
/// ```
/// let o = kix_core::UtcOffset(20_700);
/// assert_eq!(o.to_string(), "+05:45");
/// assert_eq!(serde_json::to_string(&o)?, r#""+05:45""#);
/// assert_eq!(serde_json::from_str::<kix_core::UtcOffset>(r#""-03:30""#)?, kix_core::UtcOffset(-12_600));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcOffset(pub i32);

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_offset(self.0))
    }
}

impl Serialize for UtcOffset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UtcOffset {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        chrono::FixedOffset::from_str_radix(&text)
            .map(|o| UtcOffset(o.local_minus_utc()))
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not an offset such as \"+05:45\"")))
    }
}

/// Parsing `±HH:MM[:SS]` into a fixed offset.
trait FromStrRadix: Sized {
    fn from_str_radix(text: &str) -> Option<Self>;
}

impl FromStrRadix for chrono::FixedOffset {
    fn from_str_radix(text: &str) -> Option<Self> {
        let (sign, rest) = match text.as_bytes().first()? {
            b'+' => (1, text.get(1..)?),
            b'-' => (-1, text.get(1..)?),
            _ => return None,
        };
        let mut parts = rest.split(':');
        let h: i32 = parts.next()?.parse().ok()?;
        let m: i32 = parts.next()?.parse().ok()?;
        let s: i32 = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        if parts.next().is_some() || rest.len() < 5 || h > 23 || m > 59 || s > 59 {
            return None;
        }
        chrono::FixedOffset::east_opt(sign * (h * 3600 + m * 60 + s))
    }
}

#[cfg(feature = "schemas")]
impl schemars::JsonSchema for UtcOffset {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "UtcOffset".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An offset from UTC such as \"+05:45\" or \"-03:30\".",
            "type": "string",
            "pattern": "^[+-](0[0-9]|1[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        })
    }
}

/// An event in one zone.
///
/// ```
/// let hub = kix_core::emap();
/// let table = kix_core::local_times(hub, hub.event("kix-emap-webinar-20").unwrap(), kix_core::WorkingHours::default())?;
/// let np = table.rows.iter().find(|r| r.zone == chrono_tz::Asia::Kathmandu).unwrap();
/// assert_eq!(np.local_start.to_string(), "2024-07-31 16:45:00");
/// assert_eq!(np.utc_offset.to_string(), "+05:45");
/// assert_eq!(np.abbreviation.as_str(), "NPT");
/// assert!(!np.within_working_hours, "16:45 to 18:15 runs past 18:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalTimeRow {
    /// The country (absent for a zone asked about directly, such as a phone's).
    pub country: Option<CountryCode>,
    /// The IANA zone.
    #[cfg_attr(feature = "schemas", schemars(with = "ZoneId"))]
    pub zone: Tz,
    /// Local wall-clock start.
    pub local_start: NaiveDateTime,
    /// Local wall-clock end.
    pub local_end: NaiveDateTime,
    /// The local date of the start.
    pub local_date: NaiveDate,
    /// Days between the local date and the organiser's date (-1, 0, +1).
    pub day_shift: i32,
    /// The real offset from UTC at the start.
    pub utc_offset: UtcOffset,
    /// The abbreviation in use at the start (e.g. `CEST`, `NPT`).
    pub abbreviation: Abbreviation,
    /// Whether the event lies wholly inside local working hours.
    pub within_working_hours: bool,
    /// Whether the local date of the start is a weekly rest day in the country.
    pub rest_day: bool,
}

/// An event in every zone of its countries.
///
/// ```
/// let hub = kix_core::emap();
/// let table = kix_core::local_times(hub, hub.event("kix-emap-webinar-20").unwrap(), Default::default())?;
/// assert_eq!(table.rows.len(), 24, "21 countries, three of them with two zones");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalTimes {
    /// The event's id.
    pub event: String,
    /// Start in UTC.
    pub start_utc: DateTime<Utc>,
    /// End in UTC.
    pub end_utc: DateTime<Utc>,
    /// The organiser's zone.
    pub organiser_zone: ZoneId,
    /// The organiser's local date of the start.
    pub organiser_date: NaiveDate,
    /// The working hours used.
    pub working_hours: WorkingHours,
    /// One row per country and zone, in the hub's order.
    pub rows: Vec<LocalTimeRow>,
}

/// The zones of a set of countries, resolved once (for tables over many events).
///
/// ```
/// let hub = kix_core::emap();
/// let zones = kix_core::schedule::CountryZones::of(hub, None)?;
/// assert_eq!(zones.len(), 24);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CountryZones<'a> {
    zones: Vec<(&'a Country, Tz)>,
    /// Per zone, the abbreviations in common use by offset (see `zone::abbreviation`).
    abbreviations: Vec<Vec<(i32, Abbreviation)>>,
    /// How many tables have been asked for: from [`MANY_TABLES`] on, the zones' offsets come
    /// from `years`, a year of steps per zone found when first needed.
    asked: AtomicUsize,
    years: OnceLock<Vec<ZoneYears>>,
}

/// The tables after which a zone's offsets are worth finding a year at a time: a year costs
/// about 1,500 tz lookups, a table two per zone.
const MANY_TABLES: usize = 64;

impl Clone for CountryZones<'_> {
    fn clone(&self) -> Self {
        CountryZones {
            zones: self.zones.clone(),
            abbreviations: self.abbreviations.clone(),
            asked: AtomicUsize::new(self.asked.load(AtomicOrdering::Relaxed)),
            years: self.years.clone(),
        }
    }
}

impl<'a> CountryZones<'a> {
    /// The zones of the given member countries (all members when `None`), in the hub's order.
    /// A country that is not a member is [`Error::Rejected`] with `hub.unknown_country`.
    ///
    /// ```
    /// let hub = kix_core::emap();
    /// let only = [kix_core::CountryCode::new("UZ")?];
    /// assert_eq!(kix_core::schedule::CountryZones::of(hub, Some(&only))?.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(hub: &'a Hub, countries: Option<&[CountryCode]>) -> Result<Self, Error> {
        if let Some(list) = countries {
            let unknown: Vec<Violation> = list
                .iter()
                .enumerate()
                .filter(|(_, c)| !hub.is_member(**c))
                .map(|(i, c)| {
                    Violation::new(
                        crate::shared::violation::Code::HubUnknownCountry,
                        format!("countries[{i}]"),
                        format!("{c} ({}) is not a member of the hub", c.name()),
                    )
                    .with_param("country", c)
                })
                .collect();
            if !unknown.is_empty() {
                return Err(Error::Rejected(unknown));
            }
        }
        let mut zones = Vec::new();
        for c in hub.countries.iter().filter(|c| countries.is_none_or(|l| l.contains(&c.code))) {
            for z in &c.time_zones {
                zones.push((c, z.tz()?));
            }
        }
        let abbreviations = zones.iter().map(|(_, tz)| common_abbreviations(*tz)).collect();
        Ok(CountryZones { zones, abbreviations, asked: AtomicUsize::new(0), years: OnceLock::new() })
    }

    /// How many zones.
    ///
    /// ```
    /// assert!(!kix_core::schedule::CountryZones::of(kix_core::emap(), None)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.zones.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// assert!(!kix_core::schedule::CountryZones::of(kix_core::emap(), None)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.zones.is_empty()
    }

    /// The rows for an interval, against the organiser's local date.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let hub = kix_core::emap();
    /// let zones = kix_core::schedule::CountryZones::of(hub, None)?;
    /// let (start, end) = (Utc.with_ymd_and_hms(2024, 7, 31, 22, 0, 0).unwrap(), Utc.with_ymd_and_hms(2024, 7, 31, 23, 0, 0).unwrap());
    /// let rows = zones.rows(start, end, start.date_naive(), Default::default());
    /// let pg = rows.iter().find(|r| r.zone == chrono_tz::Pacific::Port_Moresby).unwrap();
    /// assert_eq!(pg.day_shift, 1, "already 1 August in Port Moresby");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rows(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        organiser_date: NaiveDate,
        working: WorkingHours,
    ) -> Vec<LocalTimeRow> {
        let mut out = Vec::with_capacity(self.zones.len());
        self.rows_into(start, end, organiser_date, working, &mut out);
        out
    }

    /// Like [`CountryZones::rows`], into a buffer that is cleared first: for
    /// tables over many events without an allocation per event.
    ///
    /// ```
    /// use chrono::{Duration, TimeZone, Utc};
    /// let zones = kix_core::schedule::CountryZones::of(kix_core::emap(), None)?;
    /// let mut rows = Vec::new();
    /// for day in 0..3 {
    ///     let start = Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap() + Duration::days(day);
    ///     zones.rows_into(start, start + Duration::hours(1), start.date_naive(), Default::default(), &mut rows);
    ///     assert_eq!(rows.len(), 24);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows_into(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        organiser_date: NaiveDate,
        working: WorkingHours,
        out: &mut Vec<LocalTimeRow>,
    ) {
        out.clear();
        let years = (self.asked.fetch_add(1, AtomicOrdering::Relaxed) >= MANY_TABLES)
            .then(|| self.years.get_or_init(|| self.zones.iter().map(|(_, tz)| ZoneYears::new(*tz)).collect()));
        for (i, ((country, tz), common)) in self.zones.iter().zip(&self.abbreviations).enumerate() {
            let known = years.and_then(|y| y.get(i)).and_then(|y| y.at_both(start.timestamp(), end.timestamp()));
            out.push(match known {
                Some(((offset, abbreviation), end_offset)) => row_at(
                    Some(country),
                    *tz,
                    (start, offset, abbreviation),
                    (end, end_offset),
                    organiser_date,
                    working,
                ),
                None => row(Some(country), *tz, common, start, end, organiser_date, working),
            });
        }
    }
}

fn row(
    country: Option<&Country>,
    tz: Tz,
    common: &[(i32, Abbreviation)],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    organiser_date: NaiveDate,
    working: WorkingHours,
) -> LocalTimeRow {
    let offset = tz.offset_from_utc_datetime(&start.naive_utc());
    let abbreviation = abbreviation_with(&offset, |s| common.iter().find(|(o, _)| *o == s).map(|(_, a)| *a));
    let end_offset = tz.offset_from_utc_datetime(&end.naive_utc()).fix().local_minus_utc();
    let start = (start, offset.fix().local_minus_utc(), abbreviation);
    row_at(country, tz, start, (end, end_offset), organiser_date, working)
}

/// A row from the offsets (seconds east of UTC) at the start and the end and the start's
/// abbreviation.
fn row_at(
    country: Option<&Country>,
    tz: Tz,
    (start, seconds, abbreviation): (DateTime<Utc>, i32, Abbreviation),
    (end, end_seconds): (DateTime<Utc>, i32),
    organiser_date: NaiveDate,
    working: WorkingHours,
) -> LocalTimeRow {
    // Wall times from the offsets already found; at the edges of chrono's range, as `wall_time` gives them.
    let wall = |t: DateTime<Utc>, seconds: i32| {
        FixedOffset::east_opt(seconds)
            .and_then(|o| t.naive_utc().checked_add_offset(o))
            .unwrap_or_else(|| wall_time(t, tz))
    };
    let (local_start, local_end) = (wall(start, seconds), wall(end, end_seconds));
    let local_date = local_start.date();
    LocalTimeRow {
        country: country.map(|c| c.code),
        zone: tz,
        local_start,
        local_end,
        local_date,
        day_shift: local_date.num_days_from_ce() - organiser_date.num_days_from_ce(),
        utc_offset: UtcOffset(seconds),
        abbreviation,
        within_working_hours: working.contains(local_start, local_end),
        rest_day: country.is_some_and(|c| c.is_rest_day(local_date)),
    }
}

/// The local-times table of an event for its countries (all members unless
/// the event names some); for a series, of its first occurrence (see
/// [`occurrence_local_times`] for every one).
///
/// ```
/// let hub = kix_core::emap();
/// let table = kix_core::local_times(hub, hub.event("kix-emap-webinar-20").unwrap(), Default::default())?;
/// let kabul = table.rows.iter().find(|r| r.zone == chrono_tz::Asia::Kabul).unwrap();
/// assert_eq!((kabul.local_start.to_string().as_str(), kabul.utc_offset.to_string().as_str()), ("2024-07-31 15:30:00", "+04:30"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn local_times(hub: &Hub, event: &Event, working: WorkingHours) -> Result<LocalTimes, Error> {
    let start = event.start_utc()?;
    let end = event.end_utc()?;
    let countries: Option<Vec<CountryCode>> = event.countries.clone();
    let zones = CountryZones::of(hub, countries.as_deref())?;
    Ok(LocalTimes {
        event: event.id.clone(),
        start_utc: start,
        end_utc: end,
        organiser_zone: event.zone.clone(),
        organiser_date: event.start.date(),
        working_hours: working,
        rows: zones.rows(start, end, event.start.date(), working),
    })
}

/// The local-times table of every occurrence of an event, in order (one table for a single
/// event, equal to [`local_times`]): a weekly series in Geneva is 10:00 there every week, but
/// an hour later or earlier elsewhere once the clocks change, and its rest days and working
/// hours are judged for each date.
///
/// ```
/// use kix_core::{Frequency, Recurrence};
/// let hub = kix_core::emap();
/// let mut e = hub.event("kix-emap-webinar-20").unwrap().clone();
/// e.start = "2025-10-21T10:00:00".parse()?;
/// e.end = Some("2025-10-21T11:30:00".parse()?);
/// e.recurrence = Some(Recurrence { count: Some(2), ..Recurrence::new(Frequency::Weekly) });
/// let tables = kix_core::schedule::occurrence_local_times(hub, &e, Default::default())?;
/// let kathmandu: Vec<String> = tables.iter()
///     .map(|t| t.rows.iter().find(|r| r.zone == chrono_tz::Asia::Kathmandu).unwrap().local_start.format("%H:%M").to_string())
///     .collect();
/// assert_eq!(kathmandu, ["13:45", "14:45"], "Geneva left summer time on 26 October");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn occurrence_local_times(hub: &Hub, event: &Event, working: WorkingHours) -> Result<Vec<LocalTimes>, Error> {
    let tz = event.tz()?;
    let zones = CountryZones::of(hub, event.countries.as_deref())?;
    Ok(event
        .occurrences()?
        .into_iter()
        .map(|o| {
            let organiser_date = wall_time(o.start_utc, tz).date();
            LocalTimes {
                event: event.id.clone(),
                start_utc: o.start_utc,
                end_utc: o.end_utc,
                organiser_zone: event.zone.clone(),
                organiser_date,
                working_hours: working,
                rows: zones.rows(o.start_utc, o.end_utc, organiser_date, working),
            }
        })
        .collect())
}

/// An event in one zone that belongs to no country of the hub (a phone's zone).
///
/// ```
/// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
/// let row = kix_core::schedule::local_time_in(w20, chrono_tz::Pacific::Apia, Default::default())?;
/// assert_eq!(row.local_start.to_string(), "2024-08-01 00:00:00");
/// assert_eq!(row.day_shift, 1);
/// assert!(!row.within_working_hours);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn local_time_in(event: &Event, tz: Tz, working: WorkingHours) -> Result<LocalTimeRow, Error> {
    let start = event.start_utc()?;
    let end = event.end_utc()?;
    Ok(row(None, tz, &common_abbreviations(tz), start, end, event.start.date(), working))
}

/// What the slot finder searches.
///
/// ```
/// use chrono::NaiveDate;
/// let q = kix_core::SlotQuery::new(NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(), NaiveDate::from_ymd_opt(2025, 3, 7).unwrap());
/// assert_eq!((q.duration_minutes, q.granularity_minutes, q.top), (90, 15, 5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SlotQuery {
    /// The countries to please; absent or empty: every member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<CountryCode>>,
    /// First day (in the hub's home zone).
    pub from: NaiveDate,
    /// Last day, inclusive (in the hub's home zone).
    pub to: NaiveDate,
    /// Length of the event in minutes.
    pub duration_minutes: u32,
    /// Local working hours in every zone.
    #[serde(default)]
    pub working_hours: WorkingHours,
    /// Step between candidate starts, in minutes.
    pub granularity_minutes: u32,
    /// How many slots to return.
    pub top: usize,
}

impl SlotQuery {
    /// A query over a date range with the defaults: every member, 90 minutes,
    /// 08:00–18:00, 15-minute steps, the best 5.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let q = kix_core::SlotQuery::new(NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(), NaiveDate::from_ymd_opt(2025, 3, 3).unwrap());
    /// assert!(q.countries.is_none());
    /// ```
    #[must_use]
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        SlotQuery {
            countries: None,
            from,
            to,
            duration_minutes: 90,
            working_hours: WorkingHours::default(),
            granularity_minutes: 15,
            top: 5,
        }
    }

    /// The countries to please: `None` for every member, which an empty list
    /// also means. A slot that pleases nobody is no answer, and bindings pass
    /// "no countries given" on as an empty list (Kotlin's default): the core
    /// decides here, and [`find_slots`] reads the query through this method.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    /// let mut q = kix_core::SlotQuery::new(day, day);
    /// q.countries = Some(Vec::new());
    /// assert!(q.countries().is_none());
    /// q.countries = Some(vec!["NP".parse()?]);
    /// assert_eq!(q.countries().unwrap().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn countries(&self) -> Option<&[CountryCode]> {
        self.countries.as_deref().filter(|list| !list.is_empty())
    }
}

/// A candidate in one zone.
///
/// ```
/// # use chrono::NaiveDate;
/// # let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
/// let slots = kix_core::find_slots(kix_core::emap(), &kix_core::SlotQuery::new(d, d))?;
/// assert!(slots[0].zones.iter().all(|z| (0.0..=1.0).contains(&z.score)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SlotZone {
    /// The country.
    pub country: CountryCode,
    /// The zone.
    #[cfg_attr(feature = "schemas", schemars(with = "ZoneId"))]
    pub zone: Tz,
    /// Local start.
    pub local_start: NaiveDateTime,
    /// Local end.
    pub local_end: NaiveDateTime,
    /// Comfort from 0 (night or rest day) to 1 (core working hours).
    pub score: f64,
    /// Whether the local date is a rest day.
    pub rest_day: bool,
}

/// A ranked candidate start.
///
/// ```
/// # use chrono::NaiveDate;
/// # let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
/// let slots = kix_core::find_slots(kix_core::emap(), &kix_core::SlotQuery::new(d, d))?;
/// assert!(slots.windows(2).all(|w| w[0].min_score >= w[1].min_score));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemas", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// Start in UTC.
    pub start_utc: DateTime<Utc>,
    /// End in UTC.
    pub end_utc: DateTime<Utc>,
    /// The worst zone's score: the fairness the slot is ranked by.
    pub min_score: f64,
    /// The mean score over zones: the tie-breaker.
    pub mean_score: f64,
    /// Every zone's local times and score.
    pub zones: Vec<SlotZone>,
}

/// The comfort of an interval in one zone: 1 inside the core hours (an hour
/// inside the working day at both ends), 0.75 inside working hours, 0.35 in
/// the shoulders (from two hours before the working day to three hours after
/// it), 0 at night, across midnight, or on a rest day.
///
/// ```
/// use chrono::NaiveDate;
/// use kix_core::schedule::comfort;
/// let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
/// let at = |h, m| d.and_hms_opt(h, m, 0).unwrap();
/// let wh = kix_core::WorkingHours::default();
/// assert_eq!(comfort(at(10, 0), at(11, 30), wh, false), 1.0);
/// assert_eq!(comfort(at(8, 0), at(9, 30), wh, false), 0.75);
/// assert_eq!(comfort(at(19, 0), at(20, 30), wh, false), 0.35);
/// assert_eq!(comfort(at(23, 0), at(23, 59), wh, false), 0.0);
/// assert_eq!(comfort(at(10, 0), at(11, 30), wh, true), 0.0);
/// ```
#[must_use]
pub fn comfort(start: NaiveDateTime, end: NaiveDateTime, working: WorkingHours, rest_day: bool) -> f64 {
    if rest_day || start.date() != end.date() {
        return 0.0;
    }
    let minutes = |t: NaiveTime| i64::from(t.num_seconds_from_midnight()) / 60;
    let (s, e) = (minutes(start.time()), minutes(end.time()));
    let (ws, we) = (minutes(working.start), minutes(working.end));
    if s >= ws + 60 && e <= we - 60 {
        1.0
    } else if s >= ws && e <= we {
        0.75
    } else if s >= ws - 120 && e <= we + 180 {
        0.35
    } else {
        0.0
    }
}

/// Finds the fairest start times for an event across zones.
///
/// Every candidate start from `from` to `to` (in the hub's home zone) at
/// `granularity_minutes` steps gets each zone's [`comfort`]; a slot ranks by
/// its worst zone's score, then its mean, then earliness. The cost grows
/// linearly with days × zones.
///
/// ```
/// use chrono::NaiveDate;
/// let hub = kix_core::emap();
/// let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
/// let slots = kix_core::find_slots(hub, &kix_core::SlotQuery::new(day, day))?;
/// assert_eq!(slots.len(), 5);
/// // Chisinau (UTC+2) and Bougainville (UTC+11) are nine hours apart: no 90 minutes fit both
/// // working days, so the best slot keeps everyone at least in the shoulders of the day.
/// assert_eq!(slots[0].min_score, 0.35);
/// assert_eq!(slots[0].start_utc.to_rfc3339(), "2025-03-04T07:00:00+00:00"); // 09:00 in Chisinau, 18:00 in Bougainville
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn find_slots(hub: &Hub, query: &SlotQuery) -> Result<Vec<Slot>, Error> {
    let invalid =
        |what: &'static str, value: String, expected: &'static str| Error::InvalidValue { what, value, expected };
    if query.duration_minutes == 0 || query.duration_minutes > 24 * 60 {
        return Err(invalid("duration", query.duration_minutes.to_string(), "1 to 1440 minutes"));
    }
    if query.granularity_minutes == 0 || query.granularity_minutes > 24 * 60 {
        return Err(invalid("granularity", query.granularity_minutes.to_string(), "1 to 1440 minutes"));
    }
    let days = (query.to - query.from).num_days() + 1;
    if !(1..=366).contains(&days) {
        return Err(invalid("date range", format!("{} to {}", query.from, query.to), "1 to 366 days, from before to"));
    }
    let zones = CountryZones::of(hub, query.countries())?;
    if zones.is_empty() || query.top == 0 {
        return Ok(Vec::new());
    }
    let home = hub.home_zone.tz()?;
    let local_instant = |d: NaiveDate| from_local(d.and_time(NaiveTime::MIN), home, Disambiguation::Compatible);
    let first = local_instant(query.from).map_err(|v| Error::Rejected(vec![v]))?.with_timezone(&Utc);
    let last = query.to.succ_opt().ok_or_else(|| invalid("date range", query.to.to_string(), "a date before 9999"))?;
    let stop = local_instant(last).map_err(|v| Error::Rejected(vec![v]))?.with_timezone(&Utc);
    let step = Duration::minutes(i64::from(query.granularity_minutes));
    let length = Duration::minutes(i64::from(query.duration_minutes));
    let score_zone = |country: &Country, tz: Tz, start: DateTime<Utc>| {
        let local_start = wall_time(start, tz);
        let end = start.checked_add_signed(length).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let local_end = wall_time(end, tz);
        let rest_day = country.is_rest_day(local_start.date());
        (local_start, local_end, rest_day, comfort(local_start, local_end, query.working_hours, rest_day))
    };
    // One pass over the candidates, keeping only (min, mean, start): linear in
    // candidates × zones. The full zone detail is built for the winners only.
    let mut ranked: Vec<(f64, f64, DateTime<Utc>)> = Vec::new();
    let mut t = first;
    while t < stop {
        let (mut min, mut sum) = (f64::INFINITY, 0.0);
        for (country, tz) in &zones.zones {
            let score = score_zone(country, *tz, t).3;
            min = min.min(score);
            sum += score;
        }
        ranked.push((min, sum / zones.len() as f64, t));
        match t.checked_add_signed(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    let better = |a: &(f64, f64, DateTime<Utc>), b: &(f64, f64, DateTime<Utc>)| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then(b.1.partial_cmp(&a.1).unwrap_or(Ordering::Equal))
            .then(a.2.cmp(&b.2))
    };
    let top = query.top.min(ranked.len());
    if top < ranked.len() {
        ranked.select_nth_unstable_by(top, better);
        ranked.truncate(top);
    }
    ranked.sort_by(better);
    Ok(ranked
        .into_iter()
        .map(|(min_score, mean_score, start)| Slot {
            start_utc: start,
            end_utc: start.checked_add_signed(length).unwrap_or(DateTime::<Utc>::MAX_UTC),
            min_score,
            mean_score,
            zones: zones
                .zones
                .iter()
                .map(|(country, tz)| {
                    let (local_start, local_end, rest_day, score) = score_zone(country, *tz, start);
                    SlotZone { country: country.code, zone: *tz, local_start, local_end, score, rest_day }
                })
                .collect(),
        })
        .collect())
}

impl LocalTimeRow {
    #[cfg(feature = "i18n")]
    /// The row written for people in a language (see [`LocalizedTime`](crate::time::format::LocalizedTime)).
    #[must_use]
    pub fn localized(&self, locale: &str) -> crate::time::format::LocalizedTime {
        let f = crate::time::format::formatter(locale);
        let names = if f.locale.fell_back { "en" } else { locale };
        crate::time::format::LocalizedTime {
            country_name: self.country.and_then(|c| crate::country::country_name(c.as_str(), names).map(str::to_owned)),
            local_start: f.date_time(self.local_start),
            local_end: f.date_time(self.local_end),
            utc_offset: f.offset(self.utc_offset.0),
            locale: f.locale.tag.clone(),
            fell_back: f.locale.fell_back,
        }
    }
}

#[cfg(test)]
mod tests;
