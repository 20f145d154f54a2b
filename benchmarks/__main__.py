"""``python -m benchmarks [--quick] [--plans N] [--repeats N] [--out FILE]``.

Prints the machine, the versions, the corpus, a Markdown table of medians per plan cold and
warm with the ratios, the whole-process figures (import, command line), the hostile
documents and the goals of issue 11. ``--quick`` is the CI run: 200 plans, 3 passes, small
hostile documents, no timing assertion; the exit code is 0 unless something crashes
(differing verdicts are a warning on stderr; ``tests/test_benchmarks.py`` fails on them).
``--out FILE`` also writes the results: JSON for ``*.json``, the printed text otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import orjson

from benchmarks import suite
from benchmarks.corpus import corpus, freshness

GOALS = {
    "end_to_end_vs_pydantic": 1.3,
    "end_to_end_vs_msgspec": 2.0,
    "cold_vs_warm_load": 1.5,
    "dump_vs_pydantic": 1.0,
    "import_ms": 150.0,
    "cli_ms": 200.0,
    "hostile_seconds": 1.0,
    "hostile_mb": 200.0,
    "memory_kb": 6.5,
}
"""The goals of issue 11, on the cold figures."""

ROWS = (
    ("bytes → typed object", "load", "bilan-core"),
    ("validate alone (all rules)", "validate", "bilan-core"),
    ("validate alone (same rules)", "validate", "bilan-core (same rules)"),
    ("bytes → report (all rules)", "end_to_end", "bilan-core"),
    ("bytes → report (same rules)", "end_to_end", "bilan-core (same rules)"),
    ("dump to bytes", "dump", "bilan-core"),
)


def _us(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1e6:,.1f} µs"


def _ratio(num: float | None, den: float | None) -> str:
    return "—" if not num or not den else f"{num / den:.2f}×"


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} KB"


def _row(name: str, run: str, values: dict[str, float], fmt: Any, bc_key: str) -> str:
    bcv = values.get(bc_key)
    cells = [fmt(bcv), fmt(values.get("pydantic")), fmt(values.get("msgspec"))]
    cells.append(fmt(values.get("orjson")))
    cells.append(_ratio(values.get("pydantic"), bcv))
    cells.append(_ratio(bcv, values.get("msgspec")))
    return f"| {name} | {run} | " + " | ".join(cells) + " |"


def table(f: dict[str, Any]) -> list[str]:
    """The Markdown table of the per-plan figures."""
    lines = [
        (
            "| metric | run | bilan-core | pydantic | msgspec | orjson floor "
            "| pydantic / bilan-core | bilan-core / msgspec |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    lines.extend(
        _row(name, run, f[metric][run], _us, key)
        for name, metric, key in ROWS
        for run in suite.MODES
    )
    lines.append(_row("memory retained per plan", "—", f["memory_kb"], _kb, "bilan-core"))
    lines.append(
        "| memory per plan after validate | — | "
        + _kb(f["memory_kb"]["bilan-core (after validate)"])
        + " | | | | | |"
    )
    return lines


def cold_warm(f: dict[str, Any]) -> str:
    """bilan-core's cold / warm ratio per metric."""
    parts = []
    for name, metric, key in ROWS:
        parts.append(f"{name} {_ratio(f[metric]['cold'][key], f[metric]['warm'][key])}")
    return "bilan-core cold / warm: " + "; ".join(parts)


