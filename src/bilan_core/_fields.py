"""The field table: the shape of every field of the model, written once.

Each model class declares its fields with ordinary type hints; a constraint the type alone
does not say rides on the hint with :data:`typing.Annotated` (``OpaqueId``, ``Siret``,
``SessionMinutes``…). :func:`record` reads a class once and gives its :class:`Record`: each
field's :class:`Shape` (a string of a pattern, an integer in a range, a date, an instant, an
amount, an enum, an object, a tagged union, an array…), its default and its description.

Everything that needs a field's shape reads it here:

- the classes' own checks on direct construction (:func:`check_fields`, the
  ``__attrs_post_init__`` of every model class), which also run the class's cross-field
  invariants (its ``_invariants`` method) once, in one pass;
- the wire format's reader, explainer and writer (:mod:`bilan_core._wire`);
- the JSON Schema (:mod:`bilan_core.schema`) and the wire-format tables of the docs.

This module knows nothing of JSON: it is the model's own description of itself.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Final, Literal, Union

import attrs
import pendulum

from bilan_core._values import FIRST_YEAR, LAST_YEAR, UTC
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = [
    "OPAQUE_ID",
    "SORTED",
    "Array",
    "Choice",
    "Day",
    "Facts",
    "FieldSpec",
    "Instant",
    "KeyCheck",
    "Money",
    "Nullable",
    "Obj",
    "OneOf",
    "OpaqueId",
    "Pattern",
    "Range",
    "Record",
    "Scalar",
    "Shape",
    "Tagged",
    "check_fields",
    "record",
    "shape_of",
]


# -- constraints a hint carries --------------------------------------------------------------


@attrs.frozen
class Pattern:
    """A string field matches this regular expression, whole.

    Attributes:
        regex: the expression, ASCII only, never matching a line break (so many values can be
            checked in one call, one per line).
        rule: what the value must be, as the error message says it.
        name: a short name for the docs (``"opaque id"``).
    """

    regex: str
    rule: Text
    name: str

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        """The expression, compiled (ASCII semantics)."""
        return re.compile(self.regex, re.ASCII)

    def ok(self, value: str) -> bool:
        """Whether the whole of ``value`` matches."""
        return self.compiled.fullmatch(value) is not None


@attrs.frozen
class Range:
    """An integer field lies from ``minimum`` to ``maximum`` (both included)."""

    minimum: int
    maximum: int

    @property
    def rule(self) -> Text:
        """What the value must be."""
        return Text(
            fr=f"un nombre entier de {self.minimum} à {self.maximum} est attendu",
            en=f"expected a whole number from {self.minimum} to {self.maximum}",
        )


@attrs.frozen
class KeyCheck:
    """A check only code can make (a SIRET's Luhn key): listed in the docs, not in the schema.

    Attributes:
        problem: returns what is wrong with a value already of the field's pattern, or ``None``.
        description: what it checks, for the docs.
    """

    problem: Callable[[str], Text | None] = attrs.field(eq=False)
    description: Text


_OPAQUE_REGEX: Final = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}"
OPAQUE_ID: Final = Pattern(
    regex=_OPAQUE_REGEX,
    rule=Text(
        fr="1 à 64 caractères parmi lettres, chiffres, '.', '_', ':' ou '-'",
        en="1-64 characters of letters, digits, '.', '_', ':' or '-'",
    ),
    name="opaque id",
)
"""An identifier into the caller's own records: no spaces, no accents, no names."""

OpaqueId = Annotated[str, OPAQUE_ID]
"""A string field holding an opaque identifier (see :data:`OPAQUE_ID`)."""


# -- shapes ----------------------------------------------------------------------------------


class Shape:
    """The shape of a field's value (a base class; see the subclasses)."""

    __slots__ = ()


@attrs.frozen
class Scalar(Shape):
    """A string, an integer or a boolean, with its constraints."""

    type: type
    pattern: Pattern | None = None
    range: Range | None = None
    checks: tuple[KeyCheck, ...] = ()


@attrs.frozen
class Day(Shape):
    """A calendar day: :class:`pendulum.Date`, ``YYYY-MM-DD`` on the wire."""


@attrs.frozen
class Instant(Shape):
    """An instant: :class:`pendulum.DateTime` in UTC; an ISO 8601 date-time with an offset."""


@attrs.frozen
class Money(Shape):
    """An amount in euros: :class:`~decimal.Decimal` with two places; a decimal string."""


@attrs.frozen
class Choice(Shape):
    """One of a fixed set of words: an enum (all or some of its members) or a ``Literal``."""

    values: tuple[str, ...]
    enum: type[enum.Enum] | None = None

    @property
    def whole_enum(self) -> bool:
        """An enum, every member allowed."""
        return self.enum is not None and len(self.values) == len(self.enum)


@attrs.frozen
class Obj(Shape):
    """A model class: an object on the wire."""

    cls: type


@attrs.frozen
class Tagged(Shape):
    """One of several model classes, told apart by a tag key (``{"type": "cpf", …}``)."""

    key: str
    classes: tuple[tuple[str, type], ...]
    name: str


@attrs.frozen
class Array(Shape):
    """A tuple of items.

    ``unique``: a frozenset, whose items never repeat; ``sorted``: the model keeps them in
    order, whatever the order on the wire.
    """

    item: Shape
    unique: bool = False
    sorted: bool = False


@attrs.frozen
class Nullable(Shape):
    """``X | None``: ``null`` on the wire."""

    inner: Shape


@attrs.frozen
class Facts(Shape):
    """Sorted ``(name, value)`` pairs, an object of names to JSON scalars on the wire."""

    key: Pattern


@attrs.frozen(init=False)
class OneOf:
    """Restricts an enum hint to some of its members (``Annotated[Phase, OneOf(...)]``)."""

    members: tuple[enum.Enum, ...]

    def __init__(self, *members: enum.Enum) -> None:
        self.__attrs_init__(members)


SORTED: Final = "sorted"
"""Marks a ``tuple[X, ...]`` hint whose items the model keeps sorted."""


@attrs.frozen
class AsFacts:
    """Marks a ``tuple[tuple[str, FactValue], ...]`` hint as :class:`Facts`."""

    key: Pattern


# -- the records -----------------------------------------------------------------------------


@attrs.frozen
class FieldSpec:
    """One field of a record.

    Attributes:
        name: the attribute, and the key on the wire.
        shape: the shape of its value.
        default: the value a missing key takes (:data:`attrs.NOTHING`: required).
        doc: its description, from the class's docstring.
    """

    name: str
    shape: Shape
    default: Any
    doc: str

    @property
    def required(self) -> bool:
        """No default: the key must be present."""
        return self.default is attrs.NOTHING


@attrs.frozen
class Record:
    """A model class as the table sees it.

    Attributes:
        cls: the class.
        fields: its fields, in declaration order.
        tag: for a member of a tagged union, its tag (``"cpf"``).
        invariants: the class's cross-field check (``_invariants``), when it has one; it
            raises :class:`~bilan_core.InvalidValue` naming the field.
        doc: the first line of the class docstring.
    """

    cls: type
    fields: tuple[FieldSpec, ...]
    tag: str | None
    invariants: Callable[[Any], None] | None = attrs.field(eq=False)
    doc: str

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """The field names."""
        return frozenset(f.name for f in self.fields)


_ROLE: Final = re.compile(r":\w+:`~?(?:[\w.]+\.)?([^`.]+)`")


def plain(text: str) -> str:
    """Docstring text without Sphinx roles (``:class:`~bilan_core.Phase``` becomes ``Phase``)."""
    return _ROLE.sub(r"\1", text)


def first_line(doc: str | None) -> str:
    """The first line of a docstring, plain."""
    return plain(inspect.cleandoc(doc or "").split("\n", 1)[0].strip())


def attribute_docs(cls: type) -> dict[str, str]:
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
    return {name: plain(text) for name, text in docs.items()}


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType)


