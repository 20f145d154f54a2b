"""Confidentiality and retention: who may see what, and for how long.

The beneficiary is the sole recipient of the detailed results and the synthesis (C. trav.
L6313-4 al. 3); anyone else needs their agreement, the CEP operator their request, and a State
agent's administration receives the synthesis unless the agent objects. Documents are
destroyed on time (R6313-7).

- :func:`can_disclose`, :func:`disclose`, :func:`give_agreement`, :func:`revoke_agreement`:
  decisions and dated facts (:mod:`._decision`);
- :class:`Audience`, :func:`view`: redacted views for each audience (:mod:`._audience`);
- :func:`destruction_date`, :func:`destroy_documents`: retention (:mod:`._retention`).
"""

from __future__ import annotations

from bilan_core.confidentiality._audience import Audience, view
from bilan_core.confidentiality._decision import (
    Decision,
    can_disclose,
    disclose,
    give_agreement,
    revoke_agreement,
)
from bilan_core.confidentiality._retention import destroy_documents, destruction_date

__all__ = [
    "Audience",
    "Decision",
    "can_disclose",
    "destroy_documents",
    "destruction_date",
    "disclose",
    "give_agreement",
    "revoke_agreement",
    "view",
]
