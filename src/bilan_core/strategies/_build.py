"""Build one valid bilan from a handful of choices, in plain Python (no Hypothesis draws).

:func:`build_bilan` follows the shape of the shipped examples (:mod:`bilan_core.samples`):
3 to 12 sessions of the three phases in order, on working days at the charter's hours (Paris
time, so across DST changes), at most 24 h in all with at least 13 h of accompaniment; a
funding route whose delays, answers, amounts and convention fit that timeline; consent before
the first session; a certified, declared provider that is not the employer; the documents,
disclosures and history of the phase reached. Every choice that does not shape the bilan
comes from a :class:`~bilan_core.strategies._source.Source` (seed 0: the simplest choices).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from bilan_core._paris import paris_date
from bilan_core.beneficiary import Beneficiary, BeneficiaryStatus, PublicService
from bilan_core.bilan import Bilan
from bilan_core.consent import Consent
from bilan_core.consultants import Consultant, ConsultantRole
from bilan_core.facts.parameters import (
    CPF_CAP,
    CPF_NOTICE_DAYS,
    CPF_NOTICE_LONG_ACTION_DAYS,
    CPF_PARTICIPATION,
    LONG_ACTION_MONTHS,
)
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
from bilan_core.provider import Provider, Qualiopi, QualiopiCategory, Site
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus
from bilan_core.strategies._primitives import local_instants, weekday_on_or_before
from bilan_core.strategies._records import documents_of, history_of
from bilan_core.strategies._schedule import QUALIOPI_AFTER, next_working_day, session_days

if TYPE_CHECKING:
    import pendulum

    from bilan_core.funding import Funding
    from bilan_core.strategies._schedule import Shape
    from bilan_core.strategies._source import Source

__all__ = ["build_bilan"]

_STEP = 30
_MIN = 60
_PERSONAL_MAX = 360
_CITIES = (("44470", "Carquefou"), ("44000", "Nantes"), ("75011", "Paris"), ("57000", "Metz"))
_NAMES = ("STAFF", "Cap Compétences", "Horizons RH")
_INVESTIGATION_KINDS = (SessionKind.INTERVIEW, SessionKind.TEST, SessionKind.WORKSHOP)
_PRELIMINARY_KINDS = (SessionKind.INTERVIEW, SessionKind.WORKSHOP)
_INQUIRY_AHEAD = 25  # days: the route's answers (30 days at most) come before `on`
_CATEGORIES = tuple(c for c in QualiopiCategory if c is not QualiopiCategory.BILAN_DE_COMPETENCES)


def _split(src: Source, total: int, count: int, high: int) -> list[int]:
    """``count`` durations (multiples of 30, 60 to ``high`` minutes) adding up to ``total``."""
    parts = []
    left = total
    for slot in range(count, 0, -1):
        low_part = max(_MIN, left - high * (slot - 1))
        high_part = min(high, left - _MIN * (slot - 1))
        value = (
            high_part if slot == 1 else src.integer(low_part // _STEP, high_part // _STEP) * _STEP
        )
        parts.append(value)
        left -= value
    return parts


@attrs.frozen
class _Plan:
    """The skeleton of a bilan's sessions."""

    phases: tuple[Phase, ...]
    kinds: tuple[SessionKind, ...]
    alone: tuple[bool, ...]  # a test taken without the consultant
    minutes: tuple[int, ...]


def _accompaniment_range(shape: Shape, accompanied: int, personal: int) -> tuple[int, int]:
    low = max(
        shape.accompaniment_min, _MIN * accompanied, shape.total_min - _PERSONAL_MAX * personal
    )
    high = min(shape.total_max - _MIN * personal, shape.meeting_max * accompanied)
    return low, high


