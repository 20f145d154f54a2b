"""One mutation per rule: how to turn a valid bilan into one that breaks that rule alone.

Each :class:`Break` names the routes and phases whose valid bilans the mutation applies to,
and a function ``(src, bilan, shape, on) -> Bilan | None`` (``None``: not applicable to this
bilan, try another). :func:`~bilan_core.strategies.bilans_violating` checks the verdict with
:func:`~bilan_core.validate` and retries with another seed when a mutation broke more.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from bilan_core._paris import paris_date
from bilan_core.beneficiary import BeneficiaryStatus, PublicService
from bilan_core.disclosures import Disclosure, RecipientKind
from bilan_core.documents import DocumentKind
from bilan_core.facts.parameters import CPF_CAP
from bilan_core.follow_up import FollowUp
from bilan_core.funding import (
    Convention,
    CpfFunding,
    EmployerAnswer,
    EmployerRequest,
    LeaveAnswer,
    PublicFunder,
    PublicLeaveFunding,
)
from bilan_core.phases import Phase
from bilan_core.sessions import SessionKind, SessionStatus
from bilan_core.strategies._primitives import local_instants

if TYPE_CHECKING:
    from collections.abc import Callable

    from bilan_core.bilan import Bilan
    from bilan_core.sessions import Session
    from bilan_core.strategies._schedule import Shape
    from bilan_core.strategies._source import Source

    Mutation = Callable[[Source, Bilan, Shape, pendulum.Date], "Bilan | None"]

__all__ = ["Break"]

_ALL_PHASES = (Phase.COMPLETED, Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)
_IN_PROGRESS = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)
_STARTED = (Phase.COMPLETED, Phase.INVESTIGATION, Phase.CONCLUSION)
_DONE = (Phase.COMPLETED,)
_EMPLOYER_ROUTES = ("employer_plan", "reclassification_leave")
_MAX_SESSION = 720
_CENT = Decimal("0.01")


@attrs.frozen
class Break:
    """How to break one rule: on which routes and phases, and the mutation."""

    tags: tuple[str, ...] | None
    phases: tuple[Phase, ...]
    mutate: Mutation


# -- helpers ------------------------------------------------------------------------------


def _funding(bilan: Bilan, **changes: Any) -> Bilan:
    return attrs.evolve(bilan, funding=attrs.evolve(bilan.funding, **changes))


def _beneficiary(bilan: Bilan, **changes: Any) -> Bilan:
    return attrs.evolve(bilan, beneficiary=attrs.evolve(bilan.beneficiary, **changes))


def _sessions(bilan: Bilan, change: Callable[[Session], Session]) -> Bilan:
    return attrs.evolve(bilan, sessions=tuple(change(s) for s in bilan.sessions))


def _first_day(bilan: Bilan) -> pendulum.Date:
    first = bilan.first_session
    assert first is not None  # noqa: S101 - generated bilans always have sessions
    return paris_date(first.start)


def _set_minutes(bilan: Bilan, wanted: dict[str, int]) -> Bilan:
    return _sessions(
        bilan, lambda s: attrs.evolve(s, minutes=wanted[s.id]) if s.id in wanted else s
    )


def _resize(bilan: Bilan, sessions: list[Session], target: int) -> Bilan:
    """Shorten or lengthen ``sessions`` so that their minutes add up to ``target``."""
    minutes = {s.id: s.minutes for s in sessions}
    left = target - sum(minutes.values())
    for s in sorted(sessions, key=lambda s: -s.minutes if left < 0 else s.minutes):
        if left == 0:
            break
        new = min(_MAX_SESSION, max(1, minutes[s.id] + left))
        left -= new - minutes[s.id]
        minutes[s.id] = new
    return _set_minutes(bilan, minutes)


# -- the law ------------------------------------------------------------------------------


def _cpf_notice(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    first = _first_day(bilan)
    short = src.integer(31, 59)  # days of notice: under 60, yet the 30-day answer is before
    sent = first.subtract(days=short)
    granted = src.boolean()
    request = EmployerRequest(
        sent_on=sent,
        received_on=sent.add(days=src.integer(0, short - 31)),
        answer=EmployerAnswer.GRANTED if granted else None,
        answered_on=sent.add(days=short - 31) if granted else None,
    )
    return _funding(bilan, on_working_time=True, employer_request=request)


def _cpf_answer(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    sent = _first_day(bilan).subtract(days=src.integer(60, 120))
    request = EmployerRequest(
        sent_on=sent,
        received_on=sent,
        answer=EmployerAnswer.REFUSED,
        answered_on=sent.add(days=src.integer(0, 30)),
    )
    return _funding(bilan, on_working_time=True, employer_request=request)


def _cpf_participation(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    funding = bilan.funding
    assert isinstance(funding, CpfFunding)  # noqa: S101 - the Break's route
    delta = src.money(0, 50) + _CENT
    if src.boolean():
        return _funding(bilan, price=funding.price + delta)
    return _funding(bilan, participation=funding.participation + delta, price=funding.price + delta)


def _cpf_cap(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan | None:
    funding = bilan.funding
    assert isinstance(funding, CpfFunding)  # noqa: S101 - the Break's route
    cap = CPF_CAP.at(funding.purchase_date)
    if cap is None:
        return None
    amount = cap + _CENT + (Decimal("0.00") if src.boolean() else src.money(0, 900))
    return _funding(
        bilan,
        cpf_amount=amount,
        co_funding=Decimal("0.00"),
        price=amount + funding.participation,
    )


def _cpf_waiting(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    funding = bilan.funding
    assert isinstance(funding, CpfFunding)  # noqa: S101 - the Break's route
    earlier = funding.purchase_date.subtract(days=src.integer(0, 5 * 365 - 2))
    return _beneficiary(bilan, earlier_funded_bilans=(earlier,))


def _cpf_accompaniment(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    return _funding(bilan, funded_minutes=bilan.accompaniment_minutes + src.integer(1, 600))


def _consent_required(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    first = bilan.first_session
    assert first is not None  # noqa: S101 - generated bilans always have sessions
    if src.boolean():
        return attrs.evolve(bilan, consent=None)
    late = first.start.add(minutes=src.integer(1, first.minutes))
    assert bilan.consent is not None  # noqa: S101 - generated bilans have consent
    return attrs.evolve(bilan, consent=attrs.evolve(bilan.consent, given_at=late))


def _consent_withdrawn(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    counting = [s for s in bilan.sessions if s.counts]
    session = counting[-1 - src.integer(0, len(counting) - 2)]
    assert bilan.consent is not None  # noqa: S101 - generated bilans have consent
    withdrawn = max(bilan.consent.given_at, session.start.subtract(days=src.integer(0, 3)))
    return attrs.evolve(bilan, consent=attrs.evolve(bilan.consent, withdrawn_at=withdrawn))


def _not_employer(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan | None:
    if bilan.beneficiary.status is not BeneficiaryStatus.PRIVATE_EMPLOYEE:
        return None
    siret = bilan.provider.siret
    if src.boolean():  # another establishment of the same company
        from bilan_core._identifiers import luhn_digit

        body = siret[:9] + f"{(int(siret[9:13]) + 1) % 10000:04d}"
        siret = body + luhn_digit(body)
    return _beneficiary(bilan, employer_siret=siret)


def _qualiopi(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    provider = bilan.provider
    reference = bilan.reference_date
    if src.boolean() or provider.qualiopi is None or reference is None:
        return attrs.evolve(bilan, provider=attrs.evolve(provider, qualiopi=None))
    lapsed = reference.subtract(days=src.integer(1, 400))
    qualiopi = attrs.evolve(
        provider.qualiopi, valid_from=lapsed.subtract(years=3), valid_until=lapsed
    )
    return attrs.evolve(bilan, provider=attrs.evolve(provider, qualiopi=qualiopi))


def _declared(_src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    return attrs.evolve(bilan, provider=attrs.evolve(bilan.provider, nda=None))


_BEFORE = {
    Phase.COMPLETED: (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION),
    Phase.CONCLUSION: (Phase.PRELIMINARY, Phase.INVESTIGATION),
    Phase.INVESTIGATION: (Phase.PRELIMINARY,),
}


def _phases_complete(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    gone = src.choice(_BEFORE[bilan.phase])
    status = SessionStatus.CANCELLED if src.boolean() or gone is Phase.CONCLUSION else None
    return _sessions(
        bilan,
        lambda s: attrs.evolve(s, status=status or SessionStatus.PLANNED) if s.phase is gone else s,
    )


def _phases_order(_src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    sessions = bilan.bilan_sessions
    preliminary = next(s for s in sessions if s.phase is Phase.PRELIMINARY)
    investigation = next(s for s in sessions if s.phase is Phase.INVESTIGATION)
    swap = {preliminary.id: Phase.INVESTIGATION, investigation.id: Phase.PRELIMINARY}
    return _sessions(bilan, lambda s: attrs.evolve(s, phase=swap[s.id]) if s.id in swap else s)


def _conclusion_personal(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    collective = src.boolean()

    def change(s: Session) -> Session:
        if s.phase is not Phase.CONCLUSION:
            return s
        if collective:
            return attrs.evolve(s, individual=False)
        return attrs.evolve(s, kind=SessionKind.WORKSHOP)

    return _sessions(bilan, change)


def _follow_up_offered(_src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    sessions = tuple(s for s in bilan.sessions if s.phase is not Phase.FOLLOWED_UP)
    return attrs.evolve(bilan, follow_up=FollowUp(), sessions=sessions)


def _duration_max(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    over = 0 if src.boolean() else src.integer(0, 600)  # half the time (and seed 0): 24 h 01
    target = 24 * 60 + 1 + over
    return _resize(bilan, list(bilan.bilan_sessions), target)


def _duration_min(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    accompanied = [s for s in bilan.bilan_sessions if s.is_accompaniment]
    under = 0 if src.boolean() else src.integer(0, 13 * 60 - 1 - len(accompanied) * 30)
    target = 13 * 60 - 1 - under  # half the time (and seed 0): 12 h 59
    return _resize(bilan, accompanied, target)


def _convention_required(_src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    return _funding(bilan, convention=None)


def _convention(bilan: Bilan) -> Convention:
    convention = getattr(bilan.funding, "convention", None)
    assert isinstance(convention, Convention)  # noqa: S101 - the Break's routes have one
    return convention


def _convention_content(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    convention = _convention(bilan)
    items = sorted(convention.items, key=lambda i: getattr(i, "value", str(i)))
    dropped = set(src.sample(items, src.integer(1, len(items))))
    return _funding(bilan, convention=attrs.evolve(convention, items=frozenset(items) - dropped))


def _convention_acceptance(src: Source, bilan: Bilan, _shape: Shape, on: pendulum.Date) -> Bilan:
    convention = _convention(bilan)
    first = _first_day(bilan)
    if first <= on and src.boolean():
        return _funding(bilan, convention=attrs.evolve(convention, signed_on=None))
    sent = first.subtract(days=src.integer(11, 30))
    late = attrs.evolve(convention, sent_on=sent, signed_on=sent.add(days=src.integer(11, 40)))
    return _funding(bilan, convention=late)


def _public_notice(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    if bilan.beneficiary.public_service is PublicService.STATE:
        bilan = _beneficiary(bilan, public_service=PublicService.TERRITORIAL)
        if isinstance(bilan.funding, PublicLeaveFunding) and bilan.funding.funder is (
            PublicFunder.ANFH
        ):
            bilan = _funding(bilan, funder=PublicFunder.ADMINISTRATION)
    received = _first_day(bilan).subtract(days=src.integer(1, 59))
    return _funding(bilan, request_received_on=received, answered_on=received)


def _public_answer(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    funding = bilan.funding
    assert isinstance(funding, PublicLeaveFunding)  # noqa: S101 - the Break's route
    received = funding.request_received_on
    assert received is not None  # noqa: S101 - generated leaves have a request
    return _funding(
        bilan, answer=LeaveAnswer.REFUSED, answered_on=received.add(days=src.integer(0, 30))
    )


_REQUIRES = {
    PublicService.TERRITORIAL: PublicFunder.ADMINISTRATION,
    PublicService.HOSPITAL: PublicFunder.ANFH,
}


def _public_convention(_src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    service = bilan.beneficiary.public_service
    funder = _REQUIRES.get(service)  # type: ignore[arg-type]
    if funder is not None:
        bilan = _funding(bilan, funder=funder)
    return _funding(bilan, convention=None)


def _public_hours(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    bilan = _beneficiary(bilan, priority_agent=False)
    over = 0 if src.boolean() else src.integer(0, 600)  # half the time: 24 h 01
    return _funding(bilan, leave_minutes=24 * 60 + 1 + over)


def _public_frequency(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    reference = bilan.reference_date
    assert reference is not None  # noqa: S101 - generated bilans are dated
    bilan = _beneficiary(bilan, public_service=PublicService.HOSPITAL)
    if src.boolean():
        return _beneficiary(
            bilan, in_service_since=reference.subtract(days=src.integer(0, 2 * 365 - 2))
        )
    earlier = reference.subtract(days=src.integer(0, 3 * 365 - 2))
    return _beneficiary(bilan, earlier_funded_bilans=(earlier,))


def _results(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    kind = src.choice((DocumentKind.SYNTHESIS, DocumentKind.DETAILED_RESULTS))
    return attrs.evolve(bilan, documents=tuple(d for d in bilan.documents if d.kind is not kind))


def _disclosure(src: Source, bilan: Bilan, _shape: Shape, on: pendulum.Date) -> Bilan | None:
    documents = [d for d in bilan.documents if not d.is_destroyed]
    if not documents:
        return None
    last = bilan.bilan_sessions[-1]
    at = min(last.end.add(days=src.integer(0, 20)), local_instants(on, 0).subtract(minutes=1))
    recipient = src.choice((RecipientKind.EMPLOYER, RecipientKind.FUNDER, RecipientKind.OTHER))
    disclosure = Disclosure(recipient=recipient, document_ids=(src.choice(documents).id,), at=at)
    return attrs.evolve(bilan, disclosures=(disclosure,))


def _retention(src: Source, bilan: Bilan, _shape: Shape, _on: pendulum.Date) -> Bilan:
    ordinary = [
        d for d in bilan.documents if d.kind in {DocumentKind.ENGAGEMENT, DocumentKind.WORKING}
    ]
    kept = src.choice(ordinary).id
    return attrs.evolve(
        bilan,
        documents=tuple(
            attrs.evolve(d, destroyed_on=None) if d.id == kept else d for d in bilan.documents
        ),
    )
