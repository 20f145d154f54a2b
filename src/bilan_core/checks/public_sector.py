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

from typing import TYPE_CHECKING, Final

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core._format import date_en, date_fr, hours, hours_en
from bilan_core._paris import add_months
from bilan_core.beneficiary import PublicService
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.funding import LeaveAnswer, PublicFunder, PublicLeaveFunding
from bilan_core.phases import Phase
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context

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


_BRANCH_TEXT = facts.BRANCH_TEXTS


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
    title=Text(
        fr="Congé pour bilan (FPT, FPH) : la demande dans le délai de prévenance",
        en="Bilan leave (FPT, FPH): the request within the notice period",
    ),
    references=(ref.DECRET_2007_1845, ref.DECRET_2008_824),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    section=_SECTION,
    notes=Text(
        fr=(
            "Agents territoriaux (à compter du 2007-12-30) et hospitaliers (à compter du "
            "2008-08-24) : la demande, précisant les dates, la durée et le prestataire choisi, "
            "parvient à l'administration au moins 60 jours avant la première séance (jour de la "
            "première séance moins jour de réception). Le contenu de la demande ne figure pas dans "
            "les données du plan. L'absence de date de réception, dès qu'une séance est prévue, "
            "donne lieu à un avertissement (le délai de prévenance ne peut être vérifié). Aucun "
            "délai de prévenance n'est codé pour les agents de l'État (FPE)."
        ),
        en=(
            "Territorial (from 2007-12-30) and hospital (from 2008-08-24) agents: the request, "
            "with dates, duration and the chosen provider, reaches the administration at least "
            "60 days before the first session (first session's day minus the day of receipt). The "
            "request's content is not plan data. A missing receipt date, once a session is "
            "planned, is a warning (the notice cannot be checked). No notice is encoded for State "
            "agents (FPE)."
        ),
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
            message=Text(
                fr="date de réception de la demande de congé non renseignée",
                en="the day the leave request reached the administration is not recorded",
            ),
            severity=Severity.WARNING,
            reference=_BRANCH_TEXT[found[1]],
        )
        return
    request = facts.public_leave_request(bilan, ctx.values)
    if request is None:
        return
    start, needed = request.start, request.amount
    notice = start.toordinal() - received.toordinal()
    if notice < needed:
        yield Finding(
            path="$.funding.request_received_on",
            message=(
                Text(
                    fr=f"demande reçue le {date_fr(received)}, {notice} jours avant le début du "
                    f"{date_fr(start)} ; au moins {needed} jours",
                    en=f"request received on {date_en(received)}, {notice} days before the start "
                    "on "
                    f"{date_en(start)}; at least {needed} days",
                )
            ),
            reference=_BRANCH_TEXT[found[1]],
        )


@register(
    "BC-PUBLIC-LEAVE-ANSWER",
    severity=Severity.ERROR,
    title=Text(
        fr="Réponse de l'administration à la demande de congé ; son silence vaut refus",
        en="The administration's answer to the leave request; silence means no",
    ),
    references=(
        ref.DECRET_2007_1845,
        ref.DECRET_2008_824,
        ref.ARRETE_2009_07_31,
        ref.CRPA_L231_4,
    ),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    section=_SECTION,
    notes=Text(
        fr=(
            "FPT et FPH : 30 jours à compter de la réception ; passé ce délai sans réponse, la "
            "réponse est en retard (avertissement). FPE : 2 mois. Dans les trois versants : après "
            "2 mois de silence (à compter du lendemain de réception + 2 mois), le congé est "
            "implicitement refusé (erreur ; CRPA L231-4 5°) : le silence ne vaut jamais "
            "acceptation. Auparavant, un bilan déjà commencé à la date d'évaluation sans réponse "
            "est une erreur ; sinon, la réponse est en attente (information). Un refus exprès est "
            "une erreur. La règle conditionne l'accord : le congé expressément accordé."
        ),
        en=(
            "FPT and FPH: 30 days from receipt; past them with no answer the answer is overdue "
            "(warning). FPE: 2 months. Any branch: after 2 months of silence (from the day after "
            "receipt + 2 months) the leave is implicitly refused (error; CRPA L231-4 5°): silence "
            "is never read as consent. Before that, a bilan already started at the evaluation date "
            "without an answer is an error; otherwise the answer is pending (info). An explicit "
            "refusal is an error. It guards the agreement: the leave explicitly granted."
        ),
    ),
    blocks=("agree",),
)
def _leave_answer(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: PLR0911 - one exit per case of the law
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
            message=Text(
                fr="congé pour bilan refusé par l'administration",
                en="the administration refused the bilan leave",
            ),
            reference=_BRANCH_TEXT[branch],
        )
        return
    on = ctx.on
    silence = facts.public_leave_refusal(bilan, ctx.values)
    answer = facts.public_leave_answer(bilan, ctx.values)
    if silence is None or answer is None:
        return
    refused_after = silence.due
    if on > refused_after:
        yield Finding(
            path=path,
            message=(
                Text(
                    fr=f"demande reçue le {date_fr(received)}, sans réponse au "
                    f"{date_fr(refused_after)} : refus implicite",
                    en=f"request received on {date_en(received)}, unanswered by "
                    f"{date_en(refused_after)}: implicitly refused",
                )
            ),
            reference=silence.reference,
        )
        return
    start = facts.start_day(bilan)
    if start is not None and start <= on:
        yield Finding(
            path=path,
            message=Text(
                fr="le bilan a commencé sans réponse de l'administration à la demande de congé",
                en="the bilan started with no answer from the administration to the leave",
            ),
            reference=_BRANCH_TEXT[branch],
        )
        return
    due = answer.due
    if branch is not PublicService.STATE and on > due:
        yield Finding(
            path=path,
            message=Text(
                fr=f"réponse de l'administration en retard (attendue le {date_fr(due)})",
                en=f"the administration's answer is overdue (due {date_en(due)})",
            ),
            severity=Severity.WARNING,
            reference=_BRANCH_TEXT[branch],
        )
        return
    yield Finding(
        path=path,
        message=Text(
            fr=f"réponse de l'administration attendue au plus tard le {date_fr(due)}",
            en=f"the administration's answer is due by {date_en(due)}",
        ),
        severity=Severity.INFO,
        reference=_BRANCH_TEXT[branch],
    )


