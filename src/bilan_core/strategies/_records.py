"""The records a bilan accumulates as it goes: its documents and its phase history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilan_core._paris import paris_date
from bilan_core.documents import Document, DocumentKind, SynthesisSections
from bilan_core.history import Event
from bilan_core.phases import Phase

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pendulum

    from bilan_core.sessions import Session

__all__ = ["documents_of", "history_of"]

_SECTIONS = (
    "Contexte de la demande et parcours.",
    "Compétences et aptitudes au regard des perspectives.",
    "Projet principal et alternative, étapes de mise en œuvre.",
    "Plan d'action : enquêtes métiers puis formation.",
)


def documents_of(
    sessions: Sequence[Session],
    held: int,
    phase: Phase,
    end: pendulum.Date,
    *,
    keep_working: bool,
) -> tuple[Document, ...]:
    """The documents of a bilan that reached ``phase`` (tombstones once completed).

    ``phase``: a legal phase or completed (none before the agreement, at the inquiry).
    """
    if phase is Phase.INQUIRY:
        return ()
    done = sessions[: held + 1]
    prelim = [s for s in done if s.phase is Phase.PRELIMINARY]
    investigation = [s for s in done if s.phase is Phase.INVESTIGATION]
    conclusion = [s for s in done if s.phase is Phase.CONCLUSION]
    completed = phase is Phase.COMPLETED
    result = []
    if phase is not Phase.PRELIMINARY:
        result.append(
            Document(
                id="d-engagement",
                kind=DocumentKind.ENGAGEMENT,
                created_on=paris_date(prelim[-1].start),
                signed_at=prelim[-1].end,
                destroyed_on=end if completed else None,
            )
        )
    if investigation and keep_working:
        result.append(
            Document(
                id="d-tests",
                kind=DocumentKind.WORKING,
                created_on=paris_date(investigation[0].start),
                destroyed_on=end if completed else None,
            )
        )
    if completed:
        first, last = conclusion[0], conclusion[-1]
        result.append(
            Document(
                id="d-results",
                kind=DocumentKind.DETAILED_RESULTS,
                created_on=paris_date(first.start),
                presented_at=first.start,
                delivered_at=first.end,
                kept_with_consent_on=end,
                text="Résultats détaillés des inventaires et des tests.",
            )
        )
        result.append(
            Document(
                id="d-synthesis",
                kind=DocumentKind.SYNTHESIS,
                created_on=paris_date(first.start),
                presented_at=last.start,
                delivered_at=last.end,
                kept_with_consent_on=end,
                synthesis=SynthesisSections(
                    circumstances=_SECTIONS[0],
                    conduct=_SECTIONS[1],
                    prospects=_SECTIONS[2],
                    action_plan=_SECTIONS[3],
                ),
            )
        )
    return tuple(result)


def history_of(
    consent_at: pendulum.DateTime, sessions: Sequence[Session], phase: Phase
) -> tuple[Event, ...]:
    """The phase events up to ``phase``, as in the shipped examples.

    ``phase``: a legal phase or completed (no event yet at the inquiry).
    """
    if phase is Phase.INQUIRY:
        return ()
    events = [Event(name="agree", at=consent_at)]
    last_prelim = [s for s in sessions if s.phase is Phase.PRELIMINARY][-1]
    conclusion = [s for s in sessions if s.phase is Phase.CONCLUSION]
    if phase is not Phase.PRELIMINARY:
        events.append(Event(name="confirm_engagement", at=last_prelim.end))
    if phase in {Phase.CONCLUSION, Phase.COMPLETED}:
        events.append(Event(name="begin_conclusion", at=conclusion[0].start))
    if phase is Phase.COMPLETED:
        events.append(Event(name="deliver_synthesis", at=conclusion[-1].end))
    return tuple(events)
