"""The phase machine: its graph, advance(), next_events(), the legal guards and history replay."""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import bilan_core as bc
from bilan_core.documents import DocumentKind
from bilan_core.funding import (
    Convention,
    CpfFunding,
    EmployerAnswer,
    EmployerRequest,
    LeaveAnswer,
    PublicLeaveFunding,
)
from bilan_core.machine import PhaseMachine
from bilan_core.phases import Phase
from bilan_core.policies import STAFF
from bilan_core.sessions import Session, SessionKind, SessionStatus
from bilan_core.transitions import (
    EventOption,
    advance,
    next_events,
    replay,
    replay_errors,
    transition_table,
)

P = Phase
EVENTS = (
    "agree",
    "confirm_engagement",
    "begin_conclusion",
    "deliver_synthesis",
    "hold_follow_up",
    "decline_follow_up",
    "abandon",
    "cancel",
)
GRAPH = {
    P.INQUIRY: {"agree": P.PRELIMINARY, "cancel": P.CANCELLED, "abandon": P.ABANDONED},
    P.PRELIMINARY: {"confirm_engagement": P.INVESTIGATION, "abandon": P.ABANDONED},
    P.INVESTIGATION: {"begin_conclusion": P.CONCLUSION, "abandon": P.ABANDONED},
    P.CONCLUSION: {"deliver_synthesis": P.COMPLETED, "abandon": P.ABANDONED},
    P.COMPLETED: {
        "hold_follow_up": P.FOLLOWED_UP,
        "decline_follow_up": P.CLOSED,
        "abandon": P.ABANDONED,
    },
    P.FOLLOWED_UP: {},
    P.CLOSED: {},
    P.ABANDONED: {},
    P.CANCELLED: {},
}


def paris(month: int, day: int, hour: int = 12, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz="Europe/Paris")


SAMPLE = bc.example_bilan("cpf")
AGREED, ENGAGED, CONCLUDING, DELIVERED = (event.at for event in SAMPLE.history)


def rewound(bilan: bc.Bilan, phase: Phase) -> bc.Bilan:
    """The bilan as it stood in ``phase``: its history cut to the events before."""
    index = [P.INQUIRY, P.PRELIMINARY, P.INVESTIGATION, P.CONCLUSION, P.COMPLETED].index(phase)
    return attrs.evolve(bilan, phase=phase, history=bilan.history[:index])


def in_phase(phase: Phase, funding: str = "cpf") -> bc.Bilan:
    return rewound(bc.example_bilan(funding), phase)


def with_funding(bilan: bc.Bilan, **changes: Any) -> bc.Bilan:
    return attrs.evolve(bilan, funding=attrs.evolve(bilan.funding, **changes))  # type: ignore[misc]


def with_sessions(bilan: bc.Bilan, phase: Phase, **changes: Any) -> bc.Bilan:
    sessions = tuple(attrs.evolve(s, **changes) if s.phase is phase else s for s in bilan.sessions)
    return attrs.evolve(bilan, sessions=sessions)


def with_documents(bilan: bc.Bilan, kind: DocumentKind, **changes: Any) -> bc.Bilan:
    documents = tuple(attrs.evolve(d, **changes) if d.kind is kind else d for d in bilan.documents)
    return attrs.evolve(bilan, documents=documents)


def followed_up_ready(bilan: bc.Bilan) -> bc.Bilan:
    """The completed bilan once its follow-up interview (s10) is held."""
    bilan = with_sessions(bilan, P.FOLLOWED_UP, status=SessionStatus.HELD)
    return attrs.evolve(
        bilan, follow_up=attrs.evolve(bilan.follow_up, held_on=pendulum.date(2026, 11, 19))
    )


FOLLOW_UP_END = paris(11, 19, 11, 0)


def refused(
    bilan: bc.Bilan, event: str, at: pendulum.DateTime, **kw: Any
) -> bc.PhaseTransitionError:
    before = bc.dumps(bilan)
    with pytest.raises(bc.PhaseTransitionError) as info:
        advance(bilan, event, at=at, **kw)
    assert bc.dumps(bilan) == before
    return info.value


# -- the graph ---------------------------------------------------------------------------


