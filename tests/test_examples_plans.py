"""Every shipped plan of ``examples/plans/`` gives the verdict ``examples/README.md`` claims
on 2026-06-01, and the clean ones are exactly ``bilan-core example`` output (no drift)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

import bilan_core as bc
from bilan_core.cli import main
from bilan_core.samples import EXAMPLE_ON, example_bilan

PLANS = Path(__file__).resolve().parents[1] / "examples" / "plans"

EXAMPLES = {
    "cpf-outside-working-time.json": "cpf",
    "cpf-on-working-time.json": "cpf_working_time",
    "employer-plan-convention.json": "employer_plan",
    "job-seeker-france-travail.json": "job_seeker",
    "territorial-civil-servant.json": "public_leave",
    "self-funded.json": "self_funded",
    "reclassification-leave.json": "reclassification_leave",
}

VERDICTS = {
    **dict.fromkeys(EXAMPLES, frozenset()),
    "cpf-violations.json": frozenset({"BC-DURATION-MAX", "BC-CPF-EMPLOYER-NOTICE"}),
}
"""The error rule ids of each plan on 2026-06-01 (empty: the plan is valid)."""


def test_every_plan_is_listed():
    """No plan ships without a claimed verdict."""
    assert {p.name for p in PLANS.glob("*.json")} == set(VERDICTS)


@pytest.mark.parametrize(("name", "errors"), sorted(VERDICTS.items()))
def test_verdict(name, errors):
    """The plan's errors on 2026-06-01 are exactly the claimed ones."""
    bilan = bc.load((PLANS / name).read_bytes())
    report = bc.validate(bilan, on=EXAMPLE_ON)
    assert {v.rule_id for v in report.errors} == errors
    assert report.ok is not errors


@pytest.mark.parametrize(("name", "errors"), sorted(VERDICTS.items()))
def test_cli_exit_code(capsys, name, errors):
    """``bilan-core validate FILE --on 2026-06-01`` exits 0 for a valid plan, 1 otherwise."""
    assert main(["validate", str(PLANS / name), "--on", "2026-06-01"]) == (1 if errors else 0)
    capsys.readouterr()


@pytest.mark.parametrize(("name", "route"), sorted(EXAMPLES.items()))
def test_clean_plans_are_the_examples(name, route):
    """Each clean plan equals ``dump(example_bilan(route))``, so it cannot drift."""
    on_disk = orjson.loads((PLANS / name).read_bytes())
    assert on_disk == bc.dump(example_bilan(route))


def test_violating_plan_is_clean_under_staff_but_for_its_duration():
    """With the STAFF charter, the violating plan adds only the charter's duration warning."""
    from bilan_core.policies import STAFF

    bilan = bc.load((PLANS / "cpf-violations.json").read_bytes())
    report = bc.validate(bilan, on=EXAMPLE_ON, policy=STAFF)
    assert {v.rule_id for v in report.warnings} == {"POL-DURATION-RANGE"}
