"""Every deadline of a bilan, in order, with its status on an evaluation date.

:func:`timeline` lists what the law (``BC-`` rules) and, when a policy is given, the
provider's charter (``POL-`` rules) require by a date:

============================  ======================================  ==========================
``what``                      due                                     rule
============================  ======================================  ==========================
``cpf_employer_request``      first session − 60 days (120 days for   BC-CPF-EMPLOYER-NOTICE
                              an action of 6 months or more)
``cpf_employer_answer``       receipt + 30 days; silence = yes        BC-CPF-EMPLOYER-ANSWER
``convention_signature``      draft sent + 10 days; silence = no      BC-CONVENTION-ACCEPTANCE
``public_leave_request``      first session − 60 days (FPT, FPH)      BC-PUBLIC-LEAVE-NOTICE
``public_leave_answer``       receipt + 30 days (FPT, FPH) or         BC-PUBLIC-LEAVE-ANSWER
                              + 2 months (State); silence = no
``callback``                  first contact + N working hours         POL-CALLBACK
``start_delay``               agreement + the route's maximum         POL-START-DELAY
``follow_up``                 end + N months (month-end clamped)      POL-FOLLOW-UP-6M
``document_destruction``      end of the action; kept documents:      BC-DOCUMENT-RETENTION
                              end + 3 years (1 year before
                              2023-12-31, judged at ``on``)
============================  ======================================  ==========================

Counting follows the catalogue: the day of the trigger does not count, and a delay of N days
from day D ends at the end of day D + N. **A deadline that falls on a weekend or a public
holiday is not extended** (no text says so); each deadline shows its weekday and the holiday
it falls on, so a provider can act the working day before. The charter's deadlines
(``POL-``) are shown only when a :class:`~bilan_core.Policy` is given, as with
:func:`~bilan_core.validate`; their call back counts working hours as whole days Monday to
Friday, the clock stopping on weekends and public holidays.

A deadline whose date cannot be known yet (say, the employer's notice before any session is
planned) is left out.

>>> tl = timeline(bc.example_bilan("cpf_working_time"), on=pendulum.date(2026, 1, 10))
>>> [(d.what, d.due.isoformat(), d.status.value) for d in tl]  # doctest: +NORMALIZE_WHITESPACE
[('cpf_employer_request', '2026-01-15', 'done'),
 ('cpf_employer_answer', '2026-02-05', 'pending'),
 ('document_destruction', '2026-05-19', 'pending'),
 ('document_destruction', '2026-05-19', 'pending'),
 ('document_destruction', '2029-05-19', 'pending'),
 ('document_destruction', '2029-05-19', 'pending')]
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypedDict, overload

import attrs
import pendulum

from bilan_core._arguments import as_day, check_bilan, check_policy
from bilan_core._paris import paris_date
from bilan_core.facts import in_alsace_moselle, parameters
from bilan_core.references import LegalReference, ReferenceDict
from bilan_core.text import Lang, Text

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = [
    "Deadline",
    "DeadlineDict",
    "DeadlineStatus",
    "Due",
    "Timeline",
    "TimelineDict",
    "due_day",
    "timeline",
    "timeline_schema",
]

_WEEKDAYS = tuple(
    Text(fr=fr, en=en)
    for fr, en in (
        ("lundi", "Monday"),
        ("mardi", "Tuesday"),
        ("mercredi", "Wednesday"),
        ("jeudi", "Thursday"),
        ("vendredi", "Friday"),
        ("samedi", "Saturday"),
        ("dimanche", "Sunday"),
    )
)


class DeadlineStatus(enum.Enum):
    """Where a deadline stands on the evaluation date."""

    DONE = "done"
    """The act is recorded (on time or not: :func:`~bilan_core.validate` judges that)."""
    PENDING = "pending"
    """Not done, and the deadline is still ahead."""
    DUE_TODAY = "due_today"
    """Not done, and the deadline ends today."""
    LATE = "late"
    """Not done, and the deadline has passed (see :attr:`Deadline.outcome` for silence)."""
    NOT_APPLICABLE = "not_applicable"
    """The deadline no longer applies (the follow-up was declined...)."""


Due: TypeAlias = dt.date | dt.datetime
"""A deadline's end: a day (ending at midnight, Paris time) or an instant."""


def due_day(due: Due) -> pendulum.Date:
    """The Europe/Paris day a deadline ends (the day itself, or an instant's local day).

    >>> due_day(pendulum.datetime(2026, 3, 28, 23, 30, tz="UTC"))
    Date(2026, 3, 29)
    """
    if isinstance(due, dt.datetime):
        return paris_date(due)
    return pendulum.Date(due.year, due.month, due.day)


StatusName = Literal["done", "pending", "due_today", "late", "not_applicable"]
"""A deadline status as the JSON outputs write it."""


