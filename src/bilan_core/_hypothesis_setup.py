"""Register bilan-core's strategies for ``st.from_type`` (what the ``hypothesis`` plugin does).

Hypothesis calls bilan-core's entry point (the top-level module ``_bilan_core_hypothesis``,
which imports nothing) at the end of its own import, in any environment where bilan-core is
installed. The registration is lazy, so that ``import hypothesis`` stays cheap where
bilan-core is installed but not used (importing the model would cost about 100 ms):

- if the model is already imported, the hook calls :func:`register` at once;
- otherwise it does nothing, and ``import bilan_core`` registers the strategies at its end
  when Hypothesis is already imported (``import bilan_core`` never imports Hypothesis).

Either way, whichever of the two is imported first, :func:`register` runs once (it is
idempotent). It registers *deferred* strategies: :mod:`bilan_core.strategies` is imported
when a strategy is first drawn from, not when registering. Hypothesis may be imported *by*
``bilan_core.strategies`` itself (which then is only partly initialised), so importing it
from here would be an import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["register"]

_registered = False


def _strategy(name: str, **options: Any) -> SearchStrategy[Any]:
    """``bilan_core.strategies.<name>(**options)``, imported on first draw."""
    from hypothesis import strategies as st

    def build() -> SearchStrategy[Any]:
        from bilan_core import strategies as bst

        factory: Any = getattr(bst, name)
        built: SearchStrategy[Any] = factory(**options)
        return built

    return st.deferred(build)


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