def _plan(src: Source, shape: Shape, phase: Phase, count: int) -> _Plan:
    in_conclusion = phase is Phase.CONCLUSION
    preliminary = src.integer(1, min(3, count - 2 - in_conclusion))
    conclusion = src.integer(1 + in_conclusion, min(2, count - 1 - preliminary))
    investigation = count - preliminary - conclusion
    phases = (
        (Phase.PRELIMINARY,) * preliminary
        + (Phase.INVESTIGATION,) * investigation
        + (Phase.CONCLUSION,) * conclusion
    )
    # Personal work only in the investigation, and only while the hours still fit.
    most = max(0, min(investigation - 1, count - max(3, shape.meetings_min)))
    feasible = [
        p
        for p in range(most + 1)
        if _accompaniment_range(shape, count - p, p)[0]
        <= _accompaniment_range(shape, count - p, p)[1]
    ]
    personal = src.choice(feasible)
    slots = set(src.sample(range(preliminary, preliminary + investigation), personal))
    kinds: list[SessionKind] = []
    alone: list[bool] = []
    for index, session_phase in enumerate(phases):
        if index in slots:
            alone_test = src.boolean()
            kinds.append(SessionKind.TEST if alone_test else SessionKind.PERSONAL_WORK)
            alone.append(alone_test)
            continue
        if session_phase is Phase.INVESTIGATION:
            kinds.append(src.choice(_INVESTIGATION_KINDS))
        elif session_phase is Phase.PRELIMINARY and index > 0:
            kinds.append(src.choice(_PRELIMINARY_KINDS))
        else:
            kinds.append(SessionKind.INTERVIEW)
        alone.append(False)
    accompanied = count - personal
    low, high = _accompaniment_range(shape, accompanied, personal)
    accompaniment = src.integer(low // _STEP, high // _STEP) * _STEP
    personal_total = 0
    if personal:
        p_low = max(_MIN * personal, shape.total_min - accompaniment)
        p_high = min(shape.total_max - accompaniment, _PERSONAL_MAX * personal)
        personal_total = src.integer(-(-p_low // _STEP), p_high // _STEP) * _STEP
    with_consultant = iter(_split(src, accompaniment, accompanied, shape.meeting_max))
    without = iter(_split(src, personal_total, personal, _PERSONAL_MAX))
    minutes = tuple(next(without) if i in slots else next(with_consultant) for i in range(count))
    return _Plan(phases=phases, kinds=tuple(kinds), alone=tuple(alone), minutes=minutes)


def _held_index(src: Source, plan: _Plan, phase: Phase) -> int:
    count = len(plan.phases)
    if phase is Phase.INQUIRY:  # before the agreement: nothing held yet
        return -1
    if phase is Phase.COMPLETED:
        return count - 1
    indexes = [i for i, p in enumerate(plan.phases) if p is phase and i < count - 1]
    return src.choice(indexes)


def _sessions(
    src: Source,
    shape: Shape,
    *,
    plan: _Plan,
    days: list[pendulum.Date],
    held: int,
    provider: Provider,
    consultant_ids: list[str],
) -> tuple[Session, ...]:
    modality = src.choice(shape.modalities)
    result = []
    for index, (phase, kind, alone, minutes, day) in enumerate(
        zip(plan.phases, plan.kinds, plan.alone, plan.minutes, days, strict=True)
    ):
        personal = kind is SessionKind.PERSONAL_WORK or alone
        start = src.choice(shape.starts(minutes, meeting=not personal))
        if shape.blended:
            remote = Modality.REMOTE in shape.modalities and (personal or src.boolean())
            modality = Modality.REMOTE if remote else Modality.IN_PERSON
        collective = shape.collective and kind is SessionKind.WORKSHOP and src.boolean()
        result.append(
            Session(
                id=f"s{index + 1:02d}",
                start=local_instants(day, start // 60, start % 60),
                minutes=minutes,
                phase=phase,
                kind=kind,
                modality=modality,
                individual=not collective,
                with_consultant=False if alone else None,
                site_id=src.choice(provider.sites).id if modality is Modality.IN_PERSON else None,
                consultant_id=None if personal else src.choice(consultant_ids),
                status=SessionStatus.HELD if index <= held else SessionStatus.PLANNED,
            )
        )
    return tuple(result)


def _convention(src: Source, signed: pendulum.Date) -> Convention:
    return Convention(
        sent_on=signed.subtract(days=src.integer(0, 10)),
        signed_on=signed,
        items=frozenset(CONVENTION_ITEMS),
    )


def _earlier(src: Source, agreed: pendulum.Date) -> tuple[pendulum.Date, ...]:
    """Maybe an earlier funded bilan, more than five years before."""
    if not src.boolean():
        return ()
    return (agreed.subtract(years=5, days=src.integer(30, 2000)),)


@attrs.frozen
class _Timeline:
    """What a funding route must fit: the agreement, the first session, the hours."""

    agreed: pendulum.Date
    first: pendulum.Date
    accompaniment: int
    total: int
    notice: int = 60  # days of CPF notice: 120 for an action of 6 months or more


def _cpf(
    src: Source, t: _Timeline, employee: Beneficiary, *, working_time: bool
) -> tuple[Beneficiary, Funding]:
    working = working_time or src.boolean()
    job_seeker = not working and src.boolean()
    beneficiary = employee
    if job_seeker:
        beneficiary = Beneficiary(
            id=employee.id,
            status=BeneficiaryStatus.JOB_SEEKER,
            earlier_funded_bilans=employee.earlier_funded_bilans,
        )
    due = CPF_PARTICIPATION.at(t.agreed)
    participation = Decimal("0.00") if job_seeker or due is None else due
    price = src.money(900, 2500)
    cap = CPF_CAP.at(t.agreed)
    cpf_amount = price - participation
    if cap is not None and cpf_amount > cap:
        cpf_amount = cap
    request = None
    if working:
        sent = t.first.subtract(days=src.integer(t.notice, t.notice + 60))
        received = sent.add(days=src.integer(0, 5))
        answer = src.choice((EmployerAnswer.GRANTED, None))
        request = EmployerRequest(
            sent_on=sent,
            received_on=received,
            answer=answer,
            answered_on=received.add(days=src.integer(0, 30)) if answer else None,
        )
    return beneficiary, CpfFunding(
        on_working_time=working,
        purchase_date=t.agreed,
        price=price,
        cpf_amount=cpf_amount,
        participation=participation,
        co_funding=price - participation - cpf_amount,
        exemption=ParticipationExemption.JOB_SEEKER if job_seeker and due is not None else None,
        funded_minutes=None if src.boolean() else src.integer(0, t.accompaniment),
        employer_request=request,
    )


def _public_leave(src: Source, t: _Timeline, employee: Beneficiary) -> tuple[Beneficiary, Funding]:
    service = src.choice(tuple(PublicService))
    agent = Beneficiary(
        id=employee.id,
        status=BeneficiaryStatus.PUBLIC_AGENT,
        employer_siret=employee.employer_siret,
        public_service=service,
        priority_agent=src.boolean(),
        in_service_since=t.agreed.subtract(years=2, days=src.integer(1, 9000)),
        earlier_funded_bilans=employee.earlier_funded_bilans,
    )
    received = min(t.first.subtract(days=src.integer(60, 120)), t.agreed)
    funders = [PublicFunder.ADMINISTRATION, PublicFunder.AGENT]
    if service is PublicService.HOSPITAL:
        funders.append(PublicFunder.ANFH)
    return agent, PublicLeaveFunding(
        funder=src.choice(funders),
        request_received_on=received,
        answer=LeaveAnswer.GRANTED,
        answered_on=received.add(days=src.integer(0, 30)),
        leave_minutes=t.total,
        convention=_convention(src, t.agreed),
        price=None if src.boolean() else src.money(900, 3000),
    )


def _route(src: Source, tag: str, t: _Timeline, provider_siret: str) -> tuple[Beneficiary, Funding]:
    """A beneficiary and a funding of route ``tag`` (a route name), fitting the timeline."""
    employer = src.siret()
    if employer[:9] == provider_siret[:9]:  # the provider is not the employer
        employer = "35612345500012" if provider_siret[:9] != "356123455" else "55212044600026"
    employee = Beneficiary(
        id=src.opaque_id("b-"),
        status=BeneficiaryStatus.PRIVATE_EMPLOYEE,
        employer_siret=employer,
        earlier_funded_bilans=_earlier(src, t.agreed),
    )
    price = None if src.boolean() else src.money(900, 3000)
    if tag in {"cpf", "cpf_working_time"}:
        return _cpf(src, t, employee, working_time=tag == "cpf_working_time")
    if tag == "public_leave":
        return _public_leave(src, t, employee)
    if tag in {"employer_plan", "reclassification_leave"}:
        cls = EmployerPlanFunding if tag == "employer_plan" else ReclassificationLeaveFunding
        return employee, cls(
            payer=src.choice(tuple(Payer)), convention=_convention(src, t.agreed), price=price
        )
    if tag == "job_seeker":
        return (
            Beneficiary(id=employee.id, status=BeneficiaryStatus.JOB_SEEKER),
            JobSeekerFunding(network=src.choice(tuple(JobSeekerNetwork))),
        )
    others = (
        BeneficiaryStatus.SELF_EMPLOYED,
        BeneficiaryStatus.OTHER,
        BeneficiaryStatus.JOB_SEEKER,
    )
    return Beneficiary(id=employee.id, status=src.choice(others)), SelfFunding(price=price)


def _provider(src: Source, agreed: pendulum.Date, until: pendulum.Date) -> Provider:
    sites = []
    for index in range(src.integer(1, 3)):
        postcode, city = src.choice(_CITIES)
        sites.append(
            Site(
                id=f"site-{index + 1}",
                street=f"{src.integer(1, 200)} rue des Petites Industries",
                postcode=postcode,
                city=city,
                reduced_mobility_access=not src.boolean(),
            )
        )
    extra = {c for c in _CATEGORIES if src.boolean()}
    return Provider(
        name=src.choice(_NAMES),
        siret=src.siret(),
        nda=src.digits(11),
        qualiopi=Qualiopi(
            categories=frozenset({QualiopiCategory.BILAN_DE_COMPETENCES, *extra}),
            valid_from=agreed.subtract(days=src.integer(0, 1000)),
            valid_until=until.add(days=src.integer(0, QUALIOPI_AFTER)),
        ),
        sites=tuple(sites),
    )


def _agreement(
    src: Source,
    shape: Shape,
    first: pendulum.Date,
    *,
    delay: int,
    floor: pendulum.Date | None,
    latest: pendulum.Date | None,
) -> pendulum.Date:
    """The agreement: before the first session, within the start delay, not before ``floor``.

    ``latest``: the last day it may fall on (the day before ``on`` for a bilan not agreed yet,
    whose first session is planned); ``None``: only before the first session.
    """
    if latest is None:
        room = delay if floor is None else min(delay, first.toordinal() - floor.toordinal())
        agreed = first.subtract(days=src.integer(1, max(1, room)))
    else:
        last = min(latest, first.subtract(days=1))
        low = first.subtract(days=delay)
        if floor is not None and floor > low:
            low = floor
        agreed = last.subtract(days=src.integer(0, max(0, last.toordinal() - low.toordinal())))
    if shape.policy is None:
        weekday = weekday_on_or_before(agreed)
        if floor is None or weekday >= floor:
            agreed = weekday
    return agreed


def build_bilan(
    src: Source,
    *,
    shape: Shape,
    tag: str,
    phase: Phase,
    count: int,
    on: pendulum.Date,
    floor: pendulum.Date | None = None,
) -> Bilan:
    """A bilan valid at ``on`` under the law (and the shape's charter), from ``src``'s choices.

    Args:
        src: the choices.
        shape: the limits to build to.
        tag: a funding route name (``"cpf"``: either CPF route).
        phase: a legal phase, completed, or the inquiry (consent given, every session planned
            after ``on``, nothing else recorded: the caller makes the inquiry itself).
        count: the number of sessions of the three phases.
        on: the evaluation date.
        floor: the earliest day of the agreement (the caller checked that ``on`` leaves room
            for the phase: :func:`~bilan_core.strategies._bilans.first_on`).
    """
    plan = _plan(src, shape, phase, count)
    held = _held_index(src, plan, phase)
    # The agreement: before the first session, within the charter's start delay.
    keys = ("cpf", "cpf_working_time") if tag == "cpf" else (tag,)
    delay = min(shape.start_delay(k) for k in keys)
    if held < 0:
        # Not agreed yet: consent (and the CPF purchase) before `on`, the first session
        # within the start delay after it, and the route's answers before `on` too.
        first_max = on.add(days=min(delay, _INQUIRY_AHEAD) - 1)
        days = session_days(src, shape, on, count, held, first_max=first_max)
        latest: pendulum.Date | None = on.subtract(days=1)
    else:
        days = session_days(src, shape, on, count, held, floor=floor)
        latest = None
    first = days[0]
    agreed = _agreement(src, shape, first, delay=delay, floor=floor, latest=latest)
    provider = _provider(src, agreed, days[-1])
    referent = src.opaque_id("c-")
    team = [Consultant(id=referent, role=ConsultantRole.REFERENT)]
    if src.boolean():
        team.append(Consultant(id=f"{referent}-2", role=ConsultantRole.SPECIALIST))
    sessions = _sessions(
        src,
        shape,
        plan=plan,
        days=days,
        held=held,
        provider=provider,
        consultant_ids=[c.id for c in team],
    )
    # A long action (sessions over 6 months: a charter with few working days) needs a
    # longer CPF notice.
    long_action = days[-1] >= first.add(months=LONG_ACTION_MONTHS.at(agreed))
    timeline = _Timeline(
        agreed=agreed,
        first=first,
        accompaniment=sum(s.minutes for s in sessions if s.is_accompaniment),
        total=sum(s.minutes for s in sessions),
        notice=(CPF_NOTICE_LONG_ACTION_DAYS if long_action else CPF_NOTICE_DAYS).at(agreed),
    )
    beneficiary, funding = _route(src, tag, timeline, provider.siret)
    consent_at = local_instants(agreed, 9 + src.integer(0, 7), _STEP * src.integer(0, 1))
    end = paris_date(sessions[-1].end)
    follow_up = FollowUp()
    if phase is Phase.COMPLETED:
        # About the charter's months after the end (never the same day as the last session).
        months = shape.follow_up_months
        planned = next_working_day(shape, end.add(months=months, days=0 if months else 1))
        follow_up = FollowUp(offered=True, offered_on=end, planned_on=planned)
        start = shape.starts(60, meeting=True)[0]
        remote = Modality.REMOTE in shape.modalities
        sessions = (
            *sessions,
            Session(
                id="s-follow-up",
                start=local_instants(planned, start // 60, start % 60),
                minutes=60,
                phase=Phase.FOLLOWED_UP,
                kind=SessionKind.FOLLOW_UP,
                modality=Modality.REMOTE if remote else Modality.IN_PERSON,
                site_id=None if remote else provider.sites[0].id,
                consultant_id=referent,
            ),
        )
    received = local_instants(agreed.subtract(days=src.integer(3, 30)), src.integer(0, 23))
    return Bilan(
        id=src.opaque_id("bilan-"),
        phase=phase,
        beneficiary=beneficiary,
        provider=provider,
        funding=funding,
        consultants=tuple(team),
        inquiry=Inquiry(
            received_at=received,
            called_back_at=received.add(hours=src.integer(1, shape.callback_hours)),
        ),
        consent=Consent(given_at=consent_at),
        sessions=sessions,
        documents=documents_of(sessions, held, phase, end, keep_working=src.boolean()),
        follow_up=follow_up,
        history=history_of(consent_at, sessions, phase),
    )
