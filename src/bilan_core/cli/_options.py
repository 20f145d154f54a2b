"""The options the sub-commands share, declared once.

``--lang``, ``--on``, ``--policy`` and ``--format`` (each command says which formats it
writes).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Final

import pendulum

if TYPE_CHECKING:
    from bilan_core.policy import Policy

__all__ = [
    "FORMAT_HELP",
    "format_option",
    "lang_option",
    "on_option",
    "parse_day",
    "policy_from",
    "policy_option",
]

FORMAT_HELP: Final = {
    "text": "text: a readable report",
    "json": "json: one JSON document",
    "jsonl": "jsonl: JSON Lines, one line per plan, written as each is checked",
}


def parse_day(text: str) -> pendulum.Date:
    """An ISO date (``2026-06-01``) from the command line.

    Raises:
        argparse.ArgumentTypeError: not a date.
    """
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    return pendulum.Date(day.year, day.month, day.day)


def lang_option() -> argparse.ArgumentParser:
    """``--lang fr|en``: the language of every message (default French)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--lang",
        choices=("fr", "en"),
        default="fr",
        help="the language of the messages: fr (default) or en",
    )
    return parent


def on_option(what: str) -> argparse.ArgumentParser:
    """``--on DATE``: the evaluation date (``what`` says what it decides)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--on",
        type=parse_day,
        default=None,
        metavar="DATE",
        help=f"{what}, YYYY-MM-DD (default: today in Europe/Paris)",
    )
    return parent


def policy_option(what: str) -> argparse.ArgumentParser:
    """``--policy staff|PATH``: a provider charter (``what`` says what it adds)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--policy", default=None, metavar="staff|PATH", help=what)
    return parent


def format_option(*formats: str) -> argparse.ArgumentParser:
    """``--format``: the output formats a command writes, the first the default."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--format",
        choices=formats,
        default=formats[0],
        help="the output: " + "; ".join(FORMAT_HELP[f] for f in formats),
    )
    return parent


def policy_from(spec: str | None) -> Policy | None:
    """The charter named by ``--policy``: a preset (``staff``) or a TOML/JSON file.

    A file states its own charter; it builds on a preset only if it says so
    (``extends = "staff"``).

    Raises:
        InvalidPolicy: the file is not a valid charter.
        OSError: the file cannot be read.
    """
    if spec is None:
        return None
    from bilan_core.policies import PRESETS

    preset = PRESETS.get(spec.lower())
    if preset is not None:
        return preset
    from bilan_core.policy import load_policy

    return load_policy(spec)
