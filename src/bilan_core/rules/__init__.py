"""The rule catalogue: every rule of law (``BC-``) and of provider policy (``POL-``).

Each rule has a stable id, a severity, French and English titles, legal references, the
dates it is in force, the confidence of its source and a check function. Family modules
(:mod:`~bilan_core.rules.scope`, :mod:`~bilan_core.rules.duration`...) register their rules;
the catalogue loads them on first use.

>>> from bilan_core.rules import rule
>>> rule("BC-DURATION-MAX").references[0].citation
'C. trav., art. L6313-4'
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from bilan_core._arguments import as_day
from bilan_core.rules._context import Context
from bilan_core.rules._model import (
    Confidence,
    Finding,
    LegalReference,
    Report,
    Rule,
    Severity,
    Violation,
)
from bilan_core.rules._params import DatedValue, Parameter
from bilan_core.rules._registry import all_rules, get_rule, register, rules_in_force

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "Confidence",
    "Context",
    "DatedValue",
    "Finding",
    "LegalReference",
    "Parameter",
    "Report",
    "Rule",
    "Severity",
    "Violation",
    "register",
    "rule",
    "rules",
]


def rules(on: dt.date | None = None, *, include_policy: bool = True) -> tuple[Rule, ...]:
    """The catalogue, or the rules in force at ``on`` (a reference date).

    Args:
        on: only the rules in force for a bilan agreed that day (a date, or a datetime: its
            Europe/Paris day); ``None``: every rule.
        include_policy: include the ``POL-`` rules of provider charters.

    Raises:
        TypeError: ``on`` is neither a date, a datetime nor ``None``.

    >>> len(rules(pendulum.date(2026, 2, 25), include_policy=False))  # before the 2026 reform
    25
    >>> len(rules(pendulum.date(2026, 2, 26), include_policy=False))
    29
    """
    if type(include_policy) is not bool:
        raise TypeError("include_policy is True or False (to filter by charter, use validate)")
    day = None if on is None else as_day(on)
    return _rules(day, include_policy=include_policy)


@functools.lru_cache(maxsize=256)
def _rules(on: pendulum.Date | None, *, include_policy: bool) -> tuple[Rule, ...]:
    found = all_rules() if on is None else rules_in_force(on)
    return found if include_policy else tuple(r for r in found if not r.is_policy)


def rule(rule_id: str) -> Rule:
    """The rule with this id.

    Raises:
        UnknownRule: no such rule (it is also a ``KeyError``).
    """
    return get_rule(rule_id)
