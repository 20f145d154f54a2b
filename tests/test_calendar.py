"""The French calendar: Paris local time across DST, public holidays, working days and hours."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilan_core import calendar
from bilan_core.policy import TimeRange

PARIS = "Europe/Paris"
STAFF_HOURS = (
    TimeRange(dt.time(9, 0), dt.time(12, 30)),
    TimeRange(dt.time(14, 0), dt.time(17, 30)),
)


def paris(*args: int) -> pendulum.DateTime:
    return pendulum.datetime(*args, tz=PARIS)


# -- local time across the DST nights ----------------------------------------------------


def test_spring_forward_night_session_ends_an_hour_later_on_the_wall_clock():
    """A 2-hour session from 01:30 on 2026-03-29 ends at 04:30 Paris time (02:00 is skipped)."""
    start = paris(2026, 3, 29, 1, 30)
    end = start.in_timezone("UTC").add(minutes=120)
    assert calendar.local(start).isoformat() == "2026-03-29T01:30:00+01:00"
    assert calendar.local(end).isoformat() == "2026-03-29T04:30:00+02:00"
    assert calendar.local_date(end) == pendulum.date(2026, 3, 29)


def test_fall_back_night_session_ends_at_the_same_wall_clock_hour_it_would_have_reached():
    """A 2-hour session from 01:30 CEST on 2026-10-25 ends at 02:30 CET (03:00 CEST repeats)."""
    start = pendulum.datetime(2026, 10, 24, 23, 30, tz="UTC")
    assert calendar.local(start).isoformat() == "2026-10-25T01:30:00+02:00"
    end = start.add(minutes=120)
    assert calendar.local(end).isoformat() == "2026-10-25T02:30:00+01:00"
    assert calendar.local_date(start) == pendulum.date(2026, 10, 25)


def test_local_date_of_late_evening_utc_is_the_next_paris_day():
    assert calendar.local_date(pendulum.datetime(2026, 3, 28, 23, 30, tz="UTC")) == pendulum.date(
        2026, 3, 29
    )


@pytest.mark.parametrize(
    ("friday", "monday", "expected_hours"),
    [
        pytest.param((2026, 3, 27), (2026, 3, 30), 18, id="spring-forward-weekend"),
        pytest.param((2026, 10, 23), (2026, 10, 26), 18, id="fall-back-weekend"),
    ],
)
def test_working_time_across_a_dst_weekend_counts_only_friday_and_monday(
    friday, monday, expected_hours
):
    """Friday 16:00 to Monday 10:00: 8 h + 10 h; the 23- or 25-hour Sunday does not count."""
    got = calendar.working_time_between(paris(*friday, 16), paris(*monday, 10))
    assert got == dt.timedelta(hours=expected_hours)


def test_opening_hours_follow_the_wall_clock_after_spring_forward():
    """09:00 Paris is 08:00 UTC before the change and 07:00 UTC after it."""
    before = pendulum.datetime(2026, 3, 27, 8, 0, tz="UTC")
    after = pendulum.datetime(2026, 3, 30, 7, 0, tz="UTC")
    for start in (before, after):
        assert calendar.within_opening_hours(start, start.add(hours=2), STAFF_HOURS)
    assert not calendar.within_opening_hours(
        after.subtract(minutes=1), after.add(hours=2), STAFF_HOURS
    )


# -- public holidays ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "alsace_moselle", "name"),
    [
        pytest.param(dt.date(2026, 7, 14), False, "Fête nationale", id="14-july"),
        pytest.param(dt.date(2026, 5, 14), False, "Ascension", id="ascension-thursday"),
        pytest.param(dt.date(2026, 4, 6), False, "Lundi de Pâques", id="easter-monday"),
        pytest.param(dt.date(2026, 5, 25), False, "Lundi de Pentecôte", id="whit-monday"),
        pytest.param(dt.date(2026, 12, 26), False, None, id="26-december-elsewhere"),
        pytest.param(dt.date(2026, 12, 26), True, "Saint-Étienne", id="26-december-moselle"),
        pytest.param(dt.date(2026, 4, 3), False, None, id="good-friday-elsewhere"),
        pytest.param(dt.date(2026, 4, 3), True, "Vendredi saint", id="good-friday-moselle"),
        pytest.param(dt.date(2028, 2, 29), False, None, id="29-february-2028"),
    ],
)
def test_holiday_names(day, alsace_moselle, name):
    assert calendar.holiday_name(day, alsace_moselle=alsace_moselle) == name
    assert calendar.is_public_holiday(day, alsace_moselle=alsace_moselle) is (name is not None)


def test_public_holidays_are_read_only():
    holidays = calendar.public_holidays(2026)
    with pytest.raises(TypeError):
        holidays[dt.date(2026, 1, 2)] = "x"  # type: ignore[index]


def test_import_bilan_core_does_not_import_holidays():
    """The holidays package (~190 ms) is imported on first use, not by ``import bilan_core``."""
    code = "import sys, bilan_core; print('holidays' in sys.modules, 'icalendar' in sys.modules)"
    out = subprocess.run(  # noqa: S603 - our own interpreter, a fixed command
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


# -- working days and months -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "alsace_moselle", "expected"),
    [
        pytest.param(dt.date(2026, 7, 10), 1, False, dt.date(2026, 7, 13), id="friday-to-monday"),
        pytest.param(dt.date(2026, 7, 13), 1, False, dt.date(2026, 7, 15), id="over-14-july"),
        pytest.param(dt.date(2026, 5, 13), 1, False, dt.date(2026, 5, 15), id="over-ascension"),
        pytest.param(dt.date(2026, 4, 3), 1, False, dt.date(2026, 4, 7), id="over-easter-monday"),
        pytest.param(dt.date(2026, 4, 2), 1, True, dt.date(2026, 4, 7), id="good-friday-moselle"),
        pytest.param(dt.date(2025, 12, 24), 1, False, dt.date(2025, 12, 26), id="26-dec-nantes"),
        pytest.param(dt.date(2025, 12, 24), 1, True, dt.date(2025, 12, 29), id="26-dec-metz"),
        pytest.param(dt.date(2028, 2, 28), 1, False, dt.date(2028, 2, 29), id="29-feb-2028"),
        pytest.param(dt.date(2026, 7, 15), -1, False, dt.date(2026, 7, 13), id="backwards"),
        pytest.param(dt.date(2026, 7, 11), 0, False, dt.date(2026, 7, 11), id="zero-is-same-day"),
    ],
)
def test_add_working_days(start, n, alsace_moselle, expected):
    assert calendar.add_working_days(start, n, alsace_moselle=alsace_moselle) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28), id="31-aug-to-28-feb"),
        pytest.param(dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29), id="31-aug-to-29-feb-2028"),
        pytest.param(dt.date(2026, 5, 19), 6, dt.date(2026, 11, 19), id="plain"),
        pytest.param(dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28), id="29-feb-plus-a-year"),
        pytest.param(dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28), id="backwards-clamped"),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert calendar.add_months(start, months) == expected


def test_add_working_days_needs_a_working_weekday():
    with pytest.raises(ValueError, match="weekdays"):
        calendar.add_working_days(dt.date(2026, 1, 5), 1, weekdays=frozenset())


# -- working hours -----------------------------------------------------------------------


def test_working_minutes_inside_opening_hours_skip_lunch_weekend_and_14_july():
    """Fri 16:00 → Wed 10:00: Fri 1 h 30, Mon 7 h, Wed 1 h (Tue is 14 July)."""
    got = calendar.working_minutes_between(
        paris(2026, 7, 10, 16), paris(2026, 7, 15, 10), hours=STAFF_HOURS
    )
    assert got == 90 + 420 + 60


def test_working_time_is_negative_backwards():
    a, b = paris(2026, 7, 15, 10), paris(2026, 7, 10, 16)
    assert calendar.working_time_between(a, b) == -calendar.working_time_between(b, a)


def test_add_working_minutes_stops_at_closing_time():
    """3 h 30 of opening hours from Monday 14:00 end at 17:30 the same day, not at 09:00."""
    end = calendar.add_working_minutes(paris(2026, 3, 16, 14), 210, hours=STAFF_HOURS)
    assert calendar.local(end).isoformat() == "2026-03-16T17:30:00+01:00"


def test_add_working_minutes_over_a_moselle_good_friday():
    """48 working hours from Thursday 10:00 before Easter: Good Friday counts in Moselle only."""
    thursday = paris(2026, 4, 2, 10)
    elsewhere = calendar.add_working_minutes(thursday, 48 * 60)
    moselle = calendar.add_working_minutes(thursday, 48 * 60, alsace_moselle=True)
    assert calendar.local(elsewhere).isoformat() == "2026-04-07T10:00:00+02:00"
    assert calendar.local(moselle).isoformat() == "2026-04-08T10:00:00+02:00"


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        pytest.param((2026, 3, 16, 9, 0), (2026, 3, 16, 12, 30), True, id="whole-morning"),
        pytest.param((2026, 3, 16, 12, 0), (2026, 3, 16, 14, 30), False, id="over-lunch"),
        pytest.param((2026, 3, 16, 16, 0), (2026, 3, 16, 17, 31), False, id="past-closing"),
        pytest.param((2026, 3, 21, 9, 30), (2026, 3, 21, 11, 30), False, id="saturday"),
        pytest.param((2026, 7, 14, 9, 30), (2026, 7, 14, 11, 30), False, id="14-july"),
        pytest.param((2026, 5, 14, 14, 0), (2026, 5, 14, 16, 0), False, id="ascension"),
    ],
)
def test_within_opening_hours(start, end, inside):
    assert calendar.within_opening_hours(paris(*start), paris(*end), STAFF_HOURS) is inside


def test_intersect_opening_hours_with_amplitude():
    got = calendar.intersect_ranges(STAFF_HOURS, [TimeRange(dt.time(9), dt.time(17))])
    assert got == ((dt.time(9), dt.time(12, 30)), (dt.time(14), dt.time(17)))


def test_a_range_must_end_after_it_starts():
    with pytest.raises(ValueError, match="ends after"):
        calendar.ranges([(dt.time(12), dt.time(9))])


# -- properties --------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2032, 12, 31))
instants = st.datetimes(
    min_value=dt.datetime(2025, 1, 1),
    max_value=dt.datetime(2028, 12, 31),
    timezones=st.just(dt.timezone.utc),
)
minute_instants = instants.map(lambda d: d.replace(second=0, microsecond=0))
hour_sets = st.sampled_from([None, STAFF_HOURS, ((dt.time(9), dt.time(17)),)])


@given(days, st.integers(min_value=1, max_value=40), st.booleans())
def test_adding_working_days_lands_on_a_working_day_and_grows_with_n(day, n, alsace_moselle):
    got = calendar.add_working_days(day, n, alsace_moselle=alsace_moselle)
    assert got.weekday() < 5
    assert not calendar.is_public_holiday(got, alsace_moselle=alsace_moselle)
    assert got > calendar.add_working_days(day, n - 1, alsace_moselle=alsace_moselle)


@given(st.lists(instants, min_size=3, max_size=3).map(sorted), hour_sets, st.booleans())
def test_working_time_is_additive(points, hours, alsace_moselle):
    a, b, c = points
    kw = {"hours": hours, "alsace_moselle": alsace_moselle}
    assert calendar.working_time_between(a, b, **kw) + calendar.working_time_between(
        b, c, **kw
    ) == calendar.working_time_between(a, c, **kw)


@given(st.lists(minute_instants, min_size=3, max_size=3).map(sorted), hour_sets)
def test_working_minutes_are_additive_on_whole_minutes(points, hours):
    a, b, c = points
    assert calendar.working_minutes_between(a, b, hours=hours) + calendar.working_minutes_between(
        b, c, hours=hours
    ) == calendar.working_minutes_between(a, c, hours=hours)


@given(minute_instants, st.integers(min_value=0, max_value=60 * 24 * 10), hour_sets)
def test_add_working_minutes_inverts_working_minutes_between(start, minutes, hours):
    end = calendar.add_working_minutes(start, minutes, hours=hours)
    assert calendar.working_minutes_between(start, end, hours=hours) == minutes


@pytest.mark.parametrize("year", [2019, 2026, 2028])
def test_alsace_and_moselle_share_the_same_local_holidays(year):
    """The holidays package has Moselle ("57") and Alsace ("6AE"); the library uses "57" for
    the three départements, which holds while both lists are equal."""
    import holidays

    alsace = holidays.country_holidays("FR", subdiv="6AE", years=year)
    assert set(calendar.public_holidays(year, alsace_moselle=True)) == set(alsace)


def test_a_range_starting_at_midnight_counts_from_this_days_midnight() -> None:
    """A night range 00:00-06:00 counts the first six hours of each working day."""
    night = [(dt.time(0, 0), dt.time(6, 0))]
    start = pendulum.datetime(2026, 6, 1, 0, 0, tz="Europe/Paris")  # a Monday
    end = pendulum.datetime(2026, 6, 2, 12, 0, tz="Europe/Paris")
    assert calendar.working_time_between(start, end, hours=night) == dt.timedelta(hours=12)
