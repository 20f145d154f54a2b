"""Working days and working time.

Monday to Friday (or a charter's weekdays), not public holidays; whole days, or only inside
opening hours (lunch break excluded).

Time ranges are plain ``(start, end)`` pairs of :class:`datetime.time` or any object with
``start`` and ``end`` attributes (such as a charter's time ranges). An ``end`` of ``00:00``
means midnight at the end of the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeAlias

import pendulum

from bilan_core._paris import paris_wall, wall_at
from bilan_core._values import instant
from bilan_core.calendar._holidays import is_public_holiday

__all__ = [
    "WEEKDAYS",
    "TimeRangeLike",
    "add_working_days",
    "add_working_minutes",
    "intersect_ranges",
    "is_working_day",
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


class _Bounded(Protocol):
    """Anything with a start and an end time (a policy's ``TimeRange``)."""

    @property
    def start(self) -> dt.time: ...

    @property
    def end(self) -> dt.time: ...


TimeRangeLike: TypeAlias = tuple[dt.time, dt.time] | _Bounded
"""A time range: a ``(start, end)`` pair or an object with ``start`` and ``end``."""

_Pairs: TypeAlias = tuple[tuple[dt.time, dt.time], ...]


def _naive_utc(utc: dt.datetime) -> dt.datetime:
    """A UTC instant as a naive stdlib datetime (fast: no pendulum arithmetic)."""
    return dt.datetime(
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond
    )


def _day(value: dt.date) -> pendulum.Date:
    return (
        value if type(value) is pendulum.Date else pendulum.Date(value.year, value.month, value.day)
    )


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
        yield wall_at(day, _MIDNIGHT), wall_at(day, _MIDNIGHT, end=True)
        return
    for start, end in pairs:
        yield wall_at(day, start), wall_at(day, end, end=True)


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
    >>> from bilan_core.calendar import local
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

    >>> from bilan_core.calendar import local
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
