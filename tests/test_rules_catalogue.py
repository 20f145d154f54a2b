"""The catalogue holds every rule of sections 1 to 8 of the rule catalogue (rules.md), each
with its references, its in-force date, its confidence and a default severity that follows
the catalogue's conventions."""

from __future__ import annotations

import pendulum
import pytest

import bilan_core as bc
from bilan_core.references import Confidence
from bilan_core.report import Severity

D = pendulum.date
OFFICIAL, SECONDARY = Confidence.OFFICIAL, Confidence.SECONDARY
UNVERIFIED, PRACTICE = Confidence.UNVERIFIED, Confidence.PRACTICE
_2019 = D(2019, 1, 1)

# id -> (in force from, confidence), as the catalogue's tables say. Where a rule's date
# depends on the branch (section 6), the earliest date is registered.
LAW_RULES = {
    # 1. Consent and scope
    "BC-CONSENT-REQUIRED": (_2019, OFFICIAL),
    "BC-CONSENT-WITHDRAWN": (_2019, SECONDARY),
    "BC-PROVIDER-NOT-EMPLOYER": (_2019, SECONDARY),
    "BC-PROVIDER-QUALIOPI": (D(2022, 1, 1), OFFICIAL),
    "BC-PROVIDER-DECLARED": (_2019, OFFICIAL),
    # 2. Phases and structure
    "BC-PHASES-COMPLETE": (_2019, OFFICIAL),
    "BC-PHASES-ORDER": (_2019, OFFICIAL),
    "BC-CONCLUSION-PERSONAL": (_2019, OFFICIAL),
    "BC-FOLLOW-UP-OFFERED": (_2019, OFFICIAL),
    # 3. Duration
    "BC-DURATION-MAX": (_2019, OFFICIAL),
    "BC-DURATION-MIN": (D(2026, 2, 26), UNVERIFIED),
    # 4. CPF
    "BC-CPF-EMPLOYER-NOTICE": (_2019, OFFICIAL),
    "BC-CPF-EMPLOYER-ANSWER": (_2019, OFFICIAL),
    "BC-CPF-PARTICIPATION": (D(2024, 5, 2), OFFICIAL),
    "BC-CPF-CAP": (D(2026, 2, 26), OFFICIAL),  # D6323-1 A read (export of 2026-03-27)
    "BC-CPF-WAITING-PERIOD": (D(2026, 2, 26), OFFICIAL),  # D6323-6 al. 4 read
    "BC-CPF-ACCOMPANIMENT-ONLY": (D(2026, 2, 26), OFFICIAL),  # D6323-6 al. 3 read
    # 5. Employer plan and congé de reclassement
    "BC-CONVENTION-REQUIRED": (_2019, OFFICIAL),
    "BC-CONVENTION-CONTENT": (_2019, OFFICIAL),
    "BC-CONVENTION-ACCEPTANCE": (_2019, OFFICIAL),
    # 6. Public sector (FPT 2007-12-30, FPH 2008-08-24, FPE 2009-08-14)
    "BC-PUBLIC-LEAVE-NOTICE": (D(2007, 12, 30), SECONDARY),
    "BC-PUBLIC-LEAVE-ANSWER": (D(2007, 12, 30), SECONDARY),
    "BC-PUBLIC-CONVENTION": (D(2007, 12, 30), SECONDARY),
    "BC-PUBLIC-LEAVE-HOURS": (D(2007, 12, 30), SECONDARY),
    "BC-PUBLIC-FREQUENCY": (D(2008, 8, 24), SECONDARY),
    # 7. Confidentiality and retention
    "BC-RESULTS-TO-BENEFICIARY": (_2019, OFFICIAL),
    "BC-DISCLOSURE-CONSENT": (_2019, OFFICIAL),
    "BC-DOCUMENT-RETENTION": (_2019, OFFICIAL),
    "BC-DATA-MINIMISATION": (_2019, OFFICIAL),
}

# 8. The provider's charter (STAFF): not law, no legal in-force date.
POLICY_RULES = (
    "POL-DURATION-RANGE",
    "POL-MEETINGS-MIN",
    "POL-SPAN",
    "POL-CALLBACK",
    "POL-START-DELAY",
    "POL-OPENING-HOURS",
    "POL-INDIVIDUAL",
    "POL-MODALITIES",
    "POL-ENGAGEMENT-DOCUMENT",
    "POL-SYNTHESIS-SECTIONS",
    "POL-SYNTHESIS-LAST-MEETING",
    "POL-FOLLOW-UP-6M",
)

# The catalogue's "unverified" rules default to a warning; every other BC- rule to an error.
WARNING_BY_DEFAULT = frozenset({"BC-DURATION-MIN"})

requires_policy_rules = pytest.mark.skipif(
    not any(r.is_policy for r in bc.rules()),
    reason="the POL rules (rules/policy_rules.py) are not registered yet",
)


