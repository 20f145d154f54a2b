"""The wire format as typed dicts: what :func:`bilan_core.dump` returns.

Generated from the field table by :func:`bilan_core.schema.typed_dicts` — do not edit; the
test suite checks this file is up to date. Every key is present in what ``dump`` writes
(:func:`~bilan_core.load` accepts documents without the keys that have a default).
Days are ``YYYY-MM-DD``, instants ISO 8601 with an offset, money decimal strings.
"""

from __future__ import annotations

from typing import Literal, TypedDict

__all__ = [
    "AgreementDict",
    "BeneficiaryDict",
    "BilanDict",
    "BilanDocument",
    "ConsentDict",
    "ConsultantDict",
    "ConventionDict",
    "CpfFundingDict",
    "DisclosureDict",
    "DocumentDict",
    "EmployerPlanFundingDict",
    "EmployerRequestDict",
    "EventDict",
    "FollowUpDict",
    "InquiryDict",
    "JobSeekerFundingDict",
    "ProviderDict",
    "PublicLeaveFundingDict",
    "QualiopiDict",
    "ReclassificationLeaveFundingDict",
    "SelfFundingDict",
    "SessionDict",
    "SiteDict",
    "SynthesisSectionsDict",
]


class BeneficiaryDict(TypedDict):
    """The worker taking the bilan."""

    id: str
    status: Literal["private_employee", "job_seeker", "public_agent", "self_employed", "other"]
    employer_siret: str | None
    public_service: Literal["state", "territorial", "hospital"] | None
    priority_agent: bool
    in_service_since: str | None
    earlier_funded_bilans: list[str]


class QualiopiDict(TypedDict):
    """A Qualiopi certificate (C. trav. L6316-1), valid on the days of its interval."""

    categories: list[Literal["training_actions", "bilan_de_competences", "vae", "apprenticeship"]]
    valid_from: str
    valid_until: str


class SiteDict(TypedDict):
    """A place where in-person sessions are held."""

    id: str
    street: str
    postcode: str
    city: str
    reduced_mobility_access: bool


class ProviderDict(TypedDict):
    """The organisation that carries out the bilan (*organisme prestataire*)."""

    name: str
    siret: str
    nda: str | None
    qualiopi: QualiopiDict | None
    sites: list[SiteDict]


class EmployerRequestDict(TypedDict):
    """The employee's request to the employer for a CPF bilan on working time."""

    sent_on: str
    received_on: str | None
    answer: Literal["granted", "refused"] | None
    answered_on: str | None


class CpfFundingDict(TypedDict):
    """A bilan bought with the holder's CPF rights."""

    type: Literal["cpf"]
    on_working_time: bool
    purchase_date: str
    price: str
    cpf_amount: str
    participation: str
    co_funding: str
    exemption: Literal["job_seeker", "employer_contribution", "c2p", "at_mp"] | None
    funded_minutes: int | None
    employer_request: EmployerRequestDict | None


class ConventionDict(TypedDict):
    """The tripartite convention between employer (or administration), employee and provider."""

    sent_on: str | None
    signed_on: str | None
    items: list[Literal["title", "objective", "content", "means", "duration", "period", "conduct_and_follow_up", "results_handover", "price", "payment_terms"]]


class EmployerPlanFundingDict(TypedDict):
    """A bilan under the employer's skills development plan (C. trav. L6312-1)."""

    type: Literal["employer_plan"]
    payer: Literal["employer", "opco"]
    convention: ConventionDict | None
    price: str | None


class ReclassificationLeaveFundingDict(TypedDict):
    """A bilan during a *congé de reclassement* (C. trav. L1233-71)."""

    type: Literal["reclassification_leave"]
    payer: Literal["employer", "opco"]
    convention: ConventionDict | None
    price: str | None


class JobSeekerFundingDict(TypedDict):
    """A bilan for a job seeker, prescribed and funded through a job-seeker network."""

    type: Literal["job_seeker"]
    network: Literal["france_travail", "apec", "cap_emploi"]


