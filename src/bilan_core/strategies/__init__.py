"""Hypothesis strategies for bilan-core's model: whole bilans and their parts.

Needs the optional dependency ``hypothesis`` (``pip install 'bilan-core[hypothesis]'``;
without it, importing this package raises :class:`ModuleNotFoundError` saying so);
``import bilan_core`` never imports this package. With both installed, ``st.from_type(Bilan)``
and the other public classes work through the ``hypothesis`` entry point.

>>> from hypothesis import given
>>> from bilan_core.strategies import bilans
>>> @given(bilans(funding="cpf"))
... def test_cpf_bilans_are_valid(bilan):
...     assert bc.validate(bilan, on=bc.EXAMPLE_ON).ok
>>> test_cpf_bilans_are_valid()

Strategies are plural nouns with keyword-only options; options whose values vary accept a
strategy too. Invalid arguments raise :class:`hypothesis.errors.InvalidArgument` at once.

- :func:`bilans`: valid bilans at their ``on`` date, in any phase, under the law and, with
  ``policy=``, a charter; shrinks towards a completed CPF bilan outside working time, three
  sessions.
- :func:`bilans_violating`: bilans that break one rule and no other error rule.
- :class:`BilanStateMachine`: a stateful base around the phase machine, to subclass.
- the parts: :func:`sessions`, :func:`fundings`, :func:`providers`... (valid as objects).
- :func:`offers`: a provider's public offers, valid at their ``on`` date (no error, no warning
  of :func:`~bilan_core.check_offer`); shrinks towards a CPF offer at one general price.
- :func:`offers_violating`: offers that break one offer rule and no other error rule.

>>> from hypothesis import find, settings
>>> over = find(
...     bilans_violating("BC-DURATION-MAX"),
...     lambda b: True,
...     settings=settings(database=None, derandomize=True),
... )
>>> over.total_minutes
1441
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - the optional dependency, checked first
except ModuleNotFoundError as error:  # pragma: no cover - tested in a subprocess
    if error.name != "hypothesis":
        raise
    raise ModuleNotFoundError(
        "bilan_core.strategies needs Hypothesis: pip install 'bilan-core[hypothesis]'",
        name="hypothesis",
    ) from error

from bilan_core.strategies._bilans import BILAN_PHASES, FUNDING_ROUTES, LAW_FROM, bilans
from bilan_core.strategies._machine import BilanStateMachine
from bilan_core.strategies._offers import (
    BREAKABLE_OFFER_RULES,
    OFFER_ROUTES,
    offers,
    offers_violating,
)
from bilan_core.strategies._parts import (
    FUNDING_TAGS,
    beneficiaries,
    consultants,
    conventions,
    fundings,
    providers,
    qualiopis,
    sessions,
    sites,
)
from bilan_core.strategies._primitives import money_amounts, sirets
from bilan_core.strategies._violating import (
    BREAKABLE_RULES,
    UNBREAKABLE_RULES,
    bilans_violating,
)

__all__ = [
    "BILAN_PHASES",
    "BREAKABLE_OFFER_RULES",
    "BREAKABLE_RULES",
    "FUNDING_ROUTES",
    "FUNDING_TAGS",
    "LAW_FROM",
    "OFFER_ROUTES",
    "UNBREAKABLE_RULES",
    "BilanStateMachine",
    "beneficiaries",
    "bilans",
    "bilans_violating",
    "consultants",
    "conventions",
    "fundings",
    "money_amounts",
    "offers",
    "offers_violating",
    "providers",
    "qualiopis",
    "sessions",
    "sirets",
    "sites",
]
