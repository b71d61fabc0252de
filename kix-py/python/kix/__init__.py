"""kix: the KIX EMAP education hub for analysts.

Every rule lives in the Rust library kix-core; this package converts Python values
and calls it, so a registration refused here is refused with the same code on the
server and on the phone.

>>> import kix
>>> kix.resolve_country("Kyrgyz Republic")
'KG'
>>> hub = kix.emap()
>>> hub.timeline.month_index("2023-12-31")
45
"""

from kix._errors import KixError, ParseError, TimeZoneError, ValidationError
from kix._kix import (
    VIOLATION_CODES,
    Attendance,
    Country,
    Event,
    Hub,
    LocalTimes,
    LocalizedMessage,
    Organisation,
    RegistrationBook,
    RegistrationOutcome,
    RegistrationOutcomes,
    Schedule,
    Slot,
    Table,
    Timeline,
    TrainingCycle,
    Violation,
    __version__,
    anonymize,
    attendance,
    country_name,
    emap,
    find_slots,
    format_local,
    from_local,
    local_wall_seconds,
    parse_listing,
    read_attendance,
    read_registrations,
    resolve_country,
    resolve_zone,
    to_local,
    tzdata_version,
    validate_registration,
    validate_registrations,
)

__all__ = [
    "VIOLATION_CODES",
    "Attendance",
    "Country",
    "Event",
    "Hub",
    "KixError",
    "LocalTimes",
    "LocalizedMessage",
    "Organisation",
    "ParseError",
    "RegistrationBook",
    "RegistrationOutcome",
    "RegistrationOutcomes",
    "Schedule",
    "Slot",
    "Table",
    "Timeline",
    "TimeZoneError",
    "TrainingCycle",
    "ValidationError",
    "Violation",
    "__version__",
    "anonymize",
    "attendance",
    "country_name",
    "emap",
    "find_slots",
    "format_local",
    "from_local",
    "local_wall_seconds",
    "parse_listing",
    "read_attendance",
    "read_registrations",
    "resolve_country",
    "resolve_zone",
    "to_local",
    "tzdata_version",
    "validate_registration",
    "validate_registrations",
]
