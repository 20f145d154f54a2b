"""bilan-core: the French *bilan de compétences* rules as a typed, immutable library.

>>> import bilan_core as bc
>>> bilan = bc.load(bc.dumps(bc.example_bilan("cpf")))
>>> report = bc.validate(bilan, on=bc.EXAMPLE_ON)
>>> report.ok
True

This module only re-exports; each name lives in the module of its concept. The names whose
modules are heavy to import (the cattrs converter, the example data, the confidentiality
views, the calendar) are loaded on first use, so ``import bilan_core`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bilan_core import _startup  # noqa: F401 - first: it defers a module pendulum imports
from bilan_core.beneficiary import Beneficiary, BeneficiaryStatus, PublicService
from bilan_core.bilan import Bilan
from bilan_core.checks import SECTIONS, catalogue, rule, rules
from bilan_core.checks._model import Rule
from bilan_core.consent import Consent
from bilan_core.consultants import Consultant, ConsultantRole
from bilan_core.deadlines import Deadline, DeadlineStatus, Timeline, timeline
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
from bilan_core.provider import Provider, Qualiopi, QualiopiCategory, Site
from bilan_core.references import Confidence, LegalReference
from bilan_core.report import Report, Severity, Violation
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus
from bilan_core.text import Text
from bilan_core.validation import validate

if TYPE_CHECKING:
    from bilan_core import calendar, policies
    from bilan_core.confidentiality import (
        Audience,
        Decision,
        can_disclose,
        destroy_documents,
        destruction_date,
        disclose,
        give_agreement,
        revoke_agreement,
        view,
    )
    from bilan_core.lheo import LHEO_NAMESPACE, to_lheo
    from bilan_core.offer import Offer, example_offer
    from bilan_core.offer_check import check_offer
    from bilan_core.offer_wire import (
        OFFER_FORMAT,
        dump_offer,
        dumps_offer,
        load_offer,
        offer_json_schema,
    )
    from bilan_core.policy import Policy, TimeRange, load_policy
    from bilan_core.samples import EXAMPLE_ON, example_bilan
    from bilan_core.schema import json_schema
    from bilan_core.serialization import FORMAT, dump, dumps, load, make_converter
    from bilan_core.transitions import EventOption, advance, next_events, replay

__version__ = "0.1.0"

# name -> module that defines it (attribute of the same name), or the module itself.
_LAZY: dict[str, str] = {
    "FORMAT": "bilan_core.serialization",
    "dump": "bilan_core.serialization",
    "dumps": "bilan_core.serialization",
    "load": "bilan_core.serialization",
    "make_converter": "bilan_core.serialization",
    "json_schema": "bilan_core.schema",
    "EXAMPLE_ON": "bilan_core.samples",
    "example_bilan": "bilan_core.samples",
    "Policy": "bilan_core.policy",
    "TimeRange": "bilan_core.policy",
    "load_policy": "bilan_core.policy",
    "EventOption": "bilan_core.transitions",
    "advance": "bilan_core.transitions",
    "next_events": "bilan_core.transitions",
    "replay": "bilan_core.transitions",
    "Audience": "bilan_core.confidentiality",
    "Decision": "bilan_core.confidentiality",
    "can_disclose": "bilan_core.confidentiality",
    "destroy_documents": "bilan_core.confidentiality",
    "destruction_date": "bilan_core.confidentiality",
    "disclose": "bilan_core.confidentiality",
    "give_agreement": "bilan_core.confidentiality",
    "revoke_agreement": "bilan_core.confidentiality",
    "view": "bilan_core.confidentiality",
    "Offer": "bilan_core.offer",
    "example_offer": "bilan_core.offer",
    "check_offer": "bilan_core.offer_check",
    "OFFER_FORMAT": "bilan_core.offer_wire",
    "dump_offer": "bilan_core.offer_wire",
    "dumps_offer": "bilan_core.offer_wire",
    "load_offer": "bilan_core.offer_wire",
    "offer_json_schema": "bilan_core.offer_wire",
    "LHEO_NAMESPACE": "bilan_core.lheo",
    "to_lheo": "bilan_core.lheo",
}
_LAZY_MODULES = frozenset({"calendar", "policies"})


def __getattr__(name: str) -> Any:
    """Import a lazily exported name on first use (PEP 562)."""
    if name in _LAZY_MODULES:
        value: Any = importlib.import_module(f"bilan_core.{name}")
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'bilan_core' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "EXAMPLE_ON",
    "FORMAT",
    "LHEO_NAMESPACE",
    "OFFER_FORMAT",
    "SECTIONS",
    "Agreement",
    "AgreementKind",
    "Audience",
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
    "Deadline",
    "DeadlineStatus",
    "Decision",
    "Disclosure",
    "DisclosureNotAuthorised",
    "Document",
    "DocumentKind",
    "EmployerAnswer",
    "EmployerPlanFunding",
    "EmployerRequest",
    "Event",
    "EventOption",
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
    "Offer",
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
    "RecipientKind",
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
    "Text",
    "TimeRange",
    "Timeline",
    "UnknownRule",
    "Violation",
    "__version__",
    "advance",
    "calendar",
    "can_disclose",
    "catalogue",
    "check_offer",
    "destroy_documents",
    "destruction_date",
    "disclose",
    "dump",
    "dump_offer",
    "dumps",
    "dumps_offer",
    "example_bilan",
    "example_offer",
    "give_agreement",
    "json_schema",
    "load",
    "load_offer",
    "load_policy",
    "make_converter",
    "next_events",
    "offer_json_schema",
    "policies",
    "replay",
    "revoke_agreement",
    "rule",
    "rules",
    "timeline",
    "to_lheo",
    "validate",
    "view",
]

# Hypothesis's entry point (_bilan_core_hypothesis) registers the strategies for
# st.from_type only once the model is imported, so that `import hypothesis` stays light.
# When Hypothesis came first, register them now; never import Hypothesis from here. (By
# name: the plugin is a tool above every layer, which `import bilan_core` does not need.)
import sys as _sys  # noqa: E402 - only for this check

if _sys.modules.get("hypothesis") is not None:  # None: an import of it was blocked
    importlib.import_module("bilan_core._hypothesis_setup").register()
del _sys
