"""The README's Python example and its main command do what the README says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilan_core.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ```python block runs from the repository root and prints a valid verdict."""
    (code,) = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    out = capsys.readouterr().out
    assert out.startswith("True [")
    assert "hold_follow_up" in out
    assert "BC-CPF-EMPLOYER-ANSWER" in out


def test_main_command_prints_what_the_readme_shows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first set-up command exits 1 and prints exactly the report shown in the README."""
    command = re.search(r"\$ uv run bilan-core (validate .*)\n", README)
    assert command is not None
    (shown,) = re.findall(r"```text\n(.*?)```", README, flags=re.DOTALL)
    monkeypatch.chdir(ROOT)
    code = main(command.group(1).split())
    assert code == 1
    assert capsys.readouterr().out == shown


def test_validating_page_shows_the_real_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The "Validating plans" page shows the report the command prints today."""
    page = (ROOT / "docs" / "validating.md").read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)
    main(["validate", "examples/plans/cpf-violations.json", "--on", "2026-06-01"])
    printed = capsys.readouterr().out
    assert (
        f"$ bilan-core validate examples/plans/cpf-violations.json --on 2026-06-01\n{printed}"
        in page
    )