def test_machine_sets_the_3x_flags_explicitly() -> None:
    """The StateChart defaults silently lose transitions in the shell pattern: not used."""
    flags = {
        name: PhaseMachine.__dict__[name]
        for name in (
            "allow_event_without_transition",
            "enable_self_transition_entries",
            "atomic_configuration_update",
            "catch_errors_as_events",
        )
    }
    assert flags == {
        "allow_event_without_transition": False,
        "enable_self_transition_entries": False,
        "atomic_configuration_update": True,
        "catch_errors_as_events": False,
    }


def test_states_map_one_to_one_to_phases() -> None:
    """Every Phase is one state of the machine, final exactly when Phase says so."""
    states = {state.value: state for state in PhaseMachine.states}
    assert set(states) == set(Phase)
    assert {p for p, s in states.items() if s.final} == {p for p in Phase if p.is_final}
    assert PhaseMachine.initial_state.value is P.INQUIRY


def test_transition_table_is_the_documented_graph() -> None:
    """The table derived from the machine class is the graph of the issue, in order."""
    table = transition_table()
    assert {phase: dict(row) for phase, row in table.items()} == GRAPH
    assert list(table[P.COMPLETED]) == ["hold_follow_up", "decline_follow_up", "abandon"]
    assert transition_table() is table


# -- advance -----------------------------------------------------------------------------


def test_walk_from_inquiry_to_follow_up() -> None:
    """The example's own steps replay through advance(), and the follow-up closes it."""
    bilan = in_phase(P.INQUIRY)
    for event in SAMPLE.history:
        bilan = advance(bilan, event.name, at=event.at)
    assert bilan == SAMPLE
    done = advance(
        followed_up_ready(bilan), "hold_follow_up", at=FOLLOW_UP_END, facts={"kept": True}
    )
    assert done.phase is P.FOLLOWED_UP
    assert done.history[-1] == bc.Event(
        name="hold_follow_up", at=FOLLOW_UP_END, facts={"kept": True}
    )
    assert replay(done.history) is P.FOLLOWED_UP


def test_advance_records_facts_in_utc_and_keeps_the_input() -> None:
    """The event is appended with its facts; the instant is stored in UTC."""
    bilan = in_phase(P.INQUIRY)
    out = advance(
        bilan, "cancel", at=paris(2, 20, 10), facts={"reason": "funding_refused", "days": 3}
    )
    assert out.phase is P.CANCELLED
    assert bilan.phase is P.INQUIRY
    assert bilan.history == ()
    event = out.history[-1]
    assert (event.name, event.fact("reason"), event.fact("days")) == (
        "cancel",
        "funding_refused",
        3,
    )
    assert event.at == paris(2, 20, 10)
    assert event.at.tzinfo == pendulum.UTC


@pytest.mark.parametrize(
    ("at", "facts"),
    [
        pytest.param(pendulum.DateTime(2026, 6, 2, 12), {}, id="naive-instant"),
        pytest.param(paris(5, 1), {}, id="before-last-event"),
        pytest.param(paris(6, 2), {"hours": 1.5}, id="float-fact"),
        pytest.param(paris(6, 2), {"list": [1]}, id="list-fact"),
    ],
)
def test_advance_rejects_bad_arguments(at: Any, facts: dict[str, Any]) -> None:
    """A naive or backwards instant, or a fact that is not a JSON scalar, is an InvalidValue."""
    with pytest.raises(bc.InvalidValue):
        advance(SAMPLE, "decline_follow_up", at=at, facts=facts)


@pytest.mark.parametrize(
    ("phase", "event", "why"),
    [
        pytest.param(P.INQUIRY, "deliver_synthesis", "not available", id="skip-phases"),
        pytest.param(P.PRELIMINARY, "cancel", "not available", id="cancel-after-start"),
        pytest.param(P.COMPLETED, "agree", "not available", id="agree-twice"),
        pytest.param(P.COMPLETED, "finish", "unknown event", id="unknown"),
        pytest.param(P.CLOSED, "abandon", "final", id="final"),
    ],
)
def test_events_outside_the_graph_are_refused_without_rule(
    phase: Phase, event: str, why: str
) -> None:
    """An event the graph does not offer is refused with no rule id, saying why."""
    if phase is P.CLOSED:
        bilan = advance(COMPLETED, "decline_follow_up", at=paris(6, 2))
    else:
        bilan = in_phase(phase)
    error = refused(bilan, event, at=paris(12, 1))
    assert (error.event, error.phase, error.rule_ids) == (event, phase.value, ())
    assert why in error.messages[0].en


