"""The Qualiopi framework on a provider's public offer (rules judging offers).

Indicator 1 of the national quality framework (décret n° 2019-565, annex; applies to the
bilan category): "Le prestataire diffuse une information accessible au public, détaillée et
vérifiable sur les prestations proposées : prérequis, objectifs, durée, modalités et délais
d'accès, tarifs, contacts, méthodes mobilisées et modalités d'évaluation, accessibilité aux
personnes handicapées." One rule per item, except the prerequisites (the guide: for a bilan
they need not be mentioned):

- ``QUALIOPI-IND1-OBJECTIVES``, ``-DURATION``, ``-ACCESS``, ``-ACCESS-DELAYS``, ``-PRICES``,
  ``-CONTACTS``, ``-METHODS``, ``-EVALUATION``, ``-ACCESSIBILITY``: the item is stated;
- ``QUALIOPI-IND1-DISABILITY-CONTACT``: a contact for people with disabilities (the guide;
  secondary, a warning);
- ``QUALIOPI-IND1-DATED``: the information is dated and not older than
  :data:`INFORMATION_MAX_AGE_MONTHS` months at the evaluation date (the guide's "datée et
  actualisée"; the age is the library's reading);
- ``QUALIOPI-IND2-RESULTS``: result indicators, each a figure with its period
  (indicator 2);
- ``QUALIOPI-CERTIFICATE-DISPLAY``: a certified provider displays its certificate (arrêté of
  31 May 2023, from 2023-09-01; secondary, a warning), and the offer claims no certification
  the provider does not hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pendulum

from bilan_core import references as ref
from bilan_core._format import date_en, date_fr
from bilan_core._paris import add_months
from bilan_core.checks._catalogue import register
from bilan_core.checks._model import Check, Finding
from bilan_core.offer._content import ResultIndicator
from bilan_core.offer._parts import ContactRole, said
from bilan_core.provider import QualiopiCategory
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from bilan_core.checks._context import Context
    from bilan_core.offer import Offer

__all__ = ["INFORMATION_MAX_AGE_MONTHS"]

INFORMATION_MAX_AGE_MONTHS: Final = 12
"""How old the information of an offer may be, in months, and still count as *actualisée*.

