"""The :func:`offers` and :func:`offers_violating` strategies: a provider's public offer.

:func:`offers` draws offers that :func:`bilan_core.check_offer` finds nothing wrong with at
their ``on`` date (no error, no warning): every item of Qualiopi's indicator 1 stated, result
indicators with their periods, information dated within the tolerance, the certificate shown
as the provider holds it, and nothing promised against the law. :func:`offers_violating`
changes such an offer in one place so that it breaks one rule and no other error rule.

An offer has no timeline to keep consistent (unlike a bilan), so each part is drawn by
Hypothesis itself and shrinks on its own: towards the simplest offer, a CPF offer (the CPF
entry saying nothing of the employer) at one general price, the information dated on the
first day it is still up to date, one satisfaction rate over the year before ``on``, one
contact, the optional parts absent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs
import pendulum
from hypothesis import strategies as st

from bilan_core._paris import add_months
from bilan_core._values import LAST_YEAR
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.checks.qualiopi import INFORMATION_MAX_AGE_MONTHS
from bilan_core.disclosures import RecipientKind
from bilan_core.facts import parameters
from bilan_core.funding import JobSeekerNetwork
from bilan_core.offer import (
    AccessDelays,
    Accessibility,
    AccessRoute,
    ClockRange,
    Confidentiality,
    Contact,
    ContactRole,
    Delay,
    Duration,
    EmployerInvolvement,
    FollowUpTerms,
    FundingRoute,
    Length,
    Methods,
    Offer,
    OutlineItem,
    PhaseOutline,
    Price,
    QualiopiMention,
    ResourceGroup,
    ResultIndicator,
    ResultKind,
    ResultUnit,
    Schedule,
    Synthesis,
    SynthesisPart,
    TimeUnit,
    Weekday,
)
from bilan_core.phases import Phase
from bilan_core.provider import Provider, Qualiopi, QualiopiCategory
from bilan_core.report import Severity
from bilan_core.samples import EXAMPLE_ON
from bilan_core.sessions import Modality
from bilan_core.strategies._bilans import LAW_FROM, as_date
from bilan_core.strategies._parts import providers, qualiopis
from bilan_core.strategies._primitives import days, money_amounts, opaque_ids
from bilan_core.strategies._source import SEEDS_MAX, Source

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from bilan_core.checks._model import Rule

__all__ = [
    "BREAKABLE_OFFER_RULES",
    "OFFER_ROUTES",
    "first_fresh_day",
    "offers",
    "offers_violating",
]

OFFER_ROUTES: Final[tuple[FundingRoute, ...]] = tuple(FundingRoute)
"""The funding routes an offer may give access by, CPF first (the shrink target)."""

_LAST_ON: Final = pendulum.date(LAST_YEAR - 6, 12, 31)  # certificates reach years after on
_MONTHS: Final = INFORMATION_MAX_AGE_MONTHS

# -- dates ----------------------------------------------------------------------------------


def first_fresh_day(on: dt.date) -> pendulum.Date:
    """The earliest information date still up to date at ``on`` (QUALIOPI-IND1-DATED).

    The information is up to date while ``add_months(date, 12) >= on``: dated 2025-06-01, it
    holds until 2026-06-01 included. The day before the one returned is one day too old.

    >>> str(first_fresh_day(pendulum.date(2026, 6, 1)))
    '2025-06-01'
    >>> str(first_fresh_day(pendulum.date(2025, 2, 28)))  # 2024-02-28 and -29 both reach it
    '2024-02-28'
    """
    day = pendulum.Date(on.year, on.month, on.day).subtract(months=_MONTHS)
    while add_months(day, _MONTHS) < on:
        day = day.add(days=1)
    while add_months(day.subtract(days=1), _MONTHS) >= on:
        day = day.subtract(days=1)
    return day


def _check_on(on: object, name: str, floor: pendulum.Date = LAW_FROM) -> pendulum.Date:
    from hypothesis.errors import InvalidArgument

    day = as_date(on)
    if day < floor:
        raise InvalidArgument(
            f"{name}(on={day}): the first date served is {floor} (the offer rules and the "
            f"dated parameters they read start then)"
        )
    if day > _LAST_ON:
        raise InvalidArgument(
            f"{name}(on={day}): the last date served is {_LAST_ON}; the model's dates end with "
            f"{LAST_YEAR} and an offer's certificate runs years after on"
        )
    return day


def _duration_limit(on: pendulum.Date) -> int:
    """The legal ceiling at ``on`` in minutes (the format's 100 h when the law states none)."""
    limit = parameters.on(on).duration.max_minutes
    return 100 * 60 if limit is None else int(limit)


# -- texts ------------------------------------------------------------------------------------

_TITLES: Final = (
    "Bilan de compétences",
    "Bilan de compétences individuel",
    "Bilan de compétences : construire son projet professionnel",
    "Bilan de compétences – éligible au CPF",
    "Bilan de compétences & reconversion",
    "Le bilan de compétences « Cap avenir »",
)
_LEGAL: Final = (
    (
        "Le bilan de compétences est défini aux articles L. 6313-4 et R. 6313-4 à R. 6313-8 "
        "du code du travail."
    ),
    "Les bilans de compétences sont éligibles au compte personnel de formation (CPF).",
    "Le bilan ne peut être réalisé qu'avec le consentement du bénéficiaire.",
    (
        "Le refus d'un salarié de consentir à un bilan ne constitue ni une faute ni un motif "
        "de licenciement."
    ),
)
_OBJECTIVES: Final = (
    "Analyser ses compétences professionnelles et personnelles, ses aptitudes et ses motivations",
    "Définir un projet professionnel et, le cas échéant, un projet de formation",
    (
        "Utiliser ses atouts comme un instrument de négociation pour un emploi, une formation "
        "ou une évolution de carrière"
    ),
    "Faire le point sur son parcours et ses envies",
    "Préparer une reconversion ou une mobilité interne",
    "Identifier les étapes de mise en œuvre de son projet",
)
_AUDIENCES: Final = (
    ("Les salariés du secteur privé", BeneficiaryStatus.PRIVATE_EMPLOYEE),
    ("Les demandeurs d'emploi", BeneficiaryStatus.JOB_SEEKER),
    ("Les agents publics, titulaires ou contractuels", BeneficiaryStatus.PUBLIC_AGENT),
    ("Les travailleurs indépendants et les professions libérales", BeneficiaryStatus.SELF_EMPLOYED),
    ("Toute personne active qui souhaite faire le point", BeneficiaryStatus.OTHER),
)
_PREREQUISITES: Final = (
    "Aucun prérequis",
    "Aucun prérequis n'est exigé pour entrer en bilan",
)
_CPF_OUTSIDE: Final = (
    "Hors temps de travail, le salarié mobilise seul son compte sur "
    "moncompteformation.gouv.fr : l'employeur n'a pas à être informé."
)
_CPF_ON: Final = (
    "Sur le temps de travail, en tout ou partie, le salarié demande l'accord préalable de "
    "l'employeur (autorisation d'absence)."
)
_HOW: Final[dict[FundingRoute, tuple[str, ...]]] = {
    FundingRoute.CPF: (
        "Inscription en ligne sur moncompteformation.gouv.fr",
        "Le bilan est éligible au CPF : il suffit d'en faire la demande sur votre compte.",
    ),
    FundingRoute.EMPLOYER_PLAN: (
        (
            "Dans le cadre du plan de développement des compétences de l'employeur, avec une "
            "convention tripartite signée par le salarié."
        ),
        "Sur proposition de l'employeur, avec le consentement du salarié.",
    ),
    FundingRoute.RECLASSIFICATION_LEAVE: (
        "Pendant le congé de reclassement, à la demande du salarié.",
        "Financé par l'employeur dans le cadre du congé de reclassement.",
    ),
    FundingRoute.JOB_SEEKER: (
        "La demande est faite auprès de France Travail, de l'Apec ou de Cap emploi.",
        "Parlez-en à votre conseiller France Travail.",
    ),
    FundingRoute.PUBLIC_LEAVE: (
        "Congé pour bilan de compétences, demandé à l'administration employeur.",
        "Agents publics : textes spécifiques, dans des conditions similaires aux salariés.",
    ),
    FundingRoute.SELF_FUNDED: (
        "Financement personnel, avec un échéancier possible.",
        "Un devis est remis avant toute inscription.",
    ),
}
_PRICE_DETAILS: Final = (
    "Tarif toutes taxes comprises, documents et tests inclus",
    "Paiement en trois fois sans frais",
    "Prise en charge totale ou partielle selon le financement",
    "Exonéré de TVA (article 261-4-4° du CGI)",
)
_STEPS: Final[dict[Phase, tuple[str, ...]]] = {
    Phase.INQUIRY: (
        "Prise de contact et information sur le déroulement du bilan",
        "Identification des besoins et des contraintes du bénéficiaire",
        "Libre choix du prestataire au regard de ses besoins",
    ),
    Phase.PRELIMINARY: (
        "Confirmation de l'engagement du bénéficiaire",
        "Définition et analyse de la nature de ses besoins",
        "Information sur les conditions de déroulement du bilan et les méthodes employées",
    ),
    Phase.INVESTIGATION: (
        "Analyse des motivations et des intérêts professionnels et personnels",
        "Identification des compétences et des aptitudes",
        "Détermination des possibilités d'évolution professionnelle",
        "Enquêtes métiers auprès de professionnels",
    ),
    Phase.CONCLUSION: (
        "Appropriation des résultats détaillés de la phase d'investigation",
        "Recensement des facteurs favorables ou non à la réalisation du projet",
        "Prévision des principales étapes de mise en œuvre",
        "Remise du document de synthèse au bénéficiaire",
    ),
    Phase.FOLLOWED_UP: (
        "Entretien de suivi à six mois",
        "Suivi du plan d'action, régulation",
    ),
}
_APPROACH: Final = (
    "Une démarche personnalisée, en individuel",
    "Un consultant référent tout au long du bilan",
    "Des modalités souples : présentiel, distanciel ou mixte",
    "Une démarche neutre qui ouvre des perspectives et aboutit à un plan d'action",
)
_RESOURCES: Final = (
    ("Entretiens individuels avec le consultant", ()),
    (
        "Questionnaires et inventaires",
        ("Intérêts professionnels", "Valeurs", "Personnalité"),
    ),
    ("Tests d'aptitudes", ("Raisonnement", "Aptitudes verbales")),
    (
        "Sources documentaires",
        ("Fiches métiers", "Sites spécialisés", "Espace ressources en libre accès"),
    ),
)
_EVALUATION: Final = (
    "Questionnaire de satisfaction à la fin du bilan",
    "Entretien de suivi à six mois",
    "Document de synthèse remis au bénéficiaire",
    "Auto-évaluation de l'atteinte des objectifs",
)
_PREMISES: Final = (
    "Locaux accessibles aux personnes à mobilité réduite",
    "Locaux de plain-pied, place de stationnement réservée",
    "Accueil possible dans un lieu adapté sur demande",
)
_ADAPTATIONS: Final = (
    "Adaptation du rythme et de la durée des séances",
    "Supports en gros caractères",
    "Séances à distance possibles",
    "Appui de l'Agefiph ou du FIPHFP",
)
_OUTLINE: Final = (
    (SynthesisPart.CIRCUMSTANCES, "Les circonstances du bilan"),
    (SynthesisPart.CONDUCT, "Le déroulement du bilan : compétences et aptitudes"),
    (SynthesisPart.PROSPECTS, "Les perspectives d'évolution envisagées"),
    (SynthesisPart.ACTION_PLAN, "Le plan d'action"),
    (SynthesisPart.OTHER, "Annexes"),
)
_CONFIDENTIALITY: Final = (
    "Le bénéficiaire est le seul destinataire des résultats détaillés et du document de synthèse.",
    "Ils ne peuvent être communiqués à un tiers qu'avec son accord.",
    "Le consultant est tenu au secret professionnel.",
)
_FIRST_NAMES: Final = ("Claire", "Julien", "Nadia", "Thomas", "Sophie", "Karim", "Anaïs")
_LAST_NAMES: Final = ("Martin", "Bernard", "Lefèvre", "N'Diaye", "Moreau", "Le Gall", "Durand")
_DOMAINS: Final = (
    "cap-competences.fr",
    "bilan-avenir.fr",
    "horizons-rh.com",
    "atelier-carrieres.org",
    "staff.asso.fr",
)
_LABELS: Final[dict[ContactRole, tuple[str, ...]]] = {
    ContactRole.GENERAL: ("Bilan de compétences", "Accueil", "Service formation"),
    ContactRole.DISABILITY: ("Référent handicap", "Accessibilité"),
    ContactRole.PEDAGOGICAL: ("Référent pédagogique", "Coordination des bilans"),
    ContactRole.QUALITY: ("Référent qualité", "Réclamations"),
    ContactRole.OTHER: ("Secrétariat", "Facturation"),
}
_WEEK: Final = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
    Weekday.SATURDAY,
    Weekday.SUNDAY,
)
_HOURS: Final = (
    (("09:00", "12:30"), ("14:00", "17:30")),
    (("09:00", "17:00"),),
    (("08:30", "12:00"), ("13:30", "18:00")),
    (("09:00", "12:00"), ("13:30", "17:00"), ("18:00", "20:00")),
    (("10:00", "19:00"),),
)

