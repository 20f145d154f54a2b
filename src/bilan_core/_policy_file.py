"""Reading a provider charter from a TOML or JSON file, with every problem and its path.

:func:`bilan_core.policy.load_policy` and :meth:`Policy.from_dict
<bilan_core.Policy.from_dict>` come here: each key is checked (unknown keys, wrong types,
unknown rule ids, bad times and ranges) and every problem is reported at once in
:class:`~bilan_core.InvalidPolicy`, never a bare ``KeyError`` or ``TypeError``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from bilan_core.errors import InvalidPolicy
from bilan_core.policy import POLICY_FORMAT, ROUTES, Policy, TimeRange, _parse_time
from bilan_core.report import Severity
from bilan_core.sessions import Modality

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

__all__ = ["parse_policy", "read_policy_file"]


def read_policy_file(file: Path) -> Policy:
    """Read and check a charter file (see :func:`bilan_core.policy.load_policy`)."""
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
            raise InvalidPolicy([(name, f"not valid JSON ({exc})")]) from None
    else:
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise InvalidPolicy([(name, "not UTF-8 text")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise InvalidPolicy([(name, f"not valid TOML ({exc})")]) from None
    if not isinstance(data, Mapping):
        raise InvalidPolicy([(f"{name}: $", "expected a table / JSON object")])
    return parse_policy(data, name)


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
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append((path, message))


def _is_int(value: object) -> bool:
    return type(value) is int and value >= 0


def _read_time(value: object, path: str, problems: _Problems) -> dt.time | None:
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str):
        try:
            return _parse_time(value)
        except ValueError as exc:
            problems.add(path, str(exc))
            return None
    problems.add(path, 'expected a time "HH:MM"')
    return None


def _read_range(value: object, path: str, problems: _Problems) -> TimeRange | None:
    if isinstance(value, str):
        try:
            return TimeRange.parse(value)
        except ValueError as exc:
            problems.add(path, str(exc))
            return None
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - {"start", "end"})
        for key in unknown:
            problems.add(f"{path}.{key}", "unknown key (expected start and end)")
        start = _read_time(value.get("start"), f"{path}.start", problems)
        end = _read_time(value.get("end"), f"{path}.end", problems)
        if start is None or end is None or unknown:
            return None
        if end <= start:
            problems.add(f"{path}.end", "the range ends after it starts")
            return None
        return TimeRange(start, end)
    problems.add(path, 'expected "HH:MM-HH:MM" or a table with start and end')
    return None


def _read_value(key: str, value: object, path: str, problems: _Problems) -> object:  # noqa: C901, PLR0911, PLR0912 - one branch per key family
    if key in _INT_KEYS:
        if not _is_int(value):
            problems.add(path, "expected a whole number, 0 or more")
        return value
    if key in _BOOL_KEYS:
        if type(value) is not bool:
            problems.add(path, "expected true or false")
        return value
    if key == "name":
        if not isinstance(value, str) or not value.strip():
            problems.add(path, "expected a non-empty string")
        return value
    if key == "format":
        if value != POLICY_FORMAT:
            problems.add(path, f'expected "{POLICY_FORMAT}"')
        return value
    if key == "working_weekdays":
        if not isinstance(value, list) or not value:
            problems.add(path, "expected a non-empty list of weekday numbers (Monday = 0)")
            return value
        for i, item in enumerate(value):
            if type(item) is not int or not 0 <= item <= 6:  # noqa: PLR2004
                problems.add(f"{path}[{i}]", "expected a weekday number, 0 (Monday) to 6")
        return frozenset(value)
    if key == "opening_hours":
        if not isinstance(value, list) or not value:
            problems.add(path, "expected a non-empty list of time ranges")
            return value
        return tuple(_read_range(item, f"{path}[{i}]", problems) for i, item in enumerate(value))
    if key == "amplitude":
        return _read_range(value, path, problems)
    if key == "start_delay_max_days":
        if not isinstance(value, Mapping):
            problems.add(path, "expected a table of funding routes to days")
            return value
        given: dict[str, int] = {}
        for route, days in value.items():
            if route not in ROUTES:
                problems.add(
                    f"{path}.{route}", f"unknown funding route; one of {', '.join(ROUTES)}"
                )
            elif not _is_int(days):
                problems.add(f"{path}.{route}", "expected a whole number of days, 0 or more")
            else:
                given[route] = days
        return given
    if key == "modalities":
        wire = {m.value: m for m in Modality}
        if not isinstance(value, list) or not value:
            problems.add(path, f"expected a non-empty list of {', '.join(wire)}")
            return value
        for i, item in enumerate(value):
            if item not in wire:
                problems.add(f"{path}[{i}]", f"unknown modality; one of {', '.join(wire)}")
        return frozenset(wire[m] for m in value if m in wire)
    if key == "severities":
        if not isinstance(value, Mapping):
            problems.add(path, "expected a table of rule ids to severities")
            return value
        levels = {s.value: s for s in Severity}
        for rule_id, level in value.items():
            _check_rule_id(rule_id, f"{path}.{rule_id}", problems)
            if level not in levels:
                problems.add(f"{path}.{rule_id}", f"unknown severity; one of {', '.join(levels)}")
        return {k: levels[v] for k, v in value.items() if v in levels}
    # disabled
    if not isinstance(value, list):
        problems.add(path, "expected a list of rule ids")
        return value
    for i, rule_id in enumerate(value):
        _check_rule_id(rule_id, f"{path}[{i}]", problems)
    return frozenset(v for v in value if isinstance(v, str))


def _check_rule_id(rule_id: object, path: str, problems: _Problems) -> None:
    from bilan_core.checks._catalogue import catalogue

    known = {r.id for r in catalogue}
    if not isinstance(rule_id, str) or rule_id not in known:
        problems.add(path, "unknown rule id")
    elif not rule_id.startswith("POL-"):
        problems.add(path, "only POL- rules belong to a charter (law rules always run)")


_FILE_KEYS: Final = (
    _INT_KEYS
    | _BOOL_KEYS
    | {
        "name",
        "format",
        "working_weekdays",
        "opening_hours",
        "amplitude",
        "start_delay_max_days",
        "modalities",
        "severities",
        "disabled",
    }
)


def parse_policy(data: Mapping[str, Any], source: str | None) -> Policy:
    """Check parsed charter data strictly and build the :class:`Policy`."""
    problems = _Problems()
    values: dict[str, object] = {}
    for key, value in data.items():
        path = f"$.{key}"
        if key not in _FILE_KEYS:
            problems.add(path, "unknown key")
            continue
        values[key] = _read_value(key, value, path, problems)
    if "name" not in data:
        problems.add("$.name", "missing: the charter's name")
    values.pop("format", None)
    if not problems.items:
        try:
            return Policy(**values)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            problems.add("$", str(exc))
    prefix = f"{source}: " if source else ""
    raise InvalidPolicy((prefix + path, message) for path, message in problems.items)
