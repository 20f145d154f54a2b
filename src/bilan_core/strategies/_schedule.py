"""What a generated bilan must fit (the law, and a charter when given) and its calendar.

:class:`Shape` gathers the limits :func:`~bilan_core.strategies.bilans` builds to: the law's
(at most 24 h, at least 13 h of accompaniment) and, with a :class:`~bilan_core.Policy`, what
the charter states of its duration range, meetings, calendar span, opening hours, working
days, public holidays, start delay, call back, modalities, one-to-one sessions and follow-up
month. Where the charter states nothing, the shape keeps its neutral defaults (sessions on
weekdays at office hours, 09:00-19:00), which are no rule: the law sets none.
:func:`session_days` picks the days of the sessions among the working days around ``on``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from typing import TYPE_CHECKING

import attrs
import pendulum

from bilan_core import calendar
from bilan_core.sessions import Modality

if TYPE_CHECKING:
    from bilan_core.policy import Policy
    from bilan_core.strategies._source import Source

__all__ = [
    "AFTER",
    "QUALIOPI_AFTER",
    "Shape",
    "next_working_day",
    "session_days",
    "shape_of",
    "working_days",
]

_STEP = 30
_LAW_MAX = 24 * 60
_LAW_MIN_ACCOMPANIMENT = 13 * 60
_SESSION_MAX = 360
_SPAN_MAX = 150  # days: the action stays under 6 months (CPF notice of 60 days, not 120)
_OFFICE = ((9 * 60, 19 * 60),)
_MON_FRI = frozenset(range(5))
_BEFORE = 420  # days of calendar kept before `on`
_AFTER = 250  # and after it
_RECENT = 200  # days: a completed bilan ends within them before `on` (100 weekdays or fewer)
AFTER = _AFTER
"""Days of calendar after ``on`` the planned sessions may fall on."""
QUALIOPI_AFTER = 1000
"""The most days a provider's certificate runs beyond the last session."""