def shape_of(hint: Any) -> Shape:  # noqa: PLR0911, PLR0912, C901 - one case per kind of hint
    """The shape of a resolved type hint (``Annotated`` extras included)."""
    if typing.get_origin(hint) is Annotated:
        base, *extras = typing.get_args(hint)
        for extra in extras:
            if isinstance(extra, AsFacts):
                return Facts(extra.key)
        shape = shape_of(base)
        for extra in extras:
            if isinstance(extra, OneOf) and isinstance(shape, Choice):
                return attrs.evolve(shape, values=tuple(m.value for m in extra.members))
        if isinstance(shape, Array) and SORTED in extras:
            return attrs.evolve(shape, sorted=True)
        if not isinstance(shape, Scalar):  # pragma: no cover - a model declaration error
            raise TypeError(f"constraints on a non-scalar hint: {hint!r}")
        return attrs.evolve(
            shape,
            pattern=next((e for e in extras if isinstance(e, Pattern)), shape.pattern),
            range=next((e for e in extras if isinstance(e, Range)), shape.range),
            checks=tuple(e for e in extras if isinstance(e, KeyCheck)),
        )
    if hint in (str, int, bool):
        return Scalar(hint)
    if hint is Decimal:
        return Money()
    if isinstance(hint, type) and issubclass(hint, dt.datetime):
        return Instant()
    if isinstance(hint, type) and issubclass(hint, dt.date):
        return Day()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return Choice(tuple(member.value for member in hint), hint)
    if typing.get_origin(hint) is Literal:
        return Choice(tuple(typing.get_args(hint)))
    if isinstance(hint, type) and attrs.has(hint):
        return Obj(hint)
    if _is_union(hint):
        args = typing.get_args(hint)
        inner = [a for a in args if a is not type(None)]
        if len(inner) < len(args):
            rest = inner[0] if len(inner) == 1 else Union[tuple(inner)]  # noqa: UP007
            return Nullable(shape_of(rest))
        if all(isinstance(a, type) and attrs.has(a) and hasattr(a, "TAG") for a in inner):
            return Tagged("type", tuple((a.TAG, a) for a in inner), _union_name(hint))
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
        return Array(shape_of(args[0]))
    if origin is frozenset:
        return Array(shape_of(args[0]), unique=True)
    raise TypeError(f"no shape for {hint!r}")  # pragma: no cover - a new model type


