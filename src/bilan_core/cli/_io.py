"""Reading plans from files, standard input and JSON Lines; writing output."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pendulum

from bilan_core.errors import SerializationError
from bilan_core.serialization import load

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = ["Source", "load_one", "parse_day", "policy_option", "read_bytes", "read_plans"]


@attrs.frozen
class Source:
    """Where a plan came from: a file name and, for JSON Lines, the line number."""

    name: str
    line: int | None = None

    def __str__(self) -> str:
        return self.name if self.line is None else f"{self.name}:{self.line}"


def read_bytes(name: str) -> bytes:
    """The content of a file, or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _is_json_lines(name: str, data: bytes) -> bool:
    if name.endswith((".jsonl", ".ndjson")):
        return True
    stripped = data.strip()
    return (
        b"\n" in stripped
        and stripped.startswith(b"{")
        and b"}\n{" in stripped.replace(b"\r\n", b"\n")
    )


def read_plans(name: str) -> Iterator[tuple[Source, bytes]]:
    """Every plan of a file: one JSON document, or one per line of a JSON Lines file."""
    data = read_bytes(name)
    label = "<stdin>" if name == "-" else name
    if not _is_json_lines(name, data):
        yield Source(label), data
        return
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield Source(label, number), line


def load_one(source: Source, data: bytes) -> Bilan:
    """Load one plan, prefixing errors with where it came from."""
    try:
        return load(data)
    except SerializationError as exc:
        raise SerializationError(
            (f"{source}: {path}", message) for path, message in exc.errors
        ) from None


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


def policy_option(spec: str | None) -> Policy | None:
    """The charter named by ``--policy``: ``staff`` (the seed's preset) or a TOML/JSON file.

    Raises:
        InvalidPolicy: the file is not a valid charter.
        OSError: the file cannot be read.
    """
    if spec is None:
        return None
    if spec.lower() == "staff":
        from bilan_core.policies import STAFF

        return STAFF
    from bilan_core.policy import load_policy

    return load_policy(spec)
