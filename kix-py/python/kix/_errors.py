"""The exceptions kix raises. Validation errors carry the core's violation codes."""

from __future__ import annotations

import typing as _t

__all__ = ["KixError", "ParseError", "TimeZoneError", "ValidationError"]


class KixError(Exception):
    """Base class of every error kix raises on purpose."""


class ParseError(KixError, ValueError):
    """A JSON document or dict could not be read into a kix type (the message names the field)."""


class ValidationError(KixError, ValueError):
    """Input broke one or more rules. ``errors()`` lists every violation as a dict
    ``{code, path, message, severity, params}``; the codes are kix-core's."""

    def __init__(self, message: str, errors: _t.List[_t.Dict[str, _t.Any]]) -> None:
        super().__init__(message)
        self._errors = [dict(e) for e in errors]

    def errors(self) -> _t.List[_t.Dict[str, _t.Any]]:
        """Every violation, as dicts (a fresh copy each call)."""
        return [dict(e) for e in self._errors]

    @property
    def code(self) -> str:
        """The code of the first violation."""
        return self._errors[0]["code"] if self._errors else ""


class TimeZoneError(ValidationError):
    """A time-zone problem: an unknown zone or label (``time.unknown_zone``), or a wall
    time that a DST change skips or repeats under ``disambiguation="reject"``
    (``time.nonexistent_local_time``, ``time.ambiguous_local_time``)."""
