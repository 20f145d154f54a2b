"""The pieces of a charter, shared by the class and the file reader.

Time ranges, the frozen mapping, the funding routes and rule ids a charter names, and the
messages both say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from types import MappingProxyType
from typing import Any, Final, NoReturn, TypeVar

import attrs

from bilan_core.errors import InvalidValue
from bilan_core.funding import FUNDING_TYPES
from bilan_core.text import Text

__all__ = [
    "CHARTER_PARAMETERS",
    "CHARTER_RULES",
    "FUNDING_ROUTE_WORD",
    "LAW_RULE",
    "MODALITY_WORD",
    "POLICY_FORMAT",
    "PRESET_WORD",
    "ROUTES",
    "SEVERITY_WORD",
    "FrozenMap",
    "TimeRange",
    "parse_time",
    "unknown_choice",
]

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

CHARTER_RULES: Final[frozenset[str]] = frozenset(
    {
        "POL-DURATION-RANGE",
        "POL-MEETINGS-MIN",
        "POL-SPAN",
        "POL-START-DELAY",
        "POL-INDIVIDUAL",
        "POL-MODALITIES",
        "POL-ENGAGEMENT-DOCUMENT",
        "POL-SYNTHESIS-SECTIONS",
        "POL-SYNTHESIS-LAST-MEETING",
        "POL-FOLLOW-UP-6M",
        "POL-CALLBACK",
        "POL-OPENING-HOURS",
    }
)
"""The ids of the rules a charter parameterises (the ``POL-`` rules of the catalogue): the
keys a charter's ``severities`` and ``disabled`` may name. The catalogue refuses to register
a ``POL-`` rule that is not listed here."""

CHARTER_PARAMETERS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "POL-DURATION-RANGE": ("duration_min_minutes", "duration_max_minutes"),
        "POL-MEETINGS-MIN": ("meetings_min",),
        "POL-SPAN": ("span_min_days", "span_max_days"),
        "POL-START-DELAY": ("start_delay_max_days",),
        "POL-INDIVIDUAL": ("individual_only",),
        "POL-MODALITIES": ("modalities", "blended", "in_person_at_provider_site"),
        "POL-ENGAGEMENT-DOCUMENT": ("engagement_document_required",),
        "POL-SYNTHESIS-SECTIONS": ("synthesis_sections_required",),
        "POL-SYNTHESIS-LAST-MEETING": ("synthesis_at_last_meeting",),
        "POL-FOLLOW-UP-6M": ("follow_up_months", "follow_up_tolerance_days"),
        "POL-CALLBACK": (
            "callback_target_working_hours",
            "callback_max_working_hours",
            "working_weekdays",
        ),
        "POL-OPENING-HOURS": (
            "opening_hours",
            "amplitude",
            "working_weekdays",
            "closed_on_public_holidays",
        ),
    }
)
"""The :class:`~bilan_core.Policy` attributes each ``POL-`` rule reads. A rule applies only
what its charter states: when none of its attributes is stated (``None``; for
``start_delay_max_days``, no route), it reports nothing."""


class FrozenMap(Mapping[K, V]):
    """An immutable, hashable mapping (keys kept sorted), so a :class:`Policy` is hashable.

    The entries live in a private dict that is only ever shown through a read-only view
    (:class:`types.MappingProxyType`), and the map's own attributes cannot be set: nothing
    reachable from a ``FrozenMap`` changes it.

    >>> FrozenMap({"b": 2, "a": 1})
    FrozenMap({'a': 1, 'b': 2})
    >>> hash(FrozenMap({"a": 1})) == hash(FrozenMap({"a": 1}))
    True
    """

    __slots__ = ("_view",)
    _view: MappingProxyType[K, V]

    def __new__(cls, items: Mapping[K, V] | None = None) -> FrozenMap[K, V]:
        """A map of a copy of ``items``, sorted by key.

        Built here rather than in ``__init__``, so calling ``__init__`` again changes nothing.
        """
        data = dict(items or {})
        self = super().__new__(cls)
        ordered = {k: data[k] for k in sorted(data)}  # type: ignore[type-var]
        object.__setattr__(self, "_view", MappingProxyType(ordered))
        return self

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a FrozenMap cannot be changed (setting {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a FrozenMap cannot be changed (deleting {name!r})")

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        return type(self), (dict(self._view),)

    def __getitem__(self, key: K) -> V:
        return self._view[key]

    def __contains__(self, key: object) -> bool:
        return key in self._view

    def __iter__(self) -> Iterator[K]:
        return iter(self._view)

    def __len__(self) -> int:
        return len(self._view)

    def keys(self) -> KeysView[K]:
        """The keys, sorted (a read-only view)."""
        return self._view.keys()

    def values(self) -> ValuesView[V]:
        """The values, in key order (a read-only view)."""
        return self._view.values()

    def items(self) -> ItemsView[K, V]:
        """The ``(key, value)`` pairs, in key order (a read-only view)."""
        return self._view.items()

    def __hash__(self) -> int:
        return hash(tuple(self._view.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._view == other._view
        if isinstance(other, Mapping):
            return self._view == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._view.copy()!r})"


def _hhmm(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _naive_time(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        name = attribute.name
        raise InvalidValue(
            Text(
                fr=f"{name} doit être un datetime.time sans fuseau horaire (heure locale de Paris)",
                en=f"{name} must be a naive datetime.time (local Paris time)",
            ),
            field=name,
        )


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

    Raises:
        InvalidValue: ``start`` or ``end`` is not a naive :class:`datetime.time`, or the range
            does not end after it starts.
    """

    start: dt.time = attrs.field(validator=_naive_time)
    end: dt.time = attrs.field(validator=_naive_time)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValue(
                Text(
                    fr="une plage horaire doit finir après son début",
                    en="a time range ends after it starts",
                ),
                field="end",
            )

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """A range written ``"HH:MM-HH:MM"`` (an en dash works too).

        Raises:
            InvalidValue: not two ``HH:MM`` times, or the end is not after the start.
        """
        parts = text.replace("–", "-").split("-") if isinstance(text, str) else ()
        if len(parts) != 2:  # noqa: PLR2004 - start and end
            raise InvalidValue(Text(fr='"HH:MM-HH:MM" est attendu', en='expected "HH:MM-HH:MM"'))
        return cls(parse_time(parts[0]), parse_time(parts[1]))

    def contains(self, start: dt.time, end: dt.time) -> bool:
        """Whether ``start``-``end`` (same day) lies within the range."""
        return self.start <= start and end <= self.end

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


