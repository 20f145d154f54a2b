"""The downstream example (`examples/downstream_tests/`) runs and passes, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[1] / "examples" / "downstream_tests"


@pytest.mark.slow
def test_downstream_example_passes() -> None:
    """pytest on the example folder: its property tests and check_validator pass."""
    out = subprocess.run(  # noqa: S603 - our own interpreter on our own folder
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(FOLDER)],
        capture_output=True,
        text=True,
        check=False,
        cwd=FOLDER,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "5 passed" in out.stdout
