"""The cattrs converter of the wire format, for apps that embed bilan-core's classes.

:func:`make_converter` builds an independent converter (never cattrs' global one) with strict
hooks: no coercion, unknown keys rejected, aware date-times only, money as decimal strings,
enums by their snake_case values, the funding union tagged by ``"type"``. Its scalar hooks
are the wire engine's own (:mod:`bilan_core._wire.scalars`) and the classes check their
fields and invariants on construction, so it accepts exactly the documents
:func:`bilan_core.load` accepts (a property test keeps them equal); :func:`~bilan_core.load`
itself does not use cattrs.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import cattrs
import pendulum
from cattrs.errors import IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import make_converter as _make_orjson_converter

from bilan_core._fields import EXPECTED, Choice, expected_choice
from bilan_core._wire.scalars import (
    date_problem,
    instant_problem,
    money_problem,
    read_day,
    read_instant,
    read_money,
    write_money,
)
from bilan_core.errors import InvalidValue
from bilan_core.funding import FUNDING_TYPES, Funding
from bilan_core.history import FACT_NAME_RULE, Event, fact_name_ok
from bilan_core.text import Text

__all__ = ["FUNDING_TAGS", "make_converter"]

FUNDING_TAGS: dict[str, type[Any]] = {cls.TAG: cls for cls in FUNDING_TYPES}


def parse_money(value: Any, _: type) -> Decimal:
    problem = money_problem(value)
    if problem is not None:
        raise InvalidValue(problem)
    return read_money(value)


def parse_date(value: Any, _: type) -> Any:
    problem = date_problem(value)
    if problem is not None:
        raise InvalidValue(problem)
    return read_day(dt.date.fromisoformat(value))


def parse_datetime(value: Any, _: type) -> Any:
    problem = instant_problem(value)
    if problem is not None:
        raise InvalidValue(problem)
    return read_instant(value)


# -- strict scalar hooks ----------------------------------------------------------------------


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise InvalidValue(EXPECTED[str])
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise InvalidValue(EXPECTED[int])
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise InvalidValue(EXPECTED[bool])
    return value


def _unstructure_datetime(value: dt.datetime) -> str:
    return value.isoformat()


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def _enum_hooks(cls: type[enum.Enum]) -> Any:
    members = {member.value: member for member in cls}
    allowed = Choice(tuple(members))

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise InvalidValue(expected_choice(allowed)) from None

    return structure


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _sequence_hook(inner: Any) -> Any:
    def structure(value: Any, cls: Any) -> Any:
        if type(value) is not list:
            raise InvalidValue(EXPECTED["array"])
        return inner(value, cls)

    return structure


# -- the converter ----------------------------------------------------------------------------


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build the converter that reads and writes the ``bilan-core/1`` wire format.

    Each call returns a new, independent converter; the library never touches cattrs' global
    converter. Use it to embed bilan-core's classes in your own cattrs-based models.

    Args:
        detailed_validation: collect every error with its path (slower on bad input, no
            difference on good input). :func:`load` uses a converter without it first and
            falls back to one with it only to report errors.

    >>> from bilan_core.phases import Phase
    >>> conv = make_converter()
    >>> conv.unstructure(Phase.CONCLUSION)
    'conclusion'
    """
    conv = _make_orjson_converter(
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, parse_money)
    conv.register_unstructure_hook(Decimal, write_money)
    for cls in (pendulum.Date, dt.date):
        conv.register_structure_hook(cls, parse_date)
        conv.register_unstructure_hook(cls, _unstructure_date)
    for cls in (pendulum.DateTime, dt.datetime):
        conv.register_structure_hook(cls, parse_datetime)
        conv.register_unstructure_hook(cls, _unstructure_datetime)
    conv.register_structure_hook_factory(_is_enum, _enum_hooks)
    conv.register_unstructure_hook_factory(_is_enum, lambda _cls: lambda member: member.value)
    _register_containers(conv, detailed=detailed_validation)
    _register_funding(conv)
    _register_event(conv)
    return conv


