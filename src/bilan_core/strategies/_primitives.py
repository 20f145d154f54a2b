"""Strategies for the scalar values of the model: ids, SIRETs, money, days and instants."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import pendulum
from hypothesis import strategies as st

from bilan_core._identifiers import luhn_digit
from bilan_core._paris import PARIS

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = [
    "days",
    "instants",
    "local_instants",
    "money_amounts",
    "ndas",
    "opaque_ids",
    "sirets",
    "weekday_on_or_before",
]

_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


@functools.cache
def opaque_ids(prefix: str = "") -> SearchStrategy[str]:
    """Opaque identifiers such as ``"s-3f"``; shrinks towards ``prefix + "0"``."""
    return st.text(_ID_CHARS, min_size=1, max_size=8).map(lambda tail: f"{prefix}{tail}")


@functools.cache
def sirets() -> SearchStrategy[str]:
    """SIRETs with a correct SIREN key and a correct SIRET key (never La Poste's)."""

    def build(siren_body: str, nic_body: str) -> str:
        siren = siren_body + luhn_digit(siren_body)
        body = siren + nic_body
        return body + luhn_digit(body)

    digits = "0123456789"
    return st.builds(
        build,
        st.text(digits, min_size=8, max_size=8).filter(lambda s: not s.startswith("35600000")),
        st.text(digits, min_size=4, max_size=4),
    )


@functools.cache
def ndas() -> SearchStrategy[str]:
    """11-digit *numéros de déclaration d'activité*."""
    return st.text("0123456789", min_size=11, max_size=11)


def money_amounts(
    min_value: Decimal | int = 0, max_value: Decimal | int = 5000
) -> SearchStrategy[Decimal]:
    """Amounts in euros with two places, shrinking towards ``min_value``."""
    low = int(Decimal(min_value) * 100)
    high = int(Decimal(max_value) * 100)
    return st.integers(low, high).map(
        lambda cents: (Decimal(cents) / 100).quantize(Decimal("0.01"))
    )


def days(min_value: dt.date, max_value: dt.date) -> SearchStrategy[pendulum.Date]:
    """Calendar days as :class:`pendulum.Date`, shrinking towards ``min_value``."""
    return st.dates(min_value, max_value).map(lambda d: pendulum.Date(d.year, d.month, d.day))


def local_instants(day: dt.date, hour: int, minute: int = 0) -> pendulum.DateTime:
    """The instant of a Paris wall-clock time (after the gap on a spring-forward night), in UTC."""
    local = pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=PARIS)
    return local.in_timezone("UTC")


def instants(min_value: dt.date, max_value: dt.date) -> SearchStrategy[pendulum.DateTime]:
    """Any UTC instant on the days between the bounds (nights and DST changes included)."""
    return st.builds(
        lambda d, seconds: pendulum.datetime(d.year, d.month, d.day, tz="UTC").add(seconds=seconds),
        st.dates(min_value, max_value),
        st.integers(0, 86_399),
    )


def weekday_on_or_before(day: pendulum.Date) -> pendulum.Date:
    """The day itself, or the Friday before it for a weekend day."""
    shift = max(0, day.weekday() - 4)
    return day.subtract(days=shift) if shift else day
