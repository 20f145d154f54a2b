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

Every one carries its message in French and English (:attr:`BilanError.text`, a
:class:`~bilan_core.text.Text`; :meth:`BilanError.render` picks a language; ``str(exc)`` is
the English, as Python's own messages are). Messages never contain free text of the bilan
(synthesis, notes): only ids, paths, rule ids and numbers. That is part of the library's
confidentiality guarantee.

Python's own ``TypeError`` is raised, in English, when a function is called with an argument
of the wrong Python type (a programming error, not bad data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from bilan_core.report import Report
    from bilan_core.text import Lang

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
    """Base class of every exception raised by bilan-core.

    Attributes:
        text: the message in French and English; ``str(exc)`` is ``text.en``.
    """

    text: Text

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.en)

    def render(self, lang: Lang = "en") -> str:
        """The message in ``lang`` (``"fr"`` or ``"en"``)."""
        return self.text.get(lang)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its state, not by calling __init__ again with str(self): an error raised
        # in a worker process reaches the parent whole (paths, both languages, rule ids).
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(
    cls: type[BilanError], args: tuple[object, ...], state: dict[str, object]
) -> BilanError:
    """A pickled error, rebuilt from its state."""
    error = cls.__new__(cls)
    BaseException.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InvalidValue(BilanError, ValueError):
    """A value breaks an invariant of its own object (a format, a range, a type).

    Attributes:
        text: the message in French and English (``str(exc)`` is the English).
        field: the attribute (wire key) at fault, when known, or a path below the object
            (``"sessions[2].site_id"``); serialization appends it to the JSON path it reports.
    """

    def __init__(self, message: Text, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(_checked(message))


def _checked(message: object) -> Text:
    """``message`` itself: every message of bilan-core is a :class:`Text`."""
    if not isinstance(message, Text):
        raise TypeError(f"a bilan-core message is a Text (French and English), not {message!r}")
    return message


def render_errors(
    errors: Sequence[tuple[str, Text]],
    lang: Lang = "en",
    *,
    total: int | None = None,
    limit: int = 10,
) -> str:
    """Lines ``path: message`` in ``lang``, at most ``limit``, then how many more."""
    lines = [f"{path}: {message.get(lang)}" for path, message in errors[:limit]]
    more = (len(errors) if total is None else total) - min(limit, len(errors))
    if more > 0:
        lines.append(f"… et {more} de plus" if lang == "fr" else f"... and {more} more")
    return "\n".join(lines)


class SerializationError(BilanError, ValueError):
    """Wire data that cannot become a bilan (or an offer, or another document of the library).

    At most :attr:`LIMIT` problems are kept, however bad the document; :attr:`total` counts
    them all. Messages say what was expected and never repeat a value of the document; a key
    the format does not know is shown escaped and shortened.

    Attributes:
        errors: the problems found, as ``(json_path, message)`` pairs: paths in the wire's own
            key names (``$.sessions[2].start``), messages as :class:`~bilan_core.Text`.
        total: how many problems were found (more than ``len(errors)`` when capped).
        what: what the data was read as (``"bilan"``, ``"offer"``…).
    """

    LIMIT = 100
    """The most problems kept in :attr:`errors`."""

    def __init__(
        self,
        errors: Iterable[tuple[str, Text]],
        *,
        total: int | None = None,
        what: str = "bilan",
    ) -> None:
        self.errors: tuple[tuple[str, Text], ...] = tuple(
            (path, _checked(message)) for path, message in errors
        )
        self.total = len(self.errors) if total is None else max(total, len(self.errors))
        self.what = what
        count = self.total
        plural = "s" if count != 1 else ""
        head = Text(
            fr=f"{count} problème{plural} dans les données",
            en=f"{count} problem{plural} in the {what} data",
        )
        super().__init__(
            Text(
                fr=f"{head.fr} :\n{render_errors(self.errors, 'fr', total=self.total)}",
                en=f"{head.en}:\n{render_errors(self.errors, 'en', total=self.total)}",
            )
        )


class InvalidPolicy(BilanError, ValueError):
    """A provider charter (policy file) that cannot be loaded.

    Attributes:
        errors: ``(path, message)`` pairs, as for :class:`SerializationError`.
    """

    def __init__(self, errors: Iterable[tuple[str, Text]]) -> None:
        self.errors: tuple[tuple[str, Text], ...] = tuple(
            (path, _checked(message)) for path, message in errors
        )
        super().__init__(
            Text(
                fr=f"charte invalide :\n{render_errors(self.errors, 'fr')}",
                en=f"invalid policy:\n{render_errors(self.errors, 'en')}",
            )
        )


class PhaseTransitionError(BilanError):
    """A phase event the machine or the law refuses. The bilan is left unchanged.

    Attributes:
        event: the refused event's name (``"agree"``).
        phase: the phase the bilan was in, as its wire value (``"inquiry"``).
        rule_ids: the ids of the rules that block the event (empty when the event is simply
            not available in this phase).
        messages: one message per blocking reason, citing the law, in French and English.
    """

    def __init__(
        self,
        event: str,
        phase: str,
        rule_ids: Iterable[str] = (),
        messages: Iterable[Text] = (),
    ) -> None:
        self.event = event
        self.phase = phase
        self.rule_ids: tuple[str, ...] = tuple(rule_ids)
        self.messages: tuple[Text, ...] = tuple(_checked(m) for m in messages)
        fr = " ; ".join(m.fr for m in self.messages) or "non disponible dans cette phase"
        en = "; ".join(m.en for m in self.messages) or "not allowed in this phase"
        super().__init__(
            Text(
                fr=f"événement {event!r} refusé dans la phase {phase!r} : {fr}",
                en=f"event {event!r} refused in phase {phase!r}: {en}",
            )
        )


class ConsentError(BilanError):
    """An act that needs the beneficiary's consent or agreement, which is missing."""


class DisclosureNotAuthorised(ConsentError):
    """A disclosure of results the rules forbid. Nothing was recorded.

    Attributes:
        rule_ids: the rules that forbid it (``BC-DISCLOSURE-CONSENT``...).
        reason: why, in French and English, citing the law (``str(exc)`` is the English).
    """

    def __init__(self, reason: Text, rule_ids: Iterable[str] = ()) -> None:
        self.reason = _checked(reason)
        self.rule_ids: tuple[str, ...] = tuple(rule_ids)
        super().__init__(self.reason)


class RuleViolationError(BilanError):
    """Raised by :meth:`bilan_core.Report.raise_for_violations` when the report has errors.

    Attributes:
        report: the full report.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = [v for v in report.violations if v.severity.value == "error"]
        ids = ", ".join(sorted({v.rule_id for v in errors}))
        count = len(errors)
        super().__init__(
            Text(
                fr=f"{count} erreur{'s' if count > 1 else ''} : {ids}",
                en=f"{count} error{'s' if count != 1 else ''}: {ids}",
            )
        )


class UnknownRule(BilanError, KeyError):
    """No rule with that id in the catalogue."""

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(
            Text(
                fr=f"aucune règle d'identifiant {rule_id!r} dans le catalogue",
                en=f"no rule with id {rule_id!r} in the catalogue",
            )
        )

    def __str__(self) -> str:  # KeyError would quote the message
        return self.text.en
