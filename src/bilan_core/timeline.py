"""Every deadline of a bilan, in order, with its status on an evaluation date.

:func:`timeline` lists what the law (``BC-`` rules) and, when a policy is given, the
provider's charter (``POL-`` rules) require by a date:

============================  ======================================  ==========================
``what``                      due                                     rule
============================  ======================================  ==========================
``cpf_employer_request``      first session − 60 days (120 days for   BC-CPF-EMPLOYER-NOTICE
                              an action of 6 months or more)
``cpf_employer_answer``       receipt + 30 days; silence = yes        BC-CPF-EMPLOYER-ANSWER
``convention_signature``      draft sent + 10 days; silence = no      BC-CONVENTION-ACCEPTANCE
``public_leave_request``      first session − 60 days (FPT, FPH)      BC-PUBLIC-LEAVE-NOTICE
``public_leave_answer``       receipt + 30 days (FPT, FPH) or         BC-PUBLIC-LEAVE-ANSWER
                              + 2 months (State); silence = no
``callback``                  first contact + N working hours         POL-CALLBACK
``start_delay``               agreement + the route's maximum         POL-START-DELAY
``follow_up``                 end + N months (month-end clamped)      POL-FOLLOW-UP-6M
``document_destruction``      end of the action; kept documents:      BC-DOCUMENT-RETENTION
                              end + 3 years (1 year before
                              2023-12-31, judged at ``on``)
============================  ======================================  ==========================

Counting follows the catalogue: the day of the trigger does not count, and a delay of N days
from day D ends at the end of day D + N. **A deadline that falls on a weekend or a public
holiday is not extended** (no text says so); each deadline shows its weekday and the holiday
it falls on, so a provider can act the working day before. The charter's deadlines
(``POL-``) are shown only when a :class:`~bilan_core.Policy` is given, as with
:func:`~bilan_core.validate`; their call back counts working hours as whole days Monday to
Friday, the clock stopping on weekends and public holidays.

A deadline whose date cannot be known yet (say, the employer's notice before any session is
planned) is left out.

>>> tl = timeline(bc.example_bilan("cpf_working_time"), on=pendulum.date(2026, 1, 10))
>>> [(d.what, d.due.isoformat(), d.status.value) for d in tl]  # doctest: +NORMALIZE_WHITESPACE
[('cpf_employer_request', '2026-01-15', 'done'),
 ('cpf_employer_answer', '2026-02-05', 'pending'),
 ('document_destruction', '2026-05-19', 'pending'),
 ('document_destruction', '2026-05-19', 'pending'),
 ('document_destruction', '2029-05-19', 'pending'),
 ('document_destruction', '2029-05-19', 'pending')]
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import attrs
import pendulum

from bilan_core import calendar
from bilan_core._values import paris_date
from bilan_core.beneficiary import PublicService
from bilan_core.documents import DocumentKind
from bilan_core.funding import (
    CpfFunding,
    EmployerPlanFunding,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
)
from bilan_core.rules import references as ref
from bilan_core.rules._model import LegalReference
from bilan_core.rules.parameters import (
    CONVENTION_ACCEPTANCE_DAYS,
    CPF_EMPLOYER_ANSWER_DAYS,
    CPF_NOTICE_DAYS,
    CPF_NOTICE_LONG_ACTION_DAYS,
    LONG_ACTION_MONTHS,
    PUBLIC_LEAVE_ANSWER_DAYS,
    PUBLIC_LEAVE_NOTICE_DAYS,
    PUBLIC_LEAVE_STATE_ANSWER_MONTHS,
    RETENTION_YEARS,
)
from bilan_core.validation import _as_day

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = ["Deadline", "DeadlineStatus", "Timeline", "timeline"]

_WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class DeadlineStatus(enum.Enum):
    """Where a deadline stands on the evaluation date."""

    DONE = "done"
    """The act is recorded (on time or not: :func:`~bilan_core.validate` judges that)."""
    PENDING = "pending"
    """Not done, and the deadline is still ahead."""
    DUE_TODAY = "due_today"
    """Not done, and the deadline ends today."""
    LATE = "late"
    """Not done, and the deadline has passed (see :attr:`Deadline.outcome` for silence)."""
    NOT_APPLICABLE = "not_applicable"
    """The deadline no longer applies (the follow-up was declined...)."""


Due: TypeAlias = dt.date | dt.datetime
"""A deadline's end: a day (ending at midnight, Paris time) or an instant."""


def _due_day(due: Due) -> pendulum.Date:
    if isinstance(due, dt.datetime):
        return paris_date(due)
    return pendulum.Date(due.year, due.month, due.day)


