"""The native module of kix (PyO3): conversions to and from kix-core, which holds every rule."""

import datetime
from array import array
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union, final

_DateLike = Union[datetime.date, str]
"""A ``datetime.date`` or an ISO date string such as ``"2024-07-31"``."""
_InstantLike = Union[datetime.datetime, str]
"""An aware ``datetime`` (any tzinfo) or an RFC 3339 string with an offset."""
_ZoneLike = Union[str, Any]
"""An IANA zone name, a zone label such as ``"CET / Geneva"``, or a ``zoneinfo.ZoneInfo``."""
_WallLike = Union[datetime.datetime, str]
"""A wall-clock time in the event's zone: a datetime (its tzinfo ignored) or ISO text such as ``"2025-10-14T10:00"``."""

__all__ = [
    "anonymize",
    "attendance",
    "Attendance",
    "read_attendance",
    "read_registrations",
    "country_name",
    "format_local",
    "LocalizedMessage",
    "Country",
    "Event",
    "Hub",
    "LocalTimes",
    "Organisation",
    "RegistrationBook",
    "RegistrationOutcome",
    "RegistrationOutcomes",
    "Schedule",
    "Slot",
    "Table",
    "Timeline",
    "TrainingCycle",
    "VIOLATION_CODES",
    "Violation",
    "__version__",
    "emap",
    "find_slots",
    "from_local",
    "local_wall_seconds",
    "parse_listing",
    "resolve_country",
    "resolve_zone",
    "to_local",
    "tzdata_version",
    "validate_registration",
    "validate_registrations",
]
"""The public names of the native module."""

__version__: str
"""The version of kix (the crate's version)."""

VIOLATION_CODES: Tuple[str, ...]
"""Every violation code kix-core defines, such as ``"registration.duplicate"``."""

@final
class Violation:
    """One finding of a rule check, with the stable code shared with Rust and Kotlin."""

    @property
    def code(self) -> str:
        """The dotted code, such as ``"training.quota_exceeded"``."""
    @property
    def severity(self) -> str:
        """``"error"`` or ``"warning"``."""
    @property
    def path(self) -> str:
        """Path to the offending field, such as ``"nominations[3].country"``."""
    @property
    def message(self) -> str:
        """A message for people, in English."""
    @property
    def params(self) -> Dict[str, Any]:
        """The values the message was built from."""
    def to_dict(self) -> Dict[str, Any]:
        """``{code, path, message, severity, params}``."""
    def message_in(self, locale: str, *, plain: bool = False) -> LocalizedMessage:
        """The message in a BCP 47 locale (``"ru"``, ``"ar-SD"``), built from the parameters; English when the
        language is not shipped (``fell_back`` says so). Right-to-left text isolates its values (FSI … PDI)
        unless ``plain`` is true (for logs and JSON)."""
    def __eq__(self, other: object) -> bool:
        """Equal when every field is equal."""

@final
class LocalizedMessage:
    """A violation's message in one language; ``str()`` gives the text."""

    @property
    def text(self) -> str:
        """The message."""
    @property
    def locale(self) -> str:
        """The shipped locale used: ``"en"``, ``"ru"`` or ``"ar"``."""
    @property
    def fell_back(self) -> bool:
        """Whether the requested language is not shipped, so English was used."""

@final
class Table:
    """A list of items that shows as a table in Jupyter."""

    def __len__(self) -> int:
        """How many rows."""
    def __getitem__(self, index: int) -> Any:
        """The item at ``index`` (negative counts from the end)."""
    def __iter__(self) -> Iterator[Any]:
        """The items, in order."""
    def to_records(self) -> List[Dict[str, Any]]:
        """The rows as dicts, for ``pandas.DataFrame`` or ``polars.DataFrame``."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (needs pandas)."""
    @property
    def violations(self) -> List["Violation"]:
        """Rows of the source that could not be read and were left out (empty for most tables)."""
    def _repr_html_(self) -> str:
        """The table as HTML, for Jupyter."""

