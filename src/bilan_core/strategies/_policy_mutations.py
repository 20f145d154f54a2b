"""Mutations that break one ``POL-`` rule of a charter (and no rule of the law).

Each breaks what the charter states; :func:`~bilan_core.strategies.bilans_violating` refuses
a rule whose parameters the mutation needs are not stated.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from bilan_core._paris import paris_date
from bilan_core.documents import DocumentKind
from bilan_core.follow_up import FollowUp
from bilan_core.funding import CpfFunding
from bilan_core.phases import Phase
from bilan_core.sessions import Modality, SessionKind
from bilan_core.strategies._mutations import _resize, _sessions
from bilan_core.strategies._primitives import local_instants
from bilan_core.strategies._schedule import next_working_day

if TYPE_CHECKING:
    import pendulum

    from bilan_core.bilan import Bilan
    from bilan_core.documents import Document
    from bilan_core.sessions import Session
    from bilan_core.strategies._schedule import Shape
    from bilan_core.strategies._source import Source

__all__ = [
    "callback",
    "duration_range",
    "engagement",
    "follow_up",
    "individual",
    "meetings_min",
    "modalities",
    "opening_hours",
    "span",
    "start_delay",
    "synthesis_last_meeting",
    "synthesis_sections",
]


def duration_range(src: Source, bilan: Bilan, shape: Shape, _on: pendulum.Date) -> Bilan:
    """Fewer hours than the charter's range (13 h of accompaniment kept where possible)."""
    sessions = list(bilan.bilan_sessions)
    floor = max(13 * 60, 30 * len(sessions))
    target = shape.total_min - 1 - src.integer(0, max(0, shape.total_min - 1 - floor))
    return _resize(bilan, sessions, target)


def meetings_min(src: Source, bilan: Bilan, shape: Shape, _on: pendulum.Date) -> Bilan:
    """Meetings turned into personal work, down to fewer than the charter's minimum."""
    meetings = [s for s in bilan.bilan_sessions if s.is_meeting]
    keep_first = next(s for s in meetings if s.phase is Phase.PRELIMINARY)
    keep_last = [s for s in meetings if s.phase is Phase.CONCLUSION][-1]
    others = [s for s in meetings if s not in {keep_first, keep_last}]
    target = src.integer(2, max(2, shape.meetings_min - 1))
    turned = {s.id for s in others[: max(0, len(meetings) - target)]}

    def change(s: Session) -> Session:
        if s.id not in turned:
            return s
        return attrs.evolve(
            s, kind=SessionKind.PERSONAL_WORK, with_consultant=None, consultant_id=None
        )

    return _sessions(bilan, change)


def span(src: Source, bilan: Bilan, shape: Shape, on: pendulum.Date) -> Bilan | None:
    """The last planned session moved beyond the charter's span."""
    first, last = bilan.bilan_sessions[0], bilan.bilan_sessions[-1]
    policy = shape.policy
    assert policy is not None  # noqa: S101 - POL rules run with a policy
    most = policy.span_max_days
    if most is None:  # pragma: no cover - bilans_violating refuses a charter without it
        return None
    start = paris_date(first.start)
    day = next_working_day(shape, start.add(days=most + 1 + src.integer(0, 30)))
    if day <= on or (day - start).days > 170:  # noqa: PLR2004 - under 6 months (CPF notice)
        return None
    local = last.start.in_timezone("Europe/Paris")
    moved = local_instants(day, local.hour, local.minute)
    return _sessions(bilan, lambda s: attrs.evolve(s, start=moved) if s.id == last.id else s)


def start_delay(src: Source, bilan: Bilan, shape: Shape, _on: pendulum.Date) -> Bilan | None:
    """The agreement (consent, or CPF purchase) moved earlier than the charter's delay."""
    policy = shape.policy
    assert policy is not None  # noqa: S101 - POL rules run with a policy
    assert bilan.consent is not None  # noqa: S101 - generated bilans have consent
    funding = bilan.funding
    if isinstance(funding, CpfFunding) and funding.on_working_time:
        return None
    route = "cpf" if isinstance(funding, CpfFunding) else type(funding).TAG
    allowed = policy.start_delay_max(route)
    if allowed is None or route == "public_leave":
        return None
    first = paris_date(bilan.bilan_sessions[0].start)
    agreed = first.subtract(days=allowed + 1 + src.integer(0, 20))
    local = bilan.consent.given_at.in_timezone("Europe/Paris")
    given = local_instants(agreed, local.hour, local.minute)
    # A plain timedelta: pendulum's interval would shift two instants by calendar months.
    shift = dt.datetime.__sub__(bilan.consent.given_at, given)
    inquiry = bilan.inquiry
    assert inquiry is not None  # noqa: S101 - generated bilans have an inquiry
    changes: dict[str, object] = {
        "consent": attrs.evolve(bilan.consent, given_at=given),
        "inquiry": attrs.evolve(
            inquiry,
            received_at=inquiry.received_at - shift,
            called_back_at=inquiry.called_back_at - shift if inquiry.called_back_at else None,
        ),
        "history": tuple(
            attrs.evolve(e, at=given) if e.name == "agree" else e for e in bilan.history
        ),
    }
    if isinstance(funding, CpfFunding):
        changes["funding"] = attrs.evolve(funding, purchase_date=agreed)
    qualiopi = bilan.provider.qualiopi
    if qualiopi is not None and qualiopi.valid_from > agreed:
        changes["provider"] = attrs.evolve(
            bilan.provider, qualiopi=attrs.evolve(qualiopi, valid_from=agreed)
        )
    return attrs.evolve(bilan, **changes)  # type: ignore[arg-type]


