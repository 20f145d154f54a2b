"""Dated parameters: a legal number with the date it applies from and its source.

A change in the law adds a :class:`DatedValue`; history is never edited (the OpenFisca way).
"""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs
import pendulum

from bilan_core.references import Confidence, LegalReference

__all__ = ["DatedValue", "Parameter"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class DatedValue(Generic[T]):
    """A value in force from a day on, until the next value of its parameter.

    Attributes:
        since: the first day it applies.
        value: the value (``None`` to say "no such amount from this day on").
        reference: where it comes from.
        confidence: how sure the catalogue is of it.
    """

    since: pendulum.Date
    value: T
    reference: LegalReference
    confidence: Confidence = Confidence.OFFICIAL


@attrs.frozen(kw_only=True)
class Parameter(Generic[T]):
    """A named legal number whose value depends on the date.

    >>> from bilan_core.facts.parameters import CPF_PARTICIPATION
    >>> CPF_PARTICIPATION.at(pendulum.date(2025, 12, 31))
    Decimal('102.23')
    >>> CPF_PARTICIPATION.at(pendulum.date(2026, 1, 1))
    Decimal('103.20')

    Attributes:
        name: a stable name (``"cpf.participation"``).
        description: what it is, in English.
        unit: the unit (``"EUR"``, ``"days"``, ``"minutes"``, ``"years"``).
        values: its dated values, oldest first.
    """

    name: str
    description: str
    unit: str
    values: tuple[DatedValue[T], ...] = attrs.field()

    @values.validator
    def _check_sorted(self, _attribute: object, values: tuple[DatedValue[T], ...]) -> None:
        days = [v.since for v in values]
        if not values or days != sorted(days) or len(set(days)) != len(days):
            raise ValueError(f"{self.name}: dated values must be non-empty and strictly ordered")

    def entry(self, day: pendulum.Date) -> DatedValue[T]:
        """The dated value in force on ``day``.

        Raises:
            LookupError: ``day`` is before the first value.
        """
        found = None
        for candidate in self.values:
            if candidate.since <= day:
                found = candidate
            else:
                break
        if found is None:
            raise LookupError(f"{self.name} has no value before {self.values[0].since}")
        return found

    def at(self, day: pendulum.Date) -> T:
        """The value in force on ``day``.

        Raises:
            LookupError: ``day`` is before the first value.
        """
        return self.entry(day).value
