"""Command-line edge cases found in review: byte order marks, empty JSON Lines files, file
errors worded like ``validate``'s, ``--jobs`` values and sub-command usage messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilan_core.cli import main
from bilan_core.samples import example_bilan
from bilan_core.serialization import dumps

pytestmark = pytest.mark.filterwarnings("error")

BOM = b"\xef\xbb\xbf"
ON = ["--on", "2026-06-01"]


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- byte order mark --------------------------------------------------------------------------


def test_validate_reads_a_json_file_with_a_bom(tmp_path, capsys):
    """A plan saved with a UTF-8 byte order mark (as some Windows editors do) validates."""
    plan = tmp_path / "plan.json"
    plan.write_bytes(BOM + dumps(example_bilan("cpf")))
    code, out, err = run(capsys, "validate", plan, *ON)
    assert (code, err) == (0, "")
    assert "not valid JSON" not in out


@pytest.mark.parametrize("name", ["plans.jsonl", "plans.txt"])
def test_validate_reads_json_lines_with_a_bom(tmp_path, capsys, name):
    """A JSON Lines file with a byte order mark is still seen as JSON Lines: two plans."""
    plans = tmp_path / name
    line = dumps(example_bilan("cpf"))
    plans.write_bytes(BOM + line + b"\n" + line + b"\n")
    code, out, _ = run(capsys, "validate", "--format", "json", plans, *ON)
    assert code == 0
    assert len(json.loads(out)["reports"]) == 2


def test_json_lines_with_a_bom_on_its_own_line(tmp_path, capsys):
    """A byte order mark alone on the first line is not a plan: only the real plan counts."""
    plans = tmp_path / "plans.jsonl"
    plans.write_bytes(BOM + b"\n" + dumps(example_bilan("cpf")) + b"\n")
    code, out, _ = run(capsys, "validate", "--format", "json", plans, *ON)
    assert code == 0
    assert len(json.loads(out)["reports"]) == 1


# -- a JSON Lines file without a plan ---------------------------------------------------------

EMPTY_FILES = [
    pytest.param("plans.jsonl", b"", id="empty-jsonl"),
    pytest.param("plans.jsonl", b"\n  \n\t\r\n", id="blank-jsonl"),
    pytest.param("plans.ndjson", BOM + b"\n\n", id="bom-only-ndjson"),
]


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=pytest.mark.slow)])
@pytest.mark.parametrize(("name", "content"), EMPTY_FILES)
def test_json_lines_without_a_plan_is_unusable_in_text(tmp_path, capsys, name, content, jobs):
    """An empty or blank JSON Lines file is unusable (exit 2), not "0 plans checked"."""
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "validate", "--jobs", jobs, path, *ON, "--lang", "en")
    assert code == 2
    assert f"{path} — unusable plan\n    $: no plan in the file" in out
    assert f"bilan-core: {path}: $: no plan in the file" in err


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=pytest.mark.slow)])
@pytest.mark.parametrize(("name", "content"), EMPTY_FILES)
def test_json_lines_without_a_plan_is_unusable_in_json(tmp_path, capsys, name, content, jobs):
    """In JSON output the file is one unusable entry with the message in both languages."""
    path = tmp_path / name
    path.write_bytes(content)
    code, out, _ = run(capsys, "validate", "--jobs", jobs, "--format", "json", path, *ON)
    assert code == 2
    document = json.loads(out)
    assert document["reports"] == [
        {
            "source": str(path),
            "unusable": True,
            "errors": [
                {
                    "path": "$",
                    "message": {"fr": "aucun plan dans le fichier", "en": "no plan in the file"},
                }
            ],
            "total_errors": 1,
        }
    ]
    assert document["summary"]["unusable"] == 1


def test_empty_json_lines_file_next_to_a_good_plan(tmp_path, capsys):
    """The good plan is still checked; the empty file makes the run exit 2."""
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    good = tmp_path / "good.json"
    good.write_bytes(dumps(example_bilan("cpf")))
    code, out, _ = run(capsys, "validate", "--format", "json", good, empty, *ON)
    assert code == 2
    checked, unusable = json.loads(out)["reports"]
    assert (checked["source"], checked["ok"]) == (str(good), True)
    assert (unusable["source"], unusable["unusable"]) == (str(empty), True)


# -- file errors ------------------------------------------------------------------------------

PLAN = Path(__file__).resolve().parents[1] / "examples" / "plans" / "cpf-outside-working-time.json"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        pytest.param(["show", "{missing}"], "{missing}: cannot read the file", id="show"),
        pytest.param(["timeline", "{missing}"], "{missing}: cannot read the file", id="timeline"),
        pytest.param(
            ["timeline", str(PLAN), *ON, "--ics", "{missing}/plan.ics"],
            "{missing}/plan.ics: cannot write the file",
            id="timeline-ics",
        ),
        pytest.param(
            ["validate", str(PLAN), *ON, "--policy", "{missing}.toml"],
            "{missing}.toml: cannot read the file",
            id="validate-policy",
        ),
        pytest.param(
            ["timeline", str(PLAN), *ON, "--policy", "{missing}.toml"],
            "{missing}.toml: cannot read the file",
            id="timeline-policy",
        ),
    ],
)
def test_missing_files_are_worded_like_validate(tmp_path, capsys, argv, expected):
    """A missing file is named once, with the reason in words; exit 2, no errno, no traceback."""
    missing = str(tmp_path / "missing")
    code, _, err = run(capsys, *(arg.format(missing=missing) for arg in argv), "--lang", "en")
    assert code == 2
    assert err == f"bilan-core: {expected.format(missing=missing)} (No such file or directory)\n"


def test_file_errors_are_french_by_default(tmp_path, capsys):
    """Without ``--lang`` the command line speaks French, file errors included."""
    missing = tmp_path / "missing.json"
    code, _, err = run(capsys, "show", missing)
    assert code == 2
    assert (
        err
        == f"bilan-core: {missing} : impossible de lire le fichier (No such file or directory)\n"
    )


def test_ics_into_a_directory_cannot_be_written(tmp_path, capsys):
    """--ics naming a directory says the file cannot be written, with the reason."""
    code, _, err = run(capsys, "timeline", PLAN, *ON, "--ics", tmp_path, "--lang", "en")
    assert code == 2
    assert err.startswith(f"bilan-core: {tmp_path}: cannot write the file (")
    assert "Errno" not in err


# -- --jobs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-3", "-1", "two", "1.5"])
def test_jobs_must_be_a_whole_number_not_negative(capsys, value):
    """--jobs refuses negative and non-integer values with a usage error (exit 2)."""
    code, out, err = run(capsys, "validate", PLAN, *ON, f"--jobs={value}")
    assert (code, out) == (2, "")
    assert err.startswith("usage: bilan-core validate")
    assert "error: argument --jobs:" in err


@pytest.mark.slow
def test_jobs_zero_means_one_per_cpu(capsys):
    """--jobs 0 is accepted (one worker per CPU) and gives the usual report."""
    code, out, _ = run(capsys, "validate", PLAN, *ON, "--jobs", "0", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["reports"]) == 1


# -- usage errors show the sub-command's usage ------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        pytest.param(["timeline", "a.json", "b.json"], "timeline", id="timeline-two-files"),
        pytest.param(["show", "a.json", "b.json"], "show", id="show-two-files"),
        pytest.param(["validate", "a.json", "--bogus"], "validate", id="validate-unknown-option"),
    ],
)
def test_extra_arguments_show_the_sub_command_usage(capsys, argv, command):
    """Unrecognized arguments are reported with the sub-command's usage line, exit 2."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"usage: bilan-core {command} ")
    assert f"bilan-core {command}: error: unrecognized arguments: " in err


def test_os_error_without_a_file_keeps_its_own_words(capsys, monkeypatch):
    """An OS error not about a file is printed in its own words, exit 2."""
    import bilan_core.cli._show as show

    def broken(_args):
        raise ConnectionResetError(104, "Connection reset by peer")

    monkeypatch.setattr(show, "run", broken)
    code, _, err = run(capsys, "show", PLAN)
    assert (code, err) == (2, "bilan-core: [Errno 104] Connection reset by peer\n")


def test_a_broken_pipe_ends_quietly(capsys, monkeypatch):
    """``bilan-core … | head``: the reader went away; exit 0 without a message."""
    import bilan_core.cli._show as show

    def broken(_args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(show, "run", broken)
    code, _, err = run(capsys, "show", PLAN)
    assert (code, err) == (0, "")


def test_schema_to_a_missing_folder_says_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``schema -o`` into a folder that does not exist: exit 2, "cannot write the file"."""
    target = tmp_path / "missing" / "schema.json"
    assert main(["schema", "-o", str(target), "--lang", "en"]) == 2
    assert f"{target}: cannot write the file" in capsys.readouterr().err
