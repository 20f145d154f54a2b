"""The rule engine's value types: a rule of the catalogue and what its check finds."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import attrs
import pendulum

from bilan_core.references import STAFF_CHARTER, Confidence, LegalReference
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.checks._context import Context
    from bilan_core.phases import EventName

__all__ = ["Check", "Finding", "Reading", "Rule", "Subject", "for_charter"]


Check = Callable[[Any, "Context"], Iterable["Finding"]]
"""A rule's check (and a guard): reads its subject (a bilan, an offer) and the context, yields
findings."""

Subject = Literal["bilan", "offer"]
"""What a rule judges: a bilan (:func:`bilan_core.validate`) or a provider's published offer."""


@attrs.frozen(kw_only=True)
class Finding:
    """What a check reports; the engine turns it into a :class:`~bilan_core.Violation`.

    Attributes:
        path: the JSON path of the offending part (``"$.sessions[2].start"``).
        message: the message, in French and English, with the actual numbers (the engine
            adds the citation).
        severity: overrides the rule's severity for this finding.
        reference: the text the message cites when it is not the rule's first reference
            (a public agent's branch decree, for instance); it must be one of the rule's
            references.
    """

    path: str
    message: Text
    severity: Severity | None = None
    reference: LegalReference | None = None


@attrs.frozen
class Reading:
    """One reading of an uncertain text, which a caller may choose for a rule.

    A rule with readings applies its first one unless the caller picks another
    (:func:`bilan_core.validate`'s ``readings``, the CLI's ``--reading RULE=NAME``).

    Attributes:
        name: the reading's name (``"all"``, ``"funded"``).
        description: what it means, in French and English.
    """

    name: str
    description: Text


def _optional_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Text):
        raise TypeError(
            f"a rule's {attribute.name} is a Text (French and English) or None, "
            f"not {type(value).__name__}"
        )


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the catalogue.

    Attributes:
        id: the stable rule id (``"BC-DURATION-MAX"``); part of the public API.
        severity: the default severity of its violations.
        title: what it requires, in French and English (no number: the numbers are dated
            parameters, in the messages).
        references: the legal references, first the main one.
        in_force_from: the first day it applies (by reference date).
        in_force_until: the last day it applies, if it was repealed.
        confidence: how sure the catalogue is of its source.
        confidence_note: the catalogue's own wording when it is more nuanced, in French and
            English.
        section: the catalogue section (``"duration"``…); see :data:`bilan_core.SECTIONS`.
        notes: what the rule interprets, or cannot check from the data, in French and English.
        blocks: the phase events the rule guards: an event is refused while the rule's guard
            for it (its check, unless the family registers a guard of its own) finds an
            error; see :func:`bilan_core.next_events`.
        readings: the readings of an uncertain text the caller may choose, the default first
            (empty for most rules).
        subject: what the rule judges: a bilan (the default) or a provider's offer.
        check: the check function.
    """

    id: str
    severity: Severity
    title: Text
    references: tuple[LegalReference, ...]
    in_force_from: pendulum.Date
    in_force_until: pendulum.Date | None = None
    confidence: Confidence
    confidence_note: Text | None = attrs.field(default=None, validator=_optional_text)
    section: str
    notes: Text | None = attrs.field(default=None, validator=_optional_text)
    blocks: tuple[EventName, ...] = ()
    readings: tuple[Reading, ...] = ()
    subject: Subject = "bilan"
    check: Check = attrs.field(repr=False, eq=False)

    @functools.cached_property
    def is_policy(self) -> bool:
        """A provider-charter rule (``POL-``), run only when a policy is given."""
        return self.id.startswith("POL-")

    @functools.cached_property
    def citation(self) -> str:
        """The main reference, as messages cite it."""
        return self.references[0].citation if self.references else ""

    def in_force(self, day: pendulum.Date) -> bool:
        """Whether the rule applies to a bilan whose reference date is ``day``."""
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until


def for_charter(
    references: tuple[LegalReference, ...], charter: LegalReference | None
) -> tuple[LegalReference, ...]:
    """A charter rule's references, citing the charter in use instead of the example one.

    The ``POL-`` rules of the catalogue cite the STAFF charter, the example the catalogue was
    written from; the findings of a charter's rules cite that charter
    (:attr:`Policy.reference <bilan_core.Policy.reference>`).
    """
    if charter is None:
        return references
    return tuple(charter if reference is STAFF_CHARTER else reference for reference in references)
