"""The consultants who lead the bilan for the provider."""

from __future__ import annotations

import enum

import attrs

from bilan_core._fields import OpaqueId, check_fields

__all__ = ["Consultant", "ConsultantRole"]


class ConsultantRole(enum.Enum):
    """The consultant's part in the bilan."""

    REFERENT = "referent"
    """The main contact (*consultant référent*)."""
    SPECIALIST = "specialist"
    """A specialist joining for a cross view (*regard croisé*)."""


@attrs.frozen(kw_only=True)
class Consultant:
    """A consultant of the provider, known by an opaque id.

    Attributes:
        id: the provider's reference for the consultant.
        role: referent or specialist.
    """

    id: OpaqueId
    role: ConsultantRole = ConsultantRole.REFERENT

    __attrs_post_init__ = check_fields