@pytest.mark.parametrize("final", [P.FOLLOWED_UP, P.CLOSED, P.ABANDONED, P.CANCELLED])
def test_final_states_accept_nothing(final: Phase) -> None:
    """No event leaves a final phase, and next_events offers none."""
    bilan = in_phase(P.INQUIRY)
    path = {
        P.CANCELLED: [("cancel", paris(2, 20))],
        P.ABANDONED: [("abandon", paris(2, 20))],
        P.CLOSED: [(e.name, e.at) for e in SAMPLE.history] + [("decline_follow_up", paris(6, 2))],
        P.FOLLOWED_UP: [(e.name, e.at) for e in SAMPLE.history],
    }[final]
    for event, when in path:
        bilan = advance(bilan, event, at=when)
    if final is P.FOLLOWED_UP:
        bilan = advance(followed_up_ready(bilan), "hold_follow_up", at=FOLLOW_UP_END)
    assert bilan.phase is final
    assert next_events(bilan, on=paris(12, 31)) == ()
    for event in EVENTS:
        assert refused(bilan, event, at=paris(12, 31)).rule_ids == ()


def test_abandon_is_never_refused_by_the_law() -> None:
    """The beneficiary may withdraw from every non-final phase, whatever the data."""
    for phase in (P.INQUIRY, P.PRELIMINARY, P.INVESTIGATION, P.CONCLUSION, P.COMPLETED):
        bilan = attrs.evolve(in_phase(phase), consent=None, sessions=(), documents=())
        assert advance(bilan, "abandon", at=paris(12, 1)).phase is P.ABANDONED


# -- the guards: one case table per guarded event ---------------------------------------

SIRET_OF_PROVIDER = SAMPLE.provider.siret


def _cpf_working_time(**request: Any) -> bc.Bilan:
    bilan = attrs.evolve(
        in_phase(P.INQUIRY, "cpf_working_time"), consent=bc.Consent(given_at=paris(1, 5, 10))
    )
    funding = bilan.funding
    assert isinstance(funding, CpfFunding)
    base = {"sent_on": pendulum.date(2026, 1, 5), "received_on": pendulum.date(2026, 1, 6)}
    return with_funding(bilan, employer_request=EmployerRequest(**{**base, **request}))


def _convention(**changes: Any) -> bc.Bilan:
    bilan = in_phase(P.INQUIRY, "employer_plan")
    base = {"sent_on": pendulum.date(2026, 2, 20), "signed_on": pendulum.date(2026, 2, 25)}
    return with_funding(bilan, convention=Convention(**{**base, **changes}))


def _leave(**changes: Any) -> bc.Bilan:
    bilan = in_phase(P.INQUIRY, "public_leave")
    assert isinstance(bilan.funding, PublicLeaveFunding)
    return with_funding(bilan, **changes)