@final
class Country:
    """A member country of a hub."""

    @property
    def code(self) -> str:
        """ISO 3166-1 alpha-2 code."""
    @property
    def name(self) -> str:
        """English short name as the hub writes it."""
    @property
    def subdivision(self) -> Optional[str]:
        """The ISO 3166-2 code of the participating subdivision (``"PK-SD"``), if not the whole country."""
    @property
    def sub_region(self) -> Optional[str]:
        """The id of the sub-region the country belongs to, if any."""
    @property
    def time_zones(self) -> List[str]:
        """IANA zones, the primary first."""
    @property
    def rest_days(self) -> List[str]:
        """The usual weekly rest days, such as ``["friday", "saturday"]``."""
    @property
    def note(self) -> Optional[str]:
        """Sources and what is uncertain about this country's data."""
    def is_rest_day(self, date: _DateLike) -> bool:
        """Whether the date is a weekly rest day there (dated changes included)."""
    def to_dict(self) -> Dict[str, Any]:
        """The country as the hub JSON writes it."""

@final
class Organisation:
    """An organisation of a hub."""

    @property
    def id(self) -> str:
        """Short id, such as ``"acer"``."""
    @property
    def name(self) -> str:
        """Name as commonly written."""
    @property
    def full_name(self) -> Optional[str]:
        """Full name."""
    @property
    def roles(self) -> List[str]:
        """Roles: ``hub_coordinator``, ``regional_partner``, ``knowledge_partner``, ``funder``."""
    def to_dict(self) -> Dict[str, Any]:
        """The organisation as the hub JSON writes it."""

@final
class Timeline:
    """The project's phases and the month arithmetic over them."""

    def month_index(self, date: _DateLike) -> int:
        """The month of the date's phase, from 1 (2020-04-01 is 1, 2023-12-31 is 45). Raises ValidationError outside every phase."""
    def project_year(self, date: _DateLike) -> int:
        """The project year of the date's phase, from 1 (phase 1: April to March)."""
    def quarter(self, date: _DateLike) -> int:
        """The quarter of the date's phase, from 1."""
    def phase_of(self, date: _DateLike) -> str:
        """The id of the phase the date belongs to (``"phase-1"`` or ``"extension"``)."""
    def position(self, date: _DateLike) -> Dict[str, Any]:
        """Phase, month index, year, quarter, months elapsed and remaining, as a dict."""
    @property
    def phases(self) -> List[Dict[str, Any]]:
        """The phases, as dicts."""

@final
class TrainingCycle:
    """A yearly training cycle, as it was when read from the hub."""

    @property
    def id(self) -> str:
        """Short id, such as ``"cycle-1"``."""
    @property
    def name(self) -> str:
        """Name for people."""
    @property
    def start(self) -> datetime.date:
        """First day."""
    @property
    def endorsement_date(self) -> Optional[datetime.date]:
        """When the National KIX Steering Committees approve candidates."""
    @property
    def nominations(self) -> List[Dict[str, Any]]:
        """The nominations, as dicts."""
    def ledger(self) -> Table:
        """Seats per country: quota, confirmed, pending, free."""
    def to_dict(self) -> Dict[str, Any]:
        """The cycle as the hub JSON writes it."""

