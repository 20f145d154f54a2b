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

from typing import TYPE_CHECKING, Any

from statemachine import State, StateChart

from bilan_core._guards import blocking
from bilan_core.errors import PhaseTransitionError
from bilan_core.phases import Phase

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.rules._context import Context

__all__ = ["PhaseMachine"]


class PhaseMachine(StateChart[Any]):
    """The lifecycle of a bilan de compétences.

    The model is any object with a ``phase`` attribute holding a :class:`~bilan_core.Phase`
    and a ``bilan`` attribute (the snapshot the guards read); :func:`bilan_core.advance` uses
    a throw-away shell around a frozen :class:`~bilan_core.Bilan`. Events take two keyword
    arguments, read by the guards: ``ctx`` (a rules :class:`~bilan_core.rules.Context` at the
    event's date) and ``at`` (the instant of the event).

    The python-statemachine 3 flags are set explicitly, not left to the ``StateChart``
    defaults: an event with no transition raises, a failing callback propagates (instead of
    being turned into an ``error.execution`` event that silently loses the transition), and
    the configuration is written to the model once per step.
    """

    allow_event_without_transition = False
    enable_self_transition_entries = False
    atomic_configuration_update = True
    catch_errors_as_events = False

    inquiry = State("Inquiry", value=Phase.INQUIRY, initial=True)
    preliminary = State("Preliminary", value=Phase.PRELIMINARY)
    investigation = State("Investigation", value=Phase.INVESTIGATION)
    conclusion = State("Conclusion", value=Phase.CONCLUSION)
    completed = State("Completed", value=Phase.COMPLETED)
    followed_up = State("Followed up", value=Phase.FOLLOWED_UP, final=True)
    closed = State("Closed", value=Phase.CLOSED, final=True)
    abandoned = State("Abandoned", value=Phase.ABANDONED, final=True)
    cancelled = State("Cancelled", value=Phase.CANCELLED, final=True)

    agree = inquiry.to(preliminary, validators="check_law")
    confirm_engagement = preliminary.to(investigation, validators="check_law")
    begin_conclusion = investigation.to(conclusion, validators="check_law")
    deliver_synthesis = conclusion.to(completed, validators="check_law")
    hold_follow_up = completed.to(followed_up, validators="check_law")
    decline_follow_up = completed.to(closed, validators="check_law")
    cancel = inquiry.to(cancelled)
    abandon = abandoned.from_.any()  # type: ignore[no-untyped-call]  # untyped upstream

    def check_law(self, event: str, ctx: Context, at: Any) -> None:
        """Validator of the guarded events: raise when the law blocks ``event``.

        Raises:
            PhaseTransitionError: with the ids of the rules that block the event.
        """
        bilan: Bilan = self.model.bilan
        name = str(event)
        blockers = blocking(name, bilan, ctx, at)
        if blockers:
            raise PhaseTransitionError(
                name,
                bilan.phase.value,
                tuple(dict.fromkeys(b.rule_id for b in blockers)),
                tuple(b.message for b in blockers),
            )
