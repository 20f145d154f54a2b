"""The measurements: bilan-core and its peers on the same corpus bytes and the same checks.

Every figure is the median over ``repeats`` passes of the per-plan time of one pass over the
whole corpus, on one core, in this process. The variants of one metric are interleaved in
each pass (bilan-core, pydantic, msgspec, orjson, then again), so a ratio compares variants
of the same run. The garbage collector is off while a pass is timed (as :mod:`timeit` does)
and collected between passes.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson

import bilan_core as bc
from benchmarks.corpus import Plan
from benchmarks.peers import checks

PEERS = ("bilan-core", "pydantic", "msgspec", "orjson")
PACKAGES = (
    "bilan-core",
    "attrs",
    "cattrs",
    "pendulum",
    "pydantic",
    "msgspec",
    "orjson",
    "hypothesis",
)


def _peer_modules() -> dict[str, Any]:
    from benchmarks.peers import msgspec_model, pydantic_model

    return {"pydantic": pydantic_model, "msgspec": msgspec_model}


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def machine() -> dict[str, Any]:
    """The machine and the versions, as printed at the top of the report."""
    versions = {name: _version(name) for name in PACKAGES}
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    if names:
        cpu = names[0]
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "versions": versions,
    }


# -- timing -----------------------------------------------------------------------------------


def _one_pass(fn: Callable[[Any], Any], items: Sequence[Any]) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for item in items:
            fn(item)
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    return elapsed / len(items)


def interleaved(
    variants: dict[str, tuple[Callable[[Any], Any], Sequence[Any]]], repeats: int
) -> dict[str, float]:
    """Median seconds per item of each variant, the variants taking turns in each pass."""
    for fn, items in variants.values():  # warm up (caches, lazy imports)
        for item in items[:20]:
            fn(item)
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, (fn, items) in variants.items():
            samples[name].append(_one_pass(fn, items))
    return {name: statistics.median(values) for name, values in samples.items()}


def retained_kb(load: Callable[[bytes], Any], data: Sequence[bytes]) -> float:
    """KB retained per plan when every plan of ``data`` is loaded and held in a list."""
    load(data[0])  # caches and lazy imports are not per-plan memory
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = [load(item) for item in data]
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del held
    return (after - before) / len(data) / 1024


# -- bilan-core restricted to the ported rules ------------------------------------------------


def validate_rules(bilan: bc.Bilan, on: dt.date, rule_ids: frozenset[str]) -> list[Any]:
    """bc.validate restricted to a subset of the catalogue (for "the same checks" figures)."""
    return list(bc.validate(bilan, on=on, only=rule_ids).violations)


def catalogue_ids() -> frozenset[str]:
    """The ids of bilan-core's law rules (``BC-``) registered right now."""
    return frozenset(r.id for r in bc.rules(include_policy=False))


def verdicts(plans: Sequence[Plan]) -> dict[str, Any]:
    """Compare the failing rule ids per plan: bilan-core against each peer, on the shared rules.

    Returns the rules compared and, per peer, the plans whose verdicts differ.
    """
    shared = checks.PORTED & catalogue_ids()
    peers = _peer_modules()
    differ: dict[str, list[tuple[int, list[str], list[str]]]] = {name: [] for name in peers}
    for index, plan in enumerate(plans):
        report = bc.validate(bc.load(plan.data), on=plan.on)
        ours = sorted({v.rule_id for v in report.violations} & shared)
        for name, module in peers.items():
            theirs = sorted(
                {f[0] for f in module.validate(module.load(plan.data), plan.on, shared)}
            )
            if theirs != ours:
                differ[name].append((index, ours, theirs))
    return {"shared": sorted(shared), "differ": differ}


# -- the figures ------------------------------------------------------------------------------


