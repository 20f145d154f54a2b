"""``python -m bilan_core``: the ``bilan-core`` command line."""

import sys

from bilan_core.cli import main

sys.exit(main())
