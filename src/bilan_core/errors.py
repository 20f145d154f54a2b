"""The exceptions bilan-core raises.

Every exception derives from :class:`BilanError`; where a builtin already says what went
wrong, the exception inherits it too, so code that catches ``ValueError`` or ``KeyError``
keeps working::

    BilanError
    ├── InvalidValue(ValueError)            a value breaks its own object's invariant
    ├── SerializationError(ValueError)      malformed wire data; .errors lists (path, message)
    ├── PhaseTransitionError                 a refused phase event; .event, .phase, .rule_ids
    ├── ConsentError                         an act the beneficiary has not agreed to
    │   └── DisclosureNotAuthorised          a disclosure the rules forbid; .rule_ids
    ├── RuleViolationError                   raised on demand by Report.raise_for_violations()
    ├── InvalidPolicy(ValueError)            a provider charter that cannot be loaded; .errors
    └── UnknownRule(KeyError)                no rule with that id in the catalogue

Messages never contain free text of the bilan (synthesis, notes): only ids, paths, rule ids
and numbers. That is part of the library's confidentiality guarantee.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from bilan_core.rules import Report

__all__ = [
    "BilanError",
    "ConsentError",
    "DisclosureNotAuthorised",
    "InvalidPolicy",
    "InvalidValue",
    "PhaseTransitionError",
    "RuleViolationError",
    "SerializationError",
    "UnknownRule",
]


class BilanError(Exception):
    """Base class of every exception raised by bilan-core."""


class InvalidValue(BilanError, ValueError):
    """A value breaks an invariant of its own object (a format, a range, a type).

    Attributes:
        field: the attribute (wire key) at fault, when known; serialization appends it to
            the JSON path it reports.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


def _join_errors(errors: Sequence[tuple[str, str]], limit: int = 10) -> str:
    lines = [f"{path}: {message}" for path, message in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return "\n".join(lines)


class SerializationError(BilanError, ValueError):
    """Wire data that cannot become a bilan.

    Attributes:
        errors: every problem found, as ``(json_path, message)`` pairs, paths written with the
            wire's own key names (``$.sessions[2].start``).
    """

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: tuple[tuple[str, str], ...] = tuple(errors)
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the bilan data"
        super().__init__(f"{head}:\n{_join_errors(self.errors)}")


class InvalidPolicy(BilanError, ValueError):
    """A provider charter (policy file) that cannot be loaded.

    Attributes:
        errors: ``(path, message)`` pairs, as for :class:`SerializationError`.
    """

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        self.errors: tuple[tuple[str, str], ...] = tuple(errors)
        super().__init__(f"invalid policy:\n{_join_errors(self.errors)}")


class PhaseTransitionError(BilanError):
    """A phase event the machine or the law refuses. The bilan is left unchanged.

    Attributes:
        event: the refused event's name (``"agree"``).
        phase: the phase the bilan was in, as its wire value (``"inquiry"``).
        rule_ids: the ids of the rules that block the event (empty when the event is simply
            not available in this phase).
        messages: one message per blocking reason, citing the law.
    """

    def __init__(
        self,
        event: str,
        phase: str,
        rule_ids: Iterable[str] = (),
        messages: Iterable[str] = (),
    ) -> None:
        self.event = event
        self.phase = phase
        self.rule_ids: tuple[str, ...] = tuple(rule_ids)
        self.messages: tuple[str, ...] = tuple(messages)
        detail = "; ".join(self.messages) if self.messages else "not allowed in this phase"
        super().__init__(f"event {event!r} refused in phase {phase!r}: {detail}")


class ConsentError(BilanError):
    """An act that needs the beneficiary's consent or agreement, which is missing."""


class DisclosureNotAuthorised(ConsentError):
    """A disclosure of results the rules forbid. Nothing was recorded.

    Attributes:
        rule_ids: the rules that forbid it (``BC-DISCLOSURE-CONSENT``...).
        reason: why, in English, citing the law.
    """

    def __init__(self, reason: str, rule_ids: Iterable[str] = ()) -> None:
        self.reason = reason
        self.rule_ids: tuple[str, ...] = tuple(rule_ids)
        super().__init__(reason)


class RuleViolationError(BilanError):
    """Raised by :meth:`bilan_core.Report.raise_for_violations` when the report has errors.

    Attributes:
        report: the full report.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = [v for v in report.violations if v.severity.value == "error"]
        ids = ", ".join(sorted({v.rule_id for v in errors}))
        super().__init__(f"{len(errors)} error(s): {ids}")


class UnknownRule(BilanError, KeyError):
    """No rule with that id in the catalogue."""

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(rule_id)

    def __str__(self) -> str:
        return f"no rule with id {self.rule_id!r} in the catalogue"
