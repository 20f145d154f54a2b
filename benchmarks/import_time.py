"""How long ``import bilan_core`` takes above a bare interpreter (target: under 150 ms).

Each run starts fresh processes, alternating ``python -c "pass"`` and
``python -c "import bilan_core"``, and reports the median of the differences of wall-clock
times; ``python -X importtime`` in one more process names the modules that dominate.

Bytecode caches: an installed package has them (pip compiles at install, Python writes them
on first import), but ``PYTHONDONTWRITEBYTECODE=1`` (set on some machines and CI images, this
benchmark's VM among them) makes every process compile from source each module that has no
cache beside it. Both are measured: **with** caches, written by a first untimed process into
a temporary ``PYTHONPYCACHEPREFIX`` directory (nothing is written next to the sources; the
figure of the goal), and **without**: ``PYTHONDONTWRITEBYTECODE=1`` and no prefix (the
standard library keeps its installed caches; bilan-core and the packages of a virtual
environment that has no caches are compiled in every process).

Run it alone with ``uv run python -m benchmarks.import_time [RUNS]``.
"""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

TARGET_MS = 150.0
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")

Env = dict[str, str]


@contextlib.contextmanager
def environments() -> Iterator[tuple[Env, Env]]:
    """``(with bytecode caches, without)``: environments for fresh Python processes.

    With: bytecode is written to and read from a temporary cache directory (the first
    process compiles, later ones read). Without: ``PYTHONDONTWRITEBYTECODE=1``, the caches
    that exist beside the sources are read, no other is written.
    """
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"}
    }
    with tempfile.TemporaryDirectory() as cached:
        yield (
            {**base, "PYTHONPYCACHEPREFIX": cached},
            {**base, "PYTHONDONTWRITEBYTECODE": "1"},
        )


def wall(args: list[str], env: Env) -> tuple[float, int]:
    """Seconds of wall-clock time of a process, and its exit code."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, check=False, env=env)
    return time.perf_counter() - start, done.returncode


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def heaviest(env: Env | None = None, limit: int = 8) -> list[dict[str, Any]]:
    """What ``import bilan_core`` spends its time on (``-X importtime``, one process): the
    self time of every module summed by top-level package (``pendulum``, ``attr``...),
    largest first."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bilan_core"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    by_package: dict[str, int] = {}
    for line in done.stderr.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        own, _cumulative, _indent, name = match.groups()
        package = name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + int(own)
    total = sum(by_package.values()) or 1
    rows = [
        {"package": package, "ms": round(us / 1000, 1), "share": round(us / total, 3)}
        for package, us in by_package.items()
    ]
    rows.sort(key=lambda row: row["ms"], reverse=True)
    return rows[:limit]


def _pairs(runs: int, env: Env, bare: list[str], timed: list[str]) -> tuple[float, float, float]:
    """Medians (ms) of the bare process, the timed one, and of their differences."""
    wall(timed, env)  # warm the file-system cache (and write the bytecode, when allowed)
    bare_s, timed_s = [], []
    for _ in range(runs):
        bare_s.append(wall(bare, env)[0])
        timed_s.append(wall(timed, env)[0])
    above = [(b - a) * 1000 for a, b in zip(bare_s, timed_s, strict=True)]
    return (
        statistics.median(bare_s) * 1000,
        statistics.median(timed_s) * 1000,
        statistics.median(above),
    )


def measure(runs: int = 15) -> dict[str, Any]:
    """Median milliseconds of ``import bilan_core`` above ``python -c pass`` over ``runs``
    pairs of fresh processes (at least 3), with bytecode caches and without, and the
    modules that dominate (with caches)."""
    runs = max(3, runs)
    with environments() as (cached, compiled):
        bare, loaded, above = _pairs(runs, cached, _python("pass"), _python("import bilan_core"))
        _, loaded_nc, above_nc = _pairs(
            max(3, runs // 2), compiled, _python("pass"), _python("import bilan_core")
        )
        rows = heaviest(cached)
    return {
        "runs": runs,
        "bare_ms": round(bare, 1),
        "import_ms": round(loaded, 1),
        "above_bare_ms": round(above, 1),
        "target_ms": TARGET_MS,
        "within_target": above < TARGET_MS,
        "no_bytecode_import_ms": round(loaded_nc, 1),
        "no_bytecode_above_bare_ms": round(above_nc, 1),
        "heaviest": rows,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figure (and the heaviest imports)."""
    args = sys.argv[1:] if argv is None else argv
    result = measure(int(args[0]) if args else 15)
    print(
        f"import bilan_core: {result['above_bare_ms']} ms above a bare interpreter with "
        f"bytecode caches, {result['no_bytecode_above_bare_ms']} ms without (median of "
        f"{result['runs']} fresh processes; target < {TARGET_MS:.0f} ms)"
    )
    print("self time by package (one -X importtime run, with bytecode caches):")
    for row in result["heaviest"]:
        print(f"  {row['package']:<20} {row['ms']:8.1f} ms  {row['share']:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