The guide asks for information "datée et actualisée" and gives no period. bilan-core reads
it as: reviewed at least once a year (a date more than 12 months before the evaluation date
is a warning). The reading is the library's, not the framework's.
"""

_SECTION = "qualiopi"
_SUBJECT: Final = "offer"
_QUALIOPI_FROM = pendulum.date(2022, 1, 1)
_IND1 = (ref.DECRET_2019_565_IND1, ref.DECRET_2019_564, ref.GUIDE_LECTURE_RNQ)
_IND1_NOTE_FR = (
    "L'indicateur 1 s'applique aux bilans de compétences (annexe, colonne 2°). Le référentiel "
    "lie le prestataire certifié ou qui demande à l'être ; la certification conditionne les "
    "fonds publics ou mutualisés depuis le 2022-01-01 (C. trav. L6316-1), d'où la date "
    "d'entrée en vigueur retenue. Les règles s'appliquent à toute offre vérifiée : elles disent "
    "ce que la certification demande."
)
_IND1_NOTE_EN = (
    "Indicator 1 applies to bilans de compétences (annex, column 2°). The framework binds a "
    "provider that is certified or seeks to be; certification has been the condition of public "
    "or mutualised funds since 2022-01-01 (C. trav. L6316-1), hence the in-force date. The "
    "rules apply to any offer checked: they say what certification asks."
)


def _ind1(rule_id: str, fr: str, en: str, note_fr: str, note_en: str) -> Callable[[Check], Check]:
    """Register an indicator-1 item rule (an error, official: the annex's own words)."""
    return register(
        rule_id,
        severity=Severity.ERROR,
        title=Text(fr=fr, en=en),
        references=_IND1,
        in_force_from=_QUALIOPI_FROM,
        confidence=Confidence.OFFICIAL,
        section=_SECTION,
        notes=Text(fr=f"{note_fr} {_IND1_NOTE_FR}", en=f"{note_en} {_IND1_NOTE_EN}"),
        subject=_SUBJECT,
    )


@_ind1(
    "QUALIOPI-IND1-OBJECTIVES",
    "Information du public : les objectifs",
    "Information to the public: the objectives",
    "L'offre énonce au moins un objectif.",
    "The offer states at least one objective.",
)
def _objectives(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not said(offer.objectives):
        yield Finding(
            path="$.objectives",
            message=Text(fr="l'offre n'énonce aucun objectif", en="the offer states no objective"),
        )


@_ind1(
    "QUALIOPI-IND1-DURATION",
    "Information du public : la durée",
    "Information to the public: the duration",
    "L'offre annonce la durée du bilan en heures (un minimum, un maximum ou les deux). Le "
    "plafond légal de 24 heures est la règle OFFER-DURATION-MAX.",
    "The offer announces the bilan's duration in hours (a minimum, a maximum or both). The "
    "legal ceiling of 24 hours is rule OFFER-DURATION-MAX.",
)
def _duration(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if offer.duration is None or not offer.duration.stated:
        yield Finding(
            path="$.duration",
            message=Text(
                fr="l'offre n'annonce pas la durée du bilan en heures",
                en="the offer does not announce the bilan's duration in hours",
            ),
        )


@_ind1(
    "QUALIOPI-IND1-ACCESS",
    "Information du public : les modalités d'accès",
    "Information to the public: how to access the bilan",
    "L'offre dit par quelle voie (CPF, plan de développement, demandeurs d'emploi, agents "
    "publics, financement personnel…) et comment accéder au bilan : au moins une voie d'accès. "
    "Le guide de lecture cite, comme preuve pour un bilan, tout support rappelant son cadre "
    "légal, ses objectifs et son financement.",
    "The offer says through which route (CPF, employer plan, job seekers, public agents, "
    "self-funded…) and how to access the bilan: at least one access route. The reading guide "
    "gives as proof for a bilan any medium recalling its legal framework, objectives and "
    "funding.",
)
def _access(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not offer.access_routes:
        yield Finding(
            path="$.access_routes",
            message=Text(
                fr="l'offre ne dit pas comment accéder au bilan ni par quel financement",
                en="the offer does not say how to access the bilan nor through which funding",
            ),
        )


@_ind1(
    "QUALIOPI-IND1-ACCESS-DELAYS",
    "Information du public : les délais d'accès",
    "Information to the public: the access delays",
    "L'offre annonce le délai entre la demande et le démarrage du bilan, pour toute l'offre ou "
    "pour chacune de ses voies d'accès. Le délai de rappel, s'il est donné, complète "
    "l'information sans la remplacer.",
    "The offer announces the delay from the request to the start of the bilan, for the whole "
    "offer or for each of its access routes. A call-back delay, when given, adds to the "
    "information without replacing it.",
)
def _access_delays(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    delays = offer.access_delays
    if delays is not None and delays.start is not None:
        return
    if offer.access_routes and all(route.start is not None for route in offer.access_routes):
        return
    yield Finding(
        path="$.access_delays.start",
        message=Text(
            fr="l'offre n'annonce pas le délai d'accès (de la demande au démarrage)",
            en="the offer does not announce the access delay (from the request to the start)",
        ),
    )


@_ind1(
    "QUALIOPI-IND1-PRICES",
    "Information du public : les tarifs",
    "Information to the public: the prices",
    "L'offre donne un tarif toutes taxes comprises pour chacune de ses voies d'accès : un "
    "tarif pour toutes, ou un par voie là où ils diffèrent.",
    "The offer gives a price, all taxes included, for each of its access routes: one price "
    "for all, or one per route where they differ.",
)
def _prices(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not offer.prices:
        yield Finding(
            path="$.prices",
            message=Text(fr="l'offre n'indique aucun tarif", en="the offer gives no price"),
        )
        return
    for route in offer.routes:
        if offer.price_of(route) is None:
            yield Finding(
                path="$.prices",
                message=Text(
                    fr=f"aucun tarif pour la voie d'accès « {route.value} »",
                    en=f"no price for the {route.value!r} access route",
                ),
            )


@_ind1(
    "QUALIOPI-IND1-CONTACTS",
    "Information du public : les contacts",
    "Information to the public: the contacts",
    "L'offre donne au moins un contact joignable : une adresse électronique, un téléphone ou "
    "une page web.",
    "The offer gives at least one contact that can be reached: an e-mail address, a phone "
    "number or a web page.",
)
def _contacts(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not any(contact.reachable for contact in offer.contacts):
        yield Finding(
            path="$.contacts",
            message=Text(
                fr="l'offre ne donne aucun contact (courriel, téléphone ou page web)",
                en="the offer gives no contact (e-mail, phone or web page)",
            ),
        )


@_ind1(
    "QUALIOPI-IND1-METHODS",
    "Information du public : les méthodes mobilisées",
    "Information to the public: the methods used",
    "L'offre décrit comment le bilan est conduit : ses étapes et ce que chacune couvre, ou sa "
    "démarche. Qu'elle prévoie les trois phases légales est la règle OFFER-PHASES.",
    "The offer describes how the bilan is carried out: its steps and what each covers, or its "
    "approach. That it provides the three legal phases is rule OFFER-PHASES.",
)
def _methods(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if offer.methods is None or not offer.methods.described:
        yield Finding(
            path="$.methods",
            message=Text(
                fr="l'offre ne décrit pas les méthodes mobilisées",
                en="the offer does not describe the methods used",
            ),
        )


@_ind1(
    "QUALIOPI-IND1-EVALUATION",
    "Information du public : les modalités d'évaluation",
    "Information to the public: the evaluation modalities",
    "L'offre dit comment la prestation est évaluée (par exemple un questionnaire de "
    "satisfaction, l'entretien de suivi, le document de synthèse).",
    "The offer says how the service is evaluated (for example a satisfaction survey, the "
    "follow-up interview, the synthesis document).",
)
def _evaluation(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not said(offer.evaluation):
        yield Finding(
            path="$.evaluation",
            message=Text(
                fr="l'offre n'indique aucune modalité d'évaluation",
                en="the offer gives no evaluation modality",
            ),
        )


@_ind1(
    "QUALIOPI-IND1-ACCESSIBILITY",
    "Information du public : l'accessibilité aux personnes handicapées",
    "Information to the public: accessibility to people with disabilities",
    "L'offre dit quelque chose de l'accessibilité aux personnes handicapées : l'accès des "
    "locaux, les adaptations possibles ou un contact. Le contact lui-même est la règle "
    "QUALIOPI-IND1-DISABILITY-CONTACT.",
    "The offer says something of accessibility to people with disabilities: access to the "
    "premises, the adaptations offered or a contact. The contact itself is rule "
    "QUALIOPI-IND1-DISABILITY-CONTACT.",
)
def _accessibility(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if offer.accessibility is None or not offer.accessibility.stated:
        yield Finding(
            path="$.accessibility",
            message=Text(
                fr="l'offre ne dit rien de l'accessibilité aux personnes handicapées",
                en="the offer says nothing of accessibility to people with disabilities",
            ),
        )


@register(
    "QUALIOPI-IND1-DISABILITY-CONTACT",
    severity=Severity.WARNING,
    title=Text(
        fr="Information du public : un contact pour les personnes handicapées",
        en="Information to the public: a contact for people with disabilities",
    ),
    references=(ref.GUIDE_LECTURE_RNQ, ref.DECRET_2019_565_IND1),
    in_force_from=_QUALIOPI_FROM,
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr="Le guide de lecture, lu dans les copies de certificateurs, détaille l'item "
        "« accessibilité aux personnes handicapées » : les conditions d'accueil et un "
        "contact, le référent handicap. L'annexe ne nomme pas ce contact.",
        en="The reading guide, read in certifiers' copies, details the item 'accessibilité "
        "aux personnes handicapées': the conditions and a contact, the disability referent. "
        "The annex does not name that contact.",
    ),
    section=_SECTION,
    notes=Text(
        fr="L'offre nomme un contact joignable pour les personnes handicapées : le référent "
        "handicap de son volet accessibilité, ou un de ses contacts de rôle « disability ». "
        "L'accès des locaux aux personnes à mobilité réduite ne suffit pas. Avertissement : la "
        "source est secondaire.",
        en="The offer names a contact people with disabilities can reach: the disability "
        "referent of its accessibility part, or one of its contacts with the 'disability' "
        "role. Access to the premises for people with reduced mobility is not enough. A "
        "warning: the source is secondary.",
    ),
    subject=_SUBJECT,
)
def _disability_contact(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    named = offer.accessibility.disability_contact if offer.accessibility else None
    if named is not None and named.reachable:
        return
    if any(c.role is ContactRole.DISABILITY and c.reachable for c in offer.contacts):
        return
    yield Finding(
        path="$.accessibility.disability_contact",
        message=Text(
            fr="l'offre ne nomme aucun contact joignable pour les personnes handicapées "
            "(référent handicap)",
            en="the offer names no contact people with disabilities can reach (disability "
            "referent)",
        ),
    )


@register(
    "QUALIOPI-IND1-DATED",
    severity=Severity.ERROR,
    title=Text(
        fr="Information du public datée et actualisée",
        en="Information to the public dated and kept up to date",
    ),
    references=(ref.GUIDE_LECTURE_RNQ, ref.DECRET_2019_565_IND1),
    in_force_from=_QUALIOPI_FROM,
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr="Le niveau attendu de l'indicateur 1 (« une information accessible, exhaustive, "
        "datée et actualisée ») est celui du guide de lecture, cité par des certificateurs ; "
        "une version plus ancienne disait « à jour ». Le guide ne fixe aucune durée.",
        en="Indicator 1's expected level ('une information accessible, exhaustive, datée et "
        "actualisée') is the reading guide's, quoted by certifiers; an older version said 'à "
        "jour'. The guide sets no period.",
    ),
    section=_SECTION,
    notes=Text(
        fr="Erreur : l'information n'est pas datée (information_date). Avertissement : elle "
        f"date de plus de {INFORMATION_MAX_AGE_MONTHS} mois à la date d'évaluation (lecture "
        "de bilan-core : une révision au moins annuelle ; daté du 2025-06-01, elle vaut "
        "jusqu'au 2026-06-01 inclus), ou elle est datée après la date d'évaluation.",
        en="Error: the information is not dated (information_date). Warning: it is more than "
        f"{INFORMATION_MAX_AGE_MONTHS} months old at the evaluation date (bilan-core's "
        "reading: a review at least once a year; dated 2025-06-01, it holds until 2026-06-01 "
        "included), or it is dated after the evaluation date.",
    ),
    subject=_SUBJECT,
)
def _dated(offer: Offer, ctx: Context) -> Iterator[Finding]:
    dated = offer.information_date
    path = "$.information_date"
    if dated is None:
        yield Finding(
            path=path,
            message=Text(fr="l'information n'est pas datée", en="the information is not dated"),
        )
        return
    on = ctx.on
    if dated > on:
        yield Finding(
            path=path,
            severity=Severity.WARNING,
            message=Text(
                fr=f"l'information est datée du {date_fr(dated)}, après la date d'évaluation "
                f"({date_fr(on)})",
                en=f"the information is dated {date_en(dated)}, after the evaluation date "
                f"({date_en(on)})",
            ),
        )
    elif add_months(dated, INFORMATION_MAX_AGE_MONTHS) < on:
        months = INFORMATION_MAX_AGE_MONTHS
        yield Finding(
            path=path,
            severity=Severity.WARNING,
            message=Text(
                fr=f"l'information date du {date_fr(dated)}, plus de {months} mois avant le "
                f"{date_fr(on)} : elle n'est pas réputée actualisée",
                en=f"the information dates from {date_en(dated)}, more than {months} months "
                f"before {date_en(on)}: it is not taken as up to date",
            ),
        )


@register(
    "QUALIOPI-IND2-RESULTS",
    severity=Severity.ERROR,
    title=Text(
        fr="Indicateurs de résultats publiés, chiffrés et datés",
        en="Result indicators published, as figures with their period",
    ),
    references=(ref.DECRET_2019_565_IND2, ref.DECRET_2019_564, ref.GUIDE_LECTURE_RNQ),
    in_force_from=_QUALIOPI_FROM,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr="L'obligation de diffuser des indicateurs de résultats est le texte de l'annexe "
        "(lu) ; qu'ils soient chiffrés, sur une période, vient du guide de lecture (source "
        "secondaire) ; aucune liste d'indicateurs n'est imposée aux bilans, et la précision du "
        "guide propre aux bilans pour l'indicateur 2 n'a pas été lue.",
        en="The duty to publish result indicators is the annex's text (read); that they are "
        "figures over a period comes from the reading guide (secondary); no list of "
        "indicators is imposed on bilans, and the guide's note on indicator 2 for bilans was "
        "not read.",
    ),
    section=_SECTION,
    notes=Text(
        fr="Erreur : aucun indicateur de résultat, ou un indicateur sans sa période (un "
        "chiffre mesure une évolution sur des jours, des mois ou des années). Information : un "
        "indicateur sans effectif (la pratique courante donne le nombre de bénéficiaires ou "
        "de réponses). L'emplacement est libre : un indicateur publié pour tout le site "
        "compte s'il figure dans l'offre vérifiée.",
        en="Error: no result indicator, or an indicator without its period (a figure measures a "
        "change over days, months or years). Info: an indicator without its sample size "
        "(common practice gives the number of beneficiaries or answers). Placement is free: an "
        "indicator published site-wide counts if it is in the offer checked.",
    ),
    subject=_SUBJECT,
)
def _results(offer: Offer, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not offer.results:
        yield Finding(
            path="$.results",
            message=Text(
                fr="l'offre ne publie aucun indicateur de résultat",
                en="the offer publishes no result indicator",
            ),
        )
        return
    for index, indicator in enumerate(offer.results):
        yield from _indicator(index, indicator)


def _indicator(index: int, indicator: ResultIndicator) -> Iterator[Finding]:
    if not indicator.has_period:
        yield Finding(
            path=f"$.results[{index}].period_start",
            message=Text(
                fr="indicateur de résultat sans la période qu'il mesure",
                en="result indicator without the period it measures",
            ),
        )
    if indicator.sample_size is None:
        yield Finding(
            path=f"$.results[{index}].sample_size",
            severity=Severity.INFO,
            message=Text(
                fr="l'effectif de l'indicateur de résultat n'est pas donné",
                en="the result indicator's sample size is not given",
            ),
        )


@register(
    "QUALIOPI-CERTIFICATE-DISPLAY",
    severity=Severity.WARNING,
    title=Text(
        fr="Certificat Qualiopi affiché ; aucune certification revendiquée à tort",
        en="Qualiopi certificate displayed; no certification wrongly claimed",
    ),
    references=(ref.ARRETE_2023_05_31, ref.QUALIOPI_MARK_CHARTER),
    in_force_from=pendulum.date(2023, 9, 1),
    confidence=Confidence.SECONDARY,
    confidence_note=Text(
        fr="L'arrêté du 31 mai 2023 (applicable au 2023-09-01) n'a été lu que cité par des "
        "certificateurs : « L'organisme certifié affiche son certificat dans ses locaux et sur "
        "son site internet » ; un manquement est une non-conformité majeure à l'audit. La "
        "charte d'usage du logo (8 janvier 2020) est lue par des sources secondaires.",
        en="The arrêté of 31 May 2023 (applicable from 2023-09-01) was read only as quoted by "
        "certifiers: 'L'organisme certifié affiche son certificat dans ses locaux et sur son "
        "site internet'; a breach is a major non-conformity at audit. The logo's charter of "
        "use (8 January 2020) is read through secondary sources.",
    ),
    section=_SECTION,
    notes=Text(
        fr="Avertissement : le prestataire a un certificat valide à la date d'évaluation et "
        "l'offre ne le montre pas (le devoir porte sur les locaux et le site internet : une "
        "offre publiée ailleurs peut y satisfaire autrement). Avertissement : le logo est "
        "utilisé sans la mention de la catégorie certifiée. Erreur : l'offre montre un "
        "certificat ou le logo alors que le prestataire n'est pas certifié pour les bilans de "
        "compétences à la date d'évaluation.",
        en="Warning: the provider has a certificate valid at the evaluation date and the "
        "offer does not show it (the duty concerns the premises and the website: an offer "
        "published elsewhere may meet it otherwise). Warning: the logo is used without the "
        "mention of the certified category. Error: the offer shows a certificate or the logo "
        "while the provider is not certified for bilans de compétences at the evaluation date.",
    ),
    subject=_SUBJECT,
)
def _certificate(offer: Offer, ctx: Context) -> Iterator[Finding]:
    certificate = offer.provider.qualiopi
    on = ctx.on
    covers = certificate is not None and certificate.covers(
        on, QualiopiCategory.BILAN_DE_COMPETENCES
    )
    mention = offer.qualiopi
    shown = mention is not None and (mention.certificate_displayed or mention.logo)
    if shown and not covers:
        yield Finding(
            path="$.qualiopi",
            severity=Severity.ERROR,
            reference=ref.QUALIOPI_MARK_CHARTER,
            message=Text(
                fr=f"l'offre montre une certification Qualiopi que le prestataire n'a pas pour "
                f"les bilans de compétences le {date_fr(on)}",
                en=f"the offer shows a Qualiopi certification the provider does not hold for "
                f"bilans de compétences on {date_en(on)}",
            ),
        )
        return
    # Found in review: a certificate valid for other categories only asked to be shown here,
    # where showing it is the error above; the duty on a bilan offer is the bilan's certificate.
    if covers and (mention is None or not mention.certificate_displayed):
        yield Finding(
            path="$.qualiopi.certificate_displayed",
            message=Text(
                fr="le prestataire est certifié Qualiopi mais l'offre ne montre pas son certificat",
                en="the provider is Qualiopi-certified but the offer does not show its certificate",
            ),
        )
    if mention is not None and mention.logo and not mention.category_mentioned:
        yield Finding(
            path="$.qualiopi.category_mentioned",
            reference=ref.QUALIOPI_MARK_CHARTER,
            message=Text(
                fr="le logo Qualiopi est utilisé sans la mention de la catégorie certifiée "
                "(bilans de compétences)",
                en="the Qualiopi logo is used without the mention of the certified category "
                "(bilans de compétences)",
            ),
        )
