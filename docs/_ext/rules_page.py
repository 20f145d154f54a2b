"""Sphinx extension: the rules reference, generated from the catalogue at build time.

Two directives, used from the committed ``docs/rules.md``:

``{rules-catalogue}``
    One section per catalogue family, one subsection per rule (from
    :data:`bilan_core.catalogue`): id, severity, French and English titles, the phase events
    it guards, every reference with its link, in force from/until, confidence and its note,
    notes (the notes in English, then in French).

``{parameters-table}``
    One row per dated value of every parameter of
    :data:`bilan_core.facts.parameters.ALL_PARAMETERS`: name, from, value, reference,
    confidence.

The nodes are built directly (no generated Markdown), so text from the catalogue is never
parsed as markup. The page is rebuilt whenever a module of ``bilan_core.checks`` or
``bilan_core.facts`` changes.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from bilan_core.checks._model import Rule
    from bilan_core.facts._dated import DatedValue, Parameter
    from bilan_core.references import LegalReference
    from bilan_core.text import Text

__all__ = ["CataloguePage", "ParametersTable", "setup"]


def _text_paragraph(*children: nodes.Node) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    return paragraph


def _reference(ref: LegalReference) -> list[nodes.Node]:
    """A citation, linked when the catalogue has a link, with the text and version read."""
    label = ref.citation
    head: nodes.Node
    head = nodes.reference("", label, refuri=ref.link) if ref.link else nodes.Text(label)
    details = []
    if ref.short and ref.short != ref.text:
        details.append(ref.text)
    if ref.version_date is not None:
        details.append(f"version in force since {ref.version_date.isoformat()}")
    if not ref.link:
        details.append("no stable link")
    tail = f" ({'; '.join(details)})" if details else ""
    return [head, nodes.Text(tail)]


def _field(name: str, *body: nodes.Node) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name("", name)
    content = nodes.field_body()
    content.extend(body)
    field += content
    return field


def _bilingual(text: Text, prefix: str = "") -> list[nodes.Node]:
    """A note in both languages: the English, then the French in italics (as in the titles)."""
    return [
        _text_paragraph(nodes.Text(f"{prefix}{text.en}")),
        _text_paragraph(nodes.emphasis("", text.fr)),
    ]


def _in_force(rule: Rule) -> str:
    since = f"from {rule.in_force_from.isoformat()}"
    if rule.in_force_until is not None:
        return f"{since} until {rule.in_force_until.isoformat()} (repealed)"
    return f"{since} (by the bilan's reference date)"


def _rule_section(rule: Rule, document: nodes.document) -> nodes.section:
    section = nodes.section()
    section["ids"].append(nodes.make_id(rule.id))
    section["names"].append(nodes.fully_normalize_name(rule.id))
    section += nodes.title("", rule.id)
    section += _text_paragraph(
        nodes.strong("", rule.title.fr),
        nodes.Text(" — "),
        nodes.emphasis("", rule.title.en),
    )
    fields = nodes.field_list()
    fields += _field("Severity", _text_paragraph(nodes.Text(rule.severity.value)))
    fields += _field("In force", _text_paragraph(nodes.Text(_in_force(rule))))
    confidence = rule.confidence.value
    if rule.confidence_note is None:
        fields += _field("Confidence", _text_paragraph(nodes.Text(confidence)))
    else:
        fields += _field("Confidence", *_bilingual(rule.confidence_note, f"{confidence} — "))
    if rule.blocks:
        guards = ", ".join(rule.blocks)
        fields += _field("Guards the events", _text_paragraph(nodes.literal("", guards)))
    refs = nodes.bullet_list()
    for ref in rule.references:
        item = nodes.list_item()
        item += _text_paragraph(*_reference(ref))
        refs += item
    fields += _field("References", refs)
    if rule.notes is not None:
        fields += _field("Notes", *_bilingual(rule.notes))
    if rule.readings:
        readings = nodes.bullet_list()
        for index, reading in enumerate(rule.readings):
            item = nodes.list_item()
            default = " (default)" if index == 0 else ""
            item += _text_paragraph(
                nodes.literal("", reading.name), nodes.Text(f"{default}: {reading.description.en}")
            )
            item += _text_paragraph(nodes.emphasis("", reading.description.fr))
            readings += item
        fields += _field("Readings (validate(readings=…), --reading)", readings)
    section += fields
    document.note_implicit_target(section, section)
    return section


def _depend_on_catalogue(directive: SphinxDirective) -> None:
    """Rebuild the page when a rule or parameter module changes."""
    for name in ("bilan_core.checks", "bilan_core.facts"):
        package = Path(importlib.import_module(name).__file__ or "").parent
        for path in sorted(package.glob("*.py")):
            directive.env.note_dependency(str(path))


class CataloguePage(SphinxDirective):
    """``{rules-catalogue}``: every rule of the catalogue, grouped by family."""

    has_content = False
    option_spec: dict[str, Any] = {}  # noqa: RUF012 - the docutils API

    def run(self) -> list[nodes.Node]:
        """Build one section per family and one subsection per rule."""
        from bilan_core.checks import SECTIONS, rules

        _depend_on_catalogue(self)
        catalogue = rules()
        families: dict[str, list[Rule]] = {}
        for rule in catalogue:
            families.setdefault(rule.section, []).append(rule)
        document = self.state.document
        result: list[nodes.Node] = [
            _text_paragraph(
                nodes.Text(
                    f"{len(catalogue)} rules in the catalogue of bilan-core "
                    f"{_version()}: "
                    f"{sum(1 for r in catalogue if not r.is_policy)} of law (BC-), "
                    f"{sum(1 for r in catalogue if r.is_policy)} of provider policy (POL-)."
                )
            )
        ]
        for name in (name for name in SECTIONS if name in families):
            section = nodes.section()
            title = SECTIONS[name].en
            section["ids"].append(nodes.make_id(f"family-{name}"))
            section["names"].append(nodes.fully_normalize_name(f"family {name}"))
            section += nodes.title("", title)
            for rule in families[name]:
                section += _rule_section(rule, document)
            document.note_implicit_target(section, section)
            result.append(section)
        return result


def _version() -> str:
    import bilan_core

    return bilan_core.__version__


def _value(entry: DatedValue[Any], unit: str) -> str:
    value = entry.value
    if value is None:
        return "none (no such value from this day)"
    if isinstance(value, Decimal) and unit == "EUR":
        return f"{value:.2f} €"
    if unit == "minutes" and isinstance(value, int):
        hours, minutes = divmod(value, 60)
        return f"{value} minutes ({hours} h{f' {minutes:02d}' if minutes else ''})"
    return f"{value} {unit}"


class ParametersTable(SphinxDirective):
    """``{parameters-table}``: every dated value of every parameter."""

    has_content = False
    option_spec: dict[str, Any] = {}  # noqa: RUF012 - the docutils API

    headers = ("Parameter", "From", "Value", "Reference", "Confidence")

    def run(self) -> list[nodes.Node]:
        """Build the table, one row per dated value, parameters in catalogue order."""
        from bilan_core.facts.parameters import ALL_PARAMETERS

        _depend_on_catalogue(self)
        table = nodes.table(classes=["parameters-table"])
        group = nodes.tgroup(cols=len(self.headers))
        table += group
        for width in (28, 12, 18, 30, 12):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([[nodes.Text(h)] for h in self.headers])
        group += head
        body = nodes.tbody()
        for parameter in ALL_PARAMETERS:
            body.extend(self._parameter_rows(parameter))
        group += body
        return [table]

    def _parameter_rows(self, parameter: Parameter[Any]) -> list[nodes.row]:
        rows = []
        for index, entry in enumerate(parameter.values):
            name: list[nodes.Node] = (
                [nodes.literal("", parameter.name), nodes.Text(f" — {parameter.description}")]
                if index == 0
                else [nodes.Text("〃")]
            )
            rows.append(
                self._row(
                    [
                        name,
                        [nodes.Text(entry.since.isoformat())],
                        [nodes.Text(_value(entry, parameter.unit))],
                        _reference(entry.reference),
                        [nodes.Text(entry.confidence.value)],
                    ]
                )
            )
        return rows

    @staticmethod
    def _row(cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += _text_paragraph(*content)
            row += entry
        return row


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("rules-catalogue", CataloguePage)
    app.add_directive("parameters-table", ParametersTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
