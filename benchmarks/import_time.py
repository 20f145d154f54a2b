"""How long ``import bilan_core`` takes above a bare interpreter (target: under 150 ms).

Each run starts fresh processes, alternating ``python -c "pass"`` and
``python -c "import bilan_core"``, and reports the median of the differences of wall-clock
times; ``python -X importtime`` in one more process names the modules that dominate.

Run it alone with ``uv run python -m benchmarks.import_time [RUNS]``.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from typing import Any

TARGET_MS = 150.0
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def heaviest(limit: int = 8) -> list[dict[str, Any]]:
    """What ``import bilan_core`` spends its time on (``-X importtime``, one process): the
    self time of every module summed by top-level package (``pendulum``, ``cattrs``...),
    largest first."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bilan_core"],
        check=True,
        capture_output=True,
        text=True,
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


def measure(runs: int = 15) -> dict[str, Any]:
    """Median milliseconds of ``import bilan_core`` above ``python -c pass`` over ``runs``
    pairs of fresh processes (at least 3), with the modules that dominate."""
    runs = max(3, runs)
    _wall("import bilan_core")  # warm the file-system cache and bytecode
    bare, loaded = [], []
    for _ in range(runs):
        bare.append(_wall("pass"))
        loaded.append(_wall("import bilan_core"))
    above = [(b - a) * 1000 for a, b in zip(bare, loaded, strict=True)]
    median = statistics.median(above)
    return {
        "runs": runs,
        "bare_ms": round(statistics.median(bare) * 1000, 1),
        "import_ms": round(statistics.median(loaded) * 1000, 1),
        "above_bare_ms": round(median, 1),
        "target_ms": TARGET_MS,
        "within_target": median < TARGET_MS,
        "heaviest": heaviest(),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figure (and the heaviest imports)."""
    args = sys.argv[1:] if argv is None else argv
    result = measure(int(args[0]) if args else 15)
    print(
        f"import bilan_core: {result['above_bare_ms']} ms above a bare interpreter "
        f"(median of {result['runs']} fresh processes; target < {TARGET_MS:.0f} ms)"
    )
    print("self time by package (one -X importtime run):")
    for row in result["heaviest"]:
        print(f"  {row['package']:<20} {row['ms']:8.1f} ms  {row['share']:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
