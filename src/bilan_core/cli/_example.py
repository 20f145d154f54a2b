"""``bilan-core example``: print a realistic plan."""

from __future__ import annotations

import argparse
import sys

import orjson

from bilan_core.cli._options import lang_option
from bilan_core.samples import EXAMPLE_FUNDINGS, example_bilan
from bilan_core.serialization import dump

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``example`` sub-command."""
    parser = subparsers.add_parser(
        "example",
        parents=[lang_option()],
        help="print a realistic example plan as JSON",
        description="Print a realistic, completed bilan as a bilan-core/1 JSON document.",
    )
    parser.add_argument(
        "--funding",
        choices=EXAMPLE_FUNDINGS,
        default="cpf",
        help="the funding route (default: cpf, outside working time)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the example."""
    data = orjson.dumps(dump(example_bilan(args.funding)), option=orjson.OPT_INDENT_2)
    sys.stdout.write(data.decode() + "\n")
    return 0
