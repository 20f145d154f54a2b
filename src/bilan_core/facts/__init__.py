"""The facts the law derives from a bilan, each computed in one place.

The rules judge these facts, :func:`bilan_core.deadlines` lists them and the phase machine's
guards block on them, so each legal delay is written once: the CPF employer's answer, the
convention's acceptance, the public administration's answer, the notices owed, the
retention of documents, the funding route, the day of the agreement.

A *delay* (:class:`Delay`) is a period that runs from a day (the day itself does not count:
N days from day D end at the end of day D + N) or ends on a day (a notice: the act is due N
days before it). It carries the dated parameter and the reference that set it, and what the
law makes of silence when it runs out.

Parameter values come bound to a day (:func:`bilan_core.facts.parameters.on`); a parameter
with no value yet on that day makes the delay not applicable (``None``), never an error.

>>> import bilan_core as bc
>>> from bilan_core import facts
>>> from bilan_core.facts.parameters import on
>>> bilan = bc.example_bilan("cpf_working_time")
>>> answer = facts.employer_answer(bilan, on(bilan.reference_date))
>>> answer.start, answer.due, answer.amount, answer.unit, answer.silence
(Date(2026, 1, 6), Date(2026, 2, 5), 30, 'days', 'accepted_by_silence')
>>> facts.route(bilan), facts.agreement_day(bilan)
('cpf_working_time', Date(2026, 3, 2))
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

import attrs
import pendulum

from bilan_core import references as ref
from bilan_core._paris import add_months, paris_date, paris_ordinal
from bilan_core._paris import end_ordinal as _end_ordinal
from bilan_core.beneficiary import PublicService
from bilan_core.documents import Document, DocumentKind
from bilan_core.facts import parameters as p
from bilan_core.funding import (
    CpfFunding,
    EmployerPlanFunding,
    Funding,
    JobSeekerFunding,
    Payer,
    PublicFunder,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
)
from bilan_core.phases import Phase
from bilan_core.sessions import SessionStatus

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.facts._dated import Parameter
    from bilan_core.facts.parameters import Values
    from bilan_core.references import LegalReference
    from bilan_core.sessions import Session

__all__ = [
    "BRANCH_TEXTS",
    "Delay",
    "Route",
    "agreement_day",
    "convention_acceptance",
    "cpf_notice_days",
    "cpf_request",
    "employer_answer",
    "end_of_action",
    "end_ordinal",
    "in_alsace_moselle",
    "is_retention_exception",
    "kept_until",
    "latest_recorded_day",
    "legal_notice_days",
    "public_leave_answer",
    "public_leave_refusal",
    "public_leave_request",
    "public_or_mutualised",
    "route",
    "start_day",
    "stopped_early",
    "withdrawal_day",
]

Route = Literal[
    "cpf",
    "cpf_working_time",
    "employer_plan",
    "reclassification_leave",
    "job_seeker",
    "public_leave",
    "self_funded",
]
"""A funding route as charters name it: the CPF is split by working time."""

Silence = Literal["accepted_by_silence", "refused_by_silence"]
"""What the law makes of silence once a delay has run out."""


@attrs.frozen(kw_only=True)
class Delay:
    """A legal delay of a bilan: from which day, to which day, set by which text.

    Attributes:
        start: the day it runs from (a receipt, a sending), or, for a notice, the day the
            notice is owed before (the first session).
        due: the last day to act (ending at midnight, Europe/Paris).
        amount: its length, in ``unit``.
        unit: ``"days"`` or ``"months"``.
        parameter: the dated parameter that set it.
        reference: the text that sets it, as messages cite it.
        silence: what silence means once it has run out, if the law says.
    """

    start: pendulum.Date
    due: pendulum.Date
    amount: int
    unit: Literal["days", "months"]
    parameter: Parameter[int] = attrs.field(eq=False, repr=False)
    reference: LegalReference
    silence: Silence | None = None


def _after(
    start: dt.date,
    amount: int | None,
    parameter: Parameter[int],
    reference: LegalReference,
    silence: Silence | None = None,
    *,
    months: bool = False,
) -> Delay | None:
    if amount is None:  # no value yet on the reference date: not applicable
        return None
    day = pendulum.Date(start.year, start.month, start.day)
    due = add_months(day, amount) if months else dt.date.fromordinal(day.toordinal() + amount)
    return Delay(
        start=day,
        due=pendulum.Date(due.year, due.month, due.day),
        amount=amount,
        unit="months" if months else "days",
        parameter=parameter,
        reference=reference,
        silence=silence,
    )


def _before(
    day: dt.date, amount: int | None, parameter: Parameter[int], reference: LegalReference
) -> Delay | None:
    if amount is None:
        return None
    due = dt.date.fromordinal(day.toordinal() - amount)
    return Delay(
        start=pendulum.Date(day.year, day.month, day.day),
        due=pendulum.Date(due.year, due.month, due.day),
        amount=amount,
        unit="days",
        parameter=parameter,
        reference=reference,
    )


# -- the route, the agreement, the action ---------------------------------------------------


def route(bilan: Bilan) -> Route:
    """The funding route as a charter names it (the CPF split by working time)."""
    funding = bilan.funding
    if isinstance(funding, CpfFunding):
        return "cpf_working_time" if funding.on_working_time else "cpf"
    return funding.TAG  # type: ignore[return-value]


def agreement_day(bilan: Bilan) -> pendulum.Date | None:
    """The day the bilan was agreed: the CPF purchase, otherwise the consent's Paris day."""
    funding = bilan.funding
    if isinstance(funding, CpfFunding):
        return funding.purchase_date
    return paris_date(bilan.consent.given_at) if bilan.consent is not None else None


