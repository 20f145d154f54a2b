"""Case table of section 6 (public agents' leave): notice, answer, convention, hours and
frequency, by branch (FPT, FPH, FPE) and by the date each branch's text came into force."""

from __future__ import annotations

import attrs
import pendulum
import pytest

import bilan_core as bc
from _builders import (
    assert_case,
    consent_on,
    example_bilan,
    family_violations,
    with_beneficiary,
    with_funding,
)
from bilan_core import references as ref
from bilan_core.beneficiary import PublicService
from bilan_core.funding import LeaveAnswer, PublicFunder
from bilan_core.report import Severity

FAMILY = (
    "BC-PUBLIC-LEAVE-NOTICE",
    "BC-PUBLIC-LEAVE-ANSWER",
    "BC-PUBLIC-CONVENTION",
    "BC-PUBLIC-LEAVE-HOURS",
    "BC-PUBLIC-FREQUENCY",
)
REFERENCES = {
    "BC-PUBLIC-LEAVE-NOTICE": (ref.DECRET_2007_1845, ref.DECRET_2008_824),
    "BC-PUBLIC-LEAVE-ANSWER": (
        ref.DECRET_2007_1845,
        ref.DECRET_2008_824,
        ref.ARRETE_2009_07_31,
        ref.CRPA_L231_4,
    ),
    "BC-PUBLIC-CONVENTION": (ref.ARRETE_2009_07_31, ref.DECRET_2007_1845, ref.DECRET_2008_824),
    "BC-PUBLIC-LEAVE-HOURS": (
        ref.DECRET_2007_1845,
        ref.DECRET_2008_824,
        ref.DECRET_2022_1043,
        ref.CGFP_L422_3,
    ),
    "BC-PUBLIC-FREQUENCY": (ref.DECRET_2008_824, ref.DECRET_2022_1043),
}
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
NOTICE, ANSWER = "BC-PUBLIC-LEAVE-NOTICE", "BC-PUBLIC-LEAVE-ANSWER"
CONVENTION, HOURS, FREQUENCY = (
    "BC-PUBLIC-CONVENTION",
    "BC-PUBLIC-LEAVE-HOURS",
    "BC-PUBLIC-FREQUENCY",
)
D = pendulum.date
ON = pendulum.date(2026, 6, 1)
FPT, FPH, FPE = PublicService.TERRITORIAL, PublicService.HOSPITAL, PublicService.STATE


def _agent(branch=FPT, agreed=None, priority=False, **funding):
    """The public-leave example (FPT, received 2026-01-05, granted, 24 h, convention), as an
    agent of ``branch``, agreed on ``agreed``."""
    bilan = with_beneficiary(example_bilan("public_leave"), public_service=branch)
    if priority:
        bilan = with_beneficiary(bilan, priority_agent=True)
    if agreed is not None:  # in service long before
        bilan = with_beneficiary(bilan, in_service_since=D(2000, 1, 1))
        bilan = consent_on(bilan, pendulum.datetime(*agreed.timetuple()[:3], 10, tz="Europe/Paris"))
    return with_funding(bilan, **funding) if funding else bilan


def _silent(branch=FPT):
    return _agent(branch, answer=None, answered_on=None)


IN_SERVICE = D(2015, 9, 1)


def _fph_history(priority=False, since=IN_SERVICE, earlier=()):
    bilan = _agent(FPH, priority=priority)
    return with_beneficiary(bilan, in_service_since=since, earlier_funded_bilans=list(earlier))


