"""Section 6 of the catalogue: public agents' leave for a bilan (all rules ``secondary``).

Civil servants have their own texts: décret n° 2007-1845 for the territorial civil service
(FPT, in force 2007-12-30), décret n° 2008-824 for the hospital civil service (FPH,
2008-08-24), the arrêté du 31 juillet 2009 for State agents (FPE, 2009-08-14), amended for
priority agents by décret n° 2022-1043 (2022-07-25).

- ``BC-PUBLIC-LEAVE-NOTICE``: FPT/FPH, the request reaches the administration 60 days ahead.
- ``BC-PUBLIC-LEAVE-ANSWER``: the administration answers within 30 days (FPT, FPH) or 2 months
  (FPE); 2 months of silence is an implicit refusal (CRPA L231-4 5°): silence is never consent.
- ``BC-PUBLIC-CONVENTION``: the tripartite convention (FPE always; FPT when the authority pays;
  FPH when the ANFH funds).
- ``BC-PUBLIC-LEAVE-HOURS``: the leave covers at most 24 hours of service time (72 h for
  priority agents since 2022-07-25).
- ``BC-PUBLIC-FREQUENCY``: FPH, 2 years of service and 5 years between two bilans (3 years for
  priority agents since 2022-07-25).

The rules apply to :class:`~bilan_core.funding.PublicLeaveFunding` of an agent whose
``public_service`` is known. A rule registers at its earliest in-force date and skips the
branches whose text is not yet in force at the bilan's reference date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import pendulum

from bilan_core._values import add_months, day_of, paris_ordinal
from bilan_core.beneficiary import PublicService
from bilan_core.funding import LeaveAnswer, PublicFunder, PublicLeaveFunding
from bilan_core.phases import Phase
from bilan_core.rules import references as ref
from bilan_core.rules._format import date_en, date_fr, hours, hours_en
from bilan_core.rules._model import Confidence, Finding, Severity
from bilan_core.rules._registry import register
from bilan_core.rules.parameters import (
    FPH_INTERVAL_YEARS,
    FPH_PRIORITY_INTERVAL_YEARS,
    FPH_SERVICE_YEARS,
    PUBLIC_LEAVE_ANSWER_DAYS,
    PUBLIC_LEAVE_HOURS,
    PUBLIC_LEAVE_NOTICE_DAYS,
    PUBLIC_LEAVE_PRIORITY_HOURS,
    PUBLIC_LEAVE_STATE_ANSWER_MONTHS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.rules._context import Context

__all__ = ["BRANCH_IN_FORCE"]

_SECTION = "public_sector"
_FPT_SINCE = pendulum.date(2007, 12, 30)
_FPH_SINCE = pendulum.date(2008, 8, 24)
_FPE_SINCE = pendulum.date(2009, 8, 14)

BRANCH_IN_FORCE: Final = {
    PublicService.TERRITORIAL: _FPT_SINCE,
    PublicService.HOSPITAL: _FPH_SINCE,
    PublicService.STATE: _FPE_SINCE,
}
"""The day each branch's text on the bilan leave came into force."""

_NOT_STARTED = (Phase.INQUIRY, Phase.CANCELLED)
_SHORT = {
    PublicService.TERRITORIAL: "FPT",
    PublicService.HOSPITAL: "FPH",
    PublicService.STATE: "FPE",
}
_NOTICE_BRANCHES = (PublicService.TERRITORIAL, PublicService.HOSPITAL)


_BRANCH_TEXT = {
    PublicService.TERRITORIAL: ref.DECRET_2007_1845,
    PublicService.HOSPITAL: ref.DECRET_2008_824,
    PublicService.STATE: ref.ARRETE_2009_07_31,
}
"""The text each message cites for an agent of that branch."""


def _leave(bilan: Bilan, ctx: Context) -> tuple[PublicLeaveFunding, PublicService] | None:
    """The leave and the agent's branch, when the branch's text is in force."""
    funding = bilan.funding
    branch = bilan.beneficiary.public_service
    if not isinstance(funding, PublicLeaveFunding) or branch is None:
        return None
    if ctx.reference_date < BRANCH_IN_FORCE[branch]:
        return None
    return funding, branch


