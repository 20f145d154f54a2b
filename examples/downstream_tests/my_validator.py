"""A downstream team's own validator: a funder's intake checks on a submitted plan.

It reads the wire format (a ``bc.dump`` dictionary, as a plan arrives over HTTP) without
bilan-core's classes, and returns the ids of the rules it finds broken. It checks three rules
on purpose; ``test_my_validator.py`` tests it against bilan-core with generated bilans.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

MAX_MINUTES = 24 * 60
CHECKED = ("BC-DURATION-MAX", "BC-CONSENT-REQUIRED", "BC-CONVENTION-REQUIRED")
LEGAL_PHASES = {"preliminary", "investigation", "conclusion"}


def _counted(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s for s in plan["sessions"] if s["status"] != "cancelled" and s["phase"] in LEGAL_PHASES
    ]


def check_plan(plan: dict[str, Any]) -> set[str]:
    """The ids of the rules (among :data:`CHECKED`) the plan breaks."""
    broken = set()
    sessions = _counted(plan)
    if sum(s["minutes"] for s in sessions) > MAX_MINUTES:
        broken.add("BC-DURATION-MAX")
    first = min((dt.datetime.fromisoformat(s["start"]) for s in sessions), default=None)
    consent = plan.get("consent")
    if first is not None and (
        consent is None or dt.datetime.fromisoformat(consent["given_at"]) > first
    ):
        broken.add("BC-CONSENT-REQUIRED")
    funding = plan["funding"]
    if funding["type"] in {"employer_plan", "reclassification_leave"} and (
        funding.get("convention") is None
    ):
        broken.add("BC-CONVENTION-REQUIRED")
    return broken
