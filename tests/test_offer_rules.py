"""The rules judging a provider's public offer: one case table per rule, at its limits.

Each case starts from a complete offer (the STAFF brochure plus what it lacks: a price, an
evaluation modality, a date, a result figure, a disability contact, the certificate shown)
that ``check_offer`` finds clean, changes it in one place, and asserts the findings: rule
id, severity, path and the text cited.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pendulum
import pytest

import bilan_core as bc
from bilan_core.checks.qualiopi import INFORMATION_MAX_AGE_MONTHS
from bilan_core.disclosures import RecipientKind
from bilan_core.offer import (
    AccessRoute,
    Confidentiality,
    Contact,
    ContactRole,
    Duration,
    EmployerInvolvement,
    FundingRoute,
    Methods,
    PhaseOutline,
    Price,
    QualiopiMention,
    ResultIndicator,
    ResultKind,
    ResultUnit,
)
from bilan_core.provider import Qualiopi, QualiopiCategory

ON = pendulum.date(2026, 6, 1)
EXAMPLES = Path(__file__).parent.parent / "examples" / "offers"
STAFF = bc.example_offer()

COMPLETE = attrs.evolve(
    STAFF,
    information_date=pendulum.date(2026, 1, 15),
    prices=(Price(amount=Decimal("1800.00")),),
    evaluation=("Questionnaire de satisfaction à la fin du bilan et à 6 mois",),
    results=(
        ResultIndicator(
            kind=ResultKind.SATISFACTION,
            label="Bénéficiaires satisfaits",
            value="96",
            unit=ResultUnit.PERCENT,
            period_start=pendulum.date(2025, 1, 1),
            period_end=pendulum.date(2025, 12, 31),
            sample_size=48,
        ),
    ),
    accessibility=attrs.evolve(
        STAFF.accessibility,
        disability_contact=Contact(
            role=ContactRole.DISABILITY, label="Référent handicap", phone="02 40 25 28 36"
        ),
    ),
    qualiopi=QualiopiMention(certificate_displayed=True),
)


def _findings(offer: bc.Offer, on: dt.date = ON) -> list[tuple[str, bc.Severity, str, str]]:
    report = bc.check_offer(offer, on=on)
    return [(v.rule_id, v.severity, v.path, v.references[0].citation) for v in report.violations]


def test_the_complete_offer_is_clean() -> None:
    """The base of every case: no finding at all, and every offer rule was run."""
    report = bc.check_offer(COMPLETE, on=ON)
    assert report.violations == ()
    assert set(report.checked) == {rule.id for rule in bc.rules(ON, subject="offer")}


def test_the_staff_offer_lacks_exactly_what_its_brochure_does_not_say() -> None:
    """The shipped example's report: no price, no evaluation modality, no date, no result
    figure, no disability contact, the certificate not shown; nothing else."""
    offer = bc.load_offer((EXAMPLES / "staff.json").read_bytes())
    assert offer == STAFF
    report = bc.check_offer(offer, on=ON)
    assert [(v.rule_id, v.severity.value, v.path) for v in report.violations] == [
        ("QUALIOPI-IND1-EVALUATION", "error", "$.evaluation"),
        ("QUALIOPI-IND1-DATED", "error", "$.information_date"),
        ("QUALIOPI-IND1-PRICES", "error", "$.prices"),
        ("QUALIOPI-IND2-RESULTS", "error", "$.results"),
        ("QUALIOPI-IND1-DISABILITY-CONTACT", "warning", "$.accessibility.disability_contact"),
        ("QUALIOPI-CERTIFICATE-DISPLAY", "warning", "$.qualiopi.certificate_displayed"),
    ]
    assert not report.ok


E, W, INFO = bc.Severity.ERROR, bc.Severity.WARNING, bc.Severity.INFO
IND1 = "Décret n° 2019-565, annexe, indicateur 1"
IND2 = "Décret n° 2019-565, annexe, indicateur 2"
GUIDE = "Guide de lecture RNQ"


def _evolve(**changes: object) -> bc.Offer:
    return attrs.evolve(COMPLETE, **changes)


def _indicator(**changes: object) -> bc.Offer:
    return _evolve(results=(attrs.evolve(COMPLETE.results[0], **changes),))


def _dated(day: dt.date) -> bc.Offer:
    return _evolve(information_date=day)


TRAINING_ONLY = Qualiopi(
    categories=frozenset({QualiopiCategory.TRAINING_ACTIONS}),
    valid_from=pendulum.date(2025, 1, 1),
    valid_until=pendulum.date(2027, 12, 31),
)

QUALIOPI_CASES = [
    # QUALIOPI-IND1-OBJECTIVES
    pytest.param(_evolve(objectives=()), [("QUALIOPI-IND1-OBJECTIVES", E, "$.objectives")]),
    pytest.param(_evolve(objectives=("  ",)), [("QUALIOPI-IND1-OBJECTIVES", E, "$.objectives")]),
    pytest.param(_evolve(objectives=("Un objectif",)), [], id="one-objective-enough"),
    # QUALIOPI-IND1-DURATION
    pytest.param(_evolve(duration=None), [("QUALIOPI-IND1-DURATION", E, "$.duration")]),
    pytest.param(
        _evolve(duration=Duration(meetings_min=5)),
        [("QUALIOPI-IND1-DURATION", E, "$.duration")],
        id="meetings-without-hours",
    ),
    pytest.param(_evolve(duration=Duration(max_minutes=24 * 60)), [], id="a-maximum-is-enough"),
    # QUALIOPI-IND1-ACCESS (and the prices per route go with it)
    pytest.param(_evolve(access_routes=()), [("QUALIOPI-IND1-ACCESS", E, "$.access_routes")]),
    # QUALIOPI-IND1-ACCESS-DELAYS
    pytest.param(
        _evolve(access_delays=attrs.evolve(COMPLETE.access_delays, start=None)),
        [("QUALIOPI-IND1-ACCESS-DELAYS", E, "$.access_delays.start")],
        id="no-start-delay",
    ),
    pytest.param(
        _evolve(access_delays=None),
        [("QUALIOPI-IND1-ACCESS-DELAYS", E, "$.access_delays.start")],
        id="no-delays-at-all",
    ),
    pytest.param(
        _evolve(
            access_delays=None,
            access_routes=tuple(
                attrs.evolve(r, start=COMPLETE.access_delays.start) for r in COMPLETE.access_routes
            ),
        ),
        [],
        id="every-route-has-its-start",
    ),
    # QUALIOPI-IND1-PRICES
    pytest.param(_evolve(prices=()), [("QUALIOPI-IND1-PRICES", E, "$.prices")]),
    pytest.param(
        _evolve(prices=(Price(amount=Decimal("1800.00"), routes=frozenset({FundingRoute.CPF})),)),
        [("QUALIOPI-IND1-PRICES", E, "$.prices")] * 2,
        id="two-routes-without-price",
    ),
    pytest.param(
        _evolve(
            prices=(
                Price(amount=Decimal("1800.00"), routes=frozenset({FundingRoute.CPF})),
                Price(amount=Decimal("2000.00")),
            )
        ),
        [],
        id="a-general-price-covers-the-others",
    ),
    # QUALIOPI-IND1-CONTACTS
    pytest.param(_evolve(contacts=()), [("QUALIOPI-IND1-CONTACTS", E, "$.contacts")]),
    pytest.param(
        _evolve(contacts=(Contact(label="Accueil"),)),
        [("QUALIOPI-IND1-CONTACTS", E, "$.contacts")],
        id="a-contact-without-a-way-to-reach-it",
    ),
    pytest.param(
        _evolve(contacts=(Contact(url="https://example.org/bilan"),)), [], id="a-web-page"
    ),
    # QUALIOPI-IND1-METHODS
    pytest.param(_evolve(methods=None), [("QUALIOPI-IND1-METHODS", E, "$.methods")]),
    pytest.param(
        _evolve(methods=Methods(individual=True)),
        [("QUALIOPI-IND1-METHODS", E, "$.methods")],
        id="flags-without-words",
    ),
    # QUALIOPI-IND1-EVALUATION
    pytest.param(_evolve(evaluation=()), [("QUALIOPI-IND1-EVALUATION", E, "$.evaluation")]),
    # QUALIOPI-IND1-ACCESSIBILITY (its contact is the warning below)
    pytest.param(
        _evolve(accessibility=None),
        [
            ("QUALIOPI-IND1-ACCESSIBILITY", E, "$.accessibility"),
            ("QUALIOPI-IND1-DISABILITY-CONTACT", W, "$.accessibility.disability_contact"),
        ],
        id="no-accessibility",
    ),
    # QUALIOPI-IND1-DISABILITY-CONTACT
    pytest.param(
        _evolve(accessibility=STAFF.accessibility),
        [("QUALIOPI-IND1-DISABILITY-CONTACT", W, "$.accessibility.disability_contact")],
        id="premises-only",
    ),
    # QUALIOPI-IND1-DATED: dated, and not older than the tolerance at the evaluation date
    pytest.param(
        _evolve(information_date=None), [("QUALIOPI-IND1-DATED", E, "$.information_date")]
    ),
    pytest.param(_dated(ON.subtract(months=INFORMATION_MAX_AGE_MONTHS)), [], id="12-months-ok"),
    pytest.param(
        _dated(ON.subtract(months=INFORMATION_MAX_AGE_MONTHS, days=1)),
        [("QUALIOPI-IND1-DATED", W, "$.information_date")],
        id="12-months-and-a-day-warns",
    ),
    pytest.param(_dated(ON), [], id="dated-today"),
    pytest.param(
        _dated(ON.add(days=1)),
        [("QUALIOPI-IND1-DATED", W, "$.information_date")],
        id="dated-tomorrow-warns",
    ),
    # QUALIOPI-IND2-RESULTS: a figure with its period; the sample size is an info
    pytest.param(_evolve(results=()), [("QUALIOPI-IND2-RESULTS", E, "$.results")]),
    pytest.param(
        _indicator(period_start=None, period_end=None),
        [("QUALIOPI-IND2-RESULTS", E, "$.results[0].period_start")],
        id="a-figure-without-period",
    ),
    pytest.param(
        _evolve(
            results=(
                *COMPLETE.results,
                attrs.evolve(COMPLETE.results[0], period_end=None, period_start=None),
            )
        ),
        [("QUALIOPI-IND2-RESULTS", E, "$.results[1].period_start")],
        id="the-second-figure-without-period",
    ),
    pytest.param(
        _indicator(sample_size=None),
        [("QUALIOPI-IND2-RESULTS", INFO, "$.results[0].sample_size")],
        id="no-sample-size-info",
    ),
    # QUALIOPI-CERTIFICATE-DISPLAY
    pytest.param(
        _evolve(qualiopi=None),
        [("QUALIOPI-CERTIFICATE-DISPLAY", W, "$.qualiopi.certificate_displayed")],
        id="certificate-not-shown",
    ),
    pytest.param(
        _evolve(qualiopi=QualiopiMention(certificate_displayed=True, logo=True)),
        [("QUALIOPI-CERTIFICATE-DISPLAY", W, "$.qualiopi.category_mentioned")],
        id="logo-without-category",
    ),
    pytest.param(
        _evolve(provider=attrs.evolve(COMPLETE.provider, qualiopi=None)),
        [("QUALIOPI-CERTIFICATE-DISPLAY", E, "$.qualiopi")],
        id="certificate-shown-without-certification",
    ),
    pytest.param(
        _evolve(provider=attrs.evolve(COMPLETE.provider, qualiopi=None), qualiopi=None),
        [],
        id="not-certified-shows-nothing",
    ),
    pytest.param(
        _evolve(provider=attrs.evolve(COMPLETE.provider, qualiopi=TRAINING_ONLY), qualiopi=None),
        [],
        id="certified-for-other-actions-shows-nothing",
    ),
    pytest.param(
        _evolve(provider=attrs.evolve(COMPLETE.provider, qualiopi=TRAINING_ONLY)),
        [("QUALIOPI-CERTIFICATE-DISPLAY", E, "$.qualiopi")],
        id="certified-for-other-actions-shows-it",
    ),
]

LAW_CASES = [
    # OFFER-DURATION-MAX: 24 h at most (L6313-4), what the offer promises
    pytest.param(
        _evolve(duration=attrs.evolve(COMPLETE.duration, max_minutes=24 * 60 + 1)),
        [("OFFER-DURATION-MAX", E, "$.duration.max_minutes")],
        id="24h01",
    ),
    pytest.param(
        _evolve(duration=attrs.evolve(COMPLETE.duration, min_minutes=24 * 60, max_minutes=24 * 60)),
        [],
        id="24h00",
    ),
    # OFFER-PHASES: the three phases, in order (R6313-4)
    pytest.param(
        _evolve(
            methods=attrs.evolve(
                COMPLETE.methods,
                phases=tuple(
                    s for s in COMPLETE.methods.phases if s.phase is not bc.Phase.INVESTIGATION
                ),
            )
        ),
        [("OFFER-PHASES", E, "$.methods.phases")],
        id="investigation-missing",
    ),
    pytest.param(
        _evolve(
            methods=attrs.evolve(COMPLETE.methods, phases=tuple(reversed(COMPLETE.methods.phases)))
        ),
        [("OFFER-PHASES", E, "$.methods.phases")],
        id="phases-reversed",
    ),
    pytest.param(
        _evolve(
            methods=attrs.evolve(
                COMPLETE.methods, phases=(), approach=("Une démarche personnalisée",)
            )
        ),
        [],
        id="no-steps-described-nothing-to-judge",
    ),
    pytest.param(
        _evolve(
            methods=attrs.evolve(
                COMPLETE.methods,
                phases=(
                    PhaseOutline(phase=bc.Phase.PRELIMINARY, items=("a",)),
                    PhaseOutline(phase=bc.Phase.INVESTIGATION, items=("b",)),
                    PhaseOutline(phase=bc.Phase.CONCLUSION, items=("c",)),
                ),
            )
        ),
        [],
        id="the-three-phases-alone",
    ),
    # OFFER-SOLE-RECIPIENT: the beneficiary is the sole recipient (L6313-4)
    pytest.param(
        _evolve(
            confidentiality=Confidentiality(
                recipients=frozenset({RecipientKind.BENEFICIARY, RecipientKind.EMPLOYER})
            )
        ),
        [("OFFER-SOLE-RECIPIENT", E, "$.confidentiality.recipients")],
        id="employer-receives",
    ),
    pytest.param(
        _evolve(confidentiality=Confidentiality(recipients=frozenset())),
        [("OFFER-SOLE-RECIPIENT", E, "$.confidentiality.recipients")],
        id="beneficiary-not-named",
    ),
    pytest.param(_evolve(confidentiality=None), [], id="no-promise-nothing-to-judge"),
    # OFFER-CPF-EMPLOYER: outside working time no notice, on working time prior agreement
    pytest.param(
        _evolve(
            access_routes=(
                AccessRoute(
                    route=FundingRoute.CPF,
                    on_working_time=False,
                    employer=EmployerInvolvement.PRIOR_AGREEMENT,
                ),
            )
        ),
        [("OFFER-CPF-EMPLOYER", E, "$.access_routes[0].employer")],
        id="outside-working-time-asks-the-employer",
    ),
    pytest.param(
        _evolve(
            access_routes=(
                AccessRoute(
                    route=FundingRoute.CPF,
                    on_working_time=True,
                    employer=EmployerInvolvement.INFORMED,
                ),
            )
        ),
        [("OFFER-CPF-EMPLOYER", E, "$.access_routes[0].employer")],
        id="working-time-only-informs",
    ),
    pytest.param(
        _evolve(
            access_routes=(
                AccessRoute(
                    route=FundingRoute.CPF,
                    on_working_time=None,
                    employer=EmployerInvolvement.NOT_INFORMED,
                ),
            )
        ),
        [("OFFER-CPF-EMPLOYER", E, "$.access_routes[0].employer")],
        id="either-time-says-one-thing",
    ),
]


@pytest.mark.parametrize(("offer", "expected"), QUALIOPI_CASES + LAW_CASES)
def test_offer_rule_cases(offer: bc.Offer, expected: list[tuple[str, bc.Severity, str]]) -> None:
    found = _findings(offer)
    assert [(rule_id, severity, path) for rule_id, severity, path, _ in found] == expected
    for rule_id, _, _, citation in found:  # each finding cites one of its rule's texts
        assert citation in {r.citation for r in bc.rule(rule_id).references}


REFERENCES = {
    "QUALIOPI-IND1-OBJECTIVES": IND1,
    "QUALIOPI-IND1-PRICES": IND1,
    "QUALIOPI-IND1-EVALUATION": IND1,
    "QUALIOPI-IND2-RESULTS": IND2,
    "QUALIOPI-IND1-DATED": GUIDE,
    "QUALIOPI-IND1-DISABILITY-CONTACT": GUIDE,
    "OFFER-DURATION-MAX": "C. trav., art. L6313-4",
    "OFFER-SOLE-RECIPIENT": "C. trav., art. L6313-4",
    "OFFER-PHASES": "C. trav., art. R6313-4",
}


@pytest.mark.parametrize(("rule_id", "citation"), sorted(REFERENCES.items()))
def test_each_rule_cites_its_text(rule_id: str, citation: str) -> None:
    """The first reference of the rule is the text it enforces (the secondary ones: the
    guide), and its confidence says how far the source was read."""
    rule = bc.rule(rule_id)
    assert rule.subject == "offer"
    assert rule.references[0].citation == citation
    secondary = citation == GUIDE
    assert (rule.confidence is bc.Confidence.SECONDARY) is secondary


def test_the_rules_know_from_when_they_apply() -> None:
    """Qualiopi is compulsory from 2022-01-01, the certificate display from 2023-09-01."""
    before = {r.id for r in bc.rules(pendulum.date(2021, 12, 31), subject="offer")}
    assert before == {
        "OFFER-DURATION-MAX",
        "OFFER-PHASES",
        "OFFER-SOLE-RECIPIENT",
        "OFFER-CPF-EMPLOYER",
    }
    assert "QUALIOPI-CERTIFICATE-DISPLAY" not in {
        r.id for r in bc.rules(pendulum.date(2023, 8, 31), subject="offer")
    }
    report = bc.check_offer(STAFF, on=pendulum.date(2021, 6, 1))
    assert report.ok
    assert set(report.checked) == before


def test_check_offer_options() -> None:
    """include_secondary / only select rules as validate's do; bad arguments are refused."""
    no_secondary = bc.check_offer(STAFF, on=ON, include_secondary=False)
    assert "QUALIOPI-IND1-DATED" not in no_secondary.checked
    assert all(bc.rule(i).confidence is not bc.Confidence.SECONDARY for i in no_secondary.checked)
    only = bc.check_offer(STAFF, on=ON, only=["QUALIOPI-IND1-PRICES"])
    assert only.checked == ("QUALIOPI-IND1-PRICES",)
    assert only.rule_ids == {"QUALIOPI-IND1-PRICES"}
    with pytest.raises(bc.UnknownRule):
        bc.check_offer(STAFF, on=ON, only=["QUALIOPI-NOPE"])
    with pytest.raises(TypeError, match="load_offer"):
        bc.check_offer(bc.dump_offer(STAFF), on=ON)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bc.check_offer(STAFF, on="2026-06-01")  # type: ignore[arg-type]


def test_a_bilan_rule_does_not_run_on_an_offer_and_back() -> None:
    """validate runs the bilan's rules only, check_offer the offer's only."""
    report = bc.validate(bc.example_bilan(), on=bc.EXAMPLE_ON)
    assert all(bc.rule(i).subject == "bilan" for i in report.checked)
    assert all(bc.rule(i).subject == "offer" for i in bc.check_offer(STAFF, on=ON).checked)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_messages_in_both_languages(lang: str) -> None:
    """Every finding has its message in French and English, citing its text."""
    for violation in bc.check_offer(attrs.evolve(STAFF, objectives=()), on=ON).violations:
        message = getattr(violation.message, lang)
        assert message.strip()
        assert message.endswith(f"({violation.references[0].citation})")
