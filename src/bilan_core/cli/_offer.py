"""``bilan-core offer``: a provider's public offer — check it, export it to LHÉO, show the example.

- ``offer check FILE``: the rules judging offers (Qualiopi indicators 1 and 2, the law on the
  offer's promises) at ``--on``; text, or the report as JSON (``bilan-core-report/2``, the
  same shape as ``validate``'s, one report) or JSON Lines. Exit 0: no error; 1: errors; 2:
  the offer cannot be read (every problem with its JSON path on standard error).
- ``offer lheo FILE``: the offer as LHÉO 2.3 XML; the Formacode codes, their version and the
  codes of the public are the caller's (never guessed). Exit 2 when the offer lacks what
  LHÉO requires (with the offer's paths) or a code is malformed.
- ``offer example``: the seed provider's offer (``bilan-core-offer/1``).

The offer's model is imported when a sub-command runs, not when the command line starts.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import orjson

from bilan_core.cli._io import label_of, read_bytes, write_output
from bilan_core.cli._options import format_option, lang_option, on_option, parse_day
from bilan_core.cli._render import counts
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.offer import Offer
    from bilan_core.report import Report
    from bilan_core.text import Lang

__all__ = ["add_parser"]

_SEVERITIES = {
    Severity.ERROR: Text(fr="erreur", en="error"),
    Severity.WARNING: Text(fr="avertissement", en="warning"),
    Severity.INFO: Text(fr="information", en="info"),
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``offer`` sub-command and its own sub-commands."""
    parser = subparsers.add_parser(
        "offer",
        parents=[lang_option()],
        help="a provider's public offer: check it, export it to LHÉO 2.3, show the example",
        description=(
            "A provider's public offer of bilans de compétences (bilan-core-offer/1): check "
            "what Qualiopi's indicators 1 and 2 ask it to publish and what the law forbids "
            "it to promise, export it to LHÉO 2.3, or print the seed provider's offer."
        ),
    )
    actions = parser.add_subparsers(dest="offer_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        parents=[
            on_option("the evaluation date"),
            format_option("text", "json", "jsonl"),
            lang_option(),
        ],
        help="check an offer (exit 0: no error, 1: errors, 2: unreadable)",
        description=(
            "Check a bilan-core-offer/1 document against the rules judging offers in force at "
            "the evaluation date. Exit 0: no error; 1: errors; 2: the offer cannot be read."
        ),
    )
    check.add_argument("file", metavar="FILE", help="the offer as JSON, or - for standard input")
    check.add_argument(
        "--no-secondary",
        action="store_true",
        help="leave out the rules whose source is secondary",
    )
    check.set_defaults(func=_check)
    lheo = actions.add_parser(
        "lheo",
        parents=[lang_option()],
        help="export an offer to LHÉO 2.3 XML",
        description=(
            "Write the offer as an LHÉO 2.3 document (namespace http://lheo.gouv.fr/2.3). "
            "The codes LHÉO needs and the offer cannot know are yours to give: bilan-core "
            "guesses none. Exit 2 when the offer lacks what LHÉO requires."
        ),
    )
    lheo.add_argument("file", metavar="FILE", help="the offer as JSON, or - for standard input")
    lheo.add_argument("-o", "--output", metavar="PATH", help="write the XML to PATH (default: -)")
    lheo.add_argument(
        "--formacode",
        action="append",
        required=True,
        metavar="CODE",
        help="a Formacode code of the domain, five digits (1 to 5; the first is the main one)",
    )
    lheo.add_argument(
        "--formacode-version",
        required=True,
        metavar="VERSION",
        help="the Formacode version of the codes, e.g. V14",
    )
    lheo.add_argument(
        "--public-code",
        action="append",
        required=True,
        metavar="CODE",
        help="a Formacode code of the public (code-public-vise), five digits (1 to 10)",
    )
    lheo.add_argument("--cpf-code", metavar="CODE", help="the CPF code (CPF and digits)")
    lheo.add_argument(
        "--nsf-code",
        action="append",
        default=[],
        metavar="CODE",
        help="an NSF code of the domain, three digits (0 to 3)",
    )
    lheo.add_argument("--legal-name", metavar="NAME", help="the provider's SIRENE name")
    lheo.add_argument("--site", metavar="ID", help="the site where one enrols (default: first)")
    lheo.add_argument("--start", type=parse_day, metavar="DATE", help="the session's first day")
    lheo.add_argument("--end", type=parse_day, metavar="DATE", help="the session's last day")
    lheo.set_defaults(func=_lheo)
    example = actions.add_parser(
        "example",
        parents=[lang_option()],
        help="print the seed provider's offer as JSON",
        description="Print the STAFF brochure's offer as a bilan-core-offer/1 document.",
    )
    example.set_defaults(func=_example)


