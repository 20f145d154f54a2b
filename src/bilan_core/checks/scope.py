"""Section 1 of the catalogue: consent, and who may carry out the bilan.

- ``BC-CONSENT-REQUIRED``: the beneficiary's consent is recorded, no later than the first
  session (C. trav. L6313-4 al. 2).
- ``BC-CONSENT-WITHDRAWN``: no session after the consent was withdrawn (inference from
  L6313-4; secondary).
- ``BC-PROVIDER-NOT-EMPLOYER``: an employer does not carry out bilans for its own private-law
  employees (R6313-5; secondary).
- ``BC-PROVIDER-QUALIOPI``: public or mutualised funds go only to a Qualiopi-certified provider
  (L6316-1).
- ``BC-PROVIDER-DECLARED``: the provider has a *déclaration d'activité* number (L6351-1).

The library asks for its own consent record on every route: a CPF order is the holder's
agreement to spend CPF rights (L6323-2), not proof of consent to the bilan.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core._format import date_en, date_fr
from bilan_core._paris import paris_date, paris_ordinal
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.funding import (
    CpfFunding,
)
from bilan_core.phases import Phase
from bilan_core.provider import QualiopiCategory
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
_SECTION = "scope"
_NOT_STARTED = (Phase.INQUIRY, Phase.CANCELLED)


@register(
    "BC-CONSENT-REQUIRED",
    severity=Severity.ERROR,
    title=Text(
        fr="Consentement du bénéficiaire recueilli avant la première séance",
        en="The beneficiary's consent, given no later than the first session",
    ),
    references=(ref.L6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "Un bilan ne peut être réalisé qu'avec le consentement du travailleur ; son refus ne "
            "constitue ni une faute ni un motif de licenciement. Exigé quel que soit le mode de "
            "financement, CPF compris (la commande CPF vaut accord du titulaire pour mobiliser ses "
            "droits, L6323-2, et non consentement au bilan). La règle ne s'applique pas tant que "
            "le bilan en est à l'information préalable ou s'il a été annulé avant son début, sauf "
            "si des séances sont déjà prévues. Le consentement doit être donné au plus tard au "
            "début de la première séance des trois phases. La règle conditionne l'accord : "
            "consentement enregistré et valable à l'instant de l'accord."
        ),
        en=(
            "A bilan can only be carried out with the worker's consent; a refusal is neither a "
            "fault nor a ground for dismissal. Required on every route, CPF included (a CPF order "
            "is the holder's agreement to spend CPF rights, L6323-2, not consent to the bilan). "
            "Not judged while the bilan is an inquiry or was cancelled before it started, unless "
            "sessions are already planned. Consent must be given no later than the start of the "
            "first session of the three phases. It guards the agreement: consent recorded and "
            "holding at the instant of the agreement."
        ),
    ),
    blocks=("agree",),
)
def _consent_required(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    consent = bilan.consent
    first = bilan.first_session
    if consent is None:
        if first is not None or bilan.phase not in _NOT_STARTED:
            yield Finding(
                path="$.consent",
                message=Text(
                    fr="aucun consentement du bénéficiaire n'est enregistré",
                    en="no consent of the beneficiary is recorded",
                ),
            )
        return
    if first is not None and consent.given_at > first.start:
        given, start = paris_date(consent.given_at), paris_date(first.start)
        yield Finding(
            path="$.consent.given_at",
            message=(
                Text(
                    fr=f"consentement donné le {date_fr(given)}, après la première séance "
                    f"du {date_fr(start)}",
                    en=f"consent given on {date_en(given)}, after the first session on "
                    f"{date_en(start)}",
                )
            ),
        )


@guard("BC-CONSENT-REQUIRED", "agree")
def _consent_at_agreement(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    consent = bilan.consent
    if consent is None:
        yield Finding(
            path="$.consent",
            message=Text(
                fr="aucun consentement du bénéficiaire n'est enregistré",
                en="no consent of the beneficiary recorded",
            ),
        )
        return
    if ctx.at is not None and not consent.active_at(ctx.at):
        yield Finding(
            path="$.consent",
            message=Text(
                fr="le consentement du bénéficiaire ne vaut pas à cet instant",
                en="the beneficiary's consent does not hold at this time",
            ),
        )
        return
    yield from _consent_required(bilan, ctx)


@register(
    "BC-CONSENT-WITHDRAWN",
    severity=Severity.ERROR,
    title=Text(
        fr="Aucune séance après le retrait du consentement",
        en="No session after the beneficiary withdrew consent",
    ),
    references=(ref.L6313_4,),
    in_force_from=_2019,
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr="Déduit de L6313-4 al. 2 (consentement), et non d'une disposition expresse.",
        en="Inference from L6313-4 al. 2 (consent), not an explicit clause.",
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Le retrait du consentement met fin au bilan et n'est jamais enregistré comme une "
            "faute. Toute séance prévue ou tenue (entretien de suivi compris) qui commence au "
            "moment du retrait ou après est signalée ; les séances annulées ne le sont pas."
        ),
        en=(
            "Withdrawal ends the bilan and is never recorded as a fault. Every planned or held "
            "session (the follow-up interview included) that starts at or after the withdrawal is "
            "reported; cancelled sessions are not."
        ),
    ),
)
def _consent_withdrawn(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    consent = bilan.consent
    if consent is None or consent.withdrawn_at is None:
        return
    withdrawn = consent.withdrawn_at
    for index, session in enumerate(bilan.sessions):
        if session.counts and session.start >= withdrawn:
            start, gone = paris_date(session.start), paris_date(withdrawn)
            yield Finding(
                path=f"$.sessions[{index}].start",
                message=(
                    Text(
                        fr=f"séance du {date_fr(start)} après le retrait du consentement "
                        f"le {date_fr(gone)}",
                        en=f"session on {date_en(start)} after consent was withdrawn on "
                        f"{date_en(gone)}",
                    )
                ),
            )


@register(
    "BC-PROVIDER-NOT-EMPLOYER",
    severity=Severity.ERROR,
    title=Text(
        fr="Le prestataire n'est pas l'employeur du bénéficiaire",
        en="The provider is not the beneficiary's employer",
    ),
    references=(ref.R6313_5,),
    in_force_from=_2019,
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr="Revue Fiduciaire et Centre Inffo citant R6313-5 ; le texte lui-même n'a pas été lu.",
        en="Revue Fiduciaire and Centre Inffo quoting R6313-5; the text was not read.",
    ),
    section=_SECTION,
    blocks=("agree",),
    notes=Text(
        fr=(
            "Compare le SIREN (les 9 premiers chiffres du SIRET) du prestataire et celui de "
            "l'employeur, pour les seuls salariés de droit privé. Ne s'applique pas aux agents "
            "publics : pour les agents de l'État, le prestataire peut être interne ou externe à "
            "l'administration (arrêté du 31 juillet 2009)."
        ),
        en=(
            "Compares the SIREN (the first 9 digits of the SIRET) of the provider and of the "
            "employer, for private-law employees only. Not applied to public agents: for State "
            "agents the provider may be internal or external to the administration (arrêté du "
            "31 juillet 2009)."
        ),
    ),
)
def _provider_not_employer(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    beneficiary = bilan.beneficiary
    siret = beneficiary.employer_siret
    if beneficiary.status is not BeneficiaryStatus.PRIVATE_EMPLOYEE or siret is None:
        return
    siren = bilan.provider.siret[:9]
    if siret[:9] == siren:
        yield Finding(
            path="$.provider.siret",
            message=Text(
                fr=f"le prestataire (SIREN {siren}) est l'employeur du bénéficiaire",
                en=f"the provider (SIREN {siren}) is the beneficiary's employer",
            ),
        )


@register(
    "BC-PROVIDER-QUALIOPI",
    severity=Severity.ERROR,
    title=Text(
        fr="Prestataire certifié Qualiopi (bilan de compétences) sur fonds publics ou mutualisés",
        en="Qualiopi-certified provider (bilan category) for public or mutualised funds",
    ),
    references=(ref.L6316_1, ref.R6316_1),
    in_force_from=pendulum.date(2022, 1, 1),
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "S'applique au CPF, aux financements employeur pris en charge par un OPCO, aux "
            "demandeurs d'emploi et au congé des agents publics financé par l'administration ou "
            "l'ANFH ; non aux bilans autofinancés, aux fonds propres de l'employeur ni à l'agent "
            "qui finance lui-même son bilan. La certification doit couvrir les « actions "
            "permettant de réaliser un bilan de compétences » à la date de référence (achat ou "
            "accord : erreur) et encore à la première séance (avertissement si elle a expiré "
            "entre-temps : le texte ne dit pas à quel jour la certification s'apprécie, d'où un "
            "simple avertissement). La période transitoire de 2022 (financement admis jusqu'au "
            "2022-06-30 pour les prestataires ayant signé un contrat avec un organisme "
            "certificateur, décret 2021-1851) n'est pas modélisée."
        ),
        en=(
            "Applies to CPF, OPCO-paid employer routes, job seekers, and public leave paid by the "
            "administration or the ANFH; not to self-funded bilans, an employer's own funds or an "
            "agent paying themselves. The certificate must cover 'actions permettant de réaliser "
            "un bilan de compétences' at the reference date (purchase or agreement: error) and "
            "still at the first session (warning when it lapsed in between: the text does not say "
            "on which day certification is judged, hence only a warning). The 2022 transition "
            "(funding allowed until 2022-06-30 for providers with a signed certifier contract, "
            "décret 2021-1851) is not modelled."
        ),
    ),
    blocks=("agree",),
)
def _provider_qualiopi(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    if not facts.public_or_mutualised(bilan.funding):
        return
    certificate = bilan.provider.qualiopi
    agreed = ctx.reference_date
    category = QualiopiCategory.BILAN_DE_COMPETENCES
    if certificate is None or not certificate.covers(agreed, category):
        yield Finding(
            path="$.provider.qualiopi",
            message=(
                Text(
                    fr=f"aucune certification Qualiopi couvrant le bilan de compétences "
                    f"au {date_fr(agreed)}",
                    en=f"no Qualiopi certificate covering the bilan category on {date_en(agreed)}",
                )
            ),
        )
        return
    first = bilan.first_session
    if first is None:
        return
    day = paris_ordinal(first.start)
    if not certificate.valid_from.toordinal() <= day <= certificate.valid_until.toordinal():
        start = dt.date.fromordinal(day)
        yield Finding(
            path="$.provider.qualiopi.valid_until",
            message=(
                Text(
                    fr=f"certification Qualiopi expirée à la première séance du {date_fr(start)} "
                    f"(valable jusqu'au {date_fr(certificate.valid_until)})",
                    en=f"Qualiopi certificate lapsed by the first session on {date_en(start)} "
                    f"(valid until {date_en(certificate.valid_until)})",
                )
            ),
            severity=Severity.WARNING,
        )


@register(
    "BC-PROVIDER-DECLARED",
    severity=Severity.ERROR,
    title=Text(
        fr="Prestataire déclaré (numéro de déclaration d'activité)",
        en="Declared provider (activity declaration number, NDA)",
    ),
    references=(ref.L6351_1, ref.R6351_1),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "La déclaration doit être faite dans les 3 mois suivant le premier contrat du "
            "prestataire, lequel est signé sans numéro : l'absence de NDA est une erreur pour les "
            "bilans financés par le CPF (la plateforme CPF l'exige) et un avertissement dans les "
            "autres cas. Le modèle ne peut pas savoir si les 3 mois sont écoulés (la date du "
            "premier contrat n'est pas enregistrée)."
        ),
        en=(
            "The declaration is due within 3 months of the provider's first contract, which is "
            "signed without a number: a missing NDA is an error for CPF-funded bilans (the CPF "
            "platform requires it) and a warning otherwise. The model cannot tell whether the "
            "3 months have run out (the date of the first contract is not recorded)."
        ),
    ),
)
def _provider_declared(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if bilan.provider.nda is not None:
        return
    cpf = isinstance(bilan.funding, CpfFunding)
    yield Finding(
        path="$.provider.nda",
        message=Text(
            fr="le prestataire n'a pas de numéro de déclaration d'activité",
            en="the provider has no activity declaration number (NDA)",
        ),
        severity=None if cpf else Severity.WARNING,
    )
