"""The documentation builds with warnings as errors and covers the public API and catalogue.

The site is built once per session, in a subprocess, into a temporary directory (the checkout's
``docs/_build`` is left alone). The Markdown pages' ``>>>`` examples run as doctests through
pytest's ``--doctest-glob=*.md``; these tests check what a doctest cannot: the build itself
and that the generated pages are complete.
"""

from __future__ import annotations

import html as htmllib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bilan_core
from bilan_core.checks import rules
from bilan_core.facts.parameters import ALL_PARAMETERS

pytest.importorskip("sphinx", reason="the docs dependency group is not installed")
pytest.importorskip("myst_parser", reason="the docs dependency group is not installed")
pytest.importorskip("furo", reason="the docs dependency group is not installed")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA_NAMES = {"EXAMPLE_ON", "FORMAT", "SECTIONS", "catalogue", "__version__"}
"""Exported values (not classes or functions): documented by the API page, not by __doc__."""


class Build:
    """The result of one ``sphinx-build -W`` run."""

    def __init__(self, out: Path, result: subprocess.CompletedProcess[str]) -> None:
        self.out = out
        self.result = result

    def page(self, name: str) -> str:
        return (self.out / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("docs")
    out = base / "html"
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "-d",
        str(base / "doctrees"),
        str(DOCS),
        str(out),
    ]
    result = subprocess.run(  # noqa: S603 - a fixed command line, no user input
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    return Build(out, result)


@pytest.mark.slow
def test_sphinx_build_passes_with_warnings_as_errors(build: Build) -> None:
    """``sphinx-build -W --keep-going`` exits 0 and prints no warning."""
    assert build.result.returncode == 0, build.result.stderr
    assert "WARNING" not in build.result.stderr, build.result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", bilan_core.__all__, ids=str)
def test_every_public_name_is_in_the_api_page(build: Build, name: str) -> None:
    """Each name of ``bilan_core.__all__`` has its own entry (an anchor) in the API page."""
    assert f'id="bilan_core.{name}"' in build.page("api")


@pytest.mark.parametrize("name", sorted(set(bilan_core.__all__) - DATA_NAMES), ids=str)
def test_every_public_class_and_function_has_a_docstring(name: str) -> None:
    """Classes and functions carry their own docstring (not one inherited from a base)."""
    obj = getattr(bilan_core, name)
    own = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    assert own, f"bilan_core.{name} has no docstring"


@pytest.mark.slow
@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_rules_page_lists_every_rule_with_its_links(build: Build, rule: bilan_core.Rule) -> None:
    """The generated rules page has a section per rule, its title and every reference link."""
    html = build.page("rules")
    assert f'id="{rule.id.lower()}"' in html
    text = htmllib.unescape(html)
    assert rule.title.fr in text
    assert rule.title.en in text
    for ref in rule.references:
        if ref.link:
            assert f'href="{ref.link}"' in html


@pytest.mark.slow
def test_parameters_table_lists_every_dated_value(build: Build) -> None:
    """The rules page's parameter table has one row per dated value of every parameter."""
    html = build.page("rules")
    table = html[html.index("parameters-table") :]
    rows = re.findall(r"<tr class=\"row-(?:odd|even)\">", table.split("</table>")[0])
    expected = sum(len(p.values) for p in ALL_PARAMETERS)
    assert len(rows) == expected + 1  # and the header row
    for parameter in ALL_PARAMETERS:
        assert parameter.name in table


@pytest.mark.slow
def test_rules_page_states_the_known_gaps(build: Build) -> None:
    """The gaps the catalogue leaves open are written down, so no rule is not read as no law."""
    html = build.page("rules")
    for gap in ("R6313-6", "FPE seniority", "CPF platform", "150 €", "Qualiopi 2022 transition"):
        assert gap in html, gap


@pytest.mark.slow
def test_wire_format_page_documents_every_key_of_a_dump(build: Build) -> None:
    """Every key a dump writes, at any depth, appears in the wire-format tables."""
    html = build.page("wire-format")
    keys: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for funding in ("cpf_working_time", "employer_plan", "job_seeker", "public_leave"):
        collect(bilan_core.dump(bilan_core.example_bilan(funding)))
    missing = sorted(k for k in keys if f'<span class="pre">{k}</span>' not in html)
    assert missing == []
