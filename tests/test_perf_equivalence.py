"""The fast paths of the read path and of ``dumps`` say what the plain definitions say.

Each optimisation of the benchmark's path keeps a slow, obvious definition beside it; these
tests compare the two on drawn and on edge-case inputs (counts and values, never times):

- the catalogue's selections and the parameters' values, cached per interval between the
  days the law changes, against a walk over every rule and every dated value for the day;
- ``paris_date`` and the end of a session, against the wall clock of ``paris_wall``;
- the derived values of a bilan (sorted sessions, totals), computed in one pass;
- the instants the reader accepts without its regular expression, the Luhn sum over bytes,
  the writer's instants and amounts, ``dumps`` without ``OPT_SORT_KEYS``;
- equal values of one document shared as one object, never between two documents;
- the explainer's counts past its cap.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core import serialization
from bilan_core._identifiers import _luhn_ok, luhn_digit, siret_problem
from bilan_core._paris import end_ordinal, paris_date, paris_end_date, paris_wall
from bilan_core._wire.explain import Problems, _Walker
from bilan_core._wire.scalars import (
    INSTANT_REGEX,
    instant_writer,
    read_instant,
    read_instant_in,
    write_instant,
    write_money,
    written_form,
)
from bilan_core.checks._catalogue import catalogue
from bilan_core.facts import parameters
from bilan_core.phases import LEGAL_PHASES, Phase
from bilan_core.samples import EXAMPLE_FUNDINGS
from bilan_core.strategies import bilans

_INSTANT = re.compile(INSTANT_REGEX, re.ASCII)


# -- the catalogue and the parameters, per interval --------------------------------------------


def _days_around_changes() -> list[pendulum.Date]:
    """Every day of change of a rule or a parameter, with the day before and after."""
    changes = {rule.in_force_from for rule in catalogue}
    changes |= {r.in_force_until for r in catalogue if r.in_force_until is not None}
    changes |= {v.since for p in parameters.ALL_PARAMETERS for v in p.values}
    days = {pendulum.date(1900, 1, 1), pendulum.date(2999, 12, 31)}
    for change in changes:
        for delta in (-1, 0, 1):
            day = dt.date.fromordinal(change.toordinal() + delta)
            days.add(pendulum.Date(day.year, day.month, day.day))
    return sorted(days)


_DAYS = _days_around_changes()
_ANY_DAY = st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)


def _in_force_by_walk(day: pendulum.Date, *, include_policy: bool) -> tuple[str, ...]:
    return tuple(
        rule.id
        for rule in catalogue
        if rule.in_force(day) and (include_policy or not rule.is_policy)
    )


@pytest.mark.parametrize("day", _DAYS, ids=str)
def test_rules_in_force_per_interval_are_the_rules_in_force_that_day(day: pendulum.Date) -> None:
    for include_policy in (True, False):
        rules = catalogue.rules(day, include_policy=include_policy)
        assert tuple(r.id for r in rules) == _in_force_by_walk(day, include_policy=include_policy)
    for section in bc.SECTIONS:
        expected = tuple(r.id for r in catalogue if r.in_force(day) and r.section == section)
        assert tuple(r.id for r in catalogue.rules(day, section=section)) == expected


@given(_ANY_DAY, st.booleans(), st.booleans(), st.booleans())
def test_selection_is_the_walk_of_the_catalogue(
    day: pendulum.Date, with_policy: bool, secondary: bool, unverified: bool
) -> None:
    only = frozenset({"BC-DURATION-MAX", "BC-CPF-CAP", "BC-DURATION-MIN"})
    for chosen in (None, only):
        selected = catalogue.selection(
            day,
            with_policy=with_policy,
            include_secondary=secondary,
            include_unverified=unverified,
            only=chosen,
            disabled=frozenset({"BC-CPF-CAP"}),
        )
        expected = [
            rule.id
            for rule in catalogue
            if rule.in_force(day)
            and rule.subject == "bilan"
            and (with_policy or not rule.is_policy)
            and (secondary or rule.confidence is not bc.Confidence.SECONDARY)
            and (unverified or rule.confidence is not bc.Confidence.UNVERIFIED)
            and (chosen is None or rule.id in chosen)
            and rule.id != "BC-CPF-CAP"
        ]
        assert [rule.id for rule in selected] == expected


def test_selection_still_refuses_an_unknown_rule() -> None:
    with pytest.raises(bc.UnknownRule):
        catalogue.selection(
            pendulum.date(2026, 3, 2),
            with_policy=False,
            include_secondary=True,
            include_unverified=True,
            only=frozenset({"BC-NO-SUCH-RULE"}),
            disabled=frozenset(),
        )


def _value_by_walk(parameter: parameters.Parameter[Any], day: pendulum.Date) -> Any:
    try:
        return parameter.at(day)
    except LookupError:
        return None


def _values_by_walk(day: pendulum.Date) -> dict[str, Any]:
    return {p.name: _value_by_walk(p, day) for p in parameters.ALL_PARAMETERS}


def _read(values: parameters.Values) -> dict[str, Any]:
    return {
        f"{group}.{name}": getattr(getattr(values, group), name)
        for group in dir(values)
        for name in dir(getattr(values, group))
    }


@pytest.mark.parametrize("day", _DAYS, ids=str)
def test_parameters_per_interval_are_the_dated_values_of_the_day(day: pendulum.Date) -> None:
    values = parameters.on(day)
    assert _read(values) == _values_by_walk(day)
    assert values.day == day
    assert all(getattr(values, group).day == day for group in dir(values))
    assert repr(values) == f"Values({day.isoformat()}, {sorted(dir(values))})"


@given(_ANY_DAY)
def test_parameters_on_any_day(day: pendulum.Date) -> None:
    assert _read(parameters.on(day)) == _values_by_walk(day)


def test_values_are_read_only_and_say_what_is_missing() -> None:
    """Two days of one interval share their values: nothing can be written into them."""
    first, second = (
        parameters.on(pendulum.date(2026, 3, 2)),
        parameters.on(pendulum.date(2026, 3, 3)),
    )
    assert first.cpf.cap == second.cpf.cap
    for values in (first, first.cpf):
        with pytest.raises(AttributeError, match="no parameter 'nothing'"):
            _ = values.nothing
        with pytest.raises(AttributeError):
            values.cap = 0
        with pytest.raises(AttributeError):
            del values.cap
    assert second.cpf.cap == Decimal("1600.00")
    built = parameters.Values(pendulum.date(2026, 1, 1), {"a": 1})
    assert (built.a, built.day, dir(built)) == (1, pendulum.date(2026, 1, 1), ["a"])
    built.day = pendulum.date(2026, 1, 2)
    assert built.day == pendulum.date(2026, 1, 2)


# -- Paris days and derived values -------------------------------------------------------------


_INSTANTS = st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2999, 12, 30)).map(
    lambda d: pendulum.instance(d, tz="UTC")
)


@given(_INSTANTS, st.integers(1, 720))
def test_paris_days_are_the_wall_clock_days(start: pendulum.DateTime, minutes: int) -> None:
    wall = paris_wall(start)
    assert paris_date(start) == pendulum.Date(wall.year, wall.month, wall.day)
    end = paris_wall(start.add(minutes=minutes))
    assert paris_end_date(start, minutes) == pendulum.Date(end.year, end.month, end.day)
    assert paris_end_date(start, minutes).toordinal() == end_ordinal(start, minutes)
    assert type(paris_date(start)) is pendulum.Date


@pytest.mark.parametrize(
    "at",
    [
        pendulum.datetime(2026, 3, 28, 22, 59, tz="UTC"),  # 23:59 in winter, the last evening
        pendulum.datetime(2026, 3, 28, 23, 0, tz="UTC"),  # midnight in winter
        pendulum.datetime(2026, 3, 29, 21, 59, tz="UTC"),  # 23:59 in summer
        pendulum.datetime(2026, 3, 29, 22, 0, tz="UTC"),  # midnight in summer
        pendulum.datetime(1905, 6, 1, 23, 55, tz="UTC"),  # Paris mean time (+00:09)
        pendulum.datetime(2026, 7, 1, 12, tz="Europe/Paris"),  # not stored in UTC
    ],
)
def test_paris_days_at_the_edges(at: pendulum.DateTime) -> None:
    wall = paris_wall(at)
    assert paris_date(at) == pendulum.Date(wall.year, wall.month, wall.day)


def _derived_by_definition(bilan: bc.Bilan) -> tuple[Any, ...]:
    kept = sorted(
        (s for s in bilan.sessions if s.counts and s.phase in LEGAL_PHASES),
        key=operator.attrgetter("start", "id"),
    )
    by_phase = dict.fromkeys((Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION), 0)
    for session in kept:
        by_phase[session.phase] += session.minutes
    last = kept[-1] if kept else None
    return (
        tuple(kept),
        sum(s.minutes for s in kept),
        sum(s.minutes for s in kept if s.is_accompaniment),
        by_phase,
        None if last is None else paris_date(last.end),
    )


def _derived(bilan: bc.Bilan) -> tuple[Any, ...]:
    return (
        bilan.bilan_sessions,
        bilan.total_minutes,
        bilan.accompaniment_minutes,
        dict(bilan.minutes_by_phase),
        bilan.end_date,
    )


@given(bilans())
def test_derived_values_are_their_definitions(bilan: bc.Bilan) -> None:
    fresh = attrs.evolve(bilan)
    assert _derived(fresh) == _derived_by_definition(bilan)
    # Read in another order, on another fresh copy: the same values.
    other = attrs.evolve(bilan)
    assert other.accompaniment_minutes == fresh.accompaniment_minutes
    assert other.total_minutes == fresh.total_minutes
    assert other.bilan_sessions == fresh.bilan_sessions


def test_sessions_starting_together_are_ordered_by_id() -> None:
    bilan = bc.example_bilan("cpf")
    first = bilan.sessions[0]
    twins = [attrs.evolve(first, id=name) for name in ("s-b", "s-a", "s-c")]
    tied = attrs.evolve(bilan, sessions=(*twins, *bilan.sessions[1:]))
    assert _derived(tied) == _derived_by_definition(tied)
    assert [s.id for s in tied.bilan_sessions[:3]] == ["s-a", "s-b", "s-c"]


# -- scalars -------------------------------------------------------------------------------


@given(
    st.text(alphabet="0123456789-:T+Z.tz ", min_size=20, max_size=32)
    | st.from_regex(INSTANT_REGEX, fullmatch=True)
    | st.datetimes(dt.datetime(1800, 1, 1), dt.datetime(3100, 1, 1)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    )
)
def test_written_instants_match_the_pattern(text: str) -> None:
    """An instant the reader read and ``written_form`` passes matches the regular expression."""
    try:
        read = read_instant_in(text, {})
    except (ValueError, bc.InvalidValue):
        return
    assert read == read_instant(text)
    if written_form([text]):
        assert _INSTANT.fullmatch(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-05T24:00:00+00:00",  # midnight as 24:00: recent Pythons read it, we do not
        "2026-01-05T09:00:00+00:00\n2026-01-05T09:00:00+00:00",
        "2026-01-05t09:00:00+00:00",
        "2026-01-05 09:00:00+00:00",
        "２０２6-01-05T09:00:00+00:00",
        "1899-12-31T23:00:00+00:00",
        "2026-02-30T09:00:00+00:00",
    ],
)
def test_instants_outside_the_pattern_are_refused(text: str) -> None:
    document = bc.dump(bc.example_bilan("cpf"))
    document["consent"]["given_at"] = text
    with pytest.raises(bc.SerializationError):
        bc.load(document)


def test_written_form_is_all_or_nothing() -> None:
    written = "2026-01-05T09:00:00+00:00"
    assert written_form([written, "2026-01-06T22:30:59+00:00"])
    assert not written_form([written, "2026-01-05T09:00:00Z"])
    assert not written_form([written, "2026-01-05T09:00+00:00"])
    assert not written_form([written, "2026-01-05T09:00:00.5+00:00"])


_DOUBLED = {str(d): sum(divmod(2 * d, 10)) for d in range(10)}


def _luhn_by_definition(digits: str) -> bool:
    plain = sum(map(int, digits[-1::-2]))
    return (plain + sum(map(_DOUBLED.__getitem__, digits[-2::-2]))) % 10 == 0


@given(st.text(alphabet="0123456789", max_size=20) | st.text(alphabet="0123456789٣１", max_size=5))
def test_luhn_over_bytes_is_the_luhn_sum(digits: str) -> None:
    assert _outcome(_luhn_ok, digits) == _outcome(_luhn_by_definition, digits)


def _outcome(function: Any, value: Any) -> Any:
    try:
        return function(value)
    except Exception as exc:  # noqa: BLE001 - the same failure on both sides
        return type(exc)


def test_luhn_still_refuses_what_is_not_a_digit() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        _luhn_ok("7328293200007a")
    assert siret_problem.__wrapped__("73282932000074") is None
    assert luhn_digit("7328293200007") == "4"


_ISO_UTC = "%04d-%02d-%02dT%02d:%02d:%02d+00:00"
_ISO_UTC_MICRO = "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00"


def _instant_by_definition(value: dt.datetime) -> str:
    value = dt.datetime.astimezone(value, dt.timezone.utc)
    fields = (value.year, value.month, value.day, value.hour, value.minute, value.second)
    if value.microsecond:
        return _ISO_UTC_MICRO % (*fields, value.microsecond)
    return _ISO_UTC % fields


@given(
    _INSTANTS
    | _INSTANTS.map(lambda d: d.in_timezone("Europe/Paris"))
    | st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2999, 12, 30)).map(
        lambda d: pendulum.instance(d, tz="UTC").replace(microsecond=0)
    )
)
def test_the_writer_writes_instants_as_defined(value: pendulum.DateTime) -> None:
    assert instant_writer()(value) == write_instant(value) == _instant_by_definition(value)


@given(st.decimals(0, Decimal("999999999.99"), places=2))
def test_the_writer_writes_amounts_with_two_places(amount: Decimal) -> None:
    assert write_money(amount) == f"{amount:.2f}"
    assert write_money(Decimal("1E+2")) == "100.00"
    assert write_money(Decimal("0.1")) == "0.10"


# -- dumps, and sharing within one document --------------------------------------------------


def _sorted_dumps(bilan: bc.Bilan) -> bytes:
    return orjson.dumps(bc.dump(bilan), option=orjson.OPT_SORT_KEYS)


@given(bilans())
def test_dumps_writes_the_sorted_bytes_of_dump(bilan: bc.Bilan) -> None:
    assert bc.dumps(bilan) == _sorted_dumps(bilan)


@pytest.mark.parametrize("funding", EXAMPLE_FUNDINGS)
def test_dumps_of_the_examples(funding: str) -> None:
    bilan = bc.example_bilan(funding)
    assert bc.dumps(bilan) == _sorted_dumps(bilan)
    assert next(iter(bc.dump(bilan))) == "format"


def test_equal_values_of_one_document_are_one_object() -> None:
    data = bc.dumps(bc.example_bilan("cpf"))
    bilan, again = bc.load(data), bc.load(data)
    sites = {site.id: site.id for site in bilan.provider.sites}
    for session in bilan.sessions:
        if session.site_id is not None:
            assert session.site_id is sites[session.site_id]
    instants: dict[Any, Any] = {}
    for event in bilan.history:
        assert instants.setdefault(event.at, event.at) is event.at
    # Never between two documents: each read makes its own values.
    assert bilan == again
    assert bilan.history[0].at is not again.history[0].at
    assert bilan.sessions[0].id is not again.sessions[0].id


# -- the explainer past its cap ------------------------------------------------------------------


@pytest.mark.parametrize(
    "items",
    [
        list(range(300)),
        [{"x": 1}] * 150 + [1] * 150,
        ["x", {"id": "a"}, None, {}] * 80,
    ],
    ids=["integers", "objects-then-integers", "mixed"],
)
@pytest.mark.parametrize("field", ["sessions", "agreements", "consultants"])
def test_problems_past_the_cap_are_all_counted(items: list[Any], field: str) -> None:
    """The totals equal those of an explainer that keeps every problem."""
    document = bc.dump(bc.example_bilan("cpf"))
    document[field] = items
    with pytest.raises(bc.SerializationError) as caught:
        bc.load(document)
    every = Problems(limit=10**9)
    reader = serialization._reader()
    _Walker(reader, every).object(document, reader.root, "$", marker=reader.marker)
    assert caught.value.total == every.total
    assert caught.value.errors == tuple(every.items[: bc.SerializationError.LIMIT])
