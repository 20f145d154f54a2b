"""Each legal delay is defined once: change its parameter and the rule, the timeline and the
guard of the phase machine all move together.

For the CPF employer's answer (D6323-4), the convention's acceptance (L6313-8 / R6313-8 via
the convention) and the public administration's answer to a leave request, the test replaces
the parameter's dated value for the whole run, then compares what the three consumers say
with what they said under the law's value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pendulum
import pytest

import bilan_core as bc
from bilan_core.facts import parameters
from bilan_core.facts._dated import DatedValue, Parameter
from bilan_core.funding import Convention, EmployerRequest, LeaveAnswer
from bilan_core.transitions import next_events


def _paris(month: int, day: int) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, 12, tz="Europe/Paris")


def _inquiry(funding: str, **changes: Any) -> bc.Bilan:
    """The example bilan of ``funding`` as it stood before the agreement."""
    bilan = bc.example_bilan(funding)
    bilan = attrs.evolve(bilan, phase=bc.Phase.INQUIRY, history=())
    return attrs.evolve(bilan, funding=attrs.evolve(bilan.funding, **changes))


@pytest.fixture
def change() -> Iterator[Any]:
    """``change(parameter, value)``: the parameter is ``value`` since 2019, for one test."""
    saved: list[tuple[Parameter[Any], tuple[DatedValue[Any], ...]]] = []

    def apply(parameter: Parameter[Any], value: int) -> None:
        first = parameter.values[0]
        saved.append((parameter, parameter.values))
        object.__setattr__(parameter, "values", (attrs.evolve(first, value=value),))
        parameters.on.cache_clear()

    yield apply
    for parameter, values in reversed(saved):
        object.__setattr__(parameter, "values", values)
    parameters.on.cache_clear()


def _blocked(bilan: bc.Bilan, at: pendulum.DateTime, rule_id: str) -> tuple[str, ...]:
    """The English messages with which ``rule_id`` blocks ``agree`` at ``at``."""
    option = next(o for o in next_events(bilan, on=at) if o.name == "agree")
    return tuple(m.en for m in option.messages if rule_id in m.en)


def _findings(bilan: bc.Bilan, on: pendulum.Date, rule_id: str) -> list[tuple[str, str]]:
    report = bc.validate(bilan, on=on)
    return [(v.severity.value, v.message.en) for v in report.violations if v.rule_id == rule_id]


def _due(bilan: bc.Bilan, on: pendulum.Date, what: str) -> pendulum.Date:
    (deadline,) = bc.timeline(bilan, on=on).of(what)
    return deadline.due


def test_cpf_employer_answer_moves_everywhere(change: Any) -> None:
    """30 days from receipt by law; at 45 days the deadline, the guard and the rule move."""
    bilan = _inquiry(
        "cpf_working_time",
        employer_request=EmployerRequest(
            sent_on=pendulum.date(2026, 1, 5), received_on=pendulum.date(2026, 1, 6)
        ),
    )
    on, at = pendulum.date(2026, 2, 10), _paris(2, 10)
    rule = "BC-CPF-EMPLOYER-ANSWER"
    assert _due(bilan, on, "cpf_employer_answer") == pendulum.date(2026, 2, 5)
    assert _blocked(bilan, at, rule) == ()  # silence has counted as acceptance since 5 Feb
    assert _findings(bilan, on, rule) == []

    change(parameters.CPF_EMPLOYER_ANSWER_DAYS, 45)

    assert _due(bilan, on, "cpf_employer_answer") == pendulum.date(2026, 2, 20)
    (blocked,) = _blocked(bilan, at, rule)
    assert "45 days from receipt" in blocked
    assert _findings(bilan, on, rule) == [
        (
            "info",
            (
                "the employer's answer is due by 2026-02-20; silence will count as acceptance "
                "(C. trav., art. D6323-4)"
            ),
        )
    ]


def test_convention_acceptance_moves_everywhere(change: Any) -> None:
    """10 days from sending by law; at 15 days a signature on day 11 is in time."""
    bilan = _inquiry(
        "employer_plan",
        convention=Convention(
            sent_on=pendulum.date(2026, 2, 20), signed_on=pendulum.date(2026, 3, 3)
        ),
    )
    on, at = pendulum.date(2026, 3, 3), _paris(3, 3)
    rule = "BC-CONVENTION-ACCEPTANCE"
    assert _due(bilan, on, "convention_signature") == pendulum.date(2026, 3, 2)
    assert _blocked(bilan, at, rule) != ()
    before = _findings(bilan, on, rule)
    assert [severity for severity, _ in before] == ["error"]

    change(parameters.CONVENTION_ACCEPTANCE_DAYS, 15)

    assert _due(bilan, on, "convention_signature") == pendulum.date(2026, 3, 7)
    assert _blocked(bilan, at, rule) == ()
    assert _findings(bilan, on, rule) == []


def test_public_leave_answer_moves_everywhere(change: Any) -> None:
    """30 days from receipt (FPT) by law; at 40 days the deadline, the guard and the rule move."""
    bilan = _inquiry("public_leave", answer=None, answered_on=None)
    assert bilan.funding.request_received_on == pendulum.date(2026, 1, 5)  # type: ignore[union-attr]
    on, at = pendulum.date(2026, 2, 10), _paris(2, 10)
    rule = "BC-PUBLIC-LEAVE-ANSWER"
    assert _due(bilan, on, "public_leave_answer") == pendulum.date(2026, 2, 4)
    (blocked,) = _blocked(bilan, at, rule)
    assert "within 30 days" in blocked
    assert [severity for severity, _ in _findings(bilan, on, rule)] == ["warning"]  # overdue

    change(parameters.PUBLIC_LEAVE_ANSWER_DAYS, 40)

    assert _due(bilan, on, "public_leave_answer") == pendulum.date(2026, 2, 14)
    (blocked,) = _blocked(bilan, at, rule)
    assert "within 40 days" in blocked
    assert _findings(bilan, on, rule) == [
        ("info", "the administration's answer is due by 2026-02-14 (Décret n° 2007-1845)")
    ]


def test_the_leave_is_still_granted_after_the_change(change: Any) -> None:
    """Changing a delay leaves the bilans it does not concern alone."""
    change(parameters.PUBLIC_LEAVE_ANSWER_DAYS, 40)
    granted = _inquiry("public_leave")
    assert granted.funding.answer is LeaveAnswer.GRANTED  # type: ignore[union-attr]
    assert _blocked(granted, _paris(2, 10), "BC-PUBLIC-LEAVE-ANSWER") == ()
