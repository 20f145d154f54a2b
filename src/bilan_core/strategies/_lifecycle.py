"""Bilans in every phase of their lifecycle, built around the three phases.

:func:`~bilan_core.strategies._build.build_bilan` builds a bilan in a legal phase, completed,
or planned but not yet agreed. :func:`build_in_phase` takes it from there to the other
phases a real bilan can be in, as the phase machine would have moved it:

- ``inquiry``: before the agreement: maybe consent (then maybe the planned sessions), no
  session held, no document, no event; the funding being arranged.
- ``cancelled``: an inquiry cancelled before it started (its planned sessions cancelled).
- ``abandoned``: the beneficiary stopped during the three phases (the ``abandon`` event,
  maybe after withdrawing consent): the sessions after the withdrawal cancelled, the
  documents destroyed on the withdrawal day, when the law ends the action
  (:func:`bilan_core.facts.end_of_action`).
- ``closed``: completed, then the follow-up interview declined.
- ``followed_up``: completed, then the follow-up interview held (a completed bilan built
  for an earlier day, so that the interview falls before ``on``).

Every bilan is valid at ``on`` and its history replays to its phase.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from bilan_core import facts
from bilan_core._paris import paris_date
from bilan_core.confidentiality import destroy_documents, destruction_date
from bilan_core.facts.parameters import DURATION_MIN_ACCOMPANIMENT_MINUTES
from bilan_core.follow_up import FollowUp
from bilan_core.funding import CpfFunding
from bilan_core.history import Event
from bilan_core.phases import Phase
from bilan_core.sessions import SessionKind, SessionStatus
from bilan_core.strategies._build import build_bilan
from bilan_core.strategies._primitives import local_instants

if TYPE_CHECKING:
    import pendulum

    from bilan_core.bilan import Bilan
    from bilan_core.sessions import Session
    from bilan_core.strategies._schedule import Shape
    from bilan_core.strategies._source import Source

__all__ = ["FOLLOW_UP_SHIFT_MAX", "build_in_phase", "needs_conclusion_room"]

_BUILT = frozenset({Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION, Phase.COMPLETED})
_STOPPED_IN = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)
_FOLLOW_UP_SHIFT_MIN = 20  # days: the interview (a working day) falls before `on`
FOLLOW_UP_SHIFT_MAX = _FOLLOW_UP_SHIFT_MIN + 10
"""The most days a followed-up bilan's follow-up month ends before ``on`` (for the bounds)."""


def needs_conclusion_room(phase: Phase) -> bool:
    """Whether a bilan of ``phase`` may be built in the conclusion phase (4 sessions at least)."""
    return phase in {Phase.CONCLUSION, Phase.ABANDONED}


