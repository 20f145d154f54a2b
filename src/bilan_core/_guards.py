"""The legal guards of the phase events: what blocks each event, with the rule ids.

A guard reads a bilan snapshot, a rules :class:`~bilan_core.rules.Context` whose ``on`` is
the event's Europe/Paris day, and the event's instant, and returns the reasons that block the
event (an empty tuple: the event is allowed). The same guards back the machine's validators
(:class:`bilan_core.machine.PhaseMachine`) and :func:`bilan_core.next_events`, which never
builds a machine.

Where the rule catalogue already decides a condition (consent, the provider, Qualiopi, the
duration limits), the guard runs that rule's check and blocks on its error findings. Where a
step needs more than "not illegal" (funding *secured*: an answer given or the silence period
over, a session *held*, the synthesis *delivered*), the guard is a small predicate on the data,
with the dated numbers of :mod:`bilan_core.rules.parameters`.

This module does not import ``statemachine``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

from bilan_core.documents import DocumentKind
from bilan_core.funding import (
    Convention,
    CpfFunding,
    EmployerAnswer,
    EmployerPlanFunding,
    LeaveAnswer,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
)
from bilan_core.phases import Phase
from bilan_core.rules._model import Severity
from bilan_core.rules._registry import get_rule
from bilan_core.rules.parameters import (
    CONVENTION_ACCEPTANCE_DAYS,
    CPF_EMPLOYER_ANSWER_DAYS,
    PUBLIC_LEAVE_ANSWER_DAYS,
)
from bilan_core.sessions import SessionKind, SessionStatus

if TYPE_CHECKING:
    import datetime as dt

    import pendulum

    from bilan_core.bilan import Bilan
    from bilan_core.rules._context import Context

__all__ = ["GUARDED_EVENTS", "Blocker", "blocking"]


@attrs.frozen
class Blocker:
    """One reason an event is refused.

    Attributes:
        rule_id: the rule that blocks it.
        message: why, in English, citing the law.
    """

    rule_id: str
    message: str


Guard = Callable[["Bilan", "Context", "pendulum.DateTime"], Iterator[Blocker]]


@functools.cache
def _citation(rule_id: str) -> str:
    return get_rule(rule_id).citation


def _law(rule_id: str, message: str) -> Blocker:
    return Blocker(rule_id, f"{rule_id}: {message} ({_citation(rule_id)})")


def _rule_check(rule_id: str, bilan: Bilan, ctx: Context) -> Iterator[Blocker]:
    """The findings of a catalogue rule that block: its errors."""
    rule = get_rule(rule_id)
    if not rule.in_force(ctx.reference_date):
        return
    for finding in rule.check(bilan, ctx):
        severity = finding.severity or rule.severity
        if severity is Severity.ERROR:
            cite = rule.citation if finding.reference is None else finding.reference.citation
            yield Blocker(rule_id, f"{rule_id}: {finding.message_en} ({cite})")


def _held(bilan: Bilan, phase: Phase, at: pendulum.DateTime) -> bool:
    return any(
        s.phase is phase and s.status is SessionStatus.HELD and s.start <= at
        for s in bilan.sessions
    )


# -- agree ------------------------------------------------------------------------------


def _cpf_authorised(funding: CpfFunding, ctx: Context, today: dt.date) -> Iterator[Blocker]:
    if not funding.on_working_time:
        return
    request = funding.employer_request
    if request is None:
        yield _law("BC-CPF-EMPLOYER-ANSWER", "no absence request to the employer recorded")
        return
    answered = request.answered_on is not None and request.answered_on <= today
    if answered and request.answer is EmployerAnswer.REFUSED:
        yield _law("BC-CPF-EMPLOYER-ANSWER", "the employer refused the absence")
        return
    days = ctx.value(CPF_EMPLOYER_ANSWER_DAYS)
    if not answered and (today - request.receipt).days <= days:
        yield _law(
            "BC-CPF-EMPLOYER-ANSWER",
            f"no answer from the employer yet; silence counts as acceptance only after "
            f"{days} days from receipt",
        )


def _convention_signed(
    convention: Convention | None, ctx: Context, today: dt.date
) -> Iterator[Blocker]:
    if convention is None:
        yield _law("BC-CONVENTION-REQUIRED", "no tripartite convention")
        return
    days = ctx.value(CONVENTION_ACCEPTANCE_DAYS)
    signed = convention.signed_on
    if signed is None or signed > today:
        yield _law("BC-CONVENTION-ACCEPTANCE", "the convention is not signed by the employee")
    elif convention.sent_on is not None and (signed - convention.sent_on).days > days:
        yield _law(
            "BC-CONVENTION-ACCEPTANCE",
            f"signed {(signed - convention.sent_on).days} days after it was sent; no "
            f"signature within {days} days counts as refusal",
        )


def _leave_granted(funding: PublicLeaveFunding, ctx: Context, today: dt.date) -> Iterator[Blocker]:
    answered = funding.answered_on is not None and funding.answered_on <= today
    if answered and funding.answer is LeaveAnswer.GRANTED:
        return
    if answered:
        yield _law("BC-PUBLIC-LEAVE-ANSWER", "the administration refused the leave")
        return
    days = ctx.value(PUBLIC_LEAVE_ANSWER_DAYS)
    yield _law(
        "BC-PUBLIC-LEAVE-ANSWER",
        f"the leave is not granted yet (the administration answers within {days} days, or 2 "
        f"months for the State; its silence never counts as consent)",
    )


def _funding_secured(bilan: Bilan, ctx: Context) -> Iterator[Blocker]:
    funding = bilan.funding
    today = ctx.on
    if isinstance(funding, CpfFunding):
        yield from _cpf_authorised(funding, ctx, today)
    elif isinstance(funding, (EmployerPlanFunding, ReclassificationLeaveFunding)):
        yield from _convention_signed(funding.convention, ctx, today)
    elif isinstance(funding, PublicLeaveFunding):
        yield from _leave_granted(funding, ctx, today)


def _agree(bilan: Bilan, ctx: Context, at: pendulum.DateTime) -> Iterator[Blocker]:
    consent = bilan.consent
    if consent is None:
        yield _law("BC-CONSENT-REQUIRED", "no consent of the beneficiary recorded")
    elif not consent.active_at(at):
        yield _law("BC-CONSENT-REQUIRED", "the beneficiary's consent does not hold at this time")
    yield from _rule_check("BC-CONSENT-REQUIRED", bilan, ctx)
    yield from _rule_check("BC-PROVIDER-NOT-EMPLOYER", bilan, ctx)
    yield from _rule_check("BC-PROVIDER-QUALIOPI", bilan, ctx)
    yield from _funding_secured(bilan, ctx)


# -- the three phases -------------------------------------------------------------------


def _confirm_engagement(bilan: Bilan, ctx: Context, at: pendulum.DateTime) -> Iterator[Blocker]:
    if not _held(bilan, Phase.PRELIMINARY, at):
        yield _law("BC-PHASES-COMPLETE", "no session of the preliminary phase held yet")
        yield _law("BC-PHASES-ORDER", "the investigation cannot start before the preliminary")
    policy = ctx.policy
    if (
        policy is not None
        and policy.engagement_document_required
        and "POL-ENGAGEMENT-DOCUMENT" not in policy.disabled
        and not any(
            d.kind is DocumentKind.ENGAGEMENT and d.signed_at is not None and d.signed_at <= at
            for d in bilan.documents
        )
    ):
        yield Blocker(
            "POL-ENGAGEMENT-DOCUMENT",
            f"POL-ENGAGEMENT-DOCUMENT: the engagement document is not signed "
            f"({policy.name} charter)",
        )


def _begin_conclusion(bilan: Bilan, _ctx: Context, at: pendulum.DateTime) -> Iterator[Blocker]:
    if not _held(bilan, Phase.INVESTIGATION, at):
        yield _law("BC-PHASES-COMPLETE", "no session of the investigation phase held yet")
        yield _law("BC-PHASES-ORDER", "the conclusions cannot start before the investigation")


def _deliver_synthesis(bilan: Bilan, ctx: Context, at: pendulum.DateTime) -> Iterator[Blocker]:
    interviews = [
        s.start
        for s in bilan.sessions
        if s.phase is Phase.CONCLUSION
        and s.status is SessionStatus.HELD
        and s.individual
        and s.kind is SessionKind.INTERVIEW
        and s.start <= at
    ]
    delivered = [
        d.delivered_at
        for d in bilan.documents
        if d.kind is DocumentKind.SYNTHESIS and d.delivered_at is not None and d.delivered_at <= at
    ]
    if not delivered:
        yield _law("BC-RESULTS-TO-BENEFICIARY", "the synthesis is not delivered to the beneficiary")
    if not interviews:
        yield _law("BC-CONCLUSION-PERSONAL", "no individual conclusion interview held")
    elif delivered and not any(start <= when for start in interviews for when in delivered):
        yield _law(
            "BC-CONCLUSION-PERSONAL",
            "the synthesis was delivered before any individual conclusion interview",
        )
    yield from _rule_check("BC-DURATION-MAX", bilan, ctx)
    # A warning while its source is unverified: it blocks once the catalogue makes it an error.
    yield from _rule_check("BC-DURATION-MIN", bilan, ctx)


# -- follow-up --------------------------------------------------------------------------


def _offered(bilan: Bilan) -> Iterator[Blocker]:
    if not bilan.follow_up.offered:
        yield _law("BC-FOLLOW-UP-OFFERED", "no follow-up interview was offered")


def _hold_follow_up(bilan: Bilan, ctx: Context, at: pendulum.DateTime) -> Iterator[Blocker]:
    yield from _offered(bilan)
    held_on = bilan.follow_up.held_on
    if not ((held_on is not None and held_on <= ctx.on) or _held(bilan, Phase.FOLLOWED_UP, at)):
        yield _law("BC-FOLLOW-UP-OFFERED", "the follow-up interview is not held yet")


def _decline_follow_up(bilan: Bilan, _ctx: Context, _at: pendulum.DateTime) -> Iterator[Blocker]:
    yield from _offered(bilan)


_GUARDS: dict[str, Guard] = {
    "agree": _agree,
    "confirm_engagement": _confirm_engagement,
    "begin_conclusion": _begin_conclusion,
    "deliver_synthesis": _deliver_synthesis,
    "hold_follow_up": _hold_follow_up,
    "decline_follow_up": _decline_follow_up,
}

GUARDED_EVENTS = frozenset(_GUARDS)
"""The events the law guards (``abandon`` and ``cancel`` are never refused by a rule)."""


def blocking(event: str, bilan: Bilan, ctx: Context, at: pendulum.DateTime) -> tuple[Blocker, ...]:
    """What blocks ``event`` for ``bilan`` at instant ``at`` (empty: nothing).

    Args:
        event: the event's name.
        bilan: the snapshot, still in the event's source phase.
        ctx: the rules context at the event's day (reference date and policy).
        at: the event's instant.
    """
    guard = _GUARDS.get(event)
    if guard is None:
        return ()
    return tuple(guard(bilan, ctx, at))
