"""The rule engine's value types: references, rules, violations, reports."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from bilan_core.errors import RuleViolationError

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.rules._context import Context

__all__ = [
    "Confidence",
    "Finding",
    "LegalReference",
    "Report",
    "Rule",
    "Severity",
    "Violation",
]


class Severity(enum.Enum):
    """How serious a violation is. Only errors make a report not :attr:`~Report.ok`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for infos (for sorting)."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Confidence(enum.Enum):
    """How sure the catalogue is of a rule's legal source (see the rule catalogue)."""

    OFFICIAL = "official"
    """The article text was read (Légifrance or a faithful reproduction)."""
    SECONDARY = "secondary"
    """Consistent reports by reputable secondary sources; the text itself was not read."""
    UNVERIFIED = "unverified"
    """Only drafts or a single weak source; such a rule defaults to a warning."""
    PRACTICE = "practice"
    """Not law: common practice or a provider's charter."""


@attrs.frozen(kw_only=True)
class LegalReference:
    """A citation: the text, the article, a stable link and the version read.

    Attributes:
        text: the legal text (``"Code du travail"``, ``"Décret n° 2023-1350"``...).
        article: the article (``"L6313-4"``), or ``None`` for a whole text.
        link: a stable Légifrance URL, when known.
        version_date: the date of the version that was read, when known.
        short: the abbreviation used in messages (``"C. trav."``); defaults to ``text``.
    """

    text: str
    article: str | None = None
    link: str | None = None
    version_date: pendulum.Date | None = None
    short: str | None = None

    @property
    def citation(self) -> str:
        """How messages cite it: ``"C. trav., art. L6313-4"``.

        >>> LegalReference(text="Code du travail", article="L6313-4", short="C. trav.").citation
        'C. trav., art. L6313-4'
        """
        name = self.short or self.text
        return f"{name}, art. {self.article}" if self.article else name


Check = Callable[["Bilan", "Context"], Iterable["Finding"]]
"""A rule's check: reads the bilan and the context, yields findings."""


@attrs.frozen(kw_only=True)
class Finding:
    """What a check reports; the engine turns it into a :class:`Violation`.

    Attributes:
        path: the JSON path of the offending part (``"$.sessions[2].start"``).
        message: the French message, with the actual numbers.
        message_en: the English message.
        severity: overrides the rule's severity for this finding.
        reference: the text the message cites when it is not the rule's first reference
            (a public agent's branch decree, for instance); it must be one of the rule's
            references.
    """

    path: str
    message: str
    message_en: str
    severity: Severity | None = None
    reference: LegalReference | None = None


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the catalogue.

    Attributes:
        id: the stable rule id (``"BC-DURATION-MAX"``); part of the public API.
        severity: the default severity of its violations.
        title: the French title.
        title_en: the English title.
        references: the legal references, first the main one.
        in_force_from: the first day it applies (by reference date).
        in_force_until: the last day it applies, if it was repealed.
        confidence: how sure the catalogue is of its source.
        confidence_note: the catalogue's own wording when it is more nuanced.
        section: the catalogue section (``"duration"``...).
        notes: what the rule interprets, or cannot check from the data.
        check: the check function.
    """

    id: str
    severity: Severity
    title: str
    title_en: str
    references: tuple[LegalReference, ...]
    in_force_from: pendulum.Date
    in_force_until: pendulum.Date | None = None
    confidence: Confidence
    confidence_note: str | None = None
    section: str
    notes: str | None = None
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


@attrs.frozen(kw_only=True)
class Violation:
    """A rule a bilan breaks, or a fact to know (``info``).

    Attributes:
        rule_id: the rule's id.
        severity: error, warning or info.
        message: the French message, with the actual numbers and the citation.
        message_en: the same in English.
        path: the JSON path of the offending part.
        references: the rule's legal references.
    """

    rule_id: str
    severity: Severity
    message: str
    message_en: str
    path: str
    references: tuple[LegalReference, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's and other apps' stable form)."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "path": self.path,
            "references": [_reference_dict(ref) for ref in self.references],
        }


def _reference_dict(ref: LegalReference) -> dict[str, Any]:
    return {
        "text": ref.text,
        "article": ref.article,
        "link": ref.link,
        "version_date": ref.version_date.isoformat() if ref.version_date else None,
    }


@attrs.frozen(kw_only=True)
class Report:
    """The verdict of :func:`bilan_core.validate` on one bilan.

    Attributes:
        bilan_id: the bilan's id.
        on: the evaluation date.
        reference_date: the date that picked the rules and values (``None``: ``on`` was used).
        violations: every violation, errors first, then by path.
        checked: the ids of the rules that ran.
    """

    bilan_id: str
    on: pendulum.Date
    reference_date: pendulum.Date | None
    violations: tuple[Violation, ...]
    checked: tuple[str, ...] = attrs.field(repr=False)

    @property
    def ok(self) -> bool:
        """No error-severity violation (warnings and infos allowed)."""
        return not any(v.severity is Severity.ERROR for v in self.violations)

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The error-severity violations."""
        return self.by_severity(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The warnings."""
        return self.by_severity(Severity.WARNING)

    @property
    def infos(self) -> tuple[Violation, ...]:
        """The infos (pending deadlines and other facts to know)."""
        return self.by_severity(Severity.INFO)

    def by_severity(self, severity: Severity) -> tuple[Violation, ...]:
        """The violations of one severity."""
        return tuple(v for v in self.violations if v.severity is severity)

    @property
    def rule_ids(self) -> frozenset[str]:
        """The ids of every rule reported, any severity."""
        return frozenset(v.rule_id for v in self.violations)

    def raise_for_violations(self) -> None:
        """Raise :class:`~bilan_core.RuleViolationError` if the report has errors.

        Raises:
            RuleViolationError: carrying this report.
        """
        if not self.ok:
            raise RuleViolationError(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, the stable machine form of the report."""
        return {
            "bilan_id": self.bilan_id,
            "on": self.on.isoformat(),
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "ok": self.ok,
            "counts": {s.value: len(self.by_severity(s)) for s in Severity},
            "violations": [v.to_dict() for v in self.violations],
        }
