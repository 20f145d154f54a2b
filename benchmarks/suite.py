"""The measurements: bilan-core and its peers on the same corpus bytes and the same checks.

Every figure is the median over ``repeats`` passes of the mean time per plan of one pass over
the whole corpus, on one core, in this process; each plan is timed alone. Two modes:

- **cold**: before each plan, every per-value cache of bilan-core is cleared (SIRET keys,
  per-year tables, a charter's hours: see :data:`KEPT_CACHES` for the few built once per
  process and kept, among them the rules and parameters per interval between the days the
  law changes, whose keys do not depend on the plans);
- **warm**: each plan is first run once untimed, then timed: the same bytes read a second
  time in the same process.

"validate" and "dump" are timed on objects freshly loaded (untimed) for the call, never on
objects whose derived values an earlier call computed. The peers are timed the same way
(they have no caches to clear). The variants of one metric take turns in each pass
(bilan-core, pydantic, msgspec, orjson, cold then warm), so a ratio compares variants of the
same run. The garbage collector is off during a pass (as :mod:`timeit` does) and collected
between passes.
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


def source() -> str:
    """The commit measured, and whether ``src/`` differs from it (or why it is unknown)."""
    root = Path(__file__).parent.parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git clone"
    return f"git {commit}, src/ {'modified' if changed else 'as committed'}"


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
        "source": source(),
    }


# -- the library's caches ---------------------------------------------------------------------

KEPT_CACHES = {
    "bilan_core._fields.record": "the field table of a class",
    "bilan_core._fields._checker": "the checks of a class",
    "bilan_core.checks._catalogue.Catalogue.guards": "the rules guarding an event name",
    "bilan_core.checks._catalogue.Catalogue._changes": (
        "the days the rules in force change (every in_force_from and in_force_until of the "
        "catalogue), built once"
    ),
    "bilan_core.checks._catalogue.Catalogue._in_force": (
        "the rules in force per interval between two of those days (a handful of keys for "
        "the whole catalogue, whatever the plans)"
    ),
    "bilan_core.checks._catalogue.Catalogue._selected": (
        "validate's selection per interval of those days and per option set (rule ids "
        "given by the caller, not a plan)"
    ),
    "bilan_core.facts.parameters._changes": (
        "the days a dated parameter takes a new value (every DatedValue.since), built once"
    ),
    "bilan_core.facts.parameters._groups": (
        "every parameter's value per interval between two of those days (a handful of keys)"
    ),
    "bilan_core.serialization._reader": "the reader, generated once",
    "bilan_core.serialization._writer": "the writer, generated once",
    "bilan_core.serialization._bytes_writer": "the writer of dumps (sorted keys), generated once",
    "bilan_core.transitions._allowed": "the option of an event name",
}
"""Caches built once per process whatever the plans hold: kept warm in "cold" figures. Every
other ``functools`` cache of bilan_core is keyed by values of a plan (a SIRET, a reference
date, a year...) and is cleared before each plan of a "cold" figure."""


def _caches_of(module: Any) -> dict[str, Any]:
    found = {}
    namespaces = [vars(module)]
    namespaces += [vars(v) for v in vars(module).values() if isinstance(v, type)]
    for namespace in namespaces:
        for value in namespace.values():
            if not (hasattr(value, "cache_clear") and hasattr(value, "cache_info")):
                continue
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported from another module: counted there
            found[f"{module.__name__}.{value.__qualname__}"] = value
    return found


def library_caches() -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``functools`` caches of the bilan_core modules imported now: ``(cleared, kept)``.

    The Hypothesis strategies (``bilan_core.strategies``) are not part of a plan's path.
    """
    caches: dict[str, Any] = {}
    for name, module in sorted(sys.modules.items()):
        if module is None or not (name == "bilan_core" or name.startswith("bilan_core.")):
            continue
        if name.startswith("bilan_core.strategies"):
            continue
        caches.update(_caches_of(module))
    cleared = {k: v for k, v in caches.items() if k not in KEPT_CACHES}
    kept = {k: v for k, v in caches.items() if k in KEPT_CACHES}
    return cleared, kept


def cache_clearer() -> tuple[Callable[[], None], list[str], list[str]]:
    """A function clearing every per-value cache, and the names cleared and kept.

    Call it after the library has loaded, validated and dumped a plan (the modules of that
    path are imported by then).
    """
    cleared, kept = library_caches()
    functions = tuple(fn.cache_clear for fn in cleared.values())

    def clear() -> None:
        for cache_clear in functions:
            cache_clear()

    return clear, sorted(cleared), sorted(kept)


# -- timing -----------------------------------------------------------------------------------

Variant = tuple[Callable[[Any], Any], Sequence[Any], "Callable[[Any], Any] | None"]
"""``(timed function, items, prepare)``: per item, ``prepare(item)`` (not timed, e.g. loading
the bilan that ``validate`` is timed on) gives the timed function's argument."""

MODES = ("cold", "warm")


def _one_pass(
    fn: Callable[[Any], Any],
    items: Sequence[Any],
    prepare: Callable[[Any], Any] | None,
    *,
    clear: Callable[[], None] | None,
    prime: bool,
) -> float:
    """Seconds per item of one pass, each item timed alone.

    Cold: ``clear()`` (the per-value caches) then ``prepare`` then the timed call. Warm: the
    same item prepared and run once untimed first (the same bytes read a second time).
    """
    clock = time.perf_counter
    total = 0.0
    gc.collect()
    gc.disable()
    try:
        for item in items:
            if prime:
                fn(item if prepare is None else prepare(item))
            if clear is not None:
                clear()
            argument = item if prepare is None else prepare(item)
            start = clock()
            fn(argument)
            total += clock() - start
    finally:
        gc.enable()
    return total / len(items)


