"""The JSON Schema (draft 2020-12) of the ``bilan-core/1`` wire format, from the field table.

Nothing here is written by hand: :func:`json_schema` walks the model's field table
(:mod:`bilan_core._fields`), the same table the reader, the explainer and the writer are made
from, so the schema cannot drift from :func:`bilan_core.load`:

- strings, integers (never ``true``) and booleans; ids, digit strings and fact names with
  their patterns; integers with their ranges;
- money is a decimal string with at most two places; calendar days are ``YYYY-MM-DD`` of the
  years 1900 to 2999; instants are ISO 8601 date-times with an offset (hours of the offset
  00 to 23);
- enums and event names are their snake_case words; tuples are arrays, frozensets arrays
  without repeats;
- a field with a default may be left out; an optional field may be ``null``;
- unknown keys are refused everywhere (``additionalProperties: false``);
- the funding is discriminated by its ``type``: an ``if``/``then`` per route, so an error
  points at the faulty field of the route named, not at the whole funding.

What only code can check is listed in :func:`code_only_checks` and on the wire-format page of
the docs (a SIRET's key, days that do not exist, the Paris clock change, each class's
invariants, references between objects, the history's replay). A document the schema accepts
may still be refused by :func:`~bilan_core.load` for one of those; a document
:func:`~bilan_core.load` accepts always passes the schema.

Apps in other languages can validate plans with it before sending them. It checks the shape
of a plan, not the law: the rules run in :func:`bilan_core.validate`.

>>> schema = json_schema()
>>> schema["properties"]["format"]
{'const': 'bilan-core/1'}
>>> schema["$defs"]["Session"]["properties"]["minutes"]
{'type': 'integer', 'minimum': 1, 'maximum': 720, 'description': 'how long it lasts (1 to 720).'}
"""

from __future__ import annotations

from typing import Any, Final

import orjson

from bilan_core._fields import (
    Array,
    Choice,
    Day,
    Facts,
    Instant,
    Money,
    Nullable,
    Obj,
    Scalar,
    Shape,
    Tagged,
    first_line,
    record,
)
from bilan_core._wire.scalars import DATE_REGEX, INSTANT_REGEX, MONEY_REGEX
from bilan_core.bilan import Bilan
from bilan_core.serialization import FORMAT
from bilan_core.text import Text

__all__ = [
    "SCHEMA_ID",
    "code_only_checks",
    "document_schema",
    "json_schema",
    "schema_json",
    "typed_dicts",
]