@final
class Hub:
    """A hub: countries, partners, timeline, training cycles, events, catalogue and grants."""

    @staticmethod
    def from_json(text: str) -> Hub:
        """Reads a hub from JSON (raises ParseError naming the offending field)."""
    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Hub:
        """Reads a hub from a dict shaped like the hub JSON."""
    def to_dict(self) -> Dict[str, Any]:
        """The hub as a dict shaped like its JSON."""
    def to_json(self) -> str:
        """The hub as pretty JSON."""
    @property
    def id(self) -> str:
        """Short id, such as ``"kix-emap"``."""
    @property
    def name(self) -> str:
        """Name for people."""
    @property
    def countries(self) -> Table:
        """The member countries (Country items), as a table."""
    @property
    def organisations(self) -> List[Organisation]:
        """The organisations."""
    def country(self, name_or_code: Union[str, Country]) -> Country:
        """A member country by code or any name people type. Raises ValidationError
        (``country.unknown``, or ``hub.unknown_country`` for a real country that is not a member)."""
    def partner_for(self, country: Union[str, Country], date: _DateLike) -> Optional[Organisation]:
        """The partner covering the country on the date, or None."""
    def countries_of(self, sub_region: str) -> List[str]:
        """The country codes of a sub-region."""
    def sub_regions_of(self, partner: str) -> List[str]:
        """The sub-region ids a partner covers."""
    def check(self) -> List[Violation]:
        """Every violation in the hub (the embedded hub: five ``hub.country_unassigned`` warnings)."""
    @property
    def timeline(self) -> Timeline:
        """The project timeline."""
    @property
    def events(self) -> List[Event]:
        """The events."""
    def event(self, id: str) -> Event:
        """An event by id (KeyError if there is none)."""
    def calendar(self, *, country: Optional[Union[str, Country]] = None, series: Optional[str] = None) -> str:
        """The calendar feed (``.ics``) of every event, of a member country's, or of a series' (by name)."""
    @property
    def training_cycles(self) -> List[TrainingCycle]:
        """The training cycles."""
    def training_cycle(self, id: str) -> TrainingCycle:
        """A training cycle by id (KeyError if there is none)."""
    def nominate(self, cycle: str, full_name: str, email: str, country: Union[str, Country], nominated_on: _DateLike) -> int:
        """Adds a nomination and returns its index; raises ValidationError with every violation (quota, duplicates, ...)."""
    def endorse(self, cycle: str, index: int, on: _DateLike) -> None:
        """Records the National KIX Steering Committee's endorsement."""
    def confirm(self, cycle: str, index: int, on: _DateLike) -> None:
        """Records the hub's confirmation."""
    def complete(self, cycle: str, index: int, on: _DateLike) -> None:
        """Records that the nominee completed the cycle."""
    def withdraw(self, cycle: str, index: int, on: _DateLike) -> None:
        """Withdraws a nomination, freeing its seat."""
    def reject(self, cycle: str, index: int, on: _DateLike, reason: str) -> None:
        """Rejects a nomination with a reason, freeing its seat."""
    def nominee_status(self, cycle: str, email: str) -> Optional[str]:
        """The status of a person's latest nomination in a cycle (found by e-mail), or None."""
    def products(
        self,
        *,
        country: Optional[Union[str, Country]] = None,
        sub_region: Optional[str] = None,
        partner: Optional[str] = None,
        kind: Optional[str] = None,
        language: Optional[str] = None,
        start: Optional[_DateLike] = None,
        end: Optional[_DateLike] = None,
    ) -> Table:
        """Knowledge products (dicts) matching every filter given, as a table."""
    def product_counts(self, by: str = "project_year") -> Table:
        """Products per phase and period (``"month"``, ``"project_year"`` or ``"phase"``), country and kind."""
    def grant_totals(self) -> Dict[str, Any]:
        """Awarded and completed grants per country, sub-region and phase, per currency (decimal strings)."""

