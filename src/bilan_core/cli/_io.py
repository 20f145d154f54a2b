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

__all__ = [
    "CannotWrite",
    "Slice",
    "Source",
    "is_json_lines",
    "json_lines",
    "label_of",
    "load_one",
    "parse_day",
    "plans_in",
    "policy_option",
    "read_bytes",
    "read_plans",
    "slices",
    "write_file",
]

_BOM = b"\xef\xbb\xbf"
"""A UTF-8 byte order mark, which some editors write at the start of a file."""


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


class CannotWrite(OSError):
    """An output file could not be written (the command line words it as such)."""


def write_file(name: str, data: bytes) -> None:
    """Write an output file.

    Raises:
        CannotWrite: the file cannot be written (``filename`` and ``strerror`` are kept).
    """
    try:
        Path(name).write_bytes(data)
    except OSError as exc:
        raise CannotWrite(exc.errno, exc.strerror, exc.filename) from None


def is_json_lines(name: str, data: bytes) -> bool:
    """Whether a file holds JSON Lines: by its extension, or by its content."""
    if name.endswith((".jsonl", ".ndjson")):
        return True
    stripped = data.removeprefix(_BOM).strip()
    return (
        b"\n" in stripped
        and stripped.startswith(b"{")
        and b"}\n{" in stripped.replace(b"\r\n", b"\n")
    )


def label_of(name: str) -> str:
    """How a file is named in messages (``<stdin>`` for ``-``)."""
    return "<stdin>" if name == "-" else name


def json_lines(data: bytes, first: int = 1) -> Iterator[tuple[int, bytes]]:
    r"""The numbered, non-blank lines of JSON Lines data.

    Lines end with ``\n`` (a ``\r`` before it is dropped); numbering starts at ``first``.
    A UTF-8 byte order mark at the start of the file (``first == 1``) is skipped.

    >>> list(json_lines(b'{"a": 1}\r\n\n{"b": 2}\n'))
    [(1, b'{"a": 1}'), (3, b'{"b": 2}')]
    """
    if first == 1:
        data = data.removeprefix(_BOM)
    for number, line in enumerate(data.split(b"\n"), start=first):
        text = line[:-1] if line.endswith(b"\r") else line
        if text.strip():
            yield number, text


def plans_in(name: str, data: bytes) -> Iterator[tuple[Source, bytes]]:
    """Every plan of a file's content: one JSON document, or one per JSON Lines line."""
    label = label_of(name)
    if not is_json_lines(name, data):
        yield Source(label), data
        return
    for number, line in json_lines(data):
        yield Source(label, number), line


def read_plans(name: str) -> Iterator[tuple[Source, bytes]]:
    """Every plan of a file: one JSON document, or one per line of a JSON Lines file."""
    yield from plans_in(name, read_bytes(name))


@attrs.frozen
class Slice:
    """A byte range of a JSON Lines file, whole lines only, read by a worker process.

    Attributes:
        path: the file.
        start: the first byte.
        end: the byte after the last.
        first_line: the number of the range's first line in the file.
    """

    path: str
    start: int
    end: int
    first_line: int

    def plans(self) -> Iterator[tuple[Source, bytes]]:
        """The plans of the range, numbered as in the whole file."""
        with Path(self.path).open("rb") as file:
            file.seek(self.start)
            data = file.read(self.end - self.start)
        for number, line in json_lines(data, self.first_line):
            yield Source(self.path, number), line


def slices(path: str, data: bytes, size: int) -> Iterator[Slice]:
    """Cut a JSON Lines file's content into ranges of about ``size`` bytes, on line ends."""
    start, line = 0, 1
    while start < len(data):
        end = data.find(b"\n", start + size)
        end = len(data) if end < 0 else end + 1
        yield Slice(path=path, start=start, end=end, first_line=line)
        line += data.count(b"\n", start, end)
        start = end


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
