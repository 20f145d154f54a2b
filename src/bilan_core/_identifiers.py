"""French business identifiers (SIRET, SIREN, NDA) and opaque ids, as field constraints.

A SIRET is 14 digits whose Luhn key is right, and whose SIREN (the first 9 digits) has a
right Luhn key too; La Poste's establishments (SIREN 356000000, except the head office) use
another key: the sum of the digits is a multiple of 5. This is the rule python-stdnum applies;
a property test keeps the two equal.
"""

from __future__ import annotations

import functools
from typing import Annotated, Final

from bilan_core._fields import OPAQUE_ID, KeyCheck, OpaqueId, Pattern
from bilan_core.text import Text

__all__ = [
    "NDA",
    "OPAQUE_ID",
    "SIRET",
    "Nda",
    "OpaqueId",
    "Siret",
    "luhn_digit",
    "opaque_id_ok",
    "siren_of",
    "siret_problem",
]

_DOUBLED: Final = {str(d): sum(divmod(2 * d, 10)) for d in range(10)}
# An ASCII digit's byte to the byte of the digit whose value is the sum of the digits of its
# double (Luhn): b"0123456789" becomes b"0246813579".
_DOUBLED_BYTES: Final = bytes.maketrans(
    b"0123456789", bytes(ord("0") + value for value in _DOUBLED.values())
)
_ZERO: Final = ord("0")
_LA_POSTE: Final = "356000000"
_LA_POSTE_HEAD_OFFICE: Final = "35600000000048"


def _luhn_ok(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check.

    ASCII digits are summed as bytes, in C; other text takes the slow path (and ``int``
    refuses what is not a digit, as it always did).
    """
    if digits.isascii():
        raw = digits.encode()
        if raw.isdigit():
            total = sum(raw[-1::-2]) + sum(raw[-2::-2].translate(_DOUBLED_BYTES))
            return (total - _ZERO * len(raw)) % 10 == 0
    plain = sum(map(int, digits[-1::-2]))
    doubled = sum(map(_DOUBLED.__getitem__, digits[-2::-2]))
    return (plain + doubled) % 10 == 0


def luhn_digit(digits: str) -> str:
    """The check digit that makes ``digits`` followed by it pass the Luhn check.

    >>> luhn_digit("7328293200007")
    '4'
    """
    for candidate in "0123456789":
        if _luhn_ok(digits + candidate):
            return candidate
    raise AssertionError  # pragma: no cover - one of ten digits always fits


@functools.lru_cache(maxsize=4096)
def siret_problem(value: str) -> Text | None:
    """What is wrong with the key of a 14-digit SIRET, or ``None``.

    >>> siret_problem("73282932000074") is None
    True
    >>> str(siret_problem("73282932000075"))
    'SIRET check key is wrong'
    """
    if value.startswith(_LA_POSTE) and value != _LA_POSTE_HEAD_OFFICE:
        ok = sum(map(int, value)) % 5 == 0
    else:
        ok = _luhn_ok(value)
    if ok and _luhn_ok(value[:9]):
        return None
    return Text(fr="la clé de contrôle du SIRET est fausse", en="SIRET check key is wrong")


SIRET: Final = Pattern(
    regex=r"[0-9]{14}",
    rule=Text(fr="un SIRET a 14 chiffres", en="SIRET must be 14 digits"),
    name="SIRET",
)
SIRET_KEY: Final = KeyCheck(
    problem=siret_problem,
    description=Text(
        fr="la clé de contrôle (Luhn ; règle de La Poste pour le SIREN 356000000)",
        en="the check key (Luhn; La Poste's rule for SIREN 356000000)",
    ),
)
Siret = Annotated[str, SIRET, SIRET_KEY]
"""A SIRET: 14 digits with a right check key."""

NDA: Final = Pattern(
    regex=r"[0-9]{11}",
    rule=Text(fr="un numéro de déclaration d'activité a 11 chiffres", en="nda must be 11 digits"),
    name="NDA",
)
Nda = Annotated[str, NDA]
"""A *numéro de déclaration d'activité* (C. trav. L6351-1): 11 digits."""


def siren_of(siret: str) -> str:
    """The SIREN (the company) of a SIRET (one of its establishments): the first 9 digits.

    >>> siren_of("73282932000074")
    '732829320'
    """
    return siret[:9]


def opaque_id_ok(value: str) -> bool:
    """Whether ``value`` has the syntax of an opaque id.

    >>> opaque_id_ok("s-01"), opaque_id_ok("Jeanne Dupont")
    (True, False)
    """
    return OPAQUE_ID.ok(value)
