"""The ``hypothesis`` entry point: register bilan-core's strategies for ``st.from_type``.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, in any environment where
bilan-core is installed. ``import bilan_core`` never imports Hypothesis.

The hook registers *deferred* strategies: :mod:`bilan_core.strategies` is imported when a
strategy is first drawn from, not when the hook runs. Hypothesis may be imported *by*
``bilan_core.strategies`` itself (which then is only partly initialised), so importing it
from the hook would be an import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["_hypothesis_setup_hook"]


def _strategy(name: str, **options: Any) -> SearchStrategy[Any]:
    """``bilan_core.strategies.<name>(**options)``, imported on first draw."""
    from hypothesis import strategies as st

    def build() -> SearchStrategy[Any]:
        from bilan_core import strategies as bst

        factory: Any = getattr(bst, name)
        built: SearchStrategy[Any] = factory(**options)
        return built

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each public class of the model."""
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