@final
class Event:
    """An event: the organiser's wall time and zone, instants derived."""

    @staticmethod
    def from_json(text: str) -> Event:
        """Reads an event from JSON."""
    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Event:
        """Reads an event from a dict shaped like its JSON."""
    def to_dict(self) -> Dict[str, Any]:
        """The event as a dict shaped like its JSON."""
    def to_json(self) -> str:
        """The event as pretty JSON."""
    @property
    def id(self) -> str:
        """Stable id."""
    @property
    def title(self) -> str:
        """Title."""
    @property
    def kind(self) -> str:
        """``webinar``, ``workshop``, ``meeting`` or ``training_session``."""
    @property
    def zone(self) -> str:
        """The organiser's IANA zone."""
    @property
    def language(self) -> str:
        """ISO 639-1 language."""
    @property
    def interpretation(self) -> List[str]:
        """Interpretation languages (ISO 639-1)."""
    @property
    def start(self) -> datetime.datetime:
        """Start, aware, in the organiser's zone."""
    @property
    def end(self) -> datetime.datetime:
        """End, aware, in the organiser's zone."""
    @property
    def start_utc(self) -> datetime.datetime:
        """Start, aware, in UTC."""
    @property
    def end_utc(self) -> datetime.datetime:
        """End, aware, in UTC."""
    def check(self, hub: Optional[Hub] = None) -> List[Violation]:
        """Every violation of this event (DST gaps and folds refused)."""
    def local_times(
        self, hub: Optional[Hub] = None, working_hours: Optional[Tuple[int, int]] = None, locale: Optional[str] = None
    ) -> LocalTimes:
        """The event in every zone of its countries (working hours default to (8, 18)). With a BCP 47
        ``locale``, every record also has ``country_name``, ``local_start_text``, ``local_end_text`` and
        ``utc_offset_text`` written in that language ("31 июля 2024 г., 17:00", "UTC+6")."""
    def listing(
        self,
        locale: str = "en",
        countries: Optional[Iterable[Union[str, Country]]] = None,
        *,
        hub: Optional[Hub] = None,
        plain: bool = False,
    ) -> Dict[str, Any]:
        """The event as webinar pages list it: ``{date_text, time_text, locale, fell_back}``, the time line
        in the organiser's zone and every zone of ``countries`` (default: the event's own), such as
        ``13:00–14:30 (Geneva, CEST) / 17:00–18:30 (Bishkek, UTC+6)``. English, Russian and Arabic are
        written (another language falls back to English, ``fell_back`` true); Arabic isolates times and
        offsets unless ``plain``. kix's ``parse_listing`` reads the English text back to the same instants."""
    def local_time_in(self, zone: _ZoneLike, working_hours: Optional[Tuple[int, int]] = None) -> Dict[str, Any]:
        """The event in one zone, such as a phone's: the row of ``local_times`` (aware ``local_start`` / ``local_end``)."""
    def to_ics(self, hub: Optional[Hub] = None) -> str:
        """The event as an RFC 5545 calendar file (with a VTIMEZONE; a series as RRULE, EXDATEs and overrides)."""
    @property
    def is_series(self) -> bool:
        """Whether the event recurs."""
    def occurrences(self) -> List[Dict[str, Any]]:
        """Every occurrence (one for a single event), in order: ``recurrence_id`` (the rule's naive
        wall-clock start), ``start``/``end`` (aware, organiser's zone), ``start_utc``/``end_utc``, ``moved``.
        A series with no planned end gives those within its policy's ``horizon_days``."""
    def occurrences_between(self, start: _InstantLike, end: _InstantLike) -> List[Dict[str, Any]]:
        """The occurrences starting from ``start`` (included) to ``end`` (excluded), instants (aware datetimes or
        ISO text with an offset), as ``occurrences`` gives them: any window, of a series with no planned end too.
        A window of more than 1000 occurrences is a ``ValidationError`` (``event.invalid_recurrence``)."""
    def occurrence_local_times(
        self, hub: Optional[Hub] = None, working_hours: Optional[Tuple[int, int]] = None, locale: Optional[str] = None
    ) -> List[LocalTimes]:
        """The local-times table of every occurrence (as ``local_times``, ``locale`` included)."""
    def reschedule(self, start: _WallLike, end: Optional[_WallLike] = None) -> Event:
        """A copy moved to a new wall-clock start (every time of the event moves alike; ``end`` sets a new end), its sequence raised."""
    def cancel_occurrence(self, occurrence: _WallLike) -> Event:
        """A copy of the series with the occurrence its rule starts at ``occurrence`` cancelled, its sequence raised."""
    def move_occurrence(self, occurrence: _WallLike, start: _WallLike, end: Optional[_WallLike] = None) -> Event:
        """A copy of the series with one occurrence moved (``end`` omitted: the series' length), its sequence raised."""
    def calendar_check(self, previous: Optional[Event] = None) -> List[Violation]:
        """Warnings about how calendar clients read the event: ``calendar.fold_start``, and
        ``calendar.sequence_not_raised`` against the ``previous`` version."""

@final
class LocalTimes:
    """An event in every zone of its countries."""

    def __len__(self) -> int:
        """How many rows (countries × zones)."""
    @property
    def rows(self) -> List[Dict[str, Any]]:
        """The rows (as ``to_records()``)."""
    def to_records(self) -> List[Dict[str, Any]]:
        """One dict per country and zone: aware local start and end, day shift, offset, abbreviation, working hours, rest day."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (needs pandas)."""
    def to_dict(self) -> Dict[str, Any]:
        """The table as the ``local_times`` JSON Schema describes it."""
    def _repr_html_(self) -> str:
        """The table as HTML, for Jupyter."""

