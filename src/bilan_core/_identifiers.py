"""Checks of French business identifiers (SIRET, SIREN, NDA) and opaque ids."""

from __future__ import annotations

import functools
import re
from typing import Any

from bilan_core.errors import InvalidValue

__all__ = ["check_opaque_id", "check_siret", "opaque_id_ok", "siren_of"]

_OPAQUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def check_siret(_instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a 14-digit SIRET whose Luhn key is right (``None`` allowed).

    The key check is python-stdnum's, which knows the La Poste exception.
    """
    if value is None:
        return
    problem = _siret_problem(value) if isinstance(value, str) else "SIRET must be 14 digits"
    if problem is not None:
        raise InvalidValue(problem, field=getattr(attribute, "name", None))


@functools.lru_cache(maxsize=4096)
def _siret_problem(value: str) -> str | None:
    """What is wrong with a SIRET, or ``None`` (cached: a bulk load sees few providers)."""
    from stdnum.fr import siret

    if len(value) != 14 or not value.isdigit():  # noqa: PLR2004 - a SIRET has 14 digits
        return "SIRET must be 14 digits"
    if not siret.is_valid(value):
        return "SIRET check key is wrong"
    return None


def siren_of(siret: str) -> str:
    """The SIREN (the company) of a SIRET (one of its establishments): the first 9 digits.

    >>> siren_of("73282932000074")
    '732829320'
    """
    return siret[:9]


@functools.lru_cache(maxsize=4096)
def opaque_id_ok(value: str) -> bool:
    """Whether ``value`` has the syntax of an opaque id (cached: ids repeat across bilans)."""
    return _OPAQUE.fullmatch(value) is not None


def check_opaque_id(_instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: an opaque identifier, 1-64 characters of ``[A-Za-z0-9._:-]``.

    Identifiers are references into the caller's own systems; they must not carry names or
    other personal data, so spaces and accents are refused.
    """
    if not isinstance(value, str) or not opaque_id_ok(value):
        name = getattr(attribute, "name", "id")
        raise InvalidValue(
            f"{name} must be 1-64 characters of letters, digits, '.', '_', ':' or '-'",
            field=getattr(attribute, "name", None),
        )
