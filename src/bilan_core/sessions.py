"""Sessions (*séances*): the meetings and work periods of a bilan.

A session belongs to one of the three legal phases (or is the follow-up interview), has a kind
and a modality, and is planned, held or cancelled. Its *accompaniment* status follows the rule
catalogue: synchronous time with the provider (interviews, workshops, tests taken with the
consultant, the follow-up interview) is accompaniment; personal research and tests taken alone
are personal work.
"""

from __future__ import annotations

import enum
from typing import Annotated

import attrs
import pendulum

from bilan_core._fields import OneOf, OpaqueId, Range, check_fields
from bilan_core._values import instant
from bilan_core.errors import InvalidValue
from bilan_core.phases import Phase
from bilan_core.text import Text

__all__ = [
    "Modality",
    "Session",
    "SessionKind",
    "SessionMinutes",
    "SessionPhase",
    "SessionStatus",
]

SessionMinutes = Annotated[int, Range(1, 12 * 60)]
"""A session lasts 1 to 720 minutes (12 hours)."""

SessionPhase = Annotated[
    Phase, OneOf(Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION, Phase.FOLLOWED_UP)
]
"""A session belongs to one of the three legal phases, or is the follow-up interview."""


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


_KIND_RULE = Text(
    fr="le type follow_up va avec la phase followed_up, et elle seule",
    en="the follow_up kind goes with the followed_up phase, and only it",
)
_PERSONAL_RULE = Text(
    fr="le travail personnel n'est jamais mené par le consultant",
    en="personal work is never led by the consultant",
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

    id: OpaqueId
    start: pendulum.DateTime = attrs.field(converter=instant)
    minutes: SessionMinutes
    phase: SessionPhase
    kind: SessionKind = SessionKind.INTERVIEW
    modality: Modality = Modality.IN_PERSON
    individual: bool = True
    with_consultant: bool | None = None
    site_id: OpaqueId | None = None
    consultant_id: OpaqueId | None = None
    status: SessionStatus = SessionStatus.PLANNED

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        kind = self.kind
        if (self.phase is Phase.FOLLOWED_UP) is not (kind is SessionKind.FOLLOW_UP):
            raise InvalidValue(_KIND_RULE, field="kind")
        if self.with_consultant and kind is SessionKind.PERSONAL_WORK:
            raise InvalidValue(_PERSONAL_RULE, field="with_consultant")

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
