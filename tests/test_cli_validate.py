"""The ``validate`` and ``rules`` commands: exit codes, text and JSON output, batches."""

from __future__ import annotations

import io
import json
from pathlib import Path

import orjson
import pytest

from bilan_core.cli import main
from bilan_core.samples import example_bilan
from bilan_core.serialization import dump, dumps

PLANS = Path(__file__).resolve().parents[1] / "examples" / "plans"
GOOD = f"{PLANS}/cpf-outside-working-time.json"
BAD = f"{PLANS}/cpf-violations.json"
ON = ["--on", "2026-06-01"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("files", "code"),
    [
        pytest.param([GOOD], 0, id="valid-plan-0"),
        pytest.param([BAD], 1, id="violating-plan-1"),
        pytest.param([GOOD, BAD], 1, id="any-error-1"),
        pytest.param(["tests/no-such-file.json"], 2, id="missing-file-2"),
    ],
)
def test_exit_codes(capsys, files, code):
    """0 when no plan has an error, 1 when one has, 2 when an input is unusable."""
    assert run(capsys, "validate", *files, *ON)[0] == code


def test_text_report_cites_the_law(capsys):
    """The text report names the plan, groups by stage and severity, cites the law and
    ends with a count line."""
    code, out, _ = run(capsys, "validate", BAD, *ON)
    assert code == 1
    assert out.startswith(f"{BAD} — bilan 2026-cpf-violations : NON CONFORME")
    assert "Avant le bilan : accord et financement" in out
    assert "BC-DURATION-MAX  $.sessions" in out
    assert "24 h 30 prévues ; au plus 24 h (C. trav., art. L6313-4)" in out
    assert "BC-CPF-EMPLOYER-NOTICE  $.funding.employer_request.sent_on" in out
    assert out.rstrip().endswith(
        "1 plan vérifié (1 non conforme) : 2 erreurs, 0 avertissement, 0 information"
    )


def test_english_and_policy(capsys):
    """--lang en writes English messages; --policy staff adds the charter's warnings."""
    code, out, _ = run(capsys, "validate", BAD, *ON, "--lang", "en", "--policy", "staff")
    assert code == 1
    assert "24 h 30 min planned; at most 24 h (C. trav., art. L6313-4)" in out
    assert "POL-DURATION-RANGE" in out
    assert "charter STAFF" in out
    assert out.rstrip().endswith("1 plan checked (1 not ok): 2 errors, 1 warning, 0 infos")