@register(
    "BC-PUBLIC-LEAVE-NOTICE",
    severity=Severity.ERROR,
    title="Congé pour bilan (FPT, FPH) : demande 60 jours avant le début",
    title_en="Bilan leave (FPT, FPH): request 60 days before the start",
    references=(ref.DECRET_2007_1845, ref.DECRET_2008_824),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    section=_SECTION,
    notes=(
        "Territorial (from 2007-12-30) and hospital (from 2008-08-24) agents: the request, "
        "with dates, duration and the chosen provider, reaches the administration at least "
        "60 days before the first session (first session's day minus the day of receipt). "
        "The request's content is not plan data. A missing receipt date, once a session is "
        "planned, is a warning (the notice cannot be checked). No notice is encoded for "
        "State agents (FPE)."
    ),
)
def _leave_notice(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    first = bilan.first_session
    if found is None or first is None or found[1] not in _NOTICE_BRANCHES:
        return
    received = found[0].request_received_on
    if received is None:
        yield Finding(
            path="$.funding.request_received_on",
            message="date de réception de la demande de congé non renseignée",
            message_en="the day the leave request reached the administration is not recorded",
            severity=Severity.WARNING,
            reference=_BRANCH_TEXT[found[1]],
        )
        return
    start_day = paris_ordinal(first.start)
    needed = ctx.value(PUBLIC_LEAVE_NOTICE_DAYS)
    notice = start_day - received.toordinal()
    if notice < needed:
        start = dt.date.fromordinal(start_day)
        yield Finding(
            path="$.funding.request_received_on",
            message=(
                f"demande reçue le {date_fr(received)}, {notice} jours avant le début du "
                f"{date_fr(start)} ; au moins {needed} jours"
            ),
            message_en=(
                f"request received on {date_en(received)}, {notice} days before the start on "
                f"{date_en(start)}; at least {needed} days"
            ),
            reference=_BRANCH_TEXT[found[1]],
        )


@register(
    "BC-PUBLIC-LEAVE-ANSWER",
    severity=Severity.ERROR,
    title="Réponse de l'administration à la demande de congé (30 jours ; 2 mois)",
    title_en="The administration's answer to the leave request (30 days; 2 months)",
    references=(
        ref.DECRET_2007_1845,
        ref.DECRET_2008_824,
        ref.ARRETE_2009_07_31,
        ref.CRPA_L231_4,
    ),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    section=_SECTION,
    notes=(
        "FPT and FPH: 30 days from receipt; past them with no answer the answer is overdue "
        "(warning). FPE: 2 months. Any branch: after 2 months of silence (from the day after "
        "receipt + 2 months) the leave is implicitly refused (error; CRPA L231-4 5°): silence "
        "is never read as consent. Before that, a bilan already started at the evaluation date "
        "without an answer is an error; otherwise the answer is pending (info). An explicit "
        "refusal is an error."
    ),
)
def _leave_answer(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    if found is None:
        return
    funding, branch = found
    received = funding.request_received_on
    if received is None or funding.answer is LeaveAnswer.GRANTED:
        return
    path = "$.funding.answer"
    if funding.answer is LeaveAnswer.REFUSED:
        yield Finding(
            path=path,
            message="congé pour bilan refusé par l'administration",
            message_en="the administration refused the bilan leave",
            reference=_BRANCH_TEXT[branch],
        )
        return
    on = ctx.on
    refused_after = add_months(received, ctx.value(PUBLIC_LEAVE_STATE_ANSWER_MONTHS))
    if on > refused_after:
        yield Finding(
            path=path,
            message=(
                f"demande reçue le {date_fr(received)}, sans réponse au {date_fr(refused_after)}"
                " : refus implicite"
            ),
            message_en=(
                f"request received on {date_en(received)}, unanswered by "
                f"{date_en(refused_after)}: implicitly refused"
            ),
            reference=ref.CRPA_L231_4,
        )
        return
    first = bilan.first_session
    if first is not None and paris_ordinal(first.start) <= on.toordinal():
        yield Finding(
            path=path,
            message="le bilan a commencé sans réponse de l'administration à la demande de congé",
            message_en="the bilan started with no answer from the administration to the leave",
            reference=_BRANCH_TEXT[branch],
        )
        return
    if branch is PublicService.STATE:
        due = refused_after
    else:
        due = day_of(received.toordinal() + ctx.value(PUBLIC_LEAVE_ANSWER_DAYS))
        if on > due:
            yield Finding(
                path=path,
                message=f"réponse de l'administration en retard (attendue le {date_fr(due)})",
                message_en=f"the administration's answer is overdue (due {date_en(due)})",
                severity=Severity.WARNING,
                reference=_BRANCH_TEXT[branch],
            )
            return
    yield Finding(
        path=path,
        message=f"réponse de l'administration attendue au plus tard le {date_fr(due)}",
        message_en=f"the administration's answer is due by {date_en(due)}",
        severity=Severity.INFO,
        reference=_BRANCH_TEXT[branch],
    )


@register(
    "BC-PUBLIC-CONVENTION",
    severity=Severity.ERROR,
    title="Convention tripartite agent, administration, prestataire",
    title_en="Tripartite convention: agent, administration, provider",
    references=(ref.ARRETE_2009_07_31, ref.DECRET_2007_1845, ref.DECRET_2008_824),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    section=_SECTION,
    notes=(
        "Always for State agents (FPE); for territorial agents (FPT) when the local authority "
        "pays (funder administration); for hospital agents (FPH) when the ANFH funds the bilan. "
        "Not judged while the bilan is an inquiry or was cancelled, unless sessions are "
        "planned. The convention's content and signature delays are not encoded for public "
        "agents (no sourced rule)."
    ),
)
def _public_convention(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    if found is None:
        return
    funding, branch = found
    if funding.convention is not None:
        return
    if branch is PublicService.TERRITORIAL:
        required = funding.funder is PublicFunder.ADMINISTRATION
    elif branch is PublicService.HOSPITAL:
        required = funding.funder is PublicFunder.ANFH
    else:
        required = True
    if not required or (bilan.phase in _NOT_STARTED and not bilan.bilan_sessions):
        return
    yield Finding(
        path="$.funding.convention",
        message=(
            f"aucune convention tripartite agent, administration, prestataire ({_SHORT[branch]})"
        ),
        message_en=(
            f"no tripartite convention between agent, administration and provider "
            f"({_SHORT[branch]})"
        ),
        reference=_BRANCH_TEXT[branch],
    )


@register(
    "BC-PUBLIC-LEAVE-HOURS",
    severity=Severity.ERROR,
    title="Congé pour bilan : 24 heures de service au plus (72 h agents prioritaires)",
    title_en="Bilan leave: at most 24 hours of service time (72 h for priority agents)",
    references=(ref.DECRET_2007_1845, ref.DECRET_2008_824, ref.DECRET_2022_1043, ref.CGFP_L422_3),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    confidence_note=(
        "The 72 h certainly apply to FPT; their extension to FPH and FPE (same decree, 'the "
        "three branches') is secondary."
    ),
    section=_SECTION,
    notes=(
        "Reads funding.leave_minutes (the service time the leave covers, split or not): at most "
        "24 hours, 72 hours for the priority agents of CGFP L422-3 from 2022-07-25 (by "
        "reference date), in every branch. Nothing is reported when leave_minutes is not "
        "stated; which sessions fall on service time is not plan data."
    ),
)
def _leave_hours(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    if found is None or found[0].leave_minutes is None:
        return
    leave = found[0].leave_minutes
    limit = ctx.value(PUBLIC_LEAVE_HOURS)
    cited = _BRANCH_TEXT[found[1]] if found[1] in _NOTICE_BRANCHES else None
    priority_limit = ctx.value(PUBLIC_LEAVE_PRIORITY_HOURS)
    if bilan.beneficiary.priority_agent and priority_limit is not None:
        limit, cited = priority_limit, ref.DECRET_2022_1043
    if leave > limit * 60:
        yield Finding(
            path="$.funding.leave_minutes",
            message=f"congé de {hours(leave)} ; au plus {hours(limit * 60)}",
            message_en=f"leave of {hours_en(leave)}; at most {hours_en(limit * 60)}",
            reference=cited,
        )


@register(
    "BC-PUBLIC-FREQUENCY",
    severity=Severity.ERROR,
    title="FPH : 2 ans de services, 5 ans entre deux bilans (3 ans agents prioritaires)",
    title_en="FPH: 2 years of service, 5 years between two bilans (3 for priority agents)",
    references=(ref.DECRET_2008_824, ref.DECRET_2022_1043),
    in_force_from=_FPH_SINCE,
    confidence=Confidence.SECONDARY,
    confidence_note="Secondary sources (a 2019 snapshot of the decree).",
    section=_SECTION,
    notes=(
        "Hospital agents (FPH) only; FPE and FPT seniority and frequency are known gaps. "
        "Judged at the reference date (the agreement): at least 2 years since "
        "beneficiary.in_service_since (nothing when unknown), and no earlier funded bilan "
        "(beneficiary.earlier_funded_bilans) within 5 years, 3 years for priority agents from "
        "2022-07-25 (an earlier bilan on day E blocks up to and including E + 5 years)."
    ),
)
def _frequency(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    if found is None or found[1] is not PublicService.HOSPITAL:
        return
    agreed = ctx.reference_date
    beneficiary = bilan.beneficiary
    since = beneficiary.in_service_since
    service = ctx.value(FPH_SERVICE_YEARS)
    if since is not None and agreed < add_months(since, 12 * service):
        yield Finding(
            path="$.beneficiary.in_service_since",
            message=(
                f"en service depuis le {date_fr(since)} : moins de {service} ans au "
                f"{date_fr(agreed)}"
            ),
            message_en=(
                f"in service since {date_en(since)}: less than {service} years on {date_en(agreed)}"
            ),
        )
    gap = ctx.value(FPH_INTERVAL_YEARS)
    if beneficiary.priority_agent:
        gap = ctx.value(FPH_PRIORITY_INTERVAL_YEARS) or gap
    earlier = beneficiary.earlier_funded_bilans
    for index in range(len(earlier) - 1, -1, -1):
        previous = earlier[index]
        if previous <= agreed <= add_months(previous, 12 * gap):
            yield Finding(
                path=f"$.beneficiary.earlier_funded_bilans[{index}]",
                message=(
                    f"bilan précédent le {date_fr(previous)}, {gap} ans ou moins avant le "
                    f"{date_fr(agreed)}"
                ),
                message_en=(
                    f"earlier bilan on {date_en(previous)}, {gap} years or less before "
                    f"{date_en(agreed)}"
                ),
            )
            return
