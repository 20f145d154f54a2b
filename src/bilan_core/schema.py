"""The JSON Schema (draft 2020-12) of the ``bilan-core/1`` wire format, generated from the model.

Nothing here is written by hand: :func:`json_schema` walks the attrs classes (their fields,
resolved type hints, defaults and validators) and applies the converter's conventions
(:mod:`bilan_core.serialization`), so the schema cannot drift from the code:

- ``str``, ``int``, ``bool`` are JSON strings, integers (never ``true``) and booleans;
- money (:class:`~decimal.Decimal`) is a decimal string with at most two places;
- calendar days are ``YYYY-MM-DD`` strings; instants are ISO 8601 date-times with an offset;
- enums are their snake_case values; tuples are arrays, frozensets arrays without repeats;
- a field with a default may be left out; an optional field may be ``null``;
- unknown keys are refused everywhere (``additionalProperties: false``);
- the funding is a ``oneOf`` tagged by its ``type``; event facts are an object of scalars.

Apps in other languages can validate plans with it before sending them. It checks the shape
of a plan, not the law: the rules run in :func:`bilan_core.validate`.

>>> schema = json_schema()
>>> schema["properties"]["format"]
{'const': 'bilan-core/1'}
>>> schema["$defs"]["Session"]["properties"]["minutes"]
{'type': 'integer', 'minimum': 1, 'maximum': 720, 'description': 'how long it lasts (1 to 720).'}
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
import typing
from decimal import Decimal
from typing import Any, Final, Union

import attrs
import orjson

from bilan_core import _values
from bilan_core._identifiers import check_opaque_id, check_siret
from bilan_core.bilan import Bilan
from bilan_core.funding import FUNDING_TYPES, Funding
from bilan_core.history import Event
from bilan_core.serialization import FORMAT
from bilan_core.sessions import _positive_minutes

__all__ = ["SCHEMA_ID", "json_schema", "schema_json"]

SCHEMA_ID: Final = "urn:bilan-core:schema:bilan-core-1"
"""The ``$id`` of the schema of the current wire format."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_MONEY: Final = {"type": "string", "pattern": r"^\d{1,9}(\.\d{1,2})?$"}
_YEAR = r"(19\d{2}|2\d{3})"  # the model's years: 1900 to 2999
_DATE: Final = {"type": "string", "format": "date", "pattern": rf"^{_YEAR}-\d{{2}}-\d{{2}}$"}
_DATETIME: Final = {
    "type": "string",
    "format": "date-time",
    "pattern": (
        rf"^{_YEAR}-\d{{2}}-\d{{2}}T\d{{2}}:\d{{2}}(:\d{{2}}(\.\d{{1,6}})?)?(Z|[+-]\d{{2}}:\d{{2}})$"
    ),
}
_SCALARS: Final[dict[Any, dict[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: _MONEY,
}
_FACT: Final = {"type": ["string", "integer", "boolean", "null"]}
_NULL: Final = {"type": "null"}

# What the model's own validators add, keyed by the validator function.
_VALIDATOR_SCHEMAS: Final[dict[Any, dict[str, Any]]] = {
    check_opaque_id: {"pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"},
    check_siret: {"pattern": r"^\d{14}$"},
    _positive_minutes: {"minimum": 1, "maximum": 720},
    _values.minutes: {"minimum": 0, "maximum": 100_000},
}


_ROLE: Final = re.compile(r":\w+:`~?(?:[\w.]+\.)?([^`.]+)`")


def _plain(text: str) -> str:
    """Docstring text without Sphinx roles (``:class:`~bilan_core.Phase``` becomes ``Phase``)."""
    return _ROLE.sub(r"\1", text)


def _first_line(doc: str | None) -> str:
    return _plain(inspect.cleandoc(doc or "").split("\n", 1)[0].strip())


def _attribute_docs(cls: type) -> dict[str, str]:
    """The field descriptions of a Google-style ``Attributes:`` section."""
    docs: dict[str, str] = {}
    lines = inspect.cleandoc(cls.__doc__ or "").splitlines()
    try:
        start = lines.index("Attributes:") + 1
    except ValueError:
        return docs
    current: str | None = None
    for line in lines[start:]:
        if line and not line.startswith(" "):
            break
        match = re.fullmatch(r" {4}(\w+): (.*)", line)
        if match:
            current = match.group(1)
            docs[current] = match.group(2).strip()
        elif current is not None and line.strip():
            docs[current] += " " + line.strip()
    return docs


def _validators(validator: Any) -> list[Any]:
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    if inner is not None:
        return [v for sub in inner for v in _validators(sub)]
    return [validator]


def _validator_schema(validator: Any) -> dict[str, Any]:
    """The constraints one of the model's validators implies (digit strings, id patterns...)."""
    extra: dict[str, Any] = {}
    for check in _validators(validator):
        if check in _VALIDATOR_SCHEMAS:
            extra.update(_VALIDATOR_SCHEMAS[check])
            continue
        # ``_values.digits(count, what)`` keeps its compiled pattern in its closure.
        for cell in getattr(check, "__closure__", None) or ():
            content = cell.cell_contents
            if isinstance(content, re.Pattern):
                extra["pattern"] = f"^{content.pattern}$"
    return extra


def _is_optional(hint: Any) -> tuple[bool, Any]:
    if typing.get_origin(hint) in (Union, types.UnionType) and hint != Funding:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) < len(typing.get_args(hint)):
            inner = args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007
            return True, inner
    return False, hint


def _leaf_schema(hint: Any) -> dict[str, Any] | None:
    """The schema of a scalar, a day or an instant; ``None`` for anything else."""
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if isinstance(hint, type) and issubclass(hint, dt.datetime):
        return dict(_DATETIME)
    if isinstance(hint, type) and issubclass(hint, dt.date):
        return dict(_DATE)
    return None


class _Builder:
    """Walks the model once, collecting a ``$defs`` entry per class and enum."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        optional, hint = _is_optional(hint)
        schema = self._required_type(hint)
        return {"anyOf": [schema, _NULL]} if optional else schema

    def _required_type(self, hint: Any) -> dict[str, Any]:
        leaf = _leaf_schema(hint)
        if leaf is not None:
            return leaf
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return self.enum_ref(hint)
        if hint == Funding:
            return self.funding_ref()
        if isinstance(hint, type) and attrs.has(hint):
            return self.class_ref(hint)
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is not frozenset:  # pragma: no cover - a new model type
            raise TypeError(f"no JSON Schema for {hint!r}")
        return {"type": "array", "items": self.type_schema(args[0]), "uniqueItems": True}

    def enum_ref(self, cls: type[enum.Enum]) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {
                "title": cls.__name__,
                "description": _first_line(cls.__doc__),
                "type": "string",
                "enum": [member.value for member in cls],
            }
        return self.ref(cls.__name__)

    def class_ref(self, cls: type, tag: str | None = None) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}  # reserve the name (recursion guard)
            self.defs[cls.__name__] = self.object_schema(cls, tag=tag)
        return self.ref(cls.__name__)

    def funding_ref(self) -> dict[str, Any]:
        if "Funding" not in self.defs:
            self.defs["Funding"] = {
                "title": "Funding",
                "description": "How the bilan is paid for, tagged by its type.",
                "oneOf": [self.class_ref(cls, tag=cls.TAG) for cls in FUNDING_TYPES],
            }
        return self.ref("Funding")

    def object_schema(self, cls: type, tag: str | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = _attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if tag is not None:
            properties["type"] = {"const": tag}
            required.append("type")
        for field in attrs.fields(cls):
            if cls is Event and field.name == "facts":
                schema: dict[str, Any] = {
                    "type": "object",
                    "propertyNames": {"pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"},
                    "additionalProperties": _FACT,
                }
            else:
                schema = self.type_schema(hints[field.name])
                extra = _validator_schema(field.validator)
                if extra and "anyOf" in schema:
                    schema["anyOf"][0].update(extra)
                else:
                    schema.update(extra)
            if field.name in docs:
                schema["description"] = _plain(docs[field.name])
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return {
            "title": cls.__name__,
            "description": _first_line(cls.__doc__),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``bilan-core/1`` document, freshly generated.

    Each call builds a new dict: changing it does not change the next one.
    """
    builder = _Builder()
    root = builder.object_schema(Bilan)
    root["properties"] = {"format": {"const": FORMAT}, **root["properties"]}
    root["required"] = ["format", *root["required"]]
    return {
        "$schema": _DIALECT,
        "$id": SCHEMA_ID,
        "title": f"{FORMAT} bilan de compétences",
        "description": _first_line(Bilan.__doc__),
        **{key: value for key, value in root.items() if key not in {"title", "description"}},
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_json() -> bytes:
    """:func:`json_schema` as indented JSON bytes ending with a newline (the shipped file)."""
    return orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2) + b"\n"