def figures(plans: Sequence[Plan], repeats: int) -> dict[str, Any]:
    """Every per-plan figure: load, validate, end to end, dump, memory."""
    peers = _peer_modules()
    pyd, msg = peers["pydantic"], peers["msgspec"]
    shared = checks.PORTED & catalogue_ids()
    data = [p.data for p in plans]
    with_on = [(p.data, p.on) for p in plans]
    bilans = [(bc.load(p.data), p.on) for p in plans]
    pyd_objs = [(pyd.load(p.data), p.on) for p in plans]
    msg_objs = [(msg.load(p.data), p.on) for p in plans]
    dicts = [orjson.loads(d) for d in data]
    out: dict[str, Any] = {
        "rules": {"bilan-core": len(bc.rules(include_policy=False)), "shared": len(shared)}
    }

    out["load"] = interleaved(
        {
            "bilan-core": (bc.load, data),
            "pydantic": (pyd.load, data),
            "msgspec": (msg.load, data),
            "orjson": (orjson.loads, data),
        },
        repeats,
    )
    out["validate"] = interleaved(
        {
            "bilan-core": (lambda x: bc.validate(x[0], on=x[1]), bilans),
            "bilan-core (same rules)": (lambda x: validate_rules(x[0], x[1], shared), bilans),
            "pydantic": (lambda x: pyd.validate(x[0], x[1], shared), pyd_objs),
            "msgspec": (lambda x: msg.validate(x[0], x[1], shared), msg_objs),
        },
        repeats,
    )
    out["end_to_end"] = interleaved(
        {
            "bilan-core": (lambda x: bc.validate(bc.load(x[0]), on=x[1]), with_on),
            "bilan-core (same rules)": (
                lambda x: validate_rules(bc.load(x[0]), x[1], shared),
                with_on,
            ),
            "pydantic": (lambda x: pyd.validate(pyd.load(x[0]), x[1], shared), with_on),
            "msgspec": (lambda x: msg.validate(msg.load(x[0]), x[1], shared), with_on),
            "orjson": (lambda x: orjson.loads(x[0]), with_on),
        },
        repeats,
    )
    out["dump"] = interleaved(
        {
            "bilan-core": (bc.dumps, [b for b, _ in bilans]),
            "pydantic": (pyd.dumps, [o for o, _ in pyd_objs]),
            "msgspec": (msg.dumps, [o for o, _ in msg_objs]),
            "orjson": (orjson.dumps, dicts),
        },
        repeats,
    )
    sample = data[: min(len(data), 2000)]

    def load_and_validate(item: bytes) -> bc.Bilan:
        bilan = bc.load(item)
        bc.validate(bilan, on=plans[0].on)
        return bilan

    out["memory_kb"] = {
        "bilan-core": retained_kb(bc.load, sample),
        "bilan-core (after validate)": retained_kb(load_and_validate, sample),
        "pydantic": retained_kb(pyd.load, sample),
        "msgspec": retained_kb(msg.load, sample),
        "orjson": retained_kb(orjson.loads, sample),
    }
    return out


# -- figures measured by other modules --------------------------------------------------------


def optional_module(name: str) -> Any:
    """A module that may not exist yet: ``None`` when absent, the error text when broken."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            return f"{name} does not import: {type(exc).__name__}: {exc}"
        return None
    except Exception as exc:
        return f"{name} does not import: {type(exc).__name__}: {exc}"


def _skipped(module: Any, what: str) -> dict[str, Any] | None:
    if module is None:
        return {"skipped": f"{what} is absent"}
    if isinstance(module, str):
        return {"skipped": module}
    return None


def import_time(*, quick: bool) -> dict[str, Any]:
    module = optional_module("benchmarks.import_time")
    skipped = _skipped(module, "benchmarks/import_time.py")
    if skipped is not None:
        return skipped
    return dict(module.measure(5 if quick else 20))


def machine_figures(*, quick: bool) -> dict[str, Any]:
    module = optional_module("benchmarks.machine_bench")
    skipped = _skipped(module, "benchmarks/machine_bench.py")
    if skipped is not None:
        return skipped
    return dict(module.run(quick))


def strategies(*, quick: bool) -> dict[str, Any]:
    """Bilans per second drawn from ``bilan_core.strategies.bilans()``."""
    import hypothesis  # noqa: F401 - first: its entry point imports bilan_core.strategies

    strategies_module = optional_module("bilan_core.strategies")
    skipped = _skipped(strategies_module, "bilan_core.strategies")
    if skipped is not None:
        return skipped
    if not hasattr(strategies_module, "bilans"):
        return {"skipped": "bilan_core.strategies.bilans() is absent"}
    from hypothesis import HealthCheck, given, settings

    count = 50 if quick else 500
    drawn: list[int] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies_module.bilans())
    def draw(_bilan: Any) -> None:
        drawn.append(1)

    start = time.perf_counter()
    draw()
    elapsed = time.perf_counter() - start
    return {"bilans": len(drawn), "seconds": elapsed, "per_second": len(drawn) / elapsed}


def jobs(plans: Sequence[Plan], *, quick: bool) -> dict[str, Any]:
    """``bilan-core validate --jobs N`` on a JSON Lines file, when the option exists."""
    exe = shutil.which("bilan-core")
    command = [exe] if exe else [sys.executable, "-m", "bilan_core.cli"]
    help_text = subprocess.run(
        [*command, "validate", "--help"], capture_output=True, text=True, check=False
    ).stdout
    if "--jobs" not in help_text:
        return {"skipped": "bilan-core validate has no --jobs option yet"}
    count = len(plans) if quick else 100_000
    results: dict[str, Any] = {"plans": count}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plans.jsonl"
        with path.open("wb") as out:
            for index in range(count):
                out.write(plans[index % len(plans)].data + b"\n")
        outputs = {}
        for n in (1, 2):
            start = time.perf_counter()
            done = subprocess.run(
                [*command, "validate", str(path), "--on", "2026-06-01", "--jobs", str(n)],
                capture_output=True,
                check=False,
            )
            results[f"jobs_{n}_seconds"] = time.perf_counter() - start
            results[f"jobs_{n}_exit"] = done.returncode
            outputs[n] = done.stdout
        results["same_output"] = outputs[1] == outputs[2]
        results["speed_up"] = results["jobs_1_seconds"] / results["jobs_2_seconds"]
    return results