CASES = [
    pytest.param(example_bilan("public_leave"), ON, [], id="example-fpt-passes"),
    pytest.param(_agent(FPH), ON, [], id="example-as-fph-passes"),
    pytest.param(_agent(FPE), ON, [], id="example-as-fpe-passes"),
    # BC-PUBLIC-LEAVE-NOTICE: first session 2026-03-16
    pytest.param(_agent(request_received_on=D(2026, 1, 15)), ON, [], id="notice-60-days-passes"),
    pytest.param(
        _agent(request_received_on=D(2026, 1, 16)),
        ON,
        [(NOTICE, ERROR)],
        id="notice-59-days-fails",
    ),
    pytest.param(
        _agent(FPH, request_received_on=D(2026, 1, 16)),
        ON,
        [(NOTICE, ERROR)],
        id="notice-59-days-fph-fails",
    ),
    pytest.param(
        _agent(FPE, request_received_on=D(2026, 1, 16)), ON, [], id="no-notice-rule-for-fpe"
    ),
    pytest.param(
        _agent(request_received_on=None, answer=None, answered_on=None),
        ON,
        [(NOTICE, WARNING)],
        id="notice-receipt-unknown-warns",
    ),
    # BC-PUBLIC-LEAVE-ANSWER: received 2026-01-05; +30 days 2026-02-04; +2 months 2026-03-05
    pytest.param(_silent(), D(2026, 2, 4), [(ANSWER, INFO)], id="fpt-day-30-pending"),
    pytest.param(_silent(), D(2026, 2, 5), [(ANSWER, WARNING)], id="fpt-day-31-overdue"),
    pytest.param(_silent(), D(2026, 3, 5), [(ANSWER, WARNING)], id="fpt-2-months-overdue"),
    pytest.param(_silent(), D(2026, 3, 6), [(ANSWER, ERROR)], id="fpt-past-2-months-refused"),
    pytest.param(_silent(FPH), D(2026, 2, 5), [(ANSWER, WARNING)], id="fph-day-31-overdue"),
    pytest.param(_silent(FPE), D(2026, 2, 5), [(ANSWER, INFO)], id="fpe-day-31-still-pending"),
    pytest.param(_silent(FPE), D(2026, 3, 5), [(ANSWER, INFO)], id="fpe-2-months-pending"),
    pytest.param(_silent(FPE), D(2026, 3, 6), [(ANSWER, ERROR)], id="fpe-past-2-months-refused"),
    pytest.param(
        _agent(answer=LeaveAnswer.REFUSED), ON, [(ANSWER, ERROR)], id="explicit-refusal-fails"
    ),
    pytest.param(
        _agent(request_received_on=D(2026, 2, 1), answer=None, answered_on=None),
        D(2026, 3, 20),
        [(NOTICE, ERROR), (ANSWER, ERROR)],
        id="started-without-answer-fails",
    ),
    # BC-PUBLIC-CONVENTION
    pytest.param(
        _agent(convention=None), ON, [(CONVENTION, ERROR)], id="fpt-authority-pays-needs-one"
    ),
    pytest.param(
        _agent(convention=None, funder=PublicFunder.AGENT), ON, [], id="fpt-agent-pays-n/a"
    ),
    pytest.param(
        _agent(FPH, convention=None, funder=PublicFunder.ANFH),
        ON,
        [(CONVENTION, ERROR)],
        id="fph-anfh-needs-one",
    ),
    pytest.param(_agent(FPH, convention=None), ON, [], id="fph-not-anfh-n/a"),
    pytest.param(
        _agent(FPE, convention=None, funder=PublicFunder.AGENT),
        ON,
        [(CONVENTION, ERROR)],
        id="fpe-always-needs-one",
    ),
    # BC-PUBLIC-LEAVE-HOURS
    pytest.param(_agent(leave_minutes=24 * 60), ON, [], id="leave-24h00-passes"),
    pytest.param(_agent(leave_minutes=24 * 60 + 1), ON, [(HOURS, ERROR)], id="leave-24h01-fails"),
    pytest.param(_agent(priority=True, leave_minutes=72 * 60), ON, [], id="priority-72h00"),
    pytest.param(
        _agent(priority=True, leave_minutes=72 * 60 + 1),
        ON,
        [(HOURS, ERROR)],
        id="priority-72h01-fails",
    ),
    pytest.param(_agent(FPE, priority=True, leave_minutes=30 * 60), ON, [], id="priority-fpe-72h"),
    pytest.param(
        _agent(agreed=D(2022, 7, 24), priority=True, leave_minutes=25 * 60),
        ON,
        [(HOURS, ERROR)],
        id="priority-before-2022-07-25-24h",
    ),
    pytest.param(
        _agent(agreed=D(2022, 7, 25), priority=True, leave_minutes=25 * 60),
        ON,
        [],
        id="priority-from-2022-07-25-72h",
    ),
    # the branches' texts in force: FPT 2007-12-30, FPH 2008-08-24, FPE 2009-08-14
    pytest.param(
        _agent(FPT, agreed=D(2007, 12, 29), leave_minutes=25 * 60), ON, [], id="fpt-before-text"
    ),
    pytest.param(
        _agent(FPT, agreed=D(2007, 12, 30), leave_minutes=25 * 60),
        ON,
        [(HOURS, ERROR)],
        id="fpt-from-2007-12-30",
    ),
    pytest.param(
        _agent(FPH, agreed=D(2008, 8, 23), leave_minutes=25 * 60), ON, [], id="fph-before-text"
    ),
    pytest.param(
        _agent(FPH, agreed=D(2008, 8, 24), leave_minutes=25 * 60),
        ON,
        [(HOURS, ERROR)],
        id="fph-from-2008-08-24",
    ),
    pytest.param(
        _agent(FPE, agreed=D(2009, 8, 13), leave_minutes=25 * 60), ON, [], id="fpe-before-text"
    ),
    pytest.param(
        _agent(FPE, agreed=D(2009, 8, 14), leave_minutes=25 * 60),
        ON,
        [(HOURS, ERROR)],
        id="fpe-from-2009-08-14",
    ),
    # BC-PUBLIC-FREQUENCY (FPH): agreed 2026-03-02
    pytest.param(_fph_history(since=D(2024, 3, 2)), ON, [], id="fph-2-years-of-service"),
    pytest.param(
        _fph_history(since=D(2024, 3, 3)),
        ON,
        [(FREQUENCY, ERROR)],
        id="fph-2-years-minus-a-day-fails",
    ),
    pytest.param(_fph_history(earlier=[D(2021, 3, 1)]), ON, [], id="fph-5-years-and-a-day"),
    pytest.param(
        _fph_history(earlier=[D(2021, 3, 2)]),
        ON,
        [(FREQUENCY, ERROR)],
        id="fph-5-years-to-the-day-fails",
    ),
    pytest.param(
        _fph_history(priority=True, earlier=[D(2023, 3, 1)]), ON, [], id="fph-priority-3-years"
    ),
    pytest.param(
        _fph_history(priority=True, earlier=[D(2023, 3, 2)]),
        ON,
        [(FREQUENCY, ERROR)],
        id="fph-priority-3-years-to-the-day-fails",
    ),
    pytest.param(
        with_beneficiary(_agent(FPT), earlier_funded_bilans=[D(2025, 1, 1)]),
        ON,
        [],
        id="frequency-is-fph-only",
    ),
]


