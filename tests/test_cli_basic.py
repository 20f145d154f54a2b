"""The command line: example, show, schema; bad input gives exit 2 with the JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bilan_core as bc
from bilan_core.cli import EXIT_UNUSABLE, main
from bilan_core.samples import EXAMPLE_FUNDINGS
from bilan_core.schema import json_schema


@pytest.mark.parametrize("funding", EXAMPLE_FUNDINGS)
def test_example_loads_back(funding: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`bilan-core example --funding X` prints a document that loads as the example."""
    assert main(["example", "--funding", funding]) == 0
    out = capsys.readouterr().out
    assert bc.load(out) == bc.example_bilan(funding)


def test_show_prints_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`bilan-core show FILE` prints phases, hours per phase and Paris-time sessions."""
    plan = tmp_path / "plan.json"
    plan.write_bytes(bc.dumps(bc.example_bilan("cpf")))
    assert main(["show", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "Bilan 2026-cpf" in out
    assert "Phase préliminaire : 4 h" in out
    assert "lun. 16/03/2026 09:30–11:30" in out
    assert "Demande d'évolution" not in out


def test_malformed_file_exit_2_with_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed plan gives exit 2 and the JSON path, never a traceback."""
    data = bc.dump(bc.example_bilan("cpf"))
    data["sessions"][2]["minutes"] = "12"
    plan = tmp_path / "bad.json"
    plan.write_text(json.dumps(data))
    assert main(["show", str(plan)]) == EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "$.sessions[2].minutes" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"{nope", b"[]"], ids=["empty", "not-json", "array"])
def test_unreadable_file_exit_2(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Empty, non-JSON and non-object files give exit 2 and a message naming `$`."""
    plan = tmp_path / "bad.json"
    plan.write_bytes(content)
    assert main(["show", str(plan)]) == EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "$" in err
    assert "Traceback" not in err


def test_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist gives exit 2."""
    assert main(["show", str(tmp_path / "nope.json")]) == EXIT_UNUSABLE
    assert "Traceback" not in capsys.readouterr().err


def test_schema_prints_valid_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`bilan-core schema` prints the generated schema as JSON."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_schema_output_file(tmp_path: Path) -> None:
    """`bilan-core schema -o FILE` writes the same schema to FILE."""
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text()) == json_schema()


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown sub-command is a usage error: exit 2."""
    assert main(["frobnicate"]) == EXIT_UNUSABLE
    capsys.readouterr()
