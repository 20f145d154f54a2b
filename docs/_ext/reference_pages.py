"""Sphinx extension: the API reference and the wire-format tables, generated from the code.

Both directives write reStructuredText and parse it in place, so they are used inside
``{eval-rst}`` blocks of the Markdown pages:

``.. public-api:: MODULE``
    An autodoc entry for every name of ``MODULE.__all__``, grouped by kind. With
    ``:skip-exported-by: bilan_core``, names the top-level package already exports are left
    out (each object is described once). A new export appears without editing the docs.

``.. wire-objects::``
    Every object of the ``bilan-core/1`` format, walked from :class:`bilan_core.Bilan` through
    the attrs fields: key, JSON type, required or default, and the description taken from the
    class's ``Attributes:`` docstring section.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import json
import re
import sys
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx

__all__ = ["PublicApi", "WireObjects", "setup"]


def _parse_rst(directive: SphinxDirective, lines: Iterable[str]) -> list[nodes.Node]:
    source = directive.get_source_info()[0]
    content = StringList()
    for number, line in enumerate(lines):
        content.append(line, source, number)
    holder = nodes.section()
    holder.document = directive.state.document
    nested_parse_with_titles(directive.state, content, holder)
    return holder.children


# -- the API reference ------------------------------------------------------------------------


def _attribute_docs(package: str, name: str) -> list[str]:
    """The ``#:`` or string docstring of a module-level name, from the module defining it."""
    # Only modules already imported: importing more could run code (``cli.__main__``).
    candidates = sorted(
        m for m in sys.modules if (m == package or m.startswith(f"{package}.")) and "__" not in m
    )
    for module_name in candidates:
        try:
            analyzer = ModuleAnalyzer.for_module(module_name)
            docs = analyzer.find_attr_docs()
        except Exception:  # noqa: BLE001, S112 - a module without source is just skipped
            continue
        found = docs.get(("", name))
        if found:
            return [line for line in found if line is not None]
    return []


def _kind(obj: object) -> str:
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "enum"
        return "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "function"
    if typing.get_origin(obj) in (typing.Union, types.UnionType):
        return "union"
    return "data"


_GROUPS = (
    ("function", "Functions"),
    ("class", "Classes"),
    ("enum", "Enumerations"),
    ("union", "Type aliases"),
    ("exception", "Exceptions"),
    ("data", "Constants"),
)


class PublicApi(SphinxDirective):
    """``.. public-api:: MODULE``: autodoc entries for the public names of a module."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "skip-exported-by": directives.unchanged,
        "no-group-headings": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Write the autodoc directives, grouped by kind, and parse them."""
        module_name = self.arguments[0]
        module = importlib.import_module(module_name)
        skip: set[int] = set()
        if "skip-exported-by" in self.options:
            other = importlib.import_module(self.options["skip-exported-by"])
            skip = {id(getattr(other, n)) for n in other.__all__ if _kind(getattr(other, n))}
            skip -= {id(None)}
        names = [n for n in module.__all__ if id(getattr(module, n)) not in skip]
        by_kind: dict[str, list[str]] = {}
        for name in names:
            by_kind.setdefault(_kind(getattr(module, name)), []).append(name)
        lines: list[str] = []
        for kind, heading in _GROUPS:
            members = by_kind.get(kind, [])
            if not members:
                continue
            if "no-group-headings" not in self.options:
                lines += [f".. rubric:: {heading}", ""]
            for name in members:
                lines += self._entry(module_name, name, kind, getattr(module, name))
        return _parse_rst(self, lines)

    def _entry(self, module_name: str, name: str, kind: str, obj: object) -> list[str]:
        target = f"{module_name}.{name}"
        if kind == "function":
            return [f".. autofunction:: {target}", ""]
        if kind in {"class", "enum", "exception"}:
            lines = [f".. autoclass:: {target}", "   :members:"]
            if kind == "enum":
                lines.append("   :undoc-members:")
            if kind == "exception":
                lines.append("   :show-inheritance:")
            return [*lines, ""]
        doc = _attribute_docs(module_name.split(".", maxsplit=1)[0], name)
        lines = [f".. py:data:: {target}"]
        if kind == "union":
            lines += ["", *(f"   {line}" for line in doc)]
            choices = ", ".join(f":class:`~{_qualname(a)}`" for a in typing.get_args(obj))
            lines += ["", f"   One of {choices}.", ""]
            return lines
        shown = repr(obj)
        if len(shown) <= 60:  # noqa: PLR2004 - long reprs say nothing useful in a header
            lines.append(f"   :value: {shown}")
        lines.append(f"   :type: {_qualname(type(obj))}")
        lines += ["", *(f"   {line}" for line in doc), ""]
        lines += [f"   {line}" for line in _summary(obj)]
        return lines


def _summary(obj: object) -> list[str]:
    """A line on what a legal constant holds: a reference's citation, a parameter's values."""
    from bilan_core.rules import LegalReference, Parameter

    if isinstance(obj, LegalReference):
        cited = f"Cited as ``{obj.citation}``"
        return [f"{cited}: `{obj.text} <{obj.link}>`__.", ""] if obj.link else [f"{cited}.", ""]
    if isinstance(obj, Parameter):
        values = "; ".join(f"{v.value} from {v.since.isoformat()}" for v in obj.values)
        return [f"``{obj.name}`` ({obj.unit}): {obj.description} Values: {values}.", ""]
    return []


def _qualname(cls: Any) -> str:
    module = getattr(cls, "__module__", "")
    name = getattr(cls, "__qualname__", repr(cls))
    if module.startswith("bilan_core"):
        import bilan_core

        if getattr(bilan_core, name, None) is cls:
            return f"bilan_core.{name}"
    return name if module == "builtins" else f"{module}.{name}"


