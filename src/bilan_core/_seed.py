"""The seed provider (STAFF, Carquefou), shared by the example bilans and the example offer.

A module of its own, light to import, so that neither example pulls in the other's model.
"""

from __future__ import annotations

from typing import Final

import pendulum

from bilan_core.provider import Provider, Qualiopi, QualiopiCategory, Site

__all__ = ["STAFF_PROVIDER"]

STAFF_PROVIDER: Final = Provider(
    name="STAFF",
    siret="78288205400011",
    nda="52440000044",
    qualiopi=Qualiopi(
        categories=frozenset(
            {QualiopiCategory.TRAINING_ACTIONS, QualiopiCategory.BILAN_DE_COMPETENCES}
        ),
        valid_from=pendulum.date(2024, 6, 1),
        valid_until=pendulum.date(2027, 5, 31),
    ),
    sites=(
        Site(
            id="carquefou-petites-industries",
            street="7 rue des Petites Industries",
            postcode="44470",
            city="Carquefou",
            reduced_mobility_access=True,
        ),
        Site(
            id="carquefou-metallurgie",
            street="4 rue de la métallurgie",
            postcode="44470",
            city="Carquefou",
            reduced_mobility_access=True,
        ),
    ),
)
"""The seed provider (STAFF, Carquefou), with a fictitious but well-formed SIRET, NDA and
Qualiopi certificate; also the provider of :func:`bilan_core.example_bilan`'s bilans."""
