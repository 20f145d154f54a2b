"""The writer: a model object as a dict of JSON types, by a function generated per class.

Every field is written, in declaration order (or, for the bytes of ``dumps``, every key of
every object in sorted order, so that the JSON encoder need not sort them); a tagged union
member starts with its tag; frozensets are written sorted, so equal objects give equal JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

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
    record,
)
from bilan_core._wire.scalars import instant_writer, write_money

__all__ = ["make_writer"]


class _Builder:
    def __init__(self, *, sort_keys: bool) -> None:
        self.ns: dict[str, Any] = {
            "_list": list,
            "_sorted": sorted,
            "_map": map,
            "_dict": dict,
            "_day": dt.date.isoformat,
            "_instant": instant_writer(),
            "_money": write_money,
        }
        self.writers: dict[Any, str] = {}
        self.count = 0
        self.sort_keys = sort_keys

    def name(self, obj: Any, prefix: str) -> str:
        self.count += 1
        key = f"_{prefix}{self.count}"
        self.ns[key] = obj
        return key

    def function(self, shape: Shape) -> str:
        scope: dict[str, Any] = {}
        exec(f"def w(x):\n    return {self.expr(shape, 'x')}\n", self.ns, scope)  # noqa: S102
        return self.name(scope["w"], "w")

    def expr(self, shape: Shape, x: str) -> str:  # noqa: PLR0911, C901 - one case per shape
        """An expression writing the value of expression ``x`` (evaluated at most twice)."""
        if isinstance(shape, Scalar):
            return x
        if isinstance(shape, Choice):
            return x if shape.enum is None else f"{x}._value_"
        if isinstance(shape, Day):
            return f"_day({x})"
        if isinstance(shape, Instant):
            return f"_instant({x})"
        if isinstance(shape, Money):
            return f"_money({x})"
        if isinstance(shape, Obj):
            return f"{self.class_writer(shape.cls)}({x})"
        if isinstance(shape, Tagged):
            writers = {cls: self.ns[self.class_writer(cls, tag=tag)] for tag, cls in shape.classes}
            return f"{self.name(writers, 'u')}[type({x})]({x})"
        if isinstance(shape, Array):
            item = self.expr(shape.item, "e")
            if shape.unique:
                return f"_sorted(_map({self.function(shape.item)}, {x}))"
            return f"_list({x})" if item == "e" else f"[{item} for e in {x}]"
        if isinstance(shape, Nullable):
            inner = self.expr(shape.inner, x)
            return x if inner == x else f"(None if {x} is None else {inner})"
        if isinstance(shape, Facts):
            return f"_dict({x})"
        raise TypeError(shape)  # pragma: no cover - a new shape

    def class_writer(
        self, cls: type, *, tag: str | None = None, constants: Mapping[str, str] | None = None
    ) -> str:
        key = (cls, tag)
        if key in self.writers:
            return self.writers[key]
        items = [("type", repr(tag))] if tag is not None else []
        items.extend((name, repr(value)) for name, value in (constants or {}).items())
        items.extend(
            (field.name, self.expr(field.shape, f"o.{field.name}")) for field in record(cls).fields
        )
        if self.sort_keys:
            items.sort()
        code = "def write(o):\n    return {" + ", ".join(f"{k!r}: {v}" for k, v in items) + "}\n"
        scope: dict[str, Any] = {}
        exec(code, self.ns, scope)  # noqa: S102 - generated from the model's own field table
        self.writers[key] = self.name(scope["write"], cls.__name__)
        return self.writers[key]


def make_writer(
    cls: type, *, sort_keys: bool = False, constants: Mapping[str, str] | None = None
) -> Callable[[Any], dict[str, Any]]:
    """A function writing an instance of ``cls`` as a dict of JSON types.

    Args:
        cls: the model class.
        sort_keys: every object's keys in sorted order (otherwise: the tag, the constants,
            then the fields in declaration order).
        constants: keys of the top object with a fixed text value (a format marker).
    """
    builder = _Builder(sort_keys=sort_keys)
    return builder.ns[builder.class_writer(cls, constants=constants)]  # type: ignore[no-any-return]
