"""bilans() in every phase, on every funding route, at the dates it serves.

- every phase of bilan_core.Phase is accepted (inquiry, followed up, closed, abandoned and
  cancelled bilans too), each bilan valid at `on` with no warning and a history that replays
  to its phase; the default draws them all, mostly the legal phases and completed;
- every route example_bilan knows is accepted, "cpf_working_time" included, by bilans() and
  bilans_violating();
- `on` outside the dates served is refused when the strategy is built (InvalidArgument saying
  the first or last date served), not when drawing (LookupError before).
"""

from __future__ import annotations

import collections
import datetime as dt
import typing

import pendulum
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bilan_core as bc
from bilan_core import facts
from bilan_core.policies import STAFF
from bilan_core.samples import EXAMPLE_FUNDINGS
from bilan_core.strategies import (
    BILAN_PHASES,
    BREAKABLE_RULES,
    FUNDING_ROUTES,
    FUNDING_TAGS,
    LAW_FROM,
    bilans,
    bilans_violating,
)
from bilan_core.strategies._bilans import first_on, last_on
from bilan_core.strategies._schedule import shape_of

NEW_PHASES = [
    bc.Phase.INQUIRY,
    bc.Phase.FOLLOWED_UP,
    bc.Phase.CLOSED,
    bc.Phase.ABANDONED,
    bc.Phase.CANCELLED,
]
HELD = bc.SessionStatus.HELD
CANCELLED = bc.SessionStatus.CANCELLED


def _shown(bilan: bc.Bilan, on: dt.date, policy: bc.Policy | None = None) -> list[tuple]:
    """Every error or warning validate() reports (none expected), with the notices."""
    report = bc.validate(bilan, on=on, policy=policy)
    shown = [(v.rule_id, v.severity.value, v.path) for v in report.violations]
    return [s for s in shown if s[1] != "info"] + [n.en for n in report.notices]


def _midnight(on: dt.date) -> pendulum.DateTime:
    return pendulum.datetime(on.year, on.month, on.day, tz="Europe/Paris")


def _check_phase(bilan: bc.Bilan, phase: bc.Phase, on: dt.date) -> None:
    """What a bilan of each phase looks like, beyond being valid."""
    assert bilan.phase is phase
    assert bc.replay(bilan.history) is phase
    assert bilan.reference_date is None or bilan.reference_date >= LAW_FROM
    midnight = _midnight(on)
    assert all(event.at < midnight for event in bilan.history)
    statuses = [s.status for s in bilan.sessions]
    if phase in {bc.Phase.INQUIRY, bc.Phase.CANCELLED}:
        assert HELD not in statuses
        assert not bilan.documents
        assert bilan.consent is not None or not bilan.bilan_sessions
    if phase is bc.Phase.INQUIRY:
        assert bilan.history == ()
        assert all(s.start >= midnight for s in bilan.sessions)
    if phase is bc.Phase.CANCELLED:
        assert [e.name for e in bilan.history] == ["cancel"]
        assert set(statuses) <= {CANCELLED}
    if phase is bc.Phase.ABANDONED:
        stopped = facts.withdrawal_day(bilan)
        assert stopped is not None
        assert facts.stopped_early(bilan)
        assert facts.end_of_action(bilan) == stopped
        assert bilan.history[-1].name == "abandon"
        assert HELD in statuses
        consent = bilan.consent
        assert consent is not None
        withdrawn = consent.withdrawn_at or bilan.history[-1].at
        for session in bilan.sessions:
            assert (session.status is CANCELLED) == (session.start >= withdrawn)
        # destroyed on the withdrawal day, when the law ends the action
        assert all(d.destroyed_on == stopped for d in bilan.documents)
    if phase is bc.Phase.FOLLOWED_UP:
        (interview,) = [s for s in bilan.sessions if s.kind is bc.SessionKind.FOLLOW_UP]
        assert interview.status is HELD
        assert interview.start < midnight
        assert bilan.follow_up.held_on is not None
        assert bilan.history[-1].name == "hold_follow_up"
    if phase is bc.Phase.CLOSED:
        assert bilan.follow_up.offered
        assert bilan.follow_up.declined_on is not None
        assert bilan.follow_up.declined_on <= on
        assert bilan.history[-1].name == "decline_follow_up"
    if phase in {bc.Phase.COMPLETED, bc.Phase.FOLLOWED_UP, bc.Phase.CLOSED}:
        assert set(statuses) <= {HELD, bc.SessionStatus.PLANNED}
        assert all(s.status is HELD for s in bilan.bilan_sessions)


