"""The verdict of a check: :class:`Report`, its :class:`Violation` entries, their :class:`Severity`.

A report is what :func:`bilan_core.validate` and the offer's check return; it never raises on
a bad bilan (:meth:`Report.raise_for_violations` does, on demand). Every message is a
:class:`~bilan_core.Text` in French and English; :meth:`Report.to_dict` is the stable JSON
form of the command line's reports.
"""

from __future__ import annotations

import enum
from typing import Any, Literal, TypedDict

import attrs
import pendulum

from bilan_core.errors import RuleViolationError
from bilan_core.references import LegalReference, ReferenceDict
from bilan_core.text import Lang, Text

__all__ = ["CountsDict", "Report", "ReportDict", "Severity", "Violation", "ViolationDict"]

SeverityName = Literal["error", "warning", "info"]
"""A severity as the JSON outputs write it."""


class ViolationDict(TypedDict):
    """:meth:`Violation.to_dict`: a violation in the JSON outputs."""

    rule_id: str
    severity: SeverityName
    section: str
    message: dict[Lang, str]
    path: str
    references: list[ReferenceDict]


class CountsDict(TypedDict):
    """How many violations of each severity."""

    error: int
    warning: int
    info: int


class ReportDict(TypedDict):
    """:meth:`Report.to_dict`: a report in the JSON outputs (``bilan-core-report/2``)."""

    bilan_id: str
    on: str
    reference_date: str | None
    ok: bool
    counts: CountsDict
    violations: list[ViolationDict]
    notices: list[dict[Lang, str]]


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
_NAMES: dict[Severity, SeverityName] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
}


