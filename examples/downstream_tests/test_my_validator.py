"""Property tests of ``my_validator`` with bilan-core's strategies (run: ``pytest`` here).

- valid bilans from ``bilans()`` pass the intake checks;
- each rule the validator checks rejects ``bilans_violating(rule)``;
- ``check_validator`` compares it with bilan-core on every case at once.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from my_validator import CHECKED, check_plan

import bilan_core as bc
from bilan_core.strategies import bilans, bilans_violating
from bilan_core.testing import check_validator


@settings(max_examples=200, deadline=None)
@given(bilans())
def test_valid_plans_pass(bilan: bc.Bilan) -> None:
    assert check_plan(bc.dump(bilan)) == set()


@pytest.mark.parametrize("rule_id", CHECKED)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_each_checked_rule_is_caught(rule_id: str, data: st.DataObject) -> None:
    bilan = data.draw(bilans_violating(rule_id))
    assert rule_id in check_plan(bc.dump(bilan))


def test_conforms_to_bilan_core() -> None:
    report = check_validator(check_plan, rules=CHECKED, examples=100)
    assert report.ok, str(report)