def interleaved(
    variants: dict[str, Variant],
    repeats: int,
    *,
    clear: Callable[[], None],
    modes: Sequence[str] = MODES,
) -> dict[str, dict[str, float]]:
    """Median seconds per item of each variant, cold and warm, taking turns in each pass.

    ``clear`` runs before each item of the bilan-core variants in the cold mode (the peers
    have no such caches). Returns ``{mode: {variant: seconds}}``.
    """
    for fn, items, prepare in variants.values():  # warm up: lazy imports, generated code
        for item in items[:20]:
            fn(item if prepare is None else prepare(item))
    samples = {mode: {name: [] for name in variants} for mode in modes}
    for _ in range(repeats):
        for mode in modes:
            for name, (fn, items, prepare) in variants.items():
                ours = name.startswith("bilan-core")
                samples[mode][name].append(
                    _one_pass(
                        fn,
                        items,
                        prepare,
                        clear=clear if mode == "cold" and ours else None,
                        prime=mode == "warm",
                    )
                )
    return {
        mode: {name: statistics.median(values) for name, values in by_name.items()}
        for mode, by_name in samples.items()
    }


def retained_kb(
    load: Callable[[Any], Any], data: Sequence[Any], clear: Callable[[], None]
) -> float:
    """KB retained per plan when every plan of ``data`` is loaded and held in a list.

    The per-value caches are cleared before both counts: what is counted is what the loaded
    objects hold (the caches are bounded, and shared by all the plans).
    """
    load(data[0])  # lazy imports and generated code are not per-plan memory
    clear()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = [load(item) for item in data]
        clear()
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
    """Every per-plan figure, cold and warm: load, validate, end to end, dump; and memory."""
    peers = _peer_modules()
    pyd, msg = peers["pydantic"], peers["msgspec"]
    shared = checks.PORTED & catalogue_ids()
    data = [p.data for p in plans]
    with_on = [(p.data, p.on) for p in plans]
    for item, on in with_on[:20]:  # the path of a plan imported before the caches are listed
        bc.dumps(bc.load(item))
        bc.validate(bc.load(item), on=on)
    clear, cleared, kept = cache_clearer()
    out: dict[str, Any] = {
        "rules": {"bilan-core": len(bc.rules(include_policy=False)), "shared": len(shared)},
        "caches": {"cleared": cleared, "kept": kept},
    }

    def ours(x: tuple[bytes, dt.date]) -> tuple[bc.Bilan, dt.date]:
        return bc.load(x[0]), x[1]

    def pyd_plan(x: tuple[bytes, dt.date]) -> tuple[Any, dt.date]:
        return pyd.load(x[0]), x[1]

    def msg_plan(x: tuple[bytes, dt.date]) -> tuple[Any, dt.date]:
        return msg.load(x[0]), x[1]

    out["load"] = interleaved(
        {
            "bilan-core": (bc.load, data, None),
            "pydantic": (pyd.load, data, None),
            "msgspec": (msg.load, data, None),
            "orjson": (orjson.loads, data, None),
        },
        repeats,
        clear=clear,
    )
    out["validate"] = interleaved(
        {
            "bilan-core": (lambda x: bc.validate(x[0], on=x[1]), with_on, ours),
            "bilan-core (same rules)": (
                lambda x: validate_rules(x[0], x[1], shared),
                with_on,
                ours,
            ),
            "pydantic": (lambda x: pyd.validate(x[0], x[1], shared), with_on, pyd_plan),
            "msgspec": (lambda x: msg.validate(x[0], x[1], shared), with_on, msg_plan),
        },
        repeats,
        clear=clear,
    )
    out["end_to_end"] = interleaved(
        {
            "bilan-core": (lambda x: bc.validate(bc.load(x[0]), on=x[1]), with_on, None),
            "bilan-core (same rules)": (
                lambda x: validate_rules(bc.load(x[0]), x[1], shared),
                with_on,
                None,
            ),
            "pydantic": (lambda x: pyd.validate(pyd.load(x[0]), x[1], shared), with_on, None),
            "msgspec": (lambda x: msg.validate(msg.load(x[0]), x[1], shared), with_on, None),
            "orjson": (lambda x: orjson.loads(x[0]), with_on, None),
        },
        repeats,
        clear=clear,
    )
    out["dump"] = interleaved(
        {
            "bilan-core": (bc.dumps, data, bc.load),
            "pydantic": (pyd.dumps, data, pyd.load),
            "msgspec": (msg.dumps, data, msg.load),
            "orjson": (orjson.dumps, data, orjson.loads),
        },
        repeats,
        clear=clear,
    )
    sample = data[: min(len(data), 2000)]

    def load_and_validate(item: tuple[bytes, dt.date]) -> bc.Bilan:
        bilan = bc.load(item[0])
        bc.validate(bilan, on=item[1])
        return bilan

    out["memory_kb"] = {
        "bilan-core": retained_kb(bc.load, sample, clear),
        "bilan-core (after validate)": retained_kb(
            load_and_validate, with_on[: len(sample)], clear
        ),
        "pydantic": retained_kb(pyd.load, sample, clear),
        "msgspec": retained_kb(msg.load, sample, clear),
        "orjson": retained_kb(orjson.loads, sample, clear),
    }
    clear()
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


def cli_time(*, quick: bool) -> dict[str, Any]:
    """Wall time of ``bilan-core validate`` on one example plan, whole process."""
    from benchmarks import cli_time as module

    return dict(module.measure(3 if quick else 10))


def hostile(*, quick: bool) -> dict[str, Any]:
    """Hostile documents (and a large valid one) read in fresh processes."""
    from benchmarks import hostile as module

    return dict(module.measure(quick=quick))


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