@attrs.frozen
class Shape:
    """The limits a generated bilan is built to (the law's, narrowed by a charter's)."""

    policy: Policy | None
    total_min: int = 0
    total_max: int = _LAW_MAX
    accompaniment_min: int = _LAW_MIN_ACCOMPANIMENT
    meeting_max: int = _SESSION_MAX
    meetings_min: int = 0
    span_min: int = 0
    span_max: int = _SPAN_MAX
    hours: tuple[tuple[int, int], ...] = _OFFICE  # minutes of the day, meetings start and end
    weekdays: frozenset[int] = _MON_FRI
    avoid_holidays: bool = False
    modalities: tuple[Modality, ...] = (Modality.IN_PERSON, Modality.REMOTE)
    blended: bool = True
    collective: bool = True
    callback_hours: int = 48
    follow_up_months: int = 6

    def sessions_min(self, *, in_conclusion: bool) -> int:
        """The fewest sessions a bilan of this shape can have."""
        low = max(4 if in_conclusion else 3, self.meetings_min)
        by_hours = -(-max(self.total_min, self.accompaniment_min) // self.meeting_max)
        return max(low, by_hours)

    def starts(self, minutes: int, *, meeting: bool) -> list[int]:
        """The start times (minutes of the day) of a session of ``minutes`` that fit."""
        ranges = self.hours if meeting else _OFFICE
        return [s for a, b in ranges for s in range(a, b - minutes + 1, _STEP)]

    def start_delay(self, route: str) -> int:
        """The most days from the agreement to the first session (the charter's, else 40)."""
        allowed = self.policy.start_delay_max(route) if self.policy is not None else None
        return 40 if allowed is None else max(1, min(40, allowed))


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _hours(policy: Policy) -> tuple[tuple[int, int], ...]:
    """The minutes of the day meetings may use: opening hours ∩ amplitude, as stated."""
    opening, amplitude = policy.opening_hours, policy.amplitude
    if opening is None:
        if amplitude is None:
            return _OFFICE  # not stated: a neutral default, no rule
        allowed = calendar.ranges((amplitude,))
    elif amplitude is None:
        allowed = calendar.ranges(opening)
    else:
        allowed = calendar.intersect_ranges(opening, (amplitude,))
    return tuple((_minutes(a), 24 * 60 if b == dt.time(0) else _minutes(b)) for a, b in allowed)


def shape_of(policy: Policy | None) -> Shape:
    """The shape of bilans valid under the law and ``policy`` (what the charter states).

    Raises:
        ValueError: the charter leaves no room for a valid bilan (e.g. opening hours shorter
            than an hour, or a duration range outside the law's).
    """
    if policy is None:
        return Shape(policy=None)
    hours = _hours(policy)
    longest = max((b - a for a, b in hours), default=0) // _STEP * _STEP
    offered = policy.modalities
    modalities = tuple(
        m for m in (Modality.IN_PERSON, Modality.REMOTE) if offered is None or m in offered
    )
    total_min = max(policy.duration_min_minutes or 0, 0)
    total_max = _LAW_MAX
    if policy.duration_max_minutes is not None:
        total_max = min(policy.duration_max_minutes, _LAW_MAX)
    span_min = 0 if policy.span_min_days is None else policy.span_min_days + 5
    span_max = min(_SPAN_MAX if policy.span_max_days is None else policy.span_max_days, _SPAN_MAX)
    if longest < 60 or not modalities:  # noqa: PLR2004
        raise ValueError("the charter's hours, days or modalities leave no room for a session")
    if (
        total_min > total_max
        or span_max < span_min
        or (
            policy.span_min_days is not None
            and policy.span_max_days is not None
            and policy.span_max_days < policy.span_min_days + 10
        )
    ):
        raise ValueError("the charter's duration or span range is empty or too narrow")
    callback = policy.callback_max_working_hours
    return Shape(
        policy=policy,
        total_min=total_min,
        total_max=total_max,
        meeting_max=min(longest, _SESSION_MAX),
        meetings_min=policy.meetings_min or 0,
        span_min=span_min,
        span_max=span_max,
        hours=hours,
        weekdays=_MON_FRI if policy.working_weekdays is None else policy.working_weekdays,
        avoid_holidays=policy.closed_on_public_holidays is True,
        modalities=modalities,
        blended=policy.blended is not False,
        collective=policy.individual_only is not True,
        callback_hours=48 if callback is None else max(1, min(48, callback)),
        follow_up_months=6 if policy.follow_up_months is None else policy.follow_up_months,
    )


@functools.lru_cache(maxsize=64)
def working_days(
    on: pendulum.Date,
    weekdays: frozenset[int],
    avoid_holidays: bool,  # noqa: FBT001 - cache key
) -> tuple[pendulum.Date, ...]:
    """The days sessions may take place on, around ``on`` (holidays of Alsace-Moselle too)."""
    result = []
    day = on.subtract(days=_BEFORE)
    for _ in range(_BEFORE + _AFTER):
        if day.weekday() in weekdays and not (
            avoid_holidays and calendar.is_public_holiday(day, alsace_moselle=True)
        ):
            result.append(day)
        day = day.add(days=1)
    return tuple(result)


def next_working_day(shape: Shape, day: pendulum.Date) -> pendulum.Date:
    """``day`` or the first day after it sessions may take place on."""
    while day.weekday() not in shape.weekdays or (
        shape.avoid_holidays and calendar.is_public_holiday(day, alsace_moselle=True)
    ):
        day = day.add(days=1)
    return day


def session_days(
    src: Source,
    shape: Shape,
    on: pendulum.Date,
    count: int,
    held: int,
    *,
    floor: pendulum.Date | None = None,
    first_max: pendulum.Date | None = None,
) -> list[pendulum.Date]:
    """``count`` increasing days: the first ``held + 1`` before ``on``, the others after it.

    The calendar span (first to last day) stays within the shape's; seed 0 gives the
    shortest span, ending just before ``on``. ``held = -1``: every day after ``on``, the first
    on or before ``first_max`` when a working day allows it. ``floor``: the days held are
    after it.
    """
    days = working_days(on, shape.weekdays, shape.avoid_holidays)
    ordinals = [d.toordinal() for d in days]
    before = bisect.bisect_left(ordinals, on.toordinal()) - 1  # last index before `on`
    after = bisect.bisect_right(ordinals, on.toordinal())  # first index after `on`
    # The first day after `floor`, when given (the caller checked that `on` leaves room).
    lowest = 0 if floor is None else bisect.bisect_right(ordinals, floor.toordinal())
    if held == count - 1:  # completed: every session before `on`
        # The last day leaves room for the sessions and the shortest span after `floor`, and
        # is within _RECENT days of `on` (the documents kept a year are still kept).
        need = max(
            lowest + count - 1,
            bisect.bisect_left(ordinals, ordinals[lowest] + shape.span_min),
            bisect.bisect_left(ordinals, on.toordinal() - _RECENT),
        )
        last = before - src.integer(0, max(0, min(100, before - need)))
        low = max(lowest, bisect.bisect_left(ordinals, ordinals[last] - shape.span_max))
        high = min(
            bisect.bisect_right(ordinals, ordinals[last] - shape.span_min) - 1, last - count + 1
        )
        first = high - src.integer(0, max(0, high - low))
        inner = src.sample(range(first + 1, last), count - 2)
        return [days[i] for i in (first, *inner, last)]
    if held < 0:  # nothing held yet
        latest = after
        if first_max is not None:
            latest = max(after, bisect.bisect_right(ordinals, first_max.toordinal()) - 1)
        first = after + src.integer(0, min(8, latest - after))
        last = _last(src, shape, ordinals, first, first + count - 1)
        inner = src.sample(range(first + 1, last), count - 2)
        return [days[i] for i in (first, *inner, last)]
    last_held = before - src.integer(0, min(8, before - held - lowest))
    next_planned = after + src.integer(0, 8)
    planned_count = count - held - 1
    need_after = next_planned + planned_count - 1
    if held == 0:
        first = last_held
    else:
        f_high = last_held - held
        if planned_count == 1:
            f_high = min(
                f_high, bisect.bisect_right(ordinals, ordinals[need_after] - shape.span_min) - 1
            )
        f_low = max(lowest, bisect.bisect_left(ordinals, ordinals[need_after] - shape.span_max))
        first = f_high - src.integer(0, max(0, f_high - f_low))
    last = need_after
    if planned_count > 1:
        last = _last(src, shape, ordinals, first, need_after)
    chosen = [first]
    if held:
        chosen += [*src.sample(range(first + 1, last_held), held - 1), last_held]
    if planned_count > 1:
        chosen += [
            next_planned,
            *src.sample(range(next_planned + 1, last), planned_count - 2),
            last,
        ]
    else:
        chosen.append(next_planned)
    return [days[i] for i in chosen]


def _last(src: Source, shape: Shape, ordinals: list[int], first: int, need: int) -> int:
    """The index of the last day: at least ``need``, within the span from ``first``."""
    lo_last = max(need, bisect.bisect_left(ordinals, ordinals[first] + shape.span_min))
    hi_last = bisect.bisect_right(ordinals, ordinals[first] + shape.span_max) - 1
    return lo_last + src.integer(0, max(0, hi_last - lo_last))
