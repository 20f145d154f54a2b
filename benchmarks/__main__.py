"""``python -m benchmarks [--quick] [--plans N] [--repeats N] [--out FILE]``.

Prints the machine, the versions and a Markdown table of medians per plan, with the ratios
and the issue's goals. ``--quick`` is the CI run: 200 plans, 3 passes, no timing assertion;
the exit code is 0 unless something crashes (differing verdicts are a warning on stderr;
``tests/test_benchmarks.py`` fails on them).
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
from benchmarks.corpus import corpus

GOALS = {
    "end_to_end_vs_pydantic": 1.0,
    "end_to_end_vs_pydantic_stretch": 1.3,
    "end_to_end_vs_msgspec": 2.5,
    "validate_vs_msgspec": 1.3,
    "import_ms": 150.0,
    "memory_kb": 6.5,
}


def _us(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1e6:,.1f} µs"


def _ratio(num: float | None, den: float | None) -> str:
    return "—" if not num or not den else f"{num / den:.2f}×"


def _row(name: str, values: dict[str, float], fmt: Any = _us, bc_key: str = "bilan-core") -> str:
    bcv = values.get(bc_key)
    cells = [fmt(values.get(bc_key)), fmt(values.get("pydantic")), fmt(values.get("msgspec"))]
    cells.append(fmt(values.get("orjson")))
    cells.append(_ratio(values.get("pydantic"), bcv))
    cells.append(_ratio(bcv, values.get("msgspec")))
    return f"| {name} | " + " | ".join(cells) + " |"


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} KB"


def render(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"bilan-core benchmarks, {m['date']}",
        f"machine: {m['platform']}; {m['cpu']}; {m['cpu_count']} CPUs; {m['python']}",
        "versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        (
            f"corpus: {results['plans']} plans, {results['mean_bytes']:,.0f} bytes on average, "
            f"{results['broken']} breaking a rule; {results['repeats']} passes; medians per plan"
        ),
        (
            f"rules: bilan-core runs {results['figures']['rules']['bilan-core']} law rules; "
            f"the peers run the {results['figures']['rules']['shared']} of them ported "
            "(docs/performance.md lists them)"
        ),
    ]
    v = results["verdicts"]
    differ = {name: len(rows) for name, rows in v["differ"].items()}
    lines.append(
        f"verdicts: on the {len(v['shared'])} shared rules, plans whose failing rule ids differ "
        f"from bilan-core's: " + ", ".join(f"{k} {n}" for k, n in differ.items())
    )
    f = results["figures"]
    lines += [
        "",
        (
            "| metric | bilan-core | pydantic | msgspec | orjson floor | pydantic / bilan-core "
            "| bilan-core / msgspec |"
        ),
        "|---|---|---|---|---|---|---|",
        _row("bytes → typed object", f["load"]),
        _row("validate alone (all rules)", f["validate"]),
        _row("validate alone (same rules)", f["validate"], bc_key="bilan-core (same rules)"),
        _row("bytes → report (all rules)", f["end_to_end"]),
        _row("bytes → report (same rules)", f["end_to_end"], bc_key="bilan-core (same rules)"),
        _row("dump to bytes", f["dump"]),
        _row("memory retained per plan", f["memory_kb"], fmt=_kb),
        "| memory per plan after validate | "
        + _kb(f["memory_kb"]["bilan-core (after validate)"])
        + " | | | | | |",
    ]
    lines += ["", "other figures:"]
    for name in ("import", "phase machine", "strategies", "jobs"):
        lines.append(f"- {name}: " + _format_dict(results[name]))
    lines += ["", "goals (from issue 8):"]
    lines += [f"- {text}" for text in goals(results)]
    return "\n".join(lines)


def _format_dict(values: dict[str, Any]) -> str:
    parts = []
    for key, value in values.items():
        if isinstance(value, float):
            text = f"{value:.3g}"
        elif isinstance(value, list):  # e.g. the heaviest imports: the first three
            text = ", ".join(_short(item) for item in value[:3])
        else:
            text = str(value)
        parts.append(f"{key} {text}")
    return "; ".join(parts)


def _short(item: Any) -> str:
    if isinstance(item, dict) and "module" in item and "ms" in item:
        return f"{item['module']} {item['ms']:.1f} ms"
    return str(item)


def goals(results: dict[str, Any]) -> list[str]:
    f = results["figures"]
    e2e, val = f["end_to_end"], f["validate"]
    out = []

    def check(label: str, value: float | None, goal: float, *, higher: bool) -> None:
        if value is None:
            out.append(f"{label}: not measured")
            return
        met = value >= goal if higher else value <= goal
        sign = "≥" if higher else "≤"
        out.append(f"{label}: {value:.2f} (goal {sign} {goal}) {'met' if met else 'NOT met'}")

    for key, label in (("bilan-core", "all rules"), ("bilan-core (same rules)", "same rules")):
        check(
            f"bytes → report, pydantic / bilan-core ({label})",
            e2e["pydantic"] / e2e[key],
            GOALS["end_to_end_vs_pydantic"],
            higher=True,
        )
        check(
            f"bytes → report, bilan-core / msgspec ({label})",
            e2e[key] / e2e["msgspec"],
            GOALS["end_to_end_vs_msgspec"],
            higher=False,
        )
    check(
        "validate alone, bilan-core / msgspec (same rules)",
        val["bilan-core (same rules)"] / val["msgspec"],
        GOALS["validate_vs_msgspec"],
        higher=False,
    )
    import_ms = _import_ms(results["import"])
    check(
        "import bilan_core, ms above a bare interpreter",
        import_ms,
        GOALS["import_ms"],
        higher=False,
    )
    check("KB retained per plan", f["memory_kb"]["bilan-core"], GOALS["memory_kb"], higher=False)
    return out


def _import_ms(values: dict[str, Any]) -> float | None:
    for key in ("above_bare_ms", "import_ms"):
        if isinstance(values.get(key), (int, float)):
            return float(values[key])
    return None


def run(plans: int, repeats: int, *, quick: bool) -> dict[str, Any]:
    started = time.perf_counter()
    items = corpus(plans)
    results: dict[str, Any] = {
        "machine": suite.machine(),
        "plans": len(items),
        "repeats": repeats,
        "mean_bytes": sum(len(p.data) for p in items) / len(items),
        "broken": sum(p.broken is not None for p in items),
        "verdicts": suite.verdicts(items),
        "figures": suite.figures(items, repeats),
        "import": suite.import_time(quick=quick),
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
