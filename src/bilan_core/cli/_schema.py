"""``bilan-core schema``: print the JSON Schema of the wire format."""

from __future__ import annotations

import argparse
import sys

from bilan_core.cli._io import write_file
from bilan_core.schema import schema_json

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``schema`` sub-command."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the bilan-core/1 wire format",
        description=(
            "Print the JSON Schema (draft 2020-12) of a bilan-core/1 document, generated from "
            "the model."
        ),
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE instead of stdout"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print (or write) the schema."""
    data = schema_json()
    if args.output:
        write_file(args.output, data)
    else:
        sys.stdout.write(data.decode())
    return 0
