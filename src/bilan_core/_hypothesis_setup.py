"""Register bilan-core's strategies for ``st.from_type`` (what the ``hypothesis`` plugin does).

Hypothesis calls bilan-core's entry point (the top-level module ``_bilan_core_hypothesis``,
which imports nothing) at the end of its own import, in any environment where bilan-core is
installed. The registration is lazy, so that ``import hypothesis`` stays cheap where
bilan-core is installed but not used (importing the model would cost about 100 ms):

- if the model is already imported, the hook calls :func:`register` at once;
- otherwise it does nothing, and ``import bilan_core`` registers the strategies at its end
  when Hypothesis is already imported (``import bilan_core`` never imports Hypothesis).

Either way, whichever of the two is imported first, :func:`register` runs once (it is
idempotent). It registers functions that build the strategies: :mod:`bilan_core.strategies`
is imported when ``st.from_type`` first resolves one, not when registering. Hypothesis may be
imported *by* ``bilan_core.strategies`` itself (which then is only partly initialised), so
importing it from here would be an import cycle.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis.strategies import SearchStrategy

__all__ = ["register", "register_offer"]

_registered = False


def _strategy(name: str, **options: Any) -> Callable[[type], SearchStrategy[Any]]:
    """``bilan_core.strategies.<name>(**options)``, built when ``st.from_type`` resolves it.

    A function, not a strategy: Hypothesis checks a registered *strategy* at once (which
    would import :mod:`bilan_core.strategies`, and the offer's model, while ``bilan_core`` is
    still being imported); a registered function is only called on resolution.
    """

    def build(_type: type) -> SearchStrategy[Any]:
        from bilan_core import strategies as bst

        factory: Any = getattr(bst, name)
        built: SearchStrategy[Any] = factory(**options)
        return built

    return build


def register() -> None:
    """Register a strategy for each public class of the model (once; later calls do nothing).

    Imports Hypothesis's strategies and the model classes: call it only when both are (being)
    imported anyway.
    """
    global _registered  # noqa: PLW0603 - once per process
    if _registered:
        return
    _registered = True
    from hypothesis import strategies as st

    from bilan_core.beneficiary import Beneficiary
    from bilan_core.bilan import Bilan
    from bilan_core.consultants import Consultant
    from bilan_core.funding import FUNDING_TYPES, Convention
    from bilan_core.provider import Provider, Qualiopi, Site
    from bilan_core.sessions import Session

    st.register_type_strategy(Bilan, _strategy("bilans"))
    st.register_type_strategy(Session, _strategy("sessions"))
    st.register_type_strategy(Provider, _strategy("providers"))
    st.register_type_strategy(Beneficiary, _strategy("beneficiaries"))
    st.register_type_strategy(Consultant, _strategy("consultants"))
    st.register_type_strategy(Convention, _strategy("conventions"))
    st.register_type_strategy(Qualiopi, _strategy("qualiopis"))
    st.register_type_strategy(Site, _strategy("sites"))
    for cls in FUNDING_TYPES:
        st.register_type_strategy(cls, _strategy("fundings", type=cls.TAG))
    if "bilan_core.offer" in sys.modules:  # else the offer's package registers it, if imported
        register_offer()


_offer_registered = False


def register_offer() -> None:
    """Register the strategy of :class:`~bilan_core.Offer` (once).

    Called by :func:`register` when the offer's model is already imported, else at the end of
    ``import bilan_core.offer`` when Hypothesis is: registering must not import the offer's
    model (about 20 ms) for test suites that only check bilans.
    """
    global _offer_registered  # noqa: PLW0603 - once per process
    if _offer_registered:
        return
    _offer_registered = True
    from hypothesis import strategies as st

    from bilan_core.offer import Offer

    st.register_type_strategy(Offer, _strategy("offers"))
