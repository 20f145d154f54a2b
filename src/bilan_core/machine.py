"""The phase machine of a bilan, as a python-statemachine 3 ``StateChart``.

Flat states, one per :class:`~bilan_core.Phase` (a compound state would persist as a set)::

    inquiry ─agree─▶ preliminary ─confirm_engagement─▶ investigation
      │                                                   │
      cancel                                      begin_conclusion
      ▼                                                   ▼
    cancelled        completed ◀─deliver_synthesis─ conclusion
                     │       │
          hold_follow_up   decline_follow_up
                     ▼       ▼
             followed_up   closed

    abandon: from every non-final state to abandoned (the beneficiary withdraws; never a fault)

Every event but ``abandon`` and ``cancel`` is guarded by the law (see
:mod:`bilan_core.transitions`): the guard is a *validator* that raises
:class:`~bilan_core.PhaseTransitionError` with the rule ids that block the event.

This module imports ``statemachine`` (about 90 ms), so ``import bilan_core`` does not import
it: :func:`bilan_core.advance` loads it on first use. Most code never needs the class itself;
it is public for diagrams (``format(PhaseMachine, "mermaid")``) and for introspection.

>>> [state.value.value for state in PhaseMachine.states if state.final]
['followed_up', 'closed', 'abandoned', 'cancelled']
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

from statemachine import State, StateChart

from bilan_core.checks._guards import blocking
from bilan_core.errors import PhaseTransitionError
from bilan_core.phases import TRANSITIONS, Phase

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context

__all__ = ["PhaseMachine"]

_DOC = """The lifecycle of a bilan de compétences, built from :data:`bilan_core.phases.TRANSITIONS`.

The model is any object with a ``phase`` attribute holding a :class:`~bilan_core.Phase`
and a ``bilan`` attribute (the snapshot the guards read); :func:`bilan_core.advance` uses
a throw-away shell around a frozen :class:`~bilan_core.Bilan`. Events take two keyword
arguments, read by the guards: ``ctx`` (a rules :class:`~bilan_core.checks.Context` at the
event's date) and ``at`` (the instant of the event).

The python-statemachine 3 flags are set explicitly, not left to the ``StateChart``
defaults: an event with no transition raises, a failing callback propagates (instead of
being turned into an ``error.execution`` event that silently loses the transition), and
the configuration is written to the model once per step.
"""

_STATE_NAMES = {phase: phase.value.replace("_", " ").capitalize() for phase in Phase}


def check_law(self: Any, event: str, ctx: Context, at: Any) -> None:  # noqa: ARG001 - in ctx
    """Validator of the guarded events: raise when the law blocks ``event``.

    Raises:
        PhaseTransitionError: with the ids of the rules that block the event.
    """
    bilan: Bilan = self.model.bilan
    name = str(event)
    blockers = blocking(name, bilan, ctx)
    if blockers:
        raise PhaseTransitionError(
            name,
            bilan.phase.value,
            tuple(dict.fromkeys(b.rule_id for b in blockers)),
            tuple(b.message for b in blockers),
        )


def _namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__qualname__": "PhaseMachine",
        "__doc__": _DOC,
        "allow_event_without_transition": False,
        "enable_self_transition_entries": False,
        "atomic_configuration_update": True,
        "catch_errors_as_events": False,
        "check_law": check_law,
    }
    states = {
        phase: State(
            _STATE_NAMES[phase],
            value=phase,
            initial=phase is Phase.INQUIRY,
            final=phase.is_final,
        )
        for phase in Phase
    }
    for phase, state in states.items():
        namespace[phase.value] = state
    for edge in TRANSITIONS:
        validators = ["check_law"] if edge.guarded else None
        first, *others = edge.sources
        transitions = states[first].to(states[edge.target], validators=validators)
        for source in others:
            transitions |= states[source].to(states[edge.target], validators=validators)
        namespace[edge.event] = transitions  # the key names the event; table order is kept
    return namespace


PhaseMachine: Any = types.new_class(
    "PhaseMachine", (StateChart[Any],), {}, lambda ns: ns.update(_namespace())
)