def test_every_phase_is_accepted() -> None:
    """BILAN_PHASES is every phase of bilan_core.Phase, the shrink target first."""
    assert set(BILAN_PHASES) == set(bc.Phase)
    assert len(BILAN_PHASES) == len(bc.Phase)
    assert BILAN_PHASES[0] is bc.Phase.COMPLETED


@pytest.mark.parametrize("phase", NEW_PHASES, ids=lambda p: p.value)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_new_phases_are_valid(phase: bc.Phase, data: st.DataObject) -> None:
    """Inquiry, followed-up, closed, abandoned and cancelled bilans: valid, no warning."""
    bilan = data.draw(bilans(phase=phase))
    assert not _shown(bilan, bc.EXAMPLE_ON)
    _check_phase(bilan, phase, bc.EXAMPLE_ON)
    assert bc.load(bc.dumps(bilan)) == bilan


@pytest.mark.parametrize("phase", NEW_PHASES, ids=lambda p: p.value)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_new_phases_under_staff(phase: bc.Phase, data: st.DataObject) -> None:
    """Under the STAFF charter too: no POL- warning, no law violation."""
    bilan = data.draw(bilans(phase=phase, policy=STAFF))
    assert not _shown(bilan, bc.EXAMPLE_ON, STAFF)
    _check_phase(bilan, phase, bc.EXAMPLE_ON)


@pytest.mark.parametrize(
    "on",
    [pendulum.date(2021, 11, 2), pendulum.date(2023, 6, 30), pendulum.date(2024, 5, 10)],
    ids=str,
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_phase_at_other_dates(on: pendulum.Date, data: st.DataObject) -> None:
    """Other law versions: the 1-year retention before 2023-12-31, the participation since
    2024-05-02, no minimum duration before 2026-02-26 (inquiries without a plan then)."""
    phase = data.draw(st.sampled_from(BILAN_PHASES))
    policy = data.draw(st.sampled_from([None, STAFF]))
    bilan = data.draw(bilans(phase=phase, on=on, policy=policy))
    assert not _shown(bilan, on, policy)
    _check_phase(bilan, phase, on)


def test_the_default_draws_every_phase_mostly_the_legal_ones() -> None:
    """By default every phase comes up; inquiries and cancelled bilans stay a minority."""
    seen: collections.Counter[bc.Phase] = collections.Counter()

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(bilans())
    def count(bilan: bc.Bilan) -> None:
        seen[bilan.phase] += 1

    count()
    total = sum(seen.values())
    assert set(seen) == set(bc.Phase)
    assert seen[bc.Phase.INQUIRY] + seen[bc.Phase.CANCELLED] < total / 4
    main = (bc.Phase.COMPLETED, bc.Phase.PRELIMINARY, bc.Phase.INVESTIGATION, bc.Phase.CONCLUSION)
    assert sum(seen[p] for p in main) > total / 2


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans(phase=st.sampled_from(NEW_PHASES), funding=st.sampled_from(FUNDING_ROUTES)))
def test_phase_and_funding_strategies(bilan: bc.Bilan) -> None:
    """Strategies of phases and routes are accepted together."""
    assert bilan.phase in NEW_PHASES
    assert not _shown(bilan, bc.EXAMPLE_ON)


