"""``bilan-core validate --jobs N`` checks a batch in worker processes with the same output."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pytest

import bilan_core as bc
from bilan_core.cli import main
from bilan_core.samples import EXAMPLE_FUNDINGS

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow  # worker processes: CI runs them (pytest -m slow)


def _batch(tmp_path: Path, count: int) -> Path:
    """A JSON Lines file: every example route, one plan in seven over 24 h, one broken line."""
    lines = []
    for index in range(count):
        bilan = bc.example_bilan(EXAMPLE_FUNDINGS[index % len(EXAMPLE_FUNDINGS)])
        bilan = attrs.evolve(bilan, id=f"plan-{index:05d}")
        if index % 7 == 3:
            longer = attrs.evolve(bilan.sessions[2], minutes=bilan.sessions[2].minutes + 300)
            bilan = attrs.evolve(bilan, sessions=(*bilan.sessions[:2], longer, *bilan.sessions[3:]))
        lines.append(bc.dumps(bilan))
    lines.insert(count // 2, b'{"format": "bilan-core/1", "id": 7}')
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize("output", ["text", "json"])
def test_two_jobs_give_the_same_output_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    """Same stdout, stderr and exit code with 1 and 2 worker processes, in input order."""
    path = _batch(tmp_path, 600)
    argv = ["validate", str(path), "--on", "2026-06-01", "--format", output, "--lang", "en"]

    code_one = main([*argv, "--jobs", "1"])
    one = capsys.readouterr()
    code_two = main([*argv, "--jobs", "2"])
    two = capsys.readouterr()

    assert code_one == code_two == 2  # one line of the batch is unusable
    assert one.out == two.out
    assert one.err == two.err
    assert "plan-00003" in one.out
    assert "BC-DURATION-MAX" in one.out
    assert f"{path}:301: $.id: expected a string" in one.err


def test_jobs_zero_means_one_per_cpu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--jobs 0`` picks the CPU count and still prints every report."""
    path = _batch(tmp_path, 300)
    code = main(["validate", str(path), "--on", "2026-06-01", "--jobs", "0", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 2
    assert "300 plans checked" in out
    assert "1 unusable" in out