def _freshness_line(values: dict[str, Any]) -> str:
    parts = []
    for kind, counts in values.items():
        if kind == "session starts":
            parts.append(
                f"{counts['distinct']:,} session starts, {counts['shared by two plans']} shared "
                "by two plans"
            )
        else:
            parts.append(f"{kind} {counts['distinct']:,} distinct of {counts['values']:,}")
    return "corpus values: " + "; ".join(parts)


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    f = results["figures"]
    lines = [
        f"bilan-core benchmarks, {m['date']}",
        f"machine: {m['platform']}; {m['cpu']}; {m['cpu_count']} CPUs; {m['python']}",
        "versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        f"source: {m['source']}",
        (
            f"corpus: {results['plans']} plans, {results['mean_bytes']:,.0f} bytes on average, "
            f"{results['broken']} breaking a rule; {results['repeats']} passes; medians per plan"
        ),
        _freshness_line(results["freshness"]),
        (
            f"rules: bilan-core runs {f['rules']['bilan-core']} law rules; "
            f"the peers run the {f['rules']['shared']} of them ported "
            "(docs/performance.md lists them)"
        ),
    ]
    v = results["verdicts"]
    differ = {name: len(rows) for name, rows in v["differ"].items()}
    lines.append(
        f"verdicts: on the {len(v['shared'])} shared rules, plans whose failing rule ids differ "
        f"from bilan-core's: " + ", ".join(f"{k} {n}" for k, n in differ.items())
    )
    short = [name.removeprefix("bilan_core.") for name in f["caches"]["cleared"]]
    kept = [name.removeprefix("bilan_core.") for name in f["caches"]["kept"]]
    lines.append("cold: cleared before each plan: " + ", ".join(short))
    lines.append("cold: kept (built once per process): " + ", ".join(kept))
    lines += ["", *table(f), "", cold_warm(f)]
    lines += ["", "whole process:"]
    lines.append("- " + _import_line(results["import"]))
    lines.append("- " + _cli_line(results["cli"]))
    lines += ["", "hostile documents (each read in a fresh process):"]
    lines += ["- " + line for line in _hostile_lines(results["hostile"])]
    lines += ["", "other figures:"]
    for name in ("phase machine", "strategies", "jobs"):
        lines.append(f"- {name}: " + _format_dict(results[name]))
    lines += ["", "goals (issue 11; cold figures, ratios from this run):"]
    lines += [f"- {text}" for text in goals(results)]
    return "\n".join(lines)


def _import_line(values: dict[str, Any]) -> str:
    if "skipped" in values:
        return f"import bilan_core: skipped ({values['skipped']})"
    heaviest = ", ".join(
        f"{row['package']} {row['ms']:.0f} ms" for row in values.get("heaviest", [])[:4]
    )
    return (
        f"import bilan_core: {values['above_bare_ms']:.0f} ms above a bare interpreter with "
        f"bytecode caches ({values['import_ms']:.0f} ms against {values['bare_ms']:.0f} ms for "
        f"python -c pass; median of {values['runs']} fresh processes), "
        f"{values['no_bytecode_above_bare_ms']:.0f} ms without; self time by package: {heaviest}"
    )


def _cli_line(values: dict[str, Any]) -> str:
    return (
        f"bilan-core validate {values['plan']} --on 2026-06-01: {values['cli_ms']:.0f} ms wall "
        f"with bytecode caches (python -c pass: {values['bare_ms']:.0f} ms; median of "
        f"{values['runs']} fresh processes), {values['no_bytecode_cli_ms']:.0f} ms without; "
        f"exit {', '.join(map(str, values['exit_codes']))}"
    )


def _hostile_lines(values: dict[str, Any]) -> list[str]:
    from benchmarks.hostile import describe

    lines = [describe(kind, values[kind]) for kind in ("integers", "scalars", "sessions")]
    if values.get("quick"):
        lines.append("(--quick: small documents, so that every path runs; goals not judged)")
    return lines


def _format_dict(values: dict[str, Any]) -> str:
    parts = []
    for key, value in values.items():
        text = f"{value:.3g}" if isinstance(value, float) else str(value)
        parts.append(f"{key} {text}")
    return "; ".join(parts)