def test_a_phase_strategy_giving_something_else_fails() -> None:
    """A strategy of phases must give Phase members (checked when drawing)."""
    with pytest.raises(InvalidArgument, match=r"not a bilan_core\.Phase"):
        find(bilans(phase=st.just("inquiry")), lambda _: True)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="not one of FUNDING_ROUTES"):
        find(bilans(funding=st.just("lottery")), lambda _: True)


# -- funding routes ---------------------------------------------------------------------


def test_every_example_route_is_accepted() -> None:
    """The routes are example_bilan's (and facts.Route's): the tags and cpf_working_time."""
    assert FUNDING_ROUTES == EXAMPLE_FUNDINGS
    assert set(FUNDING_ROUTES) == set(typing.get_args(facts.Route))
    assert set(FUNDING_TAGS) < set(FUNDING_ROUTES)
    for route in FUNDING_ROUTES:
        bilans(funding=route)
        bc.example_bilan(route)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans(funding="cpf_working_time", phase=st.sampled_from(BILAN_PHASES)))
def test_cpf_working_time(bilan: bc.Bilan) -> None:
    """funding="cpf_working_time" draws CPF bilans on working time, valid (every phase)."""
    funding = bilan.funding
    assert isinstance(funding, bc.CpfFunding)
    assert funding.on_working_time
    assert facts.route(bilan) == "cpf_working_time"
    assert not _shown(bilan, bc.EXAMPLE_ON)


def test_cpf_is_either_cpf_route() -> None:
    """funding="cpf" stays the CPF on working time or not."""
    routes = set()

    @settings(max_examples=60, derandomize=True, database=None, deadline=None)
    @given(bilans(funding="cpf"))
    def collect(bilan: bc.Bilan) -> None:
        routes.add(facts.route(bilan))

    collect()
    assert routes == {"cpf", "cpf_working_time"}


@pytest.mark.parametrize(
    "rule_id",
    [
        "BC-CPF-EMPLOYER-NOTICE",
        "BC-CPF-EMPLOYER-ANSWER",
        "BC-CPF-PARTICIPATION",
        "BC-CPF-CAP",
        "BC-DURATION-MAX",
        "BC-CONSENT-REQUIRED",
    ],
)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_violating_on_cpf_working_time(rule_id: str, data: st.DataObject) -> None:
    """bilans_violating(..., funding="cpf_working_time"): CPF bilans on working time that break
    the rule and no other error rule."""
    bilan = data.draw(bilans_violating(rule_id, funding="cpf_working_time"))
    assert facts.route(bilan) == "cpf_working_time"
    report = bc.validate(bilan, on=bc.EXAMPLE_ON)
    assert rule_id in {v.rule_id for v in report.violations if v.severity is not bc.Severity.INFO}
    assert {v.rule_id for v in report.errors} <= {rule_id}


def test_violating_refuses_routes_the_rule_cannot_take() -> None:
    """A rule off the CPF, or broken only off working time, refuses the route at once."""
    with pytest.raises(InvalidArgument, match="can only be broken"):
        bilans_violating("BC-CONVENTION-REQUIRED", funding="cpf_working_time")
    with pytest.raises(InvalidArgument, match="can only be broken"):
        bilans_violating("POL-START-DELAY", policy=STAFF, funding="cpf_working_time")
    with pytest.raises(InvalidArgument, match="funding must be one of"):
        bilans_violating("BC-DURATION-MAX", funding="lottery")


# -- the dates served ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "on", [dt.date(2019, 1, 1), dt.date(2018, 6, 1), dt.date(1900, 1, 1)], ids=str
)
def test_dates_before_the_law_are_refused_at_once(on: dt.date) -> None:
    """Before 2019 the dated parameters have no value: refused when built, saying from when."""
    first = first_on(BILAN_PHASES, shape_of(None))
    with pytest.raises(InvalidArgument, match=f"first date served is {first}"):
        bilans(on=on)
    with pytest.raises(InvalidArgument, match="first date served"):
        bilans(on=on, phase=bc.Phase.PRELIMINARY)
    with pytest.raises(InvalidArgument, match=r"not in force|first date served"):
        bilans_violating("BC-DURATION-MAX", on=on)


