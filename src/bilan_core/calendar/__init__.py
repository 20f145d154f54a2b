"""The French calendar of a bilan: Europe/Paris days and hours, public holidays, working time.

Everything a rule or a deadline needs to reason about local time lives here:

- **Local days and hours** are those of Europe/Paris (:func:`local`), whatever the offset an
  instant came in with; instants stay in UTC in the model.
- **Public holidays** (*jours fériés*) are computed from the Gregorian Easter and the years
  each day has been a holiday, plus Good Friday and 26 December in Alsace-Moselle (Bas-Rhin,
  Haut-Rhin, Moselle: local law, C. trav. L3134-13); each year's list is cached. They equal
  the `holidays` package's for 1900 to 2100 (tested) and go on to 2999.
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

import pendulum

from bilan_core._paris import add_months as _shift_months
from bilan_core._paris import local, paris_date
from bilan_core.calendar._holidays import (
    holiday,
    holiday_name,
    is_public_holiday,
    public_holidays,
)
from bilan_core.calendar._working import (
    WEEKDAYS,
    TimeRangeLike,
    add_working_days,
    add_working_minutes,
    intersect_ranges,
    is_working_day,
    ranges,
    wall_within,
    within_opening_hours,
    working_minutes_between,
    working_time_between,
)

__all__ = [
    "WEEKDAYS",
    "TimeRangeLike",
    "add_months",
    "add_working_days",
    "add_working_minutes",
    "holiday",
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

local_date = paris_date
"""The Europe/Paris calendar day of an instant (:func:`bilan_core._paris.paris_date`)."""


def add_months(day: dt.date, months: int) -> pendulum.Date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the month.

    >>> add_months(pendulum.date(2027, 8, 31), 6)
    Date(2028, 2, 29)
    >>> add_months(pendulum.date(2026, 3, 31), -1)
    Date(2026, 2, 28)
    """
    shifted = _shift_months(day, months)
    return pendulum.Date(shifted.year, shifted.month, shifted.day)
