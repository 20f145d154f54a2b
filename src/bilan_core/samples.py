"""Realistic example bilans, one per funding route, for docs, tests and the CLI.

Each example is a bilan run by the seed provider (STAFF, Carquefou) in spring 2026 and
completed: nine sessions over two months (20 h in all, 16 h of accompaniment, seven meetings),
an engagement document signed at the end of the preliminary phase, a synthesis with its four
sections delivered at the last meeting, working documents destroyed at the end, and a
follow-up interview planned six months later. Every example is valid under the law and under
the STAFF charter on :data:`EXAMPLE_ON`.

>>> bilan = example_bilan("cpf")
>>> bilan.total_minutes // 60, bilan.accompaniment_minutes // 60
(20, 16)
>>> sorted(EXAMPLE_FUNDINGS)[:3]
['cpf', 'cpf_working_time', 'employer_plan']
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import pendulum

from bilan_core._seed import STAFF_PROVIDER
from bilan_core.beneficiary import Beneficiary, BeneficiaryStatus, PublicService
from bilan_core.bilan import Bilan
from bilan_core.consent import Consent
from bilan_core.consultants import Consultant, ConsultantRole
from bilan_core.documents import Document, DocumentKind, SynthesisSections
from bilan_core.follow_up import FollowUp
from bilan_core.funding import (
    CONVENTION_ITEMS,
    Convention,
    CpfFunding,
    EmployerAnswer,
    EmployerPlanFunding,
    EmployerRequest,
    Funding,
    JobSeekerFunding,
    JobSeekerNetwork,
    LeaveAnswer,
    Payer,
    PublicFunder,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
    SelfFunding,
)
from bilan_core.history import Event
from bilan_core.inquiry import Inquiry
from bilan_core.phases import Phase
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus

__all__ = ["EXAMPLE_FUNDINGS", "EXAMPLE_ON", "STAFF_PROVIDER", "example_bilan"]

EXAMPLE_ON: Final = pendulum.date(2026, 6, 1)
"""The evaluation date at which every example is valid (after the bilan, before the
follow-up)."""


_PARIS = "Europe/Paris"
_SITE = "carquefou-petites-industries"
_CONSULTANT = "c-referent-01"


def _at(month: int, day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=_PARIS)


# Each row: id, start, minutes, phase, kind, with_consultant, modality.
_PLAN: Final = (
    ("s01", _at(3, 16, 9, 30), 120, Phase.PRELIMINARY, SessionKind.INTERVIEW, None, "in_person"),
    ("s02", _at(3, 23, 9, 30), 120, Phase.PRELIMINARY, SessionKind.INTERVIEW, None, "in_person"),
    ("s03", _at(3, 31, 14, 0), 180, Phase.INVESTIGATION, SessionKind.TEST, None, "in_person"),
    ("s04", _at(4, 7, 14, 0), 120, Phase.INVESTIGATION, SessionKind.PERSONAL_WORK, None, "remote"),
    ("s05", _at(4, 14, 9, 30), 120, Phase.INVESTIGATION, SessionKind.INTERVIEW, None, "remote"),
    ("s06", _at(4, 21, 14, 0), 120, Phase.INVESTIGATION, SessionKind.TEST, False, "remote"),
    ("s07", _at(4, 28, 9, 0), 180, Phase.INVESTIGATION, SessionKind.WORKSHOP, None, "in_person"),
    ("s08", _at(5, 12, 9, 30), 120, Phase.CONCLUSION, SessionKind.INTERVIEW, None, "in_person"),
    ("s09", _at(5, 19, 9, 30), 120, Phase.CONCLUSION, SessionKind.INTERVIEW, None, "in_person"),
)
_FOLLOW_UP_AT: Final = _at(11, 19, 10, 0)


def _sessions() -> tuple[Session, ...]:
    sessions = [
        Session(
            id=sid,
            start=start,
            minutes=minutes,
            phase=phase,
            kind=kind,
            with_consultant=with_consultant,
            modality=Modality(modality),
            site_id=_SITE if modality == "in_person" else None,
            consultant_id=_CONSULTANT,
            status=SessionStatus.HELD,
        )
        for sid, start, minutes, phase, kind, with_consultant, modality in _PLAN
    ]
    sessions.append(
        Session(
            id="s10",
            start=_FOLLOW_UP_AT,
            minutes=60,
            phase=Phase.FOLLOWED_UP,
            kind=SessionKind.FOLLOW_UP,
            modality=Modality.REMOTE,
            consultant_id=_CONSULTANT,
        )
    )
    return tuple(sessions)


def _end_of(session_id: str) -> pendulum.DateTime:
    for sid, start, minutes, *_ in _PLAN:
        if sid == session_id:
            return start.add(minutes=minutes)
    raise KeyError(session_id)  # pragma: no cover


def _documents() -> tuple[Document, ...]:
    end = pendulum.date(2026, 5, 19)
    last_meeting_end = _end_of("s09")
    return (
        Document(
            id="d-engagement",
            kind=DocumentKind.ENGAGEMENT,
            created_on=pendulum.date(2026, 3, 23),
            signed_at=_end_of("s02"),
            destroyed_on=end,
        ),
        Document(
            id="d-tests",
            kind=DocumentKind.WORKING,
            created_on=pendulum.date(2026, 3, 31),
            destroyed_on=end,
        ),
        Document(
            id="d-results",
            kind=DocumentKind.DETAILED_RESULTS,
            created_on=pendulum.date(2026, 5, 12),
            presented_at=_at(5, 12, 9, 30),
            delivered_at=_end_of("s08"),
            kept_with_consent_on=end,
            text="Résultats détaillés des inventaires et des tests.",
        ),
        Document(
            id="d-synthesis",
            kind=DocumentKind.SYNTHESIS,
            created_on=pendulum.date(2026, 5, 12),
            presented_at=_at(5, 19, 9, 30),
            delivered_at=last_meeting_end,
            kept_with_consent_on=end,
            synthesis=SynthesisSections(
                circumstances="Demande d'évolution après dix ans en logistique.",
                conduct="Compétences d'organisation et de coordination confirmées.",
                prospects="Projet principal : coordination de projets ; alternative : formation.",
                action_plan="Enquêtes métiers, puis formation certifiante à la rentrée.",
            ),
        ),
    )


def _history(agreed_at: pendulum.DateTime) -> tuple[Event, ...]:
    return (
        Event(name="agree", at=agreed_at),
        Event(name="confirm_engagement", at=_end_of("s02")),
        Event(name="begin_conclusion", at=_at(5, 12, 9, 30)),
        Event(name="deliver_synthesis", at=_end_of("s09")),
    )


def _convention(sent: pendulum.Date, signed: pendulum.Date) -> Convention:
    return Convention(sent_on=sent, signed_on=signed, items=frozenset(CONVENTION_ITEMS))


def _route(funding: str) -> tuple[Beneficiary, Funding, pendulum.DateTime]:
    """The beneficiary, the funding and the instant of consent for one route."""
    employee = Beneficiary(
        id="b-81f3", status=BeneficiaryStatus.PRIVATE_EMPLOYEE, employer_siret="35612345500012"
    )
    consent_at = _at(3, 2, 10, 0)
    if funding == "cpf":
        return (
            employee,
            CpfFunding(
                on_working_time=False,
                purchase_date=pendulum.date(2026, 3, 2),
                price=Decimal("1590.00"),
                cpf_amount=Decimal("1486.80"),
                participation=Decimal("103.20"),
            ),
            consent_at,
        )
    if funding == "cpf_working_time":
        return (
            employee,
            CpfFunding(
                on_working_time=True,
                purchase_date=pendulum.date(2026, 3, 2),
                price=Decimal("1590.00"),
                cpf_amount=Decimal("1486.80"),
                participation=Decimal("103.20"),
                employer_request=EmployerRequest(
                    sent_on=pendulum.date(2026, 1, 5),
                    received_on=pendulum.date(2026, 1, 6),
                    answer=EmployerAnswer.GRANTED,
                    answered_on=pendulum.date(2026, 1, 20),
                ),
            ),
            consent_at,
        )
    if funding in {"employer_plan", "reclassification_leave"}:
        beneficiary = Beneficiary(
            id="b-2c07", status=BeneficiaryStatus.PRIVATE_EMPLOYEE, employer_siret="55212044600026"
        )
        convention = _convention(pendulum.date(2026, 2, 20), pendulum.date(2026, 2, 25))
        cls = EmployerPlanFunding if funding == "employer_plan" else ReclassificationLeaveFunding
        return (
            beneficiary,
            cls(payer=Payer.OPCO, convention=convention, price=Decimal("1800.00")),
            _at(2, 25, 11, 0),
        )
    if funding == "job_seeker":
        return (
            Beneficiary(id="b-5e19", status=BeneficiaryStatus.JOB_SEEKER),
            JobSeekerFunding(network=JobSeekerNetwork.FRANCE_TRAVAIL),
            consent_at,
        )
    if funding == "public_leave":
        return (
            Beneficiary(
                id="b-9a44",
                status=BeneficiaryStatus.PUBLIC_AGENT,
                public_service=PublicService.TERRITORIAL,
                employer_siret="21440001200016",
                in_service_since=pendulum.date(2015, 9, 1),
            ),
            PublicLeaveFunding(
                funder=PublicFunder.ADMINISTRATION,
                request_received_on=pendulum.date(2026, 1, 5),
                answer=LeaveAnswer.GRANTED,
                answered_on=pendulum.date(2026, 1, 26),
                leave_minutes=24 * 60,
                convention=_convention(pendulum.date(2026, 2, 2), pendulum.date(2026, 2, 6)),
                price=Decimal("1800.00"),
            ),
            consent_at,
        )
    if funding == "self_funded":
        return (
            Beneficiary(id="b-7d30", status=BeneficiaryStatus.SELF_EMPLOYED),
            SelfFunding(price=Decimal("1490.00")),
            consent_at,
        )
    known = ", ".join(EXAMPLE_FUNDINGS)
    raise ValueError(f"unknown example funding {funding!r}; one of {known}")


EXAMPLE_FUNDINGS: Final = (
    "cpf",
    "cpf_working_time",
    "employer_plan",
    "reclassification_leave",
    "job_seeker",
    "public_leave",
    "self_funded",
)
"""The funding routes :func:`example_bilan` knows."""


def example_bilan(funding: str = "cpf") -> Bilan:
    """A realistic, completed bilan funded by ``funding`` (one of :data:`EXAMPLE_FUNDINGS`).

    Raises:
        ValueError: an unknown funding route.
    """
    beneficiary, paid_by, consent_at = _route(funding)
    return Bilan(
        id=f"2026-{funding.replace('_', '-')}",
        phase=Phase.COMPLETED,
        beneficiary=beneficiary,
        provider=STAFF_PROVIDER,
        funding=paid_by,
        consultants=(Consultant(id=_CONSULTANT, role=ConsultantRole.REFERENT),),
        inquiry=Inquiry(
            received_at=consent_at.subtract(days=14),
            called_back_at=consent_at.subtract(days=13),
        ),
        consent=Consent(given_at=consent_at),
        sessions=_sessions(),
        documents=_documents(),
        follow_up=FollowUp(
            offered=True,
            offered_on=pendulum.date(2026, 5, 19),
            planned_on=_FOLLOW_UP_AT.date(),
        ),
        history=_history(consent_at),
    )
