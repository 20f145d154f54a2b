"""A batch job: check a JSON Lines file of plans in a process pool, summarise by rule.

Each worker loads and validates the plans of a chunk and sends back plain data (rule ids and
counts): objects of bilan-core pickle too, but plain data is smaller. The same is what
``bilan-core validate --jobs N`` does; this script shows it from Python.
"""

from __future__ import annotations

import collections
import concurrent.futures
import sys
import tempfile
from pathlib import Path

import pendulum

import bilan_core as bc
from bilan_core.samples import EXAMPLE_FUNDINGS

ON = pendulum.date(2026, 6, 1)


def check_chunk(lines: list[bytes]) -> collections.Counter[str]:
    """Rule ids broken (with error severity) by the plans of one chunk; unreadable ones too."""
    found: collections.Counter[str] = collections.Counter()
    for line in lines:
        try:
            report = bc.validate(bc.load(line), on=ON)
        except bc.SerializationError:
            found["(unreadable)"] += 1
            continue
        found.update({v.rule_id for v in report.errors})
        found["(plans)"] += 1
    return found


def chunks(path: Path, size: int = 200) -> list[list[bytes]]:
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    return [lines[i : i + size] for i in range(0, len(lines), size)]


def main(path: Path, workers: int = 2) -> collections.Counter[str]:
    total: collections.Counter[str] = collections.Counter()
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        for found in pool.map(check_chunk, chunks(path)):
            total.update(found)
    return total


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        failing = Path("examples/plans/cpf-violations.json").read_bytes().replace(b"\n", b"")
        plans = [bc.dumps(bc.example_bilan(r)) for r in EXAMPLE_FUNDINGS] * 100 + [failing] * 10
        batch.write_bytes(b"\n".join([*plans, b"{not json"]) + b"\n")
        total = main(batch)
    for rule_id, count in sorted(total.items()):
        print(f"{rule_id:<24} {count}")
    sys.exit(0)
