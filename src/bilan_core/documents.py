"""The documents of a bilan and their lifecycle (C. trav. L6313-4, R6313-7).

The synthesis (*document de synthèse*) and the detailed results belong to the beneficiary, who
is their sole recipient. Documents prepared for the bilan are destroyed at the end of the
action, except the synthesis and what the beneficiary agreed in writing to keep. A destroyed
document stays in the bilan as a *tombstone*: its kind and dates, no content.

Free-text content is never shown by ``repr`` (attrs ``repr=False``) and never copied into
messages or exceptions.
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from bilan_core._fields import OpaqueId, check_fields
from bilan_core._values import day, optional_day, optional_instant
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = ["Document", "DocumentKind", "SynthesisSections"]


class DocumentKind(enum.Enum):
    """What a document is."""

    ENGAGEMENT = "engagement"
    """The end-of-preliminary-phase document *engagement dans la démarche* (STAFF charter)."""
    SYNTHESIS = "synthesis"
    """The *document de synthèse* handed to the beneficiary (L6313-4)."""
    DETAILED_RESULTS = "detailed_results"
    """The detailed results of the investigation (*résultats détaillés*)."""
    WORKING = "working"
    """Working documents: tests, inventories, grids, project and SWOT sheets."""


@attrs.frozen(kw_only=True)
class SynthesisSections:
    """The four sections of a synthesis (STAFF charter, POL-SYNTHESIS-SECTIONS).

    Every section is personal free text: hidden from ``repr`` and never copied into messages.

    Attributes:
        circumstances: the circumstances of the bilan.
        conduct: the conduct of the bilan: skills and aptitudes in view of the prospects.
        prospects: the envisaged prospects: the project(s) and main implementation steps.
        action_plan: the action plan.
    """

    circumstances: str | None = attrs.field(default=None, repr=False)
    conduct: str | None = attrs.field(default=None, repr=False)
    prospects: str | None = attrs.field(default=None, repr=False)
    action_plan: str | None = attrs.field(default=None, repr=False)

    __attrs_post_init__ = check_fields

    @property
    def missing(self) -> tuple[str, ...]:
        """The names of the sections left empty, in order."""
        return tuple(
            name
            for name in ("circumstances", "conduct", "prospects", "action_plan")
            if not getattr(self, name)
        )

    def __repr__(self) -> str:
        filled = 4 - len(self.missing)
        return f"SynthesisSections(<{filled} of 4 sections filled, content hidden>)"


_SYNTHESIS_ONLY = Text(
    fr="seule une synthèse a des sections de synthèse",
    en="only a synthesis has synthesis sections",
)
_TOMBSTONE = Text(
    fr="un document détruit ne garde aucun contenu", en="a destroyed document keeps no content"
)


@attrs.frozen(kw_only=True)
class Document:
    """A document of the bilan.

    Attributes:
        id: the provider's reference for the document.
        kind: engagement document, synthesis, detailed results or working document.
        created_on: the day it was created.
        presented_at: when it was presented to the beneficiary for observations (synthesis).
        delivered_at: when it was handed to the beneficiary.
        signed_at: when the beneficiary signed it (engagement document).
        kept_with_consent_on: the day the beneficiary agreed in writing that it be kept
            (for a follow-up or a later transmission).
        destroyed_on: the day it was destroyed; a destroyed document has no content.
        text: free-text content (hidden from ``repr``).
        synthesis: the four sections, for a synthesis (hidden from ``repr``).
    """

    id: OpaqueId
    kind: DocumentKind
    created_on: pendulum.Date = attrs.field(converter=day)
    presented_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)
    delivered_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)
    signed_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)
    kept_with_consent_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    destroyed_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    text: str | None = attrs.field(default=None, repr=False)
    synthesis: SynthesisSections | None = attrs.field(default=None, repr=False)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if self.synthesis is not None and self.kind is not DocumentKind.SYNTHESIS:
            raise InvalidValue(_SYNTHESIS_ONLY, field="synthesis")
        if self.destroyed_on is not None and (self.synthesis is not None or self.text is not None):
            raise InvalidValue(_TOMBSTONE, field="destroyed_on")

    @property
    def has_content(self) -> bool:
        """Whether the document still holds text."""
        return self.text is not None or self.synthesis is not None

    @property
    def is_destroyed(self) -> bool:
        """Whether it was destroyed (it is then a tombstone)."""
        return self.destroyed_on is not None
