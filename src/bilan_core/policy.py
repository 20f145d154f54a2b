"""A provider's charter (*charte*) as data: the parameters of the ``POL-`` rules.

The ``POL-`` rules run only when :func:`bilan_core.validate` is given a :class:`Policy`.
:data:`bilan_core.policies.STAFF` is the seed provider's charter; providers load their own
from a TOML or JSON file.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from bilan_core.rules._model import Severity

__all__ = ["Policy"]


def _severities(value: object) -> Mapping[str, Severity]:
    if not isinstance(value, Mapping):
        raise TypeError("severities must be a mapping of rule ids to severities")
    return dict(sorted((str(k), Severity(v)) for k, v in value.items()))


@attrs.frozen(kw_only=True)
class Policy:
    """A provider charter.

    Attributes:
        name: the charter's name.
        severities: per-rule severity overrides (``{"POL-SPAN": Severity.INFO}``).
        disabled: ids of rules this provider does not run.
    """

    name: str
    severities: Mapping[str, Severity] = attrs.field(
        factory=dict, converter=_severities, eq=False, hash=False
    )
    disabled: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset)