@register(
    "BC-PUBLIC-CONVENTION",
    severity=Severity.ERROR,
    title=Text(
        fr="Convention tripartite agent, administration, prestataire",
        en="Tripartite convention: agent, administration, provider",
    ),
    references=(ref.ARRETE_2009_07_31, ref.DECRET_2007_1845, ref.DECRET_2008_824),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    section=_SECTION,
    notes=Text(
        fr=(
            "Toujours pour les agents de l'État (FPE) ; pour les agents territoriaux (FPT) lorsque "
            "la collectivité paie (financeur « administration ») ; pour les agents hospitaliers "
            "(FPH) lorsque l'ANFH finance le bilan. La règle ne s'applique pas tant que le bilan "
            "en est à l'information préalable ou s'il a été annulé, sauf si des séances sont "
            "prévues. Le contenu de la convention et les délais de signature ne sont pas codés "
            "pour les agents publics (aucune règle sourcée)."
        ),
        en=(
            "Always for State agents (FPE); for territorial agents (FPT) when the local authority "
            "pays (funder administration); for hospital agents (FPH) when the ANFH funds the "
            "bilan. Not judged while the bilan is an inquiry or was cancelled, unless sessions are "
            "planned. The convention's content and signature delays are not encoded for public "
            "agents (no sourced rule)."
        ),
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
            Text(
                fr="aucune convention tripartite agent, administration, prestataire "
                f"({_SHORT[branch]})",
                en=f"no tripartite convention between agent, administration and provider "
                f"({_SHORT[branch]})",
            )
        ),
        reference=_BRANCH_TEXT[branch],
    )


