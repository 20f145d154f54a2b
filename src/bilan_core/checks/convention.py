"""Section 5 of the catalogue: the tripartite convention (C. trav. R6313-8).

A bilan under the employer's skills development plan (L6312-1) or during a congé de
reclassement (L1233-71) has a written convention between employer, employee and provider.

- ``BC-CONVENTION-REQUIRED``: the convention exists.
- ``BC-CONVENTION-CONTENT``: it states the ten mentions of R6313-8 1° and 2°.
- ``BC-CONVENTION-ACCEPTANCE``: the employee accepts it by signing within 10 days of the
  employer's sending; no signature within 10 days is a refusal; no session before signature.

The public agents' convention is :mod:`~bilan_core.checks.public_sector`'s business
(``BC-PUBLIC-CONVENTION``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core._format import date_en, date_fr
from bilan_core._paris import day_of, paris_ordinal
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.funding import (
    CONVENTION_ITEMS,
    Convention,
    EmployerPlanFunding,
    ReclassificationLeaveFunding,
)
from bilan_core.phases import Phase
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
_SECTION = "convention"
_NOT_STARTED = (Phase.INQUIRY, Phase.CANCELLED)
_PATH = "$.funding.convention"


def _employer_route(bilan: Bilan) -> EmployerPlanFunding | ReclassificationLeaveFunding | None:
    funding = bilan.funding
    if isinstance(funding, (EmployerPlanFunding, ReclassificationLeaveFunding)):
        return funding
    return None


@register(
    "BC-CONVENTION-REQUIRED",
    severity=Severity.ERROR,
    title=Text(
        fr="Convention tripartite écrite (plan de développement, congé de reclassement)",
        en="A written tripartite convention (employer plan, congé de reclassement)",
    ),
    references=(ref.R6313_8, ref.L6312_1, ref.L1233_71),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "Pour un bilan réalisé au titre du plan de développement des compétences de "
            "l'employeur ou pendant un congé de reclassement, quel que soit le payeur (fonds "
            "propres ou OPCO). La règle ne s'applique pas tant que le bilan en est à l'information "
            "préalable ou s'il a été annulé avant son début, sauf si des séances sont prévues. La "
            "règle conditionne l'accord."
        ),
        en=(
            "For a bilan under the employer's skills development plan or during a congé de "
            "reclassement, whoever pays (own funds or OPCO). Not judged while the bilan is an "
            "inquiry or was cancelled before it started, unless sessions are planned. It guards "
            "the agreement."
        ),
    ),
    blocks=("agree",),
)
def _required(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    funding = _employer_route(bilan)
    if funding is None or funding.convention is not None:
        return
    if bilan.phase in _NOT_STARTED and not bilan.bilan_sessions:
        return
    yield Finding(
        path=_PATH,
        message=Text(
            fr="aucune convention tripartite employeur, salarié, prestataire",
            en="no tripartite convention between employer, employee and provider",
        ),
    )


@register(
    "BC-CONVENTION-CONTENT",
    severity=Severity.ERROR,
    title=Text(
        fr="Mentions obligatoires de la convention tripartite",
        en="Mandatory mentions of the tripartite convention",
    ),
    references=(ref.R6313_8,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "Dix mentions : 1° intitulé, objectif, contenu, moyens, durée, période de réalisation, "
            "modalités de déroulement et de suivi, modalités de remise des résultats détaillés et "
            "du document de synthèse ; 2° prix et modalités de règlement. Une violation par "
            "mention manquante, au chemin $.funding.convention.items. Le modèle enregistre les "
            "mentions que comporte la convention, non leur rédaction."
        ),
        en=(
            "Ten mentions: 1° title, objective, content, means, duration, period, conduct and "
            "follow-up arrangements, how the detailed results and the synthesis are handed over; "
            "2° price and payment terms. One violation per missing mention, at "
            "$.funding.convention.items. The model records which mentions the convention states, "
            "not their wording."
        ),
    ),
)
def _content(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    funding = _employer_route(bilan)
    if funding is None or funding.convention is None:
        return
    items = funding.convention.items
    for item in CONVENTION_ITEMS:
        if item not in items:
            yield Finding(
                path=f"{_PATH}.items",
                message=Text(
                    fr=f"mention manquante : {item.label.fr}",
                    en=f"missing mention: {item.label.en}",
                ),
            )


def _refusal(convention: Convention, deadline: int, on: dt.date) -> Finding | None:
    """The refusal or the pending acceptance of a sent convention, if any."""
    sent, signed = convention.sent_on, convention.signed_on
    if sent is None:
        return None
    due = day_of(deadline)
    if signed is not None:
        if signed.toordinal() <= deadline:
            return None
        late = signed.toordinal() - sent.toordinal()
        return Finding(
            path=f"{_PATH}.signed_on",
            message=(
                Text(
                    fr=f"convention signée le {date_fr(signed)}, {late} jours après l'envoi du "
                    f"{date_fr(sent)} : au-delà du {date_fr(due)}, le silence valait refus",
                    en=f"convention signed on {date_en(signed)}, {late} days after it was sent on "
                    f"{date_en(sent)}: past {date_en(due)}, silence counted as refusal",
                )
            ),
        )
    if on.toordinal() > deadline:
        return Finding(
            path=f"{_PATH}.signed_on",
            message=(
                Text(
                    fr=f"convention envoyée le {date_fr(sent)}, non signée au {date_fr(due)} : "
                    "refusée par le salarié",
                    en=f"convention sent on {date_en(sent)}, unsigned by {date_en(due)}: refused "
                    "by "
                    "the employee",
                )
            ),
        )
    return Finding(
        path=f"{_PATH}.signed_on",
        message=(
            Text(
                fr=f"signature attendue au plus tard le {date_fr(due)} ; faute de signature, "
                "la convention sera refusée",
                en=f"signature due by {date_en(due)}; without it the convention counts as refused",
            )
        ),
        severity=Severity.INFO,
    )


@register(
    "BC-CONVENTION-ACCEPTANCE",
    severity=Severity.ERROR,
    title=Text(
        fr="Convention acceptée par le salarié avant le début ; son silence vaut refus",
        en="Convention accepted by the employee before the start; silence means no",
    ),
    references=(ref.R6313_8,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "Acceptée si et seulement si signed_on <= sent_on + 10 jours. Signée plus tard, ou non "
            "signée alors que sent_on + 10 est dépassé à la date d'évaluation : refusée (erreur ; "
            "le silence vaut refus, l'employeur ne peut imposer un bilan). Non signée, les "
            "10 jours n'étant pas écoulés : en attente (information). Une séance antérieure au "
            "jour de la signature est une erreur ; sans signature, une séance déjà échue à la date "
            "d'évaluation est une erreur (une séance ultérieure peut encore suivre une signature). "
            "Lorsque le jour d'envoi est inconnu, le délai de 10 jours ne peut être apprécié. La "
            "règle conditionne l'accord : convention signée, dans les 10 jours, au plus tard le "
            "jour de l'accord."
        ),
        en=(
            "Accepted iff signed_on <= sent_on + 10 days. Signed later, or unsigned once sent_on + "
            "10 is past at the evaluation date: refused (error; silence is a refusal, the employer "
            "cannot impose a bilan). Unsigned within the 10 days: pending (info). A session before "
            "the day of signature is an error; unsigned, a session already due at the evaluation "
            "date is an error (a later one may still follow a signature). When the sending day is "
            "unknown the 10 days cannot be judged. It guards the agreement: signed, within the "
            "10 days, by the day of the agreement."
        ),
    ),
    blocks=("agree",),
)
def _acceptance(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _employer_route(bilan)
    if funding is None or funding.convention is None:
        return
    convention = funding.convention
    acceptance = facts.convention_acceptance(bilan, ctx.values)
    if acceptance is not None:
        refusal = _refusal(convention, acceptance.due.toordinal(), ctx.on)
        if refusal is not None:
            yield refusal
    first = bilan.first_session
    if first is None:
        return
    start_day = paris_ordinal(first.start)
    start = dt.date.fromordinal(start_day)
    signed = convention.signed_on
    if signed is None and start_day <= ctx.on.toordinal():
        yield Finding(
            path=f"$.sessions[{bilan.sessions.index(first)}].start",
            message=Text(
                fr=f"séance du {date_fr(start)} sans convention signée",
                en=f"session on {date_en(start)} without a signed convention",
            ),
        )
    elif signed is not None and start_day < signed.toordinal():
        yield Finding(
            path=f"$.sessions[{bilan.sessions.index(first)}].start",
            message=Text(
                fr=f"séance du {date_fr(start)} avant la signature du {date_fr(signed)}",
                en=f"session on {date_en(start)} before the signature on {date_en(signed)}",
            ),
        )


@guard("BC-CONVENTION-REQUIRED", "agree")
def _convention_exists(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    funding = _employer_route(bilan)
    if funding is not None and funding.convention is None:
        yield Finding(
            path=_PATH,
            message=Text(fr="aucune convention tripartite", en="no tripartite convention"),
        )


@guard("BC-CONVENTION-ACCEPTANCE", "agree")
def _convention_signed(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    funding = _employer_route(bilan)
    if funding is None or funding.convention is None:
        return
    convention = funding.convention
    signed = convention.signed_on
    if signed is None or signed > ctx.on:
        yield Finding(
            path=f"{_PATH}.signed_on",
            message=Text(
                fr="la convention n'est pas signée par le salarié",
                en="the convention is not signed by the employee",
            ),
        )
        return
    acceptance = facts.convention_acceptance(bilan, ctx.values)
    if acceptance is not None and signed > acceptance.due:
        late = signed.toordinal() - acceptance.start.toordinal()
        yield Finding(
            path=f"{_PATH}.signed_on",
            message=Text(
                fr=f"signée {late} jours après son envoi ; faute de signature dans les "
                f"{acceptance.amount} jours, elle est refusée",
                en=f"signed {late} days after it was sent; no signature within "
                f"{acceptance.amount} days counts as refusal",
            ),
        )