AGREE_CASES = [
    pytest.param(in_phase(P.INQUIRY), AGREED, (), id="cpf-ok"),
    pytest.param(
        attrs.evolve(in_phase(P.INQUIRY), consent=None),
        AGREED,
        ("BC-CONSENT-REQUIRED",),
        id="no-consent",
    ),
    pytest.param(
        in_phase(P.INQUIRY), paris(3, 1), ("BC-CONSENT-REQUIRED",), id="consent-after-agreement"
    ),
    pytest.param(
        attrs.evolve(
            in_phase(P.INQUIRY),
            beneficiary=attrs.evolve(SAMPLE.beneficiary, employer_siret=SIRET_OF_PROVIDER),
        ),
        AGREED,
        ("BC-PROVIDER-NOT-EMPLOYER",),
        id="provider-is-employer",
    ),
    pytest.param(
        attrs.evolve(in_phase(P.INQUIRY), provider=attrs.evolve(SAMPLE.provider, qualiopi=None)),
        AGREED,
        ("BC-PROVIDER-QUALIOPI",),
        id="cpf-without-qualiopi",
    ),
    pytest.param(in_phase(P.INQUIRY, "cpf_working_time"), AGREED, (), id="employer-granted"),
    pytest.param(
        _cpf_working_time(answer=EmployerAnswer.REFUSED, answered_on=pendulum.date(2026, 1, 20)),
        AGREED,
        ("BC-CPF-EMPLOYER-ANSWER",),
        id="employer-refused",
    ),
    pytest.param(
        _cpf_working_time(), paris(2, 5), ("BC-CPF-EMPLOYER-ANSWER",), id="employer-silent-30-days"
    ),
    pytest.param(_cpf_working_time(), paris(2, 6), (), id="employer-silent-31-days"),
    pytest.param(
        with_funding(_cpf_working_time(), employer_request=None),
        AGREED,
        ("BC-CPF-EMPLOYER-ANSWER",),
        id="no-request",
    ),
    pytest.param(_convention(), paris(2, 25, 12), (), id="convention-signed-day-5"),
    pytest.param(
        _convention(signed_on=pendulum.date(2026, 3, 2)),
        paris(3, 2, 12),
        (),
        id="convention-signed-day-10",
    ),
    pytest.param(
        _convention(signed_on=pendulum.date(2026, 3, 3)),
        paris(3, 3, 12),
        ("BC-CONVENTION-ACCEPTANCE",),
        id="convention-signed-day-11",
    ),
    pytest.param(
        _convention(signed_on=None),
        paris(2, 25, 12),
        ("BC-CONVENTION-ACCEPTANCE",),
        id="convention-unsigned",
    ),
    pytest.param(
        _convention(signed_on=pendulum.date(2026, 2, 27)),
        paris(2, 26, 12),
        ("BC-CONVENTION-ACCEPTANCE",),
        id="convention-signed-later",
    ),
    pytest.param(
        with_funding(_convention(), convention=None),
        paris(2, 25, 12),
        ("BC-CONVENTION-REQUIRED",),
        id="no-convention",
    ),
    pytest.param(_leave(), AGREED, (), id="leave-granted"),
    pytest.param(
        _leave(answer=None, answered_on=None),
        AGREED,
        ("BC-PUBLIC-LEAVE-ANSWER",),
        id="leave-silence",
    ),
    pytest.param(
        _leave(answer=LeaveAnswer.REFUSED, answered_on=pendulum.date(2026, 1, 26)),
        AGREED,
        ("BC-PUBLIC-LEAVE-ANSWER",),
        id="leave-refused",
    ),
]


@pytest.mark.parametrize(("bilan", "at", "expected"), AGREE_CASES)
def test_agree_guard(bilan: bc.Bilan, at: pendulum.DateTime, expected: tuple[str, ...]) -> None:
    """agree needs consent, an external and certified provider, and funding secured."""
    check_guard(bilan, "agree", at, expected)


def check_guard(
    bilan: bc.Bilan,
    event: str,
    at: pendulum.DateTime,
    expected: tuple[str, ...],
    policy: bc.Policy | None = None,
) -> None:
    """advance and next_events agree: allowed, or refused with exactly the expected rules."""
    option = next(o for o in next_events(bilan, on=at, policy=policy) if o.name == event)
    if not expected:
        assert option.allowed, option.messages
        assert advance(bilan, event, at=at, policy=policy).phase is GRAPH[bilan.phase][event]
        return
    error = refused(bilan, event, at, policy=policy)
    assert set(error.rule_ids) == set(expected)
    assert option.blocked_by == error.rule_ids
    assert len(error.messages) >= len(expected)
    for rule_id in expected:
        citation = bc.rule(rule_id).citation if rule_id.startswith("BC-") else STAFF.name
        assert any(rule_id in m.en and citation in m.en for m in error.messages)


PRELIMINARY = in_phase(P.PRELIMINARY)
INVESTIGATION = in_phase(P.INVESTIGATION)
CONCLUSION = in_phase(P.CONCLUSION)
COMPLETED = in_phase(P.COMPLETED)
PHASES = ("BC-PHASES-COMPLETE", "BC-PHASES-ORDER")
UNSIGNED = with_documents(PRELIMINARY, DocumentKind.ENGAGEMENT, signed_at=None)


