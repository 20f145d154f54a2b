"""Moving a bilan through its phases: :func:`advance`, :func:`next_events`, :func:`replay`.

A bilan is a frozen snapshot, so the phase machine (:class:`bilan_core.machine.PhaseMachine`)
cannot be its model. :func:`advance` wraps the snapshot in a throw-away mutable shell whose
``phase`` setter builds the next snapshot with :func:`attrs.evolve` (the new phase and the
event appended to ``history`` in one step), sends one event, and returns the new snapshot.
The input is never changed; a refused event raises and builds nothing.

:func:`next_events` and :func:`replay` never build a machine: they read a transition table
(:data:`bilan_core.phases.TRANSITION_TABLE`, from which the machine class is built) and
the same guards the machine's validators run; :func:`replay` lives with the history
(:mod:`bilan_core.history`).

>>> bilan = bc.example_bilan("cpf")
>>> [(option.name, option.allowed) for option in next_events(bilan, on=bc.EXAMPLE_ON)]
[('hold_follow_up', False), ('decline_follow_up', True), ('abandon', True)]
>>> closed = advance(bilan, "decline_follow_up", at=pendulum.datetime(2026, 6, 2, tz="UTC"))
>>> closed.phase, closed.history[-1].name, bilan.phase
(<Phase.CLOSED: 'closed'>, 'decline_follow_up', <Phase.COMPLETED: 'completed'>)
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from bilan_core._arguments import as_instant, as_moment, check_bilan, check_policy
from bilan_core._paris import paris_date
from bilan_core.checks._context import Context
from bilan_core.checks._guards import blocking
from bilan_core.errors import InvalidValue, PhaseTransitionError
from bilan_core.history import Event, FactValue, history_errors, replay
from bilan_core.phases import EVENT_NAMES, TRANSITION_TABLE, EventName, Phase
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = [
    "EventOption",
    "advance",
    "next_events",
    "replay",
    "replay_errors",
    "transition_table",
]


@attrs.frozen(kw_only=True)
class EventOption:
    """An event the graph offers from the bilan's phase, and whether the law allows it now.

    Attributes:
        name: the event (``"confirm_engagement"``).
        target: the phase it leads to.
        blocked_by: the ids of the rules that block it now (empty: allowed).
        messages: one message per blocking reason, citing the law.
    """

    name: EventName
    target: Phase
    blocked_by: tuple[str, ...] = ()
    messages: tuple[Text, ...] = ()

    @property
    def allowed(self) -> bool:
        """Nothing blocks the event now."""
        return not self.blocked_by


def transition_table() -> Mapping[Phase, Mapping[EventName, Phase]]:
    """The phase graph: for each phase, the events it accepts and their target phase.

    The table of :data:`bilan_core.phases.TRANSITION_TABLE`, read-only, in the order of the
    graph's edges; the machine class is built from the same data.

    >>> dict(transition_table()[bc.Phase.COMPLETED])
    {'hold_follow_up': <Phase.FOLLOWED_UP: 'followed_up'>, 'decline_follow_up': <Phase.CLOSED: 'closed'>, 'abandon': <Phase.ABANDONED: 'abandoned'>}
    """  # noqa: E501 - a doctest output line
    return TRANSITION_TABLE


# -- advance ----------------------------------------------------------------------------


class _Shell:
    """The machine's throw-away model: its ``phase`` setter evolves the snapshot."""

    __slots__ = ("bilan", "record")

    def __init__(self, bilan: Bilan, record: Event) -> None:
        self.bilan = bilan
        self.record = record

    @property
    def phase(self) -> Phase:
        return self.bilan.phase

    @phase.setter
    def phase(self, value: Phase) -> None:
        self.bilan = attrs.evolve(
            self.bilan, phase=value, history=(*self.bilan.history, self.record)
        )


class _Machines(threading.local):
    """One idle machine per thread, reused: building one costs more than a ``send()``.

    The machine holds no bilan between calls (its shell is emptied) and reads the phase
    from the shell on every step, so reuse leaks nothing from one call to the next. A
    machine in use is taken out (a nested call builds its own); one that raised anything
    but a refusal, or reached a final state, is dropped.
    """

    def __init__(self) -> None:
        self.idle: tuple[Any, _Shell] | None = None


_MACHINES = _Machines()


def _send(bilan: Bilan, record: Event, ctx: Context) -> Bilan:
    idle, _MACHINES.idle = _MACHINES.idle, None
    if idle is None:
        from bilan_core.machine import PhaseMachine  # statemachine is heavy: import it late

        shell = _Shell(bilan, record)
        machine = PhaseMachine(shell, state_field="phase")
    else:
        machine, shell = idle
        shell.bilan, shell.record = bilan, record
    keep = False
    try:
        machine.send(record.name, ctx=ctx, at=record.at)
    except PhaseTransitionError:
        keep = True
        raise
    else:
        keep = not machine.is_terminated
        return shell.bilan
    finally:
        shell.bilan = shell.record = None  # type: ignore[assignment]
        if keep:
            _MACHINES.idle = (machine, shell)


