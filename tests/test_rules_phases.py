"""Case table of section 2 (phases): the three phases, their order, personal conclusions and
the follow-up offer."""

from __future__ import annotations

import attrs
import pytest

from _builders import (
    add_session,
    assert_case,
    at,
    example_bilan,
    family_violations,
    with_session,
)
from bilan_core import references as ref
from bilan_core.follow_up import FollowUp
from bilan_core.phases import Phase
from bilan_core.report import Severity
from bilan_core.sessions import SessionKind, SessionStatus

FAMILY = (
    "BC-PHASES-COMPLETE",
    "BC-PHASES-ORDER",
    "BC-CONCLUSION-PERSONAL",
    "BC-FOLLOW-UP-OFFERED",
)
REFERENCES = dict.fromkeys(FAMILY, (ref.R6313_4,))
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
CANCELLED, PLANNED = SessionStatus.CANCELLED, SessionStatus.PLANNED


def _sessions(bilan, ids, **changes):
    for session_id in ids:
        bilan = with_session(bilan, session_id, **changes)
    return bilan


def _at_phase(phase, bilan=None):
    return attrs.evolve(bilan or example_bilan("cpf"), phase=phase)


CONCLUSIONS = ("s08", "s09")
PRELIMINARY = ("s01", "s02")
EXAMPLE = example_bilan("cpf")

CASES = [
    pytest.param(EXAMPLE, [], id="example-passes"),
    # BC-PHASES-COMPLETE
    pytest.param(
        _sessions(EXAMPLE, CONCLUSIONS, status=CANCELLED),
        [("BC-PHASES-COMPLETE", ERROR)],
        id="completed-without-conclusions-fails",
    ),
    pytest.param(
        _sessions(EXAMPLE, CONCLUSIONS, status=PLANNED),
        [("BC-PHASES-COMPLETE", ERROR)],
        id="completed-with-conclusions-only-planned-fails",
    ),
    pytest.param(
        _at_phase(Phase.CLOSED, _sessions(EXAMPLE, PRELIMINARY, status=CANCELLED)),
        [("BC-PHASES-COMPLETE", ERROR)],
        id="closed-without-preliminary-fails",
    ),
    pytest.param(
        _at_phase(Phase.CONCLUSION, _sessions(EXAMPLE, CONCLUSIONS, status=PLANNED)),
        [],
        id="in-conclusion-with-planned-conclusions-passes",
    ),
    pytest.param(
        _at_phase(Phase.INVESTIGATION, _sessions(EXAMPLE, CONCLUSIONS, status=CANCELLED)),
        [("BC-PHASES-COMPLETE", INFO)],
        id="in-investigation-conclusions-not-planned-yet-info",
    ),
    pytest.param(
        _at_phase(Phase.INVESTIGATION, _sessions(EXAMPLE, PRELIMINARY, status=PLANNED)),
        [("BC-PHASES-COMPLETE", ERROR)],
        id="in-investigation-preliminary-not-held-fails",
    ),
    pytest.param(
        _at_phase(Phase.ABANDONED, _sessions(EXAMPLE, CONCLUSIONS, status=CANCELLED)),
        [],
        id="abandoned-not-judged",
    ),
    # BC-PHASES-ORDER: s01 starts 2026-03-16, investigation s03 on 2026-03-31
    pytest.param(
        with_session(EXAMPLE, "s03", start=at(2026, 3, 16, 9, 29)),
        [("BC-PHASES-ORDER", ERROR)],
        id="investigation-a-minute-before-preliminary-fails",
    ),
    pytest.param(
        with_session(
            with_session(EXAMPLE, "s02", status=CANCELLED), "s03", start=at(2026, 3, 16, 9, 30)
        ),
        [],
        id="investigation-with-preliminary-start-passes",
    ),
    pytest.param(
        with_session(EXAMPLE, "s08", start=at(2026, 3, 30, 9, 30)),
        [("BC-PHASES-ORDER", ERROR)],
        id="conclusions-before-investigation-fails",
    ),
    pytest.param(
        add_session(EXAMPLE, at(2026, 4, 2), phase=Phase.PRELIMINARY),
        [("BC-PHASES-ORDER", WARNING)],
        id="back-to-preliminary-warns",
    ),
    pytest.param(
        add_session(EXAMPLE, at(2026, 5, 13), phase=Phase.INVESTIGATION),
        [("BC-PHASES-ORDER", WARNING)],
        id="back-to-investigation-warns",
    ),
    # BC-CONCLUSION-PERSONAL
    pytest.param(
        _sessions(EXAMPLE, CONCLUSIONS, kind=SessionKind.WORKSHOP),
        [("BC-CONCLUSION-PERSONAL", ERROR)],
        id="conclusions-in-workshops-fail",
    ),
    pytest.param(
        _sessions(EXAMPLE, CONCLUSIONS, individual=False),
        [("BC-CONCLUSION-PERSONAL", ERROR)] + [("BC-CONCLUSION-PERSONAL", WARNING)] * 2,
        id="collective-conclusions-fail-and-warn",
    ),
    pytest.param(
        with_session(EXAMPLE, "s09", individual=False),
        [("BC-CONCLUSION-PERSONAL", WARNING)],
        id="one-collective-conclusion-warns",
    ),
    # BC-FOLLOW-UP-OFFERED
    pytest.param(
        attrs.evolve(EXAMPLE, follow_up=FollowUp(offered=False)),
        [("BC-FOLLOW-UP-OFFERED", ERROR)],
        id="completed-without-follow-up-offer-fails",
    ),
    pytest.param(
        _at_phase(Phase.CONCLUSION, attrs.evolve(EXAMPLE, follow_up=FollowUp(offered=False))),
        [],
        id="not-completed-yet-passes",
    ),
    pytest.param(
        _at_phase(
            Phase.CLOSED,
            attrs.evolve(EXAMPLE, follow_up=FollowUp(offered=True, declined_on=EXAMPLE.end_date)),
        ),
        [],
        id="declined-follow-up-passes",
    ),
]


@pytest.mark.parametrize(("bilan", "expected"), CASES)
def test_phases_cases(bilan, expected):
    """Each case reports exactly the expected rules of section 2, citing R6313-4."""
    assert_case(family_violations(bilan, FAMILY), expected, REFERENCES)


def test_going_back_points_at_the_session():
    """The warning names the session that goes back, at its phase."""
    bilan = add_session(EXAMPLE, at(2026, 4, 2), phase=Phase.PRELIMINARY)
    (violation,) = family_violations(bilan, FAMILY)
    assert violation.path == f"$.sessions[{len(bilan.sessions) - 1}].phase"
    assert violation.message.en.startswith("back to the preliminary phase after")


def test_missing_phase_is_named():
    """The missing phase is named in both languages."""
    (violation,) = family_violations(_sessions(EXAMPLE, CONCLUSIONS, status=CANCELLED), FAMILY)
    assert (
        violation.message.fr
        == "aucune séance tenue pour la phase de conclusions (C. trav., art. R6313-4)"
    )
    assert violation.message.en.startswith("no session held for the conclusions phase")