@register(
    "BC-PUBLIC-LEAVE-HOURS",
    severity=Severity.ERROR,
    title=Text(
        fr="Congé pour bilan : le plafond d'heures de service",
        en="Bilan leave: the cap on service hours",
    ),
    references=(ref.DECRET_2007_1845, ref.DECRET_2008_824, ref.DECRET_2022_1043, ref.CGFP_L422_3),
    in_force_from=_FPT_SINCE,
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr=(
            "Les 72 h s'appliquent de façon certaine à la FPT ; leur extension à la FPH et à la "
            "FPE (même décret, « les trois versants ») repose sur des sources secondaires."
        ),
        en=(
            "The 72 h certainly apply to FPT; their extension to FPH and FPE (same decree, 'the "
            "three branches') is secondary."
        ),
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Lit funding.leave_minutes (le temps de service couvert par le congé, fractionné ou "
            "non) : 24 heures au plus, 72 heures pour les agents prioritaires de CGFP L422-3 à "
            "compter du 2022-07-25 (selon la date de référence), dans les trois versants. Rien "
            "n'est signalé lorsque leave_minutes n'est pas renseigné ; les séances qui tombent sur "
            "le temps de service ne figurent pas dans les données du plan."
        ),
        en=(
            "Reads funding.leave_minutes (the service time the leave covers, split or not): at "
            "most 24 hours, 72 hours for the priority agents of CGFP L422-3 from 2022-07-25 (by "
            "reference date), in every branch. Nothing is reported when leave_minutes is not "
            "stated; which sessions fall on service time is not plan data."
        ),
    ),
)
def _leave_hours(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    if found is None or found[0].leave_minutes is None:
        return
    leave = found[0].leave_minutes
    limit = ctx.values.public.leave_hours
    cited = _BRANCH_TEXT[found[1]] if found[1] in _NOTICE_BRANCHES else None
    priority_limit = ctx.values.public.leave_hours_priority
    if bilan.beneficiary.priority_agent and priority_limit is not None:
        limit, cited = priority_limit, ref.DECRET_2022_1043
    if leave > limit * 60:
        yield Finding(
            path="$.funding.leave_minutes",
            message=Text(
                fr=f"congé de {hours(leave)} ; au plus {hours(limit * 60)}",
                en=f"leave of {hours_en(leave)}; at most {hours_en(limit * 60)}",
            ),
            reference=cited,
        )


@register(
    "BC-PUBLIC-FREQUENCY",
    severity=Severity.ERROR,
    title=Text(
        fr="FPH : l'ancienneté de services et le délai entre deux bilans",
        en="FPH: the years of service and the interval between two bilans",
    ),
    references=(ref.DECRET_2008_824, ref.DECRET_2022_1043),
    in_force_from=_FPH_SINCE,
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr="Sources secondaires (une version du décret relevée en 2019).",
        en="Secondary sources (a 2019 snapshot of the decree).",
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Agents hospitaliers (FPH) seulement ; l'ancienneté et la périodicité pour la FPE et "
            "la FPT sont des lacunes connues. Appréciée à la date de référence (l'accord) : au "
            "moins 2 ans depuis beneficiary.in_service_since (rien si elle est inconnue), et aucun "
            "bilan financé antérieur (beneficiary.earlier_funded_bilans) dans les 5 ans, 3 ans "
            "pour les agents prioritaires à compter du 2022-07-25 (un bilan antérieur daté du jour "
            "E fait obstacle jusqu'au jour E + 5 ans inclus)."
        ),
        en=(
            "Hospital agents (FPH) only; FPE and FPT seniority and frequency are known gaps. "
            "Judged at the reference date (the agreement): at least 2 years since "
            "beneficiary.in_service_since (nothing when unknown), and no earlier funded bilan "
            "(beneficiary.earlier_funded_bilans) within 5 years, 3 years for priority agents from "
            "2022-07-25 (an earlier bilan on day E blocks up to and including E + 5 years)."
        ),
    ),
)
def _frequency(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    found = _leave(bilan, ctx)
    if found is None or found[1] is not PublicService.HOSPITAL:
        return
    agreed = ctx.reference_date
    beneficiary = bilan.beneficiary
    since = beneficiary.in_service_since
    service = ctx.values.public.fph_service_years
    if since is not None and agreed < add_months(since, 12 * service):
        yield Finding(
            path="$.beneficiary.in_service_since",
            message=(
                Text(
                    fr=f"en service depuis le {date_fr(since)} : moins de {service} ans au "
                    f"{date_fr(agreed)}",
                    en=f"in service since {date_en(since)}: less than {service} years on "
                    f"{date_en(agreed)}",
                )
            ),
        )
    gap = ctx.values.public.fph_interval_years
    if beneficiary.priority_agent:
        gap = ctx.values.public.fph_priority_interval_years or gap
    earlier = beneficiary.earlier_funded_bilans
    for index in range(len(earlier) - 1, -1, -1):
        previous = earlier[index]
        if previous <= agreed <= add_months(previous, 12 * gap):
            yield Finding(
                path=f"$.beneficiary.earlier_funded_bilans[{index}]",
                message=(
                    Text(
                        fr=f"bilan précédent le {date_fr(previous)}, {gap} ans ou moins avant le "
                        f"{date_fr(agreed)}",
                        en=f"earlier bilan on {date_en(previous)}, {gap} years or less before "
                        f"{date_en(agreed)}",
                    )
                ),
            )
            return


@guard("BC-PUBLIC-LEAVE-ANSWER", "agree")
def _leave_granted(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = bilan.funding
    if not isinstance(funding, PublicLeaveFunding):
        return
    answered = funding.answered_on is not None and funding.answered_on <= ctx.on
    if answered and funding.answer is LeaveAnswer.GRANTED:
        return
    if answered:
        yield Finding(
            path="$.funding.answer",
            message=Text(
                fr="l'administration a refusé le congé", en="the administration refused the leave"
            ),
        )
        return
    answer = facts.public_leave_answer(bilan, ctx.values)
    if answer is None:  # no receipt recorded yet: the delay has not started
        delay = Text(fr="le délai légal", en="the legal delay")
    elif answer.unit == "days":
        delay = Text(fr=f"{answer.amount} jours", en=f"{answer.amount} days")
    else:
        delay = Text(fr=f"{answer.amount} mois", en=f"{answer.amount} months")
    yield Finding(
        path="$.funding.answer",
        message=delay.map(
            "le congé n'est pas encore accordé (l'administration répond sous {} ; son silence "
            "ne vaut jamais accord)",
            "the leave is not granted yet (the administration answers within {}; its silence "
            "never counts as consent)",
        ),
    )