SCHEMA_ID: Final = "urn:bilan-core:schema:bilan-core-1"
"""The ``$id`` of the schema of the current wire format."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_NULL: Final = {"type": "null"}
_SCALAR_TYPES: Final = {str: "string", int: "integer", bool: "boolean"}


class _Builder:
    """Walks the table once, collecting a ``$defs`` entry per class, enum and union."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    @staticmethod
    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def shape(self, shape: Shape) -> dict[str, Any]:  # noqa: PLR0911, PLR0912, C901 - per shape
        if isinstance(shape, Nullable):
            return {"anyOf": [self.shape(shape.inner), _NULL]}
        if isinstance(shape, Scalar):
            schema: dict[str, Any] = {"type": _SCALAR_TYPES[shape.type]}
            if shape.pattern is not None:
                schema["pattern"] = f"^{shape.pattern.regex}$"
            if shape.range is not None:
                schema["minimum"] = shape.range.minimum
                schema["maximum"] = shape.range.maximum
            return schema
        if isinstance(shape, Choice):
            if not shape.whole_enum:
                return {"type": "string", "enum": list(shape.values)}
            return self.enum(shape)
        if isinstance(shape, Day):
            return {"type": "string", "format": "date", "pattern": f"^{DATE_REGEX}$"}
        if isinstance(shape, Instant):
            return {"type": "string", "format": "date-time", "pattern": f"^{INSTANT_REGEX}$"}
        if isinstance(shape, Money):
            return {"type": "string", "pattern": f"^{MONEY_REGEX}$"}
        if isinstance(shape, Obj):
            return self.object(shape.cls)
        if isinstance(shape, Tagged):
            return self.tagged(shape)
        if isinstance(shape, Array):
            schema = {"type": "array", "items": self.shape(shape.item)}
            if shape.unique:
                schema["uniqueItems"] = True
            return schema
        if isinstance(shape, Facts):
            return {
                "type": "object",
                "propertyNames": {"pattern": f"^{shape.key.regex}$"},
                "additionalProperties": {"type": ["string", "integer", "boolean", "null"]},
            }
        raise TypeError(shape)  # pragma: no cover - a new shape

    def enum(self, shape: Choice) -> dict[str, Any]:
        cls = shape.enum
        assert cls is not None  # noqa: S101 - the caller checked
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {
                "title": cls.__name__,
                "description": first_line(cls.__doc__),
                "type": "string",
                "enum": list(shape.values),
            }
        return self.ref(cls.__name__)

    def object(self, cls: type, tag: tuple[str, str] | None = None) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}  # reserve the name (recursion guard)
            self.defs[cls.__name__] = self.properties(cls, tag)
        return self.ref(cls.__name__)

    def tagged(self, shape: Tagged) -> dict[str, Any]:
        if shape.name not in self.defs:
            tags = [tag for tag, _ in shape.classes]
            branches = [
                {
                    "if": {"properties": {shape.key: {"const": tag}}},
                    "then": self.object(cls, (shape.key, tag)),
                }
                for tag, cls in shape.classes
            ]
            self.defs[shape.name] = {
                "title": shape.name,
                "description": f"Tagged by its {shape.key!r}: one object per kind.",
                "type": "object",
                "properties": {shape.key: {"enum": tags}},
                "required": [shape.key],
                "allOf": branches,
            }
        return self.ref(shape.name)

    def properties(
        self, cls: type, tag: tuple[str, str] | None = None, marker: tuple[str, str] | None = None
    ) -> dict[str, Any]:
        rec = record(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for extra in (marker, tag):
            if extra is not None:
                properties[extra[0]] = {"const": extra[1]}
                required.append(extra[0])
        for field in rec.fields:
            schema = self.shape(field.shape)
            if field.doc:
                schema["description"] = field.doc
            properties[field.name] = schema
            if field.required:
                required.append(field.name)
        return {
            "title": cls.__name__,
            "description": rec.doc,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def document_schema(
    root: type, *, marker: tuple[str, str], schema_id: str, title: str
) -> dict[str, Any]:
    """The JSON Schema of a document whose root is ``root`` (a bilan, an offer).

    Each call builds a new dict: changing it does not change the next one.
    """
    builder = _Builder()
    body = builder.properties(root, marker=marker)
    return {
        "$schema": _DIALECT,
        "$id": schema_id,
        "title": title,
        "description": body["description"],
        **{key: value for key, value in body.items() if key not in {"title", "description"}},
        "$defs": dict(sorted(builder.defs.items())),
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``bilan-core/1`` document, freshly generated.

    Each call builds a new dict: changing it does not change the next one.
    """
    return document_schema(
        Bilan,
        marker=("format", FORMAT),
        schema_id=SCHEMA_ID,
        title=f"{FORMAT} bilan de compétences",
    )


def schema_json() -> bytes:
    """:func:`json_schema` as indented JSON bytes ending with a newline (the shipped file)."""
    return orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2) + b"\n"


def code_only_checks() -> tuple[Text, ...]:
    """What :func:`bilan_core.load` checks that JSON Schema cannot say, for the docs."""
    return (
        Text(
            fr="la clé de contrôle d'un SIRET (Luhn ; règle de La Poste pour le SIREN 356000000)",
            en="a SIRET's check key (Luhn; La Poste's rule for SIREN 356000000)",
        ),
        Text(
            fr="qu'un entier s'écrit sans partie décimale : 120, pas 120.0 (le type integer de "
            "JSON Schema accepte 120.0)",
            en="that an integer is written without a fraction: 120, not 120.0 (JSON Schema's "
            "integer type accepts 120.0)",
        ),
        Text(
            fr="qu'une date existe (pas de 30 février) ; qu'une heure locale existe à Paris "
            "quand le décalage est +01:00 ou +02:00 (pas dans l'heure sautée au printemps) ; "
            "qu'un instant tombe, en UTC, entre 1900 et 2999",
            en="that a day exists (no 30 February); that a wall time exists in Paris when the "
            "offset is +01:00 or +02:00 (not in the spring-forward gap); that an instant falls, "
            "in UTC, in the years 1900 to 2999",
        ),
        Text(
            fr="l'ordre des dates d'un objet (une signature pas avant l'envoi, un retrait pas "
            "avant le consentement…), la phase et le type d'une séance, le contenu d'un "
            "document détruit",
            en="the order of an object's dates (a signature not before the sending, a "
            "withdrawal not before the consent…), a session's phase and kind, a destroyed "
            "document's content",
        ),
        Text(
            fr="des ids uniques dans chaque tableau, et chaque référence (site, consultant, "
            "document, accord) vers un élément du plan",
            en="unique ids in each array, and every reference (site, consultant, document, "
            "agreement) to an item of the plan",
        ),
        Text(
            fr="que l'historique rejoue jusqu'à la phase du bilan, par les arêtes du graphe "
            "des phases, sans remonter le temps",
            en="that the history replays to the bilan's phase along the edges of the phase "
            "graph, never going back in time",
        ),
    )


# -- the typed dicts of the wire format ---------------------------------------------------------


class _TypedDicts:
    """Writes a ``TypedDict`` per model class, from the field table (see :func:`typed_dicts`)."""

    def __init__(self) -> None:
        self.written: dict[type, str] = {}
        self.blocks: list[str] = []

    def name(self, cls: type) -> str:
        if cls not in self.written:
            self.written[cls] = f"{cls.__name__}Dict"
            self._write(cls)
        return self.written[cls]

    def _write(self, cls: type, tag: tuple[str, str] | None = None) -> None:
        table = record(cls)
        lines = [f"class {self.written[cls]}(TypedDict):", f'    """{table.doc}"""', ""]
        if tag is not None:
            lines.append(f'    {tag[0]}: Literal["{tag[1]}"]')
        lines.extend(f"    {spec.name}: {self.type(spec.shape)}" for spec in table.fields)
        self.blocks.append("\n".join(lines))

    def tagged(self, shape: Tagged) -> str:
        names = []
        for tag, cls in shape.classes:
            if cls not in self.written:
                self.written[cls] = f"{cls.__name__}Dict"
                self._write(cls, (shape.key, tag))
            names.append(self.written[cls])
        return " | ".join(names)

    def type(self, shape: Shape) -> str:  # noqa: PLR0911 - one case per shape
        if isinstance(shape, Scalar):
            return shape.type.__name__
        if isinstance(shape, (Day, Instant, Money)):
            return "str"
        if isinstance(shape, Choice):
            return "Literal[" + ", ".join(f'"{value}"' for value in shape.values) + "]"
        if isinstance(shape, Obj):
            return self.name(shape.cls)
        if isinstance(shape, Tagged):
            return self.tagged(shape)
        if isinstance(shape, Array):
            return f"list[{self.type(shape.item)}]"
        if isinstance(shape, Nullable):
            return f"{self.type(shape.inner)} | None"
        if isinstance(shape, Facts):
            return "dict[str, str | int | bool | None]"
        raise TypeError(f"no type for {shape!r}")  # pragma: no cover - every shape is above


_TYPED_HEAD: Final = '''"""The wire format as typed dicts: what :func:`bilan_core.dump` returns.

Generated from the field table by :func:`bilan_core.schema.typed_dicts` — do not edit; the
test suite checks this file is up to date. Every key is present in what ``dump`` writes
(:func:`~bilan_core.load` accepts documents without the keys that have a default).
Days are ``YYYY-MM-DD``, instants ISO 8601 with an offset, money decimal strings.
"""

from __future__ import annotations

from typing import Literal, TypedDict

'''


def typed_dicts() -> str:
    """The source of :mod:`bilan_core.wire_types`: a ``TypedDict`` per model class.

    >>> "class SessionDict(TypedDict):" in typed_dicts()
    True
    """
    writer = _TypedDicts()
    root = writer.name(Bilan)
    writer.blocks.append(
        f"class BilanDocument({root}):\n"
        '    """A whole document, as dump writes it: the bilan with its format marker."""\n\n'
        f'    format: Literal["{FORMAT}"]'
    )
    names = sorted([*writer.written.values(), "BilanDocument"])
    exports = "__all__ = [\n" + "".join(f'    "{name}",\n' for name in names) + "]\n"
    return _TYPED_HEAD + exports + "\n\n" + "\n\n\n".join(writer.blocks) + "\n"
