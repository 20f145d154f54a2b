"""The reader: msgspec mirror types and a builder per class, both made from the field table.

For each model class the table describes, :class:`Reader` makes a *mirror*: a
:class:`msgspec.Struct` with the same keys, ``forbid_unknown_fields``, the funding as a union
tagged by ``"type"``, enums and ``Literal`` words as msgspec reads them, integer ranges as
``msgspec.Meta``, days as :class:`datetime.date`, and instants and amounts as strings.
msgspec checks all of that in C while it decodes the bytes.

A builder generated once per class then makes the frozen attrs object from a mirror, as the
class's own ``__init__`` would but without re-checking what msgspec checked: it converts days,
instants and amounts to the model's types, collects every value that has a pattern (ids, digit
strings, instants, amounts) to check each pattern **once per document** with one regular
expression over all its distinct values, runs the check keys (a SIRET's), and calls the
class's invariants once. Anything wrong raises; :mod:`bilan_core._wire.explain` then says
what.

Within one document, equal values are one object: an id and the references to it, a day or an
instant that several fields hold. The per-document tables that share them (the pattern
collections, and one table of days and one of instants) live as long as the read.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union

import msgspec

from bilan_core._fields import (
    Array,
    Choice,
    Day,
    Facts,
    Instant,
    Money,
    Nullable,
    Obj,
    Pattern,
    Scalar,
    Shape,
    Tagged,
    record,
)
from bilan_core._wire.scalars import (
    INSTANT_PATTERN,
    MONEY_PATTERN,
    read_day_in,
    read_instant_in,
    read_money,
    written_form,
)

__all__ = ["Reader", "Reject"]


class Reject(Exception):
    """The document is not valid; the explainer says why."""


_FACT_VALUE = Union[str, int, bool, None]  # noqa: UP007 - a runtime type for msgspec

# What the builders find in ``c``, their second argument, for one document: the table of its
# days, the table of its instants, then per pattern the function collecting its values.
_DAYS = 0
_INSTANTS = 1
_PATTERNS = 2


def _lines(pattern: Pattern) -> re.Pattern[str]:
    """One expression matching many values of ``pattern``, one per line."""
    return re.compile(f"(?:{pattern.regex})(?:\n(?:{pattern.regex}))*", re.ASCII)


def _frozenset(items: tuple[Any, ...]) -> frozenset[Any]:
    result = frozenset(items)
    if len(result) != len(items):
        raise Reject
    return result


class _Builder:
    """Generates the mirror types and the builder functions, sharing one namespace."""

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {
            "_new": object.__new__,
            "_tuple": tuple,
            "_sorted": sorted,
            "_UNSET": msgspec.UNSET,
            "_Reject": Reject,
            "_day": read_day_in,
            "_instant": read_instant_in,
            "_money": read_money,
            "_frozenset": _frozenset,
        }
        self.mirrors: dict[Any, Any] = {}
        self.builders: dict[Any, str] = {}
        self.patterns: dict[str, int] = {}
        self.pattern_list: list[Pattern] = []
        self.count = 0

    def name(self, obj: Any, prefix: str) -> str:
        self.count += 1
        key = f"_{prefix}{self.count}"
        self.ns[key] = obj
        return key

    def pattern(self, pattern: Pattern) -> int:
        """The index in ``c`` of the function collecting the values of ``pattern``."""
        if pattern.regex not in self.patterns:
            self.patterns[pattern.regex] = len(self.pattern_list)
            self.pattern_list.append(pattern)
        return _PATTERNS + self.patterns[pattern.regex]

    # -- mirror types ----------------------------------------------------------------------

    def mirror(self, shape: Shape) -> Any:  # noqa: PLR0911, C901 - one case per shape
        if isinstance(shape, Scalar):
            if shape.range is not None:
                meta = msgspec.Meta(ge=shape.range.minimum, le=shape.range.maximum)
                return Annotated[shape.type, meta]
            return shape.type
        if isinstance(shape, Choice):
            return shape.enum if shape.whole_enum else Literal[shape.values]
        if isinstance(shape, Day):
            return dt.date
        if isinstance(shape, (Instant, Money)):
            return str
        if isinstance(shape, Obj):
            return self.mirror_class(shape.cls)
        if isinstance(shape, Tagged):
            return Union[tuple(self.mirror_class(cls, tag=tag) for tag, cls in shape.classes)]  # noqa: UP007
        if isinstance(shape, Array):
            return tuple[self.mirror(shape.item), ...]  # type: ignore[misc]
        if isinstance(shape, Nullable):
            return Union[self.mirror(shape.inner), None]  # noqa: UP007
        if isinstance(shape, Facts):
            return dict[str, _FACT_VALUE]
        raise TypeError(shape)  # pragma: no cover - a new shape

    def mirror_class(
        self, cls: type, *, tag: str | None = None, marker: tuple[str, str] | None = None
    ) -> Any:
        key = (cls, tag, marker)
        if key in self.mirrors:
            return self.mirrors[key]
        fields: list[tuple[Any, ...]] = []
        if marker is not None:
            fields.append((marker[0], Literal[marker[1]]))
        for field in record(cls).fields:
            kind = self.mirror(field.shape)
            if field.required:
                fields.append((field.name, kind))
            elif _plain_default(field.default):
                fields.append((field.name, kind, field.default))
            else:
                fields.append((field.name, Union[kind, msgspec.UnsetType], msgspec.UNSET))  # noqa: UP007
        options: dict[str, Any] = {}
        if tag is not None:
            options = {"tag_field": "type", "tag": tag}
        mirror = msgspec.defstruct(
            f"Wire{cls.__name__}",
            fields,
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,
            **options,
        )
        self.mirrors[key] = mirror
        return mirror

    # -- builders ---------------------------------------------------------------------------

    def value(  # noqa: C901, PLR0911, PLR0912 - one case per shape
        self, shape: Shape, x: str, lines: list[str], indent: str
    ) -> str:
        """The expression building the model value of mirror value ``x`` (a variable name).

        Statements it needs first (collecting values for the pattern checks) go to ``lines``.
        """
        if isinstance(shape, Scalar):
            if shape.pattern is not None:  # collected, and one object per distinct value
                lines.append(f"{indent}{x} = c[{self.pattern(shape.pattern)}]({x}, {x})")
            for check in shape.checks:
                name = self.name(check.problem, "k")
                lines.append(f"{indent}if {name}({x}) is not None: raise _Reject")
            return x
        if isinstance(shape, Choice):
            if shape.enum is None or shape.whole_enum:
                return x
            members = {value: shape.enum(value) for value in shape.values}
            return f"{self.name(members, 'm')}[{x}]"
        if isinstance(shape, Day):
            return f"_day({x}, c[{_DAYS}])"
        if isinstance(shape, Instant):  # the table of instants is the pattern's collection
            self.pattern(INSTANT_PATTERN)
            return f"_instant({x}, c[{_INSTANTS}])"
        if isinstance(shape, Money):
            lines.append(f"{indent}c[{self.pattern(MONEY_PATTERN)}]({x}, {x})")
            return f"_money({x})"
        if isinstance(shape, Obj):
            return f"{self.builder(shape.cls)}({x}, c)"
        if isinstance(shape, Tagged):
            table = {
                self.mirror_class(cls, tag=tag): self.ns[self.builder(cls)]
                for tag, cls in shape.classes
            }
            return f"{self.name(table, 'u')}[type({x})]({x}, c)"
        if isinstance(shape, Array):
            inner: list[str] = []
            item = self.value(shape.item, "e", inner, "")
            collect = _collect(inner[0]) if len(inner) == 1 and item == "e" else ""
            if isinstance(shape.item, Obj):  # the item's builder, called directly
                result = f"_tuple([{self.builder(shape.item.cls)}(e, c) for e in {x}])"
            elif collect:  # strings of a pattern: collected, and one object per value
                result = f"_tuple([{collect} for e in {x}])"
            elif inner or item != "e":
                built = self.function(shape.item)
                result = f"_tuple([{built}(e, c) for e in {x}])"
            else:
                result = x
            if shape.sorted:
                result = f"_tuple(_sorted({result}))"
            return f"_frozenset({result})" if shape.unique else result
        if isinstance(shape, Nullable):
            inner_lines: list[str] = []
            built = self.value(shape.inner, x, inner_lines, indent + "    ")
            if inner_lines:
                lines.append(f"{indent}if {x} is not None:")
                lines.extend(inner_lines)
            return x if built == x else f"(None if {x} is None else {built})"
        if isinstance(shape, Facts):
            lines.append(f"{indent}for k in {x}: c[{self.pattern(shape.key)}](k, k)")
            return f"_tuple(_sorted({x}.items()))"
        raise TypeError(shape)  # pragma: no cover - a new shape

    def function(self, shape: Shape) -> str:
        """The name of a function ``(mirror value, c) -> model value`` for ``shape``."""
        lines: list[str] = []
        expr = self.value(shape, "v", lines, "    ")
        code = "def f(v, c):\n" + "\n".join(lines) + ("\n" if lines else "")
        code += f"    return {expr}\n"
        scope: dict[str, Any] = {}
        exec(code, self.ns, scope)  # noqa: S102 - generated from the model's own field table
        return self.name(scope["f"], "f")

    def builder(self, cls: type) -> str:
        """The name of the function building an instance of ``cls`` from its mirror."""
        if cls in self.builders:
            return self.builders[cls]
        rec = record(cls)
        lines = ["def build(s, c):", f"    o = _new({self.name(cls, 'c')})"]
        for field in rec.fields:
            setter = self.name(cls.__dict__[field.name].__set__, "s")
            body: list[str] = []
            if field.required or _plain_default(field.default):
                value = self.value(field.shape, "v", body, "    ")
                if not body and _once(value):  # the mirror's value read once: no variable
                    read = f"s.{field.name}"
                    value = read if value == "v" else value.replace("(v", f"({read}", 1)
                    lines.append(f"    {setter}(o, {value})")
                    continue
                lines.append(f"    v = s.{field.name}")
                lines.extend(body)
                lines.append(f"    {setter}(o, {value})")
            else:
                default = self.name(field.default, "d")
                value = self.value(field.shape, "v", body, "        ")
                lines.extend(
                    (
                        f"    v = s.{field.name}",
                        "    if v is _UNSET:",
                        f"        {setter}(o, {default})",
                        "    else:",
                        *body,
                        f"        {setter}(o, {value})",
                    )
                )
        if rec.invariants is not None:
            lines.append(f"    {self.name(rec.invariants, 'i')}(o)")
        lines.append("    return o")
        scope: dict[str, Any] = {}
        exec("\n".join(lines) + "\n", self.ns, scope)  # noqa: S102 - generated from the table
        self.builders[cls] = self.name(scope["build"], cls.__name__)
        return self.builders[cls]


_COLLECT = re.compile(r"e = (c\[[0-9]+\]\(e, e\))")


def _collect(line: str) -> str:
    """The expression of a line collecting item ``e`` for a pattern (``c[2](e, e)``), or ``""``."""
    match = _COLLECT.fullmatch(line)
    return match.group(1) if match else ""


_CALL_OF_V = re.compile(r"v|[A-Za-z_][A-Za-z0-9_]*\(v(?:, c(?:\[[0-9]+\])?)*\)")


def _once(expression: str) -> bool:
    """Whether ``expression`` is ``v`` or a call reading ``v`` once (``_f(v, c[3])``)."""
    return _CALL_OF_V.fullmatch(expression) is not None


def _plain_default(value: Any) -> bool:
    """A default msgspec can hold as is in the mirror (the model stores the same value)."""
    return value is None or type(value) in (bool, int, str) or isinstance(value, enum.Enum)


class Reader:
    """Reads one kind of document: bytes to a model object, or an exception.

    Args:
        root: the model class of the document.
        marker: the document's format marker, ``(key, value)``: required, and equal.
    """

    def __init__(self, root: type, *, marker: tuple[str, str]) -> None:
        builder = _Builder()
        self.root = root
        self.marker = marker
        self.mirror = builder.mirror_class(root, marker=marker)
        self._decoder = msgspec.json.Decoder(self.mirror)
        self._build: Callable[[Any, list[list[str]]], Any] = builder.ns[builder.builder(root)]
        self._checks = tuple(_lines(pattern) for pattern in builder.pattern_list)
        self._one = tuple(pattern.compiled.fullmatch for pattern in builder.pattern_list)
        self._count = len(self._checks)
        self._instants = (
            builder.pattern_list.index(INSTANT_PATTERN)
            if INSTANT_PATTERN in builder.pattern_list
            else None
        )
        self._builder = builder

    def read(self, data: bytes | str) -> Any:
        """The model object of a JSON document.

        Raises:
            Exception: any, when the document is not valid (the explainer says why).
        """
        return self.build(self._decoder.decode(data))

    def build(self, mirror: Any) -> Any:
        """The model object of a decoded mirror (every pattern checked at the end)."""
        collected, tables = self._tables()
        result = self._build(mirror, tables)
        instants = tables[_INSTANTS]
        for values, check, one in zip(collected, self._checks, self._one, strict=True):
            if not values or (values is instants and written_form(values)):
                continue
            if len(values) == 1:  # the pattern never matches a line break
                if one(next(iter(values))) is None:
                    raise Reject
                continue
            lines = "\n".join(values)
            # A value holding a line break would pass as two lines: count them too.
            if check.fullmatch(lines) is None or lines.count("\n") != len(values) - 1:
                raise Reject
        return result

    def _tables(self) -> tuple[list[dict[str, Any]], list[Any]]:
        """One document's tables: each pattern's distinct values, and what the builders see.

        The builders see ``c``: the table of days, the table of instants (its texts are the
        instant pattern's values), then each pattern's ``setdefault`` (it collects a value and
        gives back the first equal one).
        """
        collected: list[dict[str, Any]] = [{} for _ in itertools.repeat(None, self._count)]
        tables: list[Any] = [{}, {}]
        tables.extend(values.setdefault for values in collected)
        if self._instants is not None:
            tables[_INSTANTS] = collected[self._instants]
        return collected, tables

    def build_part(
        self,
        cls: type,
        value: dict[str, Any],
        *,
        tag: str | None = None,
        marker: tuple[str, str] | None = None,
    ) -> Any:
        """The model object of one JSON object of the document whose parts are all right.

        The explainer's way to run the class's invariants.

        Raises:
            InvalidValue: an invariant of the class.
        """
        mirror = self._builder.mirror_class(cls, tag=tag, marker=marker)
        build = self._builder.ns[self._builder.builder(cls)]
        return build(msgspec.convert(value, mirror, strict=True), self._tables()[1])