@attrs.frozen(kw_only=True)
class Deadline:
    """One deadline of a bilan.

    Attributes:
        what: a stable snake_case key (``"cpf_employer_answer"``).
        label: what it is, in French.
        label_en: what it is, in English.
        due: the last day (a date: the deadline ends at the end of that day in
            Europe/Paris) or the last instant (an aware datetime, in UTC).
        status: done, pending, due today, late or not applicable on the evaluation date.
        rule_id: the rule that sets it.
        references: its legal references (the charter for ``POL-`` deadlines).
        path: the JSON path of the field that records the act.
        done_on: when the act was recorded, if it was (a day or an instant).
        outcome: the legal effect of silence once the deadline has passed
            (``"accepted_by_silence"``, ``"refused_by_silence"``), else ``None``.
        holiday: the French name of the public holiday the due day falls on, if any.
    """

    what: str
    label: str
    label_en: str
    due: Due
    status: DeadlineStatus
    rule_id: str
    references: tuple[LegalReference, ...]
    path: str
    done_on: Due | None = None
    outcome: str | None = None
    holiday: str | None = None

    @property
    def due_day(self) -> pendulum.Date:
        """The Europe/Paris day the deadline ends."""
        return _due_day(self.due)

    @property
    def weekday(self) -> str:
        """The French weekday of :attr:`due_day` (``"samedi"``): deadlines are not extended.

        >>> d = Deadline(
        ...     what="x",
        ...     label="x",
        ...     label_en="x",
        ...     due=pendulum.date(2026, 7, 14),
        ...     status=DeadlineStatus.PENDING,
        ...     rule_id="BC-X",
        ...     references=(),
        ...     path="$",
        ... )
        >>> d.weekday, d.is_working_day
        ('mardi', True)
        """
        return _WEEKDAYS_FR[self.due_day.weekday()]

    @property
    def is_working_day(self) -> bool:
        """Whether the due day is Monday to Friday and not :attr:`holiday`."""
        return self.due_day.weekday() < 5 and self.holiday is None  # noqa: PLR2004 - Saturday

    @property
    def sort_key(self) -> tuple[pendulum.Date, int, dt.datetime | None, str, str]:
        """Due order: by day; an instant before a whole day; then by key and path."""
        if isinstance(self.due, dt.datetime):
            return (self.due_day, 0, self.due, self.what, self.path)
        return (self.due_day, 1, None, self.what, self.path)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's stable form)."""
        return {
            "what": self.what,
            "label": self.label,
            "label_en": self.label_en,
            "due": self.due.isoformat(),
            "due_day": self.due_day.isoformat(),
            "weekday": self.weekday,
            "holiday": self.holiday,
            "status": self.status.value,
            "done_on": self.done_on.isoformat() if self.done_on is not None else None,
            "outcome": self.outcome,
            "rule_id": self.rule_id,
            "path": self.path,
            "references": [
                {"text": r.text, "article": r.article, "link": r.link} for r in self.references
            ],
        }


@attrs.frozen(kw_only=True)
class Timeline(Sequence[Deadline]):
    """The deadlines of one bilan in due order: a read-only sequence of :class:`Deadline`.

    Attributes:
        bilan_id: the bilan's id.
        on: the evaluation date the statuses are judged on.
        deadlines: the deadlines, in due order.
    """

    bilan_id: str
    on: pendulum.Date
    deadlines: tuple[Deadline, ...]

    @overload
    def __getitem__(self, index: int) -> Deadline: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Deadline, ...]: ...

    def __getitem__(self, index: int | slice) -> Deadline | tuple[Deadline, ...]:
        return self.deadlines[index]

    def __len__(self) -> int:
        return len(self.deadlines)

    def __iter__(self) -> Iterator[Deadline]:
        return iter(self.deadlines)

    def of(self, what: str) -> tuple[Deadline, ...]:
        """The deadlines with this key."""
        return tuple(d for d in self.deadlines if d.what == what)

    def with_status(self, status: DeadlineStatus) -> tuple[Deadline, ...]:
        """The deadlines with this status."""
        return tuple(d for d in self.deadlines if d.status is status)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's stable form)."""
        return {
            "bilan_id": self.bilan_id,
            "on": self.on.isoformat(),
            "deadlines": [d.to_dict() for d in self.deadlines],
        }


# -- building -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Builder:
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
        day = _due_day(due)
        if done_on is not None and _due_day(done_on) > self.on:
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


def in_alsace_moselle(bilan: Bilan) -> bool:
    """Whether the bilan takes place in Alsace-Moselle (local public holidays apply).

    True when a site of a session that counts is there; when no session names a site, when
    every site of the provider is there (and it has one).
    """
    sites = [bilan.provider.site(s.site_id) for s in bilan.sessions if s.counts and s.site_id]
    known = [site for site in sites if site is not None]
    if known:
        return any(site.alsace_moselle for site in known)
    provider_sites = bilan.provider.sites
    return bool(provider_sites) and all(site.alsace_moselle for site in provider_sites)