@final
class Schedule:
    """An event listing's date and time texts read into instants."""

    @property
    def start(self) -> datetime.datetime:
        """Start, aware, in the organiser's zone."""
    @property
    def end(self) -> datetime.datetime:
        """End, aware, in the organiser's zone."""
    @property
    def start_utc(self) -> datetime.datetime:
        """Start in UTC."""
    @property
    def end_utc(self) -> datetime.datetime:
        """End in UTC."""
    @property
    def zone(self) -> str:
        """The organiser's IANA zone."""
    @property
    def warnings(self) -> List[Violation]:
        """Season mismatches, other zones that disagree, a wrong weekday."""
    def to_dict(self) -> Dict[str, Any]:
        """The schedule as the ``schedule`` JSON Schema describes it."""

@final
class Slot:
    """A ranked candidate start time."""

    @property
    def start_utc(self) -> datetime.datetime:
        """Start in UTC."""
    @property
    def end_utc(self) -> datetime.datetime:
        """End in UTC."""
    @property
    def min_score(self) -> float:
        """The worst zone's comfort (the ranking key)."""
    @property
    def mean_score(self) -> float:
        """The mean comfort over zones (the tie-breaker)."""
    @property
    def zones(self) -> List[Dict[str, Any]]:
        """Every zone's local times and score."""
    def to_dict(self) -> Dict[str, Any]:
        """The slot as the ``slot`` JSON Schema describes it."""

@final
class RegistrationOutcome:
    """The verdict on one registration."""

    @property
    def status(self) -> str:
        """``confirmed``, ``pending``, ``waitlisted`` or ``rejected``."""
    @property
    def violations(self) -> List[Violation]:
        """Every violation found."""
    @property
    def codes(self) -> List[str]:
        """The violations' codes."""
    @property
    def country(self) -> Optional[str]:
        """The country the registration's text resolved to."""
    @property
    def subdivision(self) -> Optional[str]:
        """The ISO 3166-2 subdivision the country text named (``"Sindh"`` is ``PK-SD``)."""
    @property
    def email(self) -> Optional[str]:
        """The e-mail as kix compared it (trimmed, NFC): what to store."""
    @property
    def accepted(self) -> bool:
        """Whether the status is not ``rejected``."""
    def to_dict(self) -> Dict[str, Any]:
        """The outcome as the ``registration_outcome`` JSON Schema describes it."""

