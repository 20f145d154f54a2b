"""Strategies for the parts of a bilan, each valid on its own (its own invariants hold).

Parts drawn alone are not tied to a timeline: a funding from :func:`fundings` has dates of its
own. :func:`~bilan_core.strategies.bilans` builds consistent parts itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

import pendulum
from hypothesis import strategies as st

from bilan_core.beneficiary import Beneficiary, BeneficiaryStatus, PublicService
from bilan_core.consultants import Consultant, ConsultantRole
from bilan_core.funding import (
    CONVENTION_ITEMS,
    FUNDING_TYPES,
    Convention,
    CpfFunding,
    EmployerAnswer,
    EmployerPlanFunding,
    EmployerRequest,
    JobSeekerFunding,
    JobSeekerNetwork,
    LeaveAnswer,
    Payer,
    PublicFunder,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
    SelfFunding,
)
from bilan_core.phases import Phase
from bilan_core.provider import Provider, Qualiopi, QualiopiCategory, Site
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus
from bilan_core.strategies._primitives import (
    days,
    instants,
    money_amounts,
    ndas,
    opaque_ids,
    sirets,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from bilan_core.funding import Funding

__all__ = [
    "FUNDING_TAGS",
    "beneficiaries",
    "consultants",
    "conventions",
    "fundings",
    "providers",
    "qualiopis",
    "sessions",
    "sites",
]

FUNDING_TAGS: tuple[str, ...] = tuple(cls.TAG for cls in FUNDING_TYPES)
"""The funding tags, in the order of :data:`bilan_core.funding.FUNDING_TYPES`."""

_MIN_DAY = dt.date(2019, 1, 1)
_MAX_DAY = dt.date(2030, 12, 31)
_CITIES = (
    ("44470", "Carquefou"),
    ("44000", "Nantes"),
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("57000", "Metz"),
    ("97400", "Saint-Denis"),
)
_NAMES = ("STAFF", "Cap Compétences", "Bilan & Avenir", "Horizons RH", "Atelier Carrières")


@functools.cache
def sites() -> SearchStrategy[Site]:
    """Sites of a provider; shrinks towards an accessible site in Carquefou."""
    return st.builds(
        lambda sid, number, city, access: Site(
            id=sid,
            street=f"{number} rue des Petites Industries",
            postcode=city[0],
            city=city[1],
            reduced_mobility_access=access,
        ),
        opaque_ids("site-"),
        st.integers(1, 200),
        st.sampled_from(_CITIES),
        st.booleans().map(lambda b: not b),
    )


def qualiopis(
    *, valid_on: dt.date | None = None, until: dt.date | None = None
) -> SearchStrategy[Qualiopi]:
    """Qualiopi certificates covering bilans (and maybe other categories).

    Args:
        valid_on: a day the certificate must cover (default: any).
        until: a day up to which it must stay valid (default: ``valid_on``).
    """
    anchor = valid_on or dt.date(2024, 6, 1)
    last = until or anchor

    def build(extra: frozenset[QualiopiCategory], before: int, after: int) -> Qualiopi:
        start = pendulum.Date(anchor.year, anchor.month, anchor.day).subtract(days=before)
        end = pendulum.Date(last.year, last.month, last.day).add(days=after)
        return Qualiopi(
            categories=extra | {QualiopiCategory.BILAN_DE_COMPETENCES},
            valid_from=start,
            valid_until=end,
        )

    return st.builds(
        build,
        st.frozensets(st.sampled_from(QualiopiCategory)),
        st.integers(0, 1000),
        st.integers(0, 1000),
    )


def providers(
    *, qualiopi: SearchStrategy[Qualiopi | None] | None = None
) -> SearchStrategy[Provider]:
    """Declared providers (with an NDA), one to three sites.

    Args:
        qualiopi: a strategy for the certificate (default: :func:`qualiopis`).
    """
    return st.builds(
        lambda name, siret, nda, cert, site_list: Provider(
            name=name, siret=siret, nda=nda, qualiopi=cert, sites=tuple(site_list)
        ),
        st.sampled_from(_NAMES),
        sirets(),
        ndas(),
        qualiopis() if qualiopi is None else qualiopi,
        st.lists(sites(), min_size=1, max_size=3, unique_by=lambda s: s.id),
    )


def beneficiaries(
    *, status: BeneficiaryStatus | SearchStrategy[BeneficiaryStatus] | None = None
) -> SearchStrategy[Beneficiary]:
    """Beneficiaries with an opaque id; employees and agents have an employer SIRET.

    Args:
        status: a status or a strategy of statuses (default: any).
    """
    statuses = (
        st.sampled_from(BeneficiaryStatus)
        if status is None
        else status
        if isinstance(status, st.SearchStrategy)
        else st.just(status)
    )

    @st.composite
    def build(draw: st.DrawFn) -> Beneficiary:
        chosen = draw(statuses)
        employed = chosen in {BeneficiaryStatus.PRIVATE_EMPLOYEE, BeneficiaryStatus.PUBLIC_AGENT}
        agent = chosen is BeneficiaryStatus.PUBLIC_AGENT
        return Beneficiary(
            id=draw(opaque_ids("b-")),
            status=chosen,
            employer_siret=draw(sirets()) if employed else None,
            public_service=draw(st.sampled_from(PublicService)) if agent else None,
            priority_agent=draw(st.booleans()) if agent else False,
            in_service_since=draw(days(dt.date(1990, 1, 1), dt.date(2022, 1, 1)))
            if agent
            else None,
        )

    return build()


def consultants() -> SearchStrategy[Consultant]:
    """Consultants; shrinks towards a referent."""
    return st.builds(Consultant, id=opaque_ids("c-"), role=st.sampled_from(ConsultantRole))


def conventions() -> SearchStrategy[Convention]:
    """Tripartite conventions, signed or not, with any of the R6313-8 mentions."""
    return st.builds(
        lambda sent, delay, signed, items: Convention(
            sent_on=sent,
            signed_on=sent.add(days=delay) if signed else None,
            items=items,
        ),
        days(_MIN_DAY, _MAX_DAY),
        st.integers(0, 20),
        st.booleans(),
        st.frozensets(st.sampled_from(CONVENTION_ITEMS)).map(
            lambda items: frozenset(CONVENTION_ITEMS) - items
        ),
    )


def _employer_requests() -> SearchStrategy[EmployerRequest]:
    @st.composite
    def build(draw: st.DrawFn) -> EmployerRequest:
        sent = draw(days(_MIN_DAY, _MAX_DAY))
        received = sent.add(days=draw(st.integers(0, 10)))
        answer = draw(st.none() | st.sampled_from(EmployerAnswer))
        answered = received.add(days=draw(st.integers(0, 40))) if answer else None
        return EmployerRequest(
            sent_on=sent, received_on=received, answer=answer, answered_on=answered
        )

    return build()


def _cpf_fundings() -> SearchStrategy[CpfFunding]:
    @st.composite
    def build(draw: st.DrawFn) -> CpfFunding:
        working = draw(st.booleans())
        return CpfFunding(
            on_working_time=working,
            purchase_date=draw(days(_MIN_DAY, _MAX_DAY)),
            price=draw(money_amounts(500, 3000)),
            cpf_amount=draw(money_amounts(0, 3000)),
            participation=draw(money_amounts(0, 200)),
            co_funding=draw(money_amounts(0, 1000)),
            funded_minutes=draw(st.none() | st.integers(0, 1440)),
            employer_request=draw(_employer_requests()) if working else None,
        )

    return build()


def _public_leave_fundings() -> SearchStrategy[PublicLeaveFunding]:
    @st.composite
    def build(draw: st.DrawFn) -> PublicLeaveFunding:
        received = draw(days(_MIN_DAY, _MAX_DAY))
        answer = draw(st.none() | st.sampled_from(LeaveAnswer))
        return PublicLeaveFunding(
            funder=draw(st.sampled_from(PublicFunder)),
            request_received_on=received,
            answer=answer,
            answered_on=received.add(days=draw(st.integers(0, 70))) if answer else None,
            leave_minutes=draw(st.none() | st.integers(0, 72 * 60)),
            convention=draw(st.none() | conventions()),
            price=draw(st.none() | money_amounts(500, 3000)),
        )

    return build()


@functools.cache
def _funding_strategy(tag: str) -> SearchStrategy[Funding]:
    prices = st.none() | money_amounts(500, 3000)
    payers = st.sampled_from(Payer)
    conventions_or_none = st.none() | conventions()
    by_tag: dict[str, SearchStrategy[Funding]] = {
        "cpf": _cpf_fundings(),
        "employer_plan": st.builds(
            EmployerPlanFunding, payer=payers, convention=conventions_or_none, price=prices
        ),
        "reclassification_leave": st.builds(
            ReclassificationLeaveFunding, payer=payers, convention=conventions_or_none, price=prices
        ),
        "job_seeker": st.builds(JobSeekerFunding, network=st.sampled_from(JobSeekerNetwork)),
        "public_leave": _public_leave_fundings(),
        "self_funded": st.builds(SelfFunding, price=prices),
    }
    return by_tag[tag]


def fundings(*, type: str | SearchStrategy[str] | None = None) -> SearchStrategy[Funding]:  # noqa: A002 - the wire key
    """Fundings of every route, each valid as an object (not tied to a bilan's dates).

    Args:
        type: a funding tag (``"cpf"``, ``"employer_plan"``...) or a strategy of tags
            (default: every route). Shrinks towards the first tag, ``"cpf"``.
    """
    tags = _tags(type)
    return tags.flatmap(_funding_strategy)


def _tags(value: str | SearchStrategy[str] | None) -> SearchStrategy[str]:
    from hypothesis.errors import InvalidArgument

    if value is None:
        return st.sampled_from(FUNDING_TAGS)
    if isinstance(value, st.SearchStrategy):
        return value
    if value not in FUNDING_TAGS:
        raise InvalidArgument(f"funding type must be one of {FUNDING_TAGS}, got {value!r}")
    return st.just(value)


def sessions() -> SearchStrategy[Session]:
    """Single sessions of any phase, kind, modality and status (valid as objects).

    Shrinks towards a one-minute in-person preliminary interview.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Session:
        phase = draw(
            st.sampled_from(
                (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION, Phase.FOLLOWED_UP)
            )
        )
        if phase is Phase.FOLLOWED_UP:
            kind = SessionKind.FOLLOW_UP
        else:
            kind = draw(
                st.sampled_from(
                    (
                        SessionKind.INTERVIEW,
                        SessionKind.TEST,
                        SessionKind.WORKSHOP,
                        SessionKind.PERSONAL_WORK,
                    )
                )
            )
        with_consultant = (
            None if kind is SessionKind.PERSONAL_WORK else draw(st.none() | st.booleans())
        )
        return Session(
            id=draw(opaque_ids("s-")),
            start=draw(instants(_MIN_DAY, _MAX_DAY)),
            minutes=draw(st.integers(1, 720)),
            phase=phase,
            kind=kind,
            modality=draw(st.sampled_from(Modality)),
            individual=draw(st.booleans().map(lambda b: not b)),
            with_consultant=with_consultant,
            status=draw(st.sampled_from(SessionStatus)),
        )

    return build()
