"""Batches through the command line: peak memory and the speed-up of worker processes.

``bilan-core validate FILE.jsonl --format jsonl --jobs J`` on JSON Lines files of N plans
(values drawn fresh for every plan: corpus batches of 10 000 with their own seeds), output to
``/dev/null``. While it runs, the resident memory of the whole process group (the command
and its workers) is sampled every 20 ms; the peak is reported, with the wall time and the
speed-up of ``--jobs 2`` over ``--jobs 1``. Streaming input and output keeps the peak flat
as N grows; the speed-up is bounded by the machine's cores and what the parent does alone
(reading, writing, keeping the order).

Run alone: ``uv run --group bench python -m benchmarks.batch [N ...]`` (default: 20 000 and
200 000 plans; the files are written once to ``benchmarks/_corpus/``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import CACHE, SEED, generate

BATCH = 10_000
ON = "2026-06-01"


def batch_file(n: int) -> Path:
    """A JSON Lines file of ``n`` corpus plans, written once (fresh seeds per 10 000)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"batch-{n}.jsonl"
    if path.exists():
        return path
    partial = path.with_suffix(".part")
    with partial.open("wb") as out:
        done = 0
        while done < n:
            size = min(BATCH, n - done)
            plans = generate(size, seed=SEED + 1_000 + done // BATCH)
            out.write(b"\n".join(plan.data for plan in plans) + b"\n")
            done += size
    partial.rename(path)
    return path


def _group_rss_kb(group: int) -> int:
    """The resident memory of every process of a process group, in KB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[2]) != group:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(path: Path, jobs: int) -> dict[str, Any]:
    """Wall seconds and peak resident memory (MB) of one ``validate`` run."""
    command = [
        sys.executable, "-m", "bilan_core", "validate", str(path), "--on", ON,
        "--format", "jsonl", "--jobs", str(jobs),
    ]  # fmt: skip
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:  # noqa: PTH123
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.PIPE, start_new_session=True
        )
        peak = [0]

        def sample() -> None:
            while process.poll() is None:
                peak[0] = max(peak[0], _group_rss_kb(process.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, err = process.communicate()
        except BaseException:
            os.killpg(process.pid, signal.SIGINT)
            raise
        sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1, 2):
        raise RuntimeError(f"validate exited {process.returncode}: {err[-500:]!r}")
    return {"jobs": jobs, "seconds": seconds, "peak_mb": peak[0] / 1024}


def measure(sizes: tuple[int, ...] = (20_000, 200_000)) -> list[dict[str, Any]]:
    """Every size with ``--jobs 1`` and ``--jobs 2``."""
    rows = []
    for n in sizes:
        path = batch_file(n)
        megabytes = path.stat().st_size / 1e6
        rows.extend({"plans": n, "megabytes": megabytes, **run(path, jobs)} for jobs in (1, 2))
    return rows


def report(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        "| plans | input | --jobs | wall | plans/s | peak memory (all processes) | speed-up |",
        "|---|---|---|---|---|---|---|",
    ]
    single = {row["plans"]: row["seconds"] for row in rows if row["jobs"] == 1}
    for row in rows:
        speedup = single[row["plans"]] / row["seconds"]
        lines.append(
            f"| {row['plans']:,} | {row['megabytes']:,.0f} MB | {row['jobs']} "
            f"| {row['seconds']:.1f} s | {row['plans'] / row['seconds']:,.0f} "
            f"| {row['peak_mb']:,.0f} MB | {speedup:.2f}× |"
        )
    return lines


if __name__ == "__main__":
    sizes = tuple(int(arg) for arg in sys.argv[1:]) or (20_000, 200_000)
    print("\n".join(report(measure(sizes))))
