"""bilans_violating(rule_id): each bilan breaks that rule and no other error rule.

Also the argument checks, the rules no bilan can break (and why), and the conformance helper
`bilan_core.testing.check_validator` finding a planted mistake.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bilan_core as bc
from bilan_core.checks._catalogue import catalogue
from bilan_core.policies import STAFF
from bilan_core.strategies import BREAKABLE_RULES, UNBREAKABLE_RULES, bilans_violating
from bilan_core.testing import VALID, check_validator

LAW_RULES = [r for r in BREAKABLE_RULES if r.startswith("BC-")]
POLICY_RULES = [r for r in BREAKABLE_RULES if r.startswith("POL-")]


def _verdict(bilan: bc.Bilan, policy: bc.Policy | None) -> tuple[set[str], set[str]]:
    report = bc.validate(bilan, on=bc.EXAMPLE_ON, policy=policy)
    errors = {v.rule_id for v in report.violations if v.severity is bc.Severity.ERROR}
    shown = {v.rule_id for v in report.violations if v.severity is not bc.Severity.INFO}
    return errors, shown


@pytest.mark.parametrize("rule_id", LAW_RULES)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_law_rule_broken_alone(rule_id: str, data: st.DataObject) -> None:
    """validate reports the rule (error, or warning where the rule says so) and no other error."""
    bilan = data.draw(bilans_violating(rule_id))
    errors, shown = _verdict(bilan, None)
    assert rule_id in shown
    assert errors <= {rule_id}, errors


@pytest.mark.parametrize("rule_id", POLICY_RULES)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_policy_rule_broken_alone_under_staff(rule_id: str, data: st.DataObject) -> None:
    """Under STAFF, the POL- rule is reported and no rule (law or charter) is an error."""
    bilan = data.draw(bilans_violating(rule_id, policy=STAFF))
    errors, shown = _verdict(bilan, STAFF)
    assert rule_id in shown
    assert not errors, errors


# Each POL rule, and the one value (STAFF's) a charter states for bilans_violating to break it.
MINIMAL_CHARTERS = {
    "POL-DURATION-RANGE": {"duration_min_minutes": 18 * 60},
    "POL-MEETINGS-MIN": {"meetings_min": 5},
    "POL-SPAN": {"span_max_days": 107},
    "POL-START-DELAY": {"start_delay_max_days": {"self_funded": 15}},
    "POL-INDIVIDUAL": {"individual_only": True},
    "POL-MODALITIES": {"in_person_at_provider_site": True},
    "POL-ENGAGEMENT-DOCUMENT": {"engagement_document_required": True},
    "POL-SYNTHESIS-SECTIONS": {"synthesis_sections_required": True},
    "POL-SYNTHESIS-LAST-MEETING": {"synthesis_at_last_meeting": True},
    "POL-FOLLOW-UP-6M": {"follow_up_months": 6},
    "POL-CALLBACK": {"callback_max_working_hours": 48},
    "POL-OPENING-HOURS": {"opening_hours": STAFF.opening_hours},
}


def test_the_minimal_charters_cover_every_policy_rule() -> None:
    assert set(MINIMAL_CHARTERS) == set(POLICY_RULES)


@pytest.mark.parametrize("rule_id", POLICY_RULES)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_policy_rule_broken_under_a_charter_stating_only_it(
    rule_id: str, data: st.DataObject
) -> None:
    """Under a charter that states only what the rule needs, the bilans break that rule,
    no other POL rule reports anything, and no rule is an error."""
    charter = bc.Policy(name="Minimal", **MINIMAL_CHARTERS[rule_id])
    bilan = data.draw(bilans_violating(rule_id, policy=charter))
    errors, shown = _verdict(bilan, charter)
    assert rule_id in shown
    assert {r for r in shown if r.startswith("POL-")} == {rule_id}
    assert not errors, errors


@pytest.mark.parametrize("rule_id", POLICY_RULES)
def test_a_policy_rule_the_charter_does_not_state_is_refused(rule_id: str) -> None:
    """A charter that states only its name breaks no POL rule: refused at once, saying what
    the charter would need."""
    with pytest.raises(InvalidArgument, match="does not state it: it needs"):
        bilans_violating(rule_id, policy=bc.Policy(name="Cabinet X"))


@pytest.mark.parametrize(
    ("rule_id", "kwargs", "match"),
    [
        pytest.param(
            "POL-INDIVIDUAL",
            {"policy": bc.Policy(name="X", individual_only=False)},
            "individual_only = true",
            id="stated-false",
        ),
        pytest.param(
            "POL-MODALITIES",
            {"policy": bc.Policy(name="X", blended=False)},
            "in_person_at_provider_site",
            id="modalities-without-the-site-requirement",
        ),
        pytest.param(
            "POL-SPAN",
            {"policy": bc.Policy(name="X", span_min_days=30)},
            "span_max_days",
            id="span-min-only",
        ),
        pytest.param(
            "POL-START-DELAY",
            {"policy": bc.Policy(name="X", start_delay_max_days={"job_seeker": 30})},
            "cpf or self_funded",
            id="start-delay-other-route",
        ),
        pytest.param(
            "POL-START-DELAY",
            {
                "policy": bc.Policy(name="X", start_delay_max_days={"self_funded": 15}),
                "funding": "cpf",
            },
            "can only be broken with",
            id="start-delay-route-not-stated",
        ),
        pytest.param(
            "POL-SPAN",
            {"policy": attrs.evolve(STAFF, disabled={"POL-SPAN"})},
            "disables it",
            id="disabled",
        ),
        pytest.param(
            "POL-SPAN",
            {"policy": attrs.evolve(STAFF, severities={"POL-SPAN": "info"})},
            "lowers it to info",
            id="info",
        ),
    ],
)
def test_policy_rules_the_charter_cannot_show_are_refused(
    rule_id: str, kwargs: dict, match: str
) -> None:
    with pytest.raises(InvalidArgument, match=match):
        bilans_violating(rule_id, **kwargs)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bilans_violating(
        "POL-START-DELAY", policy=bc.Policy(name="X", start_delay_max_days={"cpf": 15})
    )
)
def test_start_delay_is_broken_on_the_routes_the_charter_states(bilan: bc.Bilan) -> None:
    assert type(bilan.funding).TAG == "cpf"


def test_every_rule_is_breakable_or_explained() -> None:
    """Every registered rule judging a bilan has a mutation, or a reason why no bilan can
    break it (the rules judging a provider's offer are no bilan's)."""
    ids = {r.id for r in tuple(catalogue) if r.subject == "bilan"}
    assert ids == set(BREAKABLE_RULES) | set(UNBREAKABLE_RULES)
    assert not set(BREAKABLE_RULES) & set(UNBREAKABLE_RULES)


@pytest.mark.parametrize(
    "rule_id", sorted(r.id for r in tuple(catalogue) if r.subject != "bilan") or ["none"]
)
def test_rules_judging_an_offer_are_refused(rule_id: str) -> None:
    """A rule judging a provider's offer is refused at once, saying so."""
    if rule_id == "none":
        pytest.skip("the catalogue has no rule judging an offer")
    with pytest.raises(InvalidArgument, match="not a bilan"):
        bilans_violating(rule_id)


