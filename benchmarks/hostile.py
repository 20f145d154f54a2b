"""Hostile documents: how long ``bilan_core.load`` takes to refuse them, and how much memory.

Issue 11 measured 0.1.0 refusing a 3 MB document whose ``"sessions"`` is a list of 10⁶
integers in 100 s and 6.2 GB, and 10⁵ scalars in ``"agreements"`` in 11 s and 753 MB. Each
document here is the CPF example bilan with one array replaced:

- ``integers``: ``"sessions"`` holds ``count`` integers (10⁶: about 3 MB of JSON);
- ``scalars``: ``"agreements"`` holds ``count`` integers;
- ``sessions``: a *valid* document with ``count`` sessions (10⁵: about 28 MB), for contrast.

Each is read in a fresh process (``python -m benchmarks.hostile --child FILE``) that has
already loaded and refused a small document (the reader and the explainer are built), so
the figures are those of the document alone: wall time of ``load``, the growth of the peak
resident memory of the process during it (``VmHWM`` reset just before, on Linux; else
``ru_maxrss``), then in a second call the peak of
Python allocations (``tracemalloc``), and for a refusal the number of errors kept and
``SerializationError.total``.

Run alone: ``uv run python -m benchmarks.hostile [--quick]``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

SIZES = {"integers": 1_000_000, "scalars": 100_000, "sessions": 100_000}
QUICK_SIZES = {"integers": 10_000, "scalars": 1_000, "sessions": 1_000}
GOAL_SECONDS = 1.0
GOAL_MB = 200.0


def _base() -> dict[str, Any]:
    import bilan_core as bc

    document: dict[str, Any] = json.loads(bc.dumps(bc.example_bilan("cpf")))
    return document


def document(kind: str, count: int) -> bytes:
    """The JSON bytes of a hostile (or large valid) document of ``count`` items."""
    base = _base()
    if kind == "integers":
        base["sessions"] = [index % 10 for index in range(count)]
    elif kind == "scalars":
        base["agreements"] = list(range(count))
    elif kind == "sessions":
        template = base["sessions"][2]  # an investigation session of personal work or a test
        sessions = []
        for index in range(count):
            session = dict(template)
            session["id"] = f"s{index:07d}"
            session["start"] = f"2026-03-31T{8 + index % 8:02d}:{index % 60:02d}:00+00:00"
            sessions.append(session)
        base["sessions"] = base["sessions"] + sessions
    else:  # pragma: no cover - a new kind
        raise ValueError(kind)
    return json.dumps(base, ensure_ascii=False).encode()


_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_mb(field: str) -> float | None:
    """A ``VmRSS``/``VmHWM`` line of ``/proc/self/status`` in MB (Linux), or ``None``."""
    try:
        lines = _STATUS.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return None


def _reset_peak() -> bool:
    """Reset the peak resident memory of this process (Linux 4.0+), or say it cannot."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mb() -> float:
    """The peak resident memory of this process: ``VmHWM``, else ``ru_maxrss``."""
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def child(path: Path) -> dict[str, Any]:
    """In a fresh process: load the document at ``path``; the figures as a dict."""
    import bilan_core as bc

    bc.load(bc.dumps(bc.example_bilan("cpf")))  # the reader is built
    with contextlib.suppress(bc.SerializationError):  # the explainer is imported
        bc.load(b'{"format": "bilan-core/1", "id": 7, "sessions": [1, 2]}')
    data = path.read_bytes()

    def once() -> tuple[int | None, int | None]:
        try:
            bc.load(data)
        except bc.SerializationError as exc:
            return len(exc.errors), exc.total
        return None, None

    gc.collect()
    # The peak is reset when the system allows it (ru_maxrss is kept across exec: it would
    # start at the parent's peak); the growth is then counted from the memory in use now.
    reset = _reset_peak()
    rss_before = (_status_mb("VmRSS") if reset else None) or _peak_rss_mb()
    start = time.perf_counter()
    kept, total = once()
    seconds = time.perf_counter() - start
    rss_after = _peak_rss_mb()
    gc.collect()
    tracemalloc.start()
    once()
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {
        "bytes": len(data),
        "refused": kept is not None,
        "errors_kept": kept,
        "errors_total": total,
        "seconds": seconds,
        "rss_growth_mb": max(0.0, rss_after - rss_before),
        "process_rss_mb": rss_after,
        "traced_peak_mb": traced_peak,
    }


def measure(*, quick: bool = False) -> dict[str, Any]:
    """The figures of each document (small ones with ``quick``: every path still runs)."""
    sizes = QUICK_SIZES if quick else SIZES
    results: dict[str, Any] = {"quick": quick}
    with tempfile.TemporaryDirectory() as tmp:
        for kind, count in sizes.items():
            path = Path(tmp) / f"{kind}.json"
            path.write_bytes(document(kind, count))
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.hostile", "--child", str(path)],
                capture_output=True,
                text=True,
                check=False,
                cwd=Path(__file__).parent.parent,
            )
            if done.returncode != 0:
                results[kind] = {"count": count, "failed": done.stderr.strip()[-500:]}
                continue
            results[kind] = {"count": count, **json.loads(done.stdout)}
    return results


def describe(kind: str, figures: dict[str, Any]) -> str:
    """One line for the report."""
    if "failed" in figures:
        return f"{kind} ({figures['count']:,}): FAILED {figures['failed']}"
    what = {
        "integers": "integers in sessions",
        "scalars": "scalars in agreements",
        "sessions": "valid sessions",
    }[kind]
    verdict = (
        f"refused, {figures['errors_kept']} errors kept of {figures['errors_total']:,}"
        if figures["refused"]
        else "read"
    )
    return (
        f"{figures['count']:,} {what} ({figures['bytes'] / 1e6:.2f} MB): {verdict} in "
        f"{figures['seconds']:.3f} s; peak RSS +{figures['rss_growth_mb']:.0f} MB "
        f"(process {figures['process_rss_mb']:.0f} MB), Python allocations peak "
        f"{figures['traced_peak_mb']:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--child"]:
        print(json.dumps(child(Path(args[1]))))
        return 0
    results = measure(quick="--quick" in args)
    for kind in SIZES:
        print(describe(kind, results[kind]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
