"""The follow-up interview (*entretien de suivi*, C. trav. R6313-4 3° c).

The law requires the conclusions to include the *possibility* of a follow-up interview; it
sets no date (STAFF schedules it about six months after the end). The beneficiary may decline.
"""

from __future__ import annotations

import attrs
import pendulum

from bilan_core._fields import check_fields
from bilan_core._values import optional_day

__all__ = ["FollowUp"]


@attrs.frozen(kw_only=True)
class FollowUp:
    """What became of the follow-up interview.

    Attributes:
        offered: the possibility of a follow-up was offered.
        offered_on: the day it was offered.
        declined_on: the day the beneficiary declined it.
        planned_on: the day it is planned for.
        held_on: the day it was held.
    """

    offered: bool = False
    offered_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    declined_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    planned_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    held_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)

    __attrs_post_init__ = check_fields