_STATUS_NAMES: dict[DeadlineStatus, StatusName] = {
    DeadlineStatus.DONE: "done",
    DeadlineStatus.PENDING: "pending",
    DeadlineStatus.DUE_TODAY: "due_today",
    DeadlineStatus.LATE: "late",
    DeadlineStatus.NOT_APPLICABLE: "not_applicable",
}


class DeadlineDict(TypedDict):
    """:meth:`Deadline.to_dict`: a deadline in the JSON outputs (``bilan-core-timeline/2``)."""

    what: str
    label: dict[Lang, str]
    due: str
    due_day: str
    weekday: dict[Lang, str]
    holiday: dict[Lang, str] | None
    status: StatusName
    done_on: str | None
    outcome: str | None
    rule_id: str
    path: str
    references: list[ReferenceDict]


class TimelineDict(TypedDict):
    """:meth:`Timeline.to_dict`: a timeline in the JSON outputs."""

    bilan_id: str
    on: str
    deadlines: list[DeadlineDict]


@attrs.frozen(kw_only=True)
class Deadline:
    """One deadline of a bilan.

    Attributes:
        what: a stable snake_case key (``"cpf_employer_answer"``).
        label: what it is, in French and English.
        due: the last day (a date: the deadline ends at the end of that day in
            Europe/Paris) or the last instant (an aware datetime, in UTC).
        status: done, pending, due today, late or not applicable on the evaluation date.
        rule_id: the rule that sets it.
        references: its legal references (the charter for ``POL-`` deadlines).
        path: the JSON path of the field that records the act.
        done_on: when the act was recorded, if it was (a day or an instant).
        outcome: the legal effect of silence once the deadline has passed
            (``"accepted_by_silence"``, ``"refused_by_silence"``), else ``None``.
        holiday: the name of the public holiday the due day falls on, if any.
    """

    what: str
    label: Text
    due: Due
    status: DeadlineStatus
    rule_id: str
    references: tuple[LegalReference, ...]
    path: str
    done_on: Due | None = None
    outcome: str | None = None
    holiday: Text | None = None

    @property
    def due_day(self) -> pendulum.Date:
        """The Europe/Paris day the deadline ends."""
        return due_day(self.due)

    @property
    def weekday(self) -> Text:
        """The weekday of :attr:`due_day`: deadlines are not extended to the next working day.

        >>> d = Deadline(
        ...     what="x",
        ...     label=Text.same("x"),
        ...     due=pendulum.date(2026, 7, 14),
        ...     status=DeadlineStatus.PENDING,
        ...     rule_id="BC-X",
        ...     references=(),
        ...     path="$",
        ... )
        >>> d.weekday, d.is_working_day
        (Text(fr='mardi', en='Tuesday'), True)
        """
        return _WEEKDAYS[self.due_day.weekday()]

    @property
    def is_working_day(self) -> bool:
        """Whether the due day is Monday to Friday and not :attr:`holiday`."""
        return self.due_day.weekday() < 5 and self.holiday is None  # noqa: PLR2004 - Saturday

    @property
    def sort_key(self) -> tuple[pendulum.Date, int, dt.datetime | None, str, str]:
        """Due order: by day; an instant before a whole day; then by key and path."""
        if isinstance(self.due, dt.datetime):
            return (self.due_day, 0, self.due, self.what, self.path)
        return (self.due_day, 1, None, self.what, self.path)

    def to_dict(self) -> DeadlineDict:
        """A JSON-ready dict (the CLI's stable form)."""
        return {
            "what": self.what,
            "label": self.label.to_dict(),
            "due": self.due.isoformat(),
            "due_day": self.due_day.isoformat(),
            "weekday": self.weekday.to_dict(),
            "holiday": self.holiday.to_dict() if self.holiday is not None else None,
            "status": _STATUS_NAMES[self.status],
            "done_on": self.done_on.isoformat() if self.done_on is not None else None,
            "outcome": self.outcome,
            "rule_id": self.rule_id,
            "path": self.path,
            "references": [reference.to_dict() for reference in self.references],
        }


@attrs.frozen(kw_only=True)
class Timeline(Sequence[Deadline]):
    """The deadlines of one bilan in due order: a read-only sequence of :class:`Deadline`.

    Attributes:
        bilan_id: the bilan's id.
        on: the evaluation date the statuses are judged on.
        deadlines: the deadlines, in due order.
    """

    bilan_id: str
    on: pendulum.Date
    deadlines: tuple[Deadline, ...]

    @overload
    def __getitem__(self, index: int) -> Deadline: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Deadline, ...]: ...

    def __getitem__(self, index: int | slice) -> Deadline | tuple[Deadline, ...]:
        return self.deadlines[index]

    def __len__(self) -> int:
        return len(self.deadlines)

    def __iter__(self) -> Iterator[Deadline]:
        return iter(self.deadlines)

    def of(self, what: str) -> tuple[Deadline, ...]:
        """The deadlines with this key."""
        return tuple(d for d in self.deadlines if d.what == what)

    def with_status(self, status: DeadlineStatus) -> tuple[Deadline, ...]:
        """The deadlines with this status."""
        return tuple(d for d in self.deadlines if d.status is status)

    def to_dict(self) -> TimelineDict:
        """A JSON-ready dict (the CLI's stable form)."""
        return {
            "bilan_id": self.bilan_id,
            "on": self.on.isoformat(),
            "deadlines": [d.to_dict() for d in self.deadlines],
        }


