"""The explainer: every problem of a refused document, with its JSON path, a bounded number.

It walks the parsed JSON with the field table, the same table the reader was made from:
unknown and missing keys, values of the wrong kind, patterns, check keys, days that do not
exist, instants in the Paris spring-forward gap, the tagged union. An object whose parts are
all right is then built by the reader's own builder, which runs the class's invariants; a
broken one is reported at the path the invariant names.

However bad the document, the work is linear in its size: each value is looked at once (and
each object built once per level it is nested in, for its invariants); past
:attr:`~bilan_core.SerializationError.LIMIT` problems, the rest are only counted. A key the
table does not know is never repeated raw: it is shown escaped and shortened.
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import TYPE_CHECKING, Any, Final

from bilan_core._fields import (
    EXPECTED,
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
    expected,
    expected_choice,
    record,
)
from bilan_core._wire.scalars import date_problem, instant_problem, money_problem
from bilan_core.errors import InvalidValue, SerializationError
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core._wire.reader import Reader

__all__ = ["Problems", "explain", "show_key"]

UNKNOWN_KEY: Final = Text(fr="clé inconnue", en="unknown key")
MISSING_KEY: Final = Text(fr="clé obligatoire manquante", en="required key missing")
_FACT_VALUE: Final = Text(
    fr="la valeur d'un fait est une chaîne, un entier, un booléen ou null",
    en="a fact's value is a string, an integer, a boolean or null",
)
_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_KEY_LIMIT: Final = 32


def show_key(key: str) -> str:
    r"""A key as a path shows it: ``.name`` for a plain name, else ``["…"]`` escaped and cut.

    Line breaks, control characters and quotes are escaped (``\\n``, ``\\u001b``), so a key
    cannot forge a line of a message or drive a terminal; a long key is cut to its first
    32 characters.

    >>> show_key("notes")
    '.notes'
    >>> show_key("a\\n$.provider.siret: wrong")
    '["a\\\\n$.provider.siret: wrong"]'
    >>> show_key("x" * 50)
    '["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"]'
    """
    if _IDENTIFIER.fullmatch(key) and len(key) <= _KEY_LIMIT:
        return f".{key}"
    text = "".join(
        _ESCAPES.get(c) or (c if " " <= c <= "~" else f"\\u{ord(c):04x}") for c in key[:32]
    )
    return f'["{text}{"…" if len(key) > _KEY_LIMIT else ""}"]'


_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class Problems:
    """The problems found: the first ``limit`` kept, all counted."""

    def __init__(self, limit: int = SerializationError.LIMIT) -> None:
        self.items: list[tuple[str, Text]] = []
        self.total = 0
        self.limit = limit

    @property
    def full(self) -> bool:
        """``limit`` problems kept: the next are only counted (their paths are not needed)."""
        return len(self.items) >= self.limit

    def add(self, path: str, message: Text) -> None:
        self.total += 1
        if len(self.items) < self.limit:
            self.items.append((path, message))


class _Walker:
    def __init__(self, reader: Reader, problems: Problems) -> None:
        self.reader = reader
        self.problems = problems

    def walk(self, value: Any, shape: Shape, path: str) -> bool:  # noqa: C901, PLR0911, PLR0912
        """Whether ``value`` is right for ``shape``; problems are added with their paths."""
        add = self.problems.add
        if isinstance(shape, Nullable):
            return value is None or self.walk(value, shape.inner, path)
        if isinstance(shape, Scalar):
            return self.scalar(value, shape, path)
        if isinstance(shape, Choice):
            if type(value) is not str or value not in shape.values:
                add(path, expected_choice(shape))
                return False
            return True
        if isinstance(shape, (Day, Instant, Money)):
            check = {Day: date_problem, Instant: instant_problem, Money: money_problem}
            problem = check[type(shape)](value)
            if problem is not None:
                add(path, problem)
                return False
            return True
        if isinstance(shape, Obj):
            return self.object(value, shape.cls, path)
        if isinstance(shape, Tagged):
            return self.tagged(value, shape, path)
        if isinstance(shape, Array):
            if type(value) is not list:
                add(path, EXPECTED["array"])
                return False
            ok = True
            problems, walk, item_shape = self.problems, self.walk, shape.item
            for index, item in enumerate(value):
                if problems.full:  # from here on, problems are only counted: no more paths
                    ok = self.count_rest(value, index, item_shape, path) and ok
                    break
                ok = walk(item, item_shape, f"{path}[{index}]") and ok
            if ok and shape.unique and len(set(value)) != len(value):
                add(path, EXPECTED["unique"])
                return False
            return ok
        if isinstance(shape, Facts):
            return self.facts(value, shape, path)
        raise TypeError(shape)  # pragma: no cover - a new shape

    def count_rest(self, items: list[Any], start: int, shape: Shape, path: str) -> bool:
        """:meth:`walk` over ``items[start:]`` once the problems kept are full: only counted.

        Where an object is expected, an item that is not one is one problem: those are
        counted at once, without a pass of :meth:`walk` each.
        """
        walk = self.walk
        rest = itertools.islice(items, start, None)
        if not isinstance(shape, (Obj, Tagged)):
            ok = True
            for item in rest:
                ok = walk(item, shape, path) and ok
            return ok
        objects = operator.countOf(map(type, rest), dict)
        others = len(items) - start - objects
        self.problems.total += others
        ok = not others
        if objects:
            for item in itertools.islice(items, start, None):
                if type(item) is dict:
                    ok = walk(item, shape, path) and ok
        return ok

    def scalar(self, value: Any, shape: Scalar, path: str) -> bool:
        if type(value) is not shape.type:
            self.problems.add(path, expected(shape))
            return False
        return self.constraints(value, shape, path)

    def constraints(self, value: Any, shape: Scalar, path: str) -> bool:
        if shape.pattern is not None and not shape.pattern.ok(value):
            self.problems.add(path, shape.pattern.rule)
            return False
        if shape.range is not None and not shape.range.minimum <= value <= shape.range.maximum:
            self.problems.add(path, shape.range.rule)
            return False
        for check in shape.checks:
            problem = check.problem(value)
            if problem is not None:
                self.problems.add(path, problem)
                return False
        return True

    def facts(self, value: Any, shape: Facts, path: str) -> bool:
        if type(value) is not dict:
            self.problems.add(path, EXPECTED["object"])
            return False
        ok = True
        for key, item in value.items():
            if not shape.key.ok(key):
                self.problems.add(
                    path, shape.key.rule.map("noms de faits : {}", "fact names are {}")
                )
                ok = False
            elif item is not None and type(item) not in (str, int, bool):
                self.problems.add(f"{path}{show_key(key)}", _FACT_VALUE)
                ok = False
        return ok

    def tagged(self, value: Any, shape: Tagged, path: str) -> bool:
        if type(value) is not dict:
            self.problems.add(path, EXPECTED["object"])
            return False
        tags = dict(shape.classes)
        tag = value.get(shape.key)
        if type(tag) is not str or tag not in tags:
            self.problems.add(f"{path}.{shape.key}", expected_choice(Choice(tuple(tags))))
            return False
        return self.object(value, tags[tag], path, tag=(shape.key, tag))

    def object(
        self,
        value: Any,
        cls: type,
        path: str,
        *,
        tag: tuple[str, str] | None = None,
        marker: tuple[str, str] | None = None,
    ) -> bool:
        add = self.problems.add
        if type(value) is not dict:
            add(path, EXPECTED["object"])
            return False
        rec = record(cls)
        known = rec.keys
        extra = {tag[0]} if tag else {marker[0]} if marker else set()
        ok = True
        for key in value:
            if key not in known and key not in extra:
                add(path if self.problems.full else f"{path}{show_key(key)}", UNKNOWN_KEY)
                ok = False
        for field in rec.fields:
            if field.name in value:
                ok = self.walk(value[field.name], field.shape, f"{path}.{field.name}") and ok
            elif field.required:
                add(f"{path}.{field.name}", MISSING_KEY)
                ok = False
        if not ok:
            return False
        try:
            self.reader.build_part(cls, value, tag=tag[1] if tag else None, marker=marker)
        except InvalidValue as exc:
            add(f"{path}.{exc.field}" if exc.field else path, exc.text)
            return False
        return True


def explain(document: Any, reader: Reader, *, marker: tuple[str, str]) -> Problems:
    """Every problem of ``document`` (parsed JSON) for ``reader``'s root class."""
    problems = Problems()
    if type(document) is not dict:
        problems.add("$", EXPECTED["object"])
        return problems
    key, value = marker
    found = document.get(key)
    if found != value:
        why = ("marqueur de format absent", "missing format marker")
        if found is not None:
            why = ("marqueur de format non pris en charge", "unsupported format marker")
        problems.add(
            f"$.{key}", Text(fr=f'{why[0]} : "{value}" attendu', en=f'{why[1]}: expected "{value}"')
        )
        return problems
    _Walker(reader, problems).object(document, reader.root, "$", marker=marker)
    return problems
