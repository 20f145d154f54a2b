"""``bilan-core rules``: list the rule catalogue (law and provider-charter rules)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Final

import orjson

from bilan_core.checks import SECTIONS, rules
from bilan_core.cli._options import format_option, lang_option, on_option

if TYPE_CHECKING:
    from bilan_core.checks import Rule
    from bilan_core.text import Lang, Text

__all__ = ["RULES_FORMAT", "add_parser", "rule_dict"]

RULES_FORMAT: Final = "bilan-core-rules/2"
"""The ``format`` of the JSON output."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``rules`` sub-command."""
    parser = subparsers.add_parser(
        "rules",
        parents=[
            on_option("only the rules in force for a bilan agreed that day"),
            format_option("text", "json"),
            lang_option(),
        ],
        help="list the rule catalogue",
        description="List every rule: id, severity, title, citations, in force, confidence.",
    )
    parser.set_defaults(func=run)


def _text_dict(text: Text | None) -> dict[Lang, str] | None:
    return text.to_dict() if text is not None else None


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A JSON-ready description of a rule (the ``rules --format json`` entries).

    ``title``, ``notes`` and ``confidence_note`` are written ``{"fr": …, "en": …}``; ``notes``
    and ``confidence_note`` are ``None`` when the rule has none.
    """
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "title": rule.title.to_dict(),
        "section": rule.section,
        "in_force_from": rule.in_force_from.isoformat(),
        "in_force_until": rule.in_force_until.isoformat() if rule.in_force_until else None,
        "confidence": rule.confidence.value,
        "confidence_note": _text_dict(rule.confidence_note),
        "blocks": list(rule.blocks),
        "references": [reference.to_dict() for reference in rule.references],
        "notes": _text_dict(rule.notes),
        "readings": [
            {"name": reading.name, "description": reading.description.to_dict()}
            for reading in rule.readings
        ],
    }


def _text(found: tuple[Rule, ...], lang: Lang) -> str:
    lines: list[str] = []
    section = None
    for rule in found:
        if rule.section != section:
            section = rule.section
            if lines:
                lines.append("")
            lines.append(SECTIONS[section].get(lang))
        until = f" → {rule.in_force_until.isoformat()}" if rule.in_force_until else ""
        since = "depuis" if lang == "fr" else "since"
        lines.append(
            f"  {rule.id:<28} {rule.severity.value:<8} {rule.confidence.value:<11} "
            f"{since} {rule.in_force_from.isoformat()}{until}"
        )
        lines.append(f"  {'':<28} {rule.title.get(lang)}")
        lines.append(f"  {'':<28} {' ; '.join(ref.citation for ref in rule.references)}")
    count = len(found)
    lines.append("")
    lines.append(f"{count} règle{'s' if count > 1 else ''}" if lang == "fr" else f"{count} rules")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue."""
    found = rules(args.on)
    if args.format == "json":
        document = {
            "format": RULES_FORMAT,
            "on": args.on.isoformat() if args.on else None,
            "sections": {key: title.to_dict() for key, title in SECTIONS.items()},
            "rules": [rule_dict(rule) for rule in found],
        }
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        sys.stdout.write(_text(found, args.lang) + "\n")
    return 0