# -- small parts --------------------------------------------------------------------------------


_SEEDS: Final = st.integers(0, SEEDS_MAX)


def _lines(
    pool: tuple[str, ...], min_size: int = 1, max_size: int = 3
) -> SearchStrategy[tuple[str, ...]]:
    """Distinct lines of ``pool``, in its order (shrinks towards its first ``min_size``).

    One draw (a seed) rather than one per line: texts matter little to shrink, and an offer
    has a few dozen lines.
    """

    def pick(seed: int) -> tuple[str, ...]:
        src = Source(seed)
        return tuple(src.sample(pool, src.integer(min_size, min(max_size, len(pool)))))

    return _SEEDS.map(pick)


def _phone(src: Source) -> str:
    area = src.integer(1, 9)
    rest = " ".join(src.digits(2) for _ in range(4))
    return f"+33 {area} {rest}" if src.boolean() else f"0{area} {rest}"


@st.composite
def _contacts(draw: st.DrawFn, role: ContactRole, *, reachable: bool = True) -> Contact:
    """A contact of ``role``; reachable: with an e-mail address, a phone or a web page."""
    ways = draw(st.frozensets(st.sampled_from(("email", "phone", "url")), min_size=1))
    src = Source(draw(_SEEDS))
    domain = src.choice(_DOMAINS)
    person = src.boolean()
    first = src.choice(_FIRST_NAMES) if person else None
    last = src.choice(_LAST_NAMES) if person else None
    box = "contact" if first is None else f"{first.lower()}.{(last or '').lower()}"
    box = box.replace("'", "").replace(" ", "-").replace("ï", "i")
    labels = (None, *_LABELS[role])
    return Contact(
        role=role,
        label=src.choice(labels),
        first_name=first,
        last_name=last,
        email=f"{box}@{domain}" if reachable and "email" in ways else None,
        phone=_phone(src) if reachable and "phone" in ways else None,
        url=f"https://www.{domain}/bilan-de-competences" if reachable and "url" in ways else None,
    )