@final
class RegistrationBook:
    """The registrations of one event as a system of record (kix-core's ``book``).

    Every registration has a stable id (``r-000001``, ...), its record, its normalized
    e-mail, a status (``confirmed``, ``pending``, ``waitlisted``, ``offered``, ``denied``,
    ``cancelled``) and an append-only history. Each operation takes ``now`` (an aware
    datetime or RFC 3339 text; the current time when omitted) and returns the changes
    it made and its warnings; an operation that does not apply raises ``ValidationError``
    with ``registration.invalid_transition``.
    """

    def __new__(cls, event: Event, hub: Optional[Hub] = None) -> "RegistrationBook": ...
    @staticmethod
    def from_json(text: str, event: Event, hub: Optional[Hub] = None) -> "RegistrationBook":
        """A book stored with :meth:`to_json`, for ``event``."""
    def to_json(self) -> str:
        """The book as JSON (the ``registration_book`` JSON Schema)."""
    def __len__(self) -> int: ...
    @property
    def event_id(self) -> str:
        """The event the book belongs to."""
    def submit(self, record: Mapping[str, Any], now: Any = None) -> Dict[str, Any]:
        """Submits a registration: ``{id, status, violations, changes, duplicate}``. A submission never changes a
        registration already in the book: an address that holds one answers ``duplicate=True``
        (``registration.duplicate``) with that registration's id and status, and nothing changes (a retry makes no
        second registration). The id is for reaching that person (re-sending their own link), never for answering
        whoever submitted. Changes to a record go through ``update``."""
    def update(self, id: str, record: Mapping[str, Any], *, now: Any = None) -> Dict[str, Any]:
        """Replaces a registration's record before the event (the caller has made sure the change is the
        registrant's or an organiser's): ``{changes, warnings}``; checked with the desk's rules and refused with
        every violation (``ValidationError``); the earlier record stays in the history."""
    def approve(self, id: str, *, force: bool = False, now: Any = None) -> Dict[str, Any]:
        """Approves a pending registration; past capacity only with ``force`` (recorded)."""
    def deny(self, id: str, reason: str, *, now: Any = None) -> Dict[str, Any]:
        """Denies a registration; the e-mail cannot register again until reinstated."""
    def cancel(self, id: str, *, by: str = "registrant", reason: Optional[str] = None, now: Any = None) -> Dict[str, Any]:
        """Cancels a registration (``by="registrant"`` until the policy deadline, ``"organiser"`` any time)."""
    def reinstate(self, id: str, reason: Optional[str] = None, *, now: Any = None) -> Dict[str, Any]:
        """Reinstates a denied or cancelled registration."""
    def accept_offer(self, id: str, *, now: Any = None) -> Dict[str, Any]:
        """Accepts the offer of a freed seat before it expires."""
    def decline_offer(self, id: str, *, now: Any = None) -> Dict[str, Any]:
        """Declines the offer of a freed seat; the next person in line is offered it."""
    def set_capacity(self, capacity: Optional[int], reason: Optional[str] = None, *, now: Any = None) -> Dict[str, Any]:
        """Changes the capacity; below the seats held is a warning and nobody is dropped."""
    def advance(self, now: Any = None) -> Dict[str, Any]:
        """Expires due offers and offers freed seats to the next in line."""
    def check_in(self, id: str, *, now: Any = None) -> Dict[str, Any]:
        """Records that a registrant attended."""
    def ledger(self) -> Dict[str, Any]:
        """Seats: capacity, confirmed, pending, offered, waitlisted, free, checked_in, denied, cancelled
        (for an event taken per occurrence, over every occurrence)."""
    def ledger_of(self, occurrence: _WallLike) -> Dict[str, Any]:
        """The seats of one occurrence (a naive datetime or ISO text of its wall-clock start) of an
        event taken per occurrence."""
    def status(self, id: str) -> Optional[str]:
        """The registration's current status, or None for an unknown id."""
    def get(self, id: str) -> Optional[Dict[str, Any]]:
        """The registration with its record, status and history, or None."""
    def history(self, id: str) -> List[Dict[str, Any]]:
        """The registration's history, oldest first, with aware datetimes."""
    def reminders(self) -> List[Dict[str, Any]]:
        """When to remind each active registrant, with the start in their own zone (for a series, before every
        occurrence; taken per occurrence, before the registrant's own)."""
    def invitation(self, id: str, *, now: Any = None) -> str:
        """The registrant's calendar message: METHOD:REQUEST with their PARTSTAT, or METHOD:CANCEL.
        Raises ValueError on the waiting list or without an organiser e-mail."""
    def invitations(self, *, now: Any = None) -> List[Dict[str, Any]]:
        """``{registration_id, method, ics}`` for every registrant who holds or held a seat."""

@final
class RegistrationOutcomes(Sequence[RegistrationOutcome]):
    """The outcomes of a batch, one per record in input order, with columnar exports."""

    def __len__(self) -> int:
        """How many outcomes (always as many as records)."""
    def __getitem__(self, index: int) -> RegistrationOutcome:  # type: ignore[override]
        """The outcome of record ``index``."""
    @property
    def index(self) -> List[Any]:  # type: ignore[override]
        """The input's own labels: a DataFrame's index, each record's ``row``, or positions."""
    def counts(self, by: Optional[Union[str, Sequence[str]]] = None) -> Any:
        """How many records per status (a dict); with ``by`` (``status``, ``code``, ``country``,
        ``sub_region``, ``partner``, ``audience`` or ``language``) a tidy DataFrame of counts; with
        ``by=(key, "status")`` the counts of every group split by status (columns ``key``, ``status``,
        ``registrations``; one row per group and status that has records), for stacked bars."""
    def to_columns(self) -> Dict[str, List[Any]]:
        """Columns ``index``, ``status``, ``country``, ``codes`` and ``fields`` (``;``-joined)."""
    def to_records(self) -> List[Dict[str, Any]]:
        """One dict per record: ``index``, ``status``, ``country``, ``codes``, ``fields``."""
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` indexed like the input: ``status``, ``country``, ``codes``,
        ``fields`` (the fields the errors name), so ``frame.join(outcomes.to_pandas())`` lines up."""
    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` (needs pyarrow): ``index``, ``status``, ``country``, ``codes``, ``fields``."""
    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` (needs polars): ``index``, ``status``, ``country``, ``codes``, ``fields``."""
    def violations_frame(self) -> Any:
        """One row per violation: ``index``, ``code``, ``severity``, ``field``, ``message``, ``params``."""
    def _repr_html_(self) -> str:
        """Counts per status as HTML, for Jupyter."""

