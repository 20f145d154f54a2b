"""Sphinx extension: the API reference and the wire-format tables, generated from the code.

Both directives write reStructuredText and parse it in place, so they are used inside
``{eval-rst}`` blocks of the Markdown pages:

``.. public-api:: MODULE``
    An autodoc entry for every name of ``MODULE.__all__``, grouped by kind. With
    ``:skip-exported-by: bilan_core``, names the top-level package already exports are left
    out (each object is described once). A new export appears without editing the docs.

``.. wire-objects:: CLASS``
    Every object of a document (``bilan_core.Bilan``, an offer…), walked through the model's
    field table (:mod:`bilan_core._fields`): key, JSON type with its pattern or range, required
    or default, and the description taken from the class's ``Attributes:`` docstring section.

``.. code-only-checks::``
    What ``load`` checks that the JSON Schema cannot say.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
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

__all__ = ["CodeOnlyChecks", "PublicApi", "WireObjects", "setup"]


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
    from bilan_core.facts.parameters import Parameter
    from bilan_core.references import LegalReference

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


def _wire_name(cls: type) -> str:
    tag = getattr(cls, "TAG", None)
    return f"{cls.__name__} (``{tag}``)" if tag else cls.__name__


def _anchor(cls: type) -> str:
    return f"wire-{cls.__name__.lower()}"


def _json_type(shape: Any) -> str:  # noqa: PLR0911, PLR0912, C901 - one branch per shape
    from bilan_core import _fields as f
    from bilan_core._wire.scalars import DATE_REGEX

    if isinstance(shape, f.Nullable):
        return f"{_json_type(shape.inner)} or ``null``"
    if isinstance(shape, f.Scalar):
        text = {str: "string", int: "integer", bool: "``true`` | ``false``"}[shape.type]
        if shape.pattern is not None:
            text += f": {shape.pattern.name} (``{shape.pattern.regex}``)"
        if shape.range is not None:
            text += f" from {shape.range.minimum} to {shape.range.maximum}"
        for check in shape.checks:
            text += f", {check.description.en}"
        return text
    if isinstance(shape, f.Choice):
        return " | ".join(f'``"{value}"``' for value in shape.values)
    if isinstance(shape, f.Day):
        return f"date ``YYYY-MM-DD``, years 1900 to 2999 (``{DATE_REGEX}``)"
    if isinstance(shape, f.Instant):
        return "date-time with an offset, ``Z`` or ``±HH:MM`` (stored in UTC)"
    if isinstance(shape, f.Money):
        return 'money: decimal string, at most 2 places (``"103.20"``)'
    if isinstance(shape, f.Obj):
        return f":ref:`{shape.cls.__name__} <{_anchor(shape.cls)}>` object"
    if isinstance(shape, f.Tagged):
        choices = ", ".join(f":ref:`{tag} <{_anchor(cls)}>`" for tag, cls in shape.classes)
        return f'object tagged by ``"{shape.key}"``: {choices}'
    if isinstance(shape, f.Array):
        extra = ", no repeats, sorted" if shape.unique else ", sorted" if shape.sorted else ""
        return f"array of {_json_type(shape.item)}{extra}"
    if isinstance(shape, f.Facts):
        return (
            f"object of names (``{shape.key.regex}``) to JSON scalars (string, integer, "
            "boolean, ``null``)"
        )
    return "any JSON value"  # pragma: no cover - a new shape


def _default(field: Any) -> str:

    if field.required:
        return "required"
    value = field.default
    if attrs.has(type(value)):
        return "optional (an object of defaults)"
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, (tuple, frozenset)):
        items = [v.value if isinstance(v, enum.Enum) else v for v in value]
        value = sorted(items) if isinstance(value, frozenset) else items
    elif isinstance(value, Decimal):
        value = f"{value:.2f}"
    return f"optional, default ``{json.dumps(value, ensure_ascii=False)}``"


def _classes(shape: Any) -> list[type]:
    from bilan_core import _fields as f

    if isinstance(shape, f.Obj):
        return [shape.cls]
    if isinstance(shape, f.Tagged):
        return [cls for _, cls in shape.classes]
    if isinstance(shape, (f.Nullable,)):
        return _classes(shape.inner)
    if isinstance(shape, f.Array):
        return _classes(shape.item)
    return []


def _walk(root: type) -> Iterator[type]:
    """Every model class reachable from ``root`` in the field table, breadth first, once."""
    from bilan_core._fields import record

    seen: list[type] = []
    queue = [root]
    while queue:
        cls = queue.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        yield cls
        for field in record(cls).fields:
            queue.extend(_classes(field.shape))


def _class(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    found: type = getattr(importlib.import_module(module), name)
    return found


class WireObjects(SphinxDirective):
    """``.. wire-objects:: CLASS``: one table per object of a document, from the field table.

    Options: ``:marker: KEY=VALUE``, the document's format marker (a first row of the root);
    ``:shared-with: CLASS``, another document's root whose objects are described with it (they
    are linked to, not repeated).
    """

    has_content = False
    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "marker": directives.unchanged,
        "shared-with": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Walk the table from the root class and write a table per class."""
        root = _class(self.arguments[0])
        marker = self.options.get("marker")
        shared_with = self.options.get("shared-with")
        shared = set() if shared_with is None else set(_walk(_class(shared_with)))
        lines: list[str] = []
        described = [cls for cls in _walk(root) if cls in shared]
        if described:
            links = ", ".join(f":ref:`{_wire_name(cls)} <{_anchor(cls)}>`" for cls in described)
            lines += [f"Described with the bilan's format: {links}.", ""]
        for cls in _walk(root):
            if cls not in shared:
                lines += self._table(cls, marker if cls is root else None)
        return _parse_rst(self, lines)

    def _table(self, cls: type, marker: str | None) -> list[str]:
        from bilan_core._fields import record

        rec = record(cls)
        summary = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")
        lines = [
            f".. _{_anchor(cls)}:",
            "",
            f".. rubric:: {_wire_name(cls)}",
            "",
            f"{summary} Python class: :class:`~{_qualname(cls)}`.",
            "",
        ]
        rows = []
        if marker is not None:
            key, _, value = marker.partition("=")
            rows.append((key, f'``"{value}"``', "required", "The format marker."))
        if rec.tag is not None:
            rows.append(("type", f'``"{rec.tag}"``', "required", "The tag of this kind."))
        rows.extend(
            (field.name, _json_type(field.shape), _default(field), field.doc)
            for field in rec.fields
        )
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
            lines.extend(
                (
                    f"   * - ``{key}``",
                    f"     - {wire_type}",
                    f"     - {presence}",
                    f"     - {meaning}",
                )
            )
        return [*lines, ""]


class CodeOnlyChecks(SphinxDirective):
    """``.. code-only-checks::``: what ``load`` checks that the JSON Schema cannot say."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from bilan_core.schema import code_only_checks

        return _parse_rst(self, [f"- {text.en}" for text in code_only_checks()])


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
    app.add_directive("code-only-checks", CodeOnlyChecks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