def _unreachable(contact: Contact) -> Contact:
    """The contact without its e-mail address, phone and web page (its name and label kept)."""
    return attrs.evolve(contact, email=None, phone=None, url=None)


_UNITS: Final = {
    "callback": ((TimeUnit.HOURS, 1, 72), (TimeUnit.WORKING_HOURS, 8, 72), (TimeUnit.DAYS, 1, 5)),
    "start": (
        (TimeUnit.DAYS, 2, 60),
        (TimeUnit.WEEKS, 1, 8),
        (TimeUnit.MONTHS, 1, 3),
        (TimeUnit.WORKING_DAYS, 5, 30),
    ),
    "span": ((TimeUnit.WEEKS, 4, 16), (TimeUnit.MONTHS, 1, 4), (TimeUnit.DAYS, 30, 120)),
}


@st.composite
def _delays(draw: st.DrawFn, what: str) -> Delay:
    """A delay as a brochure says one: "sous 48 h", "15 jours à 2 mois", "2 à 3 mois environ"."""
    unit, low, high = draw(st.sampled_from(_UNITS[what]))
    first = draw(st.integers(low, high))
    second = draw(st.integers(first, high))
    form = draw(st.sampled_from(("maximum", "both", "minimum")))
    minimum = Length(value=first, unit=unit) if form != "maximum" else None
    maximum = Length(value=second if form == "both" else first, unit=unit)
    return Delay(
        minimum=minimum,
        maximum=maximum if form != "minimum" else None,
        approximate=draw(st.booleans()),
    )


@st.composite
def _schedules(draw: st.DrawFn) -> Schedule:
    workdays = draw(st.sampled_from((5, 5, 4, 6)))
    hours = draw(st.sampled_from(_HOURS))
    return Schedule(
        days=frozenset(_WEEK[:workdays]),
        hours=tuple(ClockRange(start=start, end=end) for start, end in hours),
    )


# -- the provider and its certificate -----------------------------------------------------------


@st.composite
def _lapsed(draw: st.DrawFn, on: pendulum.Date) -> Qualiopi:
    """A certificate for bilans that expired before ``on`` or begins after it."""
    # 0 (half the draws): expired the day before on, or begins the day after
    gap = draw(st.just(0) | st.integers(1, 1000))
    if draw(st.booleans()):
        end = on.subtract(days=1 + gap)
        start = end.subtract(days=3 * 365)
    else:
        start = on.add(days=1 + gap)
        end = start.add(days=3 * 365)
    return Qualiopi(
        categories=frozenset({QualiopiCategory.BILAN_DE_COMPETENCES}),
        valid_from=start,
        valid_until=end,
    )


def _certificates(on: pendulum.Date) -> SearchStrategy[Qualiopi | None]:
    """Mostly a certificate covering bilans at ``on``; else none, or one expired or not begun."""
    valid = qualiopis(valid_on=on)
    uncertified: SearchStrategy[Qualiopi | None] = st.none() | _lapsed(on)
    return st.integers(0, 5).flatmap(lambda which: valid if which < 4 else uncertified)  # noqa: PLR2004


def _covered(provider: Provider, on: pendulum.Date) -> bool:
    certificate = provider.qualiopi
    return certificate is not None and certificate.covers(on, QualiopiCategory.BILAN_DE_COMPETENCES)


def _dated_valid(provider: Provider, on: pendulum.Date) -> bool:
    certificate = provider.qualiopi
    return certificate is not None and certificate.valid_from <= on <= certificate.valid_until


# -- options ------------------------------------------------------------------------------------


def _route(value: object) -> FundingRoute:
    from hypothesis.errors import InvalidArgument

    if isinstance(value, FundingRoute):
        return value
    try:
        return FundingRoute(value)
    except ValueError:
        names = ", ".join(r.value for r in OFFER_ROUTES)
        raise InvalidArgument(f"routes: {value!r} is not a funding route ({names})") from None


def _check_routes(routes: object) -> SearchStrategy[frozenset[FundingRoute]]:
    """The strategy of route sets for a ``routes=`` option, checked at once."""
    from hypothesis.errors import InvalidArgument

    if routes is None:
        return st.lists(
            st.sampled_from(OFFER_ROUTES), min_size=1, max_size=len(OFFER_ROUTES), unique=True
        ).map(frozenset)
    if isinstance(routes, st.SearchStrategy):
        return routes.map(_drawn_routes)
    if isinstance(routes, (str, FundingRoute)) or not isinstance(routes, Collection):
        raise InvalidArgument(
            f"routes must be a collection of funding routes or a strategy of them, got {routes!r}"
        )
    chosen = frozenset(_route(value) for value in routes)
    if not chosen:
        raise InvalidArgument("routes must name at least one funding route")
    return st.just(chosen)


