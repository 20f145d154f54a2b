"""The offer itself: what a provider publishes about its bilans de compétences."""

from __future__ import annotations

import attrs
import pendulum

from bilan_core._fields import OpaqueId, check_fields
from bilan_core._values import optional_day
from bilan_core.beneficiary import BeneficiaryStatus
from bilan_core.errors import InvalidValue
from bilan_core.offer._access import AccessDelays, AccessRoute, Duration, FundingRoute, Price
from bilan_core.offer._content import (
    Accessibility,
    Confidentiality,
    FollowUpTerms,
    Methods,
    QualiopiMention,
    ResourceGroup,
    ResultIndicator,
    Synthesis,
)
from bilan_core.offer._parts import Contact, Schedule, as_frozenset, as_tuple
from bilan_core.provider import Provider
from bilan_core.text import Text

__all__ = ["Offer"]


@attrs.frozen(kw_only=True)
class Offer:
    """A provider's public offer of bilans de compétences (Qualiopi indicator 1).

    What a brochure or a web page says before any contract: objectives, audience and access,
    duration and delays, prices, contacts, methods and evaluation, accessibility, the
    synthesis and the follow-up, result indicators, the date of the information. What the
    offer does not say stays empty (``null``, ``[]``): :func:`bilan_core.check_offer` reports
    what indicators 1 and 2 of the Qualiopi framework require and the offer lacks, and what it
    promises against the law.

    Attributes:
        id: the provider's reference for the offer.
        title: the offer's title (``"Bilan de compétences"``).
        provider: who offers it: its identity, its certificate and its sites.
        information_date: the date of the information (*datée et actualisée*).
        legal_framework: what the offer recalls of the legal framework, one line each.
        objectives: the objectives, one line each.
        audience: who it is for, as the offer words it, one line each.
        audience_statuses: who it is for, as data.
        prerequisites: the prerequisites, one line each (none for a bilan).
        access_routes: the ways into the bilan (*modalités d'accès*), by funding route.
        duration: the duration: hours, meetings and calendar span.
        access_delays: the delays of access: call back and start.
        prices: the prices, all taxes included, per route where they differ.
        contacts: the contacts for information and enrolment.
        opening_hours: the hours the places of the bilan are open to beneficiaries.
        amplitude: the provider's working amplitude (*amplitude de fonctionnement*).
        closed_on_public_holidays: the offer says the provider is closed on public holidays.
        methods: the methods: the steps of the bilan and how it is carried out.
        resources: the resources and tools, in groups.
        resource_room_hours: the hours of free access to the resource room.
        evaluation: the evaluation modalities (*modalités d'évaluation*), one line each.
        accessibility: accessibility to people with disabilities.
        synthesis: the synthesis document: its outline and when it is handed over.
        follow_up: the follow-up interview.
        results: the result indicators (Qualiopi indicator 2).
        confidentiality: what the offer promises about the results.
        qualiopi: what the offer shows of the provider's Qualiopi certification.
    """

    id: OpaqueId
    title: str
    provider: Provider
    information_date: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    legal_framework: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    objectives: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    audience: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    audience_statuses: frozenset[BeneficiaryStatus] = attrs.field(
        default=frozenset(), converter=as_frozenset
    )
    prerequisites: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    access_routes: tuple[AccessRoute, ...] = attrs.field(default=(), converter=as_tuple)
    duration: Duration | None = None
    access_delays: AccessDelays | None = None
    prices: tuple[Price, ...] = attrs.field(default=(), converter=as_tuple)
    contacts: tuple[Contact, ...] = attrs.field(default=(), converter=as_tuple)
    opening_hours: Schedule | None = None
    amplitude: Schedule | None = None
    closed_on_public_holidays: bool | None = None
    methods: Methods | None = None
    resources: tuple[ResourceGroup, ...] = attrs.field(default=(), converter=as_tuple)
    resource_room_hours: Schedule | None = None
    evaluation: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    accessibility: Accessibility | None = None
    synthesis: Synthesis | None = None
    follow_up: FollowUpTerms | None = None
    results: tuple[ResultIndicator, ...] = attrs.field(default=(), converter=as_tuple)
    confidentiality: Confidentiality | None = None
    qualiopi: QualiopiMention | None = None

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        """A route has one price at most, and at most one price names no route."""
        seen: set[FundingRoute] = set()
        general = False
        for index, price in enumerate(self.prices):
            if not price.routes:
                if general:
                    raise InvalidValue(_TWO_PRICES, field=f"prices[{index}].routes")
                general = True
            if seen & price.routes:
                raise InvalidValue(_TWO_PRICES, field=f"prices[{index}].routes")
            seen |= price.routes

    @property
    def routes(self) -> tuple[FundingRoute, ...]:
        """The funding routes of the offer, each once, in the order of :attr:`access_routes`."""
        return tuple(dict.fromkeys(route.route for route in self.access_routes))

    def price_of(self, route: FundingRoute) -> Price | None:
        """The price for ``route``: the one naming it, else the one naming no route."""
        general = None
        for price in self.prices:
            if route in price.routes:
                return price
            if not price.routes:
                general = price
        return general


_TWO_PRICES = Text(
    fr="une voie d'accès a deux prix (ou deux prix valent pour toutes les voies)",
    en="a route has two prices (or two prices apply to every route)",
)
