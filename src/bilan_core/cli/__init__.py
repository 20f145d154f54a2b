"""The ``bilan-core`` command line.

Each sub-command lives in its own module (``_validate``, ``_timeline``...) with an
``add_parser(subparsers)`` function. Exit codes: 0 success (no error-severity violation),
1 the plan breaks a rule, 2 the input is unusable (with the JSON path, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

from bilan_core.errors import BilanError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNUSABLE", "main"]

EXIT_OK = 0
"""No error (warnings and infos allowed)."""
EXIT_INVALID = 1
"""The plan breaks at least one rule with error severity."""
EXIT_UNUSABLE = 2
"""The input cannot be read, or the command line is wrong."""

_COMMANDS = (
    "bilan_core.cli._show",
    "bilan_core.cli._example",
    "bilan_core.cli._schema",
    "bilan_core.cli._validate",
    "bilan_core.cli._rules",
    "bilan_core.cli._timeline",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    from bilan_core import __version__

    parser = argparse.ArgumentParser(
        prog="bilan-core",
        description="Check bilan de compétences plans against French law (Code du travail).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        importlib.import_module(module).add_parser(subparsers)
    for command in subparsers.choices.values():
        # Usage errors found after the sub-command's own parsing show its usage, not ours.
        command.set_defaults(usage_error=command.error)
    return parser


def _file_problem(exc: OSError) -> str:
    """An OS error worded like ``validate``'s: ``/x: cannot read the file (reason)``."""
    from bilan_core.cli._io import CannotWrite

    reason = exc.strerror or type(exc).__name__
    action = "write" if isinstance(exc, CannotWrite) else "read"
    if exc.filename is None:  # not about a file (a broken pipe...): as before
        return str(exc)
    return f"{exc.filename}: cannot {action} the file ({reason})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:
            args.usage_error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code) if isinstance(exc.code, int) else EXIT_UNUSABLE
    try:
        return int(args.func(args))
    except BilanError as exc:  # SerializationError, InvalidPolicy...: already one clear message
        print(f"bilan-core: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:
        print(f"bilan-core: {_file_problem(exc)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
