"""The fast reader of the wire format: one generated function per attrs class.

:func:`bilan_core.load` first tries the reader this module builds; on any exception it falls
back to the detailed cattrs converter, which reports every error with its path. The reader
therefore only has to accept exactly the valid documents and build the same objects as the
converter; it never explains a problem.

For each class the reader checks the keys (unknown keys are errors, missing keys take the
field's default), reads each value with an inline type test or a scalar parser, creates the
instance with ``object.__new__`` and the slots' setters, then runs the class's own attrs
validators: the invariants (identifier syntax, SIRET key, order of dates, phase and kind...)
hold on load exactly as on direct construction. A class may instead give one predicate that
accepts exactly what its validators accept (``checks``): one call instead of several.
Converters are skipped only where the wire value already is what the converter returns (see
``identity_converters``).
"""

from __future__ import annotations

import enum
import sys
import types
from collections.abc import Callable, Collection, Mapping
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = ["Reject", "make_reader"]

_MISSING = object()


class Reject(Exception):
    """The document is not valid; the detailed converter says why."""


def _reject() -> Any:
    raise Reject


class _Builder:
    """Generates the reader functions, sharing one namespace."""

    def __init__(
        self,
        scalars: Mapping[Any, Callable[[Any], Any]],
        overrides: Mapping[tuple[type, str], Callable[[Any], Any]],
        unions: Mapping[Any, Callable[[_Builder], Callable[[Any], Any]]],
        identity_converters: Collection[Any],
        checks: Mapping[type, Callable[[Any], bool]],
    ) -> None:
        self.scalars = scalars
        self.checks = checks
        self.overrides = overrides
        self.unions = unions
        self.identity = identity_converters
        self.ns: dict[str, Any] = {
            "_reject": _reject,
            "_MISSING": _MISSING,
            "_intern": sys.intern,
            "_new": object.__new__,
            "_tuple": tuple,
            "_map": map,
            "_list": list,
            "_dict": dict,
            "_str": str,
            "_int": int,
            "_bool": bool,
        }
        self.readers: dict[Any, str] = {}
        self.count = 0

    def name(self, obj: Any, prefix: str) -> str:
        """Put ``obj`` in the namespace under a fresh name."""
        self.count += 1
        key = f"_{prefix}{self.count}"
        self.ns[key] = obj
        return key

    def reader(self, tp: Any) -> str:
        """The name of a function reading a value of type ``tp``."""
        if tp in self.readers:
            return self.readers[tp]
        expr = self.expr(tp, "v", intern=False)
        code = f"def read(v):\n    return {expr}\n"
        scope: dict[str, Any] = {}
        exec(code, self.ns, scope)  # noqa: S102 - code generated from the model's own types
        name = self.name(scope["read"], "r")
        self.readers[tp] = name
        return name

    def expr(self, tp: Any, v: str, *, intern: bool) -> str:  # noqa: PLR0911 - one per kind
        """A Python expression reading the raw value in variable ``v`` as type ``tp``."""
        if tp in self.scalars:
            return f"{self.name(self.scalars[tp], 'p')}({v})"
        if tp in self.unions:
            return f"{self.name(self.unions[tp](self), 'u')}({v})"
        if tp in (str, int, bool):
            if tp is str and intern:
                return f"(_intern({v}) if type({v}) is _str else _reject())"
            return f"({v} if type({v}) is _{tp.__name__} else _reject())"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            members = {member.value: member for member in tp}
            return f"{self.name(members, 'm')}[{v}]"
        if isinstance(tp, type) and attrs.has(tp):
            return f"{self.class_reader(tp)}({v})"
        return self._generic_expr(tp, v, intern=intern)

    def _generic_expr(self, tp: Any, v: str, *, intern: bool) -> str:
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:  # noqa: PLR2004
            (inner,) = (arg for arg in args if arg is not type(None))
            return f"(None if {v} is None else {self.expr(inner, v, intern=intern)})"
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            read = self.reader(args[0])
            return f"(_tuple(_map({read}, {v})) if type({v}) is _list else _reject())"
        if origin is frozenset:
            read = self.reader(args[0])
            return f"{self.name(_read_frozenset, 'f')}({v}, {read})"
        msg = f"no fast reader for {tp!r}"
        raise TypeError(msg)

    def class_reader(self, cls: type, *, tag: str | None = None) -> str:
        """The name of the reader of an attrs class (``tag``: a key to accept and ignore)."""
        if tag is None and cls in self.readers:
            return self.readers[cls]
        cls = attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        keys = frozenset(f.name for f in fields) | ({tag} if tag else set())
        # Every key present (what dumps writes): plain lookups, a missing key means an unknown
        # one took its place (KeyError). Otherwise: no unknown key, defaults for missing ones.
        lines = [
            "def read(o):",
            "    if type(o) is not _dict:",
            "        _reject()",
            f"    if len(o) == {len(keys)}:",
        ]
        reads = [self._field_read(cls, field) for field in fields]
        for index, (field, (value, _)) in enumerate(zip(fields, reads, strict=True)):
            lines.extend((f"        v = o[{field.name!r}]", f"        f{index} = {value}"))
        lines.extend(
            (
                "    else:",
                f"        if not {self.name(keys, 'k')}.issuperset(o):",
                "            _reject()",
            )
        )
        for index, (field, (value, default)) in enumerate(zip(fields, reads, strict=True)):
            if default is None:
                lines.extend((f"        v = o[{field.name!r}]", f"        f{index} = {value}"))
            else:
                lines.extend(
                    (
                        f"        v = o.get({field.name!r}, _MISSING)",
                        f"        f{index} = {default} if v is _MISSING else {value}",
                    )
                )
        lines.append(f"    self = _new({self.name(cls, 'c')})")
        for index, field in enumerate(fields):
            setter = self.name(cls.__dict__[field.name].__set__, "s")
            lines.append(f"    {setter}(self, f{index})")
        check = self.checks.get(cls)
        if check is not None:
            lines.extend((f"    if not {self.name(check, 'chk')}(self):", "        _reject()"))
        for index, field in enumerate(fields):
            if check is None and field.validator is not None:
                validator = self.name(field.validator, "v")
                lines.append(f"    {validator}(self, {self.name(field, 'a')}, f{index})")
        lines.append("    return self")
        scope: dict[str, Any] = {}
        exec("\n".join(lines) + "\n", self.ns, scope)  # noqa: S102 - generated from the model
        name = self.name(scope["read"], cls.__name__)
        if tag is None:
            self.readers[cls] = name
        return name

    def _field_read(self, cls: type, field: attrs.Attribute[Any]) -> tuple[str, str | None]:
        """The expression reading ``v`` into the field, and the one of its default if any."""
        override = self.overrides.get((cls, field.name))
        intern = field.repr is not False  # free text (hidden from repr) is not interned
        if override is not None:
            value = f"{self.name(override, 'o')}(v)"
        else:
            value = self.expr(field.type, "v", intern=intern)
        converter = field.converter
        if converter is not None and converter not in self.identity:
            value = f"{self.name(converter, 'conv')}({value})"
        if field.default is attrs.NOTHING:
            return value, None
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            factory = self.name(field.default.factory, "d")  # type: ignore[union-attr]
            default = f"{factory}()"
            if converter is not None:
                default = f"{self.name(converter, 'conv')}({default})"
        else:
            stored = field.default if converter is None else converter(field.default)  # type: ignore[operator]
            default = self.name(stored, "d")
        return value, default


