"""The :func:`bilans` strategy: whole bilans, valid under the law at a given date.

A bilan is built by construction, after the shape of the shipped examples
(:mod:`bilan_core.samples`): a timeline of 3 to 12 sessions in the three phases, in order, on
weekdays at office hours (Paris time, so across DST changes), 1 to 13 days apart; at most 24 h
in all and at least 13 h of accompaniment; a funding route whose delays, answers, amounts and
convention fit that timeline; consent before the first session; a certified, declared provider
that is not the employer; the documents, disclosures and history of the phase reached.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pendulum
from hypothesis import strategies as st

from bilan_core._values import paris_date
from bilan_core.beneficiary import Beneficiary, BeneficiaryStatus, PublicService
from bilan_core.bilan import Bilan
from bilan_core.consent import Consent
from bilan_core.consultants import Consultant, ConsultantRole
from bilan_core.follow_up import FollowUp
from bilan_core.funding import (
    CONVENTION_ITEMS,
    Convention,
    CpfFunding,
    EmployerAnswer,
    EmployerPlanFunding,
    EmployerRequest,
    JobSeekerFunding,
    JobSeekerNetwork,
    LeaveAnswer,
    ParticipationExemption,
    Payer,
    PublicFunder,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
    SelfFunding,
)
from bilan_core.inquiry import Inquiry
from bilan_core.phases import Phase
from bilan_core.provider import Provider, Qualiopi, QualiopiCategory
from bilan_core.rules.parameters import CPF_CAP, CPF_PARTICIPATION
from bilan_core.samples import EXAMPLE_ON
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus
from bilan_core.strategies._parts import _tags, sites
from bilan_core.strategies._primitives import (
    instants,
    local_instants,
    money_amounts,
    ndas,
    opaque_ids,
    sirets,
    weekday_on_or_after,
    weekday_on_or_before,
)
from bilan_core.strategies._records import documents_of, history_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hypothesis.strategies import SearchStrategy

    from bilan_core.funding import Funding

__all__ = ["BILAN_PHASES", "bilans"]

BILAN_PHASES: tuple[Phase, ...] = (
    Phase.COMPLETED,
    Phase.PRELIMINARY,
    Phase.INVESTIGATION,
    Phase.CONCLUSION,
)
"""The phases :func:`bilans` can reach; the first is the default and the shrink target."""

_MIN_MINUTES = 60
_MAX_MINUTES = 360
_STEP = 30
_MAX_TOTAL = 24 * 60
_MIN_ACCOMPANIMENT = 13 * 60
_MAX_GAP = 13  # days between sessions: the action stays under 6 months (CPF 60-day notice)
_START_HOURS = ((9, 0), (9, 30), (10, 0), (13, 30), (14, 0))


def _choice(value: Any, default: SearchStrategy[Any]) -> SearchStrategy[Any]:
    if value is None:
        return default
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


def _split(draw: st.DrawFn, total: int, count: int) -> list[int]:
    """``count`` durations (multiples of 30, 60 to 360 minutes) adding up to ``total``."""
    parts = []
    left = total
    for slot in range(count, 0, -1):
        low = max(_MIN_MINUTES, left - _MAX_MINUTES * (slot - 1))
        high = min(_MAX_MINUTES, left - _MIN_MINUTES * (slot - 1))
        value = high if slot == 1 else draw(st.integers(low // _STEP, high // _STEP)) * _STEP
        parts.append(value)
        left -= value
    return parts


_CATEGORIES = st.frozensets(st.sampled_from(QualiopiCategory))
_SITE_LISTS: SearchStrategy[list[Any]] = st.lists(
    sites(), min_size=1, max_size=3, unique_by=lambda s: s.id
)


@attrs.frozen
class _Plan:
    """The drawn skeleton of a bilan's sessions."""

    phases: tuple[Phase, ...]
    kinds: tuple[SessionKind, ...]
    alone: tuple[bool, ...]  # a test taken without the consultant
    minutes: tuple[int, ...]


