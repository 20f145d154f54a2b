"""What a check sees besides the bilan: the dates and the policy."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs
import pendulum

if TYPE_CHECKING:
    from bilan_core.policy import Policy
    from bilan_core.rules._params import Parameter

__all__ = ["Context"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Context:
    """The evaluation context of one :func:`~bilan_core.validate` call.

    Attributes:
        on: the evaluation date: what is pending, due or late is judged on this day.
        reference_date: the date that picks each rule's version and each dated value (the
            bilan's reference date, or ``on`` when the bilan has none yet).
        policy: the provider's charter, when policy rules run.
    """

    on: pendulum.Date
    reference_date: pendulum.Date
    policy: Policy | None = None

    def value(self, parameter: Parameter[T], day: pendulum.Date | None = None) -> T:
        """The value of a dated parameter at ``day`` (default: the reference date).

        Raises:
            LookupError: the parameter has no value yet at that date.
        """
        return parameter.at(day if day is not None else self.reference_date)
