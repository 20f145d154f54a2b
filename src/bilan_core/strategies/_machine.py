"""A stateful base for users' workflow code: the real phase machine under random steps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from bilan_core.consent import Consent
from bilan_core.errors import PhaseTransitionError
from bilan_core.follow_up import FollowUp
from bilan_core.phases import Phase
from bilan_core.sessions import SessionStatus
from bilan_core.strategies._bilans import bilans

if TYPE_CHECKING:
    import pendulum

    from bilan_core.bilan import Bilan
    from bilan_core.documents import Document
    from bilan_core.policy import Policy

__all__ = ["BilanStateMachine"]

_STOPS = frozenset({"abandon", "cancel"})


def _instants(document: Document) -> list[pendulum.DateTime]:
    return [
        t
        for t in (document.presented_at, document.delivered_at, document.signed_at)
        if t is not None
    ]


class BilanStateMachine(RuleBasedStateMachine):
    """A bilan moved through the real phase machine, for users to test their workflow code.

    The machine draws a complete plan (a valid completed bilan of
    :func:`~bilan_core.strategies.bilans`) and starts from its first contact: phase
    ``inquiry``, no consent, no session, no document, no history. Its rules let the time
    pass (sessions then count as held), record the consent, the plan's sessions and
    documents as they become due, offer the follow-up, fire an event that
    :func:`bilan_core.next_events` allows (through :func:`bilan_core.advance`) and try one
    it blocks (which must raise :class:`~bilan_core.PhaseTransitionError` naming the same
    rules). Its invariants: the history replays to the phase, :func:`bilan_core.validate`
    never raises, and the bilan survives the wire format.

    Subclass it and override the hooks to drive your own code alongside; add your own
    ``@rule`` and ``@invariant`` methods as usual:

    - :meth:`on_transition` after each event fired (``before``, ``event``, ``after``);
    - :meth:`on_refused` after each event the law refused;
    - :meth:`check` on every step, with the current bilan.

    Set :attr:`policy` on the subclass to run a charter's rules in the guards too.

    Attributes:
        bilan: the current snapshot.
        plan: the complete bilan the steps follow.
        now: the machine's clock (a UTC instant).
        transitions: the events fired so far, in order.
    """

    policy: ClassVar[Policy | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.transitions: list[str] = []
        self.bilan: Bilan
        self.plan: Bilan
        self.now: pendulum.DateTime

    # -- hooks for subclasses ----------------------------------------------------------

    def on_transition(self, before: Bilan, event: str, after: Bilan) -> None:
        """Called after ``event`` moved ``before`` to ``after`` (override; default: nothing)."""

    def on_refused(self, bilan: Bilan, event: str, error: PhaseTransitionError) -> None:
        """Called after the law refused ``event`` on ``bilan`` (override; default: nothing)."""

    def check(self, bilan: Bilan) -> None:
        """An extra invariant on every step (override; default: nothing)."""

    # -- set-up ------------------------------------------------------------------------

    @initialize(plan=st.data())
    def start(self, plan: st.DataObject) -> None:
        """Draw a complete plan and start from its first contact."""
        self.plan = plan.draw(bilans(phase=Phase.COMPLETED, policy=type(self).policy))
        inquiry = self.plan.inquiry
        assert inquiry is not None  # noqa: S101 - generated plans have an inquiry
        self.now = inquiry.received_at
        self.bilan = attrs.evolve(
            self.plan,
            phase=Phase.INQUIRY,
            consent=None,
            sessions=(),
            documents=(),
            follow_up=FollowUp(),
            history=(),
        )

    # -- steps -------------------------------------------------------------------------

    @rule(hours=st.integers(1, 24 * 21))
    def pass_time(self, hours: int) -> None:
        """Let time pass; sessions that ended count as held."""
        self._move_to(self.now.add(hours=hours))

    @rule()
    def attend_next_session(self) -> None:
        """Move the clock to the end of the next planned session: it is held."""
        ahead = [
            s.end
            for s in self.bilan.sessions
            if s.status is SessionStatus.PLANNED and s.end > self.now
        ]
        if ahead:
            self._move_to(min(ahead))

    def _move_to(self, now: pendulum.DateTime) -> None:
        self.now = now
        self.bilan = attrs.evolve(
            self.bilan,
            sessions=tuple(
                attrs.evolve(s, status=SessionStatus.HELD)
                if s.status is SessionStatus.PLANNED
                and s.end <= now
                and s.phase is not Phase.FOLLOWED_UP
                else s
                for s in self.bilan.sessions
            ),
        )

    @precondition(lambda self: self.bilan.consent is None)
    @rule()
    def give_consent(self) -> None:
        """The beneficiary consents now."""
        self.bilan = attrs.evolve(self.bilan, consent=Consent(given_at=self.now))

    @rule()
    def plan_session(self) -> None:
        """Add the plan's next session, planned (held once its end has passed)."""
        known = {s.id for s in self.bilan.sessions}
        pending = [s for s in self.plan.sessions if s.id not in known]
        if pending:
            session = attrs.evolve(pending[0], status=SessionStatus.PLANNED)
            self.bilan = attrs.evolve(self.bilan, sessions=(*self.bilan.sessions, session))

    @rule()
    def record_document(self) -> None:
        """Add the plan's next document once everything it records has happened."""
        known = {d.id for d in self.bilan.documents}
        for document in self.plan.documents:
            if document.id in known or any(t > self.now for t in _instants(document)):
                continue
            if document.destroyed_on is not None and self.bilan.phase is not Phase.COMPLETED:
                document = attrs.evolve(document, destroyed_on=None)  # noqa: PLW2901
            self.bilan = attrs.evolve(self.bilan, documents=(*self.bilan.documents, document))
            return

    @precondition(lambda self: self.bilan.phase is Phase.COMPLETED)
    @rule()
    def offer_follow_up(self) -> None:
        """Offer the follow-up interview as the plan does."""
        self.bilan = attrs.evolve(self.bilan, follow_up=self.plan.follow_up)

    @rule(data=st.data())
    def fire_allowed_event(self, data: st.DataObject) -> None:
        """Fire an event the law allows now (rarely abandon or cancel)."""
        from bilan_core.transitions import advance, next_events

        options = [o for o in next_events(self.bilan, on=self.now, policy=self.policy) if o.allowed]
        moving = [o for o in options if o.name not in _STOPS]
        pool = moving if data.draw(st.integers(0, 19), label="stop?") else options
        if not pool:
            return
        option = data.draw(st.sampled_from(pool), label="event")
        at = max(self.now, self.bilan.history[-1].at) if self.bilan.history else self.now
        before = self.bilan
        after = advance(before, option.name, at=at, policy=self.policy)
        assert after.phase is option.target  # noqa: S101 - a property of the library
        self.bilan = after
        self.transitions.append(option.name)
        self.on_transition(before, option.name, after)

    @rule(data=st.data())
    def try_blocked_event(self, data: st.DataObject) -> None:
        """Try an event the law blocks now: it must be refused, naming the same rules."""
        from bilan_core.transitions import advance, next_events

        blocked = [
            o for o in next_events(self.bilan, on=self.now, policy=self.policy) if not o.allowed
        ]
        if not blocked:
            return
        option = data.draw(st.sampled_from(blocked), label="blocked event")
        at = max(self.now, self.bilan.history[-1].at) if self.bilan.history else self.now
        try:
            advance(self.bilan, option.name, at=at, policy=self.policy)
        except PhaseTransitionError as error:
            refused = error
        else:  # pragma: no cover - would be a bug of the library
            raise AssertionError(f"{option.name} was blocked by {option.blocked_by} yet allowed")
        if set(refused.rule_ids) != set(option.blocked_by):  # pragma: no cover - library bug
            raise AssertionError((refused.rule_ids, option.blocked_by))
        self.on_refused(self.bilan, option.name, refused)

    # -- invariants --------------------------------------------------------------------

    @invariant()
    def history_replays(self) -> None:
        """The history replays to the phase."""
        from bilan_core.transitions import replay

        if hasattr(self, "bilan"):
            assert replay(self.bilan.history) is self.bilan.phase  # noqa: S101

    @invariant()
    def validate_never_raises(self) -> None:
        """validate() reports, never raises, whatever the state."""
        from bilan_core.validation import validate

        if hasattr(self, "bilan"):
            day = self.now.in_timezone("Europe/Paris").date()
            validate(self.bilan, on=dt.date(day.year, day.month, day.day), policy=self.policy)

    @invariant()
    def round_trips(self) -> None:
        """The bilan survives the wire format."""
        from bilan_core.serialization import dumps, load

        if hasattr(self, "bilan"):
            assert load(dumps(self.bilan)) == self.bilan  # noqa: S101

    @invariant()
    def user_check(self) -> None:
        """Run the subclass's :meth:`check`."""
        if hasattr(self, "bilan"):
            self.check(self.bilan)
