"""The phases of a bilan de compétences (C. trav., art. R6313-4), and its lifecycle.

The law defines three phases, led by the provider: *préliminaire*, *investigation* and
*conclusions*. A bilan's lifecycle adds the steps around them: the inquiry before the
agreement, completion, the follow-up interview, and the two ways a bilan ends early.
"""

from __future__ import annotations

import enum

__all__ = ["LEGAL_PHASES", "Phase"]


class Phase(enum.Enum):
    """Where a bilan stands. Wire values are English snake_case.

    >>> Phase.PRELIMINARY.label_fr
    'Phase préliminaire'
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
    def label_fr(self) -> str:
        """The French name, as the law and providers say it."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _LABELS[self][1]

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
