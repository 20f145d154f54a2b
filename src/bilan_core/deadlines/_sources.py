"""How each deadline of :func:`bilan_core.deadlines` is computed, one function per source.

Private: :mod:`bilan_core.deadlines` documents the deadlines and is the public entry point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pendulum

from bilan_core import calendar, facts
from bilan_core import references as ref
from bilan_core._paris import paris_date
from bilan_core.deadlines import Deadline, DeadlineStatus, Due, due_day
from bilan_core.facts.parameters import Values
from bilan_core.funding import CpfFunding
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy
    from bilan_core.references import LegalReference

__all__ = ["Builder", "convention", "cpf", "documents", "policy_deadlines", "public_leave"]


@attrs.frozen(kw_only=True)
class Builder:
    """The inputs every deadline needs: the bilan, the evaluation date, the region."""

    bilan: Bilan
    on: pendulum.Date
    alsace_moselle: bool
    values: Values

    def make(
        self,
        *,
        what: str,
        label: Text,
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
            due=due,
            status=status,
            rule_id=rule_id,
            references=references,
            path=path,
            done_on=done_on,
            outcome=outcome if status is DeadlineStatus.LATE else None,
            holiday=calendar.holiday(day, alsace_moselle=self.alsace_moselle),
        )


def _length(delay: facts.Delay) -> Text:
    if delay.unit == "months":
        return Text(fr=f"{delay.amount} mois", en=f"{delay.amount} months")
    return Text(fr=f"{delay.amount} jours", en=f"{delay.amount} days")


def cpf(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    funding = bilan.funding
    if not isinstance(funding, CpfFunding):
        return
    refs = (ref.L6323_17, ref.D6323_4)
    request = facts.cpf_request(bilan, build.values)
    if request is not None:
        sent = funding.employer_request
        yield build.make(
            what="cpf_employer_request",
            label=_length(request).map(
                "Demande d'autorisation d'absence à l'employeur ({} avant)",
                "Absence request to the employer ({} ahead)",
            ),
            due=request.due,
            rule_id="BC-CPF-EMPLOYER-NOTICE",
            references=refs,
            path="$.funding.employer_request.sent_on",
            done_on=sent.sent_on if sent is not None else None,
        )
    answer = facts.employer_answer(bilan, build.values)
    if answer is not None and funding.employer_request is not None:
        yield build.make(
            what="cpf_employer_answer",
            label=_length(answer).map(
                "Réponse de l'employeur ({} ; silence = acceptation)",
                "Employer's answer ({}; silence = acceptance)",
            ),
            due=answer.due,
            rule_id="BC-CPF-EMPLOYER-ANSWER",
            references=refs,
            path="$.funding.employer_request.answered_on",
            done_on=funding.employer_request.answered_on,
            outcome=answer.silence,
        )


def convention(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    acceptance = facts.convention_acceptance(bilan, build.values)
    if acceptance is None:
        return
    signed = bilan.funding.convention.signed_on  # type: ignore[union-attr]
    yield build.make(
        what="convention_signature",
        label=_length(acceptance).map(
            "Signature de la convention par le salarié ({} ; silence = refus)",
            "Employee signs the convention ({}; silence = refusal)",
        ),
        due=acceptance.due,
        rule_id="BC-CONVENTION-ACCEPTANCE",
        references=(acceptance.reference,),
        path="$.funding.convention.signed_on",
        done_on=signed,
        outcome=acceptance.silence,
    )


def public_leave(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    funding = bilan.funding
    request = facts.public_leave_request(bilan, build.values)
    if request is not None:
        yield build.make(
            what="public_leave_request",
            label=_length(request).map(
                "Demande de congé reçue par l'administration ({} avant)",
                "Leave request received by the administration ({} ahead)",
            ),
            due=request.due,
            rule_id="BC-PUBLIC-LEAVE-NOTICE",
            references=(request.reference,),
            path="$.funding.request_received_on",
            done_on=funding.request_received_on,  # type: ignore[union-attr]
        )
    answer = facts.public_leave_answer(bilan, build.values)
    silence = facts.public_leave_refusal(bilan, build.values)
    if answer is None or silence is None:
        return
    yield build.make(
        what="public_leave_answer",
        label=Text(
            fr=f"Réponse de l'administration ({_length(answer).fr} ; silence de "
            f"{_length(silence).fr} = refus)",
            en=f"Administration's answer ({_length(answer).en}; {_length(silence).en}' "
            "silence = refusal)",
        ),
        due=answer.due,
        rule_id="BC-PUBLIC-LEAVE-ANSWER",
        references=(answer.reference, silence.reference),
        path="$.funding.answered_on",
        done_on=funding.answered_on,  # type: ignore[union-attr]
        outcome=silence.silence if build.on > silence.due else None,
    )


def policy_deadlines(bilan: Bilan, build: Builder, policy: Policy) -> Iterator[Deadline]:
    """The charter's deadlines, each only when the charter states it.

    The call back (``callback_max_working_hours``), the start delay (the route's delay) and
    the follow-up (``follow_up_months``).
    """
    charter = (policy.reference,)
    inquiry = bilan.inquiry
    limit = policy.callback_max_working_hours
    if inquiry is not None and limit is not None:
        yield build.make(
            what="callback",
            label=Text(
                fr=f"Rappel par un consultant ({limit} heures ouvrées)",
                en=f"Call back by a consultant ({limit} working hours)",
            ),
            due=calendar.add_working_minutes(
                inquiry.received_at,
                limit * 60,
                alsace_moselle=build.alsace_moselle,
                weekdays=policy.working_weekdays or calendar.WEEKDAYS,
            ),
            rule_id="POL-CALLBACK",
            references=charter,
            path="$.inquiry.called_back_at",
            done_on=inquiry.called_back_at,
        )
    yield from _start_delay(bilan, build, policy)
    end = facts.end_of_action(bilan)
    months = policy.follow_up_months
    if end is not None and months is not None:
        follow_up = bilan.follow_up
        held = follow_up.held_on
        yield build.make(
            what="follow_up",
            label=Text(
                fr=f"Entretien de suivi ({months} mois après la fin)",
                en=f"Follow-up interview ({months} months after the end)",
            ),
            due=calendar.add_months(end, months),
            rule_id="POL-FOLLOW-UP-6M",
            references=charter,
            path="$.follow_up.held_on",
            done_on=held,
            applies=held is not None or follow_up.declined_on is None,
        )


def _start_delay(bilan: Bilan, build: Builder, policy: Policy) -> Iterator[Deadline]:
    days = policy.start_delay_max(facts.route(bilan))
    agreed = facts.agreement_day(bilan)
    if days is None or agreed is None:
        return
    first = bilan.first_session
    started = paris_date(first.start) if first is not None else None
    index = bilan.sessions.index(first) if first is not None else 0
    notice = facts.legal_notice_days(bilan, build.values)
    extra = Text(fr=f" + {notice} jours de préavis légal", en=f" + {notice} days of legal notice")
    if not notice:
        extra = Text.same("")
    yield build.make(
        what="start_delay",
        label=extra.map(
            f"Démarrage du bilan ({days} jours au plus après l'accord{{}})",
            f"Start of the bilan (at most {days} days after the agreement{{}})",
        ),
        due=agreed.add(days=days + notice),
        rule_id="POL-START-DELAY",
        references=(policy.reference,),
        path=f"$.sessions[{index}].start" if first is not None else "$.sessions",
        done_on=started if started is not None and started <= build.on else None,
    )


def documents(bilan: Bilan, build: Builder) -> Iterator[Deadline]:
    end = facts.end_of_action(bilan)
    if end is None:
        return
    kept_due, years = facts.kept_until(end, build.on)
    refs = (ref.R6313_7, ref.DECRET_2023_1350)
    kept_for = Text(
        fr=f"{years} an{'s' if years > 1 else ''} après la fin",
        en=f"{years} year{'s' if years > 1 else ''} after the end",
    )
    for index, document in enumerate(bilan.documents):
        if facts.is_retention_exception(document):
            when, due = kept_for, kept_due
        else:
            when, due = Text(fr="fin de l'action", en="end of the action"), end
        yield build.make(
            what="document_destruction",
            label=when.map(
                f"Destruction du document {document.id} ({{}})",
                f"Destruction of document {document.id} ({{}})",
            ),
            due=due,
            rule_id="BC-DOCUMENT-RETENTION",
            references=refs,
            path=f"$.documents[{index}].destroyed_on",
            done_on=document.destroyed_on,
        )
