"""The provider (*prestataire*) that carries out the bilan, its sites and certification."""

from __future__ import annotations

import enum
from typing import Annotated, Final

import attrs
import pendulum

from bilan_core._fields import (
    OpaqueId,
    Pattern,
    check_fields,
    check_order,
    check_unique_ids,
)
from bilan_core._identifiers import Nda, Siret
from bilan_core._values import day
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = ["Postcode", "Provider", "Qualiopi", "QualiopiCategory", "Site"]

POSTCODE: Final = Pattern(
    regex=r"[0-9]{5}",
    rule=Text(fr="un code postal a 5 chiffres", en="postcode must be 5 digits"),
    name="postcode",
)
Postcode = Annotated[str, POSTCODE]
"""A French postcode: 5 digits."""

_ALSACE_MOSELLE = frozenset({"57", "67", "68"})


class QualiopiCategory(enum.Enum):
    """The categories of actions a Qualiopi certificate covers (C. trav. L6313-1)."""

    TRAINING_ACTIONS = "training_actions"
    """Actions de formation."""
    BILAN_DE_COMPETENCES = "bilan_de_competences"
    """Actions permettant de réaliser un bilan de compétences."""
    VAE = "vae"
    """Actions de validation des acquis de l'expérience."""
    APPRENTICESHIP = "apprenticeship"
    """Actions de formation par apprentissage."""


def _categories(value: object) -> frozenset[QualiopiCategory]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(
            Text(
                fr="categories est une collection de QualiopiCategory",
                en="categories must be a collection of QualiopiCategory",
            ),
            field="categories",
        )
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Qualiopi:
    """A Qualiopi certificate (C. trav. L6316-1), valid on the days of its interval.

    Attributes:
        categories: the categories of actions it covers.
        valid_from: first day of validity.
        valid_until: last day of validity (inclusive).
    """

    categories: frozenset[QualiopiCategory] = attrs.field(converter=_categories)
    valid_from: pendulum.Date = attrs.field(converter=day)
    valid_until: pendulum.Date = attrs.field(converter=day)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_order(self, "valid_from", "valid_until")

    def covers(self, on: pendulum.Date, category: QualiopiCategory) -> bool:
        """Whether the certificate is valid on ``on`` for ``category``.

        >>> q = Qualiopi(
        ...     categories={QualiopiCategory.BILAN_DE_COMPETENCES},
        ...     valid_from=pendulum.date(2024, 6, 1),
        ...     valid_until=pendulum.date(2027, 5, 31),
        ... )
        >>> q.covers(pendulum.date(2027, 5, 31), QualiopiCategory.BILAN_DE_COMPETENCES)
        True
        >>> q.covers(pendulum.date(2027, 6, 1), QualiopiCategory.BILAN_DE_COMPETENCES)
        False
        """
        return category in self.categories and self.valid_from <= on <= self.valid_until


@attrs.frozen(kw_only=True)
class Site:
    """A place where in-person sessions are held.

    Attributes:
        id: the provider's reference for the site.
        street: street address.
        postcode: 5-digit French postcode.
        city: the commune.
        reduced_mobility_access: accessible to people with reduced mobility.
    """

    id: OpaqueId
    street: str
    postcode: Postcode
    city: str
    reduced_mobility_access: bool = False

    __attrs_post_init__ = check_fields

    @property
    def alsace_moselle(self) -> bool:
        """In Bas-Rhin, Haut-Rhin or Moselle, where local law adds public holidays.

        >>> Site(id="metz", street="1 rue Serpenoise", postcode="57000", city="Metz").alsace_moselle
        True
        """
        return self.postcode[:2] in _ALSACE_MOSELLE


def _sites(value: object) -> tuple[Site, ...]:
    if not isinstance(value, (tuple, list)):
        raise InvalidValue(
            Text(fr="sites est une suite de Site", en="sites must be a sequence of Site"),
            field="sites",
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class Provider:
    """The organisation that carries out the bilan (*organisme prestataire*).

    Attributes:
        name: the provider's trade name.
        siret: its establishment's SIRET, with a correct check key.
        nda: its *numéro de déclaration d'activité* (11 digits, C. trav. L6351-1), when it has
            one.
        qualiopi: its Qualiopi certificate, when it has one.
        sites: where in-person sessions take place.
    """

    name: str
    siret: Siret
    nda: Nda | None = None
    qualiopi: Qualiopi | None = None
    sites: tuple[Site, ...] = attrs.field(default=(), converter=_sites)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_unique_ids(self.sites, "sites")

    def site(self, site_id: str) -> Site | None:
        """The site with this id, or ``None``."""
        for candidate in self.sites:
            if candidate.id == site_id:
                return candidate
        return None
