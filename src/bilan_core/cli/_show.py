"""``bilan-core show``: a human summary of a plan."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bilan_core._format import hours, hours_en
from bilan_core._paris import PARIS
from bilan_core.cli._io import plans
from bilan_core.cli._options import lang_option
from bilan_core.cli._timeline import _load

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.text import Lang

__all__ = ["add_parser", "summary"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``show`` sub-command."""
    parser = subparsers.add_parser(
        "show",
        parents=[lang_option()],
        help="print a human summary of a plan",
        description="Summarise a plan: phase, funding, hours per phase, sessions in Paris time.",
    )
    parser.add_argument("file", help="a bilan-core/1 JSON file, or - for standard input")
    parser.set_defaults(func=run)


def summary(bilan: Bilan, lang: Lang = "fr") -> str:
    """The summary text of one bilan, in French or English (no free text of the bilan).

    >>> from bilan_core.samples import example_bilan
    >>> print(summary(example_bilan("cpf")))  # doctest: +ELLIPSIS
    Bilan 2026-cpf — Bilan terminé (completed)
    Financement : cpf · prestataire STAFF · bénéficiaire b-81f3 (private_employee)
    Date de référence : 2026-03-02
    Total : 20 h, dont 16 h d'accompagnement et 4 h de travail personnel
      Phase préliminaire : 4 h
      Phase d'investigation : 12 h
      Phase de conclusion : 4 h
    Séances (heure de Paris) :
      s01  lun. 16/03/2026 09:30–11:30  preliminary    interview      in_person  held
    ...
      s10  jeu. 19/11/2026 10:00–11:00  followed_up    follow_up      remote     planned
    >>> print(summary(example_bilan("cpf"), "en").splitlines()[3])
    Total: 20 h, of which 16 h of accompaniment and 4 h of personal work
    """
    fr = lang == "fr"
    h = hours if fr else hours_en
    reference = bilan.reference_date.isoformat() if bilan.reference_date else "—"
    phase = bilan.phase.label.get(lang)
    funding = type(bilan.funding).TAG
    who = f"{bilan.beneficiary.id} ({bilan.beneficiary.status.value})"
    total, accompaniment = h(bilan.total_minutes), h(bilan.accompaniment_minutes)
    personal = h(bilan.personal_work_minutes)
    if fr:
        lines = [
            f"Bilan {bilan.id} — {phase} ({bilan.phase.value})",
            f"Financement : {funding} · prestataire {bilan.provider.name} · bénéficiaire {who}",
            f"Date de référence : {reference}",
            (
                f"Total : {total}, dont {accompaniment} d'accompagnement et {personal} de "
                "travail personnel"
            ),
        ]
    else:
        lines = [
            f"Bilan {bilan.id} — {phase} ({bilan.phase.value})",
            f"Funding: {funding} · provider {bilan.provider.name} · beneficiary {who}",
            f"Reference date: {reference}",
            (
                f"Total: {total}, of which {accompaniment} of accompaniment and {personal} of "
                "personal work"
            ),
        ]
    colon = " :" if fr else ":"
    lines.extend(
        f"  {p.label.get(lang)}{colon} {h(minutes)}"
        for p, minutes in bilan.minutes_by_phase.items()
    )
    lines.append("Séances (heure de Paris) :" if fr else "Sessions (Europe/Paris):")
    days = _WEEKDAYS_FR if fr else _WEEKDAYS_EN
    for session in sorted(bilan.sessions, key=lambda s: (s.start, s.id)):
        start = session.start.in_timezone(PARIS)
        end = session.end.in_timezone(PARIS)
        lines.append(
            f"  {session.id:<4} {days[start.weekday()]} {start:%d/%m/%Y %H:%M}–{end:%H:%M}  "
            f"{session.phase.value:<14} {session.kind.value:<14} "
            f"{session.modality.value:<10} {session.status.value}"
        )
    return "\n".join(lines)


_WEEKDAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_WEEKDAYS_EN = ("Mon.", "Tue.", "Wed.", "Thu.", "Fri.", "Sat.", "Sun.")


def run(args: argparse.Namespace) -> int:
    """Print the summary of every plan in the file."""
    texts = [summary(_load(source, data), args.lang) for source, data in plans(args.file)]
    sys.stdout.write("\n\n".join(texts) + "\n")
    return 0
