"""The provider (*prestataire*) that carries out the bilan, its sites and certification."""

from __future__ import annotations

import enum

import attrs
import pendulum

from bilan_core._identifiers import check_opaque_id, check_siret
from bilan_core._values import day, digits
from bilan_core.errors import InvalidValue

__all__ = ["Provider", "Qualiopi", "QualiopiCategory", "Site"]

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
        raise InvalidValue("categories must be a collection of QualiopiCategory")
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

    @valid_until.validator
    def _check_interval(self, _attribute: object, value: pendulum.Date) -> None:
        if value < self.valid_from:
            raise InvalidValue("valid_until is before valid_from", field="valid_until")

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

    id: str = attrs.field(validator=check_opaque_id)
    street: str
    postcode: str = attrs.field(validator=digits(5, "postcode"))
    city: str
    reduced_mobility_access: bool = False

    @property
    def alsace_moselle(self) -> bool:
        """In Bas-Rhin, Haut-Rhin or Moselle, where local law adds public holidays.

        >>> Site(id="metz", street="1 rue Serpenoise", postcode="57000", city="Metz").alsace_moselle
        True
        """
        return self.postcode[:2] in _ALSACE_MOSELLE


def _sites(value: object) -> tuple[Site, ...]:
    if not isinstance(value, (tuple, list)):
        raise InvalidValue("sites must be a sequence of Site")
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
    siret: str = attrs.field(validator=check_siret)
    nda: str | None = attrs.field(default=None, validator=digits(11, "nda"))
    qualiopi: Qualiopi | None = None
    sites: tuple[Site, ...] = attrs.field(default=(), converter=_sites)

    def site(self, site_id: str) -> Site | None:
        """The site with this id, or ``None``."""
        for candidate in self.sites:
            if candidate.id == site_id:
                return candidate
        return None
