"""Wall time of the whole process ``bilan-core validate PLAN --on 2026-06-01`` (goal: 200 ms).

Each run starts fresh processes, alternating ``python -c "pass"`` (the bare interpreter) and
the command on one example plan, and reports the medians: what a user waits for when a
provider's software checks one plan with the command line. As for the import
(:mod:`benchmarks.import_time`), with bytecode caches (the goal's figure) and without.

Run alone: ``uv run python -m benchmarks.cli_time [RUNS]``.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.import_time import Env, environments, wall

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


def _runs(runs: int, env: Env, validate: list[str]) -> tuple[float, float, set[int]]:
    wall(validate, env)  # warm the file-system cache (and write the bytecode, when allowed)
    bare, cli, codes = [], [], set()
    for _ in range(runs):
        bare.append(wall([sys.executable, "-c", "pass"], env)[0])
        seconds, code = wall(validate, env)
        cli.append(seconds)
        codes.add(code)
    return statistics.median(bare) * 1000, statistics.median(cli) * 1000, codes


def measure(runs: int = 10) -> dict[str, Any]:
    """Median milliseconds of the command and of a bare interpreter over ``runs`` pairs."""
    runs = max(3, runs)
    with tempfile.TemporaryDirectory() as tmp, environments() as (cached, compiled):
        plan = EXAMPLE
        if not plan.exists():  # not a clone: the same example, written by the library
            import bilan_core as bc

            plan = Path(tmp) / "plan.json"
            plan.write_bytes(bc.dumps(bc.example_bilan("cpf_working_time")))
        validate = [*command(), "validate", str(plan), "--on", ON]
        bare, cli, codes = _runs(runs, cached, validate)
        _, cli_nc, codes_nc = _runs(max(3, runs // 2), compiled, validate)
    return {
        "runs": runs,
        "plan": plan.name,
        "exit_codes": sorted(codes | codes_nc),
        "bare_ms": round(bare, 1),
        "cli_ms": round(cli, 1),
        "above_bare_ms": round(cli - bare, 1),
        "target_ms": TARGET_MS,
        "within_target": cli < TARGET_MS,
        "no_bytecode_cli_ms": round(cli_nc, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    result = measure(int(args[0]) if args else 10)
    print(
        f"bilan-core validate {result['plan']} --on {ON}: {result['cli_ms']} ms wall with "
        f"bytecode caches, {result['no_bytecode_cli_ms']} ms without (python -c pass: "
        f"{result['bare_ms']} ms; median of {result['runs']} fresh processes; target < "
        f"{TARGET_MS:.0f} ms; exit {result['exit_codes']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