@pytest.mark.parametrize(("bilan", "on", "expected"), CASES)
def test_public_sector_cases(bilan, on, expected):
    """Each case reports exactly the expected public-sector rules, with their references."""
    assert_case(family_violations(bilan, FAMILY, on=on), expected, REFERENCES)


def test_rules_skip_private_routes():
    """No public-sector rule runs on a private route."""
    for funding in ("cpf", "employer_plan", "self_funded", "job_seeker"):
        assert family_violations(example_bilan(funding), FAMILY) == []


def test_public_rules_can_be_left_out():
    """Every public-sector rule is secondary: ``include_secondary=False`` leaves them out."""
    import bilan_core as bc

    bilan = _agent(leave_minutes=25 * 60)
    assert "BC-PUBLIC-LEAVE-HOURS" in bc.validate(bilan, on=ON).rule_ids
    assert (
        "BC-PUBLIC-LEAVE-HOURS" not in bc.validate(bilan, on=ON, include_secondary=False).rule_ids
    )


@pytest.mark.parametrize(
    ("branch", "cited"),
    [
        (PublicService.TERRITORIAL, "Décret n° 2007-1845"),
        (PublicService.HOSPITAL, "Décret n° 2008-824"),
    ],
)
def test_messages_cite_the_agents_own_branch_text(branch: PublicService, cited: str) -> None:
    """A hospital agent's late request cites the FPH decree, a territorial agent's the FPT one;
    the violation still carries every reference of the rule."""
    bilan = bc.example_bilan("public_leave")
    bilan = attrs.evolve(
        bilan,
        beneficiary=attrs.evolve(bilan.beneficiary, public_service=branch),
        funding=attrs.evolve(bilan.funding, request_received_on=pendulum.date(2026, 1, 16)),
    )
    report = bc.validate(bilan, on=bc.EXAMPLE_ON, only={"BC-PUBLIC-LEAVE-NOTICE"})
    (violation,) = report.violations
    assert violation.message.fr.endswith(f"({cited})")
    assert violation.references == bc.rule("BC-PUBLIC-LEAVE-NOTICE").references
