"""bilan-core: the French *bilan de compétences* rules as a typed, immutable library.

>>> import bilan_core as bc
>>> bilan = bc.load(bc.dumps(bc.example_bilan("cpf")))
>>> report = bc.validate(bilan, on=bc.EXAMPLE_ON)
>>> report.ok
True

This module only re-exports; each name lives in the module of its concept.
"""

from __future__ import annotations

from bilan_core.beneficiary import Beneficiary, BeneficiaryStatus, PublicService
from bilan_core.bilan import Bilan
from bilan_core.consent import Consent
from bilan_core.consultants import Consultant, ConsultantRole
from bilan_core.disclosures import Agreement, AgreementKind, Disclosure, RecipientKind
from bilan_core.documents import Document, DocumentKind, SynthesisSections
from bilan_core.errors import (
    BilanError,
    ConsentError,
    DisclosureNotAuthorised,
    InvalidPolicy,
    InvalidValue,
    PhaseTransitionError,
    RuleViolationError,
    SerializationError,
    UnknownRule,
)
from bilan_core.follow_up import FollowUp
from bilan_core.funding import (
    Convention,
    ConventionItem,
    CpfFunding,
    EmployerAnswer,
    EmployerPlanFunding,
    EmployerRequest,
    Funding,
    JobSeekerFunding,
    JobSeekerNetwork,
    LeaveAnswer,
    ParticipationExemption,
    Payer,
    PublicFunder,
    PublicLeaveFunding,
    ReclassificationLeaveFunding,
    SelfFunding,
)
from bilan_core.history import Event
from bilan_core.inquiry import Inquiry
from bilan_core.phases import Phase
from bilan_core.policy import Policy
from bilan_core.provider import Provider, Qualiopi, QualiopiCategory, Site
from bilan_core.rules import (
    Confidence,
    LegalReference,
    Report,
    Rule,
    Severity,
    Violation,
    rule,
    rules,
)
from bilan_core.samples import EXAMPLE_ON, example_bilan
from bilan_core.serialization import FORMAT, dump, dumps, load, make_converter
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus
from bilan_core.validation import validate

__version__ = "0.1.0"

__all__ = [
    "EXAMPLE_ON",
    "FORMAT",
    "Agreement",
    "AgreementKind",
    "Beneficiary",
    "BeneficiaryStatus",
    "Bilan",
    "BilanError",
    "Confidence",
    "Consent",
    "ConsentError",
    "Consultant",
    "ConsultantRole",
    "Convention",
    "ConventionItem",
    "CpfFunding",
    "Disclosure",
    "DisclosureNotAuthorised",
    "Document",
    "DocumentKind",
    "EmployerAnswer",
    "EmployerPlanFunding",
    "EmployerRequest",
    "Event",
    "FollowUp",
    "Funding",
    "Inquiry",
    "InvalidPolicy",
    "InvalidValue",
    "JobSeekerFunding",
    "JobSeekerNetwork",
    "LeaveAnswer",
    "LegalReference",
    "Modality",
    "ParticipationExemption",
    "Payer",
    "Phase",
    "PhaseTransitionError",
    "Policy",
    "Provider",
    "PublicFunder",
    "PublicLeaveFunding",
    "PublicService",
    "Qualiopi",
    "QualiopiCategory",
    "ReclassificationLeaveFunding",
    "Report",
    "Rule",
    "RuleViolationError",
    "SelfFunding",
    "SerializationError",
    "Session",
    "SessionKind",
    "SessionStatus",
    "Severity",
    "Site",
    "SynthesisSections",
    "UnknownRule",
    "Violation",
    "__version__",
    "dump",
    "dumps",
    "example_bilan",
    "load",
    "make_converter",
    "rule",
    "rules",
    "validate",
]
