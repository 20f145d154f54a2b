"""Section 4 of the catalogue: bilans bought with the CPF (*compte personnel de formation*).

- ``BC-CPF-EMPLOYER-NOTICE``: on working time, the employer is asked at least 60 days before
  the start, 120 days for an action of 6 months or more (L6323-17, D6323-4).
- ``BC-CPF-EMPLOYER-ANSWER``: the employer answers within 30 days of receipt; silence is
  acceptance; an explicit refusal blocks the bilan on working time.
- ``BC-CPF-PARTICIPATION``: the holder's flat participation, by purchase date, and the sum
  price = CPF amount + participation + co-funding.
- ``BC-CPF-CAP``: at most 1 600 € of CPF rights per bilan (since 2026-02-26; secondary).
- ``BC-CPF-WAITING-PERIOD``: no CPF bilan within 5 years of an earlier funded bilan (since
  2026-02-26; secondary).
- ``BC-CPF-ACCOMPANIMENT-ONLY``: the CPF pays only accompaniment hours (since 2026-02-26;
  unverified: a warning).

Every rule applies only to :class:`~bilan_core.funding.CpfFunding`. The purchase date is the
CPF bilan's reference date; it picks the participation, the cap and the waiting period.
Delays follow the catalogue's convention: the day of the trigger does not count, N days from D
end at the end of D + N.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pendulum

from bilan_core._values import UTC, add_months, day_of, paris_ordinal
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.funding import CpfFunding, EmployerAnswer
from bilan_core.rules import references as ref
from bilan_core.rules._format import date_en, date_fr, euros, euros_en, hours, hours_en
from bilan_core.rules._model import Confidence, Finding, Severity
from bilan_core.rules._registry import register
from bilan_core.rules.parameters import (
    CPF_CAP,
    CPF_EMPLOYER_ANSWER_DAYS,
    CPF_NOTICE_DAYS,
    CPF_NOTICE_LONG_ACTION_DAYS,
    CPF_PARTICIPATION,
    CPF_WAITING_YEARS,
    LONG_ACTION_MONTHS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.rules._context import Context
    from bilan_core.sessions import Session

__all__ = ["cpf_notice_days", "end_ordinal"]

_2019 = pendulum.date(2019, 1, 1)
_2026_02_26 = pendulum.date(2026, 2, 26)
_SECTION = "cpf"
_ZERO = Decimal("0.00")


def end_ordinal(session: Session) -> int:
    """The ordinal of the Europe/Paris day a session ends (its start plus its minutes).

    The same day as ``paris_date(session.end)``, with integer arithmetic on the fast path of
    :func:`paris_ordinal` (an end in UTC before 22:00 falls on the same local day).
    """
    start = session.start
    if start.tzinfo is UTC:
        days, minute = divmod(start.hour * 60 + start.minute + session.minutes, _DAY_MINUTES)
        if minute < _PARIS_DAY_CHANGE_MINUTES:
            return start.toordinal() + days
    return paris_ordinal(dt.datetime.__add__(start, dt.timedelta(minutes=session.minutes)))


_DAY_MINUTES = 24 * 60
_PARIS_DAY_CHANGE_MINUTES = 22 * 60  # 22:00 UTC is midnight in Paris in summer


def _cpf(bilan: Bilan) -> CpfFunding | None:
    funding = bilan.funding
    return funding if isinstance(funding, CpfFunding) else None


def cpf_notice_days(bilan: Bilan, reference: pendulum.Date) -> int:
    """The days of notice a CPF bilan on working time needs (60, or 120 for a long action).

    An action is long when it lasts 6 months or more, from the first session's day to the
    day the last session ends. The rule, the charter's start delay and the timeline all ask
    this one function.
    """
    first, last = bilan.first_session, bilan.last_session
    long_action = False
    if first is not None and last is not None:
        start = dt.date.fromordinal(paris_ordinal(first.start))
        long_from = add_months(start, LONG_ACTION_MONTHS.at(reference))
        long_action = end_ordinal(last) >= long_from.toordinal()
    return (CPF_NOTICE_LONG_ACTION_DAYS if long_action else CPF_NOTICE_DAYS).at(reference)


@register(
    "BC-CPF-EMPLOYER-NOTICE",
    severity=Severity.ERROR,
    title="CPF sur le temps de travail : demande à l'employeur 60 jours avant (120 jours)",
    title_en="CPF on working time: request to the employer 60 days ahead (120 days)",
    references=(ref.L6323_17, ref.D6323_4),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=(
        "Only for a CPF bilan wholly or partly on working time; entirely outside working time "
        "the employer need not be asked nor informed. Holds when the first session's day "
        "minus the day the request was sent is at least 60 days (120 days when the action "
        "lasts 6 months or more, first to last session). A late request is an error, or a "
        "warning when the employer explicitly granted it anyway (the delay protects the "
        "employer). A missing request is reported once a first session is planned."
    ),
)
def _employer_notice(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    first = bilan.first_session
    if funding is None or not funding.on_working_time or first is None:
        return
    request = funding.employer_request
    if request is None:
        yield Finding(
            path="$.funding.employer_request",
            message="bilan CPF sur le temps de travail sans demande d'autorisation à l'employeur",
            message_en="CPF bilan on working time with no request for the employer's leave",
        )
        return
    start_day = paris_ordinal(first.start)
    needed = cpf_notice_days(bilan, ctx.reference_date)
    notice = start_day - request.sent_on.toordinal()
    if notice < needed:
        start = dt.date.fromordinal(start_day)
        granted = request.answer is EmployerAnswer.GRANTED
        yield Finding(
            path="$.funding.employer_request.sent_on",
            message=(
                f"demande envoyée le {date_fr(request.sent_on)}, {notice} jours avant le début "
                f"du {date_fr(start)} ; au moins {needed} jours"
                + (" (accordée malgré tout par l'employeur)" if granted else "")
            ),
            message_en=(
                f"request sent on {date_en(request.sent_on)}, {notice} days before the start on "
                f"{date_en(start)}; at least {needed} days"
                + (" (granted by the employer anyway)" if granted else "")
            ),
            severity=Severity.WARNING if granted else None,
            reference=ref.D6323_4,  # the 60 and 120 days are set there
        )


@register(
    "BC-CPF-EMPLOYER-ANSWER",
    severity=Severity.ERROR,
    title="CPF sur le temps de travail : réponse de l'employeur sous 30 jours",
    title_en="CPF on working time: the employer's answer within 30 days",
    references=(ref.L6323_17, ref.D6323_4),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=(
        "The employer has 30 days from receipt (the sending day when receipt is unknown); the "
        "deadline is receipt + 30 and silence counts as acceptance from receipt + 31. An "
        "explicit refusal within the period blocks the bilan on working time (error); a "
        "refusal after the deadline comes when silence already counted as acceptance (info). "
        "With no answer: a first session on or before the deadline is an error; otherwise, "
        "up to the deadline (judged at the evaluation date) the answer is pending (info)."
    ),
)
def _employer_answer(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None or not funding.on_working_time or funding.employer_request is None:
        return
    request = funding.employer_request
    if request.answer is EmployerAnswer.GRANTED:
        return
    deadline = request.receipt.toordinal() + ctx.value(CPF_EMPLOYER_ANSWER_DAYS)
    due = day_of(deadline)
    if request.answer is EmployerAnswer.REFUSED:
        answered = request.answered_on
        late = answered is not None and answered.toordinal() > deadline
        yield Finding(
            path="$.funding.employer_request.answer",
            message=(
                f"refus de l'employeur après l'échéance du {date_fr(due)} : son silence "
                "valait déjà acceptation"
                if late
                else "l'employeur a refusé : pas de bilan sur le temps de travail"
            ),
            message_en=(
                f"the employer refused after the deadline of {date_en(due)}: silence had "
                "already counted as acceptance"
                if late
                else "the employer refused: no bilan on working time"
            ),
            severity=Severity.INFO if late else None,
            reference=ref.D6323_4 if late else ref.L6323_17,
        )
        return
    first = bilan.first_session
    if first is not None:
        start_day = paris_ordinal(first.start)
        if start_day <= deadline:
            start = dt.date.fromordinal(start_day)
            yield Finding(
                path="$.funding.employer_request.answer",
                message=(
                    f"le bilan commence le {date_fr(start)}, sans réponse de l'employeur "
                    f"avant l'échéance du {date_fr(due)}"
                ),
                message_en=(
                    f"the bilan starts on {date_en(start)}, with no answer from the employer "
                    f"before the deadline of {date_en(due)}"
                ),
                reference=ref.D6323_4,  # the 30 days and silence as acceptance are set there
            )
            return
    if ctx.on.toordinal() <= deadline:
        yield Finding(
            path="$.funding.employer_request.answer",
            message=(
                f"réponse de l'employeur attendue au plus tard le {date_fr(due)} ; "
                "son silence vaudra acceptation"
            ),
            message_en=(
                f"the employer's answer is due by {date_en(due)}; silence will count as acceptance"
            ),
            severity=Severity.INFO,
            reference=ref.D6323_4,
        )


@register(
    "BC-CPF-PARTICIPATION",
    severity=Severity.ERROR,
    title="Participation forfaitaire du titulaire du CPF",
    title_en="The CPF holder's flat participation",
    references=(ref.L6323_4, ref.L6323_7, ref.DECRET_2024_394, ref.ARRETES_CPF_PARTICIPATION),
    in_force_from=pendulum.date(2024, 5, 2),
    confidence=Confidence.OFFICIAL,
    confidence_note="Official for the principle and 100 €; secondary for 102.23 € and 103.20 €.",
    section=_SECTION,
    notes=(
        "The amount is fixed at the purchase date: 100.00 € from 2024-05-02, 102.23 € from "
        "2025-01-01, 103.20 € from 2026-01-01. None is owed by job seekers (status or "
        "exemption), nor with an employer contribution, C2P points or the AT/MP contribution. "
        "The employer or an OPCO may pay it for the holder: the field holds what was paid, by "
        "anyone. The amounts must add up (price = CPF amount + participation + co-funding); a "
        "mismatch is reported under this id. That the provider may not reimburse it rests on "
        "a provider site only (practice): not checked."
    ),
)
def _participation(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None:
        return
    exempt = (
        funding.exemption is not None or bilan.beneficiary.status is BeneficiaryStatus.JOB_SEEKER
    )
    amount = ctx.value(CPF_PARTICIPATION, funding.purchase_date)
    owed = _ZERO if exempt or amount is None else amount
    paid = funding.participation
    if paid != owed:
        bought = funding.purchase_date
        yield Finding(
            path="$.funding.participation",
            message=(
                f"participation de {euros(paid)} ; {euros(owed)} due pour un achat "
                f"le {date_fr(bought)}" + (" (exonération)" if exempt else "")
            ),
            message_en=(
                f"participation of {euros_en(paid)}; {euros_en(owed)} owed for a purchase on "
                f"{date_en(bought)}" + (" (exempt)" if exempt else "")
            ),
        )
    total = funding.cpf_amount + paid + funding.co_funding
    if total != funding.price:
        yield Finding(
            path="$.funding.price",
            message=(
                f"prix de {euros(funding.price)} ; CPF {euros(funding.cpf_amount)} + "
                f"participation {euros(paid)} + cofinancement {euros(funding.co_funding)} "
                f"= {euros(total)}"
            ),
            message_en=(
                f"price of {euros_en(funding.price)}; CPF {euros_en(funding.cpf_amount)} + "
                f"participation {euros_en(paid)} + co-funding {euros_en(funding.co_funding)} "
                f"= {euros_en(total)}"
            ),
        )


@register(
    "BC-CPF-CAP",
    severity=Severity.ERROR,
    title="Droits CPF mobilisés : 1 600 € au plus par bilan",
    title_en="CPF rights used: at most €1,600 per bilan",
    references=(ref.LFI_2026_ART_203, ref.DECRET_2026_127),
    in_force_from=_2026_02_26,
    confidence=Confidence.SECONDARY,
    confidence_note=(
        "Reported by secondary sources; decree of 24 Feb 2026 (number 2026-127 as reported "
        "by a provider site)."
    ),
    section=_SECTION,
    notes=(
        "By purchase date. Above the cap the holder or a co-funder pays the difference "
        "(co_funding). Applied by the CPF platform in the purchase flow since 2026-02-26."
    ),
)
def _cap(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None:
        return
    cap = ctx.value(CPF_CAP, funding.purchase_date)
    if cap is not None and funding.cpf_amount > cap:
        yield Finding(
            path="$.funding.cpf_amount",
            message=f"{euros(funding.cpf_amount)} de droits CPF ; au plus {euros(cap)}",
            message_en=f"{euros_en(funding.cpf_amount)} of CPF rights; at most {euros_en(cap)}",
        )


@register(
    "BC-CPF-WAITING-PERIOD",
    severity=Severity.ERROR,
    title="CPF : pas de bilan financé dans les 5 ans précédents",
    title_en="CPF: no funded bilan in the previous 5 years",
    references=(ref.DECRET_2026_126,),
    in_force_from=_2026_02_26,
    confidence=Confidence.SECONDARY,
    confidence_note=(
        "Reported by secondary sources; decree of 24 Feb 2026 (number 2026-126 as reported "
        "by a provider site)."
    ),
    section=_SECTION,
    notes=(
        "Reads beneficiary.earlier_funded_bilans (earlier bilans paid with public or "
        "mutualised funds). With the catalogue's counting convention, an earlier bilan on day "
        "E blocks a purchase up to and including E + 5 years; a purchase from the next day is "
        "allowed. Dates after the purchase date are ignored (not earlier)."
    ),
)
def _waiting_period(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None:
        return
    bought = funding.purchase_date
    years = ctx.value(CPF_WAITING_YEARS, bought)
    if years is None:
        return
    earlier = bilan.beneficiary.earlier_funded_bilans
    for index in range(len(earlier) - 1, -1, -1):
        previous = earlier[index]
        if previous <= bought <= add_months(previous, 12 * years):
            yield Finding(
                path=f"$.beneficiary.earlier_funded_bilans[{index}]",
                message=(
                    f"bilan financé le {date_fr(previous)}, {years} ans ou moins avant l'achat "
                    f"du {date_fr(bought)}"
                ),
                message_en=(
                    f"funded bilan on {date_en(previous)}, {years} years or less before the "
                    f"purchase on {date_en(bought)}"
                ),
            )
            return


@register(
    "BC-CPF-ACCOMPANIMENT-ONLY",
    severity=Severity.WARNING,
    title="Le CPF ne finance que les heures d'accompagnement",
    title_en="The CPF pays only hours of accompaniment",
    references=(ref.D6323_6,),
    in_force_from=_2026_02_26,
    confidence=Confidence.UNVERIFIED,
    confidence_note=(
        "D6323-6 as amended by a decree of 24 Feb 2026, quoted from its draft. A warning "
        "until the published text is read."
    ),
    section=_SECTION,
    notes=(
        "Checkable only when the funding states the minutes it pays (funded_minutes): they "
        "must not exceed the plan's accompaniment minutes. A plan may contain personal work; "
        "when the funded minutes are not stated the rule reports nothing."
    ),
)
def _accompaniment_only(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    funding = _cpf(bilan)
    if funding is None or funding.funded_minutes is None:
        return
    funded, done = funding.funded_minutes, bilan.accompaniment_minutes
    if funded > done:
        yield Finding(
            path="$.funding.funded_minutes",
            message=(
                f"{hours(funded)} financées par le CPF ; {hours(done)} d'accompagnement prévues"
            ),
            message_en=(
                f"{hours_en(funded)} paid by the CPF; {hours_en(done)} of accompaniment planned"
            ),
        )