def _read_frozenset(value: Any, read: Callable[[Any], Any]) -> frozenset[Any]:
    if type(value) is not list:
        raise Reject
    result = frozenset(map(read, value))
    if len(result) != len(value):
        raise Reject
    return result


def make_reader(
    cls: type,
    *,
    scalars: Mapping[Any, Callable[[Any], Any]],
    overrides: Mapping[tuple[type, str], Callable[[Any], Any]] | None = None,
    unions: Mapping[Any, Callable[[Any], Callable[[Any], Any]]] | None = None,
    identity_converters: Collection[Any] = (),
    checks: Mapping[type, Callable[[Any], bool]] | None = None,
) -> Callable[[Any], Any]:
    """A function reading a JSON-parsed value into ``cls``, or raising on invalid input.

    Args:
        cls: the attrs class to read.
        scalars: a parser per scalar type (dates, instants, money), taking the raw value.
        overrides: a parser for one field of one class, replacing the one its type implies.
        unions: for a union type, a function given the builder (its ``class_reader(cls,
            tag=...)`` names a class reader) and returning the union's parser.
        identity_converters: attrs converters to skip: they return the value unchanged when
            given what the reader produces.
        checks: for a class, one predicate on the built instance replacing its field
            validators: it must accept exactly what they accept, given values of the fields'
            types (a rejected document is then explained by the detailed converter).
    """
    builder = _Builder(
        scalars, overrides or {}, unions or {}, frozenset(identity_converters), checks or {}
    )
    return builder.ns[builder.class_reader(cls)]  # type: ignore[no-any-return]


