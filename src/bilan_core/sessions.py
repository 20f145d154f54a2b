"""Sessions (*séances*): the meetings and work periods of a bilan.

A session belongs to one of the three legal phases (or is the follow-up interview), has a kind
and a modality, and is planned, held or cancelled. Its *accompaniment* status follows the rule
catalogue: synchronous time with the provider (interviews, workshops, tests taken with the
consultant, the follow-up interview) is accompaniment; personal research and tests taken alone
are personal work.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
import pendulum

from bilan_core._identifiers import check_opaque_id, opaque_id_ok
from bilan_core._values import instant
from bilan_core.errors import InvalidValue
from bilan_core.phases import Phase

__all__ = ["Modality", "Session", "SessionKind", "SessionStatus"]

_MAX_SESSION_MINUTES = 12 * 60


class SessionKind(enum.Enum):
    """What happens in a session."""

    INTERVIEW = "interview"
    """An interview with the consultant (*entretien*)."""
    TEST = "test"
    """A test or inventory; accompaniment only when taken with the consultant."""
    WORKSHOP = "workshop"
    """A workshop led by the provider (*atelier*)."""
    PERSONAL_WORK = "personal_work"
    """The beneficiary's own research (*travail personnel*): never accompaniment."""
    FOLLOW_UP = "follow_up"
    """The follow-up interview after the bilan (*entretien de suivi*)."""


class Modality(enum.Enum):
    """Where a session takes place."""

    IN_PERSON = "in_person"
    """*Présentiel*, at one of the provider's sites."""
    REMOTE = "remote"
    """*Distanciel*."""


class SessionStatus(enum.Enum):
    """Whether a session is still ahead, took place, or was called off."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


# A tuple: membership by identity, without hashing the enum member (Python-level).
_SESSION_PHASES = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION, Phase.FOLLOWED_UP)


def _positive_minutes(_instance: object, _attribute: object, value: Any) -> None:
    if type(value) is not int or not 0 < value <= _MAX_SESSION_MINUTES:
        raise InvalidValue(
            f"minutes must be a whole number from 1 to {_MAX_SESSION_MINUTES}", field="minutes"
        )


@attrs.frozen(kw_only=True)
class Session:
    """One session of the bilan.

    Attributes:
        id: the provider's reference for the session.
        start: when it starts (stored in UTC).
        minutes: how long it lasts (1 to 720).
        phase: ``preliminary``, ``investigation``, ``conclusion``, or ``followed_up`` for
            the follow-up interview.
        kind: interview, test, workshop, personal work or follow-up.
        modality: in person or remote.
        individual: one beneficiary with the consultant (``False``: collective).
        with_consultant: whether the consultant leads it; ``None`` (the default) means "as the
            kind implies": yes, except for personal work. Set ``False`` for tests taken alone.
        site_id: the provider's site, for in-person sessions.
        consultant_id: the consultant leading it.
        status: planned, held or cancelled.
    """

    id: str = attrs.field(validator=check_opaque_id)
    start: pendulum.DateTime = attrs.field(converter=instant)
    minutes: int = attrs.field(validator=_positive_minutes)
    phase: Phase = attrs.field()
    kind: SessionKind = SessionKind.INTERVIEW
    modality: Modality = Modality.IN_PERSON
    individual: bool = True
    with_consultant: bool | None = attrs.field(default=None)
    site_id: str | None = None
    consultant_id: str | None = None
    status: SessionStatus = SessionStatus.PLANNED

    @phase.validator
    def _check_phase(self, _attribute: object, value: Phase) -> None:
        if value not in _SESSION_PHASES:
            raise InvalidValue(
                "a session's phase is preliminary, investigation, conclusion or followed_up",
                field="phase",
            )
        if (value is Phase.FOLLOWED_UP) != (self.kind is SessionKind.FOLLOW_UP):
            raise InvalidValue(
                "the follow_up kind goes with the followed_up phase, and only it", field="kind"
            )

    @with_consultant.validator
    def _check_with_consultant(self, _attribute: object, value: bool | None) -> None:  # noqa: FBT001 - attrs validator signature
        if value and self.kind is SessionKind.PERSONAL_WORK:
            raise InvalidValue(
                "personal work is never led by the consultant", field="with_consultant"
            )

    @property
    def end(self) -> pendulum.DateTime:
        """When the session ends."""
        return self.start.add(minutes=self.minutes)

    @property
    def is_accompaniment(self) -> bool:
        """Synchronous time with the provider (counts towards the 13 h minimum)."""
        if self.with_consultant is not None:
            return self.with_consultant
        return self.kind is not SessionKind.PERSONAL_WORK

    @property
    def counts(self) -> bool:
        """Planned or held (a cancelled session counts for nothing)."""
        return self.status is not SessionStatus.CANCELLED

    @property
    def is_meeting(self) -> bool:
        """A meeting with the consultant (*rencontre*): accompaniment that is not cancelled."""
        return self.counts and self.is_accompaniment


def session_valid(session: Session) -> bool:
    """Whether the field validators of :class:`Session` accept ``session``, in one call.

    The fast reader's check (its fields already have their types): a ``False`` sends the
    document to the detailed converter, whose validators explain the problem.
    """
    phase = session.phase
    kind = session.kind
    return (
        opaque_id_ok(session.id)
        and 0 < session.minutes <= _MAX_SESSION_MINUTES
        and phase in _SESSION_PHASES
        and (phase is Phase.FOLLOWED_UP) is (kind is SessionKind.FOLLOW_UP)
        and not (session.with_consultant and kind is SessionKind.PERSONAL_WORK)
    )