def _context(bilan: Bilan, at: pendulum.DateTime, policy: Policy | None, event: str) -> Context:
    day = paris_date(at)
    return Context(
        on=day, reference_date=bilan.reference_date or day, policy=policy, at=at, event=event
    )


def advance(
    bilan: Bilan,
    event: EventName,
    /,
    *,
    at: dt.datetime,
    policy: Policy | None = None,
    facts: Mapping[str, FactValue] | None = None,
) -> Bilan:
    """The bilan after ``event``, with the event appended to its history.

    Pure and all-or-nothing: ``bilan`` is never changed; a refused event raises and returns
    nothing. The guards of the law (and of ``policy``, when given) are evaluated at ``at``:
    sessions count as held, documents as signed or delivered, only up to that instant.

    Args:
        bilan: the snapshot to move on.
        event: ``agree``, ``confirm_engagement``, ``begin_conclusion``,
            ``deliver_synthesis``, ``hold_follow_up``, ``decline_follow_up``, ``abandon`` or
            ``cancel``.
        at: when the event happens (an aware datetime; not before the last event).
        policy: a provider charter whose rules guard the events too
            (``POL-ENGAGEMENT-DOCUMENT``).
        facts: what to record with the event, a mapping of names to JSON scalars
            (``{"reason": "funding_refused"}``); any name, ``at`` or ``policy`` included.

    Raises:
        PhaseTransitionError: the event is unknown, not available in the bilan's phase, or
            blocked by the law; ``.rule_ids`` says which rules block it.
        InvalidValue: ``at`` is naive or earlier than the last event, or ``facts`` is not a
            mapping of names to JSON scalars.

    >>> bilan = bc.example_bilan("cpf")
    >>> advance(bilan, "hold_follow_up", at=pendulum.datetime(2026, 6, 2, tz="UTC"))
    Traceback (most recent call last):
    ...
    bilan_core.errors.PhaseTransitionError: event 'hold_follow_up' refused in phase 'completed': BC-FOLLOW-UP-OFFERED: the follow-up interview is not held yet (C. trav., art. R6313-4)
    """  # noqa: E501 - a doctest output line
    check_bilan(bilan)
    policy = check_policy(policy)
    phase = bilan.phase
    if event not in EVENT_NAMES:
        raise PhaseTransitionError(event, phase.value, (), _unavailable(event, phase))
    record = Event(name=event, at=as_instant(at), facts=() if facts is None else facts)
    if event not in transition_table()[phase]:
        raise PhaseTransitionError(event, phase.value, (), _unavailable(event, phase))
    history = bilan.history
    if history and record.at < history[-1].at:
        raise InvalidValue(
            Text(
                fr="at est antérieur au dernier événement de l'historique",
                en="at is before the last event of the history",
            ),
            field="at",
        )
    return _send(bilan, record, _context(bilan, record.at, policy, event))


def _unavailable(event: str, phase: Phase) -> tuple[Text, ...]:
    row = transition_table()[phase]
    offered = Text.same(", ".join(row)) if row else _FINAL
    if not any(event in other for other in transition_table().values()):
        return (
            offered.map(
                "événement inconnu ; événements possibles dans cette phase : {}",
                "unknown event; events from this phase: {}",
            ),
        )
    return (
        offered.map(
            "non disponible dans cette phase ; événements possibles dans cette phase : {}",
            "not available in this phase; events from this phase: {}",
        ),
    )


_FINAL = Text(fr="aucun : la phase est finale", en="none: the phase is final")


# -- next_events ------------------------------------------------------------------------


def next_events(
    bilan: Bilan, *, on: dt.date | None = None, policy: Policy | None = None
) -> tuple[EventOption, ...]:
    """The events the graph offers from the bilan's phase, each allowed or blocked now.

    No machine is built: the graph comes from :func:`transition_table` and the guards are
    the ones :func:`advance` runs.

    Args:
        bilan: the snapshot.
        on: the instant to judge at, or a day (judged at its end, Europe/Paris); default now.
        policy: a provider charter whose rules guard the events too.

    >>> options = next_events(bc.example_bilan(), on=bc.EXAMPLE_ON)
    >>> options[0].name, options[0].blocked_by
    ('hold_follow_up', ('BC-FOLLOW-UP-OFFERED',))
    """
    check_bilan(bilan)
    policy = check_policy(policy)
    at = as_moment(on)
    options = []
    for name, target in transition_table()[bilan.phase].items():
        blockers = blocking(name, bilan, _context(bilan, at, policy, name))
        if not blockers:
            options.append(_allowed(name, target))
            continue
        options.append(
            EventOption(
                name=name,
                target=target,
                blocked_by=tuple(dict.fromkeys(b.rule_id for b in blockers)),
                messages=tuple(b.message for b in blockers),
            )
        )
    return tuple(options)


@functools.cache
def _allowed(name: EventName, target: Phase) -> EventOption:
    """The option of an allowed event: immutable, so one instance serves every call."""
    return EventOption(name=name, target=target)


def replay_errors(bilan: Bilan) -> list[tuple[str, Text]]:
    """Why the bilan's history does not replay to its phase, as ``(json_path, message)``.

    :func:`bilan_core.history.history_errors` of the bilan's history and phase.
    """
    return history_errors(bilan.history, bilan.phase)
