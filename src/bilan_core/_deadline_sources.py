"""How each deadline of :func:`bilan_core.timeline` is computed, one function per source.

Private: :mod:`bilan_core.timeline` documents the deadlines and is the public entry point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pendulum

from bilan_core import calendar
from bilan_core._values import paris_date
from bilan_core.beneficiary import PublicService
from bilan_core.confidentiality._retention import is_retention_exception, kept_until
from bilan_core.funding import (
    CpfFunding,
    EmployerPlanFunding,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
)
from bilan_core.rules import references as ref
from bilan_core.rules.cpf import cpf_notice_days
from bilan_core.rules.parameters import (
    CONVENTION_ACCEPTANCE_DAYS,
    CPF_EMPLOYER_ANSWER_DAYS,
    PUBLIC_LEAVE_ANSWER_DAYS,
    PUBLIC_LEAVE_NOTICE_DAYS,
    PUBLIC_LEAVE_STATE_ANSWER_MONTHS,
)
from bilan_core.timeline import Deadline, DeadlineStatus, Due, due_day

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy
    from bilan_core.rules._model import LegalReference

__all__ = ["Builder", "convention", "cpf", "documents", "policy_deadlines", "public_leave"]


@attrs.frozen(kw_only=True)
class Builder:
    """The inputs every deadline needs: the bilan, the evaluation date, the region."""

    bilan: Bilan
    on: pendulum.Date
    alsace_moselle: bool

    def make(
        self,
        *,
        what: str,
        label: str,
        label_en: str,
        due: Due,
        rule_id: str,
        references: tuple[LegalReference, ...],
        path: str,
        done_on: Due | None = None,
        outcome: str | None = None,
        applies: bool = True,
    ) -> Deadline:
        day = due_day(due)
        if done_on is not None and due_day(done_on) > self.on:
            done_on = None  # recorded, but after the evaluation date: not done yet on `on`
        if not applies:
            status = DeadlineStatus.NOT_APPLICABLE
        elif done_on is not None:
            status = DeadlineStatus.DONE
        elif self.on < day:
            status = DeadlineStatus.PENDING
        elif self.on == day:
            status = DeadlineStatus.DUE_TODAY
        else:
            status = DeadlineStatus.LATE
        return Deadline(
            what=what,
            label=label,
            label_en=label_en,
            due=due,
            status=status,
            rule_id=rule_id,
            references=references,
            path=path,
            done_on=done_on,
            outcome=outcome if status is DeadlineStatus.LATE else None,
            holiday=calendar.holiday_name(day, alsace_moselle=self.alsace_moselle),
        )


def _start(bilan: Bilan) -> pendulum.Date | None:
    first = bilan.first_session
    return paris_date(first.start) if first is not None else None


def _reference(bilan: Bilan, on: pendulum.Date) -> pendulum.Date:
    return bilan.reference_date or on


def _legal_notice(bilan: Bilan, start: pendulum.Date | None, reference: pendulum.Date) -> int:
    """The legal notice that comes on top of the charter's start delay (0 when none)."""
    funding = bilan.funding
    if start is None:
        return 0
    if isinstance(funding, CpfFunding) and funding.on_working_time:
        return cpf_notice_days(bilan, reference)
    if isinstance(funding, PublicLeaveFunding):
        return PUBLIC_LEAVE_NOTICE_DAYS.at(reference)
    return 0


