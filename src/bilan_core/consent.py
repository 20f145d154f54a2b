"""The beneficiary's consent (C. trav. L6313-4 al. 2).

A bilan can only be carried out with the worker's consent; a refusal is neither a fault nor a
ground for dismissal. Withdrawing it ends the bilan and is never recorded as a fault.
"""

from __future__ import annotations

import attrs
import pendulum

from bilan_core._fields import check_fields, check_order
from bilan_core._values import instant, optional_instant

__all__ = ["Consent"]


@attrs.frozen(kw_only=True)
class Consent:
    """The beneficiary's consent to the bilan, and its withdrawal.

    Attributes:
        given_at: when the beneficiary consented.
        withdrawn_at: when they withdrew it, if they did.
    """

    given_at: pendulum.DateTime = attrs.field(converter=instant)
    withdrawn_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_order(self, "given_at", "withdrawn_at")

    def active_at(self, at: pendulum.DateTime) -> bool:
        """Whether consent holds at instant ``at``."""
        return self.given_at <= at and (self.withdrawn_at is None or at < self.withdrawn_at)
