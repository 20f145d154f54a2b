"""bilan-core's ``hypothesis`` entry point, kept outside the package so that it costs nothing.

Hypothesis loads this module at the end of ``import hypothesis`` wherever bilan-core is
installed. Loading a module inside ``bilan_core`` would run the package's ``__init__`` and
import the whole model (about 100 ms) into every Hypothesis run, used or not. This module
imports nothing: if the model is already imported, it registers bilan-core's strategies for
``st.from_type`` now; otherwise ``import bilan_core`` registers them later, when it sees
Hypothesis imported (see :mod:`bilan_core._hypothesis_setup`).
"""

from __future__ import annotations

import sys

__all__ = ["_hypothesis_setup_hook"]


def _hypothesis_setup_hook() -> None:
    """Register bilan-core's strategies if its model is imported (else it will, lazily)."""
    if "bilan_core.bilan" in sys.modules:
        from bilan_core._hypothesis_setup import register

        register()
