"""``bilan-core show``: a human summary of a plan."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bilan_core._values import PARIS
from bilan_core.cli._io import load_one, read_plans
from bilan_core.rules._format import hours

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan

__all__ = ["add_parser", "summary"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``show`` sub-command."""
    parser = subparsers.add_parser(
        "show",
        help="print a human summary of a plan",
        description="Summarise a plan: phase, funding, hours per phase, sessions in Paris time.",
    )
    parser.add_argument("file", help="a bilan-core/1 JSON file, or - for standard input")
    parser.set_defaults(func=run)


def summary(bilan: Bilan) -> str:
    """The summary text of one bilan (no free text of the bilan is shown).

    >>> from bilan_core.samples import example_bilan
    >>> print(summary(example_bilan("cpf")))  # doctest: +ELLIPSIS
    Bilan 2026-cpf — Bilan terminé (completed)
    Funding: cpf · provider STAFF · beneficiary b-81f3 (private_employee)
    Reference date: 2026-03-02
    Total: 20 h, of which 16 h of accompaniment and 4 h of personal work
      Phase préliminaire: 4 h
      Phase d'investigation: 12 h
      Phase de conclusion: 4 h
    Sessions (Europe/Paris):
      s01  lun. 16/03/2026 09:30–11:30  preliminary    interview      in_person  held
    ...
      s10  jeu. 19/11/2026 10:00–11:00  followed_up    follow_up      remote     planned
    """
    lines = [
        f"Bilan {bilan.id} — {bilan.phase.label_fr} ({bilan.phase.value})",
        (
            f"Funding: {type(bilan.funding).TAG} · provider {bilan.provider.name} · "
            f"beneficiary {bilan.beneficiary.id} ({bilan.beneficiary.status.value})"
        ),
        f"Reference date: {bilan.reference_date.isoformat() if bilan.reference_date else '—'}",
        (
            f"Total: {hours(bilan.total_minutes)}, of which {hours(bilan.accompaniment_minutes)} "
            f"of accompaniment and {hours(bilan.personal_work_minutes)} of personal work"
        ),
    ]
    lines.extend(
        f"  {phase.label_fr}: {hours(minutes)}" for phase, minutes in bilan.minutes_by_phase.items()
    )
    lines.append("Sessions (Europe/Paris):")
    for session in sorted(bilan.sessions, key=lambda s: (s.start, s.id)):
        start = session.start.in_timezone(PARIS)
        end = session.end.in_timezone(PARIS)
        day = _WEEKDAYS[start.weekday()]
        lines.append(
            f"  {session.id:<4} {day} {start:%d/%m/%Y %H:%M}–{end:%H:%M}  "
            f"{session.phase.value:<14} {session.kind.value:<14} "
            f"{session.modality.value:<10} {session.status.value}"
        )
    return "\n".join(lines)


_WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def run(args: argparse.Namespace) -> int:
    """Print the summary of every plan in the file."""
    texts = [summary(load_one(source, data)) for source, data in read_plans(args.file)]
    sys.stdout.write("\n\n".join(texts) + "\n")
    return 0