def start_day(bilan: Bilan) -> pendulum.Date | None:
    """The Europe/Paris day of the first session that counts, if any."""
    first = bilan.first_session
    return paris_date(first.start) if first is not None else None


def end_ordinal(session: Session) -> int:
    """The ordinal of the Europe/Paris day a session ends (its start plus its minutes)."""
    return _end_ordinal(session.start, session.minutes)


def withdrawal_day(bilan: Bilan) -> pendulum.Date | None:
    """The Europe/Paris day the beneficiary stopped the bilan, if they did.

    The day consent was withdrawn (L6313-4 al. 2), or the day of the ``abandon`` event,
    whichever comes first. A withdrawal is never a fault: it ends the action.
    """
    days = []
    consent = bilan.consent
    if consent is not None and consent.withdrawn_at is not None:
        days.append(paris_date(consent.withdrawn_at))
    if bilan.phase is Phase.ABANDONED:
        days.extend(paris_date(e.at) for e in bilan.history if e.name == "abandon")
    return min(days) if days else None


_HELD = SessionStatus.HELD
_CARRIED_TO_ITS_END = (Phase.COMPLETED, Phase.FOLLOWED_UP, Phase.CLOSED)


def stopped_early(bilan: Bilan) -> bool:
    """Whether the bilan was not carried to its end: withdrawn, abandoned or cancelled.

    A bilan whose synthesis was delivered (completed, followed up or closed) was carried to
    its end, even if consent is withdrawn afterwards. The rules about a bilan carried to its
    end (the minimum duration, complete phases, the conclusions' interview, the CPF's
    accompaniment hours, a charter's minimums) do not apply to one stopped early.
    """
    if bilan.phase in (Phase.ABANDONED, Phase.CANCELLED):
        return True
    return bilan.phase not in _CARRIED_TO_ITS_END and withdrawal_day(bilan) is not None


def end_of_action(bilan: Bilan) -> pendulum.Date | None:
    """The end of the action, from which documents are kept or destroyed (R6313-7).

    The day of the withdrawal when the beneficiary stopped the bilan before its end
    (:func:`withdrawal_day`, :func:`stopped_early`); otherwise the Europe/Paris day the last
    session of the phases ends.

    >>> import bilan_core as bc
    >>> end_of_action(bc.example_bilan("cpf"))
    Date(2026, 5, 19)
    """
    withdrawn = withdrawal_day(bilan) if stopped_early(bilan) else None
    return withdrawn if withdrawn is not None else bilan.end_date


