"""The wire's scalars: strict parsing and writing of dates, instants and money.

Shared by the fast reader of :mod:`bilan_core.serialization` and the cattrs converter of
:mod:`bilan_core._converter`; this module does not import cattrs, so reading a valid
document never pays for it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Final

import pendulum

from bilan_core._values import UTC, day, instant, paris_offset
from bilan_core.errors import InvalidValue
from bilan_core.funding import FUNDING_TYPES

__all__ = [
    "FUNDING_TAGS",
    "MONEY",
    "parse_date",
    "parse_datetime",
    "parse_money",
    "write_instant",
    "write_money",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})")
MONEY = re.compile(r"\d{1,9}(\.\d{1,2})?")
_PARIS_OFFSETS = (dt.timedelta(hours=1), dt.timedelta(hours=2))
FUNDING_TAGS: Final[dict[str, type[Any]]] = {cls.TAG: cls for cls in FUNDING_TYPES}


def parse_money(value: Any, _: type) -> Decimal:
    if type(value) is not str:
        raise InvalidValue('money is a decimal string such as "103.20", not a number')
    if not MONEY.fullmatch(value):
        raise InvalidValue('money is a decimal string with at most two places, such as "103.20"')
    return Decimal(value).quantize(Decimal("0.01"))


def write_money(value: Decimal) -> str:
    return f"{value:.2f}"


def parse_date(value: Any, _: type) -> pendulum.Date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise InvalidValue("expected a date as YYYY-MM-DD")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue("not a calendar date") from None
    return day(parsed)


def parse_datetime(value: Any, _: type) -> pendulum.DateTime:
    if type(value) is not str or not _DATETIME.fullmatch(value):
        raise InvalidValue(_datetime_problem(value))
    try:
        parsed = dt.datetime.fromisoformat(value[:-1] + "+00:00" if value[-1] == "Z" else value)
    except ValueError:
        raise InvalidValue("not a valid date-time") from None
    offset = parsed.utcoffset()
    if offset:
        wall = parsed.replace(tzinfo=None)
        try:
            if offset in _PARIS_OFFSETS and not _exists_in_paris(wall):
                raise InvalidValue(
                    f"{wall:%H:%M} does not exist in Europe/Paris on {wall:%Y-%m-%d}: the "
                    "clocks jump forward that night"
                )
            parsed = wall - offset
        except OverflowError:
            # The instant in UTC falls before year 1 or after year 9999.
            raise InvalidValue("date-time out of range: years 1900 to 2999") from None
    return instant(parsed.replace(tzinfo=UTC))


def _datetime_problem(value: Any) -> str:
    if type(value) is not str:
        return "expected a date-time string with an offset"
    if _DATETIME.fullmatch(value + "Z"):
        return "naive datetime: give an offset, e.g. +01:00 or Z"
    return "expected an ISO 8601 date-time with an offset"


def _exists_in_paris(wall: dt.datetime) -> bool:
    """Whether a wall-clock time is shown by clocks in Paris (not in a spring-forward gap)."""
    for offset in _PARIS_OFFSETS:
        utc = (wall - offset).replace(tzinfo=dt.timezone.utc)
        if paris_offset(utc) == offset:
            return True
    return False


_ISO_UTC = "%04d-%02d-%02dT%02d:%02d:%02d+00:00"
_ISO_UTC_MICRO = "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00"


def write_instant(value: dt.datetime) -> str:
    """``value.isoformat()`` without asking pendulum's UTC zone for its offset (slow)."""
    if value.tzinfo is not UTC:
        return value.isoformat()
    if value.microsecond:
        return _ISO_UTC_MICRO % (
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )
    return _ISO_UTC % (value.year, value.month, value.day, value.hour, value.minute, value.second)