def _long(bilan: bc.Bilan) -> bc.Bilan:
    extra = Session(
        id="s-extra",
        start=paris(4, 30, 9),
        minutes=600,
        phase=P.INVESTIGATION,
        kind=SessionKind.PERSONAL_WORK,
        status=SessionStatus.HELD,
    )
    return attrs.evolve(bilan, sessions=(*bilan.sessions, extra))


def _thin(bilan: bc.Bilan) -> bc.Bilan:
    """Only 7 h of accompaniment: the investigation is taken alone."""
    return with_sessions(bilan, P.INVESTIGATION, with_consultant=False)


GUARD_CASES = [
    pytest.param(PRELIMINARY, "confirm_engagement", ENGAGED, (), None, id="engage-ok"),
    pytest.param(
        PRELIMINARY,
        "confirm_engagement",
        paris(3, 16, 9),
        PHASES,
        None,
        id="engage-before-first-session",
    ),
    pytest.param(
        with_sessions(PRELIMINARY, P.PRELIMINARY, status=SessionStatus.PLANNED),
        "confirm_engagement",
        ENGAGED,
        PHASES,
        None,
        id="engage-nothing-held",
    ),
    pytest.param(UNSIGNED, "confirm_engagement", ENGAGED, (), None, id="engage-unsigned-no-policy"),
    pytest.param(
        UNSIGNED,
        "confirm_engagement",
        ENGAGED,
        ("POL-ENGAGEMENT-DOCUMENT",),
        STAFF,
        id="engage-unsigned-staff",
    ),
    pytest.param(PRELIMINARY, "confirm_engagement", ENGAGED, (), STAFF, id="engage-signed-staff"),
    pytest.param(
        UNSIGNED,
        "confirm_engagement",
        ENGAGED,
        (),
        attrs.evolve(STAFF, engagement_document_required=False),
        id="engage-unsigned-charter-without-document",
    ),
    pytest.param(INVESTIGATION, "begin_conclusion", CONCLUDING, (), None, id="conclude-ok"),
    pytest.param(
        INVESTIGATION,
        "begin_conclusion",
        paris(3, 31, 13),
        PHASES,
        None,
        id="conclude-before-investigation",
    ),
    pytest.param(CONCLUSION, "deliver_synthesis", DELIVERED, (), None, id="deliver-ok"),
    pytest.param(
        CONCLUSION,
        "deliver_synthesis",
        paris(5, 12, 12),
        ("BC-RESULTS-TO-BENEFICIARY",),
        None,
        id="deliver-before-handover",
    ),
    pytest.param(
        with_documents(CONCLUSION, DocumentKind.SYNTHESIS, delivered_at=None),
        "deliver_synthesis",
        DELIVERED,
        ("BC-RESULTS-TO-BENEFICIARY",),
        None,
        id="synthesis-not-delivered",
    ),
    pytest.param(
        with_sessions(CONCLUSION, P.CONCLUSION, individual=False),
        "deliver_synthesis",
        DELIVERED,
        ("BC-CONCLUSION-PERSONAL",),
        None,
        id="collective-conclusions",
    ),
    pytest.param(
        _long(CONCLUSION),
        "deliver_synthesis",
        DELIVERED,
        ("BC-DURATION-MAX",),
        None,
        id="over-24-hours",
    ),
    pytest.param(
        _thin(CONCLUSION),
        "deliver_synthesis",
        DELIVERED,
        (),
        None,
        id="under-13-hours-is-only-a-warning",
    ),
    pytest.param(
        COMPLETED,
        "hold_follow_up",
        FOLLOW_UP_END,
        ("BC-FOLLOW-UP-OFFERED",),
        None,
        id="follow-up-not-held",
    ),
    pytest.param(
        followed_up_ready(COMPLETED), "hold_follow_up", FOLLOW_UP_END, (), None, id="follow-up-held"
    ),
    pytest.param(
        attrs.evolve(followed_up_ready(COMPLETED), follow_up=bc.FollowUp(offered=False)),
        "hold_follow_up",
        FOLLOW_UP_END,
        ("BC-FOLLOW-UP-OFFERED",),
        None,
        id="follow-up-not-offered",
    ),
    pytest.param(COMPLETED, "decline_follow_up", paris(6, 2), (), None, id="decline-ok"),
    pytest.param(
        attrs.evolve(COMPLETED, follow_up=bc.FollowUp(offered=False)),
        "decline_follow_up",
        paris(6, 2),
        ("BC-FOLLOW-UP-OFFERED",),
        None,
        id="decline-never-offered",
    ),
]


