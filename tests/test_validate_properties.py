"""``validate`` never raises on a bilan: valid, broken, judged on any day, with or without a
charter; its report is deterministic and well formed."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core.policies import STAFF
from bilan_core.strategies import BREAKABLE_RULES, bilans, bilans_violating

_BC_RULES = sorted(rule for rule in BREAKABLE_RULES if rule.startswith("BC-"))
_POL_RULES = sorted(rule for rule in BREAKABLE_RULES if rule.startswith("POL-"))

evaluation_days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2032, 12, 31)).map(
    lambda day: pendulum.Date(day.year, day.month, day.day)
)


@st.composite
def any_bilans(draw: st.DrawFn) -> bc.Bilan:
    """A valid bilan, or one breaking a law rule, or a charter rule."""
    kind = draw(st.sampled_from(["valid", "law", "charter"]))
    if kind == "valid":
        return draw(bilans())
    if kind == "law":
        return draw(bilans_violating(draw(st.sampled_from(_BC_RULES))))
    return draw(bilans_violating(draw(st.sampled_from(_POL_RULES)), policy=STAFF))


@given(any_bilans(), evaluation_days, st.booleans(), st.booleans())
def test_validate_never_raises(
    bilan: bc.Bilan, on: pendulum.Date, with_policy: bool, secondary: bool
) -> None:
    """Any generated bilan, any evaluation day from 2019 to 2032: a report, never an exception;
    every violation names a catalogue rule, cites it, and points into the document."""
    policy = STAFF if with_policy else None
    report = bc.validate(bilan, on=on, policy=policy, include_secondary=secondary)
    assert report.bilan_id == bilan.id
    assert report.on == on
    for violation in report.violations:
        rule = bc.rule(violation.rule_id)
        assert violation.references == rule.references
        citations = {f"({reference.citation})" for reference in rule.references}
        assert any(violation.message.fr.endswith(cited) for cited in citations)
        assert any(violation.message.en.endswith(cited) for cited in citations)
        assert violation.path.startswith("$")
        assert violation.rule_id in report.checked
    assert report == bc.validate(bilan, on=on, policy=policy, include_secondary=secondary)


@given(any_bilans(), evaluation_days)
def test_validate_survives_odd_but_well_formed_edits(bilan: bc.Bilan, on: pendulum.Date) -> None:
    """Edits a provider's software may make mid-way (no consent, no sessions, every phase,
    cancelled sessions) still give a report."""
    edits = [
        attrs.evolve(bilan, consent=None),
        attrs.evolve(bilan, sessions=()),
        attrs.evolve(bilan, documents=(), agreements=(), disclosures=()),
        attrs.evolve(
            bilan,
            sessions=tuple(
                attrs.evolve(s, status=bc.SessionStatus.CANCELLED) for s in bilan.sessions
            ),
        ),
        *(attrs.evolve(bilan, phase=phase, history=()) for phase in bc.Phase),
    ]
    for edited in edits:
        bc.validate(edited, on=on, policy=STAFF)


def test_only_runs_the_named_rules_and_refuses_unknown_ids() -> None:
    """``only=`` restricts the run; a typo in a rule id raises UnknownRule (a KeyError)."""
    bilan = bc.example_bilan("cpf")
    longer = attrs.evolve(bilan.sessions[2], minutes=bilan.sessions[2].minutes + 300)
    broken = attrs.evolve(
        bilan, consent=None, sessions=(*bilan.sessions[:2], longer, *bilan.sessions[3:])
    )
    full = bc.validate(broken, on=bc.EXAMPLE_ON)
    assert {"BC-DURATION-MAX", "BC-CONSENT-REQUIRED"} <= full.rule_ids

    report = bc.validate(broken, on=bc.EXAMPLE_ON, only={"BC-DURATION-MAX"})

    assert report.checked == ("BC-DURATION-MAX",)
    assert report.rule_ids == frozenset({"BC-DURATION-MAX"})
    with pytest.raises(bc.UnknownRule) as raised:
        bc.validate(broken, on=bc.EXAMPLE_ON, only={"BC-DURATION-MAXI"})
    assert raised.value.rule_id == "BC-DURATION-MAXI"
    assert isinstance(raised.value, KeyError)


def test_a_charter_can_disable_its_own_rules() -> None:
    """A rule the charter disables is neither run nor reported; the others still are."""
    bilan = bc.example_bilan("cpf")
    collective = tuple(attrs.evolve(s, individual=False) for s in bilan.sessions)
    bilan = attrs.evolve(bilan, sessions=collective)
    staff = bc.validate(bilan, on=bc.EXAMPLE_ON, policy=bc.policies.STAFF)
    assert "POL-INDIVIDUAL" in staff.rule_ids
    relaxed = attrs.evolve(bc.policies.STAFF, disabled=frozenset({"POL-INDIVIDUAL"}))
    report = bc.validate(bilan, on=bc.EXAMPLE_ON, policy=relaxed)
    assert "POL-INDIVIDUAL" not in report.rule_ids
    assert "POL-INDIVIDUAL" not in report.checked
    assert report.rule_ids == staff.rule_ids - {"POL-INDIVIDUAL"}
