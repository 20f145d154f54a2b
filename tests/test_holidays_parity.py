"""French public holidays: bilan-core's own computation equals the ``holidays`` package.

The package (a test-only dependency) is the reference for the days and their names, year by
year, with and without Alsace-Moselle, where it has data (1900 to 2100); beyond 2100 the same
rules go on (the package has nothing there, where bilan-core serves years up to 2999).
"""

from __future__ import annotations

import datetime as dt

import pytest

from bilan_core.calendar._holidays import _names, easter

holidays = pytest.importorskip("holidays")


def _reference(year: int, alsace_moselle: bool) -> dict[dt.date, tuple[str, str]]:
    subdivision = "57" if alsace_moselle else None
    french = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="fr")
    english = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="en_US")
    return {day: (name, english[day]) for day, name in french.items()}


def _ours(year: int, alsace_moselle: bool) -> dict[dt.date, tuple[str, str]]:
    return {day: (name.fr, name.en) for day, name in _names(year, alsace_moselle).items()}


@pytest.mark.parametrize("alsace_moselle", [False, True], ids=["france", "alsace-moselle"])
@pytest.mark.parametrize("years", [range(1998, 2035), range(1900, 1960)], ids=["recent", "early"])
def test_parity(years: range, alsace_moselle: bool) -> None:
    for year in years:
        assert _ours(year, alsace_moselle) == _reference(year, alsace_moselle), year


@pytest.mark.slow
@pytest.mark.parametrize("alsace_moselle", [False, True], ids=["france", "alsace-moselle"])
def test_parity_1900_to_2100(alsace_moselle: bool) -> None:
    for year in range(1900, 2101):
        assert _ours(year, alsace_moselle) == _reference(year, alsace_moselle), year


def test_beyond_2100_the_same_rules_go_on() -> None:
    """The package has no data after 2100; bilan-core serves years up to 2999."""
    days = _ours(2999, alsace_moselle=False)
    assert len(days) == 11
    assert days[dt.date(2999, 7, 14)] == ("Fête nationale", "National Day")
    assert easter(2999) + dt.timedelta(days=1) in days


def test_easter_on_known_years() -> None:
    assert [easter(y) for y in (1900, 1961, 2008, 2019, 2038, 2285)] == [
        dt.date(1900, 4, 15),
        dt.date(1961, 4, 2),
        dt.date(2008, 3, 23),
        dt.date(2019, 4, 21),
        dt.date(2038, 4, 25),
        dt.date(2285, 3, 22),
    ]
