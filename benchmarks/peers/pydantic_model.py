"""The pydantic v2 baseline: the ``bilan-core/1`` wire format as strict, frozen models.

Strict mode (no coercion: ``"12"`` is not a number), ``extra="forbid"`` (unknown keys are
errors), aware date-times, decimal strings for money, the funding as a union discriminated
on ``"type"``. The rules are :mod:`benchmarks.peers.checks`, run on these objects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from benchmarks.peers import checks

Money = Annotated[Decimal, Field(max_digits=11, decimal_places=2, ge=0)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Beneficiary(_Model):
    id: Id
    status: Literal["private_employee", "job_seeker", "public_agent", "self_employed", "other"]
    employer_siret: Annotated[str, Field(pattern=r"^\d{14}$")] | None = None
    public_service: Literal["state", "territorial", "hospital"] | None = None
    priority_agent: bool = False
    in_service_since: dt.date | None = None
    earlier_funded_bilans: tuple[dt.date, ...] = ()


class Qualiopi(_Model):
    categories: tuple[
        Literal["training_actions", "bilan_de_competences", "vae", "apprenticeship"], ...
    ]
    valid_from: dt.date
    valid_until: dt.date


class Site(_Model):
    id: Id
    street: str
    postcode: Annotated[str, Field(pattern=r"^\d{5}$")]
    city: str
    reduced_mobility_access: bool = False


class Provider(_Model):
    name: str
    siret: Annotated[str, Field(pattern=r"^\d{14}$")]
    nda: Annotated[str, Field(pattern=r"^\d{11}$")] | None = None
    qualiopi: Qualiopi | None = None
    sites: tuple[Site, ...] = ()


class EmployerRequest(_Model):
    sent_on: dt.date
    received_on: dt.date | None = None
    answer: Literal["granted", "refused"] | None = None
    answered_on: dt.date | None = None


ConventionItem = Literal[
    "title",
    "objective",
    "content",
    "means",
    "duration",
    "period",
    "conduct_and_follow_up",
    "results_handover",
    "price",
    "payment_terms",
]


class Convention(_Model):
    sent_on: dt.date | None = None
    signed_on: dt.date | None = None
    items: tuple[ConventionItem, ...] = ()


class CpfFunding(_Model):
    KIND: ClassVar[str] = "cpf"
    type: Literal["cpf"]
    on_working_time: bool
    purchase_date: dt.date
    price: Money
    cpf_amount: Money
    participation: Money = Decimal("0.00")
    co_funding: Money = Decimal("0.00")
    exemption: Literal["job_seeker", "employer_contribution", "c2p", "at_mp"] | None = None
    funded_minutes: int | None = None
    employer_request: EmployerRequest | None = None


class EmployerPlanFunding(_Model):
    KIND: ClassVar[str] = "employer_plan"
    type: Literal["employer_plan"]
    payer: Literal["employer", "opco"] = "employer"
    convention: Convention | None = None
    price: Money | None = None


class ReclassificationLeaveFunding(_Model):
    KIND: ClassVar[str] = "reclassification_leave"
    type: Literal["reclassification_leave"]
    payer: Literal["employer", "opco"] = "employer"
    convention: Convention | None = None
    price: Money | None = None


class JobSeekerFunding(_Model):
    KIND: ClassVar[str] = "job_seeker"
    type: Literal["job_seeker"]
    network: Literal["france_travail", "apec", "cap_emploi"]


class PublicLeaveFunding(_Model):
    KIND: ClassVar[str] = "public_leave"
    type: Literal["public_leave"]
    funder: Literal["administration", "anfh", "agent"] = "administration"
    request_received_on: dt.date | None = None
    answer: Literal["granted", "refused"] | None = None
    answered_on: dt.date | None = None
    leave_minutes: int | None = None
    convention: Convention | None = None
    price: Money | None = None


class SelfFunding(_Model):
    KIND: ClassVar[str] = "self_funded"
    type: Literal["self_funded"]
    price: Money | None = None


Funding = Annotated[
    CpfFunding
    | EmployerPlanFunding
    | ReclassificationLeaveFunding
    | JobSeekerFunding
    | PublicLeaveFunding
    | SelfFunding,
    Field(discriminator="type"),
]

Phase = Literal[
    "inquiry",
    "preliminary",
    "investigation",
    "conclusion",
    "completed",
    "followed_up",
    "closed",
    "abandoned",
    "cancelled",
]


class Consultant(_Model):
    id: Id
    role: Literal["referent", "specialist"]


class Inquiry(_Model):
    received_at: AwareDatetime
    called_back_at: AwareDatetime | None = None


class Consent(_Model):
    given_at: AwareDatetime
    withdrawn_at: AwareDatetime | None = None


class Session(_Model):
    id: Id
    start: AwareDatetime
    minutes: Annotated[int, Field(ge=1, le=720)]
    phase: Literal["preliminary", "investigation", "conclusion", "followed_up"]
    kind: Literal["interview", "test", "workshop", "personal_work", "follow_up"] = "interview"
    modality: Literal["in_person", "remote"] = "in_person"
    individual: bool = True
    with_consultant: bool | None = None
    site_id: str | None = None
    consultant_id: str | None = None
    status: Literal["planned", "held", "cancelled"] = "planned"


class SynthesisSections(_Model):
    circumstances: str | None = None
    conduct: str | None = None
    prospects: str | None = None
    action_plan: str | None = None


class Document(_Model):
    id: Id
    kind: Literal["engagement", "synthesis", "detailed_results", "working"]
    created_on: dt.date
    presented_at: AwareDatetime | None = None
    delivered_at: AwareDatetime | None = None
    signed_at: AwareDatetime | None = None
    kept_with_consent_on: dt.date | None = None
    destroyed_on: dt.date | None = None
    text: str | None = None
    synthesis: SynthesisSections | None = None


Recipient = Literal["beneficiary", "cep_operator", "employer", "funder", "administration", "other"]


class Agreement(_Model):
    id: Id
    kind: Literal["agreement", "request", "objection"]
    recipient: Recipient
    document_ids: tuple[str, ...]
    given_at: AwareDatetime
    revoked_at: AwareDatetime | None = None


class Disclosure(_Model):
    recipient: Recipient
    document_ids: tuple[str, ...]
    at: AwareDatetime
    agreement_id: str | None = None


class FollowUp(_Model):
    offered: bool = False
    offered_on: dt.date | None = None
    declined_on: dt.date | None = None
    planned_on: dt.date | None = None
    held_on: dt.date | None = None


class Event(_Model):
    name: str
    at: AwareDatetime
    facts: dict[str, str | int | bool | None] = Field(default_factory=dict)


class Plan(_Model):
    format: Literal["bilan-core/1"]
    id: Id
    beneficiary: Beneficiary
    provider: Provider
    funding: Funding
    phase: Phase = "inquiry"
    consultants: tuple[Consultant, ...] = ()
    inquiry: Inquiry | None = None
    consent: Consent | None = None
    sessions: tuple[Session, ...] = ()
    documents: tuple[Document, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    follow_up: FollowUp = FollowUp()
    history: tuple[Event, ...] = ()


def load(data: bytes) -> Plan:
    """Bytes to a validated :class:`Plan`."""
    return Plan.model_validate_json(data)


def dumps(plan: Plan) -> bytes:
    """A :class:`Plan` back to JSON bytes."""
    return plan.model_dump_json().encode()


validate = checks.validate
