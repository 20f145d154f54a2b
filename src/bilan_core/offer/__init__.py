"""A provider's public offer of bilans de compétences: :class:`Offer` and its parts.

Every certified provider publishes, before any contract, an information on its bilans that
Qualiopi's indicator 1 lists (décret n° 2019-565, annex): prerequisites, objectives,
duration, access modalities and delays, prices, contacts, methods and evaluation modalities,
accessibility to people with disabilities, "datée et actualisée"; and, by indicator 2, result
indicators. An :class:`Offer` holds that information as data, in its own wire format
(``bilan-core-offer/1``, :func:`bilan_core.load_offer`); :func:`bilan_core.check_offer` says
what it lacks and what it promises against the law; :func:`bilan_core.to_lheo` exports it to
the regional catalogues (LHÉO 2.3).

>>> offer = example_offer()
>>> [str(hours) for hours in offer.opening_hours.hours]
['09:00-12:30', '14:00-17:30']
>>> offer.access_delays.callback.maximum
Length(value=48, unit=<TimeUnit.HOURS: 'hours'>)
"""

from __future__ import annotations

from bilan_core.offer._access import (
    AccessDelays,
    AccessRoute,
    Duration,
    EmployerInvolvement,
    FundingRoute,
    Price,
)
from bilan_core.offer._content import (
    Accessibility,
    Confidentiality,
    FollowUpTerms,
    Methods,
    OutlineItem,
    PhaseOutline,
    QualiopiMention,
    ResourceGroup,
    ResultIndicator,
    ResultKind,
    ResultUnit,
    Synthesis,
    SynthesisPart,
)
from bilan_core.offer._offer import Offer
from bilan_core.offer._parts import (
    ClockRange,
    Contact,
    ContactRole,
    Delay,
    Length,
    Schedule,
    TimeUnit,
    Weekday,
)
from bilan_core.offer._staff import STAFF_OFFER, example_offer

__all__ = [
    "STAFF_OFFER",
    "AccessDelays",
    "AccessRoute",
    "Accessibility",
    "ClockRange",
    "Confidentiality",
    "Contact",
    "ContactRole",
    "Delay",
    "Duration",
    "EmployerInvolvement",
    "FollowUpTerms",
    "FundingRoute",
    "Length",
    "Methods",
    "Offer",
    "OutlineItem",
    "PhaseOutline",
    "Price",
    "QualiopiMention",
    "ResourceGroup",
    "ResultIndicator",
    "ResultKind",
    "ResultUnit",
    "Schedule",
    "Synthesis",
    "SynthesisPart",
    "TimeUnit",
    "Weekday",
    "example_offer",
]

# The strategy of Offer for st.from_type, when Hypothesis is imported (it never imports
# Hypothesis itself; see bilan_core._hypothesis_setup).
import sys as _sys

if _sys.modules.get("hypothesis") is not None and "bilan_core._hypothesis_setup" in _sys.modules:
    _sys.modules["bilan_core._hypothesis_setup"].register_offer()
del _sys
