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

from decimal import Decimal
from typing import TYPE_CHECKING

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core._format import date_en, date_fr, euros, euros_en, hours, hours_en
from bilan_core._paris import add_months
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.funding import CpfFunding, EmployerAnswer
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
_2026_02_26 = pendulum.date(2026, 2, 26)
_SECTION = "cpf"
_ZERO = Decimal("0.00")


def _cpf(bilan: Bilan) -> CpfFunding | None:
    funding = bilan.funding
    return funding if isinstance(funding, CpfFunding) else None


@register(
    "BC-CPF-EMPLOYER-NOTICE",
    severity=Severity.ERROR,
    title=Text(
        fr="CPF sur le temps de travail : la demande à l'employeur dans le délai de prévenance",
        en="CPF on working time: the request to the employer within the notice period",
    ),
    references=(ref.L6323_17, ref.D6323_4),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "Uniquement pour un bilan CPF suivi en tout ou partie sur le temps de travail ; "
            "entièrement hors temps de travail, l'employeur n'a à être ni sollicité ni informé. "
            "Respectée lorsque l'écart entre le jour de la première séance et le jour d'envoi de "
            "la demande est d'au moins 60 jours (120 jours lorsque l'action dure 6 mois ou plus, "
            "de la première à la dernière séance). Une demande tardive est une erreur, ou un "
            "avertissement lorsque l'employeur y a néanmoins expressément fait droit (le délai "
            "protège l'employeur). L'absence de demande est signalée dès qu'une première séance "
            "est prévue."
        ),
        en=(
            "Only for a CPF bilan wholly or partly on working time; entirely outside working time "
            "the employer need not be asked nor informed. Holds when the first session's day minus "
            "the day the request was sent is at least 60 days (120 days when the action lasts "
            "6 months or more, first to last session). A late request is an error, or a warning "
            "when the employer explicitly granted it anyway (the delay protects the employer). A "
            "missing request is reported once a first session is planned."
        ),
    ),
)
def _employer_notice(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    notice = facts.cpf_request(bilan, ctx.values)
    if funding is None or notice is None:
        return
    request = funding.employer_request
    if request is None:
        yield Finding(
            path="$.funding.employer_request",
            message=Text(
                fr="bilan CPF sur le temps de travail sans demande d'autorisation à l'employeur",
                en="CPF bilan on working time with no request for the employer's leave",
            ),
        )
        return
    start, needed = notice.start, notice.amount
    days = start.toordinal() - request.sent_on.toordinal()
    if days < needed:
        granted = request.answer is EmployerAnswer.GRANTED
        yield Finding(
            path="$.funding.employer_request.sent_on",
            message=Text(
                fr=f"demande envoyée le {date_fr(request.sent_on)}, {days} jours avant le début "
                f"du {date_fr(start)} ; au moins {needed} jours"
                + (" (accordée malgré tout par l'employeur)" if granted else ""),
                en=f"request sent on {date_en(request.sent_on)}, {days} days before the start on "
                f"{date_en(start)}; at least {needed} days"
                + (" (granted by the employer anyway)" if granted else ""),
            ),
            severity=Severity.WARNING if granted else None,
            reference=notice.reference,  # D6323-4 sets the 60 and 120 days
        )


@register(
    "BC-CPF-EMPLOYER-ANSWER",
    severity=Severity.ERROR,
    title=Text(
        fr="CPF sur le temps de travail : la réponse de l'employeur, son silence vaut accord",
        en="CPF on working time: the employer's answer, silence meaning yes",
    ),
    references=(ref.L6323_17, ref.D6323_4),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "L'employeur dispose de 30 jours à compter de la réception (du jour d'envoi si la "
            "réception est inconnue) ; l'échéance est réception + 30 et le silence vaut "
            "acceptation à compter de réception + 31. Un refus exprès dans ce délai fait obstacle "
            "au bilan sur le temps de travail (erreur) ; un refus postérieur à l'échéance "
            "intervient alors que le silence valait déjà acceptation (information). En l'absence "
            "de réponse : une première séance au plus tard le jour de l'échéance est une erreur ; "
            "sinon, jusqu'à l'échéance (appréciée à la date d'évaluation), la réponse est en "
            "attente (information). La règle conditionne l'accord : une demande enregistrée, et "
            "une réponse donnée ou le délai de silence écoulé."
        ),
        en=(
            "The employer has 30 days from receipt (the sending day when receipt is unknown); the "
            "deadline is receipt + 30 and silence counts as acceptance from receipt + 31. An "
            "explicit refusal within the period blocks the bilan on working time (error); a "
            "refusal after the deadline comes when silence already counted as acceptance (info). "
            "With no answer: a first session on or before the deadline is an error; otherwise, up "
            "to the deadline (judged at the evaluation date) the answer is pending (info). It "
            "guards the agreement: a request recorded, and an answer given or the silence period "
            "over."
        ),
    ),
    blocks=("agree",),
)
def _employer_answer(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    answer = facts.employer_answer(bilan, ctx.values)
    if funding is None or answer is None or funding.employer_request is None:
        return
    request = funding.employer_request
    if request.answer is EmployerAnswer.GRANTED:
        return
    due = answer.due
    if request.answer is EmployerAnswer.REFUSED:
        answered = request.answered_on
        late = answered is not None and answered > due
        yield Finding(
            path="$.funding.employer_request.answer",
            message=Text(
                fr=f"refus de l'employeur après l'échéance du {date_fr(due)} : son silence "
                "valait déjà acceptation"
                if late
                else "l'employeur a refusé : pas de bilan sur le temps de travail",
                en=f"the employer refused after the deadline of {date_en(due)}: silence had "
                "already counted as acceptance"
                if late
                else "the employer refused: no bilan on working time",
            ),
            severity=Severity.INFO if late else None,
            reference=answer.reference if late else ref.L6323_17,
        )
        return
    start = facts.start_day(bilan)
    if start is not None and start <= due:
        yield Finding(
            path="$.funding.employer_request.answer",
            message=Text(
                fr=f"le bilan commence le {date_fr(start)}, sans réponse de l'employeur "
                f"avant l'échéance du {date_fr(due)}",
                en=f"the bilan starts on {date_en(start)}, with no answer from the employer "
                f"before the deadline of {date_en(due)}",
            ),
            reference=answer.reference,  # the 30 days and silence as acceptance are set there
        )
        return
    if ctx.on <= due:
        yield Finding(
            path="$.funding.employer_request.answer",
            message=Text(
                fr=f"réponse de l'employeur attendue au plus tard le {date_fr(due)} ; "
                "son silence vaudra acceptation",
                en=f"the employer's answer is due by {date_en(due)}; silence will count as "
                "acceptance",
            ),
            severity=Severity.INFO,
            reference=answer.reference,
        )


@guard("BC-CPF-EMPLOYER-ANSWER", "agree")
def _employer_authorised(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None or not funding.on_working_time:
        return
    request = funding.employer_request
    answer = facts.employer_answer(bilan, ctx.values)
    if request is None or answer is None:
        yield Finding(
            path="$.funding.employer_request",
            message=Text(
                fr="aucune demande d'autorisation d'absence à l'employeur n'est enregistrée",
                en="no absence request to the employer recorded",
            ),
        )
        return
    today = ctx.on
    answered = request.answered_on is not None and request.answered_on <= today
    if answered and request.answer is EmployerAnswer.REFUSED:
        yield Finding(
            path="$.funding.employer_request.answer",
            message=Text(
                fr="l'employeur a refusé l'absence", en="the employer refused the absence"
            ),
        )
    elif not answered and today <= answer.due:
        yield Finding(
            path="$.funding.employer_request.answer",
            message=Text(
                fr="pas encore de réponse de l'employeur ; son silence ne vaut accord qu'après "
                f"{answer.amount} jours à compter de la réception",
                en="no answer from the employer yet; silence counts as acceptance only after "
                f"{answer.amount} days from receipt",
            ),
        )


@register(
    "BC-CPF-PARTICIPATION",
    severity=Severity.ERROR,
    title=Text(
        fr="Participation forfaitaire du titulaire du CPF", en="The CPF holder's flat participation"
    ),
    references=(ref.L6323_4, ref.L6323_7, ref.DECRET_2024_394, ref.ARRETES_CPF_PARTICIPATION),
    in_force_from=pendulum.date(2024, 5, 2),
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "Source officielle pour le principe et les 100 € ; sources secondaires pour 102.23 € "
            "et 103.20 €."
        ),
        en="Official for the principle and 100 €; secondary for 102.23 € and 103.20 €.",
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Le montant est celui applicable à la date d'achat : 100.00 € à compter du 2024-05-02, "
            "102.23 € à compter du 2025-01-01, 103.20 € à compter du 2026-01-01. Aucune "
            "participation n'est due par les demandeurs d'emploi (statut ou exonération), ni en "
            "cas d'abondement de l'employeur, de points C2P ou de contribution AT/MP. L'employeur "
            "ou un OPCO peut la payer pour le titulaire : le champ indique ce qui a été payé, quel "
            "que soit le payeur. Les montants doivent concorder (prix = montant CPF + "
            "participation + cofinancement) ; un écart est signalé sous cet identifiant. "
            "L'interdiction faite au prestataire de la rembourser ne repose que sur le site d'un "
            "prestataire (usage) : elle n'est pas vérifiée."
        ),
        en=(
            "The amount is fixed at the purchase date: 100.00 € from 2024-05-02, 102.23 € from "
            "2025-01-01, 103.20 € from 2026-01-01. None is owed by job seekers (status or "
            "exemption), nor with an employer contribution, C2P points or the AT/MP contribution. "
            "The employer or an OPCO may pay it for the holder: the field holds what was paid, by "
            "anyone. The amounts must add up (price = CPF amount + participation + co-funding); a "
            "mismatch is reported under this id. That the provider may not reimburse it rests on a "
            "provider site only (practice): not checked."
        ),
    ),
)
def _participation(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None:
        return
    exempt = (
        funding.exemption is not None or bilan.beneficiary.status is BeneficiaryStatus.JOB_SEEKER
    )
    amount = ctx.values_on(funding.purchase_date).cpf.participation
    owed = _ZERO if exempt or amount is None else amount
    paid = funding.participation
    if paid != owed:
        bought = funding.purchase_date
        yield Finding(
            path="$.funding.participation",
            message=(
                Text(
                    fr=f"participation de {euros(paid)} ; {euros(owed)} due pour un achat "
                    f"le {date_fr(bought)}" + (" (exonération)" if exempt else ""),
                    en=f"participation of {euros_en(paid)}; {euros_en(owed)} owed for a purchase "
                    "on "
                    f"{date_en(bought)}" + (" (exempt)" if exempt else ""),
                )
            ),
        )
    total = funding.cpf_amount + paid + funding.co_funding
    if total != funding.price:
        yield Finding(
            path="$.funding.price",
            message=(
                Text(
                    fr=f"prix de {euros(funding.price)} ; CPF {euros(funding.cpf_amount)} + "
                    f"participation {euros(paid)} + cofinancement {euros(funding.co_funding)} "
                    f"= {euros(total)}",
                    en=f"price of {euros_en(funding.price)}; CPF {euros_en(funding.cpf_amount)} + "
                    f"participation {euros_en(paid)} + co-funding {euros_en(funding.co_funding)} "
                    f"= {euros_en(total)}",
                )
            ),
        )


@register(
    "BC-CPF-CAP",
    severity=Severity.ERROR,
    title=Text(
        fr="Droits CPF mobilisés : le plafond par bilan",
        en="CPF rights used: the cap per bilan",
    ),
    references=(ref.D6323_1_A, ref.L6323_6, ref.LFI_2026_ART_203, ref.DECRET_2026_127),
    in_force_from=_2026_02_26,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "D6323-1 A, 2° (créé par le décret n° 2026-127 du 24 février 2026, en vigueur le "
            "2026-02-26), lu dans l'export LEGI du Code du travail daté du 27 mars 2026 ; base "
            "légale : L6323-6 II b) modifié par la loi n° 2026-103, art. 203."
        ),
        en=(
            "D6323-1 A, 2° (created by décret n° 2026-127 of 24 February 2026, in force "
            "2026-02-26), read in the LEGI export of the Code du travail dated 27 March 2026; "
            "legal basis: L6323-6 II b) as amended by loi n° 2026-103, art. 203."
        ),
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Selon la date d'achat. Au-delà du plafond, le titulaire ou un cofinanceur paie la "
            "différence (co_funding). Appliqué par la plateforme CPF lors de l'achat depuis le "
            "2026-02-26."
        ),
        en=(
            "By purchase date. Above the cap the holder or a co-funder pays the difference "
            "(co_funding). Applied by the CPF platform in the purchase flow since 2026-02-26."
        ),
    ),
)
def _cap(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None:
        return
    cap = ctx.values_on(funding.purchase_date).cpf.cap
    if cap is not None and funding.cpf_amount > cap:
        yield Finding(
            path="$.funding.cpf_amount",
            message=Text(
                fr=f"{euros(funding.cpf_amount)} de droits CPF ; au plus {euros(cap)}",
                en=f"{euros_en(funding.cpf_amount)} of CPF rights; at most {euros_en(cap)}",
            ),
        )


@register(
    "BC-CPF-WAITING-PERIOD",
    severity=Severity.ERROR,
    title=Text(
        fr="CPF : le délai depuis un précédent bilan financé",
        en="CPF: the waiting period since an earlier funded bilan",
    ),
    references=(ref.D6323_6_AL4, ref.DECRET_2026_126),
    in_force_from=_2026_02_26,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "D6323-6, al. 4, tel que modifié par le décret n° 2026-126 du 24 février 2026 (en "
            "vigueur le 2026-02-26), lu dans l'export LEGI du Code du travail daté du 27 mars "
            "2026."
        ),
        en=(
            "D6323-6 al. 4 as amended by décret n° 2026-126 of 24 February 2026 (in force "
            "2026-02-26), read in the LEGI export of the Code du travail dated 27 March 2026."
        ),
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Le texte : pas de mobilisation du CPF pour un bilan si le titulaire a bénéficié, au "
            "cours des cinq années qui précèdent sa demande de souscription, d'un bilan financé "
            "par un organisme financeur de L6316-1 ou un fonds d'assurance formation (L6332-9). "
            "Lit beneficiary.earlier_funded_bilans (les bilans antérieurs ainsi financés, CPF "
            "compris ; un bilan autofinancé ou payé sur les fonds propres de l'employeur n'y a "
            "pas sa place) ; la demande de souscription est la date d'achat. Selon la convention "
            "de décompte du catalogue, un bilan antérieur daté du jour E fait obstacle à un achat "
            "jusqu'au jour E + 5 ans inclus ; un achat à compter du lendemain est admis. Les "
            "dates postérieures à la date d'achat sont ignorées (elles ne sont pas antérieures)."
        ),
        en=(
            "The text: no CPF money for a bilan when the holder had, in the five years before "
            "their subscription request, a bilan funded by an L6316-1 funder or a training "
            "insurance fund (L6332-9). Reads beneficiary.earlier_funded_bilans (earlier bilans "
            "so funded, the CPF included; a self-funded bilan or one paid from an employer's own "
            "funds does not belong there); the subscription request is the purchase date. With "
            "the catalogue's counting convention, an earlier bilan on day E blocks a purchase up "
            "to and including E + 5 years; a purchase from the next day is allowed. Dates after "
            "the purchase date are ignored (not earlier)."
        ),
    ),
)
def _waiting_period(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _cpf(bilan)
    if funding is None:
        return
    bought = funding.purchase_date
    years = ctx.values_on(bought).cpf.waiting_years
    if years is None:
        return
    earlier = bilan.beneficiary.earlier_funded_bilans
    for index in range(len(earlier) - 1, -1, -1):
        previous = earlier[index]
        if previous <= bought <= add_months(previous, 12 * years):
            yield Finding(
                path=f"$.beneficiary.earlier_funded_bilans[{index}]",
                message=(
                    Text(
                        fr=f"bilan financé le {date_fr(previous)}, {years} ans ou moins avant "
                        "l'achat "
                        f"du {date_fr(bought)}",
                        en=f"funded bilan on {date_en(previous)}, {years} years or less before the "
                        f"purchase on {date_en(bought)}",
                    )
                ),
            )
            return


@register(
    "BC-CPF-ACCOMPANIMENT-ONLY",
    severity=Severity.ERROR,
    title=Text(
        fr="Le CPF ne finance que les heures d'accompagnement",
        en="The CPF pays only hours of accompaniment",
    ),
    references=(ref.D6323_6_AL3, ref.DECRET_2026_126),
    in_force_from=_2026_02_26,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "D6323-6, al. 3, tel que modifié par le décret n° 2026-126 du 24 février 2026 (en "
            "vigueur le 2026-02-26), lu dans l'export LEGI du Code du travail daté du 27 mars "
            "2026 : « Seules les heures d'accompagnement effectuées par un prestataire mentionné "
            "à l'article L. 6351-1 peuvent donner lieu à un financement » par le CPF. Une erreur "
            "depuis cette lecture (un avertissement tant que seul le projet était connu)."
        ),
        en=(
            "D6323-6 al. 3 as amended by décret n° 2026-126 of 24 February 2026 (in force "
            "2026-02-26), read in the LEGI export of the Code du travail dated 27 March 2026: "
            "only 'heures d'accompagnement effectuées par un prestataire mentionné à l'article "
            "L. 6351-1' may be paid by the CPF. An error since that reading (a warning while only "
            "the draft was known)."
        ),
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Vérifiable seulement lorsque le financement indique les minutes qu'il prend en charge "
            "(funded_minutes) : elles ne doivent pas excéder les minutes d'accompagnement du plan. "
            "Ce qui sépare l'accompagnement du travail personnel reste l'interprétation du "
            "catalogue (le texte dit « heures d'accompagnement »). Un plan peut comporter du "
            "travail personnel ; lorsque les minutes financées ne sont pas indiquées, la règle ne "
            "signale rien. Ne s'applique pas à un bilan arrêté avant son terme (les heures non "
            "faites ne sont pas payées)."
        ),
        en=(
            "Checkable only when the funding states the minutes it pays (funded_minutes): they "
            "must not exceed the plan's accompaniment minutes. Where accompaniment ends and "
            "personal work begins stays the catalogue's interpretation (the text says 'heures "
            "d'accompagnement'). A plan may contain personal work; when the funded minutes are "
            "not stated the rule reports nothing. Does not apply to a bilan stopped before its end "
            "(hours not done are not paid)."
        ),
    ),
)
def _accompaniment_only(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    funding = _cpf(bilan)
    if funding is None or funding.funded_minutes is None or facts.stopped_early(bilan):
        return
    funded, done = funding.funded_minutes, bilan.accompaniment_minutes
    if funded > done:
        yield Finding(
            path="$.funding.funded_minutes",
            message=(
                Text(
                    fr=f"{hours(funded)} financées par le CPF ; {hours(done)} d'accompagnement "
                    "prévues",
                    en=f"{hours_en(funded)} paid by the CPF; {hours_en(done)} of accompaniment "
                    "planned",
                )
            ),
        )
