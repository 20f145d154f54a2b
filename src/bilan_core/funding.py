"""How a bilan is paid for: a tagged union of the funding routes.

On the wire each funding carries its tag in ``"type"``: ``cpf``, ``employer_plan``,
``reclassification_leave``, ``job_seeker``, ``public_leave`` or ``self_funded``.

- **CPF** (*compte personnel de formation*, C. trav. L6323-6 II 2°): bought by the holder;
  on working time the employer is asked at least 60 days ahead and answers within 30 days,
  silence meaning yes (L6323-17, D6323-4).
- **Employer plan** (*plan de développement des compétences*, L6312-1) and **congé de
  reclassement** (L1233-71): a tripartite convention (R6313-8) the employee signs within 10
  days, silence meaning no.
- **Job seekers**: through France Travail, APEC or Cap emploi.
- **Public-service leave** (*congé pour bilan de compétences* of public agents).
- **Self-funded**.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated, ClassVar

import attrs
import pendulum

from bilan_core._fields import Range, check_fields, check_order, check_together, name_union
from bilan_core._values import day, money, optional_day, optional_money
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = [
    "CONVENTION_ITEMS",
    "Convention",
    "ConventionItem",
    "CpfFunding",
    "EmployerAnswer",
    "EmployerPlanFunding",
    "EmployerRequest",
    "Funding",
    "JobSeekerFunding",
    "JobSeekerNetwork",
    "LeaveAnswer",
    "Minutes",
    "ParticipationExemption",
    "Payer",
    "PublicFunder",
    "PublicLeaveFunding",
    "ReclassificationLeaveFunding",
    "SelfFunding",
]


Minutes = Annotated[int, Range(0, 100_000)]
"""A count of minutes, 0 to 100 000."""


class EmployerAnswer(enum.Enum):
    """The employer's explicit answer to a request for absence on working time."""

    GRANTED = "granted"
    REFUSED = "refused"


@attrs.frozen(kw_only=True)
class EmployerRequest:
    """The employee's request to the employer for a CPF bilan on working time.

    Attributes:
        sent_on: the day the request was sent.
        received_on: the day the employer received it (the 30 days run from here); when
            unknown, the rules use ``sent_on``.
        answer: the employer's explicit answer, if any (silence is not an answer).
        answered_on: the day of that answer.
    """

    sent_on: pendulum.Date = attrs.field(converter=day)
    received_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    answer: EmployerAnswer | None = None
    answered_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_order(self, "sent_on", "received_on")
        check_together(self, "answer", "answered_on")

    @property
    def receipt(self) -> pendulum.Date:
        """The day the 30-day answer period runs from."""
        return self.received_on if self.received_on is not None else self.sent_on


class ParticipationExemption(enum.Enum):
    """Why a CPF holder owes no flat participation (L6323-4, décret 2024-394)."""

    JOB_SEEKER = "job_seeker"
    """The holder is a job seeker."""
    EMPLOYER_CONTRIBUTION = "employer_contribution"
    """The employer tops up (*abonde*) the purchase."""
    C2P = "c2p"
    """Points of the *compte professionnel de prévention* used for retraining."""
    AT_MP = "at_mp"
    """The AT/MP contribution (permanent incapacity of 10 % or more)."""


@attrs.frozen(kw_only=True)
class CpfFunding:
    """A bilan bought with the holder's CPF rights.

    Attributes:
        on_working_time: wholly or partly on working time (the employer must authorise).
        purchase_date: the day the holder bought it; it picks the participation and cap.
        price: the provider's price.
        cpf_amount: the CPF rights mobilised.
        participation: the flat participation paid by the holder (or for them).
        co_funding: what others (employer, OPCO, the holder beyond the cap) pay.
        exemption: why no participation is owed, if so.
        funded_minutes: the accompaniment minutes the CPF pays for, when stated.
        employer_request: the request for absence, for a bilan on working time.
    """

    TAG: ClassVar[str] = "cpf"

    on_working_time: bool
    purchase_date: pendulum.Date = attrs.field(converter=day)
    price: Decimal = attrs.field(converter=money)
    cpf_amount: Decimal = attrs.field(converter=money)
    participation: Decimal = attrs.field(default=Decimal("0.00"), converter=money)
    co_funding: Decimal = attrs.field(default=Decimal("0.00"), converter=money)
    exemption: ParticipationExemption | None = None
    funded_minutes: Minutes | None = None
    employer_request: EmployerRequest | None = None

    __attrs_post_init__ = check_fields


class ConventionItem(enum.Enum):
    """The mentions a tripartite convention must state (C. trav. R6313-8 1° and 2°)."""

    TITLE = "title"
    OBJECTIVE = "objective"
    CONTENT = "content"
    MEANS = "means"
    DURATION = "duration"
    PERIOD = "period"
    CONDUCT_AND_FOLLOW_UP = "conduct_and_follow_up"
    RESULTS_HANDOVER = "results_handover"
    PRICE = "price"
    PAYMENT_TERMS = "payment_terms"

    @property
    def label(self) -> Text:
        """The mention as R6313-8 words it (French) and in English."""
        return _CONVENTION_LABELS[self]