def latest_recorded_day(bilan: Bilan) -> pendulum.Date | None:
    """The Europe/Paris day of the latest fact the plan records as done, if any.

    Sessions held (the day they end), phase events, the consent and its withdrawal,
    documents created, presented, delivered, signed, kept or destroyed, agreements given or
    revoked, disclosures, the follow-up offered, declined or held. Planned sessions are not
    facts yet.

    >>> import bilan_core as bc
    >>> latest_recorded_day(bc.example_bilan("cpf"))
    Date(2026, 5, 19)
    """
    days: list[dt.date] = []
    instants: list[dt.datetime] = [event.at for event in bilan.history]
    days.extend(dt.date.fromordinal(end_ordinal(s)) for s in bilan.sessions if s.status is _HELD)
    consent = bilan.consent
    if consent is not None:
        instants.append(consent.given_at)
        if consent.withdrawn_at is not None:
            instants.append(consent.withdrawn_at)
    for document in bilan.documents:
        days.append(document.created_on)
        instants.extend(
            at
            for at in (document.presented_at, document.delivered_at, document.signed_at)
            if at is not None
        )
        days.extend(d for d in (document.kept_with_consent_on, document.destroyed_on) if d)
    for agreement in bilan.agreements:
        instants.append(agreement.given_at)
        if agreement.revoked_at is not None:
            instants.append(agreement.revoked_at)
    instants.extend(disclosure.at for disclosure in bilan.disclosures)
    follow_up = bilan.follow_up
    days.extend(d for d in (follow_up.offered_on, follow_up.declined_on, follow_up.held_on) if d)
    days.extend(paris_date(at) for at in instants)
    if not days:
        return None
    latest = max(days)
    return pendulum.Date(latest.year, latest.month, latest.day)


def public_or_mutualised(funding: Funding) -> bool:
    """Whether the bilan is paid with public or mutualised funds (L6316-1).

    CPF, OPCO and job-seeker routes are; so is a public agent's leave paid by the
    administration or the ANFH. A self-funded bilan, an employer's own funds and an agent
    paying their own bilan are not.

    >>> from bilan_core.funding import SelfFunding, EmployerPlanFunding, Payer
    >>> public_or_mutualised(SelfFunding()), public_or_mutualised(EmployerPlanFunding())
    (False, False)
    >>> public_or_mutualised(EmployerPlanFunding(payer=Payer.OPCO))
    True
    """
    if isinstance(funding, (CpfFunding, JobSeekerFunding)):
        return True
    if isinstance(funding, (EmployerPlanFunding, ReclassificationLeaveFunding)):
        return funding.payer is Payer.OPCO
    if isinstance(funding, PublicLeaveFunding):
        return funding.funder is not PublicFunder.AGENT
    return False


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


# -- the CPF on working time -------------------------------------------------------------------


def cpf_notice_days(bilan: Bilan, values: Values) -> int | None:
    """The days of notice a CPF bilan on working time needs.

    60, or 120 for an action of 6 months or more (from the first session's day to the day the
    last one ends).
    """
    first, last = bilan.first_session, bilan.last_session
    months = values.cpf.long_action_months
    long_action = False
    if first is not None and last is not None and months is not None:
        start = dt.date.fromordinal(paris_ordinal(first.start))
        long_action = end_ordinal(last) >= add_months(start, months).toordinal()
    cpf = values.cpf
    return cpf.employer_notice_days_long_action if long_action else cpf.employer_notice_days  # type: ignore[no-any-return]


def cpf_request(bilan: Bilan, values: Values) -> Delay | None:
    """When the request to the employer is due: the notice before the first session."""
    funding = bilan.funding
    start = start_day(bilan)
    if not isinstance(funding, CpfFunding) or not funding.on_working_time or start is None:
        return None
    return _before(start, cpf_notice_days(bilan, values), p.CPF_NOTICE_DAYS, ref.D6323_4)


def employer_answer(bilan: Bilan, values: Values) -> Delay | None:
    """The employer's answer to a CPF request: 30 days from receipt; silence is acceptance."""
    funding = bilan.funding
    if not isinstance(funding, CpfFunding) or not funding.on_working_time:
        return None
    request = funding.employer_request
    if request is None:
        return None
    return _after(
        request.receipt,
        values.cpf.employer_answer_days,
        p.CPF_EMPLOYER_ANSWER_DAYS,
        ref.D6323_4,
        "accepted_by_silence",
    )


# -- the tripartite convention --------------------------------------------------------------


def convention_acceptance(bilan: Bilan, values: Values) -> Delay | None:
    """The employee's signature of the convention: 10 days from its sending.

    Silence is a refusal (employer plan and congé de reclassement).
    """
    funding = bilan.funding
    if not isinstance(funding, (EmployerPlanFunding, ReclassificationLeaveFunding)):
        return None
    convention = funding.convention
    if convention is None or convention.sent_on is None:
        return None
    return _after(
        convention.sent_on,
        values.convention.acceptance_days,
        p.CONVENTION_ACCEPTANCE_DAYS,
        ref.R6313_8,
        "refused_by_silence",
    )


