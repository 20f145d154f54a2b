"""A provider's charter (*charte*) as data: the parameters of the ``POL-`` rules.

The ``POL-`` rules run only when :func:`bilan_core.validate` is given a :class:`Policy`.
:data:`bilan_core.policies.STAFF` is the seed provider's charter; providers load their own
from a TOML or JSON file with :meth:`Policy.from_file`. A charter is not law: its rules
default to warnings, and each can be given another severity or turned off.

The class defaults are the STAFF charter's values, so a provider's file only states what
differs (``name`` is the only required key)::

    name = "Cabinet Exemple"
    duration_min_minutes = 960          # 16 h
    meetings_min = 4
    opening_hours = ["08:30-12:00", "13:30-18:00"]
    start_delay_max_days = { self_funded = 30 }

    [severities]
    POL-SPAN = "info"

>>> policy = Policy(name="Cabinet Exemple", meetings_min=4)
>>> policy.meetings_min, policy.duration_max_minutes
(4, 1440)
>>> str(policy.amplitude)
'09:00-17:00'
"""

from __future__ import annotations

from bilan_core.policy._charter import Policy, load_policy
from bilan_core.policy._parts import CHARTER_RULES, POLICY_FORMAT, ROUTES, FrozenMap, TimeRange

__all__ = [
    "CHARTER_RULES",
    "POLICY_FORMAT",
    "ROUTES",
    "FrozenMap",
    "Policy",
    "TimeRange",
    "load_policy",
]
