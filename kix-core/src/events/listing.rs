//! An event as its page lists it: the organiser's date and its times in several zones, in
//! English, Russian or Arabic (the writing itself is [`write_listing`]'s, over times and zones).

use chrono_tz::Tz;

use crate::events::event::Event;
use crate::language::messages::Bidi;
use crate::shared::error::Error;
use crate::time::listing::{WrittenListing, write_listing};

impl Event {
    /// The event as webinar pages list it, in a language: the organiser's
    /// date, and its times in the organiser's zone and each zone asked for,
    /// with each zone's city, its offset (or, in English, the tz database's
    /// abbreviation of the date: CEST in July, never CET) and a note when the
    /// zone is on another date. English, Russian and Arabic are written;
    /// another language falls back to English, reported. Arabic isolates
    /// times and offsets (FSI…PDI); [`Event::listing_with`] with [`Bidi::Plain`]
    /// leaves the marks out. What this writes in English, [`parse_listing`](crate::parse_listing)
    /// reads back to the same instants.
    ///
    /// ```
    /// use chrono_tz::{Asia, Pacific};
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// let ru = w20.listing("ru", &[Asia::Bishkek, Asia::Kathmandu])?;
    /// assert_eq!(ru.date_text, "31 июля 2024\u{202f}г."); // CLDR: a narrow no-break space
    /// assert_eq!(ru.time_text, "13:00–14:30 (Женева, UTC+2) / 17:00–18:30 (Бишкек, UTC+6) / 16:45–18:15 (Катманду, UTC+5:45)");
    /// let en = w20.listing("en", &[Pacific::Kiritimati])?;
    /// assert!(en.time_text.ends_with("01:00–02:30 (Kiritimati, UTC+14, next day)"));
    /// let back = kix_core::parse_listing(&en.date_text, &en.time_text)?;
    /// assert_eq!((back.start_utc(), back.end_utc()), (w20.start_utc()?, w20.end_utc()?));
    /// assert!(back.warnings.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The event's own problems: an unknown zone, a start or end the zone's clock skips.
    pub fn listing(&self, locale: &str, zones: &[Tz]) -> Result<WrittenListing, Error> {
        self.listing_with(locale, zones, Bidi::Isolate)
    }

    /// [`Event::listing`] with the choice of isolating right-to-left times ([`Bidi`]).
    ///
    /// ```
    /// use kix_core::messages::Bidi;
    /// let w20 = kix_core::emap().event("kix-emap-webinar-20").unwrap();
    /// let ar = w20.listing_with("ar", &[], Bidi::Plain)?;
    /// assert!(!ar.time_text.contains('\u{2068}'));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Event::listing`].
    pub fn listing_with(&self, locale: &str, zones: &[Tz], bidi: Bidi) -> Result<WrittenListing, Error> {
        Ok(write_listing(self.start_utc()?, self.end_utc()?, self.tz()?, locale, zones, bidi))
    }
}
