"""Converters and validators for the value types every model module shares.

Instants are :class:`pendulum.DateTime` stored in UTC, calendar days are
:class:`pendulum.Date`, money is :class:`decimal.Decimal` with two places, durations are
integer minutes. These helpers are the only place that decides it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pendulum

from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = [
    "PARIS",
    "UTC",
    "add_months",
    "day",
    "day_of",
    "instant",
    "money",
    "optional_day",
    "optional_instant",
    "optional_money",
    "paris_date",
    "paris_offset",
    "paris_ordinal",
    "paris_wall",
]

UTC = pendulum.UTC
PARIS = pendulum.timezone("Europe/Paris")

_CENT = Decimal("0.01")
_MONEY_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
_MONEY_MAX = Decimal(1000000000)
_TWO_PLACES = -2


FIRST_YEAR = 1900
"""The first year of a date or an instant the model accepts."""
LAST_YEAR = 2999
"""The last year: deadlines (years of retention and waiting) stay far from year 9999."""
NAIVE = Text(
    fr="date-heure sans décalage horaire : donnez-le, par exemple +01:00 ou Z",
    en="naive datetime: give an offset, e.g. +01:00 or Z",
)
"""The message for a date-time without an offset."""


def out_of_range(what: str) -> Text:
    """The message for a date (``what="date"``) or date-time outside the model's years."""
    what_fr = "date" if what == "date" else "date-heure"
    return Text(
        fr=f"{what_fr} hors limites : années {FIRST_YEAR} à {LAST_YEAR}",
        en=f"{what} out of range: years {FIRST_YEAR} to {LAST_YEAR}",
    )


def _check_year(year: int, what: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue(out_of_range(what))


def instant(value: Any) -> pendulum.DateTime:
    """Return ``value``, an aware datetime in any offset, as a pendulum instant in UTC.

    >>> instant(pendulum.datetime(2026, 3, 29, 3, 30, tz="Europe/Paris")).isoformat()
    '2026-03-29T01:30:00+00:00'

    Raises:
        InvalidValue: ``value`` is naive, not a datetime, or outside the years 1900 to 2999
            (in UTC).
    """
    if type(value) is pendulum.DateTime and value.tzinfo is UTC:
        _check_year(value.year, "date-time")
        return value
    if not isinstance(value, dt.datetime):
        raise InvalidValue(
            Text(
                fr=f"une date-heure avec fuseau est attendue, pas {type(value).__name__}",
                en=f"expected an aware datetime, got {type(value).__name__}",
            )
        )
    offset = value.utcoffset()
    if offset is None:
        raise InvalidValue(NAIVE)
    try:
        utc = (value.replace(tzinfo=None) - offset) if offset else value.replace(tzinfo=None)
    except OverflowError:
        raise InvalidValue(out_of_range("date-time")) from None
    _check_year(utc.year, "date-time")
    return pendulum.DateTime(
        utc.year,
        utc.month,
        utc.day,
        utc.hour,
        utc.minute,
        utc.second,
        utc.microsecond,
        tzinfo=UTC,
    )


def optional_instant(value: Any) -> pendulum.DateTime | None:
    """:func:`instant`, letting ``None`` through."""
    return None if value is None else instant(value)


def day(value: Any) -> pendulum.Date:
    """Return ``value``, a calendar day, as a :class:`pendulum.Date`.

    Raises:
        InvalidValue: ``value`` is a datetime (an instant is not a day), not a date, or
            outside the years 1900 to 2999.
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValue(
            Text(
                fr=f"une date du calendrier est attendue, pas {type(value).__name__}",
                en=f"expected a calendar date, got {type(value).__name__}",
            )
        )
    _check_year(value.year, "date")
    if type(value) is pendulum.Date:
        return value
    return pendulum.Date(value.year, value.month, value.day)


def optional_day(value: Any) -> pendulum.Date | None:
    """:func:`day`, letting ``None`` through."""
    return None if value is None else day(value)


def money(value: Any) -> Decimal:
    """Return ``value`` as a non-negative amount in euros with two decimal places.

    >>> money(Decimal("103.2"))
    Decimal('103.20')

    Raises:
        InvalidValue: a float (money is never a float), a negative or non-finite amount, more
            than two decimal places, or more than a billion euros.
    """
    if (
        type(value) is Decimal
        and value.as_tuple().exponent == _TWO_PLACES
        and 0 <= value < _MONEY_MAX
    ):
        return value
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise InvalidValue(
            Text(
                fr="un montant est un Decimal ou une chaîne décimale",
                en=f"money must be a decimal string or Decimal, got {type(value).__name__}",
            )
        )
    if isinstance(value, str) and not _MONEY_TEXT.fullmatch(value):
        raise InvalidValue(
            Text(
                fr='un montant en chiffres ASCII, comme "103.20", est attendu',
                en='expected an amount in ASCII digits, such as "103.20"',
            )
        )
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise InvalidValue("not a decimal amount") from None
    if not amount.is_finite() or amount < 0:
        raise InvalidValue(
            Text(
                fr="un montant est fini et positif ou nul",
                en="money must be a finite, non-negative amount",
            )
        )
    if amount >= _MONEY_MAX:
        raise InvalidValue(
            Text(
                fr="montant trop grand (999999999.99 au plus)",
                en="amount too large (at most 999999999.99)",
            )
        )
    quantized = amount.quantize(_CENT)
    if quantized != amount:
        raise InvalidValue(
            Text(
                fr="un montant a deux décimales au plus", en="money has at most two decimal places"
            )
        )
    return quantized


def optional_money(value: Any) -> Decimal | None:
    """:func:`money`, letting ``None`` through."""
    return None if value is None else money(value)


def _last_sunday(year: int, month: int) -> int:
    """The day of the month of the last Sunday of ``month`` (March or October)."""
    last = dt.date(year, month, 31)
    return 31 - (last.weekday() + 1) % 7


@functools.lru_cache(maxsize=512)
def _summer_time(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants (naive) when Paris summer time starts and ends in ``year``.

    EU rule since 1996: last Sunday of March and of October, at 01:00 UTC.
    """
    return (
        dt.datetime(year, 3, _last_sunday(year, 3), 1),
        dt.datetime(year, 10, _last_sunday(year, 10), 1),
    )


_ONE_HOUR = dt.timedelta(hours=1)
_TWO_HOURS = dt.timedelta(hours=2)
_EU_RULE_SINCE = 1996


def paris_offset(value: dt.datetime) -> dt.timedelta:
    """The Europe/Paris UTC offset at an aware instant (+1 h in winter, +2 h in summer).

    Computed from the EU rule for 1996 on (fast, no tz database call); earlier instants
    ask the tz database.

    >>> paris_offset(pendulum.datetime(2026, 3, 29, 0, 59, tz="UTC"))
    datetime.timedelta(seconds=3600)
    >>> paris_offset(pendulum.datetime(2026, 3, 29, 1, 0, tz="UTC"))
    datetime.timedelta(seconds=7200)
    """
    if value.tzinfo is not UTC and value.utcoffset():
        value = dt.datetime.astimezone(value, dt.timezone.utc)
    naive = dt.datetime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if value.year < _EU_RULE_SINCE:
        local = dt.datetime.fromtimestamp(value.timestamp(), _ZONE_INFO_PARIS())
        return local.utcoffset() or _ONE_HOUR
    start, end = _summer_time(value.year)
    return _TWO_HOURS if start <= naive < end else _ONE_HOUR


@functools.cache
def _ZONE_INFO_PARIS() -> dt.tzinfo:  # noqa: N802 - a constant built on first use
    import zoneinfo

    return zoneinfo.ZoneInfo("Europe/Paris")


def paris_wall(value: dt.datetime) -> dt.datetime:
    """The Europe/Paris wall-clock time of an aware instant, as a naive stdlib datetime.

    >>> paris_wall(pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC"))
    datetime.datetime(2026, 10, 25, 2, 30)
    """
    if value.tzinfo is not UTC and value.utcoffset():
        value = dt.datetime.astimezone(value, dt.timezone.utc)
    naive = dt.datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
    )
    return naive + paris_offset(value)


