"""The catalogue: every rule, registered once by its family module."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from bilan_core.errors import UnknownRule
from bilan_core.rules._model import Check, Confidence, LegalReference, Rule, Severity

if TYPE_CHECKING:
    import pendulum

__all__ = ["all_rules", "get_rule", "register", "rules_in_force"]

_CATALOGUE: dict[str, Rule] = {}

# The family modules, imported on first use so `import bilan_core` stays light.
_FAMILIES = (
    "bilan_core.rules.scope",
    "bilan_core.rules.phases",
    "bilan_core.rules.duration",
    "bilan_core.rules.cpf",
    "bilan_core.rules.convention",
    "bilan_core.rules.public_sector",
    "bilan_core.rules.confidentiality",
    "bilan_core.rules.policy_rules",
    "bilan_core.rules.policy_calendar",
)


def register(
    rule_id: str,
    *,
    severity: Severity,
    title: str,
    title_en: str,
    references: Iterable[LegalReference],
    in_force_from: pendulum.Date,
    confidence: Confidence,
    section: str,
    in_force_until: pendulum.Date | None = None,
    confidence_note: str | None = None,
    notes: str | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated check function as a rule of the catalogue.

    Raises:
        ValueError: the id is already registered, or the rule cites nothing.
    """

    def decorate(check: Check) -> Check:
        if rule_id in _CATALOGUE:
            raise ValueError(f"rule {rule_id} registered twice")
        refs = tuple(references)
        if not refs:
            raise ValueError(f"rule {rule_id} cites no reference")
        _CATALOGUE[rule_id] = Rule(
            id=rule_id,
            severity=severity,
            title=title,
            title_en=title_en,
            references=refs,
            in_force_from=in_force_from,
            in_force_until=in_force_until,
            confidence=confidence,
            confidence_note=confidence_note,
            section=section,
            notes=notes,
            check=check,
        )
        return check

    return decorate


@functools.cache
def _loaded() -> tuple[Rule, ...]:
    import importlib

    for module in _FAMILIES:
        importlib.import_module(module)
    return tuple(_CATALOGUE.values())


def all_rules() -> tuple[Rule, ...]:
    """Every rule of the catalogue, law first then policy, in catalogue order."""
    return _loaded()


@functools.lru_cache(maxsize=256)
def rules_in_force(day: pendulum.Date) -> tuple[Rule, ...]:
    """The rules that apply to a bilan whose reference date is ``day``."""
    return tuple(rule for rule in _loaded() if rule.in_force(day))


def get_rule(rule_id: str) -> Rule:
    """The rule with this id.

    Raises:
        UnknownRule: no such rule (a ``KeyError``).
    """
    _loaded()
    try:
        return _CATALOGUE[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None