def timeline(bilan: Bilan, *, on: dt.date | None = None, policy: Policy | None = None) -> Timeline:
    """Every deadline of ``bilan`` in due order, with its status on ``on``.

    Args:
        bilan: the bilan.
        on: the evaluation date (default: today in Europe/Paris).
        policy: a provider charter; its deadlines (call back, start delay, follow-up) are
            shown only when one is given.

    >>> from bilan_core.policies import STAFF as staff
    >>> tl = timeline(bc.example_bilan("cpf"), on=pendulum.date(2026, 6, 1), policy=staff)
    >>> [(d.what, d.status.value) for d in tl][:3]
    [('callback', 'done'), ('start_delay', 'done'), ('document_destruction', 'done')]
    >>> tl.of("follow_up")[0].due, tl.of("follow_up")[0].status.value
    (Date(2026, 11, 19), 'pending')
    """
    from bilan_core.deadlines import _sources as sources

    check_bilan(bilan)
    policy = check_policy(policy)
    day = as_day(on)
    build = sources.Builder(
        bilan=bilan,
        on=day,
        alsace_moselle=in_alsace_moselle(bilan),
        values=parameters.on(bilan.reference_date or day),
    )
    found: list[Deadline] = []
    found.extend(sources.cpf(bilan, build))
    found.extend(sources.convention(bilan, build))
    found.extend(sources.public_leave(bilan, build))
    if policy is not None:
        found.extend(sources.policy_deadlines(bilan, build, policy))
    found.extend(sources.documents(bilan, build))
    found.sort(key=lambda d: d.sort_key)
    return Timeline(bilan_id=bilan.id, on=day, deadlines=tuple(found))


def timeline_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``bilan-core timeline``'s JSON output.

    It accepts a document, or one line of JSON Lines (a timeline with its format).

    Each call builds a new dict.
    """
    from bilan_core.report import output_defs

    when = {"type": "string", "description": "A date (YYYY-MM-DD) or an instant (ISO 8601)."}
    deadline = {
        "type": "object",
        "description": "One deadline (Deadline.to_dict()).",
        "properties": {
            "what": {"type": "string"},
            "label": {"$ref": "#/$defs/Text"},
            "due": when,
            "due_day": {"type": "string", "format": "date"},
            "weekday": {"$ref": "#/$defs/Text"},
            "holiday": {"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}]},
            "status": {"enum": [status.value for status in DeadlineStatus]},
            "done_on": {"anyOf": [when, {"type": "null"}]},
            "outcome": {"enum": ["accepted_by_silence", "refused_by_silence", None]},
            "rule_id": {"type": "string"},
            "path": {"type": "string", "pattern": "^\\$"},
            "references": {"type": "array", "items": {"$ref": "#/$defs/Reference"}},
        },
        "additionalProperties": False,
    }
    deadline["required"] = list(deadline["properties"])  # type: ignore[call-overload]
    timeline = {
        "type": "object",
        "description": "The deadlines of one bilan (Timeline.to_dict()).",
        "properties": {
            "format": {"const": "bilan-core-timeline/2"},
            "bilan_id": {"type": "string"},
            "on": {"type": "string", "format": "date"},
            "deadlines": {"type": "array", "items": {"$ref": "#/$defs/Deadline"}},
        },
        "required": ["bilan_id", "on", "deadlines"],
        "additionalProperties": False,
    }
    document = {
        "type": "object",
        "description": "The JSON output of timeline: one timeline per plan, in input order.",
        "properties": {
            "format": {"const": "bilan-core-timeline/2"},
            "timelines": {"type": "array", "items": {"$ref": "#/$defs/Timeline"}},
        },
        "required": ["format", "timelines"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:bilan-core:schema:bilan-core-timeline-2",
        "title": "bilan-core-timeline/2",
        "description": (
            "The output of 'bilan-core timeline --format json' (a document) or "
            "'--format jsonl' (one timeline per line, with its format)."
        ),
        "anyOf": [
            {"$ref": "#/$defs/Document"},
            {"allOf": [{"$ref": "#/$defs/Timeline"}], "required": ["format"]},
        ],
        "$defs": {
            **output_defs(),
            "Deadline": deadline,
            "Timeline": timeline,
            "Document": document,
        },
    }
