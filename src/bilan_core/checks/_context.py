"""What a check sees besides the bilan: the dates, the parameters in force, the charter."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
import pendulum

from bilan_core.facts import parameters

if TYPE_CHECKING:
    from bilan_core.facts.parameters import Values
    from bilan_core.policy import Policy

__all__ = ["Context"]


@attrs.frozen(kw_only=True)
class Context:
    """The evaluation context of a check.

    One :func:`~bilan_core.validate` call, or one phase event's guards.

    Attributes:
        on: the evaluation date: what is pending, due or late is judged on this day.
        reference_date: the date that picks each rule's version and each dated value (the
            bilan's reference date, or ``on`` when the bilan has none yet).
        policy: the provider's charter, when policy rules run.
        at: the instant of the phase event being guarded (``None`` in :func:`validate`):
            sessions count as held, documents as signed or delivered, only up to it.
        event: the phase event being guarded, if any.
        readings: the readings of uncertain texts the caller chose, by rule id (see
            :meth:`reading`).
    """

    on: pendulum.Date
    reference_date: pendulum.Date
    policy: Policy | None = None
    at: pendulum.DateTime | None = None
    event: str | None = None
    readings: Mapping[str, str] = attrs.field(factory=dict)

    def reading(self, rule_id: str, default: str) -> str:
        """The reading chosen for ``rule_id``, or its ``default`` (its first reading)."""
        return self.readings.get(rule_id, default)

    @functools.cached_property
    def values(self) -> Values:
        """Every dated parameter's value at the reference date, read by name.

        For example ``ctx.values.cpf.employer_answer_days``.
        """
        return parameters.on(self.reference_date)

    def values_on(self, day: pendulum.Date) -> Values:
        """The parameters' values on another day (a purchase date, the evaluation date)."""
        return parameters.on(day)
