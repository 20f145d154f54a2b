"""The inquiry (*information préalable*): the first contact before any agreement."""

from __future__ import annotations

import attrs
import pendulum

from bilan_core._fields import check_fields, check_order
from bilan_core._values import instant, optional_instant

__all__ = ["Inquiry"]


@attrs.frozen(kw_only=True)
class Inquiry:
    """The first contact and the consultant's call back (STAFF: within 24-48 working hours).

    Attributes:
        received_at: when the request reached the provider.
        called_back_at: when a consultant called back, if they did.
    """

    received_at: pendulum.DateTime = attrs.field(converter=instant)
    called_back_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_order(self, "received_at", "called_back_at")
