"""The checks: every rule of law (``BC-``) and of provider charters (``POL-``).

The catalogue (:data:`catalogue`) holds them.

Each rule has a stable id, a severity, a bilingual title, legal references, the dates it is
in force, the confidence of its source, the phase events it guards and a check function.
Family modules (:mod:`~bilan_core.checks.scope`, :mod:`~bilan_core.checks.duration`…)
register their rules in :data:`catalogue`, which loads them on first use. The rules judge the
facts of :mod:`bilan_core.facts`.

>>> from bilan_core.checks import rule
>>> rule("BC-DURATION-MAX").references[0].citation
'C. trav., art. L6313-4'
"""

from __future__ import annotations

import datetime as dt

from bilan_core._arguments import as_day
from bilan_core.checks._catalogue import SECTIONS, Catalogue, catalogue, guard, register
from bilan_core.checks._context import Context
from bilan_core.checks._model import Check, Finding, Reading, Rule, Subject

__all__ = [
    "SECTIONS",
    "Catalogue",
    "Check",
    "Context",
    "Finding",
    "Reading",
    "Rule",
    "Subject",
    "catalogue",
    "guard",
    "register",
    "rule",
    "rules",
]


def rules(
    on: dt.date | None = None,
    *,
    include_policy: bool = True,
    section: str | None = None,
    subject: Subject | None = None,
) -> tuple[Rule, ...]:
    """The catalogue, or the rules in force at ``on`` (a reference date).

    Args:
        on: only the rules in force for a bilan agreed that day (a date, or a datetime: its
            Europe/Paris day); ``None``: every rule.
        include_policy: include the ``POL-`` rules of provider charters.
        section: only the rules of one section (see :data:`SECTIONS`).
        subject: only the rules judging bilans (``"bilan"``) or offers (``"offer"``).

    Raises:
        TypeError: ``on`` is neither a date, a datetime nor ``None``; ``include_policy`` is
            not a boolean.
        ValueError: an unknown section or subject.

    >>> before = pendulum.date(2026, 2, 25)  # the day before the 2026 reform
    >>> len(rules(before, include_policy=False, subject="bilan"))
    25
    >>> len(rules(before.add(days=1), include_policy=False, subject="bilan"))
    29
    >>> len(rules(before, subject="offer"))  # Qualiopi's indicators, the law on the offer
    17
    """
    if type(include_policy) is not bool:
        raise TypeError("include_policy is True or False (to filter by charter, use validate)")
    if section is not None and section not in SECTIONS:
        raise ValueError(f"section is one of {', '.join(SECTIONS)}")
    if subject not in (None, "bilan", "offer"):
        raise ValueError("subject is 'bilan', 'offer' or None")
    day = None if on is None else as_day(on)
    return catalogue.rules(day, include_policy=include_policy, section=section, subject=subject)


def rule(rule_id: str) -> Rule:
    """The rule with this id.

    Raises:
        UnknownRule: no such rule (it is also a ``KeyError``).
    """
    return catalogue.rule(rule_id)
