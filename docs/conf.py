"""Sphinx configuration of the bilan-core documentation.

Built in CI with warnings as errors::

    uv run sphinx-build -W --keep-going -b html docs docs/_build/html

No network is used at build time: no intersphinx inventories are downloaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The local extensions (the generated rules reference, the API and wire-format listings) and
# the library itself, so the docs build from a bare checkout as well as from the venv.
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(ROOT / "src"))

import bilan_core  # noqa: E402 - after the path set-up above

project = "bilan-core"
author = "bilan-core developers"
copyright = "2026, bilan-core developers"
release = bilan_core.__version__
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "rules_page",
    "reference_pages",
]
# sphinx.ext.intersphinx is left out on purpose: its inventories are downloaded at build time
# and the build must work offline. References to the standard library, attrs or pendulum are
# therefore rendered as plain text (``nitpicky`` is off).

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []
# Text from the catalogue and the code is shown as written (rule titles, messages, JSON), not
# with typographic quotes substituted.
smartquotes = False

# -- MyST -------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- autodoc and napoleon ---------------------------------------------------------------------

autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
autodoc_inherit_docstrings = False
# Show ``Bilan`` rather than ``bilan_core.bilan.Bilan`` in signatures and field types; the
# ``reference_pages`` extension links such names to their public ``bilan_core.*`` entry.
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# ``Attributes:`` sections become ``:ivar:`` fields: attrs fields are slots without their own
# docstrings, so the class docstring is where they are documented, and fields keep no index
# entry of their own (no duplicate object descriptions with properties of the same name).
napoleon_use_ivar = True
napoleon_use_rtype = False

# -- HTML -------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"bilan-core {release}"
# The JSON Schema of the wire format is published under _static/ once it is generated; the
# folder is optional so that a checkout without it still builds with -W.
html_static_path = ["_static"] if (HERE / "_static").is_dir() else []
html_show_sourcelink = False

# -- warnings ---------------------------------------------------------------------------------

suppress_warnings: list[str] = []


def setup(app: Sphinx) -> None:
    """Show Mermaid diagram sources (the phase machine page) as plain text.

    No Mermaid extension is installed (nor fetched at build time), and Pygments has no
    ``mermaid`` lexer: register the plain-text lexer under that name instead of silencing the
    highlighting warning for every language.
    """
    from pygments.lexers.special import TextLexer

    app.add_lexer("mermaid", TextLexer)