_UNION_NAMES: dict[frozenset[type], str] = {}


def name_union(name: str, *classes: type) -> None:
    """Give the tagged union of ``classes`` a name (its ``$defs`` entry in the schema)."""
    _UNION_NAMES[frozenset(classes)] = name


def _union_name(hint: Any) -> str:
    return _UNION_NAMES.get(frozenset(typing.get_args(hint)), "Union")


@functools.cache
def record(cls: type) -> Record:
    """The record of a model class (read once)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    docs = attribute_docs(cls)
    fields = []
    for field in attrs.fields(cls):
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if default is not attrs.NOTHING and field.converter is not None:
            default = field.converter(default)
        fields.append(
            FieldSpec(
                name=field.name,
                shape=shape_of(hints[field.name]),
                default=default,
                doc=docs.get(field.name, ""),
            )
        )
    return Record(
        cls=cls,
        fields=tuple(fields),
        tag=getattr(cls, "TAG", None),
        invariants=cls.__dict__.get("_invariants"),
        doc=first_line(cls.__doc__),
    )


# -- messages --------------------------------------------------------------------------------

EXPECTED: Final[dict[Any, Text]] = {
    str: Text(fr="une chaîne de caractères est attendue", en="expected a string"),
    int: Text(fr="un nombre entier est attendu", en="expected an integer"),
    bool: Text(fr="true ou false est attendu", en="expected true or false"),
    "object": Text(fr="un objet est attendu", en="expected an object"),
    "array": Text(fr="un tableau est attendu", en="expected an array"),
    "day": Text(fr="une date AAAA-MM-JJ est attendue", en="expected a date as YYYY-MM-DD"),
    "instant": Text(
        fr="une date-heure ISO 8601 avec son décalage horaire est attendue",
        en="expected an ISO 8601 date-time with an offset",
    ),
    "money": Text(
        fr='un montant est une chaîne décimale à deux décimales au plus, comme "103.20"',
        en='money is a decimal string with at most two places, such as "103.20"',
    ),
    "unique": Text(fr="les valeurs ne doivent pas se répéter", en="values must not repeat"),
}
"""What each shape expects, as error messages say it."""


def expected_choice(shape: Choice) -> Text:
    """The message for a value outside a :class:`Choice`."""
    words = ", ".join(repr(v) for v in shape.values)
    return Text(fr=f"une de ces valeurs est attendue : {words}", en=f"expected one of {words}")


def expected(shape: Shape) -> Text:  # noqa: PLR0911 - one case per shape
    """What a value of ``shape`` must be, as a message (for a value of the wrong kind)."""
    if isinstance(shape, Scalar):
        return EXPECTED[shape.type]
    if isinstance(shape, Choice):
        return expected_choice(shape)
    if isinstance(shape, (Obj, Tagged, Facts)):
        return EXPECTED["object"]
    if isinstance(shape, Array):
        return EXPECTED["array"]
    if isinstance(shape, Nullable):
        return expected(shape.inner)
    if isinstance(shape, Day):
        return EXPECTED["day"]
    if isinstance(shape, Instant):
        return EXPECTED["instant"]
    return EXPECTED["money"]


# -- checks on direct construction -------------------------------------------------------------


def _problem(shape: Shape, value: Any) -> Text | None:
    """What is wrong with a constructed value of ``shape`` (``None``: nothing).

    Values have gone through the field's converter already: dates, instants, money, tuples
    and frozensets have their model types when they could be converted.
    """
    if isinstance(shape, Nullable):
        return None if value is None else _problem(shape.inner, value)
    if isinstance(shape, Scalar):
        return _scalar_problem(shape, value)
    return _other_problem(shape, value)


def _scalar_problem(shape: Scalar, value: Any) -> Text | None:
    kind = shape.type
    if type(value) is not kind and not (kind is str and isinstance(value, str)):
        return EXPECTED[kind]
    checked: Any = value
    if shape.pattern is not None and not shape.pattern.ok(checked):
        return shape.pattern.rule
    if shape.range is not None and not shape.range.minimum <= checked <= shape.range.maximum:
        return shape.range.rule
    for check in shape.checks:
        problem = check.problem(checked)
        if problem is not None:
            return problem
    return None


def _other_problem(shape: Shape, value: Any) -> Text | None:  # noqa: PLR0911, C901 - one case per kind
    if isinstance(shape, Choice):
        if shape.enum is not None:
            ok = type(value) is shape.enum and value.value in shape.values
            return None if ok else expected_choice(shape)
        return None if value in shape.values else expected_choice(shape)
    if isinstance(shape, Obj):
        return None if type(value) is shape.cls else _expected_class(shape.cls)
    if isinstance(shape, Tagged):
        if any(type(value) is cls for _, cls in shape.classes):
            return None
        names = " | ".join(cls.__name__ for _, cls in shape.classes)
        return Text(fr=f"{names} attendu", en=f"expected {names}")
    if isinstance(shape, Array):
        for item in value:
            problem = _problem(shape.item, item)
            if problem is not None:
                return problem
        return None
    if isinstance(shape, Day):
        return None if type(value) is pendulum.Date else EXPECTED["day"]
    if isinstance(shape, Instant):
        ok = type(value) is pendulum.DateTime and value.tzinfo is UTC
        return None if ok else EXPECTED["instant"]
    return None  # Money and Facts: their converters check them


def _expected_class(cls: type) -> Text:
    return Text(fr=f"un {cls.__name__} est attendu", en=f"expected a {cls.__name__}")


@functools.cache
def _checker(cls: type) -> Callable[[Any], None]:
    rec = record(cls)
    fields = [(f.name, f.shape) for f in rec.fields if not isinstance(f.shape, (Money, Facts))]
    invariants = rec.invariants

    def check(instance: Any) -> None:
        for name, shape in fields:
            problem = _problem(shape, getattr(instance, name))
            if problem is not None:
                raise InvalidValue(problem, field=name)
        if invariants is not None:
            invariants(instance)

    return check


def check_fields(self: Any) -> None:
    """``__attrs_post_init__`` of every model class: each field's shape, then the invariants.

    Raises:
        InvalidValue: a field of the wrong type or format, naming it; or a broken invariant.
    """
    cls: Any = type(self)
    _checker(cls)(self)


def year_ok(value: dt.date) -> bool:
    """Whether a day or an instant falls in the model's years (1900 to 2999)."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