def test_json_output_shape(capsys):
    """The JSON document has a format, the evaluation date, and one report per plan with
    its source, verdict, counts and violations."""
    code, out, _ = run(capsys, "validate", GOOD, BAD, *ON, "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["format"] == "bilan-core-report/2"
    assert document["on"] == "2026-06-01"
    assert document["policy"] is None
    assert document["summary"] == {
        "plans": 2,
        "failed": 1,
        "unusable": 0,
        "counts": {"error": 2, "warning": 0, "info": 0},
    }
    good, bad = document["reports"]
    assert good["source"] == GOOD
    assert good["ok"] is True
    assert good["violations"] == []
    assert bad["ok"] is False
    assert bad["counts"] == {"error": 2, "warning": 0, "info": 0}
    assert {v["rule_id"] for v in bad["violations"]} == {
        "BC-DURATION-MAX",
        "BC-CPF-EMPLOYER-NOTICE",
    }
    violation = next(v for v in bad["violations"] if v["rule_id"] == "BC-DURATION-MAX")
    assert set(violation) == {"rule_id", "severity", "section", "message", "path", "references"}
    assert violation["section"] == "duration"
    assert set(violation["message"]) == {"fr", "en"}
    assert violation["references"][0]["article"] == "L6313-4"


def test_json_lines_batch_with_a_bad_line(capsys, tmp_path):
    """A JSON Lines batch is checked line by line; a line that fails to load is reported with
    its source, line and JSON path (exit 2), the others still checked."""
    bad_line = dump(example_bilan("self_funded"))
    bad_line["sessions"][2]["minutes"] = "lots"
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(
        b"\n".join(
            [
                dumps(example_bilan("cpf")),
                orjson.dumps(bad_line),
                dumps(example_bilan("job_seeker")),
            ]
        )
        + b"\n"
    )
    code, out, err = run(capsys, "validate", str(batch), *ON, "--format", "json")
    assert code == 2
    document = json.loads(out)
    assert [r["source"] for r in document["reports"]] == [f"{batch}:{n}" for n in (1, 2, 3)]
    unusable = document["reports"][1]
    assert unusable["unusable"] is True
    assert unusable["source"] == f"{batch}:2"
    assert unusable["errors"][0]["path"] == "$.sessions[2].minutes"
    assert f"{batch}:2: $.sessions[2].minutes" in err
    assert "Traceback" not in err


def test_stdin(capsys, monkeypatch):
    """``-`` reads a plan from standard input."""
    stdin = io.TextIOWrapper(io.BytesIO(dumps(example_bilan("cpf"))))
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = run(capsys, "validate", "-", *ON)
    assert code == 0
    assert out.startswith("<stdin> — bilan 2026-cpf : conforme")


def test_malformed_file_gives_path_not_traceback(capsys, tmp_path):
    """A malformed plan gives exit 2 and a message with the JSON path, no traceback, and no
    free text of the plan."""
    data = dump(example_bilan("cpf"))
    data["sessions"][0]["start"] = "2026-03-16T09:30:00"
    data["documents"][3]["synthesis"]["action_plan"] = "SECRET-PLAN"
    data["consent"]["given_at"] = "yesterday"
    file = tmp_path / "plan.json"
    file.write_bytes(orjson.dumps(data))
    code, out, err = run(capsys, "validate", str(file), *ON)
    assert code == 2
    assert "$.sessions[0].start" in err
    assert "$.consent.given_at" in err
    assert "unusable plan" in out or "plan inutilisable" in out
    assert "Traceback" not in err
    assert "SECRET-PLAN" not in out + err


def test_no_free_text_in_reports(capsys, tmp_path):
    """Neither output shows the synthesis, even for a plan with violations."""
    data = json.loads(Path(BAD).read_text(encoding="utf-8"))
    data["documents"][3]["synthesis"]["conduct"] = "SECRET-CONDUCT"
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    for fmt in ("text", "json"):
        _, out, err = run(capsys, "validate", str(file), *ON, "--format", fmt, "--policy", "staff")
        assert "SECRET-CONDUCT" not in out + err


def test_policy_file_and_bad_policy(capsys, tmp_path):
    """--policy PATH loads a charter; an invalid charter exits 2 naming the key."""
    good = tmp_path / "charter.toml"
    good.write_text('name = "Cabinet"\nmeetings_min = 8\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", GOOD, *ON, "--policy", str(good))
    assert code == 0
    assert "POL-MEETINGS-MIN" in out
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "Cabinet"\nmeetings = 8\n', encoding="utf-8")
    code, _, err = run(capsys, "validate", GOOD, *ON, "--policy", str(bad), "--lang", "en")
    assert code == 2
    assert "$.meetings: unknown key" in err


def test_bad_date_is_a_usage_error(capsys):
    """A malformed --on is a usage error (exit 2)."""
    assert run(capsys, "validate", GOOD, "--on", "01/06/2026")[0] == 2


def test_no_secondary_leaves_out_secondary_rules(capsys):
    """--no-secondary runs only the rules whose source is not secondary."""
    code, out, _ = run(capsys, "validate", BAD, *ON, "--no-secondary", "--format", "json")
    assert code == 1
    assert json.loads(out)["reports"][0]["ok"] is False


def test_rules_command(capsys):
    """``rules`` lists the catalogue with severities, citations, dates and confidence."""
    code, out, _ = run(capsys, "rules", "--on", "2026-06-01")
    assert code == 0
    assert "BC-DURATION-MAX" in out
    assert "C. trav., art. L6313-4" in out
    assert "POL-SPAN" in out
    code, out, _ = run(capsys, "rules", "--on", "2025-06-01", "--format", "json", "--lang", "en")
    document = json.loads(out)
    assert document["format"] == "bilan-core-rules/2"
    ids = {r["id"] for r in document["rules"]}
    assert "BC-DURATION-MAX" in ids
    assert "BC-DURATION-MIN" not in ids  # in force from 2026-02-26
    entry = next(r for r in document["rules"] if r["id"] == "BC-DURATION-MAX")
    assert entry["confidence"] == "official"
    assert entry["in_force_from"] == "2019-01-01"
    assert entry["references"][0]["citation"] == "C. trav., art. L6313-4"
