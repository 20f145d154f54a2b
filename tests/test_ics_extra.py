"""Calendar files need the ``[ics]`` extra (icalendar); without it, a clear message.

The package is made unimportable in a subprocess (``sys.modules["icalendar"] = None``), as in
an environment where bilan-core was installed without the extra.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PLAN = Path(__file__).resolve().parents[1] / "examples" / "plans" / "cpf-on-working-time.json"
BLOCK = "import sys; sys.modules['icalendar'] = None\n"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", BLOCK + code], capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_to_ics_names_the_extra() -> None:
    done = _python(
        "import bilan_core as bc\n"
        "from bilan_core.deadlines.ics import to_ics\n"
        "b = bc.example_bilan('cpf')\n"
        "try:\n"
        "    to_ics(b, bc.timeline(b, on=bc.EXAMPLE_ON))\n"
        "except ModuleNotFoundError as e:\n"
        "    print(e.name, '|', e)\n"
    )
    assert done.stdout.strip() == (
        "icalendar | writing calendar files needs the icalendar package: "
        "pip install 'bilan-core[ics]'"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "a besoin du paquet icalendar"), ("en", "needs the icalendar")]
)
def test_timeline_ics_exits_2_with_one_line(lang: str, words: str) -> None:
    done = _python(
        "from bilan_core.cli import main\n"
        f"raise SystemExit(main(['timeline', {str(PLAN)!r}, '--ics', '-', '--lang', '{lang}']))\n"
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert words in done.stderr
    assert done.stderr.count("\n") == 1


def test_everything_else_needs_no_icalendar() -> None:
    """Validating and listing deadlines import neither icalendar nor holidays."""
    done = _python(
        "import bilan_core as bc\n"
        "b = bc.example_bilan('cpf')\n"
        "bc.validate(b, on=bc.EXAMPLE_ON, policy=bc.policies.STAFF)\n"
        "bc.timeline(b, on=bc.EXAMPLE_ON, policy=bc.policies.STAFF)\n"
        "print('icalendar' in sys.modules and sys.modules['icalendar'] is not None,"
        " 'holidays' in sys.modules)\n"
    )
    assert done.stdout.strip() == "False False", done.stderr