_CONVENTION_LABELS = {
    ConventionItem.TITLE: Text(fr="intitulé", en="title"),
    ConventionItem.OBJECTIVE: Text(fr="objectif", en="objective"),
    ConventionItem.CONTENT: Text(fr="contenu de l'action", en="content of the action"),
    ConventionItem.MEANS: Text(fr="moyens prévus", en="planned means"),
    ConventionItem.DURATION: Text(fr="durée", en="duration"),
    ConventionItem.PERIOD: Text(fr="période de réalisation", en="period of the action"),
    ConventionItem.CONDUCT_AND_FOLLOW_UP: Text(
        fr="modalités de déroulement et de suivi", en="how it is conducted and followed"
    ),
    ConventionItem.RESULTS_HANDOVER: Text(
        fr="modalités de remise des résultats détaillés et du document de synthèse",
        en="how the detailed results and the synthesis document are handed over",
    ),
    ConventionItem.PRICE: Text(fr="prix de la prestation", en="price of the service"),
    ConventionItem.PAYMENT_TERMS: Text(fr="modalités de règlement", en="payment terms"),
}

CONVENTION_ITEMS: tuple[ConventionItem, ...] = tuple(ConventionItem)
"""Every mention R6313-8 requires, in the order of the text."""


def _items(value: object) -> frozenset[ConventionItem]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(
            Text(
                fr="items est une collection de ConventionItem",
                en="items must be a collection of ConventionItem",
            ),
            field="items",
        )
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Convention:
    """The tripartite convention between employer (or administration), employee and provider.

    Attributes:
        sent_on: the day the employer sent the draft to the employee.
        signed_on: the day the employee signed it, if they did.
        items: the R6313-8 mentions it states.
    """

    sent_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    signed_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    items: frozenset[ConventionItem] = attrs.field(default=frozenset(), converter=_items)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_order(self, "sent_on", "signed_on")


class Payer(enum.Enum):
    """Who pays for an employer-initiated bilan."""

    EMPLOYER = "employer"
    """The employer's own funds (no Qualiopi requirement)."""
    OPCO = "opco"
    """Mutualised funds through the employer's OPCO (Qualiopi required)."""


@attrs.frozen(kw_only=True)
class EmployerPlanFunding:
    """A bilan under the employer's skills development plan (C. trav. L6312-1).

    Attributes:
        payer: the employer's own funds or its OPCO.
        convention: the tripartite convention (R6313-8).
        price: the provider's price, when known.
    """

    TAG: ClassVar[str] = "employer_plan"

    payer: Payer = Payer.EMPLOYER
    convention: Convention | None = None
    price: Decimal | None = attrs.field(default=None, converter=optional_money)

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class ReclassificationLeaveFunding:
    """A bilan during a *congé de reclassement* (C. trav. L1233-71).

    Attributes:
        payer: the employer's own funds or its OPCO.
        convention: the tripartite convention (R6313-8).
        price: the provider's price, when known.
    """

    TAG: ClassVar[str] = "reclassification_leave"

    payer: Payer = Payer.EMPLOYER
    convention: Convention | None = None
    price: Decimal | None = attrs.field(default=None, converter=optional_money)

    __attrs_post_init__ = check_fields


class JobSeekerNetwork(enum.Enum):
    """Where a job seeker asks for a bilan."""

    FRANCE_TRAVAIL = "france_travail"
    """France Travail (Pôle emploi until 31 December 2023)."""
    APEC = "apec"
    """Association pour l'emploi des cadres."""
    CAP_EMPLOI = "cap_emploi"
    """Cap emploi, for people with disabilities."""


@attrs.frozen(kw_only=True)
class JobSeekerFunding:
    """A bilan for a job seeker, prescribed and funded through a job-seeker network.

    Attributes:
        network: France Travail, APEC or Cap emploi.
    """

    TAG: ClassVar[str] = "job_seeker"

    network: JobSeekerNetwork

    __attrs_post_init__ = check_fields


class LeaveAnswer(enum.Enum):
    """The administration's explicit answer to a public agent's leave request."""

    GRANTED = "granted"
    REFUSED = "refused"


class PublicFunder(enum.Enum):
    """Who pays for a public agent's bilan."""

    ADMINISTRATION = "administration"
    """The employing administration or local authority."""
    ANFH = "anfh"
    """The ANFH, for hospital agents."""
    AGENT = "agent"
    """The agent (for instance with their CPF bought outside the leave)."""


@attrs.frozen(kw_only=True)
class PublicLeaveFunding:
    """A public agent's leave for a bilan (décrets 2007-1845, 2008-824; arrêté 31/07/2009).

    Attributes:
        funder: who pays.
        request_received_on: the day the leave request reached the administration.
        answer: the administration's explicit answer, if any.
        answered_on: the day of that answer.
        leave_minutes: the service time the leave covers.
        convention: the tripartite convention (agent, administration, provider).
        price: the provider's price, when known.
    """

    TAG: ClassVar[str] = "public_leave"

    funder: PublicFunder = PublicFunder.ADMINISTRATION
    request_received_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    answer: LeaveAnswer | None = None
    answered_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    leave_minutes: Minutes | None = None
    convention: Convention | None = None
    price: Decimal | None = attrs.field(default=None, converter=optional_money)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_together(self, "answer", "answered_on")
        check_order(self, "request_received_on", "answered_on")


@attrs.frozen(kw_only=True)
class SelfFunding:
    """A bilan the beneficiary pays for themselves.

    Attributes:
        price: the provider's price, when known.
    """

    TAG: ClassVar[str] = "self_funded"

    price: Decimal | None = attrs.field(default=None, converter=optional_money)

    __attrs_post_init__ = check_fields


Funding = (
    CpfFunding
    | EmployerPlanFunding
    | ReclassificationLeaveFunding
    | JobSeekerFunding
    | PublicLeaveFunding
    | SelfFunding
)
"""Any of the funding routes."""

FUNDING_TYPES: tuple[type[Funding], ...] = (
    CpfFunding,
    EmployerPlanFunding,
    ReclassificationLeaveFunding,
    JobSeekerFunding,
    PublicLeaveFunding,
    SelfFunding,
)

name_union("Funding", *FUNDING_TYPES)
