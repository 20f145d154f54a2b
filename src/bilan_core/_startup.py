"""What ``import bilan_core`` does first: defer dateutil's parser, which it never uses.

pendulum imports ``dateutil.parser`` when it is imported, for its lenient parsing; bilan-core
parses its own strict formats and never calls it, and the import costs about a sixth of
``import bilan_core``. The module is registered *lazy* (:class:`importlib.util.LazyLoader`,
the recipe of the standard library's documentation): it is executed on its first attribute
access, so a program that does use it loses nothing but the wait.

Nothing happens when ``dateutil.parser`` or pendulum is already imported.
"""

from __future__ import annotations

import importlib.util
import sys

__all__ = ["defer"]


def defer(name: str) -> None:
    """Register module ``name`` to be executed on its first attribute access.

    Does nothing when the module is already imported or cannot be found.
    """
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):  # pragma: no cover - a broken environment
        return
    if spec is None or spec.loader is None:  # pragma: no cover - not installed
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)


if "pendulum" not in sys.modules:
    defer("dateutil.parser")