def _plan(draw: st.DrawFn, phase: Phase) -> _Plan:
    # A bilan in its conclusion phase has a conclusion session still ahead: two at least.
    in_conclusion = phase is Phase.CONCLUSION
    count = draw(st.integers(4 if in_conclusion else 3, 12))
    preliminary = draw(st.integers(1, min(3, count - 2 - in_conclusion)))
    conclusion = draw(st.integers(1 + in_conclusion, min(2, count - 1 - preliminary)))
    investigation = count - preliminary - conclusion
    # Personal work only where at least three accompaniment sessions remain (13 h in 6 h slots).
    personal = draw(st.integers(0, max(0, min(investigation - 1, count - 3))))
    phases = (
        (Phase.PRELIMINARY,) * preliminary
        + (Phase.INVESTIGATION,) * investigation
        + (Phase.CONCLUSION,) * conclusion
    )
    personal_slots = set(
        draw(
            st.lists(
                st.integers(preliminary, preliminary + investigation - 1),
                min_size=personal,
                max_size=personal,
                unique=True,
            )
        )
    )
    kinds: list[SessionKind] = []
    alone: list[bool] = []
    for index, session_phase in enumerate(phases):
        if index in personal_slots:
            alone_test = draw(st.booleans())
            kinds.append(SessionKind.TEST if alone_test else SessionKind.PERSONAL_WORK)
            alone.append(alone_test)
            continue
        if session_phase is Phase.INVESTIGATION:
            kinds.append(
                draw(
                    st.sampled_from((SessionKind.INTERVIEW, SessionKind.TEST, SessionKind.WORKSHOP))
                )
            )
        elif session_phase is Phase.PRELIMINARY and index > 0:
            kinds.append(draw(st.sampled_from((SessionKind.INTERVIEW, SessionKind.WORKSHOP))))
        else:
            kinds.append(SessionKind.INTERVIEW)
        alone.append(False)
    accompanied = count - personal
    low = max(_MIN_ACCOMPANIMENT, _MIN_MINUTES * accompanied)
    high = min(_MAX_TOTAL - _MIN_MINUTES * personal, _MAX_MINUTES * accompanied)
    accompaniment = draw(st.integers(low // _STEP, high // _STEP)) * _STEP
    personal_total = (
        draw(
            st.integers(
                personal * _MIN_MINUTES // _STEP,
                min(_MAX_TOTAL - accompaniment, _MAX_MINUTES * personal) // _STEP,
            )
        )
        * _STEP
        if personal
        else 0
    )
    with_consultant = iter(_split(draw, accompaniment, accompanied))
    without = iter(_split(draw, personal_total, personal))
    minutes = tuple(
        next(without) if i in personal_slots else next(with_consultant) for i in range(count)
    )
    return _Plan(phases=phases, kinds=tuple(kinds), alone=tuple(alone), minutes=minutes)


def _days(
    draw: st.DrawFn, plan: _Plan, on: pendulum.Date, phase: Phase
) -> tuple[list[pendulum.Date], int]:
    """The session days, and the index of the last held session."""
    count = len(plan.phases)
    if phase is Phase.COMPLETED:
        held = count - 1
        anchor = weekday_on_or_before(on.subtract(days=draw(st.integers(1, 150))))
    else:
        # The phase has started and a session is still ahead.
        indexes = [i for i, p in enumerate(plan.phases) if p is phase and i < count - 1]
        held = draw(st.sampled_from(indexes))
        anchor = weekday_on_or_before(on.subtract(days=draw(st.integers(1, _MAX_GAP))))
    result: list[pendulum.Date] = [anchor]
    for _ in range(held):
        gap = draw(st.integers(1, _MAX_GAP))
        result.insert(0, weekday_on_or_before(result[0].subtract(days=gap)))
    if held < count - 1:
        result.append(weekday_on_or_after(on.add(days=draw(st.integers(1, _MAX_GAP)))))
        for _ in range(count - held - 2):
            gap = draw(st.integers(1, _MAX_GAP))
            result.append(weekday_on_or_after(result[-1].add(days=gap)))
    return result, held


def _sessions(
    draw: st.DrawFn,
    *,
    plan: _Plan,
    session_days: Sequence[pendulum.Date],
    held: int,
    provider: Provider,
    consultant_ids: Sequence[str],
) -> tuple[Session, ...]:
    result = []
    for index, (phase, kind, alone, minutes, day) in enumerate(
        zip(plan.phases, plan.kinds, plan.alone, plan.minutes, session_days, strict=True)
    ):
        hour, minute = (9, 0) if minutes > 240 else draw(st.sampled_from(_START_HOURS))  # noqa: PLR2004
        personal = kind is SessionKind.PERSONAL_WORK or alone
        remote = personal or draw(st.booleans())
        collective = kind is SessionKind.WORKSHOP and draw(st.booleans())
        result.append(
            Session(
                id=f"s{index + 1:02d}",
                start=local_instants(day, hour, minute),
                minutes=minutes,
                phase=phase,
                kind=kind,
                modality=Modality.REMOTE if remote else Modality.IN_PERSON,
                individual=not collective,
                with_consultant=False if alone else None,
                site_id=None if remote else draw(st.sampled_from(provider.sites)).id,
                consultant_id=None if personal else draw(st.sampled_from(consultant_ids)),
                status=SessionStatus.HELD if index <= held else SessionStatus.PLANNED,
            )
        )
    return tuple(result)


def _convention(draw: st.DrawFn, signed: pendulum.Date) -> Convention:
    delay = draw(st.integers(0, 10))
    return Convention(
        sent_on=signed.subtract(days=delay), signed_on=signed, items=frozenset(CONVENTION_ITEMS)
    )


def _earlier(draw: st.DrawFn, agreed: pendulum.Date) -> tuple[pendulum.Date, ...]:
    """Maybe an earlier funded bilan, more than five years before."""
    if not draw(st.booleans()):
        return ()
    return (agreed.subtract(years=5, days=draw(st.integers(30, 2000))),)


@attrs.frozen
class _Timeline:
    """What a funding route must fit: the agreement, the first session, the hours."""

    agreed: pendulum.Date
    first: pendulum.Date
    accompaniment: int
    total: int
    provider_siren: str


def _cpf(draw: st.DrawFn, t: _Timeline, employee: Beneficiary) -> tuple[Beneficiary, Funding]:
    working = draw(st.booleans())
    job_seeker = not working and draw(st.booleans())
    beneficiary = employee
    if job_seeker:
        beneficiary = Beneficiary(
            id=employee.id,
            status=BeneficiaryStatus.JOB_SEEKER,
            earlier_funded_bilans=employee.earlier_funded_bilans,
        )
    due = CPF_PARTICIPATION.at(t.agreed)
    participation = Decimal("0.00") if job_seeker or due is None else due
    price = draw(money_amounts(900, 2500))
    cap = CPF_CAP.at(t.agreed)
    cpf_amount = price - participation
    if cap is not None and cpf_amount > cap:
        cpf_amount = cap
    request = None
    if working:
        sent = t.first.subtract(days=draw(st.integers(60, 120)))
        received = sent.add(days=draw(st.integers(0, 5)))
        answer = draw(st.sampled_from((EmployerAnswer.GRANTED, None)))
        request = EmployerRequest(
            sent_on=sent,
            received_on=received,
            answer=answer,
            answered_on=received.add(days=draw(st.integers(0, 30))) if answer else None,
        )
    return beneficiary, CpfFunding(
        on_working_time=working,
        purchase_date=t.agreed,
        price=price,
        cpf_amount=cpf_amount,
        participation=participation,
        co_funding=price - participation - cpf_amount,
        exemption=ParticipationExemption.JOB_SEEKER if job_seeker and due is not None else None,
        funded_minutes=draw(st.none() | st.integers(0, t.accompaniment)),
        employer_request=request,
    )


def _public_leave(
    draw: st.DrawFn, t: _Timeline, employee: Beneficiary
) -> tuple[Beneficiary, Funding]:
    service = draw(st.sampled_from(PublicService))
    agent = Beneficiary(
        id=employee.id,
        status=BeneficiaryStatus.PUBLIC_AGENT,
        employer_siret=employee.employer_siret,
        public_service=service,
        priority_agent=draw(st.booleans()),
        in_service_since=t.agreed.subtract(years=2, days=draw(st.integers(1, 9000))),
        earlier_funded_bilans=employee.earlier_funded_bilans,
    )
    received = min(t.first.subtract(days=draw(st.integers(60, 120))), t.agreed)
    funders = [PublicFunder.ADMINISTRATION, PublicFunder.AGENT]
    if service is PublicService.HOSPITAL:
        funders.append(PublicFunder.ANFH)
    return agent, PublicLeaveFunding(
        funder=draw(st.sampled_from(funders)),
        request_received_on=received,
        answer=LeaveAnswer.GRANTED,
        answered_on=received.add(days=draw(st.integers(0, 30))),
        leave_minutes=t.total,
        convention=_convention(draw, t.agreed),
        price=draw(st.none() | money_amounts(900, 3000)),
    )


def _other_siret(draw: st.DrawFn, siren: str) -> str:
    """A SIRET of another company than ``siren`` (the provider is not the employer)."""
    siret = draw(sirets())
    if siret[:9] != siren:
        return siret
    return "35612345500012" if siren != "356123455" else "55212044600026"


def _route(draw: st.DrawFn, tag: str, t: _Timeline) -> tuple[Beneficiary, Funding]:
    """A beneficiary and a funding of route ``tag``, fitting the timeline."""
    employee = Beneficiary(
        id=draw(opaque_ids("b-")),
        status=BeneficiaryStatus.PRIVATE_EMPLOYEE,
        employer_siret=_other_siret(draw, t.provider_siren),
        earlier_funded_bilans=_earlier(draw, t.agreed),
    )
    if tag == "cpf":
        return _cpf(draw, t, employee)
    if tag == "public_leave":
        return _public_leave(draw, t, employee)
    if tag in {"employer_plan", "reclassification_leave"}:
        cls = EmployerPlanFunding if tag == "employer_plan" else ReclassificationLeaveFunding
        return employee, cls(
            payer=draw(st.sampled_from(Payer)),
            convention=_convention(draw, t.agreed),
            price=draw(st.none() | money_amounts(900, 3000)),
        )
    if tag == "job_seeker":
        return (
            Beneficiary(id=employee.id, status=BeneficiaryStatus.JOB_SEEKER),
            JobSeekerFunding(network=draw(st.sampled_from(JobSeekerNetwork))),
        )
    others = (
        BeneficiaryStatus.SELF_EMPLOYED,
        BeneficiaryStatus.OTHER,
        BeneficiaryStatus.JOB_SEEKER,
    )
    return (
        Beneficiary(id=employee.id, status=draw(st.sampled_from(others))),
        SelfFunding(price=draw(st.none() | money_amounts(900, 3000))),
    )


@st.composite
def _bilans(
    draw: st.DrawFn, tags: SearchStrategy[str], phases: SearchStrategy[Phase], on: pendulum.Date
) -> Bilan:
    tag = draw(tags)
    phase = draw(phases)
    plan = _plan(draw, phase)
    session_days, held = _days(draw, plan, on, phase)
    first = session_days[0]
    agreed = weekday_on_or_before(first.subtract(days=draw(st.integers(1, 40))))
    hour, minute = draw(st.sampled_from(_START_HOURS))
    consent_at = local_instants(agreed, hour, minute)

    provider_siret = draw(sirets())
    provider = Provider(
        name=draw(st.sampled_from(("STAFF", "Cap Compétences", "Horizons RH"))),
        siret=provider_siret,
        nda=draw(ndas()),
        qualiopi=Qualiopi(
            categories=draw(_CATEGORIES) | {QualiopiCategory.BILAN_DE_COMPETENCES},
            valid_from=agreed.subtract(days=draw(st.integers(0, 1000))),
            valid_until=session_days[-1].add(days=draw(st.integers(0, 1000))),
        ),
        sites=tuple(draw(_SITE_LISTS)),
    )
    referent = draw(opaque_ids("c-"))
    team = [Consultant(id=referent, role=ConsultantRole.REFERENT)]
    if draw(st.booleans()):
        team.append(Consultant(id=f"{referent}-2", role=ConsultantRole.SPECIALIST))
    sessions = _sessions(
        draw,
        plan=plan,
        session_days=session_days,
        held=held,
        provider=provider,
        consultant_ids=[c.id for c in team],
    )
    accompaniment = sum(s.minutes for s in sessions if s.is_accompaniment)
    total = sum(s.minutes for s in sessions)
    timeline = _Timeline(
        agreed=agreed,
        first=first,
        accompaniment=accompaniment,
        total=total,
        provider_siren=provider_siret[:9],
    )
    beneficiary, funding = _route(draw, tag, timeline)
    end = paris_date(sessions[-1].end)
    completed = phase is Phase.COMPLETED
    follow_up = FollowUp()
    if completed:
        planned = weekday_on_or_after(end.add(months=6))
        follow_up = FollowUp(offered=True, offered_on=end, planned_on=planned)
        sessions = (
            *sessions,
            Session(
                id="s-follow-up",
                start=local_instants(planned, 10),
                minutes=60,
                phase=Phase.FOLLOWED_UP,
                kind=SessionKind.FOLLOW_UP,
                modality=Modality.REMOTE,
                consultant_id=referent,
            ),
        )
    received = draw(instants(agreed.subtract(days=30), agreed.subtract(days=3)))
    return Bilan(
        id=draw(opaque_ids("bilan-")),
        phase=phase,
        beneficiary=beneficiary,
        provider=provider,
        funding=funding,
        consultants=tuple(team),
        inquiry=Inquiry(
            received_at=received,
            called_back_at=received.add(hours=draw(st.integers(1, 48))),
        ),
        consent=Consent(given_at=consent_at),
        sessions=sessions,
        documents=documents_of(draw, sessions, held, phase, end),
        follow_up=follow_up,
        history=history_of(consent_at, sessions, phase),
    )


def _on_day(on: dt.date) -> pendulum.Date:
    from hypothesis.errors import InvalidArgument

    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise InvalidArgument(f"on must be a date, got {type(on).__name__}")
    return pendulum.Date(on.year, on.month, on.day)


def bilans(
    *,
    funding: str | SearchStrategy[str] | None = None,
    phase: Phase | SearchStrategy[Phase] | None = None,
    on: dt.date = EXAMPLE_ON,
) -> SearchStrategy[Bilan]:
    """Realistic bilans, valid under the law when validated at ``on``.

    Every bilan has 3 to 12 sessions of the three phases in order (plus, once completed, a
    planned follow-up interview), at Paris office hours on weekdays (so the UTC instants cross
    the DST changes), at most 24 h in all with at least 13 h of accompaniment, a funding whose
    delays and amounts fit the timeline, consent before the first session and a certified,
    declared provider.

    Args:
        funding: a funding tag (``"cpf"``, ``"employer_plan"``, ``"reclassification_leave"``,
            ``"job_seeker"``, ``"public_leave"``, ``"self_funded"``) or a strategy of tags
            (default: every route).
        phase: the phase reached at ``on``: one of :data:`BILAN_PHASES` or a strategy of them
            (default: any of them, shrinking towards completed).
        on: the evaluation date the bilan is valid at (default:
            :data:`bilan_core.EXAMPLE_ON`).

    Shrinks towards a completed CPF bilan outside working time with three sessions, the
    shortest delays and the smallest amounts.

    Raises:
        hypothesis.errors.InvalidArgument: an unknown funding tag or phase, or ``on`` not a
            date (raised at once, not when drawing).
    """
    from hypothesis.errors import InvalidArgument

    tags = _tags(funding)
    if phase is not None and not isinstance(phase, st.SearchStrategy) and phase not in BILAN_PHASES:
        names = ", ".join(p.value for p in BILAN_PHASES)
        raise InvalidArgument(f"phase must be one of {names}, got {phase!r}")
    phases = _choice(phase, st.sampled_from(BILAN_PHASES))
    return _bilans(tags, phases, _on_day(on))