def emap() -> Hub:
    """The KIX EMAP hub embedded in kix."""

def resolve_country(text: str) -> str:
    """The ISO 3166-1 alpha-2 code of any country name or code people type; ValidationError (``country.unknown``) if none."""

def country_name(code: str, locale: str) -> Optional[str]:
    """A country's name (ISO 3166-1 alpha-2 code) in a BCP 47 locale, from CLDR; English when the locale has
    none; None for an unknown code. ``country_name("KG", "ar")`` is ``"قيرغيزستان"``."""

def resolve_zone(label: str) -> str:
    """The IANA zone a label means (``"CET / Geneva"`` -> ``"Europe/Zurich"``); TimeZoneError (``time.unknown_zone``) if none."""

def to_local(instant: Any, zone: _ZoneLike) -> Any:
    """An instant (an aware datetime or RFC 3339 text, ``T`` or a space, seconds optional) as an
    aware datetime in a zone (tzinfo is a ``zoneinfo.ZoneInfo``). A column gives the same kind
    back: a pandas Series (aware ``datetime64`` or values to read) an aware Series with its index
    and name, a NumPy ``datetime64`` array (read as UTC) the local wall times as ``datetime64[ns]``,
    an Arrow array (pyarrow, polars) a timestamp array in the zone."""

def from_local(naive: Any, zone: _ZoneLike, disambiguation: str = "compatible") -> Any:
    """A wall-clock time (a naive datetime or ISO text, ``T`` or a space, seconds optional) in a
    zone as an aware datetime. A column of wall times (a pandas Series, a NumPy ``datetime64``
    array, an Arrow timestamp or text array) gives the same kind of instants back; missing values
    stay missing. ``disambiguation`` is ``"compatible"`` (gap: later, fold: earlier), ``"earlier"``,
    ``"later"`` or ``"reject"`` (TimeZoneError with ``time.nonexistent_local_time`` or
    ``time.ambiguous_local_time``; for a column, one violation per such row, its path the row's label)."""

def read_registrations(
    source: Any,
    *,
    format: str,
    zone: Optional[_ZoneLike] = None,
    columns: Optional[Mapping[str, str]] = None,
    answers: Optional[Mapping[str, Union[bool, str]]] = None,
) -> Table:
    """Reads a Zoom webinar registration report (``format="zoom"``), a Google Forms CSV
    (``"google_forms"``) or any CSV (``"csv"``) from a path, a file object, a pandas DataFrame or
    Arrow data already read (a pyarrow Table, a polars DataFrame, a pandas frame with Arrow dtypes:
    read column by column, its column names as the header) into a table of registration fields
    plus ``row``, ready for ``validate_registrations``. Naive timestamps (text, or an Arrow
    timestamp without a zone) are read in ``zone`` (required for them); ``columns`` maps kix fields
    to column names; ``answers`` maps answer texts to consent (True/False) or audience/language codes."""

def read_attendance(source: Any, *, format: str = "zoom", zone: Optional[_ZoneLike] = None) -> Table:
    """Reads a Zoom attendee or participant report: one row per join (``row``, ``name``,
    ``email``, ``join``, ``leave``, ``minutes``); unreadable rows are in ``violations``."""

