"""Every example script in examples/ runs and prints what its docstring promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))

EXPECTED = {
    "batch_job.py": [
        "(plans)                  710",
        "(unreadable)             1",
        "BC-DURATION-MAX          10",
    ],
    "build_a_bilan.py": ["2026-0042:", "valid under the law"],
    "validate_folder.py": [
        "cpf-outside-working-time.json            ok",
        "cpf-violations.json                      errors: BC-CPF-EMPLOYER-NOTICE, BC-DURATION-MAX",
        "1 plan(s) break BC-DURATION-MAX (C. trav., art. L6313-4)",
    ],
    "web_endpoint.py": [
        "good       200 OK                       True",
        "failing    200 OK                       False",
        "garbage    422 Unprocessable Content",
        "400 Bad Request",
    ],
    "worker.py": [
        "begin_conclusion   refused: not available",
        "confirm_engagement -> investigation",
        "final phase: conclusion",
    ],
    "walk_phases.py": [
        "agree                -> preliminary",
        "begin_conclusion     refused in preliminary",
        "deliver_synthesis    refused in conclusion: BC-RESULTS-TO-BENEFICIARY",
        "deliver_synthesis    -> completed",
        "now allowed: decline_follow_up, abandon",
    ],
}


def test_every_script_has_expectations() -> None:
    """A new example script must say here what it prints."""
    assert sorted(EXPECTED) == [script.name for script in SCRIPTS]


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_runs(script: Path) -> None:
    """The script exits 0 and prints its expected lines."""
    done = subprocess.run(  # noqa: S603 - our own interpreter on our own examples
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=EXAMPLES.parent,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for line in EXPECTED[script.name]:
        assert line in done.stdout
