"""Validate every plan of a folder, as a funder's audit would, and summarise by rule.

Run: uv run python examples/validate_folder.py [FOLDER] [--on YYYY-MM-DD]
(default: the shipped plans in examples/plans, evaluated on 2026-06-01).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

import pendulum

import bilan_core as bc

HERE = Path(__file__).resolve().parent


def audit(folder: Path, on: pendulum.Date) -> dict[str, int]:
    """How many plans of ``folder`` break each rule (errors only), printing one line a plan."""
    broken: collections.Counter[str] = collections.Counter()
    for path in sorted(folder.glob("*.json")):
        try:
            bilan = bc.load(path.read_bytes())
        except bc.SerializationError as exc:
            first_path, message = exc.errors[0]
            print(f"{path.name:<40} unusable: {first_path}: {message}")
            continue
        report = bc.validate(bilan, on=on)
        errors = sorted({v.rule_id for v in report.errors})
        broken.update(errors)
        print(f"{path.name:<40} {'ok' if report.ok else 'errors: ' + ', '.join(errors)}")
    return dict(broken)


def main() -> None:
    """Parse the arguments, audit the folder, print the rules most often broken."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=HERE / "plans")
    parser.add_argument("--on", type=pendulum.parse, default=pendulum.date(2026, 6, 1))
    args = parser.parse_args()
    on = args.on if isinstance(args.on, pendulum.Date) else args.on.date()
    broken = audit(args.folder, on)
    for rule_id, count in sorted(broken.items(), key=lambda item: (-item[1], item[0])):
        rule = bc.rule(rule_id)
        print(f"{count} plan(s) break {rule_id} ({rule.citation}): {rule.title.en}")


if __name__ == "__main__":
    main()