@pytest.mark.parametrize("phase", BILAN_PHASES, ids=lambda p: p.value)
@pytest.mark.parametrize("policy", [None, STAFF], ids=["law", "staff"])
def test_the_first_date_served(phase: bc.Phase, policy: bc.Policy | None) -> None:
    """On the first date served each phase's bilans are valid and agreed since 2019; the day
    before is refused."""
    first = first_on((phase,), shape_of(policy))
    assert LAW_FROM < first < pendulum.date(2020, 1, 1)
    with pytest.raises(InvalidArgument, match=f"first date served is {first}"):
        bilans(phase=phase, on=first.subtract(days=1), policy=policy)

    @settings(max_examples=40, deadline=None, database=None)
    @given(bilans(phase=phase, on=first, policy=policy))
    def check(bilan: bc.Bilan) -> None:
        assert not _shown(bilan, first, policy)
        _check_phase(bilan, phase, first)

    check()


def test_the_last_date_served() -> None:
    """Up to the last date served, every date of a bilan stays within the model's years."""
    last = last_on(shape_of(None))
    assert pendulum.date(2990, 1, 1) < last < pendulum.date(2999, 1, 1)
    with pytest.raises(InvalidArgument, match=f"last date served is {last}"):
        bilans(on=last.add(days=1))

    @settings(max_examples=40, deadline=None, database=None)
    @given(bilans(on=last))
    def check(bilan: bc.Bilan) -> None:
        assert bc.load(bc.dumps(bilan)) == bilan
        assert not _shown(bilan, last)

    check()


def test_violating_a_recent_rule_from_its_first_date() -> None:
    """A rule in force since 2026-02-26 is served from the first date whose bilans are agreed
    since then: refused at once before (not Unsatisfiable when drawing), drawn from then."""
    with pytest.raises(InvalidArgument, match="not in force"):
        bilans_violating("BC-CPF-CAP", on=dt.date(2026, 2, 25))
    with pytest.raises(InvalidArgument, match="first date served is 2026-03-04"):
        bilans_violating("BC-CPF-CAP", on=dt.date(2026, 2, 27))

    @settings(max_examples=40, deadline=None, database=None)
    @given(bilans_violating("BC-CPF-CAP", on=dt.date(2026, 3, 4)))
    def check(bilan: bc.Bilan) -> None:
        assert bilan.reference_date is not None
        assert bilan.reference_date >= dt.date(2026, 2, 26)
        report = bc.validate(bilan, on=dt.date(2026, 3, 4))
        assert "BC-CPF-CAP" in {v.rule_id for v in report.errors}

    check()


OFF_THE_CPF_ON_WORKING_TIME = {
    *(r for r in BREAKABLE_RULES if r.startswith(("BC-CONVENTION-", "BC-PUBLIC-"))),
    "BC-PROVIDER-NOT-EMPLOYER",  # the employer's own routes
    "POL-START-DELAY",  # broken off working time (no legal notice on top of the delay)
}


@pytest.mark.slow
@pytest.mark.parametrize("rule_id", sorted(BREAKABLE_RULES))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_rule_on_cpf_working_time_or_refused(rule_id: str, data: st.DataObject) -> None:
    """Each rule either refuses the CPF on working time at once or breaks on it alone."""
    policy = STAFF if rule_id.startswith("POL-") else None
    if rule_id in OFF_THE_CPF_ON_WORKING_TIME:
        with pytest.raises(InvalidArgument, match="can only be broken"):
            bilans_violating(rule_id, funding="cpf_working_time", policy=policy)
        return
    bilan = data.draw(bilans_violating(rule_id, funding="cpf_working_time", policy=policy))
    assert facts.route(bilan) == "cpf_working_time"
    report = bc.validate(bilan, on=bc.EXAMPLE_ON, policy=policy)
    assert rule_id in {v.rule_id for v in report.violations if v.severity is not bc.Severity.INFO}
    assert {v.rule_id for v in report.errors} <= {rule_id}