# -- cross-field invariants every class can use ------------------------------------------------


DUPLICATE_ID: Final = Text(
    fr="cet id est déjà celui d'un autre élément", en="this id is already another item's"
)
"""The message for an id that repeats within its array."""


def check_unique_ids(items: Any, field: str) -> None:
    """An invariant: the items of array ``field`` have distinct ids.

    Raises:
        InvalidValue: naming the first repeated id (``sessions[3].id``).
    """
    ids = [item.id for item in items]
    if len(set(ids)) == len(ids):
        return
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise InvalidValue(DUPLICATE_ID, field=f"{field}[{index}].id")
        seen.add(item_id)


def check_order(instance: Any, earlier: str, later: str) -> None:
    """An invariant: field ``later`` is not before field ``earlier`` (when both are set).

    Raises:
        InvalidValue: naming ``later``.
    """
    first, second = getattr(instance, earlier), getattr(instance, later)
    if first is not None and second is not None and second < first:
        raise InvalidValue(
            Text(fr=f"{later} est antérieur à {earlier}", en=f"{later} is before {earlier}"),
            field=later,
        )


def check_together(instance: Any, first: str, second: str) -> None:
    """An invariant: fields ``first`` and ``second`` are both set or both ``None``.

    Raises:
        InvalidValue: naming ``second``.
    """
    if (getattr(instance, first) is None) != (getattr(instance, second) is None):
        raise InvalidValue(
            Text(fr=f"{first} et {second} vont ensemble", en=f"{first} and {second} go together"),
            field=second,
        )
