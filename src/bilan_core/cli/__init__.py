"""The ``bilan-core`` command line (also ``python -m bilan_core``).

Each sub-command lives in its own module (``_validate``, ``_timeline``…) with an
``add_parser(subparsers)`` function; the options they share are declared once
(:mod:`bilan_core.cli._options`). Every command takes ``--lang fr|en``.

Exit codes:

- 0: success (no error-severity violation);
- 1: a plan breaks a rule (``validate``), an offer lacks what it must say (``offer check``);
- 2: an input is unusable or the command line is wrong (with the JSON path, never a
  traceback);
- 3: an internal error of bilan-core: one line names the exception and asks for a report;
- 130: interrupted (Ctrl-C); what was written so far is intact.

Output that the terminal's encoding cannot show is escaped, never an error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import TYPE_CHECKING, Final

from bilan_core.errors import BilanError
from bilan_core.text import Lang, Text, check_lang

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "build_parser",
    "main",
]

EXIT_OK: Final = 0
"""No error (warnings and infos allowed)."""
EXIT_INVALID: Final = 1
"""A plan breaks at least one rule with error severity."""
EXIT_UNUSABLE: Final = 2
"""The input cannot be read, or the command line is wrong."""
EXIT_INTERNAL: Final = 3
"""An unexpected error of bilan-core itself (a bug: please report it)."""
EXIT_INTERRUPTED: Final = 130
"""Interrupted by Ctrl-C."""

_COMMANDS: Final = (
    "bilan_core.cli._show",
    "bilan_core.cli._example",
    "bilan_core.cli._schema",
    "bilan_core.cli._validate",
    "bilan_core.cli._rules",
    "bilan_core.cli._timeline",
    "bilan_core.cli._offer",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    from bilan_core import __version__

    parser = argparse.ArgumentParser(
        prog="bilan-core",
        description="Check bilan de compétences plans against French law (Code du travail).",
        epilog=(
            "Exit codes: 0 no error, 1 a plan breaks a rule, 2 unusable input or command line, "
            "3 internal error (please report it), 130 interrupted."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        importlib.import_module(module).add_parser(subparsers)
    for command in subparsers.choices.values():
        # Usage errors found after the sub-command's own parsing show its usage, not ours.
        command.set_defaults(usage_error=command.error)
    return parser


def _file_problem(exc: OSError) -> Text:
    """An OS error worded like ``validate``'s: ``/x: cannot read the file (reason)``."""
    from bilan_core.cli._io import CannotWrite

    if exc.filename is None:  # not about a file: its own words
        words = str(exc) or type(exc).__name__
        return Text(fr=words, en=words)
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, CannotWrite):
        return Text(
            fr=f"{exc.filename} : impossible d'écrire le fichier ({reason})",
            en=f"{exc.filename}: cannot write the file ({reason})",
        )
    return Text(
        fr=f"{exc.filename} : impossible de lire le fichier ({reason})",
        en=f"{exc.filename}: cannot read the file ({reason})",
    )


INTERRUPTED: Final = Text(fr="interrompu", en="interrupted")
"""What Ctrl-C prints (exit 130)."""


def internal_error(exc: BaseException) -> Text:
    """The one line printed for a bug of bilan-core (exit 3), naming the exception's type."""
    name = type(exc).__name__
    return Text(
        fr=f"erreur interne ({name}) ; merci de la signaler avec la commande qui l'a causée",
        en=f"internal error ({name}); please report it with the command that caused it",
    )


def _escaping_output() -> None:
    """Make standard output and error escape what their encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _quiet_broken_pipe() -> int:
    """``bilan-core … | head``: stop writing, quietly (the reader went away)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no file descriptor to redirect
        pass
    return EXIT_OK


def _lang_of(argv: Sequence[str] | None) -> Lang:
    """The ``--lang`` of the command line, read without the parser (which may have failed)."""
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--lang" and index + 1 < len(words) and words[index + 1] in ("fr", "en"):
            return check_lang(words[index + 1])
        if word in ("--lang=fr", "--lang=en"):
            return check_lang(word.removeprefix("--lang="))
    return "fr"


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit code per outcome
    """Run the command line; return the exit code (the console script exits with it)."""
    _escaping_output()
    try:
        parser = build_parser()
        try:
            args, extras = parser.parse_known_args(argv)
            if extras:
                args.usage_error(f"unrecognized arguments: {' '.join(extras)}")
        except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
            return int(exc.code) if isinstance(exc.code, int) else EXIT_UNUSABLE
        lang = check_lang(getattr(args, "lang", "fr"))
        try:
            return int(args.func(args))
        except BilanError as exc:  # SerializationError, InvalidPolicy…: one clear message
            render = getattr(exc, "render", None)
            text = render(lang) if render is not None else str(exc)
            print(f"bilan-core: {text}", file=sys.stderr)
            return EXIT_UNUSABLE
        except BrokenPipeError:
            return _quiet_broken_pipe()
        except OSError as exc:
            print(f"bilan-core: {_file_problem(exc).get(lang)}", file=sys.stderr)
            return EXIT_UNUSABLE
    except KeyboardInterrupt:
        sys.stderr.write(f"\nbilan-core: {INTERRUPTED.get(_lang_of(argv))}\n")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        print(f"bilan-core: {internal_error(exc).get(_lang_of(argv))}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
