"""The event history of a bilan: every phase event, with its instant and facts.

History is the truth: replaying it from the inquiry along the phase graph
(:data:`bilan_core.phases.TRANSITION_TABLE`) gives the bilan's phase (:func:`replay`).
Replaying reads the table only: it needs neither the phase machine nor the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Final

import attrs
import pendulum

from bilan_core._fields import OPAQUE_ID, AsFacts, check_fields
from bilan_core._values import instant
from bilan_core.errors import InvalidValue, PhaseTransitionError
from bilan_core.phases import TRANSITION_TABLE, EventName, Phase
from bilan_core.text import Text

__all__ = [
    "FACT_NAME_RULE",
    "Event",
    "FactValue",
    "Facts",
    "fact_name_ok",
    "history_errors",
    "replay",
]

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


# -- replay -----------------------------------------------------------------------------


def _walk(history: tuple[Event, ...]) -> tuple[Phase, list[tuple[int, str, Text]], bool]:
    """Replay ``history`` from the inquiry.

    Returns the phase reached, the problems found as ``(index, field, message)``, and
    whether every event was allowed by the graph.
    """
    table = TRANSITION_TABLE
    phase = Phase.INQUIRY
    problems: list[tuple[int, str, Text]] = []
    previous: dt.datetime | None = None
    for index, event in enumerate(history):
        target = table[phase].get(event.name)
        if target is None:
            problems.append(
                (
                    index,
                    "name",
                    Text(
                        fr=f"l'événement {event.name!r} ne peut pas suivre la phase "
                        f"{phase.value!r}",
                        en=f"event {event.name!r} cannot follow phase {phase.value!r}",
                    ),
                )
            )
            return phase, problems, False
        if previous is not None and event.at < previous:
            problems.append(
                (
                    index,
                    "at",
                    Text(
                        fr="antérieur à l'événement qui le précède",
                        en="earlier than the event before it",
                    ),
                )
            )
        previous = event.at
        phase = target
    return phase, problems, True


def replay(history: Iterable[Event]) -> Phase:
    """The phase a history leads to from the inquiry (the graph only, not the guards).

    The guards are not re-run: a history records what happened under the rules of its time.

    Raises:
        PhaseTransitionError: an event the graph does not allow where it stands, or an event
            earlier than the one before it.

    >>> from bilan_core.samples import example_bilan
    >>> replay(example_bilan().history)
    <Phase.COMPLETED: 'completed'>
    """
    events = tuple(history)
    phase, problems, _ = _walk(events)
    if problems:
        index, field, message = problems[0]
        raise PhaseTransitionError(
            events[index].name,
            phase.value,
            (),
            (message.map(f"history[{index}].{field} : {{}}", f"history[{index}].{field}: {{}}"),),
        )
    return phase


def history_errors(history: Iterable[Event], phase: Phase) -> list[tuple[str, Text]]:
    """Why ``history`` does not replay to ``phase``, as ``(json_path, message)`` pairs.

    Empty when the history is consistent: every event allowed by the graph where it stands,
    instants never going back, and the last phase reached equal to ``phase``.
    """
    reached, problems, graph_ok = _walk(tuple(history))
    errors = [(f"$.history[{index}].{field}", message) for index, field, message in problems]
    if graph_ok and reached is not phase:
        errors.append(
            (
                "$.phase",
                Text(
                    fr=f"l'historique mène à {reached.value!r}, pas à {phase.value!r}",
                    en=f"the history replays to {reached.value!r}, not {phase.value!r}",
                ),
            )
        )
    return errors
