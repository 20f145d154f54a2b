"""Helpers to write rule messages with the actual numbers, in French and English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

__all__ = ["date_en", "date_fr", "euros", "euros_en", "hours", "hours_en"]


def hours(minutes: int) -> str:
    """French duration: ``24 h``, ``24 h 30``, ``0 h 45``.

    >>> hours(1470), hours(1440), hours(45)
    ('24 h 30', '24 h', '0 h 45')
    """
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}" if m else f"{h} h"


def hours_en(minutes: int) -> str:
    """English duration: ``24 h 30 min``, ``24 h``.

    >>> hours_en(1470), hours_en(1440)
    ('24 h 30 min', '24 h')
    """
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if m else f"{h} h"


def euros(amount: Decimal) -> str:
    """French amount: ``1 600,00 €``.

    >>> euros(Decimal("1600"))
    '1 600,00 €'
    """
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} €"


def euros_en(amount: Decimal) -> str:
    """English amount: ``€1,600.00``.

    >>> euros_en(Decimal("1600"))
    '€1,600.00'
    """
    return f"€{amount:,.2f}"


def date_fr(day: dt.date) -> str:
    """French date: ``26/02/2026``.

    >>> date_fr(dt.date(2026, 2, 26))
    '26/02/2026'
    """
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_en(day: dt.date) -> str:
    """ISO date for English messages: ``2026-02-26``."""
    return day.isoformat()
