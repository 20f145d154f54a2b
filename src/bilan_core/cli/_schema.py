"""``bilan-core schema``: print the JSON Schema of the wire format."""

from __future__ import annotations

import argparse

import orjson

from bilan_core.cli._io import write_output
from bilan_core.cli._options import lang_option

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``schema`` sub-command."""
    parser = subparsers.add_parser(
        "schema",
        parents=[lang_option()],
        help="print the JSON Schema of the bilan-core/1 wire format (or of an output)",
        description=(
            "Print a JSON Schema (draft 2020-12), generated from the code: of a bilan-core/1 "
            "document (the default), of the report of 'validate --format json/jsonl' "
            "(--report), of the output of 'timeline --format json/jsonl' (--timeline), or of a "
            "provider's public offer, bilan-core-offer/1 (--offer)."
        ),
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--report", action="store_true", help="the schema of validate's JSON report")
    which.add_argument(
        "--timeline", action="store_true", help="the schema of timeline's JSON output"
    )
    which.add_argument(
        "--offer", action="store_true", help="the schema of a bilan-core-offer/1 document"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE instead of stdout (-)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print (or write) the schema."""
    if args.report:
        from bilan_core.report import report_schema

        data = orjson.dumps(report_schema(), option=orjson.OPT_INDENT_2) + b"\n"
    elif args.timeline:
        from bilan_core.deadlines import timeline_schema

        data = orjson.dumps(timeline_schema(), option=orjson.OPT_INDENT_2) + b"\n"
    elif args.offer:
        from bilan_core.offer_wire import offer_schema_json

        data = offer_schema_json()
    else:
        from bilan_core.schema import schema_json

        data = schema_json()
    write_output(args.output or "-", data)
    return 0
