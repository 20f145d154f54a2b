"""The seed's offer: the public offer of STAFF (Carquefou), transcribed as its brochure says it.

The brochure (seed ``000_e33774a3f644494d.txt``) gives no price, no evaluation modality, no
date, no result figure, no Qualiopi mention and no disability contact beyond the access of
its premises: those stay empty, and :func:`bilan_core.check_offer` reports them. Nor does it
give the provider's SIRET, NDA or certificate: the provider is the library's STAFF provider,
the one of every example plan (a fictitious but well-formed SIRET, NDA and certificate).

Every promise a charter encodes is here as the brochure words it (hours, meetings, span,
call back, start, opening hours, amplitude, modalities, synthesis, follow-up), so that the
STAFF charter can be derived from it; the readings that turn "environ" or "selon le mode de
financement" into days are the charter's, not the offer's.
"""

from __future__ import annotations

from typing import Final

from bilan_core._seed import STAFF_PROVIDER
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.disclosures import RecipientKind
from bilan_core.funding import JobSeekerNetwork
from bilan_core.offer._access import (
    AccessDelays,
    AccessRoute,
    Duration,
    EmployerInvolvement,
    FundingRoute,
)
from bilan_core.offer._content import (
    Accessibility,
    Confidentiality,
    FollowUpTerms,
    Methods,
    OutlineItem,
    PhaseOutline,
    ResourceGroup,
    Synthesis,
    SynthesisPart,
)
from bilan_core.offer._offer import Offer
from bilan_core.offer._parts import (
    ClockRange,
    Contact,
    Delay,
    Length,
    Schedule,
    TimeUnit,
    Weekday,
)
from bilan_core.phases import Phase
from bilan_core.sessions import Modality

__all__ = ["STAFF_OFFER", "STAFF_PROVIDER", "example_offer"]

_WEEK: Final = frozenset(
    {Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY}
)


def _months(value: int) -> Length:
    return Length(value=value, unit=TimeUnit.MONTHS)


_CPF_OUTSIDE: Final = (
    "Lorsque le salarié mobilise son compte personnel de formation pour un bilan réalisé hors "
    "temps de travail, l'employeur n'a pas à être informé."
)
_CPF_ON: Final = (
    "Lorsque le salarié mobilise son «Compte Personnel de Formation» pour un bilan en tout ou "
    "partie, pendant le temps de travail, il doit demander l'accord préalable de l'employeur selon "
    "les règles propres au compte personnel de formation."
)

