"""Case table of section 4 (CPF): employer notice and answer, participation, cap, waiting
period and accompaniment-only, at their exact limits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _builders import (
    add_session,
    assert_case,
    at,
    example_bilan,
    family_violations,
    with_beneficiary,
    with_funding,
)
from bilan_core import references as ref
from bilan_core._paris import add_months, paris_date, paris_ordinal
from bilan_core._values import instant as instant_of
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.funding import EmployerAnswer, EmployerRequest, ParticipationExemption
from bilan_core.phases import Phase
from bilan_core.report import Severity

FAMILY = (
    "BC-CPF-EMPLOYER-NOTICE",
    "BC-CPF-EMPLOYER-ANSWER",
    "BC-CPF-PARTICIPATION",
    "BC-CPF-CAP",
    "BC-CPF-WAITING-PERIOD",
    "BC-CPF-ACCOMPANIMENT-ONLY",
)
REFERENCES = {
    "BC-CPF-EMPLOYER-NOTICE": (ref.L6323_17, ref.D6323_4),
    "BC-CPF-EMPLOYER-ANSWER": (ref.L6323_17, ref.D6323_4),
    "BC-CPF-PARTICIPATION": (
        ref.L6323_4,
        ref.L6323_7,
        ref.DECRET_2024_394,
        ref.ARRETES_CPF_PARTICIPATION,
    ),
    "BC-CPF-CAP": (ref.D6323_1_A, ref.L6323_6, ref.LFI_2026_ART_203, ref.DECRET_2026_127),
    "BC-CPF-WAITING-PERIOD": (ref.D6323_6_AL4, ref.DECRET_2026_126),
    "BC-CPF-ACCOMPANIMENT-ONLY": (ref.D6323_6_AL3, ref.DECRET_2026_126),
}
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
NOTICE, ANSWER = "BC-CPF-EMPLOYER-NOTICE", "BC-CPF-EMPLOYER-ANSWER"
PARTICIPATION = "BC-CPF-PARTICIPATION"
D = pendulum.date
ON = pendulum.date(2026, 6, 1)
FIRST_SESSION = D(2026, 3, 16)


def _request(sent, received=None, answer=None, answered=None):
    """The working-time example with another request to the employer."""
    request = EmployerRequest(
        sent_on=sent, received_on=received, answer=answer, answered_on=answered
    )
    return with_funding(example_bilan("cpf_working_time"), employer_request=request)


def _sent_days_before_start(days, answer=None):
    sent = FIRST_SESSION.subtract(days=days)
    answered = sent if answer is not None else None
    return _request(sent, answer=answer, answered=answered)


def _long_action(last_day):
    """70 days of notice (sent 2026-01-05) and a last session on ``last_day``."""
    return add_session(
        example_bilan("cpf_working_time"),
        at(last_day.year, last_day.month, last_day.day),
        phase=Phase.CONCLUSION,
    )


def _purchase(day, participation, cpf_amount="1486.80", **changes):
    """The CPF example bought on ``day`` with the amounts adding up."""
    paid, cpf = Decimal(participation), Decimal(cpf_amount)
    return with_funding(
        example_bilan("cpf"),
        purchase_date=day,
        participation=paid,
        cpf_amount=cpf,
        price=cpf + paid,
        **changes,
    )


PURCHASE = D(2026, 3, 2)


def _earlier(*days, purchase=PURCHASE):
    bilan = with_beneficiary(example_bilan("cpf"), earlier_funded_bilans=list(days))
    return with_funding(bilan, purchase_date=purchase)


def _funded(minutes):
    return with_funding(example_bilan("cpf"), funded_minutes=minutes)


CASES = [
    pytest.param(example_bilan("cpf"), ON, [], id="example-outside-working-time-passes"),
    pytest.param(example_bilan("cpf_working_time"), ON, [], id="example-working-time-passes"),
    # BC-CPF-EMPLOYER-NOTICE: first session 2026-03-16
    pytest.param(_sent_days_before_start(60), ON, [], id="notice-60th-day-passes"),
    pytest.param(_sent_days_before_start(59), ON, [(NOTICE, ERROR)], id="notice-59th-day-fails"),
    pytest.param(
        _sent_days_before_start(59, EmployerAnswer.GRANTED),
        ON,
        [(NOTICE, WARNING)],
        id="notice-59th-day-granted-anyway-warns",
    ),
    pytest.param(
        with_funding(example_bilan("cpf_working_time"), employer_request=None),
        ON,
        [(NOTICE, ERROR)],
        id="notice-no-request-fails",
    ),
    pytest.param(
        with_funding(example_bilan("cpf"), employer_request=None),
        ON,
        [],
        id="notice-outside-working-time-n/a",
    ),
    pytest.param(_long_action(D(2026, 9, 15)), ON, [], id="action-under-6-months-needs-60"),
    pytest.param(
        _long_action(D(2026, 9, 16)),
        ON,
        [(NOTICE, WARNING)],
        id="action-of-6-months-needs-120-granted-warns",
    ),
    # BC-CPF-EMPLOYER-ANSWER: received 2026-01-06, deadline 2026-02-05
    pytest.param(
        _request(D(2026, 1, 5), D(2026, 1, 6)),
        D(2026, 2, 5),
        [(ANSWER, INFO)],
        id="silence-on-day-30-pending-info",
    ),
    pytest.param(
        _request(D(2026, 1, 5), D(2026, 1, 6)),
        D(2026, 2, 6),
        [],
        id="silence-on-day-31-is-acceptance",
    ),
    pytest.param(
        _request(D(2026, 1, 5), D(2026, 2, 14)),
        ON,
        [(ANSWER, ERROR)],
        id="start-on-day-30-without-answer-fails",
    ),
    pytest.param(
        _request(D(2026, 1, 5), D(2026, 2, 13)),
        ON,
        [],
        id="start-on-day-31-after-silence-passes",
    ),
    pytest.param(
        _request(D(2026, 1, 5), D(2026, 1, 6), EmployerAnswer.REFUSED, D(2026, 2, 5)),
        ON,
        [(ANSWER, ERROR)],
        id="refused-on-day-30-fails",
    ),
    pytest.param(
        _request(D(2026, 1, 5), D(2026, 1, 6), EmployerAnswer.REFUSED, D(2026, 2, 6)),
        ON,
        [(ANSWER, INFO)],
        id="refused-on-day-31-too-late-info",
    ),
    pytest.param(
        _request(D(2026, 1, 5), None),
        D(2026, 2, 4),
        [(ANSWER, INFO)],
        id="receipt-unknown-counts-from-sending",
    ),
    # BC-CPF-PARTICIPATION: amounts by purchase date
    pytest.param(_purchase(D(2024, 5, 1), "0.00"), ON, [], id="2024-05-01-none-owed"),
    pytest.param(_purchase(D(2024, 5, 2), "100.00"), ON, [], id="2024-05-02-100.00"),
    pytest.param(
        _purchase(D(2024, 5, 2), "0.00"), ON, [(PARTICIPATION, ERROR)], id="2024-05-02-0-fails"
    ),
    pytest.param(_purchase(D(2024, 12, 31), "100.00"), ON, [], id="2024-12-31-100.00"),
    pytest.param(
        _purchase(D(2025, 1, 1), "100.00"),
        ON,
        [(PARTICIPATION, ERROR)],
        id="2025-01-01-100.00-fails",
    ),
    pytest.param(_purchase(D(2025, 1, 1), "102.23"), ON, [], id="2025-01-01-102.23"),
    pytest.param(_purchase(D(2025, 12, 31), "102.23"), ON, [], id="2025-12-31-102.23"),
    pytest.param(
        _purchase(D(2026, 1, 1), "102.23"),
        ON,
        [(PARTICIPATION, ERROR)],
        id="2026-01-01-102.23-fails",
    ),
    pytest.param(_purchase(D(2026, 1, 1), "103.20"), ON, [], id="2026-01-01-103.20"),
    *(
        pytest.param(
            _purchase(D(2026, 3, 2), "0.00", exemption=exemption),
            ON,
            [],
            id=f"exempt-{exemption.value}-owes-none",
        )
        for exemption in ParticipationExemption
    ),
    pytest.param(
        _purchase(D(2026, 3, 2), "103.20", exemption=ParticipationExemption.C2P),
        ON,
        [(PARTICIPATION, ERROR)],
        id="exempt-but-charged-fails",
    ),
    pytest.param(
        with_beneficiary(
            _purchase(D(2026, 3, 2), "0.00"),
            status=BeneficiaryStatus.JOB_SEEKER,
            employer_siret=None,
        ),
        ON,
        [],
        id="job-seeker-beneficiary-exempt",
    ),
    pytest.param(
        with_funding(example_bilan("cpf"), price=Decimal("1590.01")),
        ON,
        [(PARTICIPATION, ERROR)],
        id="amounts-do-not-add-up",
    ),
    pytest.param(
        with_funding(
            example_bilan("cpf"),
            price=Decimal("1800.00"),
            co_funding=Decimal("210.00"),
        ),
        ON,
        [],
        id="co-funding-adds-up",
    ),
    # BC-CPF-CAP
    pytest.param(_purchase(D(2026, 3, 2), "103.20", "1600.00"), ON, [], id="cap-1600.00"),
    pytest.param(
        _purchase(D(2026, 3, 2), "103.20", "1600.01"),
        ON,
        [("BC-CPF-CAP", ERROR)],
        id="cap-1600.01-fails",
    ),
    pytest.param(
        _purchase(D(2026, 2, 25), "103.20", "2400.00"), ON, [], id="cap-not-before-2026-02-26"
    ),
    pytest.param(
        _purchase(D(2026, 2, 26), "103.20", "1600.01"),
        ON,
        [("BC-CPF-CAP", ERROR)],
        id="cap-from-2026-02-26",
    ),
    # BC-CPF-WAITING-PERIOD: purchase 2026-03-02
    pytest.param(_earlier(D(2021, 3, 1)), ON, [], id="earlier-bilan-5-years-and-a-day"),
    pytest.param(
        _earlier(D(2021, 3, 2)),
        ON,
        [("BC-CPF-WAITING-PERIOD", ERROR)],
        id="earlier-bilan-5-years-to-the-day-fails",
    ),
    pytest.param(
        _earlier(D(2018, 1, 1), D(2024, 6, 1)),
        ON,
        [("BC-CPF-WAITING-PERIOD", ERROR)],
        id="one-recent-earlier-bilan-fails-once",
    ),
    pytest.param(
        _earlier(D(2024, 6, 1), purchase=D(2026, 2, 25)),
        ON,
        [],
        id="waiting-not-before-2026-02-26",
    ),
    # BC-CPF-ACCOMPANIMENT-ONLY: 16 h of accompaniment
    pytest.param(_funded(None), ON, [], id="funded-minutes-unknown"),
    pytest.param(_funded(960), ON, [], id="funded-16h00-passes"),
    pytest.param(_funded(961), ON, [("BC-CPF-ACCOMPANIMENT-ONLY", ERROR)], id="funded-16h01-fails"),
]


@pytest.mark.parametrize(("bilan", "on", "expected"), CASES)
def test_cpf_cases(bilan, on, expected):
    """Each case reports exactly the expected CPF rules, with their references."""
    assert_case(family_violations(bilan, FAMILY, on=on), expected, REFERENCES)


def test_participation_message_has_the_amounts():
    """The message states what was paid and what was owed at the purchase date."""
    (violation,) = family_violations(_purchase(D(2025, 1, 1), "100.00"), FAMILY)
    assert violation.message.fr.startswith(
        "participation de 100,00 € ; 102,23 € due pour un achat le 01/01/2025"
    )
    assert violation.path == "$.funding.participation"


def test_notice_message_has_the_days():
    """The notice message gives the days counted and the days needed."""
    (violation,) = family_violations(_sent_days_before_start(59), FAMILY)
    assert "59 days before the start on 2026-03-16; at least 60 days" in violation.message.en


def test_rules_ignore_other_fundings():
    """No CPF rule runs on a bilan that is not bought with the CPF."""
    bilan = with_beneficiary(example_bilan("employer_plan"), earlier_funded_bilans=[D(2025, 1, 1)])
    assert family_violations(bilan, FAMILY) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 3, 16), 6, D(2026, 9, 16)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2021, 3, 2), 60, D(2026, 3, 2)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    """Whole months land on the same day, or the month's last day."""
    assert add_months(day, months) == expected


