"""``python -m bilan_core.cli``."""

import sys

from bilan_core.cli import main

sys.exit(main())