@pytest.mark.parametrize(("bilan", "event", "at", "expected", "policy"), GUARD_CASES)
def test_phase_guards(
    bilan: bc.Bilan,
    event: str,
    at: pendulum.DateTime,
    expected: tuple[str, ...],
    policy: bc.Policy | None,
) -> None:
    """Each phase event is refused, citing its rules, exactly when its condition fails."""
    check_guard(bilan, event, at, expected, policy)


def test_duration_minimum_blocks_once_the_catalogue_makes_it_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """BC-DURATION-MIN is a warning while its source is a draft: completion is allowed and the
    report warns. Promoted to an error (one line in the catalogue), it blocks completion of
    bilans agreed from 2026-02-26, and still not of those agreed before."""
    from bilan_core.checks import catalogue

    bilan = _thin(CONCLUSION)
    check_guard(bilan, "deliver_synthesis", DELIVERED, ())
    warned = bc.validate(bilan, on=DELIVERED, only={"BC-DURATION-MIN"})
    assert [v.severity for v in warned.violations] == [bc.Severity.WARNING]

    promoted = attrs.evolve(bc.rule("BC-DURATION-MIN"), severity=bc.Severity.ERROR)
    monkeypatch.setitem(catalogue._rules, "BC-DURATION-MIN", promoted)
    monkeypatch.setattr(catalogue, "_ordered", None)  # the order is rebuilt with it
    for cached in (type(catalogue).guards, type(catalogue).rules, type(catalogue).selection):
        cached.cache_clear()  # type: ignore[attr-defined]
        monkeypatch.setattr(catalogue, "_rules", catalogue._rules)
    check_guard(bilan, "deliver_synthesis", DELIVERED, ("BC-DURATION-MIN",))
    early = with_funding(bilan, purchase_date=pendulum.date(2026, 2, 20))
    check_guard(early, "deliver_synthesis", DELIVERED, ())


def test_refusal_messages_hold_no_free_text() -> None:
    """Messages carry rule ids and citations, never the synthesis or document text."""
    bilan = with_sessions(CONCLUSION, P.CONCLUSION, individual=False)
    error = refused(bilan, "deliver_synthesis", DELIVERED)
    synthesis = bilan.documents_of(DocumentKind.SYNTHESIS)[0].synthesis
    assert synthesis is not None
    for text in (synthesis.circumstances, synthesis.action_plan):
        assert text is not None
        assert text not in str(error)
        assert text not in repr(error)


# -- next_events -------------------------------------------------------------------------


def test_next_events_on_the_example() -> None:
    """The completed example may decline the follow-up; holding it waits for the interview."""
    options = next_events(SAMPLE, on=bc.EXAMPLE_ON)
    assert options == (
        EventOption(
            name="hold_follow_up",
            target=P.FOLLOWED_UP,
            blocked_by=("BC-FOLLOW-UP-OFFERED",),
            messages=options[0].messages,
        ),
        EventOption(name="decline_follow_up", target=P.CLOSED),
        EventOption(name="abandon", target=P.ABANDONED),
    )
    assert [o.allowed for o in options] == [False, True, True]


def test_next_events_reads_a_day_as_its_end() -> None:
    """A day means the end of that Europe/Paris day; an instant is taken as given.

    The follow-up is held on 19 November: at 23:00 on the 18th (Paris) it is not yet.
    """
    held = followed_up_ready(COMPLETED)
    by_day = {o.name: o.allowed for o in next_events(held, on=pendulum.date(2026, 11, 19))}
    before = {o.name: o.allowed for o in next_events(held, on=paris(11, 18, 23))}
    assert by_day["hold_follow_up"]
    assert not before["hold_follow_up"]


# -- history and load --------------------------------------------------------------------


def _wire(bilan: bc.Bilan) -> dict[str, Any]:
    return orjson.loads(bc.dumps(bilan))  # type: ignore[no-any-return]