@final
class Attendance:
    """Attendance reconciled with registrations."""

    @property
    def rows(self) -> Table:
        """One row per person: ``name``, ``email``, ``status`` (attended / no_show / walk_in),
        ``registration`` (the input's label), ``registration_status``, ``country``, ``sub_region``,
        ``first_join``, ``last_leave``, ``minutes``, ``joins``."""
    @property
    def counts(self) -> Table:
        """Attended, no-show and walk-in counts per country, with its sub-region."""
    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
    def _repr_html_(self) -> str:
        """People per status as HTML, for Jupyter."""

def attendance(
    event: Event, registrations: Any, outcomes: RegistrationOutcomes, participants: Any, hub: Optional[Hub] = None
) -> Attendance:
    """Reconciles participants (``read_attendance``'s table, a DataFrame or dicts) with registrations
    and their outcomes: matched on normalized e-mail, then name; re-joins merged, overlaps once."""

def format_local(instant: _InstantLike, zone: _ZoneLike, locale: str = "en") -> str:
    """An instant as a wall-clock date and time in a zone, written in a language with CLDR's data
    (``"31 июля 2024 г., 17:00"``; 24-hour clocks, Latin digits in Arabic unless ``ar-u-nu-arab``)."""

def parse_listing(date_text: str, time_text: str) -> Schedule:
    """Reads an event page's date and time texts; ValidationError / TimeZoneError when unreadable."""

def local_wall_seconds(instants: Sequence[int], zone: _ZoneLike) -> "array[int]":
    """Local wall-clock times of many instants in one zone, column-wise: UNIX seconds in, seconds
    since 1970-01-01 00:00 local out, as an ``array('q')`` (``pandas.to_datetime(a, unit="s")``
    reads them as naive local datetimes)."""

def tzdata_version() -> str:
    """The version of the IANA tz database compiled into kix."""

def find_slots(
    hub: Hub,
    countries: Optional[Iterable[Union[str, Country]]] = None,
    *,
    start: _DateLike,
    end: _DateLike,
    duration_minutes: int = 90,
    working_hours: Optional[Tuple[int, int]] = None,
    granularity_minutes: int = 15,
    top: int = 5,
) -> Table:
    """The fairest start times (Slot items) across the zones of the countries (every member when
    None or empty, as kix-core decides)."""

def validate_registration(
    event: Event,
    record: Mapping[str, Any],
    existing: Optional[Iterable[Mapping[str, Any]]] = None,
    now: Optional[_InstantLike] = None,
    hub: Optional[Hub] = None,
) -> RegistrationOutcome:
    """Validates one registration (keys: full_name, email, country, organisation, audience, language,
    consent, submitted_at, and occurrence for an event taken per occurrence: a naive datetime or ISO text
    of the wall-clock start the series' rule gives it) against an event and the held registrations
    (dicts with email and status, and occurrence)."""

def anonymize(records: Any, salt: Union[str, bytes]) -> Any:
    """A copy of the records (dicts or a pandas DataFrame) with names and e-mails replaced by
    salted, stable pseudonyms (HMAC-SHA-256): the same salt gives the same pseudonyms, so
    duplicates stay detectable without the addresses. Other fields are kept."""

def validate_registrations(
    event: Event,
    records: Any,
    existing: Optional[Iterable[Mapping[str, Any]]] = None,
    now: Optional[_InstantLike] = None,
    hub: Optional[Hub] = None,
    *,
    progress: Union[bool, None, Callable[[int, Optional[int]], Any]] = None,
) -> RegistrationOutcomes:
    """Validates records in one pass, in order; one outcome per record. ``records`` is an iterable
    of dicts, a pandas DataFrame (its index kept), or any Arrow data with ``__arrow_c_stream__`` /
    ``__arrow_c_array__`` (a pyarrow Table or RecordBatch, a polars DataFrame, pandas with Arrow
    dtypes), read column by column. The GIL is released while the core works, chunk by chunk;
    Ctrl-C raises KeyboardInterrupt between chunks. ``progress=True`` shows a tqdm bar (a line
    on stderr without tqdm); a callable is called with ``(done, total)`` after every chunk
    (``total`` is None for an input without a length). For an event taken per occurrence each
    record names its ``occurrence`` (a naive datetime or ISO text; in a frame, a text or naive
    timestamp column): seats, waiting lists, duplicates and windows are per occurrence."""