def timeline(bilan: Bilan, *, on: dt.date | None = None, policy: Policy | None = None) -> Timeline:
    """Every deadline of ``bilan`` in due order, with its status on ``on``.

    Args:
        bilan: the bilan.
        on: the evaluation date (default: today in Europe/Paris).
        policy: a provider charter; its deadlines (call back, start delay, follow-up) are
            shown only when one is given.

    >>> staff = bc.Policy(name="STAFF")
    >>> tl = timeline(bc.example_bilan("cpf"), on=pendulum.date(2026, 6, 1), policy=staff)
    >>> [(d.what, d.status.value) for d in tl][:3]
    [('callback', 'done'), ('start_delay', 'done'), ('document_destruction', 'done')]
    >>> tl.of("follow_up")[0].due, tl.of("follow_up")[0].status.value
    (Date(2026, 11, 19), 'pending')
    """
    day = _as_day(on)
    build = _Builder(bilan=bilan, on=day, alsace_moselle=in_alsace_moselle(bilan))
    found: list[Deadline] = []
    found.extend(_cpf(bilan, build))
    found.extend(_convention(bilan, build))
    found.extend(_public_leave(bilan, build))
    if policy is not None:
        found.extend(_policy_deadlines(bilan, build, policy))
    found.extend(_documents(bilan, build))
    found.sort(key=lambda d: d.sort_key)
    return Timeline(bilan_id=bilan.id, on=day, deadlines=tuple(found))


def _start(bilan: Bilan) -> pendulum.Date | None:
    first = bilan.first_session
    return paris_date(first.start) if first is not None else None


def _reference(bilan: Bilan, on: pendulum.Date) -> pendulum.Date:
    return bilan.reference_date or on


def _cpf_notice(bilan: Bilan, start: pendulum.Date, reference: pendulum.Date) -> int:
    """60 days, or 120 when the action (first to last session) lasts 6 months or more."""
    end = bilan.end_date or start
    long_action = end >= calendar.add_months(start, LONG_ACTION_MONTHS.at(reference))
    return (CPF_NOTICE_LONG_ACTION_DAYS if long_action else CPF_NOTICE_DAYS).at(reference)


def _legal_notice(bilan: Bilan, start: pendulum.Date | None, reference: pendulum.Date) -> int:
    """The legal notice that comes on top of the charter's start delay (0 when none)."""
    funding = bilan.funding
    if start is None:
        return 0
    if isinstance(funding, CpfFunding) and funding.on_working_time:
        return _cpf_notice(bilan, start, reference)
    if isinstance(funding, PublicLeaveFunding):
        return PUBLIC_LEAVE_NOTICE_DAYS.at(reference)
    return 0


def _cpf(bilan: Bilan, build: _Builder) -> Iterator[Deadline]:
    funding = bilan.funding
    if not isinstance(funding, CpfFunding) or not funding.on_working_time:
        return
    reference = _reference(bilan, build.on)
    request = funding.employer_request
    refs = (ref.L6323_17, ref.D6323_4)
    start = _start(bilan)
    if start is not None:
        notice = _cpf_notice(bilan, start, reference)
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


def _convention(bilan: Bilan, build: _Builder) -> Iterator[Deadline]:
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


def _public_leave(bilan: Bilan, build: _Builder) -> Iterator[Deadline]:
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


def route(bilan: Bilan) -> str:
    """The funding route of a bilan as a policy names it (CPF split by working time)."""
    funding = bilan.funding
    if isinstance(funding, CpfFunding):
        return "cpf_working_time" if funding.on_working_time else "cpf"
    return type(funding).TAG


def _policy_deadlines(bilan: Bilan, build: _Builder, policy: Policy) -> Iterator[Deadline]:
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


def _start_delay(bilan: Bilan, build: _Builder, policy: Policy) -> Iterator[Deadline]:
    days = policy.start_delay_max(route(bilan))
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


def _documents(bilan: Bilan, build: _Builder) -> Iterator[Deadline]:
    end = bilan.end_date
    if end is None:
        return
    years = RETENTION_YEARS.at(build.on)
    refs = (ref.R6313_7, ref.DECRET_2023_1350)
    for index, document in enumerate(bilan.documents):
        kept = document.kind is DocumentKind.SYNTHESIS or document.kept_with_consent_on is not None
        if kept:
            label = f"Destruction du document {document.id} ({_years_fr(years)} après la fin)"
            label_en = f"Destruction of document {document.id} ({_years_en(years)} after the end)"
            due = end.add(years=years)
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
