"""The ``hypothesis`` entry point: register bilan-core's strategies for ``st.from_type``.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, in any environment where
bilan-core is installed. The hook imports :mod:`bilan_core.strategies` (and so the model) only
then; ``import bilan_core`` never imports Hypothesis.
"""

from __future__ import annotations

__all__ = ["_hypothesis_setup_hook"]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each public class of the model."""
    from hypothesis import strategies as st

    from bilan_core import strategies as bst
    from bilan_core.beneficiary import Beneficiary
    from bilan_core.bilan import Bilan
    from bilan_core.consultants import Consultant
    from bilan_core.funding import FUNDING_TYPES, Convention
    from bilan_core.provider import Provider, Qualiopi, Site
    from bilan_core.sessions import Session

    st.register_type_strategy(Bilan, bst.bilans())
    st.register_type_strategy(Session, bst.sessions())
    st.register_type_strategy(Provider, bst.providers())
    st.register_type_strategy(Beneficiary, bst.beneficiaries())
    st.register_type_strategy(Consultant, bst.consultants())
    st.register_type_strategy(Convention, bst.conventions())
    st.register_type_strategy(Qualiopi, bst.qualiopis())
    st.register_type_strategy(Site, bst.sites())
    for cls in FUNDING_TYPES:
        st.register_type_strategy(cls, bst.fundings(type=cls.TAG))