# -- the wire format --------------------------------------------------------------------------

_ATTRIBUTE = re.compile(r"^    (\w+): (.*)$")


def attribute_descriptions(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a Google-style class docstring, as ``{name: text}``."""
    doc = inspect.getdoc(cls) or ""
    found: dict[str, str] = {}
    current: str | None = None
    inside = False
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break
        match = _ATTRIBUTE.match(line)
        if match:
            current = match.group(1)
            found[current] = match.group(2).strip()
        elif current and line.startswith("        "):
            found[current] += " " + line.strip()
    return found


def _wire_name(cls: type) -> str:
    tag = getattr(cls, "TAG", None)
    return f"funding ({tag})" if tag else cls.__name__


def _anchor(cls: type) -> str:
    return f"wire-{cls.__name__.lower()}"


def _is_optional(tp: Any) -> tuple[bool, Any]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return True, rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    return False, tp


def _json_type(tp: Any) -> str:  # noqa: PLR0911 - one branch per wire type
    import pendulum

    optional, inner = _is_optional(tp)
    if optional:
        return f"{_json_type(inner)} or ``null``"
    origin = typing.get_origin(tp)
    if origin in (tuple, frozenset):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        unique = ", no repeats, sorted" if origin is frozenset else ""
        return f"array of {_json_type(args[0])}{unique}"
    if origin in (typing.Union, types.UnionType):
        choices = ", ".join(f":ref:`{_wire_name(a)} <{_anchor(a)}>`" for a in typing.get_args(tp))
        return f'object tagged by ``"type"``: {choices}'
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return " | ".join(f'``"{m.value}"``' for m in tp)
    if isinstance(tp, type) and attrs.has(tp):
        return f":ref:`{tp.__name__} <{_anchor(tp)}>` object"
    if tp is pendulum.DateTime or tp is dt.datetime:
        return "date-time string with an offset (stored in UTC)"
    if tp is pendulum.Date or tp is dt.date:
        return "date string ``YYYY-MM-DD``"
    simple = {str: "string", int: "integer", bool: "``true`` | ``false``"}
    if tp in simple:
        return simple[tp]
    if tp is Decimal:
        return 'money: decimal string, at most 2 places (``"103.20"``)'
    return "any JSON value"


# Wire types the converter overrides, where the Python annotation is not the JSON shape.
_OVERRIDES = {
    ("Event", "facts"): "object of names to JSON scalars (string, integer, boolean, ``null``)",
}


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        return "optional (defaults apply)"
    from bilan_core import make_converter

    value = make_converter().unstructure(field.default)
    if isinstance(value, dict):
        return "optional (an object of defaults)"
    return f"optional, default ``{json.dumps(value, ensure_ascii=False)}``"


def _walk(root: type) -> Iterator[type]:
    """Every attrs class reachable from ``root``, breadth first, each once."""
    seen: list[type] = []
    queue = [root]
    while queue:
        cls = queue.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        yield cls
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            queue.extend(_classes_in(hints[field.name]))


def _classes_in(tp: Any) -> list[type]:
    if isinstance(tp, type) and attrs.has(tp):
        return [tp]
    found: list[type] = []
    for arg in typing.get_args(tp):
        found += _classes_in(arg)
    return found


class WireObjects(SphinxDirective):
    """``.. wire-objects::``: one table per object of the wire format."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Walk the model from :class:`~bilan_core.Bilan` and write a table per class."""
        from bilan_core import Bilan

        lines: list[str] = []
        for cls in _walk(Bilan):
            lines += self._table(cls)
        return _parse_rst(self, lines)

    def _table(self, cls: type) -> list[str]:
        hints = typing.get_type_hints(cls)
        docs = attribute_descriptions(cls)
        summary = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
        title = _wire_name(cls)
        lines = [
            f".. _{_anchor(cls)}:",
            "",
            f".. rubric:: {title}",
            "",
            f"{summary} Python class: :class:`~{_qualname(cls)}`.",
            "",
        ]
        rows = []
        if getattr(cls, "TAG", None):
            rows.append(("type", f'``"{cls.TAG}"``', "required", "The funding route's tag."))
        if cls.__name__ == "Bilan":
            rows.append(
                ("format", '``"bilan-core/1"``', "required", "The format marker (see below).")
            )
        for field in attrs.fields(cls):
            wire_type = _OVERRIDES.get((cls.__name__, field.name)) or _json_type(hints[field.name])
            rows.append((field.name, wire_type, _default(field), docs.get(field.name, "")))
        lines += [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 18 32 16 34",
            "",
            "   * - key",
            "     - JSON type",
            "     - presence",
            "     - meaning",
        ]
        for key, wire_type, presence, meaning in rows:
            lines += [
                f"   * - ``{key}``",
                f"     - {wire_type}",
                f"     - {presence}",
                f"     - {meaning}",
            ]
        return [*lines, ""]


def resolve_public_name(
    app: Sphinx, env: Any, node: nodes.Element, contnode: nodes.Element
) -> nodes.Element | None:
    """Link ``bilan_core.<module>.<Name>`` to the public ``bilan_core.<Name>`` entry.

    Type hints name a class by its defining module (``bilan_core.bilan.Bilan``); the API page
    documents it once, under the name users import (``bilan_core.Bilan``).
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if not target.startswith("bilan_core.") or target.count(".") < 2:  # noqa: PLR2004
        return None
    public = f"bilan_core.{target.rsplit('.', 1)[1]}"
    domain = env.get_domain("py")
    if public not in domain.objects:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], public, node, contnode
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the public-name resolver."""
    app.connect("missing-reference", resolve_public_name)
    app.add_directive("public-api", PublicApi)
    app.add_directive("wire-objects", WireObjects)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