@attrs.frozen(kw_only=True)
class Violation:
    """A rule a bilan breaks, or a fact to know (``info``).

    Attributes:
        rule_id: the rule's id.
        severity: error, warning or info.
        message: the message in French and English, with the actual numbers and the
            citation.
        path: the JSON path of the offending part.
        references: the rule's legal references.
        section: the rule's section of the catalogue (``"cpf"``…).
    """

    rule_id: str
    severity: Severity
    message: Text
    path: str
    references: tuple[LegalReference, ...]
    section: str

    def to_dict(self) -> ViolationDict:
        """A JSON-ready dict (the CLI's and other apps' stable form)."""
        return {
            "rule_id": self.rule_id,
            "severity": _NAMES[self.severity],
            "section": self.section,
            "message": self.message.to_dict(),
            "path": self.path,
            "references": [reference.to_dict() for reference in self.references],
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
        notices: what the verdict depends on beyond the rules, in French and English: the
            evaluation date precedes facts recorded in the plan, the reference date precedes
            the first rules in force…
    """

    bilan_id: str
    on: pendulum.Date
    reference_date: pendulum.Date | None
    violations: tuple[Violation, ...]
    checked: tuple[str, ...] = attrs.field(repr=False)
    notices: tuple[Text, ...] = ()

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

    def to_dict(self) -> ReportDict:
        """A JSON-ready dict, the stable machine form of the report."""
        return {
            "bilan_id": self.bilan_id,
            "on": self.on.isoformat(),
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "ok": self.ok,
            "counts": {
                "error": len(self.errors),
                "warning": len(self.warnings),
                "info": len(self.infos),
            },
            "violations": [v.to_dict() for v in self.violations],
            "notices": [notice.to_dict() for notice in self.notices],
        }


_TEXT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A message in French and English.",
    "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
    "required": ["fr", "en"],
    "additionalProperties": False,
}
_DATE_SCHEMA: dict[str, Any] = {"type": "string", "format": "date"}


def output_defs() -> dict[str, Any]:
    """The ``$defs`` every output schema shares: a bilingual text, a legal reference."""
    return {
        "Text": dict(_TEXT_SCHEMA),
        "Reference": {
            "type": "object",
            "description": "A legal reference (LegalReference.to_dict()).",
            "properties": {
                "text": {"type": "string"},
                "article": {"type": ["string", "null"]},
                "citation": {"type": "string"},
                "link": {"type": ["string", "null"]},
                "version_date": {"anyOf": [_DATE_SCHEMA, {"type": "null"}]},
            },
            "required": ["text", "article", "citation", "link", "version_date"],
            "additionalProperties": False,
        },
    }


def _object(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``bilan-core validate``'s JSON output.

    It accepts a document, or one line of JSON Lines.

    Each call builds a new dict.
    """
    severities = [severity.value for severity in Severity]
    violation = _object(
        {
            "rule_id": {"type": "string"},
            "severity": {"enum": severities},
            "section": {"type": "string"},
            "message": {"$ref": "#/$defs/Text"},
            "path": {"type": "string", "pattern": "^\\$"},
            "references": {"type": "array", "items": {"$ref": "#/$defs/Reference"}},
        },
        "A rule broken, or a fact to know (Violation.to_dict()).",
    )
    counts = _object(
        {severity: {"type": "integer", "minimum": 0} for severity in severities},
        "How many violations of each severity.",
    )
    report = _object(
        {
            "source": {"type": "string"},
            "bilan_id": {"type": "string"},
            "on": _DATE_SCHEMA,
            "reference_date": {"anyOf": [_DATE_SCHEMA, {"type": "null"}]},
            "ok": {"type": "boolean"},
            "counts": {"$ref": "#/$defs/Counts"},
            "violations": {"type": "array", "items": {"$ref": "#/$defs/Violation"}},
            "notices": {"type": "array", "items": {"$ref": "#/$defs/Text"}},
        },
        "The report of one plan: its source, then Report.to_dict().",
    )
    unusable = _object(
        {
            "source": {"type": "string"},
            "unusable": {"const": True},
            "errors": {
                "type": "array",
                "items": _object(
                    {"path": {"type": "string"}, "message": {"$ref": "#/$defs/Text"}},
                    "A problem of the plan, at its JSON path.",
                ),
            },
            "total_errors": {"type": "integer", "minimum": 1},
        },
        "A plan that cannot be read: its problems (at most 100), and how many in all.",
    )
    line_format = {"format": {"const": "bilan-core-report/2"}}
    summary = _object(
        {
            "plans": {"type": "integer", "minimum": 0},
            "failed": {"type": "integer", "minimum": 0},
            "unusable": {"type": "integer", "minimum": 0},
            "counts": {"$ref": "#/$defs/Counts"},
        },
        "The totals of the run.",
    )
    document = _object(
        {
            **line_format,
            "on": _DATE_SCHEMA,
            "policy": {"type": ["string", "null"]},
            "reports": {"type": "array", "items": {"$ref": "#/$defs/Entry"}},
            "summary": {"$ref": "#/$defs/Summary"},
        },
        "The JSON output of validate: every plan's entry, in input order, and the totals.",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:bilan-core:schema:bilan-core-report-2",
        "title": "bilan-core-report/2",
        "description": (
            "The output of 'bilan-core validate --format json' (a document) or "
            "'--format jsonl' (one entry per line, with its format)."
        ),
        "anyOf": [
            {"$ref": "#/$defs/Document"},
            {
                "allOf": [{"$ref": "#/$defs/Entry"}],
                "properties": line_format,
                "required": ["format"],
            },
        ],
        "$defs": {
            **output_defs(),
            "Counts": counts,
            "Violation": violation,
            "Report": report,
            "Unusable": unusable,
            "Entry": {
                "description": "A plan's report, or the problems of a plan that cannot be read.",
                "anyOf": [
                    _with_format(report, line_format),
                    _with_format(unusable, line_format),
                ],
            },
            "Summary": summary,
            "Document": document,
        },
    }


def _with_format(schema: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``schema`` that also allows the format key of a JSON Lines line."""
    return {**schema, "properties": {**schema["properties"], **extra}}
