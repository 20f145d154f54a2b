"""Europe/Paris time, in one home: the local day and wall time of an instant, and back.

Instants are stored in UTC; the rules, deadlines and charters reason about Paris days and
hours. Every conversion goes through here:

- :func:`paris_offset` (+1 h in winter, +2 h in summer, from the EU rule since 1996: fast, no
  tz database call), :func:`paris_wall`, :func:`paris_date`, :func:`paris_ordinal`;
- :func:`local` (a pendulum instant in Europe/Paris), :func:`wall_to_utc` (a wall time back to
  UTC, as the clocks read it on the nights they change);
- calendar arithmetic: :func:`add_months` (clamped to the month's end), :func:`day_of`.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from typing import Final

import pendulum

from bilan_core._values import UTC, instant

__all__ = [
    "PARIS",
    "ZONE",
    "add_months",
    "day_of",
    "end_ordinal",
    "local",
    "paris_date",
    "paris_day",
    "paris_end_date",
    "paris_offset",
    "paris_ordinal",
    "paris_wall",
    "wall_at",
    "wall_to_utc",
]

PARIS: Final = pendulum.timezone("Europe/Paris")
"""pendulum's Europe/Paris zone."""
ZONE: Final = zoneinfo.ZoneInfo("Europe/Paris")
"""The standard library's Europe/Paris zone: fast conversions of wall times."""
_MIDNIGHT: Final = dt.time(0, 0)
_ZERO: Final = dt.timedelta()
_DAY_MINUTES: Final = 24 * 60
_PARIS_DAY_CHANGE_HOUR: Final = 22  # 22:00 UTC is midnight in Paris in summer
_PARIS_DAY_CHANGE_MINUTES: Final = _PARIS_DAY_CHANGE_HOUR * 60


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
        local = dt.datetime.fromtimestamp(value.timestamp(), ZONE)
        return local.utcoffset() or _ONE_HOUR
    start, end = _summer_time(value.year)
    return _TWO_HOURS if start <= naive < end else _ONE_HOUR


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
    if value.tzinfo is UTC and value.hour < _PARIS_DAY_CHANGE_HOUR:  # see paris_ordinal
        return pendulum.Date(value.year, value.month, value.day)
    local = paris_wall(value)
    return pendulum.Date(local.year, local.month, local.day)


def paris_end_date(start: dt.datetime, minutes: int) -> pendulum.Date:
    """The Europe/Paris day on which ``minutes`` from ``start`` end (a session's last day).

    The day of ``start.add(minutes=minutes)``, without making that pendulum instant.

    >>> paris_end_date(pendulum.datetime(2026, 6, 28, 21, 30, tz="UTC"), 45)
    Date(2026, 6, 29)
    """
    day = dt.date.fromordinal(end_ordinal(start, minutes))
    return pendulum.Date(day.year, day.month, day.day)


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


def local(value: dt.datetime) -> pendulum.DateTime:
    """An instant in Europe/Paris local time.

    >>> local(pendulum.datetime(2026, 3, 29, 1, 30, tz="UTC")).isoformat()
    '2026-03-29T03:30:00+02:00'

    Raises:
        InvalidValue: ``value`` is naive.
    """
    return instant(value).in_timezone(PARIS)


def wall_to_utc(wall: dt.datetime) -> dt.datetime:
    """The UTC instant (naive) of a Paris wall-clock time, as pendulum reads one.

    A wall time skipped by the spring-forward change is moved forward, as the clocks were; a
    repeated one (fall back) is the second, in winter time. Both are the later of the two
    readings (``fold`` 0 and 1) the tz database gives.
    """
    offsets = [wall.replace(tzinfo=ZONE, fold=fold).utcoffset() or _ZERO for fold in (0, 1)]
    return wall - min(offsets)


def wall_at(day: int, time: dt.time, *, end: bool = False) -> dt.datetime:
    """The UTC instant (naive) of a Paris wall-clock time on the day of ordinal ``day``.

    As the ``end`` of a range, ``00:00`` is the next midnight; as a start, this day's.
    """
    if end and time == _MIDNIGHT:
        day += 1
    return wall_to_utc(dt.datetime.combine(dt.date.fromordinal(day), time))


def paris_day(value: dt.datetime) -> dt.date:
    """The Europe/Paris day of an instant, as a stdlib date (fast in rule checks)."""
    return dt.date.fromordinal(paris_ordinal(value))


def end_ordinal(start: dt.datetime, minutes: int) -> int:
    """The ordinal of the Europe/Paris day on which ``minutes`` from ``start`` end.

    Integer arithmetic when ``start`` is in UTC and the end falls before 22:00 UTC (the same
    local day in winter and in summer); :func:`paris_ordinal` otherwise.
    """
    if start.tzinfo is UTC:
        days, minute = divmod(start.hour * 60 + start.minute + minutes, _DAY_MINUTES)
        if minute < _PARIS_DAY_CHANGE_MINUTES:
            return start.toordinal() + days
    return paris_ordinal(dt.datetime.__add__(start, dt.timedelta(minutes=minutes)))
