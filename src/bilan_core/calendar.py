"""The French calendar of a bilan: Europe/Paris days and hours, public holidays, working time.

Everything a rule or a deadline needs to reason about local time lives here:

- **Local days and hours** are those of Europe/Paris (:func:`local`), whatever the offset an
  instant came in with; instants stay in UTC in the model.
- **Public holidays** (*jours fériés*) come from the `holidays` package (France), plus Good
  Friday and 26 December in Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle: local law, C. trav.
  L3134-13). The package is imported on first use and each year's list is cached, so
  ``import bilan_core`` does not pay for it.
- **Working days** are Monday to Friday (or the weekdays a policy gives) that are not public
  holidays. **Working time** is the time of working days, either whole days or only inside
  opening hours (``hours``), lunch break excluded.
- **Months** are added the calendar way, clamped to the end of the month: 31 August + 6
  months is the last day of February.

Time ranges are plain ``(start, end)`` pairs of :class:`datetime.time` or any object with
``start`` and ``end`` attributes (such as the policy's time ranges). An ``end`` of
``00:00`` means midnight at the end of the day.

>>> from bilan_core import calendar
>>> calendar.add_working_days(pendulum.date(2026, 7, 13), 1)  # 14 July is a holiday
Date(2026, 7, 15)
>>> calendar.add_months(pendulum.date(2026, 8, 31), 6)
Date(2027, 2, 28)
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol, TypeAlias

import pendulum

from bilan_core._values import PARIS, instant, paris_date, paris_wall
from bilan_core._values import add_months as shift_months

__all__ = [
    "WEEKDAYS",
    "TimeRangeLike",
    "add_months",
    "add_working_days",
    "add_working_minutes",
    "holiday_name",
    "intersect_ranges",
    "is_public_holiday",
    "is_working_day",
    "local",
    "local_date",
    "public_holidays",
    "ranges",
    "wall_within",
    "within_opening_hours",
    "working_minutes_between",
    "working_time_between",
]

WEEKDAYS: frozenset[int] = frozenset(range(5))
"""Monday (0) to Friday (4): the working weekdays by default."""

_MIDNIGHT = dt.time(0, 0)
_MINUTE = dt.timedelta(minutes=1)
_MAX_DAYS = 366 * 50
_ZERO = dt.timedelta()
_ZONE = zoneinfo.ZoneInfo("Europe/Paris")  # the stdlib's: fast conversions of wall times


class _Bounded(Protocol):
    """Anything with a start and an end time (a policy's ``TimeRange``)."""

    @property
    def start(self) -> dt.time: ...

    @property
    def end(self) -> dt.time: ...


TimeRangeLike: TypeAlias = tuple[dt.time, dt.time] | _Bounded
"""A time range: a ``(start, end)`` pair or an object with ``start`` and ``end``."""

_Pairs: TypeAlias = tuple[tuple[dt.time, dt.time], ...]


# -- local time ---------------------------------------------------------------------------


def local(value: dt.datetime) -> pendulum.DateTime:
    """An instant in Europe/Paris local time.

    >>> local(pendulum.datetime(2026, 3, 29, 1, 30, tz="UTC")).isoformat()
    '2026-03-29T03:30:00+02:00'

    Raises:
        InvalidValue: ``value`` is naive.
    """
    return instant(value).in_timezone(PARIS)


def local_date(value: dt.datetime) -> pendulum.Date:
    """The Europe/Paris calendar day of an instant.

    >>> local_date(pendulum.datetime(2026, 10, 24, 22, 30, tz="UTC"))
    Date(2026, 10, 25)
    """
    return paris_date(value)


def _utc(wall: dt.datetime) -> dt.datetime:
    """The UTC instant (naive) of a Paris wall-clock time, as pendulum reads one.

    A wall time skipped by the spring-forward change is moved forward, as the clocks were; a
    repeated one (fall back) is the second, in winter time. Both are the later of the two
    readings (``fold`` 0 and 1) the tz database gives.
    """
    offsets = [wall.replace(tzinfo=_ZONE, fold=fold).utcoffset() or _ZERO for fold in (0, 1)]
    return wall - min(offsets)


def _at(day: int, time: dt.time, *, end: bool = False) -> dt.datetime:
    """The UTC instant (naive) of a Paris wall-clock time on the day of ordinal ``day``.

    As the ``end`` of a range, ``00:00`` is the next midnight; as a start, this day's.
    """
    if end and time == _MIDNIGHT:
        day += 1
    return _utc(dt.datetime.combine(dt.date.fromordinal(day), time))


def _naive_utc(utc: dt.datetime) -> dt.datetime:
    """A UTC instant as a naive stdlib datetime (fast: no pendulum arithmetic)."""
    return dt.datetime(
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond
    )


def _day(value: dt.date) -> pendulum.Date:
    return (
        value if type(value) is pendulum.Date else pendulum.Date(value.year, value.month, value.day)
    )


# -- public holidays ----------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _holidays(year: int, alsace_moselle: bool) -> Mapping[dt.date, str]:  # noqa: FBT001 - cached positional key
    import holidays

    # Subdivision "57" (Moselle) has the same two extra days as "6AE" (Alsace).
    found = holidays.country_holidays(
        "FR", subdiv="57" if alsace_moselle else None, years=year, language="fr"
    )
    return types.MappingProxyType(
        {dt.date(d.year, d.month, d.day): name for d, name in found.items()}
    )


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


def is_working_day(
    day: dt.date, *, alsace_moselle: bool = False, weekdays: frozenset[int] = WEEKDAYS
) -> bool:
    """Whether ``day`` is a working day: one of ``weekdays`` and not a public holiday.

    >>> is_working_day(pendulum.date(2026, 4, 6))  # Easter Monday
    False
    >>> is_working_day(pendulum.date(2026, 4, 7))
    True
    """
    return day.weekday() in weekdays and not is_public_holiday(day, alsace_moselle=alsace_moselle)


def add_working_days(
    day: dt.date,
    n: int,
    *,
    alsace_moselle: bool = False,
    weekdays: frozenset[int] = WEEKDAYS,
) -> pendulum.Date:
    """The ``n``-th working day after ``day`` (before it when ``n`` is negative).

    ``day`` itself does not count, as for every delay; ``n == 0`` returns ``day`` unchanged.

    >>> add_working_days(pendulum.date(2026, 5, 13), 1)  # Ascension Thursday is skipped
    Date(2026, 5, 15)
    >>> add_working_days(pendulum.date(2026, 5, 15), -1)
    Date(2026, 5, 13)

    Raises:
        ValueError: ``weekdays`` is empty.
    """
    if not weekdays:
        raise ValueError("weekdays is empty: there is no working day")
    current = _day(day)
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        current = current.add(days=step)
        if is_working_day(current, alsace_moselle=alsace_moselle, weekdays=weekdays):
            left -= 1
    return current


def add_months(day: dt.date, months: int) -> pendulum.Date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the month.

    >>> add_months(pendulum.date(2027, 8, 31), 6)
    Date(2028, 2, 29)
    >>> add_months(pendulum.date(2026, 3, 31), -1)
    Date(2026, 2, 28)
    """
    return _day(shift_months(day, months))


# -- time ranges --------------------------------------------------------------------------


def _pair(item: TimeRangeLike) -> tuple[dt.time, dt.time]:
    if isinstance(item, tuple):
        start, end = item
    else:
        start, end = item.start, item.end
    if end != _MIDNIGHT and end <= start:
        raise ValueError("a time range ends after it starts")
    return start, end


def ranges(items: Iterable[TimeRangeLike]) -> tuple[tuple[dt.time, dt.time], ...]:
    """Time ranges as sorted ``(start, end)`` pairs.

    >>> ranges([(dt.time(14), dt.time(17, 30)), (dt.time(9), dt.time(12, 30))])[0]
    (datetime.time(9, 0), datetime.time(12, 30))

    Raises:
        ValueError: a range does not end after it starts.
    """
    return tuple(sorted(_pair(item) for item in items))


def _end_key(time: dt.time) -> tuple[int, dt.time]:
    return (1, time) if time == _MIDNIGHT else (0, time)


def intersect_ranges(
    first: Iterable[TimeRangeLike], second: Iterable[TimeRangeLike]
) -> tuple[tuple[dt.time, dt.time], ...]:
    """The times of day inside both sets of ranges (opening hours ∩ amplitude).

    >>> t = dt.time
    >>> intersect_ranges(
    ...     [(t(9), t(12, 30)), (t(14), t(17, 30))], [(t(9), t(17))]
    ... )  # doctest: +NORMALIZE_WHITESPACE
    ((datetime.time(9, 0), datetime.time(12, 30)),
     (datetime.time(14, 0), datetime.time(17, 0)))
    """
    found = []
    for a_start, a_end in ranges(first):
        for b_start, b_end in ranges(second):
            start = max(a_start, b_start)
            end = min(a_end, b_end, key=_end_key)
            if end == _MIDNIGHT or start < end:
                found.append((start, end))
    return tuple(sorted(found))


def _windows(day: int, pairs: _Pairs | None) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The UTC intervals (naive) of one local day's working time (the whole day for ``None``)."""
    if pairs is None:
        yield _at(day, _MIDNIGHT), _at(day, _MIDNIGHT, end=True)
        return
    for start, end in pairs:
        yield _at(day, start), _at(day, end, end=True)


def _working_days(
    first: int, last: int, *, alsace_moselle: bool, weekdays: frozenset[int]
) -> Iterator[int]:
    """The ordinals of the working days from ordinal ``first`` to ``last``, in order."""
    for day in range(first, last + 1):
        if is_working_day(
            dt.date.fromordinal(day), alsace_moselle=alsace_moselle, weekdays=weekdays
        ):
            yield day


def working_time_between(
    a: dt.datetime,
    b: dt.datetime,
    *,
    hours: Iterable[TimeRangeLike] | None = None,
    alsace_moselle: bool = False,
    weekdays: frozenset[int] = WEEKDAYS,
) -> dt.timedelta:
    """The working time from instant ``a`` to instant ``b``, exactly.

    Only working days count, and on them only the time inside ``hours`` (Europe/Paris wall
    clock; ``None``: the whole day, so the clock simply stops on weekends and holidays).
    The measure is additive: the time of ``[a, b]`` plus that of ``[b, c]`` is that of
    ``[a, c]``; it is negative when ``b`` is before ``a``.

    >>> t = dt.time
    >>> friday = pendulum.datetime(2026, 7, 10, 16, tz="Europe/Paris")
    >>> wednesday = pendulum.datetime(2026, 7, 15, 10, tz="Europe/Paris")
    >>> working_time_between(friday, wednesday)  # Sat, Sun and 14 July do not count
    datetime.timedelta(days=1, seconds=64800)
    >>> working_time_between(friday, wednesday, hours=[(t(9), t(12, 30)), (t(14), t(17, 30))])
    datetime.timedelta(seconds=34200)
    """
    a_utc, b_utc = instant(a), instant(b)
    start, end = _naive_utc(a_utc), _naive_utc(b_utc)
    if end < start:
        return -working_time_between(
            b, a, hours=hours, alsace_moselle=alsace_moselle, weekdays=weekdays
        )
    pairs = None if hours is None else ranges(hours)
    total = dt.timedelta()
    first, last = paris_wall(a_utc).toordinal(), paris_wall(b_utc).toordinal()
    for day in _working_days(first, last, alsace_moselle=alsace_moselle, weekdays=weekdays):
        for w_start, w_end in _windows(day, pairs):
            lo, hi = max(w_start, start), min(w_end, end)
            if lo < hi:
                total += hi - lo
    return total


def working_minutes_between(
    a: dt.datetime,
    b: dt.datetime,
    *,
    hours: Iterable[TimeRangeLike] | None = None,
    alsace_moselle: bool = False,
    weekdays: frozenset[int] = WEEKDAYS,
) -> int:
    """:func:`working_time_between` in whole minutes (rounded towards zero).

    Additive for instants on whole minutes (the model's usual instants); use
    :func:`working_time_between` for exact sums of arbitrary instants.

    >>> monday = pendulum.datetime(2026, 2, 16, 10, tz="Europe/Paris")
    >>> tuesday = pendulum.datetime(2026, 2, 17, 10, tz="Europe/Paris")
    >>> working_minutes_between(monday, tuesday, hours=[(dt.time(9), dt.time(17))])
    480
    """
    exact = working_time_between(
        a, b, hours=hours, alsace_moselle=alsace_moselle, weekdays=weekdays
    )
    whole = abs(exact) // _MINUTE
    return whole if exact >= dt.timedelta() else -whole


def add_working_minutes(
    start: dt.datetime,
    minutes: int,
    *,
    hours: Iterable[TimeRangeLike] | None = None,
    alsace_moselle: bool = False,
    weekdays: frozenset[int] = WEEKDAYS,
) -> pendulum.DateTime:
    """The instant (UTC) when ``minutes`` of working time have run from ``start``.

    The inverse of :func:`working_time_between`: the earliest instant ``t`` with
    ``working_time_between(start, t) == minutes``, so a limit reached at closing time ends
    then, not at the next opening.

    >>> friday = pendulum.datetime(2026, 7, 10, 16, tz="Europe/Paris")
    >>> local(add_working_minutes(friday, 48 * 60)).isoformat()  # 14 July does not count
    '2026-07-15T16:00:00+02:00'

    Raises:
        ValueError: ``minutes`` is negative, or no working time within 50 years.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    begin_utc = instant(start)
    left = dt.timedelta(minutes=minutes)
    if not left:
        return begin_utc
    begin = _naive_utc(begin_utc)
    pairs = None if hours is None else ranges(hours)
    first = paris_wall(begin_utc).toordinal()
    for day in _working_days(
        first, first + _MAX_DAYS - 1, alsace_moselle=alsace_moselle, weekdays=weekdays
    ):
        for w_start, w_end in _windows(day, pairs):
            lo = max(w_start, begin)
            if lo >= w_end:
                continue
            available = w_end - lo
            if available >= left:
                return instant((lo + left).replace(tzinfo=dt.timezone.utc))
            left -= available
    raise ValueError("no working time found within 50 years")


def within_opening_hours(
    start: dt.datetime,
    end: dt.datetime,
    hours: Iterable[TimeRangeLike],
    *,
    alsace_moselle: bool = False,
    weekdays: frozenset[int] = WEEKDAYS,
    public_holidays: bool = True,
) -> bool:
    """Whether ``[start, end]`` lies inside one opening range of one working day.

    A session that runs over the lunch break, past closing time, past midnight, on a
    weekend or (unless ``public_holidays`` is false) on a public holiday is not within
    opening hours.

    >>> t = dt.time
    >>> staff = [(t(9), t(12, 30)), (t(14), t(17, 30))]
    >>> at = pendulum.datetime
    >>> within_opening_hours(
    ...     at(2026, 3, 16, 9, 30, tz="Europe/Paris"),
    ...     at(2026, 3, 16, 11, 30, tz="Europe/Paris"),
    ...     staff,
    ... )
    True
    >>> within_opening_hours(
    ...     at(2026, 3, 16, 11, 30, tz="Europe/Paris"),
    ...     at(2026, 3, 16, 14, 30, tz="Europe/Paris"),
    ...     staff,
    ... )  # lunch break
    False
    """
    begin, finish = paris_wall(instant(start)), paris_wall(instant(end))
    day = begin.date()
    if day.weekday() not in weekdays:
        return False
    if public_holidays and is_public_holiday(day, alsace_moselle=alsace_moselle):
        return False
    return wall_within(begin, finish, ranges(hours))


def wall_within(begin: dt.datetime, finish: dt.datetime, pairs: _Pairs) -> bool:
    """Whether Paris wall-clock times ``[begin, finish]`` lie inside one range of their day.

    The time test of :func:`within_opening_hours`, for naive wall-clock datetimes (such as
    :func:`bilan_core._values.paris_wall` gives) and sorted ``pairs`` (see :func:`ranges`):
    a span past midnight fits only a range that runs to midnight, and ends there; a span whose
    wall clock runs backwards (across the autumn change) fits none.

    >>> t = dt.time
    >>> wall_within(
    ...     dt.datetime(2026, 3, 16, 9, 30), dt.datetime(2026, 3, 16, 11, 30), ((t(9), t(12)),)
    ... )
    True
    """
    # Wall-clock comparison: opening hours are Paris times, whatever the offset that day.
    if finish < begin:
        return False
    first, last = begin.time(), finish.time()
    if finish.date() != begin.date():
        if finish.toordinal() != begin.toordinal() + 1 or last != _MIDNIGHT:
            return False
        return any(lo <= first and hi == _MIDNIGHT for lo, hi in pairs)
    return any(lo <= first and (hi == _MIDNIGHT or last <= hi) for lo, hi in pairs)
