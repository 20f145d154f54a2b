"""A provider's charter (*charte*) as data: the parameters of the ``POL-`` rules.

The ``POL-`` rules run only when :func:`bilan_core.validate` is given a :class:`Policy`.
:data:`bilan_core.policies.STAFF` is the seed provider's charter; providers load their own
from a TOML or JSON file with :meth:`Policy.from_file`. A charter is not law: its rules
default to warnings, and each can be given another severity or turned off.

The class defaults are the STAFF charter's values, so a provider's file only states what
differs (``name`` is the only required key)::

    name = "Cabinet Exemple"
    duration_min_minutes = 960          # 16 h
    meetings_min = 4
    opening_hours = ["08:30-12:00", "13:30-18:00"]
    start_delay_max_days = { self_funded = 30 }

    [severities]
    POL-SPAN = "info"

>>> policy = Policy(name="Cabinet Exemple", meetings_min=4)
>>> policy.meetings_min, policy.duration_max_minutes
(4, 1440)
>>> str(policy.amplitude)
'09:00-17:00'
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from bilan_core.funding import FUNDING_TYPES
from bilan_core.report import Severity
from bilan_core.sessions import Modality

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - Python 3.10
    pass  # type: ignore[import-not-found, no-redef, unused-ignore]

__all__ = ["POLICY_FORMAT", "ROUTES", "FrozenMap", "Policy", "TimeRange", "load_policy"]

K = TypeVar("K")
V = TypeVar("V")

POLICY_FORMAT: Final = "bilan-core-policy/1"
"""The optional ``format`` key of a charter file."""

ROUTES: Final[tuple[str, ...]] = (
    "cpf",
    "cpf_working_time",
    *(cls.TAG for cls in FUNDING_TYPES if cls.TAG != "cpf"),
)
"""The keys of :attr:`Policy.start_delay_max_days`: the funding tags, with CPF split into
``cpf`` (entirely outside working time) and ``cpf_working_time``."""


class FrozenMap(Mapping[K, V]):
    """An immutable, hashable mapping (keys kept sorted), so a :class:`Policy` is hashable.

    >>> FrozenMap({"b": 2, "a": 1})
    FrozenMap({'a': 1, 'b': 2})
    >>> hash(FrozenMap({"a": 1})) == hash(FrozenMap({"a": 1}))
    True
    """

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        data = dict(items or {})
        self._data: dict[K, V] = {k: data[k] for k in sorted(data)}  # type: ignore[type-var]

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(self._data.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def _hhmm(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _naive_time(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise TypeError(f"{attribute.name} must be a naive datetime.time (local Paris time)")


@attrs.frozen
class TimeRange:
    """A range of local (Europe/Paris) wall-clock times in a day, ``start`` before ``end``.

    >>> morning = TimeRange.parse("09:00-12:30")
    >>> (
    ...     morning.contains(dt.time(9, 0), dt.time(12, 30)),
    ...     morning.contains(dt.time(12, 0), dt.time(13, 0)),
    ... )
    (True, False)

    Attributes:
        start: the first minute of the range.
        end: the end of the range (a session may end at this time).
    """

    start: dt.time = attrs.field(validator=_naive_time)
    end: dt.time = attrs.field(validator=_naive_time)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a time range ends after it starts")

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """A range written ``"HH:MM-HH:MM"`` (an en dash works too).

        Raises:
            ValueError: not two ``HH:MM`` times, or the end is not after the start.
        """
        parts = text.replace("–", "-").split("-")
        if len(parts) != 2:  # noqa: PLR2004 - start and end
            raise ValueError('expected "HH:MM-HH:MM"')
        return cls(_parse_time(parts[0]), _parse_time(parts[1]))

    def contains(self, start: dt.time, end: dt.time) -> bool:
        """Whether ``start``-``end`` (same day) lies within the range."""
        return self.start <= start and end <= self.end

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


def _parse_time(text: str) -> dt.time:
    text = text.strip()
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(f'expected a time "HH:MM", got {text!r}') from None
    if value.tzinfo is not None:
        raise ValueError("a local time has no offset")
    return value


# -- converters and validators ------------------------------------------------------------


def _severity_map(value: object) -> FrozenMap[str, Severity]:
    if not isinstance(value, Mapping):
        raise TypeError("severities must be a mapping of rule ids to severities")
    return FrozenMap({str(k): Severity(v) for k, v in value.items()})


def _delay_map(value: object) -> FrozenMap[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("start_delay_max_days must be a mapping of routes to days")
    # A charter states only the routes whose delay differs; the others keep STAFF's.
    return FrozenMap({**_staff_delays(), **value})


def _check_routes(_instance: object, _attribute: object, value: Mapping[str, int]) -> None:
    for route, days in value.items():
        if route not in ROUTES:
            raise ValueError(f"unknown funding route {route!r}; one of {', '.join(ROUTES)}")
        if type(days) is not int or days < 0:
            raise TypeError("start_delay_max_days values must be whole numbers, 0 or more")


def _check_policy_ids(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    for rule_id in value:  # type: ignore[attr-defined]
        if not isinstance(rule_id, str) or not rule_id.startswith("POL-"):
            raise ValueError(
                f"{attribute.name}: only POL- rules belong to a charter (law rules always run)"
            )


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 0:
        raise TypeError(f"{attribute.name} must be a whole number, 0 or more")


def _flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise TypeError(f"{attribute.name} must be true or false")


def _ranges(value: object) -> tuple[TimeRange, ...]:
    if isinstance(value, TimeRange) or not isinstance(value, (tuple, list)):
        raise TypeError("opening_hours must be a sequence of TimeRange")
    return tuple(value)


def _check_ranges(_instance: object, _attribute: object, value: tuple[TimeRange, ...]) -> None:
    if not value or not all(isinstance(r, TimeRange) for r in value):
        raise TypeError("opening_hours must hold at least one TimeRange")
    ordered = sorted(value, key=lambda r: r.start)
    if any(a.end > b.start for a, b in itertools.pairwise(ordered)):
        raise ValueError("opening_hours ranges overlap")


def _weekdays(value: object) -> frozenset[int]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise TypeError("working_weekdays must be a collection of weekday numbers")
    return frozenset(value)


def _check_weekdays(_instance: object, _attribute: object, value: frozenset[int]) -> None:
    if not value or any(type(d) is not int or not 0 <= d <= 6 for d in value):  # noqa: PLR2004
        raise ValueError("working_weekdays are numbers from 0 (Monday) to 6 (Sunday)")


def _modalities(value: object) -> frozenset[Modality]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise TypeError("modalities must be a collection of Modality")
    return frozenset(Modality(m) for m in value)


def _check_modalities(_instance: object, _attribute: object, value: frozenset[Modality]) -> None:
    if not value:
        raise ValueError("modalities: at least one modality")


def _staff_delays() -> FrozenMap[str, int]:
    return FrozenMap(
        {
            "cpf": 15,
            "self_funded": 15,
            "cpf_working_time": 60,
            "employer_plan": 60,
            "reclassification_leave": 60,
            "job_seeker": 60,
            "public_leave": 60,
        }
    )


@attrs.frozen(kw_only=True)
class Policy:
    """A provider charter: the parameters of the ``POL-`` rules.

    Every default is the STAFF charter's value (see :mod:`bilan_core.policies` for the source
    of each). Durations are integer minutes, delays calendar days unless the name says
    working hours; times of day are local Europe/Paris wall-clock times.

    Attributes:
        name: the charter's name, shown in reports.
        duration_min_minutes: least total duration of the bilan (POL-DURATION-RANGE).
        duration_max_minutes: most total duration of the bilan (POL-DURATION-RANGE).
        meetings_min: least number of meetings with the consultant (POL-MEETINGS-MIN).
        span_min_days: least number of days from the first to the last session (POL-SPAN).
        span_max_days: most number of days from the first to the last session (POL-SPAN).
        callback_target_working_hours: the call-back time the provider aims at (POL-CALLBACK).
        callback_max_working_hours: the most working hours from first contact to call back.
        working_weekdays: the provider's working days, Monday = 0 (POL-CALLBACK and
            POL-OPENING-HOURS).
        opening_hours: the ranges sessions are held in (POL-OPENING-HOURS; the stricter rule).
        amplitude: the provider's wider daily amplitude (resource room), kept as data.
        closed_on_public_holidays: no session on a French public holiday (POL-OPENING-HOURS).
        start_delay_max_days: most calendar days from the agreement to the first session, per
            funding route (a key of :data:`ROUTES`); routes not given keep STAFF's delay;
            legal notices come on top (POL-START-DELAY).
        individual_only: every session is individual (POL-INDIVIDUAL).
        modalities: the session modalities offered (POL-MODALITIES).
        blended: a bilan may mix modalities (*mixte*) (POL-MODALITIES).
        in_person_at_provider_site: an in-person session takes place at one of the provider's
            sites (POL-MODALITIES).
        engagement_document_required: the engagement document is signed before the
            investigation starts (POL-ENGAGEMENT-DOCUMENT).
        synthesis_sections_required: the synthesis has its four sections
            (POL-SYNTHESIS-SECTIONS).
        synthesis_at_last_meeting: the synthesis is presented and handed over at the last
            meeting (POL-SYNTHESIS-LAST-MEETING).
        follow_up_months: the follow-up interview comes this many months after the end
            (POL-FOLLOW-UP-6M).
        follow_up_tolerance_days: how many days before or after that date still count.
        severities: per-rule severity overrides (``{"POL-SPAN": Severity.INFO}``), ``POL-``
            rules only; read-only and hashable.
        disabled: ids of the ``POL-`` rules this provider does not run.
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    duration_min_minutes: int = attrs.field(default=18 * 60, validator=_count)
    duration_max_minutes: int = attrs.field(default=24 * 60, validator=_count)
    meetings_min: int = attrs.field(default=5, validator=_count)
    span_min_days: int = attrs.field(default=46, validator=_count)
    span_max_days: int = attrs.field(default=107, validator=_count)
    callback_target_working_hours: int = attrs.field(default=24, validator=_count)
    callback_max_working_hours: int = attrs.field(default=48, validator=_count)
    working_weekdays: frozenset[int] = attrs.field(
        default=frozenset(range(5)), converter=_weekdays, validator=_check_weekdays
    )
    opening_hours: tuple[TimeRange, ...] = attrs.field(
        default=(
            TimeRange(dt.time(9, 0), dt.time(12, 30)),
            TimeRange(dt.time(14, 0), dt.time(17, 30)),
        ),
        converter=_ranges,
        validator=_check_ranges,
    )
    amplitude: TimeRange = attrs.field(
        default=TimeRange(dt.time(9, 0), dt.time(17, 0)),
        validator=attrs.validators.instance_of(TimeRange),
    )
    closed_on_public_holidays: bool = attrs.field(default=True, validator=_flag)
    start_delay_max_days: Mapping[str, int] = attrs.field(
        factory=_staff_delays, converter=_delay_map, validator=_check_routes
    )
    individual_only: bool = attrs.field(default=True, validator=_flag)
    modalities: frozenset[Modality] = attrs.field(
        default=frozenset(Modality), converter=_modalities, validator=_check_modalities
    )
    blended: bool = attrs.field(default=True, validator=_flag)
    in_person_at_provider_site: bool = attrs.field(default=True, validator=_flag)
    engagement_document_required: bool = attrs.field(default=True, validator=_flag)
    synthesis_sections_required: bool = attrs.field(default=True, validator=_flag)
    synthesis_at_last_meeting: bool = attrs.field(default=True, validator=_flag)
    follow_up_months: int = attrs.field(default=6, validator=_count)
    follow_up_tolerance_days: int = attrs.field(default=31, validator=_count)
    severities: Mapping[str, Severity] = attrs.field(
        factory=FrozenMap, converter=_severity_map, validator=_check_policy_ids
    )
    disabled: frozenset[str] = attrs.field(
        default=frozenset(), converter=frozenset, validator=_check_policy_ids
    )

    def __attrs_post_init__(self) -> None:
        pairs = (
            ("duration_min_minutes", "duration_max_minutes"),
            ("span_min_days", "span_max_days"),
            ("callback_target_working_hours", "callback_max_working_hours"),
        )
        for low, high in pairs:
            if getattr(self, low) > getattr(self, high):
                raise ValueError(f"{low} is above {high}")

    def start_delay_max(self, route: str) -> int | None:
        """The most days from agreement to first session for a route (``None``: no limit)."""
        return self.start_delay_max_days.get(route)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Policy:
        """Build a charter from parsed TOML or JSON data, checked strictly.

        Args:
            data: the document (keys: the attribute names, ``format`` optionally).
            source: where it came from, prefixed to the error paths.

        Raises:
            InvalidPolicy: unknown keys, wrong types, unknown rule ids, bad times or ranges;
                every problem as a ``(path, message)`` pair.
        """
        from bilan_core._policy_file import parse_policy

        return parse_policy(data, source)

    @classmethod
    def from_file(cls, path: str | Path) -> Policy:
        """Load a charter from a ``.toml`` or ``.json`` file (see :func:`load_policy`)."""
        return load_policy(path)


def load_policy(path: str | Path) -> Policy:
    """Load a provider charter from a TOML or JSON file.

    The format follows the extension (``.toml``, ``.json``); otherwise a file whose first
    character is ``{`` is read as JSON, anything else as TOML.

    Raises:
        InvalidPolicy: the file is not valid TOML/JSON or not a valid charter.
        OSError: the file cannot be read.
    """
    from bilan_core._policy_file import read_policy_file

    return read_policy_file(Path(path))
