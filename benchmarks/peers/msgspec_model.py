"""The msgspec baseline: the ``bilan-core/1`` wire format as frozen Structs.

``forbid_unknown_fields`` (unknown keys are errors), msgspec's strict decoding (no coercion),
aware date-times (``Meta(tz=True)``), decimal strings for money, the same patterns and bounds
as the pydantic model, the funding as a tagged union on ``"type"``. The rules are
:mod:`benchmarks.peers.checks`, run on these objects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

import msgspec
from msgspec import Meta

from benchmarks.peers import checks

Money = Decimal
Id = Annotated[str, Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")]
Instant = Annotated[dt.datetime, Meta(tz=True)]
Siret = Annotated[str, Meta(pattern=r"^\d{14}$")]


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class Beneficiary(_Struct):
    id: Id
    status: Literal["private_employee", "job_seeker", "public_agent", "self_employed", "other"]
    employer_siret: Siret | None = None
    public_service: Literal["state", "territorial", "hospital"] | None = None
    priority_agent: bool = False
    in_service_since: dt.date | None = None
    earlier_funded_bilans: tuple[dt.date, ...] = ()


class Qualiopi(_Struct):
    categories: tuple[
        Literal["training_actions", "bilan_de_competences", "vae", "apprenticeship"], ...
    ]
    valid_from: dt.date
    valid_until: dt.date


class Site(_Struct):
    id: Id
    street: str
    postcode: Annotated[str, Meta(pattern=r"^\d{5}$")]
    city: str
    reduced_mobility_access: bool = False


class Provider(_Struct):
    name: str
    siret: Siret
    nda: Annotated[str, Meta(pattern=r"^\d{11}$")] | None = None
    qualiopi: Qualiopi | None = None
    sites: tuple[Site, ...] = ()


class EmployerRequest(_Struct):
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


class Convention(_Struct):
    sent_on: dt.date | None = None
    signed_on: dt.date | None = None
    items: tuple[ConventionItem, ...] = ()


class _Funding(_Struct, tag_field="type"):
    pass


class CpfFunding(_Funding, tag="cpf"):
    KIND: ClassVar[str] = "cpf"
    on_working_time: bool
    purchase_date: dt.date
    price: Money
    cpf_amount: Money
    participation: Money = Decimal("0.00")
    co_funding: Money = Decimal("0.00")
    exemption: Literal["job_seeker", "employer_contribution", "c2p", "at_mp"] | None = None
    funded_minutes: int | None = None
    employer_request: EmployerRequest | None = None


class EmployerPlanFunding(_Funding, tag="employer_plan"):
    KIND: ClassVar[str] = "employer_plan"
    payer: Literal["employer", "opco"] = "employer"
    convention: Convention | None = None
    price: Money | None = None


class ReclassificationLeaveFunding(_Funding, tag="reclassification_leave"):
    KIND: ClassVar[str] = "reclassification_leave"
    payer: Literal["employer", "opco"] = "employer"
    convention: Convention | None = None
    price: Money | None = None


class JobSeekerFunding(_Funding, tag="job_seeker"):
    KIND: ClassVar[str] = "job_seeker"
    network: Literal["france_travail", "apec", "cap_emploi"]


class PublicLeaveFunding(_Funding, tag="public_leave"):
    KIND: ClassVar[str] = "public_leave"
    funder: Literal["administration", "anfh", "agent"] = "administration"
    request_received_on: dt.date | None = None
    answer: Literal["granted", "refused"] | None = None
    answered_on: dt.date | None = None
    leave_minutes: int | None = None
    convention: Convention | None = None
    price: Money | None = None


class SelfFunding(_Funding, tag="self_funded"):
    KIND: ClassVar[str] = "self_funded"
    price: Money | None = None


Funding = (
    CpfFunding
    | EmployerPlanFunding
    | ReclassificationLeaveFunding
    | JobSeekerFunding
    | PublicLeaveFunding
    | SelfFunding
)

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


class Consultant(_Struct):
    id: Id
    role: Literal["referent", "specialist"]


class Inquiry(_Struct):
    received_at: Instant
    called_back_at: Instant | None = None


class Consent(_Struct):
    given_at: Instant
    withdrawn_at: Instant | None = None


class Session(_Struct):
    id: Id
    start: Instant
    minutes: Annotated[int, Meta(ge=1, le=720)]
    phase: Literal["preliminary", "investigation", "conclusion", "followed_up"]
    kind: Literal["interview", "test", "workshop", "personal_work", "follow_up"] = "interview"
    modality: Literal["in_person", "remote"] = "in_person"
    individual: bool = True
    with_consultant: bool | None = None
    site_id: str | None = None
    consultant_id: str | None = None
    status: Literal["planned", "held", "cancelled"] = "planned"


class SynthesisSections(_Struct):
    circumstances: str | None = None
    conduct: str | None = None
    prospects: str | None = None
    action_plan: str | None = None


class Document(_Struct):
    id: Id
    kind: Literal["engagement", "synthesis", "detailed_results", "working"]
    created_on: dt.date
    presented_at: Instant | None = None
    delivered_at: Instant | None = None
    signed_at: Instant | None = None
    kept_with_consent_on: dt.date | None = None
    destroyed_on: dt.date | None = None
    text: str | None = None
    synthesis: SynthesisSections | None = None


Recipient = Literal["beneficiary", "cep_operator", "employer", "funder", "administration", "other"]


class Agreement(_Struct):
    id: Id
    kind: Literal["agreement", "request", "objection"]
    recipient: Recipient
    document_ids: tuple[str, ...]
    given_at: Instant
    revoked_at: Instant | None = None


class Disclosure(_Struct):
    recipient: Recipient
    document_ids: tuple[str, ...]
    at: Instant
    agreement_id: str | None = None


class FollowUp(_Struct):
    offered: bool = False
    offered_on: dt.date | None = None
    declined_on: dt.date | None = None
    planned_on: dt.date | None = None
    held_on: dt.date | None = None


class Event(_Struct):
    name: str
    at: Instant
    facts: dict[str, str | int | bool | None] = {}


class Plan(_Struct):
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


_DECODER = msgspec.json.Decoder(Plan)
_ENCODER = msgspec.json.Encoder()


def load(data: bytes) -> Plan:
    """Bytes to a validated :class:`Plan`."""
    return _DECODER.decode(data)


def dumps(plan: Plan) -> bytes:
    """A :class:`Plan` back to JSON bytes."""
    return _ENCODER.encode(plan)


validate = checks.validate
