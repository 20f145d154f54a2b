"""The charter itself: :class:`Policy`, its checks, and loading one from a file."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from bilan_core.errors import InvalidPolicy, InvalidValue
from bilan_core.policy._file import read_charter, read_charter_file
from bilan_core.policy._parts import (
    LAW_RULE,
    MODALITY_WORD,
    ROUTES,
    SEVERITY_WORD,
    FrozenMap,
    TimeRange,
    unknown_choice,
)
from bilan_core.report import Severity
from bilan_core.sessions import Modality
from bilan_core.text import Text

__all__ = ["Policy", "load_policy"]


# -- converters and validators ------------------------------------------------------------


def _string(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        name = attribute.name
        raise InvalidValue(
            Text(fr=f"{name} doit être une chaîne de caractères", en=f"{name} must be a string"),
            field=name,
        )


def _time_range(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, TimeRange):
        name = attribute.name
        raise InvalidValue(
            Text(fr=f"{name} doit être un TimeRange", en=f"{name} must be a TimeRange"), field=name
        )


def _severity_map(value: object) -> FrozenMap[str, Severity]:
    if not isinstance(value, Mapping):
        raise InvalidValue(
            Text(
                fr="severities doit associer des identifiants de règle à des gravités",
                en="severities must be a mapping of rule ids to severities",
            ),
            field="severities",
        )
    levels = {s.value: s for s in Severity}
    converted: dict[str, Severity] = {}
    for key, level in value.items():
        if isinstance(level, Severity):
            converted[str(key)] = level
        elif isinstance(level, str) and level in levels:
            converted[str(key)] = levels[level]
        else:
            raise InvalidValue(unknown_choice(SEVERITY_WORD, levels), field=f"severities.{key}")
    return FrozenMap(converted)


def _delay_map(value: object) -> FrozenMap[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidValue(
            Text(
                fr="start_delay_max_days doit associer des voies de financement à des nombres "
                "de jours",
                en="start_delay_max_days must be a mapping of routes to days",
            ),
            field="start_delay_max_days",
        )
    for route in value:
        if route not in ROUTES:
            routes = ", ".join(ROUTES)
            raise InvalidValue(
                Text(
                    fr=f"voie de financement {route!r} inconnue ; valeurs possibles : {routes}",
                    en=f"unknown funding route {route!r}; one of {routes}",
                ),
                field=f"start_delay_max_days.{route}",
            )
    # A charter states only the routes whose delay differs; the others keep STAFF's.
    return FrozenMap({**_staff_delays(), **value})


def _check_delays(_instance: object, _attribute: object, value: Mapping[str, int]) -> None:
    for route, days in value.items():
        if type(days) is not int or days < 0:
            raise InvalidValue(
                Text(
                    fr="les valeurs de start_delay_max_days doivent être des nombres entiers "
                    "positifs ou nuls",
                    en="start_delay_max_days values must be whole numbers, 0 or more",
                ),
                field=f"start_delay_max_days.{route}",
            )


_RULE_IDS: Final = Text(
    fr="disabled doit être une collection d'identifiants de règle",
    en="disabled must be a collection of rule ids",
)


def _rule_ids(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(_RULE_IDS, field="disabled")
    try:
        return frozenset(value)
    except TypeError:  # an unhashable item: not a rule id
        raise InvalidValue(_RULE_IDS, field="disabled") from None


def _check_policy_ids(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    for rule_id in value:  # type: ignore[attr-defined]
        if not isinstance(rule_id, str) or not rule_id.startswith("POL-"):
            name = attribute.name
            raise InvalidValue(LAW_RULE.map(f"{name} : {{}}", f"{name}: {{}}"), field=name)


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 0:
        name = attribute.name
        raise InvalidValue(
            Text(
                fr=f"{name} doit être un nombre entier positif ou nul",
                en=f"{name} must be a whole number, 0 or more",
            ),
            field=name,
        )


def _flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        name = attribute.name
        raise InvalidValue(
            Text(fr=f"{name} doit valoir true ou false", en=f"{name} must be true or false"),
            field=name,
        )


def _ranges(value: object) -> tuple[TimeRange, ...]:
    if isinstance(value, TimeRange) or not isinstance(value, (tuple, list)):
        raise InvalidValue(
            Text(
                fr="opening_hours doit être une suite de TimeRange",
                en="opening_hours must be a sequence of TimeRange",
            ),
            field="opening_hours",
        )
    return tuple(value)


def _check_ranges(_instance: object, _attribute: object, value: tuple[TimeRange, ...]) -> None:
    if not value or not all(isinstance(r, TimeRange) for r in value):
        raise InvalidValue(
            Text(
                fr="opening_hours doit contenir au moins un TimeRange",
                en="opening_hours must hold at least one TimeRange",
            ),
            field="opening_hours",
        )
    ordered = sorted(value, key=lambda r: r.start)
    if any(a.end > b.start for a, b in itertools.pairwise(ordered)):
        raise InvalidValue(
            Text(fr="opening_hours : des plages se chevauchent", en="opening_hours ranges overlap"),
            field="opening_hours",
        )


_WEEKDAYS: Final = Text(
    fr="les jours de working_weekdays sont numérotés de 0 (lundi) à 6 (dimanche)",
    en="working_weekdays are numbers from 0 (Monday) to 6 (Sunday)",
)


def _weekdays(value: object) -> frozenset[int]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(
            Text(
                fr="working_weekdays doit être une collection de numéros de jours de la semaine",
                en="working_weekdays must be a collection of weekday numbers",
            ),
            field="working_weekdays",
        )
    try:
        return frozenset(value)
    except TypeError:  # an unhashable item: not a weekday number
        raise InvalidValue(_WEEKDAYS, field="working_weekdays") from None


def _check_weekdays(_instance: object, _attribute: object, value: frozenset[int]) -> None:
    if not value or any(type(d) is not int or not 0 <= d <= 6 for d in value):  # noqa: PLR2004
        raise InvalidValue(_WEEKDAYS, field="working_weekdays")


def _modalities(value: object) -> frozenset[Modality]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(
            Text(
                fr="modalities doit être une collection de Modality",
                en="modalities must be a collection of Modality",
            ),
            field="modalities",
        )
    wire = {m.value: m for m in Modality}
    converted: set[Modality] = set()
    for item in value:
        if isinstance(item, Modality):
            converted.add(item)
        elif isinstance(item, str) and item in wire:
            converted.add(wire[item])
        else:
            raise InvalidValue(unknown_choice(MODALITY_WORD, wire), field="modalities")
    return frozenset(converted)


def _check_modalities(_instance: object, _attribute: object, value: frozenset[Modality]) -> None:
    if not value:
        raise InvalidValue(
            Text(fr="modalities : au moins une modalité", en="modalities: at least one modality"),
            field="modalities",
        )


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

    Raises:
        InvalidValue: a value of the wrong type or out of range, naming the attribute in
            :attr:`~bilan_core.InvalidValue.field` (``"meetings_min"``, or a key below it:
            ``"start_delay_max_days.bank"``), with its message in French and English. A
            :class:`ValueError`, as before; a value of the wrong type is no ``TypeError``.
    """

    name: str = attrs.field(validator=_string)
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
        validator=_time_range,
    )
    closed_on_public_holidays: bool = attrs.field(default=True, validator=_flag)
    start_delay_max_days: Mapping[str, int] = attrs.field(
        factory=_staff_delays, converter=_delay_map, validator=_check_delays
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
        default=frozenset(), converter=_rule_ids, validator=_check_policy_ids
    )

    def __attrs_post_init__(self) -> None:
        pairs = (
            ("duration_min_minutes", "duration_max_minutes"),
            ("span_min_days", "span_max_days"),
            ("callback_target_working_hours", "callback_max_working_hours"),
        )
        for low, high in pairs:
            if getattr(self, low) > getattr(self, high):
                raise InvalidValue(
                    Text(fr=f"{low} est supérieur à {high}", en=f"{low} is above {high}"), field=low
                )

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
        return _built(cls, read_charter(data, source), source)

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
    return _built(Policy, read_charter_file(Path(path)), str(path))


def _built(cls: type[Policy], values: dict[str, object], source: str | None) -> Policy:
    """The charter of checked values.

    What only the whole charter shows (a minimum above a maximum) is an
    :class:`~bilan_core.InvalidPolicy` at ``$``.
    """
    try:
        return cls(**values)  # type: ignore[arg-type]
    except InvalidValue as exc:
        prefix = f"{source}: " if source else ""
        raise InvalidPolicy([(f"{prefix}$", exc.text)]) from None
