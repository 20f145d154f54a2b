"""Wall time of the whole process ``bilan-core validate PLAN --on 2026-06-01`` (goal: 200 ms).

Each run starts fresh processes, alternating ``python -c "pass"`` (the bare interpreter) and
the command on one example plan, and reports the medians; what a user waits for when a
provider's software checks one plan with the command line.

Run alone: ``uv run python -m benchmarks.cli_time [RUNS]``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_MS = 200.0
ON = "2026-06-01"
EXAMPLE = Path(__file__).parent.parent / "examples" / "plans" / "cpf-on-working-time.json"


def command() -> list[str]:
    """The ``bilan-core`` console script next to this interpreter, or ``python -m``."""
    script = Path(sys.executable).with_name("bilan-core")
    if script.exists():
        return [str(script)]
    found = shutil.which("bilan-core")
    return [found] if found else [sys.executable, "-m", "bilan_core.cli"]


def _wall(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, check=False)
    return time.perf_counter() - start, done.returncode


def measure(runs: int = 10) -> dict[str, Any]:
    """Median milliseconds of the command and of a bare interpreter over ``runs`` pairs."""
    runs = max(3, runs)
    with tempfile.TemporaryDirectory() as tmp:
        plan = EXAMPLE
        if not plan.exists():  # not a clone: the same example, written by the library
            import bilan_core as bc

            plan = Path(tmp) / "plan.json"
            plan.write_bytes(bc.dumps(bc.example_bilan("cpf_working_time")))
        validate = [*command(), "validate", str(plan), "--on", ON]
        _wall(validate)  # warm the file-system cache and the bytecode
        bare, cli, codes = [], [], set()
        for _ in range(runs):
            bare.append(_wall([sys.executable, "-c", "pass"])[0])
            seconds, code = _wall(validate)
            cli.append(seconds)
            codes.add(code)
    median = statistics.median(cli) * 1000
    return {
        "runs": runs,
        "plan": plan.name,
        "exit_codes": sorted(codes),
        "bare_ms": round(statistics.median(bare) * 1000, 1),
        "cli_ms": round(median, 1),
        "above_bare_ms": round(median - statistics.median(bare) * 1000, 1),
        "target_ms": TARGET_MS,
        "within_target": median < TARGET_MS,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    result = measure(int(args[0]) if args else 10)
    print(
        f"bilan-core validate {result['plan']} --on {ON}: {result['cli_ms']} ms wall "
        f"(python -c pass: {result['bare_ms']} ms; median of {result['runs']} fresh "
        f"processes; target < {TARGET_MS:.0f} ms; exit {result['exit_codes']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