class PublicLeaveFundingDict(TypedDict):
    """A public agent's leave for a bilan (décrets 2007-1845, 2008-824; arrêté 31/07/2009)."""

    type: Literal["public_leave"]
    funder: Literal["administration", "anfh", "agent"]
    request_received_on: str | None
    answer: Literal["granted", "refused"] | None
    answered_on: str | None
    leave_minutes: int | None
    convention: ConventionDict | None
    price: str | None


class SelfFundingDict(TypedDict):
    """A bilan the beneficiary pays for themselves."""

    type: Literal["self_funded"]
    price: str | None


class ConsultantDict(TypedDict):
    """A consultant of the provider, known by an opaque id."""

    id: str
    role: Literal["referent", "specialist"]


class InquiryDict(TypedDict):
    """The first contact and the consultant's call back (STAFF: within 24-48 working hours)."""

    received_at: str
    called_back_at: str | None


class ConsentDict(TypedDict):
    """The beneficiary's consent to the bilan, and its withdrawal."""

    given_at: str
    withdrawn_at: str | None


class SessionDict(TypedDict):
    """One session of the bilan."""

    id: str
    start: str
    minutes: int
    phase: Literal["preliminary", "investigation", "conclusion", "followed_up"]
    kind: Literal["interview", "test", "workshop", "personal_work", "follow_up"]
    modality: Literal["in_person", "remote"]
    individual: bool
    with_consultant: bool | None
    site_id: str | None
    consultant_id: str | None
    status: Literal["planned", "held", "cancelled"]


class SynthesisSectionsDict(TypedDict):
    """The four sections of a synthesis (STAFF charter, POL-SYNTHESIS-SECTIONS)."""

    circumstances: str | None
    conduct: str | None
    prospects: str | None
    action_plan: str | None


class DocumentDict(TypedDict):
    """A document of the bilan."""

    id: str
    kind: Literal["engagement", "synthesis", "detailed_results", "working"]
    created_on: str
    presented_at: str | None
    delivered_at: str | None
    signed_at: str | None
    kept_with_consent_on: str | None
    destroyed_on: str | None
    text: str | None
    synthesis: SynthesisSectionsDict | None


class AgreementDict(TypedDict):
    """A dated statement of the beneficiary about a transmission, revocable."""

    id: str
    kind: Literal["agreement", "request", "objection"]
    recipient: Literal["beneficiary", "cep_operator", "employer", "funder", "administration", "other"]
    document_ids: list[str]
    given_at: str
    revoked_at: str | None


class DisclosureDict(TypedDict):
    """A transmission of documents to a recipient."""

    recipient: Literal["beneficiary", "cep_operator", "employer", "funder", "administration", "other"]
    document_ids: list[str]
    at: str
    agreement_id: str | None


class FollowUpDict(TypedDict):
    """What became of the follow-up interview."""

    offered: bool
    offered_on: str | None
    declined_on: str | None
    planned_on: str | None
    held_on: str | None


class EventDict(TypedDict):
    """One phase event that happened."""

    name: Literal["agree", "confirm_engagement", "begin_conclusion", "deliver_synthesis", "hold_follow_up", "decline_follow_up", "cancel", "abandon"]
    at: str
    facts: dict[str, str | int | bool | None]


class BilanDict(TypedDict):
    """A bilan de compétences: who, by whom, how it is paid, its sessions and documents."""

    id: str
    beneficiary: BeneficiaryDict
    provider: ProviderDict
    funding: CpfFundingDict | EmployerPlanFundingDict | ReclassificationLeaveFundingDict | JobSeekerFundingDict | PublicLeaveFundingDict | SelfFundingDict
    phase: Literal["inquiry", "preliminary", "investigation", "conclusion", "completed", "followed_up", "closed", "abandoned", "cancelled"]
    consultants: list[ConsultantDict]
    inquiry: InquiryDict | None
    consent: ConsentDict | None
    sessions: list[SessionDict]
    documents: list[DocumentDict]
    agreements: list[AgreementDict]
    disclosures: list[DisclosureDict]
    follow_up: FollowUpDict
    history: list[EventDict]


class BilanDocument(BilanDict):
    """A whole document, as dump writes it: the bilan with its format marker."""

    format: Literal["bilan-core/1"]