def _read_offer(name: str) -> Offer:
    from bilan_core.offer_wire import load_offer

    return load_offer(read_bytes(name))


def _check(args: argparse.Namespace) -> int:
    from bilan_core.cli._validate import REPORT_FORMAT
    from bilan_core.offer_check import check_offer
    from bilan_core.validation import today

    offer = _read_offer(args.file)
    on = args.on if args.on is not None else today()
    report = check_offer(offer, on=on, include_secondary=not args.no_secondary)
    source = label_of(args.file)
    entry = {"source": source, **report.to_dict()}
    if args.format == "text":
        sys.stdout.write(_text(report, source, args.lang) + "\n")
    elif args.format == "jsonl":
        sys.stdout.write(orjson.dumps({"format": REPORT_FORMAT, **entry}).decode() + "\n")
    else:
        totals = [len(report.by_severity(s)) for s in Severity]
        document = {
            "format": REPORT_FORMAT,
            "on": on.isoformat(),
            "policy": None,
            "reports": [entry],
            "summary": {
                "plans": 1,
                "failed": int(not report.ok),
                "unusable": 0,
                "counts": dict(zip((s.value for s in Severity), totals, strict=True)),
            },
        }
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0 if report.ok else 1


def _text(report: Report, source: str, lang: Lang) -> str:
    """The readable report of an offer: a head line, the counts, each finding."""
    if lang == "fr":
        verdict = "conforme" if report.ok else "NON CONFORME"
        head = f"{source} — offre {report.bilan_id} : {verdict}\n  évaluée le {report.on}"
    else:
        verdict = "ok" if report.ok else "NOT OK"
        head = f"{source} — offer {report.bilan_id}: {verdict}\n  evaluated on {report.on}"
    totals = [len(report.by_severity(s)) for s in Severity]
    lines = [head, f"  {counts(totals, lang)}"]
    for violation in report.violations:
        label = _SEVERITIES[violation.severity].get(lang)
        lines.append(f"    {label.upper():<13} {violation.rule_id}  {violation.path}")
        lines.append(f"    {'':<13} {violation.message.get(lang)}")
    return "\n".join(lines)


def _lheo(args: argparse.Namespace) -> int:
    from bilan_core.lheo import to_lheo

    offer = _read_offer(args.file)
    xml = to_lheo(
        offer,
        formacodes=args.formacode,
        formacode_version=args.formacode_version,
        public_codes=args.public_code,
        cpf_code=args.cpf_code,
        nsf_codes=args.nsf_code,
        legal_name=args.legal_name,
        site_id=args.site,
        start=args.start,
        end=args.end,
    )
    write_output(args.output or "-", xml)
    return 0


def _example(_args: argparse.Namespace) -> int:
    from bilan_core.offer import example_offer
    from bilan_core.offer_wire import dump_offer

    data = orjson.dumps(dump_offer(example_offer()), option=orjson.OPT_INDENT_2)
    sys.stdout.write(data.decode() + "\n")
    return 0
