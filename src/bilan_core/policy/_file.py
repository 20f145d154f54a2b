"""Reading a provider charter from a TOML or JSON file, with every problem and its path.

:func:`bilan_core.policy.load_policy` and :meth:`Policy.from_dict
<bilan_core.Policy.from_dict>` come here: each key is checked (unknown keys, wrong types,
unknown rule ids, bad times and ranges, an unknown preset in ``extends``) and every problem
is reported at once in :class:`~bilan_core.InvalidPolicy`, never a bare ``KeyError`` or
``TypeError``. The reader returns the values the document states, nothing more: building
the :class:`~bilan_core.Policy` (over a preset, when the document ``extends`` one) is
:mod:`bilan_core.policy._charter`'s.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Final

from bilan_core._fields import EXPECTED
from bilan_core.errors import InvalidPolicy, InvalidValue
from bilan_core.policy._parts import (
    CHARTER_RULES,
    FUNDING_ROUTE_WORD,
    LAW_RULE,
    MODALITY_WORD,
    POLICY_FORMAT,
    PRESET_WORD,
    ROUTES,
    SEVERITY_WORD,
    TimeRange,
    parse_time,
    unknown_choice,
)
from bilan_core.report import Severity
from bilan_core.sessions import Modality
from bilan_core.text import Text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

__all__ = ["read_charter", "read_charter_file"]


def read_charter_file(file: Path, presets: Collection[str] = ()) -> dict[str, object]:
    """Read and check a charter file: the values of the :class:`~bilan_core.Policy` it states.

    See :func:`bilan_core.policy.load_policy`; ``presets`` are the names ``extends`` may give.

    Raises:
        InvalidPolicy: the file is not UTF-8, not valid JSON or TOML, or not a valid charter;
            a parser's own message (English) is kept as a detail in both languages.
        OSError: the file cannot be read.
    """
    raw = file.read_bytes()
    name = str(file)
    as_json = file.suffix.lower() == ".json" or (
        file.suffix.lower() != ".toml" and raw.lstrip().startswith(b"{")
    )
    data: object
    if as_json:
        import orjson

        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidPolicy([(name, _parser_said("JSON", exc))]) from None
    else:
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise InvalidPolicy([(name, NOT_UTF8)]) from None
        except tomllib.TOMLDecodeError as exc:
            raise InvalidPolicy([(name, _parser_said("TOML", exc))]) from None
    return read_charter(data, name, presets)


NOT_UTF8: Final = Text(fr="le texte n'est pas en UTF-8", en="not UTF-8 text")
NOT_A_TABLE: Final = Text(
    fr="une table TOML ou un objet JSON est attendu", en="expected a table / JSON object"
)


def _parser_said(syntax: str, exc: Exception) -> Text:
    """``not valid JSON (<the parser's message>)``: the parser's words are a detail."""
    return Text.same(str(exc)).map(f"{syntax} invalide ({{}})", f"not valid {syntax} ({{}})")


# -- reading a charter file ---------------------------------------------------------------

_INT_KEYS: Final = frozenset(
    {
        "duration_min_minutes",
        "duration_max_minutes",
        "meetings_min",
        "span_min_days",
        "span_max_days",
        "callback_target_working_hours",
        "callback_max_working_hours",
        "follow_up_months",
        "follow_up_tolerance_days",
    }
)
_BOOL_KEYS: Final = frozenset(
    {
        "closed_on_public_holidays",
        "individual_only",
        "blended",
        "in_person_at_provider_site",
        "engagement_document_required",
        "synthesis_sections_required",
        "synthesis_at_last_meeting",
    }
)


class _Problems:
    """Collects ``(path, message)`` pairs while a charter document is read."""

    def __init__(self) -> None:
        self.items: list[tuple[str, Text]] = []

    def add(self, path: str, message: Text) -> None:
        self.items.append((path, message))


# -- messages -----------------------------------------------------------------------------

WHOLE_NUMBER: Final = Text(
    fr="un nombre entier positif ou nul est attendu", en="expected a whole number, 0 or more"
)
NON_EMPTY_STRING: Final = Text(
    fr="une chaîne de caractères non vide est attendue", en="expected a non-empty string"
)
FORMAT: Final = Text(fr=f'"{POLICY_FORMAT}" est attendu', en=f'expected "{POLICY_FORMAT}"')
WEEKDAY_LIST: Final = Text(
    fr="une liste non vide de numéros de jours de la semaine est attendue (lundi = 0)",
    en="expected a non-empty list of weekday numbers (Monday = 0)",
)
WEEKDAY: Final = Text(
    fr="un numéro de jour de la semaine est attendu, de 0 (lundi) à 6",
    en="expected a weekday number, 0 (Monday) to 6",
)
RANGE_LIST: Final = Text(
    fr="une liste non vide de plages horaires est attendue",
    en="expected a non-empty list of time ranges",
)
RANGE: Final = Text(
    fr='"HH:MM-HH:MM" ou une table avec start et end est attendu',
    en='expected "HH:MM-HH:MM" or a table with start and end',
)
RANGE_KEY: Final = Text(
    fr="clé inconnue (start et end sont attendues)", en="unknown key (expected start and end)"
)
REVERSED_RANGE: Final = Text(
    fr="la plage doit finir après son début", en="the range ends after it starts"
)
TIME: Final = Text(fr='une heure "HH:MM" est attendue', en='expected a time "HH:MM"')
DELAY_TABLE: Final = Text(
    fr="une table des voies de financement et de leur nombre de jours est attendue",
    en="expected a table of funding routes to days",
)
DAYS: Final = Text(
    fr="un nombre entier de jours positif ou nul est attendu",
    en="expected a whole number of days, 0 or more",
)
SEVERITY_TABLE: Final = Text(
    fr="une table des identifiants de règle et de leur gravité est attendue",
    en="expected a table of rule ids to severities",
)
RULE_ID_LIST: Final = Text(
    fr="une liste d'identifiants de règle est attendue", en="expected a list of rule ids"
)
UNKNOWN_RULE: Final = Text(fr="identifiant de règle inconnu", en="unknown rule id")
UNKNOWN_KEY: Final = Text(fr="clé inconnue", en="unknown key")
MISSING_NAME: Final = Text(fr="manquant : le nom de la charte", en="missing: the charter's name")


def _modality_list(words: str) -> Text:
    return Text(
        fr=f"une liste non vide de valeurs parmi {words} est attendue",
        en=f"expected a non-empty list of {words}",
    )


def _is_int(value: object) -> bool:
    return type(value) is int and value >= 0


def _read_time(value: object, path: str, problems: _Problems) -> dt.time | None:
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str):
        try:
            return parse_time(value)
        except InvalidValue as exc:
            problems.add(path, exc.text)
            return None
    problems.add(path, TIME)
    return None


def _read_range(value: object, path: str, problems: _Problems) -> TimeRange | None:
    if isinstance(value, str):
        try:
            return TimeRange.parse(value)
        except InvalidValue as exc:
            problems.add(path, exc.text)
            return None
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - {"start", "end"}, key=str)
        for key in unknown:
            problems.add(f"{path}.{key}", RANGE_KEY)
        start = _read_time(value.get("start"), f"{path}.start", problems)
        end = _read_time(value.get("end"), f"{path}.end", problems)
        if start is None or end is None or unknown:
            return None
        if end <= start:
            problems.add(f"{path}.end", REVERSED_RANGE)
            return None
        return TimeRange(start, end)
    problems.add(path, RANGE)
    return None


def _read_value(key: str, value: object, path: str, problems: _Problems) -> object:
    """The value of ``key`` as :class:`~bilan_core.Policy` takes it; problems are noted."""
    if key in _INT_KEYS:
        if not _is_int(value):
            problems.add(path, WHOLE_NUMBER)
        return value
    if key in _BOOL_KEYS:
        if type(value) is not bool:
            problems.add(path, EXPECTED[bool])
        return value
    return _READERS[key](value, path, problems)


def _read_name(value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, str) or not value.strip():
        problems.add(path, NON_EMPTY_STRING)
    return value


def _read_format(value: object, path: str, problems: _Problems) -> object:
    if value != POLICY_FORMAT:
        problems.add(path, FORMAT)
    return value


def _read_weekdays(value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, list) or not value:
        problems.add(path, WEEKDAY_LIST)
        return value
    weekdays: set[int] = set()
    for i, item in enumerate(value):
        if type(item) is int and 0 <= item <= 6:  # noqa: PLR2004
            weekdays.add(item)
        else:
            problems.add(f"{path}[{i}]", WEEKDAY)
    return frozenset(weekdays)


def _read_opening_hours(value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, list) or not value:
        problems.add(path, RANGE_LIST)
        return value
    return tuple(_read_range(item, f"{path}[{i}]", problems) for i, item in enumerate(value))


def _read_delays(value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, Mapping):
        problems.add(path, DELAY_TABLE)
        return value
    given: dict[str, int] = {}
    for route, days in value.items():
        if route not in ROUTES:
            problems.add(f"{path}.{route}", unknown_choice(FUNDING_ROUTE_WORD, ROUTES))
        elif not _is_int(days):
            problems.add(f"{path}.{route}", DAYS)
        else:
            given[route] = days
    return given  # only the routes stated (over a preset's routes when it extends one)


def _read_modalities(value: object, path: str, problems: _Problems) -> object:
    wire = {m.value: m for m in Modality}
    if not isinstance(value, list) or not value:
        problems.add(path, _modality_list(", ".join(wire)))
        return value
    modalities: set[Modality] = set()
    for i, item in enumerate(value):
        if isinstance(item, str) and item in wire:
            modalities.add(wire[item])
        else:
            problems.add(f"{path}[{i}]", unknown_choice(MODALITY_WORD, wire))
    return frozenset(modalities)


def _read_severities(value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, Mapping):
        problems.add(path, SEVERITY_TABLE)
        return value
    levels = {s.value: s for s in Severity}
    severities: dict[str, Severity] = {}
    for rule_id, level in value.items():
        _check_rule_id(rule_id, f"{path}.{rule_id}", problems)
        if isinstance(level, str) and level in levels:
            severities[rule_id] = levels[level]
        else:
            problems.add(f"{path}.{rule_id}", unknown_choice(SEVERITY_WORD, levels))
    return severities


def _read_disabled(value: object, path: str, problems: _Problems) -> object:
    if not isinstance(value, list):
        problems.add(path, RULE_ID_LIST)
        return value
    for i, rule_id in enumerate(value):
        _check_rule_id(rule_id, f"{path}[{i}]", problems)
    return frozenset(v for v in value if isinstance(v, str))


def _check_rule_id(rule_id: object, path: str, problems: _Problems) -> None:
    if isinstance(rule_id, str) and rule_id.startswith("BC-"):
        problems.add(path, LAW_RULE)
    elif not isinstance(rule_id, str) or rule_id not in CHARTER_RULES:
        problems.add(path, UNKNOWN_RULE)


_READERS: Final[dict[str, Callable[[object, str, _Problems], object]]] = {
    "name": _read_name,
    "format": _read_format,
    "working_weekdays": _read_weekdays,
    "opening_hours": _read_opening_hours,
    "amplitude": _read_range,
    "start_delay_max_days": _read_delays,
    "modalities": _read_modalities,
    "severities": _read_severities,
    "disabled": _read_disabled,
}
"""How each key that is neither a whole number nor a flag is read."""

_FILE_KEYS: Final = _INT_KEYS | _BOOL_KEYS | _READERS.keys()


def _read_extends(
    value: object, path: str, problems: _Problems, presets: Collection[str]
) -> object:
    if not isinstance(value, str) or value not in presets:
        problems.add(path, unknown_choice(PRESET_WORD, presets))
    return value


def read_charter(
    data: object, source: str | None, presets: Collection[str] = ()
) -> dict[str, object]:
    """Check parsed charter data strictly: the values of the charter it states.

    The values are the keyword arguments of :class:`~bilan_core.Policy`, and ``extends``
    when the document names a preset (one of ``presets``) to start from.

    Raises:
        InvalidPolicy: every problem, each as a ``(path, message)`` pair, paths prefixed with
            ``source`` when given.
    """
    prefix = f"{source}: " if source else ""
    if not isinstance(data, Mapping):
        raise InvalidPolicy([(f"{prefix}$", NOT_A_TABLE)])
    problems = _Problems()
    values: dict[str, object] = {}
    for key, value in data.items():
        path = f"$.{key}"
        if key == "extends":
            values[key] = _read_extends(value, path, problems, presets)
        elif key not in _FILE_KEYS:
            problems.add(path, UNKNOWN_KEY)
        else:
            values[key] = _read_value(key, value, path, problems)
    if "name" not in data:
        problems.add("$.name", MISSING_NAME)
    values.pop("format", None)
    if problems.items:
        raise InvalidPolicy((prefix + path, message) for path, message in problems.items)
    return values
