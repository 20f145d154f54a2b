"""Case table of section 3 (duration): BC-DURATION-MAX and BC-DURATION-MIN at their limits."""

from __future__ import annotations

import pytest

from _builders import (
    add_session,
    assert_case,
    at,
    consent_on,
    example_bilan,
    family_violations,
    with_session,
)
from bilan_core import references as ref
from bilan_core.report import Severity
from bilan_core.sessions import SessionKind

FAMILY = ("BC-DURATION-MAX", "BC-DURATION-MIN")
REFERENCES = {
    "BC-DURATION-MAX": (ref.L6313_4,),
    "BC-DURATION-MIN": (ref.DECRET_NOR_TRSD2602696D, ref.R6313_4),
}
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _total(minutes_added: int):
    """The self-funded example (20 h) plus personal work."""
    return add_session(
        example_bilan("self_funded"),
        at(2026, 4, 8, 14, 0),
        minutes=minutes_added,
        kind=SessionKind.PERSONAL_WORK,
    )


def _accompaniment(minutes: int, agreed_day: int):
    """The self-funded example with 13 h 00 (or 12 h 59) of accompaniment, agreed on
    February ``agreed_day``, 2026."""
    bilan = with_session(example_bilan("self_funded"), "s03", with_consultant=False)
    if minutes == 779:
        bilan = with_session(bilan, "s01", minutes=119)
    assert bilan.accompaniment_minutes == minutes
    return consent_on(bilan, at(2026, 2, agreed_day, 10, 0))


CASES = [
    pytest.param(example_bilan("self_funded"), [], id="example-passes"),
    pytest.param(_total(240), [], id="24h00-passes"),
    pytest.param(_total(241), [("BC-DURATION-MAX", ERROR)], id="24h01-fails"),
    pytest.param(_accompaniment(780, 26), [], id="13h00-on-2026-02-26-passes"),
    pytest.param(
        _accompaniment(779, 26), [("BC-DURATION-MIN", WARNING)], id="12h59-on-2026-02-26-warns"
    ),
    pytest.param(_accompaniment(779, 25), [], id="12h59-on-2026-02-25-no-minimum-yet"),
    pytest.param(_accompaniment(780, 25), [], id="13h00-on-2026-02-25-passes"),
]


@pytest.mark.parametrize(("bilan", "expected"), CASES)
def test_duration_cases(bilan, expected):
    """Each case reports exactly the expected duration rules, citing L6313-4 (24 h) or the
    draft decree amending R6313-4 (13 h, a warning while unverified)."""
    assert_case(family_violations(bilan, FAMILY), expected, REFERENCES)


def test_duration_max_message_has_the_numbers():
    """The message states the planned total and the limit, then the citation."""
    (violation,) = family_violations(_total(241), FAMILY)
    assert violation.message.fr == "24 h 01 prévues ; au plus 24 h (C. trav., art. L6313-4)"
    assert violation.path == "$.sessions"