def cpf(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    funding = bilan.funding
    if not isinstance(funding, CpfFunding) or not funding.on_working_time:
        return
    reference = _reference(bilan, build.on)
    request = funding.employer_request
    refs = (ref.L6323_17, ref.D6323_4)
    start = _start(bilan)
    if start is not None:
        notice = cpf_notice_days(bilan, reference)
        yield build.make(
            what="cpf_employer_request",
            label=f"Demande d'autorisation d'absence à l'employeur ({notice} jours avant)",
            label_en=f"Absence request to the employer ({notice} days ahead)",
            due=start.subtract(days=notice),
            rule_id="BC-CPF-EMPLOYER-NOTICE",
            references=refs,
            path="$.funding.employer_request.sent_on",
            done_on=request.sent_on if request is not None else None,
        )
    if request is not None:
        days = CPF_EMPLOYER_ANSWER_DAYS.at(reference)
        yield build.make(
            what="cpf_employer_answer",
            label=f"Réponse de l'employeur ({days} jours ; silence = acceptation)",
            label_en=f"Employer's answer ({days} days; silence = acceptance)",
            due=request.receipt.add(days=days),
            rule_id="BC-CPF-EMPLOYER-ANSWER",
            references=refs,
            path="$.funding.employer_request.answered_on",
            done_on=request.answered_on,
            outcome="accepted_by_silence",
        )


def convention(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    funding = bilan.funding
    if not isinstance(funding, (EmployerPlanFunding, ReclassificationLeaveFunding)):
        return
    convention = funding.convention
    if convention is None or convention.sent_on is None:
        return
    days = CONVENTION_ACCEPTANCE_DAYS.at(_reference(bilan, build.on))
    yield build.make(
        what="convention_signature",
        label=f"Signature de la convention par le salarié ({days} jours ; silence = refus)",
        label_en=f"Employee signs the convention ({days} days; silence = refusal)",
        due=convention.sent_on.add(days=days),
        rule_id="BC-CONVENTION-ACCEPTANCE",
        references=(ref.R6313_8,),
        path="$.funding.convention.signed_on",
        done_on=convention.signed_on,
        outcome="refused_by_silence",
    )


def public_leave(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    funding = bilan.funding
    service = bilan.beneficiary.public_service
    if not isinstance(funding, PublicLeaveFunding) or service is None:
        return
    reference = _reference(bilan, build.on)
    decree = ref.DECRET_2008_824 if service is PublicService.HOSPITAL else ref.DECRET_2007_1845
    start = _start(bilan)
    received = funding.request_received_on
    if service is not PublicService.STATE and start is not None:
        days = PUBLIC_LEAVE_NOTICE_DAYS.at(reference)
        yield build.make(
            what="public_leave_request",
            label=f"Demande de congé reçue par l'administration ({days} jours avant)",
            label_en=f"Leave request received by the administration ({days} days ahead)",
            due=start.subtract(days=days),
            rule_id="BC-PUBLIC-LEAVE-NOTICE",
            references=(decree,),
            path="$.funding.request_received_on",
            done_on=received,
        )
    if received is None:
        return
    months = PUBLIC_LEAVE_STATE_ANSWER_MONTHS.at(reference)
    refusal = calendar.add_months(received, months)
    if service is PublicService.STATE:
        due, delay, delay_en = refusal, f"{months} mois", f"{months} months"
        refs = (ref.ARRETE_2009_07_31, ref.CRPA_L231_4)
    else:
        days = PUBLIC_LEAVE_ANSWER_DAYS.at(reference)
        due, delay, delay_en = received.add(days=days), f"{days} jours", f"{days} days"
        refs = (decree, ref.CRPA_L231_4)
    yield build.make(
        what="public_leave_answer",
        label=f"Réponse de l'administration ({delay} ; silence de {months} mois = refus)",
        label_en=f"Administration's answer ({delay_en}; {months} months' silence = refusal)",
        due=due,
        rule_id="BC-PUBLIC-LEAVE-ANSWER",
        references=refs,
        path="$.funding.answered_on",
        done_on=funding.answered_on,
        outcome="refused_by_silence" if build.on > refusal else None,
    )


def _route(bilan: Bilan) -> str:
    """The funding route of a bilan as a policy names it (CPF split by working time)."""
    funding = bilan.funding
    if isinstance(funding, CpfFunding):
        return "cpf_working_time" if funding.on_working_time else "cpf"
    return type(funding).TAG


def policy_deadlines(bilan: Bilan, build: Builder, policy: Policy) -> Iterator[Deadline]:
    charter = (ref.STAFF_CHARTER,)
    inquiry = bilan.inquiry
    if inquiry is not None:
        limit = policy.callback_max_working_hours
        yield build.make(
            what="callback",
            label=f"Rappel par un consultant ({limit} heures ouvrées)",
            label_en=f"Call back by a consultant ({limit} working hours)",
            due=calendar.add_working_minutes(
                inquiry.received_at,
                limit * 60,
                alsace_moselle=build.alsace_moselle,
                weekdays=policy.working_weekdays,
            ),
            rule_id="POL-CALLBACK",
            references=charter,
            path="$.inquiry.called_back_at",
            done_on=inquiry.called_back_at,
        )
    yield from _start_delay(bilan, build, policy)
    end = bilan.end_date
    if end is not None:
        months = policy.follow_up_months
        follow_up = bilan.follow_up
        held = follow_up.held_on
        yield build.make(
            what="follow_up",
            label=f"Entretien de suivi ({months} mois après la fin)",
            label_en=f"Follow-up interview ({months} months after the end)",
            due=calendar.add_months(end, months),
            rule_id="POL-FOLLOW-UP-6M",
            references=charter,
            path="$.follow_up.held_on",
            done_on=held,
            applies=held is not None or follow_up.declined_on is None,
        )


def _start_delay(bilan: Bilan, build: Builder, policy: Policy) -> Iterator[Deadline]:
    days = policy.start_delay_max(_route(bilan))
    funding = bilan.funding
    if isinstance(funding, CpfFunding):
        agreed: pendulum.Date | None = funding.purchase_date
    else:
        agreed = paris_date(bilan.consent.given_at) if bilan.consent is not None else None
    if days is None or agreed is None:
        return
    first = bilan.first_session
    started = paris_date(first.start) if first is not None else None
    index = bilan.sessions.index(first) if first is not None else 0
    notice = _legal_notice(bilan, started, _reference(bilan, build.on))
    extra = f" + {notice} jours de préavis légal" if notice else ""
    extra_en = f" + {notice} days of legal notice" if notice else ""
    yield build.make(
        what="start_delay",
        label=f"Démarrage du bilan ({days} jours au plus après l'accord{extra})",
        label_en=f"Start of the bilan (at most {days} days after the agreement{extra_en})",
        due=agreed.add(days=days + notice),
        rule_id="POL-START-DELAY",
        references=(ref.STAFF_CHARTER,),
        path=f"$.sessions[{index}].start" if first is not None else "$.sessions",
        done_on=started if started is not None and started <= build.on else None,
    )


def documents(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    end = bilan.end_date
    if end is None:
        return
    kept_due, years = kept_until(end, build.on)
    refs = (ref.R6313_7, ref.DECRET_2023_1350)
    for index, document in enumerate(bilan.documents):
        kept = is_retention_exception(document)
        if kept:
            label = f"Destruction du document {document.id} ({_years_fr(years)} après la fin)"
            label_en = f"Destruction of document {document.id} ({_years_en(years)} after the end)"
            due = kept_due
        else:
            label = f"Destruction du document {document.id} (fin de l'action)"
            label_en = f"Destruction of document {document.id} (end of the action)"
            due = end
        yield build.make(
            what="document_destruction",
            label=label,
            label_en=label_en,
            due=due,
            rule_id="BC-DOCUMENT-RETENTION",
            references=refs,
            path=f"$.documents[{index}].destroyed_on",
            done_on=document.destroyed_on,
        )


def _years_fr(years: int) -> str:
    return f"{years} an" if years == 1 else f"{years} ans"


def _years_en(years: int) -> str:
    return f"{years} year" if years == 1 else f"{years} years"