# -- public agents' leave ---------------------------------------------------------------------

BRANCH_TEXTS = {
    PublicService.TERRITORIAL: ref.DECRET_2007_1845,
    PublicService.HOSPITAL: ref.DECRET_2008_824,
    PublicService.STATE: ref.ARRETE_2009_07_31,
}
"""The text of each branch of the civil service on the bilan leave."""


def _leave(bilan: Bilan) -> tuple[PublicLeaveFunding, PublicService] | None:
    funding = bilan.funding
    branch = bilan.beneficiary.public_service
    if not isinstance(funding, PublicLeaveFunding) or branch is None:
        return None
    return funding, branch


def public_leave_request(bilan: Bilan, values: Values) -> Delay | None:
    """When the leave request must reach the administration (FPT, FPH).

    60 days before the first session.
    """
    found = _leave(bilan)
    start = start_day(bilan)
    if found is None or start is None or found[1] is PublicService.STATE:
        return None
    return _before(
        start, values.public.leave_notice_days, p.PUBLIC_LEAVE_NOTICE_DAYS, BRANCH_TEXTS[found[1]]
    )


def public_leave_answer(bilan: Bilan, values: Values) -> Delay | None:
    """The administration's answer: 30 days from receipt (FPT, FPH), 2 months (FPE)."""
    found = _leave(bilan)
    if found is None or found[0].request_received_on is None:
        return None
    funding, branch = found
    received = funding.request_received_on
    assert received is not None  # noqa: S101 - checked above
    if branch is PublicService.STATE:
        return _after(
            received,
            values.public.leave_answer_months,
            p.PUBLIC_LEAVE_STATE_ANSWER_MONTHS,
            ref.ARRETE_2009_07_31,
            months=True,
        )
    return _after(
        received, values.public.leave_answer_days, p.PUBLIC_LEAVE_ANSWER_DAYS, BRANCH_TEXTS[branch]
    )


def public_leave_refusal(bilan: Bilan, values: Values) -> Delay | None:
    """The administration's answer to a leave request: 2 months from receipt.

    Its silence is an implicit refusal (CRPA L231-4 5°), in every branch.
    """
    found = _leave(bilan)
    if found is None or found[0].request_received_on is None:
        return None
    return _after(
        found[0].request_received_on,
        values.public.leave_answer_months,
        p.PUBLIC_LEAVE_STATE_ANSWER_MONTHS,
        ref.CRPA_L231_4,
        "refused_by_silence",
        months=True,
    )


def legal_notice_days(bilan: Bilan, values: Values) -> int:
    """The legal notice that comes on top of a charter's start delay (0 when none).

    The CPF notice on working time, or the public agent's leave notice.
    """
    funding = bilan.funding
    if isinstance(funding, CpfFunding) and funding.on_working_time:
        return cpf_notice_days(bilan, values) or 0
    if isinstance(funding, PublicLeaveFunding):
        return values.public.leave_notice_days or 0
    return 0


# -- retention of documents -------------------------------------------------------------------


def is_retention_exception(document: Document) -> bool:
    """The synthesis, or a document the beneficiary agreed in writing to keep."""
    return document.kind is DocumentKind.SYNTHESIS or document.kept_with_consent_on is not None


def kept_until(end: dt.date, on: dt.date) -> tuple[pendulum.Date, int]:
    """The last day a kept document may be held, and the years of retention that set it.

    Each value of the retention period in force by ``on`` applies while it is in force, so a
    limit that ran out under the 1-year rule (before 2023-12-31) is not moved by the later
    3-year rule.

    >>> kept_until(pendulum.date(2022, 6, 15), pendulum.date(2024, 1, 10))
    (Date(2023, 6, 15), 1)
    >>> kept_until(pendulum.date(2023, 6, 15), pendulum.date(2024, 1, 10))
    (Date(2026, 6, 15), 3)
    """
    entries = [entry for entry in p.RETENTION_YEARS.values if entry.since <= on]
    for position, entry in enumerate(entries):
        moved = add_months(end, 12 * entry.value)
        limit = pendulum.Date(moved.year, moved.month, moved.day)
        later = entries[position + 1].since if position + 1 < len(entries) else None
        # Held on the day after the limit while this value is still in force: due then.
        if later is None or limit.add(days=1) < later:
            return limit, entry.value
    return pendulum.Date(end.year, end.month, end.day), 0
