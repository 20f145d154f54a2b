"""Generation speed of the Hypothesis strategies: valid bilans per second.

Goal (issue 7): 200+ valid bilans per second from ``bilans()``. Measured the way a test suite
draws them: a ``@given`` test with ``max_examples=N`` (no database, no deadline) counting its
calls, so the figure includes Hypothesis's own engine; a second figure checks every drawn
bilan with ``validate`` (the "1000 valid bilans" test), and the others time ``bilans`` under
the STAFF charter and ``bilans_violating`` (which validates each draw itself).

Run alone: ``uv run python -m benchmarks.strategies_bench`` (``--quick`` for a short run).
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy

import bilan_core as bc
from bilan_core.policies import STAFF
from bilan_core.strategies import bilans, bilans_violating

GOAL_PER_SECOND = 200.0


def per_second(strategy: SearchStrategy[Any], examples: int, *, check: Any = None) -> float:
    """Examples drawn per second by a ``@given`` test of ``examples`` examples."""
    count = 0

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        nonlocal count
        count += 1
        if check is not None:
            assert check(value)

    start = time.perf_counter()
    run()
    return count / (time.perf_counter() - start)


def _median(strategy: SearchStrategy[Any], examples: int, repeats: int, **kw: Any) -> float:
    per_second(strategy, 20, **kw)  # warm up: imports, the catalogue, holiday calendars
    return statistics.median(per_second(strategy, examples, **kw) for _ in range(repeats))


def run(quick: bool = False) -> dict[str, Any]:  # noqa: FBT001, FBT002 - the runner's signature
    """Bilans per second: plain, validated, under STAFF, and breaking BC-DURATION-MAX."""
    examples, repeats = (200, 3) if quick else (1000, 5)
    on = bc.EXAMPLE_ON
    results: dict[str, Any] = {
        "bilans per s": _median(bilans(), examples, repeats),
        "bilans validated per s": _median(
            bilans(), examples, repeats, check=lambda b: bc.validate(b, on=on).ok
        ),
        "bilans(policy=STAFF) per s": _median(bilans(policy=STAFF), examples, repeats),
        "bilans_violating(BC-DURATION-MAX) per s": _median(
            bilans_violating("BC-DURATION-MAX"), examples // 2, repeats
        ),
    }
    results["goal met"] = results["bilans per s"] >= GOAL_PER_SECOND
    return results


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key}: {value:.0f}" if isinstance(value, float) else f"{key}: {value}")
