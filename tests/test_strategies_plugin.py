"""The optional dependency and the Hypothesis plugin, each in a fresh interpreter.

- without Hypothesis, `import bilan_core.strategies` says which extra to install (and
  `import bilan_core` still works);
- `st.from_type(bilan_core.Bilan)` works whichever of bilan_core and Hypothesis is imported
  first (the plugin registers lazily, once);
- `import hypothesis` does not import bilan_core (the plugin must stay a few milliseconds).
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import textwrap

import pytest


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_strategies_without_hypothesis_name_the_extra() -> None:
    """A clear ModuleNotFoundError (still named "hypothesis") that says what to install."""
    out = _run(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if Hypothesis were not installed
        import bilan_core  # the library itself does not need it
        assert bilan_core.validate(bilan_core.example_bilan(), on=bilan_core.EXAMPLE_ON).ok
        try:
            import bilan_core.strategies
        except ModuleNotFoundError as error:
            print(type(error).__name__, error.name, str(error), sep="|")
        """
    )
    assert out.returncode == 0, out.stderr
    kind, name, message = out.stdout.strip().split("|")
    assert (kind, name) == ("ModuleNotFoundError", "hypothesis")
    assert message == (
        "bilan_core.strategies needs Hypothesis: pip install 'bilan-core[hypothesis]'"
    )


_FROM_TYPE = """
import bilan_core as bc
from hypothesis import find, settings, strategies as st
from hypothesis.strategies._internal.types import _global_type_lookup

assert bc.Bilan in _global_type_lookup and bc.CpfFunding in _global_type_lookup
bilan = find(st.from_type(bc.Bilan), lambda b: True, settings=settings(database=None))
assert bc.validate(bilan, on=bc.EXAMPLE_ON).ok
print(type(bilan).__name__, bilan.phase.value)
"""


@pytest.mark.parametrize(
    "first",
    [
        "import hypothesis",
        pytest.param("from hypothesis import strategies", marks=pytest.mark.slow),
        "import bilan_core",
        pytest.param("from bilan_core.bilan import Bilan", marks=pytest.mark.slow),
        pytest.param("import bilan_core.strategies", marks=pytest.mark.slow),
        pytest.param("import bilan_core, hypothesis", marks=pytest.mark.slow),
        pytest.param("import hypothesis, bilan_core", marks=pytest.mark.slow),
    ],
)
def test_from_type_whichever_is_imported_first(first: str) -> None:
    """The strategies are registered (once) whether Hypothesis or bilan_core comes first."""
    out = _run(f"{first}\n{_FROM_TYPE}")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "Bilan completed"


def test_registering_twice_is_harmless() -> None:
    """register() is idempotent: the hook and `import bilan_core` may both call it."""
    out = _run(
        """
        import hypothesis
        import bilan_core
        import _bilan_core_hypothesis
        from bilan_core import _hypothesis_setup
        _hypothesis_setup.register()
        _bilan_core_hypothesis._hypothesis_setup_hook()
        assert _hypothesis_setup._registered
        print("ok")
        """
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def _plugin_module() -> str:
    """The module bilan-core's installed `hypothesis` entry point loads."""
    (entry,) = [
        e
        for e in importlib.metadata.entry_points(group="hypothesis")
        if e.dist is not None and e.dist.name == "bilan-core"
    ]
    return entry.module


def test_import_hypothesis_does_not_import_bilan_core() -> None:
    """Loading the plugin costs a few milliseconds: it does not import the model.

    The entry point names a top-level module: one inside ``bilan_core`` would run the
    package's ``__init__`` and import the whole model.
    """
    assert _plugin_module() == "_bilan_core_hypothesis"
    out = _run(
        """
        import sys, hypothesis
        print(sorted(m for m in sys.modules if m.partition(".")[0] == "bilan_core"))
        """
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_registering_imports_neither_the_strategies_nor_the_offer() -> None:
    """Found in review: a registered *strategy* is checked by Hypothesis at once, which
    imported bilan_core.strategies (and, through it, the offer's model) while bilan_core was
    being imported, and ended in an import cycle; functions are registered instead."""
    out = _run(
        """
        import sys, hypothesis, bilan_core
        from bilan_core import _hypothesis_setup
        assert _hypothesis_setup._registered
        print(sorted(m for m in ("bilan_core.strategies", "bilan_core.offer") if m in sys.modules))
        from bilan_core.checks.qualiopi import INFORMATION_MAX_AGE_MONTHS  # no cycle
        """
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


@pytest.mark.slow  # two fresh interpreters drawing offers: about 6 s each
@pytest.mark.parametrize("first", ["import bilan_core.offer", "import hypothesis"])
def test_offers_from_type_whichever_is_imported_first(first: str) -> None:
    out = _run(
        f"""
        {first}
        import bilan_core as bc
        from hypothesis import find, settings, strategies as st
        offer = find(st.from_type(bc.Offer), lambda o: True, settings=settings(database=None))
        print(type(offer).__name__, bc.check_offer(offer, on=bc.EXAMPLE_ON).ok)
        """
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "Offer True"
