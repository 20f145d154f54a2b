"""The event history of a bilan: every phase event, with its instant and facts.

History is the truth: replaying it from the inquiry gives the bilan's phase.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pendulum

from bilan_core._identifiers import opaque_id_ok
from bilan_core._values import instant
from bilan_core.errors import InvalidValue

__all__ = ["FACT_NAME_RULE", "Event", "FactValue", "fact_name_ok"]

FACT_NAME_RULE = "fact names are 1-64 characters of letters, digits, '.', '_', ':' or '-'"
"""What a fact name must be; the message never repeats a name that breaks it."""

FactValue = str | int | bool | None
"""A fact recorded with an event: a JSON scalar (no float: money and hours are strings or
whole minutes)."""


def fact_name_ok(name: object) -> bool:
    """Whether ``name`` is a valid fact name: the syntax of an opaque id.

    Fact names are keys, not free text: they are repeated in messages, so they must not
    carry names or other personal data.

    >>> fact_name_ok("reason"), fact_name_ok("Jeanne Dupont")
    (True, False)
    """
    return isinstance(name, str) and opaque_id_ok(name)


def _facts(value: object) -> tuple[tuple[str, FactValue], ...]:
    if type(value) is tuple and not value:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    if not isinstance(items, (tuple, list, type({}.items()))):
        raise InvalidValue("facts must be a mapping of names to JSON scalars")
    pairs: list[tuple[str, FactValue]] = []
    for key, fact in items:
        if not fact_name_ok(key):
            raise InvalidValue(FACT_NAME_RULE, field="facts")
        if fact is not None and type(fact) not in (str, int, bool):
            raise InvalidValue(f"fact {key!r} must be a string, integer, boolean or null")
        pairs.append((key, fact))
    return tuple(sorted(pairs))


@attrs.frozen(kw_only=True)
class Event:
    """One phase event that happened.

    Attributes:
        name: the event (``"agree"``, ``"deliver_synthesis"``...).
        at: when it happened.
        facts: what the caller recorded with it, as sorted ``(name, value)`` pairs.
    """

    name: str
    at: pendulum.DateTime = attrs.field(converter=instant)
    facts: tuple[tuple[str, FactValue], ...] = attrs.field(default=(), converter=_facts, repr=False)

    def fact(self, name: str, default: FactValue = None) -> FactValue:
        """The value of one fact, or ``default``."""
        for key, value in self.facts:
            if key == name:
                return value
        return default