def individual(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """A preliminary or investigation session made a collective workshop."""
    candidates = [
        s for s in bilan.bilan_sessions if s.is_meeting and s.phase is not Phase.CONCLUSION
    ]
    chosen = src.choice(candidates).id
    return _sessions(
        bilan,
        lambda s: (
            attrs.evolve(s, kind=SessionKind.WORKSHOP, individual=False) if s.id == chosen else s
        ),
    )


def modalities(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """An in-person session at no site (a site the provider does not have cannot load)."""
    chosen = src.choice(bilan.bilan_sessions).id
    return _sessions(
        bilan,
        lambda s: (
            attrs.evolve(s, modality=Modality.IN_PERSON, site_id=None) if s.id == chosen else s
        ),
    )


def engagement(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """No engagement document, or one signed after the investigation began."""
    investigation = next(s for s in bilan.bilan_sessions if s.phase is Phase.INVESTIGATION)
    if src.boolean():
        documents = tuple(d for d in bilan.documents if d.kind is not DocumentKind.ENGAGEMENT)
    else:
        late = investigation.start.add(minutes=src.integer(1, 600))
        documents = tuple(
            attrs.evolve(d, signed_at=late) if d.kind is DocumentKind.ENGAGEMENT else d
            for d in bilan.documents
        )
    return attrs.evolve(bilan, documents=documents)


def synthesis_sections(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """A synthesis missing sections, or written as plain text."""
    fields = ("circumstances", "conduct", "prospects", "action_plan")
    dropped = src.sample(fields, src.integer(1, 3))

    def change(document: Document) -> Document:
        synthesis = document.synthesis
        if synthesis is None:
            return document
        if src.boolean():
            return attrs.evolve(document, synthesis=None, text="Synthèse rédigée d'un bloc.")
        return attrs.evolve(document, synthesis=attrs.evolve(synthesis, **dict.fromkeys(dropped)))

    return attrs.evolve(bilan, documents=tuple(change(d) for d in bilan.documents))


def synthesis_last_meeting(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """The synthesis handed over a few days after the last meeting."""
    days = src.integer(1, 10)
    return attrs.evolve(
        bilan,
        documents=tuple(
            attrs.evolve(d, delivered_at=d.delivered_at.add(days=days))
            if d.kind is DocumentKind.SYNTHESIS and d.delivered_at is not None
            else d
            for d in bilan.documents
        ),
    )


def follow_up(src: Source, bilan: Bilan, shape: Shape, _on: pendulum.Date) -> Bilan:
    """No follow-up planned, or planned far from the charter's month."""
    offered = bilan.follow_up.offered_on
    if src.boolean():
        sessions = tuple(s for s in bilan.sessions if s.phase is not Phase.FOLLOWED_UP)
        return attrs.evolve(
            bilan, follow_up=FollowUp(offered=True, offered_on=offered), sessions=sessions
        )
    planned = bilan.follow_up.planned_on
    assert planned is not None  # noqa: S101 - completed bilans have one planned
    day = next_working_day(shape, planned.add(days=35 + src.integer(0, 60)))
    follow = [s for s in bilan.sessions if s.phase is Phase.FOLLOWED_UP]
    local = follow[0].start.in_timezone("Europe/Paris")
    moved = local_instants(day, local.hour, local.minute)
    bilan = _sessions(bilan, lambda s: attrs.evolve(s, start=moved) if s in follow else s)
    return attrs.evolve(bilan, follow_up=attrs.evolve(bilan.follow_up, planned_on=day))


def callback(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """A call back a week or more after the first contact."""
    inquiry = bilan.inquiry
    assert inquiry is not None  # noqa: S101 - generated bilans have an inquiry
    late = inquiry.received_at.add(days=7 + src.integer(0, 10))
    return attrs.evolve(bilan, inquiry=attrs.evolve(inquiry, called_back_at=late))


def opening_hours(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    """A meeting moved to early morning or evening (same Paris day)."""
    chosen = src.choice([s for s in bilan.bilan_sessions if s.is_meeting])
    day = paris_date(chosen.start)
    hour = src.choice((7, 18, 19))
    moved = local_instants(day, hour, 0)
    return _sessions(bilan, lambda s: attrs.evolve(s, start=moved) if s.id == chosen.id else s)
