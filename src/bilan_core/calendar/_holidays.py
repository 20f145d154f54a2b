"""French public holidays (*jours fériés*), with the Alsace-Moselle days.

Computed here, from the Gregorian Easter and the years each day has been a public holiday
(C. trav. L3133-1; the 1 May since 1919, the 11 November since 1922, the 8 May from 1953 to
1959 and since 1982; Whit Monday not in 2005 to 2007, the *journée de solidarité* years),
plus Good Friday and 26 December in Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle: local law,
C. trav. L3134-13). Two holidays on one day are named together (``"Ascension; Fête de la
Victoire"``). The days and the names are those of the ``holidays`` package for 1900 to 2100
(a test compares them year by year); the same rules are applied up to 2999, where that
package has no data. Each year's list is cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections.abc import Mapping

from bilan_core.text import Text

__all__ = ["easter", "holiday", "holiday_name", "is_public_holiday", "public_holidays"]

_NEW_YEAR = Text(fr="Jour de l'an", en="New Year's Day")
_EASTER_MONDAY = Text(fr="Lundi de Pâques", en="Easter Monday")
_WHIT_MONDAY = Text(fr="Lundi de Pentecôte", en="Pentecost Monday")
_ASCENSION = Text(fr="Ascension", en="Ascension Day")
_NATIONAL_DAY = Text(fr="Fête nationale", en="National Day")
_ASSUMPTION = Text(fr="Assomption", en="Assumption Day")
_ALL_SAINTS = Text(fr="Toussaint", en="All Saints' Day")
_CHRISTMAS = Text(fr="Noël", en="Christmas Day")
_ARMISTICE = Text(fr="Armistice", en="Armistice Day")
_VICTORY = Text(fr="Fête de la Victoire", en="Victory Day")
_MAY_DAY = Text(fr="1er mai", en="May Day")
_LABOUR_1941 = Text(
    fr="Fête du Travail et de la Concorde sociale", en="Labor and Social Concord Day"
)
_LABOUR = Text(fr="Fête du Travail", en="Labor Day")
_GOOD_FRIDAY = Text(fr="Vendredi saint", en="Good Friday")
_SAINT_STEPHEN = Text(fr="Saint-Étienne", en="Saint Stephen's Day")


def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian calendar; the anonymous algorithm).

    >>> easter(2026), easter(2000)
    (datetime.date(2026, 4, 5), datetime.date(2000, 4, 23))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return dt.date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _days(year: int, alsace_moselle: bool) -> list[tuple[dt.date, Text]]:  # noqa: FBT001
    sunday = easter(year)
    found = [
        (dt.date(year, 1, 1), _NEW_YEAR),
        (sunday + dt.timedelta(days=1), _EASTER_MONDAY),
        (sunday + dt.timedelta(days=39), _ASCENSION),
        (dt.date(year, 7, 14), _NATIONAL_DAY),
        (dt.date(year, 8, 15), _ASSUMPTION),
        (dt.date(year, 11, 1), _ALL_SAINTS),
        (dt.date(year, 12, 25), _CHRISTMAS),
    ]
    if not 2005 <= year <= 2007:  # noqa: PLR2004 - the journée de solidarité years
        found.append((sunday + dt.timedelta(days=50), _WHIT_MONDAY))
    if 1919 <= year <= 1940 or 1946 <= year <= 1947:  # noqa: PLR2004
        found.append((dt.date(year, 5, 1), _MAY_DAY))
    elif 1941 <= year <= 1945:  # noqa: PLR2004
        found.append((dt.date(year, 5, 1), _LABOUR_1941))
    elif year >= 1948:  # noqa: PLR2004
        found.append((dt.date(year, 5, 1), _LABOUR))
    if 1953 <= year <= 1959 or year >= 1982:  # noqa: PLR2004
        found.append((dt.date(year, 5, 8), _VICTORY))
    if year >= 1922:  # noqa: PLR2004
        found.append((dt.date(year, 11, 11), _ARMISTICE))
    if alsace_moselle:
        found.append((sunday - dt.timedelta(days=2), _GOOD_FRIDAY))
        found.append((dt.date(year, 12, 26), _SAINT_STEPHEN))
    return found


@functools.lru_cache(maxsize=256)
def _names(year: int, alsace_moselle: bool) -> Mapping[dt.date, Text]:  # noqa: FBT001 - cached positional key
    by_day: dict[dt.date, list[Text]] = {}
    for day, name in _days(year, alsace_moselle):
        by_day.setdefault(day, []).append(name)
    return types.MappingProxyType(
        {
            day: Text(
                fr="; ".join(sorted(name.fr for name in names)),
                en="; ".join(sorted(name.en for name in names)),
            )
            for day, names in sorted(by_day.items())
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
