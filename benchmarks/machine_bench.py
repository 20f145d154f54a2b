"""Timing of the phase machine: ``advance`` and ``next_events`` on typical bilans.

Goals (issue 4): ``advance`` median under 150 µs, ``next_events`` under 10 µs, on one core.
Every figure is the median, over ``repeats`` passes, of the time per call of one pass of
``number`` calls; the garbage collector is off while a pass is timed (as :mod:`timeit` does).

Run alone: ``uv run python -m benchmarks.machine_bench`` (``--quick`` for a short run).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import attrs
import pendulum

import bilan_core as bc
from bilan_core.phases import Phase
from bilan_core.transitions import advance, next_events

GOALS_US = {"advance": 150.0, "next_events": 10.0}


def median_us(fn: Callable[[], Any], *, number: int, repeats: int) -> float:
    """The median over ``repeats`` passes of the time per call, in microseconds."""
    fn()  # warm up: the table, the catalogue, the per-thread machine
    timings = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            timings.append((time.perf_counter() - start) / number)
    finally:
        if enabled:
            gc.enable()
    return statistics.median(timings) * 1e6


def _snapshots() -> dict[str, tuple[bc.Bilan, str, pendulum.DateTime]]:
    """Typical steps: each example bilan rewound to just before one of its events."""
    bilan = bc.example_bilan("cpf")
    history = bilan.history
    phases = (Phase.INQUIRY, Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)
    steps = {}
    for index, (phase, event) in enumerate(zip(phases, history, strict=True)):
        before = attrs.evolve(bilan, phase=phase, history=history[:index])
        steps[event.name] = (before, event.name, event.at)
    return steps


def run(quick: bool = False) -> dict[str, Any]:  # noqa: FBT001, FBT002 - the runner's signature
    """Median µs per call of ``advance`` (per event and overall) and ``next_events``."""
    number, repeats = (200, 5) if quick else (2000, 15)
    results: dict[str, Any] = {}
    per_event = []
    for name, (bilan, event, at) in _snapshots().items():
        figure = median_us(
            lambda b=bilan, e=event, t=at: advance(b, e, at=t), number=number, repeats=repeats
        )
        results[f"advance {name} µs"] = figure
        per_event.append(figure)
    results["advance µs"] = statistics.median(per_event)
    completed = bc.example_bilan("cpf")
    on = pendulum.datetime(2026, 6, 1, 12, tz="UTC")
    results["next_events µs"] = median_us(
        lambda: next_events(completed, on=on), number=number * 5, repeats=repeats
    )
    conclusion = attrs.evolve(completed, phase=Phase.CONCLUSION, history=completed.history[:3])
    results["next_events (conclusion) µs"] = median_us(
        lambda: next_events(conclusion, on=on), number=number * 5, repeats=repeats
    )
    results["advance goal met"] = results["advance µs"] < GOALS_US["advance"]
    results["next_events goal met"] = results["next_events µs"] < GOALS_US["next_events"]
    return results


if __name__ == "__main__":
    for key, value in run(quick="--quick" in sys.argv).items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