def _between(src: Source, start: pendulum.DateTime, stop: dt.datetime) -> pendulum.DateTime:
    """An instant from ``start`` to before ``stop`` (``start`` itself for seed 0)."""
    # Plain timedeltas: pendulum's intervals would count calendar months.
    minutes = int(dt.datetime.__sub__(stop, start).total_seconds() // 60) - 1
    return start.add(minutes=src.integer(0, max(0, minutes)))


def _midnight(on: pendulum.Date) -> pendulum.DateTime:
    """The first instant of ``on``, Paris time (in UTC)."""
    return local_instants(on, 0)


def _cancel_sessions(sessions: tuple[Session, ...], after: dt.datetime) -> tuple[Session, ...]:
    """The sessions that start at or after ``after`` cancelled."""
    return tuple(
        attrs.evolve(s, status=SessionStatus.CANCELLED) if s.start >= after else s for s in sessions
    )


def _destroy_due(bilan: Bilan, on: pendulum.Date) -> Bilan:
    """The documents due for destruction by ``on`` destroyed on the day they were due."""
    while True:
        due = [
            day
            for d in bilan.documents
            if not d.is_destroyed and (day := destruction_date(bilan, d, on)) is not None
        ]
        if not due or min(due) > on:
            return bilan
        bilan = destroy_documents(bilan, min(due))


def _within_delay(bilan: Bilan, shape: Shape, tag: str) -> bool:
    """Whether the first session planned is within the start delay of the agreement.

    Only a charter whose start delay is shorter than the days to the next working day after
    ``on`` (a day or two) leaves none: such an inquiry has no plan yet.
    """
    keys = ("cpf", "cpf_working_time") if tag == "cpf" else (tag,)
    agreed, first = facts.agreement_day(bilan), facts.start_day(bilan)
    if agreed is None or first is None:
        return True
    return first.toordinal() - agreed.toordinal() <= min(shape.start_delay(k) for k in keys)


def _not_agreed(
    src: Source,
    *,
    shape: Shape,
    tag: str,
    count: int,
    on: pendulum.Date,
    floor: pendulum.Date | None,
    cancelled: bool,
) -> Bilan:
    """An inquiry, or one cancelled: maybe consent, maybe planned sessions, nothing held."""
    bilan = build_bilan(
        src, shape=shape, tag=tag, phase=Phase.INQUIRY, count=count, on=on, floor=floor
    )
    consent = src.boolean()
    planned = consent and src.boolean() and _within_delay(bilan, shape, tag)
    if not cancelled and not planned:
        # A minimum duration in force judges the plan of a bilan not yet agreed too (0 h
        # planned is reported): keep the consent and the plan then.
        kept = consent or isinstance(bilan.funding, CpfFunding)  # the agreement day stays
        reference = bilan.reference_date if kept else on
        if reference is not None and DURATION_MIN_ACCOMPANIMENT_MINUTES.at(reference) is not None:
            consent = planned = True
    if not planned:
        bilan = attrs.evolve(bilan, sessions=())
    if not consent:
        bilan = attrs.evolve(bilan, consent=None)
    if not cancelled:
        return bilan
    inquiry = bilan.inquiry
    assert inquiry is not None  # noqa: S101 - generated bilans have an inquiry
    facts = [inquiry.called_back_at or inquiry.received_at]
    if bilan.consent is not None:
        facts.append(bilan.consent.given_at)
    return attrs.evolve(
        bilan,
        phase=Phase.CANCELLED,
        sessions=tuple(attrs.evolve(s, status=SessionStatus.CANCELLED) for s in bilan.sessions),
        history=(Event(name="cancel", at=_between(src, max(facts), _midnight(on))),),
    )


def _abandoned(
    src: Source,
    *,
    shape: Shape,
    tag: str,
    count: int,
    on: pendulum.Date,
    floor: pendulum.Date | None,
) -> Bilan:
    """Stopped during the three phases: abandoned, maybe after withdrawing consent."""
    stopped_in = src.choice(_STOPPED_IN)
    base = build_bilan(src, shape=shape, tag=tag, phase=stopped_in, count=count, on=on, floor=floor)
    held = [s for s in base.sessions if s.status is SessionStatus.HELD]
    last_end = max(s.end for s in held)
    midnight = _midnight(on)
    withdraws = src.boolean()
    stopped = _between(src, last_end, midnight)
    abandon_at = _between(src, stopped, midnight) if withdraws else stopped
    consent = base.consent
    if withdraws and consent is not None:
        consent = attrs.evolve(consent, withdrawn_at=stopped)
    bilan = attrs.evolve(
        base,
        phase=Phase.ABANDONED,
        consent=consent,
        sessions=_cancel_sessions(base.sessions, stopped),
        history=(*base.history, Event(name="abandon", at=abandon_at)),
    )
    # The action ends on the withdrawal day: what is due then is destroyed that day.
    return destroy_documents(bilan, paris_date(stopped))


def _closed(src: Source, completed: Bilan, on: pendulum.Date) -> Bilan:
    """Completed, then the follow-up interview declined (its planned session dropped)."""
    sessions = tuple(s for s in completed.sessions if s.kind is not SessionKind.FOLLOW_UP)
    delivered = completed.history[-1].at
    declined = _between(src, delivered, _midnight(on))
    follow_up = completed.follow_up
    bilan = attrs.evolve(
        completed,
        phase=Phase.CLOSED,
        sessions=sessions,
        follow_up=FollowUp(
            offered=True, offered_on=follow_up.offered_on, declined_on=paris_date(declined)
        ),
        history=(*completed.history, Event(name="decline_follow_up", at=declined)),
    )
    return _destroy_due(bilan, on)


def _followed_up(completed: Bilan, on: pendulum.Date) -> Bilan:
    """Completed (for an earlier day), then the follow-up interview held as planned."""
    follow_up = completed.follow_up
    interview = next(s for s in completed.sessions if s.kind is SessionKind.FOLLOW_UP)
    held = attrs.evolve(interview, status=SessionStatus.HELD)
    bilan = attrs.evolve(
        completed,
        phase=Phase.FOLLOWED_UP,
        sessions=tuple(held if s is interview else s for s in completed.sessions),
        follow_up=attrs.evolve(follow_up, held_on=follow_up.planned_on),
        history=(*completed.history, Event(name="hold_follow_up", at=held.end)),
    )
    return _destroy_due(bilan, on)


def build_in_phase(
    src: Source,
    *,
    shape: Shape,
    tag: str,
    phase: Phase,
    count: int,
    on: pendulum.Date,
    floor: pendulum.Date | None = None,
) -> Bilan:
    """A bilan in ``phase`` (any phase), valid at ``on``, agreed on or after ``floor``.

    ``count`` sessions of the three phases (planned, held or cancelled); at least four when
    :func:`needs_conclusion_room`. The caller checked that ``on`` leaves room for the phase
    after ``floor`` (:func:`~bilan_core.strategies._bilans.first_on`).
    """
    if phase in _BUILT:
        return build_bilan(src, shape=shape, tag=tag, phase=phase, count=count, on=on, floor=floor)
    if phase in {Phase.INQUIRY, Phase.CANCELLED}:
        return _not_agreed(
            src,
            shape=shape,
            tag=tag,
            count=count,
            on=on,
            floor=floor,
            cancelled=phase is Phase.CANCELLED,
        )
    if phase is Phase.ABANDONED:
        return _abandoned(src, shape=shape, tag=tag, count=count, on=on, floor=floor)
    if phase is Phase.CLOSED:
        completed = build_bilan(
            src, shape=shape, tag=tag, phase=Phase.COMPLETED, count=count, on=on, floor=floor
        )
        return _closed(src, completed, on)
    # Followed up: completed early enough for the interview, months later, to be held.
    shift = _FOLLOW_UP_SHIFT_MIN + src.integer(0, FOLLOW_UP_SHIFT_MAX - _FOLLOW_UP_SHIFT_MIN)
    earlier = on.subtract(months=shape.follow_up_months, days=shift)
    completed = build_bilan(
        src, shape=shape, tag=tag, phase=Phase.COMPLETED, count=count, on=earlier, floor=floor
    )
    return _followed_up(completed, on)
