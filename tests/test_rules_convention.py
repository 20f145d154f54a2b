"""Case table of section 5 (the tripartite convention of R6313-8): required, its ten
mentions, and the employee's 10 days to sign."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from _builders import assert_case, example_bilan, family_violations, with_funding
from bilan_core import references as ref
from bilan_core.funding import CONVENTION_ITEMS, Convention, ConventionItem
from bilan_core.phases import Phase
from bilan_core.report import Severity

FAMILY = ("BC-CONVENTION-REQUIRED", "BC-CONVENTION-CONTENT", "BC-CONVENTION-ACCEPTANCE")
REFERENCES = {
    "BC-CONVENTION-REQUIRED": (ref.R6313_8, ref.L6312_1, ref.L1233_71),
    "BC-CONVENTION-CONTENT": (ref.R6313_8,),
    "BC-CONVENTION-ACCEPTANCE": (ref.R6313_8,),
}
ERROR, INFO = Severity.ERROR, Severity.INFO
ACCEPTANCE = "BC-CONVENTION-ACCEPTANCE"
D = pendulum.date
ON = pendulum.date(2026, 6, 1)
SENT = D(2026, 2, 20)  # + 10 days = 2026-03-02; the first session is on 2026-03-16


def _convention(sent=SENT, signed=None, items=CONVENTION_ITEMS, funding="employer_plan"):
    convention = Convention(sent_on=sent, signed_on=signed, items=frozenset(items))
    return with_funding(example_bilan(funding), convention=convention)


CASES = [
    pytest.param(example_bilan("employer_plan"), ON, [], id="example-plan-passes"),
    pytest.param(example_bilan("reclassification_leave"), ON, [], id="example-leave-passes"),
    # BC-CONVENTION-REQUIRED
    pytest.param(
        with_funding(example_bilan("employer_plan"), convention=None),
        ON,
        [("BC-CONVENTION-REQUIRED", ERROR)],
        id="plan-without-convention-fails",
    ),
    pytest.param(
        with_funding(example_bilan("reclassification_leave"), convention=None),
        ON,
        [("BC-CONVENTION-REQUIRED", ERROR)],
        id="reclassification-without-convention-fails",
    ),
    pytest.param(
        attrs.evolve(
            with_funding(example_bilan("employer_plan"), convention=None),
            phase=Phase.INQUIRY,
            sessions=(),
        ),
        ON,
        [],
        id="inquiry-without-convention-not-judged",
    ),
    # BC-CONVENTION-CONTENT
    pytest.param(
        _convention(
            signed=D(2026, 2, 25),
            items=set(CONVENTION_ITEMS) - {ConventionItem.PRICE, ConventionItem.RESULTS_HANDOVER},
        ),
        ON,
        [("BC-CONVENTION-CONTENT", ERROR)] * 2,
        id="two-mentions-missing-fail-twice",
    ),
    pytest.param(
        _convention(signed=D(2026, 2, 25), items=()),
        ON,
        [("BC-CONVENTION-CONTENT", ERROR)] * 10,
        id="empty-convention-ten-mentions",
    ),
    # BC-CONVENTION-ACCEPTANCE: sent 2026-02-20
    pytest.param(_convention(signed=D(2026, 3, 2)), ON, [], id="signed-on-day-10-accepted"),
    pytest.param(
        _convention(signed=D(2026, 3, 3)),
        ON,
        [(ACCEPTANCE, ERROR)],
        id="signed-on-day-11-refused",
    ),
    pytest.param(_convention(), D(2026, 3, 2), [(ACCEPTANCE, INFO)], id="unsigned-day-10-pending"),
    pytest.param(_convention(), D(2026, 3, 3), [(ACCEPTANCE, ERROR)], id="unsigned-day-11-refused"),
    pytest.param(
        _convention(),
        ON,
        [(ACCEPTANCE, ERROR)] * 2,
        id="unsigned-and-sessions-held-fails-twice",
    ),
    pytest.param(
        _convention(sent=D(2026, 3, 10), signed=D(2026, 3, 16)),
        ON,
        [],
        id="signed-on-the-first-session-day-passes",
    ),
    pytest.param(
        _convention(sent=D(2026, 3, 10), signed=D(2026, 3, 17)),
        ON,
        [(ACCEPTANCE, ERROR)],
        id="first-session-before-signature-fails",
    ),
    pytest.param(
        _convention(sent=None, signed=None),
        D(2026, 3, 1),
        [],
        id="draft-not-sent-before-the-start-passes",
    ),
    pytest.param(
        _convention(sent=None, signed=None),
        ON,
        [(ACCEPTANCE, ERROR)],
        id="never-signed-sessions-held-fails",
    ),
]


@pytest.mark.parametrize(("bilan", "on", "expected"), CASES)
def test_convention_cases(bilan, on, expected):
    """Each case reports exactly the expected convention rules, citing R6313-8."""
    assert_case(family_violations(bilan, FAMILY, on=on), expected, REFERENCES)


def test_missing_mentions_are_named_at_the_items_path():
    """One violation per missing mention, naming it, at ``$.funding.convention.items``."""
    bilan = _convention(signed=D(2026, 2, 25), items=set(CONVENTION_ITEMS) - {ConventionItem.PRICE})
    (violation,) = family_violations(bilan, FAMILY)
    assert violation.path == "$.funding.convention.items"
    assert (
        violation.message.fr == "mention manquante : prix de la prestation (C. trav., art. R6313-8)"
    )
    assert violation.message.en.startswith("missing mention: price")


def test_late_signature_message_counts_the_days():
    """The refusal message gives the days between sending and signing."""
    (violation,) = family_violations(_convention(signed=D(2026, 3, 3)), FAMILY)
    assert violation.path == "$.funding.convention.signed_on"
    assert "11 days after it was sent on 2026-02-20" in violation.message.en


def test_not_applied_to_other_fundings():
    """The private convention rules do not run on CPF or public-leave bilans."""
    for funding in ("cpf", "public_leave", "self_funded", "job_seeker"):
        assert family_violations(example_bilan(funding), FAMILY) == []
