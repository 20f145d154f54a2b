"""``bilan-core rules``: list the rule catalogue (law and provider-charter rules)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

import orjson

from bilan_core.cli._io import parse_day
from bilan_core.rules import rules

if TYPE_CHECKING:
    from bilan_core.rules._model import LegalReference, Rule

__all__ = ["RULES_FORMAT", "add_parser", "rule_dict"]

RULES_FORMAT = "bilan-core-rules/1"
"""The ``format`` of the JSON output."""

_SECTIONS = {
    "scope": ("Consentement et champ", "Consent and scope"),
    "phases": ("Phases et structure", "Phases and structure"),
    "duration": ("Durée", "Duration"),
    "cpf": ("CPF (compte personnel de formation)", "CPF (personal training account)"),
    "convention": ("Plan de développement et congé de reclassement", "Employer plan and leave"),
    "public_sector": ("Agents publics", "Public sector"),
    "confidentiality": ("Confidentialité et conservation", "Confidentiality and retention"),
    "policy": ("Charte du prestataire (POL)", "Provider charter (POL)"),
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``rules`` sub-command."""
    parser = subparsers.add_parser(
        "rules",
        help="list the rule catalogue",
        description="List every rule: id, severity, title, citations, in force, confidence.",
    )
    parser.add_argument(
        "--on",
        type=parse_day,
        default=None,
        metavar="DATE",
        help="only the rules in force for a bilan agreed that day (YYYY-MM-DD)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="title language")
    parser.set_defaults(func=run)


def _reference_dict(ref: LegalReference) -> dict[str, Any]:
    return {
        "text": ref.text,
        "article": ref.article,
        "citation": ref.citation,
        "link": ref.link,
        "version_date": ref.version_date.isoformat() if ref.version_date else None,
    }


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A JSON-ready description of a rule (the ``rules --format json`` entries)."""
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "title": rule.title,
        "title_en": rule.title_en,
        "section": rule.section,
        "in_force_from": rule.in_force_from.isoformat(),
        "in_force_until": rule.in_force_until.isoformat() if rule.in_force_until else None,
        "confidence": rule.confidence.value,
        "confidence_note": rule.confidence_note,
        "references": [_reference_dict(ref) for ref in rule.references],
        "notes": rule.notes,
    }


def _text(found: tuple[Rule, ...], lang: str) -> str:
    fr = lang == "fr"
    lines: list[str] = []
    section = None
    for rule in found:
        if rule.section != section:
            section = rule.section
            label = _SECTIONS.get(section, (section, section))[0 if fr else 1]
            if lines:
                lines.append("")
            lines.append(label)
        until = f" → {rule.in_force_until.isoformat()}" if rule.in_force_until else ""
        since = "depuis" if fr else "since"
        lines.append(
            f"  {rule.id:<28} {rule.severity.value:<8} {rule.confidence.value:<11} "
            f"{since} {rule.in_force_from.isoformat()}{until}"
        )
        lines.append(f"  {'':<28} {rule.title if fr else rule.title_en}")
        lines.append(f"  {'':<28} {' ; '.join(ref.citation for ref in rule.references)}")
    count = len(found)
    lines.append("")
    lines.append(f"{count} règle{'s' if count > 1 else ''}" if fr else f"{count} rules")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue."""
    found = rules(args.on)
    if args.format == "json":
        document = {
            "format": RULES_FORMAT,
            "on": args.on.isoformat() if args.on else None,
            "rules": [rule_dict(rule) for rule in found],
        }
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        sys.stdout.write(_text(found, args.lang) + "\n")
    return 0
