"""Converters for the value types every model module shares.

Instants are :class:`pendulum.DateTime` stored in UTC, calendar days are
:class:`pendulum.Date` of the years 1900 to 2999, money is :class:`decimal.Decimal` with two
places, durations are integer minutes. These helpers are the only place that decides it;
Europe/Paris time is :mod:`bilan_core._paris`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pendulum

from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "NAIVE",
    "UTC",
    "day",
    "instant",
    "money",
    "optional_day",
    "optional_instant",
    "optional_money",
    "out_of_range",
]

UTC = pendulum.UTC

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
        raise InvalidValue(Text(fr="pas un montant décimal", en="not a decimal amount")) from None
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
