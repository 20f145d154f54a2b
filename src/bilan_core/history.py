"""The event history of a bilan: every phase event, with its instant and facts.

History is the truth: replaying it from the inquiry gives the bilan's phase.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final

import attrs
import pendulum

from bilan_core._fields import OPAQUE_ID, AsFacts, check_fields
from bilan_core._values import instant
from bilan_core.errors import InvalidValue
from bilan_core.phases import EventName
from bilan_core.text import Text

__all__ = ["FACT_NAME_RULE", "Event", "FactValue", "Facts", "fact_name_ok"]

FACT_NAME_RULE: Final = OPAQUE_ID.rule.map("noms de faits : {}", "fact names are {}")
"""What a fact name must be; the message never repeats a name that breaks it."""

FactValue = str | int | bool | None
"""A fact recorded with an event: a JSON scalar (no float: money and hours are strings or
whole minutes)."""

Facts = Annotated[tuple[tuple[str, FactValue], ...], AsFacts(OPAQUE_ID)]
"""An event's facts: ``(name, value)`` pairs sorted by name, names unique; an object on the
wire."""


def fact_name_ok(name: object) -> bool:
    """Whether ``name`` is a valid fact name: the syntax of an opaque id.

    Fact names are keys, not free text: they are repeated in messages, so they must not
    carry names or other personal data.

    >>> fact_name_ok("reason"), fact_name_ok("Jeanne Dupont")
    (True, False)
    """
    return isinstance(name, str) and OPAQUE_ID.ok(name)


_NOT_A_MAPPING = Text(
    fr="facts est un dictionnaire de noms vers des scalaires JSON, ou une suite de paires",
    en="facts must be a mapping of names to JSON scalars, or a sequence of pairs",
)
_REPEATED = Text(fr="un nom de fait apparaît deux fois", en="a fact name appears twice")


def _facts(value: object) -> tuple[tuple[str, FactValue], ...]:
    if type(value) is tuple and not value:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    if isinstance(items, (str, bytes)) or not isinstance(items, (tuple, list, type({}.items()))):
        raise InvalidValue(_NOT_A_MAPPING, field="facts")
    pairs: dict[str, FactValue] = {}
    pair: Any
    for pair in items:
        if not isinstance(pair, tuple) or len(pair) != 2:  # noqa: PLR2004 - a pair
            raise InvalidValue(_NOT_A_MAPPING, field="facts")
        key, fact = pair
        if not fact_name_ok(key):
            raise InvalidValue(FACT_NAME_RULE, field="facts")
        if fact is not None and type(fact) not in (str, int, bool):
            raise InvalidValue(
                Text(
                    fr=f"le fait {key!r} est une chaîne, un entier, un booléen ou null",
                    en=f"fact {key!r} must be a string, integer, boolean or null",
                ),
                field="facts",
            )
        if key in pairs:
            raise InvalidValue(_REPEATED, field="facts")
        pairs[key] = fact
    return tuple(sorted(pairs.items()))


@attrs.frozen(kw_only=True)
class Event:
    """One phase event that happened.

    Attributes:
        name: the event (``"agree"``, ``"deliver_synthesis"``...).
        at: when it happened.
        facts: what the caller recorded with it, as sorted ``(name, value)`` pairs.
    """

    name: EventName
    at: pendulum.DateTime = attrs.field(converter=instant)
    facts: Facts = attrs.field(default=(), converter=_facts, repr=False)

    __attrs_post_init__ = check_fields

    def fact(self, name: str, default: FactValue = None) -> FactValue:
        """The value of one fact, or ``default``."""
        for key, value in self.facts:
            if key == name:
                return value
        return default
