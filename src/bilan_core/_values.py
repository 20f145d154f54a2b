"""Converters and validators for the value types every model module shares.

Instants are :class:`pendulum.DateTime` stored in UTC, calendar days are
:class:`pendulum.Date`, money is :class:`decimal.Decimal` with two places, durations are
integer minutes. These helpers are the only place that decides it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import pendulum

from bilan_core.errors import InvalidValue

__all__ = [
    "PARIS",
    "UTC",
    "day",
    "digits",
    "instant",
    "minutes",
    "money",
    "optional_day",
    "optional_instant",
    "optional_money",
    "paris_date",
]

UTC = pendulum.UTC
PARIS = pendulum.timezone("Europe/Paris")

_CENT = Decimal("0.01")
_MONEY_MAX = Decimal(1000000000)

T = TypeVar("T")


def instant(value: Any) -> pendulum.DateTime:
    """Return ``value``, an aware datetime in any offset, as a pendulum instant in UTC.

    >>> instant(pendulum.datetime(2026, 3, 29, 3, 30, tz="Europe/Paris")).isoformat()
    '2026-03-29T01:30:00+00:00'

    Raises:
        InvalidValue: ``value`` is naive or not a datetime.
    """
    if type(value) is pendulum.DateTime and value.tzinfo is UTC:
        return value
    if not isinstance(value, dt.datetime):
        raise InvalidValue(f"expected an aware datetime, got {type(value).__name__}")
    offset = value.utcoffset()
    if offset is None:
        raise InvalidValue("naive datetime: give an offset")
    utc = (value.replace(tzinfo=None) - offset) if offset else value.replace(tzinfo=None)
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
        InvalidValue: ``value`` is a datetime (an instant is not a day) or not a date.
    """
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValue(f"expected a calendar date, got {type(value).__name__}")
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
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise InvalidValue(f"money must be a decimal string or Decimal, got {type(value).__name__}")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidValue("not a decimal amount") from None
    if not amount.is_finite() or amount < 0:
        raise InvalidValue("money must be a finite, non-negative amount")
    if amount >= _MONEY_MAX:
        raise InvalidValue("amount too large (at most 999999999.99)")
    quantized = amount.quantize(_CENT)
    if quantized != amount:
        raise InvalidValue("money has at most two decimal places")
    return quantized


def optional_money(value: Any) -> Decimal | None:
    """:func:`money`, letting ``None`` through."""
    return None if value is None else money(value)


def digits(count: int, what: str) -> Any:
    """An attrs validator: the value is a string of exactly ``count`` ASCII digits."""
    pattern = re.compile(rf"[0-9]{{{count}}}")

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None:
            return
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise InvalidValue(f"{what} must be {count} digits", field=attribute.name)

    return check


def paris_date(value: dt.datetime) -> pendulum.Date:
    """The Europe/Paris calendar day of an instant.

    >>> paris_date(pendulum.datetime(2026, 1, 5, 23, 30, tz="UTC"))
    Date(2026, 1, 6)
    """
    local = value.astimezone(PARIS)
    return pendulum.Date(local.year, local.month, local.day)


def minutes(_instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a whole number of minutes, 0 to 100 000 (``None`` allowed)."""
    if value is None:
        return
    if type(value) is not int or not 0 <= value <= 100_000:  # noqa: PLR2004
        name = getattr(attribute, "name", "minutes")
        raise InvalidValue(f"{name} must be a whole number of minutes from 0 to 100000", field=name)
