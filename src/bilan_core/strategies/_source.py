"""Plain-Python choices from one drawn seed: how :func:`bilans` stays fast.

Hypothesis pays a few tens of microseconds per draw; a realistic bilan needs about a hundred
choices. :func:`bilans` therefore draws only what matters for shrinking (the route, the phase,
the number of sessions) and one seed, then makes every other choice with a :class:`Source`.
Seed ``0`` is special: every choice is the first or the smallest, so a bilan built from seed 0
is the simplest of its shape, and Hypothesis (which shrinks integers towards 0) reaches it.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from bilan_core._identifiers import luhn_digit

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["SEEDS_MAX", "Source"]

SEEDS_MAX = 2**32 - 1
"""The largest seed :func:`bilans` draws."""

_T = TypeVar("_T")
_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
_CENT = Decimal("0.01")


class Source:
    """Deterministic choices from a seed (seed 0: always the first or smallest choice)."""

    __slots__ = ("_random",)

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed) if seed else None  # noqa: S311 - test data, not secrets

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]`` (``low`` for seed 0)."""
        if self._random is None or high <= low:
            return low
        return self._random.randint(low, high)

    def boolean(self) -> bool:
        """``False`` for seed 0, else either."""
        return self._random is not None and self._random.random() < 0.5  # noqa: PLR2004

    def choice(self, options: Sequence[_T]) -> _T:
        """One of ``options`` (the first for seed 0)."""
        return options[self.integer(0, len(options) - 1)]

    def sample(self, population: Sequence[_T], count: int) -> list[_T]:
        """``count`` distinct items of ``population``, in their order (the first ones, seed 0)."""
        if self._random is None:
            return list(population[:count])
        indexes = sorted(self._random.sample(range(len(population)), count))
        return [population[i] for i in indexes]

    def money(self, low: int, high: int) -> Decimal:
        """An amount in euros with two places, in ``[low, high]``."""
        return (Decimal(self.integer(low * 100, high * 100)) / 100).quantize(_CENT)

    def digits(self, count: int) -> str:
        """``count`` decimal digits (zeros for seed 0)."""
        return "".join(str(self.integer(0, 9)) for _ in range(count))

    def opaque_id(self, prefix: str) -> str:
        """An opaque identifier such as ``"b-3f"`` (``prefix + "0"`` for seed 0)."""
        size = self.integer(1, 6)
        return prefix + "".join(self.choice(_ID_CHARS) for _ in range(size))

    def siret(self) -> str:
        """A SIRET with correct SIREN and SIRET keys (never La Poste's special SIREN)."""
        body = self.digits(8)
        if body.startswith("35600000"):
            body = "12345678"
        siren = body + luhn_digit(body)
        siret = siren + self.digits(4)
        return siret + luhn_digit(siret)