def goals(results: dict[str, Any]) -> list[str]:
    f = results["figures"]
    e2e, load, dump = f["end_to_end"]["cold"], f["load"], f["dump"]["cold"]
    out = []

    def check(label: str, value: float | None, goal: float, *, higher: bool) -> None:
        if value is None:
            out.append(f"{label}: not measured")
            return
        met = value >= goal if higher else value <= goal
        sign = "≥" if higher else "≤"
        out.append(f"{label}: {value:.2f} (goal {sign} {goal:g}) {'met' if met else 'NOT met'}")

    for key, label in (("bilan-core", "all rules"), ("bilan-core (same rules)", "same rules")):
        check(
            f"bytes → report, pydantic / bilan-core ({label})",
            e2e["pydantic"] / e2e[key],
            GOALS["end_to_end_vs_pydantic"],
            higher=True,
        )
    for key, label in (("bilan-core", "all rules"), ("bilan-core (same rules)", "same rules")):
        check(
            f"bytes → report, bilan-core / msgspec ({label})",
            e2e[key] / e2e["msgspec"],
            GOALS["end_to_end_vs_msgspec"],
            higher=False,
        )
    check(
        "bytes → typed object, bilan-core cold / warm",
        load["cold"]["bilan-core"] / load["warm"]["bilan-core"],
        GOALS["cold_vs_warm_load"],
        higher=False,
    )
    check(
        "dump to bytes, pydantic / bilan-core",
        dump["pydantic"] / dump["bilan-core"],
        GOALS["dump_vs_pydantic"],
        higher=True,
    )
    check(
        "import bilan_core, ms above a bare interpreter (bytecode caches)",
        _number(results["import"], "above_bare_ms"),
        GOALS["import_ms"],
        higher=False,
    )
    check(
        "bilan-core validate of one plan, ms wall for the whole process (bytecode caches)",
        _number(results["cli"], "cli_ms"),
        GOALS["cli_ms"],
        higher=False,
    )
    hostile = results["hostile"]
    integers = hostile.get("integers", {})
    if hostile.get("quick") or "seconds" not in integers:
        out.append("3 MB hostile document: not measured (--quick reads a small one)")
    else:
        check(
            "3 MB hostile document (10⁶ integers) refused, seconds",
            integers["seconds"] if integers["refused"] else None,
            GOALS["hostile_seconds"],
            higher=False,
        )
        check(
            "3 MB hostile document, MB of peak memory (RSS growth; Python allocations)",
            max(integers["rss_growth_mb"], integers["traced_peak_mb"]),
            GOALS["hostile_mb"],
            higher=False,
        )
    check("KB retained per plan", f["memory_kb"]["bilan-core"], GOALS["memory_kb"], higher=False)
    return out


def _number(values: dict[str, Any], key: str) -> float | None:
    value = values.get(key)
    return float(value) if isinstance(value, (int, float)) else None


def run(plans: int, repeats: int, *, quick: bool) -> dict[str, Any]:
    started = time.perf_counter()
    items = corpus(plans)
    results: dict[str, Any] = {
        "machine": suite.machine(),
        "plans": len(items),
        "repeats": repeats,
        "mean_bytes": sum(len(p.data) for p in items) / len(items),
        "broken": sum(p.broken is not None for p in items),
        "freshness": freshness(items),
        "verdicts": suite.verdicts(items),
        "figures": suite.figures(items, repeats),
        "import": suite.import_time(quick=quick),
        "cli": suite.cli_time(quick=quick),
        "hostile": suite.hostile(quick=quick),
        "phase machine": suite.machine_figures(quick=quick),
        "strategies": suite.strategies(quick=quick),
        "jobs": suite.jobs(items, quick=quick),
    }
    results["seconds"] = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI run: 200 plans, 3 passes")
    parser.add_argument("--plans", type=int, help="corpus size (default 10000; quick 200)")
    parser.add_argument("--repeats", type=int, help="passes per figure (default 7; quick 3)")
    parser.add_argument("--out", type=Path, help="also write the results (JSON for *.json)")
    args = parser.parse_args(argv)
    plans = args.plans or (200 if args.quick else 10_000)
    repeats = args.repeats or (3 if args.quick else 7)
    results = run(plans, repeats, quick=args.quick)
    text = render(results)
    print(text)
    print(f"\n({results['seconds']:.1f} s)")
    if args.out is not None:
        if args.out.suffix == ".json":
            args.out.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2, default=str))
        else:
            args.out.write_text(text + "\n")
    differ = sum(len(rows) for rows in results["verdicts"]["differ"].values())
    if differ:
        print(f"warning: {differ} peer verdicts differ from bilan-core's", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
