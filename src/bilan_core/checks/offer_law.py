"""The law a public offer must not contradict (rules judging offers).

An offer is a promise made before any contract; it must not promise a bilan the law forbids.
Each rule judges what the offer itself states, and says nothing when it states nothing:

- ``OFFER-DURATION-MAX``: no more than the bilan's legal ceiling (24 h, C. trav. L6313-4),
  read from the same dated parameter as ``BC-DURATION-MAX``;
- ``OFFER-PHASES``: the steps it describes include the three phases, in order (R6313-4);
- ``OFFER-SOLE-RECIPIENT``: the beneficiary alone receives the detailed results and the
  synthesis (L6313-4);
- ``OFFER-CPF-EMPLOYER``: the CPF outside working time needs nothing of the employer, on
  working time its prior agreement (L6323-17; L6323-2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pendulum

from bilan_core import references as ref
from bilan_core._format import hours, hours_en
from bilan_core.checks._catalogue import register
from bilan_core.checks._model import Finding
from bilan_core.disclosures import RecipientKind
from bilan_core.offer._access import EmployerInvolvement, FundingRoute
from bilan_core.phases import LEGAL_PHASES, Phase
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.checks._context import Context
    from bilan_core.offer import Offer

__all__: list[str] = []

_SECTION = "offer_law"
_SUBJECT: Final = "offer"
_2019 = pendulum.date(2019, 1, 1)
_LEGAL: Final = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)


@register(
    "OFFER-DURATION-MAX",
    severity=Severity.ERROR,
    title=Text(
        fr="Durée annoncée : le plafond légal du bilan",
        en="Duration announced: the bilan's legal ceiling",
    ),
    references=(ref.L6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr="La durée maximale (et la minimale) que l'offre annonce ne dépasse pas le plafond "
        "que BC-DURATION-MAX applique aux bilans, lu au même paramètre daté "
        "(duration.max_minutes) à la date d'évaluation.",
        en="The longest (and the shortest) duration the offer announces is not above the "
        "ceiling BC-DURATION-MAX applies to bilans, read from the same dated parameter "
        "(duration.max_minutes) at the evaluation date.",
    ),
    subject=_SUBJECT,
)
def _duration_max(offer: Offer, ctx: Context) -> Iterator[Finding]:
    duration = offer.duration
    limit = ctx.values.duration.max_minutes
    if duration is None or limit is None:
        return
    for field in ("min_minutes", "max_minutes"):
        announced = getattr(duration, field)
        if announced is not None and announced > limit:
            yield Finding(
                path=f"$.duration.{field}",
                message=Text(
                    fr=f"l'offre annonce {hours(announced)} ; la loi plafonne le bilan à "
                    f"{hours(limit)}",
                    en=f"the offer announces {hours_en(announced)}; the law caps the bilan at "
                    f"{hours_en(limit)}",
                ),
            )


@register(
    "OFFER-PHASES",
    severity=Severity.ERROR,
    title=Text(
        fr="Déroulement annoncé : les trois phases du bilan, dans l'ordre",
        en="Course announced: the three phases of the bilan, in order",
    ),
    references=(ref.R6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr="Quand l'offre décrit les étapes du bilan (methods.phases), elles comprennent la "
        "phase préliminaire, la phase d'investigation et la phase de conclusion, dans cet "
        "ordre ; l'information préalable et le suivi peuvent s'y ajouter. Une offre qui ne "
        "décrit aucune étape ne promet rien ici (QUALIOPI-IND1-METHODS demande les méthodes).",
        en="When the offer describes the steps of the bilan (methods.phases), they include the "
        "preliminary, investigation and conclusion phases, in that order; the prior "
        "information and the follow-up may come with them. An offer describing no step "
        "promises nothing here (QUALIOPI-IND1-METHODS asks for the methods).",
    ),
    subject=_SUBJECT,
)
def _phases(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    methods = offer.methods
    if methods is None or not methods.phases:
        return
    steps = [step.phase for step in methods.phases]
    missing = [phase for phase in _LEGAL if phase not in steps]
    if missing:
        names = [phase.label for phase in missing]
        yield Finding(
            path="$.methods.phases",
            message=Text(
                fr="l'offre décrit le bilan sans : " + ", ".join(n.fr.lower() for n in names),
                en="the offer describes the bilan without: " + ", ".join(n.en for n in names),
            ),
        )
        return
    legal = [phase for phase in steps if phase in LEGAL_PHASES]
    if legal != sorted(legal, key=_LEGAL.index):
        yield Finding(
            path="$.methods.phases",
            message=Text(
                fr="l'offre décrit les trois phases dans le désordre",
                en="the offer describes the three phases out of order",
            ),
        )


@register(
    "OFFER-SOLE-RECIPIENT",
    severity=Severity.ERROR,
    title=Text(
        fr="Confidentialité annoncée : le bénéficiaire seul destinataire des résultats",
        en="Confidentiality announced: the beneficiary, sole recipient of the results",
    ),
    references=(ref.L6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr="Quand l'offre dit à qui vont les résultats détaillés et le document de synthèse "
        "(confidentiality.recipients), c'est au bénéficiaire seul : ils ne vont à un tiers "
        "qu'avec son accord (BC-RESULTS-TO-BENEFICIARY et BC-DISCLOSURE-CONSENT le vérifient "
        "sur chaque bilan).",
        en="When the offer says who receives the detailed results and the synthesis "
        "(confidentiality.recipients), it is the beneficiary alone: they go to a third party "
        "only with their agreement (BC-RESULTS-TO-BENEFICIARY and BC-DISCLOSURE-CONSENT check "
        "it on each bilan).",
    ),
    subject=_SUBJECT,
)
def _sole_recipient(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    promise = offer.confidentiality
    if promise is None:
        return
    path = "$.confidentiality.recipients"
    if RecipientKind.BENEFICIARY not in promise.recipients:
        yield Finding(
            path=path,
            message=Text(
                fr="l'offre ne destine pas les résultats au bénéficiaire",
                en="the offer does not send the results to the beneficiary",
            ),
        )
    others = sorted(r.value for r in promise.recipients if r is not RecipientKind.BENEFICIARY)
    if others:
        yield Finding(
            path=path,
            message=Text(
                fr="l'offre promet les résultats ou la synthèse à d'autres que le bénéficiaire "
                f"({', '.join(others)})",
                en="the offer promises the results or the synthesis to others than the "
                f"beneficiary ({', '.join(others)})",
            ),
        )


_EXPECTED: Final = {
    False: EmployerInvolvement.NOT_INFORMED,
    True: EmployerInvolvement.PRIOR_AGREEMENT,
}


@register(
    "OFFER-CPF-EMPLOYER",
    severity=Severity.ERROR,
    title=Text(
        fr="CPF annoncé : ce que l'employeur a à connaître",
        en="CPF announced: what the employer has to know",
    ),
    references=(ref.L6323_17, ref.L6323_2),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr="Quand l'offre dit ce que l'employeur a à faire pour un bilan financé par le CPF : "
        "hors temps de travail, rien (le titulaire mobilise seul son compte, L6323-2 ; "
        "l'employeur n'a pas à être informé) ; sur le temps de travail, en tout ou partie, son "
        "accord préalable (autorisation d'absence, L6323-17). Une même mention pour les deux "
        "cas (on_working_time absent) est fausse pour l'un d'eux.",
        en="When the offer says what the employer has to do for a CPF-funded bilan: outside "
        "working time, nothing (the holder alone uses the account, L6323-2; the employer need "
        "not be told); on working time, wholly or partly, its prior agreement (leave of "
        "absence, L6323-17). One statement for both cases (no on_working_time) is wrong for "
        "one of them.",
    ),
    subject=_SUBJECT,
)
def _cpf_employer(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    for index, access in enumerate(offer.access_routes):
        if access.route is not FundingRoute.CPF or access.employer is None:
            continue
        path = f"$.access_routes[{index}].employer"
        if access.on_working_time is None:
            yield Finding(
                path=path,
                message=Text(
                    fr="l'offre dit la même chose de l'employeur que le bilan soit sur le temps "
                    "de travail ou non : hors temps de travail il n'a pas à être informé, sur le "
                    "temps de travail son accord préalable est requis",
                    en="the offer says the same of the employer whether or not the bilan is on "
                    "working time: outside it the employer need not be told, on it their prior "
                    "agreement is required",
                ),
            )
        elif access.employer is not _EXPECTED[access.on_working_time]:
            yield _cpf_finding(path, on_working_time=access.on_working_time)


def _cpf_finding(path: str, *, on_working_time: bool) -> Finding:
    if on_working_time:
        return Finding(
            path=path,
            reference=ref.L6323_17,
            message=Text(
                fr="sur le temps de travail, le salarié demande l'accord préalable de "
                "l'employeur ; l'offre ne le dit pas",
                en="on working time, the employee asks for the employer's prior agreement; "
                "the offer does not say so",
            ),
        )
    return Finding(
        path=path,
        reference=ref.L6323_2,
        message=Text(
            fr="hors temps de travail, le CPF se mobilise sans informer l'employeur ; l'offre "
            "dit le contraire",
            en="outside working time, the CPF is used without telling the employer; the offer "
            "says otherwise",
        ),
    )