STAFF_OFFER: Final = Offer(
    id="staff-bilan-de-competences",
    title="Bilan de compétences",
    provider=STAFF_PROVIDER,
    legal_framework=(
        (
            "Le bilan de compétences défini à l'article R. 6313-4 du code du travail, a pour objet "
            "de permettre à des travailleurs d'analyser leurs compétences professionnelles et "
            "personnelles ainsi que leur aptitudes et les motivations afin de définir un projet "
            "professionnel et, le cas échéant, un projet de formation."
        ),
        "Les bilans de compétences sont éligibles au «Compte Personnel de Formation».",
    ),
    objectives=(
        (
            "D'analyser ses compétences personnelles et professionnelles, ses aptitudes et ses "
            "motivations"
        ),
        "De définir son projet professionnel et, le cas échéant, un projet de formation",
        (
            "D'utiliser ses atouts comme un instrument de négociation pour un emploi, une "
            "formation ou une évolution de carrière."
        ),
    ),
    audience=(
        "Toute personne active, notamment :",
        "Les salariés du secteur privé,",
        (
            "Les demandeurs d'emploi : la demande doit être faite auprès de Pôle emploi, de l'APEC "
            "ou de Cap emploi,"
        ),
        (
            "Les salariés du secteur public (fonctionnaires, agents non titulaires, etc.) : textes "
            "spécifiques mais dans des conditions similaires aux salariés."
        ),
    ),
    audience_statuses=frozenset(
        {
            BeneficiaryStatus.PRIVATE_EMPLOYEE,
            BeneficiaryStatus.JOB_SEEKER,
            BeneficiaryStatus.PUBLIC_AGENT,
        }
    ),
    access_routes=(
        AccessRoute(
            route=FundingRoute.CPF,
            on_working_time=False,
            employer=EmployerInvolvement.NOT_INFORMED,
            how=(_CPF_OUTSIDE,),
        ),
        AccessRoute(
            route=FundingRoute.CPF,
            on_working_time=True,
            employer=EmployerInvolvement.PRIOR_AGREEMENT,
            how=(_CPF_ON,),
        ),
        AccessRoute(
            route=FundingRoute.JOB_SEEKER,
            networks=frozenset(
                {
                    JobSeekerNetwork.FRANCE_TRAVAIL,
                    JobSeekerNetwork.APEC,
                    JobSeekerNetwork.CAP_EMPLOI,
                }
            ),
            how=("La demande doit être faite auprès de Pôle emploi, de l'APEC ou de Cap emploi.",),
        ),
        AccessRoute(
            route=FundingRoute.PUBLIC_LEAVE,
            how=(
                (
                    "Salariés du secteur public (fonctionnaires, agents non titulaires, etc.) : "
                    "textes spécifiques mais dans des conditions similaires aux salariés."
                ),
            ),
        ),
    ),
    duration=Duration(
        min_minutes=18 * 60,
        max_minutes=24 * 60,
        meetings_min=5,
        span=Delay(minimum=_months(2), maximum=_months(3), approximate=True),
        details=(
            (
                "Une durée de 18 à 24 heures (maximum) – 5 à 6 rencontres à minima réparties sur "
                "une durée modulable de deux à trois mois environ"
            ),
        ),
    ),
    access_delays=AccessDelays(
        callback=Delay(
            minimum=Length(value=24, unit=TimeUnit.HOURS),
            maximum=Length(value=48, unit=TimeUnit.HOURS),
        ),
        start=Delay(minimum=Length(value=15, unit=TimeUnit.DAYS), maximum=_months(2)),
        start_depends_on_funding=True,
    ),
    contacts=(
        Contact(
            label="Bilan de compétence",
            email="bilan.compétences@staff.asso.fr",
            phone="02 40 25 28 36",
        ),
    ),
    opening_hours=Schedule(
        days=_WEEK,
        hours=(ClockRange(start="09:00", end="12:30"), ClockRange(start="14:00", end="17:30")),
    ),
    amplitude=Schedule(days=_WEEK, hours=(ClockRange(start="09:00", end="17:00"),)),
    methods=Methods(
        phases=(
            PhaseOutline(
                phase=Phase.INQUIRY,
                items=(
                    "Prise de contact demandeur / bénéficiaire",
                    "Information sur le déroulement du bilan",
                    (
                        "Identification des besoins et contraintes du bénéficiaire pour adaptation "
                        "de la planification des séances"
                    ),
                    (
                        "Permettre au bénéficiaire de faire le choix de son prestataire au regard "
                        "de ses besoins"
                    ),
                ),
            ),
            PhaseOutline(
                phase=Phase.PRELIMINARY,
                items=(
                    "Confirmation de l'engagement du bénéficiaire",
                    "Définition et analyse de la nature des besoins",
                    (
                        "Informations sur les conditions de déroulement du bilan, les méthodes, "
                        "les techniques mises en oeuvre"
                    ),
                ),
            ),
            PhaseOutline(
                phase=Phase.INVESTIGATION,
                items=(
                    "Analyse de ses motivations, intérêts professionnels et personnels",
                    (
                        "Identification de ses compétences, aptitudes et potentialités, "
                        "éventuellement de ses connaissances générales"
                    ),
                    "Détermination de ses possibilités d'évolution professionnelle",
                ),
            ),
            PhaseOutline(
                phase=Phase.CONCLUSION,
                items=(
                    "Prise de connaissance de résultats détaillés de la phase d'investigation",
                    (
                        "Recensement des facteurs susceptibles ou non de favoriser la réalisation "
                        "d'un projet professionnel ou d'un projet de formation"
                    ),
                    "Prévision des principales étapes de mise en oeuvre de ce projet",
                    (
                        "Elaboration, présentation pour d'éventuelles observations et remise du "
                        "document de synthèse au bénéficiaire, lors du dernier rendez-vous"
                    ),
                    (
                        "Communication au bénéficiaire des conclusions détaillées du bilan de "
                        "compétences"
                    ),
                ),
            ),
            PhaseOutline(phase=Phase.FOLLOWED_UP, items=("Suivi plan d'action, régulation",)),
        ),
        individual=True,
        modalities=frozenset({Modality.IN_PERSON, Modality.REMOTE}),
        blended=True,
        in_person_at_provider_sites=True,
        engagement_document=True,
        approach=(
            "Une démarche personnalisée, en individuel",
            "Des modalités flexibles : présentiel, distanciel, mixte",
            (
                "Un interlocuteur principal référent - Des spécialistes en fonction de la demande "
                "pour un regard croisé et multidisciplinaire"
            ),
            (
                "Une démarche Modulable, neutre, ouvrant des perspectives, aboutissant à un plan "
                "d'action et de mise en œuvre, d'un projet"
            ),
        ),
    ),
    resources=(
        ResourceGroup(title="Entretiens individuels avec le référent"),
        ResourceGroup(
            title="Questionnaires d'inventaires : d'intérêts, de motivations, de valeurs "
            "professionnelles, de personnalité"
        ),
        ResourceGroup(
            title="Des tests psychotechniques d'aptitudes, au regard du (des) projet (s)"
        ),
        ResourceGroup(
            title="Des supports :",
            items=(
                "Document de fin de phase 1 «engagement dans la démarche»",
                "Grilles d'analyse et de réflexion",
                "Fiches «projets» et Fiche «SWOT»",
                "Fiche «plan d'action»",
            ),
        ),
        ResourceGroup(
            title="Des sources documentaires :",
            items=(
                "Espace ressource documentation en accès guidé ou libre accès",
                "Internet et listing de sites spécialisés",
                "Référentiels métiers",
            ),
        ),
        ResourceGroup(
            title="La mise en place d'un regard croisé", items=("Ressources internes consultants",)
        ),
        ResourceGroup(
            title="La mise en relation avec des professionnels - Base de données entreprises, "
            "clients ACS pour enquêtes métiers",
            items=(
                "Base de données organismes spécialisés",
                "Mises en relation avec des professionnels",
            ),
        ),
    ),
    resource_room_hours=Schedule(days=_WEEK, hours=(ClockRange(start="09:00", end="17:00"),)),
    accessibility=Accessibility(
        premises=(
            (
                "Un lieu de réalisation (si présentiel) : Carquefou - Accessibilité Personnes à "
                "mobilité réduite"
            ),
        ),
        reduced_mobility_access=True,
    ),
    synthesis=Synthesis(
        outline=(
            OutlineItem(part=SynthesisPart.CIRCUMSTANCES, title="Les circonstances du bilan"),
            OutlineItem(
                part=SynthesisPart.CONDUCT,
                title="Le déroulement du bilan : Compétences et aptitudes du bénéficiaire au "
                "regard des perspectives d'évolution envisagées",
            ),
            OutlineItem(
                part=SynthesisPart.PROSPECTS,
                title="Les perspectives envisagées",
                details=(
                    (
                        "Les éléments constitutifs du/des projet.s professionnel.s et principales "
                        "de mise en œuvre"
                    ),
                    (
                        "Compléments et aptitudes du bénéficiaire au regard des perspectives "
                        "d'évolution"
                    ),
                ),
            ),
            OutlineItem(part=SynthesisPart.ACTION_PLAN, title="L'élaboration d'un plan d'action"),
        ),
        at_last_meeting=True,
    ),
    follow_up=FollowUpTerms(
        after=_months(6),
        items=("Un entretien de suivi à 6 mois est programmé à l'issue du bilan.",),
    ),
    confidentiality=Confidentiality(
        recipients=frozenset({RecipientKind.BENEFICIARY}),
        third_parties_with_agreement=True,
        statement=(
            (
                "Le salarié qui a bénéficié d'un bilan de Compétences EST SEUL DESTINATAIRE DES "
                "RESULTATS DETAILLES ET DU DOCUMENT DE SYNTHÈSE."
            ),
            "Ils ne peuvent être communiqués à un tiers qu'avec son accord.",
        ),
    ),
)
"""The STAFF offer, as the brochure says it (see the module's docstring for what it leaves
empty); shipped as ``examples/offers/staff.json``."""


def example_offer() -> Offer:
    """The seed's offer: STAFF's public offer of bilans, transcribed from its brochure.

    What the brochure does not say is empty, so its check lists what it lacks:

    >>> offer = example_offer()
    >>> offer.provider.name, offer.duration.max_minutes // 60, offer.prices
    ('STAFF', 24, ())
    """
    return STAFF_OFFER
