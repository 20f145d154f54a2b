"""The JSON Schemas of the outputs describe what the commands really write.

``bilan-core schema --report`` and ``--timeline`` print schemas generated from the code
(:func:`bilan_core.report.report_schema`, :func:`bilan_core.deadlines.timeline_schema`);
every real output of ``validate`` and ``timeline`` (JSON and JSON Lines, good, failing and
unusable plans) must validate against them, and a mutated output must not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import bilan_core as bc
from bilan_core.cli import main
from bilan_core.deadlines import timeline_schema
from bilan_core.report import report_schema
from bilan_core.samples import EXAMPLE_FUNDINGS

PLANS = Path(__file__).resolve().parents[1] / "examples" / "plans"
ON = ["--on", "2026-06-01"]


def _batch(tmp_path: Path) -> Path:
    """Every example route, the violating example, and a line that cannot be read."""
    lines = [bc.dumps(bc.example_bilan(route)) for route in EXAMPLE_FUNDINGS]
    lines.append((PLANS / "cpf-violations.json").read_bytes().replace(b"\n", b""))
    lines.append(b'{"format": "bilan-core/1", "id": 7}')
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_command_prints_the_same_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(_run(capsys, "schema", "--report")) == report_schema()
    assert json.loads(_run(capsys, "schema", "--timeline")) == timeline_schema()


@pytest.mark.parametrize("policy", [[], ["--policy", "staff"]], ids=["law", "staff"])
def test_validate_outputs_match_the_report_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: list[str]
) -> None:
    batch = _batch(tmp_path)
    validator = _validator(report_schema())
    document = json.loads(_run(capsys, "validate", str(batch), *ON, *policy, "--format", "json"))
    validator.validate(document)
    assert any(entry.get("unusable") for entry in document["reports"])
    assert any(entry.get("violations") for entry in document["reports"])
    for line in _run(
        capsys, "validate", str(batch), *ON, *policy, "--format", "jsonl"
    ).splitlines():
        validator.validate(json.loads(line))


def test_timeline_outputs_match_the_timeline_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = _batch(tmp_path)
    good = tmp_path / "good.jsonl"
    good.write_bytes(b"\n".join(batch.read_bytes().splitlines()[:-1]) + b"\n")
    validator = _validator(timeline_schema())
    for policy in ([], ["--policy", "staff"]):
        document = json.loads(_run(capsys, "timeline", str(good), *ON, *policy, "--format", "json"))
        validator.validate(document)
        out = _run(capsys, "timeline", str(good), *ON, *policy, "--format", "jsonl")
        for line in out.splitlines():
            validator.validate(json.loads(line))


@pytest.mark.parametrize(
    ("schema", "argv", "mutate"),
    [
        pytest.param(
            report_schema,
            ["validate", str(PLANS / "cpf-violations.json"), *ON, "--format", "json"],
            lambda d: d["reports"][0]["violations"][0].update(message="one language"),
            id="report-message-not-bilingual",
        ),
        pytest.param(
            report_schema,
            ["validate", str(PLANS / "cpf-violations.json"), *ON, "--format", "json"],
            lambda d: d["reports"][0]["violations"][0].update(severity="fatal"),
            id="report-unknown-severity",
        ),
        pytest.param(
            timeline_schema,
            ["timeline", str(PLANS / "cpf-violations.json"), *ON, "--format", "json"],
            lambda d: d.update(format="bilan-core-timeline/1"),
            id="timeline-old-format",
        ),
    ],
)
def test_the_schemas_refuse_a_wrong_output(
    schema: Any, argv: list[str], mutate: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(_run(capsys, *argv))
    mutate(document)
    assert list(_validator(schema()).iter_errors(document))