class _WriterBuilder:
    """Generates the writer functions: an attrs instance to a dict of JSON types."""

    def __init__(
        self,
        scalars: Mapping[Any, Callable[[Any], Any]],
        overrides: Mapping[tuple[type, str], Callable[[Any], Any]],
        unions: Mapping[Any, Mapping[type, str]],
    ) -> None:
        self.scalars = scalars
        self.overrides = overrides
        self.unions = unions
        self.ns: dict[str, Any] = {"_list": list, "_sorted": sorted, "_map": map, "_type": type}
        self.writers: dict[Any, str] = {}
        self.count = 0

    def name(self, obj: Any, prefix: str) -> str:
        self.count += 1
        key = f"_{prefix}{self.count}"
        self.ns[key] = obj
        return key

    def writer(self, tp: Any) -> str:
        """The name of a function writing a value of type ``tp``."""
        if tp not in self.writers:
            scope: dict[str, Any] = {}
            exec(f"def write(x):\n    return {self.expr(tp, 'x')}\n", self.ns, scope)  # noqa: S102
            self.writers[tp] = self.name(scope["write"], "w")
        return self.writers[tp]

    def expr(self, tp: Any, x: str) -> str:  # noqa: PLR0911 - one case per kind
        """A Python expression writing the value of expression ``x`` (evaluated once or twice)."""
        if tp in self.scalars:
            return f"{self.name(self.scalars[tp], 'p')}({x})"
        if tp in (str, int, bool):
            return x
        if tp in self.unions:
            tags = {
                cls: (tag, self.ns[self.class_writer(cls)]) for cls, tag in self.unions[tp].items()
            }
            return f"{self.name(_union_writer(tags), 'u')}({x})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{x}._value_"
        if isinstance(tp, type) and attrs.has(tp):
            return f"{self.class_writer(tp)}({x})"
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:  # noqa: PLR2004
            (inner,) = (arg for arg in args if arg is not type(None))
            inner_expr = self.expr(inner, x)
            return x if inner_expr == x else f"(None if {x} is None else {inner_expr})"
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            if self.expr(args[0], "e") == "e":
                return f"_list({x})"
            return f"_list(_map({self.writer(args[0])}, {x}))"
        if origin is frozenset:
            return f"_sorted(_map({self.writer(args[0])}, {x}))"
        msg = f"no fast writer for {tp!r}"
        raise TypeError(msg)

    def class_writer(self, cls: type) -> str:
        """The name of the writer of an attrs class: a dict of every field, in field order."""
        if cls in self.writers:
            return self.writers[cls]
        cls = attrs.resolve_types(cls)
        items = []
        for field in attrs.fields(cls):
            override = self.overrides.get((cls, field.name))
            x = f"o.{field.name}"
            value = f"{self.name(override, 'o')}({x})" if override else self.expr(field.type, x)
            items.append(f"{field.name!r}: {value}")
        code = "def write(o):\n    return {" + ", ".join(items) + "}\n"
        scope: dict[str, Any] = {}
        exec(code, self.ns, scope)  # noqa: S102 - generated from the model's own types
        self.writers[cls] = self.name(scope["write"], cls.__name__)
        return self.writers[cls]


def _union_writer(tags: Mapping[type, tuple[str, Callable[[Any], dict[str, Any]]]]) -> Any:
    def write(value: Any) -> dict[str, Any]:
        tag, inner = tags[type(value)]
        return {"type": tag, **inner(value)}

    return write


def make_writer(
    cls: type,
    *,
    scalars: Mapping[Any, Callable[[Any], Any]],
    overrides: Mapping[tuple[type, str], Callable[[Any], Any]] | None = None,
    unions: Mapping[Any, Mapping[type, str]] | None = None,
) -> Callable[[Any], dict[str, Any]]:
    """A function writing an instance of ``cls`` as a dict of JSON types.

    Args:
        cls: the attrs class to write.
        scalars: a writer per scalar type (dates, instants, money).
        overrides: a writer for one field of one class, replacing the one its type implies.
        unions: for a tagged union type, the tag of each class, written first as ``"type"``.
    """
    builder = _WriterBuilder(scalars, overrides or {}, unions or {})
    return builder.ns[builder.class_writer(cls)]  # type: ignore[no-any-return]