def _drawn_routes(value: object) -> frozenset[FundingRoute]:
    from hypothesis.errors import InvalidArgument

    if isinstance(value, (str, FundingRoute)) or not isinstance(value, Collection):
        raise InvalidArgument(f"routes strategy gave {value!r}, not a collection of routes")
    chosen = frozenset(_route(item) for item in value)
    if not chosen:
        raise InvalidArgument("routes strategy gave no route")
    return chosen


def _check_provider(provider: object, on: pendulum.Date) -> SearchStrategy[Provider]:
    if provider is None:
        return providers(qualiopi=_certificates(on))
    if isinstance(provider, st.SearchStrategy):
        return provider.map(lambda drawn: _drawn_provider(drawn, on))
    return st.just(_drawn_provider(provider, on))


def _drawn_provider(provider: object, on: pendulum.Date) -> Provider:
    from hypothesis.errors import InvalidArgument

    if not isinstance(provider, Provider):
        raise InvalidArgument(f"provider must be a bilan_core.Provider, got {provider!r}")
    if _dated_valid(provider, on) and not _covered(provider, on):
        raise InvalidArgument(
            f"provider {provider.name!r}: its certificate is valid on {on} but not for bilans de "
            "compétences; QUALIOPI-CERTIFICATE-DISPLAY then reports any offer of it (shown: an "
            "error; not shown: a warning)"
        )
    return provider


# -- the offer ----------------------------------------------------------------------------------


@st.composite
def _cpf_entries(draw: st.DrawFn) -> list[AccessRoute]:
    """The CPF's entries: one for both cases, one for one case, or one for each (as STAFF's)."""
    form = draw(st.integers(0, 3))
    how = draw(_lines(_HOW[FundingRoute.CPF], 0, 1))
    if form == 0:  # one entry, nothing said of the employer
        return [AccessRoute(route=FundingRoute.CPF, how=how)]
    cases = (False, True) if form == 3 else (form == 2,)  # noqa: PLR2004
    entries = []
    for on_work in cases:
        says = draw(st.booleans()) or form == 3  # noqa: PLR2004
        employer = (
            EmployerInvolvement.PRIOR_AGREEMENT if on_work else EmployerInvolvement.NOT_INFORMED
        )
        entries.append(
            AccessRoute(
                route=FundingRoute.CPF,
                on_working_time=on_work,
                employer=employer if says else None,
                how=((_CPF_ON if on_work else _CPF_OUTSIDE),) if says else how,
            )
        )
    return entries


@st.composite
def _access_routes(
    draw: st.DrawFn, routes: frozenset[FundingRoute], *, per_route_start: bool
) -> tuple[AccessRoute, ...]:
    entries: list[AccessRoute] = []
    for route in OFFER_ROUTES:
        if route not in routes:
            continue
        if route is FundingRoute.CPF:
            entries.extend(draw(_cpf_entries()))
            continue
        networks: frozenset[JobSeekerNetwork] = frozenset()
        if route is FundingRoute.JOB_SEEKER:
            networks = draw(st.frozensets(st.sampled_from(JobSeekerNetwork)))
        entries.append(
            AccessRoute(route=route, networks=networks, how=draw(_lines(_HOW[route], 0, 2)))
        )
    order = draw(st.permutations(range(len(entries)))) if draw(st.booleans()) else None
    if order is not None:
        entries = [entries[i] for i in order]
    starts = [
        draw(_delays("start")) if per_route_start or draw(st.booleans()) else None for _ in entries
    ]
    return tuple(
        attrs.evolve(entry, start=start) for entry, start in zip(entries, starts, strict=True)
    )


@st.composite
def _prices(draw: st.DrawFn, routes: tuple[FundingRoute, ...]) -> tuple[Price, ...]:
    """One general price; or one per route; or a few routes priced apart and a general one."""
    amounts = money_amounts(900, 3500)
    details = _lines(_PRICE_DETAILS, 0, 2)
    form = draw(st.integers(0, 2))
    if form == 0 or (len(routes) == 1 and form == 2):  # noqa: PLR2004
        return (Price(amount=draw(amounts), details=draw(details)),)
    if form == 1:
        return tuple(
            Price(amount=draw(amounts), routes=frozenset({route}), details=draw(details))
            for route in routes
        )
    apart = draw(st.lists(st.sampled_from(routes), min_size=1, unique=True))
    specific = tuple(
        Price(amount=draw(amounts), routes=frozenset({route}), details=draw(details))
        for route in apart
    )
    return (Price(amount=draw(amounts), details=draw(details)), *specific)


@st.composite
def _durations(draw: st.DrawFn, limit: int) -> Duration:
    """Hours stated (at most the legal ceiling; often exactly it), meetings, maybe a span."""
    top = draw(st.sampled_from((limit, limit, 20 * 60, 18 * 60)) | st.integers(60, limit))
    top = min(top, limit)
    form = draw(st.sampled_from(("both", "maximum", "minimum")))
    low = draw(st.integers(min(top, 10 * 60), top)) if form != "maximum" else None
    high = top if form != "minimum" else None
    meetings_min = draw(st.none() | st.integers(3, 8))
    meetings_max = draw(st.none() | st.integers(meetings_min or 3, 12))
    stated = [f"{value // 60} h{value % 60:02d}" for value in (low, high) if value is not None]
    return Duration(
        min_minutes=low,
        max_minutes=high,
        meetings_min=meetings_min,
        meetings_max=meetings_max,
        span=draw(st.none() | _delays("span")),
        details=(f"Une durée de {' à '.join(stated)} au total",) if draw(st.booleans()) else (),
    )


@st.composite
def _methods(draw: st.DrawFn) -> Methods:
    """How the bilan is carried out: its steps and maybe an approach, or only an approach.

    The steps are the three legal phases in order, maybe with the prior information before
    and the follow-up after.
    """
    steps: list[PhaseOutline] = []
    if draw(st.integers(0, 4)) < 4:  # noqa: PLR2004 - mostly the steps, and first
        wanted = [Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION]
        if draw(st.booleans()):
            wanted.insert(0, Phase.INQUIRY)
        if draw(st.booleans()):
            wanted.append(Phase.FOLLOWED_UP)
        steps = [
            PhaseOutline(phase=phase, items=draw(_lines(_STEPS[phase], 1, 3))) for phase in wanted
        ]
    modalities = draw(st.frozensets(st.sampled_from(Modality), min_size=1))
    in_person = Modality.IN_PERSON in modalities
    return Methods(
        phases=tuple(steps),
        individual=draw(st.sampled_from((True, None))),
        modalities=modalities,
        blended=draw(st.booleans()) if len(modalities) == 2 else None,  # noqa: PLR2004
        in_person_at_provider_sites=draw(st.sampled_from((None, True))) if in_person else None,
        engagement_document=draw(st.none() | st.booleans()),
        approach=draw(_lines(_APPROACH, 0 if steps else 1, 3)),
    )