def paris_date(value: dt.datetime) -> pendulum.Date:
    """The Europe/Paris calendar day of an instant.

    >>> paris_date(pendulum.datetime(2026, 1, 5, 23, 30, tz="UTC"))
    Date(2026, 1, 6)
    """
    local = paris_wall(value)
    return pendulum.Date(local.year, local.month, local.day)


_MAX_ORDINAL = dt.date.max.toordinal()
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, on the same day of the month or the month's last day.

    Plain stdlib arithmetic (fast in rule checks).

    >>> add_months(dt.date(2026, 8, 31), 6), add_months(dt.date(2024, 2, 29), 12 * 5)
    (datetime.date(2027, 2, 28), datetime.date(2029, 2, 28))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return dt.date.max if year > dt.MAXYEAR else dt.date.min
    last = _DAYS_IN_MONTH[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):  # noqa: PLR2004
        last = 29
    return dt.date(year, month, min(day.day, last))


def day_of(ordinal: int) -> dt.date:
    """The day of an ordinal, clamped to the calendar (a deadline past 9999 is 9999-12-31).

    >>> day_of(dt.date(2026, 1, 6).toordinal() + 30)
    datetime.date(2026, 2, 5)
    """
    return dt.date.fromordinal(min(max(ordinal, 1), _MAX_ORDINAL))


def paris_ordinal(instant: dt.datetime) -> int:
    """The ordinal (:meth:`datetime.date.toordinal`) of the Europe/Paris day of an instant.

    Europe/Paris is UTC+1 or UTC+2, so an instant stored in UTC before 22:00 falls on the
    same local day: the fast path of rule checks. Any other instant goes through
    :func:`~bilan_core._values.paris_date`.

    >>> paris_ordinal(pendulum.datetime(2026, 1, 5, 23, 30)) == pendulum.date(
    ...     2026, 1, 6
    ... ).toordinal()
    True
    """
    if instant.tzinfo is UTC and instant.hour < 22:  # noqa: PLR2004 - see the docstring
        return instant.toordinal()
    return paris_date(instant).toordinal()