def test_data_minimisation_cannot_be_broken() -> None:
    """BC-DATA-MINIMISATION is structural (the model holds no unrelated data): refused, why."""
    with pytest.raises(InvalidArgument, match="structural"):
        bilans_violating("BC-DATA-MINIMISATION")


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("BC-NOPE",), {}, "unknown rule"),
        ((42,), {}, "rule id string"),
        (("POL-SPAN",), {}, "policy="),
        (("BC-CPF-CAP",), {"funding": "job_seeker"}, "can only be broken"),
        (("BC-FOLLOW-UP-OFFERED",), {"phase": bc.Phase.PRELIMINARY}, "can only be broken"),
        (("BC-CPF-CAP",), {"on": pendulum.date(2025, 1, 6)}, "not in force"),
        (("BC-DURATION-MAX",), {"on": "2026-06-01"}, "date"),
    ],
    ids=["unknown", "not-a-string", "pol-without-policy", "route", "phase", "not-in-force", "on"],
)
def test_invalid_arguments_fail_at_once(args: tuple, kwargs: dict, match: str) -> None:
    """Arguments are checked when the strategy is built, with a clear message."""
    with pytest.raises(InvalidArgument, match=match):
        bilans_violating(*args, **kwargs)


@settings(deadline=None)
@given(bilans_violating("BC-CONVENTION-ACCEPTANCE", funding=st.just("employer_plan")))
def test_options_accept_strategies(bilan: bc.Bilan) -> None:
    """funding= takes a strategy too (filtered to the routes the rule applies to)."""
    assert type(bilan.funding).TAG == "employer_plan"


