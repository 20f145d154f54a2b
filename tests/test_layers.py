"""The layers contract covers every module of the package, and holds.

``lint-imports`` (import-linter) checks the contract in CI; this test makes sure a new module
cannot escape it by not being listed, and runs the contract itself when import-linter is
installed (the lint group).
"""

from __future__ import annotations

import pkgutil
import re
import sys
from pathlib import Path

import pytest

import bilan_core

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _layered_modules() -> list[str]:
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    return [name for layer in layers for name in re.split(r"[|:]", layer) if name.strip()]


def test_every_top_level_module_is_in_a_layer() -> None:
    """A module or sub-package missing from the layers would not be checked at all."""
    listed = [name.strip() for name in _layered_modules()]
    present = {info.name for info in pkgutil.iter_modules(bilan_core.__path__)}
    assert sorted(present - set(listed)) == []
    assert sorted(set(listed) - present) == []
    assert len(listed) == len(set(listed)), "a module is listed twice"


def test_the_contracts_hold() -> None:
    """No module imports from a layer above it, and no package has an import cycle."""
    pytest.importorskip("importlinter")
    from importlinter.cli import lint_imports

    config = str(ROOT / "pyproject.toml")
    assert lint_imports(config_filename=config, no_cache=True, no_logo=True) == 0
