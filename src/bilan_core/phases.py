"""The phases of a bilan de compétences (C. trav., art. R6313-4), and its lifecycle.

The law defines three phases, led by the provider: *préliminaire*, *investigation* and
*conclusions*. A bilan's lifecycle adds the steps around them: the inquiry before the
agreement, completion, the follow-up interview, and the two ways a bilan ends early.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, get_args

import attrs

from bilan_core.text import Text

__all__ = [
    "EVENT_NAMES",
    "LEGAL_PHASES",
    "TRANSITIONS",
    "TRANSITION_TABLE",
    "EventName",
    "Phase",
    "Transition",
]


class Phase(enum.Enum):
    """Where a bilan stands. Wire values are English snake_case.

    >>> print(Phase.PRELIMINARY.label.fr)
    Phase préliminaire
    >>> Phase("conclusion").is_legal_phase
    True
    """

    INQUIRY = "inquiry"
    PRELIMINARY = "preliminary"
    INVESTIGATION = "investigation"
    CONCLUSION = "conclusion"
    COMPLETED = "completed"
    FOLLOWED_UP = "followed_up"
    CLOSED = "closed"
    ABANDONED = "abandoned"
    CANCELLED = "cancelled"

    @property
    def label(self) -> Text:
        """The name in French (as the law and providers say it) and English."""
        fr, en = _LABELS[self]
        return Text(fr=fr, en=en)

    @property
    def is_legal_phase(self) -> bool:
        """One of the three phases of R6313-4."""
        return self in LEGAL_PHASES

    @property
    def is_final(self) -> bool:
        """No event leaves this phase."""
        return self in _FINAL

    @property
    def order(self) -> int:
        """Position of a legal phase (0, 1, 2) or of the follow-up (3); -1 otherwise."""
        return _ORDER.get(self, -1)


_LABELS = {
    Phase.INQUIRY: ("Information préalable", "Inquiry"),
    Phase.PRELIMINARY: ("Phase préliminaire", "Preliminary phase"),
    Phase.INVESTIGATION: ("Phase d'investigation", "Investigation phase"),
    Phase.CONCLUSION: ("Phase de conclusion", "Conclusion phase"),
    Phase.COMPLETED: ("Bilan terminé", "Completed"),
    Phase.FOLLOWED_UP: ("Entretien de suivi réalisé", "Followed up"),
    Phase.CLOSED: ("Clos sans suivi", "Closed without follow-up"),
    Phase.ABANDONED: ("Abandonné par le bénéficiaire", "Abandoned by the beneficiary"),
    Phase.CANCELLED: ("Annulé avant le début", "Cancelled before the start"),
}

LEGAL_PHASES = frozenset({Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION})
_FINAL = frozenset({Phase.FOLLOWED_UP, Phase.CLOSED, Phase.ABANDONED, Phase.CANCELLED})
_ORDER = {
    Phase.PRELIMINARY: 0,
    Phase.INVESTIGATION: 1,
    Phase.CONCLUSION: 2,
    Phase.FOLLOWED_UP: 3,
}


# -- the phase graph, as data ------------------------------------------------------------------

EventName = Literal[
    "agree",
    "confirm_engagement",
    "begin_conclusion",
    "deliver_synthesis",
    "hold_follow_up",
    "decline_follow_up",
    "cancel",
    "abandon",
]
"""The name of a phase event (a typo is a type error under mypy)."""


@attrs.frozen
class Transition:
    """An edge of the phase graph: an event, the phases it leaves from, the phase it leads to.

    Attributes:
        event: the event's name.
        sources: the phases it may be sent from.
        target: the phase it leads to.
        guarded: whether the law guards it (``abandon`` and ``cancel`` are never refused).
    """

    event: EventName
    sources: tuple[Phase, ...]
    target: Phase
    guarded: bool = True


_NOT_FINAL = tuple(phase for phase in Phase if not phase.is_final)

TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition("agree", (Phase.INQUIRY,), Phase.PRELIMINARY),
    Transition("confirm_engagement", (Phase.PRELIMINARY,), Phase.INVESTIGATION),
    Transition("begin_conclusion", (Phase.INVESTIGATION,), Phase.CONCLUSION),
    Transition("deliver_synthesis", (Phase.CONCLUSION,), Phase.COMPLETED),
    Transition("hold_follow_up", (Phase.COMPLETED,), Phase.FOLLOWED_UP),
    Transition("decline_follow_up", (Phase.COMPLETED,), Phase.CLOSED),
    Transition("cancel", (Phase.INQUIRY,), Phase.CANCELLED, guarded=False),
    Transition("abandon", _NOT_FINAL, Phase.ABANDONED, guarded=False),
)
"""The phase graph: every edge, in the order the events are offered.

The python-statemachine class (:class:`bilan_core.machine.PhaseMachine`) is built from this
table; replaying a history, :func:`bilan_core.next_events` and the docs' diagram read it
directly, without importing the engine.
"""

EVENT_NAMES: Final[tuple[EventName, ...]] = get_args(EventName)
"""Every event name, in the order of :data:`TRANSITIONS`."""

TRANSITION_TABLE: Final[Mapping[Phase, Mapping[EventName, Phase]]] = MappingProxyType(
    {
        phase: MappingProxyType(
            {edge.event: edge.target for edge in TRANSITIONS if phase in edge.sources}
        )
        for phase in Phase
    }
)
"""For each phase, the events it accepts and the phase each leads to (read-only).

>>> dict(TRANSITION_TABLE[Phase.COMPLETED])
{'hold_follow_up': <Phase.FOLLOWED_UP: 'followed_up'>, 'decline_follow_up': <Phase.CLOSED: 'closed'>, 'abandon': <Phase.ABANDONED: 'abandoned'>}
"""  # noqa: E501 - a doctest output line
