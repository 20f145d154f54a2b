"""Ready-made provider charters: :data:`STAFF`, the seed provider's, and :data:`PRESETS`.

A :class:`~bilan_core.Policy` is not law: its ``POL-`` rules run only when one is given to
:func:`~bilan_core.validate`, and default to warnings. A preset is one charter among others:
a charter of your own inherits nothing from it unless it says so, with
``Policy.from_dict(data, base=STAFF)``, ``load_policy(path, base=STAFF)`` or, in a charter
file, ``extends = "staff"``.

>>> from bilan_core.policies import PRESETS, STAFF
>>> STAFF.name, STAFF.duration_min_minutes // 60, STAFF.duration_max_minutes // 60
('STAFF', 18, 24)
>>> [str(r) for r in STAFF.opening_hours], str(STAFF.amplitude)
(['09:00-12:30', '14:00-17:30'], '09:00-17:00')
>>> PRESETS["staff"] is STAFF
True

STAFF states every value of the brochure (the seed ``000_e33774a3f644494d.txt``); each
value's source is a comment beside it in ``bilan_core/policy/_charter.py``, where the presets
are defined so that a charter file's ``extends`` can name them.
"""

from __future__ import annotations

from bilan_core.policy._charter import PRESETS, STAFF

__all__ = ["PRESETS", "STAFF"]