@pytest.mark.parametrize("funding", sorted(bc.samples.EXAMPLE_FUNDINGS))
def test_examples_replay(funding: str) -> None:
    """Every shipped example's history replays to its phase."""
    bilan = bc.example_bilan(funding)
    assert replay(bilan.history) is bilan.phase
    assert replay_errors(bilan) == []
    assert bc.load(bc.dumps(bilan)) == bilan


def _swap(data: dict[str, Any]) -> None:
    data["history"][1], data["history"][2] = data["history"][2], data["history"][1]


def _rename(data: dict[str, Any]) -> None:
    data["history"][3]["name"] = "conclude"


def _drop_last(data: dict[str, Any]) -> None:
    del data["history"][-1]


def _back_in_time(data: dict[str, Any]) -> None:
    data["history"][2]["at"] = "2026-03-01T10:00:00+00:00"


def _no_history(data: dict[str, Any]) -> None:
    data["history"] = []


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        pytest.param(_swap, [("$.history[1].name",)], id="out-of-order"),
        pytest.param(_rename, [("$.history[3].name",)], id="unknown-event"),
        pytest.param(_drop_last, [("$.phase",)], id="phase-ahead-of-history"),
        pytest.param(_no_history, [("$.phase",)], id="no-history"),
        pytest.param(_back_in_time, [("$.history[2].at",)], id="instants-go-back"),
    ],
)
def test_load_rejects_a_history_that_does_not_replay(
    damage: Any, expected: list[tuple[str]]
) -> None:
    """A document whose history does not replay to its phase is not a bilan."""
    data = _wire(SAMPLE)
    damage(data)
    with pytest.raises(bc.SerializationError) as info:
        bc.load(data)
    assert [(path,) for path, _ in info.value.errors] == expected


@pytest.mark.parametrize(
    "history",
    [
        pytest.param((SAMPLE.history[1],), id="engagement-before-agreement"),
        pytest.param((*SAMPLE.history[:2], SAMPLE.history[0]), id="agree-twice"),
        pytest.param((SAMPLE.history[1], SAMPLE.history[0]), id="instants-go-back"),
    ],
)
def test_replay_raises_on_a_history_the_graph_refuses(history: tuple[bc.Event, ...]) -> None:
    """replay() follows the graph only; an impossible step is a PhaseTransitionError."""
    with pytest.raises(bc.PhaseTransitionError):
        replay(history)


def test_replay_ignores_the_guards() -> None:
    """History records what happened under the rules then: the guards are not re-run."""
    bilan = attrs.evolve(SAMPLE, consent=None, sessions=(), documents=())
    assert replay(bilan.history) is P.COMPLETED
    assert replay_errors(bilan) == []


# -- threads -----------------------------------------------------------------------------


def _full_walk(start: bc.Bilan) -> list[Any]:
    results: list[Any] = []
    bilan = start
    for event in SAMPLE.history:
        try:
            advance(bilan, "hold_follow_up", at=event.at)
        except bc.PhaseTransitionError as error:
            results.append(error.rule_ids)
        bilan = advance(bilan, event.name, at=event.at)
        results.append(bilan)
    results.append(advance(followed_up_ready(bilan), "hold_follow_up", at=FOLLOW_UP_END))
    results.append(next_events(bilan, on=bc.EXAMPLE_ON))
    return results


def test_eight_threads_advancing_one_snapshot_agree() -> None:
    """Threads sharing a snapshot get the same results as one thread, every time."""
    start = in_phase(P.INQUIRY)
    expected = _full_walk(start)
    barrier = threading.Barrier(8)
    outcomes: list[list[Any]] = []
    lock = threading.Lock()

    def work() -> None:
        barrier.wait()
        mine = [_full_walk(start) for _ in range(25)]
        with lock:
            outcomes.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 8 * 25
    assert all(outcome == expected for outcome in outcomes)
    assert start == in_phase(P.INQUIRY)


# -- random walks ------------------------------------------------------------------------