@pytest.mark.parametrize("rule_id", sorted(LAW_RULES))
def test_law_rule_in_catalogue(rule_id):
    """Each BC- rule is registered with a reference, its date and its confidence."""
    rule = bc.rule(rule_id)
    since, confidence = LAW_RULES[rule_id]
    assert rule.id == rule_id
    assert rule.references
    assert all(ref.text and ref.citation for ref in rule.references)
    assert rule.in_force_from == since
    assert rule.in_force_until is None
    assert rule.confidence is confidence
    assert not rule.is_policy


@requires_policy_rules
@pytest.mark.parametrize("rule_id", POLICY_RULES)
def test_policy_rule_in_catalogue(rule_id):
    """Each POL- rule is registered, cites the charter, and is practice, not law."""
    rule = bc.rule(rule_id)
    assert rule.references
    assert rule.in_force_from is not None
    assert rule.confidence is PRACTICE
    assert rule.is_policy


def test_catalogue_has_nothing_else():
    """Every registered rule is one of the catalogue's ids (new ones are added here too)."""
    registered = {r.id for r in bc.rules(subject="bilan")}
    expected = set(LAW_RULES) | {r for r in POLICY_RULES if r in registered}
    assert registered == expected


def test_ids_are_unique():
    """No id is registered twice; ids are upper-case slugs: BC-/POL- for the rules judging a
    bilan, QUALIOPI-/OFFER- for those judging a provider's offer."""
    ids = [r.id for r in bc.rules()]
    assert len(ids) == len(set(ids))
    for rule in bc.rules():
        prefixes = ("BC-", "POL-") if rule.subject == "bilan" else ("QUALIOPI-", "OFFER-")
        assert rule.id.startswith(prefixes), rule.id
    for rule_id in ids:
        assert rule_id == rule_id.upper()
        assert " " not in rule_id


@pytest.mark.parametrize("rule", bc.rules(), ids=lambda r: r.id)
def test_every_rule_is_documented(rule):
    """Every rule has French and English titles and notes on what it checks or interprets."""
    assert rule.title.fr.strip()
    assert rule.title.en.strip()
    assert rule.notes is not None
    assert rule.notes.fr.strip()
    assert rule.notes.en.strip()
    assert rule.section


@pytest.mark.parametrize("rule_id", sorted(LAW_RULES))
def test_law_rule_default_severity(rule_id):
    """A BC- rule defaults to an error, unless the catalogue marks it unverified (warning)."""
    expected = Severity.WARNING if rule_id in WARNING_BY_DEFAULT else Severity.ERROR
    assert bc.rule(rule_id).severity is expected


def test_unverified_rules_are_warnings():
    """Every unverified rule defaults to a warning (one line promotes it once the text is read)."""
    for rule in bc.rules():
        if rule.confidence is UNVERIFIED:
            assert rule.severity is Severity.WARNING, rule.id


@pytest.mark.parametrize(
    "rule_id",
    [
        "BC-CONSENT-WITHDRAWN",
        "BC-PROVIDER-NOT-EMPLOYER",
        "BC-PHASES-ORDER",
        "BC-CPF-PARTICIPATION",
        "BC-CPF-ACCOMPANIMENT-ONLY",
        "BC-DURATION-MIN",
        "BC-PUBLIC-LEAVE-HOURS",
    ],
)
def test_nuanced_confidence_has_a_note(rule_id):
    """Where the catalogue's confidence column is nuanced, the rule carries the nuance."""
    assert bc.rule(rule_id).confidence_note


def test_rules_in_force_follow_the_dates():
    """The catalogue at a date holds exactly the law rules in force then."""
    ids = {r.id for r in bc.rules(on=D(2026, 2, 25), include_policy=False, subject="bilan")}
    assert "BC-CPF-CAP" not in ids
    assert "BC-CPF-PARTICIPATION" in ids
    on_26 = bc.rules(on=D(2026, 2, 26), include_policy=False, subject="bilan")
    assert {r.id for r in on_26} == set(LAW_RULES)


def test_catalogue_order_does_not_depend_on_import_order() -> None:
    """Found in review: a doctest importing a family module first changed the catalogue's
    order (and so the order of guards and reports)."""
    import subprocess
    import sys

    script = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]: importlib.import_module(name)\n"
        "from bilan_core.checks import catalogue\n"
        "print(','.join(r.id for r in catalogue))\n"
    )
    orders = {
        subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", script, *first],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for first in ([], ["bilan_core.checks.confidentiality"], ["bilan_core.checks.charter"])
    }
    assert len(orders) == 1


def test_rules_judge_a_subject() -> None:
    """validate runs the rules judging bilans; rules(subject=...) selects by subject."""
    assert {rule.subject for rule in bc.rules(subject="bilan")} == {"bilan"}
    with pytest.raises(ValueError, match="subject"):
        bc.rules(subject="plan")  # type: ignore[arg-type]
