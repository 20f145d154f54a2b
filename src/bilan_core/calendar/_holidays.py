"""French public holidays (*jours fériés*), with the Alsace-Moselle days.

The days come from the `holidays` package (France), plus Good Friday and 26 December in
Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle: local law, C. trav. L3134-13). The package is
imported on first use and each year's list is cached, so ``import bilan_core`` does not pay
for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections.abc import Mapping

from bilan_core.text import Text

__all__ = ["holiday", "holiday_name", "is_public_holiday", "public_holidays"]


@functools.lru_cache(maxsize=256)
def _names(year: int, alsace_moselle: bool) -> Mapping[dt.date, Text]:  # noqa: FBT001 - cached positional key
    import holidays

    # Subdivision "57" (Moselle) has the same two extra days as "6AE" (Alsace).
    subdivision = "57" if alsace_moselle else None
    french = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="fr")
    english = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="en_US")
    return types.MappingProxyType(
        {
            dt.date(d.year, d.month, d.day): Text(fr=name, en=english.get(d, name))
            for d, name in french.items()
        }
    )


@functools.lru_cache(maxsize=256)
def _holidays(year: int, alsace_moselle: bool) -> Mapping[dt.date, str]:  # noqa: FBT001 - cached positional key
    return types.MappingProxyType(
        {day: name.fr for day, name in _names(year, alsace_moselle).items()}
    )


def holiday(day: dt.date, *, alsace_moselle: bool = False) -> Text | None:
    """The name of the public holiday on ``day`` in French and English, or ``None``.

    >>> holiday(pendulum.date(2026, 7, 14))
    Text(fr='Fête nationale', en='National Day')
    """
    return _names(day.year, alsace_moselle).get(dt.date(day.year, day.month, day.day))


def public_holidays(year: int, *, alsace_moselle: bool = False) -> Mapping[dt.date, str]:
    """The French public holidays of a year, with their French names (read-only).

    Args:
        year: the calendar year.
        alsace_moselle: add Good Friday and 26 December (Bas-Rhin, Haut-Rhin, Moselle).

    >>> len(public_holidays(2026)), len(public_holidays(2026, alsace_moselle=True))
    (11, 13)
    """
    return _holidays(year, alsace_moselle)


def holiday_name(day: dt.date, *, alsace_moselle: bool = False) -> str | None:
    """The French name of the public holiday on ``day``, or ``None``.

    >>> holiday_name(pendulum.date(2026, 7, 14))
    'Fête nationale'
    >>> holiday_name(pendulum.date(2026, 12, 26)) is None
    True
    >>> holiday_name(pendulum.date(2026, 12, 26), alsace_moselle=True)
    'Saint-Étienne'
    """
    return _holidays(day.year, alsace_moselle).get(dt.date(day.year, day.month, day.day))


def is_public_holiday(day: dt.date, *, alsace_moselle: bool = False) -> bool:
    """Whether ``day`` is a French public holiday (with the Alsace-Moselle days if asked).

    >>> is_public_holiday(pendulum.date(2026, 5, 14))  # Ascension Thursday
    True
    >>> (
    ...     is_public_holiday(pendulum.date(2026, 4, 3)),
    ...     is_public_holiday(pendulum.date(2026, 4, 3), alsace_moselle=True),
    ... )  # Good Friday
    (False, True)
    """
    return holiday_name(day, alsace_moselle=alsace_moselle) is not None


# -- working days -------------------------------------------------------------------------