@given(st.datetimes(min_value=dt.datetime(1997, 1, 1), max_value=dt.datetime(2100, 12, 31)))
def test_paris_ordinal_is_the_paris_day(naive):
    """The rules' fast local day equals the Europe/Paris day, across DST changes and late
    evenings (after 22:00 UTC the Paris day may be the next one)."""
    instant = instant_of(naive.replace(tzinfo=dt.timezone.utc))
    assert paris_ordinal(instant) == paris_date(instant).toordinal()


@pytest.mark.parametrize(
    ("utc", "paris"),
    [
        ((2026, 1, 5, 22, 59), (2026, 1, 5)),
        ((2026, 1, 5, 23, 0), (2026, 1, 6)),
        ((2026, 7, 5, 21, 59), (2026, 7, 5)),
        ((2026, 7, 5, 22, 0), (2026, 7, 6)),
    ],
)
def test_paris_ordinal_at_midnight(utc, paris):
    """Paris midnight is 23:00 UTC in winter and 22:00 UTC in summer."""
    assert paris_ordinal(pendulum.datetime(*utc)) == D(*paris).toordinal()


def test_extreme_dates_never_raise():
    """At the last day the model takes (2999-12-31) validate reports, never raises."""
    request = EmployerRequest(sent_on=D(2999, 12, 20), received_on=D(2999, 12, 25))
    bilan = with_funding(
        example_bilan("cpf_working_time"), employer_request=request, purchase_date=D(2999, 12, 31)
    )
    bilan = with_beneficiary(bilan, earlier_funded_bilans=[D(2999, 12, 30)])
    found = family_violations(bilan, FAMILY, on=D(2999, 12, 31))
    assert ("BC-CPF-WAITING-PERIOD", ERROR) in [(v.rule_id, v.severity) for v in found]