def _periods(on: pendulum.Date) -> SearchStrategy[tuple[pendulum.Date, pendulum.Date]]:
    """A period measured before ``on``: the year before it, a past calendar year, or a span."""

    def build(form: int, back: int, length: int) -> tuple[pendulum.Date, pendulum.Date]:
        if form == 0:
            return on.subtract(years=1), on.subtract(days=1)
        if form == 1:
            year = on.year - 1 - back // 400
            return pendulum.date(year, 1, 1), pendulum.date(year, 12, 31)
        end = on.subtract(days=back)
        return end.subtract(days=length), end

    return st.builds(build, st.integers(0, 2), st.integers(0, 800), st.integers(0, 730))


@st.composite
def _results(draw: st.DrawFn, on: pendulum.Date) -> ResultIndicator:
    kind = draw(st.sampled_from(ResultKind))
    start, end = draw(_periods(on))
    sample = draw(st.integers(1, 2000))
    scale: int | None = None
    if kind is ResultKind.BENEFICIARIES:
        unit, value, label = ResultUnit.COUNT, str(sample), "Nombre de bénéficiaires"
    elif kind is ResultKind.SATISFACTION and draw(st.booleans()):
        scale = draw(st.sampled_from((5, 10, 20)))
        tenths = scale * 10 - draw(st.integers(0, scale * 10))
        unit, value, label = ResultUnit.SCORE, f"{tenths // 10}.{tenths % 10}", "Note moyenne"
    else:
        unit = ResultUnit.PERCENT
        hundredths = 10_000 - draw(st.integers(0, 10_000))  # shrinks to 100 %
        value = str(hundredths // 100) if hundredths % 100 == 0 else f"{Decimal(hundredths) / 100}"
        label = {
            ResultKind.SATISFACTION: "Taux de satisfaction",
            ResultKind.COMPLETION: "Taux de réalisation",
            ResultKind.ABANDONMENT: "Taux d'abandon",
        }.get(kind, "Taux de retour à l'emploi à six mois")
    return ResultIndicator(
        kind=kind,
        label=label,
        value=value,
        unit=unit,
        scale=scale,
        period_start=start,
        period_end=end,
        # rarely no sample size: an info of QUALIOPI-IND2-RESULTS, neither error nor warning
        sample_size=None if draw(st.integers(0, 7)) == 7 else sample,  # noqa: PLR2004
    )


def _mention(draw: st.DrawFn, provider: Provider, on: pendulum.Date) -> QualiopiMention | None:
    """What the offer shows: the certificate if the provider holds one at ``on``, else nothing."""
    if not _covered(provider, on):
        return draw(st.none() | st.just(QualiopiMention()))
    logo = draw(st.booleans())
    return QualiopiMention(
        certificate_displayed=True,
        logo=logo,
        category_mentioned=logo or draw(st.booleans()),
    )


@st.composite
def _syntheses(draw: st.DrawFn) -> Synthesis:
    titles = draw(_lines(tuple(title for _, title in _OUTLINE), 1, 5))
    return Synthesis(
        outline=tuple(
            OutlineItem(part=part, title=title) for part, title in _OUTLINE if title in titles
        ),
        at_last_meeting=draw(st.none() | st.booleans()),
    )


@st.composite
def _valid_offers(
    draw: st.DrawFn,
    on: pendulum.Date,
    route_sets: SearchStrategy[frozenset[FundingRoute]],
    provider_strategy: SearchStrategy[Provider],
) -> Offer:
    routes = draw(route_sets)
    provider = draw(provider_strategy)
    limit = _duration_limit(on)
    offer_start = draw(st.integers(0, 4)) < 4  # noqa: PLR2004 - else every route gives its own start delay
    access = draw(_access_routes(routes, per_route_start=not offer_start))
    ordered = tuple(dict.fromkeys(entry.route for entry in access))
    audience = draw(_lines(tuple(line for line, _ in _AUDIENCES), 0, 3))
    statuses = frozenset(status for line, status in _AUDIENCES if line in audience)
    fresh = first_fresh_day(on)
    dated = draw(st.sampled_from((fresh, on)) | days(fresh, on))

    general = draw(_contacts(ContactRole.GENERAL))
    disability = draw(_contacts(ContactRole.DISABILITY))
    referent_in_contacts = draw(st.booleans())
    others = draw(
        st.lists(
            st.sampled_from((ContactRole.PEDAGOGICAL, ContactRole.QUALITY, ContactRole.OTHER)),
            max_size=2,
            unique=True,
        )
    )
    contacts = [general]
    if referent_in_contacts:
        contacts.append(disability)
    contacts += [draw(_contacts(role, reachable=draw(st.booleans()))) for role in others]

    sites_accessible = {site.reduced_mobility_access for site in provider.sites}
    accessibility = Accessibility(
        premises=draw(_lines(_PREMISES, 1, 2)),
        reduced_mobility_access=(sites_accessible.pop() if len(sites_accessible) == 1 else None),
        adaptations=draw(_lines(_ADAPTATIONS, 0, 3)),
        disability_contact=None if referent_in_contacts else disability,
    )
    resources = draw(_lines(tuple(title for title, _ in _RESOURCES), 0, 4))
    optional = draw(st.lists(st.booleans(), min_size=8, max_size=8))
    return Offer(
        id=draw(opaque_ids("offer-")),
        title=draw(st.sampled_from(_TITLES)),
        provider=provider,
        information_date=dated,
        legal_framework=draw(_lines(_LEGAL, 0, 3)),
        objectives=draw(_lines(_OBJECTIVES, 1, 4)),
        audience=audience,
        audience_statuses=statuses,
        prerequisites=draw(_lines(_PREREQUISITES, 0, 1)),
        access_routes=access,
        duration=draw(_durations(limit)),
        access_delays=AccessDelays(
            callback=draw(_delays("callback")) if optional[0] else None,
            start=draw(_delays("start")) if offer_start else None,
            start_depends_on_funding=optional[1],
        )
        if offer_start or optional[0]
        else None,
        prices=draw(_prices(ordered)),
        contacts=tuple(contacts),
        opening_hours=draw(_schedules()) if optional[2] else None,
        amplitude=draw(_schedules()) if optional[3] else None,
        closed_on_public_holidays=draw(st.none() | st.booleans()),
        methods=draw(_methods()),
        resources=tuple(
            ResourceGroup(title=title, items=items)
            for title, items in _RESOURCES
            if title in resources
        ),
        resource_room_hours=draw(_schedules()) if optional[4] else None,
        evaluation=draw(_lines(_EVALUATION, 1, 3)),
        accessibility=accessibility,
        synthesis=draw(_syntheses()) if optional[5] else None,
        follow_up=FollowUpTerms(
            after=Length(value=draw(st.sampled_from((6, 3, 12))), unit=TimeUnit.MONTHS),
            items=draw(_lines(_STEPS[Phase.FOLLOWED_UP], 0, 2)),
        )
        if optional[6]
        else None,
        results=tuple(draw(st.lists(_results(on), min_size=1, max_size=4))),
        confidentiality=Confidentiality(
            recipients=frozenset({RecipientKind.BENEFICIARY}),
            third_parties_with_agreement=draw(st.booleans()),
            statement=draw(_lines(_CONFIDENTIALITY, 0, 3)),
        )
        if optional[7]
        else None,
        qualiopi=_mention(draw, provider, on),
    )


def offers(
    *,
    on: dt.date = EXAMPLE_ON,
    routes: Collection[FundingRoute | str] | SearchStrategy[Collection[FundingRoute]] | None = None,
    provider: Provider | SearchStrategy[Provider] | None = None,
) -> SearchStrategy[Offer]:
    """Realistic public offers of bilans, valid when checked at ``on``.

    ``check_offer(offer, on=on)`` reports no error and no warning (an info may come: a
    result indicator without its sample size, about one in eight). Every offer states each
    item of Qualiopi's indicator 1: objectives, the duration in hours (at most the legal
    ceiling, often exactly 24 h), its access routes (the CPF's entries saying of the employer
    what the law says, or nothing), the start delay (for the offer, or for each route),
    a price for every route (one for all, one per route, or some apart), a reachable contact,
    the methods (the three legal phases in order, or an approach), evaluation modalities,
    accessibility and a reachable disability referent; one to four result indicators, each
    with its period before ``on`` (and mostly its sample size); the information dated from
    the first day it is still up to date (:func:`first_fresh_day`, drawn often) to ``on``
    itself. The provider's Qualiopi certificate is shown when it covers bilans at ``on``
    (the logo, if used, with the certified category), and nothing is shown otherwise (no
    certificate, or one expired or not yet valid: about one provider in three). The
    optional parts come and go: call-back delay, opening hours, amplitude, resource room,
    synthesis, follow-up, confidentiality promise (the beneficiary alone), prerequisites.

    Args:
        on: the evaluation date the offer is valid at (default:
            :data:`bilan_core.EXAMPLE_ON`), from :data:`~bilan_core.strategies.LAW_FROM`
            (2019-01-01) to 2993-12-31.
        routes: the funding routes the offer gives access by, each at least once: a
            collection of :class:`~bilan_core.offer.FundingRoute` (or their values,
            ``"cpf"``...) or a strategy of such collections (default: any non-empty set).
        provider: the provider, or a strategy of providers (default:
            :func:`~bilan_core.strategies.providers`, certified for bilans at ``on`` about
            two times in three). A certificate valid at ``on`` must cover bilans: otherwise
            no offer passes QUALIOPI-CERTIFICATE-DISPLAY.

    Shrinks towards a CPF offer (one entry, nothing said of the employer) at one general
    price, the information dated on :func:`first_fresh_day`, one result indicator, the
    fewest lines and the optional parts absent.

    Raises:
        hypothesis.errors.InvalidArgument: ``on`` not a date or outside the dates served,
            ``routes`` empty or naming no funding route, ``provider`` not a
            :class:`~bilan_core.Provider` or certified on ``on`` but not for bilans (raised
            at once; for the values a strategy gives, when drawing).
    """
    day = _check_on(on, "offers")
    return _valid_offers(day, _check_routes(routes), _check_provider(provider, day))


# -- offers that break one rule ---------------------------------------------------------------

_Mutation = Callable[[st.DrawFn, Offer, pendulum.Date], Offer]
_BLANKS: Final = ((), ("",), ("   ",), ("", " "))


def _blank_lines(draw: st.DrawFn) -> tuple[str, ...]:
    return draw(st.sampled_from(_BLANKS))


def _objectives(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    return attrs.evolve(offer, objectives=_blank_lines(draw))


def _duration(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    if offer.duration is None or draw(st.booleans()):
        return attrs.evolve(offer, duration=None)
    # the meetings, span and wording kept, the hours gone
    return attrs.evolve(
        offer, duration=attrs.evolve(offer.duration, min_minutes=None, max_minutes=None)
    )


def _access(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    delays = offer.access_delays or AccessDelays()
    start = delays.start or next(r.start for r in offer.access_routes if r.start is not None)
    return attrs.evolve(offer, access_routes=(), access_delays=attrs.evolve(delays, start=start))


def _access_delays(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    form = draw(st.integers(0, 2))
    routes = offer.access_routes
    if form == 0:  # every route but one gives its start (the boundary)
        missing = draw(st.integers(0, len(routes) - 1))
        start = draw(_delays("start"))
        routes = tuple(
            attrs.evolve(r, start=None if i == missing else r.start or start)
            for i, r in enumerate(routes)
        )
    else:  # no route gives one
        routes = tuple(attrs.evolve(r, start=None) for r in routes)
    delays = offer.access_delays
    if form == 2 or delays is None:  # noqa: PLR2004
        return attrs.evolve(offer, access_routes=routes, access_delays=None)
    # the call back (and "depends on the funding") kept, the start gone
    return attrs.evolve(offer, access_routes=routes, access_delays=attrs.evolve(delays, start=None))


def _prices_missing(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    routes = offer.routes
    if len(routes) == 1 or draw(st.booleans()):
        return attrs.evolve(offer, prices=())
    # one price per route, but for one route (the boundary: every other route priced)
    missing = draw(st.sampled_from(routes))
    prices = tuple(
        Price(amount=price.amount, routes=frozenset({route}), details=price.details)
        for route in routes
        if route is not missing and (price := offer.price_of(route)) is not None
    )
    return attrs.evolve(offer, prices=prices)


def _contacts_unreachable(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    referent = _referent(offer)
    contacts = () if draw(st.booleans()) else tuple(map(_unreachable, offer.contacts))
    accessibility = attrs.evolve(
        offer.accessibility or Accessibility(), disability_contact=referent
    )
    return attrs.evolve(offer, contacts=contacts, accessibility=accessibility)


def _referent(offer: Offer) -> Contact:
    """The offer's reachable disability referent (valid offers have one)."""
    named = offer.accessibility.disability_contact if offer.accessibility else None
    if named is not None and named.reachable:
        return named
    return next(c for c in offer.contacts if c.role is ContactRole.DISABILITY and c.reachable)


def _methods_missing(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    if offer.methods is None or draw(st.booleans()):
        return attrs.evolve(offer, methods=None)
    # the steps kept (the three phases, OFFER-PHASES still holds) but saying nothing
    blank = _blank_lines(draw)
    steps = tuple(attrs.evolve(step, items=blank) for step in offer.methods.phases)
    return attrs.evolve(offer, methods=attrs.evolve(offer.methods, phases=steps, approach=blank))


def _evaluation(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    return attrs.evolve(offer, evaluation=_blank_lines(draw))


def _accessibility(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    referent = attrs.evolve(_referent(offer), role=ContactRole.DISABILITY)
    contacts = offer.contacts
    if referent not in contacts:  # the referent moves to the contacts: no warning comes along
        contacts = (*contacts, referent)
    accessibility = None if draw(st.booleans()) else Accessibility(premises=_blank_lines(draw))
    return attrs.evolve(offer, accessibility=accessibility, contacts=contacts)


def _disability_contact(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    # the referent named but unreachable (the boundary: a name, no way to reach them), or gone
    unreachable = draw(st.booleans())
    contacts = tuple(
        _unreachable(c) if c.role is ContactRole.DISABILITY else c
        for c in offer.contacts
        if unreachable or c.role is not ContactRole.DISABILITY
    )
    accessibility = offer.accessibility or Accessibility(premises=(_PREMISES[0],))
    named = accessibility.disability_contact
    referent = _unreachable(named) if named is not None and unreachable else None
    return attrs.evolve(
        offer,
        contacts=contacts,
        accessibility=attrs.evolve(accessibility, disability_contact=referent),
    )


def _dated(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:
    form = draw(st.integers(0, 4))
    if form == 0:
        dated = None
    elif form in {1, 2}:  # too old: by one day (the boundary) or more
        stale = first_fresh_day(on).subtract(days=1)
        dated = stale.subtract(days=0 if form == 1 else draw(st.integers(1, 5 * 365)))
    else:  # dated after on: by one day (the boundary) or more
        dated = on.add(days=1 if form == 3 else draw(st.integers(2, 366)))  # noqa: PLR2004
    return attrs.evolve(offer, information_date=dated)


def _results_missing(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    if draw(st.booleans()):
        return attrs.evolve(offer, results=())
    index = draw(st.integers(0, len(offer.results) - 1))
    results = tuple(
        attrs.evolve(r, period_start=None, period_end=None) if i == index else r
        for i, r in enumerate(offer.results)
    )
    return attrs.evolve(offer, results=results)


def _certificate(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:
    provider = offer.provider
    form = draw(st.integers(0, 2)) if _covered(provider, on) else 2
    if form == 0:  # certified, the certificate not shown (a warning)
        shown = draw(st.none() | st.builds(QualiopiMention, logo=st.booleans()))
        if shown is not None and shown.logo:
            shown = attrs.evolve(shown, category_mentioned=True)
        return attrs.evolve(offer, qualiopi=shown)
    if form == 1:  # the logo without the certified category (a warning)
        mention = QualiopiMention(certificate_displayed=True, logo=True)
        return attrs.evolve(offer, qualiopi=mention)
    # shown while not certified for bilans at on (an error): none, expired yesterday or later,
    # beginning tomorrow or later
    certificate = draw(st.none() | _lapsed(on))
    logo = draw(st.booleans())
    mention = QualiopiMention(
        certificate_displayed=not logo or draw(st.booleans()),
        logo=logo,
        category_mentioned=logo,
    )
    return attrs.evolve(
        offer, provider=attrs.evolve(provider, qualiopi=certificate), qualiopi=mention
    )


def _duration_max(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:
    limit = _duration_limit(on)
    over = limit + 1 if draw(st.booleans()) else draw(st.integers(limit + 1, 100 * 60))
    base = offer.duration or Duration()
    form = draw(st.integers(0, 2))
    if form == 0:  # the most announced above the ceiling (24 h 01 at the boundary)
        low = base.min_minutes if base.min_minutes is not None and draw(st.booleans()) else None
        duration = attrs.evolve(base, min_minutes=low, max_minutes=over)
    elif form == 1:  # the least announced above it, and so the most
        duration = attrs.evolve(base, min_minutes=over, max_minutes=draw(st.integers(over, 6000)))
    else:  # only a least, above it
        duration = attrs.evolve(base, min_minutes=over, max_minutes=None)
    return attrs.evolve(offer, duration=duration)


_LEGAL_STEPS: Final[tuple[Phase, ...]] = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)


def _phases(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    methods = offer.methods or Methods()
    if draw(st.booleans()):  # one or two legal phases missing
        kept = draw(st.lists(st.sampled_from(_LEGAL_STEPS), max_size=2, unique=True))
        wanted = [p for p in _LEGAL_STEPS if p in kept]
    else:  # the three, out of order
        wanted = draw(st.permutations(_LEGAL_STEPS).filter(lambda p: list(p) != list(_LEGAL_STEPS)))
    if draw(st.booleans()):
        wanted.insert(0, Phase.INQUIRY)
    if draw(st.booleans()) or not wanted:  # a step at least: no step promises nothing
        wanted.append(Phase.FOLLOWED_UP)
    steps = tuple(PhaseOutline(phase=p, items=draw(_lines(_STEPS[p], 1, 2))) for p in wanted)
    approach = methods.approach or (_APPROACH[0],)  # still described, even with no step left
    return attrs.evolve(offer, methods=attrs.evolve(methods, phases=steps, approach=approach))


_OTHERS: Final = tuple(r for r in RecipientKind if r is not RecipientKind.BENEFICIARY)


def _sole_recipient(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    others = draw(st.frozensets(st.sampled_from(_OTHERS), max_size=3))
    with_beneficiary = draw(st.booleans()) if others else False
    recipients = others | {RecipientKind.BENEFICIARY} if with_beneficiary else others
    promise = offer.confidentiality or Confidentiality()
    return attrs.evolve(offer, confidentiality=attrs.evolve(promise, recipients=recipients))


_WRONG: Final[dict[bool | None, tuple[EmployerInvolvement, ...]]] = {
    None: tuple(EmployerInvolvement),
    False: (EmployerInvolvement.INFORMED, EmployerInvolvement.PRIOR_AGREEMENT),
    True: (EmployerInvolvement.INFORMED, EmployerInvolvement.NOT_INFORMED),
}


def _cpf_employer(draw: st.DrawFn, offer: Offer, on: pendulum.Date) -> Offer:  # noqa: ARG001
    cpf = [i for i, r in enumerate(offer.access_routes) if r.route is FundingRoute.CPF]
    index = draw(st.sampled_from(cpf))
    entry = offer.access_routes[index]
    on_work = draw(st.sampled_from((entry.on_working_time, None, False, True)))
    # the near miss first: "the employer is informed" (neither nothing nor its agreement)
    employer = draw(st.sampled_from(_WRONG[on_work]))
    wrong = attrs.evolve(entry, on_working_time=on_work, employer=employer)
    routes = tuple(wrong if i == index else r for i, r in enumerate(offer.access_routes))
    return attrs.evolve(offer, access_routes=routes)


_BREAKS: Final[dict[str, _Mutation]] = {
    "QUALIOPI-IND1-OBJECTIVES": _objectives,
    "QUALIOPI-IND1-DURATION": _duration,
    "QUALIOPI-IND1-ACCESS": _access,
    "QUALIOPI-IND1-ACCESS-DELAYS": _access_delays,
    "QUALIOPI-IND1-PRICES": _prices_missing,
    "QUALIOPI-IND1-CONTACTS": _contacts_unreachable,
    "QUALIOPI-IND1-METHODS": _methods_missing,
    "QUALIOPI-IND1-EVALUATION": _evaluation,
    "QUALIOPI-IND1-ACCESSIBILITY": _accessibility,
    "QUALIOPI-IND1-DISABILITY-CONTACT": _disability_contact,
    "QUALIOPI-IND1-DATED": _dated,
    "QUALIOPI-IND2-RESULTS": _results_missing,
    "QUALIOPI-CERTIFICATE-DISPLAY": _certificate,
    "OFFER-DURATION-MAX": _duration_max,
    "OFFER-PHASES": _phases,
    "OFFER-SOLE-RECIPIENT": _sole_recipient,
    "OFFER-CPF-EMPLOYER": _cpf_employer,
}

_NEEDS_CPF: Final = frozenset({"OFFER-CPF-EMPLOYER"})

BREAKABLE_OFFER_RULES: Final[tuple[str, ...]] = tuple(_BREAKS)
"""The rule ids :func:`offers_violating` accepts: every rule of the catalogue judging offers."""


def _breaks_only(offer: Offer, rule_id: str, on: pendulum.Date) -> bool:
    from bilan_core.offer_check import check_offer

    found = False
    for violation in check_offer(offer, on=on).violations:
        if violation.rule_id == rule_id and violation.severity is not Severity.INFO:
            found = True
        elif violation.severity is Severity.ERROR:
            return False
    return found


@st.composite
def _violating(
    draw: st.DrawFn,
    rule_id: str,
    on: pendulum.Date,
    route_sets: SearchStrategy[frozenset[FundingRoute]],
) -> Offer:
    base = draw(_valid_offers(on, route_sets, providers(qualiopi=_certificates(on))))
    offer = _BREAKS[rule_id](draw, base, on)
    if not _breaks_only(offer, rule_id, on):  # pragma: no cover - a bug of the mutation
        from bilan_core.offer_check import check_offer

        report = check_offer(offer, on=on)
        found = sorted({(v.rule_id, v.severity.value) for v in report.violations})
        raise AssertionError(f"offers_violating({rule_id!r}) drew an offer reporting {found}")
    return offer


def _breakable_offer_rule(rule_id: object, day: pendulum.Date) -> Rule:
    from hypothesis.errors import InvalidArgument

    from bilan_core.checks._catalogue import catalogue
    from bilan_core.errors import UnknownRule

    if not isinstance(rule_id, str):
        raise InvalidArgument(f"rule_id must be a rule id string, got {type(rule_id).__name__}")
    try:
        rule = catalogue.rule(rule_id)
    except UnknownRule:
        raise InvalidArgument(f"unknown rule id {rule_id!r}") from None
    if rule.subject != "offer":
        raise InvalidArgument(
            f"{rule_id} judges a {rule.subject}, not an offer: use bilans_violating({rule_id!r})"
        )
    if rule_id not in _BREAKS:  # pragma: no cover - a rule added without a mutation
        raise InvalidArgument(f"no mutation breaks {rule_id} yet")
    if rule.in_force_from > day or (rule.in_force_until is not None and rule.in_force_until < day):
        until = f" to {rule.in_force_until}" if rule.in_force_until is not None else ""
        raise InvalidArgument(
            f"{rule_id} is not in force on {day} (from {rule.in_force_from}{until})"
        )
    return rule


def offers_violating(rule_id: str, *, on: dt.date = EXAMPLE_ON) -> SearchStrategy[Offer]:
    """Offers that break ``rule_id`` and no other error-severity rule, checked at ``on``.

    Each offer is a valid offer of :func:`offers` changed in one place: an item of
    indicator 1 left out or left blank (``[""]`` counts as nothing said), a price missing for
    one route only, every route's start delay given but one, a disability referent named
    without a way to reach them, information dated one day too old or one day after ``on``,
    a result without its period, a certificate shown that expired the day before,
    ``24 h 01`` announced, the phases out of order, results promised to the employer, the
    CPF entry saying the employer "is informed"... Boundaries come often (about half the
    draws where the rule has one). ``check_offer(offer, on=on)`` reports ``rule_id`` (an
    error, or a warning where the rule reports one: QUALIOPI-IND1-DISABILITY-CONTACT,
    QUALIOPI-CERTIFICATE-DISPLAY but for a certificate shown without being held,
    QUALIOPI-IND1-DATED for an old or future date) and no other error; warnings of other
    rules do not come along either.

    Args:
        rule_id: a rule judging offers (``bilan_core.rules(subject="offer")``, all in
            :data:`BREAKABLE_OFFER_RULES`).
        on: the evaluation date (default: :data:`bilan_core.EXAMPLE_ON`); the rule must be
            in force then.

    Shrinks towards the simplest valid offer changed the least (for
    ``OFFER-DURATION-MAX``: 24 h 01 announced; for ``QUALIOPI-IND1-DATED``: no date).

    Raises:
        hypothesis.errors.InvalidArgument: at once, for an unknown rule id, a rule judging
            bilans (``bilans_violating`` breaks those), a rule not in force at ``on``, or
            ``on`` not a date or outside the dates served (as :func:`offers`').
    """
    day = as_date(on)
    _breakable_offer_rule(rule_id, day)
    day = _check_on(day, f"offers_violating({rule_id!r})")
    routes = _check_routes(None)
    if rule_id in _NEEDS_CPF:
        routes = routes.map(lambda chosen: chosen | {FundingRoute.CPF})
    return _violating(rule_id, day, routes)
