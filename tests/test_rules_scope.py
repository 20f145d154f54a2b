"""Case table of section 1 (consent and scope): consent, employer, Qualiopi, NDA."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from _builders import (
    assert_case,
    at,
    consent_on,
    example_bilan,
    family_violations,
    with_beneficiary,
    with_funding,
    with_provider,
)
from bilan_core import references as ref
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.consent import Consent
from bilan_core.facts import public_or_mutualised
from bilan_core.funding import Payer, PublicFunder
from bilan_core.phases import Phase
from bilan_core.provider import QualiopiCategory
from bilan_core.report import Severity
from bilan_core.samples import EXAMPLE_FUNDINGS, STAFF_PROVIDER

FAMILY = (
    "BC-CONSENT-REQUIRED",
    "BC-CONSENT-WITHDRAWN",
    "BC-PROVIDER-NOT-EMPLOYER",
    "BC-PROVIDER-QUALIOPI",
    "BC-PROVIDER-DECLARED",
)
REFERENCES = {
    "BC-CONSENT-REQUIRED": (ref.L6313_4,),
    "BC-CONSENT-WITHDRAWN": (ref.L6313_4,),
    "BC-PROVIDER-NOT-EMPLOYER": (ref.R6313_5,),
    "BC-PROVIDER-QUALIOPI": (ref.L6316_1, ref.R6316_1),
    "BC-PROVIDER-DECLARED": (ref.L6351_1, ref.R6351_1),
}
ERROR, WARNING = Severity.ERROR, Severity.WARNING
QUALIOPI = "BC-PROVIDER-QUALIOPI"


def _no_qualiopi(funding: str, **changes):
    bilan = with_provider(example_bilan(funding), qualiopi=None)
    return with_funding(bilan, **changes) if changes else bilan


def _qualiopi_until(day: pendulum.Date, categories=None):
    certificate = attrs.evolve(
        STAFF_PROVIDER.qualiopi,
        valid_until=day,
        **({"categories": categories} if categories is not None else {}),
    )
    return with_provider(example_bilan("cpf"), qualiopi=certificate)


def _withdrawn(when):
    bilan = example_bilan("cpf")
    return attrs.evolve(bilan, consent=Consent(given_at=bilan.consent.given_at, withdrawn_at=when))


def _job_seeker_agreed(day: pendulum.Date):
    bilan = _no_qualiopi("job_seeker")
    return consent_on(bilan, pendulum.datetime(day.year, day.month, day.day, 10, tz="Europe/Paris"))


CASES = [
    *(pytest.param(example_bilan(f), [], id=f"example-{f}-passes") for f in EXAMPLE_FUNDINGS),
    # BC-CONSENT-REQUIRED
    pytest.param(
        attrs.evolve(example_bilan("cpf"), consent=None),
        [("BC-CONSENT-REQUIRED", ERROR)],
        id="no-consent-fails",
    ),
    pytest.param(
        attrs.evolve(example_bilan("cpf"), consent=None, sessions=(), phase=Phase.INQUIRY),
        [],
        id="no-consent-during-inquiry-passes",
    ),
    pytest.param(
        consent_on(example_bilan("self_funded"), at(2026, 3, 16, 9, 30)),
        [],
        id="consent-at-first-session-start-passes",
    ),
    pytest.param(
        consent_on(example_bilan("self_funded"), at(2026, 3, 16, 9, 31)),
        [("BC-CONSENT-REQUIRED", ERROR)],
        id="consent-after-first-session-fails",
    ),
    # BC-CONSENT-WITHDRAWN: s09 starts 2026-05-19 09:30, the follow-up s10 2026-11-19 10:00
    pytest.param(
        _withdrawn(at(2026, 5, 19, 9, 30)),
        [("BC-CONSENT-WITHDRAWN", ERROR)] * 2,
        id="withdrawn-at-s09-start-fails-twice",
    ),
    pytest.param(_withdrawn(at(2026, 11, 19, 10, 1)), [], id="withdrawn-after-last-passes"),
    # BC-PROVIDER-NOT-EMPLOYER
    pytest.param(
        with_beneficiary(example_bilan("cpf"), employer_siret=STAFF_PROVIDER.siret),
        [("BC-PROVIDER-NOT-EMPLOYER", ERROR)],
        id="provider-is-employer-fails",
    ),
    pytest.param(
        with_beneficiary(example_bilan("public_leave"), employer_siret=STAFF_PROVIDER.siret),
        [],
        id="public-agent-not-checked",
    ),
    # BC-PROVIDER-QUALIOPI: public or mutualised funds
    pytest.param(_no_qualiopi("cpf"), [(QUALIOPI, ERROR)], id="qualiopi-cpf-fails"),
    pytest.param(_no_qualiopi("job_seeker"), [(QUALIOPI, ERROR)], id="qualiopi-job-seeker-fails"),
    pytest.param(_no_qualiopi("employer_plan"), [(QUALIOPI, ERROR)], id="qualiopi-opco-fails"),
    pytest.param(
        _no_qualiopi("employer_plan", payer=Payer.EMPLOYER), [], id="qualiopi-employer-funds-n/a"
    ),
    pytest.param(
        _no_qualiopi("reclassification_leave", payer=Payer.EMPLOYER),
        [],
        id="qualiopi-reclassification-employer-funds-n/a",
    ),
    pytest.param(_no_qualiopi("public_leave"), [(QUALIOPI, ERROR)], id="qualiopi-admin-fails"),
    pytest.param(
        _no_qualiopi("public_leave", funder=PublicFunder.ANFH),
        [(QUALIOPI, ERROR)],
        id="qualiopi-anfh-fails",
    ),
    pytest.param(
        _no_qualiopi("public_leave", funder=PublicFunder.AGENT), [], id="qualiopi-agent-pays-n/a"
    ),
    pytest.param(_no_qualiopi("self_funded"), [], id="qualiopi-self-funded-n/a"),
    pytest.param(
        _qualiopi_until(pendulum.date(2026, 3, 16)), [], id="qualiopi-valid-on-first-session"
    ),
    pytest.param(
        _qualiopi_until(pendulum.date(2026, 3, 15)),
        [(QUALIOPI, WARNING)],
        id="qualiopi-lapsed-before-first-session-warns",
    ),
    pytest.param(
        _qualiopi_until(pendulum.date(2026, 3, 1)),
        [(QUALIOPI, ERROR)],
        id="qualiopi-lapsed-before-purchase-fails",
    ),
    pytest.param(
        _qualiopi_until(pendulum.date(2027, 5, 31), {QualiopiCategory.TRAINING_ACTIONS}),
        [(QUALIOPI, ERROR)],
        id="qualiopi-without-bilan-category-fails",
    ),
    pytest.param(
        _job_seeker_agreed(pendulum.date(2021, 12, 31)), [], id="qualiopi-before-2022-n/a"
    ),
    pytest.param(
        _job_seeker_agreed(pendulum.date(2022, 1, 1)),
        [(QUALIOPI, ERROR)],
        id="qualiopi-from-2022-01-01-fails",
    ),
    # BC-PROVIDER-DECLARED
    pytest.param(
        with_provider(example_bilan("cpf"), nda=None),
        [("BC-PROVIDER-DECLARED", ERROR)],
        id="no-nda-cpf-error",
    ),
    pytest.param(
        with_provider(example_bilan("self_funded"), nda=None),
        [("BC-PROVIDER-DECLARED", WARNING)],
        id="no-nda-self-funded-warning",
    ),
]


@pytest.mark.parametrize(("bilan", "expected"), CASES)
def test_scope_cases(bilan, expected):
    """Each case reports exactly the expected rules of section 1, with their references."""
    assert_case(family_violations(bilan, FAMILY), expected, REFERENCES)


def test_withdrawal_paths_point_at_the_sessions():
    """A session after the withdrawal is reported at its own start."""
    found = family_violations(_withdrawn(at(2026, 5, 19, 9, 30)), FAMILY)
    assert sorted(v.path for v in found) == ["$.sessions[8].start", "$.sessions[9].start"]


def test_self_employed_is_not_compared_with_the_provider():
    """The employer comparison is for private-law employees only."""
    bilan = with_beneficiary(
        example_bilan("cpf"),
        status=BeneficiaryStatus.SELF_EMPLOYED,
        employer_siret=STAFF_PROVIDER.siret,
    )
    assert family_violations(bilan, ("BC-PROVIDER-NOT-EMPLOYER",)) == []


@pytest.mark.parametrize(
    ("funding", "expected"),
    [("cpf", True), ("job_seeker", True), ("employer_plan", True), ("self_funded", False)],
)
def test_public_or_mutualised(funding, expected):
    """The examples' routes: CPF, job seekers and OPCO are public or mutualised funds."""
    assert public_or_mutualised(example_bilan(funding).funding) is expected