# -- check_validator ------------------------------------------------------------------


def _errors(plan: dict) -> set[str]:
    report = bc.validate(bc.load(plan), on=bc.EXAMPLE_ON)
    return {v.rule_id for v in report.violations if v.severity is bc.Severity.ERROR}


def _off_by_one_minute(plan: dict) -> set[str]:
    """A validator with a planted mistake: it accepts 24 h 01 (limit read as > 1441 min)."""
    found = _errors(plan) - {"BC-DURATION-MAX"}
    if bc.load(plan).total_minutes > 24 * 60 + 1:
        found.add("BC-DURATION-MAX")
    return found


def test_check_validator_finds_the_planted_mistake() -> None:
    """The report names BC-DURATION-MAX and the bilan (shrunk to 24 h 01), nothing else."""
    report = check_validator(
        _off_by_one_minute,
        rules=["BC-DURATION-MAX", "BC-DURATION-MIN", "BC-CPF-CAP", "BC-CONSENT-REQUIRED"],
        examples=100,
    )
    assert not report.ok
    assert report.rule_ids == ("BC-DURATION-MAX",)
    (found,) = report.disagreements
    bilan = bc.load(found.plan)
    assert bilan.id == found.bilan_id
    assert bilan.total_minutes == 24 * 60 + 1
    assert "BC-DURATION-MAX" in str(report)
    assert found.bilan_id in str(report)


def test_check_validator_verdicts() -> None:
    """A validator giving a verdict (True: accepted) is checked against report.ok."""
    report = check_validator(
        lambda plan: bc.load(plan).total_minutes <= 24 * 60 + 1,
        rules=["BC-DURATION-MAX"],
        examples=50,
    )
    assert report.rule_ids == ("BC-DURATION-MAX",)
    assert "expected rejected, got accepted" in str(report)


def test_check_validator_agrees_with_a_correct_validator() -> None:
    """bilan-core itself, seen through its own wire format, has no disagreement."""
    report = check_validator(_errors, examples=15)
    assert report.ok, str(report)
    assert report.cases[0] == VALID
    assert set(report.cases[1:]) == {
        r for r in LAW_RULES if bc.rule(r).in_force_from <= bc.EXAMPLE_ON
    }


def test_check_validator_flags_false_alarms_and_crashes() -> None:
    """Reporting a rule on valid bilans, or raising, are disagreements."""

    def alarmist(plan: dict) -> set[str]:
        return {"BC-CONSENT-REQUIRED"}

    def crashing(plan: dict) -> set[str]:
        raise ValueError

    report = check_validator(alarmist, rules=["BC-CONSENT-REQUIRED"], examples=10)
    assert VALID in report.rule_ids
    report = check_validator(crashing, rules=["BC-CONSENT-REQUIRED"], examples=10)
    assert "ValueError raised" in str(report)


def test_check_validator_leaves_out_what_a_partial_charter_does_not_state() -> None:
    """With a charter stating only the span, the default cases are the law's and POL-SPAN."""
    from bilan_core.testing import check_validator

    def judge(plan: dict) -> set[str]:
        bilan = bc.load(plan)
        return {v.rule_id for v in bc.validate(bilan, on=bc.EXAMPLE_ON, policy=span).errors}

    span = bc.Policy(name="Cabinet X", span_max_days=120)
    report = check_validator(judge, policy=span, examples=2)
    assert "POL-SPAN" in report.cases
    assert not [case for case in report.cases if case.startswith("POL-") and case != "POL-SPAN"]