def parse_time(text: str) -> dt.time:
    """A local time written ``HH:MM``.

    Raises:
        InvalidValue: not a time, or a time with an offset.
    """
    text = text.strip()
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        raise InvalidValue(
            Text(
                fr=f'une heure "HH:MM" est attendue, pas {text!r}',
                en=f'expected a time "HH:MM", got {text!r}',
            )
        ) from None
    if value.tzinfo is not None:
        raise InvalidValue(
            Text(fr="une heure locale n'a pas de décalage horaire", en="a local time has no offset")
        )
    return value


# -- messages shared with the charter-file reader --------------------------------------------

LAW_RULE: Final = Text(
    fr="seules les règles POL- relèvent d'une charte (les règles de la loi s'appliquent toujours)",
    en="only POL- rules belong to a charter (law rules always run)",
)
"""A charter names a law rule (``BC-``) in ``severities`` or ``disabled``."""


def unknown_choice(what: Text, choices: Iterable[str]) -> Text:
    """``unknown <what>; one of a, b, c`` in both languages.

    ``what`` is a feminine noun in French (*gravité*, *modalité*, *voie de financement*).
    """
    words = ", ".join(choices)
    return what.map(f"{{}} inconnue ; valeurs possibles : {words}", f"unknown {{}}; one of {words}")


SEVERITY_WORD: Final = Text(fr="gravité", en="severity")
MODALITY_WORD: Final = Text(fr="modalité", en="modality")
PRESET_WORD: Final = Text(fr="charte prédéfinie", en="preset charter")
FUNDING_ROUTE_WORD: Final = Text(fr="voie de financement", en="funding route")