def _register_containers(conv: cattrs.Converter, *, detailed: bool) -> None:
    """Strict arrays (tuples, frozensets) and optional values."""

    def tuple_factory(cls: Any) -> Any:
        return _sequence_hook(cattrs.cols.homogenous_tuple_structure_factory(cls, conv))

    def frozenset_factory(cls: Any) -> Any:
        (elem,) = get_args(cls)
        elem_hook = conv.get_structure_hook(elem)

        def structure(value: Any, _cls: Any) -> frozenset[Any]:
            if type(value) is not list:
                raise InvalidValue(EXPECTED["array"])
            items = _structure_items(value, elem_hook, elem, cls, detailed=detailed)
            result = frozenset(items)
            if len(result) != len(value):
                raise InvalidValue(EXPECTED["unique"])
            return result

        return structure

    def unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
        return sorted(conv.unstructure(item) for item in value)

    conv.register_structure_hook_factory(lambda t: _origin(t) is tuple, tuple_factory)
    conv.register_structure_hook_factory(lambda t: _origin(t) is frozenset, frozenset_factory)
    conv.register_unstructure_hook_factory(
        lambda t: _origin(t) is frozenset, lambda _t: unstructure_frozenset
    )

    def optional_factory(cls: Any) -> Any:
        (inner,) = (arg for arg in get_args(cls) if arg is not type(None))
        hook = conv.get_structure_hook(inner)

        def structure(value: Any, _cls: Any) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    conv.register_structure_hook_factory(_is_optional, optional_factory)


def _is_optional(cls: Any) -> bool:
    """``X | None`` with a single ``X`` (unions of several classes have their own hooks)."""
    if _origin(cls) not in (Union, types.UnionType):
        return False
    args = get_args(cls)
    return len(args) == 2 and type(None) in args  # noqa: PLR2004 - X and None


def _origin(cls: Any) -> Any:
    return get_origin(cls)


def _structure_items(
    value: list[Any], hook: Any, elem: Any, cls: Any, *, detailed: bool
) -> list[Any]:
    if not detailed:
        return [hook(item, elem) for item in value]
    errors: list[Exception] = []
    items = []
    for index, item in enumerate(value):
        try:
            items.append(hook(item, elem))
        except Exception as exc:  # noqa: BLE001, PERF203 - every error is reported with its path
            note = cattrs.errors.IterableValidationNote(f"element {index}", index, elem)
            exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
            errors.append(exc)
    if errors:
        raise IterableValidationError("invalid elements", errors, cls)
    return items


def _register_funding(conv: cattrs.Converter) -> None:
    allowed = expected_choice(Choice(tuple(FUNDING_TAGS))).map(
        "funding.type : {}", "funding.type: {}"
    )

    def structure_funding(value: Any, _: Any) -> Funding:
        if type(value) is not dict:
            raise InvalidValue(EXPECTED["object"])
        tag = value.get("type")
        cls = FUNDING_TAGS.get(tag) if type(tag) is str else None
        if cls is None:
            raise InvalidValue(allowed, field="type")
        body = {key: item for key, item in value.items() if key != "type"}
        return conv.structure(body, cls)  # type: ignore[no-any-return]

    conv.register_structure_hook(Funding, structure_funding)
    for cls in FUNDING_TYPES:
        inner = make_dict_unstructure_fn(cls, conv)

        def unstructure(value: Any, _inner: Any = inner, _tag: str = cls.TAG) -> dict[str, Any]:
            return {"type": _tag, **_inner(value)}

        conv.register_unstructure_hook(cls, unstructure)


def _register_event(conv: cattrs.Converter) -> None:
    def structure_facts(value: Any, _: Any) -> tuple[tuple[str, Any], ...]:
        if type(value) is not dict:
            raise InvalidValue(EXPECTED["object"])
        for key, fact in value.items():
            if not fact_name_ok(key):
                raise InvalidValue(FACT_NAME_RULE)
            if fact is not None and type(fact) not in (str, int, bool):
                raise InvalidValue(
                    Text(
                        fr="la valeur d'un fait est une chaîne, un entier, un booléen ou null",
                        en="a fact's value is a string, an integer, a boolean or null",
                    )
                )
        return tuple(sorted(value.items()))

    def unstructure_facts(value: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
        return dict(value)

    conv.register_structure_hook(
        Event,
        make_dict_structure_fn(
            Event, conv, facts=override(struct_hook=structure_facts), _cattrs_forbid_extra_keys=True
        ),
    )
    conv.register_unstructure_hook(
        Event,
        make_dict_unstructure_fn(Event, conv, facts=override(unstruct_hook=unstructure_facts)),
    )
