"""How to get a bilan from the offer: its routes, delays, prices and duration.

Qualiopi's indicator 1 asks for the *modalités et délais d'accès*, the *tarifs* and the
*durée*; a bilan's duration has a legal ceiling (C. trav. L6313-4). These classes hold what
the offer promises; the rules of :mod:`bilan_core.checks.offer` judge it.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated

import attrs

from bilan_core._fields import Range, check_fields
from bilan_core._values import money
from bilan_core.errors import InvalidValue
from bilan_core.funding import JobSeekerNetwork
from bilan_core.offer._parts import Delay, as_frozenset, as_tuple
from bilan_core.text import Text

__all__ = [
    "AccessDelays",
    "AccessRoute",
    "Duration",
    "EmployerInvolvement",
    "FundingRoute",
    "OfferMinutes",
    "Price",
]


class FundingRoute(enum.Enum):
    """A way a bilan is paid for: the funding ``type`` of a bilan, and of a charter's delays."""

    CPF = "cpf"
    """The *compte personnel de formation*."""
    EMPLOYER_PLAN = "employer_plan"
    """The employer's *plan de développement des compétences*."""
    RECLASSIFICATION_LEAVE = "reclassification_leave"
    """The *congé de reclassement*."""
    JOB_SEEKER = "job_seeker"
    """A job seeker, through France Travail, the Apec or Cap emploi."""
    PUBLIC_LEAVE = "public_leave"
    """A public agent (*agent public*: civil servant or contract agent)."""
    SELF_FUNDED = "self_funded"
    """The beneficiary pays."""


class EmployerInvolvement(enum.Enum):
    """What an offer says the employer has to do with a route."""

    NOT_INFORMED = "not_informed"
    """The employer need not be told (*l'employeur n'a pas à être informé*)."""
    INFORMED = "informed"
    """The employer is told."""
    PRIOR_AGREEMENT = "prior_agreement"
    """The employer's prior agreement is asked (*accord préalable*)."""


@attrs.frozen(kw_only=True)
class AccessRoute:
    """One way into the bilan (*modalité d'accès*): a funding route and how to use it.

    Attributes:
        route: the funding route.
        on_working_time: for the CPF only: the entry is for a bilan on working time
            (``true``), outside it (``false``), or either (``null``).
        employer: what the offer says the employer has to do, when it says it.
        networks: for a job seeker: where the request is made.
        how: how to enrol this way, as the offer words it.
        start: the delay to start by this route, when it differs from the offer's.
    """

    route: FundingRoute
    on_working_time: bool | None = None
    employer: EmployerInvolvement | None = None
    networks: frozenset[JobSeekerNetwork] = attrs.field(default=frozenset(), converter=as_frozenset)
    how: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    start: Delay | None = None

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if self.on_working_time is not None and self.route is not FundingRoute.CPF:
            raise InvalidValue(
                Text(
                    fr="on_working_time ne se dit que du CPF",
                    en="on_working_time is given for the CPF only",
                ),
                field="on_working_time",
            )
        if self.networks and self.route is not FundingRoute.JOB_SEEKER:
            raise InvalidValue(
                Text(
                    fr="networks ne se dit que des demandeurs d'emploi",
                    en="networks are given for job seekers only",
                ),
                field="networks",
            )


@attrs.frozen(kw_only=True)
class AccessDelays:
    """The delays of access (*délais d'accès*) the offer promises.

    Attributes:
        callback: from the first contact to the consultant's call back.
        start: from the request to the start of the bilan.
        start_depends_on_funding: the offer says the start delay depends on the funding
            (*selon le mode de financement*) without giving it per route.
    """

    callback: Delay | None = None
    start: Delay | None = None
    start_depends_on_funding: bool = False

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Price:
    """A price of the offer (*tarif*), all taxes included, for some routes or for all.

    Attributes:
        amount: the price in euros, all taxes included (TTC).
        routes: the routes it applies to; empty: every route of the offer.
        details: what it includes or how it is paid, as the offer words it.
    """

    amount: Decimal = attrs.field(converter=money)
    routes: frozenset[FundingRoute] = attrs.field(default=frozenset(), converter=as_frozenset)
    details: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields

    def covers(self, route: FundingRoute) -> bool:
        """Whether the price applies to ``route``."""
        return not self.routes or route in self.routes


OfferMinutes = Annotated[int, Range(1, 100 * 60)]
"""A duration an offer announces, in minutes (1 minute to 100 hours: the law's ceiling is a
rule, not a limit of the format)."""

Meetings = Annotated[int, Range(1, 100)]


@attrs.frozen(kw_only=True)
class Duration:
    """The duration the offer announces (*durée*): hours, meetings and the calendar span.

    Attributes:
        min_minutes: the least total duration, in minutes ("18 à 24 h": 1080).
        max_minutes: the most total duration, in minutes ("18 à 24 h": 1440).
        meetings_min: the least number of meetings announced.
        meetings_max: the most number of meetings announced.
        span: how long the bilan lasts on the calendar, first to last meeting.
        details: the duration as the offer words it, one line each.
    """

    min_minutes: OfferMinutes | None = None
    max_minutes: OfferMinutes | None = None
    meetings_min: Meetings | None = None
    meetings_max: Meetings | None = None
    span: Delay | None = None
    details: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        for low, high in (("min_minutes", "max_minutes"), ("meetings_min", "meetings_max")):
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                raise InvalidValue(
                    Text(fr=f"{low} est supérieur à {high}", en=f"{low} is above {high}"),
                    field=low,
                )

    @property
    def stated(self) -> bool:
        """Whether it states hours (a minimum or a maximum)."""
        return self.min_minutes is not None or self.max_minutes is not None