class PhaseWalk(RuleBasedStateMachine):
    """Random events with random facts, and random changes to the data the guards read."""

    @initialize(funding=st.sampled_from(sorted(bc.samples.EXAMPLE_FUNDINGS)))
    def start(self, funding: str) -> None:
        self.bilan = in_phase(P.INQUIRY, funding)
        self.clock = paris(2, 1)

    @rule(
        event=st.sampled_from(EVENTS),
        hours=st.integers(0, 24 * 40),
        facts=st.dictionaries(
            st.sampled_from(["reason", "note_id", "count", "flag"]),
            st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
            max_size=2,
        ),
        policy=st.sampled_from([None, STAFF]),
    )
    def send(self, event: str, hours: int, facts: dict[str, Any], policy: bc.Policy | None) -> None:
        at = self.clock.add(hours=hours)
        before = self.bilan
        snapshot = bc.dumps(before)
        option = next(
            (o for o in next_events(before, on=at, policy=policy) if o.name == event), None
        )
        if option is None or not option.allowed:
            with pytest.raises(bc.PhaseTransitionError) as info:
                advance(before, event, at=at, policy=policy, facts=facts)
            assert bc.dumps(before) == snapshot
            assert (info.value.event, info.value.phase) == (event, before.phase.value)
            expected = () if option is None else option.blocked_by
            assert info.value.rule_ids == expected
            return
        after = advance(before, event, at=at, policy=policy, facts=facts)
        assert after.phase is GRAPH[before.phase][event]
        assert after.history == (*before.history, bc.Event(name=event, at=at, facts=facts))
        assert attrs.evolve(after, phase=before.phase, history=before.history) == before
        self.bilan, self.clock = after, at

    @rule(
        status=st.sampled_from(list(SessionStatus)),
        phase=st.sampled_from([P.PRELIMINARY, P.INVESTIGATION, P.CONCLUSION, P.FOLLOWED_UP]),
    )
    def mark_sessions(self, status: SessionStatus, phase: Phase) -> None:
        self.bilan = with_sessions(self.bilan, phase, status=status)

    @rule(offered=st.booleans(), held=st.booleans())
    def follow_up(self, offered: bool, held: bool) -> None:
        self.bilan = attrs.evolve(
            self.bilan,
            follow_up=bc.FollowUp(
                offered=offered, held_on=pendulum.date(2026, 11, 19) if held else None
            ),
        )

    @rule(delivered=st.booleans())
    def synthesis(self, delivered: bool) -> None:
        self.bilan = with_documents(
            self.bilan, DocumentKind.SYNTHESIS, delivered_at=DELIVERED if delivered else None
        )

    @precondition(lambda self: self.bilan.history)
    @rule()
    def round_trip(self) -> None:
        assert bc.load(bc.dumps(self.bilan)) == self.bilan

    @invariant()
    def history_replays_to_the_phase(self) -> None:
        assert replay(self.bilan.history) is self.bilan.phase
        assert replay_errors(self.bilan) == []

    @invariant()
    def final_phases_offer_nothing(self) -> None:
        assert (next_events(self.bilan, on=self.clock) == ()) is self.bilan.phase.is_final


TestPhaseWalk = PhaseWalk.TestCase


def test_import_and_load_do_not_import_the_engine() -> None:
    """Reading a plan replays its history from the phase graph's data: python-statemachine
    (about 90 ms) is imported by the first ``advance`` only."""
    code = (
        "import sys, bilan_core as bc; "
        "before = 'statemachine' in sys.modules; "
        "bc.load(bc.dumps(bc.example_bilan())); "
        "loaded = 'statemachine' in sys.modules; "
        "import pendulum; "
        "bc.advance(bc.example_bilan(), 'decline_follow_up', "
        "at=pendulum.datetime(2026, 6, 2, tz='UTC')); "
        "print(before, loaded, 'statemachine' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False", "True"]


def test_facts_are_one_mapping_with_any_names() -> None:
    """Facts named like advance's options ("at", "policy") are facts, not options (0.1.0 took
    them as keyword arguments, so those names broke the call)."""
    out = advance(
        SAMPLE,
        "decline_follow_up",
        at=pendulum.datetime(2026, 6, 2, tz="UTC"),
        facts={"at": "phone", "policy": "by_mail"},
    )
    assert out.history[-1].facts == (("at", "phone"), ("policy", "by_mail"))
