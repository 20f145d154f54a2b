"""A provider's charter (*charte*) as data: the parameters of the ``POL-`` rules.

The ``POL-`` rules run only when :func:`bilan_core.validate` is given a :class:`Policy`.
A charter states what its author wrote and nothing more: every parameter defaults to *not
stated*, and a rule whose parameters are not stated reports nothing. A charter is not law:
its rules default to warnings, and each can be given another severity or turned off.

:data:`bilan_core.policies.STAFF` is the seed provider's charter, one preset among others
(:data:`bilan_core.policies.PRESETS`). Providers load their own from a TOML or JSON file
with :meth:`Policy.from_file`; ``name`` is the only required key, and a file that builds on a
preset says so with ``extends``::

    name = "Cabinet Exemple"
    extends = "staff"                   # optional: start from STAFF's values
    duration_min_minutes = 960          # 16 h
    meetings_min = 4
    opening_hours = ["08:30-12:00", "13:30-18:00"]
    start_delay_max_days = { self_funded = 30 }

    [severities]
    POL-SPAN = "info"

>>> policy = Policy(name="Cabinet Exemple", meetings_min=4)
>>> policy.meetings_min, policy.duration_max_minutes, policy.opening_hours
(4, None, None)
>>> policy.states("POL-MEETINGS-MIN"), policy.states("POL-OPENING-HOURS")
(True, False)
"""

from __future__ import annotations

from bilan_core.policy._charter import Policy, load_policy
from bilan_core.policy._parts import (
    CHARTER_PARAMETERS,
    CHARTER_RULES,
    POLICY_FORMAT,
    ROUTES,
    FrozenMap,
    TimeRange,
)

__all__ = [
    "CHARTER_PARAMETERS",
    "CHARTER_RULES",
    "POLICY_FORMAT",
    "ROUTES",
    "FrozenMap",
    "Policy",
    "TimeRange",
    "load_policy",
]
